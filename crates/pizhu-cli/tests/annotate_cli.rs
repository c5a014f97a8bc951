//! The annotate commands as a user runs them: the real `pizhu` binary on a real library.

use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle, Store};
use serde_json::Value;

mod common;
use common::{ok, ok_json, pizhu};

const TEXT: &str =
    "第一段：文生视频模型带来了变革。\n第二段：影视产业需要新的思考。\n第三段：观众与创作者。";

/// A library with one known article (the bundled corpus may be there as well).
fn library() -> (tempfile::TempDir, i64) {
    let dir = tempfile::tempdir().unwrap();
    // First open through the CLI so the bundled corpus is seeded the usual way.
    ok(dir.path(), &["theme", "list"]);
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    let a = NewArticle {
        title: "命令行测试".into(),
        text: TEXT.into(),
        ..Default::default()
    };
    let Inserted::New(id) = store.insert_articles(None, &[a]).unwrap()[0] else {
        panic!("new article")
    };
    (dir, id)
}

fn cp(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap();
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

#[test]
fn highlight_add_list_and_rm_with_the_stable_json_shape() {
    let (dir, article) = library();
    let lib = dir.path();
    let (s, e) = cp(TEXT, "影视产业");
    let added = ok_json(
        lib,
        &[
            "highlight",
            "add",
            &article.to_string(),
            "--start",
            &s.to_string(),
            "--end",
            &e.to_string(),
            "--theme",
            "命令行·产业",
            "--theme",
            "命令行·变革",
            "--color",
            "green",
            "--note",
            "注",
            "--json",
        ],
    );
    assert_eq!(added["exact"], "影视产业");
    let id = added["id"].as_i64().unwrap();

    let listed = ok_json(
        lib,
        &[
            "highlight",
            "list",
            "--article",
            &article.to_string(),
            "--json",
        ],
    );
    let items = listed.as_array().unwrap();
    assert_eq!(items.len(), 1);
    let h = items[0].as_object().unwrap();
    let mut keys: Vec<&str> = h.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "articleId",
            "color",
            "end",
            "exact",
            "id",
            "note",
            "orphan",
            "pageEnd",
            "pageStart",
            "prefix",
            "start",
            "suffix",
            "themes"
        ]
    );
    // A pasted text has no pages: the page fields are there, and null (issue 12's contract).
    assert!(h["pageStart"].is_null() && h["pageEnd"].is_null());
    assert_eq!(
        h["themes"],
        serde_json::json!(["命令行·产业", "命令行·变革"])
    );
    assert_eq!(
        (h["color"].as_str(), h["orphan"].as_bool()),
        (Some("green"), Some(false))
    );

    let by_theme = ok_json(
        lib,
        &["highlight", "list", "--theme", "命令行·变革", "--json"],
    );
    assert_eq!(by_theme[0]["id"], id);
    let human = ok(
        lib,
        &["highlight", "list", "--article", &article.to_string()],
    );
    assert!(
        human.contains("影视产业") && human.contains("命令行·产业"),
        "{human}"
    );

    ok(lib, &["highlight", "rm", &id.to_string()]);
    assert_eq!(
        ok_json(
            lib,
            &[
                "highlight",
                "list",
                "--article",
                &article.to_string(),
                "--json"
            ]
        ),
        serde_json::json!([])
    );
    let again = pizhu(lib, &["highlight", "rm", &id.to_string()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not found"));
}

#[test]
fn bad_range_exits_1_and_bad_usage_exits_2() {
    let (dir, article) = library();
    let out = pizhu(
        dir.path(),
        &[
            "highlight",
            "add",
            &article.to_string(),
            "--start",
            "5",
            "--end",
            "2",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reversed range"));
    let out = pizhu(
        dir.path(),
        &[
            "highlight",
            "add",
            &article.to_string(),
            "--start",
            "x",
            "--end",
            "2",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = pizhu(dir.path(), &["theme", "rm"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn theme_commands_and_undo_redo_across_processes() {
    let (dir, article) = library();
    let lib = dir.path();
    ok(
        lib,
        &[
            "theme",
            "add",
            "命令行·甲",
            "--color",
            "#aa3300",
            "--description",
            "说明",
            "--keyword",
            "模型",
        ],
    );
    ok(lib, &["theme", "add", "命令行·乙", "--parent", "命令行·甲"]);
    let (s, e) = cp(TEXT, "观众");
    ok(
        lib,
        &[
            "highlight",
            "add",
            &article.to_string(),
            "--start",
            &s.to_string(),
            "--end",
            &e.to_string(),
            "--theme",
            "命令行·乙",
        ],
    );

    ok(lib, &["theme", "rename", "命令行·乙", "命令行·丙"]);
    let tree = ok(lib, &["theme", "list"]);
    assert!(
        tree.lines().any(|l| l.starts_with("命令行·甲  (#aa3300")),
        "{tree}"
    );
    assert!(
        tree.lines().any(|l| l.starts_with("  命令行·丙  (")),
        "a sub-theme is indented: {tree}"
    );
    let dup = pizhu(lib, &["theme", "rename", "命令行·丙", "命令行·甲"]);
    assert_eq!(dup.status.code(), Some(1));

    ok(lib, &["theme", "move", "命令行·丙", "--top"]);
    let themes = ok_json(lib, &["theme", "list", "--json"]);
    let c = themes
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "命令行·丙")
        .unwrap();
    assert_eq!(c["parentId"], Value::Null);

    ok(lib, &["theme", "merge", "命令行·丙", "命令行·甲"]);
    let h = ok_json(
        lib,
        &[
            "highlight",
            "list",
            "--article",
            &article.to_string(),
            "--json",
        ],
    );
    assert_eq!(h[0]["themes"], serde_json::json!(["命令行·甲"]));

    // Each command is its own process: undo reads the log from the file.
    assert!(ok(lib, &["undo"]).contains("merge theme"));
    let h = ok_json(
        lib,
        &[
            "highlight",
            "list",
            "--article",
            &article.to_string(),
            "--json",
        ],
    );
    assert_eq!(h[0]["themes"], serde_json::json!(["命令行·丙"]));
    assert!(ok(lib, &["redo"]).contains("merge theme"));
    assert_eq!(pizhu(lib, &["redo"]).status.code(), Some(1));

    ok(lib, &["theme", "rm", "命令行·甲", "--delete-highlights"]);
    assert_eq!(
        ok_json(
            lib,
            &[
                "highlight",
                "list",
                "--article",
                &article.to_string(),
                "--json"
            ]
        ),
        serde_json::json!([])
    );
    ok(lib, &["undo"]);
    assert_eq!(
        ok_json(
            lib,
            &[
                "highlight",
                "list",
                "--article",
                &article.to_string(),
                "--json"
            ]
        )
        .as_array()
        .unwrap()
        .len(),
        1
    );
}

#[test]
fn article_edit_reanchors_and_prints_orphans() {
    let (dir, article) = library();
    let lib = dir.path();
    let (s, e) = cp(TEXT, "新的思考");
    ok(
        lib,
        &[
            "highlight",
            "add",
            &article.to_string(),
            "--start",
            &s.to_string(),
            "--end",
            &e.to_string(),
        ],
    );
    let (s, e) = cp(TEXT, "观众与创作者");
    ok(
        lib,
        &[
            "highlight",
            "add",
            &article.to_string(),
            "--start",
            &s.to_string(),
            "--end",
            &e.to_string(),
        ],
    );

    let edited = TEXT
        .replace("需要新的思考", "面临冲击")
        .replace("第一段：", "第一段（订正）：");
    let file = dir.path().join("edited.txt");
    std::fs::write(&file, &edited).unwrap();
    let out = ok_json(
        lib,
        &[
            "article",
            "edit",
            &article.to_string(),
            "--text-file",
            file.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(out["orphans"].as_array().unwrap().len(), 1);
    assert_eq!(out["orphans"][0]["exact"], "新的思考");
    assert_eq!(out["orphans"][0]["orphan"], true);
    assert_eq!(out["kept"], 1);

    let listed = ok_json(
        lib,
        &[
            "highlight",
            "list",
            "--article",
            &article.to_string(),
            "--json",
        ],
    );
    let kept = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["orphan"] == false)
        .unwrap();
    let (s, e) = cp(&edited, "观众与创作者");
    assert_eq!(
        (kept["start"].as_u64(), kept["end"].as_u64()),
        (Some(s as u64), Some(e as u64))
    );

    // Undo restores the text and the highlight's place.
    ok(lib, &["undo"]);
    let listed = ok_json(
        lib,
        &[
            "highlight",
            "list",
            "--article",
            &article.to_string(),
            "--json",
        ],
    );
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["orphan"] == false));

    let missing = pizhu(
        lib,
        &[
            "article",
            "edit",
            &article.to_string(),
            "--text-file",
            "/nonexistent/file.txt",
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
}
