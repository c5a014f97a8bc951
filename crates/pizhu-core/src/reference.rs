//! What a source is, as a reference manager and a citation style see it: an item
//! type, creators with roles and structured names, and the bibliographic fields.
//!
//! The shape follows CSL-JSON (the variables a CSL processor reads) so that every
//! reference format in and out, and the citation engine, map to it field by field.
//! Chinese personal names are kept whole as written; [`split_chinese_name`] gives
//! family and given when a style needs them.

use serde::{Deserialize, Serialize};

/// The kind of source. Names follow Zotero's item types; [`ItemType::csl`] gives
/// the CSL type a citation style reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ItemType {
    JournalArticle,
    NewspaperArticle,
    Webpage,
    Book,
    BookSection,
    Thesis,
    Report,
    ConferencePaper,
    Standard,
    #[default]
    Other,
}

impl ItemType {
    pub const ALL: [ItemType; 10] = [
        ItemType::JournalArticle,
        ItemType::NewspaperArticle,
        ItemType::Webpage,
        ItemType::Book,
        ItemType::BookSection,
        ItemType::Thesis,
        ItemType::Report,
        ItemType::ConferencePaper,
        ItemType::Standard,
        ItemType::Other,
    ];

    /// The CSL 1.0.2 item type.
    pub fn csl(self) -> &'static str {
        match self {
            ItemType::JournalArticle => "article-journal",
            ItemType::NewspaperArticle => "article-newspaper",
            ItemType::Webpage => "webpage",
            ItemType::Book => "book",
            ItemType::BookSection => "chapter",
            ItemType::Thesis => "thesis",
            ItemType::Report => "report",
            ItemType::ConferencePaper => "paper-conference",
            ItemType::Standard => "standard",
            ItemType::Other => "document",
        }
    }

    /// The item type for a CSL type; types Pizhu does not model become `Other`.
    pub fn from_csl(csl: &str) -> ItemType {
        match csl {
            "article-journal" | "article" | "article-magazine" => ItemType::JournalArticle,
            "article-newspaper" => ItemType::NewspaperArticle,
            "webpage" | "post-weblog" | "post" => ItemType::Webpage,
            "book" => ItemType::Book,
            "chapter" | "entry-encyclopedia" | "entry-dictionary" => ItemType::BookSection,
            "thesis" => ItemType::Thesis,
            "report" => ItemType::Report,
            "paper-conference" => ItemType::ConferencePaper,
            "standard" => ItemType::Standard,
            _ => ItemType::Other,
        }
    }
}

/// What a creator did for the item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum CreatorRole {
    #[default]
    Author,
    Editor,
    Translator,
}

/// A creator's name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Name {
    /// A Western-style name: family and given (`Smith`, `Mary Ann`).
    Person { family: String, given: String },
    /// A Chinese (or other CJK) personal name, kept whole as written (`欧阳修`).
    Whole { name: String },
    /// An institution, kept literal (`国家电影局`, `OpenAI`).
    Institution { name: String },
}

/// A creator with its role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Creator {
    #[serde(default)]
    pub role: CreatorRole,
    pub name: Name,
}

/// A date as precise as the source gives it: a year, a year and month, or a full date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PartialDate {
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

/// The bibliographic record of an article. Every field is optional but the type;
/// a style leaves out what is missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    #[serde(default)]
    pub item_type: ItemType,
    #[serde(default)]
    pub creators: Vec<Creator>,
    /// Journal, newspaper, web site, or the book a section is in.
    #[serde(default)]
    pub container_title: Option<String>,
    #[serde(default)]
    pub volume: Option<String>,
    #[serde(default)]
    pub issue: Option<String>,
    /// Page range in the container, e.g. `45-52`.
    #[serde(default)]
    pub pages: Option<String>,
    #[serde(default)]
    pub issued: Option<PartialDate>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub accessed: Option<PartialDate>,
    #[serde(default)]
    pub doi: Option<String>,
    #[serde(default)]
    pub isbn: Option<String>,
    #[serde(default)]
    pub issn: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub publisher_place: Option<String>,
    #[serde(default)]
    pub edition: Option<String>,
    /// Report or standard number (`GB/T 7714—2015`).
    #[serde(default)]
    pub number: Option<String>,
    /// Thesis or report kind (`博士学位论文`).
    #[serde(default)]
    pub genre: Option<String>,
    /// BCP 47 tag (`zh-CN`, `en`); decides 等 / et al. and name forms.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub abstract_note: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Where it came from in the user's reference manager (`zotero://select/library/items/KEY`).
    #[serde(default)]
    pub source_link: Option<String>,
}

