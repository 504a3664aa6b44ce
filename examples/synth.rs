//! Writes a synthetic seed-shaped catalog page with N codes to stdout.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    print!("{}", errdocs::synth::catalog(n));
}
