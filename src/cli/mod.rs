//! The command line: clap definitions, the arguments several commands
//! share, and dispatch to one module per command.
//!
//! Exit status, for every command: 0 fine, 1 the input has errors, 2 errdocs
//! could not run (bad flag, missing folder, bad `errdocs.toml`, I/O).

mod build;
mod check;
mod codegen;
mod completions;
mod diff;
mod explain;
mod export;
mod init;
mod inspect;
mod man;
mod serve;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::catalog::{self, Catalog};
use crate::config::{self, Config};
use crate::diag::{self, Diagnostic, Sources};

/// Read MyST error-code catalogs exactly as Sphinx does, check them, export them.
#[derive(Debug, Parser)]
#[command(name = "errdocs", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: an index with Sphinx's anchors, one page per code,
    /// search, catalog.json. Refuses to write anything when check finds errors.
    Build(build::Args),
    /// Write a starter catalog, errdocs.toml and copies of the templates into DIR.
    Init(init::Args),
    /// Show a code's page in the terminal (like `rustc --explain`).
    Explain(explain::ExplainArgs),
    /// Write a constants module for a language: one constant per code, its
    /// doc URL and message.
    Codegen(codegen::Args),
    /// Print the URL of a code's page (absolute with a base URL).
    Url(explain::UrlArgs),
    /// Check the catalog: unique codes, well-formed rows, consistent fields.
    ///
    /// Exit status: 0 no errors, 1 errors (or warnings with --deny warnings),
    /// 2 errdocs could not run.
    Check(check::Args),
    /// Print one Markdown file as errdocs reads it (sections, tables, admonitions).
    Inspect(inspect::Args),
    /// Print every entry of the catalog in a versioned schema.
    Export(export::Args),
    /// Compare two versions of a catalog: codes added, removed, renumbered,
    /// changed, moved, and the published links the new one breaks.
    Diff(diff::Args),
    /// Serve the site on 127.0.0.1 while you edit: it is rebuilt (into a
    /// temporary folder, never into site/) when the catalog, errdocs.toml or
    /// the templates change, and open pages reload; errors show on every page.
    Serve(serve::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff), or write one per command into a folder.
    Man(man::Args),
}

/// The catalog folder (every command that reads a catalog).
#[derive(Debug, Clone, clap::Args)]
pub struct CatalogArgs {
    /// The catalog folder.
    #[arg(long, default_value = "catalog")]
    pub catalog: PathBuf,
}

/// The catalog folder as a positional argument or `--catalog` (the commands
/// people type most: `errdocs check docs/errors`).
#[derive(Debug, Clone, clap::Args)]
pub struct CatalogDirArgs {
    /// The catalog folder (the same as --catalog; default `catalog`).
    #[arg(value_name = "CATALOG", conflicts_with = "catalog")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    catalog: CatalogArgs,
}

impl CatalogDirArgs {
    /// The folder, however it was given.
    pub fn resolve(self) -> CatalogArgs {
        match self.dir {
            Some(catalog) => CatalogArgs { catalog },
            None => self.catalog,
        }
    }
}

