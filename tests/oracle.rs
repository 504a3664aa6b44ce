//! Differential test against the reference: real Sphinx + MyST-Parser, run
//! through `tests/oracle/harness.py` on the fixtures in `tests/oracle/`
//! (list tables, admonitions, labels, cell Markdown, pipe tables) and on the
//! bundled seed page, one test per file. Sections (title, level, ids), tables
//! (the section they are in, header and body cell texts) and admonitions
//! (kind, text, section) must be the same; and each test checks that a
//! broken errdocs output would not pass the comparison. And intersphinx: a
//! small Sphinx project whose `intersphinx_mapping` points at a site errdocs
//! built links codes and groups through its `objects.inv`.
//!
//! Needs a Python with the versions `tests/oracle/requirements.txt` pins
//! (sphinx 9.0.4, myst-parser 5.2.0, docutils 0.22.4): the one
//! `MYST_ORACLE_PYTHON` names, else `target/myst-oracle/bin/python`, which
//! `.ci/run` installs (the test installs nothing). Without it the tests are
//! skipped, except under `CI=true`, where they fail.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Missing, errdocs, pinned_python as python, require_that, root, tmp, with_tools};
use errdocs::parse::{self, ParseConfig};
use errdocs::source::SourceFile;
use serde_json::Value;

fn main() {
    let mut trials: Vec<_> = fixtures()
        .into_iter()
        .map(|file| {
            let name = file.strip_prefix(root()).unwrap().display().to_string();
            with_tools(&format!("same_as_sphinx::{name}"), move || {
                same_as_sphinx(&name, &file)
            })
        })
        .collect();
    trials.push(with_tools(
        "intersphinx_links_codes_and_groups",
        intersphinx,
    ));
    common::run(trials);
}

/// The seed's site, built; a Sphinx project (MyST) with `intersphinx_mapping`
/// at it (the inventory read from the built `objects.inv`, links made to the
/// site's published address) refers to two codes and a group label, and the
/// built page links each to its page with its title. A code the site does
/// not have fails the build (`-n -W`), so the check can fail.
fn intersphinx() -> Result<(), Missing> {
    let python = match python() {
        Ok(py) => py,
        Err(reason) => return require_that(false, reason),
    };
    let t = tmp("intersphinx");
    let site = t.path().join("site");
    let (code, _, err) = errdocs(&["build", "--out", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let src = t.path().join("docs");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("conf.py"),
        format!(
            "extensions = [\"myst_parser\", \"sphinx.ext.intersphinx\"]\nintersphinx_mapping = {{\"errors\": (\"https://docs.example.com/errors/\", {:?})}}\n",
            site.join("objects.inv").to_str().unwrap()
        ),
    )
    .unwrap();
    let sphinx = |page: &str| {
        std::fs::write(src.join("index.md"), page).unwrap();
        Command::new(python)
            .args(["-m", "sphinx", "-b", "html", "-n", "-W", "-q"])
            .arg(&src)
            .arg(t.path().join("html"))
            .output()
            .expect("sphinx-build")
    };
    let out = sphinx(
        "# Uses\n\nSee {external+errors:ref}`4115`, {external:ref}`1001` and {external+errors:ref}`the REST codes <rest-api-error-codes>`.\n",
    );
    assert!(
        out.status.success(),
        "sphinx-build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(t.path().join("html/index.html")).unwrap();
    for (href, text) in [
        ("codes/4115.html", "4115 FunctionNotFound"),
        ("codes/1001.html", "1001 Parameter validation failed."),
        ("index.html#rest-api-error-codes", "the REST codes"),
    ] {
        let link = format!("href=\"https://docs.example.com/errors/{href}\"");
        let at = html
            .find(&link)
            .unwrap_or_else(|| panic!("no link {link} in\n{html}"));
        let rest = &html[at..];
        assert!(
            rest[..rest.find("</a>").unwrap()].contains(text),
            "{link}: {text}"
        );
        // The target is really there in the site.
        let file = href.split('#').next().unwrap();
        assert!(site.join(file).is_file(), "{file}");
    }
    let out = sphinx("# Uses\n\nSee {external+errors:ref}`9999`.\n");
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("9999"),
        "an unknown code must fail the Sphinx build: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

fn fixtures() -> Vec<PathBuf> {
    let mut files = vec![root().join("catalog/error-codes.md")];
    for entry in walkdir::WalkDir::new(root().join("tests/oracle")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.path().to_path_buf());
        }
    }
    files
}

fn harness() -> PathBuf {
    root().join("tests/oracle/harness.py")
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

fn same_as_sphinx(name: &str, file: &Path) -> Result<(), Missing> {
    let python = match python() {
        Ok(py) => py,
        Err(reason) => return require_that(false, reason),
    };
    // One file per run: each is the only page of its own project.
    let out = Command::new(python)
        .arg(harness())
        .arg(file)
        .output()
        .expect("run harness.py");
    assert!(
        out.status.success(),
        "harness.py failed on {}: {}",
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
    let mut problems = Vec::new();
    compare(name, &want, &have, &mut problems);
    assert!(
        problems.is_empty(),
        "{} differences from Sphinx:\n{}",
        problems.len(),
        problems.join("\n")
    );
    for (what, broken) in broken(&have) {
        let mut problems = Vec::new();
        compare(name, &want, &broken, &mut problems);
        assert!(
            !problems.is_empty(),
            "{name}: an errdocs output with {what} passes the comparison"
        );
    }
    Ok(())
}

/// Copies of errdocs' output, each with one thing wrong that the comparison
/// must notice: one section, table or admonition less, or one compared
/// field of the first changed.
fn broken(have: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for list in ["sections", "tables", "admonitions"] {
        let mut v = have.clone();
        if v[list].as_array_mut().and_then(Vec::pop).is_some() {
            out.push((format!("one of its {list} less"), v));
        }
    }
    for field in [
        "/sections/0/title",
        "/sections/0/level",
        "/sections/0/ids",
        "/tables/0/header_rows/0/0",
        "/tables/0/body_rows/0/0",
        "/tables/0/section_id",
        "/admonitions/0/kind",
        "/admonitions/0/text",
        "/admonitions/0/section_id",
    ] {
        let mut v = have.clone();
        if let Some(x) = v.pointer_mut(field) {
            *x = match x.take() {
                Value::Number(n) => Value::from(n.as_u64().unwrap() + 1),
                Value::Array(mut ids) => {
                    ids.push(Value::from("x"));
                    Value::Array(ids)
                }
                other => Value::from(format!("{}x", other.as_str().unwrap_or(""))),
            };
            out.push((format!("{field} changed"), v));
        }
    }
    out
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
