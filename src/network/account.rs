//! The installer's login: where the API token is kept and found again.
//!
//! `evfield login` exchanges username and password for a token (the password is used once and
//! never stored). Before it asks for the password it checks where the token will go: the OS
//! keyring (Keychain on macOS, Credential Manager on Windows, the kernel keyring on Linux), under
//! service `evfield` and the account `<username> on <network>`; where the keyring refuses (a
//! headless Linux shell, a container) or `EVFIELD_NO_KEYRING=1`, a token file readable by its
//! owner only, `<data dir>/installer-token`, chosen with a notice; or the file `--token-file`
//! names. Every command that calls the network takes the token from [`find_token`]'s sources,
//! and only `login` writes it (docs/account.md):
//!
//! 1. a source asked for explicitly, which is an error naming it when it cannot be used:
//!    `--token-stdin`, the token file given (`--token-file`, `EVFIELD_TOKEN_FILE`), the
//!    environment variable `EVFIELD_TOKEN`;
//! 2. where `login` put it: its token file (0600 or 0400, else refused), else the OS keyring.
//!
//! Who is logged in where (not the token) is kept in `<data dir>/account.json`, so `whoami` and
//! the other commands know the network, the username and the token file without asking.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::network::api::Installer;
use crate::{Error, Result};

/// The installer guide's sentence on training (seed 001), as the network words it.
pub const NOT_CERTIFIED_SENTENCE: &str = "If you do not complete installation training, you cannot access the network to complete pinpointing and station setup.";

/// Keyring service name of every evfield entry.
pub const KEYRING_SERVICE: &str = "evfield";
/// Environment variable that may hold the token.
pub const TOKEN_ENV: &str = "EVFIELD_TOKEN";
/// Name of the account file in the data directory.
pub const ACCOUNT_FILE: &str = "account.json";
/// Environment variable that turns the OS keyring off, as if there were none (`1`).
pub const NO_KEYRING_ENV: &str = "EVFIELD_NO_KEYRING";
/// Name of the token file `login` chooses in the data directory when there is no keyring.
pub const FALLBACK_TOKEN_FILE: &str = "installer-token";

/// Where a token was found (or stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "path")]
pub enum TokenSource {
    Keyring,
    Env,
    File(PathBuf),
    Stdin,
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::Keyring => f.write_str("the OS keyring"),
            TokenSource::Env => write!(f, "the environment variable {TOKEN_ENV}"),
            TokenSource::File(p) => write!(f, "the token file {}", p.display()),
            TokenSource::Stdin => f.write_str("standard input"),
        }
    }
}

/// A token and where it came from. `Debug` never shows the token.
pub struct Found {
    pub token: String,
    pub source: TokenSource,
    /// Asked for explicitly (`--token-stdin`, `--token-file`, `EVFIELD_TOKEN`), not where
    /// `login` put it.
    pub explicit: bool,
}

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Found")
            .field("token", &"<hidden>")
            .field("source", &self.source)
            .field("explicit", &self.explicit)
            .finish()
    }
}

/// The sources beyond the keyring that the command line points at.
#[derive(Debug, Clone, Default)]
pub struct TokenOptions {
    pub token_file: Option<PathBuf>,
    pub token_stdin: bool,
}

/// Who is logged in where (no secret): `<data dir>/account.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountFile {
    /// The network's API address, as given to `login`.
    pub network: String,
    pub username: String,
    pub name: Option<String>,
    /// When the token stops working (RFC 3339 UTC).
    pub expires_at: Option<String>,
    /// Where `login` put the token: `keyring` or `file`.
    pub stored_in: String,
    pub token_file: Option<PathBuf>,
}

impl AccountFile {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(ACCOUNT_FILE)
    }

    /// The account file, when there is one.
    pub fn load(data_dir: &Path) -> Result<Option<AccountFile>> {
        let path = Self::path(data_dir);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&crate::t!("net.doing.read"), &path, e)),
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            Error::usage(
                "E_ACCOUNT_FILE",
                crate::t!("net.account.bad_file", path = path.display(), why = e),
            )
            .with_help(crate::t!("net.account.bad_file_help"))
        })
    }

    pub fn save(&self, data_dir: &Path) -> Result<()> {
        crate::paths::ensure_private_dir(data_dir)?;
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| {
            Error::internal("E_ACCOUNT_FILE", crate::t!("net.account.encode", why = e))
        })?;
        crate::paths::write_atomic(&Self::path(data_dir), &bytes)
    }

    pub fn remove(data_dir: &Path) -> Result<bool> {
        let path = Self::path(data_dir);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(Error::io(&crate::t!("net.doing.remove"), &path, e)),
        }
    }
}

