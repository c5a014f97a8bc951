//! EndNote tagged text (`.enw`, CNKI's "EndNote" export): `%0 Journal Article`
//! starts a record, then `%A`, `%T`, `%J`… one per line. Tags as EndNote's
//! import filters define them (`%>` file attachment, `%[` access date).

use pizhu_core::reference::{CreatorRole, ItemType};

use super::fields::endnote_name;
use super::tagged::{Builder, Field};
use super::{RecordError, RefRecord};

/// EndNote's reference type names (NoteExpress uses the same), and the Chinese
/// ones some Chinese exports write.
pub fn item_type(name: &str) -> ItemType {
    let n = name.trim().to_ascii_lowercase();
    match n.as_str() {
        "journal article" | "electronic article" | "magazine article" | "期刊文章" | "期刊" => {
            ItemType::JournalArticle
        }
        "newspaper article" | "报纸文章" | "报纸" => ItemType::NewspaperArticle,
        "web page" | "electronic source" | "blog" | "网页" => ItemType::Webpage,
        "book" | "edited book" | "electronic book" | "图书" | "专著" | "书籍" => {
            ItemType::Book
        }
        "book section" | "electronic book section" | "图书章节" => ItemType::BookSection,
        "thesis" | "dissertation" | "学位论文" | "硕士论文" | "博士论文" => {
            ItemType::Thesis
        }
        "report" | "报告" => ItemType::Report,
        "conference paper" | "conference proceedings" | "会议论文" | "会议" => {
            ItemType::ConferencePaper
        }
        "standard" | "标准" => ItemType::Standard,
        _ => ItemType::Other,
    }
}

fn field(tag: char) -> Option<Field> {
    Some(match tag {
        'T' => Field::Title,
        'A' => Field::Creator(CreatorRole::Author),
        'E' => Field::Creator(CreatorRole::Editor),
        'H' => Field::Creator(CreatorRole::Translator),
        'J' => Field::Container,
        // %B is the secondary title: the book of a section, the conference, or
        // (in some journal exports) the journal.
        'B' => Field::Container,
        'V' => Field::Volume,
        'N' => Field::NumberOrIssue,
        'P' => Field::Pages,
        'D' => Field::Year,
        '8' => Field::Date,
        'U' => Field::Url,
        '[' => Field::Accessed,
        'R' => Field::Doi,
        '@' => Field::IsbnIssn,
        'I' => Field::Publisher,
        'C' => Field::Place,
        '7' => Field::Edition,
        '9' => Field::Genre,
        'G' => Field::Language,
        'X' => Field::Abstract,
        'K' => Field::Keywords,
        '>' => Field::Attachment,
        _ => return None,
    })
}

/// `%X value`: a percent sign, one tag character, a space.
fn tag_of(line: &str) -> Option<(char, &str)> {
    let rest = line.strip_prefix('%')?;
    let mut chars = rest.chars();
    let tag = chars.next()?;
    let value = chars.as_str();
    (value.is_empty() || value.starts_with(' ')).then(|| (tag, value.trim()))
}

pub fn parse(text: &str) -> Vec<Result<RefRecord, RecordError>> {
    let mut out = Vec::new();
    let mut current: Option<(Builder, Option<Field>)> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            // A blank line ends a record; EndNote writes one between records.
            if let Some((b, _)) = current.take() {
                out.push(b.finish());
            }
            continue;
        }
        match tag_of(line) {
            Some(('0', value)) => {
                if let Some((b, _)) = current.take() {
                    out.push(b.finish());
                }
                let mut b = Builder::new(out.len() + 1, n, endnote_name, true);
                b.set_type(item_type(value));
                current = Some((b, None));
            }
            Some((tag, value)) => match &mut current {
                Some((b, last)) => {
                    let f = field(tag);
                    *last = f;
                    if let Some(f) = f {
                        b.add(f, value);
                    }
                }
                None => out.push(Err(RecordError {
                    record: out.len() + 1,
                    line: Some(n),
                    reason: format!("%{tag} before the %0 line that starts a record"),
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
                        reason: format!("not an EndNote line (expected `%X value`): {line:.40}"),
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
