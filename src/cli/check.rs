//! `errdocs check`: the catalog gate for CI.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::ValueEnum;

use super::{CatalogDirArgs, ColorChoice, DenyArgs, write_file, write_stdout};
use crate::check::{self, Baseline};
use crate::diag::{self, Sources};
use crate::drift;
use crate::rules::RULES;

/// `errdocs check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    catalog: CatalogDirArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    deny: DenyArgs,
    /// Colours in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Leave out the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in FILE (to adopt the gate on an old catalog) and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Compare the catalog with source code: each PATH is a source set tied
    /// to the catalog groups it defines at least half the codes of; without
    /// paths, the `[[drift.scope]]`s of errdocs.toml. A summary of what was
    /// read goes to standard error (human format).
    #[arg(long, value_name = "PATH", num_args = 0..)]
    sources: Option<Vec<PathBuf>>,
}

/// `check` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with source snippets.
    Human,
    /// `errdocs.diagnostics/1` JSON.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
}

/// Runs `check`.
pub fn run(args: Args) -> Result<u8> {
    let catalog = args.catalog.clone().resolve();
    let (cats, config) = super::load_all(&catalog)?;
    let cat = &cats[0];
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read baseline {}", path.display()))?;
            Some(
                serde_json::from_str::<Baseline>(&text)
                    .with_context(|| format!("{} is not an errdocs baseline", path.display()))?,
            )
        }
        None => None,
    };
    // Each scope's findings get its rule levels over [rules].
    let mut parts = vec![(check::check_all(&cats, &config), None)];
    if let Some(paths) = &args.sources {
        let run = drift::run(cat, &config, &catalog.catalog, paths)?;
        if args.format == Format::Human {
            eprint!("{}", drift::summary::text(cat, &run));
        }
        let mut per_scope: Vec<Vec<diag::Diagnostic>> = vec![Vec::new(); run.scopes.len() + 1];
        for f in drift::check(cat, &config, &run) {
            per_scope[f.scope.unwrap_or(run.scopes.len())].push(f.diagnostic);
        }
        for (k, diags) in per_scope.into_iter().enumerate() {
            parts.push((
                diags,
                run.scopes.get(k).map(|s| config.with_rules(&s.rules)),
            ));
        }
    }
    let gate = |baseline: Option<&Baseline>| {
        let mut kept = Vec::new();
        let mut suppressed = 0;
        for (diags, own) in &parts {
            let (k, s) =
                check::apply_config(diags.clone(), own.as_ref().unwrap_or(&config), baseline);
            kept.extend(k);
            suppressed += s;
        }
        diag::sort(&mut kept);
        kept.dedup();
        (kept, suppressed)
    };
    if let Some(path) = &args.write_baseline {
        let (kept, _) = gate(None);
        let doc = Baseline::of(&kept);
        write_file(path, &(serde_json::to_string_pretty(&doc)? + "\n"))
            .context("cannot write the baseline")?;
        eprintln!(
            "wrote {} findings to {}",
            doc.findings.len(),
            path.display()
        );
        return Ok(0);
    }
    let (diags, suppressed) = gate(baseline.as_ref());
    let summary = diag::Summary::of(&diags, suppressed);
    let out = match args.format {
        Format::Human => {
            let mut sources = Sources::new(cats.iter().flat_map(|c| &c.files));
            sources.read_missing(&diags);
            let color = args.color.resolve(std::io::stdout().is_terminal());
            let mut text = diag::human::human(&diags, &sources, color);
            text.push_str(&summary.line());
            text.push('\n');
            text
        }
        Format::Json => diag::json::json(&diags, summary),
        Format::Github => diag::github::github(&diags),
        Format::Sarif => diag::sarif::sarif(&diags, RULES),
    };
    write_stdout(&out)?;
    let code = diag::exit_code(&diags, args.deny.deny.is_some());
    // The process ends next: freeing a large catalog node by node would only
    // cost time (a third of a 100,000-code check).
    std::mem::forget(cats);
    Ok(code)
}
