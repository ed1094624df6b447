//! Driver for the generic line console protocol (docs/station-console.md).
//!
//! The protocol is one command line out, one reply line back (`OK k=v ...` or
//! `ERR <code> <message>`), with unsolicited `BOOT ...` and `EVT ...` lines allowed at any time.
//! [`parse_reply`] and the percent-encoding helpers are pure functions shared with the simulated
//! station, so both sides agree by construction.

use std::fmt;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::transport::Transport;
use super::{Direction, Identity, OcppSettings, SimStatus, StationDriver, Traffic};
use crate::{Error, Result};

/// Error code: the station did not answer a command in time.
pub const E_STATION_TIMEOUT: &str = "E_STATION_TIMEOUT";
/// Error code: the station answered something that is not a protocol reply.
pub const E_STATION_GARBLED: &str = "E_STATION_GARBLED";
/// Error code: the station answered `ERR ...`.
pub const E_STATION_REFUSED: &str = "E_STATION_REFUSED";
/// Error code: the reply was well formed but lacks a field the command must return.
pub const E_STATION_REPLY: &str = "E_STATION_REPLY";

/// The longest line (without terminator) either side accepts.
pub const MAX_LINE: usize = 4096;

/// Default time a station has to answer one command.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

/// One reply line from the station.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// `OK k=v ...`: the fields in the order sent, values decoded.
    Ok(Vec<(String, String)>),
    /// `ERR <code> <message>`.
    Err { code: String, message: String },
}

impl Reply {
    /// The value of the first field named `key` in an `OK` reply.
    pub fn get(&self, key: &str) -> Option<&str> {
        match self {
            Reply::Ok(fields) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            Reply::Err { .. } => None,
        }
    }
}

/// Why a line is not a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyParseError(pub String);

impl fmt::Display for ReplyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReplyParseError {}

/// Percent-encode a value: space, `%`, `=`, control characters (CR and LF among them), DEL and
/// every byte of a non-ASCII character become `%XX` (upper-case hex).
pub fn encode_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_graphic() && b != b'%' && b != b'=' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Like [`encode_value`] but keeps spaces and `=` as they are: for the free text of `ERR` lines.
pub fn encode_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if (b.is_ascii_graphic() || b == b' ') && b != b'%' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decode `%XX` escapes (either case). A `%` not followed by two hex digits, or escapes that do
/// not form UTF-8, are errors.
pub fn decode_value(text: &str) -> Result<String, ReplyParseError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .filter(|_| bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit());
            match hex {
                Some(b) => out.push(b),
                None => {
                    return Err(ReplyParseError(crate::t!("stn.reply.bad_escape", i = i)));
                }
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ReplyParseError(crate::t!("stn.reply.not_utf8")))
}

/// Format an `OK` reply line (without terminator) from fields; values are encoded.
pub fn format_ok(fields: &[(&str, &str)]) -> String {
    let mut line = String::from("OK");
    for (k, v) in fields {
        line.push(' ');
        line.push_str(k);
        line.push('=');
        line.push_str(&encode_value(v));
    }
    line
}

/// Format an `ERR` reply line (without terminator).
pub fn format_err(code: &str, message: &str) -> String {
    if message.is_empty() {
        format!("ERR {code}")
    } else {
        format!("ERR {code} {}", encode_message(message))
    }
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
}

