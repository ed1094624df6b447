//! Pinpointing: the values of one submission made right the first time (seed 001, "Pinpoint the
//! Station"): the address picked from the network's list, the pin near it, the serial that can
//! never change, the MAC in one notation. GPS and photos have their own modules.

pub mod codes;
pub mod gps;
pub mod phone;
pub mod photo;

use serde::Serialize;

use crate::network::api::Address;
use crate::{Error, Result};

/// A pin further than this from the chosen address needs an explicit confirmation.
pub const PIN_CONFIRM_M: f64 = 150.0;

/// The seed's warning before the serial is submitted (seed 001, step 5), in the installer's
/// language.
pub fn serial_warning() -> String {
    crate::t!("pin.serial_warning")
}

/// Latitude and longitude that a real fix can have: in range, finite, and not 0,0 (what a
/// receiver without a fix often reports).
pub fn plausible(lat: f64, lon: f64) -> Result<(), String> {
    if !lat.is_finite() || !lon.is_finite() {
        return Err(crate::t!("pin.gps.not_a_number"));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(crate::t!("pin.gps.lat_range", lat = lat));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(crate::t!("pin.gps.lon_range", lon = lon));
    }
    if lat == 0.0 && lon == 0.0 {
        return Err(crate::t!("pin.gps.zero"));
    }
    Ok(())
}

/// Great-circle distance in metres (WGS 84 mean radius).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const R: f64 = 6_371_000.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().atan2((1.0 - a).sqrt())
}

/// A MAC in any common notation (`02:ef:10:00:4d:01`, `02-EF-10-00-4D-01`, `02EF10004D01`,
/// `02ef.1000.4d01`) as upper-case hex with colons.
pub fn normalize_mac(mac: &str) -> Result<String> {
    crate::rules::mac(mac)
}

fn norm_text(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The address the installer means: by id, or by text that matches exactly one entry of the
/// network's list (the whole label, else a part of it; case, commas and spacing ignored).
pub fn pick_address(list: &[Address], id: Option<&str>, text: Option<&str>) -> Result<Address> {
    let shown = |v: &[&Address]| {
        v.iter()
            .take(8)
            .map(|a| format!("{} ({}, {:.0} m)", a.id, a.label, a.distance_m))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let all: Vec<&Address> = list.iter().collect();
    if let Some(id) = id {
        return list
            .iter()
            .find(|a| a.id == id.trim())
            .cloned()
            .ok_or_else(|| {
                Error::validation(
                    "E_ADDRESS_NOT_LISTED",
                    crate::t!("pin.address_id_not_listed", id = id),
                )
                .with_help(crate::t!("pin.address_pick_one", list = shown(&all)))
            });
    }
    let Some(text) = text else {
        return Err(Error::usage("E_NO_ADDRESS", crate::t!("pin.no_address"))
            .with_help(crate::t!("pin.no_address_help")));
    };
    let want = norm_text(text);
    let exact: Vec<&Address> = list
        .iter()
        .filter(|a| norm_text(&a.label) == want)
        .collect();
    let found: Vec<&Address> = if exact.is_empty() {
        list.iter()
            .filter(|a| norm_text(&a.label).contains(&want))
            .collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::validation(
            "E_ADDRESS_NO_MATCH",
            crate::t!("pin.address_no_match", text = text),
        )
        .with_help(crate::t!("pin.address_no_match_help", list = shown(&all)))),
        many => Err(Error::validation(
            "E_ADDRESS_AMBIGUOUS",
            crate::t!("pin.address_ambiguous", text = text, count = many.len()),
        )
        .with_help(crate::t!("pin.address_ambiguous_help", list = shown(many)))),
    }
}

/// How far the pin is from the chosen address, and whether that needs a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PinCheck {
    pub distance_m: f64,
    pub needs_confirmation: bool,
}

pub fn check_pin(addr: &Address, pin: (f64, f64)) -> PinCheck {
    let d = distance_m(addr.lat, addr.lon, pin.0, pin.1);
    PinCheck {
        distance_m: (d * 10.0).round() / 10.0,
        needs_confirmation: d > PIN_CONFIRM_M,
    }
}

/// Compare serials as printed: case, spaces and dashes do not count.
fn serial_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase()
}

/// The serial to submit: the one typed from the type plate must match the one read from the
/// station, or, with no station read, the one typed a second time. Returns the serial as typed
/// from the plate (trimmed).
pub fn check_serial(read: Option<&str>, typed: &str, again: Option<&str>) -> Result<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(Error::validation("E_SERIAL", crate::t!("pin.serial_empty"))
            .with_help(crate::t!("pin.serial_empty_help")));
    }
    match (read, again) {
        (Some(r), _) if serial_key(r) != serial_key(typed) => Err(Error::validation(
            "E_SERIAL_MISMATCH",
            crate::t!("pin.serial_differs", typed = typed, read = r.trim()),
        )
        .with_help(crate::t!("pin.serial_differs_help"))),
        (Some(_), _) => Ok(typed.to_string()),
        (None, Some(a)) if serial_key(a) != serial_key(typed) => Err(Error::validation(
            "E_SERIAL_MISMATCH",
            crate::t!(
                "pin.serial_typed_twice_differ",
                typed = typed,
                again = a.trim()
            ),
        )
        .with_help(crate::t!("pin.serial_typed_twice_differ_help"))),
        (None, Some(_)) => Ok(typed.to_string()),
        (None, None) => Err(
            Error::usage("E_SERIAL_TWICE", crate::t!("pin.serial_twice"))
                .with_help(crate::t!("pin.serial_twice_help")),
        ),
    }
}

