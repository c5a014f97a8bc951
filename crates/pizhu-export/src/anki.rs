//! The daily review's cards as an Anki package (`.apkg`).
//!
//! A package is a zip of `collection.anki2` (an Anki collection: a SQLite file,
//! here in the legacy schema 11 that every Anki importer reads) and `media` (a
//! JSON map of media files; none here). It holds two note types — a cloze type
//! and a basic type — and one note per Pizhu card (one Anki card each: every
//! blank of a cloze card is `c1`), in one deck. Each note carries the source and
//! a `pizhu://` link to the passage in a field, and the highlight's themes as
//! tags (spaces become `_`, a sub-theme is `parent::child`). Cards arrive new:
//! Anki schedules them from scratch.
//!
//! This is the one module outside pizhu-core that uses rusqlite: the collection
//! is a foreign file this module creates and zips, never the Pizhu library.

use std::collections::HashMap;
use std::io::Write;

use pizhu_core::review::{CardKind, ReviewCard};
use rusqlite::{params, Connection};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::model::{deep_link, ExportModel};
use crate::select::Selection;
use crate::ExportError;

/// Fixed ids (Anki ids are millisecond timestamps), so a re-import updates
/// rather than duplicates the note types and the deck.
const CLOZE_TYPE_ID: i64 = 1_717_000_000_001;
const BASIC_TYPE_ID: i64 = 1_717_000_000_002;
const DECK_ID: i64 = 1_717_000_000_003;
pub const DECK_NAME: &str = "Pizhu 批注";

const SCHEMA11: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// Anki's field separator.
const SEP: char = '\u{1f}';

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\n', "<br>")
}

/// Text inside a cloze must not close it early.
fn cloze_safe(s: &str) -> String {
    esc(s).replace("}}", "}&#8203;}").replace("::", ":&#8203;:")
}

/// A theme's tag: its path from the top, `::`-separated, without spaces.
fn tag_of(model: &ExportModel, theme_id: i64) -> String {
    let mut parts = Vec::new();
    let mut at = model.theme(theme_id);
    let mut hops = 0;
    while let Some(t) = at {
        parts.push(t.name.split_whitespace().collect::<Vec<_>>().join("_"));
        at = t.parent_id.and_then(|p| model.theme(p));
        hops += 1;
        if hops > 64 {
            break; // a cycle would be a corrupt code book; stop rather than loop
        }
    }
    parts.reverse();
    parts.join("::")
}

/// The fields of one note: (note type, fields in order, sort field).
fn fields(sel: &Selection, card: &ReviewCard) -> (i64, Vec<String>) {
    let h = sel
        .model
        .highlights
        .iter()
        .find(|h| h.id == card.highlight_id);
    let link = h
        .map(|h| deep_link(h.article_id, h.start, h.end))
        .unwrap_or_else(|| format!("pizhu://article/{}", card.article_id));
    let source = format!(
        "《{}》 <a href=\"{}\">Pizhu</a>",
        esc(&card.article_title),
        esc(&link)
    );
    // "Include notes" off: the note field stays empty, as in the other formats.
    let note = if sel.options.include_notes {
        esc(card.note.trim())
    } else {
        String::new()
    };
    // The passage in its sentence.
    let (before, after) = (&card.context_before, &card.context_after);
    match card.kind {
        CardKind::Cloze => {
            let chars: Vec<char> = card.passage.chars().collect();
            let mut text = cloze_safe(before);
            let mut at = 0usize;
            for [s, e] in &card.cloze {
                let (s, e) = (
                    (*s as usize).min(chars.len()),
                    (*e as usize).min(chars.len()),
                );
                if s < at || s >= e {
                    continue;
                }
                text += &cloze_safe(&chars[at..s].iter().collect::<String>());
                text += &format!(
                    "{{{{c1::{}}}}}",
                    cloze_safe(&chars[s..e].iter().collect::<String>())
                );
                at = e;
            }
            text += &cloze_safe(&chars[at..].iter().collect::<String>());
            text += &cloze_safe(after);
            (CLOZE_TYPE_ID, vec![text, note, source])
        }
        CardKind::Passage => {
            let back = format!("{}<b>{}</b>{}", esc(before), esc(&card.passage), esc(after));
            (BASIC_TYPE_ID, vec![esc(&card.front), back, note, source])
        }
    }
}

fn note_types(now: i64) -> serde_json::Value {
    let field = |name: &str, ord: usize| json!({"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": []});
    let css = ".card { font-family: \"Noto Serif CJK SC\", serif; font-size: 22px; text-align: left; color: black; background-color: white; }\n.cloze { font-weight: bold; color: #1f4e99; }";
    let common = |id: i64,
                  name: &str,
                  kind: i64,
                  flds: Vec<serde_json::Value>,
                  tmpl: serde_json::Value| {
        json!({
            "id": id, "name": name, "type": kind, "mod": now, "usn": -1, "sortf": 0, "did": DECK_ID,
            "tmpls": [tmpl], "flds": flds, "css": css,
            "latexPre": "\\documentclass[12pt]{article}\n\\begin{document}\n", "latexPost": "\\end{document}",
            "latexsvg": false, "req": [[0, "any", [0]]], "tags": [], "vers": []
        })
    };
    let cloze = common(
        CLOZE_TYPE_ID,
        "Pizhu 填空 Cloze",
        1,
        vec![field("Text", 0), field("Back Extra", 1), field("Source", 2)],
        json!({"name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}",
               "afmt": "{{cloze:Text}}<br>{{Back Extra}}<hr>{{Source}}",
               "bqfmt": "", "bafmt": "", "did": null, "bfont": "", "bsize": 0}),
    );
    let basic = common(
        BASIC_TYPE_ID,
        "Pizhu 段落 Basic",
        0,
        vec![
            field("Front", 0),
            field("Back", 1),
            field("Note", 2),
            field("Source", 3),
        ],
        json!({"name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
               "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<br>{{Note}}<hr>{{Source}}",
               "bqfmt": "", "bafmt": "", "did": null, "bfont": "", "bsize": 0}),
    );
    json!({ CLOZE_TYPE_ID.to_string(): cloze, BASIC_TYPE_ID.to_string(): basic })
}

