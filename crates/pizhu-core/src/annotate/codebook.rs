//! A whole code book (a tree of themes) added in one step: a REFI-QDA code book
//! the user imports, or the starter code book a new library is seeded with.
//!
//! One transaction per tree, walked iteratively (a deeply nested file cannot
//! overflow the stack), each theme through the same checks as
//! [`Store::add_theme`]: a tree that fails half-way leaves no theme behind.

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::themes::{insert_theme, resolve, NewTheme, ThemeRef};
use super::undo::{logged, unlogged, Recorder};
use crate::{CoreError, Result, Store};

/// What adding a code book did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodebookReport {
    /// Themes created, in code-book order.
    pub created: Vec<String>,
    /// Codes whose name is already a theme (kept as they are; their sub-codes join them).
    pub existing: Vec<String>,
}

/// A tree of themes to add: its roots, how to reach a node's children, and the
/// theme a node stands for (its `parent_id` is ignored: the tree gives it).
pub struct ThemeTree<'a, N, C, T>
where
    C: Fn(&'a N) -> &'a [N],
    T: Fn(&'a N) -> NewTheme,
{
    pub roots: &'a [N],
    pub children: C,
    pub theme: T,
}

impl Store {
    /// Add a code book as one undoable change.
    pub fn import_codebook<'a, N, C, T>(
        &self,
        tree: ThemeTree<'a, N, C, T>,
    ) -> Result<CodebookReport>
    where
        C: Fn(&'a N) -> &'a [N],
        T: Fn(&'a N) -> NewTheme,
    {
        logged(self, Action::ImportCodebook { themes: 0 }, |rec| {
            let report = add_tree(rec, tree)?;
            rec.describe(Action::ImportCodebook {
                themes: report.created.len(),
            });
            Ok(report)
        })
    }

    /// Seed a new library's code book. Not an undoable change: the user's first
    /// undo must not take the starter code book away.
    pub fn seed_codebook<'a, N, C, T>(&self, tree: ThemeTree<'a, N, C, T>) -> Result<CodebookReport>
    where
        C: Fn(&'a N) -> &'a [N],
        T: Fn(&'a N) -> NewTheme,
    {
        unlogged(self, |rec| add_tree(rec, tree))
    }
}

/// Depth-first, parents before children, siblings in order.
fn add_tree<'a, N, C, T>(rec: &mut Recorder, tree: ThemeTree<'a, N, C, T>) -> Result<CodebookReport>
where
    C: Fn(&'a N) -> &'a [N],
    T: Fn(&'a N) -> NewTheme,
{
    let mut report = CodebookReport::default();
    let mut stack: Vec<(Option<i64>, &'a N)> = tree.roots.iter().rev().map(|n| (None, n)).collect();
    while let Some((parent, node)) = stack.pop() {
        let theme = NewTheme {
            parent_id: parent.map(ThemeRef::Id),
            ..(tree.theme)(node)
        };
        let id = match resolve(rec.tx(), &ThemeRef::Name(theme.name.clone())) {
            Ok(id) => {
                report.existing.push(theme.name.trim().to_string());
                id
            }
            Err(CoreError::NotFound(_)) => {
                let id = insert_theme(rec, &theme)?;
                report.created.push(theme.name.trim().to_string());
                id
            }
            Err(e) => return Err(e),
        };
        stack.extend((tree.children)(node).iter().rev().map(|c| (Some(id), c)));
    }
    Ok(report)
}
