//! `pizhu cite` as a user runs it: the real binary on a real library, with the
//! contract's styles, `--locator`, `--json` and a user `.csl` file.

use pizhu_core::articles::Inserted;
use pizhu_core::{
    Creator, CreatorRole, ItemType, LibraryDir, Name, NewArticle, PartialDate, Reference, Store,
};

mod common;
use common::{ok, ok_json, pizhu};

fn creator(name: Name) -> Creator {
    Creator {
        role: CreatorRole::Author,
        name,
    }
}

fn year(y: i32) -> Option<PartialDate> {
    Some(PartialDate {
        year: y,
        month: None,
        day: None,
    })
}

/// A library with a Chinese journal paper (id a), an English one (id b) and a
/// newspaper piece (id c).
fn library() -> (tempfile::TempDir, i64, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["theme", "list"]);
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    let zh = Reference {
        item_type: ItemType::JournalArticle,
        creators: vec![
            creator(Name::Whole {
                name: "欧阳修".into(),
            }),
            creator(Name::Whole {
                name: "司马迁".into(),
            }),
        ],
        container_title: Some("电影艺术".into()),
        volume: Some("12".into()),
        issue: Some("3".into()),
        pages: Some("45-52".into()),
        issued: year(2024),
        language: Some("zh-CN".into()),
        ..Default::default()
    };
    let en = Reference {
        item_type: ItemType::JournalArticle,
        creators: ["Smith", "Lee", "Brown", "White"]
            .iter()
            .map(|f| {
                creator(Name::Person {
                    family: f.to_string(),
                    given: "Ann".into(),
                })
            })
            .collect(),
        container_title: Some("Film Quarterly".into()),
        volume: Some("7".into()),
        issue: Some("1".into()),
        pages: Some("1-9".into()),
        issued: year(2020),
        language: Some("en".into()),
        ..Default::default()
    };
    let news = Reference {
        item_type: ItemType::NewspaperArticle,
        creators: vec![creator(Name::Whole {
            name: "刘宗智".into(),
        })],
        container_title: Some("齐鲁晚报".into()),
        issued: Some(PartialDate {
            year: 2024,
            month: Some(2),
            day: Some(20),
        }),
        language: Some("zh-CN".into()),
        ..Default::default()
    };
    let mut ids = vec![];
    for (title, r) in [
        ("影视行业的挑战", zh),
        ("Generated video", en),
        ("59秒视频", news),
    ] {
        let a = NewArticle {
            title: title.into(),
            text: format!("{title}的正文。"),
            reference: Some(r),
            ..Default::default()
        };
        let Inserted::New(id) = store.insert_articles(None, &[a]).unwrap()[0] else {
            panic!("new article")
        };
        ids.push(id);
    }
    (dir, ids[0], ids[1], ids[2])
}

#[test]
fn cite_prints_the_bibliography_in_the_order_given_for_numeric_styles() {
    let (dir, zh, en, news) = library();
    let lib = dir.path();
    let out = ok(
        lib,
        &["cite", &news.to_string(), &zh.to_string(), &en.to_string()],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "[1] 刘宗智. 59秒视频[N]. 齐鲁晚报, 2024-02-20.",
            "[2] 欧阳修, 司马迁. 影视行业的挑战[J]. 电影艺术, 2024, 12(3): 45-52.",
            "[3] SMITH A, LEE A, BROWN A, et al. Generated video[J]. Film Quarterly, 2020, 7(1): 1-9.",
        ]
    );
}

#[test]
fn cite_json_gives_entries_and_citations_with_locators_and_styles() {
    let (dir, zh, en, _) = library();
    let lib = dir.path();
    let v = ok_json(
        lib,
        &[
            "cite",
            &en.to_string(),
            &zh.to_string(),
            "--style",
            "apa",
            "--locator",
            "47",
            "--json",
        ],
    );
    // APA sorts by author; citations follow the ids as given, with the page.
    let entries: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(entries.len(), 2);
    assert!(
        entries[0].starts_with("Smith, A., Lee, A., Brown, A., & White, A. (2020)."),
        "{entries:?}"
    );
    assert!(
        entries[1].starts_with("欧阳修, & 司马迁. (2024)."),
        "{entries:?}"
    );
    assert_eq!(
        v["citations"],
        serde_json::json!(["(Smith et al., 2020, p. 47)", "(欧阳 & 司马, 2024, p. 47)"])
    );

    let ad = ok_json(
        lib,
        &[
            "cite",
            &zh.to_string(),
            "--style",
            "gbt7714-author-date",
            "--json",
        ],
    );
    assert_eq!(
        ad["entries"][0],
        "欧阳修, 司马迁, 2024. 影视行业的挑战[J]. 电影艺术, 12(3): 45-52."
    );
    assert_eq!(ad["citations"][0], "(欧阳 等, 2024)");
}

#[test]
fn cite_reads_a_user_csl_file_and_refuses_bad_input_clearly() {
    let (dir, zh, _, _) = library();
    let lib = dir.path();
    let style = dir.path().join("mine.csl");
    std::fs::write(
        &style,
        r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Mine</title><id>mine</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="&lt;" suffix="&gt;"><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" suffix=" / "/><text variable="container-title"/></layout></bibliography>
</style>"#,
    )
    .unwrap();
    let v = ok_json(
        lib,
        &[
            "cite",
            &zh.to_string(),
            "--style",
            style.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(v["entries"][0], "影视行业的挑战 / 电影艺术");
    assert_eq!(v["citations"][0], "<影视行业的挑战>");

    let missing = pizhu(lib, &["cite", "99999"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("99999"));
    let bad_style = pizhu(lib, &["cite", &zh.to_string(), "--style", "mla"]);
    assert!(!bad_style.status.success());
    assert!(String::from_utf8_lossy(&bad_style.stderr).contains("gbt7714-numeric"));
    std::fs::write(&style, "<style>not csl").unwrap();
    let broken = pizhu(
        lib,
        &["cite", &zh.to_string(), "--style", style.to_str().unwrap()],
    );
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("CSL"));
}
