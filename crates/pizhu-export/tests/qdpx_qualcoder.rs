//! The `.qdpx` export as QualCoder imports it. QualCoder is not on PyPI, so CI
//! cannot run it; `qualcoder_import` below reads exactly what its importer reads
//! (QualCoder `src/qualcoder/refi.py`, class `RefiImport`: `sub_codes`,
//! `load_text_source` and `load_codings_for_text`) and nothing else, so a note
//! that only lives where QualCoder never looks counts as lost here too.

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::process::Command;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format};

/// What QualCoder's database holds after the import.
#[derive(Debug, Default)]
struct Imported {
    /// code guid → code memo (`code_name.memo`).
    codes: HashMap<String, String>,
    /// source name → (fulltext, memo).
    sources: HashMap<String, (String, String)>,
    /// `code_text` rows: (source name, code guid, seltext, memo).
    code_text: Vec<(String, String, String, String)>,
    /// `annotation` rows: (source name, seltext, memo).
    annotations: Vec<(String, String, String)>,
}

fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().to_string(), s);
    }
    out
}

/// Python's `open(path, encoding="utf-8")` in text mode: universal newlines.
fn python_text(s: &str) -> Vec<char> {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .collect()
}

/// A minimal element tree (what `xml.etree.ElementTree` gives QualCoder).
#[derive(Debug, Default)]
struct El {
    tag: String,
    attrs: HashMap<String, String>,
    /// ElementTree's `.text`: the text before the first child, `None` when empty.
    text: Option<String>,
    children: Vec<El>,
}

impl El {
    fn kids<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.tag == tag)
    }
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs.get(k).map(String::as_str)
    }
}

fn parse(xml: &str) -> El {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut stack = vec![El::default()];
    let open = |e: &quick_xml::events::BytesStart| El {
        tag: String::from_utf8(e.local_name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    String::from_utf8(a.key.local_name().as_ref().to_vec()).unwrap(),
                    a.unescape_value().unwrap().into_owned(),
                )
            })
            .collect(),
        ..Default::default()
    };
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(open(&e)),
            Event::Text(t) => {
                let top = stack.last_mut().unwrap();
                if top.children.is_empty() {
                    let t = t.unescape().unwrap();
                    top.text.get_or_insert_with(String::new).push_str(&t);
                }
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap().children.pop().unwrap()
}

fn qualcoder_import(qdpx: &[u8]) -> Imported {
    let files = unzip(qdpx);
    let root = parse(&files["project.qde"]);
    let mut db = Imported::default();
    // sub_codes: a Code's memo is its Description's text; NoteRefs are not read.
    fn sub_codes(code: &El, db: &mut Imported) {
        let memo = code
            .kids("Description")
            .last()
            .and_then(|d| d.text.clone())
            .unwrap_or_default();
        db.codes
            .insert(code.attr("guid").unwrap().to_string(), memo);
        for kid in code.kids("Code") {
            sub_codes(kid, db);
        }
    }
    for book in root.kids("CodeBook") {
        for codes in book.kids("Codes") {
            for code in codes.kids("Code") {
                sub_codes(code, &mut db);
            }
        }
    }
    for sources in root.kids("Sources") {
        for src in sources.kids("TextSource") {
            // load_text_source: memo from Description, text from the plainTextPath file.
            let name = src.attr("name").unwrap().to_string();
            let memo = src
                .kids("Description")
                .last()
                .and_then(|d| d.text.clone())
                .unwrap_or_default();
            let path = src
                .attr("plainTextPath")
                .unwrap()
                .trim_start_matches("internal://");
            let text = python_text(&files[&format!("sources/{path}")]);
            // load_codings_for_text, once per PlainTextSelection child.
            for ptsel in src.kids("PlainTextSelection") {
                let p0: usize = ptsel.attr("startPosition").unwrap().parse().unwrap();
                let p1: usize = ptsel.attr("endPosition").unwrap().parse().unwrap();
                let seltext: String = text[p0..p1].iter().collect();
                let memo = ptsel
                    .kids("Description")
                    .filter_map(|d| d.text.clone())
                    .last()
                    .unwrap_or_default();
                let mut annotation = true;
                for coding in ptsel.kids("Coding") {
                    annotation = false;
                    let code = coding.children[0].attr("targetGUID").unwrap().to_string();
                    db.code_text
                        .push((name.clone(), code, seltext.clone(), memo.clone()));
                }
                if annotation {
                    db.annotations.push((name.clone(), seltext, memo));
                }
            }
            db.sources
                .insert(name, (text.into_iter().collect::<String>(), memo));
        }
    }
    db
}

