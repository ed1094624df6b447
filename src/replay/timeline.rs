//! `evfield replay`: a journal as a readable timeline, streamed one event at a time.
//!
//! Each event becomes an [`Entry`]: its times (absolute, and relative to the session's start),
//! phase, kind, a one-line text and its data. The human line and the JSON line are both made from
//! the entry. The journal's chain is verified while it streams; events after a fault are still
//! shown, marked unverified, and the replay ends with the journal error (exit code 6).
//!
//! With a `--kind` filter (and no `answer` shown) a large journal file is walked in pieces on
//! several cores, as `log verify` does ([`journal::verify_tally`]): each piece's lines are
//! formatted on its thread and written in order as the pieces are joined (`Part`), the same
//! bytes as the one walk.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Read};
use std::rc::Rc;
use std::time::Duration;

use chrono::{DateTime, NaiveTime, Utc};
use regex::Regex;
use serde::Serialize;
use serde_json::Value;

use super::source::{Source, SourceKind, unreadable};
use crate::checklist::keys;
use crate::journal::{self, Event, Fault, FaultClass};
use crate::output::Output;
use crate::vocab::Phase;
use crate::{Error, Result};

/// Version of the JSON lines of `replay` (docs/json.md).
pub const SCHEMA: u32 = 1;

/// One line of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub schema: u32,
    /// `event` (the end of the stream is a line of type `end`).
    #[serde(rename = "type")]
    pub type_: &'static str,
    pub seq: u64,
    /// When it happened (UTC): for service-port traffic the time the bytes moved, else the time
    /// the event was written.
    pub time: String,
    /// Milliseconds since the session started (its first event).
    pub offset_ms: i64,
    pub phase: String,
    pub kind: String,
    /// The one-line description shown to a person.
    pub text: String,
    /// `false` for events after a fault of the chain (shown, but not to be trusted).
    pub verified: bool,
    pub data: Value,
}

/// The last line of a `--json` replay.
#[derive(Debug, Clone, Serialize)]
pub struct End {
    pub schema: u32,
    #[serde(rename = "type")]
    pub type_: &'static str,
    pub source: String,
    pub session_id: Option<String>,
    /// Sound events read.
    pub events: u64,
    /// Entries shown (after the filters).
    pub shown: u64,
    pub finished: bool,
    pub fault: Option<Fault>,
    /// Output stopped early (a closed pipe, or Ctrl-C while following).
    pub stopped: bool,
}

/// The longest `--since +OFFSET` (10 000 hours, more than a year): a longer one is refused.
pub const MAX_SINCE_OFFSET: Duration = Duration::from_secs(10_000 * 3600);

/// When `--since` starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Since {
    /// An RFC 3339 time.
    At(DateTime<Utc>),
    /// A UTC clock time on the session's first day (or the day after, when it is earlier than
    /// the session's start).
    Clock(NaiveTime),
    /// This long after the session started (`+90s`, `+2m`, `+1h30m`).
    After(Duration),
}

impl Since {
    pub fn parse(s: &str) -> std::result::Result<Since, String> {
        let t = s.trim();
        if let Some(rest) = t.strip_prefix('+') {
            let d = parse_duration(rest)?;
            if d > MAX_SINCE_OFFSET {
                return Err(crate::t!(
                    "panics.since.range",
                    value = s,
                    max = MAX_SINCE_OFFSET.as_secs() / 3600
                ));
            }
            return Ok(Since::After(d));
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Ok(Since::At(dt.with_timezone(&Utc)));
        }
        for fmt in ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"] {
            if let Ok(c) = NaiveTime::parse_from_str(t, fmt) {
                return Ok(Since::Clock(c));
            }
        }
        Err(crate::t!("rec.replay.bad_time", value = s))
    }

    fn start(&self, first: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Since::At(t) => *t,
            // parse() bounds the offset; past the end of the calendar is "nothing yet"
            Since::After(d) => chrono::Duration::from_std(*d)
                .ok()
                .and_then(|d| first.checked_add_signed(d))
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
            Since::Clock(c) => {
                let day = first.date_naive();
                let at = day.and_time(*c).and_utc();
                if at < first - chrono::Duration::minutes(1) && *c < first.time() {
                    at + chrono::Duration::days(1)
                } else {
                    at
                }
            }
        }
    }
}

/// `90s`, `2m`, `1h30m`, `1500ms`, or a bare number of seconds.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let bad = || crate::t!("rec.replay.bad_duration", value = s);
    let t = s.trim();
    if t.is_empty() {
        return Err(bad());
    }
    if let Ok(secs) = t.parse::<f64>() {
        return Duration::try_from_secs_f64(secs).map_err(|_| bad());
    }
    let mut total = Duration::ZERO;
    let mut num = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().map_err(|_| bad())?;
        num.clear();
        let unit = match c {
            'h' => 3600.0,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                0.001
            }
            'm' => 60.0,
            's' => 1.0,
            _ => return Err(bad()),
        };
        total = Duration::try_from_secs_f64(n * unit)
            .ok()
            .and_then(|d| total.checked_add(d))
            .ok_or_else(bad)?;
    }
    if !num.is_empty() {
        return Err(bad());
    }
    Ok(total)
}

