//! The script runner's request commands: Modbus register reads and writes, HTTP requests and UDP
//! datagrams (docs/vendor-profiles.md, "Modbus, HTTP and UDP"). Each names the port or address,
//! the command and the step in its errors, like the line commands do.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

use super::console::{E_STATION_GARBLED, E_STATION_REPLY, escape_bytes, garbled_help};
use super::http::{Trouble as HttpTrouble, json_text};
use super::link::Link;
use super::modbus::frame::{self, Exception, FrameError, Reply, Request, Table};
use super::modbus::{Mode, Trouble, value};
use super::profile::Action;
use super::profile::requests::{Kind, value_order, write_order};
use super::script::{E_STATION_CHECKSUM, Outcome, Runner, Values, attempts_note, render};
use crate::{Error, Result};

/// Error code: a Modbus station answered with an exception.
pub const E_STATION_EXCEPTION: &str = "E_STATION_EXCEPTION";
/// Error code: a station's HTTP API answered with an error status.
pub const E_STATION_HTTP: &str = "E_STATION_HTTP";

/// Method, path, query and JSON body of an HTTP command.
type HttpParts = (String, String, Vec<(String, String)>, Option<Value>);

/// Bytes as spaced hex: `01 83 02 C0 F1`.
fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first 200 characters of a body, as text.
fn excerpt(body: &[u8]) -> String {
    let text = escape_bytes(body);
    if text.chars().count() > 200 {
        format!("{}...", text.chars().take(200).collect::<String>())
    } else {
        text
    }
}

impl Runner {
    fn modbus_request(
        &self,
        action: &Action,
        values: &Values,
        masked: bool,
    ) -> std::result::Result<Request, String> {
        if let Some(r) = &action.read {
            return Ok(Request::Read {
                table: Table::parse(&r.table).unwrap_or(Table::Holding),
                address: r.address,
                count: r.count,
            });
        }
        let w = action
            .write
            .as_ref()
            .ok_or_else(|| "a Modbus command without read or write".to_string())?;
        let text = render(&w.value, values, "none", masked)?;
        let modbus = self.profile.modbus.clone().unwrap_or_default();
        let width = value::width(&w.kind, w.registers).unwrap_or(1);
        let regs = if masked && text.contains("***") {
            vec![0; width as usize]
        } else {
            value::encode(&w.kind, &text, width, write_order(w, &modbus))?
        };
        Ok(
            if regs.len() == 1 && w.function.as_deref() != Some("multiple") {
                Request::WriteSingle {
                    address: w.address,
                    value: regs[0],
                }
            } else {
                Request::WriteMultiple {
                    address: w.address,
                    values: regs,
                }
            },
        )
    }

    fn http_parts(
        &self,
        action: &Action,
        values: &Values,
        masked: bool,
    ) -> std::result::Result<HttpParts, String> {
        let h = action.http.as_ref().ok_or("no http request")?;
        let path = render(&h.path, values, "none", masked)?;
        let mut query = Vec::new();
        for (k, v) in &h.query {
            query.push((k.clone(), render(v, values, "none", masked)?));
        }
        let json = match &h.json {
            Some(j) => Some(json_of(j, values, masked)?),
            None => None,
        };
        Ok((h.method.clone(), path, query, json))
    }

    /// What a request command is called in messages (secrets masked).
    pub(crate) fn request_label(
        &self,
        action: &Action,
        values: &Values,
        step: &str,
    ) -> Result<String> {
        let bad = |e: String| self.bad_value(step, e);
        Ok(match action.kind() {
            Kind::ModbusRead | Kind::ModbusWrite => {
                let req = self.modbus_request(action, values, true).map_err(bad)?;
                let unit = match &self.link {
                    Link::Modbus(c) => c.unit(),
                    _ => self.profile.modbus.as_ref().map(|m| m.unit_id).unwrap_or(1),
                };
                let mut l = format!("{} at unit {unit}", req.describe());
                if let Some(w) = &action.write {
                    let shown = render(&w.value, values, "none", true).map_err(bad)?;
                    l = format!("{l} = {shown}");
                }
                l
            }
            Kind::Http => {
                let (method, path, query, _) =
                    self.http_parts(action, values, true).map_err(bad)?;
                let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
                if q.is_empty() {
                    format!("{method} {path}")
                } else {
                    format!("{method} {path}?{}", q.join("&"))
                }
            }
            Kind::Datagram => render(
                action.datagram.as_deref().unwrap_or_default(),
                values,
                "none",
                true,
            )
            .map_err(bad)?,
            Kind::Line => String::new(),
        })
    }

