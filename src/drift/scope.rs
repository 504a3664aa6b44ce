//! Source sets and scopes. A source set is the files that should define
//! one table's codes (one header, the protobuf files, a Go package); a
//! scope ties catalog groups to its source sets. From `[[drift.scope]]` in
//! `errdocs.toml` (paths and globs relative to it), or from the
//! `--sources` paths: each path one set, tied to every group of which it
//! defines at least half the codes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;

use super::{FileScan, Options, code_key, scan_file};
use crate::catalog::Catalog;
use crate::config::{Config, RuleLevel, SourceConfig};

/// Everything a drift check compares.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// Every source set, in the order given.
    pub sets: Vec<SourceSet>,
    /// The scopes.
    pub scopes: Vec<Scope>,
    /// From `[[drift.scope]]` (else from `--sources` paths).
    pub configured: bool,
}

/// Files that should define the same codes.
#[derive(Debug, Clone)]
pub struct SourceSet {
    /// How the summary names it: the path, or the include patterns.
    pub label: String,
    /// Its files, in path order.
    pub files: Vec<FileScan>,
}

impl SourceSet {
    /// Every definition of the set, in file order.
    pub fn definitions(&self) -> impl Iterator<Item = &super::Definition> {
        self.files.iter().flat_map(|f| &f.definitions)
    }

    /// The codes it defines.
    pub fn codes(&self) -> BTreeSet<&str> {
        self.definitions().map(|d| d.code.as_str()).collect()
    }
}

/// Catalog groups and the source sets that should define their codes.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Its name (from the config, or the group's id).
    pub name: String,
    /// The groups as configured (section ids or labels), or the group a
    /// `--sources` path is tied to, with its title.
    pub groups: Vec<String>,
    /// Indices in [`Catalog::entries`] of the codes it documents.
    pub entries: Vec<usize>,
    /// Indices in [`Run::sets`].
    pub sets: Vec<usize>,
    /// Rule levels for its findings (over `[rules]`).
    pub rules: BTreeMap<String, RuleLevel>,
    /// For a scope made from `--sources` paths: each set's defined and
    /// documented counts of the group (why it is tied).
    pub ties: Vec<(usize, usize, usize)>,
}

impl Run {
    /// The sets in no scope (from `--sources` paths tied to no group).
    pub fn unscoped(&self) -> Vec<usize> {
        (0..self.sets.len())
            .filter(|i| !self.scopes.iter().any(|s| s.sets.contains(i)))
            .collect()
    }
}

/// Scans the sources: the `--sources` paths (`paths` non-empty), else the
/// configured scopes (`catalog_dir` holds `errdocs.toml`).
pub fn run(cat: &Catalog, config: &Config, catalog_dir: &Path, paths: &[PathBuf]) -> Result<Run> {
    let drift = &config.drift;
    let mut res = Vec::new();
    for p in &drift.patterns {
        res.push(Regex::new(p).with_context(|| format!("[drift] pattern {p:?}"))?);
    }
    let known: BTreeSet<String> = cat
        .entries
        .iter()
        .map(|e| code_key(e.code.as_str()))
        .collect();
    let opts = Options {
        min_digits: drift.min_digits.unwrap_or(4),
        patterns: &res,
        known: &known,
    };
    let global_exclude = globs(&drift.exclude)?;
    if !paths.is_empty() {
        return from_paths(cat, paths, &global_exclude, &opts);
    }
    if drift.scope.is_empty() {
        bail!(
            "--sources without paths reads the scopes of errdocs.toml, and it has no [[drift.scope]]"
        );
    }
    let memberships = memberships(cat);
    let mut out = Run {
        configured: true,
        ..Run::default()
    };
    for sc in &drift.scope {
        let mut entries = Vec::new();
        for g in &sc.groups {
            let before = entries.len();
            entries.extend((0..cat.entries.len()).filter(|&i| memberships[i].contains(g.as_str())));
            if entries.len() == before {
                bail!(
                    "[[drift.scope]] {:?}: group {g:?} is no section id or label of the catalog",
                    sc.name
                );
            }
        }
        entries.sort_unstable();
        entries.dedup();
        let mut sets = Vec::new();
        for src in &sc.source {
            let files = source_files(catalog_dir, src, &global_exclude)?;
            let files = files
                .iter()
                .map(|f| scan(f, &src.enums, &opts))
                .collect::<Result<Vec<_>>>()?;
            sets.push(out.sets.len());
            out.sets.push(SourceSet {
                label: label_of(src),
                files,
            });
        }
        out.scopes.push(Scope {
            name: sc.name.clone(),
            groups: sc.groups.clone(),
            entries,
            sets,
            rules: sc.rules.clone(),
            ties: Vec::new(),
        });
    }
    Ok(out)
}

fn label_of(src: &SourceConfig) -> String {
    let mut s = src.include.join(", ");
    if !src.exclude.is_empty() {
        s.push_str(&format!(" (not {})", src.exclude.join(", ")));
    }
    if !src.enums.is_empty() {
        s.push_str(&format!(" [{}]", src.enums.join(", ")));
    }
    s
}

