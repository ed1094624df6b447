//! `evfield batch pinpoint` against a minimal concurrent HTTP client written here, both against
//! the same `evfield sandbox` (release build, in memory), with the same concurrency and the same
//! requests: a login, the installer check, the requirements of the rows' model, then one
//! `POST /api/v1/stations` a row with its idempotency key and the same body. The runs are
//! interleaved (client, evfield, client, evfield, ...), each on rows of its own (the sandbox
//! holds a million activation records, so it keeps every run's stations: it answers in constant
//! time, which this shows too), and each side's min and median are reported. The ratio is what
//! evfield adds: reading and checking the file, its run-state file, JSON lines out, its HTTP
//! client, process start. evfield's CPU time per row is from getrusage of the child.
//!
//! Both share the two cores with the sandbox on 127.0.0.1: the figures are of this machine, not
//! of a network.
//!
//! Run: `cargo bench --bench batch_capacity` (1 000 and 10 000 rows; CI=true or `-- --quick`:
//! 200 rows; the last line is the figure).

#[path = "common.rs"]
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use evfield::batch::submit::idempotency_key;
use evfield::network::api::PinpointRequest;
use evfield::sandbox::demo;
use evfield::sandbox::network::sandbox_request;
use serde_json::{Value, json};

const JOBS: usize = 8;

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
    sandbox_request(i, format!("BENCH{i:07}"))
}

/// The minimal client: log in, check the installer and the requirements, then every submission
/// over JOBS keep-alive connections. The whole run, as evfield's is timed whole.
fn raw(sb: &Sandbox, reqs: &[PinpointRequest]) -> Duration {
    let start = Instant::now();
    let mut c = Conn::open(&sb.addr);
    let login = json!({ "username": demo::INSTALLER_USER, "password": demo::INSTALLER_PASSWORD });
    let (status, body) = c.call("POST", "/api/v1/login", &[], login.to_string().as_bytes());
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let token = serde_json::from_slice::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let auth = format!("Bearer {token}");
    let (status, _) = c.call("GET", "/api/v1/installer", &[("Authorization", &auth)], b"");
    assert_eq!(status, 200);
    let first = &reqs[0];
    let query = format!(
        "/api/v1/requirements?manufacturer={}&model={}",
        first.manufacturer.replace(' ', "%20"),
        first.model.replace(' ', "%20")
    );
    let (status, _) = c.call("GET", &query, &[("Authorization", &auth)], b"");
    assert_eq!(status, 200);
    let next = Mutex::new(0usize);
    std::thread::scope(|s| {
        for _ in 0..JOBS {
            s.spawn(|| {
                let mut c = Conn::open(&sb.addr);
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(r) = reqs.get(i) else {
                        break;
                    };
                    let key = idempotency_key(r);
                    let body = serde_json::to_vec(r).unwrap();
                    let (status, reply) = c.call(
                        "POST",
                        "/api/v1/stations",
                        &[("Authorization", &auth), ("Idempotency-Key", &key)],
                        &body,
                    );
                    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&reply));
                }
            });
        }
    });
    start.elapsed()
}

/// One evfield run: wall time, CPU time and peak memory (KiB), as [`common::timed`] measures
/// them.
fn cli(bin: &str, sb: &Sandbox, csv: &Path) -> (Duration, Duration, u64) {
    let data = tempfile::tempdir().unwrap();
    let url = sb.url();
    let jobs = JOBS.to_string();
    let argv = [
        bin,
        "--data-dir",
        data.path().to_str().unwrap(),
        "--json",
        "batch",
        "pinpoint",
        csv.to_str().unwrap(),
        "--network",
        &url,
        "--user",
        demo::INSTALLER_USER,
        "--jobs",
        &jobs,
        "--rate",
        "0",
    ];
    let r = common::timed(&argv, &[("EVFIELD_PASSWORD", demo::INSTALLER_PASSWORD)]);
    (r.wall, r.cpu, r.peak_kib)
}

fn write_csv(path: &Path, reqs: &[PinpointRequest]) {
    let mut text =
        String::from("mac,activation_password,manufacturer,model,serial,gps,address_id\n");
    for r in reqs {
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
    std::fs::write(path, text).unwrap();
}

/// CPU time (user + system) this process has used so far: around a run of the minimal client,
/// which is all this process does meanwhile, its CPU time.
fn own_cpu() -> Duration {
    // SAFETY: an all-zero rusage is valid; getrusage fills it.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

fn min_median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2])
}

fn main() {
    let quick =
        std::env::var("CI").is_ok_and(|v| v == "true") || std::env::args().any(|a| a == "--quick");
    let (sizes, runs): (&[u32], usize) = if quick {
        (&[200], 3)
    } else {
        (&[1000, 10_000], 5)
    };
    let bin = common::evfield_bin();
    let bin = bin.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sb = Sandbox::start(bin);
    let mut next_row = 1u32;
    let mut summary = Vec::new();
    for &rows in sizes {
        let (mut raw_t, mut cli_t, mut cpu, mut peak) = (Vec::new(), Vec::new(), Vec::new(), 0);
        let mut raw_cpu = Vec::new();
        for run in 0..runs {
            let mut rows_of = || {
                let reqs: Vec<PinpointRequest> = (next_row..next_row + rows).map(request).collect();
                next_row += rows;
                reqs
            };
            let raw_reqs = rows_of();
            let cli_reqs = rows_of();
            let csv = dir.path().join(format!("fleet-{rows}-{run}.csv"));
            write_csv(&csv, &cli_reqs);
            let before = sb.stations();
            let cpu_before = own_cpu();
            raw_t.push(raw(&sb, &raw_reqs));
            raw_cpu.push(own_cpu() - cpu_before);
            let (wall, c, p) = cli(bin, &sb, &csv);
            cli_t.push(wall);
            cpu.push(c);
            peak = peak.max(p);
            assert_eq!(
                sb.stations(),
                before + 2 * rows as usize,
                "every row accepted"
            );
        }
        let (rmin, rmed) = min_median(raw_t);
        let (cmin, cmed) = min_median(cli_t);
        let (_, cpu_med) = min_median(cpu);
        let (_, raw_cpu_med) = min_median(raw_cpu);
        let per_row = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(rows);
        let rate = |d: Duration| f64::from(rows) / d.as_secs_f64();
        println!(
            "{rows} rows, {JOBS} connections, {runs} interleaved runs each: minimal client min {:.3} s, median {:.3} s ({:.0}/s), CPU {:.0} us a row; evfield batch pinpoint min {:.3} s, median {:.3} s ({:.0}/s), CPU {:.0} us a row, peak memory {:.1} MiB",
            rmin.as_secs_f64(),
            rmed.as_secs_f64(),
            rate(rmed),
            per_row(raw_cpu_med),
            cmin.as_secs_f64(),
            cmed.as_secs_f64(),
            rate(cmed),
            per_row(cpu_med),
            peak as f64 / 1024.0
        );
        summary.push(format!(
            "{rows} rows {:.2}x (min) / {:.2}x (median), CPU {:.0} us a row (minimal client {:.0})",
            cmin.as_secs_f64() / rmin.as_secs_f64(),
            cmed.as_secs_f64() / rmed.as_secs_f64(),
            per_row(cpu_med),
            per_row(raw_cpu_med)
        ));
    }
    println!(
        "batch pinpoint, evfield / minimal concurrent HTTP client against the same sandbox (sandbox holding {} stations at the end): {}",
        sb.stations(),
        summary.join("; ")
    );
}
