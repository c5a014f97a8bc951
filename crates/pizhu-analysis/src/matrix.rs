//! Theme × article matrix: how many passages each theme has in each article.

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
    for p in passages {
        let Some(&a) = article_index.get(&p.article_id) else {
            continue;
        };
        for t in &p.theme_ids {
            if let Some(&t) = theme_index.get(t) {
                counts[t][a] += 1;
            }
        }
    }
    counts
}

/// The passages behind one cell of the matrix, in reading order.
pub fn cell_passages(
    theme_id: i64,
    article_id: i64,
    passages: &[CodedPassage],
) -> Vec<&CodedPassage> {
    let mut out: Vec<&CodedPassage> = passages
        .iter()
        .filter(|p| p.article_id == article_id && p.theme_ids.contains(&theme_id))
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
}
