//! Regression: a title holding terminal escape sequences was stored raw (and
//! then printed raw by `pizhu list`). Control characters, whole escape
//! sequences and bidi overrides are removed at import, with a warning.

use pizhu_import::{import_bytes, ImportOptions, ImportedFile};

fn import(name: &str, bytes: &[u8]) -> ImportedFile {
    import_bytes(name, bytes, &ImportOptions::default()).unwrap()
}

fn assert_clean(f: &ImportedFile) {
    let a = &f.articles[0];
    for field in [&a.title, &a.text]
        .into_iter()
        .chain(&a.authors)
        .chain(&a.source)
    {
        assert!(
            !field
                .chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{202E}').contains(&c)),
            "control character left in {field:?}"
        );
    }
    assert!(
        f.warnings
            .iter()
            .any(|w| w.to_string().contains("control characters")),
        "{:?}",
        f.warnings
    );
}

#[test]
fn escape_sequences_in_a_text_file_are_removed() {
    let text = "\u{1b}[2J\u{1b}[H\u{1b}]0;伪造的窗口标题\u{7}版权保护\u{1b}[31m专项\u{1b}[0m工作\n\
                本报记者 张三\u{202E}\n\
                正文第一段，\u{1b}[1A\u{1b}[K讲述院线电影的版权保护。\n";
    let f = import("news.txt", text.as_bytes());
    assert_clean(&f);
    assert_eq!(f.articles[0].title, "版权保护专项工作");
    assert!(f.articles[0]
        .text
        .contains("正文第一段，讲述院线电影的版权保护。"));
}

#[test]
fn character_references_in_html_are_removed_too() {
    let page = "<html><head><title>页面</title></head><body><article>\
                <h1>&#27;[31m红色&#x1b;[0m标题&#x202e;</h1>\
                <p>&#27;]8;;http://example.com&#7;正文一段。</p>\
                <p>&#1;&#127;</p><p>正文二段。</p></article></body></html>";
    let f = import("page.html", page.as_bytes());
    assert_clean(&f);
    assert_eq!(f.articles[0].title, "红色标题");
    assert_eq!(f.articles[0].text, "正文一段。\n正文二段。");
}

#[test]
fn front_matter_fields_lose_their_escapes() {
    let md = "---\ntitle: \"\u{1b}[5m闪烁的标题\"\nauthors: [\"作者\u{1b}[8m\"]\n---\n\n正文。\n";
    let f = import("curated.md", md.as_bytes());
    assert_clean(&f);
    assert_eq!(f.articles[0].title, "闪烁的标题");
    assert_eq!(f.articles[0].authors, ["作者"]);
}

#[test]
fn clean_files_get_no_warning() {
    let f = import("plain.txt", "标题\n正文\t一段。".as_bytes());
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
}
