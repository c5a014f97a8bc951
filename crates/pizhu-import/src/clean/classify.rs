//! What a line of text is: a byline (`■文/司若 庞胜楠`, `青年报记者 刘昕璐`), a
//! signature (`(赵丽)`), a headline. Metadata extraction and article splitting both
//! ask these questions, so the answers live here, below both.

use super::{char_len, ends_sentence, is_cjk, Kind, Para};

/// A person's name as printed in Chinese bylines: 2–4 Han characters, or a
/// transliterated name with a middle dot (克里斯托瓦尔·巴伦苏埃拉).
fn is_name(s: &str) -> bool {
    let n = char_len(s);
    let plain = (2..=4).contains(&n) && s.chars().all(is_cjk);
    let dotted = s.contains('·') && n <= 16 && s.chars().all(|c| is_cjk(c) || c == '·');
    plain || dotted
}

fn split_names(s: &str) -> Option<Vec<String>> {
    let names: Vec<String> = s
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '和')
        })
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    (!names.is_empty() && names.iter().all(|n| is_name(n))).then_some(names)
}

/// A parsed byline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    pub authors: Vec<String>,
    pub source: Option<String>,
}

/// Parse a byline line: `■文/司若 庞胜楠`, `文｜张三`, `作者：张三`,
/// `青年报记者 刘昕璐`, `本报记者 张三 通讯员 李四`, `记者 刘宗智`.
pub fn parse_byline(line: &str) -> Option<Byline> {
    let t = line
        .trim()
        .trim_start_matches(['■', '□', '●', '◆', '▲', '★', ' '])
        .trim();
    if t.is_empty() || char_len(t) > 40 {
        return None;
    }
    for prefix in [
        "文/",
        "文／",
        "文|",
        "文｜",
        "文 / ",
        "作者：",
        "作者:",
        "撰文：",
        "撰文:",
        "文：",
        "文:",
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return split_names(rest).map(|authors| Byline {
                authors,
                source: None,
            });
        }
    }
    let pos = t.find("记者")?;
    let before = t[..pos].trim();
    let mut rest = t[pos + "记者".len()..].trim();
    let source = match before {
        "" | "本报" | "本刊" | "本报见习" | "见习" | "特约" => None,
        b if is_source_name(b) => Some(b.to_string()),
        _ => return None,
    };
    let mut authors = Vec::new();
    // 记者 A B 通讯员 C: every named person is an author.
    loop {
        let (names, next) = match rest.find("通讯员") {
            Some(p) => (&rest[..p], Some(&rest[p + "通讯员".len()..])),
            None => (rest, None),
        };
        if !names.trim().is_empty() {
            authors.extend(split_names(names.trim())?);
        }
        match next {
            Some(n) => rest = n.trim(),
            None => break,
        }
    }
    (!authors.is_empty()).then_some(Byline { authors, source })
}

pub fn is_byline(line: &str) -> bool {
    parse_byline(line).is_some()
}

/// A newspaper/magazine/agency name: Han characters ending in 报, 刊, 社, 台, 网.
pub fn is_source_name(s: &str) -> bool {
    let n = char_len(s);
    (2..=12).contains(&n)
        && s.chars().all(is_cjk)
        && ["报", "刊", "周刊", "杂志", "社", "台", "网"]
            .iter()
            .any(|suffix| s.ends_with(suffix))
}

/// `…的重要性。(赵丽)` → `赵丽`. Full-width or half-width parentheses.
pub fn trailing_signature(text: &str) -> Option<(usize, String)> {
    let t = text.trim_end();
    let close = t.chars().last()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        _ => return None,
    };
    let start = t.rfind(open)?;
    let inner = &t[start + open.len_utf8()..t.len() - close.len_utf8()];
    is_name(inner.trim()).then(|| (start, inner.trim().to_string()))
}

/// Could this paragraph be a headline? Short, not a finished sentence.
pub fn is_title_like(p: &Para) -> bool {
    if p.kind == Kind::Title {
        return true;
    }
    let t = p.text.as_str();
    let n = char_len(t);
    (4..=60).contains(&n)
        && (!ends_sentence(t) || t.ends_with('？') || t.ends_with('?') || t.ends_with('！'))
        && !is_byline(t)
        && !t.chars().all(|c| c.is_ascii_digit() || c == ' ')
}
