//! The network's requirements, cached with their fetch time so a site without connectivity still
//! has them (seed 001, "Before You Begin": get the minimum-firmware document and the checklist
//! before the visit). One JSON file, `<data dir>/cache/requirements.json`, written atomically.
//!
//! [`super::client::Client::requirements`] stores every answer here (when the client has a
//! cache) and, when the network cannot be reached, answers from here instead, saying how old the
//! answer is (docs/network-api.md, "Requirements cache").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::api::Requirements;
use crate::{Error, Result};

/// One cached answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cached {
    pub network: String,
    pub requirements: Requirements,
    /// RFC 3339 UTC.
    pub fetched_at: String,
}

impl Cached {
    /// Age in seconds (0 when the clock went back).
    pub fn age_s(&self, now: DateTime<Utc>) -> i64 {
        DateTime::parse_from_rfc3339(&self.fetched_at)
            .map(|t| (now - t.with_timezone(&Utc)).num_seconds().max(0))
            .unwrap_or(0)
    }
}

/// How old, in words, in the installer's language: `12 minutes`, `3 hours`, `5 days`.
pub fn age_text(seconds: i64) -> String {
    age_text_in(crate::i18n::lang(), seconds)
}

/// [`age_text`] in a given language (English for the journal).
pub fn age_text_in(lang: crate::i18n::Lang, seconds: i64) -> String {
    let (n, id) = match seconds {
        s if s < 120 => (s, "net.age.seconds"),
        s if s < 7_200 => (s / 60, "net.age.minutes"),
        s if s < 172_800 => (s / 3_600, "net.age.hours"),
        s => (s / 86_400, "net.age.days"),
    };
    let count = u64::try_from(n).unwrap_or(0);
    crate::i18n::tr_n_in(lang, id, count, &[("count", &n)])
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    schema: u32,
    entries: BTreeMap<String, Cached>,
}

/// The requirements cache file.
#[derive(Debug, Clone)]
pub struct RequirementsCache {
    path: PathBuf,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn key(network: &str, manufacturer: &str, model: &str) -> String {
    format!(
        "{}|{}|{}",
        network.trim().trim_end_matches('/'),
        norm(manufacturer),
        norm(model)
    )
}

impl RequirementsCache {
    pub fn in_data_dir(data_dir: &Path) -> RequirementsCache {
        RequirementsCache {
            path: data_dir.join("cache").join("requirements.json"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn load(&self) -> Result<File> {
        match std::fs::read(&self.path) {
            Ok(b) => serde_json::from_slice(&b).map_err(|e| {
                Error::internal(
                    "E_CACHE",
                    crate::t!("net.cache.unreadable", path = self.path.display(), why = e),
                )
                .with_help(crate::t!("net.cache.unreadable_help"))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(File::default()),
            Err(e) => Err(Error::io(&crate::t!("net.doing.read"), &self.path, e)),
        }
    }

    /// Keep an answer of the network.
    pub fn store(&self, network: &str, req: &Requirements, now: DateTime<Utc>) -> Result<()> {
        let mut f = self.load().unwrap_or_default();
        f.schema = 1;
        f.entries.insert(
            key(network, &req.manufacturer, &req.model),
            Cached {
                network: network.to_string(),
                requirements: req.clone(),
                fetched_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            },
        );
        if let Some(dir) = self.path.parent() {
            crate::paths::ensure_private_dir(dir)?;
        }
        let bytes = serde_json::to_vec_pretty(&f)
            .map_err(|e| Error::internal("E_CACHE", crate::t!("net.cache.encode", why = e)))?;
        crate::paths::write_atomic(&self.path, &bytes)
    }

    /// The cached answer for a model at a network. The model is looked up as asked and, for
    /// networks that answer with their own spelling, by the names in the cached answers.
    pub fn get(&self, network: &str, manufacturer: &str, model: &str) -> Result<Option<Cached>> {
        let f = self.load()?;
        if let Some(c) = f.entries.get(&key(network, manufacturer, model)) {
            return Ok(Some(c.clone()));
        }
        Ok(f.entries
            .values()
            .find(|c| {
                key(
                    &c.network,
                    &c.requirements.manufacturer,
                    &c.requirements.model,
                ) == key(network, manufacturer, model)
            })
            .cloned())
    }

    /// Every cached answer.
    pub fn all(&self) -> Result<Vec<Cached>> {
        Ok(self.load()?.entries.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(m: &str, model: &str) -> Requirements {
        Requirements {
            manufacturer: m.into(),
            model: model.into(),
            min_firmware: "5.0.0".into(),
            checklist_version: "2026.1".into(),
            ocpp_url: "wss://x/ocpp".into(),
            identity_rule: "EVF-{mac}".into(),
            pinpoint_url_template: "https://x/p?mac={mac}&password={password}".into(),
            security_profile: None,
            service_area: None,
        }
    }

    #[test]
    fn stored_answers_come_back_with_their_age() {
        let d = tempfile::tempdir().unwrap();
        let c = RequirementsCache::in_data_dir(d.path());
        assert!(
            c.get("https://n", "Evfield", "SimCharger 22")
                .unwrap()
                .is_none()
        );
        let t0 = DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        c.store("https://n/", &req("Evfield", "SimCharger 22"), t0)
            .unwrap();
        let got = c
            .get("https://n", "evfield", " SimCharger  22")
            .unwrap()
            .unwrap();
        assert_eq!(got.requirements.min_firmware, "5.0.0");
        assert_eq!(got.age_s(t0 + chrono::Duration::hours(50)), 50 * 3600);
        assert!(
            c.get("https://other", "Evfield", "SimCharger 22")
                .unwrap()
                .is_none()
        );
        assert_eq!(age_text(50 * 3600), "2 days");
        assert_eq!(age_text(90), "90 seconds");
        assert_eq!(age_text(3600), "60 minutes");
        assert_eq!(age_text(60), "60 seconds");
        assert_eq!(age_text_in(crate::i18n::Lang::En, 1), "1 second");
        assert_eq!(age_text_in(crate::i18n::Lang::Sv, 1), "1 sekund");
        assert_eq!(age_text_in(crate::i18n::Lang::Nb, 3 * 86_400), "3 dager");
        assert_eq!(c.all().unwrap().len(), 1);
    }
}
