//! The index as a versioned cache of the SQLite library.
//!
//! - **Created / rebuilt** from SQLite when missing, unreadable, or built with
//!   another schema, tokenizer or dictionary (recorded in `pizhu-index.json`
//!   inside the index folder). A rebuild writes a fresh index beside the old one
//!   (`index.building/`) on a background thread with its own read-only SQLite
//!   connection, then swaps it in; until then searches answer from the old index
//!   (or wait for the first one), and the library itself opens and reads as usual.
//! - **Updated incrementally** from the `changes` feed that SQLite triggers fill:
//!   every change with `seq` above the one recorded in the last commit's payload
//!   is applied as delete-then-add, by whichever process runs [`SearchIndex::sync`]
//!   next — so writes by another process reach the index too. One writer: the
//!   writer is taken only for a sync and released after it; a process that cannot
//!   take it (another holds it) searches the index as it is.
//! - **A search never waits for indexing.** A search applies a small backlog
//!   itself; a large one (a bulk import) goes to a background catch-up with its
//!   own connection, committing as it goes. During a catch-up or a rebuild a
//!   search answers at once from what is indexed so far (a library's first build
//!   commits every second or so and is searchable meanwhile), and its results
//!   say so ([`SearchResults::indexing`]).
//!
//! The jobs, one module each:
//! - `cache`: the index folder as a versioned cache (its meta file, opening and checking it);
//! - `docs`: an article or highlight as a tantivy document;
//! - `rebuild`: the full rebuild from a library snapshot, on a background thread
//!   with a folder swap (or at once, in memory);
//! - `sync`: applying the change feed since the last commit, at once or by a
//!   background catch-up;
//! - `query`: a parsed query as a tantivy query;
//! - `hits`: running it, and filling each hit's title, matches and snippet.

mod cache;
mod docs;
mod hits;
mod query;
mod rebuild;
mod sync;

use std::path::PathBuf;
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use pizhu_core::locks::{self, lock, unpoisoned};
use pizhu_core::{CoreError, LibraryDir, Store};
use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader};

use crate::query::parse;
use crate::schema::Fields;
use crate::segment::Segmenter;

use cache::open_existing;
pub use cache::IndexMeta;
use hits::search_live;
use rebuild::Rebuild;
use sync::CatchUp;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("{0}")]
    InvalidQuery(String),
    #[error("the search index is being rebuilt ({done} of {total} documents); try again shortly")]
    Rebuilding { done: u64, total: u64 },
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("{0}")]
    Library(#[from] CoreError),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: {0}")]
    Other(String),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// What the index is doing; serialised as `"ready"`, `"rebuilding"`, `"failed"`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum IndexState {
    /// Searchable, no rebuild running.
    Ready,
    /// A rebuild is running (searches answer from the old index meanwhile, if any).
    Rebuilding,
    /// The last rebuild failed and there is no index to search.
    Failed,
}

/// Where a rebuild stands (the `reindexStatus` operation).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IndexStatus {
    pub state: IndexState,
    /// Documents indexed so far by the running rebuild, and how many there are.
    pub done: u64,
    pub total: u64,
    /// Why the last rebuild started ("missing", "schema changed", …).
    pub reason: String,
    /// The error of a failed rebuild.
    pub error: Option<String>,
    /// Documents in the index being searched.
    pub documents: u64,
}

/// A code-point range in an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatchSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub article_id: i64,
    pub title: String,
    /// BM25.
    pub score: f32,
    /// About 100 characters, HTML-escaped, matches in `<mark>`.
    pub snippet: String,
    /// Every match in the article text (code points), sorted. For a highlight
    /// hit, the matches inside the highlighted passage.
    pub matches: Vec<MatchSpan>,
    /// Set when the hit is a highlight (its passage or its note).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub highlight_id: Option<i64>,
    /// Set when the match is in the article's memo only (`matches` is then empty).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub in_memo: bool,
}

/// Indexing that is running while a search answers: `done` of `of` documents
/// (a rebuild) or changed documents (a catch-up after an import) are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndexingProgress {
    pub done: u64,
    pub of: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// Set while the index is being built or caught up: the results come from
    /// what is indexed so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub indexing: Option<IndexingProgress>,
}

