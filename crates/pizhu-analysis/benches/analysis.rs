//! `cargo bench -p pizhu-analysis --bench analysis`
//!
//! A synthetic library of 5,000 articles (paragraphs of the bundled articles,
//! shuffled) and 20,000 highlights in a temporary SQLite file; times the
//! analyses as the API runs them (loading from SQLite included) and prints each
//! next to a baseline measured in the same process:
//!
//! - matrix and co-occurrence vs. a full scan of the highlights table;
//! - KWIC and suggestions vs. loading every text and counting a substring in it.
//!
//! Suggestions here segment with a jieba loaded by the bench (bundled user
//! dictionary added); the app uses the shared `pizhu_search` segmenter, the
//! same dictionary.

use std::time::{Duration, Instant};

use pizhu_analysis::kwic::KwicSort;
use pizhu_analysis::library as lib;
use pizhu_analysis::suggest::ThemeWords;
use pizhu_analysis::Jieba;
use pizhu_core::rusqlite::params;
use pizhu_core::test_rng::Rng;
use pizhu_core::{LibraryDir, Store};

const ARTICLES: usize = 5_000;
const HIGHLIGHTS: usize = 20_000;
const MIN_ARTICLE_CHARS: usize = 2_500;
const RUNS: usize = 7;

fn data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// The bundled articles' body paragraphs (front matter dropped, heading marks removed).
fn paragraph_pool() -> Vec<String> {
    let mut pool = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(data_dir().join("articles"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let s = std::fs::read_to_string(&f).unwrap();
        let body = s.split("\n---\n").nth(1).unwrap_or(&s);
        for p in body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            pool.push(p.trim_start_matches('#').trim().to_string());
        }
    }
    assert!(pool.len() > 50, "bundled articles missing?");
    pool
}

fn build(store: &Store) -> (usize, Vec<(i64, String)>) {
    let pool = paragraph_pool();
    let codebook: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data_dir().join("codebook.json")).unwrap())
            .unwrap();
    let mut themes: Vec<(String, Vec<String>)> = Vec::new();
    let mut stack: Vec<&serde_json::Value> =
        codebook["themes"].as_array().unwrap().iter().collect();
    while let Some(t) = stack.pop() {
        let kw = t["keywords"].as_array().map(|k| {
            k.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        });
        themes.push((
            t["name"].as_str().unwrap().to_string(),
            kw.unwrap_or_default(),
        ));
        if let Some(c) = t["children"].as_array() {
            stack.extend(c.iter());
        }
    }
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut total_bytes = 0;
    let theme_rows = store
        .write(|tx| {
            let now = pizhu_core::now_rfc3339();
            let mut theme_ids = Vec::new();
            for (i, (name, kw)) in themes.iter().enumerate() {
                tx.execute(
                    "INSERT INTO themes(name, color, keywords, position, created_at, modified_at) VALUES (?1, '#336699', ?2, ?3, ?4, ?4)",
                    params![name, serde_json::to_string(kw)?, i as i64, now],
                )?;
                theme_ids.push((tx.last_insert_rowid(), name.clone()));
            }
            let mut texts: Vec<(i64, Vec<char>)> = Vec::with_capacity(ARTICLES);
            for i in 0..ARTICLES {
                let mut text = String::new();
                while text.chars().count() < MIN_ARTICLE_CHARS {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(&pool[rng.below(pool.len())]);
                }
                total_bytes += text.len();
                tx.execute(
                    "INSERT INTO articles(title, imported_at, modified_at, content_hash, text) VALUES (?1, ?2, ?2, ?3, ?4)",
                    params![format!("合成文章 {i}"), now, format!("synthetic-{i}"), text],
                )?;
                texts.push((tx.last_insert_rowid(), text.chars().collect()));
            }
            // Highlights in clusters, so a good share of them overlap.
            let mut made = 0;
            while made < HIGHLIGHTS {
                let (article, chars) = &texts[rng.below(texts.len())];
                let base = rng.below(chars.len() - 200);
                for _ in 0..(1 + rng.below(3)).min(HIGHLIGHTS - made) {
                    let start = base + rng.below(60);
                    let end = start + 20 + rng.below(100);
                    let exact: String = chars[start..end].iter().collect();
                    tx.execute(
                        "INSERT INTO highlights(article_id, start, end, exact, created_at, modified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                        params![article, start as i64, end as i64, exact, now],
                    )?;
                    let h = tx.last_insert_rowid();
                    let first = rng.below(theme_ids.len());
                    tx.execute("INSERT INTO highlight_themes VALUES (?1, ?2)", params![h, theme_ids[first].0])?;
                    if rng.below(3) == 0 {
                        let second = (first + 1 + rng.below(theme_ids.len() - 1)) % theme_ids.len();
                        tx.execute("INSERT INTO highlight_themes VALUES (?1, ?2)", params![h, theme_ids[second].0])?;
                    }
                    made += 1;
                }
            }
            Ok(theme_ids)
        })
        .unwrap();
    (total_bytes, theme_rows)
}

