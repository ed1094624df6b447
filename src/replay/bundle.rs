//! Support bundles: `evfield export` packs one session for support, `evfield import` unpacks
//! one on the support side. Format and the masking rule: docs/json.md "Support bundle".
//!
//! A bundle is a .tar.gz with one folder `evfield-<session id>/` holding, in this order:
//! `export.json` (the export's record: tool version, summary, station identity, the original
//! journal's event count and last hash, the masked lines and their digests, every file's
//! SHA-256), `journal.jsonl` (the journal with the activation password masked) and `photos/`.
//!
//! Masking changes bytes, so a masked line no longer matches its own hash. The export first
//! verifies the whole original chain, then records, for every line it masks, the SHA-256 of
//! the masked line. `log verify` on the bundle checks every other line's hash as usual, a masked
//! line against that digest, every link of the chain, and the event count and last hash against
//! the record, so any change after the export still shows. The original journal stays on the
//! installer's laptop; `evfield log verify` there prints the same last hash.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::journal::seal;
use crate::journal::sessions;
use crate::journal::{self, Event, Fault};
use crate::{Error, Result};

/// Name of the export's record, in the archive and beside an imported journal.
pub const RECORD_FILE: &str = "export.json";
/// The site's record inside a site bundle (`super::site`), its first entry.
pub const SITE_RECORD: &str = "site.json";
/// How a site bundle's folder is named: `evfield-site-<site>`.
pub const SITE_TOP: &str = "evfield-site-";
/// The value that replaces a masked secret.
pub const MASK: &str = "[masked]";
/// The `format` of every bundle's record.
pub const FORMAT: &str = "evfield-support-bundle";
/// Keys whose answers are always masked: the secret-kind keys.
pub const ALWAYS_MASKED: &[&str] = crate::vocab::keys::SECRET_KEYS;
/// Largest record (`export.json`) accepted when reading a bundle: 16 MiB.
pub const MAX_RECORD: u64 = 16 << 20;
/// Largest journal entry accepted in a bundle: 1 GiB (and every line of it at most
/// [`journal::MAX_LINE`]).
pub const MAX_BUNDLE_JOURNAL: u64 = 1 << 30;
/// Largest photo entry accepted in a bundle: the photo limit, 64 MiB.
pub const MAX_BUNDLE_PHOTO: u64 = crate::pinpoint::photo::MAX_PHOTO_FILE;
/// Most bytes a whole bundle may unpack to: 2 GiB.
pub const MAX_BUNDLE_TOTAL: u64 = 2 << 30;

/// The size limits a bundle is read with (docs/journal.md "Limits").
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub record: u64,
    pub journal: u64,
    pub photo: u64,
    pub total: u64,
}

/// The limits every command uses.
pub const LIMITS: Limits = Limits {
    record: MAX_RECORD,
    journal: MAX_BUNDLE_JOURNAL,
    photo: MAX_BUNDLE_PHOTO,
    total: MAX_BUNDLE_TOTAL,
};

pub use crate::paths::size_text;

impl Limits {
    /// Check one entry (by its declared size, before any of it is unpacked) and the running
    /// total; an entry over its limit, or a bundle over the total, is an error naming the limit.
    pub(super) fn check(
        &self,
        archive: &Path,
        inner: &str,
        size: u64,
        total: &mut u64,
    ) -> Result<()> {
        let (limit, name) = if inner == RECORD_FILE {
            (self.record, "MAX_RECORD")
        } else if inner == "journal.jsonl" {
            (self.journal, "MAX_BUNDLE_JOURNAL")
        } else {
            (self.photo, "MAX_BUNDLE_PHOTO")
        };
        let too_big = |msg: String| {
            Error::unreadable("E_BUNDLE_TOO_BIG", msg).with_help(crate::t!("bounds.bundle.help"))
        };
        if size > limit {
            return Err(too_big(crate::t!(
                "bounds.entry_too_big",
                path = archive.display(),
                entry = inner,
                size = size,
                name = name,
                limit = size_text(limit)
            )));
        }
        *total = total.saturating_add(size);
        if *total > self.total {
            return Err(too_big(crate::t!(
                "bounds.total_too_big",
                path = archive.display(),
                entry = inner,
                name = "MAX_BUNDLE_TOTAL",
                limit = size_text(self.total)
            )));
        }
        Ok(())
    }
}

