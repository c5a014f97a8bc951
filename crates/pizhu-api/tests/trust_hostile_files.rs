//! Hostile files through the real import path (`importFiles` on files on disk): a
//! DOCX zip bomb, `../` entry names, a file over the size limit, a 10 MB single
//! line, binaries renamed as text. Each gets a clear error (or a harmless import),
//! nothing is written outside the library, the library stays healthy, and the
//! whole run stays within stated time and memory.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pizhu_api::Pizhu;
use pizhu_core::LibraryDir;
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The most extra memory (peak RSS growth) the whole hostile run may cost.
const MEMORY_BUDGET: u64 = 400 * 1024 * 1024;
/// The most time one hostile file may take to import (debug build).
const TIME_BUDGET: Duration = Duration::from_secs(60);

const DOC_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// Peak resident memory of this process so far (Linux), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<u64>()
        .unwrap()
        * 1024
}

fn import(app: &Pizhu, path: &Path) -> (Value, Duration) {
    let started = Instant::now();
    let report = app.call("importFiles", json!({ "paths": [path] })).unwrap();
    (report, started.elapsed())
}

fn failure(report: &Value) -> Option<String> {
    report["failed"]
        .as_array()
        .and_then(|f| f.first())
        .map(|f| f["error"].as_str().unwrap().to_string())
}

#[test]
fn hostile_files_get_clear_errors_write_nothing_outside_and_stay_in_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = LibraryDir::new(tmp.path().join("lib"));
    let files = tmp.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let app = Pizhu::open(&lib).unwrap();
    let articles_before = app
        .call("listArticles", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .len();

    // DOCX zip bomb: a 300 MB document.xml of one repeated paragraph, deflated to well under 1 MB.
    let bomb = files.join("bomb.docx");
    {
        let f = std::fs::File::create(&bomb).unwrap();
        let mut zip = ZipWriter::new(f);
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(DOC_HEAD.as_bytes()).unwrap();
        let chunk = paragraph(&"炸".repeat(1000)).repeat(300);
        // About 300 MB uncompressed (the importer caps document.xml at 32 MB).
        for _ in 0..330 {
            zip.write_all(chunk.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    // `../` and absolute entry names beside a real document.
    let traversal = files.join("traversal.docx");
    let doc = format!(
        "{DOC_HEAD}{}{}</w:body></w:document>",
        paragraph("目录穿越测试标题"),
        paragraph("正文一段。")
    );
    std::fs::write(
        &traversal,
        zip_of(&[
            ("../../escaped.txt", b"escaped".to_vec()),
            ("/tmp/pizhu-absolute-escape.txt", b"escaped".to_vec()),
            ("word/../../../escaped2.txt", b"escaped".to_vec()),
            ("word/document.xml", doc.into_bytes()),
        ]),
    )
    .unwrap();
    // Over the size limit (sparse: costs no disk).
    let huge = files.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(pizhu_import::MAX_FILE_BYTES + 1)
        .unwrap();
    // 10 MB on a single line.
    let one_line = files.join("one-line.txt");
    std::fs::write(&one_line, "单行文字没有换行".repeat(10 * 1024 * 1024 / 24)).unwrap();
    // Binaries renamed as text and as a document.
    let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    let elf = files.join("program.txt");
    std::fs::write(&elf, &exe[..exe.len().min(256 * 1024)]).unwrap();
    let png = files.join("picture.md");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82").unwrap();
    let fake_docx = files.join("not-a-zip.docx");
    std::fs::write(
        &fake_docx,
        b"PK\x03\x04 this is not really a zip archive at all",
    )
    .unwrap();
    let html_bin = files.join("binary.html");
    std::fs::write(&html_bin, &exe[..4096.min(exe.len())]).unwrap();

    // Where the `../` entries would land if anything unpacked them (the shared
    // temp folder is busy with others' files, so only these names are checked).
    let landing: Vec<PathBuf> = [files.as_path(), tmp.path(), tmp.path().parent().unwrap()]
        .iter()
        .flat_map(|d| [d.join("escaped.txt"), d.join("escaped2.txt")])
        .chain([PathBuf::from("/tmp/pizhu-absolute-escape.txt")])
        .collect();
    for p in &landing {
        let _ = std::fs::remove_file(p);
    }
    let rss_before = peak_rss();

    let cases: &[(&Path, &[&str])] = &[
        (&bomb, &["limit", "too large", "larger", "bomb", "exceed"]),
        (&huge, &["limit"]),
        (&elf, &["binary"]),
        (&png, &["binary"]),
        (&fake_docx, &["damaged", "zip", "malformed"]),
        (&html_bin, &["binary"]),
    ];
    let mut timings = vec![];
    for (path, expect) in cases {
        let (report, took) = import(&app, path);
        let err = failure(&report)
            .unwrap_or_else(|| panic!("{} was not refused: {report}", path.display()));
        let lower = err.to_lowercase();
        assert!(
            expect.iter().any(|e| lower.contains(e)),
            "{}: unclear error {err:?}",
            path.display()
        );
        assert!(took < TIME_BUDGET, "{} took {took:?}", path.display());
        timings.push(format!(
            "{}: {:.2} s ({err})",
            path.file_name().unwrap().to_string_lossy(),
            took.as_secs_f64()
        ));
    }
    // These two may import; they must not escape or hang.
    for path in [&traversal, &one_line] {
        let (report, took) = import(&app, path);
        assert!(took < TIME_BUDGET, "{} took {took:?}", path.display());
        timings.push(format!(
            "{}: {:.2} s ({})",
            path.file_name().unwrap().to_string_lossy(),
            took.as_secs_f64(),
            failure(&report).unwrap_or_else(|| "imported".into())
        ));
    }
    let rss_growth = peak_rss().saturating_sub(rss_before);
    eprintln!(
        "hostile imports (peak RSS growth {} MB):\n  {}",
        rss_growth >> 20,
        timings.join("\n  ")
    );
    assert!(
        rss_growth < MEMORY_BUDGET,
        "peak memory grew by {} MB",
        rss_growth >> 20
    );

    // Nothing written outside the library.
    for p in &landing {
        assert!(!p.exists(), "{} was written", p.display());
    }
    let mut beside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        ["files", "lib"],
        "files appeared beside the library"
    );
    assert_eq!(
        std::fs::read_dir(&files).unwrap().count(),
        8,
        "files appeared among the inputs"
    );
    // The library is intact; only the harmless documents may have been added.
    assert_eq!(app.call("checkLibrary", json!({})).unwrap()["ok"], true);
    let articles_after = app
        .call("listArticles", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert!(articles_after <= articles_before + 2);
}
