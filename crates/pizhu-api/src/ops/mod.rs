//! Every operation, by name. Each feature area keeps its operations in its own
//! file and lists them in an `OPS` table; [`ALL`] joins the tables.
//!
//! Names are camelCase verbs (`listArticles`); arguments and results are camelCase
//! JSON; offsets are code points into an article's text.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use crate::{ApiError, Pizhu};

pub mod about;
pub mod analysis;
pub mod annotations;
pub mod collections;
pub mod export;
pub mod folders;
pub mod library;
pub mod maintenance;
pub mod reference_files;
pub mod references;
pub mod review;
pub mod search;
pub mod zotero;

/// One operation: its name, its handler, and which arguments name files.
pub struct Op {
    pub name: &'static str,
    pub run: fn(&Pizhu, Value) -> Result<Value, ApiError>,
    /// Arguments that name a file on this machine or allow one to be replaced;
    /// a web page may not pass them (see [`crate::Caller`]).
    pub files: &'static [FileArg],
}

/// An argument that reaches the file system, by its JSON name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileArg {
    /// Names files to read (a path or a list of paths).
    Read(&'static str),
    /// Names a file to write, or allows one to be replaced.
    Write(&'static str),
}

impl FileArg {
    pub fn name(&self) -> &'static str {
        match self {
            FileArg::Read(n) | FileArg::Write(n) => n,
        }
    }
}

/// Every table of operations.
pub const ALL: &[&[Op]] = &[
    library::OPS,
    collections::OPS,
    references::OPS,
    reference_files::OPS,
    zotero::OPS,
    annotations::OPS,
    search::OPS,
    export::OPS,
    analysis::OPS,
    maintenance::OPS,
    review::OPS,
    about::OPS,
];

/// Whether a theme filter takes in its sub-themes when the caller does not say:
/// yes, everywhere (search, export, the theme page, the analyses), so a passage
/// coded with 人机协作 belongs to 人机共生 in every view.
pub fn include_children_default() -> bool {
    true
}

pub fn find(name: &str) -> Option<&'static Op> {
    ALL.iter().flat_map(|t| t.iter()).find(|op| op.name == name)
}

/// All operation names (for `listOperations`, docs and tests).
pub fn names() -> Vec<&'static str> {
    ALL.iter()
        .flat_map(|t| t.iter())
        .map(|op| op.name)
        .collect()
}

/// Decode `args` into the handler's argument type, run it, encode the result.
pub fn typed<A: DeserializeOwned, R: Serialize>(
    app: &Pizhu,
    args: Value,
    handler: fn(&Pizhu, A) -> Result<R, ApiError>,
) -> Result<Value, ApiError> {
    let args: A = serde_json::from_value(args)
        .map_err(|e| ApiError::invalid(format!("bad arguments: {e}")))?;
    let out = handler(app, args)?;
    serde_json::to_value(out).map_err(|e| ApiError::new(crate::ErrorCode::Internal, e.to_string()))
}

/// `op!("name", handler)` builds an [`Op`] whose handler takes typed arguments;
/// `op!("name", handler, files: [Read("paths")])` also marks its file arguments.
#[macro_export]
macro_rules! op {
    ($name:literal, $handler:path) => {
        $crate::op!($name, $handler, files: [])
    };
    ($name:literal, $handler:path, files: [$($kind:ident($arg:literal)),* $(,)?]) => {
        $crate::ops::Op {
            name: $name,
            run: |app, args| $crate::ops::typed(app, args, $handler),
            files: &[$($crate::ops::FileArg::$kind($arg)),*],
        }
    };
}
