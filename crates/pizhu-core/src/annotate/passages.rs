//! Passages: every highlight coded with a theme across the library, grouped by
//! article, with the paragraph each starts in (the theme view and the export read it).

use serde::{Deserialize, Serialize};

use super::highlights::{list_highlights_in, Highlight, HighlightFilter};
use super::themes::{resolve, subtree, ThemeRef};
use crate::{Result, Store};

/// One article's passages coded with a theme.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArticlePassages {
    pub article_id: i64,
    pub title: String,
    pub passages: Vec<Passage>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Passage {
    #[serde(flatten)]
    pub highlight: Highlight,
    /// 0-based index of the paragraph the passage starts in (as in `headings`).
    pub paragraph_index: usize,
}

/// Code-point offsets of the paragraph breaks in `text`.
fn paragraph_breaks(text: &str) -> Vec<usize> {
    text.chars()
        .enumerate()
        .filter(|(_, c)| *c == '\n')
        .map(|(i, _)| i)
        .collect()
}

impl Store {
    /// Every passage coded with a theme (and, with `include_children`, its
    /// sub-themes) across the library, grouped by article in library order.
    pub fn theme_passages(
        &self,
        r: &ThemeRef,
        include_children: bool,
    ) -> Result<Vec<ArticlePassages>> {
        self.read(|c| {
            let id = resolve(c, r)?;
            let ids = if include_children {
                subtree(c, id)?
            } else {
                vec![id]
            };
            let highlights = list_highlights_in(
                c,
                &HighlightFilter {
                    theme_ids: ids,
                    ..Default::default()
                },
            )?;
            let mut out: Vec<ArticlePassages> = Vec::new();
            let mut breaks: Vec<usize> = Vec::new();
            for h in highlights {
                if out.last().map(|g| g.article_id) != Some(h.article_id) {
                    let (title, t): (String, String) = c.query_row(
                        "SELECT title, text FROM articles WHERE id = ?1",
                        [h.article_id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    breaks = paragraph_breaks(&t);
                    out.push(ArticlePassages {
                        article_id: h.article_id,
                        title,
                        passages: Vec::new(),
                    });
                }
                let paragraph_index = breaks.partition_point(|&b| b < h.start as usize);
                out.last_mut()
                    .expect("pushed above")
                    .passages
                    .push(Passage {
                        highlight: h,
                        paragraph_index,
                    });
            }
            Ok(out)
        })
    }
}
