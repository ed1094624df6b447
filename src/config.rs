//! The configuration file: TOML, from `--config FILE` / `EVFIELD_CONFIG`, else
//! `<user config dir>/evfield/config.toml` when it exists. Unknown keys are refused.
//!
//! ```toml
//! network = "https://installer.example.net"   # default for --network
//! user = "me@example.com"                      # default for --user
//! port = "/dev/ttyUSB0"                        # default for --port
//! data_dir = "/home/me/evfield"                # default for --data-dir
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Error, Result};

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub network: Option<String>,
    pub user: Option<String>,
    pub port: Option<String>,
    pub data_dir: Option<PathBuf>,
    /// Where the file was read from.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

impl Config {
    /// Load the given file (must exist), or the default one when present, or nothing.
    pub fn load(explicit: Option<&Path>) -> Result<Config> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match crate::paths::config_dir().map(|d| d.join("config.toml")) {
                Some(p) if p.is_file() => p,
                _ => return Ok(Config::default()),
            },
        };
        let text = crate::paths::read_to_string_bounded(&path).map_err(|e| {
            Error::io(&crate::t!("rec.io.read_config"), &path, e)
                .with_help(crate::t!("rec.config.check_path"))
        })?;
        Self::parse(&text, &path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let mut c: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::paths::line_of(text, s.start))
                .unwrap_or(1);
            Error::usage(
                "E_CONFIG",
                format!("{}:{line}: {}", path.display(), e.message().trim()),
            )
            .with_help(crate::t!("rec.config.known_keys"))
        })?;
        c.source = Some(path.to_path_buf());
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_refused_with_line() {
        let e = Config::parse(
            "network = \"https://x\"\nnetwrok = \"y\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert!(e.message.starts_with("c.toml:2:"), "{}", e.message);
        assert!(e.message.contains("netwrok"), "{}", e.message);
    }

    #[test]
    fn known_keys_load() {
        let c = Config::parse(
            "user = \"a@b\"\nport = \"/dev/ttyUSB0\"\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.user.as_deref(), Some("a@b"));
    }
}
