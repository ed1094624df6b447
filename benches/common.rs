//! Shared pieces of the benchmark harnesses: the release binary, timing a command with its
//! peak memory (/usr/bin/time -v), medians.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// target/release/evfield, built if needed (`cargo bench` builds the library, not the binary).
pub fn evfield_bin() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ok = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "evfield"])
        .current_dir(root)
        .status()
        .expect("cargo runs")
        .success();
    assert!(ok, "cargo build --release failed");
    root.join("target/release/evfield")
}

/// One timed run: wall time and peak resident memory of the command (its own process).
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    pub peak_kib: u64,
}

/// Run `argv` under `/usr/bin/time -v` with stdout to /dev/null; panics when it fails.
pub fn timed(argv: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .args(argv)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("/usr/bin/time runs (Debian package `time`)");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{argv:?} failed: {err}");
    let field = |name: &str| {
        err.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no `{name}` in: {err}"))
    };
    let peak_kib = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap();
    // h:mm:ss or m:ss.cc
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let secs = wall
        .split(':')
        .fold(0.0, |acc, p| acc * 60.0 + p.parse::<f64>().unwrap());
    Run {
        wall: Duration::from_secs_f64(secs),
        peak_kib,
    }
}

/// The run with the median wall time of `n` runs, and the highest peak memory among them.
pub fn median_of(n: usize, mut f: impl FnMut() -> Run) -> Run {
    let mut runs: Vec<Run> = (0..n).map(|_| f()).collect();
    let peak = runs.iter().map(|r| r.peak_kib).max().unwrap_or(0);
    runs.sort_by_key(|r| r.wall);
    Run {
        wall: runs[n / 2].wall,
        peak_kib: peak,
    }
}

pub fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
