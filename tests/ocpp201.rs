//! OCPP 2.0.1 end to end: the probe (a central system on the laptop) against the simulated
//! station speaking `ocpp2.0.1`, both framed by the one OCPP-J module. The station really
//! stores what SetVariables changes and really restarts on Reset; its configuration report
//! comes in several NotifyReport parts that the probe must collect.

use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use evfield::ocpp::Version;
use evfield::sandbox::station::{self, Dialect, SimOptions, SimState};
use evfield::station::probe::{self, Options};

mod common;

use common::probe_options as opts;

fn commissioned(port: u16, id: &str) -> SimState {
    common::probe_station(Dialect::Console, port, id)
}

fn sim201(state: SimState, chatter: bool) -> station::SimHandle {
    common::probe_sim(
        state,
        SimOptions {
            dialect: Dialect::Console,
            ocpp_version: Version::V201,
            ocpp_chatter: chatter,
            ..Default::default()
        },
    )
}

#[test]
fn probe_reads_a_201_station_collects_its_report_sets_variables_and_resets_it() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let st = sim201(commissioned(port, "CB-201"), false);
    let boots = st.boots();
    let mut seen = Vec::new();
    let report = probe::run(
        &l,
        &Options {
            set: vec![
                ("OCPPCommCtrlr.HeartbeatInterval".into(), "120".into()),
                ("SecurityCtrlr.SecurityProfile".into(), "2".into()),
                ("NoSuchCtrlr.Thing".into(), "1".into()),
                ("SecurityCtrlr.NoSuchVariable".into(), "1".into()),
            ],
            reset: Some("Soft".into()),
            ..opts()
        },
        &mut |m| seen.push(m),
    )
    .unwrap();
    assert_eq!(report.subprotocol, "ocpp2.0.1");
    assert_eq!(report.ocpp_version, Version::V201);
    let boot = report.boot.clone().expect("a BootNotification");
    let state = Dialect::Console.default_state();
    assert_eq!(boot.vendor, state.manufacturer);
    assert_eq!(boot.serial.as_deref(), Some(state.serial.as_str()));
    assert_eq!(boot.firmware.as_deref(), Some(state.firmware.as_str()));
    // the whole report, from its three NotifyReport parts (two variables a part)
    let keys: Vec<&str> = report
        .configuration
        .iter()
        .map(|k| k.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "OCPPCommCtrlr.HeartbeatInterval",
            "AuthCtrlr.AuthorizeRemoteStart",
            "SecurityCtrlr.Identity",
            "SecurityCtrlr.BasicAuthPassword",
            "SecurityCtrlr.SecurityProfile",
        ],
        "{report:?}"
    );
    let identity = &report.configuration[2];
    assert_eq!(identity.value.as_deref(), Some("CB-201"));
    assert!(report.configuration[3].value.is_none(), "write-only");
    assert!(report.configuration[4].readonly);
    let status: Vec<(&str, &str, Option<&str>)> = report
        .changes
        .iter()
        .map(|c| (c.key.as_str(), c.status.as_str(), c.read_back.as_deref()))
        .collect();
    assert_eq!(
        status,
        [
            ("OCPPCommCtrlr.HeartbeatInterval", "Accepted", Some("120")),
            ("SecurityCtrlr.SecurityProfile", "Rejected", None),
            ("NoSuchCtrlr.Thing", "UnknownComponent", None),
            ("SecurityCtrlr.NoSuchVariable", "UnknownVariable", None),
        ]
    );
    // the station stored it
    assert_eq!(
        st.state()
            .config
            .get("HeartbeatInterval")
            .map(String::as_str),
        Some("120")
    );
    // Soft is sent to a 2.0.1 station as OnIdle; it restarts and boots again
    let reset = report.reset.expect("a reset");
    assert_eq!(
        (reset.kind.as_str(), reset.status.as_str()),
        ("OnIdle", "Accepted")
    );
    assert!(reset.rebooted, "{seen:?}");
    assert!(st.boots() > boots);
    assert!(st.log().iter().any(|l| l.contains("Reset (OnIdle)")));
    assert!(
        report
            .station_calls
            .iter()
            .any(|c| c.contains("StatusNotification EVSE 1 connector 1 Available")),
        "{:?}",
        report.station_calls
    );
}

