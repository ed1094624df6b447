//! Issue 14 item 3, "invented is marked invented": the ChargeStorm EVA's service console is
//! documented by no source, so evfield runs it against a port only with `--experimental` (the
//! demo passes it itself and the journal says so); the EVA's OCPP keys are set the way its
//! network sets them, over OCPP, by evfield's probe acting as its central system.

use serde_json::Value;

mod common;

use common::evfield;
use evfield::sandbox::station::Dialect;

#[test]
fn the_eva_console_is_refused_without_experimental_and_runs_with_it() {
    let sim = common::eva_sim();
    let d = tempfile::tempdir().unwrap();
    let info = |experimental: bool| {
        let mut c = evfield(d.path());
        c.arg("--json");
        if experimental {
            c.arg("--experimental");
        }
        c.args(["station", "info", "--vendor", "chargestorm-eva", "--port"])
            .arg(sim.path())
            .output()
            .unwrap()
    };
    let out = info(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    let e: Value = serde_json::from_str(&stderr).expect("a JSON error");
    assert_eq!(e["error"]["code"], "E_EXPERIMENTAL", "{e}");
    let text = format!("{} {}", e["error"]["message"], e["error"]["help"]);
    assert!(
        text.contains("chargestorm-eva") && text.contains("--experimental"),
        "{text}"
    );
    assert!(
        text.contains("ocpp probe"),
        "the documented way is named: {text}"
    );
    // nothing was sent to the station
    assert_eq!(sim.commands(), 0, "{:?}", sim.log());

    let out = info(true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["identity"]["serial"], "000003586", "{v}");
}

fn events(report: &Value) -> Vec<Value> {
    common::journal_events(std::path::Path::new(report["journal"].as_str().unwrap()))
}

fn fact<'a>(events: &'a [Value], key: &str) -> Option<&'a Value> {
    events
        .iter()
        .rev()
        .find(|e| e["kind"] == "fact" && e["data"]["key"] == key)
        .map(|e| &e["data"]["value"])
}

/// `renetwork --demo --vendor chargestorm-eva`, with a simulator fault when given.
fn eva_demo(data: &std::path::Path, fault: Option<&str>) -> std::process::Output {
    let mut c = evfield(data);
    c.args([
        "--json",
        "renetwork",
        "--demo",
        "--vendor",
        "chargestorm-eva",
    ]);
    if let Some(f) = fault {
        c.env("EVFIELD_DEMO_SIM_FAULT", f);
    }
    c.output().unwrap()
}

#[test]
fn the_eva_demo_says_it_runs_the_console_and_sets_the_keys_over_ocpp() {
    let d = tempfile::tempdir().unwrap();
    let out = eva_demo(d.path(), None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["state"], "done", "{report}");
    let ev = events(&report);
    // the journal says the undocumented console ran, and why
    let x = fact(&ev, "station.experimental").expect("station.experimental journaled");
    assert_eq!(x["by"], "demo", "{x}");
    assert!(
        x["note"].as_str().unwrap().contains("--experimental"),
        "{x}"
    );
    // the keys went over OCPP: ChangeConfiguration, read back, Reset
    let probe = fact(&ev, "commission.probe").expect("commission.probe journaled");
    let changes = probe["changes"].as_array().unwrap();
    let keys: Vec<&str> = changes.iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["endpoint", "chargeboxidentity"], "{probe}");
    for c in changes {
        assert_eq!(c["read_back"], c["value"], "{c}");
        assert!(
            matches!(c["status"].as_str(), Some("Accepted" | "RebootRequired")),
            "{c}"
        );
    }
    assert_eq!(probe["reset"]["status"], "Accepted", "{probe}");
    assert_eq!(probe["boot"]["model"], "EVA", "{probe}");
    let url = fact(&ev, "commission.ocpp_url").unwrap();
    assert_eq!(&changes[0]["value"], url);
    // and not over the console
    let traffic: String = ev
        .iter()
        .filter(|e| e["kind"] == "traffic")
        .map(|e| e["data"]["text"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(!traffic.contains("setconf endpoint"), "{traffic}");
}

/// Seed 003's OCPP tab (Bild 20), row by row: key, value, editable.
fn seed_ocpp_tab() -> Vec<(String, String, bool)> {
    include_str!("fixtures/vendors/chargestorm-eva/ocpp-configuration.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].to_string(), f[2] == "yes")
        })
        .collect()
}

