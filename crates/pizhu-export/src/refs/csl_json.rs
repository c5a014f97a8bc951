//! CSL-JSON (CSL 1.0.2 variables). Chinese names written whole go out as
//! `{family, given}` split where a style needs it (compound surnames kept);
//! institutions as `{literal}`. The link back to a reference manager goes in
//! the schema's `custom` object.

use pizhu_core::reference::{is_han_name, split_chinese_name, CreatorRole, Name, PartialDate};
use serde_json::{json, Map, Value};

use super::RefItem;

fn name(n: &Name) -> Value {
    match n {
        Name::Person { family, given } => json!({ "family": family, "given": given }),
        Name::Whole { name } if is_han_name(name) => {
            let (family, given) = split_chinese_name(name);
            json!({ "family": family, "given": given })
        }
        Name::Whole { name } | Name::Institution { name } => json!({ "literal": name }),
    }
}

fn date(d: &PartialDate) -> Value {
    let mut parts = vec![json!(d.year)];
    if let Some(m) = d.month {
        parts.push(json!(m));
        if let Some(day) = d.day {
            parts.push(json!(day));
        }
    }
    json!({ "date-parts": [parts] })
}

pub fn item(it: &RefItem) -> Value {
    let r = it.reference;
    let mut o = Map::new();
    o.insert("id".into(), json!(format!("pizhu-{}", it.id)));
    o.insert("type".into(), json!(r.item_type.csl()));
    o.insert("title".into(), json!(it.title));
    for (key, role) in [
        ("author", CreatorRole::Author),
        ("editor", CreatorRole::Editor),
        ("translator", CreatorRole::Translator),
    ] {
        let names: Vec<Value> = r
            .creators
            .iter()
            .filter(|c| c.role == role)
            .map(|c| name(&c.name))
            .collect();
        if !names.is_empty() {
            o.insert(key.into(), Value::Array(names));
        }
    }
    let text = [
        ("container-title", &r.container_title),
        ("volume", &r.volume),
        ("issue", &r.issue),
        ("page", &r.pages),
        ("URL", &r.url),
        ("DOI", &r.doi),
        ("ISBN", &r.isbn),
        ("ISSN", &r.issn),
        ("publisher", &r.publisher),
        ("publisher-place", &r.publisher_place),
        ("edition", &r.edition),
        ("number", &r.number),
        ("genre", &r.genre),
        ("language", &r.language),
        ("abstract", &r.abstract_note),
    ];
    for (key, value) in text {
        if let Some(v) = value {
            o.insert(key.into(), json!(v));
        }
    }
    if let Some(d) = &r.issued {
        o.insert("issued".into(), date(d));
    }
    if let Some(d) = &r.accessed {
        o.insert("accessed".into(), date(d));
    }
    if !r.keywords.is_empty() {
        o.insert("keyword".into(), json!(r.keywords.join(", ")));
    }
    if let Some(link) = &r.source_link {
        o.insert("custom".into(), json!({ "sourceLink": link }));
    }
    Value::Object(o)
}

/// The items as a pretty-printed CSL-JSON array.
pub fn write(items: &[RefItem]) -> String {
    let all: Vec<Value> = items.iter().map(item).collect();
    let mut s = serde_json::to_string_pretty(&all).expect("JSON values serialise");
    s.push('\n');
    s
}
