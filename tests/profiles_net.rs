//! The Modbus, HTTP and UDP vendor profiles against the simulator playing them: Modbus RTU on a
//! real pseudo-terminal, Modbus TCP, HTTP and UDP on 127.0.0.1. Identify, state, errors, OCPP
//! settings where the interface has them, and each fault (CRC error, exception, timeout, wrong
//! unit id, HTTP error, garbage, a connection cut mid-reply).

use std::collections::BTreeMap;
use std::time::Duration;

use evfield::sandbox::station::{self, Dialect, SimFaults, SimHandle, SimOptions, SimState};
use evfield::station::link::Target;
use evfield::station::modbus::{self, Mode, Reply, Request, Table};
use evfield::station::profile::{Profile, Registry};
use evfield::station::profiled::ProfileDriver;
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

fn on_port(sim: &SimHandle) -> Target {
    Target {
        port: Some(sim.path().to_string()),
        ..Default::default()
    }
}

fn on_address(sim: &SimHandle) -> Target {
    Target {
        address: Some(sim.address().expect("network address").to_string()),
        ..Default::default()
    }
}

fn driver(id: &str, target: &Target) -> ProfileDriver {
    ProfileDriver::open(profile(id), target).expect("station opens")
}

/// Each fault ends in a clear error naming where, the command and the step.
fn fault(d: Dialect, id: &str, faults: SimFaults, tcp: bool, code: &str) -> evfield::Error {
    let sim = start(d, d.default_state(), faults.clone());
    let target = if tcp { on_address(&sim) } else { on_port(&sim) };
    let mut drv = driver(id, &target);
    drv.provide("mac", "00:11:22:33:44:55");
    drv.provide("serial", "X1");
    let e = drv.identify().unwrap_err();
    assert_eq!(e.code, code, "{faults:?}: {}", e.message);
    let where_ = if tcp {
        sim.address().unwrap()
    } else {
        sim.path()
    };
    assert!(e.message.contains(where_), "{}", e.message);
    assert!(e.message.contains("step `identify`"), "{}", e.message);
    assert!(e.help.is_some());
    e
}

