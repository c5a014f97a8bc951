//! Print what the importer makes of a file, as JSON (a development aid):
//! `cargo run -p pizhu-import --example import_dump -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: import_dump FILE");
    match pizhu_import::import_path(
        std::path::Path::new(&path),
        &pizhu_import::ImportOptions::default(),
    ) {
        Ok(file) => println!("{}", serde_json::to_string_pretty(&file).unwrap()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
