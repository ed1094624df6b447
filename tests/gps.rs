//! `evfield gps read` against a GPS receiver on a pseudo-terminal (sentences as real receivers
//! send them: mixed talkers, damaged checksums, no-fix segments, simulator mode) and against a
//! fake gpsd on 127.0.0.1.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};

use serialport::SerialPort;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn nmea(body: &str) -> String {
    let sum = body.bytes().fold(0u8, |a, b| a ^ b);
    format!("${body}*{sum:02X}\r\n")
}

fn evfield() -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.stdin(Stdio::null()).env_remove("EVFIELD_GPS_PORT");
    c
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A receiver on a pty that sends `script` (one epoch's group of lines after another, from the
/// start again at its end) until stopped. It is paced by its reader: a write waits until the
/// pseudo-terminal has room (the slave end is held open, so nothing is lost before the reader
/// opens the port, and the reader sees the script from its start).
struct Receiver {
    path: String,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    _slave: serialport::TTYPort,
}

impl Receiver {
    fn start(script: Vec<String>) -> Receiver {
        let (mut master, slave) = serialport::TTYPort::pair().unwrap();
        let path = slave.name().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let thread = std::thread::spawn(move || {
            for group in script.iter().cycle() {
                let mut rest = group.as_bytes();
                while !rest.is_empty() {
                    if s.load(Ordering::SeqCst) {
                        return;
                    }
                    // waits (at most the port's timeout) for room, then writes what fits
                    match master.write(rest) {
                        Ok(n) => rest = &rest[n..],
                        Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                        Err(_) => return,
                    }
                }
            }
        });
        Receiver {
            path,
            stop,
            thread: Some(thread),
            _slave: slave,
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Where the tests stand, and the mean Earth radius used to place positions around it.
const TRUTH: (f64, f64) = (59.913868, 10.752245);
const EARTH_M: f64 = 6_371_008.8;

/// The position `north` and `east` metres from [`TRUTH`].
fn at(north: f64, east: f64) -> (f64, f64) {
    (
        TRUTH.0 + (north / EARTH_M).to_degrees(),
        TRUTH.1 + (east / (EARTH_M * TRUTH.0.to_radians().cos())).to_degrees(),
    )
}

/// Metres between two positions (close together).
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let n = (a.0 - b.0).to_radians() * EARTH_M;
    let e = (a.1 - b.1).to_radians() * EARTH_M * a.0.to_radians().cos();
    n.hypot(e)
}

/// NMEA `ddmm.mmmmm,N,dddmm.mmmmm,E` of a position in the north-east quadrant.
fn nmea_position(p: (f64, f64)) -> String {
    let dm = |v: f64, w: usize| {
        let d = v.trunc();
        format!("{:0w$}{:08.5}", d as u32, (v - d) * 60.0)
    };
    format!("{},N,{},E", dm(p.0, 2), dm(p.1, 3))
}

/// The UTC time of epoch `i`: 08:35:50 plus `i` seconds.
fn hms(i: u32) -> String {
    let s = 8 * 3600 + 35 * 60 + 50 + i;
    format!("{:02}{:02}{:02}.00", s / 3600, s / 60 % 60, s % 60)
}

/// One epoch of a u-blox receiver with a fix: RMC and GGA (the GGA's start doubled, `$$`,
/// when `doubled`, as some USB bridges repeat it).
fn fix_epoch(i: u32, p: (f64, f64), quality: u32, hdop: f64, doubled: bool) -> String {
    let t = hms(i);
    let pos = nmea_position(p);
    let gga = nmea(&format!(
        "GNGGA,{t},{pos},{quality},11,{hdop},23.4,M,18.2,M,,"
    ));
    format!(
        "{}{}{gga}{}",
        nmea(&format!("GNRMC,{t},A,{pos},0.012,,231126,,,D")),
        if doubled { "$" } else { "" },
        nmea("GPGSV,3,1,11,05,40,100,30,13,25,210,28,15,60,045,41,18,33,300,37")
    )
}

/// An epoch without a fix, as a u-blox receiver sends it once it has the time.
fn no_fix_epoch(i: u32) -> String {
    let t = hms(i);
    format!(
        "{}{}{}",
        nmea(&format!("GNRMC,{t},V,,,,,,,231126,,,N")),
        nmea(&format!("GNGGA,{t},,,,,0,00,99.99,,,,,,")),
        nmea("GNGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99,1")
    )
}

/// The jitter of a settled receiver in epoch `i`, metres north and east (within 1.5 m).
fn jitter(i: u32) -> (f64, f64) {
    (
        ((i * 7) % 11) as f64 * 0.3 - 1.5,
        ((i * 5) % 7) as f64 * 0.5 - 1.5,
    )
}

/// A cold start as a u-blox receiver goes through it: the NEO-6M's first seconds after power-on
/// (real sentences), epochs without a fix, damaged lines, a first fix with a poor HDOP and
/// fixes kilometres off that converge, then a settled receiver for 30 s whose GGA arrives with a
/// doubled `$` every other epoch. With it, the mean of the first five settled epochs.
fn cold_start() -> (Vec<String>, (f64, f64)) {
    let neo6 = "$GPRMC,,V,,,,,,,,,,N*53\r\n$GPVTG,,,,,,,,,N*30\r\n$GPGGA,,,,,,0,00,99.99,,,,,,*48\r\n\
                $GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99*30\r\n$GPGSV,1,1,00*79\r\n$GPGLL,,,,,,V,N*64\r\n";
    let mut v = vec![
        neo6.to_string(),
        neo6.to_string(),
        no_fix_epoch(0),
        no_fix_epoch(1),
    ];
    // a damaged line (a bit flipped on the wire) and one without its checksum
    let good = nmea("GNGGA,083552.00,5954.83208,N,01045.13470,E,1,09,0.95,23.4,M,18.2,M,,");
    v.push(good.replace("5954.83208", "5954.83288"));
    v.push("$GNGGA,083552.00,5954.83208,N,01045.13470,E,1,09,0.95,23.4,M,18.2,M,,\r\n".into());
    v.push(fix_epoch(2, at(2400.0, -900.0), 1, 3.4, false));
    for (i, (n, e)) in [(2400.0, -900.0), (350.0, 120.0), (40.0, -15.0), (12.0, 4.0)]
        .into_iter()
        .enumerate()
    {
        v.push(fix_epoch(3 + i as u32, at(n, e), 1, 1.6, false));
    }
    let mut settled = Vec::new();
    for i in 0..30 {
        let (n, e) = jitter(i);
        let p = at(n, e);
        settled.push(p);
        v.push(fix_epoch(7 + i, p, 2, 0.8, i % 2 == 1));
    }
    let mean = (
        settled[..5].iter().map(|p| p.0).sum::<f64>() / 5.0,
        settled[..5].iter().map(|p| p.1).sum::<f64>() / 5.0,
    );
    (v, mean)
}

#[test]
fn a_receiver_on_a_pty_gives_the_mean_of_five_agreeing_epochs_after_its_cold_start() {
    let (script, mean) = cold_start();
    let rx = Receiver::start(script);
    let o = evfield()
        .args([
            "--json",
            "gps",
            "read",
            "--gps-port",
            &rx.path,
            "--gps-timeout",
            "20",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let got = (v["lat"].as_f64().unwrap(), v["lon"].as_f64().unwrap());
    // the mean of the first five settled epochs (NMEA's 5 decimals of minutes: 2 cm)
    assert!(metres(got, mean) < 0.05, "{v} vs {mean:?}");
    assert!(metres(got, TRUTH) < 1.5, "{v}");
    assert_eq!(v["samples"], 5, "{v}");
    let spread = v["spread_m"].as_f64().unwrap();
    assert!(spread > 0.3 && spread <= 2.5, "{v}");
    assert!(v["took_ms"].is_u64(), "{v}");
    assert_eq!(v["quality"], "dgps");
    assert_eq!(v["satellites"], 11);
    assert_eq!(v["hdop"], 0.8);
    assert_eq!(v["time"], "2026-11-23T08:36:01.00Z", "{v}");
    assert_eq!(v["source"]["nmea"], rx.path.as_str());
    let st = &v["nmea"];
    assert!(st["no_fix"].as_u64().unwrap() >= 8, "{st}");
    assert_eq!(st["bad_checksum"], 1, "{st}");
    assert_eq!(st["missing_checksum"], 1, "{st}");

    // the same, for a person (a new receiver: the port is opened exclusively)
    drop(rx);
    let rx = Receiver::start(cold_start().0);
    let o = evfield()
        .args(["gps", "read", "--gps-port", &rx.path, "--gps-timeout", "20"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("mean of 5 epochs within") && t.contains(" m, in "),
        "{t}"
    );
}

#[test]
fn fixes_that_never_agree_or_have_a_poor_hdop_are_explained() {
    // a receiver that drifts 8 m an epoch (under a roof, multipath)
    let drifting: Vec<String> = (0..40)
        .map(|i| fix_epoch(i, at(8.0 * i as f64, 0.0), 1, 1.1, false))
        .collect();
    let rx = Receiver::start(drifting);
    let o = evfield()
        .args(["gps", "read", "--gps-port", &rx.path, "--gps-timeout", "2"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("E_GPS_NO_FIX")
            && t.contains("the fixes never agreed")
            && t.contains("16.0 m from their mean (limit 5 m)")
            && t.contains("--gps-radius"),
        "{t}"
    );
    drop(rx);

    // steady, but with 4 satellites and HDOP 4.6 (as in a real survey log)
    let poor: Vec<String> = (0..40)
        .map(|i| fix_epoch(i, at(jitter(i).0, 0.0), 1, 4.6, false))
        .collect();
    let rx = Receiver::start(poor.clone());
    let o = evfield()
        .args(["gps", "read", "--gps-port", &rx.path, "--gps-timeout", "2"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("HDOP too high: fixes above 2.5") && t.contains("the best was 4.6"),
        "{t}"
    );
    assert!(t.contains("--gps-max-hdop"), "{t}");
    // accepting a higher HDOP and three epochs is the installer's choice
    drop(rx);
    let rx = Receiver::start(poor);
    let o = evfield()
        .args(["--json", "gps", "read", "--gps-port", &rx.path])
        .args(["--gps-max-hdop", "5", "--gps-epochs", "3"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["samples"].as_u64(), v["hdop"].as_f64()),
        (Some(3), Some(4.6))
    );

    // out of range: a usage error naming the flag
    let o = evfield()
        .args(["gps", "read", "--gps", "59.9,10.7", "--gps-epochs", "0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--gps-epochs"), "{}", text(&o));
}

#[test]
fn a_receiver_in_simulator_mode_never_gives_a_position() {
    let rx = Receiver::start(vec![format!(
        "{}{}",
        nmea("GPGGA,120000.00,5954.83208,N,01045.13470,E,8,12,0.6,23.4,M,18.2,M,,"),
        nmea("GPRMC,120000.00,A,5954.83208,N,01045.13470,E,0.0,,231126,,,S")
    )]);
    let o = evfield()
        .args(["gps", "read", "--gps-port", &rx.path, "--gps-timeout", "2"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("E_GPS_NO_FIX")
            && t.contains("simulator mode")
            && t.contains("a simulated fix is never taken"),
        "{t}"
    );
    drop(rx);

    // a typed position after it is the documented fallback
    let rx = Receiver::start(vec![nmea(
        "GPGGA,120000.00,5954.83208,N,01045.13470,E,8,12,0.6,23.4,M,18.2,M,,",
    )]);
    let o = evfield()
        .args([
            "--json",
            "gps",
            "read",
            "--gps-port",
            &rx.path,
            "--gps-timeout",
            "1",
        ])
        .args(["--gps", "59 54.832, 10 45.135"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["quality"], "manual");
    assert_eq!(v["samples"], Value::Null);
    assert_eq!(v["passed_over"][0]["source"], format!("nmea {}", rx.path));
}

#[test]
fn no_position_is_taken_from_a_no_fix_segment_whichever_sentence_says_it() {
    // every epoch has a GGA with quality 1 and a good HDOP, but the same epoch's RMC says V
    // (a u-blox receiver whose fix fails its accuracy mask), or its GSA says fix type 1
    let vetoed: Vec<String> = (0..40)
        .map(|i| {
            let t = hms(i);
            let pos = nmea_position(TRUTH);
            let gga = nmea(&format!("GNGGA,{t},{pos},1,09,0.9,23.4,M,18.2,M,,"));
            let veto = if i % 2 == 0 {
                nmea(&format!("GNRMC,{t},V,{pos},0.01,,231126,,,N"))
            } else {
                nmea("GNGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99,1")
            };
            format!("{veto}{gga}")
        })
        .collect();
    let rx = Receiver::start(vetoed);
    let o = evfield()
        .args(["gps", "read", "--gps-port", &rx.path, "--gps-timeout", "2"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("the receiver had no fix (epochs without a fix:") && t.contains(" 0 good,"),
        "{t}"
    );

    // gpsd: TPV with a position but mode 1 (no fix), as gpsd passes on a held position
    let lines: Vec<String> = (0..10)
        .flat_map(|i| [tpv(i, 1, None, TRUTH), SKY.to_string()])
        .collect();
    let (addr, server) = fake_gpsd(lines);
    let o = evfield()
        .args(["gps", "read", "--gpsd", &addr, "--gps-timeout", "2"])
        .output()
        .unwrap();
    server.join().unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    assert!(text(&o).contains("the receiver had no fix"), "{}", text(&o));
}

/// A gpsd on 127.0.0.1 that greets, takes the WATCH command, sends `lines` and keeps the
/// connection open until the client closes it.
fn fake_gpsd(lines: Vec<String>) -> (String, std::thread::JoinHandle<()>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let server = std::thread::spawn(move || {
        let (s, _) = l.accept().unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        let mut w = s;
        w.write_all(b"{\"class\":\"VERSION\",\"release\":\"3.25\",\"proto_major\":3}\n")
            .unwrap();
        let mut cmd = String::new();
        r.read_line(&mut cmd).unwrap();
        assert!(cmd.starts_with("?WATCH="), "{cmd}");
        for line in lines {
            if w.write_all(format!("{line}\n").as_bytes()).is_err() {
                return;
            }
        }
        // until the client goes
        let mut rest = String::new();
        while r.read_line(&mut rest).is_ok_and(|n| n > 0) {}
    });
    (addr, server)
}

fn tpv(i: u32, mode: u8, status: Option<u8>, p: (f64, f64)) -> String {
    let status = status
        .map(|s| format!(",\"status\":{s}"))
        .unwrap_or_default();
    format!(
        r#"{{"class":"TPV","device":"/dev/ttyACM0","mode":{mode}{status},"time":"2026-11-23T{}Z","lat":{},"lon":{},"altHAE":41.6}}"#,
        {
            let t = hms(i);
            format!("{}:{}:{}", &t[..2], &t[2..4], &t[4..])
        },
        p.0,
        p.1
    )
}

const SKY: &str = r#"{"class":"SKY","device":"/dev/ttyACM0","hdop":0.9,"satellites":[{"PRN":5,"used":true},{"PRN":13,"used":true},{"PRN":15,"used":true},{"PRN":18,"used":true},{"PRN":20,"used":false}]}"#;

#[test]
fn gpsd_on_loopback_gives_the_mean_of_its_agreeing_epochs() {
    let mut lines = vec![
        r#"{"class":"DEVICES","devices":[{"class":"DEVICE","path":"/dev/ttyACM0"}]}"#.to_string(),
        r#"{"class":"TPV","device":"/dev/ttyACM0","mode":1}"#.to_string(),
        // a time-only fix (status 7): the receiver's set position, not a measurement
        tpv(0, 3, Some(7), at(1500.0, 0.0)),
        SKY.to_string(),
    ];
    // far off and converging, then settled; the no-fix report in the middle of epoch 5
    // (gpsd may send several TPV per epoch) throws that epoch out
    for (i, m) in [(1, 3000.0), (2, 800.0), (3, 60.0), (4, 11.0)] {
        lines.push(tpv(i, 3, Some(1), at(m, 0.0)));
        lines.push(SKY.to_string());
    }
    let mut settled = Vec::new();
    for i in 0..8u32 {
        let p = at(jitter(i).0, jitter(i).1);
        lines.push(tpv(5 + i, 3, Some(1), p));
        if i == 0 {
            lines.push(tpv(5, 1, None, p));
        } else {
            settled.push(p);
        }
        lines.push(SKY.to_string());
    }
    let (addr, server) = fake_gpsd(lines);
    let o = evfield()
        .args([
            "--json",
            "gps",
            "read",
            "--gpsd",
            &addr,
            "--gps-timeout",
            "10",
        ])
        .output()
        .unwrap();
    server.join().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mean = (
        settled[..5].iter().map(|p| p.0).sum::<f64>() / 5.0,
        settled[..5].iter().map(|p| p.1).sum::<f64>() / 5.0,
    );
    let got = (v["lat"].as_f64().unwrap(), v["lon"].as_f64().unwrap());
    assert!(metres(got, mean) < 0.01, "{v} vs {mean:?}");
    assert_eq!(v["samples"], 5);
    assert_eq!(v["quality"], "3d");
    assert_eq!(v["satellites"], 4);
    assert_eq!(v["hdop"], 0.9);
    assert!(
        v["spread_m"].as_f64().unwrap() <= 2.5 && v["took_ms"].is_u64(),
        "{v}"
    );
}

#[test]
fn a_simulated_gpsd_fix_is_refused_with_a_clear_message() {
    // gpsd_json(5): TPV status 8 is "Simulated" (7 is "Time (surveyed)")
    let lines: Vec<String> = (0..10)
        .flat_map(|i| [tpv(i, 3, Some(8), TRUTH), SKY.to_string()])
        .collect();
    let (addr, server) = fake_gpsd(lines);
    let o = evfield()
        .args(["gps", "read", "--gpsd", &addr, "--gps-timeout", "2"])
        .output()
        .unwrap();
    server.join().unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("E_GPS_NO_FIX") && t.contains("simulated positions") && t.contains("status 8"),
        "{t}"
    );
}

/// A scripted person who passes the safety gate (the demo's answers never propose it).
fn gate_passed() -> evfield::session::prompt::Scripted {
    let mut front = evfield::session::prompt::Scripted::default();
    for (k, v) in [
        ("safety.power_isolated", "yes"),
        ("safety.lockout_tagout", "yes"),
        ("safety.voltage", "0.2"),
    ] {
        front.answers.insert(k.into(), v.into());
    }
    front
}

#[test]
fn a_session_takes_the_pinpoint_position_from_the_receiver() {
    use evfield::sandbox::demo;
    use evfield::session::{Inputs, Session};
    let (script, mean) = cold_start();
    let rx = Receiver::start(script);
    let d = tempfile::tempdir().unwrap();
    let inputs = Inputs {
        gps: evfield::pinpoint::gps::Options {
            port: Some(rx.path.clone()),
            baud: 9600,
            timeout: Duration::from_secs(20),
            ..Default::default()
        },
        ..Inputs::default()
    };
    // the demo's answers are offered as defaults at a (scripted) prompt that takes them all;
    // the safety gate's are never proposed, so the scripted person gives those
    let mut front = gate_passed();
    let mut s = Session::create(d.path(), inputs, &mut front, true).unwrap();
    let rig = evfield::sandbox::rig::DemoRig::start(&s.dir, None).unwrap();
    s.attach_demo(Box::new(rig));
    s.add_demo_answers(demo::ANSWERS, true).unwrap();
    let report = s.run().unwrap();
    assert!(
        !report.asked.contains(&"pinpoint.gps".to_string()),
        "the position was asked: {:?}",
        report.asked
    );
    let journal = std::fs::read_to_string(s.journal_path()).unwrap();
    let answer = journal
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|e| e["kind"] == "answer" && e["data"]["key"] == "pinpoint.gps")
        .unwrap();
    assert_eq!(answer["data"]["source"], "gps receiver");
    // the mean of the settled epochs, not the receiver's first fixes kilometres off
    let value = answer["data"]["value"].as_str().unwrap();
    let (lat, lon) = value.split_once(',').unwrap();
    let got = (lat.parse::<f64>().unwrap(), lon.parse::<f64>().unwrap());
    assert!(metres(got, mean) < 0.1, "{value} vs {mean:?}");
    let fix = journal
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|e| e["kind"] == "fact" && e["data"]["key"] == "pinpoint.gps_fix")
        .unwrap();
    let fix = &fix["data"]["value"]["fix"];
    assert_eq!(fix["samples"], 5, "{fix}");
    assert!(
        fix["spread_m"].as_f64().unwrap() <= 2.5 && fix["took_ms"].is_u64(),
        "{fix}"
    );
    assert_eq!(report.network["ocpp_status"], "connected");
    // the installer is told the rules while waiting, and what the position is made of
    drop(s);
    let said: Vec<&str> = front.notices.iter().map(|n| n.text.as_str()).collect();
    assert!(
        said.iter().any(|t| t.contains(
            "Waiting for a stable GPS position (5 epochs in a row within 5 m, HDOP at most 2.5)"
        )),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|t| t.contains("dgps, 11 satellites, HDOP 0.8, mean of 5 epochs within")),
        "{said:?}"
    );
}

#[test]
fn without_a_receiver_the_position_comes_from_the_pinpoint_photos_exif() {
    use evfield::sandbox::demo;
    use evfield::session::{Inputs, Session};
    let d = tempfile::tempdir().unwrap();
    // a phone's photo with its GPS position, a few metres from the demo's
    let exif = (59.913912, 10.752301);
    let photo = d.path().join("pinpoint.jpg");
    std::fs::write(
        &photo,
        evfield::pinpoint::photo::samples::jpeg(800, 600, Some(1), Some(Some(exif))),
    )
    .unwrap();
    let mut front = gate_passed();
    // the photo given (as `--photo` gives it), no position
    let mut inputs = Inputs::default();
    inputs
        .flags
        .insert("pinpoint.photo".into(), photo.to_str().unwrap().into());
    let mut s = Session::create(d.path(), inputs, &mut front, true).unwrap();
    let rig = evfield::sandbox::rig::DemoRig::start(&s.dir, None).unwrap();
    s.attach_demo(Box::new(rig));
    // the demo's answers as defaults, without its position
    let answers = demo::ANSWERS.replace("gps = \"59.913868,10.752245\"\n", "");
    assert_ne!(answers, demo::ANSWERS, "the demo's position line moved");
    s.add_demo_answers(&answers, true).unwrap();
    let report = s.run().unwrap();
    assert!(
        !report.asked.contains(&"pinpoint.gps".to_string()),
        "the position was asked: {:?}",
        report.asked
    );
    let journal = std::fs::read_to_string(s.journal_path()).unwrap();
    let events: Vec<Value> = journal
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .collect();
    let answer = |key: &str| {
        events
            .iter()
            .find(|e| e["kind"] == "answer" && e["data"]["key"] == key)
            .unwrap_or_else(|| panic!("no answer {key}"))
            .clone()
    };
    let gps = answer("pinpoint.gps");
    assert_eq!(gps["data"]["source"], "photo exif");
    let value = gps["data"]["value"].as_str().unwrap();
    let (lat, lon) = value.split_once(',').unwrap();
    let got = (lat.parse::<f64>().unwrap(), lon.parse::<f64>().unwrap());
    assert!(metres(got, exif) < 0.5, "{value} vs {exif:?}");
    // the photo was asked before the position
    assert!(answer("pinpoint.photo")["seq"].as_u64() < gps["seq"].as_u64());
    drop(s);
    assert!(
        front
            .notices
            .iter()
            .any(|n| n.text.contains("from the EXIF data of the pinpoint photo")),
        "{:?}",
        front.notices.iter().map(|n| &n.text).collect::<Vec<_>>()
    );
}
