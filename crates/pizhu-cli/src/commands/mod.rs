//! One module per feature area; each has a clap `Cmd` enum (flattened into the
//! top level) and a `run` that calls the API and prints.

pub mod analysis;
pub mod annotate;
pub mod cite;
pub mod collections;
pub mod docs;
pub mod export;
pub mod library;
pub mod maintenance;
pub mod reference_files;
pub mod review;
pub mod search;
pub mod serve;

use pizhu_api::{ApiError, Pizhu};
use pizhu_core::LibraryDir;

pub fn open(dir: &LibraryDir) -> Result<Pizhu, ApiError> {
    let app = Pizhu::open(dir)?;
    // A library restored from a backup at start-up: say so, on stderr so --json
    // output stays clean.
    if let Some(report) = app.store().recovered() {
        eprintln!("pizhu: {}", report.message());
    }
    Ok(app)
}
