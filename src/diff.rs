//! Two versions of a catalog compared: what was added, removed (with or
//! without a tombstone), renumbered, changed, moved between groups, and which
//! published URLs and index anchors of the old one the new one breaks.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use anyhow::Result;
use serde::Serialize;

use crate::catalog::{Catalog, Entry};
use crate::config::Config;
use crate::contract;

/// One catalog version, with its configuration.
#[derive(Clone)]
pub struct Side<'a> {
    /// The catalog.
    pub cat: &'a Catalog,
    /// Its `errdocs.toml`.
    pub config: &'a Config,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// A new code.
    Added {
        /// The code.
        code: String,
        /// Its message.
        message: String,
        /// Its group.
        group: String,
    },
    /// A code no table lists any more.
    Removed {
        /// The code.
        code: String,
        /// Its last message.
        message: String,
        /// Its page stays as a tombstone (recorded as removed).
        tombstone: bool,
    },
    /// A code that is gone, and a new code with the same (unique) message.
    Renumbered {
        /// The old code.
        from: String,
        /// The new code.
        to: String,
        /// The message they share.
        message: String,
    },
    /// A code's message changed.
    Message {
        /// The code.
        code: String,
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// Another field of a code changed (or appeared, or went away).
    Field {
        /// The code.
        code: String,
        /// The column's header.
        name: String,
        /// Before, if it was there.
        old: Option<String>,
        /// After, if it is there.
        new: Option<String>,
    },
    /// A code moved to another group.
    Group {
        /// The code.
        code: String,
        /// Its old group.
        old: String,
        /// Its new group.
        new: String,
    },
    /// A code's lifecycle changed (deprecated, removed).
    Lifecycle {
        /// The code.
        code: String,
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// A code's page that the old site served is not served (nor
    /// redirected) by the new one. Breaking.
    BrokenUrl {
        /// The code.
        code: String,
        /// Its old page.
        path: String,
        /// Its page now, if it still has one elsewhere.
        now: Option<String>,
    },
    /// An index anchor (section id, label, code row) that is gone. Breaking.
    BrokenAnchor {
        /// The page it was on.
        page: String,
        /// The id.
        id: String,
    },
}

impl Change {
    /// A link that resolved in the old site does not in the new one.
    pub fn is_breaking(&self) -> bool {
        matches!(self, Change::BrokenUrl { .. } | Change::BrokenAnchor { .. })
    }
}

/// Compares two catalog versions.
pub fn diff<'a>(old: &Side<'a>, new: &Side<'a>) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    // Code → its first entry.
    let by_code = |cat: &'a Catalog| -> HashMap<&'a str, &'a Entry> {
        cat.entries
            .iter()
            .rev()
            .map(|e| (e.code.as_str(), e))
            .collect()
    };
    let (old_by, new_by) = (by_code(old.cat), by_code(new.cat));
    let listed = |cat: &Catalog, e: &Entry| cat.table_of(e).is_some();

    // Gone: not in the new catalog at all, or only as a record.
    let mut gone: Vec<&Entry> = Vec::new();
    for e in &old.cat.entries {
        if !listed(old.cat, e) {
            continue;
        }
        match new_by.get(e.code.as_str()) {
            Some(n) if listed(new.cat, n) => {}
            Some(_) => gone.push(e),
            None => gone.push(e),
        }
    }
    let fresh: Vec<&Entry> = new
        .cat
        .entries
        .iter()
        .filter(|e| listed(new.cat, e) && !old_by.contains_key(e.code.as_str()))
        .collect();

    // Renumbered: a gone code and a fresh one share a message that is unique
    // on both sides.
    let count = |cat: &Catalog| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for e in &cat.entries {
            let msg = cat.message_text(e).to_lowercase();
            if !msg.is_empty() {
                *m.entry(msg).or_default() += 1;
            }
        }
        m
    };
    let (old_counts, new_counts) = (count(old.cat), count(new.cat));
    let unique = |msg: &str| {
        let k = msg.to_lowercase();
        !k.is_empty() && old_counts.get(&k) == Some(&1) && new_counts.get(&k) == Some(&1)
    };
    let mut renumbered: HashSet<&str> = HashSet::new();
    let mut renumbered_to: HashSet<&str> = HashSet::new();
    for g in &gone {
        let msg = old.cat.message_text(g);
        if !unique(&msg) {
            continue;
        }
        if let Some(f) = fresh
            .iter()
            .find(|f| new.cat.message_text(f).eq_ignore_ascii_case(&msg))
        {
            renumbered.insert(g.code.as_str());
            renumbered_to.insert(f.code.as_str());
            out.push(Change::Renumbered {
                from: g.code.to_string(),
                to: f.code.to_string(),
                message: msg,
            });
        }
    }
    for g in gone
        .iter()
        .filter(|g| !renumbered.contains(g.code.as_str()))
    {
        out.push(Change::Removed {
            code: g.code.to_string(),
            message: old.cat.message_text(g),
            tombstone: new_by.contains_key(g.code.as_str()),
        });
    }
    for f in fresh
        .iter()
        .filter(|f| !renumbered_to.contains(f.code.as_str()))
    {
        out.push(Change::Added {
            code: f.code.to_string(),
            message: new.cat.message_text(f),
            group: new.cat.group(f).to_string(),
        });
    }

    // Codes on both sides: what changed about them.
    for e in &old.cat.entries {
        let Some(n) = new_by.get(e.code.as_str()) else {
            continue;
        };
        if !std::ptr::eq(*old_by.get(e.code.as_str()).unwrap_or(&e), e) {
            continue; // a duplicate code: the first one speaks for it
        }
        compare_entry(old.cat, e, new.cat, n, &mut out);
    }

    broken_links(old, new, &mut out)?;
    Ok(out)
}

