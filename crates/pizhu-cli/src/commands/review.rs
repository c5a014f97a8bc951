//! `pizhu review …`: the daily review of highlights from a terminal (issue #19),
//! every command through the API's operations.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

use crate::output::{self, text_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// The daily review: cards from highlights, scheduled with FSRS.
    #[command(subcommand)]
    Review(ReviewCmd),
}

#[derive(Subcommand)]
pub enum ReviewCmd {
    /// Make a card of a highlight: a passage card, or a cloze card with --cloze.
    Add {
        highlight: i64,
        /// A blank: code points START:END within the highlighted passage (repeatable).
        #[arg(long = "cloze", value_name = "START:END", value_parser = parse_span)]
        cloze: Vec<[i64; 2]>,
        /// Your own question for the front of a passage card.
        #[arg(long)]
        question: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make passage cards of every highlight of a theme and/or an article.
    AddMany {
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        #[arg(long, value_name = "ID")]
        article: Option<i64>,
    },
    /// Today's due cards (within the daily limits).
    Due {
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        #[arg(long, value_name = "ID")]
        article: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Grade a card: again, hard, good or easy.
    Grade {
        card: i64,
        grade: String,
        #[arg(long)]
        json: bool,
    },
    /// Undo the last grade.
    Undo,
    /// Remove a card (and its history).
    Rm { card: i64 },
    /// Counts, reviews per day and retention.
    Stats {
        /// Days of history (default 30).
        #[arg(long)]
        days: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Show or set the daily limits.
    Limits {
        /// New cards a day.
        #[arg(long = "new", value_name = "N")]
        new_per_day: Option<i64>,
        /// Reviews a day.
        #[arg(long = "reviews", value_name = "N")]
        reviews_per_day: Option<i64>,
    },
    /// Write every grade ever given as CSV.
    History {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

fn parse_span(s: &str) -> Result<[i64; 2], String> {
    let (a, b) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?}: write START:END, e.g. 0:2"))?;
    let n = |x: &str| {
        x.trim()
            .parse::<i64>()
            .map_err(|_| format!("{s:?}: START and END are whole numbers"))
    };
    Ok([n(a)?, n(b)?])
}

/// The contract's JSON shape of a due card.
fn card_json(c: &Value) -> Value {
    json!({
        "cardId": c["cardId"], "highlightId": c["highlightId"], "kind": c["kind"],
        "front": c["front"], "back": c["back"], "due": c["due"],
    })
}

fn card_line(c: &Value) -> String {
    format!(
        "#{:<5} {:<7} due {}  {}",
        c["cardId"],
        output::str_field(c, "kind"),
        output::str_field(c, "due"),
        text_field(c, "front").replace('\n', "⏎")
    )
}

pub fn run(dir: &LibraryDir, Cmd::Review(cmd): Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        ReviewCmd::Add {
            highlight,
            cloze,
            question,
            json,
        } => {
            let c = app.call(
                "reviewAdd",
                json!({"highlightId": highlight, "cloze": cloze, "question": question.unwrap_or_default()}),
            )?;
            if json {
                output::json(&card_json(&c));
            } else {
                println!(
                    "added {} card #{}",
                    output::str_field(&c, "kind"),
                    c["cardId"]
                );
            }
        }
        ReviewCmd::AddMany { theme, article } => {
            let r = app.call(
                "reviewAddMany",
                json!({"theme": theme, "articleId": article}),
            )?;
            println!("added {} cards", r["added"]);
        }
        ReviewCmd::Due {
            theme,
            article,
            json,
        } => {
            let list = app.call("reviewDue", json!({"theme": theme, "articleId": article}))?;
            let items = list.as_array().cloned().unwrap_or_default();
            if json {
                output::json(&Value::Array(items.iter().map(card_json).collect()));
            } else if items.is_empty() {
                println!("nothing due");
            } else {
                for c in &items {
                    println!("{}", card_line(c));
                }
            }
        }
        ReviewCmd::Grade { card, grade, json } => {
            let c = app.call("reviewGrade", json!({"cardId": card, "grade": grade}))?;
            if json {
                output::json(&card_json(&c));
            } else {
                println!(
                    "graded card #{card} {grade}; next due {}",
                    output::str_field(&c, "due")
                );
            }
        }
        ReviewCmd::Undo => {
            let c = app.call("reviewUndoGrade", json!({}))?;
            println!(
                "undid the last grade of card #{}; due {}",
                c["cardId"],
                output::str_field(&c, "due")
            );
        }
        ReviewCmd::Rm { card } => {
            app.call("reviewRemove", json!({"cardId": card}))?;
            println!("removed card #{card}");
        }
        ReviewCmd::Stats { days, json } => {
            let s = app.call("reviewStats", json!({"days": days}))?;
            if json {
                output::json(&s);
            } else {
                println!(
                    "{} cards ({} new, {} suspended); {} due now; {} reviewed today",
                    s["cards"], s["newCards"], s["suspended"], s["dueNow"], s["reviewedToday"]
                );
                match s["retention"].as_f64() {
                    Some(r) => println!("retention: {:.1}%", r * 100.0),
                    None => println!("retention: no reviews of learnt cards yet"),
                }
            }
        }
        ReviewCmd::Limits {
            new_per_day,
            reviews_per_day,
        } => {
            let mut limits = app.call("reviewLimits", json!({}))?;
            if new_per_day.is_some() || reviews_per_day.is_some() {
                if let Some(n) = new_per_day {
                    limits["newPerDay"] = json!(n);
                }
                if let Some(n) = reviews_per_day {
                    limits["reviewsPerDay"] = json!(n);
                }
                limits = app.call("setReviewLimits", limits)?;
            }
            println!(
                "{} new cards and {} reviews a day",
                limits["newPerDay"], limits["reviewsPerDay"]
            );
        }
        ReviewCmd::History { out } => {
            let h = app.call("reviewHistoryCsv", json!({}))?;
            pizhu_core::store::write_atomically(
                &out,
                output::str_field(&h, "csv").as_bytes(),
                true,
            )?;
            println!("wrote {} grades to {}", h["rows"], out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
