//! The review operations through the dispatcher: error codes the UI acts on,
//! "undo the last grade" never undoing anything else, a theme joining at once,
//! and the history CSV.

use pizhu_api::{ErrorCode, Pizhu};
use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle};
use serde_json::{json, Value};

const TEXT: &str = "第一句。算法推荐决定了我们先看到什么。人机共生的写作方式正在改变编辑的工作。";

fn call(app: &Pizhu, op: &str, args: Value) -> Value {
    app.call(op, args.clone())
        .unwrap_or_else(|e| panic!("{op} {args}: {e:?}"))
}

fn code(app: &Pizhu, op: &str, args: Value) -> ErrorCode {
    app.call(op, args).unwrap_err().code
}

fn library() -> (tempfile::TempDir, Pizhu, i64, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let app = Pizhu::open(&LibraryDir::new(dir.path())).unwrap();
    let Inserted::New(article) = app
        .store()
        .insert_articles(
            None,
            &[NewArticle {
                title: "复习接口".into(),
                text: TEXT.into(),
                ..Default::default()
            }],
        )
        .unwrap()[0]
    else {
        panic!()
    };
    let mut ids = vec![];
    for (needle, theme) in [("算法推荐", "复习接口·甲"), ("人机共生", "复习接口·乙")]
    {
        let b = TEXT.find(needle).unwrap();
        let s = TEXT[..b].chars().count();
        let h = call(
            &app,
            "addHighlight",
            json!({"articleId": article, "start": s, "end": s + needle.chars().count(), "themes": [theme]}),
        );
        ids.push(h["id"].as_i64().unwrap());
    }
    (dir, app, article, ids)
}

#[test]
fn bad_input_gets_clear_codes_and_nothing_changes() {
    let (_dir, app, _, h) = library();
    assert_eq!(
        code(&app, "reviewAdd", json!({"highlightId": 999999})),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(
            &app,
            "reviewAdd",
            json!({"highlightId": h[0], "cloze": [[2, 1]]})
        ),
        ErrorCode::InvalidInput
    );
    let card = call(&app, "reviewAdd", json!({"highlightId": h[0]}));
    assert_eq!(
        code(
            &app,
            "reviewGrade",
            json!({"cardId": card["cardId"], "grade": "perfect"})
        ),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(
            &app,
            "setReviewLimits",
            json!({"newPerDay": 20, "reviewsPerDay": -5})
        ),
        ErrorCode::InvalidInput
    );
    assert_eq!(call(&app, "reviewLimits", json!({}))["reviewsPerDay"], 200);
    assert_eq!(
        code(&app, "reviewAddMany", json!({})),
        ErrorCode::InvalidInput
    );
    assert_eq!(call(&app, "reviewStats", json!({}))["cards"], 1);
}

#[test]
fn undoing_the_last_grade_never_undoes_another_change() {
    let (_dir, app, _, h) = library();
    let card = call(&app, "reviewAdd", json!({"highlightId": h[0]}));
    call(
        &app,
        "reviewGrade",
        json!({"cardId": card["cardId"], "grade": "good"}),
    );
    // A later, unrelated change: "undo the last grade" must refuse, not undo it.
    call(&app, "addTheme", json!({"name": "复习接口·后来"}));
    assert_eq!(
        code(&app, "reviewUndoGrade", json!({})),
        ErrorCode::Conflict
    );
    let themes = call(&app, "listThemes", json!({}));
    assert!(themes
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "复习接口·后来"));
    assert_eq!(call(&app, "reviewStats", json!({}))["reviewedToday"], 1);
}

#[test]
fn a_theme_joins_at_once_and_the_history_exports_as_csv() {
    let (_dir, app, article, h) = library();
    let added = call(&app, "reviewAddMany", json!({"theme": "复习接口·乙"}));
    assert_eq!(added["added"], 1);
    let due = call(&app, "reviewDue", json!({"articleId": article}));
    assert_eq!(due.as_array().unwrap().len(), 1);
    assert_eq!(due[0]["highlightId"], h[1]);
    assert_eq!(due[0]["front"], "复习接口·乙 · 《复习接口》");
    call(
        &app,
        "reviewGrade",
        json!({"cardId": due[0]["cardId"], "grade": "again"}),
    );
    let csv = call(&app, "reviewHistoryCsv", json!({}));
    assert_eq!(csv["rows"], 1);
    let text = csv["csv"].as_str().unwrap();
    assert!(
        text.contains(",复习接口,人机共生,passage,again,new,"),
        "{text}"
    );
    // The highlight deleted: its card and history go; undo brings both back.
    call(&app, "deleteHighlight", json!({"id": h[1]}));
    assert_eq!(call(&app, "reviewHistoryCsv", json!({}))["rows"], 0);
    call(&app, "undo", json!({}));
    assert_eq!(call(&app, "reviewHistoryCsv", json!({}))["rows"], 1);
}
