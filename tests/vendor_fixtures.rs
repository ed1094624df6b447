//! Vendor facts as the manufacturers write them (tests/fixtures/vendors/<id>/): each fixture
//! drives BOTH the profile (our parser of the station) and the simulator (our stand-in for the
//! station), so a wrong reading of the document cannot pass by agreeing with itself.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use evfield::sandbox::station::dialects::{self, After};
use evfield::sandbox::station::{self, Dialect, SimFaults, SimHandle, SimOptions, SimState};
use evfield::station::StationDriver;
use evfield::station::link::Target;
use evfield::station::profile::{Profile, Registry};
use evfield::station::profiled::ProfileDriver;
use evfield::station::transport::MemoryTransport;

fn fixture(path: &str) -> String {
    let full = format!(
        "{}/tests/fixtures/vendors/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn profile(id: &str) -> Profile {
    Registry::shipped().unwrap().get(id).unwrap().clone()
}

fn start(d: Dialect, state: SimState) -> SimHandle {
    station::start(
        state,
        SimOptions {
            dialect: d,
            boot_delay: Duration::from_millis(50),
            faults: SimFaults::default(),
            ..Default::default()
        },
    )
    .expect("simulator starts")
}

/// One exchange of a line-protocol fixture: what is sent, the reply lines, the lines that come
/// unasked after it.
#[derive(Debug, Default)]
struct Exchange {
    sent: String,
    replies: Vec<String>,
    unasked: Vec<String>,
}

fn exchanges(text: &str) -> Vec<Exchange> {
    let mut out: Vec<Exchange> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        if let Some(sent) = line.strip_prefix("> ") {
            out.push(Exchange {
                sent: sent.to_string(),
                ..Default::default()
            });
        } else if let Some(l) = line.strip_prefix("<< ") {
            out.last_mut().unwrap().unasked.push(l.to_string());
        } else if let Some(l) = line.strip_prefix("< ") {
            out.last_mut().unwrap().replies.push(l.to_string());
        } else {
            panic!("fixture line neither `>`, `<` nor `<<`: {line}");
        }
    }
    out
}

fn openevse_state() -> SimState {
    let mut s = Dialect::Rapi.default_state();
    s.firmware = "8.2.3".into();
    s.serial = "OPNEVS1E95A0C3".into();
    s.evse_state = 0x0A;
    s
}

#[test]
fn openevse_rapi_fixture_drives_the_simulator() {
    let ex = exchanges(&fixture("openevse/rapi.txt"));
    let mut state = openevse_state();
    for e in &ex {
        let (replies, after) = dialects::execute(Dialect::Rapi, &mut state, &e.sent);
        if e.sent.starts_with("$GT") {
            // The clock is now: only the shape is fixed.
            assert_eq!(replies.len(), 1);
            let body = evfield::station::rapi::strip_checksum(&replies[0]).unwrap();
            assert_eq!(body.split(' ').count(), 7, "{body}");
            continue;
        }
        assert_eq!(replies, e.replies, "reply to {}", e.sent);
        if e.sent.starts_with("$FR") {
            // The controller resets before any reply; the boot notification follows.
            assert_eq!(after, After::Reboot);
            assert_eq!(
                vec![Dialect::Rapi.banner(&state).unwrap()],
                e.unasked,
                "boot notification"
            );
        }
    }
}

#[test]
fn openevse_rapi_fixture_drives_the_profile() {
    let ex = exchanges(&fixture("openevse/rapi.txt"));
    let mut t = MemoryTransport::new("fixture");
    for e in &ex {
        // What comes unasked after a command arrives with its (missing) reply.
        let mut bytes = String::new();
        for l in e.replies.iter().chain(&e.unasked) {
            bytes.push_str(l);
            bytes.push('\r');
        }
        t = t.with_reply(bytes);
    }
    let mut d = ProfileDriver::new(profile("openevse"), Box::new(t.clone()));
    d.provide("mac", "24:0a:c4:11:22:33");
    let id = d.identify().unwrap();
    assert_eq!(id.firmware, "8.2.3");
    assert_eq!(id.serial, "OPNEVS1E95A0C3", "two spaces after $OK");
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state"), Some("0a"));
    assert_eq!(st.get("state_text"), Some("error: over temperature"));
    let clock = d.run("read_clock", &BTreeMap::new()).unwrap();
    assert_eq!(clock.get("clock"), Some("26 12 3 14 5 9"));
    // `$FR` is never answered: the step must not wait for an `$OK`.
    d.reboot().unwrap();
    d.wait_ready(Duration::from_secs(2)).unwrap();
    // Byte for byte what the fixture says goes out.
    let sent: String = ex.iter().map(|e| format!("{}\r", e.sent)).collect();
    assert_eq!(String::from_utf8_lossy(&t.written()), sent);
}

