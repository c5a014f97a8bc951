//! References through the operations the UI calls: edit an article's reference
//! (undoable), cite it, pick or add a citation style, and export with it.

use base64::Engine;
use pizhu_api::{ErrorCode, Pizhu};
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

fn open(dir: &tempfile::TempDir) -> Pizhu {
    Pizhu::open(&LibraryDir::new(dir.path())).unwrap()
}

fn call(app: &Pizhu, op: &str, args: Value) -> Value {
    app.call(op, args)
        .unwrap_or_else(|e| panic!("{op}: {}", e.message))
}

/// The bundled journal piece (Sora冲击下…), as a journal article with fields.
fn journal_piece(app: &Pizhu) -> i64 {
    let list = call(app, "listArticles", json!({}));
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["reference"]["itemType"] == "journalArticle")
        .expect("the bundled journal piece")["id"]
        .as_i64()
        .unwrap()
}

fn journal_reference() -> Value {
    json!({
        "itemType": "journalArticle",
        "creators": [
            {"role": "author", "name": {"kind": "whole", "name": "欧阳修"}},
            {"role": "author", "name": {"kind": "person", "family": "Smith", "given": "John"}}
        ],
        "containerTitle": "电影艺术",
        "volume": "12", "issue": "3", "pages": "45-52",
        "issued": {"year": 2024, "month": 3},
        "language": "zh-CN"
    })
}

#[test]
fn set_reference_then_cite_gives_j_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let id = journal_piece(&app);
    let a = call(
        &app,
        "setReference",
        json!({"id": id, "reference": journal_reference()}),
    );
    assert_eq!(a["authors"], json!(["欧阳修", "John Smith"]));
    let c = call(&app, "cite", json!({"ids": [id]}));
    assert_eq!(
        c["entries"][0],
        "[1] 欧阳修, SMITH J. Sora冲击下影视行业的挑战与应对[J]. 电影艺术, 2024, 12(3): 45-52."
    );
    let step = call(&app, "undo", json!({}));
    assert_eq!(step["action"]["kind"], "editReference");
    let back = call(&app, "getArticle", json!({"id": id}));
    assert!(back["reference"]["creators"].as_array().unwrap().is_empty());

    // Bad input: a clear error, nothing changed.
    let err = app
        .call(
            "setReference",
            json!({"id": id, "reference": {"itemType": "journalArticle", "creators": [{"name": {"kind": "person", "family": "", "given": "A"}}]}}),
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let err = app
        .call(
            "setReference",
            json!({"id": id, "reference": {"itemType": "poem"}}),
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

const MY_STYLE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Pizhu test style</title><id>pizhu-test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="{" suffix="}"><text variable="title"/></layout></citation>
  <bibliography><layout><text value="REF: "/><text variable="title"/></layout></bibliography>
</style>"#;

#[test]
fn styles_are_listed_added_chosen_and_used_by_cite_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let id = journal_piece(&app);
    let styles = call(&app, "listCitationStyles", json!({}));
    assert_eq!(styles["current"], "gbt7714-numeric");
    let ids: Vec<&str> = styles["styles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "gbt7714-numeric",
            "gbt7714-author-date",
            "gbt7714-note",
            "apa"
        ]
    );

    let added = call(&app, "addCitationStyle", json!({"xml": MY_STYLE}));
    assert_eq!(added["title"], "Pizhu test style");
    let custom = added["id"].as_str().unwrap().to_string();
    call(
        &app,
        "setSetting",
        json!({"key": "citationStyle", "value": custom}),
    );
    let c = call(&app, "cite", json!({"ids": [id]}));
    assert_eq!(c["entries"][0], "REF: Sora冲击下影视行业的挑战与应对");

    // An export without a style argument uses the chosen one.
    let theme = call(&app, "listThemes", json!({}))[0]["name"].clone();
    call(
        &app,
        "addHighlight",
        json!({"articleId": id, "start": 0, "end": 4, "themes": [theme]}),
    );
    let out = call(
        &app,
        "exportNotes",
        json!({"format": "markdown", "articleId": id}),
    );
    let md = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(out["dataBase64"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert!(md.contains("REF: Sora冲击下影视行业的挑战与应对"), "{md}");
    assert!(
        md.contains("\\{Sora冲击下影视行业的挑战与应对\\}")
            || md.contains("{Sora冲击下影视行业的挑战与应对}"),
        "{md}"
    );

    // Removing the chosen style falls back to the default.
    call(&app, "removeCitationStyle", json!({"id": custom}));
    assert_eq!(
        call(&app, "listCitationStyles", json!({}))["current"],
        "gbt7714-numeric"
    );

    // A file that is not a style is refused, and nothing is added.
    let err = app
        .call("addCitationStyle", json!({"xml": "<html></html>"}))
        .unwrap_err();
    assert!(err.message.contains("CSL"), "{}", err.message);
    assert_eq!(
        call(&app, "listCitationStyles", json!({}))["styles"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
}
