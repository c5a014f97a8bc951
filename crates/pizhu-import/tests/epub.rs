//! EPUB import: books built at test time from the curated seed articles
//! (chapters, metadata, page lists), their text checked paragraph by
//! paragraph against the sources; DRM, zip bombs and damaged files refused.

mod epub_support;
mod pdf_support;

use epub_support::{zip_of, Book, BookNote, PageList, PageMark};
use pizhu_import::{import_bytes, ImportError, ImportOptions, ImportedArticle};

fn import(bytes: &[u8]) -> Result<(ImportedArticle, Vec<String>), ImportError> {
    let mut file = import_bytes("book.epub", bytes, &ImportOptions::default())?;
    assert_eq!(file.articles.len(), 1, "an EPUB is one article");
    Ok((file.articles.remove(0), file.warnings))
}

#[test]
fn chapters_in_spine_order_match_the_sources() {
    let book = Book::of_sources(3);
    let (a, warnings) = import(&book.build()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let lines: Vec<&str> = a.text.split('\n').collect();
    let expected = book.expected_lines();
    assert_eq!(lines.len(), expected.len(), "{}", a.text);
    for (i, ((heading, want), got)) in expected.iter().zip(&lines).enumerate() {
        assert_eq!(got, want, "paragraph {i}");
        assert_eq!(
            a.headings.contains(&i),
            *heading,
            "paragraph {i} heading: {got}"
        );
    }
    assert_eq!(a.format, "epub");
    assert!(a.pages.is_empty(), "no page list, no pages");
}

#[test]
fn footnotes_and_endnotes_leave_the_running_text_for_the_end() {
    let mut book = Book::of_sources(2);
    let note = |chapter, para, footnote, text: &str| BookNote {
        chapter,
        para,
        footnote,
        text: text.into(),
    };
    book.notes = vec![
        note(0, 0, true, "参见《电影艺术》2024年第2期。"),
        note(0, 3, false, "数据来自行业协会的年度报告。"),
        note(1, 1, true, "Sora 于 2024 年 2 月发布。"),
    ];
    // Page marks around the notes stay where they were.
    book.list = PageList::Nav;
    book.pages = vec![mark(0, 0, 0, "1"), mark(0, 2, 5, "2"), mark(1, 0, 0, "3")];
    let (a, _) = import(&book.build()).unwrap();
    let lines: Vec<&str> = a.text.split('\n').collect();
    let expected = book.expected_lines();
    assert_eq!(lines.len(), expected.len(), "{}", a.text);
    for (i, ((heading, want), got)) in expected.iter().zip(&lines).enumerate() {
        assert_eq!(got, want, "paragraph {i}");
        assert_eq!(a.headings.contains(&i), *heading, "paragraph {i}: {got}");
    }
    assert_eq!(lines[lines.len() - 4], "注释");
    assert!(a
        .corrections
        .iter()
        .any(|c| c.starts_with("3 notes moved out of the running text")));
    let body_end = a.text.find("\n注释\n").unwrap();
    let body_chars = a.text[..body_end].chars().count();
    assert!(
        a.pages.iter().all(|p| p.start < body_chars),
        "{:?}",
        a.pages
    );
    let second = &a.pages[1];
    let at: String = a.text.chars().skip(second.start).take(4).collect();
    let para = &book.chapters[0].paras[1].1;
    assert_eq!(at, para.chars().skip(5).take(4).collect::<String>());
}

#[test]
fn package_metadata_is_read() {
    let book = Book::of_sources(2);
    let (a, _) = import(&book.build()).unwrap();
    assert_eq!(a.title, "影视与人工智能读本");
    assert!(!a.title_supplied);
    assert_eq!(a.authors, book.creators);
    assert!(!a.authors.is_empty());
    assert_eq!(a.source.as_deref(), Some("影视出版社"));
    assert_eq!(a.published.as_deref(), Some("2024-03-01"));
    assert_eq!(a.language.as_deref(), Some("zh-CN"));
    assert_eq!(a.isbn.as_deref(), Some("9787040123456"));
}

fn mark(chapter: usize, para: usize, mid: usize, label: &str) -> PageMark {
    PageMark {
        chapter,
        para,
        mid,
        label: label.into(),
    }
}

/// Page marks before chapter headings, before paragraphs and in the middle
/// of one; checks each page starts where its mark was.
fn paged_book(list: PageList) -> Book {
    let mut book = Book::of_sources(2);
    book.list = list;
    book.pages = vec![
        mark(0, 0, 0, "45"),
        // Inside a chapter's <h2>.
        mark(0, 2, 4, "46"),
        mark(0, 3, 20, "47"),
        mark(0, 5, 0, "48"),
        mark(1, 0, 0, "49"),
        mark(1, 2, 7, "50"),
    ];
    book
}

fn check_pages(book: &Book, a: &ImportedArticle) {
    let labels: Vec<&str> = a.pages.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["45", "46", "47", "48", "49", "50"]);
    let ns: Vec<u32> = a.pages.iter().map(|p| p.n).collect();
    assert_eq!(ns, [1, 2, 3, 4, 5, 6]);
    let chars: Vec<char> = a.text.chars().collect();
    for (mark, page) in book.pages.iter().zip(&a.pages) {
        let chapter = &book.chapters[mark.chapter];
        let para = if mark.para == 0 {
            chapter.title.clone()
        } else {
            chapter.paras[mark.para - 1].1.clone()
        };
        let want: String = para.chars().skip(mark.mid).take(12).collect();
        let got: String = chars[page.start..]
            .iter()
            .take(want.chars().count())
            .collect();
        assert_eq!(got, want, "page {} starts at its mark", page.label);
    }
}

