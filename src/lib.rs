//! evfield: re-network EV charging stations on site.
//!
//! The library holds the whole job; the binary (`src/main.rs`) only calls [`cli::main`]. The
//! library never prints or prompts on its own: the session asks through [`session::Prompter`].

pub mod batch;
pub mod checklist;
pub mod cli;
pub mod config;
pub mod error;
pub mod i18n;
pub mod journal;
pub mod lock;
pub mod network;
pub mod ocpp;
pub mod output;
pub mod paths;
pub mod pinpoint;
pub mod replay;
pub mod rules;
#[cfg(feature = "stand-ins")]
pub mod sandbox;
pub mod session;
pub mod station;
pub mod sticker;
pub mod tls;
pub mod vocab;
pub mod waits;

pub use error::{Error, ErrorKind, Result};
