//! Operations: export (Markdown, HTML, DOCX, CSV, W3C Web Annotation, REFI-QDA)
//! and the way back in (W3C annotations, REFI-QDA code books).
//!
//! The core reads the library into a snapshot ([`pizhu_core::Store::export_snapshot`]);
//! `pizhu-export` selects, arranges and writes it. A file is written crash-safely
//! ([`pizhu_core::store::write_atomically`]); an existing file is kept unless
//! `force` is set (code `conflict`).

use std::path::PathBuf;

use base64::Engine;
use pizhu_core::annotate::{
    CodebookReport, HighlightFilter, HighlightPatch, NewHighlight, NewTheme, ThemeTree,
};
use pizhu_export::model::{ExportModel, ExportOptions, GroupBy, Scope};
use pizhu_export::{ExportCounts, Format};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("exportNotes", export_notes, files: [Write("path"), Write("force")]),
    op!("importAnnotations", import_annotations, files: [Read("path")]),
    op!("importCodebook", import_codebook, files: [Read("path")]),
    op!("safeFileName", safe_file_name),
];

/// `exportNotes`'s arguments (the UI's `ExportRequest`).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportArgs {
    /// A name from the one format list (the UI's `EXPORT_FORMATS`).
    #[cfg_attr(test, ts(as = "String"))]
    pub format: Format,
    pub article_id: Option<i64>,
    pub theme_id: Option<i64>,
    /// A theme by name (instead of `themeId`).
    pub theme: Option<String>,
    /// With a theme: also its sub-themes (default true).
    pub include_subthemes: Option<bool>,
    pub highlight_ids: Option<Vec<i64>>,
    /// The articles of a collection (a name, or a path `parent/child`), with
    /// those of its sub-collections.
    pub collection: Option<String>,
    /// `theme` (default) | `article`.
    pub group_by: Option<GroupBy>,
    pub include_notes: Option<bool>,
    pub include_memos: Option<bool>,
    pub include_uncoded: Option<bool>,
    /// `gbt7714-numeric` | `gbt7714-author-date` | `gbt7714-note` | `apa` |
    /// `custom:<id>` (an added style); default: the style chosen in settings.
    pub citation_style: Option<String>,
    /// DOCX: a "open in Pizhu" link after every passage (default false).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub docx_deep_links: bool,
    /// Write here (a file, or a folder to hold the suggested file name).
    #[cfg_attr(test, ts(as = "Option<String>"))]
    pub path: Option<PathBuf>,
    /// Replace an existing file.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub force: bool,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
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
    /// `highlights`, `articles`, `themes`: what the export holds.
    #[serde(flatten)]
    pub counts: ExportCounts,
}

fn export_notes(app: &Pizhu, a: ExportArgs) -> Result<ExportResult, ApiError> {
    let (model, options) = selection(app, &a)?;
    let file = pizhu_export::export(&model, &options, a.format)?;
    let (path, data_base64) = match &a.path {
        Some(path) => {
            let target = if path.is_dir() {
                path.join(&file.file_name)
            } else {
                path.clone()
            };
            pizhu_core::store::write_atomically(&target, &file.bytes, a.force)?;
            (Some(target), None)
        }
        None => (
            None,
            Some(base64::engine::general_purpose::STANDARD.encode(&file.bytes)),
        ),
    };
    Ok(ExportResult {
        path,
        bytes: file.bytes.len(),
        file_name: file.file_name,
        mime_type: file.mime_type,
        data_base64,
        counts: file.counts,
    })
}

