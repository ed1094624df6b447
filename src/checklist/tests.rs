use super::*;

#[test]
fn built_in_checklists_load_and_every_file_is_built_in() {
    let r = Registry::load(None).unwrap();
    assert_eq!(r.lists.len(), BUILT_IN.len());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name.ends_with(".toml") {
            assert!(
                BUILT_IN.iter().any(|(n, _)| *n == name),
                "checklists/{name} is not listed in checklist::BUILT_IN"
            );
        }
    }
    // in order: precheck, before (verification, vendor, safety gate), labels, verify
    let ids: Vec<&str> = r.lists.iter().map(|c| c.id.as_str()).collect();
    let pos = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    assert!(pos("precheck") < pos("before"));
    assert!(pos("before") < pos("evfield_simcharger"));
    assert!(pos("evfield_simcharger") < pos("safety"));
    assert!(pos("safety") < pos("labels") && pos("labels") < pos("verify"));
    assert_eq!(r.get("safety").unwrap().gates.as_deref(), Some("sim"));
}

/// Every shipped text in the four languages (the checklists' part of the missing-translation
/// list).
#[test]
fn shipped_checklists_are_fully_translated() {
    let r = Registry::load(None).unwrap();
    let mut missing = Vec::new();
    for c in &r.lists {
        let mut texts: Vec<(String, &Texts)> = vec![(format!("{}.title", c.id), &c.title)];
        if let Some(w) = &c.warning {
            texts.push((format!("{}.warning", c.id), w));
        }
        for i in &c.items {
            texts.push((format!("{}.text", i.key), &i.text));
            if !i.help.is_empty() {
                texts.push((format!("{}.help", i.key), &i.help));
            }
        }
        for (name, t) in texts {
            for l in Lang::ALL {
                if !t.has(l) {
                    missing.push(format!("{}: {name} [{}]", c.source, l.code()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing translations:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_seed_items_are_shipped() {
    let r = Registry::load(None).unwrap();
    let safety = r.get("safety").unwrap();
    assert!(safety.items.iter().all(|i| i.blocking));
    match &safety.item("voltage").unwrap().evidence {
        Evidence::Number { unit, max, .. } => {
            assert_eq!(unit, "V");
            assert_eq!(*max, Some(10.0));
        }
        e => panic!("voltage is {e:?}"),
    }
    let verify = r.get("verify").unwrap();
    for id in [
        "cabinet_secured",
        "no_display_errors",
        "logo_visible",
        "mac_matches",
        "network_connected",
    ] {
        assert!(verify.item(id).is_some(), "verify.{id}");
    }
    assert!(
        r.get("precheck")
            .unwrap()
            .item("firmware_document")
            .is_some()
    );
    let wallbox = r.get("wallbox").unwrap();
    assert!(wallbox.applies(Some(("WALLBOX", "Copper SB"))));
    assert!(!wallbox.applies(Some(("Wallbox", "Quasar"))));
    assert!(!wallbox.applies(None));
    assert_eq!(
        r.for_phase("before", Some(("Evfield", "SimCharger 22")))
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["before", "evfield_simcharger", "safety"]
    );
}

fn err(text: &str) -> String {
    let e = load::parse(text, "site.toml").unwrap_err();
    assert_eq!(e.code, "E_CHECKLIST");
    format!("{} | {}", e.message, e.help.unwrap_or_default())
}

const HEAD: &str = "id = \"x\"\nversion = \"1\"\nphase = \"before\"\n[title]\nen = \"X\"\n";

#[test]
fn mistakes_name_file_line_and_key() {
    // unknown key in an item, on line 10
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"a\"\nevidence = \"confirmation\"\nblocking = false\nbloking = true\n[item.text]\nen = \"A\"\n"
    ));
    assert!(
        e.starts_with("site.toml:10: `item.a.bloking`: unknown key"),
        "{e}"
    );
    // a wrong evidence kind
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"a\"\nevidence = \"photograph\"\n[item.text]\nen = \"A\"\n"
    ));
    assert!(e.starts_with("site.toml:8: `item.a.evidence`"), "{e}");
    assert!(e.contains("photo"), "{e}");
    // a number without its unit
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"v\"\nevidence = \"number\"\nblocking = false\nmax = 1\n[item.text]\nen = \"V\"\n"
    ));
    assert!(e.contains("`item.v.unit`: is missing"), "{e}");
    // min above max
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"v\"\nevidence = \"number\"\nunit = \"V\"\nmin = 5\nmax = 1\nblocking = false\n[item.text]\nen = \"V\"\n"
    ));
    assert!(e.contains("`item.v.min`"), "{e}");
    // a blocking item must say what to do when it fails
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"a\"\nevidence = \"confirmation\"\n[item.text]\nen = \"A\"\n"
    ));
    assert!(e.contains("`item.a.help`: is missing"), "{e}");
    // an unknown language and a missing English text
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"a\"\nevidence = \"text\"\nblocking = false\n[item.text]\nen = \"A\"\nde = \"B\"\n"
    ));
    assert!(
        e.starts_with("site.toml:12: `item.a.text.de`: unknown language"),
        "{e}"
    );
    let e = err("id = \"x\"\nversion = \"1\"\nphase = \"before\"\n[title]\nnb = \"X\"\n");
    assert!(
        e.starts_with("site.toml:4: `title`: has no English text"),
        "{e}"
    );
    // a bad phase, a bad id, a syntax error
    let e = err("id = \"x\"\nversion = \"1\"\nphase = \"lunch\"\n");
    assert!(e.starts_with("site.toml:3: `phase`"), "{e}");
    let e = err("id = \"Safety Gate\"\n");
    assert!(e.starts_with("site.toml:1: `id`"), "{e}");
    let e = err(&format!("{HEAD}[[item]]\nid = \n"));
    assert!(e.starts_with("site.toml:7: not valid TOML"), "{e}");
    // a reading the tool does not know, an option that does not fit the evidence
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"r\"\nevidence = \"reading\"\nreading = \"station.colour\"\nblocking = false\n[item.text]\nen = \"R\"\n"
    ));
    assert!(e.starts_with("site.toml:9: `item.r.reading`"), "{e}");
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"c\"\nevidence = \"confirmation\"\nunit = \"V\"\nblocking = false\n[item.text]\nen = \"C\"\n"
    ));
    assert!(
        e.starts_with("site.toml:9: `item.c.unit`: does not go with"),
        "{e}"
    );
    // gates must name a later phase
    let e = err("id = \"x\"\nversion = \"1\"\nphase = \"before\"\ngates = \"precheck\"\n");
    assert!(e.starts_with("site.toml:4: `gates`"), "{e}");
}

