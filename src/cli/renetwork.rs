//! `evfield renetwork`: the guided session.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::Ctx;
use crate::session::answers::Answers;
use crate::session::prompt::{Level, NoTerminal, Notice, Prompter, Terminal};
use crate::session::{Inputs, Report, Session, keys};
use crate::{Error, Result, t};

#[derive(Debug, Args)]
pub struct RenetworkArgs {
    /// Run against the built-in demo: a simulated station on a pseudo-terminal and a sandbox
    /// network on 127.0.0.1, with a demo installer and built-in answers when not interactive.
    #[arg(long, conflicts_with = "resume")]
    pub demo: bool,
    /// Continue a session where it stopped (default: the newest unfinished one).
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub resume: Option<String>,
    /// Start a new session even when an unfinished one exists for the same station or port
    /// (without a terminal that is refused otherwise; at a terminal it is offered).
    #[arg(long, conflicts_with = "resume")]
    pub new: bool,
    /// With --demo: a site of this many simulated stations, one session each after the other
    /// (each with its own serial, MAC and journal), then the site's table.
    #[arg(long, value_name = "N", requires = "demo", value_parser = clap::value_parser!(u32).range(1..=40))]
    pub stations: Option<u32>,
    /// Which of a demo site's stations this session plays (set by --stations).
    #[arg(long, value_name = "K", requires = "demo", hide = true)]
    pub demo_station: Option<u32>,
    /// Answers file (TOML, keys in docs/answers.md).
    #[arg(long, value_name = "FILE", env = "EVFIELD_ANSWERS")]
    pub answers: Option<PathBuf>,
    /// Give any answer as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Read the installer password from standard input (never from the command line). Only
    /// needed when no stored token is found (see `evfield login`).
    #[arg(long, conflicts_with = "token_stdin")]
    pub password_stdin: bool,
    /// Use the installer token in this file (readable by its owner only) instead of the one
    /// `evfield login` kept; an error when it cannot be read.
    #[arg(long, env = "EVFIELD_TOKEN_FILE", value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Read the installer token from standard input instead of the one `evfield login` kept.
    #[arg(long)]
    pub token_stdin: bool,
    /// A GPS receiver that gives the pinpoint position when none is given (docs/gps.md).
    #[command(flatten)]
    pub gps_receiver: super::gps::GpsReceiverArgs,
    /// How long to wait for the network to see the station connected, in seconds.
    #[arg(long, value_name = "SECS", value_parser = super::bounds::secs)]
    pub connect_timeout: Option<u64>,