#[test]
fn abb_terra_ac_over_modbus_rtu_and_tcp() {
    let mut state = Dialect::Abb.default_state();
    state.evse_state = 4;
    let sim = start(Dialect::Abb, state.clone(), SimFaults::default());
    for target in [on_port(&sim), on_address(&sim)] {
        let mut d = driver("abb-terra-ac", &target);
        d.provide("mac", "00-0c-c6-5a-10-22");
        let id = d.identify().unwrap();
        assert_eq!(id.manufacturer, "ABB");
        assert_eq!(id.model, "Terra AC");
        assert_eq!(id.serial, "TACW22-3-0723-T0045");
        assert_eq!(id.firmware, "v1.7.12");
        assert_eq!(id.mac, "00:0C:C6:5A:10:22");
        let st = d.run("read_state", &BTreeMap::new()).unwrap();
        assert_eq!(st.get("state"), Some("4"));
        assert_eq!(st.get("state_text"), Some("charging (C2)"));
        assert_eq!(st.get("below_commanded"), Some("1"));
        assert!(d.read_errors().unwrap().is_empty());
        // Every frame is in the traffic: RTU frames carry unit 1 and function 03.
        let sent = d
            .take_traffic()
            .into_iter()
            .find(|t| t.dir == evfield::station::Direction::Sent)
            .unwrap()
            .bytes;
        if target.port.is_some() {
            assert_eq!(&sent[..2], &[0x01, 0x03]);
        } else {
            assert_eq!(&sent[6..8], &[0x01, 0x03]);
        }
    }
    // An error code is reported with its number.
    let mut state = Dialect::Abb.default_state();
    state.config.insert("error_code".into(), "14".into());
    let sim = start(Dialect::Abb, state, SimFaults::default());
    let mut d = driver("abb-terra-ac", &on_port(&sim));
    let errors = d.read_errors().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("error_code 14"), "{errors:?}");
    // OCPP is set in the app: a guided step, not a Modbus write.
    let e = d
        .write_ocpp(&OcppSettings {
            url: "ws://x/ocpp".into(),
            charge_box_id: "A".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_NO_STEP");
    assert!(e.message.contains("guided"), "{}", e.message);
}

#[test]
fn abb_faults_crc_exception_timeout_wrong_unit_garbage_unplug() {
    let d = Dialect::Abb;
    let id = "abb-terra-ac";
    let e = fault(
        d,
        id,
        SimFaults {
            crc_error: true,
            ..Default::default()
        },
        false,
        "E_STATION_CHECKSUM",
    );
    // Retried by the profile: three attempts.
    assert!(e.message.contains("3 attempts"), "{}", e.message);
    assert!(e.message.contains("bad CRC"), "{}", e.message);
    let e = fault(
        d,
        id,
        SimFaults {
            exception: Some(2),
            ..Default::default()
        },
        false,
        "E_STATION_EXCEPTION",
    );
    assert!(
        e.message
            .contains("exception 0x02 to function 0x03: illegal data address"),
        "{}",
        e.message
    );
    assert!(
        e.message
            .contains("read holding registers 16384..16389 (0x4000..0x4005) at unit 1")
    );
    let e = fault(
        d,
        id,
        SimFaults {
            silent: true,
            ..Default::default()
        },
        false,
        "E_STATION_TIMEOUT",
    );
    assert!(e.help.unwrap().contains("RS-485 wiring"));
    // RTU: a station set to another address stays silent; the help names the unit id.
    let e = fault(
        d,
        id,
        SimFaults {
            wrong_unit: true,
            ..Default::default()
        },
        false,
        "E_STATION_TIMEOUT",
    );
    assert!(e.help.unwrap().contains("--unit-id"));
    // TCP: it answers as its own unit.
    let e = fault(
        d,
        id,
        SimFaults {
            wrong_unit: true,
            ..Default::default()
        },
        true,
        "E_STATION_REPLY",
    );
    assert!(e.message.contains("as unit 2, not unit 1"), "{}", e.message);
    assert!(e.help.unwrap().contains("--unit-id 2"));
    fault(
        d,
        id,
        SimFaults {
            garbage: true,
            ..Default::default()
        },
        false,
        "E_STATION_GARBLED",
    );
    fault(
        d,
        id,
        SimFaults {
            unplug_mid_reply: true,
            ..Default::default()
        },
        false,
        "E_STATION_UNPLUGGED",
    );
    fault(
        d,
        id,
        SimFaults {
            unplug_mid_reply: true,
            ..Default::default()
        },
        true,
        "E_STATION_UNPLUGGED",
    );
    // A reply within the timeout is read; one beyond it times out.
    let sim = start(
        d,
        d.default_state(),
        SimFaults {
            slow_reply: Some(Duration::from_millis(100)),
            ..Default::default()
        },
    );
    let mut drv = driver(id, &on_port(&sim));
    drv.provide("mac", "00:0C:C6:5A:10:22");
    assert_eq!(drv.identify().unwrap().serial, "TACW22-3-0723-T0045");
    // (Beyond all three attempts: on RTU a late reply cannot be told from the next one's.)
    fault(
        d,
        id,
        SimFaults {
            slow_reply: Some(Duration::from_millis(2000)),
            ..Default::default()
        },
        false,
        "E_STATION_TIMEOUT",
    );
}

#[test]
fn modbus_writes_single_and_multiple_with_read_back_over_rtu_and_tcp() {
    let sim = start(
        Dialect::Abb,
        Dialect::Abb.default_state(),
        SimFaults::default(),
    );
    let rtu = evfield::station::transport::open_serial(
        sim.path(),
        &profile("abb-terra-ac").serial_settings(),
    )
    .unwrap();
    let addr = evfield::station::net::Address::parse(sim.address().unwrap(), 502).unwrap();
    let tcp = evfield::station::net::connect_tcp(&addr, "Modbus TCP server").unwrap();
    let clients = [
        modbus::Client::new(rtu, Mode::rtu(19_200, Duration::from_millis(50)), 1),
        modbus::Client::new(tcp, Mode::Tcp, 1),
    ];
    let t = Duration::from_millis(500);
    for (n, mut c) in clients.into_iter().enumerate() {
        let timeout = 100 + n as u16 * 20;
        let w = Request::WriteSingle {
            address: 0x4106,
            value: timeout,
        };
        assert_eq!(c.exchange(&w, t).unwrap(), Ok(Reply::Written));
        let r = Request::Read {
            table: Table::Holding,
            address: 0x4020,
            count: 1,
        };
        assert_eq!(
            c.exchange(&r, t).unwrap(),
            Ok(Reply::Registers(vec![timeout]))
        );
        let w = Request::WriteMultiple {
            address: 0x4100,
            values: vec![0, 16_000],
        };
        assert_eq!(c.exchange(&w, t).unwrap(), Ok(Reply::Written));
        let r = Request::Read {
            table: Table::Holding,
            address: 0x4022,
            count: 2,
        };
        assert_eq!(
            c.exchange(&r, t).unwrap(),
            Ok(Reply::Registers(vec![0, 16_000]))
        );
        // Read-only and out-of-range values are refused with exceptions.
        let ro = Request::WriteSingle {
            address: 0x4000,
            value: 1,
        };
        let Ok(Reply::Exception(e)) = c.exchange(&ro, t).unwrap() else {
            panic!("read-only register written")
        };
        assert_eq!((e.function, e.code), (0x06, 0x02));
        let low = Request::WriteSingle {
            address: 0x4106,
            value: 3,
        };
        let Ok(Reply::Exception(e)) = c.exchange(&low, t).unwrap() else {
            panic!("timeout 3 s accepted")
        };
        assert_eq!(e.code, 0x03);
    }
}

#[test]
fn a_profile_step_writes_registers_from_a_template() {
    let text = r#"
[vendor]
id = "abb-test"
manufacturer = "ABB"
[service_port]
transport = "modbus-tcp"
[steps.identify]
set = { manufacturer = "ABB", model = "Terra AC", mac = "x" }
[[steps.identify.run]]
read = { address = 0x4000, count = 6 }
values = [
  { var = "serial", type = "hex", registers = 4 },
  { var = "firmware", offset = 4, type = "u32" },
]
[steps.reboot]
[[steps.reboot.run]]
write = { address = 0x4106, type = "u16", value = "{clock_probe}" }
"#;
    // `{clock_probe}` is not known in reboot: the profile is refused with file and line.
    let e = Profile::parse(text, "abb-test.toml").unwrap_err();
    assert!(e.message.starts_with("abb-test.toml:17:"), "{}", e.message);
    assert!(e.message.contains("`{clock_probe}`"), "{}", e.message);
    let text = text.replace("{clock_probe}", "600");
    let p = Profile::parse(&text, "abb-test.toml").unwrap();
    let sim = start(
        Dialect::Abb,
        Dialect::Abb.default_state(),
        SimFaults::default(),
    );
    let mut d = ProfileDriver::open(p, &on_address(&sim)).unwrap();
    assert_eq!(d.identify().unwrap().serial, "5422030007230045");
    d.run("reboot", &BTreeMap::new()).unwrap();
    assert_eq!(
        sim.state().config.get("modbus.0x4106").map(String::as_str),
        Some("600")
    );
}

fn evfield(args: &[&str], data: &std::path::Path) -> (i32, serde_json::Value, String) {
    let out = assert_cmd::Command::cargo_bin("evfield")
        .unwrap()
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("EVFIELD_PORT")
        .env_remove("EVFIELD_VENDOR")
        .env_remove("EVFIELD_ADDRESS")
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        v,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn station_info_cli_over_modbus_rtu_and_tcp() {
    let mut state = Dialect::Abb.default_state();
    state.evse_state = 2;
    let sim = start(Dialect::Abb, state, SimFaults::default());
    let data = tempfile::tempdir().unwrap();
    for (flag, value) in [
        ("--port", sim.path()),
        ("--address", sim.address().unwrap()),
    ] {
        let (code, v, stderr) = evfield(
            &[
                "station",
                "info",
                "--json",
                "--vendor",
                "abb-terra-ac",
                flag,
                value,
                "--given",
                "mac=00:0C:C6:5A:10:22",
            ],
            data.path(),
        );
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(v["identity"]["serial"], "TACW22-3-0723-T0045");
        assert_eq!(v["identity"]["firmware"], "v1.7.12");
        assert_eq!(v["state"]["state"], "2");
        assert_eq!(
            v["state"]["meaning"],
            "EV plugged in, EVSE ready for charging (B2)"
        );
        assert_eq!(v["errors"], serde_json::json!([]));
        assert_eq!(v["ocpp"]["readable"], false);
    }
    // The wrong unit id, given on the command line: the station stays silent.
    let (code, _, stderr) = evfield(
        &[
            "station",
            "info",
            "--vendor",
            "abb-terra-ac",
            "--port",
            sim.path(),
            "--unit-id",
            "7",
            "--given",
            "mac=x",
        ],
        data.path(),
    );
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("at unit 7"), "{stderr}");
    // An address without a vendor is a usage error naming the flag.
    let (code, _, stderr) = evfield(
        &["station", "info", "--address", "127.0.0.1:1"],
        data.path(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--vendor"), "{stderr}");
}

#[test]
fn go_e_over_http_identify_ocpp_write_read_back_and_state() {
    let sim = start(
        Dialect::GoE,
        Dialect::GoE.default_state(),
        SimFaults::default(),
    );
    let mut d = driver("go-e", &on_address(&sim));
    d.provide("mac", "c4:5b:be:12:34:56");
    let id = d.identify().unwrap();
    assert_eq!(
        (
            id.manufacturer.as_str(),
            id.model.as_str(),
            id.serial.as_str(),
            id.firmware.as_str()
        ),
        ("go-e", "go-eCharger", "204567", "056.2")
    );
    assert!(
        d.profile()
            .version_rule()
            .at_least(&id.firmware, "051.4")
            .unwrap()
    );
    // Nothing set yet: empty settings, OCPP off.
    assert_eq!(
        d.read_ocpp().unwrap(),
        OcppSettings {
            url: String::new(),
            charge_box_id: String::new()
        }
    );
    let v = d.run("read_ocpp", &BTreeMap::new()).unwrap();
    assert_eq!(v.get("enabled"), Some("false"));
    let want = OcppSettings {
        url: "ws://127.0.0.1:9/ocpp".into(),
        charge_box_id: "GOE-204567".into(),
    };
    d.write_ocpp(&want).unwrap();
    assert_eq!(d.read_ocpp().unwrap(), want);
    let v = d.run("read_ocpp", &BTreeMap::new()).unwrap();
    assert_eq!(v.get("enabled"), Some("true"));
    assert_eq!(v.get("tls_global_ca"), Some("true"));
    assert_eq!(v.get("tls_skip_verification"), Some("false"));
    assert_eq!(
        v.get("server_url"),
        Some("ws://127.0.0.1:9/ocpp/GOE-204567")
    );
    // The charger takes the settings at once: its OCPP client heads for <url>/<id>.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !sim
        .log()
        .iter()
        .any(|l| l.contains("ws://127.0.0.1:9/ocpp/GOE-204567"))
    {
        assert!(std::time::Instant::now() < deadline, "{:?}", sim.log());
        std::thread::sleep(Duration::from_millis(10));
    }
    let v = d.run("read_ocpp", &BTreeMap::new()).unwrap();
    assert_eq!(v.get("connected"), Some("false"));
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state_text"), Some("idle (no car)"));
    assert!(d.read_errors().unwrap().is_empty());
    // A URL the charger refuses: its words in the error.
    let e = d
        .write_ocpp(&OcppSettings {
            url: "http://x".into(),
            charge_box_id: "A".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED", "{}", e.message);
    assert!(e.message.contains("ws:// or wss://"), "{}", e.message);
    assert!(e.message.contains("GET /api/set?"), "{}", e.message);
    assert_eq!(
        d.read_ocpp().unwrap(),
        want,
        "a refused write changes nothing"
    );
    // The HTTP exchanges are in the traffic, request and reply.
    let traffic: String = d
        .take_traffic()
        .into_iter()
        .map(|t| String::from_utf8_lossy(&t.bytes).to_string())
        .collect();
    assert!(traffic.contains("GET /api/set?ocppcn=false&ocppe=true&ocppg=true&ocppss=false&ocppu=%22ws%3A%2F%2F127.0.0.1%3A9%2Focpp%2FGOE-204567%22"), "{traffic}");
    assert!(traffic.contains("HTTP/1.1 200 OK"));
    // A car in error shows as a station error.
    let mut state = Dialect::GoE.default_state();
    state.evse_state = 5;
    state.config.insert("err".into(), "8".into());
    let sim = start(Dialect::GoE, state, SimFaults::default());
    let mut errors = driver("go-e", &on_address(&sim)).read_errors().unwrap();
    errors.sort();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0], "car state error (car 5)");
    // err 8 is GndInvalid in apikeys-en.md: named, not a bare number.
    assert_eq!(errors[1], "ground invalid (err 8)");
}

#[test]
fn go_e_faults_http_error_timeout_garbage_unreachable() {
    let d = Dialect::GoE;
    let e = fault(
        d,
        "go-e",
        SimFaults {
            http_status: Some(500),
            ..Default::default()
        },
        true,
        "E_STATION_HTTP",
    );
    assert!(
        e.message.contains("HTTP 500 Internal Server Error"),
        "{}",
        e.message
    );
    assert!(e.message.contains("3 attempts"), "{}", e.message);
    let e = fault(
        d,
        "go-e",
        SimFaults {
            http_status: Some(401),
            ..Default::default()
        },
        true,
        "E_STATION_HTTP",
    );
    assert!(e.help.unwrap().contains("switch it on"));
    fault(
        d,
        "go-e",
        SimFaults {
            silent: true,
            ..Default::default()
        },
        true,
        "E_STATION_TIMEOUT",
    );
    fault(
        d,
        "go-e",
        SimFaults {
            garbage: true,
            ..Default::default()
        },
        true,
        "E_STATION_GARBLED",
    );
    fault(
        d,
        "go-e",
        SimFaults {
            unplug_mid_reply: true,
            ..Default::default()
        },
        true,
        "E_STATION_GARBLED",
    );
    // Nothing listens: unreachable, with what to check.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut drv = driver(
        "go-e",
        &Target {
            address: Some(format!("127.0.0.1:{port}")),
            ..Default::default()
        },
    );
    drv.provide("mac", "x");
    let e = drv.identify().unwrap_err();
    assert_eq!(e.code, "E_STATION_UNREACHABLE", "{}", e.message);
    assert!(
        e.message.contains(&format!("127.0.0.1:{port}")),
        "{}",
        e.message
    );
}

#[test]
fn station_ocpp_set_and_get_cli_over_http() {
    let sim = start(
        Dialect::GoE,
        Dialect::GoE.default_state(),
        SimFaults::default(),
    );
    let data = tempfile::tempdir().unwrap();
    let addr = sim.address().unwrap();
    let (code, v, stderr) = evfield(
        &[
            "station",
            "ocpp",
            "set",
            "--json",
            "--vendor",
            "go-e",
            "--address",
            addr,
            "--url",
            "wss://ocpp.network.example/ocpp",
            "--charge-box-id",
            "EVF-204567",
        ],
        data.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["matches"], true);
    assert_eq!(v["rebooted"], false);
    assert_eq!(v["read_back"]["charge_box_id"], "EVF-204567");
    let (code, v, stderr) = evfield(
        &[
            "station",
            "ocpp",
            "get",
            "--json",
            "--vendor",
            "go-e",
            "--address",
            addr,
        ],
        data.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["url"], "wss://ocpp.network.example/ocpp");
    assert_eq!(v["charge_box_id"], "EVF-204567");
    assert_eq!(v["details"]["enabled"], "true");
    assert_eq!(v["details"]["tls_global_ca"], "true");
    // The lint still stands guard: an identity already in the URL is refused for stations
    // that append it, not for go-e, which takes the URL as it is; a bad scheme is refused.
    let (code, _, stderr) = evfield(
        &[
            "station",
            "ocpp",
            "set",
            "--vendor",
            "go-e",
            "--address",
            addr,
            "--url",
            "http://x/ocpp",
            "--charge-box-id",
            "A",
        ],
        data.path(),
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("E_OCPP_LINT"), "{stderr}");
}

#[test]
fn bender_vestel_phoenix_over_modbus_tcp() {
    // Bender: firmware and model from holding registers, control pilot and OCPP status.
    let mut state = Dialect::Bender.default_state();
    state.evse_state = 3;
    state.config.insert("ocpp_status".into(), "6".into());
    let sim = start(Dialect::Bender, state, SimFaults::default());
    let mut d = driver("bender-cc613", &on_address(&sim));
    d.provide("serial", "BE2204-0133");
    d.provide("mac", "00:1B:3F:20:11:02");
    let id = d.identify().unwrap();
    assert_eq!(
        (
            id.manufacturer.as_str(),
            id.model.as_str(),
            id.firmware.as_str()
        ),
        ("Bender", "CC612_2S0R", "5.32")
    );
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state_text"), Some("C: charging"));
    assert_eq!(st.get("ocpp_status_text"), Some("Charging"));
    assert!(d.read_errors().unwrap().is_empty());
    // Bender answers to any unit id, as the real controller does.
    let mut any = driver(
        "bender-cc613",
        &Target {
            unit_id: Some(7),
            ..on_address(&sim)
        },
    );
    any.provide("serial", "x");
    any.provide("mac", "x");
    assert_eq!(any.identify().unwrap().firmware, "5.32");
    let mut faulted = Dialect::Bender.default_state();
    faulted.config.insert("ocpp_status".into(), "4".into());
    let sim = start(Dialect::Bender, faulted, SimFaults::default());
    assert_eq!(
        driver("bender-cc613", &on_address(&sim))
            .read_errors()
            .unwrap(),
        vec!["OCPP status Faulted (ocpp_status 4)"]
    );

    // Vestel: serial, brand, model and firmware from input registers.
    let mut state = Dialect::Vestel.default_state();
    state.evse_state = 2;
    let sim = start(Dialect::Vestel, state, SimFaults::default());
    let mut d = driver("vestel-evc04", &on_address(&sim));
    d.provide("mac", "70:B3:D5:9C:40:12");
    let id = d.identify().unwrap();
    assert_eq!(
        (
            id.manufacturer.as_str(),
            id.model.as_str(),
            id.serial.as_str(),
            id.firmware.as_str()
        ),
        ("Vestel", "EVC04", "EVC04-2203-001234", "v3.156.0")
    );
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state_text"), Some("Charging"));
    assert_eq!(st.get("cable_text"), Some("no cable"));
    assert!(d.read_errors().unwrap().is_empty());
    let mut state = Dialect::Vestel.default_state();
    state.evse_state = 8;
    state.config.insert("error_code".into(), "70000".into());
    let sim = start(Dialect::Vestel, state, SimFaults::default());
    let mut errors = driver("vestel-evc04", &on_address(&sim))
        .read_errors()
        .unwrap();
    errors.sort();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0], "charge point state Faulted (state 8)");
    assert!(errors[1].starts_with("fault 70000"), "{errors:?}");

    // Phoenix Contact: the firmware low byte first, the status letter in the low byte.
    let mut state = Dialect::Phoenix.default_state();
    state.config.insert("cp_state".into(), "B".into());
    let sim = start(Dialect::Phoenix, state, SimFaults::default());
    let mut d = driver("phoenix-ev-charge-control", &on_address(&sim));
    d.provide("serial", "1407612-0042");
    d.provide("mac", "00:A0:45:12:34:56");
    let id = d.identify().unwrap();
    assert_eq!(id.firmware, "4.40");
    assert_eq!(id.model, "EV Charge Control");
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state"), Some("B"));
    assert_eq!(st.get("state_text"), Some("B: vehicle connected"));
    let mut state = Dialect::Phoenix.default_state();
    state.config.insert("cp_state".into(), "F".into());
    let sim = start(Dialect::Phoenix, state, SimFaults::default());
    assert_eq!(
        driver("phoenix-ev-charge-control", &on_address(&sim))
            .read_errors()
            .unwrap(),
        vec!["control pilot state F: charging station not available (state F)"]
    );
}