    /// Run one request command; captured values go into `values`.
    pub(crate) fn run_request(
        &mut self,
        step: &str,
        label: &str,
        action: &Action,
        values: &mut Values,
        timeout: Option<Duration>,
    ) -> Result<Outcome> {
        let (timeout, retries) = self.limits(action, timeout);
        match action.kind() {
            Kind::ModbusRead | Kind::ModbusWrite => {
                let req = self
                    .modbus_request(action, values, false)
                    .map_err(|e| self.bad_value(step, e))?;
                let reply = self.modbus_exchange(step, label, &req, timeout, retries)?;
                if let (Some(_), Reply::Registers(regs)) = (&action.read, &reply) {
                    let modbus = self.profile.modbus.clone().unwrap_or_default();
                    for v in &action.values {
                        let width = value::width(&v.kind, v.registers).unwrap_or(1) as usize;
                        let part = &regs[v.offset as usize..v.offset as usize + width];
                        let shape = value::Shape {
                            order: value_order(v, &modbus),
                            mask: v.mask,
                            scale: v.scale,
                            format: v.format.as_deref(),
                        };
                        let text = value::decode(&v.kind, part, &shape).map_err(|why| {
                            Error::station(
                                E_STATION_GARBLED,
                                format!(
                                    "station on {} answered `{label}` with registers that do not \
                                     read as `{}` ({}): {why} (registers {}; {})",
                                    self.port(),
                                    v.var,
                                    v.kind,
                                    part.iter()
                                        .map(|r| format!("{r:04X}"))
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                    self.context(step)
                                ),
                            )
                            .with_help(
                                "the station may use another register map (firmware version, a \
                                 `register set` setting) than this profile describes; check \
                                 `evfield vendors show`",
                            )
                        })?;
                        values.scalars.insert(v.var.clone(), text);
                    }
                }
                Ok(Outcome::Done)
            }
            Kind::Http => self.run_http(step, label, action, values, timeout, retries),
            Kind::Datagram => self.run_datagram(step, label, action, values, timeout, retries),
            Kind::Line => Err(Error::internal(
                "E_PROFILE",
                "a line command reached the request runner",
            )),
        }
    }

    fn modbus_exchange(
        &mut self,
        step: &str,
        label: &str,
        req: &Request,
        timeout: Duration,
        retries: u32,
    ) -> Result<Reply> {
        let mut attempt = 0;
        loop {
            let Link::Modbus(client) = &mut self.link else {
                return Err(Error::internal(
                    "E_PROFILE",
                    "a Modbus command reached a link that is not Modbus",
                ));
            };
            let r = client.exchange(req, timeout);
            let r = r.map_err(|e| self.with_context(e, step, label))?;
            match r {
                Ok(Reply::Exception(e)) if e.code == 0x06 && attempt < retries => attempt += 1,
                Ok(Reply::Exception(e)) => return Err(self.exception(e, step, label)),
                Ok(reply) => return Ok(reply),
                Err(_) if attempt < retries => attempt += 1,
                Err(t) => return Err(self.modbus_trouble(t, step, label, timeout, attempt + 1)),
            }
        }
    }

    fn modbus_mode(&self) -> (Mode, u8) {
        match &self.link {
            Link::Modbus(c) => (c.mode(), c.unit()),
            _ => (Mode::Tcp, 1),
        }
    }