/// Median of `RUNS` timed runs after one warm-up; also returns the last result.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = f();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        out = f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[RUNS / 2], out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would too. Either way, run.
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    let (bytes, themes) = build(&store);
    eprintln!(
        "built {ARTICLES} articles ({:.1} MB of text), {HIGHLIGHTS} highlights, {} themes in {:.1} s",
        bytes as f64 / 1e6,
        themes.len(),
        t.elapsed().as_secs_f64()
    );

    let mut jieba = Jieba::new();
    for line in std::fs::read_to_string(data_dir().join("userdict.txt"))
        .unwrap()
        .lines()
    {
        let mut parts = line.split_whitespace();
        if let Some(w) = parts.next().filter(|w| !w.starts_with('#')) {
            jieba.add_word(w, parts.next().and_then(|f| f.parse().ok()), None);
        }
    }

    let read =
        |f: &dyn Fn(&pizhu_core::rusqlite::Connection) -> usize| store.read(|c| Ok(f(c))).unwrap();
    let (scan, _) = time(|| {
        read(&|c| {
            c.query_row(
                "SELECT count(*), sum(end - start) FROM highlights",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap() as usize
        })
    });
    let (matrix, cells) = time(|| {
        lib::matrix_report(&store, false, true)
            .unwrap()
            .counts
            .len()
    });
    let (cooc, pairs) = time(|| lib::cooccurrence_report(&store, true).unwrap().pairs.len());
    let (substring, plain_hits) = time(|| {
        read(&|c| {
            let mut stmt = c.prepare("SELECT text FROM articles").unwrap();
            let mut rows = stmt.query([]).unwrap();
            let mut n = 0;
            while let Some(r) = rows.next().unwrap() {
                n += r
                    .get_ref(0)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .matches("影视")
                    .count();
            }
            n
        })
    });
    let (kwic, kwic_hits) = time(|| {
        lib::kwic_library(&store, "影视", 20, KwicSort::Article, None, usize::MAX)
            .unwrap()
            .len()
    });
    let (kwic_first, _) = time(|| {
        lib::kwic_library(&store, "影视", 20, KwicSort::Article, None, 5000)
            .unwrap()
            .len()
    });
    let (kwic_sorted, _) = time(|| {
        lib::kwic_library(&store, "影视", 20, KwicSort::Left, None, 5000)
            .unwrap()
            .len()
    });
    let theme = lib::resolve_theme(&store, None, Some("人机共生")).unwrap();
    let (suggest, got) = time(|| {
        lib::suggest_for_theme(
            &store,
            &theme,
            10,
            |name, kw, coded| ThemeWords::new(&jieba, name, kw, coded),
            &|_, _| {},
        )
        .unwrap()
        .len()
    });
    assert_eq!(got, 10);
    // Where the suggestion time goes: the theme's words (jieba over its coded
    // passages), and the ranking pass over texts already in memory.
    let texts: Vec<(i64, String)> = store
        .read(|c| {
            let mut stmt = c.prepare("SELECT id, text FROM articles ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap();
    let coded_texts: Vec<String> = store
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT h.exact FROM highlights h JOIN highlight_themes ht ON ht.highlight_id = h.id WHERE ht.theme_id = ?1",
            )?;
            let rows = stmt.query_map([theme.id], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap();
    let coded_refs: Vec<&str> = coded_texts.iter().map(String::as_str).collect();
    let (words_time, words) =
        time(|| ThemeWords::new(&jieba, &theme.name, &theme.keywords, &coded_refs));
    let in_memory: Vec<pizhu_analysis::suggest::SuggestArticle> = texts
        .iter()
        .map(|(id, text)| pizhu_analysis::suggest::SuggestArticle {
            id: *id,
            text,
            coded: vec![],
            dismissed: vec![],
            headings: vec![],
        })
        .collect();
    let (rank_time, _) = time(|| pizhu_analysis::suggest::suggest(&in_memory, &words, 10).len());
    eprintln!(
        "suggestions breakdown: theme words {:.1} ms ({} words), ranking over texts in memory {:.1} ms",
        ms(words_time),
        words.words.len(),
        ms(rank_time)
    );
    assert_eq!(
        kwic_hits, plain_hits,
        "KWIC finds what a plain substring scan finds (no spaced variants here)"
    );
    let coded: i64 = store
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM highlight_themes WHERE theme_id = ?1",
                [theme.id],
                |r| r.get(0),
            )?)
        })
        .unwrap();

    println!("| operation | median (ms) | budget (ms) | baseline | baseline (ms) | ratio |");
    println!("|---|---:|---:|---|---:|---:|");
    let row = |name: &str, d: Duration, budget: f64, base_name: &str, base: Duration| {
        println!(
            "| {name} | {:.1} | {budget:.0} | {base_name} | {:.1} | {:.1}× |",
            ms(d),
            ms(base),
            ms(d) / ms(base).max(0.001)
        );
    };
    row(
        &format!("themeMatrix ({cells} themes × {ARTICLES} articles)"),
        matrix,
        100.0,
        "scan of highlights",
        scan,
    );
    row(
        &format!("themeCooccurrence ({pairs} pairs)"),
        cooc,
        100.0,
        "scan of highlights",
        scan,
    );
    row(
        &format!("kwic 影视 ({kwic_hits} lines, all)"),
        kwic,
        200.0,
        "load texts + substring count",
        substring,
    );
    row(
        "kwic 影视 (reading order, first 5000: the API default)",
        kwic_first,
        200.0,
        "load texts + substring count",
        substring,
    );
    row(
        "kwic 影视 (sorted by left, first 5000)",
        kwic_sorted,
        200.0,
        "load texts + substring count",
        substring,
    );
    row(
        &format!("suggestPassages 人机共生 ({coded} coded passages, top 10)"),
        suggest,
        500.0,
        "load texts + substring count",
        substring,
    );
}
