//! Snapshots of the JSON output of every subcommand (docs/json.md).
//!
//! Each case runs the real binary with `--json` and snapshots what it printed: the exit code,
//! stdout (one document, or JSON Lines as an array) and stderr (the error document), with the
//! volatile values redacted (times, session ids, hashes, UUIDs, temporary paths, ports,
//! durations, sizes). The snapshots live in tests/snapshots/.
//!
//! **Adding a subcommand:** add a [`Case`] to `cases()`; `every_subcommand_has_a_snapshot`
//! fails until every subcommand of the CLI has one. Then write the new snapshot with
//! `INSTA_UPDATE=always cargo test --test json_snapshots` (or `cargo insta review`) and read the
//! new file in tests/snapshots/ before committing it. On CI (`CI=true`) a missing or different
//! snapshot fails.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use assert_cmd::cargo::CommandCargoExt;
use clap::CommandFactory;
use regex::Regex;
use serde_json::{Value, json};

use evfield::sandbox::network::{self, SandboxConfig, SandboxHandle, sandbox_activation};
use evfield::sandbox::station::{self as sim, Dialect, SimHandle, SimOptions};

/// Everything the cases run against, made once.
struct World {
    dir: tempfile::TempDir,
    /// Data dir holding one finished demo session.
    data: PathBuf,
    session: String,
    /// The demo's `renetwork --json` output.
    demo_report: String,
    /// A journal made from fixed values (so its hashes are stable), and a changed copy.
    journal: PathBuf,
    tampered: PathBuf,
    net: SandboxHandle,
    fleet: PathBuf,
    bad_fleet: PathBuf,
    /// Simulated stations on pseudo-terminals: the evfield console, and a bare modem.
    station: Option<SimHandle>,
    modem: Option<SimHandle>,
}

fn simulator(d: Dialect) -> SimHandle {
    sim::start(
        d.default_state(),
        SimOptions {
            dialect: d,
            boot_delay: std::time::Duration::from_millis(100),
            ..Default::default()
        },
    )
    .expect("simulator starts")
}

fn evfield(data: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null())
        .env("NO_COLOR", "1")
        .env(
            "EVFIELD_PASSWORD",
            evfield::sandbox::demo::INSTALLER_PASSWORD,
        );
    for v in [
        "EVFIELD_FAILPOINT",
        "EVFIELD_JSON",
        "EVFIELD_TOKEN",
        "EVFIELD_NETWORK",
        "EVFIELD_USER",
        "EVFIELD_PORT",
        "EVFIELD_ANSWERS",
    ] {
        c.env_remove(v);
    }
    c
}

