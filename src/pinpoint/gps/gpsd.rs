//! gpsd on localhost: its JSON reports (`?WATCH={"enable":true,"json":true}`), of which TPV
//! carries the position and SKY the HDOP. The TPV `mode` and `status` are read as gpsd_json(5)
//! defines them: mode 0 (unknown) and 1 (no fix) are no fix, 2 and 3 are 2D and 3D fixes;
//! status 5 (DR, dead reckoning only) and 7 (time only, a surveyed or set position) are not
//! measured positions, 8 is **simulated**; all three are refused, like 0,0. gpsd may send
//! several TPV per epoch (the same `time`): an epoch with any no-fix TPV is no fix. The epochs
//! go through the same stability rules as a serial receiver's ([`super::stable`]).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::stable::{Epoch, Rules, Stabilizer};
use super::{Fix, Source};
use crate::{Error, Result};

/// gpsd's usual address.
pub const DEFAULT_ADDR: &str = "127.0.0.1:2947";

#[derive(Debug, Deserialize)]
struct Report {
    class: String,
    mode: Option<u8>,
    status: Option<u8>,
    lat: Option<f64>,
    lon: Option<f64>,
    time: Option<String>,
    hdop: Option<f64>,
    #[serde(rename = "uSat")]
    used: Option<u32>,
    #[serde(default)]
    satellites: Vec<Sat>,
}

#[derive(Debug, Deserialize)]
struct Sat {
    used: Option<bool>,
}

/// The TPVs of one epoch so far.
#[derive(Debug, Default)]
struct Pending {
    time: Option<String>,
    fix: Option<Fix>,
    veto: Option<Epoch>,
}

/// gpsd's reports, read line by line into epochs.
#[derive(Debug, Default)]
pub struct Reports {
    addr: String,
    /// Satellites in use and HDOP from the last SKY.
    sky: (Option<u32>, Option<f64>),
    pending: Option<Pending>,
    /// TPV reports read.
    pub tpv: u32,
}

impl Reports {
    pub fn new(addr: &str) -> Reports {
        Reports {
            addr: addr.to_string(),
            ..Reports::default()
        }
    }

    /// What one TPV says: a fix (without its HDOP yet), a veto, or `None` (no position in
    /// this part of the epoch).
    fn tpv(&self, r: &Report) -> Option<Epoch> {
        let mode = r.mode.unwrap_or(0);
        if mode < 2 {
            return Some(Epoch::NoFix);
        }
        let quality = match r.status {
            Some(8) => return Some(Epoch::Simulated),
            Some(5 | 7) => return Some(Epoch::NotMeasured),
            Some(2) => "dgps",
            Some(3) => "rtk",
            Some(4) => "float_rtk",
            Some(6) => "gnss_dr",
            Some(9) => "pps",
            _ if mode == 3 => "3d",
            _ => "2d",
        };
        let (lat, lon) = (r.lat?, r.lon?);
        if super::plausible(lat, lon).is_err() {
            return Some(Epoch::NoFix);
        }
        let age_s = r.time.as_deref().and_then(|t| {
            chrono::DateTime::parse_from_rfc3339(t).ok().map(|at| {
                (chrono::Utc::now() - at.with_timezone(&chrono::Utc)).num_milliseconds() as f64
                    / 1000.0
            })
        });
        Some(Epoch::Fix(Fix {
            lat,
            lon,
            source: Source::Gpsd(self.addr.clone()),
            quality: quality.to_string(),
            satellites: None,
            hdop: None,
            age_s: age_s
                .filter(|a| (-5.0..86_400.0).contains(a))
                .map(|a| a.max(0.0)),
            time: r.time.clone(),
            samples: None,
            spread_m: None,
            took_ms: None,
        }))
    }

    /// The epoch in progress, closed: a veto wins; the fix gets the last SKY's HDOP and
    /// satellites in use.
    pub fn finish(&mut self) -> Option<Epoch> {
        let p = self.pending.take()?;
        if let Some(v) = p.veto {
            return Some(v);
        }
        let mut fix = p.fix?;
        fix.satellites = self.sky.0;
        fix.hdop = self.sky.1;
        Some(Epoch::Fix(fix))
    }

