//! Two writers on one library (the desktop app and the CLI, or two windows):
//! no lost update, no corruption; a writer that cannot get the lock within the
//! busy timeout gets a clear `Busy` error instead of hanging or failing silently.

mod trust_support;

use std::time::{Duration, Instant};

use pizhu_core::rusqlite::Connection;
use pizhu_core::store::BUSY_TIMEOUT;
use pizhu_core::{CoreError, Store};
use trust_support::*;

/// Read-modify-write of one counter from two connections at once: with the write
/// lock taken up front (IMMEDIATE), every increment lands.
#[test]
fn two_stores_incrementing_one_counter_lose_no_update() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 1);
    const EACH: usize = 150;
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let store = Store::open(&dir).unwrap();
                for _ in 0..EACH {
                    store
                        .write(|tx| {
                            let n: i64 = tx
                                .query_row("SELECT coalesce((SELECT value FROM settings WHERE key='counter'), '0')", [], |r| {
                                    r.get::<_, String>(0)
                                })?
                                .parse()
                                .unwrap();
                            tx.execute(
                                "INSERT INTO settings(key, value) VALUES ('counter', ?1)
                                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                                [(n + 1).to_string()],
                            )?;
                            Ok(())
                        })
                        .unwrap();
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let store = Store::open(&dir).unwrap();
    assert_eq!(
        store.setting("counter").unwrap().as_deref(),
        Some(&*(2 * EACH).to_string())
    );
    assert!(store.check_integrity().unwrap().ok);
}

#[test]
fn a_second_writer_waits_for_a_short_lock_and_then_writes() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 1);
    let store = Store::open(&dir).unwrap();
    let holder = Connection::open(dir.database()).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('holder', '1');")
        .unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        holder.execute_batch("COMMIT").unwrap();
    });
    let started = Instant::now();
    store.set_setting("waiter", "1").unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "it must have waited"
    );
    release.join().unwrap();
    assert_eq!(store.setting("holder").unwrap().as_deref(), Some("1"));
    assert_eq!(store.setting("waiter").unwrap().as_deref(), Some("1"));
}

#[test]
fn a_writer_blocked_past_the_busy_timeout_gets_a_clear_busy_error() {
    let (_tmp, dir) = temp_library();
    library_with_notes(&dir, 1);
    let store = Store::open(&dir).unwrap();
    let holder = Connection::open(dir.database()).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('holder', '1');")
        .unwrap();

    let started = Instant::now();
    let err = store.set_setting("waiter", "1").unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(err, CoreError::Busy(_)), "{err:?}");
    assert!(
        err.to_string().contains("another process is writing"),
        "{err}"
    );
    assert!(
        waited >= BUSY_TIMEOUT - Duration::from_millis(100) && waited < BUSY_TIMEOUT * 3,
        "{waited:?}"
    );
    // Readers are not blocked by the writer (WAL), and nothing half-written shows.
    assert_eq!(store.setting("holder").unwrap(), None);
    holder.execute_batch("COMMIT").unwrap();
    store.set_setting("waiter", "1").unwrap();
}