/// The original journal as the export found it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalRecord {
    pub file: String,
    /// Sound events in the original (all of them when it was intact).
    pub events: u64,
    /// Hash of the last sound event: the same `log verify` prints on the installer's laptop.
    pub last_hash: String,
    /// Bytes of the original journal.
    pub bytes: u64,
    /// The original's first fault, when it was already damaged.
    pub fault: Option<Fault>,
}

/// One line the export masked.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MaskedLine {
    /// 0-based line number (the event's `seq` in an intact journal).
    pub seq: u64,
    /// SHA-256 (hex) of the masked line's bytes, without its newline.
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Masking {
    /// What replaced each secret.
    pub marker: String,
    /// The answer keys whose values were masked.
    pub keys: Vec<String>,
    /// How many distinct secret values (and forms of them) were masked.
    pub values: u64,
    /// Lines whose sealed secrets were removed (format 2): verified by their own hash.
    #[serde(default)]
    pub sealed_lines: u64,
    /// Lines masked as text (format 1, or damaged), each with the digest after masking: a
    /// format-1 line is taken on this record; a format-2 line never is.
    pub lines: Vec<MaskedLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileRecord {
    /// Path inside the bundle's folder, e.g. `photos/before.png`.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// The export's record (`export.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    pub format: String,
    pub tool: String,
    pub version: String,
    pub exported_at: String,
    pub session_id: String,
    /// As `evfield sessions` shows it: state, step, started, updated, demo, serial, error.
    pub summary: Value,
    /// The station's identity as read over the service port (`station.identity`), if it was.
    pub station: Value,
    pub journal: JournalRecord,
    pub masking: Masking,
    pub files: Vec<FileRecord>,
}

/// Whether the bundle's record vouches for line `seq` with these bytes.
pub type Vouch = dyn Fn(u64, &[u8]) -> bool;

impl Manifest {
    /// The check for [`journal::verify_vouched`]: a masked line is sound when its bytes have
    /// the digest the export recorded.
    /// [`Manifest::vouch`] of the bundle's record, or a check that vouches for nothing (a
    /// plain journal).
    pub fn vouch_of(manifest: Option<&Manifest>) -> Box<Vouch> {
        match manifest {
            Some(m) => Box::new(m.vouch()),
            None => Box::new(|_, _| false),
        }
    }

    pub fn vouch(&self) -> impl Fn(u64, &[u8]) -> bool + use<> {
        let map: HashMap<u64, String> = self
            .masking
            .lines
            .iter()
            .map(|l| (l.seq, l.sha256.clone()))
            .collect();
        move |seq, line| {
            map.get(&seq)
                .is_some_and(|d| *d == hex::encode(Sha256::digest(line)))
        }
    }
}

pub(super) fn bad_bundle(path: &Path, what: impl std::fmt::Display) -> Error {
    Error::unreadable(
        "E_BUNDLE",
        crate::t!("rec.bundle.bad", path = path.display(), why = what),
    )
    .with_help(crate::t!("rec.bundle.bad.help"))
}

fn parse_manifest(bytes: &[u8], path: &Path) -> Result<Manifest> {
    let m: Manifest = serde_json::from_slice(bytes).map_err(|e| bad_bundle(path, e))?;
    if m.format != FORMAT {
        return Err(bad_bundle(
            path,
            crate::t!("rec.bundle.format", format = m.format),
        ));
    }
    if m.schema != 1 {
        return Err(bad_bundle(
            path,
            crate::t!("rec.bundle.schema", schema = m.schema),
        ));
    }
    Ok(m)
}

/// Read an imported bundle's record.
pub fn read_manifest_file(path: &Path) -> Result<Manifest> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e))?;
    parse_manifest(&bytes, path)
}

pub(super) fn open_archive(path: &Path) -> Result<Archive> {
    let f = File::open(path).map_err(|e| unreadable(path, e))?;
    Ok(tar::Archive::new(flate2::read::GzDecoder::new(
        BufReader::new(f),
    )))
}

type Archive = tar::Archive<flate2::read::GzDecoder<BufReader<File>>>;

