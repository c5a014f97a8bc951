//! Operations: highlights, themes (the code book), article text edits with
//! re-anchoring, orphans, and undo / redo.
//!
//! Offsets are code points into the article's text; `addHighlight` and
//! `placeOrphan` accept `fromUtf16: true` for the DOM's UTF-16 offsets (converted in
//! `pizhu_core::text`, nowhere else). Themes are named by id (a number) or by name
//! (a string) wherever an argument says `ThemeRef`. Every write returns only after
//! its transaction — with its undo entry — has committed.

use pizhu_core::annotate::{
    Action, ArticlePassages, DeleteMode, DeleteThemeOutcome, EditOutcome, Highlight,
    HighlightFilter, HighlightPatch, HistoryEntry, NewHighlight, NewTheme, Theme, ThemePatch,
    ThemeRef,
};
use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("listHighlights", list_highlights),
    op!("getHighlight", get_highlight),
    op!("addHighlight", add_highlight),
    op!("updateHighlight", update_highlight),
    op!("deleteHighlight", delete_highlight),
    op!("tagHighlight", tag_highlight),
    op!("untagHighlight", untag_highlight),
    op!("listThemes", list_themes),
    op!("addTheme", add_theme),
    op!("updateTheme", update_theme),
    op!("renameTheme", rename_theme),
    op!("mergeThemes", merge_themes),
    op!("moveTheme", move_theme),
    op!("deleteTheme", delete_theme),
    op!("themePassages", theme_passages),
    op!("editArticleText", edit_article_text),
    op!("listOrphans", list_orphans),
    op!("placeOrphan", place_orphan),
    op!("undo", undo),
    op!("redo", redo),
    op!("undoHistory", undo_history),
];

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListHighlightsArgs {
    pub article_id: Option<i64>,
    pub theme_id: Option<i64>,
    /// A theme name (or id).
    pub theme: Option<ThemeRef>,
    /// Also highlights coded with the theme's sub-themes (default true, the
    /// rule everywhere).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

fn list_highlights(app: &Pizhu, a: ListHighlightsArgs) -> Result<Vec<Highlight>, ApiError> {
    let store = app.store();
    let theme = match (a.theme_id, a.theme) {
        (Some(id), None) => Some(ThemeRef::Id(id)),
        (None, t) => t,
        (Some(_), Some(_)) => return Err(ApiError::invalid("give themeId or theme, not both")),
    };
    let mut filter = HighlightFilter {
        article_id: a.article_id,
        ..Default::default()
    };
    if let Some(t) = theme {
        if a.include_children {
            let passages = store.theme_passages(&t, true)?;
            return Ok(passages
                .into_iter()
                .flat_map(|g| g.passages.into_iter().map(|p| p.highlight))
                .filter(|h| a.article_id.is_none_or(|id| h.article_id == id))
                .collect());
        }
        filter.theme_ids = vec![store.theme(&t)?.id];
    }
    Ok(store.list_highlights(&filter)?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IdArg {
    pub id: i64,
}

fn get_highlight(app: &Pizhu, a: IdArg) -> Result<Highlight, ApiError> {
    Ok(app.store().highlight(a.id)?)
}

fn add_highlight(app: &Pizhu, a: NewHighlight) -> Result<Highlight, ApiError> {
    Ok(app.store().add_highlight(&a)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateHighlightArgs {
    pub id: i64,
    pub color: Option<String>,
    pub note: Option<String>,
    pub themes: Option<Vec<String>>,
    pub theme_ids: Option<Vec<i64>>,
}

fn update_highlight(app: &Pizhu, a: UpdateHighlightArgs) -> Result<Highlight, ApiError> {
    let patch = HighlightPatch {
        color: a.color,
        note: a.note,
        themes: a.themes,
        theme_ids: a.theme_ids,
    };
    Ok(app.store().update_highlight(a.id, &patch)?)
}

fn delete_highlight(app: &Pizhu, a: IdArg) -> Result<(), ApiError> {
    Ok(app.store().delete_highlight(a.id)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TagArgs {
    pub id: i64,
    /// A theme name (created when new) or id.
    pub theme: ThemeRef,
}

fn tag_highlight(app: &Pizhu, a: TagArgs) -> Result<Highlight, ApiError> {
    Ok(app.store().tag_highlight(a.id, &a.theme)?)
}

fn untag_highlight(app: &Pizhu, a: TagArgs) -> Result<Highlight, ApiError> {
    Ok(app.store().untag_highlight(a.id, &a.theme)?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

fn list_themes(app: &Pizhu, _: NoArgs) -> Result<Vec<Theme>, ApiError> {
    Ok(app.store().list_themes()?)
}

fn add_theme(app: &Pizhu, a: NewTheme) -> Result<Theme, ApiError> {
    Ok(app.store().add_theme(&a)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UpdateThemeArgs {
    pub id: ThemeRef,
    #[serde(flatten)]
    pub patch: ThemePatch,
}

fn update_theme(app: &Pizhu, a: UpdateThemeArgs) -> Result<Theme, ApiError> {
    Ok(app.store().update_theme(&a.id, &a.patch)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenameThemeArgs {
    pub id: ThemeRef,
    pub name: String,
}

fn rename_theme(app: &Pizhu, a: RenameThemeArgs) -> Result<Theme, ApiError> {
    Ok(app.store().rename_theme(&a.id, &a.name)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MergeThemesArgs {
    pub from: ThemeRef,
    pub into: ThemeRef,
}

fn merge_themes(app: &Pizhu, a: MergeThemesArgs) -> Result<Theme, ApiError> {
    Ok(app.store().merge_themes(&a.from, &a.into)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveThemeArgs {
    pub id: ThemeRef,
    /// The new parent; `null` or absent moves the theme to the top level.
    pub parent_id: Option<ThemeRef>,
    /// Index among the new siblings (0 = first); default last.
    pub position: Option<usize>,
}

fn move_theme(app: &Pizhu, a: MoveThemeArgs) -> Result<Theme, ApiError> {
    Ok(app
        .store()
        .move_theme(&a.id, a.parent_id.as_ref(), a.position)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteThemeArgs {
    pub id: ThemeRef,
    /// `untag` keeps the highlights; `deleteHighlights` deletes them. Required:
    /// the user chooses.
    pub mode: DeleteMode,
}

fn delete_theme(app: &Pizhu, a: DeleteThemeArgs) -> Result<DeleteThemeOutcome, ApiError> {
    Ok(app.store().delete_theme(&a.id, a.mode)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemePassagesArgs {
    pub theme_id: ThemeRef,
    /// Also passages coded with the theme's sub-themes (default true, the rule
    /// everywhere).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

fn theme_passages(app: &Pizhu, a: ThemePassagesArgs) -> Result<Vec<ArticlePassages>, ApiError> {
    Ok(app
        .store()
        .theme_passages(&a.theme_id, a.include_children)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EditTextArgs {
    pub id: i64,
    pub text: String,
}

fn edit_article_text(app: &Pizhu, a: EditTextArgs) -> Result<EditOutcome, ApiError> {
    Ok(app.store().edit_article_text(a.id, &a.text)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListOrphansArgs {
    pub article_id: Option<i64>,
}

fn list_orphans(app: &Pizhu, a: ListOrphansArgs) -> Result<Vec<Highlight>, ApiError> {
    Ok(app.store().list_orphans(a.article_id)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceArgs {
    pub id: i64,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub from_utf16: bool,
}

fn place_orphan(app: &Pizhu, a: PlaceArgs) -> Result<Highlight, ApiError> {
    Ok(app
        .store()
        .place_highlight(a.id, a.start, a.end, a.from_utf16)?)
}

/// What undo or redo did: `action` is a kind code with parameters
/// (`{"kind": "deleteArticle", "title": …}`) the UI puts in words; `label` says the
/// same in English for the CLI.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StepResult {
    pub action: Action,
    pub label: String,
}

impl From<Action> for StepResult {
    fn from(action: Action) -> Self {
        StepResult {
            label: action.to_string(),
            action,
        }
    }
}

fn undo(app: &Pizhu, _: NoArgs) -> Result<StepResult, ApiError> {
    match app.store().undo()? {
        Some(action) => Ok(action.into()),
        None => Err(ApiError::new(ErrorCode::NothingToUndo, "nothing to undo")),
    }
}

fn redo(app: &Pizhu, _: NoArgs) -> Result<StepResult, ApiError> {
    match app.store().redo()? {
        Some(action) => Ok(action.into()),
        None => Err(ApiError::new(ErrorCode::NothingToUndo, "nothing to redo")),
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryArgs {
    pub limit: Option<usize>,
}

fn undo_history(app: &Pizhu, a: HistoryArgs) -> Result<Vec<HistoryEntry>, ApiError> {
    Ok(app.store().undo_history(a.limit.unwrap_or(50).min(1000))?)
}
