//! Honest stand-ins for the field: the simulated station and the sandbox network.
//!
//! Languages: what `evfield sim`, `evfield sandbox` and the demo rig say to the person running
//! them (where they listen, how to stop them, their usage and start-up errors) is in the
//! installer's language (`locales/tool.toml`). What the stand-ins say *as* a station or a
//! network stays English on purpose: the simulated station's protocol replies, the sandbox's
//! HTTP and OCPP messages (its JSON error texts, `/_sandbox/faults` answers) and their internal
//! logs. A real station or network answers in its own language, not in the installer's, and the
//! tool must cope with that; the stand-ins play that part honestly.

pub mod demo;
pub mod demo_photos;
pub mod demo_vendors;
pub mod network;
pub mod rig;
pub mod station;
