//! The comparison: one diagnostic per code, every definition named.
//!
//! Over all source sets: `undocumented-code` (defined, documented nowhere),
//! `removed-code-in-source` (defined, recorded as removed) and
//! `duplicate-value` (two names, one value, one enum). Within each scope:
//! `undefined-code` (documented in its groups, defined by none of its sets),
//! `missing-in-source` (defined by some of its sets, not by others) and
//! `name-mismatch` (the catalog's name, or the other sources' names). A
//! number used by two scopes for different things is no finding.

use std::collections::{BTreeMap, BTreeSet};

use super::names::normalize;
use super::{Definition, Run, code_key};
use crate::catalog::{Catalog, Entry, Place};
use crate::config::Config;
use crate::diag::{DiagSpan, Diagnostic};
use crate::html::html_to_text;
use crate::rules;
use crate::text::{collapse, is_identifier};

/// A finding and the scope whose rule levels apply to it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index in [`Run::scopes`] (`None`: sources in no scope).
    pub scope: Option<usize>,
    /// The finding.
    pub diagnostic: Diagnostic,
}

/// Every drift finding of a run.
pub fn check(cat: &Catalog, config: &Config, run: &Run) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut active: BTreeMap<String, usize> = BTreeMap::new();
    let mut removed: BTreeMap<String, usize> = BTreeMap::new();
    for (i, e) in cat.entries.iter().enumerate() {
        let map = if e.lifecycle.is_removed() {
            &mut removed
        } else {
            &mut active
        };
        map.entry(code_key(e.code.as_str())).or_insert(i);
    }
    let scope_of_set = |set: usize| run.scopes.iter().position(|s| s.sets.contains(&set));
    // Every definition once (a file may be in several sets), with its set.
    let mut seen = BTreeSet::new();
    let mut by_code: BTreeMap<&str, Vec<(usize, &Definition)>> = BTreeMap::new();
    for (k, set) in run.sets.iter().enumerate() {
        for d in set.definitions() {
            if seen.insert((&d.file, d.line, d.column)) {
                by_code.entry(d.code.as_str()).or_default().push((k, d));
            }
        }
    }
    for (code, defs) in &by_code {
        if active.contains_key(*code) {
            continue;
        }
        let ds: Vec<&Definition> = defs.iter().map(|(_, d)| *d).collect();
        let d = match removed.get(*code) {
            Some(&e) => removed_in_source(cat, &cat.entries[e], &ds),
            None => undocumented(code, &ds),
        };
        out.push(Finding {
            scope: scope_of_set(defs[0].0),
            diagnostic: d,
        });
    }
    duplicate_values(run, &scope_of_set, &mut out);
    let names = name_columns(cat, config);
    for si in 0..run.scopes.len() {
        for d in in_scope(cat, run, si, &names) {
            out.push(Finding {
                scope: Some(si),
                diagnostic: d,
            });
        }
    }
    out
}

fn undocumented(code: &str, defs: &[&Definition]) -> Diagnostic {
    let first = defs[0];
    let mut msg = format!(
        "{} = {code} is defined here but the catalog does not document code {code}",
        first.name
    );
    if defs.len() > 1 {
        msg.push_str(&format!(" (defined in {} places)", defs.len()));
    }
    let mut d = rules::UNDOCUMENTED_CODE.at(first.span(), msg);
    for o in &defs[1..] {
        d = d.with_related(o.span(), format!("also defined here, as {}", o.name));
    }
    d.with_code(code)
}

fn removed_in_source(cat: &Catalog, e: &Entry, defs: &[&Definition]) -> Diagnostic {
    let first = defs[0];
    let since = e
        .lifecycle
        .since
        .as_ref()
        .map_or(String::new(), |v| format!(" in {v}"));
    let mut d = rules::REMOVED_CODE_IN_SOURCE
        .at(
            first.span(),
            format!(
                "code {} was removed{since}, but {} = {} still defines it",
                e.code, first.name, first.code
            ),
        )
        .with_related(cat.code_span(e), "recorded as removed here");
    for o in &defs[1..] {
        d = d.with_related(o.span(), format!("also defined here, as {}", o.name));
    }
    d.with_code(e.code.as_str())
}

/// Two names for one value in one container.
fn duplicate_values(
    run: &Run,
    scope_of_set: &dyn Fn(usize) -> Option<usize>,
    out: &mut Vec<Finding>,
) {
    let mut files = BTreeSet::new();
    for (k, set) in run.sets.iter().enumerate() {
        for f in &set.files {
            if !files.insert(&f.path) {
                continue;
            }
            let mut groups: BTreeMap<(usize, usize, &str), Vec<&Definition>> = BTreeMap::new();
            for d in &f.definitions {
                if let Some(c) = &d.container
                    && !c.aliases_allowed
                {
                    groups
                        .entry((c.line, c.column, d.code.as_str()))
                        .or_default()
                        .push(d);
                }
            }
            let mut found: Vec<Vec<&Definition>> =
                groups.into_values().filter(|g| g.len() > 1).collect();
            found.sort_by_key(|g| (g[1].line, g[1].column));
            for g in found {
                let (first, second) = (g[0], g[1]);
                let what = match (&first.container, first.container_name()) {
                    (Some(c), Some(n)) if c.is_enum => format!("enum {n}"),
                    (_, Some(n)) => n.to_string(),
                    _ => "one enum".into(),
                };
                let mut d = rules::DUPLICATE_VALUE
                    .at(
                        second.span(),
                        format!(
                            "{} and {} are both {} in {what}; {}",
                            first.name,
                            second.name,
                            first.code,
                            first.lang.alias_note()
                        ),
                    )
                    .with_related(
                        first.span(),
                        format!("{} = {} here", first.name, first.code),
                    );
                for o in &g[2..] {
                    d = d.with_related(o.span(), format!("and {} here", o.name));
                }
                out.push(Finding {
                    scope: scope_of_set(k),
                    diagnostic: d.with_code(first.code.clone()),
                });
            }
        }
    }
}

