//! One session per station (issue 12): `sessions abandon`, the offer to resume an unfinished
//! session for the same station, and a run with nobody to ask that names every missing value at
//! once and leaves no session behind. Drives the real binary; the offer in a pseudo-terminal.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::{Value, json};

use common::{evfield, journal_events, session_dirs, text};
use evfield::sandbox::demo;
use evfield::sandbox::network::{self, SandboxHandle};
use evfield::sandbox::station::SimHandle;
use evfield::session::journal::Journal;

/// Run; the exit code, stdout as JSON (Null when it is not), and stderr as JSON (Null when not).
fn run_json(cmd: &mut Command) -> (i32, Value, Value, String) {
    let o = cmd.output().unwrap();
    let out = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    let err = serde_json::from_slice(&o.stderr).unwrap_or(Value::Null);
    (o.status.code().unwrap_or(-1), out, err, text(&o))
}

fn sessions_json(data: &Path, all: bool) -> Value {
    let mut c = evfield(data);
    c.args(["--json", "sessions"]);
    if all {
        c.arg("--all");
    }
    let (code, v, _, t) = run_json(&mut c);
    assert_eq!(code, 0, "{t}");
    v
}

/// A demo session that stops at the safety gate (a reading of 230 V); its id.
fn failed_demo_session(data: &Path) -> String {
    let (code, _, _, t) = run_json(evfield(data).args([
        "--json",
        "renetwork",
        "--demo",
        "--set",
        "safety.voltage=230",
    ]));
    assert_eq!(code, 7, "{t}");
    let list = sessions_json(data, false);
    assert_eq!(list["sessions"][0]["state"], "failed", "{list}");
    list["sessions"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn an_abandoned_session_is_kept_listed_and_never_resumed() {
    let d = tempfile::tempdir().unwrap();
    let id = failed_demo_session(d.path());

    // the reason is required: without a terminal, an error that says how to give it
    let (code, _, err, t) =
        run_json(evfield(d.path()).args(["--json", "sessions", "abandon", &id]));
    assert_eq!(code, 2, "{t}");
    assert_eq!(err["error"]["code"], "E_ABANDON_REASON", "{err}");
    assert!(
        err["error"]["help"].as_str().unwrap().contains("--reason"),
        "{err}"
    );
    let (code, _, err, _) =
        run_json(evfield(d.path()).args(["--json", "sessions", "abandon", &id, "--reason", "  "]));
    assert_eq!(code, 2);
    assert_eq!(err["error"]["code"], "E_ABANDON_REASON", "{err}");
    // an id that is not a session
    let (code, _, err, _) = run_json(evfield(d.path()).args([
        "--json",
        "sessions",
        "abandon",
        "../sessions",
        "--reason",
        "x",
    ]));
    assert_eq!(code, 2);
    assert_eq!(err["error"]["code"], "E_NO_SESSION", "{err}");

    let reason = "customer cancelled; station stays on the old network";
    let (code, out, _, t) = run_json(
        evfield(d.path()).args(["--json", "sessions", "abandon", &id, "--reason", reason]),
    );
    assert_eq!(code, 0, "{t}");
    assert_eq!(out["session"]["id"], id.as_str());
    assert_eq!(out["session"]["state"], "abandoned");
    assert_eq!(out["session"]["abandoned"]["reason"], reason);

    // journaled as an event: the chain verifies, the files stay
    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    let events = journal_events(&journal);
    let last = events.last().unwrap();
    assert_eq!(last["kind"], "session_abandoned");
    assert_eq!(last["data"]["reason"], reason);
    assert_eq!(last["data"]["step"], "before");
    assert!(common::journal_verifies(&journal));
    let o = evfield(d.path())
        .args(["log", "verify", &id])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        session_dirs(d.path())[0]
            .join("photos")
            .read_dir()
            .unwrap()
            .next()
            .is_some(),
        "the photos are kept"
    );

    // listed with --all as abandoned, not among the unfinished ones
    assert_eq!(sessions_json(d.path(), false)["sessions"], json!([]));
    let all = sessions_json(d.path(), true);
    assert_eq!(all["sessions"][0]["state"], "abandoned", "{all}");
    assert_eq!(all["sessions"][0]["abandoned"]["reason"], reason);
    let o = evfield(d.path())
        .args(["sessions", "--all"])
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&o.stdout);
    assert!(
        human.contains("abandoned") && human.contains(reason),
        "{human}"
    );

    // never picked by --resume, refused by id, not abandoned twice
    let (code, _, err, _) = run_json(evfield(d.path()).args(["--json", "renetwork", "--resume"]));
    assert_eq!(code, 2);
    assert_eq!(err["error"]["code"], "E_NO_SESSION", "{err}");
    let (code, _, err, _) =
        run_json(evfield(d.path()).args(["--json", "renetwork", "--resume", &id]));
    assert_eq!(code, 2);
    assert_eq!(err["error"]["code"], "E_SESSION_ABANDONED", "{err}");
    assert!(
        err["error"]["message"].as_str().unwrap().contains(reason),
        "{err}"
    );
    let (code, _, err, _) = run_json(
        evfield(d.path()).args(["--json", "sessions", "abandon", &id, "--reason", "again"]),
    );
    assert_eq!(code, 2);
    assert_eq!(err["error"]["code"], "E_SESSION_ABANDONED", "{err}");
    assert_eq!(
        journal_events(&journal).len(),
        events.len(),
        "nothing was written by the refused commands"
    );

    // a finished session cannot be abandoned
    let (code, report, _, t) = run_json(evfield(d.path()).args(["--json", "renetwork", "--demo"]));
    assert_eq!(code, 0, "{t}");
    let done = report["session_id"].as_str().unwrap();
    let (code, _, err, _) = run_json(
        evfield(d.path()).args(["--json", "sessions", "abandon", done, "--reason", "late"]),
    );
    assert_eq!(code, 2);
    assert_eq!(err["error"]["code"], "E_SESSION_DONE", "{err}");
}

