//! The `errdocs` command.

/// mimalloc: a build allocates and frees millions of small strings on two
/// threads; with glibc's allocator a full build of 10,000 codes took 1.04 s
/// against 0.84 s (and a rebuild 0.31 s against 0.27 s). Its version 2
/// (`features = ["v2"]`): version 3 keeps freed memory for a second (its
/// purge delay) and committed its arenas eagerly, so a build of 100,000
/// codes peaked at 311–326 MiB and 3.2–3.4 s, against 289–296 MiB and
/// 2.6–3.1 s with version 2 (on tmpfs, this machine). Without transparent
/// huge pages (`no_thp`): mimalloc asks the kernel for them by default, and
/// then touching one byte of a fresh 2 MiB region makes the kernel zero all
/// of it — `perf` on a 10,000-code rebuild had 40–73 % of its samples in
/// `clear_page_erms` under `do_huge_pmd_anonymous_page`, 3 % without; peak
/// RSS at 100,000 codes 298–302 MiB with, 278–280 MiB without.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    errdocs::cli::run()
}
