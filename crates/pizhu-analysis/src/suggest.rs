//! Suggested passages for a theme: sentences not yet coded with it, ranked by
//! the theme's words.
//!
//! A theme's *words* are its name and keywords (weight 2) plus the key terms of
//! the passages already coded with it (weight ≤ 1, by TF-IDF rank). A sentence
//! scores the sum, over the distinct words it contains, of weight × idf, where
//! idf is measured over the library's sentences (a word in every sentence, like
//! "Sora" here, says little). Long sentences gather words by length alone, so
//! the sum is divided by √(length / 40) past 40 code points. Where words nest
//! (人工智能 / 智能), the longest one found at a position counts.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use jieba_rs::Jieba;
use serde::Serialize;

use crate::keyterms::{is_content_word, key_terms, TermMethod};
use crate::sentences::{sentences, Sentence};

/// Weight of the theme's name and keywords.
pub const KEYWORD_WEIGHT: f64 = 2.0;
/// How many key terms of the coded passages join the theme's words.
pub const CODED_TERMS: usize = 15;
/// How much coded text (code points, roughly) feeds the theme's words.
pub const CODED_TEXT_LIMIT: usize = 30_000;
/// See [`Ranker::best`]: coded-passage words in more of the sentences than this are ignored.
pub const GENERIC_SHARE: f64 = 0.1;
/// Sentences shorter than this (code points) are fragments (headings are known
/// from the article's structure and never suggested, whatever their length).
pub const MIN_SENTENCE: usize = 8;

/// The words a theme is searched by, with weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeWords {
    pub words: Vec<(String, f64)>,
}

impl ThemeWords {
    /// From the theme's name, its keywords, and the texts of passages already coded with it.
    pub fn new(jieba: &Jieba, name: &str, keywords: &[String], coded_texts: &[&str]) -> ThemeWords {
        let mut weights: HashMap<String, f64> = HashMap::new();
        let mut add = |w: &str, weight: f64| {
            let w = w.trim();
            if w.chars().count() >= 2 {
                let e = weights.entry(w.to_string()).or_insert(0.0);
                *e = e.max(weight);
            }
        };
        add(name, KEYWORD_WEIGHT);
        for k in keywords {
            add(k, KEYWORD_WEIGHT);
        }
        if !coded_texts.is_empty() {
            // A theme with thousands of passages: the first CODED_TEXT_LIMIT code
            // points of them show its vocabulary as well as all of them would,
            // and keep segmentation time bounded.
            let mut joined = String::new();
            let mut length = 0;
            for t in coded_texts {
                if length > CODED_TEXT_LIMIT {
                    break;
                }
                length += t.chars().count() + 1;
                joined.push_str(t);
                joined.push('\n');
            }
            let terms = key_terms(jieba, &joined, CODED_TERMS, TermMethod::Tfidf);
            let top = terms
                .first()
                .map_or(1.0, |t| t.weight.max(f64::MIN_POSITIVE));
            for t in terms.iter().filter(|t| is_content_word(&t.term)) {
                add(&t.term, t.weight / top);
            }
        }
        let mut words: Vec<(String, f64)> = weights.into_iter().collect();
        words.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ThemeWords { words }
    }
}

/// One article as the suggester sees it.
pub struct SuggestArticle<'a> {
    pub id: i64,
    pub text: &'a str,
    /// Ranges already coded with the theme: sentences touching them are not suggested.
    pub coded: Vec<(usize, usize)>,
    /// Sentences the user dismissed for this theme, by exact range.
    pub dismissed: Vec<(usize, usize)>,
    /// Indices of the paragraphs that are headings (as the article's structure
    /// records them): a heading is never suggested as a passage.
    pub headings: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub score: f64,
    /// The theme's words found in the sentence, most telling first.
    pub reasons: Vec<String>,
}

struct Candidate {
    article_id: i64,
    sentence: Sentence,
    words: Vec<usize>,
    /// Not coded with the theme, not dismissed, long enough. Ineligible
    /// sentences still count towards the words' document frequencies.
    eligible: bool,
}

