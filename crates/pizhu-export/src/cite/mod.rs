//! Citations and reference lists by a CSL 1.0.2 processor (hayagriva) with the
//! official CSL styles: GB/T 7714-2015 numeric (the default), author-date and
//! note, APA 7, or a `.csl` file the user adds. Why hayagriva: `README.md` here.
//!
//! - [`csl_item`] maps a [`Reference`] to a CSL-JSON item (the only mapping).
//! - [`CslStyle`] is a parsed style; [`render`] gives the bibliography entries in
//!   the style's order and each item's in-text citation (with a page locator).
//!
//! The GB/T styles print 等 for Chinese items and et al. for English ones: their
//! authors ship this as (commented-out) CSL-M layouts per language, which CSL 1.0.2
//! cannot express, so for a style whose default locale is Chinese each item is
//! rendered with the locale of its own language (`en…` → `en-US`).

pub mod csl_item;

use std::collections::{HashMap, HashSet};

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
    ElemChildren, LocatorPayload, SpecificLocator,
};
use pizhu_core::Reference;
use serde::{Deserialize, Serialize};

use crate::ExportError;

/// A built-in style, by the name the CLI and settings use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", try_from = "String")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum BuiltinStyle {
    /// GB/T 7714-2015, numeric (顺序编码制).
    #[default]
    #[cfg_attr(feature = "clap", value(name = "gbt7714-numeric", alias = "gbt7714"))]
    Gbt7714Numeric,
    /// GB/T 7714-2015, author-date (著者-出版年制).
    #[cfg_attr(feature = "clap", value(name = "gbt7714-author-date"))]
    Gbt7714AuthorDate,
    /// GB/T 7714-2015, notes.
    #[cfg_attr(feature = "clap", value(name = "gbt7714-note"))]
    Gbt7714Note,
    /// APA 7th edition.
    Apa,
}

impl BuiltinStyle {
    pub const ALL: [BuiltinStyle; 4] = [
        BuiltinStyle::Gbt7714Numeric,
        BuiltinStyle::Gbt7714AuthorDate,
        BuiltinStyle::Gbt7714Note,
        BuiltinStyle::Apa,
    ];

    /// `gbt7714-numeric`, …
    pub fn name(self) -> &'static str {
        match self {
            BuiltinStyle::Gbt7714Numeric => "gbt7714-numeric",
            BuiltinStyle::Gbt7714AuthorDate => "gbt7714-author-date",
            BuiltinStyle::Gbt7714Note => "gbt7714-note",
            BuiltinStyle::Apa => "apa",
        }
    }

    /// A built-in style by name (older names `gbt7714` and `gb` mean numeric).
    pub fn from_name(name: &str) -> Option<BuiltinStyle> {
        match name.trim().to_ascii_lowercase().as_str() {
            "gbt7714-numeric" | "gbt7714" | "gb/t 7714" | "gb" => {
                Some(BuiltinStyle::Gbt7714Numeric)
            }
            "gbt7714-author-date" => Some(BuiltinStyle::Gbt7714AuthorDate),
            "gbt7714-note" => Some(BuiltinStyle::Gbt7714Note),
            "apa" => Some(BuiltinStyle::Apa),
            _ => None,
        }
    }

    fn archived(self) -> ArchivedStyle {
        match self {
            BuiltinStyle::Gbt7714Numeric => ArchivedStyle::Gb77142015Numeric,
            BuiltinStyle::Gbt7714AuthorDate => ArchivedStyle::Gb77142015AuthorDate,
            BuiltinStyle::Gbt7714Note => ArchivedStyle::Gb77142015Note,
            BuiltinStyle::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
        }
    }
}

impl TryFrom<String> for BuiltinStyle {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        BuiltinStyle::from_name(&s).ok_or_else(|| {
            format!("citation style {s:?}: use gbt7714-numeric, gbt7714-author-date, gbt7714-note or apa")
        })
    }
}

/// A style ready to render with.
#[derive(Debug, Clone)]
pub struct CslStyle {
    style: IndependentStyle,
}

impl CslStyle {
    pub fn builtin(b: BuiltinStyle) -> CslStyle {
        match b.archived().get() {
            Style::Independent(style) => CslStyle { style },
            Style::Dependent(_) => unreachable!("the built-in styles are independent"),
        }
    }

    /// A style from a `.csl` file's text. A dependent style is resolved to its
    /// parent when the parent is one of the official styles bundled here.
    pub fn from_xml(xml: &str) -> Result<CslStyle, ExportError> {
        let style = Style::from_xml(xml)
            .map_err(|e| ExportError::Invalid(format!("not a CSL style: {e}")))?;
        match style {
            Style::Independent(style) => Ok(CslStyle { style }),
            Style::Dependent(d) => {
                let parent = ArchivedStyle::by_id(&d.parent_link.href).ok_or_else(|| {
                    ExportError::Invalid(format!(
                        "a dependent CSL style whose parent {} is not bundled: add the parent style file instead",
                        d.parent_link.href
                    ))
                })?;
                match parent.get() {
                    Style::Independent(style) => Ok(CslStyle { style }),
                    Style::Dependent(_) => Err(ExportError::Invalid(
                        "the parent of this dependent style is itself dependent".into(),
                    )),
                }
            }
        }
    }

