//! The one list of operations over Pizhu's core.
//!
//! Every front end — the Tauri desktop shell, `pizhu serve` and the `pizhu` CLI —
//! calls [`Pizhu::call`] with an operation name and JSON arguments and gets JSON
//! back, or an [`ApiError`] `{code, message}` whose `code` the UI branches on.
//! Operations live in [`ops`], one file per feature area; adding one there makes
//! it available everywhere.
//!
//! ```no_run
//! use pizhu_api::Pizhu;
//! let app = Pizhu::open(&pizhu_core::LibraryDir::new("/tmp/lib")).unwrap();
//! let list = app.call("listArticles", serde_json::json!({})).unwrap();
//! ```

mod app;
pub mod bundled;
mod caller;
mod error;
pub mod ops;
#[cfg(test)]
mod ts_bindings;

pub use app::Pizhu;
pub use caller::{Caller, PathGrants};
pub use error::{ApiError, ErrorCode};

/// The file extensions the import dialogs offer: articles, then reference files.
pub fn import_extensions() -> (Vec<&'static str>, Vec<&'static str>) {
    (
        pizhu_import::article_extensions().collect(),
        ops::reference_files::REFERENCE_EXTENSIONS.to_vec(),
    )
}