#[test]
fn vestel_identity_texts_one_character_a_register_or_two() {
    // Issue 14: the EVC04 sends its texts one UTF-16 code unit a register; read as ASCII they
    // came back empty. The profile reads UTF-16 first and accepts the packed ASCII of other
    // firmware, saying which reading answered.
    for (encoding, read_as) in [(None, "utf16"), (Some("ascii"), "ascii")] {
        let mut state = Dialect::Vestel.default_state();
        if let Some(e) = encoding {
            state.config.insert("identity_encoding".into(), e.into());
        }
        let sim = start(Dialect::Vestel, state, SimFaults::default());
        let mut d = driver("vestel-evc04", &on_address(&sim));
        d.provide("mac", "70:B3:D5:9C:40:12");
        let v = d.run("identify", &BTreeMap::new()).unwrap();
        assert_eq!(v.get("serial"), Some("EVC04-2203-001234"), "{encoding:?}");
        assert_eq!(v.get("manufacturer"), Some("Vestel"), "{encoding:?}");
        assert_eq!(v.get("model"), Some("EVC04"), "{encoding:?}");
        assert_eq!(v.get("firmware"), Some("v3.156.0"), "{encoding:?}");
        for var in ["serial", "manufacturer", "model", "firmware"] {
            assert_eq!(
                v.get(&format!("{var}_read_as")),
                Some(read_as),
                "{var} {encoding:?}"
            );
        }
        // `station info` says which reading answered, in JSON and to the installer.
        let data = tempfile::tempdir().unwrap();
        let args = [
            "station",
            "info",
            "--vendor",
            "vestel-evc04",
            "--address",
            sim.address().unwrap(),
            "--given",
            "mac=70:B3:D5:9C:40:12",
            "--lang",
            "en",
        ];
        let (code, j, stderr) = evfield(&[&args[..], &["--json"]].concat(), data.path());
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(j["identity"]["serial"], "EVC04-2203-001234");
        assert_eq!(j["read_as"]["serial"], read_as);
        let dir = data.path().to_str().unwrap();
        let text = std::process::Command::new(env!("CARGO_BIN_EXE_evfield"))
            .args(args.iter().chain(&["--data-dir", dir]))
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
            .unwrap();
        assert!(
            text.contains(&format!("firmware read as {read_as}")),
            "{text}"
        );
    }
}

