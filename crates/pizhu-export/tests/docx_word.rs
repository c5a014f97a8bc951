//! The DOCX as Word and LibreOffice see it: notes' Markdown as formatting (not
//! `**` and `- ` typed out), quotations upright, document properties filled,
//! no parts declared that nothing uses, and the pizhu:// link only when asked.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::process::Command;
use std::time::Instant;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format};

const RICH_NOTE: &str = "**粗体要点** 和 *强调*\n\n\
- 第一点\n\
- 第二点，见[链接文字](https://example.org/x)\n\n\
1. 甲\n\
2. 乙\n\n\
```\nlet x = 1;\n```\n\n\
行内 `code` 结束，[不可点](javascript:alert(1))";

fn rich_model() -> ExportModel {
    let mut m = model();
    m.highlights[0].note = RICH_NOTE.into();
    m
}

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().to_string(), s);
    }
    out
}

fn docx(m: &ExportModel, opts: &ExportOptions) -> Vec<u8> {
    export(m, opts, Format::Docx).unwrap().bytes
}

/// The `<w:style>` element with this id.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let at = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("style {id}"));
    let end = at + styles[at..].find("</w:style>").unwrap();
    &styles[at..end]
}

#[test]
fn note_markdown_becomes_word_formatting_not_raw_marks() {
    let bytes = docx(&rich_model(), &ExportOptions::default());
    docx_rs::read_docx(&bytes).expect("docx-rs reads it back");
    let p = parts(&bytes);
    let doc = &p["word/document.xml"];
    for raw in ["**", "- 第一点", "[链接文字]", "```", "`code`"] {
        assert!(!doc.contains(raw), "{raw:?} typed out in the document");
    }
    // Bold run around 粗体要点.
    let at = doc.find("粗体要点").unwrap();
    let run = &doc[doc[..at].rfind("<w:r>").unwrap()..at];
    assert!(run.contains("<w:b />") || run.contains("<w:b/>"), "{run}");
    // A clickable web link, and none for javascript:.
    let rels = &p["word/_rels/document.xml.rels"];
    assert!(rels.contains("Target=\"https://example.org/x\""), "{rels}");
    assert!(!rels.contains("javascript") && doc.contains("不可点"));
    assert!(doc.contains("<w:hyperlink"));
    // Two lists: bullets and numbers, as Word lists.
    // Highlight 1 is listed under both its themes: 2 × 4 items.
    assert_eq!(
        doc.matches("<w:numPr>").count(),
        8,
        "four list items, twice"
    );
    let numbering = &p["word/numbering.xml"];
    assert!(numbering.contains("w:val=\"bullet\"") && numbering.contains("w:val=\"decimal\""));
    // Code in a monospace face.
    assert!(doc.contains("let x = 1;") && doc.contains("Consolas"));
}

#[test]
fn quotes_are_upright_properties_filled_and_unused_parts_left_out() {
    let bytes = docx(&model(), &ExportOptions::default());
    let p = parts(&bytes);
    let quote = style(&p["word/styles.xml"], "Quote");
    assert!(
        !quote.contains("<w:i ") && !quote.contains("<w:i/>") && !quote.contains("<w:i>"),
        "Chinese quotations must not be slanted: {quote}"
    );
    assert!(quote.contains("KaiTi"), "{quote}");
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:title>批注导出</dc:title>"), "{core}");
    assert!(
        core.contains("<dc:creator>Pizhu 批注</dc:creator>"),
        "{core}"
    );
    assert!(
        core.contains(">2024-03-09T12:00:00Z</dcterms:created>"),
        "{core}"
    );
    // Nothing uses comments, footnotes or (without lists) numbering.
    for part in [
        "comments.xml",
        "commentsExtended.xml",
        "footnotes.xml",
        "numbering.xml",
    ] {
        assert!(
            !p.contains_key(&format!("word/{part}")),
            "{part} is in the zip"
        );
        assert!(
            !p["[Content_Types].xml"].contains(&format!("/word/{part}")),
            "{part} declared"
        );
        assert!(
            !p["word/_rels/document.xml.rels"].contains(&format!("\"{part}\"")),
            "{part} related"
        );
    }
    docx_rs::read_docx(&bytes).expect("docx-rs reads it back");
}

#[test]
fn the_pizhu_link_after_each_quote_only_when_asked() {
    let m = model();
    let plain = parts(&docx(&m, &ExportOptions::default()));
    assert!(!plain["word/_rels/document.xml.rels"].contains("pizhu://"));
    assert!(!plain["word/document.xml"].contains("在 Pizhu 中打开"));
    let opts = ExportOptions {
        docx_deep_links: true,
        ..Default::default()
    };
    let linked = parts(&docx(&m, &opts));
    assert_eq!(
        linked["word/_rels/document.xml.rels"]
            .matches("pizhu://article/")
            .count(),
        6,
        "one link per passage listing"
    );
}

#[test]
fn libreoffice_shows_bold_links_lists_and_code_from_a_note() {
    // The reference reader is part of the test: scripts/setup.sh installs it, and a
    // missing one is a failure, never a silent pass.
    assert!(
        common::installed("soffice"),
        "LibreOffice (soffice) is not installed: run scripts/setup.sh"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.docx");
    std::fs::write(&file, docx(&rich_model(), &ExportOptions::default())).unwrap();
    let started = Instant::now();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "html", "--outdir"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .unwrap();
    eprintln!("LibreOffice converted the DOCX in {:?}", started.elapsed());
    let html = std::fs::read_to_string(dir.path().join("notes.html")).unwrap_or_else(|_| {
        panic!(
            "LibreOffice could not load the DOCX:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let squash: String = html.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squash.contains("<b>粗体要点</b>") || squash.contains("<strong>粗体要点</strong>"),
        "bold lost"
    );
    assert!(
        squash.contains("href=\"https://example.org/x\""),
        "link lost"
    );
    assert!(
        squash.contains("<ul") && squash.contains("<ol"),
        "lists lost"
    );
    assert!(squash.contains("<li"));
    assert!(
        !squash.contains("**") && !squash.contains("```"),
        "raw Markdown shows"
    );
    assert!(squash.contains("let x = 1;"));
    assert!(!squash.contains("javascript:"));
    // The quotation is upright (LibreOffice splits it by script: Latin, then Chinese).
    let at = squash.find("模型的核心是扩散模型").unwrap();
    let before = &squash[squash[..at].rfind("<p").unwrap()..at];
    assert!(
        !before.contains("<i>") && !before.contains("italic"),
        "{before}"
    );
}
