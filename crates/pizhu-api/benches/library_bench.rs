//! The large-library benchmark (issue 17; a measurement, not a test):
//! `scripts/bench-library.sh [PAPERS]` runs this in release mode.
//!
//! It generates PAPERS journal-paper-sized articles (10,000–20,000 characters
//! each, paragraphs of the search corpus `.bench/corpus.jsonl` when present,
//! else of the bundled articles, recombined at random; nothing is committed),
//! writes them as .txt files, and prints each figure beside a baseline from the
//! same run:
//!
//! - bulk import (`importFiles`) vs reading the same files and inserting them
//!   with bare SQL; then the time until every paper is searchable, and how
//!   long a search right after the import takes (it must not wait);
//! - 5 highlights per paper over 30 themes (bare SQL, like the analysis bench),
//!   and the time until they are indexed;
//! - query p50/p99 with and without snippets vs SQLite FTS5 (unicode61 over the
//!   same jieba segmentation) on the same papers;
//! - theme matrix, co-occurrence, KWIC in reading order, suggested passages;
//! - backup, integrity check, opening the library; this process's memory.
//!
//! The load average is printed beside the figures: the machine is shared.
//! - agreement with brute force over SQLite: search hits on a sample of queries, every
//!   matrix cell, and every row of the CSV export.
//!
//! `PIZHU_BENCH_KEEP=DIR` keeps the library in DIR (for `scripts/bench/library-ui.mjs`);
//! with `PIZHU_BENCH_ONLY=agreement` as well, only the agreement check runs, on that library.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pizhu_api::Pizhu;
use pizhu_core::rusqlite::{params, Connection};
use pizhu_core::test_rng::Rng;
use pizhu_core::LibraryDir;
use pizhu_search::{SearchOptions, Segmenter};
use serde_json::json;

