//! Gives the crate `ERRDOCS_SOURCE_HASH`: a hash of everything that decides
//! what errdocs writes (its source, templates and locked dependencies). It
//! salts the fingerprints an incremental build compares (`src/render`), so
//! a page rendered by another errdocs is never taken for current, whatever
//! the version number says. It depends on file contents only, never on
//! times or the build profile, so a debug and a release build of one commit
//! agree.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut paths = Vec::new();
    for dir in ["src", "templates"] {
        println!("cargo::rerun-if-changed={dir}");
        files(Path::new(dir), &mut paths);
    }
    for file in ["Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo::rerun-if-changed={file}");
        paths.push(PathBuf::from(file));
    }
    paths.sort();
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in &paths {
        let name = p.to_string_lossy().replace('\\', "/");
        h.update(name.as_bytes());
        h.update(&[0]);
        let bytes = std::fs::read(p).unwrap_or_default();
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    println!("cargo::rustc-env=ERRDOCS_SOURCE_HASH={:016x}", h.digest());
}
