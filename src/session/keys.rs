//! Every value the guided session may ask for, in one table: its answers-file key, its flag,
//! its type and its question. The answers-file parser, the error that names what to pass, the
//! prompts and docs/answers.md all come from here.

/// The type of a value, which decides how it is asked, parsed and written in an answers file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Free text (TOML string).
    Text,
    /// Yes or no (TOML boolean).
    Confirm,
    /// A number (TOML integer or float).
    Number,
    /// A file path (TOML string).
    Path,
    /// `LAT,LON` in decimal degrees (TOML string).
    Position,
    /// One entry of a list offered at run time, by its id (TOML string).
    Choice,
}

impl ValueKind {
    pub fn toml_type(self) -> &'static str {
        match self {
            ValueKind::Confirm => "a boolean (true or false)",
            ValueKind::Number => "a number",
            _ => "a string",
        }
    }
}

/// One askable value.
#[derive(Debug, Clone, Copy)]
pub struct KeyDef {
    /// `section.name`, as in the answers file (`[section]` then `name = ...`).
    pub key: &'static str,
    /// The command-line flag of `evfield renetwork` that gives it, when there is one. Every key
    /// can also be given with `--set section.name=VALUE`.
    pub flag: Option<&'static str>,
    pub kind: ValueKind,
    /// May be left empty.
    pub optional: bool,
    /// The question, in English (the terminal front end translates by key).
    pub question: &'static str,
}

impl KeyDef {
    /// How to give this value without a terminal, for error messages.
    pub fn how_to_give(&self) -> String {
        let (section, name) = self.key.split_once('.').unwrap_or(("", self.key));
        let file = format!("`{name} = ...` under `[{section}]` in the --answers file");
        match self.flag {
            Some(f) => format!("pass {f}, or `--set {}=...`, or {file}", self.key),
            None => format!("pass `--set {}=...`, or {file}", self.key),
        }
    }
}

const fn k(
    key: &'static str,
    flag: Option<&'static str>,
    kind: ValueKind,
    optional: bool,
    question: &'static str,
) -> KeyDef {
    KeyDef {
        key,
        flag,
        kind,
        optional,
        question,
    }
}

use ValueKind::*;

