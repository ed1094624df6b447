//! Phase 7, pinpoint (seed 001, "Pinpoint the Station"), and what phase 8 needs of it.
//!
//! The serial typed from the type plate must match the one read from the station, then the seed's
//! cannot-change warning is confirmed. The address is picked from the network's list near the GPS
//! fix (by id, by a text matching one entry, or at the prompt); a pin more than 150 m from it
//! needs a confirmation. The submission goes through the outbox with the idempotency key kept in
//! the journal: sent at once when the network answers, else queued, and the session goes on
//! (docs/outbox.md). Phase 8 first settles a queued submission: it sends it when the network is
//! back, or stops (resumable) saying to run `evfield sync` and resume.

use serde_json::{Value, json};

use super::prompt::{Choice, Level};
use super::{Ask, Session};
use crate::network::api::{Address, PinpointRequest, SiteDetails};
use crate::network::client::is_transient;
use crate::network::outbox::{Entry, EntryState, Outbox};
use crate::pinpoint;
use crate::station::Identity;
use crate::{Error, Result, t};

const SUBMIT: &str = "pinpoint.submit";
const PHOTO: &str = "pinpoint.photo";

fn position(v: &str) -> Result<(f64, f64)> {
    super::parse_position(v).map_err(|e| Error::validation("E_BAD_VALUE", e))
}

impl Session<'_> {
    /// The data directory this session lives in.
    pub(super) fn data_dir(&self) -> std::path::PathBuf {
        self.dir
            .parent()
            .and_then(|p| p.parent())
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(|| self.dir.clone())
    }

    fn outbox(&self) -> Outbox {
        Outbox::new(&self.data_dir())
    }

    /// The idempotency key of the submission: from the journal, or new (journaled first).
    fn submit_key(&mut self) -> Result<String> {
        if let Some(k) = self
            .intents
            .get(SUBMIT)
            .and_then(|i| i.get("idempotency_key"))
            .and_then(Value::as_str)
        {
            return Ok(k.to_string());
        }
        let k = uuid::Uuid::new_v4().to_string();
        let data = json!({ "action": SUBMIT, "idempotency_key": k });
        self.event("action_started", data.clone())?;
        self.intents.insert(SUBMIT.into(), data);
        Ok(k)
    }

    /// Journal what the outbox entry reached (once per action).
    fn record_entry(&mut self, e: &Entry) -> Result<()> {
        if let Some(st) = &e.station_id
            && !self.actions.contains_key(SUBMIT)
        {
            let result =
                json!({ "station_id": st, "idempotency_key": e.key, "replayed": e.replayed });
            self.event("action_done", json!({ "action": SUBMIT, "result": result }))?;
            self.actions.insert(SUBMIT.into(), result);
        }
        if e.state == EntryState::Done && !self.actions.contains_key(PHOTO) {
            let result = json!({ "photo_sha256": e.photo_sha256 });
            self.event("action_done", json!({ "action": PHOTO, "result": result }))?;
            self.actions.insert(PHOTO.into(), result);
        }
        if let Some(st) = &e.station_id
            && self.fact_str("network.station_id").as_deref() != Some(st)
        {
            self.fact("network.station_id", json!(st))?;
        }
        Ok(())
    }

    /// Send the entry now; `Ok(true)` when the network has it all, `Ok(false)` when it waits in
    /// the outbox (network unreachable or busy). A refusal is an error (kept in the outbox).
    fn send_entry(&mut self, entry: &mut Entry) -> Result<bool> {
        let ob = self.outbox();
        let sent = match self.network() {
            Ok(client) => ob.send(entry, client),
            Err(e) => Err(e),
        };
        self.flush_traffic()?;
        self.record_entry(entry)?;
        match sent {
            Ok(()) => Ok(true),
            Err(e) if is_transient(&e) => {
                self.event(
                    "action_queued",
                    json!({
                        "action": if entry.station_id.is_some() { PHOTO } else { SUBMIT },
                        "idempotency_key": entry.key,
                        "outbox": ob.dir().join(format!("{}.json", entry.key)),
                        "reason": e.message,
                        "code": e.code,
                    }),
                )?;
                Ok(false)
            }
            Err(e) => Err(pinpoint::explain_conflict(e)),
        }
    }

    /// Phase 8's first step: a submission still in the outbox is sent now, or the phase stops
    /// (resumable) until the network is back.
    pub(super) fn settle_queued_submission(&mut self) -> Result<()> {
        if self.fact_str("network.station_id").is_some() && self.actions.contains_key(PHOTO) {
            return Ok(());
        }
        let Some(key) = self
            .intents
            .get(SUBMIT)
            .and_then(|i| i.get("idempotency_key"))
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return Ok(());
        };
        let Some(mut entry) = self.outbox().get(&key)? else {
            return Ok(());
        };
        self.record_entry(&entry)?;
        if entry.state.open() {
            self.notify(Level::Info, t!("pin.step.sending_queued"));
            if !self.send_entry(&mut entry)? {
                return Err(queued_error(&entry, &self.id));
            }
        }
        if entry.state == EntryState::Failed {
            return Err(refused_error(&entry));
        }
        Ok(())
    }
}

