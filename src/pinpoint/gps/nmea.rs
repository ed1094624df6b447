//! NMEA 0183 from a serial GPS receiver: GGA, RMC and GNS sentences from any GNSS talker.
//!
//! Rules (docs/gps.md): the checksum is verified (upper- or lower-case hex); a sentence with a
//! bad or missing checksum is dropped and counted. No position is taken from a sentence that says
//! there is no fix (GGA quality 0, RMC status V, GNS mode N), nor from a receiver in simulator
//! mode (GGA quality 8, mode indicator S), nor from estimated (dead reckoning) or manual-input
//! modes, nor 0,0. A valid GGA or GNS ends the wait (they carry satellites and HDOP); a valid
//! RMC alone is taken only when no GGA/GNS came before the timeout.

use std::io::Read;
use std::time::{Duration, Instant};

use serde::Serialize;

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

/// What one line gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// A fix from GGA or GNS (with satellites and HDOP).
    Full(Fix),
    /// A fix from RMC (position and validity only).
    Rmc(Fix),
    Nothing,
}

/// Talker, sentence type and fields of a checked sentence.
type Framed = (String, String, Vec<String>);

/// Verify the checksum and split `$TTSSS,f,f,...*HH` into the talker, the type and the fields.
/// `Err` is `"bad"` or `"missing"`.
fn frame(line: &str) -> std::result::Result<Option<Framed>, &'static str> {
    let line = line.trim_matches(|c: char| c == '\r' || c == '\n' || c == '\0' || c == ' ');
    let Some(body) = line.strip_prefix('$') else {
        return Ok(None);
    };
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

