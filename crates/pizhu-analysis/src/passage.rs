//! The coded passages every analysis starts from.

use serde::{Deserialize, Serialize};

/// One highlight with the themes applied to it. Offsets are code points into the
/// article's text, `start < end` for a real selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodedPassage {
    pub highlight_id: i64,
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
    pub theme_ids: Vec<i64>,
}

impl CodedPassage {
    /// A passage for unit tests: highlight, article, range and theme ids.
    #[cfg(test)]
    pub(crate) fn sample(
        highlight_id: i64,
        article_id: i64,
        start: usize,
        end: usize,
        themes: &[i64],
    ) -> CodedPassage {
        CodedPassage {
            highlight_id,
            article_id,
            start,
            end,
            theme_ids: themes.to_vec(),
        }
    }

    /// Two passages overlap when they share at least one code point of the same
    /// article. Touching ranges (`a.end == b.start`) do not overlap.
    pub fn overlaps(&self, other: &CodedPassage) -> bool {
        self.article_id == other.article_id && self.start < other.end && other.start < self.end
    }
}
