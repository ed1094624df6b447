//! NMEA 0183 from a serial GPS receiver: GGA, RMC, GNS, GSA and GLL sentences from any GNSS
//! talker, read epoch by epoch.
//!
//! Rules (docs/gps.md): the checksum is verified (upper- or lower-case hex); a sentence with a
//! bad or missing checksum is dropped and counted; a sentence starts at the last `$` of its line
//! (a doubled `$$` is read past). The sentences with the same UTC time are one epoch (with the
//! untimed GSA among or after them). An epoch in which any sentence says there is no fix (GGA
//! quality 0, RMC or GLL status V, mode N, GSA fix type 1, 0,0) is no fix, even when its GGA has
//! a quality; one with simulator mode (GGA quality 8, mode S) is simulated; one with estimated or
//! manual input (GGA 6 or 7, mode E or M) is not measured. The epochs go to
//! [`super::stable`], which takes the mean of several that agree.

use std::io::Read;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::stable::{Epoch, Rules, Stabilizer};
use super::{Fix, Source};
use crate::{Error, Result};

/// Talkers accepted: GPS, multi-GNSS, GLONASS, Galileo, BeiDou (old and new id), QZSS, NavIC.
pub const TALKERS: &[&str] = &["GP", "GN", "GL", "GA", "BD", "GB", "GQ", "GI"];

/// What the reader saw, for progress and for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Lines that looked like NMEA sentences.
    pub sentences: u32,
    pub bad_checksum: u32,
    pub missing_checksum: u32,
    /// Position sentences that said there is no fix.
    pub no_fix: u32,
    /// Sentences from a receiver in simulator mode (never taken as a position).
    pub simulator: u32,
    /// Estimated (dead reckoning) or manual-input positions (not a satellite fix).
    pub not_measured: u32,
    /// Positions at 0,0.
    pub zero_position: u32,
    /// Well-formed sentences of another kind or talker, or with unreadable fields.
    pub ignored: u32,
}

/// What one sentence said about its epoch.
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// A position from GGA or GNS (with satellites and HDOP).
    Full(Fix),
    /// A position from RMC (validity only).
    Rmc(Fix),
    /// GSA: the HDOP of the epoch (its fix type 2 or 3; type 1 is [`Said::NoFix`]).
    Dop(Option<f64>),
    /// The sentence says there is no fix (GGA quality 0, RMC or GLL status V, mode N, GSA fix
    /// type 1), or gives 0,0.
    NoFix,
    /// Simulator mode (GGA quality 8, mode indicator S).
    Simulated,
    /// Estimated (dead reckoning) or manual input.
    NotMeasured,
    Nothing,
}

/// Why a position field was not taken.
#[derive(Debug, Clone, Copy)]
enum Refused {
    /// 0,0: what receivers without a fix report.
    NoFix,
    Unreadable,
}

impl Refused {
    fn said(self) -> Said {
        match self {
            Refused::NoFix => Said::NoFix,
            Refused::Unreadable => Said::Nothing,
        }
    }
}

/// The sentences of one epoch so far (those that carry the same UTC time, and the untimed
/// GSA after them).
#[derive(Debug, Default)]
struct Pending {
    /// The time field of its sentences.
    key: Option<String>,
    /// Talker and type of the timed sentences in it (a second GGA is a new epoch).
    kinds: Vec<String>,
    full: Option<Fix>,
    rmc: Option<Fix>,
    gsa_hdop: Option<f64>,
    no_fix: bool,
    simulated: bool,
    not_measured: bool,
}

impl Pending {
    fn add(&mut self, said: Said) {
        match said {
            Said::Full(f) => self.full = Some(f),
            Said::Rmc(f) => self.rmc = Some(f),
            Said::Dop(h) => self.gsa_hdop = h.or(self.gsa_hdop),
            Said::NoFix => self.no_fix = true,
            Said::Simulated => self.simulated = true,
            Said::NotMeasured => self.not_measured = true,
            Said::Nothing => {}
        }
    }

