//! RIS, with the tags Zotero reads: `A2` editor, `A4` translator, `SN` for ISBN
//! and ISSN (told apart by length on the way in), `M1` number, `M3` kind of work,
//! `L3` the link back to the source record. Values are single lines.

use pizhu_core::reference::{CreatorRole, ItemType, Name, PartialDate};

use super::RefItem;

fn type_tag(t: ItemType) -> &'static str {
    match t {
        ItemType::JournalArticle => "JOUR",
        ItemType::NewspaperArticle => "NEWS",
        ItemType::Webpage => "ELEC",
        ItemType::Book => "BOOK",
        ItemType::BookSection => "CHAP",
        ItemType::Thesis => "THES",
        ItemType::Report => "RPRT",
        ItemType::ConferencePaper => "CONF",
        ItemType::Standard => "STAND",
        ItemType::Other => "GEN",
    }
}

/// Persons as `Family, Given`; single-field names (Chinese names written whole,
/// institutions) without a comma, as Zotero writes them.
fn name(n: &Name) -> String {
    match n {
        Name::Person { family, given } => format!("{family}, {given}"),
        Name::Whole { name } | Name::Institution { name } => name.clone(),
    }
}

fn ris_date(d: &PartialDate) -> String {
    let two = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
    format!("{:04}/{}/{}/", d.year, two(d.month), two(d.day))
}

fn line(out: &mut String, tag: &str, value: &str) {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if !value.is_empty() {
        out.push_str(&format!("{tag}  - {value}\r\n"));
    }
}

pub fn write(items: &[RefItem]) -> String {
    let mut out = String::new();
    for it in items {
        let r = it.reference;
        line(&mut out, "TY", type_tag(r.item_type));
        line(&mut out, "TI", it.title);
        for c in &r.creators {
            let tag = match c.role {
                CreatorRole::Author => "AU",
                CreatorRole::Editor => "A2",
                CreatorRole::Translator => "A4",
            };
            line(&mut out, tag, &name(&c.name));
        }
        let opt = |out: &mut String, tag: &str, v: &Option<String>| {
            if let Some(v) = v {
                line(out, tag, v);
            }
        };
        opt(&mut out, "T2", &r.container_title);
        opt(&mut out, "VL", &r.volume);
        opt(&mut out, "IS", &r.issue);
        if let Some(p) = &r.pages {
            match p.split_once('-') {
                Some((start, end)) => {
                    line(&mut out, "SP", start);
                    line(&mut out, "EP", end);
                }
                None => line(&mut out, "SP", p),
            }
        }
        if let Some(d) = &r.issued {
            line(&mut out, "PY", &d.year.to_string());
            line(&mut out, "DA", &ris_date(d));
        }
        opt(&mut out, "UR", &r.url);
        if let Some(d) = &r.accessed {
            line(&mut out, "Y2", &ris_date(d));
        }
        opt(&mut out, "DO", &r.doi);
        opt(&mut out, "SN", &r.isbn);
        opt(&mut out, "SN", &r.issn);
        opt(&mut out, "PB", &r.publisher);
        opt(&mut out, "CY", &r.publisher_place);
        opt(&mut out, "ET", &r.edition);
        opt(&mut out, "M1", &r.number);
        opt(&mut out, "M3", &r.genre);
        opt(&mut out, "LA", &r.language);
        opt(&mut out, "AB", &r.abstract_note);
        for k in &r.keywords {
            line(&mut out, "KW", k);
        }
        opt(&mut out, "L3", &r.source_link);
        out.push_str("ER  - \r\n\r\n");
    }
    out
}
