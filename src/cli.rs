//! The command line: clap definitions and dispatch.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::catalog;
use crate::check;
use crate::codegen;
use crate::config::{self, Config};
use crate::diag;
use crate::drift;
use crate::explain;
use crate::export;
use crate::output;
use crate::parse::{self, Level, ParseConfig};
use crate::render;
use crate::source::SourceFile;

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
    Build {
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// The output folder.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// A folder of templates overriding the built-in ones.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Write nothing; exit 1 when the output folder differs from a fresh build.
        #[arg(long)]
        check: bool,
    },
    /// Write a starter catalog, errdocs.toml and copies of the templates into DIR.
    Init {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// Show a code's page in the terminal (like `rustc --explain`).
    Explain {
        /// The code.
        code: String,
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
    },
    /// Write a constants module for a language: one constant per code, its
    /// doc URL and message.
    Codegen {
        /// The language.
        #[arg(long, value_enum)]
        lang: codegen::Lang,
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the URL of a code's page (absolute with a base URL).
    Url {
        /// The code.
        code: String,
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// The site's URL (overrides `[site] base-url`).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check the catalog: unique codes, well-formed rows, consistent fields.
    ///
    /// Exit status: 0 no errors, 1 errors (or warnings with --deny warnings),
    /// 2 errdocs could not run.
    Check {
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Make warnings fail the check too.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// Colours in human output.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Leave out the findings recorded in this baseline file.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record every current finding in FILE (to adopt the gate on an old catalog) and exit 0.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Source trees to compare with the catalog (codes defined but not
        /// documented, documented but not defined, named differently).
        #[arg(long, value_name = "PATH", num_args = 1..)]
        sources: Vec<PathBuf>,
    },
    /// Print one Markdown file as errdocs reads it (sections, tables, admonitions).
    Inspect {
        /// The `.md` file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = InspectFormat::Json)]
        format: InspectFormat,
    },
    /// Print every entry of the catalog in a versioned schema.
    Export {
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

/// `check` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style text with source snippets.
    Human,
    /// `errdocs.diagnostics/1` JSON.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the check.
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

/// `inspect` output formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InspectFormat {
    /// JSON.
    Json,
}

/// `export` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// `errdocs.catalog/1` JSON.
    Json,
    /// RFC 9457 problem type objects (`errdocs.problem-types/1`).
    ProblemTypes,
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
    match dispatch(cli) {
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

fn dispatch(cli: Cli) -> Result<u8> {
    let config = ParseConfig::default();
    match cli.command {
        Command::Build {
            catalog,
            out,
            templates,
            check,
        } => run_build(&catalog, &out, templates, check),
        Command::Init { dir } => run_init(&dir),
        Command::Explain { code, catalog } => {
            let (cat, config) = load_catalog(&catalog)?;
            match explain::find(&cat, &code) {
                Some(e) => {
                    let bold =
                        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    write_stdout(&explain::explain(&cat, &config, e, bold))?;
                    Ok(0)
                }
                None => Ok(unknown_code(&cat, &code)),
            }
        }
        Command::Codegen { lang, catalog, out } => {
            let (cat, config) = load_catalog(&catalog)?;
            if config.site.base_url.is_none() {
                eprintln!(
                    "warning: no [site] base-url in errdocs.toml: the doc URLs are site-relative"
                );
            }
            let text = match codegen::generate(&cat, &config, lang) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(1);
                }
            };
            match out {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => write_stdout(&text)?,
            }
            Ok(0)
        }
        Command::Url {
            code,
            catalog,
            base_url,
        } => {
            let (cat, config) = load_catalog(&catalog)?;
            match explain::find(&cat, &code) {
                Some(e) => {
                    write_stdout(&(explain::url(&config, e, base_url.as_deref())? + "\n"))?;
                    Ok(0)
                }
                None => Ok(unknown_code(&cat, &code)),
            }
        }
        Command::Check {
            catalog,
            format,
            deny,
            color,
            baseline,
            write_baseline,
            sources,
        } => run_check(
            &catalog,
            format,
            deny.is_some(),
            color,
            baseline,
            write_baseline,
            &sources,
        ),
        Command::Inspect { file, format: _ } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let src = match SourceFile::from_bytes(&file, &bytes) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!(
                        "error: {}:{}:{}: not valid UTF-8 (byte offset {})",
                        file.display(),
                        e.line,
                        e.column,
                        e.byte_offset
                    );
                    return Ok(1);
                }
            };
            let doc = parse::parse(&src, &config);
            print_reader_errors(&src.path, &doc.warnings);
            write_stdout(&export::inspect_json(&doc))?;
            Ok(exit_for(&doc.warnings))
        }
        Command::Export { catalog, format } => {
            let (cat, config) = load_catalog(&catalog)?;
            if format == ExportFormat::ProblemTypes {
                if config.site.base_url.is_none() {
                    eprintln!(
                        "warning: no [site] base-url in errdocs.toml: problem type URIs are site-relative"
                    );
                }
                let v = explain::problem_types(&cat, &config)?;
                write_stdout(&(serde_json::to_string_pretty(&v)? + "\n"))?;
                return Ok(0);
            }
            let mut all = Vec::new();
            for (path, w) in &cat.load_errors {
                print_reader_errors(path, std::slice::from_ref(w));
                all.push(w.clone());
            }
            for p in &cat.pages {
                print_reader_errors(&p.source.path, &p.doc.warnings);
                all.extend(p.doc.warnings.iter().cloned());
            }
            write_stdout(&export::export_json(&cat))?;
            Ok(exit_for(&all))
        }
    }
}

