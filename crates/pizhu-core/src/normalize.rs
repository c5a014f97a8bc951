//! The normalisation applied to text at index time and to queries alike.
//!
//! It is a char-by-char mapping: every code point becomes exactly one code point,
//! so a code-point offset into the normalised text is the same offset into the
//! original — which is what lets search results point into the article text.
//!
//! - full-width ASCII forms (`ＳＯＲＡ`, `１２３`, `：`) and the ideographic space
//!   become their half-width forms;
//! - letters are lower-cased (where the lower case is a single code point);
//! - traditional characters become simplified ones, using OpenCC's `t2s` tables
//!   (the ferrous-opencc crate) one character at a time. Phrase-level
//!   rules are deliberately not used: they can change the length of the text and
//!   would convert a word differently depending on its neighbours, so the same
//!   word could normalise differently in a query and in an article.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::locks::lock;

/// CJK Unified Ideographs Extension A through the basic block (U+3400..=U+9FFF).
const HAN_START: u32 = 0x3400;
const HAN_END: u32 = 0x9FFF;

/// Per-character cache of the traditional→simplified mapping for the BMP Han
/// range; 0 means "not looked up yet". Filled lazily so start-up costs nothing.
static HAN_CACHE: [AtomicU32; (HAN_END - HAN_START + 1) as usize] =
    [const { AtomicU32::new(0) }; (HAN_END - HAN_START + 1) as usize];

/// The rest (compatibility ideographs, supplementary planes): rare, so a locked map.
fn other_cache() -> &'static Mutex<HashMap<char, char>> {
    static CACHE: OnceLock<Mutex<HashMap<char, char>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// OpenCC's traditional → simplified converter, built once from the tables
/// compiled into the crate (they cannot be missing at run time).
fn opencc() -> &'static ferrous_opencc::OpenCC {
    static CONVERTER: OnceLock<ferrous_opencc::OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
            .expect("OpenCC's embedded t2s tables load")
    })
}

/// What OpenCC makes of this one character on its own, if that is one character.
fn convert_with_opencc(c: char) -> char {
    let mut buf = [0u8; 4];
    let converted = opencc().convert(c.encode_utf8(&mut buf));
    let mut chars = converted.chars();
    match (chars.next(), chars.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Traditional → simplified for one character (identity for everything else).
pub fn to_simplified(c: char) -> char {
    let code = c as u32;
    if (HAN_START..=HAN_END).contains(&code) {
        let slot = &HAN_CACHE[(code - HAN_START) as usize];
        let cached = slot.load(Ordering::Relaxed);
        if cached != 0 {
            return char::from_u32(cached).unwrap_or(c);
        }
        let mapped = convert_with_opencc(c);
        slot.store(mapped as u32, Ordering::Relaxed);
        return mapped;
    }
    if !is_ideograph(c) {
        return c;
    }
    let mut cache = lock(other_cache());
    *cache.entry(c).or_insert_with(|| convert_with_opencc(c))
}

/// The normalised form of one character.
#[inline]
pub fn normalize_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = c as u32;
    // Full-width ASCII variants U+FF01..U+FF5E sit 0xFEE0 above their ASCII forms.
    if (0xFF01..=0xFF5E).contains(&code) {
        return char::from_u32(code - 0xFEE0)
            .map(|a| a.to_ascii_lowercase())
            .unwrap_or(c);
    }
    if code == 0x3000 {
        return ' ';
    }
    if c.is_uppercase() {
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            return l;
        }
        return c;
    }
    to_simplified(c)
}

/// The other characters of the Basic Multilingual Plane that normalise to `c`
/// (影 → none, 视 → 視, a → A ａ Ａ): lets a caller find a normalised character in
/// raw text with plain character searches. The inverse table is built once, on
/// first use (one pass over the BMP).
pub fn other_forms(c: char) -> &'static [char] {
    static INVERSE: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    let inverse = INVERSE.get_or_init(|| {
        let mut map: HashMap<char, Vec<char>> = HashMap::new();
        for ch in (0..=0xFFFFu32).filter_map(char::from_u32) {
            let n = normalize_char(ch);
            if n != ch {
                map.entry(n).or_default().push(ch);
            }
        }
        map
    });
    inverse.get(&c).map_or(&[], Vec::as_slice)
}

/// Normalise `text`. The result has exactly as many code points as `text`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Normalise `text` into `out` (cleared first), reusing its allocation.
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    out.extend(text.chars().map(normalize_char));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_letters_digits_and_punctuation_become_half_width_lower_case() {
        assert_eq!(normalize("ＳＯＲＡ"), "sora");
        assert_eq!(normalize("Ｓｏｒａ２０２４：ＡＩ"), "sora2024:ai");
        assert_eq!(normalize("GPT　Ｏ"), "gpt o");
    }

    #[test]
    fn traditional_characters_become_simplified_one_for_one() {
        assert_eq!(normalize("影視"), "影视");
        assert_eq!(normalize("電腦與網絡"), "电脑与网络");
        assert_eq!(normalize("門檻"), "门槛");
        // Already simplified text is untouched.
        assert_eq!(normalize("人机共生的门槛"), "人机共生的门槛");
    }

    #[test]
    fn other_forms_are_the_characters_that_normalise_to_one() {
        assert!(other_forms('视').contains(&'視'));
        assert!(other_forms('视').iter().all(|&c| normalize_char(c) == '视'));
        assert!(other_forms('影').is_empty());
        let mut a = other_forms('a').to_vec();
        a.sort();
        assert_eq!(a, vec!['A', 'Ａ', 'ａ']);
    }

    #[test]
    fn normalisation_keeps_the_code_point_count_so_offsets_stay_aligned() {
        let samples = [
            "ＳＯＲＡ發佈了「文生視頻」模型，門檻很高。",
            "İstanbul ß ẞ ǅ 𠀀𪚥 乾隆皇帝著書",
            "混合 Text 與 ＦＵＬＬ　ＷＩＤＴＨ",
        ];
        for s in samples {
            let n = normalize(s);
            assert_eq!(n.chars().count(), s.chars().count(), "{s}");
        }
    }
}
