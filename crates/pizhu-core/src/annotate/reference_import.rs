//! Importing reference records (a RIS/BibTeX/… file, a Zotero library) as one
//! undoable step: every new article, its pages and its reference go through
//! the [`Recorder`], so one undo takes the whole file back out.
//!
//! A record is a duplicate of an article already in the library (or earlier in
//! the same file) when it has the same DOI, or the same title, first author and
//! year; or, for a record with text, the same text.

use super::action::Action;
use super::undo::{logged, Recorder};
use rusqlite::{params, OptionalExtension};

use crate::articles::{
    content_hash, insert_reference_item, insert_source_file, Inserted, NewArticle,
};
use crate::pages::{insert_pages, validate};
use crate::reference::{CreatorRole, Reference};
use crate::references::parse_reference;
use crate::{now_rfc3339, CoreError, Result, Store};

/// What identifies a reference for duplicate detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    doi: Option<String>,
    title: String,
    first_author: Option<String>,
    year: Option<i32>,
}

/// Letters and digits only, lower case: `Reading  the Margins.` = `readingthemargins`.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl DuplicateKey {
    pub fn of(title: &str, r: &Reference) -> DuplicateKey {
        let doi = r.doi.as_deref().map(|d| {
            let d = d.trim().to_lowercase();
            let d = d
                .trim_start_matches("https://doi.org/")
                .trim_start_matches("http://dx.doi.org/")
                .trim_start_matches("doi:");
            d.trim().to_string()
        });
        let first = r
            .creators
            .iter()
            .find(|c| c.role == CreatorRole::Author)
            .or(r.creators.first());
        DuplicateKey {
            doi: doi.filter(|d| !d.is_empty()),
            title: fold(title),
            first_author: first.map(|c| fold(&c.name.display())),
            year: r.issued.map(|d| d.year),
        }
    }

    pub fn matches(&self, other: &DuplicateKey) -> bool {
        if let (Some(a), Some(b)) = (&self.doi, &other.doi) {
            if a == b {
                return true;
            }
        }
        !self.title.is_empty()
            && self.title == other.title
            && self.first_author == other.first_author
            && self.year == other.year
    }
}

