//! Differential test against the reference: real Sphinx + MyST-Parser, run
//! through `../shared/tools/myst_oracle.py` on the fixtures in `tests/oracle/`
//! (list tables, admonitions, labels, cell Markdown, pipe tables, `:file:`)
//! and on the bundled seed page. Sections (title, level, ids), tables (the
//! section they are in, caption, header and body cell texts) and admonitions
//! (kind, title, text, section) must be the same.
//!
//! Needs a Python with sphinx==9.0.4 and myst-parser==5.2.0: the one
//! `MYST_ORACLE_PYTHON` names, else a virtualenv this test creates once under
//! `target/myst-oracle` (pip reaches PyPI here). If neither can be had the
//! test is skipped, except under `CI=true`, where it fails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use errdocs::parse::{self, ParseConfig};
use errdocs::source::SourceFile;
use serde_json::Value;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("catalog/error-codes.md")];
    for entry in walkdir::WalkDir::new(root.join("tests/oracle")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.path().to_path_buf());
        }
    }
    files
}

fn has_sphinx(py: &str) -> bool {
    Command::new(py)
        .args(["-c", "import sphinx, myst_parser"])
        .status()
        .is_ok_and(|s| s.success())
}

fn oracle_python() -> Option<String> {
    if let Ok(py) = std::env::var("MYST_ORACLE_PYTHON") {
        return has_sphinx(&py).then_some(py);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/myst-oracle");
    let py = venv.join("bin/python").display().to_string();
    if has_sphinx(&py) {
        return Some(py);
    }
    eprintln!(
        "setting up {} (sphinx==9.0.4, myst-parser==5.2.0) once",
        venv.display()
    );
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(&py)
            .args([
                "-m",
                "pip",
                "install",
                "-q",
                "sphinx==9.0.4",
                "myst-parser==5.2.0",
            ])
            .status()
            .is_ok_and(|s| s.success());
    (made && has_sphinx(&py)).then_some(py)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn texts(rows: &Value) -> Vec<Vec<String>> {
    rows.as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    r.as_array()
                        .unwrap()
                        .iter()
                        .map(|c| collapse(c.as_str().unwrap_or("")))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn same_as_sphinx() {
    let Some(python) = oracle_python() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "no Python with sphinx and myst-parser could be found or installed (MYST_ORACLE_PYTHON, target/myst-oracle)"
        );
        eprintln!(
            "skipped: set MYST_ORACLE_PYTHON to a Python with sphinx==9.0.4 and myst-parser==5.2.0"
        );
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = fixtures();
    let mut problems = Vec::new();
    for file in &files {
        // One file per run: each is the only page of its own project.
        let out = Command::new("python3")
            .arg(root.join("../shared/tools/myst_oracle.py"))
            .arg(file)
            .env("MYST_ORACLE_PYTHON", &python)
            .output()
            .expect("run myst_oracle.py");
        assert!(
            out.status.success(),
            "oracle failed on {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let want: Value = serde_json::from_slice(&out.stdout).unwrap();
        let src = SourceFile::new(file, &std::fs::read_to_string(file).unwrap());
        let config = ParseConfig {
            root: Some(file.parent().unwrap().to_path_buf()),
            ..ParseConfig::default()
        };
        let doc = parse::parse(&src, &config);
        let have: Value = serde_json::from_str(&errdocs::parse::inspect::to_json(&doc)).unwrap();
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        compare(&name, &want, &have, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "{} differences from Sphinx:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn compare(name: &str, want: &Value, have: &Value, problems: &mut Vec<String>) {
    let ws = want["sections"].as_array().unwrap();
    let hs = have["sections"].as_array().unwrap();
    if ws.len() != hs.len() {
        problems.push(format!(
            "{name}: {} sections, Sphinx has {}",
            hs.len(),
            ws.len()
        ));
    }
    for (w, h) in ws.iter().zip(hs) {
        let wids: BTreeSet<&str> = w["ids"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let hids: BTreeSet<&str> = h["ids"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if collapse(w["title"].as_str().unwrap()) != collapse(h["title"].as_str().unwrap())
            || w["level"] != h["level"]
            || wids != hids
        {
            problems.push(format!(
                "{name}: section differs:\n    sphinx:  {} level {} ids {:?}\n    errdocs: {} level {} ids {:?}",
                w["title"], w["level"], wids, h["title"], h["level"], hids
            ));
        }
    }
    let wt = want["tables"].as_array().unwrap();
    let ht = have["tables"].as_array().unwrap();
    if wt.len() != ht.len() {
        problems.push(format!(
            "{name}: {} tables, Sphinx has {}",
            ht.len(),
            wt.len()
        ));
    }
    for (i, (w, h)) in wt.iter().zip(ht).enumerate() {
        for (wk, hk) in [("header_rows", "header_rows"), ("body_rows", "body_rows")] {
            let (a, b) = (texts(&w[wk]), texts(&h[hk]));
            if a != b {
                problems.push(format!(
                    "{name}: table {i} {wk}:\n    sphinx:  {a:?}\n    errdocs: {b:?}"
                ));
            }
        }
        if w["section_id"] != h["section_id"] {
            problems.push(format!(
                "{name}: table {i} section: sphinx {} errdocs {}",
                w["section_id"], h["section_id"]
            ));
        }
    }
    let wa = want["admonitions"].as_array().unwrap();
    let ha = have["admonitions"].as_array().unwrap();
    if wa.len() != ha.len() {
        problems.push(format!(
            "{name}: {} admonitions, Sphinx has {}",
            ha.len(),
            wa.len()
        ));
    }
    for (i, (w, h)) in wa.iter().zip(ha).enumerate() {
        let wtext = collapse(w["text"].as_str().unwrap_or(""));
        let htext = collapse(h["text"].as_str().unwrap_or(""));
        if w["kind"] != h["kind"] || wtext != htext || w["section_id"] != h["section_id"] {
            problems.push(format!(
                "{name}: admonition {i}:\n    sphinx:  {} {:?} in {}\n    errdocs: {} {:?} in {}",
                w["kind"], wtext, w["section_id"], h["kind"], htext, h["section_id"]
            ));
        }
    }
}