fn fixed_journal(path: &Path, change: Option<(&str, &str)>) {
    use evfield::session::journal::{GENESIS, encode};
    let events = [
        (
            "session",
            "session_started",
            json!({"session_id": "20260301-101500-abcdef", "version": "0.1.0", "demo": false, "os": "linux"}),
        ),
        (
            "account",
            "step_started",
            json!({"phase": "account", "number": 1}),
        ),
        (
            "account",
            "answer",
            json!({"key": "account.username", "value": "me@example.com", "source": "flag"}),
        ),
        (
            "account",
            "api_call",
            json!({"method": "GET", "path": "/api/v1/installer", "status": 200, "latency_ms": 12, "attempt": 1, "error": null}),
        ),
        (
            "account",
            "fact",
            json!({"key": "account.certified", "value": true}),
        ),
    ];
    let mut text = String::new();
    let mut prev = GENESIS.to_string();
    for (i, (step, kind, data)) in events.iter().enumerate() {
        let time = format!("2026-03-01T10:15:0{i}.000Z");
        let (line, hash) = encode(i as u64, &time, step, kind, data, &prev);
        text.push_str(&line);
        text.push('\n');
        prev = hash;
    }
    if let Some((a, b)) = change {
        text = text.replacen(a, b, 1);
    }
    std::fs::write(path, text).unwrap();
    // private, as evfield keeps a journal (`log verify` reports one that others can read)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

fn fleet(path: &Path, first: u32, bad_mac: bool) {
    let mut t = String::from("mac,activation_password,manufacturer,model,serial,gps,address_id\n");
    for i in first..first + 3 {
        let (mac, pw) = sandbox_activation(i);
        let mac = if bad_mac && i == first + 1 {
            "02:EF".to_string()
        } else {
            mac
        };
        t.push_str(&format!(
            "{mac},{pw},Evfield,SimCharger 22,EVFS{i},\"59.913868,10.752245\",addr-0001\n"
        ));
    }
    std::fs::write(path, t).unwrap();
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let out = evfield(&data)
            .args(["renetwork", "--demo", "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let demo_report = String::from_utf8(out.stdout).unwrap();
        let v: Value = serde_json::from_str(&demo_report).unwrap();
        let journal = dir.path().join("fixed.jsonl");
        fixed_journal(&journal, None);
        let tampered = dir.path().join("tampered.jsonl");
        fixed_journal(&tampered, Some(("me@example.com", "me@example.org")));
        let fleet_path = dir.path().join("fleet.csv");
        fleet(&fleet_path, 1951, false);
        let bad_fleet = dir.path().join("bad.csv");
        fleet(&bad_fleet, 1961, true);
        World {
            session: v["session_id"].as_str().unwrap().to_string(),
            data,
            demo_report,
            journal,
            tampered,
            net: network::start(SandboxConfig::default()).unwrap(),
            fleet: fleet_path,
            bad_fleet,
            station: Some(simulator(Dialect::Console)),
            modem: Some(simulator(Dialect::Modem)),
            dir,
        }
    })
}

/// How a case's stdout is read.
#[derive(Clone, Copy, PartialEq)]
enum Out {
    /// One JSON document.
    Doc,
    /// JSON Lines (snapshotted as an array).
    Lines,
    /// A server that runs until stopped: its first document, then it is stopped.
    Serve,
    /// Already run: the demo report made with the world.
    DemoReport,
}

struct Case {
    /// Snapshot name.
    name: &'static str,
    /// The subcommand path it covers, e.g. "log verify".
    covers: &'static str,
    args: Vec<String>,
    out: Out,
    /// Data dir other than the world's (e.g. the support side of an import).
    data: Option<PathBuf>,
    /// Keys whose values depend on the machine (redacted in this case only).
    machine: &'static [&'static str],
}

