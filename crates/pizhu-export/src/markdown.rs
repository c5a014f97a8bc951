//! Markdown for Obsidian and friends: YAML front matter, a heading per theme or
//! article, each passage as a block quote followed by its note and a source line
//! (author, title, paper, date, paragraph number, reference number and a
//! `pizhu://` link that opens the passage in Pizhu), then the reference list.

use std::collections::HashMap;
use std::fmt::Write;

use crate::citation;
use crate::model::{deep_link, ExportHighlight, ExportTheme, GroupBy, Scope};
use crate::select::{GroupHead, Selection};

pub fn write(sel: &Selection) -> String {
    let mut out = String::new();
    front_matter(sel, &mut out);
    let _ = writeln!(out, "# {}\n", escape_inline(&sel.title));
    if sel.groups.is_empty() {
        out.push_str("（没有符合条件的批注。）\n\n");
    }
    let mut seen = HashMap::new();
    for group in &sel.groups {
        match group.head {
            GroupHead::Theme(node) => {
                let level = (node.depth + 2).min(6);
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(level),
                    escape_inline(&node.theme.name)
                );
                if !node.theme.description.trim().is_empty() {
                    let _ = writeln!(out, "*{}*\n", escape_inline(node.theme.description.trim()));
                }
                if sel.options.include_memos && !node.theme.memo.trim().is_empty() {
                    let _ = writeln!(
                        out,
                        "**主题备忘**：{}\n",
                        contained_markdown(&node.theme.memo)
                    );
                }
            }
            GroupHead::Uncoded => out.push_str("## 未编码\n\n"),
            GroupHead::Article(a) => {
                let _ = writeln!(out, "## {}\n", escape_inline(&a.title));
                let _ = writeln!(out, "{}\n", escape_inline(&sel.reference_of(a)));
                if sel.options.include_memos && !a.memo.trim().is_empty() {
                    let _ = writeln!(out, "**文章备忘**：{}\n", contained_markdown(&a.memo));
                }
            }
        }
        for h in &group.passages {
            passage(sel, h, &mut seen, &mut out);
        }
    }
    let memos = sel.memo_articles();
    if !memos.is_empty() {
        out.push_str("## 文章备忘\n\n");
        for a in memos {
            let _ = writeln!(
                out,
                "### {}\n\n{}\n",
                escape_inline(&a.title),
                contained_markdown(&a.memo)
            );
        }
    }
    if !sel.reference_entries().is_empty() {
        out.push_str("## 参考文献\n\n");
        for e in sel.reference_entries() {
            let _ = writeln!(out, "{}\n", escape_inline(&e.text()));
        }
    }
    out
}

