//! What the script runner talks through: text lines over a byte transport, Modbus, HTTP or UDP,
//! chosen by the profile's `[service_port].transport`; and opening it from a port or an address.

use std::time::Duration;

use super::modbus::{self, Mode};
use super::net::{self, Address};
use super::profile::Profile;
use super::transport::{self, Transport};
use super::{Traffic, http, udp};
use crate::{Error, Result};

/// The runner's connection to the station.
pub enum Link {
    Lines(Box<dyn Transport>),
    Modbus(modbus::Client),
    Http(http::Client),
    Udp(udp::Client),
}

impl Link {
    pub fn name(&self) -> &str {
        match self {
            Link::Lines(t) => t.name(),
            Link::Modbus(c) => c.name(),
            Link::Http(c) => c.name(),
            Link::Udp(c) => c.name(),
        }
    }

    pub fn take_traffic(&mut self) -> Vec<Traffic> {
        match self {
            Link::Lines(_) => Vec::new(),
            Link::Modbus(c) => c.take_traffic(),
            Link::Http(c) => c.take_traffic(),
            Link::Udp(c) => c.take_traffic(),
        }
    }
}

/// Where the station is: a serial device, or a network address.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// A serial device (`/dev/ttyUSB0`, a pty path).
    pub port: Option<String>,
    /// A host, `host:port` or URL.
    pub address: Option<String>,
    /// Overrides `[modbus].unit_id`.
    pub unit_id: Option<u8>,
    /// `--experimental`: open a port whose protocol no source documents
    /// (`[service_port].experimental`).
    pub experimental: bool,
}

/// Error code: the profile's port protocol is undocumented and `--experimental` was not given.
pub const E_EXPERIMENTAL: &str = "E_EXPERIMENTAL";

/// Refuse a profile whose port protocol is evfield's own model (documented by no source) unless
/// `--experimental` was given.
pub fn check_experimental(profile: &Profile, experimental: bool) -> Result<()> {
    if experimental
        || !profile
            .service_port
            .as_ref()
            .is_some_and(|p| p.experimental)
    {
        return Ok(());
    }
    Err(Error::usage(
        E_EXPERIMENTAL,
        crate::t!(
            "eva.experimental.refused",
            vendor = profile.vendor.id,
            manufacturer = profile.vendor.manufacturer
        ),
    )
    .with_help(crate::t!(
        "eva.experimental.help",
        vendor = profile.vendor.id
    )))
}

/// Error code: the profile's transport needs a port or an address that was not given.
pub const E_NO_TARGET: &str = "E_NO_TARGET";

/// Open the link the profile's transport needs. Modbus profiles take either a serial device
/// (RTU) or an address (TCP), whatever the profile's usual transport.
pub fn open(profile: &Profile, target: &Target) -> Result<Link> {
    check_experimental(profile, target.experimental)?;
    let transport = profile.transport();
    let missing = |what: String, flag: String| {
        Error::usage(
            E_NO_TARGET,
            crate::t!(
                "stn.link.missing",
                manufacturer = profile.vendor.manufacturer,
                transport = transport,
                what = what
            ),
        )
        .with_help(crate::t!(
            "stn.link.missing_help",
            flag = flag,
            vendor = profile.vendor.id
        ))
    };
    let modbus_spec = profile.modbus.clone().unwrap_or_default();
    let unit = target.unit_id.unwrap_or(modbus_spec.unit_id);
    match transport {
        "serial" => {
            let port = target.port.as_deref().ok_or_else(|| {
                missing(
                    crate::t!("stn.link.what.serial_port"),
                    "--port /dev/ttyUSB0".into(),
                )
            })?;
            Ok(Link::Lines(transport::open_serial(
                port,
                &profile.serial_settings(),
            )?))
        }
        "modbus-rtu" | "modbus-tcp" => {
            let by_address = match (&target.port, &target.address) {
                (_, Some(_)) if transport == "modbus-tcp" => true,
                (Some(_), _) => false,
                (None, Some(_)) => true,
                (None, None) => {
                    return Err(if transport == "modbus-rtu" {
                        missing(
                            crate::t!("stn.link.what.rs485"),
                            crate::t!("stn.link.or_address"),
                        )
                    } else {
                        missing(
                            crate::t!("stn.link.what.address"),
                            "--address HOST[:PORT]".into(),
                        )
                    });
                }
            };
            if by_address {
                let addr = Address::parse(
                    target.address.as_deref().unwrap_or_default(),
                    modbus_spec.port,
                )?;
                let t = net::connect_tcp(&addr, &crate::t!("stn.link.modbus_tcp_server"))?;
                Ok(Link::Modbus(modbus::Client::new(t, Mode::Tcp, unit)))
            } else {
                let port = target.port.as_deref().unwrap_or_default();
                let settings = profile.serial_settings();
                let t = transport::open_serial(port, &settings)?;
                Ok(Link::Modbus(modbus::Client::new(
                    t,
                    Mode::rtu(
                        settings.baud,
                        Duration::from_millis(modbus_spec.frame_gap_ms),
                    ),
                    unit,
                )))
            }
        }
        "http" => {
            let spec = profile.http.clone().unwrap_or_default();
            let text = target.address.as_deref().ok_or_else(|| {
                missing(
                    crate::t!("stn.link.what.address"),
                    "--address HOST[:PORT]".into(),
                )
            })?;
            let addr = Address::parse(text, spec.port)?;
            Ok(Link::Http(http::Client::new(addr, &spec.base_path)?))
        }
        "udp" => {
            let spec = profile.udp.clone().ok_or_else(|| {
                Error::internal("E_PROFILE", crate::t!("stn.link.udp_unvalidated"))
            })?;
            let text = target.address.as_deref().ok_or_else(|| {
                missing(
                    crate::t!("stn.link.what.address"),
                    "--address HOST[:PORT]".into(),
                )
            })?;
            let addr = Address::parse(text, spec.port)?;
            Ok(Link::Udp(udp::Client::open(&addr, spec.local_port)?))
        }
        other => Err(Error::usage(
            E_NO_TARGET,
            crate::t!(
                "stn.link.no_interface",
                manufacturer = profile.vendor.manufacturer,
                transport = other
            ),
        )
        .with_help(crate::t!("stn.link.no_interface_help"))),
    }
}
