//! Service-port fault campaign: every shipped vendor profile that the simulator plays, against
//! every fault kind of the simulator that the profile's protocol has, the fault arriving after N
//! commands answered normally.
//!
//! A case counts when the tool gives a clear error (exit code 4, a station error that names the
//! port or address and the command, a help line, no panic) and the work can go on once the fault
//! is gone (the session resumes to completion with exactly one station at the sandbox, nothing
//! asked twice, a journal that verifies; a subcommand run again succeeds), or when the fault is
//! one a robust driver tolerates (an echo, a reply slower than usual but within the timeout) and
//! the operation succeeds with the station's true values.
//!
//! Paths: `renetwork --demo --vendor V` for every station profile (the fault set through
//! EVFIELD_DEMO_SIM_FAULT, which the demo rig reads), `renetwork` against `evfield sim
//! --vendor chargestorm-eva` and `evfield sandbox`, `station info` against `evfield sim` for
//! each station profile, `modem check` against the modem profile. A pty port is a symlink (as
//! udev's /dev/serial/by-id names are): the cable is "replugged" by starting the simulator again
//! from its state file and pointing the link at its new pty; a network station comes back at a
//! new address, which the rerun is given.
//!
//! CI runs one injection point per case (the points rotate over the conversation) and leaves
//! the two timeout kinds to the sessions; `EVFIELD_CAMPAIGN=full` tries every point of every
//! case (benches/port-campaign.sh). The last line printed is the figure.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use common::{evfield, journal_of};
use evfield::sandbox::network::sandbox_activation;
use evfield::sandbox::station::{Dialect, Service, registers};
use serde_json::Value;

/// A fault kind of the simulator as the campaign applies it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Kind {
    /// Label in the figures.
    label: &'static str,
    /// `evfield sim --fault` name.
    name: &'static str,
    /// Delay of `slow`.
    slow_ms: u64,
    expect: Expect,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// The operation must fail with a clear error.
    Error,
    /// The operation must succeed (the driver tolerates the fault).
    Success,
    /// Either: a late reply can still arrive within a retry.
    Either,
}

const KINDS: [Kind; 11] = [
    Kind {
        label: "silent",
        name: "silent",
        slow_ms: 0,
        expect: Expect::Error,
    },
    Kind {
        label: "garbage",
        name: "garbage",
        slow_ms: 0,
        expect: Expect::Error,
    },
    Kind {
        label: "slow (5 s, past the timeout)",
        name: "slow",
        slow_ms: 5000,
        expect: Expect::Either,
    },
    Kind {
        label: "slow (300 ms, within the timeout)",
        name: "slow",
        slow_ms: 300,
        expect: Expect::Success,
    },
    Kind {
        label: "unplug",
        name: "unplug",
        slow_ms: 0,
        expect: Expect::Error,
    },
    Kind {
        label: "bad-checksum",
        name: "bad-checksum",
        slow_ms: 0,
        expect: Expect::Error,
    },
    Kind {
        label: "echo",
        name: "echo",
        slow_ms: 0,
        expect: Expect::Success,
    },
    Kind {
        label: "crc-error",
        name: "crc-error",
        slow_ms: 0,
        expect: Expect::Error,
    },
    Kind {
        label: "exception",
        name: "exception",
        slow_ms: 0,
        expect: Expect::Error,
    },
    Kind {
        label: "wrong-unit",
        name: "wrong-unit",
        slow_ms: 0,
        expect: Expect::Error,
    },
    Kind {
        label: "http-error",
        name: "http-error",
        slow_ms: 0,
        expect: Expect::Error,
    },
];

/// The reference run: no fault.
const NO_FAULT: Kind = Kind {
    label: "none",
    name: "",
    slow_ms: 0,
    expect: Expect::Success,
};

