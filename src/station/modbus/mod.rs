//! Modbus for vendor profiles: RTU over a serial port (RS-485 adapter or the simulator's pty)
//! and TCP, on top of the byte [`Transport`].
//!
//! [`frame`] holds the pure framing, [`value`] the register decoding; [`Client`] sends one
//! request and waits for its reply:
//!
//! - RTU: before sending, the line has been quiet for 3.5 character times (the specification's
//!   inter-frame silence, 1.75 ms above 19200 baud); the reply's length follows from its function
//!   code and byte count, so a reply split by a USB adapter's latency is still read whole; a
//!   reply that stops short for longer than the profile's `frame_gap_ms` is a broken frame.
//! - TCP: the MBAP header's length says how much to read; replies to an earlier transaction (a
//!   retry's late answer) are skipped.
//!
//! Every frame is recorded as traffic for the journal.

pub mod frame;
pub mod value;

use std::time::{Duration, Instant};

use chrono::Utc;

pub use self::frame::{Exception, FrameError, Reply, Request, Table};
use super::transport::Transport;
use super::{Direction, Traffic};
use crate::Result;

/// How one exchange went wrong (besides a vanished port, which is an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// Nothing came back in time.
    Timeout,
    /// Bytes came back but do not make the reply (bad CRC, wrong unit, cut short...).
    Frame(FrameError, Vec<u8>),
}

/// RTU or TCP framing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Rtu {
        /// 3.5 character times at the port's baud rate.
        silence: Duration,
        /// How long a reply may pause before it counts as cut short.
        gap: Duration,
    },
    Tcp,
}

impl Mode {
    /// RTU timing for a baud rate (Modbus over Serial Line V1.02, 2.5.1.1).
    pub fn rtu(baud: u32, gap: Duration) -> Mode {
        Mode::Rtu {
            silence: rtu_silence(baud),
            gap,
        }
    }
}

/// The silent interval that separates RTU frames at `baud`: 3.5 characters of 11 bits, fixed at
/// 1.75 ms above 19200 baud (Modbus over Serial Line V1.02, 2.5.1.1).
pub fn rtu_silence(baud: u32) -> Duration {
    if baud > 19_200 {
        Duration::from_micros(1750)
    } else {
        Duration::from_micros(38_500_000 / baud.max(1) as u64)
    }
}

/// A Modbus client on one transport.
pub struct Client {
    transport: Box<dyn Transport>,
    mode: Mode,
    unit: u8,
    transaction: u16,
    last_io: Option<Instant>,
    pending: Vec<u8>,
    traffic: Vec<Traffic>,
}

impl Client {
    pub fn new(transport: Box<dyn Transport>, mode: Mode, unit: u8) -> Client {
        Client {
            transport,
            mode,
            unit,
            transaction: 0,
            last_io: None,
            pending: Vec::new(),
            traffic: Vec::new(),
        }
    }

    pub fn name(&self) -> &str {
        self.transport.name()
    }

