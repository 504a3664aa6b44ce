//! Writing the site: path confinement, a staging folder swapped in with one
//! atomic exchange (rustix's safe `renameat2(RENAME_EXCHANGE)`; two renames
//! where the file system cannot exchange), unchanged files kept
//! (hard links, so their modification time stays), files errdocs did not
//! make kept, stale generated files dropped (a manifest remembers which files
//! errdocs made, with their hashes), and the swap into place. Files arrive
//! one at a time through a [`Sink`], so the site is never held in memory.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

/// A rendered site in memory: relative path (with `/`) → bytes, sorted
/// (tests, fuzzing, `build --check`).
pub type Files = BTreeMap<String, Vec<u8>>;

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
    /// Files not rendered at all: their inputs' fingerprint is the one the
    /// previous build recorded and the file is as that build left it
    /// (counted in `unchanged` too).
    pub reused: usize,
}

/// A fingerprint of everything a generated file is made from (see
/// [`Sink::reuse`]).
pub type Fingerprint = u128;

/// Refuses an output folder that would overwrite the catalog or the system,
/// or that is a file.
pub fn refuse_out(out: &Path, catalog: &Path) -> Result<()> {
    if out.exists() && !out.is_dir() {
        bail!(
            "the output folder {} is a file, not a folder: give --out a folder (it need not exist)",
            out.display()
        );
    }
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

/// Where rendered files go, one at a time: a staging folder ([`Staging`]),
/// a comparison with the site on disk ([`Diff`]), or memory ([`Files`]).
pub trait Sink {
    /// One whole file.
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()>;

    /// A file written in pieces (large files: `catalog.json`).
    fn stream(
        &mut self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut buf = Vec::new();
        fill(&mut buf).with_context(|| format!("cannot render {rel}"))?;
        self.file(rel, &buf)
    }

    /// Whether the previous build's `rel`, made from inputs with the same
    /// fingerprint and untouched since, can stay as it is: then it is kept
    /// and the caller renders nothing for it. Otherwise the caller renders
    /// it, and `fp` is recorded with what it writes. Sinks without a
    /// previous build never reuse.
    fn reuse(&mut self, rel: &str, fp: Fingerprint) -> Result<bool> {
        let _ = (rel, fp);
        Ok(false)
    }

    /// [`Sink::reuse`] for many files at once: whether each is kept.
    fn reuse_many(&mut self, files: &[(&str, Fingerprint)]) -> Result<Vec<bool>> {
        files.iter().map(|&(rel, fp)| self.reuse(rel, fp)).collect()
    }

    /// Whether there is a previous build whose files [`Sink::reuse`] could
    /// keep (when not, asking is only work).
    fn has_previous(&self) -> bool {
        false
    }

    /// Records `fp`, the fingerprint of every input of the whole site, for
    /// the next build, and says whether the previous build was made from
    /// the same inputs and can stay whole: then every file it made is kept
    /// as it is (if every one is as it left it), and the caller renders
    /// nothing. A site is a function of its inputs, so no file of it can
    /// differ; this only spares fingerprinting each page.
    fn reuse_site(&mut self, fp: Fingerprint) -> Result<bool> {
        let _ = fp;
        Ok(false)
    }

    /// [`Sink::reuse`] for a set of files whose names are only known once
    /// they are made (the search shards): keeps every file of the previous
    /// build under `dir` (a folder prefix, `""` for all) recorded with `fp`,
    /// if there is at least one and all are as that build left them.
    fn reuse_all(&mut self, dir: &str, fp: Fingerprint) -> Result<bool> {
        let _ = (dir, fp);
        Ok(false)
    }

    /// Records `fp` as the fingerprint of the file next written at `rel`
    /// (the files of a set [`Sink::reuse_all`] did not keep).
    fn mark(&mut self, rel: &str, fp: Fingerprint) {
        let _ = (rel, fp);
    }
}

/// A sink that gives every file written through it one fingerprint.
pub struct Marked<'s> {
    /// Where the files go.
    pub sink: &'s mut dyn Sink,
    /// Their fingerprint.
    pub fp: Fingerprint,
}

impl Sink for Marked<'_> {
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.sink.mark(rel, self.fp);
        self.sink.file(rel, bytes)
    }

    fn stream(
        &mut self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.sink.mark(rel, self.fp);
        self.sink.stream(rel, fill)
    }
}

