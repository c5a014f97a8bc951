//! Offsets around characters outside the BMP (𠮷, emoji), combining marks and
//! zero-width characters: adding, refusing, converting from UTF-16, and
//! re-anchoring after an edit that inserts more of them before the highlight.

use pizhu_core::annotate::{HighlightFilter, NewHighlight};
use pizhu_core::articles::Inserted;
use pizhu_core::{text, CoreError, LibraryDir, NewArticle, Store};

/// 𠮷 (U+20BB7) and 😀 are two UTF-16 units, e + U+0301 is two code points shown as
/// one, 👩‍💻 is three code points joined by a zero-width joiner, U+200B is invisible.
const TEXT: &str = "𠮷野家的😀套餐e\u{301}很好。\n程序员👩\u{200d}💻说\u{200b}：喜欢𠮷野家。";

fn setup() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    let a = NewArticle {
        title: "统一码".into(),
        text: TEXT.into(),
        ..Default::default()
    };
    let Inserted::New(id) = store.insert_articles(None, &[a]).unwrap()[0] else {
        panic!()
    };
    (dir, store, id)
}

fn cp(hay: &str, needle: &str) -> (usize, usize) {
    let b = hay.find(needle).unwrap();
    let s = hay[..b].chars().count();
    (s, s + needle.chars().count())
}

#[test]
fn code_point_ranges_around_astral_combining_and_zwj_characters() {
    let (_dir, store, article) = setup();
    for needle in [
        "𠮷",
        "😀套餐",
        "e\u{301}",
        "👩\u{200d}💻",
        "说\u{200b}：",
        "𠮷野家。",
    ] {
        let (s, e) = cp(TEXT, needle);
        let h = store
            .add_highlight(&NewHighlight {
                article_id: article,
                start: s,
                end: e,
                exact: Some(needle.into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(h.exact, needle);
        assert_eq!((h.start as usize, h.end as usize), (s, e));
        assert_eq!(text::cp_slice(TEXT, s, e), Some(needle));
        // The prefix and suffix are whole characters from the text around it.
        assert!(
            TEXT.contains(&format!("{}{}{}", h.prefix, h.exact, h.suffix)),
            "{needle}"
        );
    }
}

#[test]
fn utf16_offsets_convert_and_surrogate_halves_are_refused() {
    let (_dir, store, article) = setup();
    let needle = "👩\u{200d}💻";
    let (s, e) = cp(TEXT, needle);
    let (s16, e16) = (
        text::cp_to_utf16(TEXT, s).unwrap(),
        text::cp_to_utf16(TEXT, e).unwrap(),
    );
    assert_eq!(e16 - s16, 5, "two surrogate pairs and the joiner");
    let h = store
        .add_highlight(&NewHighlight {
            article_id: article,
            start: s16,
            end: e16,
            from_utf16: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (h.start as usize, h.end as usize, h.exact.as_str()),
        (s, e, needle)
    );
    let err = store
        .add_highlight(&NewHighlight {
            article_id: article,
            start: 1,
            end: 4,
            from_utf16: true,
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Invalid(m) if m.contains("surrogate")),
        "{err}"
    );
    // A mismatching exact (the caller counted UTF-16 units as code points) is refused.
    let err = store
        .add_highlight(&NewHighlight {
            article_id: article,
            start: s16,
            end: e16,
            exact: Some(needle.into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Invalid(m) if m.contains("not")),
        "{err}"
    );
}

#[test]
fn highlights_re_anchor_past_inserted_astral_characters() {
    let (_dir, store, article) = setup();
    let mut ids = Vec::new();
    for needle in ["😀套餐e\u{301}", "👩\u{200d}💻说", "喜欢𠮷野家"] {
        let (s, e) = cp(TEXT, needle);
        ids.push(
            store
                .add_highlight(&NewHighlight {
                    article_id: article,
                    start: s,
                    end: e,
                    ..Default::default()
                })
                .unwrap()
                .id,
        );
    }
    // More astral characters before each, and a ZWSP inside the first paragraph.
    let edited = format!(
        "🎬🎬{}",
        TEXT.replace("的😀", "的\u{200b}😀")
            .replace("程序员", "𠀀程序员")
    );
    let out = store.edit_article_text(article, &edited).unwrap();
    assert!(out.orphans.is_empty(), "{:?}", out.orphans);
    let now = store
        .list_highlights(&HighlightFilter {
            article_id: Some(article),
            ..Default::default()
        })
        .unwrap();
    for (h, needle) in now
        .iter()
        .zip(["😀套餐e\u{301}", "👩\u{200d}💻说", "喜欢𠮷野家"])
    {
        assert_eq!(h.exact, needle);
        assert_eq!(
            (h.start as usize, h.end as usize),
            cp(&edited, needle),
            "{needle}"
        );
    }
}
