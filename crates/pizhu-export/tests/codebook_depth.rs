//! Regression: a REFI-QDA code book with 200,000 nested `<Code>` elements
//! crashed the process (stack overflow in a recursive trim, then in dropping
//! the recursive tree).
//!
//! A stack overflow aborts the whole test binary, so the case re-runs this
//! binary as a child process (`--exact <test name>`) and the parent checks the
//! child's exit status; the child works on a thread with a 256 KB stack.

use std::process::Command;
use std::time::{Duration, Instant};

use pizhu_export::qdpx::{read_codebook, MAX_CODE_DEPTH};
use pizhu_export::ExportError;

const CHILD_ENV: &str = "PIZHU_CODEBOOK_DEPTH_CHILD";

fn in_child_with_small_stack(test_name: &str, body: fn()) {
    if std::env::var_os(CHILD_ENV).is_some() {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
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

fn nested_codebook(depth: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>"#,
    );
    for i in 0..depth {
        xml.push_str(&format!(
            r#"<Code guid="00000000-0000-0000-0000-{i:012}" name="层{i}" isCodable="true"><Description> 第{i}层 </Description>"#
        ));
    }
    xml.push_str(&"</Code>".repeat(depth));
    xml.push_str("</Codes></CodeBook>");
    xml
}

#[test]
fn two_hundred_thousand_nested_codes_are_refused_not_a_crash() {
    in_child_with_small_stack(
        "two_hundred_thousand_nested_codes_are_refused_not_a_crash",
        || {
            let xml = nested_codebook(200_000);
            let started = Instant::now();
            match read_codebook(xml.as_bytes()) {
                Err(ExportError::Invalid(msg)) => {
                    assert!(
                        msg.contains(&format!("more than {MAX_CODE_DEPTH} deep")),
                        "{msg}"
                    )
                }
                other => panic!("expected a depth error, got {:?}", other.map(|c| c.len())),
            }
            assert!(started.elapsed() < Duration::from_secs(5));
        },
    );
}

#[test]
fn a_code_book_at_the_depth_limit_reads_whole_on_a_small_stack() {
    in_child_with_small_stack(
        "a_code_book_at_the_depth_limit_reads_whole_on_a_small_stack",
        || {
            let codes = read_codebook(nested_codebook(MAX_CODE_DEPTH).as_bytes()).unwrap();
            let mut level = &codes;
            for i in 0..MAX_CODE_DEPTH {
                assert_eq!(level.len(), 1);
                assert_eq!(level[0].name, format!("层{i}"));
                assert_eq!(level[0].description, format!("第{i}层"));
                level = &level[0].children;
            }
            assert!(level.is_empty());
        },
    );
}
