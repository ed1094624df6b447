//! The simulated station on a pseudo-terminal.
//!
//! [`start`] opens a pty pair and serves the line console protocol (docs/station-console.md) on
//! the master side in a thread; the installer's code opens the slave path ([`SimHandle::path`])
//! with the real serial code. The station keeps its own [`SimState`] (persisted as JSON when a
//! state path is given), injects faults on request ([`SimFaults`]) and, once commissioned, runs an
//! OCPP 1.6J websocket client against the configured central system (see [`ocpp`]).

mod apis;
mod app;
mod device_model;
pub mod dialects;
mod ocpp;
pub mod ocpp_config;
pub mod registers;
mod services;

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

pub use self::apis::KEBA_DSW1_3;
pub use self::dialects::{After, Dialect, Service};
use crate::sandbox::demo;
use crate::station::console::{
    MAX_LINE, decode_value, encode_value, escape_bytes, format_err, format_ok,
};
use crate::{Error, Result};

/// The station's error entry while its OCPP URL needs TLS, which the simulator lacks.
pub const NO_TLS_ERROR: &str = "OCPP: wss:// needs TLS, which the simulator does not have";

/// Everything the simulated station remembers. Missing fields in a state file take the demo
/// station's values; unknown fields are rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimState {
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub mac: String,
    pub firmware: String,
    /// `None`: no SIM inserted.
    pub iccid: Option<String>,
    /// `READY`, `SIM PIN`, ... (reported as `NOT INSERTED` when there is no SIM).
    pub sim_pin: String,
    /// 0 not registered, 1 home, 2 searching, 3 denied, 5 roaming.
    pub registration: u8,
    pub rssi_dbm: Option<i32>,
    pub apn: Option<String>,
    pub ocpp_url: Option<String>,
    pub charge_box_id: Option<String>,
    /// What `ERRORS` reports.
    pub errors: Vec<String>,
    /// OpenEVSE state code (`GS`): 1 ready, 2 connected, 3 charging, 4.. faults, FE, FF.
    pub evse_state: u8,
    /// The station echoes what it receives (RAPI `FF E 1`, AT `ATE1`).
    pub echo: bool,
    /// How far the station's clock is off, in seconds (for the clock lint).
    pub clock_offset_s: i64,
    /// The mobile operator the modem registered with.
    pub operator: Option<String>,
    /// Location area / tracking area code and cell id (hex), when registered.
    pub lac: Option<String>,
    pub cell: Option<String>,
    /// Further configuration keys (EVA's OCPP keys: HeartbeatInterval, ConnectionTimeOut, ...).
    pub config: std::collections::BTreeMap<String, String>,
}

impl Default for SimState {
    /// The demo station with its old SIM inserted and registered, not yet commissioned.
    fn default() -> Self {
        SimState {
            manufacturer: demo::MANUFACTURER.into(),
            model: demo::MODEL.into(),
            serial: demo::SERIAL.into(),
            mac: demo::MAC.into(),
            firmware: demo::FIRMWARE.into(),
            iccid: Some(demo::OLD_ICCID.into()),
            sim_pin: "READY".into(),
            registration: 1,
            rssi_dbm: Some(-71),
            apn: Some("old.apn".into()),
            ocpp_url: None,
            charge_box_id: None,
            errors: Vec::new(),
            evse_state: 1,
            echo: false,
            clock_offset_s: 0,
            operator: Some("Telia N".into()),
            lac: Some("1A2B".into()),
            cell: Some("01C2D3E4".into()),
            config: Default::default(),
        }
    }
}

/// Faults to inject on the service console.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimFaults {
    /// Read commands, never answer (and do nothing).
    pub silent: bool,
    /// Answer every command with random bytes that are not a protocol reply (and do nothing).
    pub garbage: bool,
    /// Carry out the command, then wait this long before answering.
    pub slow_reply: Option<Duration>,
    /// Carry out the command, write half of the reply, then close the console for good (the
    /// cable is pulled). The OCPP client keeps running.
    pub unplug_mid_reply: bool,
    /// Corrupt the checksum of every reply (protocols with checksums: RAPI).
    pub bad_checksum: bool,
    /// Echo every command line before the reply, whatever the station's own echo setting.
    pub echo: bool,
    /// Modbus RTU: corrupt the CRC of every reply.
    pub crc_error: bool,
    /// Modbus: answer every request with this exception code.
    pub exception: Option<u8>,
    /// Modbus: the station was set to another unit id than its profile's (RTU: it ignores the
    /// requests; TCP: it answers as its own unit).
    pub wrong_unit: bool,
    /// HTTP: answer every request with this status.
    pub http_status: Option<u16>,
    /// Behave for this many commands, then misbehave from the next one on (the fault arrives
    /// mid-session). 0: from the first command.
    pub after_commands: u32,
}

/// The fault kinds of the simulator by name, as `evfield sim --fault` and
/// `EVFIELD_DEMO_SIM_FAULT` spell them.
pub const FAULT_NAMES: [&str; 10] = [
    "silent",
    "garbage",
    "slow",
    "unplug",
    "bad-checksum",
    "echo",
    "crc-error",
    "exception",
    "wrong-unit",
    "http-error",
];

