//! Blocking HTTP client of the installer API (docs/network-api.md).
//!
//! - Plain `http://` is refused unless the host is loopback (the sandbox); real networks are
//!   reached over `https://` (rustls).
//! - Connection errors, timeouts, 5xx and 429 are retried with exponential backoff and jitter
//!   (429 honours `Retry-After`); other 4xx answers are final. A pinpoint submission carries an
//!   idempotency key, so a retry after a lost answer never creates a second station.
//! - Errors say what was sent where (method, path, network), the status and the API's code and
//!   message, and what to do. They never hold the token, a password or a request body.
//! - Every attempt is logged as an [`ApiCall`] for the session journal ([`Client::take_calls`]).

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::api::{
    ActivationCheckRequest, ActivationCheckResponse, Address, AddressList, ApiError, ChainHead,
    ChainHeadList, ChainHeadRecord, Installer, LoginRequest, LoginResponse, PhotoReceipt,
    PinpointRequest, Requirements, Station, StationStatus,
};
use crate::{Error, ErrorKind, Result};

/// Path prefix of every endpoint.
pub const API_PREFIX: &str = "/api/v1";
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Header by which the network says a pinpoint reply is a replay of an earlier submission.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// How often and how patiently a request is retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = no retry).
    pub max_attempts: u32,
    /// Delay before the first retry; doubles with every further one.
    pub base_delay: Duration,
    /// Upper bound of any delay, `Retry-After` included.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// One attempt only.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait after failed attempt number `attempt` (1-based). `retry_after` (from a 429 or
    /// 503) is used as given, capped by `max_delay`; otherwise the exponential backoff is
    /// scaled by `jitter` in `0.0..=1.0` into its upper half, so clients that failed together
    /// do not retry together.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
        if let Some(ra) = retry_after {
            return ra.min(self.max_delay);
        }
        let exp = attempt.saturating_sub(1).min(30);
        let backoff = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        backoff.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

/// One HTTP attempt, for the session journal. Holds no token, password or body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiCall {
    pub method: String,
    /// URL path, without the query.
    pub path: String,
    /// HTTP status, when an answer came.
    pub status: Option<u16>,
    pub latency_ms: u64,
    /// 1 for the first attempt of a call, 2 for its first retry, ...
    pub attempt: u32,
    /// What went wrong, when something did (transport error or the API's code).
    pub error: Option<String>,
}

/// Known API error codes: the crate error code, its kind and the message id of what the
/// installer should do (locales/network.toml).
const API_CODES: &[(&str, &str, ErrorKind, &str)] = &[
    (
        "bad_credentials",
        "E_API_BAD_CREDENTIALS",
        ErrorKind::Network,
        "net.api.bad_credentials",
    ),
    (
        "unauthorized",
        "E_API_UNAUTHORIZED",
        ErrorKind::Network,
        "net.api.unauthorized",
    ),
    (
        "not_certified",
        "E_API_NOT_CERTIFIED",
        ErrorKind::Network,
        "net.api.not_certified",
    ),
    (
        "model_not_supported",
        "E_API_MODEL_NOT_SUPPORTED",
        ErrorKind::Validation,
        "net.api.model_not_supported",
    ),
    (
        "activation_unknown",
        "E_API_ACTIVATION_UNKNOWN",
        ErrorKind::Validation,
        "net.api.activation_unknown",
    ),
    (
        "activation_used",
        "E_API_ACTIVATION_USED",
        ErrorKind::Validation,
        "net.api.activation_used",
    ),
    (
        "serial_locked",
        "E_API_SERIAL_LOCKED",
        ErrorKind::Validation,
        "net.api.serial_locked",
    ),
    (
        "serial_taken",
        "E_API_SERIAL_TAKEN",
        ErrorKind::Validation,
        "net.api.serial_taken",
    ),
    (
        "identity_mismatch",
        "E_API_IDENTITY_MISMATCH",
        ErrorKind::Validation,
        "net.api.identity_mismatch",
    ),
    (
        "bad_position",
        "E_API_BAD_POSITION",
        ErrorKind::Validation,
        "net.api.bad_position",
    ),
    (
        "unknown_address",
        "E_API_UNKNOWN_ADDRESS",
        ErrorKind::Validation,
        "net.api.unknown_address",
    ),
    (
        "bad_mac",
        "E_API_BAD_MAC",
        ErrorKind::Validation,
        "net.api.bad_mac",
    ),
    (
        "missing_field",
        "E_API_MISSING_FIELD",
        ErrorKind::Validation,
        "net.api.missing_field",
    ),
    (
        "station_not_found",
        "E_API_STATION_NOT_FOUND",
        ErrorKind::Validation,
        "net.api.station_not_found",
    ),
    (
        "photo_too_large",
        "E_API_PHOTO_TOO_LARGE",
        ErrorKind::Validation,
        "net.api.photo_too_large",
    ),
    (
        "unsupported_media_type",
        "E_API_PHOTO_TYPE",
        ErrorKind::Validation,
        "net.api.unsupported_media_type",
    ),
    (
        "idempotency_key_missing",
        "E_API_IDEMPOTENCY_KEY_MISSING",
        ErrorKind::Internal,
        "net.api.idempotency_key_missing",
    ),
    (
        "idempotency_key_reused",
        "E_API_IDEMPOTENCY_KEY_REUSED",
        ErrorKind::Internal,
        "net.api.idempotency_key_reused",
    ),
    (
        "bad_request",
        "E_API_BAD_REQUEST",
        ErrorKind::Internal,
        "net.api.bad_request",
    ),
    (
        "not_found",
        "E_API_NOT_FOUND",
        ErrorKind::Network,
        "net.api.not_found",
    ),
    (
        "rate_limited",
        "E_API_RATE_LIMITED",
        ErrorKind::Network,
        "net.api.rate_limited",
    ),
];

