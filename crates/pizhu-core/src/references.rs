//! Each article's bibliographic record, stored in `article_refs` (schema 4): the
//! whole [`Reference`] as JSON, with the item type, year and first-author sort key
//! in indexed columns for the library's sorting and filtering.
//!
//! The article's free-text `authors`, `source` and `published` columns are kept in
//! step with it (derived from the reference), so their readers keep working.

use rusqlite::{params, Connection, OptionalExtension};

use crate::annotate::undo::logged;
use crate::annotate::Action;
use crate::articles::{get_article, Article};
use crate::reference::{Name, Reference};
use crate::reference_text::bundled_item_type;
use crate::{now_rfc3339, CoreError, Result, Store};

/// Store `r` as the reference of `article_id`, replacing any before it.
pub(crate) fn write_reference(conn: &Connection, article_id: i64, r: &Reference) -> Result<()> {
    let item_type = serde_json::to_value(r.item_type)?;
    conn.execute(
        "INSERT INTO article_refs(article_id, item_type, year, author_sort, data)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(article_id) DO UPDATE SET item_type = excluded.item_type,
           year = excluded.year, author_sort = excluded.author_sort, data = excluded.data",
        params![
            article_id,
            item_type.as_str().unwrap_or("other"),
            r.issued.map(|d| d.year),
            r.author_sort_key(),
            serde_json::to_string(r)?,
        ],
    )?;
    Ok(())
}

/// Parse a stored reference (`data` column).
pub(crate) fn parse_reference(raw: &str) -> rusqlite::Result<Reference> {
    serde_json::from_str(raw).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The free-text fields a reference stands for: authors, source, published.
pub(crate) fn free_text_of(r: &Reference) -> (Vec<String>, Option<String>, Option<String>) {
    (
        r.author_names(),
        r.container_title.clone(),
        r.issued.map(|d| d.iso()),
    )
}

/// A reference must be one a style can print: names not blank, dates real.
pub fn validate_reference(r: &Reference) -> Result<()> {
    for c in &r.creators {
        let blank = match &c.name {
            Name::Person { family, .. } => family.trim().is_empty(),
            Name::Whole { name } | Name::Institution { name } => name.trim().is_empty(),
        };
        if blank {
            return Err(CoreError::Invalid(
                "a creator needs a name (a family name for a Western name)".into(),
            ));
        }
    }
    for d in [r.issued, r.accessed].into_iter().flatten() {
        let ok = (1..=9999).contains(&d.year)
            && d.month.is_none_or(|m| (1..=12).contains(&m))
            && d.day.is_none_or(|x| (1..=31).contains(&x))
            && (d.day.is_none() || d.month.is_some());
        if !ok {
            return Err(CoreError::Invalid(format!(
                "date {}-{:?}-{:?} is not a real date",
                d.year, d.month, d.day
            )));
        }
    }
    Ok(())
}

/// id, title, authors (JSON), source, published, original file name.
type FreeTextRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Schema 4: give every article a reference built from its free-text metadata,
/// losing nothing (the free-text columns are left as they were). The bundled
/// articles get their real item types.
pub(crate) fn migrate_free_text(conn: &Connection) -> Result<()> {
    let rows: Vec<FreeTextRow> = {
        let mut stmt = conn.prepare(
            "SELECT id, title, authors, source, published, original_file FROM articles
             WHERE id NOT IN (SELECT article_id FROM article_refs)",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    for (id, title, authors, source, published, original_file) in rows {
        // A malformed authors column is kept whole as one name rather than dropped.
        let authors: Vec<String> =
            serde_json::from_str(&authors).unwrap_or_else(|_| vec![authors.clone()]);
        let mut r =
            Reference::from_free_text(&title, &authors, source.as_deref(), published.as_deref());
        if let Some(t) = original_file.as_deref().and_then(bundled_item_type) {
            r.item_type = t;
        }
        write_reference(conn, id, &r)?;
    }
    Ok(())
}

impl Store {
    /// The reference of an article.
    pub fn reference(&self, article_id: i64) -> Result<Reference> {
        Ok(self.article(article_id)?.reference)
    }

    /// Replace an article's reference (type, creators, fields); its free-text
    /// authors, source and published follow. One undoable step.
    pub fn set_reference(&self, article_id: i64, reference: Reference) -> Result<Article> {
        validate_reference(&reference)?;
        let title = self.read(|c| get_article(c, article_id))?.title;
        logged(self, Action::EditReference { title }, |rec| {
            let before = rec
                .tx()
                .query_row(
                    "SELECT data FROM article_refs WHERE article_id = ?1",
                    [article_id],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
                .map(|raw| parse_reference(&raw))
                .transpose()?;
            if before.as_ref() == Some(&reference) {
                return get_article(rec.tx(), article_id);
            }
            rec.touch("article_refs", &[("article_id", article_id)], |tx| {
                write_reference(tx, article_id, &reference)
            })?;
            let (authors, source, published) = free_text_of(&reference);
            rec.touch("article_meta", &[("id", article_id)], |tx| {
                tx.execute(
                    "UPDATE articles SET authors = ?2, source = ?3, published = ?4, modified_at = ?5
                     WHERE id = ?1",
                    params![
                        article_id,
                        serde_json::to_string(&authors)?,
                        source,
                        published,
                        now_rfc3339()
                    ],
                )?;
                Ok(())
            })?;
            get_article(rec.tx(), article_id)
        })
    }
}
