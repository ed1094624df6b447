//! Submitting the rows of a batch: the network's requirements checked for every row first, then
//! bounded concurrency, a rate limit, exactly-once submissions through deterministic idempotency
//! keys, and a run-state file so a second run of the same file sends nothing new.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::rows::{Row, RowError};
use crate::network::api::PinpointRequest;
use crate::network::client::{Client, RetryPolicy};
use crate::session::steps::charge_box_id_of;
use crate::{Error, ErrorKind, Result};

/// A row ready to send: the complete request and its idempotency key.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub row: u64,
    pub line: u64,
    /// What a row's result names of the request.
    pub mac: String,
    pub serial: String,
    pub charge_box_id: String,
    /// The request as sent (its JSON, encoded once: for the key and as the body).
    pub body: Vec<u8>,
    pub key: String,
}

/// The idempotency key of a submission: derived from the whole request, so the same row always
/// carries the same key (a rerun is replayed by the network, never a second station), and a
/// changed row carries a new one. UUID-shaped (version 8, "custom").
pub fn idempotency_key(req: &PinpointRequest) -> String {
    key_of_body(&serde_json::to_vec(req).unwrap_or_default())
}

/// [`idempotency_key`] of a request's JSON.
fn key_of_body(body: &[u8]) -> String {
    let d = Sha256::new()
        .chain_update(b"evfield-batch-pinpoint-v1\n")
        .chain_update(body)
        .finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    uuid::Builder::from_custom_bytes(b).into_uuid().to_string()
}

/// Fill in each row's charge box identity from the network's rule for its model, and check a
/// given one against it. Rows whose model the network does not take are errors. One
/// `requirements` request per distinct model.
pub fn prepare(rows: Vec<Row>, link: &Link) -> Result<(Vec<Prepared>, Vec<RowError>)> {
    type Rule = Option<(String, Option<crate::rules::Area>)>;
    // the models of a file: a handful, found by a look down a short list
    let mut rules: Vec<((String, String), Rule)> = Vec::new();
    let find = |rules: &[((String, String), Rule)], q: &PinpointRequest| {
        rules
            .iter()
            .position(|((m, mo), _)| *m == q.manufacturer && *mo == q.model)
    };
    for r in &rows {
        if find(&rules, &r.request).is_some() {
            continue;
        }
        let (m, mo) = (&r.request.manufacturer, &r.request.model);
        let rule = match link.requirements(m, mo) {
            Ok(req) => Some((req.identity_rule, req.service_area)),
            Err(e) if e.code == "E_API_MODEL_NOT_SUPPORTED" => None,
            Err(e) => return Err(e),
        };
        rules.push(((m.clone(), mo.clone()), rule));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for r in rows {
        let found = find(&rules, &r.request).and_then(|i| rules[i].1.as_ref());
        let Some((rule, area)) = found else {
            let q = &r.request;
            errors.push(RowError::new(
                r.row,
                r.line,
                "model",
                &q.model,
                crate::t!(
                    "rec.batch.model_refused",
                    manufacturer = q.manufacturer,
                    model = q.model
                ),
                &crate::t!("rec.batch.model_refused.help"),
            ));
            continue;
        };
        // the same rule as everywhere: a position far outside the network's area, or swapped
        let outside = area.as_ref().and_then(|a| {
            let q = &r.request;
            [
                ("gps", (q.gps_lat, q.gps_lon)),
                ("pin", (q.pin_lat, q.pin_lon)),
            ]
            .into_iter()
            .find_map(|(col, p)| crate::rules::in_area(p, a).err().map(|e| (col, p, e)))
        });
        if let Some((col, (lat, lon), e)) = outside {
            let help = e.help.clone().unwrap_or_default();
            errors.push(RowError::new(
                r.row,
                r.line,
                col,
                &format!("{lat},{lon}"),
                e.message,
                &help,
            ));
            continue;
        }
        let expected = charge_box_id_of(rule, &r.request.mac, &r.request.serial);
        let mut request = r.request;
        if request.charge_box_id.is_empty() {
            request.charge_box_id = expected;
        } else if request.charge_box_id != expected {
            errors.push(RowError::new(
                r.row,
                r.line,
                "charge_box_id",
                &request.charge_box_id,
                crate::t!("rec.batch.rule", rule = rule, expected = expected),
                &crate::t!("rec.batch.rule.help"),
            ));
            continue;
        }
        out.push((r.row, r.line, request));
    }
    // each request's JSON and key (a SHA-256 of it) on a few threads: a file may have many rows
    let bodies = super::par_map(&out, |(_, _, request)| {
        // plain strings and numbers: encoding cannot fail
        let body = serde_json::to_vec(request).unwrap_or_default();
        let key = key_of_body(&body);
        (body, key)
    });
    let out = out
        .into_iter()
        .zip(bodies)
        .map(|((row, line, request), (body, key))| Prepared {
            row,
            line,
            mac: request.mac,
            serial: request.serial,
            charge_box_id: request.charge_box_id,
            body,
            key,
        })
        .collect();
    Ok((out, errors))
}

/// What became of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The network has the station (created now, or `replayed`: it already had this very
    /// submission, e.g. after a lost answer or a lost run-state file).
    Accepted,
    /// The run-state file says an earlier run got it accepted; nothing was sent.
    Skipped,
    /// Refused, or the network could not be reached in all the attempts.
    Failed,
}