fn unknown_code(cat: &catalog::Catalog, code: &str) -> u8 {
    let near = explain::nearest(cat, code);
    eprintln!("error: no code {code:?} in the catalog");
    if !near.is_empty() {
        eprintln!("help: the nearest known codes are {}", near.join(", "));
    }
    1
}

/// Reads `errdocs.toml` and the catalog folder.
fn load_catalog(dir: &Path) -> Result<(catalog::Catalog, Config)> {
    if !dir.is_dir() {
        anyhow::bail!("catalog folder {} does not exist", dir.display());
    }
    let config = config::load(dir, &check::rule_ids())?;
    let parse_config = ParseConfig {
        smartquotes: config.catalog.smartquotes,
        ..ParseConfig::default()
    };
    let cat = catalog::load(dir, &parse_config, &config.catalog.code_columns)?;
    Ok((cat, config))
}

fn run_check(
    dir: &Path,
    format: CheckFormat,
    deny_warnings: bool,
    color: ColorChoice,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
    sources: &[PathBuf],
) -> Result<u8> {
    let (cat, config) = load_catalog(dir)?;
    let baseline = match baseline {
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read baseline {}", path.display()))?;
            Some(
                serde_json::from_str::<check::Baseline>(&text)
                    .with_context(|| format!("{} is not an errdocs baseline", path.display()))?,
            )
        }
        None => None,
    };
    let mut found = check::check(&cat, &config);
    if !sources.is_empty() {
        let defs = drift::scan(sources, &config)?;
        found.extend(drift::check(&cat, &defs));
    }
    diag::sort(&mut found);
    if let Some(path) = write_baseline {
        let (kept, _) = check::apply_config(found, &config, None);
        let doc = check::Baseline::of(&kept);
        let text = serde_json::to_string_pretty(&doc)? + "\n";
        std::fs::write(&path, text)
            .with_context(|| format!("cannot write baseline {}", path.display()))?;
        eprintln!(
            "wrote {} findings to {}",
            doc.findings.len(),
            path.display()
        );
        return Ok(0);
    }
    let (diags, suppressed) = check::apply_config(found, &config, baseline.as_ref());
    let summary = diag::Summary::of(&diags, suppressed);
    let out = match format {
        CheckFormat::Human => {
            let mut sources: BTreeMap<PathBuf, SourceFile> = cat
                .pages
                .iter()
                .map(|p| (p.source.path.clone(), p.source.clone()))
                .collect();
            for d in &diags {
                for f in std::iter::once(&d.span.file).chain(d.related.iter().map(|r| &r.span.file))
                {
                    if !sources.contains_key(f)
                        && let Ok(bytes) = std::fs::read(f)
                        && let Ok(src) = SourceFile::from_bytes(f, &bytes)
                    {
                        sources.insert(f.clone(), src);
                    }
                }
            }
            let use_color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let mut text = diag::human(&diags, &sources, use_color);
            text.push_str(&summary.line());
            text.push('\n');
            text
        }
        CheckFormat::Json => diag::json(&diags, summary),
        CheckFormat::Github => diag::github(&diags),
        CheckFormat::Sarif => diag::sarif(&diags, check::RULES),
    };
    write_stdout(&out)?;
    let code = diag::exit_code(&diags, deny_warnings);
    // The process ends next: freeing a large catalog node by node would only
    // cost time (a third of a 100,000-code check).
    std::mem::forget(cat);
    Ok(code)
}

