//! One token story (issue 12, item 7): the token `evfield login` kept is what every command that
//! calls the network uses (`whoami`, `renetwork`, `batch pinpoint`), none of them asks for the
//! password or rewrites it; a source asked for explicitly that fails is an error naming it; with
//! no usable keyring `login` says so before it asks the password and keeps the token in a
//! private file.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use common::{evfield, login, run, text};
use serde_json::Value;

use evfield::sandbox::{demo, network};

/// The files `login` wrote, byte for byte, with their modification times.
fn snapshot(paths: &[&Path]) -> Vec<(Vec<u8>, std::time::SystemTime)> {
    paths
        .iter()
        .map(|p| {
            (
                std::fs::read(p).unwrap(),
                std::fs::metadata(p).unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// One row of the sandbox's seeded activations as a batch CSV file.
fn one_row_csv(path: &Path) {
    let (mac, pw) = network::sandbox_activation(7);
    std::fs::write(
        path,
        format!(
            "mac,activation_password,manufacturer,model,serial,gps,address_id\n\
             {mac},{pw},Evfield,SimCharger 22,EVFT000007,\"59.913868,10.752245\",addr-0001\n"
        ),
    )
    .unwrap();
}

/// Everything a run without a terminal needs before it starts (the demo's answers, two photos,
/// the type plate's serial) and a service port that is not there: the session starts, phase 1
/// logs in with whatever token it finds, and phase 2 stops on the missing port.
fn station_values(dir: &Path) -> Vec<String> {
    let answers = dir.join("answers.toml");
    std::fs::write(&answers, demo::ANSWERS).unwrap();
    std::fs::write(dir.join("before.png"), demo::photo_png(640, 480)).unwrap();
    std::fs::write(dir.join("site.png"), demo::photo_png(800, 600)).unwrap();
    let p = |f: &str| dir.join(f).display().to_string();
    vec![
        "--answers".into(),
        p("answers.toml"),
        "--vendor".into(),
        "evfield-sim".into(),
        "--port".into(),
        p("no-such-port"),
        "--before-photo".into(),
        p("before.png"),
        "--photo".into(),
        p("site.png"),
        "--serial-plate".into(),
        "EVFT000001".into(),
    ]
}

#[test]
fn after_login_with_a_token_file_renetwork_batch_and_whoami_use_it_and_ask_nothing() {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let tok = d.path().join("my-token");
    let o = login(
        d.path(),
        &net.base_url(),
        demo::INSTALLER_USER,
        demo::INSTALLER_PASSWORD,
        &tok,
    );
    assert!(o.status.success(), "{}", text(&o));
    let account = d.path().join("account.json");
    let before = snapshot(&[&tok, &account]);
    let token = std::fs::read_to_string(&tok).unwrap().trim().to_string();

    // renetwork with no --network, --user, --token-file or password: phase 1 passes on the
    // login's token, nobody logs in again, the session stops at the station's missing port
    let o = run(
        evfield(d.path())
            .env("EVFIELD_NO_KEYRING", "1")
            .args(["renetwork", "--non-interactive"])
            .args(station_values(d.path())),
        "",
    );
    assert!(!o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("no-such-port"), "{t}");
    assert!(
        !t.contains("E_NO_PASSWORD") && !t.contains("Password"),
        "{t}"
    );
    assert!(t.contains("my-token"), "the session says whose token: {t}");
    let journal = common::journal_of(d.path()).unwrap();
    let events = common::events(&journal);
    assert!(
        events
            .iter()
            .any(|e| e["kind"] == "step_done" && e["step"] == "account"),
        "phase 1 did not finish"
    );
    let raw = std::fs::read_to_string(&journal).unwrap();
    assert!(
        !raw.contains("/api/v1/login"),
        "the session logged in again"
    );
    assert!(!raw.contains(&token), "the token reached the journal");

    // batch pinpoint with no --network, --user or password: the login's token
    let csv = d.path().join("one.csv");
    one_row_csv(&csv);
    let o = run(
        evfield(d.path())
            .env("EVFIELD_NO_KEYRING", "1")
            .args(["--json", "batch", "pinpoint"])
            .arg(&csv)
            .args(["--rate", "0"]),
        "",
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("\"accepted\""), "{}", text(&o));

    // whoami still works, and nothing `login` wrote was rewritten
    let o = run(evfield(d.path()).args(["--json", "whoami"]), "");
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["token_source"]["kind"], "file");
    assert_eq!(snapshot(&[&tok, &account]), before);
}

#[test]
fn a_source_asked_for_that_fails_is_an_error_naming_it() {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = common::logged_in(&net);
    let missing = d.path().join("no-such-token");

    // --token-stdin with nothing on stdin: an error, although the login's token is there
    let o = run(evfield(d.path()).args(["whoami", "--token-stdin"]), "");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("E_TOKEN_STDIN") && text(&o).contains("--token-stdin"),
        "{}",
        text(&o)
    );

    // a token file that is not there, for whoami, renetwork and batch
    let csv = d.path().join("one.csv");
    one_row_csv(&csv);
    let tf = missing.to_str().unwrap();
    for args in [
        vec!["whoami", "--token-file", tf],
        vec!["renetwork", "--non-interactive", "--token-file", tf],
        vec![
            "batch",
            "pinpoint",
            csv.to_str().unwrap(),
            "--token-file",
            tf,
        ],
    ] {
        let o = run(evfield(d.path()).args(&args), "");
        assert_ne!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
        assert!(
            text(&o).contains("no-such-token"),
            "{args:?} does not name the file: {}",
            text(&o)
        );
    }

    // EVFIELD_TOKEN set but empty
    let o = run(
        evfield(d.path()).args(["whoami"]).env("EVFIELD_TOKEN", ""),
        "",
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("E_TOKEN_ENV"), "{}", text(&o));

    // a token given explicitly that the network refuses stops the session, naming it; no
    // password is asked instead
    let o = run(
        evfield(d.path())
            .args(["renetwork", "--non-interactive"])
            .args(station_values(d.path()))
            .env("EVFIELD_TOKEN", "tok-refused-by-the-network")
            .env("EVFIELD_PASSWORD", demo::INSTALLER_PASSWORD),
        "",
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("E_TOKEN_REFUSED") && t.contains("EVFIELD_TOKEN"),
        "{t}"
    );
    assert!(!t.contains("tok-refused-by-the-network"), "{t}");
}

#[test]
fn without_a_keyring_login_says_so_before_the_password_and_keeps_a_private_file() {
    use expectrl::Expect;
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(cargo_bin("evfield"));
    keyless_login(&mut cmd, d.path(), &net.base_url());
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    // typed at once, before the prompt shows (an installer who types ahead): the hidden prompt
    // keeps it rather than flushing it, so the login goes on with nothing typed twice
    p.send(format!("{}\r", demo::INSTALLER_PASSWORD)).unwrap();
    // the notice comes first: the password is not asked only to fail on the keyring
    p.expect("No usable OS keyring").unwrap();
    p.expect("installer-token").unwrap();
    p.expect("Password for").unwrap();
    p.expect("Logged in").unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(format!("{status:?}").contains("Exited(Pid"), "{status:?}");

    let file = d.path().join("installer-token");
    let token = std::fs::read_to_string(&file).unwrap();
    assert!(token.trim().len() >= 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // every later command finds it with nothing given
    let o = Command::new(cargo_bin("evfield"))
        .arg("--data-dir")
        .arg(d.path())
        .args(["--json", "whoami"])
        .env("EVFIELD_NO_KEYRING", "1")
        .env_remove("EVFIELD_TOKEN")
        .env_remove("EVFIELD_TOKEN_FILE")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["name"], "Demo Installer");
    assert!(!text(&o).contains(token.trim()));
}

#[test]
fn ctrl_c_at_the_hidden_prompt_gives_the_terminal_its_echo_back() {
    use expectrl::{Expect, process::Termios};
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    // the pseudo-terminal starts without echo: a shell turns it on, as a real terminal has it
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty echo && exec \"$0\" \"$@\"")
        .arg(cargo_bin("evfield"));
    keyless_login(&mut cmd, d.path(), &net.base_url());
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("Password for").unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while p.get_process().is_echo().unwrap() {
        assert!(
            std::time::Instant::now() < deadline,
            "the password prompt never turned echo off"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    p.send("\x03").unwrap();
    p.expect(expectrl::Eof).unwrap();
    let status = p.get_process().wait().unwrap();
    assert!(format!("{status:?}").contains("Exited"), "{status:?}");
    assert!(
        p.get_process().is_echo().unwrap(),
        "the terminal was left without echo after Ctrl-C"
    );
    assert!(!d.path().join("installer-token").exists());
}

/// `evfield login` at a terminal, on a machine without a keyring, asking the password.
fn keyless_login(cmd: &mut Command, data: &Path, network: &str) {
    cmd.arg("--data-dir")
        .arg(data)
        .args(["login", "--network", network])
        .args(["--user", demo::INSTALLER_USER])
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env("EVFIELD_NO_KEYRING", "1")
        .env_remove("EVFIELD_TOKEN")
        .env_remove("EVFIELD_TOKEN_FILE")
        .env_remove("EVFIELD_PASSWORD");
}
