//! `evfield log verify` and `evfield replay` of a 1 GiB journal, against `openssl dgst -sha256`
//! of the same file (the fastest SHA-256 of the same bytes on this machine: OpenSSL uses the
//! CPU's SHA extensions), with peak memory, which must stay flat: the same figures for a journal
//! of an eighth of the size show it. Replay is measured whole and with a filter that matches
//! nothing (`--kind session_abandoned`) and one that matches a few events (`--kind step_done`):
//! a filtered replay should cost verify plus the formatting of the events it shows.
//!
//! The journal is a valid hash chain made of a real demo session's events repeated (new
//! sequence numbers, times and hashes), so verify and replay do their full work on every line.
//! It is written once to target/bench-journal/ and reused; every command runs once to fill the
//! page cache, then the commands run in turn, round after round (interleaved), so all read it
//! from the page cache (the machine has the memory for it): the figures are CPU, not disk.
//!
//! Run: `cargo bench --bench journal_1gb` (CI=true or `-- --quick`: 16 MiB; or
//! EVFIELD_BENCH_JOURNAL_MB=N; the last line is the figure).

#[path = "common.rs"]
mod common;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Run, mib, timed};
use evfield::session::journal;
use serde_json::Value;

fn demo_events(bin: &Path) -> Vec<Value> {
    let d = tempfile::tempdir().unwrap();
    let ok = Command::new(bin)
        .arg("--data-dir")
        .arg(d.path())
        .args(["renetwork", "--demo"])
        .env("EVFIELD_DEMO_BOOT_MS", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "the demo runs");
    let sessions = d.path().join("sessions");
    let dir = std::fs::read_dir(&sessions)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    std::fs::read_to_string(dir.path().join("journal.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Write a valid journal of about `mb` MiB from `events` (first kept first, last kept last).
fn make_journal(path: &Path, events: &[Value], mb: u64) {
    if std::fs::metadata(path).is_ok_and(|m| m.len() >= mb << 20) {
        return;
    }
    let tmp = path.with_extension("partial");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp).unwrap());
    let start = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:15:00Z").unwrap();
    let (first, rest) = events.split_first().unwrap();
    let (last, middle) = rest.split_last().unwrap();
    let mut prev = journal::GENESIS.to_string();
    let mut written = 0u64;
    let mut seq = 0u64;
    let mut put = |e: &Value, w: &mut BufWriter<std::fs::File>| {
        let time = (start + chrono::Duration::milliseconds(seq as i64))
            .to_utc()
            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string();
        let (line, hash) = journal::encode(
            seq,
            &time,
            e["step"].as_str().unwrap_or("session"),
            e["kind"].as_str().unwrap(),
            &e["data"],
            &prev,
        );
        prev = hash;
        seq += 1;
        w.write_all(line.as_bytes()).unwrap();
        w.write_all(b"\n").unwrap();
        line.len() as u64 + 1
    };
    written += put(first, &mut w);
    'fill: loop {
        for e in middle {
            written += put(e, &mut w);
            if written >= mb << 20 {
                break 'fill;
            }
        }
    }
    put(last, &mut w);
    w.flush().unwrap();
    drop(w);
    std::fs::rename(&tmp, path).unwrap();
}

/// The commands measured, by name; the first is the baseline.
fn commands<'a>(bin: &'a str, path: &'a str) -> Vec<(&'static str, Vec<&'a str>)> {
    vec![
        (
            "openssl dgst -sha256",
            vec!["openssl", "dgst", "-sha256", path],
        ),
        ("log verify", vec![bin, "log", "verify", path]),
        ("replay", vec![bin, "replay", path]),
        (
            "replay --kind session_abandoned (no match)",
            vec![bin, "replay", "--kind", "session_abandoned", path],
        ),
        (
            "replay --kind step_done",
            vec![bin, "replay", "--kind", "step_done", path],
        ),
    ]
}

