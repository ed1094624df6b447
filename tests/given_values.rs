//! Every value is checked when it is given, with the same rules everywhere (docs/answers.md
//! "Rules"): at a terminal a refused value is asked again in place with the reason (also one that
//! came from a flag or the answers file); without one it is an error, exit 3, that names the flag
//! and the answers key, before the session touches the station.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use expectrl::Expect;
use expectrl::session::OsSession as Session;
use serde_json::Value;

use common::{evfield, session_dirs, text};
use evfield::sandbox::demo;

/// The demo's built-in answers without the lines of `drop` (`name = ...`), as an answers file
/// (with the pin on the GPS position, which the demo leaves to the prompt).
fn answers_without(dir: &Path, drop: &[&str]) -> PathBuf {
    let text: String = demo::ANSWERS
        .replace("[pinpoint]\n", "[pinpoint]\npin = \"\"\n")
        .lines()
        .filter(|l| !drop.iter().any(|d| l.starts_with(&format!("{d} ="))))
        .map(|l| format!("{l}\n"))
        .collect();
    let p = dir.join("answers.toml");
    std::fs::write(&p, text).unwrap();
    p
}

fn photo(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, demo::photo_png(w, h)).unwrap();
    p
}

/// `evfield --json renetwork --demo ARGS` without a terminal: its error as JSON.
fn refused_without_terminal(data: &Path, args: &[&str]) -> Value {
    let out = evfield(data)
        .args(["--json", "--lang", "en", "renetwork", "--demo"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{args:?}: {}", text(&out));
    serde_json::from_slice::<Value>(&out.stderr)
        .unwrap_or_else(|_| panic!("not JSON: {}", text(&out)))["error"]
        .clone()
}

fn says(e: &Value, all: &[&str]) {
    let both = format!("{} {}", e["message"], e["help"]);
    for s in all {
        assert!(both.contains(s), "`{s}` not in: {both}");
    }
}

#[test]
fn bad_values_from_flags_set_and_answers_stop_before_a_session_starts() {
    let d = tempfile::tempdir().unwrap();
    let portrait = photo(d.path(), "portrait.png", 600, 800);
    let not_image = d.path().join("notes.txt");
    std::fs::write(&not_image, "not a picture").unwrap();
    let cases: Vec<(Vec<String>, &str, Vec<&str>)> = vec![
        (
            vec!["--kit-iccid".into(), "8947080000000000016".into()],
            "E_BAD_ICCID",
            vec![
                "--kit-iccid",
                "sim.kit_iccid",
                "check digit",
                "8947080000000000016",
            ],
        ),
        (
            vec!["--set".into(), "sim.kit_iccid=89470800000000015".into()],
            "E_BAD_ICCID",
            vec![
                "sim.kit_iccid",
                "17 digits",
                "18 to 22",
                "`kit_iccid = ...` under `[sim]`",
            ],
        ),
        (
            vec![
                "--set".into(),
                "network.url=installer.network.example".into(),
            ],
            "E_NET_BAD_URL",
            vec![
                "--network",
                "network.url",
                "https://installer.network.example",
            ],
        ),
        (
            vec![
                "--network".into(),
                "http://installer.network.example".into(),
            ],
            "E_NET_INSECURE_URL",
            vec!["--network", "network.url", "127.0.0.1"],
        ),
        (
            vec!["--set".into(), "station.mac=02:EF:10:00:4D".into()],
            "E_BAD_MAC",
            vec!["station.mac", "5 bytes", "`mac = ...` under `[station]`"],
        ),
        (
            vec!["--ocpp-url".into(), "https://ocpp.example/ocpp".into()],
            "E_OCPP_URL",
            vec!["--ocpp-url", "commission.ocpp_url", "ws://"],
        ),
        (
            vec!["--gps".into(), "122.4194,37.7749".into()],
            "E_POSITION_SWAPPED",
            vec!["--gps", "pinpoint.gps", "37.7749,122.4194"],
        ),
        (
            vec!["--photo".into(), portrait.display().to_string()],
            "E_PHOTO_NOT_LANDSCAPE",
            vec!["--photo", "pinpoint.photo"],
        ),
        (
            vec!["--before-photo".into(), not_image.display().to_string()],
            "E_PHOTO_FORMAT",
            vec!["--before-photo", "before.photo"],
        ),
    ];
    for (args, code, words) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let e = refused_without_terminal(d.path(), &args);
        assert_eq!(e["code"], code, "{args:?}: {e}");
        says(&e, &words);
    }
    // the answers file: its path and line, the key as written there
    let file = d.path().join("bad.toml");
    std::fs::write(
        &file,
        "[sim]\nswapped = true\nkit_iccid = \"8947-0800-0000-0000-016\"\n",
    )
    .unwrap();
    let e = refused_without_terminal(d.path(), &["--answers", file.to_str().unwrap()]);
    assert_eq!(e["code"], "E_BAD_ICCID");
    says(&e, &["bad.toml:3", "sim.kit_iccid", "check digit"]);
    // several at once: all listed
    let e = refused_without_terminal(
        d.path(),
        &[
            "--kit-iccid",
            "123",
            "--set",
            "station.mac=02:EF",
            "--network",
            "net.example",
        ],
    );
    says(
        &e,
        &["3 values", "sim.kit_iccid", "station.mac", "network.url"],
    );
    let sessions = d.path().join("sessions");
    assert!(
        !sessions.exists() || session_dirs(d.path()).is_empty(),
        "no session was started"
    );
}

/// A position is checked against the network's area (its requirements) and the type plate's
/// serial against the station's as soon as phase 2 knows them: before the SIM swap.
#[test]
fn swapped_far_and_mismatching_values_are_refused_in_phase_two() {
    for (args, code, words) in [
        (
            ["--gps", "10.752245,59.913868"],
            "E_POSITION_SWAPPED",
            vec![
                "looks swapped",
                "59.913868,10.752245",
                "--gps",
                "pinpoint.gps",
            ],
        ),
        (
            ["--pin", "10.7524,59.9139"],
            "E_POSITION_SWAPPED",
            vec!["59.9139,10.7524", "--pin", "pinpoint.pin"],
        ),
        (
            ["--gps", "48.8566,2.3522"],
            "E_POSITION_OUTSIDE",
            vec!["far outside the network's area", "--gps"],
        ),
        (
            ["--serial-plate", "EVF2026000124"],
            "E_SERIAL_MISMATCH",
            vec!["EVF2026000124", "EVF2026000123", "--serial-plate"],
        ),
    ] {
        let d = tempfile::tempdir().unwrap();
        let e = refused_without_terminal(d.path(), &args);
        assert_eq!(e["code"], code, "{args:?}: {e}");
        says(&e, &words);
        let journal = common::journal_of(d.path()).unwrap();
        let events = common::events(&journal);
        assert!(
            !events
                .iter()
                .any(|e| e["kind"] == "step_started" && e["data"]["phase"] == "sim"),
            "{args:?}: the SIM phase started"
        );
    }
}

/// Good values in any usual notation are taken and journaled in one form.
#[test]
fn good_values_are_normalised_once() {
    let d = tempfile::tempdir().unwrap();
    let out = evfield(d.path())
        .args(["--json", "renetwork", "--demo"])
        .args(["--kit-iccid", "8947 0800 0000 0000 015"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let journal = common::journal_of(d.path()).unwrap();
    let kit: Vec<Value> = common::events(&journal)
        .into_iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == "sim.kit_iccid")
        .collect();
    assert_eq!(kit.len(), 1);
    assert_eq!(kit[0]["data"]["value"], "8947080000000000015");
}

// ----- at a terminal -----

fn spawn(data: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(data)
        .args(["renetwork", "--demo"])
        .args(args)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_FAILPOINT")
        .env_remove("EVFIELD_ANSWERS");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p
}

fn expect(p: &mut Session, what: &str) {
    p.expect(what)
        .unwrap_or_else(|e| panic!("`{what}` not shown: {e}"));
}

/// Type an answer at the prompt `question`, then see `then`; what was shown meanwhile.
fn answer(p: &mut Session, question: &str, typed: &str, then: &[&str]) -> String {
    expect(p, question);
    p.send(format!("{typed}\r")).unwrap();
    let mut seen = String::new();
    for t in then {
        let found = p
            .expect(*t)
            .unwrap_or_else(|e| panic!("`{t}` not shown: {e}"));
        seen.push_str(&String::from_utf8_lossy(found.before()));
        seen.push_str(t);
    }
    seen
}

/// Type a value that is refused: the reason is shown (`why`) and the value is not taken (no
/// `✔ question · value` before the reason); the caller sees the question asked again.
fn refused(p: &mut Session, question: &str, typed: &str, why: &[&str]) {
    let seen = answer(p, question, typed, why);
    assert!(
        !seen.contains(&format!("· {typed}")),
        "the refused `{typed}` was shown as taken: {seen}"
    );
}

/// The session ran to its end; the journal's answers for `key`.
fn finished(p: &mut Session, data: &Path, key: &str) -> Vec<Value> {
    expect(p, "Re-networking complete");
    let status = p.get_process().wait().unwrap();
    assert!(format!("{status:?}").ends_with(", 0)"), "{status:?}");
    let journal = common::journal_of(data).unwrap();
    common::events(&journal)
        .into_iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == key)
        .collect()
}

#[test]
fn a_bad_iccid_typed_is_asked_again_with_the_reason() {
    let d = tempfile::tempdir().unwrap();
    let file = answers_without(d.path(), &["kit_iccid"]);
    let mut p = spawn(d.path(), &["--answers", file.to_str().unwrap()]);
    let q = "ICCID printed on the network's SIM card";
    refused(
        &mut p,
        q,
        "8947080000000000016",
        &["is not the check digit"],
    );
    refused(
        &mut p,
        q,
        "894708000000015",
        &["15 digits, an ICCID has 18 to 22"],
    );
    answer(
        &mut p,
        q,
        "8947080000000000015",
        &["New SIM 8947080000000000015 registered"],
    );
    let got = finished(&mut p, d.path(), "sim.kit_iccid");
    assert_eq!(got.len(), 1, "only the good value is journaled");
    assert_eq!(got[0]["data"]["value"], "8947080000000000015");
    assert_eq!(got[0]["data"]["source"], "prompt");
}

#[test]
fn a_network_url_without_scheme_from_a_flag_is_asked_again() {
    let d = tempfile::tempdir().unwrap();
    let file = answers_without(d.path(), &[]);
    let mut p = spawn(
        d.path(),
        &[
            "--answers",
            file.to_str().unwrap(),
            "--network",
            "installer.network.example",
        ],
    );
    expect(&mut p, "`network.url` from --network");
    expect(&mut p, "has no scheme");
    let q = "Installer API address of the network";
    refused(
        &mut p,
        q,
        "http://installer.network.example",
        &["plain http"],
    );
    // the demo's own (loopback) address is proposed: Enter takes it
    answer(&mut p, q, "", &["Logged in"]);
    let got = finished(&mut p, d.path(), "network.url");
    assert_eq!(got.len(), 1);
    assert!(
        got[0]["data"]["value"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
}

#[test]
fn a_five_byte_mac_is_asked_again_and_kept_in_one_form() {
    let d = tempfile::tempdir().unwrap();
    let file = answers_without(d.path(), &[]);
    // the Wallbox's profile cannot read the MAC: it is asked (here given, wrong, with --set)
    let mut p = spawn(
        d.path(),
        &[
            "--vendor",
            "wallbox",
            "--set",
            "station.article=PLP1-0-2-4-9-002",
            "--set",
            "station.firmware=6.7.20",
            "--answers",
            file.to_str().unwrap(),
            "--set",
            "station.mac=02:EF:10:00:4D",
        ],
    );
    expect(&mut p, "`station.mac` from --set station.mac=...");
    expect(&mut p, "5 bytes");
    let q = "MAC address";
    refused(&mut p, q, "02-ef-10-00-4d", &["5 bytes"]);
    answer(&mut p, q, "02ef10004d01", &["Station:"]);
    p.send("\x03").unwrap(); // Ctrl-C: the answer is in the journal
    let _ = p.get_process().wait();
    let journal = common::journal_of(d.path()).unwrap();
    let got: Vec<Value> = common::events(&journal)
        .into_iter()
        .filter(|e| e["kind"] == "answer" && e["data"]["key"] == "station.mac")
        .collect();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["data"]["value"], "02:EF:10:00:4D:01");
}

#[test]
fn a_swapped_position_is_asked_again_with_the_hint() {
    let d = tempfile::tempdir().unwrap();
    let file = answers_without(d.path(), &["gps"]);
    let mut p = spawn(d.path(), &["--answers", file.to_str().unwrap()]);
    let q = "GPS position where you stand";
    refused(
        &mut p,
        q,
        "10.752245,59.913868",
        &["looks swapped", "59.913868,10.752245"],
    );
    refused(
        &mut p,
        q,
        "48.8566,2.3522",
        &["far outside the network\'s area"],
    );
    answer(&mut p, q, "59.913868,10.752245", &["Jernbanetorget"]);
    let got = finished(&mut p, d.path(), "pinpoint.gps");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["data"]["value"], "59.913868,10.752245");
}

#[test]
fn a_portrait_photo_is_asked_again_not_the_end_of_the_session() {
    let d = tempfile::tempdir().unwrap();
    let file = answers_without(d.path(), &[]);
    let portrait = photo(d.path(), "portrait.png", 600, 800);
    let small = photo(d.path(), "small.png", 320, 240);
    let good = photo(d.path(), "good.png", 1024, 768);
    let mut p = spawn(
        d.path(),
        &[
            "--answers",
            file.to_str().unwrap(),
            "--photo",
            portrait.to_str().unwrap(),
        ],
    );
    expect(&mut p, "`pinpoint.photo` from --photo");
    expect(&mut p, "landscape");
    let q = "Landscape photo of the station";
    refused(
        &mut p,
        q,
        small.to_str().unwrap(),
        &["smaller than the minimum"],
    );
    let notes = d.path().join("notes.txt");
    std::fs::write(&notes, "gate code on the back").unwrap();
    refused(
        &mut p,
        q,
        notes.to_str().unwrap(),
        &["is not a JPEG or PNG photo"],
    );
    refused(&mut p, q, portrait.to_str().unwrap(), &["landscape"]);
    refused(
        &mut p,
        q,
        d.path().join("missing.jpg").to_str().unwrap(),
        &["no file"],
    );
    answer(&mut p, q, good.to_str().unwrap(), &["Pinpointed"]);
    let got = finished(&mut p, d.path(), "pinpoint.photo");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["data"]["value"], good.to_str().unwrap());
}

