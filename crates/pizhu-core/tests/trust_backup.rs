//! Backups: made with the backup API, checked before they are kept, rotated,
//! restorable; automatic when due and before a migration.

mod trust_support;

use pizhu_core::store::backup::{self, BackupKind, KEEP_MANUAL, KEEP_NEWEST};
use pizhu_core::{CoreError, Store};
use trust_support::*;

#[test]
fn backup_now_writes_a_checked_self_contained_copy_of_the_library() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 5);
    let store = Store::open(&dir).unwrap();
    let info = store.backup_now().unwrap();

    assert!(
        info.name.starts_with("manual-") && info.name.ends_with(".sqlite"),
        "{}",
        info.name
    );
    assert_eq!(info.kind, BackupKind::Manual);
    assert_eq!(info.path, dir.backups().join(&info.name));
    assert!(info.size_bytes > 0);
    // One file: a rollback-journal database, no -wal beside it.
    let bytes = std::fs::read(&info.path).unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    assert_eq!((bytes[18], bytes[19]), (1, 1), "backup left in WAL mode");
    assert!(!dir.backups().join(format!("{}-wal", info.name)).exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.backups())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    backup::verify_backup(&info.path).unwrap();
    let copy = rusqlite_open(&info.path);
    let n: i64 = copy
        .query_row("SELECT count(*) FROM highlights", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 5);
    assert_eq!(store.list_backups().unwrap(), vec![info]);
}

#[test]
fn a_backup_taken_while_another_connection_writes_holds_only_committed_data() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 3);
    let store = Store::open(&dir).unwrap();
    let other = rusqlite_open(&dir.database());
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE highlights SET note = 'uncommitted';")
        .unwrap();

    let info = store.backup_now().unwrap();
    other.execute_batch("COMMIT").unwrap();

    let copy = rusqlite_open(&info.path);
    let uncommitted: i64 = copy
        .query_row(
            "SELECT count(*) FROM highlights WHERE note = 'uncommitted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(uncommitted, 0);
    assert_eq!(
        notes(&store),
        vec!["uncommitted"; 3],
        "the live library has the later commit"
    );
}

#[test]
fn two_backups_in_one_second_get_distinct_names_newest_listed_first() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 1);
    let store = Store::open(&dir).unwrap();
    let a = store.backup_now().unwrap();
    let b = store.backup_now().unwrap();
    let c = store.backup_now().unwrap();
    assert_ne!(a.name, b.name);
    assert_ne!(b.name, c.name);
    let names: Vec<_> = store
        .list_backups()
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(names.len(), 3);
    assert_eq!(names[0], c.name, "newest first: {names:?}");
}

#[test]
fn rotation_keeps_the_newest_ten_and_one_per_day_for_a_week() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 1);
    let store = Store::open(&dir).unwrap();
    let real = store.backup_now().unwrap();
    std::fs::remove_file(&real.path).unwrap();
    let now = time::macros::datetime!(2026-11-21 12:00:00 UTC);
    let mut names = vec![];
    // 12 today (hourly), then two a day for the 10 days before.
    for h in 0..12 {
        names.push(format!("library-20261121T{:02}0000Z.sqlite", h));
    }
    for d in 1..=10 {
        let day = now - time::Duration::days(d);
        for h in [8, 20] {
            let t = day.replace_hour(h).unwrap();
            names.push(format!(
                "library-{}.sqlite",
                t.format(&time::macros::format_description!(
                    "[year][month][day]T[hour][minute][second]Z"
                ))
                .unwrap()
            ));
        }
    }
    for n in &names {
        std::fs::copy(dir.database(), dir.backups().join(n)).unwrap();
    }
    std::fs::create_dir_all(dir.backups().join("damaged-20200101T000000Z")).unwrap();
    std::fs::write(dir.backups().join("replaced-20200101T000000Z.sqlite"), b"x").unwrap();

    let removed = backup::rotate(&dir, now).unwrap();
    let kept: Vec<_> = backup::list_backups(&dir)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .map(|b| b.name)
        .collect();

    let mut expected: Vec<String> = (2..12)
        .rev()
        .map(|h| format!("library-20261121T{h:02}0000Z.sqlite"))
        .collect();
    for d in 15..=20 {
        expected.push(format!("library-202611{d}T200000Z.sqlite"));
    }
    expected.sort();
    expected.reverse();
    assert_eq!(kept, expected);
    assert_eq!(kept.len(), KEEP_NEWEST + 6);
    assert_eq!(removed.len(), names.len() - kept.len());
    assert!(
        dir.backups().join("damaged-20200101T000000Z").is_dir(),
        "set-aside data is never rotated"
    );
    assert!(dir
        .backups()
        .join("replaced-20200101T000000Z.sqlite")
        .is_file());
}

