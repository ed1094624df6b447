//! Helpers shared by the tests: the binary with a clean environment, output as text or JSON, a
//! data dir where the demo installer is logged in with a token file, and the campaigns' pieces
//! (tests/crash_campaign.rs, tests/port_campaign.rs): journals, stations at the sandbox, two
//! worker threads.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

use evfield::sandbox::{demo, network as sandbox};

/// `evfield --data-dir DATA` with none of the user's evfield variables and no stdin.
pub fn evfield(data: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null())
        .env("NO_COLOR", "1");
    for v in [
        "EVFIELD_NETWORK",
        "EVFIELD_USER",
        "EVFIELD_PORT",
        "EVFIELD_PASSWORD",
        "EVFIELD_ANSWERS",
        "EVFIELD_JSON",
        "EVFIELD_TOKEN",
        "EVFIELD_TOKEN_FILE",
        "EVFIELD_CONFIG",
        "EVFIELD_FAILPOINT",
        "EVFIELD_GPS_PORT",
        "EVFIELD_VENDOR",
        "EVFIELD_DEMO_SIM_FAULT",
        "EVFIELD_PHONE_CAMERA",
    ] {
        c.env_remove(v);
    }
    c
}

/// Run with `stdin` piped in.
pub fn run(cmd: &mut Command, stdin: &str) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// stdout and stderr, for assertions and failure messages.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("not JSON: {}", text(o)))
}

/// `evfield login` with the password on stdin and the token kept in `token_file`.
pub fn login(data: &Path, net: &str, user: &str, password: &str, token_file: &Path) -> Output {
    run(
        evfield(data)
            .args([
                "login",
                "--network",
                net,
                "--user",
                user,
                "--password-stdin",
            ])
            .arg("--token-file")
            .arg(token_file),
        &format!("{password}\n"),
    )
}

/// A data dir where the demo installer logged in to `net` (token in `<dir>/token`).
pub fn logged_in(net: &sandbox::SandboxHandle) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let o = login(
        d.path(),
        &net.base_url(),
        demo::INSTALLER_USER,
        demo::INSTALLER_PASSWORD,
        &d.path().join("token"),
    );
    assert!(o.status.success(), "{}", text(&o));
    d
}

/// A ChargeStorm EVA simulator on a pseudo-terminal with the demo's MAC (so the sandbox's
/// activation record for it holds), booting and retrying OCPP quickly. Its OCPP keys are set
/// over OCPP, so, as an installer does first, it is pointed at the laptop's OCPP probe on a
/// free port of 127.0.0.1 (pass [`eva_probe_bind`] to the session).
pub fn eva_sim() -> evfield::sandbox::station::SimHandle {
    use evfield::sandbox::station::Dialect;
    let mut state = Dialect::Eva.default_state();
    state.mac = demo::MAC.into();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    state.ocpp_url = Some(format!("ws://127.0.0.1:{port}/"));
    state.charge_box_id = Some(state.serial.clone());
    eva_sim_of(state)
}

/// An EVA simulator of `state`, booting and retrying OCPP quickly.
pub fn eva_sim_of(
    state: evfield::sandbox::station::SimState,
) -> evfield::sandbox::station::SimHandle {
    use evfield::sandbox::station::{self, Dialect, SimOptions};
    station::start(
        state,
        SimOptions {
            dialect: Dialect::Eva,
            boot_delay: std::time::Duration::from_millis(50),
            ocpp_retry: std::time::Duration::from_millis(100),
            ..Default::default()
        },
    )
    .unwrap()
}

/// `--set commission.probe_bind=...`: where the EVA of [`eva_sim`] looks for the probe.
pub fn eva_probe_bind(sim: &evfield::sandbox::station::SimHandle) -> String {
    let url = sim.state().ocpp_url.unwrap_or_default();
    let at = url.trim_start_matches("ws://").trim_end_matches('/');
    format!("commission.probe_bind={at}")
}