/// Parse one reply line (terminator already removed; a trailing CR or LF is tolerated).
///
/// `OK` may be followed by `key=value` tokens separated by one or more spaces. Keys are letters,
/// digits, `_`, `-` and `.`; values are percent-decoded and may be empty (a raw `=` inside a value
/// is accepted). `ERR` is followed by a code and an optional free-text message. The reply word is
/// case-insensitive. Anything else, and any byte outside printable ASCII, is an error.
pub fn parse_reply(line: &str) -> Result<Reply, ReplyParseError> {
    let line = line.trim_end_matches(['\r', '\n']);
    if let Some(bad) = line.chars().find(|c| !(c.is_ascii_graphic() || *c == ' ')) {
        return Err(ReplyParseError(crate::t!(
            "stn.reply.not_printable",
            c = escape_bytes(bad.to_string().as_bytes())
        )));
    }
    let trimmed = line.trim_matches(' ');
    let (word, rest) = match trimmed.split_once(' ') {
        Some((w, r)) => (w, r),
        None => (trimmed, ""),
    };
    if word.eq_ignore_ascii_case("OK") {
        let mut fields = Vec::new();
        for token in rest.split(' ').filter(|t| !t.is_empty()) {
            let Some((key, value)) = token.split_once('=') else {
                return Err(ReplyParseError(crate::t!(
                    "stn.reply.not_field",
                    token = token
                )));
            };
            if !is_key(key) {
                return Err(ReplyParseError(crate::t!(
                    "stn.reply.not_field_name",
                    key = key
                )));
            }
            let value = decode_value(value)
                .map_err(|e| ReplyParseError(crate::t!("stn.reply.field", key = key, why = e)))?;
            fields.push((key.to_ascii_lowercase(), value));
        }
        Ok(Reply::Ok(fields))
    } else if word.eq_ignore_ascii_case("ERR") {
        let rest = rest.trim_start_matches(' ');
        let (code, message) = match rest.split_once(' ') {
            Some((c, m)) => (c, m.trim_matches(' ')),
            None => (rest, ""),
        };
        if !is_key(code) {
            return Err(ReplyParseError(crate::t!("stn.reply.err_no_code")));
        }
        // Messages are free text; undo escapes where they are well formed.
        let message = decode_value(message).unwrap_or_else(|_| message.to_string());
        Ok(Reply::Err {
            code: code.to_ascii_lowercase(),
            message,
        })
    } else if word.is_empty() {
        Err(ReplyParseError(crate::t!("stn.reply.empty")))
    } else {
        Err(ReplyParseError(crate::t!("stn.reply.no_ok_err")))
    }
}

/// Whether a line is unsolicited (`BOOT ...`, `EVT ...`), which a driver skips.
pub fn is_unsolicited(line: &str) -> bool {
    is_boot_banner(line) || starts_with_word(line, "EVT")
}

/// Whether a line is the banner a station sends after it (re)started.
pub fn is_boot_banner(line: &str) -> bool {
    starts_with_word(line, "BOOT")
}

fn starts_with_word(line: &str, word: &str) -> bool {
    let line = line.trim_start_matches(' ');
    line.len() >= word.len()
        && line.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        && matches!(line.as_bytes().get(word.len()), None | Some(b' '))
}

/// Show bytes for a human: printable ASCII as is, everything else escaped (`\r`, `\x1b`), cut at
/// 120 characters.
pub fn escape_bytes(bytes: &[u8]) -> String {
    const SHOWN: usize = 120;
    let mut out = super::escape_bytes(&bytes[..bytes.len().min(SHOWN)]);
    if bytes.len() > SHOWN {
        out.push_str("...");
    }
    out
}

/// "2 s", "500 ms", "1.5 s".
pub(crate) fn human_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// [`StationDriver`] for stations that speak the line console protocol.
pub struct ConsoleDriver {
    transport: Box<dyn Transport>,
    timeout: Duration,
    traffic: Vec<Traffic>,
    /// Received bytes not yet consumed as lines.
    pending: Vec<u8>,
    /// A command timed out: its reply may still arrive and must not be taken for the next one's.
    owed: bool,
}

impl ConsoleDriver {
    pub fn new(transport: Box<dyn Transport>) -> Self {
        ConsoleDriver {
            transport,
            timeout: DEFAULT_TIMEOUT,
            traffic: Vec::new(),
            pending: Vec::new(),
            owed: false,
        }
    }