fn case(name: &'static str, covers: &'static str, out: Out, args: &[&str]) -> Case {
    Case {
        name,
        covers,
        args: args.iter().map(|s| s.to_string()).collect(),
        out,
        data: None,
        machine: &[],
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn cases(w: &World) -> Vec<Case> {
    let bundle = w.dir.path().join("bundle.tar.gz");
    let base = w.net.base_url();
    let batch = |name, file: &Path| {
        case(
            name,
            "batch pinpoint",
            Out::Lines,
            &[
                "batch",
                "pinpoint",
                s(file),
                "--network",
                &base,
                "--user",
                "demo@installer.test",
                "--jobs",
                "1",
                "--rate",
                "0",
            ],
        )
    };
    let token_file = w.dir.path().join("token").to_str().unwrap().to_string();
    let photo_path = w.dir.path().join("site.png");
    if !photo_path.exists() {
        std::fs::write(&photo_path, evfield::sandbox::demo::photo_png(800, 600)).unwrap();
    }
    let photo = photo_path.to_str().unwrap().to_string();
    // a photo with a code: the activation sticker as evfield prints it
    let sticker_path = w.dir.path().join("sticker.png");
    if !sticker_path.exists() {
        let made = std::process::Command::new(assert_cmd::cargo::cargo_bin("evfield"))
            .args([
                "sticker",
                "--mac",
                "02:EF:10:00:4D:01",
                "--password",
                "K7+9/QF=2",
            ])
            .args([
                "--template",
                "https://installer.example.net/pinpoint?mac={mac}&password={password}",
            ])
            .arg("-o")
            .arg(&sticker_path)
            .output()
            .unwrap();
        assert!(made.status.success(), "{made:?}");
    }
    let sticker = sticker_path.to_str().unwrap().to_string();
    // a data dir with one unfinished session (the fixed journal) to abandon
    let abandon_data = w.dir.path().join("abandon");
    let abandon_session = abandon_data.join("sessions/20260301-101500-abcdef");
    if w.journal.exists() && !abandon_session.exists() {
        std::fs::create_dir_all(&abandon_session).unwrap();
        std::fs::copy(&w.journal, abandon_session.join("journal.jsonl")).unwrap();
    }
    let (submit_mac, submit_password) = sandbox_activation(1971);
    let submit_mac = submit_mac.to_lowercase().replace(':', "-");
    let port = |h: &Option<SimHandle>| h.as_ref().map(|h| h.path().to_string()).unwrap_or_default();
    let (station_port, modem_port) = (port(&w.station), port(&w.modem));
    let on_station = |name, covers, args: &[&str]| {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--port", &station_port, "--vendor", "evfield-sim"]);
        case(name, covers, Out::Doc, &a)
    };
    // Order matters where a case changes what a later one sees: the station is commissioned
    // (`ocpp set`) before it is read.
    vec![
        case("renetwork_demo", "renetwork", Out::DemoReport, &[]),
        on_station(
            "station_ocpp_set",
            "station ocpp set",
            &[
                "station",
                "ocpp",
                "set",
                "--url",
                "wss://cs.example.net/ocpp",
                "--charge-box-id",
                "EVF-02EF10004D01",
                "--no-reboot",
            ],
        ),
        on_station("station_info", "station info", &["station", "info"]),
        on_station(
            "station_ocpp_get",
            "station ocpp get",
            &["station", "ocpp", "get"],
        ),
        case(
            "modem_check",
            "modem check",
            Out::Doc,
            &["modem", "check", "--port", &modem_port],
        ),
        Case {
            machine: &["ports", "usb"],
            ..case("ports", "ports", Out::Doc, &["ports"])
        },
        Case {
            machine: &["user_dir"],
            ..case(
                "vendors_list",
                "vendors list",
                Out::Doc,
                &["vendors", "list"],
            )
        },
        case(
            "vendors_show",
            "vendors show",
            Out::Doc,
            &["vendors", "show", "openevse"],
        ),
        case(
            "vendors_decode",
            "vendors decode",
            Out::Doc,
            &["vendors", "decode", "PLP1-0-2-4-9-002"],
        ),
        case(
            "rfid_convert",
            "rfid convert",
            Out::Doc,
            &["rfid", "convert", "04:A2:2B:1A"],
        ),
        case("sessions_all", "sessions", Out::Doc, &["sessions", "--all"]),
        Case {
            data: Some(abandon_data),
            ..case(
                "sessions_abandon",
                "sessions abandon",
                Out::Doc,
                &[
                    "sessions",
                    "abandon",
                    "20260301-101500-abcdef",
                    "--reason",
                    "customer cancelled",
                ],
            )
        },
        // No station connects within the wait: the listening event, then the timeout error.
        case(
            "ocpp_probe_no_station",
            "ocpp probe",
            Out::Doc,
            &["ocpp", "probe", "--bind", "127.0.0.1:0", "--wait", "0"],
        ),
        case(
            "checklist_list",
            "checklist list",
            Out::Doc,
            &["checklist", "list"],
        ),
        case(
            "checklist_show",
            "checklist show",
            Out::Doc,
            &["checklist", "show", "safety"],
        ),
        case(
            "checklist_run",
            "checklist run",
            Out::Doc,
            &[
                "checklist",
                "run",
                "safety",
                "--set",
                "safety.power_isolated=yes",
                "--set",
                "safety.lockout_tagout=yes",
                "--set",
                "safety.voltage=0.1",
            ],
        ),
        case(
            "sticker",
            "sticker",
            Out::Doc,
            &[
                "sticker",
                "--mac",
                "02:EF:10:00:4D:01",
                "--password",
                "K7+9/QF=2",
                "--template",
                "https://n.example/p?mac={mac}&password={password}",
            ],
        ),
        case("sim", "sim", Out::Serve, &["sim"]),
        case(
            "sandbox",
            "sandbox",
            Out::Serve,
            &["sandbox", "--port", "0"],
        ),
        case(
            "replay_account_phase",
            "replay",
            Out::Lines,
            &["replay", &w.session, "--phase", "account"],
        ),
        case(
            "log_verify_valid",
            "log verify",
            Out::Doc,
            &["log", "verify", s(&w.journal)],
        ),
        case(
            "log_verify_tampered",
            "log verify",
            Out::Doc,
            &["log", "verify", s(&w.tampered)],
        ),
        case(
            "export",
            "export",
            Out::Doc,
            &["export", &w.session, "-o", s(&bundle)],
        ),
        Case {
            data: Some(w.dir.path().join("support")),
            ..case("import", "import", Out::Doc, &["import", s(&bundle)])
        },
        case(
            "batch_check",
            "batch pinpoint",
            Out::Lines,
            &["batch", "pinpoint", s(&w.fleet), "--check"],
        ),
        batch("batch_pinpoint", &w.fleet),
        batch("batch_pinpoint_row_errors", &w.bad_fleet),
        case(
            "completions_bash",
            "completions",
            Out::Doc,
            &["completions", "bash"],
        ),
        case(
            "error_unknown_session",
            "replay",
            Out::Doc,
            &["replay", "no-such-session"],
        ),
        case(
            "error_bad_flag",
            "replay",
            Out::Doc,
            &["replay", "--no-such-flag"],
        ),
        // The installer's account and pinpointing (docs/account.md, docs/outbox.md): logged in
        // with a token file, one submission, then logged out.
        case(
            "login",
            "login",
            Out::Doc,
            &[
                "login",
                "--network",
                &base,
                "--user",
                "demo@installer.test",
                "--token-file",
                &token_file,
            ],
        ),
        case("whoami", "whoami", Out::Doc, &["whoami"]),
        case(
            "requirements",
            "requirements",
            Out::Doc,
            &[
                "requirements",
                "--manufacturer",
                "Evfield",
                "--model",
                "SimCharger 22",
            ],
        ),
        case(
            "gps_read",
            "gps read",
            Out::Doc,
            &["gps", "read", "--gps", "N59 54.832, E10 45.135"],
        ),
        case(
            "photo_check",
            "photo check",
            Out::Doc,
            &["photo", "check", &photo],
        ),
        case(
            "photo_codes",
            "photo codes",
            Out::Doc,
            &["photo", "codes", &sticker],
        ),
        // the page is served, then nobody uploads within the time given
        case(
            "photo_receive_timeout",
            "photo receive",
            Out::Doc,
            &[
                "photo",
                "receive",
                "--bind",
                "127.0.0.1:0",
                "--out",
                s(&w.dir.path().join("phone.jpg")),
                "--timeout",
                "0",
            ],
        ),
        case(
            "pinpoint_submit",
            "pinpoint submit",
            Out::Doc,
            &[
                "pinpoint",
                "submit",
                "--mac",
                &submit_mac,
                "--activation-password",
                &submit_password,
                "--manufacturer",
                "Evfield",
                "--model",
                "SimCharger 22",
                "--serial",
                "EVFS1971",
                "--serial-again",
                "evfs1971",
                "--gps",
                "59.913868,10.752245",
                "--address",
                "Jernbanetorget 1",
                "--floor",
                "P2",
                "--confirm-serial",
            ],
        ),
        case(
            "outbox_list",
            "outbox list",
            Out::Doc,
            &["outbox", "list", "--all"],
        ),
        case("sync", "sync", Out::Doc, &["sync"]),
        case(
            "station_status",
            "station status",
            Out::Doc,
            &["station", "status"],
        ),
        case("logout", "logout", Out::Doc, &["logout"]),
    ]
}

/// Replace what changes from run to run.
fn redact(v: &mut Value, tmp: &str) {
    static RES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            (
                r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
                "[time]",
            ),
            (r"\d{8}-\d{6}-[0-9a-f]{6}", "[session]"),
            (r"\b[0-9a-f]{64}\b", "[sha256]"),
            (
                r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
                "[uuid]",
            ),
            (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
            (r">:\d+/", ">:[port]/"),
            (r"/dev/pts/\d+", "/dev/pts/[n]"),
            (r" in \d+ ms", " in [n] ms"),
            (r"-[0-9a-f]{12}\.state\.jsonl", "-[hash].state.jsonl"),
            // the phone camera's page token
            (r"/p/[A-Za-z0-9_-]{43}$", "/p/[token]"),
        ]
        .into_iter()
        .map(|(r, t)| (Regex::new(r).unwrap(), t))
        .collect()
    });
    match v {
        Value::String(st) => {
            let mut t = st.replace(tmp, "[tmp]");
            for (re, with) in res {
                t = re.replace_all(&t, *with).into_owned();
            }
            *st = t;
        }
        Value::Array(a) => a.iter_mut().for_each(|x| redact(x, tmp)),
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                match k.as_str() {
                    // Durations, sizes and counts that depend on timing or on the machine.
                    "version" | "exported_by_version"
                        if x.as_str() == Some(env!("CARGO_PKG_VERSION")) =>
                    {
                        *x = json!("[evfield version]");
                    }
                    "elapsed_ms" | "latency_ms" | "offset_ms" | "bytes" | "events" | "os" => {
                        if !x.is_null() {
                            *x = json!(format!("[{k}]"));
                        }
                    }
                    "text" if x.as_str().is_some_and(|t| t.len() > 2000) => {
                        *x = json!("[generated]");
                    }
                    _ => redact(x, tmp),
                }
            }
        }
        _ => {}
    }
}