#[test]
fn openevse_relay_closure_fault_is_an_error() {
    // EVSE_STATE_RELAY_CLOSURE_FAULT 0x0E (J1772EvseController.h), sent as `0e`.
    let mut state = openevse_state();
    state.evse_state = 0x0E;
    let sim = start(Dialect::Rapi, state);
    let p = profile("openevse");
    let t = evfield::station::transport::open_serial(sim.path(), &p.serial_settings()).unwrap();
    let mut d = ProfileDriver::new(p, t);
    assert_eq!(d.read_errors().unwrap(), vec!["relay closure fault"]);
}

fn keba_profile() -> Profile {
    let mut p = profile("keba-p30");
    // The real station answers to port 7090; the simulator and the fixture server answer to the
    // sender's port, so the tests need not hold the laptop's port 7090.
    p.udp.as_mut().unwrap().local_port = 0;
    p.protocol.timeout_ms = 300;
    p
}

fn keba_driver(address: &str) -> ProfileDriver {
    let target = Target {
        address: Some(address.to_string()),
        ..Default::default()
    };
    let mut d = ProfileDriver::open(keba_profile(), &target).unwrap();
    d.provide("mac", "00:60:B5:12:34:56");
    d
}

fn keba_fixture(n: u8) -> serde_json::Value {
    serde_json::from_str(&fixture(&format!("keba-p30/report{n}.json"))).unwrap()
}

/// Send one datagram to `addr` and wait for the answer.
fn udp_ask(addr: &str, text: &str) -> Option<String> {
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    sock.send_to(text.as_bytes(), addr).unwrap();
    let mut buf = [0u8; 4096];
    let (n, _) = sock.recv_from(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf[..n]).to_string())
}

#[test]
fn keba_report_fixtures_drive_the_simulator() {
    let sim = start(Dialect::Keba, Dialect::Keba.default_state());
    for n in [1, 2] {
        let want = keba_fixture(n);
        let got: serde_json::Value =
            serde_json::from_str(&udp_ask(sim.address().unwrap(), &format!("report {n}")).unwrap())
                .unwrap();
        for (k, v) in want.as_object().unwrap() {
            assert_eq!(got.get(k), Some(v), "report {n}: key {k:?} in {got}");
        }
    }
}

#[test]
fn keba_report_fixtures_drive_the_profile() {
    // A station that answers exactly the fixtures.
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = sock.local_addr().unwrap().to_string();
    let (one, two) = (
        fixture("keba-p30/report1.json"),
        fixture("keba-p30/report2.json"),
    );
    std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok((n, from)) = sock.recv_from(&mut buf) {
            let reply = match &buf[..n] {
                b"report 1" => &one,
                b"report 2" => &two,
                _ => continue,
            };
            let _ = sock.send_to(reply.as_bytes(), from);
        }
    });
    let mut d = keba_driver(&addr);
    let id = d.identify().unwrap();
    assert_eq!(id.model, "KC-P30-EC240422-E00");
    assert_eq!(id.serial, "16314582");
    assert_eq!(id.firmware, "P30 v 3.10.57 (240521-093236)");
    let st = d.run("read_state", &BTreeMap::new()).unwrap();
    assert_eq!(st.get("state_text"), Some("ready for charging"));
    assert_eq!(st.get("plug_text"), Some("no cable"));
    assert!(d.read_errors().unwrap().is_empty());
}

