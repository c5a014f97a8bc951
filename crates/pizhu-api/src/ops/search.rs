//! Operations: full-text search, reindexing, and word segmentation for the reader.
//!
//! - `search {query, limit?, offset?}` → `{total, hits: [{articleId, title, score,
//!   snippet, matches: [{start, end}], highlightId?}]}` (offsets in code points);
//! - `reindex {wait?}` rebuilds the index from SQLite (in the background unless
//!   `wait`), `reindexStatus` reports progress;
//! - `wordAt {articleId, offset}` → `{start, end}` or `null` (double-click selection);
//! - `segment {text}` → `[{start, end, text}]`;
//! - `foldText {texts}` → the texts as search matches them (half-width, lower
//!   case, simplified), so the UI filters short lists such as theme names alike.

use std::time::Duration;

use pizhu_search::{IndexStatus, SearchOptions, SearchResults, Segmenter};
use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("search", search),
    op!("reindex", reindex),
    op!("reindexStatus", reindex_status),
    op!("wordAt", word_at),
    op!("segment", segment),
    op!("foldText", fold_text),
];

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchArgs {
    pub query: String,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

fn search(app: &Pizhu, a: SearchArgs) -> Result<SearchResults, ApiError> {
    let limit = a.limit.unwrap_or(20);
    if limit == 0 || limit > 1000 {
        return Err(ApiError::invalid("limit must be between 1 and 1000"));
    }
    let index = app.search_index();
    let opts = SearchOptions {
        limit,
        offset: a.offset.unwrap_or(0),
        snippets: true,
    };
    Ok(index.search(app.store(), &a.query, opts)?)
}

#[derive(Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReindexArgs {
    /// Block until the rebuild has finished.
    #[serde(default)]
    pub wait: bool,
}

fn reindex(app: &Pizhu, a: ReindexArgs) -> Result<IndexStatus, ApiError> {
    let index = app.search_index();
    index.reindex(app.store())?;
    if a.wait {
        index.wait_until_ready(Duration::from_secs(24 * 3600));
    }
    let status = index.status();
    if let Some(e) = status.error.as_ref().filter(|_| a.wait) {
        return Err(ApiError::new(
            ErrorCode::Internal,
            format!("reindex failed: {e}"),
        ));
    }
    Ok(status)
}

fn reindex_status(app: &Pizhu, _: crate::ops::library::NoArgs) -> Result<IndexStatus, ApiError> {
    Ok(app.search_index().status())
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WordAtArgs {
    pub article_id: i64,
    /// Code point in the article's text.
    pub offset: usize,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "WordRange"))]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

fn word_at(app: &Pizhu, a: WordAtArgs) -> Result<Option<Range>, ApiError> {
    let article = app.store().article(a.article_id)?;
    Ok(Segmenter::global()
        .word_at(&article.text, a.offset)
        .map(|(start, end)| Range { start, end }))
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SegmentArgs {
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SegmentToken {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

fn segment(_: &Pizhu, a: SegmentArgs) -> Result<Vec<SegmentToken>, ApiError> {
    Ok(Segmenter::global()
        .cut(&a.text)
        .into_iter()
        .map(|w| SegmentToken {
            start: w.start,
            end: w.end,
            text: w.text.to_string(),
        })
        .collect())
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FoldTextArgs {
    pub texts: Vec<String>,
}

/// More than a code book's names and a query is not what this is for.
const FOLD_MAX_TEXTS: usize = 10_000;

fn fold_text(_: &Pizhu, a: FoldTextArgs) -> Result<Vec<String>, ApiError> {
    fold_texts(&a.texts)
}

/// Each text normalised as the index and queries are (one code point for one).
fn fold_texts(texts: &[String]) -> Result<Vec<String>, ApiError> {
    if texts.len() > FOLD_MAX_TEXTS {
        return Err(ApiError::invalid(format!(
            "at most {FOLD_MAX_TEXTS} texts can be folded at once"
        )));
    }
    Ok(texts
        .iter()
        .map(|t| pizhu_core::normalize::normalize(t))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_texts_matches_traditional_full_width_and_case_like_search() {
        let folded =
            fold_texts(&["版權倫理".into(), "ＡＩ 監管".into(), "人机共生".into()]).unwrap();
        assert_eq!(folded, ["版权伦理", "ai 监管", "人机共生"]);
        let too_many = vec![String::new(); FOLD_MAX_TEXTS + 1];
        assert!(fold_texts(&too_many).is_err());
    }
}
