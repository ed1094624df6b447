//! The simulated station's OCPP client, OCPP 1.6J or 2.0.1 ([`super::SimOptions::ocpp_version`]),
//! framed by [`crate::ocpp`].
//!
//! One thread per boot: it connects to `<url>/<chargeBoxId>` with the version's subprotocol,
//! retries with a doubling backoff while the central system is unreachable or refuses, sends a
//! BootNotification, and once accepted reports its connectors and sends heartbeats. Of the central
//! system's calls it carries out, in 1.6, GetConfiguration, ChangeConfiguration and Reset (see
//! [`super::ocpp_config`]); in 2.0.1, GetBaseReport (the report follows in NotifyReport calls),
//! GetVariables, SetVariables and Reset (see [`super::device_model`]); others are answered with
//! a CALLERROR `NotImplemented`. The thread stops when
//! its generation is no longer current (reboot, new settings) or the simulator shuts down; socket
//! reads use a short timeout so it notices quickly.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::ocpp::{self, ErrorCode, Frame, Version, v16, v201};
use serde_json::{Value, json};
use tungstenite::handshake::HandshakeError;
use tungstenite::http::Uri;
use tungstenite::{ClientRequestBuilder, Message, WebSocket};

use super::{NO_TLS_ERROR, Shared, device_model, lock, ocpp_config};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
/// Socket read timeout: how quickly the client notices a stop.
const POLL: Duration = Duration::from_millis(50);
/// How long the central system has to answer one call.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);
/// Reconnect delays double up to this (or up to `ocpp_retry`, if that is longer).
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// What the client needs, taken from the station's state when it boots.
#[derive(Debug, Clone)]
pub(super) struct ClientConfig {
    pub url: String,
    pub charge_box_id: String,
    pub vendor: String,
    pub model: String,
    pub serial: String,
    pub firmware: String,
    pub iccid: Option<String>,
    /// The authorization key, sent as HTTP Basic password with the identity as user name
    /// (OCPP security profiles 1 and 2).
    pub basic_auth: Option<String>,
    pub retry: Duration,
    pub heartbeat: Duration,
    pub version: Version,
    /// Send calls of its own before answering each of the central system's (see
    /// [`super::SimOptions::ocpp_chatter`]).
    pub chatter: bool,
}

/// Why a session ended.
enum End {
    /// Reboot, new generation or shutdown: leave quietly.
    Stopped,
    /// The connection was lost or became unusable: reconnect.
    Lost(String),
}

enum Answer {
    Result(Value),
    Error(String, String),
}

type Ws = WebSocket<TcpStream>;

/// `<url>/<id>` without a doubled slash; the id is escaped as a path segment.
pub(super) fn endpoint(url: &str, charge_box_id: &str) -> String {
    let mut out = url.trim_end_matches('/').to_string();
    out.push('/');
    for &b in charge_box_id.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `Basic base64(<identity>:<key>)`, the HTTP Basic credentials of OCPP security profiles 1
/// and 2.
pub(crate) fn basic_auth_header(charge_box_id: &str, key: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{charge_box_id}:{key}"))
    )
}

/// The thread's body.
pub(super) fn run(shared: Arc<Shared>, generation: u64, config: ClientConfig) {
    let client = Client {
        shared,
        generation,
        config,
    };
    client.main();
}

struct Client {
    shared: Arc<Shared>,
    generation: u64,
    config: ClientConfig,
}

impl Client {
    fn alive(&self) -> bool {
        !self.shared.stop.load(Ordering::SeqCst)
            && lock(&self.shared.ocpp).generation == self.generation
    }

    /// Report status (and connection) if this client is still the current one.
    fn report(&self, status: String, connected: bool, event: Option<&str>) {
        let mut o = lock(&self.shared.ocpp);
        if o.generation != self.generation {
            return;
        }
        o.status = status;
        o.connected = connected;
        if let Some(evt) = event {
            self.shared.announce(format!("EVT ocpp={evt}"));
        }
    }

    fn log(&self, msg: impl AsRef<str>) {
        self.shared.log(format!("ocpp: {}", msg.as_ref()));
    }

