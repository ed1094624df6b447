//! `evfield ocpp probe` against the simulated station acting as an OCPP 1.6J client: the probe
//! accepts its connection, reads its BootNotification and configuration, changes a key and
//! resets it; the station really stores the key and really restarts.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use evfield::sandbox::station::{self, Dialect, SimOptions, SimState};
use evfield::station::probe::{self, Options};

mod common;

use common::{probe_options as opts, probe_station as commissioned};

fn sim(d: Dialect, state: SimState) -> station::SimHandle {
    common::probe_sim(
        state,
        SimOptions {
            dialect: d,
            ..Default::default()
        },
    )
}

#[test]
fn probe_reads_boot_and_configuration_changes_a_key_and_resets() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let state = commissioned(Dialect::Console, port, "CB-PROBE-1");
    let st = sim(Dialect::Console, state.clone());
    let boots = st.boots();
    let mut seen = Vec::new();
    let report = probe::run(
        &l,
        &Options {
            set: vec![
                ("HeartbeatInterval".into(), "120".into()),
                ("NumberOfConnectors".into(), "2".into()),
                ("NoSuchKey".into(), "1".into()),
            ],
            reset: Some("Soft".into()),
            ..opts()
        },
        &mut |m| seen.push(m),
    )
    .unwrap();
    assert_eq!(report.charge_box_id, "CB-PROBE-1");
    assert_eq!(report.path, "/ocpp/CB-PROBE-1");
    let boot = report.boot.clone().expect("BootNotification");
    assert_eq!(boot.vendor, state.manufacturer);
    assert_eq!(boot.model, state.model);
    assert_eq!(boot.serial.as_deref(), Some(state.serial.as_str()));
    assert_eq!(boot.firmware.as_deref(), Some(state.firmware.as_str()));
    assert_eq!(boot.iccid, state.iccid);
    let hb = report
        .configuration
        .iter()
        .find(|k| k.key == "HeartbeatInterval")
        .expect("HeartbeatInterval reported");
    assert_eq!(hb.value.as_deref(), Some("300"));
    assert!(!hb.readonly);
    assert!(
        report
            .configuration
            .iter()
            .any(|k| k.key == "NumberOfConnectors" && k.readonly)
    );
    let statuses: Vec<(&str, &str, Option<&str>)> = report
        .changes
        .iter()
        .map(|c| (c.key.as_str(), c.status.as_str(), c.read_back.as_deref()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("HeartbeatInterval", "Accepted", Some("120")),
            ("NumberOfConnectors", "Rejected", None),
            ("NoSuchKey", "NotSupported", None),
        ]
    );
    // The station stored the key.
    assert_eq!(st.state().config["HeartbeatInterval"], "120");
    // The reset: accepted, the station restarted and booted again.
    let reset = report.reset.clone().unwrap();
    assert_eq!(reset.status, "Accepted");
    assert!(reset.rebooted, "{seen:?}");
    assert!(st.boots() > boots);
    assert!(
        report
            .station_calls
            .iter()
            .any(|c| c.starts_with("StatusNotification connector 1 Available")),
        "{:?}",
        report.station_calls
    );
    assert!(seen.iter().any(|m| m.contains("connected from 127.0.0.1")));
}

#[test]
fn probe_asks_for_named_keys_of_a_vendor() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    // ChargeStorm EVA's own keys (seed 003) are in its configuration.
    let _st = sim(Dialect::Eva, commissioned(Dialect::Eva, port, "000003586"));
    let report = probe::run(
        &l,
        &Options {
            keys: vec![
                "ConnectionTimeOut".into(),
                "AuthCacheLifeTime".into(),
                "Bogus".into(),
            ],
            ..opts()
        },
        &mut |_| {},
    )
    .unwrap();
    let got: Vec<(&str, Option<&str>)> = report
        .configuration
        .iter()
        .map(|k| (k.key.as_str(), k.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("ConnectionTimeOut", Some("180")),
            ("AuthCacheLifeTime", Some("2592000"))
        ]
    );
    assert_eq!(report.unknown_keys, vec!["Bogus"]);
    assert_eq!(
        report.boot.unwrap().firmware.as_deref(),
        Some("ccu_R3.6.13-0-g6cb0")
    );
}

#[test]
fn probe_refuses_a_station_that_speaks_neither_16_nor_201() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let client = std::thread::spawn(move || {
        let req = tungstenite::ClientRequestBuilder::new(
            format!("ws://127.0.0.1:{port}/ocpp/X").parse().unwrap(),
        )
        .with_sub_protocol("ocpp2.0");
        tungstenite::connect(req).map(|_| ()).is_err()
    });
    let e = probe::run(&l, &opts(), &mut |_| {}).unwrap_err();
    assert_eq!(e.code, probe::E_PROBE_PROTOCOL);
    assert!(
        e.message.contains("ocpp2.0") && e.message.contains("ocpp1.6, ocpp2.0.1"),
        "{}",
        e.message
    );
    assert!(client.join().unwrap(), "the handshake must be refused");
}

