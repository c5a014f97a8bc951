//! Paged sources (schema 3): an article's pages are stored with it, a
//! highlight knows the page labels it sits on, and a PDF original is kept as
//! a file in the library folder by checksum rather than as a BLOB.

use pizhu_core::annotate::highlights::NewHighlight;
use pizhu_core::articles::{Inserted, SourceFile};
use pizhu_core::{LibraryDir, NewArticle, Page, Store};

fn page(n: u32, label: &str, start: usize) -> Page {
    Page {
        n,
        label: label.into(),
        start,
    }
}

fn paged_article() -> NewArticle {
    NewArticle {
        title: "影视产业新视角".into(),
        // Page 45 holds "第一页正文。", page 46 the rest.
        text: "第一页正文。\n第二页正文，跨页的段落。".into(),
        format: Some("pdf".into()),
        pages: vec![page(1, "45", 0), page(2, "46", 7)],
        ..Default::default()
    }
}

#[test]
fn pages_and_format_are_stored_and_highlights_know_their_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(tmp.path())).unwrap();
    let pdf = b"%PDF-1.7 pretend this is a large PDF".to_vec();
    let file = SourceFile {
        file_name: "论文_作者.pdf".into(),
        bytes: pdf.clone(),
        encoding: "binary".into(),
        in_folder: true,
    };
    let Inserted::New(id) = store
        .insert_articles(Some(&file), &[paged_article()])
        .unwrap()[0]
    else {
        panic!("new article expected")
    };
    let a = store.article(id).unwrap();
    assert_eq!(a.format.as_deref(), Some("pdf"));
    assert_eq!(a.pages, paged_article().pages);

    // The original is a file named by its checksum, and reads back whole.
    let rel = store
        .original_path(id)
        .unwrap()
        .expect("kept in the folder");
    assert!(
        rel.starts_with("originals/") && rel.ends_with(".pdf"),
        "{rel}"
    );
    assert_eq!(std::fs::read(tmp.path().join(&rel)).unwrap(), pdf);
    assert_eq!(store.source_file(id).unwrap().unwrap().bytes, pdf);

    let on = |start, end| {
        store
            .add_highlight(&NewHighlight {
                article_id: id,
                start,
                end,
                ..Default::default()
            })
            .unwrap()
    };
    let h = on(0, 5);
    assert_eq!(
        (h.page_start.as_deref(), h.page_end.as_deref()),
        (Some("45"), Some("45"))
    );
    // Across the page break.
    let h = on(3, 10);
    assert_eq!(
        (h.page_start.as_deref(), h.page_end.as_deref()),
        (Some("45"), Some("46"))
    );
    let listed = store.list_highlights(&Default::default()).unwrap();
    assert_eq!(listed[1].page_end.as_deref(), Some("46"));
}

