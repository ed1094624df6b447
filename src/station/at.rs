//! The modem check over AT commands (3GPP TS 27.007): PIN state, ICCID (with its Luhn check),
//! registration (home, roaming, searching, denied, unknown; LAC/TAC and cell id), signal (CSQ:
//! rssi 99 is unknown, not -113 dBm), operator, APN in context 1; and a verdict that says what
//! to try next. The parsers are pure functions over reply lines.

use serde::Serialize;

/// One AT command's reply: information lines, or the error that ended it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AtReply {
    pub lines: Vec<String>,
    /// `ERROR`, `+CME ERROR: 10`, ...
    pub error: Option<String>,
}

impl AtReply {
    /// The `+CME ERROR` number, when the reply is one.
    pub fn cme(&self) -> Option<u16> {
        self.error
            .as_deref()?
            .strip_prefix("+CME ERROR:")
            .and_then(|n| n.trim().parse().ok())
    }
}

/// The value after `+NAME:` in a line (`+CSQ: 21,99` → `21,99`).
fn after<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let l = line.trim();
    let rest = l
        .get(..name.len())
        .filter(|p| p.eq_ignore_ascii_case(name))?;
    let _ = rest;
    l[name.len()..]
        .trim_start()
        .strip_prefix(':')
        .map(str::trim)
}

/// Split a parameter list on commas outside quotes, unquoting.
pub fn params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// PIN state from `AT+CPIN?`.
pub fn parse_cpin(r: &AtReply) -> String {
    match r.cme() {
        Some(10) => return "NOT INSERTED".into(),
        Some(11) => return "SIM PIN".into(),
        Some(12) => return "SIM PUK".into(),
        Some(13) => return "SIM FAILURE".into(),
        Some(14) => return "SIM BUSY".into(),
        Some(15) => return "SIM WRONG".into(),
        _ => {}
    }
    r.lines
        .iter()
        .find_map(|l| after(l, "+CPIN"))
        .map(|v| v.trim_matches('"').to_ascii_uppercase())
        .unwrap_or_else(|| "UNKNOWN".into())
}

