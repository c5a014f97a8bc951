//! Sentences: the unit a suggestion proposes.

/// A sentence of an article: code-point and byte ranges, surrounding spaces
/// trimmed, closing punctuation and quotes included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Ends a sentence: 。！？；… and their ASCII forms, and the paragraph break.
fn is_terminator(c: &str) -> bool {
    matches!(c, "\n" | "!" | "?" | ";" | "。" | "！" | "？" | "；" | "…")
}

/// May follow a terminator and still belong to its sentence.
fn is_closer(c: &str) -> bool {
    matches!(
        c,
        "”" | "’"
            | "」"
            | "』"
            | "）"
            | ")"
            | "\""
            | "'"
            | "》"
            | "…"
            | "。"
            | "！"
            | "？"
            | "!"
            | "?"
    )
}

/// Splits `text` into sentences in one pass over its bytes (the library can hold
/// tens of megabytes of text; this runs on all of it for every suggestion).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut cp) = (0usize, 0usize);
    let (mut seg_b, mut seg_cp) = (0usize, 0usize);
    let char_at = |i: usize| &text[i..i + utf8_len(b[i])];
    while i < b.len() {
        let lead = b[i];
        // Fast path: every terminator starts with one of these bytes
        // (。！？；… are E3/EF/E2 sequences), so most characters are skipped
        // without slicing.
        if !matches!(lead, b'\n' | b'!' | b'?' | b';' | 0xE2 | 0xE3 | 0xEF) {
            i += utf8_len(lead);
            cp += 1;
            continue;
        }
        let c = char_at(i);
        i += c.len();
        cp += 1;
        if !is_terminator(c) {
            continue;
        }
        if c != "\n" {
            while i < b.len() && is_closer(char_at(i)) {
                i += utf8_len(b[i]);
                cp += 1;
            }
        }
        push_trimmed(text, seg_b, i, seg_cp, cp, &mut out);
        seg_b = i;
        seg_cp = cp;
    }
    push_trimmed(text, seg_b, b.len(), seg_cp, cp, &mut out);
    out
}

fn push_trimmed(text: &str, b0: usize, b1: usize, cp0: usize, cp1: usize, out: &mut Vec<Sentence>) {
    let s = &text[b0..b1];
    let trimmed_start = s.trim_start();
    let lead = s.len() - trimmed_start.len();
    let trimmed = trimmed_start.trim_end();
    if trimmed.is_empty() {
        return;
    }
    let tail = trimmed_start.len() - trimmed.len();
    let lead_cp = s[..lead].chars().count();
    let tail_cp = trimmed_start[trimmed.len()..].chars().count();
    out.push(Sentence {
        start: cp0 + lead_cp,
        end: cp1 - tail_cp,
        byte_start: b0 + lead,
        byte_end: b1 - tail,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_chinese_punctuation_and_paragraphs_keeping_closing_quotes() {
        let text = "他说：“来了！”她笑了。\n  第二段没有句号\n第三段？是的……好";
        let got: Vec<&str> = sentences(text)
            .iter()
            .map(|s| &text[s.byte_start..s.byte_end])
            .collect();
        assert_eq!(
            got,
            vec![
                "他说：“来了！”",
                "她笑了。",
                "第二段没有句号",
                "第三段？",
                "是的……",
                "好"
            ]
        );
        for s in sentences(text) {
            assert_eq!(
                pizhu_core::text::cp_slice(text, s.start, s.end),
                Some(&text[s.byte_start..s.byte_end])
            );
        }
    }
}
