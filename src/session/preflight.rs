//! Before `renetwork` starts a new session: every value it will certainly need that nothing
//! gives (so a run with nobody to ask names them all at once and leaves no failed session
//! behind), and the unfinished sessions for the same station (so it is resumed rather than
//! started again beside it).
//!
//! "Certainly needed" follows the flow of docs/answers.md: values every station needs, those its
//! vendor profile asks for (`--vendor` known), and the blocking items of the checklists that
//! apply to every station (or to every model of the vendor's manufacturer). What depends on the
//! station's answers (a model without a modem, a reading the port cannot take, a pin far from the
//! address, the service port found by USB id or remembered) is found out in the session and, with
//! nobody to ask, stops it there.

use std::path::Path;

use super::keys::{self, KeyDef};
use super::prompt::Level;
use super::sessions::{self, Summary};
use super::{Inputs, Session};
use crate::checklist::{self, Evidence};
use crate::station::profile::{Profile, Registry};
use crate::{Error, Result, t};

/// Whether a value has a source before the session starts: a flag or `--set`, the answers
/// file, or the demo.
pub(super) fn given(inputs: &Inputs, key: &str) -> bool {
    inputs.flags.contains_key(key)
        || inputs.provided.contains_key(key)
        || inputs
            .site
            .as_ref()
            .is_some_and(|s| s.values.contains_key(key))
        || inputs
            .answers
            .as_ref()
            .is_some_and(|a| a.get(key).is_some())
}

/// The value of `key` given before the session starts (flag first, then the answers file).
fn given_value(inputs: &Inputs, key: &str) -> Option<String> {
    inputs
        .flags
        .get(key)
        .cloned()
        .or_else(|| {
            inputs
                .answers
                .as_ref()
                .and_then(|a| a.get(key))
                .map(|a| a.value.clone())
        })
        .or_else(|| {
            inputs
                .site
                .as_ref()
                .and_then(|s| s.values.get(key).cloned())
        })
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The station's vendor as the serial adapter tells it (issue 17): the one station profile
/// whose USB ids match the given port (`--port`, answers file), or, with no port given, the
/// only one matching any port of the machine. With the source it is journaled under: `usb id`
/// (or `extra port` for one named in EVFIELD_EXTRA_PORTS as `PATH=VENDOR`). `None` when no
/// profile, or more than one, claims it, or a vendor or an address is given.
pub(super) fn vendor_by_adapter(inputs: &Inputs) -> Option<(String, &'static str)> {
    if given(inputs, "station.vendor") || given(inputs, "station.address") {
        return None;
    }
    let reg = Registry::load().ok()?;
    let ports = crate::station::discovery::serial_ports(&reg).ok()?;
    let port = given_value(inputs, "station.port");
    let mut found: Vec<(&str, &str)> = ports
        .iter()
        .filter(|p| port.as_deref().is_none_or(|want| p.name == want))
        .flat_map(|p| {
            p.matches
                .iter()
                .map(move |m| (m.vendor.as_str(), p.kind.as_str()))
        })
        .filter(|(v, _)| reg.get(v).is_ok_and(|p| p.vendor.kind == "station"))
        .collect();
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    match found.as_slice() {
        [(vendor, kind)] => Some((
            vendor.to_string(),
            if *kind == "extra" {
                "extra port"
            } else {
                "usb id"
            },
        )),
        _ => None,
    }
}

/// The keys a new session will certainly ask for, in the order it asks them (given or not).
pub fn needed(inputs: &Inputs) -> Result<Vec<&'static str>> {
    needed_with(inputs, vendor_by_adapter(inputs).map(|(v, _)| v))
}