#[test]
fn ocpp_probe_cli_prints_identity_and_configuration_as_json() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::cargo_bin("evfield")
        .unwrap()
        .args([
            "ocpp",
            "probe",
            "--bind",
            "127.0.0.1:0",
            "--wait",
            "20",
            "--json",
            "--set",
            "MeterValueSampleInterval=30",
            "--data-dir",
        ])
        .arg(data.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The probe says where it listens; the station is pointed there.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(20);
    let port = loop {
        assert!(
            Instant::now() < deadline,
            "the probe never said where it listens"
        );
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            panic!("the probe ended early");
        }
        if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse::<u16>().unwrap();
        }
    };
    let st = sim(
        Dialect::Console,
        commissioned(Dialect::Console, port, "CB-CLI"),
    );
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["charge_box_id"], "CB-CLI");
    assert_eq!(v["identity"]["serial"], st.state().serial.as_str());
    assert_eq!(
        v["identity"]["manufacturer"],
        st.state().manufacturer.as_str()
    );
    assert_eq!(v["probe"]["changes"][0]["status"], "Accepted");
    assert_eq!(v["probe"]["changes"][0]["read_back"], "30");
    assert!(
        v["probe"]["configuration"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["key"] == "SupportedFeatureProfiles")
    );
    // No station: a clear error with the URL to set, exit code 4.
    let out = Command::cargo_bin("evfield")
        .unwrap()
        .args(["ocpp", "probe", "--bind", "127.0.0.1:0", "--wait", "1"])
        .arg("--data-dir")
        .arg(data.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("E_PROBE_TIMEOUT") || err.contains("no station connected"),
        "{err}"
    );
    // A bad --set is a usage error before anything listens.
    let out = Command::cargo_bin("evfield")
        .unwrap()
        .args(["ocpp", "probe", "--bind", "127.0.0.1:0", "--set", "=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

use common::chatter_answers;

#[test]
fn probe_answers_every_station_call_while_it_waits_and_closes_with_a_close_frame() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let st = station::start(
        commissioned(Dialect::Console, port, "CB-CHATTY"),
        SimOptions {
            dialect: Dialect::Console,
            boot_delay: Duration::from_millis(100),
            ocpp_retry: Duration::from_millis(50),
            ocpp_chatter: true,
            ..Default::default()
        },
    )
    .unwrap();
    let report = probe::run(
        &l,
        &Options {
            keys: vec!["HeartbeatInterval".into()],
            set: vec![("MeterValueSampleInterval".into(), "60".into())],
            reset: Some("Soft".into()),
            ..opts()
        },
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.configuration.len(), 1, "{report:?}");
    assert_eq!(report.changes[0].status, "Accepted");
    assert!(report.reset.as_ref().unwrap().rebooted);
    let log = st.log();
    let answers = chatter_answers(&log);
    // GetConfiguration, ChangeConfiguration, GetConfiguration (read back), Reset: the station
    // sent its seven calls before answering each, and every one was answered.
    assert_eq!(answers.len(), 4 * 7, "{log:#?}");
    for (action, frame) in &answers {
        let kind = frame[0].as_u64();
        let p = &frame[2];
        match action.as_str() {
            "StatusNotification" | "MeterValues" => {
                assert_eq!((kind, p), (Some(3), &serde_json::json!({})), "{action}")
            }
            "Heartbeat" => {
                assert_eq!(kind, Some(3));
                let t = p["currentTime"].as_str().expect("currentTime");
                assert!(chrono::DateTime::parse_from_rfc3339(t).is_ok(), "{t}");
            }
            "Authorize" => {
                assert_eq!(kind, Some(3));
                assert_eq!(p["idTagInfo"]["status"], "Invalid");
            }
            "DataTransfer" => {
                assert_eq!(kind, Some(3));
                assert_eq!(p["status"], "UnknownVendorId");
            }
            // the OCPP 1.6 security whitepaper's notification is acknowledged
            "SecurityEventNotification" => {
                assert_eq!((kind, p), (Some(3), &serde_json::json!({})), "{action}")
            }
            "SignCertificate" => {
                assert_eq!(kind, Some(4), "{frame}");
                assert_eq!(frame[2], "NotImplemented");
            }
            other => panic!("unexpected chatter {other}"),
        }
    }
    assert!(
        report
            .station_calls
            .iter()
            .any(|c| c.starts_with("StatusNotification connector 1 Preparing")),
        "{:?}",
        report.station_calls
    );
    // The BootNotification after the reset was accepted with an interval.
    let accepted = log
        .iter()
        .filter(|l| l.contains("BootNotification accepted (interval 300 s)"))
        .count();
    assert_eq!(accepted, 2, "{log:#?}");
    // The probe ended the session after the reboot with a Close frame, not by going silent or
    // dropping the socket.
    wait_until("the station to see the probe's Close frame", || {
        st.log().iter().any(|l| {
            l.contains("the central system closed the connection (evfield probe done (1000))")
        })
    });
}

#[test]
fn probe_closes_with_a_close_frame_when_it_refuses_another_station() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let st = sim(
        Dialect::Console,
        commissioned(Dialect::Console, port, "CB-X"),
    );
    refuses_as_another_station(&l);
    wait_until("the station to see the probe's Close frame", || {
        st.log()
            .iter()
            .any(|l| l.contains("the central system closed the connection (evfield probe done"))
    });
}

