//! [`Reference`] → a CSL-JSON item, the input every CSL processor reads (hayagriva
//! here, citeproc-js in the oracle test). The one place the mapping is written.

use pizhu_core::reference::{is_han_name, split_chinese_name};
use pizhu_core::{CreatorRole, Name, PartialDate, Reference};
use serde_json::{json, Map, Value};

/// The CSL-JSON item for an article: `id` is the key citations refer to.
pub fn csl_json(id: &str, title: &str, r: &Reference) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("type".into(), json!(r.item_type.csl()));
    if !title.trim().is_empty() {
        m.insert("title".into(), json!(title.trim()));
    }
    for (role, var) in [
        (CreatorRole::Author, "author"),
        (CreatorRole::Editor, "editor"),
        (CreatorRole::Translator, "translator"),
    ] {
        let names: Vec<Value> = r
            .creators
            .iter()
            .filter(|c| c.role == role)
            .map(|c| csl_name(&c.name))
            .collect();
        if !names.is_empty() {
            m.insert(var.into(), Value::Array(names));
        }
    }
    let text_fields = [
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
    for (var, value) in text_fields {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            m.insert(var.into(), json!(v));
        }
    }
    if let Some(d) = r.issued {
        m.insert("issued".into(), csl_date(d));
    }
    if let Some(d) = r.accessed {
        m.insert("accessed".into(), csl_date(d));
    }
    if !r.keywords.is_empty() {
        m.insert("keyword".into(), json!(r.keywords.join(", ")));
    }
    Value::Object(m)
}

/// Western names by part; Chinese personal names split into family and given
/// (compound surnames kept whole) so a style can print or sort by family name;
/// institutions and anything else literal.
fn csl_name(name: &Name) -> Value {
    match name {
        Name::Person { family, given } if given.trim().is_empty() => {
            json!({ "family": family.trim() })
        }
        Name::Person { family, given } => json!({ "family": family.trim(), "given": given.trim() }),
        Name::Whole { name } if is_han_name(name) && name.trim().chars().count() > 1 => {
            let (family, given) = split_chinese_name(name);
            json!({ "family": family, "given": given })
        }
        Name::Whole { name } | Name::Institution { name } => json!({ "literal": name.trim() }),
    }
}

fn csl_date(d: PartialDate) -> Value {
    let mut parts = vec![json!(d.year)];
    if let Some(m) = d.month {
        parts.push(json!(m));
        if let Some(day) = d.day {
            parts.push(json!(day));
        }
    }
    json!({ "date-parts": [parts] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pizhu_core::{Creator, ItemType};

    #[test]
    fn names_map_by_kind_and_compound_surnames_stay_whole() {
        let r = Reference {
            item_type: ItemType::JournalArticle,
            creators: vec![
                Creator {
                    role: CreatorRole::Author,
                    name: Name::Whole {
                        name: "欧阳修".into(),
                    },
                },
                Creator {
                    role: CreatorRole::Author,
                    name: Name::Person {
                        family: "Lee".into(),
                        given: "Mary Ann".into(),
                    },
                },
                Creator {
                    role: CreatorRole::Editor,
                    name: Name::Institution {
                        name: "国家电影局".into(),
                    },
                },
            ],
            issued: Some(PartialDate {
                year: 2024,
                month: Some(3),
                day: None,
            }),
            ..Default::default()
        };
        let v = csl_json("1", "标题", &r);
        assert_eq!(v["type"], "article-journal");
        assert_eq!(v["author"][0], json!({"family": "欧阳", "given": "修"}));
        assert_eq!(
            v["author"][1],
            json!({"family": "Lee", "given": "Mary Ann"})
        );
        assert_eq!(v["editor"][0], json!({"literal": "国家电影局"}));
        assert_eq!(v["issued"], json!({"date-parts": [[2024, 3]]}));
        assert!(
            v.get("container-title").is_none(),
            "missing fields are left out"
        );
    }
}
