//! What human output costs against `--json`: `evfield sessions`, `evfield vendors list` and
//! `evfield log verify SESSION`, each in English and as `--json`, over a data dir that holds
//! demo sessions (`renetwork --demo` run once each by the benchmark, with
//! `EVFIELD_DEMO_BOOT_MS=0`). The two forms of a command run in turn, round after round
//! (interleaved), stdout to a pipe that is read whole; the wall time and the CPU time of the
//! process (user + system, from getrusage of the children: steady on a busy machine) are
//! reported, min and median, and the last line gives the three ratios human / `--json`.
//!
//! Run: `cargo bench --bench human_output` (50 sessions, 30 rounds; CI=true or `-- --quick`:
//! 5 sessions, 3 rounds).

#[path = "common.rs"]
mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run: wall time and CPU time (user + system) of the child.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
}

/// CPU time used by the waited-for children so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given; RUSAGE_CHILDREN is a valid target.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru);
        ru
    };
    let t = |v: libc::timeval| Duration::new(v.tv_sec as u64, v.tv_usec as u32 * 1000);
    t(ru.ru_utime) + t(ru.ru_stime)
}

fn command(bin: &Path, home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin);
    c.arg("--data-dir")
        .arg(home.join("data"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("EVFIELD_LANG")
        .stdin(Stdio::null());
    c
}

fn run(bin: &Path, home: &Path, args: &[&str]) -> Run {
    let before = children_cpu();
    let t = Instant::now();
    let out = command(bin, home, args).output().unwrap();
    let wall = t.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    Run {
        wall,
        cpu: children_cpu() - before,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (min, median) of one measure of the runs.
fn min_median(runs: &[Run], of: fn(&Run) -> Duration) -> (Duration, Duration) {
    let mut v: Vec<Duration> = runs.iter().map(of).collect();
    v.sort();
    (v[0], v[v.len() / 2])
}

fn main() {
    let quick =
        std::env::var("CI").is_ok_and(|v| v == "true") || std::env::args().any(|a| a == "--quick");
    let (sessions, rounds) = if quick { (5, 3) } else { (50, 30) };
    let bin = common::evfield_bin();
    let home = tempfile::tempdir().unwrap();
    for _ in 0..sessions {
        let out = command(&bin, home.path(), &["renetwork", "--demo"])
            .env("EVFIELD_DEMO_BOOT_MS", "0")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the demo runs: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let id = std::fs::read_dir(home.path().join("data/sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .min()
        .unwrap();
    let cases: [(&str, Vec<&str>); 3] = [
        ("sessions", vec!["sessions"]),
        ("vendors list", vec!["vendors", "list"]),
        ("log verify", vec!["log", "verify", &id]),
    ];
    let mut ratios = Vec::new();
    for (name, args) in &cases {
        let json: Vec<&str> = std::iter::once("--json")
            .chain(args.iter().copied())
            .collect();
        for _ in 0..2 {
            run(&bin, home.path(), args);
            run(&bin, home.path(), &json);
        }
        let (mut human, mut machine) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            human.push(run(&bin, home.path(), args));
            machine.push(run(&bin, home.path(), &json));
        }
        let (hw, hw_med) = min_median(&human, |r| r.wall);
        let (jw, jw_med) = min_median(&machine, |r| r.wall);
        let (hc, hc_med) = min_median(&human, |r| r.cpu);
        let (jc, jc_med) = min_median(&machine, |r| r.cpu);
        println!(
            "`evfield {name}` ({sessions} sessions, {rounds} interleaved runs each): human wall min {:.1} ms, median {:.1} ms, CPU min {:.1}, median {:.1}; --json wall min {:.1} ms, median {:.1} ms, CPU min {:.1}, median {:.1}",
            ms(hw),
            ms(hw_med),
            ms(hc),
            ms(hc_med),
            ms(jw),
            ms(jw_med),
            ms(jc),
            ms(jc_med),
        );
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        ratios.push(format!(
            "{name} {:.2} (min {:.2}; CPU {:.2})",
            ratio(hw_med, jw_med),
            ratio(hw, jw),
            ratio(hc_med, jc_med)
        ));
    }
    println!(
        "human output / --json, wall median ({sessions} sessions): {}",
        ratios.join(", ")
    );
}
