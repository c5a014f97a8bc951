//! RIS: `TY  - JOUR` … `ER  - `, one tag per line. Tags follow the RIS
//! specification and Zotero's use of it (A2 editor, A4 translator, L1 file).

use pizhu_core::reference::{CreatorRole, ItemType};

use super::fields::ris_name;
use super::tagged::{Builder, Field};
use super::{RecordError, RefRecord};

/// `XY  - value`: two characters (a capital letter, then a capital or digit), two
/// spaces, a hyphen.
pub fn is_tag_line(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 5
        && b[0].is_ascii_uppercase()
        && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
        && &b[2..5] == b"  -"
}

pub fn item_type(ty: &str) -> ItemType {
    match ty.trim() {
        "JOUR" | "JFULL" | "MGZN" | "EJOUR" | "ABST" | "INPR" => ItemType::JournalArticle,
        "NEWS" => ItemType::NewspaperArticle,
        "ELEC" | "WEB" | "BLOG" | "ICOMM" => ItemType::Webpage,
        "BOOK" | "EBOOK" | "EDBOOK" | "WHOLE" => ItemType::Book,
        "CHAP" | "ECHAP" => ItemType::BookSection,
        "THES" => ItemType::Thesis,
        "RPRT" => ItemType::Report,
        "CONF" | "CPAPER" => ItemType::ConferencePaper,
        "STAND" | "STD" => ItemType::Standard,
        _ => ItemType::Other,
    }
}

fn field(tag: &str) -> Option<Field> {
    Some(match tag {
        "TI" | "T1" => Field::Title,
        "AU" | "A1" => Field::Creator(CreatorRole::Author),
        "A2" | "ED" => Field::Creator(CreatorRole::Editor),
        "A4" => Field::Creator(CreatorRole::Translator),
        // Full names before abbreviations: the first one set wins.
        "T2" | "JF" | "BT" | "JO" | "JA" | "J2" => Field::Container,
        "VL" => Field::Volume,
        "IS" => Field::Issue,
        "SP" => Field::StartPage,
        "EP" => Field::EndPage,
        "DA" | "Y1" => Field::Date,
        "PY" => Field::Year,
        "UR" => Field::Url,
        "Y2" => Field::Accessed,
        "DO" => Field::Doi,
        "SN" => Field::IsbnIssn,
        "PB" => Field::Publisher,
        "CY" => Field::Place,
        "ET" => Field::Edition,
        "M1" => Field::Number,
        "M3" => Field::Genre,
        "LA" => Field::Language,
        "AB" | "N2" => Field::Abstract,
        "KW" => Field::Keywords,
        "L1" => Field::Attachment,
        "L3" => Field::SourceLink,
        _ => return None,
    })
}

pub fn parse(text: &str) -> Vec<Result<RefRecord, RecordError>> {
    let mut out = Vec::new();
    let mut current: Option<(Builder, Option<Field>)> = None;
    // A record that went wrong: skip to its ER without reading more of it.
    let mut skipping = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if !is_tag_line(line) {
            match &mut current {
                // A long abstract or title wrapped onto the next line.
                Some((b, Some(f @ (Field::Abstract | Field::Title)))) => {
                    b.continue_field(*f, line);
                }
                Some((b, _)) => {
                    let record = b.record;
                    current = None;
                    skipping = true;
                    out.push(Err(RecordError {
                        record,
                        line: Some(n),
                        reason: format!("not a RIS line (expected `XY  - value`): {line:.40}"),
                    }));
                }
                None if skipping => {}
                None => out.push(Err(RecordError {
                    record: out.len() + 1,
                    line: Some(n),
                    reason: format!("text outside a record: {line:.40}"),
                })),
            }
            continue;
        }
        let tag = &line[..2];
        let value = line[5..].trim();
        match tag {
            "TY" => {
                if let Some((b, _)) = current.take() {
                    out.push(Err(RecordError {
                        record: b.record,
                        line: Some(b.line),
                        reason: "the record has no ER line before the next TY".into(),
                    }));
                }
                skipping = false;
                let mut b = Builder::new(out.len() + 1, n, ris_name, false);
                b.set_type(item_type(value));
                current = Some((b, None));
            }
            "ER" => {
                if let Some((b, _)) = current.take() {
                    out.push(b.finish());
                } else if !skipping {
                    out.push(Err(RecordError {
                        record: out.len() + 1,
                        line: Some(n),
                        reason: "ER without a TY line starting the record".into(),
                    }));
                }
                skipping = false;
            }
            _ => match &mut current {
                Some((b, last)) => {
                    *last = field(tag);
                    if let Some(f) = *last {
                        b.add(f, value);
                    }
                }
                None if skipping => {}
                None => {
                    skipping = true;
                    out.push(Err(RecordError {
                        record: out.len() + 1,
                        line: Some(n),
                        reason: format!("{tag} before the TY line that starts a record"),
                    }));
                }
            },
        }
    }
    if let Some((b, _)) = current {
        out.push(Err(RecordError {
            record: b.record,
            line: Some(b.line),
            reason: "the file ends inside this record (no ER line)".into(),
        }));
    }
    out
}
