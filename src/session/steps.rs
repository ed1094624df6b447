//! The eight phases. Each reads what it needs through [`Session::value`] and [`Session::fact`],
//! so a resumed session finds every answer and every confirmed action in the journal.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::prompt::Level;
use super::{Ask, Session};
use crate::network::api::{ActivationState, OcppState, Requirements};
use crate::station::{Identity, OcppSettings};
use crate::{Error, Result, t};

pub(super) fn account(s: &mut Session) -> Result<Value> {
    s.value("network.url", Ask::default())?;
    s.value("account.username", Ask::default())?;
    let inst = s.network()?.installer();
    s.flush_traffic()?;
    let inst = inst?;
    s.fact("account.installer", json!(inst.name))?;
    // not certified, or certified until a day that has passed (docs/account.md)
    let certified =
        crate::network::account::require_certified(&inst, chrono::Utc::now().date_naive());
    s.fact("account.certified", json!(certified.is_ok()))?;
    if !inst.certified {
        return Err(Error::blocked(
            "E_NOT_CERTIFIED",
            t!("steps.not_certified", user = inst.username),
        )
        .with_help(t!("steps.not_certified_help")));
    }
    certified?;
    let logged_in = match inst.certification_expires.as_deref() {
        Some(date) => t!("steps.logged_in_until", name = inst.name, date = date),
        None => t!("steps.logged_in", name = inst.name),
    };
    s.notify(Level::Success, logged_in);
    Ok(
        json!({ "installer": inst.name, "certified": inst.certified, "expires": inst.certification_expires }),
    )
}

pub(super) fn precheck(s: &mut Session) -> Result<Value> {
    let id = super::stationflow::identify(s)?;
    s.fact("station.identity", json!(id))?;
    super::preflight::same_station_read(s, &id)?;
    s.notify(
        Level::Success,
        t!(
            "steps.station",
            manufacturer = id.manufacturer,
            model = id.model,
            serial = id.serial,
            mac = id.mac,
            firmware = id.firmware
        ),
    );
    let req = s.network()?.requirements(&id.manufacturer, &id.model);
    s.flush_traffic()?;
    let req = req?;
    s.fact("network.requirements", json!(req))?;
    s.check_given_early()?;
    let ok = super::stationflow::firmware_gate(s, &id, &req)?;
    s.fact("precheck.firmware_ok", json!(ok))?;
    s.notify(
        Level::Success,
        t!(
            "steps.firmware_ok",
            have = id.firmware,
            min = req.min_firmware
        ),
    );
    // the old SIM is read once: a pre-check done again after a correction may come after
    // the swap
    let sim = match s.fact_str("sim.old_iccid") {
        Some(iccid) if s.values.contains_key("sim.swapped") => Some(crate::station::SimStatus {
            iccid,
            pin_state: String::new(),
            registered: false,
            signal_dbm: None,
            apn: None,
        }),
        _ => super::stationflow::read_sim(s)?,
    };
    let sim = sim.unwrap_or(crate::station::SimStatus {
        iccid: String::new(),
        pin_state: String::new(),
        registered: false,
        signal_dbm: None,
        apn: None,
    });
    s.fact("sim.old_iccid", json!(sim.iccid))?;
    let checklists = s.run_checklists("precheck")?;
    Ok(
        json!({ "serial": id.serial, "firmware": id.firmware, "min_firmware": req.min_firmware, "old_iccid": sim.iccid, "checklists": checklists }),
    )
}

pub(super) fn before(s: &mut Session) -> Result<Value> {
    let photo = s.value("before.photo", Ask::default())?;
    let stored = s.store_photo("before", &photo)?;
    // the verification checklist, the vendor's additions, then the safety gate
    let checklists = s.run_checklists("before")?;
    Ok(json!({ "photo": stored, "checklists": checklists }))
}

