//! clap's own error messages (unknown argument, missing value, invalid value, ...) in the
//! installer's language: a clap [`ErrorFormatter`] that writes the same parts as clap's
//! `RichFormatter` (message, suggestions, tips, usage, where to find more) from the error's
//! context and locales/help.toml (`cli.clap.*`). The offending argument or value is in the
//! message as clap has it; the kind, and so the exit code, stays clap's. English keeps clap's
//! own formatter (the main entry only applies this one for another language).

use std::fmt::Write as _;

use clap::builder::{StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};

use crate::i18n::{Lang, tr_in};

/// `t!` in a given language.
macro_rules! tl {
    ($lang:expr, $id:literal $(, $name:ident = $val:expr)* $(,)?) => {
        tr_in($lang, $id, &[$((stringify!($name), &$val as &dyn std::fmt::Display)),*])
    };
}

/// clap's errors in the process's language ([`crate::i18n::lang`]).
pub struct Localized;

impl ErrorFormatter for Localized {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        format(error, crate::i18n::lang())
    }
}

/// The whole error message in `lang`, styled as clap styles its errors.
pub fn format(error: &clap::error::Error<Localized>, lang: Lang) -> StyledStr {
    let styles = Styles::default();
    let mut out = String::new();
    let e = *styles.get_error();
    let _ = write!(out, "{e}{}:{e:#} ", tl!(lang, "cli.clap.error"));
    out.push_str(&message(error, &styles, lang));
    let tips = tips(error, &styles, lang);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            let v = *styles.get_valid();
            let _ = write!(out, "\n  {v}{}:{v:#} {tip}", tl!(lang, "cli.clap.tip"));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.ansi().to_string().replacen(
            "Usage:",
            &format!("{}:", tl!(lang, "help.clap.usage")),
            1,
        );
        out.push_str("\n\n");
        out.push_str(&usage);
    }
    // every command of the tool has --help (clap names the flag of the command that failed)
    let l = *styles.get_literal();
    let help = format!("{l}--help{l:#}");
    let _ = write!(out, "\n\n{}\n", tl!(lang, "cli.clap.more", help = help));
    StyledStr::from(out)
}

fn string(error: &clap::error::Error<Localized>, kind: ContextKind) -> Option<&str> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(error: &clap::error::Error<Localized>, kind: ContextKind) -> Option<&[String]> {
    match error.get(kind) {
        Some(ContextValue::Strings(s)) => Some(s),
        _ => None,
    }
}