/// [`needed`], with the vendor the adapter names already looked up (the ports are listed once).
fn needed_with(inputs: &Inputs, by_adapter: Option<String>) -> Result<Vec<&'static str>> {
    let mut keys: Vec<&'static str> = vec!["network.url", "account.username", "station.vendor"];
    let profile = match given_value(inputs, "station.vendor").or(by_adapter) {
        // an unknown vendor is refused here, before a session exists
        Some(v) => Some(
            Registry::load()?
                .get(&v)?
                .clone()
                .reachable_with(given(inputs, "station.address")),
        ),
        None => None,
    };
    if let Some(p) = &profile {
        keys.extend(station_keys(p));
    }
    let station = profile.as_ref();
    keys.extend(checklist_keys("precheck", station));
    keys.push("before.photo");
    keys.extend(checklist_keys("before", station));
    if profile.as_ref().is_some_and(has_modem) {
        keys.extend(["sim.swapped", "sim.powered"]);
    }
    keys.push("activation.password");
    if profile
        .as_ref()
        .is_some_and(|p| p.guided("write_ocpp").is_some())
    {
        keys.push("commission.guided_done");
    }
    keys.extend(checklist_keys("labels", station));
    // the position comes from a receiver, or from the EXIF data of the pinpoint photo given
    // (its EXIF only: the picture itself is checked when the session stores it)
    let photo_position = given_value(inputs, "pinpoint.photo")
        .is_some_and(|p| crate::pinpoint::photo::exif_position(std::path::Path::new(&p)).is_some());
    if inputs.gps.port.is_none() && inputs.gps.gpsd.is_none() && !photo_position {
        keys.push("pinpoint.gps");
    }
    keys.extend(["pinpoint.serial_plate", "pinpoint.serial_confirmed"]);
    if !given(inputs, "pinpoint.address") {
        keys.push("pinpoint.address_id");
    }
    keys.push("pinpoint.photo");
    keys.extend(checklist_keys("verify", station));
    let mut seen = std::collections::BTreeSet::new();
    keys.retain(|k| seen.insert(*k));
    Ok(keys)
}

/// What the vendor profile makes the session ask: the station's address (stations on the
/// network), the values its port cannot read, the article number.
fn station_keys(p: &Profile) -> Vec<&'static str> {
    let mut out = Vec::new();
    if p.reachable() && p.by_address() {
        out.push("station.address");
    }
    let asks = p.step("identify").map(|s| s.ask.as_slice()).unwrap_or(&[]);
    for a in asks {
        if let Some(d) = keys::find(&a.key) {
            out.push(d.key);
        }
    }
    if p.article.is_some() {
        out.push("station.article");
    }
    out
}

/// A modem on every model of the profile (a model that lists its connectivity without
/// `cellular` has none, and which model it is is read in the session).
fn has_modem(p: &Profile) -> bool {
    p.sim.as_ref().is_some_and(|m| m.modem)
        && p.models
            .iter()
            .all(|m| m.connectivity.is_empty() || m.connectivity.iter().any(|c| c == "cellular"))
}

/// The blocking items of `phase`'s checklists that apply to every station, or to every model
/// of the vendor's profile, and that the tool cannot decide alone from a reading.
fn checklist_keys(phase: &str, profile: Option<&Profile>) -> Vec<&'static str> {
    let reg = checklist::registry();
    // the stations it may be: each model of the profile (the model is read in the session)
    let stations: Vec<(&str, &str)> = match profile {
        Some(p) if !p.models.is_empty() => p
            .models
            .iter()
            .map(|m| (p.vendor.manufacturer.as_str(), m.name.as_str()))
            .collect(),
        Some(p) => vec![(p.vendor.manufacturer.as_str(), "")],
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for cl in reg.lists.iter().filter(|c| c.phase == phase) {
        let applies = cl.applies_to.is_empty()
            || (!stations.is_empty() && stations.iter().all(|st| cl.applies(Some(*st))));
        if !applies {
            continue;
        }
        for item in cl.items.iter().filter(|i| i.blocking) {
            if matches!(
                item.evidence,
                Evidence::Reading {
                    expect: Some(_),
                    ..
                }
            ) {
                continue;
            }
            if let Some(d) = keys::find(&item.key) {
                out.push(d.key);
            }
        }
    }
    out
}