/// Whether a number passes the Luhn check (ICCIDs end with a Luhn digit).
pub fn luhn(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = (b - b'0') as u32;
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The commands that read the ICCID, in the order tried: u-blox, SIMCom SIM800 and Telit answer
/// `AT+CCID`; Quectel `AT+QCCID`; SIMCom SIM7x00 `AT+CICCID` (`+ICCID:`); Sierra Wireless
/// `AT!ICCID?`; Huawei `AT^ICCID?` (nibble-swapped); some `AT+ICCID`. Last the one every 27.007
/// modem has: `AT+CRSM` READ BINARY of EF_ICCID (file 2FE2 = 12258, 10 bytes), nibble-swapped.
pub const ICCID_COMMANDS: [&str; 7] = [
    "AT+CCID",
    "AT+QCCID",
    "AT+CICCID",
    "AT!ICCID?",
    "AT^ICCID?",
    "AT+ICCID",
    "AT+CRSM=176,12258,0,0,10",
];

/// The ICCID from any of [`ICCID_COMMANDS`]' replies (`+CCID:`, `+ICCID:`, `+QCCID:`,
/// `!ICCID:`, `^ICCID:`, `ICCID:`, `+CRSM: 144,0,"..."` or a bare number), quoted or not. The
/// SIM's own encoding (EF_ICCID, BCD with the digits of each byte swapped: `98...`) is swapped
/// back; the padding `F` is dropped. Hex digits A-F within the number (some operators' account
/// digits, as in SIMCom's example) are kept, upper-case; such an ICCID has no Luhn check.
pub fn parse_iccid(r: &AtReply) -> Option<String> {
    r.lines.iter().find_map(|l| {
        let l = l.trim();
        let v = if let Some(crsm) = after(l, "+CRSM") {
            // sw1,sw2,"response": 144,0 (90 00) is success
            let p = params(crsm);
            if p.first().map(String::as_str) != Some("144") {
                return None;
            }
            p.get(2)?.clone()
        } else {
            ["+CCID", "+ICCID", "+QCCID", "!ICCID", "^ICCID", "ICCID"]
                .iter()
                .find_map(|p| after(l, p))
                .unwrap_or(l)
                .to_string()
        };
        normalise_iccid(&v)
    })
}

/// Unquote, upper-case, swap a nibble-swapped ICCID back, drop the padding F; `None` when it is
/// no ICCID.
fn normalise_iccid(raw: &str) -> Option<String> {
    let v = raw.trim().trim_matches('"').trim().to_ascii_uppercase();
    if !v.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    // EF_ICCID is 10 bytes, each holding two digits low nibble first: "98" for the 89 prefix
    let v = if v.len() == 20 && v.starts_with("98") {
        v.as_bytes()
            .chunks(2)
            .flat_map(|pair| [pair[1] as char, pair[0] as char])
            .collect::<String>()
    } else {
        v
    };
    let v = v.trim_end_matches('F');
    (v.len() >= 18 && v.len() <= 22 && v.starts_with("89")).then(|| v.to_string())
}

/// `AT+CSQ`: rssi code (0..31, 99 unknown) and the level in dBm.
pub fn parse_csq(r: &AtReply) -> Option<(u8, Option<i32>)> {
    let v = r.lines.iter().find_map(|l| after(l, "+CSQ"))?;
    let rssi: u8 = params(v).first()?.parse().ok()?;
    let dbm = match rssi {
        0..=31 => Some(-113 + 2 * rssi as i32),
        _ => None,
    };
    Some((rssi, dbm))
}

/// Bars (0..4) for a level in dBm; none when the level is unknown (`+CSQ: 99,99` is "not known
/// or not detectable", TS 27.007 8.5: no bars at all, not 0 of 4).
pub fn bars(dbm: Option<i32>) -> Option<u8> {
    Some(match dbm? {
        d if d >= -73 => 4,
        d if d >= -83 => 3,
        d if d >= -93 => 2,
        d if d >= -105 => 1,
        _ => 0,
    })
}

/// Registration from `AT+CREG?`, `AT+CGREG?`, `AT+CEREG?` or `AT+C5GREG?`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// Which command answered: `CREG` (circuit switched), `CGREG` (GPRS/UMTS packet), `CEREG`
    /// (LTE), `C5GREG` (5G).
    pub family: String,
    pub stat: u8,
    /// `home`, `roaming`, `searching`, `denied`, `not_registered`, `unknown`, `emergency_only`,
    /// `sms_only` (registered for SMS only: no data).
    pub state: String,
    /// LAC (CREG) or TAC (CEREG), hex.
    pub area: Option<String>,
    pub cell_id: Option<String>,
}

impl Registration {
    pub fn registered(&self) -> bool {
        matches!(self.state.as_str(), "home" | "roaming")
    }
}

/// Parse `+CREG: <n>,<stat>[,<lac>,<ci>[,<AcT>...]]` (the read command's answer) or the
/// unsolicited `+CREG: <stat>[,<lac>,<ci>[,<AcT>...]]`, the same for `+CGREG`, `+CEREG` and
/// `+C5GREG` (TS 27.007 7.2, 10.1.20, 10.1.22, 10.1.70): any `n` (0-5), spaces, leading zeros,
/// quoted or bare hex area and cell. Of several lines the last one counts (the read command's
/// answer comes last, after any unsolicited code).
pub fn parse_reg(r: &AtReply, name: &str) -> Option<Registration> {
    let v = r.lines.iter().rev().find_map(|l| after(l, name))?;
    let p = params(v);
    let second = v.split(',').nth(1).map(str::trim).unwrap_or_default();
    // The read form has 2 fields or 4 and more, its second one a decimal <stat>; an unsolicited
    // code has 1 or 3 fields, or a quoted or hex area second.
    let stat_at = usize::from(
        p.len() >= 2
            && p.len() != 3
            && !second.starts_with('"')
            && !second.is_empty()
            && second.bytes().all(|b| b.is_ascii_digit()),
    );
    let stat: u8 = p.get(stat_at)?.trim().parse().ok()?;
    // 27.007: 0 not registered, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming, 6/7
    // registered for "SMS only" (home/roaming), 8 emergency bearer services only, 9/10 "CSFB
    // not preferred" (home/roaming: registered), 11 attached for RLOS only
    let state = match stat {
        0 => "not_registered",
        1 | 9 => "home",
        2 => "searching",
        3 => "denied",
        5 | 10 => "roaming",
        6 | 7 => "sms_only",
        8 | 11 => "emergency_only",
        _ => "unknown",
    };
    let area = p.get(stat_at + 1).filter(|s| !s.is_empty()).cloned();
    let cell_id = p.get(stat_at + 2).filter(|s| !s.is_empty()).cloned();
    Some(Registration {
        family: name.trim_start_matches('+').to_string(),
        stat,
        state: state.into(),
        area,
        cell_id,
    })
}

