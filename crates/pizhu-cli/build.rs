//! `pizhu serve` embeds `ui/dist` (rust-embed). Without this, a CLI built before
//! the first `npm run build` keeps an empty UI until its source changes: cargo
//! does not know the embedded folder is an input.
fn main() {
    println!("cargo:rerun-if-changed=../../ui/dist");
    println!("cargo:rerun-if-changed=build.rs");
}
