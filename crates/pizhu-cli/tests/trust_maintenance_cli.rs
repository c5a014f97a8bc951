//! `pizhu backup`, `backups`, `restore`, `check`, `status` on a real library with the
//! real binary, and the start-up recovery message on stderr.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{ok_json, pizhu};

#[test]
fn backup_list_restore_and_check_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let made = ok_json(&lib, &["backup", "--json"]);
    let name = made["name"].as_str().unwrap().to_string();
    assert!(Path::new(made["path"].as_str().unwrap()).is_file());

    let list = ok_json(&lib, &["backups", "--json"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&name.as_str()), "{names:?}");
    let human = pizhu(&lib, &["backups"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains(&name));

    let restored = ok_json(&lib, &["restore", &name, "--json"]);
    assert_eq!(restored["restored"]["name"], name.as_str());

    let check = ok_json(&lib, &["check", "--json"]);
    assert_eq!(check["ok"], true);
    let status = ok_json(&lib, &["status", "--json"]);
    assert!(status["articles"].as_i64().unwrap() > 0);
    assert!(status["backups"].as_u64().unwrap() >= 1);

    let bad = pizhu(&lib, &["restore", "../../etc/passwd"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a backup name"));
}

#[test]
fn a_damaged_library_is_restored_at_start_up_and_the_cli_says_so_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    ok_json(&lib, &["backup", "--json"]);
    let db = lib.join("library.sqlite");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[16] = 0x13;
    bytes[17] = 0x37;
    std::fs::write(&db, &bytes).unwrap();

    let out = pizhu(&lib, &["check", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("restored from the backup of"), "{stderr}");
    let check: Value = serde_json::from_slice(&out.stdout).expect("stdout stays JSON");
    assert_eq!(check["ok"], true);
    let damaged: Vec<_> = std::fs::read_dir(lib.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("damaged-"))
        .collect();
    assert_eq!(damaged.len(), 1);
}

#[test]
fn a_damaged_library_without_backups_is_refused_with_exit_1_and_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    ok_json(&lib, &["status", "--json"]);
    std::fs::remove_dir_all(lib.join("backups")).unwrap();
    let db = lib.join("library.sqlite");
    let c = pizhu_core::rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(c);
    let len = std::fs::metadata(&db).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(len / 2 + 1)
        .unwrap();

    let out = pizhu(&lib, &["status"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("damaged") && stderr.contains("no backup"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::metadata(&db).unwrap().len(),
        len / 2 + 1,
        "left as it was"
    );
}
