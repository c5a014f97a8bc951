//! `pizhu export`, `pizhu import-annotations` and `pizhu import-codebook`:
//! exports and the way back in, through the API's operations.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;
use pizhu_export::{CitationStyle, Format, GroupBy};
use serde_json::{json, Value};

use crate::output::{self, str_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// Export highlights and notes: the library, one article, one theme or chosen highlights.
    Export {
        #[arg(long, value_enum)]
        format: Format,
        /// Only this theme (and its sub-themes unless --no-subthemes).
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        /// Only the articles of this collection (and its sub-collections).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Only this article.
        #[arg(long, value_name = "ID")]
        article: Option<i64>,
        /// Only these highlights (repeatable).
        #[arg(long = "highlight", value_name = "ID")]
        highlights: Vec<i64>,
        #[arg(long, value_enum, default_value = "theme")]
        group_by: GroupBy,
        /// With --theme: leave its sub-themes out.
        #[arg(long)]
        no_subthemes: bool,
        /// Leave out highlight notes.
        #[arg(long)]
        no_notes: bool,
        /// Leave out article and theme memos.
        #[arg(long)]
        no_memos: bool,
        /// Leave out highlights that carry no theme.
        #[arg(long)]
        no_uncoded: bool,
        #[arg(long, value_enum, default_value = "gbt7714")]
        citation: CitationStyle,
        /// DOCX: add an "open in Pizhu" (pizhu://) link after every passage.
        #[arg(long)]
        docx_deep_links: bool,
        /// The file to write (or a folder, to use the suggested name).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
        /// Print {path, bytes, highlights, articles, themes} as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Bring back highlights, themes and notes from a W3C Web Annotation file.
    ImportAnnotations {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Add the codes of a REFI-QDA project (.qdpx) or code book (.qdc) to the code book.
    ImportCodebook {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        Cmd::Export {
            format,
            theme,
            collection,
            article,
            highlights,
            group_by,
            no_subthemes,
            no_notes,
            no_memos,
            no_uncoded,
            citation,
            docx_deep_links,
            out,
            force,
            json,
        } => {
            // The API resolves a relative path against its own working directory, which is ours.
            let out = if out.is_absolute() {
                out
            } else {
                std::env::current_dir().map(|d| d.join(&out)).unwrap_or(out)
            };
            let mut args = json!({
                "format": format,
                "groupBy": group_by,
                "includeSubthemes": !no_subthemes,
                "includeNotes": !no_notes,
                "includeMemos": !no_memos,
                "includeUncoded": !no_uncoded,
                "citationStyle": citation,
                "docxDeepLinks": docx_deep_links,
                "path": out,
                "force": force,
            });
            if let Some(t) = theme {
                args["theme"] = json!(t);
            }
            if let Some(c) = collection {
                args["collection"] = json!(c);
            }
            if let Some(a) = article {
                args["articleId"] = json!(a);
            }
            if !highlights.is_empty() {
                args["highlightIds"] = json!(highlights);
            }
            let r = app.call("exportNotes", args)?;
            if json {
                output::json(
                    &json!({"path": r["path"], "bytes": r["bytes"], "highlights": r["highlights"],
                            "articles": r["articles"], "themes": r["themes"]}),
                );
            } else {
                println!(
                    "wrote {} ({} bytes, {} highlights from {} articles, {} themes)",
                    str_field(&r, "path"),
                    r["bytes"],
                    r["highlights"],
                    r["articles"],
                    r["themes"]
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::ImportAnnotations { file, json } => {
            let r = app.call("importAnnotations", json!({ "path": file }))?;
            if json {
                output::json(&r);
            } else {
                println!(
                    "{} annotations: {} imported, {} already here",
                    r["annotations"], r["imported"], r["merged"]
                );
                let created = names(&r["themesCreated"]);
                if !created.is_empty() {
                    println!("new themes: {created}");
                }
                let unmatched = r["unmatched"].as_array().cloned().unwrap_or_default();
                for u in &unmatched {
                    eprintln!(
                        "not placed: {}  ({})",
                        str_field(u, "exact"),
                        str_field(u, "reason")
                    );
                }
                if !unmatched.is_empty() {
                    eprintln!(
                        "{} of {} annotations were not placed",
                        unmatched.len(),
                        r["annotations"]
                    );
                }
            }
            // Like `import`: a partial import is not a success.
            Ok(if r["complete"] == Value::Bool(true) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Cmd::ImportCodebook { file, json } => {
            let r = app.call("importCodebook", json!({ "path": file }))?;
            if json {
                output::json(&r);
            } else {
                println!("new themes: {}", names(&r["created"]));
                println!("already in the code book: {}", names(&r["existing"]));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn names(v: &Value) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default()
}
