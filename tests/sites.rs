//! Sites: many stations at one place. The place's values are answered once: a session started
//! with `--site NAME` takes them from the site's record (source `site:NAME`) and adds what it
//! answered that the record lacks; each station keeps its own journal; `sessions --site` shows
//! the record and every station's state.

mod common;

use std::path::Path;

use serde_json::Value;

/// `renetwork --demo` without a terminal, as JSON, with `args` after it.
fn renetwork_demo(data: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = common::evfield(data);
    cmd.args(["--json", "--non-interactive", "renetwork", "--demo"]);
    cmd.args(args);
    common::run(&mut cmd, "")
}

/// One more station of `site` (`--new`), `extra` after it.
fn demo(data: &Path, site: &str, extra: &[&str]) -> std::process::Output {
    renetwork_demo(data, &[&["--new", "--site", site][..], extra].concat())
}

/// `renetwork --demo --stations N`, which must succeed: its JSON report.
fn demo_site(data: &Path, stations: u32) -> Value {
    let o = renetwork_demo(data, &["--stations", &stations.to_string()]);
    assert!(o.status.success(), "{}", common::text(&o));
    common::json(&o)
}

/// The newest session's answers: key → (value, source).
fn answers(journal: &Path) -> std::collections::BTreeMap<String, (String, String)> {
    common::events(journal)
        .iter()
        .filter(|e| e["kind"] == "answer")
        .map(|e| {
            (
                e["data"]["key"].as_str().unwrap().to_string(),
                (
                    e["data"]["value"].as_str().unwrap_or_default().to_string(),
                    e["data"]["source"].as_str().unwrap_or_default().to_string(),
                ),
            )
        })
        .collect()
}

/// Every journal, oldest first (by the first event's time: two ids of one second are in no
/// order).
fn journals(data: &Path) -> Vec<std::path::PathBuf> {
    if !data.join("sessions").is_dir() {
        return Vec::new();
    }
    let mut all: Vec<(String, std::path::PathBuf)> = common::session_dirs(data)
        .into_iter()
        .map(|d| d.join("journal.jsonl"))
        .map(|j| {
            let first = common::events(&j)[0]["time"].as_str().unwrap().to_string();
            (first, j)
        })
        .collect();
    all.sort();
    all.into_iter().map(|(_, j)| j).collect()
}

#[test]
fn the_second_station_of_a_site_takes_the_places_values_from_its_record() {
    let d = tempfile::tempdir().unwrap();
    let site = "P-hus Sentrum";
    let o = demo(d.path(), site, &[]);
    assert!(o.status.success(), "{}", common::text(&o));
    let record = std::fs::read_to_string(d.path().join("sites/p-hus-sentrum.toml")).unwrap();
    assert!(
        record.contains("Sentrum P-hus") && record.contains("addr-0001"),
        "{record}"
    );
    // the demo's stand-in network and account are not the place's
    assert!(!record.contains("network.url"), "{record}");
    // the site access notes are the place's too (the record is the user's only), and the
    // station's position is the start of the site's area
    assert!(record.contains("gate code 2468"), "{record}");
    assert!(record.contains("[positions]"), "{record}");

    let o = demo(d.path(), "p-hus sentrum", &["--floor", "P3"]);
    assert!(o.status.success(), "{}", common::text(&o));
    let all = journals(d.path());
    assert_eq!(all.len(), 2, "each station its own journal");
    let second = answers(all.last().unwrap());
    for key in [
        "pinpoint.car_park",
        "pinpoint.building",
        "pinpoint.restrictions",
        "pinpoint.address_id",
    ] {
        assert_eq!(
            second[key].1, "site:P-hus Sentrum",
            "{key}: {:?}",
            second[key]
        );
    }
    // sealed in the journal like every secret, taken from the record
    assert_eq!(second["precheck.site_access"].1, "site:P-hus Sentrum");
    let raw = std::fs::read_to_string(all.last().unwrap()).unwrap();
    assert!(
        raw.contains("gate code 2468") && raw.contains("[sealed:"),
        "sealed: the text rides outside the hash"
    );
    // a value given for this station wins, and never changes the site's record
    assert_eq!(second["pinpoint.floor"], ("P3".into(), "flag".into()));
    let record = std::fs::read_to_string(d.path().join("sites/p-hus-sentrum.toml")).unwrap();
    assert!(record.contains("\"P2\""), "{record}");

    // the site's stations and record
    let o = common::run(
        common::evfield(d.path()).args(["--json", "sessions", "--site", site]),
        "",
    );
    let v: Value = common::json(&o);
    assert_eq!(v["site"]["name"], site);
    assert_eq!(v["site"]["values"]["pinpoint.floor"], "P2");
    assert_eq!(v["site"]["values"]["precheck.site_access"], "[masked]");
    assert!(!common::text(&o).contains("2468"), "{}", common::text(&o));
    assert_eq!(v["site"]["area"]["stations"], 2, "{v}");
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{v}");
    assert!(
        sessions
            .iter()
            .all(|s| s["state"] == "done" && s["site"].is_string())
    );
    let o = common::run(
        common::evfield(d.path()).args(["sessions", "--site", site]),
        "",
    );
    let t = common::text(&o);
    assert!(
        t.contains("Site P-hus Sentrum: 2 stations, 2 done, 0 open"),
        "{t}"
    );
    assert!(
        t.contains("area: within 0 m of 59.913868,10.752245 (2 stations)"),
        "{t}"
    );
    assert!(!t.contains("2468"), "{t}");

    // a position kilometres from the site's stations (a cold receiver's first fix) is refused
    // before a session starts, naming the flag, the distance and what to do
    let o = demo(d.path(), site, &["--gps", "59.95,10.752245"]);
    assert_eq!(o.status.code(), Some(3), "{}", common::text(&o));
    let t = common::text(&o);
    assert!(
        t.contains("E_POSITION_OFF_SITE") && t.contains("--gps") && t.contains("4018 m"),
        "{t}"
    );
    assert_eq!(journals(d.path()).len(), 2, "no session was started");
}

