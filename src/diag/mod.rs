//! Diagnostics: the data every stage reports through (the reader, `check`,
//! drift), the exit-code policy, and the printers ([`human`], [`json`],
//! [`github`], [`sarif`]).
//!
//! A [`Diagnostic`] is plain serde data, made by a rule of
//! [`crate::rules`]; every printer is a function of a slice of them.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use human::Sources;

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
    /// For a finding of the reader: the warning Sphinx prints for the same
    /// construct (what the conformance vectors compare), if it prints one.
    #[serde(skip)]
    pub sphinx: Option<SphinxWarning>,
}

impl Diagnostic {
    /// With this help instead of the rule's.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// About this code (for `[[ignore]]` with `code`).
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Also naming another place.
    pub fn with_related(mut self, span: DiagSpan, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// Recording the warning Sphinx prints for the same construct.
    pub fn with_sphinx(mut self, sphinx: SphinxWarning) -> Self {
        self.sphinx = Some(sphinx);
        self
    }
}

/// A rule: what every finding of it shares. The rules themselves are
/// declared in [`crate::rules`].
#[derive(Debug)]
pub struct Rule {
    /// Stable id (`duplicate-code`), used in `[rules]`, `[[ignore]]`,
    /// baselines and every output format.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// A second case of the rule with its own default severity, and when it
    /// applies (e.g. `row-width`: too few cells is a warning).
    pub second: Option<(Severity, &'static str)>,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// How to fix a finding (a finding may carry more precise help).
    pub help: &'static str,
    /// What the rule finds and why it matters, for its page (Markdown; it
    /// opens with the severity, and says when the second case applies).
    pub details: &'static str,
    /// A bad example (Markdown).
    pub bad: &'static str,
    /// The good counterpart (Markdown).
    pub good: &'static str,
}

impl Rule {
    /// The rule with its page's prose: what it finds and why, a bad
    /// example and a good one.
    pub const fn doc(self, details: &'static str, bad: &'static str, good: &'static str) -> Rule {
        Rule {
            details,
            bad,
            good,
            ..self
        }
    }

    /// A finding of this rule at its default severity, with the rule's help.
    pub fn at(&'static self, span: DiagSpan, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule: self.id,
            severity: self.severity,
            message: message.into(),
            span,
            related: Vec::new(),
            help: Some(self.help.to_string()),
            code: None,
            sphinx: None,
        }
    }

    /// A finding of the rule's second case (its own default severity).
    pub fn second_at(&'static self, span: DiagSpan, message: impl Into<String>) -> Diagnostic {
        let mut d = self.at(span, message);
        if let Some((severity, _)) = self.second {
            d.severity = severity;
        }
        d
    }
}

/// A warning as Sphinx prints it: `FILE:LINE: LEVEL: message [type]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SphinxWarning {
    /// The line Sphinx names (for a directive's errors: the directive's line).
    pub line: usize,
    /// Sphinx's level.
    pub level: SphinxLevel,
    /// Sphinx's warning type (`myst.directive_option`, `docutils`, …).
    pub kind: &'static str,
    /// Sphinx's message, line breaks kept.
    pub message: String,
}

/// Sphinx's (docutils') levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SphinxLevel {
    /// `WARNING`.
    Warning,
    /// `ERROR`.
    Error,
    /// `CRITICAL` (docutils SEVERE).
    Critical,
}

impl SphinxLevel {
    /// As Sphinx prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            SphinxLevel::Warning => "WARNING",
            SphinxLevel::Error => "ERROR",
            SphinxLevel::Critical => "CRITICAL",
        }
    }
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
