//! Encodings: fixtures built in the test with encoding_rs; detection, the
//! override, and the invalid-byte policy.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_8};
use pizhu_import::{import_bytes, ImportError, ImportOptions, ImportedFile};

const TITLE: &str = "影视产业新视角";
const BODY: &str = "二月十六日，一家公司发布了首个文生视频模型，此消息一出瞬间占领科技产业研究领域头条，受到了科技、媒体和影视等多领域专业人士的关注。\n不少人发出感叹：影视产业遇到了来自生成式人工智能技术的又一次巨大挑战，而人类离元宇宙的世界也又更近了一步。";
const TRAD_TITLE: &str = "影視產業新視角";
const TRAD_BODY: &str = "二月十六日，一家公司發布了首個文生視頻模型，此消息一出瞬間佔領科技產業研究領域頭條，受到了科技、媒體和影視等多領域專業人士的關注。\n不少人發出感嘆：影視產業遇到了來自生成式人工智慧技術的又一次巨大挑戰，而人類離元宇宙的世界也又更近了一步。";

fn file_text(title: &str, body: &str) -> String {
    format!("{title}\n\n{}\n", body.replace('\n', "\n\n"))
}

fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(
        !unmappable,
        "fixture text not representable in {}",
        enc.name()
    );
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let b = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

fn import(bytes: &[u8], encoding: Option<&str>) -> Result<ImportedFile, ImportError> {
    import_bytes(
        "article.txt",
        bytes,
        &ImportOptions {
            encoding: encoding.map(str::to_string),
        },
    )
}

fn assert_article(f: &ImportedFile, title: &str, body: &str) {
    assert_eq!(f.articles.len(), 1);
    assert_eq!(f.articles[0].title, title);
    assert_eq!(f.articles[0].text, body);
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
}

#[test]
fn utf8_with_and_without_bom() {
    let text = file_text(TITLE, BODY);
    let plain = import(text.as_bytes(), None).unwrap();
    assert_eq!(plain.encoding, "UTF-8");
    assert_article(&plain, TITLE, BODY);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let with_bom = import(&bom, None).unwrap();
    assert_eq!(with_bom.encoding, "UTF-8");
    assert_article(&with_bom, TITLE, BODY);
}

#[test]
fn utf16_le_and_be_with_bom() {
    let text = file_text(TITLE, BODY);
    let le = import(&utf16(&text, false), None).unwrap();
    assert_eq!(le.encoding, "UTF-16LE");
    assert_article(&le, TITLE, BODY);
    let be = import(&utf16(&text, true), None).unwrap();
    assert_eq!(be.encoding, "UTF-16BE");
    assert_article(&be, TITLE, BODY);
}

#[test]
fn gbk_is_detected() {
    let f = import(&encode(GBK, &file_text(TITLE, BODY)), None).unwrap();
    assert_eq!(f.encoding, "GBK");
    assert_article(&f, TITLE, BODY);
}

#[test]
fn gb18030_characters_outside_gbk_survive() {
    let body = format!("{BODY}\n吉祥的𠮷字不在GBK里，只有GB18030的四字节编码能表示它。");
    let bytes = encode(GB18030, &file_text(TITLE, &body));
    let f = import(&bytes, None).unwrap();
    assert_eq!(f.encoding, "gb18030");
    assert_article(&f, TITLE, &body);
    assert!(f.articles[0].text.contains('𠮷'));
}

#[test]
fn big5_traditional_text_is_detected() {
    let f = import(&encode(BIG5, &file_text(TRAD_TITLE, TRAD_BODY)), None).unwrap();
    assert_eq!(f.encoding, "Big5");
    assert_article(&f, TRAD_TITLE, TRAD_BODY);
    assert!(f.articles[0].text.contains("影視產業"));
}

#[test]
fn encoding_override_wins_over_detection() {
    let gbk_bytes = encode(GBK, &file_text(TITLE, BODY));
    let f = import(&gbk_bytes, Some("gb18030")).unwrap();
    assert_eq!(f.encoding, "gb18030");
    assert_article(&f, TITLE, BODY);
    // Forcing the wrong encoding is refused, not turned into garbage.
    match import(&gbk_bytes, Some("utf-8")) {
        Err(ImportError::Undecodable { encoding, detail }) => {
            assert_eq!(encoding, "UTF-8");
            assert!(detail.contains("invalid"), "{detail}");
        }
        other => panic!("expected Undecodable, got {other:?}"),
    }
    assert!(matches!(
        import(&gbk_bytes, Some("no-such-encoding")),
        Err(ImportError::UnknownEncoding(_))
    ));
    // A label encoding_rs knows but detection would not pick.
    let big5 = encode(BIG5, &file_text(TRAD_TITLE, TRAD_BODY));
    assert_eq!(import(&big5, Some("big5-hkscs")).unwrap().encoding, "Big5");
}

