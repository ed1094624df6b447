//! Exactly-once submission through the outbox, against the sandbox with faults on: every
//! submission accepted once, none lost, none duplicated; offline, then `sync` when the network is
//! back; refusals kept with their reason; the photo upload resumes; a session goes on offline.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{evfield, text};
use serde_json::Value;

use evfield::network::api::PinpointRequest;
use evfield::network::client::{Client, RetryPolicy};
use evfield::network::outbox::{Entry, EntryState, Outbox};
use evfield::sandbox::demo;
use evfield::sandbox::network::{
    self as sandbox, Faults, SandboxConfig, sandbox_activation, sandbox_request,
};

fn request(i: u32) -> PinpointRequest {
    sandbox_request(i, format!("OUTBOX{i:05}"))
}

fn token(net: &sandbox::SandboxHandle) -> String {
    Client::new(&net.base_url())
        .unwrap()
        .login(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD)
        .unwrap()
        .token
}

/// A data dir where the demo installer is logged in with a token file.
fn logged_in(net: &sandbox::SandboxHandle) -> (tempfile::TempDir, std::path::PathBuf) {
    let d = common::logged_in(net);
    let tok = d.path().join("token");
    (d, tok)
}

#[test]
fn every_submission_is_accepted_exactly_once_under_faults() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let n = 40u32;
    let ob = common::fill_outbox(d.path(), &net.base_url(), n, "OUTBOX");
    let photo = evfield::sandbox::demo::photo_png(64, 48);
    // a third of the requests fail: 5xx, 429, answers lost after the network committed them
    net.set_faults(Faults {
        rate_5xx: 0.12,
        rate_429: 0.08,
        retry_after_s: 0,
        rate_reset: 0.13,
        seed: 7,
        ..Faults::default()
    });
    let client = Client::new(&net.base_url())
        .unwrap()
        .with_token(token(&net))
        .with_retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        });
    let mut passes = 0;
    loop {
        let mut open = 0;
        for mut e in ob.list().unwrap() {
            if e.state.open() && ob.send(&mut e, &client).is_err() {
                assert!(e.state.open(), "refused for good: {:?}", e.last_error);
                open += 1;
            }
        }
        passes += 1;
        if open == 0 {
            break;
        }
        assert!(passes < 50, "still {open} open after {passes} passes");
    }
    let state = net.snapshot();
    assert_eq!(state.stations.len(), n as usize, "lost or duplicated");
    let mut by_serial = BTreeMap::new();
    for st in &state.stations {
        assert!(
            by_serial
                .insert(st.serial.clone(), st.station_id.clone())
                .is_none(),
            "serial {} twice",
            st.serial
        );
    }
    let entries = ob.list().unwrap();
    assert_eq!(entries.len(), n as usize);
    for e in &entries {
        assert_eq!(e.state, EntryState::Done, "{}", e.key);
        assert_eq!(
            by_serial.get(&e.request.serial),
            e.station_id.as_ref(),
            "the entry names another station than the network"
        );
        if e.photo.is_some() {
            let id = e.station_id.as_deref().unwrap();
            assert_eq!(net.photo_bytes(id).as_deref(), Some(photo.as_slice()));
        }
    }
    assert!(
        entries.iter().any(|e| e.replayed == Some(true)) || entries.iter().any(|e| e.attempts > 1),
        "no retry happened: the faults did not bite"
    );
}

