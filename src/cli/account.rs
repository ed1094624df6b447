//! `evfield login`, `evfield logout`, `evfield whoami`: the installer's account (docs/account.md).

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Ctx;
use super::net::{self, NetArgs};
use crate::network::account::{self, AccountFile};
use crate::network::client::Client;
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Installer API address of the network (default: the configuration file's `network`).
    #[arg(long, env = "EVFIELD_NETWORK", value_name = "URL")]
    pub network: Option<String>,
    /// Installer account (default: the configuration file's `user`, else asked).
    #[arg(long, env = "EVFIELD_USER")]
    pub user: Option<String>,
    /// Read the password from standard input (never from the command line). Without it the
    /// password is asked without echo, or taken from EVFIELD_PASSWORD.
    #[arg(long)]
    pub password_stdin: bool,
    /// Keep the token in this file (created readable by you only) instead of the OS keyring.
    /// Without it and without a usable keyring, the token goes to <data dir>/installer-token.
    #[arg(long, env = "EVFIELD_TOKEN_FILE", value_name = "FILE")]
    pub token_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct WhoamiArgs {
    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Serialize)]
struct LoginResult {
    schema: u32,
    network: String,
    username: String,
    name: String,
    certified: bool,
    certification_expires: Option<String>,
    token_expires_at: String,
    token_stored_in: String,
    token_file: Option<PathBuf>,
}

