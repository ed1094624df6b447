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

/// The ICCID from `AT+CCID` and its variants (`+CCID:`, `+ICCID:`, `+QCCID:`, `^ICCID:` or a
/// bare number). A trailing `F` (padding) is dropped.
pub fn parse_iccid(r: &AtReply) -> Option<String> {
    r.lines.iter().find_map(|l| {
        let l = l.trim();
        let v = ["+CCID", "+ICCID", "+QCCID", "^ICCID", "ICCID"]
            .iter()
            .find_map(|p| after(l, p))
            .unwrap_or(l);
        let v = v.trim_matches('"').trim_end_matches(['F', 'f']);
        (v.len() >= 18 && v.len() <= 22 && v.bytes().all(|b| b.is_ascii_digit()))
            .then(|| v.to_string())
    })
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

/// Bars (0..4) for a level in dBm.
pub fn bars(dbm: Option<i32>) -> u8 {
    match dbm {
        None => 0,
        Some(d) if d >= -73 => 4,
        Some(d) if d >= -83 => 3,
        Some(d) if d >= -93 => 2,
        Some(d) if d >= -105 => 1,
        Some(_) => 0,
    }
}

/// Registration from `AT+CREG?` / `AT+CEREG?`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    pub stat: u8,
    /// `home`, `roaming`, `searching`, `denied`, `not_registered`, `unknown`, `emergency_only`.
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

/// Parse `+CREG: <n>,<stat>[,<lac>,<ci>[,<AcT>]]` (or the unsolicited `+CREG: <stat>,...`).
pub fn parse_reg(r: &AtReply, name: &str) -> Option<Registration> {
    let v = r.lines.iter().find_map(|l| after(l, name))?;
    let p = params(v);
    // The read command answers n,stat,...; an unsolicited code has stat first. The read form
    // has 2 or 4+ fields; the unsolicited form 1 or 3+. Quoted area tells them apart too.
    let stat_at = if p.len() >= 2
        && !v
            .split(',')
            .nth(1)
            .is_some_and(|x| x.trim().starts_with('"'))
    {
        1
    } else {
        0
    };
    let stat: u8 = p.get(stat_at)?.parse().ok()?;
    let state = match stat {
        0 => "not_registered",
        1 | 6 | 9 => "home",
        2 => "searching",
        3 => "denied",
        5 | 7 | 10 => "roaming",
        8 => "emergency_only",
        _ => "unknown",
    };
    let area = p.get(stat_at + 1).filter(|s| !s.is_empty()).cloned();
    let cell_id = p.get(stat_at + 2).filter(|s| !s.is_empty()).cloned();
    Some(Registration {
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
    pub pin_state: String,
    pub iccid: Option<String>,
    pub iccid_luhn_ok: Option<bool>,
    pub registration: Option<Registration>,
    pub rssi: Option<u8>,
    pub signal_dbm: Option<i32>,
    pub bars: u8,
    pub operator: Option<String>,
    pub technology: Option<String>,
    pub apn: Option<String>,
    /// `ok`, `no_sim`, `sim_locked`, `sim_failure`, `iccid_bad`, `denied`, `no_signal`,
    /// `searching`, `weak_signal`, `apn_missing`, `apn_wrong`.
    pub verdict: String,
    /// The next thing to try.
    pub next: String,
}

/// Run the check with `at` sending one command and returning its reply.
pub fn check<E>(
    mut at: impl FnMut(&str) -> Result<AtReply, E>,
    expected_apn: Option<&str>,
) -> Result<ModemReport, E> {
    let pin_state = parse_cpin(&at("AT+CPIN?")?);
    let mut iccid = None;
    if pin_state != "NOT INSERTED" {
        for cmd in ["AT+CCID", "AT+ICCID", "AT+QCCID"] {
            let r = at(cmd)?;
            if let Some(i) = parse_iccid(&r) {
                iccid = Some(i);
                break;
            }
        }
    }
    let creg = parse_reg(&at("AT+CREG?")?, "+CREG");
    let cereg = parse_reg(&at("AT+CEREG?")?, "+CEREG");
    // The registered one wins; LTE-only modems answer CREG with 0.
    let registration = match (creg, cereg) {
        (Some(c), Some(e)) => Some(if e.registered() || !c.registered() && e.stat != 0 {
            e
        } else {
            c
        }),
        (c, e) => e.or(c),
    };
    let csq = parse_csq(&at("AT+CSQ")?);
    let cops = parse_cops(&at("AT+COPS?")?);
    let apn = parse_apn(&at("AT+CGDCONT?")?);
    let (rssi, signal_dbm) = match csq {
        Some((r, d)) => (Some(r), d),
        None => (None, None),
    };
    let luhn_ok = iccid.as_deref().map(luhn);
    let mut report = ModemReport {
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
        assert_eq!(bars(Some(-71)), 4);
        assert_eq!(bars(None), 0);
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
