//! `evfield checklist list|show|run` on the command line, with no terminal.

use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn evfield(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("evfield").unwrap();
    c.arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::null())
        .env("EVFIELD_CHECKLIST_DIR", dir.join("checklists"))
        .env_remove("EVFIELD_LANG")
        .env("LANG", "C");
    c
}

fn json(c: &mut Command) -> (i32, Value, String) {
    let o = c.arg("--json").output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        serde_json::from_slice(&o.stdout).unwrap_or(Value::Null),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

#[test]
fn list_show_and_run_a_checklist_without_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    let (code, v, _) = json(evfield(d.path()).args(["checklist", "list"]));
    assert_eq!(code, 0);
    let ids: Vec<&str> = v["checklists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"safety") && ids.contains(&"verify") && ids.contains(&"wallbox"));
    let (_, v, _) =
        json(evfield(d.path()).args(["checklist", "list", "--manufacturer", "Evfield"]));
    assert!(
        !v.to_string().contains("\"wallbox\""),
        "a Wallbox checklist for an Evfield station"
    );

    let (code, v, _) =
        json(evfield(d.path()).args(["--lang", "nb", "checklist", "show", "safety"]));
    assert_eq!(code, 0);
    assert_eq!(v["items"][2]["key"], "safety.voltage");
    assert!(v["warning"].as_str().unwrap().starts_with("FARE"));

    let (code, v, stderr) = json(evfield(d.path()).args([
        "checklist",
        "run",
        "safety",
        "--set",
        "safety.power_isolated=yes",
        "--set",
        "safety.lockout_tagout=ja",
        "--set",
        "safety.voltage=0,1 V",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["passed"], true);
    assert_eq!(v["items"][2]["evidence"]["value"], 0.1);

    // a reading above the threshold stops with exit code 7 and says what to do
    let (code, v, stderr) = json(evfield(d.path()).args([
        "checklist",
        "run",
        "safety",
        "--set",
        "safety.power_isolated=yes",
        "--set",
        "safety.lockout_tagout=yes",
        "--set",
        "safety.voltage=230",
    ]));
    assert_eq!(code, 7, "{stderr}");
    assert_eq!(v["passed"], false);
    let e: Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(e["error"]["code"], "E_CHECKLIST_BLOCKED");
    assert!(
        e["error"]["help"]
            .as_str()
            .unwrap()
            .contains("do not open the cabinet")
    );

    // a missing blocking answer names its key
    let (code, _, stderr) = json(evfield(d.path()).args(["checklist", "run", "safety"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("safety.power_isolated"), "{stderr}");
}

#[test]
fn a_checklist_file_with_a_mistake_names_file_line_and_key() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("checklists");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "id = \"site\"\nversion = \"1\"\nphase = \"verify\"\n[title]\nen = \"Site\"\n\n[[item]]\nid = \"barrier\"\nevidence = \"photograph\"\nblocking = false\n[item.text]\nen = \"Barrier\"\n",
    )
    .unwrap();
    for args in [vec!["checklist", "list"], vec!["renetwork", "--demo"]] {
        let (code, _, stderr) = json(evfield(d.path()).args(&args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        let e: Value = serde_json::from_str(stderr.trim()).unwrap();
        let msg = e["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains("site.toml:9:") && msg.contains("item.barrier.evidence"),
            "{msg}"
        );
    }
    assert!(
        !d.path().join("sessions").exists(),
        "no session on a bad checklist"
    );
}
