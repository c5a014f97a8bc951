//! Chinese full-text search for Pizhu.
//!
//! - [`normalize`]: the char-for-char normalisation applied to text and queries
//!   alike (full-width → half-width, case, traditional → simplified).
//! - [`segment::Segmenter`]: the one jieba dictionary of the process (default
//!   dictionary + `data/userdict.txt` + the library's theme names and keywords),
//!   with [`segment::Segmenter::cut`] and [`segment::Segmenter::word_at`] for other crates.
//! - [`tokenizer`]: the tantivy tokenizer; token positions are code-point offsets.
//! - [`query`]: the query language (`词 "短语" -排除 theme:名称 author:名字 article:12`).
//! - [`SearchIndex`]: the index as a rebuildable, versioned cache of the SQLite
//!   library, kept up to date from its `changes` feed; results carry BM25
//!   scores, `<mark>`ed snippets and code-point match offsets.
//!
//! ```no_run
//! use pizhu_search::{SearchIndex, SearchOptions};
//! let store = pizhu_core::Store::open(&pizhu_core::LibraryDir::new("/tmp/lib")).unwrap();
//! let index = SearchIndex::open(&store).unwrap();
//! let found = index.search(&store, "门槛 -爷叔", SearchOptions::default()).unwrap();
//! for hit in found.hits { println!("{} {} {}", hit.article_id, hit.score, hit.snippet); }
//! ```

pub mod index;
// The one normalisation lives in pizhu-core so the concordance folds text exactly as search does.
pub use pizhu_core::normalize;
pub mod query;
pub mod schema;
pub mod segment;
pub mod snippet;
pub mod tokenizer;

pub use index::{
    IndexState, IndexStatus, IndexingProgress, MatchSpan, SearchError, SearchHit, SearchIndex,
    SearchOptions, SearchResults,
};
pub use segment::Segmenter;
