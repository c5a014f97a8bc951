//! Pages set in fonts whose characters cannot be known: a composite (Type0)
//! font with the identity encoding and no /ToUnicode map holds glyph numbers
//! only. pdf-extract then guesses from the glyph numbers and produces
//! plausible-looking garbage (Latin letters and symbols, no U+FFFD), which the
//! share-of-bad-characters check cannot see; such pages are found from their
//! fonts instead.

use std::collections::HashSet;

use pdf_extract::{Dictionary, Document, Object};

fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    let obj = dict.get(key).ok()?;
    match doc.dereference(obj).ok()?.1 {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

/// A Type0 font with an Identity-H/V encoding and no Unicode map.
fn is_unmapped(doc: &Document, font: &Dictionary) -> bool {
    let composite = name(doc, font, b"Subtype") == Some(b"Type0".as_slice());
    let identity = matches!(
        name(doc, font, b"Encoding"),
        Some(b"Identity-H") | Some(b"Identity-V")
    );
    composite && identity && font.get(b"ToUnicode").is_err()
}

/// Page numbers (from 1, as `get_pages` keys) that use such a font.
pub fn pages(doc: &Document) -> HashSet<u32> {
    let mut out = HashSet::new();
    for (n, id) in doc.get_pages() {
        let Ok(fonts) = doc.get_page_fonts(id) else {
            continue;
        };
        if fonts.values().any(|f| is_unmapped(doc, f)) {
            out.insert(n);
        }
    }
    out
}
