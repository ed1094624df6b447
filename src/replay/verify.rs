//! `evfield log verify`: the hash chain and the event schema of a journal, streamed.
//!
//! The chain check is [`journal::verify_vouched`]; on top of it every sound event is checked
//! against the schema of its kind (docs/journal.md). For a support bundle the masked lines are
//! taken on the export's record (their digest after masking), and the number of events and the
//! last hash must match what the export recorded, so a line deleted at the end shows too.

use std::collections::BTreeSet;

use serde::Serialize;

use super::bundle::{Manifest, Vouch};
use super::source::{Source, SourceKind, unreadable};
use crate::journal::{self, EventView, Fault, FaultClass, Tally};
use crate::network::api::ChainHeadRecord;
use crate::vocab::Phase;
use crate::{Error, Result};

/// Version of the JSON documents of `log verify` (docs/json.md).
pub const SCHEMA: u32 = 1;

/// Kinds this build writes, and the `data` fields each must have.
pub const KINDS: &[(&str, &[&str])] = &[
    ("session_started", &["session_id", "version"]),
    ("session_resumed", &["repaired_bytes", "events"]),
    ("step_started", &["phase", "number"]),
    ("answer", &["key", "value", "source"]),
    ("refused", &["key"]),
    ("correction", &["key", "value", "source", "supersedes"]),
    ("withdrawn", &["key", "by", "reading"]),
    ("fact", &["key", "value"]),
    ("traffic", &["port", "dir", "text", "at"]),
    (
        "api_call",
        &["method", "path", "status", "latency_ms", "attempt"],
    ),
    ("action_started", &["action"]),
    ("action_done", &["action", "result"]),
    ("action_queued", &["action", "idempotency_key", "reason"]),
    ("checklist_item", &["checklist", "item", "key", "status"]),
    ("step_done", &["phase"]),
    ("step_failed", &["phase", "code", "message"]),
    ("session_done", &[]),
    ("session_abandoned", &["reason"]),
];

/// What is wrong with an event's content, by the schema of its kind; `Ok(false)` for a kind
/// this build does not know (a newer writer), which is a warning and not a fault.
pub fn check_schema(e: &EventView) -> std::result::Result<bool, String> {
    if e.seq == 0 && e.kind != "session_started" {
        return Err(crate::t!("rec.verify.first_kind", kind = e.kind));
    }
    if e.step != "session" && Phase::from_name(&e.step).is_none() {
        return Err(crate::t!("rec.verify.step", step = e.step));
    }
    let data = &e.data;
    if !data.is_object() {
        return Err(crate::t!("rec.verify.data"));
    }
    let Some((_, fields)) = KINDS.iter().find(|(k, _)| *k == e.kind) else {
        return Ok(false);
    };
    if let Some(missing) = fields.iter().find(|f| !data.contains_key(f)) {
        return Err(crate::t!(
            "rec.verify.field_missing",
            kind = e.kind,
            field = missing
        ));
    }
    if e.kind == "traffic" {
        let dir = data.get_str("dir").unwrap_or("");
        if dir != "sent" && dir != "received" {
            return Err(crate::t!("rec.verify.dir", dir = dir));
        }
    }
    Ok(true)
}

/// The fault as reported: the journal's fault and whether it was there when exported.
#[derive(Debug, Clone, Serialize)]
pub struct ReportedFault {
    #[serde(flatten)]
    pub fault: Fault,
    /// For a bundle: the installer's journal was already damaged here when it was exported
    /// (`true`), or the damage came after the export (`false`). Absent for a plain journal.
    pub at_export: Option<bool>,
}

