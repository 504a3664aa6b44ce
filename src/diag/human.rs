//! rustc-style text with source snippets (annotate-snippets).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{DiagSpan, Diagnostic, Severity};
use crate::source::SourceFile;

/// The texts snippets are shown from: the catalog's files, plus any other
/// file a diagnostic names (scanned sources, `:file:` CSVs), read once.
#[derive(Debug, Default)]
pub struct Sources<'a> {
    files: BTreeMap<PathBuf, Cow<'a, SourceFile>>,
}

impl<'a> Sources<'a> {
    /// The given files.
    pub fn new(files: impl IntoIterator<Item = &'a SourceFile>) -> Self {
        Sources {
            files: files
                .into_iter()
                .map(|f| (f.path.clone(), Cow::Borrowed(f)))
                .collect(),
        }
    }

    /// Reads every file the diagnostics name that is not there yet (a file
    /// that cannot be read as text is left out: its findings print without a
    /// snippet).
    pub fn read_missing(&mut self, diags: &[Diagnostic]) {
        for d in diags {
            for f in std::iter::once(&d.span.file).chain(d.related.iter().map(|r| &r.span.file)) {
                if !self.files.contains_key(f)
                    && let Ok(bytes) = std::fs::read(f)
                    && let Ok(src) = SourceFile::from_bytes(f, &bytes)
                {
                    self.files.insert(f.clone(), Cow::Owned(src));
                }
            }
        }
    }

    /// The text of a file.
    pub fn get(&self, path: &Path) -> Option<&SourceFile> {
        self.files.get(path).map(|c| c.as_ref())
    }
}

/// rustc-style text with source snippets.
pub fn human(diags: &[Diagnostic], sources: &Sources<'_>, color: bool) -> String {
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
        if sources.get(&d.span.file).is_none() {
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
        group = group.element(
            Level::NOTE
                .with_name("see")
                .message(crate::rule_docs::see(d.rule)),
        );
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
