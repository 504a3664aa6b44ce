//! `ERRDOCS_TIMINGS=1`: each stage's wall time on stderr, with the
//! process's peak resident memory so far (for profiling a large catalog;
//! the benchmark is `cargo bench`).

use std::time::Instant;

/// A stopwatch that prints a line per stage when `ERRDOCS_TIMINGS` is set.
#[derive(Debug)]
pub struct Lap {
    what: &'static str,
    on: bool,
    at: Instant,
}

impl Lap {
    /// Starts timing `what`.
    pub fn new(what: &'static str) -> Lap {
        Lap {
            what,
            on: std::env::var_os("ERRDOCS_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"),
            at: Instant::now(),
        }
    }

    /// Prints the time since the last lap.
    pub fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!(
                "timing: {} {stage}: {:.1} ms{}",
                self.what,
                self.at.elapsed().as_secs_f64() * 1e3,
                peak_rss()
                    .map_or_else(String::new, |kib| format!(" (peak RSS {} MiB)", kib / 1024))
            );
        }
        self.at = Instant::now();
    }
}

/// The process's peak resident memory in KiB (Linux: `VmHWM`).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
