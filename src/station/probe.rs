//! A temporary OCPP 1.6J central system on the laptop, for a station whose only configuration
//! path is OCPP: point the station at `ws://<laptop>:<port>/`, let it connect, read its
//! BootNotification (vendor, model, serial, firmware), run GetConfiguration, and if asked
//! ChangeConfiguration and Reset, before the station is pointed at the network.
//!
//! From OCPP 1.6 edition 2 (JSON over WebSocket, "OCPP-J 1.6"): the station connects to
//! `<url>/<chargeBoxId>` with the subprotocol `ocpp1.6`; messages are `[2, id, action, payload]`
//! (CALL), `[3, id, payload]` (CALLRESULT) and `[4, id, code, description, details]`
//! (CALLERROR). The probe answers the station's own calls the way a central system must
//! (BootNotification accepted, Heartbeat with the time, StatusNotification and the
//! notifications acknowledged, Authorize and StartTransaction refused: the probe authorises no
//! charging), a call it does not know with the CALLERROR `NotImplemented` (OCPP-J 1.6 §4.2.3),
//! also while it waits for the answer to one of its own, and sends its calls one at a time.
//! However it ends, it answers the calls already received and then sends a WebSocket Close
//! frame (RFC 6455 §5.5.1): a station is never left on an open, silent connection.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Value, json};
use tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tungstenite::{Message, WebSocket};

use crate::{Error, Result};

/// The WebSocket subprotocol of OCPP 1.6J.
pub const SUBPROTOCOL: &str = "ocpp1.6";
/// Error code: no station connected in time.
pub const E_PROBE_TIMEOUT: &str = "E_PROBE_TIMEOUT";
/// Error code: the station connected but does not speak OCPP 1.6J, or stopped answering.
pub const E_PROBE_PROTOCOL: &str = "E_PROBE_PROTOCOL";
/// Error code: the bind address cannot be used.
pub const E_PROBE_BIND: &str = "E_PROBE_BIND";
/// Error code: the station that connected is not the one expected (its BootNotification's
/// serial differs, or it sent none): nothing was changed.
pub const E_PROBE_OTHER_STATION: &str = "E_PROBE_OTHER_STATION";

/// How the socket is polled (and how quickly a deadline is noticed).
const POLL: Duration = Duration::from_millis(50);

/// What the probe does once a station is connected.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long to wait for the station to connect (and to reconnect after a reset).
    pub wait: Duration,
    /// How long to wait for the BootNotification once connected.
    pub boot_wait: Duration,
    /// How long the station has to answer one call.
    pub call_timeout: Duration,
    /// Keys for GetConfiguration; empty asks for all.
    pub keys: Vec<String>,
    /// ChangeConfiguration key/value pairs, in order.
    pub set: Vec<(String, String)>,
    /// `Soft` or `Hard`.
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
            keys: Vec::new(),
            set: Vec::new(),
            reset: None,
            await_reboot: true,
            expect_serial: None,
        }
    }
}

/// The station's BootNotification.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Boot {
    pub vendor: String,
    pub model: String,
    /// `chargePointSerialNumber`, else `chargeBoxSerialNumber`.
    pub serial: Option<String>,
    pub firmware: Option<String>,
    pub iccid: Option<String>,
    pub imsi: Option<String>,
    pub meter_type: Option<String>,
    pub meter_serial: Option<String>,
}

/// One configuration key as the station reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Key {
    pub key: String,
    pub value: Option<String>,
    pub readonly: bool,
}

/// A ChangeConfiguration and the station's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub key: String,
    pub value: String,
    /// `Accepted`, `Rejected`, `RebootRequired`, `NotSupported`, or the call error.
    pub status: String,
    /// The value read back afterwards, when the station reports it.
    pub read_back: Option<String>,
}

/// A Reset and what followed.
#[derive(Debug, Clone, Serialize)]
pub struct ResetOutcome {
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
    /// `None` when the station sent none within `boot_wait` (it was already booted).
    pub boot: Option<Boot>,
    pub configuration: Vec<Key>,
    pub unknown_keys: Vec<String>,
    /// Why GetConfiguration gave nothing, when it failed.
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
    next_id: u64,
    calls: Vec<String>,
    boot: Option<Boot>,
    call_timeout: Duration,
    /// A Close frame was sent (or the station closed): nothing more may be sent.
    closed: bool,
}

enum Incoming {
    Result(Value),
    Error(String, String),
}

/// The text of an optional string field.
fn opt(v: &Value, k: &str) -> Option<String> {
    v[k].as_str().map(str::to_string).filter(|s| !s.is_empty())
}

