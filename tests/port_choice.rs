//! Choosing the station's port when several are candidates and none is given: a choice in a
//! real terminal (expectrl on a pseudo-terminal), remembered for next time; without a terminal,
//! an error that says what to pass. The candidates are two simulated OpenEVSE stations, offered
//! through EVFIELD_EXTRA_PORTS (a pseudo-terminal is never in the system's list).

use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use expectrl::{Expect, Session};

use evfield::sandbox::station::{self, Dialect, SimHandle, SimOptions};

mod common;

/// Two OpenEVSE simulators with their own serials, in the order the choice lists them (known
/// ports first, by name).
fn two_stations() -> Vec<(SimHandle, String)> {
    let mut sims: Vec<(SimHandle, String)> = ["OPNEVS1AAAAAA1", "OPNEVS1BBBBBB2"]
        .into_iter()
        .map(|serial| {
            let mut state = Dialect::Rapi.default_state();
            state.serial = serial.into();
            let sim = station::start(
                state,
                SimOptions {
                    dialect: Dialect::Rapi,
                    ..Default::default()
                },
            )
            .unwrap();
            (sim, serial.to_string())
        })
        .collect();
    sims.sort_by(|a, b| a.0.path().cmp(b.0.path()));
    sims
}

fn extra_ports(sims: &[(SimHandle, String)]) -> String {
    sims.iter()
        .map(|(s, _)| format!("{}=openevse", s.path()))
        .collect::<Vec<_>>()
        .join(",")
}

fn evfield(data: &std::path::Path, extra: &str) -> Command {
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(data)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env("EVFIELD_EXTRA_PORTS", extra)
        .env_remove("EVFIELD_PORT")
        .env_remove("EVFIELD_VENDOR")
        .env_remove("EVFIELD_FAILPOINT")
        .env_remove("EVFIELD_NON_INTERACTIVE");
    cmd
}

#[test]
fn several_candidate_ports_are_chosen_in_the_terminal_and_remembered() {
    let sims = two_stations();
    let extra = extra_ports(&sims);
    let d = tempfile::tempdir().unwrap();
    let mut cmd = evfield(d.path(), &extra);
    cmd.args(["station", "info", "--given", "mac=24:0A:C4:11:22:33"]);
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.expect("Which port is the station on?").unwrap();
    // both stations are offered, by their port
    p.expect(sims[1].0.path()).unwrap();
    p.send("\x1b[B").unwrap(); // arrow down: the second one
    p.send("\r").unwrap();
    p.expect(sims[1].1.as_str())
        .unwrap_or_else(|e| panic!("the second station's serial was not shown: {e}"));
    let status = p.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").starts_with("Exited(") && format!("{status:?}").ends_with(", 0)"),
        "{status:?}"
    );

    // the choice is remembered: the next run, without a terminal, takes it
    let out = evfield(d.path(), &extra)
        .args(["--json", "station", "info", "--given", "mac=x"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::text(&out));
    let v = common::json(&out);
    assert_eq!(v["port"], sims[1].0.path());
    assert_eq!(v["identity"]["serial"], sims[1].1.as_str());
}

#[test]
fn without_a_terminal_several_candidates_are_an_error_that_says_what_to_pass() {
    let sims = two_stations();
    let d = tempfile::tempdir().unwrap();
    let e = usage_error(
        evfield(d.path(), &extra_ports(&sims)).args([
            "--json",
            "--non-interactive",
            "station",
            "info",
        ]),
        "E_NO_PORT",
    );
    let msg = e["error"]["message"].as_str().unwrap();
    for (sim, _) in &sims {
        assert!(msg.contains(sim.path()), "candidates listed: {msg}");
    }
    let help = e["error"]["help"].as_str().unwrap();
    assert!(
        help.contains("--port") && help.contains("EVFIELD_PORT") && help.contains(sims[0].0.path()),
        "{help}"
    );
    assert!(
        !d.path().join("remembered-port.json").exists(),
        "nothing is remembered without a choice"
    );

    // a mistyped EVFIELD_EXTRA_PORTS is said, not ignored
    usage_error(
        evfield(d.path(), "/dev/pts/1=acme").args([
            "--json",
            "--non-interactive",
            "station",
            "info",
        ]),
        "E_EXTRA_PORTS",
    );
}

/// Run without stdin; it must end with the usage error `code` (exit 2) in JSON; the error.
fn usage_error(cmd: &mut Command, code: &str) -> serde_json::Value {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", common::text(&out));
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["error"]["code"], code, "{e}");
    e
}