fn queued_error(e: &Entry, session: &str) -> Error {
    Error::network(
        "E_PINPOINT_QUEUED",
        t!(
            "pin.step.queued",
            key = e.key,
            why = e
                .last_error
                .as_ref()
                .map(|x| x.message.clone())
                .unwrap_or_else(|| t!("pin.step.not_sent_yet"))
        ),
    )
    .with_help(t!("pin.step.queued_help", session = session))
}

fn refused_error(e: &Entry) -> Error {
    let err = e.last_error.clone();
    let code = match err.as_ref().map(|x| x.code.as_str()) {
        Some("E_API_SERIAL_LOCKED") => "E_API_SERIAL_LOCKED",
        Some("E_API_ACTIVATION_USED") => "E_API_ACTIVATION_USED",
        Some("E_API_SERIAL_TAKEN") => "E_API_SERIAL_TAKEN",
        _ => "E_OUTBOX_REFUSED",
    };
    pinpoint::explain_conflict(
        Error::validation(
            code,
            t!(
                "pin.step.refused",
                key = e.key,
                why = err
                    .as_ref()
                    .map(|x| x.message.clone())
                    .unwrap_or_else(|| t!("pin.step.no_reason"))
            ),
        )
        .with_help(
            err.and_then(|x| x.help)
                .unwrap_or_else(|| t!("pin.step.see_outbox")),
        ),
    )
}

