//! The start-up check, and recovery from a damaged library.
//!
//! Before the store uses `library.sqlite` it checks the file header (magic, page
//! size, a length that is a whole number of pages and not shorter than the header
//! says) and runs `PRAGMA quick_check`. A library that fails — twice, so a
//! transient read never triggers it — is moved aside with its `-wal` and `-shm` to
//! `backups/damaged-<time>/`, and the newest backup that passes its own check is
//! copied in with the backup API. The store then reports what happened
//! ([`RecoveryReport`]) so the app can tell the user.
//!
//! With no good backup nothing is moved: the store refuses to open with
//! [`CoreError::Corrupt`] naming the file, so Pizhu never starts an empty library
//! over a damaged one. A library file that is missing while backups exist is
//! treated the same way (restored, and reported), for the same reason.
//!
//! A missing `-wal` is not damage SQLite can see: the main file is then the library
//! as of its last checkpoint, which is consistent and opens. Writes committed after
//! that checkpoint lived only in the WAL and are gone with it (RELIABILITY.md).

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::backup::{self, BackupInfo};
use crate::{CoreError, LibraryDir, Result};

/// What start-up recovery did, for the message the app shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryReport {
    /// Why the library was not used as it was.
    pub problem: String,
    /// Where the damaged files were moved (`None` when the file was missing).
    pub moved_to: Option<PathBuf>,
    /// The backup restored in its place, and when that backup was taken.
    pub backup_name: String,
    pub backup_date: String,
}

impl RecoveryReport {
    /// One sentence for the user.
    pub fn message(&self) -> String {
        let moved = match &self.moved_to {
            Some(p) => format!(" The damaged files were moved to {}.", p.display()),
            None => String::new(),
        };
        format!(
            "The library could not be used ({}). It was restored from the backup of {} ({}); changes made after that backup are not in it.{moved}",
            self.problem, self.backup_date, self.backup_name
        )
    }
}

/// Open `dir`'s database, checked; recover from a backup when it is damaged.
pub(crate) fn open_checked(dir: &LibraryDir) -> Result<(Connection, Option<RecoveryReport>)> {
    let db = dir.database();
    let problem = match check(dir) {
        Ok(conn) => return Ok((conn, None)),
        Err(problem) => problem,
    };
    // A second look, so a read that raced another process's checkpoint never
    // sets a healthy library aside.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let problem = match check(dir) {
        Ok(conn) => return Ok((conn, None)),
        Err(_) => problem,
    };
    let good = newest_good_backup(dir)?;
    let Some(good) = good else {
        return Err(CoreError::Corrupt(format!(
            "{} cannot be used ({problem}) and no backup in {} passes its check. The file has been left where it is: \
             keep a copy of it, then move it away to start a new library.",
            db.display(),
            dir.backups().display()
        )));
    };
    let moved_to = if db.exists() {
        Some(move_aside(dir)?)
    } else {
        None
    };
    restore_file(&good.path, &db)?;
    // The search index describes the damaged library (and its change feed numbers
    // run ahead of the backup's): drop the cache so it is rebuilt from SQLite.
    let _ = std::fs::remove_dir_all(dir.index());
    let conn = check(dir).map_err(|p| {
        CoreError::Corrupt(format!(
            "the backup {} was restored but still fails its check: {p}",
            good.name
        ))
    })?;
    let report = RecoveryReport {
        problem,
        moved_to,
        backup_name: good.name,
        backup_date: good.created_at,
    };
    Ok((conn, Some(report)))
}

/// Check the library file and open it; `Err` is a sentence saying what is wrong.
/// A library that does not exist yet (and has no backups) is fine: it is new.
fn check(dir: &LibraryDir) -> std::result::Result<Connection, String> {
    let db = dir.database();
    let wal = wal_path(&db);
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    match std::fs::metadata(&db) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if has_backups(dir) && wal_len == 0 {
                return Err("library.sqlite is missing but backups exist".into());
            }
        }
        Err(e) => return Err(format!("cannot read library.sqlite: {e}")),
        Ok(meta) => {
            if meta.len() == 0 && wal_len == 0 && has_backups(dir) {
                return Err("library.sqlite is empty (0 bytes) but backups exist".into());
            }
            if meta.len() > 0 {
                header_problem(&db, meta.len(), wal_len > 0)?;
            }
        }
    }
    let conn = super::open_connection(&db).map_err(|e| format!("SQLite cannot open it: {e}"))?;
    let problems = backup::integrity_problems(&conn, "quick_check")
        .map_err(|e| format!("quick_check: {e}"))?;
    if !problems.is_empty() {
        let mut shown: Vec<_> = problems.iter().take(3).cloned().collect();
        if problems.len() > 3 {
            shown.push(format!("… {} problems in all", problems.len()));
        }
        return Err(format!("quick_check: {}", shown.join("; ")));
    }
    Ok(conn)
}

