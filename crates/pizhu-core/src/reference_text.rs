//! Between the structured [`Reference`] and the free-text metadata articles had
//! before it (`authors`, `source`, `published`): the migration and imports that
//! give only free text build a reference from it, and the old fields stay filled
//! from the reference so readers of them (search, CSV, older tests) keep working.

use crate::reference::{Creator, CreatorRole, ItemType, Name, PartialDate, Reference};

impl PartialDate {
    /// A date as people type it: `2024`, `2024-03`, `2024-03-05`, `2024/3/5`,
    /// `2024.3.5`, `2024年3月5日`. `None` when it is not one of these (or out of range).
    pub fn parse(text: &str) -> Option<PartialDate> {
        let t = text.trim().trim_end_matches('日');
        let parts: Vec<&str> = t
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect();
        let parts: Vec<&str> = match parts.split_last() {
            // `2024年` and `2024年3月` leave an empty last part.
            Some((last, rest)) if last.is_empty() && !rest.is_empty() => rest.to_vec(),
            _ => parts,
        };
        if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        if !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) || parts[0].len() != 4 {
            return None;
        }
        let year: i32 = parts[0].parse().ok()?;
        let month: Option<u8> = parts.get(1).map(|m| m.parse()).transpose().ok()?;
        let day: Option<u8> = parts.get(2).map(|d| d.parse()).transpose().ok()?;
        if month.is_some_and(|m| !(1..=12).contains(&m))
            || day.is_some_and(|d| !(1..=31).contains(&d))
        {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// ISO 8601 as precise as the date is: `2024`, `2024-03`, `2024-03-05`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// True when the text has Han characters (the title of a Chinese item).
fn has_han(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{20000}'..='\u{3134f}'))
}

impl Reference {
    /// A reference from free-text metadata: authors through [`Name::parse`], the
    /// source as container, the date when it parses. The language is `zh-CN` when
    /// the title or a name is in Han characters, else left unset.
    pub fn from_free_text(
        title: &str,
        authors: &[String],
        source: Option<&str>,
        published: Option<&str>,
    ) -> Reference {
        let creators: Vec<Creator> = authors
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .map(|a| Creator {
                role: CreatorRole::Author,
                name: Name::parse(a),
            })
            .collect();
        let chinese = has_han(title) || authors.iter().any(|a| has_han(a));
        Reference {
            item_type: ItemType::Other,
            creators,
            container_title: source
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
            issued: published.and_then(PartialDate::parse),
            language: chinese.then(|| "zh-CN".to_string()),
            ..Default::default()
        }
    }

    /// The authors' names as running text writes them (the old `authors` field).
    pub fn author_names(&self) -> Vec<String> {
        self.creators
            .iter()
            .filter(|c| c.role == CreatorRole::Author)
            .map(|c| c.name.display())
            .collect()
    }

    /// What sorts the library by author: the first author's (else first creator's)
    /// family name first, lower-cased; empty when there is none.
    pub fn author_sort_key(&self) -> String {
        let first = self
            .creators
            .iter()
            .find(|c| c.role == CreatorRole::Author)
            .or_else(|| self.creators.first());
        match first.map(|c| &c.name) {
            Some(Name::Person { family, given }) => {
                format!("{family} {given}").trim().to_lowercase()
            }
            Some(Name::Whole { name }) | Some(Name::Institution { name }) => name.to_lowercase(),
            None => String::new(),
        }
    }
}

/// The item types of the bundled corpus (`data/articles`), by file name: the
/// press pieces are newspaper articles, seed 001's piece is a journal article.
/// The seeding and the schema-4 migration both read it.
pub fn bundled_item_type(file_name: &str) -> Option<ItemType> {
    const TYPES: &[(&str, ItemType)] = &[
        (
            "01-sora-yingshi-chanye-xin-shijiao.md",
            ItemType::NewspaperArticle,
        ),
        (
            "02-jiayouba-nayila-juben-yantaohui.md",
            ItemType::NewspaperArticle,
        ),
        (
            "03-shaanxi-zhongxiaoxue-yingshi-jiaoyu-xiehui.md",
            ItemType::NewspaperArticle,
        ),
        (
            "04-tianjin-yuanxian-dianying-banquan-baohu.md",
            ItemType::NewspaperArticle,
        ),
        (
            "05-sora-chongji-xia-yingshi-hangye-de-tiaozhan-yu-yingdui.md",
            ItemType::JournalArticle,
        ),
        (
            "06-shuru-fanhua-sora-funeng-yu-ren.md",
            ItemType::NewspaperArticle,
        ),
        (
            "07-59miao-shipin-meibi-dapian-sora-nengma.md",
            ItemType::NewspaperArticle,
        ),
    ];
    TYPES.iter().find(|(n, _)| *n == file_name).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_as_precisely_as_written() {
        let d = |y, m, d| {
            Some(PartialDate {
                year: y,
                month: m,
                day: d,
            })
        };
        assert_eq!(PartialDate::parse("2024"), d(2024, None, None));
        assert_eq!(PartialDate::parse("2024-03"), d(2024, Some(3), None));
        assert_eq!(PartialDate::parse("2024/3/5"), d(2024, Some(3), Some(5)));
        assert_eq!(
            PartialDate::parse("2024年3月5日"),
            d(2024, Some(3), Some(5))
        );
        assert_eq!(PartialDate::parse("2024年3月"), d(2024, Some(3), None));
        assert_eq!(PartialDate::parse("2024-13-01"), None);
        assert_eq!(PartialDate::parse("spring 2024"), None);
        assert_eq!(PartialDate::parse(""), None);
        assert_eq!(d(2024, Some(3), Some(5)).unwrap().iso(), "2024-03-05");
    }

    #[test]
    fn free_text_becomes_a_reference_and_back() {
        let r = Reference::from_free_text(
            "标题",
            &["司若".into(), "Mary Ann Lee".into(), " ".into()],
            Some("青年报"),
            Some("2024-02-20"),
        );
        assert_eq!(r.creators.len(), 2);
        assert_eq!(r.author_names(), vec!["司若", "Mary Ann Lee"]);
        assert_eq!(r.container_title.as_deref(), Some("青年报"));
        assert_eq!(r.issued.unwrap().iso(), "2024-02-20");
        assert_eq!(r.language.as_deref(), Some("zh-CN"));
        assert_eq!(r.author_sort_key(), "司若");
        let en = Reference::from_free_text("Title", &["Smith, John".into()], None, None);
        assert_eq!(en.language, None);
        assert_eq!(en.author_sort_key(), "smith john");
    }
}