impl SimFaults {
    /// One fault kind by its name ([`FAULT_NAMES`]); `slow` waits `slow` before each reply.
    pub fn named(name: &str, slow: Duration) -> Option<SimFaults> {
        let mut f = SimFaults::default();
        match name {
            "silent" => f.silent = true,
            "garbage" => f.garbage = true,
            "slow" => f.slow_reply = Some(slow),
            "unplug" => f.unplug_mid_reply = true,
            "bad-checksum" => f.bad_checksum = true,
            "echo" => f.echo = true,
            "crc-error" => f.crc_error = true,
            "exception" => f.exception = Some(2),
            "wrong-unit" => f.wrong_unit = true,
            "http-error" => f.http_status = Some(500),
            _ => return None,
        }
        Some(f)
    }

    /// A fault from a spec `KIND[:MS][@N]`: the kind, the delay of `slow` in milliseconds
    /// (default 5000) and the number of commands answered normally first (default 0).
    pub fn parse_spec(spec: &str) -> std::result::Result<SimFaults, String> {
        let (rest, after) = match spec.split_once('@') {
            Some((r, n)) => (
                r,
                n.trim()
                    .parse::<u32>()
                    .map_err(|_| crate::t!("tool.sim.fault_after", value = n))?,
            ),
            None => (spec, 0),
        };
        let (kind, ms) = match rest.split_once(':') {
            Some((k, ms)) => (
                k,
                ms.trim()
                    .parse::<u64>()
                    .map_err(|_| crate::t!("tool.sim.fault_ms", value = ms))?,
            ),
            None => (rest, 5000),
        };
        let mut f = SimFaults::named(kind.trim(), Duration::from_millis(ms)).ok_or_else(|| {
            crate::t!(
                "tool.sim.fault_kind",
                value = kind.trim(),
                kinds = FAULT_NAMES.join(", ")
            )
        })?;
        f.after_commands = after;
        Ok(f)
    }
}

/// How the simulator behaves.
#[derive(Debug, Clone)]
pub struct SimOptions {
    /// Where to persist the state (JSON, written atomically on every change).
    pub state_path: Option<PathBuf>,
    /// How long a reboot takes (commands are ignored meanwhile). Default 300 ms.
    pub boot_delay: Duration,
    /// First OCPP reconnect delay; doubles per failure up to 2 s. Default 250 ms.
    pub ocpp_retry: Duration,
    /// Heartbeat period (the central system's interval wins when smaller). Default 30 s.
    pub heartbeat: Duration,
    pub faults: SimFaults,
    /// The protocol served on the port (one per shipped vendor profile).
    pub dialect: Dialect,
    /// Pace the bytes both ways as a serial line at this baud rate carries them (8N1: 10 bits a
    /// byte); `None`: as fast as the pty goes.
    pub baud: Option<u32>,
    /// A chatty OCPP client (for tests of a central system): before it answers each call of
    /// the central system, the station sends calls of its own (StatusNotification, Heartbeat,
    /// Authorize, DataTransfer, MeterValues or NotifyEvent, SecurityEventNotification, and
    /// SignCertificate, which a central system that signs no certificates does not implement)
    /// and logs each answer as `ocpp: chatter <Action> answered <frame>`.
    pub ocpp_chatter: bool,
    /// The OCPP version the station's client speaks (1.6 by default).
    pub ocpp_version: crate::ocpp::Version,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            state_path: None,
            boot_delay: Duration::from_millis(300),
            ocpp_retry: Duration::from_millis(250),
            heartbeat: Duration::from_secs(30),
            faults: SimFaults::default(),
            dialect: Dialect::Console,
            baud: None,
            ocpp_chatter: false,
            ocpp_version: crate::ocpp::Version::V16,
        }
    }
}

/// How many log lines the simulator keeps.
const LOG_LINES: usize = 500;

/// The OCPP client's shared view.
#[derive(Debug)]
struct OcppShared {
    /// Bumped to stop the running client; a client only reports while its generation is current.
    generation: u64,
    connected: bool,
    status: String,
    threads: Vec<JoinHandle<()>>,
}

/// State shared by the handle, the console thread and the OCPP client.
struct Shared {
    state: Mutex<SimState>,
    state_path: Option<PathBuf>,
    faults: Mutex<SimFaults>,
    options: SimOptions,
    boots: AtomicU32,
    stop: AtomicBool,
    unplugged: AtomicBool,
    /// Command lines received (for [`SimFaults::after_commands`]).
    commands: AtomicU32,
    ocpp: Mutex<OcppShared>,
    /// Unsolicited lines waiting for the console thread.
    outbox: Mutex<Vec<String>>,
    log: Mutex<VecDeque<String>>,
    /// While restarting: when the station is up again.
    booting_until: Mutex<Option<Instant>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    fn log(&self, msg: impl Into<String>) {
        let line = format!(
            "{} {}",
            chrono::Utc::now().format("%H:%M:%S%.3f"),
            msg.into()
        );
        let mut log = lock(&self.log);
        if log.len() >= LOG_LINES {
            log.pop_front();
        }
        log.push_back(line);
    }

    fn snapshot(&self) -> SimState {
        lock(&self.state).clone()
    }

    /// Change the state; persist it when it changed and a state path is set.
    fn update<R>(&self, change: impl FnOnce(&mut SimState) -> R) -> R {
        let mut state = lock(&self.state);
        let before = state.clone();
        let result = change(&mut state);
        if *state != before
            && let Some(path) = &self.state_path
            && let Err(e) = save_state(path, &state)
        {
            drop(state);
            self.log(format!("could not save the state: {}", e.message));
        }
        result
    }

