//! Codes read from photos: the QR code of the network kit's activation sticker (its MAC and
//! activation password), the barcode of a SIM carrier (its ICCID), and a code on a type plate
//! (the station's serial). The photo is decoded as for pinpointing ([`super::photo`]) and
//! searched for every code it holds, with pure-Rust readers: QR codes with `rqrr` (turned by any
//! angle, scaled), DataMatrix (any angle) and the 1D barcodes (Code 128, Code 39, EAN...; level
//! within about ten degrees, or turned by a right angle) with `rxing`.
//!
//! A decoded value is a proposal: the session shows it and asks for it to be confirmed, and
//! checks it by the same rules as a typed one (an ICCID's check digit, the serial against the
//! station's). The activation password is a secret: it is never printed, only its length.

use std::path::Path;

use serde::Serialize;

use super::photo;
use crate::{Error, Result};

/// The longest side searched first: a phone's 12-megapixel photo is scaled down to this for
/// speed; the full size is searched when nothing was found.
const FIRST_LONG_SIDE: u32 = 2000;

/// A code found in a photo.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// `QR_CODE`, `CODE_128`, `DATA_MATRIX`, ...
    pub format: String,
    /// What the code holds; `None` when it is an activation sticker (the password is secret).
    pub text: Option<String>,
    pub meaning: Meaning,
}

/// What a code's text is, as far as evfield can tell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Meaning {
    /// The activation sticker's QR: the pinpointing link with `mac` and `password`.
    Activation {
        mac: String,
        #[serde(skip)]
        password: String,
        password_length: usize,
    },
    /// 19 or 20 digits starting 89 whose check digit holds (ITU-T E.118).
    Iccid { iccid: String },
    /// A MAC address on its own.
    Mac { mac: String },
    /// Anything else: a serial number, perhaps (the session checks it against the station's).
    Text { text: String },
}

/// The value of `name` in a URL's query, percent-decoded (`+` is a space).
fn query_value(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What `text` means.
pub fn meaning(text: &str) -> Meaning {
    let t = text.trim();
    if let (Some(mac), Some(password)) = (query_value(t, "mac"), query_value(t, "password"))
        && let Some(mac) = crate::rules::normalize_mac(&mac)
        && !password.is_empty()
    {
        return Meaning::Activation {
            mac,
            password_length: password.chars().count(),
            password,
        };
    }
    let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.starts_with("89")
        && let Ok(iccid) = crate::rules::iccid(&digits)
    {
        return Meaning::Iccid { iccid };
    }
    if let Some(mac) = crate::rules::normalize_mac(t) {
        return Meaning::Mac { mac };
    }
    Meaning::Text {
        text: t.to_string(),
    }
}

/// The codes in one picture as (format, text): QR codes by rqrr, then everything rxing finds.
fn search(img: &image::DynamicImage) -> Vec<(String, String)> {
    let luma = img.to_luma8();
    let (w, h) = luma.dimensions();
    let mut out = Vec::new();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
            luma.get_pixel(x as u32, y as u32).0[0]
        });
    for grid in prepared.detect_grids() {
        if let Ok((_, text)) = grid.decode() {
            out.push(("QR_CODE".to_string(), text));
        }
    }
    let mut hints = rxing::DecodeHints::default().with(rxing::DecodeHintValue::TryHarder(true));
    let found =
        rxing::helpers::detect_multiple_in_luma_with_hints(luma.into_raw(), w, h, &mut hints)
            .unwrap_or_default();
    for r in found {
        out.push((
            format!("{:?}", r.getBarcodeFormat()),
            r.getText().to_string(),
        ));
    }
    out
}

/// Every code in a decoded picture, each once.
pub fn read_codes(img: &image::DynamicImage) -> Vec<Found> {
    let long = img.width().max(img.height());
    let mut results = if long > FIRST_LONG_SIDE {
        let small = img.resize(
            FIRST_LONG_SIDE,
            FIRST_LONG_SIDE,
            image::imageops::FilterType::Triangle,
        );
        search(&small)
    } else {
        Vec::new()
    };
    if results.is_empty() {
        results = search(img);
    }
    let mut found: Vec<Found> = Vec::new();
    for (format, text) in results {
        let meaning = meaning(&text);
        let shown = match meaning {
            Meaning::Activation { .. } => None,
            _ => Some(text),
        };
        let f = Found {
            format,
            text: shown,
            meaning,
        };
        if !found.contains(&f) {
            found.push(f);
        }
    }
    found
}

