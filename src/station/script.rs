//! The script runner: runs a vendor profile's steps (send / expect / capture / checksum /
//! retry) over a [`Transport`], recording every byte as [`Traffic`] for the journal.
//!
//! Each command is sent with the profile's line ending (and `^XX` checksum for RAPI), then reply
//! lines are read until the command's expected lines have all come: lines matching
//! `[protocol].ignore` are skipped anywhere, a line identical to what was sent is an echo and
//! skipped, a line matching a `fail` pattern ends the command at once as a refusal. A timeout, an
//! unreadable line or a bad checksum sends the command again when the profile allows retries.
//! Every error names the port, the command and the step.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::console::{
    E_STATION_GARBLED, E_STATION_REFUSED, E_STATION_REPLY, E_STATION_TIMEOUT, MAX_LINE,
    decode_value, encode_value, escape_bytes, garbled_help, human_duration,
};
use super::link::Link;
use super::profile::requests::Kind;
use super::profile::{Action, Profile, STEPS};
use super::transport::Transport;
use super::{Direction, Traffic, rapi};
use crate::{Error, Result};

/// Error code: a reply's checksum does not match.
pub const E_STATION_CHECKSUM: &str = "E_STATION_CHECKSUM";
/// Error code: the profile has no such step, or the step cannot be run over the port.
pub const E_NO_STEP: &str = "E_NO_STEP";

/// Values of a step: single values and lists (from `each` expects).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    pub scalars: BTreeMap<String, String>,
    pub lists: BTreeMap<String, Vec<String>>,
}

impl Values {
    /// A non-empty single value.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.scalars
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
    pub fn list(&self, key: &str) -> &[String] {
        self.lists.get(key).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// How one command ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Every expected line came.
    Done,
    /// A `fail` line came: the line, and its named groups.
    Refused {
        line: String,
        captures: BTreeMap<String, String>,
    },
}

/// What went wrong in one attempt, before it becomes an [`Error`].
enum Trouble {
    Timeout,
    /// Lines came but not the expected one.
    Unexpected(String),
    Garbled(Vec<u8>, String),
    Checksum(String, String),
}

/// Variables whose values are secret: masked in messages (they still cross the wire).
pub const SECRET_VARS: &[&str] = &["authorization_key"];

/// Runs a profile's scripts on one link (text lines, Modbus, HTTP or UDP).
pub struct Runner {
    pub(crate) link: Link,
    pub(crate) profile: Profile,
    traffic: Vec<Traffic>,
    pending: Vec<u8>,
    /// Secret values of the running step: they cross the wire but never reach the traffic
    /// record (the journal), an error or the step's values.
    secrets: Vec<String>,
    /// A read-only run (`station info`, `station status`, ...): a command that is not a reading
    /// command of the profile is refused before it is sent (src/station/profile/reads.rs).
    read_only: bool,
}

impl Runner {
    pub fn new(transport: Box<dyn Transport>, profile: Profile) -> Self {
        Self::with_link(Link::Lines(transport), profile)
    }

    pub fn with_link(link: Link, profile: Profile) -> Self {
        Runner {
            link,
            profile,
            traffic: Vec::new(),
            pending: Vec::new(),
            secrets: Vec::new(),
            read_only: false,
        }
    }

    /// From now on send only the profile's reading commands.
    pub fn set_read_only(&mut self) {
        self.read_only = true;
    }