fn library_keys(rec: &Recorder) -> Result<Vec<(i64, DuplicateKey)>> {
    let mut stmt = rec.tx().prepare(
        "SELECT a.id, a.title, a.authors, a.source, a.published, r.data
         FROM articles a LEFT JOIN article_refs r ON r.article_id = a.id",
    )?;
    let rows = stmt.query_map([], |row| {
        let id: i64 = row.get(0)?;
        let title: String = row.get(1)?;
        let reference = match row.get::<_, Option<String>>(5)? {
            Some(raw) => parse_reference(&raw)?,
            None => {
                let authors: Vec<String> =
                    serde_json::from_str(&row.get::<_, String>(2)?).unwrap_or_default();
                Reference::from_free_text(
                    &title,
                    &authors,
                    row.get::<_, Option<String>>(3)?.as_deref(),
                    row.get::<_, Option<String>>(4)?.as_deref(),
                )
            }
        };
        Ok((id, DuplicateKey::of(&title, &reference)))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl Store {
    /// Store reference records as one transaction and one undoable step. Each
    /// comes back, in order, as new or as the duplicate it matched; an article
    /// with an empty text is a metadata-only item. Any error stores nothing.
    /// An item's `original` (its attached file) is kept with it, so it can be
    /// opened and re-imported later.
    pub fn import_references(&self, items: &[NewArticle]) -> Result<Vec<Inserted>> {
        let kept = self.keep_originals(items)?;
        logged(self, Action::ImportReferences { articles: 0 }, |rec| {
            let mut known = library_keys(rec)?;
            let mut out = Vec::with_capacity(items.len());
            let mut added = 0;
            for (a, kept) in items.iter().zip(&kept) {
                let key = DuplicateKey::of(&a.title, &a.effective_reference());
                if let Some((id, _)) = known.iter().find(|(_, k)| k.matches(&key)) {
                    out.push(Inserted::Duplicate(*id));
                    continue;
                }
                let file_id = match &a.original {
                    Some(f) if !a.text.trim().is_empty() => {
                        Some(insert_source_file(rec.tx(), f, kept.as_deref())?)
                    }
                    _ => None,
                };
                let inserted = insert_reference_item(rec.tx(), a, file_id)?;
                if let Inserted::New(id) = inserted {
                    // Recorded parent first: undo deletes in reverse order.
                    rec.inserted("article_rows", &[("id", id)])?;
                    for p in &a.pages {
                        rec.inserted("article_pages", &[("article_id", id), ("n", p.n as i64)])?;
                    }
                    rec.inserted("article_refs", &[("article_id", id)])?;
                    known.push((id, key));
                    added += 1;
                }
                out.push(inserted);
            }
            rec.describe(Action::ImportReferences { articles: added });
            Ok(out)
        })
    }
}

impl Store {
    /// Each item's original written to the library folder (when it goes
    /// there), before the transaction that records it.
    fn keep_originals(&self, items: &[NewArticle]) -> Result<Vec<Option<String>>> {
        items
            .iter()
            .map(|a| match &a.original {
                Some(f) => self.keep_in_folder(f),
                None => Ok(None),
            })
            .collect()
    }

    /// Give a metadata-only item (an imported record without a file) the text of
    /// a document: `doc`'s text, headings, pages, format and original file name.
    /// One undoable step; an article that has text already is refused.
    pub fn attach_text(&self, article_id: i64, doc: &NewArticle) -> Result<()> {
        if doc.text.trim().is_empty() {
            return Err(CoreError::Invalid("the file has no text".into()));
        }
        validate(&doc.pages, doc.text.chars().count())?;
        let kept = self.keep_originals(std::slice::from_ref(doc))?.remove(0);
        let placeholder = Action::EditArticleText {
            title: String::new(),
        };
        logged(self, placeholder, |rec| {
            let (text, title): (String, String) = rec
                .tx()
                .query_row(
                    "SELECT text, title FROM articles WHERE id = ?1",
                    [article_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| CoreError::NotFound(format!("article {article_id}")))?;
            if !text.trim().is_empty() {
                return Err(CoreError::Invalid(format!(
                    "article {article_id} already has its text; a file is attached only to a metadata-only item"
                )));
            }
            let hash = content_hash(&doc.text);
            let same: Option<i64> = rec
                .tx()
                .query_row(
                    "SELECT id FROM articles WHERE content_hash = ?1",
                    [&hash],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = same {
                return Err(CoreError::Invalid(format!(
                    "the same text is already article {other}"
                )));
            }
            rec.describe(Action::EditArticleText { title });
            let file_id = match &doc.original {
                Some(f) => Some(insert_source_file(rec.tx(), f, kept.as_deref())?),
                None => None,
            };
            rec.touch("article_rows", &[("id", article_id)], |tx| {
                tx.execute(
                    "UPDATE articles SET text = ?2, headings = ?3, corrections = ?4, format = ?5,
                            original_file = ?6, encoding = ?7, content_hash = ?8, modified_at = ?9,
                            source_file_id = coalesce(?10, source_file_id)
                     WHERE id = ?1",
                    params![
                        article_id,
                        doc.text,
                        serde_json::to_string(&doc.headings)?,
                        serde_json::to_string(&doc.corrections)?,
                        doc.format,
                        doc.original_file,
                        doc.encoding,
                        hash,
                        now_rfc3339(),
                        file_id
                    ],
                )?;
                Ok(())
            })?;
            insert_pages(rec.tx(), article_id, &doc.pages)?;
            for p in &doc.pages {
                rec.inserted(
                    "article_pages",
                    &[("article_id", article_id), ("n", p.n as i64)],
                )?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{Creator, Name, PartialDate};

    fn r(doi: Option<&str>, author: &str, year: i32) -> Reference {
        Reference {
            doi: doi.map(Into::into),
            creators: vec![Creator {
                role: CreatorRole::Author,
                name: Name::parse(author),
            }],
            issued: Some(PartialDate {
                year,
                month: None,
                day: None,
            }),
            ..Reference::default()
        }
    }

    #[test]
    fn same_doi_or_same_title_author_and_year() {
        let a = DuplicateKey::of("论评点", &r(Some("10.1/X"), "张三", 2020));
        assert!(a.matches(&DuplicateKey::of(
            "Another title",
            &r(Some("https://doi.org/10.1/x"), "李四", 2001)
        )));
        assert!(a.matches(&DuplicateKey::of("论 评点。", &r(None, "张三", 2020))));
        assert!(!a.matches(&DuplicateKey::of("论评点", &r(None, "张三", 2021))));
        assert!(!a.matches(&DuplicateKey::of("论评点", &r(None, "李四", 2020))));
    }
}
