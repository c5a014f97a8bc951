//! Start-up check and recovery: a damaged library is set aside and the newest good
//! backup restored, with a report; with no good backup the open fails and nothing
//! is replaced by an empty library.

mod trust_support;

use pizhu_core::rusqlite::Connection;
use pizhu_core::{CoreError, LibraryDir, Store};
use trust_support::*;

/// A closed library with 4 notes and a backup of it, then 2 more notes not in
/// the backup.
fn library_with_backup(dir: &LibraryDir) {
    library_with_notes(dir, 4);
    let store = Store::open(dir).unwrap();
    store.backup_now().unwrap();
    let a = store.list_articles().unwrap()[0].id;
    add_highlight(&store, a, "after backup 1");
    add_highlight(&store, a, "after backup 2");
}

fn assert_recovered_from_backup(dir: &LibraryDir, problem_contains: &str) {
    assert_recovered_from_backup_any(dir, &[problem_contains])
}

fn assert_recovered_from_backup_any(dir: &LibraryDir, problem_contains: &[&str]) {
    let store = Store::open(dir).unwrap();
    let report = store.recovered().expect("a recovery report").clone();
    assert!(
        problem_contains.iter().any(|p| report.problem.contains(p)),
        "problem {:?} names none of {problem_contains:?}",
        report.problem
    );
    assert_eq!(notes(&store), ["note 0", "note 1", "note 2", "note 3"]);
    assert!(store.check_integrity().unwrap().ok);
    let moved = report.moved_to.clone().expect("damaged files moved aside");
    assert!(moved.starts_with(dir.backups()));
    assert!(moved
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("damaged-"));
    assert!(
        moved.join("library.sqlite").is_file(),
        "the damaged file is kept for the user"
    );
    let msg = report.message();
    assert!(
        msg.contains(&report.backup_date) && msg.contains(&moved.display().to_string()),
        "{msg}"
    );
    // Reopening is quiet: the library is healthy now.
    drop(store);
    assert!(Store::open(dir).unwrap().recovered().is_none());
}

#[test]
fn a_truncated_file_is_replaced_by_the_newest_backup() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    let len = std::fs::metadata(dir.database()).unwrap().len();
    truncate(&dir.database(), len / 2 + 100);
    assert_recovered_from_backup(&dir, "truncated");
}

#[test]
fn a_file_truncated_on_a_page_boundary_is_caught_by_the_header_size() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    let page = page_size(&dir.database());
    let len = std::fs::metadata(dir.database()).unwrap().len();
    assert!(
        len / page >= 4,
        "test library too small: {} pages",
        len / page
    );
    truncate(&dir.database(), 2 * page);
    assert_recovered_from_backup(&dir, "truncated");
}

#[test]
fn flipped_magic_bytes_in_the_header_are_caught() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    let mut head = std::fs::read(dir.database()).unwrap()[..16].to_vec();
    head.iter_mut().take(6).for_each(|b| *b ^= 0xFF);
    overwrite(&dir.database(), 0, &head);
    assert_recovered_from_backup(&dir, "header");
}

#[test]
fn a_flipped_page_size_in_the_header_is_caught() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    overwrite(&dir.database(), 16, &[0x13, 0x37]);
    assert_recovered_from_backup(&dir, "page size");
}

#[test]
fn garbage_in_the_middle_of_the_file_is_caught_by_quick_check() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    let page = page_size(&dir.database());
    let pages = std::fs::metadata(dir.database()).unwrap().len() / page;
    // Every page but the first (the header and schema) gets a stripe of garbage.
    for p in 1..pages {
        overwrite(&dir.database(), p * page + 8, &[0xA5; 64]);
    }
    // Depending on which page the garbage hits first, SQLite already fails to read
    // the schema while opening, or quick_check finds it.
    assert_recovered_from_backup_any(&dir, &["quick_check", "malformed"]);
}

#[test]
fn with_no_good_backup_the_open_fails_and_the_damaged_file_stays_put() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 3);
    let before = std::fs::read(dir.database()).unwrap();
    overwrite(&dir.database(), 0, b"XQLite format 3\0");
    for _ in 0..2 {
        let err = Store::open(&dir)
            .err()
            .expect("a damaged library must not open");
        assert!(matches!(err, CoreError::Corrupt(_)), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains(&dir.database().display().to_string()) && msg.contains("no backup"),
            "{msg}"
        );
    }
    // Not replaced by an empty library, not moved: the same bytes are there.
    let after = std::fs::read(dir.database()).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(&after[16..], &before[16..]);
}

