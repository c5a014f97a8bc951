//! The traps measured with tantivy 0.27 + tantivy-jieba 0.21, each pinned:
//!
//! 1. Stock snippets over jieba's search mode panicked (sub-words come before
//!    the whole word, so offsets go backwards). Pizhu's positions never go
//!    backwards and snippets come from postings: every word of the bundled
//!    articles is searched, and every match must point at that word.
//! 2. A cloned `Jieba` per analyzer multiplied snippet time and memory. Pizhu's
//!    tokenizer holds no dictionary: clones see the one process-wide segmenter.
//! 3. Phrase queries depend on how search-mode positions are assigned. Positions
//!    are code-point offsets; these tests pin what a phrase then finds.

use pizhu_search::normalize::normalize;
use pizhu_search::tokenizer::PizhuTokenizer;
use pizhu_search::{SearchOptions, Segmenter};
use tantivy::tokenizer::{TokenStream, Tokenizer};

mod common;
use common::{body, library, BUNDLED};

fn cp_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

#[test]
fn every_word_of_the_bundled_articles_finds_itself_and_never_panics() {
    let texts: Vec<String> = BUNDLED.iter().map(|m| body(m)).collect();
    let (store, index) = library(&texts);
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|t| {
            Segmenter::global()
                .cut(t)
                .into_iter()
                .map(|w| w.text.to_string())
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().any(char::is_alphanumeric) && !w.contains('"') && !w.starts_with('-'))
        .collect();
    words.sort();
    words.dedup();
    assert!(words.len() > 1000, "{}", words.len());
    for w in &words {
        let found = index
            .search(
                &store,
                w,
                SearchOptions {
                    limit: 50,
                    offset: 0,
                    snippets: true,
                },
            )
            .unwrap_or_else(|e| panic!("{w}: {e}"));
        assert!(found.total > 0, "{w} is in the text but was not found");
        for hit in &found.hits {
            let text = &texts[(hit.article_id - 1) as usize];
            for m in &hit.matches {
                assert_eq!(
                    normalize(&cp_slice(text, m.start, m.end)),
                    normalize(w),
                    "{w}"
                );
            }
            assert_eq!(
                hit.snippet.matches("<mark>").count(),
                hit.snippet.matches("</mark>").count()
            );
        }
    }
}

#[test]
fn index_positions_are_code_point_offsets_in_the_postings() {
    let (store, index) = library(&["我爱中华人民共和国".to_string()]);
    let opts = SearchOptions::default();
    let spans = |q: &str| -> Vec<(usize, usize)> {
        let r = index.search(&store, q, opts).unwrap();
        r.hits
            .first()
            .map(|h| h.matches.iter().map(|m| (m.start, m.end)).collect())
            .unwrap_or_default()
    };
    assert_eq!(spans("中华人民共和国"), [(2, 9)]);
    assert_eq!(
        spans("人民"),
        [(4, 6)],
        "a search-mode sub-word sits at its own offset"
    );
    assert_eq!(spans("共和国"), [(6, 9)]);
    assert_eq!(spans("国"), [(8, 9)]);
}

#[test]
fn the_tokenizer_shares_the_one_dictionary_instead_of_cloning_it() {
    // A clone made before a word is added still sees it: nothing was copied.
    let tokenizer = PizhuTokenizer::default();
    let mut clone = tokenizer.clone();
    assert!(
        std::mem::size_of::<PizhuTokenizer>() <= 64,
        "only buffers, no dictionary"
    );
    let word = "囧途研究会";
    Segmenter::global().add_words([word]);
    let mut stream = clone.token_stream(word);
    let mut texts = vec![];
    while stream.advance() {
        texts.push(stream.token().text.clone());
    }
    assert!(texts.contains(&word.to_string()), "{texts:?}");
    let a = Segmenter::global() as *const Segmenter;
    let b = std::thread::spawn(|| Segmenter::global() as *const Segmenter as usize)
        .join()
        .unwrap();
    assert_eq!(a as usize, b, "one segmenter per process");
}

#[test]
fn phrases_follow_word_boundaries_and_find_words_inside_longer_words() {
    let texts = vec![
        "中华人民共和国万岁".to_string(),
        "我们和服务员聊天".to_string(),
        "她穿着和服拍照".to_string(),
        "文生视频模型横空出世".to_string(),
    ];
    let (store, index) = library(&texts);
    let ids = |q: &str| -> Vec<i64> {
        let mut v: Vec<i64> = index
            .search(&store, q, SearchOptions::default())
            .unwrap()
            .hits
            .iter()
            .map(|h| h.article_id)
            .collect();
        v.sort();
        v
    };
    // 人民 and 共和国 are search-mode sub-words of 中华人民共和国, at offsets 2 and 4.
    assert_eq!(ids("\"人民共和国\""), [1]);
    assert_eq!(ids("人民共和国万岁"), [1]);
    // Segmented like the text: 和服 is not a word of 和服务员.
    assert_eq!(ids("和服"), [3]);
    // A single character is found anywhere.
    assert_eq!(ids("服"), [2, 3]);
    // Dictionary words inside a longer user-dictionary word.
    assert_eq!(ids("文生视频"), [4]);
    assert_eq!(ids("视频模型"), [4]);
    // Offsets are exact: words present but not adjacent do not make a phrase.
    assert_eq!(ids("\"万岁人民\""), Vec::<i64>::new());
    assert_eq!(ids("万岁 人民"), [1]);
}
