//! Routes and handlers of the sandbox network: the installer API under `/api/v1`, the OCPP
//! websocket upgrade, the sticker's pinpointing page and the `/_sandbox` admin endpoints.
//! Handlers only translate between HTTP and the rules in `state.rs`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State, WebSocketUpgrade};
use axum::handler::Handler;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::{Json, Router};
use chrono::Utc;
use sha2::{Digest, Sha256};

use super::faults::{Fault, TIMEOUT_HOLD};
use super::state::{InstallerRecord, PhotoRecord, Reject, SandboxState, rfc3339};
use super::{ConnAbort, Faults, Shared, lock, ocpp};
use crate::network::api::{
    self, ActivationCheckRequest, LoginRequest, PhotoReceipt, PinpointRequest,
};
use crate::paths::write_atomic;

type App = Arc<Shared>;

/// Largest photo the network takes.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, Json(self.to_api())).into_response();
        if self.status == 401 {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

type Reply = Result<Response, Reject>;

/// Builds the router and, beside it, the table of every route it serves. Routes can only be
/// added through this builder, so the table (checked against the OpenAPI file by a test) cannot
/// miss one.
struct Routes {
    router: Router<App>,
    table: Vec<(&'static str, &'static str)>,
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }
    fn get<H, T>(mut self, path: &'static str, h: H) -> Self
    where
        H: Handler<T, App>,
        T: 'static,
    {
        self.table.push(("GET", path));
        self.router = self.router.route(path, axum::routing::get(h));
        self
    }
    fn post<H, T>(mut self, path: &'static str, h: H) -> Self
    where
        H: Handler<T, App>,
        T: 'static,
    {
        self.table.push(("POST", path));
        self.router = self.router.route(path, axum::routing::post(h));
        self
    }
}

fn api_routes() -> Routes {
    Routes::new()
        .post("/api/v1/login", login)
        .get("/api/v1/installer", installer)
        .get("/api/v1/requirements", requirements)
        .post("/api/v1/activations/check", check_activation)
        .get("/api/v1/addresses", addresses)
        .post("/api/v1/stations", submit_pinpoint)
        .get("/api/v1/stations", list_stations)
        .get("/api/v1/stations/{station_id}", get_station)
        .get("/api/v1/stations/{station_id}/status", get_status)
        .post("/api/v1/stations/{station_id}/photo", upload_photo)
        .post("/api/v1/sessions/{session_id}/chain-heads", post_chain_head)
        .get("/api/v1/sessions/{session_id}/chain-heads", get_chain_heads)
}

async fn post_chain_head(
    State(app): State<App>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Reply {
    let rec = authenticate(&app, &headers)?;
    let head: crate::network::api::ChainHead = parse_json(&body)?;
    let now = Utc::now();
    let (status, r) =
        app.mutate(|st| super::state::record_chain_head(st, &rec.username, &id, &head, now))?;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED);
    Ok((status, Json(r)).into_response())
}

async fn get_chain_heads(
    State(app): State<App>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Reply {
    authenticate(&app, &headers)?;
    let heads = app.read(|st| {
        st.chain_heads
            .iter()
            .filter(|r| r.session_id == id)
            .cloned()
            .collect()
    });
    Ok(Json(crate::network::api::ChainHeadList {
        session_id: id,
        heads,
    })
    .into_response())
}

fn other_routes() -> Routes {
    Routes::new()
        .get("/ocpp/{charge_box_id}", ocpp_upgrade)
        .get("/pinpoint", pinpoint_page)
        .get("/_sandbox/faults", get_faults)
        .post("/_sandbox/faults", set_faults)
        .get("/_sandbox/state", get_state)
}

/// Every (method, path) the sandbox serves, paths in the router's (and OpenAPI's) `{param}`
/// notation.
pub fn served_routes() -> Vec<(&'static str, &'static str)> {
    let mut all = api_routes().table;
    all.extend(other_routes().table);
    all
}

pub(super) fn router(app: App) -> Router {
    let fault_app = app.clone();
    let api = api_routes().router.layer(axum::middleware::from_fn(
        move |req: Request, next: Next| {
            let app = fault_app.clone();
            async move { inject_fault(app, req, next).await }
        },
    ));
    api.merge(other_routes().router)
        .fallback(|req: Request| async move {
            Reject::new(
                404,
                "not_found",
                format!(
                    "no route {} {} at this network",
                    req.method(),
                    req.uri().path()
                ),
            )
        })
        .layer(axum::middleware::map_response(
            |mut resp: Response| async move {
                resp.headers_mut().insert(
                    "evfield-api-version",
                    HeaderValue::from_static(api::API_VERSION),
                );
                resp
            },
        ))
        .with_state(app)
}

// ----- fault injection -----

async fn inject_fault(app: App, req: Request, next: Next) -> Response {
    let abort = req.extensions().get::<ConnAbort>().cloned();
    let drop_connection = |abort: Option<ConnAbort>| async move {
        if let Some(a) = abort {
            a.abort();
            // The connection task drops this request (and the connection) now.
            std::future::pending::<()>().await;
        }
        Reject::new(503, "sandbox_fault", "connection dropped (sandbox fault)").into_response()
    };
    match app.next_fault() {
        Fault::None => next.run(req).await,
        Fault::Offline => drop_connection(abort).await,
        Fault::ServerError => Reject::new(
            503,
            "sandbox_fault",
            "the network is temporarily unavailable (sandbox fault injection); retry later",
        )
        .into_response(),
        Fault::RateLimited { retry_after_s } => {
            let mut resp = Reject::new(
                429,
                "rate_limited",
                format!("too many requests; retry after {retry_after_s} s"),
            )
            .into_response();
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
            resp
        }
        Fault::Timeout => {
            tokio::select! {
                _ = tokio::time::sleep(TIMEOUT_HOLD) => next.run(req).await,
                _ = super::stopped(app.shutdown.clone()) => {
                    Reject::new(503, "sandbox_fault", "the sandbox is shutting down").into_response()
                }
            }
        }
        Fault::Reset => {
            // The request is processed and committed; only the answer is lost.
            let _committed = next.run(req).await;
            drop_connection(abort).await
        }
    }
}

// ----- helpers -----

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

fn authenticate(app: &App, headers: &HeaderMap) -> Result<InstallerRecord, Reject> {
    let now = Utc::now();
    app.read(|st| st.authenticate(bearer(headers), now).cloned())
}

fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Reject> {
    serde_json::from_slice(body).map_err(|e| {
        Reject::new(
            400,
            "bad_request",
            format!("the request body is not valid: {e}"),
        )
    })
}

fn query_f64(q: &HashMap<String, String>, name: &str) -> Result<Option<f64>, Reject> {
    match q.get(name) {
        None => Ok(None),
        Some(v) => v.trim().parse::<f64>().map(Some).map_err(|_| {
            Reject::new(
                400,
                "bad_request",
                format!("query parameter {name}={v:?} is not a number"),
            )
        }),
    }
}

fn required<'a>(q: &'a HashMap<String, String>, name: &str) -> Result<&'a str, Reject> {
    q.get(name)
        .map(String::as_str)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| {
            Reject::new(
                400,
                "bad_request",
                format!("query parameter {name} is required"),
            )
        })
}