/// Each path its own set, tied to the groups it defines at least half of.
fn from_paths(
    cat: &Catalog,
    paths: &[PathBuf],
    exclude: &GlobSet,
    opts: &Options<'_>,
) -> Result<Run> {
    let mut out = Run::default();
    for p in paths {
        if !p.exists() {
            bail!("source path {} does not exist", p.display());
        }
        let files = walk(p, &|rel: &str, shown: &Path| {
            !exclude.is_match(rel) && !exclude.is_match(shown)
        })?;
        let files = files
            .iter()
            .map(|f| scan(f, &[], opts))
            .collect::<Result<Vec<_>>>()?;
        out.sets.push(SourceSet {
            label: p.display().to_string(),
            files,
        });
    }
    // Groups in catalog order, with their codes in use.
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, e) in cat.entries.iter().enumerate() {
        if e.lifecycle.is_removed() {
            continue;
        }
        let g = cat.group(e);
        match groups.iter_mut().find(|(name, _)| *name == g) {
            Some((_, v)) => v.push(i),
            None => groups.push((g, vec![i])),
        }
    }
    for (g, entries) in groups {
        let codes: BTreeSet<String> = entries
            .iter()
            .map(|&i| code_key(cat.entries[i].code.as_str()))
            .collect();
        let title = cat.group_title(&cat.entries[entries[0]]);
        let mut scope = Scope {
            name: g.to_string(),
            groups: vec![format!("{g} ({title})")],
            entries,
            sets: Vec::new(),
            rules: BTreeMap::new(),
            ties: Vec::new(),
        };
        for (k, set) in out.sets.iter().enumerate() {
            let defined = set.codes();
            let n = codes
                .iter()
                .filter(|c| defined.contains(c.as_str()))
                .count();
            if n > 0 && 2 * n >= codes.len() {
                scope.sets.push(k);
                scope.ties.push((k, n, codes.len()));
            }
        }
        if !scope.sets.is_empty() {
            out.scopes.push(scope);
        }
    }
    Ok(out)
}

fn scan(path: &Path, enums: &[String], opts: &Options<'_>) -> Result<FileScan> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(scan_file(path, &bytes, enums, opts)),
        Err(e) => Ok(FileScan {
            path: path.to_path_buf(),
            definitions: Vec::new(),
            skipped: Some(format!("cannot read: {e}")),
        }),
    }
}

/// For each entry: its group and the ids of its section and the sections
/// around it.
fn memberships(cat: &Catalog) -> Vec<BTreeSet<&str>> {
    // The parent of each section: the nearest one before it on its page
    // that is less deep.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(cat.sections.len());
    for (i, s) in cat.sections.iter().enumerate() {
        let p = (0..i)
            .rev()
            .take_while(|&j| cat.sections[j].page == s.page)
            .find(|&j| cat.sections[j].depth < s.depth);
        parent.push(p);
    }
    cat.entries
        .iter()
        .map(|e| {
            let mut ids: BTreeSet<&str> = BTreeSet::new();
            ids.insert(cat.group(e));
            let mut s = e.section;
            while let Some(k) = s {
                ids.extend(cat.sections[k].ids.iter().map(String::as_str));
                s = parent[k];
            }
            ids
        })
        .collect()
}

/// Globs of `errdocs.toml`: `*` stays within a folder, `**` crosses them.
pub fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

fn globs(patterns: &[String]) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(glob(p).with_context(|| format!("glob {p:?}"))?);
    }
    Ok(b.build()?)
}

/// The files of one `[[drift.scope.source]]`, relative to `base`.
fn source_files(base: &Path, src: &SourceConfig, global: &GlobSet) -> Result<Vec<PathBuf>> {
    let include = globs(&src.include)?;
    let exclude = globs(&src.exclude)?;
    let mut out = BTreeSet::new();
    for pattern in &src.include {
        // Walk from the part of the pattern before its first wildcard.
        let literal: PathBuf = Path::new(pattern)
            .components()
            .take_while(|c| {
                !c.as_os_str()
                    .to_string_lossy()
                    .contains(['*', '?', '[', '{'])
            })
            .collect();
        let root = normalize(&base.join(&literal));
        if !root.exists() {
            continue;
        }
        let files = walk(&root, &|rel: &str, _: &Path| {
            let rel = if rel.is_empty() {
                slash(&literal)
            } else {
                slash(&literal.join(rel))
            };
            include.is_match(&rel) && !exclude.is_match(&rel) && !global.is_match(&rel)
        })?;
        out.extend(files);
    }
    if out.is_empty() {
        bail!(
            "[[drift.scope.source]] include = {:?} (relative to {}) matches no source file",
            src.include,
            base.display()
        );
    }
    Ok(out.into_iter().collect())
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Source files (of a language drift reads) under `root`, in path order,
/// that `keep(path relative to root, path)` accepts. Hidden folders and
/// `node_modules` are not entered; symbolic links are not followed.
fn walk(root: &Path, keep: &dyn Fn(&str, &Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.') || n == "node_modules")
        });
    for e in entries {
        let e = e.with_context(|| format!("cannot read {}", root.display()))?;
        if !e.file_type().is_file() || super::Lang::of(e.path()).is_none() {
            continue;
        }
        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
        // The root itself, when it is a file: "".
        let rel = slash(rel);
        if keep(&rel, e.path()) {
            out.push(e.path().to_path_buf());
        }
    }
    Ok(out)
}

/// `a/b/../c` → `a/c` without touching the file system (`..` that climbs
/// above the start is kept).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}
