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

/// Run `argv` under `/usr/bin/time -v` with stdout to /dev/null; panics when it fails. Wall
/// time is this process's clock around the run and CPU time the resource usage `wait4` reports
/// for `time` and the command it waited for (both to the microsecond; `time` prints them to the
/// hundredth of a second, too coarse for a run of a few milliseconds); starting `time` itself
/// adds about a millisecond to every command alike. Peak memory is `time`'s report of the
/// command alone (a command started straight from this process would count the memory it
/// shares with it until exec).
#[allow(clippy::zombie_processes)] // reaped by wait4, which clippy does not see
pub fn timed(argv: &[&str], env: &[(&str, &str)]) -> Run {
    use std::io::Read;
    let start = std::time::Instant::now();
    let mut child = Command::new("/usr/bin/time")
        .arg("-v")
        .args(argv)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("/usr/bin/time runs (Debian package `time`)");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut err)
        .expect("time's report");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for the child it reaps.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut u) };
    let wall = start.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{argv:?} failed: {err}"
    );
    let peak_kib = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in: {err}"));
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run {
        wall,
        cpu: tv(u.ru_utime) + tv(u.ru_stime),
        peak_kib,
    }
}

pub fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
