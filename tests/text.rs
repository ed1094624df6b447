//! The text of the real binary (issue 12, "text defects"), in English, Norwegian, Swedish and
//! Danish: no unfilled placeholder (`{name}`, a `?` or `-` standing for a value) in the demo
//! session, its replay and the commands that had them; nothing said twice; every command and
//! flag a catalog's text names exists; the demo plays every vendor its error lists.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{evfield, json, logged_in, text};
use evfield::sandbox::network::{self as sandbox, SandboxConfig, sandbox_activation};
use evfield::sandbox::station::{self, SimOptions, SimState};
use regex::Regex;

const LANGS: [&str; 4] = ["en", "nb", "sv", "da"];

/// `evfield --lang LANG` in `data`, with no locale from the environment.
fn run(lang: &str, data: &Path, args: &[&str]) -> Output {
    evfield(data)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("EVFIELD_LANG")
        .args(["--lang", lang])
        .args(args)
        .output()
        .unwrap()
}

/// The lines of a transcript without colours and cursor movements.
fn lines(out: &str) -> Vec<String> {
    let ansi = Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").unwrap();
    ansi.replace_all(out, "")
        .split(['\n', '\r'])
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// The placeholders left in a transcript: `{name}` slots, a `?` or a `-` where a value belongs
/// (`... menu is ?`, `SIM -> -`). JSON payloads (data the network sent, shown by replay) and the
/// `? ` that starts a question at the terminal are not text of ours.
fn unfilled(out: &str) -> Vec<String> {
    let slot = Regex::new(r"\{[a-z_][a-z0-9_]*\}").unwrap();
    let question = Regex::new(r"(^|\s)\?(\s|$|[,.;:)\]])").unwrap();
    let dash = Regex::new(r"(->|:|=)\s+-(\s|$)|\s-$").unwrap();
    let mut found = Vec::new();
    for line in lines(out) {
        let ours = match line.find("{\"") {
            Some(i) => &line[..i],
            None => &line,
        };
        let ours = ours.trim_start();
        let ours = ours.strip_prefix("? ").unwrap_or(ours);
        if slot.is_match(ours) || question.is_match(ours) || dash.is_match(ours) {
            found.push(line.clone());
        }
    }
    found
}

fn assert_filled(what: &str, lang: &str, out: &str) {
    let bad = unfilled(out);
    assert!(
        bad.is_empty(),
        "{what} [{lang}] shows unfilled placeholders:\n{}\n--- whole output:\n{out}",
        bad.join("\n")
    );
}

/// Nothing said twice: no sentence of 25 characters or more (a line, or a part between `: `)
/// appears twice in stdout and stderr together.
fn assert_said_once(what: &str, lang: &str, out: &str) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for line in lines(out) {
        let line = line.trim();
        // `error[E_X]: ` and `help: ` are labels, not sentences
        let body = line.split_once("]: ").map_or(line, |(_, b)| b);
        for part in body.split(": ").map(str::trim) {
            if part.chars().count() >= 25 {
                *seen.entry(part.to_string()).or_default() += 1;
            }
        }
    }
    let twice: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
    assert!(
        twice.is_empty(),
        "{what} [{lang}] says this more than once: {twice:?}\n--- whole output:\n{out}"
    );
}

fn journal(data: &Path) -> PathBuf {
    common::journal_of(data).expect("a session journal")
}

