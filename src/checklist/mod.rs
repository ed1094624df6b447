//! Checklists as data (design.md "checklist"): the seed's "Before you begin", the verification
//! checklist, the safety gate, vendor additions, the labels and the final verification, each a
//! TOML file in `checklists/` (docs/checklists.md) with its items in four languages.
//!
//! The files of `checklists/` are built into the binary; a file in
//! `<config dir>/evfield/checklists/` (or `$EVFIELD_CHECKLIST_DIR`) with the same `id` replaces
//! the built-in one, a new `id` adds a checklist. Every mistake in a file is an error that names
//! the file, the line and the key.
//!
//! Each item is answered by the key `<checklist id>.<item id>` (flag `--set`, answers file, or
//! the prompt), so a checklist runs with or without a terminal.

pub mod answer;
pub mod keys;
pub mod load;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

use crate::i18n::{self, Lang};
use crate::vocab::keys::{KeyDef, ValueKind};
use crate::{Error, Result};

/// A text in every language it has (index: [`Lang`] order en, nb, sv, da).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Texts(pub [Option<String>; 4]);

impl Texts {
    /// The text in the process's language, else English.
    pub fn get(&self) -> &str {
        self.get_in(i18n::lang())
    }

    pub fn get_in(&self, lang: Lang) -> &str {
        self.0[lang as usize]
            .as_deref()
            .or(self.0[0].as_deref())
            .unwrap_or("")
    }

    pub fn has(&self, lang: Lang) -> bool {
        self.0[lang as usize].is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// What the session reads from the station or the network as an item's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// The error list the station reports over its service port.
    StationErrors,
    StationMac,
    StationSerial,
    StationFirmware,
    StationModel,
    /// The ICCID of the SIM in the station.
    SimIccid,
    /// The OCPP connection state the network reports for the station.
    NetworkOcpp,
}

impl Reading {
    pub const ALL: [(&'static str, Reading); 7] = [
        ("station.errors", Reading::StationErrors),
        ("station.mac", Reading::StationMac),
        ("station.serial", Reading::StationSerial),
        ("station.firmware", Reading::StationFirmware),
        ("station.model", Reading::StationModel),
        ("sim.iccid", Reading::SimIccid),
        ("network.ocpp", Reading::NetworkOcpp),
    ];

    pub fn name(self) -> &'static str {
        Reading::ALL
            .iter()
            .find(|(_, r)| *r == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }

    pub fn parse(s: &str) -> Option<Reading> {
        Reading::ALL.iter().find(|(n, _)| *n == s).map(|(_, r)| *r)
    }

    /// The reading among the facts a session has read (`station.identity`, `sim.new_iccid`,
    /// ... as journaled); `None` when it was not read.
    pub fn from_facts(
        self,
        facts: &std::collections::BTreeMap<String, serde_json::Value>,
    ) -> Option<serde_json::Value> {
        let identity = |k: &str| facts.get("station.identity")?.get(k).cloned();
        match self {
            Reading::StationMac => identity("mac"),
            Reading::StationSerial => identity("serial"),
            Reading::StationFirmware => identity("firmware"),
            Reading::StationModel => identity("model"),
            Reading::SimIccid => facts
                .get("sim.new_iccid")
                .or(facts.get("sim.old_iccid"))
                .cloned(),
            Reading::NetworkOcpp => facts.get("network.ocpp_status").cloned(),
            Reading::StationErrors => facts.get("checklist.station_errors").cloned(),
        }
    }
}

/// What a reading must be for the item to pass, when the tool can decide it alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// No entries (an empty error list).
    Empty,
    /// Exactly this value (case-insensitive), e.g. `connected`.
    Equals(String),
}

/// The evidence an item needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Evidence {
    /// Yes or no.
    Confirmation,
    /// A measured number in `unit`, passing when inside `min..=max`.
    Number {
        unit: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// Free text (notes, a name).
    Text,
    /// A photo file (JPEG or PNG), stored with the session.
    Photo,
    /// A value read from the station or the network. With `expect` the reading decides; without,
    /// the person confirms what was read (the text shows it as `{value}`). Where nothing can be
    /// read (no station attached), the person confirms.
    Reading { of: Reading, expect: Option<Expect> },
}

impl Evidence {
    pub fn kind(&self) -> &'static str {
        match self {
            Evidence::Confirmation => "confirmation",
            Evidence::Number { .. } => "number",
            Evidence::Text => "text",
            Evidence::Photo => "photo",
            Evidence::Reading { .. } => "reading",
        }
    }
}

