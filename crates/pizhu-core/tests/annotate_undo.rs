//! Undo and redo of every kind of annotation change, with the library closed and
//! reopened between the change, its undo and its redo; and durability of an
//! acknowledged change when the process dies right after.

use pizhu_core::annotate::{
    Action, DeleteMode, HighlightFilter, HighlightPatch, NewHighlight, NewTheme, ThemePatch,
    ThemeRef,
};
use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle, Store};

const TEXT: &str = "第一段：文生视频模型带来了变革。\n第二段：影视产业需要新的思考。\n第三段：观众与创作者的关系。";

/// Everything an annotation change can touch, as comparable text.
fn state(store: &Store, article: i64) -> String {
    let highlights = store.list_highlights(&HighlightFilter::default()).unwrap();
    let themes = store.list_themes().unwrap();
    let text = store.article(article).unwrap().text;
    format!("{highlights:?}\n{themes:?}\n{text}")
}

/// What an undo or redo did, in English.
fn label(action: Option<Action>) -> Option<String> {
    action.map(|a| a.to_string())
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&LibraryDir::new(dir.path())).unwrap()
}

fn cp(needle: &str) -> (usize, usize) {
    let b = TEXT.find(needle).unwrap();
    let s = TEXT[..b].chars().count();
    (s, s + needle.chars().count())
}