    /// Installer API address of the network.
    #[arg(long, env = "EVFIELD_NETWORK", help_heading = "Values")]
    pub network: Option<String>,
    /// Installer account.
    #[arg(long, env = "EVFIELD_USER", help_heading = "Values")]
    pub user: Option<String>,
    /// Service port of the station (a device path; a pseudo-terminal path is accepted as given).
    #[arg(long, env = "EVFIELD_PORT", help_heading = "Values")]
    pub port: Option<String>,
    /// Network address of a station reached over Modbus TCP, HTTP or UDP (IP or host name,
    /// `:PORT` when not the profile's usual one).
    #[arg(
        long,
        env = "EVFIELD_STATION_ADDRESS",
        value_name = "HOST[:PORT]",
        help_heading = "Values"
    )]
    pub station_address: Option<String>,
    /// Vendor profile of the station (`evfield vendors list`). With --demo: the demo station
    /// to play (evfield-sim, openevse, wallbox, chargestorm-eva).
    #[arg(long, env = "EVFIELD_VENDOR", help_heading = "Values")]
    pub vendor: Option<String>,
    /// Photo of the station before any change.
    #[arg(long, value_name = "FILE", help_heading = "Values")]
    pub before_photo: Option<String>,
    /// Multimeter reading at the supply terminals, volts.
    #[arg(long, value_name = "VOLTS", help_heading = "Values")]
    pub voltage: Option<String>,
    /// ICCID printed on the network's SIM card.
    #[arg(long, help_heading = "Values")]
    pub kit_iccid: Option<String>,
    /// Activation password from the network's kit (printed on the sticker; not an installer secret).
    #[arg(long, help_heading = "Values")]
    pub activation_password: Option<String>,
    /// OCPP URL to write (default: from the network's requirements).
    #[arg(long, help_heading = "Values")]
    pub ocpp_url: Option<String>,
    /// Charge box identity to write (default: the network's identity rule).
    #[arg(long, help_heading = "Values")]
    pub charge_box_id: Option<String>,
    /// GPS position, LAT,LON.
    #[arg(
        long,
        value_name = "LAT,LON",
        allow_hyphen_values = true,
        help_heading = "Values"
    )]
    pub gps: Option<String>,
    /// Address id from the network's list.
    #[arg(long, help_heading = "Values")]
    pub address_id: Option<String>,
    /// Address text that matches exactly one entry of the network's list near the GPS fix.
    #[arg(long, conflicts_with = "address_id", help_heading = "Values")]
    pub address: Option<String>,
    /// Serial number as printed on the type plate (compared with the station's).
    #[arg(long, help_heading = "Values")]
    pub serial_plate: Option<String>,
    /// Photo of the network kit's activation sticker: its QR code gives the activation password
    /// (and the MAC, where the session asks for it); shown and confirmed before it is used.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "activation_password",
        help_heading = "Values"
    )]
    pub sticker_photo: Option<PathBuf>,
    /// Photo of the SIM card's carrier: its barcode gives the ICCID (shown and confirmed).
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "kit_iccid",
        help_heading = "Values"
    )]
    pub sim_photo: Option<PathBuf>,
    /// Photo of the type plate: its code gives the serial (shown and confirmed, then compared
    /// with the station's).
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "serial_plate",
        help_heading = "Values"
    )]
    pub plate_photo: Option<PathBuf>,
    /// The site the station belongs to (a car park of many stations): its network, account,
    /// address, car park, building, floor and restrictions are taken from the site's record and
    /// what this session answers of them is kept there for the next station.
    #[arg(long, value_name = "NAME")]
    pub site: Option<String>,
    /// Use the values read from --sticker-photo, --sim-photo and --plate-photo without asking
    /// (they are still checked like typed values); needed when nobody can be asked.
    #[arg(long, help_heading = "Values")]
    pub codes_confirmed: bool,
    /// Pin on the parking space, LAT,LON (default: the GPS position).
    #[arg(
        long,
        value_name = "LAT,LON",
        allow_hyphen_values = true,
        help_heading = "Values"
    )]
    pub pin: Option<String>,
    /// Car park name.
    #[arg(long, help_heading = "Values")]
    pub car_park: Option<String>,
    /// Building name.
    #[arg(long, help_heading = "Values")]
    pub building: Option<String>,
    /// Floor.
    #[arg(long, help_heading = "Values")]
    pub floor: Option<String>,
    /// Parking restrictions.
    #[arg(long, help_heading = "Values")]
    pub restrictions: Option<String>,
    /// Landscape photo of the station and its surroundings.
    #[arg(long, value_name = "FILE", help_heading = "Values")]
    pub photo: Option<String>,
    /// At a photo prompt, also take the photo from a phone: a one-time upload page served at
    /// this address of the laptop (its Wi-Fi or hotspot address: IP, or IP:PORT), shown as a QR
    /// code beside the prompt. `--sticker-photo phone` (and `--sim-photo`, `--plate-photo`) takes
    /// that photo with the phone before the session starts.
    #[arg(long, value_name = "ADDR", env = "EVFIELD_PHONE_CAMERA")]
    pub phone_camera: Option<String>,
}

