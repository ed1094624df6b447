//! Where the installer stands: a GPS fix from a receiver (NMEA 0183 over a serial port, or gpsd
//! on localhost), from the station photo's EXIF, or typed by hand (docs/gps.md).

pub mod gpsd;
pub mod nmea;
pub mod stable;

use serde::Serialize;

/// Where a fix came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// NMEA 0183 sentences from a serial receiver (the port's path).
    Nmea(String),
    /// gpsd's JSON reports (its address).
    Gpsd(String),
    /// The GPS block of a photo's EXIF (the file).
    Exif(String),
    /// Typed with `--gps`.
    Manual,
}

/// A position and how good it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub lat: f64,
    pub lon: f64,
    pub source: Source,
    /// `gps`, `dgps`, `rtk`, `float_rtk`, `estimated`, `2d`, `3d`, `manual`, `exif`, ...
    pub quality: String,
    pub satellites: Option<u32>,
    pub hdop: Option<f64>,
    /// Seconds between the receiver's time of the fix and its arrival (when the receiver tells).
    pub age_s: Option<f64>,
    /// UTC time of the fix, as the source gives it (RFC 3339 when known).
    pub time: Option<String>,
    /// How many consecutive epochs of a receiver were averaged ([`stable`]).
    pub samples: Option<u32>,
    /// The largest distance of those epochs from their mean, in metres.
    pub spread_m: Option<f64>,
    /// How long the receiver took to give the stable position, in milliseconds.
    pub took_ms: Option<u64>,
}

impl Fix {
    /// `LAT,LON` with six decimals (about 0.1 m), the form the session keeps.
    pub fn position(&self) -> String {
        format!("{:.6},{:.6}", self.lat, self.lon)
    }

    /// Where it came from and how good it is, e.g.
    /// `receiver /dev/ttyACM0: dgps, 11 satellites, HDOP 0.8, 0.4 s old`.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.quality.clone()];
        if let Some(n) = self.satellites {
            parts.push(crate::tn!("pin.gps.satellites", count = n));
        }
        if let Some(h) = self.hdop {
            parts.push(format!("HDOP {h}"));
        }
        if let (Some(n), Some(m)) = (self.samples, self.spread_m) {
            parts.push(crate::t!(
                "gps.stable.describe",
                samples = n,
                spread = format!("{m:.1}"),
                seconds = format!("{:.1}", self.took_ms.unwrap_or(0) as f64 / 1000.0)
            ));
        }
        if let Some(a) = self.age_s {
            parts.push(crate::t!("pin.gps.age", seconds = format!("{a:.1}")));
        }
        let src = match &self.source {
            Source::Nmea(p) => crate::t!("pin.gps.source_receiver", port = p),
            Source::Gpsd(a) => format!("gpsd {a}"),
            Source::Exif(p) => crate::t!("pin.gps.source_exif", photo = p),
            Source::Manual => crate::t!("pin.gps.source_typed"),
        };
        format!("{src}: {}", parts.join(", "))
    }
}

pub use super::plausible;

/// One coordinate typed by hand: decimal degrees (`59.913868`, `-33.5`), degrees and decimal
/// minutes (`59 54.832`, `59°54.832'`), or degrees, minutes and seconds (`59°54'49.9"`), with an
/// optional hemisphere letter before or after (`N`, `S` for latitude; `E`, `W` for longitude).
fn parse_coord(raw: &str, lat: bool) -> Result<f64, String> {
    let value = raw.trim();
    // plain decimal degrees, the common case (a batch file's every row): what the general
    // reading gives for it, without its copies and texts
    match value.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => parse_coord_general(value, lat),
    }
}

