//! CSL-JSON: an array of items (or one item) with CSL 1.0.2 variables. Names are
//! `{family, given}` or `{literal}`; dates `{"date-parts": [[y, m, d]]}` or a
//! `raw`/`literal` string. Pizhu's own link back to a reference manager travels
//! in the schema's `custom` object.

use pizhu_core::reference::{Creator, CreatorRole, ItemType, Name, PartialDate, Reference};
use serde_json::Value;

use super::fields::{is_han_name_pair, parse_date};
use super::{RecordError, RefRecord};
use crate::ImportError;

pub fn parse(text: &str) -> Result<Vec<Result<RefRecord, RecordError>>, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ImportError::Malformed(format!(
            "not valid JSON at line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    let items = match value {
        Value::Array(items) => items,
        item @ Value::Object(_) => vec![item],
        _ => {
            return Err(ImportError::Malformed(
                "CSL-JSON must be an array of items or one item".into(),
            ))
        }
    };
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item_to_record(item).map_err(|reason| RecordError {
                record: i + 1,
                line: None,
                reason,
            })
        })
        .collect())
}

/// A string or number variable (CSL allows both for `volume`, `issue`, …).
fn text(item: &Value, key: &str) -> Result<Option<String>, String> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!("`{key}` should be text, not {other}")),
    }
}

fn date(item: &Value, key: &str) -> Result<Option<PartialDate>, String> {
    let Some(v) = item.get(key).filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    if let Value::String(s) = v {
        return Ok(parse_date(s));
    }
    if let Some(parts) = v.get("date-parts") {
        let first = parts
            .get(0)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("`{key}.date-parts` should be [[year, month, day]]"))?;
        let num = |i: usize| -> Option<i64> {
            first.get(i).and_then(|p| {
                p.as_i64()
                    .or_else(|| p.as_str().and_then(|s| s.trim().parse().ok()))
            })
        };
        let Some(year) = num(0) else {
            return Err(format!("`{key}` has no year"));
        };
        let month = num(1).filter(|m| (1..=12).contains(m)).map(|m| m as u8);
        let day = month
            .and(num(2))
            .filter(|d| (1..=31).contains(d))
            .map(|d| d as u8);
        return Ok(Some(PartialDate {
            year: year as i32,
            month,
            day,
        }));
    }
    for k in ["raw", "literal"] {
        if let Some(s) = v.get(k).and_then(Value::as_str) {
            return Ok(parse_date(s));
        }
    }
    Err(format!("`{key}` is not a date Pizhu can read"))
}

fn name(v: &Value) -> Result<Name, String> {
    if let Some(lit) = v.get("literal").and_then(Value::as_str) {
        return Ok(Name::Institution {
            name: lit.trim().to_string(),
        });
    }
    let family = v.get("family").and_then(Value::as_str).unwrap_or("").trim();
    let given = v.get("given").and_then(Value::as_str).unwrap_or("").trim();
    if family.is_empty() && given.is_empty() {
        return Err(format!("a name with neither family nor literal: {v}"));
    }
    // Chinese names split into family and given by the exporter are kept whole.
    Ok(if is_han_name_pair(family, given) {
        Name::Whole {
            name: format!("{family}{given}"),
        }
    } else {
        Name::Person {
            family: family.to_string(),
            given: given.to_string(),
        }
    })
}

fn item_to_record(item: &Value) -> Result<RefRecord, String> {
    if !item.is_object() {
        return Err("an item must be a JSON object".into());
    }
    let mut r = Reference {
        item_type: ItemType::from_csl(&text(item, "type")?.unwrap_or_default()),
        ..Reference::default()
    };
    for (key, role) in [
        ("author", CreatorRole::Author),
        ("editor", CreatorRole::Editor),
        ("translator", CreatorRole::Translator),
    ] {
        match item.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(names)) => {
                for n in names {
                    r.creators.push(Creator {
                        role,
                        name: name(n)?,
                    });
                }
            }
            Some(_) => return Err(format!("`{key}` should be a list of names")),
        }
    }
    r.container_title = text(item, "container-title")?;
    r.volume = text(item, "volume")?;
    r.issue = text(item, "issue")?;
    r.pages = text(item, "page")?;
    r.issued = date(item, "issued")?;
    r.url = text(item, "URL")?;
    r.accessed = date(item, "accessed")?;
    r.doi = text(item, "DOI")?;
    r.isbn = text(item, "ISBN")?;
    r.issn = text(item, "ISSN")?;
    r.publisher = text(item, "publisher")?;
    r.publisher_place = text(item, "publisher-place")?;
    r.edition = text(item, "edition")?;
    r.number = text(item, "number")?;
    r.genre = text(item, "genre")?;
    r.language = text(item, "language")?;
    r.abstract_note = text(item, "abstract")?;
    r.keywords = match item.get("keyword") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => text(item, "keyword")?
            .map(|k| {
                k.split([',', ';', '，', '；'])
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    };
    r.source_link = item
        .get("custom")
        .map(|c| text(c, "sourceLink"))
        .transpose()?
        .flatten();
    let title = text(item, "title")?;
    super::finish(0, 0, title, r, Vec::new()).map_err(|e| e.reason)
}
