//! `pizhu collection …`: article collections from a terminal. A collection is
//! named by its name, or by its path `parent/child` when the name recurs.

use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::collections::{path_of, Collection};
use pizhu_core::LibraryDir;
use serde_json::json;

use crate::output;

#[derive(Subcommand)]
pub enum Cmd {
    /// Article collections: named, nestable groups of articles.
    #[command(subcommand)]
    Collection(CollectionCmd),
}

#[derive(Subcommand)]
pub enum CollectionCmd {
    /// Every collection as a tree, with how many articles each holds.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Make a collection (under --parent, else at the top).
    Create {
        name: String,
        #[arg(long, value_name = "COLLECTION")]
        parent: Option<String>,
    },
    /// Give a collection a new name.
    Rename { collection: String, name: String },
    /// Delete a collection and those under it; the articles stay in the library.
    Rm { collection: String },
    /// Put articles in a collection.
    Add {
        collection: String,
        #[arg(required = true)]
        articles: Vec<i64>,
    },
    /// Take articles out of a collection (they stay in the library).
    Remove {
        collection: String,
        #[arg(required = true)]
        articles: Vec<i64>,
    },
}

pub fn run(dir: &LibraryDir, Cmd::Collection(cmd): Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        CollectionCmd::List { json } => {
            let list: Vec<Collection> =
                serde_json::from_value(app.call("listCollections", json!({}))?)
                    .map_err(|e| ApiError::invalid(e.to_string()))?;
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|c| {
                        json!({"id": c.id, "name": c.name, "path": path_of(&list, c.id),
                               "parentId": c.parent_id, "articles": c.article_count})
                    })
                    .collect();
                output::json(&serde_json::Value::Array(rows));
            } else {
                print_tree(&list, None, 0);
            }
        }
        CollectionCmd::Create { name, parent } => {
            let c = app.call("addCollection", json!({"name": name, "parent": parent}))?;
            println!(
                "created collection #{} {}",
                c["id"],
                output::text_field(&c, "name")
            );
        }
        CollectionCmd::Rename { collection, name } => {
            let c = app.call("renameCollection", json!({"id": collection, "name": name}))?;
            println!("renamed to {}", output::text_field(&c, "name"));
        }
        CollectionCmd::Rm { collection } => {
            let out = app.call("deleteCollection", json!({"id": collection}))?;
            println!(
                "deleted {} collection(s); {} article(s) left them and stay in the library (undo brings it back)",
                out["collections"], out["memberships"]
            );
        }
        CollectionCmd::Add {
            collection,
            articles,
        } => {
            let n = app.call(
                "addToCollection",
                json!({"collection": collection, "articleIds": articles}),
            )?;
            println!("added {n} article(s) to {collection}");
        }
        CollectionCmd::Remove {
            collection,
            articles,
        } => {
            let n = app.call(
                "removeFromCollection",
                json!({"collection": collection, "articleIds": articles}),
            )?;
            println!("removed {n} article(s) from {collection}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_tree(list: &[Collection], parent: Option<i64>, depth: usize) {
    // The depth bound keeps a damaged (cyclic) tree from recursing forever.
    if depth > list.len() {
        return;
    }
    for c in list.iter().filter(|c| c.parent_id == parent) {
        println!(
            "{:>4}  {}{}  ({})",
            c.id,
            "  ".repeat(depth),
            c.name,
            c.article_count
        );
        print_tree(list, Some(c.id), depth + 1);
    }
}
