//! Records that hold (issue 13 items 1–3, issue 12 item 8): one writer per session, concurrent
//! syncs, exports of a running session, bundles where any change fails, secrets masked in every
//! line and encoding. Every test drives the real binary; waits are on events, never sleeps.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Stdio};

use common::{evfield, text, wait_for_lines};
use serde_json::Value;

use evfield::network::outbox::EntryState;
use evfield::sandbox::network::{self as sandbox, SandboxConfig};

fn session_id(journal: &Path) -> String {
    journal
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn stop(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

fn log_verify(data: &Path, target: &Path) -> (i32, Value, String) {
    let o = evfield(data)
        .args(["--json", "log", "verify"])
        .arg(target)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        serde_json::from_slice(&o.stdout).unwrap_or(Value::Null),
        text(&o),
    )
}

/// `evfield export JOURNAL -o DATA/NAME.tar.gz`, which must succeed, then `log verify` of the
/// bundle, which must say valid; its report.
fn export_and_verify(data: &Path, journal: &Path, name: &str) -> Value {
    let out = data.join(format!("{name}.tar.gz"));
    let o = evfield(data)
        .args(["--json", "export"])
        .arg(journal)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "export {name}: {}", text(&o));
    let (code, v, t) = log_verify(data, &out);
    assert_eq!(code, 0, "export {name} does not verify: {t}");
    v
}

#[test]
fn a_second_writer_of_a_session_is_refused_with_the_holder_named() {
    let d = tempfile::tempdir().unwrap();
    let (first, journal) = common::paused_demo(d.path(), 20);
    stop(first);
    let id = session_id(&journal);
    let lines = journal_lines(&journal);

    // the first resume holds the session (paused right after its session_resumed event)
    let mut a = evfield(d.path())
        .args(["--json", "renetwork", "--resume", &id])
        .env("EVFIELD_FAILPOINT", format!("pause-after:{}", lines + 2))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_lines(d.path(), lines + 3, &mut a);

    // the second, at the same time: refused, naming the session and the holder
    let o = evfield(d.path())
        .args(["renetwork", "--resume", &id])
        .output()
        .unwrap();
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("E_SESSION_LOCKED"), "{t}");
    assert!(t.contains(&id), "the session is named: {t}");
    assert!(t.contains(&a.id().to_string()), "the holder's pid: {t}");
    assert!(t.contains("renetwork"), "what the holder does: {t}");
    assert!(t.contains(" since 20"), "since when: {t}");
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--resume", &id])
        .output()
        .unwrap();
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_SESSION_LOCKED", "{err}");
    assert_eq!(
        journal_lines(&journal),
        lines + 3,
        "the refused one wrote nothing"
    );
    assert!(common::journal_verifies(&journal));

    // once the holder is gone, the session resumes and finishes, its journal sound
    stop(a);
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--resume", &id])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(common::journal_verifies(&journal));
}

fn journal_lines(journal: &Path) -> usize {
    std::fs::read(journal)
        .unwrap()
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
}

#[test]
fn concurrent_syncs_leave_every_accepted_entry_done() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = common::logged_in(&net);
    let n = 16u32;
    let ob = common::fill_outbox(d.path(), &net.base_url(), n, "LOCK");
    let syncs: Vec<Child> = (0..3)
        .map(|_| {
            evfield(d.path())
                .args(["--json", "sync"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in syncs {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", text(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        for e in v["entries"].as_array().unwrap() {
            assert_eq!(e["state"], "done", "{e}");
        }
    }
    let state = net.snapshot();
    assert_eq!(state.stations.len(), n as usize, "one station per entry");
    for e in ob.list().unwrap() {
        assert_eq!(
            e.state,
            EntryState::Done,
            "{} was left {:?}",
            e.key,
            e.state
        );
        assert!(e.station_id.is_some());
        // sent by one sync only: the others waited for it and found it done
        assert_eq!(e.replayed, Some(false), "{} was submitted twice", e.key);
    }
}

#[test]
fn an_export_of_a_running_session_takes_a_snapshot_that_verifies() {
    let d = tempfile::tempdir().unwrap();
    let (child, journal) = common::paused_demo(d.path(), 40);
    // a line being written at this very moment (the writer holds the lock)
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    f.write_all(b"{\"v\":2,\"seq\":41,\"time\":\"2026-")
        .unwrap();
    drop(f);
    let v = export_and_verify(d.path(), &journal, "live");
    assert_eq!(v["events"], 41, "{v}");
    stop(child);
}

#[test]
fn exports_taken_while_a_session_runs_all_verify() {
    let d = tempfile::tempdir().unwrap();
    let mut child = evfield(d.path())
        .args(["--json", "renetwork", "--demo"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal = wait_for_lines(d.path(), 2, &mut child);
    let mut taken = 0;
    let mut i = 0;
    while child.try_wait().unwrap().is_none() || taken < 3 {
        i += 1;
        export_and_verify(d.path(), &journal, &format!("b{i}"));
        taken += 1;
    }
    assert!(child.wait().unwrap().success());
}
