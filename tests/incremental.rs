//! Incremental builds: a rebuild renders again exactly the files whose
//! inputs changed, and what it leaves on disk is byte for byte a fresh
//! build's.
//!
//! Each test builds the seed catalog, changes one kind of input (an entry's
//! text, a neighbour, a group's note, a template, the configuration, the
//! errdocs that renders), rebuilds over the first build, and compares:
//!
//! - the rebuilt folder with a fresh build of the changed catalog into an
//!   empty folder (every file, the manifest too);
//! - which files were rendered again (their inputs' fingerprint in the
//!   manifest changed, and the build's count of files not rendered again
//!   agrees) with which pages' bytes changed between the two fresh builds:
//!   the same set, so nothing is rendered for nothing and nothing that
//!   changed is missed; plus what the test expects of that kind of change.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{copy_tree, errdocs, root, tmp, tree};
use errdocs::output::{Staging, WriteStats};

/// Builds `catalog` into `out` through the library, salted with `salt`.
fn build(catalog: &Path, out: &Path, templates: Option<&Path>, salt: &str) -> WriteStats {
    let config = errdocs::config::load(catalog).expect("config");
    let cats = errdocs::catalog::load_languages(catalog, &config).expect("catalog");
    let mut staging = Staging::begin(out).unwrap();
    errdocs::render::render_site_salted(&cats, &config, templates, salt, &mut staging).unwrap();
    staging.commit().unwrap()
}

/// The manifest's fingerprint column: path → fingerprint.
fn fingerprints(out: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(out.join(".errdocs-manifest")).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("# errdocs manifest 2"));
    lines
        .filter(|l| !l.starts_with("# site inputs "))
        .map(|l| {
            let parts: Vec<&str> = l.splitn(4, ' ').collect();
            assert_ne!(parts[2], "-", "{l}: no fingerprint");
            (parts[3].to_string(), parts[2].to_string())
        })
        .collect()
}

/// The fingerprint of every input of the site, as the manifest records it.
fn site_inputs(out: &Path) -> String {
    let text = std::fs::read_to_string(out.join(".errdocs-manifest")).unwrap();
    let line = text.lines().nth(1).unwrap();
    let fp = line.strip_prefix("# site inputs ").expect(line);
    assert_eq!(fp.len(), 32, "{line}");
    fp.to_string()
}

/// What one change did.
struct Rebuild {
    /// Files rendered again (new, or their fingerprint changed).
    rendered: BTreeSet<String>,
    /// Files whose bytes differ from the first build's (or that are new).
    changed: BTreeSet<String>,
    /// The files made from the whole catalog (one shared fingerprint).
    whole: BTreeSet<String>,
    /// Every file of the site.
    all: BTreeSet<String>,
}

impl Rebuild {
    /// The pages rendered again (not the whole-catalog files).
    fn pages(&self) -> BTreeSet<String> {
        self.rendered.difference(&self.whole).cloned().collect()
    }

    /// Every code page of the site.
    fn code_pages(&self) -> BTreeSet<String> {
        self.all
            .iter()
            .filter(|p| p.starts_with("codes/"))
            .cloned()
            .collect()
    }

    /// Whether the whole-catalog files were made again (all of them) or
    /// kept (all of them); anything else is a bug.
    fn whole_rendered(&self) -> bool {
        let n = self.rendered.intersection(&self.whole).count();
        assert!(
            n == 0 || n == self.whole.len(),
            "{n} of {} whole-catalog files rendered again",
            self.whole.len()
        );
        n > 0
    }
}