    /// Sleep while alive; false when the client should stop.
    fn sleep(&self, d: Duration) -> bool {
        let until = Instant::now() + d;
        while self.alive() {
            let now = Instant::now();
            if now >= until {
                return true;
            }
            std::thread::sleep((until - now).min(POLL));
        }
        false
    }

    fn main(&self) {
        let url = self.config.url.clone();
        if url.to_ascii_lowercase().starts_with("wss://") {
            let msg = format!(
                "cannot connect to {url}: the simulator has no TLS; point the station at a ws:// \
                 URL (the sandbox network serves ws://)"
            );
            self.log(&msg);
            self.shared.update(|s| {
                if !s.errors.iter().any(|e| e == NO_TLS_ERROR) {
                    s.errors.push(NO_TLS_ERROR.into());
                }
            });
            self.report(format!("error: {msg}"), false, Some("error reason=no_tls"));
            return;
        }
        let target = endpoint(&url, &self.config.charge_box_id);
        let uri = match target.parse::<Uri>() {
            Ok(u) => u,
            Err(e) => {
                let msg = format!("cannot use {target} as a websocket URL: {e}");
                self.log(&msg);
                self.report(format!("error: {msg}"), false, Some("error reason=bad_url"));
                return;
            }
        };
        let retry = self.config.retry.max(Duration::from_millis(1));
        let cap = MAX_BACKOFF.max(retry);
        let mut backoff = retry;
        // Announce `connecting` once per outage, not at every retry: nobody may be reading the
        // console, and what it buffers ends up in the next session's traffic.
        let mut announce = true;
        while self.alive() {
            let event = std::mem::take(&mut announce).then_some("connecting");
            self.report(format!("connecting to {target}"), false, event);
            match self.connect(&uri) {
                Ok(ws) => {
                    self.log(format!("websocket open to {target}"));
                    match self.session(ws, &mut backoff) {
                        End::Stopped => return,
                        End::Lost(why) => {
                            announce = true;
                            self.log(format!("connection lost: {why}"));
                            self.report(
                                format!("disconnected: {why}"),
                                false,
                                Some("disconnected"),
                            );
                        }
                    }
                }
                Err(why) => {
                    self.log(format!(
                        "cannot connect to {target}: {why}; retrying in {} ms",
                        backoff.as_millis()
                    ));
                    self.report(format!("error: {why} (retrying)"), false, None);
                }
            }
            if !self.sleep(backoff) {
                return;
            }
            backoff = (backoff * 2).min(cap);
        }
    }

    fn connect(&self, uri: &Uri) -> Result<Ws, String> {
        let host = uri.host().ok_or("the URL has no host")?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let port = uri.port_u16().unwrap_or(80);
        let addrs: Vec<SocketAddr> = (host, port)
            .to_socket_addrs()
            .map_err(|e| format!("cannot resolve {host}: {e}"))?
            .collect();
        let mut last_error = String::from("no address");
        let mut stream = None;
        for addr in &addrs {
            match TcpStream::connect_timeout(addr, CONNECT_TIMEOUT) {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => last_error = e.to_string(),
            }
        }
        let stream = stream.ok_or_else(|| format!("cannot reach {host}:{port}: {last_error}"))?;
        let _ = stream.set_nodelay(true);
        // Short read timeouts during the handshake too, so a stop is noticed while a central
        // system that accepted the TCP connection keeps us waiting.
        stream
            .set_read_timeout(Some(POLL))
            .map_err(|e| e.to_string())?;
        let subprotocol = self.config.version.subprotocol();
        let mut request = ClientRequestBuilder::new(uri.clone()).with_sub_protocol(subprotocol);
        if let Some(key) = &self.config.basic_auth {
            request = request.with_header(
                "Authorization",
                basic_auth_header(&self.config.charge_box_id, key),
            );
        }
        let deadline = Instant::now() + HANDSHAKE_TIMEOUT;
        let mut attempt = tungstenite::client::client(request, stream);
        let (ws, response) = loop {
            match attempt {
                Ok(done) => break done,
                Err(HandshakeError::Interrupted(mid)) => {
                    if !self.alive() {
                        return Err("stopped during the websocket handshake".into());
                    }
                    if Instant::now() >= deadline {
                        return Err(format!(
                            "the central system did not finish the websocket handshake within {} s",
                            HANDSHAKE_TIMEOUT.as_secs()
                        ));
                    }
                    attempt = mid.handshake();
                }
                Err(HandshakeError::Failure(e)) => return Err(handshake_failure(e, subprotocol)),
            }
        };
        let agreed = response
            .headers()
            .get("Sec-WebSocket-Protocol")
            .and_then(|v| v.to_str().ok());
        if agreed != Some(subprotocol) {
            return Err(format!(
                "the central system did not agree to the subprotocol {subprotocol}"
            ));
        }
        ws.get_ref()
            .set_read_timeout(Some(POLL))
            .map_err(|e| e.to_string())?;
        Ok(ws)
    }