/// Which entries to show.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Phase names (or `session`); empty: all.
    pub phases: Vec<String>,
    /// Event kinds; empty: all.
    pub kinds: Vec<String>,
    pub since: Option<Since>,
    pub grep: Option<Regex>,
}

/// Aliases accepted by `--kind`.
pub fn canonical_kind(k: &str) -> &str {
    match k {
        "api" | "http" => "api_call",
        "answers" | "asked" => "answer",
        "facts" | "read" => "fact",
        "port" | "serial" | "bytes" => "traffic",
        other => other,
    }
}

impl Filter {
    /// Check the names; the error says which values exist.
    pub fn validate(&self) -> Result<()> {
        for p in &self.phases {
            if p != "session" && Phase::from_name(p).is_none() {
                let names: Vec<&str> = Phase::ALL.iter().map(|p| p.name()).collect();
                return Err(Error::usage(
                    "E_REPLAY_PHASE",
                    crate::t!("rec.replay.bad_phase", phase = p),
                )
                .with_help(crate::t!(
                    "rec.replay.bad_phase.help",
                    names = names.join(", ")
                )));
            }
        }
        for k in &self.kinds {
            let ok = !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            if !ok {
                let kinds: Vec<&str> = super::verify::KINDS.iter().map(|(k, _)| *k).collect();
                return Err(Error::usage(
                    "E_REPLAY_KIND",
                    crate::t!("rec.replay.bad_kind", kind = k),
                )
                .with_help(crate::t!(
                    "rec.replay.bad_kind.help",
                    kinds = kinds.join(", ")
                )));
            }
        }
        Ok(())
    }

    fn matches(&self, e: &Entry, since: Option<DateTime<Utc>>) -> bool {
        if !self.phases.is_empty() && !self.phases.contains(&e.phase) {
            return false;
        }
        if !self.kinds.is_empty() && !self.kinds.iter().any(|k| canonical_kind(k) == e.kind) {
            return false;
        }
        if let Some(start) = since {
            match DateTime::parse_from_rfc3339(&e.time) {
                Ok(t) if t.with_timezone(&Utc) < start => return false,
                _ => {}
            }
        }
        if let Some(re) = &self.grep
            && !re.is_match(&e.text)
            && !re.is_match(&e.kind)
        {
            return false;
        }
        true
    }
}

/// How to replay.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub filter: Filter,
    /// Wait for new events until `session_done` (or Ctrl-C).
    pub follow: bool,
    /// Re-show only the service-port traffic, with its original timing.
    pub play: bool,
    /// Play faster (2.0) or slower (0.5).
    pub speed: f64,
    /// Longest wait between two played chunks, before `speed` applies.
    pub max_gap: Duration,
    /// How often `--follow` looks for new lines.
    pub poll: Duration,
}

fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

fn s<'a>(d: &'a Value, k: &str) -> &'a str {
    d.get(k).and_then(Value::as_str).unwrap_or("")
}

