//! The site as users meet it, with real tools:
//! - a real browser (Debian's Chromium, headless, driven by playwright-core;
//!   `tests/browser/site.test.mjs`, Node's test runner), screenshots written
//!   to `tests/screenshots/` (and with `SNAPSHOTS=overwrite`, the code page's
//!   to `docs/code-page.png`, README's picture);
//! - the W3C Nu HTML validator (`vnu-jar`, on Java): 0 errors on every page;
//! - a link checker (`linkchecker` from PyPI, anchors checked): 0 broken
//!   links or anchors.
//!
//! - `errdocs serve` (`tests/browser/serve.test.mjs`): an open page reloads
//!   after an edit, shows errors in an overlay and comes back after the fix
//!   (it prints how long each took); the server refuses other methods and
//!   paths outside the site, and adds its script only to what it serves.
//!
//! Needs `npm ci` (playwright-core, vnu-jar, axe-core), `/usr/bin/chromium`,
//! `java` and linkchecker in `target/linkchecker`; `.ci/run` installs all of
//! it (the tests install nothing). Each tool is its own test: a missing tool
//! skips it with the reason, except under `CI=true`, where it fails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{
    Missing, Serve, TempDir, errdocs_cmd, output, require, require_preinstalled, root, runs, test,
    tmp, with_tools,
};

fn main() {
    let trials = vec![
        // Over 20 s in a debug build (a 20,000-code site, then Chromium).
        with_tools("browser", browser),
        with_tools("nu_validator", nu_validator),
        with_tools("linkchecker", linkchecker),
        with_tools("serve", serve),
        test("a_300_code_site_is_split_into_parts", || {
            small_split_site();
        }),
    ];
    let conclusion = libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials);
    // The shared 20,000-code site lives in a static, which is never dropped.
    if let Some((t, _)) = BIG_SITE.get() {
        let _ = std::fs::remove_dir_all(t.path());
    }
    conclusion.exit()
}

/// The 20,000-code site split into parts of 1,000 rows, built once for the
/// browser, the Nu validator and the link checker (30 s in a debug build).
static BIG_SITE: std::sync::OnceLock<(TempDir, PathBuf)> = std::sync::OnceLock::new();

fn big_site() -> &'static Path {
    &BIG_SITE.get_or_init(|| split_site("big", 20_000, 1000)).1
}

/// A fresh build of `catalog` in a temp folder (`<temp>/site`): for the
/// bundled catalog not the committed copy, which `tests/site.rs` compares
/// separately.
fn build(name: &str, catalog: &Path) -> (TempDir, PathBuf) {
    let t = tmp(&format!("browser-{name}"));
    let out = t.path().join("site");
    let (code, _, err) = output(
        errdocs_cmd()
            .args(["build", "--catalog"])
            .arg(catalog)
            .arg("--out")
            .arg(&out),
    );
    assert_eq!(code, 0, "{err}");
    (t, out)
}

/// A synthetic catalog of `n` codes whose index is split into parts of
/// `rows` rows, with a link from the top to the REST section (on a later
/// part), built.
fn split_site(name: &str, n: usize, rows: usize) -> (TempDir, PathBuf) {
    let t = tmp(&format!("split-{name}"));
    let text = errdocs::synth::catalog(n).replacen(
        "# Error Codes\n",
        "# Error Codes\n\nSee [the REST codes](#error-code-rest-api).\n",
        1,
    );
    std::fs::write(t.path().join("errors.md"), text).unwrap();
    std::fs::write(
        t.path().join("errdocs.toml"),
        format!("[site]\nindex-rows = {rows}\n"),
    )
    .unwrap();
    build(name, t.path())
}

/// 300 codes at 50 rows per part: the site and its index parts.
fn small_split_site() -> (TempDir, PathBuf, Vec<PathBuf>) {
    let (t, small) = split_site("small", 300, 50);
    let parts: Vec<PathBuf> = std::fs::read_dir(&small)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    assert!(
        parts.iter().any(|p| p.ends_with("index-6.html")),
        "300 rows at 50 per part: {parts:?}"
    );
    (t, small, parts)
}

fn hostile_site() -> (TempDir, PathBuf) {
    let t = tmp("xss");
    std::fs::write(
        t.path().join("errors.md"),
        r#"# Errors <script>window.__xss=1;alert(1)</script>

## <img src=x onerror="window.__xss=1;alert(2)">

| Code | Message | Description |
|------|---------|-------------|
| 1001 | <script>window.__xss=1;alert(3)</script> | [click](javascript:window.__xss=1) <a href="javascript:alert(4)">a</a> |
| 1002 | "><svg onload=alert(5)> | <iframe src="javascript:alert(6)"></iframe> {{ 7 * 7 }} {% raw %} |
"#,
    )
    .unwrap();
    build("xss", t.path())
}

