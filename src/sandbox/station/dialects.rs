//! The protocols the simulated station speaks, one per shipped vendor profile with a service
//! port: the evfield console (docs/station-console.md), OpenEVSE RAPI, a 3GPP TS 27.007 modem
//! (AT commands) and the ChargeStorm EVA service console as modelled in vendors/chargestorm-eva.toml.

use serde::{Deserialize, Serialize};

use super::SimState;
use crate::station::rapi;

/// Which protocol the simulator serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// The evfield line console (vendor profile `evfield-sim`).
    #[default]
    Console,
    /// OpenEVSE RAPI (vendor profile `openevse`).
    Rapi,
    /// A bare cellular modem on its AT port (vendor profile `generic-modem`).
    Modem,
    /// ChargeStorm EVA service console (vendor profile `chargestorm-eva`).
    Eva,
    /// ABB Terra AC: Modbus RTU on the pty and Modbus TCP (vendor profile `abb-terra-ac`).
    Abb,
    /// Bender CC612/CC613 charge controller: Modbus TCP (vendor profile `bender-cc613`).
    Bender,
    /// Vestel EVC04: Modbus TCP (vendor profile `vestel-evc04`).
    Vestel,
    /// Phoenix Contact EV Charge Control: Modbus TCP (`phoenix-ev-charge-control`).
    Phoenix,
    /// go-e Charger: HTTP API v2 (vendor profile `go-e`).
    GoE,
    /// KEBA KeContact P30: UDP reports (vendor profile `keba-p30`).
    Keba,
}

/// How the simulator serves a dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Text lines on the pseudo-terminal.
    Lines,
    /// Modbus RTU on the pseudo-terminal, and Modbus TCP on 127.0.0.1.
    ModbusRtu,
    /// Modbus TCP on 127.0.0.1.
    ModbusTcp,
    /// HTTP on 127.0.0.1.
    Http,
    /// UDP on 127.0.0.1.
    Udp,
}

impl Dialect {
    /// The simulator's dialect for a vendor profile id.
    pub fn for_vendor(id: &str) -> Option<Dialect> {
        Some(match id {
            "evfield-sim" => Dialect::Console,
            "openevse" => Dialect::Rapi,
            "generic-modem" => Dialect::Modem,
            "chargestorm-eva" => Dialect::Eva,
            "abb-terra-ac" => Dialect::Abb,
            "bender-cc613" => Dialect::Bender,
            "vestel-evc04" => Dialect::Vestel,
            "phoenix-ev-charge-control" => Dialect::Phoenix,
            "go-e" => Dialect::GoE,
            "keba-p30" => Dialect::Keba,
            _ => return None,
        })
    }

