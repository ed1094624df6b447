use super::*;
use clap::CommandFactory;

/// Command lines clap refuses, one for each common kind of error.
const BAD: &[&[&str]] = &[
    &["evfield", "sessions", "--bogus"],
    &["evfield", "sessions", "--al"],
    &["evfield", "sesions"],
    &["evfield", "sticker", "--ecc", "z"],
    &["evfield", "sticker", "--ecc"],
    &["evfield", "sticker", "--dpi", "many"],
    &["evfield", "station", "ocpp", "set", "--url", "ws://x"],
    &["evfield", "station"],
    &["evfield", "--verbose", "--quiet", "sessions"],
    &["evfield", "sessions", "--all", "--all"],
    &["evfield", "rfid", "convert", "-x"],
    &["evfield", "completions", "bash", "zsh"],
];

fn error(argv: &[&str]) -> clap::Error {
    match super::super::Cli::command().try_get_matches_from(argv) {
        Err(e) => e,
        Ok(_) => panic!("{argv:?} parses"),
    }
}

/// In English the formatter writes exactly what clap's own does: every part is there, in
/// clap's order, with the offending argument.
#[test]
fn english_is_clap_s_own_error() {
    for argv in BAD {
        let e = error(argv);
        let want = e.render().to_string();
        // (the process language of the unit tests is English: none of them sets one)
        let got = e.apply::<Localized>().render().to_string();
        assert_eq!(got, want, "{argv:?}");
    }
}

/// In nb, sv and da the words are the catalog's, the argument or value stays as typed.
#[test]
fn errors_in_the_language_keep_the_offending_argument() {
    for lang in [Lang::Nb, Lang::Sv, Lang::Da] {
        let text = |argv: &[&str]| format(&error(argv).apply::<Localized>(), lang).to_string();
        let t = text(&["evfield", "sessions", "--bogus"]);
        let want = tr_in(lang, "cli.clap.unknown_argument", &[("arg", &"--bogus")]);
        assert!(
            t.starts_with(&format!("{}: {want}", tr_in(lang, "cli.clap.error", &[]))),
            "{t}"
        );
        assert!(
            t.contains(&format!(
                "{}: evfield sessions",
                tr_in(lang, "help.clap.usage", &[])
            )),
            "{t}"
        );
        assert!(
            t.contains(&tr_in(lang, "cli.clap.more", &[("help", &"--help")])),
            "{t}"
        );
        for english in [
            "error:",
            "unexpected argument",
            "Usage:",
            "For more information",
        ] {
            assert!(!t.contains(english), "{english}: {t}");
        }
        let t = text(&["evfield", "sticker", "--ecc", "z"]);
        let want = tr_in(
            lang,
            "cli.clap.invalid_value",
            &[("value", &"z"), ("arg", &"--ecc <ECC>")],
        );
        assert!(t.contains(&want), "{t}");
        assert!(t.contains("l, m, q, h"), "{t}");
        let t = text(&["evfield", "station", "ocpp", "set", "--url", "ws://x"]);
        assert!(
            t.contains(&tr_in(lang, "cli.clap.missing_required", &[])),
            "{t}"
        );
        assert!(t.contains("--charge-box-id <CHARGE_BOX_ID>"), "{t}");
        let t = text(&["evfield", "sessions", "--al"]);
        assert!(t.contains("'--all'"), "{t}");
        assert!(!t.contains("similar"), "{t}");
    }
}
