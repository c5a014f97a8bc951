//! Operations: export (Markdown, HTML, DOCX, CSV, W3C Web Annotation, REFI-QDA)
//! and the way back in (W3C annotations, REFI-QDA code books).
//!
//! The library is read straight from SQLite into a [`pizhu_export::ExportModel`];
//! `pizhu-export` does the rest. A file is written to a temporary file in the
//! target folder, synced and then moved into place, so a crash never leaves half
//! an export; an existing file is kept unless `force` is set (code `conflict`).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use pizhu_core::annotate::{HighlightFilter, HighlightPatch, NewHighlight, NewTheme, ThemeRef};
use pizhu_core::rusqlite::{self, Connection};
use pizhu_export::model::{
    CitationStyle, ExportArticle, ExportHighlight, ExportModel, ExportOptions, ExportTheme,
    GroupBy, Scope,
};
use pizhu_export::{ExportError, Format};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("exportNotes", export_notes),
    op!("importAnnotations", import_annotations),
    op!("importCodebook", import_codebook),
    op!("safeFileName", safe_file_name),
];

fn export_error(e: ExportError) -> ApiError {
    match e {
        ExportError::NotFound(m) => ApiError::new(ErrorCode::NotFound, m),
        ExportError::Invalid(m) => ApiError::new(ErrorCode::ImportFailed, m),
        ExportError::Write(m) => ApiError::new(ErrorCode::WriteFailed, m),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportArgs {
    /// `md` | `html` | `docx` | `csv` | `w3c` | `qdpx`.
    pub format: String,
    pub article_id: Option<i64>,
    pub theme_id: Option<i64>,
    /// A theme by name (instead of `themeId`).
    pub theme: Option<String>,
    /// With a theme: also its sub-themes (default true).
    pub include_subthemes: Option<bool>,
    pub highlight_ids: Option<Vec<i64>>,
    /// `theme` (default) | `article`.
    pub group_by: Option<String>,
    pub include_notes: Option<bool>,
    pub include_memos: Option<bool>,
    pub include_uncoded: Option<bool>,
    /// `gbt7714` (default) | `apa`.
    pub citation_style: Option<String>,
    /// DOCX: a "open in Pizhu" link after every passage (default false).
    #[serde(default)]
    pub docx_deep_links: bool,
    /// Write here (a file, or a folder to hold the suggested file name).
    pub path: Option<PathBuf>,
    /// Replace an existing file.
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    /// Where the file was written (with `path`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    pub bytes: usize,
    pub file_name: String,
    pub mime_type: &'static str,
    /// The file itself, base64 (without `path`: a browser download).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_base64: Option<String>,
    pub highlights: usize,
}

fn export_notes(app: &Pizhu, a: ExportArgs) -> Result<ExportResult, ApiError> {
    let format = Format::parse(&a.format).ok_or_else(|| {
        ApiError::invalid(format!(
            "unknown format {:?}: use md, html, docx, csv, w3c or qdpx",
            a.format
        ))
    })?;
    let mut model = load_model(app)?;
    let theme_id = match (&a.theme_id, &a.theme) {
        (Some(id), _) => Some(*id),
        (None, Some(name)) => Some(
            model
                .themes
                .iter()
                .find(|t| t.name == name.trim())
                .map(|t| t.id)
                .ok_or_else(|| {
                    ApiError::new(ErrorCode::NotFound, format!("no theme named {name:?}"))
                })?,
        ),
        (None, None) => None,
    };
    if let Some(id) = a.article_id {
        if model.article(id).is_none() {
            return Err(ApiError::new(ErrorCode::NotFound, format!("article {id}")));
        }
    }
    let scope = match (&a.highlight_ids, theme_id, a.article_id) {
        (Some(ids), _, _) => Scope::Highlights { ids: ids.clone() },
        (None, Some(id), article) => {
            // A theme within one article: narrow the snapshot to that article first.
            if let Some(article) = article {
                model.articles.retain(|x| x.id == article);
            }
            Scope::Theme {
                id,
                include_subthemes: a.include_subthemes.unwrap_or(true),
            }
        }
        (None, None, Some(id)) => Scope::Article { id },
        (None, None, None) => Scope::Library,
    };
    let group_by = match a.group_by.as_deref() {
        None | Some("theme") => GroupBy::Theme,
        Some("article") => GroupBy::Article,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "groupBy {other:?}: use theme or article"
            )))
        }
    };
    let citation_style = match a
        .citation_style
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("gbt7714") | Some("gb/t 7714") | Some("gb") => CitationStyle::Gbt7714,
        Some("apa") => CitationStyle::Apa,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "citationStyle {other:?}: use gbt7714 or apa"
            )))
        }
    };
    let options = ExportOptions {
        scope,
        group_by,
        include_notes: a.include_notes.unwrap_or(true),
        include_memos: a.include_memos.unwrap_or(true),
        include_uncoded: a.include_uncoded.unwrap_or(true),
        citation_style,
        docx_deep_links: a.docx_deep_links,
    };
    let highlights = pizhu_export::Selection::new(&model, &options)
        .map_err(export_error)?
        .highlights
        .len();
    let file = pizhu_export::export(&model, &options, format).map_err(export_error)?;
    match a.path {
        Some(path) => {
            let target = if path.is_dir() {
                path.join(&file.file_name)
            } else {
                path
            };
            write_atomically(&target, &file.bytes, a.force)?;
            Ok(ExportResult {
                path: Some(target),
                bytes: file.bytes.len(),
                file_name: file.file_name,
                mime_type: file.mime_type,
                data_base64: None,
                highlights,
            })
        }
        None => Ok(ExportResult {
            path: None,
            bytes: file.bytes.len(),
            data_base64: Some(base64::engine::general_purpose::STANDARD.encode(&file.bytes)),
            file_name: file.file_name,
            mime_type: file.mime_type,
            highlights,
        }),
    }
}

