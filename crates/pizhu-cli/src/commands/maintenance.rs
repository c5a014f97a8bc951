//! CLI commands: maintenance (being written).

use std::process::ExitCode;

use clap::Subcommand;
use pizhu_api::ApiError;
use pizhu_core::LibraryDir;

#[derive(Subcommand)]
pub enum Cmd {
    /// (placeholder until the maintenance commands land)
    #[command(hide = true, name = "__maintenance_placeholder")]
    Placeholder,
}

pub fn run(_dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    match cmd {
        Cmd::Placeholder => Ok(ExitCode::SUCCESS),
    }
}
