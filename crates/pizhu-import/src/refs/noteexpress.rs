//! NoteExpress (CNKI's "NoteExpress" export, `.net`): `{Reference Type}: Journal
//! Article` starts a record, then `{Title}: …`, `{Author}: 潘紫麟;刘庆鹏;` (names
//! in one field split by `;`, or one field per name), `{Keywords}: 甲;乙`.

use pizhu_core::reference::CreatorRole;

use super::endnote::item_type;
use super::fields::ris_name;
use super::tagged::{Builder, Field};
use super::{RecordError, RefRecord};

/// `{Name}: value`.
fn field_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix('{')?;
    let (name, value) = rest.split_once("}:")?;
    (!name.is_empty() && !name.contains(['{', '}'])).then(|| (name.trim(), value.trim()))
}

pub fn is_field_line(line: &str) -> bool {
    field_line(line).is_some()
}

fn field(name: &str) -> Option<Field> {
    Some(match name.to_ascii_lowercase().as_str() {
        "title" => Field::Title,
        "author" => Field::Creator(CreatorRole::Author),
        "editor" | "secondary author" => Field::Creator(CreatorRole::Editor),
        "translator" => Field::Creator(CreatorRole::Translator),
        "journal" | "secondary title" | "source" | "newspaper" => Field::Container,
        "volume" => Field::Volume,
        "issue" | "number of volumes" => Field::Issue,
        "pages" => Field::Pages,
        "year" => Field::Year,
        "date" | "pubtime" => Field::Date,
        "url" | "link" => Field::Url,
        "access date" => Field::Accessed,
        "doi" => Field::Doi,
        "isbn/issn" | "isbn" | "issn" => Field::IsbnIssn,
        "publisher" | "university" => Field::Publisher,
        "place published" => Field::Place,
        "edition" => Field::Edition,
        "number" | "report number" | "standard number" => Field::Number,
        "type of work" | "thesis type" => Field::Genre,
        "language" => Field::Language,
        "abstract" => Field::Abstract,
        "keywords" | "keyword" => Field::Keywords,
        "file attachments" | "attachment" => Field::Attachment,
        _ => return None,
    })
}

/// Names: `Family, Given` for Western names (as in RIS), Han names whole; one
/// field may list several split by `;`.
fn name(s: &str) -> Option<pizhu_core::reference::Name> {
    ris_name(s)
}

pub fn parse(text: &str) -> Vec<Result<RefRecord, RecordError>> {
    let mut out = Vec::new();
    let mut current: Option<(Builder, Option<Field>)> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        match field_line(line) {
            Some((key, value)) if key.eq_ignore_ascii_case("Reference Type") => {
                if let Some((b, _)) = current.take() {
                    out.push(b.finish());
                }
                let mut b = Builder::new(out.len() + 1, n, name, true);
                b.set_type(item_type(value));
                current = Some((b, None));
            }
            Some((key, value)) => match &mut current {
                Some((b, last)) => {
                    *last = field(key);
                    if let Some(f) = *last {
                        b.add(f, value);
                    }
                }
                None => out.push(Err(RecordError {
                    record: out.len() + 1,
                    line: Some(n),
                    reason: format!(
                        "{{{key}}} before the {{Reference Type}} line that starts a record"
                    ),
                })),
            },
            None => match &mut current {
                Some((b, Some(f @ (Field::Abstract | Field::Title)))) => b.continue_field(*f, line),
                Some((b, _)) => {
                    let record = b.record;
                    current = None;
                    out.push(Err(RecordError {
                        record,
                        line: Some(n),
                        reason: format!(
                            "not a NoteExpress line (expected `{{Field}}: value`): {line:.40}"
                        ),
                    }));
                }
                None => {}
            },
        }
    }
    if let Some((b, _)) = current {
        out.push(b.finish());
    }
    out
}