/// Write the journal of a session that stopped in phase 2 on `port` (at `network`), having read
/// a station with `serial` and the demo's MAC, as an earlier run would have.
fn unfinished_session(data: &Path, id: &str, network: &str, port: &str, serial: &str) {
    let dir = data.join("sessions").join(id);
    std::fs::create_dir_all(&dir).unwrap();
    let mut j = Journal::create(&dir.join("journal.jsonl")).unwrap();
    j.append(
        "session",
        "session_started",
        json!({ "session_id": id, "tool": "evfield", "version": "0", "demo": false }),
    )
    .unwrap();
    for (k, v) in [
        ("network.url", network),
        ("account.username", demo::INSTALLER_USER),
    ] {
        j.append(
            "account",
            "answer",
            json!({ "key": k, "value": v, "source": "flag" }),
        )
        .unwrap();
    }
    j.append("account", "step_done", json!({ "phase": "account" }))
        .unwrap();
    for (k, v) in [("station.vendor", "evfield-sim"), ("station.port", port)] {
        j.append(
            "precheck",
            "answer",
            json!({ "key": k, "value": v, "source": "flag" }),
        )
        .unwrap();
    }
    j.append(
        "precheck",
        "fact",
        json!({ "key": "station.identity", "value": { "serial": serial, "mac": demo::MAC } }),
    )
    .unwrap();
    j.append(
        "precheck",
        "step_failed",
        json!({ "phase": "precheck", "code": "E_X", "message": "stopped" }),
    )
    .unwrap();
}

/// A data dir with one unfinished session (station S1 on a "port" that is a plain file); its id.
fn one_unfinished() -> (tempfile::TempDir, &'static str) {
    let d = tempfile::tempdir().unwrap();
    let port = d.path().join("ttyEVF0");
    std::fs::write(&port, "").unwrap();
    let id = "20260301-101500-abcdef";
    unfinished_session(
        d.path(),
        id,
        "https://net.example",
        port.to_str().unwrap(),
        "S1",
    );
    (d, id)
}

