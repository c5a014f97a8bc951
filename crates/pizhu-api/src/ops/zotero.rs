//! A Zotero library in (`importZotero`): its items as articles with their
//! references (tags as keywords, a `zotero://select/library/items/KEY` link
//! back, `zotero://select/groups/ID/items/KEY` for a group library's items),
//! the text of a stored or linked attachment, Zotero's collections as article
//! collections (keeping the tree) or as themes, and Zotero 7 annotations as
//! highlights with notes wherever their text is found. Annotations whose text is
//! not found, or that have none (images, ink), are reported, not dropped
//! silently. The items are one transaction and one undo step; each placed
//! highlight is its own step, as when made by hand.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pizhu_core::annotate::NewHighlight;
use pizhu_core::articles::Inserted;
use pizhu_core::collections::edit::CollectionNode;
use pizhu_core::NewArticle;
use pizhu_import::zotero::{read_library_with, ZoteroAnnotation, ZoteroItem, ZoteroLibrary};
use serde::{Deserialize, Serialize};

use super::reference_files::attach_document;
use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[op!("importZotero", import_zotero, files: [Read("dir"), Read("baseDir")])];

/// What Zotero's collections become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum CollectionsAs {
    /// Each collection a theme, carried by the highlights of its items.
    Themes,
    /// Article collections, keeping Zotero's tree (a group library's under a
    /// collection named for the group).
    Collections,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportZoteroArgs {
    /// The Zotero data directory (holding `zotero.sqlite` and `storage/`).
    pub dir: PathBuf,
    /// Only the items of this collection (and its sub-collections).
    pub collection: Option<String>,
    pub collections_as: Option<CollectionsAs>,
    /// Zotero's base directory for linked files (`attachments:…` paths).
    pub base_dir: Option<PathBuf>,
}

