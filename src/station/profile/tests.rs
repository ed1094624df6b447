use super::*;
use proptest::prelude::*;

#[test]
fn every_shipped_profile_is_valid() {
    let reg = Registry::shipped().expect("shipped profiles load");
    assert!(reg.profiles.len() >= 2);
    let ids = reg.ids();
    assert!(ids.contains(&"evfield-sim"), "{ids:?}");
    assert!(ids.contains(&"openevse"), "{ids:?}");
    // Ids are unique.
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
    for p in &reg.profiles {
        // A station profile tells who the station is, one way or another.
        if p.vendor.kind == "station" {
            assert!(
                p.step("identify").is_some(),
                "{} has no identify",
                p.vendor.id
            );
        }
    }
}

#[test]
fn the_template_profile_is_valid() {
    let text = include_str!("../../../vendors/template/serial-console.toml");
    Profile::parse(text, "vendors/template/serial-console.toml").expect("template is valid");
}

fn err(text: &str) -> String {
    Profile::parse(text, "x.toml").unwrap_err().message
}

const MINIMAL: &str = r#"[vendor]
id = "acme"
manufacturer = "Acme"

[service_port]
transport = "serial"

[protocol]
reads = ['INFO', 'ERR']

[steps.identify]
set = { manufacturer = "Acme", model = "A1" }
[[steps.identify.run]]
send = "INFO"
expect = ['^SN (?P<serial>\S+) MAC (?P<mac>\S+) FW (?P<firmware>\S+)$']
"#;

#[test]
fn a_minimal_profile_loads() {
    let p = Profile::parse(MINIMAL, "x.toml").unwrap();
    assert_eq!(p.vendor.id, "acme");
    assert!(p.has_port());
    assert!(p.scripted("identify"));
    assert_eq!(p.serial_settings().baud, 115_200);
}

#[test]
fn errors_name_file_line_and_key() {
    // Unknown key, from serde, with its line.
    let e = err(&MINIMAL.replace(
        "manufacturer = \"Acme\"\n\n",
        "manufacturer = \"Acme\"\nmanufactuer = \"x\"\n\n",
    ));
    assert!(e.starts_with("x.toml:4:"), "{e}");
    assert!(e.contains("manufactuer"), "{e}");
    // A bad regex: the line of the expect entry.
    let e = err(&MINIMAL.replace("(?P<firmware>\\S+)$", "(?P<firmware>\\S+$"));
    assert!(e.starts_with("x.toml:15:"), "{e}");
    assert!(e.contains("`expect` is not a regex"), "{e}");
    // A step that does not produce what it must.
    let e = err(&MINIMAL.replace(" MAC (?P<mac>\\S+)", ""));
    assert!(e.starts_with("x.toml:11:"), "{e}");
    assert!(e.contains("must produce `mac`"), "{e}");
    // An unknown step.
    let e = err(&format!(
        "{MINIMAL}\n[steps.flash]\nset = {{ a = \"b\" }}\n"
    ));
    assert!(e.contains("unknown step `steps.flash`"), "{e}");
    // A bad version rule.
    let e = err(&MINIMAL.replace(
        "manufacturer = \"Acme\"\n\n",
        "manufacturer = \"Acme\"\nversion_rule = \"semver\"\n\n",
    ));
    assert!(e.starts_with("x.toml:4:"), "{e}");
    assert!(e.contains("version_rule"), "{e}");
    // A placeholder the step does not know.
    let e = err(&MINIMAL.replace("send = \"INFO\"", "send = \"INFO {url}\""));
    assert!(e.starts_with("x.toml:14:"), "{e}");
    assert!(e.contains("`{url}`"), "{e}");
    // Service port settings.
    let e = err(&MINIMAL.replace(
        "transport = \"serial\"",
        "transport = \"serial\"\nparity = \"mark\"",
    ));
    assert!(e.starts_with("x.toml:7:"), "{e}");
    assert!(e.contains("service_port.parity"), "{e}");
    // A script without a port.
    let e = err(&MINIMAL.replace("transport = \"serial\"", "transport = \"none\""));
    assert!(e.contains("needs a `[service_port]`"), "{e}");
    // TOML syntax.
    let e = err("[vendor\nid = 1");
    assert!(e.starts_with("x.toml:1:"), "{e}");
    // Bad id.
    let e = err(&MINIMAL.replace("id = \"acme\"", "id = \"Acme Corp\""));
    assert!(e.starts_with("x.toml:2:"), "{e}");
}

