//! Articles: list, open, import, edit metadata, memo, reading position; settings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use base64::Engine;
use pizhu_core::annotate::edit::EditOutcome;
use pizhu_core::articles::{ArticleMetaPatch, Inserted, SourceFile};
use pizhu_core::{Article, ArticleCard, ArticleSummary, NewArticle};
use pizhu_import::{ImportOptions, ImportedArticle};
use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("listOperations", list_operations),
    op!("listArticles", list_articles),
    op!("listArticleCards", list_article_cards),
    op!("getArticleSummary", get_article_summary),
    op!("getArticle", get_article),
    op!("importFiles", import_files, files: [Read("paths")]),
    op!("importData", import_data),
    op!("updateArticleMeta", update_article_meta),
    op!("setArticleMemo", set_article_memo),
    op!("setReadingPosition", set_reading_position),
    op!("deleteArticle", delete_article),
    op!("reimportArticle", reimport_article),
    op!("getSettings", get_settings),
    op!("setSetting", set_setting),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdArg {
    pub id: i64,
}

fn list_operations(_: &Pizhu, _: NoArgs) -> Result<Vec<&'static str>, ApiError> {
    Ok(crate::ops::names())
}

fn list_articles(app: &Pizhu, _: NoArgs) -> Result<Vec<ArticleSummary>, ApiError> {
    Ok(app.store().list_articles()?)
}

/// The library list: a card per article, the whole library at once (the list
/// sorts, filters and selects over all of it; it draws only what is on screen).
fn list_article_cards(app: &Pizhu, _: NoArgs) -> Result<Vec<ArticleCard>, ApiError> {
    Ok(app.store().list_article_cards()?)
}

/// One article's summary with its whole reference (editing a card's details).
fn get_article_summary(app: &Pizhu, a: IdArg) -> Result<ArticleSummary, ApiError> {
    Ok(app.store().article_summary(a.id)?)
}

