//! `--help` and clap's messages in the installer's language.
//!
//! The English help is what clap renders from the doc comments of the clap definitions, and it
//! stays exactly that. For another language the command tree is built from [`Cli::command()`]
//! and every text of it is replaced from locales/help.toml: each command's `about`, each
//! argument's `help` and `long_help`, the help of possible values, the help headings, clap's
//! notes (`[env: ..]`, `[default: ..]`, `[possible values: ..]`) and clap's own words (`Usage:`,
//! `Commands:`, `Arguments:`, `Options:`, the `-h`, `-V` and `help` texts). clap's error messages
//! come from the same catalog ([`errors`]). `cli::main` parses with the plain tree and builds this
//! one only when clap has something to print (help, version, an error): both accept the same
//! command lines.
//!
//! Message ids follow the command path: `help.evfield.about` (the root), `help.station.about`,
//! `help.station.ocpp.set.arg.url`, `help.<path>.arg.<id>.long`, `help.<path>.arg.<id>.value.
//! <name>`, `help.heading.<heading>`, `help.clap.*` for clap's words. The English of each entry
//! is the doc comment itself: a test fails when one changes without its catalog entry, and
//! `EVFIELD_BLESS=1 cargo test --lib cli::help` rewrites the English of locales/help.toml
//! (dropping the translations of an entry whose English changed, so the missing-translation test
//! lists them).

use std::ffi::OsString;

use clap::builder::Styles;
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::i18n::{Lang, catalog};

mod errors;
pub use errors::Localized;

/// The path segment of the root command in message ids.
const ROOT: &str = "evfield";

/// clap's own texts (what clap 4 writes) and their message ids.
const CLAP_HELP: &str = "Print help";
const CLAP_HELP_MORE: &str = "Print help (see more with '--help')";
const CLAP_HELP_SUMMARY: &str = "Print help (see a summary with '-h')";
const CLAP_VERSION: &str = "Print version";

/// The value of the last `--lang X` / `--lang=X` of a raw command line (without the program
/// name), read before clap parses it; nothing after `--` counts.
pub fn lang_flag(args: &[OsString]) -> Option<String> {
    let mut found = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let Some(a) = a.to_str() else { continue };
        if a == "--" {
            break;
        }
        if a == "--lang" {
            found = it.next().and_then(|v| v.to_str()).map(str::to_string);
        } else if let Some(v) = a.strip_prefix("--lang=") {
            found = Some(v.to_string());
        }
    }
    found
}

/// The language of the help and of clap's messages, before clap parses: `--lang`, else
/// `EVFIELD_LANG`, else the locale, by the same rule as the rest of the run
/// ([`super::choose_lang`]). A `--lang` the tool does not speak leaves the choice to the
/// locale here (the run itself then stops with `E_LANG`, in that language).
pub fn lang_before_parse(args: &[OsString]) -> Lang {
    let flag = lang_flag(args).or_else(|| std::env::var("EVFIELD_LANG").ok());
    super::choose_lang(flag.as_deref())
        .unwrap_or_else(|_| crate::i18n::from_env(|k| std::env::var(k).ok()))
}

/// The command line in `lang`: for English exactly [`Cli::command()`]; otherwise built, with
/// every text from the catalog (English where a translation is missing).
pub fn command(lang: Lang) -> Command {
    if lang == Lang::En {
        return Cli::command();
    }
    localize(Cli::command(), &mut |id, en| {
        catalog().get(id, lang).unwrap_or(en).to_string()
    })
}

/// `cmd` (the root) prepared, built, and with each text replaced by `tr(id, english)`.
fn localize(cmd: Command, tr: &mut dyn FnMut(&str, &str) -> String) -> Command {
    let mut cmd = prepare(cmd, false, false);
    cmd.build();
    walk(cmd, ROOT, tr)
}

/// Whether clap gives `cmd` a long help (and so `-h` says "see more with '--help'"): the rule
/// of clap 4's `Command::long_help_exists`.
fn long_help_exists(cmd: &Command) -> bool {
    let should_long = |a: &Arg| {
        !a.is_hide_set()
            && (a.get_long_help().is_some()
                || a.is_hide_long_help_set()
                || a.is_hide_short_help_set()
                || (!a.is_hide_possible_values_set()
                    && a.get_possible_values()
                        .iter()
                        .any(|p| p.get_help().is_some() && !p.is_hide_set())))
    };
    cmd.get_long_about().is_some()
        || cmd.get_before_long_help().is_some()
        || cmd.get_after_long_help().is_some()
        || cmd.get_arguments().any(should_long)
}

