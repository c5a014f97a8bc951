//! Read models: the typed questions other crates ask the library, so none of
//! them builds SQL of its own (pizhu-core owns the schema).
//!
//! - [`words`]: the library's own words (theme names and keywords) for jieba.
//! - [`search`]: what the search index reads — the change feed, the documents
//!   to index (one by one or as a consistent snapshot), and what a hit shows.
//! - [`analysis`]: what the analyses scan — labels, coded passages, texts.
//! - [`status`]: how big the library is.

pub mod analysis;
pub mod search;
pub mod status;
pub mod words;

pub use analysis::{
    ArticleText, ArticleTitle, CodedHighlight, CodedSpan, DismissedSpan, ThemeKeywords, ThemeLabel,
};
pub use search::{
    ArticleDoc, ArticleExcerpt, ArticleMemo, ChangeSet, HighlightDoc, HighlightPassage, IndexFeed,
    IndexSnapshot, ReadOnlyLibrary, ThemeMembers,
};
pub use status::LibraryCounts;