/// The keyring account name of a login: `<username> on <network>`.
pub fn keyring_user(network: &str, username: &str) -> String {
    format!("{username} on {}", network.trim().trim_end_matches('/'))
}

/// The keyring entry of a login, or why the OS keyring cannot be used.
pub fn keyring_entry(network: &str, username: &str) -> std::result::Result<keyring::Entry, String> {
    keyring::Entry::new(KEYRING_SERVICE, &keyring_user(network, username))
        .map_err(|e| crate::t!("net.keyring.unavailable", why = e))
}

/// Keep a token in the keyring.
pub fn keyring_store(entry: &keyring::Entry, token: &str) -> Result<()> {
    entry.set_password(token).map_err(|e| {
        Error::internal(
            "E_KEYRING",
            crate::t!("net.keyring.refused", why = keyring_why(&e)),
        )
        .with_help(crate::t!("net.keyring.refused_help", var = TOKEN_ENV))
    })
}

/// Forget the keyring's token; `Ok(false)` when there was none.
pub fn keyring_delete(entry: &keyring::Entry) -> std::result::Result<bool, String> {
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(keyring_why(&e)),
    }
}

fn keyring_why(e: &keyring::Error) -> String {
    match e {
        keyring::Error::NoEntry => {
            crate::t!("net.keyring.no_entry")
        }
        other => other.to_string(),
    }
}

/// Read a token file: it must exist, be readable by its owner only and hold one token.
pub fn read_token_file(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::io(&crate::t!("net.doing.read_token_file"), path, e)
            .with_help(crate::t!("net.token_file.missing_help"))
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::usage(
                "E_TOKEN_FILE_MODE",
                crate::t!(
                    "net.token_file.mode",
                    path = path.display(),
                    mode = format!("{mode:04o}")
                ),
            )
            .with_help(crate::t!("net.token_file.mode_help", path = path.display())));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = crate::paths::read_to_string_bounded(path)
        .map_err(|e| Error::io(&crate::t!("net.doing.read_token_file"), path, e))?;
    let token = text.trim().to_string();
    if token.is_empty() || token.contains(char::is_whitespace) {
        return Err(Error::usage(
            "E_TOKEN_FILE",
            crate::t!("net.token_file.not_one_token", path = path.display()),
        )
        .with_help(crate::t!("net.token_file.not_one_token_help")));
    }
    Ok(token)
}

/// Write a token file readable only by its owner (atomically: never half written).
pub fn write_token_file(path: &Path, token: &str) -> Result<()> {
    crate::paths::write_atomic(path, format!("{token}\n").as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(&crate::t!("net.doing.set_permissions"), path, e))?;
    }
    Ok(())
}

fn read_token_stdin(stdin: &mut dyn Read) -> Result<String> {
    let s = crate::paths::read_text_bounded(stdin).map_err(|e| {
        Error::usage(
            "E_TOKEN_STDIN",
            crate::t!("net.token_stdin.failed", why = e),
        )
    })?;
    let t = s.trim().to_string();
    if t.is_empty() {
        return Err(
            Error::usage("E_TOKEN_STDIN", crate::t!("net.token_stdin.empty"))
                .with_help(crate::t!("net.token_stdin.empty_help")),
        );
    }
    Ok(t)
}