#[test]
fn a_bad_site_name_or_record_is_a_clear_error_before_anything_starts() {
    let d = tempfile::tempdir().unwrap();
    let o = demo(d.path(), "../etc", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", common::text(&o));
    assert!(
        common::text(&o).contains("E_SITE_NAME"),
        "{}",
        common::text(&o)
    );
    std::fs::create_dir_all(d.path().join("sites")).unwrap();
    std::fs::write(d.path().join("sites/garage.toml"), "name = [").unwrap();
    let o = demo(d.path(), "Garage", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", common::text(&o));
    let t = common::text(&o);
    assert!(
        t.contains("E_SITE_FILE") && t.contains("garage.toml"),
        "{t}"
    );
    assert!(journals(d.path()).is_empty(), "no session was started");
}

#[test]
fn the_demo_plays_a_site_of_three_stations() {
    let d = tempfile::tempdir().unwrap();
    let v = demo_site(d.path(), 3);
    assert_eq!(v["site"]["name"], "Demo car park", "{v}");
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3, "{v}");
    let mut serials: Vec<&str> = sessions
        .iter()
        .map(|s| {
            assert_eq!(s["state"], "done", "{s}");
            s["serial"].as_str().unwrap()
        })
        .collect();
    serials.sort();
    serials.dedup();
    assert_eq!(serials.len(), 3, "each station its own serial: {serials:?}");
    assert_eq!(v["reports"].as_array().unwrap().len(), 3);
    // the second and third took the place's values from the site's record
    let all = journals(d.path());
    for j in &all[1..] {
        let a = answers(j);
        assert_eq!(a["pinpoint.car_park"].1, "site:Demo car park", "{j:?}");
    }
    // the first read the car park from the network's list of addresses
    assert_eq!(answers(&all[0])["pinpoint.car_park"].1, "network");
    // every station's installer photographed its sticker, SIM carrier, type plate and place:
    // those values were read from the photos, none typed
    for j in &all {
        let a = answers(j);
        for (key, source) in [
            ("activation.password", "photo:sticker.jpg"),
            ("sim.kit_iccid", "photo:sim-carrier.jpg"),
            ("pinpoint.serial_plate", "photo:type-plate.jpg"),
            ("pinpoint.gps", "photo exif"),
        ] {
            assert_eq!(a[key].1, source, "{key} in {j:?}");
        }
    }
}

/// A support engineer gets a whole site in one bundle: every station's session, masked and
/// verified like one alone; a changed, missing or foreign part of it is found.
#[test]
fn a_site_is_exported_verified_and_imported_as_one_bundle() {
    let d = tempfile::tempdir().unwrap();
    demo_site(d.path(), 2);
    let out = d.path().join("site.tar.gz");
    let o = common::run(
        common::evfield(d.path())
            .args(["--json", "export", "--site", "demo car park", "-o"])
            .arg(&out),
        "",
    );
    assert!(o.status.success(), "{}", common::text(&o));
    let v = common::json(&o);
    assert_eq!(v["stations"].as_array().unwrap().len(), 2, "{v}");

    // inside: the record first, then each station's bundle; no secret anywhere
    let entries = common::archive_entries(&out);
    assert_eq!(entries[0].0, "evfield-site-demo-car-park/site.json");
    let record: Value = serde_json::from_slice(&entries[0].1).unwrap();
    assert_eq!(record["site"]["values"]["precheck.site_access"], "[masked]");
    assert_eq!(record["stations"].as_array().unwrap().len(), 2);
    for (name, bytes) in &entries[1..] {
        assert!(
            name.starts_with("evfield-site-demo-car-park/sessions/"),
            "{name}"
        );
        let inner = d.path().join("inner.tar.gz");
        std::fs::write(&inner, bytes).unwrap();
        for (n, b) in common::archive_entries(&inner) {
            let t = String::from_utf8_lossy(&b);
            assert!(
                !t.contains("gate code 2468"),
                "{name}/{n} holds the access notes"
            );
        }
    }

    // verified whole
    let verify = |path: &Path| {
        common::run(
            common::evfield(d.path())
                .args(["--json", "log", "verify"])
                .arg(path),
            "",
        )
    };
    let o = verify(&out);
    assert!(o.status.success(), "{}", common::text(&o));
    let v = common::json(&o);
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["stations"].as_array().unwrap().len(), 2);

    // imported whole, into another machine's data dir
    let other = tempfile::tempdir().unwrap();
    let o = common::run(
        common::evfield(other.path())
            .args(["--json", "import"])
            .arg(&out),
        "",
    );
    assert!(o.status.success(), "{}", common::text(&o));
    let v = common::json(&o);
    let ids: Vec<&str> = v["stations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["session_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{v}");
    for id in &ids {
        assert!(
            other
                .path()
                .join("imports")
                .join(id)
                .join("journal.jsonl")
                .is_file()
        );
    }

    // replay wants one session: said so, with what to do
    let o = common::run(common::evfield(d.path()).args(["replay"]).arg(&out), "");
    assert_eq!(o.status.code(), Some(2), "{}", common::text(&o));
    assert!(
        common::text(&o).contains("E_SITE_BUNDLE") && common::text(&o).contains(ids[0]),
        "{}",
        common::text(&o)
    );

    // a station's bundle changed, one left out, one foreign entry: each found, with its code
    let refused = |name: &str, parts: &[(String, Vec<u8>)], exit: i32, says: &str| {
        let path = d.path().join(name);
        common::write_archive(&path, parts);
        let o = verify(&path);
        assert_eq!(o.status.code(), Some(exit), "{name}: {}", common::text(&o));
        assert!(
            common::text(&o).contains(says),
            "{name}: {}",
            common::text(&o)
        );
        path
    };
    let mut changed = entries.clone();
    let last = changed.last_mut().unwrap();
    let n = last.1.len();
    last.1[n - 30] ^= 0x55;
    refused("changed.tar.gz", &changed, 6, "E_BUNDLE_TAMPERED");
    let short = refused("short.tar.gz", &entries[..2], 6, ids[1]);
    let mut foreign = entries.clone();
    foreign.push((
        "evfield-site-demo-car-park/run.sh".into(),
        b"rm -rf ~".to_vec(),
    ));
    let f = refused("foreign.tar.gz", &foreign, 8, "E_BUNDLE");
    let third = tempfile::tempdir().unwrap();
    let o = common::run(common::evfield(third.path()).args(["import"]).arg(&f), "");
    assert_eq!(o.status.code(), Some(8), "{}", common::text(&o));
    // nothing imported: the whole bundle is checked before any station is
    let kept = || {
        std::fs::read_dir(third.path().join("imports"))
            .map(|rd| rd.count())
            .unwrap_or(0)
    };
    assert_eq!(kept(), 0, "a refused site bundle leaves nothing");
    let o = common::run(
        common::evfield(third.path()).args(["import"]).arg(&short),
        "",
    );
    assert_eq!(o.status.code(), Some(6), "{}", common::text(&o));
    assert_eq!(kept(), 0, "a site bundle missing a station imports nothing");
}
