//! Who is calling an operation, and so whether its file arguments are honoured.
//!
//! A web page — the browser UI of `pizhu serve`, or the desktop webview — never
//! needs to name a file on this machine: it uploads contents and downloads
//! results. Only the CLI and a shell's own code after a native dialog do. The op
//! table marks which arguments name files ([`FileArg`]); a [`Caller::Page`] that
//! passes one is refused with [`ErrorCode::PathNotAllowed`], unless the file is
//! one the user just picked in an open dialog ([`PathGrants`]).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use serde_json::Value;

use crate::ops::{FileArg, Op};
use crate::{ApiError, ErrorCode};

/// Who is calling [`crate::Pizhu::call_as`].
#[derive(Clone, Copy)]
pub enum Caller<'a> {
    /// The CLI, or a shell's own code with a path from a native dialog.
    Local,
    /// A web page: no file arguments, except files `grants` holds (each usable once).
    Page(Option<&'a PathGrants>),
}

/// Files the user picked in a native "open" dialog, which the page may then ask
/// to read (import) — once each, so a grant cannot be replayed later.
#[derive(Default)]
pub struct PathGrants(Mutex<HashSet<PathBuf>>);

impl PathGrants {
    pub fn new() -> PathGrants {
        PathGrants::default()
    }

    /// The user chose these files in an open dialog.
    pub fn grant(&self, paths: impl IntoIterator<Item = PathBuf>) {
        self.lock().extend(paths);
    }

    /// Whether `path` is still granted (without using it up).
    pub fn contains(&self, path: &std::path::Path) -> bool {
        self.lock().contains(path)
    }

    /// Use up the grants for all of `paths`, or for none if any is missing.
    fn take_all(&self, paths: &[PathBuf]) -> bool {
        let mut granted = self.lock();
        if !paths.iter().all(|p| granted.contains(p)) {
            return false;
        }
        for p in paths {
            granted.remove(p);
        }
        true
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        // The set stays consistent even if a holder panicked: take it anyway.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Refuse `args` if `caller` may not pass the file arguments `op` finds in them.
pub(crate) fn check_files(caller: Caller<'_>, op: &Op, args: &Value) -> Result<(), ApiError> {
    let Caller::Page(grants) = caller else {
        return Ok(());
    };
    for arg in op.files {
        let name = arg.name();
        // Absent, null or false: the argument is not used.
        let Some(value) = args
            .get(name)
            .filter(|v| !v.is_null() && **v != Value::Bool(false))
        else {
            continue;
        };
        let granted = match (arg, grants) {
            (FileArg::Read(_), Some(grants)) => {
                paths_in(value).is_some_and(|paths| grants.take_all(&paths))
            }
            _ => false,
        };
        if !granted {
            return Err(refused(op.name, name));
        }
    }
    Ok(())
}

/// A path or a list of paths, as JSON strings.
fn paths_in(value: &Value) -> Option<Vec<PathBuf>> {
    match value {
        Value::String(s) => Some(vec![PathBuf::from(s)]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|v| v.as_str().map(PathBuf::from))
            .collect(),
        _ => None,
    }
}

fn refused(op: &str, arg: &str) -> ApiError {
    ApiError::new(
        ErrorCode::PathNotAllowed,
        format!(
            "{op}: the argument {arg:?} names a file on this computer, which a web page may \
             not do; send the file's contents (dataBase64) or take the download instead"
        ),
    )
}
