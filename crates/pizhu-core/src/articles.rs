//! Articles: canonical text plus metadata, and the original file they came from.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::pages::{self, Page};
use crate::reference::Reference;
use crate::references::{free_text_of, parse_reference, validate_reference, write_reference};
use crate::{now_rfc3339, originals, CoreError, Result, Store};

/// An article ready to be stored (what the importer or the bundled corpus gives).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewArticle {
    pub title: String,
    /// The headline was supplied by an editor; the source has none.
    #[serde(default)]
    pub title_supplied: bool,
    #[serde(default)]
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Canonical text: paragraphs separated by a single `'\n'`.
    pub text: String,
    /// Indices of paragraphs that are headings.
    #[serde(default)]
    pub headings: Vec<usize>,
    /// Editorial corrections made on import (e.g. restored paragraph order).
    #[serde(default)]
    pub corrections: Vec<String>,
    pub original_file: Option<String>,
    pub encoding: Option<String>,
    /// The format it was imported from (`pdf`, `txt`, …).
    #[serde(default)]
    pub format: Option<String>,
    /// Where each page begins, for paged sources.
    #[serde(default)]
    pub pages: Vec<Page>,
    /// The bibliographic record. When given it wins over `authors`, `source` and
    /// `published` (which are then derived from it); when not, it is built from them.
    #[serde(default)]
    pub reference: Option<Reference>,
    /// The file this article's text came from, when it is stored with the
    /// article itself (a reference record's attachment) rather than given to
    /// [`Store::insert_articles`] for a whole imported file.
    #[serde(skip)]
    pub original: Option<SourceFile>,
}

impl NewArticle {
    /// The reference to store: the one given, else one built from the free text.
    pub fn effective_reference(&self) -> Reference {
        self.reference.clone().unwrap_or_else(|| {
            Reference::from_free_text(
                &self.title,
                &self.authors,
                self.source.as_deref(),
                self.published.as_deref(),
            )
        })
    }
}

/// A stored article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub title_supplied: bool,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub original_file: Option<String>,
    pub encoding: Option<String>,
    pub imported_at: String,
    pub modified_at: String,
    pub content_hash: String,
    pub text: String,
    pub headings: Vec<usize>,
    pub corrections: Vec<String>,
    pub memo: String,
    pub reading_position: f64,
    /// `pdf`, `txt`, … (`None` for articles imported before it was recorded).
    pub format: Option<String>,
    /// Where each page begins; empty for unpaged sources.
    pub pages: Vec<Page>,
    /// The bibliographic record (`authors`, `source`, `published` follow it).
    pub reference: Reference,
}

/// An article without its text, for lists.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub title_supplied: bool,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub original_file: Option<String>,
    pub encoding: Option<String>,
    pub imported_at: String,
    /// Length of the text in code points.
    pub length: i64,
    pub highlight_count: i64,
    pub reading_position: f64,
    pub reference: Reference,
    /// The collections it is in, by id.
    pub collections: Vec<i64>,
}

/// One card of the library list: what a card shows and what the list sorts and
/// filters by, without the reference itself (its type, year and first author
/// come from `article_refs`' own columns). A tenth of an [`ArticleSummary`]'s
/// size: the list of a 10,000-paper library is sent whole.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArticleCard {
    pub id: i64,
    pub title: String,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub imported_at: String,
    /// The original file is kept, so the article can be imported again from it.
    pub has_original: bool,
    pub highlight_count: i64,
    pub reading_position: f64,
    pub item_type: crate::ItemType,
    /// Year of the reference's issued date.
    pub year: Option<i32>,
    /// The first author, family name first, lower-cased (sorting by author).
    pub author_key: String,
    /// The collections it is in, by id.
    pub collections: Vec<i64>,
}

/// Editable metadata; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ArticleMetaPatch {
    pub title: Option<String>,
    pub authors: Option<Vec<String>>,
    pub source: Option<Option<String>>,
    pub published: Option<Option<String>>,
}

/// What storing an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    New(i64),
    /// The same text is already in the library, as this article.
    Duplicate(i64),
}