#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Titles, matches and snippets (off: ids and scores only — for measuring).
    pub snippets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            offset: 0,
            snippets: true,
        }
    }
}

/// An open index being searched.
struct Live {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The highest `changes.seq` applied.
    last_seq: AtomicI64,
    dictionary: String,
}

enum Location {
    Disk {
        index_dir: PathBuf,
        library: LibraryDir,
    },
    Memory,
}

struct Inner {
    location: Location,
    live: RwLock<Option<Arc<Live>>>,
    /// The index a first build is writing, searchable from its last commit
    /// while there is no live index.
    partial: RwLock<Option<Arc<Live>>>,
    /// Serialises syncs and the swap at the end of a rebuild.
    write_lock: Mutex<()>,
    rebuild: Mutex<Rebuild>,
    rebuilt: Condvar,
    catch_up: Mutex<CatchUp>,
    caught_up: Condvar,
    #[cfg(test)]
    test_hook: Mutex<Option<TestHook>>,
}

/// Tests hold a rebuild or a catch-up after one of its commits to search mid-way.
#[cfg(test)]
struct TestHook {
    /// A first build commits after every so many documents.
    every: u64,
    /// Called after each commit before the end, with the documents done.
    after_commit: Arc<dyn Fn(u64) + Send + Sync>,
}

/// The search index of one library. Cheap to clone (shared state).
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

impl SearchIndex {
    /// Open the index of the library `store` (on disk).
    /// A usable index opens at once; otherwise a rebuild starts in the background.
    pub fn open(store: &Store) -> Result<SearchIndex> {
        Self::open_disk(store, |_| {})
    }

    /// Open on disk; `prepare` runs before any rebuild starts.
    fn open_disk(store: &Store, prepare: impl FnOnce(&SearchIndex)) -> Result<SearchIndex> {
        let dir = store.dir();
        let words = store.library_words()?;
        let seg = Segmenter::global();
        seg.add_words(&words);
        let dictionary = Segmenter::dictionary_fingerprint(&words);
        let index_dir = dir.index();
        let this = SearchIndex::new(Location::Disk {
            index_dir: index_dir.clone(),
            library: dir.clone(),
        });
        prepare(&this);
        match open_existing(&index_dir, &dictionary) {
            Ok(live) => *locks::write(&this.inner.live) = Some(Arc::new(live)),
            Err(reason) => this.start_rebuild(&reason),
        }
        Ok(this)
    }

    /// An index in memory for a library in memory; built at once, synchronously.
    pub fn open_in_memory(store: &Store) -> Result<SearchIndex> {
        let this = SearchIndex::new(Location::Memory);
        this.rebuild_in_memory(store)?;
        Ok(this)
    }

    fn new(location: Location) -> SearchIndex {
        SearchIndex {
            inner: Arc::new(Inner {
                location,
                live: RwLock::new(None),
                partial: RwLock::new(None),
                write_lock: Mutex::new(()),
                rebuild: Mutex::new(Rebuild {
                    running: false,
                    done: 0,
                    total: 0,
                    reason: String::new(),
                    error: None,
                    pending: None,
                }),
                rebuilt: Condvar::new(),
                catch_up: Mutex::new(CatchUp::default()),
                caught_up: Condvar::new(),
                #[cfg(test)]
                test_hook: Mutex::new(None),
            }),
        }
    }

