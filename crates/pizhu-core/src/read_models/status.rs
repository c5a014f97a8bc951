//! How big the library is: what the settings screen shows, and whether a new
//! library is still empty (and so gets the bundled corpus).

use crate::store::migrations;
use crate::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryCounts {
    pub schema_version: u32,
    pub articles: i64,
    pub highlights: i64,
    pub themes: i64,
}

impl Store {
    /// The schema version and how many articles, highlights and themes there are.
    pub fn library_counts(&self) -> Result<LibraryCounts> {
        self.read(|c| {
            let count = |table: &str| -> Result<i64> {
                Ok(c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
            };
            Ok(LibraryCounts {
                schema_version: migrations::current_version(c)?,
                articles: count("articles")?,
                highlights: count("highlights")?,
                themes: count("themes")?,
            })
        })
    }

    /// No article and no theme yet (a new library).
    pub fn is_empty(&self) -> Result<bool> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM themes)",
                [],
                |r| r.get::<_, i64>(0),
            )? == 0)
        })
    }
}
