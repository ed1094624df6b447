//! The station's texts in the installer's language: the lint of OCPP settings on the
//! simulator's pty, port errors, `evfield ports` and `evfield ocpp probe`, run through the real
//! binary with `--lang`. Each test also runs in English, so a translation that stopped being
//! used (or an English text that leaked through) fails it.

use std::process::Output;

use evfield::i18n::{Lang, tr_in};
use evfield::sandbox::station::{self, SimHandle, SimOptions, SimState};

mod common;

fn text(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `evfield --lang LANG ARGS...` in a fresh data dir, with no locale from the environment.
fn run(lang: Lang, args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    let mut c = common::evfield(data.path());
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["--lang", lang.code()])
        .args(args);
    c.output().unwrap()
}

fn sim() -> SimHandle {
    station::start(SimState::default(), SimOptions::default()).expect("simulator starts")
}

fn ocpp_set_http(lang: Lang, sim: &SimHandle) -> Output {
    run(
        lang,
        &[
            "station",
            "ocpp",
            "set",
            "--vendor",
            "evfield-sim",
            "--port",
            sim.path(),
            "--url",
            "http://cs.example.net/ocpp",
            "--charge-box-id",
            "CB-1",
            "--no-reboot",
        ],
    )
}

#[test]
fn lint_findings_on_the_simulator_are_in_norwegian_and_swedish() {
    let sim = sim();
    let url = "http://cs.example.net/ocpp";
    for lang in [Lang::Nb, Lang::Sv, Lang::En] {
        let out = ocpp_set_http(lang, &sim);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(3), "{}: {t}", lang.code());
        // the error that stops the write says the finding and its advice, once (issue 12: the
        // finding it refuses with is not also noted before it)
        let finding = tr_in(lang, "stn.lint.not_websocket", &[("url", &url)]);
        assert_eq!(
            t.matches(&finding).count(),
            1,
            "{}: `{finding}` not said once in {t}",
            lang.code()
        );
        let advice = tr_in(lang, "stn.lint.scheme_http", &[]);
        assert!(t.contains(&advice), "{}: no `{advice}` in {t}", lang.code());
        let stopped = tr_in(
            lang,
            "stn.lint.not_written",
            &[(
                "why",
                &tr_in(lang, "stn.lint.not_websocket", &[("url", &url)]),
            )],
        );
        assert!(
            t.contains(&stopped),
            "{}: no `{stopped}` in {t}",
            lang.code()
        );
        let english = [
            "is not a websocket URL",
            "OCPP 1.6J runs over a websocket",
            "OCPP settings not written",
            "pass --force to write anyway",
        ];
        for e in english {
            assert_eq!(
                t.contains(e),
                lang == Lang::En,
                "{}: `{e}` in {t}",
                lang.code()
            );
        }
    }
    // nothing was written: the lint stopped it
    assert_ne!(sim.state().ocpp_url.as_deref(), Some(url));
}

#[test]
fn a_missing_port_is_said_in_swedish_and_danish_and_still_named() {
    let port = "/nonexistent/ttyEVFIELD9";
    for lang in [Lang::Sv, Lang::Da, Lang::En] {
        let out = run(
            lang,
            &["station", "info", "--vendor", "evfield-sim", "--port", port],
        );
        let t = text(&out);
        assert!(!out.status.success(), "{t}");
        let msg = tr_in(lang, "stn.port.not_found", &[("path", &port)]);
        let help = tr_in(lang, "stn.port.not_found_help", &[]);
        assert!(t.contains(&msg), "{}: no `{msg}` in {t}", lang.code());
        assert!(t.contains(&help), "{}: no `{help}` in {t}", lang.code());
        assert!(t.contains(port), "{t}");
        assert_eq!(
            t.contains("no serial port at"),
            lang == Lang::En,
            "{}: {t}",
            lang.code()
        );
    }
    assert!(tr_in(Lang::Sv, "stn.port.not_found", &[("path", &port)]).contains("ingen serieport"));
}

#[test]
fn ports_and_the_probe_speak_danish_and_norwegian() {
    let out = run(Lang::Da, &["ports"]);
    let t = text(&out);
    assert!(out.status.success(), "{t}");
    #[cfg(target_os = "linux")]
    {
        assert!(
            t.contains(&tr_in(Lang::Da, "stn.ports.permission_tip", &[])),
            "{t}"
        );
        assert!(!t.contains("Permission denied on a port?"), "{t}");
    }

    for lang in [Lang::Nb, Lang::En] {
        let out = run(lang, &["ocpp", "probe", "--bind", "not-an-address"]);
        let t = text(&out);
        assert_eq!(out.status.code(), Some(2), "{t}");
        let msg = tr_in(lang, "stn.probe.bad_bind", &[("addr", &"not-an-address")]);
        assert!(t.contains(&msg), "{}: no `{msg}` in {t}", lang.code());
        assert_eq!(
            t.contains("is not an address to listen on"),
            lang == Lang::En,
            "{}: {t}",
            lang.code()
        );
    }
}