#[test]
fn keba_with_dsw1_3_off_names_the_switch() {
    let mut state = Dialect::Keba.default_state();
    state
        .config
        .insert(station::KEBA_DSW1_3.into(), "off".into());
    let sim = start(Dialect::Keba, state);
    let addr = sim.address().unwrap().to_string();
    // `report 1` still answers: the station is found and identified.
    assert!(udp_ask(&addr, "report 1").is_some());
    assert!(udp_ask(&addr, "report 2").is_none());
    assert!(udp_ask(&addr, "report 3").is_none());
    let mut d = keba_driver(&addr);
    assert_eq!(d.identify().unwrap().serial, "16314582");
    // State and errors: not a bare timeout but the switch to set.
    let e = d.run("read_state", &BTreeMap::new()).unwrap_err();
    assert_eq!(e.code, "E_STATION_TIMEOUT", "{}", e.message);
    assert!(e.message.contains("DSW1.3"), "{}", e.message);
    assert!(e.message.contains("`report 2`"), "{}", e.message);
    let e = d.read_errors().unwrap_err();
    assert!(e.message.contains("DSW1.3"), "{}", e.message);
    // A station silent from the first datagram is not blamed on the switch.
    sim.set_faults(SimFaults {
        silent: true,
        ..Default::default()
    });
    let e = d.run("read_state", &BTreeMap::new()).unwrap_err();
    assert_eq!(e.code, "E_STATION_TIMEOUT");
    assert!(!e.message.contains("DSW1.3"), "{}", e.message);
    assert!(e.message.contains("`report 1`"), "{}", e.message);
}

/// An HTTP server on 127.0.0.1 that answers each request with the first reply whose prefix
/// `METHOD /path...` starts the request line, and hands those back through the receiver.
fn http_station(
    replies: Vec<(&'static str, String)>,
) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut first = String::new();
            if r.read_line(&mut first).is_err() {
                continue;
            }
            // Headers up to the blank line (GET requests carry no body).
            let mut line = String::new();
            while r.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut words = first.split(' ');
            let method = words.next().unwrap_or_default();
            let target = format!("{method} {}", words.next().unwrap_or_default());
            let body = replies
                .iter()
                .find(|(p, _)| target.starts_with(p))
                .map(|(_, b)| b.clone())
                .unwrap_or_else(|| "{}".into());
            // A reply written `500 {...}` comes with that status.
            let (status, body) = match body.strip_prefix("500 ") {
                Some(rest) => ("500 Internal Server Error", rest.to_string()),
                None => ("200 OK", body),
            };
            // Recorded before the reply goes out: once the client has its answer, the request
            // is in the channel (the test reads it without waiting).
            let _ = tx.send(target);
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (addr, rx)
}

fn goe_driver(address: &str) -> ProfileDriver {
    let target = Target {
        address: Some(address.to_string()),
        ..Default::default()
    };
    let mut p = profile("go-e");
    p.protocol.timeout_ms = 1000;
    let mut d = ProfileDriver::open(p, &target).unwrap();
    d.provide("mac", "C4:5B:BE:12:34:56");
    d
}

fn json_fixture(path: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(path)).unwrap()
}

/// GET `target` from an HTTP server and parse its JSON body.
fn http_get_json(addr: &str, target: &str) -> serde_json::Value {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: station\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut all = String::new();
    s.read_to_string(&mut all).unwrap();
    let body = all.split_once("\r\n\r\n").unwrap().1;
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn go_e_fixtures_drive_the_profile() {
    let (addr, seen) = http_station(vec![
        ("GET /api/status?filter=sse", fixture("go-e/identity.json")),
        ("GET /api/status?filter=car", fixture("go-e/errors.json")),
        ("GET /api/set", fixture("go-e/set-ocpp.json")),
    ]);
    let mut d = goe_driver(&addr);
    let id = d.identify().unwrap();
    assert_eq!(
        (
            id.manufacturer.as_str(),
            id.model.as_str(),
            id.serial.as_str(),
            id.firmware.as_str()
        ),
        ("go-e", "go-eCharger", "123456", "59.4")
    );
    // err 8 is GndInvalid (apikeys-en.md), named, not a bare number.
    assert_eq!(d.read_errors().unwrap(), vec!["ground invalid (err 8)"]);
    d.write_ocpp(&evfield::station::OcppSettings {
        url: "ws://ocpp.server:1234/chargers".into(),
        charge_box_id: "201564".into(),
    })
    .unwrap();
    let targets: Vec<String> = seen.try_iter().collect();
    let set = targets
        .iter()
        .find(|t| t.starts_with("GET /api/set"))
        .unwrap();
    // Strings go as JSON: the URL in double quotes (%22), the identity as its last segment.
    assert!(
        set.contains("ocppu=%22ws%3A%2F%2Focpp.server%3A1234%2Fchargers%2F201564%22"),
        "{set}"
    );
    // null car and err (internal error) are errors with a meaning, not a crash.
    let (addr, _) = http_station(vec![("GET /api/status", fixture("go-e/errors-null.json"))]);
    let errors = goe_driver(&addr).read_errors().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().all(|e| e.contains("internal error")),
        "{errors:?}"
    );
}

