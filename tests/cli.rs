//! Command-line behaviour: trycmd goldens in `tests/cmd/` (bless with
//! `TRYCMD=overwrite cargo test --test cli`), and the reader's promises on the
//! bundled catalog.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{errdocs, root, tmp};
use serde_json::Value;

#[test]
fn cli_goldens() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

#[test]
fn inspect_the_seed_page() {
    let (code, stdout, stderr) =
        errdocs(&["inspect", "catalog/error-codes.md", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[0]["ids"], serde_json::json!(["error-codes"]));
    assert_eq!(sections[1]["ids"], serde_json::json!(["sdk-error-codes"]));
    assert_eq!(
        sections[2]["ids"],
        serde_json::json!(["error-code-rest-api", "rest-api-error-codes"])
    );
    let tables = v["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(
        tables[0]["header_rows"],
        serde_json::json!([["Error Code", "Description", "Solution"], ["", "", ""]])
    );
    assert_eq!(tables[0]["body_rows"].as_array().unwrap().len(), 49);
    assert_eq!(
        tables[0]["body_rows"][0],
        serde_json::json!([
            "1001",
            "Parameter validation failed.",
            "Restore the abnormal parameters according to the message, and call the function again."
        ])
    );
    assert_eq!(
        tables[1]["header_rows"],
        serde_json::json!([["Error Code", "Error Message", "Description"]])
    );
    assert_eq!(tables[1]["body_rows"].as_array().unwrap().len(), 60);
    let adm = v["admonitions"].as_array().unwrap();
    assert_eq!(adm.len(), 1);
    assert_eq!(adm[0]["kind"], "note");
    assert_eq!(adm[0]["section_id"], "sdk-error-codes");
}

#[test]
fn export_the_bundled_catalog() {
    let (code, stdout, stderr) = errdocs(&["export", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["schema"], "errdocs.catalog/1");
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 109);
    let e4115 = entries.iter().find(|e| e["code"] == "4115").unwrap();
    assert_eq!(e4115["group"], "error-code-rest-api");
    assert_eq!(e4115["fields"][0]["name"], "Error Message");
    assert_eq!(e4115["fields"][0]["text"], "FunctionNotFound");
    assert_eq!(e4115["source"]["line"], 92);
    assert_eq!(e4115["source"]["column"], 3);
    let e1001 = &entries[0];
    assert_eq!(e1001["code"], "1001");
    assert_eq!(e1001["group"], "sdk-error-codes");
    assert_eq!(e1001["source"]["line"], 11);
}

#[test]
fn bad_input_names_file_line_and_column() {
    for (case, want) in [
        ("bad-utf8", "page.md:5:10"),
        ("unterminated-quote", "page.md:6:7"),
        ("text-after-quote", "page.md:6:17"),
        ("url-option", "page.md:4:2"),
    ] {
        let dir = format!("tests/cmd/{case}.in");
        let (code, _, stderr) = errdocs(&["inspect", &format!("{dir}/page.md")]);
        assert_eq!(code, 1, "{case}: {stderr}");
        assert!(stderr.contains(want), "{case}: want {want} in {stderr}");
    }
    let (code, _, stderr) = errdocs(&["export", "--catalog", "tests/cmd/file-outside.in/catalog"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("page.md:4:2") && stderr.contains("outside the catalog folder"),
        "{stderr}"
    );
}

#[test]
fn file_option_reads_the_csv_once() {
    let (code, stdout, stderr) = errdocs(&["export", "--catalog", "tests/fixtures/include"]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let entries = v["entries"].as_array().unwrap();
    // codes.csv is included by page.md, so it is not read again on its own.
    assert_eq!(entries.len(), 2, "{stdout}");
    assert_eq!(entries[0]["code"], "6001");
    assert_eq!(entries[0]["fields"][1]["text"], "From a file, with a comma");
    assert_eq!(entries[1]["fields"][1]["text"], "Says \u{201c}hi\u{201d}");
    assert!(
        entries[0]["source"]["file"]
            .as_str()
            .unwrap()
            .ends_with("codes.csv")
    );
    assert_eq!(entries[0]["source"]["line"], 2);
}

#[test]
fn explain_prints_status_retryable_and_the_long_explanation() {
    let (code, stdout, stderr) = errdocs(&["explain", "5001", "--catalog", "tests/fixtures/pages"]);
    assert_eq!(code, 0, "{stderr}");
    let head = "5001  DiskFull\nStorage error codes · tests/fixtures/pages/errors.md:10\nHTTP 507 · retryable\n\nDescription\n  The volume holding the bucket is full.\n\n# DiskFull\n";
    assert!(stdout.starts_with(head), "{stdout}");
    // The explanation's Markdown as written, code block included, before
    // the group's notes and the URL.
    let fix = stdout.find("## How to fix it").expect("explanation");
    let fence = stdout.find("```json\n{\"rules\"").expect("code block");
    let notes = stdout
        .find("Applies to all Storage error codes")
        .expect("notes");
    assert!(fix < fence && fence < notes, "{stdout}");
    assert!(
        stdout
            .trim_end()
            .ends_with("https://docs.example.com/storage/codes/5001.html"),
        "{stdout}"
    );
    let (_, stdout, _) = errdocs(&["explain", "6001", "--catalog", "tests/fixtures/pages"]);
    assert!(stdout.contains("\nHTTP 401 · not retryable\n"), "{stdout}");
    assert!(!stdout.contains("\nHTTP Status\n"), "status once: {stdout}");
}

#[test]
fn explain_prints_the_page_as_text() {
    let (code, stdout, stderr) = errdocs(&["explain", "1001"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("1001  Parameter validation failed.\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("SDK Error Codes · catalog/error-codes.md:11"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Solution\n  Restore the abnormal parameters"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Applies to all SDK Error Codes\n  Note\n    The following types of exceptions"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("• timeout exceptions."), "{stdout}");
    assert!(stdout.trim_end().ends_with("codes/1001.html"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "plain text when piped");
}

#[test]
fn unknown_code_suggests_the_nearest() {
    let (code, _, stderr) = errdocs(&["explain", "4121"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no code \"4121\"") && stderr.contains("4120, 4123, 4124"),
        "{stderr}"
    );
    // Edit distance first: a swap of two digits is one edit.
    let (_, _, stderr) = errdocs(&["explain", "4151"]);
    assert!(stderr.contains("codes are 4115, "), "{stderr}");
    // A code's name finds the code (and only it).
    let (_, _, stderr) = errdocs(&["explain", "FunctionNotFound"]);
    assert!(stderr.contains("codes are 4115\n"), "{stderr}");
    let (code, _, stderr) = errdocs(&["url", "FunctionNotFound"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn url_is_site_relative_or_absolute() {
    assert_eq!(errdocs(&["url", "4115"]).1, "codes/4115.html\n");
    assert_eq!(
        errdocs(&[
            "url",
            "4115",
            "--base-url",
            "https://docs.example.com/errors"
        ])
        .1,
        "https://docs.example.com/errors/codes/4115.html\n"
    );
    // The URL the site really serves.
    assert!(root().join("site/codes/4115.html").is_file());
}

#[test]
fn problem_types_from_the_catalog() {
    let d = tmp("pt");
    let dir = d.path();
    std::fs::write(
        dir.join("api.md"),
        "# API\n\n| Code | Name | HTTP Status | Description |\n|---|---|---|---|\n| 4115 | FunctionNotFound | 404 | The function does not exist. |\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("errdocs.toml"),
        "[catalog]\nstatus-column = \"HTTP Status\"\n\n[site]\nbase-url = \"https://docs.example.com/errors/\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = errdocs(&[
        "export",
        "--catalog",
        dir.to_str().unwrap(),
        "--format",
        "problem-types",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let p = &v["problem_types"][0];
    assert_eq!(p["type"], "https://docs.example.com/errors/codes/4115.html");
    assert_eq!(p["title"], "FunctionNotFound");
    assert_eq!(p["status"], 404);
}

#[test]
fn serve_on_a_port_in_use_suggests_port_0() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, stdout, stderr) = errdocs(&["serve", "--port", &port]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: port {port} on 127.0.0.1 is in use: pass --port 0 to pick a free port (or --port N for another)\n"
        )
    );
    let (code, _, stderr) = errdocs(&["serve", "README.md", "--port", "0"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("README.md is a file, not a folder"),
        "{stderr}"
    );
}

#[test]
fn serve_shows_errors_until_they_are_fixed_even_before_the_first_good_build() {
    let t = tmp("serve-errors");
    let good = "# E\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n| 1002 | Busy |\n";
    let cat = common::write_catalog(
        t.path(),
        &[("errors.md", good.replace("1002", "1001").as_bytes())],
    );
    let server = common::Serve::start(t.path(), &[]);
    // No good build yet: every path is the overlay.
    for path in ["/", "/codes/1001.html", "/anything"] {
        let (status, body) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            body.contains("id=\"errdocs-overlay\"")
                && body.contains("error[duplicate-code]")
                && body.contains("errors.md:6:3"),
            "{path}: {body}"
        );
    }
    std::fs::write(cat.join("errors.md"), good).unwrap();
    server.until("/codes/1002.html", "the fixed catalog's page", |b| {
        b.contains("Busy") && !b.contains("errdocs-overlay")
    });
    // A bad errdocs.toml is an error with its place, on every page.
    std::fs::write(cat.join("errdocs.toml"), "[site]\ntitel = \"x\"\n").unwrap();
    let took = server.until("/codes/1002.html", "the config error", |b| {
        b.contains("errdocs-overlay")
            && b.contains("errdocs.toml:2:1: unknown key `titel`; did you mean `title`?")
    });
    println!(
        "serve: the config error showed after {} ms",
        took.as_millis()
    );
    std::fs::remove_file(cat.join("errdocs.toml")).unwrap();
    server.until("/codes/1002.html", "the page back", |b| {
        !b.contains("errdocs-overlay")
    });
    server.stop();
    assert!(
        !t.path().join("site").exists(),
        "serve never builds into site/"
    );
}

/// README's quick start, as a new user runs it, in an empty folder: the
/// install line installs this checkout, and the `errdocs` lines (`init`,
/// `serve`, `check`, `build`) each work there, in order, with nothing else
/// done first. (`serve` gets `--port 0` so tests never fight over 8000;
/// the install itself is too slow for a test and is done by hand, see
/// CONTRIBUTING.md.) And every file README links or shows exists.
#[test]
fn readme_quick_start_works_in_an_empty_folder() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = &readme[readme
        .find("\n## Quick start\n")
        .expect("a Quick start section")..];
    let start = &start[..start[1..].find("\n## ").map_or(start.len(), |i| i + 1)];
    let blocks: Vec<Vec<&str>> = start
        .split("```sh\n")
        .skip(1)
        .map(|b| {
            b[..b.find("```").unwrap()]
                .lines()
                .map(|l| l.split(" #").next().unwrap().trim())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(blocks.len(), 2, "{start}");
    assert_eq!(blocks[0], ["cargo install --locked --path ."]);
    assert_eq!(
        blocks[1],
        [
            "errdocs init",
            "errdocs serve",
            "errdocs check",
            "errdocs build"
        ]
    );
    let t = tmp("quick-start");
    for line in &blocks[1] {
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        if args == ["serve"] {
            let server = common::Serve::start(t.path(), &[]);
            let (status, body) = server.get("/codes/1001.html");
            assert_eq!(status, 200, "{body}");
            server.stop();
            continue;
        }
        let (code, out, err) =
            common::output(common::errdocs_cmd().args(&args).current_dir(t.path()));
        assert_eq!(code, 0, "{line}: {out}{err}");
    }
    for file in ["index.html", "objects.inv", "catalog.json"] {
        assert!(t.path().join("site").join(file).is_file(), "site/{file}");
    }

    let link = regex::Regex::new(r"\]\(([^)#\s]+)(#[^)]*)?\)").unwrap();
    for c in link.captures_iter(&readme) {
        let target = &c[1];
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        assert!(root().join(target).exists(), "README links {target}");
    }
}
