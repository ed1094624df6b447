//! `evfield ocpp probe`: a temporary OCPP central system (1.6J or 2.0.1) on the laptop, for a
//! station whose only configuration path is OCPP (src/station/probe.rs).

use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use super::Ctx;
use crate::ocpp::Version;
use crate::station::probe::{self, Options, Report};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct OcppArgs {
    #[command(subcommand)]
    pub command: OcppCommand,
}

#[derive(Debug, Subcommand)]
pub enum OcppCommand {
    /// Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station,
    /// read its BootNotification and configuration, change settings and reset it if asked, and
    /// print its identity and configuration.
    Probe(ProbeArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ResetKind {
    /// OCPP 1.6 Soft; sent to an OCPP 2.0.1 station as OnIdle.
    Soft,
    /// OCPP 1.6 Hard; sent to an OCPP 2.0.1 station as Immediate.
    Hard,
    /// OCPP 2.0.1 Immediate; sent to an OCPP 1.6 station as Hard.
    Immediate,
    /// OCPP 2.0.1 OnIdle; sent to an OCPP 1.6 station as Soft.
    OnIdle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OcppVersionArg {
    /// Whichever the station offers; 2.0.1 first for Component.Variable names.
    Auto,
    #[value(name = "1.6")]
    V16,
    #[value(name = "2.0.1")]
    V201,
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Where to listen, IP:PORT: the laptop's address on the station's network, or 0.0.0.0 for
    /// all interfaces (PORT 0 lets the system choose). Point the station at ws://IP:PORT/.
    #[arg(long, value_name = "IP:PORT")]
    pub bind: String,
    /// How long to wait for the station to connect, in seconds.
    #[arg(long, value_name = "SECS", value_parser = super::bounds::secs, default_value_t = 300)]
    pub wait: u64,
    /// How long to wait for its BootNotification once connected, in seconds.
    #[arg(long, value_name = "SECS", value_parser = super::bounds::secs, default_value_t = 10)]
    pub boot_wait: u64,
    /// How long the station has to answer each call, in seconds.
    #[arg(long, value_name = "SECS", value_parser = super::bounds::secs, default_value_t = 30)]
    pub call_timeout: u64,
    /// Read this 1.6 key or 2.0.1 Component.Variable only (repeatable; default: all).
    #[arg(long = "key", value_name = "KEY")]
    pub keys: Vec<String>,
    /// Change KEY=VALUE (1.6 ChangeConfiguration, 2.0.1 SetVariables), then read it back
    /// (repeatable, in order).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Reset the station afterwards and wait for it to boot again.
    #[arg(long, value_enum)]
    pub reset: Option<ResetKind>,
    /// The OCPP version to speak: 1.6 (subprotocol ocpp1.6), 2.0.1 (ocpp2.0.1), or auto.
    #[arg(long = "ocpp-version", value_enum, default_value_t = OcppVersionArg::Auto, value_name = "VERSION")]
    pub ocpp_version: OcppVersionArg,
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
                Error::usage("E_PROBE_SET", crate::t!("stn.probe.set_bad", set = s))
                    .with_help(crate::t!("stn.probe.set_bad_help"))
            })?;
        set.push((k.trim().to_string(), v.to_string()));
    }
    let l = probe::bind(&a.bind)?;
    let local = l
        .local_addr()
        .map_err(|e| Error::internal("E_PROBE_BIND", crate::t!("stn.probe.no_address", why = e)))?;
    let url = if local.ip().is_unspecified() {
        crate::t!("stn.probe.any_address_url", port = local.port())
    } else {
        format!("ws://{local}/")
    };
    ctx.out.progress(
        crate::t!(
            "stn.probe.listening",
            local = local,
            url = url,
            secs = a.wait
        ),
        &json!({ "event": "listening", "address": local.to_string(), "url": url }),
    );
    let opts = Options {
        wait: Duration::from_secs(a.wait),
        boot_wait: Duration::from_secs(a.boot_wait),
        call_timeout: Duration::from_secs(a.call_timeout.max(1)),
        versions: match a.ocpp_version {
            OcppVersionArg::V16 => vec![Version::V16],
            OcppVersionArg::V201 => vec![Version::V201],
            OcppVersionArg::Auto => {
                let names: Vec<&str> = a
                    .keys
                    .iter()
                    .chain(set.iter().map(|(k, _)| k))
                    .map(String::as_str)
                    .collect();
                probe::preferred_versions(&names)
            }
        },
        keys: a.keys.clone(),
        set,
        reset: a.reset.map(|r| {
            match r {
                ResetKind::Soft => "Soft",
                ResetKind::Hard => "Hard",
                ResetKind::Immediate => "Immediate",
                ResetKind::OnIdle => "OnIdle",
            }
            .to_string()
        }),
        await_reboot: true,
        expect_serial: None,
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
    let mut t = crate::t!(
        "stn.probe.report_heading",
        id = r.charge_box_id,
        peer = r.peer,
        path = r.path,
        subprotocol = r.subprotocol
    );
    t.push('\n');
    match &r.boot {
        Some(b) => {
            t.push_str(&format!("{} {}\n", b.vendor, b.model));
            let rows = [
                (crate::t!("stn.cli.label.serial"), &b.serial),
                (crate::t!("stn.cli.label.firmware"), &b.firmware),
                ("ICCID".to_string(), &b.iccid),
                ("IMSI".to_string(), &b.imsi),
                (crate::t!("stn.probe.label.meter"), &b.meter_type),
                (crate::t!("stn.probe.label.meter_no"), &b.meter_serial),
            ];
            for (k, v) in rows {
                if let Some(v) = v {
                    t.push_str(&format!("  {k:<9} {v}\n"));
                }
            }
        }
        None => t.push_str(&format!("  {}\n", crate::t!("stn.probe.report_no_boot"))),
    }
    match &r.configuration_error {
        Some(e) => t.push_str(&format!(
            "{}\n",
            crate::t!("stn.probe.config_not_read", why = e)
        )),
        None => {
            t.push_str(&format!(
                "{}\n",
                crate::tn!("stn.probe.config_heading", count = r.configuration.len())
            ));
            let no_value = crate::t!("stn.probe.no_value");
            let read_only = crate::t!("stn.probe.read_only");
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
                    k.value.as_deref().unwrap_or(&no_value),
                    if k.readonly { read_only.as_str() } else { "" }
                ));
            }
            if !r.unknown_keys.is_empty() {
                t.push_str(&format!(
                    "  {}\n",
                    crate::t!("stn.probe.unknown_keys", keys = r.unknown_keys.join(", "))
                ));
            }
        }
    }
    for c in &r.changes {
        t.push_str(&format!(
            "{}{}\n",
            crate::t!(
                "stn.probe.changed",
                key = c.key,
                value = c.value,
                status = c.status
            ),
            match &c.read_back {
                Some(v) if *v == c.value => crate::t!("stn.probe.read_back"),
                Some(v) => crate::t!("stn.probe.reads_back_as", value = v),
                None => String::new(),
            }
        ));
    }
    if let Some(x) = &r.reset {
        t.push_str(&format!(
            "{}{}\n",
            crate::t!("stn.probe.reset", kind = x.kind, status = x.status),
            if x.rebooted {
                crate::t!("stn.probe.reset_rebooted")
            } else {
                String::new()
            }
        ));
    }
    t.trim_end().to_string()
}
