//! The integrations the repository ships run as they say: the GitHub
//! Action's steps (`action.yml`) and the pre-commit hook
//! (`.pre-commit-hooks.yaml`), each run the way its runner runs it, on a
//! catalog in a throwaway git repository, with the `errdocs` under test on
//! the `PATH` (the action's install step, a `cargo install`, is checked
//! for what it installs but not run).
//!
//! Reads the YAML with the pinned Python's PyYAML (`MYST_ORACLE_PYTHON`,
//! else `target/myst-oracle`, which `.ci/run` installs); skipped without
//! it, except under `CI=true`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{Missing, output, pinned_python, require_that, root, tmp, with_tools};
use serde_json::Value;

fn main() {
    common::run(vec![
        with_tools("github_action_steps", action),
        with_tools("pre_commit_hook", pre_commit),
    ]);
}

/// A YAML file of the repository as JSON.
fn yaml(file: &str) -> Result<Value, Missing> {
    let python = match pinned_python() {
        Ok(py) => py,
        Err(reason) => {
            require_that(false, reason)?;
            unreachable!("require_that(false, …) is an error")
        }
    };
    let json = common::stdout_of(
        Command::new(python)
            .args([
                "-c",
                "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
            ])
            .arg(root().join(file)),
    );
    Ok(serde_json::from_str(&json).unwrap())
}

/// A git repository with `catalog/errors.md` committed twice: first 1001
/// and 1002, then 1002 gone (a breaking change) and 1003 before 1001 (a
/// warning).
fn repo() -> common::TempDir {
    let t = tmp("integrations");
    let git = |args: &[&str]| {
        let (code, out, err) = output(
            Command::new("git")
                .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
                .args(args)
                .current_dir(t.path()),
        );
        assert_eq!(code, 0, "git {args:?}: {out}{err}");
    };
    git(&["init", "-q"]);
    let table = |rows: &str| format!("# Errors\n\n| Code | Message |\n|---|---|\n{rows}");
    common::write_catalog(
        t.path(),
        &[(
            "errors.md",
            table("| 1001 | Disk full |\n| 1002 | Busy |\n").as_bytes(),
        )],
    );
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "one"]);
    common::write_catalog(
        t.path(),
        &[(
            "errors.md",
            table("| 1003 | Quota |\n| 1001 | Disk full |\n").as_bytes(),
        )],
    );
    git(&["commit", "-q", "-a", "-m", "two"]);
    t
}

/// The folder of the `errdocs` under test, first on a `PATH`.
fn path_with_errdocs() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_errdocs")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// What one run of the action did: each step run (name, exit code, stdout),
/// and the job summary.
struct Run {
    steps: Vec<(String, i32, String)>,
    summary: String,
}

/// Runs the action's steps after the install, as GitHub's runner does
/// (`bash --noprofile --norc -eo pipefail`, `${{ inputs.* }}` in `env`
/// replaced, a step's `if` honoured), in `repo` with `inputs`.
fn run_action(action: &Value, repo: &Path, inputs: &[(&str, &str)]) -> Run {
    let mut given: BTreeMap<String, String> = action["inputs"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["default"].as_str().unwrap_or("").to_string()))
        .collect();
    for (k, v) in inputs {
        assert!(given.contains_key(*k), "action.yml has no input {k}");
        given.insert(k.to_string(), v.to_string());
    }
    let expr = regex::Regex::new(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}").unwrap();
    let summary = repo.join("../summary.md");
    let _ = std::fs::remove_file(&summary);
    let mut steps = Vec::new();
    for step in action["runs"]["steps"].as_array().unwrap().iter().skip(1) {
        let name = step["name"].as_str().unwrap().to_string();
        match step["if"].as_str() {
            None => {}
            Some("inputs.diff-base != ''") if given["diff-base"].is_empty() => continue,
            Some("inputs.diff-base != ''") => {}
            Some(other) => panic!("the test does not know the condition {other:?} of {name}"),
        }
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
            .arg(step["run"].as_str().unwrap())
            .current_dir(repo)
            .env("PATH", path_with_errdocs())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_ACTION_PATH", root())
            .env_remove("ERRDOCS_RULES_URL");
        for (k, v) in step["env"].as_object().into_iter().flatten() {
            let v = expr.replace_all(v.as_str().unwrap(), |c: &regex::Captures<'_>| {
                given.get(&c[1]).cloned().unwrap_or_default()
            });
            cmd.env(k, v.as_ref());
        }
        let (code, out, _) = output(&mut cmd);
        let failed = code != 0;
        steps.push((name, code, out));
        if failed {
            break;
        }
    }
    Run {
        steps,
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
    }
}

