//! Maintenance operations end to end through `Pizhu::call`: the scheduled backup at
//! open, `backupNow`, `listBackups`, `restoreBackup` (and search agreeing with the
//! restored library), `libraryStatus` reporting a recovery at start-up, `checkLibrary`.

use pizhu_api::{ErrorCode, Pizhu};
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

/// Open, and wait for the index: a search answers at once from what a first
/// build has indexed so far, and these tests want the whole library in it.
fn opened(dir: &LibraryDir) -> Pizhu {
    let app = Pizhu::open(dir).unwrap();
    assert!(app
        .search_index()
        .wait_until_ready(std::time::Duration::from_secs(120)));
    app
}

fn library() -> (tempfile::TempDir, LibraryDir) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = LibraryDir::new(tmp.path().join("lib"));
    (tmp, dir)
}

fn first_article(app: &Pizhu) -> i64 {
    app.call("listArticles", json!({})).unwrap()[0]["id"]
        .as_i64()
        .unwrap()
}

fn add_note(app: &Pizhu, note: &str) -> i64 {
    let a = first_article(app);
    let h = app
        .call(
            "addHighlight",
            json!({"articleId": a, "start": 0, "end": 2, "note": note}),
        )
        .unwrap();
    h["id"].as_i64().unwrap()
}

fn search_total(app: &Pizhu, q: &str) -> u64 {
    app.call("search", json!({"query": q})).unwrap()["total"]
        .as_u64()
        .unwrap()
}

#[test]
fn a_new_library_gets_its_first_backup_at_open_and_status_reports_it() {
    let (_tmp, dir) = library();
    let app = opened(&dir);
    let status = app.call("libraryStatus", json!({})).unwrap();
    assert!(
        status["articles"].as_i64().unwrap() > 0,
        "seeded from the bundled corpus"
    );
    assert_eq!(status["backups"], 1, "{status}");
    let last = &status["lastBackup"];
    assert!(last["name"].as_str().unwrap().starts_with("library-"));
    assert_eq!(status["recovered"], Value::Null);
    assert_eq!(status["path"], dir.root().display().to_string());
    assert_eq!(
        status["schemaVersion"],
        pizhu_core::store::migrations::latest_version()
    );

    let listed = app.call("listBackups", json!({})).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0], *last);
    assert_eq!(app.call("checkLibrary", json!({})).unwrap()["ok"], true);
}

#[test]
fn restore_backup_brings_back_notes_and_search_agrees() {
    let (_tmp, dir) = library();
    let app = opened(&dir);
    add_note(&app, "备份之前的笔记");
    let before = search_total(&app, "备份之前");
    assert!(before >= 1);
    let backup = app.call("backupNow", json!({})).unwrap();
    let name = backup["name"].as_str().unwrap().to_string();
    let later = add_note(&app, "蝾螈备份之后的笔记");
    assert_eq!(search_total(&app, "蝾螈"), 1);

    let report = app.call("restoreBackup", json!({"name": name})).unwrap();
    assert_eq!(report["restored"]["name"], name.as_str());
    assert!(report["previousSavedTo"]
        .as_str()
        .unwrap()
        .contains("replaced-"));
    let gone = app.call("getHighlight", json!({"id": later})).unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);
    assert_eq!(
        search_total(&app, "蝾螈"),
        0,
        "the index follows the restore"
    );
    assert_eq!(search_total(&app, "备份之前"), before);
}

