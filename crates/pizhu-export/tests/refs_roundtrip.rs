//! References out and back in: for every item type, a record with every field
//! filled goes out as CSL-JSON, BibLaTeX and RIS and comes back through
//! `pizhu_import::refs` with no field lost.
//!
//! Known limits of the formats (not of Pizhu), kept out of the full records and
//! pinned below: RIS has no mark for an institution, so a short Han-script
//! institution (`新华社`) comes back as a name written whole.

use pizhu_core::reference::{Creator, CreatorRole, ItemType, Name, PartialDate, Reference};
use pizhu_export::refs::{bibtex, csl_json, ris, RefItem};
use pizhu_import::refs::parse_refs;

fn creators() -> Vec<Creator> {
    let c = |role, name| Creator { role, name };
    vec![
        c(
            CreatorRole::Author,
            Name::Whole {
                name: "欧阳修".into(),
            },
        ),
        c(
            CreatorRole::Author,
            Name::Person {
                family: "Smith".into(),
                given: "Mary Ann".into(),
            },
        ),
        c(
            CreatorRole::Author,
            Name::Institution {
                name: "中国社会科学院文学研究所".into(),
            },
        ),
        c(
            CreatorRole::Editor,
            Name::Person {
                family: "van der Berg".into(),
                given: "Anna".into(),
            },
        ),
        c(
            CreatorRole::Translator,
            Name::Whole {
                name: "司马迁".into(),
            },
        ),
    ]
}

fn full(t: ItemType, i: usize) -> (String, Reference) {
    let title = format!("第{i}种：评点与阅读 & Reading 50% of {{Margins}} 𠀀");
    let r = Reference {
        item_type: t,
        creators: creators(),
        container_title: Some("文学评论 Review".into()),
        volume: Some("42".into()),
        issue: Some("3".into()),
        pages: Some("45-52".into()),
        issued: Some(PartialDate {
            year: 2020,
            month: Some(3),
            day: Some(15),
        }),
        url: Some(format!("https://example.org/a_{i}?x=1&y=2")),
        accessed: Some(PartialDate {
            year: 2024,
            month: Some(1),
            day: None,
        }),
        doi: Some(format!("10.1234/wxpl.2020.{i}")),
        isbn: Some("978-7-101-01234-5".into()),
        issn: Some("0511-0466".into()),
        publisher: Some("中华书局".into()),
        publisher_place: Some("北京".into()),
        edition: Some("2".into()),
        number: Some("GB/T 7714—2015".into()),
        genre: Some("博士学位论文".into()),
        language: Some("zh-CN".into()),
        abstract_note: Some("本文讨论评点的阅读功能；A study of #marginalia.".into()),
        keywords: vec!["评点".into(), "阅读史".into(), "reading history".into()],
        source_link: Some(format!("zotero://select/library/items/ABCD{i:04}")),
    };
    (title, r)
}

fn all_types() -> Vec<(String, Reference)> {
    ItemType::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| full(*t, i))
        .collect()
}

fn items(all: &[(String, Reference)]) -> Vec<RefItem<'_>> {
    all.iter()
        .enumerate()
        .map(|(i, (title, reference))| RefItem {
            id: i as i64 + 1,
            title,
            reference,
        })
        .collect()
}

fn back(text: &str) -> Vec<(String, Reference)> {
    let parsed = parse_refs(text.as_bytes()).unwrap();
    parsed
        .records
        .into_iter()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{e}\n{text}"));
            (r.title, r.reference)
        })
        .collect()
}

fn check(format: &str, text: &str, want: &[(String, Reference)]) {
    let got = back(text);
    assert_eq!(got.len(), want.len(), "{format}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(
            g, w,
            "{format}: {:?} changed on the round trip\n{text}",
            w.1.item_type
        );
    }
}

#[test]
fn csl_json_round_trip_loses_no_field() {
    let all = all_types();
    check("CSL-JSON", &csl_json::write(&items(&all)), &all);
}

#[test]
fn biblatex_round_trip_loses_no_field() {
    let all = all_types();
    check("BibLaTeX", &bibtex::write(&items(&all)), &all);
}

#[test]
fn ris_round_trip_loses_no_field() {
    let all = all_types();
    check("RIS", &ris::write(&items(&all)), &all);
}

#[test]
fn sparse_records_stay_sparse() {
    let all: Vec<(String, Reference)> = ItemType::ALL
        .iter()
        .map(|t| {
            (
                "只有标题".to_string(),
                Reference {
                    item_type: *t,
                    ..Reference::default()
                },
            )
        })
        .collect();
    check("CSL-JSON", &csl_json::write(&items(&all)), &all);
    check("BibLaTeX", &bibtex::write(&items(&all)), &all);
    check("RIS", &ris::write(&items(&all)), &all);
}

#[test]
fn ris_cannot_mark_a_short_han_institution() {
    let (title, mut r) = full(ItemType::NewspaperArticle, 0);
    r.creators = vec![Creator {
        role: CreatorRole::Author,
        name: Name::Institution {
            name: "新华社".into(),
        },
    }];
    let all = vec![(title, r)];
    let got = back(&ris::write(&items(&all)));
    assert_eq!(
        got[0].1.creators[0].name,
        Name::Whole {
            name: "新华社".into()
        }
    );
    // The other formats keep it.
    check("CSL-JSON", &csl_json::write(&items(&all)), &all);
    check("BibLaTeX", &bibtex::write(&items(&all)), &all);
}
