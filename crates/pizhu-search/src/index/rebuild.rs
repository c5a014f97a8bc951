//! The full rebuild: every document of a library snapshot into a fresh index.
//! On disk it runs on a background thread with its own read-only connection,
//! writes `index.building-<pid>/` beside the live index and swaps the folders
//! under the write lock; in memory it runs at once.
//!
//! The snapshot is read on this thread and tokenised on tantivy's indexing
//! threads, one per core (each builds its own segments, merged afterwards), so
//! jieba runs on both cores of a laptop. With no live index to answer from (a
//! library's first build), the build commits every [`PARTIAL_COMMIT`] and
//! searches answer from what it holds so far.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use pizhu_core::locks::{self, lock};
use pizhu_core::read_models::{IndexSnapshot, ReadOnlyLibrary};
use pizhu_core::Store;
use tantivy::{Index, IndexWriter};

use super::cache::{open_existing, open_live, IndexMeta, META_FILE};
use super::docs::{article_doc, highlight_doc};
use super::sync::indexing_threads;
use super::{Location, Result, SearchError, SearchIndex};
use crate::schema;
use crate::segment::Segmenter;

/// The writer's memory budget per indexing thread.
const WRITER_MEMORY_PER_THREAD: usize = 32_000_000;
/// How often a first build commits so searches can use what it holds.
const PARTIAL_COMMIT: Duration = Duration::from_secs(2);

/// When a build commits before its end.
pub(super) enum CommitEvery {
    /// Only at the end (a live index answers searches meanwhile).
    End,
    /// After this long since the last commit.
    Interval(Duration),
    /// After this many documents (tests).
    #[cfg_attr(not(test), allow(dead_code))]
    Documents(u64),
}

/// Where a rebuild stands (read by [`SearchIndex::status`]).
pub(super) struct Rebuild {
    pub(super) running: bool,
    pub(super) done: u64,
    pub(super) total: u64,
    pub(super) reason: String,
    pub(super) error: Option<String>,
    /// Asked for while one was running (e.g. the dictionary changed mid-build):
    /// run once more when it ends, so the index reflects the latest request.
    pub(super) pending: Option<String>,
}

/// Index the whole library snapshot into `index` (fresh), committing as
/// `every` says and calling `committed(done)` after each commit before the end.
/// Returns the `changes.seq` the snapshot covers.
fn fill(
    index: &Index,
    snap: &IndexSnapshot,
    progress: &dyn Fn(u64, u64),
    every: CommitEvery,
    committed: &dyn Fn(u64) -> Result<()>,
) -> Result<i64> {
    let fields = schema::fields_of(&index.schema())?;
    let threads = indexing_threads();
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, WRITER_MEMORY_PER_THREAD * threads)?;
    let total = snap.total;
    let mut done = 0u64;
    let mut last_commit = Instant::now();
    progress(0, total);
    let mut step = |writer: &mut IndexWriter, done: u64| -> Result<()> {
        if done & 255 == 0 {
            progress(done, total);
        }
        let due = match every {
            CommitEvery::End => false,
            CommitEvery::Interval(d) => done & 31 == 0 && last_commit.elapsed() >= d,
            CommitEvery::Documents(n) => done.is_multiple_of(n),
        };
        if due {
            writer.commit()?;
            progress(done, total);
            committed(done)?;
            last_commit = Instant::now();
        }
        Ok(())
    };
    snap.for_each_article(|a| -> Result<()> {
        writer.add_document(article_doc(&fields, &a))?;
        done += 1;
        step(&mut writer, done)
    })?;
    snap.for_each_highlight(|h| -> Result<()> {
        writer.add_document(highlight_doc(&fields, &h))?;
        done += 1;
        step(&mut writer, done)
    })?;
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&snap.seq.to_string());
    commit.commit()?;
    progress(total, total);
    writer.wait_merging_threads()?;
    Ok(snap.seq)
}