    fn exception(&self, e: Exception, step: &str, label: &str) -> Error {
        let (_, unit) = self.modbus_mode();
        let help = match e.code {
            frame::ILLEGAL_FUNCTION => format!(
                "this station does not serve function {:#04x}; its register map may be in the \
                 other table (holding or input) than this profile reads",
                e.function
            ),
            frame::ILLEGAL_DATA_ADDRESS => "the station has no register there: it runs other \
                 firmware, or another register set is selected in its settings, than this \
                 profile describes (`evfield vendors show`)"
                .to_string(),
            frame::ILLEGAL_DATA_VALUE => "the station does not accept this value or register \
                 count; check the value against the station's manual"
                .to_string(),
            frame::SERVER_DEVICE_FAILURE => {
                "the station failed while carrying out the request; restart it and try again"
                    .to_string()
            }
            0x06 => "the station is busy; wait a moment and resume".to_string(),
            0x0A | frame::GATEWAY_TARGET_FAILED => format!(
                "no device answers as unit {unit} behind this address: check the station's \
                 Modbus unit id (pass --unit-id N) and that it is powered"
            ),
            _ => "see the station's Modbus documentation for this exception code".to_string(),
        };
        Error::station(
            E_STATION_EXCEPTION,
            format!(
                "station on {} answered `{label}` with Modbus {e} ({})",
                self.port(),
                self.context(step)
            ),
        )
        .with_help(help)
    }

    fn modbus_trouble(
        &self,
        t: Trouble,
        step: &str,
        label: &str,
        timeout: Duration,
        attempts: u32,
    ) -> Error {
        let port = self.port();
        let ctx = self.context(step);
        let (mode, unit) = self.modbus_mode();
        let tries = attempts_note(attempts);
        match t {
            Trouble::Timeout => self
                .timeout_error(step, label, timeout, attempts)
                .with_help(match mode {
                Mode::Rtu { .. } => format!(
                    "check the RS-485 wiring (A to A and B to B; swap them if nothing answers), \
                     the line settings ({}), that the station's Modbus address is {unit} (pass \
                     --unit-id N if it is not) and that Modbus is switched on in the station; \
                     then resume",
                    self.line_settings()
                ),
                Mode::Tcp => format!(
                    "check that the station's Modbus TCP server is switched on and answers as \
                     unit {unit} (pass --unit-id N if not); many stations accept only one Modbus \
                     client at a time, so close other energy managers; then resume"
                ),
            }),
            Trouble::Frame(FrameError::Crc { want, got }, bytes) => Error::station(
                E_STATION_CHECKSUM,
                format!(
                    "station on {port} answered `{label}` with a bad CRC: {got:#06x}, computed \
                     {want:#06x} (bytes {}{tries}; {ctx})",
                    hex(&bytes)
                ),
            )
            .with_help(
                "noise on the RS-485 line: check the 120 ohm termination at both ends of the bus, \
                 the cable's shield and length, and that the line settings match the station's",
            ),
            Trouble::Frame(FrameError::Unit { want, got }, _) => Error::station(
                E_STATION_REPLY,
                format!(
                    "station on {port} answered `{label}` as unit {got}, not unit {want}{tries} ({ctx})"
                ),
            )
            .with_help(format!(
                "if that is the station, pass --unit-id {got}; otherwise another device on the \
                 bus answers for it: check the bus addresses"
            )),
            Trouble::Frame(why, bytes) => Error::station(
                E_STATION_GARBLED,
                format!(
                    "station on {port} sent a reply to `{label}` that is not a Modbus reply: \
                     {why} (bytes {}{tries}; {ctx})",
                    hex(&bytes)
                ),
            )
            .with_help(garbled_help()),
        }
    }

