//! Export and the way back in, through the dispatcher, on a real library file
//! filled with the bundled articles and a known set of highlights.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use pizhu_api::{ErrorCode, Pizhu};
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

fn call(app: &Pizhu, op: &str, args: Value) -> Value {
    app.call(op, args.clone())
        .unwrap_or_else(|e| panic!("{op} {args}: {e:?}"))
}

fn conformance() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
}

/// The known highlights: (article title contains, passage, themes, note).
const KNOWN: &[(&str, &str, &[&str], &str)] = &[
    (
        "59秒",
        "视频质量媲美“大片”，视觉效果也十分逼真",
        &["产业变革", "媒介与真实"],
        "**画面**逼真 <script>alert(1)</script>",
    ),
    (
        "59秒",
        "一镜到底的视频不需要人来拍摄和剪辑",
        &["制作效率"],
        "=1+1",
    ),
    ("繁花", "Sora 是一种模态翻译的模型", &["技术局限"], ""),
    (
        "繁花",
        "复旦大学计算机学院邱锡鹏教授",
        &["自定义：转折"],
        "待查",
    ),
    ("繁花", "工程实践的成功", &[], "未编码的一条"),
    // The same words highlighted twice: two highlights, and both come back.
    ("繁花", "工程实践的成功", &["技术局限"], "第二次"),
];

struct Lib {
    _dir: tempfile::TempDir,
    app: Pizhu,
}

fn bundled_library() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let app = Pizhu::open(&LibraryDir::new(dir.path().join("lib"))).unwrap();
    Lib { _dir: dir, app }
}

fn article_id(app: &Pizhu, title_part: &str) -> i64 {
    let list = call(app, "listArticles", json!({}));
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(title_part))
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// A bundled library with the KNOWN highlights; returns their ids in order.
fn annotated() -> (Lib, Vec<i64>) {
    let lib = bundled_library();
    let app = &lib.app;
    let mut ids = Vec::new();
    for (title, passage, themes, note) in KNOWN {
        let id = article_id(app, title);
        let text = call(app, "getArticle", json!({"id": id}))["text"]
            .as_str()
            .unwrap()
            .to_string();
        let byte = text
            .find(passage)
            .unwrap_or_else(|| panic!("{passage} not in {title}"));
        let start = text[..byte].chars().count();
        let end = start + passage.chars().count();
        let h = call(
            app,
            "addHighlight",
            json!({"articleId": id, "start": start, "end": end, "themes": themes, "note": note}),
        );
        ids.push(h["id"].as_i64().unwrap());
    }
    (lib, ids)
}

fn export_to(app: &Pizhu, dir: &Path, name: &str, args: Value) -> (PathBuf, Vec<u8>) {
    let path = dir.join(name);
    let mut args = args;
    args["path"] = json!(path);
    let out = call(app, "exportNotes", args);
    assert_eq!(out["path"].as_str().unwrap(), path.to_str().unwrap());
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(out["bytes"].as_u64().unwrap() as usize, bytes.len());
    (path, bytes)
}

#[test]
fn markdown_of_the_library_by_theme() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (lib, _) = annotated();
    let out = tempfile::tempdir().unwrap();
    let (_, bytes) = export_to(&lib.app, out.path(), "notes.md", json!({"format": "md"}));
    let md = String::from_utf8(bytes).unwrap();
    assert!(
        md.starts_with("---\n") && md.contains("\nhighlights: 6\n"),
        "{md}"
    );
    let mut headings = Vec::new();
    let (mut cur, mut in_h, mut quotes, mut deep) = (String::new(), false, 0, 0);
    for ev in Parser::new(md.split("---\n").nth(2).unwrap()) {
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                in_h = true;
                cur.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_h = false;
                headings.push(cur.clone());
            }
            Event::Text(t) if in_h => cur.push_str(&t),
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with("pizhu://article/") =>
            {
                deep += 1
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in Markdown: {h}"),
            _ => {}
        }
    }
    // Code-book order: 产业变革 › 制作效率, …, 媒介与真实, then the new theme, then uncoded.
    assert_eq!(
        headings,
        vec![
            "批注导出",
            "产业变革",
            "制作效率",
            "技术局限",
            "媒介与真实",
            "自定义：转折",
            "未编码",
            "参考文献"
        ]
    );
    // Six highlights; passage 1 sits under two themes.
    assert_eq!(quotes, 7);
    assert_eq!(deep, 7);
    assert!(
        md.contains("刘宗智. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗\\[N\\]. 齐鲁晚报."),
        "{md}"
    );
}

