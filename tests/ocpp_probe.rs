//! `evfield ocpp probe` against the simulated station acting as an OCPP 1.6J client: the probe
//! accepts its connection, reads its BootNotification and configuration, changes a key and
//! resets it; the station really stores the key and really restarts.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use evfield::sandbox::station::{self, Dialect, SimOptions, SimState};
use evfield::station::probe::{self, Options};

fn commissioned(d: Dialect, port: u16, id: &str) -> SimState {
    let mut s = d.default_state();
    s.ocpp_url = Some(format!("ws://127.0.0.1:{port}/ocpp"));
    s.charge_box_id = Some(id.into());
    s
}

fn sim(d: Dialect, state: SimState) -> station::SimHandle {
    station::start(
        state,
        SimOptions {
            dialect: d,
            boot_delay: Duration::from_millis(100),
            ocpp_retry: Duration::from_millis(50),
            ..Default::default()
        },
    )
    .unwrap()
}

fn opts() -> Options {
    Options {
        wait: Duration::from_secs(10),
        boot_wait: Duration::from_secs(5),
        call_timeout: Duration::from_secs(5),
        ..Default::default()
    }
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
fn probe_refuses_a_station_without_ocpp16() {
    let l = probe::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let client = std::thread::spawn(move || {
        let req = tungstenite::ClientRequestBuilder::new(
            format!("ws://127.0.0.1:{port}/ocpp/X").parse().unwrap(),
        )
        .with_sub_protocol("ocpp2.0.1");
        tungstenite::connect(req).map(|_| ()).is_err()
    });
    let e = probe::run(&l, &opts(), &mut |_| {}).unwrap_err();
    assert_eq!(e.code, probe::E_PROBE_PROTOCOL);
    assert!(e.message.contains("ocpp2.0.1"), "{}", e.message);
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