    /// Time the station has to answer one command (default 2 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The port's name, as used in messages.
    pub fn port(&self) -> &str {
        self.transport.name()
    }

    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        self.traffic.push(Traffic {
            dir: Direction::Sent,
            bytes: bytes.to_vec(),
            at: Utc::now(),
        });
        self.transport.write_all(bytes)
    }

    /// Read once (up to `timeout`), record and buffer what came. Returns the number of bytes.
    fn receive(&mut self, timeout: Duration) -> Result<usize> {
        let mut buf = [0u8; 1024];
        let n = self.transport.read(&mut buf, timeout)?;
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

    /// Take the next complete line out of `pending`, if any (terminator removed). Fails when the
    /// buffer holds more than [`MAX_LINE`] bytes without a terminator.
    fn next_line(&mut self, label: &str) -> Result<Option<Vec<u8>>> {
        loop {
            match self.pending.iter().position(|b| *b == b'\r' || *b == b'\n') {
                Some(pos) => {
                    let line: Vec<u8> = self.pending.drain(..=pos).take(pos).collect();
                    if line.iter().all(|b| *b == b' ') {
                        continue; // blank line, or the LF of a CRLF
                    }
                    return Ok(Some(line));
                }
                None if self.pending.len() > MAX_LINE => {
                    let shown = escape_bytes(&self.pending[..64]);
                    self.pending.clear();
                    return Err(Error::station(
                        E_STATION_GARBLED,
                        crate::t!(
                            "stn.reply.too_long",
                            port = self.port(),
                            label = label,
                            max = MAX_LINE,
                            shown = shown
                        ),
                    )
                    .with_help(garbled_help()));
                }
                None => return Ok(None),
            }
        }
    }

    /// Discard what arrived before a command (stale replies, banners), keeping it in the traffic.
    fn drain(&mut self) -> Result<()> {
        let start = Instant::now();
        while self.receive(Duration::ZERO)? > 0 {
            if start.elapsed() > Duration::from_millis(200) {
                break;
            }
        }
        // A late reply among the drained lines settles what a timed-out command owed.
        while let Ok(Some(raw)) = self.next_line("") {
            if let Ok(text) = std::str::from_utf8(&raw)
                && !is_unsolicited(text)
                && parse_reply(text).is_ok()
            {
                self.owed = false;
            }
        }
        self.pending.clear();
        Ok(())
    }

    /// Send one command and return its `OK` fields. `label` names the command in messages
    /// (`OCPP SET`, without the values).
    pub fn command(&mut self, label: &str, line: &str) -> Result<Vec<(String, String)>> {
        self.command_fitting(label, line, |_| true)
    }

    /// Like [`ConsoleDriver::command`]; `fits` tells this command's `OK` reply from another's.
    /// After a timed-out command, the first `OK` that does not fit is taken for the late reply
    /// to that command and skipped (the protocol has no request ids).
    fn command_fitting(
        &mut self,
        label: &str,
        line: &str,
        fits: impl Fn(&[(String, String)]) -> bool,
    ) -> Result<Vec<(String, String)>> {
        self.drain()?;
        self.send(format!("{line}\r\n").as_bytes())?;
        let deadline = crate::waits::deadline(Instant::now(), self.timeout);
        let mut restarted = false;
        loop {
            while let Some(raw) = self.next_line(label)? {
                match self.classify(&raw, line, label, &mut restarted)? {
                    Some(Reply::Ok(fields)) => {
                        let stale = self.owed && !fits(&fields);
                        self.owed = false;
                        if !stale {
                            return Ok(fields);
                        }
                    }
                    Some(Reply::Err { code, message }) => {
                        self.owed = false;
                        return Err(self.refused(label, &code, &message));
                    }
                    None => {}
                }
            }
            let now = Instant::now();
            if now >= deadline {
                self.owed = true;
                return Err(self.timed_out(label, restarted));
            }
            self.receive(deadline - now)?;
        }
    }

    /// Sort a line: `None` for lines to skip (unsolicited, echo), else the reply or an error.
    fn classify(
        &mut self,
        raw: &[u8],
        sent: &str,
        label: &str,
        restarted: &mut bool,
    ) -> Result<Option<Reply>> {
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(_) => return Err(self.garbled(label, raw, &crate::t!("stn.reply.not_ascii"))),
        };
        if is_boot_banner(text) {
            *restarted = true;
            return Ok(None);
        }
        if is_unsolicited(text) || text.trim().eq_ignore_ascii_case(sent.trim()) {
            return Ok(None);
        }
        match parse_reply(text) {
            Ok(reply) => Ok(Some(reply)),
            Err(e) => Err(self.garbled(label, raw, &e.0)),
        }
    }

    fn garbled(&self, label: &str, raw: &[u8], why: &str) -> Error {
        Error::station(
            E_STATION_GARBLED,
            crate::t!(
                "stn.reply.garbled",
                port = self.port(),
                label = label,
                raw = escape_bytes(raw),
                why = why
            ),
        )
        .with_help(garbled_help())
    }

    fn timed_out(&self, label: &str, restarted: bool) -> Error {
        let (port, wait) = (self.port(), human_duration(self.timeout));
        let msg = if restarted {
            crate::t!(
                "stn.reply.timeout_restarted",
                port = port,
                label = label,
                wait = wait
            )
        } else {
            crate::t!("stn.reply.timeout", port = port, label = label, wait = wait)
        };
        Error::station(E_STATION_TIMEOUT, msg).with_help(crate::t!("stn.reply.timeout_help"))
    }

    fn refused(&self, label: &str, code: &str, message: &str) -> Error {
        let help = match code {
            "bad_url" => crate::t!("stn.reply.bad_url_help"),
            "bad_id" => crate::t!("stn.reply.bad_id_help"),
            "unknown_command" => crate::t!("stn.reply.unknown_command_help", label = label),
            _ => crate::t!("stn.reply.see_manual_help"),
        };
        let port = self.port();
        Error::station(
            E_STATION_REFUSED,
            if message.is_empty() {
                crate::t!("stn.reply.refused", port = port, label = label, code = code)
            } else {
                crate::t!(
                    "stn.reply.refused_message",
                    port = port,
                    label = label,
                    code = code,
                    message = message
                )
            },
        )
        .with_help(help)
    }

    fn field<'a>(&self, label: &str, fields: &'a [(String, String)], key: &str) -> Result<&'a str> {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| {
                Error::station(
                    E_STATION_REPLY,
                    crate::t!(
                        "stn.reply.missing_field",
                        port = self.port(),
                        label = label,
                        key = key
                    ),
                )
                .with_help(crate::t!("stn.reply.other_version_help"))
            })
    }

    /// Wait until the station has restarted: its `BOOT` banner, or (for stations without a
    /// banner) an answer to `ID` once at least one second has passed.
    pub fn wait_boot(&mut self, timeout: Duration) -> Result<()> {
        let start = Instant::now();
        let deadline = crate::waits::deadline(start, timeout);
        let mut next_probe = start + Duration::from_secs(1);
        let mut probed = false;
        loop {
            while let Some(raw) = self.next_line("REBOOT")? {
                let Ok(text) = std::str::from_utf8(&raw) else {
                    continue; // noise while the station starts
                };
                if is_boot_banner(text) {
                    // Answers to probes sent while it was down may still come.
                    self.owed |= probed;
                    return Ok(());
                }
                if let Ok(reply @ Reply::Ok(_)) = parse_reply(text)
                    && reply.get("manufacturer").is_some()
                {
                    return Ok(());
                }
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::station(
                    E_STATION_TIMEOUT,
                    crate::t!(
                        "stn.reply.no_boot",
                        port = self.port(),
                        wait = human_duration(timeout)
                    ),
                )
                .with_help(crate::t!("stn.reply.no_boot_help")));
            }
            if now >= next_probe {
                self.send(b"ID\r\n")?;
                probed = true;
                next_probe = now + Duration::from_secs(1);
            }
            let wait = deadline.min(next_probe).saturating_duration_since(now);
            self.receive(wait)?;
        }
    }
}

