//! Changing collections and their memberships. Every change is one undoable
//! step; memberships and sub-collections are removed row by row through the
//! [`Recorder`] (never by cascade), so undo brings them back.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{all, descendants, get_collection, members, resolve, Collection, CollectionRef};
use crate::annotate::undo::{logged, Recorder};
use crate::annotate::Action;
use crate::{now_rfc3339, CoreError, Result, Store};

/// What deleting a collection removed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DeleteCollectionOutcome {
    /// The collection and the ones under it.
    pub collections: usize,
    /// Memberships removed (the articles stay in the library).
    pub memberships: usize,
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::Invalid("a collection needs a name".into()));
    }
    if name.chars().count() > 200 {
        return Err(CoreError::Invalid(
            "a collection name is at most 200 characters".into(),
        ));
    }
    Ok(name.to_string())
}

/// Names are unique among siblings (the same name may recur elsewhere in the tree).
fn ensure_free(c: &Connection, name: &str, parent: Option<i64>, except: Option<i64>) -> Result<()> {
    let taken: Option<i64> = c
        .query_row(
            "SELECT id FROM collections WHERE name = ?1 AND parent_id IS ?2 AND id IS NOT ?3",
            params![name, parent, except],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(CoreError::Conflict(format!(
            "a collection named \u{201c}{name}\u{201d} already exists there"
        )));
    }
    Ok(())
}

fn article_exists(c: &Connection, id: i64) -> Result<()> {
    let found: Option<i64> = c
        .query_row("SELECT id FROM articles WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| CoreError::NotFound(format!("article {id}")))
}

/// Insert a collection through the recorder; its id.
pub(crate) fn insert_in(rec: &mut Recorder, name: &str, parent: Option<i64>) -> Result<i64> {
    let name = clean_name(name)?;
    ensure_free(rec.tx(), &name, parent, None)?;
    let position: i64 = rec.tx().query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM collections",
        [],
        |r| r.get(0),
    )?;
    let now = now_rfc3339();
    rec.tx().execute(
        "INSERT INTO collections(name, parent_id, position, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, parent, position, now],
    )?;
    let id = rec.tx().last_insert_rowid();
    rec.inserted("collections", &[("id", id)])?;
    Ok(id)
}

/// Put an article in a collection through the recorder (false: already there).
pub(crate) fn add_member_in(rec: &mut Recorder, collection: i64, article: i64) -> Result<bool> {
    rec.touch(
        "article_collections",
        &[("article_id", article), ("collection_id", collection)],
        |tx| {
            Ok(tx.execute(
                "INSERT OR IGNORE INTO article_collections(article_id, collection_id, added_at)
                 VALUES (?1, ?2, ?3)",
                params![article, collection, now_rfc3339()],
            )? > 0)
        },
    )
}

fn remove_member_in(rec: &mut Recorder, collection: i64, article: i64) -> Result<bool> {
    rec.touch(
        "article_collections",
        &[("article_id", article), ("collection_id", collection)],
        |tx| {
            Ok(tx.execute(
                "DELETE FROM article_collections WHERE article_id = ?1 AND collection_id = ?2",
                [article, collection],
            )? > 0)
        },
    )
}

