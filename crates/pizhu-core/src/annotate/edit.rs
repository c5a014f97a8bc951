//! Editing an article's text (fixing an OCR slip, restoring paragraph order):
//! the text changes and every highlight of the article is re-anchored in the same
//! transaction and the same undo entry.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::anchor::{context_of, reanchor, Anchor, EditSpan, How, Quote};
use super::highlights::{list_highlights_in, Highlight, HighlightFilter};
use super::undo::{logged, Recorder};
use crate::{now_rfc3339, CoreError, Page, Result, Store};

/// What an edit did to the article's highlights.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EditOutcome {
    pub article_id: i64,
    /// Highlights whose offsets were carried across the edit unchanged in text.
    pub kept: usize,
    /// Highlights found again elsewhere (moved paragraph) or as a near-match.
    pub moved: usize,
    /// Highlights that could not be placed confidently (listed in full).
    pub orphans: Vec<Highlight>,
}

impl Store {
    /// Replace an article's text and re-anchor its highlights; undoable as one step.
    pub fn edit_article_text(&self, article_id: i64, new_text: &str) -> Result<EditOutcome> {
        if new_text.trim().is_empty() {
            return Err(CoreError::Invalid("an article needs some text".into()));
        }
        let placeholder = Action::EditArticleText {
            title: String::new(),
        };
        logged(self, placeholder, |rec| {
            let title = title_of(rec, article_id)?;
            rec.describe(Action::EditArticleText { title });
            replace_text(rec, article_id, new_text)
        })
    }

    /// Replace an article's text, headings and page starts with a fresh
    /// extraction of its original (`pizhu reimport`): the highlights are
    /// re-anchored as for a text edit (orphans go to the review list), and the
    /// whole change is one undo step.
    pub fn reimport_article(
        &self,
        article_id: i64,
        new_text: &str,
        headings: &[usize],
        pages: &[Page],
    ) -> Result<EditOutcome> {
        if new_text.trim().is_empty() {
            return Err(CoreError::Invalid("an article needs some text".into()));
        }
        crate::pages::validate(pages, new_text.chars().count())?;
        let placeholder = Action::ReimportArticle {
            title: String::new(),
        };
        logged(self, placeholder, |rec| {
            let title = title_of(rec, article_id)?;
            rec.describe(Action::ReimportArticle { title });
            let out = replace_text(rec, article_id, new_text)?;
            let headings = serde_json::to_string(headings).expect("numbers serialise");
            rec.touch("article_structure", &[("id", article_id)], |tx| {
                tx.execute(
                    "UPDATE articles SET headings = ?2 WHERE id = ?1",
                    params![article_id, headings],
                )?;
                Ok(())
            })?;
            let old_pages: Vec<u32> = {
                let mut stmt = rec
                    .tx()
                    .prepare("SELECT n FROM article_pages WHERE article_id = ?1")?;
                let rows = stmt.query_map([article_id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for n in old_pages {
                rec.touch(
                    "article_pages",
                    &[("article_id", article_id), ("n", n as i64)],
                    |tx| {
                        tx.execute(
                            "DELETE FROM article_pages WHERE article_id = ?1 AND n = ?2",
                            params![article_id, n],
                        )?;
                        Ok(())
                    },
                )?;
            }
            for p in pages {
                rec.touch(
                    "article_pages",
                    &[("article_id", article_id), ("n", p.n as i64)],
                    |tx| {
                        tx.execute(
                            "INSERT INTO article_pages(article_id, n, label, start) VALUES (?1, ?2, ?3, ?4)",
                            params![article_id, p.n, p.label, p.start as i64],
                        )?;
                        Ok(())
                    },
                )?;
            }
            Ok(out)
        })
    }
}

fn title_of(rec: &mut Recorder, article_id: i64) -> Result<String> {
    rec.tx()
        .query_row(
            "SELECT title FROM articles WHERE id = ?1",
            [article_id],
            |r| r.get(0),
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                CoreError::NotFound(format!("article {article_id}"))
            }
            e => CoreError::Db(e),
        })
}

/// The text change and the re-anchoring shared by an edit and a reimport.
fn replace_text(rec: &mut Recorder, article_id: i64, new_text: &str) -> Result<EditOutcome> {
    let old_text: String = rec.tx().query_row(
        "SELECT text FROM articles WHERE id = ?1",
        [article_id],
        |r| r.get(0),
    )?;
    let mut out = EditOutcome {
        article_id,
        ..Default::default()
    };
    if old_text == new_text {
        return Ok(out);
    }
    let old: Vec<char> = old_text.chars().collect();
    let new: Vec<char> = new_text.chars().collect();
    let span = EditSpan::between(&old, &new);
    rec.touch("articles", &[("id", article_id)], |tx| {
        tx.execute(
            "UPDATE articles SET text = ?2, modified_at = ?3 WHERE id = ?1",
            params![article_id, new_text, now_rfc3339()],
        )?;
        Ok(())
    })?;
    let highlights = list_highlights_in(
        rec.tx(),
        &HighlightFilter {
            article_id: Some(article_id),
            ..Default::default()
        },
    )?;
    let mut orphan_ids = Vec::new();
    for h in highlights {
        let q = Quote {
            exact: &h.exact,
            prefix: &h.prefix,
            suffix: &h.suffix,
            start: h.start as usize,
            end: h.end as usize,
        };
        match reanchor(&new, &span, &q, h.orphan) {
            Anchor::Placed { start, end, how } => {
                let exact: String = new[start..end].iter().collect();
                let (prefix, suffix) = context_of(&new, start, end);
                rec.touch("highlights", &[("id", h.id)], |tx| {
                    tx.execute(
                        "UPDATE highlights SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphan = 0
                         WHERE id = ?1",
                        params![h.id, start as i64, end as i64, exact, prefix, suffix],
                    )?;
                    Ok(())
                })?;
                if how == How::Position && !h.orphan {
                    out.kept += 1;
                } else {
                    out.moved += 1;
                }
            }
            Anchor::Orphan => {
                // Keep the stored quote: it is what the user highlighted, and a
                // later edit (or undo) may bring the passage back.
                rec.touch("highlights", &[("id", h.id)], |tx| {
                    tx.execute("UPDATE highlights SET orphan = 1 WHERE id = ?1", [h.id])?;
                    Ok(())
                })?;
                orphan_ids.push(h.id);
            }
        }
    }
    for id in orphan_ids {
        out.orphans
            .push(super::highlights::get_highlight(rec.tx(), id)?);
    }
    Ok(out)
}