pub(crate) fn garbled_help() -> String {
    crate::t!("stn.reply.garbled_help")
}

fn has(fields: &[(String, String)], key: &str) -> bool {
    fields.iter().any(|(k, _)| k == key)
}

/// A reply that carries none of the fields other commands answer with.
fn bare(fields: &[(String, String)]) -> bool {
    !["manufacturer", "pin", "count", "url", "id"]
        .iter()
        .any(|k| has(fields, k))
}

fn optional(fields: &[(String, String)], key: &str) -> Option<String> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

impl StationDriver for ConsoleDriver {
    fn wait_ready(&mut self, timeout: Duration) -> Result<()> {
        self.wait_boot(timeout)
    }

    fn identify(&mut self) -> Result<Identity> {
        let f = self.command_fitting("ID", "ID", |f| has(f, "manufacturer"))?;
        Ok(Identity {
            manufacturer: self.field("ID", &f, "manufacturer")?.to_string(),
            model: self.field("ID", &f, "model")?.to_string(),
            serial: self.field("ID", &f, "serial")?.to_string(),
            mac: self
                .field("ID", &f, "mac")?
                .to_ascii_uppercase()
                .replace('-', ":"),
            firmware: self.field("ID", &f, "firmware")?.to_string(),
        })
    }

    fn read_sim(&mut self) -> Result<SimStatus> {
        let f = self.command_fitting("SIM", "SIM", |f| has(f, "pin"))?;
        let pin_state = self.field("SIM", &f, "pin")?.to_string();
        let reg = self.field("SIM", &f, "reg")?;
        let registered = matches!(reg.trim(), "1" | "5");
        let signal_dbm = match optional(&f, "rssi_dbm") {
            Some(v) => Some(v.trim().parse::<i32>().map_err(|_| {
                self.garbled(
                    "SIM",
                    format!("rssi_dbm={v}").as_bytes(),
                    &crate::t!("stn.reply.not_number"),
                )
            })?),
            None => None,
        };
        Ok(SimStatus {
            iccid: optional(&f, "iccid").unwrap_or_default(),
            pin_state,
            registered,
            signal_dbm,
            apn: optional(&f, "apn"),
        })
    }

