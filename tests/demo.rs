//! The walking skeleton end to end: the demo, kills and resumes, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

use evfield::sandbox::{demo, network};

mod common;
use common::{assert_nothing_answered_twice, journal_events, session_dirs};

fn evfield(data: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null())
        .env_remove("EVFIELD_FAILPOINT")
        .env("NO_COLOR", "1");
    for v in [
        "EVFIELD_NETWORK",
        "EVFIELD_USER",
        "EVFIELD_PORT",
        "EVFIELD_PASSWORD",
        "EVFIELD_ANSWERS",
        "EVFIELD_JSON",
    ] {
        c.env_remove(v);
    }
    c
}

fn run_json(cmd: &mut Command) -> (i32, Value, String) {
    let out = cmd.arg("--json").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let v = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), v, stderr)
}

/// The sandbox's state after a demo: exactly one station, the simulated one, connected.
fn assert_one_connected_station(state_path: &Path) {
    let state = network::load_state(state_path).unwrap();
    assert_eq!(
        state.stations.len(),
        1,
        "stations at the sandbox: {:?}",
        state.stations
    );
    let st = &state.stations[0];
    assert_eq!(st.serial, demo::SERIAL);
    assert_eq!(st.mac, demo::MAC);
    assert_eq!(st.address_id, demo::ADDRESS_ID);
    assert!((st.gps_lat - demo::GPS_LAT).abs() < 1e-9 && (st.gps_lon - demo::GPS_LON).abs() < 1e-9);
    assert_eq!(st.details.car_park.as_deref(), Some(demo::CAR_PARK));
    assert_eq!(
        state.status(&st.station_id).map(|s| s.ocpp).ok(),
        Some(evfield::network::api::OcppState::Connected)
    );
}

#[test]
fn demo_runs_all_eight_phases_and_the_sandbox_holds_one_connected_station() {
    let d = tempfile::tempdir().unwrap();
    let (code, report, stderr) = run_json(evfield(d.path()).args(["renetwork", "--demo"]));
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(report["state"], "done");
    assert_eq!(report["station"]["serial"], demo::SERIAL);
    assert_eq!(report["network"]["ocpp_status"], "connected");
    assert!(
        report["asked"].as_array().unwrap().is_empty(),
        "nothing may be asked without a terminal"
    );
    let sandbox = PathBuf::from(report["sandbox_state"].as_str().unwrap());
    assert_one_connected_station(&sandbox);

    let journal = PathBuf::from(report["journal"].as_str().unwrap());
    let events = journal_events(&journal);
    for phase in [
        "account",
        "precheck",
        "before",
        "sim",
        "commission",
        "labels",
        "pinpoint",
        "verify",
    ] {
        assert!(
            events
                .iter()
                .any(|e| e["kind"] == "step_done" && e["step"] == phase),
            "phase {phase} not done in the journal"
        );
    }
    assert!(
        events.iter().any(|e| e["kind"] == "traffic"),
        "service-port bytes are journaled"
    );
    assert!(
        events.iter().any(|e| e["kind"] == "api_call"),
        "API calls are journaled"
    );
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(
        !text.contains(demo::INSTALLER_PASSWORD),
        "the installer password reached the journal"
    );
    let token = text.contains("\"token\"");
    assert!(!token, "a token reached the journal");
    assert!(
        evfield::session::journal::verify(&journal)
            .unwrap()
            .fault
            .is_none()
    );

    let (code, list, _) = run_json(evfield(d.path()).args(["sessions", "--all"]));
    assert_eq!(code, 0);
    assert_eq!(list["sessions"][0]["state"], "done");
}

/// Run the demo paused after journal event `seq`, SIGKILL it there, resume, and check the result.
fn kill_at_and_resume(seq: u64) {
    let d = tempfile::tempdir().unwrap();
    let (mut child, journal) = common::paused_demo(d.path(), seq);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let before = journal_events(&journal).len();
    assert_eq!(
        before as u64,
        seq + 1,
        "the process wrote past its pause point"
    );

    let (code, list, _) = run_json(evfield(d.path()).args(["sessions"]));
    assert_eq!(code, 0);
    assert_eq!(list["sessions"][0]["state"], "in_progress", "{list}");

    let (code, report, stderr) = run_json(evfield(d.path()).args(["renetwork", "--resume"]));
    assert_eq!(
        code, 0,
        "resume after a kill at event {seq} failed: {stderr}"
    );
    assert_eq!(report["state"], "done");
    assert_one_connected_station(&session_dirs(d.path())[0].join("demo/network.json"));
    let events = journal_events(&journal);
    assert_nothing_answered_twice(&events);
    assert_eq!(
        events
            .iter()
            .filter(|e| e["kind"] == "session_resumed")
            .count(),
        1
    );
    assert!(
        evfield::session::journal::verify(&journal)
            .unwrap()
            .fault
            .is_none()
    );
}

