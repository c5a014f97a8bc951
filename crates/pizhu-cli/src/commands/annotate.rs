//! CLI commands: annotate (being written).

use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;

#[derive(Subcommand)]
pub enum Cmd {
    /// (placeholder until the annotate commands land)
    #[command(hide = true, name = "__annotate_placeholder")]
    Placeholder,
}

pub fn run(_dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    match cmd {
        Cmd::Placeholder => Ok(ExitCode::SUCCESS),
    }
}