    pub fn vendor_id(self) -> &'static str {
        match self {
            Dialect::Console => "evfield-sim",
            Dialect::Rapi => "openevse",
            Dialect::Modem => "generic-modem",
            Dialect::Eva => "chargestorm-eva",
            Dialect::Abb => "abb-terra-ac",
            Dialect::Bender => "bender-cc613",
            Dialect::Vestel => "vestel-evc04",
            Dialect::Phoenix => "phoenix-ev-charge-control",
            Dialect::GoE => "go-e",
            Dialect::Keba => "keba-p30",
        }
    }

    /// Every vendor id the simulator plays.
    pub const ALL: [Dialect; 10] = [
        Dialect::Console,
        Dialect::Rapi,
        Dialect::Modem,
        Dialect::Eva,
        Dialect::Abb,
        Dialect::Bender,
        Dialect::Vestel,
        Dialect::Phoenix,
        Dialect::GoE,
        Dialect::Keba,
    ];

    /// How the simulator serves this dialect.
    pub fn service(self) -> Service {
        match self {
            Dialect::Console | Dialect::Rapi | Dialect::Modem | Dialect::Eva => Service::Lines,
            Dialect::Abb => Service::ModbusRtu,
            Dialect::Bender | Dialect::Vestel | Dialect::Phoenix => Service::ModbusTcp,
            Dialect::GoE => Service::Http,
            Dialect::Keba => Service::Udp,
        }
    }

    /// What ends a reply line.
    pub fn line_end(self) -> &'static str {
        match self {
            Dialect::Rapi => "\r",
            _ => "\r\n",
        }
    }

    /// The state of a new station of this kind.
    pub fn default_state(self) -> SimState {
        let base = SimState::default();
        match self {
            Dialect::Console => base,
            Dialect::Rapi => SimState {
                manufacturer: "OpenEVSE".into(),
                model: "OpenEVSE".into(),
                serial: "OPNEVS1E95A0C3".into(),
                mac: "24:0A:C4:11:22:33".into(),
                firmware: "8.2.1".into(),
                iccid: None,
                registration: 0,
                rssi_dbm: None,
                apn: None,
                ..base
            },
            Dialect::Modem => SimState {
                manufacturer: "Evfield".into(),
                model: "SimModem LTE".into(),
                serial: "356938035643809".into(),
                mac: String::new(),
                firmware: "SIMMODEM_R01A03".into(),
                ..base
            },
            Dialect::Eva => SimState {
                manufacturer: "ChargeStorm AB".into(),
                model: "EVA".into(),
                serial: "000003586".into(),
                mac: "00:1E:C0:3A:4B:5C".into(),
                firmware: "ccu_R3.6.13-0-g6cb0".into(),
                // The values of seed 003's OCPP configuration table (Bild 20; the fixture
                // tests/fixtures/vendors/chargestorm-eva/ocpp-configuration.tsv); the URL and
                // the identity are the station's own keys `endpoint` and `chargeboxidentity`.
                config: [
                    ("HeartbeatInterval", "240"),
                    ("ConnectionTimeOut", "180"),
                    ("AuthorizationCacheEnabled", "1"),
                    ("AuthCacheLifeTime", "2592000"),
                    ("ClockAlignedDataInterval", "0"),
                    ("ocpp.url_key", "endpoint"),
                    ("ocpp.identity_key", "chargeboxidentity"),
                    ("ocpp.key.debug/soap", "0"),
                    ("ocpp.key.development/mobilenetworkinfo", "0"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
                ..base
            },
            Dialect::Abb => SimState {
                manufacturer: "ABB".into(),
                model: "Terra AC".into(),
                serial: "TACW22-3-0723-T0045".into(),
                mac: "00:0C:C6:5A:10:22".into(),
                firmware: "v1.7.12".into(),
                evse_state: 0,
                ..network_station(base)
            },
            Dialect::Bender => SimState {
                manufacturer: "Bender".into(),
                model: "CC612_2S0R".into(),
                serial: "BE2204-0133".into(),
                mac: "00:1B:3F:20:11:02".into(),
                firmware: "5.32".into(),
                // Control pilot state A (no vehicle).
                evse_state: 1,
                ..network_station(base)
            },
            Dialect::Vestel => SimState {
                manufacturer: "Vestel".into(),
                model: "EVC04".into(),
                serial: "EVC04-2203-001234".into(),
                mac: "70:B3:D5:9C:40:12".into(),
                firmware: "v3.156.0".into(),
                // Charge point state 0: Available.
                evse_state: 0,
                ..network_station(base)
            },
            Dialect::Phoenix => SimState {
                manufacturer: "Phoenix Contact".into(),
                model: "EV Charge Control".into(),
                serial: "1407612-0042".into(),
                mac: "00:A0:45:12:34:56".into(),
                firmware: "4.40".into(),
                ..network_station(base)
            },
            Dialect::GoE => SimState {
                manufacturer: "go-e".into(),
                model: "go-eCharger".into(),
                serial: "204567".into(),
                mac: "C4:5B:BE:12:34:56".into(),
                firmware: "056.2".into(),
                // carState 1: idle.
                evse_state: 1,
                ..network_station(base)
            },
            Dialect::Keba => SimState {
                manufacturer: "KEBA".into(),
                model: "KC-P30-EC240422-E00".into(),
                serial: "16314582".into(),
                mac: "00:60:B5:12:34:56".into(),
                firmware: "P30 v 3.10.57 (240521-093236)".into(),
                // State 2: ready for charging.
                evse_state: 2,
                ..network_station(base)
            },
        }
    }

    /// The line a station sends when it has (re)started, if it sends one.
    pub fn banner(self, s: &SimState) -> Option<String> {
        match self {
            Dialect::Console => {
                let fields = crate::station::console::format_ok(&[
                    ("manufacturer", &s.manufacturer),
                    ("model", &s.model),
                    ("serial", &s.serial),
                    ("firmware", &s.firmware),
                ]);
                Some(format!("BOOT{}", &fields[2..]))
            }
            Dialect::Rapi => Some(rapi::with_checksum(&format!("$AB 00 {}", s.firmware))),
            Dialect::Modem => Some("RDY".into()),
            Dialect::Eva => Some(format!("CCU started, firmware {}", s.firmware)),
            _ => None,
        }
    }
}

/// A station on the local network without a cellular modem.
fn network_station(base: SimState) -> SimState {
    SimState {
        iccid: None,
        registration: 0,
        rssi_dbm: None,
        apn: None,
        operator: None,
        lac: None,
        cell: None,
        ..base
    }
}

/// What a command asks the console to do after its reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Nothing,
    Reboot,
}