    fn session(&self, mut ws: Ws, backoff: &mut Duration) -> End {
        match self.session_inner(&mut ws, backoff) {
            Ok(never) => match never {},
            Err(end) => {
                if let End::Stopped = end {
                    let _ = ws.close(None);
                }
                // Also sends the reply to a Close of the central system.
                let _ = ws.flush();
                end
            }
        }
    }

    fn session_inner(
        &self,
        ws: &mut Ws,
        backoff: &mut Duration,
    ) -> Result<std::convert::Infallible, End> {
        let c = &self.config;
        let boot = match c.version {
            Version::V16 => ocpp::encode(&v16::BootNotificationReq {
                charge_point_vendor: c.vendor.clone(),
                charge_point_model: c.model.clone(),
                charge_point_serial_number: Some(c.serial.clone()),
                firmware_version: Some(c.firmware.clone()),
                iccid: c.iccid.clone(),
                ..Default::default()
            }),
            Version::V201 => ocpp::encode(&v201::BootNotificationRequest {
                charging_station: v201::ChargingStation {
                    model: c.model.clone(),
                    vendor_name: c.vendor.clone(),
                    serial_number: Some(c.serial.clone()),
                    firmware_version: Some(c.firmware.clone()),
                    modem: c.iccid.clone().map(|iccid| v201::Modem {
                        iccid: Some(iccid),
                        imsi: None,
                    }),
                },
                reason: "PowerUp".into(),
            }),
        };
        let interval = loop {
            let reply = self.call(ws, "BootNotification", boot.clone())?;
            let status = reply["status"].as_str().unwrap_or("(none)").to_string();
            let interval = reply["interval"].as_u64().unwrap_or(0);
            if status == "Accepted" {
                break interval;
            }
            let wait = if interval > 0 {
                Duration::from_secs(interval)
            } else {
                self.config.retry
            };
            self.log(format!(
                "BootNotification {status}; booting again in {} ms",
                wait.as_millis()
            ));
            let evt = if status == "Pending" {
                "pending"
            } else {
                "rejected"
            };
            self.report(format!("boot {evt}"), false, Some(evt));
            self.pump(ws, Instant::now() + wait, None)?;
        };
        *backoff = self.config.retry;
        self.log(format!("BootNotification accepted (interval {interval} s)"));
        self.report("connected".into(), true, Some("connected"));
        match c.version {
            Version::V16 => {
                for connector in [0, 1] {
                    self.call(
                        ws,
                        "StatusNotification",
                        json!({
                            "connectorId": connector,
                            "errorCode": "NoError",
                            "status": "Available",
                            "timestamp": ocpp::now(),
                        }),
                    )?;
                }
            }
            Version::V201 => {
                let status = v201::StatusNotificationRequest {
                    timestamp: ocpp::now(),
                    connector_status: "Available".into(),
                    evse_id: 1,
                    connector_id: 1,
                };
                self.call(ws, "StatusNotification", ocpp::encode(&status))?;
            }
        }
        let heartbeat = if interval > 0 {
            self.config.heartbeat.min(Duration::from_secs(interval))
        } else {
            self.config.heartbeat
        }
        .max(Duration::from_millis(10));
        loop {
            self.pump(ws, Instant::now() + heartbeat, None)?;
            self.call(ws, "Heartbeat", json!({}))?;
        }
    }