    pub fn port(&self) -> &str {
        self.link.name()
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Everything sent and received since the last call, oldest first.
    pub fn take_traffic(&mut self) -> Vec<Traffic> {
        let mut all = std::mem::take(&mut self.traffic);
        all.extend(self.link.take_traffic());
        all.sort_by_key(|t| t.at);
        all
    }

    fn lines(&mut self) -> Result<&mut Box<dyn Transport>> {
        match &mut self.link {
            Link::Lines(t) => Ok(t),
            other => Err(Error::internal(
                "E_PROFILE",
                crate::t!(
                    "prof.script.wrong_link",
                    link = match other {
                        Link::Modbus(_) => "Modbus",
                        Link::Http(_) => "HTTP",
                        _ => "UDP",
                    },
                    name = other.name()
                ),
            )),
        }
    }

    pub(crate) fn context(&self, step: &str) -> String {
        crate::t!(
            "prof.script.context",
            step = step,
            vendor = self.profile.vendor.id
        )
    }

    /// Run a step; a refusal is an error.
    pub fn run_step(
        &mut self,
        step: &str,
        inputs: &BTreeMap<String, String>,
        timeout: Option<Duration>,
    ) -> Result<Values> {
        let (values, refused) = self.run_step_lenient(step, inputs, timeout)?;
        match refused {
            None => Ok(values),
            Some((label, line, captures)) => Err(self.refused(step, &label, &line, &captures)),
        }
    }

    /// Run a step; a refusal stops it and is returned with the values gathered so far and the
    /// command that was refused (for callers that interpret refusals, like the modem check).
    /// Secret inputs ([`SECRET_VARS`]) are masked in everything that comes back.
    #[allow(clippy::type_complexity)]
    pub fn run_step_lenient(
        &mut self,
        step: &str,
        inputs: &BTreeMap<String, String>,
        timeout: Option<Duration>,
    ) -> Result<(Values, Option<(String, String, BTreeMap<String, String>)>)> {
        self.secrets = SECRET_VARS
            .iter()
            .filter_map(|v| inputs.get(*v))
            .filter(|v| !v.is_empty())
            .cloned()
            .collect();
        if self.secrets.is_empty() {
            return self.run_step_inner(step, inputs, timeout);
        }
        let first = self.traffic.len();
        let r = self.run_step_inner(step, inputs, timeout);
        self.mask_traffic(first);
        let r = match r {
            Ok((mut values, refused)) => {
                for v in SECRET_VARS {
                    values.scalars.remove(*v);
                }
                let refused = refused.map(|(label, line, captures)| {
                    let captures = captures
                        .into_iter()
                        .map(|(k, v)| (k, self.mask_text(&v)))
                        .collect();
                    (label, self.mask_text(&line), captures)
                });
                Ok((values, refused))
            }
            Err(mut e) => {
                e.message = self.mask_text(&e.message);
                e.help = e.help.map(|h| self.mask_text(&h));
                Err(e)
            }
        };
        self.secrets.clear();
        r
    }

    /// The forms a secret takes on the wire: as is, and percent-encoded.
    fn secret_forms(&self) -> Vec<String> {
        let mut forms: Vec<String> = Vec::new();
        for s in &self.secrets {
            forms.push(s.clone());
            let enc = encode_value(s);
            if enc != *s {
                forms.push(enc);
            }
        }
        // longest first, so a secret inside another is not half masked
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        forms
    }

    /// `text` with every secret replaced by `***`.
    fn mask_text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for f in self.secret_forms() {
            out = out.replace(&f, "***");
        }
        out
    }

    /// The traffic recorded since `first`, with every secret replaced by `***`. Replies come in
    /// chunks, so the received bytes of a run are joined first: a secret split between two
    /// reads is still found.
    fn mask_traffic(&mut self, first: usize) {
        let forms = self.secret_forms();
        let recorded: Vec<Traffic> = self.traffic.drain(first..).collect();
        let mut merged: Vec<Traffic> = Vec::new();
        for t in recorded {
            match merged.last_mut() {
                Some(last) if last.dir == t.dir => {
                    last.bytes.extend_from_slice(&t.bytes);
                    last.at = t.at;
                }
                _ => merged.push(t),
            }
        }
        for t in &mut merged {
            for f in &forms {
                t.bytes = replace_bytes(&t.bytes, f.as_bytes(), b"***");
            }
        }
        self.traffic.extend(merged);
    }

