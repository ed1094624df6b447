//! Talking to the station over its service port.
//!
//! The byte transport is behind [`transport::Transport`] (a real serial port, a pseudo-terminal,
//! or memory in unit tests), and what to send is behind [`StationDriver`], so the session never
//! depends on one manufacturer's protocol.

pub mod at;
pub mod console;
pub mod discovery;
pub mod exchange;
pub mod http;
pub mod link;
pub mod lint;
pub mod modbus;
pub mod net;
pub mod probe;
pub mod profile;
pub mod profiled;
pub mod rapi;
pub mod rfid;
pub mod script;
pub mod security;
pub mod transport;
pub mod udp;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Result;

/// Who the station is, as read from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    /// Upper-case, colon separated (`02:EF:10:00:4D:01`).
    pub mac: String,
    pub firmware: String,
}

/// The OCPP settings that point a station at a central system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcppSettings {
    /// Central-system URL; the station appends `/<charge_box_id>` when it connects.
    pub url: String,
    pub charge_box_id: String,
}

/// What the station's modem reports about the SIM in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimStatus {
    pub iccid: String,
    /// `READY`, `SIM PIN`, `NOT INSERTED`, ...
    pub pin_state: String,
    /// Registered on a network (home or roaming).
    pub registered: bool,
    /// Signal in dBm, when known.
    pub signal_dbm: Option<i32>,
    pub apn: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Sent,
    Received,
}

/// Bytes that crossed the service port, kept for the journal (support replays them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traffic {
    pub dir: Direction,
    pub bytes: Vec<u8>,
    pub at: DateTime<Utc>,
}

/// What the session needs from a station, whatever its protocol.
pub trait StationDriver: Send {
    /// Read manufacturer, model, serial, MAC and firmware.
    fn identify(&mut self) -> Result<Identity>;
    /// Read the SIM and modem state.
    fn read_sim(&mut self) -> Result<SimStatus>;
    /// Read the OCPP settings currently stored in the station.
    fn read_ocpp(&mut self) -> Result<OcppSettings>;
    /// Write the OCPP settings (the caller reads them back to prove they took).
    fn write_ocpp(&mut self, settings: &OcppSettings) -> Result<()>;
    /// Ask the station to restart; returns once the restart was acknowledged.
    fn reboot(&mut self) -> Result<()>;
    /// Errors or alarms the station currently reports (empty when none).
    fn read_errors(&mut self) -> Result<Vec<String>>;
    /// The station's clock reading, when it can tell (`YY MO DD HH MM SS` or RFC 3339).
    fn read_clock(&mut self) -> Result<Option<String>> {
        Ok(None)
    }
    /// The OCPP security settings, when the station tells them over its port.
    fn read_security(&mut self) -> Result<Option<security::SecurityState>> {
        Ok(None)
    }
    /// Write the authorization key and/or the security profile.
    fn write_security(&mut self, _w: &security::SecurityWrite) -> Result<()> {
        Err(crate::Error::station(
            script::E_NO_STEP,
            crate::t!("stn.security.cannot_write"),
        ))
    }
    /// Give a value the installer entered for the profile's `ask` list (`serial`, `mac`, ...),
    /// for stations that cannot report it themselves.
    fn provide(&mut self, _var: &str, _value: &str) {}
    /// Drain the bytes exchanged since the last call (oldest first).
    fn take_traffic(&mut self) -> Vec<Traffic>;
    /// Wait until the station answers again after a restart.
    fn wait_ready(&mut self, timeout: std::time::Duration) -> Result<()> {
        let deadline = crate::waits::deadline(std::time::Instant::now(), timeout);
        loop {
            match self.identify() {
                Ok(_) => return Ok(()),
                Err(e) if std::time::Instant::now() >= deadline => return Err(e),
                Err(_) => {}
            }
        }
    }
}

/// Bytes as text with control characters visible: `\r`, `\n`, `\t`, `\\`, `\xNN`.
pub fn escape_bytes(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len());
    for &c in b {
        match c {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s
}

/// `-v`: service-port bytes as the journal keeps them (secrets already masked), cut at 160
/// characters; `-vv`: whole, with the time.
pub fn trace_traffic(port: &str, t: &Traffic) {
    crate::waits::trace(1, || {
        let arrow = match t.dir {
            Direction::Sent => "->",
            Direction::Received => "<-",
        };
        let mut text = escape_bytes(&t.bytes);
        if !crate::waits::tracing(2) && text.chars().count() > 160 {
            text = text.chars().take(160).collect::<String>() + "...";
        }
        match crate::waits::tracing(2) {
            true => format!("port {port} {} {arrow} {text}", t.at.format("%H:%M:%S%.3f")),
            false => format!("port {port} {arrow} {text}"),
        }
    });
}
