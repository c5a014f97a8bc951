//! Word segmentation: one jieba dictionary per process, shared by the index, the
//! query parser, the reader's word selection and the analysis crate.
//!
//! Loading jieba's dictionary costs about 100 ms and 25–30 MB, so there is exactly
//! one [`Segmenter`] ([`Segmenter::global`]); the tantivy tokenizer holds a
//! `&'static` reference to it and never clones the dictionary. It loads on first
//! use, so a launch that only lists articles never pays for it.
//!
//! The dictionary is jieba's default one plus the bundled user dictionary
//! (`data/userdict.txt`) plus the words a library adds (its themes' names and
//! keywords, see [`Segmenter::add_words`]). Every word is normalised
//! ([`crate::normalize`]) before it reaches jieba, because jieba only ever sees
//! normalised text.
//!
//! Segmentation runs without jieba's HMM guesser: an unknown name such as 张益唐
//! then comes out as single characters, identically in a query and in an article
//! whatever their neighbours, and single characters are indexed anyway.
//!
//! ```
//! use pizhu_search::segment::Segmenter;
//! let seg = Segmenter::global();
//! let words: Vec<_> = seg.cut("人民生活").into_iter().map(|w| w.text).collect();
//! assert_eq!(words, ["人民", "生活"]);
//! assert_eq!(seg.word_at("人民生活", 3), Some((2, 4)));
//! ```

use std::collections::BTreeSet;
use std::sync::{OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use jieba_rs::Jieba;
use pizhu_core::locks;
use sha2::{Digest, Sha256};

use crate::normalize::{normalize, normalize_into};

/// The bundled user dictionary (`word [freq] [tag]` per line, `#` comments).
pub const BUNDLED_USER_DICT: &str = include_str!("../../../data/userdict.txt");

/// Use jieba's HMM for unknown words? No: see the module docs.
pub(crate) const HMM: bool = false;

/// A word of a text: code-point offsets into the text and the original slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// The process's segmenter. See the module docs.
pub struct Segmenter {
    state: RwLock<State>,
}

struct State {
    /// Loaded on first use: a launch that only lists articles never pays the
    /// ~100 ms and 25–30 MB of jieba's dictionary.
    jieba: Option<Jieba>,
    /// Normalised words added on top of the bundled dictionaries in this
    /// process; applied when the dictionary loads, if it has not yet.
    added: BTreeSet<String>,
}

/// Read access to the loaded dictionary.
pub(crate) struct JiebaGuard<'a>(RwLockReadGuard<'a, State>);

impl std::ops::Deref for JiebaGuard<'_> {
    type Target = Jieba;
    fn deref(&self) -> &Jieba {
        self.0
            .jieba
            .as_ref()
            .expect("loaded before the guard is made")
    }
}

