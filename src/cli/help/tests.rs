use super::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// Every (id, English text) the walk asks for, in the order of the tree, each id once; an id
/// asked with two different English texts is a conflict (returned second).
fn entries(cmd: Command) -> (Vec<(String, String)>, Vec<String>) {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut conflicts = Vec::new();
    let mut rec = |id: &str, en: &str| {
        match index.get(id) {
            Some(&i) if order[i].1 != en => {
                conflicts.push(format!("{id}: \"{}\" and \"{en}\"", order[i].1))
            }
            Some(_) => {}
            None => {
                index.insert(id.to_string(), order.len());
                order.push((id.to_string(), en.to_string()));
            }
        }
        en.to_string()
    };
    let mut built = cmd.clone();
    built.build();
    // the tree as clap builds it, and as it is prepared for a translation
    walk(built, ROOT, &mut rec);
    localize(cmd, &mut rec);
    (order, conflicts)
}

fn catalog_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales/help.toml")
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Rewrite locales/help.toml: the English of every entry from the clap tree, the translations
/// of entries whose English is unchanged, and the other entries (`cli.*`) as they are.
fn bless(entries: &[(String, String)]) {
    let path = catalog_path();
    let old: toml::Table = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default();
    let mut sorted: Vec<&(String, String)> = entries.iter().collect();
    // clap's words and the headings first, then the commands in the order of the tree
    sorted.sort_by_key(|(id, _)| {
        if id.starts_with("help.clap.") {
            0
        } else if id.starts_with("help.heading.") {
            1
        } else {
            2
        }
    });
    let mut out = String::from(
        "# The help of the command line (`evfield --help`, `evfield <command> --help`).\n\
         # The English of `help.*` is generated from the clap definitions' doc comments:\n\
         # EVFIELD_BLESS=1 cargo test --lib cli::help (translations of changed texts are dropped).\n\n",
    );
    let langs = |t: &toml::Table, out: &mut String, from: usize| {
        for l in &["en", "nb", "sv", "da"][from..] {
            if let Some(v) = t.get(*l).and_then(|v| v.as_str()) {
                out.push_str(&format!("{l} = {}\n", quote(v)));
            }
        }
    };
    for (id, en) in sorted {
        out.push_str(&format!("[{}]\nen = {}\n", quote(id), quote(en)));
        if let Some(t) = old.get(id).and_then(|v| v.as_table())
            && t.get("en").and_then(|v| v.as_str()) == Some(en.as_str())
        {
            langs(t, &mut out, 1);
        }
        out.push('\n');
    }
    for (id, v) in &old {
        if !id.starts_with("help.")
            && let Some(t) = v.as_table()
        {
            out.push_str(&format!("[{}]\n", quote(id)));
            langs(t, &mut out, 0);
            out.push('\n');
        }
    }
    crate::paths::write_atomic(&path, out.trim_end().as_bytes()).unwrap();
}

/// Every help text of the whole tree has a catalog entry whose English is that very text, and
/// the catalog has no `help.*` entry the tree no longer has.
#[test]
fn every_help_text_is_in_the_catalog_with_its_current_english() {
    let (entries, conflicts) = entries(Cli::command());
    assert!(conflicts.is_empty(), "{conflicts:#?}");
    assert!(entries.len() > 100, "{}", entries.len());
    if std::env::var_os("EVFIELD_BLESS").is_some() {
        bless(&entries);
        return;
    }
    let mut stale = Vec::new();
    for (id, en) in &entries {
        match catalog().texts(id).and_then(|t| t[0]) {
            Some(have) if have == en => {}
            Some(have) => stale.push(format!("{id}: catalog \"{have}\", clap \"{en}\"")),
            None => stale.push(format!("{id}: missing (\"{en}\")")),
        }
    }
    let mut orphans: Vec<&str> = catalog()
        .messages()
        .map(|m| m.id)
        .filter(|id| id.starts_with("help.") && !entries.iter().any(|(e, _)| e == id))
        .collect();
    orphans.sort();
    assert!(
        stale.is_empty() && orphans.is_empty(),
        "locales/help.toml is stale (run `EVFIELD_BLESS=1 cargo test --lib cli::help`, then \
         translate):\n{}\nno longer in the CLI: {orphans:?}",
        stale.join("\n")
    );
}

