//! The search benchmark (a measurement, not a test): `scripts/bench-search.sh`
//! builds the corpus and runs this in release mode, in one process:
//!
//! `cargo bench -p pizhu-search --bench search_bench -- CORPUS.jsonl [QUERIES]`
//!
//! It prints, side by side: raw jieba `cut_for_search` throughput (the limit);
//! Pizhu's indexing throughput and its ratio to that limit; index size over input
//! size; query latency p50/p99 with and without snippets; peak memory; and the same
//! corpus in SQLite FTS5 (trigram on the raw text; unicode61 on jieba-segmented
//! text) with index time, size, latency and the overlap of results.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pizhu_core::articles::Inserted;
use pizhu_core::rusqlite::{params, Connection};
use pizhu_core::test_rng::Rng;
use pizhu_core::{LibraryDir, NewArticle, Store};
use pizhu_search::{SearchIndex, SearchOptions, Segmenter};

struct Doc {
    title: String,
    text: String,
}

fn load(path: &Path) -> Vec<Doc> {
    let f = std::io::BufReader::new(std::fs::File::open(path).expect("corpus file"));
    f.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            Doc {
                title: v["title"].as_str().unwrap().to_string(),
                text: v["text"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

/// A small deterministic generator (xorshift64*), so runs sample the same queries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Word,
    And,
    Phrase,
}

struct Sample {
    kind: Kind,
    /// Pizhu's query.
    pizhu: String,
    /// The words (or the phrase's text) for the FTS5 translations.
    parts: Vec<String>,
}

fn is_word(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(char::is_alphanumeric)
}

/// Words, AND pairs and phrases taken from random documents of the corpus.
fn sample_queries(docs: &[Doc], n: usize) -> Vec<Sample> {
    let seg = Segmenter::global();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let doc = &docs[rng.below(docs.len())];
        let para: Vec<&str> = doc
            .text
            .split('\n')
            .filter(|p| p.chars().count() > 10)
            .collect();
        if para.is_empty() {
            continue;
        }
        let para = para[rng.below(para.len())];
        let words = seg.cut(para);
        let candidates: Vec<_> = words.iter().filter(|w| is_word(w.text)).collect();
        if candidates.len() < 2 {
            continue;
        }
        let kind = [Kind::Word, Kind::And, Kind::Phrase][out.len() % 3];
        match kind {
            Kind::Word => {
                let w = candidates[rng.below(candidates.len())].text.to_string();
                out.push(Sample {
                    kind,
                    pizhu: w.clone(),
                    parts: vec![w],
                });
            }
            Kind::And => {
                let a = candidates[rng.below(candidates.len())].text.to_string();
                let b = candidates[rng.below(candidates.len())].text.to_string();
                if a == b {
                    continue;
                }
                out.push(Sample {
                    kind,
                    pizhu: format!("{a} {b}"),
                    parts: vec![a, b],
                });
            }
            Kind::Phrase => {
                // 2–4 consecutive words, as they stand in the text.
                let len = 2 + rng.below(3);
                if words.len() < len {
                    continue;
                }
                let i = rng.below(words.len() - len + 1);
                let run = &words[i..i + len];
                if !run
                    .iter()
                    .all(|w| w.text.chars().all(char::is_alphanumeric))
                {
                    continue;
                }
                let text: String = para
                    .chars()
                    .skip(run[0].start)
                    .take(run[len - 1].end - run[0].start)
                    .collect();
                if text.contains('"') || text.chars().any(char::is_whitespace) {
                    continue;
                }
                out.push(Sample {
                    kind,
                    pizhu: format!("\"{text}\""),
                    parts: run.iter().map(|w| w.text.to_string()).collect(),
                });
            }
        }
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| {
                    let m = e.metadata().unwrap();
                    if m.is_dir() {
                        dir_size(&e.path())
                    } else {
                        m.len()
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn proc_status(key: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    fn malloc_trim(pad: usize) -> i32;
}

/// CPU time of this thread: unlike wall time, it does not count the time the
/// scheduler gives other processes (the benchmark shares its cores).
fn thread_cpu() -> Duration {
    cpu_clock(3) // CLOCK_THREAD_CPUTIME_ID
}

/// CPU time of the whole process (all threads: indexing runs on tantivy's).
fn process_cpu() -> Duration {
    cpu_clock(2) // CLOCK_PROCESS_CPUTIME_ID
}

fn cpu_clock(id: i32) -> Duration {
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: glibc's clock_gettime with a valid clock id and a valid out pointer.
    unsafe { clock_gettime(id, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Give freed heap back to the OS so a later phase's RSS is its own.
fn trim_heap() {
    // SAFETY: glibc's malloc_trim only releases free memory.
    unsafe { malloc_trim(0) };
}

/// Linux: reset the peak-RSS counter so a later phase's peak can be read alone.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

struct Latency {
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn latency(mut v: Vec<Duration>) -> Latency {
    v.sort();
    Latency {
        p50: percentile(&v, 0.5),
        p99: percentile(&v, 0.99),
        max: *v.last().unwrap_or(&Duration::ZERO),
    }
}

fn fts_phrase(words: &[String]) -> String {
    format!("\"{}\"", words.join(" ").replace('"', ""))
}

/// FTS5 query text for a sample: trigram matches substrings; the segmented
/// table matches jieba words.
fn fts_query(s: &Sample, segmented: bool) -> String {
    let seg = Segmenter::global();
    let one = |text: &str| -> String {
        if segmented {
            fts_phrase(
                &seg.cut(text)
                    .iter()
                    .map(|w| pizhu_search::normalize::normalize(w.text))
                    .collect::<Vec<_>>(),
            )
        } else {
            format!("\"{}\"", text.replace('"', ""))
        }
    };
    match s.kind {
        Kind::Word => one(&s.parts[0]),
        Kind::And => format!("{} AND {}", one(&s.parts[0]), one(&s.parts[1])),
        Kind::Phrase => {
            if segmented {
                fts_phrase(
                    &s.parts
                        .iter()
                        .map(|p| pizhu_search::normalize::normalize(p))
                        .collect::<Vec<_>>(),
                )
            } else {
                one(&s.parts.concat())
            }
        }
    }
}

/// jieba's search mode as a plain tantivy tokenizer: tokens in jieba's order,
/// positions counted one by one (what a stock jieba tokenizer does).
#[derive(Clone)]
struct StockJieba(std::sync::Arc<jieba_rs::Jieba>);

struct StockStream {
    tokens: Vec<tantivy::tokenizer::Token>,
    next: usize,
}

impl tantivy::tokenizer::Tokenizer for StockJieba {
    type TokenStream<'a> = StockStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> StockStream {
        let tokens = self
            .0
            .cut_for_search(text, false)
            .into_iter()
            .enumerate()
            .map(|(i, t)| tantivy::tokenizer::Token {
                offset_from: t.byte_start,
                offset_to: t.byte_end,
                position: i,
                text: t.word.to_string(),
                position_length: 1,
            })
            .collect();
        StockStream { tokens, next: 0 }
    }
}

impl tantivy::tokenizer::TokenStream for StockStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Index `docs` (title + text) with [`StockJieba`] in RAM, one indexing thread.
/// Returns (wall, CPU over all threads) seconds.
fn stock_tantivy_build(docs: &[Doc]) -> (f64, f64) {
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    let mut b = Schema::builder();
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("stock_jieba")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let title = b.add_text_field("title", opts.clone());
    let body = b.add_text_field("body", opts);
    let index = tantivy::Index::create_in_ram(b.build());
    let jieba = StockJieba(std::sync::Arc::new(jieba_rs::Jieba::new()));
    index.tokenizers().register(
        "stock_jieba",
        tantivy::tokenizer::TextAnalyzer::builder(jieba).build(),
    );
    let t = Instant::now();
    let cpu0 = process_cpu();
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 50_000_000).unwrap();
    for d in docs {
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(title, &d.title);
        doc.add_text(body, &d.text);
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    (
        t.elapsed().as_secs_f64(),
        (process_cpu() - cpu0).as_secs_f64(),
    )
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let corpus = PathBuf::from(
        args.first()
            .expect("usage: search_bench CORPUS.jsonl [QUERIES]"),
    );
    let n_queries: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1200);
    let work = tempfile::Builder::new()
        .prefix("pizhu-bench")
        .tempdir()
        .unwrap();
    let mut report = String::new();
    let mut line = |s: String| {
        println!("{s}");
        report.push_str(&s);
        report.push('\n');
    };

    let docs = load(&corpus);
    let input_bytes: u64 = docs
        .iter()
        .map(|d| (d.title.len() + d.text.len()) as u64)
        .sum();
    let text_bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    line(format!(
        "corpus: {} documents, {:.1} MB of text (+ titles: {:.1} MB), {} characters",
        docs.len(),
        text_bytes as f64 / 1e6,
        input_bytes as f64 / 1e6,
        docs.iter().map(|d| d.text.chars().count()).sum::<usize>()
    ));

    // ---- the limit: raw jieba cut_for_search -------------------------------------
    let seg = Segmenter::global();
    let raw_jieba = jieba_rs::Jieba::new(); // same default dictionary, measured bare
    let _ = seg.cut("预热");
    let t = Instant::now();
    let cpu0 = thread_cpu();
    let mut tokens = 0usize;
    for d in &docs {
        tokens += raw_jieba.cut_for_search(&d.title, false).len();
        tokens += raw_jieba.cut_for_search(&d.text, false).len();
    }
    let raw_secs = t.elapsed().as_secs_f64();
    let raw_cpu = (thread_cpu() - cpu0).as_secs_f64();
    let raw_mbps = input_bytes as f64 / 1e6 / raw_secs;
    drop(raw_jieba);
    line(format!(
        "raw jieba cut_for_search (no HMM): {raw_secs:.2} s wall, {raw_cpu:.2} s CPU, {raw_mbps:.2} MB/s, {tokens} tokens"
    ));

    // Pizhu's tokenizer alone (normalise + search mode + single characters), no index.
    let t = Instant::now();
    let cpu0 = thread_cpu();
    let (mut norm, mut spans, mut n_spans) = (String::new(), Vec::new(), 0usize);
    for d in &docs {
        pizhu_search::tokenizer::index_spans(&d.title, &mut norm, &mut spans);
        n_spans += spans.len();
        pizhu_search::tokenizer::index_spans(&d.text, &mut norm, &mut spans);
        n_spans += spans.len();
    }
    let tok_secs = t.elapsed().as_secs_f64();
    let tok_cpu = (thread_cpu() - cpu0).as_secs_f64();
    line(format!(
        "pizhu tokenizer alone: {tok_secs:.2} s wall, {tok_cpu:.2} s CPU = {:.0}% of raw throughput (CPU), {n_spans} tokens",
        100.0 * raw_cpu / tok_cpu
    ));
    drop((norm, spans));

    // ---- what tantivy itself costs: the raw search-mode tokens, nothing stored ------
    // A reference point, not Pizhu: jieba's own tokens (no normalisation, no single
    // characters, no offsets fixed) into an in-memory tantivy index with positions.
    let (stock_secs, stock_cpu) = stock_tantivy_build(&docs);
    trim_heap(); // give the reference index's memory back before Pizhu's is measured
    line(format!(
        "reference: tantivy over raw cut_for_search tokens (positions, nothing stored): {stock_secs:.2} s wall, {stock_cpu:.2} s CPU = {:.0}% of raw by CPU",
        100.0 * raw_cpu / stock_cpu
    ));

    // ---- the library in SQLite (not timed), then Pizhu's index -----------------------
    let lib_dir = LibraryDir::new(work.path().join("lib"));
    let store = Store::open(&lib_dir).unwrap();
    let mut ids = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(2000) {
        let batch: Vec<NewArticle> = chunk
            .iter()
            .map(|d| NewArticle {
                title: d.title.clone(),
                text: d.text.clone(),
                ..Default::default()
            })
            .collect();
        for r in store.insert_articles(None, &batch).unwrap() {
            ids.push(match r {
                Inserted::New(id) | Inserted::Duplicate(id) => id,
            });
        }
    }
    let rss_before_index = proc_status("VmRSS:");
    reset_peak_rss();
    let t = Instant::now();
    let cpu0 = process_cpu();
    let index = SearchIndex::open(&store).unwrap();
    index.wait_until_ready(Duration::from_secs(3600));
    let index_secs = t.elapsed().as_secs_f64();
    let index_cpu = (process_cpu() - cpu0).as_secs_f64();
    let status = index.status();
    assert_eq!(status.state, pizhu_search::IndexState::Ready, "{status:?}");
    let index_mbps = input_bytes as f64 / 1e6 / index_secs;
    let index_size = dir_size(&lib_dir.index());
    let index_peak = proc_status("VmHWM:");
    line(format!(
        "pizhu index build: {index_secs:.2} s wall ({index_mbps:.2} MB/s = {:.0}% of raw), {index_cpu:.2} s CPU over all threads ({:.0}% of raw by CPU); index {:.1} MB = {:.2}× input; {} docs; RSS peak while indexing {} MB (before: {} MB)",
        100.0 * index_mbps / raw_mbps,
        100.0 * raw_cpu / index_cpu,
        index_size as f64 / 1e6,
        index_size as f64 / input_bytes as f64,
        status.documents,
        index_peak,
        rss_before_index
    ));

    if std::env::args().any(|a| a == "--index-only") {
        return; // for profiling the build alone
    }

    // ---- queries ---------------------------------------------------------------------
    let samples = sample_queries(&docs, n_queries);
    drop(docs);
    drop(index);
    drop(store);
    // A fresh process-like state for the search phase: reopen from disk.
    trim_heap();
    reset_peak_rss();
    let store = Store::open(&lib_dir).unwrap();
    let index = SearchIndex::open(&store).unwrap();
    let panics = std::cell::Cell::new(0usize);
    let errors = std::cell::Cell::new(0usize);
    let run =
        |q: &str, snippets: bool, limit: usize| -> Option<(Duration, Vec<i64>, usize, Duration)> {
            let t = Instant::now();
            let cpu = thread_cpu();
            let r = catch_unwind(AssertUnwindSafe(|| {
                index.search(
                    &store,
                    q,
                    SearchOptions {
                        limit,
                        offset: 0,
                        snippets,
                    },
                )
            }));
            let el = t.elapsed();
            let cpu = thread_cpu() - cpu;
            match r {
                Err(_) => {
                    panics.set(panics.get() + 1);
                    None
                }
                Ok(Err(e)) => {
                    eprintln!("query {q:?}: {e}");
                    errors.set(errors.get() + 1);
                    None
                }
                Ok(Ok(res)) => Some((
                    el,
                    res.hits.iter().map(|h| h.article_id).collect(),
                    res.total,
                    cpu,
                )),
            }
        };
    // Warm-up pass (page cache, lazily built tables), untimed.
    for s in &samples {
        run(&s.pizhu, true, 10);
    }
    let mut plain = Vec::new();
    let mut with_snippets = Vec::new();
    let mut plain_cpu = Vec::new();
    let mut with_snippets_cpu = Vec::new();
    let mut by_kind: Vec<(Kind, Vec<Duration>, Vec<Duration>)> =
        [Kind::Word, Kind::And, Kind::Phrase]
            .iter()
            .map(|k| (*k, vec![], vec![]))
            .collect();
    let mut zero_hits = 0usize;
    for s in &samples {
        let a = run(&s.pizhu, false, 10);
        let b = run(&s.pizhu, true, 10);
        if let (Some(a), Some(b)) = (a, b) {
            if a.2 == 0 {
                zero_hits += 1;
            }
            plain.push(a.0);
            with_snippets.push(b.0);
            plain_cpu.push(a.3);
            with_snippets_cpu.push(b.3);
            let k = by_kind.iter_mut().find(|k| k.0 == s.kind).unwrap();
            k.1.push(a.0);
            k.2.push(b.0);
        }
    }
    let search_rss = proc_status("VmHWM:");
    let lp = latency(plain);
    let ls = latency(with_snippets);
    line(format!(
        "pizhu queries: {} ({} words, {} AND pairs, {} phrases), top 10; {} with no hit; panics {}; errors {}",
        samples.len(),
        samples.iter().filter(|s| s.kind == Kind::Word).count(),
        samples.iter().filter(|s| s.kind == Kind::And).count(),
        samples.iter().filter(|s| s.kind == Kind::Phrase).count(),
        zero_hits,
        panics.get(),
        errors.get()
    ));
    let (cp, cs) = (latency(plain_cpu), latency(with_snippets_cpu));
    line(format!(
        "  without snippets: p50 {} ms, p99 {} ms, max {} ms wall; thread CPU p50 {} ms, p99 {} ms",
        ms(lp.p50),
        ms(lp.p99),
        ms(lp.max),
        ms(cp.p50),
        ms(cp.p99)
    ));
    line(format!(
        "  with snippets:    p50 {} ms, p99 {} ms, max {} ms wall; thread CPU p50 {} ms, p99 {} ms",
        ms(ls.p50),
        ms(ls.p99),
        ms(ls.max),
        ms(cs.p50),
        ms(cs.p99)
    ));
    for (k, a, b) in by_kind {
        let (a, b) = (latency(a), latency(b));
        line(format!(
            "  {k:?}: p50/p99 {} / {} ms without snippets, {} / {} ms with",
            ms(a.p50),
            ms(a.p99),
            ms(b.p50),
            ms(b.p99)
        ));
    }
    line(format!(
        "  search-phase peak RSS (index opened from disk, all queries run): {search_rss} MB"
    ));

    // Full result sets for the overlap (untimed).
    let pizhu_sets: Vec<HashSet<i64>> = samples
        .iter()
        .map(|s| {
            run(&s.pizhu, false, 100_000)
                .map(|r| r.1.into_iter().collect())
                .unwrap_or_default()
        })
        .collect();

    // ---- the peer: SQLite FTS5 -------------------------------------------------------------
    let docs = load(&corpus);
    let mut unicode61_secs = 0.0;
    for (name, tokenizer, segmented) in [
        ("trigram (raw text)", "trigram", false),
        ("unicode61 (jieba-segmented text)", "unicode61", true),
    ] {
        let path = work.path().join(format!("fts-{tokenizer}.sqlite"));
        let db = Connection::open(&path).unwrap();
        db.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = '{tokenizer}');"
        ))
        .unwrap();
        let t = Instant::now();
        db.execute_batch("BEGIN").unwrap();
        {
            let mut ins = db
                .prepare("INSERT INTO docs(rowid, title, body) VALUES (?1, ?2, ?3)")
                .unwrap();
            let mut buf = String::new();
            let segment = |text: &str, buf: &mut String| {
                buf.clear();
                let norm = pizhu_search::normalize::normalize(text);
                for w in seg.cut_for_search(&norm) {
                    buf.push_str(w);
                    buf.push(' ');
                }
            };
            for (d, id) in docs.iter().zip(&ids) {
                if segmented {
                    let mut title = String::new();
                    segment(&d.title, &mut title);
                    segment(&d.text, &mut buf);
                    ins.execute(params![id, title, buf]).unwrap();
                } else {
                    ins.execute(params![id, d.title, d.text]).unwrap();
                }
            }
        }
        db.execute_batch("COMMIT; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        if segmented {
            unicode61_secs = secs;
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut top = db
            .prepare("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10")
            .unwrap();
        let mut all = db
            .prepare("SELECT rowid FROM docs WHERE docs MATCH ?1")
            .unwrap();
        let queries: Vec<String> = samples.iter().map(|s| fts_query(s, segmented)).collect();
        for q in &queries {
            let _ = top
                .query_map([q], |r| r.get::<_, i64>(0))
                .map(|rows| rows.count());
        }
        let mut times = Vec::new();
        let mut failed = 0;
        for q in &queries {
            let t = Instant::now();
            match top.query_map([q], |r| r.get::<_, i64>(0)) {
                Ok(rows) => {
                    let _ = rows.count();
                    times.push(t.elapsed());
                }
                Err(_) => failed += 1,
            }
        }
        let l = latency(times);
        // Overlap with Pizhu's full result sets, per query kind.
        let mut jaccard = [(0.0f64, 0usize); 3];
        let mut empty = [0usize; 3];
        for ((s, q), ours) in samples.iter().zip(&queries).zip(&pizhu_sets) {
            let theirs: HashSet<i64> = all
                .query_map([q], |r| r.get::<_, i64>(0))
                .map(|rows| rows.filter_map(|r| r.ok()).collect())
                .unwrap_or_default();
            let k = s.kind as usize;
            if theirs.is_empty() {
                empty[k] += 1;
            }
            let union = ours.union(&theirs).count();
            let inter = ours.intersection(&theirs).count();
            jaccard[k].0 += if union == 0 {
                1.0
            } else {
                inter as f64 / union as f64
            };
            jaccard[k].1 += 1;
        }
        line(format!(
            "fts5 {name}: index {secs:.2} s ({:.2} MB/s), {:.1} MB = {:.2}× input; query p50 {} ms, p99 {} ms (top 10 by bm25); {failed} failed",
            input_bytes as f64 / 1e6 / secs,
            size as f64 / 1e6,
            size as f64 / input_bytes as f64,
            ms(l.p50),
            ms(l.p99)
        ));
        for (k, name) in ["words", "AND pairs", "phrases"].iter().enumerate() {
            line(format!(
                "  {name}: mean Jaccard overlap with pizhu {:.3}; no hit in fts5 for {} of {}",
                jaccard[k].0 / jaccard[k].1.max(1) as f64,
                empty[k],
                jaccard[k].1
            ));
        }
    }
    line(format!(
        "rebuild wall time: pizhu {index_secs:.2} s ({} indexing threads) vs FTS5 unicode61 over the same jieba segmentation {unicode61_secs:.2} s = {:.2}×; vs stock tantivy (one thread, raw tokens) {stock_secs:.2} s = {:.2}×; load average {}",
        std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        index_secs / unicode61_secs,
        index_secs / stock_secs,
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
    ));
    line(format!(
        "overall peak RSS of the benchmark process: {} MB",
        proc_status("VmHWM:")
    ));
    if let Ok(out) = std::env::var("PIZHU_BENCH_REPORT") {
        std::fs::File::create(out)
            .unwrap()
            .write_all(report.as_bytes())
            .unwrap();
    }
}
