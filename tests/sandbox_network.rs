//! The sandbox network through its public API and the real client: rules, idempotency,
//! persistence, OCPP, faults, and the OpenAPI document. Loopback only, port 0; nothing waits
//! by sleeping a fixed time, things are polled with a deadline.

use std::time::{Duration, Instant};

use evfield::ErrorKind;
use evfield::network::api::{ActivationState, OcppState, PinpointRequest, SiteDetails};
use evfield::network::client::{Client, RetryPolicy, is_transient};
use evfield::sandbox::demo;
use evfield::sandbox::network::{
    Faults, NOT_CERTIFIED_SENTENCE, SandboxConfig, SandboxHandle, expected_identity, load_state,
    sandbox_activation, served_routes, start,
};
use serde_json::{Value, json};

fn sandbox() -> SandboxHandle {
    start(SandboxConfig::default()).expect("sandbox starts")
}

fn fast_retry(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(20),
    }
}

fn login_as(h: &SandboxHandle, user: &str, password: &str) -> Client {
    let c = Client::new(&h.base_url())
        .unwrap()
        .with_retry(fast_retry(12));
    let token = c.login(user, password).expect("login").token;
    c.with_token(token)
}

fn demo_client(h: &SandboxHandle) -> Client {
    login_as(h, demo::INSTALLER_USER, demo::INSTALLER_PASSWORD)
}

fn demo_request() -> PinpointRequest {
    PinpointRequest {
        mac: demo::MAC.to_string(),
        activation_password: demo::ACTIVATION_PASSWORD.to_string(),
        manufacturer: demo::MANUFACTURER.to_string(),
        model: demo::MODEL.to_string(),
        serial: demo::SERIAL.to_string(),
        charge_box_id: expected_identity(demo::MAC, demo::SERIAL).unwrap(),
        firmware: Some(demo::FIRMWARE.to_string()),
        gps_lat: demo::GPS_LAT,
        gps_lon: demo::GPS_LON,
        address_id: demo::ADDRESS_ID.to_string(),
        pin_lat: demo::GPS_LAT + 0.00001,
        pin_lon: demo::GPS_LON,
        details: SiteDetails {
            car_park: Some(demo::CAR_PARK.to_string()),
            building: Some(demo::BUILDING.to_string()),
            floor: Some(demo::FLOOR.to_string()),
            restrictions: Some(demo::RESTRICTIONS.to_string()),
        },
    }
}

fn generated_request(i: u32) -> PinpointRequest {
    let (mac, password) = sandbox_activation(i);
    let serial = format!("GEN{i:06}");
    PinpointRequest {
        charge_box_id: expected_identity(&mac, &serial).unwrap(),
        mac,
        activation_password: password,
        serial,
        ..demo_request()
    }
}

fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Polls `f` until it yields a value or the deadline passes.
fn eventually<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

// ----- accounts -----

#[test]
fn login_good_and_bad_credentials() {
    let h = sandbox();
    let c = Client::new(&h.base_url()).unwrap();
    let resp = c
        .login(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD)
        .unwrap();
    assert!(resp.token.len() >= 32);
    let me = Client::new(&h.base_url())
        .unwrap()
        .with_token(resp.token.clone())
        .installer()
        .unwrap();
    assert_eq!(me.username, demo::INSTALLER_USER);
    assert_eq!(me.name, "Demo Installer");
    assert!(me.certified);
    assert_eq!(me.certification_expires.as_deref(), Some("2027-12-31"));

    let e = c.login(demo::INSTALLER_USER, "wrong-password").unwrap_err();
    assert_eq!(e.code, "E_API_BAD_CREDENTIALS");
    assert_eq!(e.kind, ErrorKind::Network);
    assert!(e.message.contains("POST /api/v1/login"), "{}", e.message);
    assert!(e.message.contains("401 bad_credentials"), "{}", e.message);
    assert!(!e.message.contains("wrong-password"));

    let e = c.installer().unwrap_err();
    assert_eq!(e.code, "E_API_UNAUTHORIZED");
    let e = c.with_token("forged".into()).installer().unwrap_err();
    assert_eq!(e.code, "E_API_UNAUTHORIZED");
    // The token is never stored in clear.
    let state = serde_json::to_string(&h.snapshot()).unwrap();
    assert!(!state.contains(&resp.token));
    assert!(!state.contains(demo::INSTALLER_PASSWORD));
}