#[test]
fn html_docx_and_csv_of_one_article() {
    let (lib, _) = annotated();
    let out = tempfile::tempdir().unwrap();
    let id = article_id(&lib.app, "59秒");

    let (_, html) = export_to(
        &lib.app,
        out.path(),
        "a.html",
        json!({"format": "html", "articleId": id, "groupBy": "article"}),
    );
    let doc = scraper::Html::parse_document(std::str::from_utf8(&html).unwrap());
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("blockquote")).count(), 2);
    let h2: Vec<String> = doc.select(&sel("h2")).map(|e| e.text().collect()).collect();
    assert_eq!(
        h2,
        vec!["59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗", "参考文献"]
    );
    let notes: String = doc.select(&sel(".note")).map(|e| e.inner_html()).collect();
    assert!(
        notes.contains("<strong>画面</strong>") && !notes.contains("alert"),
        "{notes}"
    );

    let (_, docx) = export_to(
        &lib.app,
        out.path(),
        "a.docx",
        json!({"format": "docx", "articleId": id}),
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let texts = xml_texts(&xml, b"w:t");
    let all = texts.concat();
    for (title, passage, _, _) in KNOWN {
        assert_eq!(all.contains(passage), *title == "59秒", "{passage}");
    }
    assert!(texts.iter().any(|t| t == "[1] 刘宗智. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 齐鲁晚报."), "{texts:?}");
    assert!(xml.contains("w:val=\"Quote\"") && xml.contains("w:val=\"Heading1\""));

    let (_, csv) = export_to(&lib.app, out.path(), "all.csv", json!({"format": "csv"}));
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    let mut r = csv::Reader::from_reader(&csv[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let formula = rows
        .iter()
        .find(|r| r[col("passage")].contains("一镜到底"))
        .unwrap();
    assert_eq!(&formula[col("note")], "'=1+1");
    assert_eq!(&formula[col("source")], "齐鲁晚报");
    assert_eq!(&formula[col("authors")], "刘宗智");
    let two = rows
        .iter()
        .find(|r| r[col("passage")].contains("视觉效果"))
        .unwrap();
    assert_eq!(&two[col("themes")], "产业变革; 媒介与真实");
}

fn xml_texts(xml: &str, tag: &[u8]) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut out, mut inside) = (Vec::new(), false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == tag => {
                inside = true;
                out.push(String::new());
            }
            Event::Text(t) if inside => out.last_mut().unwrap().push_str(&t.unescape().unwrap()),
            Event::End(e) if e.name().as_ref() == tag => inside = false,
            Event::Eof => return out,
            _ => {}
        }
    }
}

#[test]
fn a_theme_by_name_with_or_without_subthemes() {
    let (lib, _) = annotated();
    let with = call(
        &lib.app,
        "exportNotes",
        json!({"format": "csv", "theme": "产业变革"}),
    );
    assert_eq!(with["highlights"], 2, "产业变革 and its sub-theme 制作效率");
    let without = call(
        &lib.app,
        "exportNotes",
        json!({"format": "csv", "theme": "产业变革", "includeSubthemes": false, "utcOffsetMinutes": 480}),
    );
    assert_eq!(without["highlights"], 1);
    // Named for the theme and the user's day (issue 15).
    assert_eq!(
        without["fileName"],
        format!("批注导出-产业变革-{}.csv", beijing_today())
    );
    // A theme within one article.
    let here = article_id(&lib.app, "59秒");
    let elsewhere = article_id(&lib.app, "繁花");
    let one = call(
        &lib.app,
        "exportNotes",
        json!({"format": "csv", "theme": "产业变革", "articleId": here}),
    );
    assert_eq!(one["highlights"], 2);
    let none = call(
        &lib.app,
        "exportNotes",
        json!({"format": "csv", "theme": "产业变革", "articleId": elsewhere}),
    );
    assert_eq!(none["highlights"], 0);
    let coded = call(
        &lib.app,
        "exportNotes",
        json!({"format": "md", "includeUncoded": false}),
    );
    assert_eq!(coded["highlights"], 5);
    let err = lib
        .app
        .call(
            "exportNotes",
            json!({"format": "md", "theme": "没有这个主题"}),
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = lib
        .app
        .call("exportNotes", json!({"format": "pdf"}))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[test]
fn without_a_path_the_file_comes_back_as_base64() {
    use base64::Engine;
    let (lib, ids) = annotated();
    let out = call(
        &lib.app,
        "exportNotes",
        json!({"format": "md", "highlightIds": [ids[2]], "utcOffsetMinutes": 480}),
    );
    assert_eq!(
        out["fileName"],
        format!("批注导出-选定的批注-{}.md", beijing_today())
    );
    // "Exported at" is the user's local time, with its offset.
    let md = base64::engine::general_purpose::STANDARD
        .decode(out["dataBase64"].as_str().unwrap())
        .unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains(&format!("exported: \"{}T", beijing_today())) && md.contains("+08:00\""),
        "{md}"
    );
    assert!(out["mimeType"]
        .as_str()
        .unwrap()
        .starts_with("text/markdown"));
    let md = base64::engine::general_purpose::STANDARD
        .decode(out["dataBase64"].as_str().unwrap())
        .unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("> Sora 是一种模态翻译的模型"));
    assert!(!md.contains("一镜到底"));
}

