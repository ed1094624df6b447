//! The photos a demo site's installer takes of each station (`renetwork --demo --stations N`):
//! the network kit's activation sticker (its QR code: the pinpointing link with the station's
//! MAC and activation password), the SIM carrier (the kit SIM's ICCID), the type plate (the
//! serial) and the pinpoint photo (a landscape JPEG whose EXIF holds the station's position).
//! The session reads them as it reads an installer's photos (`--sticker-photo`, `--sim-photo`,
//! `--plate-photo`, `--photo`: src/pinpoint/codes.rs, the EXIF position), so the demo types what
//! those do not give.
//!
//! The codes here are QR codes drawn by our own encoder (the sticker's); the tests of the
//! reader use codes made by an encoder that is not ours (tests/codes.rs).

use std::path::{Path, PathBuf};

use super::{demo, network, rig};
use crate::Result;

/// The files of one station's photos.
#[derive(Debug, Clone)]
pub struct StationPhotos {
    pub sticker: PathBuf,
    pub sim: PathBuf,
    pub plate: PathBuf,
    pub pinpoint: PathBuf,
}

/// The MAC and activation password on station `number`'s sticker (0: the demo's own).
pub fn activation(number: u32) -> (String, String) {
    if number == 0 {
        (demo::MAC.to_string(), demo::ACTIVATION_PASSWORD.to_string())
    } else {
        network::sandbox_activation(number)
    }
}

/// Where station `number` stands: the demo's position, the next ones a parking space (about
/// 3 m) further north each.
pub fn position(number: u32) -> (f64, f64) {
    (demo::GPS_LAT + 0.000_027 * f64::from(number), demo::GPS_LON)
}

/// A photo of `text`'s QR code on a label: a 1600×1200 JPEG (landscape, as a phone takes it).
fn code_photo(text: &str) -> Result<Vec<u8>> {
    const W: u32 = 1600;
    const H: u32 = 1200;
    const MODULE: u32 = 12;
    let qr = crate::sticker::Qr::encode(text, crate::sticker::Ecc::M)?;
    let side = qr.total() as u32 * MODULE;
    let (x0, y0) = ((W - side) / 2, (H - side) / 2);
    let img = image::RgbImage::from_fn(W, H, |x, y| {
        let inside = x >= x0 && y >= y0 && x < x0 + side && y < y0 + side;
        if inside {
            let (mx, my) = (((x - x0) / MODULE) as usize, ((y - y0) / MODULE) as usize);
            if qr.dark_at(mx, my) {
                image::Rgb([25, 25, 30])
            } else {
                image::Rgb([245, 245, 240])
            }
        } else {
            // the station's grey housing around the label
            let shade = 150 + ((x + y) % 40) as u8;
            image::Rgb([shade, shade, shade.saturating_add(5)])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .map_err(|e| crate::Error::internal("E_DEMO_PHOTO", e.to_string()))?;
    Ok(out)
}

/// Write station `number`'s photos into `dir`.
pub fn write(dir: &Path, number: u32) -> Result<StationPhotos> {
    crate::paths::ensure_private_dir(dir)?;
    let (mac, password) = activation(number);
    let serial = if number == 0 {
        demo::SERIAL.to_string()
    } else {
        rig::station_serial(number)
    };
    // the kit's sticker links to the network's pinpointing page (any template with the MAC and
    // the password in its query reads the same)
    let link = crate::sticker::pinpoint_url(
        "https://pinpoint.network.test/p?mac={mac}&password={password}",
        &mac,
        &password,
    );
    let photos = StationPhotos {
        sticker: dir.join("sticker.jpg"),
        sim: dir.join("sim-carrier.jpg"),
        plate: dir.join("type-plate.jpg"),
        pinpoint: dir.join("pinpoint.jpg"),
    };
    crate::paths::write_atomic(&photos.sticker, &code_photo(&link)?)?;
    crate::paths::write_atomic(&photos.sim, &code_photo(demo::NEW_ICCID)?)?;
    crate::paths::write_atomic(&photos.plate, &code_photo(&serial)?)?;
    let pinpoint =
        crate::pinpoint::photo::samples::jpeg(1600, 1200, None, Some(Some(position(number))));
    crate::paths::write_atomic(&photos.pinpoint, &pinpoint)?;
    Ok(photos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pinpoint::codes::{self, Want};

    #[test]
    fn each_photo_reads_back_as_the_station_it_was_taken_of() {
        let d = tempfile::tempdir().unwrap();
        let p = write(d.path(), 2).unwrap();
        let (mac, password) = activation(2);
        let sticker =
            codes::value_from(&p.sticker, "activation.password", Want::Activation).unwrap();
        assert_eq!(sticker.value, password);
        assert_eq!(sticker.mac.as_deref(), Some(mac.as_str()));
        let sim = codes::value_from(&p.sim, "sim.kit_iccid", Want::Iccid).unwrap();
        assert_eq!(sim.value, demo::NEW_ICCID);
        let plate = codes::value_from(&p.plate, "pinpoint.serial_plate", Want::Serial).unwrap();
        assert_eq!(plate.value, rig::station_serial(2));
        let (lat, lon) = crate::pinpoint::photo::exif_position(&p.pinpoint).unwrap();
        assert!((lat - position(2).0).abs() < 1e-5 && (lon - position(2).1).abs() < 1e-5);
    }
}
