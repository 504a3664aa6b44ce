//! Hostile catalogs and hostile conditions: each has a precise expectation
//! (a clear error naming file:line:column and exit 1, or correct output),
//! and the previous site always survives. The full and read-only file
//! systems need `unshare -m` (root; skipped without, except under `CI=true`);
//! the 50 MB catalog and the kill -9 loop are slow and run with
//! `ERRDOCS_SLOW_TESTS=1`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Missing, errdocs, errdocs_cmd, require_that, root, slow, test, tmp, with_tools};

fn main() {
    common::run(vec![
        test(
            "bom_and_crlf_read_the_same_as_lf",
            bom_and_crlf_read_the_same_as_lf,
        ),
        test(
            "nul_and_latin1_bytes_are_errors_with_positions",
            nul_and_latin1_bytes_are_errors_with_positions,
        ),
        test(
            "a_two_megabyte_cell_is_read_in_linear_time",
            a_two_megabyte_cell_is_read_in_linear_time,
        ),
        slow(
            "a_fifty_megabyte_catalog_is_read",
            a_fifty_megabyte_catalog_is_read,
        ),
        test(
            "file_option_cannot_escape_through_a_symlink",
            file_option_cannot_escape_through_a_symlink,
        ),
        test(
            "path_shaped_codes_never_become_paths",
            path_shaped_codes_never_become_paths,
        ),
        test(
            "empty_catalog_and_table_without_code_column",
            empty_catalog_and_table_without_code_column,
        ),
        with_tools(
            "full_and_read_only_file_systems_give_clear_errors_and_keep_the_site",
            full_and_read_only_file_systems_give_clear_errors_and_keep_the_site,
        ),
        slow(
            "kill_nine_during_a_build_leaves_the_previous_site_whole",
            kill_nine_during_a_build_leaves_the_previous_site_whole,
        ),
    ]);
}

/// `write_catalog` as a string, for the command lines below.
fn catalog(dir: &Path, files: &[(&str, &[u8])]) -> String {
    common::write_catalog(dir, files)
        .to_str()
        .unwrap()
        .to_string()
}

fn bom_and_crlf_read_the_same_as_lf() {
    let t = tmp("crlf");
    let d = t.path();
    let lf = std::fs::read_to_string(root().join("catalog/error-codes.md")).unwrap();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = catalog(&d.join("a"), &[("errors.md", lf.as_bytes())]);
    let b = catalog(&d.join("b"), &[("errors.md", crlf.as_bytes())]);
    let (ca, ea, _) = errdocs(&["export", "--catalog", &a]);
    let (cb, eb, _) = errdocs(&["export", "--catalog", &b]);
    assert_eq!((ca, cb), (0, 0));
    assert_eq!(ea.replace(&a, "X"), eb.replace(&b, "X"));
}

