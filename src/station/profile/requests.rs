//! The profile format for stations reached by request and reply rather than by text lines:
//! Modbus RTU/TCP register reads and writes, HTTP requests on the station's local API, and UDP
//! datagrams (docs/vendor-profiles.md, "Modbus, HTTP and UDP").

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{Action, Seg, placeholders};
use crate::station::modbus::frame::{MAX_READ, MAX_WRITE, Table};
use crate::station::modbus::value::{self, Order, RegValue};

/// The transports a profile can name in `[service_port].transport`.
pub const TRANSPORTS: &[&str] = &["serial", "none", "modbus-rtu", "modbus-tcp", "http", "udp"];

/// `[modbus]`: unit id, TCP port, default byte and word order, RTU frame gap.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModbusSpec {
    /// The station's unit id (slave address): 1..=247 on RTU; TCP servers often use 255.
    #[serde(default = "one")]
    pub unit_id: u8,
    /// TCP port of the Modbus TCP server.
    #[serde(default = "modbus_port")]
    pub port: u16,
    /// Order of the two bytes in a register: `big` (the specification's) or `little`.
    #[serde(default = "big")]
    pub byte_order: String,
    /// Order of registers in 32- and 64-bit values: `big` (high word first) or `little`.
    #[serde(default = "big")]
    pub word_order: String,
    /// RTU: how long a reply may pause mid-frame before it counts as cut short (USB adapters
    /// deliver frames in pieces).
    #[serde(default = "frame_gap")]
    pub frame_gap_ms: u64,
}

fn one() -> u8 {
    1
}
fn modbus_port() -> u16 {
    502
}
fn big() -> String {
    "big".into()
}
fn frame_gap() -> u64 {
    50
}

impl Default for ModbusSpec {
    fn default() -> Self {
        ModbusSpec {
            unit_id: 1,
            port: 502,
            byte_order: big(),
            word_order: big(),
            frame_gap_ms: frame_gap(),
        }
    }
}

impl ModbusSpec {
    pub fn order(&self) -> Order {
        Order::parse(&self.byte_order, &self.word_order).unwrap_or_default()
    }
}

/// `[http]`: the station's local HTTP API.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSpec {
    #[serde(default = "http_port")]
    pub port: u16,
    /// Put before every request's path (`/api`).
    #[serde(default)]
    pub base_path: String,
    /// HTTP statuses the station answers a refused command with, its reasons in a JSON body
    /// (go-e: 500): read against the command's `require` as a refusal in the station's words,
    /// not retried.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refusal_status: Vec<u16>,
}

fn http_port() -> u16 {
    80
}

impl Default for HttpSpec {
    fn default() -> Self {
        HttpSpec {
            port: 80,
            base_path: String::new(),
            refusal_status: Vec::new(),
        }
    }
}

/// `[udp]`: a datagram protocol on the local network.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UdpSpec {
    /// The station's UDP port.
    pub port: u16,
    /// The laptop's port (some stations answer to a fixed port, not to the sender's); 0 = any.
    #[serde(default)]
    pub local_port: u16,
}

/// A Modbus read: `read = { table = "holding", address = 0x4000, count = 6 }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadSpec {
    /// `holding` (function 03) or `input` (function 04).
    #[serde(default = "holding")]
    pub table: String,
    pub address: u16,
    pub count: u16,
    /// Registers that older firmware lacks: exception 02 (illegal data address) leaves the
    /// read's values unset instead of failing the step.
    #[serde(default)]
    pub optional: bool,
}

fn holding() -> String {
    "holding".into()
}

/// A Modbus write: `write = { address = 0x4106, type = "u16", value = "{seconds}" }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WriteSpec {
    pub address: u16,
    #[serde(rename = "type")]
    pub kind: String,
    /// Registers of an `ascii` or `hex` value (padded with NUL bytes).
    #[serde(default)]
    pub registers: Option<u16>,
    /// The value, a template (`"{url}"`).
    pub value: String,
    #[serde(default)]
    pub byte_order: Option<String>,
    #[serde(default)]
    pub word_order: Option<String>,
    /// `single` (function 06, one register) or `multiple` (function 16). Default: single for
    /// one register, multiple otherwise.
    #[serde(default)]
    pub function: Option<String>,
}

