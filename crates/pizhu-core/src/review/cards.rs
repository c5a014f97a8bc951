//! Adding and removing review cards, and reading card rows. Every write goes
//! through the undo log.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::render::render;
use super::schedule::Memory;
use super::{CardKind, ReviewCard};
use crate::annotate::action::short_quote;
use crate::annotate::themes::{resolve, subtree, ThemeRef};
use crate::annotate::undo::{logged, Recorder};
use crate::annotate::Action;
use crate::{now_rfc3339, CoreError, Result, Store};

/// A card to add for one highlight: a passage card without `cloze`, a cloze
/// card with one blank per span (code points within the highlighted passage).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct NewCard {
    pub highlight_id: i64,
    #[serde(default, deserialize_with = "crate::annotate::null_as_default")]
    pub cloze: Vec<[i64; 2]>,
    /// The user's own question for the front of a passage card.
    #[serde(default, deserialize_with = "crate::annotate::null_as_default")]
    pub question: String,
}

/// Many highlights at once: those of a theme (and its sub-themes), of an
/// article, or both (their intersection).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct CardSelection {
    pub theme: Option<ThemeRef>,
    pub article_id: Option<i64>,
}

/// The card row's columns, in the order [`card_from_row`] reads them.
pub(super) const CARD_COLUMNS: &str =
    "c.id, c.highlight_id, c.kind, c.cloze, c.question, c.suspended,
     c.state, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, c.reps, c.lapses,
     c.last_review, c.due";

/// A card row before rendering.
#[derive(Debug, Clone)]
pub(super) struct CardRow {
    pub id: i64,
    pub highlight_id: i64,
    pub kind: CardKind,
    pub cloze: Vec<[i64; 2]>,
    pub question: String,
    pub suspended: bool,
    pub memory: Memory,
}

pub(super) fn card_from_row(r: &rusqlite::Row) -> rusqlite::Result<CardRow> {
    let cloze: String = r.get(3)?;
    let last: Option<String> = r.get(13)?;
    let due: String = r.get(14)?;
    Ok(CardRow {
        id: r.get(0)?,
        highlight_id: r.get(1)?,
        kind: CardKind::parse(&r.get::<_, String>(2)?),
        cloze: serde_json::from_str(&cloze).unwrap_or_default(),
        question: r.get(4)?,
        suspended: r.get(5)?,
        memory: Memory {
            state: r.get(6)?,
            stability: r.get(7)?,
            difficulty: r.get(8)?,
            elapsed_days: r.get(9)?,
            scheduled_days: r.get(10)?,
            reps: r.get(11)?,
            lapses: r.get(12)?,
            last_review: last.as_deref().and_then(parse_time),
            due: parse_time(&due).unwrap_or_default(),
        },
    })
}

pub(super) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub(super) fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(super) fn card_row(c: &Connection, id: i64) -> Result<CardRow> {
    c.query_row(
        &format!("SELECT {CARD_COLUMNS} FROM review_cards c WHERE c.id = ?1"),
        [id],
        card_from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(format!("review card {id}")))
}

/// The cloze spans, checked against the passage's length and sorted; overlapping
/// or empty spans are refused.
fn check_cloze(spans: &[[i64; 2]], passage_len: i64) -> Result<Vec<[i64; 2]>> {
    let mut out = spans.to_vec();
    out.sort_unstable();
    let mut previous_end = 0;
    for [s, e] in &out {
        if *s < 0 || s >= e || *e > passage_len {
            return Err(CoreError::Invalid(format!(
                "cloze span {s}:{e} is not inside the passage (0:{passage_len}, in code points)"
            )));
        }
        if *s < previous_end {
            return Err(CoreError::Invalid(format!(
                "cloze span {s}:{e} overlaps another"
            )));
        }
        previous_end = *e;
    }
    Ok(out)
}

fn insert_card(rec: &mut Recorder, card: &NewCard, now: DateTime<Utc>) -> Result<i64> {
    let (exact, orphan): (String, bool) = rec
        .tx()
        .query_row(
            "SELECT exact, orphan FROM highlights WHERE id = ?1",
            [card.highlight_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("highlight {}", card.highlight_id)))?;
    if orphan {
        return Err(CoreError::Invalid(format!(
            "highlight {} has lost its place in the text; place it before reviewing it",
            card.highlight_id
        )));
    }
    let cloze = check_cloze(&card.cloze, exact.chars().count() as i64)?;
    let kind = if cloze.is_empty() {
        CardKind::Passage
    } else {
        CardKind::Cloze
    };
    rec.tx().execute(
        "INSERT INTO review_cards(highlight_id, kind, cloze, question, due, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            card.highlight_id,
            kind.name(),
            serde_json::to_string(&cloze)?,
            card.question.trim(),
            format_time(now),
            now_rfc3339()
        ],
    )?;
    let id = rec.tx().last_insert_rowid();
    rec.inserted("review_cards", &[("id", id)])?;
    Ok(id)
}

