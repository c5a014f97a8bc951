//! Pages of paged sources (PDF): where each page begins in an article's text,
//! and the page labels a passage sits on (derived from offsets, never stored
//! with the passage).

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::{CoreError, Result};

/// Where page `n` begins in the article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page {
    /// Physical page number, from 1.
    pub n: u32,
    /// The printed label (a journal's own page number), else `n`.
    pub label: String,
    /// Code-point offset into the text where the page begins.
    pub start: usize,
}

/// Pages must be numbered 1, 2, … with starts inside the text, in order.
pub fn validate(pages: &[Page], text_len: usize) -> Result<()> {
    for (i, p) in pages.iter().enumerate() {
        let ordered = i == 0 || pages[i - 1].start <= p.start;
        if p.n as usize != i + 1 || p.start > text_len || !ordered {
            return Err(CoreError::Invalid(format!(
                "page {} (start {}) is out of order or outside the text",
                p.n, p.start
            )));
        }
    }
    Ok(())
}

pub(crate) fn insert_pages(conn: &Connection, article_id: i64, pages: &[Page]) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO article_pages(article_id, n, label, start) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for p in pages {
        stmt.execute(params![article_id, p.n, p.label, p.start as i64])?;
    }
    Ok(())
}

pub(crate) fn pages_of(conn: &Connection, article_id: i64) -> Result<Vec<Page>> {
    let mut stmt =
        conn.prepare("SELECT n, label, start FROM article_pages WHERE article_id = ?1 ORDER BY n")?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(Page {
            n: r.get(0)?,
            label: r.get(1)?,
            start: r.get::<_, i64>(2)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The label of the page holding code point `offset` (`None` without pages).
pub fn label_at(pages: &[Page], offset: usize) -> Option<&str> {
    // The last page that begins at or before the offset; empty pages that
    // begin at the same place give way to the one after them.
    let i = pages.partition_point(|p| p.start <= offset);
    pages.get(i.checked_sub(1)?).map(|p| p.label.as_str())
}

/// The labels of the first and last page a passage `[start, end)` sits on.
pub fn label_range(pages: &[Page], start: usize, end: usize) -> Option<(String, String)> {
    let first = label_at(pages, start)?;
    let last = label_at(pages, end.saturating_sub(1).max(start))?;
    Some((first.to_string(), last.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Vec<Page> {
        [(1, "45", 0), (2, "46", 10), (3, "47", 10), (4, "48", 25)]
            .into_iter()
            .map(|(n, l, s)| Page {
                n,
                label: l.into(),
                start: s,
            })
            .collect()
    }

    #[test]
    fn a_passage_knows_the_pages_it_spans() {
        let p = pages();
        assert_eq!(label_at(&p, 0), Some("45"));
        assert_eq!(label_at(&p, 9), Some("45"));
        // Page 46 is empty (a full-page figure): offset 10 is on 47.
        assert_eq!(label_at(&p, 10), Some("47"));
        assert_eq!(label_range(&p, 5, 12), Some(("45".into(), "47".into())));
        // `end` is exclusive: a passage ending where page 48 begins is on 47.
        assert_eq!(label_range(&p, 12, 25), Some(("47".into(), "47".into())));
        assert_eq!(label_range(&p, 24, 30), Some(("47".into(), "48".into())));
        assert_eq!(label_range(&[], 0, 5), None);
    }

    #[test]
    fn pages_out_of_order_are_refused() {
        let mut p = pages();
        assert!(validate(&p, 30).is_ok());
        assert!(validate(&p, 20).is_err());
        p.swap(1, 3);
        assert!(validate(&p, 30).is_err());
    }
}