/// An HTTP request: `http = { method = "GET", path = "/api/status", query = { filter = "sse" } }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpRequest {
    /// `GET`, `POST` or `PUT`.
    #[serde(default = "get")]
    pub method: String,
    /// After `[http].base_path`; a template.
    pub path: String,
    /// Query parameters; values are templates, URL-encoded when sent.
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// A JSON body (a TOML table; string values are templates).
    #[serde(default)]
    pub json: Option<toml::Value>,
}

fn get() -> String {
    "GET".into()
}

/// A value taken from a JSON reply: a JSON pointer (`"/ocppu"`), or `{ pointer, re }` where the
/// regex's named groups set further values.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Capture {
    Pointer(String),
    Full(CaptureFull),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureFull {
    pub pointer: String,
    #[serde(default)]
    pub re: Option<String>,
}

impl Capture {
    pub fn pointer(&self) -> &str {
        match self {
            Capture::Pointer(p) => p,
            Capture::Full(f) => &f.pointer,
        }
    }
    pub fn re(&self) -> Option<&str> {
        match self {
            Capture::Pointer(_) => None,
            Capture::Full(f) => f.re.as_deref(),
        }
    }
}

/// What kind of command an action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    ModbusRead,
    ModbusWrite,
    Http,
    Datagram,
}

impl Action {
    pub fn kind(&self) -> Kind {
        if self.read.is_some() {
            Kind::ModbusRead
        } else if self.write.is_some() {
            Kind::ModbusWrite
        } else if self.http.is_some() {
            Kind::Http
        } else if self.datagram.is_some() {
            Kind::Datagram
        } else {
            Kind::Line
        }
    }

    /// The command in a few words, for `vendors show`: what is sent, read or requested.
    pub fn summary(&self) -> Option<String> {
        if let Some(r) = &self.read {
            let vars: Vec<&str> = self.values.iter().map(|v| v.var.as_str()).collect();
            return Some(crate::tn!(
                "prof.req.summary_read",
                count = r.count,
                table = r.table,
                address = r.address,
                hex = format!("{:#06x}", r.address),
                vars = vars.join(", ")
            ));
        }
        if let Some(w) = &self.write {
            return Some(crate::t!(
                "prof.req.summary_write",
                kind = w.kind,
                address = w.address,
                value = w.value
            ));
        }
        if let Some(h) = &self.http {
            return Some(format!("{} {}", h.method, h.path));
        }
        if let Some(d) = &self.datagram {
            return Some(crate::t!("prof.req.summary_datagram", datagram = d));
        }
        self.send.clone()
    }

    /// The templates of this action, with the key they sit under (for messages and lines).
    pub(super) fn templates(&self) -> Vec<(Vec<Seg<'static>>, String)> {
        use Seg::Key;
        let mut out = Vec::new();
        if let Some(s) = &self.send {
            out.push((vec![Key("send")], s.clone()));
        }
        if let Some(w) = &self.write {
            out.push((vec![Key("write")], w.value.clone()));
        }
        if let Some(h) = &self.http {
            out.push((vec![Key("http")], h.path.clone()));
            out.extend(h.query.values().map(|v| (vec![Key("http")], v.clone())));
            if let Some(j) = &h.json {
                json_strings(j, &mut |s| out.push((vec![Key("http")], s.to_string())));
            }
        }
        if let Some(d) = &self.datagram {
            out.push((vec![Key("datagram")], d.clone()));
        }
        out
    }
}

/// Every string inside a TOML value.
pub(crate) fn json_strings(v: &toml::Value, f: &mut dyn FnMut(&str)) {
    match v {
        toml::Value::String(s) => f(s),
        toml::Value::Array(a) => a.iter().for_each(|x| json_strings(x, f)),
        toml::Value::Table(t) => t.values().for_each(|x| json_strings(x, f)),
        _ => {}
    }
}

