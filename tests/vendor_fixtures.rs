//! Vendor facts as the manufacturers write them (tests/fixtures/vendors/<id>/): each fixture
//! drives BOTH the profile (our parser of the station) and the simulator (our stand-in for the
//! station), so a wrong reading of the document cannot pass by agreeing with itself.

use std::collections::BTreeMap;
use std::time::Duration;

use evfield::sandbox::station::dialects::{self, After};
use evfield::sandbox::station::{self, Dialect, SimFaults, SimHandle, SimOptions, SimState};
use evfield::station::StationDriver;
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