pub fn login(ctx: &mut Ctx, args: LoginArgs) -> Result<()> {
    let network = args
        .network
        .clone()
        .or(ctx.config.network.clone())
        .ok_or_else(|| {
            Error::usage("E_NO_NETWORK", crate::t!("net.login.no_network"))
                .with_help(crate::t!("net.login.no_network_help"))
        })?;
    let client = Client::new(&network)?;
    let interactive = ctx.interactive() && !args.password_stdin;
    let username = match args.user.clone().or(ctx.config.user.clone()) {
        Some(u) => u,
        None if interactive => dialoguer::Input::<String>::new()
            .with_prompt(crate::t!("net.login.user_prompt"))
            .interact_text()
            .map_err(|e| {
                Error::internal("E_TERMINAL", crate::t!("net.terminal_failed", why = e))
            })?,
        None => {
            return Err(Error::usage("E_NO_USER", crate::t!("net.login.no_user"))
                .with_help(crate::t!("net.login.no_user_help")));
        }
    };
    // Where the token will go, settled before the password is asked: the file given, else the
    // OS keyring when it keeps a probe, else a private file in the data dir (docs/account.md).
    let data_dir = ctx.data_dir()?;
    let token_file = match &args.token_file {
        Some(p) => Some(p.clone()),
        None => match account::keyring_usable() {
            Ok(()) => None,
            Err(why) => {
                crate::paths::ensure_private_dir(&data_dir)?;
                let p = account::fallback_token_file(&data_dir);
                ctx.out.note(crate::t!(
                    "waits.login.fallback_file",
                    why = why,
                    path = p.display()
                ));
                Some(p)
            }
        },
    };
    let password = if args.password_stdin {
        super::renetwork::read_password_stdin()?
    } else if let Some(p) = std::env::var("EVFIELD_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
    {
        p
    } else if interactive {
        crate::session::prompt::ask_password(&crate::t!("steps.password_for", user = username))?
    } else {
        return Err(Error::usage(
            "E_NO_PASSWORD",
            crate::t!("steps.no_password", user = username),
        )
        .with_help(crate::t!("steps.no_password_help")));
    };
    let session = client.login(&username, &password)?;
    drop(password);
    let client = client.with_token(session.token.clone());
    let inst = client.installer()?;
    let stored_in = match &token_file {
        Some(p) => {
            account::write_token_file(p, &session.token)?;
            "file"
        }
        None => {
            let entry = account::keyring_entry(&network, &username).map_err(|why| {
                Error::internal("E_KEYRING", why).with_help(crate::t!("net.login.keyring_help"))
            })?;
            account::keyring_store(&entry, &session.token)?;
            "keyring"
        }
    };
    AccountFile {
        network: client.base_url().to_string(),
        username: username.clone(),
        name: Some(inst.name.clone()),
        expires_at: Some(session.expires_at.clone()),
        stored_in: stored_in.to_string(),
        token_file: token_file
            .as_ref()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
    }
    .save(&data_dir)?;
    let cert = account::require_certified(&inst, chrono::Utc::now().date_naive());
    if let Err(e) = &cert {
        ctx.out
            .note(crate::t!("net.login.warning", message = e.message));
        if let Some(h) = &e.help {
            ctx.out.note(format!("  {h}"));
        }
    }
    let r = LoginResult {
        schema: 1,
        network: client.base_url().to_string(),
        username,
        name: inst.name,
        certified: cert.is_ok(),
        certification_expires: inst.certification_expires,
        token_expires_at: session.expires_at,
        token_stored_in: stored_in.to_string(),
        token_file,
    };
    ctx.out.result(&r, |r| {
        crate::t!(
            "net.login.done",
            network = r.network,
            name = r.name,
            certification = certification_text(r.certified, r.certification_expires.as_deref()),
            place = match &r.token_file {
                Some(p) => format!("{}", p.display()),
                None => crate::t!("net.token_source.keyring"),
            },
            expires = r.token_expires_at
        )
    });
    Ok(())
}

fn certification_text(certified: bool, expires: Option<&str>) -> String {
    match (certified, expires) {
        (true, Some(d)) => crate::t!("net.cert.until", date = d),
        (true, None) => crate::t!("net.cert.yes"),
        (false, Some(d)) => crate::t!("net.cert.ended_on", date = d),
        (false, None) => crate::t!("net.cert.no"),
    }
}

#[derive(Debug, Serialize)]
struct WhoamiResult {
    schema: u32,
    network: String,
    username: String,
    name: String,
    certified: bool,
    certification_expires: Option<String>,
    token_source: account::TokenSource,
    /// Why the installer cannot pinpoint, when they cannot.
    not_certified: Option<String>,
}

pub fn whoami(ctx: &mut Ctx, args: WhoamiArgs) -> Result<()> {
    let login = net::connect(ctx, &args.net)?;
    let inst = login.client.installer()?;
    let cert = account::require_certified(&inst, chrono::Utc::now().date_naive());
    let r = WhoamiResult {
        schema: 1,
        network: login.network,
        username: inst.username.clone(),
        name: inst.name.clone(),
        certified: cert.is_ok(),
        certification_expires: inst.certification_expires.clone(),
        token_source: login.source,
        not_certified: cert
            .as_ref()
            .err()
            .map(|e| format!("{} {}", e.message, e.help.clone().unwrap_or_default())),
    };
    ctx.out.result(&r, |r| {
        let line = crate::t!(
            "net.whoami.line",
            name = r.name,
            user = r.username,
            network = r.network
        );
        let cert = certification_text(r.certified, r.certification_expires.as_deref());
        let mut t = format!("{line}\n  {cert}");
        if let Some(why) = &r.not_certified {
            let line = crate::t!("net.whoami.cannot_pinpoint", why = why);
            t.push_str(&format!("\n  {line}"));
        }
        t
    });
    Ok(())
}

#[derive(Debug, Serialize)]
struct LogoutResult {
    schema: u32,
    network: String,
    username: String,
    removed: Vec<String>,
}

pub fn logout(ctx: &mut Ctx, args: LogoutArgs) -> Result<()> {
    let (network, username, acct) =
        net::who(ctx, args.net.network.as_ref(), args.net.user.as_ref())?;
    let mut removed = Vec::new();
    match account::keyring_entry(&network, &username) {
        Ok(entry) => match account::keyring_delete(&entry) {
            Ok(true) => removed.push(crate::t!("net.logout.removed_keyring")),
            Ok(false) => {}
            Err(why) => ctx.out.debug(format!("keyring: {why}")),
        },
        Err(why) => ctx.out.debug(format!("keyring: {why}")),
    }
    let opts = net::token_options(&args.net, acct.as_ref(), &network, &username);
    if let Some(p) = &opts.token_file {
        match std::fs::remove_file(p) {
            Ok(()) => removed.push(crate::t!("net.logout.removed_file", path = p.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&crate::t!("net.doing.remove_token_file"), p, e)),
        }
    }
    if acct.is_some() && AccountFile::remove(&ctx.data_dir()?)? {
        removed.push(crate::t!("net.logout.removed_account"));
    }
    if std::env::var_os(account::TOKEN_ENV).is_some() {
        ctx.out.note(crate::t!(
            "net.logout.env_still_set",
            var = account::TOKEN_ENV
        ));
    }
    let r = LogoutResult {
        schema: 1,
        network,
        username,
        removed,
    };
    ctx.out.result(&r, |r| {
        if r.removed.is_empty() {
            crate::t!(
                "net.logout.not_logged_in",
                user = r.username,
                network = r.network
            )
        } else {
            crate::t!(
                "net.logout.done",
                user = r.username,
                network = r.network,
                removed = r.removed.join(", ")
            )
        }
    });
    Ok(())
}
