//! `evfield replay`: a session's journal as a readable timeline.

use std::time::Duration;

use clap::Args;

use super::Ctx;
use crate::replay::Source;
use crate::replay::timeline::{self, Filter, Options, Since};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A session id (or its unique start), a journal file, a session or import folder, or a
    /// support bundle (.tar.gz from `evfield export`).
    #[arg(value_name = "SESSION|FILE")]
    pub target: String,
    /// Only these phases (account, precheck, before, sim, commission, labels, pinpoint, verify,
    /// session); repeatable or comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "PHASE")]
    pub phase: Vec<String>,
    /// Only these kinds of event (answer, fact, traffic, api_call, step_failed, ...; aliases
    /// api, asked, read, port); repeatable or comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<String>,
    /// Only events from this time on: RFC 3339, a UTC clock time (10:15, 10:15:30), or an offset
    /// from the session's start (+90s, +2m, +1h30m).
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only events whose text matches this regular expression (`(?i)` for any case).
    #[arg(long, value_name = "REGEX")]
    pub grep: Option<String>,
    /// Keep waiting for new events of a running session; ends at `session_done` or Ctrl-C.
    #[arg(short, long)]
    pub follow: bool,
    /// Re-show only the service-port traffic, with its original timing.
    #[arg(long)]
    pub play: bool,
    /// With --play: faster (2) or slower (0.5) than it happened.
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = super::bounds::speed, requires = "play")]
    pub speed: f64,
    /// With --play: the longest pause between two chunks, in seconds (before --speed).
    #[arg(long, value_name = "SECS", default_value_t = 5.0, value_parser = super::bounds::decimal_secs, requires = "play")]
    pub max_gap: f64,
}

pub fn run(ctx: &mut Ctx, args: ReplayArgs) -> Result<()> {
    let since = args
        .since
        .as_deref()
        .map(Since::parse)
        .transpose()
        .map_err(|e| Error::usage("E_REPLAY_SINCE", crate::t!("rec.replay.since", why = e)))?;
    let grep = args
        .grep
        .as_deref()
        .map(regex::Regex::new)
        .transpose()
        .map_err(|e| {
            Error::usage("E_REPLAY_GREP", crate::t!("rec.replay.grep", why = e))
                .with_help(crate::t!("rec.replay.grep.help"))
        })?;
    let max_gap = Duration::try_from_secs_f64(args.max_gap).map_err(|_| {
        Error::usage(
            "E_REPLAY_GAP",
            crate::t!("rec.replay.gap", value = args.max_gap),
        )
    })?;
    let opts = Options {
        filter: Filter {
            phases: args.phase,
            kinds: args.kind,
            since,
            grep,
        },
        follow: args.follow,
        play: args.play,
        speed: args.speed,
        max_gap,
        poll: Duration::from_millis(100),
    };
    let data_dir = ctx.data_dir().ok();
    let src = Source::resolve(&args.target, data_dir.as_deref())?;
    let outcome = timeline::replay(&src, opts, &mut ctx.out)?;
    match outcome.error() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
