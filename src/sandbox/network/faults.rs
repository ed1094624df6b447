//! Fault injection for the installer API: which request fails, and how, drawn from a seeded RNG
//! so a test run is repeatable.

use serde::{Deserialize, Serialize};

/// Faults applied to `/api/v1` requests (never to the OCPP endpoint or `/_sandbox`).
/// The rates are probabilities per request in `0.0..=1.0`; they are checked in the order
/// 5xx, 429, timeout, reset against one draw, so their sum should stay at or below 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Answer 503 `sandbox_fault` without doing anything.
    pub rate_5xx: f64,
    /// Answer 429 `rate_limited` with `Retry-After: retry_after_s`.
    pub rate_429: f64,
    pub retry_after_s: u64,
    /// Hold the request for 30 s (longer than the client's timeout), then process it.
    pub rate_timeout: f64,
    /// Process the request (commit it), then drop the connection without an answer.
    pub rate_reset: f64,
    /// Close every API connection at once, without reading an answer: the network is unreachable.
    pub offline: bool,
    /// Seed of the RNG; setting faults restarts the sequence.
    pub seed: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            rate_5xx: 0.0,
            rate_429: 0.0,
            retry_after_s: 1,
            rate_timeout: 0.0,
            rate_reset: 0.0,
            offline: false,
            seed: 0,
        }
    }
}

/// How long a "timeout" fault holds a request.
pub const TIMEOUT_HOLD: std::time::Duration = std::time::Duration::from_secs(30);

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    Offline,
    ServerError,
    RateLimited { retry_after_s: u64 },
    Timeout,
    Reset,
}

impl Faults {
    pub fn validate(&self) -> Result<(), String> {
        for (name, v) in [
            ("rate_5xx", self.rate_5xx),
            ("rate_429", self.rate_429),
            ("rate_timeout", self.rate_timeout),
            ("rate_reset", self.rate_reset),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("{name} must be between 0 and 1, got {v}"));
            }
        }
        Ok(())
    }
}

/// The faults in force and the RNG that decides.
#[derive(Debug)]
pub struct FaultInjector {
    faults: Faults,
    rng: SplitMix64,
}

impl FaultInjector {
    pub fn new(faults: Faults) -> Self {
        let rng = SplitMix64(faults.seed);
        FaultInjector { faults, rng }
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Decides the fate of the next API request. Draws one number per request whatever the
    /// rates, so a sequence only depends on the seed and the number of requests.
    pub fn next(&mut self) -> Fault {
        let f = &self.faults;
        if f.offline {
            return Fault::Offline;
        }
        let u = self.rng.next_f64();
        let mut edge = f.rate_5xx;
        if u < edge {
            return Fault::ServerError;
        }
        edge += f.rate_429;
        if u < edge {
            return Fault::RateLimited {
                retry_after_s: f.retry_after_s,
            };
        }
        edge += f.rate_timeout;
        if u < edge {
            return Fault::Timeout;
        }
        edge += f.rate_reset;
        if u < edge {
            return Fault::Reset;
        }
        Fault::None
    }
}

/// SplitMix64: small, fast, good enough to pick faults, and fully determined by its seed.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[0, 1)`.
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_faults_by_default() {
        let mut inj = FaultInjector::new(Faults::default());
        assert!((0..1000).all(|_| inj.next() == Fault::None));
    }

    #[test]
    fn same_seed_same_sequence_and_rates_roughly_hold() {
        let f = Faults {
            rate_5xx: 0.2,
            rate_429: 0.1,
            rate_reset: 0.1,
            seed: 7,
            ..Faults::default()
        };
        let a: Vec<Fault> = {
            let mut i = FaultInjector::new(f.clone());
            (0..10_000).map(|_| i.next()).collect()
        };
        let b: Vec<Fault> = {
            let mut i = FaultInjector::new(f.clone());
            (0..10_000).map(|_| i.next()).collect()
        };
        assert_eq!(a, b);
        let count = |x: Fault| a.iter().filter(|f| **f == x).count();
        let e5 = count(Fault::ServerError);
        let e429 = count(Fault::RateLimited { retry_after_s: 1 });
        let reset = count(Fault::Reset);
        assert!((1700..2300).contains(&e5), "5xx {e5}");
        assert!((800..1200).contains(&e429), "429 {e429}");
        assert!((800..1200).contains(&reset), "reset {reset}");
        assert_eq!(count(Fault::Timeout), 0);
        let other: Vec<Fault> = {
            let mut i = FaultInjector::new(Faults { seed: 8, ..f });
            (0..10_000).map(|_| i.next()).collect()
        };
        assert_ne!(a, other);
    }

    #[test]
    fn offline_wins_and_rates_are_validated() {
        let mut inj = FaultInjector::new(Faults {
            offline: true,
            ..Faults::default()
        });
        assert_eq!(inj.next(), Fault::Offline);
        assert!(
            Faults {
                rate_5xx: 1.5,
                ..Faults::default()
            }
            .validate()
            .is_err()
        );
        assert!(
            Faults {
                rate_reset: 1.0,
                ..Faults::default()
            }
            .validate()
            .is_ok()
        );
    }
}