/// [`parse_coord`] of any form (the trimmed text).
fn parse_coord_general(value: &str, lat: bool) -> Result<f64, String> {
    let what = if lat {
        crate::t!("pin.gps.latitude")
    } else {
        crate::t!("pin.gps.longitude")
    };
    let mut s = value.to_uppercase();
    let mut hemi = None;
    for h in ['N', 'S', 'E', 'W'] {
        if s.starts_with(h) || s.ends_with(h) {
            hemi = Some(h);
            s = s.trim_matches(h).trim().to_string();
            break;
        }
    }
    if let Some(h) = hemi {
        let ok = if lat { "NS" } else { "EW" };
        if !ok.contains(h) {
            return Err(crate::t!(
                "pin.gps.bad_hemisphere",
                what = what,
                value = value,
                hemisphere = h,
                first = &ok[..1],
                second = &ok[1..]
            ));
        }
    }
    let cleaned: String = s
        .chars()
        .map(|c| match c {
            '°' | '\'' | '"' | '′' | '″' | 'º' | ':' => ' ',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = cleaned.split_whitespace().collect();
    let bad = || crate::t!("pin.gps.bad_coordinate", what = what, value = value);
    if parts.is_empty() || parts.len() > 3 {
        return Err(bad());
    }
    let nums: Vec<f64> = parts
        .iter()
        .map(|p| p.parse::<f64>().ok().filter(|n| n.is_finite()))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(bad)?;
    let negative = parts[0].starts_with('-');
    let deg = nums[0].abs();
    let mut degrees = deg;
    if nums.len() > 1 {
        if deg.fract() != 0.0 {
            return Err(crate::t!(
                "pin.gps.whole_degrees",
                what = what,
                value = value
            ));
        }
        let min = nums[1];
        if !(0.0..60.0).contains(&min) || (nums.len() == 3 && min.fract() != 0.0) {
            return Err(crate::t!(
                "pin.gps.minutes_range",
                what = what,
                value = value
            ));
        }
        degrees += min / 60.0;
        if let Some(&sec) = nums.get(2) {
            if !(0.0..60.0).contains(&sec) {
                return Err(crate::t!(
                    "pin.gps.seconds_range",
                    what = what,
                    value = value
                ));
            }
            degrees += sec / 3600.0;
        }
    }
    let south_west = matches!(hemi, Some('S') | Some('W'));
    if negative && hemi.is_some() {
        return Err(crate::t!(
            "pin.gps.sign_and_hemisphere",
            what = what,
            value = value
        ));
    }
    Ok(if negative || south_west {
        -degrees
    } else {
        degrees
    })
}

/// A position typed by hand (`--gps LAT,LON`): each part in decimal degrees or degrees and
/// minutes (see [`parse_coord`]); ranges checked, 0,0 refused.
pub fn parse_manual(v: &str) -> Result<(f64, f64), String> {
    let (a, b) = v
        .split_once(',')
        .ok_or_else(|| crate::t!("pin.gps.not_lat_lon", value = v))?;
    if b.contains(',') {
        return Err(crate::t!("pin.gps.two_commas", value = v));
    }
    let lat = parse_coord(a, true)?;
    let lon = parse_coord(b, false)?;
    plausible(lat, lon)?;
    Ok((lat, lon))
}

/// Which sources to try, in the documented order: a serial NMEA receiver, gpsd, the photo's
/// EXIF, the position typed by hand. The first that gives a fix wins.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Serial port of an NMEA receiver.
    pub port: Option<String>,
    pub baud: u32,
    /// gpsd's address (loopback); `Some` to ask gpsd.
    pub gpsd: Option<String>,
    /// A photo whose EXIF GPS block may hold the position.
    pub photo: Option<std::path::PathBuf>,
    /// A position typed by hand (`LAT,LON`).
    pub manual: Option<String>,
    /// How long to wait for a receiver's stable position.
    pub timeout: std::time::Duration,
    /// When a receiver's epochs make a stable position.
    pub rules: stable::Rules,
}

/// What happened to each source tried, for the report and for the error.
#[derive(Debug, Clone, Serialize)]
pub struct Tried {
    pub source: String,
    pub outcome: String,
}

/// The first fix from the sources in order. `note` receives progress and why a source was
/// passed over. The NMEA statistics of the receiver, when one was read, are returned too.
pub fn read_first(
    opts: &Options,
    note: &mut dyn FnMut(&str),
) -> crate::Result<(Fix, Vec<Tried>, Option<nmea::Stats>)> {
    use crate::Error;
    let mut tried = Vec::new();
    let mut stats = None;
    let mut last_err: Option<Error> = None;
    // Why a source failed is noted when another source is tried after it; the last one's is
    // the error itself (said once, not twice).
    let mut failed: Option<String> = None;
    fn next_source(failed: &mut Option<String>, note: &mut dyn FnMut(&str)) {
        if let Some(why) = failed.take() {
            note(&why);
        }
    }
    if let Some(port) = &opts.port {
        let mut last_note = std::time::Instant::now();
        let mut progress = |p: &nmea::Progress| {
            if last_note.elapsed() >= std::time::Duration::from_secs(5) {
                last_note = std::time::Instant::now();
                note(&crate::tn!(
                    "pin.gps.waiting",
                    count = p.stats.sentences,
                    port = port,
                    elapsed = format!("{:.0}", p.elapsed_s),
                    timeout = format!("{:.0}", p.timeout_s),
                    run = p.run,
                    epochs = p.epochs,
                    sentences = p.stats.sentences,
                    no_fix = p.stats.no_fix,
                    bad = p.stats.bad_checksum + p.stats.missing_checksum
                ));
            }
        };
        match nmea::read_port(
            port,
            opts.baud.max(1),
            opts.timeout,
            opts.rules,
            &mut progress,
        ) {
            Ok((fix, st)) => return Ok((fix, tried, Some(st))),
            Err(e) => {
                failed = Some(crate::t!(
                    "pin.gps.receiver_failed",
                    port = port,
                    why = e.message
                ));
                tried.push(Tried {
                    source: format!("nmea {port}"),
                    outcome: e.message.clone(),
                });
                last_err = Some(e);
                stats = None;
            }
        }
    }
    if let Some(addr) = &opts.gpsd {
        next_source(&mut failed, note);
        match gpsd::read(addr, opts.timeout, opts.rules) {
            Ok(fix) => return Ok((fix, tried, stats)),
            Err(e) => {
                failed = Some(format!("gpsd {addr}: {}", e.message));
                tried.push(Tried {
                    source: format!("gpsd {addr}"),
                    outcome: e.message.clone(),
                });
                last_err = Some(e);
            }
        }
    }
    if let Some(photo) = &opts.photo {
        next_source(&mut failed, note);
        let rules = crate::pinpoint::photo::Rules {
            landscape: false,
            min_long: 1,
            min_short: 1,
        };
        match crate::pinpoint::photo::check_file(photo, rules) {
            Ok(info) => match info.exif_gps {
                Some((lat, lon)) => {
                    return Ok((
                        Fix {
                            lat,
                            lon,
                            source: Source::Exif(photo.display().to_string()),
                            quality: "exif".into(),
                            satellites: None,
                            hdop: None,
                            age_s: None,
                            time: info.exif_time,
                            samples: None,
                            spread_m: None,
                            took_ms: None,
                        },
                        tried,
                        stats,
                    ));
                }
                None => {
                    let why = crate::t!("pin.gps.no_exif", photo = photo.display());
                    failed = Some(why.clone());
                    tried.push(Tried {
                        source: format!("exif {}", photo.display()),
                        outcome: why.clone(),
                    });
                    last_err = Some(
                        Error::validation("E_GPS_NO_EXIF", why)
                            .with_help(crate::t!("pin.gps.no_exif_help")),
                    );
                }
            },
            Err(e) => {
                failed = Some(e.message.clone());
                tried.push(Tried {
                    source: format!("exif {}", photo.display()),
                    outcome: e.message.clone(),
                });
                last_err = Some(e);
            }
        }
    }
    if let Some(m) = &opts.manual {
        next_source(&mut failed, note);
        let (lat, lon) = parse_manual(m).map_err(|why| {
            Error::validation("E_BAD_POSITION", format!("--gps: {why}"))
                .with_help(crate::t!("pin.gps.bad_position_help"))
        })?;
        return Ok((
            Fix {
                lat,
                lon,
                source: Source::Manual,
                quality: "manual".into(),
                satellites: None,
                hdop: None,
                age_s: None,
                time: None,
                samples: None,
                spread_m: None,
                took_ms: None,
            },
            tried,
            stats,
        ));
    }
    Err(last_err.unwrap_or_else(|| {
        Error::usage("E_GPS_NO_SOURCE", crate::t!("pin.gps.no_source"))
            .with_help(crate::t!("pin.gps.no_source_help"))
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_refused_coordinate_is_quoted_as_typed() {
        for t in ["-59 30 S", "59.5 30", "59 61", "59 30 61"] {
            let e = super::parse_coord(t, true).unwrap_err();
            assert!(e.contains(&format!("`{t}`")), "{t}: {e}");
        }
    }

    #[test]
    fn plain_degrees_read_as_the_general_reading_reads_them() {
        let mut texts: Vec<String> = [
            "59.913868",
            "-10.75",
            "+5",
            "0",
            "-0.0",
            ".5",
            "5.",
            "1e1",
            "1E1",
            "-1e-3",
            "90",
            "180.0",
            "-180",
            "123456789",
            "inf",
            "NaN",
            "-infinity",
            "1e400",
            "5e",
            "5E",
            "E5",
            "N59.9",
            "59.9N",
            "-",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x % 400_000_000) as f64 / 1e6 - 200.0;
            texts.push(format!("{v}"));
            texts.push(format!("{v:.3}"));
            texts.push(format!("{v:e}"));
        }
        for t in &texts {
            for lat in [true, false] {
                assert_eq!(
                    super::parse_coord(t, lat),
                    super::parse_coord_general(t, lat),
                    "{t}"
                );
            }
        }
    }

    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    #[test]
    fn decimal_and_degrees_minutes() {
        assert_eq!(
            parse_manual("59.913868, 10.752245").unwrap(),
            (59.913868, 10.752245)
        );
        assert!(close(
            parse_manual("59 54.832, 10 45.1347").unwrap(),
            (59.0 + 54.832 / 60.0, 10.0 + 45.1347 / 60.0)
        ));
        assert!(close(
            parse_manual("N59°54.832', E010°45.1347'").unwrap(),
            (59.913867, 10.752245)
        ));
        assert!(close(
            parse_manual("33°52'10\"S, 151°12'30\"E").unwrap(),
            (
                -(33.0 + 52.0 / 60.0 + 10.0 / 3600.0),
                151.0 + 12.0 / 60.0 + 30.0 / 3600.0
            )
        ));
        assert!(close(
            parse_manual("-33 52.5,-70 10").unwrap(),
            (-33.875, -70.0 - 10.0 / 60.0)
        ));
        assert!(close(parse_manual("40.5 N, 3.7 W").unwrap(), (40.5, -3.7)));
    }

    #[test]
    fn bad_positions_are_refused_with_a_reason() {
        for (v, why) in [
            ("0,0", "0,0"),
            ("91,10", "outside"),
            ("10,181", "outside"),
            ("59.9", "LAT,LON"),
            ("59,9,10,7", "more than one comma"),
            ("59 61.0, 10", "minutes"),
            ("59.5 10, 10", "whole"),
            ("59.9 E, 10", "hemisphere"),
            ("-59.9 S, 10", "not both"),
            ("abc, 10", "not degrees"),
            ("NaN, 10", "not degrees"),
        ] {
            let e = parse_manual(v).unwrap_err();
            assert!(e.contains(why), "{v}: {e}");
        }
    }

    #[test]
    fn sources_are_tried_in_order_and_exif_gps_is_a_source() {
        use crate::pinpoint::photo::tests::jpeg;
        let d = tempfile::tempdir().unwrap();
        let with = d.path().join("with.jpg");
        std::fs::write(&with, jpeg(800, 600, Some(1), Some(Some((59.5, 10.25))))).unwrap();
        let empty = d.path().join("empty.jpg");
        std::fs::write(&empty, jpeg(800, 600, Some(1), Some(None))).unwrap();
        let mut notes = Vec::new();
        let opts = Options {
            photo: Some(with),
            manual: Some("60,11".into()),
            ..Options::default()
        };
        let (fix, tried, _) = read_first(&opts, &mut |n| notes.push(n.to_string())).unwrap();
        assert_eq!(fix.quality, "exif");
        assert!((fix.lat - 59.5).abs() < 1e-6 && (fix.lon - 10.25).abs() < 1e-6);
        assert_eq!(fix.time.as_deref(), Some("2026:03:01 10:15:00"));
        assert!(tried.is_empty());

        let opts = Options {
            photo: Some(empty),
            manual: Some("60,11".into()),
            ..Options::default()
        };
        let (fix, tried, _) = read_first(&opts, &mut |n| notes.push(n.to_string())).unwrap();
        assert_eq!((fix.lat, fix.lon, fix.source), (60.0, 11.0, Source::Manual));
        assert!(tried[0].outcome.contains("no GPS position"), "{tried:?}");

        let e = read_first(&Options::default(), &mut |_| {}).unwrap_err();
        assert_eq!(e.code, "E_GPS_NO_SOURCE");
        let bad = Options {
            manual: Some("0,0".into()),
            ..Options::default()
        };
        assert_eq!(
            read_first(&bad, &mut |_| {}).unwrap_err().code,
            "E_BAD_POSITION"
        );
    }
}
