//! `evfield vendors list|show|decode`: the vendor profiles.

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::Result;
use crate::station::profile::{Registry, article};

#[derive(Debug, Args)]
pub struct VendorsArgs {
    #[command(subcommand)]
    pub command: VendorsCommand,
}

#[derive(Debug, Subcommand)]
pub enum VendorsCommand {
    /// The vendor profiles: built in and from the user's folder.
    List,
    /// One profile in full: models, minimum firmware, service port, steps.
    Show {
        /// Vendor profile id.
        id: String,
    },
    /// Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted.
    Decode {
        /// The article number from the type plate.
        article: String,
        /// Vendor profile id (default: every profile with article numbers is tried).
        #[arg(long)]
        vendor: Option<String>,
    },
}

pub fn run(ctx: &mut Ctx, args: VendorsArgs) -> Result<()> {
    let reg = Registry::load()?;
    match args.command {
        VendorsCommand::List => {
            let rows: Vec<_> = reg
                .profiles
                .iter()
                .map(|p| {
                    json!({
                        "id": p.vendor.id, "manufacturer": p.vendor.manufacturer, "kind": p.vendor.kind,
                        "description": p.vendor.description, "source": p.source,
                        "models": p.models.iter().map(|m| &m.name).collect::<Vec<_>>(),
                        "service_port": p.service_port.as_ref().map(|s| &s.transport),
                        "article_numbers": p.article.is_some(),
                    })
                })
                .collect();
            let dir = reg
                .user_dir
                .clone()
                .or_else(crate::station::profile::user_dir);
            // a user's profile with the id of a shipped one replaces it: said under its line
            let shipped = Registry::shipped()?;
            let replaces = |p: &crate::station::profile::Profile| {
                shipped
                    .profiles
                    .iter()
                    .any(|s| s.vendor.id == p.vendor.id && s.source != p.source)
            };
            ctx.out
                .result(&json!({ "vendors": rows, "user_dir": dir }), |_| {
                    let mut t = String::new();
                    for p in &reg.profiles {
                        t.push_str(&format!(
                            "{:<16} {:<14} {}\n",
                            p.vendor.id, p.vendor.manufacturer, p.vendor.description
                        ));
                        if replaces(p) {
                            t.push_str(&format!(
                                "{:<16} {}\n",
                                "",
                                crate::t!("panics.vendors.replaces", source = p.source)
                            ));
                        }
                    }
                    if let Some(d) = &dir {
                        t.push_str(&crate::t!("prof.vendors.user_dir", dir = d.display()));
                        t.push('\n');
                    }
                    t
                });
        }
        VendorsCommand::Show { id } => {
            let p = reg.get(&id)?.clone();
            ctx.out.result(&p, |p| {
                let mut t = format!(
                    "{} ({}), {}\n{}\n",
                    p.vendor.manufacturer,
                    p.vendor.id,
                    p.vendor.description,
                    crate::t!("prof.vendors.from", source = p.source)
                );
                t.push_str(&crate::t!(
                    "prof.vendors.version_rule",
                    rule = p.vendor.version_rule
                ));
                t.push('\n');
                for m in &p.models {
                    t.push_str(&crate::t!(
                        "prof.vendors.model",
                        name = m.name,
                        code = m
                            .code
                            .as_deref()
                            .map(|c| format!(" ({c})"))
                            .unwrap_or_default(),
                        min = m.min_firmware.as_deref().unwrap_or("-"),
                        screen = if m.has_screen {
                            crate::t!("prof.yes")
                        } else {
                            crate::t!("prof.no")
                        },
                        connectivity = m.connectivity.join("/")
                    ));
                    t.push('\n');
                }
                let frame = |sp: &crate::station::profile::ServicePort| {
                    format!(
                        "{}{}{}",
                        sp.data_bits,
                        sp.parity.chars().next().unwrap_or('n').to_ascii_uppercase(),
                        sp.stop_bits
                    )
                };
                match &p.service_port {
                    Some(sp) if sp.transport == "serial" => t.push_str(&crate::t!(
                        "prof.vendors.port_serial",
                        baud = sp.baud,
                        frame = frame(sp),
                        flow = sp.flow_control,
                        instructions = sp.instructions
                    )),
                    Some(sp) if sp.transport == "modbus-rtu" || sp.transport == "modbus-tcp" => {
                        let m = p.modbus.clone().unwrap_or_default();
                        t.push_str(&crate::t!(
                            "prof.vendors.port_modbus",
                            transport = sp.transport,
                            baud = sp.baud,
                            frame = frame(sp),
                            port = m.port,
                            unit = m.unit_id,
                            bytes = m.byte_order,
                            words = m.word_order,
                            instructions = sp.instructions
                        ))
                    }
                    Some(sp) if sp.transport == "http" => t.push_str(&crate::t!(
                        "prof.vendors.port_http",
                        port = p.http.as_ref().map(|h| h.port).unwrap_or(80),
                        instructions = sp.instructions
                    )),
                    Some(sp) if sp.transport == "udp" => {
                        let port = p.udp.as_ref().map(|u| u.port).unwrap_or(0);
                        t.push_str(&match p.udp.as_ref().map(|u| u.local_port) {
                            Some(l) if l > 0 => crate::t!(
                                "prof.vendors.port_udp_local",
                                port = port,
                                local = l,
                                instructions = sp.instructions
                            ),
                            _ => crate::t!(
                                "prof.vendors.port_udp",
                                port = port,
                                instructions = sp.instructions
                            ),
                        })
                    }
                    _ => t.push_str(&crate::t!("prof.vendors.port_none")),
                }
                t.push('\n');
                if let Some(s) = &p.sim {
                    t.push_str(&crate::t!(
                        "prof.vendors.sim",
                        instructions = s.instructions
                    ));
                    t.push('\n');
                }
                for (name, st) in &p.steps {
                    if let Some(g) = &st.guided
                        && st.run.is_empty()
                    {
                        t.push_str(&crate::t!(
                            "prof.vendors.step_guided",
                            name = name,
                            title = g.title
                        ));
                        t.push('\n');
                        for (i, l) in g.instructions.iter().enumerate() {
                            t.push_str(&format!("      {}. {l}\n", i + 1));
                        }
                    } else {
                        let sends: Vec<String> =
                            st.run.iter().filter_map(|a| a.summary()).collect();
                        t.push_str(&crate::t!(
                            "prof.vendors.step",
                            name = name,
                            sends = if sends.is_empty() {
                                crate::t!("prof.vendors.step_values")
                            } else {
                                sends.join(" | ")
                            }
                        ));
                        t.push('\n');
                    }
                }
                if !p.vendor.notes.is_empty() {
                    t.push_str(&crate::t!(
                        "prof.vendors.notes",
                        notes = p.vendor.notes.trim()
                    ));
                    t.push('\n');
                }
                t
            });
        }
        VendorsCommand::Decode {
            article: art,
            vendor,
        } => {
            let candidates: Vec<_> = match &vendor {
                Some(v) => vec![reg.get(v)?],
                None => reg
                    .profiles
                    .iter()
                    .filter(|p| p.article.is_some())
                    .collect(),
            };
            let mut last_err = None;
            let mut decoded = None;
            for p in candidates {
                match article::decode(p, &art) {
                    Ok(d) => {
                        decoded = Some((
                            d,
                            p.article
                                .as_ref()
                                .map(|a| a.ocpp_field.clone())
                                .unwrap_or_default(),
                        ));
                        break;
                    }
                    Err(e) => last_err = Some(e),
                }
            }
            let Some((d, ocpp_field)) = decoded else {
                return Err(last_err.unwrap_or_else(|| {
                    crate::Error::usage(article::E_ARTICLE, crate::t!("prof.vendors.no_decoder"))
                }));
            };
            ctx.out.result(&d, |d| {
                let mut t = crate::t!(
                    "prof.vendors.decoded",
                    vendor = d.vendor,
                    model = d.model,
                    article = d.article
                );
                t.push('\n');
                for f in &d.fields {
                    t.push_str(&format!("  {:<10} {:<4} {}\n", f.field, f.code, f.meaning));
                }
                t.push_str(&if d.ocpp {
                    crate::t!("prof.vendors.ocpp_fitted")
                } else {
                    crate::t!("prof.vendors.ocpp_not_fitted")
                });
                t.push('\n');
                t
            });
            if !d.ocpp {
                return Err(article::refusal_error(&d, &ocpp_field));
            }
        }
    }
    Ok(())
}