#[test]
fn bender_legacy_model_register_and_control_pilot_e() {
    // The model register (holding 142) came with firmware 5.22: an older controller answers
    // exception 02 there, and identify still reads the firmware instead of failing.
    let state = SimState {
        config: BTreeMap::from([("legacy_registers".into(), "1".into())]),
        ..Dialect::Bender.default_state()
    };
    let sim = start(Dialect::Bender, state, SimFaults::default());
    let mut d = driver("bender-cc613", &on_address(&sim));
    for (var, value) in [("serial", "BE2204-0133"), ("mac", "00:1B:3F:20:11:02")] {
        d.provide(var, value);
    }
    let id = d.identify().unwrap();
    assert_eq!((id.firmware.as_str(), id.model.as_str()), ("5.32", ""));
    // Control pilot state E (5 in Bender's register list) is an error of its own.
    let state = SimState {
        evse_state: 5,
        ..Dialect::Bender.default_state()
    };
    let sim = start(Dialect::Bender, state, SimFaults::default());
    let errors = driver("bender-cc613", &on_address(&sim))
        .read_errors()
        .unwrap();
    assert_eq!(
        errors,
        vec!["control pilot state E: no power (short circuit) (cp_state 5)"]
    );
}

#[test]
fn modbus_tcp_faults_on_the_vestel_profile() {
    let d = Dialect::Vestel;
    let id = "vestel-evc04";
    let e = fault(
        d,
        id,
        SimFaults {
            exception: Some(4),
            ..Default::default()
        },
        true,
        "E_STATION_EXCEPTION",
    );
    assert!(e.message.contains("server device failure"), "{}", e.message);
    assert!(
        e.message
            .contains("read input registers 100..124 (0x0064..0x007c) at unit 255")
    );
    let e = fault(
        d,
        id,
        SimFaults {
            silent: true,
            ..Default::default()
        },
        true,
        "E_STATION_TIMEOUT",
    );
    assert!(e.help.unwrap().contains("one Modbus client at a time"));
    // The station set to unit 0 answers as unit 0, not 255.
    let e = fault(
        d,
        id,
        SimFaults {
            wrong_unit: true,
            ..Default::default()
        },
        true,
        "E_STATION_REPLY",
    );
    assert!(
        e.message.contains("as unit 0, not unit 255"),
        "{}",
        e.message
    );
    fault(
        d,
        id,
        SimFaults {
            garbage: true,
            ..Default::default()
        },
        true,
        "E_STATION_GARBLED",
    );
    // Asked as another unit than the station's: the gateway exception, naming the unit id.
    let sim = start(d, d.default_state(), SimFaults::default());
    let mut drv = driver(
        id,
        &Target {
            unit_id: Some(3),
            ..on_address(&sim)
        },
    );
    drv.provide("mac", "x");
    let e = drv.identify().unwrap_err();
    assert_eq!(e.code, "E_STATION_EXCEPTION", "{}", e.message);
    assert!(
        e.message.contains("gateway target device failed"),
        "{}",
        e.message
    );
    assert!(e.help.unwrap().contains("unit 3"));
}

