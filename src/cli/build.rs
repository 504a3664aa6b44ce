//! `errdocs build`: the site, written only when `check` finds no errors.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{CatalogDirArgs, DenyArgs};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::contract::{self, Break};
use crate::output;
use crate::render;

/// `errdocs build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    catalog: CatalogDirArgs,
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
    /// Build even when codes that the site in the output folder published
    /// are gone or their pages moved without a redirect: their pages are
    /// deleted (`errdocs diff` still reports them).
    #[arg(long)]
    allow_removal: bool,
}

/// Runs `build`.
pub fn run(args: Args) -> Result<u8> {
    let mut lap = crate::timings::Lap::new("build");
    let catalog = args.catalog.clone().resolve();
    let dir = &catalog.catalog;
    let out = &args.out;
    let (cat, config) = super::load(&catalog)?;
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
    if !args.check && !keeps_published_urls(out, &cat, &config, args.allow_removal)? {
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

/// Whether building into `out` keeps every code URL the errdocs site there
/// published (or `--allow-removal` accepts losing some). Says what breaks
/// and how to keep it.
fn keeps_published_urls(
    out: &Path,
    cat: &Catalog,
    config: &Config,
    allow_removal: bool,
) -> Result<bool> {
    let Some(published) = contract::published(out)? else {
        return Ok(true);
    };
    let breaks = contract::broken(&published, cat, config)?;
    if breaks.is_empty() {
        return Ok(true);
    }
    let level = if allow_removal { "warning" } else { "error" };
    for b in &breaks {
        match b {
            Break::Lost {
                code,
                path,
                message,
                group,
            } => {
                eprintln!(
                    "{level}: code {code} has a page in {} ({path}) that links in old logs lead to, but the catalog no longer lists it",
                    out.display()
                );
                eprintln!(
                    "  = help: to keep its page as a tombstone, record the removal in errdocs.toml:\n          [codes.{code:?}]\n          lifecycle = \"removed\"\n          message = {message:?}\n          group = {group:?}"
                );
            }
            Break::Moved { code, from, to } => {
                eprintln!(
                    "{level}: the page of code {code} moved from {from} to {to}, and nothing redirects from {from}"
                );
                eprintln!(
                    "  = help: list the old url-pattern in [site] previous-url-patterns (or add {from:?} = {to:?} to [redirects]) so the old URL redirects"
                );
            }
        }
    }
    if allow_removal {
        eprintln!(
            "warning: --allow-removal: {} published page{} of {} will no longer be served",
            breaks.len(),
            if breaks.len() == 1 { "" } else { "s" },
            out.display()
        );
        return Ok(true);
    }
    eprintln!(
        "error: {} published page{} would break; nothing written, {} is unchanged (pass --allow-removal to accept it on purpose)",
        breaks.len(),
        if breaks.len() == 1 { "" } else { "s" },
        out.display()
    );
    Ok(false)
}
