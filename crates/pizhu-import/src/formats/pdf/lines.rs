//! Glyphs → lines. Glyphs sharing a baseline (superscript note markers
//! included) make a line; a wide horizontal gap splits it (two columns share
//! baselines). Spaces come from the PDF's own space glyphs, or from a visible
//! gap between two Latin characters — never between Chinese characters.

use super::glyphs::Glyph;

/// A run of text on one baseline.
#[derive(Debug, Clone)]
pub struct Line {
    /// Physical page index (0-based).
    pub page: usize,
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Baseline from the top of the page.
    pub y: f64,
    /// The size most of its characters have.
    pub size: f64,
}

/// Characters after which and before which no space is ever added: Han,
/// kana, full-width forms and CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF | 0x2460..=0x24FF |
        0x2010..=0x2027)
}

/// Group a page's glyphs into lines, top to bottom, left to right.
pub fn lines_of_page(page: usize, mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| !g.ch.is_control());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut first_y = f64::NEG_INFINITY;
    let mut row_size: f64 = 0.0;
    for g in glyphs {
        // A raised note marker sits less than half a size above the baseline.
        if rows.is_empty() || g.y - first_y > 0.5 * row_size.max(g.size) {
            first_y = g.y;
            row_size = g.size;
            rows.push(Vec::new());
        }
        row_size = row_size.max(g.size);
        rows.last_mut().expect("pushed above").push(g);
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut seg: Vec<Glyph> = Vec::new();
        for g in row {
            // An empty gap of 1.5 em is a column gap; space glyphs (ideographic
            // spaces between labelled fields) fill a gap and keep the line whole.
            if let Some(last) = seg.last() {
                let gap = g.x - (last.x + last.w);
                if gap > 1.5 * last.size.max(g.size) {
                    out.extend(make_line(page, std::mem::take(&mut seg)));
                }
            }
            seg.push(g);
        }
        out.extend(make_line(page, seg));
    }
    out
}

fn make_line(page: usize, glyphs: Vec<Glyph>) -> Option<Line> {
    let visible: Vec<&Glyph> = glyphs.iter().filter(|g| !g.ch.is_whitespace()).collect();
    let first = visible.first()?;
    let last = visible.last()?;
    let size = dominant_size(&visible);
    // The baseline of the body-size glyphs (a raised marker must not move it).
    let y = visible
        .iter()
        .filter(|g| g.size >= size * 0.9)
        .map(|g| g.y)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in &glyphs {
        if g.ch.is_whitespace() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            continue;
        }
        if let Some(p) = prev {
            // Overprinted (fake bold) copies of the same glyph.
            if p.ch == g.ch && (g.x - p.x).abs() < 0.1 * g.size {
                continue;
            }
            let gap = g.x - (p.x + p.w);
            if gap > 0.25 * g.size.max(p.size)
                && !text.ends_with(' ')
                && !is_cjk(p.ch)
                && !is_cjk(g.ch)
            {
                text.push(' ');
            }
        }
        text.push(g.ch);
        prev = Some(g);
    }
    Some(Line {
        page,
        text: text.trim().to_string(),
        x0: first.x,
        x1: last.x + last.w,
        y,
        size,
    })
}

/// The size carried by the most characters (rounded to a quarter point).
pub fn dominant_size(glyphs: &[&Glyph]) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for g in glyphs {
        let k = (g.size * 4.0).round() as i64;
        match counts.iter_mut().find(|(s, _)| *s == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|(s, n)| (*n, *s))
        .map(|(s, _)| *s as f64 / 4.0)
        .unwrap_or(0.0)
}

/// The body text size of a document: the size carried by the most characters.
pub fn body_size<'a>(lines: impl Iterator<Item = &'a Line>) -> f64 {
    let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for l in lines {
        *counts.entry((l.size * 4.0).round() as i64).or_default() += l.text.chars().count();
    }
    counts
        .into_iter()
        .max_by_key(|(s, n)| (*n, *s))
        .map(|(s, _)| s as f64 / 4.0)
        .unwrap_or(10.0)
}
