//! Modbus framing as pure functions: the protocol data unit (PDU) of the functions evfield uses,
//! the RTU frame (unit id, PDU, CRC-16/Modbus, low byte first) and the TCP frame (MBAP header:
//! transaction id, protocol id 0, length, unit id).
//!
//! Facts from the Modbus Application Protocol Specification V1.1b3 and the Modbus over Serial
//! Line Specification V1.02 (modbus.org): function codes 03 (read holding registers), 04 (read
//! input registers), 06 (write single register), 16 (write multiple registers); at most 125
//! registers per read and 123 per write; an exception reply is the function code with bit 7 set
//! and one exception code; the RTU CRC is CRC-16 with polynomial 0xA001 (reflected 0x8005),
//! initial value 0xFFFF, sent low byte first.

use std::fmt;

/// Most registers one read may ask for.
pub const MAX_READ: u16 = 125;
/// Most registers one write-multiple may carry.
pub const MAX_WRITE: u16 = 123;

/// CRC-16/Modbus of `bytes` (poly 0xA001 reflected, init 0xFFFF).
pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in bytes {
        crc ^= b as u16;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// Which register table a read goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Holding,
    Input,
}

impl Table {
    pub fn parse(s: &str) -> Option<Table> {
        match s {
            "holding" => Some(Table::Holding),
            "input" => Some(Table::Input),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Table::Holding => "holding",
            Table::Input => "input",
        }
    }
}

/// A request evfield sends (or the simulator serves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Read {
        table: Table,
        address: u16,
        count: u16,
    },
    WriteSingle {
        address: u16,
        value: u16,
    },
    WriteMultiple {
        address: u16,
        values: Vec<u16>,
    },
}

impl Request {
    pub fn function(&self) -> u8 {
        match self {
            Request::Read {
                table: Table::Holding,
                ..
            } => 0x03,
            Request::Read {
                table: Table::Input,
                ..
            } => 0x04,
            Request::WriteSingle { .. } => 0x06,
            Request::WriteMultiple { .. } => 0x10,
        }
    }

    /// The request in words, for messages, with addresses in decimal and hex (documents use
    /// either): `read holding registers 16384..16389 (0x4000..0x4005)`.
    pub fn describe(&self) -> String {
        match self {
            Request::Read {
                table,
                address,
                count,
            } => {
                if *count == 1 {
                    crate::t!(
                        "prof.modbus.read_one",
                        table = table.name(),
                        span = span(*address, *count)
                    )
                } else {
                    crate::t!(
                        "prof.modbus.read_many",
                        table = table.name(),
                        span = span(*address, *count)
                    )
                }
            }
            Request::WriteSingle { address, value } => {
                crate::t!(
                    "prof.modbus.write_one",
                    span = span(*address, 1),
                    value = value
                )
            }
            Request::WriteMultiple { address, values } => crate::t!(
                "prof.modbus.write_many",
                span = span(*address, values.len() as u16)
            ),
        }
    }

