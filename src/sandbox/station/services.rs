//! The simulated station's request/reply services: Modbus RTU on the pseudo-terminal, Modbus
//! TCP, HTTP and UDP on 127.0.0.1, each with the station's fault injection.
//!
//! Every loop polls with a short timeout, so a stop or a completed restart is noticed quickly.
//! While the station restarts it does not answer (Modbus and UDP stay silent, HTTP connections
//! are closed unanswered).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Pacer, Shared, SimFaults, apis, registers, thread_error};
use crate::Result;
use crate::station::modbus::frame::{self, Request};
use crate::station::modbus::rtu_silence;

/// How long a loop waits for input before it checks for a stop.
const POLL: Duration = Duration::from_millis(20);

fn listener(what: &str) -> Result<TcpListener> {
    let l = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).map_err(|e| {
        crate::Error::internal(
            "E_SIM_LISTEN",
            crate::t!("tool.sim.listen", what = what, why = e),
        )
    })?;
    l.set_nonblocking(true).ok();
    Ok(l)
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(f)
        .map_err(thread_error)
}

/// Wait out a slow-reply fault (stops early on shutdown).
fn slow(shared: &Shared, faults: &SimFaults) {
    if let Some(delay) = faults.slow_reply {
        let until = Instant::now() + delay;
        while Instant::now() < until && !shared.stopping() {
            std::thread::sleep(Duration::from_millis(5).min(until - Instant::now()));
        }
    }
}

/// Random bytes, for the garbage fault.
fn garbage(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    while out.len() < n {
        out.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    }
    out.truncate(n);
    out[0] = 0xFE;
    out
}

/// What the station does with one Modbus request PDU: `None` is no answer.
fn modbus_reply(shared: &Shared, faults: &SimFaults, pdu: &[u8]) -> Option<Vec<u8>> {
    let function = pdu.first().copied().unwrap_or(0);
    let exception = |code: u8| vec![function | 0x80, code];
    if let Some(code) = faults.exception {
        shared.log(format!(
            "modbus: function {function:#04x} -> exception {code:#04x} (fault)"
        ));
        return Some(exception(code));
    }
    let d = shared.options.dialect;
    let reply = match Request::decode(pdu) {
        Ok(req) => {
            let r = shared.update(|s| registers::serve(d, s, &req));
            shared.log(format!(
                "modbus: {} -> {}",
                req.describe(),
                match &r {
                    Ok(_) => "ok".to_string(),
                    Err(c) => format!("exception {c:#04x}"),
                }
            ));
            r
        }
        Err(code) => Err(code),
    };
    Some(reply.unwrap_or_else(exception))
}

/// The unit id the station answers as, given the one it was asked for (`None`: ignore).
fn answer_unit(shared: &Shared, faults: &SimFaults, asked: u8) -> Option<u8> {
    match registers::unit_id(shared.options.dialect) {
        Some(own) if faults.wrong_unit => Some(own.wrapping_add(1)),
        Some(own) if own == asked => Some(own),
        Some(_) => None,
        None => Some(asked),
    }
}