/// The original bytes of an imported file.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub encoding: String,
    /// Keep the bytes as a file in the library folder (`originals/<sha256>.<ext>`)
    /// rather than in the database: large binary originals such as PDFs.
    pub in_folder: bool,
}

/// Article summaries: every column from the `articles_for_list` index (schema
/// 7), which SQLite reads alone; the texts' pages are never touched.
const LIST_ARTICLES: &str =
    "SELECT a.id, a.title, a.title_supplied, a.authors, a.source, a.published, a.original_file,
        a.encoding, a.imported_at, a.text_length,
        (SELECT count(*) FROM highlights h WHERE h.article_id = a.id),
        a.reading_position,
        (SELECT data FROM article_refs WHERE article_id = a.id)
 FROM articles a";

/// The library list's cards, from the same index and `article_refs`' columns.
const LIST_CARDS: &str =
    "SELECT a.id, a.title, a.authors, a.source, a.published, a.original_file IS NOT NULL,
        a.imported_at, (SELECT count(*) FROM highlights h WHERE h.article_id = a.id),
        a.reading_position, r.item_type, r.year, r.author_sort
 FROM articles a LEFT JOIN article_refs r ON r.article_id = a.id ORDER BY a.id";

/// The rows of `sql` as `row` makes them, each given the collections it is in
/// (`collections` names a row's article id and its list to fill).
fn rows_with_collections<T>(
    c: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    row: impl FnMut(&Row) -> rusqlite::Result<T>,
    collections: impl Fn(&mut T) -> (i64, &mut Vec<i64>),
) -> Result<Vec<T>> {
    let mut memberships = crate::collections::memberships(c)?;
    let mut stmt = c.prepare(sql)?;
    let mut list = stmt
        .query_map(params, row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for item in &mut list {
        let (id, slot) = collections(item);
        *slot = memberships.remove(&id).unwrap_or_default();
    }
    Ok(list)
}

pub fn content_hash(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

const ARTICLE_COLUMNS: &str =
    "id, title, title_supplied, authors, source, published, original_file, encoding,
     imported_at, modified_at, content_hash, text, headings, corrections, memo, reading_position, format,
     (SELECT data FROM article_refs WHERE article_id = articles.id)";

/// The stored reference, or (for a row without one) one built from the free text.
fn reference_or_free_text(
    raw: Option<String>,
    title: &str,
    authors: &[String],
    source: Option<&str>,
    published: Option<&str>,
) -> rusqlite::Result<Reference> {
    match raw {
        Some(raw) => parse_reference(&raw),
        None => Ok(Reference::from_free_text(title, authors, source, published)),
    }
}

fn json_vec<T: serde::de::DeserializeOwned>(raw: String) -> rusqlite::Result<Vec<T>> {
    serde_json::from_str(&raw).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn article_from_row(r: &Row) -> rusqlite::Result<Article> {
    let (title, authors, source, published): (String, Vec<String>, Option<String>, Option<String>) =
        (r.get(1)?, json_vec(r.get(3)?)?, r.get(4)?, r.get(5)?);
    let reference = reference_or_free_text(
        r.get(17)?,
        &title,
        &authors,
        source.as_deref(),
        published.as_deref(),
    )?;
    Ok(Article {
        id: r.get(0)?,
        title,
        title_supplied: r.get(2)?,
        authors,
        source,
        published,
        original_file: r.get(6)?,
        encoding: r.get(7)?,
        imported_at: r.get(8)?,
        modified_at: r.get(9)?,
        content_hash: r.get(10)?,
        text: r.get(11)?,
        headings: json_vec(r.get(12)?)?,
        corrections: json_vec(r.get(13)?)?,
        memo: r.get(14)?,
        reading_position: r.get(15)?,
        format: r.get(16)?,
        pages: Vec::new(),
        reference,
    })
}

/// Read one article inside any connection or transaction.
pub fn get_article(conn: &Connection, id: i64) -> Result<Article> {
    let mut a = conn
        .query_row(
            &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"),
            [id],
            article_from_row,
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("article {id}")))?;
    a.pages = pages::pages_of(conn, id)?;
    Ok(a)
}

/// Insert inside a transaction; a text already present is a [`Inserted::Duplicate`].
pub fn insert_article(
    conn: &Connection,
    a: &NewArticle,
    source_file_id: Option<i64>,
) -> Result<Inserted> {
    validate(a)?;
    insert_validated(conn, a, source_file_id, content_hash(&a.text))
}

/// Insert a reference item whose text may be empty (a record without an
/// attached file: metadata only, a file can be attached later). An empty text
/// identifies nothing, so its hash is taken over the title and reference instead
/// (the column is unique).
/// `source_file_id`: the row of the file its text came from, if any.
pub(crate) fn insert_reference_item(
    conn: &Connection,
    a: &NewArticle,
    source_file_id: Option<i64>,
) -> Result<Inserted> {
    if !a.text.trim().is_empty() {
        return insert_article(conn, a, source_file_id);
    }
    if a.title.trim().is_empty() {
        return Err(CoreError::Invalid("an article needs a title".into()));
    }
    let reference = a.effective_reference();
    validate_reference(&reference)?;
    let key = format!(
        "pizhu:metadata-only\u{0}{}\u{0}{}",
        a.title.trim(),
        serde_json::to_string(&reference)?
    );
    insert_validated(conn, a, None, content_hash(&key))
}

fn insert_validated(
    conn: &Connection,
    a: &NewArticle,
    source_file_id: Option<i64>,
    hash: String,
) -> Result<Inserted> {
    if let Some(id) = conn
        .query_row(
            "SELECT id FROM articles WHERE content_hash = ?1",
            [&hash],
            |r| r.get(0),
        )
        .optional()?
    {
        return Ok(Inserted::Duplicate(id));
    }
    let now = now_rfc3339();
    let id = next_article_id(conn)?;
    let reference = a.effective_reference();
    let (authors, source, published) = match &a.reference {
        Some(r) => free_text_of(r),
        None => (a.authors.clone(), a.source.clone(), a.published.clone()),
    };
    conn.execute(
        "INSERT INTO articles(title, title_supplied, authors, source, published, original_file, encoding,
                              source_file_id, imported_at, modified_at, content_hash, text, headings, corrections, format, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            a.title.trim(),
            a.title_supplied,
            serde_json::to_string(&authors)?,
            source,
            published,
            a.original_file,
            a.encoding,
            source_file_id,
            now,
            hash,
            a.text,
            serde_json::to_string(&a.headings)?,
            serde_json::to_string(&a.corrections)?,
            a.format,
            id,
        ],
    )?;
    pages::insert_pages(conn, id, &a.pages)?;
    write_reference(conn, id, &reference)?;
    Ok(Inserted::New(id))
}

/// Where the highest id of a deleted article is kept (settings, not shown in the UI).
const DELETED_ID_KEY: &str = "core.highestDeletedArticleId";

/// A deleted article's id is never handed to a new one: undo may bring it back.
/// (SQLite would reuse the highest id once its row is gone.)
fn next_article_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT max(coalesce((SELECT max(id) FROM articles), 0),
                    coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1), 0)) + 1",
        [DELETED_ID_KEY],
        |r| r.get(0),
    )?)
}

