//! `pizhu collection …` and `pizhu list --collection`: the real binary on a real
//! library (seeded with the bundled articles on first use).

mod common;
use common::{ok, ok_json, run};

fn ids(v: &serde_json::Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn collections_are_made_filled_listed_and_deleted_from_the_command_line_and_undo_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path();
    let all = ids(&ok_json(lib, &["list", "--json"]));
    assert!(all.len() >= 3, "the bundled articles: {all:?}");
    let (a, b, c) = (all[0].to_string(), all[1].to_string(), all[2].to_string());

    ok(lib, &["collection", "create", "样例文章"]);
    ok(
        lib,
        &["collection", "create", "精读", "--parent", "样例文章"],
    );
    ok(lib, &["collection", "add", "样例文章", &a, &b]);
    ok(lib, &["collection", "add", "样例文章/精读", &c]);
    let listed = ok_json(lib, &["list", "--collection", "样例文章", "--json"]);
    assert_eq!(ids(&listed), vec![all[0], all[1]]);
    assert_eq!(
        ids(&ok_json(lib, &["list", "--collection", "精读", "--json"])),
        vec![all[2]]
    );

    ok(lib, &["collection", "remove", "样例文章", &b]);
    ok(lib, &["collection", "rename", "样例文章", "示例"]);
    let tree = ok(lib, &["collection", "list"]);
    assert!(tree.contains("示例  (1)"), "{tree}");
    assert!(
        tree.contains("    精读  (1)"),
        "a child is indented: {tree}"
    );
    let json = ok_json(lib, &["collection", "list", "--json"]);
    assert_eq!(json[1]["path"], "示例/精读");

    // Unknown names and articles are clear errors that change nothing.
    let (code, _, err) = run(lib, &["list", "--collection", "没有这个"]);
    assert_eq!(code, 1);
    assert!(err.contains("没有这个"), "{err}");
    let (code, _, err) = run(lib, &["collection", "add", "示例", "99999"]);
    assert_eq!(code, 1);
    assert!(err.contains("article 99999"), "{err}");

    let out = ok(lib, &["collection", "rm", "示例"]);
    assert!(out.contains("deleted 2 collection(s)"), "{out}");
    assert_eq!(
        ids(&ok_json(lib, &["list", "--json"])),
        all,
        "the articles stay"
    );
    let undo = ok(lib, &["undo"]);
    assert!(undo.contains("delete collection"), "{undo}");
    assert_eq!(
        ids(&ok_json(
            lib,
            &["list", "--collection", "示例/精读", "--json"]
        )),
        vec![all[2]]
    );
}

#[test]
fn export_takes_a_collection_as_its_scope_with_its_sub_collections() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path();
    let all = ok_json(lib, &["list", "--json"]);
    let title = |i: usize| all[i]["title"].as_str().unwrap().to_string();
    let id = |i: usize| all[i]["id"].to_string();
    ok(lib, &["collection", "create", "导出"]);
    ok(lib, &["collection", "create", "子", "--parent", "导出"]);
    ok(lib, &["collection", "add", "导出", &id(0)]);
    ok(lib, &["collection", "add", "导出/子", &id(1)]);
    let out = dir.path().join("collection.md");
    let r = ok_json(
        lib,
        &[
            "export",
            "--format",
            "md",
            "--collection",
            "导出",
            "--group-by",
            "article",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(r["articles"], 2, "{r}");
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("scope: collection\n"), "{md}");
    assert!(md.contains("title: \"分类：导出\""), "{md}");
    assert!(md.contains(&title(0)) && md.contains(&title(1)), "{md}");
    assert!(
        !md.contains(&title(2)),
        "an article outside the collection: {md}"
    );
    let (code, _, err) = run(
        lib,
        &[
            "export",
            "--format",
            "md",
            "--collection",
            "无此分类",
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("无此分类"), "{err}");
}