/// The entries of a bundle as they stand in the archive ("raw": a GNU long name or a pax
/// extension is an entry of its own, never read into memory by the tar reader, and refused by
/// [`entry_name`]: `evfield export` writes neither).
pub(super) fn entries<'a>(
    a: &'a mut Archive,
    path: &Path,
) -> Result<tar::Entries<'a, flate2::read::GzDecoder<BufReader<File>>>> {
    Ok(a.entries().map_err(|e| bad_bundle(path, e))?.raw(true))
}

/// An entry's path inside the bundle's folder ([`inner_path`]); anything but a regular file
/// (a link, a folder, a long name, a pax extension) is refused.
pub(super) fn entry_name<R: Read>(path: &Path, e: &tar::Entry<'_, R>) -> Result<String> {
    if e.header().entry_type() != tar::EntryType::Regular {
        return Err(bad_bundle(path, crate::t!("rec.bundle.not_regular")));
    }
    let name = e.path().map_err(|e| bad_bundle(path, e))?.into_owned();
    inner_path(path, &name)
}

/// The path of an archive entry inside the bundle's folder (`export.json`, `photos/x.png`),
/// or an error for anything else (absolute paths, `..`, links, other folders).
fn inner_path(path: &Path, entry: &Path) -> Result<String> {
    let comps: Vec<&str> = entry
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().ok_or(()),
            _ => Err(()),
        })
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            bad_bundle(
                path,
                crate::t!("rec.bundle.entry_not_allowed", entry = entry.display()),
            )
        })?;
    let ok = match comps.as_slice() {
        [top, name] => {
            top.starts_with("evfield-") && (*name == RECORD_FILE || *name == "journal.jsonl")
        }
        [top, "photos", name] => top.starts_with("evfield-") && !name.is_empty(),
        _ => false,
    };
    if !ok {
        return Err(bad_bundle(
            path,
            crate::t!("rec.bundle.entry_foreign", entry = entry.display()),
        ));
    }
    Ok(comps[1..].join("/"))
}

/// Read the record out of a bundle (the first entry; stops there).
pub fn read_manifest_from_archive(path: &Path) -> Result<Manifest> {
    let mut a = open_archive(path)?;
    for entry in entries(&mut a, path)? {
        let e = entry.map_err(|e| bad_bundle(path, e))?;
        let inner = entry_name(path, &e)?;
        LIMITS.check(path, &inner, e.size(), &mut 0)?;
        if inner == RECORD_FILE {
            let mut bytes = Vec::new();
            e.take(MAX_RECORD)
                .read_to_end(&mut bytes)
                .map_err(|e| bad_bundle(path, e))?;
            return parse_manifest(&bytes, path);
        }
    }
    Err(bad_bundle(
        path,
        crate::t!("rec.bundle.holds_no", file = RECORD_FILE),
    ))
}

/// Run `f` on the journal inside a bundle, streamed out of the archive.
pub fn with_archive_journal<T>(
    path: &Path,
    f: impl FnOnce(&mut dyn Read) -> Result<T>,
) -> Result<T> {
    let mut a = open_archive(path)?;
    let mut total = 0;
    for entry in entries(&mut a, path)? {
        let mut e = entry.map_err(|e| bad_bundle(path, e))?;
        let inner = entry_name(path, &e)?;
        LIMITS.check(path, &inner, e.size(), &mut total)?;
        if inner == "journal.jsonl" {
            return f(&mut e);
        }
    }
    Err(bad_bundle(
        path,
        crate::t!("rec.bundle.holds_no", file = "journal.jsonl"),
    ))
}

// ----- masking -----

/// The secrets to mask and every form they take (src/session/seal.rs [`seal::forms`]); a short
/// secret (under [`seal::MIN_LEN`]) only as a whole JSON string.
struct Secrets {
    /// Longest first.
    forms: Vec<String>,
    exact: Vec<String>,
    /// The short secrets as JSON strings.
    quoted: Vec<String>,
}

