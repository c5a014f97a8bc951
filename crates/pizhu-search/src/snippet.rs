//! Snippets from match offsets: no re-tokenising, no whole-document work.
//!
//! The index positions are code-point offsets, so the matches of a hit come
//! straight from its postings. A snippet is the ~100-character window holding the
//! most matches, cut from the text (SQLite hands back just that window with
//! `substr`), HTML-escaped, with each match wrapped in `<mark>`…`</mark>`.

/// Width of a snippet in code points.
pub const SNIPPET_CHARS: usize = 100;

/// The window `[start, end)` (code points) holding the most matches; `spans` must
/// be sorted by start. With no spans, the start of the text.
pub fn choose_window(spans: &[(usize, usize)], width: usize) -> (usize, usize) {
    if spans.is_empty() {
        return (0, width);
    }
    let mut best = (0usize, 0usize, 0usize); // (count, i, j)
    let mut j = 0;
    for i in 0..spans.len() {
        j = j.max(i);
        while j < spans.len() && spans[j].1 <= spans[i].0 + width {
            j += 1;
        }
        let count = (j - i).max(1);
        if count > best.0 {
            best = (count, i, j.max(i + 1));
        }
    }
    let (_, i, j) = best;
    let first = spans[i].0;
    let last_end = spans[i..j]
        .iter()
        .map(|s| s.1)
        .max()
        .unwrap_or(first)
        .max(first);
    let covered = last_end - first;
    if covered >= width {
        return (first, last_end);
    }
    // Centre the matches, but show at most a third of the window before them.
    let lead = ((width - covered) / 2).min(width / 3);
    let start = first.saturating_sub(lead);
    (start, start + width)
}

/// Where a snippet is cut from a text: the code points `start..end` (the end
/// may pass the text's end), chosen once by [`choose_window`] for every kind of
/// hit — an article's text (cut by SQLite), its memo, a highlight's passage or note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnippetWindow {
    pub start: usize,
    pub end: usize,
}

impl SnippetWindow {
    /// The [`SNIPPET_CHARS`]-wide window holding the most of `spans`.
    pub fn around(spans: &[(usize, usize)]) -> SnippetWindow {
        let (start, end) = choose_window(spans, SNIPPET_CHARS);
        SnippetWindow { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The snippet from this window's text (`window`, already cut) of a text
    /// `text_len` code points long, with an ellipsis on each side that goes on.
    pub fn render(&self, window: &str, spans: &[(usize, usize)], text_len: usize) -> String {
        render(
            window,
            self.start,
            spans,
            self.start > 0,
            self.end < text_len,
        )
    }
}

/// The snippet of a text held whole (a memo, a passage, a note).
pub fn snippet_of(text: &str, spans: &[(usize, usize)]) -> String {
    let w = SnippetWindow::around(spans);
    let window: String = text.chars().skip(w.start).take(w.len()).collect();
    w.render(&window, spans, text.chars().count())
}

pub(crate) fn escape_into(out: &mut String, c: char) {
    match c {
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\n' | '\r' | '\t' => out.push(' '),
        c => out.push(c),
    }
}

/// Render `window` (the text from code point `window_start`) with the `spans`
/// that fall in it marked. `more_before` / `more_after` add an ellipsis.
pub fn render(
    window: &str,
    window_start: usize,
    spans: &[(usize, usize)],
    more_before: bool,
    more_after: bool,
) -> String {
    let window_len = window.chars().count();
    let window_end = window_start + window_len;
    // Clip to the window and merge overlaps (sub-words overlap their word).
    let mut marks: Vec<(usize, usize)> = spans
        .iter()
        .filter(|s| s.0 < window_end && s.1 > window_start)
        .map(|s| {
            (
                s.0.max(window_start) - window_start,
                s.1.min(window_end) - window_start,
            )
        })
        .collect();
    marks.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(marks.len());
    for m in marks {
        match merged.last_mut() {
            Some(last) if m.0 <= last.1 => last.1 = last.1.max(m.1),
            _ => merged.push(m),
        }
    }
    let mut out = String::with_capacity(window.len() + 16 * merged.len() + 8);
    if more_before {
        out.push('…');
    }
    let mut next_mark = merged.iter().peekable();
    let mut open_until = None;
    for (cp, c) in window.chars().enumerate() {
        if open_until == Some(cp) {
            out.push_str("</mark>");
            open_until = None;
        }
        if let Some(&&(s, e)) = next_mark.peek() {
            if s == cp {
                out.push_str("<mark>");
                open_until = Some(e);
                next_mark.next();
            }
        }
        escape_into(&mut out, c);
    }
    if open_until.is_some() {
        out.push_str("</mark>");
    }
    if more_after {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_goes_where_the_matches_are_densest() {
        let spans = [(5, 7), (300, 302), (320, 322), (350, 352)];
        let (s, e) = choose_window(&spans, 100);
        assert!(s <= 300 && e >= 352 && e - s == 100, "{s}..{e}");
    }

    #[test]
    fn marks_are_merged_clipped_and_the_text_escaped() {
        let text = "a<b>中华人民共和国&c";
        // 中华人民共和国 = 4..11, 人民 = 6..8 (overlapping), and one clipped at the end.
        let html = render(text, 0, &[(4, 11), (6, 8), (12, 20)], false, true);
        assert_eq!(
            html,
            "a&lt;b&gt;<mark>中华人民共和国</mark>&amp;<mark>c</mark>…"
        );
    }

    #[test]
    fn a_whole_text_snippet_is_its_densest_window_with_ellipses() {
        let text = format!("{}中华{}", "甲".repeat(150), "乙".repeat(150));
        let html = snippet_of(&text, &[(150, 152)]);
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(html.contains("<mark>中华</mark>"), "{html}");
        assert_eq!(snippet_of("中华", &[(0, 2)]), "<mark>中华</mark>");
    }

    #[test]
    fn a_window_starting_mid_text_uses_text_offsets() {
        let html = render("人民生活", 10, &[(12, 14)], true, false);
        assert_eq!(html, "…人民<mark>生活</mark>");
    }
}
