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
use common::{evfield, journal_verifies, session_dirs, text};

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

/// Every event of a journal as evfield reads it back (secrets unsealed: docs/journal.md).
fn journal_events(path: &Path) -> Vec<Value> {
    let (events, _) = evfield::session::journal::read_all(path).unwrap();
    events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect()
}

/// The last answer or correction of `key` in the journal.
fn last_answer<'e>(events: &'e [Value], key: &str) -> Option<&'e Value> {
    events
        .iter()
        .rfind(|e| (e["kind"] == "answer" || e["kind"] == "correction") && e["data"]["key"] == key)
}

/// The last value the journal gives `key`.
fn journaled(events: &[Value], key: &str) -> Option<String> {
    last_answer(events, key).and_then(|e| e["data"]["value"].as_str().map(str::to_string))
}

/// The one session in `data` is done, its journal verifies, `key` ends with `right` given
/// `via` (a source: `prompt`, `flag`, `answers:`), and a wrong value that was journaled is
/// superseded by a `correction` event (which `replay` shows).
fn assert_finished_with(data: &Path, key: &str, right: &str, via: &str) {
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
    let source = last_answer(&events, key).unwrap()["data"]["source"].to_string();
    assert!(
        source.starts_with(&format!("\"{via}")),
        "{key} given by {source}"
    );
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

/// `renetwork --resume ARGS` finishes the one session in `data`, with `key` right (given `via`).
fn resume_finishes(data: &Path, args: &[String], key: &str, right: &str, via: &str) {
    let o = evfield(data)
        .env("EVFIELD_LANG", "en")
        .args(["renetwork", "--resume"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the resume did not finish: {}",
        text(&o)
    );
    assert_finished_with(data, key, right, via);
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
        err.contains(&format!("--set {key}=")),
        "the error does not say how to give it: {err}"
    );
    let via = if fix[0] == "--answers" {
        "answers:"
    } else {
        "flag"
    };
    resume_finishes(d.path(), fix, key, right, via);
}

/// A reply typed at a question, made when the question shows (from the data dir).
type Reply<'a> = &'a dyn Fn(&Path) -> String;

/// At a terminal: `renetwork --demo --vendor VENDOR ARGS --answers FILE` (the demo's answers with
/// `over` on top); at each `(question, reply)` in turn the reply is typed; the session must
/// finish. Returns the data dir.
fn at_terminal(
    vendor: &str,
    args: &[&str],
    over: &[(&str, Value)],
    replies: &[(&str, Reply)],
) -> tempfile::TempDir {
    at_terminal_until(vendor, args, over, replies, ("Re-networking complete", 0))
}

/// As [`at_terminal`], ending with `end`: the last text shown and the exit code.
fn at_terminal_until(
    vendor: &str,
    args: &[&str],
    over: &[(&str, Value)],
    replies: &[(&str, Reply)],
    end: (&str, i32),
) -> tempfile::TempDir {
    use expectrl::Expect;
    let d = tempfile::tempdir().unwrap();
    let answers = answers_file(d.path(), vendor, over);
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(d.path())
        .args(["renetwork", "--demo", "--vendor", vendor])
        .args(args)
        .arg("--answers")
        .arg(&answers)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_FAILPOINT")
        .env_remove("EVFIELD_ANSWERS");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    for (question, reply) in replies {
        p.expect(*question)
            .unwrap_or_else(|e| panic!("no question `{question}`: {e}"));
        p.send(reply(d.path())).unwrap();
    }
    p.expect(end.0)
        .unwrap_or_else(|e| panic!("the session did not end with `{}`: {e}", end.0));
    p.expect(expectrl::Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").ends_with(&format!(", {})", end.1)),
        "exit status {status:?}"
    );
    d
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
    let d = at_terminal(
        "evfield-sim",
        &[],
        &[("sim.kit_iccid", s(WRONG_ICCID))],
        &[("ICCID printed", &|_| format!("{RIGHT_ICCID}\r"))],
    );
    assert_finished_with(d.path(), "sim.kit_iccid", RIGHT_ICCID, "prompt");
}