/// One JSON line of result per row. The members are in the order of their names, as every
/// JSON document evfield prints (see [`crate::output::Output::stream_document`]).
#[derive(Debug, Clone, Serialize)]
pub struct RowResult {
    /// HTTP attempts made for this row (0 when skipped).
    pub attempts: u32,
    pub charge_box_id: String,
    pub elapsed_ms: u64,
    /// `{kind, code, message, help, exit_code}` when failed.
    pub error: Option<Value>,
    #[serde(skip)]
    pub error_kind: Option<ErrorKind>,
    pub idempotency_key: String,
    pub line: u64,
    pub mac: String,
    /// The network answered with an earlier submission's result (same idempotency key).
    pub replayed: bool,
    pub row: u64,
    pub schema: u32,
    pub serial: String,
    pub station_id: Option<String>,
    pub status: Status,
    #[serde(rename = "type")]
    pub type_: &'static str,
}

impl RowResult {
    fn new(p: &Prepared, status: Status) -> RowResult {
        RowResult {
            schema: 1,
            type_: "result",
            row: p.row,
            line: p.line,
            mac: p.mac.clone(),
            serial: p.serial.clone(),
            status,
            replayed: false,
            station_id: None,
            charge_box_id: p.charge_box_id.clone(),
            idempotency_key: p.key.clone(),
            attempts: 0,
            elapsed_ms: 0,
            error: None,
            error_kind: None,
        }
    }

    pub fn human(&self) -> String {
        let what = match self.status {
            Status::Accepted if self.replayed => crate::t!("rec.batch.res.replayed"),
            Status::Accepted => crate::t!("rec.batch.res.accepted"),
            Status::Skipped => crate::t!("rec.batch.res.skipped"),
            Status::Failed => {
                let e = self.error.as_ref();
                let g = |k: &str| {
                    e.and_then(|e| e.get(k))
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string()
                };
                crate::t!(
                    "rec.batch.res.failed",
                    code = g("code"),
                    message = g("message"),
                    help = g("help")
                )
            }
        };
        crate::t!(
            "rec.batch.res.line",
            row = format!("{:>4}", self.row),
            mac = self.mac,
            serial = self.serial,
            station = self
                .station_id
                .as_deref()
                .map(|s| format!("{s}  "))
                .unwrap_or_default(),
            what = what
        )
    }
}

/// The last line of a run.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    pub schema: u32,
    #[serde(rename = "type")]
    pub type_: &'static str,
    pub rows: u64,
    pub accepted: u64,
    /// Of the accepted: answered with an earlier submission's result.
    pub replayed: u64,
    pub skipped: u64,
    pub failed: u64,
    /// Rows for which a submission was sent in this run.
    pub submitted: u64,
    pub elapsed_ms: u64,
    pub state_file: PathBuf,
}