impl Secrets {
    fn new(values: Vec<String>) -> Secrets {
        let mut p = seal::Patterns::default();
        for v in &values {
            p.add(v);
        }
        let mut forms: Vec<String> = Vec::new();
        for f in p.forms {
            // as it appears inside a JSON string too
            let escaped = serde_json::to_string(&f).unwrap_or_default();
            let inner = escaped
                .get(1..escaped.len().saturating_sub(1))
                .unwrap_or_default()
                .to_string();
            for f in [f, inner] {
                if f.len() >= seal::MIN_LEN && !forms.contains(&f) {
                    forms.push(f);
                }
            }
        }
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let quoted = p
            .exact
            .iter()
            .map(|x| serde_json::to_string(x).unwrap_or_default())
            .collect();
        Secrets {
            forms,
            exact: p.exact,
            quoted,
        }
    }

    /// A secret in `bytes`: one of the forms, or (in the line of a secret-kind key, `own`) a
    /// short secret as a whole JSON string.
    fn found_in(&self, bytes: &[u8], own: bool) -> bool {
        let has = |f: &String| bytes.windows(f.len()).any(|w| w == f.as_bytes());
        self.forms.iter().any(has) || (own && self.quoted.iter().any(has))
    }

    fn mask_str(&self, s: &str) -> String {
        let mut out = s.to_string();
        for f in &self.forms {
            out = out.replace(f.as_str(), MASK);
        }
        out
    }

    /// [`Self::mask_str`], and the short secrets as whole JSON strings.
    fn mask_own_str(&self, s: &str) -> String {
        let mut out = self.mask_str(s);
        for q in &self.quoted {
            out = out.replace(q.as_str(), &format!("\"{MASK}\""));
        }
        out
    }

    fn mask_value(&self, v: &mut Value, own: bool) {
        match v {
            Value::String(s) if own && self.exact.contains(s) => *s = MASK.to_string(),
            Value::String(s) if self.forms.iter().any(|f| s.contains(f.as_str())) => {
                *s = self.mask_str(s)
            }
            Value::Array(a) => a.iter_mut().for_each(|x| self.mask_value(x, own)),
            Value::Object(o) => o.values_mut().for_each(|x| self.mask_value(x, own)),
            _ => {}
        }
    }

    /// A line masked as text (a format-1 line, a damaged one, or a secret the writer did not
    /// seal): a sound event is re-encoded with the secrets masked in its `data` (its `prev` and
    /// `hash` kept); anything else is masked as text everywhere.
    fn mask_line(&self, line: &[u8], own: bool) -> Vec<u8> {
        if let Ok(mut ev) = serde_json::from_slice::<Event>(line) {
            self.mask_value(&mut ev.data, own);
            if let Ok(s) = serde_json::to_string(&ev)
                && !self.found_in(s.as_bytes(), own)
            {
                return s.into_bytes();
            }
        }
        let text = String::from_utf8_lossy(line);
        if own {
            self.mask_own_str(&text).into_bytes()
        } else {
            self.mask_str(&text).into_bytes()
        }
    }
}

/// Every JSON string that follows `"<field>":` in a line that is not JSON any more (damaged).
fn strings_after(text: &str, fields: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for field in fields {
        let tag = format!("\"{field}\":");
        let mut from = 0;
        while let Some(i) = text[from..].find(&tag) {
            let at = from + i + tag.len();
            let rest = text[at..].trim_start();
            let mut de = serde_json::Deserializer::from_str(rest).into_iter::<String>();
            if let Some(Ok(v)) = de.next() {
                out.push(v);
            }
            from = at;
        }
    }
    out
}

/// The secrets a journal line holds, read leniently (damaged or not, any format): the texts it
/// sealed, and the answers in it of a key to mask (by key, in its `data`, or — when the line is
/// not JSON any more — wherever the key's name stands in it).
fn secrets_in_line(line: &[u8], keys: &[String]) -> Vec<String> {
    let text = String::from_utf8_lossy(line);
    let is_key = |k: &str| keys.iter().any(|x| x == k);
    let mut out = Vec::new();
    let rest = match seal::split(&text) {
        Ok((sealed, rest)) => {
            out.extend(sealed.into_iter().map(|s| s.text));
            rest.into_owned()
        }
        Err(_) => text.to_string(),
    };
    match serde_json::from_str::<Value>(&rest) {
        Ok(v) => {
            if let Some(data) = v.get("data") {
                out.extend(seal::secrets_of(data, &is_key));
            }
        }
        Err(_) if keys.iter().any(|k| text.contains(k.as_str())) => {
            out.extend(
                strings_after(
                    &text,
                    &["value", "answer", "text", "previous", "old", "new"],
                )
                .into_iter()
                .filter(|s| s.len() >= seal::MIN_LEN),
            );
        }
        Err(_) => {}
    }
    out
}