#[test]
fn without_a_terminal_a_new_run_beside_an_unfinished_one_is_refused_unless_new() {
    let d = tempfile::tempdir().unwrap();
    let port = d.path().join("ttyEVF0");
    std::fs::write(&port, "").unwrap();
    let port = port.display().to_string();
    let net = "https://net.example/api";
    let id = "20260301-101500-abcdef";
    unfinished_session(d.path(), id, net, &port, "EVF2026000999");
    let base = |extra: &[&str]| {
        let mut c = evfield(d.path());
        c.args([
            "--json",
            "renetwork",
            "--network",
            net,
            "--user",
            "a@b.example",
        ])
        .args(extra);
        c
    };

    // same port, same network: refused, naming the session and both ways out
    let (code, _, err, t) = run_json(&mut base(&["--port", &port]));
    assert_eq!(code, 2, "{t}");
    assert_eq!(err["error"]["code"], "E_UNFINISHED_SESSION", "{err}");
    assert!(
        err["error"]["message"].as_str().unwrap().contains(id),
        "{err}"
    );
    let help = err["error"]["help"].as_str().unwrap();
    for want in [
        format!("evfield renetwork --resume {id}"),
        format!("evfield sessions abandon {id} --reason"),
        "--new".to_string(),
    ] {
        assert!(help.contains(&want), "{want} not in {help}");
    }
    // the same station by the serial on its type plate, the port unknown
    let (_, _, err, _) = run_json(&mut base(&["--serial-plate", "evf2026000999"]));
    assert_eq!(err["error"]["code"], "E_UNFINISHED_SESSION", "{err}");
    // by the MAC, given for a station whose port cannot tell it
    let (_, _, err, _) = run_json(&mut base(&["--set", "station.mac=02ef10004d01"]));
    assert_eq!(err["error"]["code"], "E_UNFINISHED_SESSION", "{err}");
    assert_eq!(session_dirs(d.path()).len(), 1, "no session was started");

    // another station, another network, or --new: not refused for it (here the values are
    // missing, so nothing starts either)
    let other = d.path().join("ttyEVF1");
    std::fs::write(&other, "").unwrap();
    for mut c in [
        base(&["--port", other.to_str().unwrap()]),
        base(&["--serial-plate", "EVF2026000111"]),
        base(&["--port", &port, "--new"]),
        {
            let mut c = evfield(d.path());
            c.args(["--json", "renetwork", "--network", "https://other.example"])
                .args(["--user", "a@b.example", "--port", &port]);
            c
        },
    ] {
        let (code, _, err, t) = run_json(&mut c);
        assert_eq!(code, 2, "{t}");
        assert_eq!(err["error"]["code"], "E_MISSING_VALUE", "{err}");
    }
    assert_eq!(session_dirs(d.path()).len(), 1, "no session was started");

    // once abandoned, it is no longer in the way
    let o = evfield(d.path())
        .args(["sessions", "abandon", id, "--reason", "wrong port"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let (_, _, err, _) = run_json(&mut base(&["--port", &port]));
    assert_eq!(err["error"]["code"], "E_MISSING_VALUE", "{err}");
}

/// A sandbox network where the demo installer is logged in, a ChargeStorm EVA simulator on a
/// pseudo-terminal with the demo's MAC (a modem, but no SIM read over its console: the SIM
/// phase is confirmed by hand), and the two photos.
struct Site {
    net: SandboxHandle,
    sim: SimHandle,
    data: tempfile::TempDir,
}

fn site() -> Site {
    let net = network::start(Default::default()).unwrap();
    let data = common::logged_in(&net);
    let sim = common::eva_sim();
    std::fs::write(data.path().join("before.png"), demo::photo_png(640, 480)).unwrap();
    std::fs::write(data.path().join("site.png"), demo::photo_png(800, 600)).unwrap();
    Site { net, sim, data }
}

/// Every value missing is named in one error, with its flag or `--set` and its answers key,
/// and no session is started; given exactly the values named, the session runs to the end.
#[test]
fn without_a_terminal_all_missing_values_are_named_at_once_and_no_session_is_left() {
    let site = site();
    let d = site.data.path();
    // where the EVA looks for the laptop's OCPP probe (its keys are set over OCPP)
    let probe_bind = common::eva_probe_bind(&site.sim);
    let pointed = site.sim.state().ocpp_url;
    let renetwork = |sets: &[String]| {
        let mut c = evfield(d);
        c.args(["--json", "--experimental", "renetwork"])
            .args(["--network", &site.net.base_url()])
            .args([
                "--user",
                demo::INSTALLER_USER,
                "--vendor",
                "chargestorm-eva",
            ])
            .args(["--port", site.sim.path(), "--connect-timeout", "20"])
            .args(["--set", &probe_bind])
            .arg("--token-file")
            .arg(d.join("token"));
        for s in sets {
            c.args(["--set", s]);
        }
        run_json(&mut c)
    };
    let (code, _, err, t) = renetwork(&["precheck.instructions=yes".to_string()]);
    assert_eq!(code, 2, "{t}");
    assert_eq!(err["error"]["code"], "E_MISSING_VALUE", "{err}");
    assert!(
        !d.join("sessions").exists(),
        "a run with missing values left a session"
    );
    let message = err["error"]["message"].as_str().unwrap();
    let help = err["error"]["help"].as_str().unwrap();
    // the keys named, each on its own line of the help with how to give it
    let named: Vec<String> = help
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect();
    for want in [
        "before.photo",
        "safety.voltage",
        "sim.swapped",
        "activation.password",
        "pinpoint.serial_plate",
        "pinpoint.photo",
    ] {
        assert!(named.iter().any(|k| k == want), "{want} not named: {help}");
        assert!(message.contains(&format!("`{want}`")), "{message}");
    }
    for given in ["precheck.instructions", "network.url", "station.vendor"] {
        assert!(
            !named.iter().any(|k| k == given),
            "{given} is given: {help}"
        );
    }
    for how in [
        "--before-photo",
        "--voltage",
        "[activation]",
        "--set sim.swapped=",
    ] {
        assert!(help.contains(how), "{how} not in {help}");
    }

    // exactly those values (the demo's answers, the photos, the type plate's serial): done
    let demo_answers = evfield::session::answers::Answers::parse(demo::ANSWERS, "demo").unwrap();
    let sets: Vec<String> = named
        .iter()
        .map(|k| {
            let v = match k.as_str() {
                "before.photo" => d.join("before.png").display().to_string(),
                "pinpoint.photo" => d.join("site.png").display().to_string(),
                "pinpoint.serial_plate" => site.sim.state().serial,
                _ => demo_answers
                    .get(k)
                    .unwrap_or_else(|| panic!("no demo answer for {k}"))
                    .value
                    .clone(),
            };
            format!("{k}={v}")
        })
        .chain(["precheck.instructions=yes".to_string()])
        .collect();
    // An unfinished session for the same station that the port could not tell beforehand (it
    // knows the station by its MAC only): found once the station is read, and with nobody to ask
    // the new session stops there, before anything on the station changes.
    let other = "20260301-101500-0ther0";
    let other_port = d.join("ttyOLD");
    std::fs::write(&other_port, "").unwrap();
    unfinished_session(
        d,
        other,
        &site.net.base_url(),
        other_port.to_str().unwrap(),
        "EVA-OTHER-PLATE",
    );
    let (code, _, err, t) = renetwork(&sets);
    assert_eq!(code, 2, "{t}");
    assert_eq!(err["error"]["code"], "E_UNFINISHED_SESSION", "{err}");
    let dirs = session_dirs(d);
    assert_eq!(dirs.len(), 2);
    let new = dirs[1].file_name().unwrap().to_str().unwrap().to_string();
    let help = err["error"]["help"].as_str().unwrap();
    assert!(
        help.contains(&format!("--resume {other}")) && help.contains(&format!("--resume {new}")),
        "{help}"
    );
    assert_eq!(site.sim.state().ocpp_url, pointed, "nothing was written");

    // exactly those values (and the new session chosen by resuming it): done
    let mut c = evfield(d);
    c.args(["--json", "--experimental", "renetwork", "--resume", &new])
        .args(["--port", site.sim.path(), "--connect-timeout", "20"])
        .args(["--set", &probe_bind])
        .arg("--token-file")
        .arg(d.join("token"));
    for s in &sets {
        c.args(["--set", s]);
    }
    let (code, report, _, t) = run_json(&mut c);
    assert_eq!(code, 0, "{t}");
    assert_eq!(report["state"], "done");
    assert_eq!(session_dirs(d).len(), 2);
}

/// In a terminal, a second demo beside an unfinished one offers to resume it (the default),
/// to start a new one, or to abandon it with a reason.
#[test]
fn in_a_terminal_an_unfinished_session_for_the_station_is_offered() {
    use expectrl::Expect;
    let d = tempfile::tempdir().unwrap();
    let id = failed_demo_session(d.path());
    let spawn = || {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("evfield"));
        cmd.arg("--data-dir")
            .arg(d.path())
            .args(["renetwork", "--demo"])
            .env("NO_COLOR", "1")
            .env("EVFIELD_LANG", "en")
            .env_remove("EVFIELD_FAILPOINT")
            .env_remove("EVFIELD_NON_INTERACTIVE");
        let mut p = expectrl::Session::spawn(cmd).unwrap();
        p.set_expect_timeout(Some(Duration::from_secs(30)));
        p
    };
    let stop = |mut p: expectrl::session::OsSession, prompt: &str| {
        p.expect(prompt)
            .unwrap_or_else(|e| panic!("no prompt `{prompt}`: {e}"));
        p.send("\x03").unwrap();
        p.expect("Interrupted").unwrap();
        p.get_process().wait().unwrap();
    };

    // Enter takes the default: the session is resumed where it stopped (the refused reading)
    let mut p = spawn();
    p.expect("An unfinished session exists for this station")
        .unwrap();
    p.expect(id.as_str()).unwrap();
    p.expect("Resume it where it stopped").unwrap();
    p.send("\r").unwrap();
    // the reading withdrew the confirmations: they are asked again first
    stop(p, "power to the station is disconnected");
    assert_eq!(session_dirs(d.path()).len(), 1, "no new session");
    let journal = session_dirs(d.path())[0].join("journal.jsonl");
    assert!(
        journal_events(&journal)
            .iter()
            .any(|e| e["kind"] == "session_resumed"),
        "the session was not resumed"
    );

    // abandon it with a reason, then a new session starts
    let mut p = spawn();
    p.expect("Abandon it").unwrap();
    p.send("\x1b[B").unwrap();
    p.send("\x1b[B").unwrap();
    p.send("\r").unwrap();
    p.expect("Why is the session abandoned").unwrap();
    p.send("wrong site\r").unwrap();
    p.expect(format!("Session {id} is abandoned").as_str())
        .unwrap();
    stop(p, "latest manufacturer's instructions");
    let dirs = session_dirs(d.path());
    assert_eq!(dirs.len(), 2);
    let last = journal_events(&journal).pop().unwrap();
    assert_eq!(last["kind"], "session_abandoned");
    assert_eq!(last["data"]["reason"], "wrong site");

    // the new one (interrupted) is offered next; starting another leaves it as it is
    let mut p = spawn();
    p.expect("An unfinished session exists for this station")
        .unwrap();
    // (ids sort by their start second, then a random suffix: find the new one by name)
    let new = dirs
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .find(|n| *n != id)
        .unwrap();
    p.expect(new.as_str()).unwrap();
    p.send("\x1b[B").unwrap();
    p.send("\r").unwrap();
    stop(p, "latest manufacturer's instructions");
    assert_eq!(session_dirs(d.path()).len(), 3);
}

/// Without a terminal the demo says so and starts a new session beside it.
#[test]
fn without_a_terminal_a_second_demo_names_the_unfinished_one_and_starts() {
    let d = tempfile::tempdir().unwrap();
    let id = failed_demo_session(d.path());
    let o = evfield(d.path())
        .args(["renetwork", "--demo", "--set", "safety.voltage=231"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&id) && err.contains("--resume"),
        "the unfinished session is named: {err}"
    );
    assert_eq!(session_dirs(d.path()).len(), 2);
}

/// Abandoning a session whose pinpoint submission waits in the outbox says so (`evfield sync`
/// would still send it); the entry is left as it is.
#[test]
fn abandoning_names_a_submission_still_in_the_outbox() {
    use evfield::network::api::{PinpointRequest, SiteDetails};
    use evfield::network::outbox::{Entry, Outbox};
    let (d, id) = one_unfinished();
    let request = PinpointRequest {
        mac: demo::MAC.into(),
        activation_password: "K7+9/QF=2".into(),
        manufacturer: demo::MANUFACTURER.into(),
        model: demo::MODEL.into(),
        serial: "S1".into(),
        charge_box_id: "EVF-02EF10004D01".into(),
        firmware: None,
        gps_lat: demo::GPS_LAT,
        gps_lon: demo::GPS_LON,
        address_id: demo::ADDRESS_ID.into(),
        pin_lat: demo::GPS_LAT,
        pin_lon: demo::GPS_LON,
        details: SiteDetails::default(),
    };
    let ob = Outbox::new(d.path());
    let mut mine = Entry::new(
        None,
        "https://net.example",
        demo::INSTALLER_USER,
        Some(id.into()),
        request.clone(),
    );
    ob.put(&mut mine, None).unwrap();
    let mut other = Entry::new(None, "https://net.example", "x", None, request);
    ob.put(&mut other, None).unwrap();

    let (code, out, _, t) = run_json(evfield(d.path()).args([
        "--json",
        "sessions",
        "abandon",
        id,
        "--reason",
        "customer cancelled",
    ]));
    assert_eq!(code, 0, "{t}");
    assert_eq!(out["outbox_waiting"], json!([mine.key]), "{out}");
    assert_eq!(ob.list().unwrap().len(), 2, "the outbox is left as it is");
}

/// At a terminal, `sessions abandon ID` without `--reason` asks for it (an empty answer is not
/// taken).
#[test]
fn in_a_terminal_the_reason_is_asked() {
    use expectrl::Expect;
    let (d, id) = one_unfinished();
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(d.path())
        .args(["sessions", "abandon", id])
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_NON_INTERACTIVE");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.expect("Why is the session abandoned").unwrap();
    p.send("\r").unwrap();
    p.send("battery flat, station replaced\r").unwrap();
    p.expect("is abandoned").unwrap();
    p.get_process().wait().unwrap();
    let journal = d.path().join("sessions").join(id).join("journal.jsonl");
    let last = journal_events(&journal).pop().unwrap();
    assert_eq!(last["kind"], "session_abandoned");
    assert_eq!(last["data"]["reason"], "battery flat, station replaced");
}
