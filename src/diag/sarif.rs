//! SARIF 2.1.0, for code scanning.

use std::path::Path;

use serde_json::json;

use super::{DiagSpan, Diagnostic, Rule, Severity};

/// SARIF 2.1.0 (columns counted in Unicode code points).
pub fn sarif(diags: &[Diagnostic], rules: &[&Rule]) -> String {
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
                "message": {"text": text(d)},
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
                "rules": rules.iter().map(|r| {
                    let mut rule = json!({
                        "id": r.id,
                        "shortDescription": {"text": r.summary},
                        "help": {"text": r.help},
                        "defaultConfiguration": {"level": level(r.severity)},
                    });
                    if let Some(url) = crate::rule_docs::page_url(r.id) {
                        rule["helpUri"] = json!(url);
                    }
                    rule
                }).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// A finding's message, help and `see:` line.
fn text(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str(&format!("\nhelp: {h}"));
    }
    text.push_str(&format!("\nsee: {}", crate::rule_docs::see(d.rule)));
    text
}

/// A relative path as a URI reference (forward slashes, percent-encoded).
fn uri(path: &Path) -> String {
    crate::text::percent_encode(&path.to_string_lossy().replace('\\', "/"), b"-._~/")
}
