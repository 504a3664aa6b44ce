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
    let (wall, nums, _) = measured_stage(cmd);
    (wall, nums)
}

/// [`measured`], with `ERRDOCS_TIMINGS` set: also the seconds of the
/// build's "render and write" stage (NaN when it did not say).
fn measured_stage(cmd: &std::process::Command) -> (f64, Vec<f64>, f64) {
    let t = Instant::now();
    let res = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%U %S %M"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .env("ERRDOCS_TIMINGS", "1")
        .output()
        .expect("run errdocs (cargo build --release first)");
    let wall = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&res.stderr);
    let nums = stderr
        .lines()
        .last()
        .map(|l| {
            l.split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let stage = stderr
        .lines()
        .find_map(|l| l.strip_prefix("timing: build render and write: "))
        .and_then(|rest| rest.split(" ms").next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ms| ms / 1e3);
    (wall, nums, stage)
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

/// The median of `xs` (sorted copy; the mean of the middle two when even).
fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.is_empty() {
        f64::NAN
    } else if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn min_max(xs: &[f64]) -> (f64, f64) {
    xs.iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)))
}

/// Where the outputs go: tmpfs (`/dev/shm`) when it is there, so the
/// filesystem's cost of creating inodes right after deleting others
/// (ext4 without a journal scans recently freed inodes) stays out of the
/// figure; `reference` puts them in the temp folder (ext4 here) instead.
fn out_root(reference: bool) -> (std::path::PathBuf, &'static str) {
    let shm = std::path::Path::new("/dev/shm");
    if !reference && shm.is_dir() {
        (shm.to_path_buf(), "tmpfs /dev/shm")
    } else {
        (std::env::temp_dir(), "temp dir (ext4 here)")
    }
}

/// One `errdocs build` into an absent folder: wall, CPU (user + sys), peak
/// RSS in MiB.
fn build_once(
    exe: &std::path::Path,
    catalog: &std::path::Path,
    out: &std::path::Path,
) -> (f64, f64, f64, f64) {
    let _ = std::fs::remove_dir_all(out);
    let (wall, nums, stage) = measured_stage(
        std::process::Command::new(exe)
            .args(["build", "--catalog"])
            .arg(catalog)
            .arg("--out")
            .arg(out),
    );
    match nums[..] {
        [user, sys, kb] => (wall, user + sys, kb / 1024.0, stage),
        _ => (wall, f64::NAN, f64::NAN, stage),
    }
}

/// The floor: exactly errdocs' file list and sizes written with
/// `std::fs::write` into an absent folder, nothing else.
fn floor_once(sizes: &[(String, usize)], out: &std::path::Path) -> f64 {
    let _ = std::fs::remove_dir_all(out);
    let t = Instant::now();
    for (rel, len) in sizes {
        let p = out.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, vec![b'x'; *len]).expect("write");
    }
    t.elapsed().as_secs_f64()
}

/// Rebuilds of each kind [`time_build`] times.
const REBUILDS: usize = 7;

