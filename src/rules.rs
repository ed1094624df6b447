//! The rules a value must pass when it is given: the same at the session's prompt, from flags,
//! the answers file and `--set`, and in the standalone commands (`sticker`, `pinpoint submit`,
//! `batch`). Each rule normalises what it accepts and refuses the rest with a stable code, the
//! value and what to do (docs/answers.md "Rules").

use std::path::Path;

use crate::{Error, Result, t};

/// `02:ef:10:00:4d:01`, `02-EF-10-00-4D-01`, `02EF10004D01` -> `02:EF:10:00:4D:01`.
pub fn normalize_mac(mac: &str) -> Option<String> {
    let mut out = String::with_capacity(17);
    let mut digits = 0;
    for c in mac.chars() {
        if matches!(c, ':' | '-' | '.' | ' ') {
            continue;
        }
        if !c.is_ascii_hexdigit() || digits == 12 {
            return None;
        }
        if digits > 0 && digits % 2 == 0 {
            out.push(':');
        }
        out.push(c.to_ascii_uppercase());
        digits += 1;
    }
    (digits == 12).then_some(out)
}

/// A MAC address: 6 bytes, any of `:` `-` `.` or no separator, normalised to
/// `02:EF:10:00:4D:01`.
pub fn mac(v: &str) -> Result<String> {
    let v = v.trim();
    if let Some(m) = normalize_mac(v) {
        return Ok(m);
    }
    let digits: String = v
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.' | ' '))
        .collect();
    let msg = if digits.chars().all(|c| c.is_ascii_hexdigit()) {
        let n = digits.len();
        let why = if n.is_multiple_of(2) {
            t!("rules.mac.bytes", bytes = n / 2, digits = n)
        } else {
            t!("rules.mac.digits", digits = n)
        };
        t!("rules.mac.bad", mac = v, why = why)
    } else {
        t!("pin.bad_mac", mac = v)
    };
    Err(Error::validation("E_BAD_MAC", msg).with_help(t!("pin.bad_mac_help")))
}

/// An ICCID (the number printed on a SIM card): 18 to 22 digits (spaces and dashes between
/// groups are dropped) whose last digit is the Luhn check digit of the others.
pub fn iccid(v: &str) -> Result<String> {
    let v = v.trim();
    let digits: String = v.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let bad = |why: String| {
        Error::validation("E_BAD_ICCID", t!("rules.iccid.bad", iccid = v, why = why))
            .with_help(t!("rules.iccid.help"))
    };
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(bad(t!("rules.iccid.not_digit", c = c)));
    }
    if !(18..=22).contains(&digits.len()) {
        return Err(bad(t!("rules.iccid.length", n = digits.len())));
    }
    if !crate::station::at::luhn(&digits) {
        return Err(bad(t!("rules.iccid.check_digit")));
    }
    Ok(digits)
}

/// The network's installer API address: https, or http only on a loopback host (127.0.0.1, ::1,
/// localhost): the rule of the network client itself.
pub fn network_url(v: &str) -> Result<String> {
    let v = v.trim();
    if !v.is_empty() && !v.contains("://") {
        return Err(
            Error::validation("E_NET_BAD_URL", t!("rules.url.no_scheme", url = v))
                .with_help(t!("rules.url.no_scheme_help", url = v)),
        );
    }
    crate::network::client::Client::new(v).map_err(|e| Error {
        kind: crate::ErrorKind::Validation,
        ..e
    })?;
    Ok(v.to_string())
}

/// The OCPP central system's URL written into the station: a websocket URL (ws:// or wss://)
/// with a host.
pub fn ocpp_url(v: &str) -> Result<String> {
    let v = v.trim();
    let ok = reqwest::Url::parse(v)
        .ok()
        .filter(|u| matches!(u.scheme(), "ws" | "wss") && u.host().is_some());
    match ok {
        Some(_) => Ok(v.to_string()),
        None => Err(
            Error::validation("E_OCPP_URL", t!("rec.steps.ocpp_url", url = v))
                .with_help(t!("rec.steps.ocpp_url.help")),
        ),
    }
}

/// A photo file: it exists, is a JPEG or PNG that decodes, is large enough and (for the
/// pinpoint photo) landscape after its EXIF orientation (docs/photos.md).
pub fn photo(v: &str, landscape: bool) -> Result<String> {
    use crate::pinpoint::photo::Rules;
    let v = v.trim();
    if !Path::new(v).is_file() {
        return Err(Error::validation(
            "E_NO_FILE",
            t!("session.no_file", value = v),
        ));
    }
    let rules = if landscape {
        Rules::PINPOINT
    } else {
        Rules::BEFORE
    };
    crate::pinpoint::photo::check_file(Path::new(v), rules)?;
    Ok(v.to_string())
}

/// A position `LAT,LON` (decimal degrees, or degrees and minutes); a latitude out of range
/// that would be a good longitude is refused as swapped.
pub fn position(v: &str) -> Result<(f64, f64)> {
    crate::pinpoint::gps::parse_manual(v).map_err(|why| {
        let swapped = v
            .split_once(',')
            .map(|(a, b)| format!("{},{}", b.trim(), a.trim()))
            .filter(|s| crate::pinpoint::gps::parse_manual(s).is_ok());
        match swapped {
            Some(s) => swapped_error(v.trim(), &s),
            None => Error::validation("E_BAD_POSITION", why),
        }
    })
}

fn swapped_error(v: &str, fixed: &str) -> Error {
    Error::validation("E_POSITION_SWAPPED", t!("rules.pos.swapped", value = v))
        .with_help(t!("rules.pos.swapped_help", fixed = fixed))
}