fn boot_of(p: &Value) -> Boot {
    Boot {
        vendor: p["chargePointVendor"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        model: p["chargePointModel"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        serial: opt(p, "chargePointSerialNumber").or_else(|| opt(p, "chargeBoxSerialNumber")),
        firmware: opt(p, "firmwareVersion"),
        iccid: opt(p, "iccid"),
        imsi: opt(p, "imsi"),
        meter_type: opt(p, "meterType"),
        meter_serial: opt(p, "meterSerialNumber"),
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn protocol_error(what: impl Into<String>) -> Error {
    Error::station(E_PROBE_PROTOCOL, what.into()).with_help(crate::t!("stn.probe.protocol_help"))
}

impl Conn {
    fn send(&mut self, v: Value) -> Result<()> {
        self.ws
            .send(Message::text(v.to_string()))
            .map_err(|e| protocol_error(crate::t!("stn.probe.broke", why = e)))
    }

    /// Answer one of the station's calls.
    fn answer(&mut self, id: &str, action: &str, p: &Value) -> Result<()> {
        let (reply, note) = match action {
            "BootNotification" => {
                self.boot = Some(boot_of(p));
                (
                    json!({ "status": "Accepted", "currentTime": now(), "interval": 300 }),
                    format!(
                        "BootNotification {} {}",
                        p["chargePointVendor"].as_str().unwrap_or("?"),
                        p["chargePointModel"].as_str().unwrap_or("?")
                    ),
                )
            }
            "Heartbeat" => (json!({ "currentTime": now() }), "Heartbeat".into()),
            "StatusNotification" => (
                json!({}),
                format!(
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
            ),
            "Authorize" => (
                json!({ "idTagInfo": { "status": "Invalid" } }),
                crate::t!("stn.probe.authorize_refused"),
            ),
            "StartTransaction" => (
                json!({ "idTagInfo": { "status": "Invalid" }, "transactionId": 0 }),
                crate::t!("stn.probe.start_refused"),
            ),
            "DataTransfer" => (
                json!({ "status": "UnknownVendorId" }),
                "DataTransfer".into(),
            ),
            "MeterValues"
            | "StopTransaction"
            | "FirmwareStatusNotification"
            | "DiagnosticsStatusNotification" => (json!({}), action.to_string()),
            other => {
                self.calls
                    .push(crate::t!("stn.probe.not_implemented", action = other));
                return self.send(json!([
                    4,
                    id,
                    "NotImplemented",
                    format!("the evfield probe does not implement {other}"),
                    {}
                ]));
            }
        };
        self.calls.push(note);
        self.send(json!([3, id, reply]))
    }

    /// Read and handle messages until `until`, or until the answer to `awaiting` comes.
    fn pump(&mut self, until: Instant, awaiting: Option<&str>) -> Result<Option<Incoming>> {
        loop {
            if Instant::now() >= until {
                return Ok(None);
            }
            match self.ws.read() {
                Ok(Message::Text(t)) => {
                    let Ok(Value::Array(m)) = serde_json::from_str::<Value>(t.as_str()) else {
                        return Err(protocol_error(crate::t!(
                            "stn.probe.not_frame",
                            text = format!("{:.200}", t.as_str())
                        )));
                    };
                    let id = m
                        .get(1)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string();
                    match m.first().and_then(Value::as_u64) {
                        Some(2) => {
                            let action =
                                m.get(2).and_then(Value::as_str).unwrap_or("?").to_string();
                            let p = m.get(3).cloned().unwrap_or(Value::Null);
                            self.answer(&id, &action, &p)?;
                            if action == "BootNotification" && awaiting == Some("boot") {
                                return Ok(Some(Incoming::Result(p)));
                            }
                        }
                        Some(3) if Some(id.as_str()) == awaiting => {
                            return Ok(Some(Incoming::Result(
                                m.get(2).cloned().unwrap_or(Value::Null),
                            )));
                        }
                        Some(4) if Some(id.as_str()) == awaiting => {
                            return Ok(Some(Incoming::Error(
                                m.get(2).and_then(Value::as_str).unwrap_or("?").to_string(),
                                m.get(3).and_then(Value::as_str).unwrap_or("").to_string(),
                            )));
                        }
                        _ => {} // a late answer to an earlier call
                    }
                }
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
        self.next_id += 1;
        let id = format!("evfield-probe-{}", self.next_id);
        self.send(json!([2, id, action, payload]))?;
        let until = crate::waits::deadline(Instant::now(), self.call_timeout);
        Ok(match self.pump(until, Some(&id))? {
            Some(Incoming::Result(v)) => Ok(v),
            Some(Incoming::Error(code, desc)) => Err(format!("CALLERROR {code}: {desc}")),
            None => Err(crate::t!(
                "stn.probe.no_answer",
                action = action,
                secs = self.call_timeout.as_secs()
            )),
        })
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
        let _ = self.pump(Instant::now() + POLL, None);
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

/// Accept one station on `l` within `wait`: the connection, its path and peer.
fn accept(l: &TcpListener, wait: Duration) -> Result<(Conn, String, String, Duration)> {
    let deadline = crate::waits::deadline(Instant::now(), wait);
    let addr = l.local_addr().map(|a| a.to_string()).unwrap_or_default();
    loop {
        match l.accept() {
            Ok((stream, peer)) => {
                stream.set_nonblocking(false).ok();
                stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
                let mut path = String::new();
                let mut offered = String::new();
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
                    if offered.split(',').any(|p| p.trim() == SUBPROTOCOL) {
                        resp.headers_mut().insert(
                            "Sec-WebSocket-Protocol",
                            tungstenite::http::HeaderValue::from_static(SUBPROTOCOL),
                        );
                        Ok(resp)
                    } else {
                        let mut r = ErrorResponse::new(Some(format!(
                            "this OCPP central system speaks {SUBPROTOCOL} only"
                        )));
                        *r.status_mut() = tungstenite::http::StatusCode::BAD_REQUEST;
                        Err(r)
                    }
                };
                let shaken = tungstenite::accept_hdr(stream, callback).map_err(|_| ());
                match shaken {
                    Ok(ws) => {
                        ws.get_ref().set_read_timeout(Some(POLL)).ok();
                        let conn = Conn {
                            ws,
                            next_id: 0,
                            calls: Vec::new(),
                            boot: None,
                            call_timeout: Duration::from_secs(30),
                            closed: false,
                        };
                        let left = deadline.saturating_duration_since(Instant::now());
                        return Ok((conn, path, peer.to_string(), left));
                    }
                    Err(_)
                        if !offered.is_empty()
                            && !offered.split(',').any(|p| p.trim() == SUBPROTOCOL) =>
                    {
                        return Err(protocol_error(crate::t!(
                            "stn.probe.wrong_subprotocol",
                            peer = peer,
                            offered = offered,
                            want = SUBPROTOCOL
                        )));
                    }
                    // Not a WebSocket handshake (a port scan, a browser): wait for the station.
                    Err(_) => continue,
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

fn keys_of(v: &Value) -> (Vec<Key>, Vec<String>) {
    let keys = v["configurationKey"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|k| Key {
                    key: k["key"].as_str().unwrap_or_default().to_string(),
                    value: k["value"].as_str().map(str::to_string),
                    readonly: k["readonly"].as_bool().unwrap_or(false),
                })
                .collect()
        })
        .unwrap_or_default();
    let unknown = v["unknownKey"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    (keys, unknown)
}

/// Run the probe on a bound listener: wait for the station, read its boot and configuration,
/// make the changes and the reset asked for. `progress` hears what happens, for the terminal.
pub fn run(l: &TcpListener, opts: &Options, progress: &mut dyn FnMut(String)) -> Result<Report> {
    let (mut c, path, peer, left) = accept(l, opts.wait)?;
    c.call_timeout = opts.call_timeout;
    let charge_box_id = identity_of(&path);
    progress(crate::t!(
        "stn.probe.connected",
        peer = peer,
        id = charge_box_id,
        subprotocol = SUBPROTOCOL
    ));
    c.pump(
        crate::waits::deadline(Instant::now(), opts.boot_wait),
        Some("boot"),
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
    let mut report = Report {
        peer,
        path,
        charge_box_id,
        subprotocol: SUBPROTOCOL.into(),
        boot: c.boot.clone(),
        configuration: Vec::new(),
        unknown_keys: Vec::new(),
        configuration_error: None,
        changes: Vec::new(),
        reset: None,
        station_calls: Vec::new(),
    };
    let payload = if opts.keys.is_empty() {
        json!({})
    } else {
        json!({ "key": opts.keys })
    };
    match c.call("GetConfiguration", payload)? {
        Ok(v) => {
            let (keys, unknown) = keys_of(&v);
            progress(crate::tn!("stn.probe.got_config", count = keys.len()));
            report.configuration = keys;
            report.unknown_keys = unknown;
        }
        Err(why) => report.configuration_error = Some(why),
    }
    for (key, value) in &opts.set {
        let status = match c.call("ChangeConfiguration", json!({ "key": key, "value": value }))? {
            Ok(v) => v["status"].as_str().unwrap_or("?").to_string(),
            Err(why) => why,
        };
        progress(format!("ChangeConfiguration {key} = {value}: {status}"));
        let read_back = if matches!(status.as_str(), "Accepted" | "RebootRequired") {
            match c.call("GetConfiguration", json!({ "key": [key] }))? {
                Ok(v) => keys_of(&v)
                    .0
                    .into_iter()
                    .find(|k| k.key == *key)
                    .and_then(|k| k.value),
                Err(_) => None,
            }
        } else {
            None
        };
        report.changes.push(Change {
            key: key.clone(),
            value: value.clone(),
            status,
            read_back,
        });
    }
    if let Some(kind) = &opts.reset {
        let status = match c.call("Reset", json!({ "type": kind }))? {
            Ok(v) => v["status"].as_str().unwrap_or("?").to_string(),
            Err(why) => why,
        };
        progress(format!("Reset ({kind}): {status}"));
        report.station_calls.append(&mut c.calls);
        let mut outcome = ResetOutcome {
            kind: kind.clone(),
            status: status.clone(),
            rebooted: false,
            boot: None,
        };
        if status == "Accepted" && opts.await_reboot {
            c.close();
            progress(crate::t!("stn.probe.waiting_restart"));
            let (mut again, _, _, _) = accept(l, left.max(opts.boot_wait))?;
            again.call_timeout = opts.call_timeout;
            again.pump(
                crate::waits::deadline(Instant::now(), opts.boot_wait),
                Some("boot"),
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
