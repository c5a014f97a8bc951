//! The search index is a cache of SQLite: deleted, truncated or garbled files, a
//! missing segment, a stale lock or a changed schema version are each rebuilt on
//! the next open, and search answers exactly as before.

use std::path::Path;
use std::time::Duration;

use pizhu_api::Pizhu;
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

const QUERIES: &[&str] = &["人工智能", "视频", "模型", "Sora", "笔记里的蝾螈"];

/// Every query's hits as comparable text: (article, highlight, snippet), sorted, so
/// a rebuilt index (other segment layout, same documents) compares equal.
fn answers(app: &Pizhu) -> Vec<(String, u64, Vec<String>)> {
    QUERIES
        .iter()
        .map(|q| {
            let r = app
                .call("search", json!({"query": q, "limit": 1000}))
                .unwrap();
            let mut hits: Vec<String> = r["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    format!(
                        "{} {} {} {}",
                        h["articleId"], h["highlightId"], h["matches"], h["snippet"]
                    )
                })
                .collect();
            hits.sort();
            (q.to_string(), r["total"].as_u64().unwrap(), hits)
        })
        .collect()
}

fn wait_ready(app: &Pizhu) {
    for _ in 0..600 {
        if app.call("reindexStatus", json!({})).unwrap()["state"] == "ready" {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "index not ready after 60 s: {}",
        app.call("reindexStatus", json!({})).unwrap()
    );
}

fn index_files(index: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

/// Build a library with a note, record the answers, damage the index with
/// `damage`, reopen, and compare.
fn survives(what: &str, damage: impl Fn(&Path)) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = LibraryDir::new(tmp.path().join("lib"));
    let before = {
        let app = Pizhu::open(&dir).unwrap();
        wait_ready(&app);
        let a = app.call("listArticles", json!({})).unwrap()[0]["id"].clone();
        app.call(
            "addHighlight",
            json!({"articleId": a, "start": 0, "end": 4, "note": "笔记里的蝾螈"}),
        )
        .unwrap();
        let ans = answers(&app);
        assert!(
            ans.iter().filter(|(_, total, _)| *total > 0).count() >= 3,
            "queries must hit something: {ans:?}"
        );
        ans
    };
    damage(&dir.index());
    let app = Pizhu::open(&dir).unwrap();
    wait_ready(&app);
    let after = answers(&app);
    assert_eq!(after, before, "search changed after: {what}");
    let status: Value = app.call("reindexStatus", json!({})).unwrap();
    assert!(
        status["documents"].as_u64().unwrap() > 0,
        "{what}: {status}"
    );
}

#[test]
fn a_deleted_index_is_rebuilt() {
    survives("index folder deleted", |ix| {
        std::fs::remove_dir_all(ix).unwrap()
    });
}

#[test]
fn a_truncated_meta_json_is_rebuilt() {
    survives("meta.json truncated", |ix| {
        let m = ix.join("meta.json");
        let len = std::fs::metadata(&m).unwrap().len();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&m)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
    });
}

#[test]
fn a_garbled_meta_json_is_rebuilt() {
    survives("meta.json garbled", |ix| {
        std::fs::write(
            ix.join("meta.json"),
            b"{\"segments\": [{\"segment_id\": \"\xff\xfe\", \"max_doc\": -1}",
        )
        .unwrap()
    });
}

#[test]
fn a_missing_segment_file_is_rebuilt() {
    survives("segment .idx removed", |ix| {
        let idx = index_files(ix, "idx");
        assert!(!idx.is_empty(), "no segment files in {}", ix.display());
        for f in idx {
            std::fs::remove_file(f).unwrap();
        }
    });
}

#[test]
fn a_truncated_segment_file_is_rebuilt() {
    survives("segment .term truncated", |ix| {
        for f in index_files(ix, "term") {
            std::fs::OpenOptions::new()
                .write(true)
                .open(f)
                .unwrap()
                .set_len(10)
                .unwrap();
        }
    });
}

#[test]
fn stale_lock_files_do_not_stop_the_index() {
    survives("stale tantivy locks", |ix| {
        std::fs::write(ix.join(".tantivy-writer.lock"), b"").unwrap();
        std::fs::write(ix.join(".tantivy-meta.lock"), b"").unwrap();
    });
}

#[test]
fn a_changed_index_schema_version_is_rebuilt() {
    survives("schema version changed", |ix| {
        let p = ix.join("pizhu-index.json");
        let mut meta: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
        assert!(meta["schemaVersion"].is_u64(), "{meta}");
        meta["schemaVersion"] = json!(999);
        std::fs::write(&p, serde_json::to_vec(&meta).unwrap()).unwrap();
    });
}
