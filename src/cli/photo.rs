//! `evfield photo check FILE`: is this photo fit for pinpointing (docs/photos.md)?

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
    let PhotoCommand::Check(a) = args.command;
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
        let mut t = format!(
            "OK: {} {}, shown {}×{} ({}), {} bytes",
            i.file,
            i.format.to_uppercase(),
            i.shown_width,
            i.shown_height,
            if i.landscape { "landscape" } else { "portrait" },
            i.bytes
        );
        if i.orientation != 1 {
            t.push_str(&format!(
                "\n  stored {}×{}, EXIF orientation {}",
                i.width, i.height, i.orientation
            ));
        }
        t.push_str(&format!(
            "\n  taken {}",
            i.exif_time.as_deref().unwrap_or("(no EXIF time)")
        ));
        t.push_str(&match i.exif_gps {
            Some((la, lo)) => format!("\n  GPS {la:.6},{lo:.6}"),
            None => "\n  GPS (none in the photo)".to_string(),
        });
        if up.reencoded {
            t.push_str(&format!(
                "\n  over the upload limit: re-encoded to {} bytes (whole picture, not cropped)",
                up.bytes.len()
            ));
        }
        t
    });
    Ok(())
}