/// What `evfield export` made.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub schema: u32,
    pub session_id: String,
    pub archive: PathBuf,
    pub bytes: u64,
    pub events: u64,
    pub last_hash: String,
    /// The original journal was intact (else `journal_fault` says where it is not).
    pub journal_valid: bool,
    pub journal_fault: Option<Fault>,
    pub masked_keys: Vec<String>,
    pub masked_values: u64,
    /// Lines whose secrets were masked: their sealed secrets removed (the line's hash holds),
    /// or masked as text (`masked_as_text`: format-1 lines from an older evfield, or damaged).
    pub masked_lines: u64,
    pub masked_as_text: u64,
    pub files: Vec<FileRecord>,
}

/// Options of [`export`].
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Answer keys to mask besides [`ALWAYS_MASKED`].
    pub mask_keys: Vec<String>,
    /// Other values that must not reach the bundle (the installer's password or token when the
    /// environment holds them): masked if found.
    pub extra_secrets: Vec<String>,
}

pub(super) fn sha256_file(path: &Path) -> Result<(u64, String)> {
    let mut f = File::open(path).map_err(|e| Error::io(&crate::t!("rec.io.read"), path, e))?;
    sha256_read(&mut f, path)
}

/// The size and SHA-256 of what `r` holds, streamed.
pub(super) fn sha256_read(r: &mut dyn Read, path: &Path) -> Result<(u64, String)> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    loop {
        let k = r
            .read(&mut buf)
            .map_err(|e| Error::io(&crate::t!("rec.io.read"), path, e))?;
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    Ok((n, hex::encode(h.finalize())))
}

/// A private copy of the journal as it stands, so that every pass of the export reads the same
/// bytes. When a session is writing to it (its lock is held), the copy ends at the last complete
/// line (a line being written is not yet part of the journal); when none is, the session's lock
/// is held while copying, so no resume starts (or repairs the journal) meanwhile, and a line cut
/// short by a crash is copied as it is, to be reported.
fn snapshot(journal_path: &Path, session_dir: &Path) -> Result<tempfile::NamedTempFile> {
    let lock = match crate::lock::try_lock(&journal::lock_path(journal_path), "export") {
        Ok(l) => l.ok(),
        // a read-only session folder: there can be no writer either
        Err(_) => None,
    };
    let live = lock.is_none() && journal::lock_path(journal_path).exists();
    let mut tmp = tempfile::Builder::new()
        .prefix(".export-")
        .tempfile_in(session_dir)
        .or_else(|_| tempfile::NamedTempFile::new())
        .map_err(|e| Error::io(&crate::t!("rec.io.create_temp"), session_dir, e))?;
    let mut f = File::open(journal_path).map_err(|e| unreadable(journal_path, e))?;
    let len = f.metadata().map_err(|e| unreadable(journal_path, e))?.len();
    // streamed: the copy never holds more than a chunk; a live journal's copy ends at the last
    // complete line
    let mut chunk = vec![0u8; 64 * 1024];
    let mut copied = 0u64;
    let mut end = 0u64;
    let mut r = (&mut f).take(len);
    loop {
        let n = r
            .read(&mut chunk)
            .map_err(|e| unreadable(journal_path, e))?;
        if n == 0 {
            break;
        }
        if let Some(i) = chunk[..n].iter().rposition(|&b| b == b'\n') {
            end = copied + i as u64 + 1;
        }
        tmp.write_all(&chunk[..n])
            .map_err(|e| Error::io(&crate::t!("rec.io.write"), tmp.path(), e))?;
        copied += n as u64;
    }
    tmp.flush()
        .map_err(|e| Error::io(&crate::t!("rec.io.write"), tmp.path(), e))?;
    if live {
        tmp.as_file()
            .set_len(end)
            .map_err(|e| Error::io(&crate::t!("rec.io.write"), tmp.path(), e))?;
    }
    drop(lock);
    Ok(tmp)
}

