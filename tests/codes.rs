//! Codes read from photos, against barcodes made by an encoder that is not ours (zint, a Debian
//! package; `.ci/run` installs it) and then "photographed": laid on a grey desk, scaled, turned,
//! blurred by JPEG and speckled with noise. `evfield photo codes` must read them and say what
//! they are; `renetwork` takes them with --sticker-photo / --sim-photo / --plate-photo, shown
//! and confirmed (no by default; `--codes-confirmed` without a terminal).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use evfield::sandbox::demo;
use expectrl::{Expect, Session};

/// A barcode made by zint: `kind` is its symbology (`QRCODE`, `CODE128`, `DATAMATRIX`).
fn zint(dir: &Path, name: &str, kind: &str, data: &str, scale: u32) -> PathBuf {
    let out = dir.join(format!("{name}.png"));
    let run = Command::new("zint")
        // a printed label has its white margin (the quiet zone the symbologies require)
        .args([
            "-b",
            kind,
            "-d",
            data,
            &format!("--scale={scale}"),
            "--quietzones",
        ])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "zint is needed to make test barcodes ({e}): apt-get install -y zint (.ci/run does)"
            )
        });
    assert!(run.status.success(), "zint: {run:?}");
    out
}

/// The barcode as a phone would see it: on a larger grey desk, scaled by `scale`, turned by
/// `degrees`, with noise, as a JPEG of quality 80.
fn photographed(png: &Path, degrees: f64, scale: f64, seed: u32) -> PathBuf {
    let src = image::open(png).unwrap().to_luma8();
    let (sw, sh) = (src.width() as f64 * scale, src.height() as f64 * scale);
    let side = (sw.max(sh) * 1.8) as u32 + 40;
    let (c, s) = (degrees.to_radians().cos(), degrees.to_radians().sin());
    let half = side as f64 / 2.0;
    let mut rng = seed;
    let img = image::GrayImage::from_fn(side, side, |x, y| {
        // back from the photo's pixel to the barcode's (rotation about the centre, then scale)
        let (dx, dy) = (x as f64 - half, y as f64 - half);
        let (rx, ry) = (c * dx + s * dy, -s * dx + c * dy);
        let (u, v) = (
            rx / scale + src.width() as f64 / 2.0,
            ry / scale + src.height() as f64 / 2.0,
        );
        let mut value = if u >= 0.0
            && v >= 0.0
            && u < src.width() as f64 - 1.0
            && v < src.height() as f64 - 1.0
        {
            // bilinear
            let (x0, y0) = (u.floor(), v.floor());
            let (fx, fy) = (u - x0, v - y0);
            let p = |xx: f64, yy: f64| src.get_pixel(xx as u32, yy as u32).0[0] as f64;
            p(x0, y0) * (1.0 - fx) * (1.0 - fy)
                + p(x0 + 1.0, y0) * fx * (1.0 - fy)
                + p(x0, y0 + 1.0) * (1.0 - fx) * fy
                + p(x0 + 1.0, y0 + 1.0) * fx * fy
        } else {
            150.0 // the desk
        };
        // a dimmer, less contrasted picture with noise
        rng = rng.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let noise = ((rng >> 16) % 41) as f64 - 20.0;
        value = 30.0 + value * 0.75 + noise;
        image::Luma([value.clamp(0.0, 255.0) as u8])
    });
    let out = png.with_extension(format!("photo-{seed}.jpg"));
    let mut f = std::fs::File::create(&out).unwrap();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut f, 80)
        .encode_image(&img)
        .unwrap();
    out
}

fn codes(path: &Path) -> std::process::Output {
    Command::new(cargo_bin("evfield"))
        .args(["--json", "photo", "codes"])
        .arg(path)
        .output()
        .unwrap()
}

fn the_code(path: &Path) -> serde_json::Value {
    let o = codes(path);
    assert!(o.status.success(), "{}: {o:?}", path.display());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = v["codes"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{v}");
    all[0].clone()
}

/// The demo sticker's link, as the network prints it (password percent-encoded).
fn sticker_link() -> String {
    let enc: String = demo::ACTIVATION_PASSWORD
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!(
        "https://installer.example.net/pinpoint?mac={}&password={enc}",
        demo::MAC.replace(':', "%3A")
    )
}

#[test]
fn codes_made_by_zint_are_read_clean_and_photographed() {
    let d = tempfile::tempdir().unwrap();
    let qr = zint(d.path(), "sticker", "QRCODE", &sticker_link(), 4);
    let sim = zint(d.path(), "sim", "CODE128", demo::NEW_ICCID, 2);
    let plate = zint(d.path(), "plate", "DATAMATRIX", demo::SERIAL, 4);
    let cases = [
        (qr.clone(), "activation"),
        (photographed(&qr, 9.0, 1.7, 1), "activation"),
        (photographed(&qr, -23.0, 2.3, 2), "activation"),
        (photographed(&qr, 90.0, 1.5, 3), "activation"),
        (sim.clone(), "iccid"),
        (photographed(&sim, 3.0, 1.5, 4), "iccid"),
        (photographed(&sim, -9.0, 1.7, 5), "iccid"),
        (photographed(&sim, 90.0, 1.5, 6), "iccid"),
        (plate.clone(), "text"),
        (photographed(&plate, 14.0, 1.6, 7), "text"),
        (photographed(&plate, -23.0, 2.3, 8), "text"),
    ];
    for (path, kind) in cases {
        let c = the_code(&path);
        assert_eq!(c["meaning"]["kind"], kind, "{}: {c}", path.display());
        match kind {
            "activation" => {
                assert_eq!(c["meaning"]["mac"], demo::MAC);
                assert_eq!(
                    c["meaning"]["password_length"],
                    demo::ACTIVATION_PASSWORD.len()
                );
                // the password is not printed, in any form
                let o = codes(&path);
                let all = format!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                );
                assert!(!all.contains("K7+9") && !all.contains("K7%2B9"), "{all}");
            }
            "iccid" => assert_eq!(c["meaning"]["iccid"], demo::NEW_ICCID),
            _ => assert_eq!(c["meaning"]["text"], demo::SERIAL),
        }
    }
}

