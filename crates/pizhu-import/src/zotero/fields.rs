//! Zotero's item types, field names and creator types mapped to [`Reference`].
//! Names as in Zotero's global schema (the same names its API and exports use).

use pizhu_core::reference::{CreatorRole, ItemType, Name, Reference};

use crate::refs::fields::{parse_date, single_field_name, split_list};

pub fn item_type(name: &str) -> ItemType {
    match name {
        "journalArticle" | "magazineArticle" | "preprint" => ItemType::JournalArticle,
        "newspaperArticle" => ItemType::NewspaperArticle,
        "webpage" | "blogPost" | "forumPost" => ItemType::Webpage,
        "book" => ItemType::Book,
        "bookSection" | "encyclopediaArticle" | "dictionaryEntry" => ItemType::BookSection,
        "thesis" => ItemType::Thesis,
        "report" => ItemType::Report,
        "conferencePaper" => ItemType::ConferencePaper,
        "standard" => ItemType::Standard,
        _ => ItemType::Other,
    }
}

pub fn role(creator_type: &str) -> CreatorRole {
    match creator_type {
        "editor" | "seriesEditor" => CreatorRole::Editor,
        "translator" => CreatorRole::Translator,
        _ => CreatorRole::Author,
    }
}

/// Zotero's two-field names (`fieldMode` 0) are family and given; single-field
/// names (`fieldMode` 1) are institutions, or Chinese names written whole.
pub fn name(first: &str, last: &str, field_mode: i64) -> Option<Name> {
    let (first, last) = (first.trim(), last.trim());
    if last.is_empty() && first.is_empty() {
        return None;
    }
    if field_mode == 1 || first.is_empty() {
        return Some(single_field_name(last));
    }
    if pizhu_core::reference::is_han_name(last) && pizhu_core::reference::is_han_name(first) {
        return Some(Name::Whole {
            name: format!("{last}{first}"),
        });
    }
    Some(Name::Person {
        family: last.to_string(),
        given: first.to_string(),
    })
}

/// Zotero stores dates as `YYYY-MM-DD original` with `00` for unknown parts.
fn zotero_date(v: &str) -> Option<pizhu_core::reference::PartialDate> {
    let sql = v.split_whitespace().next().unwrap_or(v);
    let mut d = parse_date(sql)?;
    // parse_date drops a 00 month; keep it dropped, and a 00 day with it.
    if d.month.is_none() {
        d.day = None;
    }
    Some(d)
}

/// Set one Zotero field on the reference; `title` is returned separately.
pub fn apply(r: &mut Reference, field: &str, value: &str) {
    let v = Some(value.trim().to_string()).filter(|v| !v.is_empty());
    let Some(v) = v else { return };
    let slot = |s: &mut Option<String>| {
        if s.is_none() {
            *s = Some(v.clone());
        }
    };
    match field {
        "publicationTitle" | "websiteTitle" | "bookTitle" | "proceedingsTitle" | "blogTitle"
        | "forumTitle" | "encyclopediaTitle" | "dictionaryTitle" => slot(&mut r.container_title),
        "volume" => slot(&mut r.volume),
        "issue" => slot(&mut r.issue),
        "pages" => slot(&mut r.pages),
        "date" => r.issued = zotero_date(&v).or(r.issued),
        "url" => slot(&mut r.url),
        "accessDate" => r.accessed = zotero_date(&v).or(r.accessed),
        "DOI" => slot(&mut r.doi),
        "ISBN" => slot(&mut r.isbn),
        "ISSN" => slot(&mut r.issn),
        "publisher" | "university" | "institution" | "organization" => slot(&mut r.publisher),
        "place" => slot(&mut r.publisher_place),
        "edition" => slot(&mut r.edition),
        "number" | "reportNumber" => slot(&mut r.number),
        "thesisType" | "reportType" | "websiteType" | "genre" | "type" => slot(&mut r.genre),
        "language" => slot(&mut r.language),
        "abstractNote" => slot(&mut r.abstract_note),
        // Zotero 7 stores extra keywords nowhere else; tags become keywords.
        "keywords" => r.keywords.extend(split_list(&v)),
        _ => {}
    }
}
