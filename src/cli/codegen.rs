//! `errdocs codegen`: a constants module for a language.

use std::path::PathBuf;

use anyhow::Result;

use super::{CatalogArgs, DenyArgs, write_file, write_stdout};
use crate::codegen::{self, Lang};

/// `errdocs codegen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The language.
    #[arg(long, value_enum)]
    lang: Lang,
    #[command(flatten)]
    catalog: CatalogArgs,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    deny: DenyArgs,
}

/// Runs `codegen`.
pub fn run(args: Args) -> Result<u8> {
    let (cat, config) = super::load(&args.catalog)?;
    let gate = super::gate(&cat, &config, &args.deny);
    if !gate.passes {
        eprintln!("{}; no constants written", gate.summary.line());
        return Ok(1);
    }
    if config.site.base_url.is_none() {
        eprintln!("warning: no [site] base-url in errdocs.toml: the doc URLs are site-relative");
    }
    let text = match codegen::generate(&cat, &config, args.lang) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(1);
        }
    };
    match &args.out {
        Some(path) => write_file(path, &text)?,
        None => write_stdout(&text)?,
    }
    Ok(0)
}
