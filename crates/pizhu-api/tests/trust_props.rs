//! Property tests (proptest) for everything that reads untrusted input or does
//! offset arithmetic: encoding detection, decoding, the cleaner, HTML, Markdown and
//! DOCX import on arbitrary and on mutated real files; code point ↔ UTF-8 ↔ UTF-16
//! offsets; every export writer, and note Markdown rendering, fed naughty strings.
//!
//! Properties: no panic, bounded time per input, offsets that round-trip, and HTML
//! output in which no script can run. CI runs the default case counts; a longer
//! run is `PROPTEST_CASES=100000 cargo test -p pizhu-api --release --test trust_props`.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use pizhu_core::text;
use pizhu_export::model::{ExportArticle, ExportHighlight, ExportTheme, GroupBy};
use pizhu_export::{ExportModel, ExportOptions, Format};
use pizhu_import::{import_bytes, ImportOptions};
use proptest::prelude::*;

/// Debug builds on a shared 2-core machine; the release figure is far lower.
const TIME_PER_INPUT: Duration = Duration::from_secs(10);

fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Payloads from past note-app advisories, plus strings that break naive code
/// (a sample in the spirit of the Big List of Naughty Strings).
const NAUGHTY: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<details open ontoggle=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<embed src=\"data:text/html,<script>alert(1)</script>\">",
    "<object data=\"javascript:alert(1)\"></object>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "'\"--></style></script><script>alert(1)</script>",
    "<body onload=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<<script>script>alert(1)<</script>/script>",
    "<style>@import 'http://evil';</style>",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    "\u{202E}evil\u{202C}",
    "\u{FEFF}\u{200B}\u{200D}",
    "𠮷野家😀👩‍👩‍👧‍👦",
    "e\u{301}\u{301}\u{301}",
    "\0\u{1}\u{7f}",
    "\r\n\r\n",
    "%s%n%x",
    "../../../../etc/passwd",
    "Ω≈ç√∫˜µ≤≥÷",
    "<!--",
    "]]>",
    "&amp;&lt;",
];

fn naughty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(NAUGHTY).prop_map(str::to_string),
        (
            prop::sample::select(NAUGHTY),
            ".{0,40}",
            prop::sample::select(NAUGHTY)
        )
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        ".{0,60}",
    ]
}

/// Elements and attributes that let markup run script or load a document.
fn script_risks(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut risks = vec![];
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name().to_ascii_lowercase();
        if [
            "script", "iframe", "frame", "embed", "object", "base", "form", "applet",
        ]
        .contains(&name.as_str())
        {
            risks.push(format!("<{name}>"));
        }
        if name == "meta" && el.attr("http-equiv").is_some() {
            risks.push("<meta http-equiv>".into());
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if attr.starts_with("on") || attr == "srcdoc" || attr == "formaction" {
                risks.push(format!("<{name} {attr}>"));
            }
            if [
                "href",
                "src",
                "action",
                "data",
                "xlink:href",
                "poster",
                "background",
            ]
            .contains(&attr.as_str())
                && (v.starts_with("javascript:")
                    || v.starts_with("vbscript:")
                    || v.starts_with("data:text/html"))
            {
                risks.push(format!("<{name} {attr}={value}>"));
            }
            if attr == "style" && (v.contains("expression(") || v.contains("javascript:")) {
                risks.push(format!("<{name} style={value}>"));
            }
        }
    }
    risks
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    assert!(took < TIME_PER_INPUT, "{what} took {took:?}");
    out
}