/// Find the token (docs/account.md). A source asked for explicitly comes first and, when it
/// cannot be used, is an error naming it, never skipped: `--token-stdin`, then the token file
/// given (`--token-file`, `EVFIELD_TOKEN_FILE`), then `EVFIELD_TOKEN`. Then where `login` put
/// it: the token file it chose (`stored_file`, from the account file; an error too when it is
/// gone or unsafe), else the OS keyring. `notes` receives one line per source passed over (for
/// `-v`); no note holds a token.
pub fn find_token(
    keyring: Option<&keyring::Entry>,
    env: Option<String>,
    opts: &TokenOptions,
    stored_file: Option<&Path>,
    stdin: &mut dyn Read,
    notes: &mut Vec<String>,
) -> Result<Option<Found>> {
    let found = |token: String, source: TokenSource, explicit: bool| {
        Ok(Some(Found {
            token,
            source,
            explicit,
        }))
    };
    if opts.token_stdin {
        return found(read_token_stdin(stdin)?, TokenSource::Stdin, true);
    }
    notes.push("standard input: not asked (--token-stdin)".into());
    if let Some(p) = &opts.token_file {
        return found(read_token_file(p)?, TokenSource::File(p.clone()), true);
    }
    notes.push("token file: none given (--token-file, EVFIELD_TOKEN_FILE)".into());
    match env {
        Some(t) if t.trim().is_empty() => return Err(env_token_empty()),
        Some(t) => return found(t.trim().to_string(), TokenSource::Env, true),
        None => notes.push(format!("{TOKEN_ENV}: not set")),
    }
    if let Some(p) = stored_file {
        let token = read_token_file(p).map_err(|e| {
            let help = crate::t!("waits.token.stored_file_help", path = p.display());
            let help = match e.help.as_deref() {
                Some(h) => format!("{h}; {help}"),
                None => help,
            };
            Error {
                help: Some(help),
                ..e
            }
        })?;
        return found(token, TokenSource::File(p.to_path_buf()), false);
    }
    match keyring {
        Some(entry) => match entry.get_password() {
            Ok(t) if !t.trim().is_empty() => {
                return found(t.trim().to_string(), TokenSource::Keyring, false);
            }
            Ok(_) => notes.push("the OS keyring holds an empty token".into()),
            Err(e) => notes.push(format!("OS keyring: {}", keyring_why(&e))),
        },
        None => notes.push("OS keyring: not used".into()),
    }
    Ok(None)
}

/// Check the sources asked for explicitly that can be checked without using them up (the
/// token file given, `EVFIELD_TOKEN` set but empty), so a run that cannot use them stops on
/// that error first, before it lists values it still needs. Standard input is read once, later.
pub fn check_explicit(opts: &TokenOptions) -> Result<()> {
    if opts.token_stdin {
        return Ok(());
    }
    if let Some(p) = &opts.token_file {
        read_token_file(p)?;
        return Ok(());
    }
    if std::env::var(TOKEN_ENV).is_ok_and(|t| t.trim().is_empty()) {
        return Err(env_token_empty());
    }
    Ok(())
}

/// `EVFIELD_TOKEN` is set but holds nothing: an error, never passed over.
fn env_token_empty() -> Error {
    Error::usage(
        "E_TOKEN_ENV",
        crate::t!("waits.token.env_empty", var = TOKEN_ENV),
    )
    .with_help(crate::t!("waits.token.env_empty_help", var = TOKEN_ENV))
}

/// Whether two network addresses name the same network (a trailing `/` aside).
pub fn same_network(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/')
}

/// The token for `username` at `network` from the sources of [`find_token`], with the token
/// file `login` chose taken from its account file `acct`, and the OS keyring unless
/// [`NO_KEYRING_ENV`] turns it off.
pub fn find_for(
    network: &str,
    username: &str,
    acct: Option<&AccountFile>,
    opts: &TokenOptions,
    stdin: &mut dyn Read,
    notes: &mut Vec<String>,
) -> Result<Option<Found>> {
    let stored_file = acct
        .filter(|a| same_network(&a.network, network) && a.username == username)
        .filter(|a| a.stored_in == "file")
        .and_then(|a| a.token_file.clone());
    let entry = if keyring_disabled() {
        notes.push(format!("OS keyring: turned off by {NO_KEYRING_ENV}"));
        None
    } else {
        keyring_entry(network, username)
            .map_err(|why| notes.push(why))
            .ok()
    };
    find_token(
        entry.as_ref(),
        std::env::var(TOKEN_ENV).ok(),
        opts,
        stored_file.as_deref(),
        stdin,
        notes,
    )
}

