//! Plain text and Markdown without front matter: metadata guessed from the
//! text, the same cleaning as the seeds.

use pizhu_import::{import_bytes, ImportOptions};

#[test]
fn dates_bylines_and_furniture_in_a_synthetic_page() {
    let page = "\u{3000}\u{3000}天津开展院线电影版权保护专项工作\n\n2024年2月20日 星期二\n\n本报记者 张三 通讯员 李四\n\n\
                本报讯 近日,天津市版权局等 4 部门联合印发通知,部署开展 2024 年院线电影版权保护专项工作。\n\n\
                专项工作聚焦重点院线电影,通过向主要网络服务\n\n商、电影院线发出版权预警提示。\n\n\
                责任编辑：王五\n\n某某日报\n";
    let f = import_bytes("page.txt", page.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(f.articles.len(), 1);
    let a = &f.articles[0];
    assert_eq!(a.title, "天津开展院线电影版权保护专项工作");
    assert_eq!(a.published.as_deref(), Some("2024-02-20"));
    assert_eq!(a.authors, vec!["张三", "李四"]);
    // 某某日报 is printed in the furniture but never named in the body: not a source.
    assert_eq!(a.source, None);
    assert_eq!(
        a.text,
        "本报讯 近日,天津市版权局等 4 部门联合印发通知,部署开展 2024 年院线电影版权保护专项工作。\n\
         专项工作聚焦重点院线电影,通过向主要网络服务商、电影院线发出版权预警提示。"
    );
}

#[test]
fn markdown_without_front_matter_is_cleaned_like_text() {
    let md = "# 标题在这里\n\n记者 刘宗智\n\n## 第一节\n\n第一段没有写\n\n完。\n\n第二段。\n";
    let f = import_bytes("note.md", md.as_bytes(), &ImportOptions::default()).unwrap();
    let a = &f.articles[0];
    assert_eq!(a.title, "标题在这里");
    assert!(!a.title_supplied);
    assert_eq!(a.authors, vec!["刘宗智"]);
    assert_eq!(a.text, "第一节\n第一段没有写完。\n第二段。");
    assert_eq!(a.headings, vec![0]);
}

#[test]
fn markdown_front_matter_without_title_keeps_its_metadata() {
    let md = "---\nauthors: [张三]\nsource: 某某晚报\npublished: 2024-03-01\n---\n\n# 真正的标题\n\n正文第一段。\n";
    let f = import_bytes("note.md", md.as_bytes(), &ImportOptions::default()).unwrap();
    let a = &f.articles[0];
    assert_eq!(a.title, "真正的标题");
    assert_eq!(a.authors, vec!["张三"]);
    assert_eq!(a.source.as_deref(), Some("某某晚报"));
    assert_eq!(a.published.as_deref(), Some("2024-03-01"));
    assert_eq!(a.text, "正文第一段。");
}
