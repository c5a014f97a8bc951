//! What the search index reads from the library.
//!
//! - The change feed: [`Store::change_seq`] and [`Store::changes_between`] over
//!   the `changes` table that triggers fill on every write.
//! - The documents to index: one article or highlight at a time
//!   ([`Store::article_doc`], [`Store::highlight_doc`], [`Store::highlight_docs_of`])
//!   or the whole library in one read transaction ([`IndexSnapshot`]), from the
//!   store or from a [`ReadOnlyLibrary`] a background rebuild opens for itself.
//! - What a hit shows: a window of an article's text ([`Store::article_excerpt`]),
//!   its memo, or a highlight's passage and note.

use std::collections::BTreeSet;
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};

use super::words::library_words_in;
use crate::{CoreError, LibraryDir, Result, Store};

/// An article as the index stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDoc {
    pub id: i64,
    pub title: String,
    pub authors: Vec<String>,
    pub text: String,
    /// The reader's memo on the whole article ("" when none).
    pub memo: String,
}

/// A highlight as the index stores it (with its article's authors, so
/// `author:` finds it).
#[derive(Debug, Clone, PartialEq)]
pub struct HighlightDoc {
    pub id: i64,
    pub article_id: i64,
    pub exact: String,
    pub note: String,
    pub authors: Vec<String>,
}

/// What changed between two points of the change feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeSet {
    pub articles: BTreeSet<i64>,
    pub highlights: BTreeSet<i64>,
    /// A theme was added, renamed, re-keyworded or deleted (the dictionary may differ).
    pub themes_changed: bool,
}

/// The highlights coded with some themes or their sub-themes (each once), and
/// their articles (sorted, distinct).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeMembers {
    pub highlights: Vec<i64>,
    pub articles: Vec<i64>,
}

/// A window of an article's text, for a snippet.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleExcerpt {
    pub title: String,
    /// Code points `start..start + len` of the text (shorter at its end).
    pub window: String,
    /// The whole text's length in code points.
    pub length: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleMemo {
    pub title: String,
    pub memo: String,
}

/// A highlight's passage and note, with its article's title.
#[derive(Debug, Clone, PartialEq)]
pub struct HighlightPassage {
    pub title: String,
    pub exact: String,
    pub note: String,
    /// Code-point offset in the article's text.
    pub start: usize,
    /// The passage could not be re-anchored after an edit (its offsets mean nothing).
    pub orphan: bool,
}

fn authors_of(raw: &str) -> Vec<String> {
    serde_json::from_str(raw).unwrap_or_default()
}

const ARTICLE_DOC_SELECT: &str = "SELECT id, title, authors, text, memo FROM articles";
const HIGHLIGHT_DOC_SELECT: &str =
    "SELECT h.id, h.article_id, h.exact, h.note, a.authors FROM highlights h JOIN articles a ON a.id = h.article_id";

fn article_doc_from(r: &Row) -> rusqlite::Result<ArticleDoc> {
    Ok(ArticleDoc {
        id: r.get(0)?,
        title: r.get(1)?,
        authors: authors_of(&r.get::<_, String>(2)?),
        text: r.get(3)?,
        memo: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
    })
}

fn highlight_doc_from(r: &Row) -> rusqlite::Result<HighlightDoc> {
    Ok(HighlightDoc {
        id: r.get(0)?,
        article_id: r.get(1)?,
        exact: r.get(2)?,
        note: r.get(3)?,
        authors: authors_of(&r.get::<_, String>(4)?),
    })
}

fn change_seq_in(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?,
    )
}

/// The whole library in one read transaction, so the documents and the
/// change-feed position [`IndexSnapshot::seq`] agree.
pub struct IndexSnapshot<'c> {
    conn: &'c Connection,
    /// The change feed's position the snapshot covers.
    pub seq: i64,
    /// Articles plus highlights.
    pub total: u64,
}

impl IndexSnapshot<'_> {
    /// Every article, by id.
    pub fn for_each_article<E: From<CoreError>>(
        &self,
        mut f: impl FnMut(ArticleDoc) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(&format!("{ARTICLE_DOC_SELECT} ORDER BY id"))
            .map_err(CoreError::from)?;
        let mut rows = stmt.query([]).map_err(CoreError::from)?;
        while let Some(r) = rows.next().map_err(CoreError::from)? {
            f(article_doc_from(r).map_err(CoreError::from)?)?;
        }
        Ok(())
    }

    /// Every highlight, by id.
    pub fn for_each_highlight<E: From<CoreError>>(
        &self,
        mut f: impl FnMut(HighlightDoc) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(&format!("{HIGHLIGHT_DOC_SELECT} ORDER BY h.id"))
            .map_err(CoreError::from)?;
        let mut rows = stmt.query([]).map_err(CoreError::from)?;
        while let Some(r) = rows.next().map_err(CoreError::from)? {
            f(highlight_doc_from(r).map_err(CoreError::from)?)?;
        }
        Ok(())
    }
}

