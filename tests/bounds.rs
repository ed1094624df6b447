//! Issue 13 items 4 and 7: every input is bounded (journal lines, bundle sizes, photo files)
//! and an import holds (a failed one leaves nothing; changed, extra and foreign files and a
//! foreign session id are refused). Hostile files are generated here, streamed, never held.

mod common;
use common::{archive_entries, evfield, text};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use evfield::session::journal::Journal;

const ID: &str = "20260301-101500-abcdef";

/// A session with a few events and a photo, exported by the real binary: (data dir, bundle).
fn genuine(dir: &Path) -> (PathBuf, PathBuf) {
    let data = dir.join("data");
    let session = data.join("sessions").join(ID);
    std::fs::create_dir_all(session.join("photos")).unwrap();
    let mut j = Journal::create(&session.join("journal.jsonl")).unwrap();
    j.append(
        "session",
        "session_started",
        json!({"session_id": ID, "version": "0", "demo": false, "os": "test"}),
    )
    .unwrap();
    for i in 1..5 {
        j.append(
            "precheck",
            "answer",
            json!({"key": format!("k{i}"), "value": format!("v{i}"), "source": "flag"}),
        )
        .unwrap();
    }
    drop(j);
    std::fs::write(session.join("photos/before.png"), b"\x89PNG\r\n\x1a\nphoto").unwrap();
    let bundle = dir.join("genuine.tar.gz");
    let o = evfield(&data)
        .args(["export", ID, "-o"])
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    (data, bundle)
}

/// Write a bundle whose entries are given as readers of a known size (streamed through the
/// same compressor as `evfield export`).
fn write_streamed(path: &Path, entries: Vec<(String, u64, Box<dyn Read>)>) {
    let f = std::fs::File::create(path).unwrap();
    let gz = flate2::write::GzEncoder::new(f, flate2::Compression::default());
    let mut t = tar::Builder::new(gz);
    for (name, size, r) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o600);
        t.append_data(&mut h, name, r).unwrap();
    }
    t.into_inner().unwrap().finish().unwrap();
}

fn boxed(entries: Vec<(String, Vec<u8>)>) -> Vec<(String, u64, Box<dyn Read>)> {
    entries
        .into_iter()
        .map(|(n, b)| {
            let len = b.len() as u64;
            (n, len, Box::new(std::io::Cursor::new(b)) as Box<dyn Read>)
        })
        .collect()
}

fn out(data: &Path, args: &[&str], file: &Path) -> (i32, String) {
    let o = evfield(data).args(args).arg(file).output().unwrap();
    (o.status.code().unwrap_or(-1), text(&o))
}

/// Nothing of an import is left in the data dir's imports (no folder, no temporary one).
fn imports_empty(data: &Path) -> bool {
    match std::fs::read_dir(data.join("imports")) {
        Ok(rd) => rd.count() == 0,
        Err(_) => true,
    }
}

fn genuine_imports(data: &Path, bundle: &Path) {
    let (code, t) = out(data, &["import", "--json"], bundle);
    assert_eq!(code, 0, "the genuine bundle imports afterwards: {t}");
    assert!(
        data.join("imports")
            .join(ID)
            .join("journal.jsonl")
            .is_file()
    );
}

fn with_record(entries: &mut [(String, Vec<u8>)], f: impl Fn(&mut Value)) {
    let rec = entries
        .iter_mut()
        .find(|(n, _)| n.ends_with("/export.json"))
        .unwrap();
    let mut v: Value = serde_json::from_slice(&rec.1).unwrap();
    f(&mut v);
    rec.1 = serde_json::to_vec_pretty(&v).unwrap();
}

#[test]
fn a_journal_line_over_the_limit_is_refused_and_a_failed_import_leaves_nothing() {
    let d = tempfile::tempdir().unwrap();
    let (_, bundle) = genuine(d.path());
    let support = d.path().join("support");
    // the journal entry: the genuine journal and then one line of 2 MiB, streamed
    let entries = archive_entries(&bundle);
    let long = 2u64 << 20;
    let mut streamed = Vec::new();
    for (n, b) in entries {
        if n.ends_with("/journal.jsonl") {
            let len = b.len() as u64 + long;
            let r = std::io::Cursor::new(b).chain(std::io::repeat(b'a').take(long));
            streamed.push((n, len, Box::new(r) as Box<dyn Read>));
        } else {
            streamed.push((n, b.len() as u64, Box::new(std::io::Cursor::new(b)) as _));
        }
    }
    let bomb = d.path().join("bomb.tar.gz");
    write_streamed(&bomb, streamed);

    let (code, t) = out(&support, &["log", "verify"], &bomb);
    assert_eq!(code, 6, "{t}");
    assert!(t.contains("MAX_LINE") && t.contains("1 MiB"), "{t}");
    let (code, t) = out(&support, &["replay"], &bomb);
    assert!(code != 0 && code != 101, "{t}");
    let (code, t) = out(&support, &["import"], &bomb);
    assert_eq!(code, 6, "{t}");
    assert!(t.contains("MAX_LINE") && t.contains("line 6"), "{t}");
    assert!(imports_empty(&support), "a failed import leaves nothing");
    genuine_imports(&support, &bundle);
}

