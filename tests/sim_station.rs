//! The simulated station end to end: the real serial code on the simulator's pty, the console
//! driver, faults, state persistence, and the OCPP client against a tiny websocket server.
//!
//! Nothing sleeps to wait for something: every wait polls a condition against a deadline.

use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use evfield::sandbox::demo;
use evfield::sandbox::station::{self, SimFaults, SimHandle, SimOptions, SimState};
use evfield::station::console::ConsoleDriver;
use evfield::station::transport::{SerialSettings, open_serial};
use evfield::station::{Direction, OcppSettings, StationDriver};
use serde_json::{Value, json};
use tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tungstenite::{Message, WebSocket};

const DEADLINE: Duration = Duration::from_secs(10);

/// Poll `cond` until it holds or the deadline passes.
fn wait_until(what: &str, sim: &SimHandle, mut cond: impl FnMut() -> bool) {
    let end = Instant::now() + DEADLINE;
    while !cond() {
        assert!(
            Instant::now() < end,
            "timed out waiting for {what}; simulator log:\n{}",
            sim.log().join("\n")
        );
        thread::sleep(Duration::from_millis(10));
    }
}

fn sim(state: SimState) -> SimHandle {
    station::start(state, SimOptions::default()).expect("simulator starts")
}

fn driver(sim: &SimHandle) -> ConsoleDriver {
    let port = open_serial(sim.path(), &SerialSettings::default()).expect("pty opens");
    ConsoleDriver::new(port)
}

#[test]
fn identify_and_read_sim_over_the_pty() {
    let sim = sim(SimState::default());
    assert!(sim.path().starts_with("/dev/"), "{}", sim.path());
    let mut d = driver(&sim);
    let id = d.identify().unwrap();
    let state = sim.state();
    assert_eq!(id.manufacturer, state.manufacturer);
    assert_eq!(id.model, state.model);
    assert_eq!(id.serial, state.serial);
    assert_eq!(id.mac, state.mac);
    assert_eq!(id.firmware, state.firmware);
    assert_eq!(id.serial, demo::SERIAL);

    let s = d.read_sim().unwrap();
    assert_eq!(s.iccid, demo::OLD_ICCID);
    assert_eq!(s.pin_state, "READY");
    assert!(s.registered);
    assert_eq!(s.signal_dbm, Some(-71));
    assert_eq!(s.apn.as_deref(), Some("old.apn"));

    sim.swap_sim(demo::NEW_ICCID, "new.apn");
    let s = d.read_sim().unwrap();
    assert_eq!(s.iccid, demo::NEW_ICCID);
    assert_eq!(s.apn.as_deref(), Some("new.apn"));

    assert!(d.read_errors().unwrap().is_empty());

    // Every byte is in the traffic: the power-on banner, the commands and the replies.
    let traffic = d.take_traffic();
    let sent: Vec<u8> = traffic
        .iter()
        .filter(|t| t.dir == Direction::Sent)
        .flat_map(|t| t.bytes.clone())
        .collect();
    assert_eq!(sent, b"ID\r\nSIM\r\nSIM\r\nERRORS\r\n");
    let received: Vec<u8> = traffic
        .iter()
        .filter(|t| t.dir == Direction::Received)
        .flat_map(|t| t.bytes.clone())
        .collect();
    let received = String::from_utf8(received).unwrap();
    assert!(received.contains("OK manufacturer=Evfield"), "{received}");
    assert!(received.contains("BOOT manufacturer=Evfield"), "{received}");
}

