//! A temporary OCPP central system on the laptop, for a station whose only configuration path
//! is OCPP: point the station at `ws://<laptop>:<port>/`, let it connect, read its
//! BootNotification (vendor, model, serial, firmware), read its configuration, and if asked
//! change settings and reset it, before the station is pointed at the network.
//!
//! It speaks OCPP 1.6J (subprotocol `ocpp1.6`) and OCPP 2.0.1 (`ocpp2.0.1`), whichever the
//! station offers (when it offers both, the first of [`Options::versions`]); the framing is
//! [`crate::ocpp`]'s. In 1.6 the configuration is keys: GetConfiguration, ChangeConfiguration
//! (each read back with GetConfiguration), Reset `Soft` or `Hard`. In 2.0.1 it is variables of
//! the station's device model, named `Component.Variable` ([`v201::Address`]): GetBaseReport
//! `ConfigurationInventory` (the report comes in NotifyReport calls until one says no more
//! follow) or GetVariables for named ones, SetVariables (read back with GetVariables), Reset
//! `Immediate` or `OnIdle` (a `Hard` reset asked for is sent as `Immediate`, a `Soft` one as
//! `OnIdle`, and the other way round for a 1.6 station).
//!
//! The probe answers the station's own calls the way a central system must
//! ([`crate::ocpp::central`]: BootNotification accepted, Heartbeat with the time, notifications
//! acknowledged, Authorize and StartTransaction refused: the probe authorises no charging), a
//! call it does not know with the CALLERROR `NotImplemented`, a call it cannot read with the
//! CALLERROR the framework prescribes, also while it waits for the answer to one of its own,
//! and sends its calls one at a time. However it ends, it answers the calls already received
//! and then sends a WebSocket Close frame (RFC 6455 §5.5.1): a station is never left on an
//! open, silent connection.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tungstenite::{Message, WebSocket};

use crate::ocpp::{self, Frame, Ids, Version, central, v16, v201};
use crate::{Error, Result};

/// The WebSocket subprotocol of OCPP 1.6J.
pub const SUBPROTOCOL: &str = "ocpp1.6";
/// Error code: no station connected in time.
pub const E_PROBE_TIMEOUT: &str = "E_PROBE_TIMEOUT";
/// Error code: the station connected but does not speak OCPP-J in a version the probe was
/// asked for, or stopped answering.
pub const E_PROBE_PROTOCOL: &str = "E_PROBE_PROTOCOL";
/// Error code: the bind address cannot be used.
pub const E_PROBE_BIND: &str = "E_PROBE_BIND";
/// Error code: the station that connected is not the one expected (its BootNotification's
/// serial differs, or it sent none): nothing was changed.
pub const E_PROBE_OTHER_STATION: &str = "E_PROBE_OTHER_STATION";
/// Error code: a setting named as a 1.6 key for a station that speaks 2.0.1 (or a malformed
/// variable name): nothing was changed.
pub const E_PROBE_VARIABLE: &str = "E_PROBE_VARIABLE";

/// How the socket is polled (and how quickly a deadline is noticed).
const POLL: Duration = Duration::from_millis(50);
/// The heartbeat interval the probe asks of a station, seconds.
const HEARTBEAT_S: u64 = 300;

/// What the probe does once a station is connected.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long to wait for the station to connect (and to reconnect after a reset).
    pub wait: Duration,
    /// How long to wait for the BootNotification once connected.
    pub boot_wait: Duration,
    /// How long the station has to answer one call (and to send a whole report).
    pub call_timeout: Duration,
    /// The versions the probe speaks, in its order of preference.
    pub versions: Vec<Version>,
    /// Keys (1.6) or variables (2.0.1) to read; empty reads the whole configuration.
    pub keys: Vec<String>,
    /// Keys or variables to change, with their values, in order.
    pub set: Vec<(String, String)>,
    /// `Soft` or `Hard` (1.6), `OnIdle` or `Immediate` (2.0.1): see the module's header.
    pub reset: Option<String>,
    /// After an accepted reset, wait for the station to connect and boot again; `false` when the
    /// changes point it elsewhere (a new central system): the probe then closes and returns.
    pub await_reboot: bool,
    /// Change nothing unless the station's BootNotification names this serial.
    pub expect_serial: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            wait: Duration::from_secs(300),
            boot_wait: Duration::from_secs(10),
            call_timeout: Duration::from_secs(30),
            versions: vec![Version::V16, Version::V201],
            keys: Vec::new(),
            set: Vec::new(),
            reset: None,
            await_reboot: true,
            expect_serial: None,
        }
    }
}