/// The crate error code for an API error code (e.g. `serial_locked` -> `E_API_SERIAL_LOCKED`).
pub fn error_code_for(api_code: &str) -> Option<&'static str> {
    API_CODES
        .iter()
        .find(|(c, ..)| *c == api_code)
        .map(|(_, e, ..)| *e)
}

/// True for errors worth trying again later (unreachable, timeout, 5xx, 429): a submission that
/// failed this way belongs in the outbox. False for refusals that another try will not change.
pub fn is_transient(err: &Error) -> bool {
    matches!(
        err.code,
        "E_NET_UNREACHABLE" | "E_NET_TIMEOUT" | "E_API_UNAVAILABLE" | "E_API_RATE_LIMITED"
    )
}

enum Payload {
    None,
    Json(Vec<u8>),
    Raw(Vec<u8>, String),
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// What went wrong with one attempt, before it becomes an [`Error`].
enum Failure {
    /// The answer's body is over [`MAX_HTTP_BODY`]: not read, not retried.
    TooBig,
    Transport {
        timeout: bool,
        cause: String,
    },
    Http {
        status: u16,
        retry_after: Option<Duration>,
        api: Option<ApiError>,
        raw: String,
    },
}

impl Failure {
    fn retryable(&self) -> bool {
        match self {
            Failure::TooBig => false,
            Failure::Transport { .. } => true,
            Failure::Http { status, .. } => *status == 429 || *status >= 500,
        }
    }
    fn short(&self) -> String {
        match self {
            Failure::TooBig => "MAX_HTTP_BODY".to_string(),
            Failure::Transport { timeout: true, .. } => "timeout".to_string(),
            Failure::Transport { cause, .. } => cause.clone(),
            Failure::Http {
                status,
                api: Some(a),
                ..
            } => format!("{status} {}", a.code),
            Failure::Http { status, .. } => format!("HTTP {status}"),
        }
    }
}

/// The installer API client. Cheap to share by reference across a session; not `Clone` (each
/// clone would need its own call log).
pub struct Client {
    /// Origin (and path prefix, if any) of the network, without `/api/v1`, for messages.
    base: String,
    /// `<base>/api/v1`.
    api_root: Url,
    loopback: bool,
    token: Option<String>,
    retry: RetryPolicy,
    connect_timeout: Duration,
    request_timeout: Duration,
    http: Mutex<Option<reqwest::blocking::Client>>,
    calls: Mutex<Vec<ApiCall>>,
    /// Where requirements are kept for offline use (see [`Client::requirements_cached`]).
    cache: Option<super::cache::RequirementsCache>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("logged_in", &self.token.is_some())
            .field("retry", &self.retry)
            .finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Is this URL's host the local machine (127.0.0.0/8, ::1, localhost)?
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn cause_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut src = err.source();
    while let Some(s) = src {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        src = s.source();
    }
    parts.join(": ")
}

/// A number in `0.0..1.0` from the OS's randomness (via a v4 UUID), for backoff jitter.
fn jitter() -> f64 {
    (uuid::Uuid::new_v4().as_u128() as u64 >> 11) as f64 / (1u64 << 53) as f64
}

impl Client {
    /// A client of the network at `base_url` (e.g. `https://net.example` or the sandbox's
    /// `http://127.0.0.1:PORT`; a trailing `/api/v1` is accepted). Plain `http://` is refused
    /// unless the host is loopback.
    pub fn new(base_url: &str) -> Result<Client> {
        let trimmed = base_url.trim();
        let url = Url::parse(trimmed).map_err(|e| {
            Error::usage(
                "E_NET_BAD_URL",
                crate::t!("net.url.not_a_url", url = format!("{trimmed:?}"), why = e),
            )
            .with_help(crate::t!("net.url.not_a_url_help"))
        })?;
        let loopback = is_loopback(&url);
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(Error::usage(
                    "E_NET_INSECURE_URL",
                    crate::t!("net.url.insecure", url = trimmed),
                )
                .with_help(crate::t!("net.url.insecure_help")));
            }
            other => {
                return Err(Error::usage(
                    "E_NET_BAD_URL",
                    crate::t!(
                        "net.url.bad_scheme",
                        url = trimmed,
                        scheme = format!("{other:?}")
                    ),
                )
                .with_help(crate::t!("net.url.bad_scheme_help")));
            }
        }
        if url.host().is_none() {
            return Err(Error::usage(
                "E_NET_BAD_URL",
                crate::t!("net.url.no_host", url = trimmed),
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::usage(
                "E_NET_BAD_URL",
                crate::t!("net.url.credentials"),
            ));
        }
        let mut base = url.clone();
        base.set_query(None);
        base.set_fragment(None);
        let mut path = base.path().trim_end_matches('/').to_string();
        if let Some(p) = path.strip_suffix(API_PREFIX) {
            path = p.to_string();
        }
        base.set_path(&path);
        let base_str = base.as_str().trim_end_matches('/').to_string();
        let api_root = Url::parse(&format!("{base_str}{API_PREFIX}")).map_err(|e| {
            Error::usage(
                "E_NET_BAD_URL",
                crate::t!("net.url.unusable", url = trimmed, why = e),
            )
        })?;
        Ok(Client {
            base: base_str,
            api_root,
            loopback,
            token: None,
            retry: RetryPolicy::default(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            http: Mutex::new(None),
            calls: Mutex::new(Vec::new()),
            cache: None,
        })
    }

    /// Sends `Authorization: Bearer <token>` with every request but the login.
    pub fn with_token(mut self, token: String) -> Client {
        self.token = Some(token);
        self
    }

    pub fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }

