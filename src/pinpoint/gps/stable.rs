//! A position like a surveyor takes it: not the first fix, but the average of several epochs
//! in a row that agree with each other, each with an acceptable HDOP (docs/gps.md).
//!
//! A cold-started receiver's first fixes can be kilometres off and wander while it collects
//! almanac and ephemeris; the stable position is taken when [`Rules::epochs`] consecutive
//! epochs all lie within [`Rules::radius_m`] of their mean and none has an HDOP above
//! [`Rules::max_hdop`]. Any epoch without a usable fix breaks the run. The serial NMEA reader
//! and gpsd both feed their epochs here, so the same rules hold for both.

use std::collections::VecDeque;

use serde::Serialize;

use super::Fix;

/// Consecutive epochs that must agree (`--gps-epochs`).
pub const EPOCHS: u32 = 5;
/// The radius, in metres around their mean, within which they must all lie (`--gps-radius`).
pub const RADIUS_M: f64 = 5.0;
/// The highest HDOP accepted for an epoch (`--gps-max-hdop`).
pub const MAX_HDOP: f64 = 2.5;

/// Mean Earth radius (IUGG), metres.
const EARTH_M: f64 = 6_371_008.8;

/// When a run of epochs is a stable position.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rules {
    pub epochs: u32,
    pub radius_m: f64,
    pub max_hdop: f64,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            epochs: EPOCHS,
            radius_m: RADIUS_M,
            max_hdop: MAX_HDOP,
        }
    }
}

/// What one epoch of the receiver (all the sentences or reports of one time of fix) said.
#[derive(Debug, Clone, PartialEq)]
pub enum Epoch {
    /// A measured fix (its HDOP may be unknown).
    Fix(Fix),
    /// No fix: GGA quality 0, RMC/GLL status V, GSA fix type 1, mode N, gpsd mode 0 or 1, 0,0.
    NoFix,
    /// Simulated (GGA quality 8, mode indicator S, gpsd status 8).
    Simulated,
    /// Not measured now: dead reckoning, manual input, gpsd's time-only (surveyed) fix.
    NotMeasured,
}

/// What the epochs were, for progress and for the timeout's explanation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Seen {
    pub epochs: u32,
    /// Fixes with an acceptable HDOP.
    pub good: u32,
    pub no_fix: u32,
    pub simulated: u32,
    pub not_measured: u32,
    /// Fixes whose HDOP was above the limit.
    pub high_hdop: u32,
    /// Fixes without any HDOP (no GGA, GNS or GSA gave one).
    pub no_hdop: u32,
    /// The lowest HDOP of any fix.
    pub best_hdop: Option<f64>,
    /// The longest run of good fixes in a row.
    pub longest_run: u32,
    /// The smallest spread (metres from their mean) of any full run of good fixes that did
    /// not agree.
    pub tightest_m: Option<f64>,
}

/// Why no stable position came, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// No epoch at all (nothing, or only sentences without a position).
    Nothing,
    Simulated,
    NotMeasured,
    NoFix,
    NoHdop,
    HighHdop,
    /// Good fixes, but never enough in a row.
    TooFew,
    /// Enough good fixes in a row, but they never agreed.
    NeverAgreed,
}

impl Seen {
    /// The main reason, judged on what was seen.
    pub fn why(&self, rules: &Rules) -> Why {
        if self.epochs == 0 {
            Why::Nothing
        } else if self.tightest_m.is_some() {
            Why::NeverAgreed
        } else if self.good > 0 && self.longest_run < rules.epochs {
            Why::TooFew
        } else if self.simulated > 0 {
            Why::Simulated
        } else if self.high_hdop > 0 {
            Why::HighHdop
        } else if self.no_hdop > 0 {
            Why::NoHdop
        } else if self.not_measured > 0 {
            Why::NotMeasured
        } else {
            Why::NoFix
        }
    }

