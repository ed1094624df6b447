//! Photo checks (docs/photos.md): the file is a JPEG or PNG that decodes completely; its shape is
//! judged after the EXIF orientation (a 450×600 picture stored with orientation 6 is shown
//! 600×450: landscape); a square is not landscape; it has at least the minimum resolution; an
//! upload over the size limit is re-encoded smaller (rotated upright, scaled down whole, never
//! cropped); the EXIF time and GPS position are read, and a GPS block without a position counts as
//! no position. Decoding is pure Rust (`image`, `kamadak-exif`).

use std::path::Path;

use serde::Serialize;

use crate::{Error, Result};

/// The smallest photo accepted, as shown (long side × short side).
pub const MIN_LONG_SIDE: u32 = 640;
pub const MIN_SHORT_SIDE: u32 = 480;
/// The largest upload evfield sends; the network refuses more than 10 MB.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// The largest photo file read (`photo check`, the session's photos, a bundle's photos):
/// 64 MiB. Only regular files are read (docs/photos.md "Limits").
pub const MAX_PHOTO_FILE: u64 = 64 << 20;

/// What a photo must be.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub landscape: bool,
    pub min_long: u32,
    pub min_short: u32,
}

impl Rules {
    /// The pinpoint photo: landscape, at least 640×480.
    pub const PINPOINT: Rules = Rules {
        landscape: true,
        min_long: MIN_LONG_SIDE,
        min_short: MIN_SHORT_SIDE,
    };
    /// A photo searched for codes ([`super::codes`]): any orientation and size.
    pub const ANY: Rules = Rules {
        landscape: false,
        min_long: 1,
        min_short: 1,
    };
    /// The photo before work: any orientation, at least 640×480.
    pub const BEFORE: Rules = Rules {
        landscape: false,
        min_long: MIN_LONG_SIDE,
        min_short: MIN_SHORT_SIDE,
    };
}

/// What the checks found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoInfo {
    pub file: String,
    /// `jpeg` or `png`.
    pub format: String,
    pub bytes: u64,
    /// As stored in the file.
    pub width: u32,
    pub height: u32,
    /// EXIF orientation (1 to 8; 1 when there is none).
    pub orientation: u16,
    /// Whether the file has an EXIF block at all. Without one the orientation 1 is assumed (not
    /// read) and there is no time and no GPS position: a screenshot, an edited or messenger-sent
    /// copy, or a camera that writes none.
    pub exif: bool,
    /// As shown, after the orientation.
    pub shown_width: u32,
    pub shown_height: u32,
    pub landscape: bool,
    /// EXIF DateTimeOriginal (else DateTime), as written in the file (`YYYY:MM:DD HH:MM:SS`).
    pub exif_time: Option<String>,
    /// EXIF GPS position (decimal degrees); `None` also when the GPS block holds no position.
    pub exif_gps: Option<(f64, f64)>,
}

/// A photo ready to upload.
#[derive(Debug, Clone)]
pub struct Upload {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub info: PhotoInfo,
    /// It was over the size limit and was re-encoded (upright, scaled down whole).
    pub reencoded: bool,
}

fn refuse(code: &'static str, msg: String, help: String) -> Error {
    Error::validation(code, msg).with_help(help)
}

/// The ISO BMFF brands of HEIF/HEIC/AVIF files (what iPhones save by default).
fn is_heif(b: &[u8]) -> bool {
    b.len() >= 12
        && &b[4..8] == b"ftyp"
        && matches!(
            &b[8..12],
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"avif"
        )
}

/// A JPEG must end with its end-of-image marker (trailing zero padding allowed): a file cut short
/// in transfer is refused even where a decoder would fill the rest in grey.
fn jpeg_complete(b: &[u8]) -> bool {
    let end = b.iter().rposition(|&x| x != 0).map_or(0, |i| i + 1);
    end >= 4 && b[..end].ends_with(&[0xFF, 0xD9])
}

struct Exif {
    present: bool,
    orientation: u16,
    time: Option<String>,
    gps: Option<(f64, f64)>,
}

/// The GPS position in a photo's EXIF data, read without decoding the picture (`None` when the
/// file cannot be read or has none).
pub fn exif_position(path: &Path) -> Option<(f64, f64)> {
    read_exif(&read_photo(path).ok()?).gps
}