#[test]
fn ocpp_settings_are_written_read_back_and_validated() {
    let sim = sim(SimState::default());
    let mut d = driver(&sim);
    let empty = d.read_ocpp().unwrap();
    assert_eq!(empty.url, "");
    assert_eq!(empty.charge_box_id, "");
    let wanted = OcppSettings {
        url: "ws://cs.example.test:9000/ocpp?x=1".into(),
        charge_box_id: "EVF-0001_a.b".into(),
    };
    d.write_ocpp(&wanted).unwrap();
    assert_eq!(d.read_ocpp().unwrap(), wanted);
    assert_eq!(sim.state().ocpp_url.as_deref(), Some(wanted.url.as_str()));

    let e = d
        .write_ocpp(&OcppSettings {
            url: "http://cs.example.test".into(),
            charge_box_id: "A".into(),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_STATION_REFUSED");
    let prefix = format!("station on {} refused `OCPP SET`: bad_url", sim.path());
    assert!(e.message.starts_with(&prefix), "{}", e.message);
    let e = d
        .write_ocpp(&OcppSettings {
            url: "ws://cs".into(),
            charge_box_id: "has space".into(),
        })
        .unwrap_err();
    assert!(
        e.message.contains("refused `OCPP SET`: bad_id"),
        "{}",
        e.message
    );
    // Refused writes changed nothing.
    assert_eq!(d.read_ocpp().unwrap(), wanted);
}

#[test]
fn reboot_then_wait_for_the_banner() {
    let sim = sim(SimState::default());
    assert_eq!(sim.boots(), 1);
    let mut d = driver(&sim);
    d.identify().unwrap();
    d.reboot().unwrap();
    d.wait_boot(Duration::from_secs(5)).unwrap();
    assert_eq!(sim.boots(), 2);
    // The station answers again after the restart.
    assert_eq!(d.identify().unwrap().serial, demo::SERIAL);
}

#[test]
fn the_port_can_be_reopened_but_not_shared() {
    let sim = sim(SimState::default());
    let first = driver(&sim);
    let e = open_serial(sim.path(), &SerialSettings::default())
        .err()
        .expect("a second open must fail while the first is in use");
    assert_eq!(e.code, "E_PORT_BUSY", "{}", e.message);
    assert!(e.message.contains(sim.path()), "{}", e.message);
    drop(first);
    for _ in 0..3 {
        assert_eq!(driver(&sim).identify().unwrap().serial, demo::SERIAL);
    }
}

#[test]
fn silent_station_times_out_naming_command_and_port() {
    let sim = sim(SimState::default());
    // the station has booted and answered once: its boot banner is read (a banner read while
    // waiting would make the error say it restarted, rightly)
    let mut d = driver(&sim);
    assert_eq!(d.identify().unwrap().serial, demo::SERIAL);
    let mut d = d.with_timeout(Duration::from_millis(300));
    sim.set_faults(SimFaults {
        silent: true,
        ..SimFaults::default()
    });
    let e = d.identify().unwrap_err();
    assert_eq!(e.code, "E_STATION_TIMEOUT");
    assert_eq!(
        e.message,
        format!(
            "station on {} did not answer `ID` within 300 ms",
            sim.path()
        )
    );
    assert!(e.help.unwrap().contains("powered"));
    sim.set_faults(SimFaults::default());
    assert_eq!(d.identify().unwrap().serial, demo::SERIAL);
}

#[test]
fn garbage_is_reported_as_unreadable() {
    let sim = sim(SimState::default());
    let mut d = driver(&sim);
    sim.set_faults(SimFaults {
        garbage: true,
        ..SimFaults::default()
    });
    let e = d.read_sim().unwrap_err();
    assert_eq!(e.code, "E_STATION_GARBLED");
    let prefix = format!(
        "station on {} sent an unreadable reply to `SIM`: \"",
        sim.path()
    );
    assert!(e.message.starts_with(&prefix), "{}", e.message);
    assert!(
        e.message.contains("\\xfe"),
        "control bytes are escaped: {}",
        e.message
    );
    sim.set_faults(SimFaults::default());
    assert!(d.read_sim().unwrap().registered);
}

#[test]
fn slow_replies_succeed_within_the_timeout_and_fail_beyond_it() {
    let sim = sim(SimState::default());
    let mut d = driver(&sim).with_timeout(Duration::from_secs(2));
    sim.set_faults(SimFaults {
        slow_reply: Some(Duration::from_millis(100)),
        ..SimFaults::default()
    });
    assert_eq!(d.identify().unwrap().serial, demo::SERIAL);

    let mut d = d.with_timeout(Duration::from_millis(200));
    sim.set_faults(SimFaults {
        slow_reply: Some(Duration::from_millis(800)),
        ..SimFaults::default()
    });
    let e = d.read_errors().unwrap_err();
    assert_eq!(e.code, "E_STATION_TIMEOUT");
    assert!(
        e.message
            .contains(&format!("on {} did not answer `ERRORS`", sim.path())),
        "{}",
        e.message
    );
    // The late reply does not confuse the next command.
    sim.set_faults(SimFaults::default());
    let mut d = d.with_timeout(Duration::from_secs(3));
    assert_eq!(d.identify().unwrap().serial, demo::SERIAL);
    assert_eq!(d.identify().unwrap().serial, demo::SERIAL);
}

#[test]
fn unplug_mid_reply_is_reported_not_a_panic() {
    let sim = sim(SimState::default());
    let mut d = driver(&sim).with_timeout(Duration::from_millis(500));
    sim.set_faults(SimFaults {
        unplug_mid_reply: true,
        ..SimFaults::default()
    });
    let e = d.identify().unwrap_err();
    assert!(
        e.code == "E_STATION_UNPLUGGED" || e.code == "E_STATION_TIMEOUT",
        "{}: {}",
        e.code,
        e.message
    );
    assert!(e.message.contains(sim.path()), "{}", e.message);
    assert!(
        e.message.contains("unplugged") || e.message.contains("did not answer `ID`"),
        "{}",
        e.message
    );
    wait_until("the console to close", &sim, || sim.unplugged());
    // Later use fails the same clear way.
    let e = d.read_sim().unwrap_err();
    assert!(
        e.code.starts_with("E_STATION") || e.code.starts_with("E_PORT"),
        "{}",
        e.code
    );
    // Opening the vanished port again is an error, not a panic.
    if let Ok(port) = open_serial(sim.path(), &SerialSettings::default()) {
        let e = ConsoleDriver::new(port)
            .with_timeout(Duration::from_millis(200))
            .identify()
            .unwrap_err();
        assert!(e.code.starts_with("E_STATION"), "{}", e.code);
    }
}

#[test]
fn state_is_persisted_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.json");
    let options = || SimOptions {
        state_path: Some(path.clone()),
        ..SimOptions::default()
    };
    let sim = station::start(SimState::default(), options()).unwrap();
    assert_eq!(station::load_state(&path).unwrap(), SimState::default());
    let mut d = driver(&sim);
    let settings = OcppSettings {
        url: "wss://cs.example.test/ocpp".into(),
        charge_box_id: "EVF-77".into(),
    };
    d.write_ocpp(&settings).unwrap();
    sim.swap_sim(demo::NEW_ICCID, "new.apn");
    let saved = station::load_state(&path).unwrap();
    assert_eq!(saved, sim.state());
    assert_eq!(saved.iccid.as_deref(), Some(demo::NEW_ICCID));
    assert_eq!(saved.charge_box_id.as_deref(), Some("EVF-77"));
    drop(d);
    sim.shutdown();

    // Power on again from the file: a commissioned station with the new SIM.
    let sim = station::start(station::load_state(&path).unwrap(), options()).unwrap();
    let mut d = driver(&sim);
    assert_eq!(d.read_ocpp().unwrap(), settings);
    assert_eq!(d.read_sim().unwrap().iccid, demo::NEW_ICCID);
    // Its OCPP URL needs TLS: an honest error, in the station's errors and the status.
    wait_until("the no-TLS error", &sim, || {
        sim.ocpp_status().contains("no TLS")
    });
    assert!(!sim.ocpp_connected());
    let errors = d.read_errors().unwrap();
    assert_eq!(errors, vec![station::NO_TLS_ERROR.to_string()]);
    assert_eq!(station::load_state(&path).unwrap().errors, errors);
}

/// What the test central system saw.
#[derive(Debug)]
enum Seen {
    Refused(String),
    Handshake { path: String, protocols: String },
    Frame(Value),
    Gone,
}

/// A tiny OCPP central system on 127.0.0.1:0. It refuses the first `refuse` handshakes with 404,
/// answers BootNotifications with `boot` statuses in turn (the last one repeats), answers other
/// calls with an empty result, and sends one `Reset` call after the first StatusNotification.
// tungstenite's callback signature returns a whole HTTP response as its error.
#[allow(clippy::result_large_err)]
fn central_system(refuse: usize, boot: &'static [&'static str]) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("ws://{}/ocpp/", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut handshakes = 0;
        let mut boots = 0;
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            handshakes += 1;
            let refuse_this = handshakes <= refuse;
            let tx2 = tx.clone();
            let callback = move |req: &Request, mut resp: Response| {
                let path = req.uri().path().to_string();
                let protocols = req
                    .headers()
                    .get("Sec-WebSocket-Protocol")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                if refuse_this {
                    let _ = tx2.send(Seen::Refused(path));
                    let mut err = ErrorResponse::new(Some("no such charge point".into()));
                    *err.status_mut() = tungstenite::http::StatusCode::NOT_FOUND;
                    return Err(err);
                }
                let _ = tx2.send(Seen::Handshake { path, protocols });
                resp.headers_mut()
                    .insert("Sec-WebSocket-Protocol", "ocpp1.6".parse().unwrap());
                Ok(resp)
            };
            let Ok(mut ws) = tungstenite::accept_hdr(stream, callback) else {
                continue;
            };
            serve(&mut ws, &tx, boot, &mut boots);
            let _ = tx.send(Seen::Gone);
        }
    });
    (url, rx)
}

