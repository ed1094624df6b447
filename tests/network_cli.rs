//! The network commands against the sandbox: requirements cached with their age for offline
//! sites, `pinpoint submit` online (address text, pin distance, serial twice, activation check),
//! and `station status` with the seed's troubleshooting.

mod common;

use common::{evfield, json, logged_in as login, text};
use evfield::sandbox::demo;
use evfield::sandbox::network::{self as sandbox, Faults, SandboxConfig, sandbox_activation};

#[test]
fn requirements_are_cached_and_served_offline_with_their_age() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = login(&net);
    let args = [
        "--json",
        "requirements",
        "--manufacturer",
        "evfield",
        "--model",
        "SimCharger 22",
    ];
    let o = evfield(d.path()).args(args).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["requirements"][0]["source"], "network");
    assert_eq!(
        v["requirements"][0]["requirements"]["min_firmware"],
        "5.0.0"
    );

    net.set_faults(Faults {
        offline: true,
        ..Faults::default()
    });
    let o = evfield(d.path()).args(args).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["requirements"][0]["source"], "cache", "{v}");
    assert!(v["requirements"][0]["age_s"].as_i64().unwrap() >= 0);
    assert!(v["requirements"][0]["fetched_at"].is_string());
    let o = evfield(d.path())
        .args([
            "requirements",
            "--manufacturer",
            "Evfield",
            "--model",
            "SimCharger 22",
        ])
        .output()
        .unwrap();
    assert!(text(&o).contains("from the cache, fetched"), "{}", text(&o));

    // a model never fetched: the error says to fetch it while online
    let o = evfield(d.path())
        .args([
            "requirements",
            "--manufacturer",
            "Wallbox",
            "--model",
            "Copper SB",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    assert!(text(&o).contains("No cached requirements"), "{}", text(&o));

    let o = evfield(d.path())
        .args(["--json", "requirements", "--offline"])
        .output()
        .unwrap();
    assert_eq!(json(&o)["requirements"].as_array().unwrap().len(), 1);
}

fn submit_args(i: u32) -> Vec<String> {
    let (mac, password) = sandbox_activation(i);
    [
        "--json",
        "pinpoint",
        "submit",
        "--mac",
        &mac.replace(':', ""),
        "--activation-password",
        &password,
        "--manufacturer",
        demo::MANUFACTURER,
        "--model",
        demo::MODEL,
        "--serial",
        &format!("NETCLI{i}"),
        "--serial-again",
        &format!("NETCLI{i}"),
        "--gps",
        "59.913868,10.752245",
        "--confirm-serial",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn pinpoint_submit_online_checks_address_pin_serial_and_activation() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = login(&net);
    // an address text that matches two entries is refused, naming them
    let o = evfield(d.path())
        .args(submit_args(31))
        .args(["--address", "0154 Oslo"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("E_ADDRESS_AMBIGUOUS"), "{}", text(&o));
    // a pin 300 m away needs its confirmation
    let o = evfield(d.path())
        .args(submit_args(31))
        .args(["--address", "jernbanetorget 1", "--pin", "59.9166,10.7524"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--confirm-pin-distance"), "{}", text(&o));
    // the serial typed two ways is refused before anything is sent
    let mut a = submit_args(31);
    let i = a.iter().position(|x| x == "--serial-again").unwrap();
    a[i + 1] = "NETCLI32".into();
    let o = evfield(d.path())
        .args(a)
        .args(["--address", "Jernbanetorget 1"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("E_SERIAL_MISMATCH"), "{}", text(&o));
    assert!(net.snapshot().stations.is_empty());

    let o = evfield(d.path())
        .args(submit_args(31))
        .args(["--address", "Jernbanetorget 1", "--pin", "59.9166,10.7524"])
        .arg("--confirm-pin-distance")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["state"], "accepted");
    assert_eq!(v["address"], "Jernbanetorget 1, 0154 Oslo");
    let st = &net.snapshot().stations[0];
    assert_eq!(st.address_id, "addr-0001");
    assert_eq!(st.charge_box_id, format!("EVF-{}", st.mac.replace(':', "")));

    // the same activation again: the network says it is used, and evfield explains
    let o = evfield(d.path())
        .args(submit_args(31))
        .args(["--address-id", "addr-0001"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("already pinpointed"), "{}", text(&o));
    assert_eq!(net.snapshot().stations.len(), 1);
}

#[test]
fn station_status_shows_connecting_with_the_troubleshooting_then_connected() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = login(&net);
    let o = evfield(d.path())
        .args(submit_args(40))
        .args(["--address-id", "addr-0001"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let station_id = json(&o)["station_id"].as_str().unwrap().to_string();

    // no id given: the station pinpointed last from this laptop
    let o = evfield(d.path())
        .args(["station", "status"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains(&station_id) && t.contains("connecting"), "{t}");
    assert!(
        t.contains("network link") && t.contains("OCPP settings"),
        "{t}"
    );
    let o = evfield(d.path())
        .args(["station", "status", "--wait", "1", &station_id])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    assert!(text(&o).contains("E_NOT_CONNECTED"), "{}", text(&o));

    // the station boots over OCPP: connected
    let (mac, _) = sandbox_activation(40);
    let cbid = format!("EVF-{}", mac.replace(':', ""));
    let url = format!("{}/{cbid}", net.ocpp_url());
    let mut req =
        tungstenite::client::IntoClientRequest::into_client_request(url.as_str()).unwrap();
    req.headers_mut()
        .insert("Sec-WebSocket-Protocol", "ocpp1.6".parse().unwrap());
    let stream = std::net::TcpStream::connect(net.addr()).unwrap();
    let (mut ws, _) = tungstenite::client::client(req, stream).unwrap();
    ws.send(tungstenite::Message::text(
        r#"[2,"1","BootNotification",{"chargePointVendor":"Evfield","chargePointModel":"SimCharger 22","chargePointSerialNumber":"NETCLI40"}]"#,
    ))
    .unwrap();
    let reply = ws.read().unwrap();
    assert!(reply.to_string().contains("Accepted"), "{reply}");
    let o = evfield(d.path())
        .args(["--json", "station", "status", "--mac"])
        .arg(mac.to_lowercase())
        .args(["--wait", "10"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["ocpp"], "connected");
    assert!(v["troubleshooting"].is_null());
    assert_eq!(v["boot"]["serial"], "NETCLI40");
}