/// The result of `evfield log verify`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: u32,
    pub source: String,
    pub source_kind: SourceKind,
    pub valid: bool,
    pub session_id: Option<String>,
    /// Sound events read (up to the fault, when there is one).
    pub events: u64,
    pub bytes: u64,
    pub last_hash: String,
    pub first_time: Option<String>,
    pub last_time: Option<String>,
    /// A `session_done` event was read.
    pub finished: bool,
    /// Lines whose secrets an export masked: their sealed secrets removed (verified by their
    /// own hash like every line), or, in format 1, masked as text and taken on the export's
    /// record (`format1_masked`).
    pub masked_lines: u64,
    /// Of those, format-1 lines (written by an evfield before 0.2's sealed secrets) masked as
    /// text: their content is checked only against the bundle's own record.
    pub format1_masked: u64,
    /// Sound lines in format 1 (secrets in clear; written by an older evfield).
    pub format1_lines: u64,
    pub fault: Option<ReportedFault>,
    /// Things worth knowing that are not damage (kinds from a newer evfield, time going back).
    pub warnings: Vec<String>,
    /// For a bundle or an import: files whose bytes differ from the export's record, or that
    /// are missing.
    pub files_changed: Vec<String>,
    /// For a bundle or an import: files the export's record does not list.
    pub files_unlisted: Vec<String>,
    /// For a bundle or an import: the record's session id, when the journal's is another one.
    pub record_session_id: Option<String>,
    /// The comparison with the chain heads the network recorded (`--against-network`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_record: Option<NetworkCheck>,
}

/// The journal compared with the chain heads the network recorded for its session.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkCheck {
    pub network: String,
    /// Every recorded head agrees with the journal (and there is at least one).
    pub matched: bool,
    pub heads: Vec<HeadCheck>,
}

/// One recorded chain head and what the journal holds at that point.
#[derive(Debug, Clone, Serialize)]
pub struct HeadCheck {
    #[serde(flatten)]
    pub head: ChainHeadRecord,
    /// The hash of the journal's event `events - 1`, when the journal has that many sound ones.
    pub journal_hash: Option<String>,
    pub matches: bool,
}

/// Compare a verified journal with the chain heads a network recorded for its session: each
/// head's hash must be the journal's hash at that event. Sets `report.network_record` and, when
/// a head does not match or none was recorded, makes the report invalid.
pub fn check_against(
    src: &Source,
    report: &mut Report,
    network: &str,
    heads: Vec<ChainHeadRecord>,
) -> Result<()> {
    let manifest = src.manifest()?;
    let vouch = Manifest::vouch_of(manifest.as_ref());
    let vouched: &Vouch = &*vouch;
    let wanted: BTreeSet<u64> = heads.iter().map(|h| h.events.saturating_sub(1)).collect();
    let mut found = std::collections::BTreeMap::new();
    src.with_journal(|r| {
        journal::verify_view(r, vouched, |e, _| {
            if wanted.contains(&e.seq) {
                found.insert(e.seq, e.hash.to_string());
            }
        })
        .map_err(|e| unreadable(&src.path, e))
    })?;
    let heads: Vec<HeadCheck> = heads
        .into_iter()
        .map(|head| {
            let journal_hash = head
                .events
                .checked_sub(1)
                .filter(|s| *s < report.events)
                .and_then(|s| found.get(&s).cloned());
            let matches = journal_hash
                .as_deref()
                .is_some_and(|h| h.eq_ignore_ascii_case(&head.last_hash));
            HeadCheck {
                head,
                journal_hash,
                matches,
            }
        })
        .collect();
    let matched = !heads.is_empty() && heads.iter().all(|h| h.matches);
    report.valid &= matched;
    report.network_record = Some(NetworkCheck {
        network: network.to_string(),
        matched,
        heads,
    });
    Ok(())
}

impl Report {
    /// What does not match between a bundle's files and its record, in words.
    pub fn bundle_problem(&self) -> Option<String> {
        let mut p = Vec::new();
        if !self.files_changed.is_empty() {
            p.push(crate::t!(
                "bounds.files_changed",
                files = self.files_changed.join(", ")
            ));
        }
        if !self.files_unlisted.is_empty() {
            p.push(crate::t!(
                "bounds.files_unlisted",
                files = self.files_unlisted.join(", ")
            ));
        }
        if let Some(id) = &self.record_session_id {
            p.push(crate::t!(
                "bounds.session_id_differs",
                record = id,
                journal = self.session_id.as_deref().unwrap_or("-")
            ));
        }
        (!p.is_empty()).then(|| p.join("; "))
    }

