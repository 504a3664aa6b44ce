//! The built-in code page is written by Rust (`src/render/compiled.rs`),
//! not by Tera: these tests prove the bytes are Tera's own.
//!
//! Each catalog is built twice: with the built-in templates (the compiled
//! code page) and with a templates folder holding `code.html` plus a Tera
//! comment, which renders nothing but makes the template a user's, so Tera
//! renders it. Every file of the two sites must be the same bytes (the
//! manifest aside: its fingerprints name the templates).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{root, tmp, tree};
use errdocs::output::Staging;

fn build(catalog: &Path, out: &Path, templates: Option<&Path>) {
    let config = errdocs::config::load(catalog).expect("config");
    let cats = errdocs::catalog::load_languages(catalog, &config).expect("catalog");
    let mut staging = Staging::begin(out).unwrap();
    errdocs::render::render_site_salted(&cats, &config, templates, "test", &mut staging).unwrap();
    staging.commit().unwrap();
}

/// Builds `catalog` both ways and compares every file.
fn same_as_tera(name: &str, catalog: &Path) {
    let dir = tmp(name);
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let code = std::fs::read_to_string(root().join("templates/code.html")).unwrap();
    std::fs::write(
        templates.join("code.html"),
        format!("{code}{{# a user's copy: rendered by Tera #}}"),
    )
    .unwrap();
    let (fast, tera) = (dir.path().join("fast"), dir.path().join("tera"));
    build(catalog, &fast, None);
    build(catalog, &tera, Some(&templates));
    let (mut a, mut b) = (tree(&fast), tree(&tera));
    a.remove(".errdocs-manifest");
    b.remove(".errdocs-manifest");
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{name}: the same files"
    );
    let mut pages = 0;
    for (path, bytes) in &a {
        let other = &b[path];
        if bytes != other {
            let at = bytes
                .iter()
                .zip(other.iter())
                .position(|(x, y)| x != y)
                .unwrap_or(bytes.len().min(other.len()));
            let show = |s: &[u8]| {
                String::from_utf8_lossy(&s[at.saturating_sub(120)..(at + 120).min(s.len())])
                    .into_owned()
            };
            panic!(
                "{name}: {path} differs at byte {at}\ncompiled: …{}…\ntera:     …{}…",
                show(bytes),
                show(other)
            );
        }
        pages += usize::from(path.starts_with("codes/") || path.contains("/codes/"));
    }
    assert!(pages > 0, "{name}: no code page compared");
}

#[test]
fn the_seed() {
    same_as_tera("compiled-seed", &root().join("catalog"));
}

#[test]
fn the_fixtures() {
    for f in [
        "lifecycle",
        "languages",
        "pages",
        "message-column",
        "include",
    ] {
        same_as_tera(
            &format!("compiled-{f}"),
            &root().join("tests/fixtures").join(f),
        );
    }
}

#[test]
fn a_synthetic_catalog() {
    let dir = tmp("compiled-synth-src");
    std::fs::write(dir.path().join("errors.md"), errdocs::synth::catalog(600)).unwrap();
    same_as_tera("compiled-synth", dir.path());
}

/// Text that must be escaped everywhere, UI strings without or with twice
/// their placeholder, a repository, lifecycles with and without their
/// parts, badges of every kind.
#[test]
fn hostile_text_and_odd_ui_strings() {
    let dir = tmp("compiled-hostile-src");
    std::fs::write(
        dir.path().join("errors.md"),
        r#"# Errors & <Codes> 'quoted'

(my-label)=
## Group "one" & <two>

:::{note}
A note with `code` & <b>bold</b>.
:::

| Code | Message | Status | Retryable | Detail |
| --- | --- | --- | --- | --- |
| E1 | It's <bad> & "worse" {code} | 404 | yes | a *b* `c` |
| E2 | {source} {since} | | no | |
| E3 | Three &amp; | 500 | | x |
| E4 | Plain | | maybe | y |
| E5 | Five | 418 | yes | z |
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("errdocs.toml"),
        r#"[site]
title = "T's & <T>"
base-url = "https://example.com/a&b/"
repository = "https://git.example.com/r?x=1&y='2'/"

[catalog]
status-column = "Status"
retryable-column = "Retryable"

[codes."E4"]
lifecycle = "deprecated"
replaced-by = "E5"

[codes."E5"]
lifecycle = "deprecated"
since = "1.0 & <2>"
reason = "It's \"old\"."

[codes."E9"]
lifecycle = "removed"
since = "3'0"
replaced-by = "E1"
message = "Gone & <away>"
group = "group-one-two"

[[language]]
tag = "en"
folder = "."

[language.ui]
use_instead = "Use this instead"
documented_in = "In {source} (see {source})"
the_code = "«{code}» & '{code}'"
applies_to_all = "All of {group} & more"
"#,
    )
    .unwrap();
    same_as_tera("compiled-hostile", dir.path());
}
