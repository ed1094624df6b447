//! Byte transports: serial port, pseudo-terminal, memory.
//!
//! A [`Transport`] moves bytes and nothing else; what the bytes mean is the driver's business
//! (see [`super::console`]). The serial transport works on real USB-serial adapters and on the
//! simulator's pseudo-terminal alike (a pty never shows up in port enumeration, so a path is
//! accepted as given). [`MemoryTransport`] replays scripted replies for unit tests.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::{Error, Result};

/// Error code: no serial port at the given path.
pub const E_PORT_NOT_FOUND: &str = "E_PORT_NOT_FOUND";
/// Error code: the port exists but the user may not open it.
pub const E_PORT_PERMISSION: &str = "E_PORT_PERMISSION";
/// Error code: another program holds the port.
pub const E_PORT_BUSY: &str = "E_PORT_BUSY";
/// Error code: the port could not be opened or configured for another reason.
pub const E_PORT_OPEN: &str = "E_PORT_OPEN";
/// Error code: the station went away while in use (cable pulled, adapter gone, pty closed).
pub const E_STATION_UNPLUGGED: &str = "E_STATION_UNPLUGGED";

/// How long one write may wait for the port to take the bytes.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// Moves bytes to and from a station's service port.
pub trait Transport: Send {
    /// Write every byte, or fail.
    fn write_all(&mut self, bytes: &[u8]) -> Result<()>;
    /// Read what is available, waiting at most `timeout` for the first byte.
    /// `Ok(0)` means the timeout passed with nothing read; a vanished port is an error.
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize>;
    /// The port's name as the user knows it (`/dev/ttyUSB0`, `/dev/pts/4`, `COM3`).
    fn name(&self) -> &str;
}

/// Line settings of a serial port. The default is 115200 baud, 8 data bits, no parity, one stop
/// bit, no flow control (irrelevant on a pseudo-terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SerialSettings {
    pub baud: u32,
    pub data_bits: serialport::DataBits,
    pub parity: serialport::Parity,
    pub stop_bits: serialport::StopBits,
    pub flow_control: serialport::FlowControl,
}

impl Default for SerialSettings {
    fn default() -> Self {
        SerialSettings {
            baud: 115_200,
            data_bits: serialport::DataBits::Eight,
            parity: serialport::Parity::None,
            stop_bits: serialport::StopBits::One,
            flow_control: serialport::FlowControl::None,
        }
    }
}

/// The error for a station that vanished while in use.
pub fn unplugged(port: &str, detail: impl std::fmt::Display) -> Error {
    Error::station(
        E_STATION_UNPLUGGED,
        crate::t!("stn.port.unplugged", port = port, detail = detail),
    )
    .with_help(crate::t!("stn.port.unplugged_help"))
}

#[cfg(unix)]
type Port = serialport::TTYPort;
#[cfg(windows)]
type Port = serialport::COMPort;

/// A serial port (or pty) opened with [`open_serial`].
struct SerialTransport {
    port: Port,
    name: String,
    timeout: Duration,
    /// Set once the port failed with a disconnect; later calls fail the same way without
    /// touching the dead descriptor.
    gone: Option<String>,
}

impl SerialTransport {
    fn set_timeout(&mut self, timeout: Duration) -> Result<()> {
        if self.timeout != timeout {
            serialport::SerialPort::set_timeout(&mut self.port, timeout)
                .map_err(|e| unplugged(&self.name, e))?;
            self.timeout = timeout;
        }
        Ok(())
    }

    fn fail(&mut self, detail: String) -> Error {
        let err = unplugged(&self.name, &detail);
        self.gone = Some(detail);
        err
    }
}

