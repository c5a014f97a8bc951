//! `pizhu`: the library from a terminal. Every command goes through the same
//! operations as the desktop app ([`pizhu_api::Pizhu::call`]); this file only
//! parses arguments and prints.

mod commands;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "pizhu",
    version,
    about = "批注 Pizhu — read, highlight and code Chinese articles"
)]
struct Cli {
    /// The library folder (default: $PIZHU_LIBRARY, else the OS app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    library: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Library(commands::library::Cmd),
    #[command(flatten)]
    Annotate(commands::annotate::Cmd),
    #[command(flatten)]
    Search(commands::search::Cmd),
    #[command(flatten)]
    Export(commands::export::Cmd),
    #[command(flatten)]
    Cite(commands::cite::Cmd),
    #[command(flatten)]
    Analysis(commands::analysis::Cmd),
    #[command(flatten)]
    Maintenance(commands::maintenance::Cmd),
    #[command(flatten)]
    ReferenceFiles(commands::reference_files::Cmd),
    #[command(flatten)]
    Review(commands::review::Cmd),
    #[command(flatten)]
    Collections(commands::collections::Cmd),
    #[command(flatten)]
    Serve(commands::serve::Cmd),
    #[command(flatten)]
    Docs(commands::docs::Cmd),
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            // clap's own exit code for --help/--version is 0; a usage error is 2.
            return if usage {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let dir = pizhu_core::LibraryDir::resolve(cli.library.as_deref());
    let result = match cli.command {
        // No library needed: these describe the command itself.
        Command::Docs(cmd) => commands::docs::run(Cli::command(), cmd),
        Command::Library(cmd) => commands::library::run(&dir, cmd),
        Command::Annotate(cmd) => commands::annotate::run(&dir, cmd),
        Command::Search(cmd) => commands::search::run(&dir, cmd),
        Command::Export(cmd) => commands::export::run(&dir, cmd),
        Command::Cite(cmd) => commands::cite::run(&dir, cmd),
        Command::Analysis(cmd) => commands::analysis::run(&dir, cmd),
        Command::Maintenance(cmd) => commands::maintenance::run(&dir, cmd),
        Command::ReferenceFiles(cmd) => commands::reference_files::run(&dir, cmd),
        Command::Review(cmd) => commands::review::run(&dir, cmd),
        Command::Collections(cmd) => commands::collections::run(&dir, cmd),
        Command::Serve(cmd) => commands::serve::run(&dir, cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pizhu: {}", e.message);
            ExitCode::from(1)
        }
    }
}

/// Rust ignores SIGPIPE, so `pizhu kwic 影视 | head -1` would panic on the closed
/// pipe; a command-line tool should just stop, as other Unix tools do.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
