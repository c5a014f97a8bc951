//! What an export is made of: a snapshot of the library (articles, themes,
//! highlights) and the options that pick and arrange a part of it.
//!
//! The API fills an [`ExportModel`] from SQLite; everything here is plain data so
//! every writer can be tested without a database.

use serde::{Deserialize, Serialize};

/// A snapshot of (a part of) the library.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportModel {
    /// RFC 3339 time of the export (written into headers; passed in so output is reproducible).
    pub exported_at: String,
    pub articles: Vec<ExportArticle>,
    /// The whole code book; `parent_id` links sub-themes.
    pub themes: Vec<ExportTheme>,
    pub highlights: Vec<ExportHighlight>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportArticle {
    pub id: i64,
    pub title: String,
    pub authors: Vec<String>,
    pub source: Option<String>,
    /// ISO date, possibly partial (`2024`, `2024-02`, `2024-02-19`).
    pub published: Option<String>,
    /// sha256 of the canonical text (identifies the article across libraries).
    pub content_hash: String,
    /// Canonical text: paragraphs separated by a single `'\n'`.
    pub text: String,
    /// Indices of paragraphs that are headings.
    pub headings: Vec<usize>,
    /// The reader's memo on the whole article (Markdown).
    pub memo: String,
    pub imported_at: String,
    pub modified_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportTheme {
    pub id: i64,
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub position: i64,
    /// The theme's memo (Markdown).
    pub memo: String,
    pub created_at: String,
    pub modified_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportHighlight {
    pub id: i64,
    pub article_id: i64,
    /// Code-point offsets into the article's text.
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// Markdown.
    pub note: String,
    pub theme_ids: Vec<i64>,
    pub created_at: String,
    pub modified_at: String,
}

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GroupBy {
    #[default]
    Theme,
    Article,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CitationStyle {
    /// GB/T 7714-2015 (the Chinese national standard).
    #[default]
    Gbt7714,
    Apa,
}

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
            citation_style: CitationStyle::Gbt7714,
            docx_deep_links: false,
        }
    }
}

impl ExportModel {
    pub fn article(&self, id: i64) -> Option<&ExportArticle> {
        self.articles.iter().find(|a| a.id == id)
    }
    pub fn theme(&self, id: i64) -> Option<&ExportTheme> {
        self.themes.iter().find(|t| t.id == id)
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