    /// The epoch's verdict: any sentence that says simulated, no fix or not measured makes
    /// the whole epoch so (a GGA with a quality is not taken when the RMC of the same epoch
    /// says V); else the GGA/GNS position, or the RMC's, with the GSA's HDOP when the
    /// position sentence had none. `None` when the epoch had no position sentence, or no
    /// timed sentence at all (the untimed sentences read before the first one).
    fn close(self) -> Option<Epoch> {
        self.key.as_ref()?;
        if self.simulated {
            return Some(Epoch::Simulated);
        }
        if self.no_fix {
            return Some(Epoch::NoFix);
        }
        if self.not_measured {
            return Some(Epoch::NotMeasured);
        }
        let rmc_time = self.rmc.as_ref().and_then(|r| r.time.clone());
        let mut fix = self.full.or(self.rmc)?;
        if fix.hdop.is_none() {
            fix.hdop = self.gsa_hdop;
        }
        if fix.time.as_deref().is_none_or(|t| !t.contains('T')) && rmc_time.is_some() {
            fix.time = rmc_time;
        }
        Some(Epoch::Fix(fix))
    }
}

/// Talker, sentence type and fields of a checked sentence.
type Framed = (String, String, Vec<String>);

/// Verify the checksum and split `$TTSSS,f,f,...*HH` into the talker, the type and the fields.
/// The sentence starts at the last `$` of the line (`$` is reserved in NMEA 0183), so a
/// doubled `$$` start or noise before it is read past. `Err` is `"bad"` or `"missing"`.
fn frame(line: &str) -> std::result::Result<Option<Framed>, &'static str> {
    let line = line.trim_matches(|c: char| c == '\r' || c == '\n' || c == '\0' || c == ' ');
    let Some(at) = line.rfind('$') else {
        return Ok(None);
    };
    let body = &line[at + 1..];
    let Some((data, sum)) = body.rsplit_once('*') else {
        return Err("missing");
    };
    let sum = sum.trim();
    if sum.len() != 2 {
        return Err(if sum.is_empty() { "missing" } else { "bad" });
    }
    let want = u8::from_str_radix(sum, 16).map_err(|_| "bad")?;
    let got = data.bytes().fold(0u8, |a, b| a ^ b);
    if got != want {
        return Err("bad");
    }
    let mut fields = data.split(',').map(str::to_string);
    let addr = fields.next().unwrap_or_default();
    if addr.len() < 5 || !addr.is_ascii() {
        return Ok(None);
    }
    let (talker, kind) = addr.split_at(addr.len() - 3);
    Ok(Some((
        talker.to_string(),
        kind.to_string(),
        fields.collect(),
    )))
}

/// `ddmm.mmmm` + hemisphere → signed degrees.
fn coord(v: &str, hemi: &str, deg_digits: usize) -> Option<f64> {
    if v.len() < deg_digits + 2 || !v.is_ascii() {
        return None;
    }
    let d: f64 = v[..deg_digits].parse().ok()?;
    let m: f64 = v[deg_digits..].parse().ok()?;
    if !(0.0..60.0).contains(&m) {
        return None;
    }
    let x = d + m / 60.0;
    match hemi {
        "N" | "E" => Some(x),
        "S" | "W" => Some(-x),
        _ => None,
    }
}

/// `hhmmss.ss` → `hh:mm:ss.ss`.
fn time_of_day(v: &str) -> Option<String> {
    if v.len() < 6 || !v.is_ascii() || !v[..6].chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{}:{}:{}", &v[..2], &v[2..4], &v[4..]))
}

/// The NMEA reader: feed it lines, it counts them and gives the epochs they make.
#[derive(Debug, Default)]
pub struct Reader {
    pub stats: Stats,
    /// Date from the last RMC (`ddmmyy` as `20yy-mm-dd`), to give GGA times a date.
    date: Option<String>,
    port: String,
    pending: Pending,
    /// A GSA said no fix: it has no time, so it may have been sent at the start of the next
    /// epoch's burst; that epoch is no fix too.
    carry_no_fix: bool,
}

impl Reader {
    pub fn new(port: &str) -> Reader {
        Reader {
            port: port.to_string(),
            ..Reader::default()
        }
    }

    fn fix(&self, lat: f64, lon: f64, quality: &str, tod: Option<String>) -> Fix {
        let time = tod.map(|t| match &self.date {
            Some(d) => format!("{d}T{t}Z"),
            None => t,
        });
        let age_s = time.as_deref().and_then(|t| {
            chrono::DateTime::parse_from_rfc3339(t).ok().map(|at| {
                (chrono::Utc::now() - at.with_timezone(&chrono::Utc)).num_milliseconds() as f64
                    / 1000.0
            })
        });
        Fix {
            lat,
            lon,
            source: Source::Nmea(self.port.clone()),
            quality: quality.to_string(),
            satellites: None,
            hdop: None,
            age_s: age_s
                .filter(|a| (-5.0..86_400.0).contains(a))
                .map(|a| a.max(0.0)),
            time,
            samples: None,
            spread_m: None,
            took_ms: None,
        }
    }

