//! What an export is made of: a snapshot of the library (articles, themes,
//! highlights) and the options that pick and arrange a part of it.
//!
//! The core fills an [`ExportModel`] (`Store::export_snapshot`); everything here is
//! plain data so every writer can be tested without a database.

use serde::{Deserialize, Serialize};

// The snapshot is a read model of the core, which owns the schema.
pub use pizhu_core::snapshot::{ExportArticle, ExportHighlight, ExportModel, ExportTheme};

/// Which part of the library to export.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Scope {
    #[default]
    Library,
    Article {
        id: i64,
    },
    Theme {
        id: i64,
        include_subthemes: bool,
    },
    Highlights {
        ids: Vec<i64>,
    },
    /// The articles of a collection, as the article scope takes one article.
    Articles {
        ids: Vec<i64>,
        /// The collection's name, for the export's title.
        name: String,
    },
}

/// How an export's sections are arranged (`theme` or `article`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum GroupBy {
    #[default]
    Theme,
    Article,
}

/// The reference style: one of the official CSL styles built in (`gbt7714-numeric`,
/// `gbt7714-author-date`, `gbt7714-note`, `apa`; JSON also takes `gbt7714` and `gb`).
pub use crate::cite::BuiltinStyle as CitationStyle;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    pub scope: Scope,
    pub group_by: GroupBy,
    pub include_notes: bool,
    pub include_memos: bool,
    /// Highlights without any theme.
    pub include_uncoded: bool,
    pub citation_style: CitationStyle,
    /// A user's CSL style (the `.csl` file's text); when given it wins over
    /// `citation_style`.
    #[serde(default)]
    pub custom_style: Option<String>,
    /// DOCX: a `pizhu://` "open in Pizhu" link after every passage. Off unless
    /// asked: the link works only where Pizhu is installed.
    #[serde(default)]
    pub docx_deep_links: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            scope: Scope::Library,
            group_by: GroupBy::Theme,
            include_notes: true,
            include_memos: true,
            include_uncoded: true,
            citation_style: CitationStyle::Gbt7714Numeric,
            custom_style: None,
            docx_deep_links: false,
        }
    }
}

/// 1-based number of the paragraph holding code point `offset`. Every paragraph
/// counts, headings included, so the number matches the reader's margin numbers.
pub fn paragraph_number(text: &str, offset: usize) -> usize {
    1 + text.chars().take(offset).filter(|&c| c == '\n').count()
}

/// The deep link the desktop app opens at a passage.
pub fn deep_link(article_id: i64, start: usize, end: usize) -> String {
    format!("pizhu://article/{article_id}?start={start}&end={end}")
}

/// Whether `s` is an RFC 3339 date-time (what every `*_at` field holds).
pub fn is_rfc3339(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

/// `2024-03-09 12:00 UTC` for an RFC 3339 time; anything else unchanged.
pub fn display_time(s: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(s, &Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(time::UtcOffset::UTC);
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02} UTC",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute()
            )
        }
        Err(_) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_numbers_count_every_paragraph_from_one() {
        let text = "标题\n第一段\n第二段";
        assert_eq!(paragraph_number(text, 0), 1);
        assert_eq!(paragraph_number(text, 3), 2);
        assert_eq!(paragraph_number(text, 7), 3);
    }

    #[test]
    fn display_time_is_minutes_in_utc() {
        assert_eq!(
            display_time("2024-03-09T20:05:59.9+08:00"),
            "2024-03-09 12:05 UTC"
        );
        assert_eq!(display_time("昨天"), "昨天");
        assert!(is_rfc3339("2024-03-09T12:00:00Z") && !is_rfc3339("2024-03-09"));
    }
}