/// Read the library into an export snapshot. Orphaned highlights (whose passage
/// was edited away) are left out: their positions no longer point at their text.
pub fn load_model(app: &Pizhu) -> Result<ExportModel, ApiError> {
    Ok(app.store().read(|c| Ok(read_model(c)?))?)
}

fn json_list<T: serde::de::DeserializeOwned>(raw: String) -> Vec<T> {
    serde_json::from_str(&raw).unwrap_or_default()
}

fn read_model(c: &Connection) -> rusqlite::Result<ExportModel> {
    let mut stmt = c.prepare(
        "SELECT id, title, authors, source, published, content_hash, text, headings, memo, imported_at, modified_at
         FROM articles ORDER BY id",
    )?;
    let articles = stmt
        .query_map([], |r| {
            Ok(ExportArticle {
                id: r.get(0)?,
                title: r.get(1)?,
                authors: json_list(r.get(2)?),
                source: r.get(3)?,
                published: r.get(4)?,
                content_hash: r.get(5)?,
                text: r.get(6)?,
                headings: json_list(r.get(7)?),
                memo: r.get(8)?,
                imported_at: r.get(9)?,
                modified_at: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = c.prepare(
        "SELECT id, name, color, description, parent_id, position, memo, created_at, modified_at FROM themes ORDER BY position, id",
    )?;
    let themes = stmt
        .query_map([], |r| {
            Ok(ExportTheme {
                id: r.get(0)?,
                name: r.get(1)?,
                color: r.get(2)?,
                description: r.get(3)?,
                parent_id: r.get(4)?,
                position: r.get(5)?,
                memo: r.get(6)?,
                created_at: r.get(7)?,
                modified_at: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut tags: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut stmt = c.prepare(
        "SELECT highlight_id, theme_id FROM highlight_themes ORDER BY highlight_id, theme_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (h, t) = row?;
        tags.entry(h).or_default().push(t);
    }
    let mut stmt = c.prepare(
        "SELECT id, article_id, start, end, exact, prefix, suffix, note, created_at, modified_at
         FROM highlights WHERE orphan = 0 ORDER BY article_id, start, id",
    )?;
    let highlights = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok(ExportHighlight {
                id,
                article_id: r.get(1)?,
                start: r.get::<_, i64>(2)?.max(0) as usize,
                end: r.get::<_, i64>(3)?.max(0) as usize,
                exact: r.get(4)?,
                prefix: r.get(5)?,
                suffix: r.get(6)?,
                note: r.get(7)?,
                theme_ids: tags.remove(&id).unwrap_or_default(),
                created_at: r.get(8)?,
                modified_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ExportModel {
        exported_at: pizhu_core::now_rfc3339(),
        articles,
        themes,
        highlights,
    })
}

/// Write `bytes` to `path` through a synced temporary file in the same folder.
/// Without `force` an existing file is refused (`conflict`), also when one
/// appears while we write: the final step is a hard link, which never replaces.
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), ApiError> {
    let failed = |what: &str, e: std::io::Error| {
        ApiError::new(
            ErrorCode::WriteFailed,
            format!("{what} {}: {e}", path.display()),
        )
    };
    let exists = || {
        ApiError::new(
            ErrorCode::Conflict,
            format!(
                "{} already exists (use force to replace it)",
                path.display()
            ),
        )
    };
    if !force && path.exists() {
        return Err(exists());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(ApiError::new(
            ErrorCode::WriteFailed,
            format!("folder {} does not exist", dir.display()),
        ));
    }
    let name = path
        .file_name()
        .ok_or_else(|| ApiError::invalid(format!("{} is not a file path", path.display())))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let temp = dir.join(format!(
        ".{}.{}-{stamp}.part",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| failed("cannot write next to", e))?;
        f.write_all(bytes).map_err(|e| failed("cannot write", e))?;
        f.sync_all().map_err(|e| failed("cannot sync", e))?;
        drop(f);
        if force {
            std::fs::rename(&temp, path).map_err(|e| failed("cannot replace", e))?;
        } else {
            match std::fs::hard_link(&temp, path) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists()),
                // Some file systems (FAT, some network shares) have no hard links.
                Err(_) => {
                    if path.exists() {
                        return Err(exists());
                    }
                    std::fs::rename(&temp, path)
                        .map_err(|e| failed("cannot move into place", e))?;
                }
            }
        }
        // The rename is durable once the folder's entry is on disk.
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataArgs {
    pub path: Option<PathBuf>,
    pub data_base64: Option<String>,
}

fn read_input(a: &DataArgs) -> Result<Vec<u8>, ApiError> {
    match (&a.path, &a.data_base64) {
        (Some(p), None) => std::fs::read(p).map_err(|e| {
            ApiError::new(
                ErrorCode::ImportFailed,
                format!("cannot read {}: {e}", p.display()),
            )
        }),
        (None, Some(b)) => base64::engine::general_purpose::STANDARD
            .decode(b.trim().as_bytes())
            .map_err(|e| ApiError::invalid(format!("dataBase64 is not base64: {e}"))),
        _ => Err(ApiError::invalid("give either path or dataBase64")),
    }
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportAnnotationsReport {
    /// Annotations in the file.
    pub annotations: usize,
    /// New highlights created.
    pub imported: usize,
    /// Annotations whose passage was already highlighted (their themes and note merged in).
    pub merged: usize,
    pub themes_created: Vec<String>,
    pub unmatched: Vec<Value>,
    /// False when any annotation could not be placed (listed in `unmatched`): the
    /// import is incomplete, and the CLI exits non-zero.
    pub complete: bool,
}

fn import_annotations(app: &Pizhu, a: DataArgs) -> Result<ImportAnnotationsReport, ApiError> {
    let bytes = read_input(&a)?;
    let parsed = pizhu_export::w3c::parse(&bytes).map_err(export_error)?;
    let store = app.store();
    let (articles, themes_before): (Vec<(i64, String, String)>, Vec<String>) = store.read(|c| {
        let mut s = c.prepare("SELECT id, content_hash, text FROM articles ORDER BY id")?;
        let arts = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut s = c.prepare("SELECT name FROM themes")?;
        let names = s
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((arts, names))
    })?;
    let mut report = ImportAnnotationsReport {
        annotations: parsed.len(),
        ..Default::default()
    };
    let mut claimed: std::collections::HashSet<i64> = std::collections::HashSet::new();
    restore_codebook(app, &pizhu_export::w3c::parse_codebook(&bytes))?;
    for ann in &parsed {
        let unmatched = |reason: &str| json!({"id": ann.id, "source": ann.source, "exact": ann.exact, "reason": reason});
        // Pizhu's own exports name the article by its text's hash; for others, a quote found in exactly one article.
        let placed: Option<(i64, (usize, usize))> = match ann.article_hash() {
            Some(hash) => match articles.iter().find(|(_, h, _)| h == hash) {
                Some((id, _, text)) => pizhu_export::w3c::anchor(text, ann).map(|r| (*id, r)),
                None => {
                    report
                        .unmatched
                        .push(unmatched("the article is not in this library"));
                    continue;
                }
            },
            None => {
                let hits: Vec<_> = articles
                    .iter()
                    .filter_map(|(id, _, text)| {
                        pizhu_export::w3c::anchor(text, ann).map(|r| (*id, r))
                    })
                    .collect();
                if hits.len() > 1 {
                    report
                        .unmatched
                        .push(unmatched("the passage is in more than one article"));
                    continue;
                }
                hits.into_iter().next()
            }
        };
        let Some((article_id, (start, end))) = placed else {
            report
                .unmatched
                .push(unmatched("the passage is not in the article"));
            continue;
        };
        let existing = store
            .list_highlights(&HighlightFilter {
                article_id: Some(article_id),
                ..Default::default()
            })?
            .into_iter()
            // Each existing highlight stands for one annotation, so two highlights on the
            // same words survive a round trip and a second import adds nothing.
            .find(|h| {
                h.start as usize == start
                    && h.end as usize == end
                    && !h.orphan
                    && !claimed.contains(&h.id)
            });
        match existing {
            Some(h) => {
                claimed.insert(h.id);
                let mut themes = h.themes.clone();
                themes.extend(ann.tags.iter().filter(|t| !h.themes.contains(t)).cloned());
                let note = if h.note.trim().is_empty() && !ann.note.trim().is_empty() {
                    Some(ann.note.clone())
                } else {
                    None
                };
                if themes.len() != h.themes.len() || note.is_some() {
                    let patch = HighlightPatch {
                        note,
                        themes: (themes.len() != h.themes.len()).then_some(themes),
                        ..Default::default()
                    };
                    store.update_highlight(h.id, &patch)?;
                }
                report.merged += 1;
            }
            None => {
                let h = store.add_highlight(&NewHighlight {
                    article_id,
                    start,
                    end,
                    themes: ann.tags.clone(),
                    note: ann.note.clone(),
                    ..Default::default()
                })?;
                claimed.insert(h.id);
                keep_timestamps(app, h.id, ann.created.as_deref(), ann.modified.as_deref())?;
                report.imported += 1;
            }
        }
    }
    let themes_after: Vec<String> = store.read(|c| {
        let mut s = c.prepare("SELECT name FROM themes ORDER BY position, id")?;
        let names = s
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    })?;
    report.themes_created = themes_after
        .into_iter()
        .filter(|n| !themes_before.contains(n))
        .collect();
    report.complete = report.unmatched.is_empty();
    Ok(report)
}

/// Themes a Pizhu W3C export lists (with colours and parents) that this library
/// lacks. Existing themes are left as they are.
fn restore_codebook(
    app: &Pizhu,
    book: &[pizhu_export::w3c::CodebookEntry],
) -> Result<(), ApiError> {
    let store = app.store();
    for entry in book {
        match store.theme(&ThemeRef::Name(entry.name.clone())) {
            Ok(_) => continue,
            Err(pizhu_core::CoreError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
        let parent = entry
            .parent
            .as_ref()
            .filter(|p| store.theme(&ThemeRef::Name((*p).clone())).is_ok())
            .map(|p| ThemeRef::Name(p.clone()));
        let mut theme = NewTheme {
            name: entry.name.clone(),
            color: entry.color.clone(),
            description: entry.description.clone(),
            parent_id: parent,
            ..Default::default()
        };
        if let Err(pizhu_core::CoreError::Invalid(_)) = store.add_theme(&theme) {
            // A colour this build does not accept: keep the theme, with the default colour.
            theme.color = None;
            store.add_theme(&theme)?;
        }
    }
    Ok(())
}

/// An imported highlight keeps the times it was made and last changed, when the
/// file gives valid ones (the highlight itself was just created, so undo still removes it).
fn keep_timestamps(
    app: &Pizhu,
    id: i64,
    created: Option<&str>,
    modified: Option<&str>,
) -> Result<(), ApiError> {
    let valid = |s: Option<&str>| {
        s.filter(|s| pizhu_export::model::is_rfc3339(s))
            .map(str::to_string)
    };
    let Some(created) = valid(created) else {
        return Ok(());
    };
    let modified = valid(modified).unwrap_or_else(|| created.clone());
    app.store().write(|tx| {
        tx.execute(
            "UPDATE highlights SET created_at = ?1, modified_at = ?2 WHERE id = ?3",
            pizhu_core::rusqlite::params![created, modified, id],
        )?;
        Ok(())
    })?;
    Ok(())
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCodebookReport {
    pub created: Vec<String>,
    /// Codes whose name is already a theme (kept as they are; their sub-codes join them).
    pub existing: Vec<String>,
}

fn import_codebook(app: &Pizhu, a: DataArgs) -> Result<ImportCodebookReport, ApiError> {
    let bytes = read_input(&a)?;
    let codes = pizhu_export::qdpx::read_codebook(&bytes).map_err(export_error)?;
    let store = app.store();
    let mut report = ImportCodebookReport::default();
    let mut stack: Vec<(Option<i64>, &pizhu_export::qdpx::Code)> =
        codes.iter().rev().map(|c| (None, c)).collect();
    while let Some((parent, code)) = stack.pop() {
        let id = match store.theme(&ThemeRef::Name(code.name.clone())) {
            Ok(t) => {
                report.existing.push(code.name.clone());
                t.id
            }
            Err(pizhu_core::CoreError::NotFound(_)) => {
                let t = store.add_theme(&NewTheme {
                    name: code.name.clone(),
                    color: code.color.clone(),
                    description: code.description.clone(),
                    parent_id: parent.map(ThemeRef::Id),
                    ..Default::default()
                })?;
                report.created.push(code.name.clone());
                t.id
            }
            Err(e) => return Err(e.into()),
        };
        stack.extend(code.children.iter().rev().map(|c| (Some(id), c)));
    }
    Ok(report)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SafeFileNameArgs {
    pub title: String,
    /// Extension without the dot, or a format name (`md`, `w3c`…).
    #[serde(default)]
    pub ext: String,
}

fn safe_file_name(_: &Pizhu, a: SafeFileNameArgs) -> Result<Value, ApiError> {
    let ext = Format::parse(&a.ext)
        .map(Format::extension)
        .unwrap_or(a.ext.as_str());
    Ok(json!({ "fileName": pizhu_export::filename::safe_file_name(&a.title, ext) }))
}