    /// Queue an unsolicited line for the console.
    fn announce(&self, line: String) {
        lock(&self.outbox).push(line);
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// The faults in force now: none until `after_commands` commands were received.
    fn active_faults(&self) -> SimFaults {
        let f = lock(&self.faults).clone();
        if self.commands.load(Ordering::SeqCst) < f.after_commands {
            SimFaults::default()
        } else {
            f
        }
    }

    /// Count a received command line and return the faults it meets.
    fn faults_for_command(&self) -> SimFaults {
        let f = lock(&self.faults).clone();
        let before = self.commands.fetch_add(1, Ordering::SeqCst);
        if before < f.after_commands {
            SimFaults::default()
        } else {
            f
        }
    }

    /// Stop the running OCPP client (if any) without waiting for it.
    fn stop_ocpp(&self, why: &str) {
        let mut o = lock(&self.ocpp);
        o.generation += 1;
        if o.connected {
            self.announce("EVT ocpp=disconnected".into());
        }
        o.connected = false;
        o.status = format!("stopped ({why})");
    }

    /// Start the OCPP client when the station is commissioned.
    fn start_ocpp(self: &Arc<Self>) {
        let state = self.snapshot();
        let (Some(url), Some(id)) = (state.ocpp_url.clone(), state.charge_box_id.clone()) else {
            lock(&self.ocpp).status = "not configured".into();
            return;
        };
        let switch = match self.options.dialect {
            Dialect::GoE => Some("ocppe"),
            // The OpenEVSE WiFi module's "OCPP" switch (`ocpp_enabled`).
            Dialect::Rapi => Some("ocpp_enabled"),
            _ => None,
        };
        if let Some(key) = switch
            && state.config.get(key).map(String::as_str) != Some("true")
        {
            lock(&self.ocpp).status = "OCPP switched off".into();
            return;
        }
        let basic_auth = (dialects::security_profile(&state) >= 1)
            .then(|| state.config.get(dialects::AUTHORIZATION_KEY).cloned())
            .flatten();
        let mut o = lock(&self.ocpp);
        o.generation += 1;
        o.connected = false;
        o.status = format!("starting ({url})");
        o.threads.retain(|t| !t.is_finished());
        let config = ocpp::ClientConfig {
            url,
            charge_box_id: id,
            vendor: state.manufacturer,
            model: state.model,
            serial: state.serial,
            firmware: state.firmware,
            basic_auth,
            iccid: state.iccid,
            retry: self.options.ocpp_retry,
            heartbeat: self.options.heartbeat,
            chatter: self.options.ocpp_chatter,
            version: self.options.ocpp_version,
        };
        let generation = o.generation;
        let shared = Arc::clone(self);
        match std::thread::Builder::new()
            .name("sim-ocpp".into())
            .spawn(move || ocpp::run(shared, generation, config))
        {
            Ok(t) => o.threads.push(t),
            Err(e) => {
                o.status = format!("error: could not start the OCPP client: {e}");
            }
        }
    }

    /// Restart: the OCPP client stops, the station ignores its ports for the boot delay.
    fn reboot(&self) {
        self.log("rebooting");
        self.stop_ocpp("rebooting");
        lock(&self.outbox).clear();
        *lock(&self.booting_until) = Some(Instant::now() + self.options.boot_delay);
    }

    /// Whether the station is still restarting; completes the boot once its time has come.
    fn booting(self: &Arc<Self>) -> bool {
        let mut b = lock(&self.booting_until);
        match *b {
            Some(t) if Instant::now() >= t => {
                *b = None;
                drop(b);
                self.booted();
                false
            }
            Some(_) => true,
            None => false,
        }
    }

    /// A completed boot: count it, announce it, start the OCPP client.
    fn booted(self: &Arc<Self>) {
        let n = self.boots.fetch_add(1, Ordering::SeqCst) + 1;
        let s = self.snapshot();
        self.log(format!("booted (boot #{n})"));
        if let Some(banner) = self.options.dialect.banner(&s) {
            self.announce(banner);
        }
        if self.options.dialect != Dialect::Modem {
            self.start_ocpp();
        }
    }
}

/// A running simulated station. Dropping it stops its threads and closes the pty.
pub struct SimHandle {
    path: String,
    address: Option<String>,
    shared: Arc<Shared>,
    console: Option<JoinHandle<()>>,
    services: Vec<JoinHandle<()>>,
}

impl SimHandle {
    /// Where to reach the station: the pty slave path (`/dev/pts/N`) for a service port, or
    /// `127.0.0.1:PORT` for a station reached over the network.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The station's network address (`127.0.0.1:PORT`): Modbus TCP, HTTP or UDP, when it has
    /// one (an ABB station has both a pty for RTU and an address for TCP).
    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }

    /// The dialect served.
    pub fn dialect(&self) -> Dialect {
        self.shared.options.dialect
    }

    pub fn state(&self) -> SimState {
        self.shared.snapshot()
    }

