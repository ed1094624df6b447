//! Records that hold (issue 13 items 1–3, issue 12 item 8): one writer per session, concurrent
//! syncs, exports of a running session, bundles where any change fails, secrets masked in every
//! line and encoding. Every test drives the real binary; waits are on events, never sleeps.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Stdio};

use common::{evfield, text, wait_for_lines};
use serde_json::Value;

use evfield::network::outbox::EntryState;
use evfield::sandbox::demo;
use evfield::sandbox::network::{self as sandbox, SandboxConfig};

fn session_id(journal: &Path) -> String {
    journal
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn stop(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

/// A paused child that is killed however the test ends (a failed assertion too), so that no
/// paused evfield is left behind.
struct Paused(Option<Child>);

impl Paused {
    fn id(&self) -> u32 {
        self.0.as_ref().map_or(0, Child::id)
    }
    fn stop(mut self) {
        if let Some(c) = self.0.take() {
            stop(c);
        }
    }
}

impl Drop for Paused {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn log_verify(data: &Path, target: &Path) -> (i32, Value, String) {
    let o = evfield(data)
        .args(["--json", "log", "verify"])
        .arg(target)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        serde_json::from_slice(&o.stdout).unwrap_or(Value::Null),
        text(&o),
    )
}

/// `evfield export JOURNAL -o DATA/NAME.tar.gz`, which must succeed, then `log verify` of the
/// bundle, which must say valid; its report.
fn export_and_verify(data: &Path, journal: &Path, name: &str) -> Value {
    let out = data.join(format!("{name}.tar.gz"));
    let o = evfield(data)
        .args(["--json", "export"])
        .arg(journal)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "export {name}: {}", text(&o));
    let (code, v, t) = log_verify(data, &out);
    assert_eq!(code, 0, "export {name} does not verify: {t}");
    v
}

#[test]
fn a_second_writer_of_a_session_is_refused_with_the_holder_named() {
    let d = tempfile::tempdir().unwrap();
    let (first, journal) = common::paused_demo(d.path(), 20);
    stop(first);
    let id = session_id(&journal);
    let lines = journal_lines(&journal);

    // the first resume holds the session (paused right after its session_resumed event)
    let mut a = evfield(d.path())
        .args(["--json", "renetwork", "--resume", &id])
        .env("EVFIELD_FAILPOINT", format!("pause-after:{}", lines + 2))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_lines(d.path(), lines + 3, &mut a);
    let a = Paused(Some(a));

    // the second, at the same time: refused, naming the session and the holder
    let o = evfield(d.path())
        .args(["renetwork", "--resume", &id])
        .output()
        .unwrap();
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("E_SESSION_LOCKED"), "{t}");
    assert!(t.contains(&id), "the session is named: {t}");
    assert!(t.contains(&a.id().to_string()), "the holder's pid: {t}");
    assert!(t.contains("renetwork"), "what the holder does: {t}");
    assert!(t.contains(" since 20"), "since when: {t}");
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--resume", &id])
        .output()
        .unwrap();
    let err: Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_SESSION_LOCKED", "{err}");
    assert_eq!(
        journal_lines(&journal),
        lines + 3,
        "the refused one wrote nothing"
    );
    assert!(common::journal_verifies(&journal));

    // once the holder is gone, the session resumes and finishes, its journal sound
    a.stop();
    let o = evfield(d.path())
        .args(["--json", "renetwork", "--resume", &id])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(common::journal_verifies(&journal));
}

fn journal_lines(journal: &Path) -> usize {
    std::fs::read(journal)
        .unwrap()
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
}

