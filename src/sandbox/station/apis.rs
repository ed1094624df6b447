//! The simulated station's local APIs: the go-e Charger HTTP API v2 (`/api/status`,
//! `/api/set`), KEBA's UDP reports (`report 1`, `report 2`, `report 3`, `i`) and the OpenEVSE
//! WiFi module's `/config`.
//!
//! Key names, types and meanings are from the public go-eCharger-API-v2 documents (apikeys,
//! http, ocpp) and from KEBA's UDP programmer's guide as public integrations quote it. A set
//! key answers `true`, a refused one "a string error message" (http-en.md); the wording of
//! those messages is evfield's model.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::{Shared, check_id, check_url, lock};

fn config_bool(s: &super::SimState, key: &str, default: bool) -> bool {
    s.config.get(key).map(|v| v == "true").unwrap_or(default)
}

/// The go-e status object.
fn goe_status(shared: &Shared) -> Map<String, Value> {
    let s = shared.snapshot();
    let (connected, status) = {
        let o = lock(&shared.ocpp);
        (o.connected, o.status.clone())
    };
    let ocppe = config_bool(&s, "ocppe", false);
    let ocppu = match (&s.ocpp_url, &s.charge_box_id) {
        (Some(u), Some(id)) => format!("{}/{id}", u.trim_end_matches('/')),
        _ => String::new(),
    };
    let num = |k: &str, d: i64| {
        s.config
            .get(k)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(d)
    };
    let mut m = Map::new();
    m.insert("sse".into(), json!(s.serial));
    m.insert("fwv".into(), json!(s.firmware));
    m.insert("oem".into(), json!(s.manufacturer));
    m.insert("typ".into(), json!(s.model));
    m.insert("var".into(), json!(num("var", 11)));
    m.insert("car".into(), json!(s.evse_state));
    m.insert("err".into(), json!(num("err", 0)));
    m.insert("amp".into(), json!(num("amp", 16)));
    m.insert(
        "fna".into(),
        json!(
            s.config
                .get("fna")
                .cloned()
                .unwrap_or_else(|| format!("go-eCharger {}", s.serial))
        ),
    );
    m.insert("ocppe".into(), json!(ocppe));
    m.insert("ocppu".into(), json!(ocppu));
    m.insert("ocppg".into(), json!(config_bool(&s, "ocppg", true)));
    m.insert("ocppcn".into(), json!(config_bool(&s, "ocppcn", false)));
    m.insert("ocppss".into(), json!(config_bool(&s, "ocppss", false)));
    m.insert("ocpps".into(), json!(ocppe && !ocppu.is_empty()));
    m.insert("ocppc".into(), json!(connected));
    m.insert("ocppa".into(), json!(connected));
    m.insert(
        "ocpple".into(),
        match status.strip_prefix("error: ") {
            Some(e) => json!(e),
            None => Value::Null,
        },
    );
    m
}

/// Apply one `/api/set` key; `Err` is the reason it was refused.
fn goe_set(shared: &Arc<Shared>, key: &str, v: &Value) -> Result<(), String> {
    let bool_of = || {
        v.as_bool()
            .ok_or_else(|| format!("{key} takes true or false"))
    };
    match key {
        "ocppe" | "ocppg" | "ocppcn" | "ocppss" => {
            let b = bool_of()?;
            shared.update(|s| s.config.insert(key.into(), b.to_string()));
        }
        "ocppu" => {
            let url = v.as_str().ok_or("ocppu takes a string")?;
            if url.is_empty() {
                shared.update(|s| {
                    s.ocpp_url = None;
                    s.charge_box_id = None;
                });
            } else {
                check_url(url)?;
                let (base, id) = url
                    .trim_end_matches('/')
                    .rsplit_once('/')
                    .filter(|(b, _)| b.contains("://") && !b.ends_with('/'))
                    .ok_or("the URL must end with /<charge box id>")?;
                check_id(id)?;
                shared.update(|s| {
                    s.ocpp_url = Some(base.to_string());
                    s.charge_box_id = Some(id.to_string());
                });
            }
        }
        "fna" => {
            let name = v.as_str().ok_or("fna takes a string")?;
            shared.update(|s| s.config.insert("fna".into(), name.to_string()));
        }
        "amp" => {
            let a = v
                .as_u64()
                .filter(|a| (6..=32).contains(a))
                .ok_or("amp takes 6 to 32")?;
            shared.update(|s| s.config.insert("amp".into(), a.to_string()));
        }
        "sse" | "fwv" | "oem" | "typ" | "var" | "car" | "err" | "ocpps" | "ocppc" | "ocppa"
        | "ocpple" => return Err(format!("{key} is read-only")),
        _ => return Err(format!("unknown key {key}")),
    }
    if key.starts_with("ocpp") {
        // New OCPP settings take effect at once: the client reconnects with them.
        shared.stop_ocpp("OCPP settings changed");
        shared.start_ocpp();
    }
    Ok(())
}

