//! PDF: positioned glyphs → lines → reading order → paragraphs, with page
//! furniture removed, notes moved to the end, headings and the journal
//! first-page blocks recognised, and the start of every page remembered.
//!
//! Library: `pdf-extract` (MIT, on `lopdf`, MIT) decodes fonts and ToUnicode
//! maps and hands us every character with its text matrix; the layout work is
//! ours. See `README.md` beside this file for the measured comparison.
//!
//! Files by job: `glyphs` (characters and positions), `lines` (baselines →
//! lines, spaces), `furniture` (repeated headers/footers/stamps), `layout`
//! (columns, reading order), `paragraphs` (lines → paragraphs across columns
//! and pages), `notes`, `metadata` (Info, labelled blocks, CNKI file name),
//! `labels` (printed page numbers), `unmapped` (fonts without a Unicode map),
//! `assemble` (the article and its pages).

mod assemble;
mod furniture;
mod glyphs;
mod labels;
mod layout;
mod lines;
mod metadata;
mod notes;
mod paragraphs;
mod unmapped;

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::Document;

use crate::{ImportError, ImportWarning, ImportedArticle};

/// Pages with more than this share of unreadable characters (U+FFFD,
/// private use: a font without a Unicode map) are not imported.
const MAX_BAD_SHARE: f64 = 0.1;

/// A PDF's article and the warnings about what was dropped or doubtful.
pub struct PdfImport {
    pub article: ImportedArticle,
    pub warnings: Vec<ImportWarning>,
}

/// Does the file look like a PDF (the header may follow some junk bytes)?
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Read a PDF into one article.
pub fn extract(file_name: &str, bytes: &[u8]) -> Result<PdfImport, ImportError> {
    if !is_pdf(bytes) {
        return Err(ImportError::Malformed(
            "this is not a PDF file (no %PDF header)".into(),
        ));
    }
    let doc = open(bytes)?;
    let page_ids: Vec<u32> = doc.get_pages().keys().copied().collect();
    if page_ids.is_empty() {
        return Err(ImportError::Malformed("the PDF has no pages".into()));
    }
    let info = metadata::info(&doc);
    let labels = labels::page_labels(&doc, page_ids.len());
    let unmapped = unmapped::pages(&doc);
    let mut warnings = Vec::new();
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut heights = Vec::with_capacity(page_ids.len());
    let (mut no_text, mut garbled, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for (i, &n) in page_ids.iter().enumerate() {
        // Each page's glyphs are reduced to lines at once: memory holds lines,
        // not glyphs, of the whole document.
        let page = match read_page(&doc, n) {
            Ok(p) => p,
            Err(_) => {
                failed.push(i + 1);
                pages.push(Vec::new());
                heights.push(842.0);
                continue;
            }
        };
        heights.push(page.height);
        let visible = page.glyphs.iter().filter(|g| !g.ch.is_whitespace()).count();
        let bad = page.glyphs.iter().filter(|g| is_unreadable(g.ch)).count();
        if visible > 0 && unmapped.contains(&n) {
            garbled.push(i + 1);
            pages.push(Vec::new());
        } else if visible == 0 {
            no_text.push(i + 1);
            pages.push(Vec::new());
        } else if bad as f64 > visible as f64 * MAX_BAD_SHARE {
            garbled.push(i + 1);
            pages.push(Vec::new());
        } else {
            let mut glyphs = page.glyphs;
            glyphs.retain(|g| !is_unreadable(g.ch));
            pages.push(lines::lines_of_page(i, glyphs));
        }
    }
    let n = page_ids.len();
    if no_text.len() == n {
        return Err(ImportError::NoTextLayer);
    }
    if garbled.len() + no_text.len() == n && !garbled.is_empty() {
        return Err(ImportError::Unreadable(page_list(&garbled)));
    }
    if failed.len() + no_text.len() + garbled.len() == n {
        return Err(ImportError::Malformed(format!(
            "no page could be read ({})",
            page_list(&failed)
        )));
    }
    if !no_text.is_empty() {
        warnings.push(ImportWarning::PagesWithoutText {
            count: no_text.len(),
            pages: page_list(&no_text),
        });
    }
    if !garbled.is_empty() {
        warnings.push(ImportWarning::PagesUnreadable {
            count: garbled.len(),
            pages: page_list(&garbled),
        });
    }
    if !failed.is_empty() {
        warnings.push(ImportWarning::PagesDamaged {
            count: failed.len(),
            pages: page_list(&failed),
        });
    }
    let body = lines::body_size(pages.iter().flatten());
    let removed = furniture::remove(&mut pages, &heights, info.title.as_deref(), body);
    let ordered: Vec<layout::Placed> = pages.into_iter().flat_map(layout::reading_order).collect();
    let body = paragraphs::body_size(&ordered);
    let (running, note_lines) = notes::split_notes(ordered, body);
    let blocks = paragraphs::paragraphs(running);
    let note_blocks = paragraphs::paragraphs(note_lines);
    let mut article = assemble::article(file_name, blocks, note_blocks, &info, &labels, n)
        .ok_or(ImportError::NoText)?;
    if removed > 0 {
        article.corrections.push(format!(
            "Removed {removed} lines of page furniture (running headers and footers, page numbers, stamps)."
        ));
    }
    Ok(PdfImport { article, warnings })
}

fn open(bytes: &[u8]) -> Result<Document, ImportError> {
    let loaded = catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| ImportError::Malformed("the PDF structure cannot be read".into()))?;
    let mut doc = loaded.map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => ImportError::Encrypted,
        other => ImportError::Malformed(format!("the PDF cannot be read ({other})")),
    })?;
    if doc.is_encrypted() {
        // Many PDFs are "encrypted" with an empty user password: they open.
        doc.decrypt("").map_err(|_| ImportError::Encrypted)?;
    }
    Ok(doc)
}

fn read_page(doc: &Document, n: u32) -> Result<glyphs::PageGlyphs, ()> {
    let mut collector = glyphs::Collector::default();
    // pdf-extract panics on some malformed content streams: a damaged page
    // must not take the import down.
    let result = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(doc, &mut collector, n)
    }));
    match result {
        Ok(Ok(())) => Ok(collector.page),
        _ => Err(()),
    }
}

fn is_unreadable(c: char) -> bool {
    c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c == '\0'
}

/// "3, 5–7, 12": physical page numbers, ranges folded.
fn page_list(pages: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let start = pages[i];
        let mut end = start;
        while i + 1 < pages.len() && pages[i + 1] == end + 1 {
            i += 1;
            end = pages[i];
        }
        parts.push(if end > start {
            format!("{start}–{end}")
        } else {
            start.to_string()
        });
        i += 1;
    }
    parts.join(", ")
}
