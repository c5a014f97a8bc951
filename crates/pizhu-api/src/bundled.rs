//! The bundled corpus: a curated edition of the seed articles, a starter code book
//! and a jieba user dictionary, compiled in from `data/` (see `build.rs`).

use pizhu_core::annotate::{NewTheme, ThemeTree};
use pizhu_core::articles::SourceFile;
use pizhu_core::Store;
use pizhu_import::ImportOptions;
use serde::Deserialize;

use crate::ApiError;

include!(concat!(env!("OUT_DIR"), "/bundled_data.rs"));

/// A theme in `data/codebook.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodebookTheme {
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub color: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub children: Vec<CodebookTheme>,
}

#[derive(Debug, Deserialize)]
pub struct Codebook {
    pub themes: Vec<CodebookTheme>,
}

pub fn codebook() -> Codebook {
    if CODEBOOK.is_empty() {
        return Codebook { themes: vec![] };
    }
    serde_json::from_str(CODEBOOK).expect("data/codebook.json is checked by a test")
}

/// Fill an empty library: the bundled articles, then the starter code book.
/// A library that has any article or theme is left alone.
pub fn seed_if_empty(store: &Store) -> Result<(), ApiError> {
    if !store.is_empty()? {
        return Ok(());
    }
    for (name, contents) in ARTICLES {
        let parsed =
            pizhu_import::import_bytes(name, contents.as_bytes(), &ImportOptions::default())
                .map_err(|e| {
                    ApiError::new(crate::ErrorCode::Internal, format!("bundled {name}: {e}"))
                })?;
        let articles: Vec<_> = parsed
            .articles
            .iter()
            .map(|a| {
                let mut new = crate::ops::library::to_new_article(a, name, &parsed.encoding);
                // The corpus' real item types (newspaper pieces, one journal piece).
                let mut reference = new.effective_reference();
                if let Some(t) = pizhu_core::reference_text::bundled_item_type(name) {
                    reference.item_type = t;
                }
                new.reference = Some(reference);
                new
            })
            .collect();
        let file = SourceFile {
            file_name: name.to_string(),
            bytes: contents.as_bytes().to_vec(),
            encoding: parsed.encoding,
            ..Default::default()
        };
        store.insert_articles(Some(&file), &articles)?;
    }
    let book = codebook();
    store.seed_codebook(ThemeTree {
        roots: &book.themes,
        children: |t: &CodebookTheme| t.children.as_slice(),
        theme: |t: &CodebookTheme| NewTheme {
            name: t.name.clone(),
            color: Some(t.color.clone()),
            description: t.description.clone(),
            keywords: t.keywords.clone(),
            ..Default::default()
        },
    })?;
    Ok(())
}
