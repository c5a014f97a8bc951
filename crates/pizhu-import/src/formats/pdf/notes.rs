//! Footnotes and endnotes: smaller than the body and opened by a note marker
//! (①, [1], 1.), with the small lines that follow them. They leave the running
//! text (a paragraph interrupted by a footnote at a page foot goes on) and
//! come back at the end of the article, marked as notes.

use super::layout::Placed;

/// Split lines into (running text, note lines).
pub fn split_notes(lines: Vec<Placed>, body: f64) -> (Vec<Placed>, Vec<Placed>) {
    let mut text = Vec::with_capacity(lines.len());
    let mut notes = Vec::new();
    let mut in_note: Option<usize> = None;
    for p in lines {
        let small = p.line.size <= body * 0.92;
        let continues = small && in_note == Some(p.line.page);
        if small && (opens_note(&p.line.text) || continues) {
            in_note = Some(p.line.page);
            notes.push(p);
        } else {
            in_note = None;
            text.push(p);
        }
    }
    (text, notes)
}

/// ①–⑳, ⑴, [1], 1. / 1) / 注1 at the start of a line.
pub fn opens_note(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if ('\u{2460}'..='\u{249B}').contains(&first) {
        return true;
    }
    let rest = text.strip_prefix('注').unwrap_or(text);
    let rest = rest.strip_prefix(['[', '［', '〔']).unwrap_or(rest);
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let after = rest[digits..].chars().next().unwrap_or(' ');
    matches!(after, ']' | '］' | '〕' | '.' | ')' | '）' | '、' | ' ')
}
