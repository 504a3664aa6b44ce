//! `errdocs explain` and `errdocs url`: a code's page in the terminal, and
//! its URL.

use std::io::IsTerminal;

use anyhow::Result;

use super::{CatalogArgs, ColorChoice, write_stdout};
use crate::catalog::Catalog;
use crate::explain;
use crate::urls;

/// `errdocs explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code.
    code: String,
    #[command(flatten)]
    catalog: CatalogArgs,
}

/// `errdocs url`.
#[derive(Debug, clap::Args)]
pub struct UrlArgs {
    /// The code.
    code: String,
    #[command(flatten)]
    catalog: CatalogArgs,
    /// The site's URL (overrides `[site] base-url`).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

/// Runs `explain`.
pub fn run_explain(args: ExplainArgs) -> Result<u8> {
    let (cat, config) = super::load(&args.catalog)?;
    let Some(e) = cat.find(&args.code) else {
        return Ok(unknown_code(&cat, &args.code));
    };
    let bold = ColorChoice::Auto.resolve(std::io::stdout().is_terminal());
    write_stdout(&explain::explain(&cat, &config, e, bold))?;
    Ok(0)
}

/// Runs `url`.
pub fn run_url(args: UrlArgs) -> Result<u8> {
    let (cat, config) = super::load(&args.catalog)?;
    let Some(e) = cat.find(&args.code) else {
        return Ok(unknown_code(&cat, &args.code));
    };
    write_stdout(&(urls::entry_url(&cat, &config, e, args.base_url.as_deref())? + "\n"))?;
    Ok(0)
}

fn unknown_code(cat: &Catalog, code: &str) -> u8 {
    let near = explain::nearest(cat, code);
    eprintln!("error: no code {code:?} in the catalog");
    if !near.is_empty() {
        eprintln!("help: the nearest known codes are {}", near.join(", "));
    }
    1
}