/// Modbus RTU on the pty master.
pub(super) fn spawn_rtu(
    shared: Arc<Shared>,
    mut master: serialport::TTYPort,
    slave: serialport::TTYPort,
) -> Result<JoinHandle<()>> {
    spawn("sim-modbus-rtu", move || {
        // Held so the master keeps working while no client has the port open.
        let _slave = slave;
        let mut frame: Vec<u8> = Vec::new();
        let mut last = Instant::now();
        let mut buf = [0u8; 512];
        let mut pacer = Pacer::new(shared.options.baud);
        while !shared.stopping() {
            let booting = shared.booting();
            match master.read(&mut buf) {
                Ok(n) if n > 0 => {
                    frame.extend_from_slice(&buf[..n]);
                    pacer.received(n);
                    last = Instant::now();
                }
                _ => {}
            }
            if frame.is_empty() {
                continue;
            }
            // A frame ends when its length is complete, or at a silence.
            let complete = frame::rtu_request_len(&frame).is_some_and(|l| frame.len() >= l);
            if !complete && last.elapsed() < Duration::from_millis(30) {
                continue;
            }
            let len = frame::rtu_request_len(&frame)
                .unwrap_or(frame.len())
                .min(frame.len());
            let req: Vec<u8> = frame.drain(..len).collect();
            if booting {
                continue;
            }
            // On a paced line a station sees a frame's end only after the silent interval.
            pacer.wait_quiet(shared.options.baud.map(rtu_silence).unwrap_or_default());
            let faults = shared.faults_for_command();
            if faults.silent {
                shared.log("modbus rtu: request ignored (silent)");
                continue;
            }
            let Ok((unit, pdu)) = frame::rtu_decode(&req) else {
                // A real station ignores a frame with a bad CRC.
                shared.log("modbus rtu: bad frame ignored");
                continue;
            };
            let Some(as_unit) = answer_unit(&shared, &faults, unit).filter(|u| *u == unit) else {
                shared.log(format!("modbus rtu: frame for unit {unit} ignored"));
                continue;
            };
            let Some(pdu) = modbus_reply(&shared, &faults, pdu) else {
                continue;
            };
            let mut out = frame::rtu_encode(as_unit, &pdu);
            if faults.crc_error || faults.bad_checksum {
                let n = out.len();
                out[n - 1] ^= 0x5A;
            }
            if faults.garbage {
                out = garbage(out.len());
            }
            slow(&shared, &faults);
            if faults.unplug_mid_reply {
                let _ = master.write_all(&out[..out.len() / 2]);
                shared.log("modbus rtu: unplugged mid-reply");
                shared.unplugged.store(true, Ordering::SeqCst);
                return;
            }
            pacer.send(&out, |chunk| {
                let _ = master.write_all(chunk);
            });
        }
    })
}

/// Modbus TCP on 127.0.0.1; returns its address.
pub(super) fn spawn_modbus_tcp(shared: Arc<Shared>) -> Result<(String, JoinHandle<()>)> {
    serve_tcp(shared, "Modbus TCP", modbus_connection)
}

/// HTTP on 127.0.0.1 (the go-e API); returns its address.
pub(super) fn spawn_http(shared: Arc<Shared>) -> Result<(String, JoinHandle<()>)> {
    serve_tcp(shared, "HTTP", http_connection)
}

/// Listen on 127.0.0.1 and serve each connection with `serve`; returns the address.
fn serve_tcp(
    shared: Arc<Shared>,
    what: &'static str,
    serve: fn(Arc<Shared>, TcpStream),
) -> Result<(String, JoinHandle<()>)> {
    let l = listener(what)?;
    let addr = l.local_addr().map(|a| a.to_string()).unwrap_or_default();
    shared.log(format!("{what} on {addr}"));
    let t = spawn("sim-tcp", move || accept_loop(&shared, &l, serve))?;
    Ok((addr, t))
}

/// Accept connections until stopped; each is served on its own thread.
fn accept_loop(shared: &Arc<Shared>, l: &TcpListener, serve: fn(Arc<Shared>, TcpStream)) {
    let mut conns: Vec<JoinHandle<()>> = Vec::new();
    while !shared.stopping() {
        shared.booting();
        match l.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).ok();
                stream.set_read_timeout(Some(POLL)).ok();
                let sh = Arc::clone(shared);
                if let Ok(t) = spawn("sim-conn", move || serve(sh, stream)) {
                    conns.push(t);
                }
                conns.retain(|t| !t.is_finished());
            }
            Err(_) => std::thread::sleep(POLL),
        }
    }
    for t in conns {
        let _ = t.join();
    }
}