    #[allow(clippy::type_complexity)]
    fn run_step_inner(
        &mut self,
        step: &str,
        inputs: &BTreeMap<String, String>,
        timeout: Option<Duration>,
    ) -> Result<(Values, Option<(String, String, BTreeMap<String, String>)>)> {
        let def = self.profile.step(step).cloned().ok_or_else(|| {
            Error::station(
                E_NO_STEP,
                crate::t!(
                    "prof.script.no_step",
                    vendor = self.profile.vendor.id,
                    step = step
                ),
            )
            .with_help(crate::t!(
                "prof.script.no_step_help",
                vendor = self.profile.vendor.id
            ))
        })?;
        let mut values = Values::default();
        values.scalars.extend(inputs.clone());
        values.scalars.extend(def.set.clone());
        for (i, action) in def.run.iter().enumerate() {
            let label = self.label(action, &values, step)?;
            if self.read_only {
                let sent = match (&action.send, action.kind()) {
                    (Some(t), Kind::Line) => Some(
                        render(t, &values, &self.profile.protocol.encoding, false)
                            .map_err(|e| self.bad_value(step, e))?,
                    ),
                    _ => None,
                };
                if !self.profile.only_reads(action, sent.as_deref()) {
                    return Err(super::profile::reads::refused(
                        &self.profile.vendor.id,
                        step,
                        &label,
                    ));
                }
            }
            let outcome = if action.kind() == Kind::Line {
                self.run_action(step, &label, action, &mut values, timeout)
            } else {
                self.run_request(step, &label, action, &mut values, timeout)
            };
            let outcome = outcome.map_err(|e| self.silence(e, i, action, step, &label))?;
            match outcome {
                Outcome::Done => {}
                Outcome::Refused { line, captures } => {
                    return Ok((values, Some((label, line, captures))));
                }
            }
        }
        for (var, table) in &def.codes {
            let mut meanings = Vec::new();
            let raws: Vec<String> = match values.lists.get(var) {
                Some(l) => l.clone(),
                None => values.scalars.get(var).cloned().into_iter().collect(),
            };
            for raw in raws {
                if let Some((_, m)) = table
                    .iter()
                    .find(|(code, _)| code.eq_ignore_ascii_case(raw.trim()))
                {
                    meanings.push(m.get().to_string());
                }
            }
            if let Some(first) = meanings.first() {
                values.scalars.insert(format!("{var}_text"), first.clone());
            }
            values.lists.insert(format!("{var}_text"), meanings);
        }
        let needs = STEPS
            .iter()
            .find(|(n, _, _)| *n == step)
            .map(|(_, v, _)| *v)
            .unwrap_or(&[]);
        if step == "read_ocpp" {
            // Settings never written are not set, not missing: a station never commissioned
            // answers `OCPP GET` with a bare `OK` (docs/station-console.md).
            for n in needs {
                values.scalars.entry(n.to_string()).or_default();
            }
        }
        if !def.run.is_empty()
            && let Some(missing) = needs.iter().find(|n| !values.scalars.contains_key(**n))
        {
            let label = def
                .run
                .iter()
                .filter_map(|a| a.send.as_deref())
                .next_back()
                .unwrap_or(step);
            return Err(Error::station(
                E_STATION_REPLY,
                crate::t!(
                    "prof.script.missing",
                    port = self.port(),
                    label = label,
                    missing = missing,
                    context = self.context(step)
                ),
            )
            .with_help(crate::t!("prof.script.missing_help")));
        }
        Ok((values, None))
    }

    /// What a command is called in messages: what is sent (secrets masked), or what is awaited.
    fn label(&self, action: &Action, values: &Values, step: &str) -> Result<String> {
        if action.kind() != Kind::Line {
            return self.request_label(action, values, step);
        }
        Ok(match &action.send {
            Some(t) => render(t, values, &self.profile.protocol.encoding, true)
                .map_err(|e| self.bad_value(step, e))?,
            None => crate::t!(
                "prof.script.waiting",
                pattern = action.expect.first().map(|e| e.pattern()).unwrap_or("")
            ),
        })
    }

    /// The time a command has and how often it is sent again: the caller's, the command's or
    /// the protocol's.
    pub(crate) fn limits(&self, action: &Action, timeout: Option<Duration>) -> (Duration, u32) {
        let proto = &self.profile.protocol;
        let timeout = timeout
            .or(action.timeout_ms.map(Duration::from_millis))
            .unwrap_or(Duration::from_millis(proto.timeout_ms));
        (timeout, action.retries.unwrap_or(proto.retries))
    }

    pub(crate) fn bad_value(&self, step: &str, why: String) -> Error {
        Error::validation("E_BAD_VALUE", format!("{why} ({})", self.context(step)))
            .with_help(crate::t!("prof.script.bad_value_help"))
    }

