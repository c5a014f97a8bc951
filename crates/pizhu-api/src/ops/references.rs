//! References: an article's bibliographic record (item type, creators, fields).

use pizhu_core::{Article, Reference};
use serde::Deserialize;

use crate::ops::Op;
use crate::{op, ApiError, Pizhu};

pub const OPS: &[Op] = &[op!("setReference", set_reference)];

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
