//! `pizhu import-refs`: reference files in (RIS, BibTeX/BibLaTeX, CSL-JSON,
//! EndNote tagged, NoteExpress), through the API's `importReferences`; and
//! `pizhu import-zotero`: a Zotero library, through `importZotero`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

use crate::output::{self, safe, str_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// Import a reference file; its format is recognised by content. Each record
    /// becomes an article (with its attached file's text, if it names one); the
    /// file is one undoable step. Exits 1 when any record failed.
    ImportRefs {
        file: PathBuf,
        /// Print {"imported": [{id, title}], "duplicates": [{id, record}], "failed": [{record, error}]}.
        #[arg(long)]
        json: bool,
    },
    /// Attach a document (PDF, EPUB, HTML, DOCX) to a metadata-only article: its
    /// text becomes the article's. Undoable.
    Attach {
        id: i64,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Import a Zotero library from its data directory (read from a copy; Zotero's
    /// files are never written). Items of the user's and group libraries come with
    /// their metadata, tags, stored and linked attachments and Zotero 7 annotations
    /// (as highlights where their text is found).
    ImportZotero {
        dir: PathBuf,
        /// Only the items of this collection (and its sub-collections).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Bring collections in as article collections (keeping the tree) or as
        /// themes (carried by the items' highlights).
        #[arg(long, value_name = "AS", value_parser = ["themes", "collections"])]
        collections_as: Option<String>,
        /// Zotero's base directory for linked files (Settings → Advanced → Files
        /// and Folders), for links stored relative to it.
        #[arg(long, value_name = "DIR")]
        base_dir: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        Cmd::ImportRefs { file, json } => {
            let r = app.call("importReferences", json!({ "path": file }))?;
            if json {
                output::json(&r);
            } else {
                print_report(&r);
            }
            Ok(exit_code(&r))
        }
        Cmd::Attach { id, file, json } => {
            let a = app.call("attachFile", json!({ "id": id, "path": file }))?;
            if json {
                output::json(&json!({ "id": a["id"], "title": a["title"], "format": a["format"] }));
            } else {
                println!("attached to {}\t{}", a["id"], safe(str_field(&a, "title")));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::ImportZotero {
            dir,
            collection,
            collections_as,
            base_dir,
            json,
        } => {
            let r = app.call(
                "importZotero",
                json!({ "dir": dir, "collection": collection, "collectionsAs": collections_as,
                        "baseDir": base_dir }),
            )?;
            if json {
                output::json(&r);
            } else {
                print_zotero(&r);
            }
            Ok(exit_code(&r))
        }
    }
}

/// A failed record or item makes the exit code 1, as `import` does.
fn exit_code(r: &Value) -> ExitCode {
    if r["failed"].as_array().is_some_and(|f| !f.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_zotero(r: &Value) {
    for a in list(r, "imported") {
        let group = a["library"]
            .as_str()
            .map(|g| format!("\t(group library {})", safe(g)))
            .unwrap_or_default();
        println!(
            "imported {}\t{}{group}",
            a["id"],
            safe(str_field(&a, "title"))
        );
    }
    if r["collectionsCreated"].as_u64().is_some_and(|n| n > 0) {
        println!("new collections: {}", r["collectionsCreated"]);
    }
    for m in list(r, "missingFiles") {
        eprintln!(
            "linked file of {} not imported: {} ({})",
            safe(str_field(&m, "key")),
            safe(str_field(&m, "path")),
            safe(str_field(&m, "reason"))
        );
    }
    for d in list(r, "duplicates") {
        println!(
            "duplicate: {} is article {}",
            safe(str_field(&d, "key")),
            d["id"]
        );
    }
    println!("highlights from Zotero annotations: {}", r["highlights"]);
    for u in list(r, "unplaced") {
        eprintln!(
            "annotation {} of {} not placed: {}",
            safe(str_field(&u, "key")),
            safe(str_field(&u, "item")),
            safe(str_field(&u, "reason"))
        );
    }
    for w in list(r, "warnings") {
        eprintln!("note: {}", safe(w.as_str().unwrap_or_default()));
    }
    for f in list(r, "failed") {
        eprintln!(
            "failed: {}: {}",
            safe(str_field(&f, "key")),
            safe(str_field(&f, "error"))
        );
    }
}

fn list(v: &Value, key: &str) -> Vec<Value> {
    v[key].as_array().cloned().unwrap_or_default()
}

fn print_report(r: &Value) {
    for a in list(r, "imported") {
        println!("imported {}\t{}", a["id"], safe(str_field(&a, "title")));
    }
    for d in list(r, "duplicates") {
        println!("duplicate: record {} is article {}", d["record"], d["id"]);
    }
    for w in list(r, "warnings") {
        eprintln!(
            "note: record {}: {}",
            w["record"],
            safe(str_field(&w, "warning"))
        );
    }
    for f in list(r, "failed") {
        eprintln!(
            "failed: record {}: {}",
            f["record"],
            safe(str_field(&f, "error"))
        );
    }
}