#[test]
fn modbus_tcp_faults_on_the_bender_and_phoenix_profiles() {
    for (d, id) in [
        (Dialect::Bender, "bender-cc613"),
        (Dialect::Phoenix, "phoenix-ev-charge-control"),
    ] {
        let e = fault(
            d,
            id,
            SimFaults {
                exception: Some(2),
                ..Default::default()
            },
            true,
            "E_STATION_EXCEPTION",
        );
        assert!(e.help.unwrap().contains("register set"), "{id}");
        for (faults, code) in [
            (
                SimFaults {
                    silent: true,
                    ..Default::default()
                },
                "E_STATION_TIMEOUT",
            ),
            (
                SimFaults {
                    garbage: true,
                    ..Default::default()
                },
                "E_STATION_GARBLED",
            ),
            (
                SimFaults {
                    unplug_mid_reply: true,
                    ..Default::default()
                },
                "E_STATION_UNPLUGGED",
            ),
        ] {
            fault(d, id, faults, true, code);
        }
    }
    // Phoenix Contact's controller answers as unit 255 only; set to another, it answers as its own.
    let e = fault(
        Dialect::Phoenix,
        "phoenix-ev-charge-control",
        SimFaults {
            wrong_unit: true,
            ..Default::default()
        },
        true,
        "E_STATION_REPLY",
    );
    assert!(e.message.contains("not unit 255"), "{}", e.message);
}