    /// The installer physically swaps the SIM: the new one is ready and registers at home.
    pub fn swap_sim(&self, iccid: &str, apn: &str) {
        self.shared.update(|s| {
            s.iccid = Some(iccid.to_string());
            s.apn = (!apn.is_empty()).then(|| apn.to_string());
            s.sim_pin = "READY".into();
            s.registration = 1;
            s.rssi_dbm = s.rssi_dbm.or(Some(-71));
        });
        self.shared
            .log(format!("SIM swapped: iccid {iccid}, apn {apn}"));
        self.shared
            .announce(format!("EVT sim=inserted iccid={}", encode_value(iccid)));
    }

    /// Change the faults; `after_commands` counts from now.
    pub fn set_faults(&self, faults: SimFaults) {
        self.shared.log(format!("faults set: {faults:?}"));
        let mut f = lock(&self.shared.faults);
        self.shared.commands.store(0, Ordering::SeqCst);
        *f = faults;
    }

    /// Command lines received since the start (or the last [`SimHandle::set_faults`]).
    pub fn commands(&self) -> u32 {
        self.shared.commands.load(Ordering::SeqCst)
    }

    /// True between an accepted BootNotification and the loss of the connection.
    pub fn ocpp_connected(&self) -> bool {
        lock(&self.shared.ocpp).connected
    }

    /// What the OCPP client is doing, in words (`connected`, `connecting to ...`, `error: ...`).
    pub fn ocpp_status(&self) -> String {
        lock(&self.shared.ocpp).status.clone()
    }

    /// Completed boots, the power-on at [`start`] included.
    pub fn boots(&self) -> u32 {
        self.shared.boots.load(Ordering::SeqCst)
    }

    /// Whether the console was closed by the `unplug_mid_reply` fault.
    pub fn unplugged(&self) -> bool {
        self.shared.unplugged.load(Ordering::SeqCst)
    }

    /// The simulator's recent log lines (oldest first), for `evfield sim` and for test failures.
    pub fn log(&self) -> Vec<String> {
        lock(&self.shared.log).iter().cloned().collect()
    }

    pub fn shutdown(self) {
        // Drop does the work.
    }

    fn stop_all(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.stop_ocpp("simulator shut down");
        if let Some(t) = self.console.take() {
            let _ = t.join();
        }
        for t in std::mem::take(&mut self.services) {
            let _ = t.join();
        }
        let threads = std::mem::take(&mut lock(&self.shared.ocpp).threads);
        for t in threads {
            let _ = t.join();
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.stop_all();
    }
}

/// Read a state file (JSON).
pub fn load_state(path: &Path) -> Result<SimState> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(&crate::t!("tool.sim.read_state"), path, e))?;
    serde_json::from_str(&text).map_err(|e| {
        Error::usage(
            "E_SIM_STATE",
            crate::t!("tool.sim.bad_state", path = path.display(), why = e),
        )
        .with_help(crate::t!("tool.sim.bad_state_help"))
    })
}

/// Write the state atomically.
fn save_state(path: &Path, state: &SimState) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(state)
        .map_err(|e| Error::internal("E_SIM_STATE", crate::t!("tool.sim.encode_state", why = e)))?;
    json.push(b'\n');
    crate::paths::write_atomic(path, &json)
}

/// Start a simulated station that is powered on in `state`.
pub fn start(state: SimState, options: SimOptions) -> Result<SimHandle> {
    #[cfg(unix)]
    return start_on_pty(state, options);
    #[cfg(not(unix))]
    {
        let _ = (state, options);
        Err(Error::usage(
            "E_SIM_UNSUPPORTED",
            crate::t!("tool.sim.unsupported"),
        ))
    }
}

#[cfg(unix)]
fn pty() -> Result<(serialport::TTYPort, serialport::TTYPort, String)> {
    let (mut master, slave) = serialport::TTYPort::pair().map_err(|e| {
        Error::internal("E_SIM_PTY", crate::t!("tool.sim.no_pty", why = e))
            .with_help(crate::t!("tool.sim.no_pty_help"))
    })?;
    let path = serialport::SerialPort::name(&slave)
        .ok_or_else(|| Error::internal("E_SIM_PTY", crate::t!("tool.sim.pty_no_path")))?;
    serialport::SerialPort::set_timeout(&mut master, Duration::from_millis(20))
        .map_err(|e| Error::internal("E_SIM_PTY", crate::t!("tool.sim.pty_setup", why = e)))?;
    Ok((master, slave, path))
}

fn thread_error(e: std::io::Error) -> Error {
    Error::internal("E_SIM_THREAD", crate::t!("tool.sim.thread", why = e))
}