impl Transport for SerialTransport {
    fn write_all(&mut self, mut bytes: &[u8]) -> Result<()> {
        if let Some(detail) = &self.gone {
            return Err(unplugged(&self.name, detail));
        }
        self.set_timeout(WRITE_TIMEOUT)?;
        while !bytes.is_empty() {
            match self.port.write(bytes) {
                Ok(0) => return Err(self.fail(crate::t!("stn.port.no_more_data"))),
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
                    ) =>
                {
                    return Err(Error::station(
                        "E_STATION_TIMEOUT",
                        crate::t!(
                            "stn.port.write_timeout",
                            port = self.name,
                            secs = WRITE_TIMEOUT.as_secs()
                        ),
                    )
                    .with_help(crate::t!("stn.port.write_timeout_help")));
                }
                Err(e) => return Err(self.fail(e.to_string())),
            }
        }
        Ok(())
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize> {
        if let Some(detail) = &self.gone {
            return Err(unplugged(&self.name, detail));
        }
        if buf.is_empty() {
            return Ok(0);
        }
        self.set_timeout(timeout)?;
        match self.port.read(buf) {
            // A tty reads end-of-file only after a hangup: the other side is gone.
            Ok(0) => Err(self.fail(crate::t!("stn.port.eof_hung_up"))),
            Ok(n) => Ok(n),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::TimedOut
                        | io::ErrorKind::WouldBlock
                        | io::ErrorKind::Interrupted
                ) =>
            {
                Ok(0)
            }
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                Err(self.fail(crate::t!("stn.port.hung_up")))
            }
            Err(e) => Err(self.fail(e.to_string())),
        }
    }

    fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for SerialTransport {
    fn drop(&mut self) {
        // Opening sets TIOCEXCL so a second program cannot open the port while we use it. A pty
        // stays open on the simulator's side after we close ours, so the flag would outlive us
        // and lock out the next `evfield` run; clear it on the way out. Errors don't matter here.
        #[cfg(unix)]
        if self.gone.is_none() {
            let _ = self.port.set_exclusive(false);
        }
    }
}

/// Open a serial port (or a pseudo-terminal path) with the given line settings.
///
/// The path is used as given, so a pty that port enumeration never lists works too.
pub fn open_serial(path: &str, settings: &SerialSettings) -> Result<Box<dyn Transport>> {
    if path.trim().is_empty() {
        return Err(
            Error::usage("E_PORT_NOT_FOUND", crate::t!("stn.port.none_given"))
                .with_help(crate::t!("stn.port.none_given_help")),
        );
    }
    #[cfg(unix)]
    if let Err(e) = std::fs::metadata(path)
        && e.kind() == io::ErrorKind::NotFound
    {
        return Err(not_found(path));
    }
    let builder = serialport::new(path, settings.baud)
        .data_bits(settings.data_bits)
        .parity(settings.parity)
        .stop_bits(settings.stop_bits)
        .flow_control(settings.flow_control)
        .timeout(WRITE_TIMEOUT);
    let port: Port = builder.open_native().map_err(|e| open_error(path, e))?;
    Ok(Box::new(SerialTransport {
        port,
        name: path.to_string(),
        timeout: WRITE_TIMEOUT,
        gone: None,
    }))
}

fn not_found(path: &str) -> Error {
    Error::station(
        E_PORT_NOT_FOUND,
        crate::t!("stn.port.not_found", path = path),
    )
    .with_help(crate::t!("stn.port.not_found_help"))
}

fn open_error(path: &str, e: serialport::Error) -> Error {
    use serialport::ErrorKind as K;
    match e.kind() {
        K::Io(io::ErrorKind::NotFound) => not_found(path),
        K::Io(io::ErrorKind::PermissionDenied) => Error::station(
            E_PORT_PERMISSION,
            crate::t!("stn.port.permission", path = path),
        )
        .with_help(if cfg!(target_os = "linux") {
            crate::t!("stn.port.permission_help_linux")
        } else {
            crate::t!("stn.port.permission_help_other")
        }),
        K::NoDevice => Error::station(
            E_PORT_BUSY,
            crate::t!("stn.port.busy", path = path, why = e.description),
        )
        .with_help(crate::t!("stn.port.busy_help")),
        K::InvalidInput => Error::usage(
            E_PORT_OPEN,
            crate::t!("stn.port.not_usable", path = path, why = e.description),
        )
        .with_help(crate::t!("stn.port.not_usable_help")),
        _ => Error::station(
            E_PORT_OPEN,
            crate::t!("stn.port.open_failed", path = path, why = e.description),
        )
        .with_help(crate::t!("stn.port.open_failed_help")),
    }
}

#[derive(Debug, Default)]
struct MemoryInner {
    /// Bytes the driver can read now.
    readable: VecDeque<u8>,
    /// Replies released one by one, each when a write ends a command line.
    replies: VecDeque<Vec<u8>>,
    /// Everything written, in order.
    written: Vec<u8>,
    /// Once set, reads and writes fail as if the cable was pulled.
    unplugged: bool,
}

