//! The answer keys as the session sees them: the vocabulary's table and the checklist items'
//! keys together (src/checklist/keys.rs).

pub use crate::checklist::keys::*;
