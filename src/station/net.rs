//! Reaching a station over the network: its address as the installer gives it, and a TCP byte
//! transport (Modbus TCP rides on it).
//!
//! A laptop on the station's service Ethernet port or local Wi-Fi talks to a private address
//! (`192.168.0.10`, `169.254.x.y`); proxies configured for the internet are never used.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::transport::{Transport, unplugged};
use crate::{Error, Result};

/// Error code: the station's address cannot be used.
pub const E_ADDRESS: &str = "E_STATION_ADDRESS";
/// Error code: nothing answers at the station's address.
pub const E_UNREACHABLE: &str = "E_STATION_UNREACHABLE";

/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A host and port taken from `host`, `host:port`, `[v6]:port` or `scheme://host[:port][/...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub host: String,
    pub port: u16,
}

impl Address {
    /// Parse what the installer typed; `default_port` when it names none.
    pub fn parse(text: &str, default_port: u16) -> Result<Address> {
        let bad = |why: String| {
            Error::usage(
                E_ADDRESS,
                crate::t!("stn.net.bad_address", text = text, why = why),
            )
            .with_help(crate::t!("stn.net.bad_address_help"))
        };
        let t = text.trim();
        let rest = match t.split_once("://") {
            Some((_, r)) => r,
            None => t,
        };
        let hostport = rest.split(['/', '?', '#']).next().unwrap_or("");
        if hostport.is_empty() {
            return Err(bad(crate::t!("stn.net.no_host")));
        }
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (h, after) = v6
                .split_once(']')
                .ok_or_else(|| bad(crate::t!("stn.net.no_bracket")))?;
            match after.strip_prefix(':') {
                Some(p) => (h.to_string(), Some(p)),
                None if after.is_empty() => (h.to_string(), None),
                None => return Err(bad(crate::t!("stn.net.after_v6"))),
            }
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) if !h.contains(':') => (h.to_string(), Some(p)),
                Some(_) => return Err(bad(crate::t!("stn.net.v6_brackets"))),
                None => (hostport.to_string(), None),
            }
        };
        if host.is_empty()
            || host
                .chars()
                .any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '%' | '_')))
        {
            return Err(bad(crate::t!("stn.net.bad_host_chars")));
        }
        let port = match port {
            Some(p) => p
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| bad(crate::t!("stn.net.bad_port")))?,
            None => default_port,
        };
        Ok(Address { host, port })
    }

    /// `host:port` (IPv6 in brackets).
    pub fn display(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The socket addresses the host resolves to.
    pub fn resolve(&self) -> Result<Vec<SocketAddr>> {
        let addrs: Vec<SocketAddr> = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| {
                Error::station(
                    E_UNREACHABLE,
                    crate::t!("stn.net.cannot_resolve", host = self.host, why = e),
                )
                .with_help(crate::t!("stn.net.cannot_resolve_help"))
            })?
            .collect();
        if addrs.is_empty() {
            return Err(Error::station(
                E_UNREACHABLE,
                crate::t!("stn.net.no_address", host = self.host),
            ));
        }
        Ok(addrs)
    }
}

/// The error for a station that does not take a connection.
pub fn unreachable(what: &str, addr: &str, detail: impl std::fmt::Display) -> Error {
    Error::station(
        E_UNREACHABLE,
        crate::t!(
            "stn.net.unreachable",
            what = what,
            addr = addr,
            why = detail
        ),
    )
    .with_help(crate::t!("stn.net.unreachable_help"))
}

/// A TCP connection to the station.
pub struct TcpTransport {
    stream: TcpStream,
    name: String,
    gone: Option<String>,
}

/// Connect to `addr` (what: `Modbus TCP server`, for messages).
pub fn connect_tcp(addr: &Address, what: &str) -> Result<Box<dyn Transport>> {
    let name = addr.display();
    let mut last = crate::t!("stn.net.no_address_tried");
    for sa in addr.resolve()? {
        match TcpStream::connect_timeout(&sa, CONNECT_TIMEOUT) {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                return Ok(Box::new(TcpTransport {
                    stream,
                    name,
                    gone: None,
                }));
            }
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                last = crate::t!("stn.net.connect_timeout", secs = CONNECT_TIMEOUT.as_secs())
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(unreachable(what, &name, last))
}

impl TcpTransport {
    fn fail(&mut self, detail: String) -> Error {
        let e = unplugged(&self.name, &detail);
        self.gone = Some(detail);
        e
    }
}

impl Transport for TcpTransport {
    fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        if let Some(d) = &self.gone {
            return Err(unplugged(&self.name, d));
        }
        let _ = self.stream.set_write_timeout(Some(Duration::from_secs(2)));
        self.stream
            .write_all(bytes)
            .map_err(|e| self.fail(crate::t!("stn.net.broke", why = e)))
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize> {
        if let Some(d) = &self.gone {
            return Err(unplugged(&self.name, d));
        }
        if buf.is_empty() {
            return Ok(0);
        }
        if timeout.is_zero() {
            self.stream.set_nonblocking(true).ok();
            let r = self.stream.read(buf);
            self.stream.set_nonblocking(false).ok();
            return match r {
                Ok(0) => Err(self.fail(crate::t!("stn.probe.closed"))),
                Ok(n) => Ok(n),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(0),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(0),
                Err(e) => Err(self.fail(crate::t!("stn.net.broke", why = e))),
            };
        }
        let _ = self.stream.set_read_timeout(Some(timeout));
        match self.stream.read(buf) {
            Ok(0) => Err(self.fail(crate::t!("stn.probe.closed"))),
            Ok(n) => Ok(n),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) =>
            {
                Ok(0)
            }
            Err(e) => Err(self.fail(crate::t!("stn.net.broke", why = e))),
        }
    }

    fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_the_forms_installers_type() {
        let a = |s: &str| Address::parse(s, 502).map(|a| (a.host, a.port));
        assert_eq!(a("192.168.0.10").unwrap(), ("192.168.0.10".into(), 502));
        assert_eq!(a(" 10.0.0.2:1502 ").unwrap(), ("10.0.0.2".into(), 1502));
        assert_eq!(
            a("http://goe.local/api").unwrap(),
            ("goe.local".into(), 502)
        );
        assert_eq!(a("tcp://[fe80::1]:503").unwrap(), ("fe80::1".into(), 503));
        assert_eq!(a("[::1]").unwrap(), ("::1".into(), 502));
        for bad in ["", ":80", "host:0", "host:99999", "fe80::1", "a b", "[::1"] {
            let e = a(bad).unwrap_err();
            assert_eq!(e.code, E_ADDRESS, "{bad}");
            assert!(e.message.contains(bad.trim()), "{}", e.message);
        }
        assert_eq!(
            Address::parse("fe80::1%eth0", 1).err().map(|e| e.code),
            Some(E_ADDRESS)
        );
    }

    #[test]
    fn a_closed_port_is_unreachable_not_a_panic() {
        // Bind then drop: the port is (very likely) closed afterwards.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let e = connect_tcp(
            &Address {
                host: "127.0.0.1".into(),
                port,
            },
            "Modbus TCP server",
        )
        .err()
        .unwrap();
        assert_eq!(e.code, E_UNREACHABLE);
        assert!(
            e.message.contains(&format!("127.0.0.1:{port}")),
            "{}",
            e.message
        );
        assert!(e.help.unwrap().contains("service network"));
    }
}