#[test]
fn offline_submit_is_queued_then_sync_sends_it_once() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let (d, _tok) = logged_in(&net);
    let photo = d.path().join("site.jpg");
    std::fs::write(&photo, evfield::sandbox::demo::photo_png(800, 600)).unwrap();
    let (mac, password) = sandbox_activation(5);
    net.set_faults(Faults {
        offline: true,
        ..Faults::default()
    });
    let o = evfield(d.path())
        .args(["--json", "pinpoint", "submit", "--mac"])
        .arg(mac.to_lowercase().replace(':', "-"))
        .args(["--activation-password", &password])
        .args(["--manufacturer", demo::MANUFACTURER, "--model", demo::MODEL])
        .args(["--serial", "PLATE-0005", "--serial-again", "plate0005"])
        .args([
            "--gps",
            "N59 54.832, E10 45.135",
            "--address-id",
            demo::ADDRESS_ID,
        ])
        .args(["--charge-box-id", &format!("EVF-{}", mac.replace(':', ""))])
        .args(["--car-park", "P2", "--confirm-serial", "--photo"])
        .arg(&photo)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["state"], "queued", "{v}");
    let key = v["key"].as_str().unwrap().to_string();
    assert!(net.snapshot().stations.is_empty());

    let o = evfield(d.path())
        .args(["--json", "outbox", "list"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["entries"][0]["key"], key.as_str());
    assert_eq!(v["entries"][0]["state"], "pending");

    // still offline: sync keeps it, exit code 5, nothing dropped
    let o = evfield(d.path()).args(["sync"]).output().unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    assert!(text(&o).contains("E_OUTBOX_PENDING"), "{}", text(&o));

    net.set_faults(Faults::default());
    let o = evfield(d.path()).args(["--json", "sync"]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["entries"][0]["state"], "done", "{v}");
    let state = net.snapshot();
    assert_eq!(state.stations.len(), 1);
    assert_eq!(state.stations[0].mac, mac, "the MAC was normalised");
    assert_eq!(state.stations[0].serial, "PLATE-0005");
    assert!(state.stations[0].photo.is_some(), "the photo went with it");

    // a second sync sends nothing again
    let o = evfield(d.path()).args(["sync"]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(net.snapshot().stations.len(), 1);
    let o = evfield(d.path())
        .args(["--json", "outbox", "list", "--all"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["entries"].as_array().unwrap().len(), 1);
}

#[test]
fn a_refusal_is_kept_with_its_reason_and_a_409_is_explained() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let (d, _tok) = logged_in(&net);
    let ob = Outbox::new(d.path());
    let mut bad = request(9);
    bad.activation_password = "WRONG".into();
    let mut e = Entry::new(None, &net.base_url(), demo::INSTALLER_USER, None, bad);
    ob.put(&mut e, None).unwrap();
    let o = evfield(d.path()).args(["sync"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("E_OUTBOX_REFUSED"), "{}", text(&o));
    let kept = ob.get(&e.key).unwrap().unwrap();
    assert_eq!(kept.state, EntryState::Failed);
    assert_eq!(
        kept.last_error.as_ref().unwrap().code,
        "E_API_ACTIVATION_UNKNOWN"
    );
    let o = evfield(d.path()).args(["outbox", "list"]).output().unwrap();
    assert!(
        text(&o).contains("failed") && text(&o).contains("E_API_ACTIVATION_UNKNOWN"),
        "{}",
        text(&o)
    );

    // the same MAC with another serial after a station exists: 409 serial_locked, explained
    let client = Client::new(&net.base_url())
        .unwrap()
        .with_token(token(&net));
    client.submit_pinpoint(&request(10), "first-key").unwrap();
    let mut other = request(10);
    other.serial = "ANOTHER".into();
    let mut e = Entry::new(None, &net.base_url(), demo::INSTALLER_USER, None, other);
    ob.put(&mut e, None).unwrap();
    let o = evfield(d.path()).args(["sync", &e.key]).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("cannot be changed"), "{}", text(&o));
    assert_eq!(net.snapshot().stations.len(), 1);
}

#[test]
fn the_photo_upload_resumes_after_a_failure() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let (d, _tok) = logged_in(&net);
    let ob = Outbox::new(d.path());
    let photo = evfield::sandbox::demo::photo_png(64, 48);
    let mut e = Entry::new(
        None,
        &net.base_url(),
        demo::INSTALLER_USER,
        None,
        request(20),
    );
    ob.put(&mut e, Some(&photo)).unwrap();
    // the submission went through and was saved so (as `send` does), then the process died
    let client = Client::new(&net.base_url())
        .unwrap()
        .with_token(token(&net))
        .with_retry(RetryPolicy::none());
    let (station, _) = client.submit_pinpoint(&e.request, &e.key).unwrap();
    e.station_id = Some(station.station_id.clone());
    e.state = EntryState::PhotoPending;
    ob.save(&e).unwrap();
    // the network is gone when the photo is sent: it stays to do, the submission is not resent
    net.set_faults(Faults {
        offline: true,
        ..Faults::default()
    });
    let o = evfield(d.path()).args(["sync"]).output().unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let e = ob.get(&e.key).unwrap().unwrap();
    assert_eq!(e.state, EntryState::PhotoPending, "{:?}", e.last_error);
    assert!(e.last_error.as_ref().unwrap().message.contains("/photo"));
    assert!(net.photo_bytes(&station.station_id).is_none());
    net.set_faults(Faults::default());
    let o = evfield(d.path()).args(["sync"]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(net.snapshot().stations.len(), 1);
    assert_eq!(
        net.photo_bytes(&station.station_id).as_deref(),
        Some(photo.as_slice())
    );
    assert_eq!(ob.get(&e.key).unwrap().unwrap().state, EntryState::Done);
}

/// POST faults to a sandbox from outside (as a test harness or support would).
fn post_faults(base_url: &str, f: &Faults) {
    evfield::tls::use_ring();
    let r = reqwest::blocking::Client::new()
        .post(format!("{base_url}/_sandbox/faults"))
        .header("content-type", "application/json")
        .body(serde_json::to_vec(f).unwrap())
        .send()
        .unwrap();
    assert!(r.status().is_success());
}

#[test]
fn a_session_goes_on_offline_and_phase_8_sends_the_queued_submission_when_back() {
    use evfield::session::prompt::{NoTerminal, Notice};
    use evfield::session::{Inputs, Session};
    let d = tempfile::tempdir().unwrap();
    let base = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let seen = base.clone();
    // the network goes away as phase 7 starts
    let mut front = NoTerminal {
        on_notice: move |n: &Notice| {
            if n.text.starts_with("[7/8]") {
                post_faults(
                    &seen.lock().unwrap(),
                    &Faults {
                        offline: true,
                        ..Faults::default()
                    },
                );
            }
        },
    };
    let mut s = Session::create(d.path(), Inputs::default(), &mut front, true).unwrap();
    let rig = evfield::sandbox::rig::DemoRig::start(&s.dir, None).unwrap();
    let url = rig.network.base_url();
    *base.lock().unwrap() = url.clone();
    s.attach_demo(Box::new(rig));
    s.add_demo_answers(demo::ANSWERS, false).unwrap();
    let e = s.run().unwrap_err();
    assert_eq!(e.code, "E_PINPOINT_QUEUED", "{e:?}");
    assert!(e.help.as_deref().unwrap().contains("evfield sync"));
    let journal = std::fs::read_to_string(s.journal_path()).unwrap();
    assert!(journal.contains("\"action_queued\""), "no queued event");
    assert!(
        journal.contains("\"step_done\"") && journal.contains("\"submission\":\"queued\""),
        "phase 7 did not finish with the submission queued"
    );
    let ob = Outbox::new(d.path());
    let queued = ob.list().unwrap();
    assert_eq!(queued.len(), 1);
    // the entry holds what is needed to send it, never the installer's password
    let entry_text =
        std::fs::read_to_string(ob.dir().join(format!("{}.json", queued[0].key))).unwrap();
    assert!(!entry_text.contains(demo::INSTALLER_PASSWORD));
    assert!(!journal.contains(demo::INSTALLER_PASSWORD));
    assert_eq!(queued[0].state, EntryState::Pending);
    assert_eq!(queued[0].session_id.as_deref(), Some(s.id.as_str()));

    // the network is back: `evfield sync` sends it, then the session completes without resending
    post_faults(&url, &Faults::default());
    let tok = d.path().join("token");
    let t = Client::new(&url)
        .unwrap()
        .login(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD)
        .unwrap()
        .token;
    evfield::network::account::write_token_file(&tok, &t).unwrap();
    let o = evfield(d.path())
        .args(["sync", "--token-file"])
        .arg(&tok)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains(&t), "the token reached the output");
    let report = s.run().unwrap();
    assert_eq!(report.network["ocpp_status"], "connected");
    let journal = std::fs::read_to_string(s.journal_path()).unwrap();
    assert!(!journal.contains(&t) && !journal.contains(demo::INSTALLER_PASSWORD));
    let state =
        evfield::sandbox::network::load_state(report.sandbox_state.as_ref().unwrap()).unwrap();
    assert_eq!(state.stations.len(), 1, "submitted exactly once");
    assert_eq!(
        report.network["station_id"].as_str(),
        ob.list().unwrap()[0].station_id.as_deref()
    );
}
