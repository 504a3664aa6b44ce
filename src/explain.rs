//! Linking running software to the docs: `explain` (a code's page in the
//! terminal, like `rustc --explain`), `url`, and RFC 9457 problem types.

use serde_json::{Value, json};

use crate::catalog::{self, Catalog, Entry, collapse};
use crate::config::Config;
use crate::parse::{self, Kind, html_to_text};
use crate::render;

/// The entry for a code.
pub fn find<'a>(cat: &'a Catalog, code: &str) -> Option<&'a Entry> {
    cat.entries.iter().find(|e| e.code.as_str() == code.trim())
}

/// Up to three known codes nearest to `code`: by numeric distance when both
/// are numbers, else by edit distance.
pub fn nearest(cat: &Catalog, code: &str) -> Vec<String> {
    let code = code.trim();
    let num = |s: &str| -> Option<u128> {
        (!s.is_empty() && s.len() <= 38 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let mut scored: Vec<(u128, &str)> = cat
        .entries
        .iter()
        .map(|e| {
            let other = e.code.as_str();
            let score = match (num(code), num(other)) {
                (Some(a), Some(b)) => a.abs_diff(b),
                _ => levenshtein(&code.to_lowercase(), &other.to_lowercase()) as u128 * 1000,
            };
            (score, other)
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_string())
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The URL of a code's page: absolute with a base URL, else site-relative.
pub fn url(config: &Config, entry: &Entry, base_url: Option<&str>) -> anyhow::Result<String> {
    let path = render::code_path(&config.site.url_pattern, entry.code.as_str(), &entry.group)?;
    Ok(match base_url.or(config.site.base_url.as_deref()) {
        Some(b) if b.ends_with('/') => format!("{b}{path}"),
        Some(b) => format!("{b}/{path}"),
        None => path,
    })
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
    let (message, rest) = match entry.fields.split_first() {
        Some((m, rest)) => (collapse(&m.text), rest),
        None => (String::new(), &[][..]),
    };
    out.push_str(&b(&format!("{}  {message}", entry.code)));
    out.push('\n');
    let page = &cat.pages[entry.page];
    let section = catalog::find_section(&page.doc.children, &entry.group);
    let group_title = section
        .and_then(|s| match &s.kind {
            Kind::Section { title, .. } => Some(collapse(&title.text)),
            _ => None,
        })
        .unwrap_or_else(|| entry.group.clone());
    out.push_str(&format!(
        "{group_title} · {}:{}\n",
        entry.source.file.display(),
        entry.source.line
    ));
    for f in rest {
        let text = html_to_text(&f.html);
        if text.trim().is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&b(&f.name));
        out.push('\n');
        out.push_str(&indent(&text));
    }
    if let Some(s) = section {
        for n in s
            .children
            .iter()
            .filter(|c| matches!(c.kind, Kind::Admonition { .. }))
        {
            let title = match &n.kind {
                Kind::Admonition { title: Some(t), .. } => collapse(&t.text),
                Kind::Admonition { name, .. } => parse::admonition_title(name),
                _ => String::new(),
            };
            let body = html_to_text(&parse::nodes_html(&n.children).replace("<li>", "<li>• "));
            out.push('\n');
            out.push_str(&b(&title));
            out.push('\n');
            out.push_str(&indent(&body));
        }
    }
    if let Ok(u) = url(config, entry, None) {
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

/// RFC 9457 problem type objects for every code: `type` is the code's page
/// URL, `title` its name or message, `status` from the configured column.
pub fn problem_types(cat: &Catalog, config: &Config) -> anyhow::Result<Value> {
    let status_col = config.catalog.status_column.as_deref();
    let mut types = Vec::new();
    for e in &cat.entries {
        let mut p = json!({
            "type": url(config, e, None)?,
            "title": e.fields.first().map(|f| collapse(&f.text)).unwrap_or_default(),
            "code": e.code.as_str(),
        });
        if let Some(d) = e.fields.get(1) {
            p["detail"] = json!(collapse(&d.text));
        }
        if let Some(col) = status_col
            && let Some(f) = e.fields.iter().find(|f| f.name.eq_ignore_ascii_case(col))
        {
            match collapse(&f.text).parse::<u16>() {
                Ok(s) if (100..=599).contains(&s) => p["status"] = json!(s),
                _ => anyhow::bail!(
                    "code {} at {}:{}: {:?} in column {col:?} is not an HTTP status",
                    e.code,
                    e.source.file.display(),
                    e.source.line,
                    f.text
                ),
            }
        }
        types.push(p);
    }
    Ok(json!({
        "schema": "errdocs.problem-types/1",
        "base_url": config.site.base_url,
        "problem_types": types,
    }))
}
