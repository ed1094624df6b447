//! Support bundles of a whole site (docs/sites.md "Support bundles of a site"): `evfield export
//! --site NAME` packs every station's session of the site, `evfield import` and `evfield log
//! verify` read such a bundle.
//!
//! A site bundle is a .tar.gz with one folder `evfield-site-<site>/` holding, in this order:
//! `site.json` (the site's record with its secrets masked, its area, and for every station its
//! session id, state, serial and the SHA-256 of its bundle) and `sessions/<session id>.tar.gz`,
//! each an ordinary support bundle ([`super::bundle`]), masked, verified and checked for secrets
//! like one exported alone. Reading one unpacks a single station's bundle at a time into a
//! temporary file (bounded by [`bundle::MAX_BUNDLE_TOTAL`]) and checks it against `site.json`
//! before anything else reads it; the whole is bounded by [`MAX_SITE_TOTAL`].

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::bundle::{self, ExportOptions, ExportReport, bad_bundle};
use super::import::{self, ImportReport};
use super::{Source, verify};
use crate::journal::sessions;
use crate::journal::sites::{self, Area, Site};
use crate::{Error, Result};

pub use super::bundle::{SITE_RECORD, SITE_TOP};
/// The `format` of every site bundle's record.
pub const SITE_FORMAT: &str = "evfield-site-bundle";
/// Most stations a site bundle may hold.
pub const MAX_SITE_STATIONS: usize = 1000;
/// Most bytes the station bundles of a site bundle may hold together: 64 GiB.
pub const MAX_SITE_TOTAL: u64 = 64 << 30;

/// A site bundle's record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SiteManifest {
    pub schema: u32,
    pub format: String,
    pub version: String,
    pub exported_at: String,
    /// The site's record, its secrets masked.
    pub site: Site,
    pub area: Option<Area>,
    pub stations: Vec<Station>,
}

/// One station of a site bundle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Station {
    pub session_id: String,
    pub state: String,
    pub serial: Option<String>,
    /// Its bundle inside the site bundle: `sessions/<session id>.tar.gz`.
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

/// What `evfield export --site` did.
#[derive(Debug, Clone, Serialize)]
pub struct SiteExportReport {
    pub schema: u32,
    pub site: String,
    pub archive: PathBuf,
    pub bytes: u64,
    pub stations: Vec<ExportReport>,
}

/// What `evfield log verify` found in a site bundle: every station's bundle verified.
#[derive(Debug, Clone, Serialize)]
pub struct SiteVerifyReport {
    pub schema: u32,
    pub source: String,
    pub site: String,
    pub valid: bool,
    pub stations: Vec<verify::Report>,
    /// Stations the record lists whose bundle is not in the archive.
    pub missing: Vec<String>,
}

/// What `evfield import` did with a site bundle.
#[derive(Debug, Clone, Serialize)]
pub struct SiteImportReport {
    pub schema: u32,
    pub site: String,
    pub stations: Vec<ImportReport>,
    pub missing: Vec<String>,
}

impl SiteVerifyReport {
    /// The first station's error, or the missing ones', for the exit code.
    pub fn error(&self) -> Option<Error> {
        if let Some(e) = self.stations.iter().find_map(verify::Report::error) {
            return Some(e);
        }
        missing_error(&self.source, &self.missing)
    }
}

fn missing_error(source: &str, missing: &[String]) -> Option<Error> {
    (!missing.is_empty()).then(|| {
        Error::journal(
            "E_BUNDLE_TAMPERED",
            crate::t!(
                "sitebundle.missing",
                source = source,
                sessions = missing.join(", ")
            ),
        )
        .with_help(crate::t!("rec.import.changed.help"))
    })
}

