//! The tantivy tokenizer: normalise, segment with the shared jieba, and position
//! every token at its **code-point offset** in the text.
//!
//! What a text of N characters is indexed as:
//! - every word of jieba's search mode (whole words, plus the 2- and 3-character
//!   dictionary words inside longer ones, e.g. 中华人民共和国 also gives 中华,
//!   华人, 人民, 共和, 共和国), plus the 4+-character dictionary words inside words
//!   of 5+ characters (文生视频 inside 文生视频模型), so a query word is found
//!   inside a longer word of the text;
//! - every Han character on its own (single-character search);
//! - nothing for whitespace and punctuation.
//!
//! Position = code-point offset of the token's first character. Search mode emits
//! sub-words before their whole word, so jieba's own order goes backwards; here
//! tokens are sorted by (position, length) so positions never decrease. Because a
//! position is an offset, a phrase is "each query word at its own offset from
//! the first" (`PhraseQuery::new_with_offset`) whatever the words' lengths, and a
//! posting's positions are the match offsets in the article — no re-tokenising
//! to find matches or build snippets.
//!
//! Token byte offsets (`offset_from`/`offset_to`) point into the original text.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::normalize::normalize_char;
use crate::segment::{Segmenter, HMM};

/// Registered under this name in every index Pizhu opens.
pub const TOKENIZER_NAME: &str = "pizhu_zh";
/// Bump when what the tokenizer emits changes: indexes built before are rebuilt.
pub const TOKENIZER_VERSION: u32 = 1;

/// One token of a text, in code points (`pos`, `len`) and original bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub pos: u32,
    pub len: u32,
    /// Byte range in the normalised text (to copy the token's text).
    pub norm_from: u32,
    pub norm_to: u32,
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Normalise `text` into `normalized` and list its index tokens into `spans`,
/// sorted by (position, length), without duplicates. Returns, when the
/// normalisation changed some character's UTF-8 length, the original byte
/// offset of every code point (plus the end), else `None` (same layout).
pub fn index_spans(text: &str, normalized: &mut String, spans: &mut Vec<Span>) -> Option<Vec<u32>> {
    normalized.clear();
    normalized.reserve(text.len());
    let mut same_layout = true;
    for c in text.chars() {
        let n = normalize_char(c);
        same_layout &= n.len_utf8() == c.len_utf8();
        normalized.push(n);
    }
    spans.clear();
    let seg = Segmenter::global();
    let jieba = seg.jieba();
    for t in jieba.cut_for_search(normalized, HMM) {
        let len = (t.end - t.start) as u32;
        if !t.word.chars().any(char::is_alphanumeric) {
            continue;
        }
        spans.push(Span {
            pos: t.start as u32,
            len,
            norm_from: t.byte_start as u32,
            norm_to: t.byte_end as u32,
        });
        // Dictionary words of 4+ characters inside a long all-Han word.
        if len >= 5 && t.word.chars().all(is_han) {
            let offsets: Vec<usize> = t
                .word
                .char_indices()
                .map(|(b, _)| b)
                .chain([t.word.len()])
                .collect();
            let n = len as usize;
            for sub_len in 4..n {
                for i in 0..=n - sub_len {
                    let sub = &t.word[offsets[i]..offsets[i + sub_len]];
                    if jieba.has_word(sub) {
                        spans.push(Span {
                            pos: (t.start + i) as u32,
                            len: sub_len as u32,
                            norm_from: (t.byte_start + offsets[i]) as u32,
                            norm_to: (t.byte_start + offsets[i + sub_len]) as u32,
                        });
                    }
                }
            }
        }
    }
    drop(jieba);
    for (cp, (b, c)) in normalized.char_indices().enumerate() {
        if is_han(c) {
            spans.push(Span {
                pos: cp as u32,
                len: 1,
                norm_from: b as u32,
                norm_to: (b + c.len_utf8()) as u32,
            });
        }
    }
    spans.sort_unstable_by_key(|s| (s.pos, s.len));
    spans.dedup_by_key(|s| (s.pos, s.len));
    if same_layout {
        None
    } else {
        Some(
            text.char_indices()
                .map(|(b, _)| b as u32)
                .chain([text.len() as u32])
                .collect(),
        )
    }
}