    /// Keep every requirements answer in this cache, and answer from it when the network
    /// cannot be reached.
    pub fn with_requirements_cache(mut self, cache: super::cache::RequirementsCache) -> Client {
        self.cache = Some(cache);
        self
    }

    pub fn with_retry(mut self, policy: RetryPolicy) -> Client {
        self.retry = policy;
        self
    }

    /// Connect timeout (default 5 s) and whole-request timeout (default 15 s) of each attempt.
    pub fn with_timeouts(mut self, connect: Duration, request: Duration) -> Client {
        self.connect_timeout = connect;
        self.request_timeout = request;
        *lock(&self.http) = None;
        self
    }

    /// The network's address as given (without `/api/v1`).
    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The attempts made since the last call of this method, oldest first.
    pub fn take_calls(&self) -> Vec<ApiCall> {
        std::mem::take(&mut *lock(&self.calls))
    }

    // ----- endpoints -----

    /// `POST /login`. Returns the token; use [`Client::with_token`] or [`Client::set_token`].
    pub fn login(&self, username: &str, password: &str) -> Result<LoginResponse> {
        let a = self.call(
            "POST",
            &["login"],
            &[],
            login_body(username, password)?,
            &[],
            false,
        )?;
        self.decode(&a, "POST", &["login"])
    }

