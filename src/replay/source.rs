//! Where a journal to replay or verify comes from: a session id (looked up in the data dir's
//! sessions and imports), a session or import folder, a journal file, or a support bundle
//! (`evfield export`, a .tar.gz) read in place without unpacking it.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::bundle::{
    self, LIMITS, Manifest, RECORD_FILE, bad_bundle, entries, entry_name, open_archive, sha256_read,
};
use crate::paths::sessions_dir;
use crate::{Error, Result};

/// The folder under the data dir where `evfield import` puts support bundles.
pub fn imports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("imports")
}

/// What kind of thing a [`Source`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A journal file (a session's, or one copied anywhere).
    Journal,
    /// An imported support bundle: a journal with the export's record beside it.
    Import,
    /// A support bundle archive read in place.
    Archive,
}

/// A journal to read.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: SourceKind,
    /// The journal file, or the archive.
    pub path: PathBuf,
}

fn not_found(arg: &str, data_dir: Option<&Path>) -> Error {
    let where_ = match data_dir {
        Some(d) => crate::t!(
            "rec.source.not_found",
            arg = arg,
            sessions = sessions_dir(d).display(),
            imports = imports_dir(d).display()
        ),
        None => crate::t!("rec.source.no_file", arg = arg),
    };
    Error::unreadable("E_NO_JOURNAL", where_).with_help(crate::t!("rec.source.not_found.help"))
}

/// Ids under `root` (folders holding a journal.jsonl) that start with `prefix`.
fn ids_with_prefix(root: &Path, prefix: &str) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut v: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("journal.jsonl").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix))
        .collect();
    v.sort();
    v
}

