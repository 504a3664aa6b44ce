//! `cargo bench`: prints figures, asserts nothing (a benchmark, not a test).
//!
//! Reader: parse the seed page and synthetic seed-shaped catalogs of 100,
//! 10,000 and 100,000 codes; time per code shows whether the reader is linear.

use std::time::Instant;

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
}
