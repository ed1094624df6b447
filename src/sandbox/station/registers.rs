//! The simulated station's Modbus registers, per vendor: a register image built from the
//! station's state at each request, and the registers a client may write.
//!
//! The maps follow the shipped profiles (vendors/abb-terra-ac.toml, bender-cc613.toml,
//! vestel-evc04.toml, phoenix-ev-charge-control.toml), which say where each fact comes from.
//! Registers the simulator does not model answer exception 02, as a real station does for an
//! address it does not have.

use std::collections::BTreeMap;

use super::{Dialect, SimState};
use crate::station::modbus::frame::{self, Request, Table};
use crate::station::modbus::value::{Order, ascii_registers, ascii_registers_in, utf16_registers};

/// A register image: (table, address) → value.
pub type Image = BTreeMap<(Table, u16), u16>;

/// The unit id the station answers to (Bender answers to every unit id, like the real one).
pub fn unit_id(d: Dialect) -> Option<u8> {
    match d {
        Dialect::Abb => Some(1),
        Dialect::Vestel | Dialect::Phoenix => Some(255),
        _ => None,
    }
}

fn put(img: &mut Image, table: Table, address: u16, regs: &[u16]) {
    for (i, r) in regs.iter().enumerate() {
        img.insert((table, address + i as u16), *r);
    }
}

fn u32_regs(v: u32) -> [u16; 2] {
    [(v >> 16) as u16, v as u16]
}

fn bcd(n: u8) -> u8 {
    ((n / 10) << 4) | (n % 10)
}

