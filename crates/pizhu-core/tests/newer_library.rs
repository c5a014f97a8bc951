//! A library written by a newer Pizhu (a schema this build does not know) is
//! refused with a message that says so, and left exactly as it was: not migrated
//! backwards, not backed up, not switched to another journal mode.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pizhu_core::rusqlite::Connection;
use pizhu_core::store::migrations::latest_version;
use pizhu_core::{Clash, CoreError, LibraryDir, Store};

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A library as a later Pizhu would leave it: schema `latest + 1`, closed, in
/// `journal_mode`.
fn newer_library(dir: &LibraryDir, journal_mode: &str) -> u32 {
    drop(Store::open(dir).unwrap());
    let newer = latest_version() + 1;
    let conn = Connection::open(dir.database()).unwrap();
    let _: String = conn
        .query_row(&format!("PRAGMA journal_mode = {journal_mode}"), [], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {newer}"))
        .unwrap();
    conn.close().unwrap();
    newer
}

fn assert_refused_and_untouched(dir: &LibraryDir, newer: u32) {
    let before = snapshot(dir.root());
    let err = Store::open(dir).err().expect("a newer library is refused");
    assert!(
        matches!(err, CoreError::Clash(Clash::NewerSchema { .. })),
        "expected the newer-schema clash, got {err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("newer Pizhu"), "{message}");
    assert!(
        message.contains(&format!("library schema {newer}")),
        "{message}"
    );
    assert!(
        message.contains(&format!("reads schema {}", latest_version())),
        "{message}"
    );
    assert!(message.contains("left unchanged"), "{message}");
    assert_eq!(
        snapshot(dir.root()),
        before,
        "the refused library's folder changed"
    );
    // Still the newer schema: nothing migrated it backwards.
    let conn = Connection::open(dir.database()).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, newer);
}

#[test]
fn a_library_from_a_newer_pizhu_is_refused_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = LibraryDir::new(tmp.path().join("lib"));
    let newer = newer_library(&dir, "WAL");
    assert_refused_and_untouched(&dir, newer);
}

#[test]
fn a_newer_library_in_another_journal_mode_is_not_switched_to_wal() {
    // Opening a connection sets WAL; a newer Pizhu that chose the rollback journal
    // would find its file rewritten if the version were checked only afterwards.
    let tmp = tempfile::tempdir().unwrap();
    let dir = LibraryDir::new(tmp.path().join("lib"));
    let newer = newer_library(&dir, "DELETE");
    assert_refused_and_untouched(&dir, newer);
}
