//! `pizhu serve`: the UI and API over HTTP on 127.0.0.1 (being written).

use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;

#[derive(Subcommand)]
pub enum Cmd {
    /// Serve the Pizhu UI and API on 127.0.0.1 for a browser.
    Serve {
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

pub fn run(_dir: &LibraryDir, _cmd: Cmd) -> Result<ExitCode, ApiError> {
    Err(ApiError::new(pizhu_api::ErrorCode::Internal, "serve is not written yet"))
}
