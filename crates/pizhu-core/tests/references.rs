//! References (schema 4): every article has a structured bibliographic record;
//! the migration builds it from the old free-text metadata losing nothing; an
//! edit is one undoable step and keeps the free-text fields in step; deleting an
//! article and undoing brings the reference back.

use pizhu_core::articles::Inserted;
use pizhu_core::rusqlite::{params, Connection};
use pizhu_core::store::migrations::MIGRATIONS;
use pizhu_core::{
    Creator, CreatorRole, ItemType, LibraryDir, Name, NewArticle, PartialDate, Reference, Store,
};

fn person(family: &str, given: &str) -> Name {
    Name::Person {
        family: family.into(),
        given: given.into(),
    }
}

fn whole(name: &str) -> Name {
    Name::Whole { name: name.into() }
}

fn insert(store: &Store, a: NewArticle) -> i64 {
    match store.insert_articles(None, &[a]).unwrap()[0] {
        Inserted::New(id) => id,
        Inserted::Duplicate(_) => panic!("new article expected"),
    }
}

fn journal_reference() -> Reference {
    Reference {
        item_type: ItemType::JournalArticle,
        creators: vec![
            Creator {
                role: CreatorRole::Author,
                name: whole("欧阳修"),
            },
            Creator {
                role: CreatorRole::Author,
                name: person("Smith", "John"),
            },
            Creator {
                role: CreatorRole::Translator,
                name: whole("司马迁"),
            },
        ],
        container_title: Some("电影艺术".into()),
        volume: Some("12".into()),
        issue: Some("3".into()),
        pages: Some("45-52".into()),
        issued: Some(PartialDate {
            year: 2024,
            month: Some(3),
            day: None,
        }),
        doi: Some("10.1000/xyz".into()),
        language: Some("zh-CN".into()),
        ..Default::default()
    }
}

/// title, authors (JSON), source, published, original file.
type OldRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// A library as schema 3 left it: the free-text columns only.
fn schema_3_library(dir: &LibraryDir) {
    std::fs::create_dir_all(dir.root()).unwrap();
    let conn = Connection::open(dir.database()).unwrap();
    for (version, _, sql) in MIGRATIONS.iter().filter(|m| m.0 <= 3) {
        conn.execute_batch(&format!("{sql}\nPRAGMA user_version = {version};"))
            .unwrap();
    }
    let rows: &[OldRow] = &[
        (
            "Sora冲击下影视行业的挑战与应对",
            "[]",
            None,
            None,
            Some("05-sora-chongji-xia-yingshi-hangye-de-tiaozhan-yu-yingdui.md"),
        ),
        (
            "59秒视频质量媲美“大片”",
            r#"["刘宗智"]"#,
            Some("齐鲁晚报"),
            Some("2024年2月20日"),
            Some("07-59miao-shipin-meibi-dapian-sora-nengma.md"),
        ),
        (
            "A Western piece",
            r#"["Smith, John", "Mary Ann Lee", "OpenAI"]"#,
            Some("The Journal"),
            Some("spring 2024"),
            Some("mine.txt"),
        ),
    ];
    for (i, (title, authors, source, published, file)) in rows.iter().enumerate() {
        conn.execute(
            "INSERT INTO articles(title, authors, source, published, original_file, imported_at,
                                  modified_at, content_hash, text)
             VALUES (?1, ?2, ?3, ?4, ?5, 't', 't', ?6, ?7)",
            params![
                title,
                authors,
                source,
                published,
                file,
                format!("h{i}"),
                format!("正文{i}")
            ],
        )
        .unwrap();
    }
}

#[test]
fn migration_4_moves_free_text_metadata_into_references_losing_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = LibraryDir::new(tmp.path());
    schema_3_library(&dir);
    let store = Store::open(&dir).unwrap();
    let list = store.list_articles().unwrap();
    assert_eq!(list.len(), 3);

    // The bundled journal piece and newspaper piece get their real types.
    assert_eq!(list[0].reference.item_type, ItemType::JournalArticle);
    assert!(list[0].reference.creators.is_empty());
    let news = &list[1].reference;
    assert_eq!(news.item_type, ItemType::NewspaperArticle);
    assert_eq!(news.creators[0].name, whole("刘宗智"));
    assert_eq!(news.container_title.as_deref(), Some("齐鲁晚报"));
    assert_eq!(
        news.issued,
        Some(PartialDate {
            year: 2024,
            month: Some(2),
            day: Some(20)
        })
    );
    assert_eq!(news.language.as_deref(), Some("zh-CN"));

    // Free-text names through Name::parse; the free-text columns are untouched.
    let west = store.article(list[2].id).unwrap();
    assert_eq!(west.reference.item_type, ItemType::Other);
    let names: Vec<&Name> = west.reference.creators.iter().map(|c| &c.name).collect();
    assert_eq!(
        names,
        vec![
            &person("Smith", "John"),
            &person("Lee", "Mary Ann"),
            &whole("OpenAI")
        ]
    );
    assert_eq!(west.authors, vec!["Smith, John", "Mary Ann Lee", "OpenAI"]);
    assert_eq!(west.published.as_deref(), Some("spring 2024"));
    assert_eq!(west.reference.issued, None);
    assert_eq!(west.source.as_deref(), Some("The Journal"));
    drop(store);

    // Opening again migrates nothing twice.
    let again = Store::open(&dir).unwrap();
    assert_eq!(again.list_articles().unwrap(), list);
}

