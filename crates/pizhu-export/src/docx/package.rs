//! The last step of the DOCX: docx-rs always writes comments, extended comments,
//! footnotes and numbering parts and declares them, even when nothing uses them,
//! and it cannot fill the document's title or author. This rewrites the package:
//! unused parts leave the zip, their content-type overrides and relationships go
//! with them, and `docProps/core.xml` carries the export's title, creator and time.

use std::io::{Read, Write};

use crate::ExportError;

/// Document properties (`docProps/core.xml`).
pub struct CoreProps<'a> {
    pub title: &'a str,
    pub creator: &'a str,
    /// W3CDTF (RFC 3339) time of the export; left out when empty.
    pub created: &'a str,
    pub language: &'a str,
}

/// Parts docx-rs writes whether or not the document refers to them.
const OPTIONAL_PARTS: [&str; 4] = [
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "word/numbering.xml",
];

pub fn finish(docx: Vec<u8>, props: &CoreProps, numbering: bool) -> Result<Vec<u8>, ExportError> {
    let bad = |e: &dyn std::fmt::Display| ExportError::Write(format!("docx: {e}"));
    let drop: Vec<&str> = OPTIONAL_PARTS
        .into_iter()
        .filter(|p| !(numbering && *p == "word/numbering.xml"))
        .collect();
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(|e| bad(&e))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut entry = input.by_index(i).map_err(|e| bad(&e))?;
        let name = entry.name().to_string();
        if drop.contains(&name.as_str()) {
            continue;
        }
        let mut body = Vec::new();
        entry.read_to_end(&mut body).map_err(|e| bad(&e))?;
        let body = match name.as_str() {
            "[Content_Types].xml" => {
                let mut xml = String::from_utf8_lossy(&body).into_owned();
                for part in &drop {
                    xml = remove_element(&xml, &format!("PartName=\"/{part}\""));
                }
                xml.into_bytes()
            }
            "word/_rels/document.xml.rels" => {
                let mut xml = String::from_utf8_lossy(&body).into_owned();
                for part in &drop {
                    let target = part.trim_start_matches("word/");
                    xml = remove_element(&xml, &format!("Target=\"{target}\""));
                }
                xml.into_bytes()
            }
            "docProps/core.xml" => core_xml(props).into_bytes(),
            _ => body,
        };
        out.start_file(name, opts).map_err(|e| bad(&e))?;
        out.write_all(&body).map_err(|e| bad(&e))?;
    }
    Ok(out.finish().map_err(|e| bad(&e))?.into_inner())
}

/// `xml` without the empty element (`<… />`) that holds `attribute`.
fn remove_element(xml: &str, attribute: &str) -> String {
    let Some(at) = xml.find(attribute) else {
        return xml.to_string();
    };
    let (Some(open), Some(close)) = (xml[..at].rfind('<'), xml[at..].find("/>")) else {
        return xml.to_string();
    };
    format!("{}{}", &xml[..open], &xml[at + close + 2..])
}

fn core_xml(p: &CoreProps) -> String {
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    x.push_str(&format!("<dc:title>{}</dc:title>", esc(p.title)));
    x.push_str(&format!("<dc:creator>{}</dc:creator>", esc(p.creator)));
    x.push_str(&format!(
        "<cp:lastModifiedBy>{}</cp:lastModifiedBy>",
        esc(p.creator)
    ));
    x.push_str(&format!("<dc:language>{}</dc:language>", esc(p.language)));
    if !p.created.is_empty() {
        for tag in ["dcterms:created", "dcterms:modified"] {
            x.push_str(&format!(
                "<{tag} xsi:type=\"dcterms:W3CDTF\">{}</{tag}>",
                esc(p.created)
            ));
        }
    }
    x.push_str("</cp:coreProperties>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_element_takes_out_exactly_one_empty_element() {
        let xml = r#"<Types><Override PartName="/word/a.xml" ContentType="x"/><Override PartName="/word/b.xml" ContentType="y"/></Types>"#;
        assert_eq!(
            remove_element(xml, "PartName=\"/word/a.xml\""),
            r#"<Types><Override PartName="/word/b.xml" ContentType="y"/></Types>"#
        );
        assert_eq!(remove_element(xml, "PartName=\"/word/c.xml\""), xml);
    }
}
