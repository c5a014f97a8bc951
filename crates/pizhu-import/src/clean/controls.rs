//! Control characters out of imported text. A title holding terminal escape
//! sequences would recolour or rewrite the terminal of anyone who lists the
//! library, and bidi overrides make text display in a different order than it
//! is stored; neither belongs in an article.
//!
//! Removed: whole ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] …`
//! up to BEL or `ESC \`, and two-character `ESC x`), every other C0 control
//! except line feed and tab, DEL, the C1 controls, and the bidi embedding,
//! override and isolate characters (U+202A–U+202E, U+2066–U+2069).

use std::borrow::Cow;

use crate::ImportedArticle;

/// Whether `c` is removed on its own (outside an escape sequence).
pub fn is_stripped(c: char) -> bool {
    matches!(c,
        '\u{00}'..='\u{08}' | '\u{0B}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without control characters, and how many characters were removed
/// (an escape sequence counts as one).
pub fn strip_controls(text: &str) -> (Cow<'_, str>, usize) {
    if !text.chars().any(is_stripped) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_stripped(c) {
            out.push(c);
            continue;
        }
        removed += 1;
        let csi = match c {
            '\u{9B}' => true,
            '\u{1B}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    true
                }
                Some(']') => {
                    chars.next();
                    skip_string(&mut chars);
                    false
                }
                // `ESC x`: the next printable ASCII character belongs to it.
                Some(&n) if ('\u{20}'..='\u{7E}').contains(&n) => {
                    chars.next();
                    false
                }
                _ => false,
            },
            '\u{9D}' => {
                skip_string(&mut chars);
                false
            }
            _ => false,
        };
        if csi {
            // Parameters and intermediates, then one final byte.
            while let Some(&n) = chars.peek() {
                if !('\u{20}'..='\u{3F}').contains(&n) {
                    break;
                }
                chars.next();
            }
            if chars
                .peek()
                .is_some_and(|n| ('\u{40}'..='\u{7E}').contains(n))
            {
                chars.next();
            }
        }
    }
    (Cow::Owned(out), removed)
}

/// Strip control characters from every text field of `article`; returns how
/// many were removed. A paragraph left empty is dropped, keeping the heading
/// indices right.
pub fn strip_article(article: &mut ImportedArticle) -> usize {
    let mut removed = 0;
    let mut field = |s: &mut String| {
        if let (Cow::Owned(clean), n) = strip_controls(s) {
            *s = clean.trim().to_string();
            removed += n;
        }
    };
    field(&mut article.title);
    article.authors.iter_mut().for_each(&mut field);
    article.source.iter_mut().for_each(&mut field);
    article.published.iter_mut().for_each(&mut field);
    article.corrections.iter_mut().for_each(&mut field);
    if article.text.chars().any(is_stripped) {
        let mut kept = Vec::new();
        let mut headings = Vec::new();
        for (i, line) in article.text.split('\n').enumerate() {
            let (clean, n) = strip_controls(line);
            removed += n;
            let clean = clean.trim();
            if clean.is_empty() {
                continue;
            }
            if article.headings.contains(&i) {
                headings.push(kept.len());
            }
            kept.push(clean.to_string());
        }
        article.text = kept.join("\n");
        article.headings = headings;
    }
    removed
}

/// An OSC string runs to BEL, `ESC \`, ST (U+009C) or the end of the line.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(&n) = chars.peek() {
        match n {
            '\n' => return,
            '\u{07}' | '\u{9C}' => {
                chars.next();
                return;
            }
            '\u{1B}' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        strip_controls(s).0.into_owned()
    }

    #[test]
    fn escape_sequences_go_whole() {
        assert_eq!(strip("\u{1b}[31;1m红色标题\u{1b}[0m"), "红色标题");
        assert_eq!(strip("\u{1b}]0;假标题\u{07}真标题"), "真标题");
        assert_eq!(
            strip("\u{1b}]8;;http://x\u{1b}\\链接\u{1b}]8;;\u{1b}\\"),
            "链接"
        );
        assert_eq!(strip("清屏\u{1b}c之后"), "清屏之后");
        assert_eq!(strip("\u{9b}2J正文"), "正文");
        assert_eq!(strip_controls("\u{1b}[2J\u{1b}[H标题").1, 2);
    }

    #[test]
    fn other_controls_and_bidi_overrides_go() {
        assert_eq!(strip("响铃\u{07}退格\u{08}删除\u{7f}"), "响铃退格删除");
        assert_eq!(strip("文件\u{202E}txt.exe"), "文件txt.exe");
        assert_eq!(strip("隔离\u{2066}文字\u{2069}"), "隔离文字");
    }

    #[test]
    fn an_article_keeps_its_headings_when_a_line_goes() {
        let mut a = ImportedArticle {
            title: "\u{1b}[1m标题\u{1b}[0m".into(),
            authors: vec!["作者\u{7}".into()],
            text: "\u{1b}[2J\n小标题\n正文\u{1b}[K。".into(),
            headings: vec![1],
            ..Default::default()
        };
        assert_eq!(strip_article(&mut a), 5);
        assert_eq!(a.title, "标题");
        assert_eq!(a.authors, ["作者"]);
        assert_eq!(a.text, "小标题\n正文。");
        assert_eq!(a.headings, [0]);
    }

    #[test]
    fn text_is_untouched() {
        let text = "第一段\t有制表符。\n第二段 [31m 不是转义。";
        assert!(matches!(strip_controls(text), (Cow::Borrowed(_), 0)));
    }
}
