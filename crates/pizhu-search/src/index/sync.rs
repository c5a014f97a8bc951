//! Keeping the index up to date: every change in the library's change feed
//! after the sequence number of the last commit is applied as delete-then-add,
//! by whichever process syncs next.

use std::sync::atomic::Ordering;

use pizhu_core::locks::lock;
use pizhu_core::Store;
use tantivy::schema::Term;
use tantivy::IndexWriter;

use super::docs::{article_doc, highlight_doc};
use super::{Location, Result, SearchIndex};
use crate::segment::Segmenter;

impl SearchIndex {
    /// Apply the library's changes since the last sync. Cheap when there are none.
    /// Returns how many documents were re-indexed.
    pub fn sync(&self, store: &Store) -> Result<usize> {
        let Some(live) = self.live() else {
            return Ok(0);
        };
        let max_seq = store.change_seq()?;
        if max_seq <= live.last_seq.load(Ordering::SeqCst) {
            return Ok(0);
        }
        let _w = lock(&self.inner.write_lock);
        // The live index may have been swapped while we waited.
        let Some(live) = self.live() else {
            return Ok(0);
        };
        let since = live.last_seq.load(Ordering::SeqCst);
        if max_seq <= since {
            return Ok(0);
        }
        let changes = store.changes_between(since, max_seq)?;
        if changes.themes_changed {
            let words = store.library_words()?;
            let dictionary = Segmenter::dictionary_fingerprint(&words);
            if dictionary != live.dictionary {
                Segmenter::global().add_words(&words);
                match self.inner.location {
                    Location::Memory => {
                        drop(_w);
                        self.rebuild_in_memory(store)?;
                        return Ok(0);
                    }
                    Location::Disk { .. } => self.start_rebuild("dictionary changed"),
                }
            }
        }
        let mut writer: IndexWriter = match live.index.writer_with_num_threads(1, 15_000_000) {
            Ok(w) => w,
            // Another process holds the writer; it will apply these changes.
            Err(tantivy::TantivyError::LockFailure(..)) => return Ok(0),
            Err(e) => return Err(e.into()),
        };
        let f = live.fields;
        let mut count = 0;
        for &id in &changes.articles {
            // Removes the article and its highlights; both come back if it exists.
            writer.delete_term(Term::from_field_u64(f.article_id, id as u64));
            if let Some(article) = store.article_doc(id)? {
                writer.add_document(article_doc(&f, &article))?;
                for h in store.highlight_docs_of(id)? {
                    writer.add_document(highlight_doc(&f, &h))?;
                }
            }
            count += 1;
        }
        for &id in &changes.highlights {
            let doc = store.highlight_doc(id)?;
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
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&max_seq.to_string());
        commit.commit()?;
        writer.wait_merging_threads()?;
        live.reader.reload()?;
        live.last_seq.store(max_seq, Ordering::SeqCst);
        Ok(count)
    }
}