    /// The request PDU (function code and data).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![self.function()];
        match self {
            Request::Read { address, count, .. } => {
                out.extend_from_slice(&address.to_be_bytes());
                out.extend_from_slice(&count.to_be_bytes());
            }
            Request::WriteSingle { address, value } => {
                out.extend_from_slice(&address.to_be_bytes());
                out.extend_from_slice(&value.to_be_bytes());
            }
            Request::WriteMultiple { address, values } => {
                out.extend_from_slice(&address.to_be_bytes());
                out.extend_from_slice(&(values.len() as u16).to_be_bytes());
                out.push((values.len() * 2) as u8);
                for v in values {
                    out.extend_from_slice(&v.to_be_bytes());
                }
            }
        }
        out
    }

    /// Check the limits the specification sets (count 1..=125 for reads, 1..=123 for writes,
    /// no wrap past address 0xFFFF).
    pub fn check(&self) -> Result<(), String> {
        let (address, count, max) = match self {
            Request::Read { address, count, .. } => (*address, *count, MAX_READ),
            Request::WriteSingle { .. } => return Ok(()),
            Request::WriteMultiple { address, values } => (
                *address,
                values.len().min(u16::MAX as usize) as u16,
                MAX_WRITE,
            ),
        };
        if count == 0 || count > max {
            return Err(crate::t!("prof.modbus.count", count = count, max = max));
        }
        if address as u32 + count as u32 > 0x1_0000 {
            return Err(crate::t!(
                "prof.modbus.past_end",
                count = count,
                address = format!("{address:#06x}")
            ));
        }
        Ok(())
    }

    /// Parse a request PDU (the simulator's side). An error is the exception code to answer.
    pub fn decode(pdu: &[u8]) -> Result<Request, u8> {
        let Some(&function) = pdu.first() else {
            return Err(ILLEGAL_FUNCTION);
        };
        let word = |i: usize| -> Option<u16> {
            Some(u16::from_be_bytes([*pdu.get(i)?, *pdu.get(i + 1)?]))
        };
        let req = match function {
            0x03 | 0x04 => {
                let (Some(address), Some(count)) = (word(1), word(3)) else {
                    return Err(ILLEGAL_DATA_VALUE);
                };
                if pdu.len() != 5 {
                    return Err(ILLEGAL_DATA_VALUE);
                }
                Request::Read {
                    table: if function == 0x03 {
                        Table::Holding
                    } else {
                        Table::Input
                    },
                    address,
                    count,
                }
            }
            0x06 => {
                let (Some(address), Some(value)) = (word(1), word(3)) else {
                    return Err(ILLEGAL_DATA_VALUE);
                };
                if pdu.len() != 5 {
                    return Err(ILLEGAL_DATA_VALUE);
                }
                Request::WriteSingle { address, value }
            }
            0x10 => {
                let (Some(address), Some(count), Some(&n)) = (word(1), word(3), pdu.get(5)) else {
                    return Err(ILLEGAL_DATA_VALUE);
                };
                if n as usize != count as usize * 2 || pdu.len() != 6 + n as usize {
                    return Err(ILLEGAL_DATA_VALUE);
                }
                let values = (0..count as usize)
                    .map(|i| u16::from_be_bytes([pdu[6 + 2 * i], pdu[7 + 2 * i]]))
                    .collect();
                Request::WriteMultiple { address, values }
            }
            _ => return Err(ILLEGAL_FUNCTION),
        };
        req.check().map_err(|_| ILLEGAL_DATA_VALUE)?;
        Ok(req)
    }

    /// The PDU of a successful reply to this request (`registers` for a read).
    pub fn reply(&self, registers: &[u16]) -> Vec<u8> {
        let mut out = vec![self.function()];
        match self {
            Request::Read { .. } => {
                out.push((registers.len() * 2) as u8);
                for r in registers {
                    out.extend_from_slice(&r.to_be_bytes());
                }
            }
            Request::WriteSingle { address, value } => {
                out.extend_from_slice(&address.to_be_bytes());
                out.extend_from_slice(&value.to_be_bytes());
            }
            Request::WriteMultiple { address, values } => {
                out.extend_from_slice(&address.to_be_bytes());
                out.extend_from_slice(&(values.len() as u16).to_be_bytes());
            }
        }
        out
    }

    /// Length of the reply PDU once its first `head` bytes (at least the function code, and the
    /// byte count for reads) are known; `None` while more bytes are needed to tell.
    pub fn reply_len(&self, head: &[u8]) -> Option<usize> {
        let f = *head.first()?;
        if f & 0x80 != 0 {
            return Some(2);
        }
        match self {
            Request::Read { .. } => head.get(1).map(|n| 2 + *n as usize),
            _ => Some(5),
        }
    }

    /// Parse the reply PDU to this request.
    pub fn parse_reply(&self, pdu: &[u8]) -> Result<Reply, FrameError> {
        let f = *pdu.first().ok_or(FrameError::Short)?;
        if f == self.function() | 0x80 {
            let code = *pdu.get(1).ok_or(FrameError::Short)?;
            return Ok(Reply::Exception(Exception {
                function: self.function(),
                code,
            }));
        }
        if f != self.function() {
            return Err(FrameError::Function {
                want: self.function(),
                got: f,
            });
        }
        match self {
            Request::Read { count, .. } => {
                let n = *pdu.get(1).ok_or(FrameError::Short)? as usize;
                if n != *count as usize * 2 {
                    return Err(FrameError::Count {
                        want: *count as usize * 2,
                        got: n,
                    });
                }
                if pdu.len() != 2 + n {
                    return Err(FrameError::Length {
                        want: 2 + n,
                        got: pdu.len(),
                    });
                }
                Ok(Reply::Registers(
                    pdu[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect(),
                ))
            }
            _ => {
                let want = self.reply(&[]);
                if pdu != want.as_slice() {
                    return Err(FrameError::Echo);
                }
                Ok(Reply::Written)
            }
        }
    }
}

