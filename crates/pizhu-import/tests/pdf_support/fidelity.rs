//! Fidelity of extracted text against the source paragraphs, the same way
//! for Pizhu and for the `pdftotext` peer in the benchmark.

/// Figures for one extraction.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fidelity {
    /// Share of source characters whose sentence was found, in order.
    pub recovered: f64,
    /// Spaces between two Han characters that the source does not have.
    pub han_spaces: usize,
    /// Extracted paragraphs that contain a furniture marker.
    pub furniture_lines: usize,
    /// Source paragraphs found whole in the text but split over paragraphs.
    pub broken: usize,
    /// Source paragraphs considered (10 characters or more).
    pub paragraphs: usize,
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Count "Han, spaces, Han" in `text`.
pub fn han_space_han(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        if is_han(chars[i]) {
            let mut j = i + 1;
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\u{3000}') {
                j += 1;
            }
            if j > i + 1 && j < chars.len() && is_han(chars[j]) {
                n += 1;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    n
}

fn sentences(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in p.chars() {
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '；') {
            out.push(std::mem::take(&mut cur));
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| squash(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// `paragraphs` are the extracted paragraphs; `furniture` strings that must
/// not be left (a URL, a journal name, a date).
pub fn measure(sources: &[String], paragraphs: &[String], furniture: &[&str]) -> Fidelity {
    measure_within(sources, paragraphs, furniture, usize::MAX)
}

/// [`measure`] for a text that repeats its sources (the benchmark prints the
/// same articles many times): a sentence counts only when found within
/// `window` bytes after the previous one, so one sentence broken by a page
/// header cannot send the search to a later copy and skip everything between.
pub fn measure_within(
    sources: &[String],
    paragraphs: &[String],
    furniture: &[&str],
    window: usize,
) -> Fidelity {
    let squashed: Vec<String> = paragraphs.iter().map(|p| squash(p)).collect();
    let all = squashed.concat();
    let (mut found, mut total, mut cursor) = (0usize, 0usize, 0usize);
    let mut f = Fidelity::default();
    for src in sources {
        for s in sentences(src) {
            let n = s.chars().count();
            total += n;
            let mut end = cursor.saturating_add(window).min(all.len());
            while !all.is_char_boundary(end) {
                end += 1;
            }
            if let Some(at) = all[cursor..end].find(&s) {
                found += n;
                cursor += at + s.len();
            }
        }
        let whole = squash(src);
        if whole.chars().count() >= 10 {
            f.paragraphs += 1;
            if all.contains(&whole) && !squashed.iter().any(|p| p.contains(&whole)) {
                f.broken += 1;
            }
        }
    }
    let source_spaces: usize = sources.iter().map(|s| han_space_han(s)).sum();
    let text_spaces: usize = paragraphs.iter().map(|p| han_space_han(p)).sum();
    f.han_spaces = text_spaces.saturating_sub(source_spaces);
    f.recovered = if total == 0 {
        1.0
    } else {
        found as f64 / total as f64
    };
    f.furniture_lines = paragraphs
        .iter()
        .filter(|p| furniture.iter().any(|m| p.contains(m)))
        .count();
    f
}

/// pdftotext's paragraphs: blocks separated by blank lines (its line breaks kept, so only spaces it really emits count).
pub fn pdftotext_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|b| b.lines().map(str::trim).collect::<Vec<_>>().join("\n"))
        .filter(|p| !p.trim().is_empty())
        .collect()
}
