//! Code point ↔ UTF-8 ↔ UTF-16 offsets: every boundary round-trips, nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pizhu_core::text;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let n = text::cp_len(&s);
    for cp in 0..=n {
        let b = text::cp_to_byte(&s, cp).expect("in range");
        assert_eq!(text::byte_to_cp(&s, b), Some(cp));
        let u = text::cp_to_utf16(&s, cp).expect("in range");
        assert_eq!(text::utf16_to_cp(&s, u), Some(cp));
    }
    for u in 0..data.len().min(64) {
        if let Some(cp) = text::utf16_to_cp(&s, u) {
            assert_eq!(text::cp_to_utf16(&s, cp), Some(u));
        }
        let _ = text::cp_slice(&s, u, data.len() % (n + 2));
    }
});
