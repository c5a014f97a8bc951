//! EPUB through the real binary: a book built from the curated seeds with a
//! page list imports with `format: "epub"` and its printed pages, a passage
//! across a page mark lists both labels, the original is kept in the library
//! folder, and a DRM-protected book fails with its reason.

#[path = "../../pizhu-import/tests/epub_support/mod.rs"]
mod epub_support;
#[path = "../../pizhu-import/tests/pdf_support/mod.rs"]
mod pdf_support;

use epub_support::{Book, PageList, PageMark};
use serde_json::Value;

mod common;
use common::run as pizhu;

fn mark(chapter: usize, para: usize, mid: usize, label: &str) -> PageMark {
    PageMark {
        chapter,
        para,
        mid,
        label: label.into(),
    }
}

#[test]
fn an_epub_imports_with_its_pages_and_original() {
    let mut book = Book::of_sources(2);
    book.list = PageList::Nav;
    book.pages = vec![mark(0, 0, 0, "1"), mark(0, 2, 10, "2"), mark(1, 0, 0, "3")];
    let bytes = book.build();
    let mut drm = Book::of_sources(1);
    drm.extra.push((
        "META-INF/encryption.xml".into(),
        b"<encryption xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData>\
<enc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>\
<enc:CipherData><enc:CipherReference URI=\"OEBPS/text/ch0.xhtml\"/></enc:CipherData></enc:EncryptedData></encryption>"
            .to_vec(),
    ));
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let files = tmp.path().join("books");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("读本.epub"), &bytes).unwrap();
    std::fs::write(files.join("locked.epub"), drm.build()).unwrap();

    let (code, report, stderr) = pizhu(&library, &["import", "--json", files.to_str().unwrap()]);
    assert_eq!(code, 1, "the DRM book fails: {stderr}");
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{report}");
    assert!(failed[0]["file"].as_str().unwrap().ends_with("locked.epub"));
    assert!(failed[0]["error"].as_str().unwrap().contains("DRM"));
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 1, "{report}");

    let id = imported[0]["id"].as_i64().unwrap().to_string();
    let (code, shown, _) = pizhu(&library, &["show", &id, "--json"]);
    assert_eq!(code, 0);
    assert_eq!(shown["format"], "epub");
    assert_eq!(shown["title"], book.title.as_str());
    let labels: Vec<&str> = shown["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["1", "2", "3"]);
    let text: Vec<char> = shown["text"].as_str().unwrap().chars().collect();
    let second = shown["pages"][1]["start"].as_u64().unwrap() as usize;
    // Page 2 begins 10 characters into the chapter's first heading.
    let want: String = book.chapters[0].paras[1].1.chars().skip(10).collect();
    let got: String = text[second..second + want.chars().count()].iter().collect();
    assert_eq!(got, want);

    // A passage across the mark of page 2 sits on pages 1 and 2.
    let (start, end) = ((second - 3).to_string(), (second + 3).to_string());
    let (code, _, stderr) = pizhu(
        &library,
        &["highlight", "add", &id, "--start", &start, "--end", &end],
    );
    assert_eq!(code, 0, "{stderr}");
    let (_, list, _) = pizhu(&library, &["highlight", "list", "--json", "--article", &id]);
    let h = &list.as_array().unwrap()[0];
    assert_eq!(
        (&h["pageStart"], &h["pageEnd"]),
        (&Value::from("1"), &Value::from("2"))
    );

    // Exports cite the passage with its pages: GB/T 7714 `[1]1-2`, APA `p.`.
    let md = tmp.path().join("notes.md");
    let md_s = md.to_str().unwrap();
    let (code, _, stderr) = pizhu(
        &library,
        &["export", "--format", "md", "--article", &id, "--out", md_s],
    );
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("\\[1\\]1-2"), "{text}");
    let html = tmp.path().join("notes.html");
    let (code, _, stderr) = pizhu(
        &library,
        &[
            "export",
            "--format",
            "html",
            "--article",
            &id,
            "--citation",
            "apa",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&html).unwrap();
    // APA through the CSL style: the page range inside the in-text citation.
    assert!(text.contains("pp. 1–2)</a>"), "{text}");

    let originals: Vec<_> = std::fs::read_dir(library.join("originals"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(originals.len(), 1);
    assert!(originals[0].to_string_lossy().ends_with(".epub"));
    assert_eq!(std::fs::read(&originals[0]).unwrap(), bytes);
}

#[test]
fn reimport_re_extracts_from_the_original_and_is_undoable() {
    let mut book = Book::of_sources(2);
    book.list = PageList::Nav;
    book.pages = vec![mark(0, 0, 0, "1"), mark(1, 0, 0, "2")];
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let file = tmp.path().join("book.epub");
    std::fs::write(&file, book.build()).unwrap();
    let (code, report, stderr) = pizhu(&library, &["import", "--json", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let id = report["imported"][0]["id"].as_i64().unwrap().to_string();
    let (_, fresh, _) = pizhu(&library, &["show", &id, "--json"]);

    // Stand in for an older importer: a paragraph split at a page break and
    // a stray page number, pasted over the text.
    let text = fresh["text"].as_str().unwrap();
    let second = book.chapters[0].paras[1].1.clone();
    let (head, tail) = second.split_at(second.char_indices().nth(6).unwrap().0);
    let old_text = text.replacen(&second, &format!("{head}\n12\n{tail}"), 1);
    let old_file = tmp.path().join("old.txt");
    std::fs::write(&old_file, &old_text).unwrap();
    let (code, _, stderr) = pizhu(
        &library,
        &[
            "article",
            "edit",
            &id,
            "--text-file",
            old_file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    // A highlight made on the old text, on a passage the fresh text keeps.
    let quote = &book.chapters[1].paras[0].1;
    let start = old_text[..old_text.find(quote.as_str()).unwrap()]
        .chars()
        .count();
    let end = start + 6;
    let (code, _, stderr) = pizhu(
        &library,
        &[
            "highlight",
            "add",
            &id,
            "--start",
            &start.to_string(),
            "--end",
            &end.to_string(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");

    let (code, out, stderr) = pizhu(&library, &["reimport", &id, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(out["orphans"], Value::Array(vec![]), "{out}");
    let (_, now, _) = pizhu(&library, &["show", &id, "--json"]);
    assert_eq!(now["text"], fresh["text"]);
    assert_eq!(now["pages"], fresh["pages"]);
    let (_, list, _) = pizhu(&library, &["highlight", "list", "--json", "--article", &id]);
    let h = &list[0];
    let chars: Vec<char> = now["text"].as_str().unwrap().chars().collect();
    let s = h["start"].as_u64().unwrap() as usize;
    let e = h["end"].as_u64().unwrap() as usize;
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        quote.chars().take(6).collect::<String>()
    );
    assert_eq!(h["pageStart"], "2");

    // One undo puts the old text back.
    let (code, _, _) = pizhu(&library, &["undo"]);
    assert_eq!(code, 0);
    let (_, undone, _) = pizhu(&library, &["show", &id, "--json"]);
    assert_eq!(undone["text"].as_str().unwrap(), old_text);
}
