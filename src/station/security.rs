//! OCPP security settings where the station has them (OCPP 1.6 Security Whitepaper): the
//! security profile (0 none, 1 HTTP Basic over ws://, 2 TLS + HTTP Basic, 3 TLS + client
//! certificate) and the authorization key (the HTTP Basic password).
//!
//! The key is a secret: it comes from standard input or `EVFIELD_OCPP_AUTH_KEY` (or a prompt
//! without echo), never from the command line; it is masked in the service-port traffic and in
//! errors ([`super::script`]), never journaled, and never printed. It is write-only on the
//! station too: a read-back proves it only by what the station reports (a key is set).

use std::fmt;

use serde::Serialize;

use crate::{Error, Result};

/// The environment variable that may hold the authorization key.
pub const AUTH_KEY_ENV: &str = "EVFIELD_OCPP_AUTH_KEY";
/// Error code: an authorization key is needed and none was given, or it is not usable.
pub const E_AUTH_KEY: &str = "E_AUTH_KEY";
/// Error code: the station kept other security settings than were written.
pub const E_SECURITY_READBACK: &str = "E_SECURITY_READBACK";

/// An authorization key. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthKey(String);

impl AuthKey {
    pub fn new(key: &str) -> AuthKey {
        AuthKey(key.trim_end_matches(['\r', '\n']).to_string())
    }
    /// The key itself, for the station only.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuthKey(*** {} characters)", self.len())
    }
}

/// Where a key came from, for messages and the journal (never the key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Stdin,
    Env,
    Prompt,
}

impl fmt::Display for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            KeySource::Stdin => crate::t!("stn.security.source.stdin"),
            KeySource::Env => AUTH_KEY_ENV.to_string(),
            KeySource::Prompt => crate::t!("stn.security.source.prompt"),
        })
    }
}

/// The key from standard input (when `stdin` is set: its first line) or else from
/// [`AUTH_KEY_ENV`]; `None` when neither gives one.
pub fn key_from(
    stdin: Option<&mut dyn std::io::Read>,
    env: Option<String>,
) -> Result<Option<(AuthKey, KeySource)>> {
    if let Some(r) = stdin {
        let text = crate::paths::read_text_bounded(r).map_err(|e| {
            Error::usage(
                E_AUTH_KEY,
                crate::t!("stn.security.stdin_unreadable", why = e),
            )
        })?;
        let key = AuthKey::new(text.lines().next().unwrap_or_default());
        if key.is_empty() {
            return Err(
                Error::usage(E_AUTH_KEY, crate::t!("stn.security.stdin_empty")).with_help(
                    crate::t!("stn.security.stdin_empty_help", var = AUTH_KEY_ENV),
                ),
            );
        }
        return Ok(Some((key, KeySource::Stdin)));
    }
    Ok(env
        .filter(|v| !v.is_empty())
        .map(|v| (AuthKey::new(&v), KeySource::Env)))
}

/// The station's OCPP security settings as it reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityState {
    pub security_profile: u8,
    /// Whether the station says an authorization key is set (`None`: it does not tell).
    pub authorization_key_set: Option<bool>,
}

impl fmt::Display for SecurityState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let profile = self.security_profile;
        f.write_str(&match self.authorization_key_set {
            Some(true) => crate::t!("stn.security.state_key_set", profile = profile),
            Some(false) => crate::t!("stn.security.state_no_key", profile = profile),
            None => crate::t!("stn.security.state", profile = profile),
        })
    }
}

/// What to write: either or both.
#[derive(Debug, Clone, Default)]
pub struct SecurityWrite {
    pub security_profile: Option<u8>,
    pub authorization_key: Option<AuthKey>,
}

pub(super) fn flag(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "set" | "1" | "yes" | "true" | "on" => Some(true),
        "not set" | "unset" | "0" | "no" | "false" | "off" | "" => Some(false),
        _ => None,
    }
}

/// Compare what the station reports with what was written; the error never holds the key.
pub fn check_read_back(port: &str, w: &SecurityWrite, got: &SecurityState) -> Result<()> {
    if let Some(sp) = w.security_profile
        && got.security_profile != sp
    {
        return Err(Error::station(
            E_SECURITY_READBACK,
            crate::t!(
                "stn.security.readback_profile",
                port = port,
                got = got.security_profile,
                profile = sp
            ),
        )
        .with_help(crate::t!("stn.security.readback_profile_help")));
    }
    if w.authorization_key.is_some() && got.authorization_key_set == Some(false) {
        return Err(Error::station(
            E_SECURITY_READBACK,
            crate::t!("stn.security.readback_key", port = port),
        )
        .with_help(crate::t!("stn.security.readback_key_help")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_stdin_or_the_environment_and_never_show() {
        let mut input = "0123456789abcdef0123\nignored\n".as_bytes();
        let (k, src) = key_from(Some(&mut input), Some("from-env-0123456789".into()))
            .unwrap()
            .unwrap();
        assert_eq!(
            (k.expose(), src),
            ("0123456789abcdef0123", KeySource::Stdin)
        );
        assert!(!format!("{k:?}").contains("0123456789"));
        let (k, src) = key_from(None, Some("from-env-0123456789".into()))
            .unwrap()
            .unwrap();
        assert_eq!((k.expose(), src), ("from-env-0123456789", KeySource::Env));
        assert!(key_from(None, Some(String::new())).unwrap().is_none());
        let mut empty = "".as_bytes();
        assert_eq!(
            key_from(Some(&mut empty), None).unwrap_err().code,
            E_AUTH_KEY
        );
    }

    #[test]
    fn read_back_compares_profile_and_key_flag() {
        let w = SecurityWrite {
            security_profile: Some(1),
            authorization_key: Some(AuthKey::new("0123456789abcdef")),
        };
        let ok = SecurityState {
            security_profile: 1,
            authorization_key_set: Some(true),
        };
        assert!(check_read_back("p", &w, &ok).is_ok());
        let e = check_read_back(
            "p",
            &w,
            &SecurityState {
                security_profile: 0,
                ..ok.clone()
            },
        )
        .unwrap_err();
        assert_eq!(e.code, E_SECURITY_READBACK);
        let e = check_read_back(
            "p",
            &w,
            &SecurityState {
                authorization_key_set: Some(false),
                ..ok
            },
        )
        .unwrap_err();
        assert!(!e.message.contains("0123456789abcdef"));
        assert_eq!(flag("<set>".trim_matches(['<', '>'])), Some(true));
    }
}