impl Sink for Files {
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        confined(rel)?;
        if self.insert(rel.to_string(), bytes.to_vec()).is_some() {
            bail!("two files of the site have the same path {rel}");
        }
        Ok(())
    }
}

/// One generated file as the manifest records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    hash: u128,
    size: u64,
    /// The fingerprint of its inputs, when it has one.
    fp: Option<Fingerprint>,
}

impl Record {
    /// Whether two records say the same bytes (whatever made them).
    fn same_bytes(&self, other: &Record) -> bool {
        self.hash == other.hash && self.size == other.size
    }
}

/// The first line of a manifest with fingerprints.
const MANIFEST_HEADER: &str = "# errdocs manifest 2: xxh3-128 size inputs-fingerprint path";

/// What starts the line after [`MANIFEST_HEADER`] that records the
/// fingerprint of every input of the site ([`Sink::reuse_site`]).
const MANIFEST_SITE: &str = "# site inputs ";

/// The manifest: one line per generated file, `<xxh3-128 hex> <size>
/// <fingerprint hex, or -> <path>`, sorted by path, under
/// [`MANIFEST_HEADER`] and, when the site had one, the line with the
/// fingerprint of all its inputs ([`MANIFEST_SITE`]; older manifests:
/// `<hash> <size> <path>`, or paths only). A file whose size matches and that is not newer than the manifest
/// is trusted to hold the recorded bytes; any other file is compared byte by
/// byte.
fn read_manifest(out: &Path) -> (BTreeMap<String, Option<Record>>, Option<Fingerprint>) {
    let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
        return (BTreeMap::new(), None);
    };
    let mut lines = text.lines().peekable();
    let v2 = lines.next_if(|l| *l == MANIFEST_HEADER).is_some();
    let site = match lines.peek().and_then(|l| l.strip_prefix(MANIFEST_SITE)) {
        Some(fp) if v2 => {
            let fp = u128::from_str_radix(fp, 16).ok();
            lines.next();
            fp
        }
        _ => None,
    };
    let files = lines
        .map(|line| {
            let n = if v2 { 4 } else { 3 };
            let parts: Vec<&str> = line.splitn(n, ' ').collect();
            let (h, size, fp, path) = match parts[..] {
                [h, size, fp, path] if v2 => (h, size, u128::from_str_radix(fp, 16).ok(), path),
                [h, size, path] if !v2 => (h, size, None, path),
                _ => ("", "", None, ""),
            };
            let parsed = match (u128::from_str_radix(h, 16), size.parse::<u64>()) {
                (Ok(hash), Ok(size)) if h.len() == 32 => Some((path, Record { hash, size, fp })),
                _ => None,
            };
            match parsed {
                Some((path, r)) => (path.to_string(), Some(r)),
                // An older manifest: paths only.
                None => (line.to_string(), None),
            }
        })
        .collect();
    (files, site)
}

fn manifest_text(records: &BTreeMap<String, Record>, site: Option<Fingerprint>) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(records.len() * 100);
    s.push_str(MANIFEST_HEADER);
    s.push('\n');
    if let Some(fp) = site {
        let _ = writeln!(s, "{MANIFEST_SITE}{fp:032x}");
    }
    for (path, r) in records {
        let _ = match r.fp {
            Some(fp) => writeln!(s, "{:032x} {} {fp:032x} {path}", r.hash, r.size),
            None => writeln!(s, "{:032x} {} - {path}", r.hash, r.size),
        };
    }
    s
}

fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Builds the new site in a staging folder beside `out`, then swaps it in
/// ([`Staging::commit`]). Dropped without a commit, it removes the staging
/// folder: on any error the previous site is untouched.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    parent: PathBuf,
    name: String,
    old: BTreeMap<String, Option<Record>>,
    /// The fingerprint of the previous site's inputs, when recorded.
    old_site: Option<Fingerprint>,
    /// Whether the output folder was there when the build began (when not,
    /// no file of it is looked up).
    out_existed: bool,
    /// This site's ([`Sink::reuse_site`]).
    site: Option<Fingerprint>,
    manifest_time: Option<SystemTime>,
    new: BTreeMap<String, Record>,
    /// Fingerprints of files about to be written ([`Sink::reuse`] said no).
    pending: std::collections::HashMap<String, Fingerprint>,
    /// Files whose bytes are those of the previous site (linked at commit).
    same: Vec<String>,
    /// Files written to the staging folder.
    changed: Vec<String>,
    dirs: HashSet<PathBuf>,
    stats: WriteStats,
    done: bool,
}

