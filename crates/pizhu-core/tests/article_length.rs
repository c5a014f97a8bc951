//! The article length the library list shows is kept in a column (schema 7), not
//! counted from the text on every listing. It must follow the text through
//! everything that writes it, and a library from before schema 7 gets it filled.

use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle, Store};

const TEXT: &str = "第一段：文生视频模型带来了变革。\n第二段：影视产业需要新的思考。";

fn listed_length(store: &Store, id: i64) -> i64 {
    store
        .list_articles()
        .unwrap()
        .into_iter()
        .find(|a| a.id == id)
        .expect("the article is listed")
        .length
}

fn chars(s: &str) -> i64 {
    s.chars().count() as i64
}

fn add(store: &Store, title: &str, text: &str) -> i64 {
    let a = NewArticle {
        title: title.into(),
        text: text.into(),
        ..Default::default()
    };
    let Inserted::New(id) = store.insert_articles(None, &[a]).unwrap()[0] else {
        panic!("a new article")
    };
    id
}

#[test]
fn the_listed_length_follows_the_text_through_edits_undo_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    let id = add(&store, "长度", TEXT);
    assert_eq!(listed_length(&store, id), chars(TEXT));

    // Characters outside the BMP count once each, as everywhere else in Pizhu.
    let edited = format!("{TEXT}\n第三段：𠮷野家与😀。");
    store.edit_article_text(id, &edited).unwrap();
    assert_eq!(listed_length(&store, id), chars(&edited));

    store.undo().unwrap().expect("the edit is undone");
    assert_eq!(listed_length(&store, id), chars(TEXT));
    store.redo().unwrap().expect("the edit is redone");
    assert_eq!(listed_length(&store, id), chars(&edited));

    store.delete_article(id).unwrap();
    store.undo().unwrap().expect("the delete is undone");
    assert_eq!(listed_length(&store, id), chars(&edited));
}

#[test]
fn a_library_from_before_the_length_column_gets_every_length_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let ids = {
        let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
        let ids = [add(&store, "一", TEXT), add(&store, "二", "短文。")];
        // Take the library back to schema 6: no column, no triggers, no index.
        store
            .write(|tx| {
                tx.execute_batch(
                    "DROP TRIGGER articles_length_ins; DROP TRIGGER articles_length_upd;
                     DROP INDEX articles_for_list; ALTER TABLE articles DROP COLUMN text_length;",
                )?;
                Ok(())
            })
            .unwrap();
        store
            .conn()
            .execute_batch("PRAGMA user_version = 6")
            .unwrap();
        ids
    };
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    assert_eq!(listed_length(&store, ids[0]), chars(TEXT));
    assert_eq!(listed_length(&store, ids[1]), chars("短文。"));
    // And the triggers are back: a new article gets its length too.
    let third = add(&store, "三", "第三篇。");
    assert_eq!(listed_length(&store, third), chars("第三篇。"));
}
