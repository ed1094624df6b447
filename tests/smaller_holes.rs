//! Issue 13, item 9: the smaller holes. Drives the real binary.

mod common;

use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};

use common::{evfield, text};
use evfield::sandbox::demo;
use evfield::session::journal::Journal;

/// A session that stopped in phase 2, as an earlier run would have left it; its journal.
fn unfinished_session(data: &Path, id: &str) -> std::path::PathBuf {
    let dir = data.join("sessions").join(id);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("journal.jsonl");
    let mut j = Journal::create(&path).unwrap();
    let events = [
        (
            "session",
            "session_started",
            json!({ "session_id": id, "tool": "evfield", "version": "0", "demo": false }),
        ),
        (
            "account",
            "answer",
            json!({ "key": "network.url", "value": "https://net.example", "source": "flag" }),
        ),
        ("account", "step_done", json!({ "phase": "account" })),
        (
            "precheck",
            "step_failed",
            json!({ "phase": "precheck", "code": "E_STOP", "message": "stopped here" }),
        ),
    ];
    for (step, kind, data) in events {
        j.append(step, kind, data).unwrap();
    }
    path
}

fn resume_json(data: &Path) -> (i32, Value, String) {
    let o = evfield(data)
        .args(["--json", "renetwork", "--resume", "--non-interactive"])
        .output()
        .unwrap();
    let err = serde_json::from_slice(&o.stderr).unwrap_or(Value::Null);
    (o.status.code().unwrap_or(-1), err, text(&o))
}

#[test]
fn resume_without_an_id_names_a_damaged_newest_session_and_exits_6() {
    let d = tempfile::tempdir().unwrap();
    // nothing at all: still "no unfinished session" (a usage error)
    let (code, err, t) = resume_json(d.path());
    assert_eq!(code, 2, "{t}");
    assert_eq!(err["error"]["code"], "E_NO_SESSION", "{t}");
    // an older healthy session and a newer one whose journal was changed in the middle
    unfinished_session(d.path(), "20260301-090000-aaaaaa");
    let newest = "20260301-101500-bbbbbb";
    let path = unfinished_session(d.path(), newest);
    let body = std::fs::read_to_string(&path).unwrap();
    let changed = body.replacen("https://net.example", "https://evil.example", 1);
    assert_ne!(body, changed);
    std::fs::write(&path, changed).unwrap();
    let (code, err, t) = resume_json(d.path());
    assert_eq!(code, 6, "{t}");
    assert_eq!(err["error"]["code"], "E_SESSION_DAMAGED", "{t}");
    assert_eq!(err["error"]["kind"], "journal", "{t}");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(msg.contains(newest), "{msg}");
    assert!(
        err["error"]["help"]
            .as_str()
            .unwrap()
            .contains("log verify"),
        "{t}"
    );
    // the older session was not taken up behind the installer's back
    let older = std::fs::read_to_string(
        d.path()
            .join("sessions/20260301-090000-aaaaaa/journal.jsonl"),
    )
    .unwrap();
    assert!(!older.contains("session_resumed"), "{older}");
}

/// `batch pinpoint FILE --json` as the demo installer at the sandbox `net`.
fn batch_run(
    data: &Path,
    net: &evfield::sandbox::network::SandboxHandle,
    file: &Path,
    extra: &[&str],
) -> Output {
    evfield(data)
        .args(["--json", "batch", "pinpoint"])
        .arg(file)
        .args(["--network", &net.base_url(), "--user", demo::INSTALLER_USER])
        .args(extra)
        .env("EVFIELD_PASSWORD", demo::INSTALLER_PASSWORD)
        .output()
        .unwrap()
}

/// The mode bits of `p` for group and others.
#[cfg(unix)]
fn open_to_others(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o077
}