/// Whether a transport carries actions of this kind; `side_http`: the profile also reaches a
/// second device over HTTP (an `[http]` table besides another transport).
fn fits(transport: &str, kind: Kind, side_http: bool) -> bool {
    match kind {
        Kind::Line => transport == "serial",
        Kind::ModbusRead | Kind::ModbusWrite => transport.starts_with("modbus-"),
        Kind::Http => transport == "http" || side_http,
        Kind::Datagram => transport == "udp",
    }
}

fn kind_needs(kind: Kind) -> String {
    match kind {
        Kind::Line => "serial".into(),
        Kind::ModbusRead | Kind::ModbusWrite => super::or_list(&["modbus-rtu", "modbus-tcp"]),
        Kind::Http => "http".into(),
        Kind::Datagram => "udp".into(),
    }
}

/// Check a request action (anything but a line command): its shape, its fit with the transport,
/// its registers, captures and templates; add what it produces to `produced`.
pub(super) fn validate_action(
    action: &mut Action,
    transport: &str,
    side_http: bool,
    modbus: &ModbusSpec,
    inputs: &[&str],
    produced: &mut BTreeSet<String>,
) -> Result<(), (Vec<Seg<'static>>, String)> {
    use Seg::{Idx, Key};
    let kind = action.kind();
    let shapes = [
        action.send.is_some(),
        action.read.is_some(),
        action.write.is_some(),
        action.http.is_some(),
        action.datagram.is_some(),
    ];
    if shapes.iter().filter(|s| **s).count() > 1 {
        return Err((vec![], crate::t!("prof.req.several")));
    }
    if !fits(transport, kind, side_http) {
        let what = match kind {
            Kind::Line => "`send`/`expect`",
            Kind::ModbusRead => "`read`",
            Kind::ModbusWrite => "`write`",
            Kind::Http => "`http`",
            Kind::Datagram => "`datagram`",
        };
        return Err((
            vec![],
            crate::t!(
                "prof.req.wrong_transport",
                what = what,
                needs = kind_needs(kind),
                transport = transport
            ),
        ));
    }
    if !action.values.is_empty() && kind != Kind::ModbusRead {
        return Err((vec![Key("values")], crate::t!("prof.req.values_with_read")));
    }
    if (!action.capture.is_empty() || !action.require.is_empty())
        && !matches!(kind, Kind::Http | Kind::Datagram)
    {
        return Err((vec![Key("capture")], crate::t!("prof.req.capture_with")));
    }
    if !action.expect.is_empty() && !matches!(kind, Kind::Line | Kind::Datagram) {
        return Err((vec![Key("expect")], crate::t!("prof.req.expect_with")));
    }
    // Templates name only known values.
    for (at, t) in action.templates() {
        let vars = placeholders(&t).map_err(|e| (at.clone(), e))?;
        for (v, _) in vars {
            if !inputs.contains(&v.as_str()) && !produced.contains(&v) {
                return Err((
                    at,
                    crate::t!(
                        "prof.req.unknown_var",
                        placeholder = format!("{{{v}}}"),
                        inputs = if inputs.is_empty() {
                            crate::t!("prof.profile.none")
                        } else {
                            inputs.join(", ")
                        }
                    ),
                ));
            }
        }
    }
    if let Some(r) = &action.read {
        if Table::parse(&r.table).is_none() {
            return Err((
                vec![Key("read"), Key("table")],
                crate::t!("prof.req.read_table", table = r.table),
            ));
        }
        if r.count == 0 || r.count > MAX_READ || r.address as u32 + r.count as u32 > 0x1_0000 {
            return Err((
                vec![Key("read"), Key("count")],
                crate::t!(
                    "prof.req.read_count",
                    count = r.count,
                    address = format!("{:#06x}", r.address),
                    max = MAX_READ
                ),
            ));
        }
        if action.values.is_empty() {
            return Err((vec![Key("values")], crate::t!("prof.req.read_values")));
        }
        for (i, v) in action.values.iter().enumerate() {
            check_value(v, r.count, modbus).map_err(|e| (vec![Key("values"), Idx(i)], e))?;
            produced.insert(v.var.clone());
        }
    }
    if let Some(w) = &action.write {
        let at = vec![Key("write")];
        if matches!(w.kind.as_str(), "bytes") || !value::TYPES.contains(&w.kind.as_str()) {
            return Err((at, crate::t!("prof.req.write_type", kind = w.kind)));
        }
        let width = value::width(&w.kind, w.registers).ok_or_else(|| {
            (
                at.clone(),
                crate::t!("prof.req.write_registers", kind = w.kind),
            )
        })?;
        if width > MAX_WRITE || w.address as u32 + width as u32 > 0x1_0000 {
            return Err((at, crate::t!("prof.req.write_span", max = MAX_WRITE)));
        }
        orders(w.byte_order.as_deref(), w.word_order.as_deref(), modbus)
            .map_err(|e| (at.clone(), e))?;
        match w.function.as_deref() {
            None | Some("multiple") => {}
            Some("single") if width == 1 => {}
            Some("single") => {
                return Err((at, crate::t!("prof.req.write_single", width = width)));
            }
            Some(other) => {
                return Err((at, crate::t!("prof.req.write_function", function = other)));
            }
        }
    }
    if let Some(h) = &action.http {
        if !matches!(h.method.as_str(), "GET" | "POST" | "PUT") {
            return Err((
                vec![Key("http"), Key("method")],
                crate::t!("prof.req.http_method", method = h.method),
            ));
        }
        if !h.path.starts_with('/') {
            return Err((
                vec![Key("http"), Key("path")],
                crate::t!("prof.req.http_path", path = h.path),
            ));
        }
        if let Some(j) = &h.json
            && !j.is_table()
        {
            return Err((
                vec![Key("http"), Key("json")],
                crate::t!("prof.req.http_json"),
            ));
        }
    }
    action.capture_re.clear();
    for (var, c) in &action.capture {
        let p = c.pointer();
        if !(p.is_empty() || p.starts_with('/')) {
            return Err((
                vec![Key("capture")],
                crate::t!("prof.req.capture_pointer", var = var, pointer = p),
            ));
        }
        produced.insert(var.clone());
        if let Some(re) = c.re() {
            let re = Regex::new(re).map_err(|e| {
                (
                    vec![Key("capture")],
                    crate::t!("prof.req.capture_regex", var = var, why = e),
                )
            })?;
            produced.extend(re.capture_names().flatten().map(str::to_string));
            action.capture_re.insert(var.clone(), re);
        }
    }
    for p in action.require.keys() {
        if !p.starts_with('/') {
            return Err((
                vec![Key("require")],
                crate::t!("prof.req.require_pointer", pointer = p),
            ));
        }
    }
    Ok(())
}