    /// A position that passed the sentence's own validity; `Err` says what the sentence then
    /// says: no fix for 0,0, nothing for a position that cannot be read.
    fn position(&mut self, lat: Option<f64>, lon: Option<f64>) -> Result<(f64, f64), Refused> {
        match (lat, lon) {
            (Some(la), Some(lo)) if la == 0.0 && lo == 0.0 => {
                self.stats.zero_position += 1;
                Err(Refused::NoFix)
            }
            (Some(la), Some(lo)) if super::plausible(la, lo).is_ok() => Ok((la, lo)),
            _ => {
                self.stats.ignored += 1;
                Err(Refused::Unreadable)
            }
        }
    }

    /// GGA and GNS share the places of time, position, satellites and HDOP.
    fn full_fix(&mut self, f: &[String], quality: &str) -> Said {
        let get = |i: usize| f.get(i).map(String::as_str).unwrap_or("");
        let (lat, lon) = match self.position(coord(get(1), get(2), 2), coord(get(3), get(4), 3)) {
            Ok(p) => p,
            Err(why) => return why.said(),
        };
        let mut fix = self.fix(lat, lon, quality, time_of_day(get(0)));
        fix.satellites = get(6).parse().ok();
        fix.hdop = get(7).parse().ok();
        Said::Full(fix)
    }

    /// Count a sentence that says no fix, simulated or not measured, and say so.
    fn refuse(&mut self, said: Said) -> Said {
        match said {
            Said::NoFix => self.stats.no_fix += 1,
            Said::Simulated => self.stats.simulator += 1,
            Said::NotMeasured => self.stats.not_measured += 1,
            _ => self.stats.ignored += 1,
        }
        said
    }

    /// One line: its time field (the epoch it belongs to; `None` for GSA and the sentences
    /// without one), its talker and type, and what it said. `None` for a line that is not a
    /// well-formed sentence from a GNSS talker (counted).
    pub fn sentence(&mut self, line: &str) -> Option<(Option<String>, String, Said)> {
        let (talker, kind, f) = match frame(line) {
            Ok(Some(x)) => x,
            Ok(None) => return None,
            Err(why) => {
                self.stats.sentences += 1;
                if why == "missing" {
                    self.stats.missing_checksum += 1;
                } else {
                    self.stats.bad_checksum += 1;
                }
                return None;
            }
        };
        self.stats.sentences += 1;
        if !TALKERS.contains(&talker.as_str()) {
            self.stats.ignored += 1;
            return None;
        }
        let get = |i: usize| f.get(i).map(String::as_str).unwrap_or("");
        let name = format!("{talker}{kind}");
        let said = match kind.as_str() {
            "GGA" => {
                let quality = match get(5).parse::<u32>() {
                    Ok(0) => Err(Said::NoFix),
                    Ok(8) => Err(Said::Simulated),
                    Ok(6 | 7) => Err(Said::NotMeasured),
                    Ok(1) => Ok("gps"),
                    Ok(2) => Ok("dgps"),
                    Ok(3) => Ok("pps"),
                    Ok(4) => Ok("rtk"),
                    Ok(5) => Ok("float_rtk"),
                    _ => Err(Said::Nothing),
                };
                match quality {
                    Ok(q) => self.full_fix(&f, q),
                    Err(said) => self.refuse(said),
                }
            }
            "RMC" => {
                let date = get(8);
                if date.len() == 6 && date.chars().all(|c| c.is_ascii_digit()) {
                    let yy: u32 = date[4..6].parse().unwrap_or(0);
                    let century = if yy < 80 { 20 } else { 19 };
                    self.date = Some(format!(
                        "{century}{}-{}-{}",
                        &date[4..6],
                        &date[2..4],
                        &date[..2]
                    ));
                }
                let quality = match (get(1), get(11).chars().next()) {
                    (_, Some('S')) => Err(Said::Simulated),
                    ("A", Some('N')) | ("V", _) => Err(Said::NoFix),
                    ("A", Some('E' | 'M')) => Err(Said::NotMeasured),
                    ("A", Some('D')) => Ok("dgps"),
                    ("A", Some('R')) => Ok("rtk"),
                    ("A", Some('F')) => Ok("float_rtk"),
                    ("A", Some('P')) => Ok("pps"),
                    ("A", _) => Ok("gps"),
                    _ => Err(Said::Nothing),
                };
                match quality {
                    Ok(q) => {
                        match self.position(coord(get(2), get(3), 2), coord(get(4), get(5), 3)) {
                            Ok((lat, lon)) => Said::Rmc(self.fix(lat, lon, q, time_of_day(get(0)))),
                            Err(why) => why.said(),
                        }
                    }
                    Err(said) => self.refuse(said),
                }
            }
            "GNS" => {
                let mode = get(5);
                let best = ['R', 'F', 'P', 'D', 'A']
                    .into_iter()
                    .find(|c| mode.contains(*c));
                let quality = match best {
                    _ if mode.contains('S') => Err(Said::Simulated),
                    Some('R') => Ok("rtk"),
                    Some('F') => Ok("float_rtk"),
                    Some('P') => Ok("pps"),
                    Some('D') => Ok("dgps"),
                    Some(_) => Ok("gps"),
                    None if mode.contains('E') || mode.contains('M') => Err(Said::NotMeasured),
                    None => Err(Said::NoFix),
                };
                match quality {
                    Ok(q) => self.full_fix(&f, q),
                    Err(said) => self.refuse(said),
                }
            }
            // time, then status A/V and (NMEA 2.3+) the mode indicator: only a veto
            "GLL" => match (get(5), get(6)) {
                (_, "S") => self.refuse(Said::Simulated),
                ("V", _) | (_, "N") => self.refuse(Said::NoFix),
                _ => Said::Nothing,
            },
            // no time field: it belongs to the epoch in progress
            "GSA" => match get(1) {
                "1" => self.refuse(Said::NoFix),
                "2" | "3" => Said::Dop(get(15).parse().ok()),
                _ => self.refuse(Said::Nothing),
            },
            _ => {
                self.stats.ignored += 1;
                Said::Nothing
            }
        };
        let time = match kind.as_str() {
            "GGA" | "RMC" | "GNS" => Some(get(0).to_string()),
            "GLL" => Some(get(4).to_string()),
            _ => None,
        };
        Some((time, name, said))
    }