/// Set up a library with an article, two themes (one under the other) and two highlights.
fn library() -> (tempfile::TempDir, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let a = NewArticle {
        title: "撤销测试".into(),
        text: TEXT.into(),
        ..Default::default()
    };
    let Inserted::New(article) = store.insert_articles(None, &[a]).unwrap()[0] else {
        panic!()
    };
    let parent = store
        .add_theme(&NewTheme {
            name: "产业".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .add_theme(&NewTheme {
            name: "变革".into(),
            parent_id: Some(ThemeRef::Id(parent.id)),
            ..Default::default()
        })
        .unwrap();
    let (s, e) = cp("影视产业");
    let h = store
        .add_highlight(&NewHighlight {
            article_id: article,
            start: s,
            end: e,
            themes: vec!["产业".into(), "变革".into()],
            note: "笔记".into(),
            ..Default::default()
        })
        .unwrap();
    let (s, e) = cp("观众");
    store
        .add_highlight(&NewHighlight {
            article_id: article,
            start: s,
            end: e,
            themes: vec!["产业".into()],
            ..Default::default()
        })
        .unwrap();
    (dir, article, h.id)
}

#[test]
fn every_change_undoes_and_redoes_exactly_across_restarts() {
    type Change = Box<dyn Fn(&Store, i64, i64)>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "add highlight",
            Box::new(|s, a, _| {
                let (st, e) = cp("新的思考");
                s.add_highlight(&NewHighlight {
                    article_id: a,
                    start: st,
                    end: e,
                    themes: vec!["全新主题".into()],
                    ..Default::default()
                })
                .unwrap();
            }),
        ),
        (
            "edit highlight",
            Box::new(|s, _, h| {
                s.update_highlight(
                    h,
                    &HighlightPatch {
                        color: Some("green".into()),
                        note: Some("改".into()),
                        themes: Some(vec!["另一个".into()]),
                        theme_ids: None,
                    },
                )
                .unwrap();
            }),
        ),
        (
            "delete highlight",
            Box::new(|s, _, h| s.delete_highlight(h).unwrap()),
        ),
        (
            "tag",
            Box::new(|s, _, h| {
                s.tag_highlight(h, &ThemeRef::Name("再加一个".into()))
                    .unwrap();
            }),
        ),
        (
            "untag",
            Box::new(|s, _, h| {
                s.untag_highlight(h, &ThemeRef::Name("变革".into()))
                    .unwrap();
            }),
        ),
        (
            "add theme",
            Box::new(|s, _, _| {
                s.add_theme(&NewTheme {
                    name: "新".into(),
                    ..Default::default()
                })
                .unwrap();
            }),
        ),
        (
            "rename theme",
            Box::new(|s, _, _| {
                s.rename_theme(&"产业".into(), "影视产业").unwrap();
            }),
        ),
        (
            "edit theme",
            Box::new(|s, _, _| {
                s.update_theme(
                    &"产业".into(),
                    &ThemePatch {
                        memo: Some("备忘".into()),
                        keywords: Some(vec!["电影".into()]),
                        ..Default::default()
                    },
                )
                .unwrap();
            }),
        ),
        (
            "merge themes",
            Box::new(|s, _, _| {
                s.merge_themes(&"产业".into(), &"变革".into()).unwrap();
            }),
        ),
        (
            "move theme",
            Box::new(|s, _, _| {
                s.move_theme(&"变革".into(), None, Some(0)).unwrap();
            }),
        ),
        (
            "delete theme, untag",
            Box::new(|s, _, _| {
                s.delete_theme(&"产业".into(), DeleteMode::Untag).unwrap();
            }),
        ),
        (
            "delete theme, delete highlights",
            Box::new(|s, _, _| {
                s.delete_theme(&"产业".into(), DeleteMode::DeleteHighlights)
                    .unwrap();
            }),
        ),
        (
            "edit article text",
            Box::new(|s, a, _| {
                let edited = TEXT.replace("影视产业", "").replace("第一段：", "");
                let out = s.edit_article_text(a, &edited).unwrap();
                assert_eq!(out.orphans.len(), 1, "影视产业 lost its text");
            }),
        ),
        (
            "place orphan",
            Box::new(|s, a, h| {
                let edited = TEXT.replace("影视产业", "电影行业");
                s.edit_article_text(a, &edited).unwrap();
                s.place_highlight(h, 0, 3, false).unwrap();
            }),
        ),
    ];
    for (name, change) in changes {
        let (dir, article, h) = library();
        let before = state(&open(&dir), article);
        let after = {
            let store = open(&dir);
            change(&store, article, h);
            state(&store, article)
        };
        assert_ne!(before, after, "{name}: the change changed something");
        {
            let store = open(&dir);
            // "place orphan" is two operations: undo both.
            let steps = if name == "place orphan" { 2 } else { 1 };
            for _ in 0..steps {
                store
                    .undo()
                    .unwrap()
                    .unwrap_or_else(|| panic!("{name}: an entry to undo"));
            }
            assert_eq!(
                state(&store, article),
                before,
                "{name}: undo restores exactly"
            );
        }
        {
            let store = open(&dir);
            let steps = if name == "place orphan" { 2 } else { 1 };
            for _ in 0..steps {
                store
                    .redo()
                    .unwrap()
                    .unwrap_or_else(|| panic!("{name}: an entry to redo"));
            }
            assert_eq!(
                state(&store, article),
                after,
                "{name}: redo re-applies exactly"
            );
            assert_eq!(store.redo().unwrap(), None, "{name}: nothing more to redo");
        }
    }
}

