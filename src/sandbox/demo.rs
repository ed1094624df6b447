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
pub const OLD_ICCID: &str = "8946000000000000012";
pub const NEW_ICCID: &str = "8947080000000000016";

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