    /// One line from the receiver; an epoch when this line began the next one.
    pub fn feed(&mut self, line: &str) -> Option<Epoch> {
        let (time, name, said) = self.sentence(line)?;
        let mut done = None;
        let untimed_no_fix = time.is_none() && said == Said::NoFix;
        if let Some(t) = time {
            let same = self.pending.key.as_deref() == Some(t.as_str())
                && !self.pending.kinds.contains(&name);
            if !same {
                done = std::mem::take(&mut self.pending).close();
                self.pending.key = Some(t);
                self.pending.no_fix = std::mem::take(&mut self.carry_no_fix);
            }
            self.pending.kinds.push(name);
        }
        self.pending.add(said);
        if untimed_no_fix {
            self.carry_no_fix = true;
        }
        done
    }

    /// The epoch in progress, when no more lines come.
    pub fn finish(&mut self) -> Option<Epoch> {
        std::mem::take(&mut self.pending).close()
    }
}

/// Progress while waiting for a stable position.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub elapsed_s: f64,
    pub timeout_s: f64,
    pub stats: Stats,
    /// Good fixes in a row so far, and how many are needed.
    pub run: u32,
    pub epochs: u32,
}

/// Read sentences from `input` until the receiver's epochs give a stable position (see
/// [`super::stable`]) or `timeout`. `progress` is called about once a second. `input` must
/// return `TimedOut`/`WouldBlock` (or 0 bytes) now and then so the deadline is kept; 0 bytes
/// also ends the epoch in progress.
pub fn wait_for_fix(
    input: &mut dyn Read,
    port: &str,
    timeout: Duration,
    rules: Rules,
    progress: &mut dyn FnMut(&Progress),
) -> Result<(Fix, Stats)> {
    let started = Instant::now();
    let deadline = crate::waits::deadline(started, timeout);
    let mut reader = Reader::new(port);
    let mut stable = Stabilizer::new(rules);
    let mut line: Vec<u8> = Vec::new();
    let mut buf = [0u8; 512];
    let mut last_progress = started;
    let done = |mut fix: Fix, reader: Reader| {
        fix.took_ms = Some(started.elapsed().as_millis() as u64);
        Ok((fix, reader.stats))
    };
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        if now.duration_since(last_progress) >= Duration::from_secs(1) {
            last_progress = now;
            progress(&Progress {
                elapsed_s: now.duration_since(started).as_secs_f64(),
                timeout_s: timeout.as_secs_f64(),
                stats: reader.stats.clone(),
                run: stable.run_len(),
                epochs: rules.epochs,
            });
        }
        let n = match input.read(&mut buf) {
            Ok(0) => {
                if let Some(fix) = reader.finish().and_then(|e| stable.push(e)) {
                    return done(fix, reader);
                }
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::Interrupted
                ) =>
            {
                continue;
            }
            Err(e) => {
                return Err(Error::station(
                    "E_GPS_PORT",
                    crate::t!("pin.nmea.read_failed", port = port, why = e),
                )
                .with_help(crate::t!("pin.nmea.read_failed_help")));
            }
        };
        for &b in &buf[..n] {
            if b == b'\n' || line.len() > 200 {
                let text = String::from_utf8_lossy(&line).into_owned();
                line.clear();
                if let Some(fix) = reader.feed(&text).and_then(|e| stable.push(e)) {
                    return done(fix, reader);
                }
            } else {
                line.push(b);
            }
        }
    }
    Err(no_fix_error(port, timeout, &reader.stats, &stable))
}

