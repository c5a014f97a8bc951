//! Concordance (KWIC): every occurrence of a word or phrase with its left and
//! right context.
//!
//! Chinese text may or may not put spaces around Latin words and numbers
//! ("Sora 大幅" / "Sora大幅"), and imported text sometimes carries stray
//! spaces between characters. A match therefore ignores spaces wherever one side
//! of them is CJK, on both the term and the text; between two Latin letters or
//! digits a space still separates words. Characters are compared after search's
//! normalisation ([`pizhu_core::normalize`]): case, full-width/half-width and
//! traditional/simplified fold, so 影視 finds what 影视 finds.
//! Context stops at the paragraph's edge and never crosses a newline.

use pizhu_core::normalize::{normalize_char, other_forms};
use serde::{Deserialize, Serialize};

/// One occurrence. `start..end` are code points into the article's text (the
/// stretch that matched, spaces inside included); `left`/`right` hold at most
/// `width` code points each, runs of spaces shown as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KwicHit {
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    /// Index of the paragraph (0-based, counting '\n').
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum KwicSort {
    /// By the left context read outwards from the match (the word just before it first).
    Left,
    /// By the right context.
    Right,
    /// Reading order: article, then position.
    #[default]
    Article,
}

/// Whitespace that may sit inside a match (never a paragraph break).
fn is_gap(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// Han, kana, hangul, CJK punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31BF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Whether text character `c` matches `want`, a character of the normalised pattern.
fn same_char(c: char, want: char) -> bool {
    c == want || normalize_char(c) == want
}

/// The term as the (normalised) characters to match: spaces next to CJK dropped,
/// other runs of spaces kept as one `' '` (which then matches one run of spaces in the text).
fn pattern(term: &str) -> Vec<char> {
    let chars: Vec<char> = term.trim().chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if is_gap(chars[i]) {
            let mut j = i;
            while j < chars.len() && is_gap(chars[j]) {
                j += 1;
            }
            let before = out.last().copied();
            let after = chars.get(j).copied();
            let cjk_side = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
            if !cjk_side && before.is_some() && after.is_some() {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    // Spaces were placed on the term as typed; the comparison is on normalised characters.
    out.iter_mut()
        .filter(|c| **c != ' ')
        .for_each(|c| *c = normalize_char(*c));
    out
}

/// Tries to match `pat` at byte `at` of `text`; returns the byte just past the match.
fn match_at(text: &str, at: usize, pat: &[char]) -> Option<usize> {
    let mut rest = text[at..].char_indices().peekable();
    let mut prev: Option<char> = None;
    for (k, &want) in pat.iter().enumerate() {
        if want == ' ' {
            // A run of spaces in the term needs at least one in the text.
            let mut any = false;
            while let Some(&(_, c)) = rest.peek() {
                if !is_gap(c) {
                    break;
                }
                any = true;
                rest.next();
            }
            if !any {
                return None;
            }
            prev = Some(' ');
            continue;
        }
        if k > 0 {
            // Skip spaces the text has where the term has none, if one side is CJK.
            let mut skipped = false;
            let save = rest.clone();
            while let Some(&(_, c)) = rest.peek() {
                if !is_gap(c) {
                    break;
                }
                skipped = true;
                rest.next();
            }
            // `want` is normalised (，→ ,), so the text's own next character decides too.
            let next_is_cjk = rest.peek().is_some_and(|&(_, c)| is_cjk(c));
            if skipped && !(prev.is_some_and(is_cjk) || is_cjk(want) || next_is_cjk) {
                rest = save;
            }
        }
        let (_, c) = rest.next()?;
        if !same_char(c, want) {
            return None;
        }
        prev = Some(c);
    }
    Some(rest.peek().map(|&(b, _)| at + b).unwrap_or(text.len()))
}

/// Up to `width` code points of `s` nearest to its end (`from_end`) or start,
/// runs of spaces shown as one space.
fn context(s: &str, width: usize, from_end: bool) -> String {
    // Find the stretch of `s` that yields `width` shown characters, then copy it
    // once, collapsing spaces (one allocation per context).
    let mut shown = 0;
    let mut last_gap = false;
    let mut count = |c: char| {
        let gap = c.is_whitespace();
        if !(gap && last_gap) {
            shown += 1;
        }
        last_gap = gap;
        shown
    };
    let slice = if from_end {
        let mut begin = s.len();
        for (b, c) in s.char_indices().rev() {
            if count(c) > width {
                break;
            }
            begin = b;
        }
        &s[begin..]
    } else {
        let mut end = 0;
        for (b, c) in s.char_indices() {
            if count(c) > width {
                break;
            }
            end = b + c.len_utf8();
        }
        &s[..end]
    };
    let mut out = String::with_capacity(slice.len());
    let mut last_gap = false;
    for c in slice.chars() {
        let gap = c.is_whitespace();
        if gap && last_gap {
            continue;
        }
        last_gap = gap;
        out.push(if gap { ' ' } else { c });
    }
    out
}

/// Where one occurrence sits, before any string is built: byte ranges of the
/// match and its paragraph, code-point offsets and the paragraph index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicSpot {
    pub begin: usize,
    pub finish: usize,
    pub para_start: usize,
    pub para_end: usize,
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// Every occurrence of `term` in `text`, appended to `out`.
pub fn find_spots(text: &str, term: &str, out: &mut Vec<KwicSpot>) {
    let pat = pattern(term);
    let Some(&first) = pat.first() else { return };
    let last = *pat.last().unwrap();
    // Code-point and paragraph counts advance incrementally from the last match,
    // so the scan stays linear in the text's length.
    let mut counted_to = 0usize;
    let mut cp_at = 0usize;
    let mut para_at = 0usize;
    let mut resume = 0usize;
    // Each form the first character takes in raw text (影 has one; 视 two, 视 and 視)
    // is found with a plain char search (a memchr); the nearest wins. A form's next
    // position is kept until the scan passes it, so the scan stays linear.
    let mut forms: Vec<(char, Option<usize>)> = std::iter::once(first)
        .chain(other_forms(first).iter().copied())
        .map(|c| (c, text.find(c)))
        .collect();
    let mut next_first = |from: usize| {
        let mut nearest: Option<usize> = None;
        for (c, pos) in forms.iter_mut() {
            if pos.is_some_and(|p| p < from) {
                *pos = text[from..].find(*c).map(|i| from + i);
            }
            nearest = match (nearest, *pos) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        nearest
    };
    while let Some(begin) = next_first(resume) {
        let first_len = text[begin..].chars().next().map_or(1, char::len_utf8);
        let Some(finish) = match_at(text, begin, &pat) else {
            resume = begin + first_len;
            continue;
        };
        // A Latin term should not match inside a longer Latin word ("AI" in "SAID").
        let before = text[..begin].chars().next_back();
        let after = text[finish..].chars().next();
        let word_edge = |c: Option<char>, inner: char| {
            !(inner.is_ascii_alphanumeric() && c.is_some_and(|c| c.is_ascii_alphanumeric()))
        };
        if !word_edge(before, first) || !word_edge(after, last) {
            resume = begin + first_len;
            continue;
        }
        let skipped = &text[counted_to..begin];
        cp_at += skipped.chars().count();
        para_at += skipped.bytes().filter(|&b| b == b'\n').count();
        counted_to = begin;
        out.push(KwicSpot {
            begin,
            finish,
            para_start: text[..begin].rfind('\n').map_or(0, |i| i + 1),
            para_end: text[finish..].find('\n').map_or(text.len(), |i| finish + i),
            start: cp_at,
            end: cp_at + text[begin..finish].chars().count(),
            paragraph: para_at,
        });
        resume = finish.max(begin + first_len);
    }
}

/// The concordance line for a spot found in `text`.
pub fn hit_at(article_id: i64, text: &str, spot: &KwicSpot, width: usize) -> KwicHit {
    KwicHit {
        article_id,
        start: spot.start,
        end: spot.end,
        left: context(&text[spot.para_start..spot.begin], width, true),
        matched: text[spot.begin..spot.finish].to_string(),
        right: context(&text[spot.finish..spot.para_end], width, false),
        paragraph: spot.paragraph,
    }
}

/// Orders two spots (with their article's id and text) as [`sort_hits`] orders
/// lines, reading the context straight from the texts (no strings built), so a
/// large concordance can be sorted before the few lines shown are made.
pub fn compare_spots(
    sort: KwicSort,
    width: usize,
    a: (i64, &str, &KwicSpot),
    b: (i64, &str, &KwicSpot),
) -> std::cmp::Ordering {
    let tie = || a.0.cmp(&b.0).then(a.2.start.cmp(&b.2.start));
    match sort {
        KwicSort::Article => tie(),
        KwicSort::Left => {
            let (ta, sa, tb, sb) = (a.1, a.2, b.1, b.2);
            let left_a = ta[sa.para_start..sa.begin].chars().rev().take(width);
            let left_b = tb[sb.para_start..sb.begin].chars().rev().take(width);
            left_a.cmp(left_b).then_with(tie)
        }
        KwicSort::Right => {
            let (ta, sa, tb, sb) = (a.1, a.2, b.1, b.2);
            let right_a = ta[sa.finish..sa.para_end].chars().take(width);
            let right_b = tb[sb.finish..sb.para_end].chars().take(width);
            right_a.cmp(right_b).then_with(tie)
        }
    }
}

/// Every occurrence of `term` in one article's `text`, appended to `out`.
pub fn kwic_article(article_id: i64, text: &str, term: &str, width: usize, out: &mut Vec<KwicHit>) {
    let mut spots = Vec::new();
    find_spots(text, term, &mut spots);
    out.extend(spots.iter().map(|s| hit_at(article_id, text, s, width)));
}

/// Concordance over many articles, sorted as asked.
pub fn kwic<'a>(
    articles: impl IntoIterator<Item = (i64, &'a str)>,
    term: &str,
    width: usize,
    sort: KwicSort,
) -> Vec<KwicHit> {
    let mut hits = Vec::new();
    for (id, text) in articles {
        kwic_article(id, text, term, width, &mut hits);
    }
    sort_hits(&mut hits, sort);
    hits
}

pub fn sort_hits(hits: &mut [KwicHit], sort: KwicSort) {
    match sort {
        KwicSort::Article => hits.sort_by_key(|h| (h.article_id, h.start)),
        KwicSort::Right => hits.sort_by(|a, b| {
            a.right
                .cmp(&b.right)
                .then(a.article_id.cmp(&b.article_id))
                .then(a.start.cmp(&b.start))
        }),
        // Reversed once per line rather than on every comparison.
        KwicSort::Left => hits.sort_by_cached_key(|h| {
            (
                h.left.chars().rev().collect::<String>(),
                h.article_id,
                h.start,
            )
        }),
    }
}

/// Terminal display width: CJK and full-width characters take two columns.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_control() {
                0
            } else if is_wide(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
}

/// `s` padded on the left with spaces to `columns` display columns.
pub fn pad_left(s: &str, columns: usize) -> String {
    let w = display_width(s);
    format!("{}{s}", " ".repeat(columns.saturating_sub(w)))
}

/// `s` padded on the right with spaces to `columns` display columns.
pub fn pad_right(s: &str, columns: usize) -> String {
    let w = display_width(s);
    format!("{s}{}", " ".repeat(columns.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, term: &str, width: usize) -> Vec<KwicHit> {
        let mut out = Vec::new();
        kwic_article(1, text, term, width, &mut out);
        out
    }

    #[test]
    fn chinese_without_spaces_gives_code_point_offsets_and_clipped_context() {
        let text = "生成式人工智能改变影视产业。\n影视创作者感到震撼，影视";
        let hits = one(text, "影视", 4);
        assert_eq!(hits.len(), 3);
        assert_eq!((hits[0].start, hits[0].end), (9, 11));
        assert_eq!(hits[0].left, "智能改变");
        assert_eq!(hits[0].right, "产业。");
        assert_eq!(hits[0].paragraph, 0);
        // The second paragraph starts a new context: nothing on the left.
        assert_eq!(
            (hits[1].start, hits[1].left.as_str(), hits[1].right.as_str()),
            (15, "", "创作者感")
        );
        assert_eq!(hits[1].paragraph, 1);
        assert_eq!(
            (hits[2].left.as_str(), hits[2].right.as_str()),
            ("到震撼，", "")
        );
        for h in &hits {
            assert_eq!(
                pizhu_core::text::cp_slice(text, h.start, h.end),
                Some("影视")
            );
        }
    }

    #[test]
    fn spaces_in_the_text_or_the_term_do_not_stop_a_chinese_match() {
        let text = "OpenAI 发布 Sora ， 文生 视频模型 Sora大幅刷新";
        let hits = one(text, "文生视频", 3);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].matched, "文生 视频");
        assert_eq!(
            pizhu_core::text::cp_slice(text, hits[0].start, hits[0].end),
            Some("文生 视频")
        );
        assert_eq!(hits[0].left, " ， ");
        // The term may carry spaces too, and the text may not.
        assert_eq!(one(text, "Sora 大幅", 2).len(), 1);
        assert_eq!(one(text, "sora", 2).len(), 2, "ASCII matches ignore case");
        assert_eq!(one(text, "发布Sora", 2).len(), 1);
    }

    #[test]
    fn latin_words_keep_their_spaces_and_edges() {
        let text = "open ai said AI is openai";
        assert_eq!(one(text, "AI", 3).len(), 2, "not inside SAID or OPENAI");
        assert_eq!(
            one(text, "openai", 3).len(),
            1,
            "a space between Latin letters still splits words"
        );
        assert_eq!(one(text, "open ai", 3).len(), 1);
    }

    #[test]
    fn astral_characters_count_as_one_code_point() {
        let text = "𠮷野家的影视";
        let hits = one(text, "影视", 2);
        assert_eq!((hits[0].start, hits[0].end), (4, 6));
        assert_eq!(hits[0].left, "家的");
    }

    #[test]
    fn sorting_by_left_context_reads_outwards_from_the_match() {
        let mut hits = kwic(
            [(1, "乙甲影视。丙乙影视。甲丙影视。")],
            "影视",
            2,
            KwicSort::Left,
        );
        let lefts: Vec<&str> = hits.iter().map(|h| h.left.as_str()).collect();
        // Read outwards: 甲丙 → "丙甲", 丙乙 → "乙丙", 乙甲 → "甲乙"; 丙 < 乙 < 甲 in code order.
        assert_eq!(lefts, vec!["甲丙", "丙乙", "乙甲"]);
        sort_hits(&mut hits, KwicSort::Right);
        assert_eq!(
            hits.iter().map(|h| h.right.as_str()).collect::<Vec<_>>(),
            vec!["。", "。丙", "。甲"]
        );
    }

    #[test]
    fn runs_of_spaces_in_context_show_as_one_and_count_once() {
        let hits = one("甲  乙\t 丙影视丁   戊己", "影视", 3);
        assert_eq!(hits[0].left, "乙 丙");
        assert_eq!(hits[0].right, "丁 戊");
    }

    #[test]
    fn sorting_spots_on_the_text_agrees_with_sorting_built_lines() {
        let texts = [
            (1, "乙甲影视。丙乙影视，甲丙影视！"),
            (2, "丙乙影视。\n影视在段首。甲甲影视"),
        ];
        for sort in [KwicSort::Left, KwicSort::Right] {
            let lines = kwic(texts, "影视", 2, sort);
            let mut spots: Vec<(i64, &str, KwicSpot)> = Vec::new();
            for (id, text) in texts {
                let mut found = Vec::new();
                find_spots(text, "影视", &mut found);
                spots.extend(found.into_iter().map(|s| (id, text, s)));
            }
            spots.sort_by(|a, b| compare_spots(sort, 2, (a.0, a.1, &a.2), (b.0, b.1, &b.2)));
            let from_spots: Vec<(i64, usize)> = spots.iter().map(|s| (s.0, s.2.start)).collect();
            let from_lines: Vec<(i64, usize)> =
                lines.iter().map(|h| (h.article_id, h.start)).collect();
            assert_eq!(from_spots, from_lines, "{sort:?}");
            assert_eq!(lines.len(), 6);
        }
    }

    /// Issue #15: the concordance must fold like search (影視 finds the lines 影视 finds).
    #[test]
    fn traditional_simplified_and_full_width_fold_like_search() {
        let text = "影視產業。影视创作与ＳＯＲＡ，門檻";
        for term in ["影视", "影視"] {
            let hits = one(text, term, 2);
            let matched: Vec<&str> = hits.iter().map(|h| h.matched.as_str()).collect();
            assert_eq!(matched, vec!["影視", "影视"], "{term}");
            assert_eq!((hits[0].start, hits[1].start), (0, 5));
        }
        assert_eq!(one(text, "sora", 2)[0].matched, "ＳＯＲＡ");
        assert_eq!(one(text, "Ｓora", 2).len(), 1);
        assert_eq!(one(text, "门槛", 2)[0].matched, "門檻");
    }

    #[test]
    fn padding_uses_display_columns() {
        assert_eq!(display_width("影视ab"), 6);
        assert_eq!(pad_left("影视", 6), "  影视");
        assert_eq!(pad_right("ab", 3), "ab ");
    }
}
