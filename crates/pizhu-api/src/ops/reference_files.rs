//! Reference files in (`importReferences`): RIS, BibTeX/BibLaTeX, CSL-JSON,
//! EndNote tagged and NoteExpress, recognised by content. Every record becomes
//! an article with its reference; a record's attached file (PDF, EPUB, HTML,
//! DOCX, relative to the reference file) brings its text through the usual
//! importers, and a record without one is a metadata-only item. The whole file
//! is one transaction and one undo step.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pizhu_core::articles::Inserted;
use pizhu_core::articles::SourceFile;
use pizhu_core::NewArticle;
use pizhu_import::refs::{parse_refs, RefRecord};
use pizhu_import::ImportOptions;
use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("importReferences", import_references, files: [Read("path")]),
    op!("attachFile", attach_file, files: [Read("path")]),
];

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttachFileArgs {
    /// A metadata-only article (a reference imported without its file).
    pub id: i64,
    /// A PDF, EPUB, HTML or DOCX file whose text becomes the article's.
    pub path: PathBuf,
}

/// Attach a document to a metadata-only item; undoable.
fn attach_file(app: &Pizhu, a: AttachFileArgs) -> Result<pizhu_core::Article, ApiError> {
    let mut doc = NewArticle::default();
    attach_document(&mut doc, &a.path).map_err(|e| ApiError::new(ErrorCode::ImportFailed, e))?;
    app.store().attach_text(a.id, &doc)?;
    Ok(app.store().article(a.id)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportReferencesArgs {
    pub path: PathBuf,
}

/// The `pizhu import-refs --json` contract.
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReferenceImportReport {
    /// New articles, in the file's order.
    pub imported: Vec<ImportedRef>,
    pub duplicates: Vec<DuplicateRef>,
    pub failed: Vec<FailedRef>,
    /// Records imported with less than they named (an attached file that could
    /// not be read: the record came in as metadata only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<RefWarning>,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportedRef {
    pub id: i64,
    pub title: String,
}

/// A record already in the library (same DOI, or same title, first author and
/// year), as article `id`. `record` counts from 1 in the file.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DuplicateRef {
    pub id: i64,
    pub record: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FailedRef {
    pub record: usize,
    pub error: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RefWarning {
    pub record: usize,
    /// English; `kind` and `params` name it for a front end's own wording.
    pub warning: String,
    pub kind: String,
    pub params: BTreeMap<String, String>,
}

/// Every `kind` a reference file's warning can carry (the UI words each one).
pub const WARNING_KINDS: &[&str] = &["attachment_not_uploaded", "attachment_not_imported"];

fn import_references(
    app: &Pizhu,
    a: ImportReferencesArgs,
) -> Result<ReferenceImportReport, ApiError> {
    let bytes = pizhu_import::read_file(&a.path, pizhu_import::MAX_FILE_BYTES)?;
    Ok(import_reference_bytes(app, &bytes, a.path.parent())?.0)
}

/// Extensions of reference files (CSL-JSON as `.json` or `.csl`); CNKI's
/// `.txt` exports are recognised by content as well.
pub const REFERENCE_EXTENSIONS: &[&str] = &["ris", "bib", "enw", "net", "csl", "json"];

/// Whether a file is a reference file: by extension, or a `.txt` whose content
/// is a tagged reference export (CNKI saves EndNote and RIS as `.txt`).
pub(crate) fn is_reference_file(name: &str, bytes: &[u8]) -> bool {
    use pizhu_import::refs::{detect, RefFormat};
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        e if REFERENCE_EXTENSIONS.contains(&e) => true,
        "txt" => pizhu_import::decode::decode(bytes, None, None).is_ok_and(|d| {
            matches!(
                detect(&d.text),
                Some(RefFormat::Ris | RefFormat::Endnote | RefFormat::NoteExpress)
            )
        }),
        _ => false,
    }
}

/// Import a reference file's bytes; attached files are looked up relative to
/// `base` (none for an upload: such records come in as metadata only).
pub(crate) fn import_reference_bytes(
    app: &Pizhu,
    bytes: &[u8],
    base: Option<&Path>,
) -> Result<(ReferenceImportReport, String), ApiError> {
    let parsed = parse_refs(bytes)?;
    let mut report = ReferenceImportReport::default();
    // (record number, article) for the records that parsed.
    let mut ready: Vec<(usize, NewArticle)> = Vec::new();
    for (i, record) in parsed.records.iter().cloned().enumerate() {
        let n = i + 1;
        match record {
            Ok(rec) => {
                let article = to_article(rec, base, n, &mut report.warnings);
                ready.push((n, article));
            }
            Err(e) => report.failed.push(FailedRef {
                record: n,
                error: match e.line {
                    Some(line) => format!("line {line}: {}", e.reason),
                    None => e.reason,
                },
            }),
        }
    }
    let articles: Vec<NewArticle> = ready.iter().map(|(_, a)| a.clone()).collect();
    let results = app.store().import_references(&articles)?;
    for ((n, article), result) in ready.iter().zip(results) {
        match result {
            Inserted::New(id) => report.imported.push(ImportedRef {
                id,
                title: article.title.clone(),
            }),
            Inserted::Duplicate(id) => report.duplicates.push(DuplicateRef { id, record: *n }),
        }
    }
    Ok((report, parsed.encoding))
}

/// `files/12/a.pdf`, `file:///home/me/a%20b.pdf`, `C:\papers\a.pdf`.
fn attachment_path(raw: &str, base: &Path) -> PathBuf {
    let raw = raw.trim();
    let (path, url) = match raw.strip_prefix("file://") {
        Some(p) => (p, true),
        None => (raw, false),
    };
    let path = if url {
        percent_decode(path)
    } else {
        path.to_string()
    };
    let p = PathBuf::from(&path);
    if p.is_absolute() {
        p
    } else {
        base.join(p)
    }
}

/// The attachments a record may bring in: documents, not whatever path a
/// reference file names.
fn is_document(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "pdf" | "epub" | "html" | "htm" | "xhtml" | "docx"
    ) && pizhu_import::is_supported(&path.to_string_lossy())
}

/// `%XX` escapes decoded; invalid UTF-8 replaced, never a panic.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Give `article` the text of the document at `path` (PDF, EPUB, HTML, DOCX),
/// read by the usual importers; the reference stays as it is.
pub(crate) fn attach_document(article: &mut NewArticle, path: &Path) -> Result<(), String> {
    if !is_document(path) {
        return Err("Pizhu imports PDF, EPUB, HTML and DOCX attachments".into());
    }
    let bytes =
        pizhu_import::read_file(path, pizhu_import::MAX_FILE_BYTES).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = pizhu_import::import_bytes(&name, &bytes, &ImportOptions::default())
        .map_err(|e| e.to_string())?;
    let first = file
        .articles
        .into_iter()
        .next()
        .ok_or_else(|| "no text found in the file".to_string())?;
    let imported = super::library::to_new_article(&first, &name, &file.encoding);
    article.text = imported.text;
    article.headings = imported.headings;
    article.pages = imported.pages;
    article.format = imported.format;
    article.original_file = imported.original_file;
    article.encoding = imported.encoding;
    article.corrections = imported.corrections;
    // Kept in the library folder, as a PDF or EPUB imported on its own is:
    // the article can be re-imported from it and opened at a page.
    article.original = Some(SourceFile {
        file_name: name,
        bytes,
        encoding: file.encoding,
        in_folder: true,
    });
    Ok(())
}

fn to_article(
    rec: RefRecord,
    base: Option<&Path>,
    record: usize,
    warnings: &mut Vec<RefWarning>,
) -> NewArticle {
    let mut article = NewArticle {
        title: rec.title,
        reference: Some(rec.reference),
        ..NewArticle::default()
    };
    for raw in &rec.attachments {
        let Some(base) = base else {
            warnings.push(RefWarning {
                record,
                warning: format!(
                    "attached file {raw} not read (upload the file itself to import its text)"
                ),
                kind: "attachment_not_uploaded".into(),
                params: BTreeMap::from([("file".to_string(), raw.clone())]),
            });
            break;
        };
        let path = attachment_path(raw, base);
        match attach_document(&mut article, &path) {
            Ok(()) => break,
            Err(e) => warnings.push(RefWarning {
                record,
                warning: format!("attached file {} not imported: {e}", path.display()),
                kind: "attachment_not_imported".into(),
                params: BTreeMap::from([
                    ("file".to_string(), path.display().to_string()),
                    ("reason".to_string(), e),
                ]),
            }),
        }
    }
    article
}
