//! The CSV read back by the readers people use: every character of a note,
//! carriage returns included, comes back.

mod common;

use std::process::Command;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format};

const NOTE: &str = "第一行\r第二行\r\n第三行\n第四行\r";

fn csv_with_note() -> Vec<u8> {
    let mut m = model();
    m.highlights[2].note = NOTE.into();
    export(&m, &ExportOptions::default(), Format::Csv)
        .unwrap()
        .bytes
}

fn note_column(rows: &[Vec<String>]) -> Vec<String> {
    let at = rows[0].iter().position(|h| h == "note").unwrap();
    rows[1..].iter().map(|r| r[at].clone()).collect()
}

#[test]
fn carriage_returns_in_a_note_survive_the_csv_crate() {
    let bytes = csv_with_note();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(note_column(&rows).contains(&NOTE.to_string()), "{rows:?}");
}

#[test]
fn carriage_returns_in_a_note_survive_python_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.csv");
    std::fs::write(&file, csv_with_note()).unwrap();
    // The csv module's documented way to open a file: newline='' keeps line ends in cells.
    let script = "import csv, json, sys\n\
        with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n    \
        print(json.dumps(list(csv.reader(f))))";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("python3 must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(note_column(&rows).contains(&NOTE.to_string()), "{rows:?}");
}