/// The NMEA reader: feed it lines, it counts and returns fixes.
#[derive(Debug, Default)]
pub struct Reader {
    pub stats: Stats,
    /// Date from the last RMC (`ddmmyy` as `20yy-mm-dd`), to give GGA times a date.
    date: Option<String>,
    port: String,
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
        }
    }

    /// A position that passed the sentence's own validity: refuse 0,0.
    fn position(&mut self, lat: Option<f64>, lon: Option<f64>) -> Option<(f64, f64)> {
        match (lat, lon) {
            (Some(la), Some(lo)) if la == 0.0 && lo == 0.0 => {
                self.stats.zero_position += 1;
                None
            }
            (Some(la), Some(lo)) if super::plausible(la, lo).is_ok() => Some((la, lo)),
            _ => {
                self.stats.ignored += 1;
                None
            }
        }
    }

    /// GGA and GNS share the places of time, position, satellites and HDOP.
    fn full_fix(&mut self, f: &[String], quality: &str) -> Parsed {
        let get = |i: usize| f.get(i).map(String::as_str).unwrap_or("");
        let Some((lat, lon)) = self.position(coord(get(1), get(2), 2), coord(get(3), get(4), 3))
        else {
            return Parsed::Nothing;
        };
        let mut fix = self.fix(lat, lon, quality, time_of_day(get(0)));
        fix.satellites = get(6).parse().ok();
        fix.hdop = get(7).parse().ok();
        Parsed::Full(fix)
    }

    /// One line from the receiver.
    pub fn feed(&mut self, line: &str) -> Parsed {
        let (talker, kind, f) = match frame(line) {
            Ok(Some(x)) => x,
            Ok(None) => return Parsed::Nothing,
            Err(why) => {
                self.stats.sentences += 1;
                if why == "missing" {
                    self.stats.missing_checksum += 1;
                } else {
                    self.stats.bad_checksum += 1;
                }
                return Parsed::Nothing;
            }
        };
        self.stats.sentences += 1;
        if !TALKERS.contains(&talker.as_str()) {
            self.stats.ignored += 1;
            return Parsed::Nothing;
        }
        let get = |i: usize| f.get(i).map(String::as_str).unwrap_or("");
        match kind.as_str() {
            "GGA" => {
                let q: u32 = match get(5).parse() {
                    Ok(q) => q,
                    Err(_) => {
                        self.stats.ignored += 1;
                        return Parsed::Nothing;
                    }
                };
                let quality = match q {
                    0 => {
                        self.stats.no_fix += 1;
                        return Parsed::Nothing;
                    }
                    8 => {
                        self.stats.simulator += 1;
                        return Parsed::Nothing;
                    }
                    6 | 7 => {
                        self.stats.not_measured += 1;
                        return Parsed::Nothing;
                    }
                    1 => "gps",
                    2 => "dgps",
                    3 => "pps",
                    4 => "rtk",
                    5 => "float_rtk",
                    _ => {
                        self.stats.ignored += 1;
                        return Parsed::Nothing;
                    }
                };
                self.full_fix(&f, quality)
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
                if get(1) != "A" {
                    self.stats.no_fix += 1;
                    return Parsed::Nothing;
                }
                let quality = match get(11).chars().next() {
                    Some('S') => {
                        self.stats.simulator += 1;
                        return Parsed::Nothing;
                    }
                    Some('N') => {
                        self.stats.no_fix += 1;
                        return Parsed::Nothing;
                    }
                    Some('E') | Some('M') => {
                        self.stats.not_measured += 1;
                        return Parsed::Nothing;
                    }
                    Some('D') => "dgps",
                    Some('R') => "rtk",
                    Some('F') => "float_rtk",
                    Some('P') => "pps",
                    _ => "gps",
                };
                let Some((lat, lon)) =
                    self.position(coord(get(2), get(3), 2), coord(get(4), get(5), 3))
                else {
                    return Parsed::Nothing;
                };
                Parsed::Rmc(self.fix(lat, lon, quality, time_of_day(get(0))))
            }
            "GNS" => {
                let mode = get(5);
                if mode.contains('S') {
                    self.stats.simulator += 1;
                    return Parsed::Nothing;
                }
                let best = ['R', 'F', 'P', 'D', 'A']
                    .into_iter()
                    .find(|c| mode.contains(*c));
                let quality = match best {
                    Some('R') => "rtk",
                    Some('F') => "float_rtk",
                    Some('P') => "pps",
                    Some('D') => "dgps",
                    Some(_) => "gps",
                    None if mode.contains('E') || mode.contains('M') => {
                        self.stats.not_measured += 1;
                        return Parsed::Nothing;
                    }
                    None => {
                        self.stats.no_fix += 1;
                        return Parsed::Nothing;
                    }
                };
                self.full_fix(&f, quality)
            }
            _ => {
                self.stats.ignored += 1;
                Parsed::Nothing
            }
        }
    }
}

/// Progress while waiting for a fix.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub elapsed_s: f64,
    pub timeout_s: f64,
    pub stats: Stats,
}

/// Read sentences from `input` until a fix or `timeout`. `progress` is called about once a
/// second. `input` must return `TimedOut`/`WouldBlock` (or 0 bytes) now and then so the
/// deadline is kept.
pub fn wait_for_fix(
    input: &mut dyn Read,
    port: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(&Progress),
) -> Result<(Fix, Stats)> {
    let started = Instant::now();
    let deadline = crate::waits::deadline(started, timeout);
    let mut reader = Reader::new(port);
    let mut line: Vec<u8> = Vec::new();
    let mut buf = [0u8; 512];
    let mut rmc: Option<Fix> = None;
    let mut last_progress = started;
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
            });
        }
        let n = match input.read(&mut buf) {
            Ok(0) => {
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
                match reader.feed(&text) {
                    Parsed::Full(mut fix) => {
                        if fix.time.is_none() {
                            fix.time = rmc.as_ref().and_then(|r| r.time.clone());
                        }
                        return Ok((fix, reader.stats));
                    }
                    Parsed::Rmc(fix) => rmc = Some(fix),
                    Parsed::Nothing => {}
                }
            } else {
                line.push(b);
            }
        }
    }
    if let Some(fix) = rmc {
        return Ok((fix, reader.stats));
    }
    Err(no_fix_error(port, timeout, &reader.stats))
}

