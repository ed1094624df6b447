//! A station's local HTTP API, for a laptop on its service Ethernet port or its Wi-Fi (go-e
//! Charger API v2 and the like). Plain HTTP on the local link; proxies are never used.

use std::time::Duration;

use chrono::Utc;

use super::net::{Address, CONNECT_TIMEOUT, unreachable};
use super::{Direction, Traffic};
use crate::{Error, Result};

/// A reply: status and body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    pub body: Vec<u8>,
}

/// How a request failed before a whole reply came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    Timeout,
    /// Something answered, but not with a whole HTTP reply (cut off, or not HTTP at all).
    Broken(String),
}

/// An HTTP client for one station.
pub struct Client {
    http: reqwest::blocking::Client,
    addr: Address,
    base_path: String,
    name: String,
    traffic: Vec<Traffic>,
}

impl Client {
    pub fn new(addr: Address, base_path: &str) -> Result<Client> {
        crate::tls::use_ring();
        let http = reqwest::blocking::Client::builder()
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!("evfield/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::internal("E_HTTP_CLIENT", crate::t!("prof.http.setup", why = e)))?;
        let name = format!("http://{}", addr.display());
        Ok(Client {
            http,
            addr,
            base_path: base_path.trim_end_matches('/').to_string(),
            name,
            traffic: Vec::new(),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn take_traffic(&mut self) -> Vec<Traffic> {
        std::mem::take(&mut self.traffic)
    }

    /// Send one request. `Err` when the station cannot be reached at all.
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        query: &[(String, String)],
        json: Option<&serde_json::Value>,
        timeout: Duration,
    ) -> Result<std::result::Result<Response, Trouble>> {
        let mut url = reqwest::Url::parse(&format!(
            "http://{}{}{}",
            self.addr.display(),
            self.base_path,
            path
        ))
        .map_err(|e| {
            Error::validation(
                "E_HTTP_PATH",
                crate::t!(
                    "prof.http.bad_path",
                    path = format!("{}{}", self.base_path, path),
                    why = e
                ),
            )
        })?;
        if !query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (k, v) in query {
                q.append_pair(k, v);
            }
        }
        let m = match method {
            "POST" => reqwest::Method::POST,
            "PUT" => reqwest::Method::PUT,
            _ => reqwest::Method::GET,
        };
        let target = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let mut sent = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\n",
            self.addr.display()
        );
        let mut rb = self.http.request(m, url).timeout(timeout);
        if let Some(j) = json {
            let body = j.to_string();
            sent.push_str("Content-Type: application/json\r\n\r\n");
            sent.push_str(&body);
            rb = rb.header("Content-Type", "application/json").body(body);
        } else {
            sent.push_str("\r\n");
        }
        self.traffic.push(Traffic {
            dir: Direction::Sent,
            bytes: sent.into_bytes(),
            at: Utc::now(),
        });
        let resp = match rb.send() {
            Ok(r) => r,
            Err(e) if e.is_timeout() => return Ok(Err(Trouble::Timeout)),
            Err(e) if e.is_connect() => {
                return Err(unreachable("HTTP API", &self.name, root_cause(&e)));
            }
            Err(e) => return Ok(Err(Trouble::Broken(root_cause(&e)))),
        };
        let status = resp.status();
        let body = match resp.bytes() {
            Ok(b) => b.to_vec(),
            Err(e) if e.is_timeout() => return Ok(Err(Trouble::Timeout)),
            Err(e) => return Ok(Err(Trouble::Broken(root_cause(&e)))),
        };
        let reason = status.canonical_reason().unwrap_or("").to_string();
        let mut got = format!("HTTP/1.1 {} {reason}\r\n\r\n", status.as_u16()).into_bytes();
        got.extend_from_slice(&body);
        self.traffic.push(Traffic {
            dir: Direction::Received,
            bytes: got,
            at: Utc::now(),
        });
        Ok(Ok(Response {
            status: status.as_u16(),
            reason,
            body,
        }))
    }
}

/// The innermost cause of an HTTP error, in words (`Connection refused (os error 111)`).
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Text for a JSON value found by a pointer: strings as they are, numbers and booleans as JSON
/// writes them, `null` empty, lists and objects as compact JSON.
pub fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
