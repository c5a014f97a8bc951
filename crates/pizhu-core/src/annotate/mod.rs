//! Highlights, themes (the code book), notes, anchoring and undo.
//!
//! - [`highlights`]: add / edit / delete / list highlights; ranges are checked
//!   against the article's text (code points; UTF-16 converted in [`crate::text`]).
//! - [`themes`]: the code book — add, rename, merge, move, delete (untag or delete
//!   the highlights), and every passage coded with a theme.
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
pub mod edit;
pub mod highlights;
pub mod themes;
pub mod undo;

pub use action::Action;
pub use edit::EditOutcome;
pub use highlights::{Highlight, HighlightFilter, HighlightPatch, NewHighlight};
pub use themes::{
    ArticlePassages, DeleteMode, DeleteThemeOutcome, NewTheme, Passage, Theme, ThemePatch, ThemeRef,
};
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
