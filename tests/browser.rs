//! The site as users meet it, with real tools:
//! - a real browser (Debian's Chromium, headless, driven by playwright-core;
//!   `tests/browser/site.test.mjs`, Node's test runner), screenshots written
//!   to `tests/screenshots/`;
//! - the W3C Nu HTML validator (`vnu-jar`, on Java): 0 errors on every page;
//! - a link checker (`linkchecker` from PyPI, anchors checked): 0 broken
//!   links or anchors.
//!
//! Needs `npm ci` (playwright-core, vnu-jar, axe-core), `/usr/bin/chromium`,
//! `java` and Python (linkchecker is installed into `target/linkchecker` on
//! first use). `.ci/run` installs all of it. A missing tool skips the test,
//! except under `CI=true`, where it fails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn require(ok: bool, what: &str) -> bool {
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{what} is missing; .ci/run installs it"
        );
        eprintln!("skipped: {what} is missing (.ci/run installs it)");
    }
    ok
}

fn runs(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A fresh build of the bundled catalog (not the committed copy, which
/// `tests/site.rs` compares separately).
fn build(name: &str, catalog: &Path) -> PathBuf {
    let out = std::env::temp_dir().join(format!("errdocs-browser-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let st = Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(["build", "--catalog"])
        .arg(catalog)
        .arg("--out")
        .arg(&out)
        .current_dir(root())
        .status()
        .unwrap();
    assert!(st.success());
    out
}

/// A synthetic catalog of `n` codes whose index is split into parts of
/// `rows` rows, with a link from the top to the REST section (on a later part).
fn split_catalog(name: &str, n: usize, rows: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errdocs-split-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = errdocs::synth::catalog(n).replacen(
        "# Error Codes\n",
        "# Error Codes\n\nSee [the REST codes](#error-code-rest-api).\n",
        1,
    );
    std::fs::write(dir.join("errors.md"), text).unwrap();
    std::fs::write(
        dir.join("errdocs.toml"),
        format!("[site]\nindex-rows = {rows}\n"),
    )
    .unwrap();
    dir
}

fn hostile_catalog() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errdocs-xss-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("errors.md"),
        r#"# Errors <script>window.__xss=1;alert(1)</script>

## <img src=x onerror="window.__xss=1;alert(2)">

| Code | Message | Description |
|------|---------|-------------|
| 1001 | <script>window.__xss=1;alert(3)</script> | [click](javascript:window.__xss=1) <a href="javascript:alert(4)">a</a> |
| 1002 | "><svg onload=alert(5)> | <iframe src="javascript:alert(6)"></iframe> {{ 7 * 7 }} {% raw %} |
"#,
    )
    .unwrap();
    dir
}

#[test]
fn browser_validator_and_link_checker() {
    let site = build("seed", &root().join("catalog"));
    let mut failures = Vec::new();

    // Browser.
    if require(
        root().join("node_modules/playwright-core").is_dir(),
        "node_modules (npm ci)",
    ) && require(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium (apt-get install chromium)",
    ) {
        let xss = build("xss", &hostile_catalog());
        let split = build("split", &split_catalog("big", 20_000, 1000));
        let out = Command::new("node")
            .args([
                "--test",
                "--test-reporter=spec",
                "tests/browser/site.test.mjs",
            ])
            .env("SITE", &site)
            .env("XSS_SITE", &xss)
            .env("SPLIT_SITE", &split)
            .current_dir(root())
            .output()
            .expect("node");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        println!("{text}");
        if !out.status.success() {
            failures.push(format!("browser tests failed:\n{text}"));
        }
    }

    // HTML validator.
    let small = build("split-small", &split_catalog("small", 300, 50));
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
    let vnu = root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if require(vnu.is_file(), "vnu-jar (npm ci)") && require(runs("java", "-version"), "java") {
        let out = Command::new("java")
            .arg("-jar")
            .arg(&vnu)
            .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
            .arg(&site)
            .args(&parts)
            .arg(small.join("codes/100000.html"))
            .output()
            .expect("vnu");
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || !text.trim().is_empty() {
            failures.push(format!("the Nu validator reports errors:\n{text}"));
        }
    }

    // Link checker, anchors included.
    if let Some(lc) = linkchecker() {
        let cfg =
            std::env::temp_dir().join(format!("errdocs-linkcheckerrc-{}", std::process::id()));
        std::fs::write(&cfg, "[filtering]\ncheckextern=0\n[AnchorCheck]\n[output]\nlog=text\nverbose=0\nwarnings=1\n").unwrap();
        // The seed, and a site whose index is split into parts: every link
        // between parts, to rows and to sections, must resolve with its anchor.
        for s in [&site, &small] {
            let out = Command::new(&lc)
                .arg("--config")
                .arg(&cfg)
                .arg("--no-status")
                .arg(s.join("index.html"))
                .output()
                .expect("linkchecker");
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            println!(
                "{}",
                text.lines().rev().take(3).collect::<Vec<_>>().join("\n")
            );
            if !out.status.success()
                || !text.contains(" checked. 0 warnings found. 0 errors found.")
            {
                failures.push(format!("linkchecker reports problems:\n{text}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn linkchecker() -> Option<PathBuf> {
    let venv = root().join("target/linkchecker");
    let bin = venv.join("bin/linkchecker");
    if !bin.exists() {
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(venv.join("bin/python"))
                .args(["-m", "pip", "install", "-q", "linkchecker==10.6.0"])
                .status()
                .is_ok_and(|s| s.success());
        if !require(ok, "linkchecker (pip install linkchecker)") {
            return None;
        }
    }
    Some(bin)
}