impl RenetworkArgs {
    /// The values given by dedicated flags and `--set`, by session key.
    fn flag_values(&self, ctx: &Ctx) -> Result<BTreeMap<String, String>> {
        let mut m = BTreeMap::new();
        let c = &ctx.config;
        // the network and installer of the last `evfield login` when nothing else names them (a
        // resumed session has them in its journal)
        let login = match self.demo || self.resume.is_some() {
            true => None,
            false => crate::network::account::AccountFile::load(&ctx.data_dir()?)?,
        };
        let network = self.network.as_ref().or(c.network.as_ref());
        let login_network = login.as_ref().map(|a| &a.network);
        let user = self.user.as_ref().or(c.user.as_ref()).or(login
            .as_ref()
            .filter(|a| {
                network.is_none_or(|n| crate::network::account::same_network(n, &a.network))
            })
            .map(|a| &a.username));
        let pairs: Vec<(&str, Option<&String>)> = vec![
            ("network.url", network.or(login_network)),
            ("account.username", user),
            ("station.port", self.port.as_ref().or(c.port.as_ref())),
            ("station.address", self.station_address.as_ref()),
            ("station.vendor", self.vendor.as_ref()),
            ("before.photo", self.before_photo.as_ref()),
            ("safety.voltage", self.voltage.as_ref()),
            ("sim.kit_iccid", self.kit_iccid.as_ref()),
            ("activation.password", self.activation_password.as_ref()),
            ("commission.ocpp_url", self.ocpp_url.as_ref()),
            ("commission.charge_box_id", self.charge_box_id.as_ref()),
            ("pinpoint.gps", self.gps.as_ref()),
            ("pinpoint.address_id", self.address_id.as_ref()),
            ("pinpoint.address", self.address.as_ref()),
            ("pinpoint.serial_plate", self.serial_plate.as_ref()),
            ("pinpoint.pin", self.pin.as_ref()),
            ("pinpoint.car_park", self.car_park.as_ref()),
            ("pinpoint.building", self.building.as_ref()),
            ("pinpoint.floor", self.floor.as_ref()),
            ("pinpoint.restrictions", self.restrictions.as_ref()),
            ("pinpoint.photo", self.photo.as_ref()),
        ];
        for (k, v) in pairs {
            if let Some(v) = v {
                m.insert(k.to_string(), v.clone());
            }
        }
        for s in &self.set {
            let (k, v) = s.split_once('=').ok_or_else(|| {
                Error::usage("E_SET", crate::t!("rec.set.not_pair", value = s))
                    .with_help(crate::t!("rec.set.not_pair.help"))
            })?;
            let k = k.trim();
            if keys::find(k).is_none() {
                return Err(
                    Error::usage("E_SET", crate::t!("rec.set.unknown_key", key = k))
                        .with_help(crate::t!("rec.set.unknown_key.help")),
                );
            }
            m.insert(k.to_string(), v.to_string());
        }
        Ok(m)
    }
}

pub(crate) fn read_password_stdin() -> Result<String> {
    let s = crate::paths::read_text_bounded(&mut std::io::stdin()).map_err(|e| {
        Error::usage(
            "E_PASSWORD_STDIN",
            crate::t!("rec.password.read", why = crate::error::io_reason(&e)),
        )
    })?;
    let p = s.trim_end_matches(['\r', '\n']).to_string();
    if p.is_empty() {
        return Err(
            Error::usage("E_PASSWORD_STDIN", crate::t!("rec.password.empty"))
                .with_help(crate::t!("rec.password.empty.help")),
        );
    }
    Ok(p)
}