/// All keys, in the order the session asks them.
pub const KEYS: &[KeyDef] = &[
    k(
        "network.url",
        Some("--network"),
        Text,
        false,
        "Installer API address of the network",
    ),
    k(
        "account.username",
        Some("--user"),
        Text,
        false,
        "Installer account (e-mail)",
    ),
    k(
        "station.port",
        Some("--port"),
        Path,
        false,
        "Service port the station is connected to (e.g. /dev/ttyUSB0)",
    ),
    k(
        "station.vendor",
        Some("--vendor"),
        Choice,
        false,
        "Station manufacturer: its vendor profile (`evfield vendors list`)",
    ),
    k(
        "station.serial",
        None,
        Text,
        false,
        "Serial number on the station's type plate (asked when the port cannot tell it)",
    ),
    k(
        "station.mac",
        None,
        Text,
        false,
        "MAC address of the station's network interface (asked when the port cannot tell it)",
    ),
    k(
        "station.firmware",
        None,
        Text,
        false,
        "Firmware version the station or its app shows (asked when the port cannot tell it)",
    ),
    k(
        "station.model",
        None,
        Text,
        false,
        "Station model (asked when the port cannot tell it)",
    ),
    k(
        "station.article",
        None,
        Text,
        false,
        "Article number on the station's type plate (vendors that encode options in it)",
    ),
    k(
        "precheck.docs_ready",
        None,
        Confirm,
        false,
        "You have the manufacturer's instructions, the minimum-firmware document and the verification checklist at hand",
    ),
    k(
        "precheck.site_access",
        None,
        Text,
        true,
        "Site access notes and station credentials from the owner (empty if none)",
    ),
    k(
        "before.photo",
        Some("--before-photo"),
        Path,
        false,
        "Photo of the station before any change (file)",
    ),
    k(
        "before.checklist_done",
        None,
        Confirm,
        false,
        "The checklist of required verification steps for this station is complete",
    ),
    k(
        "safety.power_isolated",
        None,
        Confirm,
        false,
        "DANGER, risk of shock: power to the station is disconnected at the service panel",
    ),
    k(
        "safety.lockout_tagout",
        None,
        Confirm,
        false,
        "The disconnect is locked out and tagged out",
    ),
    k(
        "safety.voltage",
        Some("--voltage"),
        Number,
        false,
        "Multimeter reading at the station's supply terminals (volts)",
    ),
    k(
        "sim.kit_iccid",
        Some("--kit-iccid"),
        Text,
        true,
        "ICCID printed on the network's SIM card (empty to skip the comparison)",
    ),
    k(
        "sim.swapped",
        None,
        Confirm,
        false,
        "The old SIM is removed and the network's SIM is inserted",
    ),
    k(
        "sim.powered",
        None,
        Confirm,
        false,
        "The cabinet is closed and power is restored, so the station can be checked",
    ),
    k(
        "activation.password",
        Some("--activation-password"),
        Text,
        false,
        "Activation password from the network's kit",
    ),
    k(
        "commission.ocpp_url",
        Some("--ocpp-url"),
        Text,
        false,
        "OCPP central-system URL to write into the station",
    ),
    k(
        "commission.charge_box_id",
        Some("--charge-box-id"),
        Text,
        false,
        "Charge box identity to write into the station",
    ),
    k(
        "commission.guided_done",
        None,
        Confirm,
        false,
        "The OCPP settings are entered in the manufacturer's app exactly as shown (vendors configured only in their app)",
    ),
    k(
        "labels.sticker_applied",
        None,
        Confirm,
        false,
        "The activation sticker is applied next to the type plate (surface cleaned and dry)",
    ),
    k(
        "labels.branding_applied",
        None,
        Confirm,
        false,
        "The network's branding label is applied, visible to drivers, aligned, not covering existing branding or instructions",
    ),
    k(
        "pinpoint.gps",
        Some("--gps"),
        Position,
        false,
        "GPS position where you stand (LAT,LON)",
    ),
    k(
        "pinpoint.serial_confirmed",
        None,
        Confirm,
        false,
        "The serial number matches the type plate. It cannot be changed after submission",
    ),
    k(
        "pinpoint.address_id",
        Some("--address-id"),
        Choice,
        false,
        "Address of the station, from the network's list",
    ),
    k(
        "pinpoint.pin",
        Some("--pin"),
        Position,
        true,
        "Pin on the parking space (LAT,LON; empty for the GPS position)",
    ),
    k(
        "pinpoint.car_park",
        Some("--car-park"),
        Text,
        true,
        "Car park name (empty if none)",
    ),
    k(
        "pinpoint.building",
        Some("--building"),
        Text,
        true,
        "Building name (empty if none)",
    ),
    k(
        "pinpoint.floor",
        Some("--floor"),
        Text,
        true,
        "Floor (empty if none)",
    ),
    k(
        "pinpoint.restrictions",
        Some("--restrictions"),
        Text,
        true,
        "Parking restrictions (empty if none)",
    ),
    k(
        "pinpoint.photo",
        Some("--photo"),
        Path,
        false,
        "Landscape photo of the station and its surroundings (file)",
    ),
    k(
        "verify.cabinet_secured",
        None,
        Confirm,
        false,
        "The cabinet is secured and the station re-energised",
    ),
    k(
        "verify.no_display_errors",
        None,
        Confirm,
        false,
        "The station display shows no error message",
    ),
    k(
        "verify.logo_visible",
        None,
        Confirm,
        false,
        "The network's logo is visible on the station's screen (yes if the station has no screen)",
    ),
    k(
        "verify.mac_matches",
        None,
        Confirm,
        false,
        "The MAC shown on the station matches the activation sticker (yes if the station has no screen)",
    ),
];

/// Look a key up.
pub fn find(key: &str) -> Option<&'static KeyDef> {
    KEYS.iter().find(|d| d.key == key)
}

/// Look a key up; an unknown key here is a bug of the tool.
pub fn def(key: &str) -> &'static KeyDef {
    find(key).unwrap_or_else(|| panic!("unknown session key {key}"))
}

/// Keys of a section (`[account]` ...), for "did you mean" help.
pub fn in_section(section: &str) -> Vec<&'static str> {
    KEYS.iter()
        .filter(|d| d.key.split('.').next() == Some(section))
        .map(|d| d.key)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for d in KEYS {
            assert!(seen.insert(d.key), "duplicate {}", d.key);
            assert_eq!(d.key.split('.').count(), 2, "{}", d.key);
            if let Some(f) = d.flag {
                assert!(f.starts_with("--"), "{f}");
            }
        }
    }

    #[test]
    fn docs_list_every_key() {
        let doc = include_str!("../../docs/answers.md");
        for d in KEYS {
            let (_, name) = d.key.split_once('.').unwrap();
            assert!(
                doc.contains(&format!("`{}`", d.key)),
                "docs/answers.md does not document {} ({name})",
                d.key
            );
        }
    }
}