#[test]
fn unpaged_articles_have_no_pages_and_keep_their_blob() {
    let store = Store::open_in_memory().unwrap();
    let file = SourceFile {
        file_name: "a.txt".into(),
        bytes: "正文。".as_bytes().to_vec(),
        encoding: "UTF-8".into(),
        in_folder: false,
    };
    let a = NewArticle {
        title: "t".into(),
        text: "正文。".into(),
        ..Default::default()
    };
    let Inserted::New(id) = store.insert_articles(Some(&file), &[a]).unwrap()[0] else {
        panic!()
    };
    assert!(store.article(id).unwrap().pages.is_empty());
    assert_eq!(store.original_path(id).unwrap(), None);
    assert_eq!(
        store.source_file(id).unwrap().unwrap().bytes,
        "正文。".as_bytes()
    );
    let h = store
        .add_highlight(&NewHighlight {
            article_id: id,
            start: 0,
            end: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(h.page_start, None);
}

#[test]
fn pages_outside_the_text_are_refused_and_nothing_is_stored() {
    let store = Store::open_in_memory().unwrap();
    let mut a = paged_article();
    a.pages.push(page(3, "47", 999));
    assert!(store.insert_articles(None, &[a]).is_err());
    assert_eq!(store.article_count().unwrap(), 0);
}

#[test]
fn reimport_replaces_text_headings_and_pages_re_anchors_and_undoes_in_one_step() {
    let store = Store::open_in_memory().unwrap();
    let Inserted::New(id) = store.insert_articles(None, &[paged_article()]).unwrap()[0] else {
        panic!()
    };
    let add = |start, end| {
        store
            .add_highlight(&NewHighlight {
                article_id: id,
                start,
                end,
                ..Default::default()
            })
            .unwrap()
    };
    // "跨页的段落" survives the reimport; "第一页" is gone from the new text.
    let kept = add(13, 18);
    let lost = add(0, 3);
    assert_eq!(kept.exact, "跨页的段落");

    // A better extraction: a new first paragraph, the old first one gone,
    // a heading added, and the page break in a new place.
    let new_text = "标题\n前言一段。\n第二页正文，跨页的段落。";
    let new_pages = vec![page(1, "45", 0), page(2, "46", 3), page(3, "47", 9)];
    let out = store
        .reimport_article(id, new_text, &[0], &new_pages)
        .unwrap();
    assert_eq!(out.orphans.len(), 1);
    assert_eq!(out.orphans[0].id, lost.id);
    let after = store.article(id).unwrap();
    assert_eq!(after.text, new_text);
    assert_eq!(after.headings, vec![0]);
    assert_eq!(after.pages, new_pages);
    let moved = store
        .list_highlights(&Default::default())
        .unwrap()
        .into_iter()
        .find(|h| h.id == kept.id)
        .unwrap();
    let chars: Vec<char> = new_text.chars().collect();
    assert_eq!(
        chars[moved.start as usize..moved.end as usize]
            .iter()
            .collect::<String>(),
        "跨页的段落"
    );
    assert_eq!(moved.page_start.as_deref(), Some("47"));

    // One undo brings the old text, headings and pages back.
    let undone = store.undo().unwrap().expect("an undo step");
    assert!(undone.to_string().contains("re-import"), "{undone}");
    let back = store.article(id).unwrap();
    assert_eq!(back.text, paged_article().text);
    assert!(back.headings.is_empty());
    assert_eq!(back.pages, paged_article().pages);
    assert!(store.list_orphans(Some(id)).unwrap().is_empty());
    store.redo().unwrap();
    assert_eq!(store.article(id).unwrap().pages, new_pages);

    // Pages that do not fit the new text are refused; nothing changes.
    let bad = vec![page(1, "45", 0), page(2, "46", 999)];
    assert!(store.reimport_article(id, "短。", &[], &bad).is_err());
    assert_eq!(store.article(id).unwrap().text, new_text);
}

/// Originals are named by checksum and never deleted, so every backup of the
/// library (a copy of its database in `backups/`) finds them: a restored
/// library opens the original of an article deleted after the backup.
#[test]
fn a_restored_backup_opens_its_originals() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(tmp.path())).unwrap();
    let pdf = b"%PDF-1.7 the original of a paged article".to_vec();
    let file = SourceFile {
        file_name: "paper.pdf".into(),
        bytes: pdf.clone(),
        encoding: "binary".into(),
        in_folder: true,
    };
    let Inserted::New(id) = store
        .insert_articles(Some(&file), &[paged_article()])
        .unwrap()[0]
    else {
        panic!()
    };
    let backup = store.backup_now().unwrap();
    store.delete_article(id).unwrap();
    assert!(store.source_file(id).is_err() || store.source_file(id).unwrap().is_none());
    store.restore_backup(&backup.name).unwrap();
    let back = Store::open(&LibraryDir::new(tmp.path())).unwrap();
    assert_eq!(back.source_file(id).unwrap().unwrap().bytes, pdf);
    assert_eq!(back.article(id).unwrap().pages, paged_article().pages);
}
