//! `evfield log verify`: check a journal's hash chain and schema.

use clap::{Args, Subcommand};

use super::Ctx;
use crate::replay::{Source, verify};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct LogArgs {
    #[command(subcommand)]
    pub command: LogCommand,
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Check a journal's schema and hash chain and name the first bad event. Exit code 0: valid,
    /// 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal.
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A journal file, a session id (or its unique start), a session or import folder, or a
    /// support bundle (.tar.gz from `evfield export`).
    #[arg(value_name = "FILE|SESSION")]
    pub target: String,
}

pub fn run(ctx: &mut Ctx, args: LogArgs) -> Result<()> {
    match args.command {
        LogCommand::Verify(a) => {
            let data_dir = ctx.data_dir().ok();
            let src = Source::resolve(&a.target, data_dir.as_deref())?;
            let report = verify::verify(&src)?;
            ctx.out.result(&report, verify::human);
            match report.error() {
                // the report above said where and why; the error says it once more only for
                // scripts (JSON), with its code
                Some(e) if !ctx.out.json => Err(Error {
                    message: crate::t!("text.verify.failed", source = report.source),
                    ..e
                }),
                Some(e) => Err(e),
                None => Ok(()),
            }
        }
    }
}