/// The one-line text of an event.
/// An event in words; `facts`: what the session had read before it (for the values a checklist
/// question names).
pub fn describe(e: &Event, facts: &std::collections::BTreeMap<String, Value>) -> String {
    use crate::t;
    let d = &e.data;
    match e.kind.as_str() {
        "session_started" => t!(
            "rec.replay.ev.started",
            id = s(d, "session_id"),
            version = s(d, "version"),
            demo = if d.get("demo").and_then(Value::as_bool) == Some(true) {
                t!("rec.replay.ev.demo")
            } else {
                String::new()
            },
            os = s(d, "os")
        ),
        "session_resumed" => t!(
            "rec.replay.ev.resumed",
            events = compact(&d["events"]),
            dropped = match d.get("repaired_bytes").and_then(Value::as_u64) {
                Some(n) if n > 0 => t!("rec.replay.ev.dropped", bytes = n),
                _ => String::new(),
            }
        ),
        "step_started" => {
            let phase = s(d, "phase");
            let title = Phase::from_name(phase)
                .map(Phase::title)
                .unwrap_or_else(|| phase.to_string());
            t!(
                "rec.replay.ev.step_started",
                number = compact(&d["number"]),
                title = title
            )
        }
        "answer" => {
            let key = s(d, "key");
            let value = compact(&d["value"]);
            let source = s(d, "source");
            if source == "prompt" {
                let q = keys::find(key)
                    .map(|k| k.question_text_with(|r| r.from_facts(facts)))
                    .unwrap_or_else(|| key.to_string());
                t!(
                    "rec.replay.ev.asked",
                    key = key,
                    question = q,
                    value = value
                )
            } else {
                let from = match source.strip_prefix("answers:") {
                    Some(line) => t!("rec.replay.ev.answers_line", line = line),
                    None => source.to_string(),
                };
                t!(
                    "rec.replay.ev.answer",
                    key = key,
                    value = value,
                    from = from
                )
            }
        }
        "correction" => {
            let source = s(d, "source");
            let from = match source.strip_prefix("answers:") {
                Some(line) => t!("rec.replay.ev.answers_line", line = line),
                None => source.to_string(),
            };
            let strs = |field: &str| -> Vec<&str> {
                d.get(field)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect()
            };
            let phases = strs("reopens");
            let mut reopens = if phases.is_empty() {
                String::new()
            } else {
                t!("correct.replay_reopens", phases = phases.join(", "))
            };
            let withdrawn = strs("withdraws");
            if !withdrawn.is_empty() {
                reopens.push_str(&t!("correct.replay_withdraws", keys = withdrawn.join(", ")));
            }
            t!(
                "correct.replay",
                key = s(d, "key"),
                value = compact(&d["value"]),
                old = compact(&d["old_value"]),
                from = from,
                reopens = reopens
            )
        }
        "refused" => t!("rec.replay.ev.refused", key = s(d, "key")),
        "withdrawn" => t!(
            "safety.replay.withdrawn",
            key = s(d, "key"),
            by = s(d, "by"),
            reading = s(d, "reading")
        ),
        "fact" => t!(
            "rec.replay.ev.fact",
            key = s(d, "key"),
            value = compact(&d["value"])
        ),
        "traffic" => {
            let arrow = if s(d, "dir") == "sent" { "->" } else { "<-" };
            format!("{} {arrow} {}", s(d, "port"), s(d, "text"))
        }
        "api_call" => {
            let status = match d.get("status").and_then(Value::as_u64) {
                Some(st) => st.to_string(),
                None => t!("rec.replay.ev.no_answer"),
            };
            let mut text = t!(
                "rec.replay.ev.api",
                method = s(d, "method"),
                path = s(d, "path"),
                status = status,
                ms = compact(&d["latency_ms"])
            );
            if let Some(a) = d.get("attempt").and_then(Value::as_u64).filter(|a| *a > 1) {
                text.push_str(&t!("rec.replay.ev.attempt", attempt = a));
            }
            if let Some(err) = d.get("error").and_then(Value::as_str) {
                text.push_str(&format!(": {err}"));
            }
            text
        }
        "action_started" => match d.get("idempotency_key").and_then(Value::as_str) {
            Some(k) => t!(
                "rec.replay.ev.action_started_key",
                action = s(d, "action"),
                key = k
            ),
            None => t!("rec.replay.ev.action_started", action = s(d, "action")),
        },
        "action_done" => t!(
            "rec.replay.ev.action_done",
            action = s(d, "action"),
            result = compact(&d["result"])
        ),
        "action_queued" => t!(
            "rec.replay.ev.action_queued",
            action = s(d, "action"),
            key = s(d, "idempotency_key"),
            reason = s(d, "reason")
        ),
        "step_done" => t!(
            "rec.replay.ev.step_done",
            phase = s(d, "phase"),
            summary = compact(&d["summary"])
        ),
        "step_failed" => {
            let mut text = t!(
                "rec.replay.ev.step_failed",
                phase = s(d, "phase"),
                code = s(d, "code"),
                message = s(d, "message")
            );
            if let Some(h) = d.get("help").and_then(Value::as_str) {
                text.push_str(&t!("rec.replay.ev.help", help = h));
            }
            text
        }
        "session_done" => t!("rec.replay.ev.done"),
        "session_abandoned" => t!("sessions.replay.abandoned", reason = s(d, "reason")),
        _ => compact(d),
    }
}

/// `+M:SS.mmm` (or `+H:MM:SS.mmm`).
pub fn fmt_offset(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "+" };
    let ms = ms.unsigned_abs();
    let (h, m, s, f) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    if h > 0 {
        format!("{sign}{h}:{m:02}:{s:02}.{f:03}")
    } else {
        format!("{sign}{m}:{s:02}.{f:03}")
    }
}

fn parse_time(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Builds entries and shows the ones the filter lets through.
struct Sink<'o> {
    out: &'o mut Output,
    opts: Options,
    first: Option<DateTime<Utc>>,
    since: Option<DateTime<Utc>>,
    /// Date of the last human line (a date line is shown when it changes).
    day: Option<chrono::NaiveDate>,
    /// Time of the last played chunk.
    played: Option<DateTime<Utc>>,
    shown: u64,
    /// Highest seq shown (so a restarted follow does not show an event twice).
    last_seq: Option<u64>,
    session_id: Option<String>,
    finished: bool,
    stop: Rc<Cell<bool>>,
    /// The facts read so far (`fact` events), for the values a question names.
    facts: std::collections::BTreeMap<String, Value>,
}

