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
