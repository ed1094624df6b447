//! `evfield station info` and `evfield station ocpp get|set`: the station over its service port,
//! driven by its vendor profile.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::station::profile::{Profile, Registry};
use crate::station::profiled::ProfileDriver;
use crate::station::{OcppSettings, StationDriver};
use crate::station::{link, lint, security};
use crate::{Error, Result};

/// Which station: its port and its vendor profile.
#[derive(Debug, Args)]
pub struct Target {
    /// Service port (a device path; a pseudo-terminal path is accepted as given). Default: the
    /// remembered port, or the one port whose USB id a profile knows (`evfield ports`).
    #[arg(long, env = "EVFIELD_PORT")]
    pub port: Option<String>,
    /// The station's network address, for stations reached over Modbus TCP, HTTP or UDP on
    /// their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the
    /// profile's usual one. For Modbus profiles it chooses Modbus TCP over RTU.
    #[arg(long, env = "EVFIELD_ADDRESS", value_name = "HOST[:PORT]")]
    pub address: Option<String>,
    /// Modbus unit id (slave address) when the station does not use its profile's.
    #[arg(long, value_name = "N")]
    pub unit_id: Option<u8>,
    /// Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches
    /// the port.
    #[arg(long, env = "EVFIELD_VENDOR")]
    pub vendor: Option<String>,
    /// A value the station cannot report over its port, as VAR=VALUE (e.g. `--given
    /// mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable.
    #[arg(long = "given", value_name = "VAR=VALUE")]
    pub given: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StationArgs {
    #[command(subcommand)]
    pub command: StationCommand,
}

#[derive(Debug, Subcommand)]
pub enum StationCommand {
    /// Identity, firmware against the manufacturer's minimum, state, OCPP settings and errors.
    Info(InfoArgs),
    /// Read or write the station's OCPP settings.
    Ocpp(OcppArgs),
    /// The station's OCPP connection as the network sees it: connecting, connected or error.
    Status(super::station_status::StatusArgs),
}

#[derive(Debug, Args)]
pub struct InfoArgs {
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, Args)]
pub struct OcppArgs {
    #[command(subcommand)]
    pub command: OcppCommand,
}

#[derive(Debug, Subcommand)]
pub enum OcppCommand {
    /// Read the OCPP settings.
    Get(InfoArgs),
    /// Lint, write, read back and compare the OCPP settings, then restart when the profile says so.
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[command(flatten)]
    pub target: Target,
    /// Central-system URL (ws:// or wss://), without the charge box identity.
    #[arg(long)]
    pub url: String,
    /// Charge box identity.
    #[arg(long)]
    pub charge_box_id: String,
    /// OCPP security profile to write (0 none, 1 basic auth, 2 TLS + basic auth, 3 TLS +
    /// client certificate), where the station has one. Not given: left as it is.
    #[arg(long, value_name = "N")]
    pub security_profile: Option<u8>,
    /// Read the authorization key (the HTTP Basic password of profiles 1 and 2) from the first
    /// line of standard input. Without it, EVFIELD_OCPP_AUTH_KEY is used when set. Never give a
    /// key on the command line.
    #[arg(long)]
    pub authorization_key_stdin: bool,
    /// Write even when the lint finds problems (warnings are always shown).
    #[arg(long)]
    pub force: bool,
    /// Do not restart the station after writing.
    #[arg(long)]
    pub no_reboot: bool,
}

pub fn run(ctx: &mut Ctx, args: StationArgs) -> Result<()> {
    match args.command {
        StationCommand::Info(a) => info(ctx, a),
        StationCommand::Ocpp(o) => match o.command {
            OcppCommand::Get(a) => ocpp_get(ctx, a),
            OcppCommand::Set(a) => ocpp_set(ctx, a),
        },
        StationCommand::Status(a) => super::station_status::status(ctx, a),
    }
}

