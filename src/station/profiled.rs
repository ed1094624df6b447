//! [`StationDriver`] for any vendor profile: the profile's steps run by the script runner.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::at::{self, AtReply, ModemReport};
use super::profile::Profile;
use super::script::{E_NO_STEP, Runner, Values};
use super::security::{SecurityState, SecurityWrite, flag};
use super::transport::Transport;
use super::{Identity, OcppSettings, SimStatus, StationDriver, Traffic};
use crate::{Error, Result};

/// A station driven by its vendor profile.
pub struct ProfileDriver {
    profile: Profile,
    runner: Option<Runner>,
    /// The second device's HTTP API (`[http]` on a serial profile: OpenEVSE's WiFi module).
    side: Option<Runner>,
    /// Values the installer gave for the profile's `ask` entries (`serial`, `mac`, ...).
    inputs: BTreeMap<String, String>,
    /// For values read with other readings (`or`): var → the reading that answered.
    read_as: BTreeMap<String, String>,
}

/// `02ef10004d01`, `02-EF-10-00-4D-01` → `02:EF:10:00:4D:01`; anything else as given.
pub fn normalise_mac(mac: &str) -> String {
    let hex: String = mac.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    let only_hex_and_seps = mac
        .chars()
        .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '-' | '.' | ' '));
    if hex.len() == 12 && only_hex_and_seps {
        hex.to_ascii_uppercase()
            .as_bytes()
            .chunks(2)
            .map(|c| String::from_utf8_lossy(c).to_string())
            .collect::<Vec<_>>()
            .join(":")
    } else {
        mac.trim().to_string()
    }
}

/// `AT+CSQ` rssi code to dBm: 0 → -113, 1 → -111, 2..30 → -109..-53, 31 → -51, 99 unknown.
pub fn csq_to_dbm(rssi: u8) -> Option<i32> {
    match rssi {
        0..=31 => Some(-113 + 2 * rssi as i32),
        _ => None,
    }
}

impl ProfileDriver {
    /// A driver on an open transport (a second device the profile names is not reached: its
    /// steps are guided).
    pub fn new(profile: Profile, transport: Box<dyn Transport>) -> Self {
        Self::with_link(profile, super::link::Link::Lines(transport))
    }

    /// A driver on an open link (Modbus, HTTP, UDP or lines); a second device the profile
    /// names is not reached: its steps are guided.
    pub fn with_link(profile: Profile, link: super::link::Link) -> Self {
        let profile = profile.reachable_with(false);
        let runner = Runner::with_link(link, profile.clone());
        ProfileDriver {
            profile,
            runner: Some(runner),
            side: None,
            inputs: BTreeMap::new(),
            read_as: BTreeMap::new(),
        }
    }

    /// Open the station the profile describes at `target` (its port or address); a profile
    /// without a transport gets a driver whose steps are asked or guided.
    pub fn open(profile: Profile, target: &super::link::Target) -> Result<Self> {
        if !profile.reachable() {
            return Ok(Self::without_port(profile));
        }
        let link = super::link::open(&profile, target)?;
        if !profile.side_http() {
            return Ok(Self::with_link(profile, link));
        }
        // The second device (OpenEVSE's WiFi module): reached at the target's address, else its
        // steps fall back to their guided form.
        let Some(address) = target.address.as_deref() else {
            return Ok(Self::with_link(profile, link));
        };
        let spec = profile.http.clone().unwrap_or_default();
        let addr = super::net::Address::parse(address, spec.port)?;
        let side = super::link::Link::Http(super::http::Client::new(addr, &spec.base_path)?);
        let mut d = Self::with_link(profile.clone(), link);
        d.side = Some(Runner::with_link(side, profile.clone()));
        d.profile = profile;
        Ok(d)
    }