#[test]
fn go_e_fixtures_drive_the_simulator() {
    let mut state = Dialect::GoE.default_state();
    state.serial = "123456".into();
    state.firmware = "59.4".into();
    state.config.insert("err".into(), "8".into());
    let sim = start(Dialect::GoE, state);
    let addr = sim.address().unwrap().to_string();
    assert_eq!(
        http_get_json(&addr, "/api/status?filter=sse,fwv,oem,typ,var"),
        json_fixture("go-e/identity.json")
    );
    assert_eq!(
        http_get_json(&addr, "/api/status?filter=car,err"),
        json_fixture("go-e/errors.json")
    );
    // Every key set answers `true`, as http-en.md's example does.
    let example = json_fixture("go-e/set-example.json");
    assert!(
        example
            .as_object()
            .unwrap()
            .values()
            .all(|v| v == &serde_json::Value::Bool(true))
    );
    let got = http_get_json(
        &addr,
        "/api/set?ocppe=true&ocppu=%22ws://ocpp.server:1234/chargers/201564%22&ocppg=true&ocppcn=false&ocppss=false",
    );
    assert_eq!(got, json_fixture("go-e/set-ocpp.json"));
    // A refusal is a string in the key's place.
    let got = http_get_json(&addr, "/api/set?ocppu=ws://unquoted/x");
    assert!(got["ocppu"].is_string(), "{got}");
}

/// POST `body` to `target` on an HTTP server: the status and the JSON body.
fn http_post_json(addr: &str, target: &str, body: &str) -> (u16, serde_json::Value) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {target} HTTP/1.1\r\nHost: station\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut all = String::new();
    s.read_to_string(&mut all).unwrap();
    let status = all.split(' ').nth(1).unwrap().parse().unwrap();
    let body = all.split_once("\r\n\r\n").unwrap().1;
    (
        status,
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}")),
    )
}

fn openevse_driver(sim: &SimHandle, with_module: bool) -> ProfileDriver {
    let mut p = profile("openevse");
    p.protocol.timeout_ms = 1000;
    let target = Target {
        port: Some(sim.path().to_string()),
        address: with_module.then(|| sim.address().unwrap().to_string()),
        ..Default::default()
    };
    let mut d = ProfileDriver::open(p, &target).unwrap();
    d.provide("mac", "24:0a:c4:11:22:33");
    d
}

#[test]
fn openevse_wifi_module_fixtures_drive_the_simulator() {
    let sim = start(Dialect::Rapi, openevse_state());
    let addr = sim
        .address()
        .expect("the WiFi module's HTTP API")
        .to_string();
    // GET /config: every key of api.yml's example, with its type.
    let want = json_fixture("openevse/config-example.json");
    let got = http_get_json(&addr, "/config");
    for (k, v) in want.as_object().unwrap() {
        let g = got.get(k).unwrap_or_else(|| panic!("{k} missing in {got}"));
        assert_eq!(
            std::mem::discriminant(g),
            std::mem::discriminant(v),
            "{k}: {g} vs {v}"
        );
    }
    // POST /config: api.yml's replies.
    assert_eq!(
        http_post_json(&addr, "/config", "not json"),
        (400, json_fixture("openevse/config-bad-json.json"))
    );
    let body = r#"{"ocpp_enabled": true, "ocpp_server": "ws://127.0.0.1:9/ocpp", "ocpp_chargeBoxId": "EVSE-7"}"#;
    let (status, reply) = http_post_json(&addr, "/config", body);
    assert_eq!(status, 200);
    assert_eq!(
        reply["msg"],
        json_fixture("openevse/config-update-done.json")["msg"]
    );
    assert!(reply["config_version"].is_u64(), "{reply}");
    // The same again changes nothing.
    assert_eq!(http_post_json(&addr, "/config", body).1["msg"], "no change");
    let got = http_get_json(&addr, "/config");
    assert_eq!(got["ocpp_server"], "ws://127.0.0.1:9/ocpp");
    assert_eq!(got["ocpp_chargeBoxId"], "EVSE-7");
    assert_eq!(got["ocpp_enabled"], true);
}

