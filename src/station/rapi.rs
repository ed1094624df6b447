//! OpenEVSE RAPI framing (the public RAPI specification in the OpenEVSE firmware's
//! `rapi_proc.h`): commands `$CC args^XX\r`, where `XX` is the 8-bit XOR of every byte before
//! `^` in upper-case hex; replies `$OK ...` or `$NK ...`, since protocol 2.0 with the same
//! checksum; asynchronous `$AB postcode fwrev` (boot), `$AT ...` (state change), `$AN`, `$WF`.
//! The script runner and the simulated OpenEVSE both use these functions.

use std::fmt;

/// The 8-bit XOR of `bytes`.
pub fn xor(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |a, b| a ^ b)
}

/// Append `^XX` to a frame body (`$GV` → `$GV^35`).
pub fn with_checksum(body: &str) -> String {
    format!("{body}^{:02X}", xor(body.as_bytes()))
}

/// Why a received frame is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// `^` not followed by exactly two hex digits.
    Malformed(String),
    /// The checksum does not match the body.
    Mismatch { got: u8, want: u8 },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Malformed(why) => f.write_str(why),
            FrameError::Mismatch { got, want } => f.write_str(&crate::t!(
                "prof.rapi.mismatch",
                got = format!("{got:02X}"),
                want = format!("{want:02X}")
            )),
        }
    }
}

/// Check and strip a trailing `^XX` checksum. A frame without one is returned as it is (RAPI
/// before 2.0 sends none); the additive `*XX` form is not used by replies.
pub fn strip_checksum(frame: &str) -> Result<&str, FrameError> {
    let Some(pos) = frame.rfind('^') else {
        return Ok(frame);
    };
    let (body, tail) = (&frame[..pos], &frame[pos + 1..]);
    if tail.len() != 2 || !tail.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(FrameError::Malformed(crate::t!(
            "prof.rapi.not_two_digit",
            tail = tail
        )));
    }
    let got = u8::from_str_radix(tail, 16)
        .map_err(|_| FrameError::Malformed(crate::t!("prof.rapi.not_hex", tail = tail)))?;
    let want = xor(body.as_bytes());
    if got != want {
        return Err(FrameError::Mismatch { got, want });
    }
    Ok(body)
}

/// A parsed command frame, as the station sees it: `$CC arg arg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The two-letter command, upper-case.
    pub code: String,
    pub args: Vec<String>,
}

/// Parse a command frame (terminator removed). The checksum, when present, must match.
pub fn parse_command(frame: &str) -> Result<Command, FrameError> {
    let body = strip_checksum(frame.trim_end_matches(['\r', '\n']))?;
    let Some(rest) = body.strip_prefix('$') else {
        return Err(FrameError::Malformed(crate::t!("prof.rapi.no_dollar")));
    };
    let mut words = rest.split(' ').filter(|w| !w.is_empty());
    let code = words.next().unwrap_or_default();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(FrameError::Malformed(crate::t!(
            "prof.rapi.bad_command",
            code = code
        )));
    }
    Ok(Command {
        code: code.to_ascii_uppercase(),
        args: words.map(str::to_string).collect(),
    })
}

/// What an EVSE state code (`GS`, `$AT`) means; `None` for unknown codes.
pub fn state_name(code: u8) -> Option<String> {
    Some(match code {
        0x00 => crate::t!("prof.rapi.state_00"),
        0x01 => crate::t!("prof.rapi.state_01"),
        0x02 => crate::t!("prof.rapi.state_02"),
        0x03 => crate::t!("prof.rapi.state_03"),
        0x04 => crate::t!("prof.rapi.state_04"),
        0x05 => crate::t!("prof.rapi.state_05"),
        0x06 => crate::t!("prof.rapi.state_06"),
        0x07 => crate::t!("prof.rapi.state_07"),
        0x08 => crate::t!("prof.rapi.state_08"),
        0x09 => crate::t!("prof.rapi.state_09"),
        0x0A => crate::t!("prof.rapi.state_0a"),
        0x0B => crate::t!("prof.rapi.state_0b"),
        // EVSE_STATE_RELAY_CLOSURE_FAULT (J1772EvseController.h)
        0x0E => crate::t!("i14.rapi_state_0e"),
        0xFE => crate::t!("prof.rapi.state_fe"),
        0xFF => crate::t!("prof.rapi.state_ff"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn checksums_of_the_specification_examples() {
        // The specification lists `$GV^35`, `$GS^30`, `$GE^26`, `$GF^25`, `$GC^20`.
        assert_eq!(with_checksum("$GV"), "$GV^35");
        assert_eq!(with_checksum("$GS"), "$GS^30");
        assert_eq!(with_checksum("$GE"), "$GE^26");
        assert_eq!(with_checksum("$GF"), "$GF^25");
        assert_eq!(with_checksum("$GC"), "$GC^20");
        assert_eq!(with_checksum("$ST 0 0 0 0"), "$ST 0 0 0 0^23");
    }

    #[test]
    fn frames_parse_and_checksums_are_checked() {
        assert_eq!(
            strip_checksum("$OK 7.1.3 5.0.1").unwrap(),
            "$OK 7.1.3 5.0.1"
        );
        let framed = with_checksum("$OK 7.1.3 5.0.1");
        assert_eq!(strip_checksum(&framed).unwrap(), "$OK 7.1.3 5.0.1");
        assert!(matches!(
            strip_checksum("$OK^00"),
            Err(FrameError::Mismatch { .. })
        ));
        assert!(matches!(
            strip_checksum("$OK^0"),
            Err(FrameError::Malformed(_))
        ));
        let c = parse_command("$sc 16 V^00").unwrap_err();
        assert!(matches!(c, FrameError::Mismatch { .. }));
        let c = parse_command(&with_checksum("$sc 16 V")).unwrap();
        assert_eq!(c.code, "SC");
        assert_eq!(c.args, vec!["16", "V"]);
        assert!(parse_command("GV").is_err());
        assert!(parse_command("$G").is_err());
        assert_eq!(state_name(0x06).as_deref(), Some("error: GFCI fault"));
        assert_eq!(state_name(0x42), None);
        assert_eq!(
            state_name(0x0E).as_deref(),
            Some("error: relay closure fault")
        );
    }

    proptest! {
        #[test]
        fn framing_round_trips(body in "\\$[A-Z0-9]{2}( [ -~&&[^\\^]]{0,20}){0,4}") {
            let framed = with_checksum(&body);
            prop_assert_eq!(strip_checksum(&framed).unwrap(), body.as_str());
        }

        #[test]
        fn one_flipped_bit_is_caught(body in "\\$[A-Z]{2}( [a-z0-9]{1,6}){0,3}", bit in 0u8..7, at in 0usize..100) {
            let mut framed = with_checksum(&body).into_bytes();
            let i = at % body.len();
            framed[i] ^= 1 << bit;
            if let Ok(text) = String::from_utf8(framed)
                && !text[..body.len()].contains('^')
            {
                prop_assert!(strip_checksum(&text).is_err());
            }
        }

        #[test]
        fn parsers_never_panic(s in any::<String>()) {
            let _ = strip_checksum(&s);
            let _ = parse_command(&s);
        }
    }
}