#[test]
fn an_existing_file_is_kept_unless_forced_and_no_temporary_file_remains() {
    let (lib, _) = annotated();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    std::fs::write(&path, "mine").unwrap();
    let err = lib
        .app
        .call("exportNotes", json!({"format": "md", "path": path}))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    call(
        &lib.app,
        "exportNotes",
        json!({"format": "md", "path": path, "force": true}),
    );
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("---\n"));
    // A folder as the path gets the suggested name.
    let into = call(
        &lib.app,
        "exportNotes",
        json!({"format": "html", "path": out.path()}),
    );
    let into = Path::new(into["path"].as_str().unwrap());
    assert_eq!(into.parent(), Some(out.path()));
    let name = into.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("批注导出-书库-20") && name.ends_with(".html"),
        "{name}"
    );
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    let err = lib
        .app
        .call(
            "exportNotes",
            json!({"format": "md", "path": out.path().join("no/such/dir/x.md")}),
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::WriteFailed);
}

#[test]
fn w3c_export_of_the_bundled_library_passes_the_conformance_validator() {
    let (lib, _) = annotated();
    let out = tempfile::tempdir().unwrap();
    let (path, _) = export_to(
        &lib.app,
        out.path(),
        "notes.jsonld",
        json!({"format": "w3c"}),
    );
    let run = Command::new("python3")
        .arg(conformance().join("validate-w3c-annotations.py"))
        .arg(&path)
        .output()
        .expect("python3 must be installed");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.trim_end().ends_with(" 0 failed"), "{stdout}");
}

type Fingerprint = (String, i64, i64, String, String, Vec<String>, String);

