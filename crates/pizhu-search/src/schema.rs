//! The index's fields, and the versions that decide when an index is rebuilt.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, INDEXED,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Index;

use crate::tokenizer::{
    NormalizedRawTokenizer, PizhuTokenizer, RAW_TOKENIZER_NAME, TOKENIZER_NAME,
};

/// Bump when the fields, or what goes into them, change.
/// 2: article memos indexed in `note`.
pub const SCHEMA_VERSION: u32 = 2;

/// One document per article (`article_doc` set) and one per highlight
/// (`highlight_id` set). Nothing is stored: texts live in SQLite.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The article a document belongs to (both kinds).
    pub article_id: Field,
    /// The article id, on article documents only (delete / filter articles).
    pub article_doc: Field,
    /// On highlight documents only.
    pub highlight_id: Field,
    pub title: Field,
    /// Article text, or a highlight's exact text.
    pub body: Field,
    /// A highlight's note, or the article's memo on an article document.
    pub note: Field,
    /// Each author name, as one normalised term.
    pub author: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let raw = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(RAW_TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::Basic),
    );
    let id_opts = NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        article_id: b.add_u64_field("article_id", id_opts.clone()),
        article_doc: b.add_u64_field("article_doc", INDEXED),
        highlight_id: b.add_u64_field("highlight_id", id_opts),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        note: b.add_text_field("note", text),
        author: b.add_text_field("author", raw),
    };
    (b.build(), fields)
}

/// Look the fields up in an opened index (its schema must be ours).
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        article_id: f("article_id")?,
        article_doc: f("article_doc")?,
        highlight_id: f("highlight_id")?,
        title: f("title")?,
        body: f("body")?,
        note: f("note")?,
        author: f("author")?,
    })
}

/// Every index Pizhu opens gets its tokenizers registered (tantivy does not
/// persist them).
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(
        TOKENIZER_NAME,
        TextAnalyzer::builder(PizhuTokenizer::default()).build(),
    );
    index.tokenizers().register(
        RAW_TOKENIZER_NAME,
        TextAnalyzer::builder(NormalizedRawTokenizer::default()).build(),
    );
}
