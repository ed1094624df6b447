//! `evfield replay`, `log verify`, `export` and `import` against real journals: a demo session's
//! and hand-made ones.

mod common;
use common::{archive_entries, write_archive};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};

use evfield::session::journal::Journal;

fn evfield(data: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null())
        .env_remove("EVFIELD_FAILPOINT")
        .env_remove("EVFIELD_JSON")
        .env_remove("EVFIELD_PASSWORD")
        .env_remove("EVFIELD_TOKEN")
        .env("NO_COLOR", "1");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `evfield replay FILE FILTER [--json]` with pieces of `piece` bytes (`0`: one walk): its exit
/// code, stdout and stderr.
fn replay_in(
    data: &Path,
    file: &Path,
    filter: &[&str],
    json: bool,
    piece: &str,
) -> (i32, String, String) {
    let mut c = evfield(data);
    c.arg("replay").arg(file).args(filter);
    if json {
        c.arg("--json");
    }
    c.env("EVFIELD_VERIFY_PIECE", piece);
    let r = run(&mut c);
    (r.code, r.stdout, r.stderr)
}

/// A journal's text as it is (`sound`) and damaged in its middle line: a changed byte
/// (`changed`), the line deleted (`deleted`), doubled (`doubled`) or swapped with the next
/// (`swapped`); or its last line cut short (`cut`). In the order asked.
fn damaged(text: &str, kinds: &[&'static str]) -> Vec<(&'static str, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mid = lines.len() / 2;
    let with = |change: &dyn Fn(&mut Vec<String>)| {
        let mut l: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        change(&mut l);
        l.concat()
    };
    kinds
        .iter()
        .map(|&k| {
            let body = match k {
                "sound" => text.to_string(),
                "changed" => with(&|l| l[mid] = l[mid].replacen("\"seq\"", "\"seq\" ", 1)),
                "deleted" => with(&|l| {
                    l.remove(mid);
                }),
                "doubled" => with(&|l| l.insert(mid, lines[mid].to_string())),
                "swapped" => with(&|l| l.swap(mid, mid + 1)),
                "cut" => text[..text.len() - 9].to_string(),
                other => panic!("no damage called {other}"),
            };
            (k, body)
        })
        .collect()
}

fn run(c: &mut Command) -> Run {
    let o = c.output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into(),
        stderr: String::from_utf8_lossy(&o.stderr).into(),
    }
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// One demo session for the whole file: (data dir, session id, journal path).
fn demo() -> &'static (PathBuf, String, PathBuf) {
    static DEMO: OnceLock<(tempfile::TempDir, (PathBuf, String, PathBuf))> = OnceLock::new();
    &DEMO
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let data = dir.path().join("data");
            let r = run(evfield(&data).args(["renetwork", "--demo", "--json"]));
            assert_eq!(r.code, 0, "demo failed: {}", r.stderr);
            let report: Value = serde_json::from_str(&r.stdout).unwrap();
            let id = report["session_id"].as_str().unwrap().to_string();
            let journal = PathBuf::from(report["journal"].as_str().unwrap());
            (dir, (data, id, journal))
        })
        .1
}

/// A new journal in `dir` with its `session_started` event.
fn started(dir: &Path, id: &str) -> (PathBuf, Journal) {
    let p = dir.join("journal.jsonl");
    let mut j = Journal::create(&p).unwrap();
    j.append(
        "session",
        "session_started",
        json!({"session_id": id, "version": "0", "demo": false, "os": "test"}),
    )
    .unwrap();
    (p, j)
}

/// A journal of `n` events written through the real writer.
fn sample(dir: &Path, n: u64) -> PathBuf {
    let (p, mut j) = started(dir, "sample");
    for i in 1..n {
        j.append(
            "precheck",
            "answer",
            json!({"key": format!("k{i}"), "value": format!("v{i}"), "source": "flag"}),
        )
        .unwrap();
    }
    p
}

