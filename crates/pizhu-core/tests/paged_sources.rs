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