/// Call `f(seq, line, has_newline)` for every line of a file (without its newline).
fn for_each_line(path: &Path, mut f: impl FnMut(u64, &[u8], bool) -> Result<()>) -> Result<()> {
    let file = File::open(path).map_err(|e| unreadable(path, e))?;
    let mut r = BufReader::with_capacity(64 * 1024, file);
    let mut buf = Vec::new();
    let mut seq = 0u64;
    loop {
        let (n, too_long) =
            journal::read_bounded_line(&mut r, &mut buf).map_err(|e| unreadable(path, e))?;
        if n == 0 {
            return Ok(());
        }
        if too_long {
            return Err(Error::journal(
                "E_JOURNAL_LINE_TOO_LONG",
                crate::t!(
                    "bounds.line_at",
                    path = path.display(),
                    line = seq + 1,
                    why = journal::line_too_long_text()
                ),
            )
            .with_help(crate::t!("bounds.line.help")));
        }
        let nl = buf.last() == Some(&b'\n');
        let line = if nl { &buf[..buf.len() - 1] } else { &buf[..] };
        f(seq, line, nl)?;
        seq += 1;
    }
}

/// Pack the session whose journal is `journal_path` into a bundle at `out`. A session that is
/// running is exported as it stands when the export starts (see [`snapshot`]).
pub fn export(journal_path: &Path, out: &Path, opts: &ExportOptions) -> Result<ExportReport> {
    let session_dir = journal_path.parent().unwrap_or(Path::new("."));
    let snap = snapshot(journal_path, session_dir)?;
    let original = journal_path;
    let journal_path = snap.path();
    let mut keys: Vec<String> = ALWAYS_MASKED.iter().map(|s| s.to_string()).collect();
    for k in &opts.mask_keys {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }

    // Pass 1: verify the original and learn the station.
    let f = File::open(journal_path).map_err(|e| unreadable(journal_path, e))?;
    let mut station = Value::Null;
    let mut session_id: Option<String> = None;
    let v = journal::verify_with(f, |e, _| {
        if e.seq == 0 {
            session_id = e
                .data
                .get("session_id")
                .and_then(Value::as_str)
                .map(str::to_string);
        }
        let key = e.data.get("key").and_then(Value::as_str).unwrap_or("");
        if e.kind == "fact" && key == "station.identity" {
            station = e.data.get("value").cloned().unwrap_or(Value::Null);
        }
    })
    .map_err(|e| unreadable(journal_path, e))?;
    // Pass 2: the secrets, from every line, damaged or not (a damaged line is no reason to
    // let its secret through).
    let mut values: Vec<String> = Vec::new();
    for_each_line(journal_path, |_, line, _| {
        for s in secrets_in_line(line, &keys) {
            if !values.contains(&s) {
                values.push(s);
            }
        }
        Ok(())
    })?;
    let session_id = session_id.unwrap_or_else(|| {
        session_dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "session".into())
    });
    if v.events == 0 {
        return Err(Error::unreadable(
            "E_NOT_A_JOURNAL",
            crate::t!("rec.bundle.no_event", path = original.display()),
        ));
    }
    let n_values = values.len() as u64;
    let mut all = values;
    for s in &opts.extra_secrets {
        if s.len() >= 4 && !all.contains(s) {
            all.push(s.clone());
        }
    }
    let secrets = Secrets::new(all);

    // Pass 3: the masked copy, line by line. A line's sealed secrets are removed (its hash
    // holds); a secret still in it after that (a format-1 line, a damaged one) is masked as text
    // and the line listed in the record.
    let out_dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(out_dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_dir"), out_dir, e))?;
    let mut masked_tmp = tempfile::NamedTempFile::new_in(out_dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_temp"), out_dir, e))?;
    let mut lines = Vec::new();
    let mut sealed_lines = 0u64;
    let masked_name = crate::t!("rec.bundle.masked_journal");
    {
        let mut w = std::io::BufWriter::new(masked_tmp.as_file_mut());
        let io = |e| Error::io(&crate::t!("rec.io.write"), Path::new(&masked_name), e);
        for_each_line(journal_path, |seq, line, nl| {
            let text = String::from_utf8_lossy(line);
            let unsealed = match seal::split(&text) {
                Ok((sealed, rest)) if !sealed.is_empty() => {
                    sealed_lines += 1;
                    Some(rest.into_owned())
                }
                _ => None,
            };
            let line = unsealed.as_ref().map_or(line, |s| s.as_bytes());
            // the line of a secret-kind key (its answer, its checklist item), damaged or not
            let own = keys
                .iter()
                .any(|k| text.contains(&format!("\"key\":\"{k}\"")));
            if secrets.found_in(&seal::without_placeholders(line), own) {
                let m = secrets.mask_line(line, own);
                lines.push(MaskedLine {
                    seq,
                    sha256: hex::encode(Sha256::digest(&m)),
                });
                w.write_all(&m).map_err(io)?;
            } else {
                w.write_all(line).map_err(io)?;
            }
            if nl {
                w.write_all(b"\n").map_err(io)?;
            }
            Ok(())
        })?;
        w.flush()
            .map_err(|e| Error::io(&crate::t!("rec.io.write"), Path::new(&masked_name), e))?;
    }

    // The files: the masked journal, then the photos.
    let (jbytes, jsha) = sha256_file(masked_tmp.path())?;
    let mut files = vec![FileRecord {
        path: "journal.jsonl".into(),
        bytes: jbytes,
        sha256: jsha,
    }];
    let mut photos: Vec<PathBuf> = match std::fs::read_dir(session_dir.join("photos")) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            // not a photo being written at this moment (a temporary file, renamed when done)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    photos.sort();
    for p in &photos {
        let (bytes, sha256) = sha256_file(p)?;
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        files.push(FileRecord {
            path: format!("photos/{name}"),
            bytes,
            sha256,
        });
    }

    let summary = sessions::summarize(journal_path, &session_id)
        .ok()
        .and_then(|s| serde_json::to_value(s).ok())
        .map(|mut s| {
            if let Some(o) = s.as_object_mut() {
                o.remove("journal");
            }
            s
        })
        .unwrap_or(Value::Null);
    let manifest = Manifest {
        schema: 1,
        format: FORMAT.into(),
        tool: "evfield".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        session_id: session_id.clone(),
        summary,
        station,
        journal: JournalRecord {
            file: "journal.jsonl".into(),
            events: v.events,
            last_hash: v.last_hash.clone(),
            bytes: std::fs::metadata(journal_path)
                .map(|m| m.len())
                .unwrap_or(0),
            fault: v.fault.clone(),
        },
        masking: Masking {
            marker: MASK.into(),
            keys: keys.clone(),
            values: n_values,
            sealed_lines,
            lines: lines.clone(),
        },
        files: files.clone(),
    };
    let record = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::internal("E_EXPORT", crate::t!("rec.bundle.encode", why = e)))?;

    // The archive, written beside its target and renamed over it when complete.
    let top = format!("evfield-{session_id}");
    let mut tmp = tempfile::NamedTempFile::new_in(out_dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_temp"), out_dir, e))?;
    {
        let mut pack = Packer::new(tmp.as_file_mut(), out, &top);
        pack.add(RECORD_FILE, record.len() as u64, &mut &record[..])?;
        let mut jf = File::open(masked_tmp.path())
            .map_err(|e| Error::io(&crate::t!("rec.io.read"), masked_tmp.path(), e))?;
        pack.add("journal.jsonl", jbytes, &mut jf)?;
        for (p, rec) in photos.iter().zip(files.iter().skip(1)) {
            let mut pf = File::open(p).map_err(|e| Error::io(&crate::t!("rec.io.read"), p, e))?;
            pack.add(&rec.path, rec.bytes, &mut pf)?;
        }
        pack.finish()?;
    }

    // Last check: no secret anywhere in what is about to be handed over.
    if let Some(found) = secret_in_archive(tmp.path(), &secrets)? {
        return Err(Error::internal(
            "E_EXPORT_SECRET",
            crate::t!("rec.bundle.secret", found = found),
        )
        .with_help(crate::t!("rec.bundle.secret.help")));
    }
    tmp.persist(out)
        .map_err(|e| Error::io(&crate::t!("rec.io.replace"), out, e.error))?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(ExportReport {
        schema: 1,
        session_id,
        archive: out.to_path_buf(),
        bytes,
        events: v.events,
        last_hash: v.last_hash,
        journal_valid: v.fault.is_none(),
        journal_fault: v.fault,
        masked_keys: keys,
        masked_values: n_values,
        masked_lines: sealed_lines + lines.len() as u64,
        masked_as_text: lines.len() as u64,
        files,
    })
}

/// A bundle's archive being written: a .tar.gz whose entries are regular files (0600) in one
/// folder, then synced.
pub(super) struct Packer<'a> {
    tar: tar::Builder<flate2::write::GzEncoder<std::io::BufWriter<&'a mut File>>>,
    out: &'a Path,
    top: &'a str,
    mtime: u64,
}

