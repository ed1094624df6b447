//! Replay, verification and support bundles of session journals (docs/journal.md,
//! docs/json.md): `evfield replay`, `evfield log verify`, `evfield export`, `evfield import`.
//!
//! Everything here streams: a journal is read one line at a time, so memory stays flat however
//! large it is, and a support bundle is read in place without unpacking it.

pub mod bundle;
pub mod import;
pub mod site;
pub mod source;
pub mod timeline;
pub mod verify;

pub use source::{Source, SourceKind};
