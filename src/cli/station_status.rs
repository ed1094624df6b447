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

/// Seed 002: "OCPP connection status stays Connecting: check the network connection's status and
/// the OCPP parameter settings."
pub const STUCK_CONNECTING: &str = "the station stays `connecting`: check its network link (SIM registered and signal, or Ethernet/Wi-Fi; outbound ports 443 and 80 open) and its OCPP settings (central system URL and charge point identity exactly as the network has them), then restart it";
/// What to do when the network reports an error.
pub const ON_ERROR: &str = "the network refused or lost the station's OCPP connection: read the reason; a serial mismatch means the station reports another serial than the one pinpointed (call support); otherwise check the OCPP URL and identity in the station and restart it";

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The network's station id (default: the station pinpointed last from this laptop).
    #[arg(value_name = "STATION_ID", conflicts_with = "mac")]
    pub station_id: Option<String>,
    /// Find the station by its MAC (any notation).
    #[arg(long)]
    pub mac: Option<String>,
    /// Poll until the station is connected, for at most this many seconds (0: look once).
    #[arg(long, value_name = "SECS", default_value_t = 0)]
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
    troubleshooting: Option<&'static str>,
}

fn state_name(s: OcppState) -> &'static str {
    match s {
        OcppState::Connecting => "connecting",
        OcppState::Connected => "connected",
        OcppState::Error => "error",
    }
}

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
                        format!("the network has no station with MAC {mac}"),
                    )
                    .with_help("it is pinpointed first (`evfield pinpoint submit`, or `evfield outbox list` if it waits there)")
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
                Error::usage(
                    "E_NO_STATION",
                    "no station id given and none pinpointed from this laptop",
                )
                .with_help("pass the station id (STN-...) or --mac MAC")
            })?,
    };
    let deadline = Instant::now() + Duration::from_secs(args.wait);
    let mut last: Option<OcppState> = None;
    let st = loop {
        let st = client.station_status(&station_id)?;
        if last != Some(st.ocpp) {
            ctx.out.note(format!(
                "{} ({}): {}",
                st.station_id,
                st.charge_box_id,
                state_name(st.ocpp)
            ));
            last = Some(st.ocpp);
        }
        if st.ocpp == OcppState::Connected || Instant::now() >= deadline {
            break st;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let troubleshooting = match st.ocpp {
        OcppState::Connected => None,
        OcppState::Connecting => Some(STUCK_CONNECTING),
        OcppState::Error => Some(ON_ERROR),
    };
    let shown = Shown {
        schema: 1,
        status: st.clone(),
        troubleshooting,
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
            t.push_str(&format!("\n  last message {seen}"));
        }
        if let Some(b) = &st.boot {
            t.push_str(&format!(
                "\n  booted as {} {}, serial {}, firmware {}",
                b.vendor,
                b.model,
                b.serial.as_deref().unwrap_or("-"),
                b.firmware.as_deref().unwrap_or("-")
            ));
        }
        if let Some(x) = s.troubleshooting {
            t.push_str(&format!("\n  Troubleshooting: {x}"));
        }
        t
    });
    if args.wait > 0 && st.ocpp != OcppState::Connected {
        return Err(Error::network(
            "E_NOT_CONNECTED",
            format!(
                "after {} s the network still reports {} for {}",
                args.wait,
                state_name(st.ocpp),
                st.station_id
            ),
        )
        .with_help(troubleshooting.unwrap_or_default()));
    }
    Ok(())
}
