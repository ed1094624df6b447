//! OCPP security profile and authorization key against the ChargeStorm EVA simulator: written
//! over the service port (the key first), read back (the key only as "set"), linted, and the key
//! never in the traffic record, an error, the output or argv. The station's OCPP client then
//! authenticates with it (HTTP Basic).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::time::Duration;

use serde_json::Value;

mod common;

use evfield::sandbox::station::{self, Dialect, SimHandle, SimOptions};
use evfield::station::profile::Registry;
use evfield::station::profiled::ProfileDriver;
use evfield::station::security::{AuthKey, SecurityWrite};
use evfield::station::transport::open_serial;
use evfield::station::{OcppSettings, StationDriver};

const KEY: &str = "9f2Kq7Lm4Xv8Rt1Zb6Nw";

fn eva() -> SimHandle {
    station::start(
        Dialect::Eva.default_state(),
        SimOptions {
            dialect: Dialect::Eva,
            boot_delay: Duration::from_millis(50),
            ..Default::default()
        },
    )
    .unwrap()
}

fn driver(sim: &SimHandle) -> ProfileDriver {
    let p = Registry::shipped()
        .unwrap()
        .get("chargestorm-eva")
        .unwrap()
        .clone();
    let t = open_serial(sim.path(), &p.serial_settings()).unwrap();
    ProfileDriver::new(p, t)
}

fn traffic_text(d: &mut ProfileDriver) -> String {
    d.take_traffic()
        .iter()
        .map(|t| String::from_utf8_lossy(&t.bytes).to_string())
        .collect()
}

#[test]
fn security_profile_and_key_are_written_read_back_and_the_key_never_shows() {
    let sim = eva();
    let mut d = driver(&sim);
    let before = d.security().unwrap().unwrap();
    assert_eq!(
        (before.security_profile, before.authorization_key_set),
        (0, Some(false))
    );
    // profile 1 needs a key: the station refuses it first
    let e = d
        .set_security(&SecurityWrite {
            security_profile: Some(1),
            authorization_key: None,
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED", "{}", e.message);
    assert!(e.message.contains("AuthorizationKey"), "{}", e.message);
    d.take_traffic();

    let w = SecurityWrite {
        security_profile: Some(1),
        authorization_key: Some(AuthKey::new(KEY)),
    };
    d.set_security(&w).unwrap();
    let traffic = traffic_text(&mut d);
    assert!(
        traffic.contains("setconf AuthorizationKey ***"),
        "{traffic}"
    );
    assert!(!traffic.contains(KEY), "the key reached the traffic record");
    let got = d.security().unwrap().unwrap();
    assert_eq!(
        (got.security_profile, got.authorization_key_set),
        (1, Some(true))
    );
    evfield::station::security::check_read_back("pty", &w, &got).unwrap();
    let read = traffic_text(&mut d);
    assert!(read.contains("AuthorizationKey = <set>") && !read.contains(KEY));

    // the profile can only be raised
    let e = d
        .set_security(&SecurityWrite {
            security_profile: Some(0),
            authorization_key: None,
        })
        .unwrap_err();
    assert!(e.message.contains("cannot be lowered"), "{}", e.message);
    // a key the station refuses: the error names the step and the command, never the key
    let short = "tooshort-123";
    let e = d
        .set_security(&SecurityWrite {
            security_profile: None,
            authorization_key: Some(AuthKey::new(short)),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED");
    assert!(
        e.message.contains("setconf AuthorizationKey ***")
            && e.message.contains("write_authorization_key"),
        "{}",
        e.message
    );
    assert!(!format!("{e:?}").contains(short));
    assert!(!traffic_text(&mut d).contains(short));
}

/// A station that echoes every line sends the key back: the record still holds only `***`.
#[test]
fn an_echoed_key_is_masked_too() {
    let sim = station::start(
        Dialect::Eva.default_state(),
        SimOptions {
            dialect: Dialect::Eva,
            faults: station::SimFaults {
                echo: true,
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    let mut d = driver(&sim);
    d.set_security(&SecurityWrite {
        security_profile: None,
        authorization_key: Some(AuthKey::new(KEY)),
    })
    .unwrap();
    let received: String = d
        .take_traffic()
        .iter()
        .filter(|t| t.dir == evfield::station::Direction::Received)
        .map(|t| String::from_utf8_lossy(&t.bytes).to_string())
        .collect();
    assert!(
        received.contains("setconf AuthorizationKey ***"),
        "{received}"
    );
    assert!(!received.contains(KEY));
}

/// With profile 1 and a key, the station's OCPP client presents `Basic base64(id:key)`.
#[test]
fn the_station_authenticates_with_the_key_it_was_given() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let sim = eva();
    let mut d = driver(&sim);
    d.set_security(&SecurityWrite {
        security_profile: Some(1),
        authorization_key: Some(AuthKey::new(KEY)),
    })
    .unwrap();
    d.write_ocpp(&OcppSettings {
        url: format!("ws://127.0.0.1:{port}/ocpp"),
        charge_box_id: "EVA-1".into(),
    })
    .unwrap();
    d.reboot().unwrap();
    d.wait_ready(Duration::from_secs(5)).unwrap();
    listener.set_nonblocking(true).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let stream = loop {
        match listener.accept() {
            Ok((s, _)) => break s,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                assert!(
                    std::time::Instant::now() < deadline,
                    "the station never connected: {}",
                    sim.ocpp_status()
                );
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => panic!("{e}"),
        }
    };
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut headers = Vec::new();
    for line in BufReader::new(stream).lines() {
        let line = line.unwrap();
        if line.is_empty() {
            break;
        }
        headers.push(line);
    }
    use base64::Engine;
    let want = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("EVA-1:{KEY}"))
    );
    assert!(
        headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&format!("authorization: {want}"))),
        "{headers:?}"
    );
    assert!(headers[0].starts_with("GET /ocpp/EVA-1 "), "{headers:?}");
}

/// `evfield --json station ocpp set` on the simulator's port, with `stdin` piped in; the key
/// must appear in none of its output.
fn ocpp_set(
    sim: &SimHandle,
    vendor: &str,
    extra: &[&str],
    stdin: &str,
    env_key: Option<&str>,
) -> (i32, Value, String) {
    let data = tempfile::tempdir().unwrap();
    let mut c = common::evfield(data.path());
    c.args([
        "--json",
        "--experimental",
        "station",
        "ocpp",
        "set",
        "--vendor",
        vendor,
        "--port",
    ])
    .arg(sim.path())
    .args([
        "--url",
        "ws://127.0.0.1:9/Ocpp/websocket",
        "--charge-box-id",
        "000003586",
        "--no-reboot",
    ])
    .args(extra)
    .env_remove("EVFIELD_VENDOR")
    .env_remove("EVFIELD_OCPP_AUTH_KEY");
    if let Some(k) = env_key {
        c.env("EVFIELD_OCPP_AUTH_KEY", k);
    }
    let out = common::run(&mut c, stdin);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        !stdout.contains(KEY) && !stderr.contains(KEY),
        "the key was printed: {stdout}{stderr}"
    );
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stderr,
    )
}

