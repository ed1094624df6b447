//! Danger is never the default (issue 12, item 4), driven through the real binary: at a
//! pseudo-terminal a bare Enter never confirms a safety item and no "skip" is offered on them;
//! the demo proposes no answer for them; a multimeter reading of 230 V withdraws "power is
//! disconnected" and "locked out", which are asked again with the reading; without a terminal
//! the run stops and says all of them must be given again; the DANGER text is whole in every
//! language.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use expectrl::Expect;
use expectrl::session::OsSession as Session;
use serde_json::Value;

use common::{evfield, journal_events, journal_verifies, session_dirs, text};

const DOWN: &str = "\x1b[B";

/// A demo session stopped at the safety gate, without a terminal: phases 1 and 2 and the
/// checklists before the gate are done, the gate's first item was answered "no".
fn stopped_at_the_gate(data: &Path) {
    let o = evfield(data)
        .args(["renetwork", "--demo", "--set", "safety.power_isolated=no"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", text(&o));
}

/// `evfield renetwork --resume` at a pseudo-terminal, in `lang`.
fn resume_at_a_terminal(data: &Path, lang: &str) -> Session {
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(data)
        .args(["--lang", lang, "renetwork", "--resume"])
        .env("NO_COLOR", "1")
        .env_remove("EVFIELD_FAILPOINT")
        .env_remove("EVFIELD_ANSWERS")
        .env_remove("EVFIELD_DEMO_SIM_FAULT");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p
}

/// The screen from now until `until` appears.
fn screen_until(p: &mut Session, until: &str) -> String {
    let m = p
        .expect(until)
        .unwrap_or_else(|e| panic!("`{until}` never came: {e}"));
    String::from_utf8_lossy(m.before()).to_string()
}

/// Ctrl-C, then wait for the process to end.
fn interrupt(p: &mut Session, word: &str) {
    p.send("\x03").unwrap();
    p.expect(word).unwrap();
    p.get_process().wait().unwrap();
}

/// The `answer` events of `key`, in order.
fn answers(events: &[Value], key: &str) -> Vec<Value> {
    events
        .iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == key)
        .map(|e| e["data"].clone())
        .collect()
}

struct Words {
    lang: &'static str,
    power: &'static str,
    lockout: &'static str,
    voltage: &'static str,
    yes: &'static str,
    skip: &'static str,
    passed: &'static str,
    interrupted: &'static str,
    /// A reading typed as an installer in that language would (decimal comma in Norwegian).
    reading: &'static str,
}

/// At the gate: Enter alone answers nothing (a choice must be made with the arrow keys, the
/// reading must be typed), no "skip" is offered, and nothing is proposed by the demo.
fn enter_alone_does_not_pass_the_gate(w: &Words) {
    let d = tempfile::tempdir().unwrap();
    stopped_at_the_gate(d.path());
    let mut p = resume_at_a_terminal(d.path(), w.lang);

    screen_until(&mut p, w.power);
    // Enter alone: nothing (it would be "yes" if it were preselected); then the choice
    p.send("\r").unwrap();
    p.send(DOWN).unwrap();
    p.send("\r").unwrap();
    let power_screen = screen_until(&mut p, w.lockout);
    p.send("\r").unwrap();
    p.send(DOWN).unwrap();
    p.send("\r").unwrap();
    let lockout_screen = screen_until(&mut p, w.voltage);
    // Enter on the empty reading: nothing (no proposed 0.2 V); then the typed reading
    p.send("\r").unwrap();
    p.send(format!("{}\r", w.reading)).unwrap();
    let voltage_screen = screen_until(&mut p, w.passed);
    interrupt(&mut p, w.interrupted);

    for (name, screen) in [("power", &power_screen), ("lockout", &lockout_screen)] {
        assert!(screen.contains(w.yes), "{name}: no `{}`:\n{screen}", w.yes);
        assert!(
            !screen.contains(w.skip),
            "{name}: `{}` offered on a safety item:\n{screen}",
            w.skip
        );
    }
    assert!(
        !voltage_screen.contains("0.2") && !voltage_screen.contains("0,2"),
        "the demo proposed a reading:\n{voltage_screen}"
    );

    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    let events = journal_events(&journal);
    for key in ["safety.power_isolated", "safety.lockout_tagout"] {
        let a = answers(&events, key);
        let last = a.last().unwrap_or_else(|| panic!("{key} not answered"));
        assert_eq!(last["value"], "yes", "{key}: {a:?}");
        assert_eq!(last["source"], "prompt", "{key}: {a:?}");
    }
    let v = answers(&events, "safety.voltage");
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["value"], "0.3");
    assert_eq!(v[0]["source"], "prompt");
    assert!(events.iter().any(|e| e["kind"] == "action_done"
        && e["data"]["action"] == "checklist.safety"
        && e["data"]["result"]["passed"] == true));
}