/// Enter keeps the answer; kept three times, the session stops (resumable) instead of asking
/// forever.
#[test]
fn an_answer_kept_three_times_stops_the_session_at_the_terminal() {
    let enter: Reply = &|_| "\r".into();
    let d = at_terminal_until(
        "evfield-sim",
        &[],
        &[("sim.kit_iccid", s(WRONG_ICCID))],
        &[
            ("ICCID printed", enter),
            ("ICCID printed", enter),
            ("ICCID printed", enter),
        ],
        ("E_SIM_WRONG", 4),
    );
    let o = evfield(d.path())
        .args(["--json", "sessions"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list["sessions"][0]["step"], "sim", "{list}");
    resume_finishes(
        d.path(),
        &["--kit-iccid".into(), RIGHT_ICCID.into()],
        "sim.kit_iccid",
        RIGHT_ICCID,
        "flag",
    );
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
    let d = at_terminal(
        "evfield-sim",
        &[],
        &[("pinpoint.gps", s(SWAPPED_GPS))],
        &[("GPS position where you stand", &|_| {
            format!("{RIGHT_GPS}\r")
        })],
    );
    assert_finished_with(d.path(), "pinpoint.gps", RIGHT_GPS, "prompt");
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
    let d = at_terminal(
        "openevse",
        &[],
        &[("station.mac", s(WRONG_MAC))],
        &[
            ("MAC address of the station", &|_| {
                format!("{}\r", demo::MAC)
            }),
            // Enter keeps the password: it was right
            ("Activation password", &|_| "\r".into()),
        ],
    );
    assert_finished_with(d.path(), "station.mac", demo::MAC, "prompt");
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
    // the demo network is up when the question shows; its address is in the rig's file
    let d = at_terminal(
        "evfield-sim",
        &["--network", "127.0.0.1:9"],
        &[],
        &[("Installer API address", &|d| {
            format!("{}\r", demo_network_url(d))
        })],
    );
    let url = demo_network_url(d.path());
    assert_finished_with(d.path(), "network.url", &url, "prompt");
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
    let d = at_terminal(
        "evfield-sim",
        &[],
        &[("pinpoint.pin", s(FAR_PIN))],
        &[
            ("The pin is", &|_| "n".into()),
            ("Pin on the parking space", &|_| format!("{RIGHT_GPS}\r")),
        ],
    );
    assert_finished_with(d.path(), "pinpoint.pin", RIGHT_GPS, "prompt");
}

// ----- work already done: run again, or refused with the reason -----

/// A demo of `vendor` stopped (SIGKILL) right after the first event that `stop_after` picks in
/// a reference run; returns its data dir.
fn demo_stopped_after(vendor: &str, stop_after: &dyn Fn(&Value) -> bool) -> tempfile::TempDir {
    let r = tempfile::tempdir().unwrap();
    let o = evfield(r.path())
        .args(["--json", "renetwork", "--demo", "--vendor", vendor])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let events = journal_events(&session_dirs(r.path())[0].join("journal.jsonl"));
    let seq = events.iter().find(|e| stop_after(e)).unwrap()["seq"]
        .as_u64()
        .unwrap();
    let d = tempfile::tempdir().unwrap();
    let mut child = evfield(d.path())
        .args(["--json", "renetwork", "--demo", "--vendor", vendor])
        .env("EVFIELD_FAILPOINT", format!("pause-after:{seq}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    common::wait_for_lines(d.path(), seq as usize + 1, &mut child);
    child.kill().unwrap();
    child.wait().unwrap();
    d
}

/// The OCPP URL corrected after commissioning: phase 5 runs again and writes the new URL to the
/// station, which then connects with it.
#[test]
fn an_ocpp_url_corrected_after_commissioning_is_written_again() {
    let d = demo_stopped_after("evfield-sim", &|e| {
        e["kind"] == "step_done" && e["step"] == "labels"
    });
    let url = demo_network_url(d.path()).replace("http://127.0.0.1", "ws://localhost") + "/ocpp";
    resume_finishes(
        d.path(),
        &["--ocpp-url".into(), url.clone()],
        "commission.ocpp_url",
        &url,
        "flag",
    );
    let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
    let c = events
        .iter()
        .position(|e| e["kind"] == "correction")
        .unwrap();
    assert_eq!(
        events[c]["data"]["reopens"],
        serde_json::json!(["commission"])
    );
    assert!(
        events[c..].iter().any(|e| e["kind"] == "traffic"
            && e["data"]["dir"] == "sent"
            && e["data"]["text"].as_str().unwrap().contains(&url)),
        "the corrected URL was not written to the station"
    );
    assert!(
        events[c..]
            .iter()
            .any(|e| e["kind"] == "step_done" && e["step"] == "commission"),
        "phase 5 was not done again"
    );
}

/// After the pinpoint submission the network holds the station's identity and place: a
/// correction of what went into it is refused with the reason and what to do, and the session
/// still finishes without it.
#[test]
fn a_correction_of_a_submitted_value_is_refused_and_the_session_still_finishes() {
    let d = demo_stopped_after("evfield-sim", &|e| {
        e["kind"] == "action_done" && e["data"]["action"] == "pinpoint.submit"
    });
    let o = evfield(d.path())
        .env("EVFIELD_LANG", "en")
        .args([
            "renetwork",
            "--resume",
            "--set",
            "pinpoint.car_park=Elsewhere",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success(), "{}", text(&o));
    let err = text(&o);
    assert!(
        err.contains("E_CORRECTION_LOCKED") && err.contains("pinpoint.car_park"),
        "{err}"
    );
    resume_finishes(
        d.path(),
        &[],
        "pinpoint.car_park",
        demo::CAR_PARK,
        // the place the network's operator registered at the demo's address
        "network",
    );
}

/// A corrected activation password is masked in the support bundle like the first one, and
/// neither reaches an error message.
#[test]
fn a_corrected_activation_password_is_masked_in_the_export() {
    let wrong = "WRONG-PW-77";
    let d = tempfile::tempdir().unwrap();
    let o = evfield(d.path())
        .args(["renetwork", "--demo", "--activation-password", wrong])
        .output()
        .unwrap();
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("activation.password"), "{}", text(&o));
    assert!(!text(&o).contains(wrong), "{}", text(&o));
    resume_finishes(
        d.path(),
        &[
            "--activation-password".into(),
            demo::ACTIVATION_PASSWORD.into(),
        ],
        "activation.password",
        demo::ACTIVATION_PASSWORD,
        "flag",
    );
    let bundle = d.path().join("support.tar.gz");
    let o = evfield(d.path())
        .arg("export")
        .arg(&session_dirs(d.path())[0])
        .arg("--output")
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let mut a = tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&bundle).unwrap(),
    ));
    for entry in a.entries().unwrap() {
        let mut entry = entry.unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        let body = String::from_utf8_lossy(&bytes);
        for pw in [wrong, demo::ACTIVATION_PASSWORD] {
            assert!(
                !body.contains(pw),
                "{pw} in {}",
                entry.path().unwrap().display()
            );
        }
    }
}