impl Staging {
    /// Creates the staging folder (and removes those of killed builds).
    pub fn begin(out: &Path) -> Result<Staging> {
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
        std::fs::create_dir(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        let (old, old_site) = read_manifest(out);
        Ok(Staging {
            out: out.to_path_buf(),
            old,
            old_site,
            out_existed: out.exists(),
            site: None,
            manifest_time: std::fs::metadata(out.join(MANIFEST))
                .and_then(|m| m.modified())
                .ok(),
            staging,
            parent,
            name,
            new: BTreeMap::new(),
            pending: std::collections::HashMap::new(),
            same: Vec::new(),
            changed: Vec::new(),
            dirs: HashSet::new(),
            stats: WriteStats::default(),
            done: false,
        })
    }

    /// The staging path of `rel`, its folder created.
    fn target(&mut self, rel: &str) -> Result<PathBuf> {
        let target = self.staging.join(confined(rel)?);
        if let Some(dir) = target.parent()
            && !self.dirs.contains(dir)
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            self.dirs.insert(dir.to_path_buf());
        }
        Ok(target)
    }

    /// Whether the previous site's `rel` holds exactly what `record` says
    /// (`new` is the new bytes' file, for the byte-by-byte comparison).
    fn unchanged(&self, rel: &str, record: Record, new: Content) -> bool {
        if !self.out_existed {
            return false;
        }
        let old_path = self.out.join(rel);
        let Ok(meta) = std::fs::symlink_metadata(&old_path) else {
            return false;
        };
        if !meta.is_file() || meta.len() != record.size {
            return false;
        }
        let trusted = matches!(self.old.get(rel), Some(Some(r)) if r.same_bytes(&record))
            && self.untouched(rel);
        trusted
            || match new {
                Content::Bytes(b) => std::fs::read(&old_path).is_ok_and(|o| o == b),
                Content::File(p) => same_files(&old_path, p),
            }
    }

    /// Whether the previous site's `rel` is the file its manifest records:
    /// the size it says, and not modified after the manifest was written.
    fn untouched(&self, rel: &str) -> bool {
        let Some(Some(record)) = self.old.get(rel) else {
            return false;
        };
        let Ok(meta) = std::fs::symlink_metadata(self.out.join(rel)) else {
            return false;
        };
        meta.is_file()
            && meta.len() == record.size
            && matches!((meta.modified(), self.manifest_time), (Ok(m), Some(t)) if m <= t)
    }

    /// The previous site's record of `rel`, if that file was made from
    /// inputs with fingerprint `fp` and is untouched since.
    fn reusable(&self, rel: &str, fp: Fingerprint) -> Option<Record> {
        match self.old.get(rel) {
            Some(&Some(record))
                if record.fp == Some(fp) && confined(rel).is_ok() && self.untouched(rel) =>
            {
                Some(record)
            }
            _ => None,
        }
    }

    /// Keeps the previous site's `rel` as it is, with its record.
    fn keep(&mut self, rel: &str, record: Record) -> Result<()> {
        if self.new.insert(rel.to_string(), record).is_some() {
            bail!("two files of the site have the same path {rel}");
        }
        self.same.push(rel.to_string());
        self.stats.unchanged += 1;
        self.stats.reused += 1;
        Ok(())
    }

