//! HTTP client of the installer API.
