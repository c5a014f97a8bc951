//! The bundled articles as a small in-memory library, for the search tests.

use pizhu_core::{NewArticle, Store};
use pizhu_search::SearchIndex;

pub const BUNDLED: &[&str] = &[
    include_str!("../../../../data/articles/01-sora-yingshi-chanye-xin-shijiao.md"),
    include_str!(
        "../../../../data/articles/05-sora-chongji-xia-yingshi-hangye-de-tiaozhan-yu-yingdui.md"
    ),
    include_str!("../../../../data/articles/06-shuru-fanhua-sora-funeng-yu-ren.md"),
    include_str!("../../../../data/articles/07-59miao-shipin-meibi-dapian-sora-nengma.md"),
];

/// The Markdown body after the front matter, paragraphs joined by '\n'.
pub fn body(md: &str) -> String {
    let rest = md
        .strip_prefix("---")
        .and_then(|r| r.split_once("\n---").map(|x| x.1))
        .unwrap_or(md);
    rest.lines()
        .map(|l| l.trim_start_matches('#').trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn library(texts: &[String]) -> (Store, SearchIndex) {
    let store = Store::open_in_memory().unwrap();
    let articles: Vec<NewArticle> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| NewArticle {
            title: format!("第{i}篇"),
            text: t.clone(),
            ..Default::default()
        })
        .collect();
    store.insert_articles(None, &articles).unwrap();
    let index = SearchIndex::open_in_memory(&store).unwrap();
    (store, index)
}
