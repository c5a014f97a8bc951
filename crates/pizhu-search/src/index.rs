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

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use pizhu_core::rusqlite::{self, params, Connection, OpenFlags, OptionalExtension};
use pizhu_core::LibraryDir;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::postings::Postings;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{
    DocId, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
};

use crate::normalize::normalize;
use crate::query::{parse, Filter, ParsedQuery, Phrase};
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::segment::Segmenter;
use crate::snippet::{choose_window, render, SNIPPET_CHARS};
use crate::tokenizer::TOKENIZER_VERSION;

const META_FILE: &str = "pizhu-index.json";
const WRITER_MEMORY: usize = 50_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("{0}")]
    InvalidQuery(String),
    #[error("the search index is being rebuilt ({done} of {total} documents); try again shortly")]
    Rebuilding { done: u64, total: u64 },
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("library database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: {0}")]
    Other(String),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// What `pizhu-index.json` records about how an index was built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexMeta {
    pub schema_version: u32,
    pub tokenizer_version: u32,
    /// [`Segmenter::dictionary_fingerprint`] of the library's words.
    pub dictionary: String,
}

impl IndexMeta {
    fn current(dictionary: &str) -> IndexMeta {
        IndexMeta {
            schema_version: SCHEMA_VERSION,
            tokenizer_version: TOKENIZER_VERSION,
            dictionary: dictionary.to_string(),
        }
    }
}

/// Where a rebuild stands (the `reindexStatus` operation).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IndexStatus {
    /// `ready`, `rebuilding` or `failed`.
    pub state: String,
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

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
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
        database: PathBuf,
    },
    Memory,
}

struct Rebuild {
    running: bool,
    done: u64,
    total: u64,
    reason: String,
    error: Option<String>,
    /// Asked for while one was running (e.g. the dictionary changed mid-build):
    /// run once more when it ends, so the index reflects the latest request.
    pending: Option<String>,
}

struct Inner {
    location: Location,
    live: RwLock<Option<Arc<Live>>>,
    /// Serialises syncs and the swap at the end of a rebuild.
    write_lock: Mutex<()>,
    rebuild: Mutex<Rebuild>,
    rebuilt: Condvar,
}

/// The search index of one library. Cheap to clone (shared state).
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

/// Theme names and keywords: the library's own words for jieba.
pub fn library_words(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name, keywords FROM themes")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut words = Vec::new();
    for row in rows {
        let (name, keywords) = row?;
        words.push(name);
        words.extend(serde_json::from_str::<Vec<String>>(&keywords).unwrap_or_default());
    }
    Ok(words)
}

fn read_meta(dir: &Path) -> Option<IndexMeta> {
    serde_json::from_slice(&std::fs::read(dir.join(META_FILE)).ok()?).ok()
}

fn open_live(index: Index, dictionary: String) -> Result<Live> {
    schema::register_tokenizers(&index);
    let fields = schema::fields_of(&index.schema())?;
    let last_seq = index
        .load_metas()?
        .payload
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Live {
        index,
        reader,
        fields,
        last_seq: AtomicI64::new(last_seq),
        dictionary,
    })
}

/// Open the index in `dir` if it was built the way this build would build it.
fn open_existing(dir: &Path, dictionary: &str) -> Result<Live, String> {
    let meta = read_meta(dir).ok_or("missing")?;
    if meta.schema_version != SCHEMA_VERSION || meta.tokenizer_version != TOKENIZER_VERSION {
        return Err("schema or tokenizer changed".into());
    }
    if meta.dictionary != dictionary {
        return Err("dictionary changed".into());
    }
    let index = Index::open_in_dir(dir).map_err(|e| format!("unreadable: {e}"))?;
    let live = open_live(index, dictionary.to_string()).map_err(|e| format!("unreadable: {e}"))?;
    // Touch every segment's postings once so a damaged file is found now, not mid-search.
    let searcher = live.reader.searcher();
    for seg in searcher.segment_readers() {
        seg.inverted_index(live.fields.body)
            .map_err(|e| format!("unreadable: {e}"))?;
        seg.fast_fields()
            .u64("article_id")
            .map_err(|e| format!("unreadable: {e}"))?;
    }
    Ok(live)
}

