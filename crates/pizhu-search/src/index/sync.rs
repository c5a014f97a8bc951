//! Keeping the index up to date: every change in the library's change feed
//! after the sequence number of the last commit is applied as delete-then-add,
//! by whichever process syncs next.
//!
//! A search applies a small backlog itself ([`INLINE_CHANGES`]); a larger one
//! (a bulk import) goes to a background catch-up on its own read-only
//! connection, which commits every [`CATCH_UP_CHUNK`] documents so searches
//! meanwhile find what is in so far. Intermediate commits keep the old
//! change-feed position as their payload: a process that dies mid-way applies
//! those changes again (delete-then-add is idempotent), it never skips one.

use std::sync::atomic::Ordering;
use std::time::Duration;

use pizhu_core::locks::{lock, unpoisoned};
use pizhu_core::read_models::{IndexFeed, ReadOnlyLibrary};
use pizhu_core::Store;
use tantivy::schema::Term;
use tantivy::IndexWriter;

use super::docs::{article_doc, highlight_doc};
use super::{Live, Location, Result, SearchIndex};
use crate::segment::Segmenter;

/// Changes a search applies itself before answering; more go to the background.
const INLINE_CHANGES: i64 = 64;
/// A catch-up commits (and searches see its progress) after this many documents.
pub(super) const CATCH_UP_CHUNK: u64 = 200;

/// Where a background catch-up stands (read by [`SearchIndex::indexing`]).
#[derive(Default)]
pub(super) struct CatchUp {
    pub(super) running: bool,
    pub(super) done: u64,
    pub(super) of: u64,
}

/// What applying the feed came to.
enum Applied {
    Documents(usize),
    /// The dictionary changed in an index in memory: rebuild it now.
    RebuildInMemory,
}

/// Indexing threads for a bulk job: one per core, tokenising in parallel.
pub(super) fn indexing_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
}

impl SearchIndex {
    /// Apply the library's changes since the last sync. Cheap when there are none.
    /// Waits for a sync running elsewhere in this process. Returns how many
    /// documents were re-indexed.
    pub fn sync(&self, store: &Store) -> Result<usize> {
        match self.apply_feed(store, None, &|_, _| {})? {
            Applied::Documents(n) => Ok(n),
            Applied::RebuildInMemory => {
                self.rebuild_in_memory(store)?;
                Ok(0)
            }
        }
    }

    /// As [`SearchIndex::sync`], tokenising on every core and committing in
    /// chunks: for a large backlog applied while the caller waits (the CLI).
    pub(super) fn sync_bulk(&self, store: &Store) -> Result<usize> {
        match self.apply_feed(store, Some(CATCH_UP_CHUNK), &|_, _| {})? {
            Applied::Documents(n) => Ok(n),
            Applied::RebuildInMemory => {
                self.rebuild_in_memory(store)?;
                Ok(0)
            }
        }
    }

    /// Before a search: apply a small backlog now, hand a large one to the
    /// background. A small backlog another request is applying is waited for
    /// (milliseconds): skipping it answered without the user's own last change
    /// and without saying so, and the search box never asked again.
    pub(super) fn keep_up(&self, store: &Store, live: &Live) -> Result<()> {
        let behind = store.change_seq()? - live.last_seq.load(Ordering::SeqCst);
        if behind <= 0 || lock(&self.inner.catch_up).running {
            return Ok(());
        }
        if behind > INLINE_CHANGES && matches!(self.inner.location, Location::Disk { .. }) {
            self.start_catch_up();
            return Ok(());
        }
        if let Applied::RebuildInMemory = self.apply_feed(store, None, &|_, _| {})? {
            self.rebuild_in_memory(store)?;
        }
        Ok(())
    }

    /// After a write that may have changed many documents (an import): apply
    /// a small backlog now, start a large one in the background, so the index
    /// is current by the time someone searches. In memory, all at once.
    pub fn catch_up_in_background(&self, store: &Store) -> Result<()> {
        let Some(live) = self.live() else {
            return Ok(()); // a rebuild is running; it reads the library as it is
        };
        let behind = store.change_seq()? - live.last_seq.load(Ordering::SeqCst);
        if behind <= 0 {
            return Ok(());
        }
        match self.inner.location {
            Location::Disk { .. } if behind > INLINE_CHANGES => {
                self.start_catch_up();
                Ok(())
            }
            _ => self.sync(store).map(|_| ()),
        }
    }

    /// Wait for a running catch-up to finish (at most `timeout`). True if none runs now.
    pub fn wait_for_catch_up(&self, timeout: Duration) -> bool {
        let guard = lock(&self.inner.catch_up);
        let (guard, _) = unpoisoned(
            self.inner
                .caught_up
                .wait_timeout_while(guard, timeout, |c| c.running),
        );
        !guard.running
    }