pub fn run(ctx: &mut Ctx, args: RenetworkArgs) -> Result<()> {
    if let Some(n) = args.stations {
        return demo_site(ctx, &args, n);
    }
    // the checklists (built-in and the user's) define keys of --set and the answers file
    crate::checklist::init()?;
    let data_dir = ctx.data_dir()?;
    let interactive = ctx.interactive() && !args.password_stdin && !args.token_stdin;
    // values from the config file are defaults: they never correct a journaled answer
    let c = &ctx.config;
    let weak_flags = [
        ("network.url", args.network.is_none() && c.network.is_some()),
        ("account.username", args.user.is_none() && c.user.is_some()),
        ("station.port", args.port.is_none() && c.port.is_some()),
    ]
    .into_iter()
    .filter(|(k, from_config)| {
        *from_config
            && !args
                .set
                .iter()
                .any(|s| s.split_once('=').is_some_and(|(sk, _)| sk.trim() == *k))
    })
    .map(|(k, _)| k.to_string())
    .collect();
    let mut inputs = Inputs {
        flags: args.flag_values(ctx)?,
        weak_flags,
        answers: args.answers.as_deref().map(Answers::load).transpose()?,
        connect_timeout: args.connect_timeout.map(Duration::from_secs),
        gps: args.gps_receiver.options(),
        token: crate::network::account::TokenOptions {
            token_file: args.token_file.clone(),
            token_stdin: args.token_stdin,
        },
        beside_unfinished: args.new || args.resume.is_some(),
        experimental: ctx.global.experimental,
        ..Inputs::default()
    };
    photo_values(ctx, &args, &mut inputs)?;
    let site = args
        .site
        .as_deref()
        .map(|name| crate::journal::sites::load(&data_dir, name))
        .transpose()?;
    inputs.site = site.clone();
    inputs.password = if args.password_stdin {
        Some(read_password_stdin()?)
    } else {
        std::env::var("EVFIELD_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
    };

    if !interactive {
        // nobody can be asked again: a bad value stops the run before it starts
        crate::session::check_inputs(&inputs.flags, inputs.answers.as_ref(), inputs.site.as_ref())?;
    }

    let json = ctx.out.json;
    let quiet = ctx.out.quiet;
    let phone = args
        .phone_camera
        .as_deref()
        .map(|v| crate::pinpoint::phone::parse_bind("--phone-camera", v))
        .transpose()?;
    if phone.is_some() && !interactive {
        ctx.out.note(t!("phone.no_terminal"));
    }
    let mut term = Terminal {
        color: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        phone,
    };
    let mut plain = crate::session::prompt::WithProgress {
        inner: NoTerminal {
            on_notice: move |n: &Notice| {
                if !json && (!quiet || n.level == Level::Danger) {
                    crate::waits::line(&n.text);
                }
            },
        },
        // the waits' spinner, when stderr is a terminal
        draw: !json && !quiet,
    };
    let prompter: &mut dyn Prompter = if interactive { &mut term } else { &mut plain };

    if args.demo {
        // an unknown demo vendor (one its simulator cannot play) is refused before a session
        // is started
        stand_ins::check_vendor(args.vendor.as_deref().unwrap_or("evfield-sim"))?;
    }
    if args.demo || args.resume.is_some() {
        // a mistyped EVFIELD_DEMO_SIM_FAULT is refused before a session starts or resumes
        stand_ins::check_fault()?;
    }
    let resume = args
        .resume
        .as_deref()
        .map(|s| if s.is_empty() { None } else { Some(s) });
    let mut resume = resume.map(|id| id.map(str::to_string));
    if resume.is_none() {
        resume = unfinished_first(ctx, &args, &inputs, interactive)?.map(Some);
    }
    if resume.is_none() && !args.demo && !interactive {
        // a token source asked for that cannot be used is the first thing to say
        crate::network::account::check_explicit(&inputs.token)?;
        // every value the run certainly needs, named at once, before a session exists
        let missing = crate::session::preflight::missing(&inputs)?;
        if let Some(e) = crate::session::preflight::missing_error(&missing) {
            return Err(e);
        }
    }
    let mut session = match resume {
        Some(id) => Session::resume(&data_dir, id.as_deref(), inputs, prompter)?,
        None => Session::create(&data_dir, inputs, prompter, args.demo)?,
    };
    if session.is_demo() {
        stand_ins::attach(
            &mut session,
            args.vendor.as_deref(),
            args.demo_station.unwrap_or(0),
            interactive,
        )?;
    }
    let place = match session.next_phase() {
        Some(p) => t!(
            "session.at_phase",
            number = p.number(),
            name = p.title().split(':').next().unwrap_or_default()
        ),
        None => t!("session.all_done"),
    };
    ctx.out.note(t!(
        "session.started",
        id = session.id,
        where = place,
        journal = session.journal_path().display()
    ));
    let journal = session.journal_path().to_path_buf();
    let id = session.id.clone();
    let outcome = session.run();
    drop(session);
    // the site keeps what this station answered of the place's values, whatever the outcome
    if let Some(site) = &site {
        learn_site(ctx, &data_dir, &site.name, &journal, &id);
    }
    let report = outcome?;
    ctx.out.result(&report, human_report);
    Ok(())
}

/// Add to the site's record the place's values the session answered (a failure to is said,
/// never fatal: the station's own session is what counts).
fn learn_site(
    ctx: &mut Ctx,
    data_dir: &std::path::Path,
    name: &str,
    journal: &std::path::Path,
    id: &str,
) {
    let learned = crate::journal::sessions::summarize(journal, id).and_then(|s| {
        // a finished station's position only: the network accepted it with the pinpoint
        let done = s.state == crate::vocab::State::Done;
        let position = s.position.as_deref().filter(|_| done).map(|p| (id, p));
        crate::journal::sites::learn(data_dir, name, &s.site_values, position)
    });
    match learned {
        Ok(keys) if !keys.is_empty() => {
            ctx.out
                .note(t!("site.learned", site = name, keys = keys.join(", ")))
        }
        Ok(_) => {}
        Err(e) => ctx
            .out
            .note(t!("site.not_learned", site = name, why = e.message)),
    }
}

/// An unfinished session for the same station (or port) as this new run: at a terminal the
/// installer chooses to resume it (the default), start a new one beside it, or abandon it with a
/// reason first; with nobody to ask that is an error (the demo only says so), unless `--new`.
/// The id to resume, when that is the choice.
fn unfinished_first(
    ctx: &mut Ctx,
    args: &RenetworkArgs,
    inputs: &Inputs,
    interactive: bool,
) -> Result<Option<String>> {
    use crate::session::preflight;
    if args.new {
        return Ok(None);
    }
    let data_dir = ctx.data_dir()?;
    let target = preflight::Target::new(inputs, &data_dir, args.demo, args.vendor.as_deref());
    let found = preflight::same_station(&data_dir, &target)?;
    let Some(s) = found.first() else {
        return Ok(None);
    };
    if !interactive && !args.demo {
        return Err(preflight::unfinished_error(s, found.len() - 1));
    }
    if !interactive {
        // each demo run has its own simulated station: say so, and start a new one
        ctx.out.note(t!(
            "preflight.demo_beside",
            session = preflight::describe(s),
            id = s.id
        ));
        return Ok(None);
    }
    let mut text = t!("preflight.offer", session = preflight::describe(s));
    if found.len() > 1 {
        text.push_str(&t!("preflight.unfinished.more", count = found.len() - 1));
    }
    let items = [
        t!("preflight.offer.resume"),
        t!("preflight.offer.new"),
        t!("preflight.offer.abandon"),
    ];
    let i = dialoguer::Select::with_theme(&dialoguer::theme::ColorfulTheme::default())
        .with_prompt(text)
        .items(&items)
        .default(0)
        .interact()
        .map_err(crate::session::prompt::dialog_err)?;
    match i {
        // resume it (the default)
        0 => Ok(Some(s.id.clone())),
        // abandon it, then a new session
        2 => {
            let reason = super::sessions::ask_reason(ctx, &s.id)?;
            crate::session::sessions::abandon(&data_dir, &s.id, &reason)?;
            ctx.out.note(t!("preflight.abandoned_then_new", id = s.id));
            Ok(None)
        }
        // a new session beside it
        _ => Ok(None),
    }
}

fn human_report(r: &Report) -> String {
    let s = |v: &serde_json::Value, k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| t!("text.unknown"))
    };
    let rows = [
        (
            t!("report.station"),
            t!(
                "report.station_line",
                manufacturer = s(&r.station, "manufacturer"),
                model = s(&r.station, "model"),
                serial = s(&r.station, "serial"),
                mac = s(&r.station, "mac")
            ),
        ),
        (t!("report.network_id"), s(&r.network, "station_id")),
        (t!("report.charge_box_id"), s(&r.network, "charge_box_id")),
        (t!("report.address"), s(&r.network, "address")),
        (t!("report.ocpp"), {
            // the network's state word, in the installer's language when it is one we know
            let raw = s(&r.network, "ocpp_status");
            serde_json::from_value::<crate::network::api::OcppState>(serde_json::json!(raw))
                .map(super::station_status::state_name)
                .unwrap_or(raw)
        }),
        (
            t!("report.sim"),
            if ["old_iccid", "new_iccid"].iter().all(|k| {
                r.sim
                    .get(k)
                    .and_then(|x| x.as_str())
                    .is_none_or(str::is_empty)
            }) {
                t!("text.report.no_sim")
            } else {
                format!("{} -> {}", s(&r.sim, "old_iccid"), s(&r.sim, "new_iccid"))
            },
        ),
        (t!("report.session"), r.session_id.clone()),
        (t!("report.journal"), r.journal.display().to_string()),
    ];
    let mut rows = rows.to_vec();
    if let Some(dir) = r.journal.parent().map(|d| d.join("sticker"))
        && dir.is_dir()
    {
        rows.push((t!("report.sticker"), dir.display().to_string()));
    }
    if let Some(p) = &r.sandbox_state {
        rows.push((t!("report.sandbox_state"), p.display().to_string()));
    }
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut t = format!("\n{}\n", t!("report.done"));
    for (k, v) in rows {
        let pad = width - k.chars().count();
        t.push_str(&format!("  {k}{} {v}\n", " ".repeat(pad)));
    }
    t
}

