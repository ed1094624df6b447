//! `evfield export` and `evfield import`: support bundles.

use std::path::PathBuf;

use clap::Args;

use super::Ctx;
use crate::output::label_width;
use crate::replay::bundle::{self, ExportOptions, ExportReport};
use crate::replay::import::{self, ImportReport};
use crate::replay::{Source, SourceKind, verify};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The session: its id (or the unique start of it), its folder or its journal file.
    #[arg(value_name = "SESSION", required_unless_present = "site")]
    pub session: Option<String>,
    /// Export every station's session of this site in one bundle (docs/sites.md), instead of
    /// one session.
    #[arg(long, value_name = "NAME", conflicts_with = "session")]
    pub site: Option<String>,
    /// Where to write the bundle (default: evfield-<session id>.tar.gz, or
    /// evfield-site-<site>.tar.gz, in the current folder).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also mask the answers of this key (e.g. pinpoint.restrictions); repeatable. The
    /// activation password and the site access notes are always masked.
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
                Error::usage("E_EXPORT_MASK", crate::t!("rec.export.mask", key = k))
                    .with_help(crate::t!("rec.export.mask.help")),
            );
        }
    }
    // The installer's password and token must not reach a bundle even if a bug put them in the
    // journal: when the environment holds them, they are masked too.
    let extra_secrets = ["EVFIELD_PASSWORD", "EVFIELD_TOKEN"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .filter(|v| !v.is_empty())
        .collect();
    let opts = ExportOptions {
        mask_keys: args.mask,
        extra_secrets,
    };
    if let Some(name) = &args.site {
        let data_dir = ctx.data_dir()?;
        let out = args.output.unwrap_or_else(|| {
            PathBuf::from(format!(
                "evfield-site-{}.tar.gz",
                crate::journal::sites::slug(
                    &crate::journal::sites::check_name(name).unwrap_or_default()
                )
            ))
        });
        let report = crate::replay::site::export(&data_dir, name, &out, &opts)?;
        ctx.out.result(&report, human_site_export);
        return Ok(());
    }
    let session = args.session.unwrap_or_default();
    let data_dir = ctx.data_dir().ok();
    let src = Source::resolve(&session, data_dir.as_deref())?;
    if src.kind != SourceKind::Journal {
        return Err(Error::usage(
            "E_EXPORT_SOURCE",
            crate::t!("rec.export.source", path = src.path.display()),
        )
        .with_help(crate::t!("rec.export.source.help")));
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
    let report = bundle::export(&src.path, &out, &opts)?;
    ctx.out.result(&report, human_export);
    Ok(())
}

fn human_export(r: &ExportReport) -> String {
    use crate::t;
    let labels = [
        t!("rec.export.l.session"),
        t!("rec.export.l.journal"),
        t!("rec.export.l.masked"),
        t!("rec.export.l.files"),
    ];
    let w = label_width(&labels.each_ref().map(String::as_str), 11);
    let journal = t!(
        "rec.export.journal",
        events = r.events,
        hash = r.last_hash,
        damaged = if r.journal_valid {
            String::new()
        } else {
            t!("rec.export.damaged_mark")
        }
    );
    let masked = crate::tn!(
        "rec.export.masked",
        count = r.masked_values,
        keys = r.masked_keys.join(", "),
        lines = crate::tn!("rec.export.masked_lines", count = r.masked_lines)
    );
    let files = r
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = t!(
        "rec.export.head",
        path = r.archive.display(),
        bytes = r.bytes
    );
    out.push('\n');
    for (label, value) in labels
        .iter()
        .zip([&r.session_id, &journal, &masked, &files])
    {
        out.push_str(&format!("  {label:<w$} {value}\n"));
    }
    if let Some(f) = &r.journal_fault {
        out.push_str(&format!(
            "  {}\n",
            t!("rec.export.fault", seq = f.seq, line = f.line, why = f.what)
        ));
    }
    out
}

/// A site's bundle: the archive, then every station's export as for one.
fn human_site_export(r: &crate::replay::site::SiteExportReport) -> String {
    let mut out = crate::tn!(
        "sitebundle.exported",
        count = r.stations.len(),
        site = r.site,
        path = r.archive.display(),
        bytes = r.bytes
    );
    out.push('\n');
    for s in &r.stations {
        for l in human_export(s).lines() {
            out.push_str(&format!("  {l}\n"));
        }
    }
    out
}

pub fn run_import(ctx: &mut Ctx, args: ImportArgs) -> Result<()> {
    let data_dir = ctx.data_dir()?;
    if crate::replay::site::is_site_bundle(&args.bundle) {
        let report = crate::replay::site::import(&args.bundle, &data_dir, args.force)?;
        ctx.out.result(&report, |r| {
            let mut out = crate::tn!(
                "sitebundle.imported",
                count = r.stations.len(),
                site = r.site
            );
            out.push('\n');
            for s in &r.stations {
                out.push_str(&human_import(s));
            }
            out
        });
        return match crate::replay::site::import_error(&report, &args.bundle) {
            Some(e) => Err(e),
            None => Ok(()),
        };
    }
    let report = import::import(&args.bundle, &data_dir, args.force)?;
    ctx.out.result(&report, human_import);
    if !report.files_changed.is_empty() {
        return Err(Error::journal(
            "E_BUNDLE_TAMPERED",
            crate::t!(
                "rec.import.changed",
                path = args.bundle.display(),
                files = report.files_changed.join(", ")
            ),
        )
        .with_help(crate::t!("rec.import.changed.help")));
    }
    match report.verify.error() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn human_import(r: &ImportReport) -> String {
    use crate::t;
    if !r.kept {
        let mut out = t!("bounds.not_kept", id = r.session_id);
        out.push('\n');
        for l in verify::human(&r.verify).lines() {
            out.push_str(&format!("  {l}\n"));
        }
        return out;
    }
    let mut out = if r.already_imported {
        t!(
            "rec.import.already",
            id = r.session_id,
            path = r.path.display()
        )
    } else {
        t!(
            "rec.import.done",
            id = r.session_id,
            path = r.path.display()
        )
    };
    out.push('\n');
    let labels = [t!("rec.import.l.exported"), t!("rec.import.l.replay")];
    let w = label_width(&labels.each_ref().map(String::as_str), 11);
    let rows = [
        t!(
            "rec.import.exported",
            at = r.exported_at,
            version = r.exported_by_version
        ),
        format!("evfield replay {}", r.session_id),
    ];
    for (label, value) in labels.iter().zip(rows) {
        out.push_str(&format!("  {label:<w$} {value}\n"));
    }
    for l in verify::human(&r.verify).lines() {
        out.push_str(&format!("  {l}\n"));
    }
    out
}
