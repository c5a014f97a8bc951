//! What an import tells the user besides the articles: each warning has a
//! stable `kind` and named `params`, so a front end words it in its own
//! language; the English [`Display`](std::fmt::Display) text is for the CLI
//! and logs. [`ImportWarning::kinds`] lists every kind (the UI's message files
//! are tested against it).

use std::collections::BTreeMap;

use serde::ser::SerializeStruct;
use serde::Serialize;
use strum::{EnumDiscriminants, IntoEnumIterator, IntoStaticStr};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error, EnumDiscriminants)]
#[strum_discriminants(
    name(WarningKind),
    derive(strum::EnumIter, IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
pub enum ImportWarning {
    #[error("removed anti-copy junk from {lines} lines")]
    AntiCopyJunk { lines: usize },
    #[error("{count} invalid bytes replaced with U+FFFD (decoded as {encoding})")]
    InvalidBytes { count: usize, encoding: String },
    #[error(
        "removed {count} control characters (terminal escape sequences, bidi overrides or similar)"
    )]
    ControlsRemoved { count: usize },
    #[error("{} without a text layer (scanned images; OCR them first) not imported: {pages}", pages_word(.count))]
    PagesWithoutText { count: usize, pages: String },
    #[error("{} in fonts without a Unicode map (unreadable characters) not imported: {pages}", pages_word(.count))]
    PagesUnreadable { count: usize, pages: String },
    #[error("{} damaged and not imported: {pages}", pages_word(.count))]
    PagesDamaged { count: usize, pages: String },
    #[error(
        "{count} chapter(s) listed in the book but missing from the file were skipped: {chapters}"
    )]
    ChaptersMissing { count: usize, chapters: String },
    #[error("{count} part(s) of the reading order that are not XHTML (images, other formats) were skipped")]
    PartsSkipped { count: usize },
    #[error(
        "{count} of the book's {total} page marks point nowhere in the text and were left out"
    )]
    PageMarksUnplaced { count: usize, total: usize },
}

fn pages_word(n: &usize) -> String {
    if *n == 1 {
        "1 page".into()
    } else {
        format!("{n} pages")
    }
}

impl ImportWarning {
    /// The stable machine name, e.g. `anti_copy_junk`.
    pub fn kind(&self) -> &'static str {
        WarningKind::from(self).into()
    }

    /// Every kind a warning can have.
    pub fn kinds() -> Vec<&'static str> {
        WarningKind::iter().map(Into::into).collect()
    }

    /// The values the message is built from, by name (numbers as decimal text).
    pub fn params(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            ImportWarning::AntiCopyJunk { lines } => vec![("lines", lines.to_string())],
            ImportWarning::InvalidBytes { count, encoding } => {
                vec![("count", count.to_string()), ("encoding", encoding.clone())]
            }
            ImportWarning::ControlsRemoved { count } | ImportWarning::PartsSkipped { count } => {
                vec![("count", count.to_string())]
            }
            ImportWarning::PagesWithoutText { count, pages }
            | ImportWarning::PagesUnreadable { count, pages }
            | ImportWarning::PagesDamaged { count, pages } => {
                vec![("count", count.to_string()), ("pages", pages.clone())]
            }
            ImportWarning::ChaptersMissing { count, chapters } => {
                vec![("count", count.to_string()), ("chapters", chapters.clone())]
            }
            ImportWarning::PageMarksUnplaced { count, total } => {
                vec![("count", count.to_string()), ("total", total.to_string())]
            }
        };
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// `{"kind": …, "params": {…}, "message": "…"}`.
impl Serialize for ImportWarning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("ImportWarning", 3)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("params", &self.params())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_snake_case_and_the_english_text_is_kept() {
        let w = ImportWarning::AntiCopyJunk { lines: 44 };
        assert_eq!(w.kind(), "anti_copy_junk");
        assert_eq!(w.to_string(), "removed anti-copy junk from 44 lines");
        assert_eq!(
            serde_json::to_value(&w).unwrap(),
            serde_json::json!({"kind": "anti_copy_junk", "params": {"lines": "44"}, "message": "removed anti-copy junk from 44 lines"})
        );
        let p = ImportWarning::PagesDamaged {
            count: 1,
            pages: "3".into(),
        };
        assert_eq!(p.to_string(), "1 page damaged and not imported: 3");
        assert!(ImportWarning::kinds().contains(&"page_marks_unplaced"));
        assert_eq!(ImportWarning::kinds().len(), 9);
    }
}