// ---- documents from SQLite -------------------------------------------------

fn authors_of(raw: &str) -> Vec<String> {
    serde_json::from_str(raw).unwrap_or_default()
}

/// An article's document: its text in `body`, the reader's memo on the whole
/// article in `note` (as a highlight's note is).
fn article_doc(
    f: &Fields,
    id: i64,
    title: &str,
    authors: &[String],
    text: &str,
    memo: &str,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.article_id, id as u64);
    doc.add_u64(f.article_doc, id as u64);
    doc.add_text(f.title, title);
    doc.add_text(f.body, text);
    if !memo.is_empty() {
        doc.add_text(f.note, memo);
    }
    for a in authors {
        doc.add_text(f.author, a);
    }
    doc
}

fn highlight_doc(
    f: &Fields,
    id: i64,
    article_id: i64,
    exact: &str,
    note: &str,
    authors: &[String],
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.article_id, article_id as u64);
    doc.add_u64(f.highlight_id, id as u64);
    doc.add_text(f.body, exact);
    doc.add_text(f.note, note);
    for a in authors {
        doc.add_text(f.author, a);
    }
    doc
}

const HIGHLIGHT_SELECT: &str =
    "SELECT h.id, h.article_id, h.exact, h.note, a.authors FROM highlights h JOIN articles a ON a.id = h.article_id";

fn add_highlights(
    writer: &IndexWriter,
    f: &Fields,
    conn: &Connection,
    filter: &str,
    param: Option<i64>,
    mut progress: impl FnMut(),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!("{HIGHLIGHT_SELECT} {filter}"))?;
    let mut rows = match param {
        Some(p) => stmt.query([p])?,
        None => stmt.query([])?,
    };
    while let Some(r) = rows.next()? {
        let authors = authors_of(&r.get::<_, String>(4)?);
        writer.add_document(highlight_doc(
            f,
            r.get(0)?,
            r.get(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            &authors,
        ))?;
        progress();
    }
    Ok(())
}

/// Index the whole library into `index` (fresh). Returns the `changes.seq` the
/// snapshot covers.
fn fill(index: &Index, conn: &Connection, progress: &dyn Fn(u64, u64)) -> Result<i64> {
    let fields = schema::fields_of(&index.schema())?;
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    // One read transaction: the snapshot and its `seq` agree.
    conn.execute_batch("BEGIN")?;
    let result = (|| -> Result<i64> {
        let seq: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?;
        let total: i64 = conn.query_row(
            "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM highlights)",
            [],
            |r| r.get(0),
        )?;
        let total = total as u64;
        let mut done = 0u64;
        progress(0, total);
        {
            let mut stmt =
                conn.prepare("SELECT id, title, authors, text, memo FROM articles ORDER BY id")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let authors = authors_of(&r.get::<_, String>(2)?);
                let text: &str = r
                    .get_ref(3)?
                    .as_str()
                    .map_err(|e| SearchError::Other(e.to_string()))?;
                writer.add_document(article_doc(
                    &fields,
                    r.get(0)?,
                    &r.get::<_, String>(1)?,
                    &authors,
                    text,
                    r.get_ref(4)?.as_str().unwrap_or(""),
                ))?;
                done += 1;
                if done & 255 == 0 {
                    progress(done, total);
                }
            }
        }
        add_highlights(&writer, &fields, conn, "ORDER BY h.id", None, || {
            done += 1;
        })?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&seq.to_string());
        commit.commit()?;
        progress(total, total);
        Ok(seq)
    })();
    let _ = conn.execute_batch("COMMIT");
    let seq = result?;
    writer.wait_merging_threads()?;
    Ok(seq)
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

