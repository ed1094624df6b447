//! One output layer for human text and JSON.