fn no_fix_error(port: &str, timeout: Duration, s: &Stats, stable: &Stabilizer) -> Error {
    let seen = crate::tn!(
        "pin.nmea.seen",
        count = s.sentences,
        no_fix = s.no_fix,
        simulator = s.simulator,
        not_measured = s.not_measured,
        zero = s.zero_position,
        bad = s.bad_checksum,
        missing = s.missing_checksum
    );
    let rules = &stable.rules;
    let help = if s.sentences == 0 {
        crate::t!("pin.nmea.help_nothing")
    } else if s.bad_checksum + s.missing_checksum > s.sentences / 2 {
        crate::t!("pin.nmea.help_damaged")
    } else if let Some(h) = stable.seen.help(rules) {
        h
    } else if stable.seen.simulated > 0 || s.simulator > 0 {
        crate::t!("pin.nmea.help_simulator")
    } else {
        crate::t!("pin.nmea.help_sky")
    };
    Error::station(
        "E_GPS_NO_FIX",
        crate::t!(
            "gps.stable.nmea_timeout",
            port = port,
            seconds = timeout.as_secs(),
            why = stable.seen.explain(rules),
            epochs = stable.seen.counts(rules),
            seen = seen
        ),
    )
    .with_help(help)
}

/// Open a serial GPS receiver and wait for a stable position.
pub fn read_port(
    path: &str,
    baud: u32,
    timeout: Duration,
    rules: Rules,
    progress: &mut dyn FnMut(&Progress),
) -> Result<(Fix, Stats)> {
    let mut port = serialport::new(path, baud)
        .timeout(Duration::from_millis(200))
        .open()
        .map_err(|e| {
            Error::station(
                "E_GPS_PORT",
                crate::t!("pin.nmea.open_failed", path = path, why = e),
            )
            .with_help(crate::t!("pin.nmea.open_failed_help"))
        })?;
    wait_for_fix(&mut port, path, timeout, rules, progress)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Add a checksum to a sentence body (between `$` and `*`).
    pub fn nmea(body: &str) -> String {
        let sum = body.bytes().fold(0u8, |a, b| a ^ b);
        format!("${body}*{sum:02X}\r\n")
    }

    /// Examples printed in the u-blox M8 receiver description (UBX-13003221, section 31.2,
    /// "NMEA messages overview") and in NMEA 0183 references; their checksums as printed.
    const UBLOX_GGA: &str =
        "$GPGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*5B";
    const UBLOX_RMC: &str =
        "$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A*57";
    const UBLOX_GSA: &str = "$GPGSA,A,3,23,29,07,08,09,18,26,28,,,,,1.94,1.18,1.54*0D";
    const UBLOX_GLL: &str = "$GPGLL,4717.11364,N,00833.91565,E,092321.00,A,A*60";
    const UBLOX_VTG: &str = "$GPVTG,77.52,T,,M,0.004,N,0.008,K,A*06";
    /// The NMEA 4.10 forms of the same examples as the u-blox manual prints them, with the
    /// checksum of the shorter form: a receiver sending these would be sending damaged lines.
    const UBLOX_410_WRONG_SUMS: [&str; 2] = [
        "$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A,V*57",
        "$GPGSA,A,3,23,29,07,08,09,18,26,28,,,,,1.94,1.18,1.54,1*0D",
    ];
    /// The classic reference examples (NMEA 0183 GGA/RMC/GSA as in Dale DePriest's NMEA data
    /// pages).
    const REF_GGA: &str = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";
    const REF_RMC: &str = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";
    const REF_GSA: &str = "$GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1*39";
    /// A u-blox NEO-6M right after power-on, one second of it, as logged from a real module.
    const NEO6_COLD: &[&str] = &[
        "$GPRMC,,V,,,,,,,,,,N*53",
        "$GPVTG,,,,,,,,,N*30",
        "$GPGGA,,,,,,0,00,99.99,,,,,,*48",
        "$GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99*30",
        "$GPGSV,1,1,00*79",
        "$GPGLL,,,,,,V,N*64",
    ];
    /// A real survey log: a receiver without a fix keeps repeating its last position with
    /// quality 0, then fixes with 4 satellites and HDOP 4.6.
    const HELD_THEN_POOR: &[&str] = &[
        "$GPGGA,132411.60,5231.91297,N,00516.97745,E,0,00,2.3,5.7,M,46.6,M,,*63",
        "$GPGGA,132421.00,5231.91448,N,00516.97727,E,1,04,4.6,6.6,M,46.6,M,,*62",
        "$GPGGA,132422.00,5231.91603,N,00516.97660,E,1,04,4.6,7.3,M,46.6,M,,*6A",
    ];

    fn said(r: &mut Reader, line: &str) -> Said {
        r.sentence(line).map(|(_, _, s)| s).unwrap_or(Said::Nothing)
    }

    fn epochs(lines: &[&str]) -> (Vec<Epoch>, Reader) {
        let mut r = Reader::new("t");
        let mut v: Vec<Epoch> = lines.iter().filter_map(|l| r.feed(l)).collect();
        v.extend(r.finish());
        (v, r)
    }

    #[test]
    fn checksums_are_verified_in_either_case_and_counted() {
        let mut r = Reader::new("t");
        let good = nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.8,M,46.9,M,,");
        assert!(matches!(said(&mut r, &good), Said::Full(_)));
        let (body, sum) = good.split_once('*').unwrap();
        assert!(sum.chars().any(|c| c.is_ascii_alphabetic()), "{sum}");
        let lower = format!("{body}*{}", sum.to_lowercase());
        assert!(matches!(said(&mut r, &lower), Said::Full(_)));
        assert!(matches!(said(&mut r, &lower), Said::Full(_)));
        let corrupted = good.replace("4807.038", "4807.039");
        assert_eq!(said(&mut r, &corrupted), Said::Nothing);
        let missing = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,\r\n";
        assert_eq!(said(&mut r, missing), Said::Nothing);
        assert_eq!(r.stats.bad_checksum, 1);
        assert_eq!(r.stats.missing_checksum, 1);
        assert_eq!(r.stats.sentences, 5);
        // a doubled `$` or noise before the start is read past; the checksum still counts
        assert!(matches!(said(&mut r, &format!("${good}")), Said::Full(_)));
        assert!(matches!(
            said(&mut r, &format!("\0#~{good}")),
            Said::Full(_)
        ));
        assert_eq!(said(&mut r, &format!("${corrupted}")), Said::Nothing);
        assert_eq!(r.stats.bad_checksum, 2);
    }

    #[test]
    fn the_manuals_examples_read_as_printed() {
        let mut r = Reader::new("/dev/ttyACM0");
        let Said::Full(f) = said(&mut r, UBLOX_GGA) else {
            panic!("no fix")
        };
        assert!((f.lat - (47.0 + 17.11399 / 60.0)).abs() < 1e-9);
        assert!((f.lon - (8.0 + 33.91590 / 60.0)).abs() < 1e-9);
        assert_eq!(
            (f.quality.as_str(), f.satellites, f.hdop),
            ("gps", Some(8), Some(1.01))
        );
        assert_eq!(f.time.as_deref(), Some("09:27:25.00"));
        let Said::Rmc(f) = said(&mut r, UBLOX_RMC) else {
            panic!("no fix")
        };
        assert_eq!(f.time.as_deref(), Some("2002-12-09T08:35:59.00Z"));
        assert_eq!(said(&mut r, UBLOX_GSA), Said::Dop(Some(1.18)));
        assert_eq!(said(&mut r, UBLOX_GLL), Said::Nothing);
        assert_eq!(said(&mut r, UBLOX_VTG), Said::Nothing);
        assert_eq!(
            r.sentence(UBLOX_GLL).unwrap().0.as_deref(),
            Some("092321.00")
        );
        for l in UBLOX_410_WRONG_SUMS {
            assert!(r.sentence(l).is_none(), "{l}");
        }
        assert_eq!(r.stats.bad_checksum, 2);
        let Said::Full(f) = said(&mut r, REF_GGA) else {
            panic!("no fix")
        };
        assert!((f.lat - (48.0 + 7.038 / 60.0)).abs() < 1e-9);
        assert!(matches!(said(&mut r, REF_RMC), Said::Rmc(_)));
        assert_eq!(said(&mut r, REF_GSA), Said::Dop(Some(1.3)));
    }

    #[test]
    fn a_cold_receiver_and_a_held_position_are_no_fix_epochs() {
        // two seconds of the NEO-6M after power-on: two epochs, both without a fix
        let two: Vec<&str> = NEO6_COLD.iter().chain(NEO6_COLD).copied().collect();
        let (e, r) = epochs(&two);
        assert_eq!(e, vec![Epoch::NoFix, Epoch::NoFix]);
        assert_eq!(r.stats.no_fix, 8);
        // quality 0 with a position is no fix; quality 1 at HDOP 4.6 is a fix, refused later
        let (e, _) = epochs(HELD_THEN_POOR);
        assert_eq!(e[0], Epoch::NoFix);
        assert!(matches!(&e[1], Epoch::Fix(f) if f.hdop == Some(4.6)));
        let mut s = Stabilizer::new(Rules::default());
        for x in e {
            assert_eq!(s.push(x), None);
        }
        assert_eq!(s.seen.high_hdop, 2);
    }

    #[test]
    fn any_no_fix_sentence_makes_its_whole_epoch_no_fix() {
        let gga = "GNGGA,083605.00,5954.83208,N,01045.13470,E,1,09,0.95,23.4,M,18.2,M,,";
        let rmc_a = "GNRMC,083605.00,A,5954.83208,N,01045.13470,E,0.01,,231126,,,A";
        let next = nmea("GNRMC,083606.00,V,,,,,,,231126,,,N");
        for veto in [
            "GNRMC,083605.00,V,5954.83208,N,01045.13470,E,0.01,,231126,,,N",
            "GNRMC,083605.00,A,5954.83208,N,01045.13470,E,0.01,,231126,,,N",
            "GNGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99,1",
            "GNGLL,5954.83208,N,01045.13470,E,083605.00,V,N",
        ] {
            let lines = [nmea(veto), nmea(gga), next.clone()];
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let (e, _) = epochs(&refs);
            assert_eq!(e[0], Epoch::NoFix, "{veto}");
        }
        // a receiver that sends its GSA first in the burst: the GSA's no fix reaches the
        // epoch it was sent for (and, to be safe, the one before it)
        let lines = [
            nmea("GNGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99,1"),
            nmea(gga),
            nmea(rmc_a),
            nmea("GNGSA,A,3,05,13,15,,,,,,,,,,1.8,0.9,1.5,1"),
            nmea(&gga.replace("083605.00", "083606.00")),
            nmea(&rmc_a.replace("083605.00", "083606.00")),
            next.clone(),
        ];
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (e, _) = epochs(&refs);
        assert_eq!(e[0], Epoch::NoFix, "{e:?}");
        assert!(matches!(&e[1], Epoch::Fix(_)), "{e:?}");
        // the same epoch with a valid RMC and GSA: a fix, dated by the RMC, HDOP from GGA
        let lines = [
            nmea(rmc_a),
            nmea(gga),
            nmea("GNGSA,A,3,05,13,15,,,,,,,,,,1.8,0.9,1.5,1"),
            next.clone(),
        ];
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (e, _) = epochs(&refs);
        let Epoch::Fix(f) = &e[0] else {
            panic!("{e:?}")
        };
        assert_eq!(f.hdop, Some(0.95));
        assert_eq!(f.time.as_deref(), Some("2026-11-23T08:36:05.00Z"));
        // RMC alone takes its HDOP from the GSA
        let lines = [
            nmea(rmc_a),
            nmea("GNGSA,A,3,05,13,15,,,,,,,,,,1.8,0.9,1.5,1"),
            next,
        ];
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (e, _) = epochs(&refs);
        assert!(
            matches!(&e[0], Epoch::Fix(f) if f.hdop == Some(0.9)),
            "{e:?}"
        );
        // simulator mode and estimated positions in any sentence
        for (s, want) in [
            (
                "GPGGA,123519,4807.038,N,01131.000,E,8,08,0.9,545.4,M,46.9,M,,",
                Epoch::Simulated,
            ),
            (
                "GPRMC,123519,A,4807.038,N,01131.000,E,0.0,0.0,230394,,,S",
                Epoch::Simulated,
            ),
            (
                "GNGNS,123519,4807.038,N,01131.000,E,SS,08,0.9,545.4,46.9,,,V",
                Epoch::Simulated,
            ),
            (
                "GPGGA,123519,4807.038,N,01131.000,E,6,08,0.9,545.4,M,46.9,M,,",
                Epoch::NotMeasured,
            ),
            (
                "GPGGA,000000,0000.000,N,00000.000,E,1,08,0.9,0,M,0,M,,",
                Epoch::NoFix,
            ),
        ] {
            let (e, _) = epochs(&[&nmea(s)]);
            assert_eq!(e, vec![want], "{s}");
        }
    }

    #[test]
    fn gns_and_other_talkers() {
        let mut r = Reader::new("t");
        let Said::Full(f) = said(
            &mut r,
            &nmea("GAGNS,014035.00,4332.69262,S,17235.48549,E,RR,13,0.9,25.63,11.24,,,S"),
        ) else {
            panic!()
        };
        assert_eq!(f.quality, "rtk");
        assert!(f.lat < 0.0);
        assert_eq!(f.satellites, Some(13));
        assert!(matches!(
            said(
                &mut r,
                &nmea(
                    "BDGGA,014035.00,4332.69262,S,17235.48549,E,4,13,0.9,25.63,M,11.24,M,1.0,0000"
                )
            ),
            Said::Full(_)
        ));
        assert!(
            r.sentence(&nmea(
                "XXGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"
            ))
            .is_none()
        );
        assert_eq!(r.stats.ignored, 1);
    }

    /// One epoch of a u-blox receiver at `metres` north of 59.913868, 10.752245.
    pub fn epoch(second: u32, metres: f64, quality: u32, hdop: f64) -> String {
        let lat = 59.913868 + (metres / 6_371_008.8_f64).to_degrees();
        let min = (lat - 59.0) * 60.0;
        let t = format!("0836{second:02}.00");
        format!(
            "{}{}{}",
            nmea(&format!(
                "GNRMC,{t},A,59{min:08.5},N,01045.13470,E,0.01,,231126,,,A"
            )),
            nmea(&format!(
                "GNGGA,{t},59{min:08.5},N,01045.13470,E,{quality},09,{hdop},23.4,M,18.2,M,,"
            )),
            nmea("GNGSA,A,3,05,13,15,18,20,23,24,,,,,,1.9,1.0,1.6,1")
        )
    }

    #[test]
    fn waiting_takes_the_mean_of_five_agreeing_epochs_or_says_why_not() {
        let mut data = String::new();
        for l in NEO6_COLD {
            data.push_str(l);
            data.push_str("\r\n");
        }
        for (i, m) in [2400.0, 350.0, 40.0, 1.5, -1.5, 1.0, -1.0, 0.0]
            .iter()
            .enumerate()
        {
            data.push_str(&epoch(i as u32, *m, 1, 0.9));
        }
        let mut input = data.as_bytes();
        let (fix, stats) = wait_for_fix(
            &mut input,
            "mem",
            Duration::from_secs(2),
            Rules::default(),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(fix.samples, Some(5));
        assert!((fix.lat - 59.913868).abs() < 1e-7, "{}", fix.lat);
        assert!((fix.lon - (10.0 + 45.1347 / 60.0)).abs() < 1e-9);
        assert_eq!(fix.spread_m, Some(1.5));
        assert_eq!(fix.hdop, Some(0.9));
        assert!(fix.took_ms.is_some());
        assert_eq!(fix.time.as_deref(), Some("2026-11-23T08:36:07.00Z"));
        assert_eq!(stats.no_fix, 4);

        let data = nmea("GPGGA,123519,4807.038,N,01131.000,E,8,08,0.9,545.4,M,46.9,M,,");
        let mut input = data.as_bytes();
        let e = wait_for_fix(
            &mut input,
            "mem",
            Duration::from_millis(300),
            Rules::default(),
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(e.code, "E_GPS_NO_FIX");
        assert!(e.message.contains("1 in simulator mode"), "{}", e.message);
        assert!(e.message.contains("simulated"), "{}", e.message);
        assert!(e.help.unwrap().contains("simulator"));

        // a receiver that wanders 12 m an epoch never agrees: the error says by how much
        let mut data = String::new();
        for i in 0..12 {
            data.push_str(&epoch(i, 12.0 * i as f64, 1, 0.9));
        }
        let mut input = data.as_bytes();
        let e = wait_for_fix(
            &mut input,
            "mem",
            Duration::from_millis(300),
            Rules::default(),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(
            e.message.contains("never agreed") && e.message.contains("24.0 m"),
            "{}",
            e.message
        );
    }
}
