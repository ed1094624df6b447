//! Lint of OCPP settings before they are written: the commonest real failures caught while the
//! installer is still at the station.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::OcppSettings;
use super::profile::Profile;

/// Error code: the lint found an error and nothing was written.
pub const E_OCPP_LINT: &str = "E_OCPP_LINT";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Level::Error => crate::t!("stn.lint.level.error"),
            Level::Warning => crate::t!("stn.lint.level.warning"),
        })
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub level: Level,
    pub check: &'static str,
    pub message: String,
    pub help: String,
}

fn finding(level: Level, check: &'static str, message: String, help: impl Into<String>) -> Finding {
    Finding {
        level,
        check,
        message,
        help: help.into(),
    }
}

/// Ports of databases and administration services: never an OCPP endpoint.
const WRONG_PORTS: &[(u16, &str)] = &[
    (21, "FTP"),
    (22, "SSH"),
    (23, "Telnet"),
    (25, "SMTP"),
    (1433, "Microsoft SQL Server"),
    (1521, "Oracle database"),
    (2082, "cPanel"),
    (2083, "cPanel"),
    (3306, "MySQL"),
    (3389, "Remote Desktop"),
    (5432, "PostgreSQL"),
    (5984, "CouchDB"),
    (6379, "Redis"),
    (9200, "Elasticsearch"),
    (10000, "Webmin"),
    (27017, "MongoDB"),
];

/// How far a clock may be off before TLS certificate checks are at risk, in seconds.
pub const MAX_CLOCK_SKEW_S: i64 = 300;

/// The station's clock minus `now`, in seconds. Reads `YY MO DD HH MM SS` (RAPI `GT`, two-digit
/// year) or RFC 3339.
pub fn clock_skew(raw: &str, now: DateTime<Utc>) -> Result<i64, String> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Ok(t
            .with_timezone(&Utc)
            .signed_duration_since(now)
            .num_seconds());
    }
    let n: Vec<u32> = raw
        .split([' ', ',', ':', '-', '/'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<u32>()
                .map_err(|_| crate::t!("stn.lint.clock_not_reading", raw = raw))
        })
        .collect::<Result<_, _>>()?;
    if n.len() != 6 {
        return Err(crate::t!("stn.lint.clock_not_reading", raw = raw));
    }
    let year = if n[0] < 100 {
        2000 + n[0] as i32
    } else {
        n[0] as i32
    };
    let t = NaiveDate::from_ymd_opt(year, n[1], n[2])
        .and_then(|d| d.and_hms_opt(n[3], n[4], n[5]))
        .ok_or_else(|| crate::t!("stn.lint.clock_not_valid", raw = raw))?;
    Ok(t.and_utc().signed_duration_since(now).num_seconds())
}