fn keba(target: &Target) -> ProfileDriver {
    let mut p = profile("keba-p30");
    // The real station answers to port 7090; the simulator answers to the sender's port, so
    // the tests need not hold the laptop's port 7090.
    p.udp.as_mut().unwrap().local_port = 0;
    let mut d = ProfileDriver::open(p, target).unwrap();
    d.provide("mac", "00:60:B5:12:34:56");
    d
}

#[test]
fn keba_p30_over_udp_reports() {
    let sim = start(
        Dialect::Keba,
        Dialect::Keba.default_state(),
        SimFaults::default(),
    );
    let mut d = keba(&on_address(&sim));
    let id = d.identify().unwrap();
    assert_eq!(
        (
            id.manufacturer.as_str(),
            id.model.as_str(),
            id.serial.as_str(),
            id.firmware.as_str()
        ),
        (
            "KEBA",
            "KC-P30-EC240422-E00",
            "16314582",
            "P30 v 3.10.57 (240521-093236)"
        )
    );
    // The version rule reads 3.10.57, not the 30 of "P30".
    let rule = d.profile().version_rule();
    assert!(rule.at_least(&id.firmware, "3.10.16").unwrap());
    assert!(!rule.at_least(&id.firmware, "3.10.58").unwrap());
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state_text"), Some("ready for charging"));
    assert_eq!(st.get("plug_text"), Some("no cable"));
    assert!(d.read_errors().unwrap().is_empty());
    let sent: Vec<String> = d
        .take_traffic()
        .into_iter()
        .filter(|t| t.dir == evfield::station::Direction::Sent)
        .map(|t| String::from_utf8_lossy(&t.bytes).to_string())
        .collect();
    // State and errors ask `report 1` first (it answers whatever DIP switch DSW1.3 says).
    assert_eq!(
        sent,
        vec!["report 1", "report 1", "report 2", "report 1", "report 2"]
    );
    let mut state = Dialect::Keba.default_state();
    state.evse_state = 4;
    state.config.insert("error_code".into(), "16".into());
    let sim = start(Dialect::Keba, state, SimFaults::default());
    let mut errors = keba(&on_address(&sim)).read_errors().unwrap();
    errors.sort();
    assert_eq!(
        errors[0],
        "error1 16 (not in the profile's table: see the manufacturer's troubleshooting guide)"
    );
    assert_eq!(errors[1], "station state error (state 4)");
    // Faults: silence, garbage.
    for (faults, code) in [
        (
            SimFaults {
                silent: true,
                ..Default::default()
            },
            "E_STATION_TIMEOUT",
        ),
        (
            SimFaults {
                garbage: true,
                ..Default::default()
            },
            "E_STATION_GARBLED",
        ),
    ] {
        let sim = start(Dialect::Keba, Dialect::Keba.default_state(), faults);
        let e = keba(&on_address(&sim)).identify().unwrap_err();
        assert_eq!(e.code, code, "{}", e.message);
        assert!(e.message.contains("`report 1`"), "{}", e.message);
        assert!(e.message.contains(sim.address().unwrap()), "{}", e.message);
    }
}

