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
        let cat = errdocs::catalog::load(&dir, &ParseConfig::default(), &[]).expect("load");
        let diags = errdocs::check::check(&cat, &Config::default());
        found = diags.len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&dir);
    (best, found)
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
}
