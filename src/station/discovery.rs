//! Finding the station's port: serial ports with their USB ids (from sysfs, no libudev), USB
//! devices through `nusb` (pure Rust: sysfs on Linux, IOKit, SetupAPI; a machine without USB
//! gives an error, not a panic), matched against the vendor profiles' USB ids; and the
//! remembered port.

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

impl PortInfo {
    /// One line: name, USB id, manufacturer, product, serial number, matching profiles.
    pub fn describe(&self) -> String {
        let mut t = self.name.clone();
        if let (Some(v), Some(pid)) = (&self.vid, &self.pid) {
            t.push_str(&format!("  {v}:{pid}"));
        }
        for x in [&self.manufacturer, &self.product].into_iter().flatten() {
            t.push_str(&format!("  {x}"));
        }
        if let Some(s) = &self.serial_number {
            t.push_str(&format!("  {}", crate::t!("stn.ports.serial", serial = s)));
        }
        if !self.matches.is_empty() {
            let m: Vec<&str> = self.matches.iter().map(|m| m.vendor.as_str()).collect();
            t.push_str(&format!("  [{}]", m.join(", ")));
        }
        t
    }
}

/// The error when no port is given and none can be told apart (or there is none), with what
/// to pass.
pub fn no_port_error(ports: &[PortInfo]) -> Error {
    let listed: Vec<String> = ports.iter().map(PortInfo::describe).collect();
    let message = if ports.is_empty() {
        crate::t!("guided.no_port_found")
    } else {
        crate::tn!(
            "guided.ports_ambiguous",
            count = ports.len(),
            ports = listed.join("; ")
        )
    };
    let help = match ports.first() {
        Some(first) => crate::t!("guided.ports_ambiguous_help", example = first.name),
        None => crate::t!("guided.no_port_found_help"),
    };
    Error::usage("E_NO_PORT", message).with_help(help)
}

/// A profile that knows a USB id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub vendor: String,
    pub what: String,
}

/// A USB device as the system lists it.
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
                .map(|u| u.what.get().to_string())
                .unwrap_or_default(),
        })
        .collect()
}

/// Ports the system does not list but the installer wants offered (pseudo-terminals of
/// simulators, serial bridges such as `socat`): `PATH[=VENDOR]`, comma separated.
pub const EXTRA_PORTS_ENV: &str = "EVFIELD_EXTRA_PORTS";

/// The ports of [`EXTRA_PORTS_ENV`]'s value: a `=VENDOR` makes the port known to that profile.
pub fn extra_ports(reg: &Registry, spec: &str) -> Result<Vec<PortInfo>> {
    let mut out = Vec::new();
    for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let (name, vendor) = match entry.split_once('=') {
            Some((n, v)) => (n.trim(), Some(v.trim())),
            None => (entry, None),
        };
        if name.is_empty() {
            return Err(Error::usage(
                "E_EXTRA_PORTS",
                crate::t!(
                    "stn.ports.extra_no_port",
                    var = EXTRA_PORTS_ENV,
                    entry = entry
                ),
            )
            .with_help(crate::t!("stn.ports.extra_help")));
        }
        let matches = match vendor {
            Some(v) => {
                let p = reg.get(v).map_err(|e| {
                    Error::usage(
                        "E_EXTRA_PORTS",
                        format!("{EXTRA_PORTS_ENV}: `{entry}`: {}", e.message),
                    )
                    .with_help(e.help.unwrap_or_default())
                })?;
                vec![Match {
                    vendor: p.vendor.id.clone(),
                    what: crate::t!("stn.ports.named_in", var = EXTRA_PORTS_ENV),
                }]
            }
            None => Vec::new(),
        };
        out.push(PortInfo {
            name: name.to_string(),
            kind: "extra".into(),
            vid: None,
            pid: None,
            serial_number: None,
            manufacturer: None,
            product: None,
            matches,
        });
    }
    Ok(out)
}

/// The serial ports of this machine and those of [`EXTRA_PORTS_ENV`], known ones first.
pub fn serial_ports(reg: &Registry) -> Result<Vec<PortInfo>> {
    let mut out = system_ports(reg)?;
    if let Ok(spec) = std::env::var(EXTRA_PORTS_ENV) {
        for p in extra_ports(reg, &spec)? {
            if !out.iter().any(|q| q.name == p.name) {
                out.push(p);
            }
        }
    }
    out.sort_by_key(|p| (p.matches.is_empty(), p.name.clone()));
    Ok(out)
}

/// The serial ports the system lists.
fn system_ports(reg: &Registry) -> Result<Vec<PortInfo>> {
    let ports = serialport::available_ports().map_err(|e| {
        Error::internal(
            "E_PORT_LIST",
            crate::t!("stn.ports.list_failed", why = e.description),
        )
        .with_help(crate::t!("stn.ports.list_failed_help"))
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

/// The USB devices of this machine. A machine without USB (or whose USB list cannot be read)
/// gives an error message instead of a panic.
pub fn usb_devices(reg: &Registry) -> std::result::Result<Vec<UsbDevice>, String> {
    use nusb::MaybeFuture;
    let list = nusb::list_devices()
        .wait()
        .map_err(|e| crate::t!("stn.ports.usb_list_failed", why = e))?;
    let mut out: Vec<UsbDevice> = list
        .map(|dev| UsbDevice {
            bus: bus_number(dev.bus_id()),
            address: dev.device_address(),
            vid: hex4(dev.vendor_id()),
            pid: hex4(dev.product_id()),
            matches: matches(reg, dev.vendor_id(), dev.product_id()),
        })
        .collect();
    out.sort_by_key(|d| (d.matches.is_empty(), d.bus, d.address));
    Ok(out)
}

/// The bus number of a USB bus id: decimal on Linux (`001`), hexadecimal on macOS (`0a`); 0 for
/// a bus id that is no number (Windows names its host controllers).
fn bus_number(id: &str) -> u8 {
    id.parse()
        .or_else(|_| u8::from_str_radix(id, 16))
        .unwrap_or(0)
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
    fn extra_ports_are_offered_as_given() {
        let reg = Registry::shipped().unwrap();
        let p = extra_ports(&reg, "/dev/pts/7=openevse, /dev/pts/9 ,").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].matches[0].vendor, "openevse");
        assert!(p[1].matches.is_empty());
        assert_eq!(p[1].name, "/dev/pts/9");
        let e = extra_ports(&reg, "/dev/pts/7=acme").unwrap_err();
        assert!(e.message.contains("acme") && e.message.contains(EXTRA_PORTS_ENV));
        assert_eq!(
            extra_ports(&reg, "=openevse").unwrap_err().code,
            "E_EXTRA_PORTS"
        );
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

    #[test]
    fn bus_ids_read_as_numbers() {
        assert_eq!(bus_number("001"), 1);
        assert_eq!(bus_number("12"), 12);
        assert_eq!(bus_number("0a"), 10);
        assert_eq!(bus_number("PCIROOT(0)#PCI(1400)"), 0);
    }
}