// ---- the index --------------------------------------------------------------

impl SearchIndex {
    /// Open the index of the library in `dir` (SQLite `conn` is that library's).
    /// A usable index opens at once; otherwise a rebuild starts in the background.
    pub fn open(dir: &LibraryDir, conn: &Connection) -> Result<SearchIndex> {
        let words = library_words(conn)?;
        let seg = Segmenter::global();
        seg.add_words(&words);
        let dictionary = Segmenter::dictionary_fingerprint(&words);
        let index_dir = dir.index();
        let this = SearchIndex::new(Location::Disk {
            index_dir: index_dir.clone(),
            database: dir.database(),
        });
        match open_existing(&index_dir, &dictionary) {
            Ok(live) => {
                *this.inner.live.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(live))
            }
            Err(reason) => this.start_rebuild(&reason),
        }
        Ok(this)
    }

    /// An index in memory for a library in memory; built at once, synchronously.
    pub fn open_in_memory(conn: &Connection) -> Result<SearchIndex> {
        let this = SearchIndex::new(Location::Memory);
        this.rebuild_in_memory(conn)?;
        Ok(this)
    }

    fn new(location: Location) -> SearchIndex {
        SearchIndex {
            inner: Arc::new(Inner {
                location,
                live: RwLock::new(None),
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
            }),
        }
    }

    fn live(&self) -> Option<Arc<Live>> {
        self.inner
            .live
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set_live(&self, live: Live) {
        *self.inner.live.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(live));
    }

    /// Where the index stands.
    pub fn status(&self) -> IndexStatus {
        let r = self.inner.rebuild.lock().unwrap_or_else(|p| p.into_inner());
        let documents = self
            .live()
            .map(|l| l.reader.searcher().num_docs())
            .unwrap_or(0);
        let state = if r.running {
            "rebuilding"
        } else if r.error.is_some() && documents == 0 {
            "failed"
        } else {
            "ready"
        };
        IndexStatus {
            state: state.into(),
            done: r.done,
            total: r.total,
            reason: r.reason.clone(),
            error: r.error.clone(),
            documents,
        }
    }

    /// Rebuild from SQLite on demand (`pizhu reindex`). On disk it runs in the
    /// background (see [`SearchIndex::wait_until_ready`]); in memory, at once.
    pub fn reindex(&self, conn: &Connection) -> Result<()> {
        match self.inner.location {
            Location::Memory => self.rebuild_in_memory(conn),
            Location::Disk { .. } => {
                self.start_rebuild("requested");
                Ok(())
            }
        }
    }

    /// Wait for a running rebuild to finish (at most `timeout`). True if none runs now.
    pub fn wait_until_ready(&self, timeout: Duration) -> bool {
        let guard = self.inner.rebuild.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self
            .inner
            .rebuilt
            .wait_timeout_while(guard, timeout, |r| r.running)
            .unwrap_or_else(|p| p.into_inner());
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

    fn rebuild_in_memory(&self, conn: &Connection) -> Result<()> {
        let words = library_words(conn)?;
        Segmenter::global().add_words(&words);
        let dictionary = Segmenter::dictionary_fingerprint(&words);
        let (schema, _) = schema::build();
        let index = Index::create_in_ram(schema);
        schema::register_tokenizers(&index);
        let seq = fill(&index, conn, &|_, _| {})?;
        let live = open_live(index, dictionary)?;
        live.last_seq.store(seq, Ordering::SeqCst);
        let _w = self
            .inner
            .write_lock
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        self.set_live(live);
        Ok(())
    }

    /// Start a background rebuild unless one is running.
    fn start_rebuild(&self, reason: &str) {
        let Location::Disk { .. } = self.inner.location else {
            return;
        };
        {
            let mut r = self.inner.rebuild.lock().unwrap_or_else(|p| p.into_inner());
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
                let mut r = this.inner.rebuild.lock().unwrap_or_else(|p| p.into_inner());
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
        let Location::Disk {
            index_dir,
            database,
        } = &self.inner.location
        else {
            unreachable!()
        };
        let conn = Connection::open_with_flags(
            database,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let words = library_words(&conn)?;
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
            let mut r = self.inner.rebuild.lock().unwrap_or_else(|p| p.into_inner());
            r.done = done;
            r.total = total;
        };
        fill(&index, &conn, &progress)?;
        drop(index);
        let meta = serde_json::to_vec_pretty(&IndexMeta::current(&dictionary))
            .map_err(|e| SearchError::Other(e.to_string()))?;
        std::fs::write(building.join(META_FILE), meta)?;
        // Swap: no sync may write into the old folder meanwhile.
        let _w = self
            .inner
            .write_lock
            .lock()
            .unwrap_or_else(|p| p.into_inner());
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
        Ok(())
    }

    /// Apply the library's changes since the last sync. Cheap when there are none.
    /// Returns how many documents were re-indexed.
    pub fn sync(&self, conn: &Connection) -> Result<usize> {
        let Some(live) = self.live() else {
            return Ok(0);
        };
        let max_seq: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
                r.get(0)
            })?;
        if max_seq <= live.last_seq.load(Ordering::SeqCst) {
            return Ok(0);
        }
        let _w = self
            .inner
            .write_lock
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        // The live index may have been swapped while we waited.
        let Some(live) = self.live() else {
            return Ok(0);
        };
        let since = live.last_seq.load(Ordering::SeqCst);
        if max_seq <= since {
            return Ok(0);
        }
        let mut articles = BTreeSet::new();
        let mut highlights = BTreeSet::new();
        let mut themes_changed = false;
        {
            let mut stmt = conn.prepare_cached(
                "SELECT DISTINCT kind, ref FROM changes WHERE seq > ?1 AND seq <= ?2",
            )?;
            let rows = stmt.query_map(params![since, max_seq], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            for row in rows {
                match row? {
                    (k, id) if k == "article" => {
                        articles.insert(id);
                    }
                    (k, id) if k == "highlight" => {
                        highlights.insert(id);
                    }
                    _ => themes_changed = true,
                }
            }
        }
        if themes_changed {
            let words = library_words(conn)?;
            let dictionary = Segmenter::dictionary_fingerprint(&words);
            if dictionary != live.dictionary {
                Segmenter::global().add_words(&words);
                match self.inner.location {
                    Location::Memory => {
                        drop(_w);
                        self.rebuild_in_memory(conn)?;
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
        for &id in &articles {
            // Removes the article and its highlights; both come back if it exists.
            writer.delete_term(Term::from_field_u64(f.article_id, id as u64));
            let row = conn
                .query_row(
                    "SELECT title, authors, text, memo FROM articles WHERE id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                        ))
                    },
                )
                .optional()?;
            if let Some((title, authors, text, memo)) = row {
                writer.add_document(article_doc(
                    &f,
                    id,
                    &title,
                    &authors_of(&authors),
                    &text,
                    &memo,
                ))?;
                add_highlights(
                    &writer,
                    &f,
                    conn,
                    "WHERE h.article_id = ?1",
                    Some(id),
                    || {},
                )?;
            }
            count += 1;
        }
        let covered: Vec<i64> = articles.iter().copied().collect();
        for &id in &highlights {
            let article: Option<i64> = conn
                .query_row(
                    "SELECT article_id FROM highlights WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            // A highlight of an article re-indexed above is already back in; deleting
            // its term now would also delete that fresh copy (a delete applies to
            // every document added before it in the same commit).
            if article.is_some_and(|a| covered.binary_search(&a).is_ok()) {
                continue;
            }
            writer.delete_term(Term::from_field_u64(f.highlight_id, id as u64));
            if article.is_some() {
                add_highlights(&writer, &f, conn, "WHERE h.id = ?1", Some(id), || {})?;
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

    /// Search. Syncs first. If the library has no index yet (first rebuild
    /// running), waits up to 60 s for it.
    pub fn search(
        &self,
        conn: &Connection,
        query: &str,
        opts: SearchOptions,
    ) -> Result<SearchResults> {
        if !self.wait_until_searchable(Duration::from_secs(60)) {
            let s = self.status();
            return match s.error {
                Some(e) => Err(SearchError::Other(format!(
                    "the search index could not be built: {e}"
                ))),
                None => Err(SearchError::Rebuilding {
                    done: s.done,
                    total: s.total,
                }),
            };
        };
        self.sync(conn)?;
        let live = self
            .live()
            .ok_or_else(|| SearchError::Other("no index".into()))?;
        let parsed = parse(query).map_err(|e| SearchError::InvalidQuery(e.0))?;
        let result = search_live(&live, conn, &parsed, opts);
        // An index that fails while being read is damaged: rebuild it from SQLite
        // (searches answer again once that is done).
        if let Err(SearchError::Index(e)) = &result {
            self.start_rebuild(&format!("unreadable: {e}"));
        }
        result
    }
}

// ---- querying -----------------------------------------------------------------

fn phrase_in_field(field: tantivy::schema::Field, p: &Phrase) -> Box<dyn Query> {
    if p.terms.len() == 1 {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &p.terms[0].1),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new_with_offset(
            p.terms
                .iter()
                .map(|(o, t)| (*o, Term::from_field_text(field, t)))
                .collect(),
        ))
    }
}

fn phrase_anywhere(f: &Fields, p: &Phrase) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        [f.title, f.body, f.note]
            .into_iter()
            .map(|field| (Occur::Should, phrase_in_field(field, p)))
            .collect(),
    ))
}

/// Highlights coded with the theme named `name` (compared normalised), and their articles.
fn theme_members(conn: &Connection, name: &str) -> Result<(Vec<i64>, Vec<i64>)> {
    let wanted = normalize(name.trim());
    let mut stmt = conn.prepare_cached("SELECT id, name FROM themes")?;
    let ids: Vec<i64> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(|r| r.ok())
        .filter(|(_, n)| normalize(n.trim()) == wanted)
        .map(|(id, _)| id)
        .collect();
    let mut highlights = Vec::new();
    let mut articles = BTreeSet::new();
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.article_id FROM highlight_themes ht JOIN highlights h ON h.id = ht.highlight_id
         WHERE ht.theme_id = ?1",
    )?;
    for id in ids {
        for row in stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (h, a) = row?;
            highlights.push(h);
            articles.insert(a);
        }
    }
    Ok((highlights, articles.into_iter().collect()))
}

