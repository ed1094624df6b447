//! Issue 13, item 8: no argument value makes the binary panic. Every numeric flag of every
//! command is driven through the real binary with edge values (0, 1, u32::MAX, i64::MAX,
//! u64::MAX, past u64, negative, NaN, infinity, huge offsets) and with random values
//! (proptest): never exit 101, never a panic message, and under `--json` an error on stderr is
//! one JSON document; a value out of range is a usage error (exit 2) naming the flag and the
//! value. The panic hook itself prints the JSON error form under `--json`.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;

/// A numeric flag: the command line before it, the flag, and whether an in-range value starts a
/// server that runs until stopped (then only values refused at parse time are run).
struct Flag {
    before: &'static [&'static str],
    flag: &'static str,
    serves: bool,
}

const fn f(before: &'static [&'static str], flag: &'static str) -> Flag {
    Flag {
        before,
        flag,
        serves: false,
    }
}

const FLAGS: &[Flag] = &[
    f(&["sync"], "--wait"),
    f(&["station", "status"], "--wait"),
    f(&["gps", "read"], "--gps-timeout"),
    f(&["gps", "read", "--gps-port", "/nonexistent"], "--baud"),
    f(&["ocpp", "probe", "--bind", "256.0.0.0:1"], "--wait"),
    f(&["ocpp", "probe", "--bind", "256.0.0.0:1"], "--boot-wait"),
    f(
        &["ocpp", "probe", "--bind", "256.0.0.0:1"],
        "--call-timeout",
    ),
    f(&["renetwork", "--non-interactive"], "--connect-timeout"),
    f(&["sticker"], "--dpi"),
    f(&["batch", "pinpoint", "/nonexistent"], "--rate"),
    f(&["batch", "pinpoint", "/nonexistent"], "--jobs"),
    f(&["batch", "pinpoint", "/nonexistent"], "--attempts"),
    f(&["batch", "pinpoint", "/nonexistent"], "--retry-delay"),
    f(&["batch", "pinpoint", "/nonexistent"], "--max-retry-delay"),
    f(&["batch", "pinpoint", "/nonexistent"], "--timeout"),
    f(&["replay", "/nonexistent", "--play"], "--speed"),
    f(&["replay", "/nonexistent", "--play"], "--max-gap"),
    f(&["replay", "/nonexistent"], "--since"),
    f(&["station", "info"], "--unit-id"),
    f(
        &[
            "station",
            "ocpp",
            "set",
            "--url",
            "ws://127.0.0.1:1/x",
            "--charge-box-id",
            "X",
        ],
        "--security-profile",
    ),
    Flag {
        before: &["sim"],
        flag: "--boot-delay-ms",
        serves: true,
    },
    Flag {
        before: &["sim", "--fault", "silence"],
        flag: "--fault-after",
        serves: true,
    },
    Flag {
        before: &["sim"],
        flag: "--slow-ms",
        serves: true,
    },
    Flag {
        before: &["sim"],
        flag: "--baud",
        serves: true,
    },
    Flag {
        before: &["sandbox"],
        flag: "--port",
        serves: true,
    },
    Flag {
        before: &["sandbox"],
        flag: "--security-profile",
        serves: true,
    },
    f(
        &["gps", "read", "--gps-port", "/nonexistent"],
        "--gps-epochs",
    ),
    f(
        &["gps", "read", "--gps-port", "/nonexistent"],
        "--gps-radius",
    ),
    f(
        &["gps", "read", "--gps-port", "/nonexistent"],
        "--gps-max-hdop",
    ),
];

const EDGES: &[&str] = &[
    "0",
    "1",
    "4294967295",
    "9223372036854775807",
    "9223372036854775000",
    "18446744073709551615",
    "18446744073709551616",
    "-1",
    "NaN",
    "inf",
    "1e308",
    "+9999999999h",
    "+153722867280912930m",
];

/// How one run ended.
struct Ran {
    code: Option<i32>,
    stderr: String,
    /// Still running when the limit was reached (then stopped: it had not panicked).
    ran_on: bool,
}

fn run(data: &Path, f: &Flag, value: &str) -> Ran {
    let mut cmd = common::evfield(data);
    cmd.arg("--json")
        .args(f.before)
        .arg(format!("{}={value}", f.flag))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut err = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        let _ = tx.send(s);
    });
    // stderr closes when the process ends
    let (stderr, ran_on) = match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(s) => (s, false),
        Err(_) => {
            let _ = child.kill();
            (rx.recv().unwrap_or_default(), true)
        }
    };
    let status = child.wait().unwrap();
    Ran {
        code: status.code(),
        stderr,
        ran_on,
    }
}