    /// Send a CALL and wait for its CALLRESULT.
    fn call(&self, ws: &mut Ws, action: &str, payload: Value) -> Result<Value, End> {
        let id = uuid::Uuid::new_v4().to_string();
        send(ws, Frame::call(id.clone(), action, payload))?;
        match self.pump(ws, Instant::now() + RESPONSE_TIMEOUT, Some(&id))? {
            Some(Answer::Result(v)) => Ok(v),
            Some(Answer::Error(code, desc)) => Err(End::Lost(format!(
                "the central system answered {action} with CALLERROR {code}: {desc}"
            ))),
            None => Err(End::Lost(format!(
                "no answer to {action} within {} s",
                RESPONSE_TIMEOUT.as_secs()
            ))),
        }
    }

    /// Serve the socket until `until`, or until the answer to `awaiting` arrives.
    fn pump(
        &self,
        ws: &mut Ws,
        until: Instant,
        awaiting: Option<&str>,
    ) -> Result<Option<Answer>, End> {
        loop {
            if !self.alive() {
                return Err(End::Stopped);
            }
            if Instant::now() >= until {
                return Ok(None);
            }
            match ws.read() {
                Ok(Message::Text(text)) => {
                    if let Some(answer) = self.on_text(ws, text.as_str(), awaiting)? {
                        return Ok(Some(answer));
                    }
                }
                Ok(Message::Close(frame)) => {
                    let why = match frame {
                        Some(f) => format!("the central system closed the connection ({})", f),
                        None => "the central system closed the connection".to_string(),
                    };
                    return Err(End::Lost(why));
                }
                Ok(Message::Binary(_)) => self.log("ignored a binary message"),
                Ok(_) => {} // ping (answered by tungstenite), pong, raw frame
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => {
                    return Err(End::Lost("the connection was closed".into()));
                }
                Err(e) => return Err(End::Lost(e.to_string())),
            }
        }
    }

    fn on_text(
        &self,
        ws: &mut Ws,
        text: &str,
        awaiting: Option<&str>,
    ) -> Result<Option<Answer>, End> {
        match ocpp::parse(text) {
            Ok(Frame::Call {
                id,
                action,
                payload,
            }) => {
                self.on_call(ws, &id, &action, &payload)?;
                Ok(None)
            }
            Ok(Frame::Result { id, payload }) if Some(id.as_str()) == awaiting => {
                Ok(Some(Answer::Result(payload)))
            }
            Ok(Frame::Error {
                id,
                code,
                description,
                ..
            }) if Some(id.as_str()) == awaiting => Ok(Some(Answer::Error(code, description))),
            Ok(_) => {
                self.log(format!("ignored an unexpected message: {text:.200}"));
                Ok(None)
            }
            Err(m) => {
                self.log(format!("ignored a malformed message ({m}): {text:.200}"));
                match m.reply(self.config.version) {
                    Some(reply) => send(ws, reply).map(|()| None),
                    None => Ok(None),
                }
            }
        }
    }
}

