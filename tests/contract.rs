//! Published code URLs are a contract: a rebuild never drops a published code
//! page silently, removed codes keep their pages as tombstones, moved pages
//! redirect, and lifecycle shows on the site.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{errdocs, root, tmp, tree};
use serde_json::Value;

/// Copies a folder (files only).
fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn build(catalog: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "build",
        "--catalog",
        catalog.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let (code, _, err) = errdocs(&args);
    (code, err)
}

#[test]
fn deleting_a_row_over_the_committed_site_fails_until_the_removal_is_recorded() {
    let t = tmp("contract-delete");
    let catalog = t.path().join("catalog");
    let site = t.path().join("site");
    copy_dir(&root().join("catalog"), &catalog);
    copy_dir(&root().join("site"), &site);
    let page = catalog.join("error-codes.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let row = text.lines().find(|l| l.starts_with("1003, ")).unwrap();
    std::fs::write(&page, text.replace(&format!("{row}\n"), "")).unwrap();
    let before = tree(&site);

    let (code, err) = build(&catalog, &site, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("code 1003 has a page") && err.contains("codes/1003.html"),
        "{err}"
    );
    // The help is the record to paste, with the code's last message and group.
    assert!(
        err.contains("[codes.\"1003\"]")
            && err.contains("lifecycle = \"removed\"")
            && err.contains("message = \"Instance not found.\"")
            && err.contains("group = \"sdk-error-codes\""),
        "{err}"
    );
    assert_eq!(tree(&site), before, "nothing written");
    // The site rendered beside the check is gone with its staging folder.
    let mut beside: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    beside.sort();
    assert_eq!(beside, ["catalog", "site"], "nothing left beside the site");

    std::fs::write(
        catalog.join("errdocs.toml"),
        "[codes.\"1003\"]\nlifecycle = \"removed\"\nsince = \"2.0\"\nreplaced-by = \"1002\"\nmessage = \"Instance not found.\"\ngroup = \"sdk-error-codes\"\n",
    )
    .unwrap();
    let (code, err) = build(&catalog, &site, &[]);
    assert_eq!(code, 0, "{err}");
    let tomb = std::fs::read_to_string(site.join("codes/1003.html")).unwrap();
    assert!(tomb.contains("class=\"lifecycle removed\""), "{tomb}");
    assert!(tomb.contains("<strong>Removed in 2.0.</strong>"), "{tomb}");
    assert!(tomb.contains("Instance not found."), "{tomb}");
    assert!(
        tomb.contains("href=\"1002.html\""),
        "a link to the replacement"
    );
    // The index still has the anchor #1003, in the removed codes of its section.
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("<tr id=\"1003\" class=\"removed\">"),
        "{index}"
    );
}

#[test]
fn allow_removal_deletes_the_page_on_purpose() {
    let t = tmp("contract-allow");
    let catalog = t.path().join("catalog");
    std::fs::create_dir_all(&catalog).unwrap();
    let out = t.path().join("site");
    let page = |rows: &str| {
        std::fs::write(
            catalog.join("errors.md"),
            format!("# E\n\n| Code | Message |\n|---|---|\n{rows}"),
        )
        .unwrap()
    };
    page("| 1001 | Disk full |\n| 1002 | Quota |\n");
    assert_eq!(build(&catalog, &out, &[]).0, 0);
    page("| 1001 | Disk full |\n");
    assert_eq!(build(&catalog, &out, &[]).0, 1);
    assert!(out.join("codes/1002.html").is_file());
    let (code, err) = build(&catalog, &out, &["--allow-removal"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("--allow-removal: 1 published page"), "{err}");
    assert!(!out.join("codes/1002.html").exists());
}

#[test]
fn a_new_url_pattern_needs_the_old_one_listed_and_then_redirects() {
    let t = tmp("contract-moved");
    let catalog = t.path().join("catalog");
    std::fs::create_dir_all(&catalog).unwrap();
    let out = t.path().join("site");
    std::fs::write(
        catalog.join("errors.md"),
        "# E\n\n## SDK\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n",
    )
    .unwrap();
    assert_eq!(build(&catalog, &out, &[]).0, 0);
    let config = |extra: &str| {
        std::fs::write(
            catalog.join("errdocs.toml"),
            format!(
                "[site]\nbase-url = \"https://docs.example.com/e/\"\nurl-pattern = \"{{group}}/{{code}}.html\"\n{extra}"
            ),
        )
        .unwrap()
    };
    config("");
    let (code, err) = build(&catalog, &out, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("moved from codes/1001.html to sdk/1001.html")
            && err.contains("previous-url-patterns"),
        "{err}"
    );
    config(
        "previous-url-patterns = [\"codes/{code}.html\"]\n\n[redirects]\n\"old-index.html\" = \"index.html#sdk\"\n",
    );
    let (code, err) = build(&catalog, &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("sdk/1001.html").is_file());
    let redirect = std::fs::read_to_string(out.join("codes/1001.html")).unwrap();
    assert!(
        redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../sdk/1001.html\">"),
        "{redirect}"
    );
    assert!(
        redirect
            .contains("<link rel=\"canonical\" href=\"https://docs.example.com/e/sdk/1001.html\">"),
        "{redirect}"
    );
    assert!(
        redirect.contains("<a href=\"../sdk/1001.html\">"),
        "{redirect}"
    );
    let extra = std::fs::read_to_string(out.join("old-index.html")).unwrap();
    assert!(extra.contains("url=index.html#sdk"), "{extra}");
    // Redirects are not pages of their own in the sitemap.
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("codes/1001.html"), "{sitemap}");
}

