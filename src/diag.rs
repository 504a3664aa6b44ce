//! Diagnostics: the data, and the printers (human, JSON, GitHub, SARIF).
//!
//! A [`Diagnostic`] is plain serde data; every printer is a function of a
//! slice of them. The exit-code policy lives here too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use serde_json::json;

use crate::source::SourceFile;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check.
    Note,
    /// Fails only with `--deny warnings`.
    Warning,
    /// Fails the check.
    Error,
}

impl Severity {
    /// The word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a file: 1-based lines, 1-based columns in Unicode scalar values,
/// `end_column` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DiagSpan {
    /// The file, as given on the command line (relative paths stay relative).
    pub file: PathBuf,
    /// First line.
    pub line: usize,
    /// First column.
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column after the last character.
    pub end_column: usize,
}

impl DiagSpan {
    /// A span of `len` characters on one line (at least one).
    pub fn at(file: &Path, line: usize, column: usize, len: usize) -> Self {
        DiagSpan {
            file: file.to_path_buf(),
            line,
            column,
            end_line: line,
            end_column: column + len.max(1),
        }
    }
}

/// Another place a diagnostic involves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where.
    pub span: DiagSpan,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule's stable id, e.g. `duplicate-code`.
    pub rule: &'static str,
    /// After configuration.
    pub severity: Severity,
    /// One sentence.
    pub message: String,
    /// Where the problem is.
    pub span: DiagSpan,
    /// The other places involved.
    pub related: Vec<Related>,
    /// How to fix it.
    pub help: Option<String>,
    /// The code the finding is about, if any (for `[[ignore]]` and baselines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
    /// Findings left out by `[[ignore]]` or a baseline.
    pub suppressed: usize,
}

impl Summary {
    /// Counts the diagnostics.
    pub fn of(diags: &[Diagnostic], suppressed: usize) -> Self {
        let count = |s| diags.iter().filter(|d| d.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            suppressed,
        }
    }

    /// `2 errors, 1 warning` (and notes, when there are any).
    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut s = format!(
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        );
        if self.notes > 0 {
            s.push_str(&format!(", {}", plural(self.notes, "note")));
        }
        if self.suppressed > 0 {
            s.push_str(&format!(" ({} suppressed)", self.suppressed));
        }
        s
    }
}

/// The exit status for a check: 1 when there are errors (or warnings and
/// `deny_warnings`), else 0. (2, "could not run", is decided by the caller.)
pub fn exit_code(diags: &[Diagnostic], deny_warnings: bool) -> u8 {
    let fails = |d: &Diagnostic| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    };
    u8::from(diags.iter().any(fails))
}

/// Sorts by file, line, column, rule: the order every printer uses.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.span, a.rule, &a.message).cmp(&(&b.span, b.rule, &b.message)));
}

/// rustc-style text with source snippets.
pub fn human(diags: &[Diagnostic], sources: &BTreeMap<PathBuf, SourceFile>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.rule));
        // One snippet per file: the primary span's file first.
        let mut files: Vec<&Path> = vec![d.span.file.as_path()];
        for r in &d.related {
            if !files.contains(&r.span.file.as_path()) {
                files.push(&r.span.file);
            }
        }
        let mut plain_notes = Vec::new();
        for file in files {
            let Some(src) = sources.get(file) else {
                continue;
            };
            let mut snippet = Snippet::source(src.text.as_str())
                .line_start(1)
                .path(file.to_string_lossy().into_owned())
                .fold(true);
            if d.span.file == file {
                snippet = snippet.annotation(
                    AnnotationKind::Primary
                        .span(byte_range(src, &d.span))
                        .label(primary_label(d)),
                );
            }
            for r in d.related.iter().filter(|r| r.span.file == file) {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(byte_range(src, &r.span))
                        .label(r.message.as_str()),
                );
            }
            group = group.element(snippet);
        }
        if !sources.contains_key(&d.span.file) {
            plain_notes.push(format!(
                "at {}:{}:{}",
                d.span.file.display(),
                d.span.line,
                d.span.column
            ));
        }
        for n in &plain_notes {
            group = group.element(Level::NOTE.message(n.clone()));
        }
        if let Some(h) = &d.help {
            group = group.element(Level::HELP.message(h.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

fn primary_label(d: &Diagnostic) -> &str {
    match d.rule {
        "duplicate-code" => "defined again here",
        "duplicate-label" | "duplicate-message" => "again here",
        _ => "",
    }
}

/// The byte range of a span in the (normalised) source text.
fn byte_range(src: &SourceFile, span: &DiagSpan) -> std::ops::Range<usize> {
    let offset = |line: usize, col: usize| {
        let start = src.line_start(line.saturating_sub(1));
        let rest = &src.text[start..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        let within = rest[..line_len]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_len, |(i, _)| i);
        start + within
    };
    let a = offset(span.line, span.column);
    let b = offset(span.end_line, span.end_column).max(a);
    a..b
}

/// `errdocs.diagnostics/1`.
pub fn json(diags: &[Diagnostic], summary: Summary) -> String {
    let doc = json!({
        "schema": "errdocs.diagnostics/1",
        "diagnostics": diags,
        "summary": summary,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// GitHub Actions workflow commands.
pub fn github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            gh_property(&d.span.file.to_string_lossy()),
            d.span.line,
            d.span.column,
            d.span.end_line,
            d.span.end_column,
            gh_property(&format!("errdocs {}", d.rule)),
            gh_data(&message)
        ));
    }
    out
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// What SARIF needs to know about each rule.
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
}

/// SARIF 2.1.0 (columns counted in Unicode code points).
pub fn sarif(diags: &[Diagnostic], rules: &[RuleInfo]) -> String {
    let rule_index = |id: &str| rules.iter().position(|r| r.id == id);
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let location = |s: &DiagSpan| {
        json!({
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&s.file)},
                "region": {
                    "startLine": s.line,
                    "startColumn": s.column,
                    "endLine": s.end_line,
                    "endColumn": s.end_column,
                }
            }
        })
    };
    let results: Vec<_> = diags
        .iter()
        .map(|d| {
            let mut r = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": match &d.help {
                    Some(h) => format!("{}\nhelp: {h}", d.message),
                    None => d.message.clone(),
                }},
                "locations": [location(&d.span)],
            });
            if let Some(i) = rule_index(d.rule) {
                r["ruleIndex"] = json!(i);
            }
            if !d.related.is_empty() {
                r["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        let mut l = location(&rel.span);
                        l["id"] = json!(i);
                        l["message"] = json!({"text": rel.message});
                        l
                    })
                    .collect();
            }
            r
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "errdocs",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| json!({
                    "id": r.id,
                    "shortDescription": {"text": r.summary},
                    "defaultConfiguration": {"level": level(r.severity)},
                })).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// A relative path as a URI reference (forward slashes, percent-encoded).
fn uri(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
