//! Finding the station's port: serial ports with their USB ids (from sysfs, no libudev), USB
//! devices through a `rusb::Context` (never `rusb::devices()`, which panics on a machine without
//! USB), matched against the vendor profiles' USB ids; and the remembered port.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::profile::Registry;
use crate::{Error, Result};

/// A serial port as the system lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortInfo {
    pub name: String,
    /// `usb`, `pci`, `bluetooth` or `unknown`.
    pub kind: String,
    pub vid: Option<String>,
    pub pid: Option<String>,
    pub serial_number: Option<String>,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    /// Profiles whose USB ids match, and what they call the device.
    pub matches: Vec<Match>,
}

/// A profile that knows a USB id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub vendor: String,
    pub what: String,
}

/// A USB device as libusb lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsbDevice {
    pub bus: u8,
    pub address: u8,
    pub vid: String,
    pub pid: String,
    pub matches: Vec<Match>,
}

fn hex4(v: u16) -> String {
    format!("{v:04x}")
}

/// Which profiles list this USB id.
pub fn matches(reg: &Registry, vid: u16, pid: u16) -> Vec<Match> {
    reg.by_usb(vid, pid)
        .into_iter()
        .map(|p| Match {
            vendor: p.vendor.id.clone(),
            what: p
                .service_port
                .as_ref()
                .and_then(|sp| sp.usb.iter().find(|u| u.ids() == Some((vid, pid))))
                .map(|u| u.what.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// The serial ports of this machine, known ones first.
pub fn serial_ports(reg: &Registry) -> Result<Vec<PortInfo>> {
    let ports = serialport::available_ports().map_err(|e| {
        Error::internal(
            "E_PORT_LIST",
            format!("could not list the serial ports: {}", e.description),
        )
        .with_help("pass the port with --port")
    })?;
    let mut out: Vec<PortInfo> = ports
        .into_iter()
        .map(|p| match p.port_type {
            serialport::SerialPortType::UsbPort(u) => PortInfo {
                name: p.port_name,
                kind: "usb".into(),
                vid: Some(hex4(u.vid)),
                pid: Some(hex4(u.pid)),
                serial_number: u.serial_number,
                manufacturer: u.manufacturer,
                product: u.product,
                matches: matches(reg, u.vid, u.pid),
            },
            other => PortInfo {
                name: p.port_name,
                kind: match other {
                    serialport::SerialPortType::PciPort => "pci",
                    serialport::SerialPortType::BluetoothPort => "bluetooth",
                    _ => "unknown",
                }
                .into(),
                vid: None,
                pid: None,
                serial_number: None,
                manufacturer: None,
                product: None,
                matches: Vec::new(),
            },
        })
        .collect();
    out.sort_by_key(|p| (p.matches.is_empty(), p.name.clone()));
    Ok(out)
}

/// The USB devices of this machine. A machine without USB (or where libusb cannot start) gives
/// an error message instead of a panic.
pub fn usb_devices(reg: &Registry) -> std::result::Result<Vec<UsbDevice>, String> {
    use rusb::UsbContext;
    let ctx = rusb::Context::new().map_err(|e| format!("USB is not available here: {e}"))?;
    let list = ctx
        .devices()
        .map_err(|e| format!("could not list the USB devices: {e}"))?;
    let mut out = Vec::new();
    for dev in list.iter() {
        let Ok(desc) = dev.device_descriptor() else {
            continue;
        };
        out.push(UsbDevice {
            bus: dev.bus_number(),
            address: dev.address(),
            vid: hex4(desc.vendor_id()),
            pid: hex4(desc.product_id()),
            matches: matches(reg, desc.vendor_id(), desc.product_id()),
        });
    }
    out.sort_by_key(|d| (d.matches.is_empty(), d.bus, d.address));
    Ok(out)
}

/// The machine-local memory of the last port used (and its vendor).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    pub port: Option<String>,
    pub vendor: Option<String>,
}

fn remembered_path(data_dir: &Path) -> PathBuf {
    data_dir.join("remembered-port.json")
}

/// Read the remembered port; a missing or unreadable file is nothing remembered.
pub fn remembered(data_dir: &Path) -> Remembered {
    std::fs::read(remembered_path(data_dir))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Remember a port and vendor for next time.
pub fn remember(data_dir: &Path, port: &str, vendor: &str) -> Result<()> {
    let r = Remembered {
        port: Some(port.to_string()),
        vendor: Some(vendor.to_string()),
    };
    crate::paths::ensure_private_dir(data_dir)?;
    let body = serde_json::to_vec_pretty(&r).unwrap_or_default();
    crate::paths::write_atomic(&remembered_path(data_dir), &body)
}

/// How a port was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    Flag,
    Remembered,
    OnlyMatch,
    Chosen,
}

/// The port to use, in the fixed order: the flag or environment, the remembered port (when it
/// still exists), the one port a profile recognises. `None` when a person must choose.
pub fn pick(
    flag: Option<&str>,
    remembered: &Remembered,
    ports: &[PortInfo],
) -> Option<(String, How)> {
    if let Some(p) = flag.filter(|p| !p.trim().is_empty()) {
        return Some((p.to_string(), How::Flag));
    }
    if let Some(p) = remembered.port.as_deref().filter(|p| Path::new(p).exists()) {
        return Some((p.to_string(), How::Remembered));
    }
    let known: Vec<&PortInfo> = ports.iter().filter(|p| !p.matches.is_empty()).collect();
    if known.len() == 1 {
        return Some((known[0].name.clone(), How::OnlyMatch));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(name: &str, vendor: Option<&str>) -> PortInfo {
        PortInfo {
            name: name.into(),
            kind: "usb".into(),
            vid: None,
            pid: None,
            serial_number: None,
            manufacturer: None,
            product: None,
            matches: vendor
                .map(|v| {
                    vec![Match {
                        vendor: v.into(),
                        what: String::new(),
                    }]
                })
                .unwrap_or_default(),
        }
    }

    #[test]
    fn ports_are_picked_in_a_fixed_order() {
        let ports = vec![
            port("/dev/ttyUSB0", None),
            port("/dev/ttyUSB1", Some("openevse")),
        ];
        let none = Remembered::default();
        assert_eq!(
            pick(Some("/dev/pts/7"), &none, &ports),
            Some(("/dev/pts/7".into(), How::Flag))
        );
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("tty").display().to_string();
        std::fs::write(&existing, "").unwrap();
        let r = Remembered {
            port: Some(existing.clone()),
            vendor: None,
        };
        assert_eq!(pick(None, &r, &ports), Some((existing, How::Remembered)));
        let gone = Remembered {
            port: Some("/dev/ttyGONE".into()),
            vendor: None,
        };
        assert_eq!(
            pick(None, &gone, &ports),
            Some(("/dev/ttyUSB1".into(), How::OnlyMatch))
        );
        let two = vec![
            port("/dev/ttyUSB0", Some("a")),
            port("/dev/ttyUSB1", Some("b")),
        ];
        assert_eq!(pick(None, &none, &two), None);
        assert_eq!(pick(None, &none, &[]), None);
    }

    #[test]
    fn remembered_port_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(remembered(dir.path()), Remembered::default());
        remember(dir.path(), "/dev/ttyUSB0", "openevse").unwrap();
        assert_eq!(remembered(dir.path()).vendor.as_deref(), Some("openevse"));
    }

    #[test]
    fn listing_never_panics() {
        let reg = Registry::shipped().unwrap();
        // Either works or says why (no USB in a container); never panics.
        let _ = serial_ports(&reg);
        match usb_devices(&reg) {
            Ok(list) => assert!(list.iter().all(|d| d.vid.len() == 4)),
            Err(e) => assert!(e.contains("USB"), "{e}"),
        }
    }
}
