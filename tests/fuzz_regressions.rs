//! The fuzz targets in the normal test suite, without libFuzzer: every input a fuzzer ever
//! crashed on (fuzz/regressions/TARGET/*) and seeds from the repository's own files go through
//! the same target bodies (fuzz/src/lib.rs), and a property test feeds each target random bytes.
//! Coverage-guided runs: benches/fuzz.sh.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

use proptest::prelude::*;

/// Every input a fuzzer ever crashed on (fuzz/regressions/TARGET/*), and the repository's own
/// data files, through their targets.
#[test]
fn past_crashes_and_the_repository_seeds_go_through_their_targets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("fuzz/regressions")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            targets::TARGETS.contains(&name.as_str()),
            "fuzz/regressions/{name}: no such target"
        );
        for f in std::fs::read_dir(&dir).unwrap() {
            targets::run(&name, &std::fs::read(f.unwrap().path()).unwrap());
        }
    }
    for (target, dir) in [("vendor_profile", "vendors"), ("checklist", "checklists")] {
        for f in std::fs::read_dir(root.join(dir)).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "toml") {
                targets::run(target, &std::fs::read(&f).unwrap());
            }
        }
    }
    targets::run("answers", evfield::sandbox::demo::ANSWERS.as_bytes());
    targets::run("article_number", b"PLP1-0-2-4-9-002");
    targets::run(
        "console_reply",
        b"OK manufacturer=Evfield model=SimCharger%2022 serial=EVF1",
    );
    targets::run("rapi_frame", b"$OK 8.2.1 7.1.3^2A");
    targets::run("at_reply", b"+CREG: 0,5,\"1A2B\",\"01C2D3E4\",7\r\nOK");
    targets::run("version_string", b"dotted\x005.2.1\x005.10.0");
    targets::run("clock_reading", b"2026-03-01T10:15:00Z");
    targets::run("rfid_uid", b"04:A2:2B:1A");
    targets::run(
        "batch_rows",
        b"\x00mac,activation_password,manufacturer,model,serial,gps,address_id\n02:EF:20:00:00:01,WXZNF8LL5,Evfield,SimCharger 22,S1,\"59.9,10.7\",addr-0001\n",
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random bytes never panic any target (the targets assert their own round trips).
    #[test]
    fn random_bytes_through_every_target(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        for t in targets::TARGETS {
            targets::run(t, &data);
        }
    }

    /// Printable text, which reaches further into the text parsers than raw bytes.
    #[test]
    fn random_text_through_every_target(text in "[ -~\r\n]{0,200}") {
        for t in targets::TARGETS {
            targets::run(t, text.as_bytes());
        }
    }
}
