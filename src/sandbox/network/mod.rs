//! The sandbox network: the installer API (`/api/v1`, docs/network-api.md) and an OCPP 1.6J
//! websocket endpoint (`/ocpp/{chargeBoxId}`) on loopback, with the rules a real network
//! enforces, state that survives a restart, and fault injection.
//!
//! The server runs in its own thread with its own tokio runtime, so callers stay synchronous
//! (the API client is `reqwest::blocking`, which must not run inside a runtime).
//!
//! Module map: `state` (data, seed, persistence, rules), `http` (routes and handlers), `ocpp`
//! (the websocket endpoint), `faults` (fault injection).

mod faults;
mod http;
mod ocpp;
mod state;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{Notify, watch};

pub use faults::{Fault, Faults, TIMEOUT_HOLD};
pub use http::served_routes;
pub use state::{
    ActivationRecord, AddressRecord, CERTIFICATION_HELP, IdempotencyRecord, InstallerRecord,
    NOT_CERTIFIED_SENTENCE, PhotoRecord, SANDBOX_ACTIVATION_COUNT, SUPPORTED_MODELS, SandboxState,
    TokenRecord, distance_m, expected_identity, load_state, normalize_mac, sandbox_activation,
    sandbox_request,
};

use crate::{Error, Result};
use state::{Reject, save_state};

/// Where and how to run the sandbox network.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Loopback address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// JSON state file, written atomically after every change and read on start. `None` keeps
    /// everything in memory (lost on shutdown).
    pub state_path: Option<PathBuf>,
    pub faults: Faults,
    /// The OCPP security profile the network asks for in its requirements (default: none said).
    /// With 1 or more, the OCPP endpoint takes only stations that present HTTP Basic
    /// credentials: their own charge box identity and a key of at least 16 characters (the
    /// sandbox cannot know the key a real network would have issued; it checks there is one).
    pub security_profile: Option<u8>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            state_path: None,
            faults: Faults::default(),
            security_profile: None,
        }
    }
}

/// What the server's tasks share.
pub(crate) struct Shared {
    state: Mutex<SandboxState>,
    state_path: Option<PathBuf>,
    /// Directory of uploaded photos (next to the state file), or `None` to keep them in memory.
    photo_dir: Option<PathBuf>,
    photos_in_memory: Mutex<HashMap<String, Vec<u8>>>,
    faults: Mutex<faults::FaultInjector>,
    base_url: String,
    ocpp_url: String,
    shutdown: watch::Receiver<bool>,
    /// The newest OCPP connection per station id; only its close marks the station closed.
    ocpp_conns: Mutex<HashMap<String, u64>>,
    next_conn: AtomicU64,
    /// API requests that got a fault, since start.
    faults_injected: AtomicU64,
    /// See [`SandboxConfig::security_profile`].
    security_profile: Option<u8>,
}

/// Resolves once the sandbox is told to stop (or its handle is gone).
async fn stopped(mut rx: watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    fn new(
        state: SandboxState,
        state_path: Option<PathBuf>,
        addr: SocketAddr,
        faults: Faults,
        shutdown: watch::Receiver<bool>,
    ) -> Shared {
        let photo_dir = state_path.as_deref().map(photo_dir_for);
        Shared {
            state: Mutex::new(state),
            state_path,
            photo_dir,
            photos_in_memory: Mutex::new(HashMap::new()),
            faults: Mutex::new(faults::FaultInjector::new(faults)),
            base_url: format!("http://{addr}"),
            ocpp_url: format!("ws://{addr}/ocpp"),
            shutdown,
            ocpp_conns: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(1),
            faults_injected: AtomicU64::new(0),
            security_profile: None,
        }
    }

    fn read<T>(&self, f: impl FnOnce(&SandboxState) -> T) -> T {
        f(&lock(&self.state))
    }

    /// Applies `f` to the state. In memory it works on the state itself: a rule changes
    /// nothing before it has decided to succeed, so a failed rule leaves the state as it was and
    /// a request costs no copy. With a state file it works on a copy; when that succeeds and
    /// changed something, the copy is written to the file first and only then becomes the
    /// state, so a failed write leaves the state as it was too.
    fn mutate<T>(
        &self,
        f: impl FnOnce(&mut SandboxState) -> std::result::Result<T, Reject>,
    ) -> std::result::Result<T, Reject> {
        let mut current = lock(&self.state);
        if self.state_path.is_none() {
            return f(&mut current);
        }
        let mut next = current.clone();
        let out = f(&mut next)?;
        if next != *current {
            if let Some(path) = &self.state_path {
                save_state(path, &next).map_err(|e| {
                    Reject::new(
                        500,
                        "internal",
                        format!("the sandbox could not save its state: {e}"),
                    )
                })?;
            }
            *current = next;
        }
        Ok(out)
    }

    fn next_fault(&self) -> Fault {
        let f = lock(&self.faults).next();
        if f != Fault::None {
            self.faults_injected
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        f
    }
}

/// `<dir>/<stem>.photos/` beside the state file `<dir>/<stem>.json`.
fn photo_dir_for(state_path: &Path) -> PathBuf {
    let stem = state_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let name = format!("{}.photos", stem.unwrap_or_else(|| "sandbox".to_string()));
    match state_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(name),
        _ => PathBuf::from(name),
    }
}