#[test]
fn redirect_targets_stay_inside_the_site() {
    let t = tmp("contract-open-redirect");
    let catalog = &t.path().join("catalog");
    std::fs::create_dir_all(catalog).unwrap();
    std::fs::write(
        catalog.join("errors.md"),
        "# E\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n",
    )
    .unwrap();
    for (target, why) in [
        ("https://evil.example/", "must be a page of this site"),
        ("../outside.html", "must be a page of this site"),
        ("nowhere.html", "the site has no page nowhere.html"),
    ] {
        std::fs::write(
            catalog.join("errdocs.toml"),
            format!("[redirects]\n\"old.html\" = \"{target}\"\n"),
        )
        .unwrap();
        let out = t.path().join("site");
        let (code, err) = build(catalog, &out, &[]);
        assert_eq!(code, 2, "{target}: {err}");
        assert!(err.contains(why), "{target}: {err}");
        assert!(!out.exists());
    }
}

#[test]
fn lifecycle_shows_on_pages_index_search_and_catalog_json() {
    let t = tmp("contract-lifecycle");
    let out = t.path().join("site");
    let (code, err) = build(&root().join("tests/fixtures/lifecycle"), &out, &[]);
    assert_eq!(code, 0, "{err}");
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let deprecated = read("codes/5002.html");
    assert!(
        deprecated.contains("class=\"lifecycle deprecated\""),
        "{deprecated}"
    );
    assert!(deprecated.contains("<strong>Deprecated in 2.3.</strong>"));
    assert!(deprecated.contains("quotas are per tenant now"));
    let removed_row = read("codes/5005.html");
    assert!(removed_row.contains("<strong>Removed in 3.0.</strong>"));
    let record = read("codes/5003.html");
    assert!(record.contains("BucketQuotaExceeded") && record.contains("Quotas moved to tenants."));
    assert!(!read("codes/5001.html").contains("class=\"lifecycle"));
    let index = read("index.html");
    assert!(index.contains("<tr id=\"5002\" class=\"deprecated\">"));
    assert!(index.contains("<span class=\"badge deprecated\">deprecated</span>"));
    assert!(index.contains("<tr id=\"5005\" class=\"removed\">"));
    assert!(
        index.contains("<tr id=\"5003\" class=\"removed\">"),
        "the record is listed"
    );
    let shard = read("search/d0.js");
    assert!(
        shard.contains("\"deprecated\"]") && shard.contains("\"removed\"]"),
        "{shard}"
    );
    let doc: Value = serde_json::from_str(&read("catalog.json")).unwrap();
    let entry = |code: &str| {
        doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == code)
            .unwrap()
            .clone()
    };
    assert!(entry("5001").get("lifecycle").is_none());
    assert_eq!(entry("5002")["lifecycle"]["status"], "deprecated");
    assert_eq!(entry("5002")["lifecycle"]["replaced_by"], "5004");
    assert_eq!(entry("5003")["lifecycle"]["status"], "removed");
    assert_eq!(entry("5003")["source"]["file"], "errdocs.toml");
    assert_eq!(entry("5003")["message"], "BucketQuotaExceeded");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("catalog.schema.json")).unwrap())
            .unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}
