//! An article or a highlight as a tantivy document (the fields are described
//! in [`crate::schema`]).

use pizhu_core::read_models::{ArticleDoc, HighlightDoc};
use tantivy::TantivyDocument;

use crate::schema::Fields;

/// An article's document: its text in `body`, the reader's memo on the whole
/// article in `note` (as a highlight's note is).
pub(super) fn article_doc(f: &Fields, a: &ArticleDoc) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.article_id, a.id as u64);
    doc.add_u64(f.article_doc, a.id as u64);
    doc.add_text(f.title, &a.title);
    doc.add_text(f.body, &a.text);
    if !a.memo.is_empty() {
        doc.add_text(f.note, &a.memo);
    }
    for a in &a.authors {
        doc.add_text(f.author, a);
    }
    doc
}

pub(super) fn highlight_doc(f: &Fields, h: &HighlightDoc) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.article_id, h.article_id as u64);
    doc.add_u64(f.highlight_id, h.id as u64);
    doc.add_text(f.body, &h.exact);
    doc.add_text(f.note, &h.note);
    for a in &h.authors {
        doc.add_text(f.author, a);
    }
    doc
}
