//! The sandbox's OCPP 1.6J central system: one websocket per station at
//! `/ocpp/{chargeBoxId}`, subprotocol `ocpp1.6`. It answers BootNotification, Heartbeat and
//! StatusNotification, and reports every other action as `NotImplemented`. What the station
//! says is reflected in the station's status (`GET /api/v1/stations/{id}/status`).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::ws::{Message, WebSocket};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::state::{BootVerdict, SandboxState, rfc3339};
use super::{Shared, lock};
use crate::network::api::BootInfo;

pub const OCPP_SUBPROTOCOL: &str = "ocpp1.6";
/// Heartbeat interval the central system asks for, seconds.
pub const HEARTBEAT_INTERVAL_S: u64 = 60;

const CALL: u64 = 2;
const CALLRESULT: u64 = 3;
const CALLERROR: u64 = 4;

fn call_error(id: &str, code: &str, description: &str) -> String {
    json!([CALLERROR, id, code, description, {}]).to_string()
}

fn call_result(id: &str, payload: Value) -> String {
    json!([CALLRESULT, id, payload]).to_string()
}

fn text_field(payload: &Value, name: &str) -> Option<String> {
    payload
        .get(name)
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Handles one text frame from the station and returns the frame to send back, if any.
pub(super) fn handle_frame(
    st: &mut SandboxState,
    station_id: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Option<String> {
    st.ocpp_seen(station_id, now);
    let Ok(Value::Array(frame)) = serde_json::from_str::<Value>(text) else {
        return Some(call_error(
            "-1",
            "FormationViolation",
            "a frame must be a JSON array",
        ));
    };
    match frame.first().and_then(Value::as_u64) {
        // Answers to calls: the sandbox never sends calls, so there is nothing to match them to.
        Some(CALLRESULT) | Some(CALLERROR) => return None,
        Some(CALL) => {}
        _ => {
            let id = frame.get(1).and_then(Value::as_str).unwrap_or("-1");
            return Some(call_error(id, "FormationViolation", "unknown message type"));
        }
    }
    let (Some(id), Some(action), Some(payload), 4) = (
        frame.get(1).and_then(Value::as_str),
        frame.get(2).and_then(Value::as_str),
        frame.get(3).filter(|p| p.is_object()),
        frame.len(),
    ) else {
        let id = frame.get(1).and_then(Value::as_str).unwrap_or("-1");
        return Some(call_error(
            id,
            "FormationViolation",
            "a CALL is [2, \"<id>\", \"<Action>\", {payload}]",
        ));
    };
    let now_s = rfc3339(now);
    match action {
        "BootNotification" => {
            let (Some(vendor), Some(model)) = (
                text_field(payload, "chargePointVendor"),
                text_field(payload, "chargePointModel"),
            ) else {
                return Some(call_error(
                    id,
                    "OccurenceConstraintViolation",
                    "BootNotification needs chargePointVendor and chargePointModel",
                ));
            };
            let boot = BootInfo {
                vendor,
                model,
                serial: text_field(payload, "chargePointSerialNumber")
                    .or_else(|| text_field(payload, "chargeBoxSerialNumber")),
                firmware: text_field(payload, "firmwareVersion"),
                iccid: text_field(payload, "iccid"),
            };
            let status = match st.ocpp_boot(station_id, boot, now) {
                BootVerdict::Accepted => "Accepted",
                BootVerdict::Rejected => "Rejected",
            };
            Some(call_result(
                id,
                json!({"status": status, "currentTime": now_s, "interval": HEARTBEAT_INTERVAL_S}),
            ))
        }
        "Heartbeat" => Some(call_result(id, json!({"currentTime": now_s}))),
        "StatusNotification" => Some(call_result(id, json!({}))),
        other => Some(call_error(
            id,
            "NotImplemented",
            &format!("the sandbox central system does not implement {other}"),
        )),
    }
}

/// One station's websocket, from upgrade to close.
pub(super) async fn session(app: Arc<Shared>, station_id: String, mut socket: WebSocket) {
    let conn = app.next_conn.fetch_add(1, Ordering::Relaxed);
    lock(&app.ocpp_conns).insert(station_id.clone(), conn);
    let stop = super::stopped(app.shutdown.clone());
    tokio::pin!(stop);
    loop {
        let msg = tokio::select! {
            m = socket.recv() => m,
            _ = &mut stop => return,
        };
        let text = match msg {
            Some(Ok(Message::Text(t))) => t,
            Some(Ok(Message::Binary(_))) => {
                let reply = call_error("-1", "FormationViolation", "OCPP-J frames are text");
                if socket.send(Message::text(reply)).await.is_err() {
                    break;
                }
                continue;
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
        };
        let now = Utc::now();
        let reply = app.mutate(|st| Ok(handle_frame(st, &station_id, text.as_str(), now)));
        match reply {
            Ok(Some(frame)) => {
                if socket.send(Message::text(frame)).await.is_err() {
                    break;
                }
            }
            Ok(None) => {}
            Err(_) => break,
        }
    }
    let latest = {
        let mut conns = lock(&app.ocpp_conns);
        if conns.get(&station_id) == Some(&conn) {
            conns.remove(&station_id);
            true
        } else {
            false
        }
    };
    if latest {
        let _ = app.mutate(|st| {
            st.ocpp_closed(&station_id);
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::api::{OcppState, PinpointRequest};
    use crate::sandbox::demo;

    fn pinpointed() -> (SandboxState, String) {
        let mut s = SandboxState::seed();
        let req = PinpointRequest {
            mac: demo::MAC.into(),
            activation_password: demo::ACTIVATION_PASSWORD.into(),
            charge_box_id: "EVF-02EF10004D01".into(),
            ..crate::sandbox::network::sandbox_request(1, demo::SERIAL.into())
        };
        s.pinpoint(demo::INSTALLER_USER, "k", &req, Utc::now())
            .unwrap();
        (s, "STN-000001".to_string())
    }

    fn reply(s: &mut SandboxState, id: &str, frame: Value) -> Value {
        let text = handle_frame(s, id, &frame.to_string(), Utc::now()).expect("a reply");
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn boot_heartbeat_status_and_unknown_actions() {
        let (mut s, id) = pinpointed();
        let boot = json!([2, "1", "BootNotification", {
            "chargePointVendor": "Evfield", "chargePointModel": "SimCharger 22",
            "chargePointSerialNumber": demo::SERIAL, "firmwareVersion": "5.2.1"
        }]);
        let r = reply(&mut s, &id, boot);
        assert_eq!(r[0], 3);
        assert_eq!(r[1], "1");
        assert_eq!(r[2]["status"], "Accepted");
        assert_eq!(r[2]["interval"], 60);
        assert!(r[2]["currentTime"].as_str().unwrap().ends_with('Z'));
        let st = s.status(&id).unwrap();
        assert_eq!(st.ocpp, OcppState::Connected);
        assert_eq!(st.boot.unwrap().firmware.as_deref(), Some("5.2.1"));

        let r = reply(&mut s, &id, json!([2, "2", "Heartbeat", {}]));
        assert!(r[2]["currentTime"].is_string());
        let r = reply(
            &mut s,
            &id,
            json!([2, "3", "StatusNotification", {"connectorId": 1}]),
        );
        assert_eq!(r, json!([3, "3", {}]));
        let r = reply(&mut s, &id, json!([2, "4", "Authorize", {"idTag": "X"}]));
        assert_eq!(
            (r[0].clone(), r[1].clone(), r[2].clone()),
            (json!(4), json!("4"), json!("NotImplemented"))
        );
        let r = reply(&mut s, &id, json!([2, "5", "BootNotification", {}]));
        assert_eq!(r[2], "OccurenceConstraintViolation");
        assert!(handle_frame(&mut s, &id, "[3, \"9\", {}]", Utc::now()).is_none());
        let bad = handle_frame(&mut s, &id, "{}", Utc::now()).unwrap();
        assert!(bad.contains("FormationViolation"));
    }

    #[test]
    fn boot_with_another_serial_is_rejected() {
        let (mut s, id) = pinpointed();
        let boot = json!([2, "b", "BootNotification", {
            "chargePointVendor": "Evfield", "chargePointModel": "SimCharger 22",
            "chargePointSerialNumber": "EVF2026999999"
        }]);
        assert_eq!(reply(&mut s, &id, boot)[2]["status"], "Rejected");
        let st = s.status(&id).unwrap();
        assert_eq!(st.ocpp, OcppState::Error);
        assert!(st.reason.unwrap().contains("EVF2026999999"));
    }
}
