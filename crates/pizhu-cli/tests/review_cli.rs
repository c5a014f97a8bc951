//! `pizhu review …` as the contract states it: the real binary on a real library.

use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle, Store};
use serde_json::Value;

mod common;
use common::{ok, ok_json, pizhu};

const TEXT: &str = "第一句。文生视频模型带来了变革，影视产业需要新的思考。第三句。";

/// A library with one article and one highlight (文生视频模型带来了变革).
fn library() -> (tempfile::TempDir, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["theme", "list"]);
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    let Inserted::New(article) = store
        .insert_articles(
            None,
            &[NewArticle {
                title: "复习命令行".into(),
                text: TEXT.into(),
                ..Default::default()
            }],
        )
        .unwrap()[0]
    else {
        panic!()
    };
    let h = ok_json(
        dir.path(),
        &[
            "highlight",
            "add",
            &article.to_string(),
            "--start",
            "4",
            "--end",
            "14",
            "--theme",
            "复习·技术",
            "--json",
        ],
    );
    (dir, article, h["id"].as_i64().unwrap())
}

fn due(lib: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["review", "due", "--json"];
    args.extend_from_slice(extra);
    ok_json(lib, &args).as_array().unwrap().clone()
}

#[test]
fn add_a_cloze_card_see_it_due_grade_it_and_it_leaves_the_due_list() {
    let (dir, article, h) = library();
    let lib = dir.path();
    let card = ok_json(
        lib,
        &[
            "review",
            "add",
            &h.to_string(),
            "--cloze",
            "0:4",
            "--cloze",
            "6:8",
            "--json",
        ],
    );
    let id = card["cardId"].as_i64().unwrap();
    assert_eq!(card["kind"], "cloze");

    let list = due(lib, &[]);
    assert_eq!(list.len(), 1);
    let keys: Vec<&String> = list[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["back", "cardId", "due", "front", "highlightId", "kind"]
    );
    assert_eq!(list[0]["cardId"], id);
    assert_eq!(list[0]["highlightId"], h);
    assert_eq!(
        list[0]["front"],
        "［…］模型［…］了变革，影视产业需要新的思考。"
    );
    assert!(list[0]["back"]
        .as_str()
        .unwrap()
        .starts_with("【文生视频】模型【带来】了变革"));
    assert_eq!(due(lib, &["--theme", "复习·技术"]).len(), 1);
    assert_eq!(due(lib, &["--article", &article.to_string()]).len(), 1);
    let missing = pizhu(
        lib,
        &["review", "due", "--article", &(article + 1000).to_string()],
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not found: article"));

    let graded = ok_json(lib, &["review", "grade", &id.to_string(), "good", "--json"]);
    assert_ne!(graded["due"], list[0]["due"]);
    assert!(due(lib, &[]).is_empty());

    let stats = ok_json(lib, &["review", "stats", "--json"]);
    assert_eq!(stats["cards"], 1);
    assert_eq!(stats["reviewedToday"], 1);

    let out = ok(lib, &["review", "undo"]);
    assert!(out.contains(&format!("#{id}")), "{out}");
    assert_eq!(due(lib, &[]).len(), 1);
}

#[test]
fn a_passage_card_bad_spans_and_bad_grades_are_clear_errors() {
    let (dir, _, h) = library();
    let lib = dir.path();
    let card = ok_json(lib, &["review", "add", &h.to_string(), "--json"]);
    assert_eq!(card["kind"], "passage");
    assert_eq!(card["front"], "复习·技术 · 《复习命令行》");

    let bad = pizhu(lib, &["review", "add", &h.to_string(), "--cloze", "3:99"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cloze span 3:99"));
    let bad = pizhu(lib, &["review", "add", &h.to_string(), "--cloze", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = pizhu(
        lib,
        &["review", "grade", &card["cardId"].to_string(), "great"],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("again, hard, good or easy"));
    let bad = pizhu(lib, &["review", "grade", "99999", "good"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("review card 99999"));
}

#[test]
fn history_is_written_as_csv_and_limits_are_kept() {
    let (dir, _, h) = library();
    let lib = dir.path();
    let id = ok_json(lib, &["review", "add", &h.to_string(), "--json"])["cardId"].to_string();
    ok(lib, &["review", "grade", &id, "easy"]);
    let out = dir.path().join("h.csv");
    ok(lib, &["review", "history", "--out", out.to_str().unwrap()]);
    let csv = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("\u{feff}reviewed_at,card_id"));
    assert!(lines[1].contains(",easy,new,"), "{}", lines[1]);
    assert!(ok(lib, &["review", "limits", "--new", "5"]).contains("5 new cards and 200 reviews"));
    assert!(ok(lib, &["review", "limits"]).contains("5 new cards"));
}
