//! The eight phases. Each reads what it needs through [`Session::value`] and [`Session::fact`],
//! so a resumed session finds every answer and every confirmed action in the journal.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::prompt::{Choice, Level};
use super::{Ask, Session};
use crate::network::api::{ActivationState, OcppState, PinpointRequest, Requirements, SiteDetails};
use crate::station::{Identity, OcppSettings};
use crate::{Error, Result};

/// Highest multimeter reading (volts) accepted as "power is off".
pub const SAFE_VOLTS: f64 = 10.0;

const SEED_TRAINING: &str = "If you do not complete installation training, you cannot access the network to complete pinpointing and station setup.";

pub(super) fn account(s: &mut Session) -> Result<Value> {
    s.value("network.url", Ask::default())?;
    s.value("account.username", Ask::default())?;
    let inst = s.network()?.installer()?;
    s.flush_traffic()?;
    s.fact("account.installer", json!(inst.name))?;
    s.fact("account.certified", json!(inst.certified))?;
    if !inst.certified {
        return Err(Error::blocked("E_NOT_CERTIFIED", format!("installer {} is not certified. {SEED_TRAINING}", inst.username))
            .with_help("complete the network's online installer training (e.g. chargepoint.com/installers), then resume"));
    }
    s.notify(
        Level::Success,
        format!(
            "Logged in as {} (certified{})",
            inst.name,
            inst.certification_expires
                .as_deref()
                .map(|d| format!(" until {d}"))
                .unwrap_or_default()
        ),
    );
    Ok(
        json!({ "installer": inst.name, "certified": inst.certified, "expires": inst.certification_expires }),
    )
}

pub(super) fn precheck(s: &mut Session) -> Result<Value> {
    let id = super::stationflow::identify(s)?;
    s.fact("station.identity", json!(id))?;
    s.notify(
        Level::Success,
        format!(
            "Station: {} {}, serial {}, MAC {}, firmware {}",
            id.manufacturer, id.model, id.serial, id.mac, id.firmware
        ),
    );
    let req = s.network()?.requirements(&id.manufacturer, &id.model);
    s.flush_traffic()?;
    let req = req?;
    s.fact("network.requirements", json!(req))?;
    let ok = super::stationflow::firmware_gate(s, &id, &req)?;
    s.fact("precheck.firmware_ok", json!(ok))?;
    s.notify(
        Level::Success,
        format!(
            "Firmware {} meets the network's minimum {}",
            id.firmware, req.min_firmware
        ),
    );
    let sim = super::stationflow::read_sim(s)?.unwrap_or(crate::station::SimStatus {
        iccid: String::new(),
        pin_state: String::new(),
        registered: false,
        signal_dbm: None,
        apn: None,
    });
    s.fact("sim.old_iccid", json!(sim.iccid))?;
    s.confirm("precheck.docs_ready", None, "get the manufacturer's instructions, the minimum-firmware document and the checklist first")?;
    let notes = s.value("precheck.site_access", Ask::default())?;
    Ok(
        json!({ "serial": id.serial, "firmware": id.firmware, "min_firmware": req.min_firmware, "old_iccid": sim.iccid, "site_access": notes }),
    )
}

