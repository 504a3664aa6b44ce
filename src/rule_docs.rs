//! errdocs documents its own rules with itself: the rule table
//! ([`crate::rules::RULES`]) written out as an errdocs catalog, one code
//! per rule id (`docs/rules/` in the repository, kept fresh by
//! `tests/rules.rs`), read back in memory for `errdocs explain --rule`, and
//! the address of each rule's page when one is configured.
//!
//! The catalog: `rules.md` (a table of every rule: id, summary, default
//! severity, fix), `explanations/<rule>.md` (what the rule finds and why, a
//! bad and a good example) and `errdocs.toml` (the `Rule` column holds the
//! codes; pages at `<rule>.html`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::catalog::{self, Catalog};
use crate::config::Config;
use crate::diag::Rule;
use crate::rules::RULES;

/// Where the catalog lives in the repository.
pub const FOLDER: &str = "docs/rules";

/// The environment variable naming where the rule pages are published
/// (`https://errdocs.example.com/rules/`): diagnostics then end with the
/// page's address too.
pub const URL_VARIABLE: &str = "ERRDOCS_RULES_URL";

/// The catalog's files: path (relative to [`FOLDER`]) and text.
pub fn files() -> Vec<(PathBuf, String)> {
    let mut rules: Vec<&Rule> = RULES.to_vec();
    rules.sort_by_key(|r| r.id);
    let mut out = vec![
        (PathBuf::from("errdocs.toml"), CONFIG.to_string()),
        (PathBuf::from("rules.md"), table(&rules)),
    ];
    for r in &rules {
        out.push((
            Path::new("explanations").join(format!("{}.md", r.id)),
            explanation(r),
        ));
    }
    out
}

/// The rule catalog, read from [`files`] (its paths under [`FOLDER`]), with
/// its configuration; `base-url` is [`URL_VARIABLE`]'s value when set.
pub fn catalog() -> Result<(Catalog, Config)> {
    let mut config: Config =
        toml::from_str(CONFIG).context("the rule catalog's errdocs.toml is not valid")?;
    config.site.base_url = base_url();
    let root = Path::new(FOLDER);
    let files = files()
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "md"))
        .map(|(p, text)| (root.join(p), text.into_bytes()))
        .collect();
    Ok((catalog::from_files(root, files, &config), config))
}

/// The address of a rule's page, when [`URL_VARIABLE`] says where they are.
pub fn page_url(rule: &str) -> Option<String> {
    base_url().map(|base| crate::urls::absolute(&crate::urls::base_dir(&base), &page(rule)))
}

/// `see: errdocs explain --rule RULE`, and the page's address when known:
/// the last line of every finding.
pub fn see(rule: &str) -> String {
    match page_url(rule) {
        Some(url) => format!("errdocs explain --rule {rule} ({url})"),
        None => format!("errdocs explain --rule {rule}"),
    }
}

/// A rule's page in the built site (`url-pattern` of [`CONFIG`]).
fn page(rule: &str) -> String {
    format!("{rule}.html")
}

fn base_url() -> Option<String> {
    std::env::var(URL_VARIABLE)
        .ok()
        .filter(|u| !u.trim().is_empty())
}

const CONFIG: &str = r#"# The rule catalog, generated from src/rules.rs (tests/rules.rs fails when
# it is stale; SNAPSHOTS=overwrite cargo test --test rules rewrites it).
[catalog]
code-columns = ["Rule"]
code-pattern = "[a-z]+(-[a-z]+)*"
message-column = "Summary"

[site]
title = "errdocs rules"
url-pattern = "{code}.html"
"#;

/// `rules.md`: every rule in one table, by id.
fn table(rules: &[&Rule]) -> String {
    let mut s = String::from(
        "# errdocs rules\n\n\
         Every finding errdocs reports names its rule, and ends with the command\n\
         that explains it: `errdocs explain --rule RULE` prints the rule's page in\n\
         the terminal. A rule's severity can be changed in `errdocs.toml`\n\
         (`[rules]`), and a known finding left out (`[[ignore]]`).\n\n\
         This catalog is generated from errdocs' rule table (`src/rules.rs`) and\n\
         built by errdocs itself (`errdocs build docs/rules --out DIR`).\n\n\
         | Rule | Summary | Default | Fix |\n\
         | --- | --- | --- | --- |\n",
    );
    for r in rules {
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.id,
            cell(r.summary),
            cell(&severity(r)),
            cell(r.help)
        ));
    }
    s
}

/// The default severity, and the second case's.
fn severity(r: &Rule) -> String {
    match r.second {
        Some((second, when)) => format!("{}; {} when {when}", r.severity.as_str(), second.as_str()),
        None => r.severity.as_str().to_string(),
    }
}

/// Text for a pipe-table cell (a `|` would end it).
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `explanations/<rule>.md`: what the rule finds and why, then the examples.
fn explanation(r: &Rule) -> String {
    format!(
        "# {}\n\n{}\n\n## Bad\n\n{}\n\n## Good\n\n{}\n",
        r.id, r.details, r.bad, r.good
    )
}
