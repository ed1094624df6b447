//! The vocabulary every layer shares: the phases of a re-networking, the answer keys and their
//! kinds, and the choices a question offers. Nothing here knows a station, a network or a
//! session (ARCHITECTURE.md).

pub mod keys;
mod phase;

pub use phase::Phase;

use serde::Serialize;

/// An entry the person can choose from (for [`keys::ValueKind::Choice`]).
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// Where the session stands, as listed by `evfield sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    InProgress,
    Failed,
    Done,
    /// Given up with a reason (`evfield sessions abandon`): kept for support, never resumed.
    Abandoned,
}