/// One go-e HTTP request: status and JSON body.
pub(super) fn goe(shared: &Arc<Shared>, method: &str, target: &str, _body: &[u8]) -> (u16, String) {
    let Ok(url) = reqwest::Url::parse(&format!("http://station{target}")) else {
        return (400, json!({"error": "bad request target"}).to_string());
    };
    if method != "GET" {
        return (404, json!({"error": "use GET"}).to_string());
    }
    match url.path() {
        "/api/status" => {
            let all = goe_status(shared);
            let filter: Option<Vec<String>> = url
                .query_pairs()
                .find(|(k, _)| k == "filter")
                .map(|(_, v)| v.split(',').map(|k| k.trim().to_string()).collect());
            let out: Map<String, Value> = match filter {
                Some(keys) => all.into_iter().filter(|(k, _)| keys.contains(k)).collect(),
                None => all,
            };
            (200, Value::Object(out).to_string())
        }
        "/api/set" => {
            let mut out = Map::new();
            for (k, raw) in url.query_pairs() {
                let result = match serde_json::from_str::<Value>(&raw) {
                    Ok(v) => goe_set(shared, &k, &v),
                    Err(_) => Err(format!(
                        "{k}: the value must be JSON (strings in double quotes)"
                    )),
                };
                out.insert(
                    k.to_string(),
                    match result {
                        Ok(()) => Value::Bool(true),
                        Err(e) => Value::String(e),
                    },
                );
            }
            (200, Value::Object(out).to_string())
        }
        _ => (404, json!({"error": "not found"}).to_string()),
    }
}

/// The simulated KEBA's DIP switch DSW1.3 (config key `dsw1.3`, `on` unless set to `off`).
/// KEBA's UDP guide: the UDP function needs DSW1.3 ON; with it off, the P30 still answers
/// `report 1` but not `report 2` or `report 3` (the field check behind issue 14).
pub const KEBA_DSW1_3: &str = "dsw1.3";

/// One KEBA UDP command; `None`: the station does not answer it.
pub(super) fn keba(shared: &Arc<Shared>, text: &str) -> Option<String> {
    let s = shared.snapshot();
    let udp_on = s
        .config
        .get(KEBA_DSW1_3)
        .is_none_or(|v| !v.eq_ignore_ascii_case("off"));
    // The report's DIP-Sw1 byte; which bit is DSW1.3 is not in the sources found (assumed
    // 0x04, switch n at bit n-1).
    let dip1 = if udp_on { 0x25 } else { 0x25 & !0x04 };
    let num = |k: &str, d: i64| {
        s.config
            .get(k)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(d)
    };
    let sec = num("sec", 530_786);
    let v = match text {
        "report 1" => json!({
            "ID": "1",
            "Product": s.model,
            "Serial": s.serial,
            "Firmware": s.firmware,
            "COM-module": 0,
            "Backend": 0,
            "timeQ": 3,
            "DIP-Sw1": format!("{dip1:#04x}"),
            "DIP-Sw2": "0x02",
            "Sec": sec,
        }),
        "report 2" | "report 3" if !udp_on => return None,
        "report 2" => json!({
            "ID": "2",
            "State": s.evse_state,
            "Error1": num("error_code", 0),
            "Error2": 0,
            "Plug": 0,
            "Enable sys": 1,
            "Enable user": 1,
            "Max curr": 32000,
            "Curr HW": 32000,
            "Serial": s.serial,
            "Sec": sec,
        }),
        "report 3" => json!({
            "ID": "3",
            "U1": 230,
            "U2": 230,
            "U3": 230,
            "I1": 0,
            "I2": 0,
            "I3": 0,
            "P": 0,
            "PF": 0,
            "E pres": 0,
            "E total": 4_522_160,
            "Serial": s.serial,
            "Sec": sec,
        }),
        "i" => json!({ "Firmware": s.firmware }),
        _ => return None,
    };
    // KEBA answers with one key per line.
    serde_json::to_string_pretty(&v).ok()
}