/// The checks of one run; the reason it fails, if it does.
fn check(data: &Path, f: &Flag, value: &str) -> Result<(), String> {
    let r = run(data, f, value);
    let what = format!("{} {}={value}", f.before.join(" "), f.flag);
    if r.code == Some(101) || r.stderr.contains("panicked") || r.stderr.contains("E_PANIC") {
        return Err(format!("{what}: a panic: {}", r.stderr));
    }
    if r.ran_on {
        return if f.serves {
            Ok(())
        } else {
            Err(format!("{what}: still running after 20 s"))
        };
    }
    if r.code == Some(0) {
        return Ok(());
    }
    let line = r.stderr.trim();
    let v: serde_json::Value = serde_json::from_str(line)
        .map_err(|_| format!("{what}: exit {:?}, not one JSON error: {line}", r.code))?;
    let e = &v["error"];
    if e["exit_code"].as_i64() != r.code.map(i64::from) {
        return Err(format!("{what}: exit {:?} but {v}", r.code));
    }
    // a usage error of this value names the flag and the value
    let msg = e["message"].as_str().unwrap_or_default();
    if e["code"] == "E_USAGE"
        && msg.contains(value)
        && !msg.contains(f.flag.trim_start_matches('-'))
    {
        return Err(format!("{what}: the error does not name the flag: {msg}"));
    }
    Ok(())
}

/// Whether clap (or the command) may start serving with this value: only values it cannot
/// take are run for the flags of a server.
fn refused_at_parse(f: &Flag, value: &str) -> bool {
    let max = match f.flag {
        "--port" => u64::from(u16::MAX),
        "--security-profile" => 3,
        "--baud" | "--fault-after" => u64::from(u32::MAX),
        _ => 604_800_000,
    };
    value.parse::<u64>().map_or(true, |n| n > max)
}

#[test]
fn no_numeric_flag_panics_at_its_edge_values() {
    let data = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for f in FLAGS {
        for v in EDGES {
            if f.serves && !refused_at_parse(f, v) {
                continue;
            }
            if let Err(e) = check(data.path(), f, v) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn values_out_of_range_are_usage_errors_naming_flag_value_and_range() {
    let data = tempfile::tempdir().unwrap();
    for (f, value, range) in [
        (&FLAGS[0], "9223372036854775000", "0 to 604800"),
        (&FLAGS[1], "18446744073709551615", "0 to 604800"),
        (&FLAGS[2], "18446744073709551615", "0 to 604800"),
        (&FLAGS[8], "0", "100 to 1200"),
        (&FLAGS[15], "NaN", "0.001 to 1000"),
        (&FLAGS[17], "+9999999999h", "+10000h"),
        (&FLAGS[17], "+153722867280912930m", "+10000h"),
    ] {
        let r = run(data.path(), f, value);
        assert_eq!(r.code, Some(2), "{value}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.contains(f.flag), "{msg}");
        assert!(msg.contains(value), "{msg}");
        assert!(msg.contains(range), "{msg}");
    }
}

#[test]
fn the_panic_hook_prints_the_json_error_form() {
    let data = tempfile::tempdir().unwrap();
    let o = common::evfield(data.path())
        .args(["--json", "whoami"])
        .env("EVFIELD_TEST_PANIC", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    let v: serde_json::Value = serde_json::from_str(err.trim()).expect("one JSON error");
    assert_eq!(v["error"]["code"], "E_PANIC", "{v}");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(v["error"]["exit_code"], 1);
    // and a person gets the translated line before Rust's own report
    let o = common::evfield(data.path())
        .args(["--lang", "nb", "whoami"])
        .env("EVFIELD_TEST_PANIC", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("en programfeil"), "{err}");
}

fn any_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        any::<u32>().prop_map(|n| format!("+{n}h")),
        any::<u64>().prop_map(|n| format!("+{n}m")),
        any::<u64>().prop_map(|n| format!("+{n}ms")),
        proptest::sample::select(EDGES).prop_map(str::to_string),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_numeric_flag_panics_at_any_value(i in 0..FLAGS.len(), value in any_value()) {
        let f = &FLAGS[i];
        prop_assume!(!f.serves || refused_at_parse(f, &value));
        let data = tempfile::tempdir().unwrap();
        if let Err(e) = check(data.path(), f, &value) {
            prop_assert!(false, "{}", e);
        }
    }
}
