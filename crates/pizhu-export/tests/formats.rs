//! Each writer on the fixture model, read back with a real parser of its format.

mod common;

use std::io::Read;
use std::process::Command;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format, Selection};

fn run(format: Format, opts: &ExportOptions) -> Vec<u8> {
    export(&model(), opts, format).unwrap().bytes
}

// ---------- Markdown ----------

#[test]
fn markdown_parses_as_commonmark_with_front_matter_headings_quotes_and_deep_links() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let md = String::from_utf8(run(Format::Markdown, &ExportOptions::default())).unwrap();
    assert!(md.starts_with("---\ntitle: \"批注导出\"\n"), "{md}");
    let body = md.splitn(3, "---\n").nth(2).expect("front matter closes");
    let front = md.split("---\n").nth(1).unwrap();
    assert!(
        front.contains("highlights: 5") && front.contains("\"技术原理\""),
        "{front}"
    );

    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut quote_depth = 0;
    let mut quotes = 0;
    let mut quoted_text = String::new();
    let mut in_heading: Option<(HeadingLevel, String)> = None;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.push(in_heading.take().unwrap()),
            Event::Start(Tag::BlockQuote(_)) => {
                quote_depth += 1;
                quotes += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => quote_depth -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML leaked into Markdown: {h}"),
            Event::Text(t) => {
                if let Some((_, s)) = in_heading.as_mut() {
                    s.push_str(&t);
                } else if quote_depth > 0 {
                    quoted_text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    let names: Vec<(HeadingLevel, &str)> = headings.iter().map(|(l, s)| (*l, s.as_str())).collect();
    assert_eq!(
        names,
        vec![
            (HeadingLevel::H1, "批注导出"),
            (HeadingLevel::H2, "技术原理"),
            (HeadingLevel::H3, "扩散模型"),
            (HeadingLevel::H2, "产业影响"),
            (HeadingLevel::H2, "未编码"),
            (HeadingLevel::H2, "文章备忘"),
            (
                HeadingLevel::H3,
                "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗"
            ),
            (HeadingLevel::H2, "参考文献"),
        ],
        "the note's '# …' must not become a heading; the empty theme is left out"
    );
    // 技术原理 has 1 and 3, 扩散模型 has 1 and 5, 产业影响 2, uncoded 4: six quotes.
    assert_eq!(quotes, 6);
    assert!(
        quoted_text.contains("<b>不是</b>技术革命 & 工程实践"),
        "markup in a passage stays literal: {quoted_text}"
    );
    let deep: Vec<&String> = links.iter().filter(|l| l.starts_with("pizhu://")).collect();
    assert_eq!(deep.len(), 6);
    let h1 = &model().highlights[0];
    assert!(deep.contains(&&format!(
        "pizhu://article/1?start={}&end={}",
        h1.start, h1.end
    )));
    assert!(
        body.contains("整篇偏科普。"),
        "the article memo is in its own section"
    );
    assert!(
        body.contains("第 3 段"),
        "paragraph numbers count every paragraph, heading included"
    );
    assert!(body.contains("\\[1\\] 刘宗智. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗\\[N\\]. 齐鲁晚报, 2024-02-19."), "{body}");
}

#[test]
fn markdown_by_article_without_notes_or_memos() {
    let opts = ExportOptions {
        group_by: GroupBy::Article,
        include_notes: false,
        include_memos: false,
        ..Default::default()
    };
    let md = String::from_utf8(run(Format::Markdown, &opts)).unwrap();
    assert!(md.contains("## 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗"));
    assert!(md.contains("## 输入“繁花”能演出爷叔看宝总的表情？"));
    assert!(
        !md.contains("没有批注的文章"),
        "an article without passages has no section"
    );
    assert!(!md.contains("笔记") && !md.contains("HYPERLINK") && !md.contains("整篇偏科普"));
    assert!(md.contains("主题：技术原理、扩散模型"));
}

// ---------- HTML ----------

#[test]
fn html_is_self_contained_escaped_and_print_ready() {
    use scraper::{Html, Selector};
    let html = String::from_utf8(run(Format::Html, &ExportOptions::default())).unwrap();
    let doc = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    assert_eq!(
        doc.select(&sel("script")).count(),
        0,
        "no scripts, not even from notes"
    );
    assert_eq!(
        doc.select(&sel("link, img, iframe, object")).count(),
        0,
        "nothing loaded from outside"
    );
    let style: String = doc.select(&sel("style")).map(|s| s.inner_html()).collect();
    assert!(style.contains("@media print"));
    assert_eq!(
        doc.select(&sel("h1"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        "批注导出"
    );
    let h2: Vec<String> = doc.select(&sel("h2")).map(|e| e.text().collect()).collect();
    assert_eq!(
        h2,
        vec!["技术原理", "产业影响", "未编码", "文章备忘", "参考文献"]
    );
    assert_eq!(
        doc.select(&sel("h3"))
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>(),
        vec!["扩散模型", "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗"]
    );
    assert_eq!(doc.select(&sel("blockquote")).count(), 6);
    // The passage with markup is text, not a <b> element.
    let quotes: String = doc
        .select(&sel("blockquote"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(quotes.contains("<b>不是</b>技术革命 & 工程实践"));
    assert_eq!(doc.select(&sel("blockquote b")).count(), 0);
    // Notes render their Markdown, but the <script> is gone.
    let notes: Vec<String> = doc.select(&sel(".note")).map(|e| e.inner_html()).collect();
    assert!(
        notes.iter().any(|n| n.contains("<strong>关键</strong>")),
        "{notes:?}"
    );
    assert!(notes.iter().all(|n| !n.contains("alert")), "{notes:?}");
    let links: Vec<&str> = doc
        .select(&sel("a.open-link"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links.len(), 6);
    assert!(links.iter().all(|l| l.starts_with("pizhu://article/")));
    let refs: Vec<String> = doc
        .select(&sel("ol.references li"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(refs.len(), 2);
    assert!(
        refs[1].starts_with("[2] 刘昕璐. 输入“繁花”能演出爷叔看宝总的表情？[N]. 青年报."),
        "{refs:?}"
    );
}

// ---------- DOCX ----------

fn docx_paragraphs(bytes: &[u8]) -> Vec<(String, String)> {
    // (style id, text) of every paragraph in word/document.xml.
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let (mut style, mut text, mut in_t) = (String::new(), String::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => {
                    style.clear();
                    text.clear();
                }
                b"w:pStyle" => {
                    style = e
                        .try_get_attribute("w:val")
                        .unwrap()
                        .unwrap()
                        .unescape_value()
                        .unwrap()
                        .into_owned()
                }
                b"w:t" => in_t = true,
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t.unescape().unwrap()),
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" => out.push((style.clone(), text.clone())),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn docx_reads_back_with_headings_quotes_notes_and_references() {
    let bytes = run(Format::Docx, &ExportOptions::default());
    // A DOCX reader accepts it.
    let doc = docx_rs::read_docx(&bytes).expect("docx-rs reads the file back");
    assert!(!doc.document.children.is_empty());
    let paras = docx_paragraphs(&bytes);
    let with = |style: &str| {
        paras
            .iter()
            .filter(|(s, _)| s == style)
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(with("Title"), vec!["批注导出"]);
    assert_eq!(
        with("Heading1"),
        vec!["技术原理", "产业影响", "未编码", "文章备忘", "参考文献"]
    );
    assert_eq!(
        with("Heading2"),
        vec!["扩散模型", "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗"]
    );
    let quotes = with("Quote");
    // Five passages, one listed twice (two themes), one across two paragraphs → two Word paragraphs.
    assert!(quotes.contains(&"Sora模型的核心是扩散模型"));
    assert!(quotes.contains(&"<b>不是</b>技术革命 & 工程实践"));
    assert!(quotes.contains(&"随机噪声”开始。") && quotes.contains(&"视频制作"));
    let notes = with("PizhuNote");
    assert!(notes.iter().any(|n| n.contains("=HYPERLINK")), "{notes:?}");
    assert!(
        notes.contains(&"技术类的总备忘") || notes.iter().any(|n| n.contains("技术类的总备忘"))
    );
    let refs = with("PizhuReference");
    assert_eq!(
        refs[0],
        "[1] 刘宗智. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 齐鲁晚报, 2024-02-19."
    );
    let sources = with("PizhuSource");
    assert!(
        sources
            .iter()
            .any(|s| s.contains("第 3 段") && !s.contains("在 Pizhu 中打开")),
        "{sources:?}"
    );
    // Every style a paragraph names is defined in styles.xml (Word repairs files that break this).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    for (style, _) in &paras {
        if !style.is_empty() {
            assert!(
                styles.contains(&format!("w:styleId=\"{style}\"")),
                "style {style} is not defined"
            );
        }
    }
}

// ---------- CSV ----------

#[test]
fn csv_has_bom_one_row_per_highlight_and_neutralised_formulas() {
    let bytes = run(Format::Csv, &ExportOptions::default());
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 BOM for Excel"
    );
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, pizhu_export::csv::HEADER.to_vec());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "one row per highlight, even with two themes");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let by_id = |id: &str| rows.iter().find(|r| &r[col("highlight_id")] == id).unwrap();
    assert_eq!(&by_id("2")[col("note")], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(&by_id("1")[col("themes")], "技术原理; 扩散模型");
    assert_eq!(&by_id("1")[col("authors")], "刘宗智");
    assert_eq!(
        &by_id("5")[col("passage")],
        "随机噪声”开始。\n视频制作",
        "a line break survives quoting"
    );
    assert_eq!(&by_id("4")[col("themes")], "");
    assert_eq!(&by_id("3")[col("paragraph")], "2");
    let h3 = &model().highlights[2];
    assert_eq!(by_id("3")[col("start")].parse::<usize>().unwrap(), h3.start);
    assert_eq!(&by_id("1")[col("created")], "2024-03-01T09:00:00Z");
}

// ---------- W3C ----------

#[test]
fn w3c_passes_the_conformance_validator_with_zero_failures() {
    let bytes = run(Format::W3c, &ExportOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.jsonld");
    std::fs::write(&path, &bytes).unwrap();
    let script = conformance_dir().join("validate-w3c-annotations.py");
    assert!(
        script.exists(),
        "conformance validator missing at {}",
        script.display()
    );
    let out = Command::new("python3")
        .arg(&script)
        .arg(&path)
        .output()
        .expect("python3 must be installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "validator failed (is `jsonschema` installed?):\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.trim_end().ends_with(" 0 failed"), "{stdout}");
    let passed: usize = stdout
        .trim()
        .rsplit('\n')
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        passed >= 5 * 50,
        "every annotation checked against every assertion: {stdout}"
    );
}

#[test]
fn w3c_structure_and_read_back() {
    let bytes = run(Format::W3c, &ExportOptions::default());
    let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc["type"], "AnnotationCollection");
    assert_eq!(doc["total"], 5);
    let items = doc["first"]["items"].as_array().unwrap();
    for a in items {
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert!(a["created"].is_string() && a["modified"].is_string());
        assert_eq!(a["target"]["type"], "SpecificResource");
    }
    let first = &items[0];
    assert_eq!(first["body"][0]["purpose"], "commenting");
    assert_eq!(
        first["body"][1],
        serde_json::json!({"type": "TextualBody", "purpose": "tagging", "value": "技术原理"})
    );
    assert_eq!(
        first["target"]["source"],
        format!("urn:pizhu:article:{}", "a".repeat(64))
    );

    let book = pizhu_export::w3c::parse_codebook(&bytes);
    assert_eq!(book.len(), 4);
    assert_eq!(book[1].name, "扩散模型");
    assert_eq!(book[1].parent.as_deref(), Some("技术原理"));
    assert_eq!(book[1].color.as_deref(), Some("#aec"));
    assert!(pizhu_export::w3c::parse_codebook(b"[]").is_empty());

    let parsed = pizhu_export::w3c::parse(&bytes).unwrap();
    let m = model();
    assert_eq!(parsed.len(), 5);
    // The position selector counts code points: the passage after 𠜎𠜱 anchors exactly.
    let b = m.article(2).unwrap();
    let p3 = parsed
        .iter()
        .find(|p| p.exact.as_deref() == Some("Sora 是一种模态翻译的模型"))
        .unwrap();
    let h3 = &m.highlights[2];
    assert_eq!((p3.start, p3.end), (Some(h3.start), Some(h3.end)));
    assert_eq!(
        pizhu_export::w3c::anchor(&b.text, p3),
        Some((h3.start, h3.end))
    );
}

// ---------- REFI-QDA ----------

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().to_string(), s);
    }
    out
}

#[test]
fn qdpx_project_validates_against_the_refi_schema() {
    let files = unzip(&run(Format::Qdpx, &ExportOptions::default()));
    let dir = tempfile::tempdir().unwrap();
    let qde = dir.path().join("project.qde");
    std::fs::write(&qde, &files["project.qde"]).unwrap();
    let xsd = conformance_dir().join("refi-qda/Project-mrt2019.xsd");
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&qde)
        .output()
        .expect("xmllint (libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        files["project.qde"]
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("validates"));
}

#[test]
fn qdpx_selections_count_code_points_of_the_exported_text() {
    let files = unzip(&run(Format::Qdpx, &ExportOptions::default()));
    let qde = &files["project.qde"];
    assert_eq!(
        files.keys().filter(|k| k.starts_with("sources/")).count(),
        3,
        "every article is a source"
    );
    let m = model();
    // Find each selection and its source file, slice the text by code points, compare.
    let doc = roxml(qde);
    let mut checked = 0;
    for (path, selections) in doc {
        let text = &files[&format!("sources/{}", path.trim_start_matches("internal://"))];
        for (start, end, codes) in selections {
            let slice: String = text.chars().skip(start).take(end - start).collect();
            let h = m
                .highlights
                .iter()
                .find(|h| h.exact == slice)
                .unwrap_or_else(|| panic!("no highlight {slice:?}"));
            assert_eq!((h.start, h.end), (start, end));
            assert_eq!(codes, h.theme_ids.len());
            checked += 1;
        }
    }
    assert_eq!(checked, 5);
    assert!(qde.contains("color=\"#1F77B4\"") && qde.contains("color=\"#AAEECC\""));
    assert!(qde.contains("<PlainTextContent>=HYPERLINK(\"http://evil\")</PlainTextContent>"));
    // The code book nests 扩散模型 inside 技术原理.
    let codes =
        pizhu_export::qdpx::read_codebook(&run(Format::Qdpx, &ExportOptions::default())).unwrap();
    assert_eq!(
        codes.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        vec!["技术原理", "产业影响", "空主题"]
    );
    assert_eq!(codes[0].children[0].name, "扩散模型");
}

/// (plainTextPath, [(start, end, number of codings)]) per TextSource, read with quick-xml.
type SourceSelections = Vec<(String, Vec<(usize, usize, usize)>)>;

fn roxml(qde: &str) -> SourceSelections {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(qde);
    let mut out: SourceSelections = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart, k: &str| {
        e.try_get_attribute(k)
            .unwrap()
            .map(|a| a.unescape_value().unwrap().into_owned())
    };
    let mut in_selection = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"TextSource" => {
                out.push((attr(&e, "plainTextPath").unwrap(), vec![]))
            }
            Event::Start(e) if e.name().as_ref() == b"PlainTextSelection" => {
                let s = attr(&e, "startPosition").unwrap().parse().unwrap();
                let en = attr(&e, "endPosition").unwrap().parse().unwrap();
                out.last_mut().unwrap().1.push((s, en, 0));
                in_selection = true;
            }
            Event::Empty(e) if e.name().as_ref() == b"CodeRef" && in_selection => {
                out.last_mut().unwrap().1.last_mut().unwrap().2 += 1;
            }
            Event::End(e) if e.name().as_ref() == b"PlainTextSelection" => in_selection = false,
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

// ---------- Scope and grouping ----------

#[test]
fn theme_scope_with_and_without_subthemes() {
    let m = model();
    let with = options(
        Scope::Theme {
            id: T_TECH,
            include_subthemes: true,
        },
        GroupBy::Theme,
    );
    let sel = Selection::new(&m, &with).unwrap();
    let ids: Vec<i64> = sel.highlights.iter().map(|h| h.id).collect();
    assert_eq!(ids, vec![1, 5, 3]);
    assert_eq!(sel.title, "主题：技术原理");
    let without = options(
        Scope::Theme {
            id: T_TECH,
            include_subthemes: false,
        },
        GroupBy::Theme,
    );
    let sel = Selection::new(&m, &without).unwrap();
    assert_eq!(
        sel.highlights.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![1, 3]
    );
    assert_eq!(sel.themes.len(), 1);
    // The interchange formats then hold only the themes in scope.
    let codes =
        pizhu_export::qdpx::read_codebook(&export(&m, &without, Format::Qdpx).unwrap().bytes)
            .unwrap();
    assert_eq!(codes.len(), 1);
    assert!(codes[0].children.is_empty());
}

#[test]
fn article_and_highlight_scopes_and_uncoded_filter() {
    let m = model();
    let sel_opts = options(Scope::Article { id: 2 }, GroupBy::Article);
    let sel = Selection::new(&m, &sel_opts).unwrap();
    assert_eq!(
        sel.highlights.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![3, 4]
    );
    assert_eq!(sel.articles.len(), 1);

    let coded_only = ExportOptions {
        include_uncoded: false,
        ..options(Scope::Article { id: 2 }, GroupBy::Theme)
    };
    let sel = Selection::new(&m, &coded_only).unwrap();
    assert_eq!(
        sel.highlights.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![3]
    );

    let picked = options(Scope::Highlights { ids: vec![4, 2] }, GroupBy::Theme);
    let sel = Selection::new(&m, &picked).unwrap();
    assert_eq!(
        sel.highlights.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![2, 4]
    );
    assert_eq!(sel.cited.len(), 2);

    assert!(Selection::new(&m, &options(Scope::Article { id: 99 }, GroupBy::Theme)).is_err());
    assert!(Selection::new(
        &m,
        &options(Scope::Highlights { ids: vec![99] }, GroupBy::Theme)
    )
    .is_err());
}

#[test]
fn apa_option_changes_every_reference_list() {
    let opts = ExportOptions {
        citation_style: CitationStyle::Apa,
        ..Default::default()
    };
    let md = String::from_utf8(run(Format::Markdown, &opts)).unwrap();
    assert!(
        md.contains(
            "刘宗智. (2024, February 19). 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗. 齐鲁晚报."
        ),
        "{md}"
    );
    assert!(!md.contains("[N]"));
}

#[test]
fn empty_library_exports_cleanly_in_every_format() {
    let m = ExportModel {
        exported_at: "2024-03-09T12:00:00Z".into(),
        ..Default::default()
    };
    for f in Format::ALL {
        let file = export(&m, &ExportOptions::default(), f).unwrap();
        // An empty RIS or BibTeX file is an empty reference list.
        assert!(!file.bytes.is_empty() || f.is_references(), "{f:?}");
        assert_eq!(
            file.file_name,
            format!("批注导出-书库-2024-03-09.{}", f.extension())
        );
    }
}

#[test]
fn references_are_numbered_in_order_of_first_citation() {
    let m = model();
    // 技术原理 (article 2's passage) comes before 产业影响 (article 1's) in the code book.
    let opts = options(Scope::Highlights { ids: vec![2, 3] }, GroupBy::Theme);
    let sel = Selection::new(&m, &opts).unwrap();
    assert_eq!(
        sel.cited.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(sel.reference_number(2), Some(1));
    let md = String::from_utf8(export(&m, &opts, Format::Markdown).unwrap().bytes).unwrap();
    assert!(md.contains("\\[1\\] 刘昕璐."), "{md}");
    assert!(
        md.contains("tags: [\"pizhu\", \"技术原理\", \"产业影响\"]"),
        "only themes with passages: {md}"
    );
}

#[test]
fn paragraph_numbers_agree_with_the_plain_count_at_every_offset() {
    let m = model();
    let opts = ExportOptions::default();
    let sel = Selection::new(&m, &opts).unwrap();
    for a in &m.articles {
        for start in 0..a.text.chars().count() {
            let h = ExportHighlight {
                article_id: a.id,
                start,
                end: start + 1,
                ..Default::default()
            };
            assert_eq!(
                sel.paragraph_number(&h),
                paragraph_number(&a.text, start),
                "article {} offset {start}",
                a.id
            );
        }
    }
}
