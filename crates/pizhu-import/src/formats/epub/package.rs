//! `META-INF/container.xml` → the package document (OPF): metadata, manifest
//! and spine.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::ImportError;

fn malformed(msg: impl Into<String>) -> ImportError {
    ImportError::Malformed(msg.into())
}

pub fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The package document's path inside the zip.
pub fn rootfile(container_xml: &str) -> Result<String, ImportError> {
    let mut reader = Reader::from_str(container_xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == b"rootfile" => {
                let media = attr(&e, b"media-type").unwrap_or_default();
                if let Some(path) = attr(&e, b"full-path") {
                    if media.is_empty() || media == "application/oebps-package+xml" {
                        return Ok(path);
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(malformed(format!(
                    "META-INF/container.xml is not valid XML: {e}"
                )))
            }
            _ => {}
        }
    }
    Err(malformed(
        "META-INF/container.xml names no package document (rootfile)",
    ))
}

#[derive(Debug, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub creators: Vec<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub language: Option<String>,
    pub isbn: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Item {
    /// Path inside the zip.
    pub path: String,
    pub media_type: String,
    pub properties: String,
}

#[derive(Debug, Default)]
pub struct Package {
    pub metadata: Metadata,
    pub manifest: HashMap<String, Item>,
    /// Manifest ids in reading order (non-linear items included: they are
    /// part of the book, e.g. notes).
    pub spine: Vec<String>,
    /// The EPUB 2 NCX's manifest id (`<spine toc="…">`).
    pub ncx: Option<String>,
}

impl Package {
    /// The EPUB 3 navigation document's path.
    pub fn nav_path(&self) -> Option<&str> {
        self.manifest
            .values()
            .find(|i| i.properties.split_whitespace().any(|p| p == "nav"))
            .map(|i| i.path.as_str())
    }

    pub fn ncx_path(&self) -> Option<&str> {
        let by_id = self.ncx.as_ref().and_then(|id| self.manifest.get(id));
        by_id
            .or_else(|| {
                self.manifest
                    .values()
                    .find(|i| i.media_type == "application/x-dtbncx+xml")
            })
            .map(|i| i.path.as_str())
    }
}

/// An ISBN in an identifier: `urn:isbn:…`, an `ISBN` scheme, or 10/13 digits
/// that look like one.
fn isbn_of(value: &str, scheme: Option<&str>) -> Option<String> {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    let bare = lower
        .strip_prefix("urn:isbn:")
        .or_else(|| lower.strip_prefix("isbn:"))
        .or_else(|| lower.strip_prefix("isbn"))
        .map(str::trim);
    let schemed = scheme.is_some_and(|s| s.eq_ignore_ascii_case("isbn"));
    let candidate = bare.unwrap_or(&lower);
    let digits: String = candidate
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'x')
        .collect();
    let shaped = candidate
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | 'x'));
    let length_ok = digits.len() == 13 && (digits.starts_with("978") || digits.starts_with("979"))
        || digits.len() == 10;
    // Bare digits count only as a 13-digit 978/979 number.
    let marked = bare.is_some() || schemed || digits.len() == 13;
    (marked && shaped && length_ok).then(|| digits.to_ascii_uppercase())
}

