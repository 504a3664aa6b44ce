//! Differential test against the reference: real Sphinx + MyST-Parser, run
//! through `tests/oracle/harness.py` on the fixtures in `tests/oracle/`
//! (list tables, admonitions, labels, cell Markdown, pipe tables) and on the
//! bundled seed page, one test per file. Sections (title, level, ids in
//! order: the first is the `<section id>`), tables (the section they are in,
//! header and body cell texts, and each cell's markup: its HTML with only the
//! elements that carry meaning kept, see [`markup`]), admonitions (kind,
//! text, section) and footnotes (number, id, text, in the order Sphinx lists
//! them at the end of the page) must be the same; and each test checks that
//! a broken errdocs output would not pass the comparison. And intersphinx: a
//! small Sphinx project whose `intersphinx_mapping` points at a site errdocs
//! built links codes and groups through its `objects.inv`.
//!
//! Needs a Python with the versions `tests/oracle/requirements.txt` pins
//! (sphinx 9.0.4, myst-parser 5.2.0, docutils 0.22.4, markdown-it-py 4.3.0,
//! mdit-py-plugins 0.7.0): the one
//! `MYST_ORACLE_PYTHON` names, else `target/myst-oracle/bin/python`, which
//! `.ci/run` installs (the test installs nothing). Without it the tests are
//! skipped, except under `CI=true`, where they fail.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

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

/// The seed, the fixtures under `tests/oracle/` and the two-language
/// fixture's pages. A file's Sphinx `language` is the one its folder names
/// (`tests/oracle/lang-zh_CN/…`); the Chinese twin is `zh_CN`.
fn fixtures() -> Vec<PathBuf> {
    let mut files = vec![
        root().join("catalog/error-codes.md"),
        root().join("tests/fixtures/languages/zh/error-codes.md"),
    ];
    for entry in walkdir::WalkDir::new(root().join("tests/oracle")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.path().to_path_buf());
        }
    }
    files
}

/// The Sphinx `language` a fixture is built in (see [`fixtures`]).
fn language_of(file: &Path) -> Option<String> {
    if file.ends_with("tests/fixtures/languages/zh/error-codes.md") {
        return Some("zh_CN".into());
    }
    file.parent()?
        .file_name()?
        .to_str()?
        .strip_prefix("lang-")
        .map(str::to_string)
}

