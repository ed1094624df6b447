//! Cold start against a minimal clap program, the demo on a quiet and on a busy disk, and the
//! values typed in the demo: benches/bench.py, run on the binary of this build (so that
//! `cargo bench`, and CI's quick form, run it to its last line).
//!
//! Run: `cargo bench --bench startup_demo` (CI=true or `-- --quick`: a few runs, the minimal
//! clap program in a debug build). The figures are bench.py's lines (docs/benchmarks.md).

#[path = "common.rs"]
mod common;

use std::process::Command;

fn main() {
    let quick =
        std::env::var("CI").is_ok_and(|v| v == "true") || std::env::args().any(|a| a == "--quick");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/bench.py");
    let mut cmd = Command::new("python3");
    cmd.arg(script).arg("--bin").arg(common::evfield_bin());
    if quick {
        cmd.arg("--quick");
    }
    let status = cmd.status().expect("python3 runs benches/bench.py");
    assert!(status.success(), "benches/bench.py failed: {status}");
}
