//! Every operation, by name. Each feature area keeps its operations in its own
//! file and lists them in an `OPS` table; [`ALL`] joins the tables.
//!
//! Names are camelCase verbs (`listArticles`); arguments and results are camelCase
//! JSON; offsets are code points into an article's text.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use crate::{ApiError, Pizhu};

pub mod analysis;
pub mod annotations;
pub mod export;
pub mod folders;
pub mod library;
pub mod maintenance;
pub mod search;

/// One operation: its name and its handler.
pub struct Op {
    pub name: &'static str,
    pub run: fn(&Pizhu, Value) -> Result<Value, ApiError>,
}

/// Every table of operations.
pub const ALL: &[&[Op]] = &[
    library::OPS,
    annotations::OPS,
    search::OPS,
    export::OPS,
    analysis::OPS,
    maintenance::OPS,
];

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

/// `op!("name", handler)` builds an [`Op`] whose handler takes typed arguments.
#[macro_export]
macro_rules! op {
    ($name:literal, $handler:path) => {
        $crate::ops::Op {
            name: $name,
            run: |app, args| $crate::ops::typed(app, args, $handler),
        }
    };
}
