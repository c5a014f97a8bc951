//! Quality of suggested passages against the hand-coded gold set in
//! `data/gold/` (rules in its README): precision and recall of the top
//! suggestions, first with the theme's keywords only, then with two gold
//! passages coded as seeds. Run with `--nocapture` to see the table that
//! BENCHMARKS.md reports. The floors asserted are well under the measured
//! numbers but far above chance (a gold sentence is ~3% of all sentences).

use pizhu_api::Pizhu;
use pizhu_core::LibraryDir;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
struct Gold {
    theme: String,
    passages: Vec<GoldPassage>,
}

#[derive(Deserialize)]
struct GoldPassage {
    article: String,
    sentence: String,
}

/// (article id, start, end) in code points.
type Span = (i64, usize, usize);

fn gold_files() -> Vec<Gold> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/gold");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}

fn locate(app: &Pizhu, p: &GoldPassage) -> Span {
    let (id, text): (i64, String) = app
        .store()
        .read(|c| {
            Ok(c.query_row(
                "SELECT id, text FROM articles WHERE title = ?1",
                [&p.article],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap_or_else(|e| {
            panic!(
                "gold article {:?} not in the bundled library: {e}",
                p.article
            )
        });
    let b = text
        .find(&p.sentence)
        .unwrap_or_else(|| panic!("gold sentence not in {:?}: {}", p.article, p.sentence));
    let s = text[..b].chars().count();
    (id, s, s + p.sentence.chars().count())
}

fn spans(list: &Value) -> Vec<Span> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["articleId"].as_i64().unwrap(),
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.0 == b.0 && a.1 < b.2 && b.1 < a.2
}

/// (precision@k, recall@k) of `ranked` against `gold`.
fn at(ranked: &[Span], gold: &[Span], k: usize) -> (f64, f64) {
    let top = &ranked[..k.min(ranked.len())];
    let hits = top
        .iter()
        .filter(|s| gold.iter().any(|g| overlaps(s, g)))
        .count();
    let found = gold
        .iter()
        .filter(|g| top.iter().any(|s| overlaps(s, g)))
        .count();
    (
        hits as f64 / k as f64,
        found as f64 / gold.len().max(1) as f64,
    )
}

#[test]
fn suggestions_against_the_hand_coded_gold_set() {
    let golds = gold_files();
    assert_eq!(golds.len(), 3);
    println!("| theme | gold | setting | P@5 | P@10 | R@10 | R@20 |");
    println!("|---|---:|---|---:|---:|---:|---:|");
    let mut p10_keywords = Vec::new();
    let mut r20_seeded = Vec::new();
    for g in &golds {
        let dir = tempfile::tempdir().unwrap();
        let app = Pizhu::open(&LibraryDir::new(dir.path())).unwrap();
        let gold: Vec<Span> = g.passages.iter().map(|p| locate(&app, p)).collect();

        let ranked = spans(
            &app.call("suggestPassages", json!({"theme": g.theme, "limit": 20}))
                .unwrap(),
        );
        let (p5, _) = at(&ranked, &gold, 5);
        let (p10, r10) = at(&ranked, &gold, 10);
        let (_, r20) = at(&ranked, &gold, 20);
        println!(
            "| {} | {} | keywords only | {p5:.2} | {p10:.2} | {r10:.2} | {r20:.2} |",
            g.theme,
            gold.len()
        );
        p10_keywords.push(p10);

        // Two gold passages coded by hand; the rest is what is left to find.
        let theme_id = app.call("themeCooccurrence", json!({})).unwrap()["themes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == g.theme.as_str())
            .unwrap()["id"]
            .clone();
        for &(article, start, end) in &gold[..2] {
            app.call(
                "addHighlight",
                json!({"articleId": article, "start": start, "end": end, "themeIds": [theme_id]}),
            )
            .unwrap();
        }
        let rest = &gold[2..];
        let ranked = spans(
            &app.call("suggestPassages", json!({"theme": g.theme, "limit": 20}))
                .unwrap(),
        );
        assert!(
            !ranked
                .iter()
                .any(|s| gold[..2].iter().any(|g| overlaps(s, g))),
            "coded seeds are never suggested"
        );
        let (p5, _) = at(&ranked, rest, 5);
        let (p10, r10) = at(&ranked, rest, 10);
        let (_, r20) = at(&ranked, rest, 20);
        println!(
            "| {} | {} | + 2 seed passages | {p5:.2} | {p10:.2} | {r10:.2} | {r20:.2} |",
            g.theme,
            rest.len()
        );
        r20_seeded.push(r20);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "mean P@10 (keywords only) {:.2}; mean R@20 (seeded) {:.2}",
        mean(&p10_keywords),
        mean(&r20_seeded)
    );
    assert!(
        mean(&p10_keywords) >= 0.3,
        "keywords-only precision fell: {p10_keywords:?}"
    );
    assert!(
        mean(&r20_seeded) >= 0.3,
        "seeded recall fell: {r20_seeded:?}"
    );
}
