//! Writing the site: path confinement, a staging folder swapped in with one
//! atomic exchange (rustix's safe `renameat2(RENAME_EXCHANGE)`; two renames
//! where the file system cannot exchange), unchanged files kept
//! (hard links, so their modification time stays), files errdocs did not
//! make kept, stale generated files dropped (a manifest remembers which files
//! errdocs made), and the swap into place.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::render::Files;

/// The list of generated files, kept in the output folder.
pub const MANIFEST: &str = ".errdocs-manifest";

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files whose bytes changed (or are new).
    pub written: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Generated files of the previous build that are gone now.
    pub removed: usize,
    /// Files errdocs did not make, kept.
    pub kept: usize,
}

/// Refuses an output folder that would overwrite the catalog or the system.
pub fn refuse_out(out: &Path, catalog: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Resolve what exists (symbolic links included), keep the rest lexically.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for name in rest.into_iter().rev() {
            resolved.push(name);
        }
        normalize(&resolved)
    };
    let (o, c) = (abs(out), abs(catalog));
    if o.parent().is_none() {
        bail!(
            "refusing to write the site to {}: that is the root folder",
            out.display()
        );
    }
    if o == c || c.starts_with(&o) {
        bail!(
            "refusing to write the site to {}: it is or contains the catalog folder {}",
            out.display(),
            catalog.display()
        );
    }
    if o.starts_with(&c) {
        bail!(
            "refusing to write the site to {}: it is inside the catalog folder {}",
            out.display(),
            catalog.display()
        );
    }
    Ok(())
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// A site path must be relative and stay inside the site.
fn confined(rel: &str) -> Result<&Path> {
    let p = Path::new(rel);
    if rel.is_empty()
        || p.is_absolute()
        || rel.contains('\\')
        || p.components().any(|c| !matches!(c, Component::Normal(_)))
    {
        bail!("refusing to write {rel:?}: not a path inside the site");
    }
    Ok(p)
}

fn read_manifest(out: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .map(|s| s.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

fn manifest_text(files: &Files) -> String {
    let mut s = String::new();
    for k in files.keys() {
        s.push_str(k);
        s.push('\n');
    }
    s
}

/// Builds the new site in a staging folder beside `out`, then swaps it in.
/// On any error the previous site is untouched.
pub fn write_site(out: &Path, files: &Files) -> Result<WriteStats> {
    for k in files.keys() {
        confined(k)?;
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    remove_leftovers(&parent, &name);
    let staging = parent.join(format!(".{name}.errdocs-staging-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot remove {}", staging.display()))?;
    }
    let result = fill_staging(out, &staging, files);
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    swap(out, &staging, &parent, &name)?;
    Ok(stats)
}

/// Staging and old folders of builds that were killed (their process is gone).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&format!(".{name}.errdocs-staging-"))
            .or_else(|| file.strip_prefix(&format!(".{name}.errdocs-old-")));
        if let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok())
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn fill_staging(out: &Path, staging: &Path, files: &Files) -> Result<WriteStats> {
    let mut stats = WriteStats::default();
    let old_manifest = read_manifest(out);
    for (rel, bytes) in files {
        let target = staging.join(confined(rel)?);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let old = out.join(rel);
        let same = std::fs::read(&old).is_ok_and(|b| b == *bytes);
        if same && std::fs::hard_link(&old, &target).is_ok() {
            stats.unchanged += 1;
            continue;
        }
        std::fs::write(&target, bytes)
            .with_context(|| format!("cannot write {}", target.display()))?;
        stats.written += 1;
    }
    stats.removed = old_manifest
        .iter()
        .filter(|f| !files.contains_key(*f) && *f != MANIFEST)
        .count();
    // Files errdocs did not make (CNAME, .nojekyll, …) stay.
    if out.is_dir() {
        for entry in walkdir::WalkDir::new(out).follow_links(false) {
            let entry = entry.with_context(|| format!("cannot read {}", out.display()))?;
            if !entry.file_type().is_file() && !entry.file_type().is_symlink() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(out) else {
                continue;
            };
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            if rel_s == MANIFEST || old_manifest.contains(&rel_s) || files.contains_key(&rel_s) {
                continue;
            }
            let target = staging.join(rel);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            if entry.file_type().is_symlink() {
                let link = std::fs::read_link(entry.path())?;
                std::os::unix::fs::symlink(link, &target)?;
            } else if std::fs::hard_link(entry.path(), &target).is_err() {
                std::fs::copy(entry.path(), &target)
                    .with_context(|| format!("cannot keep {}", entry.path().display()))?;
            }
            stats.kept += 1;
        }
    }
    let manifest = manifest_text(files);
    let old = std::fs::read_to_string(out.join(MANIFEST)).ok();
    if old.as_deref() == Some(manifest.as_str())
        && std::fs::hard_link(out.join(MANIFEST), staging.join(MANIFEST)).is_ok()
    {
        return Ok(stats);
    }
    std::fs::write(staging.join(MANIFEST), manifest)
        .with_context(|| format!("cannot write {}", staging.join(MANIFEST).display()))?;
    Ok(stats)
}

fn swap(out: &Path, staging: &Path, parent: &Path, name: &str) -> Result<()> {
    // One atomic exchange where the kernel offers it (Linux renameat2):
    // at every moment `out` is either the whole previous site or the whole new one.
    if out.is_dir() {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous site.
            std::fs::remove_dir_all(staging).with_context(|| {
                format!(
                    "cannot remove the previous site (now {})",
                    staging.display()
                )
            })?;
            return Ok(());
        }
    }
    if out.exists() {
        let old = parent.join(format!(".{name}.errdocs-old-{}", std::process::id()));
        std::fs::rename(out, &old)
            .with_context(|| format!("cannot move the previous site {} aside", out.display()))?;
        if let Err(e) = std::fs::rename(staging, out) {
            // Put the previous site back.
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(staging);
            return Err(e)
                .with_context(|| format!("cannot move the new site to {}", out.display()));
        }
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the previous site {}", old.display()))?;
    } else {
        std::fs::rename(staging, out)
            .with_context(|| format!("cannot move the new site to {}", out.display()))?;
    }
    Ok(())
}

/// The differences between `out` and what would be built (for `build --check`).
pub fn diff_site(out: &Path, files: &Files) -> Vec<String> {
    let mut diffs = Vec::new();
    for (rel, bytes) in files {
        match std::fs::read(out.join(rel)) {
            Ok(b) if b == *bytes => {}
            Ok(_) => diffs.push(format!("{rel} differs")),
            Err(_) => diffs.push(format!("{rel} is missing")),
        }
    }
    for old in read_manifest(out) {
        if !files.contains_key(&old) {
            diffs.push(format!("{old} would be removed"));
        }
    }
    if std::fs::read_to_string(out.join(MANIFEST)).ok().as_deref()
        != Some(manifest_text(files).as_str())
    {
        diffs.push(format!("{MANIFEST} differs"));
    }
    diffs.sort();
    diffs.dedup();
    diffs
}