/// The snapshot an export reads and the options that select from it.
fn selection(app: &Pizhu, a: &ExportArgs) -> Result<(ExportModel, ExportOptions), ApiError> {
    // A theme within one article: the snapshot holds only that article.
    let narrow = a.article_id.filter(|_| a.highlight_ids.is_none());
    let model = app.store().export_snapshot(narrow)?;
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
    let collection = match &a.collection {
        Some(name) => {
            let r = pizhu_core::collections::CollectionRef::Name(name.clone());
            let c = app.store().collection(&r)?;
            Some((app.store().collection_articles(&r, true)?, c.name))
        }
        None => None,
    };
    let scope = match (&a.highlight_ids, theme_id, a.article_id) {
        (Some(ids), _, _) => Scope::Highlights { ids: ids.clone() },
        (None, None, None) if collection.is_some() => {
            let (ids, name) = collection.expect("checked");
            Scope::Articles { ids, name }
        }
        (None, Some(id), _) => Scope::Theme {
            id,
            include_subthemes: a.include_subthemes.unwrap_or(true),
        },
        (None, None, Some(id)) => Scope::Article { id },
        (None, None, None) => Scope::Library,
    };
    let (citation_style, custom_style) =
        crate::ops::references::export_style(app, a.citation_style.as_deref())?;
    let options = ExportOptions {
        scope,
        group_by: a.group_by.unwrap_or_default(),
        include_notes: a.include_notes.unwrap_or(true),
        include_memos: a.include_memos.unwrap_or(true),
        include_uncoded: a.include_uncoded.unwrap_or(true),
        citation_style,
        custom_style,
        docx_deep_links: a.docx_deep_links,
    };
    Ok((model, options))
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
    let parsed = pizhu_export::w3c::parse(&bytes)?;
    let store = app.store();
    let articles: Vec<(i64, String, String)> = store
        .export_snapshot(None)?
        .articles
        .into_iter()
        .map(|a| (a.id, a.content_hash, a.text))
        .collect();
    let themes_before = theme_names(app)?;
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
                    times: kept_times(ann.created.as_deref(), ann.modified.as_deref()),
                    ..Default::default()
                })?;
                claimed.insert(h.id);
                report.imported += 1;
            }
        }
    }
    let themes_after = theme_names(app)?;
    report.themes_created = themes_after
        .into_iter()
        .filter(|n| !themes_before.contains(n))
        .collect();
    report.complete = report.unmatched.is_empty();
    Ok(report)
}

/// Themes a Pizhu W3C export lists (with colours and parents) that this library
/// lacks join the code book in one step, all or none; existing themes are left as
/// they are. A colour this build does not accept falls back to the default.
fn restore_codebook(
    app: &Pizhu,
    book: &[pizhu_export::w3c::CodebookEntry],
) -> Result<(), ApiError> {
    let nodes = codebook_forest(book);
    if nodes.is_empty() {
        return Ok(());
    }
    app.store().import_codebook(ThemeTree {
        roots: &nodes,
        children: |n: &CodebookNode| n.children.as_slice(),
        theme: |n: &CodebookNode| NewTheme {
            name: n.name.clone(),
            color: n
                .color
                .clone()
                .filter(|c| pizhu_core::annotate::is_valid_color(c)),
            description: n.description.clone(),
            ..Default::default()
        },
    })?;
    Ok(())
}

/// A code-book entry with its children, built from the flat list a W3C export carries.
struct CodebookNode {
    name: String,
    color: Option<String>,
    description: String,
    children: Vec<CodebookNode>,
}

