//! Helpers shared by the `trust_*` tests: a real library in a temp dir with a
//! little data, and ways to damage its files.
#![allow(dead_code)]

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle, Store};

pub fn temp_library() -> (tempfile::TempDir, LibraryDir) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = LibraryDir::new(tmp.path().join("lib"));
    (tmp, dir)
}

/// Add one article; returns its id.
pub fn add_article(store: &Store, title: &str, text: &str) -> i64 {
    let a = NewArticle {
        title: title.into(),
        text: text.into(),
        ..Default::default()
    };
    match store.insert_articles(None, &[a]).unwrap()[0] {
        Inserted::New(id) | Inserted::Duplicate(id) => id,
    }
}

/// Add a highlight straight through SQL (the annotation engine has its own tests);
/// returns its id.
pub fn add_highlight(store: &Store, article_id: i64, note: &str) -> i64 {
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO highlights(article_id, start, end, exact, note, created_at, modified_at)
                 VALUES (?1, 0, 2, 'xx', ?2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                pizhu_core::rusqlite::params![article_id, note],
            )?;
            Ok(tx.last_insert_rowid())
        })
        .unwrap()
}

pub fn notes(store: &Store) -> Vec<String> {
    store
        .read(|c| {
            let mut s = c.prepare("SELECT note FROM highlights ORDER BY id")?;
            let v = s
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(v)
        })
        .unwrap()
}

/// A library with one article and `n` highlights noted "note 0".."note n-1", closed.
pub fn library_with_notes(dir: &LibraryDir, n: usize) {
    let store = Store::open(dir).unwrap();
    let a = add_article(&store, "标题", "第一段文字。\n第二段文字。");
    for i in 0..n {
        add_highlight(&store, a, &format!("note {i}"));
    }
}

pub fn overwrite(path: &Path, at: u64, bytes: &[u8]) {
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(bytes).unwrap();
    f.sync_all().unwrap();
}

pub fn truncate(path: &Path, len: u64) {
    let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_len(len).unwrap();
}

pub fn page_size(path: &Path) -> u64 {
    let b = std::fs::read(path).unwrap();
    let raw = u16::from_be_bytes([b[16], b[17]]) as u64;
    if raw == 1 {
        65536
    } else {
        raw
    }
}

pub fn wal(dir: &LibraryDir) -> std::path::PathBuf {
    let mut s = dir.database().into_os_string();
    s.push("-wal");
    s.into()
}

pub fn shm(dir: &LibraryDir) -> std::path::PathBuf {
    let mut s = dir.database().into_os_string();
    s.push("-shm");
    s.into()
}