    fn run_http(
        &mut self,
        step: &str,
        label: &str,
        action: &Action,
        values: &mut Values,
        timeout: Duration,
        retries: u32,
    ) -> Result<Outcome> {
        let (method, path, query, json) = self
            .http_parts(action, values, false)
            .map_err(|e| self.bad_value(step, e))?;
        let mut attempt = 0;
        let resp = loop {
            let Link::Http(client) = &mut self.link else {
                return Err(Error::internal(
                    "E_PROFILE",
                    "an HTTP command reached a link that is not HTTP",
                ));
            };
            let r = client.request(&method, &path, &query, json.as_ref(), timeout);
            let r = r.map_err(|e| self.with_context(e, step, label))?;
            let tries = attempts_note;
            match r {
                Ok(resp) if resp.status >= 500 && attempt < retries => attempt += 1,
                Ok(resp) if !(200..300).contains(&resp.status) => {
                    let help = match resp.status {
                        401 | 403 => {
                            "the station's HTTP API is locked or switched off: switch it \
                                      on (and allow it without password on the local network) \
                                      in the manufacturer's app, then resume"
                        }
                        404 => {
                            "the station has no such API path: its firmware is older than \
                                this profile needs, or the API version is switched off"
                        }
                        s if s >= 500 => {
                            "the station failed to carry out the request; restart \
                                          it and try again"
                        }
                        _ => {
                            "the station did not accept the request; check the values against \
                              its API documentation"
                        }
                    };
                    return Err(Error::station(
                        E_STATION_HTTP,
                        format!(
                            "station at {} answered `{label}` with HTTP {} {}: \"{}\"{} ({})",
                            self.port(),
                            resp.status,
                            resp.reason,
                            excerpt(&resp.body),
                            tries(attempt + 1),
                            self.context(step)
                        ),
                    )
                    .with_help(help));
                }
                Ok(resp) => break resp,
                Err(_) if attempt < retries => attempt += 1,
                Err(HttpTrouble::Broken(why)) => {
                    return Err(Error::station(
                        E_STATION_GARBLED,
                        format!(
                            "station at {} did not answer `{label}` with a whole HTTP reply: {why}{} ({})",
                            self.port(),
                            tries(attempt + 1),
                            self.context(step)
                        ),
                    )
                    .with_help(
                        "the connection broke off, or something else than the station's API \
                         answers at this address and port; check the address and the Wi-Fi \
                         signal, then resume",
                    ));
                }
                Err(HttpTrouble::Timeout) => {
                    return Err(self
                        .timeout_error(step, label, timeout, attempt + 1)
                        .with_help(
                            "check that the laptop is still on the station's network and that the \
                         station's HTTP API is switched on; then resume",
                        ));
                }
            }
        };
        if action.capture.is_empty() && action.require.is_empty() {
            return Ok(Outcome::Done);
        }
        let doc: Value = serde_json::from_slice(&resp.body).map_err(|e| {
            Error::station(
                E_STATION_GARBLED,
                format!(
                    "station at {} answered `{label}` with a body that is not JSON ({e}): \"{}\" ({})",
                    self.port(),
                    excerpt(&resp.body),
                    self.context(step)
                ),
            )
            .with_help(
                "the address may belong to another device, or the station's API version differs \
                 from this profile's",
            )
        })?;
        self.take_json(step, label, action, &doc, values)
    }

    /// Captures and requirements of a JSON reply.
    fn take_json(
        &self,
        step: &str,
        label: &str,
        action: &Action,
        doc: &Value,
        values: &mut Values,
    ) -> Result<Outcome> {
        for (pointer, want) in &action.require {
            let got = doc.pointer(pointer).map(json_text);
            if got.as_deref() != Some(want.as_str()) {
                let line = format!(
                    "{pointer} is {} (wanted {want})",
                    match &got {
                        Some(g) => format!("\"{g}\""),
                        None => "missing".into(),
                    }
                );
                return Ok(Outcome::Refused {
                    line,
                    captures: BTreeMap::new(),
                });
            }
        }
        for (var, c) in &action.capture {
            let Some(v) = doc.pointer(c.pointer()) else {
                continue;
            };
            let text = json_text(v);
            if let Some(re) = action.capture_re.get(var) {
                match re.captures(&text) {
                    Some(caps) => {
                        for n in re.capture_names().flatten() {
                            if let Some(m) = caps.name(n) {
                                values.scalars.insert(n.to_string(), m.as_str().to_string());
                            }
                        }
                    }
                    // Nothing set at the station: the parts are empty too.
                    None if text.is_empty() => {
                        for n in re.capture_names().flatten() {
                            values.scalars.insert(n.to_string(), String::new());
                        }
                    }
                    None => {
                        return Err(Error::station(
                            E_STATION_REPLY,
                            format!(
                                "station on {} answered `{label}` with {} = \"{text}\", which does \
                                 not have the form `{}` ({})",
                                self.port(),
                                c.pointer(),
                                re.as_str(),
                                self.context(step)
                            ),
                        )
                        .with_help(
                            "the value was set by other means in a form this profile does not \
                             read; check it in the manufacturer's app",
                        ));
                    }
                }
            }
            values.scalars.insert(var.clone(), text);
        }
        Ok(Outcome::Done)
    }

