//! The demo rig: the simulated station and the sandbox network side by side, with their state
//! kept in the session's `demo/` folder so a killed demo resumes against the same station and
//! the same network.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{demo, network, station};
use crate::{Error, Result};

#[derive(Serialize, Deserialize)]
struct RigFile {
    /// The sandbox's port: kept so the OCPP URL written into the station stays right on resume.
    port: u16,
    /// The vendor profile the simulated station plays (`renetwork --demo --vendor ID`).
    #[serde(default = "default_vendor")]
    vendor: String,
}

fn default_vendor() -> String {
    "evfield-sim".into()
}

/// The simulated station's restart time in the demo: 100 ms, or `EVFIELD_DEMO_BOOT_MS` (the
/// benchmarks set 0 to time the tool without reboot waits).
fn demo_boot_delay_ms() -> u64 {
    std::env::var("EVFIELD_DEMO_BOOT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

/// A fault for the demo's simulated station from `EVFIELD_DEMO_STATION_FAULT=KIND[:MS][@N]`
/// (the service-port fault campaign): e.g. `garbage@5` answers 5 commands, then garbles every
/// reply. Unset: no fault.
fn demo_station_fault() -> Result<station::SimFaults> {
    match std::env::var("EVFIELD_DEMO_STATION_FAULT") {
        Ok(spec) if !spec.trim().is_empty() => station::SimFaults::parse_spec(&spec).map_err(|e| {
            Error::usage(
                "E_DEMO_FAULT",
                format!("EVFIELD_DEMO_STATION_FAULT=`{spec}`: {e}"),
            )
            .with_help("use KIND[:MS][@N], e.g. `garbage@5` or `slow:300`; unset it for no fault")
        }),
        _ => Ok(station::SimFaults::default()),
    }
}

/// The simulator's dialect for a vendor profile id, or the error that lists the ones it plays.
pub fn check_vendor(vendor: &str) -> Result<station::Dialect> {
    station::Dialect::for_vendor(vendor).ok_or_else(|| {
        Error::usage(
            "E_SIM_VENDOR",
            format!("the demo's simulator does not play vendor `{vendor}`"),
        )
        .with_help(format!(
            "it plays {}",
            station::Dialect::ALL
                .iter()
                .map(|d| d.vendor_id())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

pub struct DemoRig {
    dir: PathBuf,
    vendor: String,
    pub network: network::SandboxHandle,
    pub station: station::SimHandle,
}

impl DemoRig {
    /// Start (or restart, after a kill) the demo's station and network under `session_dir/demo`.
    /// `vendor` picks the vendor profile the simulated station plays (default `evfield-sim`);
    /// a restarted demo plays the one it started with.
    pub fn start(session_dir: &Path, vendor: Option<&str>) -> Result<DemoRig> {
        let faults = demo_station_fault()?;
        let dir = session_dir.join("demo");
        crate::paths::ensure_private_dir(&dir)?;
        let rig_file = dir.join("rig.json");
        let saved = std::fs::read(&rig_file)
            .ok()
            .and_then(|b| serde_json::from_slice::<RigFile>(&b).ok());
        let port = saved.as_ref().map(|r| r.port).unwrap_or(0);
        let vendor = match (&saved, vendor) {
            (Some(r), _) => r.vendor.clone(),
            (None, Some(v)) => v.to_string(),
            (None, None) => default_vendor(),
        };
        let dialect = check_vendor(&vendor)?;
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
                    format!(
                        "{} (the demo's sandbox must come back on port {port})",
                        e.message
                    ),
                )
                .with_help(
                    "another program holds that port; stop it and resume, or start a new demo",
                )
            } else {
                e
            }
        })?;
        if saved.is_none() {
            let body = serde_json::to_vec(&RigFile {
                port: net.addr().port(),
                vendor: vendor.clone(),
            })
            .unwrap_or_default();
            crate::paths::write_atomic(&rig_file, &body)?;
        }
        let state_path = dir.join("station.json");
        let state = if state_path.exists() {
            station::load_state(&state_path)?
        } else {
            // The demo kit's activation is for the demo MAC, whatever the station.
            station::SimState {
                mac: demo::MAC.into(),
                ..dialect.default_state()
            }
        };
        let sim = station::start(
            state,
            station::SimOptions {
                state_path: Some(state_path),
                boot_delay: Duration::from_millis(demo_boot_delay_ms()),
                ocpp_retry: Duration::from_millis(100),
                faults,
                dialect,
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
            vendor,
            network: net,
            station: sim,
        })
    }

    /// Values the demo gives that a real installer would: the port, the network, the account,
    /// the photos.
    pub fn provided_values(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        m.insert("network.url".into(), self.network.base_url());
        m.insert("account.username".into(), demo::INSTALLER_USER.into());
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
        m.insert("station.vendor".into(), self.vendor.clone());
        // What the installer reads off the station where its profile cannot (the app, a label).
        m.insert("station.mac".into(), demo::MAC.into());
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

    /// The installer takes the old SIM out and puts the network's SIM in.
    pub fn swap_sim(&self) {
        if self.station.state().iccid.as_deref() != Some(demo::NEW_ICCID) {
            self.station.swap_sim(demo::NEW_ICCID, "iot.network.apn");
        }
    }

    /// The installer enters the OCPP settings in the manufacturer's app (guided step).
    pub fn enter_ocpp_in_app(&self, url: &str, charge_box_id: &str) {
        let s = self.station.state();
        if s.ocpp_url.as_deref() != Some(url) || s.charge_box_id.as_deref() != Some(charge_box_id) {
            self.station.configure_ocpp_by_app(url, charge_box_id);
        }
    }

    pub fn network_state_path(&self) -> PathBuf {
        self.dir.join("network.json")
    }
}
