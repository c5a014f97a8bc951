//! `pizhu themes matrix|cooccurrence|suggest|accept|dismiss|dismissed|restore`, `pizhu terms`,
//! `pizhu kwic`: seeing themes across the library, every one through the API's
//! operations. Human output is aligned in display columns (a CJK character is
//! two columns wide); `--json` prints the operation's result as it is.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use pizhu_analysis::kwic::{display_width, pad_left, pad_right};
use pizhu_api::{ApiError, ErrorCode};
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

use crate::output::{self, str_field};

#[derive(Subcommand)]
pub enum Cmd {
    /// Themes across the library: matrix, co-occurrence, suggested passages.
    #[command(subcommand)]
    Themes(ThemesCmd),
    /// Key terms of the library, an article or a theme's passages (jieba TF-IDF or TextRank).
    Terms {
        #[arg(long, conflicts_with = "theme")]
        article: Option<i64>,
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Method::Tfidf)]
        method: Method,
        #[arg(long)]
        json: bool,
    },
    /// Concordance: every occurrence of TERM with aligned left and right context.
    Kwic {
        term: String,
        /// Code points of context on each side.
        #[arg(long, default_value_t = 20)]
        width: usize,
        #[arg(long, value_enum, default_value_t = Sort::Article)]
        sort: Sort,
        #[arg(long)]
        article: Option<i64>,
        #[arg(long, default_value_t = 5000)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ThemesCmd {
    /// How many passages each theme has in each article.
    Matrix {
        /// Only articles with at least one coded passage.
        #[arg(long)]
        only_coded: bool,
        /// Count each theme on its own (by default a parent's row takes in its sub-themes).
        #[arg(long)]
        no_subthemes: bool,
        /// Also write the heat map as an SVG picture.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// Colours for a dark page (with --svg).
        #[arg(long)]
        dark: bool,
        #[arg(long)]
        json: bool,
    },
    /// Which themes meet on the same or overlapping passages.
    Cooccurrence {
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        #[arg(long)]
        dark: bool,
        #[arg(long)]
        json: bool,
    },
    /// Sentences not yet coded with theme NAME, best first.
    Suggest {
        name: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Accept a suggestion: highlight START..END of ARTICLE with theme NAME.
    Accept {
        name: String,
        #[arg(long)]
        article: i64,
        #[arg(long)]
        start: usize,
        #[arg(long)]
        end: usize,
        #[arg(long)]
        json: bool,
    },
    /// Dismiss a suggestion for theme NAME (it is not suggested again; undoable).
    Dismiss {
        name: String,
        #[arg(long)]
        article: i64,
        #[arg(long)]
        start: usize,
        #[arg(long)]
        end: usize,
    },
    /// The suggestions dismissed for theme NAME.
    Dismissed {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Let a dismissed suggestion for theme NAME be suggested again.
    Restore {
        name: String,
        #[arg(long)]
        article: i64,
        #[arg(long)]
        start: usize,
        #[arg(long)]
        end: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Method {
    Tfidf,
    Textrank,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Sort {
    Left,
    Right,
    Article,
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let app = super::open(dir)?;
    match cmd {
        Cmd::Themes(ThemesCmd::Matrix {
            only_coded,
            no_subthemes,
            svg,
            dark,
            json,
        }) => {
            let args = json!({"onlyCoded": only_coded, "includeChildren": !no_subthemes});
            let m = app.call("themeMatrix", args)?;
            if let Some(path) = svg {
                let picture = app.call(
                    "themeMatrixSvg",
                    json!({"onlyCoded": only_coded, "dark": dark, "includeChildren": !no_subthemes}),
                )?;
                write_svg(&path, &picture)?;
            }
            if json {
                output::json(&m);
            } else {
                print_matrix(&m);
            }
        }
        Cmd::Themes(ThemesCmd::Cooccurrence { svg, dark, json }) => {
            let c = app.call("themeCooccurrence", json!({}))?;
            if let Some(path) = svg {
                write_svg(&path, &app.call("cooccurrenceSvg", json!({"dark": dark}))?)?;
            }
            if json {
                output::json(&c);
            } else {
                print_cooccurrence(&c);
            }
        }
        Cmd::Themes(ThemesCmd::Suggest { name, limit, json }) => {
            let list = app.call("suggestPassages", json!({"theme": name, "limit": limit}))?;
            if json {
                output::json(&list);
            } else {
                for (i, s) in items(&list).iter().enumerate() {
                    println!(
                        "{:>2}. {:.2}  #{} {}–{}  {}",
                        i + 1,
                        s["score"].as_f64().unwrap_or(0.0),
                        s["articleId"],
                        s["start"],
                        s["end"],
                        str_field(s, "title")
                    );
                    println!("    {}", str_field(s, "text"));
                    println!("    ← {}", strings(&s["reasons"]).join("、"));
                }
            }
        }
        Cmd::Themes(ThemesCmd::Accept {
            name,
            article,
            start,
            end,
            json,
        }) => {
            let theme = theme_id(&app, &name)?;
            let h = app.call(
                "acceptSuggestion",
                json!({"themeId": theme, "articleId": article, "start": start, "end": end}),
            )?;
            if json {
                output::json(&h);
            } else {
                println!(
                    "highlight #{} 「{}」 → {name}",
                    h["id"],
                    str_field(&h, "exact")
                );
            }
        }
        Cmd::Themes(ThemesCmd::Dismiss {
            name,
            article,
            start,
            end,
        }) => {
            let theme = theme_id(&app, &name)?;
            app.call(
                "dismissSuggestion",
                json!({"themeId": theme, "articleId": article, "start": start, "end": end}),
            )?;
            println!("dismissed for {name}");
        }
        Cmd::Themes(ThemesCmd::Dismissed { name, json }) => {
            let theme = theme_id(&app, &name)?;
            let list = app.call("dismissedSuggestions", json!({"themeId": theme}))?;
            if json {
                output::json(&list);
            } else {
                for d in items(&list) {
                    println!(
                        "#{} {}–{}  {}",
                        d["articleId"],
                        d["start"],
                        d["end"],
                        str_field(d, "title")
                    );
                    println!("    {}", str_field(d, "text"));
                }
            }
        }
        Cmd::Themes(ThemesCmd::Restore {
            name,
            article,
            start,
            end,
        }) => {
            let theme = theme_id(&app, &name)?;
            app.call(
                "restoreSuggestion",
                json!({"themeId": theme, "articleId": article, "start": start, "end": end}),
            )?;
            println!("restored for {name}");
        }
        Cmd::Terms {
            article,
            theme,
            limit,
            method,
            json,
        } => {
            let method = match method {
                Method::Tfidf => "tfidf",
                Method::Textrank => "textrank",
            };
            let terms = app.call(
                "keyTerms",
                json!({"articleId": article, "theme": theme, "limit": limit, "method": method}),
            )?;
            if json {
                output::json(&terms);
            } else {
                let width = items(&terms)
                    .iter()
                    .map(|t| display_width(str_field(t, "term")))
                    .max()
                    .unwrap_or(0);
                for t in items(&terms) {
                    println!(
                        "{}  {:.3}",
                        pad_right(str_field(t, "term"), width),
                        t["weight"].as_f64().unwrap_or(0.0)
                    );
                }
            }
        }
        Cmd::Kwic {
            term,
            width,
            sort,
            article,
            limit,
            json,
        } => {
            let sort = match sort {
                Sort::Left => "left",
                Sort::Right => "right",
                Sort::Article => "article",
            };
            let lines = app.call(
                "kwic",
                json!({"term": term, "width": width, "sort": sort, "articleId": article, "limit": limit}),
            )?;
            if json {
                output::json(&lines);
            } else {
                print_kwic(&lines);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn items(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn strings(v: &Value) -> Vec<&str> {
    items(v).iter().filter_map(Value::as_str).collect()
}

fn theme_id(app: &pizhu_api::Pizhu, name: &str) -> Result<i64, ApiError> {
    let themes = app.call("listThemes", json!({}))?;
    items(&themes)
        .iter()
        .find(|t| t["name"] == name.trim())
        .and_then(|t| t["id"].as_i64())
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no theme named {name:?}")))
}

fn write_svg(path: &Path, picture: &Value) -> Result<(), ApiError> {
    // Replaces an existing file, as the command always has; never leaves half a picture.
    pizhu_core::store::write_atomically(path, str_field(picture, "svg").as_bytes(), true)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Each line: right-aligned left context, the match, the right context, where.
fn print_kwic(lines: &Value) {
    let lines = items(lines);
    let left = lines
        .iter()
        .map(|l| display_width(str_field(l, "left")))
        .max()
        .unwrap_or(0);
    let mid = lines
        .iter()
        .map(|l| display_width(str_field(l, "match")))
        .max()
        .unwrap_or(0);
    let right = lines
        .iter()
        .map(|l| display_width(str_field(l, "right")))
        .max()
        .unwrap_or(0);
    for l in lines {
        println!(
            "{}  {}  {}  #{}:{}",
            pad_left(str_field(l, "left"), left),
            pad_right(str_field(l, "match"), mid),
            pad_right(str_field(l, "right"), right),
            l["articleId"],
            l["start"]
        );
    }
    eprintln!("{} line(s)", lines.len());
}

/// A table of counts: each row label padded to `row_w`, one right-aligned column
/// per head, `counts[i][j]` in each cell and "·" for none. Returns the column width.
fn print_counts(rows: &[String], row_w: usize, heads: &[String], counts: &Value) -> usize {
    let col_w = heads.iter().map(|h| h.len()).max().unwrap_or(0).max(3);
    print!("{}", pad_right("", row_w));
    for h in heads {
        print!(" {h:>col_w$}");
    }
    println!();
    for (i, row) in rows.iter().enumerate() {
        print!("{}", pad_right(row, row_w));
        for j in 0..heads.len() {
            let n = counts[i][j].as_u64().unwrap_or(0);
            let cell = if n == 0 {
                "·".to_string()
            } else {
                n.to_string()
            };
            print!(" {cell:>col_w$}");
        }
        println!();
    }
    col_w
}

/// Rows are themes, columns are articles A1…An (titles listed below the table).
fn print_matrix(m: &Value) {
    let themes = items(&m["themes"]);
    let articles = items(&m["articles"]);
    let names: Vec<&str> = themes.iter().map(|t| str_field(t, "name")).collect();
    let name_w = names.iter().map(|n| display_width(n)).max().unwrap_or(0);
    let heads: Vec<String> = (1..=articles.len()).map(|i| format!("A{i}")).collect();
    let rows: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let col_w = print_counts(&rows, name_w, &heads, &m["counts"]);
    println!();
    for (h, a) in heads.iter().zip(articles) {
        println!("{h:>col_w$}  #{} {}", a["id"], str_field(a, "title"));
    }
    let rolled = if m["includeChildren"] == true {
        ", sub-themes counted in their parents"
    } else {
        ""
    };
    println!("\n{} coded passages{rolled}", m["total"]);
}

/// The symmetric theme × theme table (columns T1…Tn), then the pairs.
fn print_cooccurrence(c: &Value) {
    let themes = items(&c["themes"]);
    let names: Vec<&str> = themes.iter().map(|t| str_field(t, "name")).collect();
    let name_w = names.iter().map(|n| display_width(n)).max().unwrap_or(0) + 4;
    let heads: Vec<String> = (1..=names.len()).map(|j| format!("T{j}")).collect();
    let rows: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| format!("T{} {name}", i + 1))
        .collect();
    print_counts(&rows, name_w, &heads, &c["counts"]);
    let name_of = |id: &Value| {
        themes
            .iter()
            .find(|t| &t["id"] == id)
            .map(|t| str_field(t, "name"))
            .unwrap_or("?")
    };
    let pairs = items(&c["pairs"]);
    if !pairs.is_empty() {
        println!();
        for p in pairs {
            println!(
                "{:>4}  {} — {}",
                p["count"],
                name_of(&p["a"]),
                name_of(&p["b"])
            );
        }
    }
}
