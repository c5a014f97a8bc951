//! A Zotero library in: items with their metadata, creators, tags, collections,
//! stored attachments and Zotero 7 annotations, read from a Zotero data
//! directory (`zotero.sqlite` and `storage/KEY/…`), with linked files (stored
//! elsewhere, by absolute path or relative to Zotero's linked-attachment base
//! directory) and the items of group libraries (each linked back to its group).
//!
//! This is the one place outside `pizhu-core` that uses SQLite directly: the
//! database is Zotero's (a foreign file), not Pizhu's library. Zotero keeps
//! `zotero.sqlite` locked while it runs, so the file is copied to a temporary
//! file first and only the copy is opened, read-only; nothing in the Zotero
//! directory is ever written.
//!
//! The tables and columns read are those of Zotero's public schema
//! (`resource/schema/userdata.sql`), userdata version [`SCHEMA_VERSION`]; a newer
//! version is refused with a clear message rather than misread.

mod fields;
mod read;

use std::path::{Path, PathBuf};

use pizhu_core::reference::Reference;
use thiserror::Error;

pub use read::{read_library, read_library_with};

/// The newest userdata schema version this reader knows (Zotero 7).
pub const SCHEMA_VERSION: i64 = 129;

#[derive(Debug, Error)]
pub enum ZoteroError {
    #[error("{0} is not a Zotero data directory (it has no zotero.sqlite; in Zotero, Settings → Advanced → Files and Folders shows the data directory)")]
    NotZoteroDir(PathBuf),
    #[error("this Zotero database has schema version {found}, newer than Pizhu knows ({known}); update Pizhu to import it")]
    NewerSchema { found: i64, known: i64 },
    #[error("cannot read zotero.sqlite ({0}); if Zotero is syncing or the file is locked, close Zotero and try again")]
    Unreadable(String),
    #[error("zotero.sqlite is not a Zotero database Pizhu can read: {0}")]
    NotZoteroDb(String),
    #[error("no collection named {0:?} in this Zotero library")]
    NoSuchCollection(String),
}

/// A Zotero collection (parent first in the list).
#[derive(Debug, Clone, PartialEq)]
pub struct ZoteroCollection {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub parent: Option<i64>,
    /// The library it belongs to (`ZoteroLibrary::libraries`).
    pub library_id: i64,
}

/// A library in the database: the user's own, or a group library.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoteroLibraryInfo {
    pub id: i64,
    /// The group's id (as in `zotero://select/groups/ID/…`); `None`: "My Library".
    pub group_id: Option<i64>,
    /// The group's name; `None` for the user's own library.
    pub name: Option<String>,
}

/// A Zotero 7 annotation on an attachment.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoteroAnnotation {
    pub key: String,
    /// `highlight`, `underline`, `note`, `image`, `ink`, `text`.
    pub kind: &'static str,
    pub text: Option<String>,
    pub comment: Option<String>,
    /// `#RRGGBB`.
    pub color: Option<String>,
    pub page_label: Option<String>,
}

/// An attachment: a stored file (under `storage/KEY/`) or a linked file.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoteroAttachment {
    pub key: String,
    pub content_type: Option<String>,
    /// The file to read: a stored file, or a linked file where it resolves
    /// (it may not exist); `None` for web links and unresolved linked files.
    pub path: Option<PathBuf>,
    /// A linked file: the path as Zotero keeps it (absolute, or
    /// `attachments:REL` under the base directory).
    pub linked: Option<String>,
    pub annotations: Vec<ZoteroAnnotation>,
}

/// A regular item (not a note, attachment or annotation), not in the trash.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoteroItem {
    pub key: String,
    pub title: String,
    /// Tags are the reference's keywords; the link back is its `source_link`.
    pub reference: Reference,
    pub tags: Vec<String>,
    /// Ids of the collections holding the item directly.
    pub collections: Vec<i64>,
    /// The library it is in (`ZoteroLibrary::libraries`).
    pub library_id: i64,
    pub attachments: Vec<ZoteroAttachment>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZoteroLibrary {
    pub schema_version: i64,
    pub items: Vec<ZoteroItem>,
    pub collections: Vec<ZoteroCollection>,
    pub libraries: Vec<ZoteroLibraryInfo>,
}

impl ZoteroLibrary {
    pub fn library(&self, id: i64) -> Option<&ZoteroLibraryInfo> {
        self.libraries.iter().find(|l| l.id == id)
    }

    /// Only the items in the collection named `name` or its sub-collections.
    pub fn only_collection(mut self, name: &str) -> Result<ZoteroLibrary, ZoteroError> {
        let root = self
            .collections
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| ZoteroError::NoSuchCollection(name.to_string()))?
            .id;
        let mut keep = vec![root];
        let mut i = 0;
        while i < keep.len() {
            let parent = keep[i];
            keep.extend(
                self.collections
                    .iter()
                    .filter(|c| c.parent == Some(parent))
                    .map(|c| c.id),
            );
            i += 1;
        }
        self.items
            .retain(|it| it.collections.iter().any(|c| keep.contains(c)));
        self.collections.retain(|c| keep.contains(&c.id));
        Ok(self)
    }
}

/// `zotero.sqlite` in `dir`, or a clear error.
fn database_of(dir: &Path) -> Result<PathBuf, ZoteroError> {
    let db = dir.join("zotero.sqlite");
    if db.is_file() {
        Ok(db)
    } else {
        Err(ZoteroError::NotZoteroDir(dir.to_path_buf()))
    }
}
