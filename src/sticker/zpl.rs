//! The sticker in ZPL II for Zebra label printers: the code as a `^GF` graphic field (ASCII hex,
//! exact dots, so it decodes back into the same picture), the text in the printer's scalable
//! font 0 with UTF-8 (`^CI28`) and hex escapes (`^FH`) for `^`, `~`, `_` and non-ASCII bytes.

use std::fmt::Write;

use super::png::{Bitmap, module_px, per_mm, qr_bitmap};
use super::{Layout, Sticker};
use crate::{Error, Result};

/// Printhead resolutions of Zebra printers (8, 12 and 24 dots per mm).
pub const DPIS: [u32; 3] = [203, 300, 600];

/// A field's text, safe inside `^FH^FD ... ^FS`.
pub fn escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if (0x20..0x7F).contains(&b) && !b"^~_".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "_{b:02X}");
        }
    }
    out
}

/// `^GFA` of a picture: total bytes, bytes a row, rows of hex (most significant bit left).
pub fn graphic_field(bm: &Bitmap) -> String {
    let row = bm.width.div_ceil(8);
    let total = row * bm.height;
    let mut hex = String::with_capacity(total * 2);
    for y in 0..bm.height {
        for bx in 0..row {
            let mut byte = 0u8;
            for bit in 0..8 {
                if bm.get(bx * 8 + bit, y) {
                    byte |= 0x80 >> bit;
                }
            }
            let _ = write!(hex, "{byte:02X}");
        }
    }
    format!("^GFA,{total},{total},{row},{hex}")
}

/// Read the first `^GFA` field of a label back into a picture (tests, support).
pub fn parse_graphic_field(zpl: &str) -> Result<Bitmap> {
    let bad = |why: &str| Error::validation("E_ZPL", format!("no readable ^GFA field: {why}"));
    let start = zpl.find("^GFA,").ok_or_else(|| bad("missing"))?;
    let rest = &zpl[start + 5..];
    let end = rest.find('^').unwrap_or(rest.len());
    let parts: Vec<&str> = rest[..end].splitn(4, ',').collect();
    if parts.len() != 4 {
        return Err(bad("expected ^GFA,total,total,row,data"));
    }
    let total: usize = parts[0].trim().parse().map_err(|_| bad("total"))?;
    let row: usize = parts[2].trim().parse().map_err(|_| bad("bytes a row"))?;
    let hex: String = parts[3].chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = hex::decode(&hex).map_err(|_| bad("data is not hex"))?;
    if row == 0 || bytes.len() != total || !total.is_multiple_of(row) {
        return Err(bad("sizes do not agree"));
    }
    let height = total / row;
    let mut bm = Bitmap::new(row * 8, height);
    for (i, b) in bytes.iter().enumerate() {
        for bit in 0..8 {
            if b & (0x80 >> bit) != 0 {
                bm.fill((i % row) * 8 + bit, i / row, 1, 1);
            }
        }
    }
    Ok(bm)
}

pub fn render(s: &Sticker, l: &Layout, dpi: u32) -> Result<String> {
    if !DPIS.contains(&dpi) {
        return Err(
            Error::usage("E_DPI", crate::t!("sticker.err.dpi", dpi = dpi))
                .with_help(crate::t!("sticker.err.dpi_help")),
        );
    }
    let k = per_mm(dpi);
    let dots = |mm: f64| (mm * k).round() as usize;
    let module = module_px(&s.qr, l.qr_side, dpi)?;
    let code = qr_bitmap(&s.qr, module);
    let off = dots(l.qr_side).saturating_sub(code.width) / 2;
    let mut z = String::new();
    z.push_str("^XA\n^CI28\n");
    let _ = writeln!(z, "^PW{}\n^LL{}\n^LH0,0", dots(l.width), dots(l.height));
    let _ = writeln!(
        z,
        "^FO{},{}{}^FS",
        dots(l.qr_x) + off,
        dots(l.qr_y) + off,
        graphic_field(&code)
    );
    for t in &l.lines {
        let h = dots(t.size).max(10);
        let w = if t.bold { h } else { (h * 9) / 10 };
        let _ = writeln!(
            z,
            "^FO{},{}^A0N,{h},{w}^FH^FD{}^FS",
            dots(t.x),
            dots(t.y),
            escape(&t.text)
        );
    }
    z.push_str("^PQ1\n^XZ\n");
    Ok(z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_text_is_escaped() {
        assert_eq!(escape("K7+9/QF=2"), "K7+9/QF=2");
        assert_eq!(escape("a^b~c_d"), "a_5Eb_7Ec_5Fd");
        assert_eq!(escape("lösen"), "l_C3_B6sen");
    }

    #[test]
    fn graphic_field_round_trips() {
        let mut b = Bitmap::new(13, 3);
        b.fill(0, 0, 1, 1);
        b.fill(12, 2, 1, 1);
        b.fill(3, 1, 5, 1);
        let z = format!("^XA^FO0,0{}^FS^XZ", graphic_field(&b));
        let back = parse_graphic_field(&z).unwrap();
        for y in 0..3 {
            for x in 0..16 {
                assert_eq!(back.get(x, y), b.get(x, y), "({x},{y})");
            }
        }
    }
}
