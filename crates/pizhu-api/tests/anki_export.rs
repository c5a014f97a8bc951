//! The Anki export, judged by Anki itself: a package written by `exportNotes`
//! with `format: "anki"` is imported into a fresh collection by Anki's own
//! Python library (PyPI `anki`, installed by scripts/setup.sh), and the notes,
//! cards, cloze deletions and tags that arrive are checked. A machine without
//! python3 or the `anki` module FAILS this test: it never skips.

use std::path::PathBuf;
use std::process::Command;

use pizhu_api::Pizhu;
use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle};
use serde_json::{json, Value};

const TEXT: &str =
    "第一句。文生视频模型带来了变革，影视产业需要新的思考。观众 与创作者的关系也在变化。";

fn call(app: &Pizhu, op: &str, args: Value) -> Value {
    app.call(op, args.clone())
        .unwrap_or_else(|e| panic!("{op} {args}: {e:?}"))
}

fn cp(needle: &str) -> (usize, usize) {
    let b = TEXT.find(needle).unwrap();
    let s = TEXT[..b].chars().count();
    (s, s + needle.chars().count())
}

fn import_with_anki(apkg: &std::path::Path, work: &std::path::Path) -> Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/anki/check_apkg.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(apkg)
        .arg(work)
        .output()
        .expect("python3 must be installed (scripts/setup.sh) to check the Anki export");
    assert!(
        out.status.success(),
        "Anki's library could not import the package (is `anki` installed? scripts/setup.sh): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn anki_imports_the_package_with_cloze_and_basic_notes_sources_and_theme_tags() {
    let dir = tempfile::tempdir().unwrap();
    let app = Pizhu::open(&LibraryDir::new(dir.path().join("lib"))).unwrap();
    let Inserted::New(article) = app
        .store()
        .insert_articles(
            None,
            &[NewArticle {
                title: "Anki 测试".into(),
                text: TEXT.into(),
                ..Default::default()
            }],
        )
        .unwrap()[0]
    else {
        panic!()
    };
    call(&app, "addTheme", json!({"name": "影视 产业"}));
    call(
        &app,
        "addTheme",
        json!({"name": "新 技术", "parentId": "影视 产业"}),
    );
    let (s, e) = cp("文生视频模型带来了变革");
    let h1 = call(
        &app,
        "addHighlight",
        json!({"articleId": article, "start": s, "end": e, "themes": ["新 技术"], "note": "要点 <b>"}),
    )["id"]
        .clone();
    let (s, e) = cp("观众 与创作者");
    let h2 = call(
        &app,
        "addHighlight",
        json!({"articleId": article, "start": s, "end": e, "themes": ["影视 产业"]}),
    )["id"]
        .clone();
    call(
        &app,
        "reviewAdd",
        json!({"highlightId": h1, "cloze": [[0, 4], [6, 8]]}),
    );
    call(
        &app,
        "reviewAdd",
        json!({"highlightId": h2, "question": "谁的关系在变化？"}),
    );

    let apkg = dir.path().join("deck.apkg");
    let r = call(
        &app,
        "exportNotes",
        json!({"format": "anki", "path": apkg.to_str().unwrap()}),
    );
    assert_eq!(r["mimeType"], "application/apkg");
    let got = import_with_anki(&apkg, dir.path());
    assert_eq!(got["card_count"], 2, "{got}");
    let notes = got["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "one note per card: {got}");
    let cloze = notes
        .iter()
        .find(|n| n["cloze"] == true)
        .expect("a cloze note");
    let basic = notes
        .iter()
        .find(|n| n["cloze"] == false)
        .expect("a basic note");

    assert_eq!(
        cloze["fields"]["Text"],
        "{{c1::文生视频}}模型{{c1::带来}}了变革，影视产业需要新的思考。"
    );
    assert_eq!(cloze["cards"], 1);
    let q = cloze["question"].as_str().unwrap();
    // Both blanks hidden on the one card's front (the answer sits only in an attribute).
    assert_eq!(q.matches(">[...]<").count(), 2, "{q}");
    assert!(q.contains(">[...]</span>模型"), "{q}");
    assert!(cloze["answer"].as_str().unwrap().contains("文生视频"));
    assert_eq!(cloze["fields"]["Back Extra"], "要点 &lt;b&gt;");
    let source = cloze["fields"]["Source"].as_str().unwrap();
    assert!(source.contains("《Anki 测试》"), "{source}");
    assert!(
        source.contains(&format!("pizhu://article/{article}?start=")),
        "{source}"
    );
    assert_eq!(cloze["tags"], json!(["影视_产业::新_技术"]));
    assert_eq!(cloze["deck"], "Pizhu 批注");

    assert_eq!(basic["fields"]["Front"], "谁的关系在变化？");
    assert!(basic["fields"]["Back"]
        .as_str()
        .unwrap()
        .contains("<b>观众 与创作者</b>的关系也在变化。"));
    assert_eq!(basic["tags"], json!(["影视_产业"]));
    assert!(basic["answer"].as_str().unwrap().contains("观众 与创作者"));
}
