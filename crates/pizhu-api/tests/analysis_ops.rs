//! The analysis operations through the dispatcher, on a real library file with
//! the bundled corpus and highlights added like a user would.

use pizhu_api::{ErrorCode, Pizhu};
use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle};
use serde_json::{json, Value};

// Paragraph 1 without spaces, paragraph 2 with spaces around Latin words and between CJK.
const TEXT: &str = "影视创作者与人工智能形成人机共生的关系。版权归属尚不清楚。\nOpenAI 发布了 Sora ， 文生 视频让影视行业震动。灵韵是否会消逝？";

fn open(dir: &tempfile::TempDir) -> Pizhu {
    Pizhu::open(&LibraryDir::new(dir.path())).expect("open library")
}

fn add_article(app: &Pizhu, title: &str, text: &str) -> i64 {
    let a = NewArticle {
        title: title.into(),
        text: text.into(),
        ..Default::default()
    };
    match app.store().insert_articles(None, &[a]).unwrap()[0] {
        Inserted::New(id) | Inserted::Duplicate(id) => id,
    }
}

fn call(app: &Pizhu, op: &str, args: Value) -> Value {
    app.call(op, args.clone())
        .unwrap_or_else(|e| panic!("{op} {args}: {e:?}"))
}

fn theme_id(app: &Pizhu, name: &str) -> i64 {
    app.store()
        .read(|c| {
            Ok(
                c.query_row("SELECT id FROM themes WHERE name = ?1", [name], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap()
}

fn highlight(app: &Pizhu, article: i64, start: usize, end: usize, themes: &[i64]) -> i64 {
    call(
        app,
        "addHighlight",
        json!({"articleId": article, "start": start, "end": end, "themeIds": themes}),
    )["id"]
        .as_i64()
        .unwrap()
}

fn index_of(list: &Value, id: i64) -> usize {
    list.as_array()
        .unwrap()
        .iter()
        .position(|x| x["id"] == id)
        .unwrap()
}

#[test]
fn matrix_and_co_occurrence_numbers_on_known_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a1 = add_article(&app, "甲", TEXT);
    let a2 = add_article(&app, "乙", "人机共生与版权。灵韵与版权。");
    let (rj, bq, ly) = (
        theme_id(&app, "人机共生"),
        theme_id(&app, "版权伦理"),
        theme_id(&app, "灵韵"),
    );
    let h1 = highlight(&app, a1, 0, 20, &[rj, bq]); // one highlight, two themes
    let h2 = highlight(&app, a1, 15, 25, &[ly]); // overlaps h1 on [15,20)
    let _h3 = highlight(&app, a1, 25, 29, &[bq]); // touches h2 at 25: no overlap
    let _h4 = highlight(&app, a2, 0, 8, &[rj]);
    let _h5 = highlight(&app, a2, 8, 14, &[bq]); // touches h4 at 8

    let m = call(&app, "themeMatrix", json!({}));
    let (t, a) = (&m["themes"], &m["articles"]);
    let cell = |theme: i64, article: i64| {
        m["counts"][index_of(t, theme)][index_of(a, article)]
            .as_u64()
            .unwrap()
    };
    assert_eq!([cell(rj, a1), cell(bq, a1), cell(ly, a1)], [1, 2, 1]);
    assert_eq!([cell(rj, a2), cell(bq, a2), cell(ly, a2)], [1, 1, 0]);
    assert_eq!(m["max"], 2);
    let coded_only = call(&app, "themeMatrix", json!({"onlyCoded": true}));
    assert_eq!(
        coded_only["articles"].as_array().unwrap().len(),
        2,
        "bundled articles have no highlights yet"
    );

    let passages = call(&app, "matrixCell", json!({"themeId": bq, "articleId": a1}));
    let texts: Vec<&str> = passages
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec!["影视创作者与人工智能形成人机共生的关系。", "不清楚。"]
    );

    let c = call(&app, "themeCooccurrence", json!({}));
    let t = &c["themes"];
    let n = |x: i64, y: i64| {
        c["counts"][index_of(t, x)][index_of(t, y)]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        [n(rj, rj), n(bq, bq), n(ly, ly)],
        [2, 3, 1],
        "diagonal: passages per theme"
    );
    assert_eq!(
        n(rj, bq),
        1,
        "same highlight; the touching pair in 乙 does not count"
    );
    assert_eq!(n(bq, rj), 1);
    assert_eq!(n(rj, ly), 1, "h1 and h2 overlap");
    assert_eq!(n(bq, ly), 1, "h1–h2 overlap; h2–h3 only touch");
    let behind = call(&app, "cooccurrencePassages", json!({"a": ly, "b": bq}));
    assert_eq!(behind.as_array().unwrap().len(), 1);
    assert_eq!(behind[0]["highlightIds"], json!([h1, h2]));
    assert_eq!(
        (
            behind[0]["overlapStart"].as_u64(),
            behind[0]["overlapEnd"].as_u64()
        ),
        (Some(15), Some(20))
    );
    assert_eq!(
        behind[0]["text"],
        "影视创作者与人工智能形成人机共生的关系。版权归属尚"
    );
}

#[test]
fn kwic_finds_chinese_with_and_without_spaces_and_offsets_open_the_spot() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a1 = add_article(&app, "甲", TEXT);
    for (term, expect_match) in [
        ("影视", "影视"),
        ("文生视频", "文生 视频"),
        ("发布了Sora", "发布了 Sora"),
        ("sora ，", "Sora ，"),
    ] {
        let lines = call(
            &app,
            "kwic",
            json!({"term": term, "articleId": a1, "width": 5}),
        );
        let lines = lines.as_array().unwrap();
        assert!(!lines.is_empty(), "{term}");
        let found = lines
            .iter()
            .find(|l| l["match"] == expect_match)
            .unwrap_or_else(|| panic!("{term}: {lines:?}"));
        let (s, e) = (
            found["start"].as_u64().unwrap() as usize,
            found["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(pizhu_core::text::cp_slice(TEXT, s, e), Some(expect_match));
        assert_eq!(found["title"], "甲");
    }
    let lines = call(
        &app,
        "kwic",
        json!({"term": "影视", "articleId": a1, "width": 4}),
    );
    assert_eq!(lines[0]["left"], "");
    assert_eq!(lines[0]["right"], "创作者与");
    assert_eq!(
        lines[1]["left"], " 视频让",
        "width counts the space the text has before 视频"
    );
    assert_eq!(lines[1]["paragraph"], 1);
    // Whole library: the bundled articles speak of 影视 a lot; sorted by article then position.
    let all = call(&app, "kwic", json!({"term": "影视"}));
    let all = all.as_array().unwrap();
    assert!(all.len() > 40, "{}", all.len());
    assert!(all
        .windows(2)
        .all(|w| (w[0]["articleId"].as_i64(), w[0]["start"].as_u64())
            <= (w[1]["articleId"].as_i64(), w[1]["start"].as_u64())));
    let limited = call(
        &app,
        "kwic",
        json!({"term": "影视", "limit": 3, "sort": "right"}),
    );
    assert_eq!(limited.as_array().unwrap().len(), 3);
    assert_eq!(
        app.call("kwic", json!({"term": "  "})).unwrap_err().code,
        ErrorCode::InvalidInput
    );
}

#[test]
fn suggestions_accept_dismiss_and_remember_across_restart() {
    let dir = tempfile::tempdir().unwrap();
    let ly;
    let (first, second);
    {
        let app = open(&dir);
        ly = theme_id(&app, "灵韵");
        let got = call(
            &app,
            "suggestPassages",
            json!({"theme": "灵韵", "limit": 5}),
        );
        let got = got.as_array().unwrap().clone();
        assert_eq!(got.len(), 5);
        assert!(got[0]["text"].as_str().unwrap().contains("灵韵"), "{got:?}");
        assert!(got[0]["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("灵韵")));
        assert!(got
            .windows(2)
            .all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64()));
        (first, second) = (got[0].clone(), got[1].clone());
        let args = |s: &Value| json!({"themeId": ly, "articleId": s["articleId"], "start": s["start"], "end": s["end"]});
        let h = call(&app, "acceptSuggestion", args(&first));
        assert_eq!(
            h["exact"], first["text"],
            "the highlight covers the suggested sentence"
        );
        call(&app, "dismissSuggestion", args(&second));
        call(&app, "dismissSuggestion", args(&second)); // twice is fine
        let m = call(&app, "themeMatrix", json!({"onlyCoded": true}));
        assert_eq!(m["max"], 1);
    }
    let app = open(&dir);
    let again = call(&app, "suggestPassages", json!({"themeId": ly, "limit": 20}));
    let same = |a: &Value, b: &Value| a["articleId"] == b["articleId"] && a["start"] == b["start"];
    let again = again.as_array().unwrap();
    assert!(
        !again.iter().any(|s| same(s, &first)),
        "accepted sentence is coded now"
    );
    assert!(
        !again.iter().any(|s| same(s, &second)),
        "dismissed sentence stays dismissed after reopening"
    );
    // Undo the dismissal (the last step), then the accept: each sentence comes back.
    let step = call(&app, "undo", json!({}));
    assert_eq!(step["action"]["kind"], "dismissSuggestion");
    let after_undo = call(&app, "suggestPassages", json!({"themeId": ly, "limit": 20}));
    assert!(after_undo
        .as_array()
        .unwrap()
        .iter()
        .any(|s| same(s, &second)));
    call(&app, "undo", json!({}));
    let after_undo = call(&app, "suggestPassages", json!({"themeId": ly, "limit": 20}));
    assert!(after_undo
        .as_array()
        .unwrap()
        .iter()
        .any(|s| same(s, &first)));
    assert_eq!(
        app.call("suggestPassages", json!({"theme": "没有这个主题"}))
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert_eq!(
        app.call("suggestPassages", json!({})).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    // Progress is there only while a suggestion runs (the unit test in
    // pizhu-analysis follows it through a run), and cleared after one that failed.
    assert_eq!(call(&app, "suggestProgress", json!({})), Value::Null);
    let bad_theme =
        json!({"themeId": 999_999, "articleId": first["articleId"], "start": 0, "end": 5});
    assert_eq!(
        app.call("dismissSuggestion", bad_theme).unwrap_err().code,
        ErrorCode::NotFound
    );
    let empty = json!({"themeId": ly, "articleId": first["articleId"], "start": 5, "end": 5});
    assert_eq!(
        app.call("dismissSuggestion", empty).unwrap_err().code,
        ErrorCode::InvalidInput
    );
}

#[test]
fn key_terms_of_an_article_a_theme_and_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let id: i64 = app
        .store()
        .read(|c| {
            Ok(c.query_row(
                "SELECT id FROM articles WHERE title LIKE '59秒%'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    for method in ["tfidf", "textrank"] {
        let terms = call(
            &app,
            "keyTerms",
            json!({"articleId": id, "limit": 10, "method": method}),
        );
        let terms: Vec<&str> = terms
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["term"].as_str().unwrap())
            .collect();
        assert_eq!(terms.len(), 10);
        assert!(terms.contains(&"Sora"), "{method}: {terms:?}");
        assert!(
            terms.contains(&"灵韵"),
            "user dictionary word kept whole: {method}: {terms:?}"
        );
        assert!(
            !terms.iter().any(|t| ["我们", "的", "可以"].contains(t)),
            "{terms:?}"
        );
    }
    let library = call(&app, "keyTerms", json!({"limit": 5}));
    assert_eq!(library.as_array().unwrap().len(), 5);
    // A theme's passages: code two sentences, then its terms come from them.
    let text: String = app
        .store()
        .read(|c| {
            Ok(
                c.query_row("SELECT text FROM articles WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    let b = text.find("本雅明在《机械复制时代的艺术作品》").unwrap();
    let s = text[..b].chars().count();
    highlight(&app, id, s, s + 60, &[theme_id(&app, "灵韵")]);
    let theme_terms = call(&app, "keyTerms", json!({"theme": "灵韵", "limit": 5}));
    let theme_terms: Vec<&str> = theme_terms
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(
        theme_terms.contains(&"灵韵") || theme_terms.contains(&"本雅明"),
        "{theme_terms:?}"
    );
    assert_eq!(
        app.call("keyTerms", json!({"articleId": id, "theme": "灵韵"}))
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
}

#[test]
fn pictures_export_as_svg_in_light_and_dark() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a1 = add_article(&app, "<甲&乙>", TEXT);
    highlight(
        &app,
        a1,
        0,
        20,
        &[theme_id(&app, "人机共生"), theme_id(&app, "版权伦理")],
    );
    let light = call(&app, "themeMatrixSvg", json!({"onlyCoded": true}))["svg"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        light.starts_with("<svg")
            && light.contains("&lt;甲&amp;乙&gt;")
            && light.contains(">1</text>")
    );
    let dark = call(&app, "cooccurrenceSvg", json!({"dark": true}))["svg"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(dark.contains("#1e1f24") && dark.contains("人机共生"));
}

/// The everyday verbs of `everyday_verbs.txt` that must never be key terms.
const EVERYDAY: [&str; 6] = ["带来", "提升", "发展", "推动", "实现", "促进"];

#[test]
fn key_terms_of_the_library_leave_out_everyday_verbs() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    for method in ["tfidf", "textrank"] {
        let terms = call(&app, "keyTerms", json!({"limit": 60, "method": method}));
        let terms: Vec<&str> = terms
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["term"].as_str().unwrap())
            .collect();
        assert_eq!(terms.len(), 60);
        for verb in EVERYDAY {
            assert!(!terms.contains(&verb), "{method}: {verb} in {terms:?}");
        }
        assert!(terms.contains(&"影视"), "{method}: {terms:?}");
    }
}

#[test]
fn headings_are_never_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    // Every heading paragraph of the bundled corpus, by article.
    let mut headings: Vec<(i64, String)> = Vec::new();
    for a in call(&app, "listArticles", json!({})).as_array().unwrap() {
        let article = call(&app, "getArticle", json!({"id": a["id"]}));
        let paragraphs: Vec<&str> = article["text"].as_str().unwrap().split('\n').collect();
        for h in article["headings"].as_array().unwrap() {
            let text = paragraphs[h.as_u64().unwrap() as usize].trim().to_string();
            headings.push((article["id"].as_i64().unwrap(), text));
        }
    }
    assert!(headings.len() > 5, "the bundled articles have headings");
    let themes = call(&app, "listThemes", json!({}));
    let mut suggested = 0;
    for t in themes.as_array().unwrap() {
        let got = call(
            &app,
            "suggestPassages",
            json!({"themeId": t["id"], "limit": 1000}),
        );
        for s in got.as_array().unwrap() {
            suggested += 1;
            let heading = headings
                .iter()
                .any(|(id, text)| s["articleId"] == *id && s["text"].as_str() == Some(text));
            assert!(!heading, "a heading was suggested for {}: {s}", t["name"]);
        }
    }
    assert!(suggested > 50, "{suggested} suggestions in all");
}

#[test]
fn sub_themes_roll_up_in_the_matrix_and_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a1 = add_article(&app, "甲", TEXT);
    let a2 = add_article(&app, "乙", "人机共生与版权。灵韵与版权。");
    // 产业变革 has the sub-themes 制作效率 and 市场结构 in the bundled code book.
    let (parent, child, other) = (
        theme_id(&app, "产业变革"),
        theme_id(&app, "制作效率"),
        theme_id(&app, "灵韵"),
    );
    highlight(&app, a1, 0, 5, &[parent, child]); // parent and child: once for the parent
    highlight(&app, a1, 6, 9, &[child]);
    highlight(&app, a1, 10, 12, &[parent, other]);
    highlight(&app, a2, 0, 4, &[child]);

    let count = |m: &Value, theme: i64, article: i64| {
        m["counts"][index_of(&m["themes"], theme)][index_of(&m["articles"], article)]
            .as_u64()
            .unwrap()
    };
    let rolled = call(&app, "themeMatrix", json!({"onlyCoded": true}));
    assert_eq!(
        rolled["includeChildren"], true,
        "sub-themes are included by default"
    );
    assert_eq!(
        [count(&rolled, parent, a1), count(&rolled, parent, a2)],
        [3, 1]
    );
    assert_eq!(
        [count(&rolled, child, a1), count(&rolled, child, a2)],
        [2, 1]
    );
    let row = |m: &Value, theme: i64| m["rowTotals"][index_of(&m["themes"], theme)].as_u64();
    let col =
        |m: &Value, article: i64| m["columnTotals"][index_of(&m["articles"], article)].as_u64();
    assert_eq!(row(&rolled, parent), Some(4));
    assert_eq!(row(&rolled, other), Some(1));
    assert_eq!((col(&rolled, a1), col(&rolled, a2)), (Some(3), Some(1)));
    assert_eq!(rolled["total"], 4);
    assert_eq!(rolled["max"], 3);

    let flat = call(
        &app,
        "themeMatrix",
        json!({"onlyCoded": true, "includeChildren": false}),
    );
    assert_eq!([count(&flat, parent, a1), count(&flat, parent, a2)], [2, 0]);
    assert_eq!(row(&flat, parent), Some(2));
    assert_eq!(flat["total"], 4, "totals count passages, not theme tags");

    // The cell behind a rolled-up count lists the same passages.
    let cell = |include: Option<bool>| {
        let mut args = json!({"themeId": parent, "articleId": a1});
        if let Some(i) = include {
            args["includeChildren"] = json!(i);
        }
        call(&app, "matrixCell", args).as_array().unwrap().len()
    };
    assert_eq!((cell(None), cell(Some(true)), cell(Some(false))), (3, 3, 2));
    let svg = call(&app, "themeMatrixSvg", json!({"onlyCoded": true}));
    assert!(
        svg["svg"].as_str().unwrap().contains(">3<"),
        "the picture shows the rolled-up count"
    );
}

#[test]
fn theme_filters_include_sub_themes_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a = add_article(&app, "甲", TEXT);
    let (parent, child) = (theme_id(&app, "产业变革"), theme_id(&app, "制作效率"));
    highlight(&app, a, 0, 5, &[parent]);
    highlight(&app, a, 6, 9, &[child]);
    let passages = |args: Value| -> usize {
        call(&app, "themePassages", args)
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["passages"].as_array().unwrap().len())
            .sum()
    };
    assert_eq!(
        passages(json!({"themeId": parent})),
        2,
        "default: with sub-themes"
    );
    assert_eq!(
        passages(json!({"themeId": parent, "includeChildren": false})),
        1
    );
    let listed = |args: Value| call(&app, "listHighlights", args).as_array().unwrap().len();
    assert_eq!(listed(json!({"themeId": parent})), 2);
    assert_eq!(listed(json!({"theme": "产业变革"})), 2);
    assert_eq!(
        listed(json!({"themeId": parent, "includeChildren": false})),
        1
    );
    // Export already includes them by default: the same rule.
    let export = call(
        &app,
        "exportNotes",
        json!({"format": "csv", "themeId": parent}),
    );
    assert_eq!(export["highlights"], 2, "{export}");
}

#[test]
fn dismissed_suggestions_are_listed_restored_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let ly = theme_id(&app, "灵韵");
    let got = call(&app, "suggestPassages", json!({"themeId": ly, "limit": 3}));
    let (s1, s2) = (got[0].clone(), got[1].clone());
    let args = |s: &Value| json!({"themeId": ly, "articleId": s["articleId"], "start": s["start"], "end": s["end"]});
    let listed = || call(&app, "dismissedSuggestions", json!({"themeId": ly}));
    assert_eq!(listed(), json!([]));
    call(&app, "dismissSuggestion", args(&s1));
    call(&app, "dismissSuggestion", args(&s2));
    let list = listed();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let texts: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&s1["text"].as_str().unwrap()), "{list}");
    assert!(list[0]["title"].as_str().is_some_and(|t| !t.is_empty()));

    // Restore one: it is suggested again and leaves the list.
    call(&app, "restoreSuggestion", args(&s1));
    assert_eq!(listed().as_array().unwrap().len(), 1);
    let suggested = |s: &Value| {
        call(&app, "suggestPassages", json!({"themeId": ly, "limit": 20}))
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["articleId"] == s["articleId"] && x["start"] == s["start"])
    };
    assert!(suggested(&s1));
    assert!(!suggested(&s2));
    // Undo the restore: dismissed again; undo the second dismissal: back in the suggestions.
    let step = call(&app, "undo", json!({}));
    assert_eq!(step["action"]["kind"], "restoreSuggestion");
    assert!(!suggested(&s1));
    call(&app, "undo", json!({}));
    assert!(suggested(&s2));
    assert_eq!(listed().as_array().unwrap().len(), 1);
    // Redo brings the dismissal back.
    call(&app, "redo", json!({}));
    assert!(!suggested(&s2));

    // Restoring what was never dismissed, or an unknown theme, is a clear error.
    assert_eq!(
        app.call("restoreSuggestion", args(&got[2]))
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert_eq!(
        app.call("dismissedSuggestions", json!({"themeId": 999_999}))
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    let past_end =
        json!({"themeId": ly, "articleId": s1["articleId"], "start": 0, "end": 10_000_000});
    assert_eq!(
        app.call("dismissSuggestion", past_end).unwrap_err().code,
        ErrorCode::InvalidInput
    );
}

#[test]
fn accepting_a_suggestion_is_one_undo_step_that_removes_the_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let ly = theme_id(&app, "灵韵");
    let s = call(&app, "suggestPassages", json!({"themeId": ly, "limit": 1}))[0].clone();
    let h = call(
        &app,
        "acceptSuggestion",
        json!({"themeId": ly, "articleId": s["articleId"], "start": s["start"], "end": s["end"]}),
    );
    let ids = || -> Vec<i64> {
        call(&app, "listHighlights", json!({"articleId": s["articleId"]}))
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect()
    };
    assert!(ids().contains(&h["id"].as_i64().unwrap()));
    let step = call(&app, "undo", json!({}));
    assert_eq!(step["action"]["kind"], "addHighlight");
    assert!(!ids().contains(&h["id"].as_i64().unwrap()));
}

#[test]
fn key_terms_of_a_theme_take_in_its_sub_themes_passages() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a = add_article(&app, "甲", TEXT);
    let (parent, child) = (theme_id(&app, "产业变革"), theme_id(&app, "制作效率"));
    let cp = |s: &str| TEXT[..TEXT.find(s).unwrap()].chars().count();
    highlight(&app, a, 0, 20, &[parent]);
    // Only the child's passage names OpenAI.
    let s = cp("OpenAI");
    highlight(&app, a, s, s + 16, &[child]);
    let terms = |args: Value| -> Vec<String> {
        call(&app, "keyTerms", args)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["term"].as_str().unwrap().to_string())
            .collect()
    };
    let with = terms(json!({"themeId": parent, "limit": 30}));
    assert!(with.iter().any(|t| t == "OpenAI"), "{with:?}");
    let without = terms(json!({"themeId": parent, "limit": 30, "includeChildren": false}));
    assert!(!without.iter().any(|t| t == "OpenAI"), "{without:?}");
    assert!(!without.is_empty());
}

/// Co-occurrence takes the same sub-theme rule as the matrix (issue #15): a
/// passage coded with a sub-theme also meets as its parent, unless asked not to.
#[test]
fn sub_themes_roll_up_in_co_occurrence_too() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir);
    let a1 = add_article(&app, "甲", TEXT);
    // 产业变革 has the sub-theme 制作效率 in the bundled code book.
    let (parent, child, other) = (
        theme_id(&app, "产业变革"),
        theme_id(&app, "制作效率"),
        theme_id(&app, "灵韵"),
    );
    highlight(&app, a1, 0, 5, &[child, other]);
    highlight(&app, a1, 6, 9, &[parent]);

    let count = |m: &Value, a: i64, b: i64| {
        m["counts"][index_of(&m["themes"], a)][index_of(&m["themes"], b)]
            .as_u64()
            .unwrap()
    };
    let meetings = |include: bool| {
        call(
            &app,
            "cooccurrencePassages",
            json!({"a": parent, "b": other, "includeChildren": include}),
        )
        .as_array()
        .unwrap()
        .len()
    };
    let rolled = call(&app, "themeCooccurrence", json!({}));
    assert_eq!(
        count(&rolled, parent, other),
        1,
        "the child's passage meets 灵韵 as 产业变革"
    );
    assert_eq!(count(&rolled, child, other), 1);
    assert_eq!(
        count(&rolled, parent, parent),
        2,
        "its own passage and its child's"
    );
    assert_eq!(meetings(true), 1);

    let flat = call(&app, "themeCooccurrence", json!({"includeChildren": false}));
    assert_eq!(count(&flat, parent, other), 0);
    assert_eq!(count(&flat, child, other), 1);
    assert_eq!(count(&flat, parent, parent), 1);
    assert_eq!(meetings(false), 0);
}
