//! The importer: files in, clean articles out. Pure (no database), so it can be
//! tested and fuzzed on bytes alone.
//!
//! [`import_path`] / [`import_bytes`] detect the format from the file name and the
//! encoding from the bytes, clean the text and split multi-article files.
//!
//! Modules: [`decode`] (encodings), `formats` (txt, Markdown, HTML, DOCX, PDF,
//! EPUB) and
//! `clean` (junk, paragraphs, splitting, metadata).
//!
//! The plain-text pipeline (txt, and Markdown without front matter):
//! 1. decode (BOM, override, strict UTF-8, chardetng; GBK read as GB18030);
//! 2. per line: normalise whitespace, strip anti-copy junk, recognise `#` and
//!    `◎` headings and numbered sections (`01` + two short lines);
//! 3. split a page into articles at headline + `本报讯` (or after a `(署名)`);
//! 4. per article: photo credits and end-of-page furniture out, headline →
//!    title, byline → authors/source, date line → published, signature →
//!    author; headings found; paragraphs broken by page/column breaks joined;
//! 5. everything taken out or joined is listed in `corrections`.
//!
//! Curated Markdown (front matter with a title) skips 2–5; HTML and DOCX get
//! their structure from the markup and skip the splitting and joining.

use std::path::Path;

mod clean;
pub mod decode;
mod formats;
mod read;
pub mod refs;
pub mod zotero;

pub use clean::junk::has_junk_run;
pub use read::read_file;

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
    /// The file format it came from: `pdf`, `epub`, `txt`, `md`, `html`, `docx`.
    #[serde(default)]
    pub format: String,
    /// Where each page begins, for paged sources (PDF, an EPUB with a page
    /// list); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageStart>,
    /// A journal paper's abstract (摘要), kept out of `text`.
    #[serde(default, rename = "abstract", skip_serializing_if = "Option::is_none")]
    pub abstract_text: Option<String>,
    /// A journal paper's keywords (关键词).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// The book's language (EPUB `dc:language`, e.g. `zh-CN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A book's ISBN, digits only (EPUB `dc:identifier`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
}

/// The start of one page of a paged source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageStart {
    /// Physical page number, from 1.
    pub n: u32,
    /// The printed label (the journal's own page number), else `n`.
    pub label: String,
    /// Code-point offset into `text` where this page begins.
    pub start: usize,
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
    #[error(
        "unsupported file type {0:?} (Pizhu imports .txt, .md, .html, .htm, .docx, .pdf and .epub)"
    )]
    UnsupportedType(String),
    #[error("this looks like a binary file, not text (if it is UTF-16 text without a byte-order mark, choose the encoding utf-16le or utf-16be)")]
    Binary,
    #[error("unknown encoding {0:?}")]
    UnknownEncoding(String),
    #[error("the text is not valid {encoding}: {detail}")]
    Undecodable { encoding: String, detail: String },
    #[error("cannot tell the file's encoding: it is not UTF-8, and read as the closest guess, {guess}, it would come out garbled; if you know the encoding, choose it with --encoding (gbk, big5, utf-16le, …)")]
    UncertainEncoding { guess: String },
    #[error("the file mixes encodings: {utf8_lines} lines are UTF-8 and {other_lines} are not (they look like {guess}); convert it to one encoding, or choose one with --encoding")]
    MixedEncodings {
        utf8_lines: usize,
        other_lines: usize,
        guess: String,
    },
    #[error(
        "this PDF has no text layer (a scanned image): run OCR on it first, then import the result"
    )]
    NoTextLayer,
    #[error("this PDF is password-protected: open it with its password and save an unprotected copy, then import that")]
    Encrypted,
    #[error("this PDF's fonts have no Unicode map, so its text cannot be read (pages {0}); try OCR or another copy of the file")]
    Unreadable(String),
    #[error("this is a CAJ file (CNKI's own format), which Pizhu cannot read: download the PDF version from CNKI, or save it as PDF from CAJViewer")]
    Caj,
    #[error("this EPUB is protected by DRM ({0} encrypted parts): it can only be read in the shop's own app; import a DRM-free copy")]
    Drm(usize),
    #[error("the document is damaged: {0}")]
    Malformed(String),
    #[error("no text found in the file")]
    NoText,
    #[error("the document nests elements too deeply (over {limit} levels, or a great many elements hundreds of levels deep); real articles nest a few dozen, so it was not read")]
    TooDeep { limit: usize },
    #[error("this is a {kind}, not a regular file; Pizhu imports only regular files")]
    NotAFile { kind: &'static str },
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
}

impl ImportError {
    /// A stable machine code for the error, for front ends that show their
    /// own wording (the English message above may change; the code does not).
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "empty",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::UnsupportedType(_) => "unsupported_type",
            ImportError::Binary => "binary",
            ImportError::UnknownEncoding(_) => "unknown_encoding",
            ImportError::Undecodable { .. } => "undecodable",
            ImportError::UncertainEncoding { .. } => "uncertain_encoding",
            ImportError::MixedEncodings { .. } => "mixed_encodings",
            ImportError::Malformed(_) => "malformed",
            ImportError::NoText => "no_text",
            ImportError::TooDeep { .. } => "too_deep",
            ImportError::NotAFile { .. } => "not_a_file",
            ImportError::NoTextLayer => "no_text_layer",
            ImportError::Encrypted => "encrypted",
            ImportError::Unreadable(_) => "unreadable_fonts",
            ImportError::Caj => "caj",
            ImportError::Drm(_) => "drm",
            ImportError::Io(_) => "io",
        }
    }
}