/// `errdocs build` (load, check, render, write) as a child process, in
/// `pairs` alternating pairs with the floor, each into an absent folder;
/// then rebuilds into the same folder: nothing changed, one code's text
/// changed. Prints one row of the table `main` heads.
fn time_build(n: usize, pairs: usize, reference: bool) {
    let (root, _) = out_root(reference);
    let dir = root.join(format!("errdocs-bench-build-{n}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("catalog")).expect("tmp");
    std::fs::write(dir.join("catalog/errors.md"), errdocs::synth::catalog(n)).expect("write");
    let exe = std::env::current_dir()
        .expect("cwd")
        .join("target/release/errdocs");
    let catalog = dir.join("catalog");
    let site = dir.join("site");
    let floor = dir.join("floor");
    // The file list and sizes, from a first build (not counted).
    build_once(&exe, &catalog, &site);
    let mut sizes: Vec<(String, usize)> = Vec::new();
    for e in walkdir::WalkDir::new(&site).into_iter().flatten() {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(&site).expect("prefix");
            let rel = rel.to_string_lossy().into_owned();
            sizes.push((rel, e.metadata().map_or(0, |m| m.len() as usize)));
        }
    }
    let (mut walls, mut cpus, mut rss, mut floors, mut ratios, mut stages) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for _ in 0..pairs {
        let (wall, cpu, mib, stage) = build_once(&exe, &catalog, &site);
        let f = floor_once(&sizes, &floor);
        stages.push(stage);
        walls.push(wall);
        cpus.push(cpu);
        rss.push(mib);
        floors.push(f);
        ratios.push(wall / f);
    }
    let _ = std::fs::remove_dir_all(&floor);
    // Rebuilds into the built folder (the last build of the pairs): wall
    // and render-and-write stage, in turn with nothing changed and with
    // one code's text changed (from the build before), REBUILDS of each.
    let rebuild = || {
        measured_stage(
            std::process::Command::new(&exe)
                .args(["build", "--catalog"])
                .arg(&catalog)
                .arg("--out")
                .arg(&site),
        )
    };
    let text = std::fs::read_to_string(catalog.join("errors.md")).expect("read");
    let (mut unchanged, mut unchanged_stage) = (Vec::new(), Vec::new());
    let (mut one, mut one_stage) = (Vec::new(), Vec::new());
    for k in 0..REBUILDS {
        let (wall, _, stage) = rebuild();
        unchanged.push(wall);
        unchanged_stage.push(stage);
        std::fs::write(
            catalog.join("errors.md"),
            text.replacen("100001, \"", &format!("100001, \"Changed {k}: "), 1),
        )
        .expect("write");
        let (wall, _, stage) = rebuild();
        one.push(wall);
        one_stage.push(stage);
    }
    let bytes: usize = sizes.iter().map(|(_, l)| l).sum();
    let (wlo, whi) = min_max(&walls);
    let (flo, fhi) = min_max(&floors);
    let (rlo, rhi) = min_max(&ratios);
    let full = median(&walls);
    println!(
        "| {n} | {} | {:.0} ms ({:.0}–{:.0}) | {:.0} ms ({:.0}–{:.0}) | **{:.2}** ({:.2}–{:.2}) | {:.2} | {:.0} ms, {:.2} | {:.0} MiB | {} files, {:.1} MiB | {:.0} ms = {:.2} (render and write {:.0} ms = {:.2}) | {:.0} ms = {:.2} (render and write {:.0} ms = {:.2}) |",
        if reference {
            "ext4 (reference)"
        } else {
            "tmpfs"
        },
        full * 1e3,
        wlo * 1e3,
        whi * 1e3,
        median(&floors) * 1e3,
        flo * 1e3,
        fhi * 1e3,
        median(&ratios),
        rlo,
        rhi,
        full / median(&floors),
        median(&cpus) * 1e3,
        median(&cpus) / full,
        rss.iter().copied().fold(0.0, f64::max),
        sizes.len(),
        bytes as f64 / 1048576.0,
        median(&unchanged) * 1e3,
        median(&unchanged) / full,
        median(&unchanged_stage) * 1e3,
        median(&unchanged_stage) / median(&stages),
        median(&one) * 1e3,
        median(&one) / full,
        median(&one_stage) * 1e3,
        median(&one_stage) / median(&stages),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The floor for `check`: the `csv` crate reading the catalog's rows (the
/// csv-table's lines and the pipe table's, split at `|`), no Markdown, best
/// of 3; against `errdocs check` in process (load, parse, all rules).
fn check_floor(n: usize) -> f64 {
    let text = errdocs::synth::catalog(n);
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let mut cells = 0usize;
        let csv_rows: String = text
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .flat_map(|l| [l, "\n"])
            .collect();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(csv_rows.as_bytes());
        for rec in r.records() {
            cells += rec.map_or(0, |r| r.len());
        }
        for l in text.lines().filter(|l| l.starts_with("| 1")) {
            cells += l
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .count();
        }
        std::hint::black_box(cells);
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
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
    println!(
        "check (load + parse + all rules, best of 3) vs. its floor (the csv crate reading the same rows, no Markdown)"
    );
    for n in [100, 10_000, 100_000] {
        let (t, found) = time_check(n);
        let f = check_floor(n);
        println!(
            "{n:>10} codes {:>10.2}ms  {found} findings  floor {:>8.2}ms  check/floor {:>6.1}",
            t * 1e3,
            f * 1e3,
            t / f
        );
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
    let pairs = std::env::var("BENCH_PAIRS")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5);
    println!(
        "build (child process) vs. the floor (errdocs' own file list and sizes written with std::fs::write), {pairs} alternating pairs, each into an absent folder; medians (min–max); outputs on {}",
        out_root(false).1
    );
    time_seed();
    println!();
    println!(
        "| codes | disk | build | floor | build/floor, paired | ratio of medians | CPU, CPU/wall | peak RSS | output | rebuild unchanged = /full (its render and write = /full's) | rebuild one code = /full (its render and write = /full's) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for n in [100, 10_000, 100_000] {
        time_build(n, pairs, false);
    }
    time_build(10_000, 1, true);
}