fn action() -> Result<(), Missing> {
    let action = yaml("action.yml")?;
    let install = action["runs"]["steps"][0]["run"].as_str().unwrap();
    assert!(
        install.contains("cargo install --locked") && install.contains("$GITHUB_ACTION_PATH"),
        "the first step installs errdocs from the action's checkout: {install}"
    );
    let repo = repo();
    let repo = repo.path();

    // Defaults: the check passes (a warning is no failure), no diff.
    let run = run_action(&action, repo, &[]);
    let codes: Vec<i32> = run.steps.iter().map(|s| s.1).collect();
    assert_eq!(codes, [0], "{:?}", run.steps);
    assert!(
        run.steps[0].2.contains("::warning file=catalog/errors.md"),
        "{}",
        run.steps[0].2
    );

    // deny-warnings: the warning fails the check.
    let run = run_action(&action, repo, &[("deny-warnings", "true")]);
    assert_eq!(run.steps[0].1, 1, "{:?}", run.steps);

    // diff-base: the removed code is a breaking change, reported in the summary.
    let run = run_action(&action, repo, &[("diff-base", "HEAD~1")]);
    let codes: Vec<i32> = run.steps.iter().map(|s| s.1).collect();
    assert_eq!(codes, [0, 1], "{:?}", run.steps);
    assert!(run.summary.contains("1002"), "{}", run.summary);

    // Another catalog folder, with an error: annotations and a failure.
    common::write_catalog(
        &repo.join("docs"),
        &[(
            "e.md",
            b"# E\n\n| Code | Message |\n|---|---|\n| 1 | A |\n| 1 | B |\n",
        )],
    );
    let run = run_action(&action, repo, &[("catalog", "docs/catalog")]);
    assert_eq!(run.steps[0].1, 1, "{:?}", run.steps);
    assert!(
        run.steps[0]
            .2
            .contains("::error file=docs/catalog/e.md,line=6"),
        "{}",
        run.steps[0].2
    );
    Ok(())
}

/// The hook as pre-commit runs it: its `entry` in the repository's root,
/// no file names (`pass_filenames: false`), the hook's `args` after it.
fn pre_commit() -> Result<(), Missing> {
    let hooks = yaml(".pre-commit-hooks.yaml")?;
    let hook = &hooks[0];
    assert_eq!(hook["id"], "errdocs-check");
    assert_eq!(
        hook["language"], "rust",
        "pre-commit builds it from this repository"
    );
    assert_eq!(hook["pass_filenames"], false);
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    assert!(files.is_match("catalog/errors.md") && files.is_match("catalog/errdocs.toml"));
    assert!(!files.is_match("src/main.rs"));
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    let repo = repo();
    let run = |args: &[&str]| {
        output(
            Command::new(entry[0])
                .args(&entry[1..])
                .args(args)
                .current_dir(repo.path())
                .env("PATH", path_with_errdocs())
                .env_remove("ERRDOCS_RULES_URL"),
        )
    };
    let (code, out, err) = run(&[]);
    assert_eq!(code, 0, "{out}{err}");
    common::write_catalog(
        &repo.path().join("docs"),
        &[(
            "e.md",
            b"# E\n\n| Code | Message |\n|---|---|\n| 1 | A |\n| 1 | B |\n",
        )],
    );
    let (code, out, _) = run(&["docs/catalog"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[duplicate-code]"), "{out}");
    Ok(())
}