/// The tantivy side: a [`Tokenizer`] over the shared [`Segmenter`]. Cloning it
/// clones two empty buffers, never the dictionary.
#[derive(Clone, Default)]
pub struct PizhuTokenizer {
    normalized: String,
    spans: Vec<Span>,
}

pub struct PizhuTokenStream<'a> {
    normalized: &'a str,
    spans: &'a [Span],
    original_bytes: Option<Vec<u32>>,
    next: usize,
    token: Token,
}

impl Tokenizer for PizhuTokenizer {
    type TokenStream<'a> = PizhuTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PizhuTokenStream<'a> {
        let original_bytes = index_spans(text, &mut self.normalized, &mut self.spans);
        PizhuTokenStream {
            normalized: &self.normalized,
            spans: &self.spans,
            original_bytes,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for PizhuTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(span) = self.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let t = &mut self.token;
        t.text.clear();
        t.text
            .push_str(&self.normalized[span.norm_from as usize..span.norm_to as usize]);
        t.position = span.pos as usize;
        t.position_length = 1;
        match &self.original_bytes {
            None => {
                t.offset_from = span.norm_from as usize;
                t.offset_to = span.norm_to as usize;
            }
            Some(map) => {
                t.offset_from = map[span.pos as usize] as usize;
                t.offset_to = map[(span.pos + span.len) as usize] as usize;
            }
        }
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// A whole field value as one normalised term (author names).
#[derive(Clone, Default)]
pub struct NormalizedRawTokenizer {
    token: Token,
}

pub struct RawStream<'a> {
    token: &'a mut Token,
    done: bool,
}

impl Tokenizer for NormalizedRawTokenizer {
    type TokenStream<'a> = RawStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> RawStream<'a> {
        let t = &mut self.token;
        t.text.clear();
        t.text.extend(text.trim().chars().map(normalize_char));
        t.offset_from = 0;
        t.offset_to = text.len();
        t.position = 0;
        t.position_length = 1;
        let done = t.text.is_empty();
        RawStream { token: t, done }
    }
}

impl TokenStream for RawStream<'_> {
    fn advance(&mut self) -> bool {
        let first = !self.done;
        self.done = true;
        first
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

pub const RAW_TOKENIZER_NAME: &str = "pizhu_raw";

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tok = PizhuTokenizer::default();
        let mut stream = tok.token_stream(text);
        let mut out = vec![];
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    /// Pins the trap: jieba's search mode emits 中华, 华人 … before
    /// 中华人民共和国, so its offsets go backwards; ours never do.
    #[test]
    fn positions_are_code_point_offsets_and_never_decrease() {
        let toks = tokens("我爱中华人民共和国");
        let positions: Vec<usize> = toks.iter().map(|t| t.1).collect();
        assert!(positions.windows(2).all(|w| w[0] <= w[1]), "{toks:?}");
        let find = |w: &str| toks.iter().find(|t| t.0 == w).map(|t| t.1);
        assert_eq!(find("中华人民共和国"), Some(2));
        assert_eq!(find("人民"), Some(4));
        assert_eq!(find("共和国"), Some(6));
        assert_eq!(
            find("国"),
            Some(8),
            "every Han character is also indexed alone"
        );
    }

    #[test]
    fn byte_offsets_point_into_the_original_text_even_when_normalisation_shrinks_it() {
        let text = "用ＳＯＲＡ做影視";
        let toks = tokens(text);
        let sora = toks
            .iter()
            .find(|t| t.0 == "sora")
            .expect("full-width SORA is indexed as sora");
        assert_eq!(&text[sora.2..sora.3], "ＳＯＲＡ");
        assert_eq!(sora.1, 1);
        let yingshi = toks
            .iter()
            .find(|t| t.0 == "影视")
            .expect("traditional 影視 is indexed as 影视");
        assert_eq!(&text[yingshi.2..yingshi.3], "影視");
    }

    #[test]
    fn punctuation_and_spaces_are_not_indexed() {
        let toks = tokens("好，  “对”。");
        let words: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(words, ["好", "对"]);
    }
}
