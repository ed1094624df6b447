//! Guided vendors end to end: `evfield renetwork --demo --vendor wallbox|openevse` commissions
//! through the guided step (the demo rig plays the installer's hands in the app), and phase 8
//! proves it: the network sees the station connected. A Wallbox without OCPP stops in phase 2;
//! a guided demo killed mid-commission resumes without asking again.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;

use common::{
    assert_nothing_answered_twice, evfield, journal_events, json, session_dirs, text,
    wait_for_lines,
};
use evfield::network::api::OcppState;
use evfield::sandbox::demo_vendors::{self, OPENEVSE_SERIAL, WALLBOX_MODEL, WALLBOX_SERIAL};
use evfield::sandbox::{demo, network};

/// The sandbox holds exactly one station, this one, connected with the identity the session showed.
fn assert_one_connected(state_path: &Path, serial: &str, model: &str) {
    let state = network::load_state(state_path).unwrap();
    assert_eq!(state.stations.len(), 1, "{:?}", state.stations);
    let st = &state.stations[0];
    assert_eq!((st.serial.as_str(), st.mac.as_str()), (serial, demo::MAC));
    assert_eq!(st.model, model);
    let status = state.status(&st.station_id).unwrap();
    assert_eq!(status.ocpp, OcppState::Connected, "{status:?}");
    let boot = status.boot.expect("the station sent a BootNotification");
    assert_eq!(boot.serial.as_deref(), Some(serial));
}

fn demo_run(data: &Path, vendor: &str, extra: &[&str]) -> std::process::Output {
    evfield(data)
        .args(["--json", "renetwork", "--demo", "--vendor", vendor])
        .args(extra)
        .output()
        .unwrap()
}

fn guided_fact(events: &[Value]) -> &Value {
    &events
        .iter()
        .find(|e| e["kind"] == "fact" && e["data"]["key"] == "commission.guided")
        .expect("the guided step is journaled")["data"]["value"]
}

#[test]
fn a_guided_demo_per_vendor_ends_done_with_one_connected_station() {
    for (vendor, serial, model, port) in [
        ("wallbox", WALLBOX_SERIAL, WALLBOX_MODEL, false),
        ("openevse", OPENEVSE_SERIAL, "OpenEVSE", true),
    ] {
        let d = tempfile::tempdir().unwrap();
        let o = demo_run(d.path(), vendor, &[]);
        assert!(o.status.success(), "{vendor}: {}", text(&o));
        let report = json(&o);
        assert_eq!(report["state"], "done", "{vendor}");
        assert_eq!(report["network"]["ocpp_status"], "connected", "{vendor}");
        assert_eq!(report["station"]["serial"], serial, "{vendor}");
        assert!(report["asked"].as_array().unwrap().is_empty());
        assert_one_connected(
            Path::new(report["sandbox_state"].as_str().unwrap()),
            serial,
            model,
        );

        let events = journal_events(Path::new(report["journal"].as_str().unwrap()));
        let done = events
            .iter()
            .find(|e| e["kind"] == "step_done" && e["step"] == "commission")
            .unwrap();
        assert_eq!(done["data"]["summary"]["how"], "guided", "{vendor}");
        // the exact values the installer was shown are the ones the station connected with
        let shown = guided_fact(&events)["instructions"].to_string();
        let cbid = report["network"]["charge_box_id"].as_str().unwrap();
        let url = report["network"]["ocpp_url"].as_str().unwrap();
        assert!(shown.contains(cbid) && shown.contains(url), "{shown}");
        assert_eq!(
            events.iter().any(|e| e["kind"] == "traffic"),
            port,
            "{vendor}: service-port traffic only where the station has a port"
        );
        let answer = |key: &str| {
            events
                .iter()
                .find(|e| e["kind"] == "answer" && e["data"]["key"] == key)
                .map(|e| e["data"]["value"].as_str().unwrap().to_string())
        };
        assert_eq!(
            answer("station.mac").as_deref(),
            Some(demo::MAC),
            "{vendor}"
        );
        assert_eq!(answer("commission.guided_done").as_deref(), Some("yes"));
    }
}