/// Whether [`NO_KEYRING_ENV`] turns the OS keyring off.
pub fn keyring_disabled() -> bool {
    std::env::var(NO_KEYRING_ENV).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Whether the OS keyring keeps a token, tried with a probe entry that is written, read back
/// and removed; else why not. `login` asks this before it asks for the password.
pub fn keyring_usable() -> std::result::Result<(), String> {
    if keyring_disabled() {
        return Err(crate::t!("waits.token.keyring_off", var = NO_KEYRING_ENV));
    }
    let probe = format!("keyring probe {}", std::process::id());
    let entry = keyring::Entry::new(KEYRING_SERVICE, &probe)
        .map_err(|e| crate::t!("net.keyring.unavailable", why = e))?;
    entry.set_password("probe").map_err(|e| keyring_why(&e))?;
    let back = entry.get_password().map_err(|e| keyring_why(&e));
    let _ = entry.delete_credential();
    match back {
        Ok(v) if v == "probe" => Ok(()),
        Ok(_) => Err(crate::t!("net.keyring.no_entry")),
        Err(why) => Err(why),
    }
}

/// Where `login` keeps the token when there is no usable OS keyring: `<data dir>/installer-token`.
pub fn fallback_token_file(data_dir: &Path) -> PathBuf {
    data_dir.join(FALLBACK_TOKEN_FILE)
}

/// The error when no source holds a token.
pub fn not_logged_in(network: &str, username: &str) -> Error {
    Error::usage(
        "E_NOT_LOGGED_IN",
        crate::t!("net.not_logged_in", user = username, network = network),
    )
    .with_help(crate::t!("net.not_logged_in_help", var = TOKEN_ENV))
}

/// Refuse an installer who may not pinpoint: not certified, or certified until a day that has
/// passed. The message quotes the networking guide (seed 001) and says where to get certified.
pub fn require_certified(inst: &Installer, today: chrono::NaiveDate) -> Result<()> {
    let expired = inst
        .certification_expires
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok())
        .filter(|end| *end < today);
    // the message quotes the guide's sentence (the sandbox's NOT_CERTIFIED_SENTENCE in English)
    let message = match (inst.certified, expired) {
        (true, None) => return Ok(()),
        (_, Some(end)) => crate::t!("net.cert.ended", user = inst.username, date = end),
        (false, None) => crate::t!("net.cert.not_certified", user = inst.username),
    };
    Err(Error::blocked("E_NOT_CERTIFIED", message).with_help(certify_help()))
}

