//! The phone as the camera (docs/photos.md "The phone as the camera"): a one-time upload page
//! served by evfield on the laptop, at an address the installer chooses (the laptop's Wi-Fi or
//! hotspot address). The page's URL carries a random token; the phone takes the picture and
//! sends its bytes unchanged (EXIF kept); the first upload that passes the photo rules ends the
//! page. A small, strict HTTP/1.1 server on `std::net`, one request a connection, so the field
//! build (no axum, no hyper) has it.
//!
//! What is served: `GET /p/TOKEN` (the page) and `POST /p/TOKEN` (the photo's bytes as the
//! body). Everything else is 404; the token's path after the accepted upload is 410.
//! Limits: [`MAX_HEAD_BYTES`] of request head, [`MAX_REQUESTS`] requests in the page's life,
//! [`MAX_CONNECTIONS`] at once, a body of at most [`MAX_BODY_BYTES`] (refused from its
//! `Content-Length` before a byte of it is read), [`HEAD_TIMEOUT`] for the head and
//! [`BODY_TIMEOUT`] for the whole request, and [`MAX_PIXELS`] for the picture (read from its
//! header before it is decoded; one picture is decoded at a time).

use std::io::{Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::photo::{self, PhotoInfo, Rules};
use crate::{Error, Result, t};

/// The request line and headers together.
pub const MAX_HEAD_BYTES: usize = 8 * 1024;
/// Header lines in one request.
pub const MAX_HEADERS: usize = 48;
/// Requests the page answers in its life (every path counted); then it ends.
pub const MAX_REQUESTS: usize = 100;
/// Connections served at once; more are closed with 503.
pub const MAX_CONNECTIONS: usize = 6;
/// The largest upload: the photo reader's own limit ([`photo::MAX_PHOTO_FILE`]).
pub const MAX_BODY_BYTES: u64 = photo::MAX_PHOTO_FILE;
/// The largest picture decoded (width × height as stored): 100 megapixels.
pub const MAX_PIXELS: u64 = 100_000_000;
/// Time for a request's line and headers.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Time for a whole request, its body included (a photo over weak Wi-Fi).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(120);

/// The address to serve on: `IP` (any free port) or `IP:PORT` (port 0: any free port). A host
/// name or an unspecified address (0.0.0.0, ::) is refused: the URL in the QR code must be one
/// the phone can reach. `flag` names where it was given.
pub fn parse_bind(flag: &str, v: &str) -> Result<SocketAddr> {
    let v = v.trim();
    let addr = v
        .parse::<SocketAddr>()
        .ok()
        .or_else(|| v.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, 0)));
    let help = || t!("phone.bind.help", flag = flag);
    match addr {
        Some(a) if !a.ip().is_unspecified() && !a.ip().is_multicast() => Ok(a),
        Some(_) => Err(Error::usage(
            "E_PHONE_BIND",
            t!("phone.bind.unspecified", flag = flag, value = v),
        )
        .with_help(help())),
        None => Err(
            Error::usage("E_PHONE_BIND", t!("phone.bind.bad", flag = flag, value = v))
                .with_help(help()),
        ),
    }
}

/// An accepted upload: the bytes as the phone sent them and what the photo checks found.
#[derive(Debug, Clone)]
pub struct Received {
    pub bytes: Vec<u8>,
    pub info: PhotoInfo,
    /// `jpg` or `png`.
    pub ext: &'static str,
}

impl Received {
    /// Write the bytes to `path` atomically (a temporary file beside it, then renamed).
    pub fn save(&self, path: &std::path::Path) -> Result<()> {
        crate::paths::write_atomic(path, &self.bytes)
    }
}