#[test]
fn concurrent_syncs_leave_every_accepted_entry_done() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = common::logged_in(&net);
    let n = 16u32;
    let ob = common::fill_outbox(d.path(), &net.base_url(), n, "LOCK");
    let syncs: Vec<Child> = (0..3)
        .map(|_| {
            evfield(d.path())
                .args(["--json", "sync"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in syncs {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", text(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        for e in v["entries"].as_array().unwrap() {
            assert_eq!(e["state"], "done", "{e}");
        }
    }
    let state = net.snapshot();
    assert_eq!(state.stations.len(), n as usize, "one station per entry");
    for e in ob.list().unwrap() {
        assert_eq!(
            e.state,
            EntryState::Done,
            "{} was left {:?}",
            e.key,
            e.state
        );
        assert!(e.station_id.is_some());
        // sent by one sync only: the others waited for it and found it done
        assert_eq!(e.replayed, Some(false), "{} was submitted twice", e.key);
    }
}

#[test]
fn an_export_of_a_running_session_takes_a_snapshot_that_verifies() {
    let d = tempfile::tempdir().unwrap();
    let (child, journal) = common::paused_demo(d.path(), 40);
    let child = Paused(Some(child));
    // a line being written at this very moment (the writer holds the lock)
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    f.write_all(b"{\"v\":2,\"seq\":41,\"time\":\"2026-")
        .unwrap();
    drop(f);
    let v = export_and_verify(d.path(), &journal, "live");
    assert_eq!(v["events"], 41, "{v}");
    child.stop();
}

#[test]
fn exports_taken_while_a_session_runs_all_verify() {
    let d = tempfile::tempdir().unwrap();
    let mut child = evfield(d.path())
        .args(["--json", "renetwork", "--demo"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal = wait_for_lines(d.path(), 2, &mut child);
    let mut taken = 0;
    let mut i = 0;
    while child.try_wait().unwrap().is_none() || taken < 3 {
        i += 1;
        export_and_verify(d.path(), &journal, &format!("b{i}"));
        taken += 1;
    }
    assert!(child.wait().unwrap().success());
}

/// Every form a secret could take in a bundle: as is, URL-encoded 1 to 5 times (both cases of
/// hex), base64, JSON-escaped.
fn secret_forms(secret: &str) -> Vec<String> {
    use base64::Engine as _;
    let mut v = vec![secret.to_string()];
    let mut e = secret.to_string();
    for _ in 0..5 {
        e = evfield::sticker::url_encode(&e);
        v.push(e.clone());
        v.push(e.to_lowercase());
    }
    v.push(base64::engine::general_purpose::STANDARD.encode(secret));
    let j = serde_json::to_string(secret).unwrap();
    v.push(j[1..j.len() - 1].to_string());
    v
}

fn assert_no_secret(bundle: &Path, secrets: &[&str]) {
    for (name, bytes) in common::archive_entries(bundle) {
        let hay = String::from_utf8_lossy(&bytes);
        for s in secrets {
            for f in secret_forms(s) {
                assert!(!hay.contains(&f), "{f:?} (a form of {s:?}) in {name}");
            }
        }
    }
}

/// A whole demo session in `data`: its report and journal.
fn finished_demo(data: &Path) -> (Value, std::path::PathBuf) {
    let o = evfield(data)
        .args(["--json", "renetwork", "--demo"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let journal = Path::new(report["journal"].as_str().unwrap()).to_path_buf();
    (report, journal)
}

const SITE_ACCESS: &str = "Key at the reception desk; gate code 2468";

#[test]
fn a_demo_bundle_holds_no_secret_and_any_change_to_a_masked_line_fails() {
    let d = tempfile::tempdir().unwrap();
    let (_, journal) = finished_demo(d.path());
    let original = std::fs::read_to_string(&journal).unwrap();
    assert!(
        original.contains(SITE_ACCESS),
        "the session keeps its own secrets"
    );
    let v = export_and_verify(d.path(), &journal, "demo");
    assert_eq!(v["valid"], true);
    assert!(v["masked_lines"].as_u64().unwrap() >= 3, "{v}");
    let bundle = d.path().join("demo.tar.gz");
    assert_no_secret(&bundle, &[demo::ACTIVATION_PASSWORD, SITE_ACCESS]);

    // the support side sees the site access notes masked, as the activation password
    let o = evfield(d.path())
        .args(["--json", "replay", "--kind", "answer"])
        .arg(&bundle)
        .output()
        .unwrap();
    let answers: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for key in ["precheck.site_access", "activation.password"] {
        let a = answers.iter().find(|e| e["data"]["key"] == key).unwrap();
        assert_eq!(a["data"]["value"], "[masked]", "{key}");
    }

    // the multimeter reading 0.2 → 48.0, with the line listed as masked in the bundle's own
    // record (and its digest after the edit), as an attacker would: not valid
    let mut e = common::archive_entries(&bundle);
    let j = String::from_utf8(e[1].1.clone()).unwrap();
    let (seq, line) = j
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"safety.voltage\""))
        .unwrap();
    assert!(line.contains("\"0.2\""), "{line}");
    let edited = line.replace("\"0.2\"", "\"48.0\"");
    e[1].1 = j.replacen(line, &edited, 1).into_bytes();
    let mut record: Value = serde_json::from_slice(&e[0].1).unwrap();
    record["masking"]["lines"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"seq": seq, "sha256": hex::encode(<sha2::Sha256 as sha2::Digest>::digest(edited.as_bytes()))}));
    let files = record["files"].as_array_mut().unwrap();
    files[0]["sha256"] = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&e[1].1)).into();
    files[0]["bytes"] = e[1].1.len().into();
    e[0].1 = serde_json::to_vec_pretty(&record).unwrap();
    let forged = d.path().join("forged.tar.gz");
    common::write_archive(&forged, &e);
    let (code, v, t) = log_verify(d.path(), &forged);
    assert_eq!(code, 6, "{t}");
    assert_eq!(v["fault"]["seq"], seq as u64, "{v}");
    assert_eq!(v["fault"]["class"], "changed", "{v}");

    // and a masked line changed anywhere fails too
    let mut e = common::archive_entries(&bundle);
    let j = String::from_utf8(e[1].1.clone()).unwrap();
    e[1].1 = j
        .replacen("\"precheck.site_access\"", "\"precheck.site_accesz\"", 1)
        .into_bytes();
    common::write_archive(&forged, &e);
    let (code, v, t) = log_verify(d.path(), &forged);
    assert_eq!(code, 6, "{t}");
    assert_eq!(v["fault"]["class"], "changed", "{v}");
}