#[test]
fn a_photo_without_a_code_says_so() {
    let d = tempfile::tempdir().unwrap();
    let photo = d.path().join("site.png");
    std::fs::write(&photo, demo::photo_png(800, 600)).unwrap();
    let o = codes(&photo);
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    let e: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(e["error"]["code"], "E_NO_CODE");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("site.png"),
        "{e}"
    );
    assert!(
        e["error"]["help"]
            .as_str()
            .unwrap()
            .contains("type the value"),
        "{e}"
    );
}

fn demo_with_photos(data: &Path, extra: &[&str], photos: &[(&str, &Path)]) -> std::process::Output {
    let mut cmd = common::evfield(data);
    cmd.args(["--json", "--non-interactive", "renetwork", "--demo"]);
    for (flag, path) in photos {
        cmd.arg(flag).arg(path);
    }
    cmd.args(extra);
    common::run(&mut cmd, "")
}

/// The answers the journal took from flags (the photos' values come in as given values).
fn given(data: &Path) -> Vec<(String, String)> {
    let journal = common::journal_of(data).expect("a journal");
    common::events(&journal)
        .iter()
        // journaled as read from the photo, with its file's name
        .filter(|e| {
            e["kind"] == "answer"
                && e["data"]["source"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("photo:"))
        })
        .map(|e| {
            (
                e["data"]["key"].as_str().unwrap().to_string(),
                e["data"]["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_session_takes_the_photos_values_only_when_confirmed() {
    let d = tempfile::tempdir().unwrap();
    let sticker = photographed(
        &zint(d.path(), "sticker", "QRCODE", &sticker_link(), 4),
        7.0,
        1.8,
        7,
    );
    let sim = photographed(
        &zint(d.path(), "sim", "CODE128", demo::NEW_ICCID, 2),
        2.0,
        1.6,
        8,
    );
    let plate = zint(d.path(), "plate", "DATAMATRIX", demo::SERIAL, 4);
    let photos = [
        ("--sticker-photo", sticker.as_path()),
        ("--sim-photo", sim.as_path()),
        ("--plate-photo", plate.as_path()),
    ];

    // nobody to ask and no --codes-confirmed: nothing starts
    let data = tempfile::tempdir().unwrap();
    let o = demo_with_photos(data.path(), &[], &photos);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    let last = stderr
        .lines()
        .rfind(|l| l.starts_with('{'))
        .unwrap_or_default();
    let e: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(e["error"]["code"], "E_NOT_CONFIRMED", "{e}");
    assert!(
        e["error"]["help"]
            .as_str()
            .unwrap()
            .contains("--codes-confirmed")
    );
    assert!(common::journal_of(data.path()).is_none());

    // confirmed: the values are the session's, checked like typed ones, and the run completes
    let data = tempfile::tempdir().unwrap();
    let o = demo_with_photos(data.path(), &["--codes-confirmed"], &photos);
    assert!(o.status.success(), "{o:?}");
    let got = given(data.path());
    let value = |k: &str| {
        got.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(value("sim.kit_iccid"), Some(demo::NEW_ICCID), "{got:?}");
    assert_eq!(
        value("pinpoint.serial_plate"),
        Some(demo::SERIAL),
        "{got:?}"
    );
    // the password is sealed in the journal, never in clear
    assert!(
        value("activation.password").is_some_and(|v| v.starts_with("[sealed:")),
        "{got:?}"
    );

    // a type plate of another station is refused like a typed serial
    let wrong = zint(d.path(), "other", "DATAMATRIX", "EVF2026999999", 4);
    let data = tempfile::tempdir().unwrap();
    let o = demo_with_photos(
        data.path(),
        &["--codes-confirmed"],
        &[("--plate-photo", wrong.as_path())],
    );
    assert!(!o.status.success(), "{o:?}");
    assert!(
        common::text(&o).contains("EVF2026999999"),
        "{}",
        common::text(&o)
    );
}

#[test]
fn at_a_terminal_a_bare_enter_does_not_take_the_photos_value() {
    let d = tempfile::tempdir().unwrap();
    let sim = photographed(
        &zint(d.path(), "sim", "CODE128", demo::NEW_ICCID, 2),
        2.0,
        1.6,
        9,
    );
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(d.path())
        .args(["renetwork", "--demo", "--sim-photo"])
        .arg(&sim)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_FAILPOINT");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.expect(format!("{}. Use it?", demo::NEW_ICCID).as_str())
        .unwrap();
    p.send("\r").unwrap();
    // declined: the session asks for the ICCID as usual
    p.expect("latest manufacturer's instructions").unwrap();
    p.send("\x03").unwrap();
    p.expect("Interrupted").unwrap();
    p.get_process().wait().unwrap();
    assert!(
        !given(d.path()).iter().any(|(k, _)| k == "sim.kit_iccid"),
        "{:?}",
        given(d.path())
    );
}
