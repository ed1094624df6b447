//! Reading a station's identity over its service port, for every vendor profile the simulator
//! plays on a serial line (the line protocols and Modbus RTU; the modem's read is its `modem
//! check`), through the simulator pacing the bytes as a 115 200 baud line (8N1) carries them.
//!
//! Measured against two things, interleaved run by run (every profile's driver, then every
//! profile's baseline, round after round):
//! - the line-time bound: the bytes sent and received, 10 bits each, one after the other (the
//!   station answers after the command arrived), plus, for Modbus RTU, the silent interval of
//!   3.5 character times that must separate two frames (1.75 ms above 19 200 baud; Modbus over
//!   Serial Line V1.02, 2.5.1.1) between each request and its reply and between a reply and the
//!   next request. No driver can be faster over that line;
//! - a bare client on a second simulator of the same station: it writes exactly the bytes the
//!   driver wrote and reads exactly as many bytes as the driver read, keeping the RTU silence
//!   before each request: what the simulator and the pty cost without evfield's driver.
//!
//! Run: `cargo bench --bench identity_baud` (the last line is the figure; CI=true or
//! `-- --quick` for a few runs).

use std::time::{Duration, Instant};

use evfield::sandbox::station::{self, Dialect, Service, SimHandle, SimOptions};
use evfield::station::link::{self, Target};
use evfield::station::modbus::rtu_silence;
use evfield::station::profile::Registry;
use evfield::station::profiled::ProfileDriver;
use evfield::station::transport::{Transport, open_serial};
use evfield::station::{Direction, StationDriver, Traffic};

const BAUD: u32 = 115_200;

/// One profile under test: its driver on one simulator, the bare client on another.
struct Case {
    id: &'static str,
    rtu: bool,
    modem: bool,
    /// The console protocol's unsolicited `EVT` lines come at any time: not part of a reply.
    events: bool,
    driver: ProfileDriver,
    _sim: SimHandle,
    bare: Box<dyn Transport>,
    _bare_sim: SimHandle,
    /// The driver's exchange, as alternating runs of sent and received bytes.
    script: Vec<(Direction, Vec<u8>)>,
    /// Lines cut between two reads, kept until their end comes (the driver's and the bare
    /// client's streams).
    learn_lines: Lines,
    bare_lines: Lines,
    /// Reads made until the station's exchange came out the same twice.
    settle_tries: u32,
    bytes: usize,
    frames: usize,
    last_io: Instant,
    driver_times: Vec<Duration>,
    bare_times: Vec<Duration>,
}

/// The console's stream cut into whole lines, its unsolicited `EVT` lines left out.
#[derive(Default)]
struct Lines {
    partial: Vec<u8>,
}

impl Lines {
    /// Feeds the bytes of one read; `reply` gets every whole line that is not an event.
    fn feed(&mut self, bytes: &[u8], mut reply: impl FnMut(&[u8])) {
        for &b in bytes {
            self.partial.push(b);
            if b == b'\n' {
                if !self.partial.starts_with(b"EVT") {
                    reply(&self.partial);
                }
                self.partial.clear();
            }
        }
    }
}

/// Reads the simulator's boot banner (when its dialect has one) off the line, up to its end.
fn await_banner(port: &mut dyn Transport, dialect: Dialect, id: &str) {
    let Some(banner) = dialect.banner(&dialect.default_state()) else {
        return;
    };
    let banner = format!("{banner}{}", dialect.line_end());
    let (mut seen, mut buf) = (Vec::new(), [0u8; 512]);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if seen.windows(banner.len()).any(|w| w == banner.as_bytes()) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{id}: the simulator's boot banner did not come"
        );
        let n = port.read(&mut buf, Duration::from_millis(200)).unwrap();
        seen.extend_from_slice(&buf[..n]);
    }
}

fn sim(dialect: Dialect) -> SimHandle {
    station::start(
        dialect.default_state(),
        SimOptions {
            dialect,
            baud: Some(BAUD),
            ..Default::default()
        },
    )
    .expect("simulator starts")
}

