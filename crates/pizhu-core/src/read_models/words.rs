//! The library's own words: every theme's name and keywords. jieba gets them
//! (search and analysis alike) so 人机共生 stays one word.

use rusqlite::Connection;

use crate::{Result, Store};

/// Theme names and keywords, in no particular order (the search index
/// fingerprints them sorted).
pub(crate) fn library_words_in(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name, keywords FROM themes")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut words = Vec::new();
    for row in rows {
        let (name, keywords) = row?;
        words.push(name);
        words.extend(serde_json::from_str::<Vec<String>>(&keywords).unwrap_or_default());
    }
    Ok(words)
}

impl Store {
    /// Every theme's name and keywords: the words jieba must keep whole.
    pub fn library_words(&self) -> Result<Vec<String>> {
        self.read(library_words_in)
    }
}
