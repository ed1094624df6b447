//! Driver for the generic line console protocol (docs/station-console.md).
