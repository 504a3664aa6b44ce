//! The rule table is the one list of rules: `[rules]` and `[[ignore]]`
//! accept every rule id errdocs can emit, SARIF lists every rule, and the
//! rule catalog `docs/rules/` (generated from the table, built by errdocs)
//! gives every rule a page, which every finding points at.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TempDir, errdocs, errdocs_cmd, output, root, tmp};
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

/// `docs/rules/` is what `errdocs::rule_docs::files` writes (bless with
/// `SNAPSHOTS=overwrite cargo test --test rules`), with nothing else in it.
#[test]
fn the_rule_catalog_is_fresh() {
    let dir = root().join(errdocs::rule_docs::FOLDER);
    let files = errdocs::rule_docs::files();
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in &files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
    let on_disk = common::tree(&dir);
    let want: std::collections::BTreeMap<String, Vec<u8>> = files
        .iter()
        .map(|(p, t)| (p.to_string_lossy().into_owned(), t.as_bytes().to_vec()))
        .collect();
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "docs/rules/ lists other files: SNAPSHOTS=overwrite cargo test --test rules"
    );
    for (name, bytes) in &want {
        assert!(
            on_disk[name] == *bytes,
            "docs/rules/{name} is stale: SNAPSHOTS=overwrite cargo test --test rules"
        );
    }
}

/// The rule catalog passes its own gate, builds, and every rule errdocs
/// can report has a page with its summary, what it finds and both examples.
#[test]
fn every_rule_has_a_page() {
    let (code, _, err) = errdocs(&["check", "docs/rules", "--deny", "warnings"]);
    assert_eq!(code, 0, "{err}");
    let t = tmp("rule-pages");
    let out = t.path().join("site");
    let (code, _, err) = errdocs(&["build", "docs/rules", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // The text as written, and as the page shows it: without code marks,
    // quotes as docutils' smart quotes make them.
    let plain = |s: &str| {
        s.replace('`', "")
            .replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201c}', '\u{201d}'], "\"")
    };
    for rule in RULES {
        let page = std::fs::read_to_string(out.join(format!("{}.html", rule.id)))
            .unwrap_or_else(|e| panic!("{} has no page: {e}", rule.id));
        let text = plain(&errdocs::html::html_to_text(&page));
        for (what, want) in [
            ("summary", rule.summary),
            ("help", rule.help),
            ("details", rule.details),
            ("bad example", rule.bad),
            ("good example", rule.good),
        ] {
            assert!(
                errdocs::text::collapse(&text).contains(&errdocs::text::collapse(&plain(want))),
                "the page of {} lacks its {what}: {want:?}\n{text}",
                rule.id
            );
        }
        assert!(text.contains("Bad") && text.contains("Good"), "{}", rule.id);
    }
}

#[test]
fn every_finding_ends_with_its_rule_page() {
    let catalog = "tests/check/duplicate-code/catalog";
    let (_, human, _) = errdocs(&["check", catalog, "--color", "never"]);
    let findings: Vec<&str> = human.split("\n\n").filter(|f| f.contains("[")).collect();
    assert!(findings.len() >= 3, "{human}");
    for f in findings {
        let rule = &f[f.find('[').unwrap() + 1..f.find(']').unwrap()];
        assert!(
            f.trim_end()
                .ends_with(&format!("= see: errdocs explain --rule {rule}")),
            "{f}"
        );
    }
    // With the pages' address, the address too, in every format.
    let with_url = |format: &str| {
        output(
            errdocs_cmd()
                .args(["check", catalog, "--color", "never", "--format", format])
                .env("ERRDOCS_RULES_URL", "https://errdocs.example.com/rules"),
        )
        .1
    };
    let url = "https://errdocs.example.com/rules/duplicate-code.html";
    assert!(
        with_url("human").contains(&format!(
            "= see: errdocs explain --rule duplicate-code ({url})"
        )),
        "{}",
        with_url("human")
    );
    assert!(with_url("github").contains(&format!(
        "%0Asee: errdocs explain --rule duplicate-code ({url})"
    )));
    let sarif: Value = serde_json::from_str(&with_url("sarif")).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["helpUri"] == url), "{sarif}");
    let (code, page, _) = output(
        errdocs_cmd()
            .args(["explain", "--rule", "duplicate-code"])
            .env("ERRDOCS_RULES_URL", "https://errdocs.example.com/rules/"),
    );
    assert_eq!(code, 0);
    assert!(page.trim_end().ends_with(url), "{page}");
}

#[test]
fn explain_rule_prints_the_page_lists_the_rules_and_suggests() {
    let (code, page, err) = errdocs(&["explain", "--rule", "row-width"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        page.starts_with("row-width  A row has more cells than the header"),
        "{page}"
    );
    assert!(
        page.contains("error; warning when the row has fewer cells than the header"),
        "{page}"
    );
    assert!(
        page.contains("## Bad\n") && page.contains("## Good\n"),
        "{page}"
    );
    // An old id names its successor.
    let (code, page, _) = errdocs(&["explain", "--rule", "conflicting-name"]);
    assert_eq!(code, 0);
    assert!(page.starts_with("name-mismatch  "), "{page}");
    let (code, list, _) = errdocs(&["explain", "--rule"]);
    assert_eq!(code, 0);
    assert_eq!(
        list.lines().filter(|l| l.contains(' ')).count(),
        RULES.len() + 1,
        "{list}"
    );
    let (code, _, err) = errdocs(&["explain", "--rule", "row-widht"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no rule `row-widht`") && err.contains("did you mean `row-width`?"),
        "{err}"
    );
}
