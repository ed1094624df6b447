//! Register values: how a profile reads text and numbers out of 16-bit registers and writes them
//! back (docs/vendor-profiles.md, "Modbus").
//!
//! Types: `u16`, `i16`, `u32`, `i32`, `u64`, `f32` (IEEE 754), `ascii` (a string over N
//! registers, two characters a register, ended by the first NUL, trailing spaces dropped),
//! `utf16` (one UTF-16 code unit a register, ended by the first 0x0000, trailing spaces dropped:
//! Vestel's identity registers), `hex` (the bytes as upper-case
//! hex, for MAC addresses) and `bytes` (a `format` template over the bytes: `{0}` decimal,
//! `{0:x}` two hex digits, `{0:c}` an ASCII character, `{0:bcd}` a BCD byte as a number,
//! `{0:bcd2}` as two digits). `byte_order` is the order of the two bytes in each register
//! (`big`: high byte first, as the Modbus specification sends them), `word_order` the order of
//! registers in values over several registers (`big`: the first register holds the high word).

use serde::{Deserialize, Serialize};

/// The types a register value can have.
pub const TYPES: &[&str] = &[
    "u16", "i16", "u32", "i32", "u64", "f32", "ascii", "utf16", "hex", "bytes",
];

/// Whether a type is text over a given number of registers (not a number).
pub fn is_text(kind: &str) -> bool {
    matches!(kind, "ascii" | "utf16" | "hex" | "bytes")
}

/// Byte and word order of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Order {
    /// Low byte first within each register.
    pub little_bytes: bool,
    /// Low word first across registers.
    pub little_words: bool,
}

impl Order {
    pub fn parse(bytes: &str, words: &str) -> Option<Order> {
        let one = |s: &str| match s {
            "big" => Some(false),
            "little" => Some(true),
            _ => None,
        };
        Some(Order {
            little_bytes: one(bytes)?,
            little_words: one(words)?,
        })
    }
}

/// How many registers a value of `kind` spans (`registers` for text types).
pub fn width(kind: &str, registers: Option<u16>) -> Option<u16> {
    match kind {
        "u16" | "i16" => Some(1),
        "u32" | "i32" | "f32" => Some(2),
        "u64" => Some(4),
        "ascii" | "utf16" | "hex" | "bytes" => registers.filter(|n| *n > 0),
        _ => None,
    }
}

/// The bytes of `regs` in value order: registers in word order (for numbers), each register's
/// bytes in byte order.
fn bytes_of(regs: &[u16], order: Order, numeric: bool) -> Vec<u8> {
    let mut regs = regs.to_vec();
    if numeric && order.little_words {
        regs.reverse();
    }
    regs.iter()
        .flat_map(|r| {
            let [hi, lo] = r.to_be_bytes();
            if order.little_bytes {
                [lo, hi]
            } else {
                [hi, lo]
            }
        })
        .collect()
}

/// The registers of `bytes` given in value order (the inverse of [`bytes_of`]).
fn regs_of(bytes: &[u8], order: Order, numeric: bool) -> Vec<u16> {
    let mut regs: Vec<u16> = bytes
        .chunks(2)
        .map(|c| {
            let (a, b) = (c[0], c.get(1).copied().unwrap_or(0));
            if order.little_bytes {
                u16::from_be_bytes([b, a])
            } else {
                u16::from_be_bytes([a, b])
            }
        })
        .collect();
    if numeric && order.little_words {
        regs.reverse();
    }
    regs
}

/// A number as the shortest text that reads back the same (`16`, `0.5`, `230.1`).
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let s = format!("{:.6}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What a value spec says besides its type.
#[derive(Debug, Clone, Default)]
pub struct Shape<'a> {
    pub order: Order,
    pub mask: Option<u64>,
    pub scale: Option<f64>,
    pub format: Option<&'a str>,
}