/// Pack every session of the site `name` into one bundle at `out`.
pub fn export(
    data_dir: &Path,
    name: &str,
    out: &Path,
    opts: &ExportOptions,
) -> Result<SiteExportReport> {
    let site = sites::load(data_dir, name)?;
    let list: Vec<sessions::Summary> = sessions::list(data_dir)?
        .into_iter()
        .filter(|s| {
            s.site
                .as_deref()
                .is_some_and(|n| sites::same(n, &site.name))
        })
        .collect();
    if list.is_empty() {
        return Err(Error::usage(
            "E_SITE_EMPTY",
            crate::t!("sitebundle.empty", site = site.name),
        )
        .with_help(crate::t!("sitebundle.empty_help")));
    }
    let out_dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_dir"), out_dir, e))?;
    let work = tempfile::Builder::new()
        .prefix(".evfield-site-")
        .tempdir_in(out_dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_temp_dir"), out_dir, e))?;
    // the site's own secrets (its access notes) must not reach any station's bundle either
    let mut opts = opts.clone();
    for (k, v) in &site.values {
        if crate::vocab::keys::SECRET_KEYS.contains(&k.as_str()) && !v.is_empty() {
            opts.extra_secrets.push(v.clone());
        }
    }
    let mut reports = Vec::new();
    let mut stations = Vec::new();
    for s in &list {
        let file = work.path().join(format!("{}.tar.gz", s.id));
        let r = bundle::export(&s.journal, &file, &opts)?;
        let (bytes, sha256) = bundle::sha256_file(&file)?;
        stations.push(Station {
            session_id: r.session_id.clone(),
            state: serde_json::to_value(&s.state)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            serial: s.serial.clone(),
            file: format!("sessions/{}.tar.gz", r.session_id),
            bytes,
            sha256,
        });
        let in_bundle = format!("sessions/{}.tar.gz", r.session_id);
        reports.push((
            file,
            ExportReport {
                archive: PathBuf::from(in_bundle),
                ..r
            },
        ));
    }
    let manifest = SiteManifest {
        schema: 1,
        format: SITE_FORMAT.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        area: site.area(),
        site: site.shown(),
        stations,
    };
    let record = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::internal("E_EXPORT", crate::t!("rec.bundle.encode", why = e)))?;
    if opts
        .extra_secrets
        .iter()
        .any(|s| s.len() >= 4 && memchr::memmem::find(&record, s.as_bytes()).is_some())
    {
        return Err(Error::internal(
            "E_EXPORT_SECRET",
            crate::t!("rec.bundle.secret", found = SITE_RECORD),
        )
        .with_help(crate::t!("rec.bundle.secret.help")));
    }

    let top = format!("{SITE_TOP}{}", sites::slug(&site.name));
    let mut tmp = tempfile::NamedTempFile::new_in(out_dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_temp"), out_dir, e))?;
    {
        let mut pack = bundle::Packer::new(tmp.as_file_mut(), out, &top);
        pack.add(SITE_RECORD, record.len() as u64, &mut &record[..])?;
        for ((file, _), st) in reports.iter().zip(&manifest.stations) {
            let mut f = std::fs::File::open(file)
                .map_err(|e| Error::io(&crate::t!("rec.io.read"), file, e))?;
            pack.add(&st.file, st.bytes, &mut f)?;
        }
        pack.finish()?;
    }
    tmp.persist(out)
        .map_err(|e| Error::io(&crate::t!("rec.io.replace"), out, e.error))?;
    Ok(SiteExportReport {
        schema: 1,
        site: site.name,
        archive: out.to_path_buf(),
        bytes: std::fs::metadata(out).map(|m| m.len()).unwrap_or(0),
        stations: reports.into_iter().map(|(_, r)| r).collect(),
    })
}

/// Whether `path` is a site bundle: a gzip archive whose first entry is a site's record.
pub fn is_site_bundle(path: &Path) -> bool {
    super::source::site_bundle_sessions(path).is_some()
}

/// An entry's path inside the site bundle's folder: `site.json` or `sessions/<id>.tar.gz`.
fn inner(entry: &Path) -> Option<String> {
    let comps: Vec<&str> = entry
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    match comps.as_slice() {
        [top, SITE_RECORD] if top.starts_with(SITE_TOP) => Some(SITE_RECORD.into()),
        [top, "sessions", name]
            if top.starts_with(SITE_TOP)
                && name.strip_suffix(".tar.gz").is_some_and(import::safe_id) =>
        {
            Some(format!("sessions/{name}"))
        }
        _ => None,
    }
}

/// Read a site bundle: its record, then every station's bundle, each unpacked into a temporary
/// file, checked against the record and handed to `f`. Returns the record and the stations it
/// lists that the archive does not hold.
fn each_station(
    path: &Path,
    mut f: impl FnMut(&Station, &Path) -> Result<()>,
) -> Result<(SiteManifest, Vec<String>)> {
    let mut a = bundle::open_archive(path)?;
    let mut manifest: Option<SiteManifest> = None;
    let mut seen = std::collections::BTreeSet::new();
    let mut total = 0u64;
    let work = tempfile::tempdir().map_err(|e| {
        Error::io(
            &crate::t!("rec.io.create_temp_dir"),
            &std::env::temp_dir(),
            e,
        )
    })?;
    for entry in bundle::entries(&mut a, path)? {
        let mut e = entry.map_err(|e| bad_bundle(path, e))?;
        if e.header().entry_type() != tar::EntryType::Regular {
            return Err(bad_bundle(path, crate::t!("rec.bundle.not_regular")));
        }
        let name = e.path().map_err(|e| bad_bundle(path, e))?.into_owned();
        let Some(inner) = inner(&name) else {
            return Err(bad_bundle(
                path,
                crate::t!("rec.bundle.entry_foreign", entry = name.display()),
            ));
        };
        let size = e.size();
        let Some(m) = &manifest else {
            if inner != SITE_RECORD || size > bundle::MAX_RECORD {
                return Err(bad_bundle(
                    path,
                    crate::t!("rec.bundle.holds_no", file = SITE_RECORD),
                ));
            }
            let mut bytes = Vec::new();
            (&mut e)
                .take(bundle::MAX_RECORD)
                .read_to_end(&mut bytes)
                .map_err(|e| bad_bundle(path, e))?;
            let m: SiteManifest =
                serde_json::from_slice(&bytes).map_err(|e| bad_bundle(path, e))?;
            if m.format != SITE_FORMAT || m.stations.len() > MAX_SITE_STATIONS {
                return Err(bad_bundle(
                    path,
                    crate::t!("sitebundle.bad_record", stations = MAX_SITE_STATIONS),
                ));
            }
            manifest = Some(m);
            continue;
        };
        let Some(st) = m.stations.iter().find(|s| s.file == inner) else {
            return Err(bad_bundle(
                path,
                crate::t!("rec.bundle.entry_foreign", entry = name.display()),
            ));
        };
        if !seen.insert(inner.clone()) {
            return Err(bad_bundle(
                path,
                crate::t!("sitebundle.twice", entry = name.display()),
            ));
        }
        total = total.saturating_add(size);
        if size > bundle::MAX_BUNDLE_TOTAL || total > MAX_SITE_TOTAL {
            return Err(Error::unreadable(
                "E_BUNDLE_TOO_BIG",
                crate::t!(
                    "sitebundle.too_big",
                    path = path.display(),
                    entry = inner,
                    station = crate::paths::size_text(bundle::MAX_BUNDLE_TOTAL),
                    site = crate::paths::size_text(MAX_SITE_TOTAL)
                ),
            )
            .with_help(crate::t!("bounds.bundle.help")));
        }
        // unpacked, never more than the entry declares, then checked against the record
        let file = work.path().join("station.tar.gz");
        let mut out = std::fs::File::create(&file)
            .map_err(|e| Error::io(&crate::t!("rec.io.write"), &file, e))?;
        std::io::copy(&mut (&mut e).take(size), &mut out).map_err(|e| bad_bundle(path, e))?;
        drop(out);
        let (_, sha256) = bundle::sha256_file(&file)?;
        if sha256 != st.sha256 {
            return Err(Error::journal(
                "E_BUNDLE_TAMPERED",
                crate::t!(
                    "sitebundle.changed",
                    path = path.display(),
                    session = st.session_id
                ),
            )
            .with_help(crate::t!("rec.import.changed.help")));
        }
        f(st, &file)?;
    }
    let Some(m) = manifest else {
        return Err(bad_bundle(
            path,
            crate::t!("rec.bundle.holds_no", file = SITE_RECORD),
        ));
    };
    let missing = m
        .stations
        .iter()
        .filter(|s| !seen.contains(&s.file))
        .map(|s| s.session_id.clone())
        .collect();
    Ok((m, missing))
}

/// Verify every station's bundle of a site bundle.
pub fn verify(path: &Path) -> Result<SiteVerifyReport> {
    let mut reports = Vec::new();
    let (m, missing) = each_station(path, |st, file| {
        let mut r = verify::verify(&Source::file(file.to_path_buf()))?;
        r.source = format!("{}:{}", path.display(), st.file);
        reports.push(r);
        Ok(())
    })?;
    Ok(SiteVerifyReport {
        schema: 1,
        source: path.display().to_string(),
        site: m.site.name,
        valid: missing.is_empty() && reports.iter().all(|r| r.valid),
        stations: reports,
        missing,
    })
}

/// Import every station's bundle of a site bundle (each kept only when it verifies, as
/// [`import::import`] does for one). The whole archive is read once first: a foreign or changed
/// entry, or a station missing, imports nothing.
pub fn import(path: &Path, data_dir: &Path, force: bool) -> Result<SiteImportReport> {
    let (_, missing) = each_station(path, |_, _| Ok(()))?;
    if let Some(e) = missing_error(&path.display().to_string(), &missing) {
        return Err(e);
    }
    let mut reports = Vec::new();
    let (m, missing) = each_station(path, |_, file| {
        reports.push(import::import(file, data_dir, force)?);
        Ok(())
    })?;
    Ok(SiteImportReport {
        schema: 1,
        site: m.site.name,
        stations: reports,
        missing,
    })
}

/// The human text of a site bundle's verification: the site, then every station's.
pub fn human_verify(r: &SiteVerifyReport) -> String {
    let bad = r.stations.iter().filter(|s| !s.valid).count() + r.missing.len();
    let mut out = crate::tn!(
        "sitebundle.verify_head",
        count = r.stations.len() + r.missing.len(),
        site = r.site,
        bad = bad
    );
    out.push('\n');
    for s in &r.stations {
        for l in verify::human(s).lines() {
            out.push_str(&format!("  {l}\n"));
        }
    }
    if !r.missing.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            crate::t!(
                "sitebundle.missing",
                source = r.source,
                sessions = r.missing.join(", ")
            )
        ));
    }
    out
}

/// The first error of a site import: a station that did not verify or was changed, or one
/// missing.
pub fn import_error(r: &SiteImportReport, path: &Path) -> Option<Error> {
    if let Some(e) = r.stations.iter().find_map(|s| s.verify.error()) {
        return Some(e);
    }
    missing_error(&path.display().to_string(), &r.missing)
}