impl Client {
    /// The station's own calls of a chatty client, in its version's message shapes, each sent
    /// while the central system waits for the answer to its call; the answers are logged. The
    /// last, SignCertificate, is one a central system that signs no certificates does not
    /// implement.
    fn chatter(&self, ws: &mut Ws) -> Result<(), End> {
        let now = ocpp::now();
        let csr = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----";
        let calls = match self.config.version {
            Version::V16 => vec![
                (
                    "StatusNotification",
                    json!({
                        "connectorId": 1,
                        "errorCode": "NoError",
                        "status": "Preparing",
                        "timestamp": now,
                    }),
                ),
                ("Heartbeat", json!({})),
                ("Authorize", json!({ "idTag": "04A2B3C4D5E680" })),
                (
                    "DataTransfer",
                    json!({ "vendorId": "com.example.sim", "messageId": "Hello" }),
                ),
                (
                    "MeterValues",
                    json!({
                        "connectorId": 1,
                        "meterValue": [{
                            "timestamp": now,
                            "sampledValue": [{ "value": "1234", "measurand": "Energy.Active.Import.Register", "unit": "Wh" }],
                        }],
                    }),
                ),
                (
                    "SecurityEventNotification",
                    json!({ "type": "SettingSystemTime", "timestamp": now }),
                ),
                ("SignCertificate", json!({ "csr": csr })),
            ],
            Version::V201 => vec![
                (
                    "StatusNotification",
                    json!({
                        "timestamp": now,
                        "connectorStatus": "Occupied",
                        "evseId": 1,
                        "connectorId": 1,
                    }),
                ),
                ("Heartbeat", json!({})),
                (
                    "Authorize",
                    json!({ "idToken": { "idToken": "04A2B3C4D5E680", "type": "ISO14443" } }),
                ),
                (
                    "DataTransfer",
                    json!({ "vendorId": "com.example.sim", "messageId": "Hello" }),
                ),
                (
                    "NotifyEvent",
                    json!({
                        "generatedAt": now,
                        "seqNo": 0,
                        "eventData": [{
                            "eventId": 1,
                            "timestamp": now,
                            "trigger": "Delta",
                            "actualValue": "Occupied",
                            "eventNotificationType": "HardWiredNotification",
                            "component": { "name": "Connector", "evse": { "id": 1, "connectorId": 1 } },
                            "variable": { "name": "AvailabilityState" },
                        }],
                    }),
                ),
                (
                    "SecurityEventNotification",
                    json!({ "type": "SettingSystemTime", "timestamp": now }),
                ),
                (
                    "SignCertificate",
                    json!({ "csr": csr, "certificateType": "ChargingStationCertificate" }),
                ),
            ],
        };
        for (action, payload) in calls {
            let id = uuid::Uuid::new_v4().to_string();
            send(ws, Frame::call(id.clone(), action, payload))?;
            let answer = match self.pump(ws, Instant::now() + RESPONSE_TIMEOUT, Some(&id))? {
                Some(Answer::Result(v)) => json!([3, id, v]),
                Some(Answer::Error(code, desc)) => json!([4, id, code, desc]),
                None => json!(null),
            };
            self.log(format!("chatter {action} answered {answer}"));
        }
        Ok(())
    }

    /// Answer a call from the central system.
    fn on_call(&self, ws: &mut Ws, id: &str, action: &str, payload: &Value) -> Result<(), End> {
        if self.config.chatter {
            self.chatter(ws)?;
        }
        let version = self.config.version;
        let refuse = |ws: &mut Ws, (code, why): (ErrorCode, String)| {
            send(ws, Frame::error(version, id, code, why))
        };
        match (version, action) {
            (Version::V16, "GetConfiguration") => {
                let conf = ocpp_config::get_configuration(&self.shared.snapshot(), payload);
                self.log(format!(
                    "central system called GetConfiguration ({} keys)",
                    conf["configurationKey"].as_array().map_or(0, Vec::len)
                ));
                send(ws, Frame::result(id, conf))
            }
            (Version::V16, "ChangeConfiguration") => {
                let req: v16::ChangeConfigurationReq = match ocpp::decode(action, payload) {
                    Ok(r) => r,
                    Err(e) => return refuse(ws, e),
                };
                let status = self
                    .shared
                    .update(|s| ocpp_config::change_configuration(s, payload));
                self.log(format!(
                    "central system called ChangeConfiguration {} = {}: {status}",
                    req.key, req.value
                ));
                send(ws, Frame::result(id, json!({ "status": status })))
            }
            (Version::V201, "GetBaseReport") => {
                let req: v201::GetBaseReportRequest = match ocpp::decode(action, payload) {
                    Ok(r) => r,
                    Err(e) => return refuse(ws, e),
                };
                let supported = matches!(
                    req.report_base.as_str(),
                    "ConfigurationInventory" | "FullInventory"
                );
                let status = if supported {
                    "Accepted"
                } else {
                    "NotSupported"
                };
                self.log(format!(
                    "central system called GetBaseReport {}: {status}",
                    req.report_base
                ));
                send(ws, Frame::result(id, json!({ "status": status })))?;
                if supported {
                    self.notify_report(ws, req.request_id)?;
                }
                Ok(())
            }
            (Version::V201, "GetVariables") => {
                let req: v201::GetVariablesRequest = match ocpp::decode(action, payload) {
                    Ok(r) => r,
                    Err(e) => return refuse(ws, e),
                };
                let state = self.shared.snapshot();
                let results: Vec<_> = req
                    .get_variable_data
                    .iter()
                    .map(|d| device_model::get(&state, d))
                    .collect();
                self.log(format!(
                    "central system called GetVariables ({} variables)",
                    results.len()
                ));
                let reply = v201::GetVariablesResponse {
                    get_variable_result: results,
                };
                send(ws, Frame::result(id, ocpp::encode(&reply)))
            }
            (Version::V201, "SetVariables") => {
                let req: v201::SetVariablesRequest = match ocpp::decode(action, payload) {
                    Ok(r) => r,
                    Err(e) => return refuse(ws, e),
                };
                let results: Vec<_> = self.shared.update(|s| {
                    req.set_variable_data
                        .iter()
                        .map(|d| device_model::set(s, d))
                        .collect()
                });
                for r in &results {
                    self.log(format!(
                        "central system called SetVariables {}.{}: {}",
                        r.component.name, r.variable.name, r.attribute_status
                    ));
                }
                let reply = v201::SetVariablesResponse {
                    set_variable_result: results,
                };
                send(ws, Frame::result(id, ocpp::encode(&reply)))
            }
            (_, "Reset") => {
                let kind = match version {
                    Version::V16 => ocpp::decode::<v16::ResetReq>(action, payload)
                        .map(|r| format!("{:?}", r.kind)),
                    Version::V201 => ocpp::decode::<v201::ResetRequest>(action, payload)
                        .map(|r| format!("{:?}", r.kind)),
                };
                let kind = match kind {
                    Ok(k) => k,
                    Err(e) => return refuse(ws, e),
                };
                self.log(format!("central system called Reset ({kind})"));
                send(ws, Frame::result(id, json!({ "status": "Accepted" })))?;
                let _ = ws.flush();
                // Close the connection and restart, as a station does after accepting a reset.
                let _ = ws.close(None);
                let _ = ws.flush();
                self.shared.reboot();
                Err(End::Stopped)
            }
            _ => {
                self.log(format!("central system called {action}: not implemented"));
                let why = ocpp::central::not_implemented("the simulated station", action);
                send(
                    ws,
                    Frame::error(version, id, ErrorCode::NotImplemented, why),
                )
            }
        }
    }