impl<'a> Packer<'a> {
    /// Start writing into `file` (a temporary file beside `out`, named in errors) the folder
    /// `top`.
    pub(super) fn new(file: &'a mut File, out: &'a Path, top: &'a str) -> Self {
        let gz = flate2::write::GzEncoder::new(
            std::io::BufWriter::new(file),
            flate2::Compression::default(),
        );
        Packer {
            tar: tar::Builder::new(gz),
            out,
            top,
            mtime: chrono::Utc::now().timestamp().max(0) as u64,
        }
    }

    fn werr(&self, e: std::io::Error) -> Error {
        Error::io(&crate::t!("rec.io.write_bundle"), self.out, e)
    }

    /// Add `top/name`, `size` bytes read from `r`.
    pub(super) fn add(&mut self, name: &str, size: u64, r: &mut dyn Read) -> Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o600);
        h.set_mtime(self.mtime);
        h.set_entry_type(tar::EntryType::Regular);
        let path = format!("{}/{name}", self.top);
        self.tar
            .append_data(&mut h, path, r)
            .map_err(|e| self.werr(e))
    }

    /// End the archive and sync it to disk.
    pub(super) fn finish(self) -> Result<()> {
        let out = self.out;
        let werr = |e| Error::io(&crate::t!("rec.io.write_bundle"), out, e);
        let gz = self.tar.into_inner().map_err(werr)?;
        let mut bw = gz.finish().map_err(werr)?;
        bw.flush().map_err(werr)?;
        let file = bw.into_inner().map_err(|e| werr(e.into_error()))?;
        file.sync_all().map_err(werr)
    }
}

