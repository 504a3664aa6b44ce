//! The fixed cost of checking and rendering a whole site from a one-row
//! catalog in memory: what the render fuzz target pays per input.
//! `cargo run --release --example render_cost`.
use errdocs::config::Config;
use std::path::{Path, PathBuf};
fn main() {
    let text = "# E\n\n| Code | Message |\n|---|---|\n| 1001 | Bad thing |\n";
    let n = 200;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let root = Path::new("fuzz-catalog");
        let files = vec![(
            PathBuf::from("fuzz-catalog/errors.md"),
            text.as_bytes().to_vec(),
        )];
        let cat = errdocs::catalog::from_files(root, files, &Config::default());
        let config = Config::default();
        let _ = errdocs::check::check(&cat, &config);
        let site = errdocs::render::render_files(&cat, &config, None).expect("renders");
        std::hint::black_box(site);
    }
    eprintln!(
        "{:.3} ms per run",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