fn harness() -> PathBuf {
    root().join("tests/oracle/harness.py")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn texts(rows: &Value, f: fn(&str) -> String) -> Vec<Vec<String>> {
    rows.as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    r.as_array()
                        .unwrap()
                        .iter()
                        .map(|c| f(c.as_str().unwrap_or("")))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A cell's HTML reduced to what a reader sees in it: the elements that
/// carry meaning (links with their target's fragment or URL, abbreviations
/// with their expansion, code, keys, emphasis, citations, sub- and
/// superscripts, math, lists, tables, line breaks, preformatted blocks,
/// quotes), the text with whitespace collapsed; every other tag (Sphinx's
/// `<p>` in each cell, `<span class="pre">`, classes, ids) dropped. Text in
/// the elements a browser hides (`errdocs::html::HIDDEN_TAGS`: `script`,
/// `style`, `title`, …), comments, and everything after a comment that is
/// never closed, are not shown.
fn markup(html: &str) -> String {
    const BLOCK: &[&str] = &[
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "th",
        "td",
        "pre",
        "blockquote",
    ];
    const INLINE: &[&str] = &[
        "a", "abbr", "code", "kbd", "em", "strong", "cite", "sub", "sup", "br",
    ];
    let mut out = String::new();
    let mut rest = html;
    let mut hidden = 0usize;
    let mut in_pre = 0usize;
    let text = |out: &mut String, t: &str| {
        let t = t
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#64;", "@");
        out.push_str(&t);
    };
    while let Some(lt) = rest.find('<') {
        if hidden == 0 {
            text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let attr = |key: &str| -> Option<String> {
            let at = body.find(&format!(" {key}=\""))? + key.len() + 3;
            Some(body[at..].split('"').next().unwrap_or("").to_string())
        };
        if errdocs::html::HIDDEN_TAGS.contains(&name.as_str()) {
            hidden = if closing {
                hidden.saturating_sub(1)
            } else {
                hidden + 1
            };
            continue;
        }
        if hidden > 0 {
            continue;
        }
        let kept = if name == "span" {
            attr("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "math"))
                .then_some("math")
        } else if name == "code" && in_pre > 0 {
            None
        } else {
            BLOCK.iter().chain(INLINE).find(|&&t| t == name).copied()
        };
        if name == "pre" {
            in_pre = if closing {
                in_pre.saturating_sub(1)
            } else {
                in_pre + 1
            };
        }
        match kept {
            Some(t) if closing => out.push_str(&format!("</{t}>")),
            Some("a") => {
                // Sphinx writes `#other.md#x` for a link it cannot resolve:
                // compare what follows the last `#` (or the whole URL of an
                // external link).
                let href = attr("href").unwrap_or_default();
                let href = match href.rfind('#') {
                    Some(h) => &href[h + 1..],
                    None => &href,
                };
                out.push_str(&format!("<a href={href:?}>"));
            }
            Some("abbr") => match attr("title") {
                Some(title) => out.push_str(&format!("<abbr title={title:?}>")),
                None => out.push_str("<abbr>"),
            },
            Some(t) => out.push_str(&format!("<{t}>")),
            None if matches!(name.as_str(), "p" | "div" | "section" | "aside" | "hr") => {
                out.push(' ')
            }
            None => {}
        }
    }
    if hidden == 0 {
        text(&mut out, rest);
    }
    let mut s = collapse(&out);
    for t in BLOCK {
        for tag in [format!("<{t}>"), format!("</{t}>")] {
            s = s
                .replace(&format!(" {tag}"), &tag)
                .replace(&format!("{tag} "), &tag);
        }
    }
    s
}

fn same_as_sphinx(name: &str, file: &Path) -> Result<(), Missing> {
    let python = match python() {
        Ok(py) => py,
        Err(reason) => return require_that(false, reason),
    };
    // One file per run: each is the only page of its own project.
    let language = language_of(file);
    let mut harness_cmd = Command::new(python);
    harness_cmd.arg(harness());
    if let Some(l) = &language {
        harness_cmd.args(["--language", l]);
    }
    let out = harness_cmd.arg(file).output().expect("run harness.py");
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
        language,
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
/// must notice: one section, table or admonition less, a section's ids in
/// another order, or one compared field of the first changed.
fn broken(have: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for list in ["sections", "tables", "admonitions", "footnotes"] {
        let mut v = have.clone();
        if v[list].as_array_mut().and_then(Vec::pop).is_some() {
            out.push((format!("one of its {list} less"), v));
        }
    }
    // The same ids in another order.
    let mut v = have.clone();
    if let Some(ids) = v["sections"].as_array_mut().and_then(|ss| {
        ss.iter_mut()
            .filter_map(|s| s["ids"].as_array_mut())
            .find(|ids| ids.len() > 1)
    }) {
        ids.reverse();
        out.push(("a section's ids in another order".to_string(), v));
    }
    for field in [
        "/sections/0/title",
        "/sections/0/level",
        "/sections/0/ids",
        "/tables/0/header_rows/0/0",
        "/tables/0/body_rows/0/0",
        "/tables/0/body_html/0/0",
        "/tables/0/section_id",
        "/admonitions/0/kind",
        "/admonitions/0/title",
        "/admonitions/0/text",
        "/admonitions/0/section_id",
        "/footnotes/0/label",
        "/footnotes/0/ids",
        "/footnotes/0/text",
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

/// The items of list `key` of Sphinx's and errdocs' outputs, side by side
/// (a different count is a problem).
fn pairs<'a>(
    name: &str,
    want: &'a Value,
    have: &'a Value,
    key: &str,
    problems: &mut Vec<String>,
) -> impl Iterator<Item = (&'a Value, &'a Value)> + use<'a> {
    let (w, h) = (want[key].as_array().unwrap(), have[key].as_array().unwrap());
    if w.len() != h.len() {
        problems.push(format!("{name}: {} {key}, Sphinx has {}", h.len(), w.len()));
    }
    w.iter().zip(h)
}

fn compare(name: &str, want: &Value, have: &Value, problems: &mut Vec<String>) {
    for (w, h) in pairs(name, want, have, "sections", problems) {
        // In order: the first id is the `<section id>` and the `¶` link.
        let ids = |v: &Value| -> Vec<String> {
            v["ids"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        };
        let (wids, hids) = (ids(w), ids(h));
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
    for (i, (w, h)) in pairs(name, want, have, "tables", problems).enumerate() {
        for (key, f) in [
            ("header_rows", collapse as fn(&str) -> String),
            ("body_rows", collapse),
            ("header_html", markup),
            ("body_html", markup),
        ] {
            let (a, b) = (texts(&w[key], f), texts(&h[key], f));
            if a != b {
                problems.push(format!(
                    "{name}: table {i} {key}:\n    sphinx:  {a:?}\n    errdocs: {b:?}"
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
    for (i, (w, h)) in pairs(name, want, have, "footnotes", problems).enumerate() {
        let wtext = collapse(w["text"].as_str().unwrap_or(""));
        let htext = collapse(h["text"].as_str().unwrap_or(""));
        if w["label"] != h["label"] || w["ids"] != h["ids"] || wtext != htext {
            problems.push(format!(
                "{name}: footnote {i}:\n    sphinx:  [{}] {} {:?}\n    errdocs: [{}] {} {:?}",
                w["label"], w["ids"], wtext, h["label"], h["ids"], htext
            ));
        }
    }
    for (i, (w, h)) in pairs(name, want, have, "admonitions", problems).enumerate() {
        let wtext = collapse(w["text"].as_str().unwrap_or(""));
        let htext = collapse(h["text"].as_str().unwrap_or(""));
        if w["kind"] != h["kind"]
            || wtext != htext
            || w["section_id"] != h["section_id"]
            || w["title"] != h["title"]
        {
            problems.push(format!(
                "{name}: admonition {i}:\n    sphinx:  {} {} {:?} in {}\n    errdocs: {} {} {:?} in {}",
                w["kind"], w["title"], wtext, w["section_id"], h["kind"], h["title"], htext, h["section_id"]
            ));
        }
    }
}
