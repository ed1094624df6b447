//! The guided session through the new transports: `renetwork --demo --vendor ID` runs the whole
//! flow against the simulator playing that vendor (Modbus RTU on a pseudo-terminal, HTTP on
//! 127.0.0.1), through the same profile steps an installer's station would take, and a killed
//! demo resumes against the same kind of station.

use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

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
        "EVFIELD_VENDOR",
        "EVFIELD_STATION_ADDRESS",
        "EVFIELD_PASSWORD",
        "EVFIELD_ANSWERS",
        "EVFIELD_JSON",
    ] {
        c.env_remove(v);
    }
    c
}

fn demo(data: &Path, vendor: &str) -> (i32, Value, String) {
    let out = evfield(data)
        .args(["renetwork", "--demo", "--json", "--vendor", vendor])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        v,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn events(report: &Value) -> Vec<Value> {
    std::fs::read_to_string(report["journal"].as_str().unwrap())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn traffic(events: &[Value]) -> String {
    events
        .iter()
        .filter(|e| e["kind"] == "traffic")
        .map(|e| e["data"]["text"].as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn go_e_demo_commissions_over_http_and_connects() {
    let d = tempfile::tempdir().unwrap();
    let (code, report, stderr) = demo(d.path(), "go-e");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["state"], "done", "{report}");
    assert_eq!(report["station"]["serial"], "204567", "{report}");
    let ev = events(&report);
    let t = traffic(&ev);
    assert!(t.contains("GET /api/status?filter=sse"), "{t}");
    assert!(t.contains("GET /api/set?"), "{t}");
    // The station is reached by its address, journaled as the session's answer.
    assert!(
        ev.iter().any(|e| e["kind"] == "answer"
            && e["data"]["key"] == "station.address"
            && e["data"]["value"]
                .as_str()
                .is_some_and(|v| v.starts_with("127.0.0.1:"))),
        "no station.address answer"
    );
    // Scripted commissioning with read-back; no guided step, no SIM phase.
    assert!(
        !ev.iter().any(|e| e["data"]["key"] == "commission.guided"),
        "go-e's OCPP settings are written over HTTP, not by hand"
    );
}

#[test]
fn abb_demo_reads_over_modbus_rtu_and_guides_the_app() {
    let d = tempfile::tempdir().unwrap();
    let (code, report, stderr) = demo(d.path(), "abb-terra-ac");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["state"], "done", "{report}");
    assert_eq!(report["station"]["serial"], "TACW22-3-0723-T0045");
    let ev = events(&report);
    // RTU frames: unit 1, function 03, register 0x4000 (escaped bytes in the journal).
    let t = traffic(&ev);
    assert!(t.contains("\\x01\\x03@\\x00\\x00\\x06"), "{t}");
    let guided = ev
        .iter()
        .find(|e| e["data"]["key"] == "commission.guided")
        .expect("the TerraConfig step is guided");
    assert!(
        guided["data"]["value"]["title"]
            .as_str()
            .unwrap()
            .contains("TerraConfig")
    );
}

#[test]
fn a_vendor_the_simulator_does_not_play_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, stderr) = demo(d.path(), "wallbox");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("does not play vendor `wallbox`"),
        "{stderr}"
    );
    assert!(stderr.contains("go-e"), "{stderr}");
}

#[test]
fn the_refused_vendor_leaves_no_session() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, _) = demo(d.path(), "openevse-wifi");
    assert_eq!(code, 2);
    assert!(
        !d.path().join("sessions").exists()
            || std::fs::read_dir(d.path().join("sessions"))
                .unwrap()
                .count()
                == 0
    );
}

#[test]
fn a_broken_off_go_e_demo_resumes_on_the_restarted_station() {
    let d = tempfile::tempdir().unwrap();
    let out = evfield(d.path())
        .args(["--json", "renetwork", "--demo", "--vendor", "go-e"])
        .env("EVFIELD_FAILPOINT", "torn-write:40")
        .output()
        .unwrap();
    assert!(!out.status.success());
    // No --vendor on resume: the demo plays the vendor it started with.
    let out = evfield(d.path())
        .args(["--json", "renetwork", "--resume"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["state"], "done");
    assert_eq!(report["station"]["manufacturer"], "go-e", "{report}");
    let ev = events(&report);
    let addresses: Vec<&str> = ev
        .iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == "station.address")
        .filter_map(|e| e["data"]["value"].as_str())
        .collect();
    assert!(!addresses.is_empty());
}
