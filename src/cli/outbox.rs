//! `evfield outbox list` and `evfield sync`: submissions waiting for the network (docs/outbox.md).

use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Ctx;
use super::net::{self, NetArgs};
use crate::network::outbox::{Entry, EntryState, Outbox};
use crate::{Error, ErrorKind, Result};

#[derive(Debug, Args)]
pub struct OutboxArgs {
    #[command(subcommand)]
    pub command: OutboxCommand,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// List the submissions waiting to be sent, and those the network refused (with the reason).
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also list the submissions already accepted.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only these entries (idempotency keys, as `outbox list` shows them).
    #[arg(value_name = "KEY")]
    pub keys: Vec<String>,
    /// Keep trying while the network is unreachable or busy, for at most this many seconds.
    #[arg(long, value_name = "SECS", value_parser = super::bounds::secs, default_value_t = 0)]
    pub wait: u64,
    /// Send refused entries again too (after their cause was fixed, e.g. a certification).
    #[arg(long)]
    pub retry_failed: bool,
    #[command(flatten)]
    pub net: NetArgs,
}

/// One line of `outbox list` and `sync`.
#[derive(Debug, Serialize)]
pub struct Line {
    pub key: String,
    pub state: &'static str,
    pub created_at: String,
    pub network: String,
    pub serial: String,
    pub mac: String,
    pub station_id: Option<String>,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub session_id: Option<String>,
}

impl Line {
    fn of(e: &Entry) -> Line {
        Line {
            key: e.key.clone(),
            state: e.state.name(),
            created_at: e.created_at.clone(),
            network: e.network.clone(),
            serial: e.request.serial.clone(),
            mac: e.request.mac.clone(),
            station_id: e.station_id.clone(),
            attempts: e.attempts,
            last_error: e
                .last_error
                .as_ref()
                .map(|x| format!("{}: {}", x.code, x.message)),
            session_id: e.session_id.clone(),
        }
    }
}

fn human(lines: &[Line], empty: &str) -> String {
    if lines.is_empty() {
        return empty.to_string();
    }
    let mut t = String::new();
    for l in lines {
        let state = format!("{:<13}", l.state);
        let station = l
            .station_id
            .as_deref()
            .map(|s| format!("  {}", crate::t!("net.outbox.station", id = s)))
            .unwrap_or_default();
        let line = crate::tn!(
            "net.outbox.line",
            count = l.attempts,
            key = l.key,
            state = state,
            serial = l.serial,
            mac = l.mac,
            station = station
        );
        t.push_str(&line);
        t.push('\n');
        if let Some(e) = &l.last_error {
            let last = crate::t!("net.outbox.last_error", error = e);
            t.push_str(&format!("    {last}\n"));
        }
    }
    t
}

pub fn run(ctx: &mut Ctx, args: OutboxArgs) -> Result<()> {
    match args.command {
        OutboxCommand::List(a) => list(ctx, a),
    }
}

fn list(ctx: &mut Ctx, args: ListArgs) -> Result<()> {
    let ob = Outbox::new(&ctx.data_dir()?);
    let lines: Vec<Line> = ob
        .list()?
        .iter()
        .filter(|e| args.all || e.state != EntryState::Done)
        .map(Line::of)
        .collect();
    let dir = ob.dir().display().to_string();
    ctx.out.result(
        &serde_json::json!({ "schema": 1, "outbox": dir, "entries": lines }),
        |_| human(&lines, &crate::t!("net.outbox.empty_dir", dir = dir)),
    );
    Ok(())
}