    /// One sentence on why, with the numbers that show it.
    pub fn explain(&self, rules: &Rules) -> String {
        let m = |v: f64| format!("{v:.1}");
        match self.why(rules) {
            Why::Nothing => crate::t!("gps.stable.why_nothing"),
            Why::Simulated => crate::t!("gps.stable.why_simulated", count = self.simulated),
            Why::NotMeasured => {
                crate::t!("gps.stable.why_not_measured", count = self.not_measured)
            }
            Why::NoFix => crate::t!("gps.stable.why_no_fix", count = self.no_fix),
            Why::NoHdop => crate::t!("gps.stable.why_no_hdop", count = self.no_hdop),
            Why::HighHdop => crate::t!(
                "gps.stable.why_hdop",
                count = self.high_hdop,
                best = self.best_hdop.map(m).unwrap_or_default(),
                max = rules.max_hdop
            ),
            Why::TooFew => crate::t!(
                "gps.stable.why_too_few",
                run = self.longest_run,
                epochs = rules.epochs
            ),
            Why::NeverAgreed => crate::t!(
                "gps.stable.why_never_agreed",
                epochs = rules.epochs,
                spread = self.tightest_m.map(m).unwrap_or_default(),
                radius = rules.radius_m
            ),
        }
    }

    /// The counts, for the error's detail.
    pub fn counts(&self, rules: &Rules) -> String {
        crate::t!(
            "gps.stable.seen",
            epochs = self.epochs,
            good = self.good,
            no_fix = self.no_fix,
            high_hdop = self.high_hdop,
            max = rules.max_hdop,
            no_hdop = self.no_hdop,
            simulated = self.simulated,
            not_measured = self.not_measured
        )
    }

    /// What to do about it (a help line), for the reasons common to NMEA and gpsd; `None` for
    /// the reasons whose help depends on the source.
    pub fn help(&self, rules: &Rules) -> Option<String> {
        match self.why(rules) {
            // runs broken mostly by a poor HDOP: that is what to act on
            Why::TooFew if self.high_hdop > self.no_fix + self.no_hdop + self.not_measured => {
                Some(crate::t!("gps.stable.help_hdop"))
            }
            Why::NeverAgreed | Why::TooFew => Some(crate::t!("gps.stable.help_agree")),
            Why::HighHdop => Some(crate::t!("gps.stable.help_hdop")),
            Why::NoHdop => Some(crate::t!("gps.stable.help_no_hdop")),
            Why::NotMeasured => Some(crate::t!("gps.stable.help_not_measured")),
            Why::Nothing | Why::Simulated | Why::NoFix => None,
        }
    }
}

/// East and north offsets in metres of `p` from `origin` (an equirectangular projection:
/// exact enough over the few kilometres a run can span).
fn offset(origin: (f64, f64), p: (f64, f64)) -> (f64, f64) {
    let mut dlon = p.1 - origin.1;
    if dlon > 180.0 {
        dlon -= 360.0;
    } else if dlon < -180.0 {
        dlon += 360.0;
    }
    let east = dlon.to_radians() * origin.0.to_radians().cos() * EARTH_M;
    let north = (p.0 - origin.0).to_radians() * EARTH_M;
    (east, north)
}

/// The mean of positions and the largest distance of any of them from it, in metres.
pub fn mean_and_spread(points: &[(f64, f64)]) -> Option<((f64, f64), f64)> {
    let first = *points.first()?;
    let n = points.len() as f64;
    let (mut e, mut no) = (0.0, 0.0);
    for p in points {
        let (de, dn) = offset(first, *p);
        e += de;
        no += dn;
    }
    let (e, no) = (e / n, no / n);
    let lat = first.0 + (no / EARTH_M).to_degrees();
    let mut lon = first.1 + (e / (EARTH_M * first.0.to_radians().cos())).to_degrees();
    if lon > 180.0 {
        lon -= 360.0;
    } else if lon < -180.0 {
        lon += 360.0;
    }
    let spread = points
        .iter()
        .map(|p| {
            let (de, dn) = offset(first, *p);
            (de - e).hypot(dn - no)
        })
        .fold(0.0, f64::max);
    Some(((lat, lon), spread))
}

/// How good a quality name is, to report the worst of a run.
fn rank(quality: &str) -> u8 {
    match quality {
        "rtk" => 6,
        "float_rtk" => 5,
        "dgps" => 4,
        "pps" => 3,
        "gps" | "3d" => 2,
        "gnss_dr" | "2d" => 1,
        _ => 0,
    }
}

