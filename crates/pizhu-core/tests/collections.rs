//! Article collections (schema 6): a nested tree of named collections, an article
//! in several; every change undoable (with the library reopened in between);
//! deleting articles, alone or several at once, keeps their memberships for undo;
//! backups carry them.

use pizhu_core::articles::Inserted;
use pizhu_core::collections::{Collection, CollectionRef};
use pizhu_core::{CoreError, LibraryDir, NewArticle, Store};

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&LibraryDir::new(dir.path())).unwrap()
}

fn article(store: &Store, n: usize) -> i64 {
    let a = NewArticle {
        title: format!("文章{n}"),
        text: format!("第{n}篇的正文。"),
        ..Default::default()
    };
    match store.insert_articles(None, &[a]).unwrap()[0] {
        Inserted::New(id) => id,
        Inserted::Duplicate(_) => panic!("duplicate"),
    }
}

fn name(s: &str) -> CollectionRef {
    CollectionRef::Name(s.to_string())
}

/// The tree and memberships as comparable text.
fn state(store: &Store) -> String {
    let cols: Vec<String> = store
        .list_collections()
        .unwrap()
        .iter()
        .map(|c: &Collection| format!("{}:{}<{:?}>={}", c.id, c.name, c.parent_id, c.article_count))
        .collect();
    let members: Vec<String> = store
        .list_articles()
        .unwrap()
        .iter()
        .map(|a| format!("{}{:?}", a.id, a.collections))
        .collect();
    format!("{cols:?} {members:?}")
}

#[test]
fn collections_nest_hold_articles_in_several_and_every_change_undoes_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let (a, b, c) = (article(&store, 1), article(&store, 2), article(&store, 3));
    let empty = state(&store);

    let sora = store.add_collection("Sora", None).unwrap();
    let press = store.add_collection("报道", Some(&name("Sora"))).unwrap();
    assert_eq!(press.parent_id, Some(sora.id));
    // The same name may recur under another parent, but not beside itself.
    store.add_collection("报道", None).unwrap();
    let clash = store
        .add_collection("报道", Some(&name("Sora")))
        .unwrap_err();
    assert!(matches!(clash, CoreError::Conflict(_)), "{clash:?}");
    // A recurring name must be given by its path.
    let ambiguous = store.collection(&name("报道")).unwrap_err();
    assert!(ambiguous.to_string().contains("Sora/报道"), "{ambiguous}");
    assert_eq!(store.collection(&name("Sora/报道")).unwrap().id, press.id);

    assert_eq!(store.add_to_collection(&name("Sora"), &[a, b]).unwrap(), 2);
    assert_eq!(store.add_to_collection(&name("Sora"), &[b]).unwrap(), 0);
    assert_eq!(
        store
            .add_to_collection(&name("Sora/报道"), &[b, c])
            .unwrap(),
        2
    );
    let missing = store
        .add_to_collection(&name("Sora"), &[a, 999])
        .unwrap_err();
    assert!(matches!(missing, CoreError::NotFound(_)), "{missing:?}");
    assert_eq!(
        store.collection_articles(&name("Sora"), false).unwrap(),
        vec![a, b],
        "a refused batch adds nothing"
    );
    assert_eq!(
        store.collection_articles(&name("Sora"), true).unwrap(),
        vec![a, b, c]
    );
    let list = store.list_articles().unwrap();
    assert_eq!(list[1].collections, vec![sora.id, press.id]);

    store.rename_collection(&name("Sora"), "Sora 视频").unwrap();
    // A collection cannot go inside its own branch.
    let cycle = store
        .move_collection(&name("Sora 视频"), Some(&CollectionRef::Id(press.id)))
        .unwrap_err();
    assert!(matches!(cycle, CoreError::Invalid(_)), "{cycle:?}");
    store
        .remove_from_collection(&name("Sora 视频"), &[a])
        .unwrap();
    let full = state(&store);

    let out = store.delete_collection(&name("Sora 视频")).unwrap();
    assert_eq!((out.collections, out.memberships), (2, 3));
    assert_eq!(store.list_articles().unwrap().len(), 3, "articles stay");
    drop(store);

    // Undo after a restart brings the branch and its memberships back.
    let store = open(&dir);
    assert!(store.undo().unwrap().is_some());
    assert_eq!(state(&store), full);
    store.redo().unwrap();
    store.undo().unwrap();
    assert_eq!(state(&store), full);
    // Undo the rest: remove, rename, two adds (adding what is there already
    // and a refused batch leave no entry), three creates.
    for _ in 0..7 {
        store.undo().unwrap().expect("an entry to undo");
    }
    assert_eq!(state(&store), empty);
    assert!(store.undo().unwrap().is_none());
}

#[test]
fn deleting_articles_one_or_many_is_one_step_and_undo_puts_them_back_in_their_collections() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let ids: Vec<i64> = (1..=4).map(|n| article(&store, n)).collect();
    store.add_collection("样例", None).unwrap();
    store.add_collection("保留", None).unwrap();
    store.add_to_collection(&name("样例"), &ids[..3]).unwrap();
    store.add_to_collection(&name("保留"), &ids[1..]).unwrap();
    let before = state(&store);

    store.delete_article(ids[0]).unwrap();
    store.undo().unwrap();
    assert_eq!(
        state(&store),
        before,
        "a single delete keeps memberships for undo"
    );

    assert_eq!(store.delete_articles(&ids[..3]).unwrap(), 3);
    assert_eq!(store.list_articles().unwrap().len(), 1);
    assert_eq!(store.collection(&name("样例")).unwrap().article_count, 0);
    let entry = &store.undo_history(1).unwrap()[0];
    assert_eq!(entry.label, "delete 3 articles");
    drop(store);
    let store = open(&dir);
    store.undo().unwrap();
    assert_eq!(state(&store), before, "one undo brings all three back");

    // A bad id refuses the whole batch.
    let err = store.delete_articles(&[ids[3], 999]).unwrap_err();
    assert!(matches!(err, CoreError::NotFound(_)), "{err:?}");
    assert_eq!(state(&store), before);
}

#[test]
fn a_backup_and_its_restore_carry_the_collections() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let a = article(&store, 1);
    store.add_collection("备份", None).unwrap();
    store.add_to_collection(&name("备份"), &[a]).unwrap();
    let kept = state(&store);
    let info = store.backup_now().unwrap();
    store.delete_collection(&name("备份")).unwrap();
    assert_ne!(state(&store), kept);
    store.restore_backup(&info.name).unwrap();
    assert_eq!(state(&store), kept);
}