/// Check settings before writing them. `station_clock` is what the station's clock step read.
pub fn lint(
    want: &OcppSettings,
    security_profile: u8,
    profile: &Profile,
    station_clock: Option<&str>,
    now: DateTime<Utc>,
) -> Vec<Finding> {
    use Level::{Error, Warning};
    let mut out = Vec::new();
    let url = want.url.trim();
    let id = &want.charge_box_id;
    let lower = url.to_ascii_lowercase();
    let tls = lower.starts_with("wss://");
    if !(lower.starts_with("ws://") || tls) {
        let hint = if lower.starts_with("http://") || lower.starts_with("https://") {
            crate::t!("stn.lint.scheme_http")
        } else {
            crate::t!("stn.lint.scheme_other")
        };
        out.push(finding(
            Error,
            "scheme",
            crate::t!("stn.lint.not_websocket", url = url),
            hint,
        ));
    }
    let parsed = url.parse::<tungstenite::http::Uri>().ok();
    if parsed
        .as_ref()
        .and_then(|u| u.host())
        .is_none_or(str::is_empty)
    {
        out.push(finding(
            Error,
            "host",
            crate::t!("stn.lint.no_host", url = url),
            crate::t!("stn.lint.no_host_help"),
        ));
    }
    if let Some(u) = &parsed {
        if let Some(port) = u.port_u16()
            && let Some((_, what)) = WRONG_PORTS.iter().find(|(p, _)| *p == port)
        {
            out.push(finding(
                Error,
                "port",
                crate::t!("stn.lint.wrong_port", url = url, port = port, what = what),
                crate::t!("stn.lint.wrong_port_help"),
            ));
        }
        match (tls, u.port_u16()) {
            (true, Some(80)) => out.push(finding(
                Warning,
                "port",
                crate::t!("stn.lint.wss_port_80", url = url),
                crate::t!("stn.lint.wss_port_80_help"),
            )),
            (false, Some(443)) => out.push(finding(
                Warning,
                "port",
                crate::t!("stn.lint.ws_port_443", url = url),
                crate::t!("stn.lint.ws_port_443_help"),
            )),
            _ => {}
        }
        let appends = profile.ocpp.as_ref().is_none_or(|o| o.appends_identity);
        let last = u
            .path()
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        if appends && !id.is_empty() && last == id {
            out.push(finding(
                Error,
                "identity_in_url",
                crate::t!("stn.lint.identity_in_url", url = url, id = id),
                crate::t!("stn.lint.identity_in_url_help", id = id),
            ));
        }
    }
    let max = profile.ocpp.as_ref().map(|o| o.identity_max).unwrap_or(48);
    if id.is_empty() {
        out.push(finding(
            Error,
            "identity",
            crate::t!("stn.lint.identity_empty"),
            crate::t!("stn.lint.identity_empty_help"),
        ));
    } else {
        let n = id.chars().count();
        if n > max {
            out.push(finding(
                Error,
                "identity",
                crate::t!(
                    "stn.lint.identity_long",
                    id = id,
                    n = n,
                    manufacturer = profile.vendor.manufacturer,
                    max = max
                ),
                crate::t!("stn.lint.identity_long_help"),
            ));
        }
        if let Some(c) = id.chars().find(|c| !c.is_ascii_graphic()) {
            out.push(finding(
                Error,
                "identity",
                crate::t!("stn.lint.identity_char", id = id, c = format!("{c:?}")),
                crate::t!("stn.lint.identity_char_help"),
            ));
        } else if let Some(c) = id.chars().find(|c| matches!(c, '/' | '?' | '#')) {
            out.push(finding(
                Error,
                "identity",
                crate::t!("stn.lint.identity_path", id = id, c = c),
                crate::t!("stn.lint.identity_path_help"),
            ));
        } else if let Some(c) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
        {
            out.push(finding(
                Warning,
                "identity",
                crate::t!("stn.lint.identity_encoded", id = id, c = c),
                crate::t!("stn.lint.identity_encoded_help"),
            ));
        }
    }
    if security_profile >= 2 && !tls {
        out.push(finding(
            Error,
            "security_profile",
            crate::t!("stn.lint.profile_needs_tls", profile = security_profile),
            crate::t!("stn.lint.profile_needs_tls_help"),
        ));
    }
    if let Some(o) = &profile.ocpp
        && !o.security_profiles.is_empty()
        && !o.security_profiles.contains(&security_profile)
    {
        out.push(finding(
            Error,
            "security_profile",
            crate::t!(
                "stn.lint.profile_unsupported",
                manufacturer = profile.vendor.manufacturer,
                profiles = format!("{:?}", o.security_profiles),
                profile = security_profile
            ),
            crate::t!("stn.lint.profile_unsupported_help"),
        ));
    }
    if let Some(raw) = station_clock {
        match clock_skew(raw, now) {
            Ok(skew) if skew.abs() > MAX_CLOCK_SKEW_S => out.push(finding(
                if tls { Error } else { Warning },
                "clock",
                crate::t!("stn.lint.clock_skew", skew = format!("{skew:+}")),
                crate::t!("stn.lint.clock_skew_help"),
            )),
            Ok(_) => {}
            Err(e) => out.push(finding(
                Warning,
                "clock",
                crate::t!("stn.lint.clock_unreadable", why = e),
                crate::t!("stn.lint.clock_unreadable_help"),
            )),
        }
    }
    out
}

