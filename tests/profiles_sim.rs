//! Every shipped vendor profile with a service port, against the simulator playing it over a
//! real pseudo-terminal: identify, commission with read-back, reboot, errors, and each fault.
//! Nothing sleeps to wait for something: waits poll against a deadline.

use std::collections::BTreeMap;
use std::time::Duration;

use evfield::sandbox::station::{self, Dialect, SimFaults, SimHandle, SimOptions, SimState};
use evfield::station::profile::{Profile, Registry};
use evfield::station::profiled::ProfileDriver;
use evfield::station::transport::open_serial;
use evfield::station::{OcppSettings, StationDriver};

fn profile(id: &str) -> Profile {
    let mut p = Registry::shipped().unwrap().get(id).unwrap().clone();
    // Short waits keep the fault tests fast; the retry count stays the profile's.
    p.protocol.timeout_ms = 300;
    p
}

fn start(d: Dialect, state: SimState, faults: SimFaults) -> SimHandle {
    station::start(
        state,
        SimOptions {
            dialect: d,
            boot_delay: Duration::from_millis(100),
            faults,
            ..Default::default()
        },
    )
    .expect("simulator starts")
}

fn driver(sim: &SimHandle, id: &str) -> ProfileDriver {
    let p = profile(id);
    let t = open_serial(sim.path(), &p.serial_settings()).expect("pty opens");
    ProfileDriver::new(p, t)
}