fn serve(
    ws: &mut WebSocket<std::net::TcpStream>,
    tx: &mpsc::Sender<Seen>,
    boot: &[&str],
    boots: &mut usize,
) {
    let mut call_sent = false;
    loop {
        let msg = match ws.read() {
            Ok(Message::Text(t)) => t,
            Ok(Message::Close(_)) | Err(_) => return,
            Ok(_) => continue,
        };
        let frame: Value = serde_json::from_str(msg.as_str()).unwrap();
        let _ = tx.send(Seen::Frame(frame.clone()));
        if frame[0] != 2 {
            continue;
        }
        let id = frame[1].clone();
        let result = match frame[2].as_str().unwrap() {
            "BootNotification" => {
                let status = boot[(*boots).min(boot.len() - 1)];
                *boots += 1;
                json!({"status": status, "currentTime": "2026-01-01T00:00:00Z", "interval": 1})
            }
            "Heartbeat" => json!({"currentTime": "2026-01-01T00:00:00Z"}),
            _ => json!({}),
        };
        if ws
            .send(Message::text(json!([3, id, result]).to_string()))
            .is_err()
        {
            return;
        }
        if frame[2] == "StatusNotification" && !call_sent {
            call_sent = true;
            // (Reset, GetConfiguration and ChangeConfiguration are implemented: tests/ocpp_probe.rs.)
            let call = json!([2, "srv-1", "UnlockConnector", {"connectorId": 1}]);
            if ws.send(Message::text(call.to_string())).is_err() {
                return;
            }
        }
    }
}

