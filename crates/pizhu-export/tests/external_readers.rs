//! The exports opened by the programs people use: LibreOffice reads the DOCX,
//! Chromium prints the HTML to PDF. `scripts/setup.sh` installs both, and a
//! missing one fails the test: the reference reader is the point of it.

mod common;

use std::path::Path;
use std::process::Command;

use pizhu_export::model::ExportOptions;
use pizhu_export::{export, Format};

#[test]
fn libreoffice_opens_the_docx_and_finds_every_passage() {
    // The reference reader is part of the test: scripts/setup.sh installs it, and a
    // missing one is a failure, never a silent pass.
    assert!(
        common::installed("soffice"),
        "LibreOffice (soffice) is not installed: run scripts/setup.sh"
    );
    let m = common::model();
    let bytes = export(&m, &ExportOptions::default(), Format::Docx)
        .unwrap()
        .bytes;
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("notes.docx");
    std::fs::write(&docx, bytes).unwrap();
    let out = Command::new("soffice")
        // A private profile: no clash with a running LibreOffice or another test.
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    let txt_path = dir.path().join("notes.txt");
    assert!(
        txt_path.exists(),
        "LibreOffice could not load the DOCX:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(txt_path).unwrap();
    for h in &m.highlights {
        for para in h.exact.split('\n') {
            assert!(
                text.contains(para),
                "{para:?} missing from LibreOffice's text"
            );
        }
    }
    assert!(text.contains(
        "[1] 刘宗智. 59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗[N]. 齐鲁晚报, 2024-02-19."
    ));
}

#[test]
fn chromium_prints_the_html_to_pdf() {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| common::installed(b));
    let browser = browser.expect("Chromium is not installed: run scripts/setup.sh");
    let html = export(&common::model(), &ExportOptions::default(), Format::Html)
        .unwrap()
        .bytes;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("notes.html");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.path().join("notes.pdf");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let bytes = std::fs::read(&pdf).unwrap_or_else(|_| {
        panic!("no PDF: {}", String::from_utf8_lossy(&out.stderr));
    });
    assert!(bytes.starts_with(b"%PDF-"));
    // At least one page object (the fixture fits on one or two A4 pages).
    let pages = count(&bytes, b"/Type /Page") + count(&bytes, b"/Type/Page")
        - count(&bytes, b"/Type /Pages")
        - count(&bytes, b"/Type/Pages");
    assert!(pages >= 1, "{pages} pages");
    assert!(Path::new(&pdf).metadata().unwrap().len() > 10_000);
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}
