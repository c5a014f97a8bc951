//! Backups of the library, made with SQLite's online backup API.
//!
//! A backup is never a file copy of the live database: a copy taken while a
//! transaction or a checkpoint is under way can be torn, and a copy without its
//! `-wal` misses committed writes. The backup API reads a consistent snapshot
//! through SQLite itself.
//!
//! Every backup is written to a temporary name in `backups/`, opened and checked
//! (`PRAGMA integrity_check`, `PRAGMA foreign_key_check`) and only then renamed to
//! `backups/<kind>-YYYYMMDDTHHMMSSZ.sqlite` (with `-2`, `-3`… when two land in the
//! same second). A backup that fails its check is deleted and reported as an error.
//!
//! **Kinds** ([`BackupKind`]): automatic ones (`library-…`) are taken before every
//! migration of a library that already has a schema and when the newest automatic
//! one is older than [`BACKUP_INTERVAL`]; manual ones (`manual-…`) when the user
//! asks; a restore first saves the library it replaces as a pre-restore copy
//! (`replaced-…`), listed like the others so a wrong restore can be undone by
//! restoring that copy.
//!
//! **Rotation** ([`rotate`]), each kind on its own, so pressing "back up now" never
//! pushes an automatic backup out: the newest [`KEEP_NEWEST`] automatic backups are
//! kept, plus the newest automatic backup of each UTC day for the last
//! [`KEEP_DAILY_DAYS`] days; the newest [`KEEP_MANUAL`] manual ones. Pre-restore
//! copies and `damaged-…` folders (what recovery sets aside) are the user's data and
//! are never rotated away.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{RecoveryReport, Store};
use crate::{CoreError, LibraryDir, Result};

/// A scheduled backup is due when the newest one is older than this.
pub const BACKUP_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);
/// Rotation keeps this many of the newest backups…
pub const KEEP_NEWEST: usize = 10;
/// …plus the newest backup of each of the last this-many UTC days.
pub const KEEP_DAILY_DAYS: i64 = 7;
/// Rotation keeps this many manual backups, apart from the automatic ones.
pub const KEEP_MANUAL: usize = 10;

const SUFFIX: &str = ".sqlite";

/// Who made a backup, which decides its rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// Daily, and before a migration.
    Automatic,
    /// "Back up now".
    Manual,
    /// The library as it was just before a restore replaced it.
    PreRestore,
}

impl BackupKind {
    const ALL: [BackupKind; 3] = [
        BackupKind::Automatic,
        BackupKind::Manual,
        BackupKind::PreRestore,
    ];

    fn prefix(self) -> &'static str {
        match self {
            BackupKind::Automatic => "library-",
            BackupKind::Manual => "manual-",
            BackupKind::PreRestore => "replaced-",
        }
    }
}
const STAMP_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");

/// One kept backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// File name in `backups/` (what `restore` takes).
    pub name: String,
    pub kind: BackupKind,
    pub path: PathBuf,
    /// When it was taken, RFC 3339 UTC.
    pub created_at: String,
    pub size_bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored: BackupInfo,
    /// The library as it was before the restore (a pre-restore copy, listed with
    /// the backups: restoring it undoes the restore).
    pub previous: BackupInfo,
    /// Where that copy is.
    pub previous_saved_to: PathBuf,
}

/// Parse `<kind prefix>20261121T105800Z[-N].sqlite` into (kind, time, N).
fn parse_name(name: &str) -> Option<(BackupKind, OffsetDateTime, u32)> {
    let kind = BackupKind::ALL
        .into_iter()
        .find(|k| name.starts_with(k.prefix()))?;
    let stem = name.strip_prefix(kind.prefix())?.strip_suffix(SUFFIX)?;
    let (stamp, counter) = match stem.split_once('-') {
        Some((s, n)) => (s, n.parse::<u32>().ok().filter(|n| *n >= 2)?),
        None => (stem, 1),
    };
    let t = time::PrimitiveDateTime::parse(stamp, STAMP_FORMAT)
        .ok()?
        .assume_utc();
    Some((kind, t, counter))
}