/// The versions in the order to prefer them for these settings: 2.0.1 first when every named
/// setting is a device-model variable (`Component.Variable`), else 1.6 first.
pub fn preferred_versions(names: &[&str]) -> Vec<Version> {
    if !names.is_empty() && names.iter().all(|n| v201::Address::parse(n).is_some()) {
        vec![Version::V201, Version::V16]
    } else {
        vec![Version::V16, Version::V201]
    }
}

/// The station's BootNotification.
pub type Boot = central::Identity;

/// One configuration key (1.6) or variable (2.0.1, named `Component.Variable`) as the station
/// reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Key {
    pub key: String,
    pub value: Option<String>,
    pub readonly: bool,
}

/// A change (ChangeConfiguration or SetVariables) and the station's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub key: String,
    pub value: String,
    /// 1.6: `Accepted`, `Rejected`, `RebootRequired`, `NotSupported`; 2.0.1 also
    /// `UnknownComponent`, `UnknownVariable`, `NotSupportedAttributeType`; or the call error.
    pub status: String,
    /// The value read back afterwards, when the station reports it.
    pub read_back: Option<String>,
}

/// A Reset and what followed.
#[derive(Debug, Clone, Serialize)]
pub struct ResetOutcome {
    /// The reset type sent, as the station's version names it.
    pub kind: String,
    pub status: String,
    /// The station connected again and sent a new BootNotification.
    pub rebooted: bool,
    pub boot: Option<Boot>,
}

/// What the probe learnt.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The address the station connected from.
    pub peer: String,
    /// The request path (`/ocpp/CB-1`) and the charge box identity: its last segment.
    pub path: String,
    pub charge_box_id: String,
    pub subprotocol: String,
    /// `1.6` or `2.0.1`.
    pub ocpp_version: Version,
    /// `None` when the station sent none within `boot_wait` (it was already booted).
    pub boot: Option<Boot>,
    pub configuration: Vec<Key>,
    pub unknown_keys: Vec<String>,
    /// Why the configuration could not be read, when it failed.
    pub configuration_error: Option<String>,
    pub changes: Vec<Change>,
    pub reset: Option<ResetOutcome>,
    /// The station's own calls, in order (`StatusNotification connector 1 Available`).
    pub station_calls: Vec<String>,
}

/// Listen on `addr`.
pub fn bind(addr: &str) -> Result<TcpListener> {
    let sa: SocketAddr = addr.parse().map_err(|_| {
        Error::usage(E_PROBE_BIND, crate::t!("stn.probe.bad_bind", addr = addr))
            .with_help(crate::t!("stn.probe.bad_bind_help"))
    })?;
    let l = TcpListener::bind(sa).map_err(|e| {
        let help = if e.kind() == std::io::ErrorKind::AddrInUse {
            crate::t!("stn.probe.in_use_help")
        } else {
            crate::t!("stn.probe.not_local_help")
        };
        Error::usage(
            E_PROBE_BIND,
            crate::t!("stn.probe.cannot_listen", addr = addr, why = e),
        )
        .with_help(help)
    })?;
    l.set_nonblocking(true).ok();
    Ok(l)
}

type Ws = WebSocket<TcpStream>;

/// A connected station.
struct Conn {
    ws: Ws,
    version: Version,
    ids: Ids,
    calls: Vec<String>,
    boot: Option<Boot>,
    call_timeout: Duration,
    /// A Close frame was sent (or the station closed): nothing more may be sent.
    closed: bool,
    /// The GetBaseReport whose NotifyReport parts are being collected, and what came.
    report_id: Option<i64>,
    report: Vec<v201::ReportData>,
    report_parts: usize,
    report_done: bool,
}

/// What [`Conn::pump`] waits for.
#[derive(Clone, Copy)]
enum Await<'a> {
    Nothing,
    Boot,
    Answer(&'a str),
    ReportEnd,
}

enum Incoming {
    Result(Value),
    Error(String, String),
    Done,
}