/// One line of the run-state file: a row the network accepted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Accepted {
    pub idempotency_key: String,
    /// The network that accepted it (a row accepted by a test network is not skipped when the
    /// same file is run against another).
    #[serde(default)]
    pub network: String,
    pub row: u64,
    pub mac: String,
    pub serial: String,
    pub station_id: String,
    pub at: String,
}

/// The run-state file: JSON Lines, one accepted row a line, appended as results come.
pub struct StateFile {
    path: PathBuf,
    file: File,
    accepted: HashMap<String, Accepted>,
}

impl StateFile {
    /// Open (or create) a state file and read the rows it holds. A last line cut short by a
    /// crash is ignored; its row is simply sent again, and the network replays it.
    pub fn open(path: &Path) -> Result<StateFile> {
        // a folder it creates is private; a folder the user named (`--state /tmp/x`) is theirs
        if let Some(d) = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        {
            crate::paths::ensure_private_dir(d)?;
        }
        let mut accepted = HashMap::new();
        let mut ends_clean = true;
        if let Ok(f) = File::open(path) {
            for line in BufReader::new(f).split(b'\n') {
                let line = line.map_err(|e| Error::io(&crate::t!("rec.io.read_state"), path, e))?;
                if line.is_empty() {
                    continue;
                }
                match serde_json::from_slice::<Accepted>(&line) {
                    Ok(a) => {
                        ends_clean = true;
                        accepted.insert(a.idempotency_key.clone(), a);
                    }
                    Err(_) => ends_clean = false,
                }
            }
        }
        let mut opts = OpenOptions::new();
        opts.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts
            .open(path)
            .map_err(|e| Error::io(&crate::t!("rec.io.open_state"), path, e))?;
        if !ends_clean {
            file.write_all(b"\n")
                .map_err(|e| Error::io(&crate::t!("rec.io.write_state"), path, e))?;
        }
        Ok(StateFile {
            path: path.to_path_buf(),
            file,
            accepted,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, key: &str) -> Option<&Accepted> {
        self.accepted.get(key)
    }

    /// Append one accepted row (one write; the OS keeps it across a kill of the process).
    pub fn record(&mut self, a: Accepted) -> Result<()> {
        self.record_all(vec![a])
    }

    /// Append accepted rows, all in one write.
    pub fn record_all(&mut self, rows: Vec<Accepted>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut lines = Vec::with_capacity(rows.len() * 256);
        for a in &rows {
            // plain strings and numbers: encoding cannot fail
            let _ = serde_json::to_writer(&mut lines, a);
            lines.push(b'\n');
        }
        self.file
            .write_all(&lines)
            .map_err(|e| Error::io(&crate::t!("rec.io.write_state"), &self.path, e))?;
        for a in rows {
            self.accepted.insert(a.idempotency_key.clone(), a);
        }
        Ok(())
    }
}

/// How to reach the network and how hard to push it.
#[derive(Debug, Clone)]
pub struct Settings {
    pub network: String,
    /// Submissions in flight at once.
    pub jobs: usize,
    /// Submissions started per second at most (`None`: no limit).
    pub rate: Option<f64>,
    pub retry: RetryPolicy,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
}

/// The batch's one way to the network, from the login to the last submission: one Tokio
/// runtime and one asynchronous HTTP client (one TLS setup, one connection pool, the same
/// client code for the sandbox and a real network), with the installer API client's retries,
/// log and error texts. The checks before the rows run on it too (no blocking client, no
/// thread of its own, no second pool): its connections are warm when the rows go.
pub struct Link {
    runtime: tokio::runtime::Runtime,
    client: Client,
    http: reqwest::Client,
}

impl Link {
    /// The runtime (its threads: see [`sender_threads`]) and the HTTP client of a network.
    pub fn open(settings: &Settings) -> Result<Link> {
        let client = Client::new(&settings.network)?
            .with_retry(settings.retry.clone())
            .with_timeouts(settings.connect_timeout, settings.request_timeout);
        let runtime = match sender_threads().min(settings.jobs) {
            0 | 1 => tokio::runtime::Builder::new_current_thread(),
            n => {
                let mut b = tokio::runtime::Builder::new_multi_thread();
                b.worker_threads(n);
                b
            }
        }
        .enable_all()
        .build()
        .map_err(|e| Error::internal("E_BATCH_RUNTIME", crate::t!("i16.batch.runtime", why = e)))?;
        let http = {
            let _in_runtime = runtime.enter();
            client.async_http()?
        };
        Ok(Link {
            runtime,
            client,
            http,
        })
    }

    /// Sends `Authorization: Bearer <token>` from now on.
    pub fn set_token(&mut self, token: String) {
        self.client.set_token(Some(token));
    }

    /// `POST /login`: the token of `username` for this run.
    pub fn login(&self, username: &str, password: &str) -> Result<String> {
        let r = self
            .runtime
            .block_on(self.client.login_async(&self.http, username, password));
        Ok(r?.token)
    }

    /// `GET /installer`.
    pub fn installer(&self) -> Result<crate::network::api::Installer> {
        self.runtime
            .block_on(self.client.installer_async(&self.http))
    }

    /// `GET /requirements` of a model.
    pub fn requirements(
        &self,
        manufacturer: &str,
        model: &str,
    ) -> Result<crate::network::api::Requirements> {
        self.runtime.block_on(
            self.client
                .requirements_async(&self.http, manufacturer, model),
        )
    }
}

/// Starts at most `rate` submissions a second, spread evenly.
struct Pacer {
    interval: Option<Duration>,
    next: Mutex<Instant>,
}

impl Pacer {
    /// When the next submission may start (`None`: at once).
    fn slot(&self) -> Option<Instant> {
        let iv = self.interval?;
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        let slot = (*next).max(Instant::now());
        *next = slot + iv;
        Some(slot)
    }
}

/// What the submitting tasks share.
struct Lanes {
    client: Client,
    http: reqwest::Client,
    todo: Vec<Prepared>,
    next: AtomicUsize,
    pacer: Pacer,
}

async fn submit_one(lanes: &Lanes, p: &Prepared) -> RowResult {
    if let Some(slot) = lanes.pacer.slot() {
        tokio::time::sleep_until(slot.into()).await;
    }
    let start = Instant::now();
    let (r, attempts) = lanes
        .client
        .submit_pinpoint_async(&lanes.http, p.body.clone(), &p.key)
        .await;
    let mut res = RowResult::new(p, Status::Failed);
    res.attempts = attempts;
    res.elapsed_ms = start.elapsed().as_millis() as u64;
    match r {
        Ok((station_id, created)) => {
            res.status = Status::Accepted;
            res.replayed = !created;
            res.station_id = Some(station_id);
        }
        Err(e) => {
            res.error = Some(e.to_json()["error"].clone());
            res.error_kind = Some(e.kind);
        }
    }
    res
}

/// The results on their way from the submitting tasks to the writer (the future [`run`]
/// drives on its own thread): a task adds its row's result and wakes the writer, which takes
/// every result that came meanwhile at once.
#[derive(Default)]
struct Inbox {
    results: Vec<RowResult>,
    /// Submitting tasks still running.
    lanes: usize,
    writer: Option<Waker>,
}

fn lock_inbox(inbox: &Mutex<Inbox>) -> std::sync::MutexGuard<'_, Inbox> {
    inbox.lock().unwrap_or_else(|p| p.into_inner())
}

impl Inbox {
    /// Wake the writer (outside the lock).
    fn deliver(inbox: &Mutex<Inbox>, change: impl FnOnce(&mut Inbox)) {
        let waker = {
            let mut i = lock_inbox(inbox);
            change(&mut i);
            i.writer.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }

    /// The results that came since the last call; `None` when every task has ended and every
    /// result was taken.
    async fn next_group(inbox: &Mutex<Inbox>) -> Option<Vec<RowResult>> {
        std::future::poll_fn(|cx| {
            let mut i = lock_inbox(inbox);
            if !i.results.is_empty() {
                return Poll::Ready(Some(std::mem::take(&mut i.results)));
            }
            if i.lanes == 0 {
                return Poll::Ready(None);
            }
            i.writer = Some(cx.waker().clone());
            Poll::Pending
        })
        .await
    }
}

/// One of the `jobs` submissions in flight: takes the next row, sends it, hands its result
/// over, until no row is left.
async fn lane(lanes: Arc<Lanes>, inbox: Arc<Mutex<Inbox>>) {
    loop {
        let i = lanes.next.fetch_add(1, Ordering::Relaxed);
        let Some(p) = lanes.todo.get(i) else { break };
        let res = submit_one(&lanes, p).await;
        Inbox::deliver(&inbox, |i| i.results.push(res));
    }
    Inbox::deliver(&inbox, |i| i.lanes -= 1);
}

/// How long the writer gathers results after the first of a group when other threads send
/// (see [`run`]).
const GATHER: Duration = Duration::from_millis(1);

/// The environment variable that sets how many threads send (1 to 16).
pub const THREADS_ENV: &str = "EVFIELD_BATCH_THREADS";

/// The threads that send: `EVFIELD_BATCH_THREADS`, else as many as the machine has cores (at
/// most 4). One: the writing thread sends too.
fn sender_threads() -> usize {
    std::env::var(THREADS_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| (1..=16).contains(n))
        .unwrap_or_else(|| super::cores().clamp(1, 4))
}

/// Submit every row not already in the state file; `on_result` sees the rows' results as they
/// come, a group at a time (the rows skipped first, then the others in the order they finish,
/// each group the rows that finished together). An accepted row's line is in the state file
/// (written, with the rest of its group in one write: a killed process loses nothing the OS
/// holds) before `on_result` sees it. The file is not fsynced: what a power cut takes from it
/// costs only a request a row in the next run, which the network answers as a replay of the
/// same idempotency key (never a second station), while a sync would cost every run up to
/// tens of milliseconds on a busy disk.
///
/// The submissions are `jobs` tasks on the link's asynchronous HTTP client (the same TLS and
/// client code for the sandbox and a real network), on a few threads (see [`sender_threads`])
/// while this one writes, gathering a millisecond's results for a write. With one sending
/// thread it is this one: a result's way to the files is then a function call, and the rows
/// that finished in one turn of the event loop are written together.
pub fn run(
    rows: Vec<Prepared>,
    link: Link,
    settings: &Settings,
    state: &mut StateFile,
    mut on_result: impl FnMut(&[RowResult]),
) -> Result<Summary> {
    let start = Instant::now();
    let mut sum = Summary {
        schema: 1,
        type_: "summary",
        rows: rows.len() as u64,
        state_file: state.path().to_path_buf(),
        ..Summary::default()
    };
    let mut todo = Vec::new();
    let mut skipped = Vec::new();
    for p in rows {
        match state.get(&p.key).filter(|a| a.network == settings.network) {
            Some(a) => {
                sum.skipped += 1;
                let mut res = RowResult::new(&p, Status::Skipped);
                res.station_id = Some(a.station_id.clone());
                skipped.push(res);
            }
            None => todo.push(p),
        }
    }
    if !skipped.is_empty() {
        on_result(&skipped);
    }
    let jobs = settings.jobs.clamp(1, 64).min(todo.len());
    let Link {
        runtime,
        client,
        http,
    } = link;
    drop(client.take_calls());
    let gather = runtime.metrics().num_workers() > 1;
    let lanes = Arc::new(Lanes {
        client,
        http,
        todo,
        next: AtomicUsize::new(0),
        pacer: Pacer {
            interval: settings
                .rate
                .filter(|r| *r > 0.0 && r.is_finite())
                .map(|r| Duration::from_secs_f64(1.0 / r)),
            next: Mutex::new(Instant::now()),
        },
    });
    let inbox = Arc::new(Mutex::new(Inbox {
        lanes: jobs,
        ..Inbox::default()
    }));
    for _ in 0..jobs {
        runtime.spawn(lane(lanes.clone(), inbox.clone()));
    }
    let mut first_err: Option<Error> = None;
    runtime.block_on(async {
        while let Some(mut done) = Inbox::next_group(&inbox).await {
            if gather {
                // other threads send: a millisecond's worth of results for one write each to
                // the state file and stdout, instead of a wake-up and two writes a row
                tokio::time::sleep(GATHER).await;
                done.append(&mut lock_inbox(&inbox).results);
            }
            // the attempts are in the rows' results; the shared log is not kept
            drop(lanes.client.take_calls());
            let mut accepted = Vec::new();
            // the rows of a group finished within a millisecond or so of this
            let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            for res in &done {
                sum.submitted += 1;
                if res.status != Status::Accepted {
                    sum.failed += 1;
                    continue;
                }
                sum.accepted += 1;
                sum.replayed += u64::from(res.replayed);
                accepted.push(Accepted {
                    idempotency_key: res.idempotency_key.clone(),
                    network: settings.network.clone(),
                    row: res.row,
                    mac: res.mac.clone(),
                    serial: res.serial.clone(),
                    station_id: res.station_id.clone().unwrap_or_default(),
                    at: at.clone(),
                });
            }
            if let Err(e) = state.record_all(accepted) {
                first_err.get_or_insert(e);
            }
            on_result(&done);
        }
    });
    drop(runtime);
    if let Some(e) = first_err {
        return Err(e);
    }
    sum.elapsed_ms = start.elapsed().as_millis() as u64;
    Ok(sum)
}

/// The default run-state file of a batch file run against a network:
/// `<data dir>/batch/<name>-<hash of its path and the network>.state.jsonl`.
pub fn default_state_path(data_dir: &Path, input: &Path, network: &str) -> PathBuf {
    let abs = std::fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf());
    let h = hex::encode(Sha256::digest(
        format!("{}\n{network}", abs.to_string_lossy()).as_bytes(),
    ));
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "batch".into());
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    data_dir
        .join("batch")
        .join(format!("{stem}-{}.state.jsonl", &h[..12]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::api::SiteDetails;

    fn req(serial: &str) -> PinpointRequest {
        PinpointRequest {
            mac: "02:EF:20:00:00:01".into(),
            activation_password: "pw".into(),
            manufacturer: "Evfield".into(),
            model: "SimCharger 22".into(),
            serial: serial.into(),
            charge_box_id: "EVF-02EF20000001".into(),
            firmware: None,
            gps_lat: 59.9,
            gps_lon: 10.7,
            address_id: "addr-0001".into(),
            pin_lat: 59.9,
            pin_lon: 10.7,
            details: SiteDetails::default(),
        }
    }

    #[test]
    fn keys_are_stable_per_request_and_differ_between_requests() {
        let a = idempotency_key(&req("S1"));
        // the form every earlier run's keys have (a rerun must find its rows in the state file)
        let body = serde_json::to_string(&req("S1")).unwrap();
        let d = Sha256::digest(format!("evfield-batch-pinpoint-v1\n{body}").as_bytes());
        assert_eq!(
            a,
            uuid::Builder::from_custom_bytes(d[..16].try_into().unwrap())
                .into_uuid()
                .to_string()
        );
        assert_eq!(a, idempotency_key(&req("S1")));
        assert_ne!(a, idempotency_key(&req("S2")));
        let u = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(u.get_version_num(), 8);
    }

    #[test]
    fn state_file_survives_a_torn_last_line() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("s.jsonl");
        let mut s = StateFile::open(&p).unwrap();
        let a = Accepted {
            idempotency_key: "k1".into(),
            network: "n".into(),
            row: 1,
            mac: "m".into(),
            serial: "s".into(),
            station_id: "STN-1".into(),
            at: "t".into(),
        };
        s.record(a.clone()).unwrap();
        drop(s);
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"idempotency_key\":\"k2\",\"ro").unwrap();
        drop(f);
        let mut s = StateFile::open(&p).unwrap();
        assert!(s.get("k1").is_some() && s.get("k2").is_none());
        s.record(Accepted {
            idempotency_key: "k3".into(),
            ..a
        })
        .unwrap();
        drop(s);
        let s = StateFile::open(&p).unwrap();
        assert!(s.get("k3").is_some());
    }
}
