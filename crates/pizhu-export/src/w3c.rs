//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` whose first page holds
//! one `Annotation` per highlight. Each annotation carries its own `@context`, a
//! `urn:uuid:` id, `created`/`modified`, the note as a `commenting` TextualBody,
//! each theme as a `tagging` TextualBody, and a SpecificResource target whose
//! source is `urn:pizhu:article:<sha256 of the text>` with a TextQuoteSelector
//! and a TextPositionSelector (code points, as the model defines "characters").
//!
//! [`parse`] reads such a file back (and annotations from other tools that use
//! the same selectors); [`anchor`] finds a passage in an article's text.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::model::ExportHighlight;
use crate::select::Selection;
use crate::ExportError;

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
pub const ARTICLE_IRI_PREFIX: &str = "urn:pizhu:article:";
/// Collection-level key holding Pizhu's code book.
pub const CODEBOOK_KEY: &str = "urn:pizhu:codebook";

/// The collection's context: the W3C one, then the terms of Pizhu's code book,
/// so a JSON-LD processor keeps them (an undefined term is dropped on
/// expansion). The code book is an ordered list (parents before children); a
/// theme's `name` is already `foaf:name` in the W3C context, `description` and
/// `color` are schema.org's, and `parent` (the parent theme's name, a literal)
/// is Pizhu's own.
pub fn collection_context() -> Value {
    json!([
        CONTEXT,
        {
            CODEBOOK_KEY: { "@id": CODEBOOK_KEY, "@container": "@list" },
            "description": "http://schema.org/description",
            "color": "http://schema.org/color",
            "parent": "urn:pizhu:vocab:parentName",
        }
    ])
}

/// A theme as the W3C export carries it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodebookEntry {
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub description: String,
    /// The parent theme's name.
    #[serde(default)]
    pub parent: Option<String>,
}

fn codebook_entries(sel: &Selection) -> Value {
    let entries: Vec<CodebookEntry> = sel
        .themes
        .iter()
        .map(|n| CodebookEntry {
            name: n.theme.name.clone(),
            color: Some(n.theme.color.clone()).filter(|c| !c.is_empty()),
            description: n.theme.description.clone(),
            parent: n
                .theme
                .parent_id
                .and_then(|p| sel.model.theme(p))
                .map(|p| p.name.clone()),
        })
        .collect();
    serde_json::to_value(entries).expect("plain data serialises")
}

/// The code book a Pizhu W3C export carries (parents before children); empty
/// for files from other tools.
pub fn parse_codebook(bytes: &[u8]) -> Vec<CodebookEntry> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    serde_json::from_slice::<Value>(bytes)
        .ok()
        .and_then(|doc| doc.get(CODEBOOK_KEY).cloned())
        .and_then(|v| serde_json::from_value::<Vec<CodebookEntry>>(v).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|e| !e.name.trim().is_empty())
        .collect()
}

