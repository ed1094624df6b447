//! Text from outside reaches the terminal only as visible text (issue 13 item 5): escape
//! sequences and other control characters in a journal value, a station's model, the network's
//! installer name and error text, and a batch CSV value are shown as `\x1b` / `\u{9b}` in human
//! output, never sent raw; `--json` keeps the exact values (as JSON escapes, so that it too is
//! safe on a terminal).

use std::process::Output;

use evfield::sandbox::station::{self, SimOptions, SimState};

mod common;
use common::{evfield, text};

/// No byte of stdout or stderr would act on a terminal: no ESC, BEL, other C0 control but line
/// feed and tab, DEL, C1 control or bidi override.
fn assert_terminal_safe(o: &Output) {
    for (name, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let s = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = s
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n' && c != '\t')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "{name} holds {bad:?}: {s:?}");
    }
}

#[test]
fn a_station_model_with_escapes_is_shown_visibly_by_station_info() {
    let model = "EVA\x1b[2J\x1b]0;title\x07\u{9b}31m\u{202e}X";
    let sim = station::start(
        SimState {
            model: model.into(),
            ..SimState::default()
        },
        SimOptions::default(),
    )
    .expect("simulator starts");
    let data = tempfile::tempdir().unwrap();
    let args = [
        "station",
        "info",
        "--vendor",
        "evfield-sim",
        "--port",
        sim.path(),
    ];
    let o = evfield(data.path()).args(args).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(
        shown.contains("EVA\\x1b[2J\\x1b]0;title\\x07\\u{9b}31m\\u{202e}X"),
        "{shown}"
    );

    // JSON keeps the exact value (serde escapes it)
    let o = evfield(data.path())
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    let v = common::json(&o);
    assert!(v.to_string().contains("\\u001b[2J"), "{v}");
    assert!(find_str(&v, model), "{v}");
}

/// Whether `want` is one of the string values of `v`.
fn find_str(v: &serde_json::Value, want: &str) -> bool {
    match v {
        serde_json::Value::String(s) => s == want,
        serde_json::Value::Array(a) => a.iter().any(|x| find_str(x, want)),
        serde_json::Value::Object(o) => o.values().any(|x| find_str(x, want)),
        _ => false,
    }
}

/// A value with a clear-screen and an OSC 52 clipboard write.
const JOURNAL_VALUE: &str = "ok\x1b[2J\x1b]52;c;ZXZpbA==\x07";

/// A session `id` under `data` whose journal holds [`JOURNAL_VALUE`] as an answer: its path.
fn journal_with_escapes(data: &std::path::Path, id: &str) -> std::path::PathBuf {
    use evfield::session::journal::Journal;
    let dir = data.join("sessions").join(id);
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("journal.jsonl");
    let mut j = Journal::create(&p).unwrap();
    j.append(
        "session",
        "session_started",
        serde_json::json!({"session_id": id, "version": "0", "demo": false, "os": "test"}),
    )
    .unwrap();
    j.append(
        "precheck",
        "answer",
        serde_json::json!({"key": "site.name", "value": JOURNAL_VALUE, "source": "flag"}),
    )
    .unwrap();
    p
}

/// `replay SOURCE` shows [`JOURNAL_VALUE`] visibly; `--json` keeps it exact.
fn assert_replayed_visibly(data: &std::path::Path, source: &std::path::Path) {
    let o = evfield(data).arg("replay").arg(source).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(
        shown.contains("ok\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07"),
        "{shown}"
    );

    let o = evfield(data)
        .arg("replay")
        .arg(source)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines.iter().any(|l| find_str(l, JOURNAL_VALUE)),
        "{lines:?}"
    );
}

#[test]
fn a_journal_value_with_a_clear_screen_and_a_clipboard_write_is_replayed_visibly() {
    let d = tempfile::tempdir().unwrap();
    let p = journal_with_escapes(d.path(), "20260101-000000-inj1");
    assert_replayed_visibly(d.path(), &p);
}

#[test]
fn a_bundle_value_with_escapes_is_replayed_visibly() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let id = "20260101-000000-inj2";
    journal_with_escapes(&data, id);
    let bundle = d.path().join("support.tar.gz");
    let o = evfield(&data)
        .args(["export", id, "-o"])
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_replayed_visibly(&data, &bundle);
}