#[test]
fn openevse_wifi_module_fixtures_drive_the_profile() {
    // The controller on the simulator's port; the module answering api.yml's examples.
    let sim = start(Dialect::Rapi, openevse_state());
    let (addr, seen) = http_station(vec![
        ("GET /config", fixture("openevse/config-example.json")),
        ("POST /config", fixture("openevse/config-update-done.json")),
    ]);
    let mut p = profile("openevse");
    p.protocol.timeout_ms = 1000;
    let target = Target {
        port: Some(sim.path().to_string()),
        address: Some(addr),
        ..Default::default()
    };
    let mut d = ProfileDriver::open(p, &target).unwrap();
    // The example has nothing set: empty, not missing.
    let got = d.read_ocpp().unwrap();
    assert_eq!((got.url.as_str(), got.charge_box_id.as_str()), ("", ""));
    d.write_ocpp(&evfield::station::OcppSettings {
        url: "wss://cs.example.net/ocpp".into(),
        charge_box_id: "EVSE-7".into(),
    })
    .unwrap();
    let requests: Vec<String> = seen.try_iter().collect();
    assert_eq!(requests, vec!["GET /config", "POST /config"]);
    // The body went as JSON with the module's key names, OCPP switched on.
    let sent: String = d
        .take_traffic()
        .into_iter()
        .filter(|t| t.dir == evfield::station::Direction::Sent)
        .map(|t| String::from_utf8_lossy(&t.bytes).to_string())
        .collect();
    for part in [
        "\"ocpp_enabled\":true",
        "\"ocpp_server\":\"wss://cs.example.net/ocpp\"",
        "\"ocpp_chargeBoxId\":\"EVSE-7\"",
    ] {
        assert!(sent.contains(part), "{part} in {sent}");
    }
}

#[test]
fn openevse_ocpp_over_the_wifi_module_or_guided_without_it() {
    let sim = start(Dialect::Rapi, openevse_state());
    // With the module's address: written and read back over its HTTP API.
    let mut d = openevse_driver(&sim, true);
    assert!(d.profile().guided("write_ocpp").is_none());
    assert_eq!(d.identify().unwrap().firmware, "8.2.3");
    let want = evfield::station::OcppSettings {
        url: "ws://127.0.0.1:9/ocpp".into(),
        charge_box_id: "EVSE-7".into(),
    };
    d.write_ocpp(&want).unwrap();
    assert_eq!(d.read_ocpp().unwrap(), want);
    let st = sim.state();
    assert_eq!(st.ocpp_url.as_deref(), Some("ws://127.0.0.1:9/ocpp"));
    assert_eq!(st.charge_box_id.as_deref(), Some("EVSE-7"));
    assert_eq!(
        st.config.get("ocpp_enabled").map(String::as_str),
        Some("true")
    );
    // Without it: the guided step, and no read-back over a port that cannot reach it.
    drop(d);
    let mut d = openevse_driver(&sim, false);
    let g = d.profile().guided("write_ocpp").expect("guided fallback");
    assert!(g.title.get().contains("web page"), "{}", g.title.get());
    assert!(!d.profile().scripted("read_ocpp"));
    let e = d.write_ocpp(&want).unwrap_err();
    assert_eq!(e.code, "E_NO_STEP", "{}", e.message);
}

#[test]
fn station_ocpp_set_writes_through_the_openevse_wifi_module() {
    let d = tempfile::tempdir().unwrap();
    let sim = start(Dialect::Rapi, openevse_state());
    let args = |with_address: bool| {
        let mut a = vec![
            "station",
            "ocpp",
            "set",
            "--vendor",
            "openevse",
            "--port",
            sim.path(),
            "--given",
            "mac=24:0A:C4:11:22:33",
            "--url",
            "ws://127.0.0.1:9/ocpp",
            "--charge-box-id",
            "EVSE-9",
            "--no-reboot",
        ];
        if with_address {
            a.extend(["--address", sim.address().unwrap()]);
        }
        a
    };
    // Without the module's address: the guided step's title, nothing written.
    let out = common::evfield(d.path())
        .args(args(false))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("E_NO_STEP"), "{stderr}");
    assert!(stderr.contains("web page"), "{stderr}");
    assert_eq!(sim.state().charge_box_id, None);
    // With it: written over HTTP and read back.
    let out = common::evfield(d.path()).args(args(true)).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(sim.state().charge_box_id.as_deref(), Some("EVSE-9"));
    assert_eq!(
        sim.state().ocpp_url.as_deref(),
        Some("ws://127.0.0.1:9/ocpp")
    );
}