fn front_matter(sel: &Selection, out: &mut String) {
    let q = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let scope = match &sel.options.scope {
        Scope::Library => "library",
        Scope::Article { .. } => "article",
        Scope::Theme { .. } => "theme",
        Scope::Highlights { .. } => "highlights",
        Scope::Articles { .. } => "collection",
    };
    let group_by = match sel.options.group_by {
        GroupBy::Theme => "theme",
        GroupBy::Article => "article",
    };
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", q(&sel.title));
    let _ = writeln!(out, "exported: {}", q(&sel.model.exported_at));
    let _ = writeln!(out, "generator: \"Pizhu\"");
    let _ = writeln!(out, "scope: {scope}");
    let _ = writeln!(out, "groupBy: {group_by}");
    let _ = writeln!(out, "articles: {}", sel.cited.len());
    let _ = writeln!(out, "highlights: {}", sel.highlights.len());
    let mut tags = vec!["pizhu".to_string()];
    // Only themes that have a passage here, in code-book order.
    let used = sel.themes.iter().filter(|n| {
        sel.highlights
            .iter()
            .any(|h| h.theme_ids.contains(&n.theme.id))
    });
    for n in used {
        let tag = tag_path(sel, n.theme);
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let _ = writeln!(
        out,
        "tags: [{}]",
        tags.iter().map(|t| q(t)).collect::<Vec<_>>().join(", ")
    );
    out.push_str("---\n\n");
}

/// A theme as an Obsidian nested tag (`版权伦理/法规`): one segment per level of
/// the code book, each made of what a tag may hold (letters, digits, `_`, `-`).
/// Runs of anything else become one `-`, so `AI & 版权` reads `AI-版权`; a
/// segment of digits only (not a tag in Obsidian) gets a leading `_`.
pub fn tag_path(sel: &Selection, theme: &ExportTheme) -> String {
    let mut chain = vec![theme];
    let mut cur = theme.parent_id.and_then(|p| sel.model.theme(p));
    // The code book is a tree, but a corrupt one must not loop forever.
    while let Some(t) = cur.filter(|_| chain.len() < 64) {
        chain.push(t);
        cur = t.parent_id.and_then(|p| sel.model.theme(p));
    }
    let segments: Vec<String> = chain
        .iter()
        .rev()
        .map(|t| tag_segment(&t.name))
        .filter(|s| !s.is_empty())
        .collect();
    segments.join("/")
}

fn tag_segment(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if !out.is_empty() && out.chars().all(|c| c.is_ascii_digit()) {
        format!("_{out}")
    } else {
        out
    }
}

fn passage(sel: &Selection, h: &ExportHighlight, seen: &mut HashMap<i64, usize>, out: &mut String) {
    let Some(article) = sel.model.article(h.article_id) else {
        return;
    };
    for (i, para) in h.exact.split('\n').enumerate() {
        if i > 0 {
            out.push_str(">\n");
        }
        let _ = writeln!(out, "> {}", escape_line(para));
    }
    out.push('\n');
    // An Obsidian block id names the quote; after a quote it must stand on its own
    // line. A passage listed under two themes gets `-2` the second time.
    let n = seen.entry(h.id).or_insert(0);
    *n += 1;
    if *n == 1 {
        let _ = writeln!(out, "^pz-{}\n", h.id);
    } else {
        let _ = writeln!(out, "^pz-{}-{}\n", h.id, n);
    }
    if sel.options.include_notes && !h.note.trim().is_empty() {
        let _ = writeln!(out, "**笔记**：{}\n", contained_markdown(&h.note));
    }
    let mut source = String::from("— ");
    if sel.options.group_by == GroupBy::Theme {
        source.push_str(&escape_inline(&citation::short_source(article)));
        source.push('，');
    }
    let _ = write!(source, "第 {} 段", sel.paragraph_number(h));
    if let Some(c) = sel.passage_citation(h) {
        let _ = write!(source, " {}", escape_inline(c));
    }
    let themes = sel.theme_names(h);
    if !themes.is_empty() && sel.options.group_by == GroupBy::Article {
        let _ = write!(source, " · 主题：{}", escape_inline(&themes.join("、")));
    }
    let _ = write!(
        source,
        " · [在 Pizhu 中打开]({})",
        deep_link(article.id, h.start, h.end)
    );
    let _ = writeln!(out, "{source}\n");
}

/// Escape text so CommonMark reads it literally (any ASCII punctuation may be
/// backslash-escaped; we escape the ones that start markup inline).
pub fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '!'
                | '|'
                | '~'
                | '$'
                | '&'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// [`escape_inline`], plus what would make a line a list item or heading underline.
pub fn escape_line(s: &str) -> String {
    let escaped = escape_inline(s);
    let trimmed = escaped.trim_start();
    let indent = &escaped[..escaped.len() - trimmed.len()];
    let mut out: String = indent.replace('\t', "    ").chars().take(3).collect();
    if trimmed.starts_with(['-', '+', '=']) {
        out.push('\\');
        out.push_str(trimmed);
        return out;
    }
    let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        out.push_str(&trimmed[..digits]);
        out.push('\\');
        out.push_str(&trimmed[digits..]);
        return out;
    }
    out.push_str(trimmed);
    out
}

/// A note or memo keeps its Markdown (emphasis, links, lists) but may not open a
/// heading, a thematic break, a code fence or a block quote (which would pass for
/// a quoted source passage), and no tag reaches the output as raw HTML: every
/// `<` becomes `&lt;`, wherever it stands on the line (an entity, not `\<`,
/// which a backslash typed just before it would cancel).
pub fn contained_markdown(s: &str) -> String {
    let lines: Vec<String> = s
        .trim()
        .lines()
        .map(|line| {
            let line = line.replace('<', "&lt;");
            let t = line.trim_start();
            let breaks_outline = t.starts_with('#')
                || t.starts_with('>')
                || t.starts_with("```")
                || t.starts_with("~~~")
                || (!t.is_empty() && t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ')));
            if breaks_outline {
                format!("\\{}", t)
            } else {
                line
            }
        })
        .collect();
    // Hard line breaks keep the note's own lines without starting new blocks.
    lines.join("  \n")
}
