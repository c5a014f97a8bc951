//! Reference files in: every format read from hand-written fixtures (CNKI's
//! EndNote and NoteExpress shapes among them), bad records reported by number
//! and line while the rest import.

use std::path::Path;

use pizhu_core::reference::{Creator, CreatorRole, ItemType, Name, PartialDate};
use pizhu_import::refs::{detect, parse_refs, ParsedRefs, RefFormat, RefRecord};

fn read(name: &str) -> ParsedRefs {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refs")
        .join(name);
    parse_refs(&std::fs::read(path).unwrap()).unwrap()
}

fn ok(p: &ParsedRefs, i: usize) -> &RefRecord {
    p.records[i]
        .as_ref()
        .unwrap_or_else(|e| panic!("record {}: {e}", i + 1))
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

fn author(name: Name) -> Creator {
    Creator {
        role: CreatorRole::Author,
        name,
    }
}

fn date(year: i32, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
    Some(PartialDate { year, month, day })
}

#[test]
fn ris_from_zotero_with_a_broken_and_an_untitled_record() {
    let p = read("zotero.ris");
    assert_eq!(p.format, RefFormat::Ris);
    assert_eq!(p.records.len(), 5);
    let a = ok(&p, 0);
    assert_eq!(
        a.title,
        "Reading the Margins: Annotation Practices in Late Imperial China"
    );
    let r = &a.reference;
    assert_eq!(r.item_type, ItemType::JournalArticle);
    assert_eq!(
        r.creators,
        vec![
            author(person("Smith", "John")),
            author(person("Lee", "Mary Ann"))
        ]
    );
    assert_eq!(
        r.container_title.as_deref(),
        Some("Journal of Chinese Studies")
    );
    assert_eq!(r.pages.as_deref(), Some("45-52"));
    assert_eq!(r.issued, date(2019, Some(3), Some(15)));
    assert_eq!(r.issn.as_deref(), Some("1234-5678"));
    assert_eq!(
        r.abstract_note.as_deref(),
        Some("A study of marginalia in printed books.")
    );
    assert_eq!(r.keywords, vec!["marginalia", "reading history"]);
    assert_eq!(a.attachments, vec!["files/12/smith2019.pdf"]);

    let b = &ok(&p, 1).reference;
    assert_eq!(b.item_type, ItemType::BookSection);
    assert_eq!(b.creators[0], author(whole("欧阳修")));
    assert_eq!(b.creators[1].role, CreatorRole::Editor);
    assert_eq!(b.creators[1].name, whole("王小明"));
    assert_eq!(b.creators[2].role, CreatorRole::Translator);
    assert_eq!(b.isbn.as_deref(), Some("978-7-101-01234-5"));
    assert_eq!(b.publisher_place.as_deref(), Some("北京"));

    let broken = p.records[2].as_ref().unwrap_err();
    assert_eq!((broken.record, broken.line), (3, Some(39)));
    assert!(broken.reason.contains("not a RIS line"), "{broken}");
    let untitled = p.records[3].as_ref().unwrap_err();
    assert_eq!(untitled.record, 4);
    assert!(untitled.reason.contains("no title"));

    let web = &ok(&p, 4).reference;
    assert_eq!(web.item_type, ItemType::Webpage);
    assert_eq!(
        web.creators,
        vec![author(Name::Institution {
            name: "国家电影局".into()
        })]
    );
    assert_eq!(web.accessed, date(2024, Some(1), Some(2)));
}

#[test]
fn cnki_endnote_export() {
    let p = read("cnki-endnote.txt");
    assert_eq!(p.format, RefFormat::Endnote);
    assert_eq!(p.records.len(), 4);
    let a = ok(&p, 0);
    assert_eq!(a.title, "计算机辅助导航技术在脊柱外科中的应用");
    let r = &a.reference;
    assert_eq!(r.item_type, ItemType::JournalArticle);
    assert_eq!(
        r.creators,
        vec![author(whole("潘紫麟")), author(whole("刘庆鹏"))]
    );
    assert_eq!(r.container_title.as_deref(), Some("医学综述"));
    assert_eq!(r.issue.as_deref(), Some("11"));
    assert_eq!(r.pages.as_deref(), Some("2184-2188"));
    assert_eq!(r.issued, date(2021, None, None));
    assert_eq!(r.issn.as_deref(), Some("1006-2084"));
    assert_eq!(r.keywords, vec!["脊柱疾病", "计算机辅助", "导航技术"]);
    assert!(r.abstract_note.as_deref().unwrap().starts_with("随着"));

    let t = &ok(&p, 1).reference;
    assert_eq!(t.item_type, ItemType::Thesis);
    assert_eq!(t.creators, vec![author(whole("司马光明"))]);
    assert_eq!(t.publisher.as_deref(), Some("北京大学"));
    assert_eq!(t.genre.as_deref(), Some("博士"));

    let e = p.records[2].as_ref().unwrap_err();
    assert_eq!((e.record, e.line), (3, Some(24)));
    assert!(e.reason.contains("no title"));

    let n = &ok(&p, 3).reference;
    assert_eq!(n.item_type, ItemType::NewspaperArticle);
    assert_eq!(n.issued, date(2022, Some(4), Some(23)));
}

#[test]
fn cnki_noteexpress_export() {
    let p = read("cnki-noteexpress.net");
    assert_eq!(p.format, RefFormat::NoteExpress);
    assert_eq!(p.records.len(), 4);
    let a = ok(&p, 0);
    assert_eq!(
        a.reference.creators,
        vec![author(whole("潘紫麟")), author(whole("刘庆鹏"))]
    );
    // The abstract wrapped onto a second line is joined without a space.
    assert!(a
        .reference
        .abstract_note
        .as_deref()
        .unwrap()
        .ends_with("中，该技术通过相关影像学信息将手术与三维立体定位结合。"));
    assert_eq!(a.reference.issn.as_deref(), Some("1006-2084"));
    let b = &ok(&p, 1).reference;
    assert_eq!(
        b.creators,
        vec![
            author(person("Smith", "John")),
            author(person("Doe", "Jane"))
        ]
    );
    assert_eq!(b.doi.as_deref(), Some("10.1038/s42256-020-0001-1"));
    assert_eq!(b.volume.as_deref(), Some("2"));
    let t = &ok(&p, 2).reference;
    assert_eq!(t.item_type, ItemType::Thesis);
    // A compound surname stays one name, written whole.
    assert_eq!(t.creators, vec![author(whole("诸葛亮明"))]);
    assert_eq!(t.genre.as_deref(), Some("硕士"));
    let e = p.records[3].as_ref().unwrap_err();
    assert_eq!((e.record, e.line), (4, Some(34)));
}

#[test]
fn bibtex_with_chinese_entries_strings_and_a_broken_entry() {
    let p = read("refs.bib");
    assert_eq!(p.format, RefFormat::Bibtex);
    assert_eq!(p.records.len(), 5);
    let a = ok(&p, 0);
    assert_eq!(a.title, "论明清小说评点的阅读功能");
    let r = &a.reference;
    assert_eq!(
        r.creators,
        vec![
            author(whole("王小明")),
            author(whole("欧阳修")),
            author(Name::Institution {
                name: "中国社会科学院文学研究所".into()
            })
        ]
    );
    // `journal = wxpl` resolved through the file's @string.
    assert_eq!(r.container_title.as_deref(), Some("文学评论"));
    assert_eq!(r.issue.as_deref(), Some("3"));
    assert_eq!(r.pages.as_deref(), Some("45-52"));
    assert_eq!(r.issued, date(2020, Some(3), None));
    assert_eq!(r.keywords, vec!["评点", "小说", "阅读史"]);
    assert_eq!(r.language.as_deref(), Some("zh-CN"));

    let b = ok(&p, 1);
    assert_eq!(b.title, "Reading Chinese Texts");
    assert_eq!(b.reference.item_type, ItemType::Book);
    assert_eq!(b.reference.creators[1].name, person("van der Berg", "Anna"));
    assert_eq!(b.reference.creators[2].role, CreatorRole::Editor);
    assert_eq!(b.reference.issued, date(2018, Some(6), None));
    assert_eq!(b.attachments, vec!["files/7/smith2018.pdf"]);

    let broken = p.records[2].as_ref().unwrap_err();
    assert_eq!(broken.record, 3);
    assert!(broken.reason.starts_with("BibTeX syntax"), "{broken}");
    assert!(broken.line.unwrap() >= 35, "{broken}");

    let t = &ok(&p, 3).reference;
    assert_eq!(t.item_type, ItemType::Thesis);
    assert_eq!(t.publisher.as_deref(), Some("复旦大学"));
    assert_eq!(t.genre.as_deref(), Some("博士学位论文"));
    assert!(p.records[4]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("no title"));
}

#[test]
fn csl_json_items_one_bad() {
    let p = read("items.json");
    assert_eq!(p.format, RefFormat::CslJson);
    assert_eq!(p.records.len(), 3);
    let r = &ok(&p, 0).reference;
    assert_eq!(r.creators[0], author(whole("欧阳修")));
    assert_eq!(r.creators[1], author(person("Smith", "John")));
    assert_eq!(r.creators[2].role, CreatorRole::Translator);
    assert_eq!(r.volume.as_deref(), Some("3"));
    assert_eq!(r.issued, date(2019, Some(5), None));
    assert_eq!(r.keywords, vec!["红楼梦", "评点"]);
    assert_eq!(
        r.source_link.as_deref(),
        Some("zotero://select/library/items/ABCD1234")
    );
    let bad = p.records[1].as_ref().unwrap_err();
    assert_eq!(bad.record, 2);
    assert!(bad.reason.contains("author"), "{bad}");
    let w = ok(&p, 2);
    assert!(w.title.starts_with('𠀀'));
    assert_eq!(w.reference.accessed, date(2024, Some(1), Some(2)));
    assert_eq!(w.reference.issued, date(2023, Some(12), Some(1)));
}

#[test]
fn format_is_recognised_by_content_and_unknown_text_is_refused() {
    assert_eq!(detect("\n\nTY  - JOUR\nER  - \n"), Some(RefFormat::Ris));
    assert_eq!(
        detect("% comment\n@article{k, title={x}}"),
        Some(RefFormat::Bibtex)
    );
    assert_eq!(
        detect("{Reference Type}: Book\n"),
        Some(RefFormat::NoteExpress)
    );
    assert_eq!(detect("%0 Book\n%T x\n"), Some(RefFormat::Endnote));
    assert_eq!(detect("[{\"title\": \"x\"}]"), Some(RefFormat::CslJson));
    assert_eq!(detect("Just an essay about books.\n"), None);
    let err = parse_refs("Just an essay.".as_bytes()).unwrap_err();
    assert!(err.to_string().contains("not a reference file"));
    let err = parse_refs(b"[{\"title\": ").unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn cnki_gbk_encoded_export_is_decoded() {
    let text = "{Reference Type}: Journal Article\n{Title}: 明代评点本研究\n{Author}: 张三;李四;\n{Year}: 2018\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let p = parse_refs(&gbk).unwrap();
    assert_eq!(ok(&p, 0).title, "明代评点本研究");
    assert_eq!(ok(&p, 0).reference.creators.len(), 2);
}