    /// A driver for a station without a service port (every step is asked or guided).
    pub fn without_port(profile: Profile) -> Self {
        ProfileDriver {
            profile,
            runner: None,
            side: None,
            inputs: BTreeMap::new(),
            read_as: BTreeMap::new(),
        }
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Send only the profile's reading commands from now on (the read-only commands: `station
    /// info`, `station status`, `station ocpp get`, `modem check` without `--set-apn`).
    pub fn set_read_only(&mut self) {
        for r in [self.runner.as_mut(), self.side.as_mut()]
            .into_iter()
            .flatten()
        {
            r.set_read_only();
        }
    }

    /// Run a step with the given inputs (plus the asked values).
    pub fn run(&mut self, step: &str, inputs: &BTreeMap<String, String>) -> Result<Values> {
        self.run_with_timeout(step, inputs, None)
    }

    fn run_with_timeout(
        &mut self,
        step: &str,
        inputs: &BTreeMap<String, String>,
        timeout: Option<Duration>,
    ) -> Result<Values> {
        let mut all = self.inputs.clone();
        all.extend(inputs.clone());
        let def = self.profile.step(step);
        let scripted = def.is_some_and(|d| !d.run.is_empty());
        if !scripted {
            // Only constants and asked values: no port needed.
            if let Some(d) = def.filter(|d| d.guided.is_none() || !d.set.is_empty()) {
                let mut v = Values::default();
                v.scalars.extend(all);
                v.scalars.extend(d.set.clone());
                return Ok(v);
            }
            return Err(self.no_step(step));
        }
        let runner = if self.profile.on_side(step) {
            self.side.as_mut()
        } else {
            self.runner.as_mut()
        };
        let v = match runner {
            Some(r) => r.run_step(step, &all, timeout)?,
            None => return Err(self.no_step(step)),
        };
        for (k, how) in &v.scalars {
            if let Some(var) = k.strip_suffix("_read_as") {
                self.read_as.insert(var.to_string(), how.clone());
            }
        }
        Ok(v)
    }

    /// For each value read with other readings, the reading that answered (`serial` →
    /// `utf16`): where the sources disagree, which one the station agreed with.
    pub fn read_as(&self) -> &BTreeMap<String, String> {
        &self.read_as
    }

    /// Run a step and hand back a refusal instead of failing on it.
    #[allow(clippy::type_complexity)]
    pub fn run_lenient(
        &mut self,
        step: &str,
        inputs: &BTreeMap<String, String>,
    ) -> Result<(Values, Option<(String, String, BTreeMap<String, String>)>)> {
        let mut all = self.inputs.clone();
        all.extend(inputs.clone());
        match self.runner.as_mut() {
            Some(r) => r.run_step_lenient(step, &all, None),
            None => Err(self.no_step(step)),
        }
    }

    fn no_step(&self, step: &str) -> Error {
        let what = super::profile::step_purpose(step);
        let manufacturer = &self.profile.vendor.manufacturer;
        let guided = self.profile.guided(step).is_some();
        Error::station(
            E_NO_STEP,
            if guided {
                crate::t!(
                    "prof.driver.no_step_guided",
                    manufacturer = manufacturer,
                    what = what
                )
            } else {
                crate::t!(
                    "prof.driver.no_step",
                    manufacturer = manufacturer,
                    what = what
                )
            },
        )
        .with_help(crate::t!(
            "prof.driver.no_step_help",
            id = self.profile.vendor.id
        ))
    }

    pub fn port(&self) -> Option<&str> {
        self.runner.as_ref().map(|r| r.port())
    }

    /// Send one AT command through the profile's `modem` step (the modem's own port, or the
    /// station's passthrough). `ERROR` and `+CME ERROR: n` come back in the reply, not as errors.
    pub fn at(&mut self, command: &str) -> Result<AtReply> {
        let mut inputs = BTreeMap::new();
        inputs.insert("at".to_string(), command.to_string());
        let (values, refused) = self.run_lenient("modem", &inputs)?;
        Ok(AtReply {
            lines: values
                .list("line")
                .iter()
                .filter(|l| !l.trim().eq_ignore_ascii_case(command.trim()))
                .cloned()
                .collect(),
            error: refused.map(|(_, line, _)| line),
        })
    }

    /// The modem check (PIN, ICCID, registration, signal, operator, APN and a verdict).
    pub fn modem_check(&mut self, expected_apn: Option<&str>) -> Result<ModemReport> {
        at::check(|cmd| self.at(cmd), expected_apn)
    }

    /// Set the APN of PDP context 1.
    pub fn set_apn(&mut self, apn: &str) -> Result<()> {
        if apn.is_empty() || apn.contains('"') || apn.chars().any(|c| c.is_control()) {
            return Err(
                Error::validation("E_APN", crate::t!("prof.driver.bad_apn", apn = apn))
                    .with_help(crate::t!("prof.driver.bad_apn_help")),
            );
        }
        let r = self.at(&format!("AT+CGDCONT=1,\"IP\",\"{apn}\""))?;
        match r.error {
            None => Ok(()),
            Some(e) => Err(Error::station(
                "E_STATION_REFUSED",
                crate::t!(
                    "prof.driver.apn_refused",
                    port = self
                        .port()
                        .map(str::to_string)
                        .unwrap_or_else(|| crate::t!("text.unknown")),
                    apn = apn,
                    reply = e
                ),
            )
            .with_help(crate::t!("prof.driver.apn_refused_help"))),
        }
    }
}

impl StationDriver for ProfileDriver {
    fn read_clock(&mut self) -> Result<Option<String>> {
        if !self.profile.scripted("read_clock") {
            return Ok(None);
        }
        let v = self.run("read_clock", &BTreeMap::new())?;
        Ok(v.get("clock").map(str::to_string))
    }

