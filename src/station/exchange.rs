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
            .ok_or_else(|| crate::t!("stn.x.modbus_no_action"))?;
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
        let h = action
            .http
            .as_ref()
            .ok_or_else(|| crate::t!("stn.x.no_http"))?;
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
                let mut l = crate::t!("stn.x.at_unit", request = req.describe(), unit = unit);
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
                let optional = action.read.as_ref().is_some_and(|r| r.optional);
                let reply = self.modbus_exchange(step, label, &req, timeout, retries, optional)?;
                if let Reply::Exception(_) = reply {
                    // An optional register this firmware lacks: its values are empty, not read.
                    for v in &action.values {
                        values.scalars.entry(v.var.clone()).or_default();
                    }
                }
                if let (Some(_), Reply::Registers(regs)) = (&action.read, &reply) {
                    let modbus = self.profile.modbus.clone().unwrap_or_default();
                    for v in &action.values {
                        let width = value::width(&v.kind, v.registers).unwrap_or(1) as usize;
                        let part = &regs[v.offset as usize..v.offset as usize + width];
                        let order = |b: Option<&str>, w: Option<&str>| {
                            value::Order::parse(
                                b.unwrap_or(&modbus.byte_order),
                                w.unwrap_or(&modbus.word_order),
                            )
                            .unwrap_or_else(|| value_order(v, &modbus))
                        };
                        let (text, read_as) = value::read(v, part, order).map_err(|why| {
                            Error::station(
                                E_STATION_GARBLED,
                                crate::t!(
                                    "stn.x.bad_registers",
                                    port = self.port(),
                                    label = label,
                                    var = v.var,
                                    kind = v.kind,
                                    why = why,
                                    registers = part
                                        .iter()
                                        .map(|r| format!("{r:04X}"))
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                    context = self.context(step)
                                ),
                            )
                            .with_help(crate::t!("stn.x.bad_registers_help"))
                        })?;
                        if let Some(name) = read_as {
                            values.scalars.insert(format!("{}_read_as", v.var), name);
                        }
                        values.scalars.insert(v.var.clone(), text);
                    }
                }
                Ok(Outcome::Done)
            }
            Kind::Http => self.run_http(step, label, action, values, timeout, retries),
            Kind::Datagram => self.run_datagram(step, label, action, values, timeout, retries),
            Kind::Line => Err(Error::internal(
                "E_PROFILE",
                crate::t!("stn.x.line_in_runner"),
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
        optional: bool,
    ) -> Result<Reply> {
        let mut attempt = 0;
        loop {
            let Link::Modbus(client) = &mut self.link else {
                return Err(Error::internal(
                    "E_PROFILE",
                    crate::t!("stn.x.modbus_wrong_link"),
                ));
            };
            let r = client.exchange(req, timeout);
            let r = r.map_err(|e| self.with_context(e, step, label))?;
            match r {
                Ok(Reply::Exception(e)) if e.code == 0x06 && attempt < retries => attempt += 1,
                // A register this firmware does not have: the values stay unset.
                Ok(Reply::Exception(e)) if optional && e.code == frame::ILLEGAL_DATA_ADDRESS => {
                    return Ok(Reply::Exception(e));
                }
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
            frame::ILLEGAL_FUNCTION => crate::t!(
                "stn.x.illegal_function_help",
                function = format!("{:#04x}", e.function)
            ),
            frame::ILLEGAL_DATA_ADDRESS => crate::t!("stn.x.illegal_address_help"),
            frame::ILLEGAL_DATA_VALUE => crate::t!("stn.x.illegal_value_help"),
            frame::SERVER_DEVICE_FAILURE => crate::t!("stn.x.device_failure_help"),
            0x06 => crate::t!("stn.x.busy_help"),
            0x0A | frame::GATEWAY_TARGET_FAILED => crate::t!("stn.x.no_unit_help", unit = unit),
            _ => crate::t!("stn.x.exception_other_help"),
        };
        Error::station(
            E_STATION_EXCEPTION,
            crate::t!(
                "stn.x.exception",
                port = self.port(),
                label = label,
                exception = e,
                context = self.context(step)
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
                    Mode::Rtu { .. } => crate::t!(
                        "stn.x.rtu_timeout_help",
                        settings = self.line_settings(),
                        unit = unit
                    ),
                    Mode::Tcp => crate::t!("stn.x.tcp_timeout_help", unit = unit),
                }),
            Trouble::Frame(FrameError::Crc { want, got }, bytes) => Error::station(
                E_STATION_CHECKSUM,
                crate::t!(
                    "stn.x.bad_crc",
                    port = port,
                    label = label,
                    got = format!("{got:#06x}"),
                    want = format!("{want:#06x}"),
                    bytes = hex(&bytes),
                    tries = tries,
                    context = ctx
                ),
            )
            .with_help(crate::t!("stn.x.bad_crc_help")),
            Trouble::Frame(FrameError::Unit { want, got }, _) => Error::station(
                E_STATION_REPLY,
                crate::t!(
                    "stn.x.wrong_unit",
                    port = port,
                    label = label,
                    got = got,
                    want = want,
                    tries = tries,
                    context = ctx
                ),
            )
            .with_help(crate::t!("stn.x.wrong_unit_help", got = got)),
            Trouble::Frame(why, bytes) => Error::station(
                E_STATION_GARBLED,
                crate::t!(
                    "stn.x.not_modbus",
                    port = port,
                    label = label,
                    why = why,
                    bytes = hex(&bytes),
                    tries = tries,
                    context = ctx
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
        let refusal_status = self
            .profile
            .http
            .as_ref()
            .map(|h| h.refusal_status.clone())
            .unwrap_or_default();
        let mut attempt = 0;
        let resp = loop {
            let Link::Http(client) = &mut self.link else {
                return Err(Error::internal(
                    "E_PROFILE",
                    crate::t!("stn.x.http_wrong_link"),
                ));
            };
            let r = client.request(&method, &path, &query, json.as_ref(), timeout);
            let r = r.map_err(|e| self.with_context(e, step, label))?;
            let tries = attempts_note;
            match r {
                // A refusal with the station's reasons: checked against `require` below.
                Ok(resp)
                    if refusal_status.contains(&resp.status)
                        && !action.require.is_empty()
                        && serde_json::from_slice::<Value>(&resp.body).is_ok() =>
                {
                    break resp;
                }
                Ok(resp) if resp.status >= 500 && attempt < retries => attempt += 1,
                Ok(resp) if !(200..300).contains(&resp.status) => {
                    let help = match resp.status {
                        401 | 403 => crate::t!("stn.x.http_locked_help"),
                        404 => crate::t!("stn.x.http_no_path_help"),
                        s if s >= 500 => crate::t!("stn.x.http_failed_help"),
                        _ => crate::t!("stn.x.http_rejected_help"),
                    };
                    return Err(Error::station(
                        E_STATION_HTTP,
                        crate::t!(
                            "stn.x.http_status",
                            port = self.port(),
                            label = label,
                            status = resp.status,
                            reason = resp.reason,
                            body = excerpt(&resp.body),
                            tries = tries(attempt + 1),
                            context = self.context(step)
                        ),
                    )
                    .with_help(help));
                }
                Ok(resp) => break resp,
                Err(_) if attempt < retries => attempt += 1,
                Err(HttpTrouble::Broken(why)) => {
                    return Err(Error::station(
                        E_STATION_GARBLED,
                        crate::t!(
                            "stn.x.http_broken",
                            port = self.port(),
                            label = label,
                            why = why,
                            tries = tries(attempt + 1),
                            context = self.context(step)
                        ),
                    )
                    .with_help(crate::t!("stn.x.http_broken_help")));
                }
                Err(HttpTrouble::Timeout) => {
                    return Err(self
                        .timeout_error(step, label, timeout, attempt + 1)
                        .with_help(crate::t!("stn.x.http_timeout_help")));
                }
            }
        };
        if action.capture.is_empty() && action.require.is_empty() {
            return Ok(Outcome::Done);
        }
        let doc: Value = serde_json::from_slice(&resp.body).map_err(|e| {
            Error::station(
                E_STATION_GARBLED,
                crate::t!(
                    "stn.x.http_not_json",
                    port = self.port(),
                    label = label,
                    why = e,
                    body = excerpt(&resp.body),
                    context = self.context(step)
                ),
            )
            .with_help(crate::t!("stn.x.http_not_json_help"))
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
                let line = match &got {
                    Some(g) => {
                        crate::t!("stn.x.require_is", pointer = pointer, got = g, want = want)
                    }
                    None => crate::t!("stn.x.require_missing", pointer = pointer, want = want),
                };
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
                            crate::t!(
                                "stn.x.capture_form",
                                port = self.port(),
                                label = label,
                                pointer = c.pointer(),
                                text = text,
                                form = re.as_str(),
                                context = self.context(step)
                            ),
                        )
                        .with_help(crate::t!("stn.x.capture_form_help")));
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
                    crate::t!("stn.x.udp_wrong_link"),
                ));
            };
            let r = client.exchange(payload.as_bytes(), timeout);
            match r.map_err(|e| self.with_context(e, step, label))? {
                Some(bytes) => break bytes,
                None if attempt < retries => attempt += 1,
                None => {
                    return Err(self
                        .timeout_error(step, label, timeout, attempt + 1)
                        .with_help(crate::t!("stn.x.udp_timeout_help")));
                }
            }
        };
        if let Some(b) = reply
            .iter()
            .find(|b| !(b.is_ascii_graphic() || b.is_ascii_whitespace()))
        {
            return Err(Error::station(
                E_STATION_GARBLED,
                crate::t!(
                    "stn.x.udp_not_text",
                    port = self.port(),
                    label = label,
                    byte = format!("{b:#04x}"),
                    body = excerpt(&reply),
                    context = self.context(step)
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
                        crate::t!(
                            "stn.x.udp_unexpected",
                            port = self.port(),
                            label = label,
                            body = excerpt(text.trim().as_bytes()),
                            context = self.context(step)
                        ),
                    )
                    .with_help(crate::t!("stn.x.udp_unexpected_help")));
                }
            }
        }
        if action.capture.is_empty() && action.require.is_empty() {
            return Ok(Outcome::Done);
        }
        let doc: Value = serde_json::from_str(text.trim()).map_err(|e| {
            Error::station(
                E_STATION_GARBLED,
                crate::t!(
                    "stn.x.udp_not_json",
                    port = self.port(),
                    label = label,
                    why = e,
                    body = excerpt(text.trim().as_bytes()),
                    context = self.context(step)
                ),
            )
            .with_help(crate::t!("stn.x.udp_not_json_help"))
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