/// The sequence numbers of a reference run where killing matters most.
fn reference_points() -> Vec<u64> {
    let d = tempfile::tempdir().unwrap();
    let (code, report, stderr) = run_json(evfield(d.path()).args(["renetwork", "--demo"]));
    assert_eq!(code, 0, "{stderr}");
    let events = journal_events(Path::new(report["journal"].as_str().unwrap()));
    let seq_of = |pred: &dyn Fn(&Value) -> bool| {
        events
            .iter()
            .find(|e| pred(e))
            .map(|e| e["seq"].as_u64().unwrap())
            .unwrap()
    };
    let submit_started =
        seq_of(&|e| e["kind"] == "action_started" && e["data"]["action"] == "pinpoint.submit");
    let swapped = seq_of(&|e| e["kind"] == "answer" && e["data"]["key"] == "sim.swapped");
    let commissioned =
        seq_of(&|e| e["kind"] == "fact" && e["data"]["key"] == "commission.charge_box_id");
    // the submission was sent but its result not yet journaled: the api_call event right after
    vec![swapped, commissioned, submit_started, submit_started + 1]
}

#[test]
fn sigkill_in_the_middle_then_resume_completes_with_exactly_one_station() {
    for seq in reference_points() {
        kill_at_and_resume(seq);
    }
}

