//! Reading a Zotero library from a Zotero-shaped database built at test time
//! from Zotero's public schema (see `fixtures/zotero/zotero-v129.sql`).

use std::path::{Path, PathBuf};

use pizhu_core::reference::{CreatorRole, ItemType, Name, PartialDate};
use pizhu_import::zotero::{read_library, read_library_with, ZoteroError};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/zotero")
}

/// A Zotero data directory: `zotero.sqlite` from the SQL, and `storage/`.
fn zotero_dir(tmp: &Path, edit: &str) -> PathBuf {
    let dir = tmp.join("Zotero");
    let page = dir.join("storage/CCCC3333");
    std::fs::create_dir_all(&page).unwrap();
    std::fs::copy(
        fixture().join("storage/CCCC3333/page.html"),
        page.join("page.html"),
    )
    .unwrap();
    let conn = rusqlite::Connection::open(dir.join("zotero.sqlite")).unwrap();
    let sql = std::fs::read_to_string(fixture().join("zotero-v129.sql")).unwrap();
    conn.execute_batch(&sql).unwrap();
    conn.execute_batch(edit).unwrap();
    dir
}

#[test]
fn items_metadata_tags_collections_attachments_and_annotations() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = zotero_dir(tmp.path(), "");
    let before = std::fs::read(dir.join("zotero.sqlite")).unwrap();
    let lib = read_library(&dir).unwrap();
    assert_eq!(lib.schema_version, 129);
    // The trashed thesis and the note are not items to import.
    let keys: Vec<&str> = lib.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["AAAA1111", "BBBB2222"]);

    let a = &lib.items[0];
    assert_eq!(a.title, "金圣叹评点《水浒传》的阅读法");
    let r = &a.reference;
    assert_eq!(r.item_type, ItemType::JournalArticle);
    assert_eq!(
        r.creators[0].name,
        Name::Whole {
            name: "欧阳修".into()
        }
    );
    assert_eq!(
        r.creators[1].name,
        Name::Person {
            family: "Smith".into(),
            given: "John".into()
        }
    );
    assert_eq!(r.creators[2].role, CreatorRole::Translator);
    assert_eq!(
        r.creators[2].name,
        Name::Institution {
            name: "中国社会科学院文学研究所".into()
        }
    );
    assert_eq!(r.container_title.as_deref(), Some("文学评论"));
    assert_eq!(
        r.issued,
        Some(PartialDate {
            year: 2020,
            month: Some(3),
            day: None
        })
    );
    assert_eq!(r.accessed.map(|d| d.day), Some(Some(2)));
    assert_eq!(r.doi.as_deref(), Some("10.1234/WXPL.2020.3"));
    assert_eq!(r.pages.as_deref(), Some("45-52"));
    assert_eq!(r.keywords, ["明清小说", "评点"]);
    assert_eq!(
        r.source_link.as_deref(),
        Some("zotero://select/library/items/AAAA1111")
    );
    assert_eq!(a.collections, [2]);
    let att = &a.attachments[0];
    assert_eq!(
        att.path.as_deref(),
        Some(dir.join("storage/CCCC3333/page.html").as_path())
    );
    assert_eq!(att.annotations.len(), 2);
    assert_eq!(att.annotations[0].text.as_deref(), Some("句句有眼"));
    assert_eq!(att.annotations[0].comment.as_deref(), Some("要紧处：读法"));
    assert_eq!(att.annotations[0].color.as_deref(), Some("#ffd400"));
    assert_eq!(att.annotations[0].page_label.as_deref(), Some("46"));

    let b = &lib.items[1].reference;
    assert_eq!(b.item_type, ItemType::Book);
    assert_eq!(
        b.creators[0].name,
        Name::Whole {
            name: "王小明".into()
        }
    );
    assert_eq!(b.publisher.as_deref(), Some("中华书局"));
    assert_eq!(b.issued.map(|d| (d.year, d.month)), Some((2015, None)));

    // Only a copy was read: Zotero's file is as it was.
    assert_eq!(std::fs::read(dir.join("zotero.sqlite")).unwrap(), before);

    // A collection takes its sub-collections along.
    let only = read_library(&dir)
        .unwrap()
        .only_collection("小说史")
        .unwrap();
    assert_eq!(only.items.len(), 1);
    assert_eq!(only.items[0].key, "AAAA1111");
    assert!(matches!(
        read_library(&dir).unwrap().only_collection("无此收藏"),
        Err(ZoteroError::NoSuchCollection(_))
    ));
}

#[test]
fn clear_errors_for_a_wrong_folder_a_newer_schema_and_a_broken_file() {
    let tmp = tempfile::tempdir().unwrap();
    let err = read_library(tmp.path()).unwrap_err();
    assert!(matches!(err, ZoteroError::NotZoteroDir(_)), "{err}");
    assert!(err.to_string().contains("not a Zotero data directory"));

    let dir = zotero_dir(
        tmp.path(),
        "UPDATE version SET version = 130 WHERE schema = 'userdata';",
    );
    let err = read_library(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            ZoteroError::NewerSchema {
                found: 130,
                known: 129
            }
        ),
        "{err}"
    );

    let junk = tmp.path().join("junk");
    std::fs::create_dir(&junk).unwrap();
    std::fs::write(
        junk.join("zotero.sqlite"),
        "not a database at all, just text",
    )
    .unwrap();
    let err = read_library(&junk).unwrap_err();
    assert!(matches!(err, ZoteroError::NotZoteroDb(_)), "{err}");
}

#[test]
fn group_libraries_are_read_with_their_link_and_linked_files_resolve_against_the_base_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let extra = std::fs::read_to_string(fixture().join("groups-and-linked.sql")).unwrap();
    let dir = zotero_dir(tmp.path(), &extra);
    let base = tmp.path().join("附件");

    let lib = read_library_with(&dir, Some(&base)).unwrap();
    // The feed's item is not a library item.
    let keys: Vec<&str> = lib.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["AAAA1111", "BBBB2222", "HHHH8888"]);
    let group = &lib.items[2];
    assert_eq!(
        group.reference.source_link.as_deref(),
        Some("zotero://select/groups/4567/items/HHHH8888")
    );
    let info = lib.library(group.library_id).unwrap();
    assert_eq!(
        (info.group_id, info.name.as_deref()),
        (Some(4567), Some("读书会"))
    );
    assert_eq!(lib.library(lib.items[0].library_id).unwrap().name, None);
    assert_eq!(group.collections, [4]);
    assert_eq!(
        lib.collections
            .iter()
            .find(|c| c.id == 4)
            .unwrap()
            .library_id,
        2
    );

    // A linked file relative to the base directory, and an absolute one.
    let book = &lib.items[1].attachments[0];
    assert_eq!(book.linked.as_deref(), Some("attachments:书/阅读史.html"));
    assert_eq!(book.path, Some(base.join("书").join("阅读史.html")));
    let missing = &group.attachments[0];
    assert_eq!(
        missing.path.as_deref(),
        Some(Path::new("/nonexistent/pizhu-test/missing.pdf"))
    );
    // A stored file is not a linked one.
    assert_eq!(lib.items[0].attachments[0].linked, None);

    // Without the base directory a relative link stays unresolved, never guessed.
    let lib = read_library(&dir).unwrap();
    let book = &lib.items[1].attachments[0];
    assert_eq!((book.path.as_ref(), book.linked.is_some()), (None, true));
}