// ----- installer API -----

async fn login(State(app): State<App>, body: Bytes) -> Reply {
    let req: LoginRequest = parse_json(&body)?;
    let now = Utc::now();
    let resp = app.mutate(|st| st.login(&req.username, &req.password, now))?;
    Ok(Json(resp).into_response())
}

async fn installer(State(app): State<App>, headers: HeaderMap) -> Reply {
    let rec = authenticate(&app, &headers)?;
    Ok(Json(SandboxState::installer_view(&rec, Utc::now().date_naive())).into_response())
}

async fn requirements(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Reply {
    authenticate(&app, &headers)?;
    let manufacturer = required(&q, "manufacturer")?;
    let model = q.get("model").map(String::as_str).unwrap_or("");
    let mut r = super::state::requirements(manufacturer, model, &app.base_url, &app.ocpp_url)?;
    r.security_profile = app.security_profile;
    Ok(Json(r).into_response())
}

async fn check_activation(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Reply {
    authenticate(&app, &headers)?;
    let req: ActivationCheckRequest = parse_json(&body)?;
    Ok(
        Json(app.read(|st| st.check_activation(&req.mac, &req.activation_password)))
            .into_response(),
    )
}

async fn addresses(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Reply {
    authenticate(&app, &headers)?;
    let lat = query_f64(&q, "lat")?;
    let lon = query_f64(&q, "lon")?;
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Err(Reject::new(
            400,
            "bad_request",
            "query parameters lat and lon are required",
        ));
    };
    let radius = query_f64(&q, "radius_m")?;
    Ok(Json(app.read(|st| st.addresses_near(lat, lon, radius))?).into_response())
}

async fn submit_pinpoint(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Reply {
    let rec = authenticate(&app, &headers)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .ok_or_else(|| {
            Reject::new(
                400,
                "idempotency_key_missing",
                "POST /api/v1/stations needs an Idempotency-Key header (1 to 200 characters, \
                 a UUID is best) so that a retried submission never creates a second station",
            )
        })?
        .to_string();
    let req: PinpointRequest = parse_json(&body)?;
    let now = Utc::now();
    let outcome = app.mutate(|st| st.pinpoint(&rec.username, &key, &req, now))?;
    let status = StatusCode::from_u16(outcome.status).unwrap_or(StatusCode::CREATED);
    let location = outcome
        .body
        .get("station_id")
        .and_then(|v| v.as_str())
        .map(|id| format!("/api/v1/stations/{id}"));
    let mut resp = (status, Json(outcome.body)).into_response();
    if outcome.replayed {
        resp.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    if let Some(loc) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        resp.headers_mut().insert(header::LOCATION, loc);
    }
    Ok(resp)
}

async fn list_stations(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Reply {
    authenticate(&app, &headers)?;
    let mac = q.get("mac").map(String::as_str);
    Ok(Json(app.read(|st| st.stations_filtered(mac))?).into_response())
}

async fn get_station(State(app): State<App>, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authenticate(&app, &headers)?;
    Ok(Json(app.read(|st| st.station(&id).cloned())?).into_response())
}

async fn get_status(State(app): State<App>, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    authenticate(&app, &headers)?;
    Ok(Json(app.read(|st| st.status(&id))?).into_response())
}

/// JPEG or PNG by magic bytes: (content type, file extension).
fn sniff_image(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("image/jpeg", "jpg"))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", "png"))
    } else {
        None
    }
}

/// An oversized upload is still read (and thrown away) up to this many bytes, so that the client
/// has sent everything and reads the 413 instead of a connection reset.
const DRAIN_CAP_BYTES: usize = 64 * 1024 * 1024;

async fn read_photo_body(mut body: Body) -> Result<Bytes, Reject> {
    use axum::body::HttpBody as _;
    let mut kept = Vec::new();
    let mut total = 0usize;
    while let Some(frame) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
    {
        let frame = frame.map_err(|e| {
            Reject::new(
                400,
                "bad_request",
                format!("the photo upload broke off: {e}"),
            )
        })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total += data.len();
        if total <= MAX_PHOTO_BYTES {
            kept.extend_from_slice(&data);
        } else if total > DRAIN_CAP_BYTES {
            return Err(too_large());
        }
    }
    if total > MAX_PHOTO_BYTES {
        return Err(too_large());
    }
    Ok(Bytes::from(kept))
}

fn too_large() -> Reject {
    Reject::new(
        413,
        "photo_too_large",
        format!(
            "the photo is larger than {} MB; send a smaller JPEG",
            MAX_PHOTO_BYTES / (1024 * 1024)
        ),
    )
}

async fn upload_photo(
    State(app): State<App>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> Reply {
    let rec = authenticate(&app, &headers)?;
    let now = Utc::now();
    app.read(|st| st.check_photo_allowed(&rec, &id, now))?;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_CAP_BYTES as u64) {
        // Far too large to be worth reading: answer now (the client may see the connection
        // close before it has sent everything).
        return Err(too_large());
    }
    let bytes = read_photo_body(body).await?;
    let (content_type, ext) = sniff_image(&bytes).ok_or_else(|| {
        Reject::new(
            415,
            "unsupported_media_type",
            "the photo must be a JPEG or PNG image",
        )
    })?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let file = format!("{id}.{ext}");
    match &app.photo_dir {
        Some(dir) => write_atomic(&dir.join(&file), &bytes).map_err(|e| {
            Reject::new(
                500,
                "internal",
                format!("the sandbox could not store the photo: {e}"),
            )
        })?,
        None => {
            lock(&app.photos_in_memory).insert(id.clone(), bytes.to_vec());
        }
    }
    let receipt = PhotoReceipt {
        station_id: id.clone(),
        photo: file.clone(),
        bytes: bytes.len() as u64,
        sha256: sha256.clone(),
    };
    app.mutate(|st| {
        st.record_photo(PhotoRecord {
            station_id: id.clone(),
            file,
            content_type: content_type.to_string(),
            bytes: bytes.len() as u64,
            sha256,
            uploaded_at: rfc3339(now),
        });
        Ok(())
    })?;
    Ok(Json(receipt).into_response())
}

pub(super) fn photo_bytes(app: &Shared, station_id: &str) -> Option<Vec<u8>> {
    if let Some(b) = lock(&app.photos_in_memory).get(station_id) {
        return Some(b.clone());
    }
    let file = app.read(|st| {
        st.photos
            .iter()
            .find(|p| p.station_id == station_id)
            .map(|p| p.file.clone())
    })?;
    std::fs::read(app.photo_dir.as_ref()?.join(file)).ok()
}

// ----- OCPP -----

async fn ocpp_upgrade(
    State(app): State<App>,
    Path(charge_box_id): Path<String>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Reply {
    if app.security_profile.is_some_and(|sp| sp >= 1) {
        ocpp_basic_auth(&headers, &charge_box_id)?;
    }
    let offered: Vec<String> = ws
        .requested_protocols()
        .filter_map(|p| p.to_str().ok().map(str::to_string))
        .collect();
    let Some(version) = crate::ocpp::Version::choose(&offered.join(","), &ocpp::VERSIONS) else {
        return Err(Reject::new(
            400,
            "subprotocol_required",
            "the websocket must offer the subprotocol ocpp1.6 or ocpp2.0.1 (header \
             Sec-WebSocket-Protocol)",
        ));
    };
    let Some(station_id) = app.read(|st| st.station_for_identity(&charge_box_id)) else {
        return Err(Reject::new(
            404,
            "unknown_charge_box",
            format!(
                "charge box identity {charge_box_id:?} belongs to no pinpointed station; \
                 pinpoint the station first and check the identity written to it"
            ),
        ));
    };
    Ok(ws
        .protocols([version.subprotocol()])
        .on_upgrade(move |socket| ocpp::session(app, station_id, version, socket)))
}

/// OCPP security profiles 1 and 2: the station presents HTTP Basic credentials, its own charge
/// box identity as user and its authorization key (at least 16 characters) as password.
fn ocpp_basic_auth(headers: &HeaderMap, charge_box_id: &str) -> Result<(), Reject> {
    use base64::Engine;
    let refuse = |why: &str| {
        Reject::new(
            401,
            "ocpp_authorization_required",
            format!(
                "the network's OCPP security profile needs HTTP Basic credentials: {why}; write \
                 the authorization key into the station (`evfield station ocpp set \
                 --security-profile N --authorization-key-stdin`)"
            ),
        )
    };
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Err(refuse("the station sent none"));
    };
    let decoded = value
        .strip_prefix("Basic ")
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| refuse("the Authorization header is not HTTP Basic"))?;
    let (user, key) = decoded.split_once(':').unwrap_or((&decoded, ""));
    if user != charge_box_id {
        return Err(refuse(
            "the user name is not the station's charge box identity",
        ));
    }
    if key.chars().count() < 16 {
        return Err(refuse(
            "the authorization key is shorter than 16 characters",
        ));
    }
    Ok(())
}

// ----- sticker page and sandbox admin -----

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page the activation sticker's QR code opens. The sandbox has no web UI; the page says
/// which MAC it was opened for and how to pinpoint with evfield. The password is not echoed.
async fn pinpoint_page(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let mac = q.get("mac").map(String::as_str).unwrap_or("(none)");
    let has_password = q.get("password").is_some_and(|p| !p.is_empty());
    Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Pinpoint station</title></head>\
         <body><h1>Pinpoint station</h1><p>MAC: <b>{}</b></p><p>Activation password: {}</p>\
         <p>This is the sandbox network. Pinpoint with <code>evfield pinpoint</code> or \
         <code>evfield renetwork</code>.</p></body></html>",
        html_escape(mac),
        if has_password {
            "filled in from the sticker"
        } else {
            "missing"
        }
    ))
}

async fn get_faults(State(app): State<App>) -> Json<Faults> {
    Json(lock(&app.faults).faults().clone())
}

async fn set_faults(State(app): State<App>, body: Bytes) -> Reply {
    let f: Faults = parse_json(&body)?;
    f.validate()
        .map_err(|e| Reject::new(400, "bad_request", e))?;
    *lock(&app.faults) = super::faults::FaultInjector::new(f.clone());
    Ok(Json(f).into_response())
}

async fn get_state(State(app): State<App>) -> Json<SandboxState> {
    Json(app.read(Clone::clone))
}
