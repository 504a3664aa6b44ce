//! `errdocs check --sources`: enums and constants in C++, Python, Java, Go,
//! protobuf and Rust, written the way real projects write them
//! (`tests/drift/clean`), and the same tree with one drift of each kind
//! (`tests/drift/drifted`); a source tree with two scopes in
//! `errdocs.toml` (`tests/drift/tree`, goldens beside it); the `--sources`
//! quick form; the old rule id `conflicting-name`; and errdocs' own
//! generated code, one test per language, against the bundled catalog.
//! (Every form each language reader knows: `src/drift/tests.rs` over
//! `tests/drift/forms`.)

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

/// `errdocs check ARGS --format json`: exit code and diagnostics.
fn diagnostics(args: &[&str]) -> (i32, Vec<Value>) {
    let out = errdocs_cmd()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap().clone();
    (out.status.code().unwrap(), diags)
}

fn text(d: &Value, key: &str) -> String {
    d.pointer(key)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// The drift findings: rule, file, line.
fn check(args: &[&str]) -> (i32, Vec<(String, String, u64)>) {
    let (code, diags) = diagnostics(args);
    let found = diags
        .iter()
        .filter(|d| DRIFT_RULES.contains(&d["rule"].as_str().unwrap()))
        .map(|d| {
            let line = d["span"]["line"].as_u64().unwrap();
            (text(d, "/rule"), text(d, "/span/file"), line)
        })
        .collect();
    (code, found)
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

/// Constants `errdocs codegen` writes for `lang`, scanned by `--sources`:
/// no finding.
fn generated_code_has_no_drift(lang: &str, file: &str) {
    let d = tmp("drift-gen");
    let path = d.path().join(file);
    let st = errdocs_cmd()
        .args(["codegen", "--lang", lang, "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(st.status.success());
    let (code, found) = check(&["--sources", path.to_str().unwrap()]);
    assert_eq!(found, [], "{lang}");
    assert_eq!(code, 0);
    // The scan read every code codegen wrote (the test can fail).
    let (_, _, summary) = common::errdocs(&["check", "--sources", path.to_str().unwrap()]);
    assert!(summary.contains("definitions"), "{summary}");
}

#[test]
fn generated_rust_has_no_drift() {
    generated_code_has_no_drift("rust", "errors.rs");
}

#[test]
fn generated_go_has_no_drift() {
    generated_code_has_no_drift("go", "errors.go");
}

#[test]
fn generated_python_has_no_drift() {
    generated_code_has_no_drift("python", "errors.py");
}

#[test]
fn generated_java_has_no_drift() {
    generated_code_has_no_drift("java", "ErrorCode.java");
}

#[test]
fn generated_c_has_no_drift() {
    generated_code_has_no_drift("c", "errors.h");
}

#[test]
fn generated_typescript_has_no_drift() {
    generated_code_has_no_drift("typescript", "errors.ts");
}

/// The fixture tree (`tests/drift/tree`): an SDK scope (a C++ header, the
/// protobuf files without their test doubles, a Python enum) and a REST
/// scope (a Go package, a TypeScript client) configured in
/// `docs/errdocs.toml`, and a `tests/` folder of ports, sizes, timeouts and
/// file modes. The findings in every format and the summary are goldens
/// (`SNAPSHOTS=overwrite` blesses them).
#[test]
fn scoped_tree_gives_exactly_the_expected_findings() {
    let overwrite = std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite");
    let dir = common::root().join("tests/drift/tree");
    let mut problems = Vec::new();
    for format in ["human", "json", "sarif"] {
        let (code, stdout, stderr) = common::errdocs(&[
            "check",
            "--catalog",
            "tests/drift/tree/docs",
            "--sources",
            "--format",
            format,
            "--color",
            "never",
        ]);
        assert_eq!(code, 1, "{stderr}");
        let mut outputs = vec![(format!("expected.{format}"), stdout)];
        if format == "human" {
            outputs.push(("expected.summary".into(), stderr));
        } else {
            assert_eq!(stderr, "", "the summary is for the human format only");
        }
        for (name, got) in outputs {
            let golden = dir.join(&name);
            if overwrite {
                std::fs::write(&golden, &got).unwrap();
            } else if std::fs::read_to_string(&golden).unwrap_or_default() != got {
                problems.push(format!("{name} differs:\n{got}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let (_, found) = check(&["--catalog", "tests/drift/tree/docs", "--sources"]);
    let rules: Vec<&str> = found.iter().map(|(r, _, _)| r.as_str()).collect();
    assert_eq!(
        rules,
        [
            "undefined-code",
            "missing-in-source",
            "name-mismatch",
            "missing-in-source",
            "undocumented-code",
            "duplicate-value",
            "removed-code-in-source",
            "name-mismatch",
        ]
    );
}

/// Numbers of the tree that are no error codes.
const NOT_CODES: &[&str] = &[
    "18765", "65535", "1024", "86400", "8080", "30000", "4096", "1048576", "16384", "31501",
    "1100", "416", "640", "65536", "1000", "2000", "3000", "1048576",
];

/// Every finding: rule and code.
fn codes_found(args: &[&str]) -> Vec<(String, String)> {
    let (_, diags) = diagnostics(args);
    diags
        .iter()
        .map(|d| (text(d, "/rule"), text(d, "/code")))
        .collect()
}

#[test]
fn the_whole_tree_unscoped_reports_no_port_size_mode_or_timeout() {
    let found = codes_found(&[
        "--catalog",
        "tests/drift/tree/docs",
        "--sources",
        "tests/drift/tree",
    ]);
    for (rule, code) in &found {
        assert!(!NOT_CODES.contains(&code.as_str()), "{rule} {code}");
    }
    // What it does find: real drift, and the test doubles a scope would exclude.
    let codes: Vec<&str> = found.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "1006", "9998", "1001", "4102", "1009", "9999", "1003", "1007", "1008"
        ]
    );
}

#[test]
fn sources_paths_are_tied_to_the_groups_they_define() {
    // The header alone defines most SDK codes: 1005, in the proto, is
    // missing from it; REST codes are not reported against it; the tests/
    // folder, tied to no group, adds nothing.
    let found = codes_found(&[
        "--catalog",
        "tests/drift/tree/docs",
        "--sources",
        "tests/drift/tree/sdk/src/libruntime/err_type.h",
        "tests/drift/tree/sdk/proto/common",
        "tests/drift/tree/rest/go/errcode/codes.go",
        "tests/drift/tree/tests",
    ]);
    let pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|(r, c)| (r.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("undefined-code", "1006"),
            ("missing-in-source", "1005"),
            ("undocumented-code", "1009"),
            ("removed-code-in-source", "1007"),
            ("name-mismatch", "1008"),
        ]
    );
    let (_, _, summary) = common::errdocs(&[
        "check",
        "--catalog",
        "tests/drift/tree/docs",
        "--sources",
        "tests/drift/tree/sdk/src/libruntime/err_type.h",
        "tests/drift/tree/tests",
    ]);
    assert!(
        summary.contains("err_type.h defines 5 of 7")
            && summary.contains("tied to no group")
            && summary.contains("tests/drift/tree/tests"),
        "{summary}"
    );
}

#[test]
fn conflicting_name_is_still_accepted_for_name_mismatch() {
    let d = tmp("drift-alias");
    let cat = d.path().join("catalog");
    std::fs::create_dir_all(&cat).unwrap();
    std::fs::copy(
        common::root().join("tests/check/name-mismatch/catalog/errors.md"),
        cat.join("errors.md"),
    )
    .unwrap();
    let sources = common::root().join("tests/check/name-mismatch/sources");
    let sources = sources.to_str().unwrap();
    let catalog = cat.to_str().unwrap();
    assert_eq!(
        codes_found(&["--catalog", catalog, "--sources", sources]).len(),
        1
    );
    std::fs::write(
        cat.join("errdocs.toml"),
        "[rules]\nconflicting-name = \"off\"\n",
    )
    .unwrap();
    assert_eq!(
        codes_found(&["--catalog", catalog, "--sources", sources]),
        []
    );
    std::fs::write(
        cat.join("errdocs.toml"),
        "[[ignore]]\nrule = \"conflicting-name\"\ncode = \"4101\"\n",
    )
    .unwrap();
    assert_eq!(
        codes_found(&["--catalog", catalog, "--sources", sources]),
        []
    );
    // A baseline written before the rename.
    std::fs::remove_file(cat.join("errdocs.toml")).unwrap();
    let baseline = d.path().join("baseline.json");
    std::fs::write(
        &baseline,
        format!(
            r#"{{"schema": "errdocs.baseline/1", "findings": [{{"rule": "conflicting-name",
            "file": "{sources}/errors.py", "message": "code 4101 has different names: FunctionAlreadyExists and FUNCTION_NAME_EXIST"}}]}}"#
        ),
    )
    .unwrap();
    let args = [
        "--catalog",
        catalog,
        "--sources",
        sources,
        "--baseline",
        baseline.to_str().unwrap(),
    ];
    assert_eq!(codes_found(&args), []);
}

#[test]
fn scope_config_errors_name_the_problem() {
    let d = tmp("drift-config");
    let cat = common::write_catalog(
        d.path(),
        &[(
            "errors.md",
            b"# E\n\n| Code | Message |\n|---|---|\n| 1001 | DiskFull |\n",
        )],
    );
    let catalog = cat.to_str().unwrap();
    for (toml, want) in [
        (
            "[[drift.scope]]\nname = \"a\"\ngroups = [\"nope\"]\n[[drift.scope.source]]\ninclude = [\"*.h\"]\n",
            "group \"nope\" is no section id or label",
        ),
        (
            "[[drift.scope]]\nname = \"a\"\ngroups = [\"e\"]\n[[drift.scope.source]]\ninclude = [\"src/*.h\"]\n",
            "matches no source file",
        ),
        (
            "[[drift.scope]]\nname = \"a\"\ngroups = [\"e\"]\n[[drift.scope.source]]\ninclude = [\"[\"]\n",
            "not a valid glob",
        ),
        (
            "[[drift.scope]]\nname = \"a\"\ngroups = [\"e\"]\nsources = []\n",
            "unknown key `sources`; did you mean `source`?",
        ),
        ("", "has no [[drift.scope]]"),
    ] {
        std::fs::write(cat.join("errdocs.toml"), toml).unwrap();
        let (code, _, stderr) = common::errdocs(&["check", "--catalog", catalog, "--sources"]);
        assert_eq!(code, 2, "{toml}: {stderr}");
        assert!(stderr.contains(want), "{toml}: {stderr}");
    }
}
