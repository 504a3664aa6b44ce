//! `tests/conformance/` is a copy of the conformance vectors handed to the
//! project. Where they were handed over, in a folder `shared/conformance`
//! beside the repository (the workplace lays `shared/` next to the checkout,
//! for developers and CI alike), the copy must be the same, file for file
//! and byte for byte, so that an update there is noticed. A plain clone has
//! no such folder: then the test is skipped, also under `CI=true`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Completion, Trial, root};

fn main() {
    common::run(vec![Trial::ignorable_test(
        "vendored_vectors_are_the_handed_over_ones",
        || {
            // The handed-over folder: the repository's parent, then `shared`.
            let handed = root().parent().unwrap().join("shared").join("conformance");
            if !handed.is_dir() {
                return Ok(Completion::ignored_with(format!(
                    "no handed-over vectors at {} to compare with",
                    handed.display()
                )));
            }
            let (want, have) = (files(&handed), files(&root().join("tests/conformance")));
            let mut problems = Vec::new();
            for (name, bytes) in &want {
                match have.get(name) {
                    None => problems.push(format!("{name} is missing")),
                    Some(b) if b != bytes => problems.push(format!("{name} differs")),
                    Some(_) => {}
                }
            }
            for name in have.keys().filter(|n| !want.contains_key(*n)) {
                problems.push(format!("{name} is not among the handed-over files"));
            }
            assert!(
                problems.is_empty(),
                "tests/conformance/ is not a copy of {}: {}; copy the folder over \
                 (and update tests/conformance_exceptions.txt if tests/conformance.rs fails)",
                handed.display(),
                problems.join(", ")
            );
            Ok(Completion::Completed)
        },
    )]);
}

/// The files of `dir` (not recursive): name → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}
