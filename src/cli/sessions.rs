//! `evfield sessions`: list the sessions and where each one stands.

use clap::Args;

use super::Ctx;
use crate::Result;
use crate::session::State;
use crate::session::sessions::{self, Summary};

#[derive(Debug, Args)]
pub struct SessionsArgs {
    /// Also list finished sessions.
    #[arg(long)]
    pub all: bool,
}

pub fn run(ctx: &mut Ctx, args: SessionsArgs) -> Result<()> {
    let dir = ctx.data_dir()?;
    let list: Vec<Summary> = sessions::list(&dir)?
        .into_iter()
        .filter(|s| args.all || s.state != State::Done)
        .collect();
    ctx.out.result(
        &serde_json::json!({ "schema": 1, "sessions": list }),
        |_| {
            if list.is_empty() {
                return format!(
                    "No sessions{} in {}.",
                    if args.all { "" } else { " in progress" },
                    dir.display()
                );
            }
            let mut t = String::new();
            for s in &list {
                let state = match (&s.state, &s.step) {
                    (State::Done, _) => "done".to_string(),
                    (State::Failed, Some(step)) => format!("failed at {step}"),
                    (State::InProgress, Some(step)) => format!("in progress at {step}"),
                    (st, None) => format!("{st:?}").to_lowercase(),
                };
                t.push_str(&format!(
                    "{}  {:<26} {}{}{}\n",
                    s.id,
                    state,
                    s.serial
                        .as_deref()
                        .map(|x| format!("serial {x}"))
                        .unwrap_or_default(),
                    if s.demo { "  (demo)" } else { "" },
                    if s.damaged { "  JOURNAL DAMAGED" } else { "" },
                ));
                if let Some(e) = &s.error {
                    t.push_str(&format!("    last error: {e}\n"));
                }
            }
            t
        },
    );
    Ok(())
}
