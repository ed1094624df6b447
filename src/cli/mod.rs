//! The command line: clap definitions and the thin `run()` of each subcommand.

mod account;
mod batch;
mod bounds;
mod checklist;
mod complete;
pub mod completions;
mod export;
mod gps;
pub mod help;
mod log;
pub mod machine;
mod modem;
mod net;
mod ocpp;
mod outbox;
mod panic;
mod photo;
mod pinpoint;
mod ports;
mod renetwork;
mod replay;
mod requirements;
mod rfid;
#[cfg(feature = "stand-ins")]
mod serve;
mod sessions;
mod station;
mod station_status;
mod sticker;
mod vendors;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, Parser, Subcommand};

use crate::output::Output;
use crate::{Error, Result};

/// The command line is defined once and derived twice from the same text: [`Cli`] and
/// [`Command`] with the whole tree (the help, completions, the man page, the translated help and
/// the tests read it), and `LazyCli` / `LazyCommand`, the same command line whose subcommands
/// get their arguments only when one is named (clap's `defer`). `main` parses with the lazy one
/// (the same ids, so [`Cli`] is read from its matches): a run builds its own branch, not every
/// subcommand's arguments, and a top-level `--help` lists the names and abouts only
/// (docs/benchmarks.md, cold start).
macro_rules! command_line {
    ($(#[$attr:meta])* pub struct Cli;) => {
        #[derive(Debug, Parser)]
        $(#[$attr])*
        pub struct Cli {
            #[command(flatten)]
            pub global: GlobalArgs,
            #[command(subcommand)]
            pub command: Command,
        }

        #[derive(Parser)]
        $(#[$attr])*
        #[allow(dead_code)] // only its `command()` is used
        struct LazyCli {
            #[command(flatten)]
            global: GlobalArgs,
            #[command(subcommand)]
            command: LazyCommand,
        }
    };
    ($(#[$attr:meta])* pub enum Command { $($variants:tt)* }) => {
        #[derive(Debug, Subcommand)]
        $(#[$attr])*
        pub enum Command { $($variants)* }

        #[derive(Subcommand)]
        #[command(defer = true)]
        #[allow(dead_code)] // only its `augment_subcommands()` is used
        enum LazyCommand { $($variants)* }
    };
}

command_line! {
/// Re-network EV charging stations on site: pre-check, SIM swap, commissioning over the service
/// port, activation sticker, pinpointing and verification, with a journal support can replay.
#[command(
    name = "evfield",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli;
}

/// Flags every subcommand accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Print the result as one JSON document (errors as JSON on stderr).
    #[arg(long, global = true, env = "EVFIELD_JSON", help_heading = "Global")]
    pub json: bool,
    /// Language of messages: en, nb, sv or da (default: from the locale, else en).
    #[arg(
        long,
        global = true,
        env = "EVFIELD_LANG",
        value_name = "LANG",
        help_heading = "Global"
    )]
    pub lang: Option<String>,
    /// More detail on stderr (repeat for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = "Global")]
    pub verbose: u8,
    /// Only errors and the result.
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global"
    )]
    pub quiet: bool,
    /// Configuration file (default: the user's config dir, evfield/config.toml, when present).
    #[arg(
        long,
        global = true,
        env = "EVFIELD_CONFIG",
        value_name = "FILE",
        help_heading = "Global"
    )]
    pub config: Option<PathBuf>,
    /// Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a
    /// terminal.
    #[arg(
        long,
        global = true,
        env = "EVFIELD_NON_INTERACTIVE",
        help_heading = "Global"
    )]
    pub non_interactive: bool,
    /// Where sessions are kept (default: the platform's data dir, e.g. ~/.local/share/evfield).
    #[arg(
        long,
        global = true,
        env = "EVFIELD_DATA_DIR",
        value_name = "DIR",
        help_heading = "Global"
    )]
    pub data_dir: Option<PathBuf>,
    /// Also run a station's service-port protocol that no source documents (evfield's own model
    /// of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console).
    #[arg(long, global = true, help_heading = "Global")]
    pub experimental: bool,
}

