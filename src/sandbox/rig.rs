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

pub struct DemoRig {
    dir: PathBuf,
    pub network: network::SandboxHandle,
    pub station: station::SimHandle,
}

impl DemoRig {
    /// Start (or restart, after a kill) the demo's station and network under `session_dir/demo`.
    pub fn start(session_dir: &Path) -> Result<DemoRig> {
        let faults = demo_station_fault()?;
        let dir = session_dir.join("demo");
        crate::paths::ensure_private_dir(&dir)?;
        let rig_file = dir.join("rig.json");
        let port = match std::fs::read(&rig_file) {
            Ok(b) => serde_json::from_slice::<RigFile>(&b)
                .map(|r| r.port)
                .unwrap_or(0),
            Err(_) => 0,
        };
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
        if port == 0 {
            let body = serde_json::to_vec(&RigFile {
                port: net.addr().port(),
            })
            .unwrap_or_default();
            crate::paths::write_atomic(&rig_file, &body)?;
        }
        let state_path = dir.join("station.json");
        let state = if state_path.exists() {
            station::load_state(&state_path)?
        } else {
            station::SimState::default()
        };
        let sim = station::start(
            state,
            station::SimOptions {
                state_path: Some(state_path),
                boot_delay: Duration::from_millis(demo_boot_delay_ms()),
                ocpp_retry: Duration::from_millis(100),
                faults,
                ..Default::default()
            },
        )?;
        for (name, w, h) in [("before.png", 64, 48), ("site.png", 96, 64)] {
            let p = dir.join(name);
            if !p.exists() {
                crate::paths::write_atomic(&p, &demo::photo_png(w, h))?;
            }
        }
        Ok(DemoRig {
            dir,
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
        m.insert("station.port".into(), self.station.path().to_string());
        m.insert("station.vendor".into(), "evfield-sim".into());
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

    pub fn network_state_path(&self) -> PathBuf {
        self.dir.join("network.json")
    }
}