/// Resolve `href` (percent-encoded, relative to the folder of `base`) to a
/// path inside the zip; `None` if it leaves the archive or is a URL.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or("");
    if href.is_empty() || href.contains("://") || href.starts_with("data:") {
        return None;
    }
    let decoded = percent_decode(href);
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        base.rsplit_once('/')
            .map(|(dir, _)| dir.split('/').collect())
            .unwrap_or_default()
    };
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// `%XX` escapes decoded; invalid UTF-8 replaced, never a panic.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Parse the package document at `opf_path`.
pub fn parse(opf_path: &str, xml: &str) -> Result<Package, ImportError> {
    let mut reader = Reader::from_str(xml);
    let mut pkg = Package::default();
    // The Dublin Core element being read, with its scheme attribute.
    let mut field: Option<(Vec<u8>, Option<String>)> = None;
    let mut text = String::new();
    let mut in_metadata = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("{opf_path} is not valid XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_vec();
                if name == b"metadata" {
                    in_metadata = true;
                } else if in_metadata {
                    field = Some((name, attr(&e, b"scheme")));
                    text.clear();
                }
                if e.local_name().as_ref() == b"spine" {
                    pkg.ncx = attr(&e, b"toc");
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                b"item" => {
                    if let (Some(id), Some(href)) = (attr(&e, b"id"), attr(&e, b"href")) {
                        if let Some(path) = resolve(opf_path, &href) {
                            pkg.manifest.insert(
                                id,
                                Item {
                                    path,
                                    media_type: attr(&e, b"media-type").unwrap_or_default(),
                                    properties: attr(&e, b"properties").unwrap_or_default(),
                                },
                            );
                        }
                    }
                }
                b"itemref" => {
                    if let Some(id) = attr(&e, b"idref") {
                        pkg.spine.push(id);
                    }
                }
                b"spine" => pkg.ncx = attr(&e, b"toc"),
                _ => {}
            },
            Event::Text(t) if field.is_some() => {
                text.push_str(&t.unescape().unwrap_or_default());
            }
            Event::CData(t) if field.is_some() => {
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::End(e) => {
                if e.local_name().as_ref() == b"metadata" {
                    in_metadata = false;
                }
                if let Some((name, scheme)) = field.take() {
                    let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !value.is_empty() {
                        let m = &mut pkg.metadata;
                        match name.as_slice() {
                            b"title" if m.title.is_none() => m.title = Some(value),
                            b"creator" => m.creators.push(value),
                            b"publisher" if m.publisher.is_none() => m.publisher = Some(value),
                            b"date" if m.date.is_none() => m.date = Some(value),
                            b"language" if m.language.is_none() => m.language = Some(value),
                            b"identifier" if m.isbn.is_none() => {
                                m.isbn = isbn_of(&value, scheme.as_deref())
                            }
                            _ => {}
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if pkg.spine.is_empty() {
        return Err(malformed(format!(
            "{opf_path} lists no chapters (an empty spine)"
        )));
    }
    Ok(pkg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_sign_before_a_chinese_character_is_kept_not_a_panic() {
        // Slicing the two bytes after `%` used to cut into 章 and panic.
        assert_eq!(percent_decode("ch%章.xhtml"), "ch%章.xhtml");
        assert_eq!(percent_decode("%E7%AB%A0"), "章");
    }

    #[test]
    fn paths_resolve_inside_the_archive() {
        assert_eq!(
            resolve("OEBPS/content.opf", "text/ch%201.xhtml#p3").as_deref(),
            Some("OEBPS/text/ch 1.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/text/nav.xhtml", "../ch1.xhtml").as_deref(),
            Some("OEBPS/ch1.xhtml")
        );
        assert_eq!(
            resolve("content.opf", "a.xhtml").as_deref(),
            Some("a.xhtml")
        );
        assert_eq!(resolve("content.opf", "../../etc/passwd"), None);
        assert_eq!(resolve("content.opf", "https://x.org/a.xhtml"), None);
    }

    #[test]
    fn isbns() {
        assert_eq!(
            isbn_of("urn:isbn:978-7-02-000220-7", None).as_deref(),
            Some("9787020002207")
        );
        assert_eq!(
            isbn_of("7-02-000220-X", Some("ISBN")).as_deref(),
            Some("702000220X")
        );
        assert_eq!(
            isbn_of("9787020002207", None).as_deref(),
            Some("9787020002207")
        );
        assert_eq!(isbn_of("urn:uuid:1234-5678", None), None);
        assert_eq!(isbn_of("1234567890", None), None);
    }
}
