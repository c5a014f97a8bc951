//! Embeds the bundled corpus (`data/`) so every binary can fill an empty library
//! without finding the repository on disk.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    println!("cargo:rerun-if-changed={}", data.display());
    let articles = data.join("articles");
    println!("cargo:rerun-if-changed={}", articles.display());
    let mut names: Vec<_> = std::fs::read_dir(&articles)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// (file name, contents) of every bundled article, in file-name order.\npub const ARTICLES: &[(&str, &str)] = &[\n");
    for p in &names {
        println!("cargo:rerun-if-changed={}", p.display());
        let file = p.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    ({file:?}, include_str!({:?})),",
            p.canonicalize().unwrap().display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    for (konst, file) in [("CODEBOOK", "codebook.json"), ("USER_DICT", "userdict.txt")] {
        let p = data.join(file);
        println!("cargo:rerun-if-changed={}", p.display());
        if p.exists() {
            writeln!(
                out,
                "pub const {konst}: &str = include_str!({:?});",
                p.canonicalize().unwrap().display().to_string()
            )
            .unwrap();
        } else {
            writeln!(out, "pub const {konst}: &str = \"\";").unwrap();
        }
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_data.rs");
    std::fs::write(dest, out).unwrap();
}
