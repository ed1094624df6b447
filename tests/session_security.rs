//! The session writes the OCPP security profile the network's requirements ask for, with the
//! authorization key from EVFIELD_OCPP_AUTH_KEY, reads both back, and phase 8 proves it: the
//! sandbox's OCPP endpoint takes the station only with HTTP Basic credentials. Runs a real
//! (non-demo) session against a sandbox network and a ChargeStorm EVA simulator on loopback.

mod common;

use serde_json::Value;

use common::{evfield, journal_events, json, session_dirs, text};
use evfield::sandbox::demo;
use evfield::sandbox::demo_vendors::EVA_SERIAL;
use evfield::sandbox::network::{self, SandboxConfig, SandboxHandle};
use evfield::sandbox::station::SimHandle;

const KEY: &str = "Zq4Lw8Rt2Mx6Vb9Nk3Pc";

struct Site {
    net: SandboxHandle,
    sim: SimHandle,
    data: tempfile::TempDir,
}

fn site(security_profile: Option<u8>) -> Site {
    let net = network::start(SandboxConfig {
        security_profile,
        ..Default::default()
    })
    .unwrap();
    let data = common::logged_in(&net);
    let sim = common::eva_sim();
    let photo = data.path().join("site.png");
    std::fs::write(&photo, demo::photo_png(800, 600)).unwrap();
    // the demo's answers, plus the serial the installer types from the EVA's type plate
    let answers = demo::ANSWERS.replace(
        "[pinpoint]\n",
        &format!("[pinpoint]\nserial_plate = \"{EVA_SERIAL}\"\n"),
    );
    std::fs::write(data.path().join("answers.toml"), answers).unwrap();
    Site { net, sim, data }
}

fn renetwork(site: &Site, key: Option<&str>, resume: bool) -> std::process::Output {
    let d = site.data.path();
    let mut c = evfield(d);
    c.args(["--json", "--experimental", "renetwork"]);
    // the answers file and flags not yet used are not in the journal: a resume is given them
    // again, as an installer's script does
    if resume {
        c.arg("--resume");
    } else {
        c.args([
            "--network",
            &site.net.base_url(),
            "--user",
            demo::INSTALLER_USER,
        ])
        .args(["--vendor", "chargestorm-eva", "--port", site.sim.path()]);
    }
    // where the EVA looks for the laptop's OCPP probe (its keys are set over OCPP)
    c.args(["--set", &common::eva_probe_bind(&site.sim)]);
    c.arg("--answers")
        .arg(d.join("answers.toml"))
        .arg("--before-photo")
        .arg(d.join("site.png"))
        .arg("--photo")
        .arg(d.join("site.png"))
        .args(["--connect-timeout", "20"]);
    c.arg("--token-file")
        .arg(d.join("token"))
        .env_remove("EVFIELD_VENDOR")
        .env_remove("EVFIELD_OCPP_AUTH_KEY");
    if let Some(k) = key {
        c.env("EVFIELD_OCPP_AUTH_KEY", k);
    }
    c.output().unwrap()
}

/// What the network says of the station, asked as the installer.
fn connected(net: &SandboxHandle) -> bool {
    let o = evfield::network::client::Client::new(&net.base_url()).unwrap();
    let login = o
        .login(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD)
        .unwrap();
    let o = o.with_token(login.token);
    let st = o.station_status("STN-000001").unwrap();
    st.ocpp == evfield::network::api::OcppState::Connected
}

#[test]
fn the_networks_security_profile_is_written_with_the_key_and_proven_in_phase_8() {
    let site = site(Some(1));
    // the EVA looks for the laptop's OCPP probe (its keys are set over OCPP)
    let pointed = site.sim.state().ocpp_url;
    // without a key and without a terminal: stopped before anything is written, saying where
    // the key goes
    let o = renetwork(&site, None, false);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_AUTH_KEY", "{err}");
    assert!(
        err["error"]["help"]
            .as_str()
            .unwrap()
            .contains("EVFIELD_OCPP_AUTH_KEY"),
        "{err}"
    );
    assert_eq!(site.sim.state().ocpp_url, pointed, "nothing was written");

    // resumed with the key in the environment: written, read back, connected
    let o = renetwork(&site, Some(KEY), true);
    assert!(o.status.success(), "{}", text(&o));
    let report = json(&o);
    assert_eq!(report["state"], "done");
    assert_eq!(report["network"]["ocpp_status"], "connected");
    assert!(connected(&site.net));
    let st = site.sim.state();
    assert_eq!(
        st.config.get("SecurityProfile").map(String::as_str),
        Some("1")
    );
    assert_eq!(
        st.config.get("AuthorizationKey").map(String::as_str),
        Some(KEY)
    );

    let journal = session_dirs(site.data.path())[0].join("journal.jsonl");
    let raw = std::fs::read_to_string(&journal).unwrap();
    assert!(
        !raw.contains(KEY),
        "the authorization key reached the journal"
    );
    let events = journal_events(&journal);
    let sec = events
        .iter()
        .find(|e| e["kind"] == "fact" && e["data"]["key"] == "commission.security")
        .expect("the security settings are journaled");
    assert_eq!(sec["data"]["value"]["security_profile"], 1);
    assert_eq!(sec["data"]["value"]["authorization_key"]["from"], "env");
    assert_eq!(sec["data"]["value"]["read_back"]["security_profile"], 1);
    assert_eq!(
        sec["data"]["value"]["read_back"]["authorization_key_set"],
        true
    );
    assert!(
        events.iter().any(|e| e["kind"] == "traffic"
            && e["data"]["text"]
                .as_str()
                .unwrap()
                .contains("setconf AuthorizationKey ***")),
        "the key's command is journaled masked"
    );
    let req = events
        .iter()
        .find(|e| e["kind"] == "fact" && e["data"]["key"] == "network.requirements")
        .unwrap();
    assert_eq!(req["data"]["value"]["security_profile"], 1);
}

/// The sandbox's OCPP endpoint, when it asks for profile 1, refuses a station without HTTP
/// Basic credentials or with another identity as user name.
#[test]
fn the_sandbox_refuses_a_station_without_credentials() {
    use base64::Engine;
    let net = network::start(SandboxConfig {
        security_profile: Some(1),
        ..Default::default()
    })
    .unwrap();
    let url = format!("{}/EVF-02EF10004D01", net.ocpp_url());
    let attempt = |auth: Option<String>| {
        let mut req = tungstenite::ClientRequestBuilder::new(url.parse().unwrap())
            .with_sub_protocol("ocpp1.6");
        if let Some(a) = auth {
            req = req.with_header("Authorization", a);
        }
        match tungstenite::connect(req) {
            Err(tungstenite::Error::Http(resp)) => resp.status().as_u16(),
            Ok((_, resp)) => resp.status().as_u16(),
            Err(e) => panic!("{e}"),
        }
    };
    let basic = |s: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(s)
        )
    };
    assert_eq!(attempt(None), 401);
    assert_eq!(attempt(Some(basic(&format!("OTHER-ID:{KEY}")))), 401);
    assert_eq!(attempt(Some(basic("EVF-02EF10004D01:short"))), 401);
    // the right credentials pass the check; the identity belongs to no station yet
    assert_eq!(
        attempt(Some(basic(&format!("EVF-02EF10004D01:{KEY}")))),
        404
    );
}