/// What the page reports to the laptop.
#[derive(Debug)]
pub enum Outcome {
    /// The first upload that passed the photo rules: the page has ended.
    Accepted(Received),
    /// An upload that was refused, and why (the phone was told the same; the page stays).
    Refused(String),
    /// The page ended without a photo (too many requests).
    Ended(Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    Used,
    Closed,
}

struct Shared {
    token: String,
    rules: Rules,
    state: Mutex<State>,
    requests: AtomicUsize,
    open: AtomicUsize,
    /// One picture is decoded at a time.
    decoding: Mutex<()>,
    tx: Mutex<mpsc::Sender<Outcome>>,
}

impl Shared {
    fn state(&self) -> State {
        self.state.lock().map(|s| *s).unwrap_or(State::Closed)
    }
    fn send(&self, o: Outcome) {
        if let Ok(tx) = self.tx.lock() {
            let _ = tx.send(o);
        }
    }
}

/// A one-time upload page being served. Dropping it ends the page.
pub struct Page {
    url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    rx: mpsc::Receiver<Outcome>,
    accept: Option<std::thread::JoinHandle<()>>,
}

/// A random token of 244 bits from the operating system's generator (two UUIDs of version 4,
/// which `uuid` draws from `getrandom`), as 43 characters of URL-safe base64 (a short URL is a
/// small QR code).
fn token() -> String {
    use base64::Engine;
    let mut bytes = Vec::with_capacity(32);
    bytes.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    bytes.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl Page {
    /// Serve a page at `addr` for one photo that passes `rules`.
    pub fn open(addr: SocketAddr, rules: Rules) -> Result<Page> {
        let listener = TcpListener::bind(addr).map_err(|e| {
            Error::usage(
                "E_PHONE_BIND",
                t!(
                    "phone.bind.failed",
                    addr = addr,
                    why = crate::error::io_reason(&e)
                ),
            )
            .with_help(t!("phone.bind.failed_help"))
        })?;
        let local = listener
            .local_addr()
            .map_err(|e| Error::internal("E_PHONE_BIND", crate::error::io_reason(&e)))?;
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared {
            token: token(),
            rules,
            state: Mutex::new(State::Open),
            requests: AtomicUsize::new(0),
            open: AtomicUsize::new(0),
            decoding: Mutex::new(()),
            tx: Mutex::new(tx),
        });
        let url = format!("http://{local}/p/{}", shared.token);
        let s = shared.clone();
        let accept = std::thread::Builder::new()
            .name("phone-page".into())
            .spawn(move || accept_loop(listener, s))
            .map_err(|e| Error::internal("E_PHONE_THREAD", crate::error::io_reason(&e)))?;
        Ok(Page {
            url,
            addr: local,
            shared,
            rx,
            accept: Some(accept),
        })
    }

    /// The page's address, token included (what the QR code holds).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The next outcome, if one came.
    pub fn try_next(&self) -> Option<Outcome> {
        self.rx.try_recv().ok()
    }

    /// The next outcome, waiting at most `timeout`.
    pub fn next_within(&self, timeout: Duration) -> Option<Outcome> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// End the page: later requests find nothing.
    pub fn close(&mut self) {
        if let Ok(mut s) = self.shared.state.lock() {
            *s = State::Closed;
        }
        if let Some(h) = self.accept.take() {
            // wake the accepting thread, which sees the page closed and drops the listener (if
            // it cannot be woken, it does so at the next connection)
            if TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok() {
                let _ = h.join();
            }
        }
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.close();
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for conn in listener.incoming() {
        if shared.state() == State::Closed {
            break;
        }
        let Ok(mut stream) = conn else {
            // out of file handles and the like: give the system a moment
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        if shared.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
            reply(&mut stream, 503, "text/plain", t!("phone.busy").as_bytes());
            continue;
        }
        let s = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("phone-request".into())
            .spawn(move || {
                serve(&s, stream);
                s.open.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            shared.open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A request's line and the headers this server reads.
#[derive(Debug, PartialEq)]
struct Head {
    method: String,
    target: String,
    content_length: Option<u64>,
}

/// Why a request is answered with an error: the status and the text for the phone.
type Refusal = (u16, String);

fn bad(why: &str) -> Refusal {
    (400, t!("phone.bad_request", why = why))
}

/// Parse the request head (everything before the blank line): strict HTTP/1.1 (or 1.0).
fn parse_head(raw: &[u8]) -> std::result::Result<Head, Refusal> {
    let text = std::str::from_utf8(raw)
        .ok()
        .filter(|s| s.is_ascii())
        .ok_or_else(|| bad("not ASCII"))?;
    let mut lines = text.split("\r\n");
    let line = lines.next().unwrap_or_default();
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = parts.as_slice() else {
        return Err(bad("request line"));
    };
    let token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if method.is_empty() || !method.chars().all(token_char) {
        return Err(bad("method"));
    }
    if !target.starts_with('/') || target.chars().any(|c| c.is_ascii_control()) {
        return Err(bad("target"));
    }
    let http11 = match *version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err((505, t!("phone.bad_request", why = "version"))),
    };
    let mut head = Head {
        method: method.to_string(),
        target: target.to_string(),
        content_length: None,
    };
    let mut host = false;
    let mut count = 0;
    for l in lines {
        count += 1;
        if count > MAX_HEADERS {
            return Err((431, t!("phone.too_many_headers", max = MAX_HEADERS)));
        }
        let (name, value) = l.split_once(':').ok_or_else(|| bad("header line"))?;
        if name.is_empty() || !name.chars().all(token_char) {
            return Err(bad("header name"));
        }
        let value = value.trim_matches([' ', '\t']);
        match name.to_ascii_lowercase().as_str() {
            "content-length" => {
                let n = (!value.is_empty()
                    && value.len() <= 19
                    && value.bytes().all(|b| b.is_ascii_digit()))
                .then(|| value.parse::<u64>().ok())
                .flatten()
                .ok_or_else(|| bad("Content-Length"))?;
                if head.content_length.replace(n).is_some() {
                    return Err(bad("Content-Length twice"));
                }
            }
            "transfer-encoding" => return Err((411, t!("phone.length_required"))),
            "host" => host = true,
            _ => {}
        }
    }
    if http11 && !host {
        return Err(bad("Host"));
    }
    Ok(head)
}

/// A request's head (without its blank line) and the body bytes read with it.
type HeadAndRest = (Vec<u8>, Vec<u8>);

/// Read the request head within the deadline. `None`: the peer went away or sent nothing (no
/// answer is owed).
fn read_head(
    s: &mut TcpStream,
    deadline: Instant,
) -> std::result::Result<Option<HeadAndRest>, Refusal> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n");
        if end.unwrap_or(buf.len()) > MAX_HEAD_BYTES {
            return Err((431, t!("phone.head_too_long", max = MAX_HEAD_BYTES)));
        }
        if let Some(end) = end {
            let rest = buf.split_off(end + 4);
            buf.truncate(end);
            return Ok(Some((buf, rest)));
        }
        match read_some(s, &mut chunk, deadline) {
            Ok(0) => return Ok(None),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(Some(r)) => return Err(r),
            Err(None) => return Ok(None),
        }
    }
}

/// One read before the deadline: `Err(Some(408))` when it passes, `Err(None)` on a broken
/// connection.
fn read_some(
    s: &mut TcpStream,
    buf: &mut [u8],
    deadline: Instant,
) -> std::result::Result<usize, Option<Refusal>> {
    let timeout = || Some((408, t!("phone.timeout")));
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(timeout());
    }
    s.set_read_timeout(Some(left)).map_err(|_| None)?;
    match s.read(buf) {
        Ok(n) => Ok(n),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            Err(timeout())
        }
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Ok(read_some(s, buf, deadline)?),
        Err(_) => Err(None),
    }
}

fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        408 => "Request Timeout",
        410 => "Gone",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

/// Write a whole response and close the connection's sending side.
fn reply(s: &mut TcpStream, code: u16, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {code} {}\r\nContent-Type: {content_type}; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\n\
         Content-Security-Policy: default-src 'none'; script-src 'unsafe-inline'; \
         style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'\r\n\r\n",
        status_text(code),
        body.len()
    );
    let _ = s.write_all(head.as_bytes());
    let _ = s.write_all(body);
    let _ = s.flush();
    let _ = s.shutdown(Shutdown::Write);
}