#[test]
fn probe_reads_named_variables_of_a_201_station() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let _st = sim201(commissioned(port, "CB-201-GET"), false);
    let report = probe::run(
        &l,
        &Options {
            keys: vec![
                "ocppcommctrlr.heartbeatinterval".into(),
                "SecurityCtrlr.BasicAuthPassword".into(),
                "Nope.Nope".into(),
            ],
            ..opts()
        },
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.configuration.len(), 1, "{report:?}");
    assert_eq!(report.configuration[0].value.as_deref(), Some("300"));
    assert_eq!(
        report.unknown_keys,
        [
            "SecurityCtrlr.BasicAuthPassword (Rejected)",
            "Nope.Nope (UnknownComponent)"
        ]
    );
}

#[test]
fn a_16_key_for_a_201_station_changes_nothing_and_says_how_to_name_it() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let st = sim201(commissioned(port, "CB-201-KEY"), false);
    let e = probe::run(
        &l,
        &Options {
            set: vec![("HeartbeatInterval".into(), "60".into())],
            ..opts()
        },
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(e.code, probe::E_PROBE_VARIABLE);
    assert!(e.message.contains("`HeartbeatInterval`"), "{}", e.message);
    assert!(
        e.help
            .as_deref()
            .unwrap_or_default()
            .contains("OCPPCommCtrlr.HeartbeatInterval"),
        "{e:?}"
    );
    assert!(!st.state().config.contains_key("HeartbeatInterval"));
    assert!(
        !st.log().iter().any(|l| l.contains("SetVariables")),
        "{:#?}",
        st.log()
    );
}

#[test]
fn probe_answers_every_call_of_a_chatty_201_station() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let st = sim201(commissioned(port, "CB-201-CHATTY"), true);
    let report = probe::run(
        &l,
        &Options {
            keys: vec!["OCPPCommCtrlr.HeartbeatInterval".into()],
            ..opts()
        },
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.configuration.len(), 1, "{report:?}");
    let log = st.log();
    let answers = common::chatter_answers(&log);
    assert_eq!(answers.len(), 7, "{log:#?}");
    for (action, frame) in &answers {
        let (kind, p) = (frame[0].as_u64(), &frame[2]);
        match action.as_str() {
            "StatusNotification" | "NotifyEvent" | "SecurityEventNotification" => {
                assert_eq!((kind, p), (Some(3), &serde_json::json!({})), "{action}")
            }
            "Heartbeat" => assert!(p["currentTime"].is_string(), "{frame}"),
            "Authorize" => assert_eq!(p["idTokenInfo"]["status"], "Invalid", "{frame}"),
            "DataTransfer" => assert_eq!(p["status"], "UnknownVendorId", "{frame}"),
            "SignCertificate" => {
                assert_eq!(
                    (kind, p.as_str()),
                    (Some(4), Some("NotImplemented")),
                    "{frame}"
                )
            }
            other => panic!("unexpected chatter {other}"),
        }
    }
    assert!(
        report
            .station_calls
            .iter()
            .any(|c| c.contains("StatusNotification EVSE 1 connector 1 Occupied")),
        "{:?}",
        report.station_calls
    );
}

#[test]
fn the_cli_speaks_the_version_asked_for_and_refuses_the_other() {
    // a 2.0.1 station and `--ocpp-version 1.6`: refused with both names in the message
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    let st = sim201(commissioned(port, "CB-201-CLI"), false);
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::cargo_bin("evfield")
        .unwrap()
        .args(["--json", "ocpp", "probe", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["--wait", "10", "--ocpp-version", "1.6"])
        .arg("--data-dir")
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let err: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(err["error"]["code"], "E_PROBE_PROTOCOL", "{err}");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("ocpp2.0.1") && msg.contains("ocpp1.6"),
        "{msg}"
    );

    // the same station with `--ocpp-version 2.0.1`: its identity and variables
    let deadline = Instant::now() + Duration::from_secs(10);
    let out = loop {
        let out = std::process::Command::cargo_bin("evfield")
            .unwrap()
            .args(["--json", "ocpp", "probe", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--wait", "10", "--ocpp-version", "2.0.1"])
            .args(["--key", "SecurityCtrlr.Identity"])
            .arg("--data-dir")
            .arg(data.path())
            .output()
            .unwrap();
        // the port may still be held by the first run's socket for a moment
        if out.status.code() != Some(2) || Instant::now() > deadline {
            break out;
        }
    };
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["probe"]["ocpp_version"], "2.0.1", "{v}");
    assert_eq!(v["probe"]["subprotocol"], "ocpp2.0.1");
    assert_eq!(v["identity"]["serial"], st.state().serial.as_str());
    assert_eq!(
        v["probe"]["configuration"][0]["key"],
        "SecurityCtrlr.Identity"
    );
    assert_eq!(v["probe"]["configuration"][0]["value"], "CB-201-CLI");
}
