//! The session journal: an append-only JSON Lines file, one event a line, hash-chained.
//!
//! Each line is a JSON object with the fields, in this order: `v` (schema version), `seq`
//! (0, 1, 2, ...), `time` (UTC, RFC 3339 with milliseconds), `step`, `kind`, `data`, `prev` (the
//! `hash` of the previous event; 64 zeros for the first) and last `hash`: the SHA-256, in hex,
//! of the line's bytes up to the `,"hash":` that precedes it, followed by `}`. So a changed byte
//! anywhere breaks that line's hash, and a deleted, inserted or reordered line breaks the next
//! line's `prev` and `seq`. Every event is written with one `write` (in the page cache before
//! the caller moves on: a killed process loses nothing it wrote). A line cut short by a crash (no
//! final newline) is the only damage the writer repairs on open: it is cut off and the repair
//! itself is journaled.
//!
//! # Durability: which events are fsynced before the tool goes on
//!
//! Only a power loss (or a kernel crash) loses what is written but not yet on disk. The writer
//! `fdatasync`s where such a loss would cost more than a redone read ([`must_sync`]); every other
//! event rides on the next sync (one `fdatasync` makes everything before it durable):
//!
//! - **Write-ahead, before an effect outside:** `action_started` (written before the network is
//!   sent a submission), everything journaled before the station is given a command
//!   (`Session::station` calls [`Journal::sync`]) and before the chain head is sent to the
//!   network (its count and hash must stay the journal's).
//! - **What a person typed:** an `answer` or `correction` unless its source gives it again on
//!   resume (`flag`, `answers:<line>`, `demo`, `default`, `network`, `site:<name>`); every
//!   `refused` and `withdrawn`. A typed value is never lost.
//! - **The ends of the journal:** `session_started` (the first event, before the journal takes
//!   its name), `action_queued` (the hand-off to the outbox), `session_done`,
//!   `session_abandoned`; and whatever is still unsynced when the journal is dropped (the
//!   process ends, also with an error).
//!
//! The rest (`step_started`, `step_done`, `step_failed`, `fact`, `traffic`, `api_call`,
//! `checklist_item`, `action_done`, notices) may be lost to a power cut, never to a kill: resume
//! then reads the station or the network again, or redoes an action with the same idempotency
//! key, as it does after a kill between an action and its `action_done` (docs/journal.md,
//! "Crashes, kills and pulled batteries").

use std::borrow::Cow;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, Read, Write};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

mod layout;
mod pieces;
pub mod seal;
pub mod sessions;
pub mod sites;

#[cfg(test)]
pub(crate) use pieces::verify_pieces;
pub use pieces::{PIECE, Tally, verify_tally};

use crate::{Error, Result};

/// Version of the event schema written by this build: 2 seals secrets (src/session/seal.rs);
/// 1 (older builds) held them in clear. Both are read; a journal never goes back from 2 to 1.
pub const SCHEMA_VERSION: u32 = 2;
/// The oldest version still read.
pub const OLDEST_VERSION: u32 = 1;
/// `prev` of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const HASH_TAG: &str = ",\"hash\":\"";
/// The longest journal line read or written, without its newline: 1 MiB. A longer line is
/// refused (docs/journal.md "Limits"), so a hostile journal cannot make a reader hold more.
pub const MAX_LINE: usize = 1 << 20;

/// Read one line (with its newline) into `buf`, which is cleared first, holding at most
/// [`MAX_LINE`] bytes of it plus the newline. Returns the bytes read and whether the line is
/// longer than that: then `buf` holds its first `MAX_LINE + 1` bytes and the rest is unread
/// (see [`skip_line`]).
pub fn read_bounded_line(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
) -> std::io::Result<(usize, bool)> {
    buf.clear();
    let n = (&mut *r).take(MAX_LINE as u64 + 1).read_until(b'\n', buf)?;
    let too_long = n > MAX_LINE && buf.last() != Some(&b'\n');
    Ok((n, too_long))
}

/// Skip the rest of a line without keeping it; returns the bytes skipped (newline included).
pub fn skip_line(r: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(skipped);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let k = chunk.len();
                r.consume(k);
                skipped += k as u64;
            }
        }
    }
}

/// The fault text of a line over [`MAX_LINE`].
pub fn line_too_long_text() -> String {
    crate::t!(
        "bounds.line_too_long",
        limit = crate::paths::size_text(MAX_LINE as u64),
        name = "MAX_LINE"
    )
}

/// `,"hash":"` + 64 hex + `"}`
const HASH_SUFFIX_LEN: usize = HASH_TAG.len() + 64 + 2;

/// One journal event as read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub v: u32,
    pub seq: u64,
    pub time: String,
    pub step: String,
    pub kind: String,
    pub data: Value,
    pub prev: String,
    pub hash: String,
}

#[derive(Serialize)]
struct Body<'a> {
    v: u32,
    seq: u64,
    time: &'a str,
    step: &'a str,
    kind: &'a str,
    data: &'a Value,
    prev: &'a str,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether an event must be on disk before the caller goes on (the module's header,
/// "Durability"): write-ahead of an effect outside, what a person typed, the journal's ends.
pub fn must_sync(kind: &str, data: &Value) -> bool {
    match kind {
        "session_started" | "session_done" | "session_abandoned" | "action_started"
        | "action_queued" | "refused" | "withdrawn" => true,
        "answer" | "correction" => !data.get("source").and_then(Value::as_str).is_some_and(|s| {
            matches!(s, "flag" | "demo" | "default" | "network")
                || s.starts_with("answers:")
                || s.starts_with("site:")
        }),
        _ => false,
    }
}

/// Encode one event as its line (without the newline); returns the line and its hash. Public so
/// tests can build large journals without an fsync per event. Seals nothing: see
/// [`Journal::append`] for the secrets.
pub fn encode(
    seq: u64,
    time: &str,
    step: &str,
    kind: &str,
    data: &Value,
    prev: &str,
) -> (String, String) {
    let body = Body {
        v: SCHEMA_VERSION,
        seq,
        time,
        step,
        kind,
        data,
        prev,
    };
    let mut text = serde_json::to_string(&body).expect("a journal event always serialises");
    let hash = sha256_hex(text.as_bytes());
    text.pop(); // the closing brace
    text.push_str(HASH_TAG);
    text.push_str(&hash);
    text.push_str("\"}");
    (text, hash)
}

/// What kind of damage a [`Fault`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultClass {
    /// The line's bytes do not match its own hash: something in it was changed.
    Changed,
    /// Sequence numbers jump forward: one or more lines were deleted.
    Missing,
    /// A line stands out of its place (moved, swapped or duplicated).
    Reordered,
    /// Sequence is right but `prev` is not the hash of the line before: a line was replaced by
    /// another sound-looking one, or the line before was changed and re-hashed.
    Relinked,
    /// The line is not a journal event of this schema (not JSON, a field missing or wrong).
    Schema,
    /// The last line has no newline: the write was cut short (a crash) or the file was cut.
    Truncated,
}

/// A sound line, read back.
struct Checked {
    event: Event,
    /// Its secrets were masked (removed by an export): placeholders without their texts.
    masked: bool,
}

