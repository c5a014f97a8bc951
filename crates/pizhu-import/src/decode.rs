//! Bytes → text: BOM sniffing, automatic detection (chardetng), explicit
//! override, and the "never silent garbage" policy for invalid bytes.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::{ImportError, ImportWarning};

mod guess;
use guess::check_guess;

/// Text decoded from a file, with the encoding actually used.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name (`UTF-8`, `GBK`, `gb18030`, `Big5`, `UTF-16LE`, …).
    pub encoding: String,
    pub warnings: Vec<ImportWarning>,
}

/// More replaced characters than this fraction (or this absolute count on
/// short files) means the guess or the file is wrong: refuse rather than import
/// a page of `�`.
const MAX_INVALID_FRACTION: f64 = 0.01;
const MAX_INVALID_ABSOLUTE: usize = 8;
/// Whatever the file's size, replaced characters may not be more than this
/// share of its visible characters.
const MAX_INVALID_SHARE_OF_TEXT: f64 = 0.05;

/// Decode `bytes`. `label` (from [`crate::ImportOptions::encoding`]) overrides
/// detection; `hint` is an encoding declared inside the file (HTML `<meta charset>`),
/// used when there is no BOM and no override.
pub fn decode(
    bytes: &[u8],
    label: Option<&str>,
    hint: Option<&'static Encoding>,
) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let forced = match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) => Some(
            Encoding::for_label(l.as_bytes())
                .ok_or_else(|| ImportError::UnknownEncoding(l.to_string()))?,
        ),
        None => None,
    };
    // `guessed`: the encoding comes from statistics, not from the user, a BOM,
    // the file's own declaration or a clean UTF-8 check.
    let (encoding, body, guessed) = match forced {
        Some(enc) => (enc, strip_bom_for(enc, bytes), false),
        None => match Encoding::for_bom(bytes) {
            Some((enc, bom_len)) => (enc, &bytes[bom_len..], false),
            None => match hint {
                Some(enc) => (enc, bytes, false),
                None => {
                    let (enc, guessed) = detect(bytes);
                    (enc, bytes, guessed)
                }
            },
        },
    };
    // UTF-16 legitimately contains NUL bytes; every other encoding we accept
    // is ASCII-compatible, so NULs and C0 controls there mean "binary".
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if !utf16 && looks_binary(body) {
        return Err(ImportError::Binary);
    }
    if guessed {
        check_guess(encoding, body)?;
    }
    // GBK is a subset of GB18030: decoding with GB18030 keeps characters such
    // as 𠮷 that only the four-byte form can carry.
    let decoder_encoding = if encoding == GBK { GB18030 } else { encoding };
    let (text, _had_errors) = decoder_encoding.decode_without_bom_handling(body);
    let text = text.into_owned();
    if utf16 && text_looks_binary(&text) {
        return Err(ImportError::Binary);
    }
    let invalid = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let total = text.chars().count().max(1);
    let visible = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let mut warnings = Vec::new();
    if invalid > 0 {
        let many =
            invalid > MAX_INVALID_ABSOLUTE && invalid as f64 / total as f64 > MAX_INVALID_FRACTION;
        // A short file with a few bad bytes is mostly bad bytes (a 3-byte
        // file must not become an article titled "�").
        let mostly = invalid as f64 / visible as f64 > MAX_INVALID_SHARE_OF_TEXT;
        if many || mostly {
            return Err(ImportError::Undecodable {
                encoding: encoding.name().to_string(),
                detail: format!(
                    "{invalid} of {total} characters are invalid; choose the right encoding with --encoding (gbk, big5, utf-16le, …)"
                ),
            });
        }
        warnings.push(ImportWarning::InvalidBytes {
            count: invalid,
            encoding: encoding.name().to_string(),
        });
    }
    let encoding_name = reported_name(encoding, &text).to_string();
    let text = normalize_line_breaks(text);
    let text = match crate::clean::controls::strip_controls(&text) {
        (std::borrow::Cow::Owned(clean), n) => {
            warnings.push(controls_warning(n));
            clean
        }
        _ => text,
    };
    Ok(Decoded {
        encoding: encoding_name,
        text,
        warnings,
    })
}

/// The warning for `n` removed control characters.
pub fn controls_warning(n: usize) -> ImportWarning {
    ImportWarning::ControlsRemoved { count: n }
}

/// One kind of line break: CRLF, lone CR (old Mac), form feed (the page break
/// of text extracted from PDF) and the Unicode line/paragraph separators all
/// become `\n`. Line breaks are layout, not content.
fn normalize_line_breaks(text: String) -> String {
    if !text.contains(['\r', '\u{0C}', '\u{2028}', '\u{2029}']) {
        return text;
    }
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{0C}', '\u{2028}', '\u{2029}'], "\n")
}

/// The name to report: a GBK guess that needed GB18030's four-byte forms is
/// reported as GB18030, so the user sees what was really used.
fn reported_name(encoding: &'static Encoding, text: &str) -> &'static str {
    if encoding == GBK {
        let (_, _, unmappable) = GBK.encode(text);
        if unmappable {
            return GB18030.name();
        }
    }
    encoding.name()
}

fn strip_bom_for<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc || (enc == UTF_8 && bom_enc == UTF_8) => {
            &bytes[len..]
        }
        _ => bytes,
    }
}

/// Guess the encoding of BOM-less bytes: strict UTF-8 first (cheap and certain),
/// then chardetng. The flag says whether the answer is a statistical guess.
fn detect(bytes: &[u8]) -> (&'static Encoding, bool) {
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, false);
    }
    // UTF-8 with a few damaged bytes is still UTF-8 (the replacement policy
    // then applies); a legacy CJK file is never "mostly valid" UTF-8.
    if mostly_valid_utf8(bytes) {
        return (UTF_8, false);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, Utf8Detection::Allow), true)
}

fn mostly_valid_utf8(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let good_multibyte = text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    // Valid multi-byte sequences must dominate: by chance a legacy file yields few.
    good_multibyte >= 20 * bad.max(1)
}

/// Control bytes that never occur in text files (NUL and most of C0; tab, LF,
/// CR, form feed and ESC are allowed).
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| is_binary_control(b)).count();
    controls * 100 > sample.len() || controls > 32
}

fn text_looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if (c as u32) < 0x80 && is_binary_control(c as u8) {
            controls += 1;
        }
    }
    controls > 0 && (controls * 100 > total || controls > 32 || text.contains('\0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_guess_keeps_four_byte_gb18030_characters() {
        let text = "吉祥的𠮷字在中文里并不常见，但它确实存在于很多人的名字里。这段文字用来测试编码检测是否可靠。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn line_breaks_are_unified() {
        let d = decode(
            "标题\r\n正文一。\r正文二。\u{0C}正文三。".as_bytes(),
            None,
            None,
        )
        .unwrap();
        assert_eq!(d.text, "标题\n正文一。\n正文二。\n正文三。");
    }

    #[test]
    fn unknown_label_is_an_error() {
        assert!(matches!(
            decode(b"abc", Some("klingon"), None),
            Err(ImportError::UnknownEncoding(_))
        ));
    }

    #[test]
    fn png_header_is_binary() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(matches!(decode(png, None, None), Err(ImportError::Binary)));
    }
}
