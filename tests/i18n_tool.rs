//! The tool's own commands in Norwegian, Swedish and Danish: `checklist`, `sticker`, `sim` and
//! `sandbox` speak the installer's language (`--lang`), while file names, lines, keys, flags,
//! codes and the machine parts of their output stay as they are.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn evfield(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::null())
        .env("EVFIELD_CHECKLIST_DIR", dir.join("checklists"))
        .env_remove("EVFIELD_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let o: Output = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).to_string(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

/// The error document of a `--json` run that failed.
fn json_error(stderr: &str) -> Value {
    let e: Value = serde_json::from_str(stderr.trim()).unwrap_or_else(|_| panic!("{stderr}"));
    e["error"].clone()
}

#[test]
fn checklist_show_says_blocking_advisory_and_evidence_in_the_language() {
    let d = tempfile::tempdir().unwrap();
    let (code, en, err) = run(evfield(d.path()).args(["checklist", "show", "safety"]));
    assert_eq!(code, 0, "{err}");
    assert!(en.contains("[blocking]  confirmation"), "{en}");
    assert!(en.contains("[blocking]  number V"), "{en}");

    let (code, nb, err) =
        run(evfield(d.path()).args(["--lang", "nb", "checklist", "show", "safety"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        nb.contains("safety.power_isolated  [blokkerende]  bekreftelse"),
        "{nb}"
    );
    assert!(nb.contains("safety.voltage  [blokkerende]  tall V"), "{nb}");
    for english in ["blocking", "confirmation", "number V"] {
        assert!(!nb.contains(english), "English `{english}` in:\n{nb}");
    }

    // advisory items, text, photo, reading and "n/a allowed"
    for (id, en_words, sv_words) in [
        (
            "precheck",
            &["[advisory]  text"][..],
            &["[rekommenderad]  text"][..],
        ),
        ("labels", &["[advisory]  photo"], &["[rekommenderad]  foto"]),
        (
            "verify",
            &["[blocking, n/a allowed]  reading station.mac"],
            &["[blockerande, n/a tillåtet]  avläsning station.mac"],
        ),
    ] {
        let (_, en, _) = run(evfield(d.path()).args(["checklist", "show", id]));
        let (code, sv, err) =
            run(evfield(d.path()).args(["--lang", "sv", "checklist", "show", id]));
        assert_eq!(code, 0, "{err}");
        for (e, s) in en_words.iter().zip(sv_words) {
            assert!(en.contains(e), "{id}: `{e}` not in:\n{en}");
            assert!(sv.contains(s), "{id}: `{s}` not in:\n{sv}");
            assert!(!sv.contains(e), "{id}: English `{e}` in:\n{sv}");
        }
    }

    let (code, da, _) = run(evfield(d.path()).args(["--lang", "da", "checklist", "list"]));
    assert_eq!(code, 0);
    assert!(da.contains(" punkter  "), "{da}");
    assert!(!da.contains(" items  "), "{da}");
}

#[test]
fn a_checklist_file_with_a_mistake_is_explained_in_swedish_with_file_line_and_key() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("checklists");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "id = \"site\"\nversion = \"1\"\nphase = \"verify\"\n[title]\nen = \"Site\"\n\n[[item]]\nid = \"barrier\"\nevidence = \"photograph\"\nblocking = false\n[item.text]\nen = \"Barrier\"\n",
    )
    .unwrap();
    let (code, _, en) = run(evfield(d.path()).args(["--json", "checklist", "list"]));
    assert_eq!(code, 2, "{en}");
    let en = json_error(&en);
    assert!(
        en["message"]
            .as_str()
            .unwrap()
            .ends_with("`photograph` is not an evidence kind"),
        "{en}"
    );

    let (code, _, sv) =
        run(evfield(d.path()).args(["--lang", "sv", "--json", "checklist", "list"]));
    assert_eq!(code, 2, "{sv}");
    let e = json_error(&sv);
    assert_eq!(e["code"], "E_CHECKLIST");
    let msg = e["message"].as_str().unwrap();
    assert!(msg.contains("site.toml:9:"), "{msg}");
    assert!(msg.contains("`item.barrier.evidence`"), "{msg}");
    assert!(msg.contains("är inte en typ av underlag"), "{msg}");
    assert!(!msg.contains("is not an evidence kind"), "{msg}");
    let help = e["help"].as_str().unwrap();
    assert!(
        help.starts_with("använd en av confirmation, number"),
        "{help}"
    );

    // a wrong type: the type's name is translated too
    std::fs::write(
        dir.join("site.toml"),
        "id = \"site\"\nversion = 1\nphase = \"verify\"\n",
    )
    .unwrap();
    let (_, _, sv) = run(evfield(d.path()).args(["--lang", "sv", "--json", "checklist", "list"]));
    let msg = json_error(&sv)["message"].as_str().unwrap().to_string();
    assert!(
        msg.ends_with("site.toml:2: `version`: måste vara en textsträng, inte heltal"),
        "{msg}"
    );
}

#[test]
fn checklist_run_usage_errors_in_danish() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, da) = run(evfield(d.path()).args([
        "--lang",
        "da",
        "--json",
        "checklist",
        "run",
        "safety",
        "--set",
        "safety.nothing=yes",
    ]));
    assert_eq!(code, 2, "{da}");
    let e = json_error(&da);
    assert_eq!(e["code"], "E_SET");
    assert_eq!(
        e["message"],
        "--set: `safety.nothing` er ikke et punkt i tjeklisten `safety`"
    );
    let (code, _, da) =
        run(evfield(d.path()).args(["--lang", "da", "--json", "checklist", "show", "nope"]));
    assert_eq!(code, 2, "{da}");
    assert_eq!(json_error(&da)["message"], "ingen tjekliste `nope`");
}