/// Decode the registers of one value to text.
pub fn decode(kind: &str, regs: &[u16], shape: &Shape) -> Result<String, String> {
    let numeric = !is_text(kind);
    let bytes = bytes_of(regs, shape.order, numeric);
    let raw_unsigned = || bytes.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64);
    let masked = |v: u64| match shape.mask {
        Some(m) if m != 0 => (v & m) >> m.trailing_zeros(),
        _ => v,
    };
    let scaled = |v: f64| match shape.scale {
        Some(s) => number(v * s),
        None => number(v),
    };
    Ok(match kind {
        "u16" | "u32" | "u64" => {
            let v = masked(raw_unsigned());
            match shape.scale {
                Some(_) => scaled(v as f64),
                None => v.to_string(),
            }
        }
        "i16" => scaled(masked(raw_unsigned()) as u16 as i16 as f64),
        "i32" => scaled(masked(raw_unsigned()) as u32 as i32 as f64),
        "f32" => {
            let v = f32::from_bits(raw_unsigned() as u32);
            if !v.is_finite() {
                return Err(crate::t!("prof.value.not_finite", value = v));
            }
            match shape.scale {
                // f32's own shortest text that reads back the same.
                None => v.to_string(),
                Some(_) => scaled(v as f64),
            }
        }
        "ascii" => {
            let text: Vec<u8> = bytes.iter().copied().take_while(|b| *b != 0).collect();
            if let Some(b) = text.iter().find(|b| !(b.is_ascii_graphic() || **b == b' ')) {
                return Err(crate::t!(
                    "prof.value.not_ascii",
                    byte = format!("{b:#04x}")
                ));
            }
            String::from_utf8_lossy(&text).trim().to_string()
        }
        "utf16" => utf16_text(&bytes)?,
        "hex" => bytes.iter().map(|b| format!("{b:02X}")).collect(),
        "bytes" => format_bytes(shape.format.unwrap_or(""), &bytes)?,
        other => return Err(crate::t!("prof.value.bad_type", kind = other)),
    })
}

/// One UTF-16 code unit a register (its bytes already in value order), to the first 0x0000.
fn utf16_text(bytes: &[u8]) -> Result<String, String> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .take_while(|u| *u != 0)
        .collect();
    let mut text = String::new();
    for c in char::decode_utf16(units.iter().copied()) {
        let c = c.map_err(|e| {
            crate::t!(
                "i14.value.not_utf16",
                unit = format!("{:#06x}", e.unpaired_surrogate())
            )
        })?;
        if c.is_control() {
            return Err(crate::t!(
                "i14.value.not_utf16",
                unit = format!("{:#06x}", c as u32)
            ));
        }
        text.push(c);
    }
    Ok(text.trim().to_string())
}

/// Check a `bytes` format template against a byte count (for profile validation).
pub fn check_format(format: &str, n_bytes: usize) -> Result<(), String> {
    // 0x41 is a printable character and valid BCD: only the template itself can fail.
    format_bytes(format, &vec![0x41u8; n_bytes]).map(|_| ())
}