/// Delete every card of a highlight, and their history, through the recorder
/// (log rows first, so undo re-inserts the card before its history).
pub(crate) fn delete_cards_of_highlight_in(rec: &mut Recorder, highlight_id: i64) -> Result<()> {
    for card in ids(
        rec.tx(),
        "SELECT id FROM review_cards WHERE highlight_id = ?1",
        highlight_id,
    )? {
        delete_card_in(rec, card)?;
    }
    Ok(())
}

fn delete_card_in(rec: &mut Recorder, card: i64) -> Result<()> {
    for log in ids(
        rec.tx(),
        "SELECT id FROM review_log WHERE card_id = ?1",
        card,
    )? {
        rec.touch("review_log", &[("id", log)], |tx| {
            Ok(tx.execute("DELETE FROM review_log WHERE id = ?1", [log])?)
        })?;
    }
    rec.touch("review_cards", &[("id", card)], |tx| {
        Ok(tx.execute("DELETE FROM review_cards WHERE id = ?1", [card])?)
    })?;
    Ok(())
}

fn ids(c: &Connection, sql: &str, arg: i64) -> Result<Vec<i64>> {
    let mut stmt = c.prepare(sql)?;
    let out = stmt
        .query_map([arg], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(out)
}

impl Store {
    /// Add one card for a highlight, as one undoable step.
    pub fn add_review_card(&self, card: &NewCard) -> Result<ReviewCard> {
        let now = Utc::now();
        let id = logged(self, Action::AddReviewCards { count: 1 }, |rec| {
            insert_card(rec, card, now)
        })?;
        self.review_card(id)
    }

    /// Add a passage card for every placed highlight of a theme (with its
    /// sub-themes) and/or an article that has no card yet; one undoable step.
    /// Returns how many cards were made.
    pub fn add_review_cards_for(&self, sel: &CardSelection) -> Result<usize> {
        if sel.theme.is_none() && sel.article_id.is_none() {
            return Err(CoreError::Invalid(
                "name a theme or an article whose highlights join the review".into(),
            ));
        }
        let now = Utc::now();
        let highlights = self.read(|c| {
            let mut out = Vec::new();
            let themes = match &sel.theme {
                Some(t) => Some(subtree(c, resolve(c, t)?)?),
                None => None,
            };
            if let Some(a) = sel.article_id {
                crate::articles::get_article(c, a)?;
            }
            let mut stmt = c.prepare(
                "SELECT h.id, h.article_id FROM highlights h
                 WHERE h.orphan = 0 AND NOT EXISTS (SELECT 1 FROM review_cards c WHERE c.highlight_id = h.id)
                 ORDER BY h.article_id, h.start, h.id",
            )?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut tagged = c.prepare(
                "SELECT theme_id FROM highlight_themes WHERE highlight_id = ?1",
            )?;
            for (h, article) in rows {
                if sel.article_id.is_some_and(|a| a != article) {
                    continue;
                }
                if let Some(themes) = &themes {
                    let tags = tagged
                        .query_map([h], |r| r.get::<_, i64>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    if !tags.iter().any(|t| themes.contains(t)) {
                        continue;
                    }
                }
                out.push(h);
            }
            Ok(out)
        })?;
        let count = highlights.len();
        logged(self, Action::AddReviewCards { count }, |rec| {
            for h in highlights {
                insert_card(
                    rec,
                    &NewCard {
                        highlight_id: h,
                        ..Default::default()
                    },
                    now,
                )?;
            }
            Ok(())
        })?;
        Ok(count)
    }

    /// Remove a card and its history, as one undoable step.
    pub fn remove_review_card(&self, id: i64) -> Result<()> {
        let quote = self.review_card(id)?.passage;
        logged(
            self,
            Action::RemoveReviewCard {
                quote: short_quote(&quote),
            },
            |rec| delete_card_in(rec, id),
        )
    }

    /// One card, rendered.
    pub fn review_card(&self, id: i64) -> Result<ReviewCard> {
        self.read(|c| render(c, &card_row(c, id)?))
    }

    /// The cards of a highlight (for its editor), rendered.
    pub fn review_cards_of_highlight(&self, highlight_id: i64) -> Result<Vec<ReviewCard>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {CARD_COLUMNS} FROM review_cards c WHERE c.highlight_id = ?1 ORDER BY c.id"
            ))?;
            let rows = stmt
                .query_map([highlight_id], card_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.iter().map(|r| render(c, r)).collect()
        })
    }

    /// Every card, rendered, in highlight order.
    pub fn all_review_cards(&self) -> Result<Vec<ReviewCard>> {
        self.read(all_cards_in)
    }
}

/// Every card, rendered, in highlight order (the export snapshot reads this).
pub(crate) fn all_cards_in(c: &Connection) -> Result<Vec<ReviewCard>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {CARD_COLUMNS} FROM review_cards c JOIN highlights h ON h.id = c.highlight_id
         ORDER BY h.article_id, h.start, c.id"
    ))?;
    let rows = stmt
        .query_map([], card_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.iter().map(|r| render(c, r)).collect()
}