/// Operator and access technology from `AT+COPS?`.
pub fn parse_cops(r: &AtReply) -> Option<(String, Option<String>)> {
    let v = r.lines.iter().find_map(|l| after(l, "+COPS"))?;
    let p = params(v);
    let op = p.get(2).filter(|s| !s.is_empty())?.clone();
    let act = p.get(3).and_then(|a| a.parse::<u8>().ok()).map(|a| {
        match a {
            0 | 1 | 3 => "GSM",
            2 | 4 | 5 | 6 => "UMTS",
            7 => "LTE",
            8 => "EC-GSM-IoT",
            9 => "LTE-M/NB-IoT",
            11 | 12 => "NR",
            13 => "NR",
            _ => "other",
        }
        .to_string()
    });
    Some((op, act))
}

/// The APN of context 1 from `AT+CGDCONT?`.
pub fn parse_apn(r: &AtReply) -> Option<String> {
    r.lines.iter().find_map(|l| {
        let p = params(after(l, "+CGDCONT")?);
        (p.first().map(String::as_str) == Some("1")).then(|| p.get(2).cloned().unwrap_or_default())
    })
}

/// The result of a modem check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModemReport {
    /// `AT+CGMI`, `AT+CGMM`, `AT+CGMR`, `AT+CGSN` (TS 27.007 5.1-5.4): who made the modem, its
    /// model, firmware and IMEI, when it answers.
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub firmware: Option<String>,
    pub imei: Option<String>,
    /// `AT+CFUN?` (27.007 8.2): 1 full functionality; 0 minimum and 4 (radio off) cannot
    /// register.
    pub functionality: Option<u8>,
    pub pin_state: String,
    pub iccid: Option<String>,
    pub iccid_luhn_ok: Option<bool>,
    pub registration: Option<Registration>,
    pub rssi: Option<u8>,
    pub signal_dbm: Option<i32>,
    /// 0 to 4; none when the modem does not know the level (`+CSQ: 99`).
    pub bars: Option<u8>,
    pub operator: Option<String>,
    pub technology: Option<String>,
    pub apn: Option<String>,
    /// `ok`, `no_sim`, `sim_locked`, `sim_failure`, `iccid_bad`, `iccid_unreadable`,
    /// `radio_off`, `denied`, `sms_only`, `no_signal`, `searching`, `weak_signal`,
    /// `apn_missing`, `apn_wrong`.
    pub verdict: String,
    /// The next thing to try.
    pub next: String,
}

