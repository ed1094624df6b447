//! `evfield station status`: the station's OCPP connection as the network sees it, with the
//! manufacturer's troubleshooting (seed 002, "Felsökning").

use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;

use super::Ctx;
use super::net::{self, NetArgs};
use crate::network::api::{OcppState, StationStatus};
use crate::network::outbox::{EntryState, Outbox};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The network's station id (default: the station pinpointed last from this laptop).
    #[arg(value_name = "STATION_ID", conflicts_with = "mac")]
    pub station_id: Option<String>,
    /// Find the station by its MAC (any notation).
    #[arg(long)]
    pub mac: Option<String>,
    /// Poll until the station is connected, for at most this many seconds (0: look once).
    #[arg(long, value_name = "SECS", value_parser = super::bounds::secs, default_value_t = 0)]
    pub wait: u64,
    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Serialize)]
struct Shown {
    schema: u32,
    #[serde(flatten)]
    status: StationStatus,
    /// What to do, for `connecting` and `error`.
    troubleshooting: Option<String>,
}

pub use crate::network::api::ocpp_state_name as state_name;

/// `evfield station status` (a subcommand of `station`, see `station.rs`).
pub fn status(ctx: &mut Ctx, args: StatusArgs) -> Result<()> {
    let login = net::connect(ctx, &args.net)?;
    let client = &login.client;
    let station_id = match (&args.station_id, &args.mac) {
        (Some(id), _) => id.clone(),
        (None, Some(mac)) => {
            let mac = crate::pinpoint::normalize_mac(mac)?;
            client
                .stations(Some(&mac))?
                .into_iter()
                .next()
                .map(|s| s.station_id)
                .ok_or_else(|| {
                    Error::validation(
                        "E_STATION_UNKNOWN",
                        crate::t!("net.status.no_station_mac", mac = mac),
                    )
                    .with_help(crate::t!("net.status.no_station_mac_help"))
                })?
        }
        (None, None) => Outbox::new(&ctx.data_dir()?)
            .list()?
            .into_iter()
            .rev()
            .find(|e| {
                e.state != EntryState::Pending
                    && e.station_id.is_some()
                    && e.network == login.network
            })
            .and_then(|e| e.station_id)
            .ok_or_else(|| {
                Error::usage("E_NO_STATION", crate::t!("net.status.no_station"))
                    .with_help(crate::t!("net.status.no_station_help"))
            })?,
    };
    let limit = Duration::from_secs(args.wait);
    let deadline = crate::waits::deadline(Instant::now(), limit);
    let mut last: Option<OcppState> = None;
    let mut waiting: Option<crate::waits::Shown> = None;
    // polled with a short back-off (25 ms doubling to 1 s): a station that connects at once is
    // seen at once
    let mut backoff = crate::waits::Backoff::new();
    let st = loop {
        let st = client.station_status(&station_id)?;
        // the state it ends in is the result; the states passed while waiting are notes
        if st.ocpp == OcppState::Connected || Instant::now() >= deadline {
            break st;
        }
        if last != Some(st.ocpp) {
            let line = format!(
                "{} ({}): {}",
                st.station_id,
                st.charge_box_id,
                state_name(st.ocpp)
            );
            match &waiting {
                Some(_) if !ctx.out.quiet && !ctx.out.json => crate::waits::line(&line),
                _ => ctx.out.note(line),
            }
            last = Some(st.ocpp);
        }
        let wait = crate::waits::Wait::new(
            crate::t!("waits.status.what", station = st.station_id),
            Some(limit),
        )
        .with_state(state_name(st.ocpp))
        .with_hints(
            crate::network::api::ocpp_troubleshooting(st.ocpp)
                .into_iter()
                .collect(),
        );
        match &waiting {
            Some(w) => w.update(wait),
            None => waiting = Some(crate::waits::Shown::start(wait, ctx.out.quiet)),
        }
        std::thread::sleep(backoff.pause(Instant::now(), deadline));
    };
    drop(waiting);
    let troubleshooting = crate::network::api::ocpp_troubleshooting(st.ocpp);
    let shown = Shown {
        schema: 1,
        status: st.clone(),
        troubleshooting: troubleshooting.clone(),
    };
    ctx.out.result(&shown, |s| {
        let st = &s.status;
        let mut t = format!(
            "{} ({}): {}",
            st.station_id,
            st.charge_box_id,
            state_name(st.ocpp)
        );
        if let Some(r) = &st.reason {
            t.push_str(&format!(" ({r})"));
        }
        if let Some(seen) = &st.last_seen {
            let line = crate::t!("net.status.last_message", seen = seen);
            t.push_str(&format!("\n  {line}"));
        }
        if let Some(b) = &st.boot {
            let line = crate::t!(
                "net.status.booted",
                vendor = b.vendor,
                model = b.model,
                serial = b.serial.as_deref().unwrap_or("-"),
                firmware = b.firmware.as_deref().unwrap_or("-")
            );
            t.push_str(&format!("\n  {line}"));
        }
        if let Some(x) = &s.troubleshooting {
            let line = crate::t!("net.status.troubleshooting", text = x);
            t.push_str(&format!("\n  {line}"));
        }
        t
    });
    if args.wait > 0 && st.ocpp != OcppState::Connected {
        return Err(Error::network(
            "E_NOT_CONNECTED",
            crate::t!(
                "net.status.still",
                seconds = args.wait,
                state = state_name(st.ocpp),
                station = st.station_id
            ),
        )
        .with_help(troubleshooting.unwrap_or_default()));
    }
    Ok(())
}
