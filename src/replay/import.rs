//! `evfield import`: a support bundle unpacked under the data directory's imports, verified
//! first, all or nothing (docs/json.md).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::bundle::*;
use super::source::{Source, SourceKind, imports_dir};
use super::verify;
use crate::journal;
use crate::{Error, Result};

/// What `evfield import` did.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub schema: u32,
    pub session_id: String,
    /// The folder the bundle was unpacked into (replay and verify take it, or the id).
    pub path: PathBuf,
    /// The same bundle was imported before; nothing was changed.
    pub already_imported: bool,
    /// The bundle verified and is kept in `path`; a bundle that does not verify is not kept
    /// (nothing of it stays behind).
    pub kept: bool,
    pub exported_at: String,
    pub exported_by_version: String,
    /// Files whose bytes differ from the export's record.
    pub files_changed: Vec<String>,
    pub verify: verify::Report,
}

impl ImportReport {
    pub fn valid(&self) -> bool {
        self.verify.valid && self.files_changed.is_empty()
    }
}

pub(super) fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !id.starts_with('.')
}

/// Copy an archive entry to `w`, at most `limit` bytes; for the journal, every line is checked
/// against [`journal::MAX_LINE`] as it passes, so a hostile one stops at the first long line.
fn copy_entry(
    archive: &Path,
    r: &mut dyn Read,
    w: &mut impl Write,
    dest: &Path,
    journal: bool,
) -> Result<()> {
    let mut chunk = vec![0u8; 64 * 1024];
    let mut line_len = 0usize;
    let mut line_no = 1u64;
    loop {
        let n = r.read(&mut chunk).map_err(|e| bad_bundle(archive, e))?;
        if n == 0 {
            return Ok(());
        }
        if journal {
            for &b in &chunk[..n] {
                if b == b'\n' {
                    line_len = 0;
                    line_no += 1;
                } else {
                    line_len += 1;
                    if line_len > journal::MAX_LINE {
                        return Err(Error::journal(
                            "E_JOURNAL_LINE_TOO_LONG",
                            crate::t!(
                                "bounds.line_at",
                                path = archive.display(),
                                line = line_no,
                                why = journal::line_too_long_text()
                            ),
                        )
                        .with_help(crate::t!("bounds.line.help")));
                    }
                }
            }
        }
        w.write_all(&chunk[..n])
            .map_err(|e| Error::io(&crate::t!("rec.io.write"), dest, e))?;
    }
}

/// Unpack a bundle into `tmp` (checking every entry's path, kind, size and that the record
/// lists it).
fn unpack(archive: &Path, manifest: &Manifest, tmp: &Path, limits: &Limits) -> Result<()> {
    let mut a = open_archive(archive)?;
    let mut seen = std::collections::BTreeSet::new();
    let mut total = 0u64;
    for entry in entries(&mut a, archive)? {
        let mut e = entry.map_err(|e| bad_bundle(archive, e))?;
        let inner = entry_name(archive, &e)?;
        if !seen.insert(inner.clone()) {
            return Err(bad_bundle(
                archive,
                crate::t!("rec.bundle.twice", entry = inner),
            ));
        }
        let size = e.size();
        limits.check(archive, &inner, size, &mut total)?;
        if inner != RECORD_FILE && !manifest.files.iter().any(|f| f.path == inner) {
            return Err(Error::journal(
                "E_BUNDLE_TAMPERED",
                crate::t!("bounds.unlisted", path = archive.display(), entry = inner),
            )
            .with_help(crate::t!("rec.import.changed.help")));
        }
        let dest = tmp.join(&inner);
        if let Some(d) = dest.parent() {
            crate::paths::ensure_private_dir(d)?;
        }
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts
            .open(&dest)
            .map_err(|e| Error::io(&crate::t!("rec.io.create"), &dest, e))?;
        let journal = inner == "journal.jsonl";
        copy_entry(archive, &mut (&mut e).take(size), &mut f, &dest, journal)?;
        f.sync_all()
            .map_err(|e| Error::io(&crate::t!("rec.io.write"), &dest, e))?;
    }
    if !seen.contains("journal.jsonl") {
        return Err(bad_bundle(
            archive,
            crate::t!("rec.bundle.holds_no", file = "journal.jsonl"),
        ));
    }
    Ok(())
}