impl Case {
    fn new(reg: &Registry, dialect: Dialect) -> Case {
        let id = dialect.vendor_id();
        let mut profile = reg.get(id).expect("profile").clone();
        // The profile's own rate (19 200 for the ABB) is set in the station; here both ends run
        // at the benchmark's rate.
        if let Some(sp) = profile.service_port.as_mut() {
            sp.baud = BAUD;
        }
        let settings = profile.serial_settings();
        let s = sim(dialect);
        // The boot banner comes when the simulator's thread first runs, which on a loaded
        // machine can be after the driver's first read: take it off the line first.
        let mut banner_port = open_serial(s.path(), &settings).expect("the port opens");
        await_banner(banner_port.as_mut(), dialect, id);
        drop(banner_port);
        let target = Target {
            port: Some(s.path().to_string()),
            // the simulated EVA console is evfield's own model: run as with --experimental
            experimental: profile
                .service_port
                .as_ref()
                .is_some_and(|sp| sp.experimental),
            ..Default::default()
        };
        let l = link::open(&profile, &target).expect("the port opens");
        let mut driver = ProfileDriver::with_link(profile.clone(), l);
        driver.provide("mac", "24:0A:C4:11:22:33");
        let b = sim(dialect);
        let bare = open_serial(b.path(), &settings).expect("the bare client's port opens");
        let mut c = Case {
            id,
            rtu: dialect.service() == Service::ModbusRtu,
            events: dialect == Dialect::Console,
            modem: !profile.scripted("identify"),
            driver,
            _sim: s,
            bare,
            _bare_sim: b,
            script: Vec::new(),
            learn_lines: Lines::default(),
            bare_lines: Lines::default(),
            settle_tries: 0,
            bytes: 0,
            frames: 0,
            last_io: Instant::now(),
            driver_times: Vec::new(),
            bare_times: Vec::new(),
        };
        // Warm-up: the boot banner out of the way; then the exchange the bare client repeats.
        c.read();
        for t in c.driver.take_traffic() {
            if t.dir == Direction::Received {
                c.learn_lines.feed(&t.bytes, |_| {});
            }
        }
        // A station may still be settling after its boot (a modem registering answers with
        // other lines): the exchange learnt is the first that comes out the same twice running.
        let mut previous: Option<Vec<(Direction, Vec<u8>)>> = None;
        let traffic = loop {
            c.read();
            let traffic = c.driver.take_traffic();
            let shape: Vec<(Direction, Vec<u8>)> =
                traffic.iter().map(|t| (t.dir, t.bytes.clone())).collect();
            if previous.as_ref() == Some(&shape) || c.settle_tries >= 50 {
                break traffic;
            }
            c.settle_tries += 1;
            for t in &traffic {
                if t.dir == Direction::Received {
                    c.learn_lines.feed(&t.bytes, |_| {});
                }
            }
            previous = Some(shape);
        };
        c.learn(traffic);
        // The bare client's simulator has its banner too: read it away.
        await_banner(c.bare.as_mut(), dialect, id);
        c
    }

    /// The driver's read: identify, or the modem check for a modem.
    fn read(&mut self) {
        if self.modem {
            self.driver.modem_check(None).expect("modem check");
        } else {
            self.driver.identify().expect("identify");
        }
    }

    fn learn(&mut self, traffic: Vec<Traffic>) {
        for t in traffic {
            let bytes = if self.events && t.dir == Direction::Received {
                // Whole lines only: a read may end inside an event line, whose rest comes in
                // the next read.
                let mut kept = Vec::new();
                self.learn_lines
                    .feed(&t.bytes, |line| kept.extend_from_slice(line));
                kept
            } else {
                t.bytes
            };
            self.bytes += bytes.len();
            if t.dir == Direction::Sent {
                self.frames += 2; // the request and its reply
            }
            match self.script.last_mut() {
                Some((dir, run)) if *dir == t.dir => run.extend_from_slice(&bytes),
                _ => self.script.push((t.dir, bytes)),
            }
        }
    }

    fn silence(&self) -> Duration {
        if self.rtu {
            rtu_silence(BAUD)
        } else {
            Duration::ZERO
        }
    }

    /// The line time of the exchange: its bytes, and the RTU silences between its frames.
    fn bound(&self) -> Duration {
        let bytes = Duration::from_secs_f64(self.bytes as f64 * 10.0 / f64::from(BAUD));
        bytes + self.silence() * self.frames.saturating_sub(1) as u32
    }

    fn run_driver(&mut self) {
        let t = Instant::now();
        self.read();
        self.driver_times.push(t.elapsed());
        let _ = self.driver.take_traffic();
    }

