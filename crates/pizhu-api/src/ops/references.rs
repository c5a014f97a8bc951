//! References: an article's bibliographic record (item type, creators, fields),
//! citations of articles in a CSL style, and the styles the user can pick
//! (the built-in official ones and `.csl` files they add).

use pizhu_core::{Article, Reference};
use pizhu_export::cite::{self, BuiltinStyle, Cite, CiteSource, CslStyle};
use serde::{Deserialize, Serialize};

use crate::ops::Op;
use crate::{op, ApiError, ErrorCode, Pizhu};

pub const OPS: &[Op] = &[
    op!("setReference", set_reference),
    op!("cite", cite_articles, files: [Read("styleFile")]),
    op!("listCitationStyles", list_citation_styles),
    op!("addCitationStyle", add_citation_style, files: [Read("path")]),
    op!("removeCitationStyle", remove_citation_style),
];

/// The setting naming the style in use: a built-in name or `custom:<id>`.
pub const STYLE_SETTING: &str = "citationStyle";
/// Where added `.csl` files are kept (a JSON list; not writable through `setSetting`).
const CUSTOM_STYLES: &str = "citationStyles.custom";
/// A `.csl` file larger than this is refused (the official styles are < 100 KB).
const MAX_STYLE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SetReferenceArgs {
    pub id: i64,
    pub reference: Reference,
}

/// Replace an article's reference; undoable. The article comes back with its
/// free-text authors, source and published derived from it.
fn set_reference(app: &Pizhu, a: SetReferenceArgs) -> Result<Article, ApiError> {
    Ok(app.store().set_reference(a.id, a.reference)?)
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CiteArgs {
    /// Articles, in the order cited.
    pub ids: Vec<i64>,
    /// `gbt7714-numeric` | `gbt7714-author-date` | `gbt7714-note` | `apa` |
    /// `custom:<id>`; default: the style chosen in settings.
    pub style: Option<String>,
    /// A `.csl` file to use instead (CLI).
    pub style_file: Option<String>,
    /// A page (or range) every citation points at.
    pub locator: Option<String>,
}

/// The bibliography of the cited articles as the style orders it (numeric styles:
/// in the order given), and the in-text citation of each id, in the order given.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CiteResult {
    pub entries: Vec<String>,
    pub citations: Vec<String>,
}

fn cite_articles(app: &Pizhu, a: CiteArgs) -> Result<CiteResult, ApiError> {
    if a.ids.is_empty() {
        return Err(ApiError::invalid("cite needs at least one article id"));
    }
    let style = match &a.style_file {
        Some(path) => style_from_file(path)?,
        None => resolve_style(app, a.style.as_deref())?,
    };
    // Each article once in the bibliography; each id given gets its citation.
    let mut unique: Vec<i64> = Vec::new();
    for id in &a.ids {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    let articles = unique
        .iter()
        .map(|id| app.store().article(*id))
        .collect::<Result<Vec<_>, _>>()?;
    let sources: Vec<CiteSource> = articles
        .iter()
        .map(|art| CiteSource {
            key: art.id.to_string(),
            title: &art.title,
            reference: &art.reference,
            locator: None,
        })
        .collect();
    let cites: Vec<Cite> = a
        .ids
        .iter()
        .map(|id| Cite {
            source: unique
                .iter()
                .position(|u| u == id)
                .expect("every id is in unique"),
            locator: a.locator.as_deref(),
        })
        .collect();
    let out = cite::render_cites(&style, &sources, &cites);
    Ok(CiteResult {
        entries: out.entries.iter().map(cite::Entry::text).collect(),
        citations: out.citations,
    })
}

/// A style the user can pick.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CitationStyleInfo {
    /// What `style` arguments and the `citationStyle` setting take.
    pub id: String,
    pub title: String,
    pub builtin: bool,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CitationStyles {
    pub styles: Vec<CitationStyleInfo>,
    /// The id in use (the setting, else `gbt7714-numeric`).
    pub current: String,
}

/// A `.csl` file the user added, kept in the library.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredStyle {
    id: String,
    title: String,
    xml: String,
}

fn stored_styles(app: &Pizhu) -> Result<Vec<StoredStyle>, ApiError> {
    match app.store().setting(CUSTOM_STYLES)? {
        Some(raw) => serde_json::from_str(&raw).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("stored citation styles: {e}"))
        }),
        None => Ok(Vec::new()),
    }
}

fn list_citation_styles(
    app: &Pizhu,
    _: crate::ops::library::NoArgs,
) -> Result<CitationStyles, ApiError> {
    let mut styles: Vec<CitationStyleInfo> = BuiltinStyle::ALL
        .iter()
        .map(|b| CitationStyleInfo {
            id: b.name().to_string(),
            title: CslStyle::builtin(*b).title().to_string(),
            builtin: true,
        })
        .collect();
    styles.extend(stored_styles(app)?.into_iter().map(|s| CitationStyleInfo {
        id: s.id,
        title: s.title,
        builtin: false,
    }));
    Ok(CitationStyles {
        styles,
        current: current_style_id(app)?,
    })
}

