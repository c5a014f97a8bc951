//! DRM: an EPUB whose chapters are encrypted cannot be read without the
//! vendor's key (Adobe ADEPT, Apple FairPlay, Readium LCP, …).
//!
//! `META-INF/encryption.xml` also serves font obfuscation (the IDPF and
//! Adobe algorithms), which hides only fonts and is no obstacle: only
//! encrypted parts that are not fonts count.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::package::attr;

/// Font obfuscation, not encryption of content.
const FONT_OBFUSCATION: &[&str] = &[
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

fn is_font(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    [".otf", ".ttf", ".woff", ".woff2", ".ttc", ".pfb"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The parts `encryption.xml` says are encrypted with a real cipher (URIs as
/// written there, relative to the container root).
pub fn encrypted_parts(encryption_xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(encryption_xml);
    let mut parts = Vec::new();
    let mut algorithm = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"EncryptedData" => algorithm.clear(),
                b"EncryptionMethod" => {
                    if let Some(a) = attr(&e, b"Algorithm") {
                        algorithm = a;
                    }
                }
                b"CipherReference" => {
                    if let Some(uri) = attr(&e, b"URI") {
                        let obfuscated = FONT_OBFUSCATION.contains(&algorithm.as_str());
                        if !(obfuscated || is_font(&uri)) {
                            parts.push(uri);
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            // An unreadable encryption.xml is treated as encrypting everything.
            Err(_) => return vec!["META-INF/encryption.xml".to_string()],
            _ => {}
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_obfuscated_are_not_drm() {
        let xml = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
<enc:CipherData><enc:CipherReference URI="OEBPS/fonts/a.otf"/></enc:CipherData></enc:EncryptedData></encryption>"#;
        assert!(encrypted_parts(xml).is_empty());
    }

    #[test]
    fn encrypted_chapters_are_drm() {
        let xml = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
<enc:CipherData><enc:CipherReference URI="OEBPS/ch1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#;
        assert_eq!(encrypted_parts(xml), vec!["OEBPS/ch1.xhtml".to_string()]);
    }
}