/// When an event happened: for service-port traffic the time the bytes moved, else the time
/// it was written.
fn when(e: &Event) -> Option<DateTime<Utc>> {
    if e.kind == "traffic" {
        e.data
            .get("at")
            .and_then(Value::as_str)
            .and_then(parse_time)
    } else {
        None
    }
    .or_else(|| parse_time(&e.time))
}

/// The entry of an event, given the session's start and the facts read before it.
fn make_entry(
    e: &Event,
    verified: bool,
    when: Option<DateTime<Utc>>,
    first: Option<DateTime<Utc>>,
    facts: &std::collections::BTreeMap<String, Value>,
) -> Entry {
    let offset_ms = match (when, first) {
        (Some(w), Some(f)) => (w - f).num_milliseconds(),
        _ => 0,
    };
    Entry {
        schema: SCHEMA,
        type_: "event",
        seq: e.seq,
        time: when
            .map(|w| w.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_else(|| e.time.clone()),
        offset_ms,
        phase: e.step.clone(),
        kind: e.kind.clone(),
        text: describe(e, facts),
        verified,
        data: e.data.clone(),
    }
}

/// The line before an entry's when its date is not the one of the line before it.
/// What a replay's outcome keeps of an event: the session's id (from its first event) and
/// whether the session finished.
fn session_marks(e: &Event, session_id: &mut Option<String>, finished: &mut bool) {
    if e.seq == 0 && session_id.is_none() {
        *session_id = e
            .data
            .get("session_id")
            .and_then(Value::as_str)
            .map(str::to_string);
    }
    if e.kind == "session_done" {
        *finished = true;
    }
}

fn date_line(day: chrono::NaiveDate) -> String {
    format!("{} (UTC)\n", day)
}

/// The human line of an entry, without the date line that may go before it.
fn human_body(e: &Entry, t: Option<DateTime<Utc>>, play: bool) -> String {
    let clock = t
        .map(|t| t.format("%H:%M:%S%.3f").to_string())
        .unwrap_or_else(|| e.time.clone());
    let mark = if e.verified {
        String::new()
    } else {
        crate::t!("rec.replay.unverified") + " "
    };
    if play {
        format!("{} {mark}{}", fmt_offset(e.offset_ms), e.text)
    } else {
        format!(
            "{:>10} {clock} {:<10} {:<14} {mark}{}",
            fmt_offset(e.offset_ms),
            e.phase,
            e.kind,
            e.text
        )
    }
}

impl Sink<'_> {
    fn entry(&mut self, e: &Event, verified: bool) -> Entry {
        let when = when(e);
        if self.first.is_none() {
            self.first = when;
            self.since = match (&self.opts.filter.since, when) {
                (Some(s), Some(f)) => Some(s.start(f)),
                _ => None,
            };
        }
        make_entry(e, verified, when, self.first, &self.facts)
    }

    fn human(&mut self, e: &Entry) -> String {
        let t = parse_time(&e.time);
        let mut line = String::new();
        if let Some(t) = t {
            let day = t.date_naive();
            if self.day != Some(day) && !self.opts.play {
                line.push_str(&date_line(day));
                self.day = Some(day);
            }
        }
        line.push_str(&human_body(e, t, self.opts.play));
        line
    }

    /// Take one sound event: whole when it may be shown or its content is needed later (the
    /// first event, facts, the end), else only noted, without building and formatting it.
    fn take_view(&mut self, e: &journal::EventView) {
        let f = &self.opts.filter;
        let shown = (f.phases.is_empty() || f.phases.iter().any(|p| *p == e.step))
            && (f.kinds.is_empty() || f.kinds.iter().any(|k| canonical_kind(k) == e.kind))
            && (!self.opts.play || e.kind == "traffic");
        if shown || e.seq == 0 || e.kind == "session_done" {
            return self.take(&e.to_event(), true);
        }
        if self.stop.get() {
            return;
        }
        if e.kind == "fact" {
            // kept for the questions shown later, not shown: its value only (a text is read
            // off the view; anything else, or a name given twice, from the whole event)
            match (e.data.get_str("key"), e.data.get_str("value")) {
                (Some(k), Some(v)) if e.data.once("key") && e.data.once("value") => {
                    self.facts
                        .insert(k.to_string(), Value::String(v.to_string()));
                }
                _ => {
                    let whole = e.to_event();
                    if let Some(k) = whole.data.get("key").and_then(Value::as_str) {
                        self.facts.insert(
                            k.to_string(),
                            whole.data.get("value").cloned().unwrap_or_default(),
                        );
                    }
                }
            }
        }
        if self.last_seq.is_none_or(|l| e.seq > l) {
            self.last_seq = Some(e.seq);
        }
    }

    /// Take one event: build, filter, pace (`--play`) and show it.
    fn take(&mut self, e: &Event, verified: bool) {
        if self.stop.get() {
            return;
        }
        session_marks(e, &mut self.session_id, &mut self.finished);
        if e.kind == "fact"
            && let Some(k) = e.data.get("key").and_then(Value::as_str)
        {
            self.facts.insert(
                k.to_string(),
                e.data.get("value").cloned().unwrap_or_default(),
            );
        }
        let already = self.last_seq.is_some_and(|l| e.seq <= l) && verified;
        let entry = self.entry(e, verified);
        if already {
            return;
        }
        if verified {
            self.last_seq = Some(e.seq);
        }
        if self.opts.play && entry.kind != "traffic" {
            return;
        }
        if !self.opts.filter.matches(&entry, self.since) {
            return;
        }
        if self.opts.play {
            let now = parse_time(&entry.time);
            if let (Some(prev), Some(now)) = (self.played, now) {
                let gap = (now - prev)
                    .to_std()
                    .unwrap_or_default()
                    .min(self.opts.max_gap);
                let wait = gap.div_f64(self.opts.speed.max(1e-6));
                if !wait.is_zero() {
                    std::thread::sleep(wait);
                }
            }
            self.played = now.or(self.played);
        }
        let line = self.human(&entry);
        self.out.stream_item(&entry, |_| line);
        self.shown += 1;
        if self.out.pipe_closed() {
            self.stop.set(true);
        }
    }
}

