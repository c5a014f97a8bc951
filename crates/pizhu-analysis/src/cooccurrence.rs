//! Co-occurrence: which themes meet on the same or overlapping passages.
//!
//! Definition (pinned by tests): a *meeting* is either one highlight, or an
//! unordered pair of distinct highlights of the same article whose ranges share
//! at least one code point (touching ranges do not). Themes A ≠ B co-occur in a
//! meeting when A is on one side and B on the other (for a single highlight:
//! both on it). `counts[A][B]` is the number of meetings in which A and B
//! co-occur — each meeting adds at most one, however many ways it joins them.
//! The diagonal `counts[A][A]` is the number of passages coded A, as in the
//! usual code-co-occurrence tables.

use std::collections::HashMap;

use serde::Serialize;

use crate::CodedPassage;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cooccurrence {
    /// Symmetric; indexed like the theme ids given.
    pub counts: Vec<Vec<u32>>,
    /// Every pair with a non-zero count, most frequent first.
    pub pairs: Vec<ThemePair>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ThemePair {
    pub a: i64,
    pub b: i64,
    pub count: u32,
}

/// One meeting behind a co-occurrence number: the highlight(s) and the span
/// they cover together (`overlap*` is the shared part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub article_id: i64,
    pub highlight_ids: Vec<i64>,
    pub start: usize,
    pub end: usize,
    pub overlap_start: usize,
    pub overlap_end: usize,
}

/// Calls `visit(first, second)` for every meeting: each highlight once with
/// itself, then every overlapping pair once.
fn for_each_meeting<'a>(
    passages: &'a [CodedPassage],
    mut visit: impl FnMut(&'a CodedPassage, &'a CodedPassage),
) {
    let mut order: Vec<&CodedPassage> = passages.iter().collect();
    order.sort_by_key(|p| (p.article_id, p.start, p.end, p.highlight_id));
    for (i, first) in order.iter().enumerate() {
        visit(first, first);
        // Sorted by start: once a later passage starts at or after `first.end`,
        // none after it can overlap `first`.
        for second in &order[i + 1..] {
            if second.article_id != first.article_id || second.start >= first.end {
                break;
            }
            if first.overlaps(second) {
                visit(first, second);
            }
        }
    }
}

/// Whether the meeting of `first` and `second` joins themes `a` and `b`.
fn joins(first: &CodedPassage, second: &CodedPassage, a: i64, b: i64) -> bool {
    (first.theme_ids.contains(&a) && second.theme_ids.contains(&b))
        || (first.theme_ids.contains(&b) && second.theme_ids.contains(&a))
}

pub fn cooccurrence(theme_ids: &[i64], passages: &[CodedPassage]) -> Cooccurrence {
    let index: HashMap<i64, usize> = theme_ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect();
    let n = theme_ids.len();
    let mut counts = vec![vec![0u32; n]; n];
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for_each_meeting(passages, |first, second| {
        if std::ptr::eq(first, second) {
            for t in &first.theme_ids {
                if let Some(&t) = index.get(t) {
                    counts[t][t] += 1;
                }
            }
        }
        joined.clear();
        for x in first.theme_ids.iter().filter_map(|t| index.get(t)) {
            for y in second.theme_ids.iter().filter_map(|t| index.get(t)) {
                if x != y {
                    joined.push((*x.min(y), *x.max(y)));
                }
            }
        }
        joined.sort_unstable();
        joined.dedup();
        for &(x, y) in &joined {
            counts[x][y] += 1;
            counts[y][x] += 1;
        }
    });
    let mut pairs = Vec::new();
    for x in 0..n {
        for y in x + 1..n {
            if counts[x][y] > 0 {
                pairs.push(ThemePair {
                    a: theme_ids[x],
                    b: theme_ids[y],
                    count: counts[x][y],
                });
            }
        }
    }
    pairs.sort_by(|p, q| {
        q.count
            .cmp(&p.count)
            .then(p.a.cmp(&q.a))
            .then(p.b.cmp(&q.b))
    });
    Cooccurrence { counts, pairs }
}

