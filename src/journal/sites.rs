//! Sites: many stations at one place (a car park of 10 to 40 stations at one address). The
//! values that belong to the place are answered once for the site and kept in its record,
//! `<data dir>/sites/<name>.toml` (0600): the network, the account, the site access notes, the
//! address, the car park, building, floor and restrictions, and each station's position (the
//! site's GPS area). Every station keeps its own session and journal, resumable on its own; a
//! session started with `renetwork --site NAME` takes the site's values as given values
//! (journaled with the source `site:NAME`; the access notes sealed like every secret), names the
//! site in its first event, and when it ends adds the site values it answered that the record
//! lacks, and its position. A position far from the site's area is refused as a value
//! ([`Area::check`]): a cold receiver's first fix can be kilometres off. `evfield sessions`
//! shows each session's site, and `sessions --site NAME` the site's record (its secrets masked,
//! [`Site::shown`]) and its stations.
//!
//! Not kept: anything of the station itself but its position.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The answers keys that belong to the place, not to one station.
pub const SITE_KEYS: &[&str] = &[
    "network.url",
    "account.username",
    "precheck.site_access",
    "pinpoint.address_id",
    "pinpoint.address",
    "pinpoint.car_park",
    "pinpoint.building",
    "pinpoint.floor",
    "pinpoint.restrictions",
];

/// The longest site name.
const MAX_NAME: usize = 64;

/// A site's record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    /// Answers key → value, for [`SITE_KEYS`] only.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Each station's position, `lat,lon` by session id: the site's GPS area.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub positions: BTreeMap<String, String>,
}

/// How far outside the area its stations span a position may be (metres): a car park's far
/// end, a receiver's spread; a first fix kilometres off is not.
pub const AREA_MARGIN_M: f64 = 300.0;

/// The area a site's stations span: the mean of their positions and the farthest from it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub lat: f64,
    pub lon: f64,
    pub radius_m: f64,
    pub stations: usize,
}

impl Area {
    /// A station's position at this site: within the area and [`AREA_MARGIN_M`], or the error
    /// that says how far off it is.
    pub fn check(&self, site: &str, pos: (f64, f64)) -> Result<()> {
        let d = crate::pinpoint::distance_m(self.lat, self.lon, pos.0, pos.1);
        if d <= self.radius_m + AREA_MARGIN_M {
            return Ok(());
        }
        Err(Error::validation(
            "E_POSITION_OFF_SITE",
            crate::t!(
                "site.off_area",
                value = format!("{},{}", pos.0, pos.1),
                distance = format!("{:.0}", d),
                site = site,
                centre = format!("{:.6},{:.6}", self.lat, self.lon),
                stations = self.stations
            ),
        )
        .with_help(crate::t!(
            "site.off_area_help",
            margin = AREA_MARGIN_M,
            file = format!("sites/{}.toml", slug(site))
        )))
    }
}

impl Site {
    /// The record as it may be shown or printed: secret values (the site access notes) masked.
    pub fn shown(&self) -> Site {
        let mut s = self.clone();
        for (k, v) in s.values.iter_mut() {
            if crate::vocab::keys::SECRET_KEYS.contains(&k.as_str()) {
                *v = super::seal::MASK.to_string();
            }
        }
        s
    }

    /// The area its stations' positions span, once one is known.
    pub fn area(&self) -> Option<Area> {
        self.area_without(None)
    }

    /// The area the other stations span: without `session`'s own position (a resumed session
    /// is checked against the others only).
    pub fn area_without(&self, session: Option<&str>) -> Option<Area> {
        let pos: Vec<(f64, f64)> = self
            .positions
            .iter()
            .filter(|(id, _)| Some(id.as_str()) != session)
            .filter_map(|(_, p)| crate::rules::position(p).ok())
            .collect();
        if pos.is_empty() {
            return None;
        }
        let n = pos.len() as f64;
        let lat = pos.iter().map(|p| p.0).sum::<f64>() / n;
        let lon = pos.iter().map(|p| p.1).sum::<f64>() / n;
        let radius_m = pos
            .iter()
            .map(|p| crate::pinpoint::distance_m(lat, lon, p.0, p.1))
            .fold(0.0, f64::max);
        Some(Area {
            lat,
            lon,
            radius_m,
            stations: pos.len(),
        })
    }
}