#[test]
fn uncertified_installer_cannot_pinpoint() {
    let h = sandbox();
    let c = login_as(&h, demo::TRAINEE_USER, demo::TRAINEE_PASSWORD);
    assert!(!c.installer().unwrap().certified);
    let e = c.submit_pinpoint(&demo_request(), &new_key()).unwrap_err();
    assert_eq!(e.code, "E_API_NOT_CERTIFIED");
    assert!(
        e.message.contains("HTTP 403 not_certified"),
        "{}",
        e.message
    );
    assert!(e.message.contains(NOT_CERTIFIED_SENTENCE), "{}", e.message);
    assert!(e.help.as_deref().unwrap().contains("training"));
    assert!(h.snapshot().stations.is_empty());
}

// ----- reference data -----

#[test]
fn requirements_activation_check_and_addresses() {
    let h = sandbox();
    let c = demo_client(&h);
    let r = c.requirements(demo::MANUFACTURER, demo::MODEL).unwrap();
    assert_eq!(r.min_firmware, "5.0.0");
    assert_eq!(r.ocpp_url, h.ocpp_url());
    assert_eq!(r.identity_rule, "EVF-{mac}");
    assert_eq!(r.checklist_version, "2026.1");
    assert_eq!(
        r.pinpoint_url_template,
        format!(
            "{}/pinpoint?mac={{mac}}&password={{password}}",
            h.base_url()
        )
    );
    assert_eq!(
        c.requirements("Wallbox", "Commander 2")
            .unwrap()
            .min_firmware,
        "5.17.0"
    );
    let e = c.requirements("Acme", "Rocket 1").unwrap_err();
    assert_eq!(e.code, "E_API_MODEL_NOT_SUPPORTED");
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(e.message.contains("404"), "{}", e.message);

    let a = c
        .check_activation(demo::MAC, demo::ACTIVATION_PASSWORD)
        .unwrap();
    assert_eq!(a.status, ActivationState::Valid);
    let a = c.check_activation(demo::MAC, "K7+9/QF=3").unwrap();
    assert_eq!(a.status, ActivationState::Unknown);

    let list = c.addresses(demo::GPS_LAT, demo::GPS_LON, None).unwrap();
    assert_eq!(list[0].id, demo::ADDRESS_ID);
    assert!(list.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
    assert!(list.iter().all(|a| a.distance_m <= 500.0));
    let wide = c
        .addresses(demo::GPS_LAT, demo::GPS_LON, Some(3000.0))
        .unwrap();
    assert!(wide.len() > list.len());
    assert_eq!(
        c.addresses(0.0, 0.0, None).unwrap_err().code,
        "E_API_BAD_POSITION"
    );
}

// ----- pinpointing -----

#[test]
fn pinpoint_is_created_once_and_replayed_for_the_same_key() {
    let h = sandbox();
    let c = demo_client(&h);
    let key = new_key();
    let (st, created) = c.submit_pinpoint(&demo_request(), &key).unwrap();
    assert!(created);
    assert_eq!(st.charge_box_id, "EVF-02EF10004D01");
    assert_eq!(st.mac, demo::MAC);
    assert_eq!(st.address_label, "Jernbanetorget 1, 0154 Oslo");
    assert_eq!(st.installer, demo::INSTALLER_USER);
    let (again, created_again) = c.submit_pinpoint(&demo_request(), &key).unwrap();
    assert!(!created_again, "the second answer is a replay");
    assert_eq!(again, st);
    assert_eq!(h.snapshot().stations.len(), 1);
    // the network counts the POSTs of one key: the crash campaign relies on it
    let records = h.snapshot().idempotency;
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].replays, 1,
        "the second POST is counted as a replay"
    );

    assert_eq!(c.station(&st.station_id).unwrap(), st);
    assert_eq!(c.stations(None).unwrap(), vec![st.clone()]);
    assert_eq!(c.stations(Some("02-ef-10-00-4d-01")).unwrap().len(), 1);
    assert!(c.stations(Some("02:EF:10:00:4D:02")).unwrap().is_empty());
    assert_eq!(
        c.station_status(&st.station_id).unwrap().ocpp,
        OcppState::Connecting
    );
    let used = c
        .check_activation(demo::MAC, demo::ACTIVATION_PASSWORD)
        .unwrap();
    assert_eq!(used.status, ActivationState::Used);
    assert_eq!(used.station_id.as_deref(), Some(st.station_id.as_str()));
    assert_eq!(
        c.station("STN-999999").unwrap_err().code,
        "E_API_STATION_NOT_FOUND"
    );
}