/// An in-memory transport for unit tests: scripted replies, recorded writes.
///
/// Each write that ends with CR or LF (one command line) releases the next scripted reply; bytes
/// given with [`MemoryTransport::with_pending`] are readable at once. A read with nothing to read
/// waits its timeout and returns `Ok(0)`. Clones share the same script, so a test keeps a clone to
/// inspect [`MemoryTransport::written`] after handing the transport to a driver.
#[derive(Debug, Clone)]
pub struct MemoryTransport {
    name: String,
    inner: Arc<Mutex<MemoryInner>>,
}

impl MemoryTransport {
    pub fn new(name: &str) -> Self {
        MemoryTransport {
            name: name.to_string(),
            inner: Arc::default(),
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, MemoryInner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queue a reply, released after the next command line is written.
    pub fn with_reply(self, bytes: impl AsRef<[u8]>) -> Self {
        self.inner().replies.push_back(bytes.as_ref().to_vec());
        self
    }

    /// Bytes readable before anything is written (a stale banner, noise).
    pub fn with_pending(self, bytes: impl AsRef<[u8]>) -> Self {
        self.inner().readable.extend(bytes.as_ref());
        self
    }

    /// Everything written so far.
    pub fn written(&self) -> Vec<u8> {
        self.inner().written.clone()
    }

    /// From now on, reads and writes fail as if the station was unplugged.
    pub fn unplug(&self) {
        self.inner().unplugged = true;
    }
}

impl Transport for MemoryTransport {
    fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let mut inner = self.inner();
        if inner.unplugged {
            return Err(unplugged(&self.name, "memory transport unplugged"));
        }
        inner.written.extend_from_slice(bytes);
        if (bytes.ends_with(b"\r") || bytes.ends_with(b"\n"))
            && let Some(reply) = inner.replies.pop_front()
        {
            inner.readable.extend(reply);
        }
        Ok(())
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize> {
        {
            let mut inner = self.inner();
            if inner.unplugged {
                return Err(unplugged(&self.name, "memory transport unplugged"));
            }
            if !inner.readable.is_empty() {
                let n = buf.len().min(inner.readable.len());
                for (slot, byte) in buf.iter_mut().zip(inner.readable.drain(..n)) {
                    *slot = byte;
                }
                return Ok(n);
            }
        }
        // Nothing will arrive: behave like a silent port.
        std::thread::sleep(timeout);
        Ok(0)
    }

    fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_transport_releases_one_reply_per_line() {
        let mut t = MemoryTransport::new("mem")
            .with_pending("EVT x\r\n")
            .with_reply("OK a=1\r\n")
            .with_reply("OK b=2\r\n");
        let probe = t.clone();
        let mut buf = [0u8; 64];
        let n = t.read(&mut buf, Duration::ZERO).unwrap();
        assert_eq!(&buf[..n], b"EVT x\r\n");
        assert_eq!(t.read(&mut buf, Duration::ZERO).unwrap(), 0);
        t.write_all(b"ID").unwrap();
        assert_eq!(t.read(&mut buf, Duration::ZERO).unwrap(), 0);
        t.write_all(b"\r\n").unwrap();
        let n = t.read(&mut buf, Duration::ZERO).unwrap();
        assert_eq!(&buf[..n], b"OK a=1\r\n");
        assert_eq!(probe.written(), b"ID\r\n");
        probe.unplug();
        let err = t.read(&mut buf, Duration::ZERO).unwrap_err();
        assert_eq!(err.code, E_STATION_UNPLUGGED);
    }

    #[test]
    fn missing_port_is_a_clear_error() {
        let err = open_serial("/dev/ttyUSB9-evfield-test", &SerialSettings::default())
            .err()
            .expect("no such port");
        assert_eq!(err.code, E_PORT_NOT_FOUND);
        assert!(
            err.message
                .contains("no serial port at /dev/ttyUSB9-evfield-test")
        );
        assert!(err.help.unwrap().contains("evfield ports"));
    }

    #[test]
    fn a_regular_file_is_not_a_serial_port() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let path = file.path().to_str().unwrap();
        let err = open_serial(path, &SerialSettings::default())
            .err()
            .expect("not a tty");
        assert_eq!(err.code, E_PORT_OPEN, "{}", err.message);
        assert!(err.message.contains(path));
    }
}