command_line! {
pub enum Command {
    /// Guided re-networking of one station, from the pre-check to a verified, pinpointed station.
    Renetwork(Box<renetwork::RenetworkArgs>),
    /// List sessions and their state (in progress at step X, failed, done, abandoned); `sessions
    /// abandon ID` gives one up.
    Sessions(sessions::SessionsArgs),
    /// Run a simulated station on a pseudo-terminal and print its port path.
    #[cfg(feature = "stand-ins")]
    Sim(serve::SimArgs),
    /// Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1.
    #[cfg(feature = "stand-ins")]
    Sandbox(serve::SandboxArgs),
    /// Log in to the network's installer API; the token is kept in the OS keyring.
    Login(account::LoginArgs),
    /// Forget the installer token (keyring, token file) and the account file.
    Logout(account::LogoutArgs),
    /// Who is logged in, at which network, and whether they are certified.
    Whoami(account::WhoamiArgs),
    /// Read a GPS position: NMEA receiver, gpsd, photo EXIF or typed.
    Gps(gps::GpsArgs),
    /// Check a photo for pinpointing (landscape, resolution, upload size, EXIF).
    Photo(photo::PhotoArgs),
    /// Pinpoint a station outside a session: `pinpoint submit`.
    Pinpoint(pinpoint::PinpointArgs),
    /// The network's requirements for a station model (cached with their age for offline sites).
    Requirements(requirements::RequirementsArgs),
    /// Pinpoint submissions waiting for the network, and those it refused.
    Outbox(outbox::OutboxArgs),
    /// Send the outbox's submissions (and their photos), each exactly once.
    Sync(outbox::SyncArgs),
    /// Show a session's journal as a timeline: answers, values read, service-port bytes, API
    /// calls.
    Replay(replay::ReplayArgs),
    /// Session journal tools (`log verify`).
    Log(log::LogArgs),
    /// Pack a session into one support bundle (.tar.gz), secrets masked (activation password,
    /// site access notes).
    Export(export::ExportArgs),
    /// Unpack a support bundle into the data dir (imports/<session id>) and verify it.
    Import(export::ImportArgs),
    /// Scripting many stations at once (`batch pinpoint FILE`).
    Batch(batch::BatchArgs),
    /// The station over its service port (identity, firmware, state, OCPP settings), and as the
    /// network sees it (`station status`).
    Station(station::StationArgs),
    /// Check the SIM and the cellular link over AT commands, with a verdict.
    Modem(modem::ModemArgs),
    /// A temporary OCPP 1.6J central system on this laptop (`ocpp probe`): identify and
    /// configure a station over OCPP before it is pointed at the network.
    Ocpp(ocpp::OcppArgs),
    /// Serial ports and USB devices, and which vendor profile each matches.
    Ports(ports::PortsArgs),
    /// Vendor profiles: list, show, decode an article number.
    Vendors(vendors::VendorsArgs),
    /// RFID UIDs: hex, little-endian hex and decimal.
    Rfid(rfid::RfidArgs),
    /// Checklists: list them, show one, or go through one outside a session.
    Checklist(checklist::ChecklistArgs),
    /// Print the activation sticker: a QR code of the pinpointing URL with the MAC and the
    /// activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files.
    Sticker(sticker::StickerArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish) or the man page.
    Completions(completions::CompletionsArgs),
}
}

/// Whether Ctrl-C should end quietly (a server) or leave a resumable session.
static SERVING: AtomicBool = AtomicBool::new(false);

fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        let _ = console::Term::stderr().show_cursor();
        #[cfg(unix)]
        crate::session::hidden::restore();
        if SERVING.load(Ordering::SeqCst) {
            std::process::exit(0);
        }
        match crate::session::current_session() {
            Some(id) => eprintln!("\n{}", crate::t!("session.interrupted", id = id)),
            None => eprintln!("\n{}", crate::t!("cli.interrupted")),
        }
        std::process::exit(crate::ErrorKind::Interrupted.exit_code());
    });
}

/// What every subcommand gets: the output layer and the resolved global settings.
pub struct Ctx {
    pub out: Output,
    pub global: GlobalArgs,
    pub config: crate::config::Config,
}

impl Ctx {
    /// Whether a person can be asked.
    pub fn interactive(&self) -> bool {
        !self.global.non_interactive
            && std::io::stdin().is_terminal()
            && std::io::stderr().is_terminal()
    }

    pub fn data_dir(&self) -> Result<PathBuf> {
        crate::paths::data_dir(
            self.global
                .data_dir
                .as_deref()
                .or(self.config.data_dir.as_deref()),
        )
    }
}

/// Entry point of the binary; returns the process exit code. A panic (a bug) has been reported
/// by the hook (as JSON under `--json`) and ends with the exit code of an internal error.
pub fn main() -> i32 {
    panic::install();
    std::panic::catch_unwind(main_unguarded).unwrap_or(crate::ErrorKind::Internal.exit_code())
}

