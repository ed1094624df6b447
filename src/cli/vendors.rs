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
            ctx.out
                .result(&json!({ "vendors": rows, "user_dir": dir }), |_| {
                    let mut t = String::new();
                    for p in &reg.profiles {
                        t.push_str(&format!(
                            "{:<16} {:<14} {}\n",
                            p.vendor.id, p.vendor.manufacturer, p.vendor.description
                        ));
                    }
                    if let Some(d) = &dir {
                        t.push_str(&format!(
                            "Your own profiles go in {} (docs/vendor-profiles.md).\n",
                            d.display()
                        ));
                    }
                    t
                });
        }
        VendorsCommand::Show { id } => {
            let p = reg.get(&id)?.clone();
            ctx.out.result(&p, |p| {
                let mut t = format!(
                    "{} ({}), {}\n  from {}\n",
                    p.vendor.manufacturer, p.vendor.id, p.vendor.description, p.source
                );
                t.push_str(&format!("  version rule: {}\n", p.vendor.version_rule));
                for m in &p.models {
                    t.push_str(&format!(
                        "  model {}{}: min firmware {}, screen {}, {}\n",
                        m.name,
                        m.code
                            .as_deref()
                            .map(|c| format!(" ({c})"))
                            .unwrap_or_default(),
                        m.min_firmware.as_deref().unwrap_or("-"),
                        if m.has_screen { "yes" } else { "no" },
                        m.connectivity.join("/")
                    ));
                }
                match &p.service_port {
                    Some(sp) if sp.transport == "serial" => t.push_str(&format!(
                        "  service port: serial {} baud {}{}{}, flow {}; {}\n",
                        sp.baud,
                        sp.data_bits,
                        sp.parity.chars().next().unwrap_or('n').to_ascii_uppercase(),
                        sp.stop_bits,
                        sp.flow_control,
                        sp.instructions
                    )),
                    Some(sp) if sp.transport == "modbus-rtu" || sp.transport == "modbus-tcp" => {
                        let m = p.modbus.clone().unwrap_or_default();
                        t.push_str(&format!(
                            "  service port: {} (RTU {} baud {}{}{} with --port, or TCP port {} with \
                             --address), unit id {}, {} bytes / {} words; {}\n",
                            sp.transport,
                            sp.baud,
                            sp.data_bits,
                            sp.parity.chars().next().unwrap_or('n').to_ascii_uppercase(),
                            sp.stop_bits,
                            m.port,
                            m.unit_id,
                            m.byte_order,
                            m.word_order,
                            sp.instructions
                        ))
                    }
                    Some(sp) if sp.transport == "http" => t.push_str(&format!(
                        "  service port: HTTP on port {} (--address); {}\n",
                        p.http.as_ref().map(|h| h.port).unwrap_or(80),
                        sp.instructions
                    )),
                    Some(sp) if sp.transport == "udp" => t.push_str(&format!(
                        "  service port: UDP port {} (--address){}; {}\n",
                        p.udp.as_ref().map(|u| u.port).unwrap_or(0),
                        match p.udp.as_ref().map(|u| u.local_port) {
                            Some(l) if l > 0 => format!(", answers to the laptop's port {l}"),
                            _ => String::new(),
                        },
                        sp.instructions
                    )),
                    _ => {
                        t.push_str("  service port: none (configured in the manufacturer's app)\n")
                    }
                }
                if let Some(s) = &p.sim {
                    t.push_str(&format!("  SIM: {}\n", s.instructions));
                }
                for (name, st) in &p.steps {
                    if let Some(g) = &st.guided
                        && st.run.is_empty()
                    {
                        t.push_str(&format!("  step {name}: guided: {}\n", g.title));
                        for (i, l) in g.instructions.iter().enumerate() {
                            t.push_str(&format!("      {}. {l}\n", i + 1));
                        }
                    } else {
                        let sends: Vec<String> =
                            st.run.iter().filter_map(|a| a.summary()).collect();
                        t.push_str(&format!(
                            "  step {name}: {}\n",
                            if sends.is_empty() {
                                "(values given or asked)".to_string()
                            } else {
                                sends.join(" | ")
                            }
                        ));
                    }
                }
                if !p.vendor.notes.is_empty() {
                    t.push_str(&format!("  notes: {}\n", p.vendor.notes.trim()));
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
                    crate::Error::usage(
                        article::E_ARTICLE,
                        "no vendor profile decodes article numbers",
                    )
                }));
            };
            ctx.out.result(&d, |d| {
                let mut t = format!("{} {} (article {})\n", d.vendor, d.model, d.article);
                for f in &d.fields {
                    t.push_str(&format!("  {:<10} {:<4} {}\n", f.field, f.code, f.meaning));
                }
                t.push_str(if d.ocpp {
                    "  OCPP: fitted\n"
                } else {
                    "  OCPP: NOT fitted\n"
                });
                t
            });
            if !d.ocpp {
                return Err(article::refusal_error(&d, &ocpp_field));
            }
        }
    }
    Ok(())
}
