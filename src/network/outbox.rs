//! The outbox: pinpoint submissions that wait for the network, sent exactly once.
//!
//! Each submission is one JSON file `<data dir>/outbox/<idempotency key>.json` (mode 0600,
//! written atomically), with its photo beside it (`<key>.jpg|png`). The idempotency key is chosen
//! before the first attempt and never changes, so however often an entry is sent (a lost answer,
//! a killed process, `sync` run twice) the network creates one station (docs/outbox.md).
//!
//! An entry goes `pending` → `photo_pending` (the station exists, the photo is not uploaded yet)
//! → `done`; a refusal that another try will not change makes it `failed`, with the reason kept.
//! Nothing is ever deleted by evfield.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::api::PinpointRequest;
use super::client::{Client, is_transient};
use crate::{Error, Result};

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Not yet accepted by the network.
    Pending,
    /// Accepted (the station exists); the photo upload is still to do.
    PhotoPending,
    /// Accepted, photo uploaded (or none to upload).
    Done,
    /// Refused by the network for a reason another try will not change; kept with the reason.
    Failed,
}

impl EntryState {
    pub fn name(self) -> &'static str {
        match self {
            EntryState::Pending => "pending",
            EntryState::PhotoPending => "photo_pending",
            EntryState::Done => "done",
            EntryState::Failed => "failed",
        }
    }
    /// Still something to send.
    pub fn open(self) -> bool {
        matches!(self, EntryState::Pending | EntryState::PhotoPending)
    }
}

/// The last error of an entry, as the network or the transport gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryError {
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    pub at: String,
}

/// One submission in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub schema: u32,
    /// The idempotency key, also the file name.
    pub key: String,
    /// The network's API address and the installer who submits.
    pub network: String,
    pub username: String,
    pub created_at: String,
    /// The guided session this came from, if any.
    pub session_id: Option<String>,
    pub request: PinpointRequest,
    /// File name of the photo beside the entry, when there is one.
    pub photo: Option<String>,
    pub photo_content_type: Option<String>,
    pub state: EntryState,
    pub attempts: u32,
    pub last_attempt_at: Option<String>,
    pub last_error: Option<EntryError>,
    pub station_id: Option<String>,
    pub accepted_at: Option<String>,
    /// The network answered with a replay of an earlier attempt (the answer had been lost).
    pub replayed: Option<bool>,
    pub photo_sha256: Option<String>,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Entry {
    /// A new entry with a fresh idempotency key (or the one a session already journaled).
    pub fn new(
        key: Option<String>,
        network: &str,
        username: &str,
        session_id: Option<String>,
        request: PinpointRequest,
    ) -> Entry {
        Entry {
            schema: SCHEMA,
            key: key.unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            network: network.to_string(),
            username: username.to_string(),
            created_at: now(),
            session_id,
            request,
            photo: None,
            photo_content_type: None,
            state: EntryState::Pending,
            attempts: 0,
            last_attempt_at: None,
            last_error: None,
            station_id: None,
            accepted_at: None,
            replayed: None,
            photo_sha256: None,
        }
    }
}

/// The outbox folder.
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

