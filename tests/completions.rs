//! completions/ holds exactly what `evfield completions` generates. When the CLI changes,
//! regenerate with `EVFIELD_BLESS=1 cargo test --test completions`.

use clap::ValueEnum;
use evfield::cli::completions::{Target, generate};

#[test]
fn checked_in_completions_and_man_page_are_fresh() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("EVFIELD_BLESS").is_some();
    let mut stale = Vec::new();
    for t in Target::value_variants() {
        let want = generate(*t).unwrap();
        let path = dir.join(t.file_name());
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&want[..]) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `EVFIELD_BLESS=1 cargo test --test completions`"
    );
}