/// The name of the first entry of the archive that holds a secret in any form, if one does.
fn secret_in_archive(path: &Path, secrets: &Secrets) -> Result<Option<String>> {
    if secrets.forms.is_empty() {
        return Ok(None);
    }
    let longest = secrets.forms.iter().map(String::len).max().unwrap_or(0);
    let mut a = open_archive(path)?;
    for entry in entries(&mut a, path)? {
        let mut e = entry.map_err(|e| bad_bundle(path, e))?;
        let name = e
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut window: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = e.read(&mut chunk).map_err(|e| bad_bundle(path, e))?;
            if n == 0 {
                break;
            }
            window.extend_from_slice(&chunk[..n]);
            if secrets.found_in(&window, false) {
                return Ok(Some(name));
            }
            let keep = longest.saturating_sub(1).min(window.len());
            window.drain(..window.len() - keep);
        }
    }
    Ok(None)
}

/// An I/O error on a journal or bundle, as the `unreadable` kind (exit code 8).
pub fn unreadable(path: &Path, e: std::io::Error) -> Error {
    let mut err = Error::io(&crate::t!("rec.io.read"), path, e);
    err.kind = crate::ErrorKind::Unreadable;
    err.code = "E_UNREADABLE";
    err
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::journal::Journal;

    /// A bundle of a small session, made by the real export.
    pub(crate) fn bundle(dir: &Path) -> PathBuf {
        let session = dir.join("sessions/20260301-101500-abcdef");
        std::fs::create_dir_all(&session).unwrap();
        let mut j = Journal::create(&session.join("journal.jsonl")).unwrap();
        j.append(
            "session",
            "session_started",
            serde_json::json!({"session_id": "20260301-101500-abcdef", "version": "0"}),
        )
        .unwrap();
        drop(j);
        let out = dir.join("b.tar.gz");
        export(
            &session.join("journal.jsonl"),
            &out,
            &ExportOptions::default(),
        )
        .unwrap();
        out
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(MAX_BUNDLE_TOTAL), "2 GiB (2147483648 bytes)");
        assert_eq!(size_text(journal::MAX_LINE as u64), "1 MiB (1048576 bytes)");
        assert_eq!(size_text(1000), "1000 bytes");
    }
}