/// What every piece of a replay in pieces shares: the options and the session's start.
struct Ctx {
    opts: Options,
    json: bool,
    /// The time of the journal's first line (the session's start, when that line is sound).
    first: Option<DateTime<Utc>>,
    /// Where `--since` starts, from `first`.
    since: Option<DateTime<Utc>>,
}

/// The lines of a stretch of the journal (a piece, or the pieces joined so far), formatted on
/// the thread that walked it; joined in the order of the file ([`journal::Tally`]). The one
/// thing a line takes from the lines before the stretch, the date line before the first dated
/// line, is decided at the join; the session's start is read beforehand ([`Ctx`]), and the
/// facts a question names are not needed (no `answer` is shown: [`pieces_ctx`]).
struct Part<'c> {
    ctx: &'c Ctx,
    /// Where joined stretches' lines go, in order, to be written.
    tx: &'c std::sync::mpsc::SyncSender<Vec<u8>>,
    /// The stretch's lines, as [`Output::stream_item`] writes them.
    buf: Vec<u8>,
    /// Where in `buf` the first dated line starts, and its date: the date line goes there
    /// unless the lines before the stretch end on the same date (human lines only).
    first_day: Option<(usize, chrono::NaiveDate)>,
    /// The date of the last dated line (human lines only).
    day: Option<chrono::NaiveDate>,
    shown: u64,
    session_id: Option<String>,
    finished: bool,
    /// The lines can no longer be written (the reader went away).
    stopped: bool,
}

impl<'c> Part<'c> {
    fn new(ctx: &'c Ctx, tx: &'c std::sync::mpsc::SyncSender<Vec<u8>>) -> Self {
        Part {
            ctx,
            tx,
            buf: Vec::new(),
            first_day: None,
            day: None,
            shown: 0,
            session_id: None,
            finished: false,
            stopped: false,
        }
    }

    /// [`Sink::take`] of a sound event, into `buf`.
    fn take_event(&mut self, e: &Event) {
        session_marks(e, &mut self.session_id, &mut self.finished);
        let no_facts = std::collections::BTreeMap::new();
        let entry = make_entry(e, true, when(e), self.ctx.first, &no_facts);
        if !self.ctx.opts.filter.matches(&entry, self.ctx.since) {
            return;
        }
        let mut line = String::new();
        let t = parse_time(&entry.time);
        if !self.ctx.json
            && let Some(day) = t.map(|t| t.date_naive())
            && self.day != Some(day)
        {
            match self.day {
                // the first dated line of the stretch: decided at the join
                None => self.first_day = Some((self.buf.len(), day)),
                Some(_) => line.push_str(&date_line(day)),
            }
            self.day = Some(day);
        }
        line.push_str(&human_body(&entry, t, false));
        let text = crate::output::stream_item_text(self.ctx.json, &entry, |_| line);
        self.buf.extend_from_slice(text.as_bytes());
        self.shown += 1;
    }
}

