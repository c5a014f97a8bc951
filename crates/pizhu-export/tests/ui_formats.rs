//! The UI's list of export formats is generated from [`Format::ALL`], so names,
//! extensions and MIME types live in one place. This test fails when the committed
//! file differs from what Rust says; `PIZHU_BLESS=1 cargo test -p pizhu-export
//! --test ui_formats` rewrites it.

use std::path::PathBuf;

use pizhu_export::Format;

const TARGET: &str = "../../ui/src/features/export/formats.generated.ts";

fn generate() -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap();
    let mut out = String::from(
        "// Generated from pizhu-export's `Format` (crates/pizhu-export/src/format.rs).\n\
         // Do not edit: `PIZHU_BLESS=1 cargo test -p pizhu-export --test ui_formats` rewrites it.\n\n",
    );
    let names: Vec<String> = Format::ALL.iter().map(|f| quote(f.name())).collect();
    out += &format!("export type ExportFormatName = {};\n\n", names.join(" | "));
    out += "export interface ExportFormat {\n  name: ExportFormatName;\n  extension: string;\n  mimeType: string;\n}\n\n";
    out += "export const EXPORT_FORMATS: readonly ExportFormat[] = [\n";
    for f in Format::ALL {
        out += &format!(
            "  {{ name: {}, extension: {}, mimeType: {} }},\n",
            quote(f.name()),
            quote(f.extension()),
            quote(f.mime_type())
        );
    }
    out += "];\n";
    out
}

#[test]
fn the_ui_format_list_is_the_one_rust_writes() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(TARGET);
    let want = generate();
    if std::env::var_os("PIZHU_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is out of date: run PIZHU_BLESS=1 cargo test -p pizhu-export --test ui_formats",
        path.display()
    );
}