    fn run_bare(&mut self) {
        let silence = self.silence();
        // As the driver's runs start (other profiles ran in between), the line is quiet.
        let quiet = self.last_io.elapsed();
        if quiet < silence {
            std::thread::sleep(silence - quiet);
        }
        let t = Instant::now();
        let mut buf = [0u8; 512];
        for (dir, bytes) in &self.script {
            match dir {
                Direction::Sent => {
                    let quiet = self.last_io.elapsed();
                    if quiet < silence {
                        std::thread::sleep(silence - quiet);
                    }
                    self.bare.write_all(bytes).unwrap();
                    self.last_io = Instant::now();
                }
                Direction::Received => {
                    // A reply is awaited as the driver got it: Modbus RTU byte for byte; a line
                    // protocol until its final line (`OK`, a checksummed `$OK`...) has come,
                    // because the lines before it may differ on the second simulator (a modem
                    // still registering answers with a line more or less).
                    // (the driver stops reading at a final line's first terminator byte: a
                    // `\n` after its `\r` may open the next run, so the ends are compared
                    // without their CR and LF)
                    let trim = |b: &[u8]| -> Vec<u8> {
                        let end = b
                            .iter()
                            .rposition(|c| !matches!(c, b'\r' | b'\n'))
                            .map_or(0, |i| i + 1);
                        b[..end].to_vec()
                    };
                    let want = trim(bytes);
                    let final_line = match want.iter().rposition(|c| matches!(c, b'\r' | b'\n')) {
                        Some(i) => want[i + 1..].to_vec(),
                        None => want.clone(),
                    };
                    let mut got: Vec<u8> = Vec::new();
                    let done = |got: &[u8]| {
                        if self.rtu {
                            got.len() >= bytes.len()
                        } else {
                            matches!(got.last(), Some(b'\r' | b'\n'))
                                && trim(got).ends_with(&final_line)
                        }
                    };
                    while !done(&got) {
                        let n = self.bare.read(&mut buf, Duration::from_secs(5)).unwrap();
                        assert!(
                            n > 0,
                            "{}: the bare client's reply did not come ({} of {} bytes): {:?}, expected {:?}",
                            self.id,
                            got.len(),
                            bytes.len(),
                            String::from_utf8_lossy(&got),
                            String::from_utf8_lossy(bytes)
                        );
                        if self.events {
                            self.bare_lines
                                .feed(&buf[..n], |line| got.extend_from_slice(line));
                        } else {
                            got.extend_from_slice(&buf[..n]);
                        }
                    }
                    self.last_io = Instant::now();
                }
            }
        }
        self.bare_times.push(t.elapsed());
    }
}

fn main() {
    let quick =
        std::env::var("CI").is_ok_and(|v| v == "true") || std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 5 } else { 30 };
    let reg = Registry::shipped().expect("shipped profiles");
    let mut cases: Vec<Case> = Dialect::ALL
        .into_iter()
        .filter(|d| matches!(d.service(), Service::Lines | Service::ModbusRtu))
        .map(|d| Case::new(&reg, d))
        .collect();
    for _ in 0..rounds {
        for c in &mut cases {
            c.run_driver();
        }
        for c in &mut cases {
            c.run_bare();
        }
    }
    let mut summary = Vec::new();
    for c in &mut cases {
        c.driver_times.sort();
        c.bare_times.sort();
        let (dmin, dmed) = (c.driver_times[0], c.driver_times[rounds / 2]);
        let (bmin, bmed) = (c.bare_times[0], c.bare_times[rounds / 2]);
        let bound = c.bound();
        let ratio = |d: Duration| d.as_secs_f64() / bound.as_secs_f64();
        let what = if c.modem { "modem check" } else { "identity" };
        let silences = if c.rtu {
            format!(
                " + {} RTU silences of {:.2} ms",
                c.frames - 1,
                ms(c.silence())
            )
        } else {
            String::new()
        };
        println!(
            "{what} over {} at {BAUD} baud: evfield min {:.2} ms, median {:.2} ms; bare client min {:.2}, median {:.2} ({rounds} interleaved runs each); {} bytes{silences}: line-time bound {:.2} ms; ratio to the bound min {:.2}, median {:.2} (bare client {:.2}, {:.2})",
            c.id,
            ms(dmin),
            ms(dmed),
            ms(bmin),
            ms(bmed),
            c.bytes,
            ms(bound),
            ratio(dmin),
            ratio(dmed),
            ratio(bmin),
            ratio(bmed),
        );
        summary.push(format!("{} {:.2}/{:.2}", c.id, ratio(dmin), ratio(dmed)));
    }
    println!(
        "identity read at {BAUD} baud, time / line-time bound of the same bytes (min/median): {}",
        summary.join(", ")
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