/// Issue 14: manual backups rotate apart from automatic ones, and a restore's
/// pre-restore copy is listed so the restore itself can be undone.
#[test]
fn manual_backups_keep_the_automatic_one_and_a_restore_can_be_undone() {
    let (_tmp, dir) = library();
    let app = opened(&dir);
    let automatic = app.call("listBackups", json!({})).unwrap()[0].clone();
    assert_eq!(automatic["kind"], "automatic");
    for _ in 0..12 {
        assert_eq!(app.call("backupNow", json!({})).unwrap()["kind"], "manual");
    }
    let listed = app.call("listBackups", json!({})).unwrap();
    assert!(listed.as_array().unwrap().contains(&automatic), "{listed}");

    let later = add_note(&app, "蝾螈恢复之前的笔记");
    let report = app
        .call("restoreBackup", json!({"name": automatic["name"]}))
        .unwrap();
    assert_eq!(report["previous"]["kind"], "preRestore");
    assert!(app
        .call("listBackups", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .contains(&report["previous"]));
    assert!(app.call("getHighlight", json!({"id": later})).is_err());
    let status = app.call("libraryStatus", json!({})).unwrap();
    assert_ne!(status["lastBackup"]["kind"], "preRestore");

    app.call("restoreBackup", json!({"name": report["previous"]["name"]}))
        .unwrap();
    assert_eq!(
        app.call("getHighlight", json!({"id": later})).unwrap()["note"],
        "蝾螈恢复之前的笔记"
    );
    assert_eq!(search_total(&app, "蝾螈"), 1, "the index follows");
}

#[test]
fn restore_backup_refuses_bad_names_with_clear_codes() {
    let (_tmp, dir) = library();
    let app = opened(&dir);
    let e = app
        .call("restoreBackup", json!({"name": "../library.sqlite"}))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let e = app
        .call(
            "restoreBackup",
            json!({"name": "library-19990101T000000Z.sqlite"}),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    let e = app.call("restoreBackup", json!({})).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
}

#[test]
fn a_library_damaged_between_runs_is_restored_and_the_status_says_so() {
    let (_tmp, dir) = library();
    {
        let app = opened(&dir);
        add_note(&app, "在备份里");
        app.call("backupNow", json!({})).unwrap();
        add_note(&app, "不在备份里");
        // The index now holds the note the backup lacks.
        assert_eq!(search_total(&app, "不在备份里"), 1);
    }
    // Everything into the main file first, so the truncation below hits data
    // (with the pages still in the WAL, SQLite would read them from there).
    let c = pizhu_core::rusqlite::Connection::open(dir.database()).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(c);
    let len = std::fs::metadata(dir.database()).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(dir.database())
        .unwrap()
        .set_len(len / 3 + 7)
        .unwrap();

    let app = opened(&dir);
    let status = app.call("libraryStatus", json!({})).unwrap();
    let rec = &status["recovered"];
    assert!(rec.is_object(), "no recovery reported: {status}");
    assert!(
        rec["problem"].as_str().unwrap().contains("truncated"),
        "{status}"
    );
    assert!(rec["movedTo"].as_str().unwrap().contains("damaged-"));
    let msg = status["recoveryMessage"].as_str().unwrap();
    assert!(msg.contains(rec["backupDate"].as_str().unwrap()), "{msg}");
    let notes: Vec<String> = app
        .call("listHighlights", json!({"articleId": first_article(&app)}))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["note"].as_str().unwrap().to_string())
        .collect();
    assert!(
        notes.contains(&"在备份里".to_string()) && !notes.contains(&"不在备份里".to_string()),
        "{notes:?}"
    );
    assert_eq!(app.call("checkLibrary", json!({})).unwrap()["ok"], true);
    // Search agrees with the restored library, not with the damaged one.
    assert_eq!(search_total(&app, "不在备份里"), 0);
    assert_eq!(search_total(&app, "在备份里"), 1);
}

#[test]
fn a_damaged_library_without_backups_is_refused_with_the_corrupt_code() {
    let (_tmp, dir) = library();
    drop(Pizhu::open(&dir).unwrap());
    std::fs::remove_dir_all(dir.backups()).unwrap();
    let mut bytes = std::fs::read(dir.database()).unwrap();
    bytes[..6].copy_from_slice(b"garbag");
    std::fs::write(dir.database(), &bytes).unwrap();
    let e = Pizhu::open(&dir).err().expect("must not open");
    assert_eq!(e.code, ErrorCode::Corrupt);
    assert!(e.message.contains("library.sqlite"), "{}", e.message);
    assert_eq!(
        std::fs::read(dir.database()).unwrap(),
        bytes,
        "left as it was"
    );
}