#[test]
fn replay_of_a_demo_shows_every_phase_the_port_bytes_and_the_api_calls_in_order() {
    let (data, id, _) = demo();
    let r = run(evfield(data).args(["replay", id, "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = json_lines(&r.stdout);
    let (end, events) = lines.split_last().unwrap();
    assert_eq!(end["type"], "end");
    assert_eq!(end["finished"], true);
    assert_eq!(end["shown"].as_u64().unwrap() as usize, events.len());
    assert!(end["fault"].is_null());
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert!(
        seqs.windows(2).all(|w| w[1] == w[0] + 1),
        "in order, none left out"
    );
    for e in events {
        assert_eq!(e["schema"], 1);
        assert_eq!(e["verified"], true);
    }
    let phases: Vec<&str> = events
        .iter()
        .filter(|e| e["kind"] == "step_started")
        .map(|e| e["phase"].as_str().unwrap())
        .collect();
    let all: Vec<&str> = evfield::session::Phase::ALL
        .iter()
        .map(|p| p.name())
        .collect();
    assert_eq!(phases, all);
    let pos = |pred: &dyn Fn(&Value) -> bool| events.iter().position(pred);
    let id_sent =
        pos(&|e| e["kind"] == "traffic" && e["text"].as_str().unwrap().ends_with("-> ID\\r\\n"))
            .expect("the ID command on the service port");
    let id_answer = pos(&|e| {
        e["kind"] == "traffic"
            && e["data"]["dir"] == "received"
            && e["text"]
                .as_str()
                .unwrap()
                .contains("<- OK manufacturer=Evfield")
    })
    .expect("the station's answer to ID");
    assert!(id_sent < id_answer);
    let submit = pos(&|e| {
        e["kind"] == "api_call"
            && e["text"]
                .as_str()
                .unwrap()
                .starts_with("POST /api/v1/stations -> 201 in ")
    })
    .expect("the pinpoint submission");
    let login = pos(&|e| e["kind"] == "api_call" && e["data"]["path"] == "/api/v1/login").unwrap();
    assert!(login < id_sent && id_answer < submit);
    // Relative times grow with the events (traffic is placed at the time the bytes moved).
    let first = &events[0];
    assert_eq!(first["offset_ms"], 0);
    assert!(events.iter().all(|e| e["offset_ms"].as_i64().unwrap() >= 0));

    // The human timeline shows the same, with absolute and relative times.
    let h = run(evfield(data).args(["replay", id]));
    assert_eq!(h.code, 0, "{}", h.stderr);
    assert!(h.stdout.contains("== phase 8/8: Verify"), "{}", h.stdout);
    assert!(h.stdout.contains("-> ID\\r\\n"));
    assert!(h.stdout.contains("POST /api/v1/stations -> 201 in "));
    assert!(h.stdout.contains(" +0:00.000 "));
    assert!(h.stdout.lines().count() >= events.len());
}

#[test]
fn replay_filters_by_phase_kind_since_and_grep() {
    let (data, id, journal) = demo();
    let only = |args: &[&str]| -> Vec<Value> {
        let mut c = evfield(data);
        c.arg("replay").arg(journal).args(args).arg("--json");
        let r = run(&mut c);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let mut v = json_lines(&r.stdout);
        v.pop();
        v
    };
    let api = only(&["--phase", "pinpoint", "--kind", "api"]);
    assert!(!api.is_empty());
    assert!(
        api.iter()
            .all(|e| e["phase"] == "pinpoint" && e["kind"] == "api_call")
    );

    let two = only(&["--phase", "sim,commission", "--kind", "traffic"]);
    assert!(two.iter().any(|e| e["phase"] == "sim"));
    assert!(two.iter().any(|e| e["phase"] == "commission"));
    assert!(two.iter().all(|e| e["kind"] == "traffic"));

    // a filter shows each event as the whole timeline does, texts that name facts read
    // before (and not shown) included
    let all = only(&[]);
    for kind in ["answer", "checklist_item", "fact"] {
        let some = only(&["--kind", kind]);
        let same: Vec<&Value> = all.iter().filter(|e| e["kind"] == kind).collect();
        assert!(!some.is_empty());
        assert_eq!(some.iter().collect::<Vec<_>>(), same, "{kind}");
    }

    let grep = only(&["--grep", "OCPP (SET|GET)"]);
    assert_eq!(grep.len(), 2, "{grep:?}");

    let all = only(&[]);
    let mid = &all[all.len() / 2];
    let since = only(&["--since", mid["time"].as_str().unwrap()]);
    assert!(!since.is_empty() && since.len() < all.len());
    assert!(
        since
            .iter()
            .all(|e| e["time"].as_str() >= mid["time"].as_str())
    );
    let late = only(&["--since", "+10h"]);
    assert!(late.is_empty());

    // By id prefix too, and bad filters are named.
    let r = run(evfield(data).args(["replay", &id[..12], "--phase", "lunch", "--json"]));
    assert_eq!(r.code, 2);
    let err: Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert_eq!(err["error"]["code"], "E_REPLAY_PHASE");
    let r = run(evfield(data).args(["replay", id, "--since", "yesterday"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--since"), "{}", r.stderr);
    let r = run(evfield(data).args(["replay", "no-such-session"]));
    assert_eq!(r.code, 8, "{}", r.stderr);
}

fn verify_json(data: &Path, file: &Path) -> (i32, Value) {
    let r = run(evfield(data)
        .arg("log")
        .arg("verify")
        .arg(file)
        .arg("--json"));
    let v = serde_json::from_str(&r.stdout).unwrap_or(Value::Null);
    (r.code, v)
}

#[test]
fn log_verify_names_a_changed_byte_a_deleted_line_a_reordered_line_and_a_cut_last_line() {
    let d = tempfile::tempdir().unwrap();
    let p = sample(d.path(), 6);
    let (code, v) = verify_json(d.path(), &p);
    assert_eq!(code, 0);
    assert_eq!(v["valid"], true);
    assert_eq!(v["events"], 6);
    let text = std::fs::read_to_string(&p).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let offset = |i: usize| lines[..i].iter().map(|l| l.len() + 1).sum::<usize>() as u64;
    let write = |name: &str, content: String| {
        let f = d.path().join(name);
        std::fs::write(&f, content).unwrap();
        f
    };
    let join = |ls: &[&str]| ls.iter().map(|l| format!("{l}\n")).collect::<String>();

    // A changed byte in event 3.
    let changed = write("changed.jsonl", text.replacen("\"v3\"", "\"v8\"", 1));
    let (code, v) = verify_json(d.path(), &changed);
    assert_eq!(code, 6);
    assert_eq!(v["valid"], false);
    assert_eq!(v["fault"]["class"], "changed");
    assert_eq!(v["fault"]["seq"], 3);
    assert_eq!(v["fault"]["offset"], offset(3));
    assert_eq!(v["fault"]["line"], 4);

    // Event 2 deleted.
    let deleted = write(
        "deleted.jsonl",
        join(&[lines[0], lines[1], lines[3], lines[4], lines[5]]),
    );
    let (code, v) = verify_json(d.path(), &deleted);
    assert_eq!(code, 6);
    assert_eq!(v["fault"]["class"], "missing");
    assert_eq!(v["fault"]["seq"], 2);
    assert_eq!(v["fault"]["offset"], offset(2));
    assert!(
        v["fault"]["what"]
            .as_str()
            .unwrap()
            .contains("event 2 is missing")
    );

    // Events 3 and 4 swapped.
    let swapped = write(
        "swapped.jsonl",
        join(&[lines[0], lines[1], lines[2], lines[4], lines[3], lines[5]]),
    );
    let (code, v) = verify_json(d.path(), &swapped);
    assert_eq!(code, 6);
    assert_eq!(v["fault"]["class"], "reordered");
    assert_eq!(v["fault"]["seq"], 3);
    assert_eq!(v["fault"]["offset"], offset(3));

    // The last line cut short.
    let cut = write("cut.jsonl", text[..text.len() - 20].to_string());
    let (code, v) = verify_json(d.path(), &cut);
    assert_eq!(code, 6);
    assert_eq!(v["fault"]["class"], "truncated");
    assert_eq!(v["fault"]["seq"], 5);
    assert_eq!(v["fault"]["offset"], offset(5));

    // The human form names the event, the line and the byte offset.
    let r = run(evfield(d.path()).arg("log").arg("verify").arg(&changed));
    assert_eq!(r.code, 6);
    assert!(
        r.stdout.contains(&format!(
            "TAMPERED journal {}: first bad event 3 (line 4, byte offset {})",
            changed.display(),
            offset(3)
        )),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("E_JOURNAL_TAMPERED"), "{}", r.stderr);
}

#[test]
fn log_verify_says_unreadable_apart_from_tampered() {
    let d = tempfile::tempdir().unwrap();
    let r = run(evfield(d.path()).args(["log", "verify", "/nonexistent/journal.jsonl", "--json"]));
    assert_eq!(r.code, 8, "{}", r.stderr);
    let err: Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert_eq!(err["error"]["kind"], "unreadable");

    let png = d.path().join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\nnot a journal at all\n").unwrap();
    let r = run(evfield(d.path()).arg("log").arg("verify").arg(&png));
    assert_eq!(r.code, 8, "{}", r.stderr);
    assert!(r.stderr.contains("E_NOT_A_JOURNAL"), "{}", r.stderr);

    let empty = d.path().join("empty.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let r = run(evfield(d.path()).arg("log").arg("verify").arg(&empty));
    assert_eq!(r.code, 8);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = sample(d.path(), 2);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        // root reads anything; only check when the permission really bites.
        if std::fs::File::open(&p).is_err() {
            let r = run(evfield(d.path()).arg("log").arg("verify").arg(&p));
            assert_eq!(r.code, 8);
        }
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn export_masks_the_activation_password_and_the_bundle_verifies_replays_and_imports() {
    let (data, id, journal) = demo();
    let d = tempfile::tempdir().unwrap();
    let bundle = d.path().join("support.tar.gz");
    let r = run(evfield(data)
        .args(["export", id, "--json", "-o"])
        .arg(&bundle)
        .env(
            "EVFIELD_PASSWORD",
            evfield::sandbox::demo::INSTALLER_PASSWORD,
        ));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rep: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rep["schema"], 1);
    assert_eq!(rep["journal_valid"], true);
    assert!(rep["masked_lines"].as_u64().unwrap() >= 2, "{rep}");

    // The original journal holds the password (answer and sticker URL); the bundle nowhere.
    let original = std::fs::read(journal).unwrap();
    let password = evfield::sandbox::demo::ANSWERS
        .lines()
        .find_map(|l| l.trim().strip_prefix("password = "))
        .map(|v| v.trim_matches('"').to_string())
        .unwrap_or_else(|| "K7+9/QF=2".to_string());
    let encoded = "K7%2B9%2FQF%3D2";
    assert!(contains(&original, &password) && contains(&original, encoded));
    let entries = archive_entries(&bundle);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    let top = format!("evfield-{id}");
    assert_eq!(names[0], format!("{top}/export.json"));
    assert_eq!(names[1], format!("{top}/journal.jsonl"));
    assert!(names.contains(&format!("{top}/photos/before.png").as_str()));
    assert!(names.contains(&format!("{top}/photos/pinpoint.png").as_str()));
    for (name, bytes) in &entries {
        for secret in [
            password.as_str(),
            encoded,
            &encoded.to_lowercase(),
            evfield::sandbox::demo::INSTALLER_PASSWORD,
        ] {
            assert!(!contains(bytes, secret), "{secret} in {name}");
        }
    }
    let manifest: Value = serde_json::from_slice(&entries[0].1).unwrap();
    assert_eq!(manifest["format"], "evfield-support-bundle");
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        manifest["station"]["serial"],
        evfield::sandbox::demo::SERIAL
    );
    assert_eq!(manifest["summary"]["state"], "done");
    let masked_journal = String::from_utf8(entries[1].1.clone()).unwrap();
    // the secrets' places hold their commitments; the texts and salts are gone
    assert!(masked_journal.contains("[sealed:"));
    assert!(!masked_journal.contains("\"sealed\":"));

    // The support side: verify, replay and import straight from the bundle.
    let (code, v) = verify_json(data, &bundle);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["valid"], true);
    assert_eq!(v["masked_lines"], rep["masked_lines"]);
    let orig = verify_json(data, journal).1;
    assert_eq!(
        v["last_hash"], orig["last_hash"],
        "the same last hash as the installer's journal"
    );

    let r = run(evfield(data)
        .arg("replay")
        .arg(&bundle)
        .args(["--kind", "answer", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let answers = json_lines(&r.stdout);
    let pw = answers
        .iter()
        .find(|e| e["data"]["key"] == "activation.password")
        .unwrap();
    assert_eq!(pw["data"]["value"], "[masked]");

    let support = tempfile::tempdir().unwrap();
    let r = run(evfield(support.path())
        .arg("import")
        .arg(&bundle)
        .arg("--json"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let imp: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(imp["verify"]["valid"], true);
    assert_eq!(imp["already_imported"], false);
    let r = run(evfield(support.path()).args(["replay", id, "--kind", "traffic", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(json_lines(&r.stdout).len() > 5);
    let r = run(evfield(support.path())
        .arg("import")
        .arg(&bundle)
        .arg("--json"));
    assert_eq!(r.code, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap()["already_imported"],
        true
    );

    // Changes after the export show: in a masked line, in another line, and a line cut off the end.
    let tamper = |name: &str, f: &dyn Fn(&str) -> String| {
        let mut e = entries.clone();
        e[1].1 = f(&masked_journal).into_bytes();
        let p = d.path().join(name);
        write_archive(&p, &e);
        verify_json(data, &p)
    };
    let (code, v) = tamper("masked-line.tar.gz", &|j| {
        j.replacen("[sealed:", "[sealed: ", 1)
    });
    assert_eq!(code, 6, "{v}");
    assert_eq!(v["fault"]["class"], "changed");
    assert_eq!(v["fault"]["at_export"], false);
    let (code, v) = tamper("other-line.tar.gz", &|j| {
        j.replacen("Sentrum P-hus", "Sentrum P-hut", 1)
    });
    assert_eq!(code, 6);
    assert_eq!(v["fault"]["class"], "changed");
    let (code, v) = tamper("last-line.tar.gz", &|j| {
        let mut ls: Vec<&str> = j.lines().collect();
        ls.pop();
        ls.iter().map(|l| format!("{l}\n")).collect()
    });
    assert_eq!(code, 6, "{v}");
    assert_eq!(v["fault"]["class"], "missing");
}

#[test]
fn a_damaged_journal_replays_to_the_end_with_the_rest_marked_unverified() {
    let d = tempfile::tempdir().unwrap();
    let p = sample(d.path(), 5);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replacen("\"v2\"", "\"vX\"", 1)).unwrap();
    let r = run(evfield(d.path()).arg("replay").arg(&p).arg("--json"));
    assert_eq!(r.code, 6, "{}", r.stderr);
    let lines = json_lines(&r.stdout);
    let verified: Vec<bool> = lines[..5]
        .iter()
        .map(|e| e["verified"].as_bool().unwrap())
        .collect();
    assert_eq!(verified, [true, true, false, false, false]);
    assert_eq!(lines[5]["type"], "end");
    assert_eq!(lines[5]["fault"]["seq"], 2);
    let err: Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert_eq!(err["error"]["code"], "E_JOURNAL_TAMPERED");
}

/// Lines of a child's stdout, through a channel, so a test can wait on them with a deadline.
fn line_reader(out: std::process::ChildStdout) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines() {
            match l {
                Ok(l) => {
                    if tx.send(l).is_err() {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
    });
    rx
}

fn wait_for(
    rx: &std::sync::mpsc::Receiver<String>,
    what: &str,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let l = rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("timed out waiting for {what}"));
        let v: Value = serde_json::from_str(&l).unwrap();
        if pred(&v) {
            return v;
        }
    }
}

/// `replay --follow --json` of `p`, once it has shown the first event.
fn follow(d: &Path, p: &Path) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut child = evfield(d)
        .arg("replay")
        .arg(p)
        .args(["--follow", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = line_reader(child.stdout.take().unwrap());
    wait_for(&rx, "session_started", |v| v["kind"] == "session_started");
    (child, rx)
}

/// The exit status of a child that must end within 20 s.
fn exits(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        assert!(Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn follow_shows_events_as_they_are_written_and_ends_at_session_done() {
    let d = tempfile::tempdir().unwrap();
    let (p, mut j) = started(d.path(), "live");
    let (mut child, rx) = follow(d.path(), &p);
    j.append(
        "account",
        "step_started",
        json!({"phase": "account", "number": 1}),
    )
    .unwrap();
    wait_for(&rx, "step_started", |v| v["kind"] == "step_started");
    // A line written in two parts is shown once it is whole.
    let before = std::fs::read(&p).unwrap();
    j.append(
        "account",
        "fact",
        json!({"key": "account.installer", "value": "Live Installer"}),
    )
    .unwrap();
    let after = std::fs::read(&p).unwrap();
    let new_line = after[before.len()..].to_vec();
    std::fs::write(&p, &before).unwrap();
    let mut f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
    f.write_all(&new_line[..20]).unwrap();
    f.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300)); // let the follower see the half line
    f.write_all(&new_line[20..]).unwrap();
    drop(f);
    let fact = wait_for(&rx, "the fact", |v| v["kind"] == "fact");
    assert_eq!(fact["data"]["value"], "Live Installer");
    assert_eq!(fact["verified"], true);
    j.append("session", "session_done", json!({})).unwrap();
    wait_for(&rx, "session_done", |v| v["kind"] == "session_done");
    let end = wait_for(&rx, "the end line", |v| v["type"] == "end");
    assert_eq!(end["finished"], true);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "follow did not end at session_done"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
}

#[test]
fn play_reshows_the_port_traffic_with_its_timing() {
    let d = tempfile::tempdir().unwrap();
    let (p, mut j) = started(d.path(), "play");
    let t0 = chrono::Utc::now();
    for (i, (dir, text)) in [
        ("sent", "ID\\r\\n"),
        ("received", "OK serial=1\\r\\n"),
        ("sent", "SIM\\r\\n"),
    ]
    .iter()
    .enumerate()
    {
        let at = t0 + chrono::Duration::milliseconds(800 * i as i64);
        j.append(
            "precheck",
            "traffic",
            json!({"port": "/dev/ttyUSB0", "dir": dir, "text": text,
                   "at": at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)}),
        )
        .unwrap();
        j.append(
            "precheck",
            "fact",
            json!({"key": format!("k{i}"), "value": 1}),
        )
        .unwrap();
    }
    let start = Instant::now();
    let r = run(evfield(d.path())
        .arg("replay")
        .arg(&p)
        .args(["--play", "--speed", "2"]));
    let took = start.elapsed();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "only the traffic: {}", r.stdout);
    assert!(lines[0].ends_with("-> ID\\r\\n"), "{}", lines[0]);
    assert!(lines[1].ends_with("<- OK serial=1\\r\\n"));
    // 1.6 s of traffic at double speed: about 0.8 s.
    assert!(took >= Duration::from_millis(750), "played in {took:?}");
    assert!(took < Duration::from_secs(10), "played in {took:?}");
    // Gaps are capped.
    let start = Instant::now();
    let r = run(evfield(d.path())
        .arg("replay")
        .arg(&p)
        .args(["--play", "--max-gap", "0.05"]));
    assert_eq!(r.code, 0);
    assert!(start.elapsed() < took + Duration::from_secs(5));
}

/// A large journal, encoded directly (no fsync per event).
fn large(dir: &Path, n: u64, width: usize) -> PathBuf {
    use evfield::session::journal::{GENESIS, encode};
    let p = dir.join("large.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    let mut prev = GENESIS.to_string();
    let time = "2026-03-01T10:00:00.000Z";
    for seq in 0..n {
        let (kind, data) = if seq == 0 {
            (
                "session_started",
                json!({"session_id": "large", "version": "0"}),
            )
        } else {
            (
                "traffic",
                json!({"port": "/dev/ttyUSB0", "dir": "received", "at": time,
                               "text": format!("OK line={seq} {}\\r\\n", "x".repeat(width))}),
            )
        };
        let step = if seq == 0 { "session" } else { "precheck" };
        let (line, hash) = encode(seq, time, step, kind, &data, &prev);
        writeln!(w, "{line}").unwrap();
        prev = hash;
    }
    w.flush().unwrap();
    p
}

#[test]
fn a_closed_pipe_ends_the_replay_quietly() {
    let d = tempfile::tempdir().unwrap();
    let p = large(d.path(), 20_000, 60);
    for json in [false, true] {
        closed_pipe(d.path(), &p, json, &[]);
        // in pieces (a filter by kind, pieces of 4 KiB): the pieces stop too
        let pieces = ["--kind", "traffic"];
        closed_pipe(d.path(), &p, json, &pieces);
    }
}

fn closed_pipe(d: &Path, p: &Path, json: bool, args: &[&str]) {
    let mut c = evfield(d);
    if !args.is_empty() {
        c.env("EVFIELD_VERIFY_PIECE", "4096");
    }
    let mut child = c
        .arg("replay")
        .arg(p)
        .args(args)
        .args(json.then_some("--json"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(!first.is_empty());
    drop(out); // like `| head -1`
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr).trim().is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn memory_stays_flat_however_large_the_journal() {
    let d = tempfile::tempdir().unwrap();
    let p = large(d.path(), 12_000, 4000); // about 48 MB
    let size = std::fs::metadata(&p).unwrap().len();
    assert!(size > 45 << 20, "{size}");
    for args in [&["replay", "--json"][..], &["log", "verify"][..]] {
        let mut c = evfield(d.path());
        c.args(args)
            .arg(&p)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[allow(clippy::zombie_processes)] // reaped by wait4 below
        let child = c.spawn().unwrap();
        // SAFETY: wait4 on our own child's pid with valid out-pointers.
        let (status, rss_kb) = unsafe {
            let mut status = 0;
            let mut ru: libc::rusage = std::mem::zeroed();
            let r = libc::wait4(child.id() as i32, &mut status, 0, &mut ru);
            assert_eq!(r, child.id() as i32);
            (status, ru.ru_maxrss)
        };
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{args:?}"
        );
        eprintln!("{args:?}: {rss_kb} kB");
        assert!(
            rss_kb < 24 * 1024,
            "{args:?} used {rss_kb} kB for a {} MB journal",
            size >> 20
        );
    }
}

#[test]
fn a_damaged_journal_exports_as_it_is_and_the_bundle_says_so() {
    let d = tempfile::tempdir().unwrap();
    let session = d.path().join("data/sessions/20260301-101500-abcdef");
    std::fs::create_dir_all(session.join("photos")).unwrap();
    let p = sample(&session, 5);
    std::fs::write(session.join("photos/before.png"), b"\x89PNG\r\n\x1a\nphoto").unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replacen("\"v3\"", "\"vX\"", 1)).unwrap();
    let data = d.path().join("data");
    let bundle = d.path().join("b.tar.gz");
    let r = run(evfield(&data)
        .args(["export", "20260301", "--json", "-o"])
        .arg(&bundle));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rep: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(rep["journal_valid"], false);
    assert_eq!(rep["journal_fault"]["seq"], 3);
    let (code, v) = verify_json(&data, &bundle);
    assert_eq!(code, 6);
    assert_eq!(v["fault"]["seq"], 3);
    assert_eq!(v["fault"]["at_export"], true, "already so when exported");

    // A photo changed after the export is named by the import.
    let mut entries = archive_entries(&bundle);
    let photo = entries
        .iter_mut()
        .find(|(n, _)| n.ends_with("photos/before.png"))
        .unwrap();
    photo.1.extend_from_slice(b"edited");
    let edited = d.path().join("edited.tar.gz");
    write_archive(&edited, &entries);
    let support = d.path().join("support");
    let r = run(evfield(&support).arg("import").arg(&edited).arg("--json"));
    assert_eq!(r.code, 6, "{}", r.stderr);
    let imp: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(imp["files_changed"], json!(["photos/before.png"]));

    // Not a bundle at all.
    let junk = d.path().join("junk.tar.gz");
    std::fs::write(&junk, b"\x1f\x8b\x08\x00garbage").unwrap();
    let r = run(evfield(&data).arg("log").arg("verify").arg(&junk));
    assert_eq!(r.code, 8, "{}", r.stderr);
    let r = run(evfield(&data).arg("import").arg(&junk));
    assert_eq!(r.code, 8, "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_a_follow_quietly() {
    let d = tempfile::tempdir().unwrap();
    let (p, _j) = started(d.path(), "live");
    let (mut child, _rx) = follow(d.path(), &p);
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = exits(&mut child, "follow did not end on Ctrl-C");
    assert_eq!(status.code(), Some(0));
}

/// `log verify` of a journal cut into many pieces (EVFIELD_VERIFY_PIECE: a few hundred bytes,
/// so every join of the pieces is tried) says exactly what it says in one walk: a sound demo
/// journal, and the same with a changed byte, a deleted, a doubled and a swapped line and a cut
/// last line, each in the middle of the journal, in English and as JSON.
#[test]
fn log_verify_in_pieces_says_what_one_walk_says() {
    let (_, _, journal) = demo();
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(journal).unwrap();
    let events = text.split_inclusive('\n').count();
    assert!(events > 40, "{events} events");
    let cases = damaged(
        &text,
        &["sound", "changed", "deleted", "doubled", "swapped", "cut"],
    );
    for (what, body) in cases {
        let p = d.path().join(format!("{what}.jsonl"));
        std::fs::write(&p, &body).unwrap();
        for json in [false, true] {
            let verify = |piece: Option<&str>| {
                let mut c = evfield(d.path());
                c.args(["log", "verify"]).arg(&p);
                if json {
                    c.arg("--json");
                }
                match piece {
                    Some(n) => c.env("EVFIELD_VERIFY_PIECE", n),
                    None => c.env_remove("EVFIELD_VERIFY_PIECE"),
                };
                let r = run(&mut c);
                (r.code, r.stdout, r.stderr)
            };
            let one = verify(None);
            assert_eq!(one.0 == 0, what == "sound", "{what}: {}", one.2);
            for piece in ["1", "300", "777", "4096"] {
                assert_eq!(verify(Some(piece)), one, "{what}, pieces of {piece} bytes");
            }
        }
    }
}

/// `replay` of a journal cut into many pieces (EVFIELD_VERIFY_PIECE) prints exactly what the
/// one walk prints (EVFIELD_VERIFY_PIECE=0), with filters (by kind, with a phase, `--grep`,
/// `--since`) and without, in English and as JSON, on a sound demo journal and on the same
/// with a changed byte, a deleted line and a cut last line in the middle (the rest shown
/// unverified after the fault, the same exit code and notes).
#[test]
fn replay_in_pieces_prints_what_one_walk_prints() {
    let (_, _, journal) = demo();
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(journal).unwrap();
    let cases = damaged(&text, &["sound", "changed", "deleted", "cut"]);
    let filters: &[&[&str]] = &[
        &["--kind", "step_done"],
        &["--kind", "session_abandoned"],
        &["--kind", "facts,traffic,step_started"],
        &[
            "--kind",
            "fact,step_done,session_done",
            "--phase",
            "precheck,session",
        ],
        &["--kind", "fact,api", "--grep", "[aeiou]t"],
        &["--kind", "api_call,step_started,traffic", "--since", "+1s"],
        &["--kind", "answer"],
        &[],
    ];
    for (what, body) in cases {
        let p = d.path().join(format!("{what}.jsonl"));
        std::fs::write(&p, &body).unwrap();
        for json in [false, true] {
            for filter in filters {
                let replay = |piece: &str| replay_in(d.path(), &p, filter, json, piece);
                let one = replay("0");
                assert_eq!(
                    one.0 == 0,
                    matches!(what, "sound" | "cut"),
                    "{what}: {}",
                    one.2
                );
                if *filter == ["--kind", "step_done"] {
                    assert!(one.1.contains("step_done"), "{what} {filter:?}: {}", one.1);
                }
                for piece in ["1", "300", "4096"] {
                    assert_eq!(
                        replay(piece),
                        one,
                        "{what}, {filter:?}, json {json}, pieces of {piece} bytes"
                    );
                }
            }
        }
    }
}

/// A journal over three days (events around midnight, traffic whose bytes moved on another day
/// than it was written, traffic whose own time cannot be read), replayed in pieces of many
/// sizes: the date lines, offsets and `--since` are the one walk's, also when a piece starts
/// on a new day or on the same day as the piece before, sound and with a changed line.
#[test]
fn replay_in_pieces_dates_lines_as_one_walk() {
    use evfield::session::journal::{GENESIS, encode};
    let d = tempfile::tempdir().unwrap();
    let mut body = String::new();
    let mut prev = GENESIS.to_string();
    let mut push = |seq: u64, time: &str, step: &str, kind: &str, data: Value| {
        let (line, hash) = encode(seq, time, step, kind, &data, &prev);
        body.push_str(&line);
        body.push('\n');
        prev = hash;
    };
    push(
        0,
        "2026-03-01T23:59:58.000Z",
        "session",
        "session_started",
        json!({"session_id": "days", "version": "0", "demo": false, "os": "test"}),
    );
    let mut seq = 1;
    for day in 1..=3 {
        for (i, hour) in [0, 7, 23].into_iter().enumerate() {
            let time = format!("2026-03-0{day}T{hour:02}:5{i}:00.000Z");
            push(
                seq,
                &time,
                "precheck",
                "fact",
                json!({"key": "k", "value": seq}),
            );
            seq += 1;
            let at = format!("2026-02-28T12:00:0{i}.000Z");
            let data = json!({"port": "p", "dir": "sent", "text": "AT", "at": at});
            push(seq, &time, "precheck", "traffic", data);
            seq += 1;
            push(
                seq,
                &time,
                "precheck",
                "step_done",
                json!({"phase": "precheck"}),
            );
            seq += 1;
        }
        // traffic whose own time cannot be read: its line's time is taken
        let data = json!({"port": "p", "dir": "got", "text": "OK", "at": "soon"});
        let time = format!("2026-03-0{day}T23:59:00.000Z");
        push(seq, &time, "precheck", "traffic", data);
        seq += 1;
    }
    push(
        seq,
        "2026-03-04T00:00:01.000Z",
        "session",
        "session_done",
        json!({}),
    );
    let lines: Vec<String> = body.split_inclusive('\n').map(str::to_string).collect();
    let mut changed = lines.clone();
    changed[20] = changed[20].replacen("\"seq\"", "\"seq\" ", 1);
    let filters: &[&[&str]] = &[
        &["--kind", "step_done"],
        &["--kind", "traffic,session_done"],
        &["--kind", "fact,step_done", "--since", "+7h"],
        &["--kind", "fact", "--since", "2026-03-02T07:00:00Z"],
    ];
    for (what, text) in [("sound", body.clone()), ("changed", changed.concat())] {
        let p = d.path().join(format!("{what}.jsonl"));
        std::fs::write(&p, &text).unwrap();
        for json in [false, true] {
            for filter in filters {
                let replay = |piece: &str| replay_in(d.path(), &p, filter, json, piece);
                let one = replay("0");
                assert_eq!(one.0 == 0, what == "sound", "{what}: {}", one.2);
                if !json && filter[1] == "step_done" {
                    assert_eq!(one.1.matches(" (UTC)").count(), 3, "{}", one.1);
                }
                for piece in ["1", "150", "400", "900", "2000"] {
                    assert_eq!(
                        replay(piece),
                        one,
                        "{what}, {filter:?}, json {json}, pieces of {piece} bytes"
                    );
                }
            }
        }
    }
}