/// Two-character family names that must not be split after their first character.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "夏侯", "公孙", "长孙",
    "宇文", "司徒", "司空", "端木", "独孤", "南宫", "西门", "轩辕", "呼延", "澹台", "公冶", "宗政",
    "濮阳", "太叔", "申屠", "闻人", "赫连", "钟离", "百里", "东郭", "万俟", "拓跋",
];

/// Family and given name of a Chinese personal name written whole: `欧阳修` →
/// (`欧阳`, `修`), `张艺谋` → (`张`, `艺谋`). A name of one character is all family.
pub fn split_chinese_name(name: &str) -> (String, String) {
    let name = name.trim();
    let family_len =
        if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) && name.chars().count() > 2 {
            2
        } else {
            1
        };
    let family: String = name.chars().take(family_len).collect();
    let given: String = name.chars().skip(family_len).collect();
    (family, given)
}

/// True when `s` is written in Han characters (with at most a middle dot), the
/// form a Chinese personal name takes.
pub fn is_han_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{20000}'..='\u{3134f}' | '·' | '•'))
}

impl Name {
    /// The name as a reader would write it in running text.
    pub fn display(&self) -> String {
        match self {
            Name::Person { family, given } if given.is_empty() => family.clone(),
            Name::Person { family, given } => format!("{given} {family}"),
            Name::Whole { name } | Name::Institution { name } => name.clone(),
        }
    }

    /// A name typed as free text: Han characters stay whole, `Family, Given` and
    /// `Given Family` become a person; anything else is kept whole.
    pub fn parse(text: &str) -> Name {
        let text = text.trim();
        if is_han_name(text) {
            return Name::Whole {
                name: text.to_string(),
            };
        }
        if let Some((family, given)) = text.split_once(',') {
            return Name::Person {
                family: family.trim().to_string(),
                given: given.trim().to_string(),
            };
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() >= 2
            && words
                .iter()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || ".-'".contains(c)))
        {
            let (family, given) = words.split_last().expect("two words");
            return Name::Person {
                family: family.to_string(),
                given: given.join(" "),
            };
        }
        Name::Whole {
            name: text.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_surnames_are_not_split_after_the_first_character() {
        assert_eq!(split_chinese_name("欧阳修"), ("欧阳".into(), "修".into()));
        assert_eq!(split_chinese_name("司马迁"), ("司马".into(), "迁".into()));
        assert_eq!(split_chinese_name("张艺谋"), ("张".into(), "艺谋".into()));
        // A two-character name starting with a compound's first character is family + given.
        assert_eq!(split_chinese_name("欧阳"), ("欧".into(), "阳".into()));
    }

    #[test]
    fn free_text_names_become_structured_where_the_script_allows() {
        assert_eq!(
            Name::parse("刘宗智"),
            Name::Whole {
                name: "刘宗智".into()
            }
        );
        assert_eq!(
            Name::parse("Mary Ann Lee"),
            Name::Person {
                family: "Lee".into(),
                given: "Mary Ann".into()
            }
        );
        assert_eq!(
            Name::parse("Smith, John"),
            Name::Person {
                family: "Smith".into(),
                given: "John".into()
            }
        );
        assert_eq!(
            Name::parse("OpenAI"),
            Name::Whole {
                name: "OpenAI".into()
            }
        );
    }

    #[test]
    fn item_types_round_trip_through_csl() {
        for t in ItemType::ALL {
            assert_eq!(ItemType::from_csl(t.csl()), t);
        }
    }
}
