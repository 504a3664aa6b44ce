//! `errdocs diff`: two versions of a catalog compared, for review and for CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;

use super::write_stdout;
use crate::catalog::{self, Catalog};
use crate::check;
use crate::config::{self, Config};
use crate::diag::{self, Diagnostic, Severity};
use crate::diff::{self, Side};

/// `errdocs diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old catalog folder (not with --since).
    #[arg(required_unless_present = "since")]
    old: Option<PathBuf>,
    /// The new catalog folder (default with --since: --catalog).
    new: Option<PathBuf>,
    /// Compare with the catalog as it was at this git revision (read with
    /// the `git` command).
    #[arg(long, value_name = "GIT_REF", conflicts_with = "old")]
    since: Option<String>,
    /// The catalog folder (with --since).
    #[arg(long, default_value = "catalog")]
    catalog: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when the change breaks a published link (a code's URL or an
    /// index anchor that resolved before).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

/// `diff` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A line per change.
    Human,
    /// `errdocs.diff/1` JSON.
    Json,
    /// Markdown, for a pull-request comment.
    Markdown,
}

/// What `--fail-on` fails on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A code URL or index anchor that resolved before no longer does.
    Breaking,
}

/// Runs `diff`.
pub fn run(args: Args) -> Result<u8> {
    let (_checkout, old_dir, new_dir) = match (&args.since, &args.old) {
        (Some(rev), _) => {
            let new = args.new.clone().unwrap_or_else(|| args.catalog.clone());
            let checkout = checkout(&new, rev)?;
            let old = checkout.path.clone();
            (Some(checkout), old, new)
        }
        (None, Some(old)) => {
            let Some(new) = &args.new else {
                bail!("diff needs two catalog folders: errdocs diff OLD NEW (or --since GIT_REF)");
            };
            (None, old.clone(), new.clone())
        }
        (None, None) => bail!("diff needs two catalog folders, or --since GIT_REF"),
    };
    let (old_cats, old_config) = load(&old_dir)?;
    let (new_cats, new_config) = load(&new_dir)?;
    let (old_cat, new_cat) = (&old_cats[0], &new_cats[0]);
    // What check says: about the old side only as notes, about the new side
    // as it is (its errors fail the diff).
    let findings = |cat: &Catalog, config: &Config| -> Vec<Diagnostic> {
        let mut found = check::check(cat, config);
        diag::sort(&mut found);
        check::apply_config(found, config, None).0
    };
    let old_findings = findings(old_cat, &old_config);
    let new_errors: Vec<Diagnostic> = findings(new_cat, &new_config)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &old_findings {
        eprintln!(
            "note: in the old catalog: {}:{}:{}: {} [{}]",
            d.span.file.display(),
            d.span.line,
            d.span.column,
            d.message,
            d.rule
        );
    }
    super::eprint_findings(&new_errors, &new_cat.files);
    let mut changes = diff::diff(
        &Side {
            cat: old_cat,
            config: &old_config,
        },
        &Side {
            cat: new_cat,
            config: &new_config,
        },
    )?;
    // The translations: the links each one published that no longer resolve.
    for old in &old_cats[1..] {
        let new = new_cats[1..]
            .iter()
            .find(|n| n.language.tag.eq_ignore_ascii_case(&old.language.tag))
            .map(|cat| Side {
                cat,
                config: &new_config,
            });
        changes.extend(diff::breaking_in_translation(
            &Side {
                cat: old,
                config: &old_config,
            },
            new.as_ref(),
        )?);
    }
    let text = match args.format {
        Format::Human => diff::human(&changes),
        Format::Json => diff::json(&changes),
        Format::Markdown => diff::markdown(&changes),
    };
    write_stdout(&text)?;
    let breaking = changes.iter().any(diff::Change::is_breaking);
    if !new_errors.is_empty() {
        eprintln!(
            "error: the new catalog has {} error{} (`errdocs check` explains them)",
            new_errors.len(),
            if new_errors.len() == 1 { "" } else { "s" }
        );
        return Ok(1);
    }
    Ok(u8::from(args.fail_on.is_some() && breaking))
}

/// Every language's catalog (the default first).
fn load(dir: &Path) -> Result<(Vec<Catalog>, Config)> {
    super::require_folder(dir, "catalog folder")?;
    let config = config::load(dir)?;
    let cats = catalog::load_languages(dir, &config)?;
    Ok((cats, config))
}

/// A folder removed when dropped.
struct Checkout {
    path: PathBuf,
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The catalog folder `dir` as it was at git revision `rev`, written into a
/// temporary folder (with the `git` command line: `ls-tree`, then `show`
/// for each file).
fn checkout(dir: &Path, rev: &str) -> Result<Checkout> {
    if rev.starts_with('-') {
        bail!("{rev:?} is not a git revision");
    }
    let git = |args: &[&str]| -> Result<Vec<u8>> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .context("cannot run git (is it installed?)")?;
        if !out.status.success() {
            bail!(
                "git {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(out.stdout)
    };
    let prefix = String::from_utf8_lossy(&git(&["rev-parse", "--show-prefix"])?)
        .trim()
        .to_string();
    let tree = git(&[
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        "--full-tree",
        rev,
        "--",
        &format!(":/{prefix}"),
    ])?;
    let path = std::env::temp_dir().join(format!(
        "errdocs-diff-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    std::fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let checkout = Checkout { path };
    let mut files = 0;
    for name in tree.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name);
        let Some(rel) = name.strip_prefix(&prefix) else {
            continue;
        };
        if rel.split('/').any(|c| c.is_empty() || c == "..") {
            continue;
        }
        let bytes = git(&["show", &format!("{rev}:{name}")])?;
        let target = checkout.path.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&target, bytes)
            .with_context(|| format!("cannot write {}", target.display()))?;
        files += 1;
    }
    if files == 0 {
        bail!("the catalog folder {} has no files at {rev}", dir.display());
    }
    Ok(checkout)
}
