//! CLI commands: `pizhu search`, `pizhu reindex`.

use std::process::ExitCode;
use std::time::Duration;

use clap::Subcommand;
use pizhu_api::{ApiError, Pizhu};
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

use crate::output::{self, str_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// Full-text search: words (all must match), "a phrase", -exclude,
    /// theme:名称, author:名字, article:ID. Chinese needs no spaces.
    Search {
        /// The query; several arguments are joined with spaces (`pizhu search 门槛 -爷叔`).
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
        query: Vec<String>,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Skip this many hits (paging).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the library (waits until it is done).
    Reindex {
        #[arg(long)]
        json: bool,
    },
}

/// `allow_hyphen_values` lets `-爷叔` reach the query, but it also swallows
/// flags written after the query (`pizhu search 门槛 --limit 3`): take those back.
fn split_flags(
    words: Vec<String>,
    limit: &mut usize,
    offset: &mut usize,
    json: &mut bool,
) -> Result<String, ApiError> {
    let mut query = Vec::new();
    let mut it = words.into_iter();
    let number = |flag: &str, v: Option<String>| {
        v.and_then(|v| v.parse::<usize>().ok())
            .ok_or_else(|| ApiError::invalid(format!("{flag} needs a number")))
    };
    while let Some(w) = it.next() {
        match w.split_once('=') {
            Some(("--limit", v)) => *limit = number("--limit", Some(v.to_string()))?,
            Some(("--offset", v)) => *offset = number("--offset", Some(v.to_string()))?,
            _ => match w.as_str() {
                "--json" => *json = true,
                "--limit" => *limit = number("--limit", it.next())?,
                "--offset" => *offset = number("--offset", it.next())?,
                _ => query.push(w),
            },
        }
    }
    Ok(query.join(" "))
}

/// A snippet for a terminal: marks as 【】, entities decoded.
fn plain_snippet(html: &str) -> String {
    html.replace("<mark>", "【")
        .replace("</mark>", "】")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Finish any rebuild or catch-up of the index and apply the library's
/// remaining changes (a CLI process exits afterwards, abandoning running jobs).
pub(crate) fn bring_index_up_to_date(app: &Pizhu) -> Result<(), ApiError> {
    app.search_index()
        .bring_up_to_date(app.store(), Duration::from_secs(24 * 3600))?;
    Ok(())
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        Cmd::Search {
            query,
            mut limit,
            mut offset,
            mut json,
        } => {
            let query = match split_flags(query, &mut limit, &mut offset, &mut json) {
                Ok(q) => q,
                Err(e) => {
                    eprintln!("pizhu: {}", e.message);
                    return Ok(ExitCode::from(2));
                }
            };
            // A one-shot process answers from the whole library, not from what an
            // indexing job it would abandon on exit has done so far.
            bring_index_up_to_date(&app)?;
            let found = app.call(
                "search",
                json!({ "query": query, "limit": limit, "offset": offset }),
            )?;
            if json {
                output::json(&found);
            } else {
                let hits = found["hits"].as_array().cloned().unwrap_or_default();
                println!("{} result(s)", found["total"]);
                for h in &hits {
                    let place = match h.get("highlightId").and_then(Value::as_i64) {
                        Some(hl) => format!("#{} highlight {}", h["articleId"], hl),
                        None if h["inMemo"] == true => format!("#{} memo", h["articleId"]),
                        None => format!("#{}", h["articleId"]),
                    };
                    println!(
                        "{place}  {}  ({:.2})",
                        output::text_field(h, "title"),
                        h["score"].as_f64().unwrap_or(0.0)
                    );
                    println!(
                        "    {}",
                        output::safe(&plain_snippet(str_field(h, "snippet")))
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Reindex { json } => {
            let status = app.call("reindex", json!({ "wait": true }))?;
            if json {
                output::json(&status);
            } else {
                println!("search index rebuilt: {} documents", status["documents"]);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(words: &[&str]) -> (String, usize, usize, bool) {
        let (mut limit, mut offset, mut json) = (20, 0, false);
        let q = split_flags(
            words.iter().map(|w| w.to_string()).collect(),
            &mut limit,
            &mut offset,
            &mut json,
        )
        .unwrap();
        (q, limit, offset, json)
    }

    #[test]
    fn flags_after_the_query_are_flags_and_minus_words_stay_in_it() {
        assert_eq!(
            split(&["门槛", "-爷叔", "--limit", "3", "--json"]),
            ("门槛 -爷叔".into(), 3, 0, true)
        );
        assert_eq!(
            split(&["Sora", "--offset=10", "--limit=5"]),
            ("Sora".into(), 5, 10, false)
        );
        let (mut l, mut o, mut j) = (20, 0, false);
        assert!(split_flags(vec!["x".into(), "--limit".into()], &mut l, &mut o, &mut j).is_err());
    }

    #[test]
    fn terminal_snippets_show_marks_and_decode_entities() {
        assert_eq!(
            plain_snippet("a&lt;b&gt; <mark>门槛</mark> &amp;"),
            "a<b> 【门槛】 &"
        );
    }
}
