//! `evfield ports`, and choosing the station's port and vendor for the station commands.

use clap::Args;
use serde_json::json;

use super::Ctx;
use crate::station::discovery::{self, How, PortInfo};
use crate::station::profile::Registry;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct PortsArgs {
    /// Also list every USB device, not only serial ports.
    #[arg(long)]
    pub usb: bool,
}

pub fn run(ctx: &mut Ctx, args: PortsArgs) -> Result<()> {
    let reg = Registry::load()?;
    let ports = discovery::serial_ports(&reg)?;
    let usb = if args.usb {
        Some(discovery::usb_devices(&reg))
    } else {
        None
    };
    let data_dir = ctx.data_dir()?;
    let remembered = discovery::remembered(&data_dir);
    let result = json!({
        "ports": ports,
        "usb": match &usb {
            Some(Ok(list)) => json!(list),
            Some(Err(e)) => json!({ "error": e }),
            None => serde_json::Value::Null,
        },
        "remembered": remembered,
    });
    ctx.out.result(&result, |_| {
        let mut t = String::new();
        if ports.is_empty() {
            t.push_str(&crate::t!("stn.ports.none_found"));
            t.push('\n');
        }
        for p in &ports {
            t.push_str(&p.describe());
            t.push('\n');
        }
        match &usb {
            Some(Ok(list)) => {
                t.push_str(&crate::t!("stn.ports.usb_heading"));
                t.push('\n');
                for d in list {
                    let m: Vec<String> = d
                        .matches
                        .iter()
                        .map(|m| format!("{} ({})", m.vendor, m.what))
                        .collect();
                    t.push_str(&format!(
                        "  {}  {}:{}  {}\n",
                        crate::t!(
                            "stn.ports.usb_device",
                            bus = format!("{:03}", d.bus),
                            address = format!("{:03}", d.address)
                        ),
                        d.vid,
                        d.pid,
                        if m.is_empty() {
                            String::new()
                        } else {
                            crate::t!("stn.ports.usb_matches", list = m.join(", "))
                        }
                    ));
                }
            }
            Some(Err(e)) => {
                t.push_str(&crate::t!("stn.ports.usb_error", why = e));
                t.push('\n');
            }
            None => {}
        }
        if let Some(p) = &remembered.port {
            t.push_str(&crate::t!("stn.ports.remembered", port = p));
            t.push('\n');
        }
        #[cfg(target_os = "linux")]
        {
            t.push_str(&crate::t!("stn.ports.permission_tip"));
            t.push('\n');
        }
        t
    });
    Ok(())
}

/// The chosen port and vendor.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub port: String,
    pub vendor: String,
    pub how: How,
}

/// Choose the port (flag/env → remembered → the one match → interactive choice → error) and
/// the vendor (flag/env → the port's USB match when only one profile fits → remembered).
pub fn choose(
    ctx: &Ctx,
    reg: &Registry,
    port: Option<&str>,
    vendor: Option<&str>,
) -> Result<Chosen> {
    let data_dir = ctx.data_dir()?;
    let remembered = discovery::remembered(&data_dir);
    let ports = if port.is_some() {
        Vec::new()
    } else {
        match discovery::serial_ports(reg) {
            Ok(p) => p,
            // a mistyped EVFIELD_EXTRA_PORTS is said; a system that cannot list ports is not
            Err(e) if e.code == "E_EXTRA_PORTS" => return Err(e),
            Err(_) => Vec::new(),
        }
    };
    let (port, how) = match discovery::pick(port, &remembered, &ports) {
        Some(p) => p,
        None if ctx.interactive() && !ports.is_empty() => {
            let items: Vec<String> = ports.iter().map(PortInfo::describe).collect();
            let i = dialoguer::Select::new()
                .with_prompt(crate::t!("stn.ports.which"))
                .items(&items)
                .default(0)
                .interact()
                .map_err(|e| {
                    Error::usage("E_PORT_CHOICE", crate::t!("stn.ports.none_chosen", why = e))
                })?;
            (ports[i].name.clone(), How::Chosen)
        }
        None => return Err(discovery::no_port_error(&ports)),
    };
    let vendor = match vendor {
        Some(v) => v.to_string(),
        None => {
            let by_port: Vec<String> = ports
                .iter()
                .find(|p| p.name == port)
                .map(|p| p.matches.iter().map(|m| m.vendor.clone()).collect())
                .unwrap_or_default();
            match (by_port.as_slice(), &remembered) {
                ([one], _) => one.clone(),
                (
                    _,
                    Remembered {
                        port: Some(rp),
                        vendor: Some(rv),
                    },
                ) if *rp == port => rv.clone(),
                _ => {
                    return Err(Error::usage(
                        "E_NO_VENDOR",
                        crate::t!("stn.ports.which_vendor", port = port),
                    )
                    .with_help(crate::t!(
                        "stn.cli.no_vendor_help",
                        known = reg.ids().join(", ")
                    )));
                }
            }
        }
    };
    reg.get(&vendor)?;
    Ok(Chosen { port, vendor, how })
}

use crate::station::discovery::Remembered;