/// Open the station named by `target`: the profile, the port or address, the given values.
pub fn open(ctx: &mut Ctx, target: &Target) -> Result<(ProfileDriver, String)> {
    let reg = Registry::load()?;
    let by_address = match target.vendor.as_deref() {
        Some(v) => reg.get(v)?.by_address(),
        None => false,
    };
    if target.address.is_some() || by_address {
        let vendor = target.vendor.as_deref().ok_or_else(|| {
            Error::usage("E_NO_VENDOR", crate::t!("stn.cli.no_vendor")).with_help(crate::t!(
                "stn.cli.no_vendor_help",
                known = reg.ids().join(", ")
            ))
        })?;
        let profile: Profile = reg.get(vendor)?.clone();
        let where_ = link::Target {
            // a serial profile with a second device (OpenEVSE's WiFi module) takes both
            port: target.port.clone(),
            address: target.address.clone(),
            unit_id: target.unit_id,
            experimental: ctx.global.experimental,
        };
        let mut d = ProfileDriver::open(profile, &where_)?;
        give(&mut d, target)?;
        let name = d.port().unwrap_or_default().to_string();
        return Ok((d, name));
    }
    let choice = super::ports::choose(
        ctx,
        &reg,
        target.port.as_deref().or(ctx.config.port.as_deref()),
        target.vendor.as_deref(),
    )?;
    ctx.out.debug(format!(
        "port {} ({:?}), vendor profile {}",
        choice.port, choice.how, choice.vendor
    ));
    let profile: Profile = reg.get(&choice.vendor)?.clone();
    let where_ = link::Target {
        port: Some(choice.port.clone()),
        address: None,
        unit_id: target.unit_id,
        experimental: ctx.global.experimental,
    };
    let mut d = ProfileDriver::open(profile, &where_)?;
    give(&mut d, target)?;
    if let Err(e) =
        crate::station::discovery::remember(&ctx.data_dir()?, &choice.port, &choice.vendor)
    {
        ctx.out
            .debug(format!("could not remember the port: {}", e.message));
    }
    Ok((d, choice.port))
}

/// One exchange with the station, its service-port traffic shown with `-v` as soon as it is
/// over (masked as the journal has it).
fn traced<T>(
    d: &mut ProfileDriver,
    port: &str,
    f: impl FnOnce(&mut ProfileDriver) -> Result<T>,
) -> Result<T> {
    let r = f(d);
    for t in d.take_traffic() {
        crate::station::trace_traffic(port, &t);
    }
    r
}

/// Hand the `--given VAR=VALUE` values to the driver.
fn give(d: &mut ProfileDriver, target: &Target) -> Result<()> {
    for g in &target.given {
        let (k, v) = g.split_once('=').ok_or_else(|| {
            Error::usage("E_GIVEN", crate::t!("stn.cli.given_bad", given = g))
                .with_help(crate::t!("stn.cli.given_bad_help"))
        })?;
        d.provide(k.trim(), v.trim());
    }
    Ok(())
}