/// A site name as given, trimmed, or the error that says what a name may be.
pub fn check_name(name: &str) -> Result<String> {
    let n = name.trim();
    let ok = !n.is_empty()
        && n.chars().count() <= MAX_NAME
        && !n.starts_with('.')
        && n.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'));
    if ok {
        Ok(n.to_string())
    } else {
        Err(
            Error::usage("E_SITE_NAME", crate::t!("site.bad_name", name = name))
                .with_help(crate::t!("site.bad_name_help", max = MAX_NAME)),
        )
    }
}

fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("sites")
}

/// A name as one site: trimmed, in lower case, spaces as `-` (names differing only so are one
/// site).
pub fn slug(name: &str) -> String {
    name.trim().replace(' ', "-").to_lowercase()
}

/// The record's file.
fn file(data_dir: &Path, name: &str) -> PathBuf {
    dir(data_dir).join(format!("{}.toml", slug(name)))
}

/// The site's record; a new, empty one when there is none yet.
pub fn load(data_dir: &Path, name: &str) -> Result<Site> {
    let name = check_name(name)?;
    let path = file(data_dir, &name);
    let text = match crate::paths::read_to_string_bounded(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Site {
                name,
                ..Site::default()
            });
        }
        Err(e) => return Err(Error::io(&crate::t!("site.doing.read"), &path, e)),
    };
    let mut site: Site = toml::from_str(&text).map_err(|e| {
        Error::usage(
            "E_SITE_FILE",
            crate::t!("site.bad_file", path = path.display(), why = e.message()),
        )
        .with_help(crate::t!("site.bad_file_help"))
    })?;
    site.values.retain(|k, _| SITE_KEYS.contains(&k.as_str()));
    Ok(site)
}

/// Add the site values a session answered that the record lacks (a value already in the record
/// is never changed by a station: the record is corrected by editing it), and the station's
/// position (`(session id, "lat,lon")`, its last; the caller gives it only for a finished
/// session, whose position the network accepted). Returns the keys added. Two sessions of one
/// site ending at once take turns (a lock beside the record).
pub fn learn(
    data_dir: &Path,
    name: &str,
    answered: &BTreeMap<String, String>,
    position: Option<(&str, &str)>,
) -> Result<Vec<String>> {
    let name = check_name(name)?;
    crate::paths::ensure_private_dir(data_dir)?;
    crate::paths::ensure_private_dir(&dir(data_dir))?;
    let path = file(data_dir, &name);
    let _lock = crate::lock::lock_wait(&path.with_extension("lock"), "site", &mut |_| {})?;
    let mut site = load(data_dir, &name)?;
    let mut added = Vec::new();
    for key in SITE_KEYS {
        if let Some(v) = answered.get(*key).filter(|v| !v.trim().is_empty())
            && !site.values.contains_key(*key)
        {
            site.values.insert(key.to_string(), v.clone());
            added.push(key.to_string());
        }
    }
    let mut moved = false;
    if let Some((id, pos)) = position.filter(|(_, p)| crate::rules::position(p).is_ok())
        && site.positions.get(id).map(String::as_str) != Some(pos)
    {
        site.positions.insert(id.to_string(), pos.to_string());
        moved = true;
    }
    if !added.is_empty() || moved {
        let text = toml::to_string(&site)
            .map_err(|e| Error::internal("E_SITE_FILE", crate::t!("site.cannot_write", why = e)))?;
        crate::paths::write_atomic(&path, text.as_bytes())?;
    }
    Ok(added)
}