/// Where to get certified (seed 001: the network's installer training).
pub fn certify_help() -> String {
    crate::t!("net.cert.help")
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyring::mock::MockCredential;

    fn mock_entry() -> keyring::Entry {
        keyring::Entry::new_with_credential(Box::new(MockCredential::default()))
    }

    fn find(
        entry: Option<&keyring::Entry>,
        env: Option<&str>,
        opts: &TokenOptions,
        stdin: &str,
    ) -> (Result<Option<Found>>, Vec<String>) {
        find_stored(entry, env, opts, None, stdin)
    }

    fn find_stored(
        entry: Option<&keyring::Entry>,
        env: Option<&str>,
        opts: &TokenOptions,
        stored: Option<&Path>,
        stdin: &str,
    ) -> (Result<Option<Found>>, Vec<String>) {
        let mut notes = Vec::new();
        let r = find_token(
            entry,
            env.map(str::to_string),
            opts,
            stored,
            &mut stdin.as_bytes(),
            &mut notes,
        );
        (r, notes)
    }

    fn private_file(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join("token");
        write_token_file(&p, text).unwrap();
        p
    }

    fn got(r: Result<Option<Found>>) -> (String, TokenSource, bool) {
        let f = r.unwrap().unwrap();
        (f.token, f.source, f.explicit)
    }

    #[test]
    fn explicit_sources_come_first_then_where_login_put_it() {
        let d = tempfile::tempdir().unwrap();
        let file = private_file(d.path(), "from-file");
        let stored = d.path().join("stored");
        write_token_file(&stored, "from-stored").unwrap();
        let entry = mock_entry();
        keyring_store(&entry, "from-keyring").unwrap();
        let all = TokenOptions {
            token_file: Some(file.clone()),
            token_stdin: true,
        };
        // --token-stdin beats everything, the keyring included
        let (r, _) = find(Some(&entry), Some("from-env"), &all, "from-stdin\n");
        assert_eq!(got(r), ("from-stdin".into(), TokenSource::Stdin, true));
        // then the token file given
        let file_only = TokenOptions {
            token_file: Some(file.clone()),
            token_stdin: false,
        };
        let (r, _) = find(Some(&entry), Some("from-env"), &file_only, "");
        assert_eq!(got(r), ("from-file".into(), TokenSource::File(file), true));
        // then EVFIELD_TOKEN
        let none = TokenOptions::default();
        let (r, _) = find_stored(Some(&entry), Some("from-env"), &none, Some(&stored), "");
        assert_eq!(got(r), ("from-env".into(), TokenSource::Env, true));
        // then the file login chose, before the keyring
        let (r, _) = find_stored(Some(&entry), None, &none, Some(&stored), "");
        assert_eq!(
            got(r),
            ("from-stored".into(), TokenSource::File(stored), false)
        );
        let (r, _) = find(Some(&entry), None, &none, "");
        assert_eq!(got(r), ("from-keyring".into(), TokenSource::Keyring, false));

        // the keyring refuses (as the kernel keyring does in a container): nothing found
        let refusing = mock_entry();
        let mock: &MockCredential = refusing.get_credential().downcast_ref().unwrap();
        mock.set_error(keyring::Error::NoEntry);
        let (r, notes) = find(Some(&refusing), None, &none, "x");
        assert!(r.unwrap().is_none());
        assert!(notes.iter().any(|n| n.contains("no entry")), "{notes:?}");
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(
            !format!("{notes:?}").contains("from-"),
            "a note shows a token"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_token_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = private_file(d.path(), "tok-secret-1");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let opts = TokenOptions {
            token_file: Some(p.clone()),
            token_stdin: false,
        };
        let (r, _) = find(None, None, &opts, "");
        let e = r.unwrap_err();
        assert_eq!(e.code, "E_TOKEN_FILE_MODE");
        assert!(e.message.contains("0644"), "{}", e.message);
        assert!(e.help.unwrap().contains("chmod 600"));
        assert!(!e.message.contains("tok-secret-1"));
        // the file login chose is refused the same way, and the help says to log in again
        let (r, _) = find_stored(None, None, &TokenOptions::default(), Some(&p), "");
        let e = r.unwrap_err();
        assert_eq!(e.code, "E_TOKEN_FILE_MODE");
        assert!(e.help.unwrap().contains("evfield login"));
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o400)).unwrap();
        assert_eq!(read_token_file(&p).unwrap(), "tok-secret-1");
    }

    #[test]
    fn failing_explicit_sources_are_errors_not_skipped() {
        let d = tempfile::tempdir().unwrap();
        let entry = mock_entry();
        keyring_store(&entry, "from-keyring").unwrap();
        let opts = TokenOptions {
            token_file: Some(d.path().join("nope")),
            token_stdin: false,
        };
        let (r, _) = find(Some(&entry), Some("from-env"), &opts, "x");
        let e = r.unwrap_err();
        assert_eq!(e.code, "E_IO");
        assert!(e.message.contains("nope"), "{}", e.message);
        let opts = TokenOptions {
            token_file: None,
            token_stdin: true,
        };
        let (r, _) = find(Some(&entry), Some("from-env"), &opts, "\n");
        assert_eq!(r.unwrap_err().code, "E_TOKEN_STDIN");
        let (r, _) = find(Some(&entry), Some("  "), &TokenOptions::default(), "");
        let e = r.unwrap_err();
        assert_eq!(e.code, "E_TOKEN_ENV");
        assert!(e.message.contains(TOKEN_ENV), "{}", e.message);
        // the file login chose, gone
        let (r, _) = find_stored(
            Some(&entry),
            None,
            &TokenOptions::default(),
            Some(&d.path().join("gone")),
            "",
        );
        assert_eq!(r.unwrap_err().code, "E_IO");
    }

    #[test]
    fn keyring_refusal_names_the_fallbacks() {
        let entry = mock_entry();
        let mock: &MockCredential = entry.get_credential().downcast_ref().unwrap();
        mock.set_error(keyring::Error::NoEntry);
        let e = keyring_store(&entry, "t").unwrap_err();
        assert_eq!(e.code, "E_KEYRING");
        let help = e.help.unwrap();
        assert!(
            help.contains("--token-file") && help.contains(TOKEN_ENV),
            "{help}"
        );
        assert!(!keyring_delete(&mock_entry()).unwrap());
    }

    #[test]
    fn certification_rules() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let mut i = Installer {
            username: "a@b".into(),
            name: "A".into(),
            certified: true,
            certification_expires: Some("2027-12-31".into()),
        };
        assert!(require_certified(&i, today).is_ok());
        i.certification_expires = Some("2026-05-31".into());
        let e = require_certified(&i, today).unwrap_err();
        assert!(e.message.contains("ended on 2026-05-31"), "{}", e.message);
        // the guide's sentence, quoted as the sandbox network words it
        let quoted = format!("\"{}\"", NOT_CERTIFIED_SENTENCE);
        assert!(e.message.ends_with(&quoted), "{}", e.message);
        i.certification_expires = None;
        i.certified = false;
        let e = require_certified(&i, today).unwrap_err();
        assert_eq!(e.code, "E_NOT_CERTIFIED");
        assert!(e.message.ends_with(&quoted), "{}", e.message);
        assert!(e.help.unwrap().contains("chargepoint.com/installers"));
    }
}
