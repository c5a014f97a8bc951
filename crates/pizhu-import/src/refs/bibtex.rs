//! BibTeX and BibLaTeX, read with the `biblatex` crate (the typst project's
//! parser). The crate parses a whole file or fails, so the file is cut into
//! entries at each `@` that starts a line and every entry is parsed alone (with
//! the file's `@string` abbreviations before it): a broken entry is reported
//! with its line and the rest import.

use biblatex::{Bibliography, Chunk, ChunksExt, EntryType, Person, Spanned};
use pizhu_core::reference::{Creator, CreatorRole, ItemType, Name, Reference};

use super::fields::{is_han_name_pair, parse_date, split_list};
use super::{RecordError, RefRecord};

/// One `@…` block of the file and the line it starts on.
struct Block<'a> {
    line: usize,
    text: &'a str,
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with('@') {
            starts.push((i + 1, offset));
        }
        offset += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &(line, start))| {
            let end = starts.get(k + 1).map_or(text.len(), |&(_, e)| e);
            Block {
                line,
                text: &text[start..end],
            }
        })
        .collect()
}

fn kind_of(block: &str) -> String {
    block
        .trim_start()
        .trim_start_matches('@')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

pub fn parse(text: &str) -> Vec<Result<RefRecord, RecordError>> {
    let blocks = blocks(text);
    let strings: String = blocks
        .iter()
        .filter(|b| kind_of(b.text) == "string")
        .map(|b| b.text)
        .collect();
    let mut out = Vec::new();
    for block in blocks
        .iter()
        .filter(|b| !matches!(kind_of(b.text).as_str(), "string" | "comment" | "preamble"))
    {
        let record = out.len() + 1;
        let source = format!("{strings}{}", block.text);
        let parsed = match Bibliography::parse(&source) {
            Ok(bib) => bib
                .into_vec()
                .into_iter()
                .next()
                .ok_or_else(|| RecordError {
                    record,
                    line: Some(block.line),
                    reason: "not a BibTeX entry".into(),
                }),
            Err(e) => {
                let at = e
                    .span
                    .start
                    .saturating_sub(strings.len())
                    .min(block.text.len());
                let line = block.line + block.text[..at].matches('\n').count();
                Err(RecordError {
                    record,
                    line: Some(line),
                    reason: format!("BibTeX syntax: {}", e.kind),
                })
            }
        };
        out.push(parsed.and_then(|entry| entry_to_record(&entry, record, block.line)));
    }
    out
}

fn item_type(entry: &biblatex::Entry, get: &dyn Fn(&str) -> Option<String>) -> ItemType {
    use EntryType as E;
    match &entry.entry_type {
        E::Article => match get("entrysubtype").as_deref() {
            Some("newspaper") => ItemType::NewspaperArticle,
            _ => ItemType::JournalArticle,
        },
        E::Book | E::MvBook | E::Booklet | E::Collection | E::MvCollection | E::Proceedings => {
            ItemType::Book
        }
        E::InBook | E::InCollection | E::BookInBook | E::SuppBook | E::InReference => {
            ItemType::BookSection
        }
        E::InProceedings => ItemType::ConferencePaper,
        E::MastersThesis | E::PhdThesis | E::Thesis => ItemType::Thesis,
        E::TechReport | E::Report => ItemType::Report,
        E::Online => ItemType::Webpage,
        E::Unknown(t) => match t.as_str() {
            "standard" => ItemType::Standard,
            "newspaper" => ItemType::NewspaperArticle,
            "www" | "webpage" | "electronic" => ItemType::Webpage,
            "conference" => ItemType::ConferencePaper,
            _ => ItemType::Other,
        },
        _ => ItemType::Other,
    }
}

/// Split a name list at ` and ` outside braces (a braced `{A and B}` is one name).
fn split_names(chunks: &[Spanned<Chunk>]) -> Vec<Vec<Spanned<Chunk>>> {
    let mut names = vec![Vec::new()];
    for c in chunks {
        match &c.v {
            Chunk::Normal(s) => {
                let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
                // Keep edge spaces so ` and ` at a chunk boundary is seen.
                let padded = format!(
                    "{}{collapsed}{}",
                    if s.starts_with(char::is_whitespace) {
                        " "
                    } else {
                        ""
                    },
                    if s.ends_with(char::is_whitespace) {
                        " "
                    } else {
                        ""
                    }
                );
                let mut parts = padded.split(" and ");
                if let Some(first) = parts.next() {
                    push_normal(names.last_mut().expect("one"), first);
                }
                for part in parts {
                    names.push(Vec::new());
                    push_normal(names.last_mut().expect("one"), part);
                }
            }
            _ => names.last_mut().expect("one").push(c.clone()),
        }
    }
    names.retain(|n| !n.iter().all(|c| c.v.get().trim().is_empty()));
    names
}

fn push_normal(name: &mut Vec<Spanned<Chunk>>, s: &str) {
    if !s.is_empty() {
        name.push(Spanned::detached(Chunk::Normal(s.to_string())));
    }
}

fn name_of(chunks: &[Spanned<Chunk>]) -> Name {
    let meaningful: Vec<&Spanned<Chunk>> = chunks
        .iter()
        .filter(|c| !c.v.get().trim().is_empty())
        .collect();
    // `{World Health Organization}`: a braced whole name is an institution.
    if let [only] = meaningful.as_slice() {
        if let Chunk::Verbatim(s) = &only.v {
            return Name::Institution {
                name: s.trim().to_string(),
            };
        }
    }
    let p = Person::parse(chunks);
    let family = match p.prefix.is_empty() {
        true => p.name.clone(),
        false => format!("{} {}", p.prefix, p.name),
    };
    let given = match p.suffix.is_empty() {
        true => p.given_name.clone(),
        false => format!("{}, {}", p.given_name, p.suffix),
    };
    if is_han_name_pair(&family, &given) {
        Name::Whole {
            name: format!("{family}{given}"),
        }
    } else {
        Name::Person { family, given }
    }
}

/// A `file` field as Zotero and JabRef write it: `Description:path:mime`,
/// several separated by `;`; or a bare path.
fn attachments(field: &str) -> Vec<String> {
    field
        .split(';')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| {
            let parts: Vec<&str> = f.split(':').collect();
            match parts.as_slice() {
                [_, path, mime] if mime.contains('/') => path.to_string(),
                [_, drive, rest @ .., mime] if mime.contains('/') && drive.len() == 1 => {
                    format!("{drive}:{}", rest.join(":"))
                }
                _ => f.to_string(),
            }
        })
        .collect()
}

