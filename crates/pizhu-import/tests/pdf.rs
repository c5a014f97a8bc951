//! PDF import against fixtures printed by Chromium from the curated edition:
//! the text must come back as the source paragraphs (in order, whole, with no
//! space between Chinese characters and none of the page furniture), with
//! the journal fields found and every page's start remembered.

mod pdf_support;

use std::path::Path;
use std::process::Command;

use pdf_support::fidelity::{measure, Fidelity};
use pdf_support::fixtures::{self, Fixtures, Source};
use pizhu_import::{import_bytes, ImportError, ImportOptions, ImportedArticle, ImportedFile};

fn import(name: &str, path: &Path) -> Result<ImportedFile, ImportError> {
    import_bytes(
        name,
        &std::fs::read(path).unwrap(),
        &ImportOptions::default(),
    )
}

fn only(file: &ImportedFile) -> &ImportedArticle {
    assert_eq!(file.articles.len(), 1);
    &file.articles[0]
}

fn paragraphs(a: &ImportedArticle) -> Vec<String> {
    a.text.split('\n').map(str::to_string).collect()
}

fn source_texts(src: &Source) -> Vec<String> {
    src.paras.iter().map(|(_, t)| t.clone()).collect()
}

/// Furniture Chromium and the journal fixture print on every page.
const FURNITURE: &[&str] = &["file://", fixtures::JOURNAL, "2024年第3期", " PM", " AM"];

fn check_fidelity(a: &ImportedArticle, src: &Source) -> Fidelity {
    let paras = paragraphs(a);
    let f = measure(&source_texts(src), &paras, FURNITURE);
    assert!(
        f.recovered >= 0.99,
        "recovered {:.3}: {f:?}\n{}",
        f.recovered,
        a.text
    );
    assert_eq!(
        f.han_spaces, 0,
        "spaces between Han characters:\n{}",
        a.text
    );
    assert_eq!(f.furniture_lines, 0, "furniture left:\n{}", a.text);
    assert_eq!(f.broken, 0, "paragraphs broken: {f:?}\n{}", a.text);
    for p in &paras {
        assert!(
            !p.is_empty() && p == p.trim(),
            "empty or untrimmed paragraph {p:?}"
        );
        assert!(
            !p.chars()
                .all(|c| c.is_ascii_digit() || c == '/' || c == ' '),
            "page number left: {p:?}"
        );
    }
    f
}

/// The text of physical page `n` according to pdftotext (the peer), squashed.
fn peer_page(path: &Path, n: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string(), "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn check_pages(a: &ImportedArticle, path: &Path) {
    assert!(a.pages.len() >= 2, "expected several pages: {:?}", a.pages);
    assert_eq!(a.pages[0].start, 0);
    let chars: Vec<char> = a.text.chars().collect();
    for w in a.pages.windows(2) {
        assert!(
            w[0].start <= w[1].start,
            "page starts go back: {:?}",
            a.pages
        );
    }
    for p in a.pages.iter().skip(1) {
        assert!(p.start < chars.len());
        // The characters where the page begins (up to 12, within one
        // paragraph) are on that page according to the peer.
        let head: String = chars[p.start..]
            .iter()
            .take_while(|c| **c != '\n')
            .filter(|c| !c.is_whitespace())
            .take(12)
            .collect();
        assert!(head.chars().count() >= 4, "page {} begins at {head:?}", p.n);
        assert!(
            peer_page(path, p.n).contains(&head),
            "page {} does not begin with {head:?}",
            p.n
        );
    }
}

#[test]
fn one_column_article_comes_back_whole_without_furniture() {
    let src = &fixtures::sources()[6];
    let path = Fixtures::for_tests().print("plain", &fixtures::plain_html(src), true);
    let file = import("article.pdf", &path).unwrap();
    let a = only(&file);
    assert_eq!(a.format, "pdf");
    assert_eq!(a.title, src.title);
    assert_eq!(a.authors, src.authors);
    check_fidelity(a, src);
    let heads: Vec<&str> = a
        .headings
        .iter()
        .map(|&i| a.text.split('\n').nth(i).unwrap())
        .collect();
    let want: Vec<&str> = src
        .paras
        .iter()
        .filter(|p| p.0)
        .map(|p| p.1.as_str())
        .collect();
    assert_eq!(heads, want);
    check_pages(a, &path);
    assert!(a
        .pages
        .iter()
        .enumerate()
        .all(|(i, p)| p.label == (i + 1).to_string()));
}

#[test]
fn journal_paper_two_columns_fields_and_notes() {
    let src = &fixtures::sources()[0];
    let path = Fixtures::for_tests().print("journal", &fixtures::journal_html(src), false);
    let file = import("paper.pdf", &path).unwrap();
    let a = only(&file);
    assert_eq!(a.title, src.title);
    assert_eq!(a.authors, src.authors);
    assert_eq!(
        a.abstract_text.as_deref(),
        Some(fixtures::abstract_of(src).as_str())
    );
    assert_eq!(a.keywords, vec!["人工智能", "影视产业", "Sora"]);
    assert_eq!(a.doi.as_deref(), Some(fixtures::DOI));
    for label in [
        "摘要",
        "关键词",
        "中图分类号",
        "文献标识码",
        "基金项目",
        "DOI",
        "北京电影学院",
    ] {
        assert!(
            !a.text.contains(label),
            "{label} left in the body:\n{}",
            a.text
        );
    }
    // Body paragraphs (the notes come after them) match the source.
    let notes_at = a.text.find("\n注释\n").expect("notes heading");
    let body = ImportedArticle {
        text: a.text[..notes_at].to_string(),
        ..a.clone()
    };
    check_fidelity(&body, src);
    let tail: Vec<&str> = a.text[notes_at + 1..].split('\n').collect();
    assert_eq!(tail, vec!["注释", fixtures::NOTES[0], fixtures::NOTES[1]]);
    check_pages(a, &path);
}

