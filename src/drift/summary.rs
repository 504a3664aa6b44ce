//! What a drift run read, printed before its findings: per scope, its
//! groups (or why `--sources` paths were tied to them), each source set's
//! files with their definitions per enum, and how many of them the scope's
//! groups document.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{FileScan, Run, code_key};
use crate::catalog::Catalog;

/// The summary as text, one line per scope, set and file.
pub fn text(cat: &Catalog, run: &Run) -> String {
    let mut s = String::new();
    for scope in &run.scopes {
        let documented: BTreeSet<String> = scope
            .entries
            .iter()
            .map(|&i| &cat.entries[i])
            .filter(|e| !e.lifecycle.is_removed())
            .map(|e| code_key(e.code.as_str()))
            .collect();
        let _ = write!(
            s,
            "drift: scope {}: {} ({} codes)",
            scope.name,
            scope.groups.join(", "),
            documented.len()
        );
        if !run.configured {
            let why: Vec<String> = scope
                .ties
                .iter()
                .map(|&(k, n, of)| format!("{} defines {n} of {of}", run.sets[k].label))
                .collect();
            let _ = write!(s, "; {}", why.join(", "));
        }
        s.push('\n');
        for (n, &k) in scope.sets.iter().enumerate() {
            let set = &run.sets[k];
            let _ = writeln!(s, "  source set {}: {}", n + 1, set.label);
            files(&mut s, &set.files, Some(&documented));
        }
    }
    let unscoped = run.unscoped();
    if !unscoped.is_empty() {
        s.push_str("drift: tied to no group (each defines less than half of every group's codes; only undocumented codes are reported):\n");
        for k in unscoped {
            let set = &run.sets[k];
            let _ = writeln!(s, "  {}", set.label);
            files(&mut s, &set.files, None);
        }
    }
    s
}

fn files(s: &mut String, files: &[FileScan], documented: Option<&BTreeSet<String>>) {
    let mut empty = 0;
    for f in files {
        if let Some(why) = &f.skipped {
            let _ = writeln!(s, "    {}: skipped, {why}", f.path.display());
            continue;
        }
        if f.definitions.is_empty() {
            empty += 1;
            continue;
        }
        // Definitions per container, in order of appearance.
        let mut per: Vec<(String, usize)> = Vec::new();
        for d in &f.definitions {
            let name = d.container_name().unwrap_or("top level").to_string();
            match per.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += 1,
                None => per.push((name, 1)),
            }
        }
        let per: Vec<String> = per.iter().map(|(n, c)| format!("{n}: {c}")).collect();
        let _ = write!(
            s,
            "    {}: {} definition{} ({})",
            f.path.display(),
            f.definitions.len(),
            if f.definitions.len() == 1 { "" } else { "s" },
            per.join(", ")
        );
        if let Some(doc) = documented {
            let n = f
                .definitions
                .iter()
                .filter(|d| doc.contains(&d.code))
                .count();
            let _ = write!(s, ", {n} documented in the scope");
        }
        s.push('\n');
    }
    if empty > 0 {
        let _ = writeln!(
            s,
            "    {empty} more file{} with no definitions",
            if empty == 1 { "" } else { "s" }
        );
    }
}