#[test]
fn station_ocpp_set_takes_the_key_from_stdin_or_the_environment() {
    // ws:// with profile 1 and no key: the lint stops it before anything is written
    let sim = eva();
    let (code, _, stderr) = ocpp_set(
        &sim,
        "chargestorm-eva",
        &["--security-profile", "1"],
        "",
        None,
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("E_OCPP_LINT") && stderr.contains("--authorization-key-stdin"),
        "{stderr}"
    );
    assert_eq!(sim.state().ocpp_url, None, "nothing was written");

    // the key on standard input
    let (code, v, stderr) = ocpp_set(
        &sim,
        "chargestorm-eva",
        &["--security-profile", "1", "--authorization-key-stdin"],
        &format!("{KEY}\n"),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["security"]["security_profile"], 1);
    assert_eq!(v["security"]["authorization_key"]["from"], "stdin");
    assert_eq!(v["security"]["read_back"]["security_profile"], 1);
    assert_eq!(v["security"]["read_back"]["authorization_key_set"], true);
    // profile 1 over ws:// is allowed, with a warning
    assert!(
        v["lint"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["check"] == "security_profile" && f["level"] == "warning"),
        "{v}"
    );
    assert_eq!(
        sim.state()
            .config
            .get("SecurityProfile")
            .map(String::as_str),
        Some("1")
    );

    // the key from the environment on a fresh station; profile 2 needs wss://
    let sim = eva();
    let (code, _, stderr) = ocpp_set(
        &sim,
        "chargestorm-eva",
        &["--security-profile", "2"],
        "",
        Some(KEY),
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("TLS"), "{stderr}");
    let (code, v, stderr) = ocpp_set(&sim, "chargestorm-eva", &[], "", Some(KEY));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["security"]["authorization_key"]["from"], "env");
    assert_eq!(v["security"]["read_back"]["authorization_key_set"], true);
    assert_eq!(v["security"]["read_back"]["security_profile"], 0);
    // a key too short for OCPP is refused by the lint, its length named, not its value
    let (code, _, stderr) = ocpp_set(&sim, "chargestorm-eva", &[], "", Some("short-key"));
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("9 characters") && !stderr.contains("short-key"),
        "{stderr}"
    );

    // a profile without the security steps refuses both
    let console = station::start(Default::default(), SimOptions::default()).unwrap();
    let (code, _, stderr) = ocpp_set(
        &console,
        "evfield-sim",
        &["--security-profile", "1"],
        "",
        Some(KEY),
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("security profile set over the port"),
        "{stderr}"
    );
    assert!(!stderr.contains(KEY));
}