#[test]
fn same_key_with_another_body_is_refused() {
    let h = sandbox();
    let c = demo_client(&h);
    let key = new_key();
    c.submit_pinpoint(&demo_request(), &key).unwrap();
    let mut changed = demo_request();
    changed.details.floor = Some("P3".into());
    let e = c.submit_pinpoint(&changed, &key).unwrap_err();
    assert_eq!(e.code, "E_API_IDEMPOTENCY_KEY_REUSED");
    assert!(
        e.message.contains("422 idempotency_key_reused"),
        "{}",
        e.message
    );
    assert_eq!(h.snapshot().stations.len(), 1);
}

#[test]
fn serial_cannot_change_and_activation_cannot_be_reused() {
    let h = sandbox();
    let c = demo_client(&h);
    c.submit_pinpoint(&demo_request(), &new_key()).unwrap();

    let mut other_serial = demo_request();
    other_serial.serial = "EVF2026000999".into();
    let e = c.submit_pinpoint(&other_serial, &new_key()).unwrap_err();
    assert_eq!(e.code, "E_API_SERIAL_LOCKED");
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(e.message.contains("409 serial_locked"), "{}", e.message);
    assert!(
        e.message
            .contains("cannot be changed after it has been submitted")
    );
    assert_eq!(
        e.help.as_deref(),
        Some("the serial cannot be changed after submission; call support")
    );
    assert!(
        !e.message.contains(demo::ACTIVATION_PASSWORD),
        "no password in errors"
    );

    let e = c.submit_pinpoint(&demo_request(), &new_key()).unwrap_err();
    assert_eq!(e.code, "E_API_ACTIVATION_USED");
    assert!(e.message.contains("409 activation_used"), "{}", e.message);
    assert!(!is_transient(&e));

    let mut wrong = generated_request(5);
    wrong.activation_password = "WRONGPASS".into();
    assert_eq!(
        c.submit_pinpoint(&wrong, &new_key()).unwrap_err().code,
        "E_API_ACTIVATION_UNKNOWN"
    );
    let mut id = generated_request(5);
    id.charge_box_id = "EVF-SOMETHING".into();
    assert_eq!(
        c.submit_pinpoint(&id, &new_key()).unwrap_err().code,
        "E_API_IDENTITY_MISMATCH"
    );
    let mut taken = generated_request(5);
    taken.serial = demo::SERIAL.into();
    assert_eq!(
        c.submit_pinpoint(&taken, &new_key()).unwrap_err().code,
        "E_API_SERIAL_TAKEN"
    );
    assert_eq!(h.snapshot().stations.len(), 1);
}

#[test]
fn missing_idempotency_key_is_refused() {
    let h = sandbox();
    let token = Client::new(&h.base_url())
        .unwrap()
        .login(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD)
        .unwrap()
        .token;
    evfield::tls::use_ring();
    let resp = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/api/v1/stations", h.base_url()))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&demo_request()).unwrap())
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let body: Value = serde_json::from_slice(&resp.bytes().unwrap()).unwrap();
    assert_eq!(body["code"], "idempotency_key_missing");
    assert!(h.snapshot().stations.is_empty());
}