/// The next thing seen that `pick` accepts (others are skipped), within the deadline.
fn expect<T>(rx: &mpsc::Receiver<Seen>, what: &str, mut pick: impl FnMut(&Seen) -> Option<T>) -> T {
    let end = Instant::now() + DEADLINE;
    let mut skipped = Vec::new();
    loop {
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(seen) => match pick(&seen) {
                Some(t) => return t,
                None => skipped.push(seen),
            },
            Err(_) => panic!("central system never saw {what}; saw {skipped:#?}"),
        }
    }
}

fn call_named<'a>(seen: &'a Seen, action: &str) -> Option<&'a Value> {
    match seen {
        Seen::Frame(f) if f[0] == 2 && f[2] == action => Some(&f[3]),
        _ => None,
    }
}

fn commissioned(url: &str, id: &str) -> SimState {
    SimState {
        ocpp_url: Some(url.to_string()),
        charge_box_id: Some(id.to_string()),
        ..SimState::default()
    }
}

#[test]
fn ocpp_client_boots_reports_status_and_heartbeats() {
    let (url, rx) = central_system(0, &["Accepted"]);
    let sim = station::start(
        commissioned(&url, "CB-0001"),
        SimOptions {
            heartbeat: Duration::from_millis(200),
            ..SimOptions::default()
        },
    )
    .unwrap();
    let (path, protocols) = expect(&rx, "a handshake", |s| match s {
        Seen::Handshake { path, protocols } => Some((path.clone(), protocols.clone())),
        _ => None,
    });
    assert_eq!(path, "/ocpp/CB-0001", "no doubled slash");
    assert!(
        protocols.split(',').any(|p| p.trim() == "ocpp1.6"),
        "{protocols}"
    );

    let boot = expect(&rx, "a BootNotification", |s| {
        call_named(s, "BootNotification").cloned()
    });
    assert_eq!(boot["chargePointSerialNumber"], demo::SERIAL);
    assert_eq!(boot["chargePointVendor"], demo::MANUFACTURER);
    assert_eq!(boot["chargePointModel"], demo::MODEL);
    assert_eq!(boot["firmwareVersion"], demo::FIRMWARE);
    assert_eq!(boot["iccid"], demo::OLD_ICCID);

    for connector in [0, 1] {
        let status = expect(&rx, "a StatusNotification", |s| {
            call_named(s, "StatusNotification").cloned()
        });
        assert_eq!(status["connectorId"], connector);
        assert_eq!(status["status"], "Available");
        assert_eq!(status["errorCode"], "NoError");
    }
    wait_until("ocpp_connected", &sim, || sim.ocpp_connected());

    // A call the simulator does not implement is answered, not ignored.
    let answer = expect(&rx, "an answer to UnlockConnector", |s| match s {
        Seen::Frame(f) if f[1] == "srv-1" => Some(f.clone()),
        _ => None,
    });
    assert_eq!(answer[0], 4);
    assert_eq!(answer[2], "NotImplemented");

    expect(&rx, "a Heartbeat", |s| {
        call_named(s, "Heartbeat").map(|_| ())
    });

    // The console announced the connection to whoever listens.
    let mut d = driver(&sim);
    let mut received = Vec::new();
    wait_until("EVT ocpp=connected on the console", &sim, || {
        d.identify().unwrap();
        received.extend(d.take_traffic().into_iter().flat_map(|t| t.bytes));
        String::from_utf8_lossy(&received).contains("EVT ocpp=connected")
    });

    sim.shutdown();
    expect(&rx, "the connection to close", |s| {
        matches!(s, Seen::Gone).then_some(())
    });
}