/// A ranked sentence, before its text is fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// Ranks sentences one article at a time, so a caller can stream texts (from
/// SQLite rows) without holding them all; only positions are kept.
pub struct Ranker<'w> {
    theme: &'w ThemeWords,
    matcher: AhoCorasick,
    total_sentences: usize,
    doc_freq: Vec<u32>,
    candidates: Vec<Candidate>,
    hits: Vec<(usize, usize)>,
}

impl<'w> Ranker<'w> {
    /// `None` when the theme has no words to search by.
    pub fn new(theme: &'w ThemeWords) -> Option<Ranker<'w>> {
        if theme.words.is_empty() {
            return None;
        }
        let patterns: Vec<&str> = theme.words.iter().map(|(w, _)| w.as_str()).collect();
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("a handful of literal words always builds");
        Some(Ranker {
            theme,
            matcher,
            total_sentences: 0,
            doc_freq: vec![0; patterns.len()],
            candidates: Vec::new(),
            hits: Vec::new(),
        })
    }

    /// An empty ranker for the same theme, to rank a share of the articles on
    /// another thread; [`Ranker::absorb`] adds its counts back.
    pub fn fork(&self) -> Ranker<'w> {
        Ranker {
            theme: self.theme,
            matcher: self.matcher.clone(),
            total_sentences: 0,
            doc_freq: vec![0; self.doc_freq.len()],
            candidates: Vec::new(),
            hits: Vec::new(),
        }
    }

    /// Take in what a fork ranked. Absorbing forks in the order of the articles
    /// they ranked gives exactly what one ranker adding every article gives
    /// (equal scores keep the articles' order).
    pub fn absorb(&mut self, part: Ranker<'w>) {
        self.total_sentences += part.total_sentences;
        for (all, n) in self.doc_freq.iter_mut().zip(part.doc_freq) {
            *all += n;
        }
        self.candidates.extend(part.candidates);
    }

    pub fn add(&mut self, article: &SuggestArticle) {
        self.hits.clear();
        self.hits.extend(
            self.matcher
                .find_iter(article.text)
                .map(|m| (m.start(), m.pattern().as_usize())),
        );
        let split = sentences(article.text);
        self.total_sentences += split.len();
        if self.hits.is_empty() {
            return;
        }
        // `find_iter` reports hits in order, so sentences are walked once.
        let mut si = 0;
        let mut paragraph = Paragraphs::new(article.text);
        let mut current: Option<Candidate> = None;
        for &(byte, word) in &self.hits {
            while si < split.len() && split[si].byte_end <= byte {
                si += 1;
            }
            if si == split.len() {
                break;
            }
            let s = split[si];
            if byte < s.byte_start {
                continue; // in the spaces between sentences
            }
            if current.as_ref().is_none_or(|c| c.sentence != s) {
                if let Some(done) = current.take() {
                    record(done, &mut self.doc_freq, &mut self.candidates);
                }
                let (start, end) = (s.start, s.end);
                let eligible = end - start >= MIN_SENTENCE
                    && !article.coded.iter().any(|&(cs, ce)| cs < end && start < ce)
                    && !article.dismissed.contains(&(start, end))
                    && (article.headings.is_empty()
                        || !article.headings.contains(&paragraph.of(s.byte_start)));
                current = Some(Candidate {
                    article_id: article.id,
                    sentence: s,
                    words: Vec::new(),
                    eligible,
                });
            }
            current.as_mut().unwrap().words.push(word);
        }
        if let Some(done) = current.take() {
            record(done, &mut self.doc_freq, &mut self.candidates);
        }
    }

