//! One self-contained, print-ready HTML page: inline CSS with `@media print`
//! rules, no scripts, every piece of library text escaped; notes and memos are
//! Markdown rendered with pulldown-cmark and cleaned by ammonia, so no raw HTML
//! from a note survives. Printing it from a browser is the PDF export.

use std::fmt::Write;

use crate::citation;
use crate::model::{deep_link, display_time, ExportHighlight, GroupBy};
use crate::select::{GroupHead, Selection};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; line-height: 1.75;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f1f1f; background: #fff; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #444; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; }
h3, h4, h5, h6 { font-size: 1.1rem; margin-top: 1.6rem; }
.meta { color: #555; font-size: .9rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em; vertical-align: baseline; }
.passage { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: 0; padding: .4rem 1rem; border-left: 4px solid #c9a227; background: #fbf8ec; }
blockquote p { margin: .3rem 0; }
.note { margin: .4rem 0 0 1rem; padding-left: .6rem; border-left: 2px solid #bbb; color: #333; }
.note p { margin: .2rem 0; }
.source { margin: .3rem 0 0 1rem; font-size: .85rem; color: #555; }
.memo { background: #f3f5f8; padding: .5rem .8rem; border-radius: 4px; }
.references { list-style: none; padding-left: 0; }
.references li { margin: .3rem 0; padding-left: 2em; text-indent: -2em; }
a { color: #1a5fb4; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .open-link { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"#;

pub fn write(sel: &Selection) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"Pizhu\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&sel.title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&sel.title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">导出时间 {} · {} 篇文章 · {} 条批注</p>",
        escape(&display_time(&sel.model.exported_at)),
        sel.cited.len(),
        sel.highlights.len()
    );
    if sel.groups.is_empty() {
        out.push_str("<p>（没有符合条件的批注。）</p>\n");
    }
    for group in &sel.groups {
        out.push_str("<section>\n");
        match group.head {
            GroupHead::Theme(node) => {
                let level = (node.depth + 2).min(6);
                let swatch = css_color(&node.theme.color)
                    .map(|c| format!("<span class=\"swatch\" style=\"background:{c}\"></span>"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<h{level} class=\"theme\">{swatch}{}</h{level}>",
                    escape(&node.theme.name)
                );
                if !node.theme.description.trim().is_empty() {
                    let _ = writeln!(
                        out,
                        "<p class=\"meta\">{}</p>",
                        escape(node.theme.description.trim())
                    );
                }
                if sel.options.include_memos && !node.theme.memo.trim().is_empty() {
                    let _ = writeln!(
                        out,
                        "<div class=\"memo\">{}</div>",
                        markdown_to_safe_html(&node.theme.memo)
                    );
                }
            }
            GroupHead::Uncoded => out.push_str("<h2 class=\"theme\">未编码</h2>\n"),
            GroupHead::Article(a) => {
                let _ = writeln!(out, "<h2 class=\"article\">{}</h2>", escape(&a.title));
                let _ = writeln!(
                    out,
                    "<p class=\"meta\">{}</p>",
                    escape(&sel.reference_of(a))
                );
                if sel.options.include_memos && !a.memo.trim().is_empty() {
                    let _ = writeln!(
                        out,
                        "<div class=\"memo\">{}</div>",
                        markdown_to_safe_html(&a.memo)
                    );
                }
            }
        }
        for h in &group.passages {
            passage(sel, h, &mut out);
        }
        out.push_str("</section>\n");
    }
    let memos = sel.memo_articles();
    if !memos.is_empty() {
        out.push_str("<section>\n<h2>文章备忘</h2>\n");
        for a in memos {
            let _ = writeln!(
                out,
                "<h3 class=\"article\">{}</h3>\n<div class=\"memo\">{}</div>",
                escape(&a.title),
                markdown_to_safe_html(&a.memo)
            );
        }
        out.push_str("</section>\n");
    }
    if !sel.reference_entries().is_empty() {
        out.push_str("<h2>参考文献</h2>\n<ol class=\"references\">\n");
        for (i, e) in sel.reference_entries().iter().enumerate() {
            let _ = writeln!(out, "<li id=\"ref-{}\">{}</li>", i + 1, escape(&e.text()));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn passage(sel: &Selection, h: &ExportHighlight, out: &mut String) {
    let Some(article) = sel.model.article(h.article_id) else {
        return;
    };
    let _ = writeln!(
        out,
        "<div class=\"passage\" id=\"h{}\">\n<blockquote>",
        h.id
    );
    for para in h.exact.split('\n') {
        let _ = writeln!(out, "<p>{}</p>", escape(para));
    }
    out.push_str("</blockquote>\n");
    if sel.options.include_notes && !h.note.trim().is_empty() {
        let _ = writeln!(
            out,
            "<div class=\"note\">{}</div>",
            markdown_to_safe_html(&h.note)
        );
    }
    let mut source = String::from("— ");
    if sel.options.group_by == GroupBy::Theme {
        source.push_str(&escape(&citation::short_source(article)));
        source.push('，');
    }
    let _ = write!(source, "第 {} 段", sel.paragraph_number(h));
    if let (Some(n), Some(c)) = (sel.reference_position(article.id), sel.passage_citation(h)) {
        let _ = write!(source, " <a href=\"#ref-{n}\">{}</a>", escape(c));
    }
    let themes = sel.theme_names(h);
    if !themes.is_empty() && sel.options.group_by == GroupBy::Article {
        let _ = write!(source, " · 主题：{}", escape(&themes.join("、")));
    }
    let _ = write!(
        source,
        " <a class=\"open-link\" href=\"{}\">在 Pizhu 中打开</a>",
        escape(&deep_link(article.id, h.start, h.end))
    );
    let _ = writeln!(out, "<p class=\"source\">{source}</p>\n</div>");
}

/// Escape text for HTML element content and double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // NUL and other C0 controls (except tab/newline) are not allowed in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A theme colour for an inline style, only when it is a plain `#RGB`/`#RRGGBB`
/// (a colour is user data; nothing else may reach the CSS).
fn css_color(c: &str) -> Option<&str> {
    let hex = c.strip_prefix('#')?;
    ((hex.len() == 6 || hex.len() == 3) && hex.chars().all(|ch| ch.is_ascii_hexdigit()))
        .then_some(c)
}

/// Markdown → HTML, with raw HTML and dangerous URLs removed by ammonia.
/// Images go too (as in the app's notes): opening an export must not fetch
/// anything, e.g. a tracking pixel written into a note.
pub fn markdown_to_safe_html(md: &str) -> String {
    let mut raw = String::new();
    let parser = pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    pulldown_cmark::html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .rm_tags(["img"])
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("a \"b\" & 'c'"), "a &quot;b&quot; &amp; &#39;c&#39;");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("x\u{0}y"), "x\u{fffd}y");
        // Naughty strings keep their text but lose their meaning.
        for s in [
            "<img src=x onerror=alert(1)>",
            "\"><svg/onload=alert(1)>",
            "javascript:alert(1)",
            "﷽",
            "𠜎𠜱",
        ] {
            let e = escape(s);
            assert!(!e.contains('<') && !e.contains('"'), "{e}");
        }
    }

    #[test]
    fn notes_render_markdown_but_no_raw_html() {
        let html = markdown_to_safe_html("**要点** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(html.contains("<strong>要点</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn notes_fetch_nothing_when_opened() {
        let html = markdown_to_safe_html(
            "![像素](http://tracker.invalid/p.png) <img src=x> [链接](http://example.org)",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("href=\"http://example.org\""), "{html}");
    }

    #[test]
    fn only_hex_colours_reach_css() {
        assert_eq!(css_color("#aabbcc"), Some("#aabbcc"));
        assert_eq!(css_color("#abc"), Some("#abc"));
        assert_eq!(css_color("red;background:url(x)"), None);
        assert_eq!(css_color("#12345g"), None);
    }
}