#[test]
fn a_few_invalid_bytes_become_a_counted_warning() {
    let mut bytes = file_text(TITLE, BODY).into_bytes();
    // Two stray bytes that are never valid UTF-8.
    let at = bytes.len() - 10;
    bytes.splice(at..at, [0xFF, 0xFE]);
    let f = import(&bytes, None).unwrap();
    assert_eq!(f.encoding, UTF_8.name());
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    assert!(
        f.warnings[0]
            .to_string()
            .starts_with("2 invalid bytes replaced with U+FFFD"),
        "{}",
        f.warnings[0]
    );
    assert_eq!(f.articles[0].text.matches('\u{FFFD}').count(), 2);
}

#[test]
fn utf16_without_bom_needs_the_override() {
    let text = file_text(TITLE, BODY);
    let mut bytes = utf16(&text, false);
    bytes.drain(..2);
    // Without a byte-order mark the NUL bytes of ASCII characters look binary…
    assert!(matches!(import(&bytes, None), Err(ImportError::Binary)));
    // …and the override reads it.
    let f = import(&bytes, Some("utf-16le")).unwrap();
    assert_eq!(f.encoding, "UTF-16LE");
    assert_article(&f, TITLE, BODY);
}

/// Regression (issue 14): bytes chardetng can only place in a Western or
/// Cyrillic code page were imported as garbage. They are refused with a
/// pointer to `--encoding`, and the override still reads them.
#[test]
fn a_western_or_cyrillic_guess_is_refused_until_the_user_chooses() {
    let cases: [(&'static Encoding, &str); 2] = [
        (
            encoding_rs::WINDOWS_1252,
            "Ce café était très animé\n\nÀ côté, l'hôtel où nous étions logés a fermé.\n",
        ),
        (
            encoding_rs::KOI8_R,
            "Новости кино\n\nВ прошлом месяце компания представила новую модель видео.\n",
        ),
    ];
    for (enc, text) in cases {
        let bytes = encode(enc, text);
        match import(&bytes, None) {
            Err(e @ ImportError::UncertainEncoding { .. }) => {
                assert_eq!(e.code(), "uncertain_encoding");
                assert!(e.to_string().contains("--encoding"), "{e}");
            }
            other => panic!("{}: expected UncertainEncoding, got {other:?}", enc.name()),
        }
        let f = import(&bytes, Some(enc.name())).unwrap();
        assert_eq!(f.articles[0].title, text.lines().next().unwrap());
    }
}

/// Regression (issue 14): random non-UTF-8 bytes (damaged files) became
/// articles of mojibake. Of 500 random files of 40–400 high bytes, none may
/// import; of 2,000 files of three random bytes, none may import as text
/// holding a replacement character (the "article titled �").
#[test]
fn random_damaged_bytes_never_become_an_article_of_garbage() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut imported = 0;
    for _ in 0..500 {
        let len = 40 + (next() % 360) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| 0x80 | (next() as u8)).collect();
        if import(&bytes, None).is_ok() {
            imported += 1;
        }
    }
    assert_eq!(imported, 0, "random high bytes imported as text");
    for _ in 0..2000 {
        let bytes: Vec<u8> = (0..3).map(|_| next() as u8).collect();
        if let Ok(f) = import(&bytes, None) {
            let a = &f.articles[0];
            assert!(
                !a.title.contains('\u{FFFD}') && !a.text.contains('\u{FFFD}'),
                "{bytes:x?} imported as {:?}",
                a.title
            );
        }
    }
}

/// Regression (issue 14): a GBK file with a pasted UTF-8 paragraph was
/// decoded as one encoding, garbling the other part.
#[test]
fn a_file_mixing_gbk_and_utf8_is_refused() {
    let mut bytes = encode(GBK, &file_text(TITLE, BODY));
    bytes.extend_from_slice("这一段是从网页上复制来的，用的是 UTF-8 编码。\n".as_bytes());
    bytes.extend(encode(GBK, "最后一段又是 GBK 编码的文字。\n"));
    match import(&bytes, None) {
        Err(e @ ImportError::MixedEncodings { .. }) => {
            assert_eq!(e.code(), "mixed_encodings");
            let msg = e.to_string();
            assert!(msg.contains("1 lines are UTF-8"), "{msg}");
        }
        other => panic!("expected MixedEncodings, got {other:?}"),
    }
}

#[test]
fn a_short_file_that_is_mostly_bad_bytes_is_refused() {
    // Valid UTF-8 apart from one byte, but a third of it is that byte.
    let bytes = b"ab\xff".to_vec();
    assert!(matches!(
        import(&bytes, None),
        Err(ImportError::Undecodable { .. }) | Err(ImportError::UncertainEncoding { .. })
    ));
}
