//! Suggested passages the user dismissed for a theme (`dismissed_suggestions`).
//! Dismissing and restoring are the user's changes, so each is one undo step;
//! the list shows what was dismissed with its text, so it can be restored.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::action::short_quote;
use super::undo::logged;
use super::Action;
use crate::{CoreError, Result, Store};

/// A sentence dismissed for a theme, with its article's title and its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DismissedSuggestion {
    pub theme_id: i64,
    pub article_id: i64,
    pub title: String,
    /// Code points.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The theme's name and the sentence's text, checking that both exist and, with
/// `in_text`, that the range lies in the article (a dismissal of a text since
/// shortened can still be restored).
fn names(
    tx: &Transaction,
    theme_id: i64,
    article_id: i64,
    (start, end): (usize, usize),
    in_text: bool,
) -> Result<(String, String)> {
    if start >= end {
        return Err(CoreError::Invalid("start must be before end".into()));
    }
    let theme: String = tx
        .query_row("SELECT name FROM themes WHERE id = ?1", [theme_id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("theme {theme_id}")))?;
    let (text, length): (String, i64) = tx
        .query_row(
            "SELECT substr(text, ?2, ?3), length(text) FROM articles WHERE id = ?1",
            params![article_id, start as i64 + 1, (end - start) as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("article {article_id}")))?;
    if in_text && end as i64 > length {
        return Err(CoreError::Invalid(format!(
            "range {start}..{end} is past the end of article {article_id} ({length} characters)"
        )));
    }
    Ok((theme, text))
}

impl Store {
    /// Remember that the user does not want this sentence suggested for this
    /// theme (one undo step; dismissing twice changes nothing).
    pub fn dismiss_suggestion(
        &self,
        theme_id: i64,
        article_id: i64,
        start: usize,
        end: usize,
    ) -> Result<()> {
        self.set_dismissed(theme_id, article_id, start, end, true)
    }

    /// Let a dismissed sentence be suggested again (one undo step).
    pub fn restore_suggestion(
        &self,
        theme_id: i64,
        article_id: i64,
        start: usize,
        end: usize,
    ) -> Result<()> {
        self.set_dismissed(theme_id, article_id, start, end, false)
    }

    fn set_dismissed(
        &self,
        theme_id: i64,
        article_id: i64,
        start: usize,
        end: usize,
        dismissed: bool,
    ) -> Result<()> {
        let placeholder = Action::Other {
            label: String::new(),
        };
        logged(self, placeholder, |rec| {
            let (theme, text) = names(rec.tx(), theme_id, article_id, (start, end), dismissed)?;
            let quote = short_quote(&text);
            rec.describe(if dismissed {
                Action::DismissSuggestion { quote, theme }
            } else {
                Action::RestoreSuggestion { quote, theme }
            });
            let key = [
                ("theme_id", theme_id),
                ("article_id", article_id),
                ("start", start as i64),
                ("end", end as i64),
            ];
            let changed = rec.touch("dismissed_suggestions", &key, |tx| {
                let sql = if dismissed {
                    "INSERT OR IGNORE INTO dismissed_suggestions(theme_id, article_id, start, end) VALUES (?1, ?2, ?3, ?4)"
                } else {
                    "DELETE FROM dismissed_suggestions WHERE theme_id = ?1 AND article_id = ?2 AND start = ?3 AND end = ?4"
                };
                Ok(tx.execute(sql, params![theme_id, article_id, start as i64, end as i64])?)
            })?;
            if !dismissed && changed == 0 {
                return Err(CoreError::NotFound(format!(
                    "no dismissed suggestion {article_id}:{start}..{end} for theme {theme_id}"
                )));
            }
            Ok(())
        })
    }

    /// The sentences dismissed for `theme_id`, in reading order, with their text.
    pub fn dismissed_suggestion_list(&self, theme_id: i64) -> Result<Vec<DismissedSuggestion>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT d.article_id, a.title, d.start, d.end, substr(a.text, d.start + 1, d.end - d.start)
                 FROM dismissed_suggestions d JOIN articles a ON a.id = d.article_id
                 WHERE d.theme_id = ?1 ORDER BY d.article_id, d.start, d.end",
            )?;
            let rows = stmt.query_map([theme_id], |r| {
                Ok(DismissedSuggestion {
                    theme_id,
                    article_id: r.get(0)?,
                    title: r.get(1)?,
                    start: r.get::<_, i64>(2)?.max(0) as usize,
                    end: r.get::<_, i64>(3)?.max(0) as usize,
                    text: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}
