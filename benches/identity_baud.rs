//! Reading a station's identity over its service port, through the simulator pacing the bytes as
//! a 115 200 baud line (8N1) carries them, against the line time of the same bytes: the bytes
//! sent and received, 10 bits each, one after the other (the station answers after the command
//! arrived). A ratio of 1.0 would be a driver that adds nothing to the line.
//!
//! Run: `cargo bench --bench identity_baud` (the last line is the figure).

use std::time::{Duration, Instant};

use evfield::sandbox::station::{self, Dialect, SimOptions};
use evfield::station::StationDriver;
use evfield::station::profile::Registry;
use evfield::station::profiled::ProfileDriver;
use evfield::station::transport::open_serial;

const BAUD: u32 = 115_200;
const RUNS: usize = 30;

fn main() {
    let reg = Registry::shipped().expect("shipped profiles");
    let mut summary = Vec::new();
    for dialect in [Dialect::Console, Dialect::Rapi, Dialect::Eva, Dialect::Abb] {
        let id = dialect.vendor_id();
        let sim = station::start(
            dialect.default_state(),
            SimOptions {
                dialect,
                baud: Some(BAUD),
                ..Default::default()
            },
        )
        .expect("simulator starts");
        let profile = reg.get(id).expect("profile").clone();
        let port = open_serial(sim.path(), &profile.serial_settings()).expect("pty opens");
        let mut d = ProfileDriver::new(profile, port);
        d.provide("mac", "24:0A:C4:11:22:33");
        d.identify().expect("warm-up identify"); // and the boot banner out of the way
        let mut times = Vec::new();
        let mut bytes = 0usize;
        for _ in 0..RUNS {
            let _ = d.take_traffic();
            let t = Instant::now();
            d.identify().expect("identify");
            times.push(t.elapsed());
            bytes = d.take_traffic().iter().map(|t| t.bytes.len()).sum();
        }
        times.sort();
        let median = times[RUNS / 2];
        let bound = Duration::from_secs_f64(bytes as f64 * 10.0 / f64::from(BAUD));
        let ratio = median.as_secs_f64() / bound.as_secs_f64();
        println!(
            "identity over {id} at {BAUD} baud: median {:.2} ms (min {:.2}, max {:.2}, {RUNS} runs) for {bytes} bytes; line-time bound {:.2} ms; ratio {ratio:.2}",
            ms(median),
            ms(times[0]),
            ms(times[RUNS - 1]),
            ms(bound)
        );
        summary.push(format!("{id} {ratio:.2}"));
    }
    println!(
        "identity read at {BAUD} baud, time / line-time bound of the same bytes: {}",
        summary.join(", ")
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
