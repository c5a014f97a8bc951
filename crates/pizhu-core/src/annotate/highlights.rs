//! Highlights: a range of an article's text (code points), its quote selector,
//! colour, themes and a Markdown note. Every change is undoable.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::action::{short_quote, Action};
use super::anchor::{context_of, CONTEXT_CHARS};
use super::clean_color;
use super::tags::{delete_highlight_in, tag_in, untag_in};
use super::themes::{find_or_create, get_theme, resolve, ThemeRef};
use super::undo::{logged, Recorder};
use crate::{now_rfc3339, text, CoreError, Result, Store};

/// The colour of a highlight created without one.
pub const DEFAULT_COLOR: &str = "yellow";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Highlight {
    pub id: i64,
    pub article_id: i64,
    /// Code-point offsets into the article's text; `start < end`.
    pub start: i64,
    pub end: i64,
    /// W3C TextQuoteSelector: the highlighted text and up to 32 code points either side.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub color: String,
    /// Theme names, in code-book order.
    pub themes: Vec<String>,
    pub theme_ids: Vec<i64>,
    /// Markdown.
    pub note: String,
    /// Could not be placed after the article's text changed; `start`/`end` are stale.
    pub orphan: bool,
    pub created_at: String,
    pub modified_at: String,
    /// Labels of the first and last page the passage sits on, for paged
    /// sources (derived from the offsets and the article's pages, not stored).
    #[serde(default)]
    pub page_start: Option<String>,
    #[serde(default)]
    pub page_end: Option<String>,
}

/// A highlight to add. Offsets are code points unless `from_utf16` is set, in
/// which case they are the DOM's UTF-16 offsets and are converted here.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct NewHighlight {
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
    /// The text the caller believes it highlighted; refused if it differs.
    pub exact: Option<String>,
    pub color: Option<String>,
    /// Theme names; missing ones are created.
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub themes: Vec<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub theme_ids: Vec<i64>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub note: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub from_utf16: bool,
    /// Keep these RFC 3339 times (created, modified) instead of now: an imported
    /// annotation keeps its history. Set by importers, never read from JSON.
    #[serde(skip)]
    pub times: Option<(String, String)>,
}

/// Fields to change; `None` leaves a field as it is. `themes` replaces the set.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct HighlightPatch {
    pub color: Option<String>,
    pub note: Option<String>,
    pub themes: Option<Vec<String>>,
    pub theme_ids: Option<Vec<i64>>,
}

/// Which highlights to list; empty `theme_ids` means any theme (or none).
#[derive(Debug, Clone, Default)]
pub struct HighlightFilter {
    pub article_id: Option<i64>,
    pub theme_ids: Vec<i64>,
    pub orphan: Option<bool>,
    pub id: Option<i64>,
}

const HIGHLIGHT_COLUMNS: &str =
    "h.id, h.article_id, h.start, h.end, h.exact, h.prefix, h.suffix, h.color, h.note,
     h.orphan, h.created_at, h.modified_at";

/// A highlight row; its themes are filled in by [`attach_themes`].
fn highlight_from_row(r: &Row) -> rusqlite::Result<Highlight> {
    Ok(Highlight {
        id: r.get(0)?,
        article_id: r.get(1)?,
        start: r.get(2)?,
        end: r.get(3)?,
        exact: r.get(4)?,
        prefix: r.get(5)?,
        suffix: r.get(6)?,
        color: r.get(7)?,
        note: r.get(8)?,
        orphan: r.get(9)?,
        created_at: r.get(10)?,
        modified_at: r.get(11)?,
        theme_ids: Vec::new(),
        themes: Vec::new(),
        page_start: None,
        page_end: None,
    })
}

pub(crate) fn list_highlights_in(c: &Connection, f: &HighlightFilter) -> Result<Vec<Highlight>> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<i64> = Vec::new();
    if let Some(a) = f.article_id {
        args.push(a);
        clauses.push(format!("h.article_id = ?{}", args.len()));
    }
    if let Some(id) = f.id {
        args.push(id);
        clauses.push(format!("h.id = ?{}", args.len()));
    }
    if let Some(o) = f.orphan {
        args.push(i64::from(o));
        clauses.push(format!("h.orphan = ?{}", args.len()));
    }
    if !f.theme_ids.is_empty() {
        let marks: Vec<String> = f
            .theme_ids
            .iter()
            .map(|t| {
                args.push(*t);
                format!("?{}", args.len())
            })
            .collect();
        clauses.push(format!(
            "h.id IN (SELECT highlight_id FROM highlight_themes WHERE theme_id IN ({}))",
            marks.join(", ")
        ));
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    // Sorted here rather than by SQLite: its sorter would copy every wide row.
    let mut stmt = c.prepare(&format!(
        "SELECT {HIGHLIGHT_COLUMNS} FROM highlights h {filter}"
    ))?;
    let rows = stmt.query_map(params_from_iter(args.iter()), highlight_from_row)?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    out.sort_unstable_by_key(|h| (h.article_id, h.start, h.id));
    attach_themes(c, &mut out, &filter, &args)?;
    attach_pages(c, &mut out)?;
    Ok(out)
}

