//! Batch scripting: `evfield batch pinpoint FILE` pinpoints a fleet, one station a row
//! (docs/batch.md). Every row is checked before anything is sent; submissions run with bounded
//! concurrency and a rate limit; each row gets one result; a rerun sends only what is not yet
//! accepted. The library reports results through a callback and never draws on the terminal.

pub mod rows;
pub mod submit;
