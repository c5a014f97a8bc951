//! An imported W3C annotation keeps its times through undo and redo: the times are
//! part of the one logged insert, not changed afterwards outside the undo log.

use base64::Engine;
use pizhu_api::Pizhu;
use pizhu_core::LibraryDir;
use serde_json::json;

#[test]
fn redo_of_an_annotation_import_brings_back_its_original_times() {
    let dir = tempfile::tempdir().unwrap();
    let app = Pizhu::open(&LibraryDir::new(dir.path().join("lib"))).unwrap();
    let doc = json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
        {"id": "urn:x:1", "type": "Annotation", "created": "2020-05-06T07:08:09Z",
         "modified": "2021-01-02T03:04:05Z", "bodyValue": "旧笔记",
         "target": {"source": "https://example.org/x",
            "selector": {"type": "TextQuoteSelector", "exact": "复旦大学计算机学院邱锡鹏教授"}}}
    ]}});
    let data = base64::engine::general_purpose::STANDARD.encode(doc.to_string());
    let report = app
        .call("importAnnotations", json!({ "dataBase64": data }))
        .unwrap();
    assert_eq!(report["imported"], 1, "{report}");
    let times = |app: &Pizhu| {
        let list = app.call("listHighlights", json!({})).unwrap();
        let h = &list.as_array().unwrap()[0];
        (h["createdAt"].clone(), h["modifiedAt"].clone())
    };
    let want = (json!("2020-05-06T07:08:09Z"), json!("2021-01-02T03:04:05Z"));
    assert_eq!(times(&app), want);
    app.call("undo", json!({})).unwrap();
    assert_eq!(
        app.call("listHighlights", json!({})).unwrap(),
        json!([]),
        "undo removes the imported highlight"
    );
    app.call("redo", json!({})).unwrap();
    assert_eq!(times(&app), want, "redo restores the file's times");
}

/// The code book a W3C file carries joins the library in one step: one undo takes
/// back every theme it added, children under their parents, and a parent cycle or
/// a bad colour does not lose a theme.
#[test]
fn a_restored_code_book_is_one_undo_step_with_its_tree_kept() {
    let dir = tempfile::tempdir().unwrap();
    let app = Pizhu::open(&LibraryDir::new(dir.path().join("lib"))).unwrap();
    let names = |app: &Pizhu| -> Vec<(String, Option<String>)> {
        let themes = app.call("listThemes", json!({})).unwrap();
        let themes = themes.as_array().unwrap().clone();
        let name_of = |id: &serde_json::Value| {
            themes
                .iter()
                .find(|t| &t["id"] == id)
                .map(|t| t["name"].as_str().unwrap().to_string())
        };
        themes
            .iter()
            .map(|t| {
                (
                    t["name"].as_str().unwrap().to_string(),
                    name_of(&t["parentId"]),
                )
            })
            .collect()
    };
    let before = names(&app);
    let doc = json!({
        "type": "AnnotationCollection",
        "urn:pizhu:codebook": [
            {"name": "孙", "parent": "子"},
            {"name": "子", "parent": "根"},
            {"name": "根", "color": "not a colour!"},
            {"name": "甲", "parent": "乙"},
            {"name": "乙", "parent": "甲"}
        ],
        "first": {"type": "AnnotationPage", "items": [
            {"id": "urn:x:2", "type": "Annotation", "bodyValue": "笔记",
             "target": {"source": "https://example.org/x",
                "selector": {"type": "TextQuoteSelector", "exact": "复旦大学计算机学院邱锡鹏教授"}}}
        ]}
    });
    let data = base64::engine::general_purpose::STANDARD.encode(doc.to_string());
    app.call("importAnnotations", json!({ "dataBase64": data }))
        .unwrap();
    let after = names(&app);
    let find = |n: &str| after.iter().find(|(name, _)| name == n).cloned();
    assert_eq!(find("根"), Some(("根".into(), None)));
    assert_eq!(find("子"), Some(("子".into(), Some("根".into()))));
    assert_eq!(find("孙"), Some(("孙".into(), Some("子".into()))));
    assert!(find("甲").is_some() && find("乙").is_some(), "{after:?}");
    assert_eq!(after.len(), before.len() + 5);
    app.call("undo", json!({})).unwrap();
    assert_eq!(
        names(&app).len(),
        before.len() + 5,
        "the first undo takes the highlight"
    );
    app.call("undo", json!({})).unwrap();
    assert_eq!(
        names(&app),
        before,
        "one more undo takes back the whole code book"
    );
}
