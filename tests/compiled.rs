//! The built-in code and index pages are written by Rust
//! (`src/render/compiled.rs`), not by Tera: these tests prove the bytes are
//! Tera's own.
//!
//! Each catalog is built twice: with the built-in templates (the compiled
//! pages) and with a templates folder holding `code.html` and `index.html`
//! plus a Tera comment, which renders nothing but makes the templates a
//! user's, so Tera renders them. Every file of the two sites must be the same bytes (the
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
fn same_as_tera(name: &str, catalog: &Path) -> String {
    let dir = tmp(name);
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    for name in ["code.html", "index.html"] {
        let body = std::fs::read_to_string(root().join("templates").join(name)).unwrap();
        std::fs::write(
            templates.join(name),
            format!("{body}{{# a user's copy: rendered by Tera #}}"),
        )
        .unwrap();
    }
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
    let (mut pages, mut indexes) = (0, 0);
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
        indexes += usize::from(path.ends_with("index.html"));
    }
    assert!(
        pages > 0 && indexes > 0,
        "{name}: no code or index page compared"
    );
    a.iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect()
}

/// Every catalog below, both ways; then whether they showed every part of
/// the two templates (so a part the compiled pages got wrong cannot hide in
/// a part no catalog has).
#[test]
fn every_page_is_what_tera_makes() {
    let mut seen = same_as_tera("compiled-seed", &root().join("catalog"));
    for f in [
        "lifecycle",
        "languages",
        "pages",
        "message-column",
        "include",
    ] {
        seen += &same_as_tera(
            &format!("compiled-{f}"),
            &root().join("tests/fixtures").join(f),
        );
    }
    let dir = tmp("compiled-synth-src");
    std::fs::write(dir.path().join("errors.md"), errdocs::synth::catalog(600)).unwrap();
    seen += &same_as_tera("compiled-synth", dir.path());
    // Cut into 12 parts: a pager with gaps in its numbers.
    std::fs::write(dir.path().join("errdocs.toml"), "[site]\nindex-rows = 50\n").unwrap();
    seen += &same_as_tera("compiled-synth-parts", dir.path());
    seen += &hostile();
    for part in [
        "<nav class=\"pages\"",
        "<div class=\"removed-codes\">",
        "<section class=\"continued\">",
        "<span class=\"continued-mark\">",
        "<caption>",
        "<colgroup>",
        "<thead>",
        "data-anchors=",
        "aria-current=\"true\"",
        "<link rel=\"alternate\"",
        "<link rel=\"canonical\"",
        "<details class=\"contents\" open>",
        "<nav class=\"pager\"",
        "<li class=\"gap\"",
        "aria-current=\"page\"",
        "<div class=\"lifecycle removed\"",
        "<div class=\"lifecycle deprecated\"",
        "<span class=\"badge deprecated\">",
        "<span class=\"badge status\"",
        "<span class=\"badge retryable\"",
        "<span class=\"badge not-retryable\"",
        "<section class=\"explanation\"",
        "<section class=\"related\"",
        "<section class=\"group-notes\"",
        "<meta property=\"og:url\"",
        "<dl class=\"fields\">",
        "<aside class=\"footnote brackets\"",
        "<p class=\"source\">In <a href=\"https://git.example.com/",
        "<span class=\"path\">",
        "<a class=\"prev\"",
        "<a class=\"next\"",
    ] {
        assert!(seen.contains(part), "no catalog showed {part}");
    }
}

/// Text that must be escaped everywhere, UI strings without or with twice
/// their placeholder, a repository, lifecycles with and without their
/// parts, badges of every kind, a second page.
fn hostile() -> String {
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
| E5 | Five | 418 | yes | z[^n] |

[^n]: A footnote & <b>it</b>.
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
    std::fs::write(
        dir.path().join("more.md"),
        "# More & more\n\n## Other <group>\n\n| Code | Message |\n| --- | --- |\n| F1 | F's one |\n| F2 | F two |\n",
    )
    .unwrap();
    same_as_tera("compiled-hostile", dir.path())
}