/// The code URLs and index anchors of `old` that `new` no longer serves.
fn broken_links(old: &Side<'_>, new: &Side<'_>, out: &mut Vec<Change>) -> Result<()> {
    let old_pages = contract::code_pages(old.cat, old.config)?;
    let new_pages = contract::code_pages(new.cat, new.config)?;
    let redirects = contract::redirects(new.cat, new.config, &new_pages, None)?;
    let served: HashSet<&str> = new_pages
        .iter()
        .map(String::as_str)
        .chain(redirects.iter().map(|r| r.from.as_str()))
        .collect();
    let now: HashMap<&str, &str> = new
        .cat
        .entries
        .iter()
        .zip(&new_pages)
        .map(|(e, p)| (e.code.as_str(), p.as_str()))
        .collect();
    let mut seen_paths = BTreeSet::new();
    for (e, path) in old.cat.entries.iter().zip(&old_pages) {
        if served.contains(path.as_str()) || !seen_paths.insert(path.clone()) {
            continue;
        }
        out.push(Change::BrokenUrl {
            code: e.code.to_string(),
            path: path.clone(),
            now: now.get(e.code.as_str()).map(|p| p.to_string()),
        });
    }
    let new_anchors = contract::anchors(new.cat);
    for (page, id) in contract::anchors(old.cat) {
        if !new_anchors.contains(&(page.clone(), id.clone())) {
            out.push(Change::BrokenAnchor { page, id });
        }
    }
    Ok(())
}

