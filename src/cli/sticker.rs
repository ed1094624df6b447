//! `evfield sticker`: print the activation sticker (terminal, SVG, PNG, PDF, ZPL).

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;
use serde_json::Value;

use super::Ctx;
use crate::sticker::{self, Ecc, Format, Options, Sticker, Written, write_files};
use crate::{Error, Result, t};

#[derive(Debug, Args)]
pub struct StickerArgs {
    /// The station's MAC, as printed on the sticker (default with --session: read from the station).
    #[arg(long)]
    pub mac: Option<String>,
    /// The activation password from the network's kit (printed on the sticker; not a secret of
    /// the installer).
    #[arg(long)]
    pub password: Option<String>,
    /// The network's pinpointing URL template with {mac} and {password} (its requirements'
    /// `pinpoint_url_template`).
    #[arg(long, env = "EVFIELD_PINPOINT_TEMPLATE", value_name = "URL")]
    pub template: Option<String>,
    /// Take the template, MAC and password from a session's journal (default: the newest
    /// session), e.g. to print a lost sticker again.
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub session: Option<String>,
    /// Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt).
    /// Repeatable.
    #[arg(short, long, value_name = "FILE")]
    pub out: Vec<PathBuf>,
    /// Format printed on stdout when no --out is given (default: terminal; ascii when stdout is
    /// not a terminal).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Label stock (see --list-stock).
    #[arg(long, default_value = sticker::DEFAULT_STOCK)]
    pub stock: String,
    /// Dots per inch of the printer: PNG and ZPL are drawn in its dots, PDF modules are whole dots
    /// of it (Zebra printheads: 203, 300, 600).
    #[arg(long, default_value_t = 203, value_parser = super::bounds::dpi)]
    pub dpi: u32,
    /// QR error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the code may be lost.
    #[arg(long, value_enum, default_value = "q")]
    pub ecc: Ecc,
    /// List the label stocks and exit.
    #[arg(long)]
    pub list_stock: bool,
}

#[derive(Debug, Serialize)]
struct StickerResult {
    url: String,
    mac: String,
    password: String,
    stock: &'static str,
    ecc: Ecc,
    qr_version: i16,
    modules: usize,
    module_mm: f64,
    files: Vec<Written>,
}

/// What a session's journal knows: the template, the MAC and the activation password.
fn from_session(ctx: &Ctx, id: &str) -> Result<(Option<String>, Option<String>, Option<String>)> {
    let data = ctx.data_dir()?;
    let id = if id.is_empty() {
        crate::session::sessions::list(&data)?
            .into_iter()
            .map(|s| s.id)
            .max()
            .ok_or_else(|| {
                Error::usage("E_NO_SESSION", t!("sticker.err.no_session"))
                    .with_help(t!("sticker.err.no_session_help"))
            })?
    } else {
        id.to_string()
    };
    let path = crate::session::sessions_dir(&data)
        .join(&id)
        .join("journal.jsonl");
    if !path.exists() {
        return Err(
            Error::usage("E_NO_SESSION", t!("sticker.err.unknown_session", id = id))
                .with_help(t!("sticker.err.unknown_session_help")),
        );
    }
    let (events, _) = crate::session::journal::read_all(&path)?;
    let (mut tpl, mut mac, mut pw) = (None, None, None);
    for e in events {
        let key = e.data.get("key").and_then(Value::as_str).unwrap_or("");
        match (e.kind.as_str(), key) {
            ("fact", "network.requirements") => {
                tpl = e.data["value"]["pinpoint_url_template"]
                    .as_str()
                    .map(str::to_string)
            }
            ("fact", "station.identity") => {
                mac = e.data["value"]["mac"].as_str().map(str::to_string)
            }
            ("answer" | "correction", "activation.password") => {
                pw = e.data["value"].as_str().map(str::to_string)
            }
            _ => {}
        }
    }
    Ok((tpl, mac, pw))
}

pub fn run(ctx: &mut Ctx, a: StickerArgs) -> Result<()> {
    if a.list_stock {
        // `what` in the installer's language, in the JSON too (it is prose)
        let list: Vec<_> = sticker::STOCKS
            .iter()
            .map(|s| {
                let mut v = serde_json::json!(s);
                v["what"] = s.what_text().into();
                v
            })
            .collect();
        ctx.out.result(&serde_json::json!({ "stocks": list }), |_| {
            sticker::STOCKS
                .iter()
                .map(|s| {
                    t!(
                        "sticker.stock_line",
                        id = format!("{:<8}", s.id),
                        width = format!("{:>6.1}", s.width_mm),
                        height = format!("{:<6.1}", s.height_mm),
                        what = s.what_text()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        return Ok(());
    }
    let (stpl, smac, spw) = match a.session.as_deref() {
        Some(id) => from_session(ctx, id)?,
        None => (None, None, None),
    };
    let template = a.template.clone().or(stpl).ok_or_else(|| {
        Error::usage("E_TEMPLATE", t!("sticker.err.no_template"))
            .with_help(t!("sticker.err.no_template_help"))
    })?;
    let mac = a.mac.clone().or(smac).ok_or_else(|| {
        Error::usage("E_STICKER", t!("sticker.err.no_mac")).with_help(t!("sticker.err.no_mac_help"))
    })?;
    let password = a.password.clone().or(spw).ok_or_else(|| {
        Error::usage("E_STICKER", t!("sticker.err.no_password"))
            .with_help(t!("sticker.err.no_password_help"))
    })?;
    let s = Sticker::new(&template, &mac, &password, a.ecc)?;
    let opt = Options {
        stock: sticker::stock(&a.stock)?,
        dpi: a.dpi,
    };
    let files = write_files(&s, &opt, &a.out)?;
    let layout = s.layout(opt.stock);
    let result = StickerResult {
        url: s.url.clone(),
        mac: s.mac.clone(),
        password: s.password.clone(),
        stock: opt.stock.id,
        ecc: a.ecc,
        qr_version: s.qr.version,
        modules: s.qr.modules,
        module_mm: (layout.module_mm(&s.qr) * 1000.0).round() / 1000.0,
        files,
    };
    if !a.out.is_empty() || ctx.out.json {
        for f in &result.files {
            ctx.out.note(t!(
                "sticker.written",
                format = format!("{:?}", f.format).to_lowercase(),
                stock = opt.stock.id,
                path = f.path.display()
            ));
        }
        ctx.out.result(&result, |r| t!("sticker.url", url = r.url));
        return Ok(());
    }
    let stdout_tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let format = a.format.unwrap_or(if stdout_tty {
        Format::Terminal
    } else {
        Format::Ascii
    });
    if format.binary() && stdout_tty {
        return Err(Error::usage(
            "E_STICKER_FORMAT",
            t!(
                "sticker.err.binary_on_terminal",
                format = format!("{format:?}")
            ),
        )
        .with_help(t!("sticker.err.binary_on_terminal_help")));
    }
    let bytes = sticker::render(&s, format, &opt)?;
    if format.binary() {
        ctx.out.raw_bytes(&bytes);
    } else {
        ctx.out.raw(&bytes);
        ctx.out.note(t!("sticker.url", url = s.url));
        ctx.out.note(t!("sticker.scan_hint"));
    }
    Ok(())
}