#[cfg(unix)]
fn start_on_pty(state: SimState, options: SimOptions) -> Result<SimHandle> {
    if let Some(path) = &options.state_path {
        save_state(path, &state)?;
    }
    let service = options.dialect.service();
    let options_dialect = options.dialect;
    let faults = options.faults.clone();
    let baud = options.baud;
    let shared = Arc::new(Shared {
        state: Mutex::new(state),
        state_path: options.state_path.clone(),
        faults: Mutex::new(faults),
        options,
        boots: AtomicU32::new(0),
        stop: AtomicBool::new(false),
        unplugged: AtomicBool::new(false),
        commands: AtomicU32::new(0),
        ocpp: Mutex::new(OcppShared {
            generation: 0,
            connected: false,
            status: "not started".into(),
            threads: Vec::new(),
        }),
        outbox: Mutex::new(Vec::new()),
        log: Mutex::new(VecDeque::new()),
        booting_until: Mutex::new(None),
    });
    let mut handle = SimHandle {
        path: String::new(),
        address: None,
        shared: Arc::clone(&shared),
        console: None,
        services: Vec::new(),
    };
    match service {
        Service::Lines => {
            let (master, slave, path) = pty()?;
            shared.log(format!("station console on {path}"));
            let console = Console {
                shared: Arc::clone(&shared),
                master,
                slave: Some(slave),
                line: Vec::new(),
                overflow: false,
                pacer: Pacer::new(baud),
            };
            handle.console = Some(
                std::thread::Builder::new()
                    .name("sim-console".into())
                    .spawn(move || console.run())
                    .map_err(thread_error)?,
            );
            handle.path = path;
            if options_dialect == Dialect::Rapi {
                // OpenEVSE: the WiFi module's HTTP API beside the controller's RAPI port.
                let (addr, t) = services::spawn_http(Arc::clone(&shared))?;
                handle.address = Some(addr);
                handle.services.push(t);
            }
        }
        Service::ModbusRtu => {
            let (master, slave, path) = pty()?;
            shared.log(format!("Modbus RTU on {path}"));
            handle.console = Some(services::spawn_rtu(Arc::clone(&shared), master, slave)?);
            handle.path = path;
            let (addr, t) = services::spawn_modbus_tcp(Arc::clone(&shared))?;
            handle.address = Some(addr);
            handle.services.push(t);
        }
        Service::ModbusTcp | Service::Http | Service::Udp => {
            let (addr, t) = match service {
                Service::ModbusTcp => services::spawn_modbus_tcp(Arc::clone(&shared))?,
                Service::Http => services::spawn_http(Arc::clone(&shared))?,
                _ => services::spawn_udp(Arc::clone(&shared))?,
            };
            handle.path = addr.clone();
            handle.address = Some(addr);
            handle.services.push(t);
        }
    }
    shared.booted();
    Ok(handle)
}

/// Carry out one console command line on the state; returns the reply line (no terminator).
pub(crate) fn execute(state: &mut SimState, line: &str) -> (String, After) {
    let mut words = line.split(' ').filter(|w| !w.is_empty());
    let Some(word) = words.next() else {
        return (format_err("bad_args", "empty command"), After::Nothing);
    };
    let word = word.to_ascii_uppercase();
    let args: Vec<&str> = words.collect();
    let no_args = |reply: String, after: After| {
        if args.is_empty() {
            (reply, after)
        } else {
            (
                format_err("bad_args", &format!("{word} takes no arguments")),
                After::Nothing,
            )
        }
    };
    match word.as_str() {
        "ID" => no_args(
            format_ok(&[
                ("manufacturer", &state.manufacturer),
                ("model", &state.model),
                ("serial", &state.serial),
                ("mac", &state.mac),
                ("firmware", &state.firmware),
            ]),
            After::Nothing,
        ),
        "SIM" => no_args(sim_reply(state), After::Nothing),
        "ERRORS" => {
            let count = state.errors.len().to_string();
            let keys: Vec<String> = (1..=state.errors.len()).map(|i| format!("e{i}")).collect();
            let mut fields = vec![("count", count.as_str())];
            for (k, e) in keys.iter().zip(&state.errors) {
                fields.push((k.as_str(), e.as_str()));
            }
            no_args(format_ok(&fields), After::Nothing)
        }
        "REBOOT" => no_args("OK".into(), After::Reboot),
        "HELP" => no_args(
            format_ok(&[("commands", "ID SIM OCPP_GET OCPP_SET REBOOT ERRORS HELP")]),
            After::Nothing,
        ),
        "OCPP" => match args.first().map(|a| a.to_ascii_uppercase()).as_deref() {
            Some("GET") if args.len() == 1 => {
                let mut fields = Vec::new();
                if let Some(url) = &state.ocpp_url {
                    fields.push(("url", url.as_str()));
                }
                if let Some(id) = &state.charge_box_id {
                    fields.push(("id", id.as_str()));
                }
                (format_ok(&fields), After::Nothing)
            }
            Some("SET") => (ocpp_set(state, &args[1..]), After::Nothing),
            _ => (
                format_err("bad_args", "use `OCPP GET` or `OCPP SET url=.. id=..`"),
                After::Nothing,
            ),
        },
        _ => (
            format_err(
                "unknown_command",
                &format!("{word} (known: ID SIM OCPP REBOOT ERRORS HELP)"),
            ),
            After::Nothing,
        ),
    }
}

fn sim_reply(state: &SimState) -> String {
    let (pin, reg) = match &state.iccid {
        Some(_) => (state.sim_pin.as_str(), state.registration.to_string()),
        None => ("NOT INSERTED", "0".to_string()),
    };
    let rssi = state.rssi_dbm.map(|r| r.to_string());
    let mut fields: Vec<(&str, &str)> = Vec::new();
    if let Some(iccid) = &state.iccid {
        fields.push(("iccid", iccid));
    }
    fields.push(("pin", pin));
    fields.push(("reg", &reg));
    if let Some(r) = &rssi {
        fields.push(("rssi_dbm", r));
    }
    if let Some(apn) = &state.apn {
        fields.push(("apn", apn));
    }
    format_ok(&fields)
}

