//! `evfield completions SHELL`: shell completions and the man page, generated from the clap
//! definitions. The files in completions/ are these outputs, checked fresh by a test.

use clap::{Args, CommandFactory, ValueEnum};

use super::{Cli, Ctx};
use crate::{Error, Result};

pub use super::complete::Target;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Which shell (or `man` for the man page).
    #[arg(value_enum)]
    pub target: Target,
}

/// The generated text for a target.
pub fn generate(target: Target) -> Result<Vec<u8>> {
    use clap_complete::Shell;
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    let shell = match target {
        Target::Bash => Shell::Bash,
        Target::Zsh => Shell::Zsh,
        Target::Fish => Shell::Fish,
        Target::Powershell => Shell::PowerShell,
        Target::Elvish => Shell::Elvish,
        Target::Man => {
            clap_mangen::Man::new(cmd).render(&mut buf).map_err(|e| {
                Error::internal("E_MAN", crate::t!("tool.completions.man", why = e))
            })?;
            return Ok(buf);
        }
    };
    clap_complete::generate(shell, &mut cmd, "evfield", &mut buf);
    if let Some(hook) = super::complete::live_hook(target) {
        let mut text = String::from_utf8_lossy(&buf).into_owned();
        if target == Target::Zsh {
            // zsh loads `_evfield` as a function file whose last lines call or register
            // `_evfield`: route both through the hook, defined before them.
            let tail = "if [ \"$funcstack[1]\" = \"_evfield\" ]; then";
            let at = text.rfind(tail).unwrap_or(text.len());
            let (head, rest) = text.split_at(at);
            let rest = rest
                .replace("    _evfield \"$@\"", "    _evfield_live \"$@\"")
                .replace("compdef _evfield evfield", "compdef _evfield_live evfield");
            text = format!("{head}{}\n{rest}", hook.trim_start());
        } else {
            text.push_str(hook);
        }
        buf = text.into_bytes();
    }
    Ok(buf)
}

pub fn run(ctx: &mut Ctx, args: CompletionsArgs) -> Result<()> {
    let text = generate(args.target)?;
    if ctx.out.json {
        // The script or page as a JSON string, with the file name it is installed under.
        let doc = serde_json::json!({
            "schema": 1,
            "target": args.target.to_possible_value().map(|v| v.get_name().to_string()),
            "file_name": args.target.file_name(),
            "text": String::from_utf8_lossy(&text),
        });
        ctx.out.result(&doc, |_| String::new());
    } else {
        ctx.out.raw(&text);
    }
    Ok(())
}