#[test]
fn a_damaged_journal_exports_with_no_secret_in_any_encoding_or_not_at_all() {
    use evfield::session::journal::{GENESIS, encode};
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let session = data.join("sessions/20260301-101500-abcdef");
    std::fs::create_dir_all(session.join("photos")).unwrap();
    let pw = demo::ACTIVATION_PASSWORD;
    let mut quad = pw.to_string();
    for _ in 0..4 {
        quad = evfield::sticker::url_encode(&quad);
    }
    // a journal whose secrets are in clear (as an older evfield wrote them), one line damaged
    let time = "2026-03-01T10:00:00.000Z";
    let events = [
        (
            "session",
            "session_started",
            serde_json::json!({"session_id": "20260301-101500-abcdef", "version": "0"}),
        ),
        (
            "precheck",
            "answer",
            serde_json::json!({"key": "precheck.site_access", "value": SITE_ACCESS, "source": "prompt"}),
        ),
        (
            "commission",
            "answer",
            serde_json::json!({"key": "activation.password", "value": pw, "source": "prompt"}),
        ),
        (
            "labels",
            "fact",
            serde_json::json!({"key": "labels.pinpoint_url", "value": format!("https://n/p?password={quad}")}),
        ),
    ];
    let mut prev = GENESIS.to_string();
    let mut lines = Vec::new();
    for (seq, (step, kind, data)) in events.iter().enumerate() {
        let (line, hash) = encode(seq as u64, time, step, kind, data, &prev);
        lines.push(line);
        prev = hash;
    }
    // line 1 damaged: no longer JSON, the site access notes in it
    lines[1] = lines[1].replacen("{\"v\"", "{v\"", 1);
    let journal = session.join("journal.jsonl");
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();

    let bundle = d.path().join("b.tar.gz");
    let o = evfield(&data)
        .args(["--json", "export", "20260301", "-o"])
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let rep: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rep["journal_valid"], false);
    assert_eq!(rep["journal_fault"]["seq"], 1);
    assert_no_secret(&bundle, &[pw, SITE_ACCESS]);
    let (code, v, _) = log_verify(&data, &bundle);
    assert_eq!(code, 6);
    assert_eq!(v["fault"]["at_export"], true, "{v}");

    // a secret somewhere the masking cannot reach (here a photo): the export is refused
    std::fs::write(session.join("photos/note.png"), format!("PNG {pw} end")).unwrap();
    let refused = d.path().join("refused.tar.gz");
    let o = evfield(&data)
        .args(["--json", "export", "20260301", "-o"])
        .arg(&refused)
        .output()
        .unwrap();
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("E_EXPORT_SECRET"), "{}", text(&o));
    assert!(!text(&o).contains(pw), "the error does not show it");
    assert!(!refused.exists(), "nothing left behind");
}

