//! `evfield log verify`: check a journal's hash chain and schema.

use clap::{Args, Subcommand};

use super::Ctx;
use super::net::NetArgs;
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
    /// Also compare it with the chain heads the network recorded for the session (sent with
    /// the pinpoint submission and at the end of the session): any difference, or no record at
    /// all, is a failure (exit code 6).
    #[arg(long)]
    pub against_network: bool,
    #[command(flatten)]
    pub net: NetArgs,
}

pub fn run(ctx: &mut Ctx, args: LogArgs) -> Result<()> {
    match args.command {
        LogCommand::Verify(a) => {
            let path = std::path::Path::new(&a.target);
            if path.is_file() && crate::replay::site::is_site_bundle(path) {
                if a.against_network {
                    return Err(Error::usage(
                        "E_SITE_BUNDLE",
                        crate::t!("sitebundle.against_network"),
                    ));
                }
                let report = crate::replay::site::verify(path)?;
                ctx.out.result(&report, crate::replay::site::human_verify);
                return match report.error() {
                    Some(e) => Err(e),
                    None => Ok(()),
                };
            }
            let data_dir = ctx.data_dir().ok();
            let src = Source::resolve(&a.target, data_dir.as_deref())?;
            let mut report = verify::verify(&src)?;
            if a.against_network {
                let id = report
                    .session_id
                    .clone()
                    .ok_or_else(|| Error::usage("E_NO_SESSION_ID", crate::t!("head.no_id")))?;
                let login = super::net::connect(ctx, &a.net)?;
                let heads = login.client.chain_heads(&id)?.heads;
                verify::check_against(&src, &mut report, &login.network, heads)?;
            }
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