#[test]
fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("network.json");
    let key = new_key();

    let h = start(SandboxConfig {
        state_path: Some(path.clone()),
        ..SandboxConfig::default()
    })
    .unwrap();
    let addr = h.addr();
    let c = demo_client(&h);
    let (st, created) = c.submit_pinpoint(&demo_request(), &key).unwrap();
    assert!(created);
    h.shutdown();
    let on_disk = load_state(&path).unwrap();
    assert_eq!(on_disk.stations, vec![st.clone()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(demo::ACTIVATION_PASSWORD));
    assert!(!text.contains(demo::INSTALLER_PASSWORD));

    // Same address, same file: the same client and token go on working.
    let h = start(SandboxConfig {
        addr,
        state_path: Some(path),
        ..SandboxConfig::default()
    })
    .unwrap();
    assert_eq!(h.snapshot().stations, vec![st.clone()]);
    assert_eq!(
        c.installer().unwrap().username,
        demo::INSTALLER_USER,
        "the token survived"
    );
    let (replayed, created) = c.submit_pinpoint(&demo_request(), &key).unwrap();
    assert!(!created, "the key still replays");
    assert_eq!(replayed, st);
    assert_eq!(h.snapshot().stations.len(), 1);
    let (second, _) = c
        .submit_pinpoint(&generated_request(1), &new_key())
        .unwrap();
    assert_eq!(
        second.station_id, "STN-000002",
        "numbering continues after a restart"
    );
}

// ----- photo -----

#[test]
fn photo_upload_checks_type_and_size_and_lands_next_to_the_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.json");
    let h = start(SandboxConfig {
        state_path: Some(path),
        ..SandboxConfig::default()
    })
    .unwrap();
    let c = demo_client(&h);
    let (st, _) = c.submit_pinpoint(&demo_request(), &new_key()).unwrap();
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg.extend(std::iter::repeat_n(7u8, 2048));
    let r = c.upload_photo(&st.station_id, &jpeg, "image/jpeg").unwrap();
    assert_eq!(r.bytes, jpeg.len() as u64);
    assert_eq!(r.photo, format!("{}.jpg", st.station_id));
    let again = c.upload_photo(&st.station_id, &jpeg, "image/jpeg").unwrap();
    assert_eq!(again.sha256, r.sha256);
    assert_eq!(
        std::fs::read(dir.path().join("net.photos").join(&r.photo)).unwrap(),
        jpeg
    );
    assert_eq!(h.photo_bytes(&st.station_id).unwrap(), jpeg);
    assert_eq!(
        c.station(&st.station_id).unwrap().photo.as_deref(),
        Some(r.photo.as_str())
    );

    let e = c
        .upload_photo(&st.station_id, b"GIF89a....", "image/gif")
        .unwrap_err();
    assert_eq!(e.code, "E_API_PHOTO_TYPE");
    assert!(e.message.contains("415"), "{}", e.message);
    let mut huge = vec![0xFF, 0xD8, 0xFF, 0xE0];
    huge.resize(10 * 1024 * 1024 + 1, 0);
    let e = c
        .upload_photo(&st.station_id, &huge, "image/jpeg")
        .unwrap_err();
    assert_eq!(e.code, "E_API_PHOTO_TOO_LARGE");
    assert!(e.message.contains("413"), "{}", e.message);
    let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
    assert_eq!(
        c.upload_photo(&st.station_id, &png, "image/png")
            .unwrap()
            .photo,
        "STN-000001.png"
    );
    assert_eq!(
        c.upload_photo("STN-000404", &png, "image/png")
            .unwrap_err()
            .code,
        "E_API_STATION_NOT_FOUND"
    );
}

// ----- OCPP -----

type Ws = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>;