/// A sound event as [`verify_view`] hands it over: borrowed from its line where it can be, and
/// of `data` only the members at its top level (string values kept, other values only noted),
/// so checking a journal allocates next to nothing a line.
#[derive(Debug, Deserialize)]
pub struct EventView<'a> {
    pub v: u32,
    pub seq: u64,
    #[serde(borrow)]
    pub time: Cow<'a, str>,
    #[serde(borrow)]
    pub step: Cow<'a, str>,
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub data: DataView<'a>,
    #[serde(borrow)]
    pub prev: Cow<'a, str>,
    #[serde(borrow)]
    pub hash: Cow<'a, str>,
    /// The line it was read from (empty when `full` holds the event).
    #[serde(skip)]
    line: &'a str,
    /// The whole event, for a line that took the full check (seals, placeholders, escapes).
    #[serde(skip)]
    full: Option<Box<Event>>,
}

impl EventView<'_> {
    /// The whole event, `data` and all (parsed again from its line: for the few events a
    /// reader needs whole).
    pub fn to_event(&self) -> Event {
        if let Some(e) = &self.full {
            return (**e).clone();
        }
        match serde_json::from_str(self.line) {
            Ok(e) => e,
            // a line that parsed into this view parses into an event; kept whole just in case
            Err(_) => Event {
                v: self.v,
                seq: self.seq,
                time: self.time.to_string(),
                step: self.step.to_string(),
                kind: self.kind.to_string(),
                data: Value::Null,
                prev: self.prev.to_string(),
                hash: self.hash.to_string(),
            },
        }
    }
}

/// The top level of an event's `data`: whether it is an object, its member names and the values
/// of its string members.
#[derive(Debug, Default)]
pub struct DataView<'a> {
    object: bool,
    members: Vec<(Cow<'a, str>, Option<Cow<'a, str>>)>,
}

impl<'a> DataView<'a> {
    pub fn is_object(&self) -> bool {
        self.object
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.members.iter().any(|(k, _)| k == key)
    }

    /// Whether the member is there exactly once.
    pub fn once(&self, key: &str) -> bool {
        self.members.iter().filter(|(k, _)| k == key).count() == 1
    }

    /// The member's value when it is a string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_deref())
    }

    fn of(v: &Value) -> DataView<'static> {
        let Some(o) = v.as_object() else {
            return DataView::default();
        };
        DataView {
            object: true,
            members: o
                .iter()
                .map(|(k, v)| {
                    (
                        Cow::Owned(k.clone()),
                        v.as_str().map(|s| s.to_string().into()),
                    )
                })
                .collect(),
        }
    }
}

impl EventView<'static> {
    fn of(e: Event) -> EventView<'static> {
        EventView {
            v: e.v,
            seq: e.seq,
            data: DataView::of(&e.data),
            time: e.time.clone().into(),
            step: e.step.clone().into(),
            kind: e.kind.clone().into(),
            prev: e.prev.clone().into(),
            hash: e.hash.clone().into(),
            line: "",
            full: Some(Box::new(e)),
        }
    }
}

/// A JSON string, borrowed from the input when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(TopValue(PhantomData)).and_then(|v| {
            v.map(Text)
                .ok_or_else(|| serde::de::Error::custom("a member name is not a string"))
        })
    }
}

/// A top-level member's value: `Some` for a string, `None` for anything else (read, not kept).
struct TopValue<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> serde::de::Visitor<'de> for TopValue<'a> {
    type Value = Option<Cow<'a, str>>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(None)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for DataView<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Top<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Top<'a> {
            type Value = DataView<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(Text(k)) = map.next_key::<Text>()? {
                    let v = map.next_value_seed(TopSeed(PhantomData))?;
                    members.push((k, v));
                }
                Ok(DataView {
                    object: true,
                    members,
                })
            }
            fn visit_borrowed_str<E>(self, _: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(DataView::default())
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<Self::Value, E> {
                Ok(DataView::default())
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
                Ok(DataView::default())
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
                Ok(DataView::default())
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
                Ok(DataView::default())
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
                Ok(DataView::default())
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(DataView::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(DataView::default())
            }
        }
        d.deserialize_any(Top(PhantomData))
    }
}

struct TopSeed<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> serde::de::DeserializeSeed<'de> for TopSeed<'a> {
    type Value = Option<Cow<'a, str>>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(TopValue(PhantomData))
    }
}

/// Check a line given the previous hash and sequence, and the oldest format the lines from here
/// on may have (`min_v`: a journal never goes back to an older format). `vouched` says whether a
/// format-1 line whose own hash does not match may still be taken (a line masked as text by an
/// export, see docs/json.md); a format-2 line is always checked against its own hash.
fn check_line(
    line: &[u8],
    expect_seq: u64,
    expect_prev: &str,
    min_v: u32,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
) -> std::result::Result<Checked, (FaultClass, String)> {
    use FaultClass::*;
    let text =
        std::str::from_utf8(line).map_err(|_| (Schema, crate::t!("rec.journal.not_utf8")))?;
    let (sealed, text) = seal::split(text).map_err(|why| (Schema, why))?;
    let text = text.as_ref();
    check_hash(text, line, expect_seq, vouched)?;
    let mut ev: Event = serde_json::from_str(text)
        .map_err(|e| (Schema, crate::t!("rec.journal.not_event", why = e)))?;
    check_version(ev.v, min_v)?;
    let masked = ev.v >= 2 && sealed.is_empty() && seal::has_placeholder(&ev.data);
    if ev.v >= 2 {
        seal::unseal(&mut ev.data, &sealed).map_err(|why| (Changed, why))?;
    }
    check_place(ev.seq, &ev.prev, &ev.time, expect_seq, expect_prev)?;
    Ok(Checked { event: ev, masked })
}

/// [`check_line`] for [`verify_view`]: a line in the writer's own layout is read by its
/// scanner ([`layout::scan`]); else a line without seals, placeholders or escapes (that could
/// spell one) is parsed into a view of its line; any other takes the full check.
fn check_line_view<'a>(
    line: &'a [u8],
    expect_seq: u64,
    expect_prev: &str,
    min_v: u32,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
) -> std::result::Result<(EventView<'a>, bool), (FaultClass, String)> {
    if let Some(ev) = layout::scan(line, expect_seq, expect_prev, min_v) {
        return Ok((ev, false));
    }
    check_line_general(line, expect_seq, expect_prev, min_v, vouched)
}

/// [`check_line_view`] without the scanner of the writer's layout.
fn check_line_general<'a>(
    line: &'a [u8],
    expect_seq: u64,
    expect_prev: &str,
    min_v: u32,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
) -> std::result::Result<(EventView<'a>, bool), (FaultClass, String)> {
    use FaultClass::*;
    let text =
        std::str::from_utf8(line).map_err(|_| (Schema, crate::t!("rec.journal.not_utf8")))?;
    if text.starts_with(seal::SEALED_START) || text.contains("[sealed:") || text.contains("\\u") {
        let c = check_line(line, expect_seq, expect_prev, min_v, vouched)?;
        return Ok((EventView::of(c.event), c.masked));
    }
    check_hash(text, line, expect_seq, vouched)?;
    let mut ev: EventView = serde_json::from_str(text)
        .map_err(|e| (Schema, crate::t!("rec.journal.not_event", why = e)))?;
    ev.line = text;
    check_version(ev.v, min_v)?;
    check_place(ev.seq, &ev.prev, &ev.time, expect_seq, expect_prev)?;
    Ok((ev, false))
}

