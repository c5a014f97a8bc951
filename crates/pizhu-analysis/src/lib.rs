//! Seeing themes across the library.
//!
//! Pure functions over in-memory inputs; [`library`] hands them the library's
//! data through pizhu-core's typed read models (this crate has no SQL):
//!
//! - [`matrix::theme_matrix`] — passages per theme per article (the heat map);
//!   [`matrix::counted_matrix`] the same with sub-themes rolled up into their
//!   parents ([`matrix::Rollup`]) and row and column totals; [`matrix::cell_passages`]
//!   behind a cell.
//! - [`cooccurrence::cooccurrence`] — themes on the same or overlapping passages,
//!   and [`cooccurrence::meetings`] behind a number.
//! - [`keyterms::key_terms`] — jieba TF-IDF / TextRank with stop words removed.
//! - [`kwic::kwic`] — concordance lines with aligned left/right context.
//! - [`suggest::suggest`] — sentences not yet coded with a theme, ranked by its
//!   words (never a heading).
//! - [`svg::heat_map`] — a matrix as a standalone SVG picture (for a paper).
//! - [`svg`] — the matrix and co-occurrence as standalone SVG (for a paper).
//!
//! ```
//! use pizhu_analysis::{matrix::theme_matrix, CodedPassage};
//! let p = CodedPassage { highlight_id: 1, article_id: 7, start: 0, end: 4, theme_ids: vec![1, 2] };
//! assert_eq!(theme_matrix(&[1, 2], &[7], &[p]), vec![vec![1], vec![1]]);
//! ```

pub mod cooccurrence;
pub mod keyterms;
pub mod kwic;
pub mod library;
pub mod matrix;
mod passage;
pub mod sentences;
pub mod suggest;
pub mod svg;

/// The segmenter type the key-term and suggestion functions take (the shared one
/// lives in `pizhu_search::segment`).
pub use jieba_rs::Jieba;
pub use passage::CodedPassage;