pub(crate) fn stamp(t: OffsetDateTime) -> String {
    t.format(STAMP_FORMAT).expect("a UTC time always formats")
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("a UTC time always formats")
}

/// The kept backups in `dir/backups`, newest first. Temporary and set-aside files
/// are not listed.
pub fn list_backups(dir: &LibraryDir) -> Result<Vec<BackupInfo>> {
    Ok(list_with_times(dir)?
        .into_iter()
        .map(|(_, _, b)| b)
        .collect())
}

fn list_with_times(dir: &LibraryDir) -> Result<Vec<(OffsetDateTime, u32, BackupInfo)>> {
    let folder = dir.backups();
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e.into()),
    };
    let mut out = vec![];
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, t, n)) = parse_name(&name) else {
            continue;
        };
        let meta = entry.metadata()?;
        if !meta.is_file() {
            continue;
        }
        out.push((
            t,
            n,
            BackupInfo {
                name,
                kind,
                path: entry.path(),
                created_at: rfc3339(t),
                size_bytes: meta.len(),
            },
        ));
    }
    out.sort_by_key(|b| std::cmp::Reverse((b.0, b.1)));
    Ok(out)
}

/// The backup called `name`, refusing anything that is not a kept backup's plain
/// file name (no paths, so `../` cannot reach outside `backups/`).
pub fn find_backup(dir: &LibraryDir, name: &str) -> Result<BackupInfo> {
    if parse_name(name).is_none() || name.contains(['/', '\\']) {
        return Err(CoreError::Invalid(format!(
            "{name:?} is not a backup name (expected library-, manual- or replaced-YYYYMMDDTHHMMSSZ.sqlite)"
        )));
    }
    list_backups(dir)?
        .into_iter()
        .find(|b| b.name == name)
        .ok_or_else(|| CoreError::NotFound(format!("backup {name} in {}", dir.backups().display())))
}

/// Copy `src` (an open connection) into a new backup of `kind`, check it and rotate.
pub(crate) fn backup_from(
    conn: &Connection,
    dir: &LibraryDir,
    kind: BackupKind,
) -> Result<BackupInfo> {
    let folder = dir.backups();
    std::fs::create_dir_all(&folder)?;
    remove_stale_temporaries(&folder);
    // Whole seconds: the name carries no more, and the listing reads the name.
    let now = OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("0 ns is valid");
    let name = unused_name(&folder, now, kind);
    let tmp = folder.join(format!(".tmp-{name}"));
    let result = write_and_check(conn, &tmp);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let path = folder.join(&name);
    std::fs::rename(&tmp, &path)?;
    sync_dir(&folder);
    let size_bytes = std::fs::metadata(&path)?.len();
    let info = BackupInfo {
        name,
        kind,
        path,
        created_at: rfc3339(now),
        size_bytes,
    };
    rotate(dir, now)?;
    Ok(info)
}

/// A name after every backup of this kind taken in the same second: reusing a
/// counter that rotation freed would sort the new backup as the oldest of that
/// second, and rotation would delete it at once.
fn unused_name(folder: &Path, now: OffsetDateTime, kind: BackupKind) -> String {
    let s = stamp(now);
    let prefix = kind.prefix();
    let highest = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| parse_name(&e.file_name().to_string_lossy()))
        .filter(|(k, t, _)| *k == kind && *t == now)
        .map(|(_, _, n)| n)
        .max();
    match highest {
        None if !folder.join(format!("{prefix}{s}{SUFFIX}")).exists() => {
            format!("{prefix}{s}{SUFFIX}")
        }
        h => format!("{prefix}{s}-{}{SUFFIX}", h.unwrap_or(1) + 1),
    }
}