/// Check an OCPP URL the way the station firmware does.
pub(crate) fn check_url(url: &str) -> std::result::Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("ws://") || lower.starts_with("wss://")) {
        return Err(format!("URL must start with ws:// or wss://, got `{url}`"));
    }
    if url.len() > 512 {
        return Err("URL is longer than 512 characters".into());
    }
    if url.bytes().any(|b| !b.is_ascii_graphic()) {
        return Err("URL contains spaces or characters outside printable ASCII".into());
    }
    match url.parse::<tungstenite::http::Uri>() {
        Ok(uri) if uri.host().is_some_and(|h| !h.is_empty()) => Ok(()),
        _ => Err(format!("`{url}` is not a URL with a host")),
    }
}

/// Check a charge box identity the way the station firmware does.
pub(crate) fn check_id(id: &str) -> std::result::Result<(), String> {
    if id.is_empty() {
        return Err("id is empty".into());
    }
    if id.chars().count() > 48 {
        return Err(format!(
            "id is {} characters long, at most 48",
            id.chars().count()
        ));
    }
    if let Some(c) = id.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(format!(
            "id contains {:?}: only printable ASCII without spaces",
            c
        ));
    }
    Ok(())
}

fn ocpp_set(state: &mut SimState, args: &[&str]) -> String {
    let mut url = None;
    let mut id = None;
    for arg in args {
        let Some((key, value)) = arg.split_once('=') else {
            return format_err("bad_args", &format!("`{arg}` is not key=value"));
        };
        let value = match decode_value(value) {
            Ok(v) => v,
            Err(e) => return format_err("bad_args", &format!("{key}: {e}")),
        };
        match key.to_ascii_lowercase().as_str() {
            "url" => url = Some(value),
            "id" => id = Some(value),
            other => return format_err("bad_args", &format!("unknown key `{other}`")),
        }
    }
    let (Some(url), Some(id)) = (url, id) else {
        return format_err("bad_args", "OCPP SET needs url=.. and id=..");
    };
    if let Err(e) = check_url(&url) {
        return format_err("bad_url", &e);
    }
    if let Err(e) = check_id(&id) {
        return format_err("bad_id", &e);
    }
    state.ocpp_url = Some(url);
    state.charge_box_id = Some(id);
    state.errors.retain(|e| e != NO_TLS_ERROR);
    "OK".into()
}

/// Random bytes that are no protocol line (no CR/LF, first byte not a letter).
#[cfg(unix)]
fn garbage() -> Vec<u8> {
    let mut bytes = vec![0xFE];
    for _ in 0..2 {
        bytes.extend(
            uuid::Uuid::new_v4()
                .as_bytes()
                .iter()
                .map(|b| if *b == b'\r' || *b == b'\n' { 0x07 } else { *b }),
        );
    }
    bytes.extend_from_slice(b"\r\n");
    bytes
}

/// The console thread: owns the pty master (and keeps a slave handle open).
#[cfg(unix)]
struct Console {
    shared: Arc<Shared>,
    master: serialport::TTYPort,
    /// Held so the master keeps working while no driver has the port open.
    slave: Option<serialport::TTYPort>,
    line: Vec<u8>,
    /// The current line passed [`MAX_LINE`]; it is dropped at its terminator.
    overflow: bool,
    /// Paces the bytes as a serial line would, when a baud rate is set.
    pacer: Pacer,
}

/// The time a serial line at `baud` takes for one byte: start bit, 8 data bits, stop bit.
pub fn byte_time(baud: Option<u32>) -> Option<Duration> {
    baud.filter(|b| *b > 0)
        .map(|b| Duration::from_secs_f64(10.0 / f64::from(b)))
}

/// A serial line's pace ([`SimOptions::baud`]): what the station receives has not all arrived
/// before its line time, and what it sends appears as fast as the line carries it.
#[cfg(unix)]
pub(crate) struct Pacer {
    byte_time: Option<Duration>,
    /// When the bytes received so far would have finished arriving.
    rx_done: Instant,
}

#[cfg(unix)]
impl Pacer {
    pub(crate) fn new(baud: Option<u32>) -> Pacer {
        Pacer {
            byte_time: byte_time(baud),
            rx_done: Instant::now(),
        }
    }

    /// `n` bytes came in just now.
    pub(crate) fn received(&mut self, n: usize) {
        if let Some(bt) = self.byte_time {
            self.rx_done = self.rx_done.max(Instant::now()) + bt * n as u32;
        }
    }

    /// Wait until the bytes received so far would have come down the line.
    pub(crate) fn wait_received(&self) {
        self.wait_quiet(Duration::ZERO);
    }

    /// Wait until the bytes received so far would have come down the line and the line then
    /// stayed quiet for `quiet` (one sleep, so one wake-up late at most).
    pub(crate) fn wait_quiet(&self, quiet: Duration) {
        if self.byte_time.is_some() {
            sleep_until(self.rx_done + quiet);
        }
    }

    /// Hand `bytes` to `write` in small chunks, each when its last bit would have arrived.
    pub(crate) fn send(&self, bytes: &[u8], mut write: impl FnMut(&[u8])) {
        let Some(bt) = self.byte_time else {
            return write(bytes);
        };
        let start = Instant::now();
        let mut sent = 0u32;
        for chunk in bytes.chunks(16) {
            sent += chunk.len() as u32;
            sleep_until(start + bt * sent);
            write(chunk);
        }
    }
}

