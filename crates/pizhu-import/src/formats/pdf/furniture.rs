//! Page furniture: running headers and footers, page numbers, print dates,
//! URLs and stamps/watermarks that repeat on every page. Found by repetition
//! across pages (digits ignored, so "3/12" matches "4/12"), and on short
//! documents by shape (a page number, a print date, a URL in the margin).

use std::collections::HashMap;

use super::lines::Line;

/// Share of the page height, at top and bottom, where headers and footers live.
const MARGIN: f64 = 0.1;

/// The lines of all pages minus furniture; returns how many were dropped.
/// `doc_title` is the Info title: browsers print it in the header, smaller
/// than `body` (the body text size); the title itself is larger.
pub fn remove(
    pages: &mut [Vec<Line>],
    heights: &[f64],
    doc_title: Option<&str>,
    body: f64,
) -> usize {
    let n_pages = pages.len();
    let mut seen: HashMap<(String, i64), usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<(String, i64)> = page.iter().map(key).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let title = doc_title.map(squash);
    let mut removed = 0;
    for (i, page) in pages.iter_mut().enumerate() {
        let h = heights.get(i).copied().unwrap_or(842.0);
        let before = page.len();
        page.retain(|l| {
            let in_margin = l.y < h * MARGIN || l.y > h * (1.0 - MARGIN);
            let repeats = seen.get(&key(l)).copied().unwrap_or(0);
            let furniture = if in_margin {
                (n_pages >= 2 && repeats >= 2 && repeats * 5 >= n_pages * 2)
                    || looks_like_furniture(&l.text)
                    || (l.size < body * 0.95 && title.as_deref() == Some(squash(&l.text).as_str()))
            } else {
                // A stamp or watermark across the page body.
                n_pages >= 3 && repeats * 5 >= n_pages * 4
            };
            !furniture
        });
        removed += before - page.len();
    }
    removed
}

/// Text with digits and spaces gone, and the line's height band.
fn key(l: &Line) -> (String, i64) {
    let t: String = l
        .text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    (t, (l.y / 6.0).round() as i64)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Page numbers ("12", "- 12 -", "3/12", "第 3 页", "Page 3"), print dates
/// ("12/1/26, 11:06 PM", "2024-03-01 10:22"), URLs and download stamps.
pub fn looks_like_furniture(text: &str) -> bool {
    let t = squash(text);
    if t.is_empty() {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("file://")
        || lower.starts_with("www.")
    {
        return true;
    }
    let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '·' | '•'));
    let core = core
        .strip_prefix('第')
        .and_then(|c| c.strip_suffix('页'))
        .unwrap_or(core);
    let core = core
        .strip_prefix("Page")
        .or_else(|| core.strip_prefix("page"))
        .unwrap_or(core);
    let page_number = !core.is_empty()
        && core.chars().all(|c| c.is_ascii_digit() || c == '/')
        && core.chars().filter(|c| *c == '/').count() <= 1;
    let roman =
        !core.is_empty() && core.len() <= 6 && core.chars().all(|c| "ivxlcIVXLC".contains(c));
    page_number || roman || is_print_date(&t)
}

/// Digits with date/time punctuation and at most AM/PM: a print stamp.
fn is_print_date(t: &str) -> bool {
    let rest = t.trim_end_matches("AM").trim_end_matches("PM");
    let digits = rest.chars().filter(|c| c.is_ascii_digit()).count();
    digits >= 4
        && rest.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '/' | '-' | '.' | ',' | ':' | '年' | '月' | '日')
        })
        && (rest.contains(':') || rest.contains('/'))
}