/// The demo's stand-ins (simulated station, sandbox network), in a build that has them (the
/// default feature `stand-ins`).
#[cfg(feature = "stand-ins")]
mod stand_ins {
    use crate::Result;
    use crate::sandbox::{demo, demo_vendors, rig};
    use crate::session::Session;

    pub fn check_vendor(vendor: &str) -> Result<()> {
        demo_vendors::station(vendor).map(|_| ())
    }

    pub fn check_fault() -> Result<()> {
        rig::DemoFault::from_env().map(|_| ())
    }

    /// Start (or restart) the demo's station and network and hand them to the session, with the
    /// demo's built-in answers.
    pub fn attach(
        session: &mut Session,
        vendor: Option<&str>,
        number: u32,
        interactive: bool,
    ) -> Result<()> {
        let rig = rig::DemoRig::start_station(&session.dir, vendor, number)?;
        let vendor_answers = rig.vendor.answers;
        // a site's further station has the sticker of its own activation record
        let own = (rig.number > 0).then(|| {
            format!(
                "[activation]\npassword = \"{}\"\n",
                rig.activation_password()
            )
        });
        session.attach_demo(Box::new(rig));
        if let Some(text) = own {
            session.add_demo_answers(&text, interactive)?;
        }
        // the vendor's answers first: they win over the built-in ones they share a key with
        session.add_demo_answers(vendor_answers, interactive)?;
        session.add_demo_answers(demo::ANSWERS, interactive)?;
        // a pinpoint photo that knows where it was taken gives the position (src/session/
        // pinpoint_step.rs): the demo's installer does not type it then
        if session
            .flag("pinpoint.photo")
            .and_then(|p| crate::pinpoint::photo::exif_position(std::path::Path::new(p)))
            .is_some()
        {
            session.drop_demo_answer("pinpoint.gps");
        }
        Ok(())
    }

