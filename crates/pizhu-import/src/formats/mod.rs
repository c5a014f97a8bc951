//! One module per file format. Each turns decoded text (or raw bytes for DOCX)
//! into articles.

pub mod docx;
pub mod epub;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod txt;
mod zipped;

/// The heading put before the footnotes and endnotes moved to the end of an
/// article (PDF and EPUB).
pub const NOTES_HEADING: &str = "注释";

use crate::clean::{metadata, paragraphs, render, Kind, Para};
use crate::ImportedArticle;

/// Turn one article's paragraphs into an [`ImportedArticle`]: metadata out of the
/// body, headings found, broken paragraphs joined (when `join` is set; HTML and
/// DOCX paragraphs are structural and stay as they are).
pub fn finish_article(
    paras: Vec<Para>,
    marked_headings: bool,
    join: bool,
) -> Option<ImportedArticle> {
    let found = metadata::extract(paras);
    let mut notes = found.notes;
    let mut body = found.paras;
    if join {
        if !marked_headings {
            paragraphs::detect_unmarked_headings(&mut body);
        }
        body = paragraphs::join_broken_noted(body, &mut notes);
    }
    let (text, headings) = render(&body);
    if text.trim().is_empty() {
        return None;
    }
    let (title, title_supplied) = match found.title {
        Some(t) => (t, false),
        None => {
            notes.insert(
                0,
                "No headline in the file: the title was derived from the text.".to_string(),
            );
            (derive_title(&body), true)
        }
    };
    Some(ImportedArticle {
        title,
        title_supplied,
        authors: found.authors,
        source: found.source,
        published: found.published,
        text,
        headings,
        corrections: notes,
        ..Default::default()
    })
}

/// Front-matter fields that are present override what the cleaner guessed.
pub fn overlay_metadata(article: &mut ImportedArticle, meta: ImportedArticle) {
    if !meta.authors.is_empty() {
        article.authors = meta.authors;
    }
    if meta.source.is_some() {
        article.source = meta.source;
    }
    if meta.published.is_some() {
        article.published = meta.published;
    }
    article.corrections.extend(meta.corrections);
}

/// A title for text that has none: its first heading (without a section
/// number), else the first sentence of the first paragraph, shortened.
pub fn derive_title(body: &[Para]) -> String {
    const MAX: usize = 30;
    let from_heading = body.iter().find(|p| p.kind != Kind::Body).map(|p| {
        let t = p
            .text
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim();
        t.to_string()
    });
    let candidate = from_heading.filter(|t| !t.is_empty()).unwrap_or_else(|| {
        let first = body.first().map(|p| p.text.as_str()).unwrap_or("");
        let mut sentence = String::new();
        for c in first.chars() {
            sentence.push(c);
            if matches!(c, '。' | '！' | '？' | '!' | '?') {
                break;
            }
        }
        sentence.trim_end_matches(['。', '，', ',']).to_string()
    });
    if candidate.chars().count() > MAX {
        let mut short: String = candidate.chars().take(MAX).collect();
        short.push('…');
        short
    } else if candidate.is_empty() {
        "未命名".to_string()
    } else {
        candidate
    }
}