/// A scope's findings: undefined, missing in a set, names.
fn in_scope(cat: &Catalog, run: &Run, si: usize, names: &[Option<usize>]) -> Vec<Diagnostic> {
    let scope = &run.scopes[si];
    let mut out = Vec::new();
    // Each set's definitions by code (a file in two sets counts in both).
    let per_set: Vec<BTreeMap<&str, Vec<&Definition>>> = scope
        .sets
        .iter()
        .map(|&k| {
            let mut m: BTreeMap<&str, Vec<&Definition>> = BTreeMap::new();
            for d in run.sets[k].definitions() {
                m.entry(d.code.as_str()).or_default().push(d);
            }
            m
        })
        .collect();
    let mut done = BTreeSet::new();
    for &ei in &scope.entries {
        let e = &cat.entries[ei];
        let key = code_key(e.code.as_str());
        if e.lifecycle.is_removed() || !done.insert(key.clone()) {
            continue;
        }
        let having: Vec<usize> = (0..per_set.len())
            .filter(|&k| per_set[k].contains_key(key.as_str()))
            .collect();
        if having.is_empty() {
            let msg = if run.configured {
                format!(
                    "code {} is documented but none of the sources of scope {} defines it",
                    e.code, scope.name
                )
            } else {
                format!(
                    "code {} is documented but no scanned source defines it",
                    e.code
                )
            };
            out.push(
                rules::UNDEFINED_CODE
                    .at(cat.code_span(e), msg)
                    .with_code(e.code.as_str()),
            );
            continue;
        }
        let mut defs: Vec<&Definition> = Vec::new();
        for &k in &having {
            for d in &per_set[k][key.as_str()] {
                if !defs.iter().any(|o| o.file == d.file && o.line == d.line) {
                    defs.push(d);
                }
            }
        }
        if having.len() < per_set.len() {
            let missing: Vec<usize> = (0..per_set.len()).filter(|k| !having.contains(k)).collect();
            out.push(missing_in_source(cat, run, si, e, &defs, &missing));
        }
        if let Some(d) = name_mismatch(cat, e, &defs, names) {
            out.push(d);
        }
    }
    out
}