/// Fill in the page labels of highlights on paged sources (one query per
/// article; the list is sorted by article). Orphans have stale offsets: none.
fn attach_pages(c: &Connection, list: &mut [Highlight]) -> Result<()> {
    let mut current: Option<(i64, Vec<crate::Page>)> = None;
    for h in list.iter_mut() {
        if current.as_ref().map(|(id, _)| *id) != Some(h.article_id) {
            current = Some((h.article_id, crate::pages::pages_of(c, h.article_id)?));
        }
        let pages = &current.as_ref().expect("set above").1;
        if h.orphan || pages.is_empty() {
            continue;
        }
        if let Some((first, last)) =
            crate::pages::label_range(pages, h.start.max(0) as usize, h.end.max(0) as usize)
        {
            h.page_start = Some(first);
            h.page_end = Some(last);
        }
    }
    Ok(())
}

/// Fill in each highlight's theme names and ids, in code-book order. Two plain
/// queries (the small theme table, then the tag pairs of the same selection) are
/// much cheaper than a per-row subquery when a theme has thousands of highlights.
fn attach_themes(c: &Connection, list: &mut [Highlight], filter: &str, args: &[i64]) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let mut themes: HashMap<i64, (i64, String)> = HashMap::new();
    let mut stmt = c.prepare_cached("SELECT id, position, name FROM themes")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (id, position, name) = row?;
        themes.insert(id, (position, name));
    }
    let sql = if list.len() == 1 {
        "SELECT highlight_id, theme_id FROM highlight_themes WHERE highlight_id = ?1".to_string()
    } else {
        format!(
            "SELECT x.highlight_id, x.theme_id FROM highlight_themes x
             WHERE x.highlight_id IN (SELECT h.id FROM highlights h {filter})"
        )
    };
    let mut tags: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut stmt = c.prepare(&sql)?;
    let rows = if list.len() == 1 {
        stmt.query_map([list[0].id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    } else {
        stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (h, t) in rows {
        tags.entry(h).or_default().push(t);
    }
    for h in list.iter_mut() {
        let Some(ids) = tags.get_mut(&h.id) else {
            continue;
        };
        ids.sort_by(|a, b| themes.get(a).cmp(&themes.get(b)));
        h.theme_ids = ids.clone();
        h.themes = ids
            .iter()
            .filter_map(|t| themes.get(t).map(|(_, n)| n.clone()))
            .collect();
    }
    Ok(())
}

pub(crate) fn get_highlight(c: &Connection, id: i64) -> Result<Highlight> {
    list_highlights_in(
        c,
        &HighlightFilter {
            id: Some(id),
            ..Default::default()
        },
    )?
    .pop()
    .ok_or_else(|| CoreError::NotFound(format!("highlight {id}")))
}

fn article_text(c: &Connection, article_id: i64) -> Result<String> {
    c.query_row(
        "SELECT text FROM articles WHERE id = ?1",
        [article_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(format!("article {article_id}")))
}

/// A checked range of `text`: code-point offsets and the quote selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRange {
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// Check a range against the article's text and build its selector. Refuses an
/// empty, reversed or out-of-bounds range, a UTF-16 offset inside a surrogate
/// pair, and an `exact` that is not the text there.
pub fn check_range(
    text_: &str,
    start: usize,
    end: usize,
    from_utf16: bool,
    exact: Option<&str>,
) -> Result<CheckedRange> {
    let unit = if from_utf16 {
        "UTF-16 offset"
    } else {
        "offset"
    };
    if start == end {
        return Err(CoreError::Invalid(format!(
            "empty range: start and end are both {start}"
        )));
    }
    if start > end {
        return Err(CoreError::Invalid(format!(
            "reversed range: start {start} is after end {end}"
        )));
    }
    let (start, end) = if from_utf16 {
        let len16 = text_.encode_utf16().count();
        if end > len16 {
            return Err(CoreError::Invalid(format!(
                "range {start}..{end} is out of bounds: the article is {len16} UTF-16 units long"
            )));
        }
        let conv = |o: usize| {
            text::utf16_to_cp(text_, o).ok_or_else(|| {
                CoreError::Invalid(format!(
                    "{unit} {o} falls inside a character (a surrogate pair)"
                ))
            })
        };
        (conv(start)?, conv(end)?)
    } else {
        (start, end)
    };
    let chars: Vec<char> = text_.chars().collect();
    if end > chars.len() {
        return Err(CoreError::Invalid(format!(
            "range {start}..{end} is out of bounds: the article has {} characters",
            chars.len()
        )));
    }
    let found: String = chars[start..end].iter().collect();
    if let Some(expected) = exact {
        if expected != found {
            return Err(CoreError::Invalid(format!(
                "the text at {start}..{end} is \u{201c}{}\u{201d}, not \u{201c}{}\u{201d}",
                abbreviate(&found),
                abbreviate(expected)
            )));
        }
    }
    let (prefix, suffix) = context_of(&chars, start, end);
    debug_assert!(prefix.chars().count() <= CONTEXT_CHARS);
    Ok(CheckedRange {
        start,
        end,
        exact: found,
        prefix,
        suffix,
    })
}

fn abbreviate(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

/// Theme ids for names (created when missing) and ids (which must exist).
fn theme_ids_for(rec: &mut Recorder, names: &[String], ids: &[i64]) -> Result<Vec<i64>> {
    let mut out: Vec<i64> = Vec::new();
    for name in names {
        out.push(find_or_create(rec, name)?);
    }
    for id in ids {
        out.push(resolve(rec.tx(), &ThemeRef::Id(*id))?);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|id| seen.insert(*id));
    Ok(out)
}

fn touch_modified(rec: &mut Recorder, id: i64) -> Result<()> {
    rec.touch("highlights", &[("id", id)], |tx| {
        tx.execute(
            "UPDATE highlights SET modified_at = ?2 WHERE id = ?1",
            params![id, now_rfc3339()],
        )?;
        Ok(())
    })
}

/// `s` if it is an RFC 3339 time (what every `*_at` column holds).
fn rfc3339(s: &str) -> Result<String> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .map(|_| s.to_string())
        .map_err(|_| CoreError::Invalid(format!("{s:?} is not an RFC 3339 time")))
}

/// The start of a highlight's quote, for the undo log; an unknown id is not found.
fn quote_of(c: &Connection, id: i64) -> Result<String> {
    let exact: String = c
        .query_row("SELECT exact FROM highlights WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("highlight {id}")))?;
    Ok(short_quote(&exact))
}

impl Store {
    /// Add a highlight. Acknowledged (returned) only after the transaction with its
    /// undo entry has committed.
    pub fn add_highlight(&self, h: &NewHighlight) -> Result<Highlight> {
        logged(
            self,
            Action::AddHighlight {
                quote: String::new(),
            },
            |rec| {
                let text = article_text(rec.tx(), h.article_id)?;
                let range = check_range(&text, h.start, h.end, h.from_utf16, h.exact.as_deref())?;
                let color = match &h.color {
                    Some(c) => clean_color(c)?,
                    None => DEFAULT_COLOR.to_string(),
                };
                let (created, modified) = match &h.times {
                    Some((c, m)) => (rfc3339(c)?, rfc3339(m)?),
                    None => (now_rfc3339(), now_rfc3339()),
                };
                rec.tx().execute(
                "INSERT INTO highlights(article_id, start, end, exact, prefix, suffix, color, note, orphan, created_at, modified_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10)",
                params![h.article_id, range.start as i64, range.end as i64, range.exact, range.prefix, range.suffix, color, h.note, created, modified],
            )?;
                let id = rec.tx().last_insert_rowid();
                rec.inserted("highlights", &[("id", id)])?;
                rec.describe(Action::AddHighlight {
                    quote: short_quote(&range.exact),
                });
                for t in theme_ids_for(rec, &h.themes, &h.theme_ids)? {
                    tag_in(rec, id, t)?;
                }
                get_highlight(rec.tx(), id)
            },
        )
    }

    pub fn highlight(&self, id: i64) -> Result<Highlight> {
        self.read(|c| get_highlight(c, id))
    }

    /// Highlights of one article, or of some themes, or all; by article then position.
    pub fn list_highlights(&self, filter: &HighlightFilter) -> Result<Vec<Highlight>> {
        self.read(|c| list_highlights_in(c, filter))
    }

    /// Highlights that lost their place after an edit, for the user to place or delete.
    pub fn list_orphans(&self, article_id: Option<i64>) -> Result<Vec<Highlight>> {
        self.list_highlights(&HighlightFilter {
            article_id,
            orphan: Some(true),
            ..Default::default()
        })
    }

    pub fn update_highlight(&self, id: i64, patch: &HighlightPatch) -> Result<Highlight> {
        logged(
            self,
            Action::EditHighlight {
                quote: String::new(),
            },
            |rec| {
                let quote = quote_of(rec.tx(), id)?;
                rec.describe(Action::EditHighlight { quote });
                let color = patch.color.as_deref().map(clean_color).transpose()?;
                rec.touch("highlights", &[("id", id)], |tx| {
                tx.execute(
                    "UPDATE highlights SET color = coalesce(?2, color), note = coalesce(?3, note), modified_at = ?4
                     WHERE id = ?1",
                    params![id, color, patch.note, now_rfc3339()],
                )?;
                Ok(())
            })?;
                if patch.themes.is_some() || patch.theme_ids.is_some() {
                    let wanted = theme_ids_for(
                        rec,
                        patch.themes.as_deref().unwrap_or_default(),
                        patch.theme_ids.as_deref().unwrap_or_default(),
                    )?;
                    let current = get_highlight(rec.tx(), id)?.theme_ids;
                    for t in current.iter().filter(|t| !wanted.contains(t)) {
                        untag_in(rec, id, *t)?;
                    }
                    for t in wanted.iter().filter(|t| !current.contains(t)) {
                        tag_in(rec, id, *t)?;
                    }
                }
                get_highlight(rec.tx(), id)
            },
        )
    }

    pub fn delete_highlight(&self, id: i64) -> Result<()> {
        logged(
            self,
            Action::DeleteHighlight {
                quote: String::new(),
            },
            |rec| {
                let quote = quote_of(rec.tx(), id)?;
                rec.describe(Action::DeleteHighlight { quote });
                delete_highlight_in(rec, id)
            },
        )
    }

    /// Tag a highlight with a theme; a name that is not in the code book is added to it.
    pub fn tag_highlight(&self, id: i64, theme: &ThemeRef) -> Result<Highlight> {
        let placeholder = Action::TagHighlight {
            quote: String::new(),
            theme: String::new(),
        };
        logged(self, placeholder, |rec| {
            let quote = quote_of(rec.tx(), id)?;
            let theme_id = match theme {
                ThemeRef::Name(n) => find_or_create(rec, n)?,
                ThemeRef::Id(_) => resolve(rec.tx(), theme)?,
            };
            let theme = get_theme(rec.tx(), theme_id)?.name;
            rec.describe(Action::TagHighlight { quote, theme });
            if tag_in(rec, id, theme_id)? {
                touch_modified(rec, id)?;
            }
            get_highlight(rec.tx(), id)
        })
    }

    /// Remove a theme from a highlight (no change if it did not have it).
    pub fn untag_highlight(&self, id: i64, theme: &ThemeRef) -> Result<Highlight> {
        let placeholder = Action::UntagHighlight {
            quote: String::new(),
            theme: String::new(),
        };
        logged(self, placeholder, |rec| {
            let quote = quote_of(rec.tx(), id)?;
            let theme_id = resolve(rec.tx(), theme)?;
            let theme = get_theme(rec.tx(), theme_id)?.name;
            rec.describe(Action::UntagHighlight { quote, theme });
            if untag_in(rec, id, theme_id)? {
                touch_modified(rec, id)?;
            }
            get_highlight(rec.tx(), id)
        })
    }

    /// Put a highlight (typically an orphan) on a new range of its article; its
    /// quote becomes the text there.
    pub fn place_highlight(
        &self,
        id: i64,
        start: usize,
        end: usize,
        from_utf16: bool,
    ) -> Result<Highlight> {
        logged(
            self,
            Action::PlaceHighlight {
                quote: String::new(),
            },
            |rec| {
                let article_id: i64 = rec
                    .tx()
                    .query_row(
                        "SELECT article_id FROM highlights WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::NotFound(format!("highlight {id}")))?;
                let text = article_text(rec.tx(), article_id)?;
                let r = check_range(&text, start, end, from_utf16, None)?;
                rec.describe(Action::PlaceHighlight {
                    quote: short_quote(&r.exact),
                });
                rec.touch("highlights", &[("id", id)], |tx| {
                tx.execute(
                    "UPDATE highlights SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphan = 0,
                            modified_at = ?7 WHERE id = ?1",
                    params![id, r.start as i64, r.end as i64, r.exact, r.prefix, r.suffix, now_rfc3339()],
                )?;
                Ok(())
            })?;
                get_highlight(rec.tx(), id)
            },
        )
    }
}