/// The session directories under `data`, oldest first.
pub fn session_dirs(data: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<std::path::PathBuf> = std::fs::read_dir(data.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Every event of a journal, in order.
pub fn journal_events(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Wait until the first session's journal has at least `n` complete lines; its path.
pub fn wait_for_lines(
    data: &Path,
    n: usize,
    child: &mut std::process::Child,
) -> std::path::PathBuf {
    use std::time::{Duration, Instant};
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(dir) = std::fs::read_dir(data.join("sessions"))
            .ok()
            .and_then(|mut r| r.next())
            .and_then(|e| e.ok())
        {
            let j = dir.path().join("journal.jsonl");
            let lines = std::fs::read(&j)
                .map(|b| b.iter().filter(|&&c| c == b'\n').count())
                .unwrap_or(0);
            if lines >= n {
                return j;
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the session ended ({status}) before reaching event {n}");
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for journal event {n}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// No value was answered twice in a journal (a refused confirmation may be asked again).
pub fn assert_nothing_answered_twice(events: &[Value]) {
    assert_eq!(asked_twice(events), 0, "a value was answered twice");
}

/// The journal of the only session in `data`.
pub fn journal_of(data: &Path) -> Option<PathBuf> {
    let dir = std::fs::read_dir(data.join("sessions"))
        .ok()?
        .next()?
        .ok()?;
    Some(dir.path().join("journal.jsonl"))
}

/// The events of a journal (unreadable lines are skipped).
pub fn events(journal: &Path) -> Vec<Value> {
    std::fs::read_to_string(journal)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// How many keys were answered more than once, not counting values the demo rig provides again
/// (the restarted simulator's new port).
pub fn asked_twice(events: &[Value]) -> usize {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for e in events {
        if e["kind"] == "answer"
            && !e["data"]["source"]
                .as_str()
                .unwrap_or("")
                .starts_with("demo")
        {
            *seen
                .entry(e["data"]["key"].as_str().unwrap_or("").to_string())
                .or_default() += 1;
        }
    }
    seen.values().filter(|n| **n > 1).count()
}

/// Whether the journal's schema and hash chain verify.
pub fn journal_verifies(journal: &Path) -> bool {
    evfield::session::journal::verify(journal).is_ok_and(|v| v.fault.is_none())
}

/// Stations at the sandbox whose state file is `path` (0 when it cannot be read).
pub fn stations_at(path: &Path) -> usize {
    evfield::sandbox::network::load_state(path).map_or(0, |s| s.stations.len())
}

/// What a sandbox network saw of pinpoint submissions: stations it holds, idempotency records
/// (accepted submissions) and POSTs of a submission (each record's first plus its replays).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Submissions {
    pub stations: usize,
    pub records: usize,
    pub posts: u64,
}

/// [`Submissions`] at the sandbox whose state file is `path` (all 0 when it cannot be read).
pub fn submissions_at(path: &Path) -> Submissions {
    evfield::sandbox::network::load_state(path).map_or(Submissions::default(), |s| Submissions {
        stations: s.stations.len(),
        records: s.idempotency.len(),
        posts: s.idempotency.iter().map(|r| 1 + u64::from(r.replays)).sum(),
    })
}

/// Stations at the demo's sandbox named by a `renetwork --json` report.
pub fn report_stations(report: &Value) -> usize {
    report["sandbox_state"]
        .as_str()
        .map_or(0, |p| stations_at(Path::new(p)))
}

/// Whether `full` mode was asked for (`EVFIELD_CAMPAIGN=full`).
pub fn full_mode() -> bool {
    std::env::var("EVFIELD_CAMPAIGN").is_ok_and(|v| v == "full")
}

/// Run `work` over `items` on two threads (CI has two cores) and collect the results.
pub fn on_two_threads<T: Send + Clone, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<(T, R)> {
    let results = std::sync::Mutex::new(Vec::new());
    let queue = std::sync::Mutex::new(items);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let Some(item) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let r = work(item.clone());
                    results.lock().unwrap().push((item, r));
                }
            });
        }
    });
    results.into_inner().unwrap()
}