/// A one-request HTTP server on 127.0.0.1 that answers with `reply` and hands back the request.
fn one_http_request(reply: &'static str) -> (String, std::thread::JoinHandle<String>) {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let t = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut req = Vec::new();
        let mut buf = [0u8; 4096];
        // Headers, then the body its Content-Length announces.
        loop {
            let n = s.read(&mut buf).unwrap();
            req.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&req).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let len: usize = text
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                if req.len() >= end + 4 + len {
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        write!(
            s,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
            reply.len()
        )
        .unwrap();
        String::from_utf8_lossy(&req).to_string()
    });
    (addr, t)
}

#[test]
fn http_post_with_a_json_body_and_nested_captures() {
    let text = r#"
[vendor]
id = "acme-http"
manufacturer = "Acme"
[service_port]
transport = "http"
[http]
base_path = "/local"
[protocol]
# a JSON-RPC endpoint: its reads are POSTs, declared as such
reads = ['POST /rpc']
[steps.identify]
set = { manufacturer = "Acme", mac = "x" }
[[steps.identify.run]]
http = { method = "POST", path = "/rpc", json = { method = "Shelly.GetDeviceInfo", params = { id = 1, full = true } } }
capture = { model = "/result/model", serial = "/result/serial", firmware = "/result/fw/0" }
[steps.write_ocpp]
[[steps.write_ocpp.run]]
http = { method = "PUT", path = "/ocpp", json = { server = "{url}", identity = "{charge_box_id}" } }
require = { "/ok" = "true" }
"#;
    let p = Profile::parse(text, "acme-http.toml").unwrap();
    let (addr, server) =
        one_http_request(r#"{"result":{"model":"A1","serial":"S-9","fw":["1.2.3","beta"]}}"#);
    let mut d = ProfileDriver::open(
        p.clone(),
        &Target {
            address: Some(addr),
            ..Default::default()
        },
    )
    .unwrap();
    let id = d.identify().unwrap();
    assert_eq!(
        (id.model.as_str(), id.serial.as_str(), id.firmware.as_str()),
        ("A1", "S-9", "1.2.3")
    );
    let req = server.join().unwrap();
    assert!(req.starts_with("POST /local/rpc HTTP/1.1"), "{req}");
    let body: serde_json::Value =
        serde_json::from_str(req.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "method": "Shelly.GetDeviceInfo", "params": { "id": 1, "full": true } })
    );
    // A template in the JSON body; a reply without the required value is a refusal.
    let (addr, server) = one_http_request(r#"{"ok":false,"why":"locked"}"#);
    let mut d = ProfileDriver::open(
        p,
        &Target {
            address: Some(addr),
            ..Default::default()
        },
    )
    .unwrap();
    let e = d
        .write_ocpp(&OcppSettings {
            url: "ws://cs/ocpp\"x".into(),
            charge_box_id: "CB-1".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED", "{}", e.message);
    assert!(
        e.message.contains("/ok is \"false\" (wanted true)"),
        "{}",
        e.message
    );
    let req = server.join().unwrap();
    assert!(req.starts_with("PUT /local/ocpp"), "{req}");
    let body: serde_json::Value =
        serde_json::from_str(req.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(
        body["server"], "ws://cs/ocpp\"x",
        "JSON-escaped by the encoder"
    );
    assert_eq!(body["identity"], "CB-1");
}

#[test]
fn udp_expect_regexes_and_refusals() {
    let text = r#"
[vendor]
id = "keba-lines"
manufacturer = "KEBA"
[service_port]
transport = "udp"
[udp]
port = 7090
[protocol]
fail = ['^TCH-ERR']
reads = ['i', 'report [0-9]+']
[steps.identify]
set = { manufacturer = "KEBA", model = "P30", serial = "1", mac = "x" }
[[steps.identify.run]]
datagram = "i"
expect = ['"Firmware": "(?P<firmware>[^"]+)"']
[steps.reboot]
[[steps.reboot.run]]
datagram = "unknown command"
"#;
    let p = Profile::parse(text, "keba-lines.toml").unwrap();
    let sim = start(
        Dialect::Keba,
        Dialect::Keba.default_state(),
        SimFaults::default(),
    );
    let mut d = ProfileDriver::open(p, &on_address(&sim)).unwrap();
    assert_eq!(
        d.identify().unwrap().firmware,
        "P30 v 3.10.57 (240521-093236)"
    );
    // The simulator answers nothing to commands it does not know: a timeout after the retries.
    let e = d.reboot().unwrap_err();
    assert_eq!(e.code, "E_STATION_TIMEOUT", "{}", e.message);
    // A datagram command is refused by a `fail` line.
    let p = Profile::parse(
        &text
            .replace(r#"datagram = "i""#, r#"datagram = "report 1""#)
            .replace(
                r#"expect = ['"Firmware": "(?P<firmware>[^"]+)"']"#,
                r#"expect = ['"Firmware": "(?P<firmware>[^"]+)"']
fail = ['"Serial": "16314582"']"#,
            ),
        "keba-lines.toml",
    )
    .unwrap();
    let mut d = ProfileDriver::open(p, &on_address(&sim)).unwrap();
    let e = d.identify().unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED", "{}", e.message);
    assert!(e.message.contains("`report 1`"), "{}", e.message);
}

#[test]
fn the_modbus_template_is_valid() {
    let text = include_str!("../vendors/template/modbus-or-http.toml");
    let p =
        Profile::parse(text, "vendors/template/modbus-or-http.toml").expect("template is valid");
    assert_eq!(p.transport(), "modbus-tcp");
    assert!(p.scripted("write_ocpp") && p.scripted("read_ocpp"));
}
