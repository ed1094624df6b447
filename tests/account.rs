//! The installer's account: login, whoami, logout against the sandbox network; the token
//! fallback order where the OS keyring refuses; no secret in outputs, files or arguments.

mod common;

use std::process::Output;

use common::{evfield, login, run, text};
use serde_json::Value;

use evfield::sandbox::{demo, network};

/// A sandbox and a data dir where the demo installer logged in with a token file.
fn demo_login() -> (
    network::SandboxHandle,
    tempfile::TempDir,
    std::path::PathBuf,
    Output,
) {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let tok = d.path().join("token");
    let o = login(
        d.path(),
        &net.base_url(),
        demo::INSTALLER_USER,
        demo::INSTALLER_PASSWORD,
        &tok,
    );
    assert!(o.status.success(), "{}", text(&o));
    (net, d, tok, o)
}

#[test]
fn login_whoami_logout_with_a_token_file_and_the_fallback_order() {
    let (net, d, tok, o) = demo_login();
    assert!(
        text(&o).contains("certified until 2027-12-31"),
        "{}",
        text(&o)
    );
    let token = std::fs::read_to_string(&tok).unwrap().trim().to_string();
    assert!(token.len() >= 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&tok).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // neither the password nor the token reached the output or the account file
    let account = std::fs::read_to_string(d.path().join("account.json")).unwrap();
    for s in [text(&o), account] {
        assert!(
            !s.contains(demo::INSTALLER_PASSWORD) && !s.contains(&token),
            "{s}"
        );
    }

    // whoami finds the remembered token file with no flag at all; -v says where it came from
    let o = run(evfield(d.path()).args(["-v", "--json", "whoami"]), "");
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["name"], "Demo Installer");
    assert_eq!(v["certified"], true);
    assert_eq!(v["token_source"]["kind"], "file");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("using the one from the token file"), "{err}");
    assert!(!text(&o).contains(&token));

    // EVFIELD_TOKEN comes before the token file (the keyring has none here, or refuses)
    let o = run(
        evfield(d.path())
            .args(["--json", "whoami"])
            .env("EVFIELD_TOKEN", &token),
        "",
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["token_source"]["kind"], "env", "{}", text(&o));

    // stdin is the last source
    let d2 = tempfile::tempdir().unwrap();
    let o = run(
        evfield(d2.path())
            .args([
                "--json",
                "whoami",
                "--token-stdin",
                "--network",
                &net.base_url(),
            ])
            .args(["--user", demo::INSTALLER_USER]),
        &format!("{token}\n"),
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["token_source"]["kind"], "stdin", "{}", text(&o));

    // a token file others can read is refused, naming the fix
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tok, std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = run(evfield(d.path()).args(["whoami"]), "");
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(text(&o).contains("E_TOKEN_FILE_MODE") && text(&o).contains("chmod 600"));
        std::fs::set_permissions(&tok, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    let o = run(evfield(d.path()).args(["logout"]), "");
    assert!(o.status.success(), "{}", text(&o));
    assert!(!tok.exists(), "logout removes the token file");
    let o = run(evfield(d.path()).args(["whoami"]), "");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[test]
fn a_wrong_password_is_refused_without_echoing_it() {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let o = login(
        d.path(),
        &net.base_url(),
        demo::INSTALLER_USER,
        "wrong-secret-4711",
        &d.path().join("t"),
    );
    assert_eq!(o.status.code(), Some(5), "{}", text(&o));
    assert!(text(&o).contains("E_API_BAD_CREDENTIALS"));
    assert!(!text(&o).contains("wrong-secret-4711"));
    assert!(!d.path().join("t").exists());
}

/// The values a session certainly needs, so it starts (a run without them is refused before a
/// session exists): the demo's answers, photos, the vendor, and a "port" that is a plain file,
/// so phase 2 stops when it opens it.
fn site_values(dir: &std::path::Path) -> Vec<std::ffi::OsString> {
    let answers = dir.join("answers.toml");
    std::fs::write(&answers, demo::ANSWERS).unwrap();
    let photo = dir.join("site.png");
    std::fs::write(&photo, demo::photo_png(800, 600)).unwrap();
    let port = dir.join("not-a-port");
    std::fs::write(&port, "").unwrap();
    let mut v: Vec<std::ffi::OsString> = ["--vendor", "evfield-sim", "--serial-plate", "S1"]
        .iter()
        .map(Into::into)
        .collect();
    for (flag, path) in [
        ("--answers", &answers),
        ("--before-photo", &photo),
        ("--photo", &photo),
        ("--port", &port),
    ] {
        v.push(flag.into());
        v.push(path.into());
    }
    v
}

#[test]
fn an_uncertified_installer_cannot_start_a_session_and_is_told_why() {
    let net = network::start(network::SandboxConfig::default()).unwrap();
    let d = tempfile::tempdir().unwrap();
    let tok = d.path().join("token");
    let o = login(
        d.path(),
        &net.base_url(),
        demo::TRAINEE_USER,
        demo::TRAINEE_PASSWORD,
        &tok,
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("NOT certified"), "{}", text(&o));
    let o = run(
        evfield(d.path())
            .args([
                "renetwork",
                "--non-interactive",
                "--network",
                &net.base_url(),
            ])
            .args(["--user", demo::TRAINEE_USER, "--token-file"])
            .arg(&tok)
            .args(site_values(d.path())),
        "",
    );
    assert_eq!(o.status.code(), Some(7), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("E_NOT_CERTIFIED"), "{t}");
    assert!(
        t.contains("If you do not complete installation training, you cannot access the network"),
        "{t}"
    );
    assert!(t.contains("chargepoint.com/installers"), "{t}");
}

#[test]
fn a_session_uses_the_stored_token_and_asks_no_password() {
    let (net, d, tok, _) = demo_login();
    // no password anywhere: phase 1 passes on the token, the session stops in phase 2 where the
    // "port" (a plain file) cannot be opened
    let o = run(
        evfield(d.path())
            .args([
                "renetwork",
                "--non-interactive",
                "--network",
                &net.base_url(),
            ])
            .args(["--user", demo::INSTALLER_USER, "--token-file"])
            .arg(&tok)
            .args(site_values(d.path())),
        "",
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains("E_NO_PASSWORD"), "{}", text(&o));
    assert!(!text(&o).contains("E_MISSING_VALUE"), "{}", text(&o));
    let dirs: Vec<_> = std::fs::read_dir(d.path().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let journal = std::fs::read_to_string(dirs[0].join("journal.jsonl")).unwrap();
    assert!(journal.contains("\"step_done\""), "phase 1 did not finish");
    let token = std::fs::read_to_string(&tok).unwrap().trim().to_string();
    assert!(!journal.contains(&token), "the token reached the journal");
    assert!(
        !journal.contains("/api/v1/login"),
        "the session logged in again"
    );
}

#[test]
fn no_command_takes_a_secret_as_an_argument() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, bad: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            let long = a.get_long().unwrap_or_default();
            let takes_value = a.get_num_args().is_none_or(|n| n.takes_values())
                && !matches!(
                    a.get_action(),
                    clap::ArgAction::SetTrue | clap::ArgAction::Count
                );
            // the activation password is printed on the sticker: not an installer secret
            let sticker =
                long == "activation-password" || (path.ends_with(" sticker") && long == "password");
            let secret = (long.contains("password") || long.contains("token"))
                && !sticker
                && !long.ends_with("-file")
                && !long.ends_with("-stdin");
            if secret && takes_value {
                bad.push(format!("{path} --{long}"));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), bad);
        }
    }
    let mut bad = Vec::new();
    walk(&evfield::cli::Cli::command(), "evfield", &mut bad);
    assert!(bad.is_empty(), "secrets as arguments: {bad:?}");
}