impl journal::Tally for Part<'_> {
    /// [`Sink::take_view`]: only what may be shown, the first event and the end are built.
    fn take(&mut self, e: &journal::EventView, _offset: u64) {
        let f = &self.ctx.opts.filter;
        let shown = (f.phases.is_empty() || f.phases.iter().any(|p| *p == e.step))
            && (f.kinds.is_empty() || f.kinds.iter().any(|k| canonical_kind(k) == e.kind));
        if shown || e.seq == 0 || e.kind == "session_done" {
            self.take_event(&e.to_event());
        }
    }

    /// Join the stretch right after this one, and send its lines to be written.
    fn merge(&mut self, later: Self) {
        if self.stopped {
            return;
        }
        let mut buf = later.buf;
        if let Some((at, day)) = later.first_day
            && self.day != Some(day)
        {
            buf.splice(at..at, date_line(day).into_bytes());
        }
        self.day = later.day.or(self.day);
        self.shown += later.shown;
        self.finished |= later.finished;
        if self.session_id.is_none() {
            self.session_id = later.session_id;
        }
        if !buf.is_empty() && self.tx.send(buf).is_err() {
            self.stopped = true;
        }
    }

    fn done(&self) -> bool {
        self.stopped
    }
}

/// What the walk in pieces leaves for the rest of the replay.
struct Tail {
    day: Option<chrono::NaiveDate>,
    shown: u64,
    session_id: Option<String>,
    finished: bool,
}

/// The file and the shared state of a replay in pieces, when it can be one: a plain journal
/// file (no export's record vouching for lines), neither followed nor played, with a `--kind`
/// filter that shows no `answer` (a question's text takes the facts read before it, from
/// anywhere in the journal), whose first line has a time. Else the replay is one walk (also
/// when `EVFIELD_VERIFY_PIECE` is `0`).
fn pieces_ctx(src: &Source, opts: &Options, vouching: bool, json: bool) -> Option<(File, Ctx)> {
    let f = &opts.filter;
    // `EVFIELD_VERIFY_PIECE=0` (tests): the one walk, to compare with
    let off = std::env::var("EVFIELD_VERIFY_PIECE").is_ok_and(|p| p == "0");
    if off
        || opts.follow
        || opts.play
        || vouching
        || src.kind != SourceKind::Journal
        || f.kinds.is_empty()
        || f.kinds.iter().any(|k| canonical_kind(k) == "answer")
    {
        return None;
    }
    let file = File::open(&src.path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    // the session's start, as the one walk takes it from the first event (when it is sound)
    let mut br = BufReader::new(&file);
    let mut buf = Vec::new();
    let (n, too_long) = journal::read_bounded_line(&mut br, &mut buf).ok()?;
    if n == 0 || too_long {
        return None;
    }
    let first = Some(when(&lenient_event(buf.trim_ascii_end())?)?);
    drop(br);
    let since = match (&f.since, first) {
        (Some(s), Some(t)) => Some(s.start(t)),
        _ => None,
    };
    let ctx = Ctx {
        opts: opts.clone(),
        json,
        first,
        since,
    };
    Some((file, ctx))
}

/// Verify `file` in pieces ([`journal::verify_tally`]), each piece's matching lines formatted
/// on the thread that walked it and written here, in order, as the pieces are joined (a few
/// pieces' lines at most are held).
fn replay_in_pieces(
    file: &File,
    ctx: &Ctx,
    out: &mut Output,
    stop: &Cell<bool>,
) -> std::io::Result<(journal::Verified, Tail)> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
    std::thread::scope(|s| {
        let walker = s.spawn(move || {
            let tx = tx;
            let new = || Part::new(ctx, &tx);
            use journal::Tally as _;
            let (v, last) = journal::verify_tally(file, &|_, _| false, &new)?;
            // the one walk of a small file left its lines in `last`: send them too
            let mut all = Part::new(ctx, &tx);
            all.merge(last);
            let tail = Tail {
                day: all.day,
                shown: all.shown,
                session_id: all.session_id,
                finished: all.finished,
            };
            Ok((v, tail))
        });
        for chunk in rx {
            out.raw_bytes(&chunk);
            if out.pipe_closed() {
                stop.set(true);
                break;
            }
        }
        walker
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// A reader that ends as soon as `stop` is set (a closed pipe), and, when following, waits at
/// the end of the file for more bytes instead of ending, until `stop` is set.
struct Feed<R> {
    inner: R,
    stop: Rc<Cell<bool>>,
    /// Follow a growing file: (the file's path, bytes read so far, poll interval).
    follow: Option<(std::path::PathBuf, u64, Duration)>,
}

/// The error a followed journal gives when it shrank (a crashed session was resumed and its
/// cut-short last line dropped): the replay starts again from the top.
const SHRANK: &str = "the journal shrank";

impl<R: Read> Read for Feed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.stop.get() {
                return Ok(0);
            }
            let n = self.inner.read(buf)?;
            let Some((path, pos, poll)) = self.follow.as_mut() else {
                return Ok(n);
            };
            if n > 0 {
                *pos += n as u64;
                return Ok(n);
            }
            if std::fs::metadata(&*path).is_ok_and(|m| m.len() < *pos) {
                return Err(std::io::Error::other(SHRANK));
            }
            std::thread::sleep(*poll);
        }
    }
}

