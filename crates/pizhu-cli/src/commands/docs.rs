//! `pizhu completions SHELL` and `pizhu man`: shell completions and the man
//! page, generated from this very command definition (clap_complete, clap_mangen)
//! so they never drift from the real flags. The packages ship their output.

use std::io::Write;
use std::process::ExitCode;

use clap::Subcommand;
use clap_complete::Shell;
use pizhu_api::{ApiError, ErrorCode};

#[derive(Subcommand)]
pub enum Cmd {
    /// Print a completion script for SHELL (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff), as installed in man1/pizhu.1.
    Man,
}

pub fn run(mut command: clap::Command, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let mut out = std::io::stdout().lock();
    let written = match cmd {
        Cmd::Completions { shell } => {
            let name = command.get_name().to_string();
            clap_complete::generate(shell, &mut command, name, &mut out);
            Ok(())
        }
        Cmd::Man => clap_mangen::Man::new(command).render(&mut out),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("cannot write: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