/// Turn a 409 of the submission into what the installer should understand.
pub fn explain_conflict(e: Error) -> Error {
    let extra = match e.code {
        "E_API_SERIAL_LOCKED" => Some(crate::t!("pin.conflict.serial_locked")),
        "E_API_ACTIVATION_USED" => Some(crate::t!("pin.conflict.activation_used")),
        "E_API_SERIAL_TAKEN" => Some(crate::t!("pin.conflict.serial_taken")),
        _ => None,
    };
    match extra {
        Some(x) => match e.help.clone().filter(|h| !h.is_empty()) {
            Some(help) => e.with_help(format!("{x} ({help})")),
            None => e.with_help(x),
        },
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(id: &str, label: &str, lat: f64, lon: f64, d: f64) -> Address {
        Address {
            id: id.into(),
            label: label.into(),
            lat,
            lon,
            distance_m: d,
            place: None,
        }
    }

    fn list() -> Vec<Address> {
        vec![
            addr(
                "a1",
                "Jernbanetorget 1, 0154 Oslo",
                59.91393,
                10.75239,
                11.0,
            ),
            addr(
                "a2",
                "Karl Johans gate 2, 0154 Oslo",
                59.91299,
                10.75046,
                139.0,
            ),
            addr(
                "a3",
                "Karl Johans gate 22, 0159 Oslo",
                59.9131,
                10.7440,
                300.0,
            ),
        ]
    }

    #[test]
    fn address_by_id_or_by_text_matching_one_entry() {
        let l = list();
        assert_eq!(pick_address(&l, Some("a2"), None).unwrap().id, "a2");
        assert_eq!(
            pick_address(&l, Some("zz"), None).unwrap_err().code,
            "E_ADDRESS_NOT_LISTED"
        );
        assert_eq!(
            pick_address(&l, None, Some("jernbanetorget  1 0154 oslo"))
                .unwrap()
                .id,
            "a1"
        );
        // "Karl Johans gate 2, 0154 Oslo" is a whole label, although it is also part of a3's
        assert_eq!(
            pick_address(&l, None, Some("Karl Johans gate 2, 0154 Oslo"))
                .unwrap()
                .id,
            "a2"
        );
        let e = pick_address(&l, None, Some("Karl Johans")).unwrap_err();
        assert_eq!(e.code, "E_ADDRESS_AMBIGUOUS");
        assert!(e.help.unwrap().contains("a3"));
        assert_eq!(
            pick_address(&l, None, Some("Storgata")).unwrap_err().code,
            "E_ADDRESS_NO_MATCH"
        );
        assert_eq!(
            pick_address(&l, None, None).unwrap_err().code,
            "E_NO_ADDRESS"
        );
    }

    #[test]
    fn a_pin_beyond_150_m_needs_a_confirmation() {
        let a = &list()[0];
        assert!(!check_pin(a, (a.lat, a.lon)).needs_confirmation);
        // ~0.001 degrees of latitude is ~111 m
        assert!(!check_pin(a, (a.lat + 0.001, a.lon)).needs_confirmation);
        let far = check_pin(a, (a.lat + 0.002, a.lon));
        assert!(far.needs_confirmation);
        assert!((far.distance_m - 222.4).abs() < 1.0, "{far:?}");
    }

    #[test]
    fn serials_typed_and_read() {
        assert_eq!(
            check_serial(Some("EVF2026000123"), " evf2026000123 ", None).unwrap(),
            "evf2026000123"
        );
        assert_eq!(
            check_serial(Some("EVF2026000123"), "EVF2026000128", None)
                .unwrap_err()
                .code,
            "E_SERIAL_MISMATCH"
        );
        assert!(check_serial(None, "AB-12", Some("ab12")).is_ok());
        assert_eq!(
            check_serial(None, "AB12", Some("AB13")).unwrap_err().code,
            "E_SERIAL_MISMATCH"
        );
        assert_eq!(
            check_serial(None, "AB12", None).unwrap_err().code,
            "E_SERIAL_TWICE"
        );
        assert_eq!(check_serial(None, " ", None).unwrap_err().code, "E_SERIAL");
    }

    #[test]
    fn macs_in_any_notation() {
        for m in [
            "02:ef:10:00:4d:01",
            "02-EF-10-00-4D-01",
            "02EF10004D01",
            "02ef.1000.4d01",
            " 02 ef 10 00 4d 01 ",
        ] {
            assert_eq!(normalize_mac(m).unwrap(), "02:EF:10:00:4D:01", "{m}");
        }
        assert_eq!(
            normalize_mac("02:EF:10:00:4D").unwrap_err().code,
            "E_BAD_MAC"
        );
        assert!(normalize_mac("02:EF:10:00:4D:0G").is_err());
    }

    #[test]
    fn conflicts_are_explained() {
        let e = explain_conflict(Error::validation("E_API_SERIAL_LOCKED", "x"));
        assert!(e.help.unwrap().contains("can never be changed"));
        let e = explain_conflict(Error::validation("E_OTHER", "x"));
        assert!(e.help.is_none());
    }
}