/// `16384..16389 (0x4000..0x4005)`
fn span(address: u16, count: u16) -> String {
    if count <= 1 {
        format!("{address} ({address:#06x})")
    } else {
        let last = address.saturating_add(count - 1);
        format!("{address}..{last} ({address:#06x}..{last:#06x})")
    }
}

/// A successful or exception reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Registers(Vec<u16>),
    Written,
    Exception(Exception),
}

pub const ILLEGAL_FUNCTION: u8 = 0x01;
pub const ILLEGAL_DATA_ADDRESS: u8 = 0x02;
pub const ILLEGAL_DATA_VALUE: u8 = 0x03;
pub const SERVER_DEVICE_FAILURE: u8 = 0x04;
pub const GATEWAY_TARGET_FAILED: u8 = 0x0B;

/// An exception reply: the function it answers and the exception code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exception {
    pub function: u8,
    pub code: u8,
}

impl Exception {
    /// The specification's name for the code.
    pub fn meaning(&self) -> String {
        exception_meaning(self.code)
    }
}

/// The Modbus specification's name of an exception code.
pub fn exception_meaning(code: u8) -> String {
    match code {
        0x01 => crate::t!("prof.modbus.exc_01"),
        0x02 => crate::t!("prof.modbus.exc_02"),
        0x03 => crate::t!("prof.modbus.exc_03"),
        0x04 => crate::t!("prof.modbus.exc_04"),
        0x05 => crate::t!("prof.modbus.exc_05"),
        0x06 => crate::t!("prof.modbus.exc_06"),
        0x08 => crate::t!("prof.modbus.exc_08"),
        0x0A => crate::t!("prof.modbus.exc_0a"),
        0x0B => crate::t!("prof.modbus.exc_0b"),
        _ => crate::t!("prof.modbus.exc_other"),
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::t!(
            "prof.modbus.exception",
            code = format!("{:#04x}", self.code),
            function = format!("{:#04x}", self.function),
            meaning = self.meaning()
        ))
    }
}

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    Short,
    Crc {
        want: u16,
        got: u16,
    },
    Unit {
        want: u8,
        got: u8,
    },
    Function {
        want: u8,
        got: u8,
    },
    Count {
        want: usize,
        got: usize,
    },
    Length {
        want: usize,
        got: usize,
    },
    Transaction {
        want: u16,
        got: u16,
    },
    Protocol(u16),
    /// A write reply that does not repeat the request.
    Echo,
    /// Neither the unit id nor the CRC fits: not a Modbus frame (other line settings, noise).
    Junk,
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            FrameError::Short => crate::t!("prof.modbus.short"),
            FrameError::Crc { want, got } => crate::t!(
                "prof.modbus.crc",
                got = format!("{got:#06x}"),
                want = format!("{want:#06x}")
            ),
            FrameError::Unit { want, got } => crate::t!("prof.modbus.unit", got = got, want = want),
            FrameError::Function { want, got } => crate::t!(
                "prof.modbus.function",
                got = format!("{got:#04x}"),
                want = format!("{want:#04x}")
            ),
            FrameError::Count { want, got } => {
                crate::t!("prof.modbus.bytes", got = got, want = want)
            }
            FrameError::Length { want, got } => {
                crate::t!("prof.modbus.length", got = got, want = want)
            }
            FrameError::Transaction { want, got } => {
                crate::t!("prof.modbus.transaction", got = got, want = want)
            }
            FrameError::Protocol(p) => crate::t!("prof.modbus.protocol", id = p),
            FrameError::Echo => crate::t!("prof.modbus.echo"),
            FrameError::Junk => crate::t!("prof.modbus.junk"),
        };
        f.write_str(&text)
    }
}