/// Builds the seed catalog (with `templates`, if given, copied from the
/// built-in ones), applies `change` (to the catalog folder and the
/// templates folder), rebuilds over it with `salt`, and checks the rebuild
/// against a fresh build.
fn rebuild(name: &str, templates: bool, salt: &str, change: impl FnOnce(&Path, &Path)) -> Rebuild {
    let t = tmp(&format!("incremental-{name}"));
    let (catalog, tpl, site, fresh_before, fresh) = (
        t.path().join("catalog"),
        t.path().join("templates"),
        t.path().join("site"),
        t.path().join("fresh-before"),
        t.path().join("fresh"),
    );
    copy_tree(&root().join("catalog"), &catalog);
    std::fs::create_dir_all(&tpl).unwrap();
    for (file, body) in errdocs::render::TEMPLATES {
        std::fs::write(tpl.join(file), body).unwrap();
    }
    let tpl_arg = templates.then_some(tpl.as_path());
    let salt_before = errdocs::render::SALT;
    let first = build(&catalog, &site, tpl_arg, salt_before);
    assert_eq!(first.reused, 0);
    build(&catalog, &fresh_before, tpl_arg, salt_before);
    let (fp_before, bytes_before) = (fingerprints(&site), tree(&site));
    let site_before = site_inputs(&site);

    // Nothing changed yet: nothing is rendered (the site is kept whole).
    let again = build(&catalog, &site, tpl_arg, salt_before);
    assert_eq!(
        (again.reused, again.written),
        (fp_before.len(), 0),
        "a rebuild with nothing changed"
    );
    assert_eq!(tree(&site), bytes_before);
    assert_eq!(site_inputs(&site), site_before);

    change(&catalog, &tpl);
    let stats = build(&catalog, &site, tpl_arg, salt);
    let written = stats.written;
    // Every kind of change is a change of the site's inputs: the site is
    // not kept whole, its pages are fingerprinted one by one.
    assert_ne!(site_inputs(&site), site_before, "{name}: the site's inputs");
    build(&catalog, &fresh, tpl_arg, salt);
    let (fp_after, bytes_after) = (fingerprints(&site), tree(&site));
    assert!(
        bytes_after == tree(&fresh),
        "{name}: the rebuilt site differs from a fresh build: {:?}",
        bytes_after
            .iter()
            .filter(|(p, b)| tree(&fresh).get(*p) != Some(*b))
            .map(|(p, _)| p)
            .collect::<Vec<_>>()
    );
    let rendered: BTreeSet<String> = fp_after
        .iter()
        .filter(|(p, fp)| fp_before.get(*p) != Some(*fp))
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(
        stats.reused,
        fp_after.len() - rendered.len(),
        "{name}: the build's count of files not rendered again"
    );
    let changed: BTreeSet<String> = bytes_after
        .iter()
        .filter(|(p, b)| p.as_str() != ".errdocs-manifest" && bytes_before.get(*p) != Some(*b))
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(
        written,
        changed.len(),
        "{name}: files written are the files whose bytes changed"
    );
    let whole_fp = &fp_after["catalog.json"];
    let whole = fp_after
        .iter()
        .filter(|(_, fp)| *fp == whole_fp)
        .map(|(p, _)| p.clone())
        .collect();
    Rebuild {
        rendered,
        changed,
        whole,
        all: fp_after.keys().cloned().collect(),
    }
}

/// Replaces `from` by `to` in the seed page (once, and it must be there).
fn edit(catalog: &Path, from: &str, to: &str) {
    let page = catalog.join("error-codes.md");
    let text = std::fs::read_to_string(&page).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?}");
    std::fs::write(&page, text.replace(from, to)).unwrap();
}