    /// Open with a hook that holds the first build or a catch-up after its
    /// commits (a first build commits every `every` documents).
    #[cfg(test)]
    fn open_with_hook(
        store: &Store,
        every: u64,
        after_commit: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<SearchIndex> {
        Self::open_disk(store, |this| {
            *lock(&this.inner.test_hook) = Some(TestHook {
                every,
                after_commit: Arc::new(after_commit),
            })
        })
    }

    #[cfg(test)]
    fn after_commit(&self, done: u64) {
        let hook = lock(&self.inner.test_hook)
            .as_ref()
            .map(|h| h.after_commit.clone());
        if let Some(hook) = hook {
            hook(done);
        }
    }

    fn live(&self) -> Option<Arc<Live>> {
        locks::read(&self.inner.live).clone()
    }

    fn set_live(&self, live: Live) {
        *locks::write(&self.inner.live) = Some(Arc::new(live));
    }

    /// Where the index stands.
    pub fn status(&self) -> IndexStatus {
        let r = lock(&self.inner.rebuild);
        let documents = self
            .live()
            .map(|l| l.reader.searcher().num_docs())
            .unwrap_or(0);
        let state = if r.running {
            IndexState::Rebuilding
        } else if r.error.is_some() && documents == 0 {
            IndexState::Failed
        } else {
            IndexState::Ready
        };
        IndexStatus {
            state,
            done: r.done,
            total: r.total,
            reason: r.reason.clone(),
            error: r.error.clone(),
            documents,
        }
    }

    /// Wait for a running rebuild to finish (at most `timeout`). True if none runs now.
    pub fn wait_until_ready(&self, timeout: Duration) -> bool {
        let guard = lock(&self.inner.rebuild);
        let (guard, _) = unpoisoned(
            self.inner
                .rebuilt
                .wait_timeout_while(guard, timeout, |r| r.running),
        );
        !guard.running
    }

    /// If there is no index to search yet (a library's first build), wait for
    /// it, at most `timeout`. True if there is one now.
    pub fn wait_until_searchable(&self, timeout: Duration) -> bool {
        if self.live().is_some() {
            return true;
        }
        self.wait_until_ready(timeout);
        self.live().is_some()
    }

    /// What indexing is running now, if any (a rebuild, else a catch-up).
    pub fn indexing(&self) -> Option<IndexingProgress> {
        {
            let r = lock(&self.inner.rebuild);
            if r.running {
                return Some(IndexingProgress {
                    done: r.done,
                    of: r.total,
                });
            }
        }
        let c = lock(&self.inner.catch_up);
        c.running.then_some(IndexingProgress {
            done: c.done,
            of: c.of,
        })
    }

    /// Search, at once: a small backlog of changes is applied first, a large
    /// one is handed to a background catch-up, and while one runs (or a
    /// rebuild) the answer comes from what is indexed so far and carries
    /// [`SearchResults::indexing`].
    pub fn search(&self, store: &Store, query: &str, opts: SearchOptions) -> Result<SearchResults> {
        let parsed = parse(query).map_err(|e| SearchError::InvalidQuery(e.0))?;
        let live = match self.live() {
            Some(live) => {
                self.keep_up(store, &live)?;
                // A rebuild may have swapped a new index in meanwhile.
                self.live().unwrap_or(live)
            }
            None => match locks::read(&self.inner.partial).clone() {
                Some(partial) => partial,
                None => {
                    let s = self.status();
                    if let Some(e) = s.error.filter(|_| s.state == IndexState::Failed) {
                        return Err(SearchError::Other(format!(
                            "the search index could not be built: {e}"
                        )));
                    }
                    // The first build has not committed anything yet.
                    return Ok(SearchResults {
                        total: 0,
                        hits: vec![],
                        indexing: Some(self.indexing().unwrap_or(IndexingProgress {
                            done: s.done,
                            of: s.total,
                        })),
                    });
                }
            },
        };
        let result = search_live(&live, store, &parsed, opts);
        // An index that fails while being read is damaged: rebuild it from SQLite
        // (searches answer again once that is done).
        if let Err(SearchError::Index(e)) = &result {
            self.start_rebuild(&format!("unreadable: {e}"));
        }
        let mut results = result?;
        results.indexing = self.indexing();
        Ok(results)
    }

    /// Wait until nothing is being indexed and the index holds every change of
    /// the library: for a one-shot process (the CLI), which would otherwise
    /// exit with the work half done.
    pub fn bring_up_to_date(&self, store: &Store, timeout: Duration) -> Result<usize> {
        self.wait_until_ready(timeout);
        self.wait_for_catch_up(timeout);
        let applied = self.sync_bulk(store)?;
        // Changed theme words start a rebuild: wait for that too.
        self.wait_until_ready(timeout);
        Ok(applied)
    }
}

#[cfg(test)]
mod tests;
