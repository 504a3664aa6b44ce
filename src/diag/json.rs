//! `errdocs.diagnostics/1` JSON.

use serde_json::json;

use super::{Diagnostic, Summary};

/// `errdocs.diagnostics/1`.
pub fn json(diags: &[Diagnostic], summary: Summary) -> String {
    let doc = json!({
        "schema": "errdocs.diagnostics/1",
        "diagnostics": diags,
        "summary": summary,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