#[derive(Debug, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ZoteroReport {
    pub imported: Vec<ZoteroImported>,
    pub duplicates: Vec<ZoteroDuplicate>,
    pub failed: Vec<ZoteroFailed>,
    /// Annotations placed as highlights.
    pub highlights: usize,
    /// Annotations not placed, with the reason.
    pub unplaced: Vec<UnplacedAnnotation>,
    /// Notes: attachments not read, items that came in as metadata only.
    pub warnings: Vec<String>,
    /// Linked files that are not where Zotero says (or need the base directory).
    pub missing_files: Vec<MissingFile>,
    /// Article collections made from Zotero's (with `collectionsAs: collections`).
    pub collections_created: usize,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MissingFile {
    /// The item's key.
    pub key: String,
    /// The path as Zotero keeps it.
    pub path: String,
    /// English; `kind` names it for a front end's own wording.
    pub reason: String,
    pub kind: String,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ZoteroImported {
    pub id: i64,
    pub title: String,
    pub key: String,
    /// The group library it came from; `null`: the user's own library.
    pub library: Option<String>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ZoteroDuplicate {
    pub id: i64,
    pub key: String,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ZoteroFailed {
    pub key: String,
    /// English; `kind` names it for a front end's own wording.
    pub error: String,
    pub kind: String,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UnplacedAnnotation {
    /// The annotation's Zotero key and its item's.
    pub key: String,
    pub item: String,
    pub text: Option<String>,
    pub comment: Option<String>,
    /// English; `kind` (with `params`) names it for a front end's own wording.
    pub reason: String,
    pub kind: String,
    pub params: BTreeMap<String, String>,
}

/// Every `kind` a Zotero report can carry (the UI words each one).
pub const REPORT_KINDS: &[&str] = &[
    "item_without_title",
    "linked_file_needs_base_dir",
    "linked_file_unfollowable",
    "linked_file_missing",
    "annotation_without_text",
    "annotation_text_not_found",
];

fn import_zotero(app: &Pizhu, a: ImportZoteroArgs) -> Result<ZoteroReport, ApiError> {
    let fail = |e: pizhu_import::zotero::ZoteroError| {
        ApiError::new(ErrorCode::ImportFailed, e.to_string())
    };
    let mut lib = read_library_with(&a.dir, a.base_dir.as_deref()).map_err(fail)?;
    if let Some(name) = &a.collection {
        lib = lib.only_collection(name).map_err(fail)?;
    }
    let mut report = ZoteroReport::default();
    let mut ready: Vec<(&ZoteroItem, NewArticle)> = Vec::new();
    for item in &lib.items {
        if item.title.trim().is_empty() {
            report.failed.push(ZoteroFailed {
                key: item.key.clone(),
                error: "the item has no title".into(),
                kind: "item_without_title".into(),
            });
            continue;
        }
        let mut article = NewArticle {
            title: item.title.clone(),
            reference: Some(item.reference.clone()),
            ..NewArticle::default()
        };
        let mut read_one = false;
        for att in &item.attachments {
            if let Some(raw) = &att.linked {
                let reason = match &att.path {
                    None if raw.starts_with("attachments:") => Some((
                        "stored relative to Zotero's base directory: give that directory (--base-dir)",
                        "linked_file_needs_base_dir",
                    )),
                    None => Some(("not a path Pizhu can follow", "linked_file_unfollowable")),
                    Some(p) if !p.is_file() => {
                        Some(("the file is not there", "linked_file_missing"))
                    }
                    Some(_) => None,
                };
                if let Some((reason, kind)) = reason {
                    report.missing_files.push(MissingFile {
                        key: item.key.clone(),
                        path: raw.clone(),
                        reason: reason.to_string(),
                        kind: kind.to_string(),
                    });
                    continue;
                }
            }
            let Some(path) = &att.path else { continue };
            match attach_document(&mut article, path) {
                Ok(()) => {
                    read_one = true;
                    break;
                }
                Err(e) => report.warnings.push(format!(
                    "{}: attachment {} not read: {e}",
                    item.key,
                    path.display()
                )),
            }
        }
        if !read_one {
            report.warnings.push(format!(
                "{}: no stored document, imported as metadata only",
                item.key
            ));
        }
        ready.push((item, article));
    }
    let articles: Vec<NewArticle> = ready.iter().map(|(_, a)| a.clone()).collect();
    let results = app.store().import_references(&articles)?;
    let mut placed: Vec<(&ZoteroItem, i64)> = Vec::new();
    for ((item, article), result) in ready.iter().zip(results) {
        match result {
            Inserted::New(id) => {
                placed.push((item, id));
                report.imported.push(ZoteroImported {
                    id,
                    title: article.title.clone(),
                    key: item.key.clone(),
                    library: lib.library(item.library_id).and_then(|l| l.name.clone()),
                });
                let themes = match a.collections_as {
                    Some(CollectionsAs::Themes) => collection_names(&lib, item),
                    _ => Vec::new(),
                };
                place_annotations(app, id, &article.text, item, &themes, &mut report)?;
            }
            Inserted::Duplicate(id) => {
                placed.push((item, id));
                report.duplicates.push(ZoteroDuplicate {
                    id,
                    key: item.key.clone(),
                })
            }
        }
    }
    if a.collections_as == Some(CollectionsAs::Collections) {
        let (nodes, members) = collection_tree(&lib, &placed);
        report.collections_created = app.store().import_collections(&nodes, &members)?.created;
    }
    Ok(report)
}

/// Zotero's collections as a tree of article collections, parents first, and
/// which article goes in which (by node index). A group library's collections
/// go under a collection named for the group, so the two trees stay apart.
fn collection_tree(
    lib: &ZoteroLibrary,
    placed: &[(&ZoteroItem, i64)],
) -> (Vec<CollectionNode>, Vec<(usize, i64)>) {
    let mut nodes: Vec<CollectionNode> = Vec::new();
    // Zotero collection id → node index.
    let mut index: std::collections::HashMap<i64, usize> = Default::default();
    let mut group_node: std::collections::HashMap<i64, usize> = Default::default();
    // Parents before children, whatever the ids: add what can be added until nothing changes.
    let mut pending: Vec<_> = lib.collections.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|c| {
            let parent = match c
                .parent
                .filter(|p| lib.collections.iter().any(|x| x.id == *p))
            {
                Some(p) => match index.get(&p) {
                    Some(&i) => Some(i),
                    None => return true,
                },
                None => lib
                    .library(c.library_id)
                    .and_then(|l| l.name.clone())
                    .map(|group| {
                        *group_node.entry(c.library_id).or_insert_with(|| {
                            nodes.push(CollectionNode {
                                name: group,
                                parent: None,
                            });
                            nodes.len() - 1
                        })
                    }),
            };
            nodes.push(CollectionNode {
                name: c.name.clone(),
                parent,
            });
            index.insert(c.id, nodes.len() - 1);
            false
        });
        if pending.len() == before {
            // A cycle in Zotero's data: the rest go to the top level.
            for c in pending.drain(..) {
                nodes.push(CollectionNode {
                    name: c.name.clone(),
                    parent: None,
                });
                index.insert(c.id, nodes.len() - 1);
            }
        }
    }
    let members = placed
        .iter()
        .flat_map(|(item, id)| {
            item.collections
                .iter()
                .filter_map(|c| index.get(c).map(|&n| (n, *id)))
        })
        .collect();
    (nodes, members)
}

fn collection_names(lib: &ZoteroLibrary, item: &ZoteroItem) -> Vec<String> {
    lib.collections
        .iter()
        .filter(|c| item.collections.contains(&c.id))
        .map(|c| c.name.clone())
        .collect()
}

/// Code-point range of `needle` in `text`: exactly, else ignoring whitespace
/// (a PDF's annotation text breaks lines where the extracted text does not).
fn find(text: &str, needle: &str) -> Option<(usize, usize)> {
    if let Some(byte) = text.find(needle) {
        let start = text[..byte].chars().count();
        return Some((start, start + needle.chars().count()));
    }
    let kept: Vec<(usize, char)> = text
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    let want: Vec<char> = needle.chars().filter(|c| !c.is_whitespace()).collect();
    if want.is_empty() || want.len() > kept.len() {
        return None;
    }
    (0..=kept.len() - want.len())
        .find(|&i| {
            kept[i..i + want.len()]
                .iter()
                .map(|(_, c)| *c)
                .eq(want.iter().copied())
        })
        .map(|i| (kept[i].0, kept[i + want.len() - 1].0 + 1))
}

fn note_of(a: &ZoteroAnnotation) -> String {
    let mut note = a.comment.clone().unwrap_or_default();
    if let Some(page) = a.page_label.as_deref().filter(|p| !p.is_empty()) {
        if !note.is_empty() {
            note.push_str("\n\n");
        }
        note.push_str(&format!("(Zotero, p. {page})"));
    }
    note
}

fn place_annotations(
    app: &Pizhu,
    article_id: i64,
    text: &str,
    item: &ZoteroItem,
    themes: &[String],
    report: &mut ZoteroReport,
) -> Result<(), ApiError> {
    for att in &item.attachments {
        for ann in &att.annotations {
            let unplaced =
                |reason: &str, kind: &str, params: BTreeMap<String, String>| UnplacedAnnotation {
                    key: ann.key.clone(),
                    item: item.key.clone(),
                    text: ann.text.clone(),
                    comment: ann.comment.clone(),
                    reason: reason.to_string(),
                    kind: kind.to_string(),
                    params,
                };
            let Some(quote) = ann.text.as_deref().filter(|t| !t.trim().is_empty()) else {
                report.unplaced.push(unplaced(
                    &format!("a {} annotation has no text to find", ann.kind),
                    "annotation_without_text",
                    BTreeMap::from([("type".to_string(), ann.kind.to_string())]),
                ));
                continue;
            };
            let Some((start, end)) = find(text, quote.trim()) else {
                report.unplaced.push(unplaced(
                    "its text is not in the imported article",
                    "annotation_text_not_found",
                    BTreeMap::new(),
                ));
                continue;
            };
            app.store().add_highlight(&NewHighlight {
                article_id,
                start,
                end,
                color: ann.color.clone(),
                themes: themes.to_vec(),
                note: note_of(ann),
                ..NewHighlight::default()
            })?;
            report.highlights += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn annotation_text_is_found_exactly_or_across_line_breaks() {
        assert_eq!(
            find("金圣叹批《水浒》，句句有眼。", "句句有眼"),
            Some((9, 13))
        );
        assert_eq!(find("句句\n有眼", "句句有眼"), Some((0, 5)));
        assert_eq!(find("abc", "xyz"), None);
    }
}