#[test]
fn a_torn_last_line_is_repaired_on_resume() {
    let d = tempfile::tempdir().unwrap();
    let out = evfield(d.path())
        .args(["--json", "renetwork", "--demo"])
        .env("EVFIELD_FAILPOINT", "torn-write:30")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    let v = evfield::session::journal::verify(&journal).unwrap();
    assert!(
        v.fault.unwrap().truncated,
        "the last line should be cut short"
    );
    let (code, report, stderr) = run_json(evfield(d.path()).args(["renetwork", "--resume"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["state"], "done");
    let events = journal_events(&journal);
    let resumed = events
        .iter()
        .find(|e| e["kind"] == "session_resumed")
        .unwrap();
    assert!(resumed["data"]["repaired_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn without_a_terminal_a_missing_value_names_its_flag_and_key() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_json(evfield(d.path()).args(["renetwork", "--non-interactive"]));
    assert_eq!(code, 2, "{stderr}");
    let e: Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(e["error"]["code"], "E_MISSING_VALUE");
    let help = e["error"]["help"].as_str().unwrap();
    assert!(
        help.contains("--network") && help.contains("[network]"),
        "{help}"
    );
}

#[test]
fn a_bad_answers_file_is_refused_with_file_line_and_key() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("site.toml");
    std::fs::write(&f, "[safety]\npower_isolated = true\nvoltage = \"low\"\n").unwrap();
    let out = evfield(d.path())
        .args(["renetwork", "--demo", "--answers"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("site.toml:3:") && err.contains("safety.voltage") && err.contains("number"),
        "{err}"
    );

    std::fs::write(&f, "[pinpoint]\ngps = \"59.9,10.7\"\nadress_id = \"a\"\n").unwrap();
    let out = evfield(d.path())
        .args(["renetwork", "--demo", "--answers"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("site.toml:3:") && err.contains("adress_id"),
        "{err}"
    );
    assert!(
        !d.path().join("sessions").exists() || session_dirs(d.path()).is_empty(),
        "no session is started on bad input"
    );
}

#[test]
fn a_safety_answer_of_no_blocks_and_is_asked_again_on_resume() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, stderr) =
        run_json(evfield(d.path()).args(["renetwork", "--demo", "--set", "safety.voltage=230"]));
    assert_eq!(code, 7, "{stderr}");
    assert!(stderr.contains("E_CHECKLIST_BLOCKED"), "{stderr}");
    assert!(stderr.contains("230"), "the reading is named: {stderr}");
    let (code, list, _) = run_json(evfield(d.path()).args(["sessions"]));
    assert_eq!(code, 0);
    assert_eq!(list["sessions"][0]["state"], "failed");
    assert_eq!(list["sessions"][0]["step"], "before");
    // resumed with a good reading, the session completes
    let (code, report, stderr) =
        run_json(evfield(d.path()).args(["renetwork", "--resume", "--set", "safety.voltage=0.1"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["state"], "done");
}

/// The SIM phase never starts behind a closed safety gate, with no terminal: a refused
/// isolation stops the flow in phase 3, a lockout "skipped" is refused (a safety item cannot be
/// skipped), and nothing of phase 4 is asked.
/// A gate checklist added after phase 3 was done (a site's own, from the config dir) runs
/// before the SIM phase starts, and blocks it until it passes.
#[test]
fn the_safety_gate_blocks_the_sim_phase_when_scripted() {
    for (set, code_wanted, error) in [
        ("safety.power_isolated=no", 7, "E_CHECKLIST_BLOCKED"),
        ("safety.lockout_tagout=skip", 3, "E_BAD_VALUE"),
    ] {
        let d = tempfile::tempdir().unwrap();
        let (code, _, stderr) =
            run_json(evfield(d.path()).args(["renetwork", "--demo", "--set", set]));
        assert_eq!(code, code_wanted, "{set}: {stderr}");
        assert!(stderr.contains(error), "{stderr}");
        if code_wanted == 3 {
            // a refused given value stops the run before a session exists: nothing stranded
            assert!(
                !d.path().join("sessions").exists() || session_dirs(d.path()).is_empty(),
                "{set}: a refused value left a session"
            );
            continue;
        }
        let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
        assert!(
            !events.iter().any(|e| e["step"] == "sim"),
            "{set}: the SIM phase started behind the gate"
        );
        let item = events
            .iter()
            .rfind(|e| e["kind"] == "checklist_item")
            .unwrap();
        let key = set.split('=').next().unwrap();
        assert_eq!(item["data"]["key"], key);
        assert_ne!(item["data"]["status"], "pass");
    }

    // phases 1-3 done, stopped in the SIM phase
    let d = tempfile::tempdir().unwrap();
    let (code, _, stderr) =
        run_json(evfield(d.path()).args(["renetwork", "--demo", "--set", "sim.swapped=no"]));
    assert_eq!(code, 7, "{stderr}");
    let local = d.path().join("checklists");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::write(
        local.join("site.toml"),
        "id = \"site_gate\"\nversion = \"1\"\nphase = \"before\"\ngates = \"sim\"\n[title]\nen = \"Site permit\"\n[[item]]\nid = \"permit\"\nevidence = \"confirmation\"\n[item.text]\nen = \"The site's work permit is signed\"\n[item.help]\nen = \"get the permit signed by the facility manager\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run_json(
        evfield(d.path())
            .env("EVFIELD_CHECKLIST_DIR", &local)
            .args(["renetwork", "--resume", "--set", "site_gate.permit=no"]),
    );
    assert_eq!(code, 7, "{stderr}");
    assert!(
        stderr.contains("E_CHECKLIST_BLOCKED") && stderr.contains("permit"),
        "{stderr}"
    );
    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    let events = journal_events(&journal);
    let resumed = events
        .iter()
        .position(|e| e["kind"] == "session_resumed")
        .unwrap();
    assert!(
        !events[resumed..].iter().any(
            |e| e["kind"] == "answer" && e["data"]["key"].as_str().unwrap().starts_with("sim.")
        ),
        "the SIM phase asked behind the site's gate"
    );
    let (code, report, stderr) = run_json(
        evfield(d.path())
            .env("EVFIELD_CHECKLIST_DIR", &local)
            .args(["renetwork", "--resume", "--set", "site_gate.permit=yes"]),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["state"], "done");
}

/// Each checklist item's answer and evidence is in the journal; "not applicable" needs a reason.
#[test]
fn checklist_results_and_evidence_are_journaled() {
    let d = tempfile::tempdir().unwrap();
    let (code, report, stderr) = run_json(evfield(d.path()).args([
        "renetwork",
        "--demo",
        "--set",
        "verify.logo_visible=n/a: this model has no screen",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let events = journal_events(Path::new(report["journal"].as_str().unwrap()));
    let item = |key: &str| {
        events
            .iter()
            .rfind(|e| e["kind"] == "checklist_item" && e["data"]["key"] == key)
            .unwrap_or_else(|| panic!("no checklist_item for {key}"))["data"]
            .clone()
    };
    let v = item("safety.voltage");
    assert_eq!(v["status"], "pass");
    assert_eq!(v["evidence"]["value"], 0.2);
    assert_eq!(v["evidence"]["unit"], "V");
    let logo = item("verify.logo_visible");
    assert_eq!(logo["status"], "not_applicable");
    assert_eq!(logo["reason"], "this model has no screen");
    let errors = item("verify.no_display_errors");
    assert_eq!(errors["status"], "pass");
    assert_eq!(errors["evidence"]["reading"], "station.errors");
    let connected = item("verify.network_connected");
    assert_eq!(connected["evidence"]["value"], "connected");
    let photo = item("labels.photo");
    assert!(
        photo["evidence"]["file"]
            .as_str()
            .unwrap()
            .starts_with("photos/")
    );
    for id in [
        "precheck",
        "before",
        "evfield_simcharger",
        "safety",
        "labels",
        "verify",
    ] {
        assert!(
            events.iter().any(|e| e["kind"] == "action_done"
                && e["data"]["action"] == format!("checklist.{id}")
                && e["data"]["result"]["passed"] == true),
            "checklist {id} not passed in the journal"
        );
    }
    assert!(
        !events.iter().any(|e| e["data"]["checklist"] == "wallbox"),
        "a vendor's additions ran for another vendor's station"
    );
    // the sticker files are stored with the session
    let dir = session_dirs(d.path())[0].join("sticker");
    for f in ["sticker.svg", "sticker.png", "sticker.pdf", "sticker.zpl"] {
        assert!(dir.join(f).is_file(), "{f}");
    }

    let d = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_json(evfield(d.path()).args([
        "renetwork",
        "--demo",
        "--set",
        "verify.logo_visible=n/a",
    ]));
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("reason"), "{stderr}");
    let (code, _, stderr) = run_json(evfield(d.path()).args([
        "renetwork",
        "--demo",
        "--set",
        "safety.voltage=n/a: no meter",
    ]));
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("not accepted"), "{stderr}");
}
