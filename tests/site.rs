//! `errdocs build`: the committed `site/` is fresh, builds are deterministic,
//! bad catalogs write nothing, the output folder keeps what errdocs did not
//! make, unchanged files are not rewritten, catalog text is escaped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::{build, errdocs, errdocs_cmd, output, root, tmp, tree, write_catalog};
use serde_json::Value;

/// `errdocs build --catalog CAT --out OUT`.
#[test]
fn committed_site_is_a_fresh_build() {
    let t = tmp("fresh");
    let d = t.path();
    let out = d.join("site");
    let (code, _, err) = errdocs(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let fresh = tree(&out);
    let committed = tree(&root().join("site"));
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&fresh),
        "file lists differ: run `cargo run --release -- build`"
    );
    for (k, v) in &fresh {
        assert!(
            committed[k] == *v,
            "site/{k} differs from a fresh build: run `cargo run --release -- build`"
        );
    }
    let (code, _, err) = errdocs(&["build", "--check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_build_ends_with_one_summary_line_and_no_progress_when_piped() {
    let t = tmp("summary");
    let out = t.path().join("site");
    let (code, _, err) = errdocs(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let files = tree(&out).len();
    let last = err.lines().last().unwrap_or_default();
    let want = regex::Regex::new(&format!(
        r"^built 109 codes, {} files \({} written\) in \d+ ms$",
        files - 1, // the manifest is no file of the site
        files - 1
    ))
    .unwrap();
    assert!(want.is_match(last), "{last:?} in\n{err}");
    // The findings' counts come before it, once.
    assert_eq!(
        err.matches("0 errors, 2 warnings, 1 note").count(),
        1,
        "{err}"
    );
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
    // Again: nothing to write, nothing even rendered.
    let (_, _, err) = errdocs(&["build", "--out", out.to_str().unwrap()]);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.contains(&format!(
            "{} files (0 written, {} not rendered again)",
            files - 1,
            files - 1
        )),
        "{err}"
    );
}

#[test]
fn builds_are_byte_identical_across_folders_locales_and_time_zones() {
    let (ta, tb) = (tmp("det-a"), tmp("det-b"));
    let (a, b) = (ta.path(), tb.path());
    let (ca, _, _) = output(
        errdocs_cmd()
            .args(["build", "--out", a.join("out").to_str().unwrap()])
            .envs([
                ("TZ", "Pacific/Kiritimati"),
                ("LANG", "de_DE.UTF-8"),
                ("LC_ALL", "de_DE.UTF-8"),
            ]),
    );
    let (cb, _, _) = output(
        errdocs_cmd()
            .args(["build", "--out", b.join("deeper/out").to_str().unwrap()])
            .envs([("TZ", "America/Los_Angeles"), ("LANG", "C")]),
    );
    assert_eq!((ca, cb), (0, 0));
    assert_eq!(tree(&a.join("out")), tree(&b.join("deeper/out")));
}

#[test]
fn seed_site_has_sphinx_anchors_and_code_pages() {
    let index = std::fs::read_to_string(root().join("site/index.html")).unwrap();
    for id in [
        "error-codes",
        "sdk-error-codes",
        "error-code-rest-api",
        "rest-api-error-codes",
        "1001",
        "4115",
        "330404",
    ] {
        assert!(
            index.contains(&format!("id=\"{id}\"")),
            "index.html lacks id {id}"
        );
    }
    // The empty second header row of the SDK table is not rendered.
    assert!(!index.contains("<tr><th scope=\"col\"></th>"));
    let page = std::fs::read_to_string(root().join("site/codes/4115.html")).unwrap();
    assert!(page.contains("FunctionNotFound"));
    assert!(page.contains("index.html#error-code-rest-api"));
    let sdk = std::fs::read_to_string(root().join("site/codes/1001.html")).unwrap();
    assert!(
        sdk.contains("can be retried later"),
        "the SDK section's note belongs on its codes' pages"
    );
    assert!(root().join("site/404.html").is_file());
}

#[test]
fn catalog_json_matches_its_schema_and_export() {
    let schema: Value =
        serde_json::from_slice(&std::fs::read(root().join("site/catalog.schema.json")).unwrap())
            .unwrap();
    let doc: Value =
        serde_json::from_slice(&std::fs::read(root().join("site/catalog.json")).unwrap()).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 109);
    let e = entries.iter().find(|e| e["code"] == "4115").unwrap();
    assert_eq!(e["url"], "codes/4115.html");
    assert_eq!(e["anchor"], "index.html#4115");
    // A broken document must fail the schema (the test can fail).
    let mut bad = doc.clone();
    bad["entries"][0]["line"] = Value::from(3);
    assert!(!v.is_valid(&bad));
}

