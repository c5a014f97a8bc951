//! CLI commands: backup, backups, restore, check, status.

use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

use crate::output::{self, str_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// Back up the library now (checked, then kept in backups/).
    Backup {
        #[arg(long)]
        json: bool,
    },
    /// List the kept backups, newest first.
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Replace the library with a backup (the current library is kept in backups/replaced-…).
    Restore {
        /// A name from `pizhu backups`.
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Check the library file (integrity and foreign keys); exit 1 if damaged.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// The library's location, counts, last backup and any recovery at start-up.
    Status {
        #[arg(long)]
        json: bool,
    },
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

fn backup_line(b: &Value) -> String {
    let kind = match str_field(b, "kind") {
        "manual" => "manual",
        "preRestore" => "before a restore",
        _ => "automatic",
    };
    format!(
        "{}  {}  {}  {kind}",
        str_field(b, "name"),
        str_field(b, "createdAt"),
        human_size(b["sizeBytes"].as_u64().unwrap_or(0))
    )
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        Cmd::Backup { json } => {
            let b = app.call("backupNow", json!({}))?;
            if json {
                output::json(&b);
            } else {
                println!("backed up  {}", str_field(&b, "path"));
            }
        }
        Cmd::Backups { json } => {
            let list = app.call("listBackups", json!({}))?;
            if json {
                output::json(&list);
            } else {
                let items = list.as_array().cloned().unwrap_or_default();
                if items.is_empty() {
                    println!("no backups yet in {}", dir.backups().display());
                }
                for b in &items {
                    println!("{}", backup_line(b));
                }
            }
        }
        Cmd::Restore { name, json } => {
            let r = app.call("restoreBackup", json!({ "name": name }))?;
            if json {
                output::json(&r);
            } else {
                println!("restored   {}", str_field(&r["restored"], "name"));
                println!(
                    "the library as it was is kept in {}",
                    str_field(&r, "previousSavedTo")
                );
                println!(
                    "to undo this restore: pizhu restore {}",
                    str_field(&r["previous"], "name")
                );
            }
        }
        Cmd::Check { json } => {
            let r = app.call("checkLibrary", json!({}))?;
            let ok = r["ok"].as_bool().unwrap_or(false);
            if json {
                output::json(&r);
            } else if ok {
                println!("ok  {}", dir.database().display());
            } else {
                for p in r["integrityProblems"].as_array().into_iter().flatten() {
                    println!("integrity    {}", p.as_str().unwrap_or(""));
                }
                for p in r["foreignKeyProblems"].as_array().into_iter().flatten() {
                    println!("foreign key  {}", p.as_str().unwrap_or(""));
                }
            }
            return Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        Cmd::Status { json } => {
            let s = app.call("libraryStatus", json!({}))?;
            if json {
                output::json(&s);
            } else {
                println!("library      {}", str_field(&s, "path"));
                println!("schema       {}", s["schemaVersion"]);
                println!("articles     {}", s["articles"]);
                println!("highlights   {}", s["highlights"]);
                println!("themes       {}", s["themes"]);
                match s["lastBackup"].as_object() {
                    Some(_) => println!(
                        "last backup  {}  ({} kept)",
                        backup_line(&s["lastBackup"]),
                        s["backups"]
                    ),
                    None => println!("last backup  none"),
                }
                if let Some(e) = s["backupError"].as_str() {
                    println!("backup error {e}");
                }
                if let Some(m) = s["recoveryMessage"].as_str() {
                    println!("recovered    {m}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