/// Issue 14: ten "back up now" presses left no older automatic backup.
#[test]
fn manual_backups_never_push_an_automatic_one_out_of_rotation() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 1);
    let store = Store::open(&dir).unwrap();
    let automatic = store.maybe_backup().expect("none yet, so one is due");
    assert_eq!(automatic.kind, BackupKind::Automatic);
    let manual: Vec<_> = (0..KEEP_MANUAL + 2)
        .map(|_| store.backup_now().unwrap())
        .collect();
    let listed = store.list_backups().unwrap();
    assert!(listed.contains(&automatic), "{listed:?}");
    let kept_manual: Vec<_> = listed
        .iter()
        .filter(|b| b.kind == BackupKind::Manual)
        .collect();
    assert_eq!(
        kept_manual.len(),
        KEEP_MANUAL,
        "manual ones rotate among themselves"
    );
    assert_eq!(
        kept_manual[0],
        manual.last().unwrap(),
        "the newest manual is kept"
    );
    // Manual backups do not stand in for the daily automatic one either.
    drop(store);
    let again = Store::open(&dir).unwrap();
    assert_eq!(
        again.last_backup_time().as_deref(),
        Some(automatic.created_at.as_str())
    );
}

/// Issue 14/15: the copy a restore makes of the library it replaces is listed, and
/// restoring it undoes the restore.
#[test]
fn a_wrong_restore_is_undone_by_restoring_its_listed_pre_restore_copy() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 2);
    let store = Store::open(&dir).unwrap();
    let old = store.backup_now().unwrap();
    let article = store.list_articles().unwrap()[0].id;
    add_highlight(&store, article, "written after the backup");
    let current = notes(&store);

    let report = store.restore_backup(&old.name).unwrap();
    assert_eq!(notes(&store), vec!["note 0", "note 1"]);
    assert_eq!(report.previous.kind, BackupKind::PreRestore);
    assert_eq!(report.previous.path, report.previous_saved_to);
    assert!(store.list_backups().unwrap().contains(&report.previous));

    let undo = store.restore_backup(&report.previous.name).unwrap();
    assert_eq!(notes(&store), current, "the restore is undone");
    // That restore kept a copy too, and neither copy is rotated away.
    let copies = store
        .list_backups()
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::PreRestore)
        .count();
    assert_eq!(copies, 2);
    assert!(store.list_backups().unwrap().contains(&undo.previous));
    assert!(store.check_integrity().unwrap().ok);
}

#[test]
fn maybe_backup_takes_one_when_none_is_recent_and_not_again_soon() {
    let (_tmp, dir) = temp_library();
    {
        let empty = Store::open(&dir).unwrap();
        assert!(
            empty.maybe_backup().is_none(),
            "an empty library is not backed up"
        );
        assert!(empty.list_backups().unwrap().is_empty());
    }
    library_with_notes(&dir, 2);
    let store = Store::open(&dir).unwrap();
    let first = store.maybe_backup().expect("no backup yet, so one is due");
    assert!(store.maybe_backup().is_none(), "the next is a day away");
    assert_eq!(store.list_backups().unwrap(), vec![first.clone()]);
    assert!(store.last_backup_time().is_some());
    // A fresh open sees the recent backup on disk and takes none.
    drop(store);
    let again = Store::open(&dir).unwrap();
    assert!(again.maybe_backup().is_none());
}