/// A MAC corrected after the labels phase: pre-check, commissioning and labels run again, a new
/// sticker is printed and its application is confirmed again (the old confirmation withdrawn).
#[test]
fn a_mac_corrected_after_the_sticker_was_printed_asks_for_the_new_sticker() {
    let d = demo_stopped_after("openevse", &|e| {
        e["kind"] == "step_done" && e["step"] == "labels"
    });
    let o = evfield(d.path())
        .args(["renetwork", "--resume", "--set"])
        .arg(format!("station.mac={WRONG_MAC}"))
        .output()
        .unwrap();
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("E_ACTIVATION_UNKNOWN"), "{}", text(&o));
    let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
    let c = events.iter().find(|e| e["kind"] == "correction").unwrap();
    assert_eq!(
        c["data"]["reopens"],
        serde_json::json!(["precheck", "commission", "labels"])
    );
    assert_eq!(
        c["data"]["withdraws"],
        serde_json::json!(["labels.sticker_applied"])
    );
    resume_finishes(
        d.path(),
        &["--set".into(), format!("station.mac={}", demo::MAC)],
        "station.mac",
        demo::MAC,
        "flag",
    );
    let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
    let applied = events
        .iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == "labels.sticker_applied")
        .count();
    assert_eq!(
        applied, 2,
        "the new sticker's application was not confirmed again"
    );
}