    /// The style's title, as its file names it.
    pub fn title(&self) -> &str {
        &self.style.info.title.value
    }

    /// Whether the style has a reference list (a note style may not).
    pub fn has_bibliography(&self) -> bool {
        self.style.bibliography.is_some()
    }

    fn per_item_language(&self) -> bool {
        self.style
            .default_locale
            .as_ref()
            .is_some_and(|l| l.0.to_ascii_lowercase().starts_with("zh"))
    }
}

/// One thing to cite: an article's key, title and reference, and where in it.
#[derive(Debug, Clone)]
pub struct CiteSource<'a> {
    pub key: String,
    pub title: &'a str,
    pub reference: &'a Reference,
    /// A page (or page range) the citation points at.
    pub locator: Option<&'a str>,
}

/// One reference-list entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub key: String,
    /// The number a numeric style prints before the entry (`[1]`).
    pub label: Option<String>,
    /// The entry itself.
    pub body: String,
}

impl Entry {
    /// The entry as the list prints it, label first.
    pub fn text(&self) -> String {
        match &self.label {
            Some(l) => format!("{l} {}", self.body),
            None => self.body.clone(),
        }
    }
}

/// A rendered bibliography: entries in the style's order; citations in the
/// order of the sources given (one per source).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub entries: Vec<Entry>,
    pub citations: Vec<String>,
}

fn plain(children: &ElemChildren) -> String {
    let mut s = String::new();
    children
        .write_buf(&mut s, BufWriteFormat::Plain)
        .expect("writing to a String cannot fail");
    s.trim().to_string()
}

fn is_english(r: &Reference) -> bool {
    r.language
        .as_deref()
        .is_some_and(|l| l.trim().to_ascii_lowercase().starts_with("en"))
}

/// One in-text citation: which source (index into the sources) and where in it.
#[derive(Debug, Clone, Copy)]
pub struct Cite<'a> {
    pub source: usize,
    pub locator: Option<&'a str>,
}

/// Render the bibliography of `items` and each of `cites`, in `locale` (`None`:
/// the style's own).
fn run(
    style: &IndependentStyle,
    items: &[Item],
    cites: &[Cite],
    locale: Option<LocaleCode>,
    locale_files: &[Locale],
) -> Rendered {
    let mut driver = BibliographyDriver::new();
    for c in cites {
        let locator = c
            .locator
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| SpecificLocator(Locator::Page, LocatorPayload::Str(l)));
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_locator(&items[c.source], locator)],
            style,
            locale.clone(),
            locale_files,
            Some(1),
        ));
    }
    let out = driver.finish(BibliographyRequest {
        style,
        locale,
        locale_files,
    });
    let citations = out.citations.iter().map(|c| plain(&c.citation)).collect();
    let entries = out
        .bibliography
        .map(|b| {
            b.items
                .into_iter()
                .map(|i| Entry {
                    key: i.key,
                    label: i.first_field.map(|f| {
                        let mut s = String::new();
                        f.write_buf(&mut s, BufWriteFormat::Plain)
                            .expect("writing to a String cannot fail");
                        s.trim().to_string()
                    }),
                    body: plain(&i.content),
                })
                .collect()
        })
        .unwrap_or_default();
    Rendered { entries, citations }
}

/// Citations from the style as it is; the bibliography from a copy that does not
/// disambiguate citations by adding names: hayagriva lets that step's short name
/// forms (`欧阳 等`) leak into the entries, which citeproc-js and the CSL spec do
/// not (found by the oracle test).
fn both(
    style: &IndependentStyle,
    items: &[Item],
    cites: &[Cite],
    locale: Option<LocaleCode>,
    locale_files: &[Locale],
) -> Rendered {
    let citations = run(style, items, cites, locale.clone(), locale_files).citations;
    let mut bib_style = style.clone();
    bib_style.citation.disambiguate_add_names = false;
    bib_style.citation.disambiguate_add_givenname = false;
    let entries = run(&bib_style, items, cites, locale, locale_files).entries;
    Rendered { entries, citations }
}

/// The bibliography of `sources` (entries in the style's order; numeric styles
/// number them in the order given) and the in-text citation of each source,
/// with its locator. Keys must be unique.
pub fn render(style: &CslStyle, sources: &[CiteSource]) -> Rendered {
    let cites: Vec<Cite> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| Cite {
            source: i,
            locator: s.locator,
        })
        .collect();
    render_cites(style, sources, &cites)
}

