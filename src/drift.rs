//! Drift between the catalog and the code that raises the errors: scans
//! source trees for error-code definitions (enum members and constants in
//! C/C++, Python, Java, Go, protobuf and Rust) and compares them with the
//! catalog.
//!
//! A definition is a line like `NAME = 1001` (C/C++/Rust/TypeScript enums,
//! Python `IntEnum`, protobuf, Go `Name Code = 1001`, `const NAME: u32 =
//! 1001`) or `NAME(1001, …)` (Java enums with constructor arguments), plus
//! the patterns of `[drift] patterns` (regexes with `name` and `code` groups).
//! To keep ordinary assignments (`timeout = 3000`) out, the name must not be
//! all lower case and the number must have at least `[drift] min-digits`
//! digits (default 4).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use regex::Regex;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::diag::{DiagSpan, Diagnostic};
use crate::rules;
use crate::text;

/// One definition found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The code.
    pub code: String,
    /// The identifier.
    pub name: String,
    /// Where.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the name.
    pub column: usize,
}

const EXTENSIONS: &[&str] = &[
    "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "py", "java", "go", "proto", "rs", "ts",
];

/// Every definition under `paths` (files or folders), in path order.
pub fn scan(paths: &[PathBuf], config: &Config) -> Result<Vec<Definition>> {
    let mut patterns = vec![
        Regex::new(
            r"^\s*(?:pub\s+)?(?:const\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*)?(?::\s*[A-Za-z_][A-Za-z0-9_]*\s*)?=\s*(?P<code>[0-9]+)\s*[,;]?\s*(?:(?://|#|/\*).*)?$",
        )?,
        Regex::new(r"^\s*(?P<name>[A-Z][A-Z0-9_]*)\s*\(\s*(?P<code>[0-9]+)\s*[,)]")?,
    ];
    for p in &config.drift.patterns {
        patterns.push(Regex::new(p).with_context(|| format!("[drift] pattern {p:?}"))?);
    }
    let min_digits = config.drift.min_digits.unwrap_or(4);
    let mut files = Vec::new();
    for p in paths {
        if !p.exists() {
            anyhow::bail!("source path {} does not exist", p.display());
        }
        for e in walkdir::WalkDir::new(p)
            .follow_links(false)
            .sort_by_file_name()
        {
            let e = e.with_context(|| format!("cannot read {}", p.display()))?;
            let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
            if e.file_type().is_file() && EXTENSIONS.contains(&ext) {
                files.push(e.path().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for (ln, line) in text.lines().enumerate() {
            for re in &patterns {
                let Some(c) = re.captures(line) else { continue };
                let (Some(name), Some(code)) = (c.name("name"), c.name("code")) else {
                    continue;
                };
                let n = name.as_str();
                if code.as_str().len() < min_digits || !n.chars().any(|ch| ch.is_ascii_uppercase())
                {
                    continue;
                }
                out.push(Definition {
                    code: code.as_str().trim_start_matches('0').to_string(),
                    name: n.to_string(),
                    file: f.clone(),
                    line: ln + 1,
                    column: line[..name.start()].chars().count() + 1,
                });
                break;
            }
        }
    }
    Ok(out)
}

/// A name without its language's dress: words in lower case, a leading
/// `err`/`error`/`e` dropped (`ERR_PARAM_INVALID` = `ParamInvalid`).
pub fn normalize(name: &str) -> String {
    let mut words: Vec<String> = text::words(name)
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect();
    if words.len() > 1 && matches!(words[0].as_str(), "err" | "error" | "e" | "k") {
        words.remove(0);
    }
    words.concat()
}

/// `undocumented-code`, `undefined-code` and `conflicting-name`.
pub fn check(cat: &Catalog, defs: &[Definition]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut by_code: BTreeMap<&str, Vec<&Definition>> = BTreeMap::new();
    for d in defs {
        by_code.entry(d.code.as_str()).or_default().push(d);
    }
    let span = |d: &Definition| DiagSpan::at(&d.file, d.line, d.column, d.name.chars().count());
    for (code, ds) in &by_code {
        if !cat.entries.iter().any(|e| e.code.as_str() == *code) {
            for d in ds {
                out.push(
                    rules::UNDOCUMENTED_CODE
                        .at(
                            span(d),
                            format!(
                                "{} = {code} is defined here but the catalog does not document code {code}",
                                d.name
                            ),
                        )
                        .with_code(*code),
                );
            }
        }
        let first = ds[0];
        let first_norm = normalize(&first.name);
        if let Some(other) = ds.iter().find(|d| normalize(&d.name) != first_norm) {
            let mut d = rules::CONFLICTING_NAME
                .at(
                    span(other),
                    format!(
                        "code {code} has different names: {} and {}",
                        first.name, other.name
                    ),
                )
                .with_related(span(first), format!("called {} here", first.name));
            for def in ds
                .iter()
                .filter(|d| d.file != other.file || d.line != other.line)
                .skip(1)
            {
                d = d.with_related(span(def), format!("called {} here", def.name));
            }
            out.push(d.with_code(*code));
        }
    }
    for e in &cat.entries {
        if !by_code.contains_key(e.code.as_str().trim_start_matches('0')) {
            out.push(
                rules::UNDEFINED_CODE
                    .at(
                        cat.code_span(e),
                        format!(
                            "code {} is documented but no scanned source defines it",
                            e.code
                        ),
                    )
                    .with_code(e.code.as_str()),
            );
        }
    }
    out
}
