//! `export --format csl-json|bibtex|ris`: the library, a theme, one article or
//! a selection of passages gives the references of exactly those articles.

mod common;

use common::*;
use pizhu_export::model::*;
use pizhu_export::{export, Format};

fn titles(format: Format, scope: Scope) -> Vec<String> {
    let file = export(&model(), &options(scope, GroupBy::Article), format).unwrap();
    assert!(
        file.file_name
            .ends_with(&format!(".{}", format.extension())),
        "{}",
        file.file_name
    );
    let parsed = pizhu_import::refs::parse_refs(&file.bytes).unwrap();
    parsed
        .records
        .into_iter()
        .map(|r| r.unwrap().title)
        .collect()
}

#[test]
fn each_scope_exports_the_references_of_its_articles() {
    let a = "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗".to_string();
    let b = "输入“繁花”能演出爷叔看宝总的表情？".to_string();
    let c = "没有批注的文章".to_string();
    for format in [Format::CslJson, Format::Bibtex, Format::Ris] {
        assert_eq!(
            titles(format, Scope::Library),
            vec![a.clone(), b.clone(), c.clone()],
            "{format}"
        );
        assert_eq!(titles(format, Scope::Article { id: 2 }), vec![b.clone()]);
        assert_eq!(
            titles(
                format,
                Scope::Theme {
                    id: T_DIFFUSION,
                    include_subthemes: false
                }
            ),
            vec![a.clone()],
            "{format}"
        );
        assert_eq!(
            titles(format, Scope::Highlights { ids: vec![3] }),
            vec![b.clone()]
        );
    }
}

#[test]
fn the_free_text_metadata_reaches_the_reference() {
    let file = export(
        &model(),
        &options(Scope::Article { id: 1 }, GroupBy::Article),
        Format::CslJson,
    )
    .unwrap();
    let items: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
    let item = &items[0];
    assert_eq!(item["author"][0]["family"], "刘");
    assert_eq!(item["author"][0]["given"], "宗智");
    assert_eq!(item["container-title"], "齐鲁晚报");
    assert_eq!(
        item["issued"]["date-parts"],
        serde_json::json!([[2024, 2, 19]])
    );
}