#[test]
fn an_entry_that_unpacks_past_its_limit_is_refused_before_it_is_unpacked() {
    let d = tempfile::tempdir().unwrap();
    let (_, bundle) = genuine(d.path());
    let support = d.path().join("support");
    let mut entries = boxed(archive_entries(&bundle));
    // 65 MiB of zeros: about 65 kB compressed
    let size = 65u64 << 20;
    entries.push((
        format!("evfield-{ID}/photos/big.png"),
        size,
        Box::new(std::io::repeat(0).take(size)),
    ));
    let bomb = d.path().join("bomb.tar.gz");
    write_streamed(&bomb, entries);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    for args in [&["log", "verify"][..], &["import"][..]] {
        let (code, t) = out(&support, args, &bomb);
        assert_eq!(code, 8, "{args:?}: {t}");
        assert!(
            t.contains("MAX_BUNDLE_PHOTO") && t.contains("64 MiB") && t.contains("big.png"),
            "{args:?}: {t}"
        );
    }
    assert!(imports_empty(&support));
    genuine_imports(&support, &bundle);
}

#[test]
fn a_file_the_record_does_not_list_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let (_, bundle) = genuine(d.path());
    let support = d.path().join("support");
    let mut entries = archive_entries(&bundle);
    entries.push((
        format!("evfield-{ID}/photos/extra.png"),
        b"not listed".to_vec(),
    ));
    let extra = d.path().join("extra.tar.gz");
    common::write_archive(&extra, &entries);
    let o = evfield(&support)
        .args(["log", "verify", "--json"])
        .arg(&extra)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(6), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files_unlisted"], json!(["photos/extra.png"]));
    assert_eq!(v["valid"], false);
    let (code, t) = out(&support, &["import"], &extra);
    assert_eq!(code, 6, "{t}");
    assert!(t.contains("photos/extra.png"), "{t}");
    assert!(imports_empty(&support));
    genuine_imports(&support, &bundle);
}

#[test]
fn a_changed_photo_fails_verify_in_place_and_the_import_keeps_nothing() {
    let d = tempfile::tempdir().unwrap();
    let (_, bundle) = genuine(d.path());
    let support = d.path().join("support");
    let mut entries = archive_entries(&bundle);
    let photo = entries
        .iter_mut()
        .find(|(n, _)| n.ends_with("photos/before.png"))
        .unwrap();
    photo.1.extend_from_slice(b"edited");
    let edited = d.path().join("edited.tar.gz");
    common::write_archive(&edited, &entries);
    let o = evfield(&support)
        .args(["log", "verify", "--json"])
        .arg(&edited)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(6), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files_changed"], json!(["photos/before.png"]));
    let (code, t) = out(&support, &["log", "verify"], &edited);
    assert_eq!(code, 6);
    assert!(t.contains("photos/before.png"), "{t}");
    let (code, t) = out(&support, &["import"], &edited);
    assert_eq!(code, 6, "{t}");
    assert!(imports_empty(&support), "a tampered bundle is not kept");
    genuine_imports(&support, &bundle);
    // and a photo changed in the imported folder shows too
    let imported = support.join("imports").join(ID);
    std::fs::write(imported.join("photos/before.png"), b"changed").unwrap();
    let (code, t) = out(&support, &["log", "verify"], &imported);
    assert_eq!(code, 6, "{t}");
}

#[test]
fn a_record_of_another_session_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let (_, bundle) = genuine(d.path());
    let support = d.path().join("support");
    let mut entries = archive_entries(&bundle);
    with_record(&mut entries, |v| {
        v["session_id"] = json!("20260301-101500-ffffff")
    });
    let other = d.path().join("other.tar.gz");
    common::write_archive(&other, &entries);
    let o = evfield(&support)
        .args(["log", "verify", "--json"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(6), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["record_session_id"], "20260301-101500-ffffff");
    let (code, t) = out(&support, &["import"], &other);
    assert_eq!(code, 6, "{t}");
    assert!(
        t.contains("20260301-101500-ffffff") && t.contains(ID),
        "{t}"
    );
    assert!(imports_empty(&support));
    genuine_imports(&support, &bundle);
}

#[test]
fn photo_check_reads_only_regular_files_of_bounded_size() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let (code, t) = out(&data, &["photo", "check"], Path::new("/dev/zero"));
    assert_eq!(code, 3, "a validation error: {t}");
    assert!(t.contains("/dev/zero") && t.contains("regular"), "{t}");
    // a sparse file just over the limit: nothing of it is held
    let big = d.path().join("big.jpg");
    std::fs::File::create(&big)
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    let (code, t) = out(&data, &["photo", "check"], &big);
    assert_eq!(code, 3, "{t}");
    assert!(t.contains("MAX_PHOTO_FILE") && t.contains("64 MiB"), "{t}");
}