fn month_number(s: &str) -> Option<u8> {
    if let Ok(n) = s.trim().parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = s.trim().to_ascii_lowercase();
    names
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u8 + 1)
}

fn entry_to_record(
    entry: &biblatex::Entry,
    record: usize,
    line: usize,
) -> Result<RefRecord, RecordError> {
    let get = |key: &str| -> Option<String> {
        entry
            .get(key)
            .map(|c| c.format_verbatim().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let first = |keys: &[&str]| keys.iter().find_map(|k| get(k));
    let mut r = Reference {
        item_type: item_type(entry, &get),
        ..Reference::default()
    };
    for (key, role) in [
        ("author", CreatorRole::Author),
        ("editor", CreatorRole::Editor),
        ("translator", CreatorRole::Translator),
    ] {
        if let Some(chunks) = entry.get(key) {
            for name in split_names(chunks) {
                r.creators.push(Creator {
                    role,
                    name: name_of(&name),
                });
            }
        }
    }
    let article = matches!(
        r.item_type,
        ItemType::JournalArticle | ItemType::NewspaperArticle
    );
    r.container_title = first(&["journaltitle", "journal", "booktitle", "maintitle"]);
    r.volume = get("volume");
    if article {
        // BibTeX's `number` of an article is its issue; `eid` its article number.
        r.issue = first(&["number", "issue"]);
        r.number = get("eid");
    } else {
        r.issue = get("issue");
        r.number = get("number");
    }
    // The crate reads `--` as an en dash; Pizhu keeps page ranges with a hyphen.
    r.pages = get("pages").map(|p| p.replace('–', "-"));
    r.issued = get("date").and_then(|d| parse_date(&d)).or_else(|| {
        let mut d = parse_date(&get("year")?)?;
        d.month = get("month").and_then(|m| month_number(&m));
        d.day = d.month.and(get("day")).and_then(|x| x.parse().ok());
        Some(d)
    });
    r.url = get("url");
    r.accessed = get("urldate").and_then(|d| parse_date(&d));
    r.doi = get("doi");
    r.isbn = get("isbn");
    r.issn = get("issn");
    r.publisher = first(&["publisher", "institution", "school", "organization"]);
    r.publisher_place = first(&["location", "address"]);
    r.edition = get("edition");
    r.genre = get("type");
    r.language = first(&["langid", "language"]);
    r.abstract_note = get("abstract");
    r.keywords = get("keywords")
        .map(|k| split_list(&k).collect())
        .unwrap_or_default();
    r.source_link = get("sourcelink");
    let files = get("file").map(|f| attachments(&f)).unwrap_or_default();
    super::finish(record, line, get("title"), r, files)
}