/// A whole session at the sandbox network, no terminal: OpenEVSE with the WiFi module's address
/// commissions over its HTTP API (read back, no guided step asked); without the address the
/// guided step is what the session needs.
#[test]
fn openevse_session_commissions_through_the_wifi_module() {
    use evfield::sandbox::{demo, network};
    let net = network::start(Default::default()).unwrap();
    let data = common::logged_in(&net);
    let d = data.path();
    std::fs::write(d.join("before.png"), demo::photo_png(640, 480)).unwrap();
    std::fs::write(d.join("site.png"), demo::photo_png(800, 600)).unwrap();
    let mut state = openevse_state();
    state.mac = demo::MAC.into();
    state.evse_state = 1; // ready, no fault
    let sim = station::start(
        state,
        SimOptions {
            dialect: Dialect::Rapi,
            boot_delay: Duration::from_millis(50),
            ocpp_retry: Duration::from_millis(100),
            ..Default::default()
        },
    )
    .unwrap();
    let run = |with_address: bool, sets: &[String]| {
        let mut c = common::evfield(d);
        c.args(["--json", "renetwork", "--network", &net.base_url()])
            .args(["--user", demo::INSTALLER_USER, "--vendor", "openevse"])
            .args(["--port", sim.path(), "--connect-timeout", "20"])
            .arg("--token-file")
            .arg(d.join("token"));
        if with_address {
            c.args(["--station-address", sim.address().unwrap()]);
        }
        for s in sets {
            c.args(["--set", s]);
        }
        let o = c.output().unwrap();
        let err: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap_or_default();
        (o.status.code().unwrap_or(-1), err, common::text(&o))
    };
    // The values a run needs, as the refusal names them.
    let named = |with_address: bool| -> Vec<String> {
        let (code, err, t) = run(with_address, &["precheck.instructions=yes".to_string()]);
        assert_eq!(code, 2, "{t}");
        assert_eq!(err["error"]["code"], "E_MISSING_VALUE", "{err}");
        err["error"]["help"]
            .as_str()
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("- `"))
            .map(|l| l.split('`').next().unwrap().to_string())
            .collect()
    };
    let without = named(false);
    assert!(
        without.iter().any(|k| k == "commission.guided_done"),
        "{without:?}"
    );
    let with = named(true);
    assert!(
        !with.iter().any(|k| k == "commission.guided_done"),
        "{with:?}"
    );
    let answers = evfield::session::answers::Answers::parse(demo::ANSWERS, "demo").unwrap();
    let sets: Vec<String> = with
        .iter()
        .map(|k| {
            let v = match k.as_str() {
                "before.photo" => d.join("before.png").display().to_string(),
                "pinpoint.photo" => d.join("site.png").display().to_string(),
                "pinpoint.serial_plate" => sim.state().serial,
                "station.mac" => demo::MAC.to_string(),
                _ => answers
                    .get(k)
                    .unwrap_or_else(|| panic!("no demo answer for {k}"))
                    .value
                    .clone(),
            };
            format!("{k}={v}")
        })
        .chain(["precheck.instructions=yes".to_string()])
        .collect();
    let (code, _, t) = run(true, &sets);
    assert_eq!(code, 0, "{t}");
    let st = sim.state();
    assert!(st.charge_box_id.is_some(), "{st:?}");
    assert_eq!(
        st.config.get("ocpp_enabled").map(String::as_str),
        Some("true")
    );
    // The journal holds the module's HTTP exchange and the read-back, and no guided step.
    let journal = common::journal_of(d).unwrap();
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(
        text.contains("POST /config"),
        "no POST /config in the journal"
    );
    assert!(
        !text.contains("commission.guided"),
        "a guided step was shown"
    );
}

#[test]
fn go_e_refusal_with_status_500_is_the_stations_words_not_retried() {
    // The HA integration reads a refused /api/set as status 500 with the reasons as JSON.
    let (addr, seen) = http_station(vec![(
        "GET /api/set",
        "500 {\"ocppe\": true, \"ocppu\": \"invalid url\", \"ocppg\": true, \"ocppcn\": true, \"ocppss\": true}"
            .to_string(),
    )]);
    let e = goe_driver(&addr)
        .write_ocpp(&evfield::station::OcppSettings {
            url: "ws://ocpp.server:1234/chargers".into(),
            charge_box_id: "201564".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED", "{}", e.message);
    assert!(e.message.contains("invalid url"), "{}", e.message);
    assert_eq!(seen.try_iter().count(), 1, "a refusal is not sent again");
}