#[test]
fn user_profiles_add_and_replace() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme.toml"), MINIMAL).unwrap();
    std::fs::write(
        dir.path().join("openevse.toml"),
        MINIMAL
            .replace("id = \"acme\"", "id = \"openevse\"")
            .replace("\"Acme\"", "\"OpenEVSE local\""),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a profile").unwrap();
    let reg = Registry::load_with(Some(dir.path())).unwrap();
    assert!(reg.get("acme").is_ok());
    let o = reg.get("openevse").unwrap();
    assert_eq!(o.vendor.manufacturer, "OpenEVSE local");
    assert!(o.source.ends_with("openevse.toml"), "{}", o.source);
    assert_eq!(reg.get("nope").unwrap_err().code, E_UNKNOWN_VENDOR);
    // A broken user file is an error naming it, not silently skipped.
    std::fs::write(dir.path().join("broken.toml"), "[vendor]\nid = \"b\"\n").unwrap();
    let e = Registry::load_with(Some(dir.path())).unwrap_err();
    assert!(e.message.contains("broken.toml:"), "{}", e.message);
}

#[test]
fn placeholders_parse() {
    assert_eq!(
        placeholders("SET {url:pct} {id}").unwrap(),
        vec![
            ("url".to_string(), Some("pct".to_string())),
            ("id".to_string(), None)
        ]
    );
    assert!(placeholders("SET {url").is_err());
    assert!(placeholders("SET {a b}").is_err());
    assert!(placeholders("SET {a:rot13}").is_err());
}

proptest! {
    #[test]
    fn the_profile_parser_never_panics(text in any::<String>()) {
        let _ = Profile::parse(&text, "fuzz.toml");
    }

    #[test]
    fn mutated_profiles_never_panic(cut in 0usize..400, insert in "[ -~\\n]{0,12}") {
        let mut text = MINIMAL.to_string();
        let at = cut % text.len();
        if text.is_char_boundary(at) {
            text.insert_str(at, &insert);
        }
        let _ = Profile::parse(&text, "fuzz.toml");
    }
}

#[test]
fn wallbox_article_numbers_decode_from_the_seed_table() {
    let reg = Registry::shipped().unwrap();
    let w = reg.get("wallbox").unwrap();
    let d = article::decode(w, "PLP1-0-2-4-9-002").unwrap();
    assert_eq!(d.model, "Pulsar Plus");
    assert!(d.ocpp);
    let meaning = |d: &article::Decoded, f: &str| {
        d.fields
            .iter()
            .find(|x| x.field == f)
            .map(|x| x.meaning.clone())
            .unwrap()
    };
    assert_eq!(meaning(&d, "cable"), "5 m cable");
    assert_eq!(meaning(&d, "evc"), "Type 2");
    assert_eq!(meaning(&d, "power"), "22 kW");
    for (art, model) in [
        ("CPB1-S-2-4-8-002", "Copper SB"),
        ("cmx2m238", "Commander 2"),
        ("PUP1-U-1-6-G-002", "Pulsar Plus NA"),
        ("PUP1-U-1-5-C", "Pulsar Plus NA"),
        ("CP B1-S-2-3-8", "Copper SB"),
    ] {
        let d = article::decode(w, art).unwrap_or_else(|e| panic!("{art}: {}", e.message));
        assert_eq!(d.model, model, "{art}");
        assert!(d.ocpp, "{art}");
    }
    // A valid Pulsar Plus without OCPP in its version field is refused with the seed's words.
    let d = article::decode(w, "PLP1-0-2-4-1-002").unwrap();
    assert!(!d.ocpp);
    let e = article::refusal_error(&d, "version");
    assert_eq!(e.code, article::E_NO_OCPP);
    assert!(e.message.contains("OCPP finns endast i"), "{}", e.message);
    assert!(e.message.contains("`1`"), "{}", e.message);
    // Version 8 is OCPP on a Copper SB but not on a Pulsar Plus (9).
    assert!(!article::decode(w, "PLP1-0-2-4-8").unwrap().ocpp);
    // Codes outside the model's table are errors that list the valid codes.
    let e = article::decode(w, "PLP1-0-2-9-9").unwrap_err();
    assert!(e.message.contains("power"), "{}", e.message);
    assert!(e.help.unwrap().contains("22 kW"));
    assert_eq!(
        article::decode(w, "XYZ-1").unwrap_err().code,
        article::E_ARTICLE
    );
    // Vendors without article numbers say so.
    assert!(article::decode(reg.get("openevse").unwrap(), "X").is_err());
}

