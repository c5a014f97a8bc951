//! Plain text (and Markdown without front matter): junk removed, the file split
//! into articles, each cleaned.

use crate::clean::{paragraphs, split};
use crate::{ImportWarning, ImportedArticle};

pub struct TxtResult {
    pub articles: Vec<ImportedArticle>,
    pub warnings: Vec<ImportWarning>,
}

pub fn import_text(text: &str) -> TxtResult {
    let plain = paragraphs::read_plain(text);
    let mut warnings = Vec::new();
    if plain.junk_lines > 0 {
        warnings.push(ImportWarning::AntiCopyJunk {
            lines: plain.junk_lines,
        });
    }
    let mut articles: Vec<ImportedArticle> = split::split_articles(plain.paras)
        .into_iter()
        .filter_map(|group| super::finish_article(group, plain.marked_headings, true))
        .collect();
    if let ([only], n @ 1..) = (articles.as_mut_slice(), plain.junk_lines) {
        only.corrections.insert(
            0,
            format!("Removed anti-copy junk (runs of random ASCII characters and spaces) from {n} lines."),
        );
    }
    TxtResult { articles, warnings }
}
