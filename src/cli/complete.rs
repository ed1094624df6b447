//! `evfield __complete-ports`: the port names the shell completions offer after `--port`,
//! live, one a line. The shell scripts in completions/ call it (see [`live_hook`]). It is
//! handled before the command line is parsed, so it stays out of the help and of the generated
//! completions (clap_complete lists hidden subcommands too).
//!
//! The list: the configured port first (`port` in the config file, `EVFIELD_CONFIG` or the
//! default one), the remembered port (`evfield ports`), then the serial ports of this machine,
//! without duplicates. A failure lists nothing: a completion must never print an error
//! into the installer's command line.

use clap::ValueEnum;

/// The first argument that asks for the list.
pub const COMMAND: &str = "__complete-ports";

/// The port names to offer, best first: the configured port, the remembered one, then the
/// serial ports of this machine (those a vendor profile recognises first).
pub fn port_names(configured: Option<&str>, remembered: Option<&str>) -> Vec<String> {
    let mut v: Vec<String> = configured
        .into_iter()
        .chain(remembered)
        .map(str::to_string)
        .collect();
    if let Ok(reg) = crate::station::profile::Registry::load()
        && let Ok(ports) = crate::station::discovery::serial_ports(&reg)
    {
        v.extend(ports.into_iter().map(|p| p.name));
    }
    let mut seen = std::collections::HashSet::new();
    v.retain(|p| !p.is_empty() && seen.insert(p.clone()));
    v
}

/// Print the list; always exit code 0.
pub fn run() -> i32 {
    let config = std::env::var_os("EVFIELD_CONFIG")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from);
    let config = crate::config::Config::load(config.as_deref()).unwrap_or_default();
    let remembered = crate::paths::data_dir(config.data_dir.as_deref())
        .ok()
        .and_then(|d| crate::station::discovery::remembered(&d).port);
    let mut out = crate::output::Output::stdio(false, true, 0);
    for p in port_names(config.port.as_deref(), remembered.as_deref()) {
        out.line(p);
    }
    0
}

/// Shell code appended to the generated completions so that `--port` completes live port
/// names (any subcommand's `--port` but `sandbox`'s, which is a TCP port). `None` where it is
/// not done (PowerShell, elvish).
pub fn live_hook(target: Target) -> Option<&'static str> {
    match target {
        Target::Bash => Some(BASH),
        Target::Fish => Some(FISH),
        Target::Zsh => Some(ZSH),
        _ => None,
    }
}

const BASH: &str = r#"
# evfield: live port names after --port (evfield __complete-ports), else the completions above.
_evfield_live() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    if [[ "$prev" == "=" && "${COMP_WORDS[COMP_CWORD-2]}" == "--port" ]]; then
        prev="--port"
    fi
    if [[ "$prev" == "--port" && " ${COMP_WORDS[*]} " != *" sandbox "* ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete-ports 2>/dev/null)" -- "$cur"))
        return 0
    fi
    _evfield "$@"
}
complete -F _evfield_live -o bashdefault -o default evfield
"#;

const FISH: &str = r#"
# evfield: live port names after --port (evfield __complete-ports).
complete -c evfield -n "not __fish_seen_subcommand_from sandbox" -l port -f -a "(evfield __complete-ports 2>/dev/null)"
"#;

const ZSH: &str = r#"
# evfield: live port names after --port (evfield __complete-ports), else the completions above.
_evfield_live() {
    if [[ ${words[CURRENT-1]} == --port && ${words[(I)sandbox]} -eq 0 ]]; then
        local -a ports
        ports=(${(f)"$(${words[1]} __complete-ports 2>/dev/null)"})
        compadd -a ports
        return
    fi
    _evfield "$@"
}
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
    /// The man page (roff).
    Man,
}

impl Target {
    /// The file name under completions/.
    pub fn file_name(self) -> &'static str {
        match self {
            Target::Bash => "evfield.bash",
            Target::Zsh => "_evfield",
            Target::Fish => "evfield.fish",
            Target::Powershell => "_evfield.ps1",
            Target::Elvish => "evfield.elv",
            Target::Man => "evfield.1",
        }
    }
}