/// Before the build: every command gets its own `-h` (and `-V`) as clap would add them
/// (`disable_help_flag` is global in clap, so all of them or none), and the arguments are
/// ordered so that translated section headings (which clap lists in the order the arguments
/// come) keep clap's order of sections: arguments, options, then the custom headings. (Left to
/// clap, the root's `-h` and `-V` would come after the global flags, and their heading first.)
fn prepare(mut cmd: Command, version: bool, propagating: bool) -> Command {
    let mut help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .display_order(999);
    help = if long_help_exists(&cmd) {
        help.help(CLAP_HELP_MORE).long_help(CLAP_HELP_SUMMARY)
    } else {
        help.help(CLAP_HELP)
    };
    cmd = cmd.disable_help_flag(true).arg(help);
    let version = version || cmd.get_version().is_some();
    if version {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(CLAP_VERSION)
                .display_order(999),
        );
    }
    let section = |a: &Arg| match (a.get_help_heading(), a.is_positional()) {
        (None, true) => 0,
        (None, false) => 1,
        (Some(_), _) => 2,
    };
    let mut ids: Vec<(u8, usize, String)> = cmd
        .get_arguments()
        .enumerate()
        .map(|(i, a)| (section(a), i, a.get_id().to_string()))
        .collect();
    ids.sort();
    let mut position = 0;
    for (_, _, id) in ids {
        cmd = cmd.mut_arg(&id, |a| {
            if a.is_positional() {
                // under a heading clap sorts by display order: keep the positions' order
                position += 1;
                a.display_order(position)
            } else {
                a
            }
        });
    }
    // `propagate_version` is a global setting: it holds below where it is set
    let propagating = propagating || cmd.is_propagate_version_set();
    cmd.mut_subcommands(|s| prepare(s, version && propagating, propagating))
}

/// The id part of a heading: `Global` → `global`, `Station connection` → `station_connection`.
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Replace every text of a built command (and its subcommands) by `tr(id, english)`.
fn walk(mut cmd: Command, path: &str, tr: &mut dyn FnMut(&str, &str) -> String) -> Command {
    // clap's `help` subcommand (no subcommand of ours has that name), and under it copies of
    // the commands' names and abouts: those take the ids of the commands they copy
    let is_help_cmd = path != ROOT && path.rsplit('.').next() == Some("help");
    let segments: Vec<&str> = path.split('.').filter(|s| *s != "help").collect();
    let joined = segments.join(".");
    let path = if joined.is_empty() {
        ROOT
    } else {
        joined.as_str()
    };
    if let Some(about) = cmd.get_about().map(|s| s.to_string()) {
        let id = if is_help_cmd {
            "help.clap.help_command".to_string()
        } else {
            format!("help.{path}.about")
        };
        cmd = cmd.about(tr(&id, &about));
    }
    if let Some(long) = cmd.get_long_about().map(|s| s.to_string()) {
        cmd = cmd.long_about(tr(&format!("help.{path}.long_about"), &long));
    }
    if let Some(after) = cmd.get_after_help().map(|s| s.to_string()) {
        cmd = cmd.after_help(tr(&format!("help.{path}.after_help"), &after));
    }
    if let Some(after) = cmd.get_after_long_help().map(|s| s.to_string()) {
        cmd = cmd.after_long_help(tr(&format!("help.{path}.after_long_help"), &after));
    }
    if cmd.has_subcommands() {
        let heading = match cmd.get_subcommand_help_heading() {
            Some(h) => tr(&format!("help.heading.{}", slug(h)), h),
            None => tr("help.clap.commands", "Commands"),
        };
        cmd = cmd.subcommand_help_heading(heading);
    }
    let visible = cmd.get_arguments().any(|a| !a.is_hide_set())
        || cmd.get_subcommands().any(|s| !s.is_hide_set());
    let style = *cmd.get_styles().get_usage();
    let usage = format!(
        "{}{}:{}",
        style.render(),
        tr("help.clap.usage", "Usage"),
        style.render_reset()
    );
    // clap's two default templates, with the heading of the usage in the language
    cmd = cmd.help_template(if visible {
        format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        )
    } else {
        format!("{{before-help}}{{about-with-newline}}\n{usage} {{usage}}{{after-help}}")
    });
    let styles = cmd.get_styles().clone();
    cmd = cmd.mut_args(|a| arg(a, path, &styles, tr));
    cmd.mut_subcommands(|s| {
        let sub = if path == ROOT {
            s.get_name().to_string()
        } else {
            format!("{path}.{}", s.get_name())
        };
        walk(s, &sub, tr)
    })
}

