//! `errdocs check`: one fixture catalog per rule in `tests/check/<rule>/`,
//! with the expected output in every format beside it (`expected.human`,
//! `.json`, `.github`, `.sarif`). Bless new output with
//! `SNAPSHOTS=overwrite cargo test --test check`, then read the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{errdocs, root, tmp};
use serde_json::Value;

const FORMATS: &[&str] = &["human", "json", "github", "sarif"];

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/check"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("catalog").is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// `--sources` for a fixture with a `sources/` folder: the folder, or each
/// of its subfolders when it holds only folders (one source set each).
fn source_args(dir: &str) -> Vec<String> {
    let sources = root().join(dir).join("sources");
    if !sources.is_dir() {
        return Vec::new();
    }
    let mut subs: Vec<PathBuf> = std::fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    subs.sort();
    let mut args = vec!["--sources".to_string()];
    if subs.iter().all(|p| p.is_dir()) {
        args.extend(
            subs.iter()
                .map(|p| format!("{dir}/sources/{}", p.file_name().unwrap().to_string_lossy())),
        );
    } else {
        args.push(format!("{dir}/sources"));
    }
    args
}

#[test]
fn one_fixture_per_rule_with_goldens() {
    let overwrite = std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite");
    let mut problems = Vec::new();
    let names: Vec<String> = fixtures()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for rule in errdocs::rules::RULES.iter().map(|r| r.id) {
        if !names.iter().any(|n| n == rule) {
            problems.push(format!("rule {rule} has no fixture in tests/check/{rule}/"));
        }
    }
    for dir in fixtures() {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let catalog = format!("tests/check/{rule}/catalog");
        let sources = source_args(&format!("tests/check/{rule}"));
        for format in FORMATS {
            let mut args = vec![
                "check",
                "--catalog",
                &catalog,
                "--format",
                format,
                "--color",
                "never",
            ];
            args.extend(sources.iter().map(String::as_str));
            let (code, stdout, stderr) = errdocs(&args);
            assert!(
                code == 0 || code == 1,
                "{rule} {format}: exit {code}: {stderr}"
            );
            let golden = dir.join(format!("expected.{format}"));
            if overwrite {
                std::fs::write(&golden, &stdout).unwrap();
            } else {
                let want = std::fs::read_to_string(&golden).unwrap_or_default();
                if want != stdout {
                    problems.push(format!(
                        "{rule}: --format {format} differs from {}:\n{stdout}",
                        golden.display()
                    ));
                }
            }
            if *format == "json" {
                let v: Value = serde_json::from_str(&stdout).unwrap();
                let rules: Vec<&str> = v["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d["rule"].as_str().unwrap())
                    .collect();
                if !rules.contains(&rule.as_str()) {
                    problems.push(format!(
                        "{rule}: the fixture does not trigger its rule: {rules:?}"
                    ));
                }
                let errors = v["summary"]["errors"].as_u64().unwrap();
                if (errors > 0) != (code == 1) {
                    problems.push(format!("{rule}: exit {code} with {errors} errors"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_bundled_catalog_passes_with_exactly_three_findings() {
    let (code, stdout, _) = errdocs(&["check", "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("empty-header-row".to_string(), 6),
            ("mixed-message-style".to_string(), 77),
            ("unsorted-codes".to_string(), 135),
        ]
    );
    // With --deny warnings the same catalog fails.
    let (code, _, _) = errdocs(&["check", "--deny", "warnings", "--format", "json"]);
    assert_eq!(code, 1);
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut outputs = vec![errdocs(&["check", "--format", "sarif"]).1];
    for dir in fixtures() {
        let catalog = dir.join("catalog");
        let sources = source_args(dir.to_str().unwrap());
        let mut args = vec![
            "check",
            "--catalog",
            catalog.to_str().unwrap(),
            "--format",
            "sarif",
        ];
        args.extend(sources.iter().map(String::as_str));
        outputs.push(errdocs(&args).1);
    }
    for out in outputs {
        let v: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}\n{out}");
        assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    }
}

#[test]
fn every_rule_is_listed_in_readme_with_its_page() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for rule in errdocs::rules::RULES.iter().map(|r| r.id) {
        let page = format!("docs/rules/explanations/{rule}.md");
        assert!(
            readme.contains(&format!("- [`{rule}`]({page})")),
            "README.md's list of rules lacks - [`{rule}`]({page})"
        );
        // The page is there, with both examples (tests/rules.rs checks it
        // is what src/rules.rs says).
        let text =
            std::fs::read_to_string(root().join(&page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(
            text.contains("\n## Bad\n") && text.contains("\n## Good\n"),
            "{page} needs a bad and a good example"
        );
    }
}

#[test]
fn configuration_changes_severities_and_ignores() {
    let (code, stdout, stderr) = errdocs(&[
        "check",
        "--catalog",
        "tests/check-config/catalog",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
    let rules: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    // unsorted-codes raised to error; duplicate-message ignored for 1002; mixed style off.
    assert_eq!(rules, [("unsorted-codes", "error")], "{stdout}");
    assert_eq!(v["summary"]["suppressed"], 1);
    assert_eq!(code, 1);
}

#[test]
fn baseline_adopts_old_findings() {
    let d = tmp("baseline");
    let baseline = d.path().join("baseline.json");
    let tmp_s = baseline.to_str().unwrap();
    let catalog = "tests/check/duplicate-code/catalog";
    let (code, _, _) = errdocs(&["check", "--catalog", catalog, "--write-baseline", tmp_s]);
    assert_eq!(code, 0);
    let (code, stdout, _) = errdocs(&[
        "check",
        "--catalog",
        catalog,
        "--baseline",
        tmp_s,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stdout}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
    assert!(v["summary"]["suppressed"].as_u64().unwrap() > 0);
}

#[test]
fn bad_config_is_exit_2_naming_key_and_line() {
    let (code, _, stderr) = errdocs(&["check", "--catalog", "tests/check-config/bad"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("errdocs.toml:4:1") && stderr.contains("colour"),
        "{stderr}"
    );
}
