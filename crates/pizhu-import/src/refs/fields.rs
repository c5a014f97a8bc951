//! Field readers shared by the reference parsers: dates, names, keyword lists,
//! ISBN/ISSN.

use pizhu_core::reference::{is_han_name, Name, PartialDate};

/// A date as the formats write it: `2020`, `2020-03`, `2020/03/15/`,
/// `2020-03-15T…`, `2020.3`, `2020年3月15日`. The first four-digit number is the
/// year; up to two more numbers are month and day if they are in range.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let numbers: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let at = numbers.iter().position(|n| n.len() == 4)?;
    let year: i32 = numbers[at].parse().ok()?;
    let mut rest = numbers[at + 1..].iter().map(|n| n.parse::<u32>().ok());
    let month = rest
        .next()
        .flatten()
        .filter(|m| (1..=12).contains(m))
        .map(|m| m as u8);
    let day = month.and_then(|_| {
        rest.next()
            .flatten()
            .filter(|d| (1..=31).contains(d))
            .map(|d| d as u8)
    });
    Some(PartialDate { year, month, day })
}

/// Chinese personal names are two to four characters (a compound surname and a
/// two-character given name at most); a longer all-Han name is an institution
/// (`国家电影局`). Names with a middle dot are transliterated foreign names.
fn han_is_person(s: &str) -> bool {
    s.chars().count() <= 4 || s.contains(['·', '•'])
}

/// A name written with a comma is `Family, Given`; when both parts are Han it
/// is a Chinese name split by the exporter and is joined back whole.
fn family_given(family: &str, given: &str) -> Name {
    let (family, given) = (family.trim(), given.trim());
    if is_han_name_pair(family, given) {
        return Name::Whole {
            name: format!("{family}{given}"),
        };
    }
    Name::Person {
        family: family.to_string(),
        given: given.to_string(),
    }
}

/// Family and given both Han (given may be empty): a Chinese name that an
/// exporter split, to be joined back whole.
pub fn is_han_name_pair(family: &str, given: &str) -> bool {
    is_han_name(family) && (given.is_empty() || is_han_name(given))
}

/// A name with no comma: Han names by length, anything else as `fallback` says.
fn single_field(s: &str, fallback: impl Fn(&str) -> Name) -> Name {
    if is_han_name(s) {
        if han_is_person(s) {
            Name::Whole {
                name: s.to_string(),
            }
        } else {
            Name::Institution {
                name: s.to_string(),
            }
        }
    } else {
        fallback(s)
    }
}

/// A single-field name (Zotero's `fieldMode` 1, RIS without a comma): a Chinese
/// personal name written whole, else an institution.
pub fn single_field_name(s: &str) -> Name {
    single_field(s.trim(), |s| Name::Institution {
        name: s.to_string(),
    })
}

/// RIS (and NoteExpress) names: persons are `Family, Given`; a name without a
/// comma is a single-field name, which for Latin script means an institution
/// (Zotero's convention).
pub fn ris_name(s: &str) -> Option<Name> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    Some(match s.split_once(',') {
        Some((family, given)) => family_given(family, given),
        None => single_field(s, |s| Name::Institution {
            name: s.to_string(),
        }),
    })
}

/// EndNote names: `Family, Given` for persons, a trailing comma marks an
/// institution (EndNote's own rule); otherwise as typed.
pub fn endnote_name(s: &str) -> Option<Name> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(inst) = s.strip_suffix(',') {
        return Some(Name::Institution {
            name: inst.trim().to_string(),
        });
    }
    Some(match s.split_once(',') {
        Some((family, given)) => family_given(family, given),
        None => single_field(s, Name::parse),
    })
}

/// Keyword lists as CNKI writes them: `甲;乙；丙,丁` (any of the separators).
pub fn split_list(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split([';', '；', ',', '，', '、'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
}

/// Split names listed in one field with semicolons (`潘紫麟;刘庆鹏;`).
pub fn split_names(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// An ISSN has eight characters (`1006-2084`); an ISBN ten or thirteen.
pub fn is_issn(s: &str) -> bool {
    let core: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    core.len() == 8
}

/// `Some(trimmed)` when not blank.
pub fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_shapes_exporters_write() {
        let d = |y, m, day| {
            Some(PartialDate {
                year: y,
                month: m,
                day,
            })
        };
        assert_eq!(parse_date("2020"), d(2020, None, None));
        assert_eq!(parse_date("2020/03/15/"), d(2020, Some(3), Some(15)));
        assert_eq!(parse_date("2020-03"), d(2020, Some(3), None));
        assert_eq!(parse_date("2021年11月"), d(2021, Some(11), None));
        assert_eq!(parse_date("2020-13-01"), d(2020, None, None));
        assert_eq!(parse_date("n.d."), None);
    }

    #[test]
    fn names_by_script_and_comma() {
        assert_eq!(
            ris_name("Smith, John"),
            Some(Name::Person {
                family: "Smith".into(),
                given: "John".into()
            })
        );
        assert_eq!(
            ris_name("欧阳修"),
            Some(Name::Whole {
                name: "欧阳修".into()
            })
        );
        assert_eq!(
            ris_name("张, 三"),
            Some(Name::Whole {
                name: "张三".into()
            })
        );
        assert_eq!(
            ris_name("国家新闻出版署"),
            Some(Name::Institution {
                name: "国家新闻出版署".into()
            })
        );
        assert_eq!(
            endnote_name("World Health Organization,"),
            Some(Name::Institution {
                name: "World Health Organization".into()
            })
        );
    }
}