/// The line's own hash against the SHA-256 of its bytes up to `,"hash":` and a `}`.
fn check_hash(
    text: &str,
    line: &[u8],
    expect_seq: u64,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
) -> std::result::Result<(), (FaultClass, String)> {
    use FaultClass::*;
    if text.len() < HASH_SUFFIX_LEN || !text.ends_with("\"}") {
        return Err((Schema, crate::t!("rec.journal.no_hash")));
    }
    let cut = text.len() - HASH_SUFFIX_LEN;
    if !text.is_char_boundary(cut) || &text[cut..cut + HASH_TAG.len()] != HASH_TAG {
        return Err((Schema, crate::t!("rec.journal.no_hash")));
    }
    let stored = &text[cut + HASH_TAG.len()..text.len() - 2];
    let mut h = Sha256::new();
    h.update(&text.as_bytes()[..cut]);
    h.update(b"}");
    let digest = h.finalize();
    let mut actual = [0u8; 64];
    hex::encode_to_slice(digest, &mut actual).expect("64 hex digits for 32 bytes");
    let format1 = text.starts_with("{\"v\":1,");
    if actual != stored.as_bytes() && !(format1 && vouched(expect_seq, line)) {
        return Err((
            Changed,
            crate::t!(
                "rec.journal.changed",
                stored = stored,
                computed = String::from_utf8_lossy(&actual)
            ),
        ));
    }
    Ok(())
}

fn check_version(v: u32, min_v: u32) -> std::result::Result<(), (FaultClass, String)> {
    if !(OLDEST_VERSION..=SCHEMA_VERSION).contains(&v) {
        return Err((
            FaultClass::Schema,
            crate::t!("rec.journal.schema", found = v, supported = SCHEMA_VERSION),
        ));
    }
    if v < min_v {
        return Err((
            FaultClass::Schema,
            crate::t!("seal.downgrade", found = v, before = min_v),
        ));
    }
    Ok(())
}

/// Sequence number, link to the line before and time.
fn check_place(
    seq: u64,
    prev: &str,
    time: &str,
    expect_seq: u64,
    expect_prev: &str,
) -> std::result::Result<(), (FaultClass, String)> {
    use FaultClass::*;
    if seq != expect_seq {
        let class = if seq > expect_seq { Missing } else { Reordered };
        return Err((
            class,
            crate::t!("rec.journal.seq", found = seq, expected = expect_seq),
        ));
    }
    if prev != expect_prev {
        return Err((Relinked, crate::t!("rec.journal.relinked")));
    }
    if chrono::DateTime::parse_from_rfc3339(time).is_err() {
        return Err((Schema, crate::t!("rec.journal.time", time = time)));
    }
    Ok(())
}

/// The sequence number a line claims, read leniently (for telling a deleted line from a moved one).
fn claimed_seq(line: &[u8]) -> Option<u64> {
    #[derive(Deserialize)]
    struct Seq {
        seq: u64,
    }
    serde_json::from_slice::<Seq>(line).ok().map(|s| s.seq)
}

/// The first problem found by [`verify`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// Sequence number the bad line should have had.
    pub seq: u64,
    /// Byte offset of the bad line's start.
    pub offset: u64,
    /// 1-based line number.
    pub line: u64,
    /// What kind of damage.
    pub class: FaultClass,
    pub what: String,
    /// The file ends in a line with no newline (a crash while writing, or a cut file).
    pub truncated: bool,
}

/// Outcome of reading a whole journal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verified {
    pub events: u64,
    pub bytes: u64,
    pub last_hash: String,
    pub fault: Option<Fault>,
    /// Sound lines in format 1 (secrets in clear, written by an older evfield).
    pub format1_lines: u64,
    /// Sound lines whose sealed secrets were masked (removed by an export).
    pub masked_lines: u64,
}

/// Stream through a journal, checking every line; calls `each` for every sound event in order.
/// Stops at the first fault. Memory stays flat: one line at a time.
pub fn verify_with(reader: impl Read, each: impl FnMut(&Event, u64)) -> std::io::Result<Verified> {
    verify_vouched(reader, &|_, _| false, each)
}

/// [`verify_with`], taking a line whose own hash does not match when `vouched(seq, line)` says
/// so (the masked lines of an export, checked against the export's record instead). The chain
/// goes on with the line's stored hash, so the lines after it are checked as usual.
pub fn verify_vouched(
    reader: impl Read,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
    mut each: impl FnMut(&Event, u64),
) -> std::io::Result<Verified> {
    walk(reader, vouched, |line, seq, prev, min_v, offset| {
        let Checked { event: ev, masked } = check_line(line, seq, prev, min_v, vouched)?;
        each(&ev, offset);
        Ok((ev.v, masked, Cow::Owned(ev.hash)))
    })
}

/// [`verify_vouched`] handing over a view of each event ([`EventView`]) instead of the event:
/// the same checks, without building every event's `data`. For readers that need only its top
/// level (`log verify`).
pub fn verify_view(
    reader: impl Read,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
    mut each: impl FnMut(&EventView, u64),
) -> std::io::Result<Verified> {
    walk(reader, vouched, |line, seq, prev, min_v, offset| {
        take_view(line, seq, prev, min_v, offset, vouched, &mut each)
    })
}

/// One line of a walk that hands over views: checked, given to `each`, and what the walk
/// learns of it.
fn take_view<'a>(
    line: &'a [u8],
    seq: u64,
    prev: &str,
    min_v: u32,
    offset: u64,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
    each: &mut dyn FnMut(&EventView, u64),
) -> Taken<'a> {
    let (ev, masked) = check_line_view(line, seq, prev, min_v, vouched)?;
    each(&ev, offset);
    Ok((ev.v, masked, ev.hash))
}

/// What the walk learns of a sound line: its version, whether it was masked, its hash.
type Taken<'a> = std::result::Result<(u32, bool, Cow<'a, str>), (FaultClass, String)>;

/// Lines read in place from a large buffer: each line is handed over as a slice of the buffer
/// (no copy), read [`READ_CHUNK`] bytes at a time. Holds at most `READ_CHUNK + MAX_LINE + 1`
/// bytes, whatever the journal's size.
struct Lines<R> {
    r: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// Where the line last handed over starts (for [`Lines::back`]).
    last: usize,
}

/// How much [`Lines`] reads at a time.
const READ_CHUNK: usize = 128 << 10;

impl<R: Read> Lines<R> {
    fn new(r: R) -> Lines<R> {
        Lines {
            r,
            buf: vec![0; READ_CHUNK + MAX_LINE + 1],
            start: 0,
            end: 0,
            eof: false,
            last: 0,
        }
    }

    /// Lines of another reader in the same buffer (no new allocation).
    fn renew<S: Read>(self, r: S) -> Lines<S> {
        Lines {
            r,
            buf: self.buf,
            start: 0,
            end: 0,
            eof: false,
            last: 0,
        }
    }

    /// Hand the line last handed over out again at the next [`Lines::next_line`].
    fn back(&mut self) {
        self.start = self.last;
    }

