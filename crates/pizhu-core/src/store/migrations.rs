//! Versioned schema migrations, tracked in `PRAGMA user_version`.
//!
//! Append a new entry to [`MIGRATIONS`] for every change; never edit one that has
//! shipped. Each runs in its own transaction with the version bump.

use rusqlite::Connection;

use crate::{CoreError, Result};

/// (version, what it does, SQL). Versions are consecutive from 1.
pub const MIGRATIONS: &[(u32, &str, &str)] = &[
    (1, "initial schema", V1),
    (2, "an article memo edit reaches the change feed", V2),
    (
        3,
        "paged sources: article format, pages, originals kept in the library folder",
        V3,
    ),
    (
        4,
        "references: every article's item type, creators and bibliographic fields",
        V4,
    ),
    (
        5,
        "daily review: cards from highlights with FSRS state, and every grade kept",
        V5,
    ),
    (
        6,
        "article collections: a tree of named collections and their articles",
        V6,
    ),
    (
        7,
        "each article's length kept beside it, so listing the library reads no text",
        V7,
    ),
];

/// A migration's step in Rust, run after its SQL in the same transaction (for
/// data the SQL cannot convert, such as free-text names).
fn rust_step(version: u32) -> Option<fn(&Connection) -> Result<()>> {
    match version {
        4 => Some(crate::references::migrate_free_text),
        _ => None,
    }
}

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

pub fn current_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The refusal of a library whose schema is newer than this build's: it is not
/// migrated backwards and not written to, so the newer Pizhu can still open it.
pub(crate) fn newer_library(found: u32) -> CoreError {
    CoreError::Clash(crate::error::Clash::NewerSchema {
        found,
        known: latest_version(),
    })
}

/// Refuse a newer library before anything touches the file. SQLite keeps
/// `user_version` in the database header (4 bytes, big-endian, at offset 60), so
/// reading it needs no connection — opening one could already write (the journal
/// mode is set on open). A file that is not a readable SQLite header is left to
/// the start-up check, which knows what to do with damage.
pub(crate) fn refuse_newer_file(db: &std::path::Path) -> Result<()> {
    use std::io::Read;
    let mut header = [0u8; 64];
    let Ok(mut file) = std::fs::File::open(db) else {
        return Ok(());
    };
    if file.read_exact(&mut header).is_err() || !header.starts_with(b"SQLite format 3\0") {
        return Ok(());
    }
    let found = u32::from_be_bytes([header[60], header[61], header[62], header[63]]);
    if found > latest_version() {
        return Err(newer_library(found));
    }
    Ok(())
}

/// Bring the schema up to date. A database from a newer Pizhu is refused rather
/// than written to.
pub fn migrate(conn: &Connection) -> Result<()> {
    let current = current_version(conn).map_err(|e| match e {
        CoreError::Db(db) => CoreError::from_sqlite(db),
        other => other,
    })?;
    if current > latest_version() {
        return Err(newer_library(current));
    }
    for (version, _what, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        let run = || -> Result<()> {
            conn.execute_batch(&format!("BEGIN IMMEDIATE;\n{sql}"))
                .map_err(CoreError::from_sqlite)?;
            if let Some(step) = rust_step(*version) {
                step(conn)?;
            }
            conn.execute_batch(&format!("PRAGMA user_version = {version};\nCOMMIT;"))
                .map_err(CoreError::from_sqlite)
        };
        if let Err(e) = run() {
            if !conn.is_autocommit() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            return Err(e);
        }
    }
    Ok(())
}

const V1: &str = r#"
-- Original files as imported, kept so an article can be re-imported with another encoding.
CREATE TABLE source_files (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL,
  bytes       BLOB NOT NULL,
  sha256      TEXT NOT NULL,
  encoding    TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  title          TEXT NOT NULL,
  title_supplied INTEGER NOT NULL DEFAULT 0,      -- 1: headline supplied by an editor, not in the source
  authors        TEXT NOT NULL DEFAULT '[]',      -- JSON array of names
  source         TEXT,                            -- newspaper / site the text names
  published      TEXT,                            -- ISO date (or partial) where known
  original_file  TEXT,
  encoding       TEXT,
  source_file_id INTEGER REFERENCES source_files(id) ON DELETE SET NULL,
  imported_at    TEXT NOT NULL,
  modified_at    TEXT NOT NULL,
  content_hash   TEXT NOT NULL UNIQUE,            -- sha256 of the canonical text at import
  text           TEXT NOT NULL,                   -- canonical text; paragraphs separated by '\n'
  headings       TEXT NOT NULL DEFAULT '[]',      -- JSON array of paragraph indices that are headings
  corrections    TEXT NOT NULL DEFAULT '[]',      -- JSON array of editorial corrections made on import
  memo           TEXT NOT NULL DEFAULT '',        -- the reader's note on the whole article (Markdown)
  reading_position REAL NOT NULL DEFAULT 0        -- 0..1 fraction, or a code-point offset (UI decides)
);

