//! PDF through the real binary: a folder imported recursively (a scanned PDF
//! in it fails with its reason, the rest lands), `show --json` gives the
//! format and the pages with their printed labels, a highlight across a page
//! break lists both labels, the original is kept in the library folder, and
//! pages dropped from a PDF are reported as warnings of its article.

#[path = "../../pizhu-import/tests/pdf_support/mod.rs"]
mod pdf_support;

use pdf_support::fixtures::{self, Fixtures};
use serde_json::Value;

mod common;
use common::run as pizhu;

#[test]
fn a_folder_of_pdfs_imports_with_pages_labels_and_originals() {
    let fx = Fixtures::for_tests();
    let sources = fixtures::sources();
    let paper = fx.print("journal", &fixtures::journal_html(&sources[0]), false);
    let paper = fx.with_page_labels(&paper, 45);
    let scan = fx.image_only(&sources[1]);
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let files = tmp.path().join("files");
    std::fs::create_dir_all(files.join("2024/第3期")).unwrap();
    std::fs::copy(&paper, files.join("2024/第3期/paper.pdf")).unwrap();
    std::fs::copy(&scan, files.join("2024/scan.pdf")).unwrap();
    std::fs::write(files.join("2024/cover.png"), b"\x89PNG").unwrap();

    let (code, report, stderr) = pizhu(&library, &["import", "--json", files.to_str().unwrap()]);
    assert_eq!(code, 1, "the scan fails, so exit 1: {stderr}");
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 1, "{report}");
    assert!(imported[0]["file"].as_str().unwrap().ends_with("paper.pdf"));
    assert_eq!(imported[0]["warnings"], Value::Array(vec![]));
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(
        failed.len(),
        1,
        "the PNG is skipped, the scan fails: {report}"
    );
    assert!(failed[0]["error"].as_str().unwrap().contains("OCR"));

    let id = imported[0]["id"].as_i64().unwrap().to_string();
    let (code, shown, _) = pizhu(&library, &["show", &id, "--json"]);
    assert_eq!(code, 0);
    assert_eq!(shown["format"], "pdf");
    assert_eq!(shown["title"], sources[0].title.as_str());
    let pages = shown["pages"].as_array().unwrap();
    assert!(pages.len() >= 2, "{shown}");
    for (i, p) in pages.iter().enumerate() {
        assert_eq!(p["n"], i + 1);
        assert_eq!(p["label"], (45 + i).to_string());
    }
    assert_eq!(pages[0]["start"], 0);

    // A passage across the first page break sits on pages 45 and 46.
    let brk = pages[1]["start"].as_u64().unwrap();
    let (start, end) = ((brk - 3).to_string(), (brk + 3).to_string());
    let (code, _, stderr) = pizhu(
        &library,
        &["highlight", "add", &id, "--start", &start, "--end", &end],
    );
    assert_eq!(code, 0, "{stderr}");
    let (_, list, _) = pizhu(&library, &["highlight", "list", "--json", "--article", &id]);
    let h = &list.as_array().unwrap()[0];
    assert_eq!(
        (&h["pageStart"], &h["pageEnd"]),
        (&Value::from("45"), &Value::from("46"))
    );

    // The original is kept in the library folder, by checksum.
    let originals: Vec<_> = std::fs::read_dir(library.join("originals"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(originals.len(), 1);
    assert_eq!(
        std::fs::read(&originals[0]).unwrap(),
        std::fs::read(&paper).unwrap()
    );
}

#[test]
fn unpaged_articles_show_no_pages_and_their_highlights_no_page() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let file = tmp.path().join("note.md");
    std::fs::write(&file, "# 一篇短文\n\n这是正文的第一段，没有页码。\n").unwrap();
    let (code, report, _) = pizhu(&library, &["import", "--json", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    let id = report["imported"][0]["id"].as_i64().unwrap().to_string();
    let (_, shown, _) = pizhu(&library, &["show", &id, "--json"]);
    assert_eq!(shown["format"], "md");
    assert_eq!(shown["pages"], Value::Array(vec![]));
    pizhu(
        &library,
        &["highlight", "add", &id, "--start", "0", "--end", "2"],
    );
    let (_, list, _) = pizhu(&library, &["highlight", "list", "--json", "--article", &id]);
    assert_eq!(list[0]["pageStart"], Value::Null);
    assert_eq!(list[0]["pageEnd"], Value::Null);
}

#[test]
fn pages_dropped_from_a_pdf_are_warnings_of_its_article() {
    let fx = Fixtures::for_tests();
    let sources = fixtures::sources();
    // The journal print, not the plain one: the bundled corpus already holds
    // the plain text, which would make the import a duplicate.
    let text = fx.print("journal", &fixtures::journal_html(&sources[0]), false);
    let scan = fx.image_only(&sources[1]);
    let mixed = fx.joined("mixed-journal", &[&text, &scan]);
    let tmp = tempfile::tempdir().unwrap();
    let (code, report, stderr) = pizhu(
        &tmp.path().join("library"),
        &["import", "--json", mixed.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let warnings = report["imported"][0]["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{report}");
    assert!(warnings[0].as_str().unwrap().contains("OCR"));
}
