//! Any answer can be corrected, no station is stranded (issue 12, "What must be true" 2).
//!
//! Each of the five ways a session used to strand a station is finished in the same session:
//! interactively (a pseudo-terminal: the failing step names the answer, asks it again, and the
//! session goes on) and without a terminal (`--resume` with a flag, `--set` or an answers file
//! that corrects the journaled answer). The wrong value may be refused when it is given or when
//! the step that uses it fails: both hold here, the session ends done either way.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;

use evfield::sandbox::{demo, demo_vendors};

mod common;
use common::{evfield, journal_events, journal_verifies, session_dirs, text};

/// Right and wrong values. The wrong ones are well-formed where the path allows it.
const RIGHT_ICCID: &str = demo::NEW_ICCID;
/// A valid ICCID (Luhn check digit right), but not the kit's.
const WRONG_ICCID: &str = "8947080000000000023";
const RIGHT_GPS: &str = "59.913868,10.752245";
const SWAPPED_GPS: &str = "10.752245,59.913868";
/// A valid 6-byte MAC the network holds no activation for.
const WRONG_MAC: &str = "02:EF:10:00:4D:02";
/// About 330 m north of the demo's address: more than the 150 m a pin may be off.
const FAR_PIN: &str = "59.916868,10.752245";

/// An answers file with every answer the demo needs (the built-in ones, the vendor's, the
/// safety gate), with `over` (`section.name` → value) laid on top.
fn answers_file(dir: &Path, vendor: &str, over: &[(&str, Value)]) -> PathBuf {
    let mut all: toml::Table = toml::from_str(demo::ANSWERS).unwrap();
    let vendor: toml::Table =
        toml::from_str(demo_vendors::station(vendor).unwrap().answers).unwrap_or_default();
    let mut set = |key: &str, v: toml::Value| {
        let (section, name) = key.split_once('.').unwrap();
        all.entry(section)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .unwrap()
            .insert(name.to_string(), v);
    };
    for (section, t) in vendor {
        for (name, v) in t.as_table().unwrap() {
            set(&format!("{section}.{name}"), v.clone());
        }
    }
    // the safety gate is answered here, whatever the demo proposes
    set("safety.power_isolated", toml::Value::Boolean(true));
    set("safety.lockout_tagout", toml::Value::Boolean(true));
    set("safety.voltage", toml::Value::Float(0.2));
    // optional, so asked at a terminal when not given
    set("pinpoint.pin", toml::Value::String(RIGHT_GPS.into()));
    for (k, v) in over {
        let v = match v {
            Value::String(s) => toml::Value::String(s.clone()),
            Value::Bool(b) => toml::Value::Boolean(*b),
            other => panic!("no TOML for {other}"),
        };
        set(k, v);
    }
    let path = dir.join("answers.toml");
    std::fs::write(&path, toml::to_string(&all).unwrap()).unwrap();
    path
}

/// The last value the journal gives `key` (answer or correction).
fn journaled(events: &[Value], key: &str) -> Option<String> {
    events
        .iter()
        .filter(|e| (e["kind"] == "answer" || e["kind"] == "correction") && e["data"]["key"] == key)
        .filter_map(|e| e["data"]["value"].as_str().map(str::to_string))
        .next_back()
}

/// The one session in `data` is done, its journal verifies, `key` ends with `right`, and a
/// wrong value that was journaled is superseded by a `correction` event (which `replay` shows).
fn assert_finished_with(data: &Path, key: &str, right: &str) {
    let dirs = session_dirs(data);
    assert_eq!(dirs.len(), 1, "one session, corrected in place: {dirs:?}");
    let journal = dirs[0].join("journal.jsonl");
    let events = journal_events(&journal);
    assert!(
        events.iter().any(|e| e["kind"] == "session_done"),
        "the session is not done"
    );
    assert!(journal_verifies(&journal), "the journal does not verify");
    assert_eq!(journaled(&events, key).as_deref(), Some(right));
    let answers: Vec<&Value> = events
        .iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == key)
        .collect();
    if answers.first().and_then(|e| e["data"]["value"].as_str()) != Some(right) {
        let first = answers.first().expect("the wrong value was journaled");
        let c = events
            .iter()
            .find(|e| e["kind"] == "correction" && e["data"]["key"] == key)
            .expect("no correction event");
        assert_eq!(c["data"]["supersedes"], first["seq"], "{c}");
        assert_eq!(c["data"]["old_value"], first["data"]["value"], "{c}");
        let o = evfield(data)
            .args(["replay", "--kind", "correction"])
            .arg(&journal)
            .output()
            .unwrap();
        assert!(
            text(&o).contains(&format!("{key} corrected to {right}")),
            "{}",
            text(&o)
        );
    }
    let o = evfield(data)
        .args(["--json", "sessions", "--all"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list["sessions"][0]["state"], "done", "{list}");
}