#[test]
fn a_given_reference_wins_over_the_free_text_fields() {
    let store = Store::open_in_memory().unwrap();
    let id = insert(
        &store,
        NewArticle {
            title: "标题".into(),
            text: "正文。".into(),
            authors: vec!["别人".into()],
            source: Some("别的报".into()),
            reference: Some(journal_reference()),
            ..Default::default()
        },
    );
    let a = store.article(id).unwrap();
    assert_eq!(a.reference, journal_reference());
    assert_eq!(a.authors, vec!["欧阳修", "John Smith"]);
    assert_eq!(a.source.as_deref(), Some("电影艺术"));
    assert_eq!(a.published.as_deref(), Some("2024-03"));

    // Without one, the free text becomes the reference.
    let id = insert(
        &store,
        NewArticle {
            title: "另一篇".into(),
            text: "别的正文。".into(),
            authors: vec!["上官婉儿".into()],
            published: Some("2023".into()),
            ..Default::default()
        },
    );
    let r = store.reference(id).unwrap();
    assert_eq!(r.creators[0].name, whole("上官婉儿"));
    assert_eq!(r.issued.map(|d| d.year), Some(2023));
}

#[test]
fn set_reference_is_one_undoable_step_and_the_free_text_follows() {
    let store = Store::open_in_memory().unwrap();
    let id = insert(
        &store,
        NewArticle {
            title: "标题".into(),
            text: "正文。".into(),
            authors: vec!["刘宗智".into()],
            source: Some("齐鲁晚报".into()),
            ..Default::default()
        },
    );
    let before = store.article(id).unwrap();
    let after = store.set_reference(id, journal_reference()).unwrap();
    assert_eq!(after.reference, journal_reference());
    assert_eq!(after.authors, vec!["欧阳修", "John Smith"]);
    assert_eq!(
        store.list_articles().unwrap()[0].reference,
        journal_reference()
    );

    store.undo().unwrap().expect("an entry to undo");
    let undone = store.article(id).unwrap();
    assert_eq!(undone.reference, before.reference);
    assert_eq!(
        (undone.authors, undone.source, undone.published),
        (before.authors, before.source, before.published)
    );
    store.redo().unwrap().expect("an entry to redo");
    assert_eq!(store.reference(id).unwrap(), journal_reference());

    // Bad input: a clear error, nothing changed.
    let mut bad = journal_reference();
    bad.creators.push(Creator {
        role: CreatorRole::Editor,
        name: person(" ", "Ann"),
    });
    assert!(store.set_reference(id, bad).is_err());
    let mut bad_date = journal_reference();
    bad_date.issued = Some(PartialDate {
        year: 2024,
        month: Some(13),
        day: None,
    });
    assert!(store.set_reference(id, bad_date).is_err());
    assert_eq!(store.reference(id).unwrap(), journal_reference());
}

#[test]
fn deleting_an_article_and_undoing_brings_its_reference_back() {
    let store = Store::open_in_memory().unwrap();
    let id = insert(
        &store,
        NewArticle {
            title: "标题".into(),
            text: "正文。".into(),
            reference: Some(journal_reference()),
            ..Default::default()
        },
    );
    store.delete_article(id).unwrap();
    assert!(store.article(id).is_err());
    store.undo().unwrap().expect("an entry to undo");
    assert_eq!(store.reference(id).unwrap(), journal_reference());
    // Redo deletes it again, reference and all; undo once more restores both.
    store.redo().unwrap().expect("an entry to redo");
    assert!(store.article(id).is_err());
    store.undo().unwrap();
    assert_eq!(store.reference(id).unwrap(), journal_reference());
}

#[test]
fn editing_free_text_metadata_keeps_the_reference_in_step() {
    let store = Store::open_in_memory().unwrap();
    let id = insert(
        &store,
        NewArticle {
            title: "标题".into(),
            text: "正文。".into(),
            reference: Some(journal_reference()),
            ..Default::default()
        },
    );
    let patch = pizhu_core::articles::ArticleMetaPatch {
        authors: Some(vec!["诸葛亮".into()]),
        published: Some(Some("2020-05-01".into())),
        ..Default::default()
    };
    let a = store.update_article_meta(id, &patch).unwrap();
    let roles: Vec<(CreatorRole, &Name)> = a
        .reference
        .creators
        .iter()
        .map(|c| (c.role, &c.name))
        .collect();
    assert_eq!(
        roles,
        vec![
            (CreatorRole::Author, &whole("诸葛亮")),
            (CreatorRole::Translator, &whole("司马迁"))
        ]
    );
    assert_eq!(a.reference.issued.unwrap().iso(), "2020-05-01");
    assert_eq!(a.reference.item_type, ItemType::JournalArticle);
}