#[test]
fn refused_handshake_is_retried_until_accepted() {
    let (url, rx) = central_system(2, &["Accepted"]);
    let sim = sim(commissioned(&url, "CB-9"));
    for _ in 0..2 {
        let path = expect(&rx, "a refused handshake", |s| match s {
            Seen::Refused(p) => Some(p.clone()),
            _ => None,
        });
        assert_eq!(path, "/ocpp/CB-9");
    }
    expect(&rx, "an accepted handshake", |s| {
        matches!(s, Seen::Handshake { .. }).then_some(())
    });
    expect(&rx, "a BootNotification", |s| {
        call_named(s, "BootNotification").map(|_| ())
    });
    wait_until("ocpp_connected", &sim, || sim.ocpp_connected());
    assert!(
        sim.log().iter().any(|l| l.contains("HTTP 404")),
        "the refusal is logged: {:#?}",
        sim.log()
    );
}

#[test]
fn pending_boot_is_repeated_until_accepted() {
    let (url, rx) = central_system(0, &["Pending", "Rejected", "Accepted"]);
    let sim = sim(commissioned(&url, "CB-P"));
    for _ in 0..3 {
        expect(&rx, "a BootNotification", |s| {
            call_named(s, "BootNotification").map(|_| ())
        });
    }
    expect(&rx, "a StatusNotification", |s| {
        call_named(s, "StatusNotification").map(|_| ())
    });
    wait_until("ocpp_connected", &sim, || sim.ocpp_connected());
}

