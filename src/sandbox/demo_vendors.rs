//! The demo station of each vendor the demo plays: `evfield renetwork --demo --vendor ID`.
//!
//! Each entry says which protocol the simulated station speaks on its port (or that evfield
//! opens no port: Wallbox is configured only in its app), the station's own state, and the
//! answers an installer would give on site for what the port cannot read (Wallbox: article
//! number, serial, MAC, software version; OpenEVSE: the WiFi module's MAC), laid over the demo's
//! built-in answers ([`demo::ANSWERS`]). Every demo station has the demo MAC ([`demo::MAC`]),
//! the one the sandbox holds an activation for ([`demo::ACTIVATION_PASSWORD`]), and a model the
//! sandbox's requirements know.

use super::demo;
use super::station::{Dialect, SimState};
use crate::{Error, Result};

/// The vendors the demo plays, the default first.
pub const VENDORS: [&str; 4] = ["evfield-sim", "openevse", "wallbox", "chargestorm-eva"];

/// The Wallbox demo charger: a Pulsar Plus with OCPP (version code 9 in seed 002's table).
pub const WALLBOX_ARTICLE: &str = "PLP1-0-2-4-9-002";
pub const WALLBOX_SERIAL: &str = "402713";
pub const WALLBOX_FIRMWARE: &str = "6.7.20";
pub const WALLBOX_MODEL: &str = "Pulsar Plus";
/// The OpenEVSE demo controller's MCU id (what `$GI` reports, used as its serial).
pub const OPENEVSE_SERIAL: &str = "OPNEVS1E95A0C3";
/// The ChargeStorm EVA demo station's serial (seed 003's example station).
pub const EVA_SERIAL: &str = "000003586";

/// One vendor's demo station.
#[derive(Debug, Clone)]
pub struct DemoStation {
    pub vendor: &'static str,
    /// The protocol on the simulated port.
    pub dialect: Dialect,
    /// Whether evfield talks to the station over its port (Wallbox: no, only its app).
    pub service_port: bool,
    /// The station as it stands on site before the job.
    pub state: SimState,
    /// What the installer answers for this vendor (TOML, docs/answers.md); empty for the
    /// default demo station, which the port reads completely.
    pub answers: &'static str,
}

const OPENEVSE_ANSWERS: &str = r#"# The OpenEVSE demo: RAPI cannot read the WiFi module's MAC; OCPP is set in the module's page.
[station]
mac = "02:EF:10:00:4D:01"

[commission]
guided_done = true

[pinpoint]
serial_plate = "OPNEVS1E95A0C3"
"#;

const WALLBOX_ANSWERS: &str = r#"# The Wallbox demo: no service port, so the type plate and the myWallbox app give the identity.
[station]
article = "PLP1-0-2-4-9-002"
serial = "402713"
mac = "02:EF:10:00:4D:01"
firmware = "6.7.20"

[wallbox]
ocpp_fitted = true
app_access = true

[commission]
guided_done = true

[pinpoint]
serial_plate = "402713"

[verify]
# the app shows no error for the charger (its errors cannot be read over a port)
no_display_errors = true
"#;

const EVA_ANSWERS: &str = r#"# The ChargeStorm EVA demo: its console reads everything but the type plate.
[pinpoint]
serial_plate = "000003586"
"#;