/// Check the OCPP security settings before they are written: `security_profile` when one is to
/// be written, `key_len` the length of the authorization key when one is given (the key itself
/// never reaches a finding). What the station offers comes from its profile (`[ocpp]` and the
/// `write_security_profile` / `write_authorization_key` steps).
pub fn lint_security(
    url: &str,
    security_profile: Option<u8>,
    key_len: Option<usize>,
    profile: &Profile,
) -> Vec<Finding> {
    use Level::{Error, Warning};
    let mut out = Vec::new();
    let tls = url.trim().to_ascii_lowercase().starts_with("wss://");
    let who = &profile.vendor.manufacturer;
    if let Some(sp) = security_profile {
        if sp > 3 {
            out.push(finding(
                Error,
                "security_profile",
                crate::t!("stn.lint.profile_not_exist", profile = sp),
                crate::t!("stn.lint.profile_not_exist_help"),
            ));
        }
        if !profile.scripted("write_security_profile") {
            out.push(finding(
                Error,
                "security_profile",
                crate::t!("stn.lint.profile_not_settable", who = who),
                crate::t!(
                    "stn.lint.set_as_manufacturer_says",
                    vendor = profile.vendor.id
                ),
            ));
        }
        let key = key_len.is_some();
        if matches!(sp, 1 | 2) && !key {
            out.push(finding(
                Error,
                "authorization_key",
                crate::t!("stn.lint.key_missing", profile = sp),
                crate::t!(
                    "stn.lint.key_missing_help",
                    var = super::security::AUTH_KEY_ENV
                ),
            ));
        }
        match (sp, tls) {
            (0, true) => out.push(finding(
                Warning,
                "security_profile",
                crate::t!("stn.lint.profile0_tls"),
                crate::t!("stn.lint.profile0_tls_help"),
            )),
            (1, true) if key => out.push(finding(
                Warning,
                "security_profile",
                crate::t!("stn.lint.profile1_tls"),
                crate::t!("stn.lint.check_profile_help"),
            )),
            (1, false) if key => out.push(finding(
                Warning,
                "security_profile",
                crate::t!("stn.lint.profile1_plain"),
                crate::t!("stn.lint.profile1_plain_help"),
            )),
            _ => {}
        }
        if matches!(sp, 0 | 3) && key {
            out.push(finding(
                Warning,
                "authorization_key",
                crate::t!("stn.lint.key_unused", profile = sp),
                crate::t!("stn.lint.key_unused_help"),
            ));
        }
    }
    if let Some(n) = key_len {
        if !profile.scripted("write_authorization_key") {
            out.push(finding(
                Error,
                "authorization_key",
                crate::t!("stn.lint.key_not_settable", who = who),
                crate::t!(
                    "stn.lint.set_as_manufacturer_says",
                    vendor = profile.vendor.id
                ),
            ));
        }
        if !(16..=40).contains(&n) {
            out.push(finding(
                Error,
                "authorization_key",
                crate::t!("stn.lint.key_length", n = n),
                crate::t!("stn.lint.key_length_help"),
            ));
        }
    }
    out
}