fn parse_lines(s: &str) -> Value {
    Value::Array(
        s.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect(),
    )
}

fn parse_doc(s: &str) -> Value {
    if s.trim().is_empty() {
        Value::Null
    } else if s.trim().lines().count() > 1
        && s.lines().all(|l| l.trim().is_empty() || l.starts_with('{'))
    {
        // JSON lines on stderr (progress events, then the error)
        parse_lines(s)
    } else {
        serde_json::from_str(s).unwrap_or_else(|e| panic!("not one JSON document ({e}): {s}"))
    }
}

/// The first JSON document a server prints; then it is stopped.
fn first_document(mut c: Command) -> Value {
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut text = String::new();
    let mut r = BufReader::new(child.stdout.take().unwrap());
    let doc = loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap() == 0 {
            break Value::Null;
        }
        text.push_str(&line);
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            break v;
        }
    };
    child.kill().unwrap();
    child.wait().unwrap();
    doc
}

fn run_case(w: &World, c: &Case) -> Value {
    let data = c.data.clone().unwrap_or_else(|| w.data.clone());
    let mut cmd = evfield(&data);
    cmd.arg("--json").args(&c.args);
    let (code, stdout, stderr) = match c.out {
        Out::DemoReport => (0, parse_doc(&w.demo_report), Value::Null),
        Out::Serve => (0, first_document(cmd), Value::Null),
        Out::Doc | Out::Lines => {
            let o = cmd.output().unwrap();
            let out = String::from_utf8_lossy(&o.stdout);
            let err = String::from_utf8_lossy(&o.stderr);
            let stdout = if c.out == Out::Lines {
                parse_lines(&out)
            } else {
                parse_doc(&out)
            };
            (o.status.code().unwrap_or(-1), stdout, parse_doc(&err))
        }
    };
    let mut v = json!({ "exit_code": code, "stdout": stdout, "stderr": stderr });
    for k in c.machine {
        if let Some(x) = v["stdout"].get_mut(*k) {
            *x = json!("[machine]");
        }
    }
    redact(&mut v, w.dir.path().to_str().unwrap());
    v
}

