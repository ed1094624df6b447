use super::*;
use std::collections::BTreeSet;
use std::path::Path;

fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if let Some(j) = rest.find('}') {
            let name = &rest[..j];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(name.to_string());
            }
            rest = &rest[j + 1..];
        }
    }
    out
}

#[test]
fn catalogs_parse_without_problems() {
    let c = catalog();
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    assert!(!c.messages.is_empty());
}

#[test]
fn every_catalog_file_is_built_in() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name.ends_with(".toml") {
            assert!(
                CATALOGS.iter().any(|(n, _)| *n == name),
                "locales/{name} is not listed in i18n::CATALOGS"
            );
        }
    }
}

/// Every message in every language: the list of what is missing, if anything.
#[test]
fn no_translation_is_missing() {
    let c = catalog();
    let mut missing = Vec::new();
    let mut ids: Vec<&String> = c.messages.keys().collect();
    ids.sort();
    for id in ids {
        let t = &c.messages[id];
        // the English of a question stays next to its key (session::keys)
        let langs: &[Lang] = if id.starts_with("question.") {
            &[Lang::Nb, Lang::Sv, Lang::Da]
        } else {
            &Lang::ALL
        };
        for &l in langs {
            if t[l.index()].as_deref().is_none_or(|s| s.trim().is_empty()) {
                missing.push(format!("{id} [{}]", l.code()));
            }
        }
    }
    for d in crate::vocab::keys::KEYS {
        for l in [Lang::Nb, Lang::Sv, Lang::Da] {
            let id = format!("question.{}", d.key);
            if c.messages.get(&id).is_none_or(|t| t[l.index()].is_none()) {
                missing.push(format!("{id} [{}]", l.code()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} missing translations:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn translations_take_the_same_arguments_as_english() {
    let c = catalog();
    for (id, t) in c.messages.iter().chain(&c.one) {
        let Some(en) = c.messages[id][0].as_deref() else {
            continue;
        };
        let want = placeholders(en);
        for l in Lang::ALL {
            if let Some(s) = t[l.index()].as_deref() {
                assert_eq!(placeholders(s), want, "{id} [{}]: {s}", l.code());
            }
        }
    }
}

/// A count message says `{count}` in each of its forms.
#[test]
fn count_messages_show_their_count() {
    let c = catalog();
    for (id, t) in &c.one {
        for l in Lang::ALL {
            for s in [&t[l.index()], &c.messages[id][l.index()]]
                .into_iter()
                .flatten()
            {
                assert!(s.contains("{count}"), "{id} [{}]: {s}", l.code());
            }
        }
    }
}

#[test]
fn count_forms_are_chosen_by_the_count() {
    let c = Catalog::parse(&[(
        "t.toml",
        "[\"p\"]\nen.one = \"{count} port\"\nen.other = \"{count} ports\"\n\
         nb = { one = \"{count} port\", other = \"{count} porter\" }\n",
    )]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.get_n("p", 1, Lang::En), Some("{count} port"));
    assert_eq!(c.get_n("p", 0, Lang::En), Some("{count} ports"));
    assert_eq!(c.get_n("p", 2, Lang::Nb), Some("{count} porter"));
    assert_eq!(c.get_n("p", 1, Lang::Sv), Some("{count} port"), "English");
    assert_eq!(c.get("p", Lang::Nb), Some("{count} porter"));
    let bad = Catalog::parse(&[
        ("a.toml", "[\"p\"]\nen.one = \"x\"\n"),
        (
            "b.toml",
            "[\"q\"]\nen.one = \"x\"\nen.other = \"y\"\nnb = \"z\"\n",
        ),
    ]);
    let all = bad.problems.join("\n");
    assert!(all.contains("`one` and `other`"), "{all}");
    assert!(all.contains("some languages only"), "{all}");
    // the built-in count messages
    assert_eq!(
        crate::i18n::tr_in(Lang::En, "guided.ports_ambiguous", &[]),
        crate::i18n::fill(c_other("guided.ports_ambiguous"), &[])
    );
    let one = catalog()
        .get_n("guided.ports_ambiguous", 1, Lang::En)
        .unwrap();
    assert!(one.starts_with("{count} serial port and"), "{one}");
}

fn c_other(id: &str) -> &'static str {
    catalog().messages[id][0].as_deref().unwrap()
}

#[test]
fn arguments_fill_in_one_pass() {
    let q = "the display is {value}";
    assert_eq!(
        fill(
            "{key}: {question} = {value}",
            &[("key", &"k"), ("question", &q), ("value", &"yes")]
        ),
        "k: the display is {value} = yes"
    );
    assert_eq!(fill("{a} {b} {", &[("a", &"{b}")]), "{b} {b} {");
    assert_eq!(fill("no {slot} here", &[]), "no {slot} here");
    assert_eq!(fill("åæø {x}ü", &[("x", &"1")]), "åæø 1ü");
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `t!("id"` in the source names a message that exists in English.
#[test]
fn every_id_used_in_code_is_in_a_catalog() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut unknown = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, _) in text.match_indices("t!(\"") {
            let mut before = text[..i].chars().rev();
            let b = before.next().unwrap_or(' ');
            let counted = b == 'n'
                && !before
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if (b.is_alphanumeric() || b == '_') && !counted {
                continue; // format!(", print!(" ...
            }
            let rest = &text[i + 4..];
            let id = &rest[..rest.find('"').unwrap()];
            if id == "id" {
                continue; // the documentation's example
            }
            if catalog()
                .messages
                .get(id)
                .and_then(|t| t[0].as_ref())
                .is_none()
            {
                unknown.push(format!("{}: {id}", f.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "ids not in locales/:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn locale_from_the_environment() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(from_env(env(&[("LANG", "nb_NO.UTF-8")])), Lang::Nb);
    assert_eq!(from_env(env(&[("LANG", "sv_SE.UTF-8")])), Lang::Sv);
    assert_eq!(
        from_env(env(&[("LC_MESSAGES", "da_DK"), ("LANG", "sv_SE")])),
        Lang::Da
    );
    assert_eq!(
        from_env(env(&[("LC_ALL", "C"), ("LC_MESSAGES", "da_DK")])),
        Lang::En,
        "LC_ALL wins even when it names no language the tool speaks"
    );
    assert_eq!(
        from_env(env(&[("LC_ALL", ""), ("LANG", "nn_NO")])),
        Lang::Nb
    );
    assert_eq!(from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    assert_eq!(from_env(env(&[])), Lang::En);
}

#[test]
fn missing_language_falls_back_to_english_and_arguments_fill() {
    let c = Catalog::parse(&[(
        "t.toml",
        "[\"a.b\"]\nen = \"Hello {name}\"\nnb = \"Hei {name}\"\n",
    )]);
    assert!(c.problems.is_empty());
    assert_eq!(c.get("a.b", Lang::Nb), Some("Hei {name}"));
    assert_eq!(c.get("a.b", Lang::Sv), Some("Hello {name}"));
    assert_eq!(fill("Hei {name}", &[("name", &"Kari")]), "Hei Kari");
    assert_eq!(c.get("nope", Lang::En), None);
}

#[test]
fn catalog_mistakes_are_reported() {
    let c = Catalog::parse(&[
        ("a.toml", "[\"x\"]\nen = \"X\"\nde = \"Y\"\n"),
        ("b.toml", "[\"x\"]\nen = \"X\"\n"),
        ("c.toml", "[\"y\"\nen = 1\n"),
    ]);
    let all = c.problems.join("\n");
    assert!(all.contains("unknown language `de`"), "{all}");
    assert!(all.contains("defined twice"), "{all}");
    assert!(all.contains("locales/c.toml"), "{all}");
}

#[test]
fn lang_codes_parse() {
    assert_eq!(Lang::parse("no"), Some(Lang::Nb));
    assert_eq!(Lang::parse("da_DK.UTF-8"), Some(Lang::Da));
    assert_eq!(Lang::parse("fr"), None);
}