#[test]
fn enter_alone_never_confirms_a_safety_item_in_english() {
    enter_alone_does_not_pass_the_gate(&Words {
        lang: "en",
        power: "power to the station is disconnected",
        lockout: "locked out and tagged out",
        voltage: "Multimeter reading",
        yes: "Yes, done",
        skip: "Skip for now",
        passed: "Safety gate passed",
        interrupted: "Interrupted",
        reading: "0.3",
    });
}

#[test]
fn enter_alone_never_confirms_a_safety_item_in_norwegian() {
    enter_alone_does_not_pass_the_gate(&Words {
        lang: "nb",
        power: "strømmen til stasjonen er koblet fra",
        lockout: "Frakoblingen er låst og merket",
        voltage: "Multimeteravlesning",
        yes: "Ja, utført",
        skip: "Hopp over inntil videre",
        passed: "Sikkerhetskontrollen er godkjent",
        interrupted: "Avbrutt",
        reading: "0,3",
    });
}

/// A reading of 230 V at the terminal: both confirmations are withdrawn (journaled, naming the
/// reading, and shown), then asked again with the reading in the same session.
#[test]
fn a_230_v_reading_withdraws_the_confirmations_and_asks_them_again() {
    let d = tempfile::tempdir().unwrap();
    stopped_at_the_gate(d.path());
    let mut p = resume_at_a_terminal(d.path(), "en");
    let choose_yes = |p: &mut Session, prompt: &str| {
        screen_until(p, prompt);
        p.send(DOWN).unwrap();
        p.send("\r").unwrap();
    };
    choose_yes(&mut p, "power to the station is disconnected");
    choose_yes(&mut p, "locked out and tagged out");
    screen_until(&mut p, "Multimeter reading");
    p.send("230\r").unwrap();
    screen_until(&mut p, "proves the power is not off");
    let notice = screen_until(&mut p, "confirm each again");
    assert!(
        notice.contains("power to the station is disconnected")
            && notice.contains("locked out and tagged out"),
        "the withdrawal does not name both confirmations:\n{notice}"
    );
    // asked again, in order, with the reading
    choose_yes(&mut p, "power to the station is disconnected");
    choose_yes(&mut p, "locked out and tagged out");
    screen_until(&mut p, "Multimeter reading");
    p.send("0.1\r").unwrap();
    screen_until(&mut p, "Safety gate passed");
    interrupt(&mut p, "Interrupted");

    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    let events = journal_events(&journal);
    let withdrawn: Vec<&Value> = events.iter().filter(|e| e["kind"] == "withdrawn").collect();
    assert_eq!(withdrawn.len(), 2, "{withdrawn:?}");
    for (w, key) in withdrawn
        .iter()
        .zip(["safety.power_isolated", "safety.lockout_tagout"])
    {
        assert_eq!(w["data"]["key"], key);
        assert_eq!(w["data"]["value"], "yes");
        assert_eq!(w["data"]["by"], "safety.voltage");
        assert_eq!(w["data"]["reading"], "230 V");
    }
    for key in ["safety.power_isolated", "safety.lockout_tagout"] {
        let a = answers(&events, key);
        assert_eq!(
            a.iter().filter(|x| x["source"] == "prompt").count(),
            2,
            "{key} not asked again: {a:?}"
        );
        // the answer that stays is the one given after the withdrawal
        let at = |kind: &str| {
            events
                .iter()
                .rposition(|e| e["kind"] == kind && e["data"]["key"] == key)
                .unwrap()
        };
        assert!(at("answer") > at("withdrawn"), "{key}");
    }
    let v: Vec<Value> = answers(&events, "safety.voltage")
        .into_iter()
        .map(|a| a["value"].clone())
        .collect();
    assert_eq!(v, ["230", "0.1"]);
    assert!(journal_verifies(&journal), "the journal does not verify");

    // support sees the withdrawal in the replay
    let o = evfield(d.path())
        .args(["--lang", "en", "replay"])
        .arg(&journal)
        .output()
        .unwrap();
    let out = text(&o);
    assert!(
        out.contains("safety.power_isolated withdrawn: the reading 230 V (safety.voltage)"),
        "{out}"
    );
}

