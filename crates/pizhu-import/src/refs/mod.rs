//! Reference files in: RIS, BibTeX/BibLaTeX, CSL-JSON, EndNote tagged text and
//! NoteExpress (the last two are what CNKI exports). The format is recognised by
//! content, not by the file name.
//!
//! [`parse_refs`] turns a file into records in file order. Each record is either
//! a [`RefRecord`] (a title and a [`Reference`], plus the paths of attached files)
//! or a [`RecordError`] naming its record number, its line where known, and the
//! reason; one bad record never stops the others.

use pizhu_core::reference::Reference;
use serde::Serialize;

use crate::ImportError;

mod bibtex;
mod csl_json;
mod endnote;
pub(crate) mod fields;
mod noteexpress;
mod ris;
mod tagged;

/// The reference formats Pizhu reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefFormat {
    Ris,
    Bibtex,
    CslJson,
    Endnote,
    NoteExpress,
}

impl RefFormat {
    pub fn name(self) -> &'static str {
        match self {
            RefFormat::Ris => "RIS",
            RefFormat::Bibtex => "BibTeX",
            RefFormat::CslJson => "CSL-JSON",
            RefFormat::Endnote => "EndNote",
            RefFormat::NoteExpress => "NoteExpress",
        }
    }
}

/// One record read from a reference file.
#[derive(Debug, Clone, PartialEq)]
pub struct RefRecord {
    pub title: String,
    pub reference: Reference,
    /// Attached files (PDF, EPUB, HTML, DOCX) as written in the record: a path,
    /// usually relative to the reference file, or a `file://` URL.
    pub attachments: Vec<String>,
    /// The line the record starts on, from 1.
    pub line: usize,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordError {
    /// The record's position in the file, from 1.
    pub record: usize,
    /// The line the problem is on (or the record starts on), from 1.
    pub line: Option<usize>,
    pub reason: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "record {} (line {line}): {}", self.record, self.reason),
            None => write!(f, "record {}: {}", self.record, self.reason),
        }
    }
}

/// Everything read from one reference file, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRefs {
    pub format: RefFormat,
    pub encoding: String,
    pub records: Vec<Result<RefRecord, RecordError>>,
}

/// Recognise the format of a decoded reference file by its content.
pub fn detect(text: &str) -> Option<RefFormat> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.trim_start();
    if first.starts_with('[') || first.starts_with('{') && !first.starts_with("{Reference Type}") {
        return Some(RefFormat::CslJson);
    }
    for line in text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
    {
        let line = line.trim_start();
        if line.starts_with('@') {
            return Some(RefFormat::Bibtex);
        }
        if ris::is_tag_line(line) {
            return Some(RefFormat::Ris);
        }
        if line.starts_with("%0 ") {
            return Some(RefFormat::Endnote);
        }
        if noteexpress::is_field_line(line) {
            return Some(RefFormat::NoteExpress);
        }
        // Tolerate a comment or preamble line before the first record.
        if line.starts_with('%') || line.starts_with('#') {
            continue;
        }
        return None;
    }
    None
}

/// Read a reference file's bytes (any common encoding; CNKI exports may be GBK).
pub fn parse_refs(bytes: &[u8]) -> Result<ParsedRefs, ImportError> {
    let decoded = crate::decode::decode(bytes, None, None)?;
    let text = decoded.text.trim_start_matches('\u{feff}');
    let format = detect(text).ok_or_else(|| {
        ImportError::Malformed(
            "not a reference file Pizhu recognises (RIS, BibTeX/BibLaTeX, CSL-JSON, EndNote tagged text or NoteExpress)".into(),
        )
    })?;
    let records = match format {
        RefFormat::Ris => ris::parse(text),
        RefFormat::Bibtex => bibtex::parse(text),
        RefFormat::CslJson => csl_json::parse(text)?,
        RefFormat::Endnote => endnote::parse(text),
        RefFormat::NoteExpress => noteexpress::parse(text),
    };
    Ok(ParsedRefs {
        format,
        encoding: decoded.encoding,
        records,
    })
}

/// A record without a title is not an item; every parser checks it the same way.
fn finish(
    record: usize,
    line: usize,
    title: Option<String>,
    reference: Reference,
    attachments: Vec<String>,
) -> Result<RefRecord, RecordError> {
    match title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
    {
        Some(title) => Ok(RefRecord {
            title,
            reference,
            attachments,
            line,
        }),
        None => Err(RecordError {
            record,
            line: Some(line),
            reason: "the record has no title".into(),
        }),
    }
}
