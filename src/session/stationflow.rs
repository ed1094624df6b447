//! The station's part of the guided session, driven by its vendor profile: choose the profile,
//! identify (reading what the port tells, asking what it cannot), the firmware gate with the
//! vendor's version rule, the article-number check, the SIM read, commissioning scripted with
//! read-back or guided in the manufacturer's app, and the station's errors.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::json;

use super::prompt::{Choice, Level};
use super::{Ask, Session};
use crate::network::api::Requirements;
use crate::station::profile::{Profile, Registry, article};
use crate::station::profiled::ProfileDriver;
use crate::station::{Identity, OcppSettings, SimStatus, StationDriver};
use crate::{Error, Result};

/// The vendor profile of this session's station (asked once, journaled as `station.vendor`).
pub(super) fn profile(s: &mut Session) -> Result<Profile> {
    if let Some(p) = &s.profile {
        return Ok(p.clone());
    }
    let reg = Registry::load()?;
    let choices: Vec<Choice> = reg
        .profiles
        .iter()
        .filter(|p| p.vendor.kind == "station")
        .map(|p| Choice {
            id: p.vendor.id.clone(),
            label: format!("{} ({})", p.vendor.manufacturer, p.vendor.description),
        })
        .collect();
    let id = s.value(
        "station.vendor",
        Ask {
            choices,
            ..Ask::default()
        },
    )?;
    let p = reg.get(&id)?.clone();
    s.profile = Some(p.clone());
    Ok(p)
}

/// Where the station is: its service port, or its network address for stations reached over
/// Modbus TCP, HTTP or UDP.
fn target(s: &mut Session, p: &Profile) -> Result<(crate::station::link::Target, String)> {
    let mut t = crate::station::link::Target::default();
    let shown = if p.by_address() {
        let a = s.value("station.address", Ask::default())?;
        t.address = Some(a.clone());
        a
    } else {
        let port = s.value("station.port", Ask::default())?;
        t.port = Some(port.clone());
        port
    };
    Ok((t, shown))
}

/// Open the driver: over the service port or the network when the vendor has one.
pub(super) fn open(s: &mut Session) -> Result<Box<dyn StationDriver>> {
    let p = profile(s)?;
    if !p.reachable() {
        return Ok(Box::new(ProfileDriver::without_port(p)));
    }
    let (t, _) = target(s, &p)?;
    Ok(Box::new(ProfileDriver::open(p, &t)?))
}

