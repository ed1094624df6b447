//! Network fault campaign: pinpoint submissions through the sandbox with 30 % injected faults
//! (5xx, 429 with Retry-After, timeouts, answers lost after commit) and offline spells. Each
//! submission keeps its idempotency key and is sent until accepted or refused for good, as
//! `evfield sync` does. Figures: accepted, duplicated (must be 0), lost (must be 0), total time.
//!
//! CI runs 200 submissions; `EVFIELD_CAMPAIGN=full` runs 1 000 (benches/fault-campaign.sh).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use evfield::network::api::PinpointRequest;
use evfield::network::client::{Client, RetryPolicy};
use evfield::sandbox::demo;
use evfield::sandbox::network::{self as sandbox, Faults, SandboxConfig, sandbox_request};

fn request(i: u32) -> PinpointRequest {
    PinpointRequest {
        firmware: Some(demo::FIRMWARE.into()),
        ..sandbox_request(i, format!("CAMP{i:06}"))
    }
}

#[test]
fn submissions_under_faults_are_accepted_exactly_once() {
    let full = std::env::var("EVFIELD_CAMPAIGN").is_ok_and(|v| v == "full");
    let n: u32 = if full { 1000 } else { 200 };
    let net = sandbox::start(SandboxConfig::default()).unwrap();
    let token = Client::new(&net.base_url())
        .unwrap()
        .login(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD)
        .unwrap()
        .token;
    let faults = Faults {
        rate_5xx: 0.10,
        rate_429: 0.08,
        retry_after_s: 0,
        rate_timeout: 0.02,
        rate_reset: 0.10,
        offline: false,
        seed: 2026,
    };
    net.set_faults(faults.clone());

    let started = Instant::now();
    let stop = AtomicBool::new(false);
    let next = Mutex::new(1u32);
    let lost = Mutex::new(Vec::new());
    let sends = Mutex::new(0u64);
    std::thread::scope(|s| {
        // Offline spells: the network disappears for a moment now and then.
        s.spawn(|| {
            let mut k = 0u32;
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(if k.is_multiple_of(2) {
                    300
                } else {
                    60
                }));
                net.set_faults(Faults {
                    offline: k.is_multiple_of(2),
                    seed: faults.seed + u64::from(k),
                    ..faults.clone()
                });
                k += 1;
            }
            net.set_faults(Faults::default());
        });
        let workers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let client = Client::new(&net.base_url())
                        .unwrap()
                        .with_token(token.clone())
                        .with_timeouts(Duration::from_secs(2), Duration::from_millis(400))
                        .with_retry(RetryPolicy {
                            max_attempts: 4,
                            base_delay: Duration::from_millis(5),
                            max_delay: Duration::from_millis(50),
                        });
                    loop {
                        let i = {
                            let mut g = next.lock().unwrap();
                            if *g > n {
                                break;
                            }
                            *g += 1;
                            *g - 1
                        };
                        let req = request(i);
                        let key = format!("campaign-{i}");
                        // the outbox: send again with the same key until accepted or refused for good
                        let deadline = Instant::now() + Duration::from_secs(60);
                        loop {
                            *sends.lock().unwrap() += 1;
                            match client.submit_pinpoint(&req, &key) {
                                Ok(_) => break,
                                Err(e)
                                    if evfield::network::client::is_transient(&e)
                                        && Instant::now() < deadline => {}
                                Err(e) => {
                                    lost.lock()
                                        .unwrap()
                                        .push(format!("{i}: {} {}", e.code, e.message));
                                    break;
                                }
                            }
                        }
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        stop.store(true, Ordering::SeqCst);
    });
    let elapsed = started.elapsed();
    net.set_faults(Faults::default());
    let injected = net.faults_injected();
    let state = net.snapshot();
    net.shutdown();

    let mut per_mac = std::collections::HashMap::<String, usize>::new();
    for st in &state.stations {
        *per_mac.entry(st.mac.clone()).or_default() += 1;
    }
    let accepted = per_mac.len();
    let duplicated: usize = per_mac.values().map(|c| c - 1).sum();
    let lost = lost.into_inner().unwrap();
    let missing = n as usize - accepted;
    println!(
        "fault campaign ({}): submissions {n}, sends {}, faults injected {injected}, accepted {accepted}, duplicated {duplicated}, lost {missing}, total time {:.1} s",
        if full { "full" } else { "reduced" },
        sends.into_inner().unwrap(),
        elapsed.as_secs_f64()
    );
    assert!(lost.is_empty(), "refused for good: {lost:#?}");
    assert!(
        injected as f64 >= 0.2 * n as f64,
        "too few faults injected ({injected}) to prove anything"
    );
    assert_eq!(duplicated, 0);
    assert_eq!(missing, 0);
}
