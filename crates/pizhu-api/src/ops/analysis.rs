//! Operations: seeing themes across the library (matrix, co-occurrence, key
//! terms, concordance, suggested passages, SVG pictures). Loading and computing
//! live in `pizhu_analysis::library`; this file decodes arguments and picks the
//! shared segmenter.

use pizhu_analysis::keyterms::{key_terms, KeyTerm, TermMethod};
use pizhu_analysis::kwic::KwicSort;
use pizhu_analysis::library::{
    self as lib, CooccurrenceReport, KwicLine, MatrixReport, MeetingLine, PassageLine,
    SuggestionLine, TermScope,
};
use pizhu_analysis::suggest::ThemeWords;
use pizhu_analysis::svg;
use pizhu_core::annotate::{DismissedSuggestion, ThemeRef};
use pizhu_core::locks::lock;
use pizhu_search::segment::Segmenter;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::ops::library::NoArgs;
use crate::ops::Op;
use crate::{op, ApiError, Pizhu};

pub const OPS: &[Op] = &[
    op!("themeMatrix", theme_matrix),
    op!("matrixCell", matrix_cell),
    op!("themeCooccurrence", theme_cooccurrence),
    op!("cooccurrencePassages", cooccurrence_passages),
    op!("keyTerms", key_terms_op),
    op!("kwic", kwic),
    op!("suggestPassages", suggest_passages),
    op!("suggestProgress", suggest_progress),
    op!("acceptSuggestion", accept_suggestion),
    op!("dismissSuggestion", dismiss_suggestion),
    op!("dismissedSuggestions", dismissed_suggestions),
    op!("restoreSuggestion", restore_suggestion),
    op!("themeMatrixSvg", theme_matrix_svg),
    op!("cooccurrenceSvg", cooccurrence_svg),
];