/// Take an article out of every collection through the recorder (before the
/// article itself is deleted, so undo puts it back in them).
pub(crate) fn remove_article_everywhere_in(rec: &mut Recorder, article: i64) -> Result<()> {
    let cols: Vec<i64> = {
        let mut stmt = rec
            .tx()
            .prepare("SELECT collection_id FROM article_collections WHERE article_id = ?1")?;
        let ids = stmt
            .query_map([article], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        ids
    };
    for c in cols {
        remove_member_in(rec, c, article)?;
    }
    Ok(())
}

fn touch_row(rec: &mut Recorder, id: i64, sql: &str, p: impl rusqlite::Params) -> Result<()> {
    rec.touch("collections", &[("id", id)], |tx| {
        tx.execute(sql, p)?;
        Ok(())
    })
}

impl Store {
    /// A new collection, at the top or under `parent`.
    pub fn add_collection(&self, name: &str, parent: Option<&CollectionRef>) -> Result<Collection> {
        let action = Action::AddCollection {
            name: name.trim().to_string(),
        };
        logged(self, action, |rec| {
            let parent = parent.map(|p| resolve(rec.tx(), p)).transpose()?;
            let id = insert_in(rec, name, parent)?;
            get_collection(rec.tx(), id)
        })
    }

    pub fn rename_collection(&self, r: &CollectionRef, name: &str) -> Result<Collection> {
        let placeholder = Action::RenameCollection {
            from: String::new(),
            to: String::new(),
        };
        logged(self, placeholder, |rec| {
            let id = resolve(rec.tx(), r)?;
            let old = get_collection(rec.tx(), id)?;
            let name = clean_name(name)?;
            ensure_free(rec.tx(), &name, old.parent_id, Some(id))?;
            rec.describe(Action::RenameCollection {
                from: old.name,
                to: name.clone(),
            });
            touch_row(
                rec,
                id,
                "UPDATE collections SET name = ?2, modified_at = ?3 WHERE id = ?1",
                params![id, name, now_rfc3339()],
            )?;
            get_collection(rec.tx(), id)
        })
    }

    /// Put a collection under `parent` (`None`: at the top). A collection
    /// cannot go under itself or one of its own sub-collections.
    pub fn move_collection(
        &self,
        r: &CollectionRef,
        parent: Option<&CollectionRef>,
    ) -> Result<Collection> {
        let placeholder = Action::MoveCollection {
            name: String::new(),
        };
        logged(self, placeholder, |rec| {
            let id = resolve(rec.tx(), r)?;
            let me = get_collection(rec.tx(), id)?;
            rec.describe(Action::MoveCollection {
                name: me.name.clone(),
            });
            let parent = parent.map(|p| resolve(rec.tx(), p)).transpose()?;
            if let Some(p) = parent {
                let list = all(rec.tx())?;
                if p == id || descendants(&list, id).contains(&p) {
                    return Err(CoreError::Invalid(format!(
                        "\u{201c}{}\u{201d} cannot go inside itself",
                        me.name
                    )));
                }
            }
            ensure_free(rec.tx(), &me.name, parent, Some(id))?;
            touch_row(
                rec,
                id,
                "UPDATE collections SET parent_id = ?2, modified_at = ?3 WHERE id = ?1",
                params![id, parent, now_rfc3339()],
            )?;
            get_collection(rec.tx(), id)
        })
    }

    /// Delete a collection and the ones under it; the articles stay.
    pub fn delete_collection(&self, r: &CollectionRef) -> Result<DeleteCollectionOutcome> {
        let placeholder = Action::DeleteCollection {
            name: String::new(),
        };
        logged(self, placeholder, |rec| {
            let id = resolve(rec.tx(), r)?;
            let me = get_collection(rec.tx(), id)?;
            rec.describe(Action::DeleteCollection { name: me.name });
            let list = all(rec.tx())?;
            // Deepest first, so a parent row goes after its children and undo
            // (which runs backwards) recreates it before them.
            let mut doomed = vec![id];
            doomed.extend(descendants(&list, id));
            let mut memberships = 0;
            for &c in doomed.iter().rev() {
                for a in members(rec.tx(), c)? {
                    remove_member_in(rec, c, a)?;
                    memberships += 1;
                }
                touch_row(rec, c, "DELETE FROM collections WHERE id = ?1", [c])?;
            }
            Ok(DeleteCollectionOutcome {
                collections: doomed.len(),
                memberships,
            })
        })
    }

    /// Put articles in a collection; how many were not in it yet.
    pub fn add_to_collection(&self, r: &CollectionRef, articles: &[i64]) -> Result<usize> {
        self.change_members(r, articles, true)
    }

    /// Take articles out of a collection; how many were in it.
    pub fn remove_from_collection(&self, r: &CollectionRef, articles: &[i64]) -> Result<usize> {
        self.change_members(r, articles, false)
    }

    fn change_members(&self, r: &CollectionRef, articles: &[i64], add: bool) -> Result<usize> {
        let placeholder = Action::AddToCollection {
            collection: String::new(),
            count: 0,
        };
        logged(self, placeholder, |rec| {
            let id = resolve(rec.tx(), r)?;
            let name = get_collection(rec.tx(), id)?.name;
            let mut n = 0;
            for &a in articles {
                article_exists(rec.tx(), a)?;
                let changed = if add {
                    add_member_in(rec, id, a)?
                } else {
                    remove_member_in(rec, id, a)?
                };
                n += usize::from(changed);
            }
            rec.describe(if add {
                Action::AddToCollection {
                    collection: name,
                    count: n,
                }
            } else {
                Action::RemoveFromCollection {
                    collection: name,
                    count: n,
                }
            });
            Ok(n)
        })
    }

    /// Move articles from one collection to another in one step (Zotero's
    /// drag with Shift); how many arrived that were not there yet.
    pub fn move_to_collection(
        &self,
        from: &CollectionRef,
        to: &CollectionRef,
        articles: &[i64],
    ) -> Result<usize> {
        let placeholder = Action::MoveToCollection {
            from: String::new(),
            to: String::new(),
            count: 0,
        };
        logged(self, placeholder, |rec| {
            let from = resolve(rec.tx(), from)?;
            let to = resolve(rec.tx(), to)?;
            let mut n = 0;
            for &a in articles {
                article_exists(rec.tx(), a)?;
                if from != to {
                    remove_member_in(rec, from, a)?;
                }
                n += usize::from(add_member_in(rec, to, a)?);
            }
            rec.describe(Action::MoveToCollection {
                from: get_collection(rec.tx(), from)?.name,
                to: get_collection(rec.tx(), to)?.name,
                count: articles.len(),
            });
            Ok(n)
        })
    }
}

/// One collection of a tree brought in at once (a Zotero import): its name and
/// its parent's index in the same list (a parent comes before its children).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionNode {
    pub name: String,
    pub parent: Option<usize>,
}