    fn read_security(&mut self) -> Result<Option<super::security::SecurityState>> {
        self.security()
    }

    fn write_security(&mut self, w: &super::security::SecurityWrite) -> Result<()> {
        self.set_security(w)
    }

    fn provide(&mut self, var: &str, value: &str) {
        self.inputs.insert(var.to_string(), value.to_string());
    }

    fn identify(&mut self) -> Result<Identity> {
        let v = self.run("identify", &BTreeMap::new())?;
        let get = |k: &str| v.get(k).unwrap_or_default().to_string();
        let mut model = get("model");
        if model.is_empty()
            && let Some(art) = v.get("article")
            && let Ok(d) = super::profile::article::decode(&self.profile, art)
        {
            model = d.model;
        }
        Ok(Identity {
            manufacturer: get("manufacturer"),
            model,
            serial: get("serial"),
            mac: normalise_mac(&get("mac")),
            firmware: get("firmware"),
        })
    }

    fn read_sim(&mut self) -> Result<SimStatus> {
        if !self.profile.scripted("read_sim") && self.profile.scripted("modem") {
            let r = self.modem_check(None)?;
            return Ok(SimStatus {
                iccid: r.iccid.unwrap_or_default(),
                pin_state: r.pin_state,
                registered: r.registration.as_ref().is_some_and(|g| g.registered()),
                signal_dbm: r.signal_dbm,
                apn: r.apn,
            });
        }
        let v = self.run("read_sim", &BTreeMap::new())?;
        let pin_state = v.get("pin").unwrap_or_default().to_string();
        let registered = match v.get("reg") {
            Some(r) => matches!(r.trim(), "1" | "5"),
            None => v.get("registered") == Some("1"),
        };
        let signal_dbm = match v.get("rssi_dbm") {
            Some(d) => d.trim().parse::<i32>().ok(),
            None => v
                .get("csq")
                .and_then(|c| c.trim().parse::<u8>().ok())
                .and_then(csq_to_dbm),
        };
        Ok(SimStatus {
            iccid: v.get("iccid").unwrap_or_default().to_string(),
            pin_state,
            registered,
            signal_dbm,
            apn: v.get("apn").map(str::to_string),
        })
    }

    fn read_ocpp(&mut self) -> Result<OcppSettings> {
        let v = self.run("read_ocpp", &BTreeMap::new())?;
        Ok(OcppSettings {
            url: v.get("url").unwrap_or_default().to_string(),
            charge_box_id: v.get("charge_box_id").unwrap_or_default().to_string(),
        })
    }

    fn write_ocpp(&mut self, settings: &OcppSettings) -> Result<()> {
        let mut inputs = BTreeMap::new();
        inputs.insert("url".to_string(), settings.url.clone());
        inputs.insert("charge_box_id".to_string(), settings.charge_box_id.clone());
        self.run("write_ocpp", &inputs)?;
        Ok(())
    }

    fn reboot(&mut self) -> Result<()> {
        self.run("reboot", &BTreeMap::new())?;
        Ok(())
    }

