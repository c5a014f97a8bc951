//! Operations: maintenance (being written).

use crate::ops::Op;

pub const OPS: &[Op] = &[];
