//! CSL-JSON (CSL 1.0.2 variables): the same mapping the citation engine reads
//! ([`crate::cite::csl_item`]), plus the link back to a reference manager in the
//! schema's `custom` object.

use serde_json::{json, Value};

use super::RefItem;
use crate::cite::csl_item::csl_json;

pub fn item(it: &RefItem) -> Value {
    let mut o = csl_json(&format!("pizhu-{}", it.id), it.title, it.reference);
    if let (Some(link), Some(map)) = (&it.reference.source_link, o.as_object_mut()) {
        map.insert("custom".into(), json!({ "sourceLink": link }));
    }
    o
}

/// The items as a pretty-printed CSL-JSON array.
pub fn write(items: &[RefItem]) -> String {
    let all: Vec<Value> = items.iter().map(item).collect();
    let mut s = serde_json::to_string_pretty(&all).expect("JSON values serialise");
    s.push('\n');
    s
}