#[test]
fn errors_write_nothing() {
    let t = tmp("errors");
    let d = t.path();
    let cat = write_catalog(
        d,
        &[(
            "errors.md",
            b"# E\n\n| Code | Message |\n|---|---|\n| 1001 | A |\n| 1001 | B |\n",
        )],
    );
    let out = d.join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "previous site").unwrap();
    let before = tree(&out);
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 1);
    assert!(
        err.contains("duplicate-code") && err.contains("nothing written"),
        "{err}"
    );
    assert_eq!(tree(&out), before);
    let siblings: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        2,
        "no staging folder left behind: {siblings:?}"
    );
}

#[test]
fn rebuild_keeps_user_files_and_unchanged_files() {
    let t = tmp("rebuild");
    let d = t.path();
    let text = "# E\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n| 1002 | Busy |\n| 1003 | Timeout |\n| 1004 | Quota |\n| 1005 | Old |\n";
    let cat = write_catalog(d, &[("errors.md", text.as_bytes())]);
    let out = d.join("site");
    let args = [
        "build",
        "--catalog",
        cat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert_eq!(errdocs(&args).0, 0);
    std::fs::write(out.join("CNAME"), "docs.example.com\n").unwrap();
    std::fs::write(out.join(".nojekyll"), "").unwrap();
    let mtime = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
    // 1001's page (its line, its neighbour 1002) does not change.
    let before_1001 = mtime("codes/1001.html");
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Change one code, remove another.
    let changed = text
        .replace("Quota", "Quota exceeded")
        .replace("| 1005 | Old |\n", "");
    write_catalog(d, &[("errors.md", changed.as_bytes())]);
    // Removing a published code is refused (its page stays) unless accepted.
    let (code, _, err) = errdocs(&args);
    assert_eq!(code, 1, "{err}");
    assert!(out.join("codes/1005.html").exists());
    let mut allow = args.to_vec();
    allow.push("--allow-removal");
    let (code, _, err) = errdocs(&allow);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "docs.example.com\n"
    );
    assert!(out.join(".nojekyll").exists());
    assert!(!out.join("codes/1005.html").exists(), "stale page removed");
    assert_eq!(
        mtime("codes/1001.html"),
        before_1001,
        "unchanged page not rewritten"
    );
    assert!(
        std::fs::read_to_string(out.join("codes/1004.html"))
            .unwrap()
            .contains("Quota exceeded")
    );
    assert!(err.contains("removed"), "{err}");
}

#[test]
fn refuses_dangerous_output_folders() {
    for out in ["catalog", ".", "/", "catalog/site"] {
        let (code, _, err) = errdocs(&["build", "--out", out]);
        assert_eq!(code, 2, "{out}: {err}");
        assert!(err.contains("refusing"), "{err}");
    }
}

