//! `evfield batch pinpoint FILE`: pinpoint a fleet from a CSV or JSON Lines file.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::Ctx;
use crate::batch::rows::{self, Format, RowError};
use crate::batch::submit::{self, Link, RowResult, Settings, StateFile, Status, Summary};
use crate::network::client::RetryPolicy;
use crate::{Error, ErrorKind, Result};

#[derive(Debug, Args)]
pub struct BatchArgs {
    #[command(subcommand)]
    pub command: BatchCommand,
}

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in
    /// docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted.
    Pinpoint(PinpointArgs),
}

#[derive(Debug, Args)]
pub struct PinpointArgs {
    /// The batch file (.csv with a header line, or .jsonl with one JSON object a line).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The file's format (default: from its extension, else its first character).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Only check the rows (locally, nothing is sent).
    #[arg(long)]
    pub check: bool,
    /// Installer API address of the network (default: the configuration file's `network`, else
    /// the network of the last `evfield login`).
    #[arg(long, env = "EVFIELD_NETWORK")]
    pub network: Option<String>,
    /// Installer account (default: the configuration file's `user`, else the last login's).
    /// Its token is the one `evfield login` kept; without one, the password (from
    /// --password-stdin or EVFIELD_PASSWORD) logs in for this run.
    #[arg(long, env = "EVFIELD_USER")]
    pub user: Option<String>,
    /// Read the installer password from standard input (never from the command line).
    #[arg(long, conflicts_with = "token_stdin")]
    pub password_stdin: bool,
    /// Use the token in this file (readable by its owner only) instead of the one `evfield login`
    /// kept; an error when it cannot be read.
    #[arg(long, env = "EVFIELD_TOKEN_FILE", value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Read the token from standard input instead of the one `evfield login` kept.
    #[arg(long)]
    pub token_stdin: bool,
    /// Submissions in flight at once (1 to 64).
    #[arg(short, long, default_value_t = 4, value_name = "N")]
    pub jobs: usize,
    /// Submissions started per second at most (0: no limit).
    #[arg(long, default_value_t = 5.0, value_name = "PER_SEC", value_parser = super::bounds::rate)]
    pub rate: f64,
    /// Run-state file (default: <data dir>/batch/<file name>-<hash of its path>.state.jsonl).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Attempts per submission, the first included.
    #[arg(long, default_value_t = 5, value_name = "N", help_heading = "Retries")]
    pub attempts: u32,
    /// Delay before the first retry (doubles each time), in milliseconds.
    #[arg(
        long,
        default_value_t = 200,
        value_parser = super::bounds::millis,
        value_name = "MS",
        help_heading = "Retries"
    )]
    pub retry_delay: u64,
    /// Longest delay between two attempts (Retry-After included), in milliseconds.
    #[arg(
        long,
        default_value_t = 5000,
        value_parser = super::bounds::millis,
        value_name = "MS",
        help_heading = "Retries"
    )]
    pub max_retry_delay: u64,
    /// Time limit of one attempt, in seconds.
    #[arg(
        long,
        default_value_t = 15.0,
        value_parser = super::bounds::decimal_secs,
        value_name = "SECS",
        help_heading = "Retries"
    )]
    pub timeout: f64,
}

pub fn run(ctx: &mut Ctx, args: BatchArgs) -> Result<()> {
    match args.command {
        BatchCommand::Pinpoint(a) => pinpoint(ctx, a),
    }
}

fn invalid(ctx: &mut Ctx, file: &std::path::Path, errors: &[RowError]) -> Error {
    for e in errors {
        ctx.out.stream_item(e, RowError::human);
    }
    let rows: std::collections::BTreeSet<u64> = errors.iter().map(|e| e.row).collect();
    Error::validation(
        "E_BATCH_INVALID",
        crate::t!(
            "rec.batch.invalid",
            errors = errors.len(),
            rows = rows.len(),
            file = file.display()
        ),
    )
    .with_help(crate::t!("rec.batch.invalid.help"))
}

/// The API token: the one `evfield login` kept or a source given explicitly (docs/account.md,
/// the same sources as every command), else a login with the user and the password from stdin
/// or EVFIELD_PASSWORD for this run only. A source given explicitly that fails is an error.
fn token(ctx: &mut Ctx, args: &PinpointArgs, network: &str, link: &Link) -> Result<String> {
    use crate::network::account::{self, AccountFile, TokenOptions};
    let acct = AccountFile::load(&ctx.data_dir()?)?;
    let user = args.user.clone().or(ctx.config.user.clone()).or_else(|| {
        acct.as_ref()
            .filter(|a| account::same_network(&a.network, network))
            .map(|a| a.username.clone())
    });
    let opts = TokenOptions {
        token_file: args.token_file.clone(),
        token_stdin: args.token_stdin,
    };
    let username = user.as_deref().unwrap_or_default();
    if let Some(found) = super::net::find_token(ctx, network, username, acct.as_ref(), &opts)? {
        return Ok(found.token);
    }
    let user = user.ok_or_else(|| {
        Error::usage("E_BATCH_AUTH", crate::t!("rec.batch.no_credentials"))
            .with_help(crate::t!("rec.batch.no_credentials.help"))
    })?;
    let password = if args.password_stdin {
        super::renetwork::read_password_stdin()?
    } else {
        std::env::var("EVFIELD_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| {
                Error::usage(
                    "E_BATCH_AUTH",
                    crate::t!("rec.batch.no_password", user = user),
                )
                .with_help(crate::t!("rec.batch.no_password.help"))
            })?
    };
    link.login(&user, &password)
}