#[test]
fn the_network_installer_name_with_escapes_is_shown_visibly_by_login_and_whoami() {
    use evfield::sandbox::demo;
    use evfield::sandbox::network::{self as sandbox, SandboxConfig, SandboxState};
    let dir = tempfile::tempdir().unwrap();
    let state_path = dir.path().join("sandbox.json");
    let name = "Eve\x1b[2J\x1b]0;pwned\x07\u{202e}";
    let mut state = SandboxState::seed();
    let inst = state
        .installers
        .iter_mut()
        .find(|i| i.username == demo::INSTALLER_USER)
        .unwrap();
    inst.name = name.into();
    std::fs::write(&state_path, serde_json::to_vec(&state).unwrap()).unwrap();
    let net = sandbox::start(SandboxConfig {
        state_path: Some(state_path),
        ..Default::default()
    })
    .unwrap();
    let data = dir.path().join("data");
    let o = common::login(
        &data,
        &net.base_url(),
        demo::INSTALLER_USER,
        demo::INSTALLER_PASSWORD,
        &dir.path().join("token"),
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    let visible = "Eve\\x1b[2J\\x1b]0;pwned\\x07\\u{202e}";
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(visible),
        "{}",
        text(&o)
    );

    let o = evfield(&data).arg("whoami").output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(visible),
        "{}",
        text(&o)
    );

    let o = evfield(&data).args(["--json", "whoami"]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(common::json(&o)["name"], name);
}

