//! `evfield log verify` and `evfield replay` of a 1 GiB journal, against `sha256sum` of the same
//! file (ratio), with peak memory, which must stay flat: the same figures for a journal of an
//! eighth of the size show it.
//!
//! The journal is a valid hash chain made of a real demo session's events repeated (new
//! sequence numbers, times and hashes), so verify and replay do their full work on every line.
//! It is written once to target/bench-journal/ and reused; the runs read it from the page cache
//! (the machine has the memory for it), so the figures are CPU, not disk.
//!
//! Run: `cargo bench --bench journal_1gb` (EVFIELD_BENCH_JOURNAL_MB=N for another size; the
//! last line is the figure).

#[path = "common.rs"]
mod common;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, median_of, mib, timed};
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

struct Figures {
    verify: Run,
    replay: Run,
    sha: Run,
}

fn measure(bin: &str, path: &str) -> Figures {
    let runs = 3;
    // read once so every command starts from the page cache
    timed(&["sha256sum", path], &[]);
    Figures {
        sha: median_of(runs, || timed(&["sha256sum", path], &[])),
        verify: median_of(runs, || timed(&[bin, "log", "verify", path], &[])),
        replay: median_of(runs, || timed(&[bin, "replay", path], &[("NO_COLOR", "1")])),
    }
}

fn main() {
    let bin = common::evfield_bin();
    let bin_s = bin.to_str().unwrap();
    let mb: u64 = std::env::var("EVFIELD_BENCH_JOURNAL_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-journal");
    std::fs::create_dir_all(&dir).unwrap();
    let events = demo_events(&bin);
    let mut rows = Vec::new();
    for size in [mb / 8, mb] {
        let path = dir.join(format!("journal-{size}mb.jsonl"));
        make_journal(&path, &events, size);
        let bytes = std::fs::metadata(&path).unwrap().len();
        let f = measure(bin_s, path.to_str().unwrap());
        let gbs = |r: &Run| bytes as f64 / r.wall.as_secs_f64() / 1e9;
        println!(
            "journal {:.0} MiB: sha256sum {:.2} s ({:.2} GB/s, peak {:.1} MiB); log verify {:.2} s ({:.2} GB/s, peak {:.1} MiB, ratio {:.2}); replay {:.2} s ({:.2} GB/s, peak {:.1} MiB, ratio {:.2})",
            bytes as f64 / 1048576.0,
            f.sha.wall.as_secs_f64(),
            gbs(&f.sha),
            mib(f.sha.peak_kib),
            f.verify.wall.as_secs_f64(),
            gbs(&f.verify),
            mib(f.verify.peak_kib),
            f.verify.wall.as_secs_f64() / f.sha.wall.as_secs_f64(),
            f.replay.wall.as_secs_f64(),
            gbs(&f.replay),
            mib(f.replay.peak_kib),
            f.replay.wall.as_secs_f64() / f.sha.wall.as_secs_f64(),
        );
        rows.push((size, f));
    }
    let (small, big) = (&rows[0].1, &rows[1].1);
    println!(
        "{} MiB journal: log verify {:.2}x sha256sum, replay {:.2}x sha256sum; peak memory verify {:.1} MiB (at {} MiB: {:.1}), replay {:.1} MiB (at {} MiB: {:.1})",
        rows[1].0,
        big.verify.wall.as_secs_f64() / big.sha.wall.as_secs_f64(),
        big.replay.wall.as_secs_f64() / big.sha.wall.as_secs_f64(),
        mib(big.verify.peak_kib),
        rows[0].0,
        mib(small.verify.peak_kib),
        mib(big.replay.peak_kib),
        rows[0].0,
        mib(small.replay.peak_kib),
    );
}
