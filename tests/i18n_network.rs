//! The network, account, outbox, pinpoint, photo and GPS commands speak the installer's
//! language: real runs of the binary with `--lang nb`, `sv` or `da` on paths that end in those
//! areas' errors and output, checked for the translated text and for the absence of the English.

mod common;

use std::process::Command;

use common::{evfield, run, text};
use evfield::i18n::{Lang, tr_in};

/// Run with `stdin`: whether it succeeded, and stdout + stderr.
fn outcome(cmd: &mut Command, stdin: &str) -> (bool, String) {
    let o = run(cmd, stdin);
    (o.status.success(), text(&o))
}

/// Every `want` is in `out` and no `english` is.
fn assert_says(out: &str, want: &[&str], english: &[&str]) {
    for w in want {
        assert!(out.contains(w), "missing {w:?} in:\n{out}");
    }
    for e in english {
        assert!(!out.contains(e), "English {e:?} in:\n{out}");
    }
}

/// A loopback port nobody listens on: bind, note the port, close.
fn closed_port_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("http://127.0.0.1:{port}")
}

const NET: [&str; 4] = [
    "--network",
    "https://installer.network.example",
    "--user",
    "kari@example.com",
];

/// A `pinpoint submit` that fails before it needs the network.
fn submit(lang: &str, mac: &str, again: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let (ok, out) = outcome(
        evfield(d.path())
            .args(["--lang", lang, "pinpoint", "submit"])
            .args(["--mac", mac, "--activation-password", "pw"])
            .args(["--manufacturer", "Acme", "--model", "X1"])
            .args(["--serial", "SN-1", "--serial-again", again])
            .args(["--gps", "59.91,10.75"]),
        "",
    );
    assert!(!ok, "{out}");
    out
}