    /// The next line with its newline (none at the end of the file for a line cut short), and
    /// whether it is longer than [`MAX_LINE`] (then only its first `MAX_LINE + 1` bytes, and
    /// the walk stops there): as [`read_bounded_line`] reads it. `None` at the end.
    fn next_line(&mut self) -> std::io::Result<Option<(&[u8], bool)>> {
        let mut searched = self.start;
        loop {
            self.last = self.start;
            if let Some(i) = memchr::memchr(b'\n', &self.buf[searched..self.end]) {
                let line = self.start..searched + i + 1;
                self.start = line.end;
                if line.len() > MAX_LINE + 1 {
                    return Ok(Some((
                        &self.buf[line.start..line.start + MAX_LINE + 1],
                        true,
                    )));
                }
                return Ok(Some((&self.buf[line], false)));
            }
            searched = self.end;
            let held = self.end - self.start;
            if held > MAX_LINE {
                let line = self.start..self.start + MAX_LINE + 1;
                self.start = self.end;
                return Ok(Some((&self.buf[line], true)));
            }
            if self.eof {
                let line = self.start..self.end;
                self.start = self.end;
                return Ok((!line.is_empty()).then(|| (&self.buf[line], false)));
            }
            if self.buf.len() - self.end < READ_CHUNK {
                self.buf.copy_within(self.start..self.end, 0);
                searched -= self.start;
                self.start = 0;
                self.end = held;
            }
            let n = loop {
                match self.r.read(&mut self.buf[self.end..]) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    r => break r?,
                }
            };
            self.end += n;
            self.eof = n == 0;
        }
    }
}

/// The walk through a journal behind [`verify_vouched`] and [`verify_view`]: `take(line, seq,
/// prev, min_v, offset)` checks one complete line and hands it on.
fn walk(
    reader: impl Read,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
    take: impl for<'a> FnMut(&'a [u8], u64, &str, u32, u64) -> Taken<'a>,
) -> std::io::Result<Verified> {
    let (v, _) = walk_from(
        &mut Lines::new(reader),
        Start::genesis(),
        u64::MAX,
        vouched,
        take,
    )?;
    Ok(v)
}

/// The state of the chain before the line at `offset`: what a walk from there expects of it,
/// and what the lines before it counted.
#[derive(Debug, Clone, PartialEq)]
struct Start {
    offset: u64,
    seq: u64,
    prev: String,
    min_v: u32,
    format1_lines: u64,
    masked_lines: u64,
}

impl Start {
    fn genesis() -> Start {
        Start {
            offset: 0,
            seq: 0,
            prev: GENESIS.to_string(),
            min_v: OLDEST_VERSION,
            format1_lines: 0,
            masked_lines: 0,
        }
    }
}

/// [`walk`] from `start` (the reader is at its offset), stopping before a line that starts at
/// or after `until` (with no fault). Returns the outcome and the version of the last sound
/// line (the oldest format the next line may have).
fn walk_from<R: Read>(
    r: &mut Lines<R>,
    start: Start,
    until: u64,
    vouched: &dyn Fn(u64, &[u8]) -> bool,
    mut take: impl for<'a> FnMut(&'a [u8], u64, &str, u32, u64) -> Taken<'a>,
) -> std::io::Result<(Verified, u32)> {
    let Start {
        mut offset,
        mut seq,
        mut prev,
        mut min_v,
        mut format1_lines,
        mut masked_lines,
    } = start;
    loop {
        let done = |fault: Option<Fault>, events: u64, bytes: u64, last_hash: String| Verified {
            events,
            bytes,
            last_hash,
            fault,
            format1_lines,
            masked_lines,
        };
        if offset >= until {
            return Ok((done(None, seq, offset, prev), min_v));
        }
        let Some((buf, too_long)) = r.next_line()? else {
            return Ok((done(None, seq, offset, prev), min_v));
        };
        let n = buf.len();
        let complete = buf.last() == Some(&b'\n');
        let line = if complete { &buf[..n - 1] } else { buf };
        let fault = |class: FaultClass, what: String| Fault {
            seq,
            offset,
            line: seq + 1,
            class,
            what,
            truncated: class == FaultClass::Truncated,
        };
        if too_long {
            let f = fault(FaultClass::Schema, line_too_long_text());
            return Ok((done(Some(f), seq, offset, prev), min_v));
        }
        if !complete {
            let what = match check_line(line, seq, &prev, min_v, vouched) {
                Ok(_) => crate::t!("rec.journal.no_newline"),
                Err((_, e)) => crate::t!("rec.journal.cut_short", why = e),
            };
            let f = fault(FaultClass::Truncated, what);
            return Ok((done(Some(f), seq, offset, prev), min_v));
        }
        match take(line, seq, &prev, min_v, offset) {
            Ok((v, masked, hash)) => {
                min_v = v;
                format1_lines += u64::from(v == 1);
                masked_lines += u64::from(masked);
                prev.clear();
                prev.push_str(&hash);
                seq += 1;
                offset += n as u64;
            }
            Err((mut class, mut what)) => {
                if class == FaultClass::Missing {
                    // A later line where this one was expected: deleted, or moved? Look at the
                    // next line only, so memory stays flat.
                    let found = claimed_seq(line).unwrap_or(seq);
                    let next = r.next_line()?.map(|(l, _)| l.trim_ascii_end());
                    if next.and_then(claimed_seq) == Some(seq) {
                        class = FaultClass::Reordered;
                        what = crate::t!("rec.journal.moved", found = found, seq = seq);
                    } else {
                        what = if found == seq + 1 {
                            crate::t!("rec.journal.deleted_one", seq = seq, found = found)
                        } else {
                            crate::t!(
                                "rec.journal.deleted_many",
                                seq = seq,
                                last = found - 1,
                                found = found
                            )
                        };
                    }
                } else if class == FaultClass::Reordered {
                    let found = claimed_seq(line).unwrap_or(seq);
                    what = crate::t!("rec.journal.duplicated", found = found, seq = seq);
                }
                return Ok((done(Some(fault(class, what)), seq, offset, prev), min_v));
            }
        }
    }
}

/// Verify a journal file.
pub fn verify(path: &Path) -> Result<Verified> {
    let f = File::open(path).map_err(|e| Error::io(&crate::t!("rec.io.open_journal"), path, e))?;
    verify_with(f, |_, _| {}).map_err(|e| Error::io(&crate::t!("rec.io.read_journal"), path, e))
}

/// Read every event of a journal; a fault other than a cut-short last line is an error.
pub fn read_all(path: &Path) -> Result<(Vec<Event>, Verified)> {
    let f = File::open(path).map_err(|e| Error::io(&crate::t!("rec.io.open_journal"), path, e))?;
    let mut events = Vec::new();
    let v = verify_with(f, |e, _| events.push(e.clone()))
        .map_err(|e| Error::io(&crate::t!("rec.io.read_journal"), path, e))?;
    if let Some(fault) = v.fault.as_ref().filter(|f| !f.truncated) {
        {
            return Err(Error::journal(
                "E_JOURNAL_TAMPERED",
                crate::t!(
                    "rec.journal.damaged",
                    path = path.display(),
                    seq = fault.seq,
                    line = fault.line,
                    byte = fault.offset,
                    why = fault.what
                ),
            )
            .with_help(crate::t!("rec.journal.damaged.help")));
        }
    }
    Ok((events, v))
}

