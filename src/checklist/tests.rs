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

/// The shipped safety gate: every item is a safety item, and the multimeter reading withdraws
/// the two confirmations it can prove false.
#[test]
fn the_safety_gate_items_are_safety_items_and_the_reading_withdraws() {
    let r = Registry::load(None).unwrap();
    let safety = r.get("safety").unwrap();
    assert!(safety.items.iter().all(|i| i.safety && i.blocking));
    assert_eq!(
        safety.item("voltage").unwrap().withdraws,
        ["power_isolated", "lockout_tagout"]
    );
    // no other shipped item is a safety item
    let others = r
        .lists
        .iter()
        .filter(|c| c.id != "safety")
        .flat_map(|c| c.items.iter())
        .filter(|i| i.safety)
        .count();
    assert_eq!(others, 0);
}

/// The DANGER text is the seed's, whole: every sentence of seed 001 in English, the seed 000
/// Norwegian text with its heading corrected, and full translations in Swedish and Danish.
#[test]
fn the_danger_text_is_whole_in_every_language() {
    let r = Registry::load(None).unwrap();
    let w = r.get("safety").unwrap().warning.clone().unwrap();
    let expect: [(Lang, &[&str]); 4] = [
        (
            Lang::En,
            &[
                "DANGER: RISK OF SHOCK. Before opening the station cabinet:",
                "Disconnect the power to the station at the service panel.",
                "de-energise the applicable circuit and lock out/tag out the disconnect before proceeding.",
                "Use a multimeter to test that power is off.",
                "Keep the power off for this circuit until the cabinet is secured and the work scope has been completed.",
                "FAILURE TO FOLLOW THESE INSTRUCTIONS CAN RESULT IN SERIOUS INJURY OR LOSS OF LIFE.",
            ],
        ),
        (
            Lang::Nb,
            &[
                "FARE: RISIKO FOR ELEKTRISK STØT. Før du åpner stasjonskabinettet:",
                "Koble fra strømmen til stasjonen på servicepanelet.",
                "slå av den aktuelle kretsen, og lås/merk frakoblingen før du fortsetter.",
                "Bruk et multimeter til å teste at strømmen er av.",
                "Kretsen må ikke lede strøm før kabinettet er festet og arbeidet er fullført.",
                "HVIS DU IKKE FØLGER DISSE INSTRUKSJONENE, KAN DET FØRE TIL ALVORLIG PERSONSKADE ELLER DØDSFALL.",
            ],
        ),
        (
            Lang::Sv,
            &[
                "FARA: RISK FÖR ELCHOCK. Innan du öppnar stationens kapsling:",
                "Bryt strömmen till stationen i elcentralen.",
                "den aktuella kretsen spänningslös, och lås och märk frånskiljaren innan du fortsätter.",
                "Kontrollera med en multimeter att strömmen är bruten.",
                "Håll strömmen till den här kretsen bruten tills kapslingen är ordentligt stängd och arbetet är slutfört.",
                "OM DU INTE FÖLJER DESSA INSTRUKTIONER KAN DET LEDA TILL ALLVARLIG PERSONSKADA ELLER DÖDSFALL.",
            ],
        ),
        (
            Lang::Da,
            &[
                "FARE: RISIKO FOR ELEKTRISK STØD. Før du åbner stationens kabinet:",
                "Afbryd strømmen til stationen i eltavlen.",
                "den pågældende kreds spændingsløs, og lås og mærk afbryderen, før du fortsætter.",
                "Kontrollér med et multimeter, at strømmen er afbrudt.",
                "Hold strømmen til denne kreds afbrudt, indtil kabinettet er lukket forsvarligt, og arbejdet er afsluttet.",
                "HVIS DU IKKE FØLGER DISSE INSTRUKTIONER, KAN DET MEDFØRE ALVORLIG PERSONSKADE ELLER DØDSFALD.",
            ],
        ),
    ];
    for (lang, parts) in expect {
        let text = w.get_in(lang);
        assert!(w.has(lang), "{lang:?}");
        for p in parts {
            assert!(text.contains(p), "{lang:?} lacks `{p}`:\n{text}");
        }
        // the Norwegian seed's doubled heading is not copied
        assert!(!text.contains("FARE: FARE"), "{text}");
    }
}

#[test]
fn safety_and_withdraws_are_checked_on_load() {
    let conf = |id: &str, extra: &str| {
        format!(
            "[[item]]\nid = \"{id}\"\nevidence = \"confirmation\"\n{extra}[item.text]\nen = \"C\"\n[item.help]\nen = \"h\"\n"
        )
    };
    let volt = |extra: &str| {
        format!(
            "[[item]]\nid = \"v\"\nevidence = \"number\"\nunit = \"V\"\nmax = 10\n{extra}[item.text]\nen = \"V\"\n[item.help]\nen = \"h\"\n"
        )
    };
    // a well-formed gate loads
    let ok = load::parse(
        &format!(
            "{HEAD}{}{}",
            conf("p", "safety = true\n"),
            volt("safety = true\nwithdraws = [\"p\"]\n")
        ),
        "site.toml",
    )
    .unwrap();
    assert!(ok.items[0].safety && ok.items[1].safety);
    assert_eq!(ok.items[1].withdraws, ["p"]);
    // a safety item may not be advisory
    let e = err(&format!(
        "{HEAD}{}",
        conf("p", "blocking = false\nsafety = true\n")
    ));
    assert!(
        e.contains("`item.p.blocking`: a safety item is always blocking"),
        "{e}"
    );
    // withdraws: an item listed later (or unknown), a non-confirmation, a confirmation item
    // withdrawing, a repeated id
    let e = err(&format!(
        "{HEAD}{}{}",
        volt("withdraws = [\"p\"]\n"),
        conf("p", "")
    ));
    assert!(
        e.contains("`item.v.withdraws[0]`: `p` is not an earlier item"),
        "{e}"
    );
    let e = err(&format!(
        "{HEAD}[[item]]\nid = \"t\"\nevidence = \"text\"\nblocking = false\n[item.text]\nen = \"T\"\n{}",
        volt("withdraws = [\"t\"]\n")
    ));
    assert!(e.contains("only confirmations can be withdrawn"), "{e}");
    let e = err(&format!(
        "{HEAD}{}{}",
        conf("p", ""),
        conf("q", "withdraws = [\"p\"]\n")
    ));
    assert!(
        e.contains("`item.q.withdraws`: only an item with a measured value"),
        "{e}"
    );
    let e = err(&format!(
        "{HEAD}{}{}",
        conf("p", ""),
        volt("withdraws = [\"p\", \"p\"]\n")
    ));
    assert!(e.contains("`item.v.withdraws[1]`: is used twice"), "{e}");
    let e = err(&format!(
        "{HEAD}{}{}",
        conf("p", ""),
        volt("withdraws = \"p\"\n")
    ));
    assert!(e.contains("`item.v.withdraws`"), "{e}");
}