/// A register kept in the state's `config` (written by a client): `modbus.<address>`.
fn kept(s: &SimState, address: u16, default: u16) -> u16 {
    s.config
        .get(&format!("modbus.{address:#06x}"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// ABB's serial `TACW22-3-0723-T0045` as the 8 bytes of registers 0x4000..0x4003.
fn abb_serial(serial: &str) -> [u16; 4] {
    let re = regex::Regex::new(r"^TACW(\d{1,2})-(\d{1,3})-(\d{2})(\d{2})-([A-Z])(\d{2})(\d{2})$")
        .expect("constant regex");
    let mut b = [0u8; 8];
    if let Some(c) = re.captures(serial) {
        let n = |i: usize| c[i].parse::<u8>().unwrap_or(0);
        b = [
            c[5].as_bytes()[0],
            bcd(n(1)),
            n(2),
            0,
            bcd(n(3)),
            bcd(n(4)),
            bcd(n(6)),
            bcd(n(7)),
        ];
    }
    [
        u16::from_be_bytes([b[0], b[1]]),
        u16::from_be_bytes([b[2], b[3]]),
        u16::from_be_bytes([b[4], b[5]]),
        u16::from_be_bytes([b[6], b[7]]),
    ]
}

/// ABB's firmware `v1.7.12` as registers 0x4004..0x4005 (major, minor, BCD patch, 0).
fn abb_firmware(fw: &str) -> [u16; 2] {
    let nums: Vec<u8> = fw
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let get = |i: usize| nums.get(i).copied().unwrap_or(0);
    [
        u16::from_be_bytes([get(0), get(1)]),
        u16::from_be_bytes([bcd(get(2)), 0]),
    ]
}

/// The station's registers now.
pub fn image(d: Dialect, s: &SimState) -> Image {
    let mut img = Image::new();
    let h = Table::Holding;
    let i = Table::Input;
    let error_code: u32 = s
        .config
        .get("error_code")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    match d {
        Dialect::Abb => {
            put(&mut img, h, 0x4000, &abb_serial(&s.serial));
            put(&mut img, h, 0x4004, &abb_firmware(&s.firmware));
            put(&mut img, h, 0x4006, &u32_regs(32_000));
            put(&mut img, h, 0x4008, &u32_regs(error_code));
            put(&mut img, h, 0x400A, &u32_regs(0));
            // 400Ch reads 0; the state is the low nibble of 400Dh's high byte, bit 7 set while
            // the charger is below the commanded current.
            put(
                &mut img,
                h,
                0x400C,
                &[0, ((0x80 | (s.evse_state & 0x0F)) as u16) << 8],
            );
            for a in (0x400E..0x401C).step_by(2) {
                put(&mut img, h, a, &u32_regs(0));
            }
            put(&mut img, h, 0x401C, &u32_regs(0));
            put(&mut img, h, 0x401E, &u32_regs(0));
            put(&mut img, h, 0x4020, &[kept(s, 0x4106, 60)]);
            put(&mut img, h, 0x4021, &[0]);
            put(
                &mut img,
                h,
                0x4022,
                &[kept(s, 0x4100, 0), kept(s, 0x4101, 32_000)],
            );
            // The fallback limit reads back 4109h, 0xFF until it is set (v1.11, 5.19).
            put(&mut img, h, 0x4024, &[kept(s, 0x4109, 0xFF)]);
        }
        Dialect::Bender => {
            put(&mut img, h, 100, &ascii_registers(&s.firmware, 2));
            put(&mut img, h, 102, &[0, 0]);
            let ocpp_status = s
                .config
                .get("ocpp_status")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0u16);
            put(&mut img, h, 104, &[ocpp_status]);
            for a in (105..113).step_by(2) {
                put(&mut img, h, a, &u32_regs(0));
            }
            put(&mut img, h, 120, &ascii_registers("0.14", 2));
            put(&mut img, h, 122, &[s.evse_state as u16]);
            // Firmware before 5.22 has no model register (`legacy_registers`).
            if !s.config.contains_key("legacy_registers") {
                put(&mut img, h, 142, &ascii_registers(&s.model, 10));
            }
        }
        Dialect::Vestel => {
            // One UTF-16 code unit a register, as the EVC04 sends its texts (evcc reads them
            // so); `identity_encoding = ascii` packs two characters a register instead, the
            // other reading the profile accepts.
            let text: fn(&str, u16) -> Vec<u16> =
                match s.config.get("identity_encoding").map(String::as_str) {
                    Some("ascii") => ascii_registers,
                    _ => utf16_registers,
                };
            put(&mut img, i, 100, &text(&s.serial, 25));
            put(&mut img, i, 190, &text(&s.manufacturer, 10));
            put(&mut img, i, 210, &text(&s.model, 5));
            put(&mut img, i, 230, &text(&s.firmware, 50));
            put(&mut img, i, 1000, &[s.evse_state as u16]);
            put(&mut img, i, 1001, &[0]);
            put(&mut img, i, 1002, &[0]);
            put(&mut img, i, 1004, &[0]);
            put(&mut img, i, 1006, &u32_regs(error_code));
            put(&mut img, h, 2002, &[kept(s, 2002, 20)]);
            put(&mut img, h, 5004, &[kept(s, 5004, 32)]);
            put(&mut img, h, 6000, &[kept(s, 6000, 0)]);
        }
        Dialect::Phoenix => {
            // The control-pilot state letter in the low byte of input register 100.
            let letter = s
                .config
                .get("cp_state")
                .and_then(|v| v.bytes().next())
                .unwrap_or(b'A');
            put(&mut img, i, 100, &[letter as u16]);
            put(&mut img, i, 101, &[0]);
            put(&mut img, i, 102, &u32_regs(0));
            // The original controller sends the firmware low byte first (as evcc reads it);
            // `firmware_byte_order = big` sends it as Bender's documentation of the set has it.
            let order = Order {
                little_bytes: s.config.get("firmware_byte_order").map(String::as_str)
                    != Some("big"),
                little_words: false,
            };
            put(&mut img, i, 105, &ascii_registers_in(&s.firmware, 2, order));
            put(&mut img, h, 528, &[kept(s, 528, 16)]);
        }
        _ => {}
    }
    img
}

/// Whether a client may write this holding register.
fn writable(d: Dialect, address: u16) -> bool {
    match d {
        Dialect::Abb => matches!(address, 0x4100 | 0x4101 | 0x4103 | 0x4105 | 0x4106 | 0x4109),
        Dialect::Vestel => matches!(address, 2002 | 5004 | 6000),
        Dialect::Phoenix => address == 528,
        _ => false,
    }
}

/// Carry out a request on the state: the reply PDU, or the exception code.
pub fn serve(d: Dialect, s: &mut SimState, req: &Request) -> Result<Vec<u8>, u8> {
    // ABB's document (v1.11, 7.1.1): functions 03, 06 and 16 only; an input-register read
    // (04) is an illegal function, not an unknown address.
    if d == Dialect::Abb
        && let Request::Read {
            table: Table::Input,
            ..
        } = req
    {
        return Err(frame::ILLEGAL_FUNCTION);
    }
    match req {
        Request::Read {
            table,
            address,
            count,
        } => {
            let img = image(d, s);
            let regs: Option<Vec<u16>> = (0..*count)
                .map(|k| img.get(&(*table, address + k)).copied())
                .collect();
            regs.map(|r| req.reply(&r))
                .ok_or(frame::ILLEGAL_DATA_ADDRESS)
        }
        Request::WriteSingle { address, value } => {
            write(d, s, *address, &[*value])?;
            Ok(req.reply(&[]))
        }
        Request::WriteMultiple { address, values } => {
            write(d, s, *address, values)?;
            Ok(req.reply(&[]))
        }
    }
}

fn write(d: Dialect, s: &mut SimState, address: u16, values: &[u16]) -> Result<(), u8> {
    if (0..values.len() as u16).any(|k| !writable(d, address + k)) {
        return Err(frame::ILLEGAL_DATA_ADDRESS);
    }
    // ABB: the communication timeout is 10..=65535 s.
    if d == Dialect::Abb
        && let Some(k) = (0x4106u16).checked_sub(address)
        && let Some(v) = values.get(k as usize)
        && *v < 10
    {
        return Err(frame::ILLEGAL_DATA_VALUE);
    }
    for (k, v) in values.iter().enumerate() {
        s.config
            .insert(format!("modbus.{:#06x}", address + k as u16), v.to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::station::modbus::value::{Shape, decode};

    #[test]
    fn abb_serial_and_firmware_encode_what_the_profile_decodes() {
        let regs = abb_serial("TACW22-3-0723-T0045");
        let f = Shape {
            format: Some("TACW{1:bcd}-{2}-{4:bcd2}{5:bcd2}-{0:c}{6:bcd2}{7:bcd2}"),
            ..Default::default()
        };
        assert_eq!(decode("bytes", &regs, &f).unwrap(), "TACW22-3-0723-T0045");
        let f = Shape {
            format: Some("v{0}.{1}.{2:bcd}"),
            ..Default::default()
        };
        assert_eq!(
            decode("bytes", &abb_firmware("v1.7.12"), &f).unwrap(),
            "v1.7.12"
        );
    }

    #[test]
    fn abb_answers_only_the_functions_its_document_names() {
        let mut s = Dialect::Abb.default_state();
        let read = |table| Request::Read {
            table,
            address: 0x4000,
            count: 2,
        };
        assert!(serve(Dialect::Abb, &mut s, &read(Table::Holding)).is_ok());
        assert_eq!(
            serve(Dialect::Abb, &mut s, &read(Table::Input)),
            Err(frame::ILLEGAL_FUNCTION)
        );
        assert_eq!(image(Dialect::Abb, &s)[&(Table::Holding, 0x4024)], 0xFF);
    }

    #[test]
    fn reads_outside_the_map_and_read_only_writes_are_exceptions() {
        let mut s = Dialect::Abb.default_state();
        let read = |a, n| Request::Read {
            table: Table::Holding,
            address: a,
            count: n,
        };
        assert!(serve(Dialect::Abb, &mut s, &read(0x4000, 37)).is_ok());
        assert_eq!(
            serve(Dialect::Abb, &mut s, &read(0x4020, 6)),
            Err(frame::ILLEGAL_DATA_ADDRESS)
        );
        let w = |a, v| Request::WriteSingle {
            address: a,
            value: v,
        };
        assert_eq!(
            serve(Dialect::Abb, &mut s, &w(0x4000, 1)),
            Err(frame::ILLEGAL_DATA_ADDRESS)
        );
        assert_eq!(
            serve(Dialect::Abb, &mut s, &w(0x4106, 5)),
            Err(frame::ILLEGAL_DATA_VALUE)
        );
        assert!(serve(Dialect::Abb, &mut s, &w(0x4106, 120)).is_ok());
        assert_eq!(image(Dialect::Abb, &s)[&(Table::Holding, 0x4020)], 120);
    }
}
