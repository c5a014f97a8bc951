use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

use crate::output::{self, authors, text_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// Import .txt / .md / .html / .docx / .pdf files, or folders of them (recursively).
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Override encoding detection (gbk, gb18030, big5, utf-16le, …).
        #[arg(long)]
        encoding: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the articles in the library.
    List {
        /// Only the articles in this collection (a name, or a path parent/child).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one article with its full text.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

/// The stable JSON shape of one article for `list` / `show`.
fn article_json(a: &Value, with_text: bool) -> Value {
    let mut out = json!({
        "id": a["id"],
        "title": a["title"],
        "authors": a["authors"],
        "source": a["source"],
        "published": a["published"],
        "encoding": a["encoding"],
    });
    if with_text {
        out["text"] = a["text"].clone();
        out["format"] = a["format"].clone();
        out["pages"] = a["pages"].clone();
    }
    out
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        Cmd::Import {
            files,
            encoding,
            json,
        } => {
            let report = app.call(
                "importFiles",
                json!({ "paths": files, "encoding": encoding }),
            )?;
            // Leave the index current before this process exits: the next `pizhu search`
            // then has nothing to catch up on (and no rebuild is left half done).
            super::search::bring_index_up_to_date(&app)?;
            if json {
                let stable = json!({
                    "imported": report["imported"].as_array().into_iter().flatten()
                        .map(|e| json!({"id": e["id"], "title": e["title"], "file": e["file"], "warnings": e["warnings"]})).collect::<Vec<_>>(),
                    "duplicates": report["duplicates"],
                    "failed": report["failed"],
                });
                output::json(&stable);
            } else {
                for e in report["imported"].as_array().into_iter().flatten() {
                    println!(
                        "imported  #{}  {}  ({}, {})",
                        e["id"],
                        text_field(e, "title"),
                        text_field(e, "file"),
                        text_field(e, "encoding")
                    );
                }
                for e in report["duplicates"].as_array().into_iter().flatten() {
                    println!(
                        "duplicate #{}  already in the library  ({})",
                        e["id"],
                        text_field(e, "file")
                    );
                }
                for e in report["warnings"].as_array().into_iter().flatten() {
                    eprintln!(
                        "warning   {}: {}",
                        text_field(e, "file"),
                        text_field(e, "warning")
                    );
                }
                for e in report["failed"].as_array().into_iter().flatten() {
                    eprintln!(
                        "failed    {}: {}",
                        text_field(e, "file"),
                        text_field(e, "error")
                    );
                }
            }
            let failed = report["failed"].as_array().is_some_and(|f| !f.is_empty());
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Cmd::List { collection, json } => {
            let list = app.call("listArticles", json!({}))?;
            let mut items = list.as_array().cloned().unwrap_or_default();
            if let Some(name) = collection {
                let ids = app.call("collectionArticles", json!({ "id": name }))?;
                let ids = ids.as_array().cloned().unwrap_or_default();
                items.retain(|a| ids.contains(&a["id"]));
            }
            if json {
                output::json(&Value::Array(
                    items.iter().map(|a| article_json(a, false)).collect(),
                ));
            } else {
                for a in &items {
                    let date = a["published"].as_str().unwrap_or("");
                    println!(
                        "{:>4}  {}  — {}  {}",
                        a["id"],
                        text_field(a, "title"),
                        authors(a),
                        date
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Show { id, json } => {
            let a = app.call("getArticle", json!({ "id": id }))?;
            if json {
                output::json(&article_json(&a, true));
            } else {
                println!("{}", text_field(&a, "title"));
                let by = authors(&a);
                let meta: Vec<String> = [
                    by,
                    text_field(&a, "source").into_owned(),
                    text_field(&a, "published").into_owned(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
                if !meta.is_empty() {
                    println!("{}", meta.join(" · "));
                }
                println!();
                for para in text_field(&a, "text").split('\n') {
                    println!("{para}\n");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
