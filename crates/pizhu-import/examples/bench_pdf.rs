//! PDF benchmark (not a test): Pizhu's importer side by side with poppler's
//! `pdftotext` on long PDFs printed by Chromium from the curated edition.
//! Run through `scripts/bench-pdf.sh`.
//!
//! `bench_pdf DIR COPIES…` prints one table row per size;
//! `bench_pdf --fixture DIR COPIES` prints (and makes) a long PDF's path;
//! `bench_pdf --import FILE` imports one file and prints its peak RSS (KiB).

#[path = "../tests/pdf_support/mod.rs"]
mod pdf_support;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use pdf_support::fidelity::{measure_within, pdftotext_paragraphs, Fidelity};
use pdf_support::fixtures::{self, Fixtures};
use pizhu_import::{import_bytes, ImportOptions};

const FURNITURE: &[&str] = &["file://", " PM", " AM", "长文档"];

/// How far past the previous sentence the next one is looked for (bytes):
/// several pages, much less than one copy of the seven articles.
const WINDOW: usize = 16 * 1024;

fn measure(sources: &[String], paragraphs: &[String], furniture: &[&str]) -> Fidelity {
    measure_within(sources, paragraphs, furniture, WINDOW)
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn row(name: &str, pages: usize, secs: f64, f: &Fidelity) -> String {
    format!(
        "| {name} | {pages} | {:.1} | {:.2}% | {} | {} | {}/{} |",
        pages as f64 / secs,
        f.recovered * 100.0,
        f.han_spaces,
        f.furniture_lines,
        f.broken,
        f.paragraphs
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--import") {
        let bytes = std::fs::read(&args[1]).unwrap();
        let t = Instant::now();
        let file = import_bytes("long.pdf", &bytes, &ImportOptions::default()).unwrap();
        let secs = t.elapsed().as_secs_f64();
        let a = &file.articles[0];
        println!(
            "pages={} chars={} secs={secs:.2} peak_rss_kib={}",
            a.pages.len(),
            a.text.chars().count(),
            peak_rss_kib()
        );
        return;
    }
    if args.first().map(String::as_str) == Some("--fixture") {
        let copies: usize = args[2].parse().unwrap();
        let fx = Fixtures::new(Path::new(&args[1]));
        let path = fx.print(&format!("long{copies}"), &fixtures::long_html(copies), true);
        println!("{}", path.display());
        return;
    }
    let fx = Fixtures::new(Path::new(&args[0]));
    println!("| extractor | pages | pages/s | recovered in order | spaces between Han | furniture paragraphs | paragraphs broken |");
    println!("|---|---|---|---|---|---|---|");
    for copies in args[1..].iter().map(|c| c.parse::<usize>().unwrap()) {
        let path = fx.print(&format!("long{copies}"), &fixtures::long_html(copies), true);
        let sources: Vec<String> = (0..copies)
            .flat_map(|_| fixtures::sources())
            .flat_map(|s| s.paras.into_iter().map(|p| p.1))
            .collect();
        let bytes = std::fs::read(&path).unwrap();
        let t = Instant::now();
        let file = import_bytes("long.pdf", &bytes, &ImportOptions::default()).unwrap();
        let ours = t.elapsed().as_secs_f64();
        let a = &file.articles[0];
        let pages = a.pages.len();
        let paras: Vec<String> = a.text.split('\n').map(str::to_string).collect();
        let f = measure(&sources, &paras, FURNITURE);
        let t = Instant::now();
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let peer = t.elapsed().as_secs_f64();
        let peer_text = String::from_utf8_lossy(&out.stdout);
        let g = measure(&sources, &pdftotext_paragraphs(&peer_text), FURNITURE);
        println!("{}", row("Pizhu", pages, ours, &f));
        println!("{}", row("pdftotext", pages, peer, &g));
        println!(
            "| time ratio Pizhu/pdftotext | {pages} | {:.2}× | | | | |",
            ours / peer
        );
    }
}