/// Every highlight as (article hash, start, end, exact, note, sorted themes, created).
fn fingerprint(app: &Pizhu) -> Vec<Fingerprint> {
    let hashes: std::collections::HashMap<i64, String> = app
        .store()
        .read(|c| {
            let mut s = c.prepare("SELECT id, content_hash FROM articles")?;
            let rows = s
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .unwrap();
    let mut out: Vec<Fingerprint> = call(app, "listHighlights", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let mut themes: Vec<String> = h["themes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            themes.sort();
            (
                hashes[&h["articleId"].as_i64().unwrap()].clone(),
                h["start"].as_i64().unwrap(),
                h["end"].as_i64().unwrap(),
                h["exact"].as_str().unwrap().to_string(),
                h["note"].as_str().unwrap().to_string(),
                themes,
                h["createdAt"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn w3c_round_trip_restores_every_highlight_theme_and_note() {
    let (a, _) = annotated();
    // A theme with its own colour and a sub-theme no highlight uses yet.
    call(
        &a.app,
        "updateTheme",
        json!({"id": "自定义：转折", "color": "#123abc"}),
    );
    call(
        &a.app,
        "addTheme",
        json!({"name": "回合子主题", "color": "#0a0b0c", "parentId": "自定义：转折"}),
    );
    let out = tempfile::tempdir().unwrap();
    let (path, _) = export_to(&a.app, out.path(), "notes.jsonld", json!({"format": "w3c"}));

    let b = bundled_library();
    assert!(fingerprint(&b.app).is_empty());
    let report = call(&b.app, "importAnnotations", json!({"path": path}));
    assert_eq!(report["annotations"], 6);
    assert_eq!(report["imported"], 6);
    assert_eq!(report["unmatched"], json!([]));
    assert_eq!(
        report["themesCreated"],
        json!(["自定义：转折", "回合子主题"])
    );
    assert_eq!(fingerprint(&b.app), fingerprint(&a.app));
    let themes = call(&b.app, "listThemes", json!({}));
    let find = |n: &str| {
        themes
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(find("自定义：转折")["color"], "#123abc");
    assert_eq!(find("回合子主题")["color"], "#0a0b0c");
    assert_eq!(find("回合子主题")["parentId"], find("自定义：转折")["id"]);

    // Importing again changes nothing.
    let again = call(&b.app, "importAnnotations", json!({"path": path}));
    assert_eq!(
        (again["imported"].as_i64(), again["merged"].as_i64()),
        (Some(0), Some(6))
    );
    assert_eq!(fingerprint(&b.app), fingerprint(&a.app));
}

#[test]
fn w3c_import_reports_what_it_cannot_place() {
    use base64::Engine;
    let b = bundled_library();
    let doc = json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
        {"id": "urn:x:1", "type": "Annotation", "target": {"source": "urn:pizhu:article:0000", "selector":
            {"type": "TextQuoteSelector", "exact": "Sora"}}},
        {"id": "urn:x:2", "type": "Annotation", "target": {"source": "https://example.org/other", "selector":
            {"type": "TextQuoteSelector", "exact": "这句话不在任何文章里"}}},
        {"id": "urn:x:3", "type": "Annotation", "bodyValue": "别处来的笔记", "target": {"source": "https://example.org/x",
            "selector": {"type": "TextQuoteSelector", "exact": "复旦大学计算机学院邱锡鹏教授"}}}
    ]}});
    let data = base64::engine::general_purpose::STANDARD.encode(doc.to_string());
    let report = call(&b.app, "importAnnotations", json!({"dataBase64": data}));
    assert_eq!(report["imported"], 1, "{report}");
    let reasons: Vec<&str> = report["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        vec![
            "the article is not in this library",
            "the passage is not in the article"
        ]
    );
    let h = &call(&b.app, "listHighlights", json!({}))[0];
    assert_eq!(h["note"], "别处来的笔记");
    let err = b
        .app
        .call("importAnnotations", json!({"dataBase64": "bm90IGpzb24="}))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ImportFailed);
}

#[test]
fn qdpx_of_the_bundled_library_validates_and_its_codes_seed_another_code_book() {
    let (lib, _) = annotated();
    call(
        &lib.app,
        "addTheme",
        json!({"name": "REFI 父主题", "color": "#123456"}),
    );
    call(
        &lib.app,
        "addTheme",
        json!({"name": "REFI 子主题", "parentId": "REFI 父主题"}),
    );
    let out = tempfile::tempdir().unwrap();
    let (path, bytes) = export_to(
        &lib.app,
        out.path(),
        "project.qdpx",
        json!({"format": "qdpx"}),
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut qde = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut qde)
        .unwrap();
    let qde_path = out.path().join("project.qde");
    std::fs::write(&qde_path, &qde).unwrap();
    let run = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(conformance().join("refi-qda/Project-mrt2019.xsd"))
        .arg(&qde_path)
        .output()
        .expect("xmllint must be installed");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let sources = (0..zip.len())
        .filter(|i| {
            zip.by_index(*i).unwrap().name().starts_with("sources/")
                && !zip.by_index(*i).unwrap().is_dir()
        })
        .count();
    assert_eq!(
        sources as i64,
        call(&lib.app, "listArticles", json!({}))
            .as_array()
            .unwrap()
            .len() as i64
    );
    // Each selection's positions slice its passage out of the exported text.
    let first = KNOWN[0].1;
    let start_attr = qde
        .find(&format!("name=\"{first}\""))
        .expect("selection named by its passage");
    let tag = &qde[qde[..start_attr].rfind('<').unwrap()..];
    let num = |k: &str| -> usize {
        let i = tag.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
        tag[i..i + tag[i..].find('"').unwrap()].parse().unwrap()
    };
    let (s, e) = (num("startPosition"), num("endPosition"));
    let id = article_id(&lib.app, "59秒");
    let text = call(&lib.app, "getArticle", json!({"id": id}))["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(text.chars().skip(s).take(e - s).collect::<String>(), first);

    // The project's codes seed a library that lacks them.
    let b = bundled_library();
    let report = call(&b.app, "importCodebook", json!({"path": path}));
    assert_eq!(
        report["created"],
        json!(["自定义：转折", "REFI 父主题", "REFI 子主题"])
    );
    assert!(report["existing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n == "产业变革"));
    let themes = call(&b.app, "listThemes", json!({}));
    let find = |n: &str| {
        themes
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(find("REFI 子主题")["parentId"], find("REFI 父主题")["id"]);
    assert_eq!(
        find("REFI 父主题")["color"]
            .as_str()
            .unwrap()
            .to_ascii_uppercase(),
        "#123456"
    );
}

#[test]
fn safe_file_name_op() {
    let lib = bundled_library();
    let out = call(
        &lib.app,
        "safeFileName",
        json!({"title": "CON", "ext": "w3c"}),
    );
    assert_eq!(out["fileName"], "_CON.jsonld");
    let out = call(&lib.app, "safeFileName", json!({"title": "a/b: c?"}));
    assert_eq!(out["fileName"], "a_b_ c_");
}

/// Today's date in UTC+8, as an export made there names it.
fn beijing_today() -> String {
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    chrono::Utc::now()
        .with_timezone(&beijing)
        .format("%Y-%m-%d")
        .to_string()
}
