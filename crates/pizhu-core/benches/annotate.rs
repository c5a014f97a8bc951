//! Annotation benchmark (`cargo bench -p pizhu-core --bench annotate`).
//!
//! A library of 5,000 articles (the Sora article's paragraphs, shuffled and cut
//! per article) in a real SQLite file with `synchronous=FULL`; then 10,000
//! highlights added one by one through `Store::add_highlight` — the code path the
//! `addHighlight` operation runs — each timed until it returns, i.e. committed on
//! disk with its undo entry. Then every highlight of a theme with 10,000 of them is
//! listed. Each figure is also given as a ratio to a baseline measured on the same
//! connection in the same process: one bare `INSERT` + commit.

use std::time::{Duration, Instant};

use pizhu_core::annotate::{HighlightFilter, NewHighlight, NewTheme, ThemeRef};
use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle, Store};

const ARTICLES: usize = 5_000;
const HIGHLIGHTS: usize = 10_000;
const BASELINE_SAMPLES: usize = 2_000;
const FIXTURE: &str = include_str!("../tests/fixtures/sora_article.txt");

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// This process's CPU time (user + system) from /proc, in clock ticks of 10 ms; on a
/// shared, loaded machine wall time overstates what a query costs.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat(5) (utime, stime) are 12 and 13 after the name.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&LibraryDir::new(dir.path())).expect("open library");
    let mut rng = Lcg(5_000);
    let paragraphs: Vec<&str> = FIXTURE
        .split('\n')
        .filter(|p| p.chars().count() > 20)
        .collect();

    let t = Instant::now();
    let mut lengths: Vec<(i64, usize)> = Vec::with_capacity(ARTICLES);
    for batch in 0..ARTICLES / 500 {
        let articles: Vec<NewArticle> = (0..500)
            .map(|i| {
                let n = batch * 500 + i;
                let mut text = format!("第{n}篇");
                for _ in 0..12 {
                    text.push('\n');
                    text.push_str(paragraphs[rng.next(paragraphs.len())]);
                }
                NewArticle {
                    title: format!("合成文章 {n}"),
                    text,
                    ..Default::default()
                }
            })
            .collect();
        for (r, a) in store
            .insert_articles(None, &articles)
            .expect("insert")
            .into_iter()
            .zip(&articles)
        {
            let Inserted::New(id) = r else {
                panic!("synthetic articles are unique")
            };
            lengths.push((id, a.text.chars().count()));
        }
    }
    let build = t.elapsed();
    for name in ["基准主题", "其他主题甲", "其他主题乙"] {
        store
            .add_theme(&NewTheme {
                name: name.into(),
                ..Default::default()
            })
            .expect("theme");
    }

    let mut adds = Vec::with_capacity(HIGHLIGHTS);
    for i in 0..HIGHLIGHTS {
        let (article_id, len) = lengths[rng.next(lengths.len())];
        let span = 5 + rng.next(36);
        let start = rng.next(len - span);
        let mut themes = vec!["基准主题".to_string()];
        if i % 3 == 0 {
            themes.push(
                if i % 2 == 0 {
                    "其他主题甲"
                } else {
                    "其他主题乙"
                }
                .to_string(),
            );
        }
        let h = NewHighlight {
            article_id,
            start,
            end: start + span,
            themes,
            note: "基准".into(),
            ..Default::default()
        };
        let t = Instant::now();
        store.add_highlight(&h).expect("add highlight");
        adds.push(t.elapsed());
    }
    adds.sort();

    // Baseline: the cheapest durable write on this connection and disk.
    store
        .write(|tx| Ok(tx.execute_batch("CREATE TABLE bench_baseline(x INTEGER)")?))
        .expect("baseline table");
    let mut base = Vec::with_capacity(BASELINE_SAMPLES);
    for i in 0..BASELINE_SAMPLES {
        let t = Instant::now();
        store
            .write(|tx| Ok(tx.execute("INSERT INTO bench_baseline(x) VALUES (?1)", [i as i64])?))
            .expect("baseline insert");
        base.push(t.elapsed());
    }
    base.sort();

    let theme = ThemeRef::Name("基准主题".into());
    let theme_id = store.theme(&theme).expect("theme").id;
    let mut lists = Vec::new();
    let mut count = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let all = store
            .list_highlights(&HighlightFilter {
                theme_ids: vec![theme_id],
                ..Default::default()
            })
            .expect("list");
        lists.push(t.elapsed());
        count = all.len();
    }
    lists.sort();
    const CPU_RUNS: u64 = 20;
    let cpu_before = cpu_ticks();
    for _ in 0..CPU_RUNS {
        store
            .list_highlights(&HighlightFilter {
                theme_ids: vec![theme_id],
                ..Default::default()
            })
            .expect("list");
    }
    let cpu_per_list = cpu_before
        .zip(cpu_ticks())
        .map(|(a, b)| (b - a) as f64 * 10.0 / CPU_RUNS as f64);
    // Where the time goes: the same rows read by SQLite alone, without building values.
    let mut raw = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let n: i64 = store
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*), sum(length(h.exact) + length(h.prefix) + length(h.suffix) + length(h.note))
                     FROM highlights h WHERE h.id IN (SELECT highlight_id FROM highlight_themes WHERE theme_id = ?1)",
                    [theme_id],
                    |r| r.get(0),
                )?)
            })
            .expect("raw");
        raw.push(t.elapsed());
        assert_eq!(n as usize, HIGHLIGHTS);
    }
    raw.sort();
    let mut passages = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let groups = store.theme_passages(&theme, false).expect("passages");
        passages.push(t.elapsed());
        assert_eq!(
            groups.iter().map(|g| g.passages.len()).sum::<usize>(),
            count
        );
    }
    passages.sort();
    assert_eq!(count, HIGHLIGHTS);

    let b50 = percentile(&base, 0.5);
    let b99 = percentile(&base, 0.99);
    println!(
        "library: {ARTICLES} articles built in {:.1} s; db file {}",
        build.as_secs_f64(),
        dir.path().join("library.sqlite").display()
    );
    println!("| measure | value | baseline (bare INSERT + commit) | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| addHighlight p50 ({HIGHLIGHTS} adds) | {:.2} ms | {:.2} ms | {:.2}× |",
        ms(percentile(&adds, 0.5)),
        ms(b50),
        ms(percentile(&adds, 0.5)) / ms(b50)
    );
    println!(
        "| addHighlight p99 | {:.2} ms | {:.2} ms | {:.2}× |",
        ms(percentile(&adds, 0.99)),
        ms(b99),
        ms(percentile(&adds, 0.99)) / ms(b99)
    );
    println!(
        "| addHighlight max | {:.2} ms | {:.2} ms | |",
        ms(*adds.last().unwrap()),
        ms(*base.last().unwrap())
    );
    println!(
        "| list a theme's {count} highlights (median of 7) | {:.1} ms | {:.2} ms | {:.0}× |",
        ms(percentile(&lists, 0.5)),
        ms(b50),
        ms(percentile(&lists, 0.5)) / ms(b50)
    );
    if let Some(cpu) = cpu_per_list {
        println!("| list a theme's {count} highlights, CPU time (mean of {CPU_RUNS}) | {cpu:.1} ms | | |");
    }
    println!(
        "| (SQLite alone reading those rows, median of 7) | {:.1} ms | | |",
        ms(percentile(&raw, 0.5))
    );
    println!(
        "| themePassages, {count} grouped with paragraph numbers (median of 3) | {:.1} ms | | |",
        ms(percentile(&passages, 0.5))
    );
}