#[test]
fn unreachable_central_system_is_retried_and_never_connected() {
    // A port that was free a moment ago: connections are refused.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sim = sim(commissioned(&format!("ws://127.0.0.1:{port}/ocpp"), "CB-X"));
    wait_until("two failed attempts", &sim, || {
        sim.log()
            .iter()
            .filter(|l| l.contains("cannot connect"))
            .count()
            >= 2
    });
    assert!(!sim.ocpp_connected());
    assert!(
        sim.ocpp_status().contains("retrying"),
        "{}",
        sim.ocpp_status()
    );
}

#[test]
fn commissioning_over_the_console_then_reboot_connects() {
    let (url, rx) = central_system(0, &["Accepted"]);
    let sim = sim(SimState::default());
    let mut d = driver(&sim);
    let settings = OcppSettings {
        url: url.trim_end_matches('/').to_string(),
        charge_box_id: "EVF-0042".into(),
    };
    d.write_ocpp(&settings).unwrap();
    assert_eq!(d.read_ocpp().unwrap(), settings);
    assert!(!sim.ocpp_connected(), "settings apply after the restart");
    d.reboot().unwrap();
    d.wait_boot(Duration::from_secs(5)).unwrap();
    assert_eq!(sim.boots(), 2);
    let path = expect(&rx, "a handshake", |s| match s {
        Seen::Handshake { path, .. } => Some(path.clone()),
        _ => None,
    });
    assert_eq!(path, "/ocpp/EVF-0042");
    wait_until("ocpp_connected", &sim, || sim.ocpp_connected());

    // A reboot drops the connection, and the station connects again once it is up.
    d.reboot().unwrap();
    assert!(!sim.ocpp_connected());
    expect(&rx, "the connection to close", |s| {
        matches!(s, Seen::Gone).then_some(())
    });
    d.wait_boot(Duration::from_secs(5)).unwrap();
    expect(&rx, "a second handshake", |s| {
        matches!(s, Seen::Handshake { .. }).then_some(())
    });
    wait_until("ocpp_connected again", &sim, || sim.ocpp_connected());
    assert_eq!(sim.boots(), 3);
}

#[test]
fn shutdown_is_prompt_even_while_a_handshake_hangs() {
    // A central system that accepts TCP connections and never answers the handshake.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("ws://{}/ocpp", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming() {
            if tx.send(stream).is_err() {
                return;
            }
        }
    });
    let sim = sim(commissioned(&url, "CB-H"));
    let mut d = driver(&sim);
    let _held = rx.recv_timeout(DEADLINE).expect("the station connects");
    wait_until("the client to wait in the handshake", &sim, || {
        sim.ocpp_status().starts_with("connecting")
    });
    let start = Instant::now();
    sim.shutdown();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "shutdown took {:?}",
        start.elapsed()
    );
    // The port vanished under the driver: a clear error, no hang, no panic.
    let e = d.identify().unwrap_err();
    assert_eq!(e.code, "E_STATION_UNPLUGGED", "{}", e.message);
    assert!(e.message.contains("station unplugged"), "{}", e.message);
}