/// Remove what a backup interrupted by a crash left behind. Only old ones: a
/// fresh temporary may be another process's backup in progress.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for e in entries.flatten() {
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if stale && e.file_name().to_string_lossy().starts_with(".tmp-") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn write_and_check(src: &Connection, tmp: &Path) -> Result<()> {
    let _ = std::fs::remove_file(tmp);
    {
        let mut dst = Connection::open(tmp).map_err(CoreError::from_sqlite)?;
        copy_database(src, &mut dst)?;
        // The copied header says WAL (the source's mode); a backup is one
        // self-contained file, so switch it to a rollback journal.
        let _mode: String = dst
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(CoreError::from_sqlite)?;
        dst.close().map_err(|(_, e)| CoreError::from_sqlite(e))?;
    }
    verify_backup(tmp)?;
    std::fs::File::open(tmp)?.sync_all()?;
    Ok(())
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

/// Before migrating a library that has a schema (`user_version` > 0) to `target`,
/// back it up; a library with nothing to migrate, or a new one, gets none.
pub fn backup_if_migration_pending(
    conn: &Connection,
    dir: &LibraryDir,
    target: u32,
) -> Result<Option<BackupInfo>> {
    let version = super::migrations::current_version(conn)?;
    if version == 0 || version >= target {
        return Ok(None);
    }
    backup_from(conn, dir, BackupKind::Automatic).map(Some).map_err(|e| {
        CoreError::Conflict(format!(
            "the library needs a schema upgrade ({version} → {target}) and the backup before it failed: {e}"
        ))
    })
}

/// Open a backup file and check it: `integrity_check` says ok, `foreign_key_check`
/// finds nothing, and it is a Pizhu library this build can read.
pub fn verify_backup(path: &Path) -> Result<()> {
    let what = |detail: String| {
        CoreError::Corrupt(format!(
            "backup {} fails its check: {detail}",
            path.display()
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| what(e.to_string()))?;
    let problems = integrity_problems(&conn, "integrity_check").map_err(|e| what(e.to_string()))?;
    if !problems.is_empty() {
        return Err(what(problems.join("; ")));
    }
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| what(e.to_string()))?;
    if fk != 0 {
        return Err(what(format!("{fk} rows break foreign keys")));
    }
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| what(e.to_string()))?;
    if version == 0 || version > super::migrations::latest_version() {
        return Err(what(format!(
            "schema version {version} is not one this build can restore"
        )));
    }
    let has_articles: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'articles'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| what(e.to_string()))?;
    if has_articles == 0 {
        return Err(what("not a Pizhu library (no articles table)".into()));
    }
    Ok(())
}

/// The rows of `PRAGMA integrity_check` / `quick_check` other than a single "ok".
pub(crate) fn integrity_problems(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows == ["ok"] { vec![] } else { rows })
}

/// Delete backups the policy no longer keeps (see the module docs).
pub fn rotate(dir: &LibraryDir, now: OffsetDateTime) -> Result<Vec<String>> {
    let all = list_with_times(dir)?;
    let mut keep = vec![false; all.len()];
    // Newest first, so counting within a kind keeps its newest.
    let mut seen = std::collections::HashMap::new();
    let mut days_seen = std::collections::HashSet::new();
    for (i, (t, _, b)) in all.iter().enumerate() {
        let rank = seen.entry(b.kind).or_insert(0usize);
        *rank += 1;
        keep[i] = match b.kind {
            BackupKind::PreRestore => true,
            BackupKind::Manual => *rank <= KEEP_MANUAL,
            BackupKind::Automatic => {
                let age_days = (now.date() - t.date()).whole_days();
                // The first automatic backup seen for a day is that day's newest.
                let daily = (0..KEEP_DAILY_DAYS).contains(&age_days) && days_seen.insert(t.date());
                *rank <= KEEP_NEWEST || daily
            }
        };
    }
    let mut removed = vec![];
    for ((_, _, b), kept) in all.into_iter().zip(keep) {
        if !kept {
            std::fs::remove_file(&b.path)?;
            removed.push(b.name);
        }
    }
    Ok(removed)
}

/// Make a rename durable (best effort: not every platform can open a directory).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The result of a full check of the library (`pizhu check`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrityReport {
    pub ok: bool,
    /// Rows of `PRAGMA integrity_check` other than "ok".
    pub integrity_problems: Vec<String>,
    /// Rows of `PRAGMA foreign_key_check`, as "table rowid → parent".
    pub foreign_key_problems: Vec<String>,
}

