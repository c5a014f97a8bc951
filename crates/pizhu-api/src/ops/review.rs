//! Operations: the daily review (issue #19). Cards are made from highlights
//! (one, or a theme's or an article's at once), reviewed when due with FSRS
//! scheduling, graded (undoably), counted, and their history exported as CSV.
//! The Anki package is an export format (`exportNotes` with `format: "anki"`).

use pizhu_core::annotate::ThemeRef;
use pizhu_core::review::{
    CardSelection, DueFilter, Grade, NewCard, ReviewCard, ReviewLimits, ReviewStats,
};
use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, Pizhu};

pub const OPS: &[Op] = &[
    op!("reviewAdd", review_add),
    op!("reviewAddMany", review_add_many),
    op!("reviewRemove", review_remove),
    op!("reviewCardsOfHighlight", review_cards_of_highlight),
    op!("reviewDue", review_due),
    op!("reviewGrade", review_grade),
    op!("reviewUndoGrade", review_undo_grade),
    op!("reviewStats", review_stats),
    op!("reviewLimits", review_limits),
    op!("setReviewLimits", set_review_limits),
    op!("reviewHistoryCsv", review_history_csv),
];

fn review_add(app: &Pizhu, a: NewCard) -> Result<ReviewCard, ApiError> {
    Ok(app.store().add_review_card(&a)?)
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AddedCards {
    pub added: usize,
}

fn review_add_many(app: &Pizhu, a: CardSelection) -> Result<AddedCards, ApiError> {
    Ok(AddedCards {
        added: app.store().add_review_cards_for(&a)?,
    })
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardArgs {
    pub card_id: i64,
}

fn review_remove(app: &Pizhu, a: CardArgs) -> Result<(), ApiError> {
    Ok(app.store().remove_review_card(a.card_id)?)
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HighlightCardsArgs {
    pub highlight_id: i64,
}

fn review_cards_of_highlight(
    app: &Pizhu,
    a: HighlightCardsArgs,
) -> Result<Vec<ReviewCard>, ApiError> {
    Ok(app.store().review_cards_of_highlight(a.highlight_id)?)
}

/// Today's cards: all, one theme's (with its sub-themes, by name or id) or one article's.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DueArgs {
    pub theme: Option<ThemeRef>,
    pub article_id: Option<i64>,
    /// The user's offset from UTC in minutes (UTC+8: 480): "today" is their day.
    pub utc_offset_minutes: Option<i32>,
}

fn review_due(app: &Pizhu, a: DueArgs) -> Result<Vec<ReviewCard>, ApiError> {
    let filter = DueFilter {
        theme: a.theme,
        article_id: a.article_id,
    };
    let now = crate::local_time::local_now(a.utc_offset_minutes)?;
    Ok(app.store().due_review_cards(&filter, now)?)
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradeArgs {
    pub card_id: i64,
    /// `again`, `hard`, `good` or `easy`.
    pub grade: String,
}

fn review_grade(app: &Pizhu, a: GradeArgs) -> Result<ReviewCard, ApiError> {
    let grade = Grade::parse(&a.grade)?;
    Ok(app
        .store()
        .grade_review_card(a.card_id, grade, chrono_now())?)
}

fn review_undo_grade(app: &Pizhu, _: Empty) -> Result<ReviewCard, ApiError> {
    Ok(app.store().undo_last_grade()?)
}

#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatsArgs {
    /// How many days of history (default 30).
    pub days: Option<i64>,
    /// The user's offset from UTC in minutes: days are their days.
    pub utc_offset_minutes: Option<i32>,
}

fn review_stats(app: &Pizhu, a: StatsArgs) -> Result<ReviewStats, ApiError> {
    let now = crate::local_time::local_now(a.utc_offset_minutes)?;
    Ok(app.store().review_stats(now, a.days.unwrap_or(30))?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

fn review_limits(app: &Pizhu, _: Empty) -> Result<ReviewLimits, ApiError> {
    Ok(app.store().review_limits()?)
}

fn set_review_limits(app: &Pizhu, a: ReviewLimits) -> Result<ReviewLimits, ApiError> {
    Ok(app.store().set_review_limits(&a)?)
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryCsv {
    pub file_name: String,
    /// UTF-8 with a BOM, one row per grade.
    pub csv: String,
    pub rows: usize,
}

fn review_history_csv(app: &Pizhu, _: Empty) -> Result<HistoryCsv, ApiError> {
    let rows = app.store().review_history()?;
    let csv = pizhu_export::review_csv::write(&rows)?;
    Ok(HistoryCsv {
        file_name: "pizhu-review-history.csv".into(),
        csv,
        rows: rows.len(),
    })
}

fn chrono_now() -> pizhu_core::review::Now {
    pizhu_core::review::now()
}