fn orders(bytes: Option<&str>, words: Option<&str>, modbus: &ModbusSpec) -> Result<Order, String> {
    let b = bytes.unwrap_or(&modbus.byte_order);
    let w = words.unwrap_or(&modbus.word_order);
    Order::parse(b, w).ok_or_else(|| crate::t!("prof.req.orders", bytes = b, words = w))
}

fn check_value(v: &RegValue, count: u16, modbus: &ModbusSpec) -> Result<(), String> {
    if !value::TYPES.contains(&v.kind.as_str()) {
        return Err(crate::t!(
            "prof.req.value_type",
            var = v.var,
            kind = v.kind,
            types = value::TYPES.join(", ")
        ));
    }
    let width = value::width(&v.kind, v.registers)
        .ok_or_else(|| crate::t!("prof.req.value_registers", var = v.var, kind = v.kind))?;
    if v.offset as u32 + width as u32 > count as u32 {
        return Err(crate::t!(
            "prof.req.value_span",
            var = v.var,
            offset = v.offset,
            width = width,
            count = count
        ));
    }
    orders(v.byte_order.as_deref(), v.word_order.as_deref(), modbus)
        .map_err(|e| format!("`{}`: {e}", v.var))?;
    check_readings(v, width, modbus)?;
    if v.mask.is_some() && !matches!(v.kind.as_str(), "u16" | "u32" | "u64" | "i16" | "i32") {
        return Err(crate::t!("prof.req.value_mask", var = v.var));
    }
    if v.kind == "bytes" {
        let f = v
            .format
            .as_deref()
            .ok_or_else(|| crate::t!("prof.req.value_format_needed", var = v.var))?;
        value::check_format(f, width as usize * 2).map_err(|e| format!("`{}`: {e}", v.var))?;
    } else if v.format.is_some() {
        return Err(crate::t!("prof.req.value_format_bytes", var = v.var));
    }
    Ok(())
}

