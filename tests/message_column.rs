//! `[catalog] message-column` names the message everywhere: on the code page,
//! in `explain`, in search, in problem types and in the names codegen
//! derives, even when it is not the first field of its table.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{errdocs, tmp};
use serde_json::Value;

const CATALOG: &str = "tests/fixtures/message-column";

#[test]
fn the_code_page_shows_the_message_column() {
    let t = tmp("message-column");
    let out = t.path().join("site");
    let (code, _, err) = errdocs(&[
        "build",
        "--catalog",
        CATALOG,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(out.join("codes/4115.html")).unwrap();
    assert!(page.contains("<title>4115 FunctionNotFound"), "{page}");
    assert!(
        page.contains("<span class=\"message\">FunctionNotFound</span>"),
        "{page}"
    );
    // The other fields are listed, the message is not listed again; the
    // status column is a badge.
    assert!(
        page.contains("<span class=\"badge status\" title=\"HTTP status\">HTTP 404</span>"),
        "{page}"
    );
    assert!(!page.contains("<dt>HTTP Status</dt>"), "{page}");
    assert!(page.contains("<dt>Description</dt>"), "{page}");
    assert!(!page.contains("<dt>Error Message</dt>"), "{page}");
    // Search shows the message beside the code.
    let shard = std::fs::read_to_string(out.join("search/d0.js")).unwrap();
    assert!(
        shard.contains(r#"["4115","codes/4115.html","FunctionNotFound","index.html#4115",0]"#),
        "{shard}"
    );
    assert!(!Path::new(&out).join("codes/404.html").exists());
}

#[test]
fn explain_problem_types_and_codegen_use_it() {
    let (code, out, err) = errdocs(&["explain", "4115", "--catalog", CATALOG]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().next(), Some("4115  FunctionNotFound"), "{out}");
    assert!(out.contains("\nHTTP 404\n"), "{out}");

    let (code, out, err) = errdocs(&["export", "--catalog", CATALOG, "--format", "problem-types"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let p = &v["problem_types"][1];
    assert_eq!(p["code"], "4115");
    assert_eq!(p["title"], "FunctionNotFound");
    assert_eq!(p["detail"], "The function does not exist.");
    assert_eq!(p["status"], 404);
    assert_eq!(p["type"], "https://docs.example.com/errors/codes/4115.html");

    let (code, out, err) = errdocs(&["codegen", "--lang", "rust", "--catalog", CATALOG]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("    FunctionNotFound = 4115,"), "{out}");
    assert!(
        out.contains("Self::FunctionNotFound => \"FunctionNotFound\","),
        "{out}"
    );
    assert!(
        out.contains("    /// The function does not exist.\n    FunctionNotFound"),
        "{out}"
    );
}
