//! What the analyses (pizhu-analysis) read: the code book in display order,
//! article titles, every coded passage, the texts to scan (streamed, borrowed
//! from SQLite's row buffer so a large library is never copied whole), a theme's
//! coded passages and dismissed suggestions.

use std::ops::ControlFlow;

use rusqlite::{params, OptionalExtension};

use crate::{CoreError, Result, Store};

/// A theme as the matrix and co-occurrence views label it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeLabel {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleTitle {
    pub id: i64,
    pub title: String,
}

/// One highlight that carries at least one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedHighlight {
    pub highlight_id: i64,
    pub article_id: i64,
    /// Code points.
    pub start: usize,
    pub end: usize,
    pub theme_ids: Vec<i64>,
}

/// A theme with its keywords (what suggestions start from).
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeKeywords {
    pub id: i64,
    pub name: String,
    pub keywords: Vec<String>,
}

/// An article's text, borrowed for the length of one callback.
#[derive(Debug, Clone, Copy)]
pub struct ArticleText<'a> {
    pub id: i64,
    pub title: &'a str,
    pub text: &'a str,
}

/// A passage coded with a theme: where it is and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedSpan {
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
    pub exact: String,
}

/// A sentence the user said does not belong to a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DismissedSpan {
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
}

fn offset(v: i64) -> usize {
    v.max(0) as usize
}

impl Store {
    /// The code book in display order (position, then id).
    pub fn theme_labels(&self) -> Result<Vec<ThemeLabel>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, name, color, parent_id FROM themes ORDER BY position, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(ThemeLabel {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    color: r.get(2)?,
                    parent_id: r.get(3)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Every article's id and title, by id.
    pub fn article_titles(&self) -> Result<Vec<ArticleTitle>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT id, title FROM articles ORDER BY id")?;
            let rows = stmt.query_map([], |r| {
                Ok(ArticleTitle {
                    id: r.get(0)?,
                    title: r.get(1)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Every highlight that carries at least one theme, with its themes, by highlight id.
    pub fn coded_highlights(&self) -> Result<Vec<CodedHighlight>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT h.id, h.article_id, h.start, h.end, ht.theme_id
                 FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id
                 ORDER BY ht.highlight_id",
            )?;
            let mut rows = stmt.query([])?;
            let mut out: Vec<CodedHighlight> = Vec::new();
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let theme: i64 = r.get(4)?;
                match out.last_mut() {
                    Some(last) if last.highlight_id == id => last.theme_ids.push(theme),
                    _ => out.push(CodedHighlight {
                        highlight_id: id,
                        article_id: r.get(1)?,
                        start: offset(r.get(2)?),
                        end: offset(r.get(3)?),
                        theme_ids: vec![theme],
                    }),
                }
            }
            Ok(out)
        })
    }

    /// (title, text) of an article.
    pub fn article_title_text(&self, id: i64) -> Result<(String, String)> {
        self.read(|c| {
            c.prepare_cached("SELECT title, text FROM articles WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| CoreError::NotFound(format!("article {id}")))
        })
    }

    /// (exact, note) of a highlight.
    pub fn highlight_text(&self, id: i64) -> Result<(String, String)> {
        self.read(|c| {
            c.prepare_cached("SELECT exact, note FROM highlights WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| CoreError::NotFound(format!("highlight {id}")))
        })
    }

    /// A theme by id, or else by (trimmed) name, with its keywords.
    pub fn theme_keywords(&self, id: Option<i64>, name: Option<&str>) -> Result<ThemeKeywords> {
        self.read(|c| {
            let row = |r: &rusqlite::Row| -> rusqlite::Result<(i64, String, String)> {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            };
            let found = match (id, name) {
                (Some(id), _) => c.query_row(
                    "SELECT id, name, keywords FROM themes WHERE id = ?1",
                    [id],
                    row,
                ),
                (None, Some(name)) => c.query_row(
                    "SELECT id, name, keywords FROM themes WHERE name = ?1",
                    [name.trim()],
                    row,
                ),
                (None, None) => {
                    return Err(CoreError::Invalid("give themeId or theme (a name)".into()))
                }
            }
            .optional()?;
            let (id, name, keywords) = found.ok_or_else(|| {
                CoreError::NotFound(match (id, name) {
                    (Some(id), _) => format!("theme {id}"),
                    (_, n) => format!("theme named {:?}", n.unwrap_or_default()),
                })
            })?;
            Ok(ThemeKeywords {
                id,
                name,
                keywords: serde_json::from_str(&keywords).unwrap_or_default(),
            })
        })
    }

    /// Hand each article's text to `f` (only article `only` when given), by id,
    /// until `f` breaks. The texts are borrowed, never copied.
    pub fn for_each_article_text(
        &self,
        only: Option<i64>,
        mut f: impl FnMut(ArticleText<'_>) -> ControlFlow<()>,
    ) -> Result<()> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, title, text FROM articles WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
            )?;
            let mut rows = stmt.query(params![only])?;
            while let Some(r) = rows.next()? {
                let article = ArticleText {
                    id: r.get(0)?,
                    title: r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?,
                    text: r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?,
                };
                if f(article).is_break() {
                    break;
                }
            }
            Ok(())
        })
    }

    /// The passages coded with `theme_id` (and, with `include_children`, any
    /// theme below it: a passage carrying several counts once), in reading
    /// order (article, then start).
    pub fn theme_passage_texts(
        &self,
        theme_id: i64,
        include_children: bool,
    ) -> Result<Vec<String>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "WITH RECURSIVE sub(id) AS (
                   SELECT ?1 UNION SELECT t.id FROM themes t JOIN sub ON t.parent_id = sub.id AND ?2
                 )
                 SELECT h.exact FROM highlights h
                 WHERE h.id IN (SELECT highlight_id FROM highlight_themes WHERE theme_id IN sub)
                 ORDER BY h.article_id, h.start",
            )?;
            let rows = stmt.query_map(params![theme_id, include_children], |r| {
                r.get::<_, String>(0)
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The passages coded with `theme_id` with their places.
    pub fn theme_coded_spans(&self, theme_id: i64) -> Result<Vec<CodedSpan>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT h.article_id, h.start, h.end, h.exact FROM highlights h
                 JOIN highlight_themes ht ON ht.highlight_id = h.id WHERE ht.theme_id = ?1",
            )?;
            let rows = stmt.query_map([theme_id], |r| {
                Ok(CodedSpan {
                    article_id: r.get(0)?,
                    start: offset(r.get(1)?),
                    end: offset(r.get(2)?),
                    exact: r.get(3)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The suggestions dismissed for `theme_id`.
    pub fn dismissed_suggestions(&self, theme_id: i64) -> Result<Vec<DismissedSpan>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT article_id, start, end FROM dismissed_suggestions WHERE theme_id = ?1",
            )?;
            let rows = stmt.query_map([theme_id], |r| {
                Ok(DismissedSpan {
                    article_id: r.get(0)?,
                    start: offset(r.get(1)?),
                    end: offset(r.get(2)?),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The heading paragraphs (0-based indices) of every article that has any.
    pub fn heading_paragraphs(&self) -> Result<Vec<(i64, Vec<usize>)>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, headings FROM articles WHERE headings <> '[]' ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (id, json) = row?;
                let headings: Vec<usize> = serde_json::from_str(&json)
                    .map_err(|e| CoreError::Corrupt(format!("headings of article {id}: {e}")))?;
                out.push((id, headings));
            }
            Ok(out)
        })
    }
}
