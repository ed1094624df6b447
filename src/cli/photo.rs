//! `evfield photo check FILE`: is this photo fit for pinpointing (docs/photos.md)?
//! `evfield photo codes FILE`: the codes it holds (activation sticker, SIM carrier, type plate).
//! `evfield photo receive --bind ADDR --out FILE`: one photo from the phone, through a one-time
//! upload page (docs/photos.md "The phone as the camera").

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Ctx;
use crate::Result;
use crate::pinpoint::photo::{self, Rules};

#[derive(Debug, Args)]
pub struct PhotoArgs {
    #[command(subcommand)]
    pub command: PhotoCommand,
}

#[derive(Debug, Subcommand)]
pub enum PhotoCommand {
    /// Check a photo: decodes completely, landscape after the EXIF orientation, minimum
    /// resolution, upload size; shows its EXIF time and GPS position.
    Check(CheckArgs),
    /// List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each
    /// is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text.
    Codes(CodesArgs),
    /// Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code
    /// are shown), wait for the first upload that passes the photo checks, and write it to FILE
    /// unchanged (EXIF kept).
    Receive(ReceiveArgs),
}

#[derive(Debug, Args)]
pub struct ReceiveArgs {
    /// The laptop's address on the phone's network: IP (any free port) or IP:PORT.
    #[arg(long, value_name = "ADDR", env = "EVFIELD_PHONE_CAMERA")]
    pub bind: String,
    /// Where to write the photo (atomically; its folder must exist).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Check it as the photo before work (any orientation) instead of the pinpoint photo.
    #[arg(long)]
    pub before: bool,
    /// Give up after this many seconds without an accepted photo.
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = super::bounds::secs)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct CodesArgs {
    /// The photo (JPEG or PNG).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The photo (JPEG or PNG).
    pub file: PathBuf,
    /// Check it as the photo before work (any orientation) instead of the pinpoint photo.
    #[arg(long)]
    pub before: bool,
}

pub fn run(ctx: &mut Ctx, args: PhotoArgs) -> Result<()> {
    let a = match args.command {
        PhotoCommand::Check(a) => a,
        PhotoCommand::Codes(a) => return codes(ctx, a),
        PhotoCommand::Receive(a) => return receive(ctx, a),
    };
    let rules = if a.before {
        Rules::BEFORE
    } else {
        Rules::PINPOINT
    };
    let up = photo::prepare_upload_with(&a.file, rules, photo::MAX_UPLOAD_BYTES)?;
    let v = serde_json::json!({
        "schema": 1,
        "ok": true,
        "photo": up.info,
        "upload_bytes": up.bytes.len(),
        "reencoded_for_upload": up.reencoded,
    });
    let i = &up.info;
    ctx.out.result(&v, |_| {
        let (file, format) = (&i.file, i.format.to_uppercase());
        let (width, height, bytes) = (i.shown_width, i.shown_height, i.bytes);
        let mut t = if i.landscape {
            crate::t!(
                "pin.photo.ok_landscape",
                file = file,
                format = format,
                width = width,
                height = height,
                bytes = bytes
            )
        } else {
            crate::t!(
                "pin.photo.ok_portrait",
                file = file,
                format = format,
                width = width,
                height = height,
                bytes = bytes
            )
        };
        if i.orientation != 1 {
            let stored = crate::t!(
                "pin.photo.stored",
                width = i.width,
                height = i.height,
                orientation = i.orientation
            );
            t.push_str(&format!("\n  {stored}"));
        }
        if !i.exif {
            t.push_str(&format!("\n  {}", crate::t!("pin.photo.no_exif")));
        }
        let time = i
            .exif_time
            .clone()
            .unwrap_or_else(|| crate::t!("pin.photo.no_exif_time"));
        t.push_str(&format!(
            "\n  {}",
            crate::t!("pin.photo.taken", time = time)
        ));
        t.push_str(&match i.exif_gps {
            Some((la, lo)) => format!("\n  GPS {la:.6},{lo:.6}"),
            None => format!("\n  {}", crate::t!("pin.photo.no_gps")),
        });
        if up.reencoded {
            let line = crate::t!("pin.photo.reencoded", bytes = up.bytes.len());
            t.push_str(&format!("\n  {line}"));
        }
        t
    });
    Ok(())
}

fn codes(ctx: &mut Ctx, a: CodesArgs) -> Result<()> {
    use crate::pinpoint::codes::{self, Meaning};
    let found = codes::read_file(&a.file)?;
    let file = a.file.display().to_string();
    if found.is_empty() {
        return Err(crate::Error::validation(
            "E_NO_CODE",
            crate::t!("codes.none_in_photo", file = file),
        )
        .with_help(crate::t!("codes.none_help")));
    }
    let v = serde_json::json!({ "schema": 1, "file": file, "codes": found });
    ctx.out.result(&v, |_| {
        found
            .iter()
            .map(|f| match &f.meaning {
                Meaning::Activation {
                    mac,
                    password_length,
                    ..
                } => crate::t!(
                    "codes.line_activation",
                    format = f.format,
                    mac = mac,
                    length = password_length
                ),
                Meaning::Iccid { iccid } => format!("{}: ICCID {iccid}", f.format),
                Meaning::Mac { mac } => format!("{}: MAC {mac}", f.format),
                Meaning::Text { text } => format!("{}: \"{text}\"", f.format),
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

fn receive(ctx: &mut Ctx, a: ReceiveArgs) -> Result<()> {
    use crate::pinpoint::phone::{self, Outcome, Page};
    use std::time::{Duration, Instant};
    let addr = phone::parse_bind("--bind", &a.bind)?;
    let rules = if a.before {
        Rules::BEFORE
    } else {
        Rules::PINPOINT
    };
    let page = Page::open(addr, rules)?;
    let url = page.url().to_string();
    if !ctx.out.json && !ctx.out.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        if let Ok(code) = crate::sticker::terminal::code_of(&url, dumb) {
            eprint!("{code}");
        }
    }
    ctx.out.progress(
        crate::t!("phone.receive.open", url = url),
        &serde_json::json!({ "event": "listening", "url": url }),
    );
    let deadline = Instant::now() + Duration::from_secs(a.timeout);
    let received = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(crate::Error::new(
                crate::ErrorKind::Blocked,
                "E_PHONE_TIMEOUT",
                crate::t!("phone.receive.timeout", secs = a.timeout),
            )
            .with_help(crate::t!("phone.receive.timeout_help")));
        }
        match page.next_within(left) {
            Some(Outcome::Accepted(r)) => break r,
            Some(Outcome::Refused(why)) => ctx.out.progress(
                crate::t!("phone.refused_here", why = why),
                &serde_json::json!({ "event": "refused", "why": why }),
            ),
            Some(Outcome::Ended(e)) => return Err(e),
            None => {}
        }
    };
    drop(page);
    received.save(&a.out)?;
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&received.bytes));
    let file = a.out.display().to_string();
    let v = serde_json::json!({
        "schema": 1,
        "ok": true,
        "file": file,
        "bytes": received.bytes.len(),
        "sha256": sha,
        "photo": received.info,
    });
    let i = &received.info;
    ctx.out.result(&v, |_| {
        crate::t!(
            "phone.receive.saved",
            file = file,
            format = i.format.to_uppercase(),
            width = i.shown_width,
            height = i.shown_height,
            bytes = i.bytes
        )
    });
    Ok(())
}
