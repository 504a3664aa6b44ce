//! `errdocs completions`: a shell completion script, generated from the
//! clap definitions.

use anyhow::Result;
use clap::CommandFactory;

use super::Cli;

/// `errdocs completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell (e.g. `errdocs completions bash > ~/.local/share/bash-completion/completions/errdocs`).
    shell: clap_complete::Shell,
}

/// Runs `completions`: the script on standard output.
pub fn run(args: Args) -> Result<u8> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "errdocs", &mut out);
    super::write_stdout(&String::from_utf8_lossy(&out))?;
    Ok(0)
}