fn compare_entry(old: &Catalog, o: &Entry, new: &Catalog, n: &Entry, out: &mut Vec<Change>) {
    let code = o.code.to_string();
    let (om, nm) = (old.message_text(o), new.message_text(n));
    if om != nm && new.table_of(n).is_some() {
        out.push(Change::Message {
            code: code.clone(),
            old: om,
            new: nm,
        });
    }
    if new.table_of(n).is_some() {
        let fields = |cat: &Catalog, e: &Entry| -> BTreeMap<String, String> {
            cat.details(e)
                .map(|f| (f.name.to_string(), crate::text::collapse(&f.text())))
                .collect()
        };
        let (of, nf) = (fields(old, o), fields(new, n));
        let names: BTreeSet<&String> = of.keys().chain(nf.keys()).collect();
        for name in names {
            let (a, b) = (of.get(name), nf.get(name));
            if a != b {
                out.push(Change::Field {
                    code: code.clone(),
                    name: name.clone(),
                    old: a.cloned(),
                    new: b.cloned(),
                });
            }
        }
    }
    if old.group(o) != new.group(n) {
        out.push(Change::Group {
            code: code.clone(),
            old: old.group(o).to_string(),
            new: new.group(n).to_string(),
        });
    }
    // A code that went from a table to a record is reported as removed.
    let became_record = old.table_of(o).is_some() && new.table_of(n).is_none();
    if o.lifecycle.status != n.lifecycle.status && !became_record {
        out.push(Change::Lifecycle {
            code,
            old: o.lifecycle.status.as_str().to_string(),
            new: n.lifecycle.status.as_str().to_string(),
        });
    }
}

/// The links a translation broke: [`diff`] of one language's old and new
/// catalogs, only its breaking changes, with the paths under the
/// language's site folder (`zh-CN/codes/4299.html`). A language the new
/// catalog no longer has breaks every code page and anchor it published.
pub fn breaking_in_translation<'a>(old: &Side<'a>, new: Option<&Side<'a>>) -> Result<Vec<Change>> {
    let prefix = &old.cat.language.prefix;
    let empty;
    let new = match new {
        Some(n) => n.clone(),
        None => {
            empty = Catalog {
                language: old.cat.language.clone(),
                ..Catalog::default()
            };
            Side {
                cat: &empty,
                config: old.config,
            }
        }
    };
    let mut out = diff(old, &new)?;
    out.retain(Change::is_breaking);
    for c in &mut out {
        match c {
            Change::BrokenUrl { path, now, .. } => {
                *path = format!("{prefix}{path}");
                if let Some(p) = now {
                    *p = format!("{prefix}{p}");
                }
            }
            Change::BrokenAnchor { page, .. } => *page = format!("{prefix}{page}"),
            _ => {}
        }
    }
    Ok(out)
}

/// The diff as text for a terminal.
pub fn human(changes: &[Change]) -> String {
    let mut s = String::new();
    for c in changes {
        s.push_str(&line(c));
        s.push('\n');
    }
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    s.push_str(&format!(
        "{} change{}, {breaking} breaking\n",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" }
    ));
    s
}

fn line(c: &Change) -> String {
    match c {
        Change::Added {
            code,
            message,
            group,
        } => format!("added      {code}  {message}  (in {group})"),
        Change::Removed {
            code,
            message,
            tombstone: true,
        } => format!("removed    {code}  {message}  (its page stays as a tombstone)"),
        Change::Removed {
            code,
            message,
            tombstone: false,
        } => format!("removed    {code}  {message}  (no tombstone: its page goes)"),
        Change::Renumbered { from, to, message } => {
            format!("renumbered {from} -> {to}  {message}")
        }
        Change::Message { code, old, new } => format!("message    {code}  {old:?} -> {new:?}"),
        Change::Field {
            code,
            name,
            old,
            new,
        } => format!(
            "field      {code}  {name}: {} -> {}",
            old.as_deref().map_or("(none)".into(), |s| format!("{s:?}")),
            new.as_deref().map_or("(none)".into(), |s| format!("{s:?}"))
        ),
        Change::Group { code, old, new } => format!("group      {code}  {old} -> {new}"),
        Change::Lifecycle { code, old, new } => format!("lifecycle  {code}  {old} -> {new}"),
        Change::BrokenUrl { code, path, now } => match now {
            Some(p) => format!(
                "BREAKING   {path} (code {code}) is no longer served: the page moved to {p} with no redirect"
            ),
            None => format!("BREAKING   {path} (code {code}) is no longer served"),
        },
        Change::BrokenAnchor { page, id } => format!("BREAKING   {page}#{id} no longer exists"),
    }
}