/// What a replay found.
pub struct Outcome {
    pub end: End,
}

impl Outcome {
    /// The error for the exit code (a damaged journal), if any. A cut-short last line is what
    /// a crash leaves and is only noted.
    pub fn error(&self) -> Option<Error> {
        let f = self.end.fault.as_ref()?;
        if f.class == FaultClass::Truncated {
            return None;
        }
        Some(
            Error::journal(
                "E_JOURNAL_TAMPERED",
                crate::t!(
                    "rec.replay.damaged",
                    source = self.end.source,
                    seq = f.seq,
                    line = f.line,
                    byte = f.offset,
                    why = f.what
                ),
            )
            .with_help(crate::t!(
                "rec.replay.damaged.help",
                source = self.end.source
            )),
        )
    }
}

/// Replay `src` to `out`. Unless it follows or plays, its lines are written in blocks.
pub fn replay(src: &Source, opts: Options, out: &mut Output) -> Result<Outcome> {
    let live = opts.follow || opts.play;
    if !live {
        out.buffer_stdout();
    }
    let r = replay_to(src, opts, out);
    out.flush_held();
    r
}

fn replay_to(src: &Source, opts: Options, out: &mut Output) -> Result<Outcome> {
    opts.filter.validate()?;
    if opts.follow && src.kind == SourceKind::Archive {
        return Err(
            Error::usage("E_REPLAY_FOLLOW", crate::t!("rec.replay.follow_bundle"))
                .with_help(crate::t!("rec.replay.follow_bundle.help")),
        );
    }
    if opts.play && !(opts.speed.is_finite() && opts.speed > 0.0) {
        return Err(Error::usage(
            "E_REPLAY_SPEED",
            crate::t!("rec.replay.speed", value = opts.speed),
        )
        .with_help(crate::t!("rec.replay.speed.help")));
    }
    let manifest = src.manifest()?;
    let vouch = manifest.as_ref().map(|m| m.vouch());
    let no_vouch = |_: u64, _: &[u8]| false;
    let vouched: &dyn Fn(u64, &[u8]) -> bool = match &vouch {
        Some(v) => v,
        None => &no_vouch,
    };
    let stop = Rc::new(Cell::new(false));
    let mut sink = Sink {
        out,
        opts: opts.clone(),
        first: None,
        since: None,
        day: None,
        played: None,
        shown: 0,
        last_seq: None,
        session_id: None,
        finished: false,
        stop: stop.clone(),
        facts: Default::default(),
    };
    let verified = if opts.follow {
        loop {
            let f = std::fs::File::open(&src.path).map_err(|e| unreadable(&src.path, e))?;
            let finished = Rc::new(Cell::new(false));
            let feed = Feed {
                inner: f,
                stop: finished.clone(),
                follow: Some((src.path.clone(), 0, opts.poll)),
            };
            let stop2 = stop.clone();
            let r = journal::verify_view(feed, vouched, |e, _| {
                sink.take_view(e);
                if e.kind == "session_done" || stop2.get() {
                    finished.set(true);
                }
            });
            match r {
                Ok(v) => break v,
                Err(e) if e.to_string() == SHRANK => continue,
                Err(e) => return Err(unreadable(&src.path, e)),
            }
        }
    } else if let Some((file, ctx)) = pieces_ctx(src, &opts, vouch.is_some(), sink.out.json) {
        let (v, tail) =
            replay_in_pieces(&file, &ctx, sink.out, &stop).map_err(|e| unreadable(&src.path, e))?;
        // the state the one walk would have after the sound events, for the rest and the end
        if v.events > 0 {
            sink.first = ctx.first;
            sink.since = ctx.since;
            sink.last_seq = Some(v.events - 1);
        }
        sink.day = tail.day;
        sink.shown = tail.shown;
        sink.session_id = tail.session_id;
        sink.finished = tail.finished;
        v
    } else {
        src.with_journal(|r| {
            let feed = Feed {
                inner: r,
                stop: stop.clone(),
                follow: None,
            };
            // With nothing to leave out by phase or kind, every event is built anyway: read
            // each once, whole; else a view first, and whole only what may be shown.
            let whole = opts.filter.phases.is_empty() && opts.filter.kinds.is_empty();
            if whole {
                journal::verify_vouched(feed, vouched, |e, _| sink.take(e, true))
            } else {
                journal::verify_view(feed, vouched, |e, _| sink.take_view(e))
            }
            .map_err(|e| unreadable(&src.path, e))
        })?
    };
    // After a fault, show the rest of the file leniently, marked unverified.
    if let Some(f) = verified.fault.as_ref().filter(|_| !stop.get()) {
        src.with_journal(|r| {
            std::io::copy(&mut r.take(f.offset), &mut std::io::sink())
                .map_err(|e| unreadable(&src.path, e))?;
            let mut br = BufReader::new(r);
            let mut buf = Vec::new();
            let mut line_no = f.line;
            loop {
                if stop.get() {
                    break;
                }
                let (n, too_long) = journal::read_bounded_line(&mut br, &mut buf)
                    .map_err(|e| unreadable(&src.path, e))?;
                if n == 0 {
                    break;
                }
                if too_long {
                    // shown as a damaged line; the rest of it is never held
                    journal::skip_line(&mut br).map_err(|e| unreadable(&src.path, e))?;
                }
                let line = buf.trim_ascii_end();
                match lenient_event(line).filter(|_| !too_long) {
                    Some(e) => sink.take(&e, false),
                    None => {
                        let text = crate::station::escape_bytes(&line[..line.len().min(200)]);
                        let e = Event {
                            v: journal::SCHEMA_VERSION,
                            seq: line_no - 1,
                            time: String::new(),
                            step: String::new(),
                            kind: "damaged_line".into(),
                            data: serde_json::json!({ "line": line_no, "text": text }),
                            prev: String::new(),
                            hash: String::new(),
                        };
                        sink.take(&e, false);
                    }
                }
                line_no += 1;
            }
            Ok(())
        })?;
    }
    sink.out.flush_held();
    let stopped = stop.get();
    let end = End {
        schema: SCHEMA,
        type_: "end",
        source: src.path.display().to_string(),
        session_id: sink.session_id.clone(),
        events: verified.events,
        shown: sink.shown,
        finished: sink.finished,
        fault: verified.fault.clone(),
        stopped,
    };
    if sink.out.json {
        if !stopped {
            sink.out.stream_item(&end, |_| String::new());
        }
    } else if !stopped {
        let mut note = if end.finished {
            crate::tn!(
                "rec.replay.end.finished",
                count = end.events,
                shown = end.shown
            )
        } else {
            crate::tn!(
                "rec.replay.end.not_finished",
                count = end.events,
                shown = end.shown
            )
        };
        if end
            .fault
            .as_ref()
            .is_some_and(|f| f.class == FaultClass::Truncated)
        {
            note.push_str(&crate::t!("rec.replay.end.cut_short"));
        }
        sink.out.note(note);
    }
    Ok(Outcome { end })
}

