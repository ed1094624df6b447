//! The command line: clap definitions and the thin `run()` of each subcommand.

/// Entry point of the binary; returns the process exit code.
pub fn main() -> i32 {
    0
}
