//! Grading a card: its new FSRS state and a review-log row commit together, as
//! one undoable step, so "undo the last grade" is the ordinary undo.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::cards::{card_row, format_time};
use super::schedule::{next, Grade};
use super::ReviewCard;
use crate::annotate::action::short_quote;
use crate::annotate::undo::logged;
use crate::annotate::Action;
use crate::{CoreError, Result, Store};

impl Store {
    /// Grade card `id` at `now`; the card as it is now scheduled.
    pub fn grade_review_card(
        &self,
        id: i64,
        grade: Grade,
        now: DateTime<Utc>,
    ) -> Result<ReviewCard> {
        let card = self.review_card(id)?;
        if card.suspended {
            return Err(CoreError::Invalid(format!(
                "review card {id} is suspended{}",
                if card.orphan {
                    " (its highlight has lost its place in the text)"
                } else {
                    ""
                }
            )));
        }
        let action = Action::GradeReviewCard {
            quote: short_quote(&card.passage),
            grade: grade.name().to_string(),
        };
        logged(self, action, |rec| {
            let before = card_row(rec.tx(), id)?.memory;
            let after = next(&before, now, grade);
            rec.touch("review_cards", &[("id", id)], |tx| {
                tx.execute(
                    "UPDATE review_cards SET state = ?2, stability = ?3, difficulty = ?4,
                       elapsed_days = ?5, scheduled_days = ?6, reps = ?7, lapses = ?8,
                       last_review = ?9, due = ?10 WHERE id = ?1",
                    params![
                        id,
                        after.state,
                        after.stability,
                        after.difficulty,
                        after.elapsed_days,
                        after.scheduled_days,
                        after.reps,
                        after.lapses,
                        after.last_review.map(format_time),
                        format_time(after.due)
                    ],
                )?;
                Ok(())
            })?;
            rec.tx().execute(
                "INSERT INTO review_log(card_id, grade, state, elapsed_days, scheduled_days,
                   stability, difficulty, reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    grade.number(),
                    before.state,
                    after.elapsed_days,
                    after.scheduled_days,
                    after.stability,
                    after.difficulty,
                    format_time(now)
                ],
            )?;
            let log = rec.tx().last_insert_rowid();
            rec.inserted("review_log", &[("id", log)])
        })?;
        self.review_card(id)
    }

    /// Undo the newest change if it is a grade (the review screen's "undo");
    /// the card it restored. Anything else newer is refused, not undone.
    pub fn undo_last_grade(&self) -> Result<ReviewCard> {
        let newest = self
            .undo_history(crate::annotate::undo::HISTORY_LIMIT as usize)?
            .into_iter()
            .find(|e| !e.undone);
        match newest.map(|e| e.action) {
            Some(Action::GradeReviewCard { .. }) => {}
            _ => {
                return Err(CoreError::Conflict(
                    "the last change was not a review grade".into(),
                ))
            }
        }
        let card = self.read(|c| {
            Ok(c.query_row(
                "SELECT card_id FROM review_log ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })?;
        self.undo()?;
        self.review_card(card)
    }
}