fn filter_query(f: &Fields, conn: &Connection, filter: &Filter) -> Result<Box<dyn Query>> {
    Ok(match filter {
        Filter::Article(id) => Box::new(TermQuery::new(
            Term::from_field_u64(f.article_id, *id as u64),
            IndexRecordOption::Basic,
        )),
        Filter::Author(name) => Box::new(TermQuery::new(
            Term::from_field_text(f.author, name),
            IndexRecordOption::Basic,
        )),
        Filter::Theme(name) => {
            let (highlights, articles) = theme_members(conn, name)?;
            Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(TermSetQuery::new(
                        highlights
                            .iter()
                            .map(|&h| Term::from_field_u64(f.highlight_id, h as u64)),
                    )) as Box<dyn Query>,
                ),
                (
                    Occur::Should,
                    Box::new(TermSetQuery::new(
                        articles
                            .iter()
                            .map(|&a| Term::from_field_u64(f.article_doc, a as u64)),
                    )),
                ),
            ]))
        }
    })
}

fn build_query(f: &Fields, conn: &Connection, q: &ParsedQuery) -> Result<Box<dyn Query>> {
    // One word alone: a plain disjunction over the fields, which tantivy can
    // answer top-k with block-max WAND instead of scoring every match.
    if q.required.len() == 1 && q.excluded.is_empty() && q.filters.is_empty() {
        return Ok(phrase_anywhere(f, &q.required[0]));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for p in &q.required {
        clauses.push((Occur::Must, phrase_anywhere(f, p)));
    }
    if q.required.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for p in &q.excluded {
        clauses.push((Occur::MustNot, phrase_anywhere(f, p)));
    }
    for filter in &q.filters {
        clauses.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(filter_query(f, conn, filter)?, 0.0)),
        ));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Positions of `term` in document `doc` of field `field` (empty if absent).