    pub fn unit(&self) -> u8 {
        self.unit
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn take_traffic(&mut self) -> Vec<Traffic> {
        std::mem::take(&mut self.traffic)
    }

    fn record(&mut self, dir: Direction, bytes: &[u8]) {
        if !bytes.is_empty() {
            self.traffic.push(Traffic {
                dir,
                bytes: bytes.to_vec(),
                at: Utc::now(),
            });
        }
    }

    /// Read what is there within `timeout` into `pending`; the number of bytes read.
    fn fill(&mut self, timeout: Duration) -> Result<usize> {
        let mut buf = [0u8; 512];
        let n = self.transport.read(&mut buf, timeout)?;
        if n > 0 {
            self.record(Direction::Received, &buf[..n]);
            self.pending.extend_from_slice(&buf[..n]);
            self.last_io = Some(Instant::now());
        }
        Ok(n)
    }

    /// Send one request and wait for its reply. `Err` only when the port is gone.
    pub fn exchange(
        &mut self,
        req: &Request,
        timeout: Duration,
    ) -> Result<std::result::Result<Reply, Trouble>> {
        // Whatever arrived since the last exchange is stale (a late reply to a timed-out try).
        self.pending.clear();
        while self.fill(Duration::ZERO)? > 0 {
            self.pending.clear();
        }
        match self.mode {
            Mode::Rtu { silence, gap } => {
                if let Some(t) = self.last_io {
                    let quiet = t.elapsed();
                    if quiet < silence {
                        std::thread::sleep(silence - quiet);
                    }
                }
                let out = frame::rtu_encode(self.unit, &req.encode());
                self.record(Direction::Sent, &out);
                self.transport.write_all(&out)?;
                self.last_io = Some(Instant::now());
                self.read_rtu(req, timeout, gap)
            }
            Mode::Tcp => {
                self.transaction = self.transaction.wrapping_add(1);
                let out = frame::tcp_encode(self.transaction, self.unit, &req.encode());
                self.record(Direction::Sent, &out);
                self.transport.write_all(&out)?;
                self.read_tcp(req, timeout)
            }
        }
    }

    fn read_rtu(
        &mut self,
        req: &Request,
        timeout: Duration,
        gap: Duration,
    ) -> Result<std::result::Result<Reply, Trouble>> {
        let deadline = crate::waits::deadline(Instant::now(), timeout);
        let mut last_byte = Instant::now();
        loop {
            if self.pending.len() >= 2 {
                // Unit id, then the PDU; the CRC's two bytes follow.
                if let Some(pdu_len) = req.reply_len(&self.pending[1..]) {
                    let want = 1 + pdu_len + 2;
                    if self.pending.len() >= want {
                        let frame: Vec<u8> = self.pending.drain(..want).collect();
                        return Ok(self.parse_rtu(req, &frame));
                    }
                }
            }
            let now = Instant::now();
            if !self.pending.is_empty() && now.duration_since(last_byte) > gap {
                let bytes = std::mem::take(&mut self.pending);
                return Ok(Err(Trouble::Frame(FrameError::Short, bytes)));
            }
            if now >= deadline {
                return Ok(Err(match self.pending.is_empty() {
                    true => Trouble::Timeout,
                    false => Trouble::Frame(FrameError::Short, std::mem::take(&mut self.pending)),
                }));
            }
            let wait = if self.pending.is_empty() {
                deadline - now
            } else {
                (deadline - now).min(gap)
            };
            if self.fill(wait)? > 0 {
                last_byte = Instant::now();
            }
        }
    }

    fn parse_rtu(&self, req: &Request, frame: &[u8]) -> std::result::Result<Reply, Trouble> {
        let bad = |e| Trouble::Frame(e, frame.to_vec());
        let (unit, pdu) = frame::rtu_decode(frame).map_err(|e| match e {
            // A wrong CRC on a frame from an unknown unit: not a frame at all.
            FrameError::Crc { .. } if frame.first() != Some(&self.unit) => bad(FrameError::Junk),
            e => bad(e),
        })?;
        if unit != self.unit {
            return Err(bad(FrameError::Unit {
                want: self.unit,
                got: unit,
            }));
        }
        req.parse_reply(pdu).map_err(bad)
    }

    fn read_tcp(
        &mut self,
        req: &Request,
        timeout: Duration,
    ) -> Result<std::result::Result<Reply, Trouble>> {
        let deadline = crate::waits::deadline(Instant::now(), timeout);
        loop {
            if let Some(len) = frame::tcp_frame_len(&self.pending) {
                if !(8..=7 + 253).contains(&len) {
                    let bytes = std::mem::take(&mut self.pending);
                    return Ok(Err(Trouble::Frame(
                        FrameError::Length { want: 8, got: len },
                        bytes,
                    )));
                }
                if self.pending.len() >= len {
                    let frame: Vec<u8> = self.pending.drain(..len).collect();
                    let bad = |e| Trouble::Frame(e, frame.clone());
                    let (tx, unit, pdu) = match frame::tcp_decode(&frame) {
                        Ok(x) => x,
                        Err(e) => return Ok(Err(bad(e))),
                    };
                    if tx != self.transaction {
                        // A late answer to an earlier try: skip it.
                        continue;
                    }
                    if unit != self.unit {
                        return Ok(Err(bad(FrameError::Unit {
                            want: self.unit,
                            got: unit,
                        })));
                    }
                    return Ok(req.parse_reply(pdu).map_err(bad));
                }
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(Err(match self.pending.is_empty() {
                    true => Trouble::Timeout,
                    false => Trouble::Frame(FrameError::Short, std::mem::take(&mut self.pending)),
                }));
            }
            self.fill(deadline - now)?;
        }
    }
}