    /// Send the configuration report asked for by GetBaseReport `request_id`: NotifyReport
    /// calls of at most two variables each, `tbc` on all but the last (so a central system
    /// must collect several parts).
    fn notify_report(&self, ws: &mut Ws, request_id: i64) -> Result<(), End> {
        let data = device_model::report(&self.shared.snapshot());
        let parts: Vec<_> = data.chunks(2).collect();
        for (seq, part) in parts.iter().enumerate() {
            let req = v201::NotifyReportRequest {
                request_id,
                generated_at: ocpp::now(),
                tbc: seq + 1 < parts.len(),
                seq_no: seq as u64,
                report_data: part.to_vec(),
            };
            self.call(ws, "NotifyReport", ocpp::encode(&req))?;
        }
        Ok(())
    }
}

fn handshake_failure(e: tungstenite::Error, subprotocol: &str) -> String {
    match e {
        tungstenite::Error::Http(r) => format!(
            "the central system refused the websocket handshake: HTTP {}",
            r.status()
        ),
        tungstenite::Error::Protocol(
            tungstenite::error::ProtocolError::SecWebSocketSubProtocolError(_),
        ) => format!("the central system did not agree to the subprotocol {subprotocol}"),
        e => format!("websocket handshake failed: {e}"),
    }
}

fn send(ws: &mut Ws, frame: Frame) -> Result<(), End> {
    ws.send(Message::text(frame.to_text()))
        .map_err(|e| End::Lost(format!("sending failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_joins_without_double_slash() {
        assert_eq!(endpoint("ws://h:1/ocpp", "CB-1"), "ws://h:1/ocpp/CB-1");
        assert_eq!(endpoint("ws://h:1/ocpp/", "CB-1"), "ws://h:1/ocpp/CB-1");
        assert_eq!(
            endpoint("ws://h:1/ocpp//", "a/b?c#d%"),
            "ws://h:1/ocpp/a%2Fb%3Fc%23d%25"
        );
    }
}