fn main_unguarded() -> i32 {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == complete::COMMAND)
    {
        return complete::run();
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::lang_before_parse(args.get(1..).unwrap_or_default());
    crate::i18n::set_lang(lang);
    panic::test_trigger();
    let cli = match parse_args(lang, &args) {
        Ok(c) => c,
        // English keeps clap's own messages; other languages get them from the catalog
        Err(e) if lang == crate::i18n::Lang::En => return command_line_error(e),
        Err(e) => return command_line_error(e.apply::<help::Localized>()),
    };
    install_interrupt_handler();
    let json = cli.global.json;
    let mut out = Output::stdio(json, cli.global.quiet, cli.global.verbose);
    let r = setup(cli.global).and_then(|(global, config)| {
        // -v lines from the library (API calls, service-port traffic), live on stderr
        crate::waits::set_verbosity(if global.quiet { 0 } else { global.verbose });
        let mut ctx = Ctx {
            out: Output::stdio(json, global.quiet, global.verbose),
            global,
            config,
        };
        let r = run(&mut ctx, cli.command);
        out = ctx.out;
        r
    });
    match r {
        Ok(()) => 0,
        Err(e) => {
            out.error(&e);
            e.exit_code()
        }
    }
}

/// The language of the run: the `--lang` value (or `EVFIELD_LANG`), else the locale of the
/// environment, else English. A `--lang` the tool does not speak is an error.
pub(crate) fn choose_lang(flag: Option<&str>) -> Result<crate::i18n::Lang> {
    Ok(match flag {
        Some(l) => crate::i18n::Lang::parse(l)
            .filter(|_| !l.contains(['_', '.', '@']))
            .ok_or_else(|| {
                Error::usage("E_LANG", crate::t!("cli.err.lang", lang = l))
                    .with_help(crate::t!("cli.err.lang_help"))
            })?,
        None => crate::i18n::from_env(|k| std::env::var(k).ok()),
    })
}

/// The command line parsed, or what clap prints instead (help, version, an error) in `lang`.
/// Every tree accepts the same command lines. The lazy one builds only the branch named; what
/// clap prints comes from the whole tree, in the language (the lazy tree's subcommands would
/// print their sections in another order), except a top-level `--help` or `--version` in
/// English, which the lazy tree prints the same.
fn parse_args(
    lang: crate::i18n::Lang,
    args: &[std::ffi::OsString],
) -> std::result::Result<Cli, clap::Error> {
    let en = lang == crate::i18n::Lang::En;
    let mut lazy = <LazyCli as clap::CommandFactory>::command();
    if only_flags(args) {
        // no subcommand named: what can come of it is the root's help, version or an error, so
        // its global flags and version need not be copied into every subcommand first (the
        // copies were most of a `--version`'s time)
        lazy = lazy.mut_args(|a| a.global(false)).propagate_version(false);
    }
    match parse(lazy, args) {
        Err(e) if en && top_level_display(&e, args) => Err(e),
        Err(_) if en => parse(<Cli as clap::CommandFactory>::command(), args),
        Err(_) => parse(help::command(lang), args),
        r => r,
    }
}

/// Whether `e` is the help or version of the root command itself (no subcommand named: every
/// argument a flag), which the lazy tree renders as the whole tree does.
fn top_level_display(e: &clap::Error, args: &[std::ffi::OsString]) -> bool {
    use clap::error::ErrorKind as K;
    matches!(
        e.kind(),
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
    ) && only_flags(args)
}

/// Whether every argument is a flag (no subcommand, no value given apart from its flag).
fn only_flags(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .skip(1)
        .all(|a| a.to_str().is_some_and(|a| a.starts_with('-') && a != "--"))
}

/// The command line parsed with `cmd` (the tree of [`Cli`], its texts in some language).
fn parse(
    mut cmd: clap::Command,
    args: &[std::ffi::OsString],
) -> std::result::Result<Cli, clap::Error> {
    let mut m = cmd.try_get_matches_from_mut(args)?;
    <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut cmd))
}

/// Report an error of the command line itself (or print the help or version clap was asked
/// for); the exit code.
fn command_line_error<F: clap::error::ErrorFormatter>(e: clap::error::Error<F>) -> i32 {
    if e.use_stderr() && machine::json_requested() {
        let err = machine::from_clap(&e);
        Output::stdio(true, false, 0).error(&err);
        return err.exit_code();
    }
    let code = if e.use_stderr() {
        crate::ErrorKind::Usage.exit_code()
    } else {
        0
    };
    let _ = e.print();
    code
}

fn setup(global: GlobalArgs) -> Result<(GlobalArgs, crate::config::Config)> {
    crate::i18n::set_lang(choose_lang(global.lang.as_deref())?);
    let config = crate::config::Config::load(global.config.as_deref())?;
    Ok((global, config))
}