#[test]
fn restore_brings_back_the_backup_and_saves_what_it_replaces() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 2);
    let store = Store::open(&dir).unwrap();
    let info = store.backup_now().unwrap();
    let article = store.list_articles().unwrap()[0].id;
    add_highlight(&store, article, "written after the backup");
    let high_water: i64 = store
        .read(|c| Ok(c.query_row("SELECT max(seq) FROM changes", [], |r| r.get(0))?))
        .unwrap();

    // A second process with the library open sees the restore too.
    let other = Store::open(&dir).unwrap();
    let report = store.restore_backup(&info.name).unwrap();

    assert_eq!(notes(&store), vec!["note 0", "note 1"]);
    assert_eq!(notes(&other), vec!["note 0", "note 1"]);
    let saved = rusqlite_open(&report.previous_saved_to);
    let n: i64 = saved
        .query_row("SELECT count(*) FROM highlights", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3, "the replaced library is kept");
    assert!(report
        .previous_saved_to
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("replaced-"));
    // Derived caches hear about every row, numbered after what they have seen.
    let fresh: Vec<(String, i64)> = store
        .read(|c| {
            let mut s =
                c.prepare("SELECT kind, ref FROM changes WHERE seq > ?1 ORDER BY kind, ref")?;
            let v = s
                .query_map([high_water], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .unwrap();
    assert_eq!(
        fresh,
        vec![("article".to_string(), article)],
        "an article stands for its highlights"
    );
    assert!(store.check_integrity().unwrap().ok);
}

#[test]
fn restore_refuses_paths_unknown_names_and_damaged_backups_leaving_the_library_alone() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 2);
    let store = Store::open(&dir).unwrap();
    let info = store.backup_now().unwrap();

    assert!(matches!(
        store.restore_backup("../library.sqlite"),
        Err(CoreError::Invalid(_))
    ));
    assert!(matches!(
        store.restore_backup("library-20200101T000000Z/../../x.sqlite"),
        Err(CoreError::Invalid(_))
    ));
    assert!(matches!(
        store.restore_backup("library-20200101T000000Z.sqlite"),
        Err(CoreError::NotFound(_))
    ));

    let page = page_size(&info.path);
    overwrite(&info.path, page, &vec![0xA5; page as usize]);
    let err = store.restore_backup(&info.name).unwrap_err();
    assert!(matches!(err, CoreError::Corrupt(_)), "{err}");
    assert!(err.to_string().contains(&info.name), "{err}");
    assert_eq!(notes(&store), vec!["note 0", "note 1"]);
}

#[test]
fn a_pending_migration_is_preceded_by_a_backup() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 2);
    let conn = rusqlite_open(&dir.database());
    let current = pizhu_core::store::migrations::current_version(&conn).unwrap();
    assert!(backup::backup_if_migration_pending(&conn, &dir, current)
        .unwrap()
        .is_none());
    let made = backup::backup_if_migration_pending(&conn, &dir, current + 1)
        .unwrap()
        .expect("a backup");
    backup::verify_backup(&made.path).unwrap();
    assert_eq!(backup::list_backups(&dir).unwrap(), vec![made]);
}

#[test]
fn in_memory_libraries_have_no_backups() {
    let store = Store::open_in_memory().unwrap();
    assert!(store.backup_now().is_err());
    assert!(store.maybe_backup().is_none());
    assert!(store.list_backups().unwrap().is_empty());
}

fn rusqlite_open(path: &std::path::Path) -> pizhu_core::rusqlite::Connection {
    pizhu_core::rusqlite::Connection::open(path).unwrap()
}

#[test]
fn a_backup_cleans_up_old_interrupted_temporaries_but_not_fresh_ones() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 1);
    let store = Store::open(&dir).unwrap();
    std::fs::create_dir_all(dir.backups()).unwrap();
    let old = dir.backups().join(".tmp-library-20200101T000000Z.sqlite");
    let fresh = dir.backups().join(".tmp-library-20991231T000000Z.sqlite");
    std::fs::write(&old, b"half a backup").unwrap();
    std::fs::write(&fresh, b"another process's backup in progress").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();

    store.backup_now().unwrap();
    assert!(!old.exists());
    assert!(fresh.exists());
    assert_eq!(
        store.list_backups().unwrap().len(),
        1,
        "temporaries are never listed"
    );
}