/// Every site's record, by name.
pub fn list(data_dir: &Path) -> Result<Vec<Site>> {
    let root = dir(data_dir);
    let rd = match std::fs::read_dir(&root) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&crate::t!("site.doing.read"), &root, e)),
    };
    let mut sites = Vec::new();
    for e in rd.filter_map(|e| e.ok()) {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "toml")
            && let Ok(text) = crate::paths::read_to_string_bounded(&p)
            && let Ok(site) = toml::from_str::<Site>(&text)
        {
            sites.push(site);
        }
    }
    sites.sort_by_key(|s| s.name.to_lowercase());
    Ok(sites)
}

/// Whether two names are the same site.
pub fn same(a: &str, b: &str) -> bool {
    slug(a) == slug(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_records_and_learning() {
        assert!(check_name("P-hus Sentrum").is_ok());
        for bad in ["", "  ", ".hidden", "a/b", "x".repeat(65).as_str()] {
            assert_eq!(check_name(bad).unwrap_err().code, "E_SITE_NAME", "{bad}");
        }
        let d = tempfile::tempdir().unwrap();
        assert!(load(d.path(), "P-hus Sentrum").unwrap().values.is_empty());
        let mut answered = BTreeMap::new();
        answered.insert("pinpoint.car_park".to_string(), "Sentrum P-hus".to_string());
        answered.insert("pinpoint.floor".to_string(), "P2".to_string());
        answered.insert("station.port".to_string(), "/dev/ttyUSB0".to_string());
        answered.insert(
            "precheck.site_access".to_string(),
            "gate code 2468".to_string(),
        );
        let added = learn(
            d.path(),
            "P-hus Sentrum",
            &answered,
            Some(("s1", "59.9,10.7")),
        )
        .unwrap();
        assert_eq!(
            added,
            [
                "precheck.site_access",
                "pinpoint.car_park",
                "pinpoint.floor"
            ]
        );
        // a second station never changes what the record holds
        answered.insert("pinpoint.floor".to_string(), "P3".to_string());
        assert!(
            learn(
                d.path(),
                "p-hus sentrum",
                &answered,
                Some(("s2", "59.9002,10.7"))
            )
            .unwrap()
            .is_empty()
        );
        let site = load(d.path(), "P-HUS  SENTRUM".replace("  ", " ").as_str()).unwrap();
        assert_eq!(site.values["pinpoint.floor"], "P2");
        assert!(!site.values.contains_key("station.port"));
        assert_eq!(list(d.path()).unwrap().len(), 1);
        // the access notes are kept, and masked wherever the record is shown
        assert_eq!(site.values["precheck.site_access"], "gate code 2468");
        assert_eq!(site.shown().values["precheck.site_access"], "[masked]");
        assert_eq!(site.shown().values["pinpoint.floor"], "P2");
        // the area: two stations about 22 m apart
        let area = site.area().unwrap();
        assert_eq!(area.stations, 2);
        assert!((area.radius_m - 11.1).abs() < 0.5, "{area:?}");
        assert!(area.check("P-hus Sentrum", (59.9010, 10.7)).is_ok());
        let e = area.check("P-hus Sentrum", (59.95, 10.7)).unwrap_err();
        assert_eq!(e.code, "E_POSITION_OFF_SITE");
        assert!(e.message.contains("59.95,10.7"), "{}", e.message);
        // a resumed station is checked against the others only
        assert_eq!(site.area_without(Some("s1")).unwrap().stations, 1);
        assert!(site.area_without(Some("s1")).unwrap().radius_m < 0.01);
        // a bad position is not kept
        learn(d.path(), "P-hus Sentrum", &answered, Some(("s3", "north"))).unwrap();
        assert!(
            !load(d.path(), "P-hus Sentrum")
                .unwrap()
                .positions
                .contains_key("s3")
        );
        assert!(same("P-hus Sentrum", "p-hus-sentrum"));
    }
}
