//! The allowed ranges of the numeric flags (issue 13, item 8).
//!
//! Every number on the command line is checked by clap when it is parsed, so a value out of
//! range is a usage error (exit 2, JSON under `--json`) that names the flag, the value and the
//! range, and never reaches a `Duration` or `Instant` sum that could overflow.

use std::ops::RangeInclusive;

/// The longest wait or timeout in seconds: one week.
pub const MAX_SECS: u64 = 7 * 24 * 3600;
/// The longest wait or delay in milliseconds: one week.
pub const MAX_MS: u64 = MAX_SECS * 1000;
/// The label printer resolutions a sticker can be drawn at.
pub const DPI: RangeInclusive<u64> = 100..=1200;

/// A whole number in `lo..=hi`; the error says the range (in the installer's language).
pub(crate) fn whole(s: &str, lo: u64, hi: u64) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(crate::t!("panics.range", value = s, min = lo, max = hi)),
    }
}

/// A number of seconds from 0 to [`MAX_SECS`].
pub fn secs(s: &str) -> Result<u64, String> {
    whole(s, 0, MAX_SECS)
}

/// A number of milliseconds from 0 to [`MAX_MS`].
pub fn millis(s: &str) -> Result<u64, String> {
    whole(s, 0, MAX_MS)
}

/// A printer resolution in [`DPI`].
pub fn dpi(s: &str) -> Result<u32, String> {
    // DPI's bounds fit in u32
    whole(s, *DPI.start(), *DPI.end()).map(|v| v as u32)
}

/// A finite decimal number in `lo..=hi`; the error says the range.
pub(crate) fn decimal(s: &str, lo: f64, hi: f64) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => Ok(v),
        _ => Err(crate::t!("panics.range", value = s, min = lo, max = hi)),
    }
}

/// Seconds as a decimal number, from 0 to [`MAX_SECS`].
pub fn decimal_secs(s: &str) -> Result<f64, String> {
    decimal(s, 0.0, MAX_SECS as f64)
}

/// A speed factor (`replay --play --speed`): from 0.001 to 1000.
pub fn speed(s: &str) -> Result<f64, String> {
    decimal(s, 0.001, 1000.0)
}

/// A rate per second (`batch --rate`, 0 for no limit): from 0 to 10 000.
pub fn rate(s: &str) -> Result<f64, String> {
    decimal(s, 0.0, 10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_out_of_range_name_the_range() {
        assert_eq!(speed("2").unwrap(), 2.0);
        assert_eq!(decimal_secs("0").unwrap(), 0.0);
        for bad in ["NaN", "inf", "-1", "1e300", "x", ""] {
            let e = decimal_secs(bad).unwrap_err();
            assert!(e.contains("604800"), "{bad}: {e}");
        }
        assert!(speed("0").is_err());
        assert!(rate("-0.5").is_err());
        assert_eq!(secs("604800").unwrap(), 604_800);
        assert_eq!(dpi("300").unwrap(), 300);
        for bad in ["604801", "18446744073709551616", "-1", "1.5", ""] {
            let e = secs(bad).unwrap_err();
            assert!(e.contains("0 to 604800"), "{bad}: {e}");
        }
        assert!(dpi("4294967296").is_err());
    }
}