    /// [`Client::login`] on an asynchronous HTTP client (from [`Client::async_http`]).
    pub async fn login_async(
        &self,
        http: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> Result<LoginResponse> {
        let payload = login_body(username, password)?;
        let (a, _) = self
            .call_async(http, "POST", &["login"], &[], payload, &[], false)
            .await;
        self.decode(&a?, "POST", &["login"])
    }

    /// `GET /installer`: who is logged in and whether they are certified.
    pub fn installer(&self) -> Result<Installer> {
        self.get(&["installer"], &[])
    }

    /// [`Client::installer`] on an asynchronous HTTP client (from [`Client::async_http`]).
    pub async fn installer_async(&self, http: &reqwest::Client) -> Result<Installer> {
        self.get_async(http, &["installer"], &[]).await
    }

    /// `GET /requirements` on an asynchronous HTTP client (from [`Client::async_http`]),
    /// straight from the network (no cache).
    pub async fn requirements_async(
        &self,
        http: &reqwest::Client,
        manufacturer: &str,
        model: &str,
    ) -> Result<Requirements> {
        self.get_async(
            http,
            &["requirements"],
            &requirements_query(manufacturer, model),
        )
        .await
    }

    /// `GET /requirements`: minimum firmware, checklist version, OCPP URL, identity rule. With a
    /// cache, answered from it when the network cannot be reached (see
    /// [`Client::requirements_cached`]).
    pub fn requirements(&self, manufacturer: &str, model: &str) -> Result<Requirements> {
        self.requirements_cached(manufacturer, model)
            .map(|(r, _)| r)
    }

    /// The requirements, and the cached answer they came from when the network could not be
    /// reached (`None`: fresh from the network). A fresh answer is stored in the cache; a cached
    /// one is logged as an [`ApiCall`] with attempt 0 and its age.
    pub fn requirements_cached(
        &self,
        manufacturer: &str,
        model: &str,
    ) -> Result<(Requirements, Option<super::cache::Cached>)> {
        let path = ["requirements"];
        let r: Result<Requirements> = self.get(&path, &requirements_query(manufacturer, model));
        let Some(cache) = &self.cache else {
            return r.map(|x| (x, None));
        };
        match r {
            Ok(req) => {
                // a cache that cannot be written only costs the offline fallback
                let _ = cache.store(&self.base, &req, chrono::Utc::now());
                Ok((req, None))
            }
            Err(e) if is_transient(&e) => match cache.get(&self.base, manufacturer, model) {
                Ok(Some(c)) => {
                    // the journal's words stay English
                    let age = super::cache::age_text_in(
                        crate::i18n::Lang::En,
                        c.age_s(chrono::Utc::now()),
                    );
                    let p = self.url(&path, &[]).path().to_string();
                    self.log(
                        "GET",
                        &p,
                        None,
                        0,
                        0,
                        Some(format!(
                            "network unreachable ({}); answered from the requirements cache, fetched {} ({age} old)",
                            e.code, c.fetched_at
                        )),
                    );
                    Ok((c.requirements.clone(), Some(c)))
                }
                _ => {
                    let help = crate::t!(
                        "net.client.no_cached_requirements",
                        help = e.help.clone().unwrap_or_default(),
                        manufacturer = manufacturer,
                        model = model
                    );
                    Err(e.with_help(help))
                }
            },
            Err(e) => Err(e),
        }
    }

    /// `POST /activations/check`: is this MAC + activation password valid and unused?
    pub fn check_activation(&self, mac: &str, password: &str) -> Result<ActivationCheckResponse> {
        let body = ActivationCheckRequest {
            mac: mac.to_string(),
            activation_password: password.to_string(),
        };
        let path = ["activations", "check"];
        let a = self.call("POST", &path, &[], json_payload(&body)?, &[], true)?;
        self.decode(&a, "POST", &path)
    }

    /// `GET /addresses`: the network's valid addresses within `radius_m` (default 500 m) of a
    /// point, nearest first.
    pub fn addresses(&self, lat: f64, lon: f64, radius_m: Option<f64>) -> Result<Vec<Address>> {
        let mut q = vec![("lat", lat.to_string()), ("lon", lon.to_string())];
        if let Some(r) = radius_m {
            q.push(("radius_m", r.to_string()));
        }
        let list: AddressList = self.get(&["addresses"], &q)?;
        Ok(list.addresses)
    }

    /// `POST /stations`: the pinpoint submission, exactly once per `idempotency_key`. Returns
    /// the station and `true` when this very answer created it, `false` when the network
    /// replayed an earlier submission with the same key (e.g. after an answer was lost).
    pub fn submit_pinpoint(
        &self,
        req: &PinpointRequest,
        idempotency_key: &str,
    ) -> Result<(Station, bool)> {
        let headers = [("Idempotency-Key", idempotency_key.to_string())];
        let a = self.call(
            "POST",
            &["stations"],
            &[],
            json_payload(req)?,
            &headers,
            true,
        )?;
        self.pinpoint_answer(&a)
    }

    /// [`Client::submit_pinpoint`] on an asynchronous HTTP client (from
    /// [`Client::async_http`]), for many submissions in flight on one thread, of a request
    /// already encoded as JSON (`body`); also returns the number of attempts made.
    pub async fn submit_pinpoint_async(
        &self,
        http: &reqwest::Client,
        body: Vec<u8>,
        idempotency_key: &str,
    ) -> (Result<(String, bool)>, u32) {
        let payload = Payload::Json(body);
        let headers = [("Idempotency-Key", idempotency_key.to_string())];
        let (a, attempts) = self
            .call_async(http, "POST", &["stations"], &[], payload, &headers, true)
            .await;
        let id = a.and_then(|a| self.pinpoint_answer::<StationId>(&a));
        (id.map(|(s, created)| (s.station_id, created)), attempts)
    }

    /// The station of a pinpoint answer (or the part of it `T` reads), and whether this very
    /// answer created it.
    fn pinpoint_answer<T: DeserializeOwned>(&self, a: &Answer) -> Result<(T, bool)> {
        let station: T = self.decode(a, "POST", &["stations"])?;
        let replayed = a
            .headers
            .get(REPLAYED_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        Ok((station, a.status == 201 && !replayed))
    }

    /// `GET /stations/{id}`.
    pub fn station(&self, station_id: &str) -> Result<Station> {
        self.get(&["stations", station_id], &[])
    }

    /// `GET /stations`, optionally only the station with this MAC.
    pub fn stations(&self, mac: Option<&str>) -> Result<Vec<Station>> {
        let q: Vec<(&str, String)> = mac.map(|m| ("mac", m.to_string())).into_iter().collect();
        self.get(&["stations"], &q)
    }

    /// `GET /stations/{id}/status`: the station's OCPP connection as the network sees it.
    pub fn station_status(&self, station_id: &str) -> Result<StationStatus> {
        self.get(&["stations", station_id, "status"], &[])
    }

    /// `POST /sessions/{id}/chain-heads`: give the network a session's chain head to keep.
    pub fn record_chain_head(&self, session_id: &str, head: &ChainHead) -> Result<ChainHeadRecord> {
        let path = ["sessions", session_id, "chain-heads"];
        let a = self.call("POST", &path, &[], json_payload(head)?, &[], true)?;
        self.decode(&a, "POST", &path)
    }

    /// `GET /sessions/{id}/chain-heads`: the chain heads the network keeps for a session.
    pub fn chain_heads(&self, session_id: &str) -> Result<ChainHeadList> {
        self.get(&["sessions", session_id, "chain-heads"], &[])
    }

    /// `POST /stations/{id}/photo` with the image bytes (JPEG or PNG, at most 10 MB).
    pub fn upload_photo(
        &self,
        station_id: &str,
        bytes: &[u8],
        content_type: &str,
    ) -> Result<PhotoReceipt> {
        let path = ["stations", station_id, "photo"];
        let payload = Payload::Raw(bytes.to_vec(), content_type.to_string());
        let a = self.call("POST", &path, &[], payload, &[], true)?;
        self.decode(&a, "POST", &path)
    }

    // ----- machinery -----

    fn get<T: DeserializeOwned>(&self, path: &[&str], query: &[(&str, String)]) -> Result<T> {
        let a = self.call("GET", path, query, Payload::None, &[], true)?;
        self.decode(&a, "GET", path)
    }

    async fn get_async<T: DeserializeOwned>(
        &self,
        http: &reqwest::Client,
        path: &[&str],
        query: &[(&str, String)],
    ) -> Result<T> {
        let (a, _) = self
            .call_async(http, "GET", path, query, Payload::None, &[], true)
            .await;
        self.decode(&a?, "GET", path)
    }

    fn url(&self, segments: &[&str], query: &[(&str, String)]) -> Url {
        let mut url = self.api_root.clone();
        if let Ok(mut segs) = url.path_segments_mut() {
            segs.pop_if_empty();
            for s in segments {
                segs.push(s);
            }
        }
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    /// The settings every HTTP client of this network gets, blocking or not.
    fn builder(&self) -> reqwest::ClientBuilder {
        crate::tls::use_ring();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("evfield/", env!("CARGO_PKG_VERSION")));
        if self.loopback {
            // A proxy from the environment must not see sandbox traffic.
            builder = builder.no_proxy();
        }
        if self.api_root.scheme() == "http" {
            // Plain HTTP (only ever on loopback): no TLS, so the platform's root certificates
            // (some 150 files) are not read and parsed for nothing.
            builder = builder.tls_certs_only(Vec::new());
        }
        builder
    }

    fn http(&self) -> Result<reqwest::blocking::Client> {
        let mut slot = lock(&self.http);
        if let Some(c) = slot.as_ref() {
            return Ok(c.clone());
        }
        let client = reqwest::blocking::ClientBuilder::from(self.builder())
            .timeout(self.request_timeout)
            .build()
            .map_err(setup_error)?;
        *slot = Some(client.clone());
        Ok(client)
    }

    /// An asynchronous HTTP client of this network, with the same TLS, timeouts and proxy rules
    /// as the blocking one: for many requests in flight on one thread ([`Client::submit_pinpoint_async`]).
    /// Build it inside the Tokio runtime that will drive it.
    pub fn async_http(&self) -> Result<reqwest::Client> {
        self.builder().build().map_err(setup_error)
    }

    /// Sends a request with retries; returns the 2xx answer or the error of the last attempt.
    fn call(
        &self,
        method: &str,
        segments: &[&str],
        query: &[(&str, String)],
        payload: Payload,
        headers: &[(&str, String)],
        auth: bool,
    ) -> Result<Answer> {
        let http = self.http()?;
        let (url, path, m) = self.target(method, segments, query);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let rb = self.dress(
                http.request(m.clone(), url.clone()),
                auth,
                headers,
                &payload,
            );
            let started = Instant::now();
            match self.after(method, &path, attempt, started, send(rb)) {
                Next::Done(r) => return r,
                Next::Again(pause) => std::thread::sleep(pause),
            }
        }
    }

    /// [`Client::call`] on an asynchronous HTTP client (from [`Client::async_http`]): the same
    /// request, retries, log and errors, waiting without holding a thread. Also returns the
    /// number of attempts made.
    #[allow(clippy::too_many_arguments)] // the same as `call`, and the HTTP client
    async fn call_async(
        &self,
        http: &reqwest::Client,
        method: &str,
        segments: &[&str],
        query: &[(&str, String)],
        payload: Payload,
        headers: &[(&str, String)],
        auth: bool,
    ) -> (Result<Answer>, u32) {
        let (url, path, m) = self.target(method, segments, query);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let rb = self.dress(
                http.request(m.clone(), url.clone()),
                auth,
                headers,
                &payload,
            );
            let started = Instant::now();
            let outcome = send_async(rb).await;
            match self.after(method, &path, attempt, started, outcome) {
                Next::Done(r) => return (r, attempt),
                Next::Again(pause) => tokio::time::sleep(pause).await,
            }
        }
    }