#[test]
fn catalog_text_is_escaped_and_inert() {
    let t = tmp("xss");
    let d = t.path();
    let cat = write_catalog(
        d,
        &[(
            "errors.md",
            b"# E <script>alert(1)</script>\n\n| Code | Message |\n|---|---|\n| 1001 | <img src=x onerror=alert(1)> {{ site.title }} [x](javascript:alert(1)) |\n",
        )],
    );
    let out = d.join("site");
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    for (name, bytes) in tree(&out) {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if let Some(i) = html.find("id=\"errdocs-ui\">") {
            let json = &html[i..];
            let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
            assert!(!json.contains('<'), "{name}: {json}");
        }
        // Inside tags (escaped text may mention anything).
        for tag in html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            // The tag without its quoted attribute values (escaped text).
            let t: String = tag.to_ascii_lowercase().split('"').step_by(2).collect();
            // The 404 page's own script (which finds the site's root) is
            // the one inline script; it holds no catalog text. The UI
            // strings are JSON data, never run, with no `<` inside.
            assert!(
                !t.starts_with("script")
                    || t.contains("src=")
                    || tag.starts_with("script type=\"application/json\"")
                    || name == "404.html",
                "{name}: <{tag}>"
            );
            assert!(
                !t.contains("onerror") && !t.contains("javascript:"),
                "{name}: <{tag}>"
            );
        }
    }
    let nf = std::fs::read_to_string(out.join("404.html")).unwrap();
    let script = nf.split("<script>").nth(1).unwrap_or("");
    assert!(
        !script.contains("alert") && !script.contains("__xss"),
        "{script}"
    );
    let page = std::fs::read_to_string(out.join("codes/1001.html")).unwrap();
    assert!(
        page.contains("{{ site.title }}"),
        "Tera syntax in catalog text is shown, not evaluated"
    );
}

