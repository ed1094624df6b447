//! Long waits are visible (issue 12, item 5): on a terminal a spinner says what is awaited with
//! the time left and, after a third of the limit, the manufacturer's troubleshooting (seed 002);
//! without a terminal none of it. `-v` shows the API calls and the service-port traffic as they
//! happen, and never a secret.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use common::{evfield, run, text};
use expectrl::Expect;

use evfield::sandbox::{demo, network};

/// An OCPP address where no central system listens: the station never connects, the network
/// keeps reporting `connecting`.
const DEAD_OCPP: &str = "ws://127.0.0.1:9/ocpp/";

fn pty(cmd: Command) -> expectrl::session::OsSession {
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    // wide enough for the whole spinner line (a narrow one cuts its message)
    p.get_process_mut().set_window_size(200, 40).unwrap();
    p
}

fn bin(data: &Path) -> Command {
    let mut c = Command::new(cargo_bin("evfield"));
    c.arg("--data-dir")
        .arg(data)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env("EVFIELD_NO_KEYRING", "1")
        .env_remove("EVFIELD_TOKEN")
        .env_remove("EVFIELD_TOKEN_FILE")
        .env_remove("EVFIELD_DEMO_SIM_FAULT")
        .env_remove("EVFIELD_FAILPOINT");
    c
}

/// A demo session whose station never connects, given up after 9 s (hints after 3 s).
fn never_connecting(c: &mut Command) -> &mut Command {
    c.args(["renetwork", "--demo", "--non-interactive"]).args([
        "--connect-timeout",
        "9",
        "--ocpp-url",
        DEAD_OCPP,
    ])
}

#[test]
fn a_slow_connection_shows_what_is_awaited_the_time_left_and_the_guide_on_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    let mut c = bin(d.path());
    never_connecting(&mut c);
    let mut p = pty(c);
    p.expect("[8/8]").unwrap();
    p.expect("The network reports: OCPP connecting").unwrap();
    p.expect(" left · now connecting · Waiting for the network to see EVF-02EF10004D01 connected over OCPP")
        .unwrap();
    // after a third of the limit: the manufacturer's troubleshooting for `connecting`
    p.expect("Still waiting. Troubleshooting: the station stays `connecting`")
        .unwrap();
    p.expect("E_NOT_CONNECTED").unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(format!("{status:?}").contains("Exited(Pid"), "{status:?}");
    assert!(format!("{status:?}").ends_with(", 5)"), "{status:?}");
}

#[test]
fn without_a_terminal_there_is_no_spinner_and_no_hint_line() {
    let d = tempfile::tempdir().unwrap();
    let o = run(never_connecting(&mut evfield(d.path())), "");
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("E_NOT_CONNECTED"), "{err}");
    for absent in [
        "Waiting for the network",
        " left",
        "Still waiting",
        "\u{1b}[",
    ] {
        assert!(
            !err.contains(absent),
            "`{absent}` without a terminal: {err}"
        );
    }
}

#[test]
fn station_status_wait_shows_the_wait_and_the_hint_on_a_terminal() {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = common::logged_in(&net);
    // a station pinpointed (so the network knows it) that never connects
    let (mac, pw) = network::sandbox_activation(11);
    let csv = d.path().join("one.csv");
    std::fs::write(
        &csv,
        format!(
            "mac,activation_password,manufacturer,model,serial,gps,address_id\n\
             {mac},{pw},Evfield,SimCharger 22,EVFW000011,\"59.913868,10.752245\",addr-0001\n"
        ),
    )
    .unwrap();
    let o = run(
        evfield(d.path())
            .args(["--json", "batch", "pinpoint"])
            .arg(&csv)
            .args(["--rate", "0"]),
        "",
    );
    assert!(o.status.success(), "{}", text(&o));
    let mut c = bin(d.path());
    c.args(["station", "status", "--mac", &mac, "--wait", "6"]);
    let mut p = pty(c);
    p.expect("Waiting for the network to see STN-").unwrap();
    p.expect(" left").unwrap();
    p.expect("Still waiting. Troubleshooting: the station stays `connecting`")
        .unwrap();
    p.expect("E_NOT_CONNECTED").unwrap();
}

#[test]
fn sync_wait_shows_the_wait_between_its_rounds_on_a_terminal() {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = common::logged_in(&net);
    let (mac, pw) = network::sandbox_activation(12);
    net.set_faults(network::Faults {
        offline: true,
        ..network::Faults::default()
    });
    let photo = d.path().join("site.png");
    std::fs::write(&photo, demo::photo_png(800, 600)).unwrap();
    let o = run(
        evfield(d.path())
            .args(["--json", "pinpoint", "submit", "--mac", &mac])
            .args(["--activation-password", &pw])
            .args(["--manufacturer", demo::MANUFACTURER, "--model", demo::MODEL])
            .args(["--serial", "EVFW000012", "--serial-again", "EVFW000012"])
            .args([
                "--gps",
                "59.913868,10.752245",
                "--address-id",
                demo::ADDRESS_ID,
            ])
            .args(["--charge-box-id", &format!("EVF-{}", mac.replace(':', ""))])
            .args(["--confirm-serial", "--photo"])
            .arg(&photo),
        "",
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("queued"), "{}", text(&o));
    let mut c = bin(d.path());
    c.args(["sync", "--wait", "6"]);
    let mut p = pty(c);
    p.expect("Waiting for the network to take 1 submission")
        .unwrap();
    p.expect(" left").unwrap();
    p.expect("Still waiting. Troubleshooting: the network cannot be reached")
        .unwrap();
    p.expect("E_OUTBOX_PENDING").unwrap();
}