/// Poll `done` until it holds, failing after 10 s.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A hand-driven OCPP 1.6J station: connects to the probe, sends `frames` back to back, and
/// returns everything the probe sent until its Close frame (`None` when the connection ended
/// without one).
fn scripted_station(
    port: u16,
    frames: Vec<String>,
) -> std::thread::JoinHandle<(Vec<serde_json::Value>, Option<u16>)> {
    std::thread::spawn(move || {
        let req = tungstenite::ClientRequestBuilder::new(
            format!("ws://127.0.0.1:{port}/ocpp/CB-SCRIPT")
                .parse()
                .unwrap(),
        )
        .with_sub_protocol("ocpp1.6");
        let (mut ws, _) = tungstenite::connect(req).unwrap();
        for f in frames {
            ws.send(tungstenite::Message::text(f)).unwrap();
        }
        let mut got = Vec::new();
        loop {
            match ws.read() {
                Ok(tungstenite::Message::Text(t)) => {
                    got.push(serde_json::from_str(t.as_str()).unwrap())
                }
                Ok(tungstenite::Message::Close(f)) => {
                    return (got, Some(f.map_or(0, |f| u16::from(f.code))));
                }
                Ok(_) => {}
                Err(_) => return (got, None),
            }
        }
    })
}

#[test]
fn probe_answers_calls_already_sent_before_it_closes_on_another_station() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let station = scripted_station(
        port,
        vec![
            r#"[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M","chargePointSerialNumber":"S-OTHER"}]"#.into(),
            r#"[2,"h1","Heartbeat",{}]"#.into(),
        ],
    );
    refuses_as_another_station(&l);
    let (got, close) = station.join().unwrap();
    assert_eq!(close, Some(1000), "{got:?}");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!((&got[0][0], &got[0][1]), (&3.into(), &"b1".into()));
    assert_eq!(got[0][2]["status"], "Accepted");
    assert_eq!(got[0][2]["interval"], 300);
    assert_eq!((&got[1][0], &got[1][1]), (&3.into(), &"h1".into()));
    assert!(got[1][2]["currentTime"].is_string(), "{got:?}");
}

#[test]
fn probe_sends_a_close_frame_when_the_station_speaks_nonsense() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let station = scripted_station(port, vec!["hello, central system".into()]);
    let e = probe::run(&l, &opts(), &mut |_| {}).unwrap_err();
    assert_eq!(e.code, probe::E_PROBE_PROTOCOL);
    let (got, close) = station.join().unwrap();
    assert!(got.is_empty(), "{got:?}");
    assert_eq!(close, Some(1000), "the probe must end with a Close frame");
}

/// Run the probe expecting a serial no station has: it must refuse the one that connects.
fn refuses_as_another_station(l: &std::net::TcpListener) {
    let e = probe::run(
        l,
        &Options {
            expect_serial: Some("S-NOT-THIS-ONE".into()),
            ..opts()
        },
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(e.code, probe::E_PROBE_OTHER_STATION);
}

#[test]
fn probe_answers_a_call_it_cannot_read_with_the_callerror_of_16_and_goes_on() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let station = scripted_station(
        port,
        vec![
            // a payload that is not an object, then a BootNotification without its model
            r#"[2,"m1","Heartbeat",[]]"#.into(),
            r#"[2,"m2","BootNotification",{"chargePointVendor":"V"}]"#.into(),
            r#"[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M","chargePointSerialNumber":"S-OTHER"}]"#.into(),
        ],
    );
    refuses_as_another_station(&l);
    let (got, close) = station.join().unwrap();
    assert_eq!(close, Some(1000), "{got:?}");
    assert_eq!(got.len(), 3, "{got:?}");
    let head = |v: &serde_json::Value| v.as_array().unwrap()[..3].to_vec();
    assert_eq!(
        head(&got[0]),
        serde_json::json!([4, "m1", "FormationViolation"])
            .as_array()
            .unwrap()
            .clone()
    );
    // 1.6 spells it OccurenceConstraintViolation
    assert_eq!(
        head(&got[1]),
        serde_json::json!([4, "m2", "OccurenceConstraintViolation"])
            .as_array()
            .unwrap()
            .clone()
    );
    assert!(
        got[1][3].as_str().unwrap().contains("chargePointModel"),
        "{got:?}"
    );
    assert_eq!((&got[2][0], &got[2][1]), (&3.into(), &"b1".into()));
}
