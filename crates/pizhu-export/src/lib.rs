//! Pizhu's exports, as pure functions from a snapshot of the library to bytes,
//! and the readers that bring Pizhu's own W3C JSON and REFI-QDA code books back.
//!
//! - [`model`]: the snapshot ([`ExportModel`]) and the options ([`ExportOptions`]:
//!   scope, grouping, what to include, citation style).
//! - [`select::Selection`] applies the options once; every writer renders it.
//! - Writers: [`markdown`], [`html`], [`docx`], [`csv`], [`w3c`], [`qdpx`].
//! - [`citation`] (GB/T 7714-2015, APA) and [`filename::safe_file_name`].
//!
//! ```
//! use pizhu_export::{export, model::*, Format};
//! let model = ExportModel { exported_at: "2024-03-01T00:00:00Z".into(), ..Default::default() };
//! let file = export(&model, &ExportOptions::default(), Format::Markdown).unwrap();
//! assert!(file.file_name.ends_with(".md"));
//! ```

pub mod citation;
pub mod csv;
pub mod docx;
pub mod filename;
pub mod html;
pub mod markdown;
pub mod model;
pub mod qdpx;
pub mod select;
pub mod w3c;

pub use model::{ExportModel, ExportOptions};
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

/// The formats Pizhu writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Csv,
    W3c,
    Qdpx,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Csv,
        Format::W3c,
        Format::Qdpx,
    ];

    /// `md`, `html`, `docx`, `csv`, `w3c`, `qdpx` (plus a few spelled-out aliases).
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "docx" | "word" => Format::Docx,
            "csv" => Format::Csv,
            "w3c" | "jsonld" | "json" => Format::W3c,
            "qdpx" | "refi" | "refi-qda" => Format::Qdpx,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Csv => "csv",
            Format::W3c => "w3c",
            Format::Qdpx => "qdpx",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::W3c => "jsonld",
            other => other.name(),
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Csv => "text/csv; charset=utf-8",
            Format::W3c => "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"",
            Format::Qdpx => "application/zip",
        }
    }
}

/// An export, ready to save or download.
#[derive(Debug, Clone)]
pub struct ExportedFile {
    pub bytes: Vec<u8>,
    /// A safe default file name built from the export's title.
    pub file_name: String,
    pub mime_type: &'static str,
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
    };
    let file_name = filename::safe_file_name(&sel.title, format.extension());
    Ok(ExportedFile {
        bytes,
        file_name,
        mime_type: format.mime_type(),
    })
}
