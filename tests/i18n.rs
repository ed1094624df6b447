//! Norwegian, Swedish and Danish runs of the demo show no English text where a translation
//! exists: every message of the catalogs, every checklist text and every question is looked for,
//! in English, in what the run printed.

use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use evfield::i18n::{Lang, catalog, tr_in};

/// The literal pieces of a text between its `{arguments}` that are long enough to be telling.
fn fragments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let (lit, next) = match rest.find('{') {
            Some(i) => (&rest[..i], rest[i..].find('}').map(|j| &rest[i + j + 1..])),
            None => (rest, None),
        };
        let lit = lit.trim();
        if lit.chars().count() >= 12 {
            out.push(lit.to_string());
        }
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    out
}

/// English texts that have a different translation in `lang`.
fn english_with_translation(lang: Lang) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for m in catalog().messages() {
        let (Some(en), Some(tr)) = (m.text[0], m.text[lang as usize]) else {
            continue;
        };
        if en != tr {
            pairs.push((m.id.to_string(), en.to_string()));
        }
    }
    let reg = evfield::checklist::Registry::load(None).unwrap();
    for c in &reg.lists {
        let mut texts = vec![(format!("{}.title", c.id), &c.title)];
        for i in &c.items {
            texts.push((i.key.clone(), &i.text));
            texts.push((format!("{}.help", i.key), &i.help));
        }
        if let Some(w) = &c.warning {
            texts.push((format!("{}.warning", c.id), w));
        }
        for (id, t) in texts {
            if t.has(lang) && t.get_in(lang) != t.get_in(Lang::En) {
                pairs.push((id, t.get_in(Lang::En).to_string()));
            }
        }
    }
    for d in evfield::session::keys::KEYS {
        let id = format!("question.{}", d.key);
        if catalog()
            .texts(&id)
            .is_some_and(|t| t[lang as usize].is_some())
        {
            pairs.push((id, d.question.to_string()));
        }
    }
    pairs
}

fn english_found(text: &str, lang: Lang) -> Vec<String> {
    let mut english = Vec::new();
    for (id, en) in english_with_translation(lang) {
        for f in fragments(&en) {
            if text.contains(&f) {
                english.push(format!("{id}: \"{f}\""));
            }
        }
    }
    english
}

#[test]
fn demo_runs_in_nb_sv_and_da_show_no_english_where_a_translation_exists() {
    for (code, lang) in [
        ("en", Lang::En),
        ("nb", Lang::Nb),
        ("sv", Lang::Sv),
        ("da", Lang::Da),
    ] {
        let d = tempfile::tempdir().unwrap();
        let out = Command::cargo_bin("evfield")
            .unwrap()
            .arg("--data-dir")
            .arg(d.path())
            .args(["--lang", code, "renetwork", "--demo"])
            .stdin(Stdio::null())
            .env("NO_COLOR", "1")
            .env_remove("EVFIELD_FAILPOINT")
            .output()
            .unwrap();
        let text = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{code}: {text}");
        if lang == Lang::En {
            let found = english_found(&text, Lang::Nb);
            assert!(
                found.len() > 20,
                "the check finds English in an English run: {found:?}"
            );
            continue;
        }
        // the run is in the language: its phase titles and closing line are there
        assert!(
            text.contains(&tr_in(lang, "report.done", &[])),
            "{code}: {text}"
        );
        assert!(
            text.contains(&tr_in(lang, "session.phase.labels", &[])),
            "{code}: {text}"
        );
        let english = english_found(&text, lang);
        assert!(
            english.is_empty(),
            "the {code} run shows English where a translation exists:\n{}\n\n{text}",
            english.join("\n")
        );
    }
}

#[test]
fn fragments_are_the_literal_text_between_arguments() {
    assert_eq!(
        fragments("The network reports: OCPP error ({reason})"),
        ["The network reports: OCPP error ("]
    );
    assert_eq!(
        fragments("Firmware {have} meets the network's minimum {min}"),
        ["meets the network's minimum"]
    );
}

#[test]
fn the_locale_chooses_the_language_and_lang_wins() {
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let d = tempfile::tempdir().unwrap();
        let mut c = Command::cargo_bin("evfield").unwrap();
        c.arg("--data-dir").arg(d.path()).stdin(Stdio::null());
        for v in ["LC_ALL", "LC_MESSAGES", "LANG", "EVFIELD_LANG"] {
            c.env_remove(v);
        }
        for (k, v) in envs {
            c.env(k, v);
        }
        let o = c
            .args(args)
            .args(["checklist", "show", "safety"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    assert!(run(&[("LANG", "sv_SE.UTF-8")], &[]).contains("Säkerhetskontroll"));
    assert!(
        run(&[("LC_ALL", "da_DK.UTF-8"), ("LANG", "sv_SE.UTF-8")], &[])
            .contains("Sikkerhedskontrol")
    );
    assert!(run(&[("LANG", "nb_NO.UTF-8")], &["--lang", "en"]).contains("Safety gate"));
    assert!(run(&[("LANG", "de_DE.UTF-8")], &[]).contains("Safety gate"));
    assert!(run(&[], &["--lang", "no"]).contains("Sikkerhetskontroll"));
}
