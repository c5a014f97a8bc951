//! `pizhu import-refs`: reference files in (RIS, BibTeX/BibLaTeX, CSL-JSON,
//! EndNote tagged, NoteExpress), through the API's `importReferences`.

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
            let failed = r["failed"].as_array().is_some_and(|f| !f.is_empty());
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
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
