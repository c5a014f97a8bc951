//! Queries typed as people type into a Chinese search box, without spaces and
//! mixing scripts, find what the same words typed with spaces find; the articles
//! where the words stand together as typed come first. Golden counts are taken
//! from the spaced query on the bundled articles, so the test pins the rule, not
//! a number that drifts with the corpus.

use pizhu_core::Store;
use pizhu_search::{SearchIndex, SearchOptions};

mod common;
use common::{body, library, BUNDLED};

fn article_ids(store: &Store, index: &SearchIndex, q: &str) -> Vec<i64> {
    let opts = SearchOptions {
        limit: 100,
        ..Default::default()
    };
    let mut ids: Vec<i64> = index
        .search(store, q, opts)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.article_id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn unspaced_and_mixed_script_queries_find_what_the_spaced_words_find() {
    let texts: Vec<String> = BUNDLED.iter().map(|m| body(m)).collect();
    let (store, index) = library(&texts);
    for (unspaced, spaced) in [
        ("人工智能电影", "人工智能 电影"),
        ("AI版权", "AI 版权"),
        ("Sora影视", "Sora 影视"),
        ("sora视频", "sora 视频"),
        ("影视行业变革", "影视行业 变革"),
    ] {
        let want = article_ids(&store, &index, spaced);
        assert!(!want.is_empty(), "{spaced} is in the bundled articles");
        assert_eq!(article_ids(&store, &index, unspaced), want, "{unspaced}");
    }
    // Quotes still make a phrase: the words must stand together.
    let phrase = article_ids(&store, &index, "\"人工智能电影\"");
    assert!(phrase.len() < article_ids(&store, &index, "人工智能电影").len());
}

#[test]
fn articles_with_the_words_together_rank_before_the_words_apart() {
    // The words apart, many times (a high score on the words alone), before one
    // article with them together once.
    let apart = "电影的未来谁也说不准。".repeat(6) + &"人工智能正在改变很多事。".repeat(6);
    let together = "这是一部人工智能电影。其余的话与此无关，只是一些填充的句子。".to_string();
    let (store, index) = library(&[apart, together]);
    let hits = index
        .search(&store, "人工智能电影", SearchOptions::default())
        .unwrap()
        .hits;
    let articles: Vec<i64> = hits
        .iter()
        .filter(|h| h.highlight_id.is_none())
        .map(|h| h.article_id)
        .collect();
    assert_eq!(articles, [2, 1], "together first, apart still found");
}

#[test]
fn a_hit_points_at_the_words_together_not_at_a_lone_word_before_them() {
    let text = "我读书很慢。后来才明白，慢读是一种抵抗。".to_string();
    let (store, index) = library(std::slice::from_ref(&text));
    let hits = index
        .search(&store, "慢读", SearchOptions::default())
        .unwrap()
        .hits;
    let first = &hits[0].matches[0];
    let at = |s: usize, e: usize| -> String { text.chars().skip(s).take(e - s).collect() };
    assert_eq!(at(first.start, first.end), "慢读", "{:?}", hits[0].matches);
    assert!(
        hits[0].snippet.contains("<mark>慢读</mark>"),
        "{}",
        hits[0].snippet
    );
}