/// Appends events to a journal file. It holds the session's lock (see [`lock_session`]) for
/// as long as it lives: one writer per session.
pub struct Journal {
    path: PathBuf,
    file: File,
    _lock: crate::lock::Lock,
    /// Every secret answered so far, in every form: sealed wherever they occur.
    secrets: seal::Patterns,
    seq: u64,
    prev: String,
    /// Hook for tests and the crash campaign: see [`FailPoint`].
    failpoint: Option<FailPoint>,
    /// A new journal is written as [`unborn_path`] until its first event is on disk, then linked
    /// to its real name: a journal never exists without a whole first event.
    unborn: bool,
    /// Events written since the last `fdatasync` (in the page cache, not yet on disk).
    unsynced: bool,
}

/// Where a new journal's first event is written before the journal takes its name: a crash in
/// the middle of that write leaves this file, never a journal without its first event.
pub fn unborn_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(".new");
    journal.with_file_name(name)
}

/// Test hook, read from `EVFIELD_FAILPOINT`: `pause-after:N` blocks forever once event N is
/// fsynced (an outside process then kills us), `kill-after:N` kills the process itself with
/// SIGKILL after event N, `torn-write:N` writes half of event N and then kills the process,
/// `torn-done:ACTION` writes half of the `action_done` event of ACTION (its work is done, e.g. the
/// network has the submission, but the journal does not say so) and kills the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailPoint {
    PauseAfter(u64),
    KillAfter(u64),
    TornWrite(u64),
    TornDone(String),
}

impl FailPoint {
    pub fn from_env() -> Option<FailPoint> {
        let v = std::env::var("EVFIELD_FAILPOINT").ok()?;
        let (k, n) = v.split_once(':')?;
        if k.trim() == "torn-done" {
            return Some(FailPoint::TornDone(n.trim().to_string()));
        }
        let n: u64 = n.trim().parse().ok()?;
        match k.trim() {
            "pause-after" => Some(FailPoint::PauseAfter(n)),
            "kill-after" => Some(FailPoint::KillAfter(n)),
            "torn-write" => Some(FailPoint::TornWrite(n)),
            _ => None,
        }
    }

    /// Whether the event about to be written (`seq`, `kind`, `data`) is to be torn.
    fn tears(&self, seq: u64, kind: &str, data: &Value) -> bool {
        match self {
            FailPoint::TornWrite(n) => *n == seq,
            FailPoint::TornDone(action) => {
                kind == "action_done"
                    && data.get("action").and_then(Value::as_str) == Some(action.as_str())
            }
            _ => false,
        }
    }
}

fn die_now() -> ! {
    // SIGKILL ourselves: no destructor, no flush, exactly as a pulled laptop battery.
    #[cfg(unix)]
    // SAFETY: kill(2) on our own pid with a constant signal has no memory effects.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGKILL);
    }
    std::process::abort()
}

/// The lock file beside a journal.
pub fn lock_path(journal: &Path) -> PathBuf {
    journal.with_file_name("journal.lock")
}

/// Take the one-writer lock of the session whose journal is `journal`, or say who holds it.
pub fn lock_session(journal: &Path) -> Result<crate::lock::Lock> {
    let id = journal
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    // the command (`renetwork`, `sessions`), past global flags and their short values
    let what = std::env::args()
        .skip(1)
        .find(|a| a.len() > 2 && a.chars().all(|c| c.is_ascii_lowercase()))
        .unwrap_or_else(|| "evfield".into());
    match crate::lock::try_lock(&lock_path(journal), &what)? {
        Ok(lock) => Ok(lock),
        Err(holder) => Err(Error::usage(
            "E_SESSION_LOCKED",
            crate::t!(
                "lock.session",
                id = id,
                holder = crate::lock::Holder::describe(holder.as_ref())
            ),
        )
        .with_help(crate::t!("lock.session.help"))),
    }
}

impl Journal {
    /// Create a new journal (the file must not exist). Mode 0600. Until the first event is
    /// appended the file is [`unborn_path`]; the first append gives it its name.
    pub fn create(path: &Path) -> Result<Journal> {
        let lock = lock_session(path)?;
        if path.exists() {
            return Err(Error::io(
                &crate::t!("rec.io.create_journal"),
                path,
                std::io::ErrorKind::AlreadyExists.into(),
            ));
        }
        let unborn = unborn_path(path);
        // a first write cut short by an earlier crash: it never became a journal
        match fs::remove_file(&unborn) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(&crate::t!("rec.io.create_journal"), &unborn, e));
            }
            _ => {}
        }
        let mut opts = OpenOptions::new();
        opts.append(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts
            .open(&unborn)
            .map_err(|e| Error::io(&crate::t!("rec.io.create_journal"), &unborn, e))?;
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            _lock: lock,
            secrets: seal::Patterns::default(),
            seq: 0,
            prev: GENESIS.to_string(),
            failpoint: FailPoint::from_env(),
            unborn: true,
            unsynced: false,
        })
    }

    /// Open an existing journal to append, after verifying it. A last line cut short by a crash
    /// is cut off (returned as the number of bytes dropped); any other fault is an error.
    /// The session's lock is taken first, so nothing else writes while it is read.
    pub fn open(path: &Path) -> Result<(Journal, Vec<Event>, u64)> {
        let lock = lock_session(path)?;
        let (events, v) = read_all(path)?;
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| Error::io(&crate::t!("rec.io.open_journal"), path, e))?;
        let len = file
            .metadata()
            .map_err(|e| Error::io(&crate::t!("rec.io.read"), path, e))?
            .len();
        let dropped = len.saturating_sub(v.bytes);
        if dropped > 0 {
            file.set_len(v.bytes)
                .map_err(|e| Error::io(&crate::t!("rec.io.repair_journal"), path, e))?;
            file.sync_all()
                .map_err(|e| Error::io(&crate::t!("rec.io.repair_journal"), path, e))?;
        }
        let mut j = Journal {
            path: path.to_path_buf(),
            file,
            _lock: lock,
            secrets: seal::Patterns::default(),
            seq: v.events,
            prev: v.last_hash,
            failpoint: FailPoint::from_env(),
            unborn: false,
            unsynced: false,
        };
        for e in &events {
            j.learn_secrets(&e.data);
        }
        Ok((j, events, dropped))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The first event is on disk: link the file to the journal's name (a link never replaces
    /// an existing file), drop the temporary name and make both durable in the directory.
    fn give_name(&mut self) -> Result<()> {
        let unborn = unborn_path(&self.path);
        match fs::hard_link(&unborn, &self.path) {
            Ok(()) => fs::remove_file(&unborn)
                .map_err(|e| Error::io(&crate::t!("rec.io.create_journal"), &unborn, e))?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::io(
                    &crate::t!("rec.io.create_journal"),
                    &self.path,
                    e,
                ));
            }
            // a file system without hard links (FAT): the session's lock is ours and the name
            // was free when the journal was created, so a rename replaces nothing
            Err(_) => fs::rename(&unborn, &self.path)
                .map_err(|e| Error::io(&crate::t!("rec.io.create_journal"), &self.path, e))?,
        }
        if let Some(dir) = self.path.parent()
            && let Ok(d) = File::open(dir)
        {
            let _ = d.sync_all();
        }
        self.unborn = false;
        Ok(())
    }

    /// Number of events written so far.
    pub fn len(&self) -> u64 {
        self.seq
    }

    pub fn is_empty(&self) -> bool {
        self.seq == 0
    }

    /// The chain head: the number of events and the hash of the last one.
    pub fn head(&self) -> (u64, &str) {
        (self.seq, &self.prev)
    }

    /// Take the secrets of an event whose key is secret-kind (`keys::is_secret`), of any kind.
    fn learn_secrets(&mut self, data: &Value) {
        for secret in seal::secrets_of(data, &crate::vocab::keys::is_secret) {
            self.secrets.add(&secret);
        }
    }

    /// Make every event written so far durable (one `fdatasync`, none when all are): before an
    /// effect outside that the events lead to (the module's header, "Durability").
    pub fn sync(&mut self) -> Result<()> {
        if self.unsynced {
            self.file
                .sync_data()
                .map_err(|e| Error::io(&crate::t!("rec.io.flush_journal"), &self.path, e))?;
            self.unsynced = false;
        }
        Ok(())
    }

    /// Append one event: written whole, and fsynced with everything before it when it
    /// [`must_sync`] (else it rides on the next sync). Returns the event as written (secrets in
    /// clear: they are sealed in the line only, see src/session/seal.rs).
    pub fn append(&mut self, step: &str, kind: &str, data: Value) -> Result<Event> {
        let time = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        self.learn_secrets(&data);
        let mut hashed = data.clone();
        let own = seal::is_own(&data, &crate::vocab::keys::is_secret);
        let sealed = seal::seal(&mut hashed, &self.secrets, own);
        let (line, hash) = encode(self.seq, &time, step, kind, &hashed, &self.prev);
        let mut line = seal::join(&line, &sealed);
        if line.len() > MAX_LINE {
            return Err(Error::internal(
                "E_JOURNAL_LINE_TOO_LONG",
                crate::t!(
                    "bounds.write_too_long",
                    kind = kind,
                    limit = "1 MiB",
                    name = "MAX_LINE"
                ),
            ));
        }
        line.push('\n');
        if self
            .failpoint
            .as_ref()
            .is_some_and(|f| f.tears(self.seq, kind, &data))
        {
            let half = line.len() / 2;
            let _ = self.file.write_all(&line.as_bytes()[..half]);
            let _ = self.file.sync_data();
            die_now();
        }
        self.file
            .write_all(line.as_bytes())
            .map_err(|e| Error::io(&crate::t!("rec.io.write_journal"), &self.path, e))?;
        self.unsynced = true;
        if self.unborn || must_sync(kind, &data) {
            self.sync()?;
        }
        if self.unborn {
            self.give_name()?;
        }
        let ev = Event {
            v: SCHEMA_VERSION,
            seq: self.seq,
            time,
            step: step.to_string(),
            kind: kind.to_string(),
            data,
            prev: std::mem::replace(&mut self.prev, hash.clone()),
            hash,
        };
        self.seq += 1;
        match self.failpoint {
            Some(FailPoint::KillAfter(n)) if n == ev.seq => die_now(),
            Some(FailPoint::PauseAfter(n)) if n == ev.seq => {
                let _ = self.sync();
                loop {
                    std::thread::park();
                }
            }
            _ => {}
        }
        Ok(ev)
    }
}

