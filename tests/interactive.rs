//! The interactive path in a real terminal: prompts answered at a pseudo-terminal, Ctrl-C leaves
//! a resumable session, and the resumed session never asks again what was answered.

use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use expectrl::{Expect, Session};

/// The demo's questions before the safety gate, in order (checklists precheck, before and the
/// simulated vendor's additions).
const BEFORE_THE_GATE: [&str; 8] = [
    "latest manufacturer's instructions",
    "minimum software or firmware version",
    "checklist of required station verification steps",
    "Site access notes",
    "model and condition meet",
    "The photo taken before any change",
    "SIM holder",
    "firmware version on the station's display is 5.2.1",
];

/// Pass the safety gate at the terminal: nothing is preselected, so each confirmation is chosen
/// with the arrow key and the reading is typed.
fn pass_the_gate(p: &mut expectrl::session::OsSession) {
    for prompt in [
        "power to the station is disconnected",
        "locked out and tagged out",
    ] {
        p.expect(prompt)
            .unwrap_or_else(|e| panic!("no prompt `{prompt}`: {e}"));
        p.send("\x1b[B").unwrap(); // arrow down: "Yes, done"
        p.send("\r").unwrap();
    }
    p.expect("Multimeter reading").unwrap();
    p.send("0.2\r").unwrap();
}

#[test]
fn prompts_in_a_terminal_then_ctrl_c_leaves_a_resumable_session() {
    let d = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(d.path())
        .args(["renetwork", "--demo"])
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_FAILPOINT");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));

    // Each prompt before the gate shows the demo's answer as its default: Enter takes it.
    for prompt in BEFORE_THE_GATE {
        p.expect(prompt)
            .unwrap_or_else(|e| panic!("no prompt `{prompt}`: {e}"));
        p.send("\r").unwrap();
    }
    // The safety gate proposes nothing: each answer is chosen (arrow down: "Yes, done") or typed.
    pass_the_gate(&mut p);
    p.expect("ICCID printed").unwrap();
    p.send("\x03").unwrap(); // Ctrl-C
    p.expect("Interrupted").unwrap();
    p.expect("evfield renetwork --resume").unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").contains("130"),
        "exit status {status:?}"
    );

    // The session is listed as in progress at the SIM phase.
    let out = Command::new(cargo_bin("evfield"))
        .arg("--data-dir")
        .arg(d.path())
        .args(["--json", "sessions"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sessions"][0]["state"], "in_progress");
    assert_eq!(v["sessions"][0]["step"], "sim");

    // Resumed without a terminal, it completes; what was answered at the prompt is not asked again.
    let out = Command::new(cargo_bin("evfield"))
        .arg("--data-dir")
        .arg(d.path())
        .args(["--json", "renetwork", "--resume"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["state"], "done");
    let journal = std::fs::read_to_string(report["journal"].as_str().unwrap()).unwrap();
    let answers: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["kind"] == "answer")
        .collect();
    let voltage: Vec<_> = answers
        .iter()
        .filter(|e| e["data"]["key"] == "safety.voltage")
        .collect();
    assert_eq!(voltage.len(), 1);
    assert_eq!(voltage[0]["data"]["source"], "prompt");
}

/// The safety gate in a terminal: answering "No" to the isolation question stops the session
/// before the SIM phase (its first question is never shown); resumed, the gate is asked again and,
/// once it passes, the SIM phase starts.
#[test]
fn the_safety_gate_blocks_the_sim_step_in_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    let spawn = |args: &[&str]| {
        let mut cmd = Command::new(cargo_bin("evfield"));
        cmd.arg("--data-dir")
            .arg(d.path())
            .args(args)
            .env("NO_COLOR", "1")
            .env("EVFIELD_LANG", "en")
            .env_remove("EVFIELD_FAILPOINT");
        let mut p = Session::spawn(cmd).unwrap();
        p.set_expect_timeout(Some(Duration::from_secs(30)));
        p
    };
    let mut p = spawn(&["renetwork", "--demo"]);
    for prompt in BEFORE_THE_GATE {
        p.expect(prompt)
            .unwrap_or_else(|e| panic!("no prompt `{prompt}`: {e}"));
        p.send("\r").unwrap();
    }
    p.expect("power to the station is disconnected").unwrap();
    p.send("\x1b[B").unwrap(); // arrow down: "Yes, done" (nothing is preselected)
    p.send("\x1b[B").unwrap(); // arrow down: "No"
    p.send("\r").unwrap();
    p.expect("E_CHECKLIST_BLOCKED").unwrap();
    let rest = p.expect(expectrl::Eof).unwrap();
    assert!(
        !String::from_utf8_lossy(rest.before()).contains("ICCID printed"),
        "the SIM phase asked a question behind a closed gate"
    );
    let status = p.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").contains("7"),
        "exit status {status:?}"
    );

    let mut p = spawn(&["renetwork", "--resume"]);
    pass_the_gate(&mut p); // "Yes, done" this time
    p.expect("Safety gate passed").unwrap();
    p.expect("ICCID printed").unwrap();
    p.send("\x03").unwrap();
    p.expect("Interrupted").unwrap();
}

/// In Norwegian a yes/no question offers the translated words, not dialoguer's English `(y/n)`.
#[test]
fn a_norwegian_confirmation_offers_ja_and_nei() {
    use expectrl::Regex;
    let d = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--lang")
        .arg("nb")
        .arg("--data-dir")
        .arg(d.path())
        .args(["renetwork", "--demo"])
        .env("NO_COLOR", "1")
        .env_remove("EVFIELD_FAILPOINT");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    // Enter takes every proposed answer until the SIM swap confirmation; the safety gate
    // proposes none: its confirmations are chosen ("Ja, utført") and the reading is typed.
    let mut reached = false;
    for _ in 0..60 {
        let m = p
            .expect(Regex(
                "Det gamle SIM-kortet er tatt ut|strømmen til stasjonen er koblet fra|Frakoblingen er låst|Multimeteravlesning|›",
            ))
            .unwrap();
        let seen = String::from_utf8_lossy(m.get(0).unwrap()).to_string();
        if seen.contains("SIM-kortet") {
            reached = true;
            break;
        }
        if seen.contains("Multimeteravlesning") {
            p.send("0,2\r").unwrap();
        } else if seen != "›" {
            p.send("\x1b[B\r").unwrap();
        } else {
            p.send("\r").unwrap();
        }
    }
    assert!(reached, "the SIM swap question never came");
    let m = p.expect(Regex("Nei")).unwrap();
    let screen = String::from_utf8_lossy(m.before()).to_string();
    assert!(!screen.contains("(y/n)"), "{screen}");
    p.send("\x03").unwrap();
    p.expect("Avbrutt").unwrap();
}
