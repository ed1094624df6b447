//! The network's installer API: wire types, the client, and the installer's login.

pub mod account;
pub mod api;
pub mod cache;
pub mod client;
pub mod outbox;
