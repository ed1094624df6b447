//! `evfield pinpoint submit`: one pinpoint submission outside a guided session, from flags or a
//! file, sent exactly once (through the outbox, so a crash or a lost answer never doubles it).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::{Deserialize, Serialize};

use super::Ctx;
use super::net::{self, NetArgs};
use crate::network::api::{ActivationState, PinpointRequest, SiteDetails};
use crate::network::client::is_transient;
use crate::network::outbox::{Entry, EntryState, Outbox};
use crate::pinpoint;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct PinpointArgs {
    #[command(subcommand)]
    pub command: PinpointCommand,
}

#[derive(Debug, Subcommand)]
pub enum PinpointCommand {
    /// Submit a station's identity and place to the network, exactly once (queued in the outbox
    /// when the network cannot be reached).
    Submit(Box<SubmitArgs>),
}

/// The values of a submission; every one can also come from `--from FILE`.
#[derive(Debug, Default, Clone, Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitValues {
    /// MAC from the activation sticker, in any common notation.
    #[arg(long, help_heading = "Submission")]
    pub mac: Option<String>,
    /// Activation password from the sticker (printed on it; not an installer secret).
    #[arg(long, help_heading = "Submission")]
    pub activation_password: Option<String>,
    #[arg(long, help_heading = "Submission")]
    pub manufacturer: Option<String>,
    #[arg(long, help_heading = "Submission")]
    pub model: Option<String>,
    /// Serial number from the manufacturer's type plate.
    #[arg(long, help_heading = "Submission")]
    pub serial: Option<String>,
    /// The serial typed a second time (no station read exists outside a session).
    #[arg(long, help_heading = "Submission")]
    pub serial_again: Option<String>,
    #[arg(long, help_heading = "Submission")]
    pub firmware: Option<String>,
    /// Charge box identity (default: the network's identity rule applied).
    #[arg(long, help_heading = "Submission")]
    pub charge_box_id: Option<String>,
    /// Where you stand: LAT,LON in decimal degrees or degrees and minutes.
    #[arg(
        long,
        value_name = "LAT,LON",
        allow_hyphen_values = true,
        help_heading = "Submission"
    )]
    pub gps: Option<String>,
    /// Address id from the network's list.
    #[arg(long, conflicts_with = "address", help_heading = "Submission")]
    pub address_id: Option<String>,
    /// Address text that must match exactly one entry of the network's list near the GPS fix.
    #[arg(long, help_heading = "Submission")]
    pub address: Option<String>,
    /// Pin on the parking space, LAT,LON (default: the GPS fix).
    #[arg(
        long,
        value_name = "LAT,LON",
        allow_hyphen_values = true,
        help_heading = "Submission"
    )]
    pub pin: Option<String>,
    #[arg(long, help_heading = "Submission")]
    pub car_park: Option<String>,
    #[arg(long, help_heading = "Submission")]
    pub building: Option<String>,
    #[arg(long, help_heading = "Submission")]
    pub floor: Option<String>,
    #[arg(long, help_heading = "Submission")]
    pub restrictions: Option<String>,
    /// Landscape photo of the station and its surroundings (JPEG or PNG).
    #[arg(long, value_name = "FILE", help_heading = "Submission")]
    pub photo: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// Read the values from a TOML file (keys as the flags, with `_`: `mac`, `serial_again`, ...);
    /// flags override it.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    #[command(flatten)]
    pub values: SubmitValues,
    /// Confirm the serial was checked against the type plate: it cannot be changed after submission.
    #[arg(long)]
    pub confirm_serial: bool,
    /// Confirm a pin more than 150 m from the chosen address.
    #[arg(long)]
    pub confirm_pin_distance: bool,
    /// Do not wait for the network: put the submission in the outbox for `evfield sync`.
    #[arg(long)]
    pub queue: bool,
    /// A GPS receiver that gives the position when --gps is not given (docs/gps.md).
    #[command(flatten)]
    pub receiver: super::gps::GpsReceiverArgs,
    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Serialize)]
struct SubmitResult {
    schema: u32,
    /// `accepted` (the network has it) or `queued` (in the outbox, for `evfield sync`).
    state: &'static str,
    key: String,
    station_id: Option<String>,
    /// The network had it already (an earlier answer was lost): not created twice.
    replayed: Option<bool>,
    photo_uploaded: bool,
    address: Option<String>,
    network: String,
    reason: Option<String>,
}