pub(super) fn before(s: &mut Session) -> Result<Value> {
    let photo = s.value("before.photo", Ask::default())?;
    let stored = s.store_photo("before", &photo)?;
    s.confirm(
        "before.checklist_done",
        None,
        "complete the checklist of required verification steps first",
    )?;
    s.notify(
        Level::Danger,
        "DANGER: RISK OF SHOCK. Before opening the station cabinet, disconnect the power at the service panel, \
         lock out/tag out the disconnect and test with a multimeter that power is off. Keep it off until the \
         cabinet is secured."
            .into(),
    );
    s.confirm(
        "safety.power_isolated",
        None,
        "disconnect the power at the service panel before opening the cabinet",
    )?;
    s.confirm(
        "safety.lockout_tagout",
        None,
        "lock out and tag out the disconnect before opening the cabinet",
    )?;
    let volts: f64 = s
        .value("safety.voltage", Ask::default())?
        .parse()
        .unwrap_or(f64::MAX);
    if volts.abs() > SAFE_VOLTS {
        s.values.remove("safety.voltage");
        s.event(
            "refused",
            json!({ "key": "safety.voltage", "volts": volts }),
        )?;
        return Err(Error::blocked(
            "E_POWER_ON",
            format!("the multimeter reads {volts} V, above the {SAFE_VOLTS} V that means power is off: do not open the cabinet"),
        )
        .with_help("isolate the right circuit, test again, then resume with the new reading"));
    }
    s.notify(
        Level::Success,
        format!("Safety gate passed ({volts} V). You may open the cabinet."),
    );
    Ok(json!({ "photo": stored, "volts": volts }))
}

