//! RFID UID notations: hex as the reader shows it (most significant byte first), little-endian
//! hex without separators (Wallbox, seed 002) and decimal (the CTEK/ChargeStorm portal, seed 003).

use serde::Serialize;

/// One UID in every notation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Uid {
    /// Upper-case hex, bytes in reader order, no separators.
    pub hex: String,
    /// Bytes reversed (Wallbox's whitelist form).
    pub le_hex: String,
    /// The reader-order bytes as one big-endian number.
    pub decimal: String,
}

/// How the input is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    Hex,
    LeHex,
    Decimal,
}

/// Parse a UID written as `from` (hex may have `:`, `-` or spaces between bytes).
pub fn convert(input: &str, from: From) -> Result<Uid, String> {
    let input = input.trim();
    let bytes: Vec<u8> = match from {
        From::Hex | From::LeHex => {
            let digits: String = input
                .chars()
                .filter(|c| !matches!(c, ':' | '-' | ' '))
                .collect();
            let digits = digits.strip_prefix("0x").unwrap_or(&digits);
            if digits.is_empty() || !digits.len().is_multiple_of(2) {
                return Err(crate::t!("prof.rfid.odd_hex", input = input));
            }
            let mut b =
                hex::decode(digits).map_err(|_| crate::t!("prof.rfid.not_hex", input = input))?;
            if from == From::LeHex {
                b.reverse();
            }
            b
        }
        From::Decimal => {
            if input.is_empty() || !input.bytes().all(|b| b.is_ascii_digit()) {
                return Err(crate::t!("prof.rfid.not_decimal", input = input));
            }
            let n: u128 = input
                .parse()
                .map_err(|_| crate::t!("prof.rfid.too_large", input = input))?;
            let mut b: Vec<u8> = n
                .to_be_bytes()
                .into_iter()
                .skip_while(|b| *b == 0)
                .collect();
            // UIDs are 4, 7 or 10 bytes: pad to the next common length.
            let len = [4usize, 7, 10, 16]
                .into_iter()
                .find(|l| *l >= b.len())
                .unwrap_or(16);
            while b.len() < len {
                b.insert(0, 0);
            }
            b
        }
    };
    if bytes.len() > 16 {
        return Err(crate::t!("prof.rfid.too_long", input = input));
    }
    let mut rev = bytes.clone();
    rev.reverse();
    let decimal = bytes.iter().fold(0u128, |acc, b| (acc << 8) | *b as u128);
    Ok(Uid {
        hex: hex::encode_upper(&bytes),
        le_hex: hex::encode_upper(&rev),
        decimal: decimal.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_three_notations() {
        let u = convert("04:A2:2B:1A", From::Hex).unwrap();
        assert_eq!(u.le_hex, "1A2BA204");
        assert_eq!(u.decimal, "77736730");
        assert_eq!(convert("1a2ba204", From::LeHex).unwrap(), u);
        assert_eq!(convert("77736730", From::Decimal).unwrap(), u);
        assert!(convert("0x4", From::Hex).is_err());
        assert!(convert("zz", From::Hex).is_err());
        assert!(convert("-5", From::Decimal).is_err());
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 4..=10)) {
            let h = hex::encode(&bytes);
            let u = convert(&h, From::Hex).unwrap();
            prop_assert_eq!(convert(&u.le_hex, From::LeHex).unwrap(), u.clone());
            if bytes[0] != 0 && matches!(bytes.len(), 4 | 7 | 10) {
                prop_assert_eq!(convert(&u.decimal, From::Decimal).unwrap(), u);
            }
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            for f in [From::Hex, From::LeHex, From::Decimal] {
                let _ = convert(&s, f);
            }
        }
    }
}