/// The demo station of `vendor`.
pub fn station(vendor: &str) -> Result<DemoStation> {
    let with = |dialect: Dialect, change: &dyn Fn(&mut SimState)| {
        let mut s = dialect.default_state();
        s.mac = demo::MAC.to_string();
        change(&mut s);
        s
    };
    Ok(match vendor {
        "evfield-sim" => DemoStation {
            vendor: "evfield-sim",
            dialect: Dialect::Console,
            service_port: true,
            state: SimState::default(),
            answers: "",
        },
        "openevse" => DemoStation {
            vendor: "openevse",
            dialect: Dialect::Rapi,
            service_port: true,
            state: with(Dialect::Rapi, &|s| s.serial = OPENEVSE_SERIAL.into()),
            answers: OPENEVSE_ANSWERS,
        },
        "wallbox" => DemoStation {
            vendor: "wallbox",
            // The simulator's console runs the station's clock and boots; nobody opens it.
            dialect: Dialect::Console,
            service_port: false,
            state: with(Dialect::Console, &|s| {
                s.manufacturer = "Wallbox".into();
                s.model = WALLBOX_MODEL.into();
                s.serial = WALLBOX_SERIAL.into();
                s.firmware = WALLBOX_FIRMWARE.into();
                // a Pulsar Plus is on Wi-Fi: no SIM
                s.iccid = None;
                s.registration = 0;
                s.rssi_dbm = None;
                s.apn = None;
            }),
            answers: WALLBOX_ANSWERS,
        },
        "chargestorm-eva" => DemoStation {
            vendor: "chargestorm-eva",
            dialect: Dialect::Eva,
            service_port: true,
            state: with(Dialect::Eva, &|s| s.serial = EVA_SERIAL.into()),
            answers: EVA_ANSWERS,
        },
        // Any other vendor the simulator plays: its default station with the demo MAC; the
        // rig gives the type plate's serial and the MAC, the profile guides what is in an app.
        other if Dialect::for_vendor(other).is_some_and(plays) => {
            let dialect = Dialect::for_vendor(other).expect("checked above");
            DemoStation {
                vendor: dialect.vendor_id(),
                dialect,
                service_port: true,
                state: with(dialect, &|_| {}),
                answers: "",
            }
        }
        other => {
            return Err(Error::usage(
                "E_DEMO_VENDOR",
                crate::t!("guided.demo_vendor", vendor = other),
            )
            .with_help(crate::t!(
                "guided.demo_vendor_help",
                vendors = Dialect::ALL
                    .iter()
                    .filter(|d| plays(**d))
                    .map(|d| d.vendor_id())
                    .chain(["wallbox"])
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    })
}

/// Whether the demo plays the simulator's `dialect` as a station: a bare modem is not one (its
/// profile is no station's, so the session would refuse it).
fn plays(dialect: Dialect) -> bool {
    dialect != Dialect::Modem
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::answers::Answers;
    use crate::station::profile::Registry;

    #[test]
    fn every_demo_station_fits_its_profile_and_the_sandbox() {
        let reg = Registry::shipped().unwrap();
        for id in VENDORS {
            let d = station(id).unwrap();
            let p = reg.get(id).unwrap();
            assert_eq!(d.service_port, p.has_port(), "{id}");
            assert_eq!(
                d.state.mac,
                demo::MAC,
                "{id}: the sandbox activates only the demo MAC"
            );
            let answers = Answers::parse(d.answers, "demo").unwrap();
            // the manufacturer and model the session will read, as the sandbox knows them
            let manufacturer = p
                .step("identify")
                .and_then(|s| s.set.get("manufacturer").cloned())
                .unwrap_or(d.state.manufacturer.clone());
            let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
            assert!(
                crate::sandbox::network::SUPPORTED_MODELS
                    .iter()
                    .any(|(m, md, _)| {
                        same(m, &manufacturer) && md.is_none_or(|md| same(md, &d.state.model))
                    }),
                "{id}: the sandbox does not support {manufacturer} {}",
                d.state.model
            );
            if let Some(plate) = answers.get("pinpoint.serial_plate") {
                assert_eq!(plate.value, d.state.serial, "{id}");
            }
            if let Some(mac) = answers.get("station.mac") {
                assert_eq!(mac.value, demo::MAC, "{id}");
            }
        }
        let wb = station("wallbox").unwrap();
        let art =
            crate::station::profile::article::decode(reg.get("wallbox").unwrap(), WALLBOX_ARTICLE)
                .unwrap();
        assert!(art.ocpp);
        assert_eq!(art.model, wb.state.model);
        assert_eq!(station("acme").unwrap_err().code, "E_DEMO_VENDOR");
    }
}