fn read_exif(bytes: &[u8]) -> Exif {
    let mut out = Exif {
        present: false,
        orientation: 1,
        time: None,
        gps: None,
    };
    let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)) else {
        return out;
    };
    out.present = true;
    use exif::{In, Tag, Value};
    if let Some(o) = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .filter(|o| (1..=8).contains(o))
    {
        out.orientation = o as u16;
    }
    for tag in [Tag::DateTimeOriginal, Tag::DateTime] {
        if let Some(f) = exif.get_field(tag, In::PRIMARY)
            && let Value::Ascii(v) = &f.value
            && let Some(s) = v.first()
        {
            let s = String::from_utf8_lossy(s).trim().to_string();
            if !s.is_empty() && !s.starts_with("0000") {
                out.time = Some(s);
                break;
            }
        }
    }
    let dms = |tag: Tag| -> Option<f64> {
        match &exif.get_field(tag, In::PRIMARY)?.value {
            Value::Rational(r) if r.len() == 3 && r.iter().all(|x| x.denom != 0) => {
                Some(r[0].to_f64() + r[1].to_f64() / 60.0 + r[2].to_f64() / 3600.0)
            }
            _ => None,
        }
    };
    let hemi = |tag: Tag| -> Option<u8> {
        match &exif.get_field(tag, In::PRIMARY)?.value {
            Value::Ascii(v) => v.first().and_then(|s| s.first().copied()),
            _ => None,
        }
    };
    if let (Some(lat), Some(lon)) = (dms(Tag::GPSLatitude), dms(Tag::GPSLongitude)) {
        let lat = if hemi(Tag::GPSLatitudeRef) == Some(b'S') {
            -lat
        } else {
            lat
        };
        let lon = if hemi(Tag::GPSLongitudeRef) == Some(b'W') {
            -lon
        } else {
            lon
        };
        if super::plausible(lat, lon).is_ok() {
            out.gps = Some((lat, lon));
        }
    }
    out
}

fn decode(bytes: &[u8], name: &str) -> Result<(image::DynamicImage, &'static str)> {
    if is_heif(bytes) {
        return Err(refuse(
            "E_PHOTO_HEIC",
            crate::t!("pin.photo.heic", name = name),
            crate::t!("pin.photo.heic_help"),
        ));
    }
    let (format, kind) = match image_type(bytes) {
        Some(("image/png", _)) => (image::ImageFormat::Png, "png"),
        Some(_) => (image::ImageFormat::Jpeg, "jpeg"),
        None => {
            return Err(refuse(
                "E_PHOTO_FORMAT",
                crate::t!("pin.photo.format", name = name),
                crate::t!("pin.photo.format_help"),
            ));
        }
    };
    let damaged = |why: String| {
        refuse(
            "E_PHOTO_DAMAGED",
            crate::t!("pin.photo.damaged", name = name, why = why),
            crate::t!("pin.photo.damaged_help"),
        )
    };
    if kind == "jpeg" && !jpeg_complete(bytes) {
        return Err(damaged(crate::t!("pin.photo.no_end_marker")));
    }
    let img = if kind == "jpeg" {
        // zune-jpeg in strict mode: damaged entropy-coded data is an error, not grey blocks
        let opts = zune_core::options::DecoderOptions::default()
            .set_strict_mode(true)
            .jpeg_set_out_colorspace(zune_core::colorspace::ColorSpace::RGB);
        let mut dec = zune_jpeg::JpegDecoder::new_with_options(
            zune_core::bytestream::ZCursor::new(bytes),
            opts,
        );
        let pixels = dec.decode().map_err(|e| damaged(format!("{e:?}")))?;
        let (w, h) = dec
            .dimensions()
            .ok_or_else(|| damaged(crate::t!("pin.photo.no_size")))?;
        let rgb = image::RgbImage::from_raw(w as u32, h as u32, pixels)
            .ok_or_else(|| damaged(crate::t!("pin.photo.few_pixels")))?;
        image::DynamicImage::ImageRgb8(rgb)
    } else {
        image::load_from_memory_with_format(bytes, format).map_err(|e| damaged(e.to_string()))?
    };
    Ok((img, kind))
}

