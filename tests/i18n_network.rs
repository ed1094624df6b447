//! The network, account, outbox, pinpoint, photo and GPS commands speak the installer's
//! language: real runs of the binary with `--lang nb`, `sv` or `da` on paths that end in those
//! areas' errors and output, checked for the translated text and for the absence of the English.

mod common;

use common::{evfield, run, text};
use evfield::i18n::{Lang, tr_in};

/// The args of a `pinpoint submit` that fails before it needs the network.
fn submit(lang: &str, mac: &str, again: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let o = run(
        evfield(d.path()).args([
            "--lang",
            lang,
            "pinpoint",
            "submit",
            "--mac",
            mac,
            "--activation-password",
            "pw",
            "--manufacturer",
            "Acme",
            "--model",
            "X1",
            "--serial",
            "SN-1",
            "--serial-again",
            again,
            "--gps",
            "59.91,10.75",
        ]),
        "",
    );
    assert!(!o.status.success(), "{}", text(&o));
    text(&o)
}

#[test]
fn pinpoint_submit_errors_are_translated() {
    let out = submit("nb", "not-a-mac", "SN-1");
    assert!(out.contains("E_BAD_MAC"), "{out}");
    assert!(
        out.contains("`not-a-mac` er ikke en MAC-adresse (12 heksadesimale sifre)"),
        "{out}"
    );
    assert!(out.contains("kopier den fra aktiveringsetiketten"), "{out}");
    assert!(!out.contains("is not a MAC address"), "{out}");
    assert!(
        !out.contains("copy it from the activation sticker"),
        "{out}"
    );

    let out = submit("sv", "02:EF:10:00:4D:01", "SN-2");
    assert!(out.contains("E_SERIAL_MISMATCH"), "{out}");
    assert!(
        out.contains("serienumret skrevs på två olika sätt: SN-1 och SN-2"),
        "{out}"
    );
    assert!(!out.contains("typed two different ways"), "{out}");

    // English stays English
    let out = submit("en", "not-a-mac", "SN-1");
    assert!(
        out.contains("`not-a-mac` is not a MAC address (12 hex digits)"),
        "{out}"
    );
    assert_eq!(
        tr_in(Lang::En, "pin.bad_mac", &[("mac", &"not-a-mac")]),
        "`not-a-mac` is not a MAC address (12 hex digits)"
    );
}

#[test]
fn photo_check_speaks_da_and_nb() {
    let d = tempfile::tempdir().unwrap();
    let small = d.path().join("small.png");
    std::fs::write(&small, evfield::sandbox::demo::photo_png(64, 48)).unwrap();
    let o = run(
        evfield(d.path())
            .args(["--lang", "da", "photo", "check"])
            .arg(&small),
        "",
    );
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("E_PHOTO_TOO_SMALL"), "{out}");
    assert!(out.contains("er 64×48, mindre end minimum"), "{out}");
    assert!(out.contains("tag billedet med kameraappen"), "{out}");
    assert!(!out.contains("smaller than the minimum"), "{out}");

    let good = d.path().join("good.png");
    std::fs::write(&good, evfield::sandbox::demo::photo_png(800, 600)).unwrap();
    let o = run(
        evfield(d.path())
            .args(["--lang", "nb", "photo", "check"])
            .arg(&good),
        "",
    );
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("vises som 800×600 (liggende)"), "{out}");
    assert!(out.contains("GPS (ingen i bildet)"), "{out}");
    assert!(
        !out.contains("landscape") && !out.contains("none in the photo"),
        "{out}"
    );
}

#[test]
fn a_typed_gps_position_is_checked_in_sv() {
    let d = tempfile::tempdir().unwrap();
    let o = run(
        evfield(d.path()).args(["--lang", "sv", "gps", "read", "--gps", "0,0"]),
        "",
    );
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("0,0 är ingen verklig position"), "{out}");
    assert!(!out.contains("is not a real position"), "{out}");
}