    /// The `limit` best eligible sentences, best first.
    pub fn best(self, limit: usize) -> Vec<Ranked> {
        let theme = self.theme;
        let n = self.total_sentences.max(1) as f64;
        let idf: Vec<f64> = self
            .doc_freq
            .iter()
            .map(|&df| (1.0 + n / (1.0 + df as f64)).ln())
            .collect();
        // A word learnt from coded passages (not a keyword) that is in more than
        // GENERIC_SHARE of all sentences is the corpus's everyday vocabulary, not
        // evidence for the theme.
        let generic: Vec<bool> = (0..theme.words.len())
            .map(|w| {
                theme.words[w].1 < KEYWORD_WEIGHT && f64::from(self.doc_freq[w]) > GENERIC_SHARE * n
            })
            .collect();
        let weight = |w: usize| {
            if generic[w] {
                0.0
            } else {
                theme.words[w].1 * idf[w]
            }
        };
        let score_of = |c: &Candidate| -> f64 {
            let sum: f64 = c.words.iter().map(|&w| weight(w)).sum();
            let len = (c.sentence.end - c.sentence.start) as f64;
            sum / (len / 40.0).max(1.0).sqrt()
        };
        let mut scored: Vec<(f64, usize)> = self
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.eligible)
            .map(|(i, c)| (score_of(c), i))
            .collect();
        let by_score = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if limit == 0 {
            return Vec::new();
        }
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, by_score);
            scored.truncate(limit);
        }
        scored.sort_by(by_score);
        scored
            .into_iter()
            .map(|(score, i)| {
                let c = &self.candidates[i];
                let mut reasons: Vec<usize> = c.words.clone();
                reasons.sort_by(|&x, &y| weight(y).total_cmp(&weight(x)));
                Ranked {
                    article_id: c.article_id,
                    start: c.sentence.start,
                    end: c.sentence.end,
                    score: (score * 1000.0).round() / 1000.0,
                    reasons: reasons
                        .into_iter()
                        .map(|w| theme.words[w].0.clone())
                        .collect(),
                }
            })
            .collect()
    }
}

/// The `limit` best sentences for the theme, best first (all texts in memory).
pub fn suggest(articles: &[SuggestArticle], theme: &ThemeWords, limit: usize) -> Vec<Suggestion> {
    let Some(mut ranker) = Ranker::new(theme) else {
        return Vec::new();
    };
    for a in articles {
        ranker.add(a);
    }
    ranker
        .best(limit)
        .into_iter()
        .map(|r| {
            let text = articles
                .iter()
                .find(|a| a.id == r.article_id)
                .and_then(|a| pizhu_core::text::cp_slice(a.text, r.start, r.end))
                .unwrap_or_default()
                .to_string();
            Suggestion {
                article_id: r.article_id,
                start: r.start,
                end: r.end,
                text,
                score: r.score,
                reasons: r.reasons,
            }
        })
        .collect()
}

/// The paragraph (0-based, split at `\n` as the article's structure counts
/// them) of byte positions asked for in increasing order: one pass over the text.
struct Paragraphs<'t> {
    text: &'t [u8],
    scanned: usize,
    index: usize,
}

impl<'t> Paragraphs<'t> {
    fn new(text: &'t str) -> Self {
        Paragraphs {
            text: text.as_bytes(),
            scanned: 0,
            index: 0,
        }
    }

    fn of(&mut self, byte: usize) -> usize {
        let upto = byte.min(self.text.len());
        if upto > self.scanned {
            self.index += self.text[self.scanned..upto]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.scanned = upto;
        }
        self.index
    }
}

