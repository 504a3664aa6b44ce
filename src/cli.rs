//! The command line: clap definitions and dispatch.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::catalog;
use crate::export;
use crate::parse::{self, Level, ParseConfig};
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

/// `inspect` output formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InspectFormat {
    /// JSON.
    Json,
}

/// `export` output formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// `errdocs.catalog/1` JSON.
    Json,
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
        Command::Export { catalog, format: _ } => {
            if !catalog.is_dir() {
                anyhow::bail!("catalog folder {} does not exist", catalog.display());
            }
            let cat = catalog::load(&catalog, &config, &[])?;
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
