//! Pizhu's core: everything a reader builds up, kept in one SQLite file.
//!
//! - [`Store`] opens a library directory ([`LibraryDir`]) and owns the SQLite
//!   connection (WAL, foreign keys, `synchronous=FULL`, versioned migrations).
//! - [`articles`] holds imported articles: canonical text, metadata, original bytes.
//! - [`references`] stores each article's bibliographic [`Reference`] (schema 4);
//!   [`reference_text`] converts it to and from the old free-text fields.
//! - [`annotate`] holds highlights, themes (the code book), notes, anchoring and undo.
//! - [`collections`]: article collections (schema 6), a nested tree like Zotero's.
//! - [`review`]: the daily review of highlights (cards, FSRS scheduling, history).
//! - [`snapshot`] is the read model exports render ([`Store::export_snapshot`]).
//! - [`read_models`]: typed questions other crates ask (search's documents and
//!   change feed, the library's words, …), so no other crate writes SQL.
//! - [`normalize`]: the char-for-char folding search and the concordance share.
//! - [`text`] converts between code-point offsets (what Pizhu stores) and
//!   UTF-8 / UTF-16 offsets (what Rust strings and the DOM use).
//!
//! ```no_run
//! let store = pizhu_core::Store::open(&pizhu_core::LibraryDir::new("/tmp/lib")).unwrap();
//! for a in store.list_articles().unwrap() { println!("{} {}", a.id, a.title); }
//! ```

pub mod annotate;
pub mod articles;
pub mod collections;
mod error;
pub mod library_dir;
pub mod locks;
pub mod normalize;
pub mod originals;
pub mod pages;
pub mod read_models;
pub mod reference;
pub mod reference_text;
pub mod references;
pub mod review;
pub mod snapshot;
pub mod store;
pub mod text;

/// For other crates' tests and benches only (the `test-support` feature): the
/// binding their raw checks need. Production code asks the core typed questions.
#[cfg(feature = "test-support")]
pub use rusqlite;
#[cfg(feature = "test-support")]
pub mod test_rng;

pub use articles::{Article, ArticleCard, ArticleSummary, NewArticle};
pub use error::{Clash, ClashKind, CoreError, Result};
pub use library_dir::LibraryDir;
pub use pages::Page;
pub use reference::{Creator, CreatorRole, ItemType, Name, PartialDate, Reference};
pub use store::Store;

/// Now, as an RFC 3339 UTC timestamp (what every `*_at` column holds).
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("formatting the current time cannot fail")
}
