//! The index folder as a versioned cache: `pizhu-index.json` records how it
//! was built (schema, tokenizer, dictionary), and an index opens only if this
//! build would build it the same way and its files read back.

use std::path::Path;
use std::sync::atomic::AtomicI64;

use serde::{Deserialize, Serialize};
use tantivy::{Index, ReloadPolicy};

use super::{Live, Result};
use crate::schema::{self, SCHEMA_VERSION};
use crate::tokenizer::TOKENIZER_VERSION;

pub(super) const META_FILE: &str = "pizhu-index.json";

/// What `pizhu-index.json` records about how an index was built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexMeta {
    pub schema_version: u32,
    pub tokenizer_version: u32,
    /// [`Segmenter::dictionary_fingerprint`] of the library's words.
    pub dictionary: String,
}

impl IndexMeta {
    pub(super) fn current(dictionary: &str) -> IndexMeta {
        IndexMeta {
            schema_version: SCHEMA_VERSION,
            tokenizer_version: TOKENIZER_VERSION,
            dictionary: dictionary.to_string(),
        }
    }
}

fn read_meta(dir: &Path) -> Option<IndexMeta> {
    serde_json::from_slice(&std::fs::read(dir.join(META_FILE)).ok()?).ok()
}

pub(super) fn open_live(index: Index, dictionary: String) -> Result<Live> {
    schema::register_tokenizers(&index);
    let fields = schema::fields_of(&index.schema())?;
    let last_seq = index
        .load_metas()?
        .payload
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Live {
        index,
        reader,
        fields,
        last_seq: AtomicI64::new(last_seq),
        dictionary,
    })
}

/// Open the index in `dir` if it was built the way this build would build it.
pub(super) fn open_existing(dir: &Path, dictionary: &str) -> Result<Live, String> {
    let meta = read_meta(dir).ok_or("missing")?;
    if meta.schema_version != SCHEMA_VERSION || meta.tokenizer_version != TOKENIZER_VERSION {
        return Err("schema or tokenizer changed".into());
    }
    if meta.dictionary != dictionary {
        return Err("dictionary changed".into());
    }
    let index = Index::open_in_dir(dir).map_err(|e| format!("unreadable: {e}"))?;
    let live = open_live(index, dictionary.to_string()).map_err(|e| format!("unreadable: {e}"))?;
    // Touch every segment's postings once so a damaged file is found now, not mid-search.
    let searcher = live.reader.searcher();
    for seg in searcher.segment_readers() {
        seg.inverted_index(live.fields.body)
            .map_err(|e| format!("unreadable: {e}"))?;
        seg.fast_fields()
            .u64("article_id")
            .map_err(|e| format!("unreadable: {e}"))?;
    }
    Ok(live)
}
