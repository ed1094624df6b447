//! The simulator's faults on the demo station in the middle of a session
//! (`EVFIELD_DEMO_SIM_FAULT=KIND[:MS][@PHASE]`): each gives a clear station error that names the
//! profile step, the command and the port; the session stays resumable, and a resume on a
//! healthy station completes with one connected station and nothing asked twice.

mod common;

use std::path::Path;

use serde_json::Value;

use common::{assert_nothing_answered_twice, evfield, journal_events, json, session_dirs, text};
use evfield::network::api::OcppState;
use evfield::sandbox::network;

/// Run the demo of `vendor` with the fault `spec`; it stops in `phase` with `code`, naming the
/// step and command; then a resume without the fault completes.
fn fault_then_resume(vendor: &str, spec: &str, phase: &str, code: &str, command: &str) {
    let d = tempfile::tempdir().unwrap();
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--demo", "--vendor", vendor])
        .env("EVFIELD_DEMO_SIM_FAULT", spec)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{spec}: {}", text(&o));
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], code, "{spec}: {err}");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(msg.contains("/dev/"), "{spec}: the port is named: {msg}");
    assert!(
        msg.contains(&format!("`{command}")),
        "{spec}: the command is named: {msg}"
    );
    assert!(
        msg.contains("step `") && msg.contains(&format!("vendor profile `{vendor}`")),
        "{spec}: the step is named: {msg}"
    );
    assert!(
        !err["error"]["help"].as_str().unwrap_or("").is_empty(),
        "{spec}: says what to do"
    );

    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    let events = journal_events(&journal);
    let failed = events.iter().rfind(|e| e["kind"] == "step_failed").unwrap();
    assert_eq!(failed["step"], phase, "{spec}");
    assert_eq!(failed["data"]["code"], code);
    let o = evfield(d.path())
        .args(["--json", "sessions"])
        .output()
        .unwrap();
    let list = json(&o);
    assert_eq!(list["sessions"][0]["state"], "failed", "{list}");
    assert_eq!(list["sessions"][0]["step"], phase, "{list}");

    // the fault is gone: the resume completes
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--resume"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{spec}: resume: {}", text(&o));
    assert_eq!(json(&o)["state"], "done");
    assert_one_connected(&session_dirs(d.path())[0].join("demo/network.json"));
    let events = journal_events(&journal);
    assert_nothing_answered_twice(&events);
    assert!(
        evfield::session::journal::verify(&journal)
            .unwrap()
            .fault
            .is_none()
    );
}

fn assert_one_connected(state_path: &Path) {
    let state = network::load_state(state_path).unwrap();
    assert_eq!(state.stations.len(), 1);
    let id = &state.stations[0].station_id;
    assert_eq!(state.status(id).unwrap().ocpp, OcppState::Connected);
}

#[test]
fn a_silent_station_while_commissioning() {
    fault_then_resume(
        "evfield-sim",
        "silent@commission",
        "commission",
        "E_STATION_TIMEOUT",
        "OCPP SET",
    );
}

#[test]
fn garbage_while_identifying() {
    fault_then_resume(
        "evfield-sim",
        "garbage@precheck",
        "precheck",
        "E_STATION_GARBLED",
        "ID",
    );
}

#[test]
fn slow_replies_while_verifying() {
    // replies 2.5 s late against the profile's 2 s
    fault_then_resume(
        "evfield-sim",
        "slow:2500@verify",
        "verify",
        "E_STATION_TIMEOUT",
        "ERRORS",
    );
}

#[test]
fn unplugged_while_reading_the_new_sim() {
    fault_then_resume(
        "evfield-sim",
        "unplug@sim",
        "sim",
        "E_STATION_UNPLUGGED",
        "SIM",
    );
}

#[test]
fn bad_checksums_on_the_openevse_station() {
    fault_then_resume(
        "openevse",
        "bad-checksum@precheck",
        "precheck",
        "E_STATION_CHECKSUM",
        "$GV",
    );
}

/// A station that echoes what it is sent is no fault for the runner: the demo completes.
#[test]
fn an_echoing_station_still_completes() {
    let d = tempfile::tempdir().unwrap();
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--demo"])
        .env("EVFIELD_DEMO_SIM_FAULT", "echo")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let report = json(&o);
    assert_eq!(report["state"], "done");
    let events = journal_events(Path::new(report["journal"].as_str().unwrap()));
    // the echo is in the journal's traffic: the fault was really on
    assert!(
        events.iter().any(|e| e["kind"] == "traffic"
            && e["data"]["dir"] == "received"
            && e["data"]["text"].as_str().unwrap().starts_with("ID\\r\\n")),
        "no echo was received"
    );
}

#[test]
fn a_mistyped_fault_is_refused_before_a_session_starts() {
    for spec in ["bogus", "silent@nowhere", "echo:5", "slow:fast"] {
        let d = tempfile::tempdir().unwrap();
        let o = evfield(d.path())
            .args(["--json", "renetwork", "--demo"])
            .env("EVFIELD_DEMO_SIM_FAULT", spec)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{spec}: {}", text(&o));
        let err: Value = serde_json::from_slice(&o.stderr).unwrap();
        assert_eq!(err["error"]["code"], "E_DEMO_FAULT");
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap()
                .contains("EVFIELD_DEMO_SIM_FAULT"),
            "{err}"
        );
        assert!(
            !d.path().join("sessions").exists(),
            "{spec}: a session was started"
        );
    }
}