/// The codes in the photo at `path` (JPEG or PNG, any size and orientation).
pub fn read_file(path: &Path) -> Result<Vec<Found>> {
    let bytes = photo::read_photo(path)?;
    let (_, img) = photo::check_bytes(&bytes, &path.display().to_string(), photo::Rules::ANY)?;
    Ok(read_codes(&img))
}

/// The one value of the kind `want` in the photo at `path`, for the answers key `key` (named in
/// the errors): none or two different ones is an error that says what was found.
pub fn value_from(path: &Path, key: &str, want: Want) -> Result<Proposal> {
    let found = read_file(path)?;
    let mut values: Vec<Proposal> = Vec::new();
    for f in &found {
        let p = match (&f.meaning, want) {
            (Meaning::Activation { mac, password, .. }, Want::Activation) => Proposal {
                value: password.clone(),
                shown: crate::t!(
                    "codes.shown_activation",
                    mac = mac,
                    length = password.chars().count()
                ),
                mac: Some(mac.clone()),
            },
            (Meaning::Iccid { iccid }, Want::Iccid) => Proposal {
                value: iccid.clone(),
                shown: iccid.clone(),
                mac: None,
            },
            (Meaning::Text { text }, Want::Serial) => Proposal {
                value: text.clone(),
                shown: text.clone(),
                mac: None,
            },
            _ => continue,
        };
        if !values.iter().any(|v| v.value == p.value) {
            values.push(p);
        }
    }
    let seen: Vec<String> = found
        .iter()
        .map(|f| match &f.meaning {
            Meaning::Activation { .. } => crate::t!("codes.kind_activation"),
            Meaning::Iccid { iccid } => format!("ICCID {iccid}"),
            Meaning::Mac { mac } => format!("MAC {mac}"),
            Meaning::Text { text } => format!("{} \"{text:.40}\"", f.format),
        })
        .collect();
    let file = path.display().to_string();
    match values.len() {
        1 => Ok(values.remove(0)),
        0 => Err(Error::validation(
            "E_NO_CODE",
            crate::t!(
                "codes.none",
                file = file,
                key = key,
                what = want.label(),
                seen = if seen.is_empty() {
                    crate::t!("codes.nothing")
                } else {
                    seen.join(", ")
                }
            ),
        )
        .with_help(crate::t!("codes.none_help"))),
        _ => Err(Error::validation(
            "E_CODES_DISAGREE",
            crate::t!(
                "codes.several",
                file = file,
                key = key,
                what = want.label(),
                count = values.len()
            ),
        )
        .with_help(crate::t!("codes.several_help"))),
    }
}

/// What a photo is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The activation sticker: its password (and MAC).
    Activation,
    /// The SIM carrier: its ICCID.
    Iccid,
    /// The type plate: the serial.
    Serial,
}

impl Want {
    fn label(self) -> String {
        match self {
            Want::Activation => crate::t!("codes.kind_activation"),
            Want::Iccid => "ICCID".into(),
            Want::Serial => crate::t!("codes.kind_serial"),
        }
    }
}

/// A value read from a photo, to be shown and confirmed before it is used.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// The value for the answers key (the activation password itself for a sticker).
    pub value: String,
    /// How it is shown: never the password.
    pub shown: String,
    /// The MAC printed on an activation sticker.
    pub mac: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sticker_link_gives_mac_and_password() {
        let m = meaning(
            "https://installer.example.net/pinpoint?mac=02%3AEF%3A10%3A00%3A4D%3A01&password=Kx7%2Bq9",
        );
        assert_eq!(
            m,
            Meaning::Activation {
                mac: "02:EF:10:00:4D:01".into(),
                password: "Kx7+q9".into(),
                password_length: 6
            }
        );
        // the password never reaches JSON
        assert!(!serde_json::to_string(&m).unwrap().contains("Kx7"));
    }

    #[test]
    fn iccids_macs_and_the_rest() {
        assert_eq!(
            meaning("8947 0800 0012 3456 7898"),
            Meaning::Iccid {
                iccid: "89470800001234567898".into()
            }
        );
        // a wrong check digit is not an ICCID
        assert!(matches!(
            meaning("89470800001234567899"),
            Meaning::Text { .. }
        ));
        assert_eq!(
            meaning("02ef10004d01"),
            Meaning::Mac {
                mac: "02:EF:10:00:4D:01".into()
            }
        );
        assert_eq!(
            meaning(" EVF2026000123 "),
            Meaning::Text {
                text: "EVF2026000123".into()
            }
        );
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }
}