/// Unpack a bundle into `<data dir>/imports/<session id>/` and verify it. Only a bundle that
/// verifies is kept: anything else (an error, a changed file, a damaged journal) leaves
/// nothing behind, so the genuine bundle can be imported afterwards.
pub fn import(archive: &Path, data_dir: &Path, force: bool) -> Result<ImportReport> {
    import_with(archive, data_dir, force, &LIMITS)
}

/// [`import`] with given size limits.
pub fn import_with(
    archive: &Path,
    data_dir: &Path,
    force: bool,
    limits: &Limits,
) -> Result<ImportReport> {
    let manifest = read_manifest_from_archive(archive)?;
    if !safe_id(&manifest.session_id) {
        return Err(bad_bundle(
            archive,
            crate::t!("rec.bundle.session_id", id = manifest.session_id),
        ));
    }
    let root = imports_dir(data_dir);
    crate::paths::ensure_private_dir(data_dir)?;
    crate::paths::ensure_private_dir(&root)?;
    let target = root.join(&manifest.session_id);
    let record = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    let mut already = false;
    if target.exists() {
        let same = std::fs::read(target.join(RECORD_FILE)).ok().as_deref() == Some(&record[..]);
        if same && !force {
            already = true;
        } else if !force {
            return Err(Error::usage(
                "E_IMPORT_EXISTS",
                crate::t!(
                    "rec.bundle.exists",
                    id = manifest.session_id,
                    path = target.display()
                ),
            )
            .with_help(crate::t!("rec.bundle.exists.help")));
        }
    }
    if already {
        let report = verify::verify(&Source::file(target.join("journal.jsonl")))?;
        return Ok(import_report(&manifest, target, true, true, report));
    }
    // removed when dropped: on every error and when the bundle does not verify
    let tmp = tempfile::Builder::new()
        .prefix(".import-")
        .tempdir_in(&root)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_temp_dir"), &root, e))?;
    unpack(archive, &manifest, tmp.path(), limits)?;
    let report = verify::verify(&Source {
        kind: SourceKind::Import,
        path: tmp.path().join("journal.jsonl"),
    })?;
    if !report.valid {
        return Ok(import_report(&manifest, target, false, false, report));
    }
    if target.exists() {
        std::fs::remove_dir_all(&target)
            .map_err(|e| Error::io(&crate::t!("rec.io.replace"), &target, e))?;
    }
    let kept = tmp.keep();
    std::fs::rename(&kept, &target)
        .map_err(|e| Error::io(&crate::t!("rec.io.move"), &target, e))?;
    let report = verify::Report {
        source: target.join("journal.jsonl").display().to_string(),
        ..report
    };
    Ok(import_report(&manifest, target, false, true, report))
}

fn import_report(
    manifest: &Manifest,
    path: PathBuf,
    already: bool,
    kept: bool,
    verify: verify::Report,
) -> ImportReport {
    ImportReport {
        schema: 1,
        session_id: manifest.session_id.clone(),
        path,
        kept,
        already_imported: already,
        exported_at: manifest.exported_at.clone(),
        exported_by_version: manifest.version.clone(),
        files_changed: verify.files_changed.clone(),
        verify,
    }
}

#[cfg(test)]
mod tests {
    use super::super::bundle::tests::bundle;
    use super::*;

    #[test]
    fn every_limit_is_named_when_hit_and_a_refused_import_leaves_nothing() {
        let d = tempfile::tempdir().unwrap();
        let b = bundle(d.path());
        let data = d.path().join("data");
        let cases = [
            (
                Limits {
                    total: 100,
                    ..LIMITS
                },
                "MAX_BUNDLE_TOTAL",
            ),
            (
                Limits {
                    journal: 10,
                    ..LIMITS
                },
                "MAX_BUNDLE_JOURNAL",
            ),
            (
                Limits {
                    record: 10,
                    ..LIMITS
                },
                "MAX_RECORD",
            ),
        ];
        for (limits, name) in cases {
            let e = import_with(&b, &data, false, &limits).unwrap_err();
            assert_eq!(e.code, "E_BUNDLE_TOO_BIG", "{name}");
            assert_eq!(e.kind, crate::ErrorKind::Unreadable);
            assert!(e.message.contains(name), "{}", e.message);
            assert_eq!(
                std::fs::read_dir(imports_dir(&data)).unwrap().count(),
                0,
                "nothing left after hitting {name}"
            );
        }
        let r = import_with(&b, &data, false, &LIMITS).unwrap();
        assert!(r.valid() && r.kept);
    }
}