    fn read_ocpp(&mut self) -> Result<OcppSettings> {
        let f = self.command_fitting("OCPP GET", "OCPP GET", |f| {
            !["manufacturer", "pin", "count"].iter().any(|k| has(f, k))
        })?;
        Ok(OcppSettings {
            url: optional(&f, "url").unwrap_or_default(),
            charge_box_id: optional(&f, "id").unwrap_or_default(),
        })
    }

    fn write_ocpp(&mut self, settings: &OcppSettings) -> Result<()> {
        let line = format!(
            "OCPP SET url={} id={}",
            encode_value(&settings.url),
            encode_value(&settings.charge_box_id)
        );
        self.command_fitting("OCPP SET", &line, bare)?;
        Ok(())
    }

    fn reboot(&mut self) -> Result<()> {
        self.command_fitting("REBOOT", "REBOOT", bare)?;
        Ok(())
    }

    fn read_errors(&mut self) -> Result<Vec<String>> {
        let f = self.command_fitting("ERRORS", "ERRORS", |f| has(f, "count"))?;
        let count: usize = self
            .field("ERRORS", &f, "count")?
            .trim()
            .parse()
            .map_err(|_| self.garbled("ERRORS", b"count", &crate::t!("stn.reply.error_count")))?;
        let mut errors = Vec::with_capacity(count.min(64));
        for i in 1..=count {
            errors.push(self.field("ERRORS", &f, &format!("e{i}"))?.to_string());
        }
        Ok(errors)
    }

