//! A station's UDP protocol on the local network (KEBA KeContact P30: `report 1` on port 7090).
//!
//! One datagram out, one datagram back from the station's address. Datagrams that were already
//! waiting (late replies, broadcasts) are dropped before a command is sent.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use chrono::Utc;

use super::net::Address;
use super::{Direction, Traffic};
use crate::{Error, Result};

/// A UDP client for one station.
pub struct Client {
    sock: UdpSocket,
    peer: SocketAddr,
    name: String,
    traffic: Vec<Traffic>,
}

impl Client {
    /// `local_port` 0 lets the system choose; some stations answer only to a fixed port.
    pub fn open(addr: &Address, local_port: u16) -> Result<Client> {
        let peer = addr.resolve()?[0];
        // A station on this machine (a simulator) is answered on loopback only; a real one on
        // the local network needs the laptop's own address, so every interface.
        let local = match (peer.is_ipv6(), peer.ip().is_loopback()) {
            (true, true) => SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, local_port)),
            (true, false) => SocketAddr::from((std::net::Ipv6Addr::UNSPECIFIED, local_port)),
            (false, true) => SocketAddr::from((Ipv4Addr::LOCALHOST, local_port)),
            (false, false) => SocketAddr::from((Ipv4Addr::UNSPECIFIED, local_port)),
        };
        let sock = UdpSocket::bind(local).map_err(|e| {
            let busy = e.kind() == io::ErrorKind::AddrInUse;
            Error::station(
                if busy { "E_PORT_BUSY" } else { "E_PORT_OPEN" },
                crate::t!("prof.udp.cannot_open", port = local_port, why = e),
            )
            .with_help(if busy {
                crate::t!("prof.udp.busy_help")
            } else {
                crate::t!("prof.udp.open_help")
            })
        })?;
        Ok(Client {
            sock,
            peer,
            name: format!("udp://{}", addr.display()),
            traffic: Vec::new(),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn take_traffic(&mut self) -> Vec<Traffic> {
        std::mem::take(&mut self.traffic)
    }

    /// Send `payload`; the reply datagram, or `None` after `timeout`.
    pub fn exchange(&mut self, payload: &[u8], timeout: Duration) -> Result<Option<Vec<u8>>> {
        let mut buf = vec![0u8; 65_536];
        // Drop what waited.
        self.sock.set_nonblocking(true).ok();
        while let Ok((n, from)) = self.sock.recv_from(&mut buf) {
            if from.ip() == self.peer.ip() {
                self.record(Direction::Received, &buf[..n]);
            }
        }
        self.sock.set_nonblocking(false).ok();
        self.record(Direction::Sent, payload);
        self.sock
            .send_to(payload, self.peer)
            .map_err(|e| super::net::unreachable("UDP port", &self.name, e))?;
        let deadline = crate::waits::deadline(Instant::now(), timeout);
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Ok(None);
            }
            self.sock
                .set_read_timeout(Some((deadline - now).max(Duration::from_millis(1))))
                .ok();
            match self.sock.recv_from(&mut buf) {
                Ok((n, from)) if from.ip() == self.peer.ip() => {
                    self.record(Direction::Received, &buf[..n]);
                    return Ok(Some(buf[..n].to_vec()));
                }
                Ok(_) => {} // someone else
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                // ICMP port unreachable surfaces as a refused connection on the next receive.
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    return Err(super::net::unreachable(
                        "UDP port",
                        &self.name,
                        crate::t!("prof.udp.icmp"),
                    ));
                }
                Err(e) => return Err(super::net::unreachable("UDP port", &self.name, e)),
            }
        }
    }

    fn record(&mut self, dir: Direction, bytes: &[u8]) {
        self.traffic.push(Traffic {
            dir,
            bytes: bytes.to_vec(),
            at: Utc::now(),
        });
    }
}
