//! Every export writer on a snapshot built from the input (fields split at 0xFF).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pizhu_export::model::{ExportArticle, ExportHighlight, ExportTheme};
use pizhu_export::{ExportModel, ExportOptions, Format};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF).map(|p| String::from_utf8_lossy(p).into_owned());
    let mut next = || parts.next().unwrap_or_default();
    let (title, text, theme, note) = (next(), next(), next(), next());
    let n = pizhu_core::text::cp_len(&text);
    let end = n.min(3);
    let model = ExportModel {
        exported_at: "2026-01-01T00:00:00Z".into(),
        articles: vec![ExportArticle { id: 1, title, text: text.clone(), content_hash: "h".into(), ..Default::default() }],
        themes: vec![ExportTheme { id: 1, name: theme, color: "#ccc".into(), ..Default::default() }],
        highlights: vec![ExportHighlight {
            id: 1,
            article_id: 1,
            start: 0,
            end,
            exact: pizhu_core::text::cp_slice(&text, 0, end).unwrap_or("").into(),
            note,
            theme_ids: vec![1],
            ..Default::default()
        }],
    };
    for format in Format::ALL {
        let _ = pizhu_export::export(&model, &ExportOptions::default(), format);
    }
});