    /// The error for the exit code: `None` when valid.
    pub fn error(&self) -> Option<Error> {
        let Some(f) = self.fault.as_ref().map(|f| &f.fault) else {
            if let Some(p) = self.bundle_problem() {
                return Some(
                    Error::journal(
                        "E_BUNDLE_TAMPERED",
                        crate::t!("bounds.bundle_bad", source = self.source, why = p),
                    )
                    .with_help(crate::t!("rec.import.changed.help")),
                );
            }
            return self.network_error();
        };
        let code = match f.class {
            FaultClass::Truncated => "E_JOURNAL_TRUNCATED",
            FaultClass::Schema => "E_JOURNAL_SCHEMA",
            _ => "E_JOURNAL_TAMPERED",
        };
        let help = match f.class {
            FaultClass::Truncated => crate::t!("rec.verify.truncated.help"),
            _ => crate::t!("rec.verify.tampered.help"),
        };
        Some(
            Error::journal(
                code,
                crate::t!(
                    "rec.verify.damaged",
                    source = self.source,
                    seq = f.seq,
                    line = f.line,
                    byte = f.offset,
                    why = f.what
                ),
            )
            .with_help(help),
        )
    }
}

impl Report {
    /// The network's record does not match the journal, or there is none.
    fn network_error(&self) -> Option<Error> {
        let n = self.network_record.as_ref().filter(|n| !n.matched)?;
        let (code, msg) = match n.heads.iter().find(|h| !h.matches) {
            Some(h) => (
                "E_JOURNAL_NETWORK_MISMATCH",
                crate::t!(
                    "head.mismatch",
                    source = self.source,
                    events = h.head.events,
                    stage = h.head.stage,
                    recorded = h.head.last_hash,
                    journal = h.journal_hash.as_deref().unwrap_or("-")
                ),
            ),
            None => (
                "E_NO_NETWORK_RECORD",
                crate::t!(
                    "head.none",
                    source = self.source,
                    network = n.network,
                    id = self.session_id.as_deref().unwrap_or("-")
                ),
            ),
        };
        Some(Error::journal(code, msg).with_help(crate::t!("head.help")))
    }
}

/// What `log verify` keeps of the sound events: kept by piece of the journal and merged in
/// order ([`journal::Tally`]), or in one walk.
#[derive(Debug, PartialEq)]
struct Seen<'m> {
    /// Lines an export masked (for a bundle).
    masked: &'m BTreeSet<u64>,
    /// The first event whose content breaks its kind's schema; nothing after it is kept.
    schema_fault: Option<Fault>,
    unknown: BTreeSet<String>,
    /// Events whose time is before the one before them.
    went_back: u64,
    session_id: Option<String>,
    first_time: Option<String>,
    /// The time of the first event kept (for joining with the events before it).
    earliest: Option<String>,
    last_time: Option<String>,
    finished: bool,
    format1_masked: u64,
}

impl<'m> Seen<'m> {
    fn new(masked: &'m BTreeSet<u64>) -> Seen<'m> {
        Seen {
            masked,
            schema_fault: None,
            unknown: BTreeSet::new(),
            went_back: 0,
            session_id: None,
            first_time: None,
            earliest: None,
            last_time: None,
            finished: false,
            format1_masked: 0,
        }
    }
}

impl journal::Tally for Seen<'_> {
    fn take(&mut self, e: &EventView, offset: u64) {
        if self.schema_fault.is_some() {
            return;
        }
        if let Err(what) = check_schema(e).map(|known| {
            if !known {
                self.unknown.insert(e.kind.to_string());
            }
        }) {
            self.schema_fault = Some(Fault {
                seq: e.seq,
                offset,
                line: e.seq + 1,
                class: FaultClass::Schema,
                what,
                truncated: false,
            });
            return;
        }
        if e.seq == 0 {
            self.session_id = e.data.get_str("session_id").map(str::to_string);
            self.first_time = Some(e.time.to_string());
        }
        if self.earliest.is_none() {
            self.earliest = Some(e.time.to_string());
        }
        let last = self.last_time.get_or_insert_with(String::new);
        if !last.is_empty() && **last > *e.time {
            self.went_back += 1;
        }
        last.clear();
        last.push_str(&e.time);
        if e.kind == "session_done" {
            self.finished = true;
        }
        if self.masked.contains(&e.seq) && e.v == 1 {
            self.format1_masked += 1;
        }
    }

    fn merge(&mut self, later: Self) {
        if self.schema_fault.is_some() {
            return;
        }
        if let (Some(last), Some(next)) = (&self.last_time, &later.earliest)
            && last > next
        {
            self.went_back += 1;
        }
        self.schema_fault = later.schema_fault;
        self.unknown.extend(later.unknown);
        self.went_back += later.went_back;
        self.session_id = self.session_id.take().or(later.session_id);
        self.first_time = self.first_time.take().or(later.first_time);
        self.earliest = self.earliest.take().or(later.earliest);
        self.last_time = later.last_time.or(self.last_time.take());
        self.finished |= later.finished;
        self.format1_masked += later.format1_masked;
    }
}