    /// The URL of a call, its path (for the log and messages) and its method.
    fn target(
        &self,
        method: &str,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> (Url, String, reqwest::Method) {
        let url = self.url(segments, query);
        let path = url.path().to_string();
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("a valid method");
        (url, path, m)
    }

    /// A request with its token (when `auth`), headers and body.
    fn dress<R: Dress>(
        &self,
        mut rb: R,
        auth: bool,
        headers: &[(&str, String)],
        payload: &Payload,
    ) -> R {
        if auth && let Some(t) = &self.token {
            rb = rb.bearer(t);
        }
        for (k, v) in headers {
            rb = rb.header(k, v);
        }
        match payload {
            Payload::None => rb,
            Payload::Json(b) => rb.body("application/json", b.clone()),
            Payload::Raw(b, ct) => rb.body(ct, b.clone()),
        }
    }

    /// What follows an attempt: the answer, the error, or the pause before the next attempt.
    /// Logs the attempt.
    fn after(
        &self,
        method: &str,
        path: &str,
        attempt: u32,
        started: Instant,
        outcome: std::result::Result<Answer, Failure>,
    ) -> Next {
        let latency_ms = started.elapsed().as_millis() as u64;
        let (status, failure) = match outcome {
            Ok(a) if (200..300).contains(&a.status) => {
                self.log(method, path, Some(a.status), latency_ms, attempt, None);
                return Next::Done(Ok(a));
            }
            Ok(a) => {
                let api: Option<ApiError> = serde_json::from_slice(&a.body).ok();
                let retry_after = a
                    .headers
                    .get(RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                let raw = String::from_utf8_lossy(&a.body).chars().take(300).collect();
                (
                    Some(a.status),
                    Failure::Http {
                        status: a.status,
                        retry_after,
                        api,
                        raw,
                    },
                )
            }
            Err(f) => (None, f),
        };
        self.log(
            method,
            path,
            status,
            latency_ms,
            attempt,
            Some(failure.short()),
        );
        if failure.retryable() && attempt < self.retry.max_attempts.max(1) {
            let retry_after = match &failure {
                Failure::Http { retry_after, .. } => *retry_after,
                Failure::Transport { .. } | Failure::TooBig => None,
            };
            return Next::Again(self.retry.delay(attempt, retry_after, jitter()));
        }
        Next::Done(Err(self.error(method, path, attempt, failure)))
    }

    fn log(
        &self,
        method: &str,
        path: &str,
        status: Option<u16>,
        latency_ms: u64,
        attempt: u32,
        error: Option<String>,
    ) {
        // -v: each attempt as it happens (no header value, no body: nothing secret)
        let key = if crate::waits::tracing(1) {
            format!("{method} {path} {status:?} {error:?}")
        } else {
            String::new()
        };
        crate::waits::trace_repeated(1, &key, || {
            let status = status.map_or("---".to_string(), |s| s.to_string());
            let mut line = format!("api  {method} {path}  {status}  {latency_ms} ms");
            if crate::waits::tracing(2) {
                line.push_str(&format!("  attempt {attempt}  {}", self.base));
            }
            if let Some(e) = &error {
                line.push_str(&format!("  ({e})"));
            }
            line
        });
        lock(&self.calls).push(ApiCall {
            method: method.to_string(),
            path: path.to_string(),
            status,
            latency_ms,
            attempt,
            error,
        });
    }

    fn error(&self, method: &str, path: &str, attempts: u32, failure: Failure) -> Error {
        let tries = if attempts > 1 {
            crate::t!("net.client.after_attempts", attempts = attempts)
        } else {
            String::new()
        };
        match failure {
            Failure::TooBig => Error::network(
                "E_NET_RESPONSE_TOO_BIG",
                format!(
                    "{method} {path} ({}): {}",
                    self.base,
                    crate::t!(
                        "bounds.http_too_big",
                        name = "MAX_HTTP_BODY",
                        limit = crate::paths::size_text(MAX_HTTP_BODY)
                    )
                ),
            )
            .with_help(crate::t!("bounds.http.help")),
            Failure::Transport { timeout, cause } => {
                let base = &self.base;
                let (code, message) = if timeout {
                    let m = crate::t!(
                        "net.client.timeout",
                        method = method,
                        path = path,
                        base = base,
                        cause = cause,
                        tries = tries
                    );
                    ("E_NET_TIMEOUT", m)
                } else {
                    let m = crate::t!(
                        "net.client.unreachable",
                        method = method,
                        path = path,
                        base = base,
                        cause = cause,
                        tries = tries
                    );
                    ("E_NET_UNREACHABLE", m)
                };
                Error::network(code, message).with_help(crate::t!("net.client.help_unreachable"))
            }
            Failure::Http {
                status, api, raw, ..
            } => {
                let (api_code, api_msg) = match &api {
                    Some(a) => (a.code.clone(), a.message.clone()),
                    None => (String::new(), raw),
                };
                let known = API_CODES.iter().find(|(c, ..)| *c == api_code);
                let (code, kind, help) = match known {
                    Some((_, code, kind, help)) => (*code, *kind, crate::i18n::tr(help, &[])),
                    None if status >= 500 => (
                        "E_API_UNAVAILABLE",
                        ErrorKind::Network,
                        crate::t!("net.client.help_unavailable"),
                    ),
                    None if status == 429 => (
                        "E_API_RATE_LIMITED",
                        ErrorKind::Network,
                        crate::t!("net.client.help_unavailable"),
                    ),
                    None => (
                        "E_API_REFUSED",
                        ErrorKind::Network,
                        crate::t!("net.client.help_refused"),
                    ),
                };
                let code_part = if api_code.is_empty() {
                    String::new()
                } else {
                    format!(" {api_code}")
                };
                let base = &self.base;
                let message = if status >= 500 || status == 429 {
                    crate::t!(
                        "net.client.http_failed",
                        method = method,
                        path = path,
                        base = base,
                        status = status,
                        code = code_part,
                        message = api_msg,
                        tries = tries
                    )
                } else {
                    crate::t!(
                        "net.client.http_refused",
                        method = method,
                        path = path,
                        base = base,
                        status = status,
                        code = code_part,
                        message = api_msg,
                        tries = tries
                    )
                };
                Error::new(kind, code, message).with_help(help)
            }
        }
    }

    fn decode<T: DeserializeOwned>(
        &self,
        a: &Answer,
        method: &str,
        segments: &[&str],
    ) -> Result<T> {
        serde_json::from_slice(&a.body).map_err(|e| {
            let path = self.url(segments, &[]).path().to_string();
            Error::network(
                "E_API_RESPONSE",
                crate::t!(
                    "net.client.bad_body",
                    method = method,
                    path = path,
                    base = self.base,
                    status = a.status,
                    why = e
                ),
            )
            .with_help(crate::t!("net.client.bad_body_help"))
        })
    }
}

fn login_body(username: &str, password: &str) -> Result<Payload> {
    json_payload(&LoginRequest {
        username: username.to_string(),
        password: password.to_string(),
    })
}

fn requirements_query(manufacturer: &str, model: &str) -> [(&'static str, String); 2] {
    [
        ("manufacturer", manufacturer.to_string()),
        ("model", model.to_string()),
    ]
}

/// The station id of a pinpoint answer: all a batch keeps of it.
#[derive(serde::Deserialize)]
struct StationId {
    station_id: String,
}

fn json_payload<T: Serialize>(body: &T) -> Result<Payload> {
    serde_json::to_vec(body)
        .map(Payload::Json)
        .map_err(|e| Error::internal("E_NET_ENCODE", crate::t!("net.client.encode", why = e)))
}

/// The largest response body read from the network: 16 MiB (docs/network.md). A longer one is
/// refused without being held.
pub const MAX_HTTP_BODY: u64 = 16 << 20;

/// What follows an attempt (see `Client::after`).
enum Next {
    Done(Result<Answer>),
    Again(Duration),
}

/// The parts of a request that `Client::dress` sets, on the blocking and the async builder.
trait Dress: Sized {
    fn bearer(self, token: &str) -> Self;
    fn header(self, name: &str, value: &str) -> Self;
    fn body(self, content_type: &str, bytes: Vec<u8>) -> Self;
}

impl Dress for reqwest::blocking::RequestBuilder {
    fn bearer(self, token: &str) -> Self {
        self.bearer_auth(token)
    }
    fn header(self, name: &str, value: &str) -> Self {
        self.header(name, value)
    }
    fn body(self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.header(CONTENT_TYPE, content_type).body(bytes)
    }
}

impl Dress for reqwest::RequestBuilder {
    fn bearer(self, token: &str) -> Self {
        self.bearer_auth(token)
    }
    fn header(self, name: &str, value: &str) -> Self {
        self.header(name, value)
    }
    fn body(self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.header(CONTENT_TYPE, content_type).body(bytes)
    }
}

fn setup_error(e: reqwest::Error) -> Error {
    Error::internal(
        "E_NET_CLIENT",
        crate::t!("net.client.setup", why = cause_chain(&e)),
    )
}

fn transport(e: reqwest::Error) -> Failure {
    Failure::Transport {
        timeout: e.is_timeout(),
        cause: cause_chain(&e.without_url()),
    }
}

/// The body read so far is over the limit (read at most one byte more than the limit,
/// whatever the server says or sends).
fn too_big(len: usize) -> bool {
    len as u64 > MAX_HTTP_BODY
}

fn send(rb: reqwest::blocking::RequestBuilder) -> std::result::Result<Answer, Failure> {
    let resp = rb.send().map_err(transport)?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    if resp.content_length().is_some_and(|n| n > MAX_HTTP_BODY) {
        return Err(Failure::TooBig);
    }
    let mut body = Vec::new();
    {
        use std::io::Read;
        let mut resp = resp;
        (&mut resp)
            .take(MAX_HTTP_BODY + 1)
            .read_to_end(&mut body)
            .map_err(|e| Failure::Transport {
                timeout: e.kind() == std::io::ErrorKind::TimedOut,
                cause: cause_chain(&e),
            })?;
    }
    if too_big(body.len()) {
        return Err(Failure::TooBig);
    }
    Ok(Answer {
        status,
        headers,
        body,
    })
}

async fn send_async(rb: reqwest::RequestBuilder) -> std::result::Result<Answer, Failure> {
    let mut resp = rb.send().await.map_err(transport)?;
    let status = resp.status().as_u16();
    let headers = std::mem::take(resp.headers_mut());
    if resp.content_length().is_some_and(|n| n > MAX_HTTP_BODY) {
        return Err(Failure::TooBig);
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(transport)? {
        body.extend_from_slice(&chunk);
        if too_big(body.len()) {
            return Err(Failure::TooBig);
        }
    }
    Ok(Answer {
        status,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1/",
            "http://[::1]:9",
            "https://installer.network.example",
            "https://installer.network.example/api/v1/",
        ] {
            assert!(Client::new(ok).is_ok(), "{ok}");
        }
        let e = Client::new("http://installer.network.example").unwrap_err();
        assert_eq!(e.code, "E_NET_INSECURE_URL");
        assert_eq!(e.kind, ErrorKind::Usage);
        assert!(
            e.message.contains("http://installer.network.example"),
            "{}",
            e.message
        );
        assert!(e.help.as_deref().unwrap().contains("https://"));
        assert_eq!(
            Client::new("ftp://127.0.0.1").unwrap_err().code,
            "E_NET_BAD_URL"
        );
        assert_eq!(Client::new("not a url").unwrap_err().code, "E_NET_BAD_URL");
        assert_eq!(
            Client::new("https://u:p@net.example").unwrap_err().code,
            "E_NET_BAD_URL"
        );
    }

    #[test]
    fn api_prefix_is_added_once_and_segments_are_encoded() {
        let c = Client::new("https://net.example/installer/api/v1/").unwrap();
        assert_eq!(c.base_url(), "https://net.example/installer");
        let u = c.url(&["stations", "a/b c"], &[("mac", "02:EF".to_string())]);
        assert_eq!(
            u.as_str(),
            "https://net.example/installer/api/v1/stations/a%2Fb%20c?mac=02%3AEF"
        );
        let c = Client::new("http://127.0.0.1:9").unwrap();
        assert_eq!(
            c.url(&["login"], &[]).as_str(),
            "http://127.0.0.1:9/api/v1/login"
        );
    }

    #[test]
    fn backoff_grows_is_capped_and_honours_retry_after() {
        let p = RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        assert_eq!(p.delay(1, None, 1.0), Duration::from_millis(100));
        assert_eq!(p.delay(2, None, 1.0), Duration::from_millis(200));
        assert_eq!(p.delay(3, None, 0.0), Duration::from_millis(200));
        assert_eq!(p.delay(10, None, 1.0), Duration::from_millis(1000));
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(3)), 0.5),
            Duration::from_millis(1000)
        );
        assert_eq!(p.delay(1, Some(Duration::ZERO), 0.5), Duration::ZERO);
        let j = jitter();
        assert!((0.0..1.0).contains(&j));
    }

    #[test]
    fn every_known_api_code_has_an_error_code_and_help() {
        use crate::i18n::{Lang, catalog};
        for (api, code, _, help) in API_CODES {
            assert!(code.starts_with("E_API_"), "{api}");
            assert_eq!(*help, format!("net.api.{api}"));
            for l in Lang::ALL {
                assert!(
                    catalog().get(help, l).is_some_and(|s| !s.is_empty()),
                    "{help}"
                );
            }
        }
        assert_eq!(error_code_for("serial_locked"), Some("E_API_SERIAL_LOCKED"));
        let help = API_CODES.iter().find(|c| c.0 == "serial_locked").unwrap().3;
        assert!(
            catalog()
                .get(help, Lang::En)
                .unwrap()
                .contains("cannot be changed after submission; call support")
        );
    }

    #[test]
    fn refused_connection_is_a_network_error_naming_the_request_and_the_outbox() {
        // A port nobody listens on: bind, note the port, close.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let c = Client::new(&format!("http://127.0.0.1:{port}"))
            .unwrap()
            .with_token("secret-token-value".to_string())
            .with_retry(RetryPolicy {
                max_attempts: 3,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
            });
        let e = c.installer().unwrap_err();
        assert_eq!(e.kind, ErrorKind::Network);
        assert_eq!(e.code, "E_NET_UNREACHABLE");
        assert!(is_transient(&e));
        assert!(e.message.contains("GET /api/v1/installer"), "{}", e.message);
        assert!(e.message.contains("after 3 attempts"), "{}", e.message);
        assert!(e.help.as_deref().unwrap().contains("outbox"));
        assert!(!format!("{e:?}").contains("secret-token-value"));
        let calls = c.take_calls();
        assert_eq!(calls.len(), 3);
        assert_eq!(
            calls.iter().map(|c| c.attempt).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert!(
            calls
                .iter()
                .all(|c| c.status.is_none() && c.error.is_some())
        );
        assert!(c.take_calls().is_empty());
    }

    /// A server on loopback that answers every request with an endless chunked body (or a
    /// `Content-Length` over the cap); returns its URL and the bytes it managed to send.
    fn endless_server(declared: bool) -> (String, std::sync::mpsc::Receiver<u64>) {
        use std::io::{Read, Write};
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (mut s, _) = l.accept().unwrap();
            let mut req = Vec::new();
            let mut b = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut b) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&b[..n]),
                }
            }
            let head = if declared {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    MAX_HTTP_BODY + 1
                )
            } else {
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .to_string()
            };
            let mut sent = 0u64;
            if s.write_all(head.as_bytes()).is_ok() && !declared {
                let chunk = vec![b' '; 64 * 1024];
                let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
                frame.extend_from_slice(&chunk);
                frame.extend_from_slice(b"\r\n");
                // stops when the client hangs up (or at 4 times the cap, so a broken client
                // fails the test instead of hanging it)
                while sent < 4 * MAX_HTTP_BODY && s.write_all(&frame).is_ok() {
                    sent += chunk.len() as u64;
                }
            }
            let _ = tx.send(sent);
        });
        (url, rx)
    }

    #[test]
    fn a_response_body_over_the_cap_is_refused_without_being_read() {
        for declared in [false, true] {
            let (url, sent) = endless_server(declared);
            let c = Client::new(&url).unwrap().with_retry(RetryPolicy {
                max_attempts: 1,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
            });
            let e = c.installer().unwrap_err();
            assert_eq!(e.code, "E_NET_RESPONSE_TOO_BIG");
            assert!(!is_transient(&e), "not retried, not queued");
            assert!(
                e.message.contains("MAX_HTTP_BODY") && e.message.contains("16 MiB"),
                "{}",
                e.message
            );
            drop(c);
            let sent = sent.recv_timeout(Duration::from_secs(60)).unwrap();
            assert!(sent < 2 * MAX_HTTP_BODY, "the server sent {sent} bytes");
        }
    }
}