const THEMES: usize = 30;
const HIGHLIGHTS_PER_PAPER: usize = 5;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Paragraphs of at least 20 characters: from the search corpus if given, else
/// the bundled articles.
fn paragraph_pool(corpus: Option<&Path>) -> Vec<String> {
    let mut pool = Vec::new();
    if let Some(path) = corpus {
        let f = std::io::BufReader::new(std::fs::File::open(path).expect("corpus file"));
        for line in f.lines() {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            for p in v["text"].as_str().unwrap_or("").split('\n') {
                if p.chars().count() >= 20 {
                    pool.push(p.trim().to_string());
                }
            }
        }
    } else {
        let mut files: Vec<_> = std::fs::read_dir(data_dir().join("articles"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let s = std::fs::read_to_string(&f).unwrap();
            let body = s.split("\n---\n").nth(1).unwrap_or(&s);
            for p in body.split('\n').map(str::trim) {
                let p = p.trim_start_matches('#').trim();
                if p.chars().count() >= 20 {
                    pool.push(p.to_string());
                }
            }
        }
    }
    assert!(pool.len() > 50, "no paragraphs to build papers from");
    pool
}

/// Write `n` papers of 10,000–20,000 characters as `paper-NNNNN.txt`.
fn write_papers(dir: &Path, n: usize, pool: &[String], rng: &mut Rng) -> (u64, u64) {
    std::fs::create_dir_all(dir).unwrap();
    let (mut bytes, mut chars) = (0u64, 0u64);
    for i in 0..n {
        let target = 10_000 + rng.below(10_001);
        let mut text = format!("合成论文第{i}号\n\n");
        let mut len = text.chars().count();
        while len < target {
            let p = &pool[rng.below(pool.len())];
            text.push_str(p);
            text.push('\n');
            len += p.chars().count() + 1;
        }
        bytes += text.len() as u64;
        chars += len as u64;
        std::fs::write(dir.join(format!("paper-{i:05}.txt")), text).unwrap();
    }
    (bytes, chars)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn proc_status_mb(key: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median of `runs` timed runs after one warm-up.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Words, AND pairs and 2–3-word phrases from random paragraphs.
fn sample_queries(pool: &[String], n: usize, rng: &mut Rng) -> Vec<(String, Vec<String>, bool)> {
    let seg = Segmenter::global();
    let mut out = Vec::new();
    while out.len() < n {
        let para = &pool[rng.below(pool.len())];
        let words: Vec<String> = seg
            .cut(para)
            .into_iter()
            .map(|w| w.text.to_string())
            .collect();
        let ok = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphanumeric);
        let cands: Vec<&String> = words.iter().filter(|w| ok(w)).collect();
        if cands.len() < 2 {
            continue;
        }
        match out.len() % 3 {
            0 => {
                let w = cands[rng.below(cands.len())].clone();
                out.push((w.clone(), vec![w], false));
            }
            1 => {
                let (a, b) = (
                    cands[rng.below(cands.len())].clone(),
                    cands[rng.below(cands.len())].clone(),
                );
                if a != b {
                    out.push((format!("{a} {b}"), vec![a, b], false));
                }
            }
            _ => {
                let len = 2 + rng.below(2);
                if words.len() < len {
                    continue;
                }
                let i = rng.below(words.len() - len + 1);
                let run = &words[i..i + len];
                if run
                    .iter()
                    .all(|w| ok(w) || w.chars().all(char::is_alphanumeric))
                {
                    out.push((format!("\"{}\"", run.concat()), run.to_vec(), true));
                }
            }
        }
    }
    out
}

struct Report(String);
impl Report {
    fn line(&mut self, s: String) {
        println!("{s}");
        self.0.push_str(&s);
        self.0.push('\n');
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let papers: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let corpus = std::env::var_os("PIZHU_BENCH_CORPUS")
        .map(PathBuf::from)
        .filter(|p| p.exists());
    let work = tempfile::Builder::new()
        .prefix("pizhu-library-bench")
        .tempdir()
        .unwrap();
    let lib_path = match std::env::var_os("PIZHU_BENCH_KEEP") {
        Some(p) => PathBuf::from(p),
        None => work.path().join("lib"),
    };
    let mut r = Report(String::new());
    let mut rng = Rng(0x1701_2026_0000_0017);
    // `PIZHU_BENCH_ONLY=agreement`: only the last step, on the library kept by an earlier run.
    if std::env::var("PIZHU_BENCH_ONLY").as_deref() == Ok("agreement") {
        let app = Pizhu::open(&LibraryDir::new(&lib_path)).unwrap();
        app.search_index()
            .wait_until_ready(Duration::from_secs(3600));
        agreement(&app, &mut rng, &mut r);
        return;
    }

    // ---- the papers -----------------------------------------------------------------
    let pool = paragraph_pool(corpus.as_deref());
    let files = work.path().join("papers");
    let (bytes, chars) = write_papers(&files, papers, &pool, &mut rng);
    r.line(format!(
        "papers: {papers} of 10,000–20,000 characters ({:.1} M characters, {:.1} MB) from {}; load average {}",
        chars as f64 / 1e6,
        bytes as f64 / 1e6,
        if corpus.is_some() { "the search corpus's paragraphs" } else { "the bundled articles' paragraphs" },
        load_average()
    ));

    // ---- baseline: read the files, bare INSERT ----------------------------------------
    let base_path = work.path().join("baseline.sqlite");
    let t = Instant::now();
    {
        let db = Connection::open(&base_path).unwrap();
        db.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE TABLE articles(id INTEGER PRIMARY KEY, title TEXT, text TEXT); BEGIN;",
        )
        .unwrap();
        let mut ins = db
            .prepare("INSERT INTO articles(title, text) VALUES (?1, ?2)")
            .unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&files).unwrap().flatten().collect();
        names.sort_by_key(|e| e.file_name());
        for e in names {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let title = text.lines().next().unwrap_or("").to_string();
            ins.execute(params![title, text]).unwrap();
        }
        drop(ins);
        db.execute_batch("COMMIT").unwrap();
    }
    let base_secs = t.elapsed().as_secs_f64();

    // ---- Pizhu: bulk import, then until all of it is searchable -----------------------
    let dir = LibraryDir::new(&lib_path);
    let app = Pizhu::open(&dir).unwrap();
    let index = app.search_index().clone();
    index.wait_until_ready(Duration::from_secs(600)); // the bundled articles' first build
    let load_import = load_average();
    let t = Instant::now();
    let report = app
        .call("importFiles", json!({ "paths": [files] }))
        .unwrap();
    let import_secs = t.elapsed().as_secs_f64();
    let imported = report["imported"].as_array().map_or(0, |a| a.len());
    r.line(format!(
        "bulk import: {imported} papers in {import_secs:.1} s = {:.0} papers/s; baseline (read files + bare INSERT, one transaction): {base_secs:.1} s = {:.0} papers/s; ratio {:.1}×; load {load_import}",
        imported as f64 / import_secs,
        papers as f64 / base_secs,
        import_secs / base_secs
    ));
    let t = Instant::now();
    let first = index
        .search(app.store(), "合成论文", SearchOptions::default())
        .unwrap();
    r.line(format!(
        "  search right after the import: {:.1} ms, total {} so far, indexing {:?}",
        ms(t.elapsed()),
        first.total,
        first.indexing
    ));
    let t0 = Instant::now();
    index.wait_until_ready(Duration::from_secs(3600));
    index.wait_for_catch_up(Duration::from_secs(3600));
    index.sync(app.store()).unwrap();
    let searchable_secs = import_secs + t0.elapsed().as_secs_f64();
    let all = index
        .search(app.store(), "合成论文", SearchOptions::default())
        .unwrap();
    r.line(format!(
        "  every paper searchable {searchable_secs:.1} s after the import started ({:.1} s after it returned); \"合成论文\" finds {} (expected {papers}); load {}",
        t0.elapsed().as_secs_f64(),
        all.total,
        load_average()
    ));

    // ---- highlights over 30 themes (bare SQL, as the analysis bench) ------------------
    let n_highlights = papers * HIGHLIGHTS_PER_PAPER;
    let t = Instant::now();
    let theme_names: Vec<String> = app
        .store()
        .write(|tx| {
            let now = pizhu_core::now_rfc3339();
            let mut themes = Vec::new();
            for i in 0..THEMES {
                let name = format!("基准主题{i:02}");
                tx.execute(
                    "INSERT INTO themes(name, color, keywords, position, created_at, modified_at) VALUES (?1, '#336699', '[]', ?2, ?3, ?3)",
                    params![name, 100 + i as i64, now],
                )?;
                themes.push((tx.last_insert_rowid(), name));
            }
            let ids: Vec<(i64, i64)> = {
                let mut stmt = tx.prepare("SELECT id, length(text) FROM articles")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut made = 0;
            while made < n_highlights {
                let (article, len) = ids[rng.below(ids.len())];
                if len < 400 {
                    continue;
                }
                let start = rng.below(len as usize - 200) as i64;
                let end = start + 20 + rng.below(120) as i64;
                let exact: String = tx.query_row(
                    "SELECT substr(text, ?1, ?2) FROM articles WHERE id = ?3",
                    params![start + 1, end - start, article],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO highlights(article_id, start, end, exact, created_at, modified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                    params![article, start, end, exact, now],
                )?;
                let h = tx.last_insert_rowid();
                let first = rng.below(THEMES);
                tx.execute("INSERT INTO highlight_themes VALUES (?1, ?2)", params![h, themes[first].0])?;
                if rng.below(3) == 0 {
                    let second = (first + 1 + rng.below(THEMES - 1)) % THEMES;
                    tx.execute("INSERT INTO highlight_themes VALUES (?1, ?2)", params![h, themes[second].0])?;
                }
                made += 1;
            }
            Ok(themes.into_iter().map(|t| t.1).collect())
        })
        .unwrap();
    let insert_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    index.catch_up_in_background(app.store()).unwrap();
    index.wait_until_ready(Duration::from_secs(3600));
    index.wait_for_catch_up(Duration::from_secs(3600));
    index.sync(app.store()).unwrap();
    r.line(format!(
        "highlights: {n_highlights} over {THEMES} themes inserted in {insert_secs:.1} s (bare SQL); indexed {:.1} s later (themes changed the dictionary: a full rebuild); load {}",
        t.elapsed().as_secs_f64(),
        load_average()
    ));

    // ---- a full rebuild, timed alone --------------------------------------------------
    let t = Instant::now();
    app.call("reindex", json!({ "wait": true })).unwrap();
    r.line(format!(
        "full rebuild (reindex, {} documents): {:.1} s; load {}",
        index.status().documents,
        t.elapsed().as_secs_f64(),
        load_average()
    ));

    // ---- queries vs FTS5 ----------------------------------------------------------------
    let samples = sample_queries(&pool, 600, &mut rng);
    let run = |q: &str, snippets: bool| -> Duration {
        let t = Instant::now();
        let _ = index.search(
            app.store(),
            q,
            SearchOptions {
                limit: 10,
                offset: 0,
                snippets,
            },
        );
        t.elapsed()
    };
    for (q, _, _) in &samples {
        run(q, true);
    }
    let mut plain: Vec<Duration> = samples.iter().map(|(q, _, _)| run(q, false)).collect();
    let mut snip: Vec<Duration> = samples.iter().map(|(q, _, _)| run(q, true)).collect();
    // The tail by name: which queries make the p99.
    let mut slowest: Vec<(Duration, &str)> = plain
        .iter()
        .zip(&samples)
        .map(|(d, (q, _, _))| (*d, q.as_str()))
        .collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let slowest: Vec<String> = slowest
        .iter()
        .take(8)
        .map(|(d, q)| format!("{q} {:.1} ms", ms(*d)))
        .collect();
    plain.sort();
    snip.sort();
    let load_q = load_average();

    let fts_path = work.path().join("fts.sqlite");
    let seg = Segmenter::global();
    let t = Instant::now();
    let fts = Connection::open(&fts_path).unwrap();
    fts.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61'); BEGIN;",
    )
    .unwrap();
    {
        let mut ins = fts
            .prepare("INSERT INTO docs(title, body) VALUES (?1, ?2)")
            .unwrap();
        let mut buf = String::new();
        for e in std::fs::read_dir(&files).unwrap().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            buf.clear();
            for w in seg.cut_for_search(&pizhu_search::normalize::normalize(&text)) {
                buf.push_str(w);
                buf.push(' ');
            }
            ins.execute(params!["", buf]).unwrap();
        }
    }
    fts.execute_batch("COMMIT").unwrap();
    let fts_build = t.elapsed().as_secs_f64();
    let mut top = fts
        .prepare("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10")
        .unwrap();
    let fts_q = |parts: &[String], phrase: bool| -> String {
        let norm: Vec<String> = parts
            .iter()
            .map(|p| pizhu_search::normalize::normalize(p))
            .collect();
        if phrase {
            format!("\"{}\"", norm.join(" "))
        } else {
            norm.iter()
                .map(|w| {
                    let ws: Vec<String> = seg.cut(w).iter().map(|x| x.text.to_string()).collect();
                    format!("\"{}\"", ws.join(" "))
                })
                .collect::<Vec<_>>()
                .join(" AND ")
        }
    };
    let queries: Vec<String> = samples.iter().map(|(_, p, ph)| fts_q(p, *ph)).collect();
    for q in &queries {
        let _ = top
            .query_map([q], |r| r.get::<_, i64>(0))
            .map(|x| x.count());
    }
    let mut fts_times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            let _ = top
                .query_map([q], |r| r.get::<_, i64>(0))
                .map(|x| x.count());
            t.elapsed()
        })
        .collect();
    fts_times.sort();
    r.line(format!(
        "queries ({}: words, AND pairs, phrases; top 10): without snippets p50 {:.3} / p99 {:.3} ms; with snippets p50 {:.3} / p99 {:.3} ms; load {load_q}",
        samples.len(),
        ms(percentile(&plain, 0.5)),
        ms(percentile(&plain, 0.99)),
        ms(percentile(&snip, 0.5)),
        ms(percentile(&snip, 0.99)),
    ));
    r.line(format!(
        "  the slowest without snippets: {}",
        slowest.join(", ")
    ));
    r.line(format!(
        "  FTS5 unicode61 over the same jieba segmentation: p50 {:.3} / p99 {:.3} ms (top 10 by bm25); its build {fts_build:.1} s incl. segmentation",
        ms(percentile(&fts_times, 0.5)),
        ms(percentile(&fts_times, 0.99)),
    ));

    // ---- analysis ------------------------------------------------------------------------
    let load_a = load_average();
    let matrix = median(3, || app.call("themeMatrix", json!({})).unwrap());
    let cooc = median(3, || app.call("themeCooccurrence", json!({})).unwrap());
    // The most frequent word of two or more characters in a sample of paragraphs.
    let frequent = {
        let mut counts = std::collections::HashMap::<String, usize>::new();
        for p in pool.iter().take(3000) {
            for w in seg.cut(p) {
                if w.text.chars().count() >= 2 && w.text.chars().all(char::is_alphanumeric) {
                    *counts.entry(w.text.to_string()).or_default() += 1;
                }
            }
        }
        counts
            .into_iter()
            .max_by_key(|(w, n)| (*n, w.clone()))
            .unwrap()
            .0
    };
    let mut kwic_lines = 0;
    let kwic = median(3, || {
        kwic_lines = app
            .call("kwic", json!({ "term": frequent, "limit": 5000 }))
            .unwrap()
            .as_array()
            .map_or(0, |a| a.len());
    });
    let suggest = median(3, || {
        app.call(
            "suggestPassages",
            json!({ "theme": theme_names[0], "limit": 10 }),
        )
    });
    let scan = median(3, || {
        app.store()
            .read(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM highlight_themes", [], |r| {
                        r.get::<_, i64>(0)
                    })?,
                )
            })
            .unwrap()
    });
    r.line(format!(
        "analysis (median of 3): themeMatrix {:.1} ms, themeCooccurrence {:.1} ms (baseline: counting highlight_themes {:.1} ms), kwic {frequent} ({kwic_lines} lines, the first 5,000 in reading order) {:.1} ms, suggestPassages {:.0} ms; load {load_a}",
        ms(matrix),
        ms(cooc),
        ms(scan),
        ms(kwic),
        ms(suggest)
    ));

    // ---- backup, integrity, open, memory ----------------------------------------------------
    let rss = proc_status_mb("VmRSS:");
    let hwm = proc_status_mb("VmHWM:");
    let t = Instant::now();
    app.call("backupNow", json!({})).unwrap();
    let backup = t.elapsed();
    let t = Instant::now();
    app.call("checkLibrary", json!({})).unwrap();
    let check = t.elapsed();
    let db_mb = std::fs::metadata(dir.database()).map_or(0, |m| m.len()) / 1_000_000;
    drop(index);
    drop(app);
    let t = Instant::now();
    let app = Pizhu::open(&dir).unwrap();
    let open = t.elapsed();
    let t = Instant::now();
    let again = app.call("search", json!({ "query": "合成论文" })).unwrap();
    let first_search = t.elapsed();
    r.line(format!(
        "library file {db_mb} MB: backupNow {:.0} ms, checkLibrary {:.0} ms, open {:.0} ms, first search after open {:.0} ms (total {}); load {}",
        ms(backup),
        ms(check),
        ms(open),
        ms(first_search),
        again["total"],
        load_average()
    ));
    r.line(format!(
        "memory of this process (the library open, every search above run): RSS {rss} MB, peak {hwm} MB (includes the benchmark's own FTS5 and paragraph pool)"
    ));
    agreement(&app, &mut rng, &mut r);
    if let Ok(out) = std::env::var("PIZHU_BENCH_REPORT") {
        std::fs::File::create(out)
            .unwrap()
            .write_all(r.0.as_bytes())
            .unwrap();
    }
}