fn human_summary(s: &Summary) -> String {
    crate::t!(
        "rec.batch.summary",
        rows = s.rows,
        accepted = s.accepted,
        replayed = s.replayed,
        skipped = s.skipped,
        failed = s.failed,
        submitted = s.submitted,
        secs = format!("{:.1}", s.elapsed_ms as f64 / 1000.0),
        state = s.state_file.display()
    )
}

fn pinpoint(ctx: &mut Ctx, args: PinpointArgs) -> Result<()> {
    let (rows, errors) = rows::read(&args.file, args.format)?;
    if !errors.is_empty() {
        return Err(invalid(ctx, &args.file, &errors));
    }
    if args.check {
        let doc =
            serde_json::json!({ "schema": 1, "type": "check", "rows": rows.len(), "valid": true });
        ctx.out.stream_item(&doc, |_| {
            crate::t!(
                "rec.batch.check_ok",
                file = args.file.display(),
                rows = rows.len()
            )
        });
        return Ok(());
    }
    if !(1..=64).contains(&args.jobs) {
        return Err(Error::usage(
            "E_BATCH_JOBS",
            crate::t!("rec.batch.jobs", jobs = args.jobs),
        ));
    }
    if !(args.rate >= 0.0 && args.rate.is_finite()) {
        return Err(Error::usage(
            "E_BATCH_RATE",
            crate::t!("rec.batch.rate", rate = args.rate),
        )
        .with_help(crate::t!("rec.batch.rate.help")));
    }
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::usage(
                "E_BATCH_TIMEOUT",
                crate::t!("rec.batch.timeout", timeout = args.timeout),
            )
        })?;
    let login_network =
        crate::network::account::AccountFile::load(&ctx.data_dir()?)?.map(|a| a.network);
    let network = args
        .network
        .clone()
        .or(ctx.config.network.clone())
        .or(login_network)
        .ok_or_else(|| {
            Error::usage("E_BATCH_NETWORK", crate::t!("rec.batch.no_network"))
                .with_help(crate::t!("rec.batch.no_network.help"))
        })?;
    let settings = Settings {
        network,
        jobs: args.jobs,
        rate: (args.rate > 0.0).then_some(args.rate),
        retry: RetryPolicy {
            max_attempts: args.attempts.max(1),
            base_delay: Duration::from_millis(args.retry_delay),
            max_delay: Duration::from_millis(args.max_retry_delay.max(args.retry_delay)),
        },
        connect_timeout: timeout.min(Duration::from_secs(5)),
        request_timeout: timeout,
    };
    // the login, the checks and the submissions: one runtime, one HTTP client
    let mut link = Link::open(&settings)?;
    let token = token(ctx, &args, &settings.network, &link)?;
    link.set_token(token);
    let inst = link.installer()?;
    if !inst.certified {
        return Err(Error::blocked(
            "E_NOT_CERTIFIED",
            crate::t!("rec.batch.not_certified", user = inst.username),
        )
        .with_help(crate::t!("rec.batch.not_certified.help")));
    }
    let (prepared, errors) = submit::prepare(rows, &link)?;
    if !errors.is_empty() {
        return Err(invalid(ctx, &args.file, &errors));
    }
    let state_path = match &args.state {
        Some(p) => p.clone(),
        None => submit::default_state_path(&ctx.data_dir()?, &args.file, &settings.network),
    };
    let mut state = StateFile::open(&state_path)?;

    let bar = (std::io::stderr().is_terminal() && !ctx.out.quiet).then(|| {
        let b = indicatif::ProgressBar::new(prepared.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(&crate::t!("rec.batch.bar"))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let mut kinds: Vec<ErrorKind> = Vec::new();
    // the rows that finish together: one write to stdout (with a bar on the terminal, each
    // line as it comes, drawn around the bar)
    if bar.is_none() {
        ctx.out.buffer_stdout();
    }
    let out = &mut ctx.out;
    let summary = submit::run(
        prepared,
        link,
        &settings,
        &mut state,
        |done: &[RowResult]| {
            for res in done {
                if let Some(k) = res.error_kind {
                    kinds.push(k);
                }
                match &bar {
                    Some(b) => {
                        b.suspend(|| out.stream_document(res, RowResult::human));
                        b.inc(1);
                        if res.status == Status::Failed {
                            b.set_message(crate::t!("rec.batch.bar_failed", count = kinds.len()));
                        }
                    }
                    None => out.stream_document(res, RowResult::human),
                }
            }
            out.write_held();
        },
    );
    ctx.out.flush_held();
    let summary = summary?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    ctx.out.stream_item(&summary, human_summary);
    if summary.failed == 0 {
        return Ok(());
    }
    let msg = crate::t!(
        "rec.batch.rows_failed",
        failed = summary.failed,
        rows = summary.rows
    );
    // Only refusals: the rows need correcting. Anything transient: run again later.
    if kinds.iter().all(|k| *k == ErrorKind::Validation) {
        Err(Error::validation("E_BATCH_ROWS_REFUSED", msg)
            .with_help(crate::t!("rec.batch.rows_refused.help")))
    } else {
        Err(Error::network("E_BATCH_ROWS_FAILED", msg)
            .with_help(crate::t!("rec.batch.rows_failed.help")))
    }
}