fn get_article(app: &Pizhu, a: IdArg) -> Result<Article, ApiError> {
    Ok(app.store().article(a.id)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ImportFilesArgs {
    pub paths: Vec<PathBuf>,
    /// Overrides encoding detection for every file (`gbk`, `big5`, …).
    pub encoding: Option<String>,
}

/// What an import did, file by file (the CLI's `import --json` prints this).
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: Vec<ImportedEntry>,
    pub duplicates: Vec<DuplicateEntry>,
    pub failed: Vec<FailedEntry>,
    /// Per-file notes: detected encoding, replaced bytes, corrections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<FileWarning>,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportedEntry {
    pub id: i64,
    pub title: String,
    pub file: String,
    pub encoding: String,
    /// What was dropped or doubtful in this article (pages without text …).
    #[serde(default)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DuplicateEntry {
    pub id: i64,
    /// The article's title (the file may hold several).
    #[serde(default)]
    pub title: String,
    pub file: String,
}

/// A file that was not imported. `error` is English (CLI, logs); a front end
/// words `kind` with `params` in its own language (see [`pizhu_import::ImportError::kinds`]).
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FailedEntry {
    pub file: String,
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub params: Option<BTreeMap<String, String>>,
}

impl FailedEntry {
    fn new(file: impl Into<String>, error: impl Into<String>) -> Self {
        FailedEntry {
            file: file.into(),
            error: error.into(),
            kind: None,
            params: None,
        }
    }

    fn import(file: impl Into<String>, e: &pizhu_import::ImportError) -> Self {
        FailedEntry {
            kind: Some(e.code().to_string()),
            params: Some(e.params()),
            ..FailedEntry::new(file, e.to_string())
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FileWarning {
    pub file: String,
    /// English (CLI, logs); `kind` and `params` are for a front end's own wording.
    pub warning: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub params: Option<BTreeMap<String, String>>,
}

fn import_files(app: &Pizhu, a: ImportFilesArgs) -> Result<ImportReport, ApiError> {
    let opts = ImportOptions {
        encoding: a.encoding,
    };
    let mut report = ImportReport::default();
    for path in &super::folders::expand(&a.paths) {
        let file = path.display().to_string();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        let bytes = match read_limited(path) {
            Ok(b) => b,
            Err(e) => {
                report.failed.push(FailedEntry::import(file, &e));
                continue;
            }
        };
        import_one(app, &file, &name, &bytes, &opts, path.parent(), &mut report);
    }
    index_in_background(app);
    Ok(report)
}

/// Start indexing what an import added at once, in the background, so it is
/// searchable soon after without the next search doing the work.
fn index_in_background(app: &Pizhu) {
    // The index is a cache: a failure here leaves the work to the next search.
    let _ = app.search_index().catch_up_in_background(app.store());
}

/// Regular files only (a device or a pipe would never end), at most the size limit.
fn read_limited(path: &std::path::Path) -> Result<Vec<u8>, pizhu_import::ImportError> {
    pizhu_import::read_file(path, pizhu_import::MAX_FILE_BYTES)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct ImportDataArgs {
    pub file_name: String,
    /// The file's bytes, base64 (a browser upload or a drag-and-drop).
    pub data_base64: String,
    pub encoding: Option<String>,
}

fn import_data(app: &Pizhu, a: ImportDataArgs) -> Result<ImportReport, ApiError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(a.data_base64.as_bytes())
        .map_err(|e| ApiError::invalid(format!("dataBase64 is not base64: {e}")))?;
    if bytes.len() as u64 > pizhu_import::MAX_FILE_BYTES {
        let e = pizhu_import::ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: pizhu_import::MAX_FILE_BYTES,
        };
        return Err(ApiError::new(
            ErrorCode::ImportFailed,
            format!("{}: file over the size limit", a.file_name),
        )
        .with_kind(e.code(), e.params()));
    }
    let mut report = ImportReport::default();
    let opts = ImportOptions {
        encoding: a.encoding,
    };
    import_one(
        app,
        &a.file_name,
        &a.file_name,
        &bytes,
        &opts,
        None,
        &mut report,
    );
    index_in_background(app);
    Ok(report)
}

/// Import one file's bytes into the library, recording the outcome in `report`.
/// A file either lands whole or not at all. A reference file (RIS, BibTeX, …)
/// goes through the reference import; `base` is where its attached files are.
fn import_one(
    app: &Pizhu,
    file: &str,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    base: Option<&std::path::Path>,
    report: &mut ImportReport,
) {
    if super::reference_files::is_reference_file(name, bytes) {
        return import_reference_file(app, file, bytes, base, report);
    }
    let parsed = match pizhu_import::import_bytes(name, bytes, opts) {
        Ok(p) => p,
        Err(e) => {
            report.failed.push(FailedEntry::import(file, &e));
            return;
        }
    };
    let articles: Vec<NewArticle> = parsed
        .articles
        .iter()
        .map(|a| to_new_article(a, name, &parsed.encoding))
        .collect();
    let source = SourceFile {
        file_name: name.to_string(),
        bytes: bytes.to_vec(),
        encoding: parsed.encoding.clone(),
        // A PDF or an EPUB is kept as a file in the library folder, not as a
        // BLOB (the system viewer opens it there).
        in_folder: parsed
            .articles
            .iter()
            .any(|a| !a.pages.is_empty() || a.format == "epub"),
    };
    match app.store().insert_articles(Some(&source), &articles) {
        Ok(results) => {
            for (article, result) in articles.iter().zip(results) {
                match result {
                    Inserted::New(id) => report.imported.push(ImportedEntry {
                        id,
                        title: article.title.clone(),
                        file: file.to_string(),
                        encoding: parsed.encoding.clone(),
                        // A file's warnings concern each article it gave.
                        warnings: parsed.warnings.iter().map(ToString::to_string).collect(),
                    }),
                    Inserted::Duplicate(id) => report.duplicates.push(DuplicateEntry {
                        id,
                        title: article.title.clone(),
                        file: file.to_string(),
                    }),
                }
            }
            for w in parsed.warnings {
                report.warnings.push(FileWarning {
                    file: file.to_string(),
                    warning: w.to_string(),
                    kind: Some(w.kind().to_string()),
                    params: Some(w.params()),
                });
            }
        }
        Err(e) => report.failed.push(FailedEntry::new(file, e.to_string())),
    }
}

/// A reference file's outcome, record by record, in the file import's report.
fn import_reference_file(
    app: &Pizhu,
    file: &str,
    bytes: &[u8],
    base: Option<&std::path::Path>,
    report: &mut ImportReport,
) {
    let (refs, encoding) = match super::reference_files::import_reference_bytes(app, bytes, base) {
        Ok(r) => r,
        Err(e) => {
            report.failed.push(FailedEntry {
                kind: e.kind.clone(),
                params: e.params.clone(),
                ..FailedEntry::new(file, e.message)
            });
            return;
        }
    };
    for r in refs.imported {
        report.imported.push(ImportedEntry {
            id: r.id,
            title: r.title,
            file: file.to_string(),
            encoding: encoding.clone(),
            warnings: Vec::new(),
        });
    }
    for d in refs.duplicates {
        report.duplicates.push(DuplicateEntry {
            id: d.id,
            title: app
                .store()
                .article(d.id)
                .map(|a| a.title)
                .unwrap_or_default(),
            file: format!("{file} #{}", d.record),
        });
    }
    for f in refs.failed {
        report
            .failed
            .push(FailedEntry::new(format!("{file} #{}", f.record), f.error));
    }
    for w in refs.warnings {
        report.warnings.push(FileWarning {
            file: format!("{file} #{}", w.record),
            warning: w.warning,
            kind: Some(w.kind),
            params: Some(w.params),
        });
    }
}

pub(crate) fn to_new_article(a: &ImportedArticle, file_name: &str, encoding: &str) -> NewArticle {
    NewArticle {
        title: a.title.clone(),
        title_supplied: a.title_supplied,
        authors: a.authors.clone(),
        source: a.source.clone(),
        published: a.published.clone(),
        text: a.text.clone(),
        headings: a.headings.clone(),
        corrections: a.corrections.clone(),
        original_file: Some(file_name.to_string()),
        encoding: Some(encoding.to_string()),
        format: (!a.format.is_empty()).then(|| a.format.clone()),
        pages: a
            .pages
            .iter()
            .map(|p| pizhu_core::Page {
                n: p.n,
                label: p.label.clone(),
                start: p.start,
            })
            .collect(),
        reference: None,
        original: None,
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UpdateMetaArgs {
    pub id: i64,
    #[serde(flatten)]
    pub patch: ArticleMetaPatch,
}

fn update_article_meta(app: &Pizhu, a: UpdateMetaArgs) -> Result<Article, ApiError> {
    Ok(app.store().update_article_meta(a.id, &a.patch)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MemoArgs {
    pub id: i64,
    pub memo: String,
}

fn set_article_memo(app: &Pizhu, a: MemoArgs) -> Result<(), ApiError> {
    Ok(app.store().set_article_memo(a.id, &a.memo)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PositionArgs {
    pub id: i64,
    pub position: f64,
}

fn set_reading_position(app: &Pizhu, a: PositionArgs) -> Result<(), ApiError> {
    Ok(app.store().set_reading_position(a.id, a.position)?)
}

fn delete_article(app: &Pizhu, a: IdArg) -> Result<(), ApiError> {
    Ok(app.store().delete_article(a.id)?)
}

/// UI preferences kept in the library: language, theme, font size…
fn get_settings(
    app: &Pizhu,
    _: NoArgs,
) -> Result<serde_json::Map<String, serde_json::Value>, ApiError> {
    let mut out = serde_json::Map::new();
    for key in SETTING_KEYS {
        if let Some(v) = app.store().setting(key)? {
            out.insert(
                key.to_string(),
                serde_json::from_str(&v).unwrap_or(serde_json::Value::String(v)),
            );
        }
    }
    Ok(out)
}

/// The settings the UI may store; anything else is refused so typos surface.
pub const SETTING_KEYS: &[&str] = &[
    "language",
    "appearance",
    "fontSize",
    "fontFamily",
    "lineHeight",
    "window",
    // The citation style: a built-in name or an added style's `custom:<id>`.
    "citationStyle",
    // The first-run welcome card was closed for good.
    "welcomeDismissed",
];

#[derive(Deserialize)]
pub struct SettingArgs {
    pub key: String,
    pub value: serde_json::Value,
}

fn set_setting(app: &Pizhu, a: SettingArgs) -> Result<(), ApiError> {
    if !SETTING_KEYS.contains(&a.key.as_str()) {
        return Err(ApiError::invalid(format!("unknown setting {:?}", a.key)));
    }
    Ok(app.store().set_setting(&a.key, &a.value.to_string())?)
}

/// Re-extract an article from its stored original with the current importer
/// and put the new text in place through the text-edit path: highlights are
/// re-anchored (orphans go to the review list), headings and page starts are
/// replaced, and it is one undo step.
fn reimport_article(app: &Pizhu, a: IdArg) -> Result<EditOutcome, ApiError> {
    let store = app.store();
    let article = store.article(a.id)?;
    let file = store.source_file(a.id)?.ok_or_else(|| {
        ApiError::invalid(format!(
            "article {} has no stored original to re-import from",
            a.id
        ))
    })?;
    let opts = ImportOptions {
        // A text file is read again as it was first decoded.
        encoding: article
            .encoding
            .clone()
            .filter(|e| e != "binary" && !file.file_name.ends_with(".epub")),
    };
    let parsed = pizhu_import::import_bytes(&file.file_name, &file.bytes, &opts)?;
    let fresh = pick_article(&parsed.articles, &article.title).ok_or_else(|| {
        ApiError::new(
            ErrorCode::ImportFailed,
            format!(
                "the original now gives {} articles and none is titled \u{201c}{}\u{201d}",
                parsed.articles.len(),
                article.title
            ),
        )
    })?;
    let new = to_new_article(fresh, &file.file_name, &parsed.encoding);
    Ok(store.reimport_article(a.id, &new.text, &new.headings, &new.pages)?)
}

/// The article of a re-extracted file that is this one: the only one, else
/// the one with the same title.
fn pick_article<'a>(found: &'a [ImportedArticle], title: &str) -> Option<&'a ImportedArticle> {
    match found {
        [only] => Some(only),
        many => many.iter().find(|a| a.title == title),
    }
}
