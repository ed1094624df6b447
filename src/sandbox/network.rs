//! The sandbox network: installer API and OCPP 1.6J endpoint on loopback.
