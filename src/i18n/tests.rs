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
    assert!(c.messages().len() > 0);
}

/// Catalog texts made into a [`Catalog`] the way build.rs does it (leaked: a test's catalog
/// lives as long as the test process).
fn parse(files: &[(&str, &str)]) -> Catalog {
    fn leak<T: ?Sized>(b: Box<T>) -> &'static T {
        Box::leak(b)
    }
    let (messages, problems) = source::parse(files);
    let (text, packed) = source::pack(&messages);
    let problems: Vec<&'static str> = problems.into_iter().map(|p| leak(p.into())).collect();
    Catalog {
        text: leak(text.into()),
        packed: leak(packed.into()),
        problems: leak(problems.into()),
    }
}

/// The files of locales/ as they are now: (name, text), sorted by name.
fn catalog_sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_catalog_file_is_built_in() {
    let names: Vec<String> = catalog_sources().into_iter().map(|(n, _)| n).collect();
    assert!(names.len() > 10, "{names:?}");
    assert_eq!(catalog_files(), names.as_slice());
}

/// The table build.rs made is the catalogs as they read now, message for message.
#[test]
fn the_built_in_table_is_the_catalogs() {
    let files = catalog_sources();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let read = parse(&refs);
    assert_eq!(read.problems, catalog().problems);
    assert_eq!(read.messages().len(), catalog().messages().len());
    for (r, b) in read.messages().zip(catalog().messages()) {
        assert_eq!(r, b);
    }
    let ids: Vec<&str> = catalog().messages().map(|m| m.id).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "sorted by id, each once"
    );
    assert_eq!(
        catalog().get("guided.ports_ambiguous", Lang::Nb),
        read.get("guided.ports_ambiguous", Lang::Nb)
    );
    assert_eq!(catalog().get("no.such.id", Lang::En), None);
}

/// Every message in every language: the list of what is missing, if anything.
#[test]
fn no_translation_is_missing() {
    let c = catalog();
    let mut missing = Vec::new();
    for m in c.messages() {
        let (id, t) = (m.id, &m.text);
        // the English of a question stays next to its key (session::keys)
        let langs: &[Lang] = if id.starts_with("question.") {
            &[Lang::Nb, Lang::Sv, Lang::Da]
        } else {
            &Lang::ALL
        };
        for &l in langs {
            if t[l.index()].is_none_or(|s| s.trim().is_empty()) {
                missing.push(format!("{id} [{}]", l.code()));
            }
        }
    }
    for d in crate::vocab::keys::KEYS {
        for l in [Lang::Nb, Lang::Sv, Lang::Da] {
            let id = format!("question.{}", d.key);
            if c.texts(&id).is_none_or(|t| t[l.index()].is_none()) {
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
    for m in c.messages() {
        let Some(en) = m.text[0] else {
            continue;
        };
        let want = placeholders(en);
        for t in std::iter::once(&m.text).chain(&m.one) {
            for l in Lang::ALL {
                if let Some(s) = t[l.index()] {
                    assert_eq!(placeholders(s), want, "{} [{}]: {s}", m.id, l.code());
                }
            }
        }
    }
}

/// A count message says `{count}` in each of its forms.
#[test]
fn count_messages_show_their_count() {
    let c = catalog();
    for m in c.messages() {
        let Some(one) = &m.one else { continue };
        for l in Lang::ALL {
            for s in [one[l.index()], m.text[l.index()]].into_iter().flatten() {
                assert!(s.contains("{count}"), "{} [{}]: {s}", m.id, l.code());
            }
        }
    }
}

#[test]
fn count_forms_are_chosen_by_the_count() {
    let c = parse(&[(
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
    let bad = parse(&[
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
    catalog().texts(id).unwrap()[0].unwrap()
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
            if catalog().texts(id).and_then(|t| t[0]).is_none() {
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
    let c = parse(&[(
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
    let c = parse(&[
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
