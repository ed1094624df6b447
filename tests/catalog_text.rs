//! Messages from the built-in catalogs as the binary prints them: arguments are filled in one
//! pass (a `{name}` inside a value stays as it is) and counts take their plural form in each
//! language.

mod common;

use common::{evfield, text};
use evfield::sandbox::demo;
use serde_json::Value;

/// A photo whose name holds another argument's slot: the name is printed as it is, not filled.
#[test]
fn a_photo_named_with_a_slot_keeps_its_name() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("site-{width}.jpg");
    std::fs::write(&p, demo::photo_png(600, 800)).unwrap();
    for (lang, shown) in [("en", "is shown 600×800"), ("nb", "vises som 600×800")] {
        let out = evfield(d.path())
            .args(["--json", "--lang", lang, "renetwork", "--demo", "--photo"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", text(&out));
        let e: Value = serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|_| panic!("not JSON: {}", text(&out)));
        let msg = e["error"]["message"].as_str().unwrap();
        assert_eq!(e["error"]["code"], "E_PHOTO_NOT_LANDSCAPE", "{msg}");
        assert!(
            msg.contains(&format!("site-{{width}}.jpg {shown}")),
            "{msg}"
        );
        assert!(!msg.contains("site-600"), "{msg}");
    }
}

/// `vendors show` sums up each read: one register, or several, in each language.
#[test]
fn a_read_of_one_register_says_register() {
    let d = tempfile::tempdir().unwrap();
    for (lang, one, many) in [
        ("en", "1 register ->", "registers ->"),
        ("nb", "1 register ->", "registre ->"),
        ("da", "1 register ->", "registre ->"),
    ] {
        let out = evfield(d.path())
            .args(["--lang", lang, "vendors", "show", "bender-cc613"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        let t = String::from_utf8_lossy(&out.stdout);
        assert!(t.contains(one), "{lang}: {t}");
        assert!(t.contains(many), "{lang}: {t}");
        assert!(!t.contains(&format!(" 1 {many}")), "{lang}: {t}");
    }
}