/// The diff as Markdown, for a pull-request comment.
pub fn markdown(changes: &[Change]) -> String {
    let breaking: Vec<&Change> = changes.iter().filter(|c| c.is_breaking()).collect();
    let mut s = String::from("## errdocs: catalog changes\n\n");
    if changes.is_empty() {
        s.push_str("No changes to the error codes.\n");
        return s;
    }
    if !breaking.is_empty() {
        s.push_str(&format!(
            "**{} breaking change{}**: links that resolved before no longer do.\n\n",
            breaking.len(),
            if breaking.len() == 1 { "" } else { "s" }
        ));
        for c in &breaking {
            s.push_str(&format!("- {}\n", md_line(c)));
        }
        s.push('\n');
    }
    let rest: Vec<&Change> = changes.iter().filter(|c| !c.is_breaking()).collect();
    if !rest.is_empty() {
        s.push_str("| Change | Code | Details |\n| --- | --- | --- |\n");
        for c in rest {
            let (kind, code, details) = md_row(c);
            s.push_str(&format!(
                "| {kind} | `{}` | {} |\n",
                md_escape(&code),
                md_escape(&details)
            ));
        }
    }
    s
}

fn md_line(c: &Change) -> String {
    match c {
        Change::BrokenUrl { code, path, now } => match now {
            Some(p) => format!(
                "`{}` (code `{}`) is no longer served; the page moved to `{}` without a redirect",
                md_escape(path),
                md_escape(code),
                md_escape(p)
            ),
            None => format!(
                "`{}` (code `{}`) is no longer served",
                md_escape(path),
                md_escape(code)
            ),
        },
        Change::BrokenAnchor { page, id } => {
            format!("`{}#{}` no longer exists", md_escape(page), md_escape(id))
        }
        other => md_escape(&line(other)),
    }
}

fn md_row(c: &Change) -> (&'static str, String, String) {
    match c {
        Change::Added { code, message, .. } => ("added", code.clone(), message.clone()),
        Change::Removed {
            code,
            message,
            tombstone,
        } => (
            "removed",
            code.clone(),
            format!(
                "{message} ({})",
                if *tombstone {
                    "tombstone kept"
                } else {
                    "no tombstone"
                }
            ),
        ),
        Change::Renumbered { from, to, message } => {
            ("renumbered", format!("{from} → {to}"), message.clone())
        }
        Change::Message { code, old, new } => ("message", code.clone(), format!("{old} → {new}")),
        Change::Field {
            code,
            name,
            old,
            new,
        } => (
            "field",
            code.clone(),
            format!(
                "{name}: {} → {}",
                old.as_deref().unwrap_or("(none)"),
                new.as_deref().unwrap_or("(none)")
            ),
        ),
        Change::Group { code, old, new } => ("group", code.clone(), format!("{old} → {new}")),
        Change::Lifecycle { code, old, new } => {
            ("lifecycle", code.clone(), format!("{old} → {new}"))
        }
        Change::BrokenUrl { code, path, .. } => ("broken URL", code.clone(), path.clone()),
        Change::BrokenAnchor { page, id } => ("broken anchor", id.clone(), page.clone()),
    }
}

/// Text safe inside a Markdown table cell or code span.
fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
        .replace('`', "'")
        .replace(['\n', '\r'], " ")
}

/// The diff as `errdocs.diff/1` JSON.
pub fn json(changes: &[Change]) -> String {
    let doc = serde_json::json!({
        "schema": "errdocs.diff/1",
        "changes": changes,
        "breaking": changes.iter().filter(|c| c.is_breaking()).count(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
