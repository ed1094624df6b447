//! Phase 5 for a station whose OCPP keys are set the way its network sets them: over OCPP
//! (`[ocpp] set_by = "probe"`, the ChargeStorm EVA: seed 003 says its keys are edited in the
//! central system's OCPP tab and uploaded to the station, nothing of a local way). evfield's
//! OCPP probe becomes the station's central system for a moment: the station is pointed at
//! `ws://<laptop>:<port>/`, connects, and the probe sends ChangeConfiguration for the URL's and
//! the identity's keys, reads each back with GetConfiguration and resets the station, which then
//! connects to the network's central system.

use std::time::Duration;

use serde_json::json;

use super::Session;
use super::prompt::Level;
use crate::station::OcppSettings;
use crate::station::probe::{self, Options, Report};
use crate::station::profile::Profile;
use crate::{Error, Result};

/// Error code: a key was not taken (refused, or read back different).
pub const E_PROBE_NOT_TAKEN: &str = "E_PROBE_NOT_TAKEN";

/// Set the station's URL and identity over OCPP; the station restarts on the probe's Reset.
/// `false` when nothing was to be done: the journal shows the keys taken already (a resumed
/// session), and the station restarted then.
pub(super) fn run(s: &mut Session, p: &Profile, want: &OcppSettings) -> Result<bool> {
    let Some((url_key, id_key)) = p.ocpp.as_ref().and_then(|o| o.probe_keys()) else {
        return Ok(false);
    };
    // resumed after the keys were taken (a later step failed): the station already left the
    // probe for the new central system; phase 8 proves it
    if let Some(done) = s.facts.get("commission.probe")
        && let Ok(r) = serde_json::from_value::<Taken>(done.clone())
        && r.took(url_key, &want.url)
        && r.took(id_key, &want.charge_box_id)
    {
        s.notify(
            Level::Info,
            crate::t!("eva.probe.taken", url = want.url, id = want.charge_box_id),
        );
        return Ok(false);
    }
    let demo = s.is_demo();
    let default = if demo { "127.0.0.1:0" } else { "0.0.0.0:0" };
    let bind = s.value(
        "commission.probe_bind",
        super::Ask {
            read: Some((default.to_string(), "default".into())),
            ..Default::default()
        },
    )?;
    let bind = if bind.is_empty() {
        default.to_string()
    } else {
        bind
    };
    let l = probe::bind(&bind)?;
    let port = l.local_addr().map(|a| a.port()).unwrap_or_default();
    let opts = Options {
        wait: Duration::from_secs(if demo { 30 } else { 600 }),
        boot_wait: Duration::from_secs(10),
        call_timeout: Duration::from_secs(if demo { 10 } else { 30 }),
        versions: probe::preferred_versions(&[url_key, id_key]),
        keys: Vec::new(),
        set: vec![
            (url_key.to_string(), want.url.clone()),
            (id_key.to_string(), want.charge_box_id.clone()),
        ],
        reset: Some("Soft".into()),
        // the new URL points the station away from the probe
        await_reboot: false,
        // only the station identified on the port is changed
        expect_serial: s
            .facts
            .get("station.identity")
            .and_then(|v| v.get("serial"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
    };
    s.notify(
        Level::Info,
        crate::t!(
            "eva.probe.point",
            key = url_key,
            port = port,
            secs = opts.wait.as_secs()
        ),
    );
    if let Some(rig) = s.demo.as_ref() {
        let url = format!("ws://127.0.0.1:{port}/");
        rig.point_at_probe(&url)?;
        s.notify(Level::Info, crate::t!("eva.probe.demo", url = url));
    }
    let wait = crate::waits::Wait::new(crate::t!("eva.probe.waiting"), Some(opts.wait));
    s.prompter.progress(&crate::waits::Progress::Wait(wait));
    let mut notes = Vec::new();
    let report = probe::run(&l, &opts, &mut |m| notes.push(m));
    s.prompter.progress(&crate::waits::Progress::Done);
    for n in notes {
        s.notify(Level::Info, n);
    }
    let mut report = report?;
    redact(&mut report);
    s.fact("commission.probe", json!(report))?;
    check(s, &report, want)?;
    Ok(true)
}

/// The changes of a journaled probe report.
#[derive(serde::Deserialize)]
struct Taken {
    changes: Vec<TakenChange>,
}

#[derive(serde::Deserialize)]
struct TakenChange {
    key: String,
    value: String,
    status: String,
    read_back: Option<String>,
}

impl Taken {
    fn took(&self, key: &str, value: &str) -> bool {
        self.changes.iter().any(|c| {
            c.key == key
                && c.value == value
                && matches!(c.status.as_str(), "Accepted" | "RebootRequired")
                && c.read_back.as_deref() == Some(value)
        })
    }
}

/// Whether a configuration key holds a secret (the OCPP security profiles' authorization key,
/// a password): its value never reaches the journal, whatever the station reports.
fn secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("authorizationkey") || k.contains("password") || k.contains("secret")
}

fn redact(r: &mut Report) {
    for k in r.configuration.iter_mut().filter(|k| secret(&k.key)) {
        k.value = k.value.as_ref().map(|_| "<redacted>".to_string());
    }
    for c in r.changes.iter_mut().filter(|c| secret(&c.key)) {
        c.value = "<redacted>".into();
        c.read_back = c.read_back.as_ref().map(|_| "<redacted>".to_string());
    }
}

/// Every key was taken and read back, the reset accepted (the probe has checked that the
/// station is the one identified before it changed anything).
fn check(s: &mut Session, r: &Report, want: &OcppSettings) -> Result<()> {
    for c in &r.changes {
        let taken = matches!(c.status.as_str(), "Accepted" | "RebootRequired")
            && c.read_back.as_deref() == Some(c.value.as_str());
        if !taken {
            return Err(Error::station(
                E_PROBE_NOT_TAKEN,
                crate::t!(
                    "eva.probe.not_taken",
                    key = c.key,
                    value = c.value,
                    status = c.status,
                    read_back = c.read_back.as_deref().unwrap_or("-")
                ),
            )
            .with_help(crate::t!("eva.probe.not_taken_help")));
        }
    }
    s.notify(
        Level::Success,
        crate::t!("eva.probe.taken", url = want.url, id = want.charge_box_id),
    );
    match r.reset.as_ref().map(|x| x.status.as_str()) {
        Some("Accepted") => Ok(()),
        other => {
            s.notify(
                Level::Warning,
                crate::t!("eva.probe.no_reset", status = other.unwrap_or("-")),
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::station::probe::{Change, Key};

    #[test]
    fn secrets_never_reach_the_report() {
        let mut r = Report {
            peer: String::new(),
            path: String::new(),
            charge_box_id: String::new(),
            subprotocol: String::new(),
            ocpp_version: crate::ocpp::Version::V16,
            boot: None,
            configuration: vec![
                Key {
                    key: "AuthorizationKey".into(),
                    value: Some("9f2Kq7Lm4Xv8Rt1Zb6Nw".into()),
                    readonly: false,
                },
                Key {
                    key: "endpoint".into(),
                    value: Some("wss://x/".into()),
                    readonly: false,
                },
            ],
            unknown_keys: Vec::new(),
            configuration_error: None,
            changes: vec![Change {
                key: "BasicAuthPassword".into(),
                value: "hunter2hunter2hunter2".into(),
                status: "Accepted".into(),
                read_back: Some("hunter2hunter2hunter2".into()),
            }],
            reset: None,
            station_calls: Vec::new(),
        };
        redact(&mut r);
        let text = serde_json::to_string(&r).unwrap();
        assert!(
            !text.contains("9f2Kq7") && !text.contains("hunter2"),
            "{text}"
        );
        assert!(text.contains("wss://x/"));
    }
}
