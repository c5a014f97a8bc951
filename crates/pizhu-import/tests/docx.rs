//! DOCX built in the test with the zip crate: paragraphs and heading styles,
//! and the zip-safety limits.

use std::io::{Cursor, Write};

use pizhu_import::{import_bytes, ImportError, ImportOptions};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn para(style: Option<&str>, runs: &[&str]) -> String {
    let ppr = style
        .map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"))
        .unwrap_or_default();
    let runs: String = runs
        .iter()
        .map(|r| format!("<w:r><w:t xml:space=\"preserve\">{r}</w:t></w:r>"))
        .collect();
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn document_xml(paras: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{W}\"><w:body>{}<w:sectPr/></w:body></w:document>",
        paras.concat()
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>
</w:styles>"#;

fn build(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn sample_document() -> String {
    document_xml(&[
        para(
            Some("Title"),
            &["影视产业新视角：", "大模型 Sora 带来的变革"],
        ),
        para(None, &["■文/司若 庞胜楠"]),
        para(
            None,
            &[
                "2月16日,OpenAI公司发布了其首个文生视频模型 Sora,",
                "此消息一出瞬间占领头条。",
            ],
        ),
        para(Some("1"), &["生成式人工智能在视频领域的发展"]),
        para(
            None,
            &["在 Sora 诞生之前, 生成式人工智能已经取得了显著的突破 &amp; 进步。"],
        ),
        para(Some("2"), &["小节"]),
        para(Some("Heading3"), &["更小的节"]),
        para(None, &[]),
        para(None, &["最后一段。"]),
    ])
}

#[test]
fn paragraphs_headings_and_title() {
    let doc = sample_document();
    let bytes = build(&[
        ("word/document.xml", doc.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
    ]);
    let f = import_bytes("文章.DOCX", &bytes, &ImportOptions::default()).unwrap();
    let a = &f.articles[0];
    assert_eq!(a.title, "影视产业新视角：大模型 Sora 带来的变革");
    assert_eq!(a.authors, vec!["司若", "庞胜楠"]);
    assert_eq!(
        a.text,
        "2月16日,OpenAI公司发布了其首个文生视频模型 Sora,此消息一出瞬间占领头条。\n生成式人工智能在视频领域的发展\n在 Sora 诞生之前, 生成式人工智能已经取得了显著的突破 & 进步。\n小节\n更小的节\n最后一段。"
    );
    assert_eq!(a.headings, vec![1, 3, 4]);
}

#[test]
fn dot_dot_entry_names_are_harmless() {
    let doc = sample_document();
    let dir = tempfile::tempdir().unwrap();
    let bytes = build(&[
        ("../../evil.txt", b"pwned"),
        ("word/document.xml", doc.as_bytes()),
        ("/abs/evil2.txt", b"x"),
    ]);
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    let f = import_bytes("a.docx", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(
        f.articles[0].title,
        "影视产业新视角：大模型 Sora 带来的变革"
    );
    // Nothing is ever extracted: the folder around us is unchanged.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before.len());
    assert!(!dir.path().join("../evil.txt").exists());
}

#[test]
fn zip_bomb_document_is_refused() {
    // 40 MB of one byte compresses to a few tens of KB.
    let mut doc = document_xml(&[para(None, &["开头。"])]).into_bytes();
    doc.extend(std::iter::repeat_n(b' ', 40 * 1024 * 1024));
    let bytes = build(&[("word/document.xml", &doc)]);
    assert!(
        bytes.len() < 1024 * 1024,
        "the bomb should be small: {}",
        bytes.len()
    );
    match import_bytes("bomb.docx", &bytes, &ImportOptions::default()) {
        Err(e @ ImportError::Malformed(_)) => assert!(e.to_string().contains("zip bomb"), "{e}"),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

/// A header that lies about the uncompressed size must not get a bomb past
/// the cap: the read is bounded by the cap, not by the header.
#[test]
fn lying_size_header_is_still_capped() {
    let mut doc = document_xml(&[para(None, &["开头。"])]).into_bytes();
    doc.extend(std::iter::repeat_n(b' ', 40 * 1024 * 1024));
    let real_size = doc.len() as u32;
    let mut bytes = build(&[("word/document.xml", &doc)]);
    // Patch every copy of the 4-byte uncompressed size (local header and central
    // directory) down to a harmless-looking 1000 bytes.
    let needle = real_size.to_le_bytes();
    let mut patched = 0;
    for i in 0..bytes.len() - 4 {
        if bytes[i..i + 4] == needle {
            bytes[i..i + 4].copy_from_slice(&1000u32.to_le_bytes());
            patched += 1;
        }
    }
    assert!(patched >= 1, "size field not found");
    let r = import_bytes("liar.docx", &bytes, &ImportOptions::default());
    // The declared 1000 bytes pass the header check; the bounded read catches it.
    assert!(
        matches!(&r, Err(ImportError::Malformed(m)) if m.contains("zip bomb")),
        "{r:?}"
    );
}

#[test]
fn too_many_entries_is_refused() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..10_001 {
        zip.start_file(format!("f{i}"), opts).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    match import_bytes("many.docx", &bytes, &ImportOptions::default()) {
        Err(e @ ImportError::Malformed(_)) => assert!(e.to_string().contains("parts"), "{e}"),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn broken_or_foreign_zips_are_malformed_with_a_clear_message() {
    let not_zip = import_bytes(
        "x.docx",
        "这不是压缩包".as_bytes(),
        &ImportOptions::default(),
    );
    assert!(
        matches!(&not_zip, Err(ImportError::Malformed(m)) if m.contains("not a valid DOCX")),
        "{not_zip:?}"
    );

    let good = build(&[("word/document.xml", sample_document().as_bytes())]);
    let truncated = &good[..good.len() / 2];
    assert!(matches!(
        import_bytes("t.docx", truncated, &ImportOptions::default()),
        Err(ImportError::Malformed(_))
    ));

    let other_zip = build(&[("content.xml", b"<x/>")]);
    let r = import_bytes("o.docx", &other_zip, &ImportOptions::default());
    assert!(
        matches!(&r, Err(ImportError::Malformed(m)) if m.contains("word/document.xml")),
        "{r:?}"
    );

    let bad_xml = build(&[(
        "word/document.xml",
        b"<w:document><w:body><w:p><w:t>x</w:p>",
    )]);
    assert!(matches!(
        import_bytes("b.docx", &bad_xml, &ImportOptions::default()),
        Err(ImportError::Malformed(_))
    ));
}