#[test]
fn the_network_keeps_the_chain_head_and_verify_compares_with_it() {
    use evfield::session::journal::{GENESIS, encode, read_all};
    let d = tempfile::tempdir().unwrap();
    let (report, journal) = finished_demo(d.path());
    let id = session_id(&journal);
    let state_file = Path::new(report["sandbox_state"].as_str().unwrap());
    let state = sandbox::load_state(state_file).unwrap();
    let stages: Vec<&str> = state.chain_heads.iter().map(|h| h.stage.as_str()).collect();
    assert_eq!(stages, ["pinpoint", "end"], "{:?}", state.chain_heads);
    let (events, v) = read_all(&journal).unwrap();
    let end = &state.chain_heads[1];
    assert_eq!(
        (end.events, end.last_hash.as_str()),
        (events.len() as u64, v.last_hash.as_str())
    );
    assert_eq!(end.session_id, id);

    // the demo's network again, from its state file, and support logged in to it
    let copy = d.path().join("network.json");
    std::fs::copy(state_file, &copy).unwrap();
    let net = sandbox::start(SandboxConfig {
        state_path: Some(copy),
        ..SandboxConfig::default()
    })
    .unwrap();
    let support = common::logged_in(&net);
    let against = |target: &Path| {
        let o = evfield(support.path())
            .args(["--json", "log", "verify", "--against-network", "--network"])
            .arg(net.base_url())
            .args(["--user", demo::INSTALLER_USER, "--token-file"])
            .arg(support.path().join("token"))
            .arg(target)
            .output()
            .unwrap();
        (
            o.status.code().unwrap_or(-1),
            serde_json::from_slice::<Value>(&o.stdout).unwrap_or(Value::Null),
            text(&o),
        )
    };
    let (code, v, t) = against(&journal);
    assert_eq!(code, 0, "{t}");
    assert_eq!(v["network_record"]["matched"], true, "{v}");
    let bundle = export_and_verify(d.path(), &journal, "b");
    assert_eq!(bundle["valid"], true);
    let (code, v, t) = against(&d.path().join("b.tar.gz"));
    assert_eq!(code, 0, "{t}");
    assert_eq!(v["network_record"]["heads"].as_array().unwrap().len(), 2);

    // an unkeyed chain can be recomputed: a journal with the reading changed and every hash
    // after it redone verifies on its own, but not against the network's record
    let mut prev = GENESIS.to_string();
    let mut out = String::new();
    for e in &events {
        let mut data = e.data.clone();
        if data["key"] == "safety.voltage" {
            data["value"] = "48.0".into();
        }
        let (line, hash) = encode(e.seq, &e.time, &e.step, &e.kind, &data, &prev);
        out.push_str(&line);
        out.push('\n');
        prev = hash;
    }
    let forged = d.path().join("forged/journal.jsonl");
    std::fs::create_dir_all(forged.parent().unwrap()).unwrap();
    std::fs::write(&forged, out).unwrap();
    let (code, _, t) = log_verify(d.path(), &forged);
    assert_eq!(code, 0, "a re-chained journal is sound on its own: {t}");
    let (code, v, t) = against(&forged);
    assert_eq!(code, 6, "{t}");
    assert!(t.contains("E_JOURNAL_NETWORK_MISMATCH"), "{t}");
    assert_eq!(v["network_record"]["matched"], false, "{v}");

    // a session the network never heard of
    let mut lone = String::new();
    let (line, _) = encode(
        0,
        &events[0].time,
        "session",
        "session_started",
        &serde_json::json!({"session_id": "20200101-000000-000000", "version": "0"}),
        GENESIS,
    );
    lone.push_str(&line);
    lone.push('\n');
    let lone_path = d.path().join("lone.jsonl");
    std::fs::write(&lone_path, lone).unwrap();
    let (code, _, t) = against(&lone_path);
    assert_eq!(code, 6, "{t}");
    assert!(t.contains("E_NO_NETWORK_RECORD"), "{t}");
}