fn ocpp_connect(
    h: &SandboxHandle,
    id: &str,
    protocol: Option<&str>,
) -> Result<Ws, tungstenite::Error> {
    use tungstenite::client::IntoClientRequest;
    let mut req = format!("{}/{id}", h.ocpp_url())
        .into_client_request()
        .unwrap();
    if let Some(p) = protocol {
        req.headers_mut()
            .insert("Sec-WebSocket-Protocol", p.parse().unwrap());
    }
    let (ws, resp) = tungstenite::connect(req)?;
    // the sandbox agrees to the version offered (1.6 first when both are)
    let agreed = resp
        .headers()
        .get("sec-websocket-protocol")
        .and_then(|v| v.to_str().ok());
    let want = protocol.map(|p| if p.contains("ocpp1.6") { "ocpp1.6" } else { p });
    assert_eq!(agreed, want);
    Ok(ws)
}

fn ocpp_call(ws: &mut Ws, id: &str, action: &str, payload: Value) -> Value {
    ws.send(tungstenite::Message::text(
        json!([2, id, action, payload]).to_string(),
    ))
    .unwrap();
    loop {
        match ws.read().unwrap() {
            tungstenite::Message::Text(t) => return serde_json::from_str(t.as_str()).unwrap(),
            _ => continue,
        }
    }
}

fn refused_status(r: Result<Ws, tungstenite::Error>) -> u16 {
    match r {
        Err(tungstenite::Error::Http(resp)) => resp.status().as_u16(),
        Err(e) => panic!("expected an HTTP refusal, got {e}"),
        Ok(_) => panic!("expected the handshake to be refused"),
    }
}

#[test]
fn ocpp_handshake_refuses_unknown_identities_and_missing_subprotocol() {
    let h = sandbox();
    let c = demo_client(&h);
    assert_eq!(
        refused_status(ocpp_connect(&h, "EVF-02EF10004D01", Some("ocpp1.6"))),
        404
    );
    c.submit_pinpoint(&demo_request(), &new_key()).unwrap();
    assert_eq!(
        refused_status(ocpp_connect(&h, "EVF-UNKNOWN", Some("ocpp1.6"))),
        404
    );
    assert_eq!(
        refused_status(ocpp_connect(&h, "EVF-02EF10004D01", None)),
        400
    );
    assert_eq!(
        refused_status(ocpp_connect(&h, "EVF-02EF10004D01", Some("ocpp2.0"))),
        400
    );
}

#[test]
fn ocpp_201_station_boots_and_is_answered_in_201() {
    let h = sandbox();
    let c = demo_client(&h);
    let (st, _) = c.submit_pinpoint(&demo_request(), &new_key()).unwrap();
    // offered both: the sandbox takes 1.6
    let mut first = ocpp_connect(&h, &st.charge_box_id, Some("ocpp2.0.1, ocpp1.6")).unwrap();
    first.close(None).unwrap();
    while first.read().is_ok() {}
    // the sandbox has seen that connection end before the next one starts
    eventually(
        "the first connection closed",
        Duration::from_secs(5),
        || (c.station_status(&st.station_id).unwrap().ocpp == OcppState::Error).then_some(()),
    );
    let mut ws = ocpp_connect(&h, &st.charge_box_id, Some("ocpp2.0.1")).unwrap();
    let boot = ocpp_call(
        &mut ws,
        "b1",
        "BootNotification",
        json!({
            "reason": "PowerUp",
            "chargingStation": {
                "vendorName": demo::MANUFACTURER,
                "model": demo::MODEL,
                "serialNumber": demo::SERIAL,
                "firmwareVersion": demo::FIRMWARE,
                "modem": { "iccid": demo::NEW_ICCID },
            },
        }),
    );
    assert_eq!(boot[2]["status"], "Accepted", "{boot}");
    assert_eq!(boot[2]["interval"], 60);
    let s = c.station_status(&st.station_id).unwrap();
    assert_eq!(s.ocpp, OcppState::Connected);
    let b = s.boot.unwrap();
    assert_eq!(b.serial.as_deref(), Some(demo::SERIAL));
    assert_eq!(b.iccid.as_deref(), Some(demo::NEW_ICCID));
    let sn = json!({"timestamp": "2026-12-03T10:00:00Z", "connectorStatus": "Available",
                    "evseId": 1, "connectorId": 1});
    assert_eq!(
        ocpp_call(&mut ws, "s1", "StatusNotification", sn),
        json!([3, "s1", {}])
    );
    // 2.0.1's spelling of the error codes
    let bad = ocpp_call(
        &mut ws,
        "x1",
        "BootNotification",
        json!({"reason": "PowerUp"}),
    );
    assert_eq!(bad[2], "OccurrenceConstraintViolation", "{bad}");
}