#[test]
fn nav_page_list_gives_pages_at_their_marks() {
    let book = paged_book(PageList::Nav);
    let (a, warnings) = import(&book.build()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    check_pages(&book, &a);
    // The marks leave no trace in the text.
    let lines: Vec<&str> = a.text.split('\n').collect();
    let expected: Vec<String> = book.expected_lines().into_iter().map(|(_, t)| t).collect();
    assert_eq!(lines, expected);
}

#[test]
fn ncx_page_list_of_an_epub2_gives_the_same_pages() {
    let book = paged_book(PageList::Ncx);
    let (a, _) = import(&book.build()).unwrap();
    check_pages(&book, &a);
}

#[test]
fn a_page_mark_pointing_nowhere_is_left_out_with_a_warning() {
    let mut book = paged_book(PageList::Nav);
    // A seventh mark, in a chapter the book lacks.
    book.pages.push(mark(5, 0, 0, "51"));
    let (a, warnings) = import(&book.build()).unwrap();
    assert_eq!(a.pages.len(), 6);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("1 of the book's 7 page marks")),
        "{warnings:?}"
    );
}

const ENC_HEAD: &str = "<encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\">";

#[test]
fn drm_protected_epub_is_refused() {
    let mut book = Book::of_sources(2);
    let xml = format!(
        "{ENC_HEAD}<enc:EncryptedData><enc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>\
<enc:CipherData><enc:CipherReference URI=\"OEBPS/text/ch0.xhtml\"/></enc:CipherData></enc:EncryptedData>\
<enc:EncryptedData><enc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>\
<enc:CipherData><enc:CipherReference URI=\"OEBPS/text/ch1.xhtml\"/></enc:CipherData></enc:EncryptedData></encryption>"
    );
    book.extra
        .push(("META-INF/encryption.xml".into(), xml.into_bytes()));
    book.extra.push((
        "META-INF/rights.xml".into(),
        b"<adept:rights xmlns:adept=\"http://ns.adobe.com/adept\"/>".to_vec(),
    ));
    let err = import(&book.build()).unwrap_err();
    assert!(matches!(err, ImportError::Drm(2)), "{err}");
    assert_eq!(err.code(), "drm");
    assert!(err.to_string().contains("DRM"), "{err}");
}

#[test]
fn obfuscated_fonts_are_not_drm() {
    let mut book = Book::of_sources(1);
    let xml = format!(
        "{ENC_HEAD}<enc:EncryptedData><enc:EncryptionMethod Algorithm=\"http://www.idpf.org/2008/embedding\"/>\
<enc:CipherData><enc:CipherReference URI=\"OEBPS/fonts/kai.otf\"/></enc:CipherData></enc:EncryptedData></encryption>"
    );
    book.extra
        .push(("META-INF/encryption.xml".into(), xml.into_bytes()));
    book.extra.push(("OEBPS/fonts/kai.otf".into(), vec![7; 64]));
    let (a, _) = import(&book.build()).unwrap();
    assert_eq!(a.text.split('\n').count(), book.expected_lines().len());
}

#[test]
fn a_chapter_that_unpacks_past_the_limit_is_a_zip_bomb() {
    // 40 MB of spaces deflate to a few dozen KB.
    let mut bomb = b"<html><body><p>".to_vec();
    bomb.resize(40 * 1024 * 1024, b' ');
    bomb.extend_from_slice(b"</p></body></html>");
    let mut book = Book::of_sources(1);
    book.extra.push(("OEBPS/text/ch0.xhtml".into(), bomb));
    let packed = book.build_replacing();
    assert!(
        packed.len() < 1024 * 1024,
        "the bomb is small: {}",
        packed.len()
    );
    let err = import(&packed).unwrap_err();
    assert!(
        matches!(&err, ImportError::Malformed(m) if m.contains("zip bomb")),
        "{err}"
    );
}

#[test]
fn truncated_and_corrupt_files_are_clear_errors() {
    let bytes = Book::of_sources(2).build();
    let truncated = &bytes[..bytes.len() / 2];
    let err = import(truncated).unwrap_err();
    assert!(
        matches!(&err, ImportError::Malformed(m) if m.contains("EPUB")),
        "{err}"
    );
    let err = import(b"this is not a zip file at all").unwrap_err();
    assert!(
        matches!(&err, ImportError::Malformed(m) if m.contains("not a valid EPUB")),
        "{err}"
    );
    // A zip that is not an EPUB.
    let other = zip_of(&[("word/document.xml".into(), b"<w/>".to_vec())]);
    let err = import(&other).unwrap_err();
    assert!(
        matches!(&err, ImportError::Malformed(m) if m.contains("container.xml")),
        "{err}"
    );
    // A package document that is not XML.
    let broken = zip_of(&[
        (
            "META-INF/container.xml".into(),
            b"<container><rootfiles><rootfile full-path=\"content.opf\"/></rootfiles></container>"
                .to_vec(),
        ),
        (
            "content.opf".into(),
            b"<package><metadata><dc:title>x</package>".to_vec(),
        ),
    ]);
    let err = import(&broken).unwrap_err();
    assert!(matches!(err, ImportError::Malformed(_)), "{err}");
}