fn load_from(path: &Path) -> Result<SubmitValues> {
    let text = crate::paths::read_to_string_bounded(path)
        .map_err(|e| Error::io(&crate::t!("pin.doing.read_submission_file"), path, e))?;
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| crate::session::answers::line_of(&text, s.start))
            .unwrap_or(1);
        Error::usage(
            "E_SUBMIT_FILE",
            format!("{}:{line}: {}", path.display(), e.message().trim()),
        )
        .with_help(crate::t!("pin.submit_file_help"))
    })
}

fn merge(file: SubmitValues, flags: SubmitValues) -> SubmitValues {
    macro_rules! pick {
        ($($f:ident),*) => { SubmitValues { $($f: flags.$f.or(file.$f)),* } };
    }
    pick!(
        mac,
        activation_password,
        manufacturer,
        model,
        serial,
        serial_again,
        firmware,
        charge_box_id,
        gps,
        address_id,
        address,
        pin,
        car_park,
        building,
        floor,
        restrictions,
        photo
    )
}

fn required(v: &Option<String>, flag: &str) -> Result<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .ok_or_else(|| {
            Error::usage("E_MISSING_VALUE", crate::t!("pin.no_value", flag = flag)).with_help(
                crate::t!(
                    "pin.no_value_help",
                    flag = flag,
                    key = flag.trim_start_matches("--").replace('-', "_")
                ),
            )
        })
}

fn position(v: &str, what: &str) -> Result<(f64, f64)> {
    crate::rules::position(v).map_err(|e| named(e, what))
}

/// An error of a value given with `what` (a flag), the flag named first.
fn named(e: Error, what: &str) -> Error {
    Error {
        message: format!("{what}: {}", e.message),
        ..e
    }
}

/// A yes/no question at the terminal, no by default (a bare Enter never says yes).
pub(super) fn ask_yes_no(question: &str) -> Result<bool> {
    let failed = |e: dialoguer::Error| {
        Error::internal("E_TERMINAL", crate::t!("net.terminal_failed", why = e))
    };
    // dialoguer's y/n keys are English: in another language, a choice of the translated words
    if crate::i18n::lang() == crate::i18n::Lang::En {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(failed)
    } else {
        let items = [crate::t!("prompt.yes"), crate::t!("prompt.no")];
        Ok(dialoguer::Select::new()
            .with_prompt(question)
            .items(&items)
            .default(1)
            .interact()
            .map_err(failed)?
            == 0)
    }
}

fn confirm(ctx: &Ctx, given: bool, question: &str, flag: &str) -> Result<()> {
    if given {
        return Ok(());
    }
    if ctx.interactive() {
        if ask_yes_no(question)? {
            return Ok(());
        }
        return Err(Error::blocked(
            "E_NOT_CONFIRMED",
            crate::t!("pin.not_confirmed", question = question),
        ));
    }
    Err(Error::usage(
        "E_NOT_CONFIRMED",
        crate::t!("pin.needs_confirmation", question = question),
    )
    .with_help(crate::t!("pin.needs_confirmation_help", flag = flag)))
}

pub fn run(ctx: &mut Ctx, args: PinpointArgs) -> Result<()> {
    match args.command {
        PinpointCommand::Submit(a) => submit(ctx, *a),
    }
}