/// Which command path a case drives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Path_ {
    /// `renetwork --demo --vendor V`.
    Demo(&'static str),
    /// `renetwork` against `evfield sim` + `evfield sandbox`.
    Session(&'static str),
    /// `station info --vendor V`.
    Info(&'static str),
    /// `modem check`.
    Modem,
}

/// The station profiles the simulator plays (generic-modem is a modem, not a station).
const STATIONS: [&str; 9] = [
    "evfield-sim",
    "openevse",
    "chargestorm-eva",
    "abb-terra-ac",
    "bender-cc613",
    "vestel-evc04",
    "phoenix-ev-charge-control",
    "go-e",
    "keba-p30",
];

impl Path_ {
    fn vendor(self) -> &'static str {
        match self {
            Path_::Demo(v) | Path_::Session(v) | Path_::Info(v) => v,
            Path_::Modem => "generic-modem",
        }
    }

    fn name(self) -> String {
        match self {
            Path_::Demo(v) => format!("renetwork --demo ({v})"),
            Path_::Session(v) => format!("renetwork ({v}, evfield sim + sandbox)"),
            Path_::Info(v) => format!("station info ({v})"),
            Path_::Modem => "modem check (generic-modem)".into(),
        }
    }

    /// Whether the simulator's fault means anything for the protocol: `None` when it does,
    /// else why not.
    fn not_applicable(self, k: &Kind) -> Option<&'static str> {
        let dialect = Dialect::for_vendor(self.vendor()).unwrap();
        let service = dialect.service();
        let ok = match (service, k.name) {
            (_, "silent" | "garbage" | "slow") => true,
            (Service::Udp, "unplug") => return Some("a UDP station has no connection to lose"),
            (_, "unplug") => true,
            (Service::Lines, "echo") => true,
            (_, "echo") => return Some("only line protocols echo"),
            (Service::Lines, "bad-checksum") if self.vendor() == "openevse" => true,
            (Service::ModbusRtu, "crc-error") => true,
            (_, "bad-checksum" | "crc-error") => {
                return Some(match service {
                    Service::ModbusRtu => "the same fault as crc-error on Modbus RTU",
                    _ => "the protocol has no checksum",
                });
            }
            (_, "wrong-unit") if registers::unit_id(dialect).is_none() => {
                return Some("the station answers to every unit id, as the real one does");
            }
            (Service::ModbusRtu | Service::ModbusTcp, "exception" | "wrong-unit") => true,
            (_, "exception" | "wrong-unit") => return Some("Modbus only"),
            (Service::Http, "http-error") => true,
            (_, "http-error") => return Some("HTTP only"),
            _ => false,
        };
        (!ok).then_some("not a fault of this protocol")
    }
}

#[derive(Debug, Clone)]
struct Case {
    path: Path_,
    kind: Kind,
    after: u32,
    /// Sandbox activation record (session cases).
    record: u32,
}

#[derive(Debug, Default)]
struct Outcome {
    clear_error: bool,
    resumed: bool,
    tolerated: bool,
    problem: Option<String>,
}

impl Outcome {
    fn counts(&self) -> bool {
        self.problem.is_none() && ((self.clear_error && self.resumed) || self.tolerated)
    }
}

/// A running `evfield sim`. A station on a pseudo-terminal is reached through a symlink that
/// outlives it; one on the network at the address it prints.
struct SimProc {
    child: Child,
    _stdout: BufReader<ChildStdout>,
    /// `127.0.0.1:PORT` of a station reached over the network (Modbus TCP, HTTP, UDP).
    address: Option<String>,
}

impl SimProc {
    fn start(vendor: &str, state: &Path, link: &Path, fault: Option<(&Kind, u32)>) -> SimProc {
        let mut c = Command::cargo_bin("evfield").unwrap();
        c.args(["--json", "sim", "--vendor", vendor, "--boot-delay-ms", "50"])
            .arg("--state")
            .arg(state)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some((k, after)) = fault {
            c.args(["--fault", k.name, "--fault-after", &after.to_string()]);
            c.args(["--slow-ms", &k.slow_ms.to_string()]);
        }
        let mut child = c.spawn().unwrap();
        let (info, stdout) = read_json_doc(child.stdout.take().unwrap());
        if let Some(port) = info["port"].as_str() {
            let _ = std::fs::remove_file(link);
            std::os::unix::fs::symlink(port, link).unwrap();
        }
        SimProc {
            child,
            _stdout: stdout,
            address: info["address"].as_str().map(str::to_string),
        }
    }