pub fn sync(ctx: &mut Ctx, args: SyncArgs) -> Result<()> {
    let data_dir = ctx.data_dir()?;
    let ob = Outbox::new(&data_dir);
    let acct = crate::network::account::AccountFile::load(&data_dir)?;
    let mut entries: Vec<Entry> = ob
        .list()?
        .into_iter()
        .filter(|e| args.keys.is_empty() || args.keys.contains(&e.key))
        .collect();
    for k in &args.keys {
        if !entries.iter().any(|e| &e.key == k) {
            return Err(Error::usage(
                "E_OUTBOX_KEY",
                crate::t!("net.outbox.no_key", key = k, dir = ob.dir().display()),
            )
            .with_help(crate::t!("net.outbox.no_key_help")));
        }
    }
    if args.retry_failed {
        for e in entries.iter_mut() {
            ob.reopen(e)?;
        }
    }
    // only what there is to send (an entry asked for by key is shown whatever its state)
    entries.retain(|e| e.state.open() || !args.keys.is_empty());
    let started = Instant::now();
    let deadline = crate::waits::deadline(started, Duration::from_secs(args.wait));
    let mut pause = Duration::from_millis(500);
    let mut refused: Vec<String> = Vec::new();
    let mut last_transient: Option<Error>;
    loop {
        last_transient = None;
        let mut clients: Vec<(String, String, Result<net::Login>)> = Vec::new();
        for e in entries.iter_mut().filter(|e| e.state.open()) {
            let idx = match clients
                .iter()
                .position(|(n, u, _)| n == &e.network && u == &e.username)
            {
                Some(i) => i,
                None => {
                    let login =
                        net::connect_as(ctx, &args.net, &e.network, &e.username, acct.as_ref());
                    clients.push((e.network.clone(), e.username.clone(), login));
                    clients.len() - 1
                }
            };
            let login = match &clients[idx].2 {
                Ok(l) => l,
                Err(err) => return Err(err.clone()),
            };
            ctx.out.note(crate::t!(
                "net.sync.sending",
                key = e.key,
                serial = e.request.serial,
                network = e.network
            ));
            let key = e.key.clone();
            let out = &mut ctx.out;
            let mut waiting = |h: Option<crate::lock::Holder>| {
                out.note(format!(
                    "  {}",
                    crate::t!(
                        "lock.waiting",
                        holder = crate::lock::Holder::describe(h.as_ref()),
                        key = key
                    )
                ));
            };
            match ob.send_reporting(e, &login.client, &mut waiting) {
                Ok(()) => {
                    let id = e.station_id.as_deref().unwrap_or("-");
                    let line = if e.replayed == Some(true) {
                        crate::t!("net.sync.accepted_replayed", id = id)
                    } else {
                        crate::t!("net.sync.accepted", id = id)
                    };
                    ctx.out.note(format!("  {line}"));
                }
                Err(err) if e.state == EntryState::Failed => {
                    let line = crate::t!("net.sync.refused", why = err.message);
                    ctx.out.note(format!("  {line}"));
                    refused.push(format!("{}: {}", e.key, err.message));
                }
                Err(err) => {
                    let line = crate::t!("net.sync.not_sent", why = err.message);
                    ctx.out.note(format!("  {line}"));
                    last_transient = Some(err);
                }
            }
        }
        let open = entries.iter().filter(|e| e.state.open()).count();
        if open == 0 || last_transient.is_none() || Instant::now() + pause > deadline {
            break;
        }
        // between two rounds: what is awaited, the time left and, after a while, what to check
        let wait = crate::waits::Wait::new(
            crate::t!("waits.sync.what", count = open),
            Some(Duration::from_secs(args.wait)),
        )
        .since(started)
        .with_hints(vec![crate::t!("waits.sync.hint")]);
        let waiting = crate::waits::Shown::start(wait, ctx.out.quiet);
        std::thread::sleep(pause);
        drop(waiting);
        pause = (pause * 2).min(Duration::from_secs(10));
    }
    let lines: Vec<Line> = entries.iter().map(Line::of).collect();
    ctx.out.result(
        &serde_json::json!({ "schema": 1, "entries": lines }),
        |_| human(&lines, &crate::t!("net.sync.nothing")),
    );
    if !refused.is_empty() {
        return Err(Error::new(
            ErrorKind::Validation,
            "E_OUTBOX_REFUSED",
            crate::tn!(
                "net.sync.refused_all",
                count = refused.len(),
                reasons = refused.join("; ")
            ),
        )
        .with_help(crate::t!("net.sync.refused_all_help")));
    }
    if let Some(e) = last_transient.filter(|_| entries.iter().any(|e| e.state.open())) {
        let n = entries.iter().filter(|e| e.state.open()).count();
        return Err(Error::network(
            "E_OUTBOX_PENDING",
            crate::tn!("net.sync.pending", count = n, why = e.message),
        )
        .with_help(crate::t!("net.sync.pending_help")));
    }
    Ok(())
}