fn validates_against_the_refi_schema(qdpx: &[u8]) {
    let files = unzip(qdpx);
    let dir = tempfile::tempdir().unwrap();
    let qde = dir.path().join("project.qde");
    std::fs::write(&qde, &files["project.qde"]).unwrap();
    let xsd = conformance_dir().join("refi-qda/Project-mrt2019.xsd");
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&qde)
        .output()
        .expect("xmllint (libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn qualcoder_keeps_every_highlight_note_as_the_coding_memo_or_annotation() {
    let m = model();
    let qdpx = export(&m, &ExportOptions::default(), Format::Qdpx)
        .unwrap()
        .bytes;
    validates_against_the_refi_schema(&qdpx);
    let db = qualcoder_import(&qdpx);
    for h in &m.highlights {
        let title = &m.article(h.article_id).unwrap().title;
        let coded: Vec<_> = db
            .code_text
            .iter()
            .filter(|(s, _, t, _)| s == title && *t == h.exact)
            .collect();
        let annotated: Vec<_> = db
            .annotations
            .iter()
            .filter(|(s, t, _)| s == title && *t == h.exact)
            .collect();
        if h.theme_ids.is_empty() {
            assert!(coded.is_empty());
            assert_eq!(annotated.len(), 1, "uncoded highlight {} lost", h.id);
            assert_eq!(annotated[0].2, h.note.trim(), "highlight {}", h.id);
        } else {
            assert!(annotated.is_empty());
            assert_eq!(coded.len(), h.theme_ids.len(), "highlight {}", h.id);
            for row in coded {
                assert_eq!(row.3, h.note.trim(), "note of highlight {}", h.id);
            }
        }
    }
    // The note with markup survives as text (ElementTree unescapes it).
    assert!(db
        .code_text
        .iter()
        .any(|r| r.3 == "**关键**：<script>alert('x')</script> 扩散"));
    // The article memo arrives as the file's memo, after the citation.
    let (_, memo) = &db.sources[&m.articles[0].title];
    assert!(
        memo.starts_with("刘宗智. ") && memo.ends_with("\n\n整篇偏科普。"),
        "{memo}"
    );
    // Code memos are the themes' descriptions.
    assert!(db.codes.values().any(|d| d == "技术原理的说明"));
}

#[test]
fn qualcoder_imports_an_uncoded_highlight_without_note_as_a_labelled_annotation() {
    let m = model();
    let opts = ExportOptions {
        include_notes: false,
        include_memos: false,
        ..Default::default()
    };
    let qdpx = export(&m, &opts, Format::Qdpx).unwrap().bytes;
    validates_against_the_refi_schema(&qdpx);
    let db = qualcoder_import(&qdpx);
    // QualCoder deletes annotations with a blank memo, so an empty one is as good as lost.
    assert_eq!(db.annotations.len(), 1);
    assert_eq!(db.annotations[0].1, "<b>不是</b>技术革命 & 工程实践");
    assert_eq!(db.annotations[0].2, pizhu_export::qdpx::UNCODED_DESCRIPTION);
    // Without notes, coded highlights carry no memo.
    assert!(db.code_text.iter().all(|r| r.3.is_empty()));
    let (_, memo) = &db.sources[&m.articles[0].title];
    assert!(!memo.contains("整篇偏科普"));
}