/// An RTU frame: unit id, PDU, CRC (low byte first).
pub fn rtu_encode(unit: u8, pdu: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pdu.len() + 3);
    out.push(unit);
    out.extend_from_slice(pdu);
    let crc = crc16(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Split an RTU frame into unit id and PDU, checking the CRC.
pub fn rtu_decode(frame: &[u8]) -> Result<(u8, &[u8]), FrameError> {
    if frame.len() < 4 {
        return Err(FrameError::Short);
    }
    let (body, crc) = frame.split_at(frame.len() - 2);
    let want = crc16(body);
    let got = u16::from_le_bytes([crc[0], crc[1]]);
    if want != got {
        return Err(FrameError::Crc { want, got });
    }
    Ok((body[0], &body[1..]))
}

/// Length of the request frame in `head` (RTU, the simulator's side), when it can be told.
pub fn rtu_request_len(head: &[u8]) -> Option<usize> {
    let f = *head.get(1)?;
    match f {
        0x03 | 0x04 | 0x06 => Some(8),
        0x10 => head.get(6).map(|n| 9 + *n as usize),
        // Unknown function: the length cannot be told; the frame ends at the silence.
        _ => None,
    }
}

/// A TCP frame: MBAP header (transaction, protocol 0, length, unit) and PDU.
pub fn tcp_encode(transaction: u16, unit: u8, pdu: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pdu.len() + 7);
    out.extend_from_slice(&transaction.to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&((pdu.len() + 1) as u16).to_be_bytes());
    out.push(unit);
    out.extend_from_slice(pdu);
    out
}

/// Length of the TCP frame whose first bytes are `head`, once the MBAP header is in.
pub fn tcp_frame_len(head: &[u8]) -> Option<usize> {
    if head.len() < 6 {
        return None;
    }
    Some(6 + u16::from_be_bytes([head[4], head[5]]) as usize)
}

