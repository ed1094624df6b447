//! `evfield sim` and `evfield sandbox`: the stand-ins, run in the foreground until Ctrl-C.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::Ctx;
use crate::sandbox::{network, station};
use crate::{Result, t};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SimFault {
    /// Never answer.
    Silent,
    /// Answer with random bytes.
    Garbage,
    /// Answer after a long delay.
    Slow,
    /// Send half a reply, then disappear.
    Unplug,
    /// Corrupt the checksum of every reply (RAPI).
    BadChecksum,
    /// Echo every command before the reply.
    Echo,
    /// Modbus RTU: corrupt the CRC of every reply.
    CrcError,
    /// Modbus: answer every request with exception 02 (illegal data address).
    Exception,
    /// Modbus: the station was set to another unit id than its profile's.
    WrongUnit,
    /// HTTP: answer every request with 500 Internal Server Error.
    HttpError,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// State file (JSON): loaded when it exists, written on every change.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// How long a restart keeps the station silent, in milliseconds.
    #[arg(long, value_name = "MS", value_parser = super::bounds::millis, default_value_t = 300)]
    pub boot_delay_ms: u64,
    /// Misbehave on the service port, for testing error handling.
    #[arg(long, value_enum)]
    pub fault: Option<SimFault>,
    /// Answer this many commands normally before the fault starts (a fault mid-session).
    #[arg(long, value_name = "N", default_value_t = 0, requires = "fault")]
    pub fault_after: u32,
    /// Pace the port's bytes as a serial line at this baud rate would (8N1), e.g. 115200.
    #[arg(long, value_name = "BAUD")]
    pub baud: Option<u32>,
    /// How long `--fault slow` waits before each reply, in milliseconds.
    #[arg(long, value_name = "MS", value_parser = super::bounds::millis, default_value_t = 5000)]
    pub slow_ms: u64,
    /// Which vendor profile's protocol to serve: evfield-sim (default), openevse,
    /// generic-modem, chargestorm-eva (on a pseudo-terminal), abb-terra-ac (Modbus RTU on a
    /// pseudo-terminal and Modbus TCP), bender-cc613, vestel-evc04, phoenix-ev-charge-control
    /// (Modbus TCP), go-e (HTTP) or keba-p30 (UDP), on 127.0.0.1.
    #[arg(long, value_name = "ID", default_value = "evfield-sim")]
    pub vendor: String,
    /// The OCPP version the station's client speaks once it has a URL: 1.6 or 2.0.1.
    #[arg(long = "ocpp-version", value_name = "VERSION", default_value = "1.6", value_parser = ocpp_version)]
    pub ocpp_version: crate::ocpp::Version,
}

/// `1.6` or `2.0.1` (or the subprotocol's name).
fn ocpp_version(s: &str) -> std::result::Result<crate::ocpp::Version, String> {
    crate::ocpp::Version::parse(s).ok_or_else(|| format!("`{s}` is not 1.6 or 2.0.1"))
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// State file (JSON): loaded when it exists, written on every change.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// OCPP security profile the network asks for in its requirements (1 or 2: stations must
    /// present HTTP Basic credentials on the OCPP endpoint).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=3))]
    pub security_profile: Option<u8>,
}

fn wait_forever() -> ! {
    loop {
        std::thread::park();
    }
}

pub fn run_sim(ctx: &mut Ctx, args: SimArgs) -> Result<()> {
    let dialect = station::Dialect::for_vendor(&args.vendor).ok_or_else(|| {
        let known: Vec<&str> = station::Dialect::ALL
            .iter()
            .map(|d| d.vendor_id())
            .collect();
        crate::Error::usage(
            "E_SIM_VENDOR",
            t!("tool.sim.vendor_unknown", vendor = args.vendor),
        )
        .with_help(t!(
            "tool.sim.vendor_unknown_help",
            vendors = known.join(", ")
        ))
    })?;
    let state = match &args.state {
        Some(p) if p.exists() => station::load_state(p)?,
        _ => dialect.default_state(),
    };
    let mut faults = args
        .fault
        .and_then(|f| {
            let name = f.to_possible_value()?.get_name().to_string();
            station::SimFaults::named(&name, Duration::from_millis(args.slow_ms))
        })
        .unwrap_or_default();
    faults.after_commands = args.fault_after;
    let sim = station::start(
        state.clone(),
        station::SimOptions {
            state_path: args.state.clone(),
            boot_delay: Duration::from_millis(args.boot_delay_ms),
            faults,
            dialect,
            baud: args.baud,
            ocpp_version: args.ocpp_version,
            ..Default::default()
        },
    )?;
    // A station on the network has an address and no pseudo-terminal.
    let port = (sim.address() != Some(sim.path())).then(|| sim.path().to_string());
    let info = serde_json::json!({ "schema": 1, "port": port, "address": sim.address(), "vendor": dialect.vendor_id(), "serial": state.serial, "mac": state.mac, "firmware": state.firmware, "state_file": args.state });
    ctx.out.result(&info, |_| {
        let mut t = String::new();
        if let Some(p) = &port {
            t.push_str(&format!("{p}\n"));
        }
        if let Some(a) = sim.address() {
            t.push_str(&format!("{a}\n"));
        }
        // The lines above are the machine part (what scripts read); this one is for the person.
        let (manufacturer, model, serial, vendor) = (
            &state.manufacturer,
            &state.model,
            &state.serial,
            dialect.vendor_id(),
        );
        t.push_str(&match (&port, sim.address()) {
            (Some(_), Some(_)) => crate::t!(
                "tool.sim.ready_both",
                manufacturer = manufacturer,
                model = model,
                serial = serial,
                vendor = vendor
            ),
            (None, Some(_)) => crate::t!(
                "tool.sim.ready_address",
                manufacturer = manufacturer,
                model = model,
                serial = serial,
                vendor = vendor
            ),
            _ => crate::t!(
                "tool.sim.ready_port",
                manufacturer = manufacturer,
                model = model,
                serial = serial,
                vendor = vendor
            ),
        });
        t
    });
    wait_forever()
}

pub fn run_sandbox(ctx: &mut Ctx, args: SandboxArgs) -> Result<()> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let net = network::start(network::SandboxConfig {
        addr,
        state_path: args.state.clone(),
        security_profile: args.security_profile,
        ..Default::default()
    })
    .map_err(|e| {
        // the port is taken (network::start gives that help only then; the OS's own words,
        // "in use", are not relied on)
        if e.code == "E_SANDBOX_BIND"
            && e.help.as_deref() == Some(t!("tool.sandbox.in_use_help").as_str())
        {
            e.with_help(t!("tool.sandbox.port_in_use_help", port = args.port))
        } else {
            e
        }
    })?;
    let info = serde_json::json!({ "schema": 1, "api": net.base_url(), "ocpp": net.ocpp_url(), "state_file": args.state });
    ctx.out.result(&info, |_| {
        t!(
            "tool.sandbox.ready",
            api = net.base_url(),
            ocpp = net.ocpp_url()
        )
    });
    wait_forever()
}