/// Phase 7.
pub(super) fn run(s: &mut Session) -> Result<Value> {
    let id: Identity = s.fact_as("station.identity")?;
    let read = match receiver_fix(s)? {
        Some(fix) => Some(fix),
        None => photo_position(s)?,
    };
    let gps = s.value(
        "pinpoint.gps",
        Ask {
            read,
            ..Ask::default()
        },
    )?;
    let (lat, lon) = position(&gps)?;

    // The serial: typed from the type plate, compared with the station's, then confirmed.
    let typed = s.value("pinpoint.serial_plate", Ask::default())?;
    if let Err(e) = pinpoint::check_serial(Some(&id.serial), &typed, None) {
        s.values.remove("pinpoint.serial_plate");
        s.event(
            "refused",
            json!({ "key": "pinpoint.serial_plate", "code": e.code }),
        )?;
        return Err(e.with_help(t!("pin.step.serial_help", id = s.id)));
    }
    s.notify(
        Level::Warning,
        t!("steps.verify_serial", serial = id.serial),
    );
    s.confirm(
        "pinpoint.serial_confirmed",
        Some(t!("steps.serial_question", serial = id.serial)),
        &t!("pin.step.serial_if_no"),
    )?;

    let addr = choose_address(s, lat, lon)?;
    if let Some(a) = &addr {
        s.fact("pinpoint.address_label", json!(a.label))?;
    }
    let addr_id = s.value("pinpoint.address_id", Ask::default())?;

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
        position(&pin)?
    };
    if let Some(a) = &addr {
        let check = pinpoint::check_pin(a, (pin_lat, pin_lon));
        if check.needs_confirmation {
            let confirmed = s.confirm(
                "pinpoint.pin_far_confirmed",
                Some(t!(
                    "pin.step.pin_far",
                    distance = format!("{:.0}", check.distance_m),
                    address = a.label,
                    limit = format!("{:.0}", pinpoint::PIN_CONFIRM_M)
                )),
                &t!("pin.step.pin_far_if_no"),
            );
            // "no": the pin is where it should not be; it is asked again (or corrected)
            if let Err(e) = confirmed {
                return Err(s.blame(e, &["pinpoint.pin"]));
            }
        }
    }
    let opt = |v: String| if v.is_empty() { None } else { Some(v) };
    // the place the network's operator registered at the address: read from the network like
    // the OCPP settings (a given value wins; a wrong one is corrected like any other)
    let place = addr
        .as_ref()
        .and_then(|a| a.place.clone())
        .unwrap_or_default();
    if place != Default::default() {
        let none = || "-".to_string();
        s.notify(
            Level::Info,
            t!(
                "pin.step.place_from_network",
                car_park = place.car_park.clone().unwrap_or_else(none),
                building = place.building.clone().unwrap_or_else(none),
                restrictions = place.restrictions.clone().unwrap_or_else(none)
            ),
        );
    }
    let proposed = |v: Option<String>| Ask {
        read: v.map(|v| (v, "network".to_string())),
        ..Ask::default()
    };
    let details = SiteDetails {
        car_park: opt(s.value("pinpoint.car_park", proposed(place.car_park))?),
        building: opt(s.value("pinpoint.building", proposed(place.building))?),
        floor: opt(s.value("pinpoint.floor", Ask::default())?),
        restrictions: opt(s.value("pinpoint.restrictions", proposed(place.restrictions))?),
    };
    let photo = s.value("pinpoint.photo", Ask::default())?;
    let stored = s.store_photo("pinpoint", &photo)?;
    let password = s.value("activation.password", Ask::default())?;
    let req = PinpointRequest {
        mac: pinpoint::normalize_mac(&id.mac)?,
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

    let mut state = "accepted";
    if !(s.actions.contains_key(SUBMIT) && s.actions.contains_key(PHOTO)) {
        let key = s.submit_key()?;
        let ob = s.outbox();
        let mut entry = match ob.get(&key)? {
            Some(e) => e,
            None => {
                let url = s.value("network.url", Ask::default())?;
                let user = s.value("account.username", Ask::default())?;
                let mut e = Entry::new(Some(key), &url, &user, Some(s.id.clone()), req);
                let bytes = std::fs::read(s.dir.join(&stored))
                    .map_err(|err| Error::io(&t!("net.doing.read"), &s.dir.join(&stored), err))?;
                ob.put(&mut e, Some(&bytes))?;
                e
            }
        };
        s.record_entry(&entry)?;
        if entry.state == EntryState::Failed {
            return Err(refused_error(&entry));
        }
        if entry.state.open() {
            s.notify(Level::Info, t!("steps.submitting"));
            if !s.send_entry(&mut entry)? {
                state = "queued";
                s.notify(
                    Level::Warning,
                    t!("pin.step.offline_queued", key = entry.key),
                );
            }
        }
    }
    let station_id = s.fact_str("network.station_id");
    let label = s.fact_str("pinpoint.address_label").unwrap_or_default();
    if let Some(st) = &station_id {
        s.notify(
            Level::Success,
            t!("steps.pinpointed", id = st, address = label),
        );
        s.send_chain_head("pinpoint");
    }
    Ok(json!({ "station_id": station_id, "address": label, "submission": state }))
}

/// A fix from the GPS receiver or gpsd given to the session, when `pinpoint.gps` has no value
/// yet; `None` (and a notice) when there is none, so the value is asked or must be given.
fn receiver_fix(s: &mut Session) -> Result<Option<(String, String)>> {
    let opts = s.inputs.gps.clone();
    if s.has_value("pinpoint.gps") || (opts.port.is_none() && opts.gpsd.is_none()) {
        return Ok(None);
    }
    s.notify(
        Level::Info,
        t!(
            "pin.step.waiting_fix",
            epochs = opts.rules.epochs,
            radius = opts.rules.radius_m,
            max = opts.rules.max_hdop
        ),
    );
    let mut notes = Vec::new();
    let wait = crate::waits::Wait::new(t!("waits.gps.what"), Some(opts.timeout))
        .with_hints(vec![t!("waits.gps.hint")]);
    s.prompter.progress(&crate::waits::Progress::Wait(wait));
    let r = crate::pinpoint::gps::read_first(&opts, &mut |n| notes.push(n.to_string()));
    s.prompter.progress(&crate::waits::Progress::Done);
    for n in notes {
        s.notify(Level::Info, n);
    }
    match r {
        Ok((fix, _, stats)) => {
            s.notify(
                Level::Success,
                t!(
                    "pin.gps_fix",
                    position = fix.position(),
                    describe = fix.describe()
                ),
            );
            s.fact("pinpoint.gps_fix", json!({ "fix": fix, "nmea": stats }))?;
            Ok(Some((fix.position(), "gps receiver".to_string())))
        }
        Err(e) => {
            s.notify(Level::Warning, t!("pin.step.no_fix", why = e.message));
            Ok(None)
        }
    }
}