    fn run_action(
        &mut self,
        step: &str,
        label: &str,
        action: &Action,
        values: &mut Values,
        timeout: Option<Duration>,
    ) -> Result<Outcome> {
        let proto = self.profile.protocol.clone();
        let (timeout, retries) = self.limits(action, timeout);
        let checksum = action.checksum.as_deref().unwrap_or(&proto.checksum) == "xor";
        let line_ending = self
            .profile
            .service_port
            .as_ref()
            .map(|sp| sp.line_ending.clone())
            .unwrap_or_else(|| "\r\n".into());
        let frame = match &action.send {
            Some(t) => {
                let text = render(t, values, &proto.encoding, false)
                    .map_err(|e| self.bad_value(step, e))?;
                Some(if checksum {
                    rapi::with_checksum(&text)
                } else {
                    text
                })
            }
            None => None,
        };
        let mut attempt = 0;
        loop {
            if let Some(f) = &frame {
                self.drain()?;
                self.send(format!("{f}{line_ending}").as_bytes())
                    .map_err(|e| self.with_context(e, step, label))?;
            }
            let mut caught = Values::default();
            let r = self.await_lines(action, frame.as_deref(), checksum, timeout, &mut caught);
            match r {
                Ok(Outcome::Done) => {
                    for (k, v) in caught.scalars {
                        values.scalars.insert(k, v);
                    }
                    for (k, v) in caught.lists {
                        values.lists.entry(k).or_default().extend(v);
                    }
                    return Ok(Outcome::Done);
                }
                Ok(refused) => return Ok(refused),
                Err(Ok(trouble)) => {
                    if attempt < retries && frame.is_some() {
                        attempt += 1;
                        continue;
                    }
                    return Err(self.trouble(trouble, step, label, timeout, attempt + 1));
                }
                Err(Err(e)) => return Err(self.with_context(e, step, label)),
            }
        }
    }

