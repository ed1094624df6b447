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

#[test]
fn login_to_an_unreachable_network_speaks_sv() {
    // a port nobody listens on: bind, note the port, close
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let o = run(
        evfield(d.path()).args([
            "--lang",
            "sv",
            "login",
            "--network",
            &url,
            "--user",
            "kari@example.com",
            "--password-stdin",
        ]),
        "secret-pw\n",
    );
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("E_NET_UNREACHABLE"), "{out}");
    assert!(
        out.contains(&format!(
            "nätverket går inte att nå: POST /api/v1/login till {url} misslyckades"
        )),
        "{out}"
    );
    assert!(out.contains("kan vänta i utkorgen"), "{out}");
    assert!(!out.contains("the network is unreachable"), "{out}");
    assert!(!out.contains("check the laptop's connection"), "{out}");
    assert!(!out.contains("secret-pw"), "{out}");

    // plain http to another host is refused, in Danish
    let o = run(
        evfield(d.path()).args([
            "--lang",
            "da",
            "login",
            "--network",
            "http://installer.network.example",
            "--user",
            "kari@example.com",
            "--password-stdin",
        ]),
        "secret-pw\n",
    );
    let out = text(&o);
    assert!(out.contains("E_NET_INSECURE_URL"), "{out}");
    assert!(
        out.contains("afviser netværks-URL'en http://installer.network.example"),
        "{out}"
    );
    assert!(!out.contains("refusing the network URL"), "{out}");
}

#[test]
fn whoami_when_not_logged_in_speaks_nb() {
    let d = tempfile::tempdir().unwrap();
    let o = run(
        evfield(d.path()).args([
            "--lang",
            "nb",
            "whoami",
            "--network",
            "https://installer.network.example",
            "--user",
            "kari@example.com",
        ]),
        "",
    );
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("E_NOT_LOGGED_IN"), "{out}");
    assert!(
        out.contains("ingen montørtoken for kari@example.com på https://installer.network.example"),
        "{out}"
    );
    assert!(!out.contains("no installer token for"), "{out}");
}

#[test]
fn a_queued_submission_and_sync_speak_nb_and_sv() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let d = tempfile::tempdir().unwrap();
    let net = ["--network", &url, "--user", "kari@example.com"];
    let o = run(
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
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("Lagt i utboksen som"), "{out}");
    assert!(out.contains("Kontroller stasjonens serienummer"), "{out}");
    assert!(!out.contains("Queued in the outbox"), "{out}");

    let o = run(
        evfield(d.path()).args(["--lang", "nb", "outbox", "list"]),
        "",
    );
    let out = text(&o);
    assert!(
        out.contains("serienummer SN-1  MAC 02:EF:10:00:4D:01  (0 forsøk)"),
        "{out}"
    );

    let o = run(
        evfield(d.path())
            .env("EVFIELD_TOKEN", "tok-not-used-offline")
            .args(["--lang", "sv", "sync"])
            .args(net),
        "",
    );
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("E_OUTBOX_PENDING"), "{out}");
    assert!(
        out.contains("inte skickad än: nätverket går inte att nå"),
        "{out}"
    );
    assert!(
        out.contains("1 inskickning(ar) väntar fortfarande i utkorgen"),
        "{out}"
    );
    assert!(!out.contains("still wait in the outbox"), "{out}");
    assert!(!out.contains("not sent yet"), "{out}");

    // an empty outbox, in Danish
    let e = tempfile::tempdir().unwrap();
    let o = run(evfield(e.path()).args(["--lang", "da", "sync"]), "");
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("Intet at sende: udbakken er tom."), "{out}");
}

#[test]
fn requirements_and_station_status_speak_da_and_nb() {
    let d = tempfile::tempdir().unwrap();
    let net = [
        "--network",
        "https://installer.network.example",
        "--user",
        "kari@example.com",
    ];
    let o = run(
        evfield(d.path())
            .args(["--lang", "da", "requirements", "--offline"])
            .args(["--manufacturer", "Acme", "--model", "X1"])
            .args(net),
        "",
    );
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("E_CACHE_MISS"), "{out}");
    assert!(out.contains("ingen gemte krav for Acme X1 hos"), "{out}");
    assert!(!out.contains("no cached requirements"), "{out}");

    let o = run(evfield(d.path()).args(["--lang", "da", "requirements"]), "");
    let out = text(&o);
    assert!(out.contains("Ingen gemte krav ("), "{out}");

    let o = run(
        evfield(d.path())
            .env("EVFIELD_TOKEN", "tok-not-used")
            .args(["--lang", "nb", "station", "status"])
            .args(net),
        "",
    );
    let out = text(&o);
    assert!(!o.status.success(), "{out}");
    assert!(out.contains("E_NO_STATION"), "{out}");
    assert!(
        out.contains("ingen stasjons-id er oppgitt, og ingen er lokalisert fra denne PC-en"),
        "{out}"
    );
    assert!(!out.contains("no station id given"), "{out}");
}
