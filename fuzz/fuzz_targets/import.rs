//! Encoding detection, decoding, the cleaner and the TXT/Markdown/HTML/DOCX
//! readers on arbitrary bytes: the first byte picks the format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pizhu_import::{import_bytes, ImportOptions};

const NAMES: [&str; 4] = ["a.txt", "a.md", "a.html", "a.docx"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let _ = import_bytes(NAMES[pick as usize % NAMES.len()], bytes, &ImportOptions::default());
});