pub(super) fn sim(s: &mut Session) -> Result<Value> {
    if !super::stationflow::has_modem(s)? {
        s.notify(
            Level::Info,
            "This station has no cellular modem (its vendor profile says so): no SIM to swap."
                .into(),
        );
        return Ok(json!({ "modem": false }));
    }
    let kit = s.value("sim.kit_iccid", Ask::default())?;
    s.confirm(
        "sim.swapped",
        None,
        "replace the SIM as the manufacturer's instructions say",
    )?;
    if let Some(rig) = s.demo.as_ref() {
        rig.swap_sim();
    }
    s.confirm(
        "sim.powered",
        None,
        "close the cabinet and restore power so the new SIM can be checked",
    )?;
    let old = s.fact_str("sim.old_iccid").unwrap_or_default();
    if super::stationflow::read_sim(s)?.is_none() {
        s.notify(
            Level::Info,
            "The SIM cannot be read over this station's service port; phase 8 proves the new SIM \
             when the network sees the station."
                .into(),
        );
        return Ok(json!({ "modem": true, "readable": false }));
    }
    // The modem needs a moment after power-up to register; ask a few times.
    let deadline = Instant::now() + Duration::from_secs(if s.is_demo() { 5 } else { 60 });
    let st = loop {
        let st = super::stationflow::read_sim(s)?.ok_or_else(|| {
            Error::internal("E_SIM_READ", "the SIM became unreadable between two reads")
        })?;
        if st.registered || Instant::now() >= deadline {
            break st;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    s.fact("sim.new_iccid", json!(st.iccid))?;
    s.fact("sim.status", json!(st))?;
    if st.iccid == old {
        return Err(Error::station(
            "E_SIM_NOT_SWAPPED",
            format!("the station still reports the old SIM (ICCID {old})"),
        )
        .with_help("check that the network's SIM is inserted and seated, then resume"));
    }
    if !kit.is_empty() && kit != st.iccid {
        return Err(Error::station(
            "E_SIM_WRONG",
            format!(
                "the station reports ICCID {}, but the kit's SIM is {kit}",
                st.iccid
            ),
        )
        .with_help("insert the SIM from the network's kit, then resume"));
    }
    if st.pin_state != "READY" {
        return Err(Error::station(
            "E_SIM_PIN",
            format!("the new SIM is not ready: {}", st.pin_state),
        )
        .with_help("reseat the SIM; a SIM asking for a PIN is not the network's SIM"));
    }
    if !st.registered {
        return Err(Error::station(
            "E_SIM_NOT_REGISTERED",
            "the modem has not registered on a mobile network with the new SIM",
        )
        .with_help("check the antenna; underground sites may need a repeater; then resume"));
    }
    s.notify(
        Level::Success,
        format!(
            "New SIM {} registered{}",
            st.iccid,
            st.signal_dbm
                .map(|d| format!(", signal {d} dBm"))
                .unwrap_or_default()
        ),
    );
    Ok(
        json!({ "old_iccid": old, "new_iccid": st.iccid, "signal_dbm": st.signal_dbm, "apn": st.apn }),
    )
}

/// Apply the network's identity rule (`{mac}`: MAC in upper-case hex without separators,
/// `{serial}`: the serial).
pub fn charge_box_id(rule: &str, id: &Identity) -> String {
    let mac: String = id
        .mac
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .collect::<String>()
        .to_ascii_uppercase();
    rule.replace("{mac}", &mac).replace("{serial}", &id.serial)
}

pub(super) fn commission(s: &mut Session) -> Result<Value> {
    let id: Identity = s.fact_as("station.identity")?;
    let req: Requirements = s.fact_as("network.requirements")?;
    let password = s.value("activation.password", Ask::default())?;
    let check = s.network()?.check_activation(&id.mac, &password);
    s.flush_traffic()?;
    match check?.status {
        ActivationState::Valid => s.notify(
            Level::Success,
            format!("Activation for MAC {} is valid", id.mac),
        ),
        ActivationState::Used => {
            return Err(Error::validation(
                "E_ACTIVATION_USED",
                format!(
                    "the activation for MAC {} is already used by another station",
                    id.mac
                ),
            )
            .with_help("call the network's support: a MAC can be activated once"));
        }
        ActivationState::Unknown => {
            s.values.remove("activation.password");
            s.event("refused", json!({ "key": "activation.password" }))?;
            return Err(Error::validation(
                "E_ACTIVATION_UNKNOWN",
                format!(
                    "the network does not know MAC {} with this activation password",
                    id.mac
                ),
            )
            .with_help("check the password on the kit's label and resume; it is asked again"));
        }
    }
    let url = s.value(
        "commission.ocpp_url",
        Ask {
            read: Some((req.ocpp_url.clone(), "network".into())),
            ..Ask::default()
        },
    )?;
    let rule_id = charge_box_id(&req.identity_rule, &id);
    let cbid = s.value(
        "commission.charge_box_id",
        Ask {
            read: Some((rule_id, "network".into())),
            ..Ask::default()
        },
    )?;
    if !(url.starts_with("ws://") || url.starts_with("wss://")) {
        return Err(Error::validation(
            "E_OCPP_URL",
            format!("OCPP URL `{url}` must start with ws:// or wss://"),
        )
        .with_help(
            "OCPP 1.6J runs over a websocket; use the URL from the network's requirements",
        ));
    }
    let want = OcppSettings {
        url: url.clone(),
        charge_box_id: cbid.clone(),
    };
    let how = super::stationflow::commission(s, &want)?;
    s.fact("commission.ocpp_url", json!(url))?;
    s.fact("commission.charge_box_id", json!(cbid))?;
    Ok(json!({ "ocpp_url": url, "charge_box_id": cbid, "how": how }))
}

/// The pinpointing page URL of the sticker's QR code, from the network's template.
pub fn pinpoint_url(template: &str, mac: &str, password: &str) -> String {
    template
        .replace("{mac}", &url_encode(mac))
        .replace("{password}", &url_encode(password))
}

/// Percent-encode everything but RFC 3986 unreserved characters.
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) fn labels(s: &mut Session) -> Result<Value> {
    let id: Identity = s.fact_as("station.identity")?;
    let req: Requirements = s.fact_as("network.requirements")?;
    let password = s.value("activation.password", Ask::default())?;
    let url = pinpoint_url(&req.pinpoint_url_template, &id.mac, &password);
    s.fact("labels.pinpoint_url", json!(url))?;
    s.notify(
        Level::Info,
        format!(
            "Activation sticker: MAC {}  Activation password {}  QR: {url}",
            id.mac, password
        ),
    );
    s.confirm(
        "labels.sticker_applied",
        None,
        "clean the surface next to the type plate and apply the activation sticker",
    )?;
    s.confirm(
        "labels.branding_applied",
        None,
        "apply the branding label where drivers see it",
    )?;
    Ok(json!({ "pinpoint_url": url }))
}

pub(super) fn pinpoint(s: &mut Session) -> Result<Value> {
    let id: Identity = s.fact_as("station.identity")?;
    let gps = s.value("pinpoint.gps", Ask::default())?;
    let (lat, lon) =
        super::parse_position(&gps).map_err(|e| Error::validation("E_BAD_VALUE", e))?;
    s.notify(
        Level::Warning,
        format!(
            "Verify the serial number {} on the type plate: it cannot be changed after submission.",
            id.serial
        ),
    );
    s.confirm(
        "pinpoint.serial_confirmed",
        Some(format!(
            "Serial {} matches the type plate (it cannot be changed after submission)",
            id.serial
        )),
        "compare the serial with the type plate; a wrong serial cannot be corrected later",
    )?;
    let list = s.network()?.addresses(lat, lon, Some(500.0));
    s.flush_traffic()?;
    let list = list?;
    if list.is_empty() {
        return Err(Error::validation(
            "E_NO_ADDRESS",
            format!("the network lists no address within 500 m of {lat},{lon}"),
        )
        .with_help("check the GPS position; call the network's support to add the address"));
    }
    let choices: Vec<Choice> = list
        .iter()
        .map(|a| Choice {
            id: a.id.clone(),
            label: format!("{} ({:.0} m)", a.label, a.distance_m),
        })
        .collect();
    let addr_id = s.value(
        "pinpoint.address_id",
        Ask {
            default: Some(list[0].id.clone()),
            choices,
            ..Ask::default()
        },
    )?;
    let addr = list
        .iter()
        .find(|a| a.id == addr_id)
        .cloned()
        .ok_or_else(|| {
            Error::validation(
                "E_BAD_VALUE",
                format!("address `{addr_id}` is not in the network's list near {lat},{lon}"),
            )
        })?;
    s.fact("pinpoint.address_label", json!(addr.label))?;
    let pin = s.value(
        "pinpoint.pin",
        Ask {
            default: Some(gps.clone()),
            ..Ask::default()
        },
    )?;
    let (pin_lat, pin_lon) = if pin.is_empty() {
        (lat, lon)
    } else {
        super::parse_position(&pin).map_err(|e| Error::validation("E_BAD_VALUE", e))?
    };
    let opt = |v: String| if v.is_empty() { None } else { Some(v) };
    let details = SiteDetails {
        car_park: opt(s.value("pinpoint.car_park", Ask::default())?),
        building: opt(s.value("pinpoint.building", Ask::default())?),
        floor: opt(s.value("pinpoint.floor", Ask::default())?),
        restrictions: opt(s.value("pinpoint.restrictions", Ask::default())?),
    };
    let photo = s.value("pinpoint.photo", Ask::default())?;
    let stored = s.store_photo("pinpoint", &photo)?;
    let password = s.value("activation.password", Ask::default())?;
    let req = PinpointRequest {
        mac: id.mac.clone(),
        activation_password: password,
        manufacturer: id.manufacturer.clone(),
        model: id.model.clone(),
        serial: id.serial.clone(),
        charge_box_id: s.fact_str("commission.charge_box_id").unwrap_or_default(),
        firmware: Some(id.firmware.clone()),
        gps_lat: lat,
        gps_lon: lon,
        address_id: addr_id,
        pin_lat,
        pin_lon,
        details,
    };
    let station_id = match s.actions.get("pinpoint.submit").cloned() {
        Some(done) => done
            .get("station_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        None => {
            let key = match s
                .intents
                .get("pinpoint.submit")
                .and_then(|i| i.get("idempotency_key"))
                .and_then(Value::as_str)
            {
                Some(k) => k.to_string(),
                None => {
                    let k = uuid::Uuid::new_v4().to_string();
                    let data = json!({ "action": "pinpoint.submit", "idempotency_key": k });
                    s.event("action_started", data.clone())?;
                    s.intents.insert("pinpoint.submit".into(), data);
                    k
                }
            };
            s.notify(Level::Info, "Submitting the pinpoint data ...".into());
            let r = s.network()?.submit_pinpoint(&req, &key);
            s.flush_traffic()?;
            let station = r?.0;
            let result = json!({ "station_id": station.station_id, "charge_box_id": station.charge_box_id, "idempotency_key": key });
            s.event(
                "action_done",
                json!({ "action": "pinpoint.submit", "result": result }),
            )?;
            s.actions.insert("pinpoint.submit".into(), result);
            station.station_id
        }
    };
    s.fact("network.station_id", json!(station_id))?;
    if !s.actions.contains_key("pinpoint.photo") {
        let bytes = std::fs::read(s.dir.join(&stored))
            .map_err(|e| Error::io("read", &s.dir.join(&stored), e))?;
        let ctype = if bytes.starts_with(b"\x89PNG") {
            "image/png"
        } else {
            "image/jpeg"
        };
        let r = s.network()?.upload_photo(&station_id, &bytes, ctype);
        s.flush_traffic()?;
        let receipt = r?;
        let result = json!({ "photo": receipt.photo, "sha256": receipt.sha256 });
        s.event(
            "action_done",
            json!({ "action": "pinpoint.photo", "result": result }),
        )?;
        s.actions.insert("pinpoint.photo".into(), result);
    }
    s.notify(
        Level::Success,
        format!("Pinpointed: station {station_id} at {}", addr.label),
    );
    Ok(json!({ "station_id": station_id, "address": addr.label }))
}

pub(super) fn verify(s: &mut Session) -> Result<Value> {
    let station_id = s.fact_str("network.station_id").unwrap_or_default();
    let timeout = s
        .inputs
        .connect_timeout
        .unwrap_or(Duration::from_secs(if s.is_demo() { 30 } else { 300 }));
    let deadline = Instant::now() + timeout;
    let mut last: Option<OcppState> = None;
    let status = loop {
        let st = s.network()?.station_status(&station_id);
        s.flush_traffic()?;
        let st = st?;
        if last != Some(st.ocpp) {
            let text = match st.ocpp {
                OcppState::Connecting => "The network reports: OCPP connecting".to_string(),
                OcppState::Connected => "The network reports: OCPP connected".to_string(),
                OcppState::Error => format!(
                    "The network reports: OCPP error ({})",
                    st.reason.clone().unwrap_or_default()
                ),
            };
            s.notify(
                if st.ocpp == OcppState::Connected {
                    Level::Success
                } else {
                    Level::Info
                },
                text,
            );
            last = Some(st.ocpp);
        }
        if st.ocpp == OcppState::Connected || Instant::now() >= deadline {
            break st;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    s.fact("network.ocpp_status", json!(status.ocpp))?;
    if status.ocpp != OcppState::Connected {
        return Err(Error::network(
            "E_NOT_CONNECTED",
            format!(
                "after {} s the network still reports OCPP {} for {}{}",
                timeout.as_secs(),
                match status.ocpp {
                    OcppState::Connecting => "connecting",
                    OcppState::Error => "error",
                    OcppState::Connected => "connected",
                },
                status.charge_box_id,
                status.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default()
            ),
        )
        .with_help("check the station's network connection and its OCPP settings (URL and charge box identity), then resume"));
    }
    let errors = super::stationflow::read_errors(s)?.unwrap_or_default();
    s.fact("verify.station_errors", json!(errors))?;
    if !errors.is_empty() {
        s.notify(
            Level::Warning,
            format!("The station reports: {}", errors.join("; ")),
        );
    }
    s.confirm(
        "verify.cabinet_secured",
        None,
        "secure the cabinet and re-energise the station",
    )?;
    s.confirm(
        "verify.no_display_errors",
        None,
        "resolve the errors shown on the display with the manufacturer's instructions",
    )?;
    s.confirm(
        "verify.logo_visible",
        None,
        "the network's logo must show on stations with a screen; call support",
    )?;
    s.confirm(
        "verify.mac_matches",
        None,
        "the MAC on the display must match the sticker; check the sticker and call support",
    )?;
    Ok(json!({ "ocpp": status.ocpp, "station_errors": errors }))
}

// ----- session services used by the steps -----

impl Session<'_> {
    fn fact_as<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<T> {
        let v = self.facts.get(key).cloned().ok_or_else(|| {
            Error::journal(
                "E_JOURNAL_GAP",
                format!("the journal has no `{key}` although its phase is done"),
            )
        })?;
        serde_json::from_value(v).map_err(|e| {
            Error::journal(
                "E_JOURNAL_GAP",
                format!("`{key}` in the journal is unreadable: {e}"),
            )
        })
    }

    /// The station driver, opened on first use.
    pub(super) fn station(&mut self) -> Result<&mut Box<dyn crate::station::StationDriver>> {
        if self.station.is_none() {
            self.station = Some(super::stationflow::open(self)?);
        }
        Ok(self.station.as_mut().expect("opened above"))
    }

    /// The network client, logged in on first use.
    fn network(&mut self) -> Result<&crate::network::client::Client> {
        if self.client.is_none() {
            let url = self.value("network.url", Ask::default())?;
            let user = self.value("account.username", Ask::default())?;
            let client = crate::network::client::Client::new(&url)?;
            let password = match self.inputs.password.clone() {
                Some(p) => p,
                None if self.prompter.can_ask() => {
                    self.prompter.ask_secret(&format!("Password for {user}"))?
                }
                None => {
                    return Err(Error::usage(
                        "E_NO_PASSWORD",
                        format!("no password for installer {user} and no terminal to ask"),
                    )
                    .with_help("pipe it with --password-stdin or set EVFIELD_PASSWORD"));
                }
            };
            let login = client.login(&user, &password);
            // the login call is journaled without its body
            for call in client.take_calls() {
                self.journal.append(
                    self.phase.name(),
                    "api_call",
                    serde_json::to_value(&call).unwrap_or(Value::Null),
                )?;
            }
            let login = login?;
            self.client = Some(client.with_token(login.token));
        }
        Ok(self.client.as_ref().expect("created above"))
    }

    /// Copy a photo into the session directory; returns its name there.
    fn store_photo(&mut self, what: &str, path: &str) -> Result<String> {
        let src = std::path::Path::new(path);
        let bytes = std::fs::read(src).map_err(|e| Error::io("read the photo", src, e))?;
        let ext = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "jpg"
        } else {
            return Err(Error::validation(
                "E_PHOTO_FORMAT",
                format!("{path} is not a JPEG or PNG photo"),
            )
            .with_help(
                "take the photo with the camera app in JPEG; HEIC files must be converted",
            ));
        };
        let photos = self.dir.join("photos");
        crate::paths::ensure_private_dir(&photos)?;
        let name = format!("photos/{what}.{ext}");
        crate::paths::write_atomic(&self.dir.join(&name), &bytes)?;
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
        self.fact(
            &format!("{what}.photo"),
            json!({ "file": name, "bytes": bytes.len(), "sha256": sha, "source": path }),
        )?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_rule_and_url_encoding() {
        let id = Identity {
            manufacturer: "m".into(),
            model: "x".into(),
            serial: "S1".into(),
            mac: "02:ef:10:00:4d:01".into(),
            firmware: "1".into(),
        };
        assert_eq!(charge_box_id("EVF-{mac}", &id), "EVF-02EF10004D01");
        assert_eq!(charge_box_id("{serial}", &id), "S1");
        assert_eq!(
            pinpoint_url(
                "https://n/p?mac={mac}&password={password}",
                "02:EF",
                "K7+9/QF=2"
            ),
            "https://n/p?mac=02%3AEF&password=K7%2B9%2FQF%3D2"
        );
    }
}
