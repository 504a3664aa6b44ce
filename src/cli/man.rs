//! `errdocs man`: manual pages, generated from the clap definitions.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Cli;

/// `errdocs man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write `errdocs.1` and one `errdocs-COMMAND.1` per command into DIR
    /// instead of printing `errdocs.1`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Runs `man`.
pub fn run(args: Args) -> Result<u8> {
    let cmd = Cli::command();
    match args.out {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .context("cannot render the manual page")?;
            super::write_stdout(&String::from_utf8_lossy(&page))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(cmd, &dir)
                .with_context(|| format!("cannot write the manual pages into {}", dir.display()))?;
            eprintln!("wrote the manual pages into {}", dir.display());
        }
    }
    Ok(0)
}