proptest! {
    #[test]
    fn article_decoding_never_panics(s in any::<String>()) {
        let reg = Registry::shipped().unwrap();
        let _ = article::decode(reg.get("wallbox").unwrap(), &s);
    }
}

#[test]
fn step_purposes_say_in_english_what_steps_lists() {
    for (name, _, what) in STEPS {
        assert_eq!(
            crate::i18n::tr_in(crate::i18n::Lang::En, &format!("prof.step.{name}"), &[]),
            *what,
            "{name}"
        );
        assert_ne!(step_purpose(name), *name, "{name} has no message");
    }
}

#[test]
fn every_installer_text_of_a_shipped_profile_is_in_every_language() {
    let reg = Registry::shipped().expect("shipped profiles load");
    let mut missing = Vec::new();
    for p in &reg.profiles {
        for (key, langs) in p.missing_translations() {
            let codes: Vec<&str> = langs.iter().map(|l| l.code()).collect();
            missing.push(format!("{}: {key} lacks {}", p.source, codes.join(", ")));
        }
    }
    assert!(
        missing.is_empty(),
        "{} texts lack a translation:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

const GUIDED: &str = r#"[vendor]
id = "acme"
manufacturer = "Acme"

[service_port]
transport = "none"
instructions = "No port."

[steps.identify]
set = { manufacturer = "Acme", model = "A1", serial = "1", mac = "00:11:22:33:44:55", firmware = "1.0" }

[steps.write_ocpp.guided]
title = { en = "Set OCPP in the app", nb = "Still inn OCPP i appen" }
instructions.en = ["Open the app.", "URL: {url}"]
instructions.sv = ["Öppna appen.", "URL: {url}"]
confirm = "Saved"
"#;

#[test]
fn a_text_is_shown_in_the_run_language_else_english() {
    use crate::i18n::Lang;
    let p = Profile::parse(GUIDED, "x.toml").unwrap();
    let g = p.guided("write_ocpp").unwrap();
    assert_eq!(g.title.get_in(Lang::En), "Set OCPP in the app");
    assert_eq!(g.title.get_in(Lang::Nb), "Still inn OCPP i appen");
    assert_eq!(g.title.get_in(Lang::Da), "Set OCPP in the app");
    assert_eq!(g.instructions.get_in(Lang::Sv)[0], "Öppna appen.");
    assert_eq!(g.instructions.get_in(Lang::Nb)[0], "Open the app.");
    // A plain string is the text in every language.
    assert_eq!(g.confirm.get_in(Lang::Sv), "Saved");
    let missing = p.missing_translations();
    let keys: Vec<&str> = missing.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "service_port.instructions",
            "steps.write_ocpp.guided.title",
            "steps.write_ocpp.guided.instructions",
            "steps.write_ocpp.guided.confirm"
        ]
    );
    assert_eq!(missing[1].1, [Lang::Sv, Lang::Da]);
}

