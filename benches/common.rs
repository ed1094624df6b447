//! Shared pieces of the benchmark harnesses: the release binary, timing a command with its
//! peak memory (/usr/bin/time -v).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The evfield binary cargo built for this benchmark, in the benchmark's own profile (release
/// under `cargo bench`).
pub fn evfield_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_evfield"))
}

/// One timed run: wall time, CPU time (user and system, all its threads) and peak resident
/// memory of the command (its own process).
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    pub cpu: Duration,
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
    let cpu: f64 = ["User time (seconds):", "System time (seconds):"]
        .iter()
        .map(|n| field(n).parse::<f64>().unwrap())
        .sum();
    Run {
        wall: Duration::from_secs_f64(secs),
        cpu: Duration::from_secs_f64(cpu),
        peak_kib,
    }
}

pub fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