fn format_bytes(format: &str, bytes: &[u8]) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| crate::t!("prof.profile.unclosed", template = format))?;
        let inner = &after[..close];
        let (index, style) = inner.split_once(':').unwrap_or((inner, "d"));
        let i: usize = index.parse().map_err(|_| {
            crate::t!(
                "prof.value.byte_number",
                placeholder = format!("{{{inner}}}")
            )
        })?;
        let b = *bytes.get(i).ok_or_else(|| {
            crate::t!(
                "prof.value.byte_past",
                placeholder = format!("{{{inner}}}"),
                index = i,
                len = bytes.len()
            )
        })?;
        let bcd = || {
            let (hi, lo) = (b >> 4, b & 0x0F);
            if hi > 9 || lo > 9 {
                Err(crate::t!(
                    "prof.value.not_bcd",
                    index = i,
                    byte = format!("{b:#04x}")
                ))
            } else {
                Ok(hi * 10 + lo)
            }
        };
        match style {
            "d" => out.push_str(&b.to_string()),
            "x" => out.push_str(&format!("{b:02X}")),
            "c" => {
                if !b.is_ascii_graphic() {
                    return Err(crate::t!(
                        "prof.value.not_printable",
                        index = i,
                        byte = format!("{b:#04x}")
                    ));
                }
                out.push(b as char)
            }
            "bcd" => out.push_str(&bcd()?.to_string()),
            "bcd2" => out.push_str(&format!("{:02}", bcd()?)),
            other => {
                return Err(crate::t!(
                    "prof.value.bad_style",
                    style = other,
                    placeholder = format!("{{{inner}}}")
                ));
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Encode a value (text) as `width` registers for a write.
pub fn encode(kind: &str, text: &str, width: u16, order: Order) -> Result<Vec<u16>, String> {
    let n = width as usize;
    let int = |min: i128, max: i128| -> Result<u64, String> {
        let v: i128 = text
            .trim()
            .parse()
            .map_err(|_| crate::t!("prof.value.not_whole", text = text))?;
        if v < min || v > max {
            return Err(crate::t!(
                "prof.value.outside",
                value = v,
                min = min,
                max = max,
                kind = kind
            ));
        }
        Ok(v as u64)
    };
    let bytes: Vec<u8> = match kind {
        "u16" => (int(0, u16::MAX as i128)? as u16).to_be_bytes().to_vec(),
        "i16" => (int(i16::MIN as i128, i16::MAX as i128)? as i16)
            .to_be_bytes()
            .to_vec(),
        "u32" => (int(0, u32::MAX as i128)? as u32).to_be_bytes().to_vec(),
        "i32" => (int(i32::MIN as i128, i32::MAX as i128)? as i32)
            .to_be_bytes()
            .to_vec(),
        "u64" => int(0, u64::MAX as i128)?.to_be_bytes().to_vec(),
        "f32" => {
            let v: f32 = text
                .trim()
                .parse()
                .map_err(|_| crate::t!("prof.value.not_number", text = text))?;
            if !v.is_finite() {
                return Err(crate::t!("prof.value.not_finite_text", text = text));
            }
            v.to_be_bytes().to_vec()
        }
        "ascii" => {
            if let Some(c) = text.chars().find(|c| !(c.is_ascii_graphic() || *c == ' ')) {
                return Err(crate::t!("prof.value.ascii_only", char = format!("{c:?}")));
            }
            if text.len() > n * 2 {
                return Err(crate::tn!(
                    "prof.value.too_long",
                    count = n,
                    text = text,
                    len = text.len(),
                    max = n * 2
                ));
            }
            let mut b = text.as_bytes().to_vec();
            b.resize(n * 2, 0);
            b
        }
        "utf16" => {
            let mut units: Vec<u16> = text.encode_utf16().collect();
            if let Some(c) = text.chars().find(|c| c.is_control()) {
                return Err(crate::t!("prof.value.ascii_only", char = format!("{c:?}")));
            }
            if units.len() > n {
                return Err(crate::t!(
                    "prof.value.too_long",
                    text = text,
                    len = units.len(),
                    n = n,
                    max = n
                ));
            }
            units.resize(n, 0);
            units.iter().flat_map(|u| u.to_be_bytes()).collect()
        }
        "hex" => {
            let clean: String = text.chars().filter(|c| c.is_ascii_hexdigit()).collect();
            let mut b =
                hex::decode(&clean).map_err(|_| crate::t!("prof.value.not_hex", text = text))?;
            if b.len() > n * 2 {
                return Err(crate::t!(
                    "prof.value.too_many_bytes",
                    text = text,
                    max = n * 2
                ));
            }
            b.resize(n * 2, 0);
            b
        }
        other => return Err(crate::t!("prof.value.not_writable", kind = other)),
    };
    let numeric = !is_text(kind);
    let regs = regs_of(&bytes, order, numeric);
    if regs.len() != n {
        return Err(crate::tn!(
            "prof.value.spans",
            count = regs.len(),
            kind = kind,
            n = n
        ));
    }
    Ok(regs)
}

/// Registers holding `text` as ASCII, NUL padded (for the simulator's register images).
pub fn ascii_registers(text: &str, registers: u16) -> Vec<u16> {
    let mut b: Vec<u8> = text.bytes().take(registers as usize * 2).collect();
    b.resize(registers as usize * 2, 0);
    regs_of(&b, Order::default(), false)
}

/// Registers holding `text` one UTF-16 code unit a register (high byte first), 0x0000 padded.
pub fn utf16_registers(text: &str, registers: u16) -> Vec<u16> {
    let mut units: Vec<u16> = text.encode_utf16().take(registers as usize).collect();
    units.resize(registers as usize, 0);
    units
}

/// Registers holding `text` as ASCII in the given byte order, NUL padded.
pub fn ascii_registers_in(text: &str, registers: u16, order: Order) -> Vec<u16> {
    let mut b: Vec<u8> = text.bytes().take(registers as usize * 2).collect();
    b.resize(registers as usize * 2, 0);
    regs_of(&b, order, false)
}

/// One value a Modbus read produces (`values = [...]` of a read command).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegValue {
    /// The variable it sets.
    pub var: String,
    /// First register of the value, counted from the read's `address`.
    #[serde(default)]
    pub offset: u16,
    /// `u16`, `i16`, `u32`, `i32`, `u64`, `f32`, `ascii`, `hex`, `bytes`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Registers of an `ascii`, `hex` or `bytes` value.
    #[serde(default)]
    pub registers: Option<u16>,
    /// `big` or `little` (default: `[modbus].byte_order`).
    #[serde(default)]
    pub byte_order: Option<String>,
    /// `big` or `little` (default: `[modbus].word_order`).
    #[serde(default)]
    pub word_order: Option<String>,
    /// Bits to keep (then shifted down to bit 0): `0x0F00` reads the low nibble of the high byte.
    #[serde(default)]
    pub mask: Option<u64>,
    /// Factor applied to a number (`0.001` turns mA into A).
    #[serde(default)]
    pub scale: Option<f64>,
    /// The template of a `bytes` value.
    #[serde(default)]
    pub format: Option<String>,
    /// A regular expression the decoded text must match (with `or`: the reading that matches
    /// wins).
    #[serde(default)]
    pub expect: Option<String>,
    /// Other readings of the same registers, tried in order when the first does not decode or
    /// does not match `expect`, for facts the sources disagree on; the one that answered is
    /// kept in `<var>_read_as`.
    #[serde(default)]
    pub or: Vec<Reading>,
}

/// Another reading of a value's registers (`or = [{ type = "ascii" }]`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// The type (default: the value's own).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// `big` or `little` (default: the value's own).
    #[serde(default)]
    pub byte_order: Option<String>,
    /// `big` or `little` (default: the value's own).
    #[serde(default)]
    pub word_order: Option<String>,
}