    /// The arguments that hand a demo site's station `number` the photos its installer takes
    /// (src/sandbox/demo_photos.rs), written into `dir`; none the user gave already.
    pub fn site_photos(
        dir: &std::path::Path,
        number: u32,
        args: &super::RenetworkArgs,
    ) -> Result<Vec<std::ffi::OsString>> {
        let p = crate::sandbox::demo_photos::write(dir, number)?;
        let mut out: Vec<std::ffi::OsString> = Vec::new();
        for (given, flag, file) in [
            (args.sticker_photo.is_some(), "--sticker-photo", &p.sticker),
            (args.sim_photo.is_some(), "--sim-photo", &p.sim),
            (args.plate_photo.is_some(), "--plate-photo", &p.plate),
            (args.photo.is_some(), "--photo", &p.pinpoint),
        ] {
            if !given {
                out.push(flag.into());
                out.push(file.into());
            }
        }
        if !args.codes_confirmed {
            // the demo's installer looked at what was read and confirms it
            out.push("--codes-confirmed".into());
        }
        Ok(out)
    }
}

/// A field build without the stand-ins (`cargo build --no-default-features`): `--demo`, and the
/// resume of a demo session, say so.
#[cfg(not(feature = "stand-ins"))]
mod stand_ins {
    use crate::session::Session;
    use crate::{Error, Result};

    fn absent() -> Error {
        Error::usage("E_NO_STAND_INS", crate::t!("house.no_stand_ins"))
            .with_help(crate::t!("house.no_stand_ins.help"))
    }

    pub fn check_vendor(_vendor: &str) -> Result<()> {
        Err(absent())
    }

    pub fn site_photos(
        _dir: &std::path::Path,
        _number: u32,
        _args: &super::RenetworkArgs,
    ) -> Result<Vec<std::ffi::OsString>> {
        Err(absent())
    }

    pub fn check_fault() -> Result<()> {
        Ok(())
    }

    pub fn attach(
        _session: &mut Session,
        _vendor: Option<&str>,
        _number: u32,
        _interactive: bool,
    ) -> Result<()> {
        Err(absent())
    }
}