impl Store {
    /// What start-up recovery did when this store was opened, if anything.
    pub fn recovered(&self) -> Option<&RecoveryReport> {
        self.recovered.as_ref()
    }

    /// Take a manual backup now (backup API, checked, rotated among the manual
    /// ones, so it never displaces an automatic backup).
    pub fn backup_now(&self) -> Result<BackupInfo> {
        self.take_backup(BackupKind::Manual)
    }

    fn take_backup(&self, kind: BackupKind) -> Result<BackupInfo> {
        if !self.on_disk {
            return Err(CoreError::Invalid(
                "an in-memory library has no backups".into(),
            ));
        }
        let info = {
            let conn = self.conn();
            backup_from(&conn, &self.dir, kind)
        };
        if kind != BackupKind::Automatic {
            return info;
        }
        match info {
            Ok(info) => {
                *lock(&self.last_backup) = Some(OffsetDateTime::now_utc());
                *lock(&self.backup_error) = None;
                Ok(info)
            }
            Err(e) => {
                *lock(&self.backup_error) = Some(e.to_string());
                Err(e)
            }
        }
    }

    /// Take a backup if the newest is older than [`BACKUP_INTERVAL`] and the library
    /// holds anything. Cheap when none is due (a clock read), so the API layer calls
    /// it after every operation. A failure is remembered ([`Store::backup_error`])
    /// and retried after another interval rather than failing the operation.
    pub fn maybe_backup(&self) -> Option<BackupInfo> {
        if !self.on_disk {
            return None;
        }
        let now = OffsetDateTime::now_utc();
        {
            let mut last = lock(&self.last_backup);
            if let Some(t) = *last {
                if now - t < BACKUP_INTERVAL {
                    return None;
                }
            }
            // Whatever happens next, do not try again on the very next call.
            *last = Some(now);
        }
        let has_data = self
            .read(|c| {
                Ok(c.query_row(
                    "SELECT EXISTS(SELECT 1 FROM articles) OR EXISTS(SELECT 1 FROM themes)",
                    [],
                    |r| r.get::<_, bool>(0),
                )?)
            })
            .unwrap_or(false);
        if !has_data {
            // An empty library: check again once it has something.
            *lock(&self.last_backup) = None;
            return None;
        }
        self.take_backup(BackupKind::Automatic).ok()
    }

    /// When the newest automatic backup this process knows of was taken.
    pub fn last_backup_time(&self) -> Option<String> {
        lock(&self.last_backup).map(rfc3339)
    }