/// A running sandbox network. Dropping it shuts the server down.
pub struct SandboxHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SandboxHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// `http://127.0.0.1:P`; the API is under `/api/v1`.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }
    /// `ws://127.0.0.1:P/ocpp`; a station connects to `<this>/<chargeBoxId>`.
    pub fn ocpp_url(&self) -> String {
        self.shared.ocpp_url.clone()
    }
    /// A copy of everything the network knows right now.
    pub fn snapshot(&self) -> SandboxState {
        self.shared.read(Clone::clone)
    }
    /// How many API requests got an injected fault since the sandbox started.
    pub fn faults_injected(&self) -> u64 {
        self.shared
            .faults_injected
            .load(std::sync::atomic::Ordering::Relaxed)
    }
    /// Replaces the faults in force (and restarts their RNG from `f.seed`).
    pub fn set_faults(&self, f: Faults) {
        *lock(&self.shared.faults) = faults::FaultInjector::new(f);
    }
    /// The bytes of a station's uploaded photo, wherever they are kept.
    pub fn photo_bytes(&self, station_id: &str) -> Option<Vec<u8>> {
        http::photo_bytes(&self.shared, station_id)
    }
    /// Stops listening, closes every connection (OCPP sockets and held requests included) and
    /// waits for the server thread.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.stop_now();
    }
}

impl std::fmt::Debug for SandboxHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxHandle")
            .field("addr", &self.addr)
            .finish()
    }
}

/// Starts the sandbox network and returns once it is listening.
pub fn start(config: SandboxConfig) -> Result<SandboxHandle> {
    let requested = config.addr;
    if !requested.ip().is_loopback() {
        return Err(Error::validation(
            "E_SANDBOX_ADDR",
            crate::t!("tool.sandbox.not_loopback", addr = requested),
        )
        .with_help(crate::t!("tool.sandbox.not_loopback_help")));
    }
    config
        .faults
        .validate()
        .map_err(|e| Error::validation("E_SANDBOX_FAULTS", e))?;

    let listener = std::net::TcpListener::bind(requested).map_err(|e| {
        let help = if e.kind() == std::io::ErrorKind::AddrInUse {
            crate::t!("tool.sandbox.in_use_help")
        } else {
            crate::t!("tool.sandbox.bind_help")
        };
        Error::usage(
            "E_SANDBOX_BIND",
            crate::t!("tool.sandbox.cannot_listen", addr = requested, why = e),
        )
        .with_help(help)
    })?;
    let addr = listener.local_addr().map_err(|e| {
        Error::internal(
            "E_SANDBOX_BIND",
            crate::t!("tool.sandbox.no_local_addr", addr = requested, why = e),
        )
    })?;
    listener.set_nonblocking(true).map_err(|e| {
        Error::internal(
            "E_SANDBOX_BIND",
            crate::t!("tool.sandbox.nonblocking", addr = addr, why = e),
        )
    })?;

    let state = match &config.state_path {
        Some(p) if p.exists() => load_state(p)?,
        Some(p) => {
            let s = SandboxState::seed();
            save_state(p, &s)?;
            s
        }
        None => SandboxState::seed(),
    };

    let (stop_tx, stop_rx) = watch::channel(false);
    let mut shared = Shared::new(
        state,
        config.state_path,
        addr,
        config.faults,
        stop_rx.clone(),
    );
    shared.security_profile = config.security_profile;
    let shared = Arc::new(shared);
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<std::result::Result<(), String>>();
    let server_shared = shared.clone();
    let thread = std::thread::Builder::new()
        .name(format!("sandbox-net-{}", addr.port()))
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("sandbox-net-worker")
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(crate::t!("tool.sandbox.runtime", why = e)));
                    return;
                }
            };
            rt.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => {
                        let _ = ready_tx.send(Err(crate::t!("tool.sandbox.listener", why = e)));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                accept_loop(listener, server_shared, stop_rx).await;
            });
            // Drops every task still running: open websockets, held ("timeout") requests.
            rt.shutdown_timeout(Duration::from_secs(2));
        })
        .map_err(|e| {
            Error::internal(
                "E_SANDBOX_THREAD",
                crate::t!("tool.sandbox.thread", why = e),
            )
        })?;

    match ready_rx.recv() {
        Ok(Ok(())) => Ok(SandboxHandle {
            addr,
            shared,
            stop: stop_tx,
            thread: Some(thread),
        }),
        Ok(Err(msg)) => {
            let _ = thread.join();
            Err(Error::internal(
                "E_SANDBOX_START",
                crate::t!("tool.sandbox.did_not_start", addr = addr, why = msg),
            ))
        }
        Err(_) => {
            let _ = thread.join();
            Err(Error::internal(
                "E_SANDBOX_START",
                crate::t!("tool.sandbox.stopped_starting", addr = addr),
            ))
        }
    }
}

/// Signals the connection a request came on to close without an answer (faults "reset" and
/// "offline"). Inserted into every request's extensions by the connection loop.
#[derive(Clone)]
pub(crate) struct ConnAbort(Arc<Notify>);

impl ConnAbort {
    pub(crate) fn abort(&self) {
        self.0.notify_one();
    }
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
) {
    let router = http::router(shared);
    loop {
        tokio::select! {
            _ = stopped(stop.clone()) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve_connection(stream, router.clone()));
                }
                // Out of file descriptors and the like: wait a moment, keep serving.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
        }
    }
}

/// One HTTP/1.1 connection (with upgrades, for the OCPP websocket). When a handler asks for the
/// connection to be aborted, the connection is dropped at once: the socket closes and whatever
/// answer was being prepared is never sent.
async fn serve_connection(stream: tokio::net::TcpStream, router: axum::Router) {
    use hyper::service::Service as _;
    let abort = Arc::new(Notify::new());
    let tower = hyper_util::service::TowerToHyperService::new(router);
    let conn_abort = ConnAbort(abort.clone());
    let service =
        hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(conn_abort.clone());
            tower.call(req)
        });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
        .with_upgrades();
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = abort.notified() => {}
    }
}
