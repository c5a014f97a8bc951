//! Reading a copy of `zotero.sqlite`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pizhu_core::reference::{Creator, Reference};
use rusqlite::{Connection, OpenFlags};

use super::fields;
use super::{
    database_of, ZoteroAnnotation, ZoteroAttachment, ZoteroCollection, ZoteroError, ZoteroItem,
    ZoteroLibrary, ZoteroLibraryInfo, SCHEMA_VERSION,
};

fn db_err(e: rusqlite::Error) -> ZoteroError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            ZoteroError::Unreadable(e.to_string())
        }
        _ => ZoteroError::NotZoteroDb(e.to_string()),
    }
}

/// Read the library in the Zotero data directory `dir`.
pub fn read_library(dir: &Path) -> Result<ZoteroLibrary, ZoteroError> {
    read_library_with(dir, None)
}

/// Read the library in `dir`; linked files stored relative to Zotero's base
/// directory (`attachments:…`, Settings → Advanced → Files and Folders) are
/// looked for under `base` (without it they stay unresolved).
pub fn read_library_with(dir: &Path, base: Option<&Path>) -> Result<ZoteroLibrary, ZoteroError> {
    let db = database_of(dir)?;
    // Zotero holds the file locked while it runs: read a copy, never the file.
    let copy = tempfile::Builder::new()
        .prefix("pizhu-zotero-")
        .suffix(".sqlite")
        .tempfile()
        .map_err(|e| ZoteroError::Unreadable(format!("no temporary file: {e}")))?;
    std::fs::copy(&db, copy.path()).map_err(|e| ZoteroError::Unreadable(e.to_string()))?;
    let conn = Connection::open_with_flags(
        copy.path(),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(db_err)?;
    let version: i64 = conn
        .query_row(
            "SELECT version FROM version WHERE schema = 'userdata'",
            [],
            |r| r.get(0),
        )
        .map_err(db_err)?;
    if version > SCHEMA_VERSION {
        return Err(ZoteroError::NewerSchema {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    let mut lib = read(&conn, dir, base).map_err(db_err)?;
    lib.schema_version = version;
    Ok(lib)
}

fn read(c: &Connection, dir: &Path, base: Option<&Path>) -> rusqlite::Result<ZoteroLibrary> {
    let libraries = read_libraries(c)?;
    // Regular items of the user's and group libraries (not feeds), not in the
    // trash, in the order they were added.
    let mut stmt = c.prepare(
        "SELECT i.itemID, i.key, t.typeName, i.libraryID FROM items i
         JOIN itemTypesCombined t ON t.itemTypeID = i.itemTypeID
         JOIN libraries l ON l.libraryID = i.libraryID
         WHERE t.typeName NOT IN ('attachment', 'note', 'annotation')
           AND l.type IN ('user', 'group')
           AND i.itemID NOT IN (SELECT itemID FROM deletedItems)
         ORDER BY i.itemID",
    )?;
    let mut items: Vec<(i64, ZoteroItem)> = stmt
        .query_map([], |r| {
            let key: String = r.get(1)?;
            let type_name: String = r.get(2)?;
            let library_id: i64 = r.get(3)?;
            let group = libraries
                .iter()
                .find(|l| l.id == library_id)
                .and_then(|l| l.group_id);
            let link = match group {
                Some(g) => format!("zotero://select/groups/{g}/items/{key}"),
                None => format!("zotero://select/library/items/{key}"),
            };
            Ok((
                r.get(0)?,
                ZoteroItem {
                    title: String::new(),
                    reference: Reference {
                        item_type: fields::item_type(&type_name),
                        source_link: Some(link),
                        ..Reference::default()
                    },
                    key,
                    tags: Vec::new(),
                    collections: Vec::new(),
                    library_id,
                    attachments: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = items
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut stmt = c.prepare(
        "SELECT d.itemID, f.fieldName, v.value FROM itemData d
         JOIN fieldsCombined f ON f.fieldID = d.fieldID
         JOIN itemDataValues v ON v.valueID = d.valueID",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, rusqlite::types::Value>(2)?,
        ))
    })?;
    for row in rows {
        let (id, field, value) = row?;
        let Some(&i) = index.get(&id) else { continue };
        let value = match value {
            rusqlite::types::Value::Text(s) => s,
            rusqlite::types::Value::Integer(n) => n.to_string(),
            rusqlite::types::Value::Real(f) => f.to_string(),
            _ => continue,
        };
        let item = &mut items[i].1;
        if field == "title" {
            item.title = value.trim().to_string();
        } else {
            fields::apply(&mut item.reference, &field, &value);
        }
    }
    let mut stmt = c.prepare(
        "SELECT ic.itemID, c.firstName, c.lastName, c.fieldMode, t.creatorType
         FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID
         JOIN creatorTypes t ON t.creatorTypeID = ic.creatorTypeID
         ORDER BY ic.itemID, ic.orderIndex",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (id, first, last, mode, kind) = row?;
        let (Some(&i), Some(name)) = (index.get(&id), fields::name(&first, &last, mode)) else {
            continue;
        };
        items[i].1.reference.creators.push(Creator {
            role: fields::role(&kind),
            name,
        });
    }
    let mut stmt = c.prepare(
        "SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID
         ORDER BY it.itemID, t.name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, tag) = row?;
        if let Some(&i) = index.get(&id) {
            let item = &mut items[i].1;
            item.reference.keywords.push(tag.clone());
            item.tags.push(tag);
        }
    }
    let mut stmt = c.prepare(
        "SELECT collectionID, key, collectionName, parentCollectionID, libraryID FROM collections
         ORDER BY coalesce(parentCollectionID, 0), collectionID",
    )?;
    let collections = stmt
        .query_map([], |r| {
            Ok(ZoteroCollection {
                id: r.get(0)?,
                key: r.get(1)?,
                name: r.get(2)?,
                parent: r.get(3)?,
                library_id: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt =
        c.prepare("SELECT collectionID, itemID FROM collectionItems ORDER BY orderIndex")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (coll, id) = row?;
        if let Some(&i) = index.get(&id) {
            items[i].1.collections.push(coll);
        }
    }
    // Stored files: linkMode 0 (imported file) and 1 (imported URL) live in
    // storage/KEY/ with `path` = `storage:NAME`. Linked files (linkMode 2) are
    // wherever `path` says: absolute, or `attachments:REL` under the base directory.
    let mut stmt = c.prepare(
        "SELECT a.itemID, a.parentItemID, a.linkMode, a.contentType, a.path, i.key
         FROM itemAttachments a JOIN items i ON i.itemID = a.itemID
         WHERE a.itemID NOT IN (SELECT itemID FROM deletedItems)
         ORDER BY a.itemID",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?.unwrap_or(-1),
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut attachment_of: HashMap<i64, (usize, usize)> = HashMap::new();
    for row in rows {
        let (att_id, parent, link_mode, content_type, path, key) = row?;
        let Some(&i) = parent.and_then(|p| index.get(&p)) else {
            continue;
        };
        let (path, linked) = match (link_mode, path) {
            (0 | 1, Some(p)) => {
                let stored = p
                    .strip_prefix("storage:")
                    .filter(|name| !name.contains(".."))
                    .map(|name| dir.join("storage").join(&key).join(name));
                (stored, None)
            }
            (LINKED_FILE, Some(p)) => (linked_path(&p, base), Some(p)),
            _ => (None, None),
        };
        let list = &mut items[i].1.attachments;
        attachment_of.insert(att_id, (i, list.len()));
        list.push(ZoteroAttachment {
            key,
            content_type,
            path,
            linked,
            annotations: Vec::new(),
        });
    }
    let mut stmt = c.prepare(
        "SELECT a.parentItemID, i.key, a.type, a.text, a.comment, a.color, a.pageLabel
         FROM itemAnnotations a JOIN items i ON i.itemID = a.itemID
         WHERE a.itemID NOT IN (SELECT itemID FROM deletedItems)
         ORDER BY a.parentItemID, a.sortIndex",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            ZoteroAnnotation {
                key: r.get(1)?,
                kind: match r.get::<_, i64>(2)? {
                    1 => "highlight",
                    2 => "note",
                    3 => "image",
                    4 => "ink",
                    5 => "underline",
                    _ => "text",
                },
                text: r.get(3)?,
                comment: r.get(4)?,
                color: r.get(5)?,
                page_label: r.get(6)?,
            },
        ))
    })?;
    for row in rows {
        let (parent, annotation) = row?;
        if let Some(&(i, j)) = attachment_of.get(&parent) {
            items[i].1.attachments[j].annotations.push(annotation);
        }
    }
    Ok(ZoteroLibrary {
        schema_version: 0,
        items: items.into_iter().map(|(_, it)| it).collect(),
        collections,
        libraries,
    })
}

/// Zotero's `itemAttachments.linkMode` for a file linked where it lies.
const LINKED_FILE: i64 = 2;

/// Where a linked file is: an absolute path as it is; `attachments:REL` under
/// `base` (Zotero writes `/` on every system); anything else, or a relative
/// path without a base, unresolved.
fn linked_path(raw: &str, base: Option<&Path>) -> Option<PathBuf> {
    if let Some(rel) = raw.strip_prefix("attachments:") {
        let base = base?;
        let parts: Vec<&str> = rel.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
        if parts.contains(&"..") {
            return None;
        }
        return Some(parts.iter().fold(base.to_path_buf(), |acc, p| acc.join(p)));
    }
    let p = PathBuf::from(raw);
    p.is_absolute().then_some(p)
}

/// The user's library and the group libraries (feeds are not libraries to import).
fn read_libraries(c: &Connection) -> rusqlite::Result<Vec<ZoteroLibraryInfo>> {
    // A database without group support (no `groups` table) has only the user's library.
    let has_groups: bool = c.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'groups'",
        [],
        |r| r.get(0),
    )?;
    let sql = if has_groups {
        "SELECT l.libraryID, g.groupID, g.name FROM libraries l
         LEFT JOIN groups g ON g.libraryID = l.libraryID
         WHERE l.type IN ('user', 'group') ORDER BY l.libraryID"
    } else {
        "SELECT libraryID, NULL, NULL FROM libraries WHERE type IN ('user', 'group') ORDER BY libraryID"
    };
    let mut stmt = c.prepare(sql)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(ZoteroLibraryInfo {
                id: r.get(0)?,
                group_id: r.get(1)?,
                name: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
