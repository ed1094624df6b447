//! The simulated station's OCPP 1.6 configuration: the keys GetConfiguration reports and
//! ChangeConfiguration changes, and the answers to the central system's calls the simulator
//! implements (GetConfiguration, ChangeConfiguration, Reset).
//!
//! Key names, read-only flags and the statuses are from OCPP 1.6 (edition 2), chapter 9
//! (standard configuration keys) and 6.9 / 6.8 / 6.40 (GetConfiguration, ChangeConfiguration,
//! Reset). A station's own keys (ChargeStorm EVA's, set in its state's `config`) are reported
//! and changeable too.
//!
//! A station that keeps its central system's URL and its identity in configuration keys of its
//! own names (the EVA's `endpoint` and `chargeboxidentity`, seed 003's OCPP tab) says so in its
//! state: `ocpp.url_key` and `ocpp.identity_key` name them, and `ocpp.key.<name>` holds its other
//! lower-case keys (`debug/soap`). Those two are changed by ChangeConfiguration with the status
//! `RebootRequired`: the client takes them at its next boot (an assumption: no source says what
//! an EVA answers). Such a station also reports its read-only identity keys (seed 003's rows
//! without a Save button: FirmwareVersion, ChargingStationModel, ChargingStationVendor).

use serde_json::{Value, json};

use super::SimState;

/// A standard key: name, default value, read-only, whether the value is an integer.
const STANDARD: &[(&str, &str, bool, bool)] = &[
    ("AuthorizeRemoteTxRequests", "true", false, false),
    ("ClockAlignedDataInterval", "0", false, true),
    ("ConnectionTimeOut", "60", false, true),
    ("GetConfigurationMaxKeys", "50", true, true),
    ("HeartbeatInterval", "300", false, true),
    ("LocalAuthorizeOffline", "true", false, false),
    ("LocalPreAuthorize", "false", false, false),
    ("MeterValueSampleInterval", "60", false, true),
    (
        "MeterValuesSampledData",
        "Energy.Active.Import.Register",
        false,
        false,
    ),
    ("NumberOfConnectors", "1", true, true),
    ("ResetRetries", "3", false, true),
    ("StopTransactionOnEVSideDisconnect", "true", false, false),
    ("SupportedFeatureProfiles", "Core", true, false),
    ("TransactionMessageAttempts", "3", false, true),
    ("TransactionMessageRetryInterval", "60", false, true),
    ("UnlockConnectorOnEVSideDisconnect", "true", false, false),
    ("WebSocketPingInterval", "0", false, true),
];

/// Keys of the state's `config` that are OCPP keys (an upper-case first letter), not the
/// simulator's own bookkeeping (`modbus.0x4106`, `ocppe`, ...).
fn is_ocpp_key(k: &str) -> bool {
    k.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// The state's names for its URL and identity keys, when it has its own.
fn named(s: &SimState) -> (Option<&str>, Option<&str>) {
    (
        s.config.get("ocpp.url_key").map(String::as_str),
        s.config.get("ocpp.identity_key").map(String::as_str),
    )
}

/// Every key: name, value, read-only.
pub fn keys(s: &SimState) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> = STANDARD
        .iter()
        .map(|(k, d, ro, _)| {
            (
                k.to_string(),
                s.config.get(*k).cloned().unwrap_or_else(|| d.to_string()),
                *ro,
            )
        })
        .collect();
    for (k, v) in &s.config {
        if is_ocpp_key(k) && !STANDARD.iter().any(|(n, ..)| n == k) {
            out.push((k.clone(), v.clone(), false));
        }
        if let Some(name) = k.strip_prefix("ocpp.key.") {
            out.push((name.to_string(), v.clone(), false));
        }
    }
    if let (Some(url_key), Some(id_key)) = named(s) {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        out.push((url_key.to_string(), text(&s.ocpp_url), false));
        out.push((id_key.to_string(), text(&s.charge_box_id), false));
        out.push(("FirmwareVersion".into(), s.firmware.clone(), true));
        out.push(("ChargingStationModel".into(), s.model.clone(), true));
        out.push(("ChargingStationVendor".into(), s.manufacturer.clone(), true));
    }
    out
}