    fn read_errors(&mut self) -> Result<Vec<String>> {
        let v = self.run("read_errors", &BTreeMap::new())?;
        let ok = self
            .profile
            .step("read_errors")
            .map(|s| s.ok.clone())
            .unwrap_or_default();
        let mut errors: Vec<String> = v.list("error").to_vec();
        for (k, list) in &v.lists {
            if let Some(var) = k.strip_suffix("_text")
                && !ok.contains_key(var)
            {
                errors.extend(list.iter().cloned());
            }
        }
        // Values with a "no error" list: anything else is an error.
        for (var, fine) in &ok {
            // Read but empty (a JSON `null`: go-e's "internal error") is no "no error".
            let Some(raw) = v.scalars.get(var) else {
                continue;
            };
            if fine.iter().any(|f| f.eq_ignore_ascii_case(raw.trim())) {
                continue;
            }
            let raw = match raw.trim() {
                "" => crate::t!("i14.empty_value"),
                r => r.to_string(),
            };
            errors.push(match v.get(&format!("{var}_text")) {
                Some(meaning) => format!("{meaning} ({var} {raw})"),
                None => crate::t!("prof.driver.error_not_in_table", var = var, raw = raw),
            });
        }
        Ok(errors)
    }

    fn take_traffic(&mut self) -> Vec<Traffic> {
        let mut all: Vec<Traffic> = self
            .runner
            .iter_mut()
            .chain(self.side.iter_mut())
            .flat_map(|r| r.take_traffic())
            .collect();
        all.sort_by_key(|t| t.at);
        all
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result<()> {
        if self.profile.scripted("wait_ready") {
            return self
                .run_with_timeout("wait_ready", &BTreeMap::new(), Some(timeout))
                .map(|_| ());
        }
        let deadline = crate::waits::deadline(Instant::now(), timeout);
        loop {
            match self.identify() {
                Ok(_) => return Ok(()),
                Err(e) if Instant::now() >= deadline => return Err(e),
                Err(_) => {}
            }
        }
    }
}

impl ProfileDriver {
    /// Read the security settings with the profile's `read_security` step; `None` when the
    /// profile has none.
    pub fn security(&mut self) -> Result<Option<SecurityState>> {
        if !self.profile().scripted("read_security") {
            return Ok(None);
        }
        let v = self.run("read_security", &BTreeMap::new())?;
        let raw = v.get("security_profile").unwrap_or_default().trim();
        let security_profile = raw.parse::<u8>().map_err(|_| {
            Error::station(
                "E_STATION_REPLY",
                crate::t!(
                    "stn.security.profile_not_number",
                    raw = raw,
                    vendor = self.profile().vendor.id
                ),
            )
            .with_help(crate::t!("stn.check_vendor_profile"))
        })?;
        Ok(Some(SecurityState {
            security_profile,
            authorization_key_set: v.scalars.get("authorization_key_set").and_then(|s| flag(s)),
        }))
    }

    /// Write the key, then the profile (a station refuses a profile that needs a key it does
    /// not have yet).
    pub fn set_security(&mut self, w: &SecurityWrite) -> Result<()> {
        if let Some(key) = &w.authorization_key {
            let mut inputs = BTreeMap::new();
            inputs.insert("authorization_key".to_string(), key.expose().to_string());
            self.run("write_authorization_key", &inputs)?;
        }
        if let Some(sp) = w.security_profile {
            let mut inputs = BTreeMap::new();
            inputs.insert("security_profile".to_string(), sp.to_string());
            self.run("write_security_profile", &inputs)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macs_and_signal() {
        assert_eq!(normalise_mac("02ef10004d01"), "02:EF:10:00:4D:01");
        assert_eq!(normalise_mac("02-ef-10-00-4d-01"), "02:EF:10:00:4D:01");
        assert_eq!(normalise_mac("not a mac"), "not a mac");
        assert_eq!(csq_to_dbm(0), Some(-113));
        assert_eq!(csq_to_dbm(31), Some(-51));
        assert_eq!(csq_to_dbm(15), Some(-83));
        assert_eq!(csq_to_dbm(99), None);
    }
}