#[cfg(unix)]
#[test]
fn batch_creates_the_data_folder_readable_by_the_user_only() {
    use evfield::sandbox::network::{self, SandboxConfig};
    let net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    // a data folder that does not exist yet, two levels down
    let data = d.path().join("fresh").join("data");
    let file = d.path().join("one.csv");
    common::one_row_csv(&file, 1, "EVFB000001", "", "");
    let o = batch_run(&data, &net, &file, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let state_dir = data.join("batch");
    assert!(state_dir.is_dir(), "{}", text(&o));
    for dir in [d.path().join("fresh"), data.clone(), state_dir] {
        assert_eq!(
            open_to_others(&dir),
            0,
            "{} is open to others",
            dir.display()
        );
    }
    // a folder the user names for the state file is left as it is (not made 0700)
    use std::os::unix::fs::PermissionsExt;
    let shared = d.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    let state = shared.join("run.state");
    let o = batch_run(&data, &net, &file, &["--state", state.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(state.is_file(), "{}", text(&o));
    assert_eq!(open_to_others(&shared), 0o055);
}

#[test]
fn a_column_or_key_given_twice_in_a_batch_file_is_refused_and_nothing_is_sent() {
    use evfield::sandbox::network::{self, SandboxConfig};
    let net = network::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let csv = d.path().join("twice.csv");
    common::one_row_csv(&csv, 3, "EVFB000003", ",Serial", ",EVFB999999");
    let jsonl = d.path().join("twice.jsonl");
    let (mac, pw) = network::sandbox_activation(4);
    std::fs::write(
        &jsonl,
        json!({ "mac": mac, "activation_password": pw, "manufacturer": "Evfield",
                "model": "SimCharger 22", "serial": "EVFB000004", "gps": "59.913868,10.752245",
                "address_id": "addr-0001" })
        .to_string()
        .replacen('{', "{\"serial\":\"EVFB999999\",", 1)
            + "\n",
    )
    .unwrap();
    for (file, row, column) in [(&csv, 0, "serial"), (&jsonl, 1, "serial")] {
        let o = batch_run(d.path(), &net, file, &[]);
        assert_eq!(o.status.code(), Some(3), "{}", text(&o));
        let errors: Vec<Value> = String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v["type"] == "row_error")
            .collect();
        assert_eq!(errors.len(), 1, "{}", text(&o));
        assert_eq!(errors[0]["row"], row, "{}", errors[0]);
        assert_eq!(errors[0]["column"], column, "{}", errors[0]);
        assert!(
            errors[0]["message"].as_str().unwrap().contains("twice"),
            "{}",
            errors[0]
        );
    }
    assert!(net.snapshot().stations.is_empty(), "nothing may be sent");
}

#[cfg(unix)]
#[test]
fn log_verify_reports_a_journal_that_is_a_symlink_or_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let journal = unfinished_session(d.path(), "20260301-101500-cccccc");
    let verify = |target: &Path| {
        let o = evfield(d.path())
            .args(["--json", "log", "verify"])
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["valid"], true, "{v}");
        v["warnings"].as_array().unwrap().clone()
    };
    // as evfield writes it: private, nothing to say
    assert_eq!(open_to_others(&journal), 0);
    assert!(verify(&journal).is_empty());
    // readable by the group and others
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o644)).unwrap();
    let w = verify(&journal);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].as_str().unwrap().contains("0644"), "{w:?}");
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o600)).unwrap();
    // a symbolic link to it, named or reached through the session id
    let link = d.path().join("link.jsonl");
    std::os::unix::fs::symlink(&journal, &link).unwrap();
    let w = verify(&link);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].as_str().unwrap().contains("symbolic link"), "{w:?}");
    let moved = d.path().join("elsewhere.jsonl");
    std::fs::rename(&journal, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &journal).unwrap();
    let w = verify(Path::new("20260301-101500-cccccc"));
    assert!(w[0].as_str().unwrap().contains("symbolic link"), "{w:?}");
    // and the human report says it too
    let o = evfield(d.path())
        .args(["log", "verify", "20260301-101500-cccccc"])
        .output()
        .unwrap();
    assert!(text(&o).contains("symbolic link"), "{}", text(&o));
}