/// Correctness at scale on a sample (the CI-sized test is `tests/scale_correctness.rs`):
/// search hits for sampled Han characters and pairs against a substring scan of every
/// article and highlight read back with bare SQL, and every theme × article count of the
/// matrix against counting `highlight_themes`. Runs last: it reads the whole library
/// into this process, which would distort the memory figures.
fn agreement(app: &Pizhu, rng: &mut Rng, r: &mut Report) {
    use pizhu_search::normalize::normalize;
    use std::collections::{BTreeSet, HashMap};
    let t = Instant::now();
    let (docs, hls) = app
        .store()
        .read(|c| {
            let mut stmt = c.prepare("SELECT id, title, text, memo FROM articles")?;
            let docs: Vec<(i64, String)> = stmt
                .query_map([], |row| {
                    let field = |i| {
                        row.get::<_, Option<String>>(i)
                            .map(Option::unwrap_or_default)
                    };
                    Ok((
                        row.get(0)?,
                        normalize(&format!(
                            "{}\u{0}{}\u{0}{}",
                            field(1)?,
                            field(2)?,
                            field(3)?
                        )),
                    ))
                })?
                .collect::<Result<_, _>>()?;
            let mut stmt = c.prepare("SELECT id, exact, note FROM highlights")?;
            let hls: Vec<(i64, String)> = stmt
                .query_map([], |row| {
                    let note: Option<String> = row.get(2)?;
                    Ok((
                        row.get(0)?,
                        normalize(&format!(
                            "{}\u{0}{}",
                            row.get::<_, String>(1)?,
                            note.unwrap_or_default()
                        )),
                    ))
                })?
                .collect::<Result<_, _>>()?;
            Ok((docs, hls))
        })
        .unwrap();
    // Characters drawn from random positions of random articles: common and rare ones.
    let pick = |rng: &mut Rng| loop {
        let text = &docs[rng.below(docs.len())].1;
        let han: Vec<char> = text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .collect();
        if !han.is_empty() {
            break han[rng.below(han.len())];
        }
    };
    // 的 and 中 are in nearly every paper: the longest result lists, paged the furthest.
    let mut queries: Vec<Vec<char>> = vec![vec!['的'], vec!['中']];
    queries.extend((0..8).map(|_| vec![pick(rng)]));
    queries.extend((0..4).map(|_| vec![pick(rng), pick(rng)]));
    let mut hits_checked = 0;
    let mut disagreements = Vec::new();
    for chars in &queries {
        let query = chars
            .iter()
            .map(char::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        let has_all = |s: &str| chars.iter().all(|c| s.contains(*c));
        let want_a: BTreeSet<i64> = docs.iter().filter(|d| has_all(&d.1)).map(|d| d.0).collect();
        let want_h: BTreeSet<i64> = hls.iter().filter(|h| has_all(&h.1)).map(|h| h.0).collect();
        let (mut got_a, mut got_h) = (BTreeSet::new(), BTreeSet::new());
        let mut offset = 0;
        let mut first_total = None;
        loop {
            let page = app
                .call(
                    "search",
                    json!({ "query": query, "limit": 1000, "offset": offset }),
                )
                .unwrap();
            let hits = page["hits"].as_array().unwrap();
            first_total.get_or_insert(page["total"].as_u64().unwrap());
            for h in hits {
                match h.get("highlightId").and_then(|v| v.as_i64()) {
                    Some(id) => got_h.insert(id),
                    None => got_a.insert(h["articleId"].as_i64().unwrap()),
                };
            }
            offset += hits.len();
            if hits.is_empty() || offset as u64 >= page["total"].as_u64().unwrap() {
                break;
            }
        }
        hits_checked += got_a.len() + got_h.len();
        if got_a != want_a || got_h != want_h {
            disagreements.push(format!(
                "{query:?}: articles {} found / {} expected, highlights {} / {}; reported total {} / {} expected; {}",
                got_a.len(),
                want_a.len(),
                got_h.len(),
                want_h.len(),
                first_total.unwrap_or(0),
                want_a.len() + want_h.len(),
                explain_disagreement(app, &query, &want_a, &got_a, &want_h, &got_h),
            ));
        }
    }
    // The matrix, cell by cell (each theme's own passages: sub-themes not rolled up).
    let matrix = app
        .call("themeMatrix", json!({ "includeChildren": false }))
        .unwrap();
    let want: HashMap<(i64, i64), i64> = app
        .store()
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT ht.theme_id, h.article_id, count(*) FROM highlight_themes ht
                 JOIN highlights h ON h.id = ht.highlight_id GROUP BY 1, 2",
            )?;
            let rows = stmt.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap();
    let ids = |k: &str| -> Vec<i64> {
        matrix[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_i64().unwrap())
            .collect()
    };
    let (themes, articles) = (ids("themes"), ids("articles"));
    let mut cells_wrong = 0;
    let mut counted = 0;
    for (ti, th) in themes.iter().enumerate() {
        for (ai, a) in articles.iter().enumerate() {
            let got = matrix["counts"][ti][ai].as_i64().unwrap();
            counted += got;
            if got != want.get(&(*th, *a)).copied().unwrap_or(0) {
                cells_wrong += 1;
            }
        }
    }
    let want_total: i64 = want.values().sum();
    let export = export_agreement(app);
    r.line(format!(
        "agreement with brute force over SQLite ({:.0} s): {} queries ({hits_checked} hits) — {}; theme matrix {} × {} cells, {counted} of {want_total} codings — {}; {export}",
        t.elapsed().as_secs_f64(),
        queries.len(),
        if disagreements.is_empty() { "all agree".to_string() } else { format!("DISAGREE: {}", disagreements.join("; ")) },
        themes.len(),
        articles.len(),
        if cells_wrong == 0 && counted == want_total { "all agree".to_string() } else { format!("DISAGREE in {cells_wrong} cells") },
    ));
}