/// Split a TCP frame into transaction id, unit id and PDU.
pub fn tcp_decode(frame: &[u8]) -> Result<(u16, u8, &[u8]), FrameError> {
    let want = tcp_frame_len(frame).ok_or(FrameError::Short)?;
    if frame.len() < 8 {
        return Err(FrameError::Short);
    }
    if frame.len() != want {
        return Err(FrameError::Length {
            want,
            got: frame.len(),
        });
    }
    let protocol = u16::from_be_bytes([frame[2], frame[3]]);
    if protocol != 0 {
        return Err(FrameError::Protocol(protocol));
    }
    Ok((
        u16::from_be_bytes([frame[0], frame[1]]),
        frame[6],
        &frame[7..],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn crc_matches_known_frames() {
        // Read 10 holding registers from 0 at unit 1: the frame every Modbus guide shows.
        assert_eq!(
            rtu_encode(1, &[0x03, 0x00, 0x00, 0x00, 0x0A]),
            vec![0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD]
        );
        // CRC-16/MODBUS check value of "123456789".
        assert_eq!(crc16(b"123456789"), 0x4B37);
    }

    #[test]
    fn requests_encode_as_the_specification_says() {
        let r = Request::Read {
            table: Table::Input,
            address: 0x4000,
            count: 6,
        };
        assert_eq!(r.encode(), vec![0x04, 0x40, 0x00, 0x00, 0x06]);
        let w = Request::WriteMultiple {
            address: 0x0100,
            values: vec![0x1234, 0xABCD],
        };
        assert_eq!(
            w.encode(),
            vec![0x10, 0x01, 0x00, 0x00, 0x02, 0x04, 0x12, 0x34, 0xAB, 0xCD]
        );
        assert_eq!(
            tcp_encode(7, 255, &r.encode()),
            vec![0, 7, 0, 0, 0, 6, 255, 0x04, 0x40, 0x00, 0x00, 0x06]
        );
        assert!(
            Request::Read {
                table: Table::Holding,
                address: 0,
                count: 126
            }
            .check()
            .is_err()
        );
        assert!(
            Request::Read {
                table: Table::Holding,
                address: 0xFFFF,
                count: 2
            }
            .check()
            .is_err()
        );
    }

    #[test]
    fn exception_replies_name_function_code_and_meaning() {
        let r = Request::Read {
            table: Table::Holding,
            address: 100,
            count: 2,
        };
        let reply = r.parse_reply(&[0x83, 0x02]).unwrap();
        let Reply::Exception(e) = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(
            e.to_string(),
            "exception 0x02 to function 0x03: illegal data address (no such register on this station)"
        );
        assert_eq!(r.reply_len(&[0x83]), Some(2));
        assert_eq!(
            r.parse_reply(&[0x04, 4, 0, 1, 0, 2]),
            Err(FrameError::Function {
                want: 0x03,
                got: 0x04
            })
        );
    }

    fn request() -> impl Strategy<Value = Request> {
        prop_oneof![
            (any::<bool>(), 0u16..0xFF00, 1u16..=125).prop_map(|(h, address, count)| {
                Request::Read {
                    table: if h { Table::Holding } else { Table::Input },
                    address,
                    count,
                }
            }),
            (any::<u16>(), any::<u16>())
                .prop_map(|(address, value)| Request::WriteSingle { address, value }),
            (
                0u16..0xFF00,
                proptest::collection::vec(any::<u16>(), 1..=123)
            )
                .prop_map(|(address, values)| Request::WriteMultiple { address, values }),
        ]
    }

    proptest! {
        #[test]
        fn rtu_frames_round_trip(unit in any::<u8>(), req in request()) {
            let frame = rtu_encode(unit, &req.encode());
            prop_assert_eq!(rtu_request_len(&frame), Some(frame.len()));
            let (u, pdu) = rtu_decode(&frame).unwrap();
            prop_assert_eq!(u, unit);
            prop_assert_eq!(Request::decode(pdu), Ok(req));
        }

        #[test]
        fn tcp_frames_round_trip(tx in any::<u16>(), unit in any::<u8>(), req in request()) {
            let frame = tcp_encode(tx, unit, &req.encode());
            prop_assert_eq!(tcp_frame_len(&frame), Some(frame.len()));
            let (t, u, pdu) = tcp_decode(&frame).unwrap();
            prop_assert_eq!((t, u), (tx, unit));
            prop_assert_eq!(Request::decode(pdu), Ok(req));
        }

        #[test]
        fn replies_round_trip(req in request(), seed in any::<u16>()) {
            let regs: Vec<u16> = match &req {
                Request::Read { count, .. } => (0..*count).map(|i| i.wrapping_mul(seed)).collect(),
                _ => Vec::new(),
            };
            let pdu = req.reply(&regs);
            prop_assert_eq!(req.reply_len(&pdu), Some(pdu.len()));
            let want = match &req {
                Request::Read { .. } => Reply::Registers(regs),
                _ => Reply::Written,
            };
            prop_assert_eq!(req.parse_reply(&pdu), Ok(want));
        }

        /// CRC-16 detects every single-bit error and every burst up to 16 bits.
        #[test]
        fn any_flipped_bit_fails_the_crc(unit in any::<u8>(), req in request(), bit in any::<prop::sample::Index>()) {
            let mut frame = rtu_encode(unit, &req.encode());
            let i = bit.index(frame.len() * 8);
            frame[i / 8] ^= 1 << (i % 8);
            let crc_failed = matches!(rtu_decode(&frame), Err(FrameError::Crc { .. }));
            prop_assert!(crc_failed);
        }

        /// Bytes that are no frame never panic the parsers.
        #[test]
        fn junk_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300), req in request()) {
            let _ = rtu_decode(&bytes);
            let _ = tcp_decode(&bytes);
            let _ = Request::decode(&bytes);
            let _ = req.parse_reply(&bytes);
            let _ = req.reply_len(&bytes);
            let _ = rtu_request_len(&bytes);
        }
    }
}