/// A closed port on loopback (bound, then let go).
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn demo_session_replay_and_commands_leave_no_placeholder_in_any_language() {
    for lang in LANGS {
        // the demo session, and one with a station that has no modem
        let d = tempfile::tempdir().unwrap();
        let o = run(lang, d.path(), &["renetwork", "--demo"]);
        assert!(o.status.success(), "{lang}: {}", text(&o));
        assert_filled("renetwork --demo", lang, &text(&o));
        let j = journal(d.path());

        let w = tempfile::tempdir().unwrap();
        let o = run(
            lang,
            w.path(),
            &["renetwork", "--demo", "--vendor", "wallbox"],
        );
        assert!(o.status.success(), "{lang}: {}", text(&o));
        assert_filled("renetwork --demo --vendor wallbox", lang, &text(&o));

        let o = run(lang, d.path(), &["replay", j.to_str().unwrap()]);
        assert!(o.status.success(), "{lang}: {}", text(&o));
        assert_filled("replay", lang, &text(&o));

        // a photo without a GPS block, and a gpsd that does not answer
        let photo = j.parent().unwrap().join("demo").join("before.png");
        assert!(photo.is_file(), "{}", photo.display());
        let o = run(
            lang,
            d.path(),
            &["gps", "read", "--gps-photo", photo.to_str().unwrap()],
        );
        assert!(!o.status.success(), "{lang}: {}", text(&o));
        assert_filled("gps read --gps-photo", lang, &text(&o));
        assert_said_once("gps read --gps-photo", lang, &text(&o));
        let gpsd = format!("127.0.0.1:{}", closed_port());
        let o = run(lang, d.path(), &["gps", "read", "--gpsd", &gpsd]);
        assert!(!o.status.success(), "{lang}: {}", text(&o));
        assert_filled("gps read --gpsd", lang, &text(&o));
        assert_said_once("gps read --gpsd", lang, &text(&o));
        // gpsd fails, the typed position is taken: why gpsd was passed over is said
        let o = run(
            lang,
            d.path(),
            &["gps", "read", "--gpsd", &gpsd, "--gps", "59.91,10.75"],
        );
        assert!(o.status.success(), "{lang}: {}", text(&o));
        assert!(text(&o).contains(&gpsd), "{lang}: {}", text(&o));

        // a journal cut short
        let cut = d.path().join("cut.jsonl");
        let bytes = std::fs::read(&j).unwrap();
        std::fs::write(&cut, &bytes[..bytes.len() - 40]).unwrap();
        let o = run(lang, d.path(), &["log", "verify", cut.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(6), "{lang}: {}", text(&o));
        assert_filled("log verify", lang, &text(&o));
        assert_said_once("log verify", lang, &text(&o));

        // checklist items that name a reading, outside a session (nothing was read)
        let o = run(
            lang,
            d.path(),
            &[
                "checklist",
                "run",
                "evfield_simcharger",
                "--set",
                "evfield_simcharger.sim_holder=yes",
                "--set",
                "evfield_simcharger.firmware_on_display=no",
            ],
        );
        assert!(o.status.success(), "{lang}: {}", text(&o));
        assert_filled("checklist run evfield_simcharger", lang, &text(&o));
        let o = run(
            lang,
            d.path(),
            &[
                "checklist",
                "run",
                "verify",
                "--set",
                "verify.mac_matches=no",
            ],
        );
        assert_filled("checklist run verify", lang, &text(&o));

        // article numbers are explained, not shown as a regular expression
        let o = run(
            lang,
            d.path(),
            &["vendors", "decode", "--vendor", "wallbox", "XYZ"],
        );
        assert!(!o.status.success());
        assert!(!text(&o).contains("(?P<"), "{lang}: {}", text(&o));
        assert!(text(&o).contains("MODEL-"), "{lang}: {}", text(&o));
        assert_filled("vendors decode", lang, &text(&o));
    }
}

#[test]
fn station_status_and_the_ocpp_lint_say_things_once_in_every_language() {
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let d = logged_in(&net);
    let (mac, password) = sandbox_activation(61);
    let o = evfield(d.path())
        .args(["--json", "pinpoint", "submit", "--mac", &mac])
        .args(["--activation-password", &password])
        .args(["--manufacturer", evfield::sandbox::demo::MANUFACTURER])
        .args(["--model", evfield::sandbox::demo::MODEL])
        .args(["--serial", "TEXT61", "--serial-again", "TEXT61"])
        .args(["--gps", "59.913868,10.752245", "--confirm-serial"])
        .args(["--address-id", "addr-0001"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let station_id = json(&o)["station_id"].as_str().unwrap().to_string();
    let sim = station::start(SimState::default(), SimOptions::default()).unwrap();
    for lang in LANGS {
        let o = run(lang, d.path(), &["station", "status", &station_id]);
        assert!(o.status.success(), "{lang}: {}", text(&o));
        assert_filled("station status", lang, &text(&o));
        assert_said_once("station status", lang, &text(&o));
        let o = run(lang, d.path(), &["station", "status", "STN-999999"]);
        assert!(!o.status.success(), "{lang}: {}", text(&o));
        assert_filled("station status (unknown)", lang, &text(&o));
        assert!(!text(&o).contains("`evfield status`"), "{}", text(&o));

        // an http:// URL: the lint refuses it before anything is written
        let mut args: Vec<&str> = "station ocpp set --vendor evfield-sim --charge-box-id CB-1"
            .split(' ')
            .collect();
        args.extend(["--url", "http://cs.example.net/ocpp", "--port", sim.path()]);
        let o = run(lang, d.path(), &args);
        assert_eq!(o.status.code(), Some(3), "{lang}: {}", text(&o));
        assert_filled("station ocpp set", lang, &text(&o));
        assert_said_once("station ocpp set", lang, &text(&o));
    }
}

/// The vendors `E_DEMO_VENDOR` offers are each played by the demo to the end.
#[test]
fn the_demo_plays_every_vendor_its_error_offers() {
    let d = tempfile::tempdir().unwrap();
    let o = run("en", d.path(), &["renetwork", "--demo", "--vendor", "acme"]);
    let t = text(&o);
    assert!(t.contains("E_DEMO_VENDOR"), "{t}");
    let list = t
        .split("the demo plays ")
        .nth(1)
        .and_then(|r| r.split(';').next())
        .unwrap_or_else(|| panic!("no vendor list in {t}"));
    let vendors: Vec<&str> = list.split(", ").map(str::trim).collect();
    assert!(vendors.len() >= 4, "{vendors:?}");
    for v in vendors {
        let d = tempfile::tempdir().unwrap();
        let o = run("en", d.path(), &["renetwork", "--demo", "--vendor", v]);
        assert!(
            o.status.success(),
            "the demo refuses `{v}` it offers: {}",
            text(&o)
        );
    }
}

/// The commands of the binary and their flags, read from `--help` (the clap tree).
struct Tree {
    /// command path (`station status`) → its flags (with the global ones)
    commands: std::collections::BTreeMap<String, Vec<String>>,
}

impl Tree {
    fn read() -> Tree {
        let d = tempfile::tempdir().unwrap();
        let sub = Regex::new(r"^  ([a-z][a-z0-9-]*)(\s|$)").unwrap();
        let flag = Regex::new(r"^\s+(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)").unwrap();
        let mut commands = std::collections::BTreeMap::new();
        let mut todo = vec![String::new()];
        while let Some(path) = todo.pop() {
            let mut args: Vec<&str> = path.split(' ').filter(|s| !s.is_empty()).collect();
            args.push("--help");
            let o = run("en", d.path(), &args);
            assert!(o.status.success(), "evfield {path} --help: {}", text(&o));
            let help = String::from_utf8_lossy(&o.stdout).to_string();
            let mut in_commands = false;
            let mut flags = Vec::new();
            for line in help.lines() {
                if line.ends_with(':') && !line.starts_with(' ') {
                    in_commands = line == "Commands:";
                    continue;
                }
                if in_commands {
                    if let Some(c) = sub.captures(line)
                        && &c[1] != "help"
                    {
                        todo.push(format!("{path} {}", &c[1]).trim().to_string());
                    }
                } else if let Some(c) = flag.captures(line) {
                    flags.push(c[1].to_string());
                }
            }
            commands.insert(path, flags);
        }
        Tree { commands }
    }

    fn has_subcommands(&self, path: &str) -> bool {
        let prefix = if path.is_empty() {
            String::new()
        } else {
            format!("{path} ")
        };
        self.commands
            .keys()
            .any(|k| k.len() > prefix.len() && k.starts_with(&prefix))
    }

    fn has_flag_anywhere(&self, f: &str) -> bool {
        self.commands.values().any(|fl| fl.iter().any(|x| x == f))
    }
}

/// Every `evfield <command> --flag` a catalog's text names (help lines, errors, checklist and
/// vendor texts, in every language) exists, and so does every `--flag` it names alone.
#[test]
fn every_command_and_flag_the_texts_name_exists() {
    let tree = Tree::read();
    assert!(
        tree.commands.contains_key("station status"),
        "{:?}",
        tree.commands.keys()
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["locales", "checklists", "vendors"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 10);
    let mention = Regex::new(r"`evfield((?: [^`]*)?)`").unwrap();
    let flag = Regex::new(r"--[a-z][a-z0-9-]*").unwrap();
    let mut wrong = Vec::new();
    for f in &files {
        // comments are for us, not for the installer
        let text: String = std::fs::read_to_string(f)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let name = f.strip_prefix(root).unwrap().display().to_string();
        for m in mention.captures_iter(&text) {
            let words: Vec<&str> = m[1].split_whitespace().collect();
            // alternatives (`list|show|run`) each name a command
            let mut paths = vec![String::new()];
            let mut rest = 0;
            for w in &words {
                let next: Vec<String> = paths
                    .iter()
                    .flat_map(|p| {
                        w.split('|')
                            .map(move |alt| format!("{p} {alt}").trim().to_string())
                    })
                    .collect();
                if w.starts_with('-') || !next.iter().all(|p| tree.commands.contains_key(p)) {
                    break;
                }
                paths = next;
                rest += 1;
            }
            // what follows the command: its flags and arguments (`{id}`, `ID`, `man`); a word
            // where a subcommand belongs must be one
            for (i, w) in words[rest..].iter().enumerate() {
                if let Some(fm) = flag.find(w).filter(|fm| fm.start() == 0) {
                    for p in &paths {
                        if !tree.commands[p].iter().any(|x| x == fm.as_str()) {
                            wrong.push(format!(
                                "{name}: `evfield{}`: `{p}` has no {}",
                                &m[1],
                                fm.as_str()
                            ));
                        }
                    }
                } else if i == 0
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == '|')
                    && paths.iter().any(|p| tree.has_subcommands(p))
                {
                    wrong.push(format!("{name}: `evfield{}`: no command `{w}`", &m[1]));
                }
            }
        }
        // a flag named alone exists on some command (`--answers`-filen: the flag is `--answers`)
        for fm in flag.find_iter(&text) {
            let before = text[..fm.start()].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '-' {
                continue;
            }
            if !tree.has_flag_anywhere(fm.as_str()) {
                wrong.push(format!("{name}: {} is no flag of evfield", fm.as_str()));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "texts name what does not exist:\n{}",
        wrong.join("\n")
    );
}

/// The checks above catch the defects the issue saw (so they can fail).
#[test]
fn the_checks_catch_the_defects_seen() {
    for bad in [
        "? The firmware version on the station's display is {value}, the version read ›",
        "✔ On a station with a screen: the MAC address in the station's menu is ? and matches",
        "  SIM           -> -",
        "  Network id    -",
    ] {
        assert_eq!(unfilled(bad).len(), 1, "{bad}");
    }
    for good in [
        "? Site access notes › ",
        "QR code: http://127.0.0.1:1/pinpoint?mac=02%3AEF&password=K7",
        "read network.requirements = {\"identity_rule\":\"EVF-{mac}\"}",
        "  SIM           8946000000000000014 -> 8947080000000000015",
        "Is the power off?",
    ] {
        assert!(unfilled(good).is_empty(), "{good}");
    }
    let gpsd = "gpsd 127.0.0.1:1: cannot talk to gpsd at 127.0.0.1:1: Connection refused (os error 111)\n\
                error[E_GPSD]: cannot talk to gpsd at 127.0.0.1:1: Connection refused (os error 111)\n";
    assert!(std::panic::catch_unwind(|| assert_said_once("gpsd", "en", gpsd)).is_err());
    let status =
        "STN-000001 (EVF-02EF10004D01): connecting\nSTN-000001 (EVF-02EF10004D01): connecting\n";
    assert!(std::panic::catch_unwind(|| assert_said_once("status", "en", status)).is_err());
}
