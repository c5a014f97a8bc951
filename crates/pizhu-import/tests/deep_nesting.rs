//! Regression: deeply nested documents crashed the process (stack overflow in a
//! recursive tree walk) or took over a minute in the HTML parser.
//!
//! A stack overflow aborts the whole test binary, so each case re-runs this
//! binary as a child process (`--exact <test name>`) and the parent checks the
//! child's exit status: a regression shows as a failed test, not a dead run.
//! The child does the work on a thread with a 256 KB stack, smaller than any
//! thread Pizhu imports on, so a recursion that only just fits today fails here.

use std::io::{Cursor, Write};
use std::process::Command;
use std::time::{Duration, Instant};

use pizhu_import::{import_bytes, ImportError, ImportOptions};

const CHILD_ENV: &str = "PIZHU_DEEP_NESTING_CHILD";
const SMALL_STACK: usize = 256 * 1024;

/// In the parent: run `test_name` alone in a child process and require that it
/// exits cleanly. In the child: run `body` on a small stack.
fn in_child_with_small_stack(test_name: &str, body: fn()) {
    if std::env::var_os(CHILD_ENV).is_some() {
        std::thread::Builder::new()
            .stack_size(SMALL_STACK)
            .spawn(body)
            .unwrap()
            .join()
            .unwrap();
        return;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([test_name, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{test_name} died in its child process ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let r = f();
    (r, started.elapsed())
}

fn assert_too_deep(result: Result<pizhu_import::ImportedFile, ImportError>) {
    match result {
        Err(e @ ImportError::TooDeep { .. }) => {
            assert_eq!(e.code(), "too_deep");
            assert!(e.to_string().contains("512 deep"), "{e}");
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
}

#[test]
fn thirty_thousand_nested_spans_are_refused_not_a_crash() {
    in_child_with_small_stack(
        "thirty_thousand_nested_spans_are_refused_not_a_crash",
        || {
            let page = format!(
                "<html><body>{}深层嵌套的正文。{}</body></html>",
                "<span>".repeat(30_000),
                "</span>".repeat(30_000)
            );
            let (result, took) =
                timed(|| import_bytes("deep.html", page.as_bytes(), &ImportOptions::default()));
            assert_too_deep(result);
            assert!(took < Duration::from_secs(2), "took {took:?}");
        },
    );
}

#[test]
fn a_hundred_thousand_nested_divs_are_refused_before_parsing() {
    in_child_with_small_stack(
        "a_hundred_thousand_nested_divs_are_refused_before_parsing",
        || {
            // Unclosed, as in the report: the parser would nest every one.
            let page = format!("<html><body>{}正文</body></html>", "<div>".repeat(100_000));
            let (result, took) =
                timed(|| import_bytes("deep.htm", page.as_bytes(), &ImportOptions::default()));
            assert_too_deep(result);
            assert!(took < Duration::from_secs(2), "took {took:?}");
        },
    );
}

#[test]
fn nesting_just_under_the_limit_imports_on_a_small_stack() {
    in_child_with_small_stack(
        "nesting_just_under_the_limit_imports_on_a_small_stack",
        || {
            // 500 nested elements (below the 512 cap) still walk without recursion.
            let page = format!(
                "<html><body><h1>嵌套标题</h1>{}<p>一段很深的正文。</p>{}</body></html>",
                "<div><span>".repeat(250),
                "</span></div>".repeat(250)
            );
            let f = import_bytes("ok.html", page.as_bytes(), &ImportOptions::default()).unwrap();
            assert_eq!(f.articles[0].title, "嵌套标题");
            assert_eq!(f.articles[0].text, "一段很深的正文。");
        },
    );
}

#[test]
fn long_flat_pages_are_not_mistaken_for_deep_ones() {
    // Thousands of unclosed <p> and <li> and sloppy unclosed inline tags
    // inside closed blocks nest nothing: such pages must still import.
    let mut page = String::from("<html><body><h1>平铺的长页面</h1><div>");
    for i in 0..3000 {
        page.push_str(&format!(
            "<p>第{i}段<font color=red>红字</div><div><li>条目"
        ));
    }
    page.push_str("</div></body></html>");
    let f = import_bytes("flat.html", page.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(f.articles[0].title, "平铺的长页面");
}

fn docx_with_body(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn deeply_nested_docx_xml_streams_without_a_crash() {
    in_child_with_small_stack("deeply_nested_docx_xml_streams_without_a_crash", || {
        // document.xml is read as a stream of events, so depth costs nothing:
        // 200,000 nested runs around one paragraph's text.
        let body = format!(
            "<w:p>{}<w:t>深层的文字。</w:t>{}</w:p><w:p><w:r><w:t>第二段。</w:t></w:r></w:p>",
            "<w:r>".repeat(200_000),
            "</w:r>".repeat(200_000)
        );
        let (result, took) = timed(|| {
            import_bytes(
                "deep.docx",
                &docx_with_body(&body),
                &ImportOptions::default(),
            )
        });
        let f = result.unwrap();
        assert!(f.articles[0].text.contains("第二段。"));
        assert!(took < Duration::from_secs(10), "took {took:?}");
    });
}