/// The lifecycle fixture (deprecated and removed codes, a tombstone kept by
/// errdocs.toml) whose pages moved from `errors/{code}.html`, built: the old
/// URLs redirect.
fn lifecycle_site() -> (TempDir, PathBuf) {
    let t = tmp("lifecycle");
    let fixture = root().join("tests/fixtures/lifecycle");
    std::fs::copy(fixture.join("errors.md"), t.path().join("errors.md")).unwrap();
    let config = std::fs::read_to_string(fixture.join("errdocs.toml"))
        .unwrap()
        .replace(
            "[site]\n",
            "[site]\nprevious-url-patterns = [\"errors/{code}.html\"]\n",
        );
    std::fs::write(t.path().join("errdocs.toml"), config).unwrap();
    build("lifecycle", t.path())
}

/// The code-page fixture (HTTP status and retryable columns, a group's
/// retryable flag, a long explanation, a repository link), built.
fn pages_site() -> (TempDir, PathBuf) {
    build("pages", &root().join("tests/fixtures/pages"))
}

/// The two-language fixture (English at the root, Chinese under `zh-CN/`),
/// built; its three deliberate translation faults are warnings here.
fn languages_site() -> (TempDir, PathBuf) {
    let t = tmp("languages");
    let cat = t.path().join("catalog");
    let fixture = root().join("tests/fixtures/languages");
    common::copy_tree(&fixture, &cat);
    let config = std::fs::read_to_string(fixture.join("errdocs.toml")).unwrap()
        + "\n[rules]\ntranslation-drift = \"warning\"\n";
    std::fs::write(cat.join("errdocs.toml"), config).unwrap();
    let out = t.path().join("site");
    let (code, _, err) = common::build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("zh-CN/codes/4115.html").is_file());
    (t, out)
}

/// Node, playwright-core and Chromium, or why not.
fn browser_tools() -> Result<(), Missing> {
    require_preinstalled(runs("node", &["--version"]), "node")?;
    require(
        root().join("node_modules/playwright-core").is_dir(),
        "node_modules/playwright-core (npm ci)",
    )?;
    require(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium (apt-get install chromium)",
    )
}

/// `errdocs serve` on a copy of the seed, in the current folder of the copy
/// (so it would build into its `site/`, were it to): HTTP checks, then
/// `tests/browser/serve.test.mjs`, then Ctrl-C.
fn serve() -> Result<(), Missing> {
    browser_tools()?;
    let t = tmp("serve");
    let catalog = t.path().join("catalog");
    std::fs::create_dir_all(&catalog).unwrap();
    for e in std::fs::read_dir(root().join("catalog")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), catalog.join(e.file_name())).unwrap();
    }
    let server = Serve::start(t.path(), &[]);
    let (url, addr, built_in) = (
        server.url.clone(),
        server.addr.clone(),
        server.built_in.clone(),
    );
    assert!(
        built_in.join("codes/4115.html").is_file(),
        "{}",
        built_in.display()
    );

    // Only GET and HEAD; nothing outside the site; the right types.
    let get = |request: &str| common::raw_http(&addr, request);
    for path in [
        "/../catalog/error-codes.md",
        "/codes/../../catalog/error-codes.md",
        "/%2e%2e/catalog/error-codes.md",
        "/codes/..%2f..%2fcatalog%2ferror-codes.md",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    ] {
        let (status, _, body) = get(&format!("GET {path} HTTP/1.1"));
        assert_eq!(status, 400, "{path}: {body}");
        assert!(!body.contains("4115"), "{path}: {body}");
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (status, head, _) = get(&format!("{method} /index.html HTTP/1.1"));
        assert_eq!(status, 405, "{method}");
        assert!(head.contains("Allow: GET, HEAD"), "{head}");
    }
    for (path, status, kind) in [
        ("/", 200, "text/html; charset=utf-8"),
        ("/codes/4115.html", 200, "text/html; charset=utf-8"),
        ("/style.css", 200, "text/css; charset=utf-8"),
        ("/catalog.json", 200, "application/json; charset=utf-8"),
        ("/favicon.svg", 200, "image/svg+xml"),
        ("/codes/9999.html", 404, "text/html; charset=utf-8"),
        ("/.errdocs-manifest", 404, "text/html; charset=utf-8"),
    ] {
        let (got, head, _) = get(&format!("GET {path} HTTP/1.1"));
        assert_eq!(got, status, "{path}: {head}");
        assert!(
            head.contains(&format!("Content-Type: {kind}\r\n")),
            "{path}: {head}"
        );
    }
    let (status, head, body) = get("HEAD /codes/4115.html HTTP/1.1");
    assert_eq!((status, body.as_str()), (200, ""), "{head}");
    // The reload script is in what is served, never in the built files.
    let served = get("GET /codes/4115.html HTTP/1.1").2;
    let on_disk = std::fs::read_to_string(built_in.join("codes/4115.html")).unwrap();
    assert!(served.contains("/__errdocs/events") && !on_disk.contains("__errdocs"));
    assert_eq!(
        served.replace(
            &served[served.find("<script>(function").unwrap()..served.rfind("</body>").unwrap()],
            ""
        ),
        on_disk
    );

    let out = Command::new("node")
        .args([
            "--test",
            "--test-reporter=spec",
            "tests/browser/serve.test.mjs",
        ])
        .env("SERVE_URL", &url)
        .env("CATALOG_FILE", catalog.join("error-codes.md"))
        .current_dir(root())
        .output()
        .expect("node");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    for line in report.lines().filter(|l| l.contains("serve: ")) {
        println!("{}", line.trim());
    }
    assert!(
        out.status.success(),
        "serve test failed:\n{report}\n{}",
        server.stderr()
    );

    // Ctrl-C: exit 0, the build folder removed, nothing written beside the catalog.
    server.stop();
    let mut left: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["catalog"], "serve wrote beside the catalog");
    Ok(())
}

