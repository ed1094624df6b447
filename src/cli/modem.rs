//! `evfield modem check`: the SIM and the cellular link over AT commands, with a verdict.

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use super::station::Target;
use crate::Result;

#[derive(Debug, Args)]
pub struct ModemArgs {
    #[command(subcommand)]
    pub command: ModemCommand,
}

#[derive(Debug, Subcommand)]
pub enum ModemCommand {
    /// PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and
    /// the next thing to try. `--vendor` defaults to `generic-modem` (the modem's own AT port).
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub target: Target,
    /// The network's APN: a different or missing APN in context 1 is reported.
    #[arg(long, value_name = "APN")]
    pub apn: Option<String>,
    /// Set this APN in context 1 before checking (`AT+CGDCONT=1,"IP","APN"`).
    #[arg(long, value_name = "APN")]
    pub set_apn: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: ModemArgs) -> Result<()> {
    let ModemCommand::Check(mut a) = args.command;
    if a.target.vendor.is_none() {
        a.target.vendor = Some("generic-modem".into());
    }
    let (mut d, port) = super::station::open(ctx, &a.target)?;
    if let Some(apn) = &a.set_apn {
        d.set_apn(apn)?;
    }
    // from here on the check only reads
    d.set_read_only();
    let expected = a.apn.as_deref().or(a.set_apn.as_deref());
    let r = d.modem_check(expected)?;
    let result = json!({ "port": port, "vendor": d.profile().vendor.id, "modem": r });
    ctx.out.result(&result, |_| {
        let reg = r
            .registration
            .as_ref()
            .map(|g| {
                format!(
                    "{} (stat {}){}{}",
                    g.state,
                    g.stat,
                    g.area
                        .as_deref()
                        .map(|a| crate::t!("stn.modem.area", area = a))
                        .unwrap_or_default(),
                    g.cell_id
                        .as_deref()
                        .map(|c| crate::t!("stn.modem.cell", cell = c))
                        .unwrap_or_default()
                )
            })
            .unwrap_or_else(|| crate::t!("stn.modem.unknown"));
        format!(
            "PIN        {}\nICCID      {}{}\n{:<10} {reg}\n{:<10} {}\n{:<10} {}{}\nAPN        {}\n{:<10} {}: {}",
            r.pin_state,
            r.iccid.as_deref().unwrap_or("-"),
            match r.iccid_luhn_ok {
                Some(false) => crate::t!("stn.modem.check_digit_wrong"),
                _ => String::new(),
            },
            crate::t!("stn.modem.label.registered"),
            crate::t!("stn.modem.label.signal"),
            match (r.signal_dbm, r.bars) {
                (Some(d), Some(bars)) => {
                    crate::t!("stn.modem.bars", signal = format!("{d} dBm"), bars = bars)
                }
                // +CSQ: 99: the level is not known, which is no number of bars
                _ => crate::t!("eva.at.signal_unknown"),
            },
            crate::t!("stn.modem.label.operator"),
            r.operator.as_deref().unwrap_or("-"),
            r.technology.as_deref().map(|t| format!(" ({t})")).unwrap_or_default(),
            r.apn.as_deref().unwrap_or("-"),
            crate::t!("stn.modem.label.verdict"),
            r.verdict,
            r.next
        )
    });
    if r.verdict == "ok" {
        Ok(())
    } else {
        Err(crate::Error::station(
            "E_MODEM",
            crate::t!("stn.modem.failed", port = port, verdict = r.verdict),
        )
        .with_help(r.next.clone()))
    }
}
