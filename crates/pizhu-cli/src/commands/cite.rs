//! `pizhu cite`: the bibliography of some articles in a CSL style, through the
//! API's `cite` operation.

use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;
use serde_json::json;

use crate::output;

#[derive(Subcommand)]
pub enum Cmd {
    /// Print the bibliography of these articles, one entry per line, as the style
    /// orders it (numeric styles: in the order given).
    Cite {
        /// Article ids, in the order cited.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<i64>,
        /// gbt7714-numeric (default: the style chosen in settings), gbt7714-author-date,
        /// gbt7714-note, apa, or a .csl file.
        #[arg(long, value_name = "STYLE|FILE.csl")]
        style: Option<String>,
        /// The page (or range) the citations point at.
        #[arg(long, value_name = "PAGE")]
        locator: Option<String>,
        /// Print {"entries": […], "citations": […]}.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    let Cmd::Cite {
        ids,
        style,
        locator,
        json,
    } = cmd;
    let mut args = json!({ "ids": ids });
    match style {
        // A path to a .csl file (anything that is not a style name and ends in .csl).
        Some(s) if s.to_ascii_lowercase().ends_with(".csl") => {
            let path = std::path::Path::new(&s);
            let path = if path.is_absolute() {
                path.to_path_buf()
            } else {
                std::env::current_dir()
                    .map(|d| d.join(path))
                    .unwrap_or_else(|_| path.to_path_buf())
            };
            args["styleFile"] = json!(path);
        }
        Some(s) => args["style"] = json!(s),
        None => {}
    }
    if let Some(l) = locator {
        args["locator"] = json!(l);
    }
    let r = app.call("cite", args)?;
    if json {
        output::json(&json!({ "entries": r["entries"], "citations": r["citations"] }));
    } else {
        let lines = r["entries"]
            .as_array()
            .filter(|e| !e.is_empty())
            .or_else(|| r["citations"].as_array());
        for line in lines.into_iter().flatten() {
            println!("{}", output::safe(line.as_str().unwrap_or("")));
        }
    }
    Ok(ExitCode::SUCCESS)
}
