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
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
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
                .map_err(|_| format!("`{raw}` is not a clock reading"))
        })
        .collect::<Result<_, _>>()?;
    if n.len() != 6 {
        return Err(format!("`{raw}` is not a clock reading"));
    }
    let year = if n[0] < 100 {
        2000 + n[0] as i32
    } else {
        n[0] as i32
    };
    let t = NaiveDate::from_ymd_opt(year, n[1], n[2])
        .and_then(|d| d.and_hms_opt(n[3], n[4], n[5]))
        .ok_or_else(|| format!("`{raw}` is not a valid date and time"))?;
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
            "OCPP 1.6J runs over a websocket: use ws:// (or wss:// for TLS) instead of http(s)://; \
             an http(s) address is an OCPP 1.5 SOAP endpoint or the network's web portal"
        } else {
            "the URL must start with ws:// or wss://"
        };
        out.push(finding(
            Error,
            "scheme",
            format!("URL `{url}` is not a websocket URL"),
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
            format!("URL `{url}` has no host"),
            "copy the URL from the network's requirements",
        ));
    }
    if let Some(u) = &parsed {
        if let Some(port) = u.port_u16()
            && let Some((_, what)) = WRONG_PORTS.iter().find(|(p, _)| *p == port)
        {
            out.push(finding(
                Error,
                "port",
                format!("URL `{url}` uses port {port}, the {what} port, not an OCPP endpoint"),
                "this looks like a database or administration address; use the OCPP URL from the \
                 network's requirements",
            ));
        }
        match (tls, u.port_u16()) {
            (true, Some(80)) => out.push(finding(
                Warning,
                "port",
                format!("wss:// on port 80 in `{url}`"),
                "TLS normally runs on 443; check the URL",
            )),
            (false, Some(443)) => out.push(finding(
                Warning,
                "port",
                format!("ws:// on port 443 in `{url}`"),
                "port 443 normally needs wss://; check the URL",
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
                format!("URL `{url}` already ends with the charge box identity `{id}`"),
                format!(
                    "this station appends `/<identity>` itself: write the URL without it, or it \
                     connects as `.../{id}/{id}`"
                ),
            ));
        }
    }
    let max = profile.ocpp.as_ref().map(|o| o.identity_max).unwrap_or(48);
    if id.is_empty() {
        out.push(finding(
            Error,
            "identity",
            "the charge box identity is empty".into(),
            "use the network's identity rule",
        ));
    } else {
        let n = id.chars().count();
        if n > max {
            out.push(finding(
                Error,
                "identity",
                format!(
                    "charge box identity `{id}` is {n} characters; {} accepts at most {max}",
                    profile.vendor.manufacturer
                ),
                "OCPP identities are CiString; shorten it as the network's rule allows",
            ));
        }
        if let Some(c) = id.chars().find(|c| !c.is_ascii_graphic()) {
            out.push(finding(
                Error,
                "identity",
                format!("charge box identity `{id}` contains {c:?}"),
                "use printable ASCII without spaces (letters, digits, - . _ ~)",
            ));
        } else if let Some(c) = id.chars().find(|c| matches!(c, '/' | '?' | '#')) {
            out.push(finding(
                Error,
                "identity",
                format!("charge box identity `{id}` contains `{c}`, which breaks the URL path"),
                "use letters, digits, - . _ ~",
            ));
        } else if let Some(c) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
        {
            out.push(finding(
                Warning,
                "identity",
                format!("charge box identity `{id}` contains `{c}`, which must be percent-encoded in the URL"),
                "some stations do not encode it and fail to connect; prefer letters, digits, - . _ ~",
            ));
        }
    }
    if security_profile >= 2 && !tls {
        out.push(finding(
            Error,
            "security_profile",
            format!("security profile {security_profile} needs TLS, but the URL is ws://"),
            "use the network's wss:// URL",
        ));
    }
    if let Some(o) = &profile.ocpp
        && !o.security_profiles.is_empty()
        && !o.security_profiles.contains(&security_profile)
    {
        out.push(finding(
            Error,
            "security_profile",
            format!(
                "{} supports security profiles {:?}, not {security_profile}",
                profile.vendor.manufacturer, o.security_profiles
            ),
            "ask the network for a connection this station supports, or update its firmware",
        ));
    }
    if let Some(raw) = station_clock {
        match clock_skew(raw, now) {
            Ok(skew) if skew.abs() > MAX_CLOCK_SKEW_S => out.push(finding(
                if tls { Error } else { Warning },
                "clock",
                format!("the station's clock is {skew:+} s off this laptop's clock"),
                "set the station's clock (or let it take time from the network) first: TLS \
                 certificate checks fail with a wrong clock",
            )),
            Ok(_) => {}
            Err(e) => out.push(finding(
                Warning,
                "clock",
                format!("the station's clock reading {e}"),
                "check the clock on the station's display",
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
                format!("security profile {sp} does not exist"),
                "OCPP security profiles are 0 (none), 1 (HTTP Basic), 2 (TLS + HTTP Basic) and \
                 3 (TLS + client certificate)",
            ));
        }
        if !profile.scripted("write_security_profile") {
            out.push(finding(
                Error,
                "security_profile",
                format!("{who} stations cannot have their security profile set over the port"),
                format!(
                    "set it as the manufacturer says (`evfield vendors show {}`)",
                    profile.vendor.id
                ),
            ));
        }
        let key = key_len.is_some();
        if matches!(sp, 1 | 2) && !key {
            out.push(finding(
                Error,
                "authorization_key",
                format!("security profile {sp} needs an authorization key, and none was given"),
                format!(
                    "give the key the network issued on standard input \
                     (--authorization-key-stdin) or in {}",
                    super::security::AUTH_KEY_ENV
                ),
            ));
        }
        match (sp, tls) {
            (0, true) => out.push(finding(
                Warning,
                "security_profile",
                "security profile 0 over wss://: the connection is encrypted but the station \
                 does not authenticate itself"
                    .into(),
                "allowed; use profile 2 with an authorization key when the network supports it",
            )),
            (1, true) if key => out.push(finding(
                Warning,
                "security_profile",
                "security profile 1 with a wss:// URL: profile 2 is TLS with HTTP Basic".into(),
                "check which profile the network expects",
            )),
            (1, false) if key => out.push(finding(
                Warning,
                "security_profile",
                "security profile 1 sends the authorization key unencrypted over ws://".into(),
                "only on a trusted network (VPN or private APN); prefer wss:// with profile 2",
            )),
            _ => {}
        }
        if matches!(sp, 0 | 3) && key {
            out.push(finding(
                Warning,
                "authorization_key",
                format!("security profile {sp} does not use the authorization key"),
                "the key is written anyway; check which profile the network expects",
            ));
        }
    }
    if let Some(n) = key_len {
        if !profile.scripted("write_authorization_key") {
            out.push(finding(
                Error,
                "authorization_key",
                format!("{who} stations cannot have an authorization key set over the port"),
                format!(
                    "set it as the manufacturer says (`evfield vendors show {}`)",
                    profile.vendor.id
                ),
            ));
        }
        if !(16..=40).contains(&n) {
            out.push(finding(
                Error,
                "authorization_key",
                format!("the authorization key is {n} characters long"),
                "OCPP wants at least 16 characters (the 1.6 Security Whitepaper), and stations \
                 take at most 40; use the key the network issued",
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
