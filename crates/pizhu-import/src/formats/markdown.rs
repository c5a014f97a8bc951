//! Markdown. A file with front matter (the curated corpus format) is taken as
//! is: metadata from the front matter, body paragraphs from blank-line blocks,
//! `#` headings as headings — no cleaning, splitting or guessing. Without front
//! matter it goes through the plain-text cleaner.
//!
//! The front matter subset understood (no YAML crate needed):
//! `key: value` lines, values optionally in double quotes, flow lists
//! `[a, "b"]`, and block lists of `  - "…"` lines under an empty key.

use std::collections::HashMap;

use crate::clean::{paragraphs, render, Kind, Para};
use crate::{ImportError, ImportedArticle};

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    List(Vec<String>),
}

/// Split `---` front matter from the body. `None` when the file has none.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let start = first.len();
    let mut pos = start;
    for line in lines {
        if line.trim_end() == "---" {
            return Some((&text[start..pos], &text[pos + line.len()..]));
        }
        pos += line.len();
    }
    None
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        let inner = &s[1..s.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        out
    } else if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
        s[1..s.len() - 1].replace("''", "'")
    } else {
        s.to_string()
    }
}

/// `[司若, "庞胜楠"]` → items; commas inside double quotes do not split.
fn parse_flow_list(s: &str) -> Vec<String> {
    let inner = s.trim().trim_start_matches('[').trim_end_matches(']');
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut escaped = false;
    for c in inner.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quotes => {
                cur.push(c);
                escaped = true;
            }
            '"' => {
                in_quotes = !in_quotes;
                cur.push(c);
            }
            ',' if !in_quotes => {
                items.push(unquote(&cur));
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        items.push(unquote(&cur));
    }
    items.into_iter().filter(|i| !i.is_empty()).collect()
}

fn parse_front_matter(fm: &str) -> Result<HashMap<String, Value>, ImportError> {
    let mut map = HashMap::new();
    let mut current_list: Option<String> = None;
    for (n, line) in fm.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| (trimmed == "-").then_some(""))
        {
            let key = current_list.as_ref().ok_or_else(|| {
                ImportError::Malformed(format!(
                    "front matter line {}: list item without a key",
                    n + 2
                ))
            })?;
            if let Some(Value::List(items)) = map.get_mut(key) {
                items.push(unquote(item));
            }
            continue;
        }
        let (key, value) = line.split_once(':').ok_or_else(|| {
            ImportError::Malformed(format!("front matter line {} is not `key: value`", n + 2))
        })?;
        let key = key.trim().to_string();
        let value = value.trim();
        if value.is_empty() {
            // Either an empty value or the head of a block list.
            map.insert(key.clone(), Value::List(Vec::new()));
            current_list = Some(key);
        } else if value.starts_with('[') {
            map.insert(key, Value::List(parse_flow_list(value)));
            current_list = None;
        } else {
            map.insert(key, Value::Text(unquote(value)));
            current_list = None;
        }
    }
    Ok(map)
}

fn text_of(map: &HashMap<String, Value>, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Value::List(items) if items.len() == 1 => Some(items[0].clone()),
        _ => None,
    }
}

fn list_of(map: &HashMap<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::List(items)) => items.clone(),
        Some(Value::Text(t)) if !t.trim().is_empty() => vec![t.trim().to_string()],
        _ => Vec::new(),
    }
}

/// Body of a curated file: blank-line separated blocks, `#` headings.
fn curated_body(body: &str) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, paras: &mut Vec<Para>| {
        if block.is_empty() {
            return;
        }
        let mut text = String::new();
        for line in block.drain(..) {
            let join_with_space = text
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && line
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if join_with_space {
                text.push(' ');
            }
            text.push_str(&line);
        }
        paras.push(Para::body(text));
    };
    for raw in body.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut block, &mut paras);
            continue;
        }
        if let Some((_, h)) = paragraphs::markdown_heading(line) {
            flush(&mut block, &mut paras);
            paras.push(Para::heading(h));
            continue;
        }
        block.push(line.to_string());
    }
    flush(&mut block, &mut paras);
    paras
}

/// How a Markdown file is to be read.
pub enum Markdown<'a> {
    /// Front matter with a title: a curated article, taken as is.
    Curated(ImportedArticle),
    /// No usable front matter: clean `body` like plain text, then let the
    /// front-matter fields that are present (`meta`) override what was guessed.
    Plain {
        body: &'a str,
        meta: Option<ImportedArticle>,
    },
}

