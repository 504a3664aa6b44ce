//! `cargo bench`: prints figures, asserts nothing (a benchmark, not a test).
//!
//! Reader: parse the seed page and synthetic seed-shaped catalogs of 100,
//! 10,000 and 100,000 codes; time per code shows whether the reader is linear.

use std::time::Instant;

use errdocs::config::Config;
use errdocs::parse::{self, ParseConfig};
use errdocs::source::SourceFile;

fn time_parse(text: &str, reps: usize) -> f64 {
    let src = SourceFile::new("bench.md", text);
    let config = ParseConfig::default();
    let mut best = f64::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        let doc = parse::parse(&src, &config);
        std::hint::black_box(&doc);
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

/// `errdocs check` end to end (load the folder, parse, run every rule).
fn time_check(n: usize) -> (f64, usize) {
    let dir = std::env::temp_dir().join(format!("errdocs-bench-check-{n}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    std::fs::write(dir.join("errors.md"), errdocs::synth::catalog(n)).expect("write");
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let cat = errdocs::catalog::load(&dir, &Config::default()).expect("load");
        let diags = errdocs::check::check(&cat, &Config::default());
        found = diags.len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&dir);
    (best, found)
}

/// Runs `cmd` under `/usr/bin/time`: wall seconds and [user s, system s, peak KiB].
fn measured(cmd: &std::process::Command) -> (f64, Vec<f64>) {
    let t = Instant::now();
    let res = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%U %S %M"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .output()
        .expect("run errdocs (cargo build --release first)");
    let wall = t.elapsed().as_secs_f64();
    let nums = String::from_utf8_lossy(&res.stderr)
        .lines()
        .last()
        .map(|l| {
            l.split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    (wall, nums)
}

/// `errdocs check` as a child process: wall time, CPU time, peak RSS.
fn time_check_cli(n: usize) {
    let dir = std::env::temp_dir().join(format!("errdocs-bench-cli-{n}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    std::fs::write(dir.join("errors.md"), errdocs::synth::catalog(n)).expect("write");
    let exe = std::env::current_dir()
        .expect("cwd")
        .join("target/release/errdocs");
    let mut best = (f64::MAX, 0.0, 0.0);
    for _ in 0..3 {
        let (wall, nums) = measured(
            std::process::Command::new(&exe)
                .args(["check", "--format", "json", "--catalog"])
                .arg(&dir),
        );
        if let [user, sys, kb] = nums[..]
            && wall < best.0
        {
            best = (wall, user + sys, kb / 1024.0);
        }
    }
    println!(
        "{n:>10} codes {:>9.1}ms (CPU {:>6.1}ms)  peak RSS {:.0} MiB",
        best.0 * 1e3,
        best.1 * 1e3,
        best.2
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The bundled seed, `errdocs build` end to end (fresh folder, then a
/// rebuild with nothing changed), best of 10.
fn time_seed() {
    let exe = std::env::current_dir()
        .expect("cwd")
        .join("target/release/errdocs");
    let out = std::env::temp_dir().join(format!("errdocs-bench-seed-{}", std::process::id()));
    let (mut fresh, mut again) = (f64::MAX, f64::MAX);
    for _ in 0..10 {
        let _ = std::fs::remove_dir_all(&out);
        for best in [&mut fresh, &mut again] {
            let t = Instant::now();
            let st = std::process::Command::new(&exe)
                .args(["build", "--catalog", "catalog", "--out"])
                .arg(&out)
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run errdocs");
            assert!(st.success());
            *best = best.min(t.elapsed().as_secs_f64());
        }
    }
    println!(
        "{:>10} codes {:>9.1}ms fresh, {:.1}ms rebuilt unchanged (the bundled seed; goal 30 ms)",
        "seed 109",
        fresh * 1e3,
        again * 1e3
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// Peak resident memory of this process so far (Linux VmHWM), in MiB.
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// `errdocs build` (load, check, render, write) as a child process, against
/// the floor: writing the same files (same count, same sizes) with
/// `std::fs::write` into a fresh folder and nothing else.
fn time_build(n: usize) {
    let dir = std::env::temp_dir().join(format!("errdocs-bench-build-{n}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("catalog")).expect("tmp");
    std::fs::write(dir.join("catalog/errors.md"), errdocs::synth::catalog(n)).expect("write");
    let exe = std::env::current_dir()
        .expect("cwd")
        .join("target/release/errdocs");
    let mut build_best = f64::MAX;
    let mut floor_best = f64::MAX;
    let mut rss = String::new();
    let mut cpu = 0.0;
    let mut sizes: Vec<(String, usize)> = Vec::new();
    for round in 0..3 {
        let out = dir.join(format!("site-{round}"));
        let (wall, nums) = measured(
            std::process::Command::new(&exe)
                .args(["build", "--catalog"])
                .arg(dir.join("catalog"))
                .arg("--out")
                .arg(&out),
        );
        if let [user, sys, kb] = nums[..] {
            rss = format!("{:.0} MiB", kb / 1024.0);
            if wall < build_best {
                cpu = user + sys;
            }
        }
        build_best = build_best.min(wall);
        if sizes.is_empty() {
            for e in walkdir::WalkDir::new(&out).into_iter().flatten() {
                if e.file_type().is_file() {
                    let rel = e
                        .path()
                        .strip_prefix(&out)
                        .expect("prefix")
                        .to_string_lossy()
                        .into_owned();
                    sizes.push((rel, e.metadata().map_or(0, |m| m.len() as usize)));
                }
            }
        }
        // The floor, alternating with the build.
        let floor = dir.join(format!("floor-{round}"));
        let t = Instant::now();
        for (rel, len) in &sizes {
            let p = floor.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(&p, vec![b'x'; *len]).expect("write");
        }
        floor_best = floor_best.min(t.elapsed().as_secs_f64());
    }
    // Incremental: change one code's text, rebuild into the same folder.
    let text = std::fs::read_to_string(dir.join("catalog/errors.md")).expect("read");
    std::fs::write(
        dir.join("catalog/errors.md"),
        text.replacen("100001, \"", "100001, \"Changed: ", 1),
    )
    .expect("write");
    let t = Instant::now();
    let res = std::process::Command::new(&exe)
        .args(["build", "--catalog"])
        .arg(dir.join("catalog"))
        .arg("--out")
        .arg(dir.join("site-0"))
        .output()
        .expect("rebuild");
    let rebuild = t.elapsed().as_secs_f64();
    let summary = String::from_utf8_lossy(&res.stderr);
    let written = summary
        .split('(')
        .nth(1)
        .and_then(|s| s.split(',').next())
        .unwrap_or("?")
        .to_string();
    let bytes: usize = sizes.iter().map(|(_, l)| l).sum();
    let largest = |f: &dyn Fn(&str) -> bool| {
        sizes
            .iter()
            .filter(|(p, _)| f(p))
            .map(|(p, l)| (*l, p.clone()))
            .max()
            .unwrap_or_default()
    };
    let page = largest(&|p| p.ends_with(".html"));
    let shard = largest(&|p| p.starts_with("search/"));
    let manifest = largest(&|p| p == "search-index.js");
    println!(
        "{n:>10} codes {:>9.1}ms (CPU {:>6.1}ms)  floor {:>8.1}ms  ratio {:>5.2}  peak RSS {rss:>8}  {} files, {:.1} MiB",
        build_best * 1e3,
        cpu * 1e3,
        floor_best * 1e3,
        build_best / floor_best,
        sizes.len(),
        bytes as f64 / 1048576.0
    );
    println!(
        "{:>10}       largest page {} ({:.0} KiB), search manifest {:.1} KiB, largest search shard {} ({:.0} KiB)",
        "",
        page.1,
        page.0 as f64 / 1024.0,
        manifest.0 as f64 / 1024.0,
        shard.1,
        shard.0 as f64 / 1024.0
    );
    println!(
        "{:>10}       rebuild after changing one code: {:.1}ms ({written})",
        "",
        rebuild * 1e3
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let seed = std::fs::read_to_string("catalog/error-codes.md").expect("run from the repo root");
    println!("reader (parse only, best of N runs)");
    println!(
        "{:>10} {:>10} {:>12} {:>14}",
        "codes", "bytes", "time", "per code"
    );
    let t = time_parse(&seed, 20);
    println!(
        "{:>10} {:>10} {:>10.2}ms {:>12.2}µs",
        "seed 109",
        seed.len(),
        t * 1e3,
        t * 1e6 / 109.0
    );
    for (n, reps) in [(100, 20), (10_000, 5), (100_000, 2)] {
        let text = errdocs::synth::catalog(n);
        let t = time_parse(&text, reps);
        println!(
            "{:>10} {:>10} {:>10.2}ms {:>12.2}µs",
            n,
            text.len(),
            t * 1e3,
            t * 1e6 / n as f64
        );
    }
    println!();
    println!("check (load + parse + all rules, best of 3; goal for 100,000: 300 ms)");
    for n in [100, 10_000, 100_000] {
        let (t, found) = time_check(n);
        println!("{n:>10} codes {:>10.2}ms  {found} findings", t * 1e3);
    }
    println!(
        "  (peak RSS of this benchmark process so far: {:.0} MiB)",
        peak_rss_mib()
    );
    println!("check as a child process (`errdocs check --format json`, best of 3)");
    for n in [100, 10_000, 100_000] {
        time_check_cli(n);
    }
    println!();
    println!(
        "build (child process, best of 3) vs. the floor: the same files written with std::fs::write"
    );
    time_seed();
    for n in [100, 10_000, 100_000] {
        time_build(n);
    }
}