/// The GetConfiguration.conf payload for the keys asked (all when none).
pub fn get_configuration(s: &SimState, payload: &Value) -> Value {
    let all = keys(s);
    let asked: Vec<String> = payload["key"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    // the authorization key is write-only (OCPP 1.6 Security Whitepaper): reported without
    // its value
    let entry = |(k, v, ro): &(String, String, bool)| {
        if k == super::dialects::AUTHORIZATION_KEY {
            json!({ "key": k, "readonly": ro })
        } else {
            json!({ "key": k, "readonly": ro, "value": v })
        }
    };
    if asked.is_empty() {
        return json!({ "configurationKey": all.iter().map(entry).collect::<Vec<_>>() });
    }
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for k in asked {
        match all.iter().find(|(n, ..)| *n == k) {
            Some(e) => known.push(entry(e)),
            None => unknown.push(k),
        }
    }
    let mut v = json!({ "configurationKey": known });
    if !unknown.is_empty() {
        v["unknownKey"] = json!(unknown);
    }
    v
}

/// Carry out a ChangeConfiguration on the state; its status.
pub fn change_configuration(s: &mut SimState, payload: &Value) -> &'static str {
    let (Some(key), Some(value)) = (payload["key"].as_str(), payload["value"].as_str()) else {
        return "Rejected";
    };
    if value.len() > 500 {
        return "Rejected";
    }
    let (url_key, id_key) = named(s);
    if Some(key) == url_key {
        // OCPP 1.5 SOAP endpoints are http(s); 1.6 JSON ones ws(s)
        let soap = value.starts_with("http://") || value.starts_with("https://");
        if !soap && super::check_url(value).is_err() {
            return "Rejected";
        }
        s.ocpp_url = Some(value.to_string());
        return "RebootRequired";
    }
    if Some(key) == id_key {
        if super::check_id(value).is_err() {
            return "Rejected";
        }
        s.charge_box_id = Some(value.to_string());
        return "RebootRequired";
    }
    if url_key.is_some()
        && matches!(
            key,
            "FirmwareVersion" | "ChargingStationModel" | "ChargingStationVendor"
        )
    {
        return "Rejected";
    }
    if let Some(own) = s.config.get_mut(&format!("ocpp.key.{key}")) {
        *own = value.to_string();
        return "Accepted";
    }
    match STANDARD.iter().find(|(n, ..)| *n == key) {
        Some((_, _, true, _)) => "Rejected",
        Some((_, _, false, integer)) => {
            if *integer && value.parse::<u32>().is_err() {
                return "Rejected";
            }
            s.config.insert(key.to_string(), value.to_string());
            "Accepted"
        }
        None if s.config.contains_key(key) && is_ocpp_key(key) => {
            s.config.insert(key.to_string(), value.to_string());
            "Accepted"
        }
        None => "NotSupported",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_and_change_configuration() {
        let mut s = SimState::default();
        let all = get_configuration(&s, &json!({}));
        assert!(
            all["configurationKey"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["key"] == "HeartbeatInterval" && k["value"] == "300")
        );
        let r = get_configuration(&s, &json!({ "key": ["NumberOfConnectors", "Nope"] }));
        assert_eq!(r["configurationKey"][0]["readonly"], true);
        assert_eq!(r["unknownKey"], json!(["Nope"]));
        let ch = |s: &mut SimState, k: &str, v: &str| {
            change_configuration(s, &json!({ "key": k, "value": v }))
        };
        assert_eq!(ch(&mut s, "HeartbeatInterval", "120"), "Accepted");
        assert_eq!(s.config["HeartbeatInterval"], "120");
        assert_eq!(ch(&mut s, "HeartbeatInterval", "soon"), "Rejected");
        assert_eq!(ch(&mut s, "NumberOfConnectors", "2"), "Rejected");
        assert_eq!(ch(&mut s, "FlashLights", "1"), "NotSupported");
        // The simulator's bookkeeping is no OCPP key.
        s.config.insert("modbus.0x4106".into(), "60".into());
        assert_eq!(ch(&mut s, "modbus.0x4106", "1"), "NotSupported");
        assert!(keys(&s).iter().all(|(k, ..)| k != "modbus.0x4106"));
    }
}
