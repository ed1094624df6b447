//! The machine interface's pieces for the command line (docs/json.md): command-line errors as
//! JSON. (The `schema` version of every document is added by [`crate::output::Output`].)

use crate::Error;

/// Whether `--json` (or `EVFIELD_JSON`) was asked for, read from the raw command line, for
/// errors of the command line itself (before clap could parse it).
pub fn json_requested() -> bool {
    let flag = std::env::args_os().skip(1).any(|a| a == "--json");
    let env = std::env::var("EVFIELD_JSON").is_ok_and(|v| {
        let v = v.trim().to_ascii_lowercase();
        !matches!(v.as_str(), "" | "0" | "false" | "no" | "off" | "n" | "f")
    });
    flag || env
}

/// A clap error as the tool's usage error (`E_USAGE`): its first line as the message, the rest
/// (tips and the usage line) as the help.
pub fn from_clap<F: clap::error::ErrorFormatter>(e: &clap::error::Error<F>) -> Error {
    let text = e.render().to_string();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim();
    let prefix = format!("{}: ", crate::t!("cli.clap.error"));
    let message = first
        .strip_prefix("error: ")
        .or_else(|| first.strip_prefix(&prefix))
        .unwrap_or(first)
        .to_string();
    let help: Vec<&str> = lines
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information"))
        .collect();
    let mut err = Error::usage("E_USAGE", message);
    if !help.is_empty() {
        err = err.with_help(help.join("; "));
    }
    err
}