#[test]
fn ocpp_station_goes_connecting_connected_then_error_on_close() {
    let h = sandbox();
    let c = demo_client(&h);
    let (st, _) = c.submit_pinpoint(&demo_request(), &new_key()).unwrap();
    let status = || c.station_status(&st.station_id).unwrap();
    assert_eq!(status().ocpp, OcppState::Connecting);
    assert!(status().last_seen.is_none());

    let mut ws = ocpp_connect(&h, &st.charge_box_id, Some("ocpp1.6")).unwrap();
    let boot = ocpp_call(
        &mut ws,
        "b1",
        "BootNotification",
        json!({
            "chargePointVendor": demo::MANUFACTURER,
            "chargePointModel": demo::MODEL,
            "chargePointSerialNumber": demo::SERIAL,
            "firmwareVersion": demo::FIRMWARE,
            "iccid": demo::NEW_ICCID,
        }),
    );
    assert_eq!(boot[0], 3);
    assert_eq!(boot[1], "b1");
    assert_eq!(boot[2]["status"], "Accepted");
    assert_eq!(boot[2]["interval"], 60);
    let s = status();
    assert_eq!(s.ocpp, OcppState::Connected);
    assert!(s.last_seen.is_some());
    let b = s.boot.unwrap();
    assert_eq!(b.serial.as_deref(), Some(demo::SERIAL));
    assert_eq!(b.iccid.as_deref(), Some(demo::NEW_ICCID));

    assert!(ocpp_call(&mut ws, "h1", "Heartbeat", json!({}))[2]["currentTime"].is_string());
    let sn = json!({"connectorId": 1, "errorCode": "NoError", "status": "Available"});
    assert_eq!(
        ocpp_call(&mut ws, "s1", "StatusNotification", sn),
        json!([3, "s1", {}])
    );
    let other = ocpp_call(&mut ws, "x1", "SignCertificate", json!({"csr": "x"}));
    assert_eq!(other[0], 4);
    assert_eq!(other[2], "NotImplemented");
    let dt = ocpp_call(&mut ws, "d1", "DataTransfer", json!({"vendorId": "x"}));
    assert_eq!(dt, json!([3, "d1", {"status": "UnknownVendorId"}]));

    ws.close(None).unwrap();
    while ws.read().is_ok() {}
    let s = eventually("status error after close", Duration::from_secs(5), || {
        let s = status();
        (s.ocpp == OcppState::Error).then_some(s)
    });
    assert_eq!(s.reason.as_deref(), Some("connection closed"));

    // A new accepted boot brings it back.
    let mut ws = ocpp_connect(&h, &st.charge_box_id, Some("ocpp1.6")).unwrap();
    let boot = ocpp_call(
        &mut ws,
        "b2",
        "BootNotification",
        json!({"chargePointVendor": "Evfield", "chargePointModel": "SimCharger 22"}),
    );
    assert_eq!(boot[2]["status"], "Accepted");
    assert_eq!(status().ocpp, OcppState::Connected);
}