/// Without a terminal: the first run fails naming `key`, the resume with `fix` finishes.
fn non_interactive(first: &[&str], fix: &[String], key: &str, right: &str) {
    let d = tempfile::tempdir().unwrap();
    let o = evfield(d.path())
        .env("EVFIELD_LANG", "en")
        .args(["renetwork", "--demo"])
        .args(first)
        .output()
        .unwrap();
    assert!(!o.status.success(), "the wrong value passed: {}", text(&o));
    let err = text(&o);
    assert!(err.contains(key), "the error does not name {key}: {err}");
    assert!(
        err.contains(&format!("--set {key}=")) || err.contains("--set"),
        "the error does not say how to give it: {err}"
    );
    let o = evfield(d.path())
        .env("EVFIELD_LANG", "en")
        .args(["renetwork", "--resume"])
        .args(fix)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the correction did not finish: {}",
        text(&o)
    );
    assert_finished_with(d.path(), key, right);
}

/// At a terminal: `renetwork --demo ARGS`; at each `(question, reply)` in turn the reply is
/// typed, then the session must finish.
fn interactive(data: &Path, args: &[&str], replies: &[(&str, String)]) {
    use expectrl::Expect;
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(data)
        .args(["renetwork", "--demo"])
        .args(args)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_FAILPOINT")
        .env_remove("EVFIELD_ANSWERS");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    for (question, reply) in replies {
        p.expect(*question)
            .unwrap_or_else(|e| panic!("no question `{question}`: {e}"));
        p.send(reply).unwrap();
    }
    p.expect("Re-networking complete")
        .unwrap_or_else(|e| panic!("the session did not finish: {e}"));
    p.expect(expectrl::Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").ends_with(", 0)"),
        "exit status {status:?}"
    );
}

fn s(v: &str) -> Value {
    Value::String(v.into())
}

// ----- a wrong kit ICCID (E_SIM_WRONG) -----

#[test]
fn a_wrong_kit_iccid_is_corrected_by_flag_on_resume() {
    non_interactive(
        &["--kit-iccid", WRONG_ICCID],
        &["--kit-iccid".into(), RIGHT_ICCID.into()],
        "sim.kit_iccid",
        RIGHT_ICCID,
    );
}

#[test]
fn a_wrong_kit_iccid_is_corrected_by_set_on_resume() {
    non_interactive(
        &["--set", &format!("sim.kit_iccid={WRONG_ICCID}")],
        &["--set".into(), format!("sim.kit_iccid={RIGHT_ICCID}")],
        "sim.kit_iccid",
        RIGHT_ICCID,
    );
}

#[test]
fn a_wrong_kit_iccid_is_asked_again_at_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    let answers = answers_file(
        d.path(),
        "evfield-sim",
        &[("sim.kit_iccid", s(WRONG_ICCID))],
    );
    interactive(
        d.path(),
        &["--answers", answers.to_str().unwrap()],
        &[("ICCID printed", format!("{RIGHT_ICCID}\r"))],
    );
    assert_finished_with(d.path(), "sim.kit_iccid", RIGHT_ICCID);
}

// ----- latitude and longitude swapped (E_NO_ADDRESS) -----

#[test]
fn swapped_coordinates_are_corrected_by_set_on_resume() {
    non_interactive(
        &["--gps", SWAPPED_GPS],
        &["--set".into(), format!("pinpoint.gps={RIGHT_GPS}")],
        "pinpoint.gps",
        RIGHT_GPS,
    );
}

#[test]
fn swapped_coordinates_are_asked_again_at_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    let answers = answers_file(d.path(), "evfield-sim", &[("pinpoint.gps", s(SWAPPED_GPS))]);
    interactive(
        d.path(),
        &["--answers", answers.to_str().unwrap()],
        &[("GPS position where you stand", format!("{RIGHT_GPS}\r"))],
    );
    assert_finished_with(d.path(), "pinpoint.gps", RIGHT_GPS);
}

// ----- a wrong MAC typed for a station whose port cannot tell it (E_ACTIVATION_UNKNOWN) -----