/// The values read from the photos given (`--sticker-photo`, `--sim-photo`, `--plate-photo`):
/// each is shown and confirmed (default no) at a terminal, or taken with `--codes-confirmed`,
/// and then is a given value like the flag it stands for. Declined at a terminal, the value is
/// asked as usual.
fn photo_values(ctx: &Ctx, args: &RenetworkArgs, inputs: &mut Inputs) -> Result<()> {
    use crate::pinpoint::codes::{self, Want};
    let photos = [
        (
            &args.sticker_photo,
            "activation.password",
            Want::Activation,
            "--sticker-photo",
        ),
        (&args.sim_photo, "sim.kit_iccid", Want::Iccid, "--sim-photo"),
        (
            &args.plate_photo,
            "pinpoint.serial_plate",
            Want::Serial,
            "--plate-photo",
        ),
    ];
    for (path, key, want, flag) in photos {
        let Some(path) = path else { continue };
        let (p, file) = if path.as_os_str() == PHONE {
            code_from_phone(ctx, args, key, want, flag)?
        } else {
            (
                codes::value_from(path, key, want)?,
                path.display().to_string(),
            )
        };
        let question = crate::t!("codes.confirm", shown = p.shown, file = file, flag = flag);
        let accepted = if args.codes_confirmed {
            true
        } else if ctx.interactive() {
            super::pinpoint::ask_yes_no(&question)?
        } else {
            return Err(Error::usage(
                "E_NOT_CONFIRMED",
                crate::t!("pin.needs_confirmation", question = question),
            )
            .with_help(crate::t!(
                "pin.needs_confirmation_help",
                flag = "--codes-confirmed"
            )));
        };
        if !accepted {
            continue;
        }
        // journaled as read from the photo (the phone's upload, or the file given), not typed
        let source = format!(
            "photo:{}",
            std::path::Path::new(&file)
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        );
        inputs.flags.insert(key.to_string(), p.value);
        inputs.flag_sources.insert(key.to_string(), source.clone());
        if let Some(mac) = p.mac
            && !inputs.flags.contains_key("station.mac")
        {
            inputs.flags.insert("station.mac".to_string(), mac);
            inputs
                .flag_sources
                .insert("station.mac".to_string(), source);
        }
    }
    Ok(())
}

/// The value of `--sticker-photo`, `--sim-photo` or `--plate-photo` that takes the photo from
/// the phone (`--phone-camera`) at a terminal.
const PHONE: &str = "phone";

/// The code photo for `key` taken with the phone (or typed as a path at the same prompt): the
/// value read from it and how the photo is named. A photo without the code asked for is said
/// and taken again.
fn code_from_phone(
    ctx: &Ctx,
    args: &RenetworkArgs,
    key: &str,
    want: crate::pinpoint::codes::Want,
    flag: &str,
) -> Result<(crate::pinpoint::codes::Proposal, String)> {
    use crate::session::phone::{self, PhotoAsk};
    let addr = match &args.phone_camera {
        Some(v) if ctx.interactive() => crate::pinpoint::phone::parse_bind("--phone-camera", v)?,
        _ => {
            return Err(Error::usage(
                "E_PHONE_CAMERA",
                t!("phone.code.needs_camera", flag = flag, value = PHONE),
            )
            .with_help(t!("phone.code.needs_camera_help", flag = flag)));
        }
    };
    let dir = tempfile::tempdir()
        .map_err(|e| Error::internal("E_PHONE_CAMERA", crate::error::io_reason(&e)))?;
    let text = t!("phone.code.prompt", flag = flag);
    let ask = PhotoAsk {
        key,
        text: &text,
        default: None,
        optional: false,
        rules: crate::pinpoint::photo::Rules::ANY,
    };
    let check = |v: &str| -> std::result::Result<(), String> {
        crate::pinpoint::photo::read_photo(std::path::Path::new(v.trim()))
            .map(|_| ())
            .map_err(|e| crate::rules::reason(&e))
    };
    let mut say = |ok: bool, text: String| {
        let mark = if ok { "✔ " } else { "! " };
        crate::waits::line(&format!("{mark}{text}"));
    };
    loop {
        let Some(path) = phone::ask(&ask, &check, dir.path(), addr, &mut say)? else {
            return Err(Error::usage(
                "E_PHONE_CAMERA",
                t!("phone.code.no_page", flag = flag),
            ));
        };
        let from_phone = std::path::Path::new(&path).starts_with(dir.path());
        let name = if from_phone {
            t!("phone.photo_name")
        } else {
            path.clone()
        };
        match crate::pinpoint::codes::value_from(std::path::Path::new(&path), key, want) {
            Ok(p) => return Ok((p, name)),
            Err(e) => say(false, format!("{} {}", e.message, t!("phone.code.again"))),
        }
    }
}