pub use crate::pinpoint::photo::image_type;

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Outbox {
    pub fn new(data_dir: &Path) -> Outbox {
        Outbox {
            dir: data_dir.join("outbox"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// Add an entry (and its photo, written first): after this returns, a crash loses nothing.
    pub fn put(&self, entry: &mut Entry, photo: Option<&[u8]>) -> Result<()> {
        if !valid_key(&entry.key) {
            return Err(Error::internal(
                "E_OUTBOX_KEY",
                crate::t!("net.outbox.bad_key", key = format!("{:?}", entry.key)),
            ));
        }
        crate::paths::ensure_private_dir(&self.dir)?;
        if let Some(bytes) = photo {
            let (ctype, ext) = image_type(bytes).ok_or_else(|| {
                Error::validation("E_PHOTO_FORMAT", crate::t!("net.outbox.photo_format"))
            })?;
            let name = format!("{}.{ext}", entry.key);
            crate::paths::write_atomic(&self.dir.join(&name), bytes)?;
            entry.photo = Some(name);
            entry.photo_content_type = Some(ctype.to_string());
        }
        self.save(entry)
    }

    /// Write an entry's current state (atomically).
    pub fn save(&self, entry: &Entry) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(entry)
            .map_err(|e| Error::internal("E_OUTBOX", crate::t!("net.outbox.encode", why = e)))?;
        crate::paths::write_atomic(&self.entry_path(&entry.key), &bytes)
    }

    /// One entry by its key.
    pub fn get(&self, key: &str) -> Result<Option<Entry>> {
        if !valid_key(key) {
            return Ok(None);
        }
        let path = self.entry_path(key);
        match std::fs::read(&path) {
            Ok(b) => parse_entry(&path, &b).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(
                &crate::t!("net.doing.read_outbox_entry"),
                &path,
                e,
            )),
        }
    }

    /// Every entry, oldest first. An unreadable entry is an error naming its file (it is never
    /// skipped silently, nor removed).
    pub fn list(&self) -> Result<Vec<Entry>> {
        let rd = match std::fs::read_dir(&self.dir) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&crate::t!("net.doing.read_outbox"), &self.dir, e)),
        };
        let mut v = Vec::new();
        for de in rd {
            let de =
                de.map_err(|e| Error::io(&crate::t!("net.doing.read_outbox"), &self.dir, e))?;
            let path = de.path();
            let name = de.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.starts_with('.') {
                continue;
            }
            let b = std::fs::read(&path)
                .map_err(|e| Error::io(&crate::t!("net.doing.read"), &path, e))?;
            v.push(parse_entry(&path, &b)?);
        }
        v.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.key.cmp(&b.key)));
        Ok(v)
    }

    pub fn photo_bytes(&self, entry: &Entry) -> Result<Option<Vec<u8>>> {
        match &entry.photo {
            None => Ok(None),
            Some(name) => {
                let p = self.dir.join(name);
                std::fs::read(&p)
                    .map(Some)
                    .map_err(|e| Error::io(&crate::t!("net.doing.read_queued_photo"), &p, e))
            }
        }
    }

    /// Hold the entry's lock (`.<key>.lock` beside it), waiting while another process (a
    /// concurrent `sync`, a session) sends it; then `entry` is read again, so what that process
    /// saved is not overwritten with an older state.
    fn lock_fresh(
        &self,
        entry: &mut Entry,
        waiting: &mut dyn FnMut(Option<crate::lock::Holder>),
    ) -> Result<crate::lock::Lock> {
        crate::paths::ensure_private_dir(&self.dir)?;
        let path = self.dir.join(format!(".{}.lock", entry.key));
        let lock = crate::lock::lock_wait(&path, "sync", waiting)?;
        if let Some(fresh) = self.get(&entry.key)? {
            *entry = fresh;
        }
        Ok(lock)
    }

    /// Send one entry as far as it goes: the submission (same idempotency key every time), then
    /// the photo. The entry is saved after every step. A transient failure leaves it open; a
    /// permanent one marks it failed with the reason. Returns the error of the step that failed.
    /// One process at a time sends an entry (its lock); `entry` is read again once it is held.
    pub fn send(&self, entry: &mut Entry, client: &Client) -> Result<()> {
        self.send_reporting(entry, client, &mut |_| {})
    }

    /// [`Outbox::send`], calling `waiting` with the holder when another process sends the
    /// entry first (so the caller can say what it waits for).
    pub fn send_reporting(
        &self,
        entry: &mut Entry,
        client: &Client,
        waiting: &mut dyn FnMut(Option<crate::lock::Holder>),
    ) -> Result<()> {
        let _lock = self.lock_fresh(entry, waiting)?;
        if entry.state == EntryState::Pending {
            entry.attempts += 1;
            entry.last_attempt_at = Some(now());
            let r = client.submit_pinpoint(&entry.request, &entry.key);
            match r {
                Ok((station, created)) => {
                    entry.station_id = Some(station.station_id);
                    entry.accepted_at = Some(now());
                    entry.replayed = Some(!created);
                    entry.last_error = None;
                    entry.state = if entry.photo.is_some() {
                        EntryState::PhotoPending
                    } else {
                        EntryState::Done
                    };
                    self.save(entry)?;
                }
                Err(e) => return Err(self.failed(entry, e)),
            }
        }
        if entry.state == EntryState::PhotoPending {
            let station = entry.station_id.clone().unwrap_or_default();
            let bytes = self.photo_bytes(entry)?.unwrap_or_default();
            let ctype = entry
                .photo_content_type
                .clone()
                .unwrap_or_else(|| "image/jpeg".into());
            entry.last_attempt_at = Some(now());
            match client.upload_photo(&station, &bytes, &ctype) {
                Ok(receipt) => {
                    entry.photo_sha256 = Some(receipt.sha256);
                    entry.last_error = None;
                    entry.state = EntryState::Done;
                    self.save(entry)?;
                }
                Err(e) => return Err(self.failed(entry, e)),
            }
        }
        Ok(())
    }

    /// Record a failed step: open entries stay open on transient errors, else become failed.
    fn failed(&self, entry: &mut Entry, e: Error) -> Error {
        entry.last_error = Some(EntryError {
            code: e.code.to_string(),
            message: e.message.clone(),
            help: e.help.clone(),
            at: now(),
        });
        if !is_transient(&e) {
            entry.state = EntryState::Failed;
        }
        match self.save(entry) {
            Ok(()) => e,
            Err(save) => save,
        }
    }

    /// Put a failed entry back to be sent again (after its cause was fixed).
    pub fn reopen(&self, entry: &mut Entry) -> Result<()> {
        let _lock = self.lock_fresh(entry, &mut |_| {})?;
        if entry.state == EntryState::Failed {
            entry.state = if entry.station_id.is_some() {
                EntryState::PhotoPending
            } else {
                EntryState::Pending
            };
            self.save(entry)?;
        }
        Ok(())
    }
}

