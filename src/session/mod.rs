//! The guided session: steps, journal, resume.