    /// One line from gpsd; an epoch when this line began the next one.
    pub fn feed(&mut self, line: &str) -> Option<Epoch> {
        let r: Report = serde_json::from_str(line.trim()).ok()?;
        match r.class.as_str() {
            "SKY" => {
                let used = r.used.or_else(|| {
                    (!r.satellites.is_empty()).then(|| {
                        r.satellites.iter().filter(|s| s.used == Some(true)).count() as u32
                    })
                });
                self.sky = (used.or(self.sky.0), r.hdop.or(self.sky.1));
                None
            }
            "TPV" => {
                self.tpv += 1;
                let same = matches!(&self.pending, Some(p) if p.time.is_some() && p.time == r.time);
                let done = if same { None } else { self.finish() };
                let said = self.tpv(&r);
                let p = self.pending.get_or_insert_with(|| Pending {
                    time: r.time.clone(),
                    ..Pending::default()
                });
                match said {
                    Some(Epoch::Fix(f)) => p.fix = Some(f),
                    // the first veto of the epoch says why
                    Some(v) => {
                        p.veto.get_or_insert(v);
                    }
                    None => {}
                }
                done
            }
            _ => None,
        }
    }
}

/// Ask gpsd at `addr` (loopback only) for reports and wait for a stable position.
pub fn read(addr: &str, timeout: Duration, rules: Rules) -> Result<Fix> {
    let sa: SocketAddr = addr.parse().map_err(|_| {
        Error::usage("E_GPSD_ADDR", crate::t!("pin.gpsd.bad_addr", addr = addr))
            .with_help(crate::t!("pin.gpsd.listens_on", addr = DEFAULT_ADDR))
    })?;
    if !sa.ip().is_loopback() {
        return Err(
            Error::usage("E_GPSD_ADDR", crate::t!("pin.gpsd.not_local", addr = addr))
                .with_help(crate::t!("pin.gpsd.use", addr = DEFAULT_ADDR)),
        );
    }
    let unreachable = |e: std::io::Error| {
        Error::station(
            "E_GPSD",
            crate::t!("pin.gpsd.unreachable", addr = addr, why = e),
        )
        .with_help(crate::t!("pin.gpsd.unreachable_help"))
    };
    let mut s = TcpStream::connect_timeout(&sa, Duration::from_secs(2)).map_err(unreachable)?;
    s.set_read_timeout(Some(Duration::from_millis(300)))
        .map_err(unreachable)?;
    s.write_all(b"?WATCH={\"enable\":true,\"json\":true};\n")
        .map_err(unreachable)?;
    let started = Instant::now();
    let deadline = crate::waits::deadline(started, timeout);
    let mut r = BufReader::new(s);
    let mut reports = Reports::new(addr);
    let mut stable = Stabilizer::new(rules);
    let mut lines = Lines::default();
    let done = |mut fix: Fix| {
        fix.took_ms = Some(started.elapsed().as_millis() as u64);
        Ok(fix)
    };
    while Instant::now() < deadline {
        match lines.next(&mut r) {
            Ok(None) => {
                if let Some(fix) = reports.finish().and_then(|e| stable.push(e)) {
                    return done(fix);
                }
                let mut message = crate::t!("pin.gpsd.closed", addr = addr);
                // what it said before it went, when it said anything
                if stable.seen.epochs > 0 {
                    message = format!("{message}: {}", stable.seen.explain(&rules));
                }
                return Err(
                    Error::station("E_GPSD", message).with_help(crate::t!("pin.gpsd.closed_help"))
                );
            }
            Ok(Some(line)) => {
                if let Some(fix) = reports.feed(&line).and_then(|e| stable.push(e)) {
                    return done(fix);
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => return Err(unreachable(e)),
        }
    }
    let seen = &stable.seen;
    let help = match seen.help(&rules) {
        Some(h) => h,
        None if seen.simulated > 0 => crate::t!("gps.stable.help_gpsd_simulated"),
        None => crate::t!("pin.gpsd.no_fix_help"),
    };
    Err(Error::station(
        "E_GPS_NO_FIX",
        crate::t!(
            "gps.stable.gpsd_timeout",
            addr = addr,
            seconds = timeout.as_secs(),
            why = seen.explain(&rules),
            epochs = seen.counts(&rules),
            reports = reports.tpv
        ),
    )
    .with_help(help))
}

/// The longest report line kept: gpsd's reports are a few KiB; a longer line is skipped, so a
/// broken or hostile peer cannot make the reader hold more.
const MAX_REPORT: usize = 64 * 1024;

/// gpsd's stream cut into lines across read timeouts: a line that a timeout cut in two is kept
/// until its end comes (a plain `read_line` per try would drop its first half).
#[derive(Default)]
struct Lines {
    pending: Vec<u8>,
    /// The current line passed [`MAX_REPORT`]: dropped up to its newline.
    skipping: bool,
}

impl Lines {
    /// The next whole line (without its newline); `None` at the end of the stream. A timeout
    /// is returned as the error it is, with the part read so far kept.
    fn next(&mut self, r: &mut impl BufRead) -> std::io::Result<Option<String>> {
        loop {
            let chunk = r.fill_buf()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let (part, end) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], Some(i + 1)),
                None => (chunk, None),
            };
            if !self.skipping {
                self.pending.extend_from_slice(part);
                if self.pending.len() > MAX_REPORT {
                    self.pending = Vec::new();
                    self.skipping = true;
                }
            }
            let used = end.unwrap_or(chunk.len());
            r.consume(used);
            if end.is_some() {
                let line = std::mem::take(&mut self.pending);
                if std::mem::take(&mut self.skipping) {
                    continue;
                }
                return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A socket that gives these pieces, each read one piece, `None` as a read timeout.
    struct Pieces(std::collections::VecDeque<Option<Vec<u8>>>);

    impl std::io::Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.pop_front() {
                None => Ok(0),
                Some(None) => Err(std::io::ErrorKind::TimedOut.into()),
                Some(Some(p)) => {
                    buf[..p.len()].copy_from_slice(&p);
                    Ok(p.len())
                }
            }
        }
    }

    #[test]
    fn a_line_cut_by_a_timeout_is_kept_and_an_endless_one_skipped() {
        let long = vec![b'x'; 8192];
        let mut pieces: Vec<Option<Vec<u8>>> = vec![
            Some(b"{\"class\":\"TP".to_vec()),
            None,
            Some(b"V\"}\n{\"a\"".to_vec()),
            None,
            Some(b":1}\n".to_vec()),
        ];
        pieces.extend((0..=MAX_REPORT / long.len()).map(|_| Some(long.clone())));
        pieces.push(Some(b"\nlast\n".to_vec()));
        let mut r = BufReader::with_capacity(16 * 1024, Pieces(pieces.into_iter().collect()));
        let mut lines = Lines::default();
        let mut got = Vec::new();
        loop {
            match lines.next(&mut r) {
                Ok(Some(l)) => got.push(l),
                Ok(None) => break,
                Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::TimedOut),
            }
            assert!(lines.pending.len() <= MAX_REPORT + 16 * 1024);
        }
        assert_eq!(got, ["{\"class\":\"TPV\"}", "{\"a\":1}", "last"]);
    }

    fn epochs(lines: &[&str]) -> Vec<Epoch> {
        let mut r = Reports::new("a");
        let mut v: Vec<Epoch> = lines.iter().filter_map(|l| r.feed(l)).collect();
        v.extend(r.finish());
        v
    }

    /// The TPV and SKY examples of gpsd_json(5) (gpsd 3.25), and its mode and status values.
    #[test]
    fn the_manuals_examples_and_every_status() {
        let sky = r#"{"class":"SKY","device":"/dev/pts/1","time":"2005-07-08T11:28:07.114Z","xdop":1.55,"hdop":1.24,"pdop":1.99,"satellites":[{"PRN":23,"el":6,"az":84,"ss":0,"used":false},{"PRN":28,"el":7,"az":160,"ss":0,"used":false},{"PRN":8,"el":66,"az":189,"ss":44,"used":true},{"PRN":29,"el":13,"az":273,"ss":0,"used":false},{"PRN":10,"el":51,"az":304,"ss":29,"used":true},{"PRN":4,"el":15,"az":199,"ss":36,"used":true},{"PRN":2,"el":34,"az":241,"ss":43,"used":true},{"PRN":27,"el":71,"az":76,"ss":43,"used":true}]}"#;
        let tpv = r#"{"class":"TPV","device":"/dev/pts/1","time":"2005-06-08T10:34:48.283Z","ept":0.005,"lat":46.498293369,"lon":7.567411672,"alt":1343.127,"eph":36.000,"epv":32.321,"track":10.3788,"speed":0.091,"climb":-0.085,"mode":3}"#;
        let e = epochs(&[r#"{"class":"VERSION","release":"3.25"}"#, sky, tpv]);
        let [Epoch::Fix(f)] = &e[..] else {
            panic!("{e:?}")
        };
        assert_eq!((f.lat, f.lon), (46.498293369, 7.567411672));
        assert_eq!(f.quality, "3d");
        assert_eq!((f.satellites, f.hdop), (Some(5), Some(1.24)));
        let with = |mode: u8, status: Option<u8>| {
            let status = status
                .map(|s| format!(",\"status\":{s}"))
                .unwrap_or_default();
            let line = format!(
                r#"{{"class":"TPV","time":"2026-03-01T10:00:00.000Z","mode":{mode}{status},"lat":59.9,"lon":10.7}}"#
            );
            epochs(&[&line]).pop().unwrap()
        };
        let quality = |mode, status| match with(mode, status) {
            Epoch::Fix(f) => f.quality,
            other => format!("{other:?}"),
        };
        assert_eq!(with(0, None), Epoch::NoFix);
        assert_eq!(with(1, Some(1)), Epoch::NoFix);
        assert_eq!(quality(2, None), "2d");
        assert_eq!(quality(3, Some(1)), "3d");
        assert_eq!(quality(3, Some(2)), "dgps");
        assert_eq!(quality(3, Some(3)), "rtk");
        assert_eq!(quality(3, Some(4)), "float_rtk");
        assert_eq!(with(3, Some(5)), Epoch::NotMeasured);
        assert_eq!(quality(3, Some(6)), "gnss_dr");
        assert_eq!(with(3, Some(7)), Epoch::NotMeasured);
        assert_eq!(with(3, Some(8)), Epoch::Simulated);
        assert_eq!(quality(3, Some(9)), "pps");
        let zero =
            r#"{"class":"TPV","time":"2026-03-01T10:00:00.000Z","mode":3,"lat":0.0,"lon":0.0}"#;
        assert_eq!(epochs(&[zero]), vec![Epoch::NoFix]);
        assert_eq!(epochs(&["not json"]), vec![]);
    }

    #[test]
    fn several_tpv_of_one_epoch_are_one_epoch_and_a_no_fix_part_vetoes_it() {
        let t = |s: u32, mode: u8| {
            format!(
                r#"{{"class":"TPV","time":"2026-03-01T10:00:{s:02}.000Z","mode":{mode},"lat":59.9,"lon":10.7}}"#
            )
        };
        let dribbled = r#"{"class":"TPV","time":"2026-03-01T10:00:00.000Z","mode":3}"#;
        let lines = [t(0, 3), dribbled.to_string(), t(1, 3), t(1, 1), t(2, 3)];
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let e = epochs(&refs);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(matches!(e[0], Epoch::Fix(_)));
        assert_eq!(e[1], Epoch::NoFix);
    }
}
