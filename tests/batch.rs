//! `evfield batch pinpoint` against the in-process sandbox network, with its faults on.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

use evfield::sandbox::demo;
use evfield::sandbox::network::{self, Faults, SandboxConfig, SandboxHandle, sandbox_activation};

fn evfield(data: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null())
        .env("EVFIELD_PASSWORD", demo::INSTALLER_PASSWORD)
        .env_remove("EVFIELD_TOKEN")
        .env_remove("EVFIELD_JSON")
        .env_remove("EVFIELD_NETWORK")
        .env_remove("EVFIELD_USER")
        .env("NO_COLOR", "1");
    c
}

/// Rows `from..=to` of the sandbox's seeded activations as a CSV file.
fn csv(path: &Path, from: u32, to: u32, tweak: impl Fn(u32, &mut Vec<String>)) {
    let mut t =
        String::from("mac,activation_password,manufacturer,model,serial,gps,address_id,floor\n");
    for i in from..=to {
        let (mac, pw) = sandbox_activation(i);
        let mut cols = vec![
            mac,
            pw,
            "Evfield".into(),
            "SimCharger 22".into(),
            format!("EVFB{i:06}"),
            "\"59.913868,10.752245\"".into(),
            "addr-0001".into(),
            format!("P{}", i % 4),
        ];
        tweak(i, &mut cols);
        t.push_str(&cols.join(","));
        t.push('\n');
    }
    std::fs::write(path, t).unwrap();
}

struct Out {
    code: i32,
    lines: Vec<Value>,
    stderr: String,
}

fn batch(data: &Path, net: &SandboxHandle, file: &Path, extra: &[&str]) -> Out {
    let o = evfield(data)
        .args(["batch", "pinpoint"])
        .arg(file)
        .args([
            "--network",
            &net.base_url(),
            "--user",
            "demo@installer.test",
        ])
        .args([
            "--jobs",
            "8",
            "--rate",
            "0",
            "--attempts",
            "12",
            "--retry-delay",
            "5",
        ])
        .args(["--max-retry-delay", "40", "--timeout", "1", "--json"])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    Out {
        code: o.status.code().unwrap_or(-1),
        lines: stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect(),
        stderr: String::from_utf8_lossy(&o.stderr).into(),
    }
}

fn of_type<'a>(lines: &'a [Value], t: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["type"] == t).collect()
}

/// Stations of the batch range at the sandbox, by MAC: how many each.
fn stations_by_mac(net: &SandboxHandle) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for s in net.snapshot().stations {
        if s.mac.starts_with("02:EF:20:") {
            *m.entry(s.mac).or_insert(0) += 1;
        }
    }
    m
}

