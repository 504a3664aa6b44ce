//! `errdocs check --sources`: enums and constants in C++, Python, Java, Go,
//! protobuf and Rust, written the way real projects write them
//! (`tests/drift/clean`), and the same tree with one drift of each kind
//! (`tests/drift/drifted`); and errdocs' own generated code for all six
//! languages against the bundled catalog.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(args: &[&str]) -> (i32, Vec<(String, String, u64)>) {
    let out = Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .current_dir(root())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            matches!(
                d["rule"].as_str().unwrap(),
                "undocumented-code" | "undefined-code" | "conflicting-name"
            )
        })
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["file"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    (out.status.code().unwrap(), found)
}

#[test]
fn clean_sources_have_no_drift() {
    let (code, found) = check(&[
        "--catalog",
        "tests/drift/catalog",
        "--sources",
        "tests/drift/clean",
    ]);
    assert_eq!(found, []);
    assert_eq!(code, 0);
}

#[test]
fn each_kind_of_drift_is_found_exactly() {
    let (code, found) = check(&[
        "--catalog",
        "tests/drift/catalog",
        "--sources",
        "tests/drift/drifted",
    ]);
    assert_eq!(
        found,
        [
            (
                "undefined-code".to_string(),
                "tests/drift/catalog/errors.md".to_string(),
                9
            ),
            (
                "conflicting-name".to_string(),
                "tests/drift/drifted/errors.go".to_string(),
                8
            ),
            (
                "undocumented-code".to_string(),
                "tests/drift/drifted/errors.hpp".to_string(),
                11
            ),
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn errdocs_generated_code_has_no_drift() {
    let dir = std::env::temp_dir().join(format!("errdocs-drift-gen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (lang, file) in [
        ("rust", "errors.rs"),
        ("go", "errors.go"),
        ("python", "errors.py"),
        ("java", "ErrorCode.java"),
        ("c", "errors.h"),
        ("typescript", "errors.ts"),
    ] {
        let st = Command::new(env!("CARGO_BIN_EXE_errdocs"))
            .args(["codegen", "--lang", lang, "--out"])
            .arg(dir.join(file))
            .current_dir(root())
            .output()
            .unwrap();
        assert!(st.status.success());
    }
    let (code, found) = check(&["--sources", dir.to_str().unwrap()]);
    assert_eq!(found, []);
    assert_eq!(code, 0);
}