/// The flat entries as trees: an entry whose parent is listed goes under it; one
/// whose parent is not listed goes under a node naming that parent (which the
/// import finds in the library, or creates); the rest, and any entries caught in a
/// parent cycle, are roots. Each name appears once.
fn codebook_forest(book: &[pizhu_export::w3c::CodebookEntry]) -> Vec<CodebookNode> {
    use std::collections::{HashMap, HashSet};
    let listed: HashSet<&str> = book.iter().map(|e| e.name.as_str()).collect();
    let mut children: HashMap<&str, Vec<&pizhu_export::w3c::CodebookEntry>> = HashMap::new();
    let mut roots: Vec<&str> = vec![];
    let mut outside_parents: Vec<&str> = vec![];
    for e in book {
        match e.parent.as_deref() {
            Some(p) if p != e.name => {
                children.entry(p).or_default().push(e);
                if !listed.contains(p) && !outside_parents.contains(&p) {
                    outside_parents.push(p);
                }
            }
            _ => roots.push(&e.name),
        }
    }
    let by_name: HashMap<&str, &pizhu_export::w3c::CodebookEntry> =
        book.iter().map(|e| (e.name.as_str(), e)).collect();
    // Iterative, so a deep code book cannot overflow the stack: build bottom-up from
    // a pre-order list of (name, depth).
    let build = |root: &str, placed: &mut HashSet<String>| -> Option<CodebookNode> {
        if !placed.insert(root.to_string()) {
            return None;
        }
        let entry = by_name.get(root);
        let mut order: Vec<(usize, CodebookNode)> = vec![];
        let mut stack: Vec<(&str, usize, Option<&pizhu_export::w3c::CodebookEntry>)> =
            vec![(root, 0, entry.copied())];
        while let Some((name, depth, entry)) = stack.pop() {
            order.push((
                depth,
                CodebookNode {
                    name: name.to_string(),
                    color: entry.and_then(|e| e.color.clone()),
                    description: entry.map(|e| e.description.clone()).unwrap_or_default(),
                    children: vec![],
                },
            ));
            for child in children.get(name).into_iter().flatten().rev() {
                if placed.insert(child.name.clone()) {
                    stack.push((&child.name, depth + 1, Some(child)));
                }
            }
        }
        // Fold the pre-order list back into a tree.
        let mut open: Vec<(usize, CodebookNode)> = vec![];
        for (depth, node) in order {
            while open.last().is_some_and(|(d, _)| *d >= depth) {
                let (_, done) = open.pop().expect("non-empty");
                open.last_mut().expect("a parent").1.children.push(done);
            }
            open.push((depth, node));
        }
        while open.len() > 1 {
            let (_, done) = open.pop().expect("non-empty");
            open.last_mut().expect("a parent").1.children.push(done);
        }
        open.pop().map(|(_, n)| n)
    };
    let mut placed_names: HashSet<String> = HashSet::new();
    let mut forest = vec![];
    for name in roots.iter().chain(outside_parents.iter()) {
        forest.extend(build(name, &mut placed_names));
    }
    // Entries only reachable through a parent cycle become roots.
    for e in book {
        forest.extend(build(&e.name, &mut placed_names));
    }
    forest
}

fn theme_names(app: &Pizhu) -> Result<Vec<String>, ApiError> {
    Ok(app
        .store()
        .list_themes()?
        .into_iter()
        .map(|t| t.name)
        .collect())
}

/// An imported highlight keeps the times it was made and last changed, when the
/// file gives valid ones (undo still removes it: it is one new highlight).
fn kept_times(created: Option<&str>, modified: Option<&str>) -> Option<(String, String)> {
    let valid = |s: Option<&str>| {
        s.filter(|s| pizhu_export::model::is_rfc3339(s))
            .map(str::to_string)
    };
    let created = valid(created)?;
    let modified = valid(modified).unwrap_or_else(|| created.clone());
    Some((created, modified))
}

/// The codes of a REFI-QDA project or code book join the code book, all or none.
fn import_codebook(app: &Pizhu, a: DataArgs) -> Result<CodebookReport, ApiError> {
    let bytes = read_input(&a)?;
    let codes = pizhu_export::qdpx::read_codebook(&bytes)?;
    let tree = ThemeTree {
        roots: &codes,
        children: |c: &pizhu_export::qdpx::Code| c.children.as_slice(),
        theme: |c: &pizhu_export::qdpx::Code| NewTheme {
            name: c.name.clone(),
            color: c.color.clone(),
            description: c.description.clone(),
            ..Default::default()
        },
    };
    Ok(app.store().import_codebook(tree)?)
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
