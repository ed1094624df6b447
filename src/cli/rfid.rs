//! `evfield rfid convert`: an RFID UID in the notation each system wants.

use clap::{Args, Subcommand, ValueEnum};

use super::Ctx;
use crate::station::rfid::{self, From};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct RfidArgs {
    #[command(subcommand)]
    pub command: RfidCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Notation {
    /// Hex as the reader shows it, most significant byte first (`04:A2:2B:1A`).
    Hex,
    /// Little-endian hex without separators (Wallbox's whitelist form).
    LeHex,
    /// Decimal (the ChargeStorm/CTEK Charge Portal's form).
    Decimal,
}

#[derive(Debug, Subcommand)]
pub enum RfidCommand {
    /// Show a UID as hex, little-endian hex and decimal.
    Convert {
        /// The UID.
        uid: String,
        /// How the UID is written.
        #[arg(long, value_enum, default_value = "hex")]
        from: Notation,
    },
}

pub fn run(ctx: &mut Ctx, args: RfidArgs) -> Result<()> {
    let RfidCommand::Convert { uid, from } = args.command;
    let f = match from {
        Notation::Hex => From::Hex,
        Notation::LeHex => From::LeHex,
        Notation::Decimal => From::Decimal,
    };
    let u = rfid::convert(&uid, f)
        .map_err(|e| Error::validation("E_RFID", e).with_help(crate::t!("prof.rfid.help")))?;
    ctx.out.result(&u, |u| {
        let rows = [
            (crate::t!("prof.rfid.label_hex"), &u.hex, String::new()),
            (
                crate::t!("prof.rfid.label_le_hex"),
                &u.le_hex,
                format!("   {}", crate::t!("prof.rfid.wallbox")),
            ),
            (
                crate::t!("prof.rfid.label_decimal"),
                &u.decimal,
                "   (Charge Portal)".to_string(),
            ),
        ];
        // The values line up after the longest label, whatever the language.
        let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0) + 3;
        rows.iter()
            .map(|(label, value, note)| format!("{label:<width$}{value}{note}"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