    fn run_datagram(
        &mut self,
        step: &str,
        label: &str,
        action: &Action,
        values: &mut Values,
        timeout: Duration,
        retries: u32,
    ) -> Result<Outcome> {
        let payload = render(
            action.datagram.as_deref().unwrap_or_default(),
            values,
            "none",
            false,
        )
        .map_err(|e| self.bad_value(step, e))?;
        let mut attempt = 0;
        let reply = loop {
            let Link::Udp(client) = &mut self.link else {
                return Err(Error::internal(
                    "E_PROFILE",
                    "a datagram reached a link that is not UDP",
                ));
            };
            let r = client.exchange(payload.as_bytes(), timeout);
            match r.map_err(|e| self.with_context(e, step, label))? {
                Some(bytes) => break bytes,
                None if attempt < retries => attempt += 1,
                None => {
                    return Err(self
                        .timeout_error(step, label, timeout, attempt + 1)
                        .with_help(
                            "check that the laptop is on the station's network, that the station's \
                         UDP interface is switched on (KEBA: DIP switch for the UDP/Modbus \
                         interface) and that no firewall on the laptop drops its answer",
                        ));
                }
            }
        };
        if let Some(b) = reply
            .iter()
            .find(|b| !(b.is_ascii_graphic() || b.is_ascii_whitespace()))
        {
            return Err(Error::station(
                E_STATION_GARBLED,
                format!(
                    "station at {} answered `{label}` with bytes that are not text ({b:#04x}): \
                     \"{}\" ({})",
                    self.port(),
                    excerpt(&reply),
                    self.context(step)
                ),
            )
            .with_help(garbled_help()));
        }
        let text = String::from_utf8_lossy(&reply).to_string();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some((re, c)) = action
                .fail_re
                .iter()
                .chain(&self.profile.protocol.fail_re)
                .find_map(|re| re.captures(line).map(|c| (re, c)))
            {
                let captures = re
                    .capture_names()
                    .flatten()
                    .filter_map(|n| c.name(n).map(|m| (n.to_string(), m.as_str().to_string())))
                    .collect();
                return Ok(Outcome::Refused {
                    line: line.to_string(),
                    captures,
                });
            }
        }
        for (i, re) in action.expect_re.iter().enumerate() {
            let found = text
                .lines()
                .map(str::trim)
                .find_map(|l| re.captures(l).map(|c| (re, c)));
            match found {
                Some((re, c)) => {
                    for n in re.capture_names().flatten() {
                        if let Some(m) = c.name(n) {
                            values.scalars.insert(n.to_string(), m.as_str().to_string());
                        }
                    }
                }
                None if action.expect[i].optional() => {}
                None => {
                    return Err(Error::station(
                        E_STATION_REPLY,
                        format!(
                            "station at {} answered `{label}` with \"{}\", not what {} expects",
                            self.port(),
                            excerpt(text.trim().as_bytes()),
                            self.context(step)
                        ),
                    )
                    .with_help(
                        "the station may run other firmware than this profile describes, or \
                         another vendor's profile applies (`evfield vendors list`)",
                    ));
                }
            }
        }
        if action.capture.is_empty() && action.require.is_empty() {
            return Ok(Outcome::Done);
        }
        let doc: Value = serde_json::from_str(text.trim()).map_err(|e| {
            Error::station(
                E_STATION_GARBLED,
                format!(
                    "station at {} answered `{label}` with text that is not JSON ({e}): \"{}\" ({})",
                    self.port(),
                    excerpt(text.trim().as_bytes()),
                    self.context(step)
                ),
            )
            .with_help(
                "another device may answer on this address and port, or the station's firmware \
                 answers in another form than this profile reads",
            )
        })?;
        self.take_json(step, label, action, &doc, values)
    }
}

/// A TOML table as JSON, with its string values filled in as templates.
fn json_of(v: &toml::Value, values: &Values, masked: bool) -> std::result::Result<Value, String> {
    Ok(match v {
        toml::Value::String(s) => Value::String(render(s, values, "none", masked)?),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(
            a.iter()
                .map(|x| json_of(x, values, masked))
                .collect::<std::result::Result<_, _>>()?,
        ),
        toml::Value::Table(t) => {
            let mut m = serde_json::Map::new();
            for (k, x) in t {
                m.insert(k.clone(), json_of(x, values, masked)?);
            }
            Value::Object(m)
        }
    })
}
