//! `evfield export` and `evfield import`: support bundles.

use std::path::PathBuf;

use clap::Args;

use super::Ctx;
use crate::replay::bundle::{self, ExportOptions, ExportReport, ImportReport};
use crate::replay::{Source, SourceKind, verify};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The session: its id (or the unique start of it), its folder or its journal file.
    #[arg(value_name = "SESSION")]
    pub session: String,
    /// Where to write the bundle (default: evfield-<session id>.tar.gz in the current folder).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also mask the answers of this key (e.g. precheck.site_access); repeatable. The
    /// activation password is always masked.
    #[arg(long, value_name = "KEY")]
    pub mask: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A support bundle (.tar.gz from `evfield export`).
    #[arg(value_name = "BUNDLE")]
    pub bundle: PathBuf,
    /// Replace an earlier import of the same session from another bundle.
    #[arg(long)]
    pub force: bool,
}

pub fn run_export(ctx: &mut Ctx, args: ExportArgs) -> Result<()> {
    for k in &args.mask {
        if crate::session::keys::find(k).is_none() {
            return Err(
                Error::usage("E_EXPORT_MASK", format!("--mask: unknown key `{k}`"))
                    .with_help("the keys are listed in docs/answers.md, e.g. precheck.site_access"),
            );
        }
    }
    let data_dir = ctx.data_dir().ok();
    let src = Source::resolve(&args.session, data_dir.as_deref())?;
    if src.kind != SourceKind::Journal {
        return Err(Error::usage(
            "E_EXPORT_SOURCE",
            format!(
                "{} is already a support bundle or an import",
                src.path.display()
            ),
        )
        .with_help("export a session of this laptop: `evfield sessions --all` lists them"));
    }
    let id = src
        .path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "session".into());
    let out = args
        .output
        .unwrap_or_else(|| PathBuf::from(format!("evfield-{id}.tar.gz")));
    // The installer's password and token must not reach a bundle even if a bug put them in the
    // journal: when the environment holds them, they are masked too.
    let extra_secrets = ["EVFIELD_PASSWORD", "EVFIELD_TOKEN"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .filter(|v| !v.is_empty())
        .collect();
    let report = bundle::export(
        &src.path,
        &out,
        &ExportOptions {
            mask_keys: args.mask,
            extra_secrets,
        },
    )?;
    ctx.out.result(&report, human_export);
    Ok(())
}

fn human_export(r: &ExportReport) -> String {
    let mut t = format!(
        "Support bundle {} ({} bytes)\n  session     {}\n  journal     {} events, last hash {}{}\n  masked      {} value(s) of {} in {} line(s)\n  files       {}\n",
        r.archive.display(),
        r.bytes,
        r.session_id,
        r.events,
        r.last_hash,
        if r.journal_valid {
            ""
        } else {
            " (DAMAGED: see below)"
        },
        r.masked_values,
        r.masked_keys.join(", "),
        r.masked_lines,
        r.files
            .iter()
            .map(|f| f.path.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(f) = &r.journal_fault {
        t.push_str(&format!(
            "  the journal is damaged at event {} (line {}): {}; it is exported as it is\n",
            f.seq, f.line, f.what
        ));
    }
    t
}

pub fn run_import(ctx: &mut Ctx, args: ImportArgs) -> Result<()> {
    let data_dir = ctx.data_dir()?;
    let report = bundle::import(&args.bundle, &data_dir, args.force)?;
    ctx.out.result(&report, human_import);
    if !report.files_changed.is_empty() {
        return Err(Error::journal(
            "E_BUNDLE_TAMPERED",
            format!(
                "files of bundle {} differ from the export's record: {}",
                args.bundle.display(),
                report.files_changed.join(", ")
            ),
        )
        .with_help("ask the installer for the bundle again"));
    }
    match report.verify.error() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn human_import(r: &ImportReport) -> String {
    let mut t = format!(
        "{} session {} into {}\n  exported    {} by evfield {}\n  replay it   evfield replay {}\n",
        if r.already_imported {
            "Already imported:"
        } else {
            "Imported"
        },
        r.session_id,
        r.path.display(),
        r.exported_at,
        r.exported_by_version,
        r.session_id
    );
    for l in verify::human(&r.verify).lines() {
        t.push_str(&format!("  {l}\n"));
    }
    t
}