impl RegValue {
    /// The readings to try, first the value's own: (type, byte order, word order).
    pub fn readings(&self) -> Vec<(String, Option<String>, Option<String>)> {
        let own = (
            self.kind.clone(),
            self.byte_order.clone(),
            self.word_order.clone(),
        );
        let mut all = vec![own.clone()];
        all.extend(self.or.iter().map(|r| {
            (
                r.kind.clone().unwrap_or_else(|| own.0.clone()),
                r.byte_order.clone().or_else(|| own.1.clone()),
                r.word_order.clone().or_else(|| own.2.clone()),
            )
        }));
        all
    }
}

/// Decode a value's registers, trying its readings in order: the text and, when the value has
/// other readings, the name of the one that answered. `order` gives the byte and word order of
/// a reading from its own settings (falling back to the profile's).
pub fn read(
    v: &RegValue,
    regs: &[u16],
    order: impl Fn(Option<&str>, Option<&str>) -> Order,
) -> Result<(String, Option<String>), String> {
    let expect = match v.expect.as_deref() {
        Some(re) => Some(
            regex::Regex::new(re)
                .map_err(|e| crate::t!("i14.value.bad_expect", var = v.var, why = e))?,
        ),
        None => None,
    };
    let readings = v.readings();
    let mut tried = Vec::new();
    for (kind, b, w) in &readings {
        let shape = Shape {
            order: order(b.as_deref(), w.as_deref()),
            mask: v.mask,
            scale: v.scale,
            format: v.format.as_deref(),
        };
        let name = reading_name(kind, b.as_deref(), w.as_deref());
        match decode(kind, regs, &shape) {
            Ok(text) if expect.as_ref().is_none_or(|re| re.is_match(&text)) => {
                return Ok((text, (readings.len() > 1).then_some(name)));
            }
            Ok(text) => tried.push(crate::t!(
                "i14.value.not_expected",
                reading = name,
                text = text,
                expect = v.expect.as_deref().unwrap_or_default()
            )),
            Err(why) if readings.len() == 1 => return Err(why),
            Err(why) => tried.push(format!("{name}: {why}")),
        }
    }
    Err(tried.join("; "))
}

