//! The bundled corpus (`data/articles/*.md`, curated Markdown with front
//! matter) imports as-is: front-matter metadata, no cleaning.

use pizhu_import::{import_bytes, ImportOptions};

#[test]
fn bundled_markdown_files_import_with_their_front_matter() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/articles");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let f = import_bytes(&name, &bytes, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(f.articles.len(), 1, "{name}");
        let a = &f.articles[0];
        let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap();
        let raw_title = title_line["title:".len()..].trim().trim_matches('"');
        assert_eq!(a.title, raw_title, "{name}");
        assert!(
            !a.text.contains("title_supplied"),
            "{name}: front matter leaked into the body"
        );
        assert!(
            !a.text.lines().any(|l| l.starts_with('#')),
            "{name}: heading markers left"
        );
        assert!(!a.corrections.is_empty(), "{name}: corrections not read");
        let lines = a.text.lines().count();
        assert!(a.headings.iter().all(|&h| h < lines));
    }
}
