//! Every event kind the session writes has a schema in `replay::verify::KINDS`, so `log verify`
//! and `replay` never call a kind of this very build "unknown".

use evfield::replay::verify::KINDS;

#[test]
fn every_kind_the_session_writes_has_a_schema() {
    let pat = regex::Regex::new(r#"(?:\.event|\.append)\(\s*(?:[a-zA-Z_.()"]*,\s*)?"([a-z_]+)""#)
        .unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/session");
    let mut seen = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // unit tests write kinds of their own
        let code = text.split("#[cfg(test)]").next().unwrap();
        for m in pat.captures_iter(code) {
            seen += 1;
            let kind = &m[1];
            assert!(
                KINDS.iter().any(|(k, _)| *k == kind),
                "{} writes `{kind}`, which replay::verify::KINDS does not know",
                path.display()
            );
        }
    }
    assert!(seen > 10, "the scan found only {seen} event writes");
}