    /// Read lines until the action's expects are met. `Err(Ok(_))` is a retryable trouble,
    /// `Err(Err(_))` a hard error (the port is gone).
    fn await_lines(
        &mut self,
        action: &Action,
        sent: Option<&str>,
        checksum: bool,
        timeout: Duration,
        caught: &mut Values,
    ) -> std::result::Result<Outcome, std::result::Result<Trouble, Error>> {
        let deadline = crate::waits::deadline(Instant::now(), timeout);
        let mut cur = 0;
        let mut unexpected: Option<String> = None;
        let percent = self.profile.protocol.encoding == "percent";
        if action.expect.is_empty() {
            return Ok(Outcome::Done);
        }
        loop {
            while let Some(raw) = self.next_line().map_err(Err)? {
                if raw
                    .iter()
                    .any(|b| !(b.is_ascii_graphic() || *b == b' ' || *b == b'\t'))
                {
                    return Err(Ok(Trouble::Garbled(
                        raw,
                        crate::t!("prof.script.not_ascii"),
                    )));
                }
                let text = String::from_utf8_lossy(&raw).to_string();
                let trimmed = text.trim();
                if trimmed.is_empty() {
                    continue;
                }
                if sent.is_some_and(|s| s.trim() == trimmed) {
                    continue; // echo
                }
                let line = if checksum && trimmed.starts_with('$') {
                    match rapi::strip_checksum(trimmed) {
                        Ok(body) => body.to_string(),
                        Err(e) => {
                            return Err(Ok(Trouble::Checksum(trimmed.to_string(), e.to_string())));
                        }
                    }
                } else {
                    trimmed.to_string()
                };
                if let Some(caps) = action
                    .fail_re
                    .iter()
                    .chain(&self.profile.protocol.fail_re)
                    .find_map(|re| re.captures(&line).map(|c| (re, c)))
                {
                    let (re, c) = caps;
                    let captures = re
                        .capture_names()
                        .flatten()
                        .filter_map(|n| c.name(n).map(|m| (n.to_string(), m.as_str().to_string())))
                        .collect();
                    return Ok(Outcome::Refused { line, captures });
                }
                // The first expected line at or after `cur` (skipping optional ones) that matches.
                // An `each` line gives way to a later expected line that matches too (the `OK`
                // that ends a list of information lines).
                let mut matched = None;
                for j in cur..action.expect.len() {
                    if action.expect_re[j].is_match(&line) {
                        if matched.is_none() || !action.expect[j].each() {
                            matched = Some(j);
                        }
                        if !action.expect[j].each() {
                            break;
                        }
                    }
                    if !action.expect[j].optional() {
                        break;
                    }
                }
                // An `each` expect keeps collecting until a later one matches.
                if matched.is_none()
                    && cur > 0
                    && action.expect[cur - 1].each()
                    && action.expect_re[cur - 1].is_match(&line)
                {
                    matched = Some(cur - 1);
                }
                match matched {
                    Some(j) => {
                        let e = &action.expect[j];
                        let re = &action.expect_re[j];
                        let decode = |v: &str| -> std::result::Result<String, Trouble> {
                            if percent {
                                decode_value(v).map_err(|err| {
                                    Trouble::Garbled(line.clone().into_bytes(), err.0)
                                })
                            } else {
                                Ok(v.to_string())
                            }
                        };
                        if e.each() {
                            for c in re.captures_iter(&line) {
                                for n in re.capture_names().flatten() {
                                    if let Some(m) = c.name(n) {
                                        let v = decode(m.as_str()).map_err(Ok)?;
                                        caught.lists.entry(n.to_string()).or_default().push(v);
                                    }
                                }
                            }
                        } else if let Some(c) = re.captures(&line) {
                            for n in re.capture_names().flatten() {
                                if let Some(m) = c.name(n) {
                                    let v = decode(m.as_str()).map_err(Ok)?;
                                    caught.scalars.insert(n.to_string(), v);
                                }
                            }
                        }
                        if let Some(fields) = e.fields() {
                            for token in line.split(' ').filter(|t| !t.is_empty()) {
                                let Some((k, v)) = token.split_once('=') else {
                                    continue;
                                };
                                for (wire, var) in fields {
                                    if wire.eq_ignore_ascii_case(k) {
                                        let v = decode(v).map_err(Ok)?;
                                        caught.scalars.insert(var.clone(), v);
                                    } else if let Some(prefix) = wire.strip_suffix('*')
                                        && k.len() > prefix.len()
                                        && k[..prefix.len()].eq_ignore_ascii_case(prefix)
                                        && k[prefix.len()..].bytes().all(|b| b.is_ascii_digit())
                                    {
                                        // `e*`: e1, e2, ... into a list, in order.
                                        let v = decode(v).map_err(Ok)?;
                                        caught.lists.entry(var.clone()).or_default().push(v);
                                    }
                                }
                            }
                        }
                        cur = j + 1;
                        if cur >= action.expect.len() && !e.each() {
                            return Ok(Outcome::Done);
                        }
                    }
                    None => {
                        if self
                            .profile
                            .protocol
                            .ignore_re
                            .iter()
                            .any(|re| re.is_match(&line))
                        {
                            continue;
                        }
                        unexpected = Some(line);
                    }
                }
            }
            // An `each` expect at the end is met once the reply's line has come.
            if cur >= action.expect.len() {
                return Ok(Outcome::Done);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Ok(match unexpected {
                    Some(l) => Trouble::Unexpected(l),
                    None => Trouble::Timeout,
                }));
            }
            self.receive(deadline - now).map_err(Err)?;
        }
    }

    fn trouble(
        &self,
        t: Trouble,
        step: &str,
        label: &str,
        timeout: Duration,
        attempts: u32,
    ) -> Error {
        let port = self.port();
        let ctx = self.context(step);
        let tries = attempts_note(attempts);
        match t {
            Trouble::Timeout => self
                .timeout_error(step, label, timeout, attempts)
                .with_help(crate::t!(
                    "prof.script.timeout_help",
                    settings = self.line_settings()
                )),
            Trouble::Unexpected(line) => Error::station(
                E_STATION_REPLY,
                crate::t!(
                    "prof.script.unexpected",
                    port = port,
                    label = label,
                    line = escape_bytes(line.as_bytes()),
                    context = ctx,
                    tries = tries
                ),
            )
            .with_help(crate::t!("prof.script.unexpected_help")),
            Trouble::Garbled(raw, why) => Error::station(
                E_STATION_GARBLED,
                crate::t!(
                    "prof.script.garbled",
                    port = port,
                    label = label,
                    raw = escape_bytes(&raw),
                    why = why,
                    tries = tries,
                    context = ctx
                ),
            )
            .with_help(garbled_help()),
            Trouble::Checksum(line, why) => Error::station(
                E_STATION_CHECKSUM,
                crate::t!(
                    "prof.script.checksum",
                    port = port,
                    label = label,
                    line = escape_bytes(line.as_bytes()),
                    why = why,
                    tries = tries,
                    context = ctx
                ),
            )
            .with_help(crate::t!("prof.script.checksum_help")),
        }
    }

