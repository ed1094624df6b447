//! The simulated station on a pseudo-terminal.