#[test]
fn a_wrong_mac_is_corrected_by_the_answers_file_on_resume() {
    let d = tempfile::tempdir().unwrap();
    let fixed = answers_file(d.path(), "openevse", &[("station.mac", s(demo::MAC))]);
    non_interactive(
        &[
            "--vendor",
            "openevse",
            "--set",
            &format!("station.mac={WRONG_MAC}"),
        ],
        &["--answers".into(), fixed.display().to_string()],
        "station.mac",
        demo::MAC,
    );
}

#[test]
fn a_wrong_mac_is_asked_again_at_the_terminal_with_the_password() {
    let d = tempfile::tempdir().unwrap();
    let answers = answers_file(d.path(), "openevse", &[("station.mac", s(WRONG_MAC))]);
    interactive(
        d.path(),
        &[
            "--vendor",
            "openevse",
            "--answers",
            answers.to_str().unwrap(),
        ],
        &[
            ("MAC address of the station", format!("{}\r", demo::MAC)),
            // Enter keeps the password: it was right
            ("Activation password", "\r".into()),
        ],
    );
    assert_finished_with(d.path(), "station.mac", demo::MAC);
    // the station at the network has the corrected MAC and the identity derived from it
    let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
    assert_eq!(
        journaled(&events, "commission.charge_box_id").as_deref(),
        Some("EVF-02EF10004D01")
    );
}

// ----- a network URL without a scheme (E_NET_BAD_URL) -----

/// Without a terminal a URL without a scheme is refused before a session exists (every given
/// value is checked first), so nothing is stranded: the run given the right URL (here the demo's
/// own) is the one session, and it finishes.
#[test]
fn a_network_url_without_scheme_is_refused_before_a_session_exists() {
    let d = tempfile::tempdir().unwrap();
    let o = evfield(d.path())
        .args(["renetwork", "--demo", "--network", "127.0.0.1:9"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("network.url"), "{}", text(&o));
    assert!(text(&o).contains("--network"), "{}", text(&o));
    assert!(
        !d.path().join("sessions").exists() || session_dirs(d.path()).is_empty(),
        "a refused run left a session"
    );
    let o = evfield(d.path())
        .args(["renetwork", "--demo"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(session_dirs(d.path()).len(), 1);
}

/// The demo network's address, kept by the demo rig of the one session in `data`.
fn demo_network_url(data: &Path) -> String {
    let rig = session_dirs(data)[0].join("demo/rig.json");
    let rig: Value = serde_json::from_slice(&std::fs::read(rig).unwrap()).unwrap();
    format!("http://127.0.0.1:{}", rig["port"])
}

#[test]
fn a_network_url_without_scheme_is_asked_again_at_the_terminal() {
    use expectrl::Expect;
    let d = tempfile::tempdir().unwrap();
    let answers = answers_file(d.path(), "evfield-sim", &[]);
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(d.path())
        .args([
            "renetwork",
            "--demo",
            "--network",
            "127.0.0.1:9",
            "--answers",
        ])
        .arg(&answers)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_FAILPOINT");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("Installer API address").unwrap();
    // the demo network is up by now; its address is in the rig's file
    let url = demo_network_url(d.path());
    p.send(format!("{url}\r")).unwrap();
    p.expect("Re-networking complete").unwrap();
    p.expect(expectrl::Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").ends_with(", 0)"),
        "exit status {status:?}"
    );
    assert_finished_with(d.path(), "network.url", &url);
}

// ----- a pin far from its address (the yes/no alone was asked again) -----

#[test]
fn a_far_pin_is_corrected_by_flag_on_resume() {
    non_interactive(
        &["--pin", FAR_PIN, "--set", "pinpoint.pin_far_confirmed=no"],
        &["--pin".into(), RIGHT_GPS.into()],
        "pinpoint.pin",
        RIGHT_GPS,
    );
}

#[test]
fn a_far_pin_is_asked_again_at_the_terminal_after_no() {
    let d = tempfile::tempdir().unwrap();
    let answers = answers_file(d.path(), "evfield-sim", &[("pinpoint.pin", s(FAR_PIN))]);
    interactive(
        d.path(),
        &["--answers", answers.to_str().unwrap()],
        &[
            ("The pin is", "n".into()),
            ("Pin on the parking space", format!("{RIGHT_GPS}\r")),
        ],
    );
    assert_finished_with(d.path(), "pinpoint.pin", RIGHT_GPS);
}
