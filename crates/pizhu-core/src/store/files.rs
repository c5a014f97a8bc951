//! The library's files on disk, below the SQLite level: time-stamped names in
//! `backups/`, the `-wal`/`-shm` siblings, durable renames, page-by-page copies
//! and integrity checks. Backup and recovery both build on these.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use time::OffsetDateTime;

use crate::{CoreError, Result};

pub(crate) const STAMP_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");

pub(crate) fn stamp(t: OffsetDateTime) -> String {
    t.format(STAMP_FORMAT).expect("a UTC time always formats")
}

/// `backups/<kind>-<time><ext>` (with `-2`, `-3`… before `ext` if taken).
pub(crate) fn unused_path(backups: &Path, kind: &str, ext: &str) -> PathBuf {
    let base = format!("{kind}-{}", stamp(OffsetDateTime::now_utc()));
    let mut path = backups.join(format!("{base}{ext}"));
    let mut n = 2;
    while path.exists() {
        path = backups.join(format!("{base}-{n}{ext}"));
        n += 1;
    }
    path
}

pub(crate) fn wal_path(db: &Path) -> PathBuf {
    sibling(db, "-wal")
}

pub(crate) fn shm_path(db: &Path) -> PathBuf {
    sibling(db, "-shm")
}

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Copy every page of `src`'s main database into `dst` with the backup API,
/// waiting (bounded) while another process holds a lock.
pub(crate) fn copy_database(src: &Connection, dst: &mut Connection) -> Result<()> {
    let backup = Backup::new(src, dst).map_err(CoreError::from_sqlite)?;
    let mut waits = 0;
    loop {
        match backup.step(512).map_err(CoreError::from_sqlite)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                waits += 1;
                if waits > 100 {
                    return Err(CoreError::Busy(
                        "the backup could not get a read lock for 5 s".into(),
                    ));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // StepResult is non-exhaustive.
            _ => {}
        }
    }
}

/// The rows of `PRAGMA integrity_check` / `quick_check` other than a single "ok".
pub(crate) fn integrity_problems(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows == ["ok"] { vec![] } else { rows })
}

/// Make a rename durable (best effort: not every platform can open a directory).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
