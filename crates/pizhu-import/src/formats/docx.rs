//! DOCX: `word/document.xml` read from the zip in memory (never extracted),
//! paragraph text with heading styles (`Heading1`, `Title`, `标题 1`, …).
//!
//! Zip safety: see `zipped` (parts and their sizes capped, nothing extracted).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::zipped::Container;
use crate::clean::{paragraphs::normalize_line, Kind, Para};
use crate::ImportError;

pub const MAX_DOCUMENT_XML: u64 = 32 * 1024 * 1024;
const MAX_SIDE_PART: u64 = 8 * 1024 * 1024;

fn malformed(msg: impl Into<String>) -> ImportError {
    ImportError::Malformed(msg.into())
}

fn attr_val(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// styleId → style name, from `word/styles.xml`.
fn style_names(xml: &str) -> HashMap<String, String> {
    let mut names = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => current = attr_val(&e, b"styleId"),
                b"name" => {
                    if let (Some(id), Some(name)) = (current.as_ref(), attr_val(&e, b"val")) {
                        names.insert(id.clone(), name);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    names
}

/// What a paragraph style means for us.
fn style_kind(id: &str, name: Option<&str>) -> Kind {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    for s in [Some(id), name].into_iter().flatten() {
        let n = norm(s);
        if n == "title" || n == "标题" {
            return Kind::Title;
        }
        let level = n.strip_prefix("heading").or_else(|| n.strip_prefix("标题"));
        if level.is_some_and(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit())) {
            return Kind::Heading;
        }
    }
    Kind::Body
}

/// Paragraphs of a DOCX, with headings and the title marked.
pub fn extract(bytes: &[u8]) -> Result<Vec<Para>, ImportError> {
    let mut zip = Container::open(bytes, "DOCX", MAX_DOCUMENT_XML + MAX_SIDE_PART)?;
    let document = zip
        .read_text("word/document.xml", MAX_DOCUMENT_XML)?
        .ok_or_else(|| {
            malformed("no word/document.xml inside: this is a zip file but not a Word document")
        })?;
    let styles = zip
        .read_text("word/styles.xml", MAX_SIDE_PART)?
        .map(|x| style_names(&x))
        .unwrap_or_default();

    let mut reader = Reader::from_str(&document);
    let mut paras = Vec::new();
    let mut text = String::new();
    let mut style: Option<String> = None;
    let mut in_text = false;
    let mut depth_in_para = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("word/document.xml is not valid XML: {e}")))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => {
                    depth_in_para += 1;
                    if depth_in_para == 1 {
                        text.clear();
                        style = None;
                    }
                }
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"pStyle" => style = attr_val(&e, b"val"),
                b"tab" => text.push(' '),
                b"br" | b"cr" => text.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t
                    .unescape()
                    .map_err(|e| malformed(format!("bad text in word/document.xml: {e}")))?;
                text.push_str(&s);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    depth_in_para = depth_in_para.saturating_sub(1);
                    if depth_in_para == 0 {
                        let line = normalize_line(&text);
                        if !line.is_empty() {
                            let kind = style
                                .as_deref()
                                .map(|id| style_kind(id, styles.get(id).map(String::as_str)))
                                .unwrap_or(Kind::Body);
                            paras.push(Para { text: line, kind });
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // One title: the first Title paragraph, else a leading Heading 1.
    match paras.iter().position(|p| p.kind == Kind::Title) {
        Some(i) => {
            for p in paras.iter_mut().skip(i + 1) {
                if p.kind == Kind::Title {
                    p.kind = Kind::Heading;
                }
            }
            let t = paras.remove(i);
            paras.insert(0, t);
        }
        None => {
            if let Some(first) = paras.first_mut() {
                if first.kind == Kind::Heading {
                    first.kind = Kind::Title;
                }
            }
        }
    }
    Ok(paras)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_kinds() {
        assert_eq!(style_kind("Title", None), Kind::Title);
        assert_eq!(style_kind("Heading2", None), Kind::Heading);
        assert_eq!(style_kind("1", Some("heading 1")), Kind::Heading);
        assert_eq!(style_kind("a3", Some("标题 2")), Kind::Heading);
        assert_eq!(style_kind("Normal", Some("Normal")), Kind::Body);
    }
}