/// Read a photo file: a regular file of at most [`MAX_PHOTO_FILE`] bytes (never more is read,
/// so `/dev/zero` or a huge file is refused at once).
pub fn read_photo(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |e| Error::io(&crate::t!("pin.doing.read_photo"), path, e);
    let f = std::fs::File::open(path).map_err(io)?;
    let meta = f.metadata().map_err(io)?;
    let help = || crate::t!("bounds.photo.help");
    if !meta.is_file() {
        return Err(Error::validation(
            "E_PHOTO_NOT_FILE",
            crate::t!("bounds.photo_not_regular", path = path.display()),
        )
        .with_help(help()));
    }
    let too_big = || {
        Error::validation(
            "E_PHOTO_TOO_BIG",
            crate::t!(
                "bounds.photo_too_big",
                path = path.display(),
                name = "MAX_PHOTO_FILE",
                limit = crate::paths::size_text(MAX_PHOTO_FILE)
            ),
        )
        .with_help(help())
    };
    if meta.len() > MAX_PHOTO_FILE {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(MAX_PHOTO_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_PHOTO_FILE {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Check a photo file against the rules.
pub fn check_file(path: &Path, rules: Rules) -> Result<PhotoInfo> {
    let bytes = read_photo(path)?;
    check_bytes(&bytes, &path.display().to_string(), rules).map(|(info, _)| info)
}

/// Check a photo's bytes against the rules; returns what was found and the decoded picture.
pub fn check_bytes(
    bytes: &[u8],
    name: &str,
    rules: Rules,
) -> Result<(PhotoInfo, image::DynamicImage)> {
    let (img, format) = decode(bytes, name)?;
    let exif = read_exif(bytes);
    let (w, h) = (img.width(), img.height());
    let (sw, sh) = if exif.orientation >= 5 {
        (h, w)
    } else {
        (w, h)
    };
    let info = PhotoInfo {
        file: name.to_string(),
        format: format.to_string(),
        bytes: bytes.len() as u64,
        width: w,
        height: h,
        orientation: exif.orientation,
        exif: exif.present,
        shown_width: sw,
        shown_height: sh,
        landscape: sw > sh,
        exif_time: exif.time,
        exif_gps: exif.gps,
    };
    if rules.landscape && !info.landscape {
        let turned = if exif.orientation != 1 {
            crate::t!(
                "pin.photo.turned",
                width = w,
                height = h,
                orientation = exif.orientation
            )
        } else {
            String::new()
        };
        let msg = if sw == sh {
            crate::t!(
                "pin.photo.square",
                name = name,
                width = sw,
                height = sh,
                turned = turned
            )
        } else {
            crate::t!(
                "pin.photo.portrait",
                name = name,
                width = sw,
                height = sh,
                turned = turned
            )
        };
        return Err(refuse(
            "E_PHOTO_NOT_LANDSCAPE",
            msg,
            crate::t!("pin.photo.not_landscape_help"),
        ));
    }
    let (long, short) = (sw.max(sh), sw.min(sh));
    if long < rules.min_long || short < rules.min_short {
        return Err(refuse(
            "E_PHOTO_TOO_SMALL",
            crate::t!(
                "pin.photo.too_small",
                name = name,
                width = sw,
                height = sh,
                min_long = rules.min_long,
                min_short = rules.min_short
            ),
            crate::t!("pin.photo.too_small_help"),
        ));
    }
    Ok((info, img))
}

/// The picture upright, as shown (the EXIF orientation applied to the pixels).
fn upright(img: image::DynamicImage, orientation: u16) -> image::DynamicImage {
    match orientation {
        2 => img.fliph(),
        3 => img.rotate180(),
        4 => img.flipv(),
        5 => img.rotate90().fliph(),
        6 => img.rotate90(),
        7 => img.rotate270().fliph(),
        8 => img.rotate270(),
        _ => img,
    }
}

fn encode_jpeg(img: &image::DynamicImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let rgb = img.to_rgb8();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| Error::internal("E_PHOTO_ENCODE", crate::t!("pin.photo.encode", why = e)))?;
    Ok(out)
}

/// Check a photo and make it fit the upload limit: over `max_bytes`, it is re-encoded as JPEG
/// (upright, lower quality, then scaled down whole while it stays above the minimum resolution).
pub fn prepare_upload_with(path: &Path, rules: Rules, max_bytes: usize) -> Result<Upload> {
    let bytes = read_photo(path)?;
    let name = path.display().to_string();
    let (info, img) = check_bytes(&bytes, &name, rules)?;
    let content_type = if info.format == "png" {
        "image/png"
    } else {
        "image/jpeg"
    };
    if bytes.len() <= max_bytes {
        return Ok(Upload {
            bytes,
            content_type,
            info,
            reencoded: false,
        });
    }
    let mut img = upright(img, info.orientation);
    loop {
        for q in [85u8, 70, 55] {
            let out = encode_jpeg(&img, q)?;
            if out.len() <= max_bytes {
                return Ok(Upload {
                    bytes: out,
                    content_type: "image/jpeg",
                    info,
                    reencoded: true,
                });
            }
        }
        let (w, h) = (img.width() * 3 / 4, img.height() * 3 / 4);
        if w.max(h) < rules.min_long || w.min(h) < rules.min_short {
            return Err(refuse(
                "E_PHOTO_TOO_LARGE",
                crate::t!(
                    "pin.photo.too_large",
                    name = name,
                    bytes = info.bytes,
                    max_bytes = max_bytes,
                    min_long = rules.min_long,
                    min_short = rules.min_short
                ),
                crate::t!("pin.photo.too_large_help"),
            ));
        }
        img = img.resize_exact(w, h, image::imageops::FilterType::Triangle);
    }
}

/// [`prepare_upload_with`] with the pinpoint rules and the standard size limit.
pub fn prepare_upload(path: &Path) -> Result<Upload> {
    prepare_upload_with(path, Rules::PINPOINT, MAX_UPLOAD_BYTES)
}

/// The content type of a JPEG or PNG by its first bytes.
pub fn image_type(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", "png"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("image/jpeg", "jpg"))
    } else {
        None
    }
}

/// Sample photos made in code (the tests', and the stand-ins' for the demo and tests of the
/// binary): a plain or noisy picture, as PNG, or as JPEG with an EXIF block.
#[cfg(any(test, feature = "stand-ins"))]
pub mod samples {
    use exif::experimental::Writer;
    use exif::{Field, In, Rational, Tag, Value};

    pub fn pixels(w: u32, h: u32, noise: bool) -> image::RgbImage {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        image::RgbImage::from_fn(w, h, |x, y| {
            if noise {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                image::Rgb([seed as u8, (seed >> 8) as u8, (seed >> 16) as u8])
            } else {
                image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
            }
        })
    }

    /// A JPEG of `w`×`h` with an EXIF block (orientation, time, GPS) when asked for.
    pub fn jpeg(
        w: u32,
        h: u32,
        orientation: Option<u16>,
        gps: Option<Option<(f64, f64)>>,
    ) -> Vec<u8> {
        let mut raw = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut raw, 80)
            .encode_image(&pixels(w, h, false))
            .unwrap();
        if orientation.is_none() && gps.is_none() {
            return raw;
        }
        let o = Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation.unwrap_or(1)]),
        };
        let t = Field {
            tag: Tag::DateTime,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"2026:03:01 10:15:00".to_vec()]),
        };
        let dms = |v: f64| {
            let d = v.abs().trunc();
            let m = ((v.abs() - d) * 60.0).trunc();
            let s = ((v.abs() - d) * 60.0 - m) * 60.0;
            Value::Rational(vec![
                Rational {
                    num: d as u32,
                    denom: 1,
                },
                Rational {
                    num: m as u32,
                    denom: 1,
                },
                Rational {
                    num: (s * 1000.0).round() as u32,
                    denom: 1000,
                },
            ])
        };
        let version = Field {
            tag: Tag::GPSVersionID,
            ifd_num: In::PRIMARY,
            value: Value::Byte(vec![2, 3, 0, 0]),
        };
        let gps_fields: Vec<Field> = match gps {
            Some(Some((lat, lon))) => vec![
                version.clone(),
                Field {
                    tag: Tag::GPSLatitudeRef,
                    ifd_num: In::PRIMARY,
                    value: Value::Ascii(vec![if lat < 0.0 {
                        b"S".to_vec()
                    } else {
                        b"N".to_vec()
                    }]),
                },
                Field {
                    tag: Tag::GPSLatitude,
                    ifd_num: In::PRIMARY,
                    value: dms(lat),
                },
                Field {
                    tag: Tag::GPSLongitudeRef,
                    ifd_num: In::PRIMARY,
                    value: Value::Ascii(vec![if lon < 0.0 {
                        b"W".to_vec()
                    } else {
                        b"E".to_vec()
                    }]),
                },
                Field {
                    tag: Tag::GPSLongitude,
                    ifd_num: In::PRIMARY,
                    value: dms(lon),
                },
            ],
            // an empty GPS block: only the version, no position
            Some(None) => vec![version],
            None => vec![],
        };
        let mut w = Writer::new();
        w.push_field(&o);
        w.push_field(&t);
        for f in &gps_fields {
            w.push_field(f);
        }
        let mut tiff = std::io::Cursor::new(Vec::new());
        w.write(&mut tiff, false).unwrap();
        let tiff = tiff.into_inner();
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = raw[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&raw[2..]);
        out
    }

    pub fn png(w: u32, h: u32, noise: bool) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(pixels(w, h, noise))
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    pub use super::samples::{jpeg, png};
    use super::*;
    fn check(b: &[u8], rules: Rules) -> Result<PhotoInfo> {
        check_bytes(b, "p.jpg", rules).map(|(i, _)| i)
    }

    #[test]
    fn landscape_is_judged_after_the_orientation() {
        // stored landscape: 1 and 3 stay landscape, 6 and 8 turn it portrait
        for (o, landscape) in [(1, true), (3, true), (6, false), (8, false)] {
            let i = check(&jpeg(800, 600, Some(o), None), Rules::BEFORE).unwrap();
            assert_eq!(i.orientation, o);
            assert_eq!(i.landscape, landscape, "800x600 orientation {o}");
        }
        // stored portrait: 6 and 8 turn it landscape
        for (o, landscape) in [(1, false), (3, false), (6, true), (8, true)] {
            let i = check(&jpeg(600, 800, Some(o), None), Rules::BEFORE).unwrap();
            assert_eq!(i.landscape, landscape, "600x800 orientation {o}");
            if landscape {
                assert_eq!((i.shown_width, i.shown_height), (800, 600));
                assert!(check(&jpeg(600, 800, Some(o), None), Rules::PINPOINT).is_ok());
            }
        }
        // the examples, at a size that passes the minimum resolution scaled 1:1.5
        let tiny = Rules {
            landscape: true,
            min_long: 1,
            min_short: 1,
        };
        assert!(
            check(&jpeg(450, 600, Some(6), None), tiny)
                .unwrap()
                .landscape
        );
        let e = check(&jpeg(600, 450, Some(6), None), tiny).unwrap_err();
        assert_eq!(e.code, "E_PHOTO_NOT_LANDSCAPE");
        assert!(
            e.message.contains("portrait") && e.message.contains("orientation 6"),
            "{}",
            e.message
        );
        let e = check(&jpeg(700, 700, None, None), Rules::PINPOINT).unwrap_err();
        assert!(e.message.contains("square"), "{}", e.message);
    }

    #[test]
    fn exif_time_and_gps_and_an_empty_gps_block() {
        let i = check(
            &jpeg(800, 600, Some(1), Some(Some((59.913868, -10.752245)))),
            Rules::PINPOINT,
        )
        .unwrap();
        assert_eq!(i.exif_time.as_deref(), Some("2026:03:01 10:15:00"));
        let (lat, lon) = i.exif_gps.unwrap();
        assert!(
            (lat - 59.913868).abs() < 1e-5 && (lon + 10.752245).abs() < 1e-5,
            "{lat},{lon}"
        );
        let i = check(&jpeg(800, 600, Some(1), Some(None)), Rules::PINPOINT).unwrap();
        assert_eq!(i.exif_gps, None, "an empty GPS block is no position");
        assert!(i.exif_time.is_some());
        let i = check(&jpeg(800, 600, None, None), Rules::PINPOINT).unwrap();
        assert_eq!(
            (i.orientation, i.exif, i.exif_time.as_deref(), i.exif_gps),
            (1, false, None, None)
        );
        let i = check(&png(800, 600, false), Rules::PINPOINT).unwrap();
        assert_eq!((i.format.as_str(), i.exif), ("png", false));
    }

    #[test]
    fn no_exif_at_all_is_told_apart_from_orientation_1() {
        let none = check(&jpeg(800, 600, None, None), Rules::PINPOINT).unwrap();
        let one = check(&jpeg(800, 600, Some(1), None), Rules::PINPOINT).unwrap();
        assert_eq!((none.orientation, none.exif), (1, false));
        assert_eq!((one.orientation, one.exif), (1, true));
        let v = serde_json::to_value(&none).unwrap();
        assert_eq!(v["exif"], false);
        assert_eq!(serde_json::to_value(&one).unwrap()["exif"], true);
    }

    #[test]
    fn damaged_heic_small_and_unknown_files_are_refused() {
        let full = jpeg(800, 600, Some(1), None);
        let e = check(&full[..full.len() / 2], Rules::BEFORE).unwrap_err();
        assert_eq!(e.code, "E_PHOTO_DAMAGED");
        let mut corrupt = full.clone();
        let mid = corrupt.len() / 2;
        for b in &mut corrupt[mid - 200..mid] {
            *b = 0xFF;
        }
        corrupt.truncate(mid + 10);
        corrupt.extend_from_slice(&[0xFF, 0xD9]);
        assert_eq!(
            check(&corrupt, Rules::BEFORE).unwrap_err().code,
            "E_PHOTO_DAMAGED"
        );
        let p = png(800, 600, false);
        assert_eq!(
            check(&p[..p.len() - 30], Rules::BEFORE).unwrap_err().code,
            "E_PHOTO_DAMAGED"
        );
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        let e = check(&heic, Rules::BEFORE).unwrap_err();
        assert_eq!(e.code, "E_PHOTO_HEIC");
        assert!(e.help.unwrap().contains("JPEG"));
        assert_eq!(
            check(b"GIF89a....", Rules::BEFORE).unwrap_err().code,
            "E_PHOTO_FORMAT"
        );
        let e = check(&jpeg(320, 240, None, None), Rules::BEFORE).unwrap_err();
        assert_eq!(e.code, "E_PHOTO_TOO_SMALL");
        assert!(e.message.contains("320×240"), "{}", e.message);
    }

    #[test]
    fn an_upload_over_the_limit_is_re_encoded_upright_and_never_cropped() {
        let d = tempfile::tempdir().unwrap();
        let small = d.path().join("small.jpg");
        std::fs::write(&small, jpeg(800, 600, Some(1), None)).unwrap();
        let u = prepare_upload_with(&small, Rules::PINPOINT, 1 << 20).unwrap();
        assert!(!u.reencoded);
        assert_eq!(u.bytes, std::fs::read(&small).unwrap());

        let big = d.path().join("big.png");
        std::fs::write(&big, png(1200, 900, true)).unwrap();
        let size = std::fs::metadata(&big).unwrap().len() as usize;
        let limit = 300_000;
        assert!(size > limit);
        let u = prepare_upload_with(&big, Rules::PINPOINT, limit).unwrap();
        assert!(u.reencoded && u.bytes.len() <= limit, "{}", u.bytes.len());
        assert_eq!(u.content_type, "image/jpeg");
        let img = image::load_from_memory(&u.bytes).unwrap();
        // same shape (scaled whole, not cropped), still above the minimum
        let ratio = img.width() as f64 / img.height() as f64;
        assert!(
            (ratio - 4.0 / 3.0).abs() < 0.01,
            "{}x{}",
            img.width(),
            img.height()
        );
        assert!(img.width() >= MIN_LONG_SIDE && img.height() >= MIN_SHORT_SIDE);

        // stored portrait with orientation 6: the re-encoded picture is upright landscape
        let turned = d.path().join("turned.jpg");
        std::fs::write(&turned, jpeg(900, 1200, Some(6), None)).unwrap();
        let u = prepare_upload_with(&turned, Rules::PINPOINT, 60_000)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let img = image::load_from_memory(&u.bytes).unwrap();
        assert!(
            img.width() > img.height(),
            "{}x{}",
            img.width(),
            img.height()
        );

        let e = prepare_upload_with(&big, Rules::PINPOINT, 1_000).unwrap_err();
        assert_eq!(e.code, "E_PHOTO_TOO_LARGE");
    }
}