/// Phase 8 is the proof of a guided step: values entered in the app that do not reach the
/// network (here a central-system URL on a port nobody listens on) leave the station unseen, and
/// the session says so instead of finishing.
#[test]
fn phase_8_catches_a_guided_step_that_does_not_reach_the_network() {
    let d = tempfile::tempdir().unwrap();
    let o = demo_run(
        d.path(),
        "wallbox",
        &[
            "--ocpp-url",
            "ws://127.0.0.1:9/ocpp",
            "--connect-timeout",
            "1",
        ],
    );
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_NOT_CONNECTED", "{err}");
    let state = network::load_state(&session_dirs(d.path())[0].join("demo/network.json")).unwrap();
    let st = &state.stations[0];
    assert_ne!(
        state.status(&st.station_id).unwrap().ocpp,
        OcppState::Connected
    );
    let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
    assert!(
        events
            .iter()
            .any(|e| e["kind"] == "step_failed" && e["step"] == "verify"),
        "phase 8 failed"
    );
}

#[test]
fn a_wallbox_without_ocpp_is_refused_in_phase_2_with_the_seed_reason() {
    let d = tempfile::tempdir().unwrap();
    // version 5: not one of the Pulsar Plus's OCPP versions
    let o = demo_run(
        d.path(),
        "wallbox",
        &["--set", "station.article=PLP1-0-2-4-5"],
    );
    assert_eq!(o.status.code(), Some(7), "{}", text(&o));
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_NO_OCPP");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("OCPP finns endast i") && msg.contains("`5`"),
        "{msg}"
    );
    let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
    let failed = events.iter().find(|e| e["kind"] == "step_failed").unwrap();
    assert_eq!(failed["step"], "precheck");
    assert!(
        !events.iter().any(|e| e["step"] == "before"),
        "nothing after phase 2 ran"
    );
    let state = network::load_state(&session_dirs(d.path())[0].join("demo/network.json")).unwrap();
    assert!(state.stations.is_empty());
}

/// The seq of the first event that matches in a reference run of `vendor`.
fn reference_seq(vendor: &str, pred: &dyn Fn(&Value) -> bool) -> u64 {
    let d = tempfile::tempdir().unwrap();
    let o = demo_run(d.path(), vendor, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let events = journal_events(Path::new(json(&o)["journal"].as_str().unwrap()));
    events.iter().find(|e| pred(e)).unwrap()["seq"]
        .as_u64()
        .unwrap()
}

/// Kill the demo with SIGKILL once journal event `seq` is written; resume; it completes.
fn kill_and_resume(vendor: &str, seq: u64, serial: &str, model: &str) {
    let d = tempfile::tempdir().unwrap();
    let mut child = evfield(d.path())
        .args(["--json", "renetwork", "--demo", "--vendor", vendor])
        .env("EVFIELD_FAILPOINT", format!("pause-after:{seq}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal: PathBuf = wait_for_lines(d.path(), seq as usize + 1, &mut child);
    child.kill().unwrap();
    child.wait().unwrap();

    // resumed without --vendor: the demo keeps its station
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--resume"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{vendor} killed at {seq}: {}", text(&o));
    assert_eq!(json(&o)["state"], "done");
    assert_one_connected(
        &session_dirs(d.path())[0].join("demo/network.json"),
        serial,
        model,
    );
    let events = journal_events(&journal);
    assert_nothing_answered_twice(&events);
    let guided: Vec<_> = events
        .iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == "commission.guided_done")
        .collect();
    assert_eq!(
        guided.len(),
        1,
        "{vendor}: the guided step was confirmed twice"
    );
}

#[test]
fn a_guided_demo_killed_mid_commission_resumes_without_asking_again() {
    // killed right after the installer confirmed the app step, before the station applied it
    let confirmed = reference_seq("wallbox", &|e| {
        e["kind"] == "answer" && e["data"]["key"] == "commission.guided_done"
    });
    kill_and_resume("wallbox", confirmed, WALLBOX_SERIAL, WALLBOX_MODEL);
    // killed while the instructions were on screen, before the confirmation
    let shown = reference_seq("openevse", &|e| {
        e["kind"] == "fact" && e["data"]["key"] == "commission.guided"
    });
    kill_and_resume("openevse", shown, OPENEVSE_SERIAL, "OpenEVSE");
}

#[test]
fn the_demo_plays_only_the_vendors_it_has() {
    let d = tempfile::tempdir().unwrap();
    let o = demo_run(d.path(), "acme", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_DEMO_VENDOR");
    let help = err["error"]["help"].as_str().unwrap();
    for v in demo_vendors::VENDORS {
        assert!(help.contains(v), "{help}");
    }
}
