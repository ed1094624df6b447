//! `--help` in the installer's language: the binary's help in nb, sv and da shows the catalog's
//! translations and not the English doc comments, and `--lang en` is exactly clap's help.

use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use clap::CommandFactory;
use evfield::i18n::{Lang, tr_in};

/// Run the binary with a clean locale plus `env`; stdout, stderr and the exit code.
fn run(env: &[(&str, &str)], args: &[&str]) -> (String, String, i32) {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.stdin(Stdio::null())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    for v in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "EVFIELD_LANG",
        "EVFIELD_JSON",
    ] {
        c.env_remove(v);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.args(args).output().unwrap();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

/// Whitespace squashed: clap wraps and indents the help.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` shows the message `id` in `lang` and not in English.
fn shows(text: &str, id: &str, lang: Lang) {
    let (tr, en) = (tr_in(lang, id, &[]), tr_in(Lang::En, id, &[]));
    assert_ne!(tr, en, "{id} has no {} translation", lang.code());
    assert!(
        squash(text).contains(&squash(&tr)),
        "{id} [{}]:\n{text}",
        lang.code()
    );
    assert!(
        !squash(text).contains(&squash(&en)),
        "{id} in English:\n{text}"
    );
}

#[test]
fn root_help_in_norwegian() {
    let (out, err, code) = run(&[], &["--lang", "nb", "--help"]);
    assert_eq!(code, 0, "{err}");
    for id in [
        "help.evfield.about",
        "help.renetwork.about",
        "help.evfield.arg.json",
        "help.clap.help_command",
    ] {
        shows(&out, id, Lang::Nb);
    }
    assert!(out.contains("\nBruk: evfield [OPTIONS] <COMMAND>"), "{out}");
    for heading in ["Kommandoer:", "Valg:", "Felles valg:"] {
        assert!(out.lines().any(|l| l == heading), "{heading}\n{out}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Global:", "Print help"] {
        assert!(!out.contains(english), "{english}\n{out}");
    }
    assert!(out.contains("-V, --version  Vis versjon"), "{out}");
}

#[test]
fn subcommand_help_in_swedish_by_flag_and_danish_by_locale() {
    let (out, err, code) = run(&[], &["--lang", "sv", "station", "ocpp", "set", "--help"]);
    assert_eq!(code, 0, "{err}");
    for id in [
        "help.station.ocpp.set.about",
        "help.station.ocpp.set.arg.url",
        "help.station.ocpp.set.arg.authorization_key_stdin",
    ] {
        shows(&out, id, Lang::Sv);
    }
    assert!(
        out.contains("Användning: evfield station ocpp set"),
        "{out}"
    );
    assert!(out.contains("[miljövariabel: EVFIELD_PORT=]"), "{out}");

    // the locale decides when there is no --lang; `-h` is the short help
    let (out, err, code) = run(&[("LANG", "da_DK.UTF-8")], &["pinpoint", "submit", "-h"]);
    assert_eq!(code, 0, "{err}");
    for id in [
        "help.pinpoint.submit.about",
        "help.pinpoint.submit.arg.confirm_serial",
        "help.pinpoint.submit.arg.gps_timeout",
        "help.heading.submission",
    ] {
        shows(&out, id, Lang::Da);
    }
    assert!(out.contains("[standard: 180]"), "{out}");
    // EVFIELD_LANG counts as --lang, and wins over the locale
    let (out, _, _) = run(
        &[("LANG", "da_DK.UTF-8"), ("EVFIELD_LANG", "nb")],
        &["pinpoint", "submit", "--help"],
    );
    shows(&out, "help.pinpoint.submit.about", Lang::Nb);
}

/// `evfield help <command>` (clap's help subcommand) is translated too.
#[test]
fn help_subcommand_in_the_language() {
    let (out, err, code) = run(&[("LC_ALL", "sv_SE.UTF-8")], &["help", "sticker"]);
    assert_eq!(code, 0, "{err}");
    shows(&out, "help.sticker.about", Lang::Sv);
    shows(&out, "help.sticker.arg.format.value.terminal", Lang::Sv);
}

/// What `--help` shows for the command at `path`, rendered by clap from the untranslated
/// definitions: the long help where the command has one (its `-h` then says "see more with
/// '--help'"), else the short one.
fn clap_help(path: &[&str]) -> String {
    let mut cmd = evfield::cli::Cli::command().term_width(100);
    cmd.build();
    let mut c = &mut cmd;
    for p in path {
        c = c.find_subcommand_mut(p).unwrap();
    }
    let long = c
        .get_arguments()
        .any(|a| a.get_id() == "help" && a.get_long_help().is_some());
    if long {
        c.render_long_help().to_string()
    } else {
        c.render_help().to_string()
    }
}

#[test]
fn english_help_is_exactly_clap_s() {
    for path in [&[][..], &["station", "ocpp", "set"], &["sticker"], &["sim"]] {
        let mut args = vec!["--lang", "en"];
        args.extend(path);
        args.push("--help");
        let (out, err, code) = run(&[("LANG", "nb_NO.UTF-8")], &args);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, clap_help(path), "{path:?}");
        // and without --lang, in an English (or unknown) locale
        let (plain, _, _) = run(&[("LANG", "de_DE.UTF-8")], &args[2..]);
        assert_eq!(plain, out, "{path:?}");
    }
}

/// clap's errors in the language, the offending argument kept, exit code 2; in English
/// exactly clap's message.
#[test]
fn command_line_errors_in_the_language() {
    let (_, err, code) = run(&[], &["--lang", "nb", "sessions", "--bogus"]);
    assert_eq!(code, 2, "{err}");
    let want = tr_in(
        Lang::Nb,
        "cli.clap.unknown_argument",
        &[("arg", &"--bogus")],
    );
    assert!(err.starts_with(&format!("feil: {want}")), "{err}");
    assert!(err.contains("Bruk: evfield sessions [OPTIONS]"), "{err}");
    assert!(!err.contains("error:") && !err.contains("Usage:"), "{err}");

    let (_, err, code) = run(&[("LANG", "da_DK.UTF-8")], &["sticker", "--ecc", "z"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ugyldig værdi 'z' for '--ecc <ECC>'"), "{err}");
    assert!(err.contains("[mulige værdier: l, m, q, h]"), "{err}");

    // as JSON: the message in the language, the code for scripts
    let (_, err, code) = run(&[], &["--lang", "sv", "--json", "sessions", "--bogus"]);
    assert_eq!(code, 2, "{err}");
    let doc: serde_json::Value = serde_json::from_str(err.trim()).expect(&err);
    assert_eq!(doc["error"]["code"], "E_USAGE", "{doc}");
    let message = doc["error"]["message"].as_str().unwrap_or_default();
    assert_eq!(
        message,
        tr_in(
            Lang::Sv,
            "cli.clap.unknown_argument",
            &[("arg", &"--bogus")]
        ),
        "{doc}"
    );

    // English: clap's own message
    let (_, err, code) = run(&[("LANG", "C")], &["sessions", "--bogus"]);
    assert_eq!(code, 2);
    let clap = evfield::cli::Cli::command()
        .try_get_matches_from(["evfield", "sessions", "--bogus"])
        .unwrap_err()
        .render()
        .to_string();
    assert_eq!(err, clap);
}

/// An unsupported `--lang` is refused in the language of the locale.
#[test]
fn unsupported_lang_is_refused_in_the_locale_s_language() {
    let (_, err, code) = run(&[("LANG", "sv_SE.UTF-8")], &["--lang", "xx", "sessions"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&tr_in(Lang::Sv, "cli.err.lang", &[("lang", &"xx")])),
        "{err}"
    );
}