/// The meetings counted in `counts[a][b]`, in reading order. For `a == b`, the
/// passages coded `a` (the diagonal).
pub fn meetings(a: i64, b: i64, passages: &[CodedPassage]) -> Vec<Meeting> {
    let mut out = Vec::new();
    for_each_meeting(passages, |first, second| {
        let same = std::ptr::eq(first, second);
        let counted = if a == b {
            same && first.theme_ids.contains(&a)
        } else {
            joins(first, second, a, b)
        };
        if !counted {
            return;
        }
        let highlight_ids = if same {
            vec![first.highlight_id]
        } else {
            vec![first.highlight_id, second.highlight_id]
        };
        out.push(Meeting {
            article_id: first.article_id,
            highlight_ids,
            start: first.start.min(second.start),
            end: first.end.max(second.end),
            overlap_start: first.start.max(second.start),
            overlap_end: first.end.min(second.end),
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(
        highlight_id: i64,
        article_id: i64,
        start: usize,
        end: usize,
        themes: &[i64],
    ) -> CodedPassage {
        CodedPassage::sample(highlight_id, article_id, start, end, themes)
    }

    #[test]
    fn same_highlight_and_overlapping_highlights_co_occur_touching_ones_do_not() {
        let passages = vec![
            p(1, 1, 0, 10, &[1, 2]), // A+B on one highlight: 1 meeting
            p(2, 1, 5, 15, &[3]),    // overlaps 1 on [5,10): A–C and B–C
            p(3, 1, 15, 20, &[1]),   // touches 2 at 15: no meeting
            p(4, 2, 5, 15, &[3]),    // same offsets as 2 but another article
        ];
        let c = cooccurrence(&[1, 2, 3], &passages);
        assert_eq!(c.counts, vec![vec![2, 1, 1], vec![1, 1, 1], vec![1, 1, 2]]);
        assert_eq!(
            c.pairs,
            vec![
                ThemePair {
                    a: 1,
                    b: 2,
                    count: 1
                },
                ThemePair {
                    a: 1,
                    b: 3,
                    count: 1
                },
                ThemePair {
                    a: 2,
                    b: 3,
                    count: 1
                }
            ]
        );
    }

    #[test]
    fn a_meeting_counts_once_however_many_ways_it_joins_a_pair() {
        // Both highlights carry A and B and overlap: three meetings (each alone, and the pair).
        let passages = vec![p(1, 1, 0, 10, &[1, 2]), p(2, 1, 3, 4, &[1, 2])];
        let c = cooccurrence(&[1, 2], &passages);
        assert_eq!(c.counts, vec![vec![2, 3], vec![3, 2]]);
        let m = meetings(2, 1, &passages);
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].highlight_ids, vec![1, 2]);
        assert_eq!(
            (m[1].start, m[1].end, m[1].overlap_start, m[1].overlap_end),
            (0, 10, 3, 4)
        );
    }

    #[test]
    fn nested_and_chained_overlaps_are_found_past_a_non_overlapping_neighbour() {
        // 1 spans everything; 2 and 3 sit inside it without touching each other.
        let passages = vec![
            p(1, 1, 0, 100, &[1]),
            p(2, 1, 10, 20, &[2]),
            p(3, 1, 50, 60, &[3]),
        ];
        let c = cooccurrence(&[1, 2, 3], &passages);
        assert_eq!(c.counts[0], vec![1, 1, 1]);
        assert_eq!(c.counts[1][2], 0);
        let m = meetings(1, 3, &passages);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].highlight_ids, vec![1, 3]);
    }

    #[test]
    fn the_diagonal_lists_the_theme_s_own_passages() {
        let passages = vec![p(1, 1, 0, 10, &[1]), p(2, 1, 5, 8, &[1])];
        let c = cooccurrence(&[1], &passages);
        assert_eq!(c.counts, vec![vec![2]]);
        assert_eq!(meetings(1, 1, &passages).len(), 2);
        assert!(c.pairs.is_empty());
    }
}
