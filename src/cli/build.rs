//! `errdocs build`: the site, written only when `check` finds no errors.

use std::path::PathBuf;

use anyhow::Result;

use super::{CatalogArgs, DenyArgs};
use crate::output;
use crate::render;

/// `errdocs build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    catalog: CatalogArgs,
    /// The output folder.
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// A folder of templates overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Write nothing; exit 1 when the output folder differs from a fresh build.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    deny: DenyArgs,
}

/// Runs `build`.
pub fn run(args: Args) -> Result<u8> {
    let mut lap = crate::timings::Lap::new("build");
    let dir = &args.catalog.catalog;
    let out = &args.out;
    let (cat, config) = super::load(&args.catalog)?;
    lap.lap("load and parse");
    output::refuse_out(out, dir)?;
    let gate = super::gate(&cat, &config, &args.deny);
    lap.lap("check");
    if !gate.passes {
        eprintln!(
            "{}; nothing written, {} is unchanged",
            gate.summary.line(),
            out.display()
        );
        return Ok(1);
    }
    let templates = args
        .templates
        .or_else(|| config.site.templates.as_ref().map(|t| dir.join(t)));
    if args.check {
        let mut diff = output::Diff::new(out);
        render::render(&cat, &config, templates.as_deref(), &mut diff)?;
        let files = diff.files();
        let diffs = diff.finish();
        if diffs.is_empty() {
            eprintln!("{} is up to date ({files} files)", out.display());
            return Ok(0);
        }
        for d in diffs.iter().take(20) {
            eprintln!("{}: {d}", out.display());
        }
        if diffs.len() > 20 {
            eprintln!("… and {} more", diffs.len() - 20);
        }
        eprintln!(
            "{} is not what `errdocs build` would write: run it and commit",
            out.display()
        );
        return Ok(1);
    }
    let mut staging = output::Staging::begin(out)?;
    lap.lap("staging");
    render::render(&cat, &config, templates.as_deref(), &mut staging)?;
    lap.lap("render and write");
    let stats = staging.commit()?;
    lap.lap("commit");
    let codes = cat.entries.len();
    // As in `check`: the process ends next, freeing node by node only costs time.
    std::mem::forget(cat);
    eprintln!(
        "built {} codes into {} ({} files written, {} unchanged, {} removed; {})",
        codes,
        out.display(),
        stats.written,
        stats.unchanged,
        stats.removed,
        gate.summary.line()
    );
    Ok(0)
}
