//! Article collections (schema 6): named folders of articles, nested like
//! Zotero's, an article in as many as the reader likes. A collection never owns
//! its articles: deleting one removes its memberships (and its sub-collections),
//! never an article.
//!
//! - this file: the read side ([`Collection`], listing, resolving a name);
//! - [`edit`]: create, rename, move, delete, add and remove articles — every
//!   change through the undo log.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{CoreError, Result, Store};

pub mod edit;

/// One collection, with how many articles it holds itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Collection {
    pub id: i64,
    pub name: String,
    pub parent_id: Option<i64>,
    pub position: i64,
    /// Articles in this collection itself (not its sub-collections).
    pub article_count: i64,
    pub created_at: String,
    pub modified_at: String,
}

/// A collection named by id (a JSON number) or by name (a JSON string): the
/// name of exactly one collection, or a path `parent/child`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum CollectionRef {
    Id(i64),
    Name(String),
}

impl From<i64> for CollectionRef {
    fn from(id: i64) -> Self {
        CollectionRef::Id(id)
    }
}
impl From<&str> for CollectionRef {
    fn from(name: &str) -> Self {
        CollectionRef::Name(name.to_string())
    }
}

const COLUMNS: &str = "c.id, c.name, c.parent_id, c.position, c.created_at, c.modified_at,
     (SELECT count(*) FROM article_collections m WHERE m.collection_id = c.id)";

fn from_row(r: &Row) -> rusqlite::Result<Collection> {
    Ok(Collection {
        id: r.get(0)?,
        name: r.get(1)?,
        parent_id: r.get(2)?,
        position: r.get(3)?,
        created_at: r.get(4)?,
        modified_at: r.get(5)?,
        article_count: r.get(6)?,
    })
}

pub(crate) fn get_collection(c: &Connection, id: i64) -> Result<Collection> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM collections c WHERE c.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(format!("collection {id}")))
}

fn all(c: &Connection) -> Result<Vec<Collection>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {COLUMNS} FROM collections c ORDER BY c.position, c.id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The id `r` names. A name is first taken whole (a collection may have `/` in
/// its name); otherwise as a path of names from a top-level collection.
pub(crate) fn resolve(c: &Connection, r: &CollectionRef) -> Result<i64> {
    let name = match r {
        CollectionRef::Id(id) => return get_collection(c, *id).map(|x| x.id),
        CollectionRef::Name(n) => n.trim(),
    };
    let list = all(c)?;
    let whole: Vec<&Collection> = list.iter().filter(|x| x.name == name).collect();
    match whole.as_slice() {
        [one] => return Ok(one.id),
        [] => {}
        many => {
            let paths: Vec<String> = many.iter().map(|x| path_of(&list, x.id)).collect();
            return Err(CoreError::Invalid(format!(
                "{} collections are named \u{201c}{name}\u{201d}; name one by its path: {}",
                many.len(),
                paths.join(", ")
            )));
        }
    }
    let mut parent: Option<i64> = None;
    for part in name.split('/').map(str::trim) {
        parent = Some(
            list.iter()
                .find(|x| x.parent_id == parent && x.name == part)
                .map(|x| x.id)
                .ok_or_else(|| CoreError::NotFound(format!("collection \u{201c}{name}\u{201d}")))?,
        );
    }
    parent.ok_or_else(|| CoreError::NotFound(format!("collection \u{201c}{name}\u{201d}")))
}

/// `parent/child` for collection `id` within `list`.
pub fn path_of(list: &[Collection], id: i64) -> String {
    let mut parts = Vec::new();
    let mut at = Some(id);
    // A loop guard: a path is never longer than the list.
    while let Some(cur) = at.filter(|_| parts.len() <= list.len()) {
        let Some(x) = list.iter().find(|x| x.id == cur) else {
            break;
        };
        parts.push(x.name.as_str());
        at = x.parent_id;
    }
    parts.reverse();
    parts.join("/")
}

/// The collection ids of each article, for the library list.
pub(crate) fn memberships(c: &Connection) -> Result<std::collections::HashMap<i64, Vec<i64>>> {
    let mut stmt = c.prepare(
        "SELECT article_id, collection_id FROM article_collections ORDER BY article_id, collection_id",
    )?;
    let mut out: std::collections::HashMap<i64, Vec<i64>> = Default::default();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (a, col) = row?;
        out.entry(a).or_default().push(col);
    }
    Ok(out)
}

/// The articles in collection `id` itself, by id.
pub(crate) fn members(c: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = c.prepare(
        "SELECT article_id FROM article_collections WHERE collection_id = ?1 ORDER BY article_id",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

impl Store {
    /// Every collection, in display order (parents before their children is
    /// not promised: build the tree from `parent_id`).
    pub fn list_collections(&self) -> Result<Vec<Collection>> {
        self.read(all)
    }

    pub fn collection(&self, r: &CollectionRef) -> Result<Collection> {
        self.read(|c| get_collection(c, resolve(c, r)?))
    }

    /// The ids of the articles in a collection; with `subcollections`, also
    /// those in the collections under it (each once).
    pub fn collection_articles(&self, r: &CollectionRef, subcollections: bool) -> Result<Vec<i64>> {
        self.read(|c| {
            let id = resolve(c, r)?;
            let mut ids = members(c, id)?;
            if subcollections {
                let list = all(c)?;
                for sub in descendants(&list, id) {
                    ids.extend(members(c, sub)?);
                }
                ids.sort_unstable();
                ids.dedup();
            }
            Ok(ids)
        })
    }
}

/// The collections under `id`, at any depth, children before grandchildren.
pub(crate) fn descendants(list: &[Collection], id: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut queue = vec![id];
    while let Some(cur) = queue.pop() {
        for x in list.iter().filter(|x| x.parent_id == Some(cur)) {
            if !out.contains(&x.id) && x.id != id {
                out.push(x.id);
                queue.push(x.id);
            }
        }
    }
    out
}