fn real_articles() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/articles");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn docx_of(text: &str) -> Vec<u8> {
    let body: String = text
        .lines()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                pizhu_export::html::escape(l)
            )
        })
        .collect();
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(doc.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Flip, overwrite and cut bytes of `base` at positions given as fractions.
fn mutate(base: &[u8], edits: &[(u32, u8)], cut: Option<u32>) -> Vec<u8> {
    let mut b = base.to_vec();
    for &(at, byte) in edits {
        if !b.is_empty() {
            let i = (at as usize) % b.len();
            b[i] = byte;
        }
    }
    if let Some(c) = cut {
        if !b.is_empty() {
            b.truncate((c as usize) % b.len() + 1);
        }
    }
    b
}

const NAMES: &[&str] = &["a.txt", "a.md", "a.html", "a.docx"];

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn import_never_panics_on_arbitrary_bytes(name in prop::sample::select(NAMES), bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = timed(name, || import_bytes(name, &bytes, &ImportOptions::default()));
    }

    #[test]
    fn import_never_panics_on_text_like_input(name in prop::sample::select(NAMES), s in "(\\PC|\\n|\\r|\\t|<[a-z/!?]{0,8}[ =\"'>]?|&#?[a-z0-9]{0,6};?|\u{FEFF}|\u{3000}){0,400}", enc in prop::sample::select(&["", "gbk", "big5", "utf-16le", "utf-16be", "gb18030", "shift_jis", "bogus"][..])) {
        let opts = ImportOptions { encoding: (!enc.is_empty()).then(|| enc.to_string()) };
        let _ = timed(name, || import_bytes(name, s.as_bytes(), &opts));
    }

    #[test]
    fn code_point_utf8_utf16_offsets_round_trip(s in any::<String>(), probe in any::<usize>()) {
        let n = text::cp_len(&s);
        prop_assert_eq!(n, s.chars().count());
        for cp in 0..=n {
            let b = text::cp_to_byte(&s, cp).unwrap();
            prop_assert_eq!(text::byte_to_cp(&s, b), Some(cp));
            let u = text::cp_to_utf16(&s, cp).unwrap();
            prop_assert_eq!(text::utf16_to_cp(&s, u), Some(cp));
        }
        prop_assert_eq!(text::cp_to_byte(&s, n + 1), None);
        prop_assert_eq!(text::cp_to_utf16(&s, n + 1), None);
        // Any UTF-16 offset: a char boundary maps back exactly, a surrogate middle or
        // past-the-end is refused, never a panic.
        let units: usize = s.chars().map(char::len_utf16).sum();
        let u = probe % (units + 2);
        match text::utf16_to_cp(&s, u) {
            Some(cp) => prop_assert_eq!(text::cp_to_utf16(&s, cp), Some(u)),
            None => {
                let boundary = u > units || s.chars().scan(0, |acc, c| { *acc += c.len_utf16(); Some(*acc) }).all(|b| b != u) && u != 0;
                prop_assert!(boundary, "utf16 offset {} refused but is a boundary", u);
            }
        }
        let b = probe % (s.len() + 2);
        prop_assert_eq!(text::byte_to_cp(&s, b).is_some(), b <= s.len() && s.is_char_boundary(b));
        let (x, y) = (probe % (n + 2), (probe / 7) % (n + 2));
        match text::cp_slice(&s, x, y) {
            Some(sub) => prop_assert_eq!(text::cp_len(sub), y - x),
            None => prop_assert!(x > y || y > n),
        }
    }

    #[test]
    fn note_markdown_renders_without_runnable_script(note in naughty_string()) {
        let html = pizhu_export::html::markdown_to_safe_html(&note);
        let risks = script_risks(&html);
        prop_assert!(risks.is_empty(), "{:?} in {:?}", risks, html);
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn import_never_panics_on_mutated_real_articles(which in any::<prop::sample::Index>(), as_name in prop::sample::select(NAMES), edits in prop::collection::vec((any::<u32>(), any::<u8>()), 0..32), cut in prop::option::of(any::<u32>())) {
        let all = real_articles();
        let base = which.get(&all);
        let input = if as_name.ends_with(".docx") { docx_of(&String::from_utf8_lossy(base)) } else { base.clone() };
        let bytes = mutate(&input, &edits, cut);
        let _ = timed(as_name, || import_bytes(as_name, &bytes, &ImportOptions::default()));
    }

    #[test]
    fn html_import_of_hostile_markup_never_panics(parts in prop::collection::vec(naughty_string(), 1..12)) {
        let page = format!("<html><head><title>{}</title></head><body><h1>{}</h1><p>{}</p></body></html>", parts[0], parts[parts.len() - 1], parts.join("</p><p>"));
        let _ = timed("html", || import_bytes("page.html", page.as_bytes(), &ImportOptions::default()));
    }

    #[test]
    fn every_export_writer_handles_naughty_strings_and_html_stays_inert(
        title in naughty_string(), body in naughty_string(), theme in naughty_string(), note in naughty_string(),
        memo in naughty_string(), author in naughty_string(), by_article in any::<bool>(),
    ) {
        let text = format!("第一段{body}。\n第二段文字。");
        let n = text::cp_len(&text);
        let model = ExportModel {
            exported_at: "2026-01-01T00:00:00Z".into(),
            articles: vec![ExportArticle { id: 1, title: title.clone(), authors: vec![author], text: text.clone(), memo: memo.clone(), content_hash: "h".into(), ..Default::default() }],
            themes: vec![ExportTheme { id: 1, name: theme.clone(), color: "#e0a030".into(), description: memo.clone(), memo, ..Default::default() }],
            highlights: vec![ExportHighlight { id: 1, article_id: 1, start: 0, end: n.min(4), exact: text::cp_slice(&text, 0, n.min(4)).unwrap().into(), note, theme_ids: vec![1], ..Default::default() }],
            review_cards: vec![],
        };
        let options = ExportOptions { group_by: if by_article { GroupBy::Article } else { GroupBy::Theme }, ..ExportOptions::default() };
        for format in Format::ALL {
            let file = timed("export", || pizhu_export::export(&model, &options, format));
            let file = file.map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
            prop_assert!(!file.file_name.contains('/') && !file.file_name.contains('\\') && !file.file_name.starts_with('.'), "{:?}", file.file_name);
            if format == Format::Html {
                let html = String::from_utf8(file.bytes).unwrap();
                let risks = script_risks(&html);
                prop_assert!(risks.is_empty(), "{:?} in exported HTML", risks);
            }
        }
    }
}

/// The checker itself: each payload, as raw HTML, is flagged.
#[test]
fn the_script_checker_flags_every_raw_payload() {
    for p in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<embed src=\"data:text/html,x\">",
        "<object data=\"javascript:alert(1)\"></object>",
        "<form action=javascript:alert(1)></form>",
        "<meta http-equiv=\"refresh\" content=\"0\">",
    ] {
        assert!(!script_risks(p).is_empty(), "not flagged: {p}");
    }
    assert!(
        script_risks("<p><a href=\"https://example.com\">ok</a> <em>&lt;script&gt;</em></p>")
            .is_empty()
    );
}
