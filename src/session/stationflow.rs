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
use crate::station::discovery;
use crate::station::profile::{Profile, Registry, article};
use crate::station::profiled::ProfileDriver;
use crate::station::security::{self, AuthKey, KeySource, SecurityWrite};
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
    // the serial adapter's USB id names it when one station profile knows that adapter (not in
    // the demo, whose rig gives its vendor)
    let read = if s.is_demo() {
        None
    } else {
        super::preflight::vendor_by_adapter(&s.inputs).map(|(v, src)| (v, src.to_string()))
    };
    let id = s.value(
        "station.vendor",
        Ask {
            choices,
            read,
            ..Ask::default()
        },
    )?;
    // A second device (OpenEVSE's WiFi module) is used when its address is given.
    let address = address_given(s);
    let p = reg.get(&id)?.clone().reachable_with(address);
    s.profile = Some(p.clone());
    Ok(p)
}

/// Whether the station's network address is known without asking (journal, flag, answers,
/// demo).
fn address_given(s: &Session) -> bool {
    s.values.contains_key("station.address")
        || super::preflight::given(&s.inputs, "station.address")
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
        let port = port(s, p)?;
        t.port = Some(port.clone());
        // The second device's address (OpenEVSE's WiFi module), when given: never asked.
        if p.http.is_some() && address_given(s) {
            t.address = Some(s.value("station.address", Ask::default())?);
        }
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
    let (mut t, _) = target(s, &p)?;
    if p.service_port.as_ref().is_some_and(|sp| sp.experimental) {
        experimental(s, &p, &mut t)?;
    }
    Ok(Box::new(ProfileDriver::open(p, &t)?))
}

/// A port protocol no source documents: run only with `--experimental`, which the demo passes
/// itself; either way the journal says so.
fn experimental(s: &mut Session, p: &Profile, t: &mut crate::station::link::Target) -> Result<()> {
    let how = if s.inputs.experimental {
        "flag"
    } else if s.is_demo() {
        "demo"
    } else {
        // refused with the error naming the profile and the flag
        return crate::station::link::check_experimental(p, false);
    };
    t.experimental = true;
    let note = if how == "demo" {
        crate::t!("eva.experimental.demo", vendor = p.vendor.id)
    } else {
        crate::t!("eva.experimental.explicit", vendor = p.vendor.id)
    };
    s.notify(Level::Warning, note.clone());
    s.fact(
        "station.experimental",
        json!({ "vendor": p.vendor.id, "by": how, "note": note }),
    )
}

/// The station's port, in the fixed order: the journal, `--port` / `EVFIELD_PORT` / config,
/// the answers file, the demo; then the remembered port (when it still exists) or the one port
/// a profile recognises; then a choice among the candidates (known first) or a typed path in a
/// terminal; with nobody to ask, an error that lists the candidates and says what to pass.
fn port(s: &mut Session, p: &Profile) -> Result<String> {
    const KEY: &str = "station.port";
    let given = s.values.contains_key(KEY)
        || s.inputs.flags.contains_key(KEY)
        || s.inputs.provided.contains_key(KEY)
        || s.inputs
            .answers
            .as_ref()
            .is_some_and(|a| a.get(KEY).is_some());
    if given {
        let port = s.value(KEY, Ask::default())?;
        remember(s, &port, p);
        return Ok(port);
    }
    let reg = Registry::load()?;
    let ports = match discovery::serial_ports(&reg) {
        Ok(list) => list,
        Err(e) if e.code == "E_EXTRA_PORTS" => return Err(e),
        Err(_) => Vec::new(),
    };
    // a port remembered for another vendor's station is not this one's
    let remembered = Some(discovery::remembered(&s.data_dir()))
        .filter(|r| r.vendor.as_deref().is_none_or(|v| v == p.vendor.id))
        .unwrap_or_default();
    // only the ports this vendor's profile recognises count as "the one match"
    let for_vendor: Vec<discovery::PortInfo> = ports
        .iter()
        .filter(|port| {
            port.matches.is_empty() || port.matches.iter().any(|m| m.vendor == p.vendor.id)
        })
        .cloned()
        .collect();
    let picked = discovery::pick(None, &remembered, &for_vendor);
    let port = match picked {
        Some((path, how)) => {
            let source = match how {
                discovery::How::Remembered => "remembered",
                _ => "usb id",
            };
            s.value(
                KEY,
                Ask {
                    read: Some((path, source.into())),
                    ..Ask::default()
                },
            )?
        }
        None if !s.prompter.can_ask() => return Err(discovery::no_port_error(&for_vendor)),
        None => {
            let mut choices: Vec<Choice> = for_vendor
                .iter()
                .map(|port| Choice {
                    id: port.name.clone(),
                    label: port.describe(),
                })
                .collect();
            if !choices.is_empty() {
                // the last entry lets the installer type a path (a pseudo-terminal, a bridge)
                choices.push(Choice {
                    id: String::new(),
                    label: crate::t!("guided.port_other"),
                });
            }
            s.value(
                KEY,
                Ask {
                    choices,
                    ..Ask::default()
                },
            )?
        }
    };
    remember(s, &port, p);
    Ok(port)
}