/// Replace the texts of one argument of the command at `path`.
fn arg(mut a: Arg, path: &str, styles: &Styles, tr: &mut dyn FnMut(&str, &str) -> String) -> Arg {
    let builtin = matches!(
        a.get_action(),
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
    );
    // flags marked global are defined on the root; clap copies them into every subcommand
    let base = if a.is_global_set() {
        format!("help.{ROOT}.arg.{}", a.get_id())
    } else {
        format!("help.{path}.arg.{}", a.get_id())
    };
    let clap_id = |text: &str| match text {
        CLAP_HELP => "help.clap.help",
        CLAP_HELP_MORE => "help.clap.help_more",
        CLAP_HELP_SUMMARY => "help.clap.help_summary",
        CLAP_VERSION => "help.clap.version",
        _ => "help.clap.unknown",
    };
    if let Some(help) = a.get_help().map(|s| s.to_string()) {
        let id = if builtin {
            clap_id(&help).to_string()
        } else {
            base.clone()
        };
        a = a.help(tr(&id, &help));
    }
    if let Some(long) = a.get_long_help().map(|s| s.to_string()) {
        let id = if builtin {
            clap_id(&long).to_string()
        } else {
            format!("{base}.long")
        };
        a = a.long_help(tr(&id, &long));
    }
    let heading = match a.get_help_heading() {
        Some(h) => tr(&format!("help.heading.{}", slug(h)), h),
        None if a.is_positional() => tr("help.clap.arguments", "Arguments"),
        None => tr("help.clap.options", "Options"),
    };
    a = a.help_heading(heading);
    if builtin {
        a
    } else {
        notes(a, &base, styles, tr)
    }
}

/// clap's notes after an argument's help (`[env: ..]`, `[default: ..]`, `[possible values:
/// ..]`, and the list of possible values with their help in the long help) in the language:
/// clap's own are switched off and the same notes, styled as clap styles them, are added to
/// the help texts (`help` for `-h`, `long_help` for `--help`).
fn notes(a: Arg, base: &str, styles: &Styles, tr: &mut dyn FnMut(&str, &str) -> String) -> Arg {
    let (ctx, val, lit) = (
        *styles.get_context(),
        *styles.get_context_value(),
        *styles.get_literal(),
    );
    let bracket =
        |word: String, inner: String| format!("{ctx}[{word}: {ctx:#}{inner}{ctx}]{ctx:#}");
    let escape = |s: &str| {
        if s.is_empty() || s.contains(char::is_whitespace) {
            format!("{s:?}")
        } else {
            s.to_string()
        }
    };
    let mut short = Vec::new();
    let mut long = Vec::new();
    if let Some(name) = a.get_env()
        && !a.is_hide_env_set()
    {
        let value = if a.is_hide_env_values_set() {
            String::new()
        } else {
            let v = std::env::var_os(name).unwrap_or_default();
            format!("={}", v.to_string_lossy())
        };
        let inner = format!("{val}{}{value}{val:#}", name.to_string_lossy());
        let note = bracket(tr("help.clap.env", "env"), inner);
        short.push(note.clone());
        long.push(note);
    }
    let defaults = a.get_default_values();
    if a.get_action().takes_values() && !a.is_hide_default_value_set() && !defaults.is_empty() {
        let inner: Vec<String> = defaults
            .iter()
            .map(|d| format!("{val}{}{val:#}", escape(&d.to_string_lossy())))
            .collect();
        let note = bracket(tr("help.clap.default", "default"), inner.join(" "));
        short.push(note.clone());
        long.push(note);
    }
    let values: Vec<_> = a
        .get_possible_values()
        .into_iter()
        .filter(|p| !p.is_hide_set())
        .collect();
    let mut list = String::new();
    if !a.is_hide_possible_values_set() && !values.is_empty() {
        let names: Vec<String> = values
            .iter()
            .map(|p| format!("{val}{}{val:#}", escape(p.get_name())))
            .collect();
        let word = tr("help.clap.possible_values", "possible values");
        let note = bracket(word, names.join(&format!("{ctx}, {ctx:#}")));
        short.push(note.clone());
        if values.iter().any(|p| p.get_help().is_some()) {
            let longest = values.iter().map(|p| p.get_name().chars().count()).max();
            list = format!(
                "{}:",
                tr("help.clap.possible_values_heading", "Possible values")
            );
            for p in &values {
                list.push_str(&format!("\n- {lit}{}{lit:#}", p.get_name()));
                if let Some(h) = p.get_help().map(|h| h.to_string()) {
                    let pad = longest.unwrap_or(0) - p.get_name().chars().count();
                    let id = format!("{base}.value.{}", p.get_name());
                    list.push_str(&format!(": {:pad$}{}", "", tr(&id, &h)));
                }
            }
        } else {
            long.push(note);
        }
    }
    if short.is_empty() && list.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string());
    let long_help = a.get_long_help().map(|h| h.to_string()).or(help.clone());
    let join = |parts: Vec<String>, sep: &str| {
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let short = join(vec![help.unwrap_or_default(), short.join(" ")], " ");
    let long = join(
        vec![long_help.unwrap_or_default(), list, long.join("\n")],
        "\n\n",
    );
    a.help(short)
        .long_help(long)
        .hide_env(true)
        .hide_default_value(true)
        .hide_possible_values(true)
}

#[cfg(test)]
mod tests;