fn protocol_error(what: impl Into<String>) -> Error {
    Error::station(E_PROBE_PROTOCOL, what.into()).with_help(crate::t!("stn.probe.protocol_help"))
}

impl Conn {
    fn send(&mut self, f: Frame) -> Result<()> {
        self.ws
            .send(Message::text(f.to_text()))
            .map_err(|e| protocol_error(crate::t!("stn.probe.broke", why = e)))
    }

    /// The note for the station's log of calls, for the calls worth more than their name.
    fn note_of(&self, action: &str, p: &Value) -> String {
        match (self.version, action) {
            (Version::V16, "StatusNotification") => format!(
                "{}{}",
                crate::t!(
                    "stn.probe.status_notification",
                    connector = p["connectorId"],
                    status = p["status"].as_str().unwrap_or("?")
                ),
                match p["errorCode"].as_str() {
                    Some(e) if e != "NoError" => format!(" ({e})"),
                    _ => String::new(),
                }
            ),
            (Version::V201, "StatusNotification") => crate::t!(
                "ocpp.probe.status_notification_201",
                evse = p["evseId"],
                connector = p["connectorId"],
                status = p["connectorStatus"].as_str().unwrap_or("?")
            ),
            (_, "Authorize") => crate::t!("stn.probe.authorize_refused"),
            (_, "StartTransaction") => crate::t!("stn.probe.start_refused"),
            _ => action.to_string(),
        }
    }

    /// Answer one of the station's calls.
    fn answer(&mut self, id: &str, action: &str, p: &Value) -> Result<()> {
        let now = ocpp::now();
        let refuse = |c: &mut Conn, code: ocpp::ErrorCode, why: String| {
            c.calls.push(crate::t!(
                "ocpp.probe.bad_call",
                action = action,
                why = why,
                code = code.name(c.version)
            ));
            c.send(Frame::error(c.version, id, code, why))
        };
        if action == "BootNotification" {
            return match central::boot_identity(self.version, p) {
                Ok(b) => {
                    self.calls
                        .push(format!("BootNotification {} {}", b.vendor, b.model));
                    self.boot = Some(b);
                    self.send(Frame::result(
                        id,
                        central::boot_reply("Accepted", &now, HEARTBEAT_S),
                    ))
                }
                Err((code, why)) => refuse(self, code, why),
            };
        }
        if action == "NotifyReport" && self.version == Version::V201 {
            match ocpp::decode::<v201::NotifyReportRequest>(action, p) {
                Ok(r) if Some(r.request_id) == self.report_id => {
                    self.report_parts += 1;
                    self.report.extend(r.report_data);
                    self.report_done |= !r.tbc;
                }
                Ok(_) => {}
                Err((code, why)) => return refuse(self, code, why),
            }
        }
        let Some(reply) = central::answer(self.version, action, &now) else {
            self.calls
                .push(crate::t!("stn.probe.not_implemented", action = action));
            let why = central::not_implemented("the evfield probe", action);
            return self.send(Frame::error(
                self.version,
                id,
                ocpp::ErrorCode::NotImplemented,
                why,
            ));
        };
        let note = self.note_of(action, p);
        self.calls.push(note);
        self.send(Frame::result(id, reply))
    }