#[test]
fn a_serial_that_differs_from_the_station_is_asked_again() {
    let d = tempfile::tempdir().unwrap();
    let file = answers_without(d.path(), &[]);
    let mut p = spawn(
        d.path(),
        &[
            "--answers",
            file.to_str().unwrap(),
            "--serial-plate",
            "EVF2026000124",
        ],
    );
    expect(&mut p, "`pinpoint.serial_plate` from --serial-plate");
    expect(&mut p, "differs from the one the station reports");
    let q = "Serial number as printed";
    refused(&mut p, q, "EVF2026000132", &["EVF2026000132"]);
    answer(&mut p, q, "EVF2026000123", &["Pinpointed"]);
    let got = finished(&mut p, d.path(), "pinpoint.serial_plate");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["data"]["value"], "EVF2026000123");
    assert_eq!(got[0]["data"]["source"], "prompt");
}

// ----- the standalone commands take the same rules -----

#[test]
fn pinpoint_submit_and_batch_refuse_a_swapped_position_and_a_short_mac() {
    use evfield::sandbox::network::{self as sandbox, SandboxConfig, sandbox_activation};
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = common::logged_in(&net);
    let (mac, pw) = sandbox_activation(51);
    let submit = |mac: &str, gps: &str| {
        evfield(d.path())
            .args(["--json", "--lang", "en", "pinpoint", "submit", "--mac", mac])
            .args(["--activation-password", &pw])
            .args(["--manufacturer", demo::MANUFACTURER, "--model", demo::MODEL])
            .args([
                "--serial",
                "VALI51",
                "--serial-again",
                "VALI51",
                "--gps",
                gps,
            ])
            .args(["--confirm-serial", "--address", "Jernbanetorget 1"])
            .output()
            .unwrap()
    };
    let error = |o: &std::process::Output| -> Value {
        assert_eq!(o.status.code(), Some(3), "{}", text(o));
        serde_json::from_slice::<Value>(&o.stderr).unwrap()["error"].clone()
    };
    let e = error(&submit(&mac, "10.752245,59.913868"));
    assert_eq!(e["code"], "E_POSITION_SWAPPED", "{e}");
    says(&e, &["--gps", "59.913868,10.752245"]);
    let e = error(&submit("02:EF:20:00:00", "59.913868,10.752245"));
    assert_eq!(e["code"], "E_BAD_MAC", "{e}");
    says(&e, &["5 bytes"]);
    assert!(net.snapshot().stations.is_empty());

    // a batch row with the position swapped is a row error before anything is sent
    let file = d.path().join("rows.csv");
    let mut csv =
        String::from("mac,activation_password,manufacturer,model,serial,gps,address_id\n");
    for (i, gps) in [(52, "59.913868,10.752245"), (53, "10.752245,59.913868")] {
        let (mac, pw) = sandbox_activation(i);
        csv.push_str(&format!(
            "{mac},{pw},{},{},VALI{i},\"{gps}\",addr-0001\n",
            demo::MANUFACTURER,
            demo::MODEL
        ));
    }
    std::fs::write(&file, csv).unwrap();
    let o = evfield(d.path())
        .args(["--json", "--lang", "en", "batch", "pinpoint"])
        .arg(&file)
        .args(["--network", &net.base_url(), "--user", demo::INSTALLER_USER])
        .env("EVFIELD_PASSWORD", demo::INSTALLER_PASSWORD)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    let rows: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|v: &Value| v["type"] == "row_error")
        .collect();
    assert_eq!(rows.len(), 1, "{}", text(&o));
    assert_eq!(rows[0]["row"], 2);
    assert_eq!(rows[0]["column"], "gps");
    assert!(
        rows[0]["message"]
            .as_str()
            .unwrap()
            .contains("looks swapped"),
        "{}",
        rows[0]
    );
    assert!(net.snapshot().stations.is_empty(), "nothing was sent");
}

/// The refusal speaks the installer's language.
#[test]
fn a_refused_value_is_told_in_norwegian() {
    let d = tempfile::tempdir().unwrap();
    let out = evfield(d.path())
        .args(["--lang", "nb", "renetwork", "--demo"])
        .args(["--kit-iccid", "8947080000000000016"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    let t = text(&out);
    for s in [
        "er ikke en ICCID",
        "kontrollsifferet",
        "--kit-iccid",
        "`kit_iccid = ...` under `[sim]`",
    ] {
        assert!(t.contains(s), "`{s}` not in: {t}");
    }
    for en in ["is not an ICCID", "check digit", "copy the number"] {
        assert!(!t.contains(en), "English `{en}` in: {t}");
    }
}
