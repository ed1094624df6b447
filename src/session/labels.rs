//! The labels phase's activation sticker: made from the network's pinpointing URL template, the
//! MAC read from the station and the activation password, shown at the terminal and stored with
//! the session (`sticker/sticker.{svg,png,pdf,zpl}`) for printing.

use serde_json::{Value, json};

use super::Session;
use crate::Result;
use crate::sticker::{self, Ecc, Options, Sticker};

/// The label stock the session prints on; `evfield sticker --session --stock ...` prints others.
pub const SESSION_STOCK: &str = sticker::DEFAULT_STOCK;

impl Session<'_> {
    /// Make the sticker, store its files in the session folder and show it.
    pub(super) fn make_sticker(
        &mut self,
        template: &str,
        mac: &str,
        password: &str,
    ) -> Result<Value> {
        let s = Sticker::new(template, mac, password, Ecc::Q)?;
        let stock = sticker::stock(SESSION_STOCK)?;
        let dir = self.dir.join("sticker");
        crate::paths::ensure_private_dir(&dir)?;
        // PNG at 300 dpi for screens and office printers; ZPL at the common 203 dpi printhead
        let mut files = sticker::write_files(
            &s,
            &Options { stock, dpi: 300 },
            &[
                dir.join("sticker.svg"),
                dir.join("sticker.png"),
                dir.join("sticker.pdf"),
            ],
        )?;
        files.extend(sticker::write_files(
            &s,
            &Options { stock, dpi: 203 },
            &[dir.join("sticker.zpl")],
        )?);
        let files: Vec<Value> = files
            .iter()
            .map(|f| {
                json!({
                    "file": f.path.strip_prefix(&self.dir).unwrap_or(&f.path),
                    "format": f.format,
                    "bytes": f.bytes,
                    "sha256": f.sha256,
                })
            })
            .collect();
        let info = json!({
            "url": s.url,
            "stock": stock.id,
            "ecc": s.qr.ecc,
            "qr_version": s.qr.version,
            "files": files,
        });
        self.fact("labels.sticker", info.clone())?;
        self.prompter.show_sticker(&s, &dir);
        Ok(info)
    }
}