/// Whether a key has only characters a station takes (printable ASCII, no spaces); checked
/// apart from [`lint_security`] so no finding ever needs the key itself.
pub fn key_characters_ok(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::station::profile::Registry;
    use proptest::prelude::*;

    fn p() -> Profile {
        Registry::shipped()
            .unwrap()
            .get("evfield-sim")
            .unwrap()
            .clone()
    }

    fn checks(url: &str, id: &str, sp: u8, clock: Option<&str>) -> Vec<(Level, &'static str)> {
        let now = "2026-03-01T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let want = OcppSettings {
            url: url.into(),
            charge_box_id: id.into(),
        };
        lint(&want, sp, &p(), clock, now)
            .into_iter()
            .map(|f| (f.level, f.check))
            .collect()
    }

    #[test]
    fn the_commonest_mistakes_are_caught() {
        use Level::*;
        assert!(
            checks(
                "wss://cs.example.net/ocpp",
                "CB-1",
                2,
                Some("26 3 1 12 0 30")
            )
            .is_empty()
        );
        assert_eq!(
            checks("https://cs.example.net/ocpp", "CB-1", 0, None),
            vec![(Error, "scheme")]
        );
        assert_eq!(
            checks("ws://cs.example.net/ocpp/CB-1", "CB-1", 0, None),
            vec![(Error, "identity_in_url")]
        );
        assert_eq!(
            checks("ws://db.example.net:3306/ocpp", "CB-1", 0, None),
            vec![(Error, "port")]
        );
        assert_eq!(
            checks("ws://cs.example.net/ocpp", &"A".repeat(49), 0, None),
            vec![(Error, "identity")]
        );
        assert_eq!(
            checks("ws://cs.example.net/ocpp", "CB 1", 0, None),
            vec![(Error, "identity")]
        );
        assert_eq!(
            checks("ws://cs.example.net/ocpp", "CB/1", 0, None),
            vec![(Error, "identity")]
        );
        assert_eq!(
            checks("ws://cs.example.net/ocpp", "CB+1", 0, None),
            vec![(Warning, "identity")]
        );
        assert_eq!(
            checks("ws://cs.example.net/ocpp", "CB-1", 2, None),
            vec![(Error, "security_profile")]
        );
        assert_eq!(
            checks("ws://cs.example.net/ocpp", "CB-1", 3, None),
            vec![(Error, "security_profile"), (Error, "security_profile")]
        );
        assert_eq!(
            checks(
                "wss://cs.example.net/ocpp",
                "CB-1",
                1,
                Some("2026-03-01T11:50:00Z")
            ),
            vec![(Error, "clock")]
        );
        assert_eq!(
            checks(
                "ws://cs.example.net/ocpp",
                "CB-1",
                0,
                Some("26 3 1 12 10 00")
            ),
            vec![(Warning, "clock")]
        );
        assert_eq!(checks("ws://", "CB-1", 0, None), vec![(Error, "host")]);
    }

    #[test]
    fn security_settings_are_linted() {
        use Level::*;
        let eva = Registry::shipped()
            .unwrap()
            .get("chargestorm-eva")
            .unwrap()
            .clone();
        let sec = |url: &str, sp: Option<u8>, key: Option<usize>, p: &Profile| {
            lint_security(url, sp, key, p)
                .into_iter()
                .map(|f| (f.level, f.check))
                .collect::<Vec<_>>()
        };
        let ws = "ws://cs.example.net/ocpp";
        let wss = "wss://cs.example.net/ocpp";
        assert!(sec(wss, Some(2), Some(20), &eva).is_empty());
        assert!(sec(wss, None, None, &eva).is_empty());
        assert_eq!(
            sec(ws, Some(1), None, &eva),
            vec![(Error, "authorization_key")]
        );
        assert_eq!(
            sec(wss, Some(2), None, &eva),
            vec![(Error, "authorization_key")]
        );
        assert_eq!(
            sec(ws, Some(1), Some(20), &eva),
            vec![(Warning, "security_profile")]
        );
        assert_eq!(
            sec(wss, Some(0), None, &eva),
            vec![(Warning, "security_profile")]
        );
        assert_eq!(
            sec(wss, Some(1), Some(20), &eva),
            vec![(Warning, "security_profile")]
        );
        assert_eq!(
            sec(wss, Some(0), Some(20), &eva),
            vec![
                (Warning, "security_profile"),
                (Warning, "authorization_key")
            ]
        );
        assert_eq!(
            sec(wss, Some(2), Some(8), &eva),
            vec![(Error, "authorization_key")]
        );
        assert_eq!(
            sec(wss, Some(7), Some(20), &eva),
            vec![(Error, "security_profile")]
        );
        // a station without the steps (the console simulator) cannot take either
        assert_eq!(
            sec(wss, Some(2), Some(20), &p()),
            vec![(Error, "security_profile"), (Error, "authorization_key")]
        );
        // the existing lint still wants TLS for profile 2
        let want = OcppSettings {
            url: ws.into(),
            charge_box_id: "CB-1".into(),
        };
        assert!(
            lint(&want, 2, &eva, None, Utc::now())
                .iter()
                .any(|f| f.check == "security_profile" && f.level == Error)
        );
        assert!(key_characters_ok("0123456789abcdef"));
        assert!(!key_characters_ok("0123 456789abcdef"));
        assert!(!key_characters_ok(""));
    }

    #[test]
    fn clock_readings() {
        let now = "2026-03-01T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(clock_skew("26 3 1 12 0 30", now).unwrap(), 30);
        assert_eq!(clock_skew("2026-03-01T11:59:00Z", now).unwrap(), -60);
        assert!(clock_skew("26 13 1 12 0 0", now).is_err());
        assert!(clock_skew("noon", now).is_err());
    }

    proptest! {
        #[test]
        fn lint_never_panics(url in any::<String>(), id in any::<String>(), sp in 0u8..5, clock in any::<String>()) {
            let want = OcppSettings { url, charge_box_id: id };
            let _ = lint(&want, sp, &p(), Some(&clock), Utc::now());
        }
    }
}
