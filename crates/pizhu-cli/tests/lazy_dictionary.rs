//! Launch cost: opening an indexed library and reading it must not load jieba's
//! dictionary (about 100 ms and 25–30 MB); the first search loads it. Its own
//! test binary, because the dictionary is loaded once per process.

mod common;

use pizhu_api::Pizhu;
use pizhu_core::LibraryDir;
use pizhu_search::segment::Segmenter;
use serde_json::json;

#[test]
fn reading_an_indexed_library_leaves_the_dictionary_unloaded_until_a_search() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    // Another process builds the library and its index, as a previous launch would.
    common::ok(&lib, &["reindex"]);

    let app = Pizhu::open(&LibraryDir::new(&lib)).unwrap();
    assert_eq!(
        app.call("reindexStatus", json!({})).unwrap()["state"],
        "ready"
    );
    let list = app.call("listArticles", json!({})).unwrap();
    let first = list[0]["id"].as_i64().unwrap();
    app.call("getArticle", json!({ "id": first })).unwrap();
    app.call("listHighlights", json!({ "articleId": first }))
        .unwrap();
    app.call("listThemes", json!({})).unwrap();
    assert!(
        !Segmenter::global().is_loaded(),
        "the library screen and the reader do not need jieba"
    );

    let found = app.call("search", json!({ "query": "门槛" })).unwrap();
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
    assert!(Segmenter::global().is_loaded());
}