/// Read and import a regular file from disk (size checked before reading,
/// devices and pipes refused).
pub fn import_path(path: &Path, opts: &ImportOptions) -> Result<ImportedFile, ImportError> {
    import_path_with_limit(path, opts, MAX_FILE_BYTES)
}

/// [`import_path`] with an explicit size limit (tests use a small one).
pub fn import_path_with_limit(
    path: &Path,
    opts: &ImportOptions,
    limit: u64,
) -> Result<ImportedFile, ImportError> {
    let bytes = read_file(path, limit)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_bytes(&name, &bytes, opts)
}

/// The formats Pizhu reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Txt,
    Markdown,
    Html,
    Docx,
    Pdf,
    Epub,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Epub => "epub",
        }
    }
}

/// CNKI's own CAJ format starts with "CAJ" or "HN" (older and newer readers).
fn is_caj(bytes: &[u8]) -> bool {
    bytes.starts_with(b"CAJ") || bytes.starts_with(b"HN") || bytes.starts_with(b"KDH")
}

/// Every extension Pizhu imports as an article, with its format: the one list
/// the import dialogs and folder imports are built from.
const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Txt),
    ("text", Format::Txt),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("docx", Format::Docx),
    ("pdf", Format::Pdf),
    // CNKI serves both real CAJ files and PDFs named .caj.
    ("caj", Format::Pdf),
    ("epub", Format::Epub),
];

/// The file extensions Pizhu imports as articles (lower case, no dot).
pub fn article_extensions() -> impl Iterator<Item = &'static str> {
    EXTENSIONS.iter().map(|(ext, _)| *ext)
}

fn format_of(file_name: &str) -> Result<Format, ImportError> {
    let ext = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match EXTENSIONS.iter().find(|(e, _)| *e == ext) {
        Some(&(_, format)) => Ok(format),
        None => Err(ImportError::UnsupportedType(if ext.is_empty() {
            file_name.to_string()
        } else {
            format!(".{ext}")
        })),
    }
}

/// Whether a file name has an extension Pizhu imports (folder imports skip
/// the rest).
pub fn is_supported(file_name: &str) -> bool {
    format_of(file_name).is_ok()
}

/// Import a file's bytes; `file_name` picks the format by its extension.
pub fn import_bytes(
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportedFile, ImportError> {
    let format = format_of(file_name)?;
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let (encoding, mut articles, mut warnings) = match format {
        Format::Pdf => {
            if !formats::pdf::is_pdf(bytes) {
                return Err(if is_caj(bytes) {
                    ImportError::Caj
                } else {
                    ImportError::Malformed("this is not a PDF file (no %PDF header)".into())
                });
            }
            let pdf = formats::pdf::extract(file_name, bytes)?;
            ("binary".to_string(), vec![pdf.article], pdf.warnings)
        }
        Format::Epub => {
            let book = formats::epub::extract(bytes)?;
            ("UTF-8".to_string(), vec![book.article], book.warnings)
        }
        Format::Docx => {
            let paras = formats::docx::extract(bytes)?;
            let article = formats::finish_article(paras, true, false);
            (
                "UTF-8".to_string(),
                article.into_iter().collect(),
                Vec::new(),
            )
        }
        Format::Html => {
            let decoded = decode::decode(
                bytes,
                opts.encoding.as_deref(),
                formats::html::declared_charset(bytes),
            )?;
            let paras = formats::html::extract(&decoded.text)?;
            let article = formats::finish_article(paras, true, false);
            (
                decoded.encoding,
                article.into_iter().collect(),
                decoded.warnings,
            )
        }
        Format::Markdown | Format::Txt => {
            use formats::markdown::{import_markdown, Markdown};
            let decoded = decode::decode(bytes, opts.encoding.as_deref(), None)?;
            let markdown = match format {
                Format::Markdown => import_markdown(&decoded.text)?,
                _ => Markdown::Plain {
                    body: &decoded.text,
                    meta: None,
                },
            };
            let (articles, extra) = match markdown {
                Markdown::Curated(article) => (vec![article], Vec::new()),
                Markdown::Plain { body, meta } => {
                    let mut result = formats::txt::import_text(body);
                    if let (Some(meta), [only]) = (meta, result.articles.as_mut_slice()) {
                        formats::overlay_metadata(only, meta);
                    }
                    (result.articles, result.warnings)
                }
            };
            let mut warnings = decoded.warnings;
            warnings.extend(extra);
            (decoded.encoding, articles, warnings)
        }
    };
    // Text formats lost their controls when decoded; markup can still carry
    // them as character references (`&#27;`), so every article is checked.
    let removed: usize = articles
        .iter_mut()
        .map(clean::controls::strip_article)
        .sum();
    if removed > 0 {
        warnings.push(decode::controls_warning(removed));
    }
    articles.retain(|a| !a.text.is_empty());
    if articles.is_empty() {
        return Err(ImportError::NoText);
    }
    for a in &mut articles {
        if a.format.is_empty() {
            a.format = format.name().to_string();
        }
    }
    Ok(ImportedFile {
        encoding,
        articles,
        warnings,
    })
}