/// The values a new session will certainly need that nothing gives.
pub fn missing(inputs: &Inputs) -> Result<Vec<&'static KeyDef>> {
    let by_adapter = vendor_by_adapter(inputs).map(|(v, _)| v);
    let named = by_adapter.is_some();
    Ok(needed_with(inputs, by_adapter)?
        .into_iter()
        .filter(|k| !given(inputs, k))
        .filter(|k| !(named && *k == "station.vendor"))
        .filter_map(keys::find)
        .filter(|d| !d.optional)
        .collect())
}

/// The error that lists every missing value with its flag and answers-file key; `None` when
/// nothing is missing.
pub fn missing_error(missing: &[&'static KeyDef]) -> Option<Error> {
    match missing {
        [] => None,
        [one] => Some(super::prompt::missing(one)),
        many => {
            let names: Vec<String> = many.iter().map(|d| format!("`{}`", d.key)).collect();
            let help: Vec<String> = many.iter().map(|d| missing_line(d)).collect();
            Some(
                Error::usage(
                    "E_MISSING_VALUE",
                    t!(
                        "preflight.missing",
                        count = many.len(),
                        keys = names.join(", ")
                    ),
                )
                .with_help(format!(
                    "{}\n- {}\n{}",
                    t!("preflight.missing.how"),
                    help.join("\n- "),
                    t!("preflight.missing.later")
                )),
            )
        }
    }
}

/// One missing value: its key, what it is (a question that shows a reading read in the
/// session is left out here), and how to give it.
fn missing_line(d: &KeyDef) -> String {
    let q = d.question_text();
    if q.contains('{') {
        return t!(
            "preflight.missing.line_short",
            key = d.key,
            how = d.how_to_give()
        );
    }
    t!(
        "preflight.missing.line",
        key = d.key,
        question = q,
        how = d.how_to_give()
    )
}

/// What a new run knows about its station and network before it starts.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub demo: bool,
    pub known: sessions::Known,
}

impl Target {
    /// From the values given (flags, `--set`, answers file). Without a port or an address, the
    /// remembered port is the one the session would try first. For the demo only the simulated
    /// vendor counts (each demo run has its own simulator and sandbox network).
    pub fn new(inputs: &Inputs, data_dir: &Path, demo: bool, demo_vendor: Option<&str>) -> Target {
        if demo {
            return Target {
                demo,
                known: sessions::Known {
                    vendor: Some(demo_vendor.unwrap_or("evfield-sim").to_string()),
                    ..Default::default()
                },
            };
        }
        let v = |k: &str| given_value(inputs, k);
        let mut known = sessions::Known {
            network: v("network.url"),
            port: v("station.port"),
            address: v("station.address"),
            vendor: v("station.vendor"),
            serial: v("station.serial").or_else(|| v("pinpoint.serial_plate")),
            mac: v("station.mac"),
        };
        if known.port.is_none() && known.address.is_none() {
            let r = crate::station::discovery::remembered(data_dir);
            let same_vendor = match (&r.vendor, &known.vendor) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            if same_vendor {
                known.port = r.port;
            }
        }
        Target { demo, known }
    }

    /// Whether session `s` (resumable) is for this station and network.
    pub fn matches(&self, s: &Summary) -> bool {
        let (a, b) = (&self.known, &s.known);
        if self.demo || s.demo {
            return self.demo && s.demo && same(&a.vendor, &b.vendor, |x| x.to_string());
        }
        if !same(&a.network, &b.network, |u| {
            u.trim().trim_end_matches('/').to_ascii_lowercase()
        }) {
            return false;
        }
        both(&a.port, &b.port, port_path)
            || both(&a.address, &b.address, |x| x.trim().to_ascii_lowercase())
            || both(&a.serial, &b.serial, |x| x.trim().to_ascii_uppercase())
            || both(&a.mac, &b.mac, mac_digits)
    }
}

