//! GitHub Actions workflow commands (annotations on a pull request).

use super::{Diagnostic, Severity};

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
        message.push_str("\nsee: ");
        message.push_str(&crate::rule_docs::see(d.rule));
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