/// A GUID-shaped id derived from `seed`, so the same highlight exports with the
/// same id every time (REFI-QDA and W3C readers can match re-exports).
pub fn guid(seed: &str) -> String {
    let h = Sha256::digest(seed.as_bytes());
    let mut b: [u8; 16] = h[..16].try_into().expect("sha256 is 32 bytes");
    // RFC 4122 variant bits, "name-based" version 5 shape.
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

pub fn article_iri(content_hash: &str) -> String {
    format!("{ARTICLE_IRI_PREFIX}{content_hash}")
}

pub fn write(sel: &Selection) -> Result<Vec<u8>, ExportError> {
    let items: Vec<Value> = sel
        .highlights
        .iter()
        .filter_map(|h| annotation(sel, h))
        .collect();
    let collection_id = format!(
        "urn:uuid:{}",
        guid(&format!(
            "collection|{}|{}",
            sel.model.exported_at,
            items
                .iter()
                .map(|a| a["id"].to_string())
                .collect::<String>()
        ))
    );
    let doc = json!({
        "@context": collection_context(),
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": sel.title,
        "total": items.len(),
        "generated": sel.model.exported_at,
        "generator": { "type": "Software", "name": "Pizhu 批注" },
        // Pizhu's own extension (an absolute-IRI key, its terms in the context above):
        // the code book with colours and hierarchy, so a round trip restores themes
        // exactly and not just their names.
        CODEBOOK_KEY: codebook_entries(sel),
        "first": {
            "id": format!("{collection_id}#page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_vec_pretty(&doc).map_err(|e| ExportError::Write(format!("json: {e}")))
}

fn annotation(sel: &Selection, h: &ExportHighlight) -> Option<Value> {
    let article = sel.model.article(h.article_id)?;
    let mut body = Vec::new();
    let has_note = sel.options.include_notes && !h.note.trim().is_empty();
    if has_note {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": h.note,
            "format": "text/markdown",
            "language": "zh",
        }));
    }
    for name in sel.theme_names(h) {
        body.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": name }));
    }
    let mut a = json!({
        "@context": CONTEXT,
        "id": format!("urn:uuid:{}", guid(&format!("highlight|{}|{}|{}|{}", article.content_hash, h.id, h.start, h.end))),
        "type": "Annotation",
        "motivation": if has_note { "commenting" } else { "highlighting" },
        "created": h.created_at,
        "modified": h.modified_at,
        "target": {
            "type": "SpecificResource",
            "source": article_iri(&article.content_hash),
            "selector": [
                { "type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix },
                { "type": "TextPositionSelector", "start": h.start, "end": h.end },
            ],
        },
    });
    if !body.is_empty() {
        a["body"] = Value::Array(body);
    }
    Some(a)
}

/// An annotation read back: where it points and what it says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedAnnotation {
    pub id: Option<String>,
    /// The target's source IRI.
    pub source: Option<String>,
    pub exact: Option<String>,
    pub prefix: String,
    pub suffix: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// `commenting` (or purpose-less) text bodies, joined by blank lines.
    pub note: String,
    /// `tagging` bodies: theme names.
    pub tags: Vec<String>,
    pub created: Option<String>,
    pub modified: Option<String>,
}

impl ParsedAnnotation {
    /// The content hash in a `urn:pizhu:article:<sha256>` source.
    pub fn article_hash(&self) -> Option<&str> {
        self.source.as_deref()?.strip_prefix(ARTICLE_IRI_PREFIX)
    }
}

/// Read annotations from a single annotation, an array, an AnnotationPage or an
/// AnnotationCollection (`items` or `first.items`).
pub fn parse(bytes: &[u8]) -> Result<Vec<ParsedAnnotation>, ExportError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|e| ExportError::Invalid(format!("not JSON: {e}")))?;
    let items: Vec<&Value> = match &doc {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => {
            if let Some(Value::Array(a)) = o.get("items") {
                a.iter().collect()
            } else if let Some(Value::Array(a)) = o.get("first").and_then(|f| f.get("items")) {
                a.iter().collect()
            } else {
                vec![&doc]
            }
        }
        _ => {
            return Err(ExportError::Invalid(
                "expected an annotation, a list or a collection".into(),
            ))
        }
    };
    let annotations: Vec<ParsedAnnotation> = items
        .into_iter()
        .filter(|v| is_annotation(v))
        .map(parse_one)
        .collect();
    if annotations.is_empty() {
        return Err(ExportError::Invalid("no W3C annotations found".into()));
    }
    Ok(annotations)
}

fn is_annotation(v: &Value) -> bool {
    match v.get("type") {
        Some(Value::String(t)) => t == "Annotation",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "Annotation"),
        _ => false,
    }
}