/// Run evfield and return its exit code and peak resident memory (kB), reaped by wait4.
#[cfg(target_os = "linux")]
fn peak_rss(data: &Path, args: &[&str], file: &Path) -> (i32, i64) {
    use std::process::Stdio;
    let mut c = evfield(data);
    c.args(args)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[allow(clippy::zombie_processes)] // reaped by wait4 below
    let child = c.spawn().unwrap();
    // SAFETY: wait4 on our own child's pid with valid out-pointers.
    unsafe {
        let mut status = 0;
        let mut ru: libc::rusage = std::mem::zeroed();
        let r = libc::wait4(child.id() as i32, &mut status, 0, &mut ru);
        assert_eq!(r, child.id() as i32);
        assert!(libc::WIFEXITED(status), "{args:?} did not exit");
        (libc::WEXITSTATUS(status), ru.ru_maxrss)
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_bundle_whose_journal_is_one_huge_line_is_read_in_bounded_memory_and_disk() {
    let d = tempfile::tempdir().unwrap();
    let (_, bundle) = genuine(d.path());
    let support = d.path().join("support");
    // the journal: one line of 128 MiB (about 130 kB compressed), streamed
    let long = 128u64 << 20;
    let mut entries = Vec::new();
    for (n, b) in archive_entries(&bundle) {
        if n.ends_with("/journal.jsonl") {
            entries.push((
                n,
                long,
                Box::new(std::io::repeat(b'{').take(long)) as Box<dyn Read>,
            ));
        } else {
            entries.push((n, b.len() as u64, Box::new(std::io::Cursor::new(b)) as _));
        }
    }
    let bomb = d.path().join("bomb.tar.gz");
    write_streamed(&bomb, entries);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 << 20);
    for (args, want) in [
        (&["log", "verify"][..], 8),
        (&["replay"][..], 6),
        (&["import"][..], 6),
    ] {
        let (code, rss_kb) = peak_rss(&support, args, &bomb);
        assert_eq!(code, want, "{args:?}");
        eprintln!("{args:?}: {rss_kb} kB");
        assert!(rss_kb < 24 * 1024, "{args:?} used {rss_kb} kB");
    }
    assert!(imports_empty(&support), "a failed import leaves nothing");
    genuine_imports(&support, &bundle);
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_name_entry_is_refused_without_being_read_into_memory() {
    let d = tempfile::tempdir().unwrap();
    let (_, bundle) = genuine(d.path());
    let support = d.path().join("support");
    // a GNU long-name entry of 64 MiB before the record: a tar reader that honours it holds it
    let f = std::fs::File::create(d.path().join("longname.tar.gz")).unwrap();
    let gz = flate2::write::GzEncoder::new(f, flate2::Compression::default());
    let mut t = tar::Builder::new(gz);
    let size = 64u64 << 20;
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::GNULongName);
    h.set_size(size);
    h.set_path("././@LongLink").unwrap();
    h.set_cksum();
    t.append(&h, std::io::repeat(b'a').take(size)).unwrap();
    for (n, b) in archive_entries(&bundle) {
        let mut h = tar::Header::new_gnu();
        h.set_size(b.len() as u64);
        h.set_mode(0o600);
        t.append_data(&mut h, n, &b[..]).unwrap();
    }
    t.into_inner().unwrap().finish().unwrap();
    let bomb = d.path().join("longname.tar.gz");
    for args in [&["log", "verify"][..], &["replay"][..], &["import"][..]] {
        let (code, rss_kb) = peak_rss(&support, args, &bomb);
        assert_eq!(code, 8, "{args:?}");
        assert!(rss_kb < 24 * 1024, "{args:?} used {rss_kb} kB");
    }
    let (_, t) = out(&support, &["import"], &bomb);
    assert!(t.contains("E_BUNDLE"), "{t}");
    assert!(imports_empty(&support));
    genuine_imports(&support, &bundle);
}

#[test]
fn a_text_file_the_user_names_is_read_only_up_to_its_limit() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    let big = d.path().join("answers.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len((16 << 20) + 1)
        .unwrap();
    for file in [big.as_path(), Path::new("/dev/zero")] {
        let o = evfield(&data)
            .args(["renetwork", "--demo", "--answers"])
            .arg(file)
            .output()
            .unwrap();
        let t = text(&o);
        assert!(!o.status.success() && o.status.code() != Some(101), "{t}");
        assert!(
            t.contains("MAX_USER_FILE") && t.contains("16 MiB") && t.contains("--answers"),
            "{t}"
        );
    }
}
