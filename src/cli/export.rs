//! `errdocs export`: the catalog as `errdocs.catalog/1` JSON, or as RFC 9457
//! problem types.

use anyhow::Result;
use clap::ValueEnum;

use super::{CatalogArgs, DenyArgs, write_stdout};
use crate::export;

/// `errdocs export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    catalog: CatalogArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    #[command(flatten)]
    deny: DenyArgs,
    /// The language (a `[[language]]` tag; default: the first).
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
}

/// `export` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `errdocs.catalog/1` JSON.
    Json,
    /// RFC 9457 problem type objects (`errdocs.problem-types/1`).
    ProblemTypes,
}

/// Runs `export`.
pub fn run(args: Args) -> Result<u8> {
    let (cats, config) = super::load_all(&args.catalog)?;
    let gate = super::gate_all(&cats, &config, &args.deny);
    let cat = super::pick_language(cats, args.lang.as_deref())?;
    if !gate.passes {
        eprintln!("{}; nothing exported", gate.summary.line());
        return Ok(1);
    }
    if args.format == Format::ProblemTypes {
        if config.site.base_url.is_none() {
            eprintln!(
                "warning: no [site] base-url in errdocs.toml: problem type URIs are site-relative"
            );
        }
        let v = export::problem_types(&cat, &config)?;
        write_stdout(&(serde_json::to_string_pretty(&v)? + "\n"))?;
        return Ok(0);
    }
    write_stdout(&export::catalog_json(&cat))?;
    Ok(0)
}
