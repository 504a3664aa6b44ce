//! A code's page in the terminal, like `rustc --explain`, and the codes
//! nearest to one that is not in the catalog.

use crate::catalog::{Catalog, Entry};
use crate::config::Config;
use crate::html::html_to_text;
use crate::text::{collapse, typo_distance};
use crate::urls;

/// Up to three known codes nearest to `code`: a code whose name or message
/// is the typed text first (`FunctionNotFound` finds 4115), then by edit
/// distance on the typed text (a swap of two digits is one edit), then
/// (among equals) by numeric distance.
pub fn nearest(cat: &Catalog, code: &str) -> Vec<String> {
    let code = code.trim();
    let lower = code.to_lowercase();
    let num = |s: &str| -> Option<u128> {
        (!s.is_empty() && s.len() <= 38 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let mut scored: Vec<(bool, usize, u128, &str)> = cat
        .entries
        .iter()
        .map(|e| {
            let other = e.code.as_str();
            let other_name = collapse(&cat.message_text(e)).to_lowercase() != lower;
            let numeric = match (num(code), num(other)) {
                (Some(a), Some(b)) => a.abs_diff(b),
                _ => u128::MAX,
            };
            (
                other_name,
                typo_distance(&lower, &other.to_lowercase()),
                numeric,
                other,
            )
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.3 == b.3);
    // A code named so is what was meant: only those.
    let named = scored.iter().take_while(|s| !s.0).count();
    scored
        .into_iter()
        .take(if named > 0 { named.min(3) } else { 3 })
        .map(|(.., c)| c.to_string())
        .collect()
}

/// The code's page as terminal text. `bold` adds ANSI emphasis to headings.
pub fn explain(cat: &Catalog, config: &Config, entry: &Entry, bold: bool) -> String {
    let b = |s: &str| {
        if bold {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    out.push_str(&b(&format!("{}  {}", entry.code, cat.message_text(entry))));
    out.push('\n');
    let span = cat.span(entry);
    out.push_str(&format!(
        "{} · {}:{}\n",
        cat.group_title(entry),
        span.file.display(),
        span.line
    ));
    let mut facts = Vec::new();
    if let Some(status) = cat.status(entry).map(|f| collapse(&f.text())) {
        if !status.is_empty() {
            facts.push(format!("HTTP {status}"));
        }
    }
    match entry.retryable {
        Some(true) => facts.push("retryable".into()),
        Some(false) => facts.push("not retryable".into()),
        None => {}
    }
    if !facts.is_empty() {
        out.push_str(&facts.join(" · "));
        out.push('\n');
    }
    let status_column = cat.table_of(entry).and_then(|t| t.status_column);
    for f in cat
        .details(entry)
        .filter(|f| Some(f.column) != status_column)
    {
        let text = f.text();
        if text.trim().is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&b(f.name));
        out.push('\n');
        out.push_str(&indent(&text));
    }
    if let Some(x) = entry.explanation.map(|i| &cat.explanations[i]) {
        out.push('\n');
        for line in x.markdown.trim().lines() {
            if line.starts_with('#') {
                out.push_str(&b(line));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
    }
    let notes = cat.notes(entry);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&b(&format!("Applies to all {}", cat.group_title(entry))));
        out.push('\n');
    }
    for n in notes {
        let body = html_to_text(&n.body_html.replace("<li>", "<li>• "));
        out.push_str(&format!("  {}\n", collapse(&n.title)));
        for line in indent(&body).lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    if let Ok(u) = urls::entry_url(cat, config, entry, None) {
        out.push('\n');
        out.push_str(&u);
        out.push('\n');
    }
    out
}

fn indent(text: &str) -> String {
    let mut s = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        s.push_str("  ");
        s.push_str(line.trim());
        s.push('\n');
    }
    s
}