/// An event read without checking it (after a fault): its sealed secrets put back where their
/// texts are there and match, `[masked]` where not.
fn lenient_event(line: &[u8]) -> Option<Event> {
    let text = std::str::from_utf8(line).ok()?;
    let (sealed, rest) = crate::journal::seal::split(text).unwrap_or_default();
    let mut e: Event = serde_json::from_str(if sealed.is_empty() { text } else { &rest }).ok()?;
    if crate::journal::seal::unseal(&mut e.data, &sealed).is_err() {
        let _ = crate::journal::seal::unseal(&mut e.data, &[]);
    }
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(
            parse_duration("1500ms").unwrap(),
            Duration::from_millis(1500)
        );
        assert_eq!(parse_duration("2.5").unwrap(), Duration::from_millis(2500));
        for bad in ["", "m", "5x", "1h30", "-3s"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        // no panic and no wrap-around from offsets past what a clock holds
        for huge in [
            "+9999999999h",
            "+153722867280912930m",
            "+18446744073709551615s",
            "+10001h",
        ] {
            assert!(Since::parse(huge).is_err(), "{huge}");
        }
    }

    #[test]
    fn since_forms_and_their_start() {
        let first = DateTime::parse_from_rfc3339("2026-03-01T23:50:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |s: &str| Since::parse(s).unwrap().start(first).to_rfc3339();
        assert_eq!(at("+10m"), "2026-03-02T00:00:00+00:00");
        assert_eq!(at("2026-03-01T23:55:00Z"), "2026-03-01T23:55:00+00:00");
        assert_eq!(at("23:55"), "2026-03-01T23:55:00+00:00");
        // A clock time earlier than the start is the next day.
        assert_eq!(at("00:05:30"), "2026-03-02T00:05:30+00:00");
        assert!(Since::parse("yesterday").is_err());
    }

    #[test]
    fn offsets_format() {
        assert_eq!(fmt_offset(0), "+0:00.000");
        assert_eq!(fmt_offset(61_234), "+1:01.234");
        assert_eq!(fmt_offset(3_723_004), "+1:02:03.004");
        assert_eq!(fmt_offset(-5), "-0:00.005");
    }
}