#[test]
fn an_old_format_journal_still_exports_and_verifies_with_a_warning() {
    use sha2::Digest;
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let session = data.join("sessions/20250101-090000-old001");
    std::fs::create_dir_all(&session).unwrap();
    let pw = demo::ACTIVATION_PASSWORD;
    let events = [
        (
            "session",
            "session_started",
            serde_json::json!({"session_id": "20250101-090000-old001", "version": "0.1.0"}),
        ),
        (
            "commission",
            "answer",
            serde_json::json!({"key": "activation.password", "value": pw, "source": "prompt"}),
        ),
        (
            "before",
            "answer",
            serde_json::json!({"key": "safety.voltage", "value": "0.2", "source": "prompt"}),
        ),
    ];
    // format 1, as evfield 0.1 wrote it: the hash of the line up to `,"hash":` and a `}`
    let mut prev = evfield::session::journal::GENESIS.to_string();
    let mut text = String::new();
    for (seq, (step, kind, data)) in events.iter().enumerate() {
        let body = serde_json::json!({"v": 1, "seq": seq, "time": "2025-01-01T09:00:00.000Z",
            "step": step, "kind": kind, "data": data, "prev": prev});
        // serde_json sorts keys; format 1 has them in this order
        let body = format!(
            "{{\"v\":1,\"seq\":{seq},\"time\":{},\"step\":{},\"kind\":{},\"data\":{},\"prev\":{}}}",
            body["time"], body["step"], body["kind"], body["data"], body["prev"]
        );
        let hash = hex::encode(sha2::Sha256::digest(body.as_bytes()));
        text.push_str(&format!(
            "{},\"hash\":\"{hash}\"}}\n",
            &body[..body.len() - 1]
        ));
        prev = hash;
    }
    let journal = session.join("journal.jsonl");
    std::fs::write(&journal, &text).unwrap();
    let (code, v, t) = log_verify(&data, &journal);
    assert_eq!(code, 0, "{t}");
    assert_eq!(v["format1_lines"], 3);

    let v = export_and_verify(&data, &journal, "old");
    assert_eq!(v["format1_masked"], 1, "{v}");
    assert!(
        v["warnings"][0].as_str().unwrap().contains("format 1"),
        "{v}"
    );
    assert_no_secret(&data.join("old.tar.gz"), &[pw]);
}

#[test]
fn a_short_gate_code_in_the_site_access_notes_is_masked_and_other_words_are_not() {
    use evfield::session::journal::Journal;
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let session = data.join("sessions/20260301-101500-gate01");
    std::fs::create_dir_all(&session).unwrap();
    let journal = session.join("journal.jsonl");
    let mut j = Journal::create(&journal).unwrap();
    let ev = |key: &str, value: &str| serde_json::json!({"key": key, "value": value, "source": "prompt"});
    j.append(
        "session",
        "session_started",
        serde_json::json!({"session_id": "20260301-101500-gate01", "version": "0"}),
    )
    .unwrap();
    j.append("precheck", "answer", ev("precheck.site_access", "2468"))
        .unwrap();
    j.append("precheck", "answer", ev("before.model_condition", "yes"))
        .unwrap();
    j.append("before", "answer", ev("safety.voltage", "2468"))
        .unwrap();
    drop(j);
    let v = export_and_verify(&data, &journal, "gate");
    assert_eq!(v["valid"], true);
    let o = evfield(&data)
        .args(["--json", "replay", "--kind", "answer"])
        .arg(data.join("gate.tar.gz"))
        .output()
        .unwrap();
    let values: Vec<(String, String)> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter_map(|e| {
            Some((
                e["data"]["key"].as_str()?.to_string(),
                e["data"]["value"].as_str()?.to_string(),
            ))
        })
        .collect();
    let get = |k: &str| values.iter().find(|(key, _)| key == k).unwrap().1.clone();
    assert_eq!(get("precheck.site_access"), "[masked]");
    assert_eq!(
        get("before.model_condition"),
        "yes",
        "a word elsewhere is not a secret"
    );
    assert_eq!(
        get("safety.voltage"),
        "2468",
        "a short secret is masked only in its own answer"
    );
}