/// Read a Markdown file's front matter, if any.
pub fn import_markdown(text: &str) -> Result<Markdown<'_>, ImportError> {
    let Some((fm, body)) = split_front_matter(text) else {
        return Ok(Markdown::Plain {
            body: text,
            meta: None,
        });
    };
    let map = parse_front_matter(fm)?;
    let Some(title) = text_of(&map, "title") else {
        let meta = ImportedArticle {
            authors: list_of(&map, "authors"),
            source: text_of(&map, "source"),
            published: text_of(&map, "published"),
            corrections: list_of(&map, "corrections"),
            ..Default::default()
        };
        return Ok(Markdown::Plain {
            body,
            meta: Some(meta),
        });
    };
    let mut paras = curated_body(body);
    // A leading `# Title` repeating the front-matter title is not body text.
    if paras
        .first()
        .is_some_and(|p| p.kind != Kind::Body && p.text == title)
    {
        paras.remove(0);
    }
    let (text, headings) = render(&paras);
    if text.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    let title_supplied =
        text_of(&map, "title_supplied").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    Ok(Markdown::Curated(ImportedArticle {
        title,
        title_supplied,
        authors: list_of(&map, "authors"),
        source: text_of(&map, "source"),
        published: text_of(&map, "published"),
        text,
        headings,
        corrections: list_of(&map, "corrections"),
        ..Default::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURATED: &str = r#"---
title: "输入“繁花”能演出爷叔看宝总的表情? 专家解读: Sora 赋能于人, 不能代替人"
title_supplied: false
authors: [司若, 庞胜楠]
source: 青年报
published: 2024-02-20
seed: 002_dd3fdb8d90d2e9cb.txt
corrections:
  - "Byline moved out of the body, author 刘昕璐."
  - "Quoted \"text\", with a comma."
---

第一段正文,不做任何清理。s2 j( i5 这种样子的字符也原样保留。

## 小标题

第二段
续行。
"#;

    #[test]
    fn curated_front_matter_is_used_as_is() {
        let a = curated(CURATED);
        assert_eq!(
            a.title,
            "输入“繁花”能演出爷叔看宝总的表情? 专家解读: Sora 赋能于人, 不能代替人"
        );
        assert!(!a.title_supplied);
        assert_eq!(a.authors, vec!["司若", "庞胜楠"]);
        assert_eq!(a.source.as_deref(), Some("青年报"));
        assert_eq!(a.published.as_deref(), Some("2024-02-20"));
        assert_eq!(
            a.corrections,
            vec![
                "Byline moved out of the body, author 刘昕璐.",
                "Quoted \"text\", with a comma."
            ]
        );
        assert_eq!(
            a.text,
            "第一段正文,不做任何清理。s2 j( i5 这种样子的字符也原样保留。\n小标题\n第二段续行。"
        );
        assert_eq!(a.headings, vec![1]);
    }

    #[test]
    fn empty_values_and_flow_list_corrections() {
        let md = "---\ntitle: 标题\ntitle_supplied: true\nauthors: []\nsource: \npublished: \ncorrections: [\"一\", \"二, 三\"]\n---\n正文。\n";
        let a = curated(md);
        assert!(a.title_supplied);
        assert!(a.authors.is_empty());
        assert_eq!(a.source, None);
        assert_eq!(a.published, None);
        assert_eq!(a.corrections, vec!["一", "二, 三"]);
    }

    fn curated(text: &str) -> ImportedArticle {
        match import_markdown(text).unwrap() {
            Markdown::Curated(a) => a,
            Markdown::Plain { .. } => panic!("expected a curated article"),
        }
    }

    #[test]
    fn no_front_matter_or_no_title_falls_back() {
        assert!(matches!(
            import_markdown("# 标题\n\n正文。").unwrap(),
            Markdown::Plain { meta: None, .. }
        ));
        match import_markdown("---\nauthors: [张三]\nsource: 某报\n---\n# 标题\n正文。\n").unwrap()
        {
            Markdown::Plain {
                body,
                meta: Some(meta),
            } => {
                assert_eq!(body, "# 标题\n正文。\n");
                assert_eq!(meta.authors, vec!["张三"]);
                assert_eq!(meta.source.as_deref(), Some("某报"));
            }
            _ => panic!("expected plain with metadata"),
        }
    }
}