fn current_style_id(app: &Pizhu) -> Result<String, ApiError> {
    Ok(app
        .store()
        .setting(STYLE_SETTING)?
        .and_then(|raw| serde_json::from_str::<String>(&raw).ok())
        .unwrap_or_else(|| BuiltinStyle::default().name().to_string()))
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddStyleArgs {
    /// A `.csl` file on this computer (desktop, CLI).
    pub path: Option<String>,
    /// Or its contents (a web page's upload).
    pub xml: Option<String>,
}

/// Add a `.csl` style; it is checked by parsing before it is kept.
fn add_citation_style(app: &Pizhu, a: AddStyleArgs) -> Result<CitationStyleInfo, ApiError> {
    let xml = match (a.path, a.xml) {
        (Some(path), None) => read_style_file(&path)?,
        (None, Some(xml)) => xml,
        _ => return Err(ApiError::invalid("give either path or xml")),
    };
    if xml.len() > MAX_STYLE_BYTES {
        return Err(ApiError::invalid(
            "this style file is too large to be a CSL style",
        ));
    }
    let style = CslStyle::from_xml(&xml)?;
    let mut stored = stored_styles(app)?;
    let title = style.title().trim().to_string();
    // The same title again replaces the earlier file (an updated style).
    let id = match stored.iter().find(|s| s.title == title) {
        Some(s) => s.id.clone(),
        None => format!("custom:{}", 1 + stored.len()),
    };
    stored.retain(|s| s.id != id);
    stored.push(StoredStyle {
        id: id.clone(),
        title: title.clone(),
        xml,
    });
    let raw = serde_json::to_string(&stored)
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    app.store().set_setting(CUSTOM_STYLES, &raw)?;
    Ok(CitationStyleInfo {
        id,
        title,
        builtin: false,
    })
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RemoveStyleArgs {
    pub id: String,
}

fn remove_citation_style(app: &Pizhu, a: RemoveStyleArgs) -> Result<(), ApiError> {
    let mut stored = stored_styles(app)?;
    let before = stored.len();
    stored.retain(|s| s.id != a.id);
    if stored.len() == before {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no added style {:?}", a.id),
        ));
    }
    let raw = serde_json::to_string(&stored)
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    app.store().set_setting(CUSTOM_STYLES, &raw)?;
    if current_style_id(app)? == a.id {
        app.store().set_setting(
            STYLE_SETTING,
            &serde_json::to_string(BuiltinStyle::default().name()).expect("a string"),
        )?;
    }
    Ok(())
}

fn read_style_file(path: &str) -> Result<String, ApiError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ApiError::new(ErrorCode::NotFound, format!("{path}: {e}")))?;
    String::from_utf8(bytes).map_err(|_| ApiError::invalid(format!("{path}: not UTF-8 text")))
}

fn style_from_file(path: &str) -> Result<CslStyle, ApiError> {
    let xml = read_style_file(path)?;
    CslStyle::from_xml(&xml).map_err(|e| ApiError::invalid(format!("{path}: {e}")))
}

/// The style `name` names (a built-in name or `custom:<id>`), or the one chosen
/// in settings when `None`.
pub fn resolve_style(app: &Pizhu, name: Option<&str>) -> Result<CslStyle, ApiError> {
    let name = match name {
        Some(n) => n.trim().to_string(),
        None => current_style_id(app)?,
    };
    if let Some(b) = BuiltinStyle::from_name(&name) {
        return Ok(CslStyle::builtin(b));
    }
    if name.starts_with("custom:") {
        let stored = stored_styles(app)?;
        let s = stored.iter().find(|s| s.id == name).ok_or_else(|| {
            ApiError::new(ErrorCode::NotFound, format!("no added style {name:?}"))
        })?;
        return Ok(CslStyle::from_xml(&s.xml)?);
    }
    Err(ApiError::invalid(format!(
        "citation style {name:?}: use gbt7714-numeric, gbt7714-author-date, gbt7714-note, apa or an added style"
    )))
}

/// For exports: the built-in style, or the added style's text, that `name` (or
/// the setting) picks.
pub fn export_style(
    app: &Pizhu,
    name: Option<&str>,
) -> Result<(BuiltinStyle, Option<String>), ApiError> {
    let name = match name {
        Some(n) => n.trim().to_string(),
        None => current_style_id(app)?,
    };
    if let Some(b) = BuiltinStyle::from_name(&name) {
        return Ok((b, None));
    }
    resolve_style(app, Some(&name))?;
    let xml = stored_styles(app)?
        .into_iter()
        .find(|s| s.id == name)
        .map(|s| s.xml);
    Ok((BuiltinStyle::default(), xml))
}