/// Remove `index.building-<pid>` / `index.old-<pid>` folders left by processes
/// that died mid-rebuild (a CLI command exits without waiting for one). Where
/// liveness cannot be checked (no `/proc`), folders are left alone.
fn remove_abandoned_builds(index_dir: &Path) {
    let (Some(parent), Some(name)) = (index_dir.parent(), index_dir.file_name()) else {
        return;
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!("{}.", name.to_string_lossy());
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest
            .strip_prefix("building-")
            .or_else(|| rest.strip_prefix("old-"));
        if let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok()) {
            if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

impl SearchIndex {
    /// Rebuild from SQLite on demand (`pizhu reindex`). On disk it runs in the
    /// background (see [`SearchIndex::wait_until_ready`]); in memory, at once.
    pub fn reindex(&self, store: &Store) -> Result<()> {
        match self.inner.location {
            Location::Memory => self.rebuild_in_memory(store),
            Location::Disk { .. } => {
                self.start_rebuild("requested");
                Ok(())
            }
        }
    }

    pub(super) fn rebuild_in_memory(&self, store: &Store) -> Result<()> {
        let words = store.library_words()?;
        Segmenter::global().add_words(&words);
        let dictionary = Segmenter::dictionary_fingerprint(&words);
        let (schema, _) = schema::build();
        let index = Index::create_in_ram(schema);
        schema::register_tokenizers(&index);
        let seq = store
            .index_snapshot(|snap| fill(&index, snap, &|_, _| {}, CommitEvery::End, &|_| Ok(())))?;
        let live = open_live(index, dictionary)?;
        live.last_seq.store(seq, Ordering::SeqCst);
        let _w = lock(&self.inner.write_lock);
        self.set_live(live);
        Ok(())
    }

    #[cfg(not(test))]
    fn partial_commits(&self) -> CommitEvery {
        CommitEvery::Interval(PARTIAL_COMMIT)
    }

    #[cfg(test)]
    fn partial_commits(&self) -> CommitEvery {
        match lock(&self.inner.test_hook).as_ref() {
            Some(h) => CommitEvery::Documents(h.every),
            None => CommitEvery::Interval(PARTIAL_COMMIT),
        }
    }

    /// Start a background rebuild unless one is running.
    pub(super) fn start_rebuild(&self, reason: &str) {
        let Location::Disk { .. } = self.inner.location else {
            return;
        };
        {
            let mut r = lock(&self.inner.rebuild);
            if r.running {
                r.pending = Some(reason.to_string());
                return;
            }
            *r = Rebuild {
                running: true,
                done: 0,
                total: 0,
                reason: reason.to_string(),
                error: None,
                pending: None,
            };
        }
        let this = self.clone();
        std::thread::Builder::new()
            .name("pizhu-reindex".into())
            .spawn(move || loop {
                let outcome = this.rebuild_on_disk();
                let mut r = lock(&this.inner.rebuild);
                r.error = outcome.err().map(|e| e.to_string());
                if let Some(reason) = r.pending.take() {
                    r.reason = reason;
                    r.done = 0;
                    continue;
                }
                r.running = false;
                this.inner.rebuilt.notify_all();
                break;
            })
            .expect("spawning the reindex thread");
    }

    fn rebuild_on_disk(&self) -> Result<()> {
        let Location::Disk { index_dir, library } = &self.inner.location else {
            unreachable!()
        };
        // Its own read-only connection: the app goes on using the store meanwhile.
        let reader = ReadOnlyLibrary::open(library, Duration::from_secs(10))?;
        let words = reader.library_words()?;
        Segmenter::global().add_words(&words);
        let dictionary = Segmenter::dictionary_fingerprint(&words);
        // Per process: the desktop app and a CLI may both rebuild at once.
        let pid = std::process::id();
        remove_abandoned_builds(index_dir);
        let building = index_dir.with_extension(format!("building-{pid}"));
        if building.exists() {
            std::fs::remove_dir_all(&building)?;
        }
        std::fs::create_dir_all(&building)?;
        let (schema, _) = schema::build();
        let index = Index::create_in_dir(&building, schema)?;
        schema::register_tokenizers(&index);
        let progress = |done: u64, total: u64| {
            let mut r = lock(&self.inner.rebuild);
            r.done = done;
            r.total = total;
        };
        let every = if self.live().is_some() {
            CommitEvery::End
        } else {
            self.partial_commits()
        };
        // Searches answer from the building index's last commit until the swap.
        let committed = |done: u64| -> Result<()> {
            let partial = locks::read(&self.inner.partial).clone();
            match partial {
                Some(p) => p.reader.reload()?,
                None => {
                    let live = open_live(index.clone(), dictionary.clone())?;
                    *locks::write(&self.inner.partial) = Some(Arc::new(live));
                }
            }
            #[cfg(test)]
            self.after_commit(done);
            let _ = done;
            Ok(())
        };
        let filled = reader.index_snapshot(|snap| fill(&index, snap, &progress, every, &committed));
        if filled.is_err() {
            *locks::write(&self.inner.partial) = None;
        }
        filled?;
        drop(index);
        let meta = serde_json::to_vec_pretty(&IndexMeta::current(&dictionary))
            .map_err(|e| SearchError::Other(e.to_string()))?;
        std::fs::write(building.join(META_FILE), meta)?;
        // Swap: no sync may write into the old folder meanwhile.
        let _w = lock(&self.inner.write_lock);
        let old = index_dir.with_extension(format!("old-{pid}"));
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        if index_dir.exists() {
            std::fs::rename(index_dir, &old)?;
        }
        std::fs::rename(&building, index_dir)?;
        let _ = std::fs::remove_dir_all(&old);
        let live = open_existing(index_dir, &dictionary).map_err(SearchError::Other)?;
        self.set_live(live);
        *locks::write(&self.inner.partial) = None;
        Ok(())
    }
}
