//! `evfield ocpp probe`: a temporary OCPP 1.6J central system on the laptop, for a station whose
//! only configuration path is OCPP (src/station/probe.rs).

use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use super::Ctx;
use crate::station::probe::{self, Options, Report};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct OcppArgs {
    #[command(subcommand)]
    pub command: OcppCommand,
}

#[derive(Debug, Subcommand)]
pub enum OcppCommand {
    /// Run a temporary OCPP 1.6J central system on this laptop: wait for the station, read its
    /// BootNotification and configuration, change keys and reset it if asked, and print its
    /// identity and configuration.
    Probe(ProbeArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ResetKind {
    Soft,
    Hard,
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Where to listen, IP:PORT: the laptop's address on the station's network, or 0.0.0.0 for
    /// all interfaces (PORT 0 lets the system choose). Point the station at ws://IP:PORT/.
    #[arg(long, value_name = "IP:PORT")]
    pub bind: String,
    /// How long to wait for the station to connect, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub wait: u64,
    /// How long to wait for its BootNotification once connected, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub boot_wait: u64,
    /// How long the station has to answer each call, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub call_timeout: u64,
    /// Ask GetConfiguration for this key only (repeatable; default: every key).
    #[arg(long = "key", value_name = "KEY")]
    pub keys: Vec<String>,
    /// ChangeConfiguration KEY=VALUE, then read it back (repeatable, in order).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Reset the station afterwards and wait for it to boot again.
    #[arg(long, value_enum)]
    pub reset: Option<ResetKind>,
}

pub fn run(ctx: &mut Ctx, args: OcppArgs) -> Result<()> {
    match args.command {
        OcppCommand::Probe(a) => run_probe(ctx, a),
    }
}

fn run_probe(ctx: &mut Ctx, a: ProbeArgs) -> Result<()> {
    let mut set = Vec::new();
    for s in &a.set {
        let (k, v) = s
            .split_once('=')
            .filter(|(k, _)| !k.trim().is_empty())
            .ok_or_else(|| {
                Error::usage("E_PROBE_SET", format!("--set `{s}` is not KEY=VALUE"))
                    .with_help("e.g. --set HeartbeatInterval=300")
            })?;
        set.push((k.trim().to_string(), v.to_string()));
    }
    let l = probe::bind(&a.bind)?;
    let local = l
        .local_addr()
        .map_err(|e| Error::internal("E_PROBE_BIND", format!("the probe has no address: {e}")))?;
    let url = if local.ip().is_unspecified() {
        format!(
            "ws://<this laptop's address on the station's network>:{}/",
            local.port()
        )
    } else {
        format!("ws://{local}/")
    };
    ctx.out.progress(
        format!(
            "OCPP 1.6J probe listening on {local}. Set the station's OCPP URL to {url} (it \
             connects as {url}<charge box id>); waiting up to {} s. Ctrl-C stops.",
            a.wait
        ),
        &json!({ "event": "listening", "address": local.to_string(), "url": url }),
    );
    let opts = Options {
        wait: Duration::from_secs(a.wait),
        boot_wait: Duration::from_secs(a.boot_wait),
        call_timeout: Duration::from_secs(a.call_timeout.max(1)),
        keys: a.keys.clone(),
        set,
        reset: a.reset.map(|r| match r {
            ResetKind::Soft => "Soft".to_string(),
            ResetKind::Hard => "Hard".to_string(),
        }),
    };
    let out = &mut ctx.out;
    let report = probe::run(&l, &opts, &mut |m| out.note(m))?;
    let identity = report.boot.as_ref().map(|b| {
        json!({
            "manufacturer": b.vendor,
            "model": b.model,
            "serial": b.serial,
            "firmware": b.firmware,
        })
    });
    let value = json!({
        "listening": local.to_string(),
        "charge_box_id": report.charge_box_id,
        "identity": identity,
        "probe": report,
    });
    ctx.out.result(&value, |_| human(&report));
    Ok(())
}

fn human(r: &Report) -> String {
    let mut t = format!(
        "Station `{}` connected from {} (path {}, {})\n",
        r.charge_box_id, r.peer, r.path, r.subprotocol
    );
    match &r.boot {
        Some(b) => {
            t.push_str(&format!("{} {}\n", b.vendor, b.model));
            let rows = [
                ("serial", &b.serial),
                ("firmware", &b.firmware),
                ("ICCID", &b.iccid),
                ("IMSI", &b.imsi),
                ("meter", &b.meter_type),
                ("meter no.", &b.meter_serial),
            ];
            for (k, v) in rows {
                if let Some(v) = v {
                    t.push_str(&format!("  {k:<9} {v}\n"));
                }
            }
        }
        None => t.push_str(
            "  (no BootNotification: the station was already booted; --reset soft shows it)\n",
        ),
    }
    match &r.configuration_error {
        Some(e) => t.push_str(&format!("Configuration: not read ({e})\n")),
        None => {
            t.push_str(&format!(
                "Configuration ({} keys):\n",
                r.configuration.len()
            ));
            let w = r
                .configuration
                .iter()
                .map(|k| k.key.len())
                .max()
                .unwrap_or(0);
            for k in &r.configuration {
                t.push_str(&format!(
                    "  {:<w$}  {}{}\n",
                    k.key,
                    k.value.as_deref().unwrap_or("(no value)"),
                    if k.readonly { "  (read-only)" } else { "" }
                ));
            }
            if !r.unknown_keys.is_empty() {
                t.push_str(&format!("  unknown keys: {}\n", r.unknown_keys.join(", ")));
            }
        }
    }
    for c in &r.changes {
        t.push_str(&format!(
            "Changed {} = {}: {}{}\n",
            c.key,
            c.value,
            c.status,
            match &c.read_back {
                Some(v) if *v == c.value => "; read back".to_string(),
                Some(v) => format!("; reads back as {v}"),
                None => String::new(),
            }
        ));
    }
    if let Some(x) = &r.reset {
        t.push_str(&format!(
            "Reset ({}): {}{}\n",
            x.kind,
            x.status,
            if x.rebooted {
                "; the station restarted and booted again"
            } else {
                ""
            }
        ));
    }
    t.trim_end().to_string()
}
