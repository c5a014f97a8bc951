//! Theme × article matrix: how many passages each theme has in each article,
//! optionally with sub-themes rolled up into their parents, and the totals.

use std::collections::HashMap;

use crate::CodedPassage;

/// `counts[t][a]` is the number of passages coded with `theme_ids[t]` in
/// `article_ids[a]`. A passage carrying a theme twice is impossible (the store's
/// key forbids it), so every highlight adds at most one to a cell. Passages of
/// themes or articles not listed are ignored.
pub fn theme_matrix(
    theme_ids: &[i64],
    article_ids: &[i64],
    passages: &[CodedPassage],
) -> Vec<Vec<u32>> {
    counted_matrix(theme_ids, article_ids, passages, &Rollup::none()).counts
}

/// Which rows a theme counts towards: itself, and with sub-themes rolled up,
/// every ancestor too (the same rule as the theme page and `theme:` search).
#[derive(Debug, Clone, Default)]
pub struct Rollup {
    parent: HashMap<i64, i64>,
}

impl Rollup {
    /// Each theme counts only for itself.
    pub fn none() -> Rollup {
        Rollup::default()
    }

    /// From `(theme, parent)` pairs: a passage coded with a sub-theme also counts
    /// for its parent, grandparent, ….
    pub fn from_parents(themes: impl IntoIterator<Item = (i64, Option<i64>)>) -> Rollup {
        Rollup {
            parent: themes
                .into_iter()
                .filter_map(|(id, parent)| parent.map(|p| (id, p)))
                .collect(),
        }
    }

    /// `theme` and the ancestors it rolls up into, nearest first.
    pub fn rows_of(&self, theme: i64) -> impl Iterator<Item = i64> + '_ {
        // A cycle cannot be stored, but must never hang a view either: no chain
        // is longer than the number of links.
        let mut next = Some(theme);
        std::iter::from_fn(move || {
            let t = next?;
            next = self.parent.get(&t).copied();
            Some(t)
        })
        .take(self.parent.len() + 1)
    }

    /// The distinct themes `p` counts for, into `rows`: a passage coded with a
    /// parent and its child counts once for the parent.
    pub fn passage_rows(&self, p: &CodedPassage, rows: &mut Vec<i64>) {
        rows.clear();
        for &t in &p.theme_ids {
            for r in self.rows_of(t) {
                if !rows.contains(&r) {
                    rows.push(r);
                }
            }
        }
    }
}

/// A matrix with its totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedMatrix {
    /// `counts[t][a]`, as [`theme_matrix`] (rolled up if asked).
    pub counts: Vec<Vec<u32>>,
    /// Per theme: its passages in all listed articles (the row's sum).
    pub row_totals: Vec<u32>,
    /// Per article: its distinct passages coded with any listed theme. Not the
    /// column's sum, which counts a passage once per theme it carries.
    pub column_totals: Vec<u32>,
    /// Distinct coded passages in the listed articles.
    pub total: u32,
}

/// The matrix with totals; `rollup` says which rows each theme counts for.
pub fn counted_matrix(
    theme_ids: &[i64],
    article_ids: &[i64],
    passages: &[CodedPassage],
    rollup: &Rollup,
) -> CountedMatrix {
    let theme_index: HashMap<i64, usize> = theme_ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect();
    let article_index: HashMap<i64, usize> = article_ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect();
    let mut counts = vec![vec![0u32; article_ids.len()]; theme_ids.len()];
    let mut column_totals = vec![0u32; article_ids.len()];
    let mut rows = Vec::new();
    for p in passages {
        let Some(&a) = article_index.get(&p.article_id) else {
            continue;
        };
        let mut listed = false;
        rollup.passage_rows(p, &mut rows);
        for t in &rows {
            if let Some(&t) = theme_index.get(t) {
                counts[t][a] += 1;
                listed = true;
            }
        }
        if listed {
            column_totals[a] += 1;
        }
    }
    let row_totals = counts.iter().map(|row| row.iter().sum()).collect();
    let total = column_totals.iter().sum();
    CountedMatrix {
        counts,
        row_totals,
        column_totals,
        total,
    }
}

/// The passages behind one cell of the matrix, in reading order.
pub fn cell_passages(
    theme_id: i64,
    article_id: i64,
    passages: &[CodedPassage],
) -> Vec<&CodedPassage> {
    rolled_cell_passages(theme_id, article_id, passages, &Rollup::none())
}

