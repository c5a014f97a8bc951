//! A small library snapshot with the awkward cases every writer must survive:
//! markup and formulas in notes, a passage across two paragraphs, characters
//! outside the Basic Multilingual Plane before a passage, nested themes, an
//! uncoded highlight and a highlight with two themes.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use pizhu_core::{ItemType, Reference};
use pizhu_export::model::*;

/// Whether `program --version` runs: the reference readers (LibreOffice, Chromium)
/// are installed by `scripts/setup.sh`, and the tests that need them fail without.
pub fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// The shared conformance material (W3C suite, REFI-QDA schema): beside the
/// checkout by default, or wherever `PIZHU_CONFORMANCE_DIR` says.
pub fn conformance_dir() -> PathBuf {
    std::env::var_os("PIZHU_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
        })
}

pub const T_TECH: i64 = 10;
pub const T_DIFFUSION: i64 = 11;
pub const T_INDUSTRY: i64 = 20;
pub const T_EMPTY: i64 = 30;

pub fn text_a() -> String {
    [
        "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗",
        "记者 刘宗智",
        "Sora模型的核心是扩散模型，它从“随机噪声”开始。",
        "视频制作的门槛将逐步降低，大众化成为大势所趋。",
    ]
    .join("\n")
}

pub fn text_b() -> String {
    // 𠜎 is outside the BMP: one code point, two UTF-16 units, four UTF-8 bytes.
    [
        "输入“繁花”能演出爷叔看宝总的表情？",
        "𠜎𠜱 Sora 是一种模态翻译的模型。",
        "<b>不是</b>技术革命 & 工程实践的成功。",
    ]
    .join("\n")
}

fn cp_find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn highlight(
    id: i64,
    article: &ExportArticle,
    exact: &str,
    note: &str,
    themes: &[i64],
) -> ExportHighlight {
    let (start, end) = cp_find(&article.text, exact);
    let chars: Vec<char> = article.text.chars().collect();
    ExportHighlight {
        id,
        article_id: article.id,
        start,
        end,
        exact: exact.into(),
        prefix: chars[start.saturating_sub(8)..start].iter().collect(),
        suffix: chars[end..(end + 8).min(chars.len())].iter().collect(),
        note: note.into(),
        theme_ids: themes.to_vec(),
        created_at: format!("2024-03-0{id}T09:00:00Z"),
        modified_at: format!("2024-03-0{id}T10:30:00.5+08:00"),
        ..Default::default()
    }
}

fn theme(
    id: i64,
    name: &str,
    color: &str,
    parent: Option<i64>,
    position: i64,
    memo: &str,
) -> ExportTheme {
    ExportTheme {
        id,
        name: name.into(),
        color: color.into(),
        description: format!("{name}的说明"),
        parent_id: parent,
        position,
        memo: memo.into(),
        created_at: "2024-03-01T08:00:00Z".into(),
        modified_at: "2024-03-01T08:00:00Z".into(),
    }
}

/// A newspaper piece's reference, as the core builds it from free-text metadata.
fn newspaper(title: &str, authors: &[&str], paper: &str, date: Option<&str>) -> Reference {
    let authors: Vec<String> = authors.iter().map(|s| s.to_string()).collect();
    let mut r = Reference::from_free_text(title, &authors, Some(paper), date);
    r.item_type = ItemType::NewspaperArticle;
    r
}

pub fn model() -> ExportModel {
    let a = ExportArticle {
        id: 1,
        title: "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗".into(),
        authors: vec!["刘宗智".into()],
        source: Some("齐鲁晚报".into()),
        published: Some("2024-02-19".into()),
        content_hash: "a".repeat(64),
        text: text_a(),
        headings: vec![0],
        memo: "整篇偏科普。".into(),
        imported_at: "2024-03-01T00:00:00Z".into(),
        modified_at: "2024-03-01T00:00:00Z".into(),
        reference: newspaper(
            "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗",
            &["刘宗智"],
            "齐鲁晚报",
            Some("2024-02-19"),
        ),
        pages: vec![],
    };
    let b = ExportArticle {
        id: 2,
        title: "输入“繁花”能演出爷叔看宝总的表情？".into(),
        authors: vec!["刘昕璐".into()],
        source: Some("青年报".into()),
        published: None,
        content_hash: "b".repeat(64),
        text: text_b(),
        headings: vec![],
        memo: String::new(),
        imported_at: "2024-03-01T00:00:00Z".into(),
        modified_at: "2024-03-01T00:00:00Z".into(),
        reference: newspaper(
            "输入“繁花”能演出爷叔看宝总的表情？",
            &["刘昕璐"],
            "青年报",
            None,
        ),
        pages: vec![],
    };
    let c = ExportArticle {
        id: 3,
        title: "没有批注的文章".into(),
        content_hash: "c".repeat(64),
        text: "一段话。".into(),
        imported_at: "2024-03-01T00:00:00Z".into(),
        modified_at: "2024-03-01T00:00:00Z".into(),
        ..Default::default()
    };
    let highlights = vec![
        highlight(
            1,
            &a,
            "Sora模型的核心是扩散模型",
            "**关键**：<script>alert('x')</script> 扩散",
            &[T_TECH, T_DIFFUSION],
        ),
        highlight(
            2,
            &a,
            "门槛将逐步降低，大众化成为大势所趋。",
            "=HYPERLINK(\"http://evil\")",
            &[T_INDUSTRY],
        ),
        highlight(3, &b, "Sora 是一种模态翻译的模型", "", &[T_TECH]),
        highlight(
            4,
            &b,
            "<b>不是</b>技术革命 & 工程实践",
            "# 不该成为标题\n第二行",
            &[],
        ),
        highlight(5, &a, "随机噪声”开始。\n视频制作", "跨段落", &[T_DIFFUSION]),
    ];
    ExportModel {
        exported_at: "2024-03-09T12:00:00Z".into(),
        articles: vec![a, b, c],
        themes: vec![
            theme(T_TECH, "技术原理", "#1F77B4", None, 0, "技术类的总备忘"),
            theme(T_DIFFUSION, "扩散模型", "#aec", Some(T_TECH), 0, ""),
            theme(T_INDUSTRY, "产业影响", "#FF7F0E", None, 1, ""),
            theme(T_EMPTY, "空主题", "yellow", None, 2, ""),
        ],
        highlights,
        review_cards: vec![],
    }
}

pub fn options(scope: Scope, group_by: GroupBy) -> ExportOptions {
    ExportOptions {
        scope,
        group_by,
        ..Default::default()
    }
}