#[test]
fn json_output_of_every_subcommand() {
    let w = world();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for c in cases(w) {
            let v = run_case(w, &c);
            // Every document and line carries its schema version.
            for doc in std::iter::once(&v["stdout"])
                .chain(v["stdout"].as_array().into_iter().flatten())
                .filter(|d| d.is_object())
            {
                assert_eq!(doc["schema"], 1, "{}: {doc}", c.name);
            }
            insta::assert_json_snapshot!(c.name, v);
        }
    });
}

/// The subcommands of the CLI that run, e.g. "log verify", and "sessions" (which runs alone as
/// well as with `abandon`).
fn leaves(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    for sub in cmd.get_subcommands() {
        let path = format!("{prefix}{}", sub.get_name()).trim().to_string();
        if sub.has_subcommands() {
            if !sub.is_subcommand_required_set() {
                out.push(path.clone());
            }
            leaves(sub, &format!("{path} "), out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_subcommand_has_a_snapshot() {
    let mut all = Vec::new();
    leaves(&evfield::cli::Cli::command(), "", &mut all);
    let dir = tempfile::tempdir().unwrap();
    // The cases only need the world's shape here, not its contents.
    let w = World {
        data: dir.path().join("d"),
        session: "x".into(),
        demo_report: String::new(),
        journal: dir.path().join("j"),
        tampered: dir.path().join("t"),
        net: network::start(SandboxConfig::default()).unwrap(),
        fleet: dir.path().join("f"),
        bad_fleet: dir.path().join("b"),
        station: None,
        modem: None,
        dir,
    };
    let covered: Vec<&str> = cases(&w).iter().map(|c| c.covers).collect();
    let missing: Vec<&String> = all
        .iter()
        .filter(|p| !covered.contains(&p.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "subcommands without a JSON snapshot: {missing:?}; add a Case in tests/json_snapshots.rs"
    );
    for c in &covered {
        assert!(
            all.iter().any(|p| p == c),
            "case covers `{c}`, which is not a subcommand"
        );
    }
}