/// The seed, a hostile and a 20,000-code split site in Chromium
/// (`tests/browser/site.test.mjs`, Node's test runner).
fn browser() -> Result<(), Missing> {
    browser_tools()?;
    let (_t1, site) = build("seed", &root().join("catalog"));
    let (_t2, xss) = hostile_site();
    let split = big_site();
    let (_t4, lifecycle) = lifecycle_site();
    let (_t5, pages) = pages_site();
    let (_t6, languages) = languages_site();
    let out = Command::new("node")
        .args([
            "--test",
            "--test-reporter=spec",
            "tests/browser/site.test.mjs",
        ])
        .env("SITE", &site)
        .env("XSS_SITE", &xss)
        .env("SPLIT_SITE", split)
        .env("LIFECYCLE_SITE", &lifecycle)
        .env("PAGES_SITE", &pages)
        .env("LANG_SITE", &languages)
        .current_dir(root())
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "browser tests failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // README's picture of a code page, renewed only when goldens are blessed.
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::copy(
            root().join("tests/screenshots/code.png"),
            root().join("docs/code-page.png"),
        )
        .expect("copy the code page's screenshot to docs/code-page.png");
    }
    Ok(())
}

/// The W3C Nu validator: no errors on any page of the seed's site, the
/// fixtures' and a split 20,000-code site.
fn nu_validator() -> Result<(), Missing> {
    let vnu = root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    require(vnu.is_file(), "node_modules/vnu-jar (npm ci)")?;
    require(
        runs("java", &["-XX:-UsePerfData", "-version"]),
        "java (apt-get install default-jre-headless)",
    )?;
    let (_t1, site) = build("seed", &root().join("catalog"));
    let (_t2, small, parts) = small_split_site();
    let (_t3, lifecycle) = lifecycle_site();
    let (_t4, pages) = pages_site();
    let (_t5, languages) = languages_site();
    let big = big_site();
    let out = Command::new("java")
        .args(["-XX:-UsePerfData", "-jar"])
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&site)
        .arg(&lifecycle)
        .arg(&pages)
        .arg(&languages)
        .args(&parts)
        .arg(small.join("codes/100000.html"))
        // Every page of the 20,000-code site: 20 index parts, 20,000 code
        // pages, search, 404 (about a minute).
        .arg(big)
        .output()
        .expect("vnu");
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.trim().is_empty(),
        "the Nu validator reports errors:\n{text}"
    );
    Ok(())
}

/// linkchecker, anchors included: the seed, and a site whose index is split
/// into parts (every link between parts, to rows and to sections, must
/// resolve with its anchor).
fn linkchecker() -> Result<(), Missing> {
    let lc = root().join("target/linkchecker/bin/linkchecker");
    require(lc.exists(), "linkchecker (target/linkchecker)")?;
    let (_t1, site) = build("seed", &root().join("catalog"));
    let (t2, small, _) = small_split_site();
    let (_t3, lifecycle) = lifecycle_site();
    let (_t4, pages) = pages_site();
    let (_t5, languages) = languages_site();
    let big = big_site();
    let cfg = t2.path().join("linkcheckerrc");
    std::fs::write(
        &cfg,
        "[filtering]\ncheckextern=0\n[AnchorCheck]\n[output]\nlog=text\nverbose=0\nwarnings=1\n",
    )
    .unwrap();
    let mut failures = Vec::new();
    // Every page of the small sites is crawled. Of the 20,000-code site,
    // every index part and every link on them (to each code's page, to rows
    // and sections on other parts) is checked, but the code pages are not
    // crawled in turn: they are built as the small sites' are, and crawling
    // them takes minutes.
    let runs: [(&Path, &[&str]); 6] = [
        (&site, &[]),
        (&languages, &[]),
        (&small, &[]),
        (&lifecycle, &[]),
        (&pages, &[]),
        (big, &["--no-follow-url=/codes/"]),
    ];
    for (s, extra) in runs {
        let out = Command::new(&lc)
            .arg("--config")
            .arg(&cfg)
            .arg("--no-status")
            .args(extra)
            .arg(s.join("index.html"))
            .output()
            .expect("linkchecker");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || !text.contains(" checked. 0 warnings found. 0 errors found.") {
            failures.push(format!("linkchecker reports problems:\n{text}"));
        }
        if s == big {
            // "20050 links in 20050 URLs checked."
            let urls = text
                .split(" URLs checked")
                .next()
                .and_then(|t| t.rsplit(' ').next())
                .and_then(|n| n.parse::<usize>().ok());
            assert!(
                urls.is_some_and(|n| n > 20_000),
                "the 20,000-code site's links were not all checked ({urls:?} URLs):\n{text}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}