/// What the OpenEVSE WiFi module shows in place of a secret that is set (`hideSecrets`; the
/// api.yml example's value).
const OPENEVSE_HIDDEN: &str = "_DUMMY_PASSWORD";

/// The OpenEVSE WiFi module's `/config` object: a few keys of api.yml's example (Config.yaml
/// `example-1`) and the OCPP ones.
fn openevse_config(s: &super::SimState) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("firmware".into(), json!(s.firmware));
    m.insert("protocol".into(), json!("-"));
    m.insert("version".into(), json!("5.1.0"));
    m.insert("hostname".into(), json!("openevse-a7d4"));
    m.insert(
        "config_version".into(),
        json!(
            s.config
                .get("config_version")
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(1)
        ),
    );
    m.insert(
        "ocpp_enabled".into(),
        json!(config_bool(s, "ocpp_enabled", false)),
    );
    m.insert(
        "ocpp_server".into(),
        json!(s.ocpp_url.clone().unwrap_or_default()),
    );
    m.insert(
        "ocpp_chargeBoxId".into(),
        json!(s.charge_box_id.clone().unwrap_or_default()),
    );
    let key_set = s.config.get("ocpp_authkey").is_some_and(|k| !k.is_empty());
    m.insert(
        "ocpp_authkey".into(),
        json!(if key_set { OPENEVSE_HIDDEN } else { "" }),
    );
    m.insert("ocpp_idtag".into(), json!("DefaultIdTag"));
    m
}

/// One request to the OpenEVSE WiFi module's HTTP API: `GET /config`, `POST /config` with the
/// keys to change. Replies as api.yml documents them: `{"msg": "done"}` (with the new
/// `config_version`; `"no change"` when nothing changed), 400 `{"msg": "Could not parse
/// JSON"}`. Keys it does not model are taken and ignored, as the firmware ignores unknown ones.
pub(super) fn openevse_wifi(
    shared: &Arc<Shared>,
    method: &str,
    target: &str,
    body: &[u8],
) -> (u16, String) {
    let path = target.split('?').next().unwrap_or_default();
    match (method, path) {
        ("GET", "/config") => (
            200,
            Value::Object(openevse_config(&shared.snapshot())).to_string(),
        ),
        ("POST", "/config") => {
            let Ok(Value::Object(changes)) = serde_json::from_slice::<Value>(body) else {
                return (400, json!({"msg": "Could not parse JSON"}).to_string());
            };
            let before = openevse_config(&shared.snapshot());
            let mut new = shared.snapshot();
            for (k, v) in &changes {
                match (k.as_str(), v) {
                    ("ocpp_enabled", Value::Bool(b)) => {
                        new.config.insert(k.clone(), b.to_string());
                    }
                    ("ocpp_server", Value::String(u)) => {
                        new.ocpp_url = (!u.is_empty()).then(|| u.clone());
                    }
                    ("ocpp_chargeBoxId", Value::String(id)) => {
                        new.charge_box_id = (!id.is_empty()).then(|| id.clone());
                    }
                    // The hidden placeholder sent back keeps the stored key.
                    ("ocpp_authkey", Value::String(key)) if key != OPENEVSE_HIDDEN => {
                        new.config.insert(k.clone(), key.clone());
                    }
                    _ => {}
                }
            }
            let changed = openevse_config(&new) != before
                || new.config.get("ocpp_authkey") != shared.snapshot().config.get("ocpp_authkey");
            let version = before
                .get("config_version")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                + u64::from(changed);
            if changed {
                new.config
                    .insert("config_version".into(), version.to_string());
                shared.update(|s| *s = new);
                // The module's OCPP client reconnects with the new settings.
                shared.stop_ocpp("OCPP settings changed");
                shared.start_ocpp();
            }
            let msg = if changed { "done" } else { "no change" };
            (
                200,
                json!({"config_version": version, "msg": msg}).to_string(),
            )
        }
        ("GET" | "POST", _) => (404, json!({"msg": "Not found"}).to_string()),
        _ => (405, json!({"msg": "Method not allowed"}).to_string()),
    }
}
