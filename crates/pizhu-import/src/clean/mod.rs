//! Text cleaning shared by the formats: whitespace, junk, paragraphs, article
//! splitting and metadata.

pub mod classify;
pub mod controls;
pub mod junk;
pub mod metadata;
pub mod paragraphs;
pub mod split;

/// One paragraph on its way to becoming a line of the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub text: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Body,
    /// A heading the file marks explicitly (Markdown `#`, `◎`, an HTML `<h2>`,
    /// a DOCX heading style, a numbered section).
    Heading,
    /// The document's own title (Markdown `#`, HTML `<h1>`, DOCX `Title`).
    Title,
}

impl Para {
    pub fn body(text: impl Into<String>) -> Self {
        Para {
            text: text.into(),
            kind: Kind::Body,
        }
    }
    pub fn heading(text: impl Into<String>) -> Self {
        Para {
            text: text.into(),
            kind: Kind::Heading,
        }
    }
}

/// Characters that end a sentence (a line ending with one is a whole paragraph).
pub fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '：' | ':' | '.'
    )
}

fn is_closing_quote(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '"' | '\''
    )
}

/// Does this paragraph end a sentence? A closing quote or bracket counts only
/// when a sentence end sits just inside it (`…。”` yes, `…“灵韵”` no).
pub fn ends_sentence(text: &str) -> bool {
    let mut rev = text
        .trim_end()
        .chars()
        .rev()
        .skip_while(|&c| is_closing_quote(c));
    match rev.next() {
        Some(c) => is_sentence_end(c),
        None => false,
    }
}

pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

/// Render paragraphs as the canonical text plus heading indices.
pub fn render(paras: &[Para]) -> (String, Vec<usize>) {
    let mut lines = Vec::with_capacity(paras.len());
    let mut headings = Vec::new();
    for p in paras {
        if p.text.trim().is_empty() {
            continue;
        }
        if p.kind != Kind::Body {
            headings.push(lines.len());
        }
        lines.push(p.text.trim().to_string());
    }
    (lines.join("\n"), headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("影的整体质量。”"));
        assert!(ends_sentence("到底什么是现实？”"));
        assert!(!ends_sentence("艺术作品所独具的是“灵韵”"));
        assert!(!ends_sentence("生成式人工智能在视频领域的发"));
        assert!(!ends_sentence(
            "(司若,清华大学影视传播研究中心助理研究员,博士后)"
        ));
    }
}
