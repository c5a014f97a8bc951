//! The code book: themes with colour, description, keywords, a parent (sub-themes),
//! an order and a memo. Every change is undoable (see [`super::undo`]).

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::clean_color;
use super::tags::{delete_highlight_in, tag_in, tagged_highlights, untag_in};
use super::undo::{logged, Recorder};
use crate::{now_rfc3339, CoreError, Result, Store};

/// Colours handed to new themes that come without one, in turn.
pub const PALETTE: &[&str] = &[
    "#e8a33d", "#4c9be8", "#5fb36b", "#d9605a", "#9b6fd0", "#3fb4ae", "#d97cb0", "#8a8f3c",
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Theme {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub description: String,
    pub keywords: Vec<String>,
    pub parent_id: Option<i64>,
    pub position: i64,
    pub memo: String,
    /// Highlights tagged with this theme itself (not its sub-themes).
    pub highlight_count: i64,
    /// Highlights tagged with this theme or any theme under it, each counted once
    /// (a passage coded with a parent and its child is one passage).
    pub branch_count: i64,
    pub created_at: String,
    pub modified_at: String,
}

/// A theme named by id (a JSON number) or by name (a JSON string).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ThemeRef {
    Id(i64),
    Name(String),
}

impl From<i64> for ThemeRef {
    fn from(id: i64) -> Self {
        ThemeRef::Id(id)
    }
}
impl From<&str> for ThemeRef {
    fn from(name: &str) -> Self {
        ThemeRef::Name(name.to_string())
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct NewTheme {
    pub name: String,
    pub color: Option<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub description: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub keywords: Vec<String>,
    pub parent_id: Option<ThemeRef>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub memo: String,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ThemePatch {
    pub name: Option<String>,
    pub color: Option<String>,
    pub description: Option<String>,
    pub keywords: Option<Vec<String>>,
    pub memo: Option<String>,
}

/// What to do with a deleted theme's highlights.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum DeleteMode {
    /// Keep the highlights, without this theme.
    Untag,
    /// Delete every highlight tagged with this theme.
    DeleteHighlights,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DeleteThemeOutcome {
    pub untagged: usize,
    pub deleted_highlights: usize,
}

const THEME_COLUMNS: &str = "t.id, t.name, t.color, t.description, t.keywords, t.parent_id, t.position, t.memo,
     (SELECT count(*) FROM highlight_themes x WHERE x.theme_id = t.id),
     (WITH RECURSIVE branch(id) AS (SELECT t.id UNION SELECT c.id FROM themes c JOIN branch b ON c.parent_id = b.id)
      SELECT count(DISTINCT x.highlight_id) FROM highlight_themes x WHERE x.theme_id IN branch),
     t.created_at, t.modified_at";

fn theme_from_row(r: &Row) -> rusqlite::Result<Theme> {
    let keywords: String = r.get(4)?;
    Ok(Theme {
        id: r.get(0)?,
        name: r.get(1)?,
        color: r.get(2)?,
        description: r.get(3)?,
        keywords: serde_json::from_str(&keywords).unwrap_or_default(),
        parent_id: r.get(5)?,
        position: r.get(6)?,
        memo: r.get(7)?,
        highlight_count: r.get(8)?,
        branch_count: r.get(9)?,
        created_at: r.get(10)?,
        modified_at: r.get(11)?,
    })
}

pub(crate) fn get_theme(c: &Connection, id: i64) -> Result<Theme> {
    c.query_row(
        &format!("SELECT {THEME_COLUMNS} FROM themes t WHERE t.id = ?1"),
        [id],
        theme_from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(format!("theme {id}")))
}

/// The id of a theme named by id or name.
pub(crate) fn resolve(c: &Connection, r: &ThemeRef) -> Result<i64> {
    let found = match r {
        ThemeRef::Id(id) => c
            .query_row("SELECT id FROM themes WHERE id = ?1", [id], |r| r.get(0))
            .optional()?,
        ThemeRef::Name(name) => c
            .query_row(
                "SELECT id FROM themes WHERE name = ?1",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?,
    };
    found.ok_or_else(|| match r {
        ThemeRef::Id(id) => CoreError::NotFound(format!("theme {id}")),
        ThemeRef::Name(name) => CoreError::NotFound(format!("theme \u{201c}{name}\u{201d}")),
    })
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::Invalid("a theme needs a name".into()));
    }
    if name.chars().count() > 100 {
        return Err(CoreError::Invalid(
            "a theme name has at most 100 characters".into(),
        ));
    }
    Ok(name.to_string())
}

fn ensure_name_free(c: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let other: Option<i64> = c
        .query_row("SELECT id FROM themes WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    match other {
        Some(id) if Some(id) != except => {
            Err(CoreError::Clash(crate::error::Clash::ThemeNameTaken {
                name: name.to_string(),
            }))
        }
        _ => Ok(()),
    }
}

fn clean_keywords(k: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in k.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        if !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Insert a theme through the recorder; returns its id.
pub(crate) fn insert_theme(rec: &mut Recorder, t: &NewTheme) -> Result<i64> {
    let tx = rec.tx();
    let name = clean_name(&t.name)?;
    ensure_name_free(tx, &name, None)?;
    let parent = t.parent_id.as_ref().map(|p| resolve(tx, p)).transpose()?;
    let color = match &t.color {
        Some(c) => clean_color(c)?,
        None => {
            let n: i64 = tx.query_row("SELECT count(*) FROM themes", [], |r| r.get(0))?;
            PALETTE[n as usize % PALETTE.len()].to_string()
        }
    };
    let position: i64 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM themes",
        [],
        |r| r.get(0),
    )?;
    let now = now_rfc3339();
    tx.execute(
        "INSERT INTO themes(name, color, description, keywords, parent_id, position, memo, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            name,
            color,
            t.description.trim(),
            serde_json::to_string(&clean_keywords(&t.keywords))?,
            parent,
            position,
            t.memo,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    rec.inserted("themes", &[("id", id)])?;
    Ok(id)
}

/// The id of the theme called `name`, creating it when there is none (the UI's
/// "type to find or create").
pub(crate) fn find_or_create(rec: &mut Recorder, name: &str) -> Result<i64> {
    let name = clean_name(name)?;
    let found: Option<i64> = rec
        .tx()
        .query_row("SELECT id FROM themes WHERE name = ?1", [&name], |r| {
            r.get(0)
        })
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => insert_theme(
            rec,
            &NewTheme {
                name,
                ..Default::default()
            },
        ),
    }
}

/// `id` and every theme below it.
pub(crate) fn subtree(c: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = c.prepare(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT t.id FROM themes t JOIN sub ON t.parent_id = sub.id)
         SELECT id FROM sub",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

fn set_parent(rec: &mut Recorder, id: i64, parent: Option<i64>) -> Result<()> {
    rec.touch("themes", &[("id", id)], |tx| {
        tx.execute(
            "UPDATE themes SET parent_id = ?2 WHERE id = ?1",
            params![id, parent],
        )?;
        Ok(())
    })
}

fn children(c: &Connection, parent: Option<i64>) -> Result<Vec<i64>> {
    let mut stmt =
        c.prepare("SELECT id FROM themes WHERE parent_id IS ?1 ORDER BY position, id")?;
    let ids = stmt
        .query_map([parent], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

impl Store {
    /// The code book in display order (by position, then name).
    pub fn list_themes(&self) -> Result<Vec<Theme>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {THEME_COLUMNS} FROM themes t ORDER BY t.position, t.name"
            ))?;
            let rows = stmt.query_map([], theme_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    pub fn theme(&self, r: &ThemeRef) -> Result<Theme> {
        self.read(|c| get_theme(c, resolve(c, r)?))
    }

    pub fn add_theme(&self, t: &NewTheme) -> Result<Theme> {
        logged(
            self,
            Action::AddTheme {
                name: t.name.trim().to_string(),
            },
            |rec| {
                let id = insert_theme(rec, t)?;
                get_theme(rec.tx(), id)
            },
        )
    }

    /// Change a theme's fields; a new name must be free.
    pub fn update_theme(&self, r: &ThemeRef, patch: &ThemePatch) -> Result<Theme> {
        let placeholder = Action::EditTheme {
            name: String::new(),
        };
        logged(self, placeholder, |rec| {
            let id = resolve(rec.tx(), r)?;
            let mut t = get_theme(rec.tx(), id)?;
            let old_name = t.name.clone();
            if let Some(n) = &patch.name {
                t.name = clean_name(n)?;
                ensure_name_free(rec.tx(), &t.name, Some(id))?;
            }
            rec.describe(if t.name == old_name {
                Action::EditTheme { name: old_name }
            } else {
                Action::RenameTheme {
                    from: old_name,
                    to: t.name.clone(),
                }
            });
            if let Some(c) = &patch.color {
                t.color = clean_color(c)?;
            }
            if let Some(d) = &patch.description {
                t.description = d.trim().to_string();
            }
            if let Some(k) = &patch.keywords {
                t.keywords = clean_keywords(k);
            }
            if let Some(m) = &patch.memo {
                t.memo = m.clone();
            }
            rec.touch("themes", &[("id", id)], |tx| {
                tx.execute(
                    "UPDATE themes SET name = ?2, color = ?3, description = ?4, keywords = ?5, memo = ?6, modified_at = ?7
                     WHERE id = ?1",
                    params![id, t.name, t.color, t.description, serde_json::to_string(&t.keywords)?, t.memo, now_rfc3339()],
                )?;
                Ok(())
            })?;
            get_theme(rec.tx(), id)
        })
    }

    pub fn rename_theme(&self, r: &ThemeRef, name: &str) -> Result<Theme> {
        self.update_theme(
            r,
            &ThemePatch {
                name: Some(name.to_string()),
                ..Default::default()
            },
        )
    }

    /// Merge `from` into `into`: its highlights get `into` (once), its sub-themes move
    /// under `into`, and `from` is deleted. Returns `into`.
    pub fn merge_themes(&self, from: &ThemeRef, into: &ThemeRef) -> Result<Theme> {
        let (from_id, into_id, from_name, into_name) = self.read(|c| {
            let f = resolve(c, from)?;
            let i = resolve(c, into)?;
            Ok((f, i, get_theme(c, f)?.name, get_theme(c, i)?.name))
        })?;
        if from_id == into_id {
            return Err(CoreError::Invalid(
                "cannot merge a theme into itself".into(),
            ));
        }
        logged(
            self,
            Action::MergeThemes {
                from: from_name,
                into: into_name,
            },
            |rec| {
                for h in tagged_highlights(rec.tx(), from_id)? {
                    tag_in(rec, h, into_id)?;
                    untag_in(rec, h, from_id)?;
                }
                // `into` may sit below `from`: lift it to `from`'s place first.
                let from_parent = get_theme(rec.tx(), from_id)?.parent_id;
                if subtree(rec.tx(), from_id)?.contains(&into_id) {
                    set_parent(rec, into_id, from_parent)?;
                }
                for child in children(rec.tx(), Some(from_id))? {
                    if child != into_id {
                        set_parent(rec, child, Some(into_id))?;
                    }
                }
                rec.touch("themes", &[("id", from_id)], |tx| {
                    tx.execute("DELETE FROM themes WHERE id = ?1", [from_id])?;
                    Ok(())
                })?;
                get_theme(rec.tx(), into_id)
            },
        )
    }

    /// Move a theme under `parent` (`None`: top level), optionally at `position`
    /// among its new siblings (0 = first; default last).
    pub fn move_theme(
        &self,
        r: &ThemeRef,
        parent: Option<&ThemeRef>,
        position: Option<usize>,
    ) -> Result<Theme> {
        let placeholder = Action::MoveTheme {
            name: String::new(),
        };
        logged(self, placeholder, |rec| {
            let id = resolve(rec.tx(), r)?;
            rec.describe(Action::MoveTheme {
                name: get_theme(rec.tx(), id)?.name,
            });
            let parent_id = parent.map(|p| resolve(rec.tx(), p)).transpose()?;
            if let Some(p) = parent_id {
                if subtree(rec.tx(), id)?.contains(&p) {
                    return Err(CoreError::Invalid(
                        "a theme cannot move under itself or one of its sub-themes".into(),
                    ));
                }
            }
            set_parent(rec, id, parent_id)?;
            let mut siblings: Vec<i64> = children(rec.tx(), parent_id)?
                .into_iter()
                .filter(|&s| s != id)
                .collect();
            let at = position.unwrap_or(siblings.len()).min(siblings.len());
            siblings.insert(at, id);
            // Positions are global; renumber this sibling group into the slots it
            // already occupies plus one, keeping other groups untouched.
            let mut slots: Vec<i64> = Vec::new();
            for s in &siblings {
                slots.push(get_theme(rec.tx(), *s)?.position);
            }
            slots.sort_unstable();
            slots.dedup();
            while slots.len() < siblings.len() {
                let next = slots.last().map_or(0, |l| l + 1);
                slots.push(next);
            }
            for (s, pos) in siblings.iter().zip(slots) {
                rec.touch("themes", &[("id", *s)], |tx| {
                    tx.execute(
                        "UPDATE themes SET position = ?2 WHERE id = ?1 AND position != ?2",
                        params![s, pos],
                    )?;
                    Ok(())
                })?;
            }
            get_theme(rec.tx(), id)
        })
    }

    /// Delete a theme; its sub-themes move up to its parent. `mode` decides whether
    /// its highlights lose the tag or are deleted.
    pub fn delete_theme(&self, r: &ThemeRef, mode: DeleteMode) -> Result<DeleteThemeOutcome> {
        let (id, name) = self.read(|c| {
            let id = resolve(c, r)?;
            Ok((id, get_theme(c, id)?.name))
        })?;
        logged(self, Action::DeleteTheme { name }, |rec| {
            let mut out = DeleteThemeOutcome {
                untagged: 0,
                deleted_highlights: 0,
            };
            for h in tagged_highlights(rec.tx(), id)? {
                match mode {
                    DeleteMode::Untag => {
                        untag_in(rec, h, id)?;
                        out.untagged += 1;
                    }
                    DeleteMode::DeleteHighlights => {
                        delete_highlight_in(rec, h)?;
                        out.deleted_highlights += 1;
                    }
                }
            }
            let parent = get_theme(rec.tx(), id)?.parent_id;
            for child in children(rec.tx(), Some(id))? {
                set_parent(rec, child, parent)?;
            }
            rec.touch("themes", &[("id", id)], |tx| {
                tx.execute("DELETE FROM themes WHERE id = ?1", [id])?;
                Ok(())
            })?;
            Ok(out)
        })
    }
}
