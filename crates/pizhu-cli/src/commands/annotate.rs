//! `pizhu highlight …`, `pizhu theme …`, `pizhu article edit`, `pizhu undo`, `pizhu redo`:
//! annotations from a terminal, every one through the API's operations.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

use crate::output::{self, str_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// Add, list or remove highlights.
    #[command(subcommand)]
    Highlight(HighlightCmd),
    /// The code book: add, list, rename, merge, move or remove themes.
    #[command(subcommand)]
    Theme(ThemeCmd),
    /// Edit an article's text (its highlights re-anchor).
    #[command(subcommand)]
    Article(ArticleCmd),
    /// Re-extract an article from its stored original with the current
    /// importer; its highlights re-anchor (orphans go to review), undoable.
    Reimport {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Undo the last annotation change (also one made before a restart).
    Undo {
        #[arg(long)]
        json: bool,
    },
    /// Redo the last undone change.
    Redo {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum HighlightCmd {
    /// Highlight code points START..END of an article.
    Add {
        article: i64,
        #[arg(long)]
        start: usize,
        #[arg(long)]
        end: usize,
        /// A theme to tag it with (created when new); repeatable.
        #[arg(long = "theme", value_name = "NAME")]
        themes: Vec<String>,
        #[arg(long)]
        color: Option<String>,
        /// A note (Markdown).
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List highlights, of one article and/or one theme (and its sub-themes
    /// unless --no-subthemes).
    List {
        #[arg(long)]
        article: Option<i64>,
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        /// With --theme: leave its sub-themes out.
        #[arg(long, requires = "theme")]
        no_subthemes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Delete a highlight.
    Rm { id: i64 },
}

#[derive(Subcommand)]
pub enum ThemeCmd {
    /// Add a theme to the code book.
    Add {
        name: String,
        #[arg(long)]
        color: Option<String>,
        /// One line saying what the theme is about.
        #[arg(long)]
        description: Option<String>,
        /// A keyword (repeatable).
        #[arg(long = "keyword", value_name = "WORD")]
        keywords: Vec<String>,
        /// Put it under this theme.
        #[arg(long, value_name = "NAME")]
        parent: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the code book as a tree.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Rename a theme.
    Rename { name: String, new_name: String },
    /// Merge theme FROM into INTO (its highlights and sub-themes move; FROM is removed).
    Merge { from: String, into: String },
    /// Move a theme under another, or to the top level.
    Move {
        name: String,
        /// The new parent.
        #[arg(long, value_name = "NAME", conflicts_with = "top")]
        parent: Option<String>,
        /// Move to the top level.
        #[arg(long)]
        top: bool,
        /// Place among the new siblings (0 = first).
        #[arg(long)]
        position: Option<usize>,
    },
    /// Remove a theme. Its highlights keep their other themes unless --delete-highlights.
    Rm {
        name: String,
        /// Delete the theme's highlights instead of only untagging them.
        #[arg(long)]
        delete_highlights: bool,
    },
}

#[derive(Subcommand)]
pub enum ArticleCmd {
    /// Replace an article's text with a file's contents; prints highlights that lost their place.
    Edit {
        id: i64,
        #[arg(long, value_name = "FILE")]
        text_file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// The stable JSON shape of a highlight for `highlight list --json` and `add --json`.
fn highlight_json(h: &Value) -> Value {
    json!({
        "id": h["id"], "articleId": h["articleId"], "start": h["start"], "end": h["end"],
        "exact": h["exact"], "prefix": h["prefix"], "suffix": h["suffix"], "color": h["color"],
        "themes": h["themes"], "note": h["note"], "orphan": h["orphan"],
        "pageStart": h["pageStart"], "pageEnd": h["pageEnd"],
    })
}

fn highlight_line(h: &Value) -> String {
    let themes: Vec<&str> = h["themes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut line = format!(
        "#{:<5} article {:<4} {:>6}..{:<6} {}\u{201c}{}\u{201d}",
        h["id"],
        h["articleId"],
        h["start"],
        h["end"],
        if h["orphan"] == true { "[orphan] " } else { "" },
        str_field(h, "exact").replace('\n', "⏎")
    );
    if !themes.is_empty() {
        line.push_str(&format!("  [{}]", themes.join(", ")));
    }
    line
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        Cmd::Highlight(HighlightCmd::Add {
            article,
            start,
            end,
            themes,
            color,
            note,
            json,
        }) => {
            let h = app.call(
                "addHighlight",
                json!({"articleId": article, "start": start, "end": end, "themes": themes, "color": color,
                       "note": note.unwrap_or_default()}),
            )?;
            if json {
                output::json(&highlight_json(&h));
            } else {
                println!("{}", highlight_line(&h));
            }
        }
        Cmd::Highlight(HighlightCmd::List {
            article,
            theme,
            no_subthemes,
            json,
        }) => {
            let list = app.call(
                "listHighlights",
                json!({"articleId": article, "theme": theme, "includeChildren": !no_subthemes}),
            )?;
            let items = list.as_array().cloned().unwrap_or_default();
            if json {
                output::json(&Value::Array(items.iter().map(highlight_json).collect()));
            } else {
                for h in &items {
                    println!("{}", highlight_line(h));
                }
            }
        }
        Cmd::Highlight(HighlightCmd::Rm { id }) => {
            app.call("deleteHighlight", json!({"id": id}))?;
            println!("deleted highlight #{id}");
        }
        Cmd::Theme(ThemeCmd::Add {
            name,
            color,
            description,
            keywords,
            parent,
            json,
        }) => {
            let t = app.call(
                "addTheme",
                json!({"name": name, "color": color, "description": description.unwrap_or_default(),
                       "keywords": keywords, "parentId": parent}),
            )?;
            if json {
                output::json(&t);
            } else {
                println!("added theme #{} {}", t["id"], str_field(&t, "name"));
            }
        }
        Cmd::Theme(ThemeCmd::List { json }) => {
            let list = app.call("listThemes", json!({}))?;
            if json {
                output::json(&list);
            } else {
                print_tree(
                    list.as_array().map(Vec::as_slice).unwrap_or_default(),
                    None,
                    0,
                );
            }
        }
        Cmd::Theme(ThemeCmd::Rename { name, new_name }) => {
            let t = app.call("renameTheme", json!({"id": name, "name": new_name}))?;
            println!("renamed theme #{} to {}", t["id"], str_field(&t, "name"));
        }
        Cmd::Theme(ThemeCmd::Merge { from, into }) => {
            let t = app.call("mergeThemes", json!({"from": from, "into": into}))?;
            println!(
                "merged {from} into {} ({})",
                str_field(&t, "name"),
                output::count(&t["highlightCount"], "highlight", "highlights")
            );
        }
        Cmd::Theme(ThemeCmd::Move {
            name,
            parent,
            top,
            position,
        }) => {
            if parent.is_none() && !top {
                return Err(ApiError::invalid("say where: --parent NAME or --top"));
            }
            app.call(
                "moveTheme",
                json!({"id": name, "parentId": parent, "position": position}),
            )?;
            println!("moved {name}");
        }
        Cmd::Theme(ThemeCmd::Rm {
            name,
            delete_highlights,
        }) => {
            let mode = if delete_highlights {
                "deleteHighlights"
            } else {
                "untag"
            };
            let out = app.call("deleteTheme", json!({"id": name, "mode": mode}))?;
            println!(
                "removed theme {name} ({} untagged, {} deleted)",
                output::count(&out["untagged"], "highlight", "highlights"),
                out["deletedHighlights"]
            );
        }
        Cmd::Reimport { id, json } => {
            let out = app.call("reimportArticle", json!({ "id": id }))?;
            report_edit(&out, id, "re-imported", json);
        }
        Cmd::Article(ArticleCmd::Edit {
            id,
            text_file,
            json,
        }) => {
            let text = std::fs::read_to_string(&text_file).map_err(|e| {
                ApiError::invalid(format!("cannot read {}: {e}", text_file.display()))
            })?;
            let out = app.call("editArticleText", json!({"id": id, "text": text}))?;
            report_edit(&out, id, "edited", json);
        }
        Cmd::Undo { json } => step(&app, "undo", "undid", json)?,
        Cmd::Redo { json } => step(&app, "redo", "redid", json)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn step(app: &pizhu_api::Pizhu, op: &str, verb: &str, json: bool) -> Result<(), ApiError> {
    let out = app.call(op, json!({}))?;
    if json {
        output::json(&out);
    } else {
        println!("{verb}: {}", str_field(&out, "label"));
    }
    Ok(())
}

fn print_tree(themes: &[Value], parent: Option<i64>, depth: usize) {
    for t in themes.iter().filter(|t| t["parentId"].as_i64() == parent) {
        println!(
            "{}{}  ({}, {})",
            "  ".repeat(depth),
            str_field(t, "name"),
            str_field(t, "color"),
            output::count(&t["highlightCount"], "highlight", "highlights")
        );
        print_tree(themes, t["id"].as_i64(), depth + 1);
    }
}

/// What an edit or a reimport did to the article's highlights.
fn report_edit(out: &Value, id: i64, verb: &str, json: bool) {
    let orphans = out["orphans"].as_array().cloned().unwrap_or_default();
    if json {
        output::json(&json!({
            "articleId": out["articleId"], "kept": out["kept"], "moved": out["moved"],
            "orphans": orphans.iter().map(highlight_json).collect::<Vec<_>>(),
        }));
    } else {
        println!(
            "article #{id} {verb}: {} kept, {} re-found, {} orphaned",
            output::count(&out["kept"], "highlight", "highlights"),
            out["moved"],
            orphans.len()
        );
        for h in &orphans {
            println!("orphan {}", highlight_line(h));
        }
    }
}
