//! The Markdown export through a CommonMark renderer (pulldown-cmark, the one
//! the HTML export uses) and Obsidian's rules for block ids and tags.

mod common;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

fn markdown(m: &ExportModel, opts: &ExportOptions) -> String {
    String::from_utf8(export(m, opts, Format::Markdown).unwrap().bytes).unwrap()
}

fn body(md: &str) -> &str {
    md.splitn(3, "---\n").nth(2).unwrap()
}

#[test]
fn no_tag_in_a_note_reaches_the_commonmark_output_as_html() {
    let mut m = model();
    m.highlights[0].note = "<b>粗体</b> <img src=x onerror=alert(1)>\n\
        中间 <a href=\"javascript:alert(2)\">链接</a>\n\
        \\<script>alert(3)</script>\n\
        <form action=x><input type=password></form>"
        .into();
    let md = markdown(&m, &ExportOptions::default());
    for ev in Parser::new(body(&md)) {
        if let Event::Html(h) | Event::InlineHtml(h) = ev {
            panic!("raw HTML in the Markdown: {h}");
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new(body(&md)));
    for tag in [
        "<img",
        "<b>",
        "<a href=\"javascript",
        "<script",
        "<form",
        "<input",
    ] {
        assert!(!html.contains(tag), "{tag} rendered live:\n{html}");
    }
    // Still readable as text.
    assert!(html.contains("&lt;b&gt;粗体&lt;/b&gt;"), "{html}");
}

#[test]
fn a_note_line_starting_with_gt_is_not_a_quote() {
    let mut m = model();
    m.highlights[0].note = "我的看法：\n> 这不是原文\n  > 也不是".into();
    let md = markdown(&m, &ExportOptions::default());
    let mut quotes = 0;
    let mut depth = 0;
    let mut quoted = String::new();
    for ev in Parser::new(body(&md)) {
        match ev {
            Event::Start(Tag::BlockQuote(_)) => {
                quotes += 1;
                depth += 1
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Text(t) if depth > 0 => quoted.push_str(&t),
            _ => {}
        }
    }
    assert_eq!(quotes, 6, "one quote per passage listing, no more");
    assert!(!quoted.contains("这不是原文") && !quoted.contains("也不是"));
    assert!(md.contains("这不是原文"));
}

#[test]
fn every_passage_has_its_own_obsidian_block_id_after_the_quote() {
    let md = markdown(&model(), &ExportOptions::default());
    // Each quote is followed by a paragraph that is only the block id.
    let mut after_quote = false;
    let mut ids = Vec::new();
    let mut para = String::new();
    let mut in_para = false;
    let mut depth = 0;
    for ev in Parser::new(body(&md)) {
        match ev {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                depth -= 1;
                after_quote = depth == 0;
            }
            Event::Start(Tag::Paragraph) if depth == 0 => {
                in_para = true;
                para.clear();
            }
            Event::Text(t) if in_para => para.push_str(&t),
            Event::End(TagEnd::Paragraph) if depth == 0 => {
                in_para = false;
                if after_quote {
                    ids.push(para.clone());
                }
                after_quote = false;
            }
            _ => {}
        }
    }
    // Highlight 1 is under 技术原理 and 扩散模型; 5 under 扩散模型 only.
    assert_eq!(
        ids,
        vec!["^pz-1", "^pz-3", "^pz-1-2", "^pz-5", "^pz-2", "^pz-4"],
        "{md}"
    );
    // Obsidian: an id after a block stands alone with blank lines around it.
    assert!(md.contains("\n\n^pz-3\n\n"));
}

#[test]
fn themes_are_valid_nested_obsidian_tags() {
    let mut m = model();
    m.themes[1].name = "扩散 模型 & 原理/变体".into(); // child of 技术原理
    m.themes.push(ExportTheme {
        id: 40,
        name: "2024".into(),
        parent_id: None,
        ..Default::default()
    });
    m.highlights[2].theme_ids.push(40);
    let md = markdown(&m, &ExportOptions::default());
    let front = md.split("---\n").nth(1).unwrap();
    let tags_line = front.lines().find(|l| l.starts_with("tags: ")).unwrap();
    let tags: Vec<String> = serde_json::from_str(tags_line.trim_start_matches("tags: ")).unwrap();
    assert_eq!(
        tags,
        vec![
            "pizhu",
            "技术原理",
            "技术原理/扩散-模型-原理-变体",
            "_2024",
            "产业影响"
        ]
    );
    // Obsidian's rule: letters, digits, `_`, `-`, `/` only, and not only digits.
    for t in &tags {
        for seg in t.split('/') {
            assert!(!seg.is_empty());
            assert!(seg
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-'));
            assert!(!seg.chars().all(|c| c.is_ascii_digit()));
        }
    }
}