/// Issue 13 item 6: a kill in the middle of the very first journal write. The journal takes its
/// name only once its first event is whole, so the folder holds no journal; `--resume` says the
/// session never started, removes the folder and does not fall back to an older session; the
/// same command then runs to the end.
#[test]
fn a_kill_in_the_first_journal_write_leaves_a_session_that_never_started() {
    let d = tempfile::tempdir().unwrap();
    // an older unfinished session, which `--resume` must not take up in its place
    let older = evfield(d.path())
        .args(["--json", "renetwork", "--demo"])
        .env("EVFIELD_FAILPOINT", "kill-after:3")
        .output()
        .unwrap();
    assert!(!older.status.success());
    let older_id = std::fs::read_dir(d.path().join("sessions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    // ids sort by start second: make sure the torn one is newer
    let torn = loop {
        let r = evfield(d.path())
            .args(["--json", "renetwork", "--demo", "--new"])
            .env("EVFIELD_FAILPOINT", "torn-write:0")
            .output()
            .unwrap();
        assert!(!r.status.success());
        let mut ids: Vec<_> = std::fs::read_dir(d.path().join("sessions"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        ids.sort();
        let newest = ids.last().unwrap().clone();
        if newest != older_id {
            break newest;
        }
        // the torn one sorted before the older one (same second): remove it and try again
        for id in ids.iter().filter(|i| **i != older_id) {
            std::fs::remove_dir_all(d.path().join("sessions").join(id)).unwrap();
        }
    };
    let dir = d.path().join("sessions").join(&torn);
    assert!(
        !dir.join("journal.jsonl").exists(),
        "no journal without its first event"
    );
    assert!(dir.join("journal.jsonl.new").exists());
    // `sessions` does not list it as a session
    let list = evfield(d.path())
        .args(["--json", "sessions"])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&list.stdout).contains(&*torn.to_string_lossy()),
        "{}",
        text(&list)
    );

    let r = evfield(d.path())
        .args(["--json", "renetwork", "--resume"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2), "{}", text(&r));
    let err: Value = serde_json::from_slice(&r.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_SESSION_NEVER_STARTED", "{err}");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(msg.contains(&*torn.to_string_lossy()), "{msg}");
    assert!(!dir.exists(), "the empty session's folder is removed");
    // the older one is intact and still resumable, and the next `--resume` takes it up
    let older_journal = d
        .path()
        .join("sessions")
        .join(&older_id)
        .join("journal.jsonl");
    assert!(common::journal_verifies(&older_journal));
    let r = evfield(d.path())
        .args(["--json", "renetwork", "--resume"])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", text(&r));
    assert_eq!(common::json(&r)["state"], "done");
    assert!(common::journal_verifies(&older_journal));
}

/// A journal from before that change whose only line was cut short: resume says the same, it
/// never damages the file into a journal that starts with `session_resumed`.
#[test]
fn an_old_journal_with_only_a_cut_first_line_is_not_resumed_into_damage() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("sessions").join("20261203-101010-abcdef");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("journal.jsonl"),
        br#"{"v":2,"seq":0,"time":"2026-12-03T10:10:10.000Z","step":"session","kind":"session_st"#,
    )
    .unwrap();
    let r = evfield(d.path())
        .args(["--json", "renetwork", "--resume", "20261203-101010-abcdef"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2), "{}", text(&r));
    let err: Value = serde_json::from_slice(&r.stderr).unwrap();
    assert_eq!(err["error"]["code"], "E_SESSION_NEVER_STARTED", "{err}");
    assert!(!dir.exists());
}
