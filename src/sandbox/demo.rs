//! The built-in demo: one simulated station, one sandbox network, one certified installer, and
//! the answers an installer would give on site. Shared by `renetwork --demo`, the simulator, the
//! sandbox's seed data and the tests, so the three always agree.

/// The demo installer account seeded in a new sandbox.
pub const INSTALLER_USER: &str = "demo@installer.test";
/// Password of the demo installer. A demo secret, not a real one; still never journaled.
pub const INSTALLER_PASSWORD: &str = "demo-password-2026";
/// An installer seeded without certification (cannot pinpoint).
pub const TRAINEE_USER: &str = "trainee@installer.test";
pub const TRAINEE_PASSWORD: &str = "trainee-password-2026";

/// The simulated station's identity.
pub const MANUFACTURER: &str = "Evfield";
pub const MODEL: &str = "SimCharger 22";
pub const SERIAL: &str = "EVF2026000123";
pub const MAC: &str = "02:EF:10:00:4D:01";
pub const FIRMWARE: &str = "5.2.1";
/// The SIM in the station before the swap, and the network's SIM from the kit.
/// Both ICCIDs pass the Luhn check, as real ones do.
pub const OLD_ICCID: &str = "8946000000000000014";
pub const NEW_ICCID: &str = "8947080000000000015";

/// The activation password printed on the demo activation sticker (seeded at the sandbox with the
/// MAC above). It holds characters that need URL encoding on purpose.
pub const ACTIVATION_PASSWORD: &str = "K7+9/QF=2";

/// Demo site: a car park in Oslo.
pub const GPS_LAT: f64 = 59.913_868;
pub const GPS_LON: f64 = 10.752_245;
/// Id of the address the demo picks from the sandbox's list near the GPS fix.
pub const ADDRESS_ID: &str = "addr-0001";
pub const CAR_PARK: &str = "Sentrum P-hus";
pub const BUILDING: &str = "Kvadraturen";
pub const FLOOR: &str = "P2";
pub const RESTRICTIONS: &str = "Customers only, 2 h";

/// The answers the demo gives when nobody is at the terminal (an example of the answers file,
/// docs/answers.md). The station's port, the network's address and the installer's account come
/// from the demo rig itself.
pub const ANSWERS: &str = r#"# Built-in answers of `evfield renetwork --demo`.
# Checklist items are answered by `<checklist>.<item>` (checklists/, docs/checklists.md).
[precheck]
instructions = true
firmware_document = true
verification_checklist = true
site_access = "Key at the reception desk; gate code 2468"

[before]
model_condition = true
station_photo_ok = true

[evfield_simcharger]
sim_holder = true
firmware_on_display = true

[safety]
power_isolated = true
lockout_tagout = true
voltage = 0.2

[sim]
kit_iccid = "8947080000000000015"
swapped = true
powered = true

[activation]
password = "K7+9/QF=2"

[commission]
# Vendors configured in their own app (`--vendor abb-terra-ac`, `keba-p30`, ...): the demo's
# installer enters the settings there.
guided_done = true

[labels]
type_plate_found = true
sticker_applied = true
branding_location = true
branding_aligned = true
branding_applied = true

[pinpoint]
gps = "59.913868,10.752245"
serial_confirmed = true
address_id = "addr-0001"
# the car park, building and restrictions: the network's operator registered them at the
# address (read from its list of addresses)
floor = "P2"

[verify]
cabinet_secured = true
logo_visible = true
mac_matches = true
"#;

/// A landscape PNG (a sky-and-tarmac picture) for the demo's photos, made here so the demo
/// needs no file.
pub fn photo_png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        if y < height / 2 {
            image::Rgb([90 + (x * 60 / width.max(1)) as u8, 150, 230])
        } else {
            image::Rgb([70, 70 + (y * 40 / height.max(1)) as u8, 75])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG in memory cannot fail");
    out.into_inner()
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_answers_are_valid() {
        let a =
            crate::session::answers::Answers::parse(crate::sandbox::demo::ANSWERS, "demo").unwrap();
        assert!(a.get("safety.voltage").is_some());
    }
}