/// A value's other readings (`or`) and `expect`: known types and orders, the same width as the
/// value, and a pattern that compiles.
fn check_readings(v: &RegValue, width: u16, modbus: &ModbusSpec) -> Result<(), String> {
    if let Some(re) = &v.expect {
        Regex::new(re).map_err(|e| crate::t!("i14.value.bad_expect", var = v.var, why = e))?;
    }
    for (kind, b, w) in v.readings().iter().skip(1) {
        if !value::TYPES.contains(&kind.as_str()) {
            return Err(crate::t!(
                "prof.req.value_type",
                var = v.var,
                kind = kind,
                types = value::TYPES.join(", ")
            ));
        }
        if value::width(kind, v.registers) != Some(width) {
            return Err(crate::t!(
                "i14.req.reading_width",
                var = v.var,
                kind = kind,
                width = width
            ));
        }
        if kind == "bytes" && v.format.is_none() {
            return Err(crate::t!("prof.req.value_format_needed", var = v.var));
        }
        orders(b.as_deref(), w.as_deref(), modbus).map_err(|e| format!("`{}`: {e}", v.var))?;
    }
    Ok(())
}

/// The order a value is read in: its own, else the profile's `[modbus]` defaults.
pub fn value_order(v: &RegValue, modbus: &ModbusSpec) -> Order {
    orders(v.byte_order.as_deref(), v.word_order.as_deref(), modbus).unwrap_or_default()
}

/// The order a write uses.
pub fn write_order(w: &WriteSpec, modbus: &ModbusSpec) -> Order {
    orders(w.byte_order.as_deref(), w.word_order.as_deref(), modbus).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::station::profile::Profile;

    /// The Vestel profile with its serial number's value spec replaced.
    fn vestel_with(serial: &str) -> Result<Profile, String> {
        let text = include_str!("../../../vendors/vestel-evc04.toml");
        let old = r#"values = [{ var = "serial", type = "utf16", registers = 25, or = [{ type = "ascii" }], expect = '^[ -~]*$' }]"#;
        assert!(text.contains(old), "the Vestel serial spec moved");
        Profile::parse(&text.replace(old, serial), "vestel-evc04.toml").map_err(|e| e.message)
    }

    #[test]
    fn other_readings_and_expect_are_checked_on_load() {
        assert!(vestel_with(r#"values = [{ var = "serial", type = "utf16", registers = 25, or = [{ type = "ascii" }, { byte_order = "little" }] }]"#).is_ok());
        // Another reading must span the same registers.
        let e = vestel_with(r#"values = [{ var = "serial", type = "utf16", registers = 25, or = [{ type = "u32" }] }]"#).unwrap_err();
        assert!(e.contains("same 25 registers"), "{e}");
        let e = vestel_with(r#"values = [{ var = "serial", type = "utf16", registers = 25, or = [{ type = "utf8" }] }]"#).unwrap_err();
        assert!(e.contains("utf8"), "{e}");
        let e = vestel_with(r#"values = [{ var = "serial", type = "utf16", registers = 25, or = [{ byte_order = "middle" }] }]"#).unwrap_err();
        assert!(e.contains("middle"), "{e}");
        let e = vestel_with(
            r#"values = [{ var = "serial", type = "utf16", registers = 25, expect = '[' }]"#,
        )
        .unwrap_err();
        assert!(e.contains("regular expression"), "{e}");
        let e = vestel_with(r#"values = [{ var = "serial", type = "utf16", registers = 25, or = [{ typ = "ascii" }] }]"#).unwrap_err();
        assert!(e.contains("typ"), "{e}");
    }
}