/// `renetwork --demo --stations N`: a demo site of N simulated stations, one session each, one
/// after the other, each in its own process (this binary again, with `--demo-station K` and the
/// site), then the site's table. Without `--site` the site is "Demo car park". The first station
/// that fails stops the run (its session is resumable on its own).
fn demo_site(ctx: &mut Ctx, args: &RenetworkArgs, n: u32) -> Result<()> {
    let data_dir = ctx.data_dir()?;
    let site = match &args.site {
        Some(s) => crate::journal::sites::check_name(s)?,
        None => "Demo car park".to_string(),
    };
    let exe = std::env::current_exe()
        .map_err(|e| Error::internal("E_SELF", t!("site.no_self", why = e)))?;
    // this run's arguments, without --stations
    let mut base: Vec<std::ffi::OsString> = Vec::new();
    let mut skip = false;
    for a in std::env::args_os().skip(1) {
        if skip {
            skip = false;
            continue;
        }
        match a.to_str() {
            Some("--stations") => skip = true,
            Some(s) if s.starts_with("--stations=") => {}
            _ => base.push(a),
        }
    }
    // the photos each station's installer takes, for the run's length
    let photos = tempfile::tempdir()
        .map_err(|e| Error::io(&t!("rec.io.create_temp_dir"), &std::env::temp_dir(), e))?;
    let mut reports = Vec::new();
    for k in 0..n {
        ctx.out.note(t!(
            "site.demo_station",
            number = k + 1,
            count = n,
            site = site
        ));
        let mut cmd = std::process::Command::new(&exe);
        cmd.args(&base)
            .arg("--demo-station")
            .arg(k.to_string())
            .arg("--new")
            .args(stand_ins::site_photos(
                &photos.path().join(format!("station-{}", k + 1)),
                k,
                args,
            )?);
        if args.site.is_none() {
            cmd.arg("--site").arg(&site);
        }
        let status = if ctx.out.json {
            let out = cmd
                .stderr(std::process::Stdio::inherit())
                .output()
                .map_err(|e| Error::internal("E_SELF", t!("site.no_self", why = e)))?;
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&out.stdout) {
                reports.push(v);
            }
            out.status
        } else {
            cmd.status()
                .map_err(|e| Error::internal("E_SELF", t!("site.no_self", why = e)))?
        };
        if !status.success() {
            return Err(Error::new(
                crate::ErrorKind::Blocked,
                "E_SITE_STATION_FAILED",
                t!("site.demo_failed", number = k + 1, site = site),
            )
            .with_help(t!("site.demo_failed_help", site = site)));
        }
    }
    let record = crate::journal::sites::load(&data_dir, &site)?;
    // in the order they were started (`sessions::list`'s)
    let stations: Vec<_> = crate::journal::sessions::list(&data_dir)?
        .into_iter()
        .filter(|s| {
            s.site
                .as_deref()
                .is_some_and(|x| crate::journal::sites::same(x, &site))
        })
        .collect();
    let value = serde_json::json!({
        "schema": 1,
        "site": record.shown(),
        "sessions": stations,
        "reports": reports,
    });
    ctx.out.result(&value, |_| {
        let mut t = t!("site.table_heading", site = site);
        t.push('\n');
        for s in &stations {
            // what is left: the phase an unfinished station is at
            let state = match (&s.state, &s.step) {
                (crate::vocab::State::Done, _) => t!("rec.sessions.done"),
                (_, Some(step)) => t!("rec.sessions.in_progress_at", step = step),
                _ => t!("rec.sessions.in_progress"),
            };
            t.push_str(&format!(
                "  {}  {:<26}  {}\n",
                s.id,
                state,
                s.serial.as_deref().unwrap_or("-")
            ));
        }
        t
    });
    Ok(())
}
