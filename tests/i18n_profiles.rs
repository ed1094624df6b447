//! Vendor profiles, article numbers and the modem check speak the installer's language: the
//! real binary with `--lang`, on the paths that print this area's errors and verdicts.

mod common;

use std::time::Duration;

use evfield::sandbox::station::{self, Dialect, SimFaults, SimOptions};

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn an_article_without_ocpp_is_refused_in_norwegian() {
    let data = tempfile::tempdir().unwrap();
    let out = common::evfield(data.path())
        .args(["--lang", "nb", "vendors", "decode", "PLP1-0-2-4-1-002"])
        .env_remove("EVFIELD_VENDORS_DIR")
        .output()
        .unwrap();
    let t = text(&out);
    assert_eq!(out.status.code(), Some(7), "{t}");
    assert!(
        t.contains("(artikkel PLP1-0-2-4-1-002) har ikke OCPP"),
        "{t}"
    );
    assert!(t.contains("OCPP: finnes IKKE"), "{t}");
    assert!(
        t.contains("denne stasjonen kan ikke kobles til et OCPP-nettverk"),
        "{t}"
    );
    assert!(!t.contains("has no OCPP"), "{t}");
    assert!(!t.contains("cannot join an OCPP network"), "{t}");
    assert!(!t.contains("NOT fitted"), "{t}");
}

#[test]
fn a_broken_profile_is_reported_in_swedish_with_file_line_and_key() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("evfield").join("vendors");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.toml");
    std::fs::write(
        &file,
        "[vendor]\nid = \"broken\"\nmanufacturer = \"Broken\"\nkind = \"charger\"\n",
    )
    .unwrap();
    let out = common::evfield(data.path())
        .args(["--lang", "sv", "vendors", "list"])
        .env("XDG_CONFIG_HOME", config.path())
        .env_remove("EVFIELD_VENDORS_DIR")
        .output()
        .unwrap();
    let t = text(&out);
    assert!(!out.status.success(), "{t}");
    let want = format!(
        "{}:4: `vendor.kind` `charger` måste vara `station` eller `modem`",
        file.display()
    );
    assert!(t.contains(&want), "{t}");
    assert!(t.contains("rätta profilen"), "{t}");
    assert!(!t.contains("must be"), "{t}");
    assert!(!t.contains("fix the profile"), "{t}");
}

#[test]
fn the_modem_verdict_is_given_in_danish() {
    let mut state = Dialect::Modem.default_state();
    state.iccid = None;
    let sim = station::start(
        state,
        SimOptions {
            dialect: Dialect::Modem,
            boot_delay: Duration::from_millis(100),
            faults: SimFaults::default(),
            ..Default::default()
        },
    )
    .expect("simulator starts");
    let data = tempfile::tempdir().unwrap();
    let out = common::evfield(data.path())
        .args(["--lang", "da", "modem", "check", "--port"])
        .arg(sim.path())
        .output()
        .unwrap();
    let t = text(&out);
    assert_eq!(out.status.code(), Some(4), "{t}");
    assert!(t.contains("no_sim"), "{t}");
    assert!(
        t.contains("intet SIM-kort fundet: sluk for strømmen"),
        "{t}"
    );
    assert!(!t.contains("no SIM found"), "{t}");
    assert!(!t.contains("reseat the SIM"), "{t}");
}

#[test]
fn vendors_show_and_rfid_convert_speak_swedish_and_norwegian() {
    let data = tempfile::tempdir().unwrap();
    let out = common::evfield(data.path())
        .args(["--lang", "sv", "vendors", "show", "wallbox"])
        .env_remove("EVFIELD_VENDORS_DIR")
        .output()
        .unwrap();
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    assert!(
        t.contains("  serviceport: ingen (konfigureras i tillverkarens app)"),
        "{t}"
    );
    assert!(t.contains("(inbyggd)"), "{t}");
    assert!(!t.contains("service port: none"), "{t}");
    assert!(!t.contains("version rule"), "{t}");
    let out = common::evfield(data.path())
        .args(["--lang", "nb", "rfid", "convert", "04:A2:2B:1A"])
        .output()
        .unwrap();
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    // The values line up after the longest (translated) label.
    let col = |label: &str| {
        let line = t.lines().find(|l| l.starts_with(label)).expect(label);
        line.chars().position(|c| c.is_ascii_digit()).unwrap()
    };
    assert!(t.contains("(Wallbox-hviteliste)"), "{t}");
    assert!(!t.contains("reader order"), "{t}");
    assert_eq!(col("hex (leserens"), col("desimal"), "{t}");
    let bad = common::evfield(data.path())
        .args(["--lang", "nb", "rfid", "convert", "123"])
        .output()
        .unwrap();
    let t = text(&bad);
    assert!(!bad.status.success(), "{t}");
    assert!(t.contains("`123` er ikke hele byte i heksadesimalt"), "{t}");
    assert!(!t.contains("is not whole bytes"), "{t}");
}
