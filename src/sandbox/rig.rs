//! The demo rig: the simulated station and the sandbox network side by side, with their state
//! kept in the session's `demo/` folder so a killed demo resumes against the same station and
//! the same network.
//!
//! The station is the demo station of a vendor (`--vendor`, src/sandbox/demo_vendors.rs; kept in
//! `demo/rig.json`, so a resumed demo plays the same one). Where the session needs the
//! installer's hands, the rig plays them: the SIM swap ([`DemoRig::swap_sim`]) and the settings
//! entered in a manufacturer's app for a guided step ([`DemoRig::guided_done`]).

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{demo, demo_vendors, network, station};
use crate::{Error, Result};

#[derive(Serialize, Deserialize)]
struct RigFile {
    /// The sandbox's port: kept so the OCPP URL written into the station stays right on resume.
    port: u16,
    /// The demo station's vendor (`--vendor` of the first run; a resumed demo keeps it).
    #[serde(default)]
    vendor: Option<String>,
    /// Which of a site's demo stations (`renetwork --demo --stations N`): 0 is the demo's own.
    #[serde(default)]
    number: u32,
}

/// The simulated station's restart time in the demo: 100 ms, or `EVFIELD_DEMO_BOOT_MS` (the
/// benchmarks set 0 to time the tool without reboot waits).
fn demo_boot_delay_ms() -> u64 {
    std::env::var("EVFIELD_DEMO_BOOT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

/// The environment variable that injects a simulator fault into a demo (see [`DemoFault`]).
pub const FAULT_ENV: &str = "EVFIELD_DEMO_SIM_FAULT";

/// A fault of the demo station, from `EVFIELD_DEMO_SIM_FAULT=KIND[:MS][@WHEN]`:
///
/// - KIND is a fault kind of the simulator ([`station::FAULT_NAMES`], as `evfield sim --fault`
///   spells them): `silent` (no reply), `garbage` (random bytes), `slow` (every reply `MS` late,
///   default 5000), `unplug` (half a reply, then the cable is pulled), `bad-checksum` (RAPI, so
///   `--vendor openevse`), `echo` (every line echoed first), and for the vendors on Modbus or
///   HTTP `crc-error`, `exception`, `wrong-unit`, `http-error`;
/// - WHEN is a phase (`precheck`, `sim`, `commission`, `verify`, ...): the fault starts as that
///   phase begins; or a number N: the station answers N commands normally, then misbehaves
///   (the service-port fault campaign's injection points). Without it, from the start.
///
/// The fault lives as long as the process: a resume without the variable runs on a healthy
/// station. For fault campaigns (support, CI) and for seeing what an installer sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoFault {
    pub faults: station::SimFaults,
    pub phase: Option<String>,
}

impl DemoFault {
    pub fn parse(spec: &str) -> Result<DemoFault> {
        let bad = |why: String| {
            Error::usage(
                "E_DEMO_FAULT",
                crate::t!("guided.demo_fault", var = FAULT_ENV, spec = spec, why = why),
            )
            .with_help(crate::t!(
                "guided.demo_fault_help",
                kinds = station::FAULT_NAMES.join(", ")
            ))
        };
        let (kind, when) = match spec.trim().split_once('@') {
            Some((k, w)) => (k.trim(), Some(w.trim())),
            None => (spec.trim(), None),
        };
        let (phase, after) = match when {
            None => (None, 0),
            Some(w) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => (
                None,
                w.parse::<u32>()
                    .map_err(|_| bad(crate::t!("guided.demo_fault_after", n = w)))?,
            ),
            Some(p) if crate::session::Phase::from_name(p).is_some() => (Some(p), 0),
            Some(p) => {
                return Err(bad(crate::t!(
                    "guided.demo_fault_phase",
                    phase = p,
                    phases = crate::session::Phase::ALL.map(|p| p.name()).join(", ")
                )));
            }
        };
        let (kind, ms) = match kind.split_once(':') {
            Some((k, ms)) => (
                k.trim(),
                Some(
                    ms.trim()
                        .parse::<u64>()
                        .map_err(|_| bad(crate::t!("guided.demo_fault_ms", ms = ms)))?,
                ),
            ),
            None => (kind, None),
        };
        let name = kind.to_ascii_lowercase().replace('_', "-");
        let mut f = station::SimFaults::named(&name, Duration::from_millis(ms.unwrap_or(5000)))
            .ok_or_else(|| bad(crate::t!("guided.demo_fault_kind", kind = kind)))?;
        if ms.is_some() && f.slow_reply.is_none() {
            return Err(bad(crate::t!("guided.demo_fault_only_slow")));
        }
        f.after_commands = after;
        Ok(DemoFault {
            faults: f,
            phase: phase.map(str::to_string),
        })
    }

    /// The fault from the environment, if one is set.
    pub fn from_env() -> Result<Option<DemoFault>> {
        match std::env::var(FAULT_ENV) {
            Ok(v) if !v.trim().is_empty() => Self::parse(&v).map(Some),
            _ => Ok(None),
        }
    }
}

pub struct DemoRig {
    dir: PathBuf,
    /// The fault to inject (`EVFIELD_DEMO_SIM_FAULT`), when its phase comes.
    fault: Option<DemoFault>,
    pub network: network::SandboxHandle,
    pub station: station::SimHandle,
    /// Which vendor's station the demo plays (src/sandbox/demo_vendors.rs).
    pub vendor: demo_vendors::DemoStation,
    /// Which of a demo site's stations it is (0: the demo's own).
    pub number: u32,
}

/// The serial of a demo site's station `number` (the demo's own is [`demo::SERIAL`]).
pub fn station_serial(number: u32) -> String {
    format!("EVF2026{:06}", 123 + number)
}

impl DemoRig {
    /// Start (or restart, after a kill) the demo's station and network under `session_dir/demo`,
    /// with the demo station of a vendor (default `evfield-sim`). A resumed
    /// demo keeps the vendor of its first run.
    pub fn start(session_dir: &Path, vendor: Option<&str>) -> Result<DemoRig> {
        DemoRig::start_station(session_dir, vendor, 0)
    }

    /// [`DemoRig::start`] for station `number` of a demo site: station 0 is the demo's own;
    /// station `k` has its own serial and the MAC of the sandbox's generated activation record
    /// `k` (whose password [`DemoRig::activation_password`] gives). A resumed demo keeps the
    /// number of its first run.
    pub fn start_station(session_dir: &Path, vendor: Option<&str>, number: u32) -> Result<DemoRig> {
        let dir = session_dir.join("demo");
        crate::paths::ensure_private_dir(&dir)?;
        let rig_file = dir.join("rig.json");
        let (port, kept_vendor, number) = match std::fs::read(&rig_file) {
            Ok(b) => serde_json::from_slice::<RigFile>(&b)
                .map(|r| (r.port, r.vendor, r.number))
                .unwrap_or((0, None, number)),
            Err(_) => (0, None, number),
        };
        let vendor_id = kept_vendor
            .or_else(|| vendor.map(str::to_string))
            .unwrap_or_else(|| demo_vendors::VENDORS[0].to_string());
        let demo_station = demo_vendors::station(&vendor_id)?;
        let fault = DemoFault::from_env()?;
        let net = network::start(network::SandboxConfig {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            state_path: Some(dir.join("network.json")),
            ..Default::default()
        })
        .map_err(|e| {
            if port != 0 {
                Error::new(
                    e.kind,
                    e.code,
                    crate::t!("tool.demo.port_back", message = e.message, port = port),
                )
                .with_help(crate::t!("tool.demo.port_back_help"))
            } else {
                e
            }
        })?;
        if port == 0 {
            let body = serde_json::to_vec(&RigFile {
                port: net.addr().port(),
                vendor: Some(vendor_id.clone()),
                number,
            })
            .unwrap_or_default();
            crate::paths::write_atomic(&rig_file, &body)?;
        }
        let state_path = dir.join("station.json");
        let state = if state_path.exists() {
            station::load_state(&state_path)?
        } else {
            let mut state = demo_station.state.clone();
            if number > 0 {
                state.mac = network::sandbox_activation(number).0;
                state.serial = station_serial(number);
            }
            state
        };
        let sim = station::start(
            state,
            station::SimOptions {
                state_path: Some(state_path),
                boot_delay: Duration::from_millis(demo_boot_delay_ms()),
                ocpp_retry: Duration::from_millis(100),
                dialect: demo_station.dialect,
                // a fault without a phase is there from the start (after N commands, if given)
                faults: fault
                    .as_ref()
                    .filter(|f| f.phase.is_none())
                    .map(|f| f.faults.clone())
                    .unwrap_or_default(),
                ..Default::default()
            },
        )?;
        // big enough for the photo checks (at least 640×480; the site photo landscape)
        for (name, w, h) in [("before.png", 640, 480), ("site.png", 800, 600)] {
            let p = dir.join(name);
            if !p.exists() {
                crate::paths::write_atomic(&p, &demo::photo_png(w, h))?;
            }
        }
        Ok(DemoRig {
            dir,
            fault,
            network: net,
            station: sim,
            vendor: demo_station,
            number,
        })
    }

    /// The activation password of this station's sticker.
    pub fn activation_password(&self) -> String {
        if self.number == 0 {
            demo::ACTIVATION_PASSWORD.to_string()
        } else {
            network::sandbox_activation(self.number).1
        }
    }

    /// Values the demo gives that a real installer would: the port, the network, the account,
    /// the photos.
    pub fn provided_values(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        m.insert("network.url".into(), self.network.base_url());
        m.insert("account.username".into(), demo::INSTALLER_USER.into());
        if self.vendor.service_port {
            // A station on the network (Modbus TCP, HTTP, UDP) has an address, not a port.
            let on_network = matches!(
                self.station.dialect().service(),
                station::Service::ModbusTcp | station::Service::Http | station::Service::Udp
            );
            let key = if on_network {
                "station.address"
            } else {
                "station.port"
            };
            m.insert(key.into(), self.station.path().to_string());
        }
        m.insert("station.vendor".into(), self.vendor.vendor.into());
        // What the installer reads off the station where its profile cannot (the app, a label).
        m.insert("station.mac".into(), self.station.state().mac);
        // The serial the installer types from the type plate: the simulated station's own
        // (also where the profile cannot read it over the port: Bender, Phoenix Contact).
        m.insert("pinpoint.serial_plate".into(), self.station.state().serial);
        m.insert("station.serial".into(), self.station.state().serial);
        m.insert(
            "before.photo".into(),
            self.dir.join("before.png").display().to_string(),
        );
        m.insert(
            "labels.photo".into(),
            self.dir.join("site.png").display().to_string(),
        );
        m.insert(
            "pinpoint.photo".into(),
            self.dir.join("site.png").display().to_string(),
        );
        m
    }

    /// A phase of the session begins: the fault of `EVFIELD_DEMO_SIM_FAULT=KIND@PHASE` starts.
    pub fn phase_started(&self, phase: &str) {
        if let Some(f) = &self.fault
            && f.phase.as_deref() == Some(phase)
        {
            self.station.set_faults(f.faults.clone());
        }
    }

    /// The installer takes the old SIM out and puts the network's SIM in.
    pub fn swap_sim(&self) {
        if self.station.state().iccid.as_deref() != Some(demo::NEW_ICCID) {
            self.station.swap_sim(demo::NEW_ICCID, "iot.network.apn");
        }
    }

    /// The installer's hands in the manufacturer's app (or the station's web page): the session
    /// confirmed a guided step, so the values it showed are entered into the simulated station,
    /// exactly as shown. A vendor whose profile has a guided `reboot` restarts by itself (Wallbox
    /// after SAVE); otherwise only its OCPP client picks the settings up (OpenEVSE's WiFi module).
    pub fn guided_done(
        &self,
        profile: &crate::station::profile::Profile,
        step: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<()> {
        if step != "write_ocpp" {
            return Ok(());
        }
        let get = |k: &str| values.get(k).map(String::as_str).unwrap_or_default();
        let restarts = profile.guided("reboot").is_some();
        self.station
            .configure_in_app(get("url"), get("charge_box_id"), restarts)
            .map_err(|why| {
                Error::station(
                    "E_DEMO_APP",
                    crate::t!(
                        "guided.demo_app_refused",
                        manufacturer = profile.vendor.manufacturer,
                        why = why
                    ),
                )
                .with_help(crate::t!("guided.demo_app_refused_help"))
            })
    }

    /// The installer points the station at evfield's OCPP probe (on a real EVA from its current
    /// central system's OCPP tab): the station takes the URL, keeps its identity and restarts.
    pub fn point_at_probe(&self, url: &str) -> Result<()> {
        let st = self.station.state();
        let id = st.charge_box_id.clone().unwrap_or(st.serial);
        self.station
            .configure_in_app(url, &id, true)
            .map_err(|why| Error::internal("E_DEMO_PROBE", why))
    }

    pub fn network_state_path(&self) -> PathBuf {
        self.dir.join("network.json")
    }
}

impl crate::session::Rig for DemoRig {
    fn provided_values(&self) -> BTreeMap<String, String> {
        DemoRig::provided_values(self)
    }
    fn phase_started(&self, phase: &str) {
        DemoRig::phase_started(self, phase)
    }
    fn swap_sim(&self) {
        DemoRig::swap_sim(self)
    }
    fn guided_done(
        &self,
        profile: &crate::station::profile::Profile,
        step: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<()> {
        DemoRig::guided_done(self, profile, step, values)
    }
    fn point_at_probe(&self, url: &str) -> Result<()> {
        DemoRig::point_at_probe(self, url)
    }
    fn network_state_path(&self) -> PathBuf {
        DemoRig::network_state_path(self)
    }
    fn installer_password(&self) -> String {
        demo::INSTALLER_PASSWORD.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_specs() {
        let f = DemoFault::parse("silent@commission").unwrap();
        assert!(f.faults.silent);
        assert_eq!(f.phase.as_deref(), Some("commission"));
        let f = DemoFault::parse(" slow ").unwrap();
        assert_eq!(f.faults.slow_reply, Some(Duration::from_millis(5000)));
        assert_eq!(f.phase, None);
        let f = DemoFault::parse("slow:250@verify").unwrap();
        assert_eq!(f.faults.slow_reply, Some(Duration::from_millis(250)));
        assert!(
            DemoFault::parse("BAD_CHECKSUM")
                .unwrap()
                .faults
                .bad_checksum
        );
        assert!(DemoFault::parse("unplug").unwrap().faults.unplug_mid_reply);
        assert!(DemoFault::parse("garbage").unwrap().faults.garbage);
        assert!(DemoFault::parse("echo@sim").unwrap().faults.echo);
        // after N commands (the service-port campaign's points), and the kinds of Modbus/HTTP
        let f = DemoFault::parse("garbage@5").unwrap();
        assert!(f.faults.garbage);
        assert_eq!((f.faults.after_commands, f.phase), (5, None));
        let f = DemoFault::parse("slow:300@2").unwrap();
        assert_eq!(f.faults.slow_reply, Some(Duration::from_millis(300)));
        assert_eq!(f.faults.after_commands, 2);
        assert!(DemoFault::parse("crc-error").unwrap().faults.crc_error);
        assert_eq!(
            DemoFault::parse("http-error@1").unwrap().faults.http_status,
            Some(500)
        );
        for bad in [
            "",
            "loud",
            "slow:x",
            "silent:3",
            "silent@later",
            "echo@99999999999",
            "echo@",
        ] {
            assert_eq!(
                DemoFault::parse(bad).unwrap_err().code,
                "E_DEMO_FAULT",
                "{bad}"
            );
        }
    }
}
