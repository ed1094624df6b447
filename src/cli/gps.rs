//! `evfield gps read`: a position from the sources in their documented order (docs/gps.md).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Ctx;
use crate::Result;
use crate::pinpoint::gps::{self, Fix, Tried};

#[derive(Debug, Args)]
pub struct GpsArgs {
    #[command(subcommand)]
    pub command: GpsCommand,
}

#[derive(Debug, Subcommand)]
pub enum GpsCommand {
    /// Wait for a fix and show it: position, quality, satellites, HDOP and age.
    Read(ReadArgs),
}

/// A GPS receiver: on a serial port (NMEA 0183) or behind gpsd.
#[derive(Debug, Clone, Args)]
pub struct GpsReceiverArgs {
    /// Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4).
    #[arg(
        long,
        env = "EVFIELD_GPS_PORT",
        value_name = "PATH",
        help_heading = "GPS"
    )]
    pub gps_port: Option<String>,
    /// Speed of the receiver's port.
    #[arg(long, default_value_t = 9600, help_heading = "GPS")]
    pub baud: u32,
    /// Ask gpsd on this machine (default address 127.0.0.1:2947).
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = gps::gpsd::DEFAULT_ADDR, help_heading = "GPS")]
    pub gpsd: Option<String>,
    /// How long to wait for a receiver's stable position, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 180, value_parser = super::bounds::secs, help_heading = "GPS")]
    pub gps_timeout: u64,
    /// How many consecutive epochs (1 a second on most receivers) must agree before their
    /// mean is taken.
    #[arg(long, value_name = "N", default_value_t = gps::stable::EPOCHS, value_parser = epochs, help_heading = "GPS")]
    pub gps_epochs: u32,
    /// How far, in metres, each of those epochs may lie from their mean.
    #[arg(long, value_name = "METRES", default_value_t = gps::stable::RADIUS_M, value_parser = radius, help_heading = "GPS")]
    pub gps_radius: f64,
    /// The highest HDOP an epoch may have to count.
    #[arg(long, value_name = "HDOP", default_value_t = gps::stable::MAX_HDOP, value_parser = max_hdop, help_heading = "GPS")]
    pub gps_max_hdop: f64,
}

/// `--gps-epochs`: 1 (the first good fix) to 600.
fn epochs(s: &str) -> std::result::Result<u32, String> {
    super::bounds::whole(s, 1, 600).map(|v| v as u32)
}

/// `--gps-radius`: 0.1 m to 1 km.
fn radius(s: &str) -> std::result::Result<f64, String> {
    super::bounds::decimal(s, 0.1, 1000.0)
}

/// `--gps-max-hdop`: 0.5 to 50.
fn max_hdop(s: &str) -> std::result::Result<f64, String> {
    super::bounds::decimal(s, 0.5, 50.0)
}

impl GpsReceiverArgs {
    /// The receiver sources (no photo, no typed position).
    pub fn options(&self) -> gps::Options {
        gps::Options {
            port: self.gps_port.clone(),
            baud: self.baud,
            gpsd: self.gpsd.clone(),
            timeout: Duration::from_secs(self.gps_timeout),
            rules: gps::stable::Rules {
                epochs: self.gps_epochs,
                radius_m: self.gps_radius,
                max_hdop: self.gps_max_hdop,
            },
            ..gps::Options::default()
        }
    }
}

/// The GPS sources, tried in this order: receiver, gpsd, photo EXIF, typed position.
#[derive(Debug, Clone, Args)]
pub struct GpsSourceArgs {
    #[command(flatten)]
    pub receiver: GpsReceiverArgs,
    /// Take the position from this photo's EXIF GPS block.
    #[arg(long = "gps-photo", value_name = "FILE", help_heading = "GPS")]
    pub gps_photo: Option<PathBuf>,
    /// The position typed by hand: LAT,LON in decimal degrees or degrees and minutes.
    #[arg(
        long,
        value_name = "LAT,LON",
        allow_hyphen_values = true,
        help_heading = "GPS"
    )]
    pub gps: Option<String>,
}

impl GpsSourceArgs {
    pub fn options(&self) -> gps::Options {
        gps::Options {
            photo: self.gps_photo.clone(),
            manual: self.gps.clone(),
            ..self.receiver.options()
        }
    }
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    #[command(flatten)]
    pub sources: GpsSourceArgs,
}

#[derive(Debug, Serialize)]
struct ReadResult {
    schema: u32,
    position: String,
    #[serde(flatten)]
    fix: Fix,
    nmea: Option<gps::nmea::Stats>,
    passed_over: Vec<Tried>,
}

pub fn run(ctx: &mut Ctx, args: GpsArgs) -> Result<()> {
    match args.command {
        GpsCommand::Read(a) => read(ctx, a),
    }
}

fn read(ctx: &mut Ctx, args: ReadArgs) -> Result<()> {
    let opts = args.sources.options();
    let mut notes = Vec::new();
    // a receiver or gpsd can take a while: what is awaited and the time left, on a terminal
    let waiting = (opts.port.is_some() || opts.gpsd.is_some()).then(|| {
        let wait = crate::waits::Wait::new(crate::t!("waits.gps.what"), Some(opts.timeout))
            .with_hints(vec![crate::t!("waits.gps.hint")]);
        crate::waits::Shown::start(wait, ctx.out.quiet)
    });
    let r = gps::read_first(&opts, &mut |n| notes.push(n.to_string()));
    drop(waiting);
    for n in notes {
        ctx.out.note(n);
    }
    let (fix, passed_over, nmea) = r?;
    let r = ReadResult {
        schema: 1,
        position: fix.position(),
        fix,
        nmea,
        passed_over,
    };
    ctx.out
        .result(&r, |r| format!("{}  ({})", r.position, r.fix.describe()));
    Ok(())
}
