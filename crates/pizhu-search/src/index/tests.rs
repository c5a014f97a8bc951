//! A search never waits for indexing: the rebuild or catch-up is held after
//! one of its commits (by the test hook, not by timing) while a search runs on
//! this thread.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;
use std::time::Duration;

use pizhu_core::{LibraryDir, NewArticle, Store};

use super::*;

const LONG: Duration = Duration::from_secs(120);

fn add_articles(store: &Store, from: usize, n: usize) {
    let batch: Vec<NewArticle> = (from..from + n)
        .map(|i| NewArticle {
            title: format!("第{i}篇"),
            text: format!("第{i}篇文章谈到进入行业的门槛。\n其余的段落说别的事情，编号{i}。"),
            ..Default::default()
        })
        .collect();
    store.insert_articles(None, &batch).unwrap();
}

fn search(index: &SearchIndex, store: &Store, q: &str) -> SearchResults {
    let opts = SearchOptions {
        limit: 1000,
        ..Default::default()
    };
    index.search(store, q, opts).unwrap()
}

/// A hook that reports its first call and then holds the indexing thread
/// until released; later calls pass.
struct Gate {
    reached: Receiver<u64>,
    release: SyncSender<()>,
}

fn gate() -> (Gate, impl Fn(u64) + Send + Sync + 'static) {
    let (reached_tx, reached) = sync_channel(1);
    let (release, release_rx) = sync_channel(1);
    let first = AtomicBool::new(true);
    let release_rx = Mutex::new(release_rx);
    let hook = move |done: u64| {
        if first.swap(false, Ordering::SeqCst) {
            reached_tx.send(done).unwrap();
            release_rx.lock().unwrap().recv().unwrap();
        }
    };
    (Gate { reached, release }, hook)
}

#[test]
fn a_search_during_a_first_build_answers_from_what_is_indexed_so_far() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(tmp.path().join("lib"))).unwrap();
    add_articles(&store, 0, 40);
    let (gate, hook) = gate();
    let index = SearchIndex::open_with_hook(&store, 10, hook).unwrap();
    // The build has committed 10 documents and is held there.
    assert_eq!(gate.reached.recv_timeout(LONG).unwrap(), 10);
    let mid = search(&index, &store, "门槛");
    assert_eq!(mid.total, 10, "what the build committed so far");
    assert_eq!(mid.indexing, Some(IndexingProgress { done: 10, of: 40 }));
    assert_eq!(index.status().state, IndexState::Rebuilding);
    gate.release.send(()).unwrap();
    assert!(index.wait_until_ready(LONG));
    let after = search(&index, &store, "门槛");
    assert_eq!(
        after.total, 40,
        "every article is found once the build is done"
    );
    assert_eq!(after.indexing, None);
}

#[test]
fn a_search_after_a_bulk_import_answers_while_the_catch_up_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(tmp.path().join("lib"))).unwrap();
    add_articles(&store, 0, 5);
    let first = SearchIndex::open(&store).unwrap();
    assert!(first.wait_until_ready(LONG));
    drop(first);
    let (gate, hook) = gate();
    let index = SearchIndex::open_with_hook(&store, 10, hook).unwrap();
    assert_eq!(search(&index, &store, "门槛").total, 5);

    // A bulk import: far more changes than a search applies itself.
    add_articles(&store, 5, 300);
    let at_once = search(&index, &store, "门槛");
    assert!(
        at_once.indexing.is_some(),
        "the catch-up runs in the background"
    );
    // The catch-up has committed its first chunk and is held there.
    let done = gate.reached.recv_timeout(LONG).unwrap();
    assert_eq!(done, sync::CATCH_UP_CHUNK);
    let mid = search(&index, &store, "门槛");
    assert_eq!(
        mid.total as u64,
        5 + done,
        "the old articles and the first chunk"
    );
    assert_eq!(mid.indexing, Some(IndexingProgress { done, of: 300 }));
    gate.release.send(()).unwrap();
    assert!(index.wait_for_catch_up(LONG));
    let after = search(&index, &store, "门槛");
    assert_eq!(after.total, 305, "every imported article is found");
    assert_eq!(after.indexing, None);
    assert_eq!(index.sync(&store).unwrap(), 0, "nothing left to apply");
}

#[test]
fn a_small_change_is_applied_by_the_search_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(tmp.path().join("lib"))).unwrap();
    add_articles(&store, 0, 3);
    let index = SearchIndex::open(&store).unwrap();
    assert!(index.wait_until_ready(LONG));
    add_articles(&store, 3, 2);
    let found = search(&index, &store, "门槛");
    assert_eq!(found.total, 5);
    assert_eq!(found.indexing, None);
}

/// Another request applying the same small backlog (it holds the writer) does
/// not make a search answer without the user's own last change: the search
/// waits the few milliseconds for it. It used to give up at once, answer from
/// the index as it was, and not say so, and the search box never asked again.
#[test]
fn a_search_waits_for_a_small_sync_another_request_is_running() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(tmp.path().join("lib"))).unwrap();
    add_articles(&store, 0, 3);
    let index = SearchIndex::open(&store).unwrap();
    assert!(index.wait_until_ready(LONG));
    add_articles(&store, 3, 2);
    let found = std::thread::scope(|scope| {
        let held = lock(&index.inner.write_lock);
        let searching = scope.spawn(|| search(&index, &store, "门槛"));
        // Let the search reach the writer's lock while it is held.
        std::thread::sleep(Duration::from_millis(200));
        drop(held);
        searching.join().unwrap()
    });
    assert_eq!(found.total, 5, "the search saw the change being applied");
    assert_eq!(found.indexing, None);
}