/// Without a receiver's fix, the position in the pinpoint photo's EXIF: the photo is asked
/// first (before the position) and its GPS position is read like a receiver's fix (shown,
/// checked against the network's area like a typed position, journaled with the source
/// `photo exif`). `None` when the position is given, or the photo has none.
fn photo_position(s: &mut Session) -> Result<Option<(String, String)>> {
    if s.has_value("pinpoint.gps") {
        return Ok(None);
    }
    let photo = s.value("pinpoint.photo", Ask::default())?;
    let rules = crate::pinpoint::photo::Rules::PINPOINT;
    // a photo that fails its checks is reported where it is stored, below
    let Ok(info) = crate::pinpoint::photo::check_file(std::path::Path::new(&photo), rules) else {
        return Ok(None);
    };
    let Some((lat, lon)) = info.exif_gps else {
        s.notify(Level::Info, t!("pin.step.photo_no_gps", file = photo));
        return Ok(None);
    };
    let position = format!("{lat:.6},{lon:.6}");
    s.notify(
        Level::Info,
        t!("pin.step.photo_position", position = position, file = photo),
    );
    Ok(Some((position, "photo exif".to_string())))
}

/// The address from the network's list near the fix: by id, by a text matching one entry, or
/// picked at the prompt. Offline, only an address id given beforehand can be used (the network
/// checks it when the queued submission is sent); `None` then.
fn choose_address(s: &mut Session, lat: f64, lon: f64) -> Result<Option<Address>> {
    let list = match s.network() {
        Ok(c) => c.addresses(lat, lon, Some(500.0)),
        Err(e) => Err(e),
    };
    s.flush_traffic()?;
    let list = match list {
        Ok(l) => l,
        Err(e) if is_transient(&e) && s.has_value("pinpoint.address_id") => {
            s.notify(
                Level::Warning,
                t!("pin.step.address_list_offline", code = e.code),
            );
            return Ok(None);
        }
        Err(e) if is_transient(&e) => {
            return Err(e.with_help(t!("pin.step.address_list_offline_help")));
        }
        Err(e) => return Err(e),
    };
    if list.is_empty() {
        let e = Error::validation("E_NO_ADDRESS", t!("steps.no_address", lat = lat, lon = lon))
            .with_help(t!("steps.no_address_help"));
        // a mistyped or swapped position: it can be corrected
        return Err(s.blame(e, &["pinpoint.gps"]));
    }
    // a text that must match one entry; never asked (the prompt offers the list instead)
    let text = if s.has_value("pinpoint.address") {
        s.value("pinpoint.address", Ask::default())?
    } else {
        String::new()
    };
    let read = if text.is_empty() {
        None
    } else {
        let a = pinpoint::pick_address(&list, None, Some(&text))?;
        Some((a.id, "address text".to_string()))
    };
    let choices: Vec<Choice> = list
        .iter()
        .map(|a| Choice {
            id: a.id.clone(),
            label: format!("{} ({:.0} m)", a.label, a.distance_m),
        })
        .collect();
    let id = s.value(
        "pinpoint.address_id",
        Ask {
            default: Some(list[0].id.clone()),
            choices,
            read,
            ..Ask::default()
        },
    )?;
    pinpoint::pick_address(&list, Some(&id), None).map(Some)
}

impl Session<'_> {
    /// Whether a value is known without asking (journal, flag, answers file, demo).
    fn has_value(&self, key: &str) -> bool {
        self.values.contains_key(key)
            || self.inputs.flags.contains_key(key)
            || self
                .inputs
                .answers
                .as_ref()
                .is_some_and(|a| a.get(key).is_some())
            || self.inputs.provided.contains_key(key)
            || (self.inputs.site.as_ref()).is_some_and(|s| s.values.contains_key(key))
    }
}