fn run(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Renetwork(a) => renetwork::run(ctx, *a),
        Command::Sessions(a) => sessions::run(ctx, a),
        Command::Completions(a) => completions::run(ctx, a),
        Command::Login(a) => account::login(ctx, a),
        Command::Outbox(a) => outbox::run(ctx, a),
        Command::Requirements(a) => requirements::run(ctx, a),
        Command::Gps(a) => gps::run(ctx, a),
        Command::Photo(a) => photo::run(ctx, a),
        Command::Pinpoint(a) => pinpoint::run(ctx, a),
        Command::Sync(a) => outbox::sync(ctx, a),
        Command::Logout(a) => account::logout(ctx, a),
        Command::Whoami(a) => account::whoami(ctx, a),
        Command::Replay(a) => {
            // Ctrl-C is how a follow ends: quietly, with exit code 0.
            SERVING.store(a.follow, Ordering::SeqCst);
            replay::run(ctx, a)
        }
        Command::Log(a) => log::run(ctx, a),
        Command::Batch(a) => batch::run(ctx, a),
        Command::Export(a) => export::run_export(ctx, a),
        Command::Import(a) => export::run_import(ctx, a),
        Command::Station(a) => station::run(ctx, a),
        Command::Ports(a) => ports::run(ctx, a),
        Command::Modem(a) => modem::run(ctx, a),
        Command::Ocpp(a) => ocpp::run(ctx, a),
        Command::Vendors(a) => vendors::run(ctx, a),
        Command::Rfid(a) => rfid::run(ctx, a),
        Command::Sticker(a) => sticker::run(ctx, a),
        Command::Checklist(a) => checklist::run(ctx, a),
        #[cfg(feature = "stand-ins")]
        Command::Sim(a) => {
            SERVING.store(true, Ordering::SeqCst);
            serve::run_sim(ctx, a)
        }
        #[cfg(feature = "stand-ins")]
        Command::Sandbox(a) => {
            SERVING.store(true, Ordering::SeqCst);
            serve::run_sandbox(ctx, a)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command path of the whole tree (root first), as the words of a command line.
    fn paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(prefix.clone());
        for s in cmd.get_subcommands() {
            let mut p = prefix.clone();
            p.push(s.get_name().to_string());
            paths(s, p, out);
        }
    }

    fn outcome(r: std::result::Result<Cli, clap::Error>) -> String {
        match r {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("{:?}: {}", e.kind(), e.render()),
        }
    }

    /// What main parses with (the lazy tree first) reads every command line as the whole tree
    /// does, and prints the same help, version and errors: each command path bare, with
    /// `--help`, `-h` and a bad flag, and a few full command lines.
    #[test]
    fn the_lazy_tree_parses_and_prints_as_the_whole_tree() {
        let mut all = Vec::new();
        paths(&Cli::command(), vec!["evfield".to_string()], &mut all);
        assert!(all.len() > 40, "{}", all.len());
        let lines = [
            "evfield --json vendors list",
            "evfield -v --data-dir /d sessions",
            "evfield station info --port /dev/null --vendor evfield-sim",
            "evfield --lang nb log verify X",
            "evfield --version",
            "evfield -V",
            "evfield --json --version",
            "evfield -q --help",
            "evfield --json",
            "evfield -v -q",
            "evfield --lang=nb",
            "evfield --data-dir=/d --non-interactive --experimental",
            "evfield --config",
            "evfield --version --help",
            "evfield -vvv",
        ];
        let mut argvs: Vec<Vec<String>> = lines
            .iter()
            .map(|l| l.split(' ').map(str::to_string).collect())
            .collect();
        for p in all {
            for extra in [None, Some("--help"), Some("-h"), Some("--no-such-flag")] {
                let mut a = p.clone();
                a.extend(extra.map(str::to_string));
                argvs.push(a);
            }
        }
        for argv in argvs {
            let args: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
            assert_eq!(
                outcome(parse_args(crate::i18n::Lang::En, &args)),
                outcome(parse(Cli::command(), &args)),
                "{argv:?}"
            );
        }
    }

    /// The point of the lazy tree: before a subcommand is named, none has its arguments built.
    #[test]
    fn the_lazy_tree_builds_no_subcommand_before_it_is_named() {
        let cmd = LazyCli::command();
        assert!(cmd.get_subcommands().count() > 20);
        for s in cmd.get_subcommands() {
            assert_eq!(s.get_arguments().count(), 0, "{}", s.get_name());
            assert!(s.get_about().is_some(), "{}", s.get_name());
        }
    }

    #[test]
    fn every_renetwork_flag_names_a_session_key() {
        let cmd = Cli::command();
        let re = cmd.find_subcommand("renetwork").unwrap();
        for def in crate::session::keys::KEYS {
            if let Some(flag) = def.flag {
                let long = flag.trim_start_matches("--");
                assert!(
                    re.get_arguments().any(|a| a.get_long() == Some(long)),
                    "renetwork has no {flag} for {}",
                    def.key
                );
            }
        }
    }
}
