//! Note Markdown → sanitised HTML: no panic, and no script element or event
//! handler survives.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let md = String::from_utf8_lossy(data);
    let html = pizhu_export::html::markdown_to_safe_html(&md).to_ascii_lowercase();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
});
