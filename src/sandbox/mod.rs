//! Honest stand-ins for the field: the simulated station and the sandbox network.

pub mod demo;
pub mod demo_vendors;
pub mod network;
pub mod rig;
pub mod station;
