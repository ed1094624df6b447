//! The sticker as a PNG: 8-bit greyscale on an opaque white background, at the given dots per
//! inch (recorded in the file, so it prints at its real size). The code's modules are whole
//! pixels; the text is drawn with a built-in bitmap font (ISO 8859-1: æ, ø, å, ä, ö).

use embedded_graphics::mono_font::{MonoFont, MonoTextStyle, iso_8859_1};
use embedded_graphics::pixelcolor::BinaryColor;
use embedded_graphics::prelude::*;
use embedded_graphics::text::{Baseline, Text};

use super::{Layout, MIN_MODULE_MM, Qr, Sticker};
use crate::{Error, Result};

/// A black-and-white picture, `true` for black.
#[derive(Debug, Clone, PartialEq)]
pub struct Bitmap {
    pub width: usize,
    pub height: usize,
    pub black: Vec<bool>,
}

impl Bitmap {
    pub fn new(width: usize, height: usize) -> Bitmap {
        Bitmap {
            width,
            height,
            black: vec![false; width * height],
        }
    }

    pub fn get(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.black[y * self.width + x]
    }

    /// Blacken a rectangle (clipped to the picture).
    pub fn fill(&mut self, x: usize, y: usize, w: usize, h: usize) {
        for yy in y..(y + h).min(self.height) {
            for xx in x..(x + w).min(self.width) {
                self.black[yy * self.width + xx] = true;
            }
        }
    }

    /// Copy another picture in at (x, y).
    pub fn blit(&mut self, other: &Bitmap, x: usize, y: usize) {
        for yy in 0..other.height {
            for xx in 0..other.width {
                if other.get(xx, yy) {
                    self.fill(x + xx, y + yy, 1, 1);
                }
            }
        }
    }
}

/// The code with its quiet zone, `module` pixels a module.
pub fn qr_bitmap(qr: &Qr, module: usize) -> Bitmap {
    let n = qr.total();
    let mut b = Bitmap::new(n * module, n * module);
    for y in 0..n {
        for (x, len) in qr.runs(y) {
            b.fill(x * module, y * module, len * module, module);
        }
    }
    b
}

/// Pixels per millimetre at `dpi`.
pub fn per_mm(dpi: u32) -> f64 {
    dpi as f64 / 25.4
}

/// Whole pixels a module when the code fills a square of `side_mm` at `dpi`; refused when the
/// modules come out smaller than two dots or than [`MIN_MODULE_MM`].
pub fn module_px(qr: &Qr, side_mm: f64, dpi: u32) -> Result<usize> {
    let px = super::module_dots(qr, side_mm, dpi);
    if px < super::MIN_MODULE_DOTS || (px as f64) / per_mm(dpi) < MIN_MODULE_MM {
        return Err(Error::validation(
            "E_STICKER_TOO_SMALL",
            crate::t!("sticker.err.too_few_dots", dpi = dpi, px = px),
        )
        .with_help(crate::t!("sticker.err.too_few_dots_help")));
    }
    Ok(px)
}

struct Canvas<'a> {
    bm: &'a mut Bitmap,
    scale: usize,
    x: usize,
    y: usize,
}

impl OriginDimensions for Canvas<'_> {
    fn size(&self) -> Size {
        Size::new(self.bm.width as u32, self.bm.height as u32)
    }
}

impl DrawTarget for Canvas<'_> {
    type Color = BinaryColor;
    type Error = std::convert::Infallible;

    fn draw_iter<I>(&mut self, pixels: I) -> std::result::Result<(), Self::Error>
    where
        I: IntoIterator<Item = Pixel<Self::Color>>,
    {
        for Pixel(p, c) in pixels {
            if c.is_on() && p.x >= 0 && p.y >= 0 {
                let s = self.scale;
                self.bm
                    .fill(self.x + p.x as usize * s, self.y + p.y as usize * s, s, s);
            }
        }
        Ok(())
    }
}

/// Draw `text` with its em box's top-left at (x, y), about `size` pixels tall, no wider than
/// `max_width` pixels (the scale shrinks to fit).
pub fn draw_text(
    bm: &mut Bitmap,
    text: &str,
    x: usize,
    y: usize,
    size: f64,
    bold: bool,
    max_width: usize,
) {
    let font: &MonoFont = if bold {
        &iso_8859_1::FONT_9X18_BOLD
    } else {
        &iso_8859_1::FONT_10X20
    };
    let (cw, ch) = (
        font.character_size.width as usize,
        font.character_size.height as usize,
    );
    let chars = text.chars().count().max(1);
    let mut scale = ((size / ch as f64).round() as usize).max(1);
    while scale > 1 && chars * cw * scale > max_width {
        scale -= 1;
    }
    let mut c = Canvas { bm, scale, x, y };
    let _ = Text::with_baseline(
        text,
        Point::zero(),
        MonoTextStyle::new(font, BinaryColor::On),
        Baseline::Top,
    )
    .draw(&mut c);
}

/// The whole label as a picture at `dpi`.
pub fn raster(s: &Sticker, l: &Layout, dpi: u32) -> Result<Bitmap> {
    let k = per_mm(dpi);
    let px = |mm: f64| (mm * k).round() as usize;
    let mut bm = Bitmap::new(px(l.width), px(l.height));
    let module = module_px(&s.qr, l.qr_side, dpi)?;
    let code = qr_bitmap(&s.qr, module);
    let off = (px(l.qr_side).saturating_sub(code.width)) / 2;
    bm.blit(&code, px(l.qr_x) + off, px(l.qr_y) + off);
    for t in &l.lines {
        let x = px(t.x);
        let room = bm.width.saturating_sub(x + px(1.0));
        draw_text(&mut bm, &t.text, x, px(t.y), t.size * k, t.bold, room);
    }
    Ok(bm)
}

/// Encode a picture as PNG: 8-bit greyscale, no alpha (opaque white), `dpi` recorded.
pub fn encode(bm: &Bitmap, dpi: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut e = ::png::Encoder::new(&mut out, bm.width as u32, bm.height as u32);
        e.set_color(::png::ColorType::Grayscale);
        e.set_depth(::png::BitDepth::Eight);
        let ppm = (dpi as f64 / 0.0254).round() as u32;
        e.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: ::png::Unit::Meter,
        }));
        let fail = |e: ::png::EncodingError| {
            Error::internal("E_PNG", crate::t!("sticker.err.png", why = e))
        };
        let mut w = e.write_header().map_err(fail)?;
        let data: Vec<u8> = bm.black.iter().map(|&b| if b { 0 } else { 255 }).collect();
        w.write_image_data(&data).map_err(fail)?;
        w.finish().map_err(fail)?;
    }
    Ok(out)
}

pub fn render(s: &Sticker, l: &Layout, dpi: u32) -> Result<Vec<u8>> {
    encode(&raster(s, l, dpi)?, dpi)
}