/// One item of a checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    /// `<checklist id>.<item id>`: the answers key.
    pub key: String,
    pub text: Texts,
    /// What to do when the item fails (shown with the stop).
    pub help: Texts,
    /// A blocking item that fails or is skipped stops the flow; an advisory one is recorded.
    pub blocking: bool,
    /// Whether "not applicable" (with a reason) is an accepted answer.
    pub allow_na: bool,
    /// A safety item (the DANGER steps): it has no proposed answer, a bare Enter never confirms
    /// it, it cannot be skipped and the demo never proposes an answer for it. Always blocking.
    pub safety: bool,
    /// Items of the same checklist (ids, earlier in the list) that a failure of this one proves
    /// false: a multimeter reading of 230 V withdraws "power is disconnected". They are withdrawn
    /// and asked again together with this item.
    pub withdraws: Vec<String>,
    pub evidence: Evidence,
}

/// Which stations a checklist applies to.
#[derive(Debug, Clone, Serialize)]
pub struct AppliesTo {
    pub manufacturer: String,
    /// Empty: every model of the manufacturer.
    pub models: Vec<String>,
}

/// One checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    pub id: String,
    pub version: String,
    /// Where `renetwork` runs it: precheck, before, labels or verify.
    pub phase: String,
    /// Order among the checklists of a phase (smaller first).
    pub order: i64,
    /// A phase that cannot start until this checklist has passed (the safety gate: `sim`).
    pub gates: Option<String>,
    pub title: Texts,
    /// A warning shown before the items (the DANGER text of the safety gate).
    pub warning: Option<Texts>,
    /// Empty: every station.
    pub applies_to: Vec<AppliesTo>,
    pub items: Vec<Item>,
    /// `built-in:<file>` or the path it was read from.
    pub source: String,
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl Checklist {
    /// Whether it applies to this station (`None`: the station is not known, only general
    /// checklists apply).
    pub fn applies(&self, station: Option<(&str, &str)>) -> bool {
        if self.applies_to.is_empty() {
            return true;
        }
        let Some((manufacturer, model)) = station else {
            return false;
        };
        self.applies_to.iter().any(|a| {
            same_name(&a.manufacturer, manufacturer)
                && (a.models.is_empty() || a.models.iter().any(|m| same_name(m, model)))
        })
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// The phases of `renetwork` that run checklists.
pub const PHASES: [&str; 4] = ["precheck", "before", "labels", "verify"];

/// The checklist files built into the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "precheck.toml",
        include_str!("../../checklists/precheck.toml"),
    ),
    ("before.toml", include_str!("../../checklists/before.toml")),
    ("safety.toml", include_str!("../../checklists/safety.toml")),
    (
        "vendor-evfield.toml",
        include_str!("../../checklists/vendor-evfield.toml"),
    ),
    (
        "vendor-wallbox.toml",
        include_str!("../../checklists/vendor-wallbox.toml"),
    ),
    ("labels.toml", include_str!("../../checklists/labels.toml")),
    ("verify.toml", include_str!("../../checklists/verify.toml")),
];

/// All checklists of this process, and the answers keys of their items.
pub struct Registry {
    pub lists: Vec<Checklist>,
    /// Where overriding files were looked for.
    pub dir: Option<PathBuf>,
    keys: Vec<KeyDef>,
}