#[test]
fn templates_can_be_overridden_and_errors_name_the_template() {
    let t = tmp("templates");
    let d = t.path();
    let tpl = d.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("code.html"),
        "{% extends \"base.html\" %}{% block main %}CUSTOM {{ code.code }}{% endblock main %}",
    )
    .unwrap();
    let out = d.join("site");
    let (code, _, err) = errdocs(&[
        "build",
        "--templates",
        tpl.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(out.join("codes/1001.html"))
            .unwrap()
            .contains("CUSTOM 1001")
    );
    std::fs::write(tpl.join("code.html"), "line one\n{% if %}\n").unwrap();
    let (code, _, err) = errdocs(&[
        "build",
        "--templates",
        tpl.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("code.html") && err.contains("2:"), "{err}");
}

#[test]
fn init_writes_a_catalog_that_builds() {
    let t = tmp("init");
    let d = t.path();
    let dir = d.join("docs");
    assert_eq!(errdocs(&["init", dir.to_str().unwrap()]).0, 0);
    let catalog = dir.join("catalog");
    // Clean even with warnings denied, and every row builds.
    let (code, _, err) = errdocs(&[
        "check",
        "--deny",
        "warnings",
        "--catalog",
        catalog.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = errdocs(&[
        "build",
        "--catalog",
        catalog.to_str().unwrap(),
        "--out",
        dir.join("site").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let pages = std::fs::read_dir(dir.join("site/codes")).unwrap().count();
    let rows = std::fs::read_to_string(catalog.join("errors.md"))
        .unwrap()
        .lines()
        .filter(|l| {
            let l = l.trim_start_matches(['|', '*', ' ', '-']);
            l.len() >= 4 && l[..4].bytes().all(|b| b.is_ascii_digit())
        })
        .count();
    assert_eq!(
        (pages, rows),
        (6, 6),
        "every row of the starter catalog is a page"
    );
    // Templates are copied only when asked: the project keeps getting the
    // built-in ones (and their improvements).
    assert!(!dir.join("templates").exists());
    let dir2 = d.join("docs2");
    assert_eq!(
        errdocs(&["init", "--templates", dir2.to_str().unwrap()]).0,
        0
    );
    assert!(dir2.join("templates/code.html").is_file());
    let config = std::fs::read_to_string(dir2.join("catalog/errdocs.toml")).unwrap();
    assert!(config.contains("templates = \"../templates\""), "{config}");
}

#[test]
fn code_paths_never_leave_the_site() {
    use errdocs::catalog::Code;
    let code_path = |pattern: &str, code: &str, group: &str| {
        errdocs::urls::code_path(pattern, &Code::new(code), group)
    };
    assert_eq!(
        code_path("codes/{code}.html", "1001", "g").unwrap(),
        "codes/1001.html"
    );
    for bad in [
        "../x",
        "/etc/passwd",
        "C:\\x",
        "CON",
        "a/b",
        ".hidden",
        &"x".repeat(300),
    ] {
        assert!(code_path("codes/{code}.html", bad, "g").is_err(), "{bad}");
    }
    assert!(code_path("../{code}.html", "1001", "g").is_err());
    assert!(code_path("/{code}.html", "1001", "g").is_err());
}

#[test]
fn base_url_gives_canonical_links_sitemap_and_absolute_404() {
    let t = tmp("baseurl");
    let d = t.path();
    let cat = write_catalog(
        d,
        &[(
            "errors.md",
            b"# E\n\n(grp)=\n## Group\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n| 1002 | Quota |\n",
        )],
    );
    std::fs::write(
        cat.join("errdocs.toml"),
        "[site]\ntitle = \"Acme errors\"\nbase-url = \"https://docs.example.com/errors\"\nrepository = \"https://github.com/acme/app/blob/main/docs\"\nurl-pattern = \"e/{group}/{code}.html\"\n",
    )
    .unwrap();
    let out = d.join("site");
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(out.join("e/grp/1001.html")).unwrap();
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://docs.example.com/errors/e/grp/1001.html\">"
        ),
        "{page}"
    );
    assert!(
        page.contains("https://github.com/acme/app/blob/main/docs/errors.md#L8"),
        "{page}"
    );
    assert!(page.contains("href=\"../../index.html#grp\""), "{page}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://docs.example.com/errors/e/grp/1002.html</loc>"),
        "{sitemap}"
    );
    let nf = std::fs::read_to_string(out.join("404.html")).unwrap();
    // The 404 page: styles inline, links at the base URL, no canonical
    // link (it is served at any missing address), and the pattern that
    // tells a missing code page from other missing pages.
    assert!(nf.contains("<style>") && nf.contains("--header-h"), "{nf}");
    assert!(
        nf.contains("href=\"https://docs.example.com/errors/index.html\""),
        "{nf}"
    );
    assert!(!nf.contains("rel=\"canonical\""), "{nf}");
    assert!(
        nf.contains("var fixed = \"https://docs.example.com/errors/\";"),
        "{nf}"
    );
    assert!(
        nf.contains(r#"new RegExp("^e/[^/]+/([^/]+)\\.html$")"#),
        "{nf}"
    );
    // Attributes are escaped for HTML: a slash stays a slash.
    for f in [&page, &nf] {
        assert!(!f.contains("&#x2F;"), "{f}");
    }
    assert!(nf.contains("<title>Not found — Acme errors</title>"));
}

#[test]
fn several_pages_get_their_own_files_and_an_index() {
    let t = tmp("multi");
    let d = t.path();
    let cat = d.join("catalog");
    std::fs::create_dir_all(cat.join("rest")).unwrap();
    std::fs::write(
        cat.join("sdk.md"),
        "# SDK errors\n\n## Core\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n",
    )
    .unwrap();
    std::fs::write(cat.join("rest/api.md"), "# REST errors\n\n(rest-auth)=\n## Auth\n\n| Code | Message |\n|---|---|\n| 4001 | Unauthorized |\n").unwrap();
    std::fs::write(
        cat.join("storage.csv"),
        "Code,Message\n7001,Bucket missing\n",
    )
    .unwrap();
    let out = d.join("site");
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    for f in [
        "index.html",
        "sdk.html",
        "rest/api.html",
        "storage.html",
        "codes/1001.html",
        "codes/4001.html",
        "codes/7001.html",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("href=\"rest/api.html#rest-auth\""),
        "{index}"
    );
    assert!(index.contains("SDK errors") && index.contains("REST errors"));
    let page = std::fs::read_to_string(out.join("codes/4001.html")).unwrap();
    assert!(
        page.contains("href=\"../rest/api.html#rest-auth\""),
        "{page}"
    );
    let api = std::fs::read_to_string(out.join("rest/api.html")).unwrap();
    assert!(api.contains("href=\"../codes/4001.html\""), "{api}");
}

#[test]
fn catalog_json_carries_status_retryable_and_explanations() {
    let t = tmp("pages-json");
    let out = t.path().join("site");
    let (code, _, err) = errdocs(&[
        "build",
        "--catalog",
        "tests/fixtures/pages",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let doc: Value =
        serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap();
    let entry = |code: &str| {
        doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(entry("5001")["status"], "507");
    assert_eq!(entry("5001")["retryable"], true);
    assert_eq!(entry("5003")["retryable"], false);
    // The group's flag, from errdocs.toml.
    assert_eq!(entry("6001")["retryable"], false);
    assert_eq!(entry("5001")["explanation"]["file"], "explanations/5001.md");
    assert!(
        entry("5001")["explanation"]["markdown"]
            .as_str()
            .unwrap()
            .starts_with("# DiskFull\n")
    );
    assert!(entry("5002").get("explanation").is_none());
    // The explanation is no page of its own.
    assert!(!out.join("explanations").exists());
    assert!(!out.join("explanations/5001.html").exists());
    let schema: Value =
        serde_json::from_slice(&std::fs::read(out.join("catalog.schema.json")).unwrap()).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn footnotes_are_listed_on_the_page_and_on_the_code_pages_that_cite_them() {
    let t = tmp("footnotes");
    let cat = write_catalog(
        t.path(),
        &[(
            "errors.md",
            b"# Errors\n\n| Code | Message |\n|---|---|\n| 1001 | Disk [^d] full |\n| 1002 | Quota |\n\n[^d]: The *local* disk.\n",
        )],
    );
    let out = t.path().join("site");
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    let note = "id=\"d\"><span class=\"label\"><span class=\"fn-bracket\">[</span>1<span class=\"fn-bracket\">]</span></span><p>The <em>local</em> disk.</p>";
    for page in ["index.html", "codes/1001.html"] {
        let html = read(page);
        assert!(html.contains("href=\"#d\""), "{page}: {html}");
        assert!(html.contains(note), "{page}: {html}");
        assert!(!html.contains("[^d]"), "{page}: {html}");
    }
    assert!(!read("codes/1002.html").contains("footnote"));
}

#[test]
fn objects_inv_is_a_sphinx_inventory_of_codes_and_groups() {
    let inv = std::fs::read(root().join("site/objects.inv")).unwrap();
    let mut at = 0;
    let mut header = Vec::new();
    for _ in 0..4 {
        let end = at + inv[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
        header.push(String::from_utf8(inv[at..end].to_vec()).unwrap());
        at = end;
    }
    assert_eq!(
        header.concat(),
        "# Sphinx inventory version 2\n# Project: Error Codes\n# Version: \n# The remainder of this file is compressed using zlib.\n"
    );
    let mut body = String::new();
    std::io::Read::read_to_string(&mut flate2::read::ZlibDecoder::new(&inv[at..]), &mut body)
        .unwrap();
    let lines: Vec<&str> = body.lines().collect();
    for want in [
        "4115 std:label -1 codes/4115.html 4115 FunctionNotFound",
        "1001 std:label -1 codes/1001.html 1001 Parameter validation failed.",
        "rest-api-error-codes std:label -1 index.html#$ REST API Error Codes",
        "error-code-rest-api std:label -1 index.html#$ REST API Error Codes",
        "sdk-error-codes std:label -1 index.html#$ SDK Error Codes",
    ] {
        assert!(lines.contains(&want), "{want} not in\n{body}");
    }
    // Every code once, every section id once, sorted as Sphinx writes them.
    assert_eq!(lines.len(), 109 + 4, "{body}");
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}

/// An inventory many times the compressor's buffers (3,000 codes, about
/// 300 KB of lines written in pieces) decompresses to every code's line.
#[test]
fn a_large_objects_inv_holds_every_code_once() {
    let dir = tmp("large-inventory");
    let text = errdocs::synth::catalog(3_000);
    let cat = write_catalog(dir.path(), &[("errors.md", text.as_bytes())]);
    let out = dir.path().join("site");
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    let inv = std::fs::read(out.join("objects.inv")).unwrap();
    let at = inv
        .windows(b"zlib.\n".len())
        .position(|w| w == b"zlib.\n")
        .unwrap()
        + b"zlib.\n".len();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut flate2::read::ZlibDecoder::new(&inv[at..]), &mut body)
        .unwrap();
    assert!(body.len() > 200_000, "{} bytes", body.len());
    let catalog: Value =
        serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap();
    let entries = catalog["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3_000);
    let names: std::collections::HashSet<&str> =
        body.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(names.len(), body.lines().count(), "a name twice");
    for e in entries {
        let code = e["code"].as_str().unwrap().to_lowercase();
        assert!(names.contains(code.as_str()), "{code} not in objects.inv");
    }
    let lines: Vec<&str> = body.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}