/// Carry out one command line; returns the reply lines (no terminators).
pub fn execute(d: Dialect, state: &mut SimState, line: &str) -> (Vec<String>, After) {
    match d {
        Dialect::Console => {
            let (reply, after) = super::execute(state, line);
            (vec![reply], after)
        }
        Dialect::Rapi => rapi_execute(state, line),
        Dialect::Modem => (modem_execute(state, line), After::Nothing),
        Dialect::Eva => eva_execute(state, line),
        // Not line protocols: served by `services`.
        _ => (Vec::new(), After::Nothing),
    }
}

/// The station's clock: now, shifted by the state's offset.
fn clock(state: &SimState) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() + chrono::Duration::seconds(state.clock_offset_s)
}

fn rapi_execute(state: &mut SimState, line: &str) -> (Vec<String>, After) {
    let ok = |body: &str| vec![rapi::with_checksum(body)];
    let cmd = match rapi::parse_command(line) {
        Ok(c) => c,
        // Bad frames and bad checksums are refused, as the firmware does.
        Err(_) => return (ok("$NK"), After::Nothing),
    };
    let reply = match cmd.code.as_str() {
        "GV" => format!("$OK {} 5.2.1", state.firmware),
        // The firmware writes a space before the MCU id and `response` another after `$OK`.
        "GI" => format!("$OK  {}", state.serial),
        // `%02x`: state codes in lower-case hex (`0a`, `fe`).
        "GS" => format!(
            "$OK {:02x} 0 {:02x} 0000",
            state.evse_state, state.evse_state
        ),
        "GE" => "$OK 32 0000".into(),
        "GF" => "$OK 0 0 0".into(),
        "GT" => {
            let t = clock(state);
            use chrono::{Datelike, Timelike};
            format!(
                "$OK {} {} {} {} {} {}",
                t.year() % 100,
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        }
        "FF" if cmd.args.len() == 2 && cmd.args[0].eq_ignore_ascii_case("E") => {
            state.echo = cmd.args[1] == "1";
            "$OK".into()
        }
        // The firmware restarts (watchdog) inside the command: no `$OK` ever comes, only the
        // `$AB` boot notification once it is up again.
        "FR" => return (Vec::new(), After::Reboot),
        _ => "$NK".into(),
    };
    (ok(&reply), After::Nothing)
}

/// `AT+CSQ` rssi code for a level in dBm (TS 27.007: 0 ≤ -113, 31 ≥ -51, 99 unknown).
pub fn dbm_to_csq(dbm: Option<i32>) -> u8 {
    match dbm {
        None => 99,
        Some(d) => ((d + 113) / 2).clamp(0, 31) as u8,
    }
}

fn modem_execute(state: &mut SimState, line: &str) -> Vec<String> {
    let cmd = line.trim();
    let upper = cmd.to_ascii_uppercase();
    let ok = |mut lines: Vec<String>| {
        lines.push("OK".into());
        lines
    };
    let no_sim = || vec!["+CME ERROR: 10".to_string()];
    if !upper.starts_with("AT") {
        return vec!["ERROR".into()];
    }
    match upper.as_str() {
        "AT" => ok(vec![]),
        "ATE0" => {
            state.echo = false;
            ok(vec![])
        }
        "ATE1" => {
            state.echo = true;
            ok(vec![])
        }
        "ATI" => ok(vec![
            state.manufacturer.clone(),
            state.model.clone(),
            format!("Revision: {}", state.firmware),
        ]),
        "AT+CGSN" => ok(vec![state.serial.clone()]),
        // TS 27.007 5.1-5.3: the bare texts
        "AT+CGMI" => ok(vec![state.manufacturer.clone()]),
        "AT+CGMM" => ok(vec![state.model.clone()]),
        "AT+CGMR" => ok(vec![state.firmware.clone()]),
        "AT+CFUN?" => ok(vec![format!(
            "+CFUN: {}",
            state
                .config
                .get("modem.cfun")
                .map(String::as_str)
                .unwrap_or("1")
        )]),
        "AT+CPIN?" => match &state.iccid {
            None => no_sim(),
            Some(_) => ok(vec![format!("+CPIN: {}", state.sim_pin)]),
        },
        "AT+CCID"
        | "AT+CCID?"
        | "AT+ICCID"
        | "AT+QCCID"
        | "AT+CICCID"
        | "AT!ICCID?"
        | "AT^ICCID?"
        | "AT+CRSM=176,12258,0,0,10" => match (&state.iccid, iccid_reply(state, &upper)) {
            (None, _) => no_sim(),
            (Some(_), Some(line)) => ok(vec![line]),
            (Some(_), None) => vec!["ERROR".into()],
        },
        "AT+CSQ" => ok(vec![format!("+CSQ: {},99", dbm_to_csq(state.rssi_dbm))]),
        // an LTE modem: no 5G; its GPRS registration follows the LTE one (no location)
        "AT+C5GREG?" => vec!["ERROR".into()],
        "AT+CGREG?" => {
            let stat = if state.iccid.is_none() {
                0
            } else {
                state.registration
            };
            ok(vec![format!("+CGREG: 0,{stat}")])
        }
        "AT+CREG?" | "AT+CEREG?" => {
            let name = if upper == "AT+CREG?" { "CREG" } else { "CEREG" };
            let stat = if state.iccid.is_none() {
                0
            } else {
                state.registration
            };
            let line = match (&state.lac, &state.cell) {
                (Some(lac), Some(ci)) if matches!(stat, 1 | 5) => {
                    let tail = if name == "CEREG" { ",7" } else { "" };
                    format!("+{name}: 2,{stat},\"{lac}\",\"{ci}\"{tail}")
                }
                _ => format!("+{name}: 2,{stat}"),
            };
            ok(vec![line])
        }
        "AT+COPS?" => match (&state.operator, matches!(state.registration, 1 | 5)) {
            (Some(op), true) if state.iccid.is_some() => ok(vec![format!("+COPS: 0,0,\"{op}\",7")]),
            _ => ok(vec!["+COPS: 0".into()]),
        },
        "AT+CGDCONT?" => match &state.apn {
            Some(apn) => ok(vec![format!(
                "+CGDCONT: 1,\"IP\",\"{apn}\",\"0.0.0.0\",0,0"
            )]),
            None => ok(vec![]),
        },
        _ => {
            if let Some(rest) = upper.strip_prefix("AT+CGDCONT=") {
                // Keep the case of the APN as written.
                let args = &cmd[cmd.len() - rest.len()..];
                let parts: Vec<&str> = args.splitn(3, ',').collect();
                if parts.len() == 3 && parts[0].trim() == "1" {
                    let apn = parts[2].trim().trim_matches('"');
                    if apn.is_empty() || apn.contains('"') {
                        return vec!["+CME ERROR: 50".into()];
                    }
                    state.apn = Some(apn.to_string());
                    return ok(vec![]);
                }
                return vec!["+CME ERROR: 50".into()];
            }
            vec!["ERROR".into()]
        }
    }
}

/// The simulated modem's maker, for the ICCID command it answers (the state's `modem.maker`):
/// the reply forms of the makers' AT manuals (tests/fixtures/vendors/generic-modem/iccid.tsv).
fn iccid_reply(state: &SimState, command: &str) -> Option<String> {
    let iccid = state.iccid.as_deref()?;
    let maker = state
        .config
        .get("modem.maker")
        .map(String::as_str)
        .unwrap_or("u-blox");
    let line = match (maker, command) {
        // a modem that gives its ICCID to no command (a test of the check's verdict)
        ("none", _) => return None,
        // every 27.007 modem: READ BINARY of EF_ICCID, status 144,0 (90 00), the SIM's bytes
        (_, "AT+CRSM=176,12258,0,0,10") => format!("+CRSM: 144,0,\"{}\"", swapped(iccid)),
        ("u-blox", "AT+CCID") => format!("+CCID: {iccid}"),
        ("quectel", "AT+QCCID") => format!("+QCCID: {iccid}"),
        ("simcom", "AT+CICCID") => format!("+ICCID: {iccid}"),
        ("sierra", "AT!ICCID?") => format!("!ICCID: {iccid}"),
        ("huawei", "AT^ICCID?") => format!("^ICCID: {}", swapped(iccid)),
        _ => return None,
    };
    Some(line)
}

/// An ICCID as the SIM stores it (EF_ICCID): padded with F to 20 digits, the two digits of each
/// byte swapped.
pub fn swapped(iccid: &str) -> String {
    let mut padded = iccid.to_string();
    while padded.len() < 20 {
        padded.push('F');
    }
    padded
        .as_bytes()
        .chunks(2)
        .flat_map(|pair| pair.iter().rev().map(|b| *b as char))
        .collect()
}

/// Where the simulated station keeps its OCPP authorization key (in its configuration, never
/// shown: the key is write-only).
pub const AUTHORIZATION_KEY: &str = "AuthorizationKey";
/// The OCPP 1.6 security whitepaper's `SecurityProfile` configuration key.
pub const SECURITY_PROFILE: &str = "SecurityProfile";

/// The station's OCPP security profile (0 when never set).
pub fn security_profile(state: &SimState) -> u8 {
    state
        .config
        .get(SECURITY_PROFILE)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// `setconf` of the security keys, modelled on the OCPP 1.6 Security Whitepaper (edition 2):
/// the authorization key is write-only and at least 16 characters (we also cap it at 40, as
/// OCPP 2.0.1's BasicAuthPassword); the security profile can only be raised, and profiles 1 and
/// 2 need the key first; 3 needs a client certificate, which this station does not have.
fn eva_set_security(state: &mut SimState, key: &str, value: &str) -> Option<Vec<String>> {
    let refuse = |why: String| Some(vec![format!("ERROR {why}")]);
    match key {
        AUTHORIZATION_KEY => {
            let n = value.chars().count();
            if !(16..=40).contains(&n) {
                return refuse(format!(
                    "{AUTHORIZATION_KEY} must be 16 to 40 characters, got {n}"
                ));
            }
            if value.chars().any(|c| !c.is_ascii_graphic()) {
                return refuse(format!(
                    "{AUTHORIZATION_KEY} must be printable ASCII without spaces"
                ));
            }
            state
                .config
                .insert(AUTHORIZATION_KEY.to_string(), value.to_string());
            Some(vec!["OK".into()])
        }
        SECURITY_PROFILE => {
            let now = security_profile(state);
            let Ok(want) = value.parse::<u8>() else {
                return refuse(format!("{SECURITY_PROFILE} must be 0, 1, 2 or 3"));
            };
            if want > 3 {
                return refuse(format!("{SECURITY_PROFILE} must be 0, 1, 2 or 3"));
            }
            if want < now {
                return refuse(format!(
                    "{SECURITY_PROFILE} cannot be lowered (it is {now})"
                ));
            }
            if want == 3 {
                return refuse(format!(
                    "{SECURITY_PROFILE} 3 needs a client certificate; none is installed"
                ));
            }
            if want >= 1 && !state.config.contains_key(AUTHORIZATION_KEY) {
                return refuse(format!(
                    "{SECURITY_PROFILE} {want} needs an {AUTHORIZATION_KEY} first"
                ));
            }
            state
                .config
                .insert(SECURITY_PROFILE.to_string(), want.to_string());
            Some(vec!["OK".into()])
        }
        _ => None,
    }
}

/// The EVA console's OCPP configuration keys and their values.
fn eva_get(state: &SimState, key: &str) -> Option<String> {
    Some(match key {
        SECURITY_PROFILE => security_profile(state).to_string(),
        AUTHORIZATION_KEY => if state.config.contains_key(AUTHORIZATION_KEY) {
            "<set>"
        } else {
            "<not set>"
        }
        .to_string(),
        "endpoint" => state.ocpp_url.clone().unwrap_or_default(),
        "chargeboxidentity" => state.charge_box_id.clone().unwrap_or_default(),
        "FirmwareVersion" => state.firmware.clone(),
        "ChargingStationModel" => state.model.clone(),
        "ChargingStationVendor" => state.manufacturer.clone(),
        other => state.config.get(other)?.clone(),
    })
}

fn eva_execute(state: &mut SimState, line: &str) -> (Vec<String>, After) {
    let mut words = line.split_whitespace();
    let cmd = words.next().unwrap_or_default().to_ascii_lowercase();
    let rest: Vec<&str> = words.collect();
    let lines = match (cmd.as_str(), rest.as_slice()) {
        ("sysinfo", []) => vec![
            format!("vendor: {}", state.manufacturer),
            format!("model: {}", state.model),
            format!("serial: {}", state.serial),
            format!("mac: {}", state.mac),
            format!("firmware: {}", state.firmware),
            "OK".into(),
        ],
        ("getconf", [key]) => match eva_get(state, key) {
            Some(v) => vec![format!("{key} = {v}"), "OK".into()],
            None => vec![format!("ERROR unknown key {key}")],
        },
        ("setconf", [key, value @ ..]) => {
            let value = value.join(" ");
            if let Some(reply) = eva_set_security(state, key, &value) {
                return (reply, After::Nothing);
            }
            match *key {
                "endpoint" => {
                    // OCPP 1.5 SOAP endpoints are http(s); 1.6 JSON ones ws(s).
                    let soap = value.starts_with("http://") || value.starts_with("https://");
                    match (soap, super::check_url(&value)) {
                        (false, Err(e)) => vec![format!("ERROR {e}")],
                        _ => {
                            state.ocpp_url = Some(value);
                            vec!["OK".into()]
                        }
                    }
                }
                "chargeboxidentity" => match super::check_id(&value) {
                    Err(e) => vec![format!("ERROR {e}")],
                    Ok(()) => {
                        state.charge_box_id = Some(value);
                        vec!["OK".into()]
                    }
                },
                "FirmwareVersion" | "ChargingStationModel" | "ChargingStationVendor" => {
                    vec![format!("ERROR {key} is read-only")]
                }
                other if state.config.contains_key(other) => {
                    state.config.insert(other.to_string(), value);
                    vec!["OK".into()]
                }
                other => vec![format!("ERROR unknown key {other}")],
            }
        }
        ("alarms", []) => {
            let mut l: Vec<String> = state.errors.iter().map(|e| format!("alarm: {e}")).collect();
            l.push("OK".into());
            l
        }
        ("clock", []) => vec![
            format!("clock: {}", clock(state).format("%Y-%m-%dT%H:%M:%SZ")),
            "OK".into(),
        ],
        ("reboot", []) => return (vec!["OK".into()], After::Reboot),
        _ => vec![format!("ERROR unknown command {cmd}")],
    };
    (lines, After::Nothing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rapi_answers_with_checksums() {
        let mut s = Dialect::Rapi.default_state();
        let (r, _) = execute(Dialect::Rapi, &mut s, &rapi::with_checksum("$GV"));
        assert_eq!(r, vec![rapi::with_checksum("$OK 8.2.1 5.2.1")]);
        let (r, _) = execute(Dialect::Rapi, &mut s, "$GV^00");
        assert_eq!(r, vec![rapi::with_checksum("$NK")]);
        s.evse_state = 0x0A;
        let (r, _) = execute(Dialect::Rapi, &mut s, "$GS");
        assert_eq!(r, vec![rapi::with_checksum("$OK 0a 0 0a 0000")]);
        let (r, after) = execute(Dialect::Rapi, &mut s, "$FR");
        assert_eq!(after, After::Reboot);
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn modem_answers_27007() {
        let mut s = Dialect::Modem.default_state();
        assert_eq!(
            modem_execute(&mut s, "AT+CPIN?"),
            vec!["+CPIN: READY", "OK"]
        );
        assert_eq!(modem_execute(&mut s, "at+csq"), vec!["+CSQ: 21,99", "OK"]);
        assert_eq!(
            modem_execute(&mut s, "AT+CGDCONT=1,\"IP\",\"iot.Net\""),
            vec!["OK"]
        );
        assert_eq!(s.apn.as_deref(), Some("iot.Net"));
        s.iccid = None;
        assert_eq!(modem_execute(&mut s, "AT+CCID"), vec!["+CME ERROR: 10"]);
        assert_eq!(modem_execute(&mut s, "AT+FOO"), vec!["ERROR"]);
        assert_eq!(dbm_to_csq(None), 99);
        assert_eq!(dbm_to_csq(Some(-120)), 0);
        assert_eq!(dbm_to_csq(Some(-40)), 31);
    }
}