-- The code book.
CREATE TABLE themes (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  color       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  keywords    TEXT NOT NULL DEFAULT '[]',         -- JSON array
  parent_id   INTEGER REFERENCES themes(id) ON DELETE SET NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  memo        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  modified_at TEXT NOT NULL
);

CREATE TABLE highlights (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start       INTEGER NOT NULL,                   -- code-point offsets into articles.text
  end         INTEGER NOT NULL,
  exact       TEXT NOT NULL,                      -- W3C TextQuoteSelector
  prefix      TEXT NOT NULL DEFAULT '',
  suffix      TEXT NOT NULL DEFAULT '',
  color       TEXT NOT NULL DEFAULT 'yellow',
  note        TEXT NOT NULL DEFAULT '',           -- Markdown
  orphan      INTEGER NOT NULL DEFAULT 0,         -- 1: could not be re-anchored after an edit
  created_at  TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE INDEX highlights_by_article ON highlights(article_id, start);

CREATE TABLE highlight_themes (
  highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
  theme_id     INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
  PRIMARY KEY (highlight_id, theme_id)
) WITHOUT ROWID;
CREATE INDEX highlight_themes_by_theme ON highlight_themes(theme_id, highlight_id);

-- Undo/redo: one row per user-level operation; `changes` is a JSON list of row
-- images (table, key, before, after) that undo applies backwards and redo forwards.
CREATE TABLE oplog (
  id         INTEGER PRIMARY KEY,
  label      TEXT NOT NULL,
  changes    TEXT NOT NULL,
  undone     INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- Suggested passages the user dismissed for a theme (analysis).
CREATE TABLE dismissed_suggestions (
  theme_id   INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  PRIMARY KEY (theme_id, article_id, start, end)
) WITHOUT ROWID;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Change feed for derived caches (the search index): triggers append the kind and
-- id of every changed row, so any process's writes reach the index.
CREATE TABLE changes (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,          -- 'article' | 'highlight' | 'theme'
  ref  INTEGER NOT NULL
);
CREATE TRIGGER articles_ins AFTER INSERT ON articles BEGIN INSERT INTO changes(kind, ref) VALUES ('article', NEW.id); END;
CREATE TRIGGER articles_upd AFTER UPDATE OF title, authors, source, published, text ON articles BEGIN INSERT INTO changes(kind, ref) VALUES ('article', NEW.id); END;
CREATE TRIGGER articles_del AFTER DELETE ON articles BEGIN INSERT INTO changes(kind, ref) VALUES ('article', OLD.id); END;
CREATE TRIGGER highlights_ins AFTER INSERT ON highlights BEGIN INSERT INTO changes(kind, ref) VALUES ('highlight', NEW.id); END;
CREATE TRIGGER highlights_upd AFTER UPDATE ON highlights BEGIN INSERT INTO changes(kind, ref) VALUES ('highlight', NEW.id); END;
CREATE TRIGGER highlights_del AFTER DELETE ON highlights BEGIN INSERT INTO changes(kind, ref) VALUES ('highlight', OLD.id); END;
CREATE TRIGGER highlight_themes_ins AFTER INSERT ON highlight_themes BEGIN INSERT INTO changes(kind, ref) VALUES ('highlight', NEW.highlight_id); END;
CREATE TRIGGER highlight_themes_del AFTER DELETE ON highlight_themes BEGIN INSERT INTO changes(kind, ref) VALUES ('highlight', OLD.highlight_id); END;
CREATE TRIGGER themes_ins AFTER INSERT ON themes BEGIN INSERT INTO changes(kind, ref) VALUES ('theme', NEW.id); END;
CREATE TRIGGER themes_upd AFTER UPDATE OF name, keywords ON themes BEGIN INSERT INTO changes(kind, ref) VALUES ('theme', NEW.id); END;
CREATE TRIGGER themes_del AFTER DELETE ON themes BEGIN INSERT INTO changes(kind, ref) VALUES ('theme', OLD.id); END;
"#;

/// The search index holds article memos now, so a memo edit is a change too.
const V2: &str = r#"
DROP TRIGGER articles_upd;
CREATE TRIGGER articles_upd AFTER UPDATE OF title, authors, source, published, text, memo ON articles BEGIN INSERT INTO changes(kind, ref) VALUES ('article', NEW.id); END;
"#;

/// Paged sources (PDF): where each page begins, the article's format, and
/// originals too large for a BLOB kept as files in the library folder.
const V3: &str = r#"
ALTER TABLE articles ADD COLUMN format TEXT;          -- 'pdf', 'txt', 'md', 'html', 'docx'; NULL before schema 3
ALTER TABLE source_files ADD COLUMN stored_path TEXT; -- 'originals/<sha256>.<ext>' when the bytes live in the library folder (bytes then empty)
CREATE TABLE article_pages (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  n          INTEGER NOT NULL,                        -- physical page, from 1
  label      TEXT NOT NULL,                           -- the printed page label, else n
  start      INTEGER NOT NULL,                        -- code-point offset into articles.text where page n begins
  PRIMARY KEY (article_id, n)
) WITHOUT ROWID;
"#;

/// Each article's bibliographic record (see `crate::references`); the rows are
/// filled from the free-text metadata by the Rust step.
const V4: &str = r#"
CREATE TABLE article_refs (
  article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  item_type   TEXT NOT NULL,                        -- 'journalArticle', 'newspaperArticle', … ('other')
  year        INTEGER,                              -- year of the issued date, for sorting and filtering
  author_sort TEXT NOT NULL DEFAULT '',             -- first author, family name first, lower-cased
  data        TEXT NOT NULL                         -- the whole Reference as JSON
);
CREATE INDEX article_refs_by_type ON article_refs(item_type);
CREATE INDEX article_refs_by_year ON article_refs(year);
CREATE INDEX article_refs_by_author ON article_refs(author_sort);
"#;

/// The daily review (see `crate::review`): a card per highlight (or several),
/// its FSRS memory state, and a log of every grade. Both live in the library so
/// backups carry them. Text is never copied: a card reads its highlight.
// AUTOINCREMENT: a deleted collection's id is never reused, so undoing its
// deletion can always bring it back under the same id.
const V6: &str = r#"
CREATE TABLE collections (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL,
  parent_id   INTEGER REFERENCES collections(id),
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE INDEX collections_by_parent ON collections(parent_id);

CREATE TABLE article_collections (
  article_id    INTEGER NOT NULL REFERENCES articles(id),
  collection_id INTEGER NOT NULL REFERENCES collections(id),
  added_at      TEXT NOT NULL,
  PRIMARY KEY (article_id, collection_id)
);
CREATE INDEX article_collections_by_collection ON article_collections(collection_id, article_id);
"#;

const V5: &str = r#"
CREATE TABLE review_cards (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so undo can bring a card back under its id
  highlight_id   INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('passage', 'cloze')),
  cloze          TEXT NOT NULL DEFAULT '[]',          -- JSON [[start, end], ...]: code points within the highlight's passage
  question       TEXT NOT NULL DEFAULT '',            -- the user's own front for a passage card
  suspended      INTEGER NOT NULL DEFAULT 0,          -- set by the user; an orphaned highlight suspends its cards without this
  state          INTEGER NOT NULL DEFAULT 0,          -- FSRS: 0 new, 1 learning, 2 review, 3 relearning
  stability      REAL NOT NULL DEFAULT 0,
  difficulty     REAL NOT NULL DEFAULT 0,
  elapsed_days   INTEGER NOT NULL DEFAULT 0,
  scheduled_days INTEGER NOT NULL DEFAULT 0,
  reps           INTEGER NOT NULL DEFAULT 0,
  lapses         INTEGER NOT NULL DEFAULT 0,
  last_review    TEXT,                                -- RFC 3339, NULL before the first grade
  due            TEXT NOT NULL,                       -- RFC 3339 UTC
  created_at     TEXT NOT NULL
);
CREATE INDEX review_cards_by_highlight ON review_cards(highlight_id);
CREATE INDEX review_cards_by_due ON review_cards(due);

CREATE TABLE review_log (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  card_id        INTEGER NOT NULL REFERENCES review_cards(id) ON DELETE CASCADE,
  grade          INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),  -- again, hard, good, easy
  state          INTEGER NOT NULL,                    -- the card's FSRS state before this grade
  elapsed_days   INTEGER NOT NULL,                    -- days since the previous grade
  scheduled_days INTEGER NOT NULL,                    -- the interval this grade gave
  stability      REAL NOT NULL,                       -- after this grade
  difficulty     REAL NOT NULL,
  reviewed_at    TEXT NOT NULL                        -- RFC 3339 UTC
);
CREATE INDEX review_log_by_card ON review_log(card_id);
CREATE INDEX review_log_by_time ON review_log(reviewed_at);
"#;

/// Listing the library must not read the articles' texts. `length(text)` reads
/// and counts every character (over a second for 11,000 journal papers), and
/// any column stored after the text in a row (memo, reading position, format)
/// sits on the text's overflow pages, so reading it walks them all. The length
/// is kept in a column, set by triggers whatever writes the text (import, edit,
/// undo), and an index holds every column the list shows, so listing reads the
/// index alone.
const V7: &str = r#"
ALTER TABLE articles ADD COLUMN text_length INTEGER NOT NULL DEFAULT 0;  -- code points of text
UPDATE articles SET text_length = length(text);
CREATE TRIGGER articles_length_ins AFTER INSERT ON articles BEGIN UPDATE articles SET text_length = length(NEW.text) WHERE id = NEW.id; END;
CREATE TRIGGER articles_length_upd AFTER UPDATE OF text ON articles BEGIN UPDATE articles SET text_length = length(NEW.text) WHERE id = NEW.id; END;
CREATE INDEX articles_for_list ON articles(id, title, title_supplied, authors, source, published, original_file, encoding, imported_at, text_length, reading_position);
"#;
