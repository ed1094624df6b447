//! The phases of a re-networking (design.md "The flow").

use serde::Serialize;

/// The eight phases of a re-networking, in order (design.md "The flow").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Account,
    Precheck,
    Before,
    Sim,
    Commission,
    Labels,
    Pinpoint,
    Verify,
}

impl Phase {
    pub const ALL: [Phase; 8] = [
        Phase::Account,
        Phase::Precheck,
        Phase::Before,
        Phase::Sim,
        Phase::Commission,
        Phase::Labels,
        Phase::Pinpoint,
        Phase::Verify,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Phase::Account => "account",
            Phase::Precheck => "precheck",
            Phase::Before => "before",
            Phase::Sim => "sim",
            Phase::Commission => "commission",
            Phase::Labels => "labels",
            Phase::Pinpoint => "pinpoint",
            Phase::Verify => "verify",
        }
    }

    /// The phase's title in the process's language.
    pub fn title(self) -> String {
        match self {
            Phase::Account => crate::t!("session.phase.account"),
            Phase::Precheck => crate::t!("session.phase.precheck"),
            Phase::Before => crate::t!("session.phase.before"),
            Phase::Sim => crate::t!("session.phase.sim"),
            Phase::Commission => crate::t!("session.phase.commission"),
            Phase::Labels => crate::t!("session.phase.labels"),
            Phase::Pinpoint => crate::t!("session.phase.pinpoint"),
            Phase::Verify => crate::t!("session.phase.verify"),
        }
    }

    pub fn from_name(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.name() == s)
    }

    pub fn number(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }
}