    fn keep_or_write(
        &mut self,
        rel: &str,
        target: &Path,
        record: Record,
        new: Content,
    ) -> Result<()> {
        let record = Record {
            fp: self.pending.remove(rel),
            ..record
        };
        if self.new.insert(rel.to_string(), record).is_some() {
            bail!("two files of the site have the same path {rel}");
        }
        if self.unchanged(rel, record, new) {
            if let Content::File(p) = new {
                std::fs::remove_file(p)
                    .with_context(|| format!("cannot remove {}", p.display()))?;
            }
            self.same.push(rel.to_string());
            self.stats.unchanged += 1;
            return Ok(());
        }
        if let Content::Bytes(b) = new {
            std::fs::write(target, b)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        self.changed.push(rel.to_string());
        self.stats.written += 1;
        Ok(())
    }

    /// Swaps the new site in. When few files changed (at most
    /// [`IN_PLACE_SHARE`] of the site, or 16), they replace the old ones
    /// one by one, each with an atomic rename, after a journal that a later
    /// build completes if this one is killed; otherwise the unchanged files
    /// are linked into the staging folder, which replaces the site in one
    /// atomic exchange.
    pub fn commit(mut self) -> Result<WriteStats> {
        // The previous files that are gone, and whether the manifest stays
        // the same: both sorted by path, so walked side by side.
        let mut removed: Vec<String> = Vec::new();
        let mut same_manifest = self.old_site == self.site;
        let mut new = self.new.iter().peekable();
        for (rel, old) in &self.old {
            while new.next_if(|(n, _)| *n < rel).is_some() {
                same_manifest = false;
            }
            match new.next_if(|(n, _)| *n == rel) {
                Some((_, r)) => same_manifest &= *old == Some(*r),
                None => {
                    same_manifest = false;
                    if rel != MANIFEST {
                        removed.push(rel.clone());
                    }
                }
            }
        }
        same_manifest &= new.next().is_none();
        self.stats.removed = removed.len();
        // Nothing changed, not even a fingerprint: the site and its manifest
        // stay as they are (a rebuild of an unchanged catalog of 100,000
        // codes spares writing a 10 MB manifest).
        if self.changed.is_empty() && removed.is_empty() && same_manifest && self.out.is_dir() {
            std::fs::remove_dir_all(&self.staging)
                .with_context(|| format!("cannot remove {}", self.staging.display()))?;
            self.done = true;
            return Ok(self.stats);
        }
        let small =
            (self.changed.len() + removed.len()) <= (self.new.len() / IN_PLACE_SHARE).max(16);
        let manifest = self.staging.join(MANIFEST);
        if small && self.out.is_dir() && !self.old.is_empty() {
            std::fs::write(&manifest, manifest_text(&self.new, self.site))
                .with_context(|| format!("cannot write {}", manifest.display()))?;
            let journal = Journal {
                write: std::mem::take(&mut self.changed),
                remove: removed,
            };
            let tmp = self.staging.join(format!("{JOURNAL}.tmp"));
            std::fs::write(&tmp, serde_json::to_vec(&journal)?)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            std::fs::rename(&tmp, self.staging.join(JOURNAL))
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            self.done = true;
            apply_journal(&self.staging, &self.out, &journal)?;
            return Ok(self.stats);
        }
        for rel in std::mem::take(&mut self.same) {
            let target = self.target(&rel)?;
            let old = self.out.join(&rel);
            if std::fs::hard_link(&old, &target).is_err() {
                std::fs::copy(&old, &target)
                    .with_context(|| format!("cannot copy {}", old.display()))?;
            }
        }
        self.keep_user_files()?;
        std::fs::write(&manifest, manifest_text(&self.new, self.site))
            .with_context(|| format!("cannot write {}", manifest.display()))?;
        swap(&self.out, &self.staging, &self.parent, &self.name)?;
        self.done = true;
        Ok(self.stats)
    }

    /// Files errdocs did not make (CNAME, .nojekyll, …) stay.
    fn keep_user_files(&mut self) -> Result<()> {
        let out = self.out.clone();
        if !out.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(&out).follow_links(false) {
            let entry = entry.with_context(|| format!("cannot read {}", out.display()))?;
            if !entry.file_type().is_file() && !entry.file_type().is_symlink() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&out) else {
                continue;
            };
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            if rel_s == MANIFEST || self.old.contains_key(&rel_s) || self.new.contains_key(&rel_s) {
                continue;
            }
            let target = self.target(&rel_s)?;
            if entry.file_type().is_symlink() {
                let link = std::fs::read_link(entry.path())?;
                std::os::unix::fs::symlink(link, &target)?;
            } else if std::fs::hard_link(entry.path(), &target).is_err() {
                std::fs::copy(entry.path(), &target)
                    .with_context(|| format!("cannot keep {}", entry.path().display()))?;
            }
            self.stats.kept += 1;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// New content: in memory, or already written to its staging file.
#[derive(Clone, Copy)]
enum Content<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

impl Sink for Staging {
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let target = self.target(rel)?;
        let record = Record {
            hash: hash(bytes),
            size: bytes.len() as u64,
            fp: None,
        };
        self.keep_or_write(rel, &target, record, Content::Bytes(bytes))
    }

    fn stream(
        &mut self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.target(rel)?;
        let file = std::fs::File::create(&target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        let mut w = HashingWriter {
            inner: std::io::BufWriter::with_capacity(1 << 16, file),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            size: 0,
        };
        fill(&mut w)
            .and_then(|()| w.inner.flush())
            .with_context(|| format!("cannot write {}", target.display()))?;
        let record = Record {
            hash: w.hasher.digest128(),
            size: w.size,
            fp: None,
        };
        drop(w);
        self.keep_or_write(rel, &target, record, Content::File(&target))
    }

    fn reuse(&mut self, rel: &str, fp: Fingerprint) -> Result<bool> {
        Ok(self.reuse_many(&[(rel, fp)])?[0])
    }

    fn reuse_many(&mut self, files: &[(&str, Fingerprint)]) -> Result<Vec<bool>> {
        use rayon::prelude::*;
        // The checks of the files on disk (a `stat` each) in parallel; the
        // bookkeeping in order.
        let keep: Vec<Option<Record>> = files
            .par_iter()
            .map(|&(rel, fp)| self.reusable(rel, fp))
            .collect();
        let mut kept = Vec::with_capacity(files.len());
        for (&(rel, fp), record) in files.iter().zip(keep) {
            match record {
                Some(record) => self.keep(rel, record)?,
                None => {
                    confined(rel)?;
                    self.pending.insert(rel.to_string(), fp);
                }
            }
            kept.push(record.is_some());
        }
        Ok(kept)
    }

    fn has_previous(&self) -> bool {
        !self.old.is_empty()
    }

    fn mark(&mut self, rel: &str, fp: Fingerprint) {
        self.pending.insert(rel.to_string(), fp);
    }

    fn reuse_site(&mut self, fp: Fingerprint) -> Result<bool> {
        use rayon::prelude::*;
        self.site = Some(fp);
        if self.old_site != Some(fp) || !self.new.is_empty() {
            return Ok(false);
        }
        // Every file the previous build made, each with its record (so with
        // the fingerprint the next build compares).
        let files: Option<Vec<(&String, Record)>> = self
            .old
            .iter()
            .map(|(rel, r)| r.filter(|r| r.fp.is_some()).map(|r| (rel, r)))
            .collect();
        let Some(files) = files else {
            return Ok(false);
        };
        // A `stat` each, in parallel.
        let untouched = files
            .par_iter()
            .all(|(rel, _)| confined(rel).is_ok() && self.untouched(rel));
        if files.is_empty() || !untouched {
            return Ok(false);
        }
        let files: Vec<(String, Record)> = files.into_iter().map(|(r, x)| (r.clone(), x)).collect();
        for (rel, record) in files {
            self.keep(&rel, record)?;
        }
        Ok(true)
    }

    fn reuse_all(&mut self, dir: &str, fp: Fingerprint) -> Result<bool> {
        let files: Vec<(String, Record)> = self
            .old
            .range(dir.to_string()..)
            .take_while(|(rel, _)| rel.starts_with(dir))
            .filter_map(|(rel, r)| match r {
                Some(r) if r.fp == Some(fp) => Some((rel.clone(), *r)),
                _ => None,
            })
            .collect();
        if files.is_empty() || !files.iter().all(|(rel, _)| self.untouched(rel)) {
            return Ok(false);
        }
        for (rel, record) in files {
            self.keep(&rel, record)?;
        }
        Ok(true)
    }
}

struct HashingWriter<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
    size: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether two files have the same bytes (read in blocks).
fn same_files(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut ra, mut rb) = (
        std::io::BufReader::with_capacity(1 << 16, fa),
        std::io::BufReader::with_capacity(1 << 16, fb),
    );
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let na = read_full(&mut ra, &mut ba);
        let nb = read_full(&mut rb, &mut bb);
        match (na, nb) {
            (Ok(x), Ok(y)) if x == y && ba[..x] == bb[..y] => {
                if x == 0 {
                    return true;
                }
            }
            _ => return false,
        }
    }
    fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            match r.read(&mut buf[n..])? {
                0 => break,
                k => n += k,
            }
        }
        Ok(n)
    }
}