#[test]
fn evfield_sim_identify_commission_read_back_reboot_and_errors() {
    let mut state = Dialect::Console.default_state();
    state.errors = vec!["Ground fault".into(), "RCD tripped".into()];
    let sim = start(Dialect::Console, state.clone(), SimFaults::default());
    let mut d = driver(&sim, "evfield-sim");
    let id = d.identify().unwrap();
    assert_eq!(
        (id.serial.as_str(), id.mac.as_str(), id.firmware.as_str()),
        (
            state.serial.as_str(),
            state.mac.as_str(),
            state.firmware.as_str()
        )
    );
    let sim_status = d.read_sim().unwrap();
    assert_eq!(sim_status.iccid, state.iccid.clone().unwrap());
    assert!(sim_status.registered);
    let want = OcppSettings {
        url: "ws://127.0.0.1:9/ocpp".into(),
        charge_box_id: "EVF=02EF10004D01".into(),
    };
    d.write_ocpp(&want).unwrap();
    assert_eq!(d.read_ocpp().unwrap(), want);
    assert_eq!(sim.state().ocpp_url.as_deref(), Some(want.url.as_str()));
    assert_eq!(
        d.read_errors().unwrap(),
        vec!["Ground fault", "RCD tripped"]
    );
    let boots = sim.boots();
    d.reboot().unwrap();
    d.wait_ready(Duration::from_secs(5)).unwrap();
    assert_eq!(sim.boots(), boots + 1);
    // A refused write names the step, the command and the station's reason.
    let e = d
        .write_ocpp(&OcppSettings {
            url: "http://wrong".into(),
            charge_box_id: "X".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED");
    assert!(e.message.contains(sim.path()), "{}", e.message);
    assert!(
        e.message.contains("`OCPP SET url=http://wrong id=X`"),
        "{}",
        e.message
    );
    assert!(e.message.contains("bad_url"), "{}", e.message);
    assert!(e.message.contains("step `write_ocpp`"), "{}", e.message);
    // Every byte is in the traffic.
    let sent: Vec<u8> = d
        .take_traffic()
        .into_iter()
        .filter(|t| t.dir == evfield::station::Direction::Sent)
        .flat_map(|t| t.bytes)
        .collect();
    assert!(String::from_utf8_lossy(&sent).starts_with("ID\r\nSIM\r\nOCPP SET "));
}

#[test]
fn openevse_identify_state_errors_and_reboot_over_rapi() {
    let state = Dialect::Rapi.default_state();
    let sim = start(Dialect::Rapi, state.clone(), SimFaults::default());
    let mut d = driver(&sim, "openevse");
    // RAPI cannot tell the WiFi module's MAC: the installer gives it.
    d.provide("mac", "24-0a-c4-11-22-33");
    let id = d.identify().unwrap();
    assert_eq!(id.manufacturer, "OpenEVSE");
    assert_eq!(id.serial, state.serial);
    assert_eq!(id.firmware, state.firmware);
    assert_eq!(id.mac, "24:0A:C4:11:22:33");
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state"), Some("01"));
    assert_eq!(st.get("state_text"), Some("ready (A: no vehicle)"));
    assert!(d.read_errors().unwrap().is_empty());
    sim.set_faults(SimFaults::default());
    // A GFCI fault shows as a station error.
    let mut faulty = state.clone();
    faulty.evse_state = 6;
    let sim2 = start(Dialect::Rapi, faulty, SimFaults::default());
    let mut d2 = driver(&sim2, "openevse");
    assert_eq!(d2.read_errors().unwrap(), vec!["GFCI fault"]);
    // The clock is readable (for the clock lint).
    let clock = d2.run("read_clock", &BTreeMap::new()).unwrap();
    assert_eq!(clock.get("clock").map(|c| c.split(' ').count()), Some(6));
    // Restart: $FR, then the $AB boot notification.
    let boots = sim.boots();
    d.reboot().unwrap();
    d.wait_ready(Duration::from_secs(5)).unwrap();
    assert_eq!(sim.boots(), boots + 1);
    // Checksums go out on every frame.
    let sent: Vec<u8> = d
        .take_traffic()
        .into_iter()
        .filter(|t| t.dir == evfield::station::Direction::Sent)
        .flat_map(|t| t.bytes)
        .collect();
    assert!(
        String::from_utf8_lossy(&sent).starts_with("$GV^35\r$GI^"),
        "{}",
        String::from_utf8_lossy(&sent)
    );
    // OCPP lives in the WiFi module: the write is a guided step, not a RAPI command.
    let e = d
        .write_ocpp(&OcppSettings {
            url: "ws://x/ocpp".into(),
            charge_box_id: "A".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_NO_STEP");
    assert!(e.message.contains("guided"), "{}", e.message);
}

/// Each fault ends in a clear error naming the port, the command and the step.
fn fault_case(d: Dialect, id: &str, faults: SimFaults, code: &str, provide_mac: bool) {
    let sim = start(d, d.default_state(), faults.clone());
    let mut drv = driver(&sim, id);
    if provide_mac {
        drv.provide("mac", "24:0A:C4:11:22:33");
    }
    let e = drv.identify().unwrap_err();
    assert_eq!(e.code, code, "{faults:?}: {}", e.message);
    assert!(e.message.contains(sim.path()), "{}", e.message);
    assert!(e.message.contains("step `identify`"), "{}", e.message);
    assert!(e.help.is_some());
}

#[test]
fn faults_on_the_console_profile() {
    let d = Dialect::Console;
    let id = "evfield-sim";
    fault_case(
        d,
        id,
        SimFaults {
            silent: true,
            ..Default::default()
        },
        "E_STATION_TIMEOUT",
        false,
    );
    fault_case(
        d,
        id,
        SimFaults {
            garbage: true,
            ..Default::default()
        },
        "E_STATION_GARBLED",
        false,
    );
    fault_case(
        d,
        id,
        SimFaults {
            slow_reply: Some(Duration::from_millis(800)),
            ..Default::default()
        },
        "E_STATION_TIMEOUT",
        false,
    );
    fault_case(
        d,
        id,
        SimFaults {
            unplug_mid_reply: true,
            ..Default::default()
        },
        "E_STATION_UNPLUGGED",
        false,
    );
    // Echo is tolerated; a slow reply within the timeout is fine.
    for faults in [
        SimFaults {
            echo: true,
            ..Default::default()
        },
        SimFaults {
            slow_reply: Some(Duration::from_millis(50)),
            ..Default::default()
        },
    ] {
        let sim = start(d, d.default_state(), faults);
        assert_eq!(
            driver(&sim, id).identify().unwrap().serial,
            d.default_state().serial
        );
    }
}

#[test]
fn faults_on_the_openevse_profile() {
    let d = Dialect::Rapi;
    let id = "openevse";
    fault_case(
        d,
        id,
        SimFaults {
            silent: true,
            ..Default::default()
        },
        "E_STATION_TIMEOUT",
        true,
    );
    fault_case(
        d,
        id,
        SimFaults {
            garbage: true,
            ..Default::default()
        },
        "E_STATION_GARBLED",
        true,
    );
    fault_case(
        d,
        id,
        SimFaults {
            bad_checksum: true,
            ..Default::default()
        },
        "E_STATION_CHECKSUM",
        true,
    );
    fault_case(
        d,
        id,
        SimFaults {
            unplug_mid_reply: true,
            ..Default::default()
        },
        "E_STATION_UNPLUGGED",
        true,
    );
    let sim = start(
        d,
        d.default_state(),
        SimFaults {
            silent: true,
            ..Default::default()
        },
    );
    let mut drv = driver(&sim, id);
    drv.provide("mac", "24:0A:C4:11:22:33");
    let e = drv.identify().unwrap_err();
    // The profile retries twice: three attempts.
    assert!(e.message.contains("3 attempts"), "{}", e.message);
    assert!(e.message.contains("`$GV`"), "{}", e.message);
    // Echo on (the firmware's `FF E 1`, or the fault): still read correctly.
    let sim = start(
        d,
        d.default_state(),
        SimFaults {
            echo: true,
            ..Default::default()
        },
    );
    let mut drv = driver(&sim, id);
    drv.provide("mac", "24:0A:C4:11:22:33");
    assert_eq!(drv.identify().unwrap().firmware, d.default_state().firmware);
}

#[test]
fn station_info_json_against_the_openevse_simulator() {
    let state = Dialect::Rapi.default_state();
    let sim = start(Dialect::Rapi, state.clone(), SimFaults::default());
    let data = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args([
            "station", "info", "--json", "--vendor", "openevse", "--port",
        ])
        .arg(sim.path())
        .args(["--given", "mac=24:0a:c4:11:22:33", "--data-dir"])
        .arg(data.path())
        .env_remove("EVFIELD_PORT")
        .env_remove("EVFIELD_VENDOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["identity"]["serial"], state.serial.as_str());
    assert_eq!(v["identity"]["firmware"], state.firmware.as_str());
    assert_eq!(v["identity"]["mac"], "24:0A:C4:11:22:33");
    assert_eq!(v["state"]["state"], "01");
    assert_eq!(v["firmware"]["ok"], true);
    assert_eq!(v["vendor"], "openevse");
    // The port is remembered for next time (with its vendor).
    let out = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args([
            "station",
            "info",
            "--json",
            "--given",
            "mac=x",
            "--data-dir",
        ])
        .arg(data.path())
        .env_remove("EVFIELD_PORT")
        .env_remove("EVFIELD_VENDOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["port"], sim.path());
}

fn modem_verdict(
    change: impl FnOnce(&mut SimState),
    apn: Option<&str>,
) -> evfield::station::at::ModemReport {
    let mut state = Dialect::Modem.default_state();
    change(&mut state);
    let sim = start(Dialect::Modem, state, SimFaults::default());
    let mut d = driver(&sim, "generic-modem");
    d.modem_check(apn).unwrap()
}

#[test]
fn modem_check_verdicts_over_at_commands() {
    let ok = modem_verdict(|_| {}, Some("old.apn"));
    assert_eq!(ok.verdict, "ok", "{ok:?}");
    assert_eq!(ok.pin_state, "READY");
    assert_eq!(ok.iccid.as_deref(), Some(evfield::sandbox::demo::OLD_ICCID));
    assert_eq!(ok.iccid_luhn_ok, Some(true));
    assert_eq!(ok.signal_dbm, Some(-71));
    assert_eq!(ok.bars, Some(4));
    assert_eq!(ok.operator.as_deref(), Some("Telia N"));
    let reg = ok.registration.unwrap();
    assert_eq!(
        (
            reg.state.as_str(),
            reg.area.as_deref(),
            reg.cell_id.as_deref()
        ),
        ("home", Some("1A2B"), Some("01C2D3E4"))
    );

    let searching = modem_verdict(
        |s| {
            s.registration = 2;
            s.rssi_dbm = Some(-85)
        },
        None,
    );
    assert_eq!(searching.verdict, "searching", "{searching:?}");
    let underground = modem_verdict(
        |s| {
            s.registration = 2;
            s.rssi_dbm = None
        },
        None,
    );
    assert_eq!(underground.verdict, "no_signal");
    assert_eq!(
        underground.signal_dbm, None,
        "CSQ 99 is unknown, not -113 dBm"
    );
    assert!(underground.next.contains("repeater"));
    let denied = modem_verdict(|s| s.registration = 3, None);
    assert_eq!(denied.verdict, "denied");
    assert!(denied.next.contains(evfield::sandbox::demo::OLD_ICCID));
    let no_sim = modem_verdict(|s| s.iccid = None, None);
    assert_eq!(no_sim.verdict, "no_sim");
    assert_eq!(no_sim.pin_state, "NOT INSERTED");
    assert!(no_sim.next.contains("reseat"));
    let locked = modem_verdict(|s| s.sim_pin = "SIM PIN".into(), None);
    assert_eq!(locked.verdict, "sim_locked");
    let wrong_apn = modem_verdict(|_| {}, Some("iot.network.apn"));
    assert_eq!(wrong_apn.verdict, "apn_wrong");
}

#[test]
fn modem_check_cli_sets_the_apn_and_reports_json() {
    let sim = start(
        Dialect::Modem,
        Dialect::Modem.default_state(),
        SimFaults {
            echo: true,
            ..Default::default()
        },
    );
    let data = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args(["modem", "check", "--json", "--port"])
        .arg(sim.path())
        .args(["--set-apn", "iot.network.apn", "--data-dir"])
        .arg(data.path())
        .env_remove("EVFIELD_PORT")
        .env_remove("EVFIELD_VENDOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["modem"]["verdict"], "ok");
    assert_eq!(v["modem"]["apn"], "iot.network.apn");
    assert_eq!(sim.state().apn.as_deref(), Some("iot.network.apn"));
    // No SIM: a non-zero exit with the verdict and what to do.
    let mut state = Dialect::Modem.default_state();
    state.iccid = None;
    let sim = start(Dialect::Modem, state, SimFaults::default());
    let out = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args(["modem", "check", "--port"])
        .arg(sim.path())
        .arg("--data-dir")
        .arg(data.path())
        .env_remove("EVFIELD_VENDOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("no_sim"), "{stdout}");
}

#[test]
fn chargestorm_eva_identify_commission_read_back_reboot_and_alarms() {
    let mut state = Dialect::Eva.default_state();
    state.errors = vec!["No network contact".into()];
    let sim = start(Dialect::Eva, state.clone(), SimFaults::default());
    let mut d = driver(&sim, "chargestorm-eva");
    let id = d.identify().unwrap();
    assert_eq!(id.manufacturer, "ChargeStorm");
    assert_eq!(id.model, "EVA");
    assert_eq!(id.serial, "000003586");
    assert_eq!(id.firmware, "ccu_R3.6.13-0-g6cb0");
    // The vendor's version rule reads the build string.
    assert!(
        d.profile()
            .version_rule()
            .at_least(&id.firmware, "R3.6.10")
            .unwrap()
    );
    let want = OcppSettings {
        url: "wss://fastcars.oamportal.com/Ocpp/websocket".into(),
        charge_box_id: "000003586".into(),
    };
    d.write_ocpp(&want).unwrap();
    assert_eq!(d.read_ocpp().unwrap(), want);
    assert_eq!(d.read_errors().unwrap(), vec!["No network contact"]);
    let boots = sim.boots();
    d.reboot().unwrap();
    d.wait_ready(Duration::from_secs(5)).unwrap();
    assert_eq!(sim.boots(), boots + 1);
    let e = d
        .write_ocpp(&OcppSettings {
            url: "ftp://x".into(),
            charge_box_id: "A".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED");
    assert!(
        e.message.contains("setconf endpoint ftp://x"),
        "{}",
        e.message
    );
    fault_case(
        Dialect::Eva,
        "chargestorm-eva",
        SimFaults {
            silent: true,
            ..Default::default()
        },
        "E_STATION_TIMEOUT",
        false,
    );
    fault_case(
        Dialect::Eva,
        "chargestorm-eva",
        SimFaults {
            garbage: true,
            ..Default::default()
        },
        "E_STATION_GARBLED",
        false,
    );
    fault_case(
        Dialect::Eva,
        "chargestorm-eva",
        SimFaults {
            unplug_mid_reply: true,
            ..Default::default()
        },
        "E_STATION_UNPLUGGED",
        false,
    );
    let sim = start(
        Dialect::Eva,
        state,
        SimFaults {
            echo: true,
            ..Default::default()
        },
    );
    assert_eq!(
        driver(&sim, "chargestorm-eva").identify().unwrap().serial,
        "000003586"
    );
}

#[test]
fn vendors_decode_cli_refuses_an_article_without_ocpp() {
    let ok = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args(["vendors", "decode", "PLP1-0-2-4-9-002", "--json"])
        .output()
        .unwrap();
    assert!(ok.status.success());
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["model"], "Pulsar Plus");
    assert_eq!(v["ocpp"], true);
    let no = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args(["vendors", "decode", "PLP1-0-2-4-1-002"])
        .output()
        .unwrap();
    assert_eq!(no.status.code(), Some(7));
    assert!(String::from_utf8_lossy(&no.stderr).contains("OCPP finns endast i"));
    let rfid = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args(["rfid", "convert", "04:A2:2B:1A", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&rfid.stdout).unwrap();
    assert_eq!(
        (v["le_hex"].as_str(), v["decimal"].as_str()),
        (Some("1A2BA204"), Some("77736730"))
    );
}

#[test]
fn a_never_commissioned_station_reads_as_ocpp_not_set() {
    // Found by the service-port fault campaign: `station info` failed on a fresh station
    // because `OCPP GET` answers a bare `OK` before the first commissioning.
    let sim = start(
        Dialect::Console,
        Dialect::Console.default_state(),
        SimFaults::default(),
    );
    let mut d = driver(&sim, "evfield-sim");
    let o = d.read_ocpp().unwrap();
    assert_eq!((o.url.as_str(), o.charge_box_id.as_str()), ("", ""));
    drop(d); // the port is opened exclusively
    let data = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args(["station", "info", "--json", "--vendor", "evfield-sim"])
        .arg("--port")
        .arg(sim.path())
        .arg("--data-dir")
        .arg(data.path())
        .env_remove("EVFIELD_PORT")
        .env_remove("EVFIELD_VENDOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ocpp"]["url"], "");
    assert_eq!(
        v["identity"]["serial"],
        Dialect::Console.default_state().serial
    );
}

#[test]
fn a_paced_simulator_takes_at_least_the_line_time_of_its_bytes() {
    // 9 600 baud: about 1 ms a byte, so the identity's ~110 bytes take over 100 ms.
    let sim = station::start(
        Dialect::Console.default_state(),
        SimOptions {
            baud: Some(9600),
            ..Default::default()
        },
    )
    .unwrap();
    let mut d = driver(&sim, "evfield-sim");
    d.identify().unwrap(); // the boot banner out of the way
    let _ = d.take_traffic();
    let t = std::time::Instant::now();
    let id = d.identify().unwrap();
    let took = t.elapsed();
    assert_eq!(id.serial, Dialect::Console.default_state().serial);
    let bytes: usize = d.take_traffic().iter().map(|t| t.bytes.len()).sum();
    let line_time = Duration::from_secs_f64(bytes as f64 * 10.0 / 9600.0);
    assert!(bytes > 100, "{bytes}");
    assert!(
        took >= line_time,
        "{took:?} < {line_time:?} for {bytes} bytes"
    );
}

/// The ICCID reply forms of the modem makers' manuals (tests/fixtures/vendors/generic-modem/
/// iccid.tsv): the simulator answers exactly so, and the modem check reads the ICCID from each,
/// trying the makers' commands in turn (issue 14 item 5).
#[test]
fn every_makers_iccid_reply_is_read() {
    let rows: Vec<Vec<String>> = include_str!("fixtures/vendors/generic-modem/iccid.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    assert!(rows.len() >= 6);
    for row in rows {
        let (maker, command, line, iccid) = (&row[0], &row[1], &row[2], &row[3]);
        let mut state = Dialect::Modem.default_state();
        state.iccid = Some(iccid.clone());
        state.config.insert("modem.maker".into(), maker.clone());
        // the simulator, byte for byte
        let (reply, _) = evfield::sandbox::station::dialects::execute(
            Dialect::Modem,
            &mut state.clone(),
            command,
        );
        assert_eq!(
            reply,
            vec![line.clone(), "OK".to_string()],
            "{maker} {command}"
        );
        // the parser
        let parsed = evfield::station::at::parse_iccid(&evfield::station::at::AtReply {
            lines: vec![line.clone()],
            error: None,
        });
        assert_eq!(parsed.as_deref(), Some(iccid.as_str()), "{line}");
        // the whole check over the port, whichever command this maker answers
        let sim = start(Dialect::Modem, state, SimFaults::default());
        let report = driver(&sim, "generic-modem").modem_check(None).unwrap();
        assert_eq!(report.iccid.as_deref(), Some(iccid.as_str()), "{maker}");
        let hex = iccid.bytes().any(|b| !b.is_ascii_digit());
        assert_eq!(report.iccid_luhn_ok.is_none(), hex, "{maker}: {report:?}");
    }
}

#[test]
fn a_modem_that_answers_no_iccid_command_is_never_ok_and_sms_only_is_no_data() {
    let silent = modem_verdict(
        |s| {
            s.config.insert("modem.maker".into(), "none".into());
        },
        None,
    );
    assert!(silent.iccid.is_none(), "{silent:?}");
    assert_eq!(silent.verdict, "iccid_unreadable", "{silent:?}");
    let sms = modem_verdict(|s| s.registration = 6, None);
    assert_eq!(sms.verdict, "sms_only", "{sms:?}");
    let unknown = modem_verdict(|s| s.rssi_dbm = None, None);
    assert_eq!(unknown.bars, None, "CSQ 99 is no bars, not 0 of 4");
    let off = modem_verdict(
        |s| {
            s.config.insert("modem.cfun".into(), "4".into());
        },
        None,
    );
    assert_eq!(off.verdict, "radio_off", "{off:?}");
    assert_eq!(off.functionality, Some(4));
    // and who the modem is
    let ok = modem_verdict(|_| {}, None);
    let state = Dialect::Modem.default_state();
    assert_eq!(
        ok.manufacturer.as_deref(),
        Some(state.manufacturer.as_str())
    );
    assert_eq!(ok.model.as_deref(), Some(state.model.as_str()));
    assert_eq!(ok.firmware.as_deref(), Some(state.firmware.as_str()));
    assert_eq!(ok.imei.as_deref(), Some(state.serial.as_str()));
    assert_eq!(ok.functionality, Some(1));
}
