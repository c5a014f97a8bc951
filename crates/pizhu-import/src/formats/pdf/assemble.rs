//! Blocks → the article: title and first-page labelled blocks out of the
//! body, headings marked, notes at the end, and where each page begins.

use super::metadata::{self, Info, Label};
use super::paragraphs::{join_into, Block, BlockKind};
use crate::formats::NOTES_HEADING;
use crate::{ImportedArticle, PageStart};

pub fn article(
    file_name: &str,
    mut blocks: Vec<Block>,
    notes: Vec<Block>,
    info: &Info,
    labels: &[Option<String>],
    n_pages: usize,
) -> Option<ImportedArticle> {
    let mut a = ImportedArticle {
        format: "pdf".into(),
        ..Default::default()
    };
    merge_wrapped_headings(&mut blocks);
    // The title: the largest heading on the first page with text.
    let first_page = blocks.first()?.first_page();
    let title_at = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.first_page() == first_page && b.kind == BlockKind::Heading)
        .max_by(|x, y| x.1.size.total_cmp(&y.1.size).then(y.0.cmp(&x.0)))
        .map(|(i, _)| i);
    if let Some(i) = title_at {
        a.title = blocks.remove(i).text;
        // A byline and an affiliation right after the title.
        if let Some(names) = blocks
            .get(i)
            .and_then(|b| metadata::byline_authors(&b.text))
        {
            a.authors = names;
            blocks.remove(i);
        }
        while blocks
            .get(i)
            .is_some_and(|b| metadata::is_affiliation(&b.text))
        {
            let b = blocks.remove(i);
            a.corrections
                .push(format!("Affiliation kept out of the text: {}", b.text));
        }
    }
    take_labelled_blocks(&mut blocks, first_page, &mut a);
    if a.title.is_empty() {
        if let Some(t) = &info.title {
            a.title = t.clone();
        } else if let Some((t, authors)) = metadata::from_file_name(file_name) {
            a.title = t;
            if a.authors.is_empty() {
                a.authors = authors;
            }
            a.corrections
                .push("Title and authors taken from the file name (题名_作者).".into());
        }
    }
    if a.authors.is_empty() {
        if let Some(author) = &info.author {
            a.authors = metadata::split_keywords(author);
        }
    }
    if a.keywords.is_empty() {
        if let Some(k) = &info.keywords {
            a.keywords = metadata::split_keywords(k);
        }
    }
    render(&mut a, &blocks, &notes, labels, n_pages);
    if a.text.is_empty() {
        return None;
    }
    if a.title.is_empty() {
        let first = a.text.lines().next().unwrap_or_default();
        a.title = first.chars().take(30).collect();
        a.title_supplied = true;
        a.corrections.insert(
            0,
            "No title in the PDF: the title was derived from the text.".into(),
        );
    }
    Some(a)
}

/// A heading wrapped over two lines arrives as two heading blocks.
fn merge_wrapped_headings(blocks: &mut Vec<Block>) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks.drain(..) {
        match out.last_mut() {
            Some(prev)
                if prev.kind == BlockKind::Heading
                    && b.kind == BlockKind::Heading
                    && (prev.size - b.size).abs() < 0.5
                    && prev.first_page() == b.first_page() =>
            {
                join_into(&mut prev.text, &b.text);
            }
            _ => out.push(b),
        }
    }
    *blocks = out;
}

/// 摘要, 关键词, DOI, 中图分类号 … on the first page: into fields, out of the body.
fn take_labelled_blocks(blocks: &mut Vec<Block>, first_page: usize, a: &mut ImportedArticle) {
    blocks.retain(|b| {
        if b.first_page() != first_page {
            return true;
        }
        let Some(fields) = metadata::labelled_fields(&b.text) else {
            return true;
        };
        for (label, value) in fields {
            match label {
                Label::Abstract => a.abstract_text = Some(value),
                Label::Keywords => a.keywords = metadata::split_keywords(&value),
                Label::Doi => a.doi = Some(value),
                other => a.corrections.push(format!(
                    "First-page field kept out of the text ({other:?}): {value}"
                )),
            }
        }
        false
    });
}

fn render(
    a: &mut ImportedArticle,
    blocks: &[Block],
    notes: &[Block],
    labels: &[Option<String>],
    n_pages: usize,
) {
    let mut starts: Vec<Option<usize>> = vec![None; n_pages];
    let mut text = String::new();
    let mut len = 0usize;
    let mut line_no = 0usize;
    let mut push = |text: &mut String, b: &Block, heading: bool, a: &mut ImportedArticle| {
        if !text.is_empty() {
            text.push('\n');
            len += 1;
            line_no += 1;
        }
        if heading {
            a.headings.push(line_no);
        }
        for &(page, at) in &b.pages {
            if let Some(s) = starts.get_mut(page) {
                s.get_or_insert(len + at);
            }
        }
        text.push_str(&b.text);
        len += b.text.chars().count();
    };
    for b in blocks.iter().filter(|b| !b.text.is_empty()) {
        push(&mut text, b, b.kind == BlockKind::Heading, a);
    }
    let notes: Vec<&Block> = notes.iter().filter(|b| !b.text.is_empty()).collect();
    if !notes.is_empty() {
        let heading = Block {
            kind: BlockKind::Heading,
            text: NOTES_HEADING.into(),
            size: 0.0,
            pages: Vec::new(),
        };
        push(&mut text, &heading, true, a);
        for b in &notes {
            // Notes sit at the foot of their page but are read at the end:
            // they do not move where a page begins.
            let moved = Block {
                pages: Vec::new(),
                ..(*b).clone()
            };
            push(&mut text, &moved, false, a);
        }
        a.corrections.push(format!(
            "{} notes moved out of the running text to the end, under {NOTES_HEADING}.",
            notes.len()
        ));
    }
    // A page without text begins where the next one does.
    let total = len;
    let mut next = total;
    let mut resolved = vec![0usize; n_pages];
    for i in (0..n_pages).rev() {
        next = starts[i].map_or(next, |s| s.min(next));
        resolved[i] = next;
    }
    if let Some(first) = resolved.first_mut() {
        *first = 0;
    }
    a.pages = resolved
        .into_iter()
        .enumerate()
        .map(|(i, start)| PageStart {
            n: i as u32 + 1,
            label: labels
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_else(|| (i + 1).to_string()),
            start,
        })
        .collect();
    a.text = text;
}
