//! gpsd on localhost: its JSON reports (`?WATCH={"enable":true,"json":true}`), of which TPV
//! carries the position. Only TPV with `mode` 2 or 3 is a fix; `status` 7 (gpsd's "simulated")
//! and 0,0 are refused like in NMEA.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde::Deserialize;

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
    eph: Option<f64>,
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

/// What one gpsd line gave: a fix, or why not.
pub fn parse_line(line: &str, addr: &str, sky: &mut (Option<u32>, Option<f64>)) -> Option<Fix> {
    let r: Report = serde_json::from_str(line).ok()?;
    match r.class.as_str() {
        "SKY" => {
            let used = r.used.or_else(|| {
                (!r.satellites.is_empty())
                    .then(|| r.satellites.iter().filter(|s| s.used == Some(true)).count() as u32)
            });
            *sky = (used.or(sky.0), r.hdop.or(sky.1));
            None
        }
        "TPV" => {
            let mode = r.mode.unwrap_or(0);
            if mode < 2 || r.status == Some(7) {
                return None;
            }
            let (lat, lon) = (r.lat?, r.lon?);
            super::plausible(lat, lon).ok()?;
            let age_s = r.time.as_deref().and_then(|t| {
                chrono::DateTime::parse_from_rfc3339(t).ok().map(|at| {
                    (chrono::Utc::now() - at.with_timezone(&chrono::Utc)).num_milliseconds() as f64
                        / 1000.0
                })
            });
            let quality = match (mode, r.status) {
                (_, Some(2)) => "dgps",
                (_, Some(3)) => "rtk",
                (_, Some(4)) => "float_rtk",
                (3, _) => "3d",
                _ => "2d",
            };
            let _ = r.eph;
            Some(Fix {
                lat,
                lon,
                source: Source::Gpsd(addr.to_string()),
                quality: quality.to_string(),
                satellites: sky.0,
                hdop: sky.1,
                age_s: age_s
                    .filter(|a| (-5.0..86_400.0).contains(a))
                    .map(|a| a.max(0.0)),
                time: r.time,
            })
        }
        _ => None,
    }
}

/// Ask gpsd at `addr` (loopback only) for reports and wait for a fix.
pub fn read(addr: &str, timeout: Duration) -> Result<Fix> {
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
    let deadline = crate::waits::deadline(Instant::now(), timeout);
    let mut r = BufReader::new(s);
    let mut sky = (None, None);
    let mut line = String::new();
    let mut tpv_seen = 0u32;
    while Instant::now() < deadline {
        line.clear();
        match r.read_line(&mut line) {
            Ok(0) => {
                return Err(
                    Error::station("E_GPSD", crate::t!("pin.gpsd.closed", addr = addr))
                        .with_help(crate::t!("pin.gpsd.closed_help")),
                );
            }
            Ok(_) => {
                if line.contains("\"TPV\"") {
                    tpv_seen += 1;
                }
                if let Some(fix) = parse_line(line.trim(), addr, &mut sky) {
                    return Ok(fix);
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
    Err(Error::station(
        "E_GPS_NO_FIX",
        crate::tn!(
            "pin.gpsd.no_fix",
            count = tpv_seen,
            addr = addr,
            seconds = timeout.as_secs()
        ),
    )
    .with_help(crate::t!("pin.gpsd.no_fix_help")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tpv_with_a_fix_and_sky_counts() {
        let mut sky = (None, None);
        assert!(parse_line(r#"{"class":"VERSION","release":"3.25"}"#, "a", &mut sky).is_none());
        assert!(parse_line(r#"{"class":"SKY","hdop":0.9,"uSat":9}"#, "a", &mut sky).is_none());
        let f = parse_line(
            r#"{"class":"TPV","device":"/dev/ttyACM0","mode":3,"status":2,"time":"2026-03-01T10:00:00.000Z","lat":59.913868,"lon":10.752245,"alt":20.1}"#,
            "a",
            &mut sky,
        )
        .unwrap();
        assert_eq!((f.lat, f.lon), (59.913868, 10.752245));
        assert_eq!(f.quality, "dgps");
        assert_eq!(f.satellites, Some(9));
        assert_eq!(f.hdop, Some(0.9));
        for no in [
            r#"{"class":"TPV","mode":1,"lat":59.9,"lon":10.7}"#,
            r#"{"class":"TPV","mode":3,"lat":0.0,"lon":0.0}"#,
            r#"{"class":"TPV","mode":3,"status":7,"lat":59.9,"lon":10.7}"#,
            r#"{"class":"TPV","mode":3}"#,
            "not json",
        ] {
            assert!(parse_line(no, "a", &mut sky).is_none(), "{no}");
        }
    }
}
