//! The daily review: cards follow their highlights, grades are undoable and
//! durable, deleting a highlight or article takes cards and history through
//! the undo log, orphans suspend their cards, and the daily limits hold.

use chrono::{Duration, Utc};
use pizhu_core::annotate::{NewHighlight, NewTheme, ThemeRef};
use pizhu_core::articles::Inserted;
use pizhu_core::review::{CardKind, CardSelection, DueFilter, Grade, NewCard, ReviewLimits};
use pizhu_core::{LibraryDir, NewArticle, Store};

const TEXT: &str = "第一句话。人机共生是未来的方向，我们拭目以待。文生视频改变了影视产业。";

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&LibraryDir::new(dir.path())).unwrap()
}

fn cp(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap();
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

/// A library with one article and two highlights (the first tagged 未来).
fn library() -> (tempfile::TempDir, i64, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let Inserted::New(article) = store
        .insert_articles(
            None,
            &[NewArticle {
                title: "复习测试".into(),
                text: TEXT.into(),
                ..Default::default()
            }],
        )
        .unwrap()[0]
    else {
        panic!()
    };
    store
        .add_theme(&NewTheme {
            name: "未来".into(),
            ..Default::default()
        })
        .unwrap();
    let add = |needle: &str, themes: Vec<String>| {
        let (start, end) = cp(TEXT, needle);
        store
            .add_highlight(&NewHighlight {
                article_id: article,
                start,
                end,
                themes,
                note: "笔记".into(),
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let h1 = add("人机共生是未来的方向", vec!["未来".into()]);
    let h2 = add("文生视频", vec![]);
    (dir, article, h1, h2)
}

fn card(store: &Store, highlight_id: i64, cloze: Vec<[i64; 2]>) -> i64 {
    store
        .add_review_card(&NewCard {
            highlight_id,
            cloze,
            ..Default::default()
        })
        .unwrap()
        .card_id
}

fn due_ids(store: &Store, filter: &DueFilter) -> Vec<i64> {
    store
        .due_review_cards(filter, Utc::now())
        .unwrap()
        .iter()
        .map(|c| c.card_id)
        .collect()
}

#[test]
fn a_passage_card_shows_the_note_in_front_and_the_passage_in_its_sentence_behind() {
    let (dir, _, h1, _) = library();
    let store = open(&dir);
    let c = store.review_card(card(&store, h1, vec![])).unwrap();
    assert_eq!(c.kind, CardKind::Passage);
    assert_eq!(c.front, "笔记");
    assert_eq!(c.back, "【人机共生是未来的方向】，我们拭目以待。\n\n笔记");
}

#[test]
fn a_cloze_card_blanks_the_marked_words_and_bad_spans_are_refused() {
    let (dir, _, h1, _) = library();
    let store = open(&dir);
    let c = store.review_card(card(&store, h1, vec![[0, 4]])).unwrap();
    assert_eq!(c.kind, CardKind::Cloze);
    assert_eq!(c.front, "［…］是未来的方向，我们拭目以待。");
    assert!(c.back.starts_with("【人机共生】是未来的方向"));
    for bad in [
        vec![[3, 2]],
        vec![[0, 11]],
        vec![[0, 3], [2, 5]],
        vec![[-1, 2]],
    ] {
        let err = store
            .add_review_card(&NewCard {
                highlight_id: h1,
                cloze: bad.clone(),
                ..Default::default()
            })
            .unwrap_err();
        assert!(err.to_string().contains("cloze span"), "{bad:?}: {err}");
    }
}

#[test]
fn grading_reschedules_is_durable_and_the_last_grade_can_be_undone() {
    let (dir, _, h1, _) = library();
    let id = {
        let store = open(&dir);
        let id = card(&store, h1, vec![]);
        assert_eq!(due_ids(&store, &DueFilter::default()), vec![id]);
        store
            .grade_review_card(id, Grade::Easy, Utc::now())
            .unwrap();
        id
    };
    // Reopened: the grade was kept.
    let store = open(&dir);
    let c = store.review_card(id).unwrap();
    assert!(!c.is_new);
    assert!(c.due > (Utc::now() + Duration::days(1)).to_rfc3339());
    assert!(due_ids(&store, &DueFilter::default()).is_empty());
    assert_eq!(store.review_history().unwrap().len(), 1);
    assert_eq!(store.review_history().unwrap()[0].grade, Grade::Easy);

    let back = store.undo_last_grade().unwrap();
    assert!(back.is_new);
    assert!(store.review_history().unwrap().is_empty());
    assert_eq!(due_ids(&store, &DueFilter::default()), vec![id]);
    // Nothing graded since: refused, nothing else undone.
    assert!(store.undo_last_grade().is_err());
    assert_eq!(store.review_card(id).unwrap().card_id, id);
}

#[test]
fn deleting_a_highlight_deletes_its_cards_and_history_and_undo_brings_them_back() {
    let (dir, _, h1, _) = library();
    let store = open(&dir);
    let id = card(&store, h1, vec![[0, 2]]);
    store
        .grade_review_card(id, Grade::Good, Utc::now())
        .unwrap();
    let before = store.review_card(id).unwrap();
    store.delete_highlight(h1).unwrap();
    assert!(store.review_card(id).is_err());
    assert!(store.review_history().unwrap().is_empty());
    drop(store);
    let store = open(&dir);
    store.undo().unwrap();
    assert_eq!(store.review_card(id).unwrap(), before);
    assert_eq!(store.review_history().unwrap().len(), 1);
}

#[test]
fn deleting_an_article_deletes_its_cards_and_undo_brings_them_back() {
    let (dir, article, h1, h2) = library();
    let store = open(&dir);
    let a = card(&store, h1, vec![]);
    let b = card(&store, h2, vec![]);
    store.grade_review_card(b, Grade::Hard, Utc::now()).unwrap();
    store.delete_article(article).unwrap();
    assert_eq!(store.review_stats(Utc::now(), 7).unwrap().cards, 0);
    store.undo().unwrap();
    assert!(store.review_card(a).is_ok());
    assert_eq!(store.review_card(b).unwrap().reps, 1);
    assert_eq!(store.review_history().unwrap().len(), 1);
}

#[test]
fn a_card_follows_its_re_anchored_highlight_and_is_suspended_while_it_is_an_orphan() {
    let (dir, article, h1, _) = library();
    let store = open(&dir);
    let id = card(&store, h1, vec![[0, 4]]);
    // Text inserted before the passage: the highlight moves, the card follows.
    let moved = format!("新的开头。{TEXT}");
    store.edit_article_text(article, &moved).unwrap();
    let c = store.review_card(id).unwrap();
    assert_eq!(c.front, "［…］是未来的方向，我们拭目以待。");
    assert!(!c.suspended);
    // The passage removed: an orphan; its card is suspended and not due.
    let gone = moved.replace("人机共生是未来的方向，", "");
    store.edit_article_text(article, &gone).unwrap();
    let c = store.review_card(id).unwrap();
    assert!(c.orphan && c.suspended);
    assert!(due_ids(&store, &DueFilter::default()).is_empty());
    assert!(store
        .grade_review_card(id, Grade::Good, Utc::now())
        .is_err());
    assert_eq!(store.review_stats(Utc::now(), 7).unwrap().suspended, 1);
    // Undoing the edit places the highlight again and the card comes back.
    store.undo().unwrap();
    assert_eq!(due_ids(&store, &DueFilter::default()), vec![id]);
}

#[test]
fn a_theme_or_article_joins_at_once_and_the_due_list_filters_by_them() {
    let (dir, article, h1, h2) = library();
    let store = open(&dir);
    let n = store
        .add_review_cards_for(&CardSelection {
            theme: Some(ThemeRef::Name("未来".into())),
            article_id: None,
        })
        .unwrap();
    assert_eq!(n, 1);
    let n = store
        .add_review_cards_for(&CardSelection {
            theme: None,
            article_id: Some(article),
        })
        .unwrap();
    assert_eq!(n, 1, "the highlight that already has a card is skipped");
    let by_theme = store
        .due_review_cards(
            &DueFilter {
                theme: Some(ThemeRef::Name("未来".into())),
                article_id: None,
            },
            Utc::now(),
        )
        .unwrap();
    assert_eq!(by_theme.len(), 1);
    assert_eq!(by_theme[0].highlight_id, h1);
    assert_eq!(due_ids(&store, &DueFilter::default()).len(), 2);
    assert!(store.review_cards_of_highlight(h2).unwrap().len() == 1);
    // One undo removes the whole batch.
    store.undo().unwrap();
    assert!(store.review_cards_of_highlight(h2).unwrap().is_empty());
}

#[test]
fn the_daily_new_card_limit_holds_and_stats_count_reviews_and_retention() {
    let (dir, _, h1, h2) = library();
    let store = open(&dir);
    let a = card(&store, h1, vec![]);
    card(&store, h2, vec![]);
    store
        .set_review_limits(&ReviewLimits {
            new_per_day: 1,
            reviews_per_day: 10,
        })
        .unwrap();
    assert_eq!(due_ids(&store, &DueFilter::default()), vec![a]);
    store.grade_review_card(a, Grade::Good, Utc::now()).unwrap();
    assert!(
        due_ids(&store, &DueFilter::default()).is_empty(),
        "one new card a day"
    );
    // Ten minutes later the learning card is due again and graded.
    let later = Utc::now() + Duration::minutes(11);
    assert_eq!(
        store
            .due_review_cards(&DueFilter::default(), later)
            .unwrap()
            .len(),
        1
    );
    store.grade_review_card(a, Grade::Again, later).unwrap();
    let s = store.review_stats(later, 7).unwrap();
    assert_eq!(s.cards, 2);
    assert_eq!(s.new_cards, 1);
    assert_eq!(s.reviewed_today, 2);
    assert_eq!(s.days.len(), 7);
    assert_eq!(s.retention, Some(0.0));
    assert!(store
        .set_review_limits(&ReviewLimits {
            new_per_day: -1,
            reviews_per_day: 10,
        })
        .is_err());
}

/// Issue 15: "today" is the user's day. At 00:10 in UTC+8 it is still the same
/// UTC day as 23:50 the evening before, but a new local day with a fresh limit.
#[test]
fn the_daily_limit_renews_at_local_midnight_not_utc_midnight() {
    use chrono::{FixedOffset, TimeZone};
    let (dir, _, h1, h2) = library();
    let store = open(&dir);
    let a = card(&store, h1, vec![]);
    let b = card(&store, h2, vec![]);
    store
        .set_review_limits(&ReviewLimits {
            new_per_day: 1,
            reviews_per_day: 10,
        })
        .unwrap();
    let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
    // Tomorrow, 23:50 in Beijing (in the future, so both cards are due).
    let tomorrow = Utc::now().with_timezone(&beijing).date_naive() + Duration::days(1);
    let evening = beijing
        .from_local_datetime(&tomorrow.and_hms_opt(23, 50, 0).unwrap())
        .unwrap();
    let after_midnight = evening + Duration::minutes(20);
    assert_eq!(
        evening.with_timezone(&Utc).date_naive(),
        after_midnight.with_timezone(&Utc).date_naive(),
        "one UTC day"
    );
    store
        .grade_review_card(a, Grade::Good, evening.with_timezone(&Utc))
        .unwrap();
    let due = |now: chrono::DateTime<FixedOffset>| -> Vec<i64> {
        store
            .due_review_cards(&DueFilter::default(), now)
            .unwrap()
            .iter()
            .map(|c| c.card_id)
            .collect()
    };
    assert!(
        !due(evening + Duration::minutes(5)).contains(&b),
        "the evening's new card is used"
    );
    assert!(
        due(after_midnight).contains(&b),
        "a new local day brings a new card"
    );
    assert!(
        !due(after_midnight.with_timezone(&Utc).fixed_offset()).contains(&b),
        "in UTC it is still the same day"
    );
    assert_eq!(
        store
            .review_stats(evening + Duration::minutes(5), 7)
            .unwrap()
            .reviewed_today,
        1
    );
    let next_day = store.review_stats(after_midnight, 7).unwrap();
    assert_eq!(next_day.reviewed_today, 0);
    assert_eq!(
        next_day.days[5].reviews, 1,
        "yesterday, locally: {:?}",
        next_day.days
    );
    assert_eq!(
        next_day.days[6].date,
        after_midnight.date_naive().format("%Y-%m-%d").to_string()
    );
}