/// The pages rendered again are exactly those whose bytes changed, but
/// for `also`: pages whose inputs changed in a way their template does not
/// show (the test says which and why).
fn only_what_changed(r: &Rebuild, also: &[&str]) {
    let changed_pages: BTreeSet<String> = r.changed.difference(&r.whole).cloned().collect();
    let expected: BTreeSet<String> = changed_pages.union(&set(also)).cloned().collect();
    assert_eq!(r.pages(), expected, "pages rendered again vs pages changed");
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

#[test]
fn an_entry_s_text_renders_its_page_its_neighbours_and_its_row_again() {
    let r = rebuild("entry", false, errdocs::render::SALT, |c, _| {
        edit(
            c,
            "\"Insufficient resources.\"",
            "\"Not enough resources.\"",
        );
    });
    only_what_changed(&r, &[]);
    // 1002's own page, its neighbours' (their links show its message), the
    // index row; related codes that quote it may add a few more.
    let pages = r.pages();
    assert!(
        pages.is_superset(&set(&[
            "codes/1001.html",
            "codes/1002.html",
            "codes/1003.html",
            "index.html"
        ])),
        "{pages:?}"
    );
    assert!(pages.len() <= 8, "{pages:?}");
    assert!(
        r.whole_rendered(),
        "the search index and catalog.json hold the text"
    );
}

#[test]
fn a_new_code_renders_its_neighbours_and_the_rows_below_it_again() {
    let r = rebuild("neighbour", false, errdocs::render::SALT, |c, _| {
        edit(
            c,
            "\n1003, ",
            "\n1099, \"Quota exhausted.\", \"Raise the quota.\"\n1003, ",
        );
    });
    // Every page is given the count of codes (`site.codes`), which only the
    // index shows: the two pages that nothing else changed on (1001, before
    // the new row, whose source line stays; search.html) are rendered again
    // for it, and found unchanged. Every code after the new row moved down
    // a line in the source, which its page shows.
    only_what_changed(&r, &["codes/1001.html", "search.html"]);
    let pages = r.pages();
    assert!(
        pages.is_superset(&set(&[
            "codes/1002.html",
            "codes/1099.html",
            "codes/1003.html",
            "index.html"
        ])),
        "{pages:?}"
    );
    assert!(r.whole_rendered());
}

#[test]
fn a_group_note_renders_that_group_s_pages_again_and_no_other() {
    let r = rebuild("note", false, errdocs::render::SALT, |c, _| {
        edit(c, "can be retried later", "may be retried later");
    });
    only_what_changed(&r, &[]);
    let pages = r.pages();
    let code = |p: &str| {
        p.trim_start_matches("codes/")
            .trim_end_matches(".html")
            .to_string()
    };
    let codes: Vec<String> = pages
        .iter()
        .filter(|p| p.starts_with("codes/"))
        .map(|p| code(p))
        .collect();
    // The note follows the SDK table (1001 … 9000): all of it, and no REST code.
    assert!(
        codes.contains(&"1001".to_string()) && codes.contains(&"9000".to_string()),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&"4037".to_string()) && !codes.contains(&"4101".to_string()),
        "{codes:?}"
    );
    assert!(pages.contains("index.html"));
    assert!(r.whole_rendered(), "catalog.json holds the notes");
}

#[test]
fn a_template_renders_the_pages_made_from_it_again_and_nothing_else() {
    let r = rebuild("template", true, errdocs::render::SALT, |_, tpl| {
        let path = tpl.join("code.html");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches("<nav class=\"crumbs\"").count(), 1);
        std::fs::write(
            &path,
            text.replace("<nav class=\"crumbs\"", "<nav class=\"crumbs edited\""),
        )
        .unwrap();
    });
    only_what_changed(&r, &[]);
    let codes = r.code_pages();
    assert_eq!(codes.len(), 109);
    assert_eq!(r.pages(), codes, "every code page, and only code pages");
    assert!(
        !r.whole_rendered(),
        "catalog.json and the search index use no template"
    );
}

#[test]
fn the_configuration_renders_the_pages_that_show_it_again() {
    let r = rebuild("config", false, errdocs::render::SALT, |c, _| {
        std::fs::write(
            c.join("errdocs.toml"),
            "[site]\nrepository = \"https://example.com/errors/blob/main/\"\n",
        )
        .unwrap();
    });
    only_what_changed(&r, &[]);
    // The repository is linked from code pages only.
    let codes = r.code_pages();
    assert_eq!(r.pages(), codes);
    assert!(
        r.whole_rendered(),
        "the configuration is an input of every whole-catalog file"
    );
}

#[test]
fn another_errdocs_renders_everything_again() {
    let r = rebuild("version", false, "99.0.0+another-build", |_, _| {});
    assert_eq!(r.rendered, r.all, "every file rendered again");
    assert!(r.changed.is_empty(), "{:?}", r.changed);
}

#[test]
fn the_command_says_what_it_did_not_render_again() {
    let t = tmp("incremental-cli");
    let (catalog, site) = (t.path().join("catalog"), t.path().join("site"));
    copy_tree(&root().join("catalog"), &catalog);
    let args = [
        "build",
        "--catalog",
        catalog.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ];
    let (code, _, err) = errdocs(&args);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not rendered again"), "{err}");
    let (code, _, err) = errdocs(&args);
    assert_eq!(code, 0, "{err}");
    let n = fingerprints(&site).len();
    assert!(
        err.contains(&format!("({} written, {n} not rendered again)", 0)),
        "{err}"
    );
    // A page edited by hand is rendered again (and so put right).
    let page = site.join("codes/1001.html");
    std::fs::write(&page, "edited").unwrap();
    let (code, _, err) = errdocs(&args);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("(1 written, {} not rendered again)", n - 1)),
        "{err}"
    );
    assert_ne!(std::fs::read_to_string(&page).unwrap(), "edited");
}
