//! Every value the guided session may ask for, in one table: its answers-file key, its flag,
//! its type and its question. The answers-file parser, the error that names what to pass, the
//! prompts and docs/answers.md all come from here. The checklists add their items' keys
//! (`session::keys::find` looks in both).

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
    /// A MAC address: 6 bytes, normalised to `02:EF:10:00:4D:01` (TOML string).
    Mac,
    /// An ICCID: 18 to 22 digits with a valid check digit (TOML string).
    Iccid,
    /// The network's installer API address: https, or http on loopback only (TOML string).
    NetworkUrl,
    /// The OCPP central system's websocket URL, ws:// or wss:// (TOML string).
    OcppUrl,
    /// A photo file that decodes and is large enough (TOML string).
    Photo,
    /// A photo file as [`ValueKind::Photo`], landscape after its EXIF orientation (TOML string).
    LandscapePhoto,
    /// The answer to a checklist item (`checklist::answer`): yes or no, a number, text or a
    /// file, `n/a: <reason>` or `skip` (TOML boolean, number or string).
    Check,
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
        match self.flag {
            Some(flag) => crate::t!(
                "session.how_to_give_flag",
                flag = flag,
                key = self.key,
                name = name,
                section = section
            ),
            None => crate::t!(
                "session.how_to_give",
                key = self.key,
                name = name,
                section = section
            ),
        }
    }
}

/// Keys whose answers are secrets: the activation password, and the free-text site access
/// notes (which may hold a gate code or the owner's credentials). Their values are sealed in
/// the journal (src/session/seal.rs) and masked in every support bundle. The one place to
/// mark a key secret.
pub const SECRET_KEYS: &[&str] = &["activation.password", "precheck.site_access"];

/// Whether `key`'s answers are secrets ([`SECRET_KEYS`]).
pub fn is_secret(key: &str) -> bool {
    SECRET_KEYS.contains(&key)
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
        NetworkUrl,
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
        "station.address",
        Some("--station-address"),
        Text,
        false,
        "Network address of the station on its service Ethernet port or Wi-Fi (e.g. 192.168.0.10)",
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
        Mac,
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
        "before.photo",
        Some("--before-photo"),
        Photo,
        false,
        "Photo of the station before any change (file)",
    ),
    k(
        "sim.kit_iccid",
        Some("--kit-iccid"),
        Iccid,
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
        OcppUrl,
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
        "commission.probe_bind",
        None,
        Text,
        true,
        "Where evfield's OCPP probe listens (IP:PORT) for a station whose OCPP keys are set over OCPP (ChargeStorm EVA); default 0.0.0.0:0, any free port",
    ),
    k(
        "commission.guided_done",
        None,
        Confirm,
        false,
        "The OCPP settings are entered in the manufacturer's app exactly as shown (vendors configured only in their app)",
    ),
    k(
        "pinpoint.gps",
        Some("--gps"),
        Position,
        false,
        "GPS position where you stand (LAT,LON)",
    ),
    k(
        "pinpoint.serial_plate",
        Some("--serial-plate"),
        Text,
        false,
        "Serial number as printed on the manufacturer's type plate",
    ),
    k(
        "pinpoint.serial_confirmed",
        None,
        Confirm,
        false,
        "The serial number matches the type plate. It cannot be changed after submission",
    ),
    k(
        "pinpoint.address",
        Some("--address"),
        Text,
        true,
        "Address text that matches exactly one entry of the network's list (instead of its id)",
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
        "pinpoint.pin_far_confirmed",
        None,
        Confirm,
        false,
        "The pin is more than 150 m from the chosen address, and it is on this station's parking space",
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
        LandscapePhoto,
        false,
        "Landscape photo of the station and its surroundings (file)",
    ),
];

/// Flags of `evfield renetwork` that answer a checklist item (its key is derived from the
/// checklist, see `checklist`).
pub const CHECKLIST_FLAGS: &[(&str, &str)] = &[("safety.voltage", "--voltage")];

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
