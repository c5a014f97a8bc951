//! Operations: backups, restore, the library's health.
//!
//! Backups are made by the core with SQLite's backup API and checked before they
//! are kept (`pizhu_core::store::backup`); a library found damaged at start-up is
//! replaced by the newest good backup, and `libraryStatus` carries the report so
//! the UI can say what happened and which backup's date the library is now from.

use pizhu_core::store::backup::IntegrityReport;
use pizhu_core::store::{BackupInfo, BackupKind, RecoveryReport, RestoreReport};
use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, Pizhu};

pub const OPS: &[Op] = &[
    op!("libraryStatus", library_status),
    op!("backupNow", backup_now),
    op!("listBackups", list_backups),
    op!("restoreBackup", restore_backup),
    op!("checkLibrary", check_library),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// What the settings screen shows about the library.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LibraryStatus {
    /// The library folder and its database file.
    pub path: String,
    pub database: String,
    pub schema_version: u32,
    pub articles: i64,
    pub highlights: i64,
    pub themes: i64,
    pub backups: usize,
    pub last_backup: Option<BackupInfo>,
    /// Why the last automatic backup failed (until one succeeds).
    pub backup_error: Option<String>,
    /// Set when the library was restored from a backup at start-up.
    pub recovered: Option<RecoveryReport>,
    /// `recovered` as one sentence for the user.
    pub recovery_message: Option<String>,
}

fn library_status(app: &Pizhu, _: NoArgs) -> Result<LibraryStatus, ApiError> {
    let store = app.store();
    let counts = store.library_counts()?;
    let backups = store.list_backups()?;
    let recovered = store.recovered().cloned();
    Ok(LibraryStatus {
        path: store.dir().root().display().to_string(),
        database: store.dir().database().display().to_string(),
        schema_version: counts.schema_version,
        articles: counts.articles,
        highlights: counts.highlights,
        themes: counts.themes,
        backups: backups.len(),
        // A pre-restore copy is not a backup of the library as it is.
        last_backup: backups
            .into_iter()
            .find(|b| b.kind != BackupKind::PreRestore),
        backup_error: store.backup_error(),
        recovery_message: recovered.as_ref().map(RecoveryReport::message),
        recovered,
    })
}

fn backup_now(app: &Pizhu, _: NoArgs) -> Result<BackupInfo, ApiError> {
    Ok(app.store().backup_now()?)
}

fn list_backups(app: &Pizhu, _: NoArgs) -> Result<Vec<BackupInfo>, ApiError> {
    Ok(app.store().list_backups()?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestoreArgs {
    /// A name from `listBackups` (a file name, never a path).
    pub name: String,
}

fn restore_backup(app: &Pizhu, a: RestoreArgs) -> Result<RestoreReport, ApiError> {
    let report = app.store().restore_backup(&a.name)?;
    // The restore appended every article and theme to the change feed; bring the index up to
    // date now so the first search after a restore already agrees with the library.
    let _ = app.search_index().sync(app.store());
    Ok(report)
}

fn check_library(app: &Pizhu, _: NoArgs) -> Result<IntegrityReport, ApiError> {
    Ok(app.store().check_integrity()?)
}
