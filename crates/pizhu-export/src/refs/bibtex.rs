//! BibLaTeX, written with the `biblatex` crate (which escapes what LaTeX needs).
//! Persons as `Family, Given`; Chinese names written whole as they are (read
//! back as one family name); institutions in braces, the BibTeX convention for
//! a name that must not be split. An article's issue is `number` (as BibTeX
//! has it) and its article number `eid`.

use biblatex::{Chunk, Entry, EntryType, Spanned};
use pizhu_core::reference::{CreatorRole, ItemType, Name};

use super::{iso_date, RefItem};

fn entry_type(t: ItemType) -> EntryType {
    match t {
        ItemType::JournalArticle | ItemType::NewspaperArticle => EntryType::Article,
        ItemType::Webpage => EntryType::Online,
        ItemType::Book => EntryType::Book,
        ItemType::BookSection => EntryType::InCollection,
        ItemType::Thesis => EntryType::Thesis,
        ItemType::Report => EntryType::Report,
        ItemType::ConferencePaper => EntryType::InProceedings,
        ItemType::Standard => EntryType::Unknown("standard".into()),
        ItemType::Other => EntryType::Misc,
    }
}

fn verbatim(s: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::detached(Chunk::Verbatim(s.to_string()))]
}

fn normal(s: &str) -> Spanned<Chunk> {
    Spanned::detached(Chunk::Normal(s.to_string()))
}

fn names(list: &[&Name]) -> Vec<Spanned<Chunk>> {
    let mut chunks = Vec::new();
    for (i, n) in list.iter().enumerate() {
        if i > 0 {
            chunks.push(normal(" and "));
        }
        match n {
            Name::Person { family, given } => chunks.push(normal(&format!("{family}, {given}"))),
            Name::Whole { name } if !name.contains([' ', ',']) => chunks.push(normal(name)),
            Name::Whole { name } | Name::Institution { name } => {
                chunks.push(Spanned::detached(Chunk::Verbatim(name.clone())))
            }
        }
    }
    chunks
}

/// `smith2019`, `ref2019`: ASCII letters of the first family name and the year,
/// made unique with a letter.
fn key(it: &RefItem, taken: &mut std::collections::HashSet<String>) -> String {
    let r = it.reference;
    let base: String = match r.creators.first().map(|c| &c.name) {
        Some(Name::Person { family, .. }) => family
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase(),
        _ => String::new(),
    };
    let base = if base.is_empty() {
        "ref".to_string()
    } else {
        base
    };
    let year = r.issued.map(|d| d.year.to_string()).unwrap_or_default();
    let stem = format!("{base}{year}");
    let mut k = stem.clone();
    let mut suffix = b'a';
    while !taken.insert(k.clone()) {
        k = format!("{stem}{}", suffix as char);
        suffix = suffix.wrapping_add(1);
        if suffix > b'z' {
            k = format!("{stem}-{}", it.id);
        }
    }
    k
}

pub fn write(items: &[RefItem]) -> String {
    let mut out = String::new();
    let mut taken = std::collections::HashSet::new();
    for it in items {
        let r = it.reference;
        let mut e = Entry::new(key(it, &mut taken), entry_type(r.item_type));
        let mut set = |field: &str, value: &Option<String>| {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                e.set(field, verbatim(v));
            }
        };
        set("title", &Some(it.title.to_string()));
        let article = matches!(
            r.item_type,
            ItemType::JournalArticle | ItemType::NewspaperArticle
        );
        if r.item_type == ItemType::NewspaperArticle {
            set("entrysubtype", &Some("newspaper".into()));
        }
        set(
            if article { "journal" } else { "booktitle" },
            &r.container_title,
        );
        set("volume", &r.volume);
        if article {
            set("number", &r.issue);
            set("eid", &r.number);
        } else {
            set("issue", &r.issue);
            set("number", &r.number);
        }
        set("pages", &r.pages.as_ref().map(|p| p.replace('-', "--")));
        set("date", &r.issued.as_ref().map(iso_date));
        set("year", &r.issued.as_ref().map(|d| d.year.to_string()));
        set("url", &r.url);
        set("urldate", &r.accessed.as_ref().map(iso_date));
        set("doi", &r.doi);
        set("isbn", &r.isbn);
        set("issn", &r.issn);
        set("publisher", &r.publisher);
        set("address", &r.publisher_place);
        set("edition", &r.edition);
        set("type", &r.genre);
        set("langid", &r.language);
        set("abstract", &r.abstract_note);
        set(
            "keywords",
            &Some(r.keywords.join(", ")).filter(|k| !k.is_empty()),
        );
        set("sourcelink", &r.source_link);
        for (field, role) in [
            ("author", CreatorRole::Author),
            ("editor", CreatorRole::Editor),
            ("translator", CreatorRole::Translator),
        ] {
            let list: Vec<&Name> = r
                .creators
                .iter()
                .filter(|c| c.role == role)
                .map(|c| &c.name)
                .collect();
            if !list.is_empty() {
                e.set(field, names(&list));
            }
        }
        let mut text = e.to_biblatex_string();
        if r.item_type == ItemType::Standard {
            // The crate writes types it does not know as @misc; BibLaTeX 3.x has @standard.
            text = text.replacen("@misc{", "@standard{", 1);
        }
        out.push_str(&text);
        out.push_str("\n\n");
    }
    out
}