/// Equal after `norm`, or unknown on either side.
fn same(a: &Option<String>, b: &Option<String>, norm: impl Fn(&str) -> String) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => norm(a) == norm(b),
        _ => true,
    }
}

/// Known on both sides and equal after `norm`.
fn both(a: &Option<String>, b: &Option<String>, norm: impl Fn(&str) -> String) -> bool {
    matches!((a, b), (Some(a), Some(b)) if !norm(a).is_empty() && norm(a) == norm(b))
}

/// A port path with its links resolved (`/dev/serial/by-id/...` is its `/dev/ttyUSB0`).
fn port_path(p: &str) -> String {
    std::fs::canonicalize(p.trim())
        .map(|c| c.display().to_string())
        .unwrap_or_else(|_| p.trim().to_string())
}

fn mac_digits(m: &str) -> String {
    m.chars()
        .filter(char::is_ascii_hexdigit)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Once the station is read: another unfinished session for the same serial or MAC on the same
/// network (a run that could not tell by its port beforehand). At a terminal, or with
/// `--new` or a resumed session, a warning; with nobody to ask, the session stops here, before
/// anything on the station is changed, naming both sessions and what to run.
pub(super) fn same_station_read(s: &mut Session, id: &crate::station::Identity) -> Result<()> {
    if s.demo_mode {
        return Ok(());
    }
    let target = Target {
        demo: false,
        known: sessions::Known {
            network: s.values.get("network.url").cloned(),
            serial: Some(id.serial.clone()).filter(|x| !x.trim().is_empty()),
            mac: Some(id.mac.clone()).filter(|x| !x.trim().is_empty()),
            ..Default::default()
        },
    };
    let found: Vec<Summary> = same_station(&s.data_dir(), &target)?
        .into_iter()
        .filter(|o| o.id != s.id)
        .collect();
    let Some(other) = found.first() else {
        return Ok(());
    };
    if s.inputs.beside_unfinished || s.prompter.can_ask() {
        s.notify(
            Level::Warning,
            t!(
                "preflight.read_same",
                session = describe(other),
                id = other.id,
                this = s.id
            ),
        );
        return Ok(());
    }
    Err(unfinished_error(other, found.len() - 1).with_help(t!(
        "preflight.read_same.help",
        id = other.id,
        this = s.id
    )))
}

/// The resumable sessions for `target`'s station, newest first.
pub fn same_station(data_dir: &Path, target: &Target) -> Result<Vec<Summary>> {
    let mut found: Vec<Summary> = sessions::list(data_dir)?
        .into_iter()
        .filter(|s| s.resumable() && target.matches(s))
        .collect();
    found.reverse();
    Ok(found)
}

/// One line that says which session it is: its id, where it stands and what it knows.
pub fn describe(s: &Summary) -> String {
    let mut parts = vec![match (&s.state, &s.step) {
        (super::State::Failed, Some(step)) => t!("rec.sessions.failed_at", step = step),
        (_, Some(step)) => t!("rec.sessions.in_progress_at", step = step),
        _ => t!("rec.sessions.in_progress"),
    }];
    if let Some(started) = &s.started {
        parts.push(t!("preflight.started", time = started));
    }
    // a demo's port was its own simulator's pseudo-terminal: nothing to recognise it by
    if let Some(p) = s
        .known
        .port
        .as_ref()
        .or(s.known.address.as_ref())
        .filter(|_| !s.demo)
    {
        parts.push(t!("preflight.port", port = p));
    }
    if let Some(serial) = &s.known.serial {
        parts.push(t!("rec.sessions.serial", serial = serial));
    }
    format!("`{}` ({})", s.id, parts.join(", "))
}

/// The error of a run with nobody to ask beside an unfinished session for the same station.
pub fn unfinished_error(s: &Summary, others: usize) -> Error {
    let mut message = t!("preflight.unfinished", session = describe(s));
    if others > 0 {
        message.push_str(&t!("preflight.unfinished.more", count = others));
    }
    Error::usage("E_UNFINISHED_SESSION", message)
        .with_help(t!("preflight.unfinished.help", id = s.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(known: sessions::Known, demo: bool) -> Summary {
        Summary {
            id: "x".into(),
            state: super::super::State::InProgress,
            step: None,
            started: None,
            updated: None,
            demo,
            site: None,
            serial: None,
            error: None,
            damaged: false,
            journal: Default::default(),
            abandoned: None,
            known,
            site_values: Default::default(),
            position: None,
        }
    }

    fn target(known: sessions::Known) -> Target {
        Target { demo: false, known }
    }

    #[test]
    fn same_station_by_port_serial_or_mac_on_the_same_network() {
        let net = |n: &str| Some(n.to_string());
        let s = summary(
            sessions::Known {
                network: net("https://net.example/"),
                port: net("/dev/ttyEVF9"),
                serial: net("SN-1"),
                mac: net("02:ef:10:00:4d:01"),
                ..Default::default()
            },
            false,
        );
        let port = sessions::Known {
            network: net("https://NET.example"),
            port: net("/dev/ttyEVF9"),
            ..Default::default()
        };
        assert!(target(port.clone()).matches(&s));
        let other_net = sessions::Known {
            network: net("https://other.example"),
            ..port
        };
        assert!(!target(other_net).matches(&s), "another network");
        let by_mac = sessions::Known {
            mac: net("02EF10004D01"),
            ..Default::default()
        };
        assert!(target(by_mac).matches(&s));
        let by_serial = sessions::Known {
            serial: net("sn-1"),
            ..Default::default()
        };
        assert!(target(by_serial).matches(&s));
        let other = sessions::Known {
            port: net("/dev/ttyEVF8"),
            serial: net("SN-2"),
            ..Default::default()
        };
        assert!(!target(other).matches(&s), "another station");
        assert!(
            !target(sessions::Known::default()).matches(&s),
            "nothing known"
        );
        // the demo matches demo sessions of the same simulated vendor only
        let demo = Target {
            demo: true,
            known: sessions::Known {
                vendor: net("evfield-sim"),
                ..Default::default()
            },
        };
        assert!(!demo.matches(&s));
        assert!(demo.matches(&summary(Default::default(), true)));
        let wallbox = summary(
            sessions::Known {
                vendor: net("wallbox"),
                ..Default::default()
            },
            true,
        );
        assert!(!demo.matches(&wallbox));
    }

    #[test]
    fn needed_follows_the_vendor_profile() {
        crate::checklist::init().unwrap();
        let mut inputs = Inputs::default();
        let plain = needed(&inputs).unwrap();
        for k in [
            "network.url",
            "station.vendor",
            "before.photo",
            "safety.voltage",
            "pinpoint.photo",
        ] {
            assert!(plain.contains(&k), "{k} in {plain:?}");
        }
        assert!(!plain.contains(&"sim.swapped"), "vendor unknown: {plain:?}");
        inputs
            .flags
            .insert("station.vendor".into(), "evfield-sim".into());
        inputs
            .flags
            .insert("pinpoint.address".into(), "Storgata 1".into());
        let sim = needed(&inputs).unwrap();
        assert!(sim.contains(&"sim.swapped"), "{sim:?}");
        // the vendor's additions for its only model
        assert!(sim.contains(&"evfield_simcharger.sim_holder"), "{sim:?}");
        assert!(!sim.contains(&"pinpoint.address_id"), "{sim:?}");
        let missing = missing(&inputs).unwrap();
        assert!(!missing.iter().any(|d| d.key == "station.vendor"));
        assert!(missing.iter().all(|d| !d.optional));
        inputs.flags.insert("station.vendor".into(), "nope".into());
        assert!(needed(&inputs).is_err(), "an unknown vendor is refused");
    }
}