/// A command's figures: name, min and median wall time, peak memory, median CPU time.
type Figures = (&'static str, Duration, Duration, u64, Duration);

/// Min, median and peak memory of each command, run `rounds` times interleaved, and its median
/// CPU time (user and system, every thread: `log verify` of a large journal uses several cores).
fn measure(bin: &str, path: &str, rounds: usize) -> Vec<Figures> {
    let cmds = commands(bin, path);
    let env = [("NO_COLOR", "1")];
    for (_, argv) in &cmds {
        timed(argv, &env); // the page cache, and the binary, warm for everyone
    }
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); cmds.len()];
    for _ in 0..rounds {
        for (i, (_, argv)) in cmds.iter().enumerate() {
            runs[i].push(timed(argv, &env));
        }
    }
    cmds.iter()
        .zip(runs)
        .map(|((name, _), mut r)| {
            r.sort_by_key(|x| x.wall);
            let peak = r.iter().map(|x| x.peak_kib).max().unwrap_or(0);
            let mut cpu: Vec<Duration> = r.iter().map(|x| x.cpu).collect();
            cpu.sort();
            (
                *name,
                r[0].wall,
                r[r.len() / 2].wall,
                peak,
                cpu[cpu.len() / 2],
            )
        })
        .collect()
}

fn main() {
    let quick =
        std::env::var("CI").is_ok_and(|v| v == "true") || std::env::args().any(|a| a == "--quick");
    let bin = common::evfield_bin();
    let bin_s = bin.to_str().unwrap();
    let mb: u64 = std::env::var("EVFIELD_BENCH_JOURNAL_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 16 } else { 1024 });
    let rounds = if quick { 3 } else { 5 };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-journal");
    std::fs::create_dir_all(&dir).unwrap();
    let events = demo_events(&bin);
    let mut rows = Vec::new();
    for size in [mb / 8, mb] {
        let path = dir.join(format!("journal-{size}mb.jsonl"));
        make_journal(&path, &events, size);
        let bytes = std::fs::metadata(&path).unwrap().len();
        let figures = measure(bin_s, path.to_str().unwrap(), rounds);
        let base = figures[0].2;
        let parts: Vec<String> = figures
            .iter()
            .map(|(name, min, med, peak, cpu)| {
                format!(
                    "{name} min {:.2} s, median {:.2} s, CPU median {:.2} s ({:.2} GB/s, {:.2}x openssl, peak {:.1} MiB)",
                    min.as_secs_f64(),
                    med.as_secs_f64(),
                    cpu.as_secs_f64(),
                    bytes as f64 / med.as_secs_f64() / 1e9,
                    med.as_secs_f64() / base.as_secs_f64(),
                    mib(*peak)
                )
            })
            .collect();
        println!(
            "journal {:.0} MiB, {rounds} interleaved rounds: {}",
            bytes as f64 / 1048576.0,
            parts.join("; ")
        );
        rows.push((size, figures));
    }
    let (small, big) = (&rows[0].1, &rows[1].1);
    let med = |f: &[Figures], i: usize| f[i].2.as_secs_f64();
    println!(
        "{} MiB journal: log verify at {:.2}x the speed of openssl dgst -sha256 (median; min {:.2}x; CPU time {:.2}x openssl's); replay with a filter matching nothing {:.2}x verify's time, matching step_done {:.2}x, whole {:.2}x; peak memory verify {:.1} MiB (at {} MiB: {:.1}), replay {:.1} MiB (at {} MiB: {:.1})",
        rows[1].0,
        med(big, 0) / med(big, 1),
        big[0].1.as_secs_f64() / big[1].1.as_secs_f64(),
        big[1].4.as_secs_f64() / big[0].4.as_secs_f64(),
        med(big, 3) / med(big, 1),
        med(big, 4) / med(big, 1),
        med(big, 2) / med(big, 1),
        mib(big[1].3),
        rows[0].0,
        mib(small[1].3),
        mib(big[2].3),
        rows[0].0,
        mib(small[2].3),
    );
}