/// `evfield renetwork` against a sandbox network, logged in with a token file, for the
/// OpenEVSE station on one of `sims`' ports (none given).
fn renetwork(
    data: &std::path::Path,
    net: &evfield::sandbox::network::SandboxHandle,
    extra: &str,
) -> Command {
    let mut cmd = evfield(data, extra);
    cmd.args(["renetwork", "--network", &net.base_url()])
        .args(["--user", evfield::sandbox::demo::INSTALLER_USER])
        .args(["--vendor", "openevse", "--token-file"])
        .arg(data.join("token"))
        .env_remove("EVFIELD_NETWORK")
        .env_remove("EVFIELD_USER")
        .env_remove("EVFIELD_TOKEN")
        .env_remove("EVFIELD_ANSWERS");
    cmd
}

/// The session's port question offers the candidates (known first) in a terminal; the choice
/// is the port the station is read on, journaled as answered at the prompt.
#[test]
fn the_session_offers_the_candidate_ports_in_a_terminal() {
    let net = evfield::sandbox::network::start(Default::default()).unwrap();
    let d = common::logged_in(&net);
    let sims = two_stations();
    let mut p = Session::spawn(renetwork(d.path(), &net, &extra_ports(&sims))).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.expect("Service port the station is connected to")
        .unwrap();
    p.expect("Another port").unwrap();
    p.send("\x1b[B").unwrap();
    p.send("\r").unwrap();
    p.expect("MAC address of the OpenEVSE WiFi module").unwrap();
    p.send("24:0A:C4:11:22:33\r").unwrap();
    p.expect(format!("serial {}", sims[1].1).as_str())
        .unwrap_or_else(|e| panic!("the second station was not read: {e}"));
    p.send("\x03").unwrap();
    p.expect("Interrupted").unwrap();
    p.get_process().wait().unwrap();

    let dir = std::fs::read_dir(d.path().join("sessions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let events = common::journal_events(&dir.join("journal.jsonl"));
    let port = events
        .iter()
        .find(|e| e["kind"] == "answer" && e["data"]["key"] == "station.port")
        .unwrap();
    assert_eq!(port["data"]["value"], sims[1].0.path());
    assert_eq!(port["data"]["source"], "prompt");
}

/// With nobody to ask, the session stops in phase 2 naming the candidates and what to pass, and
/// stays resumable.
#[test]
fn the_session_without_a_terminal_names_the_candidates() {
    let net = evfield::sandbox::network::start(Default::default()).unwrap();
    let d = common::logged_in(&net);
    let sims = two_stations();
    // the values a session certainly needs (without them no session starts at all)
    let answers = d.path().join("answers.toml");
    std::fs::write(&answers, evfield::sandbox::demo::ANSWERS).unwrap();
    let photo = d.path().join("site.png");
    std::fs::write(&photo, evfield::sandbox::demo::photo_png(800, 600)).unwrap();
    let e = usage_error(
        renetwork(d.path(), &net, &extra_ports(&sims))
            .args(["--json", "--non-interactive", "--answers"])
            .arg(&answers)
            .arg("--before-photo")
            .arg(&photo)
            .arg("--photo")
            .arg(&photo)
            .args(["--serial-plate", &sims[0].1])
            .args(["--set", "station.mac=24:0A:C4:11:22:33"]),
        "E_NO_PORT",
    );
    for (sim, _) in &sims {
        assert!(
            e["error"]["message"].as_str().unwrap().contains(sim.path()),
            "{e}"
        );
    }
    assert!(
        e["error"]["help"].as_str().unwrap().contains("--port"),
        "{e}"
    );
    let out = evfield(d.path(), "")
        .args(["--json", "sessions"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sessions"][0]["state"], "failed");
    assert_eq!(v["sessions"][0]["step"], "precheck");
}

/// The vendor comes from the adapter (issue 17 item 2): a port that one station profile
/// recognises names the vendor, so a run without a terminal does not list `station.vendor` among
/// the missing values; a port no profile recognises leaves it missing.
#[test]
fn the_vendor_comes_from_the_one_profile_that_knows_the_adapter() {
    let sims = two_stations();
    let d = tempfile::tempdir().unwrap();
    let missing = |extra: &str| -> String {
        let e = usage_error(
            evfield(d.path(), extra).args(["--json", "--non-interactive", "renetwork"]),
            "E_MISSING_VALUE",
        );
        format!("{} {}", e["error"]["message"], e["error"]["help"])
    };
    let one = format!("{}=openevse", sims[0].0.path());
    let known = missing(&one);
    assert!(!known.contains("`station.vendor`"), "{known}");
    let unknown = missing(sims[0].0.path());
    assert!(unknown.contains("`station.vendor`"), "{unknown}");
    // two profiles claim ports: no guess
    let two = format!(
        "{}=openevse,{}=evfield-sim",
        sims[0].0.path(),
        sims[1].0.path()
    );
    assert!(missing(&two).contains("`station.vendor`"));
}
