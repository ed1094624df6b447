//! The network's installer API: wire types and the client.

pub mod api;
pub mod client;