fn plain_fixture() -> std::path::PathBuf {
    let src = &fixtures::sources()[6];
    Fixtures::for_tests().print("plain", &fixtures::plain_html(src), true)
}

#[test]
fn printed_page_labels_are_kept() {
    let path = plain_fixture();
    let labelled = Fixtures::for_tests().with_page_labels(&path, 45);
    let a = only(&import("paper.pdf", &labelled).unwrap()).clone();
    let labels: Vec<&str> = a.pages.iter().map(|p| p.label.as_str()).collect();
    let want: Vec<String> = (0..a.pages.len()).map(|i| (45 + i).to_string()).collect();
    assert_eq!(labels, want);
}

#[test]
fn empty_user_password_opens_and_a_real_one_is_refused() {
    let fx = Fixtures::for_tests();
    let path = plain_fixture();
    let open = fx.encrypted(&path, "");
    let plain = only(&import("a.pdf", &path).unwrap()).text.clone();
    assert_eq!(only(&import("a.pdf", &open).unwrap()).text, plain);
    let locked = fx.encrypted(&path, "secret");
    let err = import("a.pdf", &locked).unwrap_err();
    assert!(matches!(err, ImportError::Encrypted), "{err:?}");
    assert!(err.to_string().contains("password"));
}

#[test]
fn scanned_pdf_is_refused_as_needing_ocr() {
    let src = &fixtures::sources()[1];
    let path = Fixtures::for_tests().image_only(src);
    let err = import("scan.pdf", &path).unwrap_err();
    assert!(matches!(err, ImportError::NoTextLayer), "{err:?}");
    assert!(err.to_string().contains("OCR"));
}

#[test]
fn pages_without_text_are_named_and_the_rest_imported() {
    let fx = Fixtures::for_tests();
    let text = plain_fixture();
    let scan = fx.image_only(&fixtures::sources()[1]);
    let mixed = fx.joined("mixed", &[&text, &scan]);
    let file = import("mixed.pdf", &mixed).unwrap();
    let a = only(&file);
    let n = a.pages.len();
    assert!(
        file.warnings
            .iter()
            .any(|w| w.to_string().contains("OCR") && w.to_string().ends_with(&n.to_string())),
        "{:?}",
        file.warnings
    );
    check_fidelity(a, &fixtures::sources()[6]);
}

#[test]
fn fonts_without_a_unicode_map_are_refused_or_named_never_garbage() {
    let fx = Fixtures::for_tests();
    let text = plain_fixture();
    let unmapped = fx.without_unicode_maps(&text);
    match import("old.pdf", &unmapped) {
        Err(ImportError::Unreadable(pages)) => assert!(!pages.is_empty()),
        Err(other) => panic!("expected a refusal naming pages, got {other:?}"),
        Ok(file) => panic!(
            "imported text from fonts without a Unicode map: {:?}",
            only(&file).text.chars().take(80).collect::<String>()
        ),
    }
    // Joined after a readable PDF: those pages are named, the rest imported.
    let mixed = fx.joined("mixed-unmapped", &[&text, &unmapped]);
    let file = import("mixed.pdf", &mixed).unwrap();
    let a = only(&file);
    assert!(
        file.warnings
            .iter()
            .any(|w| w.to_string().contains("Unicode map")),
        "{:?}",
        file.warnings
    );
    check_fidelity(a, &fixtures::sources()[6]);
}

#[test]
fn truncated_pdf_is_a_clear_error() {
    let bytes = std::fs::read(plain_fixture()).unwrap();
    for cut in [bytes.len() / 2, bytes.len() / 10, 2000] {
        let err = import_bytes("cut.pdf", &bytes[..cut], &ImportOptions::default());
        match err {
            Err(ImportError::Malformed(m)) => assert!(!m.is_empty()),
            Err(other) => panic!("unexpected error for a cut at {cut}: {other:?}"),
            // A file cut near the end may still yield its first pages.
            Ok(f) => assert!(!only(&f).text.is_empty()),
        }
    }
    let err = import_bytes("x.pdf", b"not a pdf at all", &ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("not a PDF"), "{err}");
}

#[test]
fn caj_that_is_a_pdf_imports_and_a_real_caj_is_named() {
    let bytes = std::fs::read(plain_fixture()).unwrap();
    let file = import_bytes("论文题名_作者.caj", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(only(&file).format, "pdf");
    let err = import_bytes(
        "x.caj",
        b"CAJ FILE\x00\x00\x00\x10 rest of a caj",
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Caj));
    assert!(err.to_string().contains("CAJ"));
}
