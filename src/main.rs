//! The `errdocs` command.

fn main() -> std::process::ExitCode {
    errdocs::cli::run()
}
