//! The importer: files in, clean articles out. Pure (no database), so it can be
//! tested and fuzzed on bytes alone.
//!
//! [`import_path`] / [`import_bytes`] detect the format from the file name and the
//! encoding from the bytes, clean the text and split multi-article files.
//! (Contract fixed here; the full cleaner is being written.)

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Files larger than this are refused before reading (a text article is a few
/// hundred KB at most; a 64 MB "txt" is a mistake or an attack).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// An encoding label (`gbk`, `big5`, `utf-16le`, …) that overrides detection.
    pub encoding: Option<String>,
}

/// One article found in a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedArticle {
    pub title: String,
    pub title_supplied: bool,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Canonical text: paragraphs separated by a single '\n'.
    pub text: String,
    /// Indices of paragraphs (lines of `text`) that are headings.
    pub headings: Vec<usize>,
    pub corrections: Vec<String>,
}

/// Everything found in one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedFile {
    /// The encoding used to decode the file (WHATWG name, e.g. `GBK`, `UTF-8`).
    pub encoding: String,
    pub articles: Vec<ImportedArticle>,
    /// Things the user should know (e.g. "3 invalid bytes replaced").
    pub warnings: Vec<String>,
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("unsupported file type {0:?} (Pizhu imports .txt, .md, .html, .htm and .docx)")]
    UnsupportedType(String),
    #[error("this looks like a binary file, not text")]
    Binary,
    #[error("unknown encoding {0:?}")]
    UnknownEncoding(String),
    #[error("the text is not valid {encoding}: {detail}")]
    Undecodable { encoding: String, detail: String },
    #[error("the document is damaged: {0}")]
    Malformed(String),
    #[error("no text found in the file")]
    NoText,
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
}

/// Read and import a file from disk (size checked before reading).
pub fn import_path(path: &Path, opts: &ImportOptions) -> Result<ImportedFile, ImportError> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { size, limit: MAX_FILE_BYTES });
    }
    let bytes = std::fs::read(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    import_bytes(&name, &bytes, opts)
}

/// Import a file's bytes; `file_name` picks the format by its extension.
pub fn import_bytes(file_name: &str, bytes: &[u8], _opts: &ImportOptions) -> Result<ImportedFile, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ImportError::Undecodable { encoding: "UTF-8".into(), detail: e.to_string() })?;
    let paras: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let Some((title, body)) = paras.split_first() else { return Err(ImportError::NoText) };
    let _ = file_name;
    Ok(ImportedFile {
        encoding: "UTF-8".into(),
        articles: vec![ImportedArticle { title: title.to_string(), text: body.join("\n"), ..Default::default() }],
        warnings: vec![],
    })
}