/// How a reading is named in `<var>_read_as`: `utf16`, `ascii byte_order=little` (the
/// profile's own words, so not translated).
pub fn reading_name(kind: &str, byte_order: Option<&str>, word_order: Option<&str>) -> String {
    let mut name = kind.to_string();
    if let Some(b) = byte_order {
        name.push_str(&format!(" byte_order={b}"));
    }
    if let Some(w) = word_order {
        name.push_str(&format!(" word_order={w}"));
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sh(order: Order) -> Shape<'static> {
        Shape {
            order,
            ..Default::default()
        }
    }

    #[test]
    fn numbers_in_every_order() {
        let big = Order::default();
        let abcd = [0x1234u16, 0x5678];
        assert_eq!(decode("u32", &abcd, &sh(big)).unwrap(), "305419896");
        let cdab = Order::parse("big", "little").unwrap();
        assert_eq!(
            decode("u32", &[0x5678, 0x1234], &sh(cdab)).unwrap(),
            "305419896"
        );
        let badc = Order::parse("little", "big").unwrap();
        assert_eq!(
            decode("u32", &[0x3412, 0x7856], &sh(badc)).unwrap(),
            "305419896"
        );
        assert_eq!(decode("i16", &[0xFFFE], &sh(big)).unwrap(), "-2");
        assert_eq!(decode("f32", &[0x4366, 0x199A], &sh(big)).unwrap(), "230.1");
        let s = Shape {
            scale: Some(0.001),
            ..Default::default()
        };
        assert_eq!(decode("u32", &[0, 16000], &s).unwrap(), "16");
        // ABB Terra AC: the state is the low nibble of the high byte of 0x400D.
        let s = Shape {
            mask: Some(0x0F00),
            ..Default::default()
        };
        assert_eq!(decode("u16", &[0x8200], &s).unwrap(), "2");
    }

    #[test]
    fn text_hex_and_byte_templates() {
        let regs = ascii_registers("EVC04", 5);
        assert_eq!(
            decode("ascii", &regs, &sh(Order::default())).unwrap(),
            "EVC04"
        );
        // Phoenix Contact: low byte first within each register.
        let le = Order::parse("little", "big").unwrap();
        let regs = ascii_registers_in("1.23", 2, le);
        assert_eq!(regs, vec![0x2E31, 0x3332]);
        assert_eq!(decode("ascii", &regs, &sh(le)).unwrap(), "1.23");
        assert!(decode("ascii", &[0x41FF], &sh(Order::default())).is_err());
        assert_eq!(
            decode("hex", &[0x02EF, 0x1000, 0x4D01], &sh(Order::default())).unwrap(),
            "02EF10004D01"
        );
        // ABB Terra AC serial number and firmware (see vendors/abb-terra-ac.toml).
        let f = Shape {
            format: Some("TACW{1:bcd}-{2}-{4:bcd2}{5:bcd2}-{0:c}{6:bcd2}{7:bcd2}"),
            ..Default::default()
        };
        assert_eq!(
            decode("bytes", &[0x5422, 0x0300, 0x0723, 0x0045], &f).unwrap(),
            "TACW22-3-0723-T0045"
        );
        let f = Shape {
            format: Some("v{0}.{1}.{2:bcd}"),
            ..Default::default()
        };
        assert_eq!(decode("bytes", &[0x0107, 0x1200], &f).unwrap(), "v1.7.12");
        let bad = Shape {
            format: Some("{0:bcd}"),
            ..Default::default()
        };
        assert!(
            decode("bytes", &[0xAB00], &bad)
                .unwrap_err()
                .contains("BCD")
        );
        assert!(check_format("{9}", 8).is_err());
        assert!(check_format("{0:q}", 8).is_err());
        assert!(check_format("{7:bcd2}", 8).is_ok());
    }

    #[test]
    fn utf16_is_one_character_a_register() {
        // Vestel EVC04: "EVC04" as the station sends it, one UTF-16 code unit a register.
        let regs = [0x0045, 0x0056, 0x0043, 0x0030, 0x0034, 0, 0];
        assert_eq!(utf16_registers("EVC04", 7), regs);
        assert_eq!(
            decode("utf16", &regs, &sh(Order::default())).unwrap(),
            "EVC04"
        );
        // Read as ASCII the first byte is a NUL: the text is empty (the fault issue 14 found).
        assert_eq!(decode("ascii", &regs, &sh(Order::default())).unwrap(), "");
        assert_eq!(
            decode("utf16", &[0x00E6, 0x0041], &sh(Order::default())).unwrap(),
            "æA"
        );
        assert!(decode("utf16", &[0xD800, 0x0041], &sh(Order::default())).is_err());
        assert!(decode("utf16", &[0x0007], &sh(Order::default())).is_err());
        assert_eq!(
            encode("utf16", "v3.1", 6, Order::default()).unwrap(),
            vec![0x76, 0x33, 0x2E, 0x31, 0, 0]
        );
        assert!(encode("utf16", "too long", 3, Order::default()).is_err());
    }

    fn text_value(kind: &str, or: &[&str], expect: Option<&str>) -> RegValue {
        RegValue {
            var: "serial".into(),
            offset: 0,
            kind: kind.into(),
            registers: Some(4),
            byte_order: None,
            word_order: None,
            mask: None,
            scale: None,
            format: None,
            expect: expect.map(str::to_string),
            or: or
                .iter()
                .map(|k| Reading {
                    kind: Some(k.to_string()),
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn other_readings_are_tried_in_order_and_named() {
        let big = |_: Option<&str>, _: Option<&str>| Order::default();
        let v = text_value("utf16", &["ascii"], Some("^[ -~]*$"));
        // One character a register: the first reading answers.
        let (text, how) = read(&v, &utf16_registers("AB12", 4), big).unwrap();
        assert_eq!((text.as_str(), how.as_deref()), ("AB12", Some("utf16")));
        // Two a register: as UTF-16 it is CJK, which `expect` refuses; ASCII answers.
        let (text, how) = read(&v, &ascii_registers("AB12", 4), big).unwrap();
        assert_eq!((text.as_str(), how.as_deref()), ("AB12", Some("ascii")));
        // Neither fits: both readings are named in the error.
        let e = read(&v, &[0x0107, 0, 0, 0], big).unwrap_err();
        assert!(e.contains("utf16") && e.contains("ascii"), "{e}");
        // Without other readings nothing is named.
        let one = text_value("ascii", &[], None);
        assert_eq!(
            read(&one, &ascii_registers("AB", 4), big).unwrap(),
            ("AB".to_string(), None)
        );
        // Phoenix Contact firmware: the byte order that gives a version answers.
        let mut fw = text_value("ascii", &[], Some(r"^\d+\.\d+$"));
        fw.registers = Some(2);
        fw.byte_order = Some("little".into());
        fw.or = vec![Reading {
            byte_order: Some("big".into()),
            ..Default::default()
        }];
        let order = |b: Option<&str>, w: Option<&str>| {
            Order::parse(b.unwrap_or("big"), w.unwrap_or("big")).unwrap()
        };
        assert_eq!(
            read(&fw, &[0x2E30, 0x3139], order).unwrap(),
            (
                "0.91".to_string(),
                Some("ascii byte_order=little".to_string())
            )
        );
        assert_eq!(
            read(&fw, &[0x302E, 0x3931], order).unwrap(),
            ("0.91".to_string(), Some("ascii byte_order=big".to_string()))
        );
    }

    #[test]
    fn writes_refuse_what_does_not_fit() {
        let o = Order::default();
        assert!(encode("u16", "70000", 1, o).is_err());
        assert!(encode("u16", "x", 1, o).is_err());
        assert!(encode("ascii", "too long", 2, o).is_err());
        assert!(encode("ascii", "é", 2, o).is_err());
        assert_eq!(encode("ascii", "ws", 2, o).unwrap(), vec![0x7773, 0]);
        assert_eq!(encode("i16", "-2", 1, o).unwrap(), vec![0xFFFE]);
    }

    fn order() -> impl Strategy<Value = Order> {
        (any::<bool>(), any::<bool>()).prop_map(|(b, w)| Order {
            little_bytes: b,
            little_words: w,
        })
    }

    proptest! {
        #[test]
        fn integers_round_trip(v in any::<u32>(), w in any::<i32>(), x in any::<u64>(), h in any::<i16>(), o in order()) {
            let s = sh(o);
            prop_assert_eq!(decode("u32", &encode("u32", &v.to_string(), 2, o).unwrap(), &s).unwrap(), v.to_string());
            prop_assert_eq!(decode("i32", &encode("i32", &w.to_string(), 2, o).unwrap(), &s).unwrap(), w.to_string());
            prop_assert_eq!(decode("u64", &encode("u64", &x.to_string(), 4, o).unwrap(), &s).unwrap(), x.to_string());
            prop_assert_eq!(decode("i16", &encode("i16", &h.to_string(), 1, o).unwrap(), &s).unwrap(), h.to_string());
        }

        #[test]
        fn floats_round_trip(v in -1.0e6f32..1.0e6f32, o in order()) {
            let regs = encode("f32", &v.to_string(), 2, o).unwrap();
            let back: f32 = decode("f32", &regs, &sh(o)).unwrap().parse().unwrap();
            prop_assert!((back - v).abs() <= v.abs() * 1e-5 + 1e-5, "{} vs {}", back, v);
        }

        #[test]
        fn ascii_round_trips(text in "[ -~]{0,40}", extra in 0u16..4, o in order()) {
            let text = text.trim().to_string();
            let n = (text.len() as u16).div_ceil(2) + extra;
            prop_assume!(n > 0);
            let regs = encode("ascii", &text, n, o).unwrap();
            prop_assert_eq!(regs.len(), n as usize);
            prop_assert_eq!(decode("ascii", &regs, &sh(o)).unwrap(), text);
        }

        #[test]
        fn any_registers_decode_without_panic(regs in proptest::collection::vec(any::<u16>(), 1..8), o in order(), mask in any::<u64>()) {
            for kind in TYPES {
                let s = Shape { order: o, mask: Some(mask), scale: None, format: Some("{0:bcd}{1:c}{2:x}") };
                let _ = decode(kind, &regs, &s);
            }
        }
    }
}