    /// Where the tool reaches the station: `--port LINK`, or `--address ADDR` when the
    /// profile talks to it over the network.
    fn target(&self, vendor: &str, link: &Path) -> (String, String) {
        let by_address = matches!(
            Dialect::for_vendor(vendor).unwrap().service(),
            Service::ModbusTcp | Service::Http | Service::Udp
        );
        match (&self.address, by_address) {
            (Some(a), true) => ("--address".into(), a.clone()),
            _ => ("--port".into(), link.display().to_string()),
        }
    }
}

impl Drop for SimProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `evfield sandbox` with its state file.
struct SandboxProc {
    child: Child,
    _stdout: BufReader<ChildStdout>,
    url: String,
    state: PathBuf,
}

impl SandboxProc {
    fn start(dir: &Path) -> SandboxProc {
        let state = dir.join("network.json");
        let mut child = Command::cargo_bin("evfield")
            .unwrap()
            .args(["--json", "sandbox", "--port", "0", "--state"])
            .arg(&state)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (info, stdout) = read_json_doc(child.stdout.take().unwrap());
        SandboxProc {
            child,
            _stdout: stdout,
            url: info["api"].as_str().unwrap().to_string(),
            state,
        }
    }

    fn stations_with_mac(&self, mac: &str) -> usize {
        evfield::sandbox::network::load_state(&self.state)
            .map(|s| s.stations.iter().filter(|st| st.mac == mac).count())
            .unwrap_or(0)
    }
}

impl Drop for SandboxProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The first (pretty-printed) JSON document a child prints, and its stdout to keep open.
fn read_json_doc(out: ChildStdout) -> (Value, BufReader<ChildStdout>) {
    let mut reader = BufReader::new(out);
    let mut text = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            panic!("the child ended before printing its JSON: {text}");
        }
        text.push_str(&line);
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            return (v, reader);
        }
    }
}

/// Check a failed run's error: exit 4, a station error naming `port` and a command, with help,
/// no panic. Returns what is wrong, if anything.
fn unclear(out: &std::process::Output, port: &str) -> Option<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("panicked") {
        return Some(format!("panic: {stderr}"));
    }
    if out.status.code() != Some(4) {
        return Some(format!("exit code {:?}: {stderr}", out.status.code()));
    }
    let Some(err) = stderr
        .lines()
        .rev()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|v| v.get("error").is_some())
    else {
        return Some(format!("no JSON error document: {stderr}"));
    };
    let e = &err["error"];
    let msg = e["message"].as_str().unwrap_or("");
    if e["kind"] != "station" {
        return Some(format!("kind {} : {msg}", e["kind"]));
    }
    if !msg.contains(port) {
        return Some(format!("the message does not name the port {port}: {msg}"));
    }
    // a command in backticks, and the vendor profile's step
    if msg.matches('`').count() < 2 || !msg.contains("step `") {
        return Some(format!("the message names no command and step: {msg}"));
    }
    if e["help"].as_str().unwrap_or("").is_empty() {
        return Some(format!("no help line: {msg}"));
    }
    None
}

/// What the session's journal says after a resume: done, nothing asked twice, chain verifies.
fn session_problems(data: &Path, report: &Value) -> Option<String> {
    if report["state"] != "done" {
        return Some(format!("the resumed session is not done: {report}"));
    }
    let j = journal_of(data)?;
    let events = common::events(&j);
    let twice = common::asked_twice(&events);
    if twice > 0 {
        return Some(format!("{twice} answers asked twice"));
    }
    if !common::journal_verifies(&j) {
        return Some("the journal does not verify".into());
    }
    None
}