fn snapshot_in<T, E: From<CoreError>>(
    conn: &Connection,
    f: impl FnOnce(&IndexSnapshot) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    conn.execute_batch("BEGIN").map_err(CoreError::from)?;
    let result = (|| {
        let seq = change_seq_in(conn)?;
        let total: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM highlights)",
                [],
                |r| r.get(0),
            )
            .map_err(CoreError::from)?;
        f(&IndexSnapshot {
            conn,
            seq,
            total: total as u64,
        })
    })();
    // A read transaction: ending it cannot lose anything.
    let _ = conn.execute_batch("COMMIT");
    result
}

/// A read-only connection of its own to a library on disk, for a background job
/// (the index rebuild) that must not hold the store's connection for minutes.
pub struct ReadOnlyLibrary {
    conn: Connection,
}

impl ReadOnlyLibrary {
    /// Open `dir`'s database read-only, waiting up to `busy_timeout` for a writer.
    pub fn open(dir: &LibraryDir, busy_timeout: Duration) -> Result<ReadOnlyLibrary> {
        let conn = Connection::open_with_flags(
            dir.database(),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(CoreError::from_sqlite)?;
        conn.busy_timeout(busy_timeout)?;
        Ok(ReadOnlyLibrary { conn })
    }

    /// As [`Store::library_words`].
    pub fn library_words(&self) -> Result<Vec<String>> {
        library_words_in(&self.conn)
    }

    /// As [`Store::index_snapshot`].
    pub fn index_snapshot<T, E: From<CoreError>>(
        &self,
        f: impl FnOnce(&IndexSnapshot) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        snapshot_in(&self.conn, f)
    }
}

fn changes_between_in(c: &Connection, since: i64, upto: i64) -> Result<ChangeSet> {
    let mut stmt =
        c.prepare_cached("SELECT DISTINCT kind, ref FROM changes WHERE seq > ?1 AND seq <= ?2")?;
    let rows = stmt.query_map(params![since, upto], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut out = ChangeSet::default();
    for row in rows {
        match row? {
            (k, id) if k == "article" => {
                out.articles.insert(id);
            }
            (k, id) if k == "highlight" => {
                out.highlights.insert(id);
            }
            _ => out.themes_changed = true,
        }
    }
    Ok(out)
}

fn article_doc_in(c: &Connection, id: i64) -> Result<Option<ArticleDoc>> {
    Ok(
        c.prepare_cached(&format!("{ARTICLE_DOC_SELECT} WHERE id = ?1"))?
            .query_row([id], article_doc_from)
            .optional()?,
    )
}

fn highlight_doc_in(c: &Connection, id: i64) -> Result<Option<HighlightDoc>> {
    Ok(
        c.prepare_cached(&format!("{HIGHLIGHT_DOC_SELECT} WHERE h.id = ?1"))?
            .query_row([id], highlight_doc_from)
            .optional()?,
    )
}

fn highlight_docs_of_in(c: &Connection, article_id: i64) -> Result<Vec<HighlightDoc>> {
    let mut stmt = c.prepare_cached(&format!("{HIGHLIGHT_DOC_SELECT} WHERE h.article_id = ?1"))?;
    let rows = stmt.query_map([article_id], highlight_doc_from)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The change feed and the documents to index, read through the store's
/// connection or a [`ReadOnlyLibrary`] of a background job alike.
pub trait IndexFeed {
    /// The change feed's latest position (0 for a library that never changed).
    fn change_seq(&self) -> Result<i64>;
    /// What changed after `since`, up to and including `upto`.
    fn changes_between(&self, since: i64, upto: i64) -> Result<ChangeSet>;
    /// An article as the index stores it; `None` once deleted.
    fn article_doc(&self, id: i64) -> Result<Option<ArticleDoc>>;
    /// A highlight as the index stores it; `None` once deleted.
    fn highlight_doc(&self, id: i64) -> Result<Option<HighlightDoc>>;
    /// The highlights of one article, as the index stores them.
    fn highlight_docs_of(&self, article_id: i64) -> Result<Vec<HighlightDoc>>;
    /// The words the library adds to the dictionary (see [`Store::library_words`]).
    fn library_words(&self) -> Result<Vec<String>>;
}

impl IndexFeed for ReadOnlyLibrary {
    fn change_seq(&self) -> Result<i64> {
        change_seq_in(&self.conn)
    }
    fn changes_between(&self, since: i64, upto: i64) -> Result<ChangeSet> {
        changes_between_in(&self.conn, since, upto)
    }
    fn article_doc(&self, id: i64) -> Result<Option<ArticleDoc>> {
        article_doc_in(&self.conn, id)
    }
    fn highlight_doc(&self, id: i64) -> Result<Option<HighlightDoc>> {
        highlight_doc_in(&self.conn, id)
    }
    fn highlight_docs_of(&self, article_id: i64) -> Result<Vec<HighlightDoc>> {
        highlight_docs_of_in(&self.conn, article_id)
    }
    fn library_words(&self) -> Result<Vec<String>> {
        library_words_in(&self.conn)
    }
}

impl IndexFeed for Store {
    fn change_seq(&self) -> Result<i64> {
        Store::change_seq(self)
    }
    fn changes_between(&self, since: i64, upto: i64) -> Result<ChangeSet> {
        Store::changes_between(self, since, upto)
    }
    fn article_doc(&self, id: i64) -> Result<Option<ArticleDoc>> {
        Store::article_doc(self, id)
    }
    fn highlight_doc(&self, id: i64) -> Result<Option<HighlightDoc>> {
        Store::highlight_doc(self, id)
    }
    fn highlight_docs_of(&self, article_id: i64) -> Result<Vec<HighlightDoc>> {
        Store::highlight_docs_of(self, article_id)
    }
    fn library_words(&self) -> Result<Vec<String>> {
        Store::library_words(self)
    }
}

impl Store {
    /// The change feed's latest position (0 for a library that never changed).
    pub fn change_seq(&self) -> Result<i64> {
        self.read(change_seq_in)
    }

    /// What changed after `since`, up to and including `upto`.
    pub fn changes_between(&self, since: i64, upto: i64) -> Result<ChangeSet> {
        self.read(|c| changes_between_in(c, since, upto))
    }

    /// Run `f` over the whole library in one read transaction (holds the
    /// store's connection meanwhile: for a library in memory).
    pub fn index_snapshot<T, E: From<CoreError>>(
        &self,
        f: impl FnOnce(&IndexSnapshot) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let conn = self.conn();
        snapshot_in(&conn, f)
    }

    /// An article as the index stores it; `None` once deleted.
    pub fn article_doc(&self, id: i64) -> Result<Option<ArticleDoc>> {
        self.read(|c| article_doc_in(c, id))
    }

    /// A highlight as the index stores it; `None` once deleted.
    pub fn highlight_doc(&self, id: i64) -> Result<Option<HighlightDoc>> {
        self.read(|c| highlight_doc_in(c, id))
    }

    /// The highlights of one article, as the index stores them.
    pub fn highlight_docs_of(&self, article_id: i64) -> Result<Vec<HighlightDoc>> {
        self.read(|c| highlight_docs_of_in(c, article_id))
    }

    /// The highlights coded with any theme whose name `matches`, and their articles.
    pub fn theme_members(&self, matches: impl Fn(&str) -> bool) -> Result<ThemeMembers> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT id, name, parent_id FROM themes")?;
            let themes: Vec<(i64, String, Option<i64>)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            // A theme stands for its sub-themes too, as in exports and the theme page.
            let mut ids: Vec<i64> = themes
                .iter()
                .filter(|(_, n, _)| matches(n))
                .map(|(id, _, _)| *id)
                .collect();
            let mut i = 0;
            while i < ids.len() {
                let parent = ids[i];
                for (id, _, p) in &themes {
                    if *p == Some(parent) && !ids.contains(id) {
                        ids.push(*id);
                    }
                }
                i += 1;
            }
            let mut highlights = Vec::new();
            let mut seen = std::collections::HashSet::new();
            let mut articles = BTreeSet::new();
            let mut stmt = c.prepare_cached(
                "SELECT h.id, h.article_id FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id
                 WHERE ht.theme_id = ?1",
            )?;
            for id in ids {
                for row in
                    stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
                {
                    let (h, a) = row?;
                    if seen.insert(h) {
                        highlights.push(h);
                    }
                    articles.insert(a);
                }
            }
            Ok(ThemeMembers {
                highlights,
                articles: articles.into_iter().collect(),
            })
        })
    }