/// Like [`render`], with the citations given separately (a document citing one
/// source at several pages): `citations` follows `cites`. Sources never cited
/// still get an entry; numeric styles number by first citation.
pub fn render_cites(style: &CslStyle, sources: &[CiteSource], cites: &[Cite]) -> Rendered {
    if sources.is_empty() {
        return Rendered::default();
    }
    let items: Vec<Item> = sources
        .iter()
        .map(|s| {
            let v = csl_item::csl_json(&s.key, s.title, s.reference);
            serde_json::from_value(v).expect("the CSL-JSON mapping yields valid items")
        })
        .collect();
    // Uncited sources are cited once at the end, so the bibliography holds them;
    // their citations are dropped.
    let mut all: Vec<Cite> = cites
        .iter()
        .filter(|c| c.source < sources.len())
        .copied()
        .collect();
    let asked = all.len();
    for i in 0..sources.len() {
        if !all.iter().any(|c| c.source == i) {
            all.push(Cite {
                source: i,
                locator: None,
            });
        }
    }
    let locale_files = locales();
    let mut base = both(&style.style, &items, &all, None, &locale_files);
    let english_at = |i: usize| is_english(sources[all[i].source].reference);
    if style.per_item_language() && sources.iter().any(|s| is_english(s.reference)) {
        // English items take their text from an English rendering; order and
        // numbers are the same in both (only terms and date words differ).
        let english = both(
            &style.style,
            &items,
            &all,
            Some(LocaleCode("en-US".into())),
            &locale_files,
        );
        let english_keys: HashSet<&str> = sources
            .iter()
            .filter(|s| is_english(s.reference))
            .map(|s| s.key.as_str())
            .collect();
        let en_entries: HashMap<&str, &Entry> = english
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e))
            .collect();
        for e in base.entries.iter_mut() {
            if let (true, Some(en)) = (
                english_keys.contains(e.key.as_str()),
                en_entries.get(e.key.as_str()),
            ) {
                *e = (*en).clone();
            }
        }
        for (i, c) in base.citations.iter_mut().enumerate() {
            if english_at(i) {
                *c = english.citations[i].clone();
            }
        }
    }
    base.citations.truncate(asked);
    base
}

#[cfg(test)]
mod tests {
    use super::*;
    use pizhu_core::{Creator, CreatorRole, ItemType, Name, PartialDate};

    fn journal(names: &[Name], language: &str) -> Reference {
        Reference {
            item_type: ItemType::JournalArticle,
            creators: names
                .iter()
                .map(|n| Creator {
                    role: CreatorRole::Author,
                    name: n.clone(),
                })
                .collect(),
            container_title: Some("电影艺术".into()),
            volume: Some("12".into()),
            issue: Some("3".into()),
            pages: Some("45-52".into()),
            issued: Some(PartialDate {
                year: 2024,
                month: None,
                day: None,
            }),
            language: Some(language.into()),
            ..Default::default()
        }
    }

    fn whole(n: &str) -> Name {
        Name::Whole { name: n.into() }
    }

    fn person(f: &str, g: &str) -> Name {
        Name::Person {
            family: f.into(),
            given: g.into(),
        }
    }

    #[test]
    fn gbt7714_numeric_types_a_journal_paper_and_picks_deng_or_et_al_by_language() {
        let zh = journal(
            &[
                whole("欧阳修"),
                whole("司马迁"),
                whole("张艺谋"),
                whole("李四"),
            ],
            "zh-CN",
        );
        let en = journal(
            &[
                person("Smith", "John"),
                person("Lee", "Mary Ann"),
                person("Brown", "Bob"),
                person("White", "Al"),
            ],
            "en",
        );
        let sources = [
            CiteSource {
                key: "a".into(),
                title: "挑战与应对",
                reference: &zh,
                locator: None,
            },
            CiteSource {
                key: "b".into(),
                title: "Attention",
                reference: &en,
                locator: Some("7"),
            },
        ];
        let out = render(&CslStyle::builtin(BuiltinStyle::Gbt7714Numeric), &sources);
        let texts: Vec<String> = out.entries.iter().map(Entry::text).collect();
        assert_eq!(
            texts,
            vec![
                "[1] 欧阳修, 司马迁, 张艺谋, 等. 挑战与应对[J]. 电影艺术, 2024, 12(3): 45-52.",
                "[2] SMITH J, LEE M A, BROWN B, et al. Attention[J]. 电影艺术, 2024, 12(3): 45-52.",
            ]
        );
        assert_eq!(out.citations, vec!["[1]", "[2]"]);
    }

    #[test]
    fn apa_sorts_by_author_and_dependent_or_bad_styles_are_clear_errors() {
        let a = journal(&[person("Zhou", "Ann")], "en");
        let b = journal(&[person("Adams", "Bo")], "en");
        let sources = [
            CiteSource {
                key: "z".into(),
                title: "Later",
                reference: &a,
                locator: None,
            },
            CiteSource {
                key: "a".into(),
                title: "Earlier",
                reference: &b,
                locator: Some("12"),
            },
        ];
        let out = render(&CslStyle::builtin(BuiltinStyle::Apa), &sources);
        assert_eq!(
            out.entries[0].key, "a",
            "APA lists by author, not citation order"
        );
        assert_eq!(out.citations, vec!["(Zhou, 2024)", "(Adams, 2024, p. 12)"]);
        assert!(CslStyle::from_xml("<style/>").is_err());
        assert!(CslStyle::from_xml("not xml").is_err());
    }
}
