//! The sandbox's OCPP central system: one websocket per station at `/ocpp/{chargeBoxId}`,
//! subprotocol `ocpp1.6` or `ocpp2.0.1` (whichever the station offers; 1.6 first), framed by
//! [`crate::ocpp`]. It answers BootNotification (accepted when the station is the one
//! pinpointed), and the station's other calls as [`crate::ocpp::central`] does (Heartbeat,
//! notifications acknowledged, Authorize refused), and every other action with `NotImplemented`.
//! What the station says is reflected in the station's status
//! (`GET /api/v1/stations/{id}/status`).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::ws::{Message, WebSocket};
use chrono::{DateTime, Utc};

use super::state::{BootVerdict, SandboxState, rfc3339};
use super::{Shared, lock};
use crate::network::api::BootInfo;
use crate::ocpp::{self, ErrorCode, Frame, Version, central};

/// The versions the sandbox speaks, in its order of preference.
pub const VERSIONS: [Version; 2] = [Version::V16, Version::V201];
/// Heartbeat interval the central system asks for, seconds.
pub const HEARTBEAT_INTERVAL_S: u64 = 60;

/// Handles one text frame from the station and returns the frame to send back, if any.
pub(super) fn handle_frame(
    st: &mut SandboxState,
    station_id: &str,
    version: Version,
    text: &str,
    now: DateTime<Utc>,
) -> Option<String> {
    st.ocpp_seen(station_id, now);
    let (id, action, payload) = match ocpp::parse(text) {
        Ok(Frame::Call {
            id,
            action,
            payload,
        }) => (id, action, payload),
        // Answers to calls: the sandbox never sends calls, so there is nothing to match them to.
        Ok(_) => return None,
        Err(m) => return m.reply(version).map(|f| f.to_text()),
    };
    let now_s = rfc3339(now);
    let reply = if action == "BootNotification" {
        match central::boot_identity(version, &payload) {
            Ok(b) => {
                let boot = BootInfo {
                    vendor: b.vendor,
                    model: b.model,
                    serial: b.serial,
                    firmware: b.firmware,
                    iccid: b.iccid,
                };
                let status = match st.ocpp_boot(station_id, boot, now) {
                    BootVerdict::Accepted => "Accepted",
                    BootVerdict::Rejected => "Rejected",
                };
                Frame::result(
                    id,
                    central::boot_reply(status, &now_s, HEARTBEAT_INTERVAL_S),
                )
            }
            Err((code, why)) => Frame::error(version, id, code, why),
        }
    } else {
        match central::answer(version, &action, &now_s) {
            Some(payload) => Frame::result(id, payload),
            None => Frame::error(
                version,
                id,
                ErrorCode::NotImplemented,
                central::not_implemented("the sandbox central system", &action),
            ),
        }
    };
    Some(reply.to_text())
}

/// One station's websocket, from upgrade to close.
pub(super) async fn session(
    app: Arc<Shared>,
    station_id: String,
    version: Version,
    mut socket: WebSocket,
) {
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
                let reply = Frame::error(
                    version,
                    ocpp::UNKNOWN_ID,
                    ErrorCode::RpcFrameworkError,
                    "OCPP-J frames are text",
                );
                if socket.send(Message::text(reply.to_text())).await.is_err() {
                    break;
                }
                continue;
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
        };
        let now = Utc::now();
        let reply = app.mutate(|st| Ok(handle_frame(st, &station_id, version, text.as_str(), now)));
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
    use serde_json::{Value, json};

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
        reply_in(s, id, Version::V16, frame)
    }

    fn reply_in(s: &mut SandboxState, id: &str, version: Version, frame: Value) -> Value {
        let text = handle_frame(s, id, version, &frame.to_string(), Utc::now()).expect("a reply");
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
        // a central system that authorises nothing
        let r = reply(&mut s, &id, json!([2, "4", "Authorize", {"idTag": "X"}]));
        assert_eq!(r, json!([3, "4", {"idTagInfo": {"status": "Invalid"}}]));
        let r = reply(
            &mut s,
            &id,
            json!([2, "4b", "CancelReservation", {"reservationId": 1}]),
        );
        assert_eq!(
            (r[0].clone(), r[1].clone(), r[2].clone()),
            (json!(4), json!("4b"), json!("NotImplemented"))
        );
        let r = reply(&mut s, &id, json!([2, "5", "BootNotification", {}]));
        assert_eq!(r[2], "OccurenceConstraintViolation");
        assert!(handle_frame(&mut s, &id, Version::V16, "[3, \"9\", {}]", Utc::now()).is_none());
        let bad = handle_frame(&mut s, &id, Version::V16, "{}", Utc::now()).unwrap();
        assert!(bad.contains("FormationViolation"));
        let bad = handle_frame(&mut s, &id, Version::V201, "{}", Utc::now()).unwrap();
        assert!(bad.contains("RpcFrameworkError"), "{bad}");
    }

    #[test]
    fn a_201_station_boots_and_is_answered_in_201() {
        let (mut s, id) = pinpointed();
        let boot = json!([2, "1", "BootNotification", {
            "reason": "PowerUp",
            "chargingStation": {"vendorName": "Evfield", "model": "SimCharger 22",
                                "serialNumber": demo::SERIAL, "firmwareVersion": "5.2.1"}
        }]);
        let r = reply_in(&mut s, &id, Version::V201, boot);
        assert_eq!(r[2]["status"], "Accepted", "{r}");
        assert_eq!(s.status(&id).unwrap().ocpp, OcppState::Connected);
        let r = reply_in(
            &mut s,
            &id,
            Version::V201,
            json!([2, "2", "StatusNotification", {"timestamp": "2026-12-03T00:00:00Z",
                   "connectorStatus": "Available", "evseId": 1, "connectorId": 1}]),
        );
        assert_eq!(r, json!([3, "2", {}]));
        // a 1.6 boot on a 2.0.1 connection is refused in 2.0.1's words
        let r = reply_in(
            &mut s,
            &id,
            Version::V201,
            json!([2, "3", "BootNotification", {"chargePointVendor": "V", "chargePointModel": "M"}]),
        );
        assert_eq!(r[2], "OccurrenceConstraintViolation", "{r}");
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
