//! Offsets. Pizhu stores positions as Unicode scalar (code point) offsets into an
//! article's canonical text. Rust slices by UTF-8 bytes and the DOM counts UTF-16
//! units; these helpers are the only place the three meet.

/// Number of code points in `s`.
pub fn cp_len(s: &str) -> usize {
    s.chars().count()
}

/// Byte offset of code point `cp` in `s` (`s.len()` for `cp == cp_len(s)`), or
/// `None` past the end.
pub fn cp_to_byte(s: &str, cp: usize) -> Option<usize> {
    if cp == 0 {
        return Some(0);
    }
    let mut count = 0;
    for (byte, _) in s.char_indices() {
        if count == cp {
            return Some(byte);
        }
        count += 1;
    }
    (count == cp).then_some(s.len())
}

/// Code-point offset of byte offset `byte` (which must fall on a char boundary).
pub fn byte_to_cp(s: &str, byte: usize) -> Option<usize> {
    if byte > s.len() || !s.is_char_boundary(byte) {
        return None;
    }
    Some(s[..byte].chars().count())
}

/// The substring between code points `start` and `end`, or `None` when out of range.
pub fn cp_slice(s: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let b0 = cp_to_byte(s, start)?;
    let b1 = cp_to_byte(s, end)?;
    Some(&s[b0..b1])
}

/// Code-point offset of UTF-16 offset `u16` in `s`. An offset that falls between
/// the two halves of a surrogate pair is refused (the DOM never produces one for
/// a real selection).
pub fn utf16_to_cp(s: &str, u16: usize) -> Option<usize> {
    let mut units = 0;
    for (cp, ch) in s.chars().enumerate() {
        if units == u16 {
            return Some(cp);
        }
        units += ch.len_utf16();
        if units > u16 {
            return None;
        }
    }
    (units == u16).then(|| s.chars().count())
}

/// UTF-16 offset of code point `cp` in `s`.
pub fn cp_to_utf16(s: &str, cp: usize) -> Option<usize> {
    let mut units = 0;
    let mut count = 0;
    for ch in s.chars() {
        if count == cp {
            return Some(units);
        }
        units += ch.len_utf16();
        count += 1;
    }
    (count == cp).then_some(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_characters_count_once_in_code_points_twice_in_utf16() {
        let s = "吉𠮷野家😀e\u{301}\u{200b}x"; // 𠮷 and 😀 are outside the BMP; é is e + combining mark
        assert_eq!(cp_len(s), 9);
        assert_eq!(cp_slice(s, 1, 2), Some("𠮷"));
        assert_eq!(cp_to_utf16(s, 2), Some(3));
        assert_eq!(utf16_to_cp(s, 3), Some(2));
        assert_eq!(utf16_to_cp(s, 2), None, "inside a surrogate pair");
        assert_eq!(cp_slice(s, 4, 5), Some("😀"));
        assert_eq!(cp_slice(s, 5, 7), Some("e\u{301}"));
        assert_eq!(cp_to_byte(s, 9), Some(s.len()));
        assert_eq!(cp_to_byte(s, 10), None);
        for cp in 0..=cp_len(s) {
            let u = cp_to_utf16(s, cp).unwrap();
            assert_eq!(utf16_to_cp(s, u), Some(cp));
            let b = cp_to_byte(s, cp).unwrap();
            assert_eq!(byte_to_cp(s, b), Some(cp));
        }
    }

    #[test]
    fn reversed_or_out_of_range_slices_are_refused() {
        assert_eq!(cp_slice("abc", 2, 1), None);
        assert_eq!(cp_slice("abc", 0, 4), None);
        assert_eq!(cp_slice("abc", 3, 3), Some(""));
    }
}
