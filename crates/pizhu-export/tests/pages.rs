//! Passages from paged sources carry their pages in every export's source
//! line: GB/T 7714 in-text `[1]12`, APA (through the CSL style) `(刘, 2024, p. 12)`;
//! passages without pages are cited as before.

mod common;

use std::io::Read;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format};

/// The shared model with the first highlight on page 12 and the second
/// across pages 12 and 13.
fn paged_model() -> ExportModel {
    let mut m = model();
    m.highlights[0].page_start = Some("12".into());
    m.highlights[0].page_end = Some("12".into());
    m.highlights[1].page_start = Some("12".into());
    m.highlights[1].page_end = Some("13".into());
    m
}

fn opts(style: CitationStyle) -> ExportOptions {
    ExportOptions {
        group_by: GroupBy::Article,
        citation_style: style,
        ..Default::default()
    }
}

fn text(format: Format, m: &ExportModel, style: CitationStyle) -> String {
    let bytes = export(m, &opts(style), format).unwrap().bytes;
    if format != Format::Docx {
        return String::from_utf8(bytes).unwrap();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn markdown_source_lines_carry_the_pages() {
    let md = text(
        Format::Markdown,
        &paged_model(),
        CitationStyle::Gbt7714Numeric,
    );
    assert!(
        md.contains("\\[1\\]12 ·") || md.contains("\\[1\\]12\n"),
        "{md}"
    );
    assert!(md.contains("\\[1\\]12-13"), "{md}");
    let apa = text(Format::Markdown, &paged_model(), CitationStyle::Apa);
    // APA's in-text form names the family name only (刘 of 刘宗智), as citeproc-js does.
    assert!(apa.contains("(刘, 2024, p. 12)"), "{apa}");
    assert!(apa.contains("(刘, 2024, pp. 12–13) ·"), "{apa}");
}

#[test]
fn html_and_docx_source_lines_carry_the_pages() {
    let html = text(Format::Html, &paged_model(), CitationStyle::Gbt7714Numeric);
    assert!(html.contains(">[1]12-13</a>"), "{html}");
    let docx = text(Format::Docx, &paged_model(), CitationStyle::Apa);
    assert!(docx.contains("(刘, 2024, pp. 12–13)"), "{docx}");
}

#[test]
fn passages_without_pages_are_cited_as_before() {
    for format in [Format::Markdown, Format::Html, Format::Docx] {
        let plain = text(format, &model(), CitationStyle::Apa);
        assert!(
            !plain.contains(", p. ") && !plain.contains(", pp. "),
            "{format:?}"
        );
        let gb = text(format, &model(), CitationStyle::Gbt7714Numeric);
        assert!(!gb.contains("第 12 页"), "{format:?}");
    }
}