#[test]
fn a_thousand_rows_with_faults_are_accepted_exactly_once_and_a_rerun_sends_nothing() {
    let net = network::start(SandboxConfig {
        faults: Faults {
            rate_5xx: 0.05,
            rate_429: 0.05,
            retry_after_s: 1,
            rate_timeout: 0.003,
            rate_reset: 0.05,
            seed: 2026,
            ..Faults::default()
        },
        ..SandboxConfig::default()
    })
    .unwrap();
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("fleet.csv");
    csv(&file, 1, 1000, |_, _| {});

    let first = batch(d.path(), &net, &file, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let results = of_type(&first.lines, "result");
    assert_eq!(results.len(), 1000);
    assert!(
        results.iter().all(|r| r["status"] == "accepted"),
        "{:?}",
        results.iter().find(|r| r["status"] != "accepted")
    );
    let rows: std::collections::BTreeSet<u64> =
        results.iter().map(|r| r["row"].as_u64().unwrap()).collect();
    assert_eq!(rows.len(), 1000, "one result a row");
    let retried = results
        .iter()
        .filter(|r| r["attempts"].as_u64().unwrap() > 1)
        .count();
    assert!(
        retried > 50,
        "the faults were on: {retried} rows needed a retry"
    );
    assert!(
        results.iter().any(|r| r["replayed"] == true),
        "a reset after commit is answered by the network's replay"
    );
    let summary = of_type(&first.lines, "summary")[0];
    assert_eq!(summary["accepted"], 1000);
    assert_eq!(summary["failed"], 0);

    let at_network = stations_by_mac(&net);
    assert_eq!(at_network.len(), 1000, "every row has its station");
    assert!(at_network.values().all(|n| *n == 1), "none twice");
    let records = net.snapshot().idempotency.len();

    // The same file again: everything is skipped, nothing is sent.
    let second = batch(d.path(), &net, &file, &[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let s = of_type(&second.lines, "summary")[0];
    assert_eq!(s["skipped"], 1000);
    assert_eq!(s["submitted"], 0);
    assert!(
        of_type(&second.lines, "result")
            .iter()
            .all(|r| r["status"] == "skipped")
    );
    assert_eq!(net.snapshot().idempotency.len(), records);
    assert_eq!(stations_by_mac(&net), at_network);

    // Without the run-state file (lost, or the rows copied into another file), the idempotency
    // keys still keep it exactly once: the network answers with the first result.
    let part = d.path().join("part.csv");
    csv(&part, 1, 100, |_, _| {});
    let third = batch(d.path(), &net, &part, &[]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    let results = of_type(&third.lines, "result");
    assert_eq!(results.len(), 100);
    assert!(
        results
            .iter()
            .all(|r| r["status"] == "accepted" && r["replayed"] == true)
    );
    assert_eq!(stations_by_mac(&net), at_network);
}

#[test]
fn every_row_error_is_reported_before_anything_is_sent() {
    let net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("bad.csv");
    csv(&file, 1001, 1006, |i, cols| match i {
        1002 => cols[0] = "02:EF:ZZ".into(),
        1004 => cols[5] = "\"0,0\"".into(),
        1005 => cols[4] = String::new(),
        _ => {}
    });
    let out = batch(d.path(), &net, &file, &[]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let errs = of_type(&out.lines, "row_error");
    let got: Vec<(u64, &str)> = errs
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [(2, "mac"), (4, "gps"), (5, "serial")]);
    assert_eq!(errs[0]["value"], "02:EF:ZZ");
    assert_eq!(errs[0]["line"], 3);
    assert!(errs.iter().all(|e| !e["help"].as_str().unwrap().is_empty()));
    let err: Value = serde_json::from_str(out.stderr.trim()).unwrap();
    assert_eq!(err["error"]["code"], "E_BATCH_INVALID");
    assert!(stations_by_mac(&net).is_empty(), "nothing was sent");

    // Rows the network's rules refuse before sending: an unknown model, a wrong identity.
    csv(&file, 1001, 1003, |i, cols| {
        if i == 1002 {
            cols[3] = "Toaster 3000".into();
        }
    });
    let mut t = std::fs::read_to_string(&file).unwrap();
    t = t.replacen("floor\n", "floor,charge_box_id\n", 1);
    let t: String = t
        .lines()
        .enumerate()
        .map(|(n, l)| match n {
            0 => format!("{l}\n"),
            3 => format!("{l},EVF-WRONG\n"),
            _ => format!("{l},\n"),
        })
        .collect();
    std::fs::write(&file, t).unwrap();
    let out = batch(d.path(), &net, &file, &[]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let got: Vec<(u64, String)> = of_type(&out.lines, "row_error")
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(2, "model".to_string()), (3, "charge_box_id".to_string())]
    );
    assert!(stations_by_mac(&net).is_empty());
}

#[test]
fn a_refused_row_fails_alone_and_the_exit_code_says_so() {
    let net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("fleet.jsonl");
    let mut t = String::new();
    for i in 1101..=1104u32 {
        let (mac, mut pw) = sandbox_activation(i);
        if i == 1103 {
            pw = "WRONGPASS".into();
        }
        t.push_str(&format!(
            "{{\"mac\":\"{mac}\",\"activation_password\":\"{pw}\",\"manufacturer\":\"Evfield\",\"model\":\"SimCharger 22\",\"serial\":\"EVFJ{i}\",\"gps_lat\":59.913868,\"gps_lon\":10.752245,\"address_id\":\"addr-0002\"}}\n"
        ));
    }
    std::fs::write(&file, t).unwrap();
    let out = batch(d.path(), &net, &file, &[]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let results = of_type(&out.lines, "result");
    let failed: Vec<&&Value> = results.iter().filter(|r| r["status"] == "failed").collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["row"], 3);
    assert_eq!(failed[0]["error"]["code"], "E_API_ACTIVATION_UNKNOWN");
    assert_eq!(stations_by_mac(&net).len(), 3);
    let err: Value = serde_json::from_str(out.stderr.trim()).unwrap();
    assert_eq!(err["error"]["code"], "E_BATCH_ROWS_REFUSED");

    // Credentials are required, and never taken from the command line.
    let o = evfield(d.path())
        .env_remove("EVFIELD_PASSWORD")
        .args(["batch", "pinpoint"])
        .arg(&file)
        .args(["--network", &net.base_url(), "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("E_BATCH_AUTH"));
}

#[cfg(unix)]
#[test]
fn a_progress_bar_runs_on_a_terminal_only() {
    use expectrl::Expect;
    let net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("fleet.csv");
    csv(&file, 1201, 1230, |_, _| {});
    let mut cmd = evfield(d.path());
    cmd.args(["batch", "pinpoint"])
        .arg(&file)
        .args([
            "--network",
            &net.base_url(),
            "--user",
            "demo@installer.test",
        ])
        .args(["--rate", "40", "--jobs", "2"]);
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    // indicatif's bar, drawn while the rows go: "<bar> 12/30 rows".
    p.expect(expectrl::Regex(r"\d+/30 rows")).unwrap();
    p.expect("30 rows: 30 accepted").unwrap();
    // In a pipe (every other test here), stderr holds no bar: only the error document when
    // there is one, which the other tests parse as JSON.
    let o = evfield(d.path())
        .args(["batch", "pinpoint"])
        .arg(&file)
        .args([
            "--network",
            &net.base_url(),
            "--user",
            "demo@installer.test",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn rows_accepted_by_one_network_are_sent_to_another() {
    let test_net = network::start(SandboxConfig::default()).unwrap();
    let real_net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("fleet.csv");
    csv(&file, 1301, 1303, |_, _| {});
    let summary = |net: &SandboxHandle| {
        let out = batch(d.path(), net, &file, &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        of_type(&out.lines, "summary")[0].clone()
    };
    assert_eq!(summary(&test_net)["accepted"], 3);
    assert_eq!(
        summary(&real_net)["accepted"],
        3,
        "not skipped: another network"
    );
    assert_eq!(stations_by_mac(&real_net).len(), 3);
    assert_eq!(summary(&test_net)["skipped"], 3);
}

/// A batch killed in the middle of its run: every row it reported accepted was already in its
/// run-state file (the rerun skips it), the rest are sent by the rerun, and the network has
/// every station exactly once.
#[test]
fn a_batch_killed_mid_run_resumes_without_sending_a_reported_row_again() {
    use std::io::{BufRead, BufReader};
    let net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("fleet.csv");
    csv(&file, 5001, 5600, |_, _| {});
    // 600 rows at 300 a second: about two seconds, killed after the first 40 results
    let mut child = evfield(d.path())
        .args(["--json", "batch", "pinpoint"])
        .arg(&file)
        .args([
            "--network",
            &net.base_url(),
            "--user",
            "demo@installer.test",
        ])
        .args(["--jobs", "8", "--rate", "300"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reported = std::collections::BTreeSet::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while reported.len() < 40 {
        let line = lines
            .next()
            .expect("the batch ended before 40 results")
            .unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["type"], "result", "{line}");
        assert_eq!(v["status"], "accepted", "{line}");
        reported.insert(v["row"].as_u64().unwrap());
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let sent_before = stations_by_mac(&net).len();
    assert!(
        (40..600).contains(&sent_before),
        "killed mid-run: {sent_before} stations"
    );

    let rerun = batch(d.path(), &net, &file, &[]);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    let results = of_type(&rerun.lines, "result");
    assert_eq!(results.len(), 600);
    for r in &results {
        let row = r["row"].as_u64().unwrap();
        if reported.contains(&row) {
            assert_eq!(
                r["status"], "skipped",
                "row {row} was reported before the kill"
            );
        } else {
            assert!(r["status"] == "accepted" || r["status"] == "skipped", "{r}");
        }
    }
    let at_network = stations_by_mac(&net);
    assert_eq!(at_network.len(), 600, "every row has its station");
    assert!(at_network.values().all(|n| *n == 1), "none twice");
}

/// However many threads send (`EVFIELD_BATCH_THREADS`, and a value out of range falls back to
/// the default), every row is accepted once.
#[test]
fn one_sending_thread_or_several_accept_every_row_once() {
    let net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    for (n, threads) in ["1", "3", "0"].into_iter().enumerate() {
        let from = 7001 + 100 * n as u32;
        let file = d.path().join(format!("fleet-{threads}.csv"));
        csv(&file, from, from + 59, |_, _| {});
        let o = evfield(d.path())
            .env("EVFIELD_BATCH_THREADS", threads)
            .args(["--json", "batch", "pinpoint"])
            .arg(&file)
            .args([
                "--network",
                &net.base_url(),
                "--user",
                "demo@installer.test",
            ])
            .args(["--jobs", "8", "--rate", "0"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let lines: Vec<Value> = String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let s = of_type(&lines, "summary")[0];
        assert_eq!(s["accepted"], 60, "threads {threads}");
        assert_eq!(s["replayed"], 0, "threads {threads}");
    }
    let at_network = stations_by_mac(&net);
    assert_eq!(at_network.len(), 180);
    assert!(at_network.values().all(|n| *n == 1));
}
