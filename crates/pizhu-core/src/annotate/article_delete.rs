//! Deleting an article is an undoable change like any annotation change: its
//! highlights (with their themes), dismissed suggestions, pages, its reference and the article row
//! itself (memo, reading position, link to its original file) and its collection
//! memberships go through the [`Recorder`], so undo brings all of it back under
//! the same ids. Several articles deleted together are one step.

use super::action::Action;
use super::tags::delete_highlight_in;
use super::undo::{logged, Recorder};
use crate::articles::{get_article, keep_id_taken};
use crate::{Result, Store};

impl Store {
    /// Delete an article and everything attached to it, as one undoable step.
    pub fn delete_article(&self, id: i64) -> Result<()> {
        let title = self.read(|c| get_article(c, id))?.title;
        logged(self, Action::DeleteArticle { title }, |rec| {
            delete_in(rec, id)
        })
    }

    /// Delete several articles as one undoable step (all or none: an unknown
    /// id refuses the batch); how many were deleted.
    pub fn delete_articles(&self, ids: &[i64]) -> Result<usize> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let action = match ids.as_slice() {
            [one] => Action::DeleteArticle {
                title: self.read(|c| get_article(c, *one))?.title,
            },
            many => Action::DeleteArticles { count: many.len() },
        };
        logged(self, action, |rec| {
            for &id in &ids {
                get_article(rec.tx(), id)?;
                delete_in(rec, id)?;
            }
            Ok(ids.len())
        })
    }
}

/// Delete one article with all it holds through the recorder.
fn delete_in(rec: &mut Recorder, id: i64) -> Result<()> {
    for h in ids(rec, "SELECT id FROM highlights WHERE article_id = ?1", id)? {
        delete_highlight_in(rec, h)?;
    }
    let dismissed: Vec<(i64, i64, i64)> = {
        let mut stmt = rec.tx().prepare(
            "SELECT theme_id, start, end FROM dismissed_suggestions WHERE article_id = ?1",
        )?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    for (theme_id, start, end) in dismissed {
        let key = [
            ("theme_id", theme_id),
            ("article_id", id),
            ("start", start),
            ("end", end),
        ];
        rec.touch("dismissed_suggestions", &key, |tx| {
            tx.execute(
                "DELETE FROM dismissed_suggestions
                 WHERE theme_id = ?1 AND article_id = ?2 AND start = ?3 AND end = ?4",
                [theme_id, id, start, end],
            )?;
            Ok(())
        })?;
    }
    // Page starts would go with the row by cascade; recorded so undo brings them back.
    for n in ids(rec, "SELECT n FROM article_pages WHERE article_id = ?1", id)? {
        rec.touch("article_pages", &[("article_id", id), ("n", n)], |tx| {
            tx.execute(
                "DELETE FROM article_pages WHERE article_id = ?1 AND n = ?2",
                [id, n],
            )?;
            Ok(())
        })?;
    }
    // Its memberships would block the delete (no cascade); recorded for undo.
    crate::collections::edit::remove_article_everywhere_in(rec, id)?;
    // The reference row too would go by cascade; recorded for undo.
    rec.touch("article_refs", &[("article_id", id)], |tx| {
        tx.execute("DELETE FROM article_refs WHERE article_id = ?1", [id])?;
        Ok(())
    })?;
    rec.touch("article_rows", &[("id", id)], |tx| {
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        Ok(())
    })?;
    keep_id_taken(rec.tx(), id)
}

fn ids(rec: &Recorder, sql: &str, arg: i64) -> Result<Vec<i64>> {
    let mut stmt = rec.tx().prepare(sql)?;
    let out = stmt
        .query_map([arg], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(out)
}