/// The text of an identification command's reply (`Quectel`, `+CGMI: Quectel`, `"EC25"`): the
/// first information line, its `+NAME:` prefix and quotes taken off.
pub fn parse_info(r: &AtReply, name: &str) -> Option<String> {
    if r.error.is_some() {
        return None;
    }
    let l = r.lines.iter().map(|l| l.trim()).find(|l| !l.is_empty())?;
    let v = after(l, name).unwrap_or(l).trim().trim_matches('"').trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// `+CFUN: <fun>[,...]`.
pub fn parse_cfun(r: &AtReply) -> Option<u8> {
    let v = r.lines.iter().find_map(|l| after(l, "+CFUN"))?;
    params(v).first()?.parse().ok()
}

/// Run the check with `at` sending one command and returning its reply.
pub fn check<E>(
    mut at: impl FnMut(&str) -> Result<AtReply, E>,
    expected_apn: Option<&str>,
) -> Result<ModemReport, E> {
    let manufacturer = parse_info(&at("AT+CGMI")?, "+CGMI");
    let model = parse_info(&at("AT+CGMM")?, "+CGMM");
    let firmware = parse_info(&at("AT+CGMR")?, "+CGMR");
    let imei = parse_info(&at("AT+CGSN")?, "+CGSN");
    let functionality = parse_cfun(&at("AT+CFUN?")?);
    let pin_state = parse_cpin(&at("AT+CPIN?")?);
    let mut iccid = None;
    if pin_state != "NOT INSERTED" {
        for cmd in ICCID_COMMANDS {
            let r = at(cmd)?;
            if let Some(i) = parse_iccid(&r) {
                iccid = Some(i);
                break;
            }
        }
    }
    let creg = parse_reg(&at("AT+CREG?")?, "+CREG");
    let mut packet = Vec::new();
    for (cmd, name) in [
        ("AT+CEREG?", "+CEREG"),
        ("AT+C5GREG?", "+C5GREG"),
        ("AT+CGREG?", "+CGREG"),
    ] {
        packet.extend(parse_reg(&at(cmd)?, name));
    }
    let registration = registration_of(creg, packet);
    let csq = parse_csq(&at("AT+CSQ")?);
    let cops = parse_cops(&at("AT+COPS?")?);
    let apn = parse_apn(&at("AT+CGDCONT?")?);
    let (rssi, signal_dbm) = match csq {
        Some((r, d)) => (Some(r), d),
        None => (None, None),
    };
    // hex account digits: no Luhn check is defined
    let luhn_ok = iccid
        .as_deref()
        .filter(|i| i.bytes().all(|b| b.is_ascii_digit()))
        .map(luhn);
    let mut report = ModemReport {
        manufacturer,
        model,
        firmware,
        imei,
        functionality,
        pin_state,
        iccid,
        iccid_luhn_ok: luhn_ok,
        registration,
        rssi,
        signal_dbm,
        bars: bars(signal_dbm),
        operator: cops.as_ref().map(|c| c.0.clone()),
        technology: cops.and_then(|c| c.1),
        apn,
        verdict: String::new(),
        next: String::new(),
    };
    let (v, next) = verdict(&report, expected_apn);
    report.verdict = v.into();
    report.next = next;
    Ok(report)
}

/// The registration that says whether the station has data: a registered packet family (LTE,
/// 5G, GPRS/UMTS) wins; else a registered CREG (modems that answer only CREG, or whose packet
/// answer lags); else the first packet family with news (searching, denied), else CREG.
fn registration_of(creg: Option<Registration>, packet: Vec<Registration>) -> Option<Registration> {
    if let Some(r) = packet.iter().find(|r| r.registered()) {
        return Some(r.clone());
    }
    if creg.as_ref().is_some_and(Registration::registered) {
        return creg;
    }
    let news = packet.iter().find(|r| r.stat != 0).cloned();
    news.or(creg).or_else(|| packet.into_iter().next())
}

fn verdict(r: &ModemReport, expected_apn: Option<&str>) -> (&'static str, String) {
    let reg = r.registration.as_ref();
    let weak = r.signal_dbm.is_none_or(|d| d < -105);
    match r.pin_state.as_str() {
        "NOT INSERTED" => return ("no_sim", crate::t!("prof.at.no_sim")),
        "SIM PIN" | "SIM PUK" => {
            return (
                "sim_locked",
                crate::t!(
                    "prof.at.sim_locked",
                    code = if r.pin_state == "SIM PIN" {
                        "PIN"
                    } else {
                        "PUK"
                    }
                ),
            );
        }
        "READY" => {}
        _ => {
            return (
                "sim_failure",
                crate::t!("prof.at.sim_failure", state = r.pin_state),
            );
        }
    }
    if r.iccid_luhn_ok == Some(false) {
        return ("iccid_bad", crate::t!("prof.at.iccid_bad"));
    }
    // the SIM swap is proven by the ICCID: a check that cannot read it is never "ok"
    if r.iccid.is_none() {
        return ("iccid_unreadable", crate::t!("eva.at.iccid_unreadable"));
    }
    if let Some(fun @ (0 | 4)) = r.functionality {
        return ("radio_off", crate::t!("eva.at.radio_off", fun = fun));
    }
    match reg.map(|g| g.state.as_str()) {
        Some("denied") => {
            return (
                "denied",
                crate::t!(
                    "prof.at.denied",
                    iccid = r.iccid.clone().unwrap_or_else(|| crate::t!("text.unknown"))
                ),
            );
        }
        Some("sms_only") => return ("sms_only", crate::t!("eva.at.sms_only")),
        Some("home") | Some("roaming") => {}
        _ if weak => return ("no_signal", crate::t!("prof.at.no_signal")),
        _ => return ("searching", crate::t!("prof.at.searching")),
    }
    if let Some(want) = expected_apn {
        match r.apn.as_deref() {
            None | Some("") => {
                return ("apn_missing", crate::t!("prof.at.apn_missing", want = want));
            }
            Some(a) if !a.eq_ignore_ascii_case(want) => {
                return (
                    "apn_wrong",
                    crate::t!("prof.at.apn_wrong", apn = a, want = want),
                );
            }
            _ => {}
        }
    }
    if weak {
        return ("weak_signal", crate::t!("prof.at.weak_signal"));
    }
    ("ok", crate::t!("prof.at.ok"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(lines: &[&str]) -> AtReply {
        AtReply {
            lines: lines.iter().map(|s| s.to_string()).collect(),
            error: None,
        }
    }
    fn err(e: &str) -> AtReply {
        AtReply {
            lines: vec![],
            error: Some(e.into()),
        }
    }

    #[test]
    fn parses_27007_replies() {
        assert_eq!(parse_cpin(&r(&["+CPIN: READY"])), "READY");
        assert_eq!(parse_cpin(&r(&["+CPIN: SIM PIN"])), "SIM PIN");
        assert_eq!(parse_cpin(&err("+CME ERROR: 10")), "NOT INSERTED");
        assert_eq!(
            parse_iccid(&r(&["+CCID: 8947080000000000015"])).as_deref(),
            Some("8947080000000000015")
        );
        assert_eq!(
            parse_iccid(&r(&["+QCCID: 8947080000000000015F"])).as_deref(),
            Some("8947080000000000015")
        );
        assert_eq!(
            parse_iccid(&r(&["89470800000000000150"])).as_deref(),
            Some("89470800000000000150")
        );
        assert_eq!(parse_iccid(&r(&["+CCID: 12"])), None);
        assert_eq!(parse_csq(&r(&["+CSQ: 99,99"])), Some((99, None)));
        assert_eq!(parse_csq(&r(&["+CSQ: 0,0"])), Some((0, Some(-113))));
        assert_eq!(parse_csq(&r(&["+CSQ: 21,99"])), Some((21, Some(-71))));
        let g = parse_reg(&r(&["+CREG: 2,1,\"1A2B\",\"01C2D3E4\""]), "+CREG").unwrap();
        assert_eq!(
            (g.state.as_str(), g.area.as_deref(), g.cell_id.as_deref()),
            ("home", Some("1A2B"), Some("01C2D3E4"))
        );
        assert_eq!(
            parse_reg(&r(&["+CEREG: 0,5"]), "+CEREG").unwrap().state,
            "roaming"
        );
        assert_eq!(
            parse_reg(&r(&["+CREG: 2,3"]), "+CREG").unwrap().state,
            "denied"
        );
        assert_eq!(
            parse_reg(&r(&["+CREG: 2,\"1A2B\",\"0101\""]), "+CREG")
                .unwrap()
                .state,
            "searching"
        );
        assert_eq!(
            parse_reg(&r(&["+CREG: 0,4"]), "+CREG").unwrap().state,
            "unknown"
        );
        assert_eq!(
            parse_cops(&r(&["+COPS: 0,0,\"Telia N\",7"])),
            Some(("Telia N".into(), Some("LTE".into())))
        );
        assert_eq!(parse_cops(&r(&["+COPS: 0"])), None);
        assert_eq!(
            parse_apn(&r(&[
                "+CGDCONT: 2,\"IP\",\"ims\"",
                "+CGDCONT: 1,\"IP\",\"iot.net\",\"0.0.0.0\",0,0"
            ]))
            .as_deref(),
            Some("iot.net")
        );
        assert!(luhn("8947080000000000015"));
        assert!(!luhn("8947080000000000016"));
        assert_eq!(bars(Some(-71)), Some(4));
        assert_eq!(bars(Some(-113)), Some(0));
        assert_eq!(bars(None), None, "CSQ 99 is unknown: no bars, not 0 of 4");
    }

    /// Registration replies as modems really send them (forms from TS 27.007 7.2/10.1.22 and
    /// the real-modem vectors of ModemManager's test-modem-helpers.c): read and unsolicited
    /// layouts, n = 0-3, leading zeros, spaces, bare hex area and cell, the newer stat values.
    #[test]
    fn registration_in_every_form() {
        // family, reply line, state, area, cell
        type Case<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            ("+CREG", "+CREG: 1,3", "denied", None, None),
            ("+CREG", "+CREG: 3", "denied", None, None),
            (
                "+CREG",
                "+CREG: 1,1,84CD,00D30173",
                "home",
                Some("84CD"),
                Some("00D30173"),
            ),
            (
                "+CREG",
                "+CREG: 1,84CD,00D30156",
                "home",
                Some("84CD"),
                Some("00D30156"),
            ),
            (
                "+CREG",
                "+CREG: 1,\"CE00\",\"00005449\"",
                "home",
                Some("CE00"),
                Some("00005449"),
            ),
            (
                "+CREG",
                "+CREG:002,001,\"18d8\",\"ffff\"",
                "home",
                Some("18d8"),
                Some("ffff"),
            ),
            (
                "+CREG",
                "+CREG: 2,6,\"8B37\",\"0A265185\",7",
                "sms_only",
                Some("8B37"),
                Some("0A265185"),
            ),
            (
                "+CREG",
                "+CREG: 2,5,\"0502\",\"0404736D\"",
                "roaming",
                Some("0502"),
                Some("0404736D"),
            ),
            (
                "+CGREG",
                "+CGREG: 2,1, 81ED, 1A9CEB",
                "home",
                Some("81ED"),
                Some("1A9CEB"),
            ),
            (
                "+CGREG",
                "+CGREG: 1,\"1422\",\"00000142\",3,\"00\"",
                "home",
                Some("1422"),
                Some("00000142"),
            ),
            (
                "+CEREG",
                "+CEREG: 2,1, 1F00, 79D903 ,7",
                "home",
                Some("1F00"),
                Some("79D903"),
            ),
            ("+CEREG", "+CEREG: 0,8", "emergency_only", None, None),
            ("+CEREG", "+CEREG: 0,10", "roaming", None, None),
            (
                "+C5GREG",
                "+C5GREG: 2,1,\"00A1B2\",\"0000000F1234\",11",
                "home",
                Some("00A1B2"),
                Some("0000000F1234"),
            ),
        ];
        for (name, line, state, area, cell) in cases {
            let g = parse_reg(&r(&[line]), name).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (g.state.as_str(), g.area.as_deref(), g.cell_id.as_deref()),
                (*state, *area, *cell),
                "{line}"
            );
            assert_eq!(g.family, name.trim_start_matches('+'));
        }
        // an unsolicited code before the read command's answer: the answer counts
        let g = parse_reg(
            &r(&["+CEREG: 2", "+CEREG: 2,1,\"1F00\",\"79D903\",7"]),
            "+CEREG",
        );
        assert_eq!(g.unwrap().state, "home");
    }

    #[test]
    fn the_packet_registration_wins_over_creg() {
        let reg = |family: &str, stat: u8, state: &str| Registration {
            family: family.into(),
            stat,
            state: state.into(),
            area: None,
            cell_id: None,
        };
        // u-blox on LTE: CREG says SMS only, CEREG registered
        let got = registration_of(
            Some(reg("CREG", 6, "sms_only")),
            vec![reg("CEREG", 1, "home")],
        );
        assert_eq!(got.unwrap().family, "CEREG");
        // CREG only (an old modem): the fallback
        let got = registration_of(Some(reg("CREG", 1, "home")), vec![]);
        assert_eq!(got.unwrap().family, "CREG");
        // nobody registered: the packet family's news
        let got = registration_of(
            Some(reg("CREG", 0, "not_registered")),
            vec![reg("CEREG", 3, "denied")],
        );
        assert_eq!(got.unwrap().state, "denied");
    }

    #[test]
    fn identity_and_functionality() {
        assert_eq!(
            parse_info(&r(&["Quectel"]), "+CGMI").as_deref(),
            Some("Quectel")
        );
        assert_eq!(
            parse_info(&r(&["+CGMM: \"EC25\""]), "+CGMM").as_deref(),
            Some("EC25")
        );
        assert_eq!(parse_info(&err("ERROR"), "+CGMR"), None);
        assert_eq!(parse_cfun(&r(&["+CFUN: 1"])), Some(1));
        assert_eq!(parse_cfun(&r(&["+CFUN: 4,0"])), Some(4));
    }

    #[test]
    fn iccids_as_sims_and_modems_give_them() {
        let id = |l: &str| parse_iccid(&r(&[l]));
        assert_eq!(
            id("+CRSM: 144,0,\"984402003576012594F9\"").as_deref(),
            Some("8944200053671052499")
        );
        assert_eq!(
            id("^ICCID: 98231420326409614067").as_deref(),
            Some("89324102234690160476")
        );
        assert_eq!(
            id("+CRSM: 106,130,\"\"").as_deref(),
            None,
            "a refused READ BINARY"
        );
        assert_eq!(
            id("!ICCID: \"89014104243316290443\"").as_deref(),
            Some("89014104243316290443")
        );
        assert_eq!(
            id("+ICCID: 898600700907a6019125").as_deref(),
            Some("898600700907A6019125")
        );
        assert_eq!(id("+CCID: 1234567890123456789"), None, "no 89 prefix");
    }

    proptest! {
        #[test]
        fn parsers_never_panic(lines in proptest::collection::vec(any::<String>(), 0..4), e in proptest::option::of(any::<String>())) {
            let reply = AtReply { lines, error: e };
            let _ = parse_cpin(&reply);
            let _ = parse_iccid(&reply);
            let _ = parse_csq(&reply);
            let _ = parse_reg(&reply, "+CREG");
            let _ = parse_cops(&reply);
            let _ = parse_apn(&reply);
            let _ = reply.cme();
        }

        #[test]
        fn csq_maps_every_code(rssi in 0u8..=99, ber in 0u8..=99) {
            let (got, dbm) = parse_csq(&r(&[&format!("+CSQ: {rssi},{ber}")])).unwrap();
            prop_assert_eq!(got, rssi);
            if rssi <= 31 { prop_assert_eq!(dbm, Some(-113 + 2 * rssi as i32)); } else { prop_assert_eq!(dbm, None); }
        }

        #[test]
        fn luhn_catches_one_wrong_digit(digits in "[0-9]{18}", pos in 0usize..18, delta in 1u8..10) {
            // Complete a valid number, then change one digit.
            let check = (0..10).map(|d| format!("{digits}{d}")).find(|n| luhn(n)).unwrap();
            let mut b = check.into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            prop_assert!(!luhn(std::str::from_utf8(&b).unwrap()));
        }
    }
}