/// Remember the port of a real station for next time (the demo's pseudo-terminal is not).
fn remember(s: &mut Session, port: &str, p: &Profile) {
    if s.is_demo() {
        return;
    }
    if let Err(e) = discovery::remember(&s.data_dir(), port, &p.vendor.id) {
        s.notify(Level::Info, e.message);
    }
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
                text: Some(a.prompt.to_string()),
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
            crate::t!(
                "stn.flow.article",
                article = decoded.article,
                model = decoded.model,
                features = decoded
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
            crate::t!(
                "stn.flow.firmware_unreadable",
                firmware = id.firmware,
                why = e
            ),
        )
        .with_help(crate::t!(
            "stn.flow.firmware_unreadable_help",
            rule = p.vendor.version_rule
        ))
    };
    // whose minimum: the network's (false) or the manufacturer's (true)
    let mut mins = vec![(req.min_firmware.clone(), false)];
    if let Some(m) = p.model(&id.model).and_then(|m| m.min_firmware.clone()) {
        mins.push((m, true));
    }
    for (min, manufacturers) in &mins {
        if !rule.at_least(&id.firmware, min).map_err(unreadable)? {
            s.fact("precheck.firmware_ok", json!(false))?;
            return Err(Error::blocked(
                "E_FIRMWARE_TOO_OLD",
                if *manufacturers {
                    crate::t!(
                        "stn.flow.firmware_below_manufacturer",
                        firmware = id.firmware,
                        min = min,
                        manufacturer = id.manufacturer,
                        model = id.model
                    )
                } else {
                    crate::t!(
                        "stn.flow.firmware_below_network",
                        firmware = id.firmware,
                        min = min,
                        manufacturer = id.manufacturer,
                        model = id.model
                    )
                },
            )
            .with_help(crate::t!("stn.flow.firmware_update_help")));
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
    // the network's requirements say which OCPP security profile its central system expects
    let sp = s
        .facts
        .get("network.requirements")
        .and_then(|r| serde_json::from_value::<Requirements>(r.clone()).ok())
        .and_then(|r| r.security_profile);
    let guided = p.guided("write_ocpp").is_some();
    let key = match sp {
        Some(n) if !guided => security_key(s, n, &want.charge_box_id)?,
        _ => None,
    };
    let mut findings = crate::station::lint::lint(
        want,
        sp.unwrap_or(0),
        &p,
        clock.as_deref(),
        chrono::Utc::now(),
    );
    if !guided {
        findings.extend(crate::station::lint::lint_security(
            &want.url,
            sp,
            key.as_ref().map(|(k, _)| k.len()),
            &p,
        ));
    }
    if !findings.is_empty() {
        s.fact("commission.lint", json!(findings))?;
    }
    for f in &findings {
        s.notify(
            Level::Warning,
            crate::t!(
                "stn.lint.finding",
                level = f.level,
                message = f.message,
                help = f.help
            ),
        );
    }
    if let Some(f) = findings
        .iter()
        .find(|f| f.level == crate::station::lint::Level::Error)
    {
        let e = Error::validation(
            crate::station::lint::E_OCPP_LINT,
            crate::t!("stn.lint.not_written", why = f.message),
        )
        .with_help(crate::t!("stn.flow.lint_correct_help", help = f.help));
        // the settings come from answers (or the network's rule): they can be corrected
        return Err(s.blame(e, &["commission.ocpp_url", "commission.charge_box_id"]));
    }
    if let Some(g) = p.guided("write_ocpp").cloned() {
        let mut values = BTreeMap::new();
        values.insert("url".to_string(), want.url.clone());
        values.insert("charge_box_id".to_string(), want.charge_box_id.clone());
        s.notify(Level::Info, g.title.to_string());
        for (i, line) in g.instructions.iter().enumerate() {
            s.notify(Level::Info, format!("  {}. {}", i + 1, fill(line, &values)));
        }
        s.fact(
            "commission.guided",
            json!({ "vendor": p.vendor.id, "title": g.title, "instructions": g.instructions.iter().map(|l| fill(l, &values)).collect::<Vec<_>>() }),
        )?;
        s.confirm(
            "commission.guided_done",
            Some(crate::t!(
                "stn.flow.guided_confirm",
                confirm = g.confirm,
                url = want.url,
                id = want.charge_box_id
            )),
            &crate::t!("stn.flow.guided_if_no"),
        )?;
        if let Some(rig) = s.demo.as_ref() {
            rig.guided_done(&p, "write_ocpp", &values)?;
        }
        // a station that restarts by itself after the settings are saved (Wallbox)
        if let Some(r) = p.guided("reboot") {
            s.notify(Level::Info, r.title.to_string());
            for line in r.instructions.iter() {
                s.notify(Level::Info, format!("  {line}"));
            }
        }
        if let Some(n) = sp.filter(|n| *n >= 1) {
            s.notify(
                Level::Warning,
                crate::t!("guided.security_in_app", profile = n),
            );
        }
        if !g.proof.is_empty() {
            s.notify(Level::Info, g.proof.to_string());
        }
        return Ok("guided");
    }
    if p.ocpp.as_ref().and_then(|o| o.probe_keys()).is_some() {
        // the security keys over the port first: the Reset makes the station take them too
        if sp.is_some() {
            write_security(s, sp, key)?;
        }
        let ran = super::probe_step::run(s, &p, want)?;
        if ran && p.scripted("wait_ready") {
            wait_restart(s)?;
        }
        return Ok("probe");
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
    if sp.is_some() {
        write_security(s, sp, key)?;
    }
    if p.scripted("read_ocpp") {
        let got = s.station()?.read_ocpp();
        s.flush_traffic()?;
        let got = got?;
        if &got != want {
            return Err(Error::station(
                "E_READBACK",
                crate::t!(
                    "stn.flow.readback",
                    got_url = got.url,
                    got_id = got.charge_box_id,
                    url = want.url,
                    id = want.charge_box_id
                ),
            )
            .with_help(crate::t!("stn.flow.readback_help")));
        }
        s.notify(Level::Success, crate::t!("steps.ocpp_read_back"));
    }
    let reboot = p.ocpp.as_ref().is_none_or(|o| o.reboot_after_write) && p.scripted("reboot");
    if reboot {
        let r = s.station()?.reboot();
        s.flush_traffic()?;
        r?;
        wait_restart(s)?;
    }
    Ok("scripted")
}

/// Wait for the restarted station's ready sign on its port.
fn wait_restart(s: &mut Session) -> Result<()> {
    let boot_wait = Duration::from_secs(if s.is_demo() { 10 } else { 120 });
    let wait = crate::waits::Wait::new(crate::t!("waits.restart.what"), Some(boot_wait))
        .with_hints(vec![crate::t!("waits.restart.hint")]);
    s.prompter.progress(&crate::waits::Progress::Wait(wait));
    let r = s.station().and_then(|st| st.wait_ready(boot_wait));
    s.prompter.progress(&crate::waits::Progress::Done);
    s.flush_traffic()?;
    r?;
    s.event(
        "action_done",
        json!({ "action": "commission.reboot", "result": {} }),
    )?;
    s.notify(Level::Success, crate::t!("steps.restarted"));
    Ok(())
}

/// The authorization key for security profiles 1 and 2: from `EVFIELD_OCPP_AUTH_KEY`, else
/// asked without echo; never journaled, so a resumed session asks again. Other profiles take none.
fn security_key(
    s: &mut Session,
    profile: u8,
    charge_box_id: &str,
) -> Result<Option<(AuthKey, KeySource)>> {
    if !matches!(profile, 1 | 2) {
        return Ok(None);
    }
    if let Some(found) = security::key_from(None, std::env::var(security::AUTH_KEY_ENV).ok())? {
        return Ok(Some(found));
    }
    if s.prompter.can_ask() {
        let k = s.prompter.ask_secret(&crate::t!(
            "guided.auth_key_prompt",
            id = charge_box_id,
            profile = profile
        ))?;
        return Ok(Some((AuthKey::new(&k), KeySource::Prompt)));
    }
    Err(Error::usage(
        security::E_AUTH_KEY,
        crate::t!("guided.auth_key_missing", profile = profile),
    )
    .with_help(crate::t!(
        "guided.auth_key_missing_help",
        var = security::AUTH_KEY_ENV
    )))
}

/// Write the security settings the network asks for (the key first), read them back, and
/// journal what was done (never the key).
fn write_security(
    s: &mut Session,
    sp: Option<u8>,
    key: Option<(AuthKey, KeySource)>,
) -> Result<()> {
    if let Some((k, src)) = &key
        && !crate::station::lint::key_characters_ok(k.expose())
    {
        return Err(Error::usage(
            security::E_AUTH_KEY,
            crate::t!("guided.auth_key_characters", from = src),
        )
        .with_help(crate::t!(
            "guided.auth_key_missing_help",
            var = security::AUTH_KEY_ENV
        )));
    }
    let source = key.as_ref().map(|(_, src)| *src);
    let w = SecurityWrite {
        security_profile: sp,
        authorization_key: key.map(|(k, _)| k),
    };
    let r = s.station()?.write_security(&w);
    s.flush_traffic()?;
    r?;
    let got = s.station()?.read_security();
    s.flush_traffic()?;
    let got = got?;
    if let Some(g) = &got {
        let port = s.values.get("station.port").cloned().unwrap_or_default();
        security::check_read_back(&port, &w, g)?;
    }
    s.fact(
        "commission.security",
        json!({
            "security_profile": sp,
            "authorization_key": source.map(|src| json!({ "written": true, "from": src })),
            "read_back": got,
        }),
    )?;
    if let Some(n) = sp {
        s.notify(
            Level::Success,
            crate::t!("guided.security_written", profile = n),
        );
    }
    if got.as_ref().and_then(|g| g.authorization_key_set) == Some(true) {
        s.notify(Level::Success, crate::t!("guided.auth_key_written"));
    }
    Ok(())
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