fn no_fix_error(port: &str, timeout: Duration, s: &Stats) -> Error {
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
    let help = if s.sentences == 0 {
        crate::t!("pin.nmea.help_nothing")
    } else if s.simulator > 0 {
        crate::t!("pin.nmea.help_simulator")
    } else if s.bad_checksum + s.missing_checksum > s.sentences / 2 {
        crate::t!("pin.nmea.help_damaged")
    } else {
        crate::t!("pin.nmea.help_sky")
    };
    Error::station(
        "E_GPS_NO_FIX",
        crate::t!(
            "pin.nmea.no_fix",
            port = port,
            seconds = timeout.as_secs(),
            seen = seen
        ),
    )
    .with_help(help)
}

/// Open a serial GPS receiver and wait for a fix.
pub fn read_port(
    path: &str,
    baud: u32,
    timeout: Duration,
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
    wait_for_fix(&mut port, path, timeout, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Add a checksum to a sentence body (between `$` and `*`).
    pub fn nmea(body: &str) -> String {
        let sum = body.bytes().fold(0u8, |a, b| a ^ b);
        format!("${body}*{sum:02X}\r\n")
    }

    #[test]
    fn checksums_are_verified_in_either_case_and_counted() {
        let mut r = Reader::new("t");
        let good = nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.8,M,46.9,M,,");
        assert!(matches!(r.feed(&good), Parsed::Full(_)));
        let (body, sum) = good.split_once('*').unwrap();
        assert!(sum.chars().any(|c| c.is_ascii_alphabetic()), "{sum}");
        let lower = format!("{body}*{}", sum.to_lowercase());
        assert!(matches!(r.feed(&lower), Parsed::Full(_)));
        assert!(matches!(r.feed(&lower), Parsed::Full(_)));
        let corrupted = good.replace("4807.038", "4807.039");
        assert_eq!(r.feed(&corrupted), Parsed::Nothing);
        let missing = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,\r\n";
        assert_eq!(r.feed(missing), Parsed::Nothing);
        assert_eq!(r.stats.bad_checksum, 1);
        assert_eq!(r.stats.missing_checksum, 1);
        assert_eq!(r.stats.sentences, 5);
    }

    #[test]
    fn gga_fix_fields() {
        let mut r = Reader::new("/dev/ttyACM0");
        let Parsed::Full(f) = r.feed(&nmea(
            "GNGGA,092750.000,5321.6802,N,00630.3372,W,2,11,0.82,54.7,M,55.2,M,,",
        )) else {
            panic!("no fix")
        };
        assert!((f.lat - (53.0 + 21.6802 / 60.0)).abs() < 1e-9);
        assert!((f.lon + (6.0 + 30.3372 / 60.0)).abs() < 1e-9);
        assert_eq!(f.quality, "dgps");
        assert_eq!(f.satellites, Some(11));
        assert_eq!(f.hdop, Some(0.82));
        assert_eq!(f.time.as_deref(), Some("09:27:50.000"));
    }

    #[test]
    fn no_fix_simulator_estimated_and_zero_are_never_positions() {
        let mut r = Reader::new("t");
        for s in [
            "GPGGA,123519,4807.038,N,01131.000,E,0,00,99.9,,M,,M,,",
            "GPRMC,123519,V,4807.038,N,01131.000,E,0.0,0.0,230394,,,N",
            "GNGNS,123519,4807.038,N,01131.000,E,NNN,00,99.9,,,,,V",
        ] {
            assert_eq!(r.feed(&nmea(s)), Parsed::Nothing, "{s}");
        }
        assert_eq!(r.stats.no_fix, 3);
        for s in [
            "GPGGA,123519,4807.038,N,01131.000,E,8,08,0.9,545.4,M,46.9,M,,",
            "GPRMC,123519,A,4807.038,N,01131.000,E,0.0,0.0,230394,,,S",
            "GNGNS,123519,4807.038,N,01131.000,E,SS,08,0.9,545.4,46.9,,,V",
        ] {
            assert_eq!(r.feed(&nmea(s)), Parsed::Nothing, "{s}");
        }
        assert_eq!(r.stats.simulator, 3);
        assert_eq!(
            r.feed(&nmea(
                "GPGGA,123519,4807.038,N,01131.000,E,6,08,0.9,545.4,M,46.9,M,,"
            )),
            Parsed::Nothing
        );
        assert_eq!(r.stats.not_measured, 1);
        assert_eq!(
            r.feed(&nmea(
                "GPGGA,000000,0000.000,N,00000.000,E,1,08,0.9,0,M,0,M,,"
            )),
            Parsed::Nothing
        );
        assert_eq!(r.stats.zero_position, 1);
    }

    #[test]
    fn rmc_and_gns_from_other_talkers() {
        let mut r = Reader::new("t");
        let Parsed::Rmc(f) = r.feed(&nmea(
            "GLRMC,225446.00,A,4916.45,N,12311.12,W,000.5,054.7,191194,020.3,E,D",
        )) else {
            panic!()
        };
        assert_eq!(f.quality, "dgps");
        assert_eq!(f.time.as_deref(), Some("1994-11-19T22:54:46.00Z"));
        let Parsed::Full(f) = r.feed(&nmea(
            "GAGNS,014035.00,4332.69262,S,17235.48549,E,RR,13,0.9,25.63,11.24,,,S",
        )) else {
            panic!()
        };
        assert_eq!(f.quality, "rtk");
        assert!(f.lat < 0.0);
        assert_eq!(f.satellites, Some(13));
        let Parsed::Full(_) = r.feed(&nmea(
            "BDGGA,014035.00,4332.69262,S,17235.48549,E,4,13,0.9,25.63,M,11.24,M,1.0,0000",
        )) else {
            panic!()
        };
        assert_eq!(
            r.feed(&nmea(
                "GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00"
            )),
            Parsed::Nothing
        );
        assert_eq!(
            r.feed(&nmea(
                "XXGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"
            )),
            Parsed::Nothing
        );
        assert_eq!(r.stats.ignored, 2);
    }

    #[test]
    fn waiting_ends_at_the_first_full_fix_or_times_out_with_counts() {
        let mut data = String::new();
        data.push_str("garbage line\r\n");
        data.push_str(&nmea(
            "GPGGA,123519,4807.038,N,01131.000,E,0,00,99.9,,M,,M,,",
        ));
        data.push_str(&nmea(
            "GPRMC,123520,A,4807.038,N,01131.000,E,0.0,0.0,230394,,,A",
        ));
        data.push_str(&nmea(
            "GPGGA,123520,4807.038,N,01131.000,E,1,05,1.4,545.4,M,46.9,M,,",
        ));
        let mut input = data.as_bytes();
        let (fix, stats) =
            wait_for_fix(&mut input, "mem", Duration::from_secs(2), &mut |_| {}).unwrap();
        assert_eq!(fix.satellites, Some(5));
        assert_eq!(fix.time.as_deref(), Some("1994-03-23T12:35:20Z"));
        assert_eq!(fix.age_s, None, "a fix from 1994 has no meaningful age");
        assert_eq!(stats.no_fix, 1);

        let data = nmea("GPGGA,123519,4807.038,N,01131.000,E,8,08,0.9,545.4,M,46.9,M,,");
        let mut input = data.as_bytes();
        let e =
            wait_for_fix(&mut input, "mem", Duration::from_millis(300), &mut |_| {}).unwrap_err();
        assert_eq!(e.code, "E_GPS_NO_FIX");
        assert!(e.message.contains("1 in simulator mode"), "{}", e.message);
        assert!(e.help.unwrap().contains("simulator"));
    }
}