    /// Code points `start..start + len` of an article's text, its title and
    /// length; `None` once deleted.
    pub fn article_excerpt(
        &self,
        id: i64,
        start: usize,
        len: usize,
    ) -> Result<Option<ArticleExcerpt>> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT title, substr(text, ?2, ?3), length(text) FROM articles WHERE id = ?1",
            )?
            .query_row(params![id, start as i64 + 1, len as i64], |r| {
                Ok(ArticleExcerpt {
                    title: r.get(0)?,
                    window: r.get(1)?,
                    length: r.get::<_, i64>(2)?.max(0) as usize,
                })
            })
            .optional()?)
        })
    }

    /// An article's title and memo; `None` once deleted.
    pub fn article_memo(&self, id: i64) -> Result<Option<ArticleMemo>> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT title, memo FROM articles WHERE id = ?1")?
                    .query_row([id], |r| {
                        Ok(ArticleMemo {
                            title: r.get(0)?,
                            memo: r.get(1)?,
                        })
                    })
                    .optional()?,
            )
        })
    }

    /// A highlight's passage and note with its article's title; `None` once deleted.
    pub fn highlight_passage(&self, id: i64) -> Result<Option<HighlightPassage>> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT a.title, h.exact, h.note, h.start, h.orphan FROM highlights h JOIN articles a ON a.id = h.article_id
                 WHERE h.id = ?1",
            )?
            .query_row([id], |r| {
                Ok(HighlightPassage {
                    title: r.get(0)?,
                    exact: r.get(1)?,
                    note: r.get(2)?,
                    start: r.get::<_, i64>(3)?.max(0) as usize,
                    orphan: r.get(4)?,
                })
            })
            .optional()?)
        })
    }
}