impl Drop for Journal {
    /// The process ends (also with an error): what is still unsynced goes to disk.
    fn drop(&mut self) {
        let _ = self.sync();
    }
}

/// Remove a journal's directory (used by tests and `sessions --prune` later).
pub fn remove(path: &Path) -> Result<()> {
    fs::remove_file(path).map_err(|e| Error::io(&crate::t!("rec.io.remove"), path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample(dir: &Path, n: u64) -> PathBuf {
        let p = dir.join("journal.jsonl");
        let mut j = Journal::create(&p).unwrap();
        for i in 0..n {
            j.append(
                "precheck",
                "answer",
                json!({"key": format!("k{i}"), "value": i}),
            )
            .unwrap();
        }
        p
    }

    #[test]
    fn chain_verifies() {
        let d = tempfile::tempdir().unwrap();
        let p = sample(d.path(), 5);
        let v = verify(&p).unwrap();
        assert_eq!(v.events, 5);
        assert!(v.fault.is_none(), "{:?}", v.fault);
        let (events, _) = read_all(&p).unwrap();
        assert_eq!(events[0].prev, GENESIS);
        for w in events.windows(2) {
            assert_eq!(w[1].prev, w[0].hash);
        }
    }

    #[test]
    fn file_mode_is_private() {
        let d = tempfile::tempdir().unwrap();
        let p = sample(d.path(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    /// Durability (the module's header): write-ahead, typed answers and the journal's ends are
    /// synced; reads, progress and answers that come again on resume ride on the next sync.
    #[test]
    fn only_what_durability_needs_is_synced_at_once() {
        use serde_json::json;
        for kind in [
            "session_started",
            "action_started",
            "action_queued",
            "refused",
            "withdrawn",
            "session_done",
            "session_abandoned",
        ] {
            assert!(must_sync(kind, &json!({})), "{kind}");
        }
        for kind in [
            "step_started",
            "step_done",
            "step_failed",
            "fact",
            "traffic",
            "api_call",
            "checklist_item",
            "action_done",
            "session_resumed",
        ] {
            assert!(!must_sync(kind, &json!({})), "{kind}");
        }
        for typed in ["prompt", "photo:sticker", "", "something new"] {
            let data = json!({"key": "sim.kit_iccid", "value": "1", "source": typed});
            assert!(must_sync("answer", &data), "{typed}");
            assert!(must_sync("correction", &data), "{typed}");
        }
        assert!(must_sync("answer", &json!({"key": "k", "value": "1"})));
        for again in [
            "flag",
            "answers:12",
            "demo",
            "default",
            "network",
            "site:Depot",
        ] {
            let data = json!({"key": "sim.kit_iccid", "value": "1", "source": again});
            assert!(!must_sync("answer", &data), "{again}");
        }
    }

    /// An event that rides is written at once (a kill loses nothing), and is on disk after the
    /// next sync; `sync` with nothing pending does nothing.
    #[test]
    fn an_event_that_rides_is_written_at_once_and_synced_with_the_next() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("journal.jsonl");
        let mut j = Journal::create(&p).unwrap();
        j.append("session", "session_started", serde_json::json!({}))
            .unwrap();
        assert!(!j.unsynced, "the first event is synced");
        j.append(
            "precheck",
            "fact",
            serde_json::json!({"key": "k", "value": "v"}),
        )
        .unwrap();
        assert!(j.unsynced, "a fact rides on the next sync");
        // written whole: another reader sees it before any sync
        assert_eq!(verify(&p).unwrap().events, 2);
        j.sync().unwrap();
        assert!(!j.unsynced);
        let typed = serde_json::json!({"key": "k", "value": "v", "source": "prompt"});
        j.append("precheck", "answer", typed).unwrap();
        assert!(
            !j.unsynced,
            "a typed answer is synced with everything before it"
        );
    }

    #[test]
    fn every_modified_byte_is_detected() {
        let d = tempfile::tempdir().unwrap();
        let mut orig = fs::read(sample(d.path(), 3)).unwrap();
        // then the lines of a journal with sealed secrets, chained on
        let e = tempfile::tempdir().unwrap();
        let (events, _) = read_all(&sealed_sample(e.path())).unwrap();
        let mut j = Journal {
            path: d.path().join("x"),
            file: tempfile::tempfile().unwrap(),
            _lock: crate::lock::try_lock(&d.path().join("x.lock"), "test")
                .unwrap()
                .unwrap(),
            secrets: seal::Patterns::default(),
            seq: 3,
            prev: verify_with(&orig[..], |_, _| {}).unwrap().last_hash,
            failpoint: None,
            unborn: false,
            unsynced: false,
        };
        for ev in events {
            j.append(&ev.step, &ev.kind, ev.data).unwrap();
        }
        let mut extra = Vec::new();
        use std::io::{Seek, SeekFrom};
        j.file.seek(SeekFrom::Start(0)).unwrap();
        j.file.read_to_end(&mut extra).unwrap();
        assert!(String::from_utf8_lossy(&extra).contains("\"sealed\""));
        orig.extend_from_slice(&extra);
        for i in 0..orig.len() {
            if orig[i] == b'\n' {
                continue;
            }
            let mut bad = orig.clone();
            bad[i] = if bad[i] == b'x' { b'y' } else { b'x' };
            let v = verify_with(&bad[..], |_, _| {}).unwrap();
            assert_eq!(outline(&verify_view_all(&bad)), outline(&v), "byte {i}");
            let f = v
                .fault
                .unwrap_or_else(|| panic!("change at byte {i} not detected"));
            // the fault names the line that holds the byte
            let line_start = orig[..i]
                .iter()
                .rposition(|&c| c == b'\n')
                .map(|x| x + 1)
                .unwrap_or(0);
            assert_eq!(f.offset as usize, line_start, "byte {i}");
        }
    }

    /// A journal with the activation password answered and then used in a URL.
    fn verify_view_all(bytes: &[u8]) -> Verified {
        verify_view(bytes, &|_, _| false, |_, _| {}).unwrap()
    }

    /// Events, bytes, last hash, fault (class, seq, offset), masked lines.
    type Outline = (u64, u64, String, Option<(FaultClass, u64, u64)>, u64);

    /// What two walks must agree on (the wording of a parse error may differ).
    fn outline(v: &Verified) -> Outline {
        let f = v.fault.as_ref().map(|f| (f.class, f.seq, f.offset));
        (v.events, v.bytes, v.last_hash.clone(), f, v.masked_lines)
    }

    #[test]
    fn views_agree_with_events() {
        let d = tempfile::tempdir().unwrap();
        let p = sealed_sample(d.path());
        let (mut j, _, _) = Journal::open(&p).unwrap();
        // an escaped text, a data that is no object, nested values, a masked-looking text
        j.append(
            "labels",
            "fact",
            json!({"key": "k", "value": "a\"b\u{1}c\\"}),
        )
        .unwrap();
        j.append("labels", "fact", json!([1, 2])).unwrap();
        j.append(
            "labels",
            "fact",
            json!({"key": "n", "value": {"x": [1, {"y": "z"}]}}),
        )
        .unwrap();
        j.append(
            "labels",
            "fact",
            json!({"key": "m", "value": "[sealed:00]"}),
        )
        .unwrap();
        drop(j);
        let bytes = fs::read(&p).unwrap();
        let mut events = Vec::new();
        let full = verify_with(&bytes[..], |e, _| events.push(e.clone())).unwrap();
        assert!(full.fault.is_none(), "{:?}", full.fault);
        let mut n = 0;
        let view = verify_view(&bytes[..], &|_, _| false, |v, _| {
            let e = &events[n];
            n += 1;
            assert_eq!(&v.to_event(), e);
            assert_eq!(
                (v.seq, &*v.kind, &*v.time, &*v.hash),
                (e.seq, &*e.kind, &*e.time, &*e.hash)
            );
            assert_eq!(v.data.is_object(), e.data.is_object());
            for (k, val) in e.data.as_object().into_iter().flatten() {
                assert!(v.data.contains_key(k));
                assert_eq!(v.data.get_str(k), val.as_str(), "{k}");
            }
            assert!(!v.data.contains_key("absent"));
        })
        .unwrap();
        assert_eq!(n, events.len());
        assert_eq!(view, full);
    }

    fn sealed_sample(dir: &Path) -> PathBuf {
        let p = dir.join("journal.jsonl");
        let mut j = Journal::create(&p).unwrap();
        j.append("session", "session_started", json!({"session_id": "s"}))
            .unwrap();
        let pw = "K7+9/QF=2";
        let ev = j
            .append(
                "commission",
                "answer",
                json!({"key": "activation.password", "value": pw, "source": "prompt"}),
            )
            .unwrap();
        assert_eq!(ev.data["value"], pw, "the caller gets the value back");
        j.append(
            "labels",
            "fact",
            json!({"key": "labels.pinpoint_url", "value": "https://n/p?password=K7%2B9%2FQF%3D2"}),
        )
        .unwrap();
        j.append(
            "before",
            "answer",
            json!({"key": "safety.voltage", "value": "0.2"}),
        )
        .unwrap();
        p
    }

    #[test]
    fn secrets_are_sealed_read_back_and_masking_keeps_the_chain() {
        let d = tempfile::tempdir().unwrap();
        let p = sealed_sample(d.path());
        let text = fs::read_to_string(&p).unwrap();
        let (events, v) = read_all(&p).unwrap();
        assert!(v.fault.is_none());
        assert_eq!(events[1].data["value"], "K7+9/QF=2");
        assert_eq!(
            events[2].data["value"],
            "https://n/p?password=K7%2B9%2FQF%3D2"
        );
        // the hashed part of every line is free of the secret: without the sealed members, no
        // trace of it, and the chain still holds
        let masked: String = text
            .lines()
            .map(|l| {
                let (_, rest) = seal::split(l).unwrap();
                format!("{rest}\n")
            })
            .collect();
        assert!(!masked.contains("K7"), "{masked}");
        let v2 = verify_with(masked.as_bytes(), |_, _| {}).unwrap();
        assert!(v2.fault.is_none(), "{:?}", v2.fault);
        assert_eq!(v2.last_hash, v.last_hash);
        assert_eq!(v2.masked_lines, 2);
        // and every byte of the masked journal still counts
        let bytes = masked.as_bytes();
        for i in 0..bytes.len() {
            if bytes[i] == b'\n' {
                continue;
            }
            let mut bad = bytes.to_vec();
            bad[i] = if bad[i] == b'x' { b'y' } else { b'x' };
            let f = verify_with(&bad[..], |_, _| {}).unwrap().fault;
            assert!(
                f.is_some(),
                "change at byte {i} of the masked journal not detected"
            );
        }
        // a sealed text changed (with or without its commitment) is detected
        let forged = text.replacen("K7+9/QF=2", "K7+9/QF=3", 1);
        let f = verify_with(forged.as_bytes(), |_, _| {})
            .unwrap()
            .fault
            .unwrap();
        assert_eq!((f.seq, f.class), (1, FaultClass::Changed));
        // so is a sealed member re-spaced, or one added to a line with nothing sealed
        let spaced = text.replacen("\"sealed\":[{", "\"sealed\":[ {", 1);
        assert!(
            verify_with(spaced.as_bytes(), |_, _| {})
                .unwrap()
                .fault
                .is_some()
        );
        let extra = seal::Sealed {
            c: seal::commit("00", "junk"),
            salt: "00".into(),
            text: "junk".into(),
        };
        let first = text.lines().next().unwrap();
        let added = text.replacen(first, &seal::join(first, &[extra]), 1);
        let f = verify_with(added.as_bytes(), |_, _| {})
            .unwrap()
            .fault
            .unwrap();
        assert_eq!(f.seq, 0, "{f:?}");
    }

    #[test]
    fn a_resumed_journal_seals_what_was_answered_before() {
        let d = tempfile::tempdir().unwrap();
        let p = sealed_sample(d.path());
        let (mut j, _, _) = Journal::open(&p).unwrap();
        j.append("labels", "traffic", json!({"text": "PW=K7+9/QF=2"}))
            .unwrap();
        drop(j);
        let last = fs::read_to_string(&p)
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .to_string();
        let (_, hashed) = seal::split(&last).unwrap();
        assert!(!hashed.contains("K7"), "{hashed}");
        assert!(verify(&p).unwrap().fault.is_none());
    }

    #[test]
    fn format_1_lines_are_read_but_never_after_format_2() {
        let body = |v: u32, seq: u64, prev: &str| {
            let (line, hash) = encode(
                seq,
                "2026-01-01T00:00:00.000Z",
                "session",
                "note",
                &json!({}),
                prev,
            );
            (
                line.replacen("{\"v\":2,", &format!("{{\"v\":{v},"), 1),
                hash,
            )
        };
        // a format-1 line re-hashed as format 1
        let rehash = |l: String| {
            let cut = l.len() - HASH_SUFFIX_LEN;
            let h = sha256_hex(format!("{}}}", &l[..cut]).as_bytes());
            (format!("{}{HASH_TAG}{h}\"}}", &l[..cut]), h)
        };
        let (a, _) = body(1, 0, GENESIS);
        let (a, ha) = rehash(a);
        let (b, hb) = encode(
            1,
            "2026-01-01T00:00:01.000Z",
            "session",
            "note",
            &json!({}),
            &ha,
        );
        let good = format!("{a}\n{b}\n");
        let v = verify_with(good.as_bytes(), |_, _| {}).unwrap();
        assert!(v.fault.is_none(), "{:?}", v.fault);
        assert_eq!(v.format1_lines, 1);
        let (c, _) = body(1, 2, &hb);
        let (c, _) = rehash(c);
        let bad = format!("{good}{c}\n");
        let f = verify_with(bad.as_bytes(), |_, _| {})
            .unwrap()
            .fault
            .unwrap();
        assert_eq!((f.seq, f.class), (2, FaultClass::Schema));
    }

    #[test]
    fn deleted_reordered_and_truncated_lines_are_named() {
        let d = tempfile::tempdir().unwrap();
        let p = sample(d.path(), 4);
        let text = fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();

        let deleted = format!("{}\n{}\n{}\n", lines[0], lines[2], lines[3]);
        let f = verify_with(deleted.as_bytes(), |_, _| {})
            .unwrap()
            .fault
            .unwrap();
        assert_eq!(f.seq, 1);
        assert_eq!(f.class, FaultClass::Missing);
        assert!(f.what.contains("event 1 is missing"), "{}", f.what);

        let reordered = format!("{}\n{}\n{}\n{}\n", lines[0], lines[2], lines[1], lines[3]);
        let f = verify_with(reordered.as_bytes(), |_, _| {})
            .unwrap()
            .fault
            .unwrap();
        assert_eq!(f.seq, 1);
        assert_eq!(f.class, FaultClass::Reordered);
        assert_eq!(f.offset as usize, lines[0].len() + 1);

        let cut = &text[..text.len() - 10];
        let f = verify_with(cut.as_bytes(), |_, _| {})
            .unwrap()
            .fault
            .unwrap();
        assert!(f.truncated);
        assert_eq!(f.class, FaultClass::Truncated);
        assert_eq!(f.seq, 3);
    }

    #[test]
    fn open_repairs_a_torn_tail_and_continues_the_chain() {
        let d = tempfile::tempdir().unwrap();
        let p = sample(d.path(), 2);
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        let torn = b"{\"v\":1,\"seq\":2,\"ti";
        f.write_all(torn).unwrap();
        drop(f);
        let (mut j, events, dropped) = Journal::open(&p).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(dropped, torn.len() as u64);
        j.append("x", "note", json!({})).unwrap();
        let v = verify(&p).unwrap();
        assert!(v.fault.is_none());
        assert_eq!(v.events, 3);
    }

    #[test]
    fn open_refuses_a_tampered_journal() {
        let d = tempfile::tempdir().unwrap();
        let p = sample(d.path(), 3);
        let s = fs::read_to_string(&p).unwrap().replacen("k1", "k9", 1);
        fs::write(&p, s).unwrap();
        let err = Journal::open(&p).err().unwrap();
        assert_eq!(err.code, "E_JOURNAL_TAMPERED");
        assert!(err.message.contains("event 1"), "{}", err.message);
    }

    /// A reader that hands over at most `step` bytes a read.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_cut_across_reads_verify_as_whole_ones() {
        let d = tempfile::tempdir().unwrap();
        let bytes = fs::read(sealed_sample(d.path())).unwrap();
        let whole = verify_with(&bytes[..], |_, _| {}).unwrap();
        assert!(whole.fault.is_none() && whole.events == 4, "{whole:?}");
        for step in [1, 2, 7, 64, 333] {
            let t = Trickle {
                bytes: &bytes,
                step,
            };
            assert_eq!(verify_view(t, &|_, _| false, |_, _| {}).unwrap(), whole);
            // cut short, in the middle of the last line
            let cut = &bytes[..bytes.len() - 5];
            let t = Trickle { bytes: cut, step };
            let v = verify_with(t, |_, _| {}).unwrap();
            assert_eq!(
                (v.events, v.fault.unwrap().class),
                (3, FaultClass::Truncated)
            );
        }
        // a line of exactly MAX_LINE bytes is read (and found not to be an event), one byte
        // more is too long
        for (len, too_long) in [(MAX_LINE, false), (MAX_LINE + 1, true)] {
            let mut b = bytes.clone();
            b.extend(std::iter::repeat_n(b'{', len));
            b.push(b'\n');
            let t = Trickle {
                bytes: &b,
                step: 100_000,
            };
            let f = verify_with(t, |_, _| {}).unwrap().fault.unwrap();
            assert_eq!(f.seq, 4);
            assert_eq!(f.what.contains("MAX_LINE"), too_long, "{}", f.what);
        }
    }

    #[test]
    fn a_line_over_the_limit_is_neither_written_nor_read() {
        let d = tempfile::tempdir().unwrap();
        let p = sample(d.path(), 2);
        let (mut j, _, _) = Journal::open(&p).unwrap();
        let before = fs::metadata(&p).unwrap().len();
        let e = j
            .append(
                "precheck",
                "fact",
                serde_json::json!({"key": "k", "value": "x".repeat(MAX_LINE)}),
            )
            .unwrap_err();
        assert_eq!(e.code, "E_JOURNAL_LINE_TOO_LONG");
        assert!(e.message.contains("MAX_LINE"), "{}", e.message);
        assert_eq!(fs::metadata(&p).unwrap().len(), before, "nothing written");
        drop(j);
        // a long line put there by something else: a schema fault naming the limit, with the
        // events before it sound
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(&vec![b'{'; MAX_LINE + 10]).unwrap();
        f.write_all(b"\n").unwrap();
        let v = verify(&p).unwrap();
        assert_eq!(v.events, 2);
        let fault = v.fault.unwrap();
        assert_eq!(fault.class, FaultClass::Schema);
        assert!(fault.what.contains("MAX_LINE") && fault.what.contains("1 MiB"));
    }
}