    /// A command that went unanswered while the ones before it in the step were answered: the
    /// profile's `silence` says what that means on this station (a setting that turns the reply
    /// off), instead of a bare timeout.
    fn silence(&self, e: Error, index: usize, action: &Action, step: &str, label: &str) -> Error {
        if index == 0 || action.silence.is_unset() || e.code != E_STATION_TIMEOUT {
            return e;
        }
        let mut out = Error::station(
            E_STATION_TIMEOUT,
            crate::t!(
                "i14.silence",
                port = self.port(),
                label = label,
                hint = action.silence.get(),
                context = self.context(step)
            ),
        );
        out.help = e.help;
        out
    }

    /// No answer to `label` within `timeout` (the caller adds what to check).
    pub(crate) fn timeout_error(
        &self,
        step: &str,
        label: &str,
        timeout: Duration,
        attempts: u32,
    ) -> Error {
        Error::station(
            E_STATION_TIMEOUT,
            crate::t!(
                "prof.script.timeout",
                port = self.port(),
                label = label,
                time = human_duration(timeout),
                tries = attempts_note(attempts),
                context = self.context(step)
            ),
        )
    }

    pub(crate) fn line_settings(&self) -> String {
        match &self.profile.service_port {
            Some(sp) => format!(
                "{} baud, {}{}{}",
                sp.baud,
                sp.data_bits,
                sp.parity.chars().next().unwrap_or('n').to_ascii_uppercase(),
                sp.stop_bits
            ),
            None => crate::t!("prof.script.settings_profile"),
        }
    }

    fn refused(
        &self,
        step: &str,
        label: &str,
        line: &str,
        captures: &BTreeMap<String, String>,
    ) -> Error {
        let detail = match (captures.get("code"), captures.get("message")) {
            (Some(c), Some(m)) if !m.is_empty() => {
                let m = decode_value(m).unwrap_or_else(|_| m.clone());
                format!("{} {m}", c.to_ascii_lowercase())
            }
            (Some(c), _) => c.to_ascii_lowercase(),
            _ => line.to_string(),
        };
        let help = match captures
            .get("code")
            .map(|c| c.to_ascii_lowercase())
            .as_deref()
        {
            Some("bad_url") => crate::t!("prof.script.help_bad_url"),
            Some("bad_id") => crate::t!("prof.script.help_bad_id"),
            Some("unknown_command") => {
                crate::t!("prof.script.help_unknown_command", label = label)
            }
            _ => crate::t!("prof.script.help_refused"),
        };
        Error::station(
            E_STATION_REFUSED,
            crate::t!(
                "prof.script.refused",
                port = self.port(),
                label = label,
                detail = detail,
                context = self.context(step)
            ),
        )
        .with_help(help)
    }