/// Phase 2: identify the station; values the port cannot give are asked.
pub(super) fn identify(s: &mut Session) -> Result<Identity> {
    let p = profile(s)?;
    if p.reachable() {
        let (_, port) = target(s, &p)?;
        s.notify(
            Level::Info,
            crate::t!(
                "steps.reading_vendor_station",
                vendor = p.vendor.manufacturer,
                port = port
            ),
        );
    }
    let asks = p
        .step("identify")
        .map(|st| st.ask.clone())
        .unwrap_or_default();
    let mut given = Vec::new();
    for a in &asks {
        let v = s.value(
            &a.key,
            Ask {
                text: Some(a.prompt.clone()),
                ..Ask::default()
            },
        )?;
        given.push((a.var.clone(), v));
    }
    let st = s.station()?;
    for (var, v) in &given {
        st.provide(var, v);
    }
    let id = st.identify();
    s.flush_traffic()?;
    let mut id = id?;
    s.event(
        "fact",
        json!({ "key": "station.vendor_profile", "value": { "id": p.vendor.id, "source": p.source } }),
    )?;
    if let Some(spec) = &p.article {
        let art = match given.iter().find(|(var, _)| var == "article") {
            Some((_, v)) => v.clone(),
            None => s.value("station.article", Ask::default())?,
        };
        let decoded = article::decode(&p, &art)?;
        s.fact("station.article", json!(decoded))?;
        if !decoded.ocpp {
            return Err(article::refusal_error(&decoded, &spec.ocpp_field));
        }
        if id.model.is_empty() {
            id.model = decoded.model.clone();
        }
        s.notify(
            Level::Success,
            format!(
                "Article {}: {} with OCPP ({})",
                decoded.article,
                decoded.model,
                decoded
                    .fields
                    .iter()
                    .filter(|f| !f.meaning.is_empty() && f.field != "model")
                    .map(|f| f.meaning.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    Ok(id)
}

/// Phase 2: the firmware against the network's minimum and the manufacturer's, compared with
/// the vendor's version rule.
pub(super) fn firmware_gate(s: &mut Session, id: &Identity, req: &Requirements) -> Result<bool> {
    let p = profile(s)?;
    let rule = p.version_rule();
    let unreadable = |e: String| {
        Error::validation(
            "E_FIRMWARE_VERSION",
            format!(
                "cannot compare firmware `{}` with the minimum: {e}",
                id.firmware
            ),
        )
        .with_help(format!(
            "check the vendor profile's version rule (`{}`) against what the station reports",
            p.vendor.version_rule
        ))
    };
    let mut mins = vec![(req.min_firmware.clone(), "the network's")];
    if let Some(m) = p.model(&id.model).and_then(|m| m.min_firmware.clone()) {
        mins.push((m, "the manufacturer's"));
    }
    for (min, whose) in &mins {
        if !rule.at_least(&id.firmware, min).map_err(unreadable)? {
            s.fact("precheck.firmware_ok", json!(false))?;
            return Err(Error::blocked(
                "E_FIRMWARE_TOO_OLD",
                format!(
                    "station firmware {} is below {min}, {whose} minimum for re-networking a {} {}",
                    id.firmware, id.manufacturer, id.model
                ),
            )
            .with_help(
                "update the firmware as the manufacturer's instructions say, then resume this \
                 session",
            ));
        }
    }
    Ok(true)
}

/// Read the SIM when the profile can; `None` when the station has no modem or the port cannot
/// reach it (said to the installer).
pub(super) fn read_sim(s: &mut Session) -> Result<Option<SimStatus>> {
    let p = profile(s)?;
    let modem = p.sim.as_ref().is_some_and(|m| m.modem);
    if !modem {
        return Ok(None);
    }
    if !p.scripted("read_sim") {
        return Ok(None);
    }
    let st = s.station()?.read_sim();
    s.flush_traffic()?;
    st.map(Some)
}

/// Whether the station has a cellular modem, per its profile.
pub(super) fn has_modem(s: &mut Session) -> Result<bool> {
    let p = profile(s)?;
    if !p.sim.as_ref().is_some_and(|m| m.modem) {
        return Ok(false);
    }
    // A model that lists its connectivity without `cellular` has no modem (Pulsar Plus: Wi-Fi).
    let model = s
        .facts
        .get("station.identity")
        .and_then(|v| v.get("model"))
        .and_then(|m| m.as_str())
        .and_then(|m| p.model(m));
    Ok(model.is_none_or(|m| {
        m.connectivity.is_empty() || m.connectivity.iter().any(|c| c == "cellular")
    }))
}

/// Fill `{name}` placeholders of a guided instruction.
pub fn fill(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = text.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Phase 5: write the OCPP settings and prove they took (read back), then restart; or, for
/// vendors configured in their own app, show the exact values and ask for confirmation.
pub(super) fn commission(s: &mut Session, want: &OcppSettings) -> Result<&'static str> {
    let p = profile(s)?;
    // The commonest real failures, caught before anything is written.
    let clock = if p.scripted("read_clock") {
        let v = s.station()?.read_clock();
        s.flush_traffic()?;
        v?
    } else {
        None
    };
    let findings = crate::station::lint::lint(want, 0, &p, clock.as_deref(), chrono::Utc::now());
    if !findings.is_empty() {
        s.fact("commission.lint", json!(findings))?;
    }
    for f in &findings {
        s.notify(
            Level::Warning,
            format!("{}: {} ({})", f.level, f.message, f.help),
        );
    }
    if let Some(f) = findings
        .iter()
        .find(|f| f.level == crate::station::lint::Level::Error)
    {
        return Err(Error::validation(
            crate::station::lint::E_OCPP_LINT,
            format!("OCPP settings not written: {}", f.message),
        )
        .with_help(format!(
            "{}; correct it with --ocpp-url / --charge-box-id (or at the station), then resume",
            f.help
        )));
    }
    if let Some(g) = p.guided("write_ocpp").cloned() {
        let mut values = BTreeMap::new();
        values.insert("url".to_string(), want.url.clone());
        values.insert("charge_box_id".to_string(), want.charge_box_id.clone());
        s.notify(Level::Info, g.title.clone());
        for (i, line) in g.instructions.iter().enumerate() {
            s.notify(Level::Info, format!("  {}. {}", i + 1, fill(line, &values)));
        }
        s.fact(
            "commission.guided",
            json!({ "vendor": p.vendor.id, "title": g.title, "instructions": g.instructions.iter().map(|l| fill(l, &values)).collect::<Vec<_>>() }),
        )?;
        s.confirm(
            "commission.guided_done",
            Some(format!(
                "{} (URL {}, identity {})",
                g.confirm, want.url, want.charge_box_id
            )),
            "enter the OCPP settings in the manufacturer's app as shown, then resume",
        )?;
        if let Some(rig) = s.demo.as_ref() {
            rig.enter_ocpp_in_app(&want.url, &want.charge_box_id);
        }
        if !g.proof.is_empty() {
            s.notify(Level::Info, g.proof.clone());
        }
        return Ok("guided");
    }
    s.notify(
        Level::Info,
        crate::t!(
            "steps.writing_ocpp",
            url = want.url,
            id = want.charge_box_id
        ),
    );
    let r = s.station()?.write_ocpp(want);
    s.flush_traffic()?;
    r?;
    if p.scripted("read_ocpp") {
        let got = s.station()?.read_ocpp();
        s.flush_traffic()?;
        let got = got?;
        if &got != want {
            return Err(Error::station(
                "E_READBACK",
                format!("the station kept url `{}` id `{}` after writing url `{}` id `{}`", got.url, got.charge_box_id, want.url, want.charge_box_id),
            )
            .with_help("the station did not store the settings; check its manual for a write protection, then resume"));
        }
        s.notify(Level::Success, crate::t!("steps.ocpp_read_back"));
    }
    let reboot = p.ocpp.as_ref().is_none_or(|o| o.reboot_after_write) && p.scripted("reboot");
    if reboot {
        let r = s.station()?.reboot();
        s.flush_traffic()?;
        r?;
        let boot_wait = Duration::from_secs(if s.is_demo() { 10 } else { 120 });
        let r = s.station()?.wait_ready(boot_wait);
        s.flush_traffic()?;
        r?;
        s.event(
            "action_done",
            json!({ "action": "commission.reboot", "result": {} }),
        )?;
        s.notify(Level::Success, crate::t!("steps.restarted"));
    }
    Ok("scripted")
}

/// Phase 8: the station's own errors, when the port can read them.
pub(super) fn read_errors(s: &mut Session) -> Result<Option<Vec<String>>> {
    let p = profile(s)?;
    if !p.scripted("read_errors") {
        return Ok(None);
    }
    let errors = s.station()?.read_errors();
    s.flush_traffic()?;
    errors.map(Some)
}