#[test]
fn a_language_table_without_english_or_with_an_unknown_language_is_refused() {
    let e = err(&GUIDED.replace(
        r#"title = { en = "Set OCPP in the app", nb = "Still inn OCPP i appen" }"#,
        r#"title = { nb = "Still inn OCPP i appen" }"#,
    ));
    assert!(e.starts_with("x.toml:13:"), "{e}");
    assert!(
        e.contains("`steps.write_ocpp.guided.title` has no English text"),
        "{e}"
    );
    let e = err(&GUIDED.replace("instructions.sv", "instructions.fi"));
    assert!(e.starts_with("x.toml:15:"), "{e}");
    assert!(
        e.contains("`steps.write_ocpp.guided.instructions.fi`: unknown language `fi`"),
        "{e}"
    );
    let e = err(&GUIDED.replace(r#"confirm = "Saved""#, "confirm = 5"));
    assert!(e.starts_with("x.toml:16:"), "{e}");
    assert!(e.contains("a string, or a table of languages"), "{e}");
    let e = err(&GUIDED.replace(r#"nb = "Still inn OCPP i appen""#, "nb = 5"));
    assert!(e.starts_with("x.toml:13:"), "{e}");
}

#[test]
fn every_language_takes_the_placeholders_and_lines_of_english() {
    let e = err(&GUIDED.replace(
        r#""URL: {url}"]
confirm"#,
        r#""URL: {uri}"]
confirm"#,
    ));
    assert!(e.starts_with("x.toml:15:"), "{e}");
    assert!(
        e.contains("`steps.write_ocpp.guided.instructions.sv[2]` has the placeholders {uri}"),
        "{e}"
    );
    let e = err(&GUIDED.replace(r#"["Öppna appen.", "URL: {url}"]"#, r#"["URL: {url}"]"#));
    assert!(e.contains("has 1 lines, English has 2"), "{e}");
}

#[test]
fn article_meanings_take_the_text_form_and_are_checked_on_load() {
    use crate::i18n::Lang;
    let wallbox = include_str!("../../../vendors/wallbox.toml");
    let p = Profile::parse(wallbox, "wallbox.toml").unwrap();
    let cable = &p.models[1].article["cable"]["0"];
    assert_eq!(cable.get_in(Lang::En), "5 m cable");
    assert_eq!(cable.get_in(Lang::Nb), "5 m kabel");
    // No English: refused, naming the file, the line and the key.
    let first = r#""0" = { en = "5 m cable", nb"#;
    assert!(wallbox.contains(first));
    let e = Profile::parse(&wallbox.replacen(first, r#""0" = { nb"#, 1), "wallbox.toml")
        .unwrap_err()
        .message;
    // the line of that table, wherever the profile's header puts it
    let line = 1 + wallbox.lines().position(|l| l.contains(first)).unwrap();
    assert!(e.starts_with(&format!("wallbox.toml:{line}:")), "{e}");
    assert!(
        e.contains("`models[2].article.cable.0` has no English text"),
        "{e}"
    );
    // A plain string is listed as lacking the other languages.
    let plain = wallbox.replacen(
        r#"M = { en = "7 m cable", nb = "7 m kabel", sv = "7 m kabel", da = "7 m kabel" }"#,
        r#"M = "7 m cable""#,
        1,
    );
    let p = Profile::parse(&plain, "wallbox.toml").unwrap();
    let missing = p.missing_translations();
    let keys: Vec<&str> = missing.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["models[2].article.cable.M"]);
}

#[test]
fn code_meanings_take_the_text_form_and_are_checked_on_load() {
    use crate::i18n::Lang;
    let with = |meaning: &str| {
        format!(
            "{MINIMAL}[steps.read_errors]\n[[steps.read_errors.run]]\nsend = \"ERR\"\nexpect = ['^E (?P<state>\\d+)$']\n[steps.read_errors.codes.state]\n\"3\" = {meaning}\n"
        )
    };
    let p = Profile::parse(
        &with(r#"{ en = "stuck relay", nb = "fastbrent relé" }"#),
        "x.toml",
    )
    .unwrap();
    let m = &p.step("read_errors").unwrap().codes["state"]["3"];
    assert_eq!(m.get_in(Lang::Nb), "fastbrent relé");
    assert_eq!(m.get_in(Lang::Sv), "stuck relay");
    let missing = p.missing_translations();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].0, "steps.read_errors.codes.state.3");
    assert_eq!(missing[0].1, [Lang::Sv, Lang::Da]);
    let e = err(&with(r#"{ nb = "fastbrent relé" }"#));
    assert!(e.starts_with("x.toml:21:"), "{e}");
    assert!(
        e.contains("`steps.read_errors.codes.state.3` has no English text"),
        "{e}"
    );
}

#[test]
fn usb_labels_take_the_text_form() {
    use crate::i18n::Lang;
    let text = include_str!("../../../vendors/openevse.toml");
    let p = Profile::parse(text, "openevse.toml").unwrap();
    let what = &p.service_port.as_ref().unwrap().usb[0].what;
    assert_eq!(what.get_in(Lang::En), "FTDI FT232R USB-serial adapter");
    assert_eq!(what.get_in(Lang::Da), "FTDI FT232R seriel USB-adapter");
    let e = Profile::parse(
        &text.replacen(
            r#"what = { en = "FTDI FT232R USB-serial adapter", "#,
            "what = { ",
            1,
        ),
        "openevse.toml",
    )
    .unwrap_err()
    .message;
    assert!(
        e.contains("`service_port.usb[1].what` has no English text"),
        "{e}"
    );
}

#[test]
fn a_reading_step_that_writes_is_refused_when_the_profile_loads() {
    // a console command that the profile does not declare as reading
    let e = err(&MINIMAL.replace("send = \"INFO\"", "send = \"REBOOT\""));
    assert!(
        e.contains("steps.identify.run[0]") || e.contains("x.toml:"),
        "{e}"
    );
    assert!(
        e.contains("`REBOOT`") && e.contains("[protocol].reads"),
        "{e}"
    );
    // a pattern must take the whole command: `INFO` does not let `INFO; REBOOT` through
    let e = err(&MINIMAL.replace("send = \"INFO\"", "send = \"INFO; REBOOT\""));
    assert!(e.contains("`INFO; REBOOT`"), "{e}");
    // no `reads` at all: every command of a reading step is refused
    let e = err(&MINIMAL.replace("reads = ['INFO', 'ERR']", ""));
    assert!(e.contains("`INFO`"), "{e}");
    // a Modbus write in a reading step, whatever `reads` says
    let template = include_str!("../../../vendors/template/modbus-or-http.toml");
    Profile::parse(template, "t.toml").expect("the template loads");
    let bad = format!(
        "{template}\n[steps.read_clock]\nset = {{ clock = \"x\" }}\n[[steps.read_clock.run]]\nwrite = {{ address = 0x0300, type = \"u16\", value = \"1\" }}\n"
    );
    let e = Profile::parse(&bad, "t.toml").unwrap_err().message;
    assert!(e.contains("`read_clock`") && e.contains("Modbus"), "{e}");
    // an HTTP request other than GET, and go-e's GET that writes
    let goe = include_str!("../../../vendors/go-e.toml");
    let first = goe.find("[steps.identify]").unwrap();
    let (head, tail) = goe.split_at(first);
    let set = format!(
        "{head}{}",
        tail.replacen("path = \"/api/status\"", "path = \"/api/set\"", 1)
    );
    let e = Profile::parse(&set, "g.toml").unwrap_err().message;
    assert!(e.contains("GET /api/set"), "{e}");
    let post = format!(
        "{head}{}",
        tail.replacen(
            "path = \"/api/status\"",
            "method = \"POST\", path = \"/api/status\"",
            1
        )
    );
    let e = Profile::parse(&post, "g.toml").unwrap_err().message;
    assert!(e.contains("POST /api/status"), "{e}");
    Profile::parse(goe, "g.toml").expect("go-e as shipped reads only");
}

#[test]
fn a_read_only_run_sends_nothing_that_is_not_a_reading_command() {
    let p = Profile::parse(MINIMAL, "x.toml").unwrap();
    let action = |send: &str| Action {
        send: Some(send.into()),
        ..p.step("identify").unwrap().run[0].clone()
    };
    assert!(p.only_reads(&action("INFO"), Some("INFO")));
    assert!(!p.only_reads(&action("{cmd}"), Some("REBOOT")));
    assert!(p.only_reads(&action("{cmd}"), Some("ERR")));
}

/// `[http]` on a serial profile: a second device (OpenEVSE's WiFi module) for the steps whose
/// commands are `http`; guided (or left out) when it cannot be reached.
#[test]
fn a_second_device_over_http_beside_the_serial_port() {
    let side = format!(
        "{}
[http]
port = 80

[steps.read_ocpp]
[[steps.read_ocpp.run]]
http = {{ path = \"/config\" }}
capture = {{ url = \"/u\", charge_box_id = \"/c\" }}

[steps.write_ocpp]
[[steps.write_ocpp.run]]
http = {{ method = \"POST\", path = \"/config\", json = {{ u = \"{{url}}\" }} }}
[steps.write_ocpp.guided]
title = \"Enter it in the web page\"
instructions = [\"URL: {{url}}\"]
confirm = \"Done\"
",
        MINIMAL.replace(
            "reads = ['INFO', 'ERR']",
            "reads = ['INFO', 'ERR', 'GET /config']"
        )
    );
    let p = Profile::parse(&side, "x.toml").unwrap();
    assert!(p.side_http());
    assert!(p.on_side("write_ocpp") && p.on_side("read_ocpp"));
    assert!(!p.on_side("identify"));
    assert!(p.guided("write_ocpp").is_none());
    // Not reachable: the guided form, and a step without one is left out.
    let q = p.clone().reachable_with(false);
    assert!(q.guided("write_ocpp").is_some());
    assert!(q.step("read_ocpp").is_none());
    assert!(q.scripted("identify"));
    assert!(
        p.clone()
            .reachable_with(true)
            .guided("write_ocpp")
            .is_none()
    );
    // A step talks to one device.
    let mixed = side.replace(
        "[steps.write_ocpp.guided]",
        "[[steps.write_ocpp.run]]\nsend = \"SAVE\"\n[steps.write_ocpp.guided]",
    );
    assert!(err(&mixed).contains("mixes"), "{}", err(&mixed));
    // Without `[http]`, a serial profile has no second device to send `http` to.
    let no_table = side.replace("[http]\nport = 80\n", "");
    assert!(err(&no_table).contains("`http`"), "{}", err(&no_table));
}
