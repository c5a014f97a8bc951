//! The W3C export through a JSON-LD processor (PyLD, offline): what survives
//! expansion is what any JSON-LD tool sees. Needs `pip install pyld`
//! (`scripts/setup.sh` installs it).

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format};
use serde_json::Value;

fn expand(doc: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.jsonld");
    std::fs::write(&file, doc).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jsonld_expand.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .expect("python3 must be installed");
    assert!(
        out.status.success(),
        "PyLD could not expand the export (pip install pyld):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (name, colour, description, parent) of a code-book entry after expansion.
type Theme = (String, Option<String>, Option<String>, Option<String>);

fn literal(node: &Value, iri: &str) -> Option<String> {
    node.get(iri)?
        .get(0)?
        .get("@value")?
        .as_str()
        .map(Into::into)
}

#[test]
fn the_code_book_survives_json_ld_expansion_in_order_with_colour_description_and_parent() {
    let m = model();
    let bytes = export(&m, &ExportOptions::default(), Format::W3c)
        .unwrap()
        .bytes;
    let expanded = expand(&bytes);
    let collection = expanded
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"][0] == "http://www.w3.org/ns/activitystreams#OrderedCollection")
        .expect("the collection");
    let list = collection["urn:pizhu:codebook"][0]["@list"]
        .as_array()
        .expect("the code book expands as an ordered list");
    let got: Vec<Theme> = list
        .iter()
        .map(|t| {
            (
                literal(t, "http://xmlns.com/foaf/0.1/name").unwrap(),
                literal(t, "http://schema.org/color"),
                literal(t, "http://schema.org/description"),
                literal(t, "urn:pizhu:vocab:parentName"),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        vec![
            ("技术原理".into(), s("#1F77B4"), s("技术原理的说明"), None),
            (
                "扩散模型".into(),
                s("#aec"),
                s("扩散模型的说明"),
                s("技术原理")
            ),
            ("产业影响".into(), s("#FF7F0E"), s("产业影响的说明"), None),
            ("空主题".into(), s("yellow"), s("空主题的说明"), None),
        ]
    );
    // Pizhu's own reader still finds the same code book.
    let book = pizhu_export::w3c::parse_codebook(&bytes);
    assert_eq!(book.len(), 4);
    assert_eq!(book[1].parent.as_deref(), Some("技术原理"));
}

#[test]
fn annotations_keep_their_quotes_and_tags_through_expansion() {
    let bytes = export(&model(), &ExportOptions::default(), Format::W3c)
        .unwrap()
        .bytes;
    let text = expand(&bytes).to_string();
    assert!(text.contains("http://www.w3.org/ns/oa#exact"));
    assert!(text.contains("Sora模型的核心是扩散模型"));
    assert!(text.contains("http://www.w3.org/ns/oa#tagging"));
}