/// How a source set is named in a message: its one file, or its label.
fn set_name(run: &Run, set: usize) -> String {
    let s = &run.sets[set];
    match s.files.as_slice() {
        [f] => file_name(&f.path),
        _ => s.label.clone(),
    }
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn missing_in_source(
    cat: &Catalog,
    run: &Run,
    si: usize,
    e: &Entry,
    defs: &[&Definition],
    missing: &[usize],
) -> Diagnostic {
    let scope = &run.scopes[si];
    let first = defs[0];
    let mut files: Vec<String> = defs.iter().map(|d| file_name(&d.file)).collect();
    files.dedup();
    let lacking: Vec<String> = missing
        .iter()
        .map(|&k| set_name(run, scope.sets[k]))
        .collect();
    let mut d = rules::MISSING_IN_SOURCE.at(
        first.span(),
        format!(
            "code {} ({}) is defined in {} but not in {}",
            e.code,
            first.name,
            files.join(", "),
            lacking.join(", ")
        ),
    );
    for &k in missing {
        let set = &run.sets[scope.sets[k]];
        if let Some((span, what)) = anchor(set) {
            d = d.with_related(span, format!("{what} has no {}", e.code));
        }
    }
    for o in &defs[1..] {
        d = d.with_related(o.span(), format!("defined here, as {}", o.name));
    }
    d.with_related(cat.code_span(e), "documented here")
        .with_code(e.code.as_str())
}

/// Where a set that lacks a code should have it: the container holding
/// most of its definitions, else its first file.
fn anchor(set: &super::SourceSet) -> Option<(DiagSpan, String)> {
    let mut counts: BTreeMap<(&std::path::Path, &super::Container), usize> = BTreeMap::new();
    for d in set.definitions() {
        if let Some(c) = &d.container {
            *counts.entry((d.file.as_path(), c)).or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
        .map(|(k, _)| *k);
    match best {
        Some((file, c)) => {
            let name = c.name.as_deref().unwrap_or("the enum");
            let what = if c.is_enum {
                format!("enum {name}")
            } else {
                name.to_string()
            };
            Some((
                DiagSpan::at(file, c.line, c.column, name.chars().count()),
                what,
            ))
        }
        None => {
            let f = set.files.first()?;
            Some((DiagSpan::at(&f.path, 1, 1, 1), file_name(&f.path)))
        }
    }
}

/// For each table: the column holding names to compare (`[drift]
/// name-column`, else the message column when most of its cells are
/// identifiers).
fn name_columns(cat: &Catalog, config: &Config) -> Vec<Option<usize>> {
    cat.tables
        .iter()
        .map(|t| {
            if let Some(nc) = &config.drift.name_column {
                return t
                    .columns
                    .iter()
                    .position(|c| collapse(c).eq_ignore_ascii_case(nc.trim()));
            }
            let m = t.message_column?;
            let texts: Vec<String> = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(m))
                .map(|c| collapse(&html_to_text(&c.html)))
                .filter(|s| !s.is_empty())
                .collect();
            let idents = texts.iter().filter(|s| is_identifier(s)).count();
            (2 * idents > texts.len()).then_some(m)
        })
        .collect()
}

/// The catalog's name for an entry, if its table has a name column and the
/// cell is an identifier (never a sentence).
fn catalog_name(cat: &Catalog, e: &Entry, names: &[Option<usize>]) -> Option<(String, DiagSpan)> {
    let Place::Row { table, row } = e.place else {
        return None;
    };
    let t = &cat.tables[table];
    let cell = t.rows[row].cells.get(names[table]?)?;
    let text = collapse(&html_to_text(&cell.html));
    is_identifier(&text).then(|| {
        let span = DiagSpan::at(&t.file, cell.line, cell.column, text.chars().count());
        (text, span)
    })
}

fn name_mismatch(
    cat: &Catalog,
    e: &Entry,
    defs: &[&Definition],
    names: &[Option<usize>],
) -> Option<Diagnostic> {
    let norm = |d: &Definition| normalize(&d.name, d.container_name());
    // Names in one container for one value are aliases (duplicate-value's
    // business): each container counts once, by its first name, or by the
    // one that agrees with the catalog.
    let mut groups: Vec<Vec<&Definition>> = Vec::new();
    for d in defs {
        match groups.iter_mut().find(|g| {
            g[0].file == d.file && g[0].container.is_some() && g[0].container == d.container
        }) {
            Some(g) => g.push(d),
            None => groups.push(vec![d]),
        }
    }
    let code = e.code.as_str();
    let (primary, message, help, catalog) = match catalog_name(cat, e, names) {
        Some((cn, span)) => {
            let want = normalize(&cn, None);
            let wrong: Vec<&Definition> = groups
                .iter()
                .filter(|g| !g.iter().any(|d| norm(d) == want))
                .map(|g| g[0])
                .collect();
            let first = *wrong.first()?;
            let mut msg = format!("code {code} is named {} here", first.name);
            for o in &wrong[1..] {
                msg.push_str(&format!(" and {} in {}", o.name, file_name(&o.file)));
            }
            msg.push_str(&format!(", but {cn} in the catalog"));
            (
                first,
                msg,
                "rename the constant to the catalog's name (errdocs codegen writes the names from the catalog), or correct the catalog",
                Some((span, format!("the catalog names it {cn}"), want)),
            )
        }
        None => {
            let reps: Vec<&Definition> = groups.iter().map(|g| g[0]).collect();
            let mut counts: Vec<(String, usize)> = Vec::new();
            for r in &reps {
                let n = norm(r);
                match counts.iter_mut().find(|(k, _)| *k == n) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((n, 1)),
                }
            }
            if counts.len() < 2 {
                return None;
            }
            let top = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
            let majority = counts.iter().find(|(_, c)| *c == top)?.0.clone();
            let tie = counts.iter().filter(|(_, c)| *c == top).count() > 1;
            let first = *reps.iter().find(|r| norm(r) != majority)?;
            let others: Vec<&Definition> = reps
                .iter()
                .copied()
                .filter(|r| norm(r) == majority)
                .collect();
            let mut files: Vec<String> = others.iter().map(|o| file_name(&o.file)).collect();
            files.dedup();
            let msg = format!(
                "code {code} is named {} here but {} in {}",
                first.name,
                others[0].name,
                files.join(", ")
            );
            let help = if tie {
                "use one name in every language; the catalog has no name column to say which ([drift] name-column)"
            } else {
                "use the name the other sources use (errdocs codegen writes every language from the catalog)"
            };
            (first, msg, help, None)
        }
    };
    let mut d = rules::NAME_MISMATCH
        .at(primary.span(), message)
        .with_help(help);
    if let Some((span, what, _)) = &catalog {
        d = d.with_related(span.clone(), what.clone());
    }
    for o in defs.iter().filter(|o| !std::ptr::eq(**o, primary)) {
        let agrees = catalog
            .as_ref()
            .is_some_and(|(_, _, want)| norm(o) == *want);
        let what = if agrees {
            format!("called {} here, as in the catalog", o.name)
        } else {
            format!("called {} here", o.name)
        };
        d = d.with_related(o.span(), what);
    }
    Some(d.with_code(code))
}
