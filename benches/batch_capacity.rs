//! `evfield batch pinpoint` of 1 000 rows to the sandbox, against the sandbox's own raw capacity
//! on the same endpoint: the same 1 000 submissions (same bodies, same idempotency keys) sent by
//! a plain HTTP/1.1 load generator with keep-alive connections and the same concurrency. The
//! ratio is what the tool adds (reading and checking the file, its run-state file, JSON lines
//! out, the HTTP client). Peak memory of the tool from /usr/bin/time -v.
//!
//! Both run against a fresh `evfield sandbox` (release build, in memory: no state file, whose
//! rewrite per submission would measure the sandbox's persistence instead) on 127.0.0.1, on the
//! same two cores as the load: the figures are of this machine, not of a network.
//!
//! Run: `cargo bench --bench batch_capacity` (the last line is the figure).

#[path = "common.rs"]
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{Run, median_of, mib, timed};
use evfield::batch::submit::idempotency_key;
use evfield::network::api::PinpointRequest;
use evfield::sandbox::demo;
use evfield::sandbox::network::sandbox_request;
use serde_json::{Value, json};

const ROWS: u32 = 1000;
const JOBS: usize = 8;
const RUNS: usize = 3;

struct Sandbox {
    child: Child,
    _out: BufReader<ChildStdout>,
    addr: String,
}

impl Sandbox {
    fn start(bin: &str) -> Sandbox {
        let mut child = Command::new(bin)
            .args(["--json", "sandbox", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut text = String::new();
        let info: Value = loop {
            let mut line = String::new();
            assert!(out.read_line(&mut line).unwrap() > 0, "sandbox ended");
            text.push_str(&line);
            if let Ok(v) = serde_json::from_str(&text) {
                break v;
            }
        };
        let url = info["api"].as_str().unwrap().to_string();
        Sandbox {
            child,
            _out: out,
            addr: url.trim_start_matches("http://").to_string(),
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stations the sandbox holds.
    fn stations(&self) -> usize {
        let mut c = Conn::open(&self.addr);
        let (status, body) = c.call("GET", "/_sandbox/state", &[], b"");
        assert_eq!(status, 200);
        let v: Value = serde_json::from_slice(&body).unwrap();
        v["stations"].as_array().map_or(0, Vec::len)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    r: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    fn open(addr: &str) -> Conn {
        let s = TcpStream::connect(addr).unwrap();
        s.set_nodelay(true).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        Conn {
            r: BufReader::new(s),
            host: addr.to_string(),
        }
    }

    fn call(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n",
            self.host,
            body.len()
        );
        if !body.is_empty() {
            req.push_str("Content-Type: application/json\r\n");
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        let w = self.r.get_mut();
        w.write_all(req.as_bytes()).unwrap();
        w.write_all(body).unwrap();
        let mut line = String::new();
        self.r.read_line(&mut line).unwrap();
        let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut len = 0usize;
        loop {
            line.clear();
            self.r.read_line(&mut line).unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.r.read_exact(&mut body).unwrap();
        (status, body)
    }
}

fn request(i: u32) -> PinpointRequest {
    sandbox_request(i, format!("BENCH{i:06}"))
}

/// The raw load: log in, then every submission over JOBS keep-alive connections.
fn raw(bin: &str, reqs: &[PinpointRequest]) -> Duration {
    let sb = Sandbox::start(bin);
    let mut c = Conn::open(&sb.addr);
    let login = json!({ "username": demo::INSTALLER_USER, "password": demo::INSTALLER_PASSWORD });
    let (status, body) = c.call("POST", "/api/v1/login", &[], login.to_string().as_bytes());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let token = serde_json::from_slice::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let bodies: Vec<(String, Vec<u8>)> = reqs
        .iter()
        .map(|r| (idempotency_key(r), serde_json::to_vec(r).unwrap()))
        .collect();
    let next = Mutex::new(0usize);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..JOBS {
            s.spawn(|| {
                let mut c = Conn::open(&sb.addr);
                let auth = format!("Bearer {token}");
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some((key, body)) = bodies.get(i) else {
                        break;
                    };
                    let (status, reply) = c.call(
                        "POST",
                        "/api/v1/stations",
                        &[("Authorization", &auth), ("Idempotency-Key", key)],
                        body,
                    );
                    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&reply));
                }
            });
        }
    });
    let took = start.elapsed();
    assert_eq!(sb.stations(), reqs.len(), "every raw submission stored");
    took
}

fn cli(bin: &str, csv: &str) -> Run {
    let sb = Sandbox::start(bin);
    let data = tempfile::tempdir().unwrap();
    let url = sb.url();
    let jobs = JOBS.to_string();
    let run = timed(
        &[
            bin,
            "--data-dir",
            data.path().to_str().unwrap(),
            "--json",
            "batch",
            "pinpoint",
            csv,
            "--network",
            &url,
            "--user",
            demo::INSTALLER_USER,
            "--jobs",
            &jobs,
            "--rate",
            "0",
        ],
        &[("EVFIELD_PASSWORD", demo::INSTALLER_PASSWORD)],
    );
    assert_eq!(sb.stations(), ROWS as usize, "every row accepted");
    run
}

fn main() {
    let bin = common::evfield_bin();
    let bin = bin.to_str().unwrap();
    let reqs: Vec<PinpointRequest> = (1..=ROWS).map(request).collect();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("fleet.csv");
    let mut text =
        String::from("mac,activation_password,manufacturer,model,serial,gps,address_id\n");
    for r in &reqs {
        text.push_str(&format!(
            "{},{},{},{},{},\"{},{}\",{}\n",
            r.mac,
            r.activation_password,
            r.manufacturer,
            r.model,
            r.serial,
            r.gps_lat,
            r.gps_lon,
            r.address_id
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let csv = csv.to_str().unwrap();

    let mut raws: Vec<Duration> = (0..RUNS).map(|_| raw(bin, &reqs)).collect();
    raws.sort();
    let raw_t = raws[RUNS / 2];
    let tool = median_of(RUNS, || cli(bin, csv));
    let rate = |d: Duration| f64::from(ROWS) / d.as_secs_f64();
    println!(
        "sandbox raw capacity (plain HTTP/1.1, {JOBS} keep-alive connections): {ROWS} submissions in {:.2} s = {:.0}/s (median of {RUNS})",
        raw_t.as_secs_f64(),
        rate(raw_t)
    );
    println!(
        "evfield batch pinpoint ({ROWS} rows, --jobs {JOBS} --rate 0): {:.2} s = {:.0}/s, peak memory {:.1} MiB (median of {RUNS}, whole process incl. login and checks)",
        tool.wall.as_secs_f64(),
        rate(tool.wall),
        mib(tool.peak_kib)
    );
    println!(
        "batch pinpoint of {ROWS} rows: {:.2}x the sandbox's raw time ({:.0}/s against {:.0}/s), peak memory {:.1} MiB",
        tool.wall.as_secs_f64() / raw_t.as_secs_f64(),
        rate(tool.wall),
        rate(raw_t),
        mib(tool.peak_kib)
    );
}
