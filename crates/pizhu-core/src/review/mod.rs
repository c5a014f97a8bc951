//! The daily review: cards made from highlights, scheduled with FSRS.
//!
//! A card references its highlight and never copies its text, so a highlight
//! re-anchored after an edit carries its card along, and an orphaned highlight
//! suspends its cards (a card is reviewable only while its highlight is placed).
//! Adding, removing and grading cards go through the undo log; deleting a
//! highlight (or its article) deletes its cards and their history through the
//! same log, so undo brings them back.
//!
//! - [`schedule`]: FSRS (the `rs-fsrs` crate; why: `README.md`), grades.
//! - `cards`: adding / removing cards, card rows.
//! - `render`: a card's front and back from its highlight.
//! - `due`: today's cards, within the daily limits.
//! - `grade`: grading and undoing the last grade.
//! - `stats`: counts, reviews per day, retention, the history for CSV.

mod cards;
mod due;
mod grade;
mod render;
pub mod schedule;
mod stats;

use serde::{Deserialize, Serialize};

pub(crate) use cards::{all_cards_in, delete_cards_of_highlight_in};
pub use cards::{CardSelection, NewCard};
pub use due::{DueFilter, ReviewLimits};
pub use schedule::Grade;
pub use stats::{DayStats, HistoryRow, ReviewStats};

/// A moment, as the review's methods take it (so tests can pass another day).
pub type Now = chrono::DateTime<chrono::Utc>;

/// The current moment.
pub fn now() -> Now {
    chrono::Utc::now()
}

/// Passage (recall the passage from its note, themes or a question) or cloze
/// (fill in the marked words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum CardKind {
    Passage,
    Cloze,
}

impl CardKind {
    pub fn name(self) -> &'static str {
        match self {
            CardKind::Passage => "passage",
            CardKind::Cloze => "cloze",
        }
    }

    fn parse(s: &str) -> CardKind {
        if s == "cloze" {
            CardKind::Cloze
        } else {
            CardKind::Passage
        }
    }
}

/// A card as the review shows it: its text rendered from the highlight now.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewCard {
    pub card_id: i64,
    pub highlight_id: i64,
    pub article_id: i64,
    pub article_title: String,
    /// The highlight's code-point offsets now (the reader opens the passage there).
    pub start: i64,
    pub end: i64,
    pub kind: CardKind,
    /// What the reviewer sees first (plain text; a cloze blank is `［…］`).
    pub front: String,
    /// The answer: the passage in its sentence (marked with 【】) and the note.
    pub back: String,
    /// Code-point spans within the passage that are blanks (cloze cards).
    pub cloze: Vec<[i64; 2]>,
    pub question: String,
    /// The highlighted passage as it is now …
    pub passage: String,
    /// … and the rest of its sentence before and after it.
    pub context_before: String,
    pub context_after: String,
    pub note: String,
    pub themes: Vec<String>,
    /// RFC 3339 UTC.
    pub due: String,
    /// Never graded yet.
    pub is_new: bool,
    /// Set by the user, or because the highlight is an orphan.
    pub suspended: bool,
    pub orphan: bool,
    pub reps: i64,
    pub lapses: i64,
}