    /// Why the last automatic backup failed, until one succeeds.
    pub fn backup_error(&self) -> Option<String> {
        lock(&self.backup_error).clone()
    }

    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        if !self.on_disk {
            return Ok(vec![]);
        }
        list_backups(&self.dir)
    }

    /// Replace the library's contents with the backup `name` (any kind, a
    /// pre-restore copy too: that undoes a restore).
    ///
    /// The backup is checked first. The library as it is now is saved with the
    /// backup API to `backups/replaced-<time>.sqlite` (a pre-restore copy, listed,
    /// never rotated), then the
    /// backup is copied into the live database with the backup API, so another
    /// process with the library open sees the restored contents rather than a
    /// file swapped under it. The schema is brought up to date, and every article
    /// and theme (standing for their highlights) is appended to the `changes` feed (numbered after
    /// anything the index has seen), so derived caches refresh.
    pub fn restore_backup(&self, name: &str) -> Result<RestoreReport> {
        if !self.on_disk {
            return Err(CoreError::Invalid(
                "an in-memory library has no backups".into(),
            ));
        }
        let info = find_backup(&self.dir, name)?;
        verify_backup(&info.path)?;
        let mut conn = self.conn();
        let previous_saved_to = self.save_current(&conn)?;
        let before = changed_refs(&conn)?;
        let high_water: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
                r.get(0)
            })?;
        {
            let source = Connection::open_with_flags(&info.path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(CoreError::from_sqlite)?;
            copy_database(&source, &mut conn)?;
        }
        super::migrations::migrate(&conn)?;
        let after = changed_refs(&conn)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut seq = high_water.max(tx.query_row(
            "SELECT coalesce(max(seq), 0) FROM changes",
            [],
            |r| r.get(0),
        )?);
        let all: std::collections::BTreeSet<_> = before.into_iter().chain(after).collect();
        for (kind, id) in all {
            seq += 1;
            tx.execute(
                "INSERT INTO changes(seq, kind, ref) VALUES (?1, ?2, ?3)",
                rusqlite::params![seq, kind, id],
            )?;
        }
        tx.commit()?;
        drop(conn);
        *lock(&self.last_backup) = None;
        let previous = list_backups(&self.dir)?
            .into_iter()
            .find(|b| b.path == previous_saved_to)
            .ok_or_else(|| {
                CoreError::Corrupt(format!(
                    "the pre-restore copy {} is not listed",
                    previous_saved_to.display()
                ))
            })?;
        Ok(RestoreReport {
            restored: info,
            previous,
            previous_saved_to,
        })
    }

    fn save_current(&self, conn: &Connection) -> Result<PathBuf> {
        let folder = self.dir.backups();
        std::fs::create_dir_all(&folder)?;
        let path = super::recovery::unused_path(&folder, "replaced", ".sqlite");
        let mut dst = Connection::open(&path).map_err(CoreError::from_sqlite)?;
        copy_database(conn, &mut dst)?;
        let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        dst.close().map_err(|(_, e)| CoreError::from_sqlite(e))?;
        std::fs::File::open(&path)?.sync_all()?;
        sync_dir(&folder);
        Ok(path)
    }

    /// A full check: `integrity_check` and `foreign_key_check` on the live library.
    pub fn check_integrity(&self) -> Result<IntegrityReport> {
        self.read(|c| {
            let integrity_problems =
                integrity_problems(c, "integrity_check").map_err(CoreError::from_sqlite)?;
            let mut stmt =
                c.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")?;
            let foreign_key_problems = stmt
                .query_map([], |r| {
                    Ok(format!(
                        "{} row {} → {}",
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?
                            .map_or("?".into(), |v| v.to_string()),
                        r.get::<_, String>(2)?
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(IntegrityReport {
                ok: integrity_problems.is_empty() && foreign_key_problems.is_empty(),
                integrity_problems,
                foreign_key_problems,
            })
        })
    }
}

/// (kind, id) of every article and theme. Highlights need no entries of their
/// own: a changed article stands for itself and all its highlights, and every
/// highlight belongs to an article listed before or after the restore.
fn changed_refs(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let mut out = vec![];
    for (kind, table) in [("article", "articles"), ("theme", "themes")] {
        let mut stmt = conn.prepare(&format!("SELECT id FROM {table}"))?;
        for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
            out.push((kind, id?));
        }
    }
    Ok(out)
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_round_trip_and_sort_by_time_then_counter() {
        let t = time::macros::datetime!(2026-11-21 10:58:03 UTC);
        let s = stamp(t);
        assert_eq!(s, "20261121T105803Z");
        assert_eq!(
            parse_name(&format!("library-{s}.sqlite")),
            Some((BackupKind::Automatic, t, 1))
        );
        assert_eq!(
            parse_name(&format!("library-{s}-3.sqlite")),
            Some((BackupKind::Automatic, t, 3))
        );
        assert_eq!(
            parse_name(&format!("manual-{s}.sqlite")),
            Some((BackupKind::Manual, t, 1))
        );
        assert_eq!(
            parse_name(&format!("replaced-{s}-2.sqlite")),
            Some((BackupKind::PreRestore, t, 2))
        );
        assert_eq!(parse_name("library-20261121T105803Z-1.sqlite"), None);
        assert_eq!(parse_name("library-../x.sqlite"), None);
        assert_eq!(parse_name(".tmp-library-20261121T105803Z.sqlite"), None);
        assert_eq!(parse_name("damaged-20261121T105803Z"), None);
    }
}