impl Segmenter {
    /// The one segmenter of this process (its dictionary loads on first use).
    pub fn global() -> &'static Segmenter {
        static GLOBAL: OnceLock<Segmenter> = OnceLock::new();
        GLOBAL.get_or_init(Segmenter::unloaded)
    }

    fn unloaded() -> Segmenter {
        Segmenter {
            state: RwLock::new(State {
                jieba: None,
                added: BTreeSet::new(),
            }),
        }
    }

    /// Has the dictionary been loaded in this process yet?
    pub fn is_loaded(&self) -> bool {
        self.read().jieba.is_some()
    }

    fn read(&self) -> RwLockReadGuard<'_, State> {
        locks::read(&self.state)
    }

    fn write(&self) -> RwLockWriteGuard<'_, State> {
        locks::write(&self.state)
    }

    pub(crate) fn jieba(&self) -> JiebaGuard<'_> {
        loop {
            let state = self.read();
            if state.jieba.is_some() {
                return JiebaGuard(state);
            }
            drop(state);
            let mut state = self.write();
            if state.jieba.is_none() {
                let mut jieba = Jieba::new();
                for (word, freq) in parse_user_dict(BUNDLED_USER_DICT) {
                    jieba.add_word(&word, freq, None);
                }
                for w in &state.added {
                    if !jieba.has_word(w) {
                        jieba.add_word(w, None, None);
                    }
                }
                state.jieba = Some(jieba);
            }
        }
    }

    /// Run `f` with the shared dictionary (jieba's TF-IDF and TextRank extractors
    /// take a `&Jieba`; the analysis crate uses this rather than loading its own).
    pub fn with_jieba<T>(&self, f: impl FnOnce(&Jieba) -> T) -> T {
        f(&self.jieba())
    }

    /// Add domain words (theme names, keywords) so they stay whole. Returns how
    /// many were new to this process. Words are normalised first; blank ones and
    /// single characters are ignored. Does not load the dictionary.
    pub fn add_words<I, S>(&self, words: I) -> usize
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let fresh: Vec<String> = words
            .into_iter()
            .map(|w| normalize(w.as_ref().trim()))
            .filter(|w| w.chars().count() >= 2 && !w.chars().any(char::is_whitespace))
            .collect();
        if fresh.is_empty() {
            return 0;
        }
        let mut state = self.write();
        let state = &mut *state;
        let mut count = 0;
        for w in fresh {
            if let Some(jieba) = state.jieba.as_mut() {
                if !jieba.has_word(&w) {
                    jieba.add_word(&w, None, None);
                }
            }
            if state.added.insert(w) {
                count += 1;
            }
        }
        count
    }

    /// Split `text` into words (jieba's default mode on the normalised text),
    /// with code-point offsets and slices of the original `text`. Whitespace is
    /// left out; punctuation comes out as one-character words.
    pub fn cut<'t>(&self, text: &'t str) -> Vec<Word<'t>> {
        let normalized = normalize(text);
        let jieba = self.jieba();
        let tokens = jieba.cut(&normalized, HMM);
        // Walk the original text alongside the (code-point aligned) tokens.
        let mut words = Vec::with_capacity(tokens.len());
        let mut chars = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()));
        let mut cp = 0usize;
        let mut byte = chars.next().unwrap_or(0);
        let mut advance_to = |target: usize, cp: &mut usize, byte: &mut usize| {
            while *cp < target {
                *byte = chars.next().unwrap_or(text.len());
                *cp += 1;
            }
            *byte
        };
        for t in tokens {
            let start_byte = advance_to(t.start, &mut cp, &mut byte);
            let end_byte = advance_to(t.end, &mut cp, &mut byte);
            let slice = &text[start_byte..end_byte];
            if slice.chars().all(char::is_whitespace) {
                continue;
            }
            words.push(Word {
                start: t.start,
                end: t.end,
                text: slice,
            });
        }
        words
    }

    /// jieba's search mode on text that is already normalised: whole words plus
    /// the dictionary words inside longer ones (for tools that segment text for
    /// another engine, like the benchmark's FTS5 peer). Whitespace is left out.
    pub fn cut_for_search<'t>(&self, normalized: &'t str) -> Vec<&'t str> {
        self.jieba()
            .cut_for_search(normalized, HMM)
            .into_iter()
            .map(|t| t.word)
            .filter(|w| !w.chars().all(char::is_whitespace))
            .collect()
    }

    /// The word around code point `cp` of `text` (for double-click selection in
    /// the reader): `(start, end)` code points, or `None` past the end or on
    /// whitespace. Only the paragraph holding `cp` is segmented.
    pub fn word_at(&self, text: &str, cp: usize) -> Option<(usize, usize)> {
        // Find the paragraph (between '\n's) holding `cp`, in code points.
        let mut para_start_cp = 0;
        let mut para_start_byte = 0;
        let mut para_end_byte = text.len();
        let mut seen_target = false;
        for (i, (b, c)) in text.char_indices().enumerate() {
            if i == cp {
                if c == '\n' {
                    return None;
                }
                seen_target = true;
            }
            if c == '\n' {
                if seen_target {
                    para_end_byte = b;
                    break;
                }
                para_start_cp = i + 1;
                para_start_byte = b + 1;
            }
        }
        if !seen_target {
            return None;
        }
        let para = &text[para_start_byte..para_end_byte];
        let local = cp - para_start_cp;
        self.cut(para)
            .into_iter()
            .find(|w| w.start <= local && local < w.end)
            .map(|w| (w.start + para_start_cp, w.end + para_start_cp))
    }

    /// A fingerprint of everything that decides how text is segmented: the
    /// bundled user dictionary plus the library's own words. An index built under
    /// another fingerprint is rebuilt.
    pub fn dictionary_fingerprint<S: AsRef<str>>(library_words: &[S]) -> String {
        let mut words: Vec<String> = library_words
            .iter()
            .map(|w| normalize(w.as_ref().trim()))
            .filter(|w| w.chars().count() >= 2 && !w.chars().any(char::is_whitespace))
            .collect();
        words.sort();
        words.dedup();
        let mut h = Sha256::new();
        h.update(BUNDLED_USER_DICT.as_bytes());
        h.update([0]);
        for w in words {
            h.update(w.as_bytes());
            h.update([0]);
        }
        hex::encode(&h.finalize()[..12])
    }
}