/// Header sanity (see <https://www.sqlite.org/fileformat.html>).
fn header_problem(db: &Path, len: u64, wal_has_frames: bool) -> std::result::Result<(), String> {
    if len < 100 {
        return Err(format!(
            "the file is truncated ({len} bytes, shorter than its header)"
        ));
    }
    let mut header = [0u8; 100];
    std::fs::File::open(db)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|e| format!("cannot read the header: {e}"))?;
    if &header[..16] != b"SQLite format 3\0" {
        return Err("the file header is damaged (not an SQLite database)".into());
    }
    let raw = u16::from_be_bytes([header[16], header[17]]) as u64;
    let page_size = if raw == 1 { 65536 } else { raw };
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(format!("the file header is damaged (page size {raw})"));
    }
    // While the WAL holds frames a checkpoint may be half-way; SQLite finishes it
    // and the length checks below would be premature.
    if wal_has_frames {
        return Ok(());
    }
    if !len.is_multiple_of(page_size) {
        return Err(format!(
            "the file is truncated ({len} bytes is not a whole number of {page_size}-byte pages)"
        ));
    }
    let header_pages = u32::from_be_bytes(header[28..32].try_into().unwrap()) as u64;
    let header_size_valid = header_pages > 0 && header[24..28] == header[92..96];
    if header_size_valid && header_pages * page_size > len {
        return Err(format!(
            "the file is truncated (the header says {header_pages} pages, the file holds {})",
            len / page_size
        ));
    }
    Ok(())
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

fn has_backups(dir: &LibraryDir) -> bool {
    backup::list_backups(dir)
        .map(|b| !b.is_empty())
        .unwrap_or(false)
}

/// The newest good backup; never a pre-restore copy (the state the user chose to
/// replace).
fn newest_good_backup(dir: &LibraryDir) -> Result<Option<BackupInfo>> {
    Ok(backup::list_backups(dir)?
        .into_iter()
        .filter(|b| b.kind != backup::BackupKind::PreRestore)
        .find(|b| backup::verify_backup(&b.path).is_ok()))
}

/// Move `library.sqlite` and its `-wal`/`-shm` into `backups/damaged-<time>/`.
fn move_aside(dir: &LibraryDir) -> Result<PathBuf> {
    let db = dir.database();
    let target = unused_path(&dir.backups(), "damaged", "");
    std::fs::create_dir_all(&target)?;
    for path in [db.clone(), wal_path(&db), shm_path(&db)] {
        if path.exists() {
            let name = path.file_name().expect("library paths have file names");
            std::fs::rename(&path, target.join(name))?;
        }
    }
    backup::sync_dir(&target);
    backup::sync_dir(dir.root());
    Ok(target)
}

/// `backups/<kind>-<time><ext>` (with `-2`, `-3`… before `ext` if taken).
pub(crate) fn unused_path(backups: &Path, kind: &str, ext: &str) -> PathBuf {
    let base = format!("{kind}-{}", backup::stamp(OffsetDateTime::now_utc()));
    let mut path = backups.join(format!("{base}{ext}"));
    let mut n = 2;
    while path.exists() {
        path = backups.join(format!("{base}-{n}{ext}"));
        n += 1;
    }
    path
}

/// Write the backup at `src` as the library at `db` (which does not exist), with
/// the backup API, then put it back in WAL mode.
fn restore_file(src: &Path, db: &Path) -> Result<()> {
    let source = Connection::open_with_flags(src, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(CoreError::from_sqlite)?;
    let mut dst = Connection::open(db).map_err(CoreError::from_sqlite)?;
    backup::copy_database(&source, &mut dst)?;
    let _mode: String = dst
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(CoreError::from_sqlite)?;
    dst.close().map_err(|(_, e)| CoreError::from_sqlite(e))?;
    Ok(())
}