/// What the port cannot tell and was not given: `var` → the profile's question.
fn missing_inputs(d: &ProfileDriver, target: &Target) -> Vec<(String, String)> {
    let given: Vec<&str> = target
        .given
        .iter()
        .filter_map(|g| g.split_once('=').map(|(k, _)| k.trim()))
        .collect();
    d.profile()
        .step("identify")
        .map(|s| {
            s.ask
                .iter()
                .filter(|a| !given.contains(&a.var.as_str()))
                .map(|a| (a.var.clone(), a.prompt.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn info(ctx: &mut Ctx, args: InfoArgs) -> Result<()> {
    let (mut d, port) = open(ctx, &args.target)?;
    d.set_read_only();
    let missing = missing_inputs(&d, &args.target);
    for (var, _) in &missing {
        d.provide(var, "");
    }
    let id = traced(&mut d, &port, |d| d.identify())?;
    let p = d.profile().clone();
    let model = p.model(&id.model);
    let min = model.and_then(|m| m.min_firmware.clone());
    let firmware_ok = match &min {
        Some(m) => Some(p.version_rule().at_least(&id.firmware, m).map_err(|e| {
            Error::validation(
                "E_FIRMWARE_VERSION",
                crate::t!("stn.cli.firmware_compare", why = e),
            )
        })?),
        None => None,
    };
    let none = BTreeMap::new();
    let state = if p.scripted("read_state") {
        let v = traced(&mut d, &port, |d| d.run("read_state", &none))?;
        json!({ "state": v.get("state"), "meaning": v.get("state_text"), "values": details(&v, &["state", "state_text"]) })
    } else {
        Value::Null
    };
    let ocpp = if p.scripted("read_ocpp") {
        json!(traced(&mut d, &port, |d| d.read_ocpp())?)
    } else {
        json!({ "readable": false, "why": crate::t!("stn.cli.ocpp_guided") })
    };
    let errors = if p.scripted("read_errors") {
        json!(traced(&mut d, &port, |d| d.read_errors())?)
    } else {
        Value::Null
    };
    let clock = if p.scripted("read_clock") {
        let v = traced(&mut d, &port, |d| d.run("read_clock", &none))?;
        let raw = v.get("clock").unwrap_or_default().to_string();
        let skew = lint::clock_skew(&raw, chrono::Utc::now()).ok();
        json!({ "raw": raw, "skew_s": skew })
    } else {
        Value::Null
    };
    let mut result = json!({
        "port": port,
        "vendor": p.vendor.id,
        "identity": id,
        "not_read": missing.iter().map(|(v, q)| json!({ "var": v, "question": q })).collect::<Vec<_>>(),
        "firmware": { "version": id.firmware, "manufacturer_minimum": min, "ok": firmware_ok, "rule": p.vendor.version_rule },
        "state": state,
        "ocpp": ocpp,
        "errors": errors,
        "clock": clock,
    });
    if !d.read_as().is_empty() {
        // Only for values whose encoding the sources disagree on (`or` readings).
        result["read_as"] = json!(d.read_as());
    }
    ctx.out.result(&result, |r| {
        let mut t = format!(
            "{}\n  {:<9} {}\n  MAC       {}\n  {:<9} {}",
            crate::t!(
                "stn.cli.info_heading",
                manufacturer = id.manufacturer,
                model = id.model,
                port = port,
                vendor = p.vendor.id
            ),
            crate::t!("stn.cli.label.serial"),
            id.serial,
            if id.mac.is_empty() {
                crate::t!("stn.cli.mac_not_readable")
            } else {
                id.mac.clone()
            },
            crate::t!("stn.cli.label.firmware"),
            id.firmware
        );
        if let (Some(m), Some(ok)) = (&min, firmware_ok) {
            t.push_str(&if ok {
                crate::t!("stn.cli.firmware_meets", min = m)
            } else {
                crate::t!("stn.cli.firmware_below", min = m)
            });
        }
        if let Some(s) = r["state"]["meaning"].as_str() {
            t.push_str(&format!("\n  {:<9} {s}", crate::t!("stn.cli.label.state")));
        }
        if let Some(m) = r["state"]["values"].as_object() {
            for (k, v) in m {
                if let Some(text) = k.strip_suffix("_text") {
                    t.push_str(&format!(
                        "\n  {:<9} {}",
                        text.replace('_', " "),
                        v.as_str().unwrap_or_default()
                    ));
                }
            }
        }
        if let Some(u) = r["ocpp"]["url"].as_str() {
            let none = crate::t!("stn.none");
            t.push_str(&format!(
                "\n  OCPP      {}",
                crate::t!(
                    "stn.cli.ocpp_as",
                    url = if u.is_empty() { none.as_str() } else { u },
                    id = r["ocpp"]["charge_box_id"].as_str().unwrap_or("")
                )
            ));
        }
        if let Some(list) = r["errors"].as_array() {
            let e: Vec<&str> = list.iter().filter_map(|x| x.as_str()).collect();
            t.push_str(&format!(
                "\n  {:<9} {}",
                crate::t!("stn.cli.label.errors"),
                if e.is_empty() {
                    crate::t!("stn.none_word")
                } else {
                    e.join("; ")
                }
            ));
        }
        if let Some(s) = r["clock"]["skew_s"].as_i64() {
            t.push_str(&format!(
                "\n  {:<9} {}",
                crate::t!("stn.cli.label.clock"),
                crate::t!("stn.cli.clock_skew", skew = format!("{s:+}"))
            ));
        }
        for (var, how) in r["read_as"].as_object().into_iter().flatten() {
            t.push_str(&format!(
                "\n  {}",
                crate::t!(
                    "i14.read_as",
                    var = var,
                    reading = how.as_str().unwrap_or("")
                )
            ));
        }
        t
    });
    Ok(())
}

fn ocpp_get(ctx: &mut Ctx, args: InfoArgs) -> Result<()> {
    let (mut d, port) = open(ctx, &args.target)?;
    d.set_read_only();
    if !d.profile().scripted("read_ocpp") {
        return Err(guided_error(d.profile(), false));
    }
    let v = traced(&mut d, &port, |d| d.run("read_ocpp", &BTreeMap::new()))?;
    let url = v.get("url").unwrap_or_default().to_string();
    let id = v.get("charge_box_id").unwrap_or_default().to_string();
    let more = details(&v, &["url", "charge_box_id"]);
    let sec = d.security()?;
    let mut result = json!({ "port": port, "vendor": d.profile().vendor.id, "url": url, "charge_box_id": id, "details": more });
    if let Some(sec) = &sec {
        result["security"] = json!(sec);
    }
    ctx.out.result(&result, |_| {
        let none = crate::t!("stn.none");
        let mut t = format!(
            "{:<14} {}\n{:<14} {}",
            crate::t!("stn.cli.label.url"),
            if url.is_empty() { &none } else { &url },
            crate::t!("stn.cli.label.charge_box_id"),
            if id.is_empty() { &none } else { &id }
        );
        for (k, val) in &more {
            t.push_str(&format!(
                "\n{:<14} {}",
                k.replace('_', " "),
                val.as_str().unwrap_or_default()
            ));
        }
        if let Some(sec) = &sec {
            t.push_str(&format!(
                "\n{:<14} {sec}",
                crate::t!("stn.cli.label.security")
            ));
        }
        t
    });
    Ok(())
}

/// A step's values besides `skip` (and the inputs every step gets), for `--json` and display.
fn details(v: &crate::station::script::Values, skip: &[&str]) -> serde_json::Map<String, Value> {
    v.scalars
        .iter()
        .filter(|(k, _)| {
            !skip.contains(&k.as_str())
                && !matches!(
                    k.as_str(),
                    "mac" | "serial" | "model" | "firmware" | "manufacturer"
                )
        })
        .map(|(k, val)| (k.clone(), json!(val)))
        .collect()
}

fn guided_error(p: &Profile, write: bool) -> Error {
    let mut help = crate::t!("stn.cli.guided_help", vendor = p.vendor.id);
    if let Some(g) = p.guided("write_ocpp") {
        help = format!("{}: {}", g.title, help);
    }
    Error::station(
        crate::station::script::E_NO_STEP,
        if write {
            crate::t!("stn.cli.guided_write", manufacturer = p.vendor.manufacturer)
        } else {
            crate::t!("stn.cli.guided_read", manufacturer = p.vendor.manufacturer)
        },
    )
    .with_help(help)
}

fn ocpp_set(ctx: &mut Ctx, args: SetArgs) -> Result<()> {
    let (mut d, port) = open(ctx, &args.target)?;
    let p = d.profile().clone();
    let want = OcppSettings {
        url: args.url.clone(),
        charge_box_id: args.charge_box_id.clone(),
    };
    let clock = if p.scripted("read_clock") {
        traced(&mut d, &port, |d| d.run("read_clock", &BTreeMap::new()))
            .ok()
            .and_then(|v| v.get("clock").map(str::to_string))
    } else {
        None
    };
    let key = security::key_from(
        args.authorization_key_stdin
            .then_some(&mut std::io::stdin() as &mut dyn std::io::Read),
        std::env::var(security::AUTH_KEY_ENV).ok(),
    )?;
    if let Some((k, src)) = &key
        && !lint::key_characters_ok(k.expose())
    {
        return Err(Error::usage(
            security::E_AUTH_KEY,
            crate::t!("guided.auth_key_characters", from = src),
        )
        .with_help(crate::t!("stn.key_exactly_help")));
    }
    let mut findings = lint::lint(
        &want,
        args.security_profile.unwrap_or(0),
        &p,
        clock.as_deref(),
        chrono::Utc::now(),
    );
    findings.extend(lint::lint_security(
        &want.url,
        args.security_profile,
        key.as_ref().map(|(k, _)| k.len()),
        &p,
    ));
    let refused = findings.iter().any(|f| f.level == lint::Level::Error) && !args.force;
    // when the write is refused, the first error is the error itself: not noted twice
    let first_error = findings.iter().position(|f| f.level == lint::Level::Error);
    for (i, f) in findings.iter().enumerate() {
        if refused && Some(i) == first_error {
            continue;
        }
        ctx.out.note(crate::t!(
            "stn.lint.finding",
            level = f.level,
            message = f.message,
            help = f.help
        ));
    }
    if refused {
        let first = findings
            .iter()
            .find(|f| f.level == lint::Level::Error)
            .expect("checked");
        return Err(Error::validation(
            lint::E_OCPP_LINT,
            crate::t!("stn.lint.not_written", why = first.message),
        )
        .with_help(crate::t!("stn.lint.force_help", help = first.help)));
    }
    if !p.scripted("write_ocpp") {
        return Err(guided_error(&p, true));
    }
    traced(&mut d, &port, |d| d.write_ocpp(&want))?;
    let sec = security::SecurityWrite {
        security_profile: args.security_profile,
        authorization_key: key.as_ref().map(|(k, _)| k.clone()),
    };
    let wrote_security = sec.security_profile.is_some() || sec.authorization_key.is_some();
    if wrote_security {
        traced(&mut d, &port, |d| d.set_security(&sec))?;
    }
    let got = if p.scripted("read_ocpp") {
        let got = traced(&mut d, &port, |d| d.read_ocpp())?;
        if got != want {
            return Err(Error::station(
                "E_READBACK",
                crate::t!(
                    "stn.cli.readback",
                    port = port,
                    got_url = got.url,
                    got_id = got.charge_box_id,
                    url = want.url,
                    id = want.charge_box_id
                ),
            )
            .with_help(crate::t!("stn.cli.readback_help")));
        }
        Some(got)
    } else {
        None
    };
    let sec_got = if wrote_security {
        let got = d.security()?;
        if let Some(g) = &got {
            security::check_read_back(&port, &sec, g)?;
        }
        got
    } else {
        None
    };
    let reboot = !args.no_reboot
        && p.ocpp.as_ref().is_none_or(|o| o.reboot_after_write)
        && p.scripted("reboot");
    if reboot {
        traced(&mut d, &port, |d| d.reboot())?;
        let limit = std::time::Duration::from_secs(120);
        let wait = crate::waits::Wait::new(crate::t!("waits.restart.what"), Some(limit))
            .with_hints(vec![crate::t!("waits.restart.hint")]);
        let waiting = crate::waits::Shown::start(wait, ctx.out.quiet);
        let ready = traced(&mut d, &port, |d| d.wait_ready(limit));
        drop(waiting);
        ready?;
    }
    let security = wrote_security.then(|| {
        json!({
            "security_profile": sec.security_profile,
            "authorization_key": key.as_ref().map(|(_, src)| json!({ "written": true, "from": src })),
            "read_back": sec_got,
        })
    });
    let result = json!({
        "port": port, "vendor": p.vendor.id, "written": want, "read_back": got,
        "matches": got.is_some(), "security": security, "rebooted": reboot, "lint": findings,
    });
    ctx.out.result(&result, |_| {
        let mut t = crate::t!("stn.cli.wrote", url = want.url, id = want.charge_box_id);
        if got.is_some() {
            t.push_str(&crate::t!("stn.cli.wrote_matches"));
        }
        if let Some(sp) = sec.security_profile {
            t.push_str(&crate::t!("stn.cli.wrote_profile", profile = sp));
        }
        if key.is_some() {
            t.push_str(&crate::t!("stn.cli.wrote_key"));
        }
        if let Some(g) = &sec_got {
            t.push_str(&crate::t!("stn.cli.wrote_reports", state = g));
        }
        if reboot {
            t.push_str(&crate::t!("stn.cli.wrote_restarted"));
        }
        t
    });
    Ok(())
}
