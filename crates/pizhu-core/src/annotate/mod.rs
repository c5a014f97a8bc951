//! Highlights, themes (the code book), notes, anchoring and undo.
//!
//! - [`highlights`]: add / edit / delete / list highlights; ranges are checked
//!   against the article's text (code points; UTF-16 converted in [`crate::text`]).
//! - [`themes`]: the code book — add, rename, merge, move, delete (untag or delete
//!   the highlights).
//! - [`passages`]: every passage coded with a theme, grouped by article.
//! - [`suggestions`]: dismissing a suggested passage, and restoring it.
//! - `tags`: the highlight ↔ theme links both of the above change.
//! - [`codebook`]: a whole tree of themes in one transaction (import, seeding).
//! - `article_delete`: deleting an article, undoable with all it holds.
//! - [`edit`]: edit an article's text; its highlights re-anchor in the same step.
//! - [`anchor`]: the pure re-anchoring rules (position, exact quote, fuzzy quote, orphan).
//! - [`undo`]: the operation log behind undo / redo, kept in SQLite; [`action`]
//!   says what each entry did (a kind code with parameters).
//!
//! Every change goes through [`undo::logged`], so it commits together with its
//! undo entry and is on disk (`synchronous=FULL`) when the call returns.

pub mod action;
pub mod anchor;
mod article_delete;
pub mod codebook;
pub mod edit;
pub mod highlights;
pub mod passages;
pub mod reference_import;
pub mod suggestions;
mod tags;
pub mod themes;
pub mod undo;

pub use action::Action;
pub use codebook::{CodebookReport, ThemeTree};
pub use edit::EditOutcome;
pub use highlights::{Highlight, HighlightFilter, HighlightPatch, NewHighlight};
pub use passages::{ArticlePassages, Passage};
pub use suggestions::DismissedSuggestion;
pub use themes::{DeleteMode, DeleteThemeOutcome, NewTheme, Theme, ThemePatch, ThemeRef};
pub use undo::HistoryEntry;

/// Request fields the UI may send as `null` ("no note", "no keywords") read as empty.
pub(crate) fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Would highlights and themes accept this colour? (For importers that keep an
/// item with the default colour rather than refuse it.)
pub fn is_valid_color(c: &str) -> bool {
    clean_color(c).is_ok()
}

/// A colour as highlights and themes store it: a CSS name or `#rrggbb`, trimmed.
pub(crate) fn clean_color(c: &str) -> crate::Result<String> {
    let c = c.trim();
    let ok = !c.is_empty()
        && c.len() <= 32
        && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '#');
    if !ok {
        return Err(crate::CoreError::Invalid(format!(
            "colour {c:?}: use a name like yellow or #rrggbb"
        )));
    }
    Ok(c.to_string())
}
