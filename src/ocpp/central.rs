//! What a central system answers to a charging station's own calls, in either version: the
//! station's identity from its BootNotification, and the answers to the calls a central
//! system that authorises no charging gives (the probe and the sandbox network are both such
//! central systems: neither starts a transaction).

use serde_json::{Value, json};

use super::{ErrorCode, Version, decode, encode, v16, v201};

/// A station's identity, from a BootNotification of either version.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Identity {
    pub vendor: String,
    pub model: String,
    /// 1.6: `chargePointSerialNumber`, else `chargeBoxSerialNumber`; 2.0.1: `serialNumber`.
    pub serial: Option<String>,
    pub firmware: Option<String>,
    pub iccid: Option<String>,
    pub imsi: Option<String>,
    pub meter_type: Option<String>,
    pub meter_serial: Option<String>,
}

fn text(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// The identity in a BootNotification's payload, or the CALLERROR code and why when the
/// payload is not a BootNotification of `version`.
pub fn boot_identity(version: Version, payload: &Value) -> Result<Identity, (ErrorCode, String)> {
    match version {
        Version::V16 => {
            let b: v16::BootNotificationReq = decode("BootNotification", payload)?;
            Ok(Identity {
                vendor: b.charge_point_vendor,
                model: b.charge_point_model,
                serial: text(b.charge_point_serial_number).or(text(b.charge_box_serial_number)),
                firmware: text(b.firmware_version),
                iccid: text(b.iccid),
                imsi: text(b.imsi),
                meter_type: text(b.meter_type),
                meter_serial: text(b.meter_serial_number),
            })
        }
        Version::V201 => {
            let b: v201::BootNotificationRequest = decode("BootNotification", payload)?;
            let cs = b.charging_station;
            let modem = cs.modem.unwrap_or_default();
            Ok(Identity {
                vendor: cs.vendor_name,
                model: cs.model,
                serial: text(cs.serial_number),
                firmware: text(cs.firmware_version),
                iccid: text(modem.iccid),
                imsi: text(modem.imsi),
                meter_type: None,
                meter_serial: None,
            })
        }
    }
}

/// The answer to a BootNotification: `status` (`Accepted`, `Pending`, `Rejected`), the time
/// and the heartbeat interval (the same three fields in both versions).
pub fn boot_reply(status: &str, now: &str, interval_s: u64) -> Value {
    encode(&v201::BootNotificationResponse {
        current_time: now.to_string(),
        interval: interval_s,
        status: status.to_string(),
    })
}

/// The answer to one of the station's calls other than BootNotification, from a central
/// system that acknowledges every notification and authorises nothing; `None` for an action
/// it does not implement (answer [`ErrorCode::NotImplemented`]).
pub fn answer(version: Version, action: &str, now: &str) -> Option<Value> {
    let refused = "Invalid";
    Some(match (version, action) {
        (_, "Heartbeat") => json!({ "currentTime": now }),
        (_, "DataTransfer") => json!({ "status": "UnknownVendorId" }),
        (Version::V16, "Authorize") => json!({ "idTagInfo": { "status": refused } }),
        (Version::V16, "StartTransaction") => json!({
            "idTagInfo": { "status": refused },
            "transactionId": 0,
        }),
        (Version::V201, "Authorize") => json!({ "idTokenInfo": { "status": refused } }),
        (
            Version::V16,
            "StatusNotification"
            | "MeterValues"
            | "StopTransaction"
            | "FirmwareStatusNotification"
            | "DiagnosticsStatusNotification"
            | "SecurityEventNotification"
            | "LogStatusNotification"
            | "SignedFirmwareStatusNotification",
        ) => json!({}),
        (
            Version::V201,
            "StatusNotification"
            | "MeterValues"
            | "TransactionEvent"
            | "NotifyEvent"
            | "NotifyReport"
            | "NotifyMonitoringReport"
            | "SecurityEventNotification"
            | "FirmwareStatusNotification"
            | "LogStatusNotification",
        ) => json!({}),
        _ => return None,
    })
}

/// The CALLERROR text for an action a central system does not implement.
pub fn not_implemented(who: &str, action: &str) -> String {
    format!("{who} does not implement {action}")
}
