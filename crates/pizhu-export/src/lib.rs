//! Pizhu's exports, as pure functions from a snapshot of the library to bytes,
//! and the readers that bring Pizhu's own W3C JSON and REFI-QDA code books back.
//!
//! - [`Format`]: the one list of formats, with file extensions and MIME types.
//! - [`model`]: the snapshot ([`ExportModel`]) and the options ([`ExportOptions`]:
//!   scope, grouping, what to include, citation style).
//! - [`select::Selection`] applies the options once; every writer renders it.
//! - Writers: [`markdown`], [`html`], [`docx`], [`csv`], [`w3c`], [`qdpx`], [`anki`]
//!   (the review's cards as an Anki package), [`review_csv`] (the review history), and
//!   [`refs`] (the articles' references as CSL-JSON, BibLaTeX, RIS).
//! - [`citation`] (GB/T 7714-2015, APA) and [`filename::safe_file_name`].
//!
//! ```
//! use pizhu_export::{export, model::*, Format};
//! let model = ExportModel { exported_at: "2024-03-01T00:00:00Z".into(), ..Default::default() };
//! let file = export(&model, &ExportOptions::default(), Format::Markdown).unwrap();
//! assert!(file.file_name.ends_with(".md"));
//! ```

pub mod anki;
pub mod citation;
pub mod cite;
pub mod csv;
pub mod docx;
pub mod filename;
mod format;
pub mod html;
pub mod markdown;
pub mod model;
pub mod qdpx;
pub mod refs;
pub mod review_csv;
pub mod select;
pub mod w3c;

pub use format::Format;
pub use model::{CitationStyle, ExportModel, ExportOptions, GroupBy, Scope};
pub use select::Selection;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("could not write {0}")]
    Write(String),
}

/// An export, ready to save or download.
#[derive(Debug, Clone)]
pub struct ExportedFile {
    pub bytes: Vec<u8>,
    /// A safe default file name built from the export's title.
    pub file_name: String,
    pub mime_type: &'static str,
    pub counts: ExportCounts,
}

/// What an export holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportCounts {
    /// Passages (highlights).
    pub highlights: usize,
    /// Articles with a passage in the export (the reference list).
    pub articles: usize,
    /// Distinct themes the passages carry.
    pub themes: usize,
}

/// Write `model`, narrowed and arranged by `options`, in `format`.
pub fn export(
    model: &ExportModel,
    options: &ExportOptions,
    format: Format,
) -> Result<ExportedFile, ExportError> {
    let sel = Selection::new(model, options)?;
    let bytes = match format {
        Format::Markdown => markdown::write(&sel).into_bytes(),
        Format::Html => html::write(&sel).into_bytes(),
        Format::Docx => docx::write(&sel)?,
        Format::Csv => csv::write(&sel)?,
        Format::W3c => w3c::write(&sel)?,
        Format::Qdpx => qdpx::write(&sel)?,
        Format::CslJson | Format::Bibtex | Format::Ris => refs::write_selection(&sel, format),
        Format::Anki => anki::write(&sel)?,
    };
    let file_name =
        filename::export_file_name(&sel.scope_name, &model.exported_at, format.extension());
    Ok(ExportedFile {
        bytes,
        file_name,
        mime_type: format.mime_type(),
        counts: sel.counts(),
    })
}
