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
    assert!(e.starts_with("x.toml:12:"), "{e}");
    assert!(e.contains("`expect` is not a regex"), "{e}");
    // A step that does not produce what it must.
    let e = err(&MINIMAL.replace(" MAC (?P<mac>\\S+)", ""));
    assert!(e.starts_with("x.toml:8:"), "{e}");
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
    assert!(e.starts_with("x.toml:11:"), "{e}");
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
