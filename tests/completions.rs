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

/// Complete the words with the checked-in bash script: `words` as typed, the last one being
/// completed. The binary stands at `words[0]`, so the live hook runs this very build.
fn bash_complete(words: &[&str], config: &std::path::Path) -> Vec<String> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/evfield.bash");
    let bin = assert_cmd::cargo::cargo_bin("evfield");
    let mut all = vec![bin.to_str().unwrap().to_string()];
    all.extend(words.iter().map(|w| w.to_string()));
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(
            r#"source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ));
               _evfield_live "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}";
               printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .arg("bash")
        .arg(&script)
        .args(&all)
        .env("EVFIELD_CONFIG", config)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_port_names_live() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config.toml");
    std::fs::write(&config, "port = \"/dev/ttyLIVE7\"\n").unwrap();

    let got = bash_complete(&["renetwork", "--port", ""], &config);
    assert_eq!(
        got.first().map(String::as_str),
        Some("/dev/ttyLIVE7"),
        "{got:?}"
    );
    let got = bash_complete(&["renetwork", "--port", "/dev/ttyL"], &config);
    assert_eq!(got, ["/dev/ttyLIVE7"]);
    // `sandbox --port` is a TCP port: no device names there.
    let got = bash_complete(&["sandbox", "--port", ""], &config);
    assert!(!got.iter().any(|g| g.contains("ttyLIVE7")), "{got:?}");
    // Everything else completes as generated.
    let got = bash_complete(&["rep"], &config);
    assert_eq!(got, ["replay"]);
}