impl Registry {
    /// Built-in checklists, then the files of `dir` (same id replaces, new id adds).
    pub fn load(dir: Option<&Path>) -> Result<Registry> {
        let mut lists: Vec<Checklist> = Vec::new();
        for (name, text) in BUILT_IN {
            let c = load::parse(text, &format!("checklists/{name}"))?;
            if lists.iter().any(|o| o.id == c.id) {
                return Err(Error::internal(
                    "E_CHECKLIST",
                    crate::t!("checklist.load.same_builtin_id", id = c.id),
                ));
            }
            lists.push(load::with_source(c, format!("built-in:{name}")));
        }
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| Error::io(&crate::t!("checklist.load.read_dir"), dir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            let mut seen: Vec<(String, PathBuf)> = Vec::new();
            for f in files {
                let text = std::fs::read_to_string(&f)
                    .map_err(|e| Error::io(&crate::t!("checklist.load.read_file"), &f, e))?;
                let c = load::parse(&text, &f.display().to_string())?;
                if let Some((_, other)) = seen.iter().find(|(id, _)| *id == c.id) {
                    return Err(Error::usage(
                        "E_CHECKLIST",
                        crate::t!(
                            "checklist.load.same_id",
                            first = other.display(),
                            second = f.display(),
                            id = c.id
                        ),
                    )
                    .with_help(crate::t!("checklist.load.same_id_help")));
                }
                seen.push((c.id.clone(), f.clone()));
                let c = load::with_source(c, f.display().to_string());
                match lists.iter_mut().find(|o| o.id == c.id) {
                    Some(o) => *o = c,
                    None => lists.push(c),
                }
            }
        }
        for c in &lists {
            for i in &c.items {
                if crate::vocab::keys::KEYS.iter().any(|k| k.key == i.key) {
                    return Err(Error::usage(
                        "E_CHECKLIST",
                        crate::t!("checklist.load.key_taken", source = c.source, key = i.key),
                    )
                    .with_help(crate::t!("checklist.load.key_taken_help")));
                }
            }
        }
        lists.sort_by(|a, b| {
            let p = |c: &Checklist| PHASES.iter().position(|p| *p == c.phase).unwrap_or(9);
            (p(a), a.order, &a.id).cmp(&(p(b), b.order, &b.id))
        });
        let keys = lists
            .iter()
            .flat_map(|c| c.items.iter())
            .map(keydef)
            .collect();
        Ok(Registry {
            lists,
            dir: dir.map(Path::to_path_buf),
            keys,
        })
    }

    pub fn get(&self, id: &str) -> Option<&Checklist> {
        self.lists.iter().find(|c| c.id == id)
    }

    /// The checklist id named, or an error listing the ids.
    pub fn require(&self, id: &str) -> Result<&Checklist> {
        self.get(id).ok_or_else(|| {
            let ids: Vec<&str> = self.lists.iter().map(|c| c.id.as_str()).collect();
            Error::usage("E_NO_CHECKLIST", crate::t!("checklist.none", id = id))
                .with_help(crate::t!("checklist.none_help", ids = ids.join(", ")))
        })
    }

    /// The checklists `renetwork` runs in `phase` for this station, in order.
    pub fn for_phase(&self, phase: &str, station: Option<(&str, &str)>) -> Vec<&Checklist> {
        self.lists
            .iter()
            .filter(|c| c.phase == phase && c.applies(station))
            .collect()
    }

    /// The item answered by `key`.
    pub fn item_by_key(&self, key: &str) -> Option<(&Checklist, &Item)> {
        let (cl, item) = key.split_once('.')?;
        let c = self.get(cl)?;
        Some((c, c.item(item)?))
    }

    /// The answers keys of all items.
    pub fn keys(&self) -> &[KeyDef] {
        &self.keys
    }
}

/// The answers key of an item, for the session's key table.
fn keydef(i: &Item) -> KeyDef {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    KeyDef {
        key: leak(i.key.clone()),
        flag: crate::vocab::keys::CHECKLIST_FLAGS
            .iter()
            .find(|(k, _)| *k == i.key)
            .map(|(_, f)| *f),
        kind: ValueKind::Check,
        optional: !i.blocking,
        question: leak(i.text.get_in(Lang::En).to_string()),
    }
}

static REGISTRY: OnceLock<Registry> = OnceLock::new();

/// Where overriding checklist files are read from: `$EVFIELD_CHECKLIST_DIR`, else
/// `<config dir>/evfield/checklists`.
pub fn override_dir() -> Option<PathBuf> {
    std::env::var_os("EVFIELD_CHECKLIST_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| crate::paths::config_dir().map(|d| d.join("checklists")))
}

/// Load the checklists of this process (built-in and overriding files); once.
pub fn init() -> Result<&'static Registry> {
    if let Some(r) = REGISTRY.get() {
        return Ok(r);
    }
    let r = Registry::load(override_dir().as_deref())?;
    Ok(REGISTRY.get_or_init(|| r))
}

/// The checklists of this process: those of [`init`], or the built-in ones when it was not
/// called (the built-in files are checked by the tests, so they load).
pub fn registry() -> &'static Registry {
    REGISTRY.get_or_init(|| {
        Registry::load(None).unwrap_or_else(|_| Registry {
            lists: Vec::new(),
            dir: None,
            keys: Vec::new(),
        })
    })
}

#[cfg(test)]
mod tests;