#[test]
fn pinpoint_submit_errors_are_translated() {
    let out = submit("nb", "not-a-mac", "SN-1");
    assert_says(
        &out,
        &[
            "E_BAD_MAC",
            "`not-a-mac` er ikke en MAC-adresse (12 heksadesimale sifre)",
            "kopier den fra aktiveringsetiketten",
        ],
        &[
            "is not a MAC address",
            "copy it from the activation sticker",
        ],
    );

    let out = submit("sv", "02:EF:10:00:4D:01", "SN-2");
    assert_says(
        &out,
        &[
            "E_SERIAL_MISMATCH",
            "serienumret skrevs på två olika sätt: SN-1 och SN-2",
        ],
        &["typed two different ways"],
    );

    // English stays English, byte for byte
    let out = submit("en", "not-a-mac", "SN-1");
    assert_says(
        &out,
        &["`not-a-mac` is not a MAC address (12 hex digits)"],
        &["heksadesimale"],
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
    let (ok, out) = outcome(
        evfield(d.path())
            .args(["--lang", "da", "photo", "check"])
            .arg(&small),
        "",
    );
    assert!(!ok, "{out}");
    assert_says(
        &out,
        &[
            "E_PHOTO_TOO_SMALL",
            "er 64×48, mindre end minimum",
            "tag billedet med kameraappen",
        ],
        &["smaller than the minimum", "take the photo"],
    );

    let good = d.path().join("good.png");
    std::fs::write(&good, evfield::sandbox::demo::photo_png(800, 600)).unwrap();
    let (ok, out) = outcome(
        evfield(d.path())
            .args(["--lang", "nb", "photo", "check"])
            .arg(&good),
        "",
    );
    assert!(ok, "{out}");
    assert_says(
        &out,
        &["vises som 800×600 (liggende)", "GPS (ingen i bildet)"],
        &["landscape", "none in the photo"],
    );
}

#[test]
fn a_typed_gps_position_is_checked_in_sv() {
    let d = tempfile::tempdir().unwrap();
    let (ok, out) = outcome(
        evfield(d.path()).args(["--lang", "sv", "gps", "read", "--gps", "0,0"]),
        "",
    );
    assert!(!ok, "{out}");
    assert_says(
        &out,
        &["0,0 är ingen verklig position"],
        &["is not a real position"],
    );
}

#[test]
fn login_to_an_unreachable_network_speaks_sv() {
    let d = tempfile::tempdir().unwrap();
    let url = closed_port_url();
    let login = ["login", "--user", "kari@example.com", "--password-stdin"];
    let (ok, out) = outcome(
        evfield(d.path())
            .args(["--lang", "sv"])
            .args(login)
            .args(["--network", &url]),
        "secret-pw\n",
    );
    assert!(!ok, "{out}");
    let msg = format!("nätverket går inte att nå: POST /api/v1/login till {url} misslyckades");
    assert_says(
        &out,
        &["E_NET_UNREACHABLE", &msg, "kan vänta i utkorgen"],
        &[
            "the network is unreachable",
            "check the laptop's connection",
            "secret-pw",
        ],
    );

    // plain http to another host is refused, in Danish
    let (ok, out) = outcome(
        evfield(d.path())
            .args(["--lang", "da"])
            .args(login)
            .args(["--network", "http://installer.network.example"]),
        "secret-pw\n",
    );
    assert!(!ok, "{out}");
    assert_says(
        &out,
        &[
            "E_NET_INSECURE_URL",
            "afviser netværks-URL'en http://installer.network.example",
        ],
        &["refusing the network URL"],
    );
}

#[test]
fn whoami_when_not_logged_in_speaks_nb() {
    let d = tempfile::tempdir().unwrap();
    let (ok, out) = outcome(
        evfield(d.path()).args(["--lang", "nb", "whoami"]).args(NET),
        "",
    );
    assert!(!ok, "{out}");
    assert_says(
        &out,
        &[
            "E_NOT_LOGGED_IN",
            "ingen montørtoken for kari@example.com på https://installer.network.example",
        ],
        &["no installer token for"],
    );
}

#[test]
fn a_queued_submission_and_sync_speak_nb_and_sv() {
    let url = closed_port_url();
    let d = tempfile::tempdir().unwrap();
    let net = ["--network", &url, "--user", "kari@example.com"];
    let (ok, out) = outcome(
        evfield(d.path())
            .env("EVFIELD_TOKEN", "tok-not-used-offline")
            .args(["--lang", "nb", "pinpoint", "submit", "--queue"])
            .args(["--mac", "02EF10004D01", "--activation-password", "pw"])
            .args(["--manufacturer", "Acme", "--model", "X1"])
            .args(["--serial", "SN-1", "--serial-again", "SN-1"])
            .args(["--gps", "59.91,10.75", "--address-id", "A1"])
            .args(["--charge-box-id", "CB1", "--confirm-serial"])
            .args(net),
        "",
    );
    assert!(ok, "{out}");
    assert_says(
        &out,
        &["Lagt i utboksen som", "Kontroller stasjonens serienummer"],
        &["Queued in the outbox", "Verify the station serial"],
    );

    let (_, out) = outcome(
        evfield(d.path()).args(["--lang", "nb", "outbox", "list"]),
        "",
    );
    assert_says(
        &out,
        &["serienummer SN-1  MAC 02:EF:10:00:4D:01  (0 forsøk)"],
        &["attempts"],
    );

    let (ok, out) = outcome(
        evfield(d.path())
            .env("EVFIELD_TOKEN", "tok-not-used-offline")
            .args(["--lang", "sv", "sync"])
            .args(net),
        "",
    );
    assert!(!ok, "{out}");
    assert_says(
        &out,
        &[
            "E_OUTBOX_PENDING",
            "inte skickad än: nätverket går inte att nå",
            "1 inskickning väntar fortfarande i utkorgen",
        ],
        &["still wait in the outbox", "not sent yet"],
    );

    // an empty outbox, in Danish
    let e = tempfile::tempdir().unwrap();
    let (ok, out) = outcome(evfield(e.path()).args(["--lang", "da", "sync"]), "");
    assert!(ok, "{out}");
    assert_says(
        &out,
        &["Intet at sende: udbakken er tom."],
        &["Nothing to send"],
    );
}

#[test]
fn requirements_and_station_status_speak_da_and_nb() {
    let d = tempfile::tempdir().unwrap();
    let (ok, out) = outcome(
        evfield(d.path())
            .args(["--lang", "da", "requirements", "--offline"])
            .args(["--manufacturer", "Acme", "--model", "X1"])
            .args(NET),
        "",
    );
    assert!(!ok, "{out}");
    assert_says(
        &out,
        &["E_CACHE_MISS", "ingen gemte krav for Acme X1 hos"],
        &["no cached requirements"],
    );

    let (_, out) = outcome(evfield(d.path()).args(["--lang", "da", "requirements"]), "");
    assert_says(&out, &["Ingen gemte krav ("], &["No cached requirements"]);

    let (ok, out) = outcome(
        evfield(d.path())
            .env("EVFIELD_TOKEN", "tok-not-used")
            .args(["--lang", "nb", "station", "status"])
            .args(NET),
        "",
    );
    assert!(!ok, "{out}");
    assert_says(
        &out,
        &[
            "E_NO_STATION",
            "ingen stasjons-id er oppgitt, og ingen er lokalisert fra denne PC-en",
        ],
        &["no station id given"],
    );
}

/// In a terminal, `pinpoint submit` asks to confirm the serial in Norwegian, offering Ja and Nei
/// (not dialoguer's English `(y/n)`); Nei (the default) stops it with the translated refusal.
#[test]
fn the_serial_confirmation_in_a_terminal_speaks_nb() {
    use expectrl::{Expect, Regex, Session};
    let d = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(d.path())
        .args(["--lang", "nb", "pinpoint", "submit"])
        .args(["--mac", "02EF10004D01", "--activation-password", "pw"])
        .args(["--manufacturer", "Acme", "--model", "X1"])
        .args(["--serial", "SN-7", "--serial-again", "SN-7"])
        .args(["--gps", "59.91,10.75"])
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    let m = p.expect(Regex("Nei")).unwrap();
    let screen = String::from_utf8_lossy(m.before()).to_string();
    assert!(
        screen.contains("Serienummeret SN-7 samsvarer med typeskiltet"),
        "{screen}"
    );
    assert!(!screen.contains("(y/n)"), "{screen}");
    assert!(!screen.contains("matches the type plate"), "{screen}");
    p.send("\r").unwrap();
    p.expect("ikke bekreftet: Serienummeret SN-7").unwrap();
}

/// A JPEG with an EXIF block that holds only orientation 1 (big-endian TIFF, one IFD entry),
/// written by hand into an APP1 segment after the start-of-image marker.
fn with_exif_orientation_1(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]); // one entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0]); // Orientation SHORT 1
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `photo check` tells a photo without any EXIF (orientation assumed) from one whose EXIF says
/// orientation 1: `exif` in the JSON, and a translated line in the human output.
#[test]
fn photo_check_tells_no_exif_from_orientation_1() {
    let d = tempfile::tempdir().unwrap();
    let mut bare = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bare, 80)
        .encode_image(&image::RgbImage::from_fn(800, 600, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        }))
        .unwrap();
    let none = d.path().join("none.jpg");
    let one = d.path().join("one.jpg");
    std::fs::write(&none, &bare).unwrap();
    std::fs::write(&one, with_exif_orientation_1(&bare)).unwrap();
    for (file, exif) in [(&none, false), (&one, true)] {
        let o = run(
            evfield(d.path())
                .args(["--json", "photo", "check"])
                .arg(file),
            "",
        );
        assert!(o.status.success(), "{}", text(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["photo"]["exif"], exif, "{}", file.display());
        assert_eq!(v["photo"]["orientation"], 1, "{}", file.display());
        for (lang, line) in [("en", "No EXIF at all"), ("sv", "Ingen EXIF alls")] {
            let (ok, out) = outcome(
                evfield(d.path())
                    .args(["--lang", lang, "photo", "check"])
                    .arg(file),
                "",
            );
            assert!(ok, "{out}");
            assert_eq!(
                out.contains(line),
                !exif,
                "{lang} {}:\n{out}",
                file.display()
            );
        }
    }
}