#[test]
fn a_user_profile_that_replaces_a_shipped_one_is_said_in_vendors_list() {
    let d = tempfile::tempdir().unwrap();
    let vendors = d.path().join("vendors");
    std::fs::create_dir_all(&vendors).unwrap();
    let list = |lang: &str| {
        let o = evfield(d.path())
            .args(["--lang", lang, "vendors", "list"])
            .env("EVFIELD_VENDORS_DIR", &vendors)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o));
        text(&o)
    };
    // nothing replaced yet
    assert!(!list("en").contains("replaces"), "{}", list("en"));
    // the user's copy of the shipped OpenEVSE profile
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/vendors/openevse.toml");
    let mine = vendors.join("my-openevse.toml");
    std::fs::copy(shipped, &mine).unwrap();
    let t = list("en");
    let at = t.find("openevse").expect("listed");
    let next = t[at..].lines().nth(1).unwrap();
    assert!(next.contains("replaces the built-in profile"), "{t}");
    assert!(next.contains("my-openevse.toml"), "{t}");
    assert_eq!(t.matches("replaces").count(), 1, "{t}");
    assert!(list("nb").contains("erstatter den innebygde profilen"));
}

/// A user profile whose identify command takes a value: in `station info` (a read-only
/// command) the command with its value filled in must still be a reading command of the
/// profile, or nothing is sent (issue 13 item 9: reading steps cannot write to the station).
#[test]
fn a_read_only_command_sends_nothing_that_is_not_a_reading_command() {
    use evfield::sandbox::station::{self, SimOptions, SimState};
    let vendors = tempfile::tempdir().unwrap();
    let shipped = include_str!("../vendors/evfield-sim.toml");
    let profile = shipped
        .replacen("id = \"evfield-sim\"", "id = \"acme-sim\"", 1)
        .replacen(
            "[steps.identify]\n[[steps.identify.run]]\nsend = \"ID\"",
            "[steps.identify]\nask = [{ var = \"what\", key = \"station.mac\", prompt = \"what\" }]\n[[steps.identify.run]]\nsend = \"ID{what}\"",
            1,
        )
        .replacen("reads = ['ID',", "reads = ['ID[A-Z]*',", 1);
    assert_ne!(profile, shipped);
    assert!(profile.contains("ID{what}") && profile.contains("'ID[A-Z]*'"));
    std::fs::write(vendors.path().join("acme-sim.toml"), &profile).unwrap();
    let sim = station::start(SimState::default(), SimOptions::default()).unwrap();
    let data = tempfile::tempdir().unwrap();
    let info = |what: &str| {
        evfield(data.path())
            .env("EVFIELD_VENDORS_DIR", vendors.path())
            .args([
                "--json", "station", "info", "--vendor", "acme-sim", "--port",
            ])
            .arg(sim.path())
            .args(["--given", &format!("what={what}")])
            .output()
            .unwrap()
    };
    let before = sim.commands();
    let r = info("; REBOOT");
    assert!(!r.status.success(), "{}", text(&r));
    let err: Value = serde_json::from_slice(&r.stderr).unwrap_or(Value::Null);
    assert_eq!(err["error"]["code"], "E_READ_ONLY", "{}", text(&r));
    let msg = err["error"]["message"].as_str().unwrap_or("");
    assert!(msg.contains("REBOOT") && msg.contains("acme-sim"), "{msg}");
    assert_eq!(sim.commands(), before, "nothing reached the station");
    // the same profile with a value its pattern takes is sent
    let r = info("X");
    assert_ne!(
        serde_json::from_slice::<Value>(&r.stderr).unwrap_or(Value::Null)["error"]["code"],
        "E_READ_ONLY",
        "{}",
        text(&r)
    );
    assert!(sim.commands() > before, "{}", text(&r));
}
