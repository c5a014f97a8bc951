//! `pizhu import` end to end: the real binary, a temporary library, the raw
//! seed files and a bad file. Checks exit codes, the stable `--json` shape,
//! duplicate detection on re-import, and `pizhu list --json`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SEEDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../pizhu-import/tests/fixtures/seeds"
);

mod common;
use common::run as pizhu;

fn seed_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let copy = dir.join(p.file_name().unwrap());
            std::fs::copy(&p, &copy).unwrap();
            copy
        })
        .collect();
    paths.sort();
    assert_eq!(
        paths.len(),
        4,
        "the four raw seeds are fixtures of pizhu-import"
    );
    paths
}

fn strs(paths: &[PathBuf]) -> Vec<&str> {
    paths.iter().map(|p| p.to_str().unwrap()).collect()
}

/// The report has exactly the three documented lists, with exactly the
/// documented fields.
fn check_report_shape(report: &Value) {
    let obj = report.as_object().expect("report is an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, vec!["duplicates", "failed", "imported"]);
    for e in report["imported"].as_array().unwrap() {
        let mut k: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort();
        assert_eq!(k, vec!["file", "id", "title", "warnings"]);
        assert!(e["id"].as_i64().is_some() && e["title"].is_string() && e["file"].is_string());
    }
    for e in report["duplicates"].as_array().unwrap() {
        let mut k: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort();
        // The duplicate report names the article it matched (issue #15).
        assert_eq!(k, vec!["file", "id", "title"]);
    }
    for e in report["failed"].as_array().unwrap() {
        let mut k: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort();
        // `kind` and `params` name the error for a front end's own wording (issue #15).
        k.retain(|f| !matches!(*f, "kind" | "params"));
        assert_eq!(k, vec!["error", "file"]);
        if let Some(kind) = e.get("kind") {
            assert!(kind.is_string() && e["params"].is_object(), "{e}");
        }
    }
}

fn len(v: &Value) -> usize {
    v.as_array().map(Vec::len).unwrap_or(usize::MAX)
}

#[test]
fn importing_the_raw_seeds_then_again_then_a_bad_file() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let files = tmp.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let seeds = seed_paths(&files);

    // 1. The four seeds hold seven articles (seed 000 is a page of four).
    let (code, report, stderr) = pizhu(
        &library,
        &[&["import", "--json"][..], &strs(&seeds)].concat(),
    );
    assert_eq!(code, 0, "stderr: {stderr}");
    check_report_shape(&report);
    assert_eq!(len(&report["failed"]), 0);
    // A seed article may already be in the library as a bundled article with
    // the very same text: then it is reported as a duplicate, not imported.
    assert_eq!(
        len(&report["imported"]) + len(&report["duplicates"]),
        7,
        "{report}"
    );
    let seed_000 = seeds[0].to_str().unwrap();
    let from_000 = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["file"] == seed_000)
        .count()
        + report["duplicates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["file"] == seed_000)
            .count();
    assert_eq!(from_000, 4);

    // 2. The same files again: everything is a duplicate, still success.
    let (code, again, stderr) = pizhu(
        &library,
        &[&["import", "--json"][..], &strs(&seeds)].concat(),
    );
    assert_eq!(code, 0, "stderr: {stderr}");
    check_report_shape(&again);
    assert_eq!(len(&again["imported"]), 0);
    assert_eq!(len(&again["duplicates"]), 7);

    // 3. A PNG renamed .txt next to a good file: exit 1, the good one still lands.
    let bad = files.join("photo.txt");
    std::fs::write(
        &bad,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x20\0\0\0\x20\x08\x06\0\0\0",
    )
    .unwrap();
    let fresh = files.join("fresh.md");
    std::fs::write(
        &fresh,
        "# 一篇新的文章\n\n这是一段新的正文，用来确认坏文件不会影响好文件的导入。\n",
    )
    .unwrap();
    let page = files.join("page.HTML");
    std::fs::write(
        &page,
        "<html><head><title>站点</title><script>var x='脚本';</script></head><body><nav>导航</nav>\
         <article><h1>网页里的文章</h1><p>网页正文的第一段，只有这一段应该留下。</p></article></body></html>",
    )
    .unwrap();
    let missing = files.join("missing.txt");
    let (code, mixed, _) = pizhu(
        &library,
        &[
            "import",
            "--json",
            bad.to_str().unwrap(),
            fresh.to_str().unwrap(),
            page.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    check_report_shape(&mixed);
    assert_eq!(len(&mixed["imported"]), 2);
    assert_eq!(mixed["imported"][0]["title"], "一篇新的文章");
    assert_eq!(mixed["imported"][1]["title"], "网页里的文章");
    let failed = mixed["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 2);
    let bad_entry = failed
        .iter()
        .find(|e| e["file"] == bad.to_str().unwrap())
        .expect("bad file reported");
    assert!(
        bad_entry["error"].as_str().unwrap().contains("binary"),
        "{bad_entry}"
    );
    let missing_entry = failed
        .iter()
        .find(|e| e["file"] == missing.to_str().unwrap())
        .expect("missing file reported");
    assert!(
        missing_entry["error"]
            .as_str()
            .unwrap()
            .contains("cannot read"),
        "{missing_entry}"
    );

    // 4. The library lists what was imported.
    let (code, list, stderr) = pizhu(&library, &["list", "--json"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let items = list.as_array().expect("list is an array");
    let titles: Vec<&str> = items.iter().filter_map(|a| a["title"].as_str()).collect();
    for t in [
        "影视产业新视角：大模型 Sora 带来的变革与思考",
        "《加油吧！娜依拉》剧本研讨会在深圳举办",
        "陕西省中小学影视教育协会成立",
        "天津开展院线电影版权保护专项工作",
        "一篇新的文章",
        "网页里的文章",
    ] {
        assert!(titles.contains(&t), "{t} not listed: {titles:?}");
    }
    for e in report["imported"].as_array().unwrap() {
        assert!(
            items
                .iter()
                .any(|a| a["id"] == e["id"] && a["title"] == e["title"]),
            "imported {e} not listed"
        );
    }
    let tianjin = items
        .iter()
        .find(|a| a["title"] == "天津开展院线电影版权保护专项工作")
        .unwrap();
    assert_eq!(tianjin["authors"], serde_json::json!(["花花"]));
}

#[test]
fn plain_output_and_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .env_remove("PIZHU_LIBRARY")
        .args([
            "--library",
            library.to_str().unwrap(),
            "import",
            empty.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );

    // No files given: a usage error.
    let (code, _, _) = pizhu(&library, &["import"]);
    assert_eq!(code, 2);
}