/// Remember that `id` belonged to an article, so [`next_article_id`] skips it.
pub(crate) fn keep_id_taken(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
        params![DELETED_ID_KEY, id.to_string()],
    )?;
    Ok(())
}

fn validate(a: &NewArticle) -> Result<()> {
    if a.title.trim().is_empty() {
        return Err(CoreError::Invalid("an article needs a title".into()));
    }
    if a.text.trim().is_empty() {
        return Err(CoreError::Invalid("an article needs some text".into()));
    }
    if let Some(r) = &a.reference {
        validate_reference(r)?;
    }
    pages::validate(&a.pages, a.text.chars().count())
}

/// Record an original file; its bytes go in the row unless they were kept in
/// the library folder (`stored_path`).
pub(crate) fn insert_source_file(
    conn: &Connection,
    f: &SourceFile,
    stored_path: Option<&str>,
) -> Result<i64> {
    let blob: &[u8] = if stored_path.is_some() { &[] } else { &f.bytes };
    conn.execute(
        "INSERT INTO source_files(file_name, bytes, sha256, encoding, imported_at, stored_path)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            f.file_name,
            blob,
            hex::encode(Sha256::digest(&f.bytes)),
            f.encoding,
            now_rfc3339(),
            stored_path
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// Write a large original to the library folder, before the transaction
    /// that refers to it (if that then fails, the file is an unreferenced
    /// copy). `None` when the bytes belong in the database row instead.
    pub(crate) fn keep_in_folder(&self, f: &SourceFile) -> Result<Option<String>> {
        if !f.in_folder {
            return Ok(None);
        }
        let ext = std::path::Path::new(&f.file_name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_else(|| "bin".into());
        Ok(Some(originals::store(self.dir().root(), &f.bytes, &ext)?))
    }

    /// Store the articles of one imported file, with its original bytes, in one
    /// transaction: either all new articles land or none do.
    pub fn insert_articles(
        &self,
        file: Option<&SourceFile>,
        articles: &[NewArticle],
    ) -> Result<Vec<Inserted>> {
        let stored_path = match file {
            Some(f) => self.keep_in_folder(f)?,
            None => None,
        };
        self.write(|tx| {
            let mut results = Vec::with_capacity(articles.len());
            let mut file_id = None;
            for a in articles {
                validate(a)?;
                let already = tx
                    .query_row(
                        "SELECT id FROM articles WHERE content_hash = ?1",
                        [content_hash(&a.text)],
                        |r| r.get::<_, i64>(0),
                    )
                    .optional()?;
                if let Some(id) = already {
                    results.push(Inserted::Duplicate(id));
                    continue;
                }
                if file_id.is_none() {
                    if let Some(f) = file {
                        file_id = Some(insert_source_file(tx, f, stored_path.as_deref())?);
                    }
                }
                results.push(insert_article(tx, a, file_id)?);
            }
            Ok(results)
        })
    }

    pub fn article(&self, id: i64) -> Result<Article> {
        self.read(|c| get_article(c, id))
    }

    pub fn article_count(&self) -> Result<i64> {
        self.read(|c| Ok(c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?))
    }

    /// All articles, oldest import first, with highlight counts. Reads no
    /// article text (see [`LIST_ARTICLES`]).
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        self.list_articles_where(None)
    }

    /// Every article's summary, or only article `only`'s.
    fn list_articles_where(&self, only: Option<i64>) -> Result<Vec<ArticleSummary>> {
        self.read(|c| {
            // One article is a rowid look-up; `?1 IS NULL OR a.id = ?1` scanned them all.
            let sql = match only {
                Some(_) => format!("{LIST_ARTICLES} WHERE a.id = ?1"),
                None => format!("{LIST_ARTICLES} ORDER BY a.id"),
            };
            let row = |r: &Row| {
                let (title, authors, source, published): (
                    String,
                    Vec<String>,
                    Option<String>,
                    Option<String>,
                ) = (r.get(1)?, json_vec(r.get(3)?)?, r.get(4)?, r.get(5)?);
                let reference = reference_or_free_text(
                    r.get(12)?,
                    &title,
                    &authors,
                    source.as_deref(),
                    published.as_deref(),
                )?;
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    title,
                    title_supplied: r.get(2)?,
                    authors,
                    source,
                    published,
                    original_file: r.get(6)?,
                    encoding: r.get(7)?,
                    imported_at: r.get(8)?,
                    length: r.get(9)?,
                    highlight_count: r.get(10)?,
                    reading_position: r.get(11)?,
                    reference,
                    collections: Vec::new(),
                })
            };
            rows_with_collections(c, &sql, rusqlite::params_from_iter(only), row, |a| {
                (a.id, &mut a.collections)
            })
        })
    }

    /// The library list's cards, oldest import first (see [`ArticleCard`]).
    pub fn list_article_cards(&self) -> Result<Vec<ArticleCard>> {
        self.read(|c| {
            let row = |r: &Row| {
                let (title, authors, source, published): (
                    String,
                    Vec<String>,
                    Option<String>,
                    Option<String>,
                ) = (r.get(1)?, json_vec(r.get(2)?)?, r.get(3)?, r.get(4)?);
                let item_type: Option<String> = r.get(9)?;
                let (item_type, year, author_key) = match item_type {
                    Some(t) => (
                        serde_json::from_value(serde_json::Value::String(t)).unwrap_or_default(),
                        r.get(10)?,
                        r.get(11)?,
                    ),
                    // No record yet: the one the free-text fields give, as a summary has.
                    None => {
                        let reference = Reference::from_free_text(
                            &title,
                            &authors,
                            source.as_deref(),
                            published.as_deref(),
                        );
                        (
                            reference.item_type,
                            reference.issued.map(|d| d.year),
                            reference.author_sort_key(),
                        )
                    }
                };
                Ok(ArticleCard {
                    id: r.get(0)?,
                    title,
                    authors,
                    source,
                    published,
                    has_original: r.get(5)?,
                    imported_at: r.get(6)?,
                    highlight_count: r.get(7)?,
                    reading_position: r.get(8)?,
                    item_type,
                    year,
                    author_key,
                    collections: Vec::new(),
                })
            };
            rows_with_collections(c, LIST_CARDS, [], row, |a| (a.id, &mut a.collections))
        })
    }

    /// One article's summary (the library list's editor opens it).
    pub fn article_summary(&self, id: i64) -> Result<ArticleSummary> {
        self.list_articles_where(Some(id))?
            .pop()
            .ok_or_else(|| CoreError::NotFound(format!("article {id}")))
    }

    pub fn update_article_meta(&self, id: i64, patch: &ArticleMetaPatch) -> Result<Article> {
        self.write(|tx| {
            let mut a = get_article(tx, id)?;
            if let Some(t) = &patch.title {
                if t.trim().is_empty() {
                    return Err(CoreError::Invalid("an article needs a title".into()));
                }
                a.title = t.trim().to_string();
                a.title_supplied = false;
            }
            if let Some(v) = &patch.authors {
                a.authors = v.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            }
            if let Some(v) = &patch.source {
                a.source = v.clone();
            }
            if let Some(v) = &patch.published {
                a.published = v.clone();
            }
            // The reference follows the free-text edit; editors and translators stay.
            let mut r = a.reference.clone();
            if patch.authors.is_some() {
                let others = r.creators.into_iter().filter(|c| c.role != crate::CreatorRole::Author);
                let authors = a.authors.iter().map(|n| crate::Creator {
                    role: crate::CreatorRole::Author,
                    name: crate::Name::parse(n),
                });
                r.creators = authors.chain(others).collect();
            }
            if patch.source.is_some() {
                r.container_title = a.source.clone().filter(|s| !s.trim().is_empty());
            }
            if patch.published.is_some() {
                r.issued = a.published.as_deref().and_then(crate::PartialDate::parse);
            }
            write_reference(tx, id, &r)?;
            tx.execute(
                "UPDATE articles SET title = ?2, title_supplied = ?3, authors = ?4, source = ?5, published = ?6,
                        modified_at = ?7 WHERE id = ?1",
                params![id, a.title, a.title_supplied, serde_json::to_string(&a.authors)?, a.source, a.published, now_rfc3339()],
            )?;
            get_article(tx, id)
        })
    }

    pub fn set_article_memo(&self, id: i64, memo: &str) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE articles SET memo = ?2, modified_at = ?3 WHERE id = ?1",
                params![id, memo, now_rfc3339()],
            )?;
            if n == 0 {
                return Err(CoreError::NotFound(format!("article {id}")));
            }
            Ok(())
        })
    }

    pub fn set_reading_position(&self, id: i64, position: f64) -> Result<()> {
        if !position.is_finite() || position < 0.0 {
            return Err(CoreError::Invalid(format!("reading position {position}")));
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE articles SET reading_position = ?2 WHERE id = ?1",
                params![id, position],
            )?;
            if n == 0 {
                return Err(CoreError::NotFound(format!("article {id}")));
            }
            Ok(())
        })
    }

    /// The original file an article was imported from, if it was kept.
    pub fn source_file(&self, article_id: i64) -> Result<Option<SourceFile>> {
        let found = self.read(|c| {
            Ok(c.query_row(
                "SELECT f.file_name, f.bytes, f.encoding, f.stored_path FROM source_files f
                 JOIN articles a ON a.source_file_id = f.id WHERE a.id = ?1",
                [article_id],
                |r| {
                    Ok((
                        SourceFile {
                            file_name: r.get(0)?,
                            bytes: r.get(1)?,
                            encoding: r.get(2)?,
                            in_folder: false,
                        },
                        r.get::<_, Option<String>>(3)?,
                    ))
                },
            )
            .optional()?)
        })?;
        let Some((mut file, stored)) = found else {
            return Ok(None);
        };
        if let Some(rel) = stored {
            file.bytes = originals::load(self.dir().root(), &rel)?;
            file.in_folder = true;
        }
        Ok(Some(file))
    }

    /// Where the original of an article is kept in the library folder
    /// (relative to the root), for sources kept as files.
    pub fn original_path(&self, article_id: i64) -> Result<Option<String>> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT f.stored_path FROM source_files f
                 JOIN articles a ON a.source_file_id = f.id WHERE a.id = ?1",
                [article_id],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
        })
    }

    /// Where each page of an article begins (empty for unpaged sources).
    pub fn article_pages(&self, article_id: i64) -> Result<Vec<Page>> {
        self.read(|c| pages::pages_of(c, article_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The library list's speed on a large library rests on this plan: a scan of
    /// the covering index, never of the table (whose rows carry the texts).
    #[test]
    fn listing_the_library_reads_the_covering_index_alone() {
        let store = Store::open_in_memory().unwrap();
        for query in [LIST_CARDS, &format!("{LIST_ARTICLES} ORDER BY a.id")] {
            let plan: Vec<String> = store
                .read(|c| {
                    let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {query}"))?;
                    let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
                    Ok(rows.collect::<rusqlite::Result<_>>()?)
                })
                .unwrap();
            assert!(
                plan.iter()
                    .any(|step| step == "SCAN a USING COVERING INDEX articles_for_list"),
                "{query}: {plan:?}"
            );
        }
    }

    fn sample(text: &str) -> NewArticle {
        NewArticle {
            title: "标题".into(),
            text: text.into(),
            authors: vec!["刘宗智".into()],
            ..Default::default()
        }
    }

    #[test]
    fn same_text_twice_is_a_duplicate_not_a_second_article() {
        let store = Store::open_in_memory().unwrap();
        let file = SourceFile {
            file_name: "a.txt".into(),
            bytes: b"x".to_vec(),
            encoding: "UTF-8".into(),
            ..Default::default()
        };
        let first = store
            .insert_articles(Some(&file), &[sample("正文一段。")])
            .unwrap();
        let again = store
            .insert_articles(Some(&file), &[sample("正文一段。")])
            .unwrap();
        let Inserted::New(id) = first[0] else {
            panic!("first insert must be new")
        };
        assert_eq!(again, vec![Inserted::Duplicate(id)]);
        assert_eq!(store.article_count().unwrap(), 1);
        assert_eq!(store.source_file(id).unwrap().unwrap().file_name, "a.txt");
    }

    #[test]
    fn metadata_edits_are_kept_and_blank_titles_refused() {
        let store = Store::open_in_memory().unwrap();
        let Inserted::New(id) = store.insert_articles(None, &[sample("文本")]).unwrap()[0] else {
            panic!()
        };
        let patch = ArticleMetaPatch {
            title: Some("新标题".into()),
            source: Some(Some("齐鲁晚报".into())),
            ..Default::default()
        };
        let a = store.update_article_meta(id, &patch).unwrap();
        assert_eq!(
            (a.title.as_str(), a.source.as_deref()),
            ("新标题", Some("齐鲁晚报"))
        );
        let blank = ArticleMetaPatch {
            title: Some("  ".into()),
            ..Default::default()
        };
        assert!(matches!(
            store.update_article_meta(id, &blank),
            Err(CoreError::Invalid(_))
        ));
    }
}