/// The process's one jieba, with the library's theme names and keywords in its
/// dictionary so they come out whole.
fn with_library_jieba<T>(
    library_words: Vec<String>,
    f: impl FnOnce(&pizhu_analysis::Jieba) -> T,
) -> T {
    let seg = Segmenter::global();
    seg.add_words(library_words);
    seg.with_jieba(f)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MatrixArgs {
    /// Leave out articles no theme has a passage in.
    #[serde(default)]
    pub only_coded: bool,
    /// A theme's row also counts its sub-themes' passages (default true, the
    /// rule everywhere).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

fn theme_matrix(app: &Pizhu, a: MatrixArgs) -> Result<MatrixReport, ApiError> {
    Ok(lib::matrix_report(
        app.store(),
        a.only_coded,
        a.include_children,
    )?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CellArgs {
    pub theme_id: i64,
    pub article_id: i64,
    /// Also passages coded only with a sub-theme (default true, as the matrix).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

fn matrix_cell(app: &Pizhu, a: CellArgs) -> Result<Vec<PassageLine>, ApiError> {
    Ok(lib::matrix_cell(
        app.store(),
        a.theme_id,
        a.article_id,
        a.include_children,
    )?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CooccurrenceArgs {
    /// A passage coded with a sub-theme also meets as its parent (default true,
    /// the rule everywhere).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

fn theme_cooccurrence(app: &Pizhu, a: CooccurrenceArgs) -> Result<CooccurrenceReport, ApiError> {
    Ok(lib::cooccurrence_report(app.store(), a.include_children)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PairArgs {
    pub a: i64,
    pub b: i64,
    /// As the co-occurrence report that was clicked (default true).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

fn cooccurrence_passages(app: &Pizhu, a: PairArgs) -> Result<Vec<MeetingLine>, ApiError> {
    Ok(lib::cooccurrence_passages(
        app.store(),
        a.a,
        a.b,
        a.include_children,
    )?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyTermsArgs {
    pub article_id: Option<i64>,
    pub theme_id: Option<i64>,
    /// A theme by name (the CLI's `--theme NAME`).
    pub theme: Option<String>,
    /// How many terms (default 20).
    pub limit: Option<usize>,
    #[serde(default)]
    pub method: TermMethod,
    /// With a theme: also its sub-themes' passages (default true, the rule everywhere).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

fn key_terms_op(app: &Pizhu, a: KeyTermsArgs) -> Result<Vec<KeyTerm>, ApiError> {
    let limit = a.limit.unwrap_or(20).min(500);
    let scope = match (a.article_id, a.theme_id.is_some() || a.theme.is_some()) {
        (Some(_), true) => return Err(ApiError::invalid("give articleId or a theme, not both")),
        (Some(id), false) => TermScope::Article(id),
        (None, true) => TermScope::Theme {
            id: a.theme_id,
            name: a.theme.as_deref(),
            include_children: a.include_children,
        },
        (None, false) => TermScope::Library,
    };
    let store = app.store();
    let (text, words) = (lib::scope_text(store, &scope)?, store.library_words()?);
    // The text as written (not normalised), so terms keep their case: "Sora", not "sora".
    Ok(with_library_jieba(words, |jieba| {
        key_terms(jieba, &text, limit, a.method)
    }))
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KwicArgs {
    pub term: String,
    /// Code points of context on each side (default 20, 1–200).
    pub width: Option<usize>,
    #[serde(default)]
    pub sort: KwicSort,
    /// Only this article.
    pub article_id: Option<i64>,
    /// At most this many lines, after sorting (default 5000).
    pub limit: Option<usize>,
}

fn kwic(app: &Pizhu, a: KwicArgs) -> Result<Vec<KwicLine>, ApiError> {
    let width = a.width.unwrap_or(20).clamp(1, 200);
    let limit = a.limit.unwrap_or(5000);
    Ok(lib::kwic_library(
        app.store(),
        &a.term,
        width,
        a.sort,
        a.article_id,
        limit,
    )?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestArgs {
    pub theme_id: Option<i64>,
    /// A theme by name.
    pub theme: Option<String>,
    /// How many sentences (default 10).
    pub limit: Option<usize>,
}

fn suggest_passages(app: &Pizhu, a: SuggestArgs) -> Result<Vec<SuggestionLine>, ApiError> {
    let limit = a.limit.unwrap_or(10).min(1000);
    let store = app.store();
    let theme = lib::resolve_theme(store, a.theme_id, a.theme.as_deref())?;
    let library_words = store.library_words()?;
    let found = lib::suggest_for_theme(
        store,
        &theme,
        limit,
        |name, keywords, coded| {
            with_library_jieba(library_words, |jieba| {
                ThemeWords::new(jieba, name, keywords, coded)
            })
        },
        &|done, of| *lock(&app.suggesting) = Some(Progress { done, of }),
    );
    *lock(&app.suggesting) = None;
    Ok(found?)
}

/// How far a running suggestion has got: articles ranked, of how many.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Progress {
    pub done: u64,
    pub of: u64,
}

/// Where a `suggestPassages` running meanwhile stands (`null`: none is), for a
/// progress figure on a large library, where suggesting takes seconds.
fn suggest_progress(app: &Pizhu, _: NoArgs) -> Result<Option<Progress>, ApiError> {
    Ok(*lock(&app.suggesting))
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestionArgs {
    pub theme_id: i64,
    pub article_id: i64,
    pub start: usize,
    pub end: usize,
}

/// Accepting a suggestion adds a highlight with the theme through the same
/// operation as any other highlight, so it is logged and undoable.
fn accept_suggestion(app: &Pizhu, a: SuggestionArgs) -> Result<Value, ApiError> {
    app.call("addHighlight", json!({"articleId": a.article_id, "start": a.start, "end": a.end, "themeIds": [a.theme_id]}))
}

/// Remember that the user does not want this sentence for this theme (one undo step).
fn dismiss_suggestion(app: &Pizhu, a: SuggestionArgs) -> Result<Value, ApiError> {
    app.store()
        .dismiss_suggestion(a.theme_id, a.article_id, a.start, a.end)?;
    Ok(json!({"dismissed": true}))
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DismissedArgs {
    pub theme_id: i64,
}

/// The sentences dismissed for a theme, in reading order, with their text.
fn dismissed_suggestions(
    app: &Pizhu,
    a: DismissedArgs,
) -> Result<Vec<DismissedSuggestion>, ApiError> {
    let store = app.store();
    store.theme(&ThemeRef::Id(a.theme_id))?;
    Ok(store.dismissed_suggestion_list(a.theme_id)?)
}

/// Let a dismissed sentence be suggested again (one undo step).
fn restore_suggestion(app: &Pizhu, a: SuggestionArgs) -> Result<Value, ApiError> {
    app.store()
        .restore_suggestion(a.theme_id, a.article_id, a.start, a.end)?;
    Ok(json!({"restored": true}))
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SvgArgs {
    #[serde(default)]
    pub only_coded: bool,
    /// Colours for a dark page.
    #[serde(default)]
    pub dark: bool,
    /// Sub-themes roll up into their parents (default true, as on screen).
    #[serde(default = "crate::ops::include_children_default")]
    pub include_children: bool,
}

/// The theme × article heat map as a standalone SVG: `{svg}`.
fn theme_matrix_svg(app: &Pizhu, a: SvgArgs) -> Result<Value, ApiError> {
    let m = lib::matrix_report(app.store(), a.only_coded, a.include_children)?;
    let rows: Vec<(&str, &str)> = m
        .themes
        .iter()
        .map(|t| (t.name.as_str(), t.color.as_str()))
        .collect();
    let cols: Vec<&str> = m.articles.iter().map(|a| a.title.as_str()).collect();
    Ok(json!({"svg": svg::heat_map(&rows, &cols, &m.counts, a.dark)}))
}

/// The co-occurrence matrix as a standalone SVG: `{svg}`.
fn cooccurrence_svg(app: &Pizhu, a: SvgArgs) -> Result<Value, ApiError> {
    let c = lib::cooccurrence_report(app.store(), a.include_children)?;
    let rows: Vec<(&str, &str)> = c
        .themes
        .iter()
        .map(|t| (t.name.as_str(), t.color.as_str()))
        .collect();
    let cols: Vec<&str> = c.themes.iter().map(|t| t.name.as_str()).collect();
    Ok(json!({"svg": svg::heat_map(&rows, &cols, &c.counts, a.dark)}))
}
