//! Lines in reading order → paragraphs. A paragraph goes on across lines,
//! columns and pages until a line is indented, the previous line stopped
//! short of the column's edge, the gap is wider than the line spacing, or the
//! size changes (a heading, a note). Lines are joined without a space between
//! Chinese characters; a Latin word hyphenated at a line end is re-joined.

use std::collections::HashMap;

use super::layout::Placed;
use super::lines::is_cjk;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Body,
    /// Larger than the body text.
    Heading,
    /// Smaller than the body text (notes, captions, labelled blocks).
    Small,
}

/// A paragraph with the pages it runs over.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub size: f64,
    /// (page index, char offset in `text`) where each page's part begins.
    pub pages: Vec<(usize, usize)>,
}

impl Block {
    pub fn first_page(&self) -> usize {
        self.pages.first().map(|p| p.0).unwrap_or(0)
    }
}

/// The body size: the size carried by the most characters.
pub fn body_size(lines: &[Placed]) -> f64 {
    super::lines::body_size(lines.iter().map(|p| &p.line))
}

fn kind_of(size: f64, body: f64) -> BlockKind {
    if size >= body * 1.12 {
        BlockKind::Heading
    } else if size <= body * 0.92 {
        BlockKind::Small
    } else {
        BlockKind::Body
    }
}

/// Lines that open a labelled block (摘要：…) or a note (①…, [1]…).
fn opens_block(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return true;
    }
    super::metadata::label_at_start(text).is_some()
}

pub fn paragraphs(lines: Vec<Placed>) -> Vec<Block> {
    let body = body_size(&lines);
    // The text edges of each (page, column), from lines of about body size.
    let mut edges: HashMap<(usize, u8), (f64, f64)> = HashMap::new();
    for p in &lines {
        if (p.line.size - body).abs() > body * 0.1 {
            continue;
        }
        let e = edges
            .entry((p.line.page, p.column as u8))
            .or_insert((f64::INFINITY, f64::NEG_INFINITY));
        e.0 = e.0.min(p.line.x0);
        e.1 = e.1.max(p.line.x1);
    }
    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<Placed> = None;
    for p in lines {
        let l = &p.line;
        let kind = kind_of(l.size, body);
        let (left, _) = edges
            .get(&(l.page, p.column as u8))
            .copied()
            .unwrap_or((l.x0, l.x1));
        let new_para = match &prev {
            None => true,
            Some(q) => {
                let (_, q_right) = edges
                    .get(&(q.line.page, q.column as u8))
                    .copied()
                    .unwrap_or((q.line.x0, q.line.x1));
                let same_flow = q.line.page == l.page && q.column == p.column;
                let gap = l.y - q.line.y;
                kind_of(q.line.size, body) != kind
                    || (kind == BlockKind::Heading && (q.line.size - l.size).abs() > 0.5)
                    || l.x0 - left > 0.9 * l.size
                    || q.line.x1 < q_right - 1.5 * q.line.size
                    || (same_flow && (gap > 2.2 * l.size || gap < 0.0))
                    || opens_block(&l.text)
            }
        };
        if new_para {
            out.push(Block {
                kind,
                text: l.text.clone(),
                size: l.size,
                pages: vec![(l.page, 0)],
            });
        } else {
            let block = out.last_mut().expect("a paragraph is open");
            let at = join_into(&mut block.text, &l.text);
            if block.pages.last().map(|x| x.0) != Some(l.page) {
                block.pages.push((l.page, at));
            }
        }
        prev = Some(p);
    }
    out
}

/// Append a continuation line; returns the char offset where it begins.
pub fn join_into(text: &mut String, next: &str) -> usize {
    let mut chars = text.chars().rev();
    let last = chars.next().unwrap_or(' ');
    let before = chars.next().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    if last == '-' && before.is_ascii_alphabetic() && first.is_ascii_lowercase() {
        text.pop();
    } else if !(is_cjk(last) || is_cjk(first) || last == ' ' || no_space_before(first)) {
        text.push(' ');
    }
    let at = text.chars().count();
    text.push_str(next);
    at
}

fn no_space_before(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '%')
}
