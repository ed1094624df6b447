//! Version strings in each vendor's notation, compared by a rule the profile names.
//!
//! `dotted` takes every run of digits in order (`5.2.1` → 5, 2, 1; `v7.1.3-rc` → 7, 1, 3).
//! A `regex` rule takes the pattern's capture groups in order as numbers, so a vendor's build
//! suffix can be ignored (`ccu_R3.6.13-0-g6cb0` with `R(\d+)\.(\d+)\.(\d+)` → 3, 6, 13). The
//! pattern is searched, not anchored, so the network's minimum (`R3.6.10`) parses with the same
//! rule as the station's full version string.

use std::cmp::Ordering;

use regex::Regex;

/// How to read a vendor's version strings.
#[derive(Debug, Clone)]
pub enum VersionRule {
    Dotted,
    Regex(Regex),
}

impl VersionRule {
    /// `dotted` or `regex:PATTERN`.
    pub fn parse(spec: &str) -> Result<VersionRule, String> {
        if spec == "dotted" {
            return Ok(VersionRule::Dotted);
        }
        let Some(pattern) = spec.strip_prefix("regex:") else {
            return Err(crate::t!("prof.version.bad_rule", spec = spec));
        };
        let re = Regex::new(pattern).map_err(|e| crate::t!("prof.version.bad_pattern", why = e))?;
        if re.captures_len() < 2 {
            return Err(crate::t!("prof.version.no_group", pattern = pattern));
        }
        Ok(VersionRule::Regex(re))
    }

    /// The numbers of a version string, or why it does not follow the rule.
    pub fn numbers(&self, version: &str) -> Result<Vec<u64>, String> {
        let numbers: Vec<u64> = match self {
            VersionRule::Dotted => version
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .map(|p| {
                    p.parse::<u64>()
                        .map_err(|_| crate::t!("prof.version.too_large", part = p))
                })
                .collect::<Result<_, _>>()?,
            VersionRule::Regex(re) => {
                let caps = re.captures(version).ok_or_else(|| {
                    crate::t!(
                        "prof.version.no_match",
                        version = version,
                        pattern = re.as_str()
                    )
                })?;
                let mut out = Vec::new();
                for group in caps.iter().skip(1) {
                    match group {
                        Some(m) => out.push(m.as_str().parse::<u64>().map_err(|_| {
                            crate::t!(
                                "prof.version.not_number",
                                part = m.as_str(),
                                version = version
                            )
                        })?),
                        // An optional group that did not take part counts as 0.
                        None => out.push(0),
                    }
                }
                out
            }
        };
        if numbers.is_empty() {
            return Err(crate::t!("prof.version.no_number", version = version));
        }
        Ok(numbers)
    }

    /// Compare two versions; missing trailing parts count as 0 (`5.0` = `5.0.0`).
    pub fn compare(&self, a: &str, b: &str) -> Result<Ordering, String> {
        let (x, y) = (self.numbers(a)?, self.numbers(b)?);
        for i in 0..x.len().max(y.len()) {
            let (p, q) = (
                x.get(i).copied().unwrap_or(0),
                y.get(i).copied().unwrap_or(0),
            );
            match p.cmp(&q) {
                Ordering::Equal => {}
                other => return Ok(other),
            }
        }
        Ok(Ordering::Equal)
    }

    /// Whether `have` is at least `min`.
    pub fn at_least(&self, have: &str, min: &str) -> Result<bool, String> {
        Ok(self.compare(have, min)? != Ordering::Less)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dotted_versions() {
        let r = VersionRule::parse("dotted").unwrap();
        assert!(r.at_least("5.2.1", "5.0.0").unwrap());
        assert!(r.at_least("5.10.0", "5.9.9").unwrap());
        assert!(!r.at_least("4.9", "5.0.0").unwrap());
        assert!(r.at_least("5.0", "5.0.0").unwrap());
        assert!(r.at_least("v7.1.3", "7.1.3").unwrap());
        assert!(r.numbers("abc").is_err());
        assert!(r.numbers("99999999999999999999999").is_err());
    }

    #[test]
    fn ccu_versions_ignore_the_build_suffix() {
        let r = VersionRule::parse(r"regex:R(\d+)\.(\d+)\.(\d+)").unwrap();
        assert_eq!(r.numbers("ccu_R3.6.13-0-g6cb0").unwrap(), vec![3, 6, 13]);
        assert!(r.at_least("ccu_R3.6.13-0-g6cb0", "R3.6.10").unwrap());
        assert!(!r.at_least("ccu_R3.5.99-2-gabc", "R3.6.10").unwrap());
        let e = r.numbers("5.2.1").unwrap_err();
        assert!(e.contains("does not match"), "{e}");
    }

    #[test]
    fn bad_rules_are_refused() {
        assert!(VersionRule::parse("semver").is_err());
        assert!(VersionRule::parse("regex:(").is_err());
        assert!(VersionRule::parse(r"regex:R\d+").is_err());
    }

    proptest! {
        #[test]
        fn never_panics(v in any::<String>(), w in any::<String>()) {
            let r = VersionRule::parse("dotted").unwrap();
            let _ = r.compare(&v, &w);
            let c = VersionRule::parse(r"regex:R(\d+)\.(\d+)(?:\.(\d+))?").unwrap();
            let _ = c.compare(&v, &w);
        }

        #[test]
        fn dotted_orders_like_tuples(a in proptest::collection::vec(0u32..1000, 1..5),
                                     b in proptest::collection::vec(0u32..1000, 1..5)) {
            let r = VersionRule::parse("dotted").unwrap();
            let s = |v: &[u32]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(".");
            let pad = |v: &[u32]| { let mut v = v.to_vec(); v.resize(5, 0); v };
            prop_assert_eq!(r.compare(&s(&a), &s(&b)).unwrap(), pad(&a).cmp(&pad(&b)));
        }
    }
}