/// One in every this many files may change for a build to update the site
/// in place (see [`Staging::commit`]).
pub const IN_PLACE_SHARE: usize = 50;

/// The in-place update's plan, written before the first rename.
const JOURNAL: &str = ".errdocs-journal";

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Journal {
    write: Vec<String>,
    remove: Vec<String>,
}

/// Moves the staged files of `journal` into `out`, removes the stale ones,
/// then the manifest, then the staging folder. Safe to run again after an
/// interruption: what was moved is no longer in the staging folder.
fn apply_journal(staging: &Path, out: &Path, journal: &Journal) -> Result<()> {
    for rel in &journal.write {
        let from = staging.join(confined(rel)?);
        if !from.exists() {
            continue;
        }
        let to = out.join(rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::rename(&from, &to).with_context(|| format!("cannot write {}", to.display()))?;
    }
    for rel in &journal.remove {
        let path = out.join(confined(rel)?);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                // Folders the removal emptied go too.
                let mut dir = path.parent();
                while let Some(d) = dir.filter(|d| *d != out) {
                    if std::fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", path.display())),
        }
    }
    let manifest = staging.join(MANIFEST);
    if manifest.exists() {
        std::fs::rename(&manifest, out.join(MANIFEST))
            .with_context(|| format!("cannot write {}", out.join(MANIFEST).display()))?;
    }
    std::fs::remove_dir_all(staging).with_context(|| format!("cannot remove {}", staging.display()))
}

/// Staging and old folders of builds that were killed (their process is
/// gone); an in-place update that was under way is completed first.
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
            let journal = std::fs::read(e.path().join(JOURNAL))
                .ok()
                .and_then(|b| serde_json::from_slice::<Journal>(&b).ok());
            if let Some(journal) = journal
                && apply_journal(&e.path(), &parent.join(name), &journal).is_ok()
            {
                continue;
            }
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
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

/// Compares what would be built with the site on disk (`build --check`).
#[derive(Debug)]
pub struct Diff {
    out: PathBuf,
    new: BTreeMap<String, Record>,
    pending: std::collections::HashMap<String, Fingerprint>,
    site: Option<Fingerprint>,
    diffs: Vec<String>,
}

impl Diff {
    /// Compares against `out`.
    pub fn new(out: &Path) -> Diff {
        Diff {
            out: out.to_path_buf(),
            new: BTreeMap::new(),
            pending: std::collections::HashMap::new(),
            site: None,
            diffs: Vec::new(),
        }
    }

    /// How many files were compared.
    pub fn files(&self) -> usize {
        self.new.len()
    }

    /// The differences, sorted.
    pub fn finish(mut self) -> Vec<String> {
        for old in read_manifest(&self.out).0.keys() {
            if !self.new.contains_key(old) {
                self.diffs.push(format!("{old} would be removed"));
            }
        }
        if std::fs::read_to_string(self.out.join(MANIFEST))
            .ok()
            .as_deref()
            != Some(manifest_text(&self.new, self.site).as_str())
        {
            self.diffs.push(format!("{MANIFEST} differs"));
        }
        self.diffs.sort();
        self.diffs.dedup();
        self.diffs
    }
}

impl Sink for Diff {
    fn file(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        confined(rel)?;
        let record = Record {
            hash: hash(bytes),
            size: bytes.len() as u64,
            fp: self.pending.remove(rel),
        };
        if self.new.insert(rel.to_string(), record).is_some() {
            bail!("two files of the site have the same path {rel}");
        }
        match std::fs::read(self.out.join(rel)) {
            Ok(b) if b == bytes => {}
            Ok(_) => self.diffs.push(format!("{rel} differs")),
            Err(_) => self.diffs.push(format!("{rel} is missing")),
        }
        Ok(())
    }

    fn reuse(&mut self, rel: &str, fp: Fingerprint) -> Result<bool> {
        // `--check` renders everything; the fingerprints go into the manifest it compares.
        self.pending.insert(rel.to_string(), fp);
        Ok(false)
    }

    fn reuse_site(&mut self, fp: Fingerprint) -> Result<bool> {
        self.site = Some(fp);
        Ok(false)
    }

    fn mark(&mut self, rel: &str, fp: Fingerprint) {
        self.pending.insert(rel.to_string(), fp);
    }
}

#[cfg(test)]
mod tests;
