//! `errdocs check --sources`: enums and constants in C++, Python, Java, Go,
//! protobuf and Rust, written the way real projects write them
//! (`tests/drift/clean`), and the same tree with one drift of each kind
//! (`tests/drift/drifted`); and errdocs' own generated code for all six
//! languages against the bundled catalog.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{errdocs_cmd, tmp};
use serde_json::Value;

const DRIFT_RULES: &[&str] = &[
    "undocumented-code",
    "undefined-code",
    "missing-in-source",
    "name-mismatch",
    "duplicate-value",
    "removed-code-in-source",
];

fn check(args: &[&str]) -> (i32, Vec<(String, String, u64)>) {
    let out = errdocs_cmd()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| DRIFT_RULES.contains(&d["rule"].as_str().unwrap()))
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
                "name-mismatch".to_string(),
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
    let d = tmp("drift-gen");
    let dir = d.path();
    for (lang, file) in [
        ("rust", "errors.rs"),
        ("go", "errors.go"),
        ("python", "errors.py"),
        ("java", "ErrorCode.java"),
        ("c", "errors.h"),
        ("typescript", "errors.ts"),
    ] {
        let st = errdocs_cmd()
            .args(["codegen", "--lang", lang, "--out"])
            .arg(dir.join(file))
            .output()
            .unwrap();
        assert!(st.status.success());
    }
    let (code, found) = check(&["--sources", dir.to_str().unwrap()]);
    assert_eq!(found, []);
    assert_eq!(code, 0);
}