/// The short and long help of every command (but clap's `help` copies), by path.
fn renders(cmd: &mut Command, path: &str, out: &mut Vec<(String, String)>) {
    out.push((format!("{path} -h"), cmd.render_help().to_string()));
    out.push((format!("{path} --help"), cmd.render_long_help().to_string()));
    for s in cmd.get_subcommands_mut() {
        if s.get_name() != "help" {
            let p = format!("{path} {}", s.get_name());
            renders(s, &p, out);
        }
    }
}

fn all_renders(mut cmd: Command) -> Vec<(String, String)> {
    cmd.build();
    let mut out = Vec::new();
    renders(&mut cmd, "evfield", &mut out);
    out
}

/// The prepared tree with the English texts renders as clap's own: the ordering of the
/// arguments, the own `-h`/`-V`, the headings, the template and the notes after the help
/// (`[default: ..]`, the possible values) change no layout. (The one difference: the blank line
/// before the list of possible values carries the indentation as clap's other blank lines do.)
#[test]
fn the_prepared_tree_in_english_renders_as_clap_does() {
    let want = all_renders(Cli::command());
    let got = all_renders(localize(Cli::command(), &mut |_, en| en.to_string()));
    assert_eq!(want.len(), got.len());
    assert!(want.len() > 50);
    let trim = |s: &str| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    for ((path, w), (_, g)) in want.iter().zip(&got) {
        assert_eq!(trim(w), trim(g), "{path}");
    }
}

/// The help texts of `entries` (whose text in `lang` differs from English) that `renders`
/// shows in English. Whitespace is compared loosely: clap wraps and indents.
fn english_shown(
    renders: &[(String, String)],
    entries: &[(String, String)],
    lang: Lang,
) -> Vec<String> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut english = Vec::new();
    for (path, text) in renders {
        let text = squash(text);
        for (id, en) in entries {
            if catalog().get(id, lang).is_some_and(|tr| tr == en) {
                continue;
            }
            // short words ("Usage", "Floor") are looked for as headings only
            let found = if en.len() < 12 {
                text.contains(&format!(" {en}: ")) || text.starts_with(&format!("{en}: "))
            } else {
                text.contains(&squash(en))
            };
            if found {
                english.push(format!("{path}: {id}"));
            }
        }
    }
    english
}

/// In nb, sv and da no help text shows its English where the catalog has a different
/// translation, and clap's own headings are translated.
#[test]
fn translated_help_shows_no_english_where_a_translation_exists() {
    let (entries, _) = entries(Cli::command());
    // the check finds the English in the English help
    let found = english_shown(&all_renders(command(Lang::En)), &entries, Lang::Nb);
    assert!(found.len() > 500, "{}", found.len());
    for lang in [Lang::Nb, Lang::Sv, Lang::Da] {
        let renders = all_renders(command(lang));
        let english = english_shown(&renders, &entries, lang);
        assert!(
            english.is_empty(),
            "{} help shows English:\n{}",
            lang.code(),
            english.join("\n")
        );
        let root = &renders[1].1;
        let usage = catalog().get("help.clap.usage", lang).unwrap();
        assert!(root.contains(&format!("{usage}: evfield")), "{root}");
    }
}

#[test]
fn lang_flag_is_read_before_parsing() {
    let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
    assert_eq!(
        lang_flag(&args(&["--lang", "nb", "--help"])).as_deref(),
        Some("nb")
    );
    assert_eq!(
        lang_flag(&args(&["station", "--lang=sv", "-h"])).as_deref(),
        Some("sv")
    );
    assert_eq!(
        lang_flag(&args(&["--lang", "nb", "--lang=da"])).as_deref(),
        Some("da")
    );
    assert_eq!(lang_flag(&args(&["sessions", "--", "--lang", "nb"])), None);
    assert_eq!(lang_flag(&args(&["--lang"])), None);
    assert_eq!(lang_flag(&args(&["--json", "sessions"])), None);
}