fn submit(ctx: &mut Ctx, args: SubmitArgs) -> Result<()> {
    let file = match &args.from {
        Some(p) => load_from(p)?,
        None => SubmitValues::default(),
    };
    let v = merge(file, args.values.clone());
    // Everything that can be checked without the network, first.
    let mac = pinpoint::normalize_mac(&required(&v.mac, "--mac")?)?;
    let activation_password = required(&v.activation_password, "--activation-password")?;
    let manufacturer = required(&v.manufacturer, "--manufacturer")?;
    let model = required(&v.model, "--model")?;
    let typed = required(&v.serial, "--serial")?;
    let again = match v.serial_again.clone() {
        Some(a) => Some(a),
        None if ctx.interactive() => Some(
            dialoguer::Input::<String>::new()
                .with_prompt(crate::t!("pin.serial_again_prompt"))
                .interact_text()
                .map_err(|e| {
                    Error::internal("E_TERMINAL", crate::t!("net.terminal_failed", why = e))
                })?,
        ),
        None => None,
    };
    let serial = pinpoint::check_serial(None, &typed, again.as_deref())?;
    let opts = args.receiver.options();
    let gps = match &v.gps {
        None if opts.port.is_some() || opts.gpsd.is_some() => {
            let mut notes = Vec::new();
            let r = crate::pinpoint::gps::read_first(&opts, &mut |n| notes.push(n.to_string()));
            for n in notes {
                ctx.out.note(n);
            }
            let (fix, _, _) = r?;
            ctx.out.note(crate::t!(
                "pin.gps_fix",
                position = fix.position(),
                describe = fix.describe()
            ));
            (fix.lat, fix.lon)
        }
        _ => position(&required(&v.gps, "--gps")?, "--gps")?,
    };
    let pin = match &v.pin {
        Some(p) if !p.trim().is_empty() => position(p, "--pin")?,
        _ => gps,
    };
    let photo = match &v.photo {
        Some(p) => Some(crate::pinpoint::photo::prepare_upload(p)?),
        None => None,
    };
    ctx.out.note(format!("! {}", pinpoint::serial_warning()));
    confirm(
        ctx,
        args.confirm_serial,
        &crate::t!("pin.confirm_serial", serial = serial),
        "--confirm-serial",
    )?;

    let login = net::connect(ctx, &args.net)?;
    let (_, username, _) = net::who(ctx, args.net.network.as_ref(), args.net.user.as_ref())?;
    let client = &login.client;
    let mut offline: Option<Error> = None;
    let mut address_label = None;
    let mut charge_box_id = v.charge_box_id.clone().filter(|s| !s.trim().is_empty());
    let mut address_id = v.address_id.clone().filter(|s| !s.trim().is_empty());
    if !args.queue {
        match online_checks(
            ctx,
            client,
            &mac,
            &activation_password,
            &manufacturer,
            &model,
            gps,
            pin,
            &v,
            args.confirm_pin_distance,
        ) {
            Ok(c) => {
                address_id = Some(c.address_id);
                address_label = Some(c.address_label);
                charge_box_id = charge_box_id.or(Some(c.charge_box_id));
            }
            Err(e) if is_transient(&e) => offline = Some(e),
            Err(e) => return Err(e),
        }
    }
    let address_id = address_id.ok_or_else(|| {
        Error::usage("E_NO_ADDRESS", crate::t!("pin.offline_address"))
            .with_help(crate::t!("pin.offline_address_help"))
    })?;
    let charge_box_id = charge_box_id.ok_or_else(|| {
        Error::usage("E_MISSING_VALUE", crate::t!("pin.offline_identity"))
            .with_help(crate::t!("pin.offline_identity_help"))
    })?;
    let opt = |s: &Option<String>| s.clone().filter(|x| !x.trim().is_empty());
    let request = PinpointRequest {
        mac,
        activation_password,
        manufacturer,
        model,
        serial,
        charge_box_id,
        firmware: opt(&v.firmware),
        gps_lat: gps.0,
        gps_lon: gps.1,
        address_id,
        pin_lat: pin.0,
        pin_lon: pin.1,
        details: SiteDetails {
            car_park: opt(&v.car_park),
            building: opt(&v.building),
            floor: opt(&v.floor),
            restrictions: opt(&v.restrictions),
        },
    };
    let ob = Outbox::new(&ctx.data_dir()?);
    let mut entry = Entry::new(None, client.base_url(), &username, None, request);
    ob.put(&mut entry, photo.as_ref().map(|p| p.bytes.as_slice()))?;
    let sent = if offline.is_some() || args.queue {
        Err(offline
            .unwrap_or_else(|| Error::network("E_QUEUED", crate::t!("pin.queued_on_request"))))
    } else {
        ob.send(&mut entry, client)
    };
    let result = |state: &'static str, reason: Option<String>, e: &Entry| SubmitResult {
        schema: 1,
        state,
        key: e.key.clone(),
        station_id: e.station_id.clone(),
        replayed: e.replayed,
        photo_uploaded: e.photo_sha256.is_some(),
        address: address_label.clone(),
        network: e.network.clone(),
        reason,
    };
    match sent {
        Ok(()) => {
            let r = result("accepted", None, &entry);
            ctx.out.result(&r, |r| {
                let id = r.station_id.as_deref().unwrap_or("-");
                let address = r
                    .address
                    .clone()
                    .unwrap_or_else(|| crate::t!("pin.address_by_network"));
                if r.photo_uploaded {
                    crate::t!("pin.pinpointed_photo", id = id, address = address)
                } else {
                    crate::t!("pin.pinpointed", id = id, address = address)
                }
            });
            Ok(())
        }
        Err(e) if entry.state.open() => {
            let r = result("queued", Some(e.message.clone()), &entry);
            ctx.out.result(&r, |r| {
                if entry.state == EntryState::PhotoPending {
                    crate::t!("pin.queued_photo", key = r.key)
                } else {
                    crate::t!("pin.queued", key = r.key)
                }
            });
            Ok(())
        }
        Err(e) => Err(pinpoint::explain_conflict(e)),
    }
}