#[test]
fn gps_read_shows_the_wait_for_a_fix_on_a_terminal() {
    // a gpsd that accepts and never says anything
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap().to_string();
    let keep = std::thread::spawn(move || {
        let conn = silent.accept();
        std::thread::sleep(Duration::from_secs(8));
        drop(conn);
    });
    let d = tempfile::tempdir().unwrap();
    let mut c = bin(d.path());
    // in Norwegian: the wait and its hint are translated
    c.env("EVFIELD_LANG", "nb")
        .args(["gps", "read", "--gpsd", &addr, "--gps-timeout", "6"]);
    let mut p = pty(c);
    p.expect("Venter på GPS-posisjon").unwrap();
    p.expect(" igjen").unwrap();
    p.expect("Venter fortsatt. Feilsøking: en mottaker trenger fri sikt mot himmelen")
        .unwrap();
    p.expect("E_").unwrap();
    let _ = keep.join();
}

#[test]
fn verbose_shows_api_calls_and_port_traffic_as_they_happen_and_no_secret() {
    let d = tempfile::tempdir().unwrap();
    let o = run(
        evfield(d.path())
            .args(["-v", "renetwork", "--demo", "--non-interactive"])
            .env("EVFIELD_DEMO_SIM_FAULT", ""),
        "",
    );
    assert!(o.status.success(), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    let at = |needle: &str| {
        err.find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in: {err}"))
    };
    // each as it happens: the login before phase 2, the station's identity read before phase 3
    assert!(at("api  POST /api/v1/login  200") < at("[2/8]"), "{err}");
    assert!(at("api  GET /api/v1/installer  200") < at("[2/8]"), "{err}");
    assert!(
        at("port ") > at("[2/8]") && at("port ") < at("[3/8]"),
        "{err}"
    );
    assert!(err.contains(" -> ") && err.contains(" <- "), "{err}");
    // the status poll of phase 8 is counted, not repeated
    assert!(at("api  GET /api/v1/stations/STN-000001/status") > at("[8/8]"));

    // no secret: not the password, not the session's token (the sandbox keeps its SHA-256:
    // every word on stderr is hashed and compared), not an Authorization header
    let journal = common::journal_of(d.path()).unwrap();
    let sandbox: serde_json::Value = serde_json::from_slice(
        &std::fs::read(journal.parent().unwrap().join("demo/network.json")).unwrap(),
    )
    .unwrap();
    let hashes: Vec<&str> = sandbox["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["token_sha256"].as_str().unwrap())
        .collect();
    assert!(!hashes.is_empty());
    let words = err.split(|c: char| !(c.is_ascii_alphanumeric() || "-_.~+/=".contains(c)));
    for w in words.filter(|w| w.len() >= 16) {
        let h = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(w.as_bytes()));
        assert!(!hashes.contains(&h.as_str()), "the token on stderr");
    }
    assert!(!err.contains(demo::INSTALLER_PASSWORD), "{err}");
    assert!(
        !err.contains("Authorization") && !err.contains("Bearer"),
        "{err}"
    );
}

#[test]
fn very_verbose_login_and_whoami_show_calls_but_no_password_or_token() {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let tok = d.path().join("t");
    let o = run(
        evfield(d.path())
            .args(["-vv", "login", "--network", &net.base_url()])
            .args([
                "--user",
                demo::INSTALLER_USER,
                "--password-stdin",
                "--token-file",
            ])
            .arg(&tok),
        &format!("{}\n", demo::INSTALLER_PASSWORD),
    );
    assert!(o.status.success(), "{}", text(&o));
    let token = std::fs::read_to_string(&tok).unwrap().trim().to_string();
    let o2 = run(evfield(d.path()).args(["-vv", "whoami"]), "");
    assert!(o2.status.success(), "{}", text(&o2));
    for t in [text(&o), text(&o2)] {
        assert!(
            t.contains("api  POST /api/v1/login") || t.contains("api  GET /api/v1/installer"),
            "{t}"
        );
        assert!(t.contains("attempt 1"), "-vv adds detail: {t}");
        assert!(!t.contains(demo::INSTALLER_PASSWORD), "{t}");
        assert!(!t.contains(&token), "{t}");
        assert!(!t.contains("Bearer"), "{t}");
    }
}

#[test]
fn station_commands_show_their_traffic_with_v_and_mask_the_authorization_key() {
    use evfield::sandbox::station::{self, Dialect, SimOptions};
    const KEY: &str = "Wt7pQ2xZ9mLk4Rv8Nb3c";
    let sim = station::start(
        Dialect::Eva.default_state(),
        SimOptions {
            dialect: Dialect::Eva,
            boot_delay: Duration::from_millis(50),
            ..Default::default()
        },
    )
    .unwrap();
    let d = tempfile::tempdir().unwrap();
    let o = run(
        evfield(d.path())
            .args([
                "-vv",
                "--experimental",
                "station",
                "ocpp",
                "set",
                "--vendor",
                "chargestorm-eva",
            ])
            .arg("--port")
            .arg(sim.path())
            .args(["--url", "ws://127.0.0.1:9/Ocpp/websocket"])
            .args(["--charge-box-id", "000003586", "--no-reboot"])
            .args(["--security-profile", "1", "--authorization-key-stdin"])
            .env_remove("EVFIELD_OCPP_AUTH_KEY"),
        &format!("{KEY}\n"),
    );
    assert!(o.status.success(), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    let port = sim.path().to_string();
    assert!(err.contains(&format!("port {port} ")), "{err}");
    assert!(err.contains(" -> ") && err.contains(" <- "), "{err}");
    assert!(
        err.contains("***"),
        "the key's place is shown masked: {err}"
    );
    assert!(!text(&o).contains(KEY), "the key was printed: {}", text(&o));
}