/// Records a sentence's distinct words and counts them towards document frequency.
fn record(mut c: Candidate, doc_freq: &mut [u32], candidates: &mut Vec<Candidate>) {
    c.words.sort_unstable();
    c.words.dedup();
    for &w in &c.words {
        doc_freq[w] += 1;
    }
    candidates.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[(&str, f64)]) -> ThemeWords {
        ThemeWords {
            words: list.iter().map(|(w, x)| (w.to_string(), *x)).collect(),
        }
    }

    /// Suggestions in one article with nothing coded or dismissed yet.
    fn suggest_in(text: &str, theme: &ThemeWords, limit: usize) -> Vec<Suggestion> {
        let article = SuggestArticle {
            id: 1,
            text,
            coded: vec![],
            dismissed: vec![],
            headings: vec![],
        };
        suggest(&[article], theme, limit)
    }

    const TEXT: &str = "人工智能与人类创作者将形成人机共生的关系。\n今天天气很好，适合出门散步走走。\n版权归属是生成内容面临的难题之一。\n人机协作让创作者把精力放在创意上。";

    #[test]
    fn ranks_sentences_by_the_theme_s_words_and_says_why() {
        let theme = words(&[("人机共生", 2.0), ("人机协作", 1.5), ("创作者", 1.0)]);
        let got = suggest_in(TEXT, &theme, 10);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "人工智能与人类创作者将形成人机共生的关系。");
        assert_eq!(got[0].reasons, vec!["人机共生", "创作者"]);
        assert_eq!(got[1].text, "人机协作让创作者把精力放在创意上。");
        assert!(got[0].score > got[1].score);
        for s in &got {
            assert_eq!(
                pizhu_core::text::cp_slice(TEXT, s.start, s.end),
                Some(s.text.as_str())
            );
        }
    }

    #[test]
    fn coded_and_dismissed_sentences_are_not_suggested() {
        let theme = words(&[("人机共生", 2.0), ("人机协作", 2.0), ("创作者", 1.0)]);
        let first = suggest_in(TEXT, &theme, 10);
        // A highlight covering part of the first sentence excludes it; dismissing the second excludes that.
        let article = SuggestArticle {
            id: 1,
            text: TEXT,
            coded: vec![(3, 5)],
            dismissed: vec![(first[1].start, first[1].end)],
            headings: vec![],
        };
        assert!(suggest(&[article], &theme, 10).is_empty());
    }

    #[test]
    fn a_learnt_word_found_in_most_sentences_is_no_evidence() {
        let text = "影视产业在变。影视作品很多。影视公司很忙。影视人才短缺。人机共生改变影视创作。";
        let theme = words(&[("人机共生", 2.0), ("影视", 1.0)]);
        let got = suggest_in(text, &theme, 10);
        assert_eq!(got[0].text, "人机共生改变影视创作。");
        assert!(got[1..].iter().all(|s| s.score == 0.0), "{got:?}");
        // As a keyword (weight 2) the same word still counts.
        let keyword = words(&[("人机共生", 2.0), ("影视", 2.0)]);
        let got = suggest_in(text, &keyword, 10);
        assert!(got[1..].iter().all(|s| s.score > 0.0));
    }

    #[test]
    fn limit_keeps_the_best() {
        let theme = words(&[("创作者", 1.0), ("人机共生", 2.0)]);
        let got = suggest_in(TEXT, &theme, 1);
        assert_eq!(got.len(), 1);
        assert!(got[0].text.contains("人机共生"));
    }

    #[test]
    fn theme_words_take_the_name_keywords_and_coded_passage_terms() {
        let jieba = Jieba::new();
        let w = ThemeWords::new(
            &jieba,
            "版权伦理",
            &["版权".into(), "著作权".into()],
            &["版权归属是生成内容面临的难题，版权归属不清。"],
        );
        let get = |k: &str| w.words.iter().find(|(x, _)| x == k).map(|(_, v)| *v);
        assert_eq!(get("版权伦理"), Some(2.0));
        assert_eq!(
            get("版权"),
            Some(2.0),
            "a keyword keeps its weight when passages also yield it"
        );
        assert!(get("归属").is_some_and(|v| v > 0.0 && v <= 1.0), "{w:?}");
    }

    #[test]
    fn a_heading_is_never_suggested() {
        // Paragraph 0 is a long heading full of the theme's words; paragraph 2 too.
        let text = "人机共生：人机协作时代的创作者与人机共生\n创作者与人工智能的人机共生正在形成。\n人机协作与人机共生的新阶段\n人机协作让创作者把精力放在创意上。";
        let theme = words(&[("人机共生", 2.0), ("人机协作", 2.0), ("创作者", 1.0)]);
        let all = suggest_in(text, &theme, 10);
        assert!(
            all.iter().any(|s| s.text.starts_with("人机共生：")),
            "{all:?}"
        );
        let article = SuggestArticle {
            id: 1,
            text,
            coded: vec![],
            dismissed: vec![],
            headings: vec![0, 2],
        };
        let got: Vec<String> = suggest(&[article], &theme, 10)
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(
            got,
            vec![
                "创作者与人工智能的人机共生正在形成。",
                "人机协作让创作者把精力放在创意上。"
            ]
        );
    }
}