#[test]
fn ocpp_boot_with_another_serial_is_rejected_and_reported() {
    let h = sandbox();
    let c = demo_client(&h);
    let (st, _) = c.submit_pinpoint(&demo_request(), &new_key()).unwrap();
    let mut ws = ocpp_connect(&h, &st.charge_box_id, Some("ocpp1.6")).unwrap();
    let boot = ocpp_call(
        &mut ws,
        "b1",
        "BootNotification",
        json!({
            "chargePointVendor": demo::MANUFACTURER,
            "chargePointModel": demo::MODEL,
            "chargePointSerialNumber": "EVF2026000777",
        }),
    );
    assert_eq!(boot[2]["status"], "Rejected");
    let s = c.station_status(&st.station_id).unwrap();
    assert_eq!(s.ocpp, OcppState::Error);
    let reason = s.reason.unwrap();
    assert!(
        reason.contains("EVF2026000777") && reason.contains(demo::SERIAL),
        "{reason}"
    );
}

// ----- faults -----

#[test]
fn with_5xx_and_429_faults_every_submission_lands_exactly_once() {
    let h = sandbox();
    let c = demo_client(&h);
    h.set_faults(Faults {
        rate_5xx: 0.15,
        rate_429: 0.15,
        retry_after_s: 0,
        seed: 42,
        ..Faults::default()
    });
    let started = Instant::now();
    for i in 1..=50 {
        let req = generated_request(i);
        let (st, _) = c
            .submit_pinpoint(&req, &new_key())
            .unwrap_or_else(|e| panic!("submission {i}: {} ({:?})", e.message, e.help));
        assert_eq!(st.mac, req.mac);
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    let calls = c.take_calls();
    assert!(
        calls.iter().any(|c| c.status == Some(503)),
        "some 5xx were injected"
    );
    assert!(
        calls.iter().any(|c| c.status == Some(429)),
        "some 429 were injected"
    );
    assert!(
        calls.iter().any(|c| c.attempt > 1),
        "some calls were retried"
    );
    let stations = h.snapshot().stations;
    assert_eq!(stations.len(), 50);
    for i in 1..=50 {
        let mac = sandbox_activation(i).0;
        assert_eq!(stations.iter().filter(|s| s.mac == mac).count(), 1, "{mac}");
    }
}

#[test]
fn answers_lost_after_commit_are_replayed_not_duplicated() {
    let h = sandbox();
    let c = demo_client(&h);
    h.set_faults(Faults {
        rate_reset: 0.3,
        rate_5xx: 0.1,
        seed: 7,
        ..Faults::default()
    });
    let mut replayed = 0;
    for i in 1..=30 {
        let (_, created) = c
            .submit_pinpoint(&generated_request(i), &new_key())
            .unwrap();
        if !created {
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "some answers were lost after the commit and replayed on retry"
    );
    let calls = c.take_calls();
    assert!(
        calls.iter().any(|c| c.status.is_none()),
        "some connections were dropped"
    );
    assert_eq!(h.snapshot().stations.len(), 30);
}

#[test]
fn offline_network_is_unreachable_until_switched_back_over_the_admin_endpoint() {
    let h = sandbox();
    let c = demo_client(&h).with_retry(fast_retry(3));
    h.set_faults(Faults {
        offline: true,
        ..Faults::default()
    });
    let e = c.submit_pinpoint(&demo_request(), &new_key()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert_eq!(e.code, "E_NET_UNREACHABLE");
    assert!(is_transient(&e));
    assert!(e.message.contains("POST /api/v1/stations"), "{}", e.message);
    assert!(e.message.contains("unreachable"), "{}", e.message);
    assert!(e.help.as_deref().unwrap().contains("outbox"));
    assert!(h.snapshot().stations.is_empty());

    evfield::tls::use_ring();
    let admin = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let resp = admin
        .post(format!("{}/_sandbox/faults", h.base_url()))
        .header("content-type", "application/json")
        .body(json!({"offline": false}).to_string())
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let (_, created) = c.submit_pinpoint(&demo_request(), &new_key()).unwrap();
    assert!(created);
    let bad = admin
        .post(format!("{}/_sandbox/faults", h.base_url()))
        .header("content-type", "application/json")
        .body(json!({"rate_5xx": 2.0}).to_string())
        .send()
        .unwrap();
    assert_eq!(bad.status().as_u16(), 400);
}

#[test]
fn held_requests_time_out_at_the_client_and_do_not_delay_shutdown() {
    let h = sandbox();
    let c = demo_client(&h)
        .with_retry(fast_retry(2))
        .with_timeouts(Duration::from_secs(1), Duration::from_millis(300));
    c.take_calls();
    h.set_faults(Faults {
        rate_timeout: 1.0,
        ..Faults::default()
    });
    let e = c.installer().unwrap_err();
    assert_eq!(e.code, "E_NET_TIMEOUT", "{}", e.message);
    assert!(is_transient(&e));
    assert_eq!(c.take_calls().len(), 2);
    let t = Instant::now();
    h.shutdown();
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "shutdown took {:?}",
        t.elapsed()
    );
}

// ----- start-up -----

#[test]
fn refuses_non_loopback_and_busy_addresses() {
    let e = start(SandboxConfig {
        addr: "0.0.0.0:0".parse().unwrap(),
        ..SandboxConfig::default()
    })
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(e.message.contains("0.0.0.0:0"), "{}", e.message);

    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap();
    let e = start(SandboxConfig {
        addr,
        ..SandboxConfig::default()
    })
    .unwrap_err();
    assert!(e.message.contains(&addr.to_string()), "{}", e.message);
    assert!(e.help.is_some());
}

#[test]
fn base_and_ocpp_urls_name_the_bound_port() {
    let h = sandbox();
    let port = h.addr().port();
    assert_ne!(port, 0);
    assert_eq!(h.base_url(), format!("http://127.0.0.1:{port}"));
    assert_eq!(h.ocpp_url(), format!("ws://127.0.0.1:{port}/ocpp"));
}

// ----- documentation -----

#[test]
fn every_served_route_is_in_the_openapi_document_and_back() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/network-api.openapi.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .expect("docs/network-api.openapi.json is valid JSON");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().expect("paths");
    let served = served_routes();
    for (method, route) in &served {
        let op = &paths
            .get(*route)
            .unwrap_or_else(|| panic!("{route} is served but not in the OpenAPI document"))
            [method.to_lowercase()];
        assert!(
            op.is_object(),
            "{method} {route} is served but not documented"
        );
        assert!(
            op["responses"].is_object(),
            "{method} {route} documents no responses"
        );
    }
    const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];
    for (route, item) in paths {
        for m in METHODS {
            if item.get(m).is_some() {
                assert!(
                    served
                        .iter()
                        .any(|(sm, sr)| sm.eq_ignore_ascii_case(m) && sr == route),
                    "{m} {route} is documented but not served"
                );
            }
        }
    }
}

