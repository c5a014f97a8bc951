//! EPUB (2 and 3): the package metadata, the spine's chapters in reading
//! order through the HTML cleaning, chapter titles as headings, and the
//! printed page labels when the book has a page list. See `README.md` for
//! why this reader is our own.

mod drm;
mod package;
mod pagelist;

use std::collections::{HashMap, HashSet};

use super::html::{self, Anchor, Chapter};
use super::zipped::Container;
use super::NOTES_HEADING;
use crate::clean::{render, Kind, Para};
use crate::{ImportError, ImportedArticle, PageStart};

/// The most any one part (a chapter, the package document) may unpack to.
pub const MAX_PART: u64 = 32 * 1024 * 1024;
/// The most a whole book may unpack to (the parts actually read).
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// A book's article and the warnings about what was dropped or doubtful.
pub struct EpubImport {
    pub article: ImportedArticle,
    pub warnings: Vec<String>,
}

fn malformed(msg: impl Into<String>) -> ImportError {
    ImportError::Malformed(msg.into())
}

fn is_xhtml(media_type: &str) -> bool {
    matches!(media_type, "application/xhtml+xml" | "text/html")
}

/// Read an EPUB into one article.
pub fn extract(bytes: &[u8]) -> Result<EpubImport, ImportError> {
    let mut zip = Container::open(bytes, "EPUB", MAX_UNPACKED)?;
    let container = zip
        .read_text("META-INF/container.xml", MAX_PART)?
        .ok_or_else(|| {
            malformed("no META-INF/container.xml inside: this is a zip file but not an EPUB")
        })?;
    // DRM schemes list their encrypted parts here (Adobe's `rights.xml` comes
    // with it; alone, without encrypted parts, it hides nothing).
    if let Some(xml) = zip.read_text("META-INF/encryption.xml", MAX_PART)? {
        let parts = drm::encrypted_parts(&xml);
        if !parts.is_empty() {
            return Err(ImportError::Drm(parts.len()));
        }
    }
    let opf_path = package::rootfile(&container)?;
    let opf = zip
        .read_text(&opf_path, MAX_PART)?
        .ok_or_else(|| malformed(format!("the package document {opf_path} is missing")))?;
    let pkg = package::parse(&opf_path, &opf)?;
    let mut warnings = Vec::new();

    let targets = page_targets(&mut zip, &pkg)?;
    let mut wanted: HashMap<&str, HashSet<String>> = HashMap::new();
    for t in &targets {
        let ids = wanted.entry(t.path.as_str()).or_default();
        ids.extend(t.fragment.clone());
    }

    // Chapters in spine order; a part listed twice is read once.
    let mut paras: Vec<Para> = Vec::new();
    let mut notes: Vec<Para> = Vec::new();
    // (path, id) → place in `paras`; a path alone → its first paragraph.
    let mut places: HashMap<(String, Option<String>), (usize, usize)> = HashMap::new();
    let mut seen = HashSet::new();
    let (mut missing, mut skipped) = (Vec::new(), 0usize);
    let empty = HashSet::new();
    for idref in &pkg.spine {
        let Some(item) = pkg.manifest.get(idref) else {
            missing.push(idref.clone());
            continue;
        };
        if !is_xhtml(&item.media_type) {
            skipped += 1;
            continue;
        }
        if !seen.insert(item.path.clone()) {
            continue;
        }
        let Some(xhtml) = zip.read_text(&item.path, MAX_PART)? else {
            missing.push(item.path.clone());
            continue;
        };
        let ids = wanted.get(item.path.as_str()).unwrap_or(&empty);
        let Chapter {
            paras: chapter,
            anchors,
            notes: chapter_notes,
        } = html::extract_chapter(&xhtml, ids)?;
        notes.extend(chapter_notes);
        let base = paras.len();
        places.insert((item.path.clone(), None), (base, 0));
        for Anchor {
            id,
            para,
            chars_before,
        } in anchors
        {
            places
                .entry((item.path.clone(), Some(id)))
                .or_insert((base + para, chars_before));
        }
        paras.extend(chapter);
    }
    if !missing.is_empty() {
        warnings.push(format!(
            "{} chapter(s) listed in the book but missing from the file were skipped: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    if skipped > 0 {
        warnings.push(format!(
            "{skipped} part(s) of the reading order that are not XHTML (images, other formats) were skipped"
        ));
    }

    let meta = &pkg.metadata;
    // A title page repeating the book's title is not body text.
    let mut dropped = 0;
    if let (Some(title), Some(first)) = (&meta.title, paras.first()) {
        if first.text == *title {
            paras.remove(0);
            dropped = 1;
        }
    }
    let starts = para_starts(&paras);
    let total: usize = starts.last().copied().unwrap_or(0);
    let (pages, unplaced) = place_pages(&targets, &places, &paras, &starts, dropped, total);
    if unplaced > 0 {
        warnings.push(format!(
            "{unplaced} of the book's {} page marks point nowhere in the text and were left out",
            targets.len()
        ));
    }

    let title_from_text = super::derive_title(&paras);
    let mut corrections = Vec::new();
    // Notes come after everything the page marks point into, so no page moves.
    if !notes.is_empty() && paras.iter().any(|p| !p.text.trim().is_empty()) {
        corrections.push(format!(
            "{} notes moved out of the running text to the end, under {NOTES_HEADING}.",
            notes.len()
        ));
        paras.push(Para {
            text: NOTES_HEADING.into(),
            kind: Kind::Heading,
        });
        paras.append(&mut notes);
    }
    let (text, headings) = render(&paras);
    if text.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    let (title, title_supplied) = match &meta.title {
        Some(t) => (t.clone(), false),
        None => (title_from_text, true),
    };
    if title_supplied {
        corrections.push("The book names no title: the title was derived from the text.".into());
    }
    Ok(EpubImport {
        article: ImportedArticle {
            title,
            title_supplied,
            authors: meta.creators.clone(),
            source: meta.publisher.clone(),
            published: meta.date.clone(),
            text,
            headings,
            corrections,
            format: "epub".into(),
            pages,
            language: meta.language.clone(),
            isbn: meta.isbn.clone(),
            ..Default::default()
        },
        warnings,
    })
}

/// The page list: the nav document's, else the NCX's, else none.
fn page_targets(
    zip: &mut Container,
    pkg: &package::Package,
) -> Result<Vec<pagelist::PageTarget>, ImportError> {
    if let Some(nav) = pkg.nav_path() {
        if let Some(xml) = zip.read_text(nav, MAX_PART)? {
            let t = pagelist::from_nav(nav, &xml);
            if !t.is_empty() {
                return Ok(t);
            }
        }
    }
    if let Some(ncx) = pkg.ncx_path() {
        if let Some(xml) = zip.read_text(ncx, MAX_PART)? {
            return Ok(pagelist::from_ncx(ncx, &xml));
        }
    }
    Ok(Vec::new())
}

/// Code-point offset where each rendered paragraph begins, plus the text's
/// length at the end (paragraphs are trimmed and joined by '\n', as `render`).
fn para_starts(paras: &[Para]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(paras.len() + 1);
    let mut at = 0;
    for p in paras {
        starts.push(at);
        let len = p.text.trim().chars().count();
        if len > 0 {
            at += len + 1;
        }
    }
    starts.push(at.saturating_sub(1));
    starts
}

/// Offset of the place after `chars_before` non-space characters of `text`.
fn offset_in(text: &str, chars_before: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, c) in text.trim().chars().enumerate() {
        if !c.is_whitespace() {
            if seen == chars_before {
                return Some(i);
            }
            seen += 1;
        }
    }
    None
}

/// The page starts in the text, numbered in order; a page whose mark is not
/// found, or that would go back before the previous one, is left out
/// (counted in the second value).
fn place_pages(
    targets: &[pagelist::PageTarget],
    places: &HashMap<(String, Option<String>), (usize, usize)>,
    paras: &[Para],
    starts: &[usize],
    dropped: usize,
    total: usize,
) -> (Vec<PageStart>, usize) {
    let mut pages: Vec<PageStart> = Vec::new();
    let mut unplaced = 0;
    for t in targets {
        let place = places
            .get(&(t.path.clone(), t.fragment.clone()))
            .or_else(|| {
                places
                    .get(&(t.path.clone(), None))
                    .filter(|_| t.fragment.is_none())
            });
        let Some(&(para, chars_before)) = place else {
            unplaced += 1;
            continue;
        };
        let start = match para.checked_sub(dropped) {
            None => 0,
            Some(i) if i >= paras.len() => total,
            Some(i) => match offset_in(&paras[i].text, chars_before) {
                Some(o) => starts[i] + o,
                // After the paragraph's last character: the next one.
                None => starts.get(i + 1).copied().unwrap_or(total).min(total),
            },
        };
        if pages.last().is_some_and(|p| p.start > start) {
            unplaced += 1;
            continue;
        }
        pages.push(PageStart {
            n: pages.len() as u32 + 1,
            label: t.label.clone(),
            start,
        });
    }
    (pages, unplaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_skip_spaces() {
        assert_eq!(offset_in("ab cd", 2), Some(3));
        assert_eq!(offset_in("ab", 2), None);
        assert_eq!(
            para_starts(&[Para::body("abc"), Para::body("de")]),
            vec![0, 4, 6]
        );
    }
}