    fn start_catch_up(&self) {
        let Location::Disk { library, .. } = &self.inner.location else {
            return;
        };
        {
            let mut c = lock(&self.inner.catch_up);
            if c.running {
                return;
            }
            *c = CatchUp {
                running: true,
                done: 0,
                of: 0,
            };
        }
        let (this, library) = (self.clone(), library.clone());
        std::thread::Builder::new()
            .name("pizhu-catch-up".into())
            .spawn(move || {
                // Its own read-only connection: the app goes on using the store meanwhile.
                // On failure the index stays as it was, and the next search tries again.
                let _ = ReadOnlyLibrary::open(&library, Duration::from_secs(10))
                    .map_err(super::SearchError::from)
                    .and_then(|feed| {
                        this.apply_feed(&feed, Some(CATCH_UP_CHUNK), &|done, of| {
                            let mut c = lock(&this.inner.catch_up);
                            c.done = done;
                            c.of = of;
                        })
                    });
                lock(&this.inner.catch_up).running = false;
                this.inner.caught_up.notify_all();
            })
            .expect("spawning the catch-up thread");
    }

    /// Apply `feed`'s changes since the live index's last commit (after any
    /// sync running in this process). `chunk`:
    /// commit after every so many documents (reporting `progress(done, of)`),
    /// else once at the end.
    fn apply_feed(
        &self,
        feed: &dyn IndexFeed,
        chunk: Option<u64>,
        progress: &dyn Fn(u64, u64),
    ) -> Result<Applied> {
        let Some(live) = self.live() else {
            return Ok(Applied::Documents(0));
        };
        let max_seq = feed.change_seq()?;
        if max_seq <= live.last_seq.load(Ordering::SeqCst) {
            return Ok(Applied::Documents(0));
        }
        let _w = lock(&self.inner.write_lock);
        // The live index may have been swapped while we waited.
        let Some(live) = self.live() else {
            return Ok(Applied::Documents(0));
        };
        let since = live.last_seq.load(Ordering::SeqCst);
        if max_seq <= since {
            return Ok(Applied::Documents(0));
        }
        let changes = feed.changes_between(since, max_seq)?;
        if changes.themes_changed {
            let words = feed.library_words()?;
            let dictionary = Segmenter::dictionary_fingerprint(&words);
            if dictionary != live.dictionary {
                Segmenter::global().add_words(&words);
                match self.inner.location {
                    Location::Memory => return Ok(Applied::RebuildInMemory),
                    Location::Disk { .. } => self.start_rebuild("dictionary changed"),
                }
            }
        }
        // A bulk catch-up tokenises on every core; a small sync needs one thread.
        let threads = if chunk.is_some() {
            indexing_threads()
        } else {
            1
        };
        let mut writer: IndexWriter = match live
            .index
            .writer_with_num_threads(threads, 15_000_000 * threads)
        {
            Ok(w) => w,
            // Another process holds the writer; it will apply these changes.
            Err(tantivy::TantivyError::LockFailure(..)) => return Ok(Applied::Documents(0)),
            Err(e) => return Err(e.into()),
        };
        let f = live.fields;
        let of = (changes.articles.len() + changes.highlights.len()) as u64;
        let (mut done, mut count) = (0u64, 0usize);
        progress(0, of);
        let step = |writer: &mut IndexWriter, done: u64| -> Result<()> {
            if chunk.is_some_and(|c| done.is_multiple_of(c)) {
                // The old position: these changes count as applied only at the end.
                let mut commit = writer.prepare_commit()?;
                commit.set_payload(&since.to_string());
                commit.commit()?;
                live.reader.reload()?;
                progress(done, of);
                #[cfg(test)]
                self.after_commit(done);
            }
            Ok(())
        };
        for &id in &changes.articles {
            // Removes the article and its highlights; both come back if it exists.
            writer.delete_term(Term::from_field_u64(f.article_id, id as u64));
            if let Some(article) = feed.article_doc(id)? {
                writer.add_document(article_doc(&f, &article))?;
                for h in feed.highlight_docs_of(id)? {
                    writer.add_document(highlight_doc(&f, &h))?;
                }
            }
            done += 1;
            count += 1;
            step(&mut writer, done)?;
        }
        for &id in &changes.highlights {
            done += 1;
            let doc = feed.highlight_doc(id)?;
            // A highlight of an article re-indexed above is already back in; deleting
            // its term now would also delete that fresh copy (a delete applies to
            // every document added before it in the same commit).
            if doc
                .as_ref()
                .is_some_and(|h| changes.articles.contains(&h.article_id))
            {
                continue;
            }
            writer.delete_term(Term::from_field_u64(f.highlight_id, id as u64));
            if let Some(h) = doc {
                writer.add_document(highlight_doc(&f, &h))?;
            }
            count += 1;
            step(&mut writer, done)?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&max_seq.to_string());
        commit.commit()?;
        writer.wait_merging_threads()?;
        live.reader.reload()?;
        live.last_seq.store(max_seq, Ordering::SeqCst);
        progress(of, of);
        Ok(Applied::Documents(count))
    }
}