/// Sleep until `t` (no-op when it has passed).
#[cfg(unix)]
fn sleep_until(t: Instant) {
    let now = Instant::now();
    if t > now {
        std::thread::sleep(t - now);
    }
}

#[cfg(unix)]
impl Console {
    fn run(mut self) {
        let mut buf = [0u8; 512];
        while !self.shared.stopping() {
            let booting = self.shared.booting();
            let lines = std::mem::take(&mut *lock(&self.shared.outbox));
            if !booting && !self.shared.active_faults().silent {
                let dialect = self.shared.options.dialect;
                for line in lines {
                    // Events are the console protocol's; other protocols only see their banner.
                    if dialect != Dialect::Console && line.starts_with("EVT") {
                        continue;
                    }
                    self.write(format!("{line}{}", dialect.line_end()).as_bytes());
                }
            }
            match self.master.read(&mut buf) {
                Ok(n) => {
                    self.pacer.received(n);
                    for &b in &buf[..n] {
                        if self.take_byte(b) {
                            return; // unplugged
                        }
                    }
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::TimedOut
                            | std::io::ErrorKind::WouldBlock
                            | std::io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => {
                    self.shared.log(format!("console read failed: {e}"));
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        }
    }

    /// Feed one byte; returns true when the console was unplugged.
    fn take_byte(&mut self, b: u8) -> bool {
        if b != b'\r' && b != b'\n' {
            if self.line.len() < MAX_LINE {
                self.line.push(b);
            } else {
                self.overflow = true;
            }
            return false;
        }
        let line = std::mem::take(&mut self.line);
        // the command's last byte has not come down a real line before this
        self.pacer.wait_received();
        if std::mem::take(&mut self.overflow) {
            if !self.shared.booting() {
                self.reply(
                    format_err(
                        "line_too_long",
                        &format!("lines are at most {MAX_LINE} bytes"),
                    ),
                    After::Nothing,
                );
            }
            return false;
        }
        if line.iter().all(|b| *b == b' ') || self.shared.booting() {
            return false; // blank line (or the LF of CRLF); or still starting
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            self.shared.log(format!(
                "console: unreadable command \"{}\"",
                escape_bytes(&line)
            ));
            return self.reply(
                format_err("bad_args", "commands are ASCII text"),
                After::Nothing,
            );
        };
        let faults = self.shared.faults_for_command();
        if faults.silent {
            self.shared
                .log(format!("console: {text} (silent: no answer)"));
            return false;
        }
        if faults.garbage {
            self.shared.log(format!("console: {text} (garbage answer)"));
            self.write(&garbage());
            return false;
        }
        let dialect = self.shared.options.dialect;
        let (lines, after) = self.shared.update(|s| dialects::execute(dialect, s, text));
        let word = text.split(' ').find(|w| !w.is_empty()).unwrap_or_default();
        self.shared.log(format!(
            "console: {word} -> {}",
            lines
                .last()
                .and_then(|l| l.split(' ').next())
                .unwrap_or_default()
        ));
        let end = dialect.line_end();
        let mut reply = String::new();
        if faults.echo || self.shared.snapshot().echo {
            reply.push_str(text);
            reply.push_str(end);
        }
        for (i, line) in lines.iter().enumerate() {
            let mut line = line.clone();
            if faults.bad_checksum
                && let Some(pos) = line.rfind('^')
                && line.len() == pos + 3
            {
                let flipped = u8::from_str_radix(&line[pos + 1..], 16).unwrap_or(0) ^ 0x5A;
                line = format!("{}^{flipped:02X}", &line[..pos]);
            }
            if dialect == Dialect::Modem {
                // TS 27.007 verbose replies: each line framed by CR LF.
                reply.push_str(end);
            }
            reply.push_str(&line);
            if i + 1 < lines.len() || dialect != Dialect::Modem {
                reply.push_str(end);
            }
        }
        if dialect == Dialect::Modem {
            reply.push_str(end);
        }
        if let Some(delay) = faults.slow_reply {
            let until = Instant::now() + delay;
            while Instant::now() < until && !self.shared.stopping() {
                std::thread::sleep(Duration::from_millis(5).min(until - Instant::now()));
            }
        }
        if faults.unplug_mid_reply {
            let bytes = reply.into_bytes();
            self.write(&bytes[..bytes.len().div_ceil(2)]);
            self.shared.log("console: unplugged mid-reply");
            self.shared.unplugged.store(true, Ordering::SeqCst);
            self.slave = None;
            return true;
        }
        self.reply_raw(reply, after)
    }

    /// Send a reply: `reply` holds its lines with their terminators.
    fn reply_raw(&mut self, reply: String, after: After) -> bool {
        if after == After::Reboot {
            // Go down before acknowledging, so whoever saw the `OK` sees a restarting station.
            self.shared.reboot();
        }
        self.write(reply.as_bytes());
        false
    }

    /// Send one reply line of the console protocol.
    fn reply(&mut self, reply: String, after: After) -> bool {
        let end = self.shared.options.dialect.line_end();
        self.reply_raw(format!("{reply}{end}"), after)
    }

    fn write(&mut self, bytes: &[u8]) {
        let pacer = std::mem::replace(&mut self.pacer, Pacer::new(None));
        pacer.send(bytes, |chunk| self.write_now(chunk));
        self.pacer = pacer;
    }

    fn write_now(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            match self.master.write(bytes) {
                Ok(0) => break,
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // Nobody reads the port and its buffer is full, or the pty is gone.
                    self.shared.log(format!(
                        "console: output dropped ({e}): nobody reads the port?"
                    ));
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::station::console::{Reply, parse_reply};

    fn run(state: &mut SimState, line: &str) -> Reply {
        parse_reply(&execute(state, line).0).unwrap()
    }

    #[test]
    fn commands_answer_from_the_state() {
        let mut s = SimState::default();
        let id = run(&mut s, "id");
        assert_eq!(id.get("model"), Some(demo::MODEL));
        assert_eq!(id.get("mac"), Some(demo::MAC));
        let sim = run(&mut s, "SIM");
        assert_eq!(sim.get("iccid"), Some(demo::OLD_ICCID));
        assert_eq!(sim.get("pin"), Some("READY"));
        assert_eq!(sim.get("reg"), Some("1"));
        assert_eq!(sim.get("apn"), Some("old.apn"));
        s.iccid = None;
        let sim = run(&mut s, "SIM");
        assert_eq!(sim.get("pin"), Some("NOT INSERTED"));
        assert_eq!(sim.get("reg"), Some("0"));
        assert_eq!(sim.get("iccid"), None);
        assert_eq!(run(&mut s, "OCPP GET"), Reply::Ok(vec![]));
        assert_eq!(execute(&mut s, "REBOOT"), ("OK".into(), After::Reboot));
        s.errors = vec!["Ground fault".into(), "RCD tripped".into()];
        let e = run(&mut s, "ERRORS");
        assert_eq!(e.get("count"), Some("2"));
        assert_eq!(e.get("e2"), Some("RCD tripped"));
    }

    #[test]
    fn ocpp_set_validates() {
        let mut s = SimState::default();
        let ok = execute(&mut s, "ocpp set url=ws://cs.test:9000/ocpp id=CB-1");
        assert_eq!(ok.0, "OK");
        assert_eq!(s.ocpp_url.as_deref(), Some("ws://cs.test:9000/ocpp"));
        assert_eq!(s.charge_box_id.as_deref(), Some("CB-1"));
        let bad = |s: &mut SimState, line: &str| match run(s, line) {
            Reply::Err { code, .. } => code,
            other => panic!("{line}: {other:?}"),
        };
        assert_eq!(bad(&mut s, "OCPP SET url=http://x id=A"), "bad_url");
        assert_eq!(bad(&mut s, "OCPP SET url=ws:// id=A"), "bad_url");
        assert_eq!(bad(&mut s, "OCPP SET url=ws://x id="), "bad_id");
        assert_eq!(bad(&mut s, "OCPP SET url=ws://x id=a%20b"), "bad_id");
        assert_eq!(
            bad(
                &mut s,
                &format!("OCPP SET url=ws://x id={}", "A".repeat(49))
            ),
            "bad_id"
        );
        assert_eq!(bad(&mut s, "OCPP SET url=ws://x id=%C3%98"), "bad_id");
        assert_eq!(bad(&mut s, "OCPP SET url=ws://x"), "bad_args");
        assert_eq!(bad(&mut s, "OCPP"), "bad_args");
        assert_eq!(bad(&mut s, "FLASH firmware"), "unknown_command");
        assert_eq!(bad(&mut s, "ID now"), "bad_args");
        // Rejected writes leave the settings alone.
        assert_eq!(s.charge_box_id.as_deref(), Some("CB-1"));
        execute(
            &mut s,
            &format!("OCPP SET url=wss://x id={}", "A".repeat(48)),
        );
        assert_eq!(s.ocpp_url.as_deref(), Some("wss://x"));
    }

    #[test]
    fn fault_specs_name_the_kind_the_delay_and_the_start() {
        let f = SimFaults::parse_spec("slow:300@4").unwrap();
        assert_eq!(f.slow_reply, Some(Duration::from_millis(300)));
        assert_eq!(f.after_commands, 4);
        let f = SimFaults::parse_spec("garbage").unwrap();
        assert!(f.garbage && f.after_commands == 0);
        assert_eq!(
            SimFaults::parse_spec("slow").unwrap().slow_reply,
            Some(Duration::from_secs(5))
        );
        for name in FAULT_NAMES {
            assert_ne!(
                SimFaults::parse_spec(name).unwrap(),
                SimFaults::default(),
                "{name}"
            );
        }
        assert!(
            SimFaults::parse_spec("loud")
                .unwrap_err()
                .contains("silent")
        );
        assert!(SimFaults::parse_spec("echo@x").unwrap_err().contains("`x`"));
        assert!(SimFaults::parse_spec("slow:soon").is_err());
    }

    #[test]
    fn state_files_are_partial_and_strict() {
        let s: SimState = serde_json::from_str(r#"{"serial":"X1"}"#).unwrap();
        assert_eq!(s.serial, "X1");
        assert_eq!(s.model, demo::MODEL);
        assert!(serde_json::from_str::<SimState>(r#"{"serail":"X1"}"#).is_err());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.json");
        save_state(&path, &s).unwrap();
        assert_eq!(load_state(&path).unwrap(), s);
        std::fs::write(&path, "{").unwrap();
        assert_eq!(load_state(&path).unwrap_err().code, "E_SIM_STATE");
        assert_eq!(
            load_state(&dir.path().join("none")).unwrap_err().code,
            "E_IO"
        );
    }
}
