//! `ERRDOCS_TIMINGS=1`: each stage's wall time on stderr (for profiling a
//! large catalog; the benchmark is `cargo bench`).

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
                "timing: {} {stage}: {:.1} ms",
                self.what,
                self.at.elapsed().as_secs_f64() * 1e3
            );
        }
        self.at = Instant::now();
    }
}
