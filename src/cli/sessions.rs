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
            use crate::t;
            if list.is_empty() {
                return if args.all {
                    t!("rec.sessions.none", dir = dir.display())
                } else {
                    t!("rec.sessions.none_open", dir = dir.display())
                };
            }
            let mut t = String::new();
            for s in &list {
                let state = match (&s.state, &s.step) {
                    (State::Done, _) => t!("rec.sessions.done"),
                    (State::Failed, Some(step)) => t!("rec.sessions.failed_at", step = step),
                    (State::InProgress, Some(step)) => {
                        t!("rec.sessions.in_progress_at", step = step)
                    }
                    (State::Failed, None) => t!("rec.sessions.failed"),
                    (State::InProgress, None) => t!("rec.sessions.in_progress"),
                };
                t.push_str(&format!(
                    "{}  {:<26} {}{}{}\n",
                    s.id,
                    state,
                    s.serial
                        .as_deref()
                        .map(|x| t!("rec.sessions.serial", serial = x))
                        .unwrap_or_default(),
                    if s.demo {
                        format!("  {}", t!("rec.sessions.demo"))
                    } else {
                        String::new()
                    },
                    if s.damaged {
                        format!("  {}", t!("rec.sessions.damaged"))
                    } else {
                        String::new()
                    },
                ));
                if let Some(e) = &s.error {
                    t.push_str(&format!(
                        "    {}\n",
                        t!("rec.sessions.last_error", error = e)
                    ));
                }
            }
            t
        },
    );
    Ok(())
}