fn decks(now: i64) -> serde_json::Value {
    let deck = |id: i64, name: &str| {
        json!({"id": id, "name": name, "mod": now, "usn": -1, "lrnToday": [0, 0], "revToday": [0, 0],
               "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false, "browserCollapsed": false,
               "desc": "", "dyn": 0, "conf": 1, "extendNew": 0, "extendRev": 0})
    };
    json!({"1": deck(1, "Default"), DECK_ID.to_string(): deck(DECK_ID, DECK_NAME)})
}

fn deck_config(now: i64) -> serde_json::Value {
    json!({"1": {
        "id": 1, "name": "Default", "mod": now, "usn": -1, "maxTaken": 60, "autoplay": true,
        "timer": 0, "replayq": true, "dyn": false,
        "new": {"delays": [1.0, 10.0], "ints": [1, 4, 0], "initialFactor": 2500, "order": 1, "perDay": 20},
        "rev": {"perDay": 200, "ease4": 1.3, "maxIvl": 36500, "hardFactor": 1.2},
        "lapse": {"delays": [10.0], "mult": 0.0, "minInt": 1, "leechFails": 8, "leechAction": 1}
    }})
}

/// Anki's checksum of a note's first field: the first 8 hex digits of the
/// SHA-1 of its text without HTML. Anki recomputes it on import; this is a
/// fine stand-in (it is only an index for duplicate checks).
fn checksum(first_field: &str) -> i64 {
    let digest = Sha256::digest(first_field.as_bytes());
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

fn sqlite_err(e: rusqlite::Error) -> ExportError {
    ExportError::Write(format!("anki collection: {e}"))
}

/// The package for the selection's review cards.
pub fn write(sel: &Selection) -> Result<Vec<u8>, ExportError> {
    let chosen: HashMap<i64, &crate::model::ExportHighlight> =
        sel.highlights.iter().map(|h| (h.id, *h)).collect();
    let cards: Vec<&ReviewCard> = sel
        .model
        .review_cards
        .iter()
        .filter(|c| chosen.contains_key(&c.highlight_id))
        .collect();
    let now = time::OffsetDateTime::parse(
        &sel.model.exported_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map(|t| t.unix_timestamp())
    .unwrap_or(0);
    let dir = tempfile::tempdir().map_err(|e| ExportError::Write(format!("temp dir: {e}")))?;
    let path = dir.path().join("collection.anki2");
    {
        let db = Connection::open(&path).map_err(sqlite_err)?;
        db.execute_batch(SCHEMA11).map_err(sqlite_err)?;
        db.execute(
            "INSERT INTO col VALUES (1, ?1, ?2, ?3, 11, 0, 0, 0, ?4, ?5, ?6, ?7, '{}')",
            params![
                now,
                now * 1000,
                now * 1000,
                json!({"nextPos": cards.len() + 1, "curDeck": DECK_ID, "activeDecks": [DECK_ID],
                       "curModel": BASIC_TYPE_ID, "schedVer": 2, "sortType": "noteFld",
                       "sortBackwards": false, "addToCur": true, "collapseTime": 1200,
                       "newSpread": 0, "dueCounts": true, "estTimes": true, "timeLim": 0})
                .to_string(),
                note_types(now).to_string(),
                decks(now).to_string(),
                deck_config(now).to_string()
            ],
        )
        .map_err(sqlite_err)?;
        let tx = db.unchecked_transaction().map_err(sqlite_err)?;
        for (i, card) in cards.iter().enumerate() {
            let (mid, flds) = fields(sel, card);
            let mut tags: Vec<String> = chosen[&card.highlight_id]
                .theme_ids
                .iter()
                .map(|t| tag_of(sel.model, *t))
                .filter(|t| !t.is_empty())
                .collect();
            tags.sort();
            tags.dedup();
            let tags = if tags.is_empty() {
                String::new()
            } else {
                format!(" {} ", tags.join(" "))
            };
            // Ids are timestamps in Anki; base them on the export time, unique per card.
            let id = now * 1000 + i as i64;
            let guid = format!("pizhu-{}", card.card_id);
            tx.execute(
                "INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')",
                params![
                    id,
                    guid,
                    mid,
                    now,
                    tags,
                    flds.join(&SEP.to_string()),
                    flds[0],
                    checksum(&flds[0])
                ],
            )
            .map_err(sqlite_err)?;
            tx.execute(
                "INSERT INTO cards VALUES (?1, ?1, ?2, 0, ?3, -1, 0, 0, ?4, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                params![id, DECK_ID, now, i as i64 + 1],
            )
            .map_err(sqlite_err)?;
        }
        tx.commit().map_err(sqlite_err)?;
    }
    let collection =
        std::fs::read(&path).map_err(|e| ExportError::Write(format!("anki collection: {e}")))?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zerr = |e: zip::result::ZipError| ExportError::Write(format!("apkg: {e}"));
    zip.start_file("collection.anki2", opts).map_err(zerr)?;
    zip.write_all(&collection)
        .map_err(|e| ExportError::Write(format!("apkg: {e}")))?;
    zip.start_file("media", opts).map_err(zerr)?;
    zip.write_all(b"{}")
        .map_err(|e| ExportError::Write(format!("apkg: {e}")))?;
    Ok(zip.finish().map_err(zerr)?.into_inner())
}