#[test]
fn the_simulated_eva_reports_seed_003s_ocpp_tab_and_the_profile_names_its_keys() {
    use evfield::sandbox::station::ocpp_config;
    let mut s = Dialect::Eva.default_state();
    s.ocpp_url = Some("wss://www.oamportal.com/Ocpp/websocket".into());
    s.charge_box_id = Some("000003586".into());
    let conf = ocpp_config::get_configuration(&s, &serde_json::json!({}));
    let keys = conf["configurationKey"].as_array().unwrap();
    for (key, value, editable) in seed_ocpp_tab() {
        let k = keys
            .iter()
            .find(|k| k["key"] == key.as_str())
            .unwrap_or_else(|| panic!("{key} not reported: {conf}"));
        assert_eq!(k["value"], value.as_str(), "{key}");
        assert_eq!(k["readonly"], !editable, "{key}");
    }
    // the profile's keys for the URL and the identity are the seed's
    let reg = evfield::station::profile::Registry::shipped().unwrap();
    let p = reg.get("chargestorm-eva").unwrap();
    let (url_key, id_key) = p.ocpp.as_ref().unwrap().probe_keys().unwrap();
    let tab = seed_ocpp_tab();
    for k in [url_key, id_key] {
        assert!(
            tab.iter().any(|(n, _, e)| n == k && *e),
            "{k} is no editable key of the tab"
        );
    }
    // and a change of them waits for the restart, read back at once
    let st = ocpp_config::change_configuration(
        &mut s,
        &serde_json::json!({ "key": url_key, "value": "ws://127.0.0.1:9/Ocpp/websocket" }),
    );
    assert_eq!(st, "RebootRequired");
    assert_eq!(
        s.ocpp_url.as_deref(),
        Some("ws://127.0.0.1:9/Ocpp/websocket")
    );
    let ro = ocpp_config::change_configuration(
        &mut s,
        &serde_json::json!({ "key": "FirmwareVersion", "value": "x" }),
    );
    assert_eq!(ro, "Rejected");
}

/// Wallbox's newer app shows an OCPP password field (evcc's Wallbox setup notes; not in the
/// seed's guide v2.0): the guided step says what to do with it, in every language.
#[test]
fn the_wallbox_guide_names_the_password_field() {
    let reg = evfield::station::profile::Registry::shipped().unwrap();
    let p = reg.get("wallbox").unwrap();
    let g = p.guided("write_ocpp").unwrap();
    let text = format!("{:?}", g.instructions);
    for word in ["Password", "Passord", "Lösenord", "Adgangskode"] {
        assert!(text.contains(word), "{word} missing in {text}");
    }
}

/// The probe takes the keys only from the station identified on the port: another EVA that
/// connects to it (pointed at the laptop by mistake) is refused and nothing is changed in it.
#[test]
fn another_station_on_the_probe_is_refused_and_left_unchanged() {
    use evfield::sandbox::{demo, network};
    let net = network::start(Default::default()).unwrap();
    let data = common::logged_in(&net);
    let d = data.path();
    let ours = common::eva_sim();
    let bind = common::eva_probe_bind(&ours);
    let probe_url = ours.state().ocpp_url.unwrap();
    // the station on the port looks elsewhere; a second EVA looks at the probe
    ours.configure_in_app("ws://127.0.0.1:1/", "000003586", true)
        .unwrap();
    let mut state = Dialect::Eva.default_state();
    state.serial = "000004079".into();
    state.ocpp_url = Some(probe_url.clone());
    state.charge_box_id = Some("000004079".into());
    let other = common::eva_sim_of(state);
    std::fs::write(d.join("site.png"), demo::photo_png(800, 600)).unwrap();
    let answers =
        demo::ANSWERS.replace("[pinpoint]\n", "[pinpoint]\nserial_plate = \"000003586\"\n");
    std::fs::write(d.join("answers.toml"), answers).unwrap();
    let out = evfield(d)
        .args(["--json", "--experimental", "renetwork"])
        .args(["--network", &net.base_url(), "--user", demo::INSTALLER_USER])
        .args(["--vendor", "chargestorm-eva", "--port", ours.path()])
        .args(["--set", &bind])
        .arg("--answers")
        .arg(d.join("answers.toml"))
        .arg("--before-photo")
        .arg(d.join("site.png"))
        .arg("--photo")
        .arg(d.join("site.png"))
        .arg("--token-file")
        .arg(d.join("token"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    let e: Value = serde_json::from_str(&stderr).expect("a JSON error");
    assert_eq!(e["error"]["code"], "E_PROBE_OTHER_STATION", "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("000004079"),
        "{e}"
    );
    assert_eq!(other.state().ocpp_url.as_deref(), Some(probe_url.as_str()));
    assert_eq!(other.state().charge_box_id.as_deref(), Some("000004079"));
}

/// A session broken off after the probe set the keys (the console fell silent while the station
/// restarted) resumes without the probe: the journal shows the keys taken, the station already
/// left the laptop for the network's central system, and phase 8 proves it.
#[test]
fn a_session_broken_off_after_the_probe_resumes_without_it() {
    let d = tempfile::tempdir().unwrap();
    let out = eva_demo(d.path(), Some("silent@commission"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    let out = evfield(d.path())
        .args(["--json", "renetwork", "--resume"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["state"], "done", "{report}");
    let ev = events(&report);
    let probes = ev
        .iter()
        .filter(|e| e["kind"] == "fact" && e["data"]["key"] == "commission.probe")
        .count();
    assert_eq!(probes, 1, "the keys were set once, by the first run");
}