/// Lines of a jieba user dictionary: `word [freq] [tag]`; a missing or bad
/// frequency lets jieba suggest one (jieba's own loader would use 0, which makes
/// the word unusable).
fn parse_user_dict(text: &str) -> Vec<(String, Option<usize>)> {
    let mut out = Vec::new();
    let mut norm = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let freq = parts
            .next()
            .and_then(|f| f.parse::<usize>().ok())
            .filter(|&f| f > 0);
        normalize_into(word, &mut norm);
        out.push((norm.clone(), freq));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_gives_original_slices_and_code_point_offsets() {
        let seg = Segmenter::global();
        let text = "ＳＯＲＡ是文生視頻模型";
        let words = seg.cut(text);
        let rebuilt: String = words.iter().map(|w| w.text).collect();
        assert_eq!(rebuilt, text);
        for w in &words {
            let by_cp: String = text.chars().skip(w.start).take(w.end - w.start).collect();
            assert_eq!(by_cp, w.text);
        }
        assert_eq!(words[0].text, "ＳＯＲＡ");
    }

    #[test]
    fn word_at_selects_the_word_in_its_own_paragraph() {
        let seg = Segmenter::global();
        let text = "第一段。\n人民生活水平";
        // '生' is code point 7: paragraph 2 starts at 5, 人民=5..7, 生活=7..9.
        assert_eq!(seg.word_at(text, 7), Some((7, 9)));
        assert_eq!(
            seg.word_at(text, 4),
            None,
            "the newline itself is not a word"
        );
        assert_eq!(seg.word_at(text, 99), None);
    }

    #[test]
    fn the_dictionary_loads_on_first_use_with_the_words_added_before() {
        let seg = Segmenter::unloaded();
        assert_eq!(seg.add_words(["囧途记叔", "x"]), 1);
        assert!(!seg.is_loaded(), "adding words does not load jieba");
        let words: Vec<_> = seg.cut("囧途记叔").into_iter().map(|w| w.text).collect();
        assert!(seg.is_loaded());
        assert_eq!(words, ["囧途记叔"]);
        assert_eq!(seg.add_words(["囧途记叔"]), 0, "already there");
    }

    #[test]
    fn added_words_stay_whole_and_change_the_fingerprint() {
        let seg = Segmenter::global();
        let before: Vec<_> = seg.cut("爷叔囧途记").into_iter().map(|w| w.text).collect();
        assert_ne!(before, ["爷叔囧途记"]);
        assert_eq!(seg.add_words(["爷叔囧途记"]), 1);
        let after: Vec<_> = seg.cut("爷叔囧途记").into_iter().map(|w| w.text).collect();
        assert_eq!(after, ["爷叔囧途记"]);
        assert_ne!(
            Segmenter::dictionary_fingerprint::<&str>(&[]),
            Segmenter::dictionary_fingerprint(&["爷叔囧途记"])
        );
    }
}