#[test]
fn a_file_in_the_config_dir_replaces_or_adds() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("safety.toml"),
        "id = \"safety\"\nversion = \"local-2\"\nphase = \"before\"\ngates = \"sim\"\n[title]\nen = \"Local gate\"\n[[item]]\nid = \"voltage\"\nevidence = \"number\"\nunit = \"V\"\nmax = 5.0\n[item.text]\nen = \"Reading\"\n[item.help]\nen = \"isolate\"\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("extra.toml"),
        "id = \"site_rules\"\nversion = \"1\"\nphase = \"verify\"\n[title]\nen = \"Site rules\"\n[[item]]\nid = \"barrier\"\nevidence = \"confirmation\"\nblocking = false\n[item.text]\nen = \"Barrier closed\"\n",
    )
    .unwrap();
    let r = Registry::load(Some(d.path())).unwrap();
    let s = r.get("safety").unwrap();
    assert_eq!(s.version, "local-2");
    assert_eq!(s.items.len(), 1);
    assert!(s.source.ends_with("safety.toml") && !s.source.starts_with("built-in"));
    assert!(r.get("site_rules").is_some());
    assert!(r.keys().iter().any(|k| k.key == "site_rules.barrier"));

    // a mistake in a user's file names that file
    std::fs::write(
        d.path().join("extra.toml"),
        "id = \"site_rules\"\nversion = 1\n",
    )
    .unwrap();
    let e = Registry::load(Some(d.path())).err().unwrap();
    assert!(
        e.message.contains("extra.toml:2: `version`"),
        "{}",
        e.message
    );
}

#[test]
fn an_item_key_may_not_shadow_a_session_value() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("p.toml"),
        "id = \"pinpoint\"\nversion = \"1\"\nphase = \"verify\"\n[title]\nen = \"P\"\n[[item]]\nid = \"gps\"\nevidence = \"text\"\nblocking = false\n[item.text]\nen = \"G\"\n",
    )
    .unwrap();
    let e = Registry::load(Some(d.path())).err().unwrap();
    assert!(e.message.contains("pinpoint.gps"), "{}", e.message);
}