fn nul_and_latin1_bytes_are_errors_with_positions() {
    let t = tmp("bytes");
    let d = t.path();
    let cat = catalog(
        d,
        &[(
            "errors.md",
            b"# E\n\n| Code | Message |\n|---|---|\n| 1001 | caf\xe9 |\n",
        )],
    );
    let (code, _, err) = errdocs(&["check", "--catalog", &cat, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let t2 = tmp("nul");
    let d2 = t2.path();
    let cat2 = catalog(
        d2,
        &[(
            "errors.md",
            b"# E\n\n```{csv-table}\n:header: Code, Message\n\n1001, a\0b\n```\n",
        )],
    );
    let (code, out, _) = errdocs(&["check", "--catalog", &cat2, "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("line contains NUL") && out.contains("\"line\": 6"),
        "{out}"
    );
}

fn a_two_megabyte_cell_is_read_in_linear_time() {
    let t = tmp("bigcell");
    let d = t.path();
    let big = "word ".repeat(400_000);
    let text = format!("# E\n\n```{{csv-table}}\n:header: Code, Message\n\n1001, \"{big}\"\n```\n");
    let cat = catalog(d, &[("errors.md", text.as_bytes())]);
    let t = Instant::now();
    let (code, _, err) = errdocs(&["check", "--catalog", &cat, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    // Generous bound (debug build, shared CI machine): quadratic would take minutes.
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

fn a_fifty_megabyte_catalog_is_read() {
    let t = tmp("fifty");
    let d = t.path();
    let text = errdocs::synth::catalog(270_000);
    assert!(text.len() > 50_000_000, "{}", text.len());
    let cat = catalog(d, &[("errors.md", text.as_bytes())]);
    let (code, out, err) = errdocs(&["export", "--catalog", &cat]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("\"code\":").count(), 270_000);
}

fn file_option_cannot_escape_through_a_symlink() {
    let t = tmp("symlink");
    let d = t.path();
    std::fs::write(d.join("secret.csv"), "Code,Message\n9,secret\n").unwrap();
    let cat = catalog(
        d,
        &[(
            "errors.md",
            b"# E\n\n```{csv-table}\n:file: link.csv\n:header-rows: 1\n```\n",
        )],
    );
    std::os::unix::fs::symlink(d.join("secret.csv"), Path::new(&cat).join("link.csv")).unwrap();
    let (code, out, _) = errdocs(&["check", "--catalog", &cat, "--format", "json"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("unsafe-include") && out.contains("\"line\": 4"),
        "{out}"
    );
    // A symlinked .md inside the catalog is not followed either.
    std::os::unix::fs::symlink(d.join("secret.csv"), Path::new(&cat).join("other.csv")).unwrap();
    let (_, exported, _) = errdocs(&["export", "--catalog", &cat]);
    assert!(!exported.contains("secret"));
}

fn path_shaped_codes_never_become_paths() {
    let t = tmp("paths");
    let d = t.path();
    let long = "x".repeat(300);
    let text = format!(
        "# E\n\n| Code | Message |\n|---|---|\n| ../x | a |\n| /etc/passwd | b |\n| C:\\x | c |\n| CON | d |\n| {long} | e |\n"
    );
    let cat = catalog(d, &[("errors.md", text.as_bytes())]);
    let out = d.join("site");
    let (code, _, err) = errdocs(&["build", "--catalog", &cat, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("error[invalid-code]").count(), 5, "{err}");
    assert!(!out.exists());
    assert!(!d.join("x").exists() && !Path::new("/x.html").exists());
}

fn empty_catalog_and_table_without_code_column() {
    // An empty catalog folder is an error that names how many files were
    // read; nothing is written.
    let t = tmp("empty");
    let d = t.path();
    let cat = catalog(d, &[]);
    let out = d.join("site");
    let (code, _, err) = errdocs(&["build", "--catalog", &cat, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error[empty-catalog]") && err.contains("0 files read"),
        "{err}"
    );
    assert!(!out.exists());
    // So is a folder whose only table has no code column.
    let t2 = tmp("nocode");
    let d2 = t2.path();
    let cat2 = catalog(
        d2,
        &[(
            "errors.md",
            b"# E\n\n| Name | Value |\n|---|---|\n| a | b |\n",
        )],
    );
    let (code, out2, _) = errdocs(&["check", "--catalog", &cat2, "--format", "json"]);
    assert_eq!(code, 1);
    assert!(out2.contains("no-code-column") && out2.contains("empty-catalog"));
}

fn full_and_read_only_file_systems_give_clear_errors_and_keep_the_site() -> Result<(), Missing> {
    let unshare = Command::new("unshare")
        .args(["-m", "true"])
        .status()
        .is_ok_and(|s| s.success());
    require_that(
        unshare,
        "`unshare -m` does not work here (it needs root, which CI has)",
    )?;
    let t = tmp("fs");
    let d = t.path();
    let mnt = d.join("mnt");
    std::fs::create_dir_all(&mnt).unwrap();
    let exe = env!("CARGO_BIN_EXE_errdocs");
    let cat = root().join("catalog");
    // 300 KiB: the previous (tiny) site fits, the seed's site (1 MiB) does not.
    let script = format!(
        "set -e; mount -t tmpfs -o size=300k tmpfs {m}; mkdir -p {m}/site; echo previous > {m}/site/index.html; \
         if {exe} build --catalog {cat} --out {m}/site 2> {d}/full.err; then echo built; fi; \
         cat {m}/site/index.html > {d}/after-full; ls -a {m} > {d}/ls-full; \
         mount -o remount,ro {m}; \
         if {exe} build --catalog {cat} --out {m}/site 2> {d}/ro.err; then echo built; fi; \
         cat {m}/site/index.html > {d}/after-ro",
        m = mnt.display(),
        d = d.display(),
        cat = cat.display()
    );
    let out = Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("built"));
    let read = |f: &str| std::fs::read_to_string(d.join(f)).unwrap();
    assert!(
        read("full.err").contains("No space left on device"),
        "{}",
        read("full.err")
    );
    assert!(
        read("ro.err").contains("Read-only file system"),
        "{}",
        read("ro.err")
    );
    assert_eq!(read("after-full"), "previous\n");
    assert_eq!(read("after-ro"), "previous\n");
    assert!(
        !read("ls-full").contains("staging"),
        "no staging folder left: {}",
        read("ls-full")
    );
    Ok(())
}

fn kill_nine_during_a_build_leaves_the_previous_site_whole() {
    let t = tmp("kill");
    let d = t.path();
    let cat = catalog(
        d,
        &[("errors.md", errdocs::synth::catalog(10_000).as_bytes())],
    );
    let out = d.join("site");
    let (code, _, err) = errdocs(&["build", "--catalog", &cat, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let listing = |dir: &Path| {
        let mut v: Vec<(String, u64)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(dir).unwrap().display().to_string(),
                    e.metadata().unwrap().len(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let whole = listing(&out);
    // Odd runs change one code (a handful of files: the in-place update with
    // its journal), even runs the title (every page: staging and exchange).
    let mut killed_while_writing = 0;
    for run in 0..20 {
        let text = if run % 2 == 1 {
            errdocs::synth::catalog(10_000).replacen(
                "100001, \"",
                &format!("100001, \"Run {run}: "),
                1,
            )
        } else {
            errdocs::synth::catalog(10_000).replacen(
                "# Error Codes",
                &format!("# Error Codes, run {run}"),
                1,
            )
        };
        std::fs::write(Path::new(&cat).join("errors.md"), text).unwrap();
        let mut child = errdocs_cmd()
            .args(["build", "--catalog", &cat, "--out", out.to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the staging folder exists and has files, then kill at a
        // varying moment inside the writing.
        let deadline = Instant::now() + Duration::from_secs(60);
        let staging = || {
            std::fs::read_dir(d)
                .unwrap()
                .flatten()
                .find(|e| e.file_name().to_string_lossy().contains("errdocs-staging"))
                .map(|e| e.path())
        };
        let mut writing = false;
        while Instant::now() < deadline {
            if let Some(s) = staging()
                && std::fs::read_dir(s.join("codes")).is_ok_and(|mut r| r.next().is_some())
            {
                writing = true;
                std::thread::sleep(Duration::from_millis((run * 7 % 40) as u64));
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        if writing && !finished {
            killed_while_writing += 1;
        }
        // The site is either the previous one or a complete new one.
        let now = listing(&out);
        let names = |l: &[(String, u64)]| l.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&now),
            names(&whole),
            "run {run}: the site lost or gained files"
        );
        assert!(
            std::fs::read_to_string(out.join("index.html"))
                .unwrap()
                .contains("</html>")
        );
        // The next build removes the killed build's staging folder itself.
    }
    assert!(
        killed_while_writing >= 10,
        "only {killed_while_writing} of 20 kills landed while writing"
    );
    // A complete build afterwards takes the new text and leaves no leftovers.
    let (code, _, err) = errdocs(&["build", "--catalog", &cat, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(out.join("codes/100001.html"))
            .unwrap()
            .contains("Run 19")
    );
    let left: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("errdocs-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
