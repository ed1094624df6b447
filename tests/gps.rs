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

/// A receiver on a pty that repeats `script` (one group of lines a tick) until stopped.
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
            let mut i = 0;
            while !s.load(Ordering::SeqCst) && i < 400 {
                let group = &script[i % script.len()];
                if master.write_all(group.as_bytes()).is_err() {
                    break;
                }
                i += 1;
                std::thread::sleep(Duration::from_millis(50));
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

/// A cold start as a u-blox receiver logs it: no fix, damaged lines, then a fix.
fn cold_start() -> Vec<String> {
    let mut v = Vec::new();
    for t in 0..4 {
        v.push(format!(
            "{}{}{}",
            nmea(&format!("GNRMC,08355{t}.00,V,,,,,,,231126,,,N")),
            nmea(&format!("GNGGA,08355{t}.00,,,,,0,00,99.99,,,,,,")),
            nmea("GPGSV,1,1,03,05,,,22,13,,,18,15,,,25")
        ));
    }
    // a damaged line (a bit flipped on the wire) and one without its checksum
    let good = nmea("GNGGA,083554.00,5954.83208,N,01045.13470,E,1,09,0.95,23.4,M,18.2,M,,");
    v.push(good.replace("5954.83208", "5954.83288"));
    v.push("$GNGGA,083554.00,5954.83208,N,01045.13470,E,1,09,0.95,23.4,M,18.2,M,,\r\n".into());
    v.push(format!(
        "{}{}",
        nmea("GLGSV,1,1,02,65,40,100,30,66,25,210,28"),
        nmea("GAGSV,1,1,01,11,45,120,33")
    ));
    // the fix, in lower-case checksum hex as some receivers send
    let rmc = nmea("GNRMC,083605.00,A,5954.83208,N,01045.13470,E,0.012,,231126,,,A");
    let (b, sum) = rmc.split_once('*').unwrap();
    v.push(format!(
        "{b}*{}{}",
        sum.to_lowercase(),
        nmea("GNGGA,083605.00,5954.83208,N,01045.13470,E,2,11,0.82,23.4,M,18.2,M,1.0,0000")
    ));
    v
}

#[test]
fn a_receiver_on_a_pty_gives_a_fix_after_its_cold_start() {
    let rx = Receiver::start(cold_start());
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
    assert_eq!(v["position"], "59.913868,10.752245", "{v}");
    assert_eq!(v["quality"], "dgps");
    assert_eq!(v["satellites"], 11);
    assert_eq!(v["hdop"], 0.82);
    assert_eq!(v["source"]["nmea"], rx.path.as_str());
    let st = &v["nmea"];
    assert!(st["no_fix"].as_u64().unwrap() >= 2, "{st}");
    // the reader may open the port mid-stream, but the damaged lines come before the fix
    assert!(st["bad_checksum"].as_u64().unwrap() >= 1, "{st}");
    assert!(st["missing_checksum"].as_u64().unwrap() >= 1, "{st}");
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
        t.contains("E_GPS_NO_FIX") && t.contains("simulator mode"),
        "{t}"
    );

    // a typed position after it is the documented fallback
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
    assert_eq!(v["passed_over"][0]["source"], format!("nmea {}", rx.path));
}

#[test]
fn gpsd_on_loopback_gives_its_tpv_fix() {
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
        for line in [
            r#"{"class":"DEVICES","devices":[{"class":"DEVICE","path":"/dev/ttyACM0"}]}"#,
            r#"{"class":"TPV","device":"/dev/ttyACM0","mode":1}"#,
            r#"{"class":"SKY","device":"/dev/ttyACM0","hdop":1.1,"satellites":[{"PRN":5,"used":true},{"PRN":13,"used":true},{"PRN":15,"used":false}]}"#,
            r#"{"class":"TPV","device":"/dev/ttyACM0","mode":3,"time":"2026-11-23T08:36:05.000Z","lat":59.913868,"lon":10.752245,"alt":23.4}"#,
        ] {
            w.write_all(line.as_bytes()).unwrap();
            w.write_all(b"\n").unwrap();
        }
        std::thread::sleep(Duration::from_millis(200));
    });
    let o = evfield()
        .args([
            "--json",
            "gps",
            "read",
            "--gpsd",
            &addr,
            "--gps-timeout",
            "5",
        ])
        .output()
        .unwrap();
    server.join().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["position"], "59.913868,10.752245");
    assert_eq!(v["quality"], "3d");
    assert_eq!(v["satellites"], 2);
    assert_eq!(v["hdop"], 1.1);
}

#[test]
fn a_session_takes_the_pinpoint_position_from_the_receiver() {
    use evfield::sandbox::demo;
    use evfield::session::prompt::Scripted;
    use evfield::session::{Inputs, Session};
    let rx = Receiver::start(cold_start());
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
    let mut front = Scripted::default();
    for (k, v) in [
        ("safety.power_isolated", "yes"),
        ("safety.lockout_tagout", "yes"),
        ("safety.voltage", "0.2"),
    ] {
        front.answers.insert(k.into(), v.into());
    }
    let mut s = Session::create(d.path(), inputs, &mut front, true).unwrap();
    let rig = evfield::sandbox::rig::DemoRig::start(&s.dir, None).unwrap();
    s.attach_demo(rig);
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
    assert_eq!(answer["data"]["value"], "59.913868,10.752245");
    assert!(journal.contains("\"pinpoint.gps_fix\""));
    assert_eq!(report.network["ocpp_status"], "connected");
}