fn term_positions(
    seg: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    term: &str,
    doc: DocId,
    out: &mut Vec<u32>,
) -> Result<()> {
    out.clear();
    let inverted = seg.inverted_index(field)?;
    let term = Term::from_field_text(field, term);
    if let Some(mut postings) =
        inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
    {
        // `seek` may only move forward: a list whose first document is past
        // `doc` does not hold it (tantivy asserts this in debug builds).
        if postings.doc() <= doc && postings.seek(doc) == doc {
            postings.positions(out);
        }
    }
    Ok(())
}

/// Code-point spans where the phrases occur in one field of one document.
fn phrase_spans(
    seg: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    doc: DocId,
    phrases: &[Phrase],
) -> Result<Vec<(usize, usize)>> {
    let mut spans = Vec::new();
    let mut first = Vec::new();
    let mut others: Vec<Vec<u32>> = Vec::new();
    for p in phrases {
        term_positions(seg, field, &p.terms[0].1, doc, &mut first)?;
        if first.is_empty() {
            continue;
        }
        others.resize_with(p.terms.len().saturating_sub(1), Vec::new);
        for (slot, (_, term)) in others.iter_mut().zip(&p.terms[1..]) {
            term_positions(seg, field, term, doc, slot)?;
        }
        let base0 = p.terms[0].0 as u32;
        'start: for &pos in &first {
            let Some(start) = pos.checked_sub(base0) else {
                continue;
            };
            for (slot, (offset, _)) in others.iter().zip(&p.terms[1..]) {
                if slot.binary_search(&(start + *offset as u32)).is_err() {
                    continue 'start;
                }
            }
            spans.push((start as usize, start as usize + p.len));
        }
    }
    spans.sort_unstable();
    spans.dedup();
    Ok(spans)
}

