//! What the network commands share: which network and account, and the logged-in client.

use std::path::PathBuf;

use clap::Args;

use super::Ctx;
use crate::network::account::{self, AccountFile, TokenOptions, TokenSource, same_network};
use crate::network::client::Client;
use crate::{Error, Result, t};

/// Which network and installer, and where the token is when the OS keyring has none.
#[derive(Debug, Clone, Args)]
pub struct NetArgs {
    /// Installer API address of the network (default: the configuration file's `network`, else
    /// the network of the last `evfield login`).
    #[arg(
        long,
        env = "EVFIELD_NETWORK",
        value_name = "URL",
        help_heading = "Network"
    )]
    pub network: Option<String>,
    /// Installer account (default: the configuration file's `user`, else the last login's).
    #[arg(long, env = "EVFIELD_USER", help_heading = "Network")]
    pub user: Option<String>,
    /// Use the token in this file (readable by its owner only) instead of the one `evfield login`
    /// kept; an error when it cannot be read.
    #[arg(
        long,
        env = "EVFIELD_TOKEN_FILE",
        value_name = "FILE",
        help_heading = "Network"
    )]
    pub token_file: Option<PathBuf>,
    /// Read the token from standard input instead of the one `evfield login` kept.
    #[arg(long, help_heading = "Network")]
    pub token_stdin: bool,
}

/// A client logged in with a found token.
pub struct Login {
    pub client: Client,
    pub network: String,
    pub source: TokenSource,
}

/// The network and username to use: flag or env, then the configuration file, then the account
/// file of the last login.
pub fn who(
    ctx: &Ctx,
    network: Option<&String>,
    user: Option<&String>,
) -> Result<(String, String, Option<AccountFile>)> {
    let acct = AccountFile::load(&ctx.data_dir()?)?;
    let network = network
        .or(ctx.config.network.as_ref())
        .cloned()
        .or_else(|| acct.as_ref().map(|a| a.network.clone()))
        .ok_or_else(|| {
            Error::usage("E_NO_NETWORK", t!("tool.net.no_network"))
                .with_help(t!("tool.net.no_network_help"))
        })?;
    let same_net = |a: &&AccountFile| same_network(&a.network, &network);
    let username = user
        .or(ctx.config.user.as_ref())
        .cloned()
        .or_else(|| acct.as_ref().filter(same_net).map(|a| a.username.clone()))
        .ok_or_else(|| {
            Error::usage("E_NO_USER", t!("tool.net.no_user", network = network))
                .with_help(t!("tool.net.no_user_help"))
        })?;
    Ok((network, username, acct))
}

/// The token options, with the token file of the last login when none is given.
pub fn token_options(
    args: &NetArgs,
    acct: Option<&AccountFile>,
    network: &str,
    username: &str,
) -> TokenOptions {
    let remembered = acct
        .filter(|a| same_network(&a.network, network) && a.username == username)
        .and_then(|a| a.token_file.clone());
    TokenOptions {
        token_file: args.token_file.clone().or(remembered),
        token_stdin: args.token_stdin,
    }
}

/// A client of the network, logged in with the first token found (docs/account.md).
pub fn connect(ctx: &mut Ctx, args: &NetArgs) -> Result<Login> {
    let (network, username, acct) = who(ctx, args.network.as_ref(), args.user.as_ref())?;
    connect_as(ctx, args, &network, &username, acct.as_ref())
}

/// The first token found for `username` at `network` (`account::find_for`); `-v` says which
/// sources were passed over and which one was used (never the token).
pub fn find_token(
    ctx: &mut Ctx,
    network: &str,
    username: &str,
    acct: Option<&AccountFile>,
    opts: &TokenOptions,
) -> Result<Option<account::Found>> {
    let mut notes = Vec::new();
    let found = account::find_for(
        network,
        username,
        acct,
        opts,
        &mut std::io::stdin(),
        &mut notes,
    )?;
    for n in &notes {
        ctx.out.debug(format!("token: {n}"));
    }
    if let Some(f) = &found {
        ctx.out
            .debug(format!("token: using the one from {}", f.source));
    }
    Ok(found)
}

/// A client of a given network for a given installer, with the first token found.
pub fn connect_as(
    ctx: &mut Ctx,
    args: &NetArgs,
    network: &str,
    username: &str,
    acct: Option<&AccountFile>,
) -> Result<Login> {
    let client = Client::new(network)?;
    let opts = TokenOptions {
        token_file: args.token_file.clone(),
        token_stdin: args.token_stdin,
    };
    let found = find_token(ctx, network, username, acct, &opts)?
        .ok_or_else(|| account::not_logged_in(network, username))?;
    Ok(Login {
        client: client.with_token(found.token),
        network: network.to_string(),
        source: found.source,
    })
}