/// A network on loopback that answers every request with `status` and `body` (JSON), until the
/// test ends.
fn answering_network(status: &'static str, body: String) -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut reader = BufReader::new(stream);
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body_in = vec![0; length];
            let _ = reader.read_exact(&mut body_in);
            let reply = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = reader.get_mut().write_all(reply.as_bytes());
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_network_error_text_with_escapes_is_shown_visibly() {
    let body = serde_json::json!({
        "code": "bad\x1b[2J",
        "message": "refused \x1b]52;c;ZXZpbA==\x07\u{9b}0m"
    })
    .to_string();
    let url = answering_network("400 Bad Request", body);
    let d = tempfile::tempdir().unwrap();
    let o = common::login(d.path(), &url, "eve", "secret-pw", &d.path().join("token"));
    assert!(!o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad\\x1b[2J"), "{err}");
    assert!(
        err.contains("refused \\x1b]52;c;ZXZpbA==\\x07\\u{9b}0m"),
        "{err}"
    );
    assert!(!err.contains("secret-pw"));

    // with --json the error document keeps the exact text
    let o = common::run(
        evfield(d.path())
            .args(["--json", "login", "--network", &url, "--user", "eve"])
            .arg("--password-stdin")
            .arg("--token-file")
            .arg(d.path().join("token")),
        "secret-pw\n",
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert_terminal_safe(&o);
    let e: serde_json::Value = serde_json::from_slice(o.stderr.trim_ascii()).unwrap();
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("refused \x1b]52;c;ZXZpbA==\x07\u{9b}0m"),
        "{msg:?}"
    );
}

#[test]
fn a_batch_csv_value_with_escapes_is_shown_visibly_in_its_row_error() {
    use evfield::sandbox::demo;
    use evfield::sandbox::network::{self as sandbox, SandboxConfig, sandbox_activation};
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("rows.csv");
    let (mac, pw) = sandbox_activation(1001);
    let bad_mac = "02:EF\u{9b}\x1b[2J\x1b]0;t\x07";
    std::fs::write(
        &file,
        format!(
            "mac,activation_password,manufacturer,model,serial,gps,address_id,floor\n\
             {mac},{pw},Evfield,SimCharger 22,EVFB001001,\"59.913868,10.752245\",addr-0001,P1\n\
             {bad_mac},{pw},Evfield,SimCharger 22,EVFB001002,\"59.913868,10.752245\",addr-0001,P1\n"
        ),
    )
    .unwrap();
    let run = |json: bool| {
        let mut c = evfield(d.path());
        if json {
            c.arg("--json");
        }
        c.args(["batch", "pinpoint"])
            .arg(&file)
            .args(["--network", &net.base_url(), "--user", demo::INSTALLER_USER])
            .env("EVFIELD_PASSWORD", demo::INSTALLER_PASSWORD)
            .output()
            .unwrap()
    };
    let o = run(false);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert_terminal_safe(&o);
    assert!(
        text(&o).contains("02:EF\\u{9b}\\x1b[2J\\x1b]0;t\\x07"),
        "{}",
        text(&o)
    );

    let o = run(true);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert_terminal_safe(&o);
    let errors: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["type"] == "row_error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["value"], bad_mac);
}

#[test]
fn an_answers_file_value_with_escapes_is_shown_visibly_in_its_error() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("bad.toml");
    std::fs::write(
        &file,
        "[sim]\nswapped = true\nkit_iccid = \"89\\u001b[2J\\u009b\\u0007\"\n",
    )
    .unwrap();
    let o = evfield(&d.path().join("data"))
        .args(["--lang", "en", "renetwork", "--demo", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert_terminal_safe(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("E_BAD_ICCID"), "{err}");
    assert!(err.contains("`89\\x1b[2J\\u{9b}\\x07`"), "{err}");
}

/// A logged-in data dir, a sandbox network and a simulated station whose model (after the
/// default one) holds a clear-screen and a window-title sequence.
struct OddStation {
    net: evfield::sandbox::network::SandboxHandle,
    data: tempfile::TempDir,
    sim: station::SimHandle,
    /// The model without the sequences.
    model: String,
}

fn odd_station() -> OddStation {
    use evfield::sandbox::demo;
    use evfield::sandbox::network::{self as sandbox, SandboxConfig};
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let data = common::logged_in(&net);
    let d = data.path();
    let model = SimState::default().model;
    let state = SimState {
        mac: demo::MAC.into(),
        model: format!("{model}\x1b[2J\x1b]0;title\x07"),
        ..SimState::default()
    };
    let sim = station::start(state, SimOptions::default()).unwrap();
    std::fs::write(d.join("site.png"), demo::photo_png(800, 600)).unwrap();
    std::fs::write(d.join("answers.toml"), demo::ANSWERS).unwrap();
    OddStation {
        net,
        data,
        sim,
        model,
    }
}

/// `renetwork` on the odd station with every value given: the notice naming the station comes
/// before the network's requirements (which refuse the model; that error quotes it too).
fn renetwork_on(site: &OddStation, cmd: &mut std::process::Command) {
    use evfield::sandbox::demo;
    let d = site.data.path();
    cmd.args(["--lang", "en", "renetwork"])
        .args([
            "--network",
            &site.net.base_url(),
            "--user",
            demo::INSTALLER_USER,
        ])
        .args(["--vendor", "evfield-sim", "--port", site.sim.path()])
        .arg("--answers")
        .arg(d.join("answers.toml"))
        .arg("--before-photo")
        .arg(d.join("site.png"))
        .arg("--photo")
        .arg(d.join("site.png"))
        .args(["--serial-plate", &site.sim.state().serial])
        .arg("--token-file")
        .arg(d.join("token"));
}

#[test]
fn a_session_notice_quoting_the_station_model_is_shown_visibly() {
    let site = odd_station();
    let mut cmd = evfield(site.data.path());
    renetwork_on(&site, &mut cmd);
    let o = cmd.arg("--non-interactive").output().unwrap();
    assert_terminal_safe(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    let model = &site.model;
    assert!(
        err.contains(&format!("{model}\\x1b[2J\\x1b]0;title\\x07, serial")),
        "{}",
        text(&o)
    );
}

#[test]
fn at_a_terminal_the_notice_is_shown_visibly_too() {
    use expectrl::Expect;
    let site = odd_station();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(site.data.path())
        .env("NO_COLOR", "1")
        .env_remove("EVFIELD_FAILPOINT")
        .env_remove("EVFIELD_TOKEN");
    renetwork_on(&site, &mut cmd);
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    let m = p.expect("E_API_MODEL_NOT_SUPPORTED").unwrap();
    let mut all = m.before().to_vec();
    let rest = p.expect(expectrl::Eof).unwrap();
    all.extend_from_slice(rest.before());
    for m in rest.matches() {
        all.extend_from_slice(m);
    }
    let shown = String::from_utf8_lossy(&all);
    let model = &site.model;
    assert!(
        shown.contains(&format!("{model}\\x1b[2J\\x1b]0;title\\x07, serial")),
        "{shown:?}"
    );
    // the station's sequences never reach the terminal (our own styling may)
    assert!(
        !shown.contains("\x1b[2J") && !shown.contains("\x1b]0;") && !shown.contains('\x07'),
        "{shown:?}"
    );
}