    pub(crate) fn with_context(&self, mut e: Error, step: &str, label: &str) -> Error {
        e.message = crate::t!(
            "prof.script.during",
            message = e.message,
            label = label,
            context = self.context(step)
        );
        e
    }

    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        self.traffic.push(Traffic {
            dir: Direction::Sent,
            bytes: bytes.to_vec(),
            at: Utc::now(),
        });
        self.lines()?.write_all(bytes)
    }

    fn receive(&mut self, timeout: Duration) -> Result<usize> {
        let mut buf = [0u8; 1024];
        let n = self.lines()?.read(&mut buf, timeout)?;
        if n > 0 {
            self.traffic.push(Traffic {
                dir: Direction::Received,
                bytes: buf[..n].to_vec(),
                at: Utc::now(),
            });
            self.pending.extend_from_slice(&buf[..n]);
        }
        Ok(n)
    }

    /// The next complete line in `pending` (terminator removed); an over-long line is dropped
    /// and reported as garbled.
    fn next_line(&mut self) -> Result<Option<Vec<u8>>> {
        match self.pending.iter().position(|b| *b == b'\r' || *b == b'\n') {
            Some(pos) => {
                let line: Vec<u8> = self.pending.drain(..=pos).take(pos).collect();
                Ok(Some(line))
            }
            None if self.pending.len() > MAX_LINE => {
                let head = self.pending[..64].to_vec();
                self.pending.clear();
                // Reported as an unreadable line (non-printable marker forces Garbled).
                let mut marked = head;
                marked.push(0);
                Ok(Some(marked))
            }
            None => Ok(None),
        }
    }

    /// Discard what arrived before a command (stale replies, banners); it stays in the traffic.
    fn drain(&mut self) -> Result<()> {
        let start = Instant::now();
        while self.receive(Duration::ZERO)? > 0 {
            if start.elapsed() > Duration::from_millis(200) {
                break;
            }
        }
        self.pending.clear();
        Ok(())
    }
}

/// `, 3 attempts` after the first attempt, else nothing.
pub(crate) fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        crate::t!("prof.script.attempts", attempts = attempts)
    } else {
        String::new()
    }
}

/// `haystack` with every occurrence of `needle` replaced by `with`.
fn replace_bytes(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    if needle.is_empty() {
        return haystack.to_vec();
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// Fill a template's `{name}` / `{name:filter}` placeholders. `masked` replaces secrets with
/// `***` (for messages). Filters: `pct` percent-encoding (docs/station-console.md), `quoted`
/// wraps in double quotes (AT strings), `json` escapes for the inside of a JSON string (the
/// template writes the quotes: `"{url:json}/{charge_box_id:json}"`), `raw` as is; the default is
/// the protocol's encoding.
pub fn render(
    template: &str,
    values: &Values,
    encoding: &str,
    masked: bool,
) -> std::result::Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| crate::t!("prof.profile.unclosed", template = template))?;
        let inner = &after[..close];
        let (name, filter) = match inner.split_once(':') {
            Some((n, f)) => (n, f),
            None => (inner, if encoding == "percent" { "pct" } else { "raw" }),
        };
        let value = values.scalars.get(name).ok_or_else(|| {
            crate::t!("prof.script.no_value", placeholder = format!("{{{name}}}"))
        })?;
        if masked && SECRET_VARS.contains(&name) {
            out.push_str("***");
        } else {
            match filter {
                "pct" => out.push_str(&encode_value(value)),
                "json" => {
                    if value.chars().any(|c| c.is_control()) {
                        let shown = if SECRET_VARS.contains(&name) {
                            crate::t!("prof.script.secret")
                        } else {
                            format!("{value:?}")
                        };
                        return Err(crate::t!(
                            "prof.script.control_char",
                            name = name,
                            shown = shown
                        ));
                    }
                    // Escaped for the inside of a JSON string; the template writes the quotes.
                    let quoted = serde_json::Value::String(value.clone()).to_string();
                    out.push_str(&quoted[1..quoted.len() - 1]);
                }
                "quoted" => {
                    if value.contains('"') || value.chars().any(|c| c.is_control()) {
                        let shown = if SECRET_VARS.contains(&name) {
                            crate::t!("prof.script.secret")
                        } else {
                            value.clone()
                        };
                        return Err(crate::t!(
                            "prof.script.no_quotes",
                            name = name,
                            shown = shown
                        ));
                    }
                    out.push('"');
                    out.push_str(value);
                    out.push('"');
                }
                _ => {
                    if value.chars().any(|c| c.is_control()) {
                        if SECRET_VARS.contains(&name) {
                            return Err(crate::t!("prof.script.secret_control_char", name = name));
                        }
                        return Err(crate::t!(
                            "prof.script.control_char",
                            name = name,
                            shown = format!("{value:?}")
                        ));
                    }
                    out.push_str(value);
                }
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}
