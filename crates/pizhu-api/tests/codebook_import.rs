//! Importing a REFI-QDA code book is all or nothing, and one undo step
//! (issue 14: "a large nested code book stopped mid-way left 15,234 themes behind").

use base64::Engine;
use pizhu_api::{ErrorCode, Pizhu};
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

fn theme_names(app: &Pizhu) -> Vec<String> {
    let themes = app.call("listThemes", json!({})).unwrap();
    themes
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

/// A `.qdc` code book: nested codes, then `last` as the final top-level code.
fn qdc(last: &str) -> Value {
    let xml = format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test">
  <Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="导入·父" isCodable="true" color="#112233">
      <Code guid="22222222-2222-2222-2222-222222222222" name="导入·子" isCodable="true">
        <Code guid="33333333-3333-3333-3333-333333333333" name="导入·孙" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="44444444-4444-4444-4444-444444444444" name="{last}" isCodable="true"/>
  </Codes>
</CodeBook>"##
    );
    json!({ "dataBase64": base64::engine::general_purpose::STANDARD.encode(xml) })
}

fn library() -> (tempfile::TempDir, Pizhu) {
    let dir = tempfile::tempdir().unwrap();
    let app = Pizhu::open(&LibraryDir::new(dir.path().join("lib"))).unwrap();
    (dir, app)
}

#[test]
fn a_code_book_that_fails_half_way_leaves_no_theme_behind() {
    let (_dir, app) = library();
    let before = theme_names(&app);
    // The last code's name is too long for a theme: the import fails there,
    // after three codes were already accepted.
    let err = app
        .call("importCodebook", qdc(&"长".repeat(101)))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "{err:?}");
    assert_eq!(theme_names(&app), before, "no theme of the file is kept");
}

#[test]
fn a_code_book_import_is_one_undo_step() {
    let (_dir, app) = library();
    let before = theme_names(&app);
    let report = app.call("importCodebook", qdc("导入·另一个")).unwrap();
    assert_eq!(
        report["created"],
        json!(["导入·父", "导入·子", "导入·孙", "导入·另一个"])
    );
    let themes = app.call("listThemes", json!({})).unwrap();
    let id_of = |n: &str| {
        themes
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == n)
            .map(|t| t["id"].clone())
            .unwrap()
    };
    let grandchild = themes
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "导入·孙")
        .unwrap();
    assert_eq!(grandchild["parentId"], id_of("导入·子"));
    app.call("undo", json!({})).unwrap();
    assert_eq!(
        theme_names(&app),
        before,
        "one undo takes the whole code book back"
    );
}

#[test]
fn the_starter_code_book_is_not_an_undoable_change() {
    let (_dir, app) = library();
    let before = theme_names(&app);
    assert!(
        !before.is_empty(),
        "a new library has the starter code book"
    );
    let err = app.call("undo", json!({})).unwrap_err();
    assert_eq!(err.code, ErrorCode::NothingToUndo, "{err:?}");
    assert_eq!(theme_names(&app), before);
}