pub(super) fn sim(s: &mut Session) -> Result<Value> {
    if !super::stationflow::has_modem(s)? {
        s.notify(Level::Info, t!("rec.steps.no_modem"));
        return Ok(json!({ "modem": false }));
    }
    let kit = s.value("sim.kit_iccid", Ask::default())?;
    s.confirm("sim.swapped", None, &t!("rec.steps.if_no.swap_sim"))?;
    if let Some(rig) = s.demo.as_ref() {
        rig.swap_sim();
    }
    s.confirm("sim.powered", None, &t!("rec.steps.if_no.power"))?;
    let old = s.fact_str("sim.old_iccid").unwrap_or_default();
    if super::stationflow::read_sim(s)?.is_none() {
        s.notify(Level::Info, t!("rec.steps.sim_unreadable"));
        return Ok(json!({ "modem": true, "readable": false }));
    }
    // The modem needs a moment after power-up to register; ask a few times.
    let limit = Duration::from_secs(if s.is_demo() { 5 } else { 60 });
    let deadline = crate::waits::deadline(Instant::now(), limit);
    let mut shown = false;
    let mut backoff = crate::waits::Backoff::new();
    let st = loop {
        let st = match super::stationflow::read_sim(s) {
            Ok(Some(st)) => st,
            Ok(None) => break Err(Error::internal("E_SIM_READ", t!("rec.steps.sim_read"))),
            Err(e) => break Err(e),
        };
        if st.registered || Instant::now() >= deadline {
            break Ok(st);
        }
        if !shown {
            // the modem registers on the network: what is awaited, with the time left
            let wait = crate::waits::Wait::new(t!("waits.sim.what"), Some(limit))
                .with_hints(vec![t!("waits.sim.hint")]);
            s.prompter.progress(&crate::waits::Progress::Wait(wait));
            shown = true;
        }
        std::thread::sleep(backoff.pause(Instant::now(), deadline));
    };
    if shown {
        s.prompter.progress(&crate::waits::Progress::Done);
    }
    let st = st?;
    s.fact("sim.new_iccid", json!(st.iccid))?;
    s.fact("sim.status", json!(st))?;
    if st.iccid == old {
        return Err(Error::station(
            "E_SIM_NOT_SWAPPED",
            t!("steps.sim_not_swapped", iccid = old),
        )
        .with_help(t!("steps.sim_not_swapped_help")));
    }
    if !kit.is_empty() && kit != st.iccid {
        let e = Error::station(
            "E_SIM_WRONG",
            t!("steps.sim_wrong", iccid = st.iccid, kit = kit),
        )
        .with_help(t!("steps.sim_wrong_help"));
        // the kit's ICCID may be mistyped: it can be corrected (or the right SIM inserted)
        return Err(s.blame(e, &["sim.kit_iccid"]));
    }
    if st.pin_state != "READY" {
        return Err(
            Error::station("E_SIM_PIN", t!("steps.sim_pin", state = st.pin_state))
                .with_help(t!("steps.sim_pin_help")),
        );
    }
    if !st.registered {
        return Err(
            Error::station("E_SIM_NOT_REGISTERED", t!("steps.sim_not_registered"))
                .with_help(t!("steps.sim_not_registered_help")),
        );
    }
    let registered = match st.signal_dbm {
        Some(dbm) => t!("steps.sim_registered_signal", iccid = st.iccid, dbm = dbm),
        None => t!("steps.sim_registered", iccid = st.iccid),
    };
    s.notify(Level::Success, registered);
    Ok(
        json!({ "old_iccid": old, "new_iccid": st.iccid, "signal_dbm": st.signal_dbm, "apn": st.apn }),
    )
}

/// Apply the network's identity rule (`{mac}`: MAC in upper-case hex without separators,
/// `{serial}`: the serial).
pub fn charge_box_id(rule: &str, id: &Identity) -> String {
    charge_box_id_of(rule, &id.mac, &id.serial)
}

/// [`charge_box_id`] from a station's MAC and serial.
pub fn charge_box_id_of(rule: &str, mac: &str, serial: &str) -> String {
    let mac: String = mac
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    rule.replace("{mac}", &mac).replace("{serial}", serial)
}