    fn take_traffic(&mut self) -> Vec<Traffic> {
        std::mem::take(&mut self.traffic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::station::transport::MemoryTransport;

    fn driver(t: &MemoryTransport) -> ConsoleDriver {
        ConsoleDriver::new(Box::new(t.clone())).with_timeout(Duration::from_millis(50))
    }

    #[test]
    fn encodes_the_reserved_characters() {
        assert_eq!(encode_value("a b%c=d\r\ne"), "a%20b%25c%3Dd%0D%0Ae");
        assert_eq!(encode_value("ws://h:9/ocpp"), "ws://h:9/ocpp");
        assert_eq!(encode_value("Ø"), "%C3%98");
        assert_eq!(encode_value(""), "");
        assert_eq!(decode_value("a%20b%3d").unwrap(), "a b=");
        assert!(decode_value("50%").is_err());
        assert!(decode_value("%zz").is_err());
        assert!(decode_value("%+1").is_err());
        assert!(decode_value("%FF").is_err(), "not UTF-8");
    }

    #[test]
    fn parses_ok_and_err() {
        let r = parse_reply("OK manufacturer=Evfield model=SimCharger%2022 apn=").unwrap();
        assert_eq!(r.get("model"), Some("SimCharger 22"));
        assert_eq!(r.get("apn"), Some(""));
        assert_eq!(r.get("serial"), None);
        assert_eq!(parse_reply("ok").unwrap(), Reply::Ok(vec![]));
        assert_eq!(parse_reply("OK\r").unwrap(), Reply::Ok(vec![]));
        assert_eq!(
            parse_reply("OK  a=1   b=x=y ").unwrap(),
            Reply::Ok(vec![("a".into(), "1".into()), ("b".into(), "x=y".into())])
        );
        assert_eq!(
            parse_reply("ERR bad_url URL must start with ws:// or wss://").unwrap(),
            Reply::Err {
                code: "bad_url".into(),
                message: "URL must start with ws:// or wss://".into()
            }
        );
        assert_eq!(
            parse_reply("err unknown_command").unwrap(),
            Reply::Err {
                code: "unknown_command".into(),
                message: String::new()
            }
        );
    }

    #[test]
    fn rejects_what_is_not_a_reply() {
        for bad in [
            "",
            "HELLO",
            "OKAY",
            "OK serial",
            "OK =x",
            "OK a=%4",
            "ERR",
            "OK a=\u{1b}[0m",
            "OK a=Ø",
        ] {
            assert!(parse_reply(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn recognises_unsolicited_lines() {
        assert!(is_unsolicited("BOOT manufacturer=Evfield"));
        assert!(is_unsolicited("BOOT"));
        assert!(is_unsolicited("evt ocpp=connected"));
        assert!(!is_unsolicited("BOOTED"));
        assert!(!is_unsolicited("OK"));
        assert!(is_boot_banner("boot firmware=1"));
        assert!(!is_boot_banner("EVT x=1"));
    }

    #[test]
    fn escapes_control_characters_for_messages() {
        assert_eq!(escape_bytes(b"a\r\n\x1b\xff\\"), "a\\r\\n\\x1b\\xff\\\\");
        assert!(escape_bytes(&[b'x'; 500]).ends_with("..."));
    }

    #[test]
    fn format_and_parse_agree() {
        let line = format_ok(&[("url", "ws://x/a b"), ("id", "=%"), ("e", "")]);
        assert_eq!(
            parse_reply(&line).unwrap(),
            Reply::Ok(vec![
                ("url".into(), "ws://x/a b".into()),
                ("id".into(), "=%".into()),
                ("e".into(), "".into())
            ])
        );
        let line = format_err("bad_id", "id has a space: \"a b\" 100%\r\n");
        assert_eq!(
            parse_reply(&line).unwrap(),
            Reply::Err {
                code: "bad_id".into(),
                message: "id has a space: \"a b\" 100%\r\n".into()
            }
        );
    }

    #[test]
    fn identify_skips_banner_echo_and_events() {
        let t = MemoryTransport::new("mem0").with_reply(
            "ID\r\nEVT ocpp=connecting\r\n\r\nBOOT manufacturer=X\r\nOK manufacturer=Evfield \
             model=Sim%2022 serial=S1 mac=02-ef-10-00-4d-01 firmware=5.2.1\r\n",
        );
        let mut d = driver(&t);
        let id = d.identify().unwrap();
        assert_eq!(id.model, "Sim 22");
        assert_eq!(id.mac, "02:EF:10:00:4D:01");
        assert_eq!(t.written(), b"ID\r\n");
        let traffic = d.take_traffic();
        assert_eq!(traffic[0].dir, Direction::Sent);
        assert_eq!(traffic[0].bytes, b"ID\r\n");
        assert!(traffic.iter().any(|t| t.dir == Direction::Received));
        assert!(d.take_traffic().is_empty());
    }

    #[test]
    fn stale_input_is_drained_before_a_command() {
        let t = MemoryTransport::new("mem")
            .with_pending("OK stale=1\r\nhalf a li")
            .with_reply("OK count=2 e1=Ground%20fault e2=RCD\r\n");
        let mut d = driver(&t);
        assert_eq!(d.read_errors().unwrap(), vec!["Ground fault", "RCD"]);
        // The stale bytes are in the traffic all the same.
        let got: Vec<u8> = d.take_traffic().into_iter().flat_map(|t| t.bytes).collect();
        assert!(String::from_utf8_lossy(&got).contains("stale=1"));
    }

    #[test]
    fn reads_sim_and_ocpp() {
        let t = MemoryTransport::new("mem")
            .with_reply("OK iccid=8947 pin=SIM%20PIN reg=5 rssi_dbm=-71 apn=net.apn\r\n")
            .with_reply("OK pin=NOT%20INSERTED reg=0\r\n")
            .with_reply("OK url=ws://cs.test/ocpp id=CB%201\r\n")
            .with_reply("OK\r\n")
            .with_reply("OK\r\n");
        let mut d = driver(&t);
        let sim = d.read_sim().unwrap();
        assert_eq!(sim.pin_state, "SIM PIN");
        assert!(sim.registered);
        assert_eq!(sim.signal_dbm, Some(-71));
        assert_eq!(sim.apn.as_deref(), Some("net.apn"));
        let none = d.read_sim().unwrap();
        assert_eq!(none.iccid, "");
        assert!(!none.registered);
        assert_eq!(none.signal_dbm, None);
        let o = d.read_ocpp().unwrap();
        assert_eq!(o.charge_box_id, "CB 1");
        d.write_ocpp(&OcppSettings {
            url: "ws://a b".into(),
            charge_box_id: "X=1".into(),
        })
        .unwrap();
        d.reboot().unwrap();
        let written = String::from_utf8(t.written()).unwrap();
        assert!(written.contains("OCPP SET url=ws://a%20b id=X%3D1\r\n"));
        assert!(written.ends_with("REBOOT\r\n"));
    }

    #[test]
    fn errors_name_the_command_and_port() {
        let t = MemoryTransport::new("/dev/pts/4")
            .with_reply("ERR bad_url URL must start with ws:// or wss://\r\n")
            .with_reply(b"\x1b[0m\xff garbage\r\n")
            .with_reply("OK manufacturer=x\r\n")
            .with_reply("ERR unknown_command ERRORS\r\n");
        let mut d = driver(&t);
        let e = d
            .write_ocpp(&OcppSettings {
                url: "http://x".into(),
                charge_box_id: "A".into(),
            })
            .unwrap_err();
        assert_eq!(e.code, E_STATION_REFUSED);
        assert_eq!(
            e.message,
            "station on /dev/pts/4 refused `OCPP SET`: bad_url URL must start with ws:// or wss://"
        );
        let e = d.identify().unwrap_err();
        assert_eq!(e.code, E_STATION_GARBLED);
        assert!(
            e.message.starts_with(
                "station on /dev/pts/4 sent an unreadable reply to `ID`: \"\\x1b[0m\\xff garbage\""
            ),
            "{}",
            e.message
        );
        let e = d.identify().unwrap_err();
        assert_eq!(e.code, E_STATION_REPLY);
        assert_eq!(
            e.message,
            "station on /dev/pts/4 answered `ID` without `model`"
        );
        let e = d.read_errors().unwrap_err();
        assert!(e.help.unwrap().contains("does not know `ERRORS`"));
        let e = d.identify().unwrap_err();
        assert_eq!(e.code, E_STATION_TIMEOUT);
        assert_eq!(
            e.message,
            "station on /dev/pts/4 did not answer `ID` within 50 ms"
        );
    }

    #[test]
    fn a_late_reply_to_a_timed_out_command_is_skipped() {
        let t = MemoryTransport::new("mem")
            .with_reply("")
            .with_reply("OK count=0\r\nOK manufacturer=E model=M serial=S mac=m firmware=f\r\n")
            .with_reply("OK count=0\r\n");
        let mut d = driver(&t);
        assert_eq!(d.read_errors().unwrap_err().code, E_STATION_TIMEOUT);
        assert_eq!(d.identify().unwrap().serial, "S");
        // Without a timed-out command before it, a reply that does not fit is an error.
        assert_eq!(d.identify().unwrap_err().code, E_STATION_REPLY);
    }

    #[test]
    fn an_endless_line_is_an_error_not_a_memory_leak() {
        let t = MemoryTransport::new("mem").with_reply(vec![b'A'; MAX_LINE + 10]);
        let e = driver(&t).identify().unwrap_err();
        assert_eq!(e.code, E_STATION_GARBLED);
        assert!(e.message.contains("without a line end"), "{}", e.message);
    }

    #[test]
    fn unplug_is_reported() {
        let t = MemoryTransport::new("mem").with_reply("OK manuf");
        let mut d = driver(&t);
        t.unplug();
        let e = d.identify().unwrap_err();
        assert_eq!(e.code, crate::station::transport::E_STATION_UNPLUGGED);
        assert!(e.message.contains("unplugged"));
    }

    #[test]
    fn wait_boot_sees_the_banner_left_after_the_reboot_reply() {
        let t = MemoryTransport::new("mem").with_reply("OK\r\nEVT x=1\r\nBOOT manufacturer=E\r\n");
        let mut d = driver(&t);
        d.reboot().unwrap();
        d.wait_boot(Duration::from_millis(100)).unwrap();
        let t = MemoryTransport::new("mem").with_reply("OK\r\n");
        let mut d = driver(&t);
        d.reboot().unwrap();
        let e = d.wait_boot(Duration::from_millis(100)).unwrap_err();
        assert_eq!(
            e.message,
            "station on mem did not come back within 100 ms after `REBOOT`"
        );
    }

    #[test]
    fn wait_boot_probes_stations_without_a_banner() {
        let t = MemoryTransport::new("mem")
            .with_reply("OK\r\n")
            .with_reply("OK manufacturer=E model=M serial=S mac=m firmware=f\r\n");
        let mut d = driver(&t);
        d.reboot().unwrap();
        d.wait_boot(Duration::from_secs(3)).unwrap();
        assert_eq!(t.written(), b"REBOOT\r\nID\r\n");
    }

    mod props {
        use super::super::*;
        use crate::station::transport::MemoryTransport;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn values_round_trip(value in any::<String>()) {
                let encoded = encode_value(&value);
                prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic() && b != b'='));
                prop_assert_eq!(decode_value(&encoded).unwrap(), value);
            }

            #[test]
            fn ok_lines_round_trip(
                fields in proptest::collection::vec(("[a-z][a-z0-9_]{0,8}", any::<String>()), 0..6)
            ) {
                let borrowed: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let line = format_ok(&borrowed);
                prop_assert_eq!(parse_reply(&line).unwrap(), Reply::Ok(fields));
            }

            #[test]
            fn err_lines_round_trip(code in "[a-z][a-z_]{0,12}", message in any::<String>()) {
                let line = format_err(&code, &message);
                let parsed = parse_reply(&line).unwrap();
                // Leading and trailing spaces of a message are not kept.
                prop_assert_eq!(parsed, Reply::Err { code, message: message.trim_matches(' ').to_string() });
            }

            #[test]
            fn parser_never_panics(line in any::<String>()) {
                let _ = parse_reply(&line);
            }

            #[test]
            fn driver_never_panics_on_noise(noise in proptest::collection::vec(any::<u8>(), 0..600)) {
                let t = MemoryTransport::new("mem").with_reply(noise);
                let mut d = ConsoleDriver::new(Box::new(t)).with_timeout(Duration::from_millis(1));
                let _ = d.identify();
            }
        }
    }
}
