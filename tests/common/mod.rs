//! Helpers shared by the campaigns (tests/crash_campaign.rs, tests/port_campaign.rs).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// `evfield --data-dir DATA` with no stdin and none of the environment that would change a run.
pub fn evfield(data: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null())
        .env("NO_COLOR", "1");
    for v in [
        "EVFIELD_FAILPOINT",
        "EVFIELD_NETWORK",
        "EVFIELD_USER",
        "EVFIELD_PORT",
        "EVFIELD_VENDOR",
        "EVFIELD_PASSWORD",
        "EVFIELD_ANSWERS",
        "EVFIELD_DEMO_STATION_FAULT",
    ] {
        c.env_remove(v);
    }
    c
}

/// The journal of the only session in `data`.
pub fn journal_of(data: &Path) -> Option<PathBuf> {
    let dir = std::fs::read_dir(data.join("sessions"))
        .ok()?
        .next()?
        .ok()?;
    Some(dir.path().join("journal.jsonl"))
}

/// The events of a journal (unreadable lines are skipped).
pub fn events(journal: &Path) -> Vec<Value> {
    std::fs::read_to_string(journal)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// How many keys were answered more than once, not counting values the demo rig provides again
/// (the restarted simulator's new port).
pub fn asked_twice(events: &[Value]) -> usize {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for e in events {
        if e["kind"] == "answer"
            && !e["data"]["source"]
                .as_str()
                .unwrap_or("")
                .starts_with("demo")
        {
            *seen
                .entry(e["data"]["key"].as_str().unwrap_or("").to_string())
                .or_default() += 1;
        }
    }
    seen.values().filter(|n| **n > 1).count()
}

/// Whether the journal's schema and hash chain verify.
pub fn journal_verifies(journal: &Path) -> bool {
    evfield::session::journal::verify(journal).is_ok_and(|v| v.fault.is_none())
}

/// Stations at the sandbox whose state file is `path` (0 when it cannot be read).
pub fn stations_at(path: &Path) -> usize {
    evfield::sandbox::network::load_state(path).map_or(0, |s| s.stations.len())
}

/// Stations at the demo's sandbox named by a `renetwork --json` report.
pub fn report_stations(report: &Value) -> usize {
    report["sandbox_state"]
        .as_str()
        .map_or(0, |p| stations_at(Path::new(p)))
}

/// Whether `full` mode was asked for (`EVFIELD_CAMPAIGN=full`).
pub fn full_mode() -> bool {
    std::env::var("EVFIELD_CAMPAIGN").is_ok_and(|v| v == "full")
}

/// Run `work` over `items` on two threads (CI has two cores) and collect the results.
pub fn on_two_threads<T: Send + Clone, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<(T, R)> {
    let results = std::sync::Mutex::new(Vec::new());
    let queue = std::sync::Mutex::new(items);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let Some(item) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let r = work(item.clone());
                    results.lock().unwrap().push((item, r));
                }
            });
        }
    });
    results.into_inner().unwrap()
}
