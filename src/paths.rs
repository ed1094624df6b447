//! Where evfield keeps its files.
