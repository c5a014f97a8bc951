//! Whether chardetng's guess can be trusted. A guess is a statistic; for a
//! damaged file, or one in an encoding it cannot tell, it still names some
//! encoding, and decoding with it gives plausible-looking garbage.

use encoding_rs::{Encoding, BIG5, GB18030, GBK};

use crate::ImportError;

/// A statistical guess is used only when the file does not mix it with UTF-8,
/// it is a Chinese encoding, and the text it gives is made of common
/// characters. Anything else (a Western or Cyrillic code page, rare characters
/// throughout) means the bytes are damaged or in an encoding chardetng cannot
/// tell; decoding would give plausible-looking garbage, so the user is asked
/// to say which encoding it is.
pub fn check_guess(guess: &'static Encoding, bytes: &[u8]) -> Result<(), ImportError> {
    let (utf8_lines, other_lines) = count_line_encodings(bytes);
    if utf8_lines > 0 && other_lines > 0 {
        return Err(ImportError::MixedEncodings {
            utf8_lines,
            other_lines,
            guess: guess.name().to_string(),
        });
    }
    let common = match guess {
        g if g == GBK || g == GB18030 => common_share(bytes, is_common_gbk),
        g if g == BIG5 => common_share(bytes, is_common_big5),
        _ => 0.0,
    };
    if common < MIN_COMMON_SHARE {
        return Err(ImportError::UncertainEncoding {
            guess: guess.name().to_string(),
        });
    }
    Ok(())
}

/// Real Chinese text is almost all common characters (over 95% in GB2312's
/// first level or Big5's frequent block); random bytes read as GBK or Big5
/// give about a quarter.
const MIN_COMMON_SHARE: f64 = 0.6;

/// Full-width punctuation (rows A1–A3) and GB2312 level-1 hanzi (B0–D7).
fn is_common_gbk(lead: u8, trail: u8) -> bool {
    matches!(lead, 0xA1..=0xA3 | 0xB0..=0xD7) && (0xA1..=0xFE).contains(&trail)
}

/// Punctuation (A1–A3) and the frequently used hanzi (A440–C67E).
fn is_common_big5(lead: u8, trail: u8) -> bool {
    matches!(lead, 0xA1..=0xC6) && matches!(trail, 0x40..=0x7E | 0xA1..=0xFE)
}

/// The share of double-byte characters in `bytes` that `common` accepts
/// (1.0 when there are none).
fn common_share(bytes: &[u8], common: fn(u8, u8) -> bool) -> f64 {
    let (mut pairs, mut hits) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        pairs += 1;
        hits += usize::from(common(bytes[i], trail));
        i += 2;
    }
    if pairs == 0 {
        1.0
    } else {
        hits as f64 / pairs as f64
    }
}

/// Lines that are clearly UTF-8 (valid, with at least three multi-byte
/// characters, which legacy CJK bytes almost never form by chance) and lines
/// with non-ASCII bytes that are not UTF-8.
fn count_line_encodings(bytes: &[u8]) -> (usize, usize) {
    let mut utf8 = 0;
    let mut other = 0;
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(s) if s.chars().filter(|c| !c.is_ascii()).count() >= 3 => utf8 += 1,
            Ok(_) => {}
            Err(_) => other += 1,
        }
    }
    (utf8, other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_outside_the_chinese_encodings_are_refused() {
        assert!(check_guess(encoding_rs::WINDOWS_1252, b"caf\xe9").is_err());
        assert!(check_guess(encoding_rs::SHIFT_JIS, b"\x82\xa0").is_err());
        let gbk = GBK.encode("影视产业遇到了又一次巨大挑战。").0;
        assert!(check_guess(GBK, &gbk).is_ok());
        let big5 = BIG5.encode("影視產業遇到了又一次巨大挑戰。").0;
        assert!(check_guess(BIG5, &big5).is_ok());
        // Rare characters throughout: GBK's extension rows.
        assert!(check_guess(GBK, b"\x81\x40\x82\x41\x83\x42\x84\x43").is_err());
    }
}