fn parse_entry(path: &Path, bytes: &[u8]) -> Result<Entry> {
    serde_json::from_slice(bytes).map_err(|e| {
        Error::internal(
            "E_OUTBOX_ENTRY",
            crate::t!("net.outbox.bad_entry", path = path.display(), why = e),
        )
        .with_help(crate::t!("net.outbox.bad_entry_help"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::api::SiteDetails;

    fn req() -> PinpointRequest {
        PinpointRequest {
            mac: "02:EF:10:00:4D:01".into(),
            activation_password: "K7+9/QF=2".into(),
            manufacturer: "Evfield".into(),
            model: "SimCharger 22".into(),
            serial: "S1".into(),
            charge_box_id: "EVF-02EF10004D01".into(),
            firmware: None,
            gps_lat: 59.9,
            gps_lon: 10.7,
            address_id: "addr-0001".into(),
            pin_lat: 59.9,
            pin_lon: 10.7,
            details: SiteDetails::default(),
        }
    }

    #[test]
    fn entries_round_trip_oldest_first_and_bad_files_are_named() {
        let d = tempfile::tempdir().unwrap();
        let ob = Outbox::new(d.path());
        assert!(ob.list().unwrap().is_empty());
        let mut a = Entry::new(Some("k-1".into()), "http://127.0.0.1:1", "u", None, req());
        a.created_at = "2026-01-01T00:00:00Z".into();
        let mut b = Entry::new(None, "http://127.0.0.1:1", "u", None, req());
        ob.put(&mut b, Some(b"\x89PNG\r\n\x1a\nrest")).unwrap();
        ob.put(&mut a, None).unwrap();
        let list = ob.list().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].key, "k-1");
        assert_eq!(list[1].photo_content_type.as_deref(), Some("image/png"));
        assert_eq!(ob.photo_bytes(&list[1]).unwrap().unwrap().len(), 12);
        assert_eq!(ob.get("k-1").unwrap().unwrap(), a);
        assert!(ob.get("../x").unwrap().is_none());
        let mut bad = Entry::new(Some("../evil".into()), "n", "u", None, req());
        assert!(ob.put(&mut bad, None).is_err());

        std::fs::write(ob.dir().join("broken.json"), b"{").unwrap();
        let e = ob.list().unwrap_err();
        assert!(e.message.contains("broken.json"), "{}", e.message);
    }
}