/// `n` submissions for the sandbox at `url` put in the outbox of `data`, every second one with
/// a photo; their serials start with `serial`.
pub fn fill_outbox(
    data: &Path,
    url: &str,
    n: u32,
    serial: &str,
) -> evfield::network::outbox::Outbox {
    use evfield::network::outbox::{Entry, Outbox};
    let ob = Outbox::new(data);
    let photo = demo::photo_png(64, 48);
    for i in 1..=n {
        let req = sandbox::sandbox_request(i, format!("{serial}{i:05}"));
        let mut e = Entry::new(None, url, demo::INSTALLER_USER, None, req);
        ob.put(&mut e, (i % 2 == 0).then_some(photo.as_slice()))
            .unwrap();
    }
    ob
}

/// The demo started with a fail point that pauses it after journal event `seq` (it keeps its
/// session's lock while paused); the child and its journal once that event is written.
pub fn paused_demo(data: &Path, seq: u64) -> (std::process::Child, PathBuf) {
    let mut child = evfield(data)
        .args(["--json", "renetwork", "--demo"])
        .env("EVFIELD_FAILPOINT", format!("pause-after:{seq}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal = wait_for_lines(data, seq as usize + 1, &mut child);
    (child, journal)
}

/// Every entry of a .tar.gz, decompressed: (name, bytes).
pub fn archive_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let f = std::fs::File::open(path).unwrap();
    let mut a = tar::Archive::new(flate2::read::GzDecoder::new(f));
    a.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let name = e.path().unwrap().display().to_string();
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut b).unwrap();
            (name, b)
        })
        .collect()
}

pub fn write_archive(path: &Path, entries: &[(String, Vec<u8>)]) {
    let f = std::fs::File::create(path).unwrap();
    let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    let mut t = tar::Builder::new(gz);
    for (name, bytes) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o600);
        t.append_data(&mut h, name, &bytes[..]).unwrap();
    }
    t.into_inner().unwrap().finish().unwrap();
}

/// A batch CSV file at `path` with the header and one row for the sandbox's seeded activation
/// `n`, its `serial`; `header_extra` and `row_extra` are appended to the header and the row.
pub fn one_row_csv(path: &Path, n: u32, serial: &str, header_extra: &str, row_extra: &str) {
    let (mac, pw) = sandbox::sandbox_activation(n);
    let header = "mac,activation_password,manufacturer,model,serial,gps,address_id";
    let row =
        format!("{mac},{pw},Evfield,SimCharger 22,{serial},\"59.913868,10.752245\",addr-0001");
    std::fs::write(path, format!("{header}{header_extra}\n{row}{row_extra}\n")).unwrap();
}

// ----- a station for the OCPP probe (tests/ocpp_probe.rs, tests/ocpp201.rs) -----

/// A simulated station's state pointed at a probe on 127.0.0.1:`port` as `id`.
pub fn probe_station(
    d: evfield::sandbox::station::Dialect,
    port: u16,
    id: &str,
) -> evfield::sandbox::station::SimState {
    let mut s = d.default_state();
    s.ocpp_url = Some(format!("ws://127.0.0.1:{port}/ocpp"));
    s.charge_box_id = Some(id.into());
    s
}

/// The station started with short boot and reconnect delays (the rest of `options` as given).
pub fn probe_sim(
    state: evfield::sandbox::station::SimState,
    options: evfield::sandbox::station::SimOptions,
) -> evfield::sandbox::station::SimHandle {
    evfield::sandbox::station::start(
        state,
        evfield::sandbox::station::SimOptions {
            boot_delay: std::time::Duration::from_millis(100),
            ocpp_retry: std::time::Duration::from_millis(50),
            ..options
        },
    )
    .unwrap()
}

/// The probe's options with test-sized waits.
pub fn probe_options() -> evfield::station::probe::Options {
    use std::time::Duration;
    evfield::station::probe::Options {
        wait: Duration::from_secs(10),
        boot_wait: Duration::from_secs(5),
        call_timeout: Duration::from_secs(5),
        ..Default::default()
    }
}

/// The answers a chatty simulated station logged, by action: the frame the central system sent
/// back (`ocpp: chatter <Action> answered <frame>`).
pub fn chatter_answers(log: &[String]) -> Vec<(String, Value)> {
    log.iter()
        .filter_map(|l| l.split("ocpp: chatter ").nth(1))
        .map(|rest| {
            let (action, frame) = rest.split_once(" answered ").unwrap();
            (action.to_string(), serde_json::from_str(frame).unwrap())
        })
        .collect()
}