fn search_live(
    live: &Live,
    conn: &Connection,
    parsed: &ParsedQuery,
    opts: SearchOptions,
) -> Result<SearchResults> {
    if parsed.is_empty() {
        return Ok(SearchResults {
            total: 0,
            hits: vec![],
        });
    }
    let f = &live.fields;
    let query = build_query(f, conn, parsed)?;
    let searcher: Searcher = live.reader.searcher();
    let limit = opts.limit.clamp(1, 1000);
    // Top hits (scored, with pruning) and the total (counted without scoring,
    // which is a document-frequency look-up for a single term) separately: one
    // pass doing both would have to score every match.
    let top = searcher.search(
        &*query,
        &TopDocs::with_limit(limit)
            .and_offset(opts.offset)
            .order_by_score(),
    )?;
    let total = query.count(&searcher)?;
    let mut columns: HashMap<
        u32,
        (
            tantivy::columnar::Column<u64>,
            tantivy::columnar::Column<u64>,
        ),
    > = HashMap::new();
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let seg = searcher.segment_reader(addr.segment_ord);
        let (article_col, highlight_col) = match columns.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let ff = seg.fast_fields();
                v.insert((ff.u64("article_id")?, ff.u64("highlight_id")?))
            }
        };
        let article_id = article_col.first(addr.doc_id).unwrap_or(0) as i64;
        let highlight_id = highlight_col.first(addr.doc_id).map(|h| h as i64);
        let mut hit = SearchHit {
            article_id,
            title: String::new(),
            score,
            snippet: String::new(),
            matches: vec![],
            highlight_id,
            in_memo: false,
        };
        if opts.snippets {
            let body = phrase_spans(seg, f.body, addr.doc_id, &parsed.required)?;
            // The note (or memo) gives the snippet only when the text itself has no match.
            let note = if body.is_empty() {
                phrase_spans(seg, f.note, addr.doc_id, &parsed.required)?
            } else {
                Vec::new()
            };
            match highlight_id {
                None => fill_article_hit(conn, &mut hit, &body, &note)?,
                Some(h) => fill_highlight_hit(conn, &mut hit, h, &body, &note)?,
            }
        }
        hits.push(hit);
    }
    Ok(SearchResults { total, hits })
}

