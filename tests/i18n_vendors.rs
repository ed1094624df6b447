//! The vendor profiles' own texts (vendors/*.toml: guided steps, service-port and SIM
//! instructions, prompts) in the run's language: the real binary, `--lang nb` and `--lang sv`.

mod common;

use common::{evfield, text};

/// The binary's output (stdout then stderr) for `args`, with only the shipped profiles; it must
/// succeed.
fn run(data: &std::path::Path, args: &[&str]) -> String {
    let out = evfield(data)
        .args(args)
        .env_remove("EVFIELD_VENDORS_DIR")
        .output()
        .unwrap();
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    t
}

#[test]
fn the_guided_wallbox_step_is_shown_in_norwegian() {
    let data = tempfile::tempdir().unwrap();
    let t = run(
        data.path(),
        &["--lang", "nb", "renetwork", "--demo", "--vendor", "wallbox"],
    );
    // the title, then the numbered instructions with the exact values filled in
    assert!(
        t.contains("Still inn OCPP i myWallbox-appen (eller portalen)\n"),
        "{t}"
    );
    assert!(
        t.contains("  1. Logg inn i myWallbox-appen (Play Store / App Store)"),
        "{t}"
    );
    assert!(t.contains("  5. URL: ws://127.0.0.1:"), "{t}");
    assert!(
        t.contains("  6. Ladepunktets identitet (Charge point identity): EVF-"),
        "{t}"
    );
    assert!(
        t.contains("Laderen starter på nytt av seg selv etter SAVE"),
        "{t}"
    );
    assert!(
        t.contains("Fase 8 kontrollerer at nettverket ser stasjonen."),
        "{t}"
    );
    for english in [
        "Set OCPP in the myWallbox app",
        "Log in to the myWallbox app",
        "Accept the terms and conditions",
        "The charger restarts by itself after SAVE",
        "Wait until the app shows the charger online again",
        "Phase 8 checks that the network sees the station",
    ] {
        assert!(!t.contains(english), "English `{english}` in:\n{t}");
    }
}

#[test]
fn vendors_show_gives_the_profiles_instructions_in_swedish() {
    let data = tempfile::tempdir().unwrap();
    let t = run(data.path(), &["--lang", "sv", "vendors", "show", "wallbox"]);
    assert!(
        t.contains("byt SIM-kortet enligt Wallbox installationsmanual"),
        "{t}"
    );
    assert!(
        t.contains("Ställ in OCPP i myWallbox-appen (eller portalen)"),
        "{t}"
    );
    assert!(t.contains("1. Logga in i myWallbox-appen"), "{t}");
    assert!(t.contains("Utan OCPP visar appen ingen OCPP-knapp."), "{t}");
    for english in [
        "swap the SIM as Wallbox's installation manual says",
        "Set OCPP in the myWallbox app",
        "Log in to the myWallbox app",
        "Without OCPP the app shows no OCPP button",
    ] {
        assert!(!t.contains(english), "English `{english}` in:\n{t}");
    }
    // a station with a service port: where it is and how to connect
    let t = run(
        data.path(),
        &["--lang", "sv", "vendors", "show", "openevse"],
    );
    assert!(
        t.contains("Dra ur WiFi-modulens seriekabel ur styrenhetens RAPI-kontakt"),
        "{t}"
    );
    assert!(!t.contains("Unplug the WiFi module's serial lead"), "{t}");
}

#[test]
fn a_wallbox_article_number_is_decoded_in_norwegian() {
    let data = tempfile::tempdir().unwrap();
    let t = run(
        data.path(),
        &["--lang", "nb", "vendors", "decode", "PLP1-0-2-4-9-002"],
    );
    assert!(t.contains("  cable      0    5 m kabel\n"), "{t}");
    assert!(
        t.contains("jordfeilsdeteksjon (6 mA DC) + OCPP (UK: jordingsdeteksjon"),
        "{t}"
    );
    // product names, plug standards and codes stay as they are
    assert!(t.contains("  evc        2    Type 2\n"), "{t}");
    for english in [
        "5 m cable",
        "residual current detection",
        "earthing detection",
    ] {
        assert!(!t.contains(english), "English `{english}` in:\n{t}");
    }
}