/// `--deny warnings` (every command that gates on the catalog).
#[derive(Debug, Clone, clap::Args)]
pub struct DenyArgs {
    /// Make warnings fail too.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail.
    Warnings,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to a stream that is (or is not) a terminal.
    pub fn resolve(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Runs the command line; 0 ok, 1 the input has errors, 2 errdocs could not run.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Build(a) => build::run(a),
        Command::Init(a) => init::run(a),
        Command::Explain(a) => explain::run_explain(a),
        Command::Codegen(a) => codegen::run(a),
        Command::Url(a) => explain::run_url(a),
        Command::Check(a) => check::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Export(a) => export::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// Reads `errdocs.toml` and the catalog folder (its default language's
/// catalog, when `[[language]]` lists several).
fn load(args: &CatalogArgs) -> Result<(Catalog, Config)> {
    let (mut cats, config) = load_all(args)?;
    Ok((cats.swap_remove(0), config))
}

/// Reads `errdocs.toml` and every language's catalog (the default first).
fn load_all(args: &CatalogArgs) -> Result<(Vec<Catalog>, Config)> {
    let dir = &args.catalog;
    require_folder(dir, "catalog folder")?;
    let config = config::load(dir)?;
    let cats = catalog::load_languages(dir, &config)?;
    Ok((cats, config))
}

/// [`load_all`], running `beside` (given the configuration) on another
/// thread while the catalogs are read.
fn load_all_beside<T: Send>(
    args: &CatalogArgs,
    beside: impl FnOnce(&Config) -> T + Send,
) -> Result<(Vec<Catalog>, Config, T)> {
    let dir = &args.catalog;
    require_folder(dir, "catalog folder")?;
    let config = config::load(dir)?;
    let (cats, other) = std::thread::scope(|s| {
        let other = s.spawn(|| beside(&config));
        (catalog::load_languages(dir, &config), other.join())
    });
    let other = other.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    Ok((cats?, config, other))
}

/// The catalog in language `tag` (`--lang`; none: the default).
fn pick_language(cats: Vec<Catalog>, tag: Option<&str>) -> Result<Catalog> {
    let Some(tag) = tag else {
        return Ok(cats.into_iter().next().expect("one catalog at least"));
    };
    let tags: Vec<String> = cats.iter().map(|c| c.language.tag.clone()).collect();
    match cats
        .into_iter()
        .find(|c| c.language.tag.eq_ignore_ascii_case(tag))
    {
        Some(c) => Ok(c),
        None => {
            // The same language first (zh-TW → zh-CN), then the spelling.
            let primary = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
            let near = tags
                .iter()
                .map(String::as_str)
                .find(|t| primary(t) == primary(tag))
                .or_else(|| crate::text::did_you_mean(tag, tags.iter().map(String::as_str)));
            anyhow::bail!(
                "no language {tag:?} in the catalog (its languages: {}){}",
                tags.join(", "),
                near.map_or_else(String::new, |n| format!("; did you mean {n:?}?"))
            )
        }
    }
}

/// An error unless `dir` is a folder: it does not exist, or it is a file.
fn require_folder(dir: &Path, what: &str) -> Result<()> {
    if dir.is_dir() {
        Ok(())
    } else if dir.exists() {
        anyhow::bail!("{what} {} is a file, not a folder", dir.display())
    } else {
        anyhow::bail!("{what} {} does not exist", dir.display())
    }
}

/// What `check` found, as `build`, `codegen` and `export` print it.
struct Gate {
    summary: diag::Summary,
    /// No errors (and no warnings with `--deny warnings`).
    passes: bool,
    /// The findings, after the configuration.
    diags: Vec<Diagnostic>,
}

/// Runs `check` (with the configured severities and ignores) and prints
/// every finding to standard error as `check` prints them.
fn gate(cat: &Catalog, config: &Config, deny: &DenyArgs) -> Gate {
    gate_all(std::slice::from_ref(cat), config, deny)
}

/// [`gate`] over every language's catalog and their translations.
fn gate_all(cats: &[Catalog], config: &Config, deny: &DenyArgs) -> Gate {
    gate_all_with(cats, config, deny, true)
}

/// [`gate_all`], the rules in parallel or one after the other
/// ([`crate::check::check_all_with`]).
fn gate_all_with(cats: &[Catalog], config: &Config, deny: &DenyArgs, parallel: bool) -> Gate {
    let mut found = crate::check::check_all_with(cats, config, parallel);
    diag::sort(&mut found);
    let (diags, suppressed) = crate::check::apply_config(found, config, None);
    let summary = diag::Summary::of(&diags, suppressed);
    let passes = diag::exit_code(&diags, deny.deny.is_some()) == 0;
    eprint_findings(&diags, cats.iter().flat_map(|c| &c.files));
    Gate {
        summary,
        passes,
        diags,
    }
}

/// Prints findings to standard error as `check` prints them (snippets from
/// `files`), in file order.
fn eprint_findings<'a>(
    diags: &[Diagnostic],
    files: impl IntoIterator<Item = &'a crate::source::SourceFile>,
) {
    if diags.is_empty() {
        return;
    }
    let mut sources = Sources::new(files);
    sources.read_missing(diags);
    let color = ColorChoice::Auto.resolve(std::io::stderr().is_terminal());
    eprint!("{}", diag::human::human(diags, &sources, color));
}

fn write_stdout(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("cannot write to standard output"),
    }
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
