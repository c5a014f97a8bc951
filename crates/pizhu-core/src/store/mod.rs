//! The library store: one SQLite file, the source of truth.
//!
//! Opened in WAL mode with foreign keys on and `synchronous=FULL`, so a write the
//! store has acknowledged (its transaction committed) survives an app crash and a
//! power cut. Schema changes are versioned migrations (see [`migrations`]).
//! [`atomic_file`] writes the user's own files (exports) crash-safely.

pub mod atomic_file;
pub mod backup;
mod files;
pub mod migrations;
pub mod recovery;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;
use time::OffsetDateTime;

pub use atomic_file::write_atomically;
pub use backup::{BackupInfo, BackupKind, RestoreReport};
pub use recovery::RecoveryReport;

use crate::locks::lock;
use crate::{CoreError, LibraryDir, Result};

/// How long a writer waits for another process (the desktop app and the CLI may
/// share a library) before giving up with [`CoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open library. Cheap to share behind an `Arc`; one connection, serialised by a mutex
/// (SQLite allows one writer anyway, and reads here are short).
pub struct Store {
    dir: LibraryDir,
    conn: Mutex<Connection>,
    /// False for the in-memory store, which has no backups.
    on_disk: bool,
    /// What start-up recovery did, if anything (see [`recovery`]).
    recovered: Option<RecoveryReport>,
    /// Time of the newest backup as far as this process knows, so the
    /// "is a backup due?" check after each operation costs no file-system call.
    last_backup: Mutex<Option<OffsetDateTime>>,
    /// Why the last automatic backup failed, until one succeeds.
    backup_error: Mutex<Option<String>>,
}

/// Raw SQLite access is pizhu-core's own: `pub(crate)`, and `pub` only with the
/// `test-support` feature, which tests and benches of other crates turn on in their
/// `[dev-dependencies]` (checked by `tests/schema_owner.rs`).
macro_rules! raw_access {
    ($(#[$meta:meta])* fn $($rest:tt)*) => {
        #[cfg(feature = "test-support")]
        $(#[$meta])*
        pub fn $($rest)*
        #[cfg(not(feature = "test-support"))]
        $(#[$meta])*
        pub(crate) fn $($rest)*
    };
}

impl Store {
    /// Open (creating if needed) the library in `dir` and bring its schema up to date.
    ///
    /// The file is checked first; a damaged library is set aside and the newest good
    /// backup restored ([`Store::recovered`] says so), and with no good backup the
    /// open fails with [`CoreError::Corrupt`]. A library with a schema that needs a
    /// migration is backed up before migrating. A library written by a newer
    /// Pizhu (a schema this build does not know) is refused and left untouched.
    pub fn open(dir: &LibraryDir) -> Result<Store> {
        std::fs::create_dir_all(dir.root())?;
        migrations::refuse_newer_file(&dir.database())?;
        let (conn, recovered) = recovery::open_checked(dir)?;
        backup::backup_if_migration_pending(&conn, dir, migrations::latest_version())?;
        migrations::migrate(&conn)?;
        let last_backup = backup::list_backups(dir)?
            .iter()
            .find(|b| b.kind == BackupKind::Automatic)
            .and_then(|b| {
                OffsetDateTime::parse(
                    &b.created_at,
                    &time::format_description::well_known::Rfc3339,
                )
                .ok()
            });
        Ok(Store {
            dir: dir.clone(),
            conn: Mutex::new(conn),
            on_disk: true,
            recovered,
            last_backup: Mutex::new(last_backup),
            backup_error: Mutex::new(None),
        })
    }

    /// An in-memory store, for tests that need no file.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&conn)?;
        Ok(Store {
            dir: LibraryDir::new(std::env::temp_dir().join("pizhu-in-memory")),
            conn: Mutex::new(conn),
            on_disk: false,
            recovered: None,
            last_backup: Mutex::new(None),
            backup_error: Mutex::new(None),
        })
    }

    pub fn dir(&self) -> &LibraryDir {
        &self.dir
    }

    raw_access! {
        /// The connection, for one operation. Keep the guard short-lived.
        fn conn(&self) -> MutexGuard<'_, Connection> {
            // A panic while holding the lock leaves SQLite consistent (transactions roll
            // back on drop), so a poisoned mutex is safe to reuse (see `crate::locks`).
            lock(&self.conn)
        }
    }

    raw_access! {
        /// Run `f` in an IMMEDIATE transaction (takes the write lock up front, so two
        /// processes never deadlock upgrading a read lock) and commit.
        fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
            let mut conn = self.conn();
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(CoreError::from_sqlite)?;
            let out = f(&tx)?;
            tx.commit().map_err(CoreError::from_sqlite)?;
            Ok(out)
        }
    }

    raw_access! {
        /// A read snapshot.
        fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
            let conn = self.conn();
            f(&conn)
        }
    }

    /// A key/value setting (UI preferences and the like), stored in the library.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.read(|c| {
            Ok(
                c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            Ok(())
        })
    }
}

pub(crate) fn open_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(CoreError::from_sqlite)?;
    configure(&conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // journal_mode returns a row; the others do not.
    let _mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(CoreError::from_sqlite)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;",
    )
    .map_err(CoreError::from_sqlite)?;
    Ok(())
}
