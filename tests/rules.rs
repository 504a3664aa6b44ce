//! The rule table is the one list of rules: `[rules]` and `[[ignore]]`
//! accept every rule id errdocs can emit, and SARIF lists every rule.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TempDir, errdocs, tmp};
use errdocs::rules::RULES;
use serde_json::Value;

fn check(catalog: &std::path::Path, format: &str) -> (i32, String, String) {
    errdocs(&[
        "check",
        "--format",
        format,
        "--catalog",
        catalog.to_str().unwrap(),
    ])
}

fn catalog_with_config(config: &str) -> TempDir {
    let dir = tmp("rules");
    std::fs::write(
        dir.path().join("errors.md"),
        "# E\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("errdocs.toml"), config).unwrap();
    dir
}

#[test]
fn every_rule_can_be_configured_and_ignored() {
    for rule in RULES {
        for level in ["error", "warning", "note", "off"] {
            let dir = catalog_with_config(&format!("[rules]\n{} = \"{level}\"\n", rule.id));
            let (code, _, err) = check(dir.path(), "json");
            assert_eq!(code, 0, "[rules] {} = {level}: {err}", rule.id);
        }
        let dir = catalog_with_config(&format!(
            "[[ignore]]\nrule = \"{}\"\nreason = \"known\"\n",
            rule.id
        ));
        let (code, _, err) = check(dir.path(), "json");
        assert_eq!(code, 0, "[[ignore]] {}: {err}", rule.id);
    }
    // And an id that is not a rule is refused (the test can fail).
    let dir = catalog_with_config("[rules]\nno-such-rule = \"off\"\n");
    let (code, _, err) = check(dir.path(), "json");
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `no-such-rule`"), "{err}");
}

#[test]
fn sarif_lists_every_rule_with_its_severity_and_help() {
    let dir = catalog_with_config("");
    let (_, out, _) = check(dir.path(), "sarif");
    let v: Value = serde_json::from_str(&out).unwrap();
    let listed = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(listed.len(), RULES.len());
    for (rule, sarif) in RULES.iter().zip(listed) {
        assert_eq!(sarif["id"], rule.id);
        assert_eq!(sarif["shortDescription"]["text"], rule.summary);
        assert_eq!(sarif["help"]["text"], rule.help);
        assert_eq!(
            sarif["defaultConfiguration"]["level"],
            rule.severity.as_str()
        );
    }
}