fn number(error: &clap::error::Error<Localized>, kind: ContextKind) -> Option<isize> {
    match error.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// The first line (and the lists under it) of the error.
fn message(error: &clap::error::Error<Localized>, styles: &Styles, lang: Lang) -> String {
    let (bad, ok, lit) = (
        *styles.get_invalid(),
        *styles.get_valid(),
        *styles.get_literal(),
    );
    let bad_ = |s: &str| format!("{bad}{s}{bad:#}");
    let lit_ = |s: &str| format!("{lit}{s}{lit:#}");
    let list = |items: &[String], style: clap::builder::styling::Style| {
        items
            .iter()
            .map(|v| format!("\n  {style}{v}{style:#}"))
            .collect::<String>()
    };
    let values = |name: String, items: Option<&[String]>| match items {
        Some(items) if !items.is_empty() => {
            let items: Vec<String> = items
                .iter()
                .map(|v| {
                    let v = if v.is_empty() || v.contains(char::is_whitespace) {
                        format!("{v:?}")
                    } else {
                        v.clone()
                    };
                    format!("{ok}{v}{ok:#}")
                })
                .collect();
            format!("\n  [{name}: {}]", items.join(", "))
        }
        _ => String::new(),
    };
    let arg = string(error, ContextKind::InvalidArg);
    let value = string(error, ContextKind::InvalidValue);
    let sub = string(error, ContextKind::InvalidSubcommand);
    let known = match error.kind() {
        ErrorKind::ArgumentConflict => {
            let prior = error.get(ContextKind::PriorArg);
            match (arg, sub, prior) {
                (Some(a), _, Some(ContextValue::String(p))) if a == p => {
                    Some(tl!(lang, "cli.clap.conflict_repeated", arg = bad_(a)))
                }
                (Some(a), _, Some(ContextValue::String(p))) => Some(tl!(
                    lang,
                    "cli.clap.conflict",
                    arg = bad_(a),
                    other = bad_(p)
                )),
                (None, Some(s), Some(ContextValue::String(p))) => Some(tl!(
                    lang,
                    "cli.clap.conflict_subcommand",
                    name = bad_(s),
                    other = bad_(p)
                )),
                (Some(a), _, Some(ContextValue::Strings(ps))) => Some(format!(
                    "{}{}",
                    tl!(lang, "cli.clap.conflict_list", arg = bad_(a)),
                    list(ps, bad)
                )),
                (Some(a), _, None) => Some(tl!(lang, "cli.clap.conflict_others", arg = bad_(a))),
                _ => None,
            }
        }
        ErrorKind::NoEquals => arg.map(|a| tl!(lang, "cli.clap.no_equals", arg = bad_(a))),
        ErrorKind::InvalidValue => match (arg, value) {
            (Some(a), Some("")) => Some(tl!(lang, "cli.clap.value_required", arg = bad_(a))),
            (Some(a), Some(v)) => Some(tl!(
                lang,
                "cli.clap.invalid_value",
                value = bad_(v),
                arg = lit_(a)
            )),
            _ => None,
        }
        .map(|m| {
            let word = tl!(lang, "help.clap.possible_values");
            m + &values(word, strings(error, ContextKind::ValidValue))
        }),
        ErrorKind::ValueValidation => match (arg, value) {
            (Some(a), Some(v)) => Some(match std::error::Error::source(error) {
                Some(why) => tl!(
                    lang,
                    "cli.clap.invalid_value_because",
                    value = bad_(v),
                    arg = lit_(a),
                    why = why
                ),
                None => tl!(
                    lang,
                    "cli.clap.invalid_value",
                    value = bad_(v),
                    arg = lit_(a)
                ),
            }),
            _ => None,
        },
        ErrorKind::InvalidSubcommand => {
            sub.map(|s| tl!(lang, "cli.clap.unrecognized_subcommand", name = bad_(s)))
        }
        ErrorKind::MissingRequiredArgument => strings(error, ContextKind::InvalidArg).map(|args| {
            format!(
                "{}{}",
                tl!(lang, "cli.clap.missing_required"),
                list(args, ok)
            )
        }),
        ErrorKind::MissingSubcommand => sub.map(|s| {
            tl!(lang, "cli.clap.missing_subcommand", name = bad_(s))
                + &values(
                    tl!(lang, "cli.clap.subcommands"),
                    strings(error, ContextKind::ValidSubcommand),
                )
        }),
        ErrorKind::TooManyValues => match (arg, value) {
            (Some(a), Some(v)) => Some(tl!(
                lang,
                "cli.clap.too_many_values",
                value = bad_(v),
                arg = lit_(a)
            )),
            _ => None,
        },
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let want = number(error, ContextKind::MinValues)
                .or_else(|| number(error, ContextKind::ExpectedNumValues));
            match (arg, want, number(error, ContextKind::ActualNumValues)) {
                (Some(a), Some(want), Some(got)) => Some(tl!(
                    lang,
                    "cli.clap.number_of_values",
                    want = format!("{ok}{want}{ok:#}"),
                    arg = lit_(a),
                    got = bad_(&got.to_string())
                )),
                _ => None,
            }
        }
        ErrorKind::UnknownArgument => {
            arg.map(|a| tl!(lang, "cli.clap.unknown_argument", arg = bad_(a)))
        }
        _ => None,
    };
    known.unwrap_or_else(|| {
        // a kind without the context for a sentence: clap's own short description
        match (error.kind().as_str(), std::error::Error::source(error)) {
            (_, Some(why)) => why.to_string(),
            (Some(s), None) => s.to_string(),
            (None, None) => tl!(lang, "cli.clap.unknown_cause"),
        }
    })
}

/// The tips under the message: similar names clap found, and its own tips (the one for a
/// value that starts with `-` in the language, any other as clap wrote it).
fn tips(error: &clap::error::Error<Localized>, styles: &Styles, lang: Lang) -> Vec<String> {
    let ok = *styles.get_valid();
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("'{ok}{n}{ok:#}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    for (kind, one, many) in [
        (
            ContextKind::SuggestedSubcommand,
            "cli.clap.similar_subcommand",
            "cli.clap.similar_subcommands",
        ),
        (
            ContextKind::SuggestedArg,
            "cli.clap.similar_argument",
            "cli.clap.similar_arguments",
        ),
        (
            ContextKind::SuggestedValue,
            "cli.clap.similar_value",
            "cli.clap.similar_values",
        ),
    ] {
        let names: Vec<String> = match error.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(s)) => s.clone(),
            _ => continue,
        };
        let id = if names.len() == 1 { one } else { many };
        out.push(tr_in(lang, id, &[("names", &quoted(&names))]));
    }
    if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
        for tip in tips {
            let plain = tip.to_string();
            let escape = plain
                .strip_prefix("to pass '")
                .and_then(|r| r.split_once("' as a value, use '"))
                .and_then(|(arg, rest)| Some((arg, rest.strip_suffix('\'')?)));
            out.push(match escape {
                Some((arg, fix)) => tl!(
                    lang,
                    "cli.clap.tip_value",
                    arg = format!("{ok}{arg}{ok:#}"),
                    fix = format!("{ok}{fix}{ok:#}")
                ),
                None => tip.ansi().to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