/// The CSV export of every highlight against bare SQL: one row per highlight,
/// with its article and the names of its themes.
fn export_agreement(app: &Pizhu) -> String {
    use base64::Engine;
    use std::collections::{BTreeMap, BTreeSet};
    let want: BTreeMap<i64, (i64, BTreeSet<String>)> = app
        .store()
        .read(|c| {
            let mut out: BTreeMap<i64, (i64, BTreeSet<String>)> = BTreeMap::new();
            let mut stmt = c.prepare("SELECT id, article_id FROM highlights")?;
            for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
                let (id, article) = row?;
                out.insert(id, (article, BTreeSet::new()));
            }
            let mut stmt = c.prepare(
                "SELECT ht.highlight_id, t.name FROM highlight_themes ht JOIN themes t ON t.id = ht.theme_id",
            )?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                let (id, name) = row?;
                if let Some(h) = out.get_mut(&id) {
                    h.1.insert(name);
                }
            }
            Ok(out)
        })
        .unwrap();
    let t = Instant::now();
    let export = app.call("exportNotes", json!({ "format": "csv" })).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(export["dataBase64"].as_str().unwrap())
        .unwrap();
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut got: BTreeMap<i64, (i64, BTreeSet<String>)> = BTreeMap::new();
    let mut duplicates = 0;
    for row in csv::Reader::from_reader(body).records() {
        let row = row.unwrap();
        let themes = row[6]
            .split("; ")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let value = (row[1].parse().unwrap(), themes);
        if got.insert(row[0].parse().unwrap(), value).is_some() {
            duplicates += 1;
        }
    }
    let wrong = want.iter().filter(|(id, h)| got.get(id) != Some(h)).count();
    let extra = got.keys().filter(|id| !want.contains_key(id)).count();
    format!(
        "CSV export of {} highlights ({secs:.1} s) — {}",
        want.len(),
        if wrong + extra + duplicates == 0 {
            "all agree".to_string()
        } else {
            format!("DISAGREE: {wrong} rows wrong or missing, {extra} extra, {duplicates} twice")
        }
    )
}

/// Which documents a search and the substring scan disagree on, and what the
/// index says of each when asked for that article alone (tells a paging fault,
/// where the article is found on its own, from an indexing one, where it is not).
fn explain_disagreement(
    app: &Pizhu,
    query: &str,
    want_a: &std::collections::BTreeSet<i64>,
    got_a: &std::collections::BTreeSet<i64>,
    want_h: &std::collections::BTreeSet<i64>,
    got_h: &std::collections::BTreeSet<i64>,
) -> String {
    let mut out = Vec::new();
    for id in want_a.difference(got_a).take(5) {
        let alone = app
            .call(
                "search",
                json!({ "query": format!("{query} article:{id}"), "limit": 100 }),
            )
            .unwrap();
        let article_hit = alone["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h.get("highlightId").is_none());
        out.push(format!(
            "article {id} missed (alone: {})",
            if article_hit { "found" } else { "not found" }
        ));
    }
    for id in got_a.difference(want_a).take(5) {
        out.push(format!("article {id} found, not expected"));
    }
    for id in want_h.difference(got_h).take(5) {
        out.push(format!("highlight {id} missed"));
    }
    for id in got_h.difference(want_h).take(5) {
        out.push(format!("highlight {id} found, not expected"));
    }
    out.join(", ")
}