#[test]
fn the_simulated_201_station_connects_to_the_sandbox_and_is_accepted() {
    use evfield::ocpp::Version;
    use evfield::sandbox::station::{self, Dialect, SimOptions};
    let h = sandbox();
    let c = demo_client(&h);
    let (st, _) = c.submit_pinpoint(&demo_request(), &new_key()).unwrap();
    let mut state = Dialect::Console.default_state();
    state.serial = demo::SERIAL.into();
    state.ocpp_url = Some(h.ocpp_url());
    state.charge_box_id = Some(st.charge_box_id.clone());
    let sim = station::start(
        state,
        SimOptions {
            ocpp_retry: Duration::from_millis(50),
            ocpp_version: Version::V201,
            ..Default::default()
        },
    )
    .unwrap();
    let s = eventually(
        "the 2.0.1 station connected",
        Duration::from_secs(10),
        || {
            let s = c.station_status(&st.station_id).unwrap();
            (s.ocpp == OcppState::Connected).then_some(s)
        },
    );
    assert_eq!(s.boot.unwrap().serial.as_deref(), Some(demo::SERIAL));
    eventually(
        "its BootNotification accepted",
        Duration::from_secs(10),
        || {
            sim.log()
                .iter()
                .any(|l| l.contains("BootNotification accepted"))
                .then_some(())
        },
    );
}