/// `renetwork --json ARGS --answers FILE` without a terminal, the file confirming isolation and
/// lockout and giving `voltage`.
fn with_answers(data: &Path, voltage: &str, args: &[&str]) -> std::process::Output {
    let f = data.join("site.toml");
    let answers =
        format!("[safety]\npower_isolated = true\nlockout_tagout = true\nvoltage = {voltage}\n");
    std::fs::write(&f, answers).unwrap();
    evfield(data)
        .args(["--json", "renetwork"])
        .args(args)
        .arg("--answers")
        .arg(&f)
        .output()
        .unwrap()
}

/// Without a terminal a reading of 230 V stops the run: the error says every confirmation it
/// proves false must be given again, and they are not kept (a resumed run takes them anew).
#[test]
fn without_a_terminal_230_v_stops_and_all_must_be_given_again() {
    let d = tempfile::tempdir().unwrap();
    let o = with_answers(d.path(), "230", &["--demo"]);
    assert_eq!(o.status.code(), Some(7), "{}", text(&o));
    let e: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(e["error"]["code"], "E_CHECKLIST_BLOCKED");
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(msg.contains("230"), "{msg}");
    assert!(
        msg.contains("all of these must be given again: safety.power_isolated, safety.lockout_tagout, safety.voltage"),
        "{msg}"
    );
    let help = e["error"]["help"].as_str().unwrap();
    assert!(
        help.contains("--set safety.power_isolated=") && help.contains("--resume"),
        "{help}"
    );
    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    let events = journal_events(&journal);
    let withdrawn: Vec<&str> = events
        .iter()
        .filter(|e| e["kind"] == "withdrawn")
        .map(|e| e["data"]["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        withdrawn,
        ["safety.power_isolated", "safety.lockout_tagout"]
    );
    assert!(!events.iter().any(|e| e["step"] == "sim"));

    // given again (a new reading, the confirmations with it, from the corrected file): done
    let o = with_answers(d.path(), "0.1", &["--resume"]);
    assert!(o.status.success(), "{}", text(&o));
    let events = journal_events(&journal);
    let resumed = events
        .iter()
        .position(|e| e["kind"] == "session_resumed")
        .unwrap();
    for key in [
        "safety.power_isolated",
        "safety.lockout_tagout",
        "safety.voltage",
    ] {
        assert!(
            events[resumed..]
                .iter()
                .any(|e| e["kind"] == "answer" && e["data"]["key"] == key),
            "{key} was not given again"
        );
    }
}

/// The non-interactive demo still completes: nobody can be asked, so the demo's built-in
/// answers give the safety items, journaled with the source `demo` and said on stderr.
#[test]
fn the_non_interactive_demo_answers_safety_items_and_says_so() {
    let d = tempfile::tempdir().unwrap();
    let o = evfield(d.path())
        .args(["--lang", "en", "renetwork", "--demo"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Demo: nobody at the terminal, so the demo's built-in answer \"Yes, done\" was taken for the safety item \"DANGER, risk of shock"),
        "{err}"
    );
    let events = journal_events(&session_dirs(d.path())[0].join("journal.jsonl"));
    for key in [
        "safety.power_isolated",
        "safety.lockout_tagout",
        "safety.voltage",
    ] {
        let a = answers(&events, key);
        assert_eq!(a.len(), 1, "{key}: {a:?}");
        assert_eq!(a[0]["source"], "demo", "{key}: {a:?}");
    }
    // other items still come from the demo's answers, as a file's lines
    let a = answers(&events, "before.model_condition");
    assert!(a[0]["source"].as_str().unwrap().starts_with("answers:"));
}

/// "skip" is refused on a safety item wherever it comes from, with the key and the reason.
#[test]
fn a_safety_item_cannot_be_skipped_by_flag() {
    let d = tempfile::tempdir().unwrap();
    let o = evfield(d.path())
        .args([
            "--lang",
            "en",
            "renetwork",
            "--demo",
            "--set",
            "safety.lockout_tagout=skip",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("safety.lockout_tagout") && err.contains("cannot be skipped"),
        "{err}"
    );
}

/// The DANGER text of the seed, whole, where the session shows it, in each language.
#[test]
fn the_danger_text_is_shown_whole_in_four_languages() {
    let texts = [
        (
            "en",
            "DANGER: RISK OF SHOCK. Before opening the station cabinet:",
            "Keep the power off for this circuit until the cabinet is secured and the work scope has been completed. FAILURE TO FOLLOW THESE INSTRUCTIONS CAN RESULT IN SERIOUS INJURY OR LOSS OF LIFE.",
        ),
        (
            "nb",
            "FARE: RISIKO FOR ELEKTRISK STØT. Før du åpner stasjonskabinettet:",
            "Kretsen må ikke lede strøm før kabinettet er festet og arbeidet er fullført. HVIS DU IKKE FØLGER DISSE INSTRUKSJONENE, KAN DET FØRE TIL ALVORLIG PERSONSKADE ELLER DØDSFALL.",
        ),
        (
            "sv",
            "FARA: RISK FÖR ELCHOCK. Innan du öppnar stationens kapsling:",
            "tills kapslingen är ordentligt stängd och arbetet är slutfört. OM DU INTE FÖLJER DESSA INSTRUKTIONER KAN DET LEDA TILL ALLVARLIG PERSONSKADA ELLER DÖDSFALL.",
        ),
        (
            "da",
            "FARE: RISIKO FOR ELEKTRISK STØD. Før du åbner stationens kabinet:",
            "indtil kabinettet er lukket forsvarligt, og arbejdet er afsluttet. HVIS DU IKKE FØLGER DISSE INSTRUKTIONER, KAN DET MEDFØRE ALVORLIG PERSONSKADE ELLER DØDSFALD.",
        ),
    ];
    for (lang, head, tail) in texts {
        let d = tempfile::tempdir().unwrap();
        let o = evfield(d.path())
            .args([
                "--lang",
                lang,
                "renetwork",
                "--demo",
                "--set",
                "safety.power_isolated=no",
            ])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(7), "{lang}: {}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        let at = err
            .find(head)
            .unwrap_or_else(|| panic!("{lang}: no `{head}` in\n{err}"));
        let rest = &err[at..];
        assert!(rest.contains(tail), "{lang}: not whole:\n{rest}");
        assert!(!err.contains("FARE: FARE"), "{lang}: {err}");
    }
}

/// `evfield checklist run safety` behaves the same: at a terminal a reading of 230 V (here
/// given by flag) withdraws both confirmations and asks all three again at the prompt; without
/// a terminal it stops and says all of them must be given again.
#[test]
fn the_standalone_checklist_run_withdraws_too() {
    let d = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(d.path())
        .args(["--lang", "en", "--json", "checklist", "run", "safety"])
        .args(["--set", "safety.voltage=230"])
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    let choose_yes = |p: &mut Session| {
        for prompt in [
            "power to the station is disconnected",
            "locked out and tagged out",
        ] {
            screen_until(p, prompt);
            p.send(DOWN).unwrap();
            p.send("\r").unwrap();
        }
    };
    choose_yes(&mut p);
    screen_until(&mut p, "proves the power is not off");
    screen_until(&mut p, "confirm each again");
    // asked again, the reading too: at the prompt, not taken from the flag again
    choose_yes(&mut p);
    screen_until(&mut p, "Multimeter reading");
    p.send("0.1\r").unwrap();
    p.expect(expectrl::Regex("\"passed\":\\s*true"))
        .unwrap_or_else(|e| panic!("the checklist did not pass: {e}"));

    let o = evfield(d.path())
        .args(["--lang", "en", "checklist", "run", "safety"])
        .args(["--set", "safety.power_isolated=yes"])
        .args(["--set", "safety.lockout_tagout=yes"])
        .args(["--set", "safety.voltage=230"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("all of these must be given again: safety.power_isolated, safety.lockout_tagout, safety.voltage"),
        "{err}"
    );
}