    /// Read and handle messages until `until`, or until what `awaiting` names comes.
    fn pump(&mut self, until: Instant, awaiting: Await) -> Result<Option<Incoming>> {
        loop {
            if matches!(awaiting, Await::ReportEnd) && self.report_done {
                return Ok(Some(Incoming::Done));
            }
            if Instant::now() >= until {
                return Ok(None);
            }
            match self.ws.read() {
                Ok(Message::Text(t)) => match ocpp::parse(t.as_str()) {
                    Ok(Frame::Call {
                        id,
                        action,
                        payload,
                    }) => {
                        self.answer(&id, &action, &payload)?;
                        if action == "BootNotification"
                            && matches!(awaiting, Await::Boot)
                            && self.boot.is_some()
                        {
                            return Ok(Some(Incoming::Done));
                        }
                    }
                    Ok(Frame::Result { id, payload }) => {
                        if matches!(awaiting, Await::Answer(a) if a == id) {
                            return Ok(Some(Incoming::Result(payload)));
                        }
                    }
                    Ok(Frame::Error {
                        id,
                        code,
                        description,
                        ..
                    }) => {
                        if matches!(awaiting, Await::Answer(a) if a == id) {
                            return Ok(Some(Incoming::Error(code, description)));
                        }
                    }
                    // Not OCPP-J at all: something else than a station connected.
                    Err(m) if m.id == ocpp::UNKNOWN_ID => {
                        return Err(protocol_error(crate::t!(
                            "stn.probe.not_frame",
                            text = format!("{:.200}", t.as_str())
                        )));
                    }
                    Err(m) => {
                        if let Some(reply) = m.reply(self.version) {
                            let code = ocpp::ErrorCode::name(m.code, self.version);
                            self.calls.push(crate::t!(
                                "ocpp.probe.malformed",
                                why = m.why,
                                code = code
                            ));
                            self.send(reply)?;
                        }
                    }
                },
                Ok(Message::Close(_)) => {
                    self.closed = true;
                    return Err(protocol_error(crate::t!("stn.probe.closed")));
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => {
                    self.closed = true;
                    return Err(protocol_error(crate::t!("stn.probe.closed")));
                }
                Err(e) => {
                    return Err(protocol_error(crate::t!("stn.probe.broke", why = e)));
                }
            }
        }
    }

    /// Send a CALL and wait for its result: `Ok(Ok(payload))`, or `Ok(Err(why))` for a call
    /// error or no answer.
    fn call(&mut self, action: &str, payload: Value) -> Result<std::result::Result<Value, String>> {
        let id = self.ids.next_id();
        self.send(Frame::call(id.clone(), action, payload))?;
        let until = crate::waits::deadline(Instant::now(), self.call_timeout);
        Ok(match self.pump(until, Await::Answer(&id))? {
            Some(Incoming::Result(v)) => Ok(v),
            Some(Incoming::Error(code, desc)) => Err(format!("CALLERROR {code}: {desc}")),
            Some(Incoming::Done) | None => Err(crate::t!(
                "stn.probe.no_answer",
                action = action,
                secs = self.call_timeout.as_secs()
            )),
        })
    }

    /// A call whose answer is read as `T`; an answer of another shape is an error like a
    /// CALLERROR.
    fn call_typed<T: DeserializeOwned>(
        &mut self,
        action: &str,
        payload: Value,
    ) -> Result<std::result::Result<T, String>> {
        Ok(self.call(action, payload)?.and_then(|v| {
            ocpp::decode::<T>(action, &v).map_err(|(_, why)| {
                crate::t!("ocpp.probe.unreadable_answer", action = action, why = why)
            })
        }))
    }

    /// End the connection the way a central system must: first answer the calls the station
    /// has already sent, then send a WebSocket Close frame and wait briefly for the station's.
    fn close(mut self) {
        self.shut();
    }

    fn shut(&mut self) {
        if std::mem::replace(&mut self.closed, true) {
            // Closed by the station: send tungstenite's queued reply to its Close.
            let _ = self.ws.flush();
            return;
        }
        // Calls already on their way are answered before the Close: after it, no data frame may
        // be sent (RFC 6455 §5.5.1). An error here (the station closed first) ends the drain.
        self.closed = false;
        let _ = self.pump(Instant::now() + POLL, Await::Nothing);
        self.closed = true;
        let _ = self.ws.close(Some(tungstenite::protocol::CloseFrame {
            code: tungstenite::protocol::frame::coding::CloseCode::Normal,
            reason: "evfield probe done".into(),
        }));
        let _ = self.ws.flush();
        let deadline = Instant::now() + Duration::from_secs(1);
        while Instant::now() < deadline {
            match self.ws.read() {
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => break,
                Ok(_) => {}
            }
        }
    }
}

/// Whatever way the probe ends (an error, another station, a broken frame), the station gets a
/// Close frame, never a connection left open and silent.
impl Drop for Conn {
    fn drop(&mut self) {
        self.shut();
    }
}

/// The subprotocols of `versions`, for messages: `ocpp1.6, ocpp2.0.1`.
fn subprotocols(versions: &[Version]) -> String {
    versions
        .iter()
        .map(|v| v.subprotocol())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Accept one station on `l` within `wait`: the connection, its path and peer.
fn accept(
    l: &TcpListener,
    wait: Duration,
    versions: &[Version],
) -> Result<(Conn, String, String, Duration)> {
    let deadline = crate::waits::deadline(Instant::now(), wait);
    let addr = l.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let ours = subprotocols(versions);
    loop {
        match l.accept() {
            Ok((stream, peer)) => {
                stream.set_nonblocking(false).ok();
                stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
                let mut path = String::new();
                let mut offered = String::new();
                let mut chosen = None;
                // The callback's type is tungstenite's: its error is an HTTP response.
                #[allow(clippy::result_large_err)]
                let callback = |req: &Request,
                                mut resp: Response|
                 -> std::result::Result<Response, ErrorResponse> {
                    path = req.uri().path().to_string();
                    offered = req
                        .headers()
                        .get_all("Sec-WebSocket-Protocol")
                        .iter()
                        .filter_map(|v| v.to_str().ok())
                        .collect::<Vec<_>>()
                        .join(", ");
                    chosen = Version::choose(&offered, versions);
                    if let Some(v) = chosen {
                        resp.headers_mut().insert(
                            "Sec-WebSocket-Protocol",
                            tungstenite::http::HeaderValue::from_static(v.subprotocol()),
                        );
                        Ok(resp)
                    } else {
                        let mut r = ErrorResponse::new(Some(format!(
                            "this OCPP central system speaks {ours} only"
                        )));
                        *r.status_mut() = tungstenite::http::StatusCode::BAD_REQUEST;
                        Err(r)
                    }
                };
                let shaken = tungstenite::accept_hdr(stream, callback).map_err(|_| ());
                match (shaken, chosen) {
                    (Ok(ws), Some(version)) => {
                        ws.get_ref().set_read_timeout(Some(POLL)).ok();
                        let conn = Conn {
                            ws,
                            version,
                            ids: Ids::new("evfield-probe"),
                            calls: Vec::new(),
                            boot: None,
                            call_timeout: Duration::from_secs(30),
                            closed: false,
                            report_id: None,
                            report: Vec::new(),
                            report_parts: 0,
                            report_done: false,
                        };
                        let left = deadline.saturating_duration_since(Instant::now());
                        return Ok((conn, path, peer.to_string(), left));
                    }
                    _ if !offered.is_empty() && chosen.is_none() => {
                        return Err(protocol_error(crate::t!(
                            "stn.probe.wrong_subprotocol",
                            peer = peer,
                            offered = offered,
                            want = ours
                        )));
                    }
                    // Not a WebSocket handshake (a port scan, a browser): wait for the station.
                    _ => continue,
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return Err(Error::station(
                        E_PROBE_TIMEOUT,
                        crate::t!("stn.probe.timeout", addr = addr, secs = wait.as_secs()),
                    )
                    .with_help(crate::t!(
                        "stn.probe.timeout_help",
                        port = addr.rsplit(':').next().unwrap_or("PORT")
                    )));
                }
                std::thread::sleep(POLL);
            }
            Err(e) => {
                return Err(Error::internal(
                    "E_PROBE_ACCEPT",
                    crate::t!("stn.probe.accept_failed", addr = addr, why = e),
                ));
            }
        }
    }
}

/// The last path segment, percent-decoded.
fn identity_of(path: &str) -> String {
    let seg = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = bytes.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(&String::from_utf8_lossy(h), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

/// The configuration a station reported: its keys or variables, and the ones it does not know.
type Configuration = (Vec<Key>, Vec<String>);

/// 1.6: GetConfiguration for `keys` (all when empty).
fn get_configuration(
    c: &mut Conn,
    keys: &[String],
) -> Result<std::result::Result<Configuration, String>> {
    let req = v16::GetConfigurationReq { key: keys.to_vec() };
    Ok(
        c.call_typed::<v16::GetConfigurationConf>("GetConfiguration", ocpp::encode(&req))?
            .map(|conf| {
                let keys = conf
                    .configuration_key
                    .into_iter()
                    .map(|k| Key {
                        key: k.key,
                        value: k.value,
                        readonly: k.readonly,
                    })
                    .collect();
                (keys, conf.unknown_key)
            }),
    )
}

/// A device-model variable as a [`Key`]: its `Actual` attribute.
fn key_of(
    component: v201::Component,
    variable: v201::Variable,
    attrs: &[v201::VariableAttribute],
) -> Key {
    let actual = attrs
        .iter()
        .find(|a| a.kind.as_deref().is_none_or(|k| k == "Actual"))
        .or(attrs.first());
    Key {
        key: v201::Address {
            component,
            variable,
        }
        .to_string(),
        value: actual.and_then(|a| a.value.clone()),
        readonly: actual.is_some_and(|a| a.mutability.as_deref() == Some("ReadOnly")),
    }
}

/// 2.0.1: the whole configuration by GetBaseReport `ConfigurationInventory`, the report
/// collected from the NotifyReport calls that follow.
fn base_report(
    c: &mut Conn,
    progress: &mut dyn FnMut(String),
) -> Result<std::result::Result<Configuration, String>> {
    let request_id = i64::from(std::process::id() % 100_000) * 10 + 1;
    c.report_id = Some(request_id);
    c.report.clear();
    c.report_parts = 0;
    c.report_done = false;
    let req = v201::GetBaseReportRequest {
        request_id,
        report_base: "ConfigurationInventory".into(),
    };
    let status = match c.call_typed::<v201::StatusResponse>("GetBaseReport", ocpp::encode(&req))? {
        Ok(r) => r.status,
        Err(why) => return Ok(Err(why)),
    };
    progress(crate::t!("ocpp.probe.report_requested", status = status));
    match status.as_str() {
        "Accepted" => {}
        "EmptyResultSet" => return Ok(Ok((Vec::new(), Vec::new()))),
        _ => return Ok(Err(crate::t!("ocpp.probe.report_refused", status = status))),
    }
    let until = crate::waits::deadline(Instant::now(), c.call_timeout);
    if c.pump(until, Await::ReportEnd)?.is_none() {
        return Ok(Err(crate::t!(
            "ocpp.probe.report_incomplete",
            secs = c.call_timeout.as_secs(),
            parts = c.report_parts
        )));
    }
    c.report_id = None;
    let keys = std::mem::take(&mut c.report)
        .into_iter()
        .map(|d| key_of(d.component, d.variable, &d.variable_attribute))
        .collect();
    Ok(Ok((keys, Vec::new())))
}

/// 2.0.1: GetVariables for the named variables (their `Actual` values).
fn get_variables(
    c: &mut Conn,
    names: &[v201::Address],
) -> Result<std::result::Result<Configuration, String>> {
    let req = v201::GetVariablesRequest {
        get_variable_data: names
            .iter()
            .map(|a| v201::GetVariableData {
                attribute_type: None,
                component: a.component.clone(),
                variable: a.variable.clone(),
            })
            .collect(),
    };
    Ok(
        c.call_typed::<v201::GetVariablesResponse>("GetVariables", ocpp::encode(&req))?
            .map(|r| {
                let mut keys = Vec::new();
                let mut unknown = Vec::new();
                for g in r.get_variable_result {
                    let name = v201::Address {
                        component: g.component,
                        variable: g.variable,
                    };
                    if g.attribute_status == "Accepted" {
                        keys.push(Key {
                            key: name.to_string(),
                            value: g.attribute_value,
                            readonly: false,
                        });
                    } else {
                        unknown.push(format!("{name} ({})", g.attribute_status));
                    }
                }
                (keys, unknown)
            }),
    )
}

/// 2.0.1: every setting named as a variable, or the error that says how to name them.
fn variables(names: &[&str]) -> Result<Vec<v201::Address>> {
    names
        .iter()
        .map(|n| {
            v201::Address::parse(n).ok_or_else(|| {
                Error::usage(
                    E_PROBE_VARIABLE,
                    crate::t!("ocpp.probe.variable_form", key = n),
                )
                .with_help(crate::t!("ocpp.probe.variable_form_help"))
            })
        })
        .collect()
}

/// The reset type as `version` names it.
fn reset_kind(version: Version, asked: &str) -> &'static str {
    let immediate = matches!(asked, "Hard" | "Immediate");
    match (version, immediate) {
        (Version::V16, true) => "Hard",
        (Version::V16, false) => "Soft",
        (Version::V201, true) => "Immediate",
        (Version::V201, false) => "OnIdle",
    }
}

/// Read the configuration: the named keys or variables, or all of them.
fn read_configuration(
    c: &mut Conn,
    opts: &Options,
    progress: &mut dyn FnMut(String),
) -> Result<std::result::Result<Configuration, String>> {
    match c.version {
        Version::V16 => get_configuration(c, &opts.keys),
        Version::V201 if opts.keys.is_empty() => base_report(c, progress),
        Version::V201 => {
            let names: Vec<&str> = opts.keys.iter().map(String::as_str).collect();
            get_variables(c, &variables(&names)?)
        }
    }
}

/// Make the changes and read each back.
fn change(c: &mut Conn, opts: &Options, progress: &mut dyn FnMut(String)) -> Result<Vec<Change>> {
    let mut changes = Vec::new();
    match c.version {
        Version::V16 => {
            for (key, value) in &opts.set {
                let req = v16::ChangeConfigurationReq {
                    key: key.clone(),
                    value: value.clone(),
                };
                let status = match c
                    .call_typed::<v16::StatusConf>("ChangeConfiguration", ocpp::encode(&req))?
                {
                    Ok(v) => v.status,
                    Err(why) => why,
                };
                progress(format!("ChangeConfiguration {key} = {value}: {status}"));
                let read_back = if matches!(status.as_str(), "Accepted" | "RebootRequired") {
                    get_configuration(c, std::slice::from_ref(key))?
                        .ok()
                        .and_then(|(keys, _)| keys.into_iter().find(|k| k.key == *key))
                        .and_then(|k| k.value)
                } else {
                    None
                };
                changes.push(Change {
                    key: key.clone(),
                    value: value.clone(),
                    status,
                    read_back,
                });
            }
        }
        Version::V201 if opts.set.is_empty() => {}
        Version::V201 => {
            let names: Vec<&str> = opts.set.iter().map(|(k, _)| k.as_str()).collect();
            let addresses = variables(&names)?;
            let req = v201::SetVariablesRequest {
                set_variable_data: addresses
                    .iter()
                    .zip(&opts.set)
                    .map(|(a, (_, value))| v201::SetVariableData {
                        attribute_type: None,
                        attribute_value: value.clone(),
                        component: a.component.clone(),
                        variable: a.variable.clone(),
                    })
                    .collect(),
            };
            let results =
                c.call_typed::<v201::SetVariablesResponse>("SetVariables", ocpp::encode(&req))?;
            for (a, (key, value)) in addresses.iter().zip(&opts.set) {
                let status = match &results {
                    Ok(r) => r
                        .set_variable_result
                        .iter()
                        .find(|s| {
                            a.same(&v201::Address {
                                component: s.component.clone(),
                                variable: s.variable.clone(),
                            })
                        })
                        .map_or_else(|| "-".to_string(), |s| s.attribute_status.clone()),
                    Err(why) => why.clone(),
                };
                progress(format!("SetVariables {key} = {value}: {status}"));
                let read_back = if matches!(status.as_str(), "Accepted" | "RebootRequired") {
                    get_variables(c, std::slice::from_ref(a))?
                        .ok()
                        .and_then(|(keys, _)| keys.into_iter().next())
                        .and_then(|k| k.value)
                } else {
                    None
                };
                changes.push(Change {
                    key: key.clone(),
                    value: value.clone(),
                    status,
                    read_back,
                });
            }
        }
    }
    Ok(changes)
}

/// Run the probe on a bound listener: wait for the station, read its boot and configuration,
/// make the changes and the reset asked for. `progress` hears what happens, for the terminal.
pub fn run(l: &TcpListener, opts: &Options, progress: &mut dyn FnMut(String)) -> Result<Report> {
    let (mut c, path, peer, left) = accept(l, opts.wait, &opts.versions)?;
    c.call_timeout = opts.call_timeout;
    let charge_box_id = identity_of(&path);
    progress(crate::t!(
        "stn.probe.connected",
        peer = peer,
        id = charge_box_id,
        subprotocol = c.version.subprotocol()
    ));
    c.pump(
        crate::waits::deadline(Instant::now(), opts.boot_wait),
        Await::Boot,
    )?;
    if c.boot.is_none() {
        progress(crate::t!(
            "stn.probe.no_boot",
            secs = opts.boot_wait.as_secs()
        ));
    }
    if let Some(known) = &opts.expect_serial {
        let seen = c.boot.as_ref().and_then(|b| b.serial.clone());
        if seen.as_deref() != Some(known.as_str()) {
            c.close();
            return Err(Error::station(
                E_PROBE_OTHER_STATION,
                crate::t!(
                    "eva.probe.other_station",
                    seen = seen.unwrap_or_else(|| "-".into()),
                    known = known
                ),
            )
            .with_help(crate::t!("eva.probe.other_station_help")));
        }
    }
    if c.version == Version::V201 {
        // every name is checked before anything is read or changed
        let names: Vec<&str> = opts
            .keys
            .iter()
            .chain(opts.set.iter().map(|(k, _)| k))
            .map(String::as_str)
            .collect();
        variables(&names)?;
    }
    let mut report = Report {
        peer,
        path,
        charge_box_id,
        subprotocol: c.version.subprotocol().into(),
        ocpp_version: c.version,
        boot: c.boot.clone(),
        configuration: Vec::new(),
        unknown_keys: Vec::new(),
        configuration_error: None,
        changes: Vec::new(),
        reset: None,
        station_calls: Vec::new(),
    };
    match read_configuration(&mut c, opts, progress)? {
        Ok((keys, unknown)) => {
            progress(crate::tn!("stn.probe.got_config", count = keys.len()));
            report.configuration = keys;
            report.unknown_keys = unknown;
        }
        Err(why) => report.configuration_error = Some(why),
    }
    report.changes = change(&mut c, opts, progress)?;
    if let Some(asked) = &opts.reset {
        let kind = reset_kind(c.version, asked).to_string();
        // the same shape in both versions: `{"type": ...}` asked, `{"status": ...}` answered
        let status = match c.call_typed::<v16::StatusConf>("Reset", json!({ "type": kind }))? {
            Ok(v) => v.status,
            Err(why) => why,
        };
        progress(format!("Reset ({kind}): {status}"));
        report.station_calls.append(&mut c.calls);
        let mut outcome = ResetOutcome {
            kind,
            status: status.clone(),
            rebooted: false,
            boot: None,
        };
        if status == "Accepted" && opts.await_reboot {
            let version = c.version;
            c.close();
            progress(crate::t!("stn.probe.waiting_restart"));
            let (mut again, _, _, _) = accept(l, left.max(opts.boot_wait), &[version])?;
            again.call_timeout = opts.call_timeout;
            again.pump(
                crate::waits::deadline(Instant::now(), opts.boot_wait),
                Await::Boot,
            )?;
            outcome.rebooted = again.boot.is_some();
            outcome.boot = again.boot.clone();
            progress(if outcome.rebooted {
                crate::t!("stn.probe.rebooted")
            } else {
                crate::t!("stn.probe.reconnected_no_boot")
            });
            report.station_calls.append(&mut again.calls);
            again.close();
        } else {
            c.close();
        }
        report.reset = Some(outcome);
        return Ok(report);
    }
    report.station_calls = std::mem::take(&mut c.calls);
    c.close();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_is_the_last_path_segment() {
        assert_eq!(identity_of("/ocpp/CB-1"), "CB-1");
        assert_eq!(identity_of("/CB%2F1%20x/"), "CB/1 x");
        assert_eq!(identity_of("/"), "");
        assert_eq!(identity_of("/%zz"), "%zz");
    }

    #[test]
    fn bind_errors_name_the_address() {
        let e = bind("laptop:80").unwrap_err();
        assert_eq!(e.code, E_PROBE_BIND);
        assert!(e.message.contains("laptop:80"));
        let l = bind("127.0.0.1:0").unwrap();
        let taken = l.local_addr().unwrap().to_string();
        let e = bind(&taken).unwrap_err();
        assert!(e.help.unwrap().contains("another program"), "{taken}");
    }

    #[test]
    fn nobody_connecting_is_a_timeout_with_the_url_to_set() {
        let l = bind("127.0.0.1:0").unwrap();
        let e = run(
            &l,
            &Options {
                wait: Duration::from_millis(100),
                ..Default::default()
            },
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(e.code, E_PROBE_TIMEOUT);
        let port = l.local_addr().unwrap().port();
        assert!(e.help.unwrap().contains(&format!(":{port}/")));
    }
}