/// Verify a journal, an import or a bundle.
pub fn verify(src: &Source) -> Result<Report> {
    let manifest = src.manifest()?;
    let vouch = Manifest::vouch_of(manifest.as_ref());
    let vouched: &Vouch = &*vouch;
    let masked: BTreeSet<u64> = manifest
        .as_ref()
        .map(|m| m.masking.lines.iter().map(|l| l.seq).collect())
        .unwrap_or_default();

    let mut report = Report {
        schema: SCHEMA,
        source: src.path.display().to_string(),
        source_kind: src.kind,
        valid: false,
        session_id: None,
        events: 0,
        bytes: 0,
        last_hash: journal::GENESIS.to_string(),
        first_time: None,
        last_time: None,
        finished: false,
        masked_lines: 0,
        format1_masked: 0,
        format1_lines: 0,
        fault: None,
        warnings: Vec::new(),
        files_changed: Vec::new(),
        files_unlisted: Vec::new(),
        record_session_id: None,
        network_record: None,
    };
    let new = || Seen::new(&masked);
    let (v, seen) = match (src.kind, &manifest) {
        // a plain journal: on several cores when it is large (journal::verify_tally)
        (SourceKind::Journal, None) => {
            let f = std::fs::File::open(&src.path).map_err(|e| unreadable(&src.path, e))?;
            journal::verify_tally(&f, &|_, _| false, &new).map_err(|e| unreadable(&src.path, e))?
        }
        _ => {
            let mut seen = new();
            let v = src.with_journal(|r| {
                journal::verify_view(r, vouched, |e, offset| seen.take(e, offset))
                    .map_err(|e| unreadable(&src.path, e))
            })?;
            (v, seen)
        }
    };
    let Seen {
        schema_fault,
        unknown,
        went_back,
        session_id,
        first_time,
        last_time,
        finished,
        format1_masked,
        ..
    } = seen;
    report.session_id = session_id;
    report.first_time = first_time;
    report.last_time = last_time;
    report.finished = finished;
    report.format1_masked = format1_masked;
    report.bytes = v.bytes;
    report.events = v.events;
    report.masked_lines = v.masked_lines + report.format1_masked;
    report.format1_lines = v.format1_lines;
    report.last_hash = v.last_hash.clone();
    match &v.fault {
        // Nothing sound at all and the first line is no journal line: not a journal (or an
        // empty file), rather than a damaged one.
        None if v.events == 0 => {
            return Err(not_a_journal(src, &crate::t!("rec.verify.empty")));
        }
        Some(f) if f.seq == 0 && f.class == FaultClass::Schema => {
            return Err(not_a_journal(src, &f.what));
        }
        _ => {}
    }
    let mut fault = schema_fault.or(v.fault);
    if let (Some(m), None) = (&manifest, &fault) {
        // The export recorded how many events there were and the last hash; a bundle whose
        // journal lost lines at its end is otherwise a sound chain.
        if v.events != m.journal.events || v.last_hash != m.journal.last_hash {
            fault = Some(Fault {
                seq: v.events,
                offset: v.bytes,
                line: v.events + 1,
                class: if v.events < m.journal.events {
                    FaultClass::Missing
                } else {
                    FaultClass::Relinked
                },
                what: crate::t!(
                    "rec.verify.export_differs",
                    events = v.events,
                    hash = v.last_hash,
                    recorded = m.journal.events,
                    recorded_hash = m.journal.last_hash
                ),
                truncated: false,
            });
        }
    }
    if let Some(f) = fault.as_ref().filter(|f| f.class == FaultClass::Schema) {
        report.events = f.seq;
    }
    report.fault = fault.map(|f| ReportedFault {
        at_export: manifest
            .as_ref()
            .map(|m| m.journal.fault.as_ref().is_some_and(|g| g.seq == f.seq)),
        fault: f,
    });
    if let Some(m) = &manifest {
        let (changed, unlisted) = super::source::check_files(src, m)?;
        report.files_changed = changed;
        report.files_unlisted = unlisted;
        if report.session_id.as_deref() != Some(m.session_id.as_str()) {
            report.record_session_id = Some(m.session_id.clone());
        }
    }
    report.valid = report.fault.is_none() && report.bundle_problem().is_none();
    if !unknown.is_empty() {
        report.warnings.push(crate::t!(
            "rec.verify.unknown_kinds",
            kinds = unknown.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if report.format1_masked > 0 {
        report.warnings.push(crate::tn!(
            "seal.format1_masked",
            count = report.format1_masked
        ));
    }
    if went_back > 0 {
        report
            .warnings
            .push(crate::tn!("rec.verify.clock_back", count = went_back));
    }
    if src.kind != SourceKind::Archive {
        report.warnings.extend(file_exposure(&src.path));
    }
    Ok(report)
}

/// What is wrong with how a journal file is kept, not with its content: a symbolic link (the
/// journal may be elsewhere than where the session's records are, or be swapped), or a file that
/// the group or others may read (it holds the installer's answers and the station's identity).
fn file_exposure(path: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return found;
    };
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(path).unwrap_or_default();
        found.push(crate::t!(
            "panics.verify.symlink",
            path = path.display(),
            target = target.display()
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0, |m| m.permissions().mode()) & 0o777;
        if mode & 0o077 != 0 {
            found.push(crate::t!(
                "panics.verify.readable",
                path = path.display(),
                mode = format!("{mode:04o}")
            ));
        }
    }
    found
}

fn not_a_journal(src: &Source, what: &str) -> Error {
    Error::unreadable(
        "E_NOT_A_JOURNAL",
        crate::t!(
            "rec.verify.not_journal",
            path = src.path.display(),
            why = what
        ),
    )
    .with_help(crate::t!("rec.verify.not_journal.help"))
}

/// The kind of damage, in words (English: the class's name as `{:?}` prints it).
fn class_text(class: FaultClass) -> String {
    match class {
        FaultClass::Changed => crate::t!("rec.verify.class.changed"),
        FaultClass::Missing => crate::t!("rec.verify.class.missing"),
        FaultClass::Reordered => crate::t!("rec.verify.class.reordered"),
        FaultClass::Relinked => crate::t!("rec.verify.class.relinked"),
        FaultClass::Schema => crate::t!("rec.verify.class.schema"),
        FaultClass::Truncated => crate::t!("rec.verify.class.truncated"),
    }
}

/// What a source is, in words: journal, imported journal, support bundle.
pub fn kind_text(kind: SourceKind) -> String {
    match kind {
        SourceKind::Journal => crate::t!("rec.verify.kind.journal"),
        SourceKind::Import => crate::t!("rec.verify.kind.import"),
        SourceKind::Archive => crate::t!("rec.verify.kind.archive"),
    }
}

/// The human form of a report.
pub fn human(r: &Report) -> String {
    let mut t = String::new();
    let what = kind_text(r.source_kind);
    let span = match (&r.first_time, &r.last_time) {
        (Some(a), Some(b)) => crate::t!("rec.verify.span", first = a, last = b),
        _ => String::new(),
    };
    match &r.fault {
        None if r.bundle_problem().is_some() => {
            t.push_str(&crate::t!(
                "bounds.human_bad",
                what = what,
                source = r.source,
                why = r.bundle_problem().unwrap_or_default()
            ));
            t.push('\n');
        }
        None => {
            let finished = if r.finished {
                crate::t!("rec.verify.finished")
            } else {
                crate::t!("rec.verify.not_finished")
            };
            t.push_str(&crate::t!(
                "rec.verify.valid",
                what = what,
                source = r.source,
                events = r.events,
                bytes = r.bytes,
                span = span,
                finished = finished
            ));
            t.push('\n');
        }
        Some(f) => {
            let label = match f.fault.class {
                FaultClass::Truncated => crate::t!("rec.verify.label.truncated"),
                FaultClass::Schema => crate::t!("rec.verify.label.invalid"),
                _ => crate::t!("rec.verify.label.tampered"),
            };
            t.push_str(&crate::t!(
                "rec.verify.bad",
                label = label,
                what = what,
                source = r.source,
                seq = f.fault.seq,
                line = f.fault.line,
                byte = f.fault.offset
            ));
            t.push_str(&format!(
                "\n  {}: {}\n",
                class_text(f.fault.class),
                f.fault.what
            ));
            match f.at_export {
                Some(true) => {
                    t.push_str(&format!("  {}\n", crate::t!("rec.verify.at_export")));
                }
                Some(false) => t.push_str(&format!("  {}\n", crate::t!("rec.verify.after_export"))),
                None => {}
            }
            t.push_str(&format!(
                "  {}\n",
                crate::t!("rec.verify.sound_before", events = r.events)
            ));
        }
    }
    let l_session = crate::t!("rec.verify.session");
    let l_hash = crate::t!("rec.verify.last_hash");
    let w = crate::output::label_width(&[&l_session, &l_hash], 0);
    if let Some(id) = &r.session_id {
        t.push_str(&format!("  {l_session:<w$} {id}\n"));
    }
    t.push_str(&format!("  {l_hash:<w$} {}\n", r.last_hash));
    if r.masked_lines > 0 {
        t.push_str(&format!(
            "  {}\n",
            crate::tn!("rec.verify.masked", count = r.masked_lines)
        ));
    }
    if let Some(n) = &r.network_record {
        let l = if n.matched {
            crate::tn!(
                "head.human.matched",
                count = n.heads.len(),
                network = n.network
            )
        } else {
            crate::t!("head.human.not_matched", network = n.network)
        };
        t.push_str(&format!("  {l}\n"));
        for h in &n.heads {
            let mark = if h.matches { "=" } else { "≠" };
            t.push_str(&format!(
                "    {mark} {}\n",
                crate::t!(
                    "head.human.head",
                    stage = h.head.stage,
                    events = h.head.events,
                    hash = h.head.last_hash,
                    at = h.head.recorded_at
                )
            ));
        }
    }
    for w in &r.warnings {
        t.push_str(&format!(
            "  {}\n",
            crate::t!("rec.verify.warning", text = w)
        ));
    }
    t
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::io::Write;

    use serde_json::json;

    use super::Seen;
    use crate::journal::{self, GENESIS, Tally};

    /// A journal whose clock goes back now and then, with a kind from a newer evfield, and a
    /// line at `bad` (if any) whose content breaks its kind's schema.
    fn journal(bad: Option<u64>) -> Vec<u8> {
        let mut prev = GENESIS.to_string();
        let mut out = Vec::new();
        for seq in 0..80u64 {
            let (kind, data) = match seq {
                0 => (
                    "session_started",
                    json!({"session_id": "s1", "version": "x"}),
                ),
                s if Some(s) == bad => (
                    "traffic",
                    json!({"port": "p", "dir": "up", "text": "t", "at": 1}),
                ),
                s if s % 13 == 5 => ("brand_new_kind", json!({})),
                79 => ("session_done", json!({})),
                s => (
                    "fact",
                    json!({"key": format!("k{s}"), "value": "v".repeat(s as usize % 40)}),
                ),
            };
            // every seventh event is a minute early
            let minute = if seq % 7 == 3 {
                seq.saturating_sub(2)
            } else {
                seq
            };
            let time = format!("2026-03-01T10:{:02}:{:02}.000Z", minute / 60, minute % 60);
            let step = if seq == 0 { "session" } else { "precheck" };
            let (line, hash) = journal::encode(seq, &time, step, kind, &data, &prev);
            prev = hash;
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn what_log_verify_keeps_is_the_same_in_pieces() {
        let masked = BTreeSet::new();
        for bad in [None, Some(1), Some(40), Some(78)] {
            let bytes = journal(bad);
            let mut one = Seen::new(&masked);
            let v = journal::verify_view(&bytes[..], &|_, _| false, |e, o| one.take(e, o)).unwrap();
            assert!(v.fault.is_none(), "{:?}", v.fault);
            assert_eq!(one.schema_fault.as_ref().map(|f| f.seq), bad);
            if bad != Some(1) {
                assert!(one.went_back > 0 && one.unknown.len() == 1, "{one:?}");
            }
            assert_eq!(one.finished, bad.is_none());
            let mut f = tempfile::tempfile().unwrap();
            f.write_all(&bytes).unwrap();
            for piece in [1, 50, 211, 400, 1000, 3000] {
                let (w, many) = journal::verify_pieces(
                    &f,
                    bytes.len() as u64,
                    piece,
                    2,
                    &|_, _| false,
                    &|| Seen::new(&masked),
                )
                .unwrap();
                assert_eq!((&w, &many), (&v, &one), "piece {piece}, bad {bad:?}");
            }
        }
    }
}