pub use crate::network::api::Area;

/// A position inside the network's area; outside it, refused as swapped when the other order
/// is inside, else as far outside.
pub fn in_area(pos: (f64, f64), area: &Area) -> Result<()> {
    if area.contains(pos) {
        return Ok(());
    }
    let shown = format!("{},{}", pos.0, pos.1);
    if area.contains((pos.1, pos.0)) {
        return Err(swapped_error(&shown, &format!("{},{}", pos.1, pos.0)));
    }
    Err(Error::validation(
        "E_POSITION_OUTSIDE",
        t!(
            "rules.pos.outside",
            value = shown,
            south = area.south,
            north = area.north,
            west = area.west,
            east = area.east
        ),
    )
    .with_help(t!("rules.pos.outside_help")))
}

/// The reason a value is refused, for a prompt that asks again or an error that names where
/// the value came from: the message and, when there is one, what to do.
pub fn reason(e: &Error) -> String {
    match e.help.as_deref().filter(|h| !h.is_empty()) {
        Some(h) => format!("{} ({h})", e.message),
        None => e.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macs_are_six_bytes_in_one_form() {
        for (given, want) in [
            ("aabbccddeeff", Some("AA:BB:CC:DD:EE:FF")),
            ("02ef.1000.4d01", Some("02:EF:10:00:4D:01")),
            ("02 ef 10 00 4d 01", Some("02:EF:10:00:4D:01")),
            (":02:ef:10:00:4d:01-", Some("02:EF:10:00:4D:01")),
            ("02:ef:10:00:4d:01:0", None),
            ("02:ef:10:00:4d:0", None),
            ("02:ef:10:00:4d:0g", None),
            ("02:ef:10:00:4d:0é", None),
            ("\u{ff10}2:ef:10:00:4d:01", None),
            ("", None),
        ] {
            assert_eq!(normalize_mac(given).as_deref(), want, "{given}");
        }
        assert_eq!(mac("02-ef-10-00-4d-01").unwrap(), "02:EF:10:00:4D:01");
        assert_eq!(mac(" 02ef10004d01 ").unwrap(), "02:EF:10:00:4D:01");
        let e = mac("02:EF:10:00:4D").unwrap_err();
        assert_eq!(e.code, "E_BAD_MAC");
        assert!(e.message.contains("5 bytes"), "{}", e.message);
        assert!(mac("02:EF:10:00:4D:01:02").is_err());
        let e = mac("02:EF:10:00:4D:1").unwrap_err();
        assert!(e.message.contains("11 hex digits") && !e.message.contains("(6 bytes), a"));
        assert!(
            mac("02:EG:10:00:4D:01")
                .unwrap_err()
                .message
                .contains("12 hex digits")
        );
    }

    #[test]
    fn iccids_have_length_and_check_digit() {
        assert_eq!(
            iccid("8947 0800 0000 0000 015").unwrap(),
            "8947080000000000015"
        );
        assert_eq!(
            iccid("8947080000000000016").unwrap_err().code,
            "E_BAD_ICCID"
        );
        assert!(iccid("89470800000000015").is_err(), "17 digits");
        assert!(iccid("8947080000000000015A").is_err());
        // 22 digits with a valid check digit
        let base = "894708000000000000001";
        let full = (0..10)
            .map(|d| format!("{base}{d}"))
            .find(|n| crate::station::at::luhn(n))
            .unwrap();
        assert!(iccid(&full).is_ok());
        assert!(iccid(&format!("{full}0")).is_err(), "23 digits");
    }

    #[test]
    fn network_urls_are_https_or_loopback_http() {
        assert!(network_url("https://installer.network.example").is_ok());
        assert!(network_url("http://127.0.0.1:8787").is_ok());
        assert!(network_url("http://localhost:8787").is_ok());
        assert!(network_url("http://[::1]:8787").is_ok());
        let e = network_url("installer.network.example").unwrap_err();
        assert_eq!(e.code, "E_NET_BAD_URL");
        assert!(
            e.help
                .unwrap()
                .contains("https://installer.network.example")
        );
        assert_eq!(
            network_url("http://installer.network.example")
                .unwrap_err()
                .kind,
            crate::ErrorKind::Validation
        );
        assert!(network_url("ftp://x.example").is_err());
    }

    #[test]
    fn ocpp_urls_are_websockets() {
        assert!(ocpp_url("wss://ocpp.example/ocpp").is_ok());
        assert!(ocpp_url("ws://127.0.0.1:9000/ocpp").is_ok());
        assert!(ocpp_url("https://ocpp.example").is_err());
        assert!(ocpp_url("ocpp.example").is_err());
    }

    #[test]
    fn positions_swapped_or_far_away_are_refused_with_a_hint() {
        let oslo = Area {
            south: 58.9,
            west: 9.7,
            north: 60.9,
            east: 11.8,
        };
        assert!(in_area((59.91, 10.75), &oslo).is_ok());
        let e = in_area((10.75, 59.91), &oslo).unwrap_err();
        assert_eq!(e.code, "E_POSITION_SWAPPED");
        assert!(e.help.unwrap().contains("59.91,10.75"));
        assert_eq!(
            in_area((48.85, 2.35), &oslo).unwrap_err().code,
            "E_POSITION_OUTSIDE"
        );
        // a latitude out of range that is a good longitude
        let e = position("122.4,37.7").unwrap_err();
        assert_eq!(e.code, "E_POSITION_SWAPPED");
        assert_eq!(position("91,91").unwrap_err().code, "E_BAD_POSITION");
        assert_eq!(position("59.9, 10.7").unwrap(), (59.9, 10.7));
    }
}
