//! The export snapshot: a read model of the library (articles, the code book,
//! highlights with their theme ids) for the export writers in `pizhu-export`,
//! which render it without touching the database.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::{now_rfc3339, Result, Store};

/// A snapshot of (a part of) the library.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportModel {
    /// RFC 3339 time of the export (written into headers; passed in so output is reproducible).
    pub exported_at: String,
    pub articles: Vec<ExportArticle>,
    /// The whole code book; `parent_id` links sub-themes.
    pub themes: Vec<ExportTheme>,
    pub highlights: Vec<ExportHighlight>,
    /// The daily review's cards of those highlights (the Anki export), rendered.
    #[serde(default)]
    pub review_cards: Vec<crate::review::ReviewCard>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportArticle {
    pub id: i64,
    pub title: String,
    pub authors: Vec<String>,
    pub source: Option<String>,
    /// ISO date, possibly partial (`2024`, `2024-02`, `2024-02-19`).
    pub published: Option<String>,
    /// sha256 of the canonical text (identifies the article across libraries).
    pub content_hash: String,
    /// Canonical text: paragraphs separated by a single `'\n'`.
    pub text: String,
    /// Indices of paragraphs that are headings.
    pub headings: Vec<usize>,
    /// The reader's memo on the whole article (Markdown).
    pub memo: String,
    pub imported_at: String,
    pub modified_at: String,
    /// The bibliographic record citations are rendered from.
    #[serde(default)]
    pub reference: crate::Reference,
    /// Where each page begins (paged sources), for page locators.
    #[serde(default)]
    pub pages: Vec<crate::Page>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportTheme {
    pub id: i64,
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub position: i64,
    /// The theme's memo (Markdown).
    pub memo: String,
    pub created_at: String,
    pub modified_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportHighlight {
    pub id: i64,
    pub article_id: i64,
    /// Code-point offsets into the article's text.
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// Markdown.
    pub note: String,
    pub theme_ids: Vec<i64>,
    pub created_at: String,
    pub modified_at: String,
    /// Printed labels of the pages the passage starts and ends on (paged
    /// sources only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_end: Option<String>,
}

impl ExportModel {
    pub fn article(&self, id: i64) -> Option<&ExportArticle> {
        self.articles.iter().find(|a| a.id == id)
    }
    pub fn theme(&self, id: i64) -> Option<&ExportTheme> {
        self.themes.iter().find(|t| t.id == id)
    }
}

impl Store {
    /// The library as an export reads it: every article (or only `article`, with
    /// its highlights), the whole code book, and the highlights that still point
    /// at their text (orphans, whose passage was edited away, are left out).
    pub fn export_snapshot(&self, article: Option<i64>) -> Result<ExportModel> {
        self.read(|c| {
            let mut model = read_snapshot(c, article)?;
            attach_pages(c, &mut model.highlights)?;
            let placed: std::collections::HashSet<i64> =
                model.highlights.iter().map(|h| h.id).collect();
            model.review_cards = crate::review::all_cards_in(c)?
                .into_iter()
                .filter(|card| placed.contains(&card.highlight_id))
                .collect();
            Ok(model)
        })
    }
}

fn json_list<T: serde::de::DeserializeOwned>(raw: String) -> Vec<T> {
    serde_json::from_str(&raw).unwrap_or_default()
}

fn read_snapshot(c: &Connection, article: Option<i64>) -> rusqlite::Result<ExportModel> {
    // `?1 IS NULL` keeps one statement for "all" and "one article".
    let mut stmt = c.prepare(
        "SELECT id, title, authors, source, published, content_hash, text, headings, memo, imported_at, modified_at,
                (SELECT data FROM article_refs WHERE article_id = articles.id)
         FROM articles WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let articles = stmt
        .query_map([article], |r| {
            let (title, authors, source, published): (
                String,
                Vec<String>,
                Option<String>,
                Option<String>,
            ) = (r.get(1)?, json_list(r.get(2)?), r.get(3)?, r.get(4)?);
            let reference = match r.get::<_, Option<String>>(11)? {
                Some(raw) => crate::references::parse_reference(&raw)?,
                None => crate::Reference::from_free_text(
                    &title,
                    &authors,
                    source.as_deref(),
                    published.as_deref(),
                ),
            };
            Ok(ExportArticle {
                id: r.get(0)?,
                title,
                authors,
                source,
                published,
                content_hash: r.get(5)?,
                text: r.get(6)?,
                headings: json_list(r.get(7)?),
                memo: r.get(8)?,
                imported_at: r.get(9)?,
                modified_at: r.get(10)?,
                reference,
                pages: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut articles = articles;
    for a in articles.iter_mut() {
        a.pages = crate::pages::pages_of(c, a.id).map_err(|e| match e {
            crate::CoreError::Db(e) => e,
            other => rusqlite::Error::ToSqlConversionFailure(Box::new(other)),
        })?;
    }
    let mut stmt = c.prepare(
        "SELECT id, name, color, description, parent_id, position, memo, created_at, modified_at FROM themes ORDER BY position, id",
    )?;
    let themes = stmt
        .query_map([], |r| {
            Ok(ExportTheme {
                id: r.get(0)?,
                name: r.get(1)?,
                color: r.get(2)?,
                description: r.get(3)?,
                parent_id: r.get(4)?,
                position: r.get(5)?,
                memo: r.get(6)?,
                created_at: r.get(7)?,
                modified_at: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut tags: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut stmt = c.prepare(
        "SELECT highlight_id, theme_id FROM highlight_themes ORDER BY highlight_id, theme_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (h, t) = row?;
        tags.entry(h).or_default().push(t);
    }
    let mut stmt = c.prepare(
        "SELECT id, article_id, start, end, exact, prefix, suffix, note, created_at, modified_at
         FROM highlights WHERE orphan = 0 AND (?1 IS NULL OR article_id = ?1)
         ORDER BY article_id, start, id",
    )?;
    let highlights = stmt
        .query_map([article], |r| {
            let id: i64 = r.get(0)?;
            Ok(ExportHighlight {
                id,
                article_id: r.get(1)?,
                start: r.get::<_, i64>(2)?.max(0) as usize,
                end: r.get::<_, i64>(3)?.max(0) as usize,
                exact: r.get(4)?,
                prefix: r.get(5)?,
                suffix: r.get(6)?,
                note: r.get(7)?,
                theme_ids: tags.remove(&id).unwrap_or_default(),
                created_at: r.get(8)?,
                modified_at: r.get(9)?,
                ..Default::default()
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ExportModel {
        exported_at: now_rfc3339(),
        articles,
        themes,
        highlights,
        review_cards: Vec::new(),
    })
}

/// The page labels of passages on paged sources (highlights are sorted by
/// article: one query per article).
fn attach_pages(c: &Connection, list: &mut [ExportHighlight]) -> Result<()> {
    let mut current: Option<(i64, Vec<crate::Page>)> = None;
    for h in list.iter_mut() {
        if current.as_ref().map(|(id, _)| *id) != Some(h.article_id) {
            current = Some((h.article_id, crate::pages::pages_of(c, h.article_id)?));
        }
        let pages = &current.as_ref().expect("set above").1;
        if let Some((first, last)) = crate::pages::label_range(pages, h.start, h.end) {
            h.page_start = Some(first);
            h.page_end = Some(last);
        }
    }
    Ok(())
}