struct Checked {
    address_id: String,
    address_label: String,
    charge_box_id: String,
}

/// The checks that need the network: certification, activation, address, pin distance and the
/// identity rule.
#[allow(clippy::too_many_arguments)]
fn online_checks(
    ctx: &mut Ctx,
    client: &crate::network::client::Client,
    mac: &str,
    activation_password: &str,
    manufacturer: &str,
    model: &str,
    gps: (f64, f64),
    pin: (f64, f64),
    v: &SubmitValues,
    pin_confirmed: bool,
) -> Result<Checked> {
    let inst = client.installer()?;
    crate::network::account::require_certified(&inst, chrono::Utc::now().date_naive())?;
    match client.check_activation(mac, activation_password)?.status {
        ActivationState::Valid => {}
        ActivationState::Used => {
            return Err(pinpoint::explain_conflict(Error::validation(
                "E_API_ACTIVATION_USED",
                crate::t!("pin.activation_used", mac = mac),
            )));
        }
        ActivationState::Unknown => {
            return Err(Error::validation(
                "E_ACTIVATION_UNKNOWN",
                crate::t!("pin.activation_unknown", mac = mac),
            )
            .with_help(crate::t!("pin.activation_unknown_help")));
        }
    }
    let req = client.requirements(manufacturer, model)?;
    // a position far outside the network's area, or swapped, is refused before the address search
    if let Some(area) = &req.service_area {
        crate::rules::in_area(gps, area).map_err(|e| named(e, "--gps"))?;
        crate::rules::in_area(pin, area).map_err(|e| named(e, "--pin"))?;
    }
    let list = client.addresses(gps.0, gps.1, None)?;
    let addr =
        if v.address_id.is_none() && v.address.is_none() && ctx.interactive() && !list.is_empty() {
            let labels: Vec<String> = list
                .iter()
                .map(|a| format!("{} ({:.0} m)", a.label, a.distance_m))
                .collect();
            let i = dialoguer::Select::new()
                .with_prompt(crate::t!("pin.address_prompt"))
                .items(&labels)
                .default(0)
                .interact()
                .map_err(|e| {
                    Error::internal("E_TERMINAL", crate::t!("net.terminal_failed", why = e))
                })?;
            list[i].clone()
        } else {
            pinpoint::pick_address(&list, v.address_id.as_deref(), v.address.as_deref())?
        };
    let check = pinpoint::check_pin(&addr, pin);
    if check.needs_confirmation {
        confirm(
            ctx,
            pin_confirmed,
            &crate::t!(
                "pin.confirm_pin_distance",
                distance = format!("{:.0}", check.distance_m),
                address = addr.label,
                limit = format!("{:.0}", pinpoint::PIN_CONFIRM_M)
            ),
            "--confirm-pin-distance",
        )?;
    }
    let id = crate::station::Identity {
        manufacturer: manufacturer.to_string(),
        model: model.to_string(),
        serial: v.serial.clone().unwrap_or_default(),
        mac: mac.to_string(),
        firmware: String::new(),
    };
    Ok(Checked {
        address_id: addr.id.clone(),
        address_label: addr.label.clone(),
        charge_box_id: crate::session::charge_box_id(&req.identity_rule, &id),
    })
}