/// The port (or network address) a session answered.
fn session_port(data: &Path) -> String {
    journal_of(data)
        .map(|j| common::events(&j))
        .unwrap_or_default()
        .iter()
        .find(|e| {
            e["kind"] == "answer"
                && (e["data"]["key"] == "station.port" || e["data"]["key"] == "station.address")
        })
        .and_then(|e| e["data"]["value"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Judge the first run; `rerun` runs the operation again once the fault is gone.
fn judge(
    case: &Case,
    first: &std::process::Output,
    port: &str,
    succeeded: impl Fn(&std::process::Output) -> Option<String>,
    rerun: impl FnOnce() -> Option<String>,
) -> Outcome {
    let mut o = Outcome::default();
    let tag = format!("{} / {} @{}", case.path.name(), case.kind.label, case.after);
    if first.status.success() {
        match (case.kind.expect, succeeded(first)) {
            (Expect::Error, _) => {
                o.problem = Some(format!("{tag}: succeeded under a fault that must fail"))
            }
            (_, Some(p)) => o.problem = Some(format!("{tag}: wrong result: {p}")),
            (_, None) => o.tolerated = true,
        }
        return o;
    }
    if case.kind.expect == Expect::Success {
        o.problem = Some(format!(
            "{tag}: failed under a tolerable fault: {}",
            String::from_utf8_lossy(&first.stderr).trim()
        ));
        return o;
    }
    match unclear(first, port) {
        Some(p) => o.problem = Some(format!("{tag}: unclear error: {p}")),
        None => o.clear_error = true,
    }
    match rerun() {
        Some(p) => o.problem = o.problem.or(Some(format!("{tag}: not resumable: {p}"))),
        None => o.resumed = true,
    }
    o
}

fn run_demo(case: &Case) -> Outcome {
    let d = tempfile::tempdir().unwrap();
    // only `slow` takes milliseconds (the variable refuses them for any other kind)
    let spec = if case.kind.name == "slow" {
        format!("slow:{}@{}", case.kind.slow_ms, case.after)
    } else {
        format!("{}@{}", case.kind.name, case.after)
    };
    let first = evfield(d.path())
        .args([
            "--json",
            "renetwork",
            "--demo",
            "--vendor",
            case.path.vendor(),
        ])
        .env("EVFIELD_DEMO_BOOT_MS", "50")
        .env("EVFIELD_DEMO_SIM_FAULT", &spec)
        .output()
        .unwrap();
    let port = session_port(d.path());
    let check_report = |out: &std::process::Output| -> Option<String> {
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        if let Some(p) = session_problems(d.path(), &report) {
            return Some(p);
        }
        match common::report_stations(&report) {
            1 => None,
            n => Some(format!("{n} stations at the sandbox")),
        }
    };
    judge(case, &first, &port, check_report, || {
        let r = evfield(d.path())
            .args(["--json", "renetwork", "--resume"])
            .env("EVFIELD_DEMO_BOOT_MS", "50")
            .output()
            .unwrap();
        if !r.status.success() {
            return Some(format!(
                "resume failed: {}",
                String::from_utf8_lossy(&r.stderr).trim()
            ));
        }
        check_report(&r)
    })
}

/// A state file for `evfield sim --vendor V` (the simulator writes its default state), with
/// the MAC of sandbox activation record `record` when given.
fn sim_state(dir: &Path, vendor: &str, record: Option<u32>) -> PathBuf {
    let path = dir.join("station.json");
    let link = dir.join("seed-port");
    drop(SimProc::start(vendor, &path, &link, None));
    if let Some(i) = record {
        let mut s: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        s["mac"] = sandbox_activation(i).0.into();
        // the network refuses a serial twice: one per case
        s["serial"] = format!("CAMP{i:05}").into();
        std::fs::write(&path, serde_json::to_vec(&s).unwrap()).unwrap();
    }
    path
}

/// Returns the outcome and the commands the first run sent (from its journal).
fn run_session(
    case: &Case,
    vendor: &str,
    sandbox: &SandboxProc,
    fixtures: &Path,
) -> (Outcome, u32) {
    let d = tempfile::tempdir().unwrap();
    let state = sim_state(d.path(), vendor, Some(case.record));
    let link = d.path().join("ttyEVSE");
    let (mac, password) = sandbox_activation(case.record);
    let answers = fixtures.join("answers.toml");
    // the EVA's OCPP keys are set over OCPP: it is pointed at the laptop's probe first
    let probe_bind = (vendor == "chargestorm-eva").then(|| {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut s: Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
        s["ocpp_url"] = format!("ws://127.0.0.1:{port}/").into();
        s["charge_box_id"] = s["serial"].clone();
        std::fs::write(&state, serde_json::to_vec(&s).unwrap()).unwrap();
        format!("commission.probe_bind=127.0.0.1:{port}")
    });
    let session = |resume: bool| {
        let mut c = evfield(&d.path().join("data"));
        c.arg("--json").arg("--experimental").arg("renetwork");
        if resume {
            c.arg("--resume");
        }
        if let Some(bind) = &probe_bind {
            c.args(["--set", bind]);
        }
        // The installer runs the same command again with --resume: what the session used is
        // journaled and wins over the flags; values not reached yet come from them.
        c.args(["--network", &sandbox.url, "--user"])
            .arg(evfield::sandbox::demo::INSTALLER_USER)
            .arg("--port")
            .arg(&link)
            .args(["--vendor", vendor, "--activation-password", &password])
            .args(["--serial-plate", &format!("CAMP{:05}", case.record)])
            .arg("--before-photo")
            .arg(fixtures.join("before.png"))
            .arg("--photo")
            .arg(fixtures.join("site.png"))
            .arg("--answers")
            .arg(&answers)
            .args(["--connect-timeout", "20"])
            .env(
                "EVFIELD_PASSWORD",
                evfield::sandbox::demo::INSTALLER_PASSWORD,
            )
            .output()
            .unwrap()
    };
    let first = {
        let fault = (!case.kind.name.is_empty()).then_some((&case.kind, case.after));
        let _sim = SimProc::start(vendor, &state, &link, fault);
        session(false)
    };
    let data = d.path().join("data");
    let sent = commands_sent(&data);
    let check = |out: &std::process::Output| -> Option<String> {
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        if let Some(p) = session_problems(&data, &report) {
            return Some(p);
        }
        match sandbox.stations_with_mac(&mac) {
            1 => None,
            n => Some(format!("{n} stations with MAC {mac} at the sandbox")),
        }
    };
    let o = judge(case, &first, &link.display().to_string(), check, || {
        let _sim = SimProc::start(vendor, &state, &link, None);
        let r = session(true);
        if !r.status.success() {
            return Some(format!(
                "resume failed: {}",
                String::from_utf8_lossy(&r.stderr).trim()
            ));
        }
        check(&r)
    });
    (o, sent)
}

/// `station info` / `modem check` against the simulator; the rerun is the same command after
/// the simulator came back without the fault.
fn run_subcommand(case: &Case) -> Outcome {
    let d = tempfile::tempdir().unwrap();
    let vendor = case.path.vendor();
    let state = sim_state(d.path(), vendor, None);
    let want: Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    let link = d.path().join("ttyEVSE");
    let command = |sim: &SimProc| {
        let (flag, target) = sim.target(vendor, &link);
        let mut c = evfield(&d.path().join("data"));
        match case.path {
            Path_::Modem => {
                c.args(["--json", "modem", "check", &flag, &target]);
            }
            _ => {
                c.args([
                    "--json",
                    "--experimental",
                    "station",
                    "info",
                    "--vendor",
                    vendor,
                    &flag,
                    &target,
                ]);
                // what the port cannot tell, the installer gives (type plate, app, label)
                for var in asked(vendor) {
                    let value = want[var.as_str()].as_str().unwrap_or_default();
                    c.args(["--given", &format!("{var}={value}")]);
                }
            }
        }
        (c.output().unwrap(), target)
    };
    let (first, target) = {
        let fault = (!case.kind.name.is_empty()).then_some((&case.kind, case.after));
        let sim = SimProc::start(vendor, &state, &link, fault);
        command(&sim)
    };
    let check = |out: &std::process::Output| -> Option<String> {
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        let (got, expected) = match case.path {
            Path_::Modem => (&v["modem"]["iccid"], &want["iccid"]),
            _ => (&v["identity"]["serial"], &want["serial"]),
        };
        (got != expected).then(|| format!("read {got}, the station has {expected}"))
    };
    // the station back without the fault (a network station may come back at a new address)
    judge(case, &first, &target, check, || {
        let sim = SimProc::start(vendor, &state, &link, None);
        let (r, _) = command(&sim);
        if !r.status.success() {
            return Some(format!(
                "rerun failed: {}",
                String::from_utf8_lossy(&r.stderr).trim()
            ));
        }
        check(&r)
    })
}

fn run_case(c: &Case, sandbox: &SandboxProc, fix: &Path) -> Outcome {
    match c.path {
        Path_::Demo(_) => run_demo(c),
        Path_::Session(v) => run_session(c, v, sandbox, fix).0,
        Path_::Info(_) | Path_::Modem => run_subcommand(c),
    }
}

/// The values a profile's identify step asks instead of reading them.
fn asked(vendor: &str) -> Vec<String> {
    let reg = evfield::station::profile::Registry::shipped().unwrap();
    reg.get(vendor)
        .unwrap()
        .step("identify")
        .map(|st| st.ask.iter().map(|a| a.var.clone()).collect())
        .unwrap_or_default()
}

/// Commands in a session's conversation: the `sent` traffic of a reference journal.
fn commands_sent(data: &Path) -> u32 {
    journal_of(data)
        .map(|j| common::events(&j))
        .unwrap_or_default()
        .iter()
        .filter(|e| e["kind"] == "traffic" && e["data"]["dir"] == "sent")
        .count() as u32
}

/// The injection points of a case: all in full mode, else one that rotates with `turn`.
fn points(commands: u32, full: bool, turn: usize) -> Vec<u32> {
    if full {
        return (0..commands).collect();
    }
    let mut pick = vec![0, commands / 2, commands.saturating_sub(1)];
    pick.dedup();
    vec![pick[turn % pick.len()]]
}

/// Photos and the answers file for non-demo sessions (the demo's built-in answers).
fn fixtures(dir: &Path) {
    std::fs::write(
        dir.join("before.png"),
        evfield::sandbox::demo::photo_png(640, 480),
    )
    .unwrap();
    std::fs::write(
        dir.join("site.png"),
        evfield::sandbox::demo::photo_png(800, 600),
    )
    .unwrap();
    std::fs::write(dir.join("answers.toml"), evfield::sandbox::demo::ANSWERS).unwrap();
}

#[test]
fn every_profile_with_a_simulator_against_every_fault_kind() {
    let full = common::full_mode();
    let fix = tempfile::tempdir().unwrap();
    fixtures(fix.path());
    let sandbox = SandboxProc::start(fix.path());

    // Reference conversations: how many commands each path sends without faults.
    let mut paths: Vec<Path_> = STATIONS.iter().map(|v| Path_::Demo(v)).collect();
    paths.push(Path_::Session("chargestorm-eva"));
    paths.extend(STATIONS.iter().map(|v| Path_::Info(v)));
    paths.push(Path_::Modem);
    let mut record = 1u32;
    let mut cases = Vec::new();
    let mut not_applicable = Vec::new();
    for (pi, path) in paths.iter().enumerate() {
        let commands = match path {
            Path_::Demo(v) => {
                let d = tempfile::tempdir().unwrap();
                let r = evfield(d.path())
                    .args(["--json", "renetwork", "--demo", "--vendor", v])
                    .env("EVFIELD_DEMO_BOOT_MS", "50")
                    .output()
                    .unwrap();
                assert!(
                    r.status.success(),
                    "reference demo of {v}: {}",
                    String::from_utf8_lossy(&r.stderr)
                );
                commands_sent(d.path())
            }
            Path_::Session(v) => {
                let c = Case {
                    path: *path,
                    kind: NO_FAULT,
                    after: 0,
                    record,
                };
                record += 1;
                let (o, sent) = run_session(&c, v, &sandbox, fix.path());
                assert!(o.tolerated, "reference session: {:?}", o.problem);
                sent
            }
            _ => subcommand_conversation_length(*path),
        };
        assert!(commands > 0, "{}: no commands", path.name());
        for (ki, kind) in KINDS.iter().enumerate() {
            if let Some(why) = path.not_applicable(kind) {
                not_applicable.push(format!("{} {} ({why})", path.vendor(), kind.label));
                continue;
            }
            // CI: the subcommands skip the two timeout kinds (the sessions cover them; each
            // costs the profile's timeout times its attempts)
            if !full
                && matches!(path, Path_::Info(_) | Path_::Modem)
                && matches!(kind.name, "silent" | "slow")
                && kind.slow_ms != 300
            {
                continue;
            }
            for after in points(commands, full, pi + ki) {
                cases.push(Case {
                    path: *path,
                    kind: *kind,
                    after,
                    record,
                });
                record += 1;
            }
        }
    }

    // A KEBA conversation needs the laptop's UDP port 7090 (the station answers to it): one at
    // a time, as on site.
    let keba = std::sync::Mutex::new(());
    let results = common::on_two_threads(cases, |c| {
        let _one = (c.path.vendor() == "keba-p30").then(|| keba.lock().unwrap());
        run_case(&c, &sandbox, fix.path())
    });
    let total = results.len();
    let good = results.iter().filter(|(_, o)| o.counts()).count();
    let errors = results
        .iter()
        .filter(|(_, o)| o.counts() && o.clear_error)
        .count();
    let tolerated = results
        .iter()
        .filter(|(_, o)| o.counts() && o.tolerated)
        .count();
    let problems: Vec<String> = results
        .iter()
        .filter_map(|(_, o)| o.problem.clone())
        .collect();
    let mut per_path = Vec::new();
    for path in &paths {
        let mine: Vec<_> = results.iter().filter(|(c, _)| c.path == *path).collect();
        let ok = mine.iter().filter(|(_, o)| o.counts()).count();
        per_path.push(format!("{} {ok}/{}", path.name(), mine.len()));
    }
    println!("by path: {}", per_path.join(", "));
    let mut per_kind = Vec::new();
    for kind in &KINDS {
        let mine: Vec<_> = results.iter().filter(|(c, _)| c.kind == *kind).collect();
        let err = mine.iter().filter(|(_, o)| o.clear_error).count();
        let tol = mine.iter().filter(|(_, o)| o.tolerated).count();
        per_kind.push(format!(
            "{}: {err} clear errors, {tol} succeeded, of {}",
            kind.label,
            mine.len()
        ));
    }
    println!("by fault: {}", per_kind.join("; "));
    not_applicable.sort();
    not_applicable.dedup();
    println!("not applicable: {}", not_applicable.join("; "));
    println!(
        "port fault campaign ({}): clear error and resumable, or tolerated, {good}/{total} cases ({errors} clear errors resumed, {tolerated} tolerated faults with the operation succeeding, {} failed)",
        if full { "full" } else { "reduced" },
        total - good
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(good, total);
}

/// Commands `station info` / `modem check` send without faults: garble from command N on until
/// the operation succeeds (it then never met the fault).
fn subcommand_conversation_length(path: Path_) -> u32 {
    for n in 0..64 {
        let c = Case {
            path,
            kind: Kind {
                expect: Expect::Either,
                ..KINDS[1]
            },
            after: n,
            record: 0,
        };
        if run_subcommand(&c).tolerated {
            return n;
        }
    }
    panic!("{}: still garbled after 64 commands", path.name())
}