/// Answer one connection (one request).
fn serve(shared: &Shared, mut s: TcpStream) {
    let start = Instant::now();
    let _ = s.set_write_timeout(Some(HEAD_TIMEOUT));
    let (code, ctype, body, received) = match answer(shared, &mut s, start) {
        Ok(None) => return,
        Ok(Some(a)) => (a.code, a.content_type, a.body, a.received),
        Err((code, text)) => (code, "text/plain", text.into_bytes(), None),
    };
    reply(&mut s, code, ctype, &body);
    if let Some(received) = received {
        // announced only once the phone's answer is written (to the socket, which the system
        // still delivers if the process ends): the owner may end it at once (`photo receive`),
        // and the phone must still learn that its photo arrived
        shared.send(Outcome::Accepted(received));
    }
    // let the peer read the answer: what it still sends is read and dropped for a moment (a
    // close with unread data would reset the connection and lose the answer)
    let mut sink = [0u8; 4096];
    let until = Instant::now() + Duration::from_secs(1);
    let mut left: usize = 256 * 1024;
    while left > 0 {
        match read_some(&mut s, &mut sink, until) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// What a request is answered with; `received` is the photo it brought, announced to the
/// page's owner after the answer is written.
struct Reply {
    code: u16,
    content_type: &'static str,
    body: Vec<u8>,
    received: Option<Received>,
}

type Answer = Option<Reply>;

fn answer(
    shared: &Shared,
    s: &mut TcpStream,
    start: Instant,
) -> std::result::Result<Answer, Refusal> {
    let Some((raw, rest)) = read_head(s, start + HEAD_TIMEOUT)? else {
        return Ok(None);
    };
    let n = shared.requests.fetch_add(1, Ordering::SeqCst) + 1;
    if n > MAX_REQUESTS {
        let first = {
            let mut st = shared.state.lock().map_err(|_| (503, t!("phone.busy")))?;
            let was = *st;
            if was == State::Open {
                *st = State::Closed;
            }
            was == State::Open
        };
        if first {
            shared.send(Outcome::Ended(
                Error::validation("E_PHONE_TOO_MANY", t!("phone.too_many", max = MAX_REQUESTS))
                    .with_help(t!("phone.too_many_help")),
            ));
        }
        return Err((429, t!("phone.too_many", max = MAX_REQUESTS)));
    }
    let head = parse_head(&raw)?;
    let ours = head
        .target
        .strip_prefix("/p/")
        .is_some_and(|tok| same(tok.as_bytes(), shared.token.as_bytes()));
    let not_found = || Err((404, t!("phone.not_found")));
    if !ours || !matches!(head.method.as_str(), "GET" | "POST") {
        return not_found();
    }
    match shared.state() {
        State::Open => {}
        State::Used => return Err((410, t!("phone.gone"))),
        State::Closed => return Err((410, t!("phone.ended"))),
    }
    if head.method == "GET" {
        return Ok(Some(Reply {
            code: 200,
            content_type: "text/html",
            body: page_html().into_bytes(),
            received: None,
        }));
    }
    let len = head
        .content_length
        .ok_or_else(|| (411, t!("phone.length_required")))?;
    if len > MAX_BODY_BYTES {
        let why = t!(
            "phone.too_big",
            size = crate::paths::size_text(len),
            limit = crate::paths::size_text(MAX_BODY_BYTES)
        );
        shared.send(Outcome::Refused(why.clone()));
        return Err((413, why));
    }
    let body = read_body(s, rest, len, start + BODY_TIMEOUT)?;
    match check(shared, &body) {
        Ok(received) => {
            let text = t!(
                "phone.received",
                width = received.info.shown_width,
                height = received.info.shown_height,
                format = received.info.format.to_uppercase()
            );
            {
                let mut st = shared.state.lock().map_err(|_| (503, t!("phone.busy")))?;
                if *st != State::Open {
                    return Err((410, t!("phone.gone")));
                }
                *st = State::Used;
            }
            Ok(Some(Reply {
                code: 200,
                content_type: "text/plain",
                body: text.into_bytes(),
                received: Some(received),
            }))
        }
        Err(e) => {
            let why = crate::rules::reason(&e);
            shared.send(Outcome::Refused(why.clone()));
            let status = if matches!(e.code, "E_PHOTO_FORMAT" | "E_PHOTO_HEIC") {
                415
            } else {
                422
            };
            Err((status, t!("phone.refused", why = why)))
        }
    }
}

/// Read exactly `len` body bytes (the first of them came with the head), growing the buffer as
/// they arrive (a declared length alone reserves nothing).
fn read_body(
    s: &mut TcpStream,
    mut body: Vec<u8>,
    len: u64,
    deadline: Instant,
) -> std::result::Result<Vec<u8>, Refusal> {
    let len = len as usize;
    if body.len() > len {
        return Err(bad("body longer than Content-Length"));
    }
    let mut chunk = vec![0u8; 64 * 1024];
    while body.len() < len {
        let want = (len - body.len()).min(chunk.len());
        match read_some(s, &mut chunk[..want], deadline) {
            Ok(0) => return Err(bad("body shorter than Content-Length")),
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(Some(r)) => return Err(r),
            Err(None) => return Err(bad("connection lost")),
        }
    }
    Ok(body)
}

/// The photo rules of the prompt, after a look at the picture's size in its header.
fn check(shared: &Shared, body: &[u8]) -> Result<Received> {
    let name = t!("phone.photo_name");
    let (_, ext) = photo::image_type(body).unwrap_or(("", ""));
    if !ext.is_empty() {
        let format = if ext == "png" {
            image::ImageFormat::Png
        } else {
            image::ImageFormat::Jpeg
        };
        if let Ok((w, h)) =
            image::ImageReader::with_format(std::io::Cursor::new(body), format).into_dimensions()
            && u64::from(w) * u64::from(h) > MAX_PIXELS
        {
            return Err(Error::validation(
                "E_PHOTO_TOO_BIG",
                t!(
                    "phone.too_many_pixels",
                    width = w,
                    height = h,
                    max = MAX_PIXELS / 1_000_000
                ),
            ));
        }
    }
    let _one = shared.decoding.lock();
    let (info, _) = photo::check_bytes(body, &name, shared.rules)?;
    Ok(Received {
        bytes: body.to_vec(),
        info,
        ext: if ext == "png" { "png" } else { "jpg" },
    })
}

/// Equal bytes, compared in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A text as a JavaScript string literal that cannot end the script element.
fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c")
}

/// The page, in the installer's language.
fn page_html() -> String {
    let title = html_escape(&t!("phone.page.title"));
    format!(
        r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<style>body{{font:18px sans-serif;margin:1em;max-width:40em}}input,button{{font-size:1.1em;margin:.6em 0;display:block;width:100%}}button{{padding:.8em}}#status{{font-weight:bold}}.ok{{color:#060}}.no{{color:#a00}}</style>
</head><body>
<h1>{title}</h1>
<p>{what}</p>
<input id="photo" type="file" accept="image/*" capture="environment">
<button id="send" type="button">{send}</button>
<p id="status" role="status"></p>
<script>
const f=document.getElementById("photo"),b=document.getElementById("send"),s=document.getElementById("status");
b.onclick=async()=>{{
 const p=f.files[0];
 if(!p){{s.textContent={choose};s.className="no";return}}
 b.disabled=true;s.className="";s.textContent={sending};
 try{{
  const r=await fetch(location.pathname,{{method:"POST",body:p,headers:{{"Content-Type":"application/octet-stream"}}}});
  s.textContent=await r.text();
  if(r.ok){{s.className="ok";f.disabled=true}}else{{s.className="no";b.disabled=false}}
 }}catch(e){{s.className="no";s.textContent={failed};b.disabled=false}}
}};
</script>
</body></html>
"#,
        lang = crate::i18n::lang().code(),
        title = title,
        what = html_escape(&t!("phone.page.what")),
        send = html_escape(&t!("phone.page.send")),
        choose = js_string(&t!("phone.page.choose")),
        sending = js_string(&t!("phone.page.sending")),
        failed = js_string(&t!("phone.page.failed")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pinpoint::photo::samples;

    fn request(addr: SocketAddr, raw: &[u8]) -> (u16, String) {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(raw).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).to_string();
        let code = text
            .get(9..12)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status in {text:?}"));
        let body = text.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
        (code, body.to_string())
    }

    fn post(page: &Page, path: &str, body: &[u8]) -> (u16, String) {
        let mut raw = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        raw.extend_from_slice(body);
        request(page.addr, &raw)
    }

    fn path(page: &Page) -> String {
        page.url()
            .split_once("/p/")
            .map(|x| format!("/p/{}", x.1))
            .unwrap()
    }

    #[test]
    fn the_bind_address_is_an_ip_that_a_phone_can_reach() {
        assert_eq!(
            parse_bind("--bind", "192.168.43.1").unwrap(),
            "192.168.43.1:0".parse().unwrap()
        );
        assert_eq!(
            parse_bind("--bind", "[::1]:8080").unwrap(),
            "[::1]:8080".parse().unwrap()
        );
        for bad in [
            "laptop.local",
            "0.0.0.0",
            "[::]:80",
            "192.168.43.1:99999",
            "",
        ] {
            let e = parse_bind("--phone-camera", bad).unwrap_err();
            assert_eq!(e.code, "E_PHONE_BIND");
            assert!(e.message.contains("--phone-camera"), "{}", e.message);
            assert!(e.help.is_some());
        }
    }

    #[test]
    fn heads_are_parsed_strictly() {
        let ok = parse_head(b"POST /p/x HTTP/1.1\r\nHost: a\r\nContent-Length: 12").unwrap();
        assert_eq!(ok.content_length, Some(12));
        for bad in [
            &b"GET /p/x HTTP/1.1"[..],
            b"GET  /p/x HTTP/1.1\r\nHost: a",
            b"GET p/x HTTP/1.1\r\nHost: a",
            b"GET /p/x HTTP/2\r\nHost: a",
            b"POST /p/x HTTP/1.1\r\nHost: a\r\nContent-Length: -1",
            b"POST /p/x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1",
            b"POST /p/x HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999",
            b"POST /p/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked",
            b"GET /p/x HTTP/1.1\r\nHost: a\r\n folded",
            b"GET /p/\xff HTTP/1.1\r\nHost: a",
        ] {
            assert!(parse_head(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn one_accepted_upload_ends_the_page() {
        let mut page = Page::open("127.0.0.1:0".parse().unwrap(), Rules::PINPOINT).unwrap();
        let p = path(&page);
        assert!(p.len() >= 3 + 32, "{p}");
        let (code, html) = request(
            page.addr,
            format!("GET {p} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
        );
        assert_eq!(code, 200);
        assert!(html.contains(r#"capture="environment""#), "{html}");
        // wrong token, other paths and methods: 404
        assert_eq!(
            request(page.addr, b"GET /p/0 HTTP/1.1\r\nHost: x\r\n\r\n").0,
            404
        );
        assert_eq!(
            request(page.addr, b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n").0,
            404
        );
        let put = format!("PUT {p} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(request(page.addr, put.as_bytes()).0, 404);
        // a portrait photo is refused with the reason, and the page stays
        let (code, why) = post(&page, &p, &samples::jpeg(600, 800, Some(1), None));
        assert_eq!(code, 422);
        assert!(why.contains("portrait"), "{why}");
        assert!(matches!(
            page.next_within(Duration::from_secs(5)),
            Some(Outcome::Refused(_))
        ));
        let good = samples::jpeg(800, 600, Some(1), Some(Some((59.9, 10.7))));
        let (code, text) = post(&page, &p, &good);
        assert_eq!(code, 200, "{text}");
        match page.next_within(Duration::from_secs(5)) {
            Some(Outcome::Accepted(r)) => {
                assert_eq!(r.bytes, good);
                assert_eq!(r.ext, "jpg");
            }
            o => panic!("{o:?}"),
        }
        // the second upload and the page itself are gone
        assert_eq!(post(&page, &p, &good).0, 410);
        assert_eq!(
            request(
                page.addr,
                format!("GET {p} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()
            )
            .0,
            410
        );
        let addr = page.addr;
        page.close();
        assert!(TcpStream::connect(addr).is_err());
    }

    proptest::proptest! {
        /// Any bytes as a request head: parsed or refused with a 4xx/5xx, never a panic.
        #[test]
        fn any_head_is_parsed_or_refused(raw in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            if let Err((code, _)) = parse_head(&raw) {
                proptest::prop_assert!((400..=505).contains(&code));
            }
        }

        /// Heads that look like requests, with any header lines.
        #[test]
        fn request_like_heads_hold(
            method in "[A-Z]{0,7}",
            target in "/[ -~]{0,40}",
            headers in proptest::collection::vec("[A-Za-z-]{1,12}: [ -~]{0,30}", 0..60),
        ) {
            let head = format!("{method} {target} HTTP/1.1\r\nHost: x\r\n{}", headers.join("\r\n"));
            let length = headers.iter().any(|h| {
                let name = h.split(':').next().unwrap_or_default().to_ascii_lowercase();
                name == "content-length" || name == "transfer-encoding"
            });
            match parse_head(head.as_bytes()) {
                Ok(h) => {
                    proptest::prop_assert!(headers.len() < MAX_HEADERS);
                    proptest::prop_assert_eq!(h.method, method);
                    proptest::prop_assert_eq!(h.target, target);
                }
                // only what the rules refuse: too many lines, an empty method, a control
                // character in the target, a length header (its value is random here)
                Err(_) => proptest::prop_assert!(
                    headers.len() >= MAX_HEADERS
                        || method.is_empty()
                        || target.chars().any(|c| c.is_ascii_control() || c == ' ')
                        || length
                        || (headers.is_empty() && head.ends_with("\r\n"))
                ),
            }
        }
    }

    #[test]
    fn the_request_count_is_bounded() {
        let page = Page::open("127.0.0.1:0".parse().unwrap(), Rules::PINPOINT).unwrap();
        for _ in 0..MAX_REQUESTS {
            assert_eq!(
                request(page.addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").0,
                404
            );
        }
        assert_eq!(
            request(page.addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").0,
            429
        );
        match page.next_within(Duration::from_secs(5)) {
            Some(Outcome::Ended(e)) => assert_eq!(e.code, "E_PHONE_TOO_MANY"),
            o => panic!("{o:?}"),
        }
    }
}