#[test]
fn undo_walks_back_through_several_operations_and_a_new_one_clears_redo() {
    let (dir, article, h) = library();
    let store = open(&dir);
    let s0 = state(&store, article);
    store.rename_theme(&"产业".into(), "行业").unwrap();
    let s1 = state(&store, article);
    store.delete_highlight(h).unwrap();
    let s2 = state(&store, article);
    store.merge_themes(&"变革".into(), &"行业".into()).unwrap();
    assert_eq!(
        label(store.undo().unwrap()).as_deref(),
        Some("merge theme \u{201c}变革\u{201d} into \u{201c}行业\u{201d}")
    );
    assert_eq!(state(&store, article), s2);
    assert_eq!(
        label(store.undo().unwrap()).as_deref(),
        Some("delete highlight \u{201c}影视产业\u{201d}")
    );
    assert_eq!(state(&store, article), s1);
    assert_eq!(
        label(store.undo().unwrap()).as_deref(),
        Some("rename theme \u{201c}产业\u{201d} to \u{201c}行业\u{201d}")
    );
    assert_eq!(state(&store, article), s0);
    assert_eq!(
        label(store.redo().unwrap()).as_deref(),
        Some("rename theme \u{201c}产业\u{201d} to \u{201c}行业\u{201d}")
    );
    assert_eq!(state(&store, article), s1);
    // A new operation now: the two undone ones can no longer be redone.
    store
        .add_theme(&NewTheme {
            name: "新的".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(store.redo().unwrap(), None);
    let history = store.undo_history(10).unwrap();
    assert_eq!(history[0].label, "add theme \u{201c}新的\u{201d}");
    assert!(history.iter().all(|e| !e.undone));
}

#[test]
fn a_refused_change_leaves_no_history_and_a_no_op_leaves_none_either() {
    let (dir, _article, h) = library();
    let store = open(&dir);
    let n = store.undo_history(100).unwrap().len();
    assert!(store.rename_theme(&"产业".into(), "变革").is_err());
    assert!(store
        .add_highlight(&NewHighlight {
            article_id: 1,
            start: 5,
            end: 2,
            ..Default::default()
        })
        .is_err());
    store.untag_highlight(h, &"变革".into()).unwrap();
    store.untag_highlight(h, &"变革".into()).unwrap(); // already untagged: nothing to record
    assert_eq!(store.undo_history(100).unwrap().len(), n + 1);
}

/// Issue 14: deleting an article could not be undone, and the next Ctrl+Z undid an
/// older, unrelated change instead.
#[test]
fn deleting_an_article_undoes_with_everything_it_held_and_nothing_older() {
    let (dir, article, h) = library();
    let store = open(&dir);
    store.set_article_memo(article, "文章备忘").unwrap();
    store.set_reading_position(article, 0.5).unwrap();
    store.rename_theme(&"产业".into(), "行业").unwrap(); // the older, unrelated change
    let before = state(&store, article);
    let article_before = store.article(article).unwrap();
    assert_eq!(store.highlight(h).unwrap().themes.len(), 2);

    store.delete_article(article).unwrap();
    assert!(store.article(article).is_err());
    assert!(store
        .list_highlights(&HighlightFilter::default())
        .unwrap()
        .is_empty());

    let store = open(&dir); // the log is in the file
    assert_eq!(
        store.undo().unwrap(),
        Some(Action::DeleteArticle {
            title: "撤销测试".into()
        })
    );
    assert_eq!(
        store.article(article).unwrap(),
        article_before,
        "same id, memo, position"
    );
    assert_eq!(
        state(&store, article),
        before,
        "highlights, notes and their themes"
    );
    assert!(
        store.theme(&"行业".into()).is_ok(),
        "the rename is not undone"
    );

    assert_eq!(
        label(store.redo().unwrap()).as_deref(),
        Some("delete article \u{201c}撤销测试\u{201d}")
    );
    assert!(store.article(article).is_err());
    store.undo().unwrap();
    assert_eq!(state(&store, article), before);
    // Only now does undo reach the rename.
    assert_eq!(
        label(store.undo().unwrap()).as_deref(),
        Some("rename theme \u{201c}产业\u{201d} to \u{201c}行业\u{201d}")
    );
}

/// SQLite hands the highest id out again once its row is gone; an article imported
/// after a delete must neither take the deleted one's id nor be overwritten by undo.
#[test]
fn undoing_a_delete_never_touches_an_article_imported_meanwhile() {
    let (dir, article, _h) = library();
    let store = open(&dir);
    let before = state(&store, article);
    store.delete_article(article).unwrap();
    let other = NewArticle {
        title: "后来导入".into(),
        text: "另一篇文章的正文。".into(),
        ..Default::default()
    };
    let Inserted::New(other_id) = store.insert_articles(None, &[other]).unwrap()[0] else {
        panic!()
    };
    assert_ne!(other_id, article, "a deleted article's id is not reused");
    store.undo().unwrap().expect("the delete is undone");
    assert_eq!(state(&store, article), before);
    assert_eq!(store.article(other_id).unwrap().title, "后来导入");
}

#[test]
fn undoing_a_delete_whose_text_was_imported_again_is_refused_and_overwrites_nothing() {
    let (dir, article, _h) = library();
    let store = open(&dir);
    store.delete_article(article).unwrap();
    let again = NewArticle {
        title: "重新导入".into(),
        text: TEXT.into(),
        ..Default::default()
    };
    let Inserted::New(again_id) = store.insert_articles(None, &[again]).unwrap()[0] else {
        panic!()
    };
    let err = store.undo().unwrap_err();
    assert!(matches!(err, pizhu_core::CoreError::Clash(_)), "{err:?}");
    assert_eq!(store.article(again_id).unwrap().title, "重新导入");
    assert!(store.article(article).is_err());
    // The entry and the older ones that depended on it are gone; history is consistent.
    assert_eq!(store.undo().unwrap(), None);
}

/// The child half of the crash test: add a highlight, say so, and die without any
/// clean-up (no destructors, no checkpoint).
#[test]
#[ignore = "helper run by an_acknowledged_highlight_survives_the_process_dying"]
fn crash_child() {
    let Some(dir) = std::env::var_os("PIZHU_CRASH_CHILD_DIR") else {
        return;
    };
    let store = Store::open(&LibraryDir::new(dir)).unwrap();
    let (s, e) = cp("观众与创作者");
    let h = store
        .add_highlight(&NewHighlight {
            article_id: 1,
            start: s,
            end: e,
            note: "崩溃前".into(),
            ..Default::default()
        })
        .unwrap();
    println!("ACK {}", h.id);
    use std::io::Write;
    std::io::stdout().flush().unwrap();
    std::process::abort();
}

#[test]
fn an_acknowledged_highlight_survives_the_process_dying() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = open(&dir);
        let a = NewArticle {
            title: "崩溃测试".into(),
            text: TEXT.into(),
            ..Default::default()
        };
        assert_eq!(
            store.insert_articles(None, &[a]).unwrap()[0],
            Inserted::New(1)
        );
        let sync: i64 = store
            .read(|c| Ok(c.query_row("PRAGMA synchronous", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("PIZHU_CRASH_CHILD_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "the child aborted");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The test harness prints "test crash_child ... " on the same line first.
    let id: i64 = stdout
        .split("ACK ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("child acknowledged: {stdout}"))
        .parse()
        .unwrap();
    let store = open(&dir);
    let h = store
        .highlight(id)
        .expect("the acknowledged highlight is in the library");
    assert_eq!(h.note, "崩溃前");
    assert_eq!(
        label(store.undo().unwrap()).as_deref(),
        Some("add highlight \u{201c}观众与创作者\u{201d}"),
        "and its undo entry with it"
    );
}

/// Issue #15: the code book counted a passage coded with a parent and its child
/// twice (the UI summed the children's counts into the parent's).
#[test]
fn branch_counts_a_passage_coded_with_parent_and_child_once() {
    let (dir, article, _) = library();
    let store = open(&dir);
    let count = |name: &str| {
        let t = store
            .list_themes()
            .unwrap()
            .into_iter()
            .find(|t| t.name == name)
            .unwrap();
        (t.highlight_count, t.branch_count)
    };
    // 影视产业 carries 产业 and 变革, 观众 only 产业: two passages under 产业, not three.
    assert_eq!(count("产业"), (2, 2));
    assert_eq!(count("变革"), (1, 1));

    // A grandchild's passage counts in every theme above it; undoing it takes it away.
    let under = store.list_themes().unwrap();
    let change = under.iter().find(|t| t.name == "变革").unwrap().id;
    store
        .add_theme(&NewTheme {
            name: "细分".into(),
            parent_id: Some(ThemeRef::Id(change)),
            ..Default::default()
        })
        .unwrap();
    let (s, e) = cp("创作者");
    store
        .add_highlight(&NewHighlight {
            article_id: article,
            start: s,
            end: e,
            themes: vec!["细分".into(), "产业".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(count("产业"), (3, 3));
    assert_eq!(count("变革"), (1, 2));
    assert_eq!(count("细分"), (1, 1));
    store.undo().unwrap();
    assert_eq!(count("产业"), (2, 2));
    assert_eq!(count("变革"), (1, 1));
}