/// Takes epochs one by one and says when they make a stable position.
#[derive(Debug)]
pub struct Stabilizer {
    pub rules: Rules,
    pub seen: Seen,
    run: VecDeque<Fix>,
}

impl Stabilizer {
    pub fn new(rules: Rules) -> Stabilizer {
        Stabilizer {
            rules,
            seen: Seen::default(),
            run: VecDeque::new(),
        }
    }

    /// Good fixes in a row so far.
    pub fn run_len(&self) -> u32 {
        self.run.len() as u32
    }

    /// One epoch; the stable position once the last [`Rules::epochs`] agree: the mean, with
    /// `samples` and `spread_m` set, the highest HDOP and fewest satellites of the run, and
    /// the worst quality, time and age of the last epoch.
    pub fn push(&mut self, epoch: Epoch) -> Option<Fix> {
        self.seen.epochs += 1;
        let fix = match epoch {
            Epoch::Fix(f) => f,
            other => {
                match other {
                    Epoch::NoFix => self.seen.no_fix += 1,
                    Epoch::Simulated => self.seen.simulated += 1,
                    _ => self.seen.not_measured += 1,
                }
                self.run.clear();
                return None;
            }
        };
        let Some(hdop) = fix.hdop.filter(|h| h.is_finite() && *h >= 0.0) else {
            self.seen.no_hdop += 1;
            self.run.clear();
            return None;
        };
        self.seen.best_hdop = Some(self.seen.best_hdop.map_or(hdop, |b| b.min(hdop)));
        if hdop > self.rules.max_hdop {
            self.seen.high_hdop += 1;
            self.run.clear();
            return None;
        }
        self.seen.good += 1;
        self.run.push_back(fix);
        let need = self.rules.epochs.max(1) as usize;
        while self.run.len() > need {
            self.run.pop_front();
        }
        self.seen.longest_run = self.seen.longest_run.max(self.run.len() as u32);
        if self.run.len() < need {
            return None;
        }
        let points: Vec<(f64, f64)> = self.run.iter().map(|f| (f.lat, f.lon)).collect();
        let ((lat, lon), spread) = mean_and_spread(&points)?;
        if spread > self.rules.radius_m {
            self.seen.tightest_m = Some(self.seen.tightest_m.map_or(spread, |t| t.min(spread)));
            return None;
        }
        let last = self.run.back()?.clone();
        let worst = self
            .run
            .iter()
            .map(|f| f.quality.as_str())
            .min_by_key(|q| rank(q));
        Some(Fix {
            lat,
            lon,
            quality: worst.unwrap_or(&last.quality).to_string(),
            satellites: self.run.iter().filter_map(|f| f.satellites).min(),
            hdop: self.run.iter().filter_map(|f| f.hdop).reduce(f64::max),
            samples: Some(self.run.len() as u32),
            spread_m: Some((spread * 100.0).round() / 100.0),
            ..last
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Source;
    use super::*;

    fn fix(lat: f64, lon: f64, hdop: f64) -> Epoch {
        Epoch::Fix(Fix {
            lat,
            lon,
            source: Source::Manual,
            quality: "gps".into(),
            satellites: Some(8),
            hdop: Some(hdop),
            age_s: None,
            time: None,
            samples: None,
            spread_m: None,
            took_ms: None,
        })
    }

    /// `metres` north of 59.9, 10.75.
    fn north(metres: f64) -> f64 {
        59.9 + (metres / EARTH_M).to_degrees()
    }

    #[test]
    fn distances_are_metres() {
        let ((lat, lon), spread) =
            mean_and_spread(&[(north(0.0), 10.75), (north(10.0), 10.75)]).expect("two points");
        assert!((spread - 5.0).abs() < 1e-6, "{spread}");
        assert!((lat - north(5.0)).abs() < 1e-9 && (lon - 10.75).abs() < 1e-12);
        // across the antimeridian the mean is not on the other side of the Earth
        let ((_, lon), spread) =
            mean_and_spread(&[(0.001, 179.99999), (0.001, -179.99999)]).expect("two points");
        assert!(lon.abs() > 179.9 && spread < 2.0, "{lon} {spread}");
    }

    #[test]
    fn a_cold_start_is_averaged_only_once_five_in_a_row_agree() {
        let mut s = Stabilizer::new(Rules::default());
        // kilometres off, then converging; a no-fix epoch breaks the run
        for m in [3000.0, 400.0, 60.0] {
            assert_eq!(s.push(fix(north(m), 10.75, 1.2)), None);
        }
        assert_eq!(s.push(Epoch::NoFix), None);
        assert_eq!(s.run_len(), 0);
        for m in [8.0, 1.0, -1.0, 0.5, -0.5] {
            assert_eq!(s.push(fix(north(m), 10.75, 1.2)), None, "{m}");
        }
        // the 8 m epoch leaves the window: the last five agree
        let f = s.push(fix(north(0.0), 10.75, 1.9)).expect("stable");
        assert_eq!(f.samples, Some(5));
        assert!((f.lat - north(0.0)).abs() < 1e-9, "{}", f.lat);
        assert_eq!(f.spread_m, Some(1.0));
        assert_eq!(f.hdop, Some(1.9));
        assert_eq!(s.seen.epochs, 10);
        assert_eq!(s.seen.no_fix, 1);
        assert!(s.seen.tightest_m.unwrap() > 5.0);
    }

    #[test]
    fn high_or_missing_hdop_breaks_the_run_and_timeouts_say_why() {
        let rules = Rules::default();
        let mut s = Stabilizer::new(rules);
        for _ in 0..4 {
            s.push(fix(north(0.0), 10.75, 1.0));
        }
        assert_eq!(s.push(fix(north(0.0), 10.75, 2.6)), None);
        assert_eq!(s.run_len(), 0);
        assert_eq!(s.seen.why(&rules), Why::TooFew);
        assert!(s.seen.help(&rules).unwrap().contains("--gps-max-hdop"));
        s.push(Epoch::NoFix);
        s.push(Epoch::NoFix);
        assert!(s.seen.help(&rules).unwrap().contains("--gps-radius"));
        let mut s = Stabilizer::new(rules);
        for h in [4.6, 3.1, 9.0] {
            s.push(fix(north(0.0), 10.75, h));
        }
        assert_eq!(s.seen.why(&rules), Why::HighHdop);
        assert!(
            s.seen.explain(&rules).contains("3.1"),
            "{}",
            s.seen.explain(&rules)
        );
        let mut s = Stabilizer::new(rules);
        let Epoch::Fix(mut f) = fix(north(0.0), 10.75, 1.0) else {
            unreachable!()
        };
        f.hdop = None;
        for _ in 0..6 {
            assert_eq!(s.push(Epoch::Fix(f.clone())), None);
        }
        assert_eq!(s.seen.why(&rules), Why::NoHdop);
        let mut s = Stabilizer::new(rules);
        s.push(Epoch::NoFix);
        s.push(Epoch::Simulated);
        assert_eq!(s.seen.why(&rules), Why::Simulated);
        assert_eq!(Stabilizer::new(rules).seen.why(&rules), Why::Nothing);
        // wandering 20 m each epoch: never agreed, and by how much
        let mut s = Stabilizer::new(rules);
        for i in 0..12 {
            assert_eq!(s.push(fix(north(20.0 * i as f64), 10.75, 1.0)), None);
        }
        assert_eq!(s.seen.why(&rules), Why::NeverAgreed);
        let e = s.seen.explain(&rules);
        assert!(e.contains("40.0") && e.contains('5'), "{e}");
    }

    #[test]
    fn one_epoch_rules_take_the_first_good_fix() {
        let rules = Rules {
            epochs: 1,
            ..Rules::default()
        };
        let mut s = Stabilizer::new(rules);
        assert_eq!(s.push(fix(north(0.0), 10.75, 3.0)), None);
        let f = s.push(fix(north(0.0), 10.75, 1.0)).expect("stable");
        assert_eq!((f.samples, f.spread_m), (Some(1), Some(0.0)));
    }
}