const TEMPLATE: &str = "https://installer.example.net/pinpoint?mac={mac}&password={password}";

#[test]
fn sticker_errors_and_stock_list_in_danish() {
    let d = tempfile::tempdir().unwrap();
    let sticker = |lang: &str, extra: &[&str]| {
        let mut c = evfield(d.path());
        c.args(["--lang", lang, "--json", "sticker", "--template", TEMPLATE]);
        c.args(["--password", "K7+9/QF=2"]).args(extra);
        let (code, _, stderr) = run(&mut c);
        (code, json_error(&stderr))
    };
    // an empty MAC
    let (code, e) = sticker("da", &["--mac", " "]);
    assert_eq!(code, 2);
    assert_eq!(e["code"], "E_STICKER");
    assert_eq!(e["message"], "MAC-adressen er tom");
    assert!(
        e["help"]
            .as_str()
            .unwrap()
            .starts_with("angiv stationens MAC-adresse med --mac")
    );
    let (_, e) = sticker("en", &["--mac", " "]);
    assert_eq!(e["message"], "the MAC is empty");

    // an unknown label stock: the list of stocks is kept
    let (code, e) = sticker("da", &["--mac", "02:EF:10:00:4D:01", "--stock", "9x9"]);
    assert_eq!(code, 2);
    assert_eq!(e["message"], "ukendt etiketformat `9x9`");
    assert!(
        e["help"]
            .as_str()
            .unwrap()
            .starts_with("brug en af 50x25, "),
        "{e}"
    );

    // a file name without a known format: nothing written
    let jpg = d.path().join("s.jpg");
    let (code, e) = sticker(
        "da",
        &["--mac", "02:EF:10:00:4D:01", "-o", jpg.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert_eq!(e["code"], "E_STICKER_FORMAT");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .ends_with("s.jpg ud fra filendelsen"),
        "{e}"
    );
    assert!(!jpg.exists());

    // the stocks, in text and in JSON
    let (code, da, _) = run(evfield(d.path()).args(["--lang", "da", "sticker", "--list-stock"]));
    assert_eq!(code, 0);
    assert!(da.contains("A4-papir (kontorprinter; klip ud)"), "{da}");
    assert!(!da.contains("thermal label"), "{da}");
    let (_, js, _) =
        run(evfield(d.path()).args(["--lang", "nb", "--json", "sticker", "--list-stock"]));
    let v: Value = serde_json::from_str(&js).unwrap();
    assert_eq!(v["stocks"][2]["id"], "76x51");
    assert_eq!(v["stocks"][2]["what"], "3 x 2 tommer termoetikett");
}

/// The first `n` lines a server prints on stdout; then it is stopped.
fn first_lines(mut c: Command, n: usize) -> Vec<String> {
    use std::io::{BufRead, BufReader};
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut r = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..n {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap() == 0 {
            break;
        }
        lines.push(line.trim_end().to_string());
    }
    child.kill().unwrap();
    child.wait().unwrap();
    lines
}

#[test]
fn sim_and_sandbox_say_where_they_listen_in_the_language() {
    let d = tempfile::tempdir().unwrap();
    // the port stays the first line, as it is, for scripts; the sentence is Norwegian
    let mut c = evfield(d.path());
    c.args(["--lang", "nb", "sim", "--boot-delay-ms", "0"]);
    let lines = first_lines(c, 2);
    assert!(lines[0].starts_with("/dev/"), "{lines:?}");
    assert!(
        lines[1].starts_with("Simulert Evfield SimCharger 22 (serienummer ")
            && lines[1].ends_with("på porten over (--port). Ctrl-C stopper den."),
        "{lines:?}"
    );

    let mut c = evfield(d.path());
    c.args(["--lang", "da", "sandbox", "--port", "0"]);
    let lines = first_lines(c, 4);
    assert_eq!(lines[0], "Sandkassenetværk", "{lines:?}");
    assert!(
        lines[1].starts_with("  installatør-API http://127.0.0.1:"),
        "{lines:?}"
    );
    assert!(lines[2].ends_with("/ocpp/<chargeBoxId>"), "{lines:?}");
    assert_eq!(lines[3], "Ctrl-C stopper det.");
}

#[test]
fn sim_and_sandbox_usage_errors_in_swedish_and_norwegian() {
    let d = tempfile::tempdir().unwrap();
    let (code, _, sv) =
        run(evfield(d.path()).args(["--lang", "sv", "--json", "sim", "--vendor", "nobody"]));
    assert_eq!(code, 2, "{sv}");
    let e = json_error(&sv);
    assert_eq!(e["code"], "E_SIM_VENDOR");
    assert_eq!(
        e["message"],
        "simulatorn kan inte efterlikna leverantören `nobody`"
    );
    assert!(
        e["help"]
            .as_str()
            .unwrap()
            .starts_with("den efterliknar evfield-sim, "),
        "{e}"
    );

    let state = d.path().join("state.json");
    std::fs::write(&state, "not json").unwrap();
    let (code, _, sv) = run(evfield(d.path())
        .args(["--lang", "sv", "--json", "sim", "--state"])
        .arg(&state));
    assert_eq!(code, 2, "{sv}");
    let msg = json_error(&sv)["message"].as_str().unwrap().to_string();
    assert!(
        msg.contains("state.json är inte en tillståndsfil för simulatorn"),
        "{msg}"
    );

    // a port another program holds
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port().to_string();
    let (code, _, nb) =
        run(evfield(d.path()).args(["--lang", "nb", "--json", "sandbox", "--port", &port]));
    assert_eq!(code, 2, "{nb}");
    let e = json_error(&nb);
    assert_eq!(e["code"], "E_SANDBOX_BIND");
    assert!(
        e["message"].as_str().unwrap().starts_with(&format!(
            "sandkassenettverket kan ikke lytte på 127.0.0.1:{port}: "
        )),
        "{e}"
    );
    assert_eq!(
        e["help"],
        format!("velg en annen port med --port, eller --port 0 for en ledig port (var {port})")
    );
}

#[test]
fn a_network_command_without_network_or_account_says_so_in_norwegian() {
    let d = tempfile::tempdir().unwrap();
    let net_cmd = |extra: &[&str]| {
        let mut c = evfield(d.path());
        c.env_remove("EVFIELD_NETWORK")
            .env_remove("EVFIELD_USER")
            .env_remove("EVFIELD_CONFIG")
            .env("HOME", d.path())
            .env("XDG_CONFIG_HOME", d.path().join("config"))
            .args(["--lang", "nb", "--json", "whoami"])
            .args(extra);
        let (code, _, stderr) = run(&mut c);
        (code, json_error(&stderr))
    };
    let (code, e) = net_cmd(&[]);
    assert_eq!(code, 2, "{e}");
    assert_eq!(e["code"], "E_NO_NETWORK");
    assert_eq!(
        e["message"],
        "ingen nettverk er oppgitt, og ingen er logget inn"
    );
    assert!(
        e["help"]
            .as_str()
            .unwrap()
            .starts_with("oppgi --network URL"),
        "{e}"
    );
    let (code, e) = net_cmd(&["--network", "http://127.0.0.1:9"]);
    assert_eq!(code, 2, "{e}");
    assert_eq!(e["code"], "E_NO_USER");
    assert_eq!(
        e["message"],
        "ingen montørkonto er oppgitt for http://127.0.0.1:9"
    );
}