fn run_build(dir: &Path, out: &Path, templates: Option<PathBuf>, check_only: bool) -> Result<u8> {
    let mut lap = crate::timings::Lap::new("build");
    let (cat, config) = load_catalog(dir)?;
    lap.lap("load and parse");
    output::refuse_out(out, dir)?;
    let mut found = check::check(&cat, &config);
    lap.lap("check");
    diag::sort(&mut found);
    let (diags, suppressed) = check::apply_config(found, &config, None);
    let summary = diag::Summary::of(&diags, suppressed);
    if summary.errors > 0 {
        let errors: Vec<diag::Diagnostic> = diags
            .into_iter()
            .filter(|d| d.severity == diag::Severity::Error)
            .collect();
        let sources = cat
            .pages
            .iter()
            .map(|p| (p.source.path.clone(), p.source.clone()))
            .collect();
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        eprint!("{}", diag::human(&errors, &sources, color));
        eprintln!(
            "{}; nothing written, {} is unchanged",
            summary.line(),
            out.display()
        );
        return Ok(1);
    }
    let templates = templates.or_else(|| config.site.templates.as_ref().map(|t| dir.join(t)));
    if check_only {
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
        summary.line()
    );
    Ok(0)
}

fn run_init(dir: &Path) -> Result<u8> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        anyhow::bail!("{} exists and is not empty", dir.display());
    }
    let catalog = dir.join("catalog");
    let templates = dir.join("templates");
    std::fs::create_dir_all(&catalog)?;
    std::fs::create_dir_all(&templates)?;
    std::fs::write(catalog.join("errors.md"), STARTER_CATALOG)?;
    std::fs::write(catalog.join("errdocs.toml"), STARTER_CONFIG)?;
    for (name, body) in render::BUILTIN {
        std::fs::write(templates.join(name), body)?;
    }
    eprintln!(
        "wrote {}: edit catalog/errors.md, then `errdocs build --catalog {} --out {}`",
        dir.display(),
        catalog.display(),
        dir.join("site").display()
    );
    Ok(0)
}

const STARTER_CATALOG: &str = r#"# Error Codes

## SDK Error Codes

```{csv-table}
:header: "Error Code", "Description", "Solution"
:widths: 15, 40, 45

1001, "Parameter validation failed.", "Fix the parameter named in the message and call again."
1002, "Insufficient resources.", "Ask for fewer resources, or wait and retry."
```

:::{note}
Errors marked as temporary can be retried later.
:::

(rest-errors)=

## REST API Error Codes

| Error Code | Error Message    | Description                       |
| ---------- | ---------------- | --------------------------------- |
| 4101       | FunctionNameExist | The function name already exists. |
| 4115       | FunctionNotFound  | The function does not exist.      |
"#;

const STARTER_CONFIG: &str = r#"# errdocs configuration (all keys optional); see README.
[catalog]
# code-pattern = "[0-9]{4,6}"

[rules]
# unsorted-codes = "error"

[site]
title = "Error codes"
# base-url = "https://docs.example.com/errors/"
url-pattern = "codes/{code}.html"
templates = "../templates"
"#;

fn print_reader_errors(path: &std::path::Path, warnings: &[parse::Warning]) {
    for w in warnings {
        let (line, col) = w.pos.unwrap_or((w.line, 1));
        let level = match w.level {
            Level::Warning => "warning",
            Level::Error | Level::Critical => "error",
        };
        eprintln!(
            "{level}: {}:{line}:{col}: {}",
            path.display(),
            w.message.replace('\n', " ")
        );
    }
}

/// Errors that make a catalog unusable (an unreadable table, a refused include).
fn exit_for(warnings: &[parse::Warning]) -> u8 {
    u8::from(warnings.iter().any(|w| w.level >= Level::Error))
}

fn write_stdout(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("cannot write to standard output"),
    }
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