fn one_or_many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => vec![],
        Some(other) => vec![other],
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn parse_one(v: &Value) -> ParsedAnnotation {
    let mut out = ParsedAnnotation {
        id: str_of(v, "id").map(Into::into),
        created: str_of(v, "created").map(Into::into),
        modified: str_of(v, "modified").map(Into::into),
        ..Default::default()
    };
    let mut notes = Vec::new();
    if let Some(text) = str_of(v, "bodyValue") {
        notes.push(text.to_string());
    }
    for body in one_or_many(v.get("body")) {
        let Some(value) = str_of(body, "value") else {
            continue;
        };
        let purposes: Vec<&str> = one_or_many(body.get("purpose"))
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        if purposes.contains(&"tagging") || purposes.contains(&"classifying") {
            if !value.trim().is_empty() && !out.tags.iter().any(|t| t == value.trim()) {
                out.tags.push(value.trim().to_string());
            }
        } else {
            notes.push(value.to_string());
        }
    }
    out.note = notes.join("\n\n");
    if let Some(target) = one_or_many(v.get("target")).into_iter().next() {
        match target {
            Value::String(iri) => out.source = Some(iri.clone()),
            Value::Object(_) => {
                out.source = match target.get("source") {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(obj @ Value::Object(_)) => str_of(obj, "id").map(Into::into),
                    _ => None,
                };
                for sel in one_or_many(target.get("selector")) {
                    match str_of(sel, "type") {
                        Some("TextQuoteSelector") => {
                            out.exact = str_of(sel, "exact").map(Into::into);
                            out.prefix = str_of(sel, "prefix").unwrap_or("").into();
                            out.suffix = str_of(sel, "suffix").unwrap_or("").into();
                        }
                        Some("TextPositionSelector") => {
                            out.start =
                                sel.get("start").and_then(Value::as_u64).map(|n| n as usize);
                            out.end = sel.get("end").and_then(Value::as_u64).map(|n| n as usize);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Where `a` sits in `text` (code points): its position when the quote is still
/// there, else the occurrence of the quote whose surroundings best match the
/// prefix and suffix (nearest to the old position on a tie). `None` when the
/// quote is not in the text.
pub fn anchor(text: &str, a: &ParsedAnnotation) -> Option<(usize, usize)> {
    use pizhu_core::text::{byte_to_cp, cp_slice};
    let exact = match &a.exact {
        Some(e) if !e.is_empty() => e.as_str(),
        _ => {
            // Position only: trust it when it fits the text.
            let (s, e) = (a.start?, a.end?);
            return (s < e && cp_slice(text, s, e).is_some()).then_some((s, e));
        }
    };
    if let (Some(s), Some(e)) = (a.start, a.end) {
        if cp_slice(text, s, e) == Some(exact) {
            return Some((s, e));
        }
    }
    let len = exact.chars().count();
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    for (byte, _) in text.match_indices(exact) {
        let before = &text[..byte];
        let after = &text[byte + exact.len()..];
        let score = common_suffix(before, &a.prefix) + common_prefix(after, &a.suffix);
        let start = byte_to_cp(text, byte)?;
        let distance = a.start.map(|s| s.abs_diff(start)).unwrap_or(0);
        let better = match best {
            None => true,
            Some((bs, bd, _)) => score > bs || (score == bs && distance < bd),
        };
        if better {
            best = Some((score, distance, start));
        }
    }
    best.map(|(_, _, s)| (s, s + len))
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(exact: &str, prefix: &str, suffix: &str, start: Option<usize>) -> ParsedAnnotation {
        ParsedAnnotation {
            exact: Some(exact.into()),
            prefix: prefix.into(),
            suffix: suffix.into(),
            start,
            end: start.map(|s| s + exact.chars().count()),
            ..Default::default()
        }
    }

    #[test]
    fn anchor_uses_the_position_when_the_quote_is_still_there() {
        let text = "Sora来了。Sora会替代人吗？";
        assert_eq!(anchor(text, &quote("Sora", "", "", Some(7))), Some((7, 11)));
    }

    #[test]
    fn anchor_falls_back_to_the_best_matching_context() {
        let text = "甲：Sora来了。乙：Sora会替代人吗？";
        // Stale position; the prefix says it is the second mention.
        assert_eq!(
            anchor(text, &quote("Sora", "乙：", "会替代", Some(0))),
            Some((11, 15))
        );
        assert_eq!(anchor(text, &quote("不在文中", "", "", None)), None);
    }

    #[test]
    fn guids_have_the_refi_and_uuid_shape_and_are_stable() {
        let g = guid("x");
        assert_eq!(g, guid("x"));
        assert_ne!(g, guid("y"));
        let parts: Vec<&str> = g.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![8, 4, 4, 4, 12]
        );
        assert!(g.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }

    #[test]
    fn parse_reads_bodies_selectors_and_embedded_or_bare_forms() {
        let doc = json!([{
            "@context": CONTEXT, "id": "urn:uuid:1", "type": "Annotation",
            "body": [
                {"type": "TextualBody", "purpose": "commenting", "value": "要点"},
                {"type": "TextualBody", "purpose": "tagging", "value": "技术原理"},
                {"type": "TextualBody", "purpose": ["tagging"], "value": "技术原理"}
            ],
            "target": {"type": "SpecificResource", "source": {"id": "urn:pizhu:article:abc"},
                       "selector": {"type": "TextQuoteSelector", "exact": "Sora", "prefix": "p", "suffix": "s"}}
        }, {"type": "Other"}]);
        let parsed = parse(doc.to_string().as_bytes()).unwrap();
        assert_eq!(parsed.len(), 1);
        let a = &parsed[0];
        assert_eq!(a.note, "要点");
        assert_eq!(a.tags, vec!["技术原理"]);
        assert_eq!(a.article_hash(), Some("abc"));
        assert_eq!(
            (a.exact.as_deref(), a.prefix.as_str(), a.suffix.as_str()),
            (Some("Sora"), "p", "s")
        );
        assert!(
            parse(b"{\"type\": \"AnnotationCollection\", \"first\": {\"items\": []}}").is_err()
        );
        assert!(parse(b"not json").is_err());
    }
}