#[test]
fn a_damaged_newest_backup_is_skipped_for_an_older_good_one() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    {
        let store = Store::open(&dir).unwrap();
        let newest = store.backup_now().unwrap();
        truncate(&newest.path, 1000);
    }
    overwrite(&dir.database(), 16, &[0, 3]);
    let store = Store::open(&dir).unwrap();
    let report = store.recovered().unwrap();
    let backups = store.list_backups().unwrap();
    assert_eq!(
        report.backup_name, backups[1].name,
        "the older, good backup"
    );
    assert_eq!(notes(&store).len(), 4);
}

#[test]
fn a_missing_library_file_with_backups_is_restored_not_started_empty() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    std::fs::remove_file(dir.database()).unwrap();
    let store = Store::open(&dir).unwrap();
    let report = store.recovered().expect("restored from backup");
    assert!(report.problem.contains("missing"));
    assert!(report.moved_to.is_none());
    assert_eq!(notes(&store).len(), 4);
}

#[test]
fn a_new_library_opens_without_a_report() {
    let (_tmp, dir) = temp_library();
    let store = Store::open(&dir).unwrap();
    assert!(store.recovered().is_none());
    assert!(store.list_articles().unwrap().is_empty());
}

/// The `-wal` holds commits not yet copied into the main file. Losing it (a sync
/// tool that copies only `library.sqlite`, a careless clean-up) loses exactly those
/// commits; everything checkpointed survives and the library opens clean.
#[test]
fn a_lost_wal_loses_only_uncheckpointed_commits_and_the_library_opens() {
    let (tmp, dir) = temp_library();
    library_with_notes(&dir, 0);
    let store = Store::open(&dir).unwrap();
    let a = store.list_articles().unwrap()[0].id;
    for i in 0..20 {
        add_highlight(&store, a, &format!("checkpointed {i}"));
    }
    store
        .read(|c| Ok(c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?))
        .unwrap();
    for i in 0..7 {
        add_highlight(&store, a, &format!("only in wal {i}"));
    }
    assert!(
        std::fs::metadata(wal(&dir)).unwrap().len() > 0,
        "the last commits are in the WAL"
    );

    // Copy the files the way a crash-time sync would: main file and -shm, no -wal.
    let copy = LibraryDir::new(tmp.path().join("copy"));
    std::fs::create_dir_all(copy.root()).unwrap();
    std::fs::copy(dir.database(), copy.database()).unwrap();
    std::fs::copy(shm(&dir), shm(&copy)).unwrap();
    drop(store);

    let reopened = Store::open(&copy).unwrap();
    assert!(
        reopened.recovered().is_none(),
        "a consistent older state is not damage"
    );
    let got = notes(&reopened);
    assert_eq!(
        got,
        (0..20)
            .map(|i| format!("checkpointed {i}"))
            .collect::<Vec<_>>()
    );
    assert!(reopened.check_integrity().unwrap().ok);
}

/// A clean close checkpoints the WAL into the main file, so after it the `-wal`
/// can be lost without losing anything.
#[test]
fn after_a_clean_close_the_wal_holds_nothing_needed() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 9);
    let _ = std::fs::remove_file(wal(&dir));
    let _ = std::fs::remove_file(shm(&dir));
    let store = Store::open(&dir).unwrap();
    assert_eq!(notes(&store).len(), 9);
}

#[test]
fn the_start_up_check_accepts_a_library_another_process_is_writing() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 2);
    let writer = Connection::open(dir.database()).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE highlights SET note = 'pending';")
        .unwrap();
    let store = Store::open(&dir).unwrap();
    assert!(store.recovered().is_none());
    assert_eq!(notes(&store), ["note 0", "note 1"]);
    writer.execute_batch("COMMIT").unwrap();
}

#[test]
fn garbage_in_a_data_page_only_is_found_by_the_quick_check_at_open() {
    let (_tmp, dir) = temp_library();
    library_with_backup(&dir);
    let page = page_size(&dir.database());
    let pages = std::fs::metadata(dir.database()).unwrap().len() / page;
    overwrite(
        &dir.database(),
        (pages - 1) * page,
        &vec![0xA5; page as usize],
    );
    assert_recovered_from_backup(&dir, "quick_check");
}
