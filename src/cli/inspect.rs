//! `errdocs inspect`: one Markdown file as the reader reads it.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::ValueEnum;

use super::{eprint_findings, write_stdout};
use crate::diag::{self, DiagSpan};
use crate::parse::{self, ParseConfig};
use crate::rules;
use crate::source::SourceFile;

/// `errdocs inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The `.md` file.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// `inspect` output formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// JSON.
    Json,
}

/// Runs `inspect`.
pub fn run(args: Args) -> Result<u8> {
    let file = &args.file;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let src = match SourceFile::from_bytes(file, &bytes) {
        Ok(s) => s,
        Err(e) => {
            let d = rules::ENCODING.at(
                DiagSpan::at(file, e.line, e.column, 1),
                format!(
                    "{} is not valid UTF-8: invalid byte at offset {}",
                    file.display(),
                    e.byte_offset
                ),
            );
            eprint_findings(&[d], &[]);
            return Ok(1);
        }
    };
    let doc = parse::parse(&src, &ParseConfig::default());
    let mut found = doc.diagnostics.clone();
    diag::sort(&mut found);
    eprint_findings(&found, std::slice::from_ref(&src));
    write_stdout(&parse::inspect::to_json(&doc))?;
    Ok(diag::exit_code(&found, false))
}
