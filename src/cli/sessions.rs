//! `evfield sessions`: list the sessions and where each one stands.

use clap::{Args, Subcommand};

use super::Ctx;
use crate::Result;
use crate::session::State;
use crate::session::sessions::{self, Summary};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SessionsArgs {
    /// Also list finished and abandoned sessions.
    #[arg(long)]
    pub all: bool,
    /// Only the stations of this site (every state), with the site's record.
    #[arg(long, value_name = "NAME")]
    pub site: Option<String>,
    #[command(subcommand)]
    pub command: Option<SessionsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// Give up an unfinished session: the reason is journaled, its files are kept for support,
    /// and it is never resumed.
    Abandon(AbandonArgs),
}

#[derive(Debug, Args)]
pub struct AbandonArgs {
    /// The session's id (`evfield sessions` lists them).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Why it is abandoned (asked at a terminal when not given).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: SessionsArgs) -> Result<()> {
    if let Some(SessionsCommand::Abandon(a)) = args.command {
        return abandon(ctx, a);
    }
    let dir = ctx.data_dir()?;
    let site = args
        .site
        .as_deref()
        .map(|n| crate::journal::sites::load(&dir, n).map(|s| s.shown()))
        .transpose()?;
    let mut list: Vec<Summary> = sessions::list(&dir)?
        .into_iter()
        .filter(|s| match &site {
            Some(site) => s
                .site
                .as_deref()
                .is_some_and(|n| crate::journal::sites::same(n, &site.name)),
            None => args.all || !matches!(s.state, State::Done | State::Abandoned),
        })
        .collect();
    // grouped by site (sessions without one first); the sort is stable, so within a site they
    // stay in the order they started (`sessions::list`'s)
    list.sort_by_key(|s| s.site.as_deref().map(str::to_lowercase));
    let mut value = serde_json::json!({ "schema": 1, "sessions": list });
    if let Some(site) = &site {
        value["site"] = serde_json::json!(site);
        value["site"]["area"] = serde_json::json!(site.area());
    }
    ctx.out.result(&value, |_| {
        use crate::t;
        let mut t = String::new();
        if let Some(site) = &site {
            t.push_str(&site_heading(site, &list));
        }
        let mut heading: Option<&str> = None;
        if list.is_empty() && site.is_some() {
            return t;
        }
        if list.is_empty() {
            return if args.all {
                t!("rec.sessions.none", dir = dir.display())
            } else {
                t!("rec.sessions.none_open", dir = dir.display())
            };
        }
        for s in &list {
            if site.is_none()
                && let Some(name) = s.site.as_deref()
                && heading != Some(name)
            {
                t.push_str(&format!("{}\n", t!("site.list_heading", site = name)));
                heading = Some(name);
            }
            let state = match (&s.state, &s.step) {
                (State::Done, _) => t!("rec.sessions.done"),
                (State::Abandoned, _) => t!("sessions.state.abandoned"),
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
            if let Some(a) = &s.abandoned {
                t.push_str(&format!(
                    "    {}\n",
                    t!("sessions.list.abandoned", at = a.at, reason = a.reason)
                ));
            } else if let Some(e) = &s.error {
                t.push_str(&format!(
                    "    {}\n",
                    t!("rec.sessions.last_error", error = e)
                ));
            }
        }
        t
    });
    Ok(())
}

/// Ask the reason at a terminal (never empty); without one, it must be given.
pub(crate) fn ask_reason(ctx: &Ctx, id: &str) -> Result<String> {
    if !ctx.interactive() {
        return Err(sessions::no_reason_error(id));
    }
    dialoguer::Input::<String>::with_theme(&dialoguer::theme::ColorfulTheme::default())
        .with_prompt(crate::t!("sessions.abandon.reason_prompt"))
        .interact_text()
        .map_err(crate::session::prompt::dialog_err)
}

fn abandon(ctx: &mut Ctx, a: AbandonArgs) -> Result<()> {
    let dir = ctx.data_dir()?;
    let reason = match a.reason {
        Some(r) => r,
        None => ask_reason(ctx, &a.id)?,
    };
    let s = sessions::abandon(&dir, &a.id, &reason)?;
    // a submission queued offline is still sent by `evfield sync`: say so
    let waiting = sessions::outbox_waiting(&dir, &s.id)?;
    ctx.out.result(
        &serde_json::json!({ "schema": 1, "session": s, "outbox_waiting": waiting }),
        |_| {
            let mut t = crate::t!(
                "sessions.abandon.done_text",
                id = s.id,
                journal = s.journal.display()
            );
            if !waiting.is_empty() {
                t.push_str(&format!(
                    "\n{}",
                    crate::t!("sessions.abandon.outbox", keys = waiting.join(", "))
                ));
            }
            t.push('\n');
            t
        },
    );
    Ok(())
}

/// A site's record and its stations' states, above its list.
fn site_heading(site: &crate::journal::sites::Site, list: &[Summary]) -> String {
    use crate::t;
    let count = |st: State| list.iter().filter(|s| s.state == st).count();
    let mut t = format!(
        "{}\n",
        crate::tn!(
            "site.summary",
            count = list.len(),
            site = site.name,
            done = count(State::Done),
            open = count(State::InProgress) + count(State::Failed)
        )
    );
    for (k, v) in &site.values {
        t.push_str(&format!("  {k} = {v}\n"));
    }
    if site.values.is_empty() {
        t.push_str(&format!("  {}\n", t!("site.no_values")));
    }
    if let Some(a) = site.area() {
        t.push_str(&format!(
            "  {}\n",
            crate::tn!(
                "site.area",
                count = a.stations,
                centre = format!("{:.6},{:.6}", a.lat, a.lon),
                radius = format!("{:.0}", a.radius_m)
            )
        ));
    }
    t
}