/// What bringing in a tree of collections did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCollections {
    /// The collection of each node, in the order given.
    pub ids: Vec<i64>,
    /// How many of them were new (a same-named collection in the same place is reused).
    pub created: usize,
}

impl Store {
    /// Create a tree of collections and put articles in them (`members`: node
    /// index, article id), as one undoable step. A collection with the same name
    /// in the same place is reused, so importing again adds to it.
    pub fn import_collections(
        &self,
        nodes: &[CollectionNode],
        members: &[(usize, i64)],
    ) -> Result<ImportedCollections> {
        let placeholder = Action::ImportCollections {
            collections: 0,
            articles: 0,
        };
        logged(self, placeholder, |rec| {
            let mut ids: Vec<i64> = Vec::with_capacity(nodes.len());
            let mut created = 0;
            for (i, n) in nodes.iter().enumerate() {
                let parent = match n.parent {
                    Some(p) if p < i => Some(ids[p]),
                    Some(_) => {
                        return Err(CoreError::Invalid(format!(
                            "collection \u{201c}{}\u{201d} comes before its parent",
                            n.name
                        )))
                    }
                    None => None,
                };
                let name = clean_name(&n.name)?;
                let existing: Option<i64> = rec
                    .tx()
                    .query_row(
                        "SELECT id FROM collections WHERE name = ?1 AND parent_id IS ?2",
                        params![name, parent],
                        |r| r.get(0),
                    )
                    .optional()?;
                let id = match existing {
                    Some(id) => id,
                    None => {
                        created += 1;
                        insert_in(rec, &name, parent)?
                    }
                };
                ids.push(id);
            }
            let mut added = std::collections::BTreeSet::new();
            for &(node, article) in members {
                let collection = *ids.get(node).ok_or_else(|| {
                    CoreError::Invalid(format!("no collection {node} in the tree"))
                })?;
                article_exists(rec.tx(), article)?;
                if add_member_in(rec, collection, article)? {
                    added.insert(article);
                }
            }
            rec.describe(Action::ImportCollections {
                collections: created,
                articles: added.len(),
            });
            Ok(ImportedCollections { ids, created })
        })
    }
}