/// The passages behind one cell, counted as `rollup` counts them.
pub fn rolled_cell_passages<'p>(
    theme_id: i64,
    article_id: i64,
    passages: &'p [CodedPassage],
    rollup: &Rollup,
) -> Vec<&'p CodedPassage> {
    let mut out: Vec<&CodedPassage> = passages
        .iter()
        .filter(|p| {
            p.article_id == article_id
                && p.theme_ids
                    .iter()
                    .any(|&t| rollup.rows_of(t).any(|r| r == theme_id))
        })
        .collect();
    out.sort_by_key(|p| (p.start, p.end, p.highlight_id));
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
    fn counts_each_highlight_once_per_theme_and_article() {
        let passages = vec![
            p(1, 10, 0, 5, &[1, 2]),
            p(2, 10, 8, 12, &[1]),
            p(3, 20, 0, 3, &[2]),
            p(4, 20, 4, 9, &[3]),
            p(5, 99, 0, 3, &[1]), // article not listed
        ];
        let m = theme_matrix(&[1, 2, 3], &[10, 20], &passages);
        assert_eq!(m, vec![vec![2, 0], vec![1, 1], vec![0, 1]]);
    }

    #[test]
    fn cell_lists_its_passages_in_reading_order() {
        let passages = vec![
            p(7, 10, 30, 40, &[1]),
            p(8, 10, 2, 4, &[1, 2]),
            p(9, 10, 5, 6, &[2]),
        ];
        let ids: Vec<i64> = cell_passages(1, 10, &passages)
            .iter()
            .map(|p| p.highlight_id)
            .collect();
        assert_eq!(ids, vec![8, 7]);
        assert!(cell_passages(3, 10, &passages).is_empty());
    }

    /// A small deterministic generator (no test dependency for randomness).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    /// Whether `theme` is `ancestor` or lies below it, walking parent links.
    fn is_within(theme: i64, ancestor: i64, parents: &[(i64, Option<i64>)]) -> bool {
        let mut cur = Some(theme);
        while let Some(t) = cur {
            if t == ancestor {
                return true;
            }
            cur = parents
                .iter()
                .find(|(id, _)| *id == t)
                .and_then(|(_, p)| *p);
        }
        false
    }

    #[test]
    fn rolled_up_counts_and_totals_match_a_brute_force_count() {
        let mut rng = Lcg(7);
        for round in 0..40 {
            // A random forest: each theme's parent, if any, comes before it.
            let n_themes = 1 + rng.below(8) as i64;
            let parents: Vec<(i64, Option<i64>)> = (1..=n_themes)
                .map(|id| {
                    let parent =
                        (id > 1 && rng.below(3) > 0).then(|| 1 + rng.below(id as u64 - 1) as i64);
                    (id, parent)
                })
                .collect();
            let articles: Vec<i64> = (100..100 + 1 + rng.below(5) as i64).collect();
            let passages: Vec<CodedPassage> = (0..rng.below(30) as i64)
                .map(|h| {
                    let mut themes: Vec<i64> = (0..1 + rng.below(3))
                        .map(|_| 1 + rng.below(n_themes as u64 + 1) as i64) // n+1: a theme not listed
                        .collect();
                    themes.sort_unstable();
                    themes.dedup();
                    p(h, 100 + rng.below(6) as i64, 0, 1, &themes) // article 105 may be unlisted
                })
                .collect();
            let theme_ids: Vec<i64> = (1..=n_themes).collect();
            for rolled in [false, true] {
                let rollup = if rolled {
                    Rollup::from_parents(parents.iter().copied())
                } else {
                    Rollup::none()
                };
                let got = counted_matrix(&theme_ids, &articles, &passages, &rollup);
                let counts_for = |t: i64, p: &CodedPassage| {
                    p.theme_ids.iter().any(|&x| {
                        if rolled {
                            is_within(x, t, &parents)
                        } else {
                            x == t
                        }
                    })
                };
                for (ti, &t) in theme_ids.iter().enumerate() {
                    for (ai, &a) in articles.iter().enumerate() {
                        let want = passages
                            .iter()
                            .filter(|p| p.article_id == a && counts_for(t, p))
                            .count() as u32;
                        assert_eq!(
                            got.counts[ti][ai], want,
                            "round {round} rolled {rolled} theme {t} article {a}"
                        );
                        let cell = rolled_cell_passages(t, a, &passages, &rollup);
                        assert_eq!(cell.len() as u32, want);
                    }
                    let row = passages
                        .iter()
                        .filter(|p| articles.contains(&p.article_id) && counts_for(t, p))
                        .count() as u32;
                    assert_eq!(got.row_totals[ti], row);
                }
                for (ai, &a) in articles.iter().enumerate() {
                    let col = passages
                        .iter()
                        .filter(|p| {
                            p.article_id == a && theme_ids.iter().any(|&t| counts_for(t, p))
                        })
                        .count() as u32;
                    assert_eq!(got.column_totals[ai], col);
                }
                let all = passages
                    .iter()
                    .filter(|p| {
                        articles.contains(&p.article_id)
                            && theme_ids.iter().any(|&t| counts_for(t, p))
                    })
                    .count() as u32;
                assert_eq!(got.total, all);
            }
        }
    }

    #[test]
    fn a_passage_with_a_parent_and_its_child_counts_once_for_the_parent() {
        // 1 ← 2 ← 3 (3 is a grandchild of 1).
        let rollup = Rollup::from_parents([(1, None), (2, Some(1)), (3, Some(2))]);
        let passages = vec![
            p(1, 10, 0, 5, &[1, 2]),
            p(2, 10, 8, 12, &[3]),
            p(3, 10, 20, 25, &[2]),
        ];
        let m = counted_matrix(&[1, 2, 3], &[10], &passages, &rollup);
        assert_eq!(m.counts, vec![vec![3], vec![3], vec![1]]);
        assert_eq!(m.row_totals, vec![3, 3, 1]);
        assert_eq!(m.column_totals, vec![3]);
        assert_eq!(m.total, 3);
        let flat = counted_matrix(&[1, 2, 3], &[10], &passages, &Rollup::none());
        assert_eq!(flat.counts, vec![vec![1], vec![2], vec![1]]);
        assert_eq!(
            flat.column_totals,
            vec![3],
            "a passage with two themes is one passage"
        );
    }

    #[test]
    fn a_cycle_in_parent_links_does_not_hang() {
        let rollup = Rollup::from_parents([(1, Some(2)), (2, Some(1))]);
        assert_eq!(rollup.rows_of(1).collect::<Vec<_>>(), vec![1, 2, 1]);
    }
}
