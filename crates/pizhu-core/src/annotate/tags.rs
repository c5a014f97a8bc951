//! The links between highlights and themes (`highlight_themes`): tagging,
//! untagging, and deleting a highlight together with its links. Both
//! [`super::highlights`] and [`super::themes`] change these rows, so they live
//! here rather than in either of them.

use rusqlite::Connection;

use super::undo::Recorder;
use crate::{CoreError, Result};

/// Add one tag row through the recorder (no-op when present).
pub(crate) fn tag_in(rec: &mut Recorder, highlight_id: i64, theme_id: i64) -> Result<bool> {
    rec.touch(
        "highlight_themes",
        &[("highlight_id", highlight_id), ("theme_id", theme_id)],
        |tx| {
            Ok(tx.execute(
                "INSERT OR IGNORE INTO highlight_themes(highlight_id, theme_id) VALUES (?1, ?2)",
                [highlight_id, theme_id],
            )? > 0)
        },
    )
}

/// Remove one tag row through the recorder.
pub(crate) fn untag_in(rec: &mut Recorder, highlight_id: i64, theme_id: i64) -> Result<bool> {
    rec.touch(
        "highlight_themes",
        &[("highlight_id", highlight_id), ("theme_id", theme_id)],
        |tx| {
            Ok(tx.execute(
                "DELETE FROM highlight_themes WHERE highlight_id = ?1 AND theme_id = ?2",
                [highlight_id, theme_id],
            )? > 0)
        },
    )
}

/// The highlights tagged with `theme_id`, by id.
pub(crate) fn tagged_highlights(c: &Connection, theme_id: i64) -> Result<Vec<i64>> {
    let mut stmt = c.prepare(
        "SELECT highlight_id FROM highlight_themes WHERE theme_id = ?1 ORDER BY highlight_id",
    )?;
    let ids = stmt
        .query_map([theme_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// Delete a highlight and its tags through the recorder.
pub(crate) fn delete_highlight_in(rec: &mut Recorder, id: i64) -> Result<()> {
    let tags: Vec<i64> = {
        let mut stmt = rec
            .tx()
            .prepare("SELECT theme_id FROM highlight_themes WHERE highlight_id = ?1")?;
        let ids = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        ids
    };
    for t in tags {
        untag_in(rec, id, t)?;
    }
    // Its review cards and their history go too, through the log, so undo brings them back.
    crate::review::delete_cards_of_highlight_in(rec, id)?;
    let n = rec.touch("highlights", &[("id", id)], |tx| {
        Ok(tx.execute("DELETE FROM highlights WHERE id = ?1", [id])?)
    })?;
    if n == 0 {
        return Err(CoreError::NotFound(format!("highlight {id}")));
    }
    Ok(())
}
