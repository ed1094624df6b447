//! `evfield requirements`: what the network needs of a station model, fetched while online and
//! cached with its fetch time for sites without coverage.

use clap::Args;
use serde::Serialize;

use super::Ctx;
use super::net::{self, NetArgs};
use crate::network::api::Requirements;
use crate::network::cache::{self, RequirementsCache};
use crate::{Error, Result};

#[derive(Debug, Args)]
pub struct RequirementsArgs {
    /// Manufacturer as on the type plate (without it, the cached requirements are listed).
    #[arg(long, requires = "model")]
    pub manufacturer: Option<String>,
    /// Model as on the type plate.
    #[arg(long, requires = "manufacturer")]
    pub model: Option<String>,
    /// Do not ask the network; show what the cache holds.
    #[arg(long)]
    pub offline: bool,
    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Serialize)]
struct Shown {
    network: String,
    /// `network` (fresh) or `cache`.
    source: &'static str,
    fetched_at: Option<String>,
    age_s: Option<i64>,
    requirements: Requirements,
}

fn human(list: &[Shown]) -> String {
    let mut t = String::new();
    for s in list {
        let r = &s.requirements;
        let line = crate::t!(
            "net.req.line",
            manufacturer = r.manufacturer,
            model = r.model,
            network = s.network
        );
        let values = crate::t!(
            "net.req.values",
            firmware = r.min_firmware,
            checklist = r.checklist_version,
            ocpp = r.ocpp_url,
            identity = r.identity_rule
        );
        let source = match (s.source, s.age_s) {
            ("network", _) => crate::t!("net.req.fresh"),
            (_, Some(a)) => crate::t!(
                "net.req.from_cache_age",
                fetched = s
                    .fetched_at
                    .clone()
                    .unwrap_or_else(|| crate::t!("text.unknown")),
                age = cache::age_text(a)
            ),
            _ => crate::t!("net.req.from_cache"),
        };
        t.push_str(&format!("{line}\n  {values}\n  {source}\n"));
    }
    t
}

pub fn run(ctx: &mut Ctx, args: RequirementsArgs) -> Result<()> {
    let cache = RequirementsCache::in_data_dir(&ctx.data_dir()?);
    let now = chrono::Utc::now();
    let shown = |c: cache::Cached| Shown {
        age_s: Some(c.age_s(now)),
        network: c.network,
        source: "cache",
        fetched_at: Some(c.fetched_at),
        requirements: c.requirements,
    };
    let list: Vec<Shown> = match (&args.manufacturer, &args.model) {
        (Some(m), Some(model)) if !args.offline => {
            let login = net::connect(ctx, &args.net)?;
            let client = login.client.with_requirements_cache(cache.clone());
            let (req, cached) = client.requirements_cached(m, model)?;
            vec![match cached {
                Some(c) => shown(c),
                None => Shown {
                    network: client.base_url().to_string(),
                    source: "network",
                    fetched_at: Some(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                    age_s: Some(0),
                    requirements: req,
                },
            }]
        }
        (Some(m), Some(model)) => {
            let (network, _, _) = net::who(ctx, args.net.network.as_ref(), args.net.user.as_ref())?;
            let c = cache.get(&network, m, model)?.ok_or_else(|| {
                Error::usage(
                    "E_CACHE_MISS",
                    crate::t!(
                        "net.req.cache_miss",
                        manufacturer = m,
                        model = model,
                        network = network
                    ),
                )
                .with_help(crate::t!("net.req.cache_miss_help"))
            })?;
            vec![shown(c)]
        }
        _ => cache.all()?.into_iter().map(shown).collect(),
    };
    ctx.out.result(
        &serde_json::json!({ "schema": 1, "cache": cache.path(), "requirements": list }),
        |_| {
            if list.is_empty() {
                crate::t!("net.req.none_cached", path = cache.path().display())
            } else {
                human(&list)
            }
        },
    );
    Ok(())
}