pub(super) fn commission(s: &mut Session) -> Result<Value> {
    let id: Identity = s.fact_as("station.identity")?;
    let req: Requirements = s.fact_as("network.requirements")?;
    let password = s.value("activation.password", Ask::default())?;
    let check = s.network()?.check_activation(&id.mac, &password);
    s.flush_traffic()?;
    match check?.status {
        ActivationState::Valid => {
            s.notify(Level::Success, t!("steps.activation_valid", mac = id.mac))
        }
        ActivationState::Used => {
            return Err(Error::validation(
                "E_ACTIVATION_USED",
                t!("steps.activation_used", mac = id.mac),
            )
            .with_help(t!("steps.activation_used_help")));
        }
        ActivationState::Unknown => {
            // either may be mistyped: the MAC (where it was typed, not read) and the password
            let e = Error::validation(
                "E_ACTIVATION_UNKNOWN",
                t!("steps.activation_unknown", mac = id.mac),
            )
            .with_help(t!("steps.activation_unknown_help"));
            return Err(s.blame(e, &["station.mac", "activation.password"]));
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
        let e = Error::validation("E_OCPP_URL", t!("rec.steps.ocpp_url", url = url))
            .with_help(t!("rec.steps.ocpp_url.help"));
        return Err(s.blame(e, &["commission.ocpp_url"]));
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

pub use crate::sticker::pinpoint_url;

pub(super) fn labels(s: &mut Session) -> Result<Value> {
    let id: Identity = s.fact_as("station.identity")?;
    let req: Requirements = s.fact_as("network.requirements")?;
    let password = s.value("activation.password", Ask::default())?;
    let url = pinpoint_url(&req.pinpoint_url_template, &id.mac, &password);
    s.fact("labels.pinpoint_url", json!(url))?;
    let sticker = s.make_sticker(&req.pinpoint_url_template, &id.mac, &password)?;
    // guided: activation sticker next to the type plate, then the branding label
    let checklists = s.run_checklists("labels")?;
    Ok(json!({ "pinpoint_url": url, "sticker": sticker, "checklists": checklists }))
}

pub(super) fn pinpoint(s: &mut Session) -> Result<Value> {
    super::pinpoint_step::run(s)
}

pub(super) fn verify(s: &mut Session) -> Result<Value> {
    s.settle_queued_submission()?;
    let station_id = s.fact_str("network.station_id").unwrap_or_default();
    let timeout = s
        .inputs
        .connect_timeout
        .unwrap_or(Duration::from_secs(if s.is_demo() { 30 } else { 300 }));
    let deadline = crate::waits::deadline(Instant::now(), timeout);
    let status = wait_connected(s, &station_id, deadline, timeout);
    s.prompter.progress(&crate::waits::Progress::Done);
    let status = status?;
    s.fact("network.ocpp_status", json!(status.ocpp))?;
    if status.ocpp != OcppState::Connected {
        return Err(Error::network(
            "E_NOT_CONNECTED",
            t!(
                "steps.not_connected",
                secs = timeout.as_secs(),
                state = match status.ocpp {
                    OcppState::Connecting => t!("rec.steps.ocpp.connecting"),
                    OcppState::Error => t!("rec.steps.ocpp.error"),
                    OcppState::Connected => t!("rec.steps.ocpp.connected"),
                },
                id = status.charge_box_id,
                reason = status
                    .reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default()
            ),
        )
        .with_help(t!("steps.not_connected_help")));
    }
    let errors = super::stationflow::read_errors(s)?.unwrap_or_default();
    s.fact("verify.station_errors", json!(errors))?;
    if !errors.is_empty() {
        s.notify(
            Level::Warning,
            t!("steps.station_reports", errors = errors.join("; ")),
        );
    }
    let checklists = s.run_checklists("verify")?;
    Ok(json!({ "ocpp": status.ocpp, "station_errors": errors, "checklists": checklists }))
}

/// Poll the network until it sees the station connected or `deadline` passes, telling the
/// installer each state and, through [`super::prompt::Prompter::progress`], what is awaited,
/// the time left and, after a while, the manufacturer's troubleshooting for the state seen.
fn wait_connected(
    s: &mut Session,
    station_id: &str,
    deadline: Instant,
    timeout: Duration,
) -> Result<crate::network::api::StationStatus> {
    let mut last: Option<OcppState> = None;
    let mut backoff = crate::waits::Backoff::new();
    loop {
        let st = s.network()?.station_status(station_id);
        s.flush_traffic()?;
        let st = st?;
        if last != Some(st.ocpp) {
            let text = match st.ocpp {
                OcppState::Connecting => t!("steps.ocpp_connecting"),
                OcppState::Connected => t!("steps.ocpp_connected"),
                OcppState::Error => t!(
                    "steps.ocpp_error",
                    reason = st.reason.clone().unwrap_or_default()
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
            let wait = crate::waits::Wait::new(
                t!("waits.ocpp.what", id = st.charge_box_id),
                Some(timeout),
            )
            .with_state(crate::network::api::ocpp_state_name(st.ocpp))
            .with_hints(
                crate::network::api::ocpp_troubleshooting(st.ocpp)
                    .into_iter()
                    .collect(),
            );
            s.prompter.progress(&crate::waits::Progress::Wait(wait));
        }
        if st.ocpp == OcppState::Connected || Instant::now() >= deadline {
            return Ok(st);
        }
        std::thread::sleep(backoff.pause(Instant::now(), deadline));
    }
}

// ----- session services used by the steps -----

impl Session<'_> {
    pub(super) fn fact_as<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<T> {
        let v = self
            .facts
            .get(key)
            .cloned()
            .ok_or_else(|| Error::journal("E_JOURNAL_GAP", t!("rec.steps.gap", key = key)))?;
        serde_json::from_value(v).map_err(|e| {
            Error::journal(
                "E_JOURNAL_GAP",
                t!("rec.steps.gap_unreadable", key = key, why = e),
            )
        })
    }

    /// The station driver, opened on first use. Whatever is journaled is made durable first:
    /// the station is about to be given a command (write-ahead, src/journal/mod.rs).
    pub(super) fn station(&mut self) -> Result<&mut Box<dyn crate::station::StationDriver>> {
        self.journal.sync()?;
        if self.station.is_none() {
            self.station = Some(super::stationflow::open(self)?);
        }
        Ok(self.station.as_mut().expect("opened above"))
    }

    /// The network client, logged in on first use with the installer's token (docs/account.md:
    /// a source given explicitly, else where `evfield login` kept it), so a resumed session asks
    /// nothing again. A token asked for explicitly that the network refuses is an error naming
    /// it; with no token, or the stored one expired, the password (given or asked once) logs in
    /// for this run only: only `evfield login` keeps a token. The demo always logs in with its
    /// own password.
    pub(super) fn network(&mut self) -> Result<&crate::network::client::Client> {
        if self.client.is_none() {
            let url = self.value("network.url", Ask::default())?;
            let user = self.value("account.username", Ask::default())?;
            let client = crate::network::client::Client::new(&url)
                .map_err(|e| self.blame(e, &["network.url"]))?
                .with_requirements_cache(crate::network::cache::RequirementsCache::in_data_dir(
                    &self.data_dir(),
                ));
            let stored = if self.demo_mode {
                None
            } else {
                self.stored_token(&url, &user)?
            };
            let client = match stored {
                Some(found) => {
                    let client = client.with_token(found.token);
                    let check = client.installer();
                    self.journal_calls(&client)?;
                    match check {
                        Err(e) if e.code == "E_API_UNAUTHORIZED" && found.explicit => {
                            return Err(Error::usage(
                                "E_TOKEN_REFUSED",
                                t!("waits.session.token_refused", source = found.source),
                            )
                            .with_help(t!("waits.session.token_refused_help")));
                        }
                        Err(e) if e.code == "E_API_UNAUTHORIZED" => {
                            self.notify(
                                Level::Info,
                                t!("rec.steps.token_expired", source = found.source),
                            );
                            self.password_login(client, &user)?
                        }
                        Ok(_) => {
                            self.notify(
                                Level::Info,
                                t!("rec.steps.token_used", source = found.source),
                            );
                            client
                        }
                        // Offline: keep the token, the call that needs the network says so.
                        Err(e) if crate::network::client::is_transient(&e) => client,
                        Err(e) => return Err(e),
                    }
                }
                None => self.password_login(client, &user)?,
            };
            self.client = Some(client);
        }
        Ok(self.client.as_ref().expect("created above"))
    }

    /// A token from the documented sources, when one holds it.
    fn stored_token(
        &mut self,
        url: &str,
        user: &str,
    ) -> Result<Option<crate::network::account::Found>> {
        use crate::network::account;
        let acct = account::AccountFile::load(&self.data_dir())?;
        let mut notes = Vec::new();
        let found = account::find_for(
            url,
            user,
            acct.as_ref(),
            &self.inputs.token,
            &mut std::io::stdin(),
            &mut notes,
        );
        for n in notes {
            crate::waits::trace(1, || format!("token: {n}"));
        }
        found
    }

    /// Log in with the password (given, or asked without echo) for this run only: the token
    /// is not kept (that is `evfield login`'s job), and nothing `login` wrote is touched.
    fn password_login(
        &mut self,
        client: crate::network::client::Client,
        user: &str,
    ) -> Result<crate::network::client::Client> {
        let password = match self.inputs.password.clone() {
            Some(p) => p,
            None if self.prompter.can_ask() => self
                .prompter
                .ask_secret(&t!("steps.password_for", user = user))?,
            None => {
                return Err(Error::usage(
                    "E_NO_PASSWORD",
                    t!("rec.steps.no_password", user = user),
                )
                .with_help(t!("rec.steps.no_password.help")));
            }
        };
        let login = client.login(user, &password);
        // the login call is journaled without its body
        self.journal_calls(&client)?;
        let login = login?;
        if !self.demo_mode {
            self.notify(Level::Info, t!("waits.session.token_this_run"));
        }
        Ok(client.with_token(login.token))
    }

    pub(super) fn journal_calls(&mut self, client: &crate::network::client::Client) -> Result<()> {
        for call in client.take_calls() {
            self.journal.append(
                self.phase.name(),
                "api_call",
                serde_json::to_value(&call).unwrap_or(Value::Null),
            )?;
        }
        Ok(())
    }

    /// Check a photo (docs/photos.md: decodes completely, minimum resolution, landscape for the
    /// pinpoint photo, re-encoded when over the upload limit) and copy it into the session
    /// directory; returns its name there.
    pub(super) fn store_photo(&mut self, what: &str, path: &str) -> Result<String> {
        use crate::pinpoint::photo::{self, Rules};
        let rules = if what == "pinpoint" {
            Rules::PINPOINT
        } else {
            Rules::BEFORE
        };
        let up = match photo::prepare_upload_with(
            std::path::Path::new(path),
            rules,
            photo::MAX_UPLOAD_BYTES,
        ) {
            Ok(up) => up,
            Err(e) => {
                // not kept: a resumed session asks for another photo
                let key = format!("{what}.photo");
                self.values.remove(&key);
                self.event("refused", json!({ "key": key, "code": e.code }))?;
                return Err(e);
            }
        };
        let ext = if up.content_type == "image/png" {
            "png"
        } else {
            "jpg"
        };
        let photos = self.dir.join("photos");
        crate::paths::ensure_private_dir(&photos)?;
        let name = format!("photos/{what}.{ext}");
        crate::paths::write_atomic(&self.dir.join(&name), &up.bytes)?;
        let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&up.bytes));
        self.fact(
            &format!("{what}.photo"),
            json!({ "file": name, "bytes": up.bytes.len(), "sha256": sha, "source": path, "check": up.info, "reencoded": up.reencoded }),
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
    }
}
