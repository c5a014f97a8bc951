//! Key terms of an article, of a theme's passages, or of the whole library:
//! jieba's TF-IDF or TextRank over the shared segmenter (so the user dictionary
//! keeps 人机共生 and 文生视频 whole), with Chinese stop words and everyday
//! verbs (带来, 提升, 发展: `everyday_verbs.txt` says where the list comes from)
//! removed.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TextRank, TfIdf};
use serde::{Deserialize, Serialize};

const STOP_WORDS_TXT: &str = include_str!("stopwords.txt");
const EVERYDAY_VERBS_TXT: &str = include_str!("everyday_verbs.txt");

/// The words of a list file: one a line, `#` starts a comment line.
fn list_words(txt: &str) -> impl Iterator<Item = String> + '_ {
    txt.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
}

/// The stop words: `stopwords.txt`, `everyday_verbs.txt` and jieba's English defaults.
pub static STOP_WORDS: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    let mut words: BTreeSet<String> = jieba_rs::DEFAULT_STOP_WORDS.clone();
    words.extend(list_words(STOP_WORDS_TXT));
    words.extend(list_words(EVERYDAY_VERBS_TXT));
    words
});

fn config() -> KeywordExtractConfig {
    KeywordExtractConfig::builder()
        .set_stop_words(STOP_WORDS.clone())
        .min_keyword_length(2)
        .use_hmm(false)
        .build()
}

// Loading jieba's IDF table takes a few milliseconds; do it once.
static TFIDF: LazyLock<TfIdf> = LazyLock::new(|| {
    let mut t = TfIdf::default(); // the default IDF table
    *t.config_mut() = config();
    t
});
static TEXTRANK: LazyLock<TextRank> = LazyLock::new(|| TextRank::new(5, config()));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum TermMethod {
    #[default]
    Tfidf,
    Textrank,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyTerm {
    pub term: String,
    pub weight: f64,
}

/// Whether `word` is worth showing as a term: not a stop word, not a number or
/// punctuation, at least two code points.
pub fn is_content_word(word: &str) -> bool {
    word.chars().count() >= 2
        && !STOP_WORDS.contains(word)
        && word.chars().any(|c| c.is_alphabetic())
        && !word
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
}

/// The `limit` most characteristic terms of `text`, best first.
pub fn key_terms(jieba: &Jieba, text: &str, limit: usize, method: TermMethod) -> Vec<KeyTerm> {
    if limit == 0 || text.trim().is_empty() {
        return Vec::new();
    }
    // Ask for more than needed: the content-word filter drops a few.
    let want = limit * 2 + 10;
    let raw = match method {
        TermMethod::Tfidf => TFIDF.extract_keywords(jieba, text, want, vec![]),
        TermMethod::Textrank => TEXTRANK.extract_keywords(jieba, text, want, vec![]),
    };
    let kept: Vec<_> = raw
        .into_iter()
        .filter(|k| is_content_word(k.keyword.trim()))
        .take(limit)
        .collect();
    // TextRank's raw scores grow with the text; scale both methods so the top term is 1.
    let top = kept
        .first()
        .map_or(1.0, |k| k.weight)
        .max(f64::MIN_POSITIVE);
    kept.into_iter()
        .map(|k| KeyTerm {
            term: k.keyword.trim().to_string(),
            weight: (k.weight / top * 1000.0).round() / 1000.0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_and_numbers_never_come_out_as_terms() {
        let jieba = Jieba::new();
        let text = "我们认为，影视产业的变革已经开始。2024年影视产业面对生成式人工智能，影视创作者需要新的工具。影视产业！";
        for method in [TermMethod::Tfidf, TermMethod::Textrank] {
            let terms = key_terms(&jieba, text, 5, method);
            assert!(!terms.is_empty());
            assert!(terms.iter().all(|t| is_content_word(&t.term)), "{terms:?}");
            assert!(
                terms.iter().any(|t| t.term == "影视"),
                "{method:?}: {terms:?}"
            );
            assert!(terms.iter().all(|t| t.term != "我们" && t.term != "2024"));
            assert_eq!(terms[0].weight, 1.0, "weights are scaled to the top term");
            assert!(terms.windows(2).all(|w| w[0].weight >= w[1].weight));
        }
    }

    #[test]
    fn a_user_dictionary_word_stays_whole() {
        let mut jieba = Jieba::new();
        jieba.add_word("人机共生", Some(50_000), Some("n"));
        let terms = key_terms(
            &jieba,
            "人机共生是未来。人机共生需要规则，人机共生也需要信任。",
            3,
            TermMethod::Tfidf,
        );
        assert_eq!(terms[0].term, "人机共生");
    }

    #[test]
    fn everyday_verbs_are_left_out_and_the_subject_stays() {
        let jieba = Jieba::new();
        let text = "人工智能带来影视产业的变革，提升了影视制作的效率，推动影视行业发展。\
            生成式人工智能将带来新的影视形态，提升创作者的能力，促进产业发展，实现影视创作的新发展。";
        for method in [TermMethod::Tfidf, TermMethod::Textrank] {
            let terms: Vec<String> = key_terms(&jieba, text, 10, method)
                .into_iter()
                .map(|t| t.term)
                .collect();
            for verb in ["带来", "提升", "发展", "推动", "促进", "实现"] {
                assert!(
                    !terms.iter().any(|t| t == verb),
                    "{method:?}: {verb} in {terms:?}"
                );
            }
            assert!(terms.iter().any(|t| t == "影视"), "{method:?}: {terms:?}");
        }
    }

    #[test]
    fn every_listed_verb_is_one_word_to_jieba() {
        // A list entry jieba would split can never match a term: it would filter nothing.
        let jieba = Jieba::new();
        for verb in list_words(EVERYDAY_VERBS_TXT) {
            let words: Vec<&str> = jieba.cut(&verb, false).iter().map(|t| t.word).collect();
            assert_eq!(words, vec![verb.as_str()], "{verb}");
            assert!(!is_content_word(&verb));
        }
    }
}
