//! `pizhu import` leaves the search index current (issue 17): the index's
//! committed change-feed position covers the import, so the next `pizhu search`
//! has nothing to catch up on and rebuilds nothing.

mod common;

use std::time::Duration;

use pizhu_core::{LibraryDir, Store};
use pizhu_search::{IndexState, SearchIndex, SearchOptions};

#[test]
fn import_leaves_the_index_current_so_the_next_search_rebuilds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    // A library with an index, as a previous session leaves it.
    common::ok(&lib, &["reindex"]);

    let files = tmp.path().join("new");
    std::fs::create_dir(&files).unwrap();
    // More papers than a search or an import applies at once (64 changes): the rest
    // goes to a background catch-up, which a CLI process must not abandon on exit.
    for i in 0..80 {
        std::fs::write(
            files.join(format!("paper-{i}.txt")),
            format!("第{i}篇论文\n\n这篇论文讨论鹦鹉螺号潜艇的设计，编号{i}。\n"),
        )
        .unwrap();
    }
    common::ok(&lib, &["import", files.to_str().unwrap()]);

    // Opened afresh, as the next `pizhu search` opens it.
    let store = Store::open(&LibraryDir::new(&lib)).unwrap();
    let index = SearchIndex::open(&store).unwrap();
    let status = index.status();
    assert_eq!(status.state, IndexState::Ready, "no rebuild: {status:?}");
    assert_eq!(
        index.sync(&store).unwrap(),
        0,
        "the import already applied its articles to the index"
    );
    let found = index
        .search(&store, "鹦鹉螺号", SearchOptions::default())
        .unwrap();
    assert_eq!(found.total, 80);
    assert_eq!(found.indexing, None);
    assert!(index.wait_until_ready(Duration::from_secs(1)));
}
