//! `pizhu export` and `pizhu import-annotations` as a user runs them: the real
//! binary on real library folders seeded with the bundled articles.

use std::path::Path;

mod common;
use common::{ok, ok_json, pizhu};

/// Article id and code-point range of `passage` in the bundled article whose title contains `title`.
fn locate(lib: &Path, title: &str, passage: &str) -> (i64, usize, usize) {
    let list = ok_json(lib, &["list", "--json"]);
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(title))
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let article = ok_json(lib, &["show", &id.to_string(), "--json"]);
    let text = article["text"].as_str().unwrap();
    let start = text[..text.find(passage).unwrap()].chars().count();
    (id, start, start + passage.chars().count())
}

fn highlight(lib: &Path, title: &str, passage: &str, extra: &[&str]) {
    let (id, s, e) = locate(lib, title, passage);
    let (id, s, e) = (id.to_string(), s.to_string(), e.to_string());
    let mut args = vec![
        "highlight",
        "add",
        &id,
        "--start",
        &s,
        "--end",
        &e,
        "--json",
    ];
    args.extend_from_slice(extra);
    ok_json(lib, &args);
}

fn listed(lib: &Path) -> Vec<(String, String, Vec<String>)> {
    let mut out: Vec<_> = ok_json(lib, &["highlight", "list", "--json"])
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
                h["exact"].as_str().unwrap().to_string(),
                h["note"].as_str().unwrap().to_string(),
                themes,
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn export_refuses_to_overwrite_without_force_and_round_trips_through_w3c() {
    let work = tempfile::tempdir().unwrap();
    let a = work.path().join("a");
    let b = work.path().join("b");
    highlight(
        &a,
        "59秒",
        "一镜到底的视频不需要人来拍摄和剪辑",
        &["--theme", "制作效率", "--note", "要点"],
    );
    highlight(
        &a,
        "繁花",
        "Sora 是一种模态翻译的模型",
        &["--theme", "技术局限", "--theme", "新主题"],
    );

    let md = work.path().join("notes.md");
    let md_s = md.to_str().unwrap();
    let r = ok_json(&a, &["export", "--format", "md", "--out", md_s, "--json"]);
    assert_eq!(r["highlights"], 2);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("## 制作效率") && text.contains("> 一镜到底的视频不需要人来拍摄和剪辑"),
        "{text}"
    );

    // An existing file is kept: exit 1, contents unchanged; --force replaces it.
    std::fs::write(&md, "mine").unwrap();
    let refused = pizhu(&a, &["export", "--format", "md", "--out", md_s]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("already exists (use --force to replace it)"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "mine");
    ok_json(
        &a,
        &[
            "export",
            "--format",
            "md",
            "--theme",
            "技术局限",
            "--out",
            md_s,
            "--force",
            "--json",
        ],
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("Sora 是一种模态翻译的模型") && !text.contains("一镜到底"));
    // One of each is said in the singular.
    let said = ok(
        &a,
        &[
            "export",
            "--format",
            "md",
            "--theme",
            "技术局限",
            "--out",
            md_s,
            "--force",
        ],
    );
    assert!(said.contains("1 highlight from 1 article, "), "{said}");

    // A bad format is a usage error.
    assert_eq!(
        pizhu(&a, &["export", "--format", "pdf", "--out", md_s])
            .status
            .code(),
        Some(2)
    );

    // W3C out of one library, into another.
    let w3c = work.path().join("notes.jsonld");
    ok_json(
        &a,
        &[
            "export",
            "--format",
            "w3c",
            "--out",
            w3c.to_str().unwrap(),
            "--json",
        ],
    );
    let r = ok_json(&b, &["import-annotations", w3c.to_str().unwrap(), "--json"]);
    assert_eq!(r["imported"], 2);
    assert_eq!(r["themesCreated"], serde_json::json!(["新主题"]));
    assert_eq!(listed(&b), listed(&a));
    assert_eq!(listed(&b).len(), 2);
}

#[test]
fn import_annotations_that_cannot_all_be_placed_fails_and_says_so() {
    let work = tempfile::tempdir().unwrap();
    let lib = work.path().join("lib");
    let (_, start, end) = locate(&lib, "59秒", "一镜到底的视频不需要人来拍摄和剪辑");
    let placed = serde_json::json!({"id": "urn:x:ok", "type": "Annotation", "target": {
        "source": "https://example.org/a",
        "selector": [{"type": "TextQuoteSelector", "exact": "一镜到底的视频不需要人来拍摄和剪辑"},
                     {"type": "TextPositionSelector", "start": start, "end": end}]}});
    let lost = |n: usize| {
        serde_json::json!({"id": format!("urn:x:{n}"), "type": "Annotation",
        "target": {"source": "urn:pizhu:article:0000", "selector":
            {"type": "TextQuoteSelector", "exact": "别的库里的文章"}}})
    };
    let items: Vec<_> = std::iter::once(placed).chain((0..2).map(lost)).collect();
    let file = work.path().join("in.jsonld");
    std::fs::write(
        &file,
        serde_json::json!({"type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": items}})
        .to_string(),
    )
    .unwrap();
    let file = file.to_str().unwrap();

    let out = pizhu(&lib, &["import-annotations", file, "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a partial import is not a success"
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (r["annotations"].as_u64(), r["imported"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(r["complete"], false);
    assert_eq!(r["unmatched"].as_array().unwrap().len(), 2);

    let out = pizhu(&lib, &["import-annotations", file]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 of 3 annotations were not placed"), "{err}");
}

#[test]
fn every_format_writes_into_a_folder_with_its_suggested_name() {
    let work = tempfile::tempdir().unwrap();
    let lib = work.path().join("lib");
    highlight(
        &lib,
        "59秒",
        "一镜到底的视频不需要人来拍摄和剪辑",
        &["--theme", "制作效率"],
    );
    let out = work.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for (format, ext) in [
        ("md", "md"),
        ("html", "html"),
        ("docx", "docx"),
        ("csv", "csv"),
        ("w3c", "jsonld"),
        ("qdpx", "qdpx"),
    ] {
        let r = ok_json(
            &lib,
            &[
                "export",
                "--format",
                format,
                "--group-by",
                "article",
                "--out",
                out.to_str().unwrap(),
                "--json",
            ],
        );
        let path = Path::new(r["path"].as_str().unwrap());
        // Named for the scope and the day: 批注导出-书库-2026-12-02.md.
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            path.parent() == Some(out.as_path())
                && name.starts_with("批注导出-书库-20")
                && name.ends_with(&format!(".{ext}")),
            "{name}"
        );
        assert_eq!(
            std::fs::metadata(path).unwrap().len(),
            r["bytes"].as_u64().unwrap()
        );
    }
    // The exported project's codes can seed a code book (all already present here).
    let qdpx = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "qdpx"))
        .unwrap();
    let r = ok_json(&lib, &["import-codebook", qdpx.to_str().unwrap(), "--json"]);
    assert_eq!(r["created"], serde_json::json!([]));
    assert!(r["existing"].as_array().unwrap().len() >= 10);
}