/// The session ids a site bundle (`replay::site`) lists, when `path` is one: a gzip archive
/// whose first entry is `evfield-site-<site>/site.json`.
pub fn site_bundle_sessions(path: &Path) -> Option<Vec<String>> {
    use bundle::{SITE_RECORD, SITE_TOP};
    if !is_gzip(path) {
        return None;
    }
    let mut a = bundle::open_archive(path).ok()?;
    let mut entries = bundle::entries(&mut a, path).ok()?;
    let e = entries.next()?.ok()?;
    let name = e.path().ok()?.into_owned();
    let mut comps = name.components().map(|c| c.as_os_str().to_str());
    let first_is_site_record = matches!(
        (comps.next(), comps.next(), comps.next()),
        (Some(Some(top)), Some(Some(SITE_RECORD)), None) if top.starts_with(SITE_TOP)
    );
    if !first_is_site_record || e.size() > bundle::MAX_RECORD {
        return None;
    }
    let mut bytes = Vec::new();
    e.take(bundle::MAX_RECORD).read_to_end(&mut bytes).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    Some(
        v["stations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["session_id"].as_str().map(str::to_string))
            .collect(),
    )
}

fn is_gzip(path: &Path) -> bool {
    let mut magic = [0u8; 2];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && magic == [0x1f, 0x8b]
}

impl Source {
    /// Resolve `arg`: an existing path (file, session or import folder, bundle) is taken as
    /// given; otherwise it is a session id, or the unique start of one, in the data dir's
    /// sessions, then its imports.
    pub fn resolve(arg: &str, data_dir: Option<&Path>) -> Result<Source> {
        let p = Path::new(arg);
        if p.is_dir() {
            let j = p.join("journal.jsonl");
            if !j.is_file() {
                return Err(Error::unreadable(
                    "E_NO_JOURNAL",
                    crate::t!("rec.source.empty_folder", path = p.display()),
                )
                .with_help(crate::t!("rec.source.empty_folder.help")));
            }
            return Ok(Source::file(j));
        }
        if p.is_file() {
            if let Some(ids) = site_bundle_sessions(p) {
                return Err(Error::usage(
                    "E_SITE_BUNDLE",
                    crate::t!(
                        "sitebundle.not_one",
                        path = p.display(),
                        sessions = ids.join(", ")
                    ),
                )
                .with_help(crate::t!("sitebundle.not_one_help", path = p.display())));
            }
            return Ok(Source::file(p.to_path_buf()));
        }
        if p.exists() {
            return Err(Error::unreadable(
                "E_NO_JOURNAL",
                crate::t!("rec.source.not_regular", path = p.display()),
            ));
        }
        let Some(dir) = data_dir else {
            return Err(not_found(arg, None));
        };
        if arg.is_empty() || arg.contains(['/', '\\']) || arg.starts_with('.') {
            return Err(not_found(arg, Some(dir)));
        }
        for root in [sessions_dir(dir), imports_dir(dir)] {
            let exact = root.join(arg).join("journal.jsonl");
            if exact.is_file() {
                return Ok(Source::file(exact));
            }
        }
        let mut matches: Vec<PathBuf> = Vec::new();
        for root in [sessions_dir(dir), imports_dir(dir)] {
            for id in ids_with_prefix(&root, arg) {
                matches.push(root.join(id).join("journal.jsonl"));
            }
        }
        match matches.len() {
            0 => Err(not_found(arg, Some(dir))),
            1 => Ok(Source::file(matches.remove(0))),
            n => Err(Error::usage(
                "E_AMBIGUOUS_SESSION",
                crate::t!("rec.source.ambiguous", arg = arg, count = n),
            )
            .with_help(crate::t!("rec.source.ambiguous.help"))),
        }
    }

    /// A journal file or a bundle, told apart by its first bytes.
    pub fn file(path: PathBuf) -> Source {
        let kind = if is_gzip(&path) {
            SourceKind::Archive
        } else if path
            .parent()
            .is_some_and(|d| d.join(bundle::RECORD_FILE).is_file())
        {
            SourceKind::Import
        } else {
            SourceKind::Journal
        };
        Source { kind, path }
    }

    /// The export's record (for a bundle or an import), which vouches for masked lines.
    pub fn manifest(&self) -> Result<Option<Manifest>> {
        match self.kind {
            SourceKind::Journal => Ok(None),
            SourceKind::Import => {
                let p = self
                    .path
                    .parent()
                    .unwrap_or(Path::new("."))
                    .join(bundle::RECORD_FILE);
                bundle::read_manifest_file(&p).map(Some)
            }
            SourceKind::Archive => bundle::read_manifest_from_archive(&self.path).map(Some),
        }
    }

    /// Run `f` on a reader of the journal's bytes (streamed, also out of an archive).
    pub fn with_journal<T>(&self, f: impl FnOnce(&mut dyn Read) -> Result<T>) -> Result<T> {
        match self.kind {
            SourceKind::Journal | SourceKind::Import => {
                let file = File::open(&self.path).map_err(|e| unreadable(&self.path, e))?;
                f(&mut BufReader::new(file))
            }
            SourceKind::Archive => bundle::with_archive_journal(&self.path, f),
        }
    }
}

pub use super::bundle::unreadable;

/// The files of a bundle (read in place, or imported) that differ from its record: changed or
/// missing ones, and ones the record does not list.
pub fn check_files(src: &Source, m: &Manifest) -> Result<(Vec<String>, Vec<String>)> {
    let mut found: HashMap<String, (u64, String)> = HashMap::new();
    let mut unlisted = Vec::new();
    let listed = |p: &str| p == RECORD_FILE || m.files.iter().any(|f| f.path == p);
    match src.kind {
        SourceKind::Journal => return Ok((Vec::new(), Vec::new())),
        SourceKind::Archive => {
            let path = &src.path;
            let mut a = open_archive(path)?;
            let mut total = 0;
            for entry in entries(&mut a, path)? {
                let mut e = entry.map_err(|e| bad_bundle(path, e))?;
                let inner = entry_name(path, &e)?;
                LIMITS.check(path, &inner, e.size(), &mut total)?;
                if !listed(&inner) {
                    unlisted.push(inner);
                    continue;
                }
                found.insert(inner, sha256_read(&mut e, path)?);
            }
        }
        SourceKind::Import => {
            let dir = src.path.parent().unwrap_or(Path::new("."));
            let mut names = Vec::new();
            for top in std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))? {
                let top = top.map_err(|e| unreadable(dir, e))?;
                let n = top.file_name().to_string_lossy().to_string();
                if n == "photos" && top.path().is_dir() {
                    for p in std::fs::read_dir(top.path()).map_err(|e| unreadable(dir, e))? {
                        let p = p.map_err(|e| unreadable(dir, e))?;
                        names.push(format!("photos/{}", p.file_name().to_string_lossy()));
                    }
                } else {
                    names.push(n);
                }
            }
            for n in names {
                if !listed(&n) {
                    unlisted.push(n);
                } else if n != RECORD_FILE {
                    let p = dir.join(&n);
                    let mut f = File::open(&p).map_err(|e| unreadable(&p, e))?;
                    found.insert(n, sha256_read(&mut f, &p)?);
                }
            }
        }
    }
    let changed = m
        .files
        .iter()
        .filter(|rec| found.get(&rec.path) != Some(&(rec.bytes, rec.sha256.clone())))
        .map(|rec| rec.path.clone())
        .collect();
    unlisted.sort();
    Ok((changed, unlisted))
}