fn fill_article_hit(
    conn: &Connection,
    hit: &mut SearchHit,
    spans: &[(usize, usize)],
    memo_spans: &[(usize, usize)],
) -> Result<()> {
    if spans.is_empty() && !memo_spans.is_empty() {
        return fill_memo_hit(conn, hit, memo_spans);
    }
    let (start, end) = choose_window(spans, SNIPPET_CHARS);
    let mut stmt = conn.prepare_cached(
        "SELECT title, substr(text, ?2, ?3), length(text) FROM articles WHERE id = ?1",
    )?;
    let row = stmt
        .query_row(
            params![hit.article_id, start as i64 + 1, (end - start) as i64],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )
        .optional()?;
    // The index may trail SQLite by a moment (another process's write): a hit
    // whose article is gone keeps its id and an empty snippet.
    let Some((title, window, length)) = row else {
        return Ok(());
    };
    hit.title = title;
    let length = length as usize;
    hit.snippet = render(&window, start, spans, start > 0, end < length);
    hit.matches = spans
        .iter()
        .filter(|s| s.1 <= length)
        .map(|&(start, end)| MatchSpan { start, end })
        .collect();
    Ok(())
}

/// A hit found only in the article's memo: the snippet comes from the memo,
/// and there is no place in the article text to point at.
fn fill_memo_hit(conn: &Connection, hit: &mut SearchHit, spans: &[(usize, usize)]) -> Result<()> {
    let row = conn
        .prepare_cached("SELECT title, memo FROM articles WHERE id = ?1")?
        .query_row([hit.article_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?;
    let Some((title, memo)) = row else {
        return Ok(());
    };
    hit.title = title;
    hit.in_memo = true;
    let (ws, we) = choose_window(spans, SNIPPET_CHARS);
    let len = memo.chars().count();
    let window: String = memo.chars().skip(ws).take(we - ws).collect();
    hit.snippet = render(&window, ws, spans, ws > 0, we < len);
    Ok(())
}

fn fill_highlight_hit(
    conn: &Connection,
    hit: &mut SearchHit,
    highlight_id: i64,
    exact_spans: &[(usize, usize)],
    note_spans: &[(usize, usize)],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.title, h.exact, h.note, h.start, h.orphan FROM highlights h JOIN articles a ON a.id = h.article_id
         WHERE h.id = ?1",
    )?;
    let row = stmt
        .query_row([highlight_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })
        .optional()?;
    let Some((title, exact, note, start, orphan)) = row else {
        return Ok(());
    };
    hit.title = title;
    let (text, spans) = if exact_spans.is_empty() && !note_spans.is_empty() {
        (&note, note_spans)
    } else {
        (&exact, exact_spans)
    };
    let (ws, we) = choose_window(spans, SNIPPET_CHARS);
    let len = text.chars().count();
    let window: String = text.chars().skip(ws).take(we - ws).collect();
    hit.snippet = render(&window, ws, spans, ws > 0, we < len);
    if !orphan {
        let start = start.max(0) as usize;
        hit.matches = exact_spans
            .iter()
            .map(|&(s, e)| MatchSpan {
                start: start + s,
                end: start + e,
            })
            .collect();
    }
    Ok(())
}