fn modbus_connection(shared: Arc<Shared>, mut stream: TcpStream) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 512];
    while !shared.stopping() {
        match stream.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => pending.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return,
        }
        while let Some(len) = frame::tcp_frame_len(&pending) {
            if !(8..=260).contains(&len) {
                return; // not Modbus: drop the connection, as a server does
            }
            if pending.len() < len {
                break;
            }
            let req: Vec<u8> = pending.drain(..len).collect();
            if shared.booting() {
                continue;
            }
            let faults = shared.faults_for_command();
            if faults.silent {
                shared.log("modbus tcp: request ignored (silent)");
                continue;
            }
            let Ok((tx, unit, pdu)) = frame::tcp_decode(&req) else {
                return;
            };
            let Some(pdu) = modbus_reply(&shared, &faults, pdu) else {
                continue;
            };
            let (as_unit, pdu) = match answer_unit(&shared, &faults, unit) {
                Some(u) => (u, pdu),
                // Asked for a unit that is not here: the gateway's exception.
                None => (
                    unit,
                    vec![
                        pdu.first().copied().unwrap_or(0) | 0x80,
                        frame::GATEWAY_TARGET_FAILED,
                    ],
                ),
            };
            let mut out = frame::tcp_encode(tx, as_unit, &pdu);
            if faults.garbage {
                out = garbage(out.len());
            }
            slow(&shared, &faults);
            if faults.unplug_mid_reply {
                let _ = stream.write_all(&out[..out.len() / 2]);
                shared.log("modbus tcp: connection dropped mid-reply");
                return;
            }
            if stream.write_all(&out).is_err() {
                return;
            }
        }
    }
}

/// One HTTP/1.1 request per connection (`Connection: close`).
fn http_connection(shared: Arc<Shared>, mut stream: TcpStream) {
    let mut req: Vec<u8> = Vec::new();
    let mut buf = [0u8; 2048];
    let deadline = Instant::now() + Duration::from_secs(5);
    let (head, body) = loop {
        if shared.stopping() || Instant::now() > deadline || req.len() > 64 * 1024 {
            return;
        }
        if let Some(end) = req.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&req[..end]).to_string();
            let len = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.trim()
                        .eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if req.len() >= end + 4 + len {
                break (head, req[end + 4..end + 4 + len].to_vec());
            }
        }
        match stream.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => req.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return,
        }
    };
    if shared.booting() {
        return; // closed unanswered while restarting
    }
    let faults = shared.faults_for_command();
    let line = head.lines().next().unwrap_or_default().to_string();
    if faults.silent {
        shared.log(format!("http: {line} (silent: no answer)"));
        while !shared.stopping() && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        return;
    }
    let mut parts = line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let (status, reply) = match faults.http_status {
        Some(code) => (code, format!("{{\"error\":\"simulated HTTP {code}\"}}")),
        None if shared.options.dialect == super::Dialect::Rapi => {
            apis::openevse_wifi(&shared, &method, &target, &body)
        }
        None => apis::goe(&shared, &method, &target, &body),
    };
    shared.log(format!("http: {line} -> {status}"));
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    )
    .into_bytes();
    if faults.garbage {
        out = garbage(out.len());
    }
    slow(&shared, &faults);
    if faults.unplug_mid_reply {
        let _ = stream.write_all(&out[..out.len() / 2]);
        return;
    }
    let _ = stream.write_all(&out);
    let _ = stream.flush();
}

/// UDP on 127.0.0.1 (KEBA's reports); returns its address.
pub(super) fn spawn_udp(shared: Arc<Shared>) -> Result<(String, JoinHandle<()>)> {
    let sock = UdpSocket::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .map_err(|e| crate::Error::internal("E_SIM_LISTEN", crate::t!("tool.sim.udp", why = e)))?;
    sock.set_read_timeout(Some(POLL)).ok();
    let addr = sock.local_addr().map(|a| a.to_string()).unwrap_or_default();
    shared.log(format!("UDP on {addr}"));
    let t = spawn("sim-udp", move || {
        let mut buf = [0u8; 2048];
        while !shared.stopping() {
            let booting = shared.booting();
            let Ok((n, from)) = sock.recv_from(&mut buf) else {
                continue;
            };
            if booting {
                continue;
            }
            let text = String::from_utf8_lossy(&buf[..n]).trim().to_string();
            let faults = shared.faults_for_command();
            if faults.silent {
                shared.log(format!("udp: {text} (silent: no answer)"));
                continue;
            }
            let Some(reply) = apis::keba(&shared, &text) else {
                shared.log(format!("udp: {text} -> (no answer)"));
                continue;
            };
            shared.log(format!("udp: {text} -> answered"));
            let mut out = reply.into_bytes();
            if faults.garbage {
                out = garbage(out.len().max(8));
            }
            slow(&shared, &faults);
            let _ = sock.send_to(&out, from);
        }
    })?;
    Ok((addr, t))
}
