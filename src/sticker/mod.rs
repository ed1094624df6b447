//! The activation sticker (seed 001, "Apply ChargePoint labels"): a QR code that opens the
//! network's pinpointing page with the MAC and the activation password filled in, and both
//! printed beside it for a phone without a QR reader.
//!
//! One [`Sticker`] is laid out once in millimetres ([`Layout`]) for a label stock ([`Stock`]) and
//! drawn by each back end: the terminal (Unicode half blocks with explicit colours, or plain
//! ASCII), SVG, PNG, PDF and ZPL for Zebra label printers. Every output keeps the quiet zone of
//! four modules that QR readers need.

pub mod pdf;
pub mod png;
pub mod svg;
pub mod terminal;
pub mod zpl;

use serde::Serialize;

use crate::{Error, Result};

/// Modules of white around the code, as ISO/IEC 18004 asks.
pub const QUIET: usize = 4;

/// Error correction level. A sticker outside takes rain, dirt, scratches and UV: the default is
/// `Q` (about 25 % of the code can be lost), which keeps the modules large enough on small label
/// stock; `H` (30 %) for harsh places when the stock is large enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
pub enum Ecc {
    L,
    M,
    Q,
    H,
}

impl Ecc {
    fn level(self) -> qrcode::EcLevel {
        match self {
            Ecc::L => qrcode::EcLevel::L,
            Ecc::M => qrcode::EcLevel::M,
            Ecc::Q => qrcode::EcLevel::Q,
            Ecc::H => qrcode::EcLevel::H,
        }
    }
}

/// A QR code as a square of dark and light modules (without the quiet zone).
#[derive(Debug, Clone)]
pub struct Qr {
    pub modules: usize,
    pub version: i16,
    pub ecc: Ecc,
    dark: Vec<bool>,
}

impl Qr {
    /// Encode `data` (the mode and the smallest version are chosen by the encoder).
    pub fn encode(data: &str, ecc: Ecc) -> Result<Qr> {
        let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), ecc.level())
            .map_err(|e| {
                Error::validation(
                    "E_QR",
                    crate::t!(
                        "sticker.err.qr",
                        bytes = data.len(),
                        ecc = format!("{ecc:?}"),
                        why = e
                    ),
                )
                .with_help(crate::t!("sticker.err.qr_help"))
            })?;
        let version = match code.version() {
            qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
        };
        Ok(Qr {
            modules: code.width(),
            version,
            ecc,
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// Modules across including the quiet zone on both sides.
    pub fn total(&self) -> usize {
        self.modules + 2 * QUIET
    }

    /// Whether the module at (x, y), counted from the outer corner of the quiet zone, is dark.
    pub fn dark_at(&self, x: usize, y: usize) -> bool {
        let (Some(x), Some(y)) = (x.checked_sub(QUIET), y.checked_sub(QUIET)) else {
            return false;
        };
        x < self.modules && y < self.modules && self.dark[y * self.modules + x]
    }

    /// The dark runs of row `y` (quiet zone included in the coordinates): `(start, length)`.
    pub fn runs(&self, y: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut x = 0;
        let n = self.total();
        while x < n {
            if self.dark_at(x, y) {
                let start = x;
                while x < n && self.dark_at(x, y) {
                    x += 1;
                }
                out.push((start, x - start));
            } else {
                x += 1;
            }
        }
        out
    }
}

/// A label stock: the printable size of one label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stock {
    pub id: &'static str,
    pub width_mm: f64,
    pub height_mm: f64,
    pub what: &'static str,
}

/// Common label stock, and office paper for a printer without labels.
pub const STOCKS: &[Stock] = &[
    Stock {
        id: "50x25",
        width_mm: 50.8,
        height_mm: 25.4,
        what: "2 x 1 in thermal label (Zebra desktop printers)",
    },
    Stock {
        id: "57x32",
        width_mm: 57.15,
        height_mm: 31.75,
        what: "2.25 x 1.25 in thermal label",
    },
    Stock {
        id: "76x51",
        width_mm: 76.2,
        height_mm: 50.8,
        what: "3 x 2 in thermal label",
    },
    Stock {
        id: "102x51",
        width_mm: 101.6,
        height_mm: 50.8,
        what: "4 x 2 in thermal label",
    },
    Stock {
        id: "102x76",
        width_mm: 101.6,
        height_mm: 76.2,
        what: "4 x 3 in thermal label",
    },
    Stock {
        id: "99x38",
        width_mm: 99.1,
        height_mm: 38.1,
        what: "A4 label sheet, 14 per sheet (e.g. Avery L7163); one label",
    },
    Stock {
        id: "a4",
        width_mm: 210.0,
        height_mm: 297.0,
        what: "A4 paper (office printer; cut out)",
    },
    Stock {
        id: "letter",
        width_mm: 215.9,
        height_mm: 279.4,
        what: "US Letter paper (office printer; cut out)",
    },
];

impl Stock {
    /// What the stock is, in the installer's language (`what` is the English).
    pub fn what_text(&self) -> String {
        match self.id {
            "50x25" => crate::t!("sticker.stock.50x25"),
            "57x32" => crate::t!("sticker.stock.57x32"),
            "76x51" => crate::t!("sticker.stock.76x51"),
            "102x51" => crate::t!("sticker.stock.102x51"),
            "102x76" => crate::t!("sticker.stock.102x76"),
            "99x38" => crate::t!("sticker.stock.99x38"),
            "a4" => crate::t!("sticker.stock.a4"),
            "letter" => crate::t!("sticker.stock.letter"),
            _ => self.what.to_string(),
        }
    }
}

/// The default stock: the common 2 x 1 in thermal label.
pub const DEFAULT_STOCK: &str = "50x25";

/// Find a stock by its id.
pub fn stock(id: &str) -> Result<&'static Stock> {
    STOCKS
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(id.trim()))
        .ok_or_else(|| {
            let ids: Vec<&str> = STOCKS.iter().map(|s| s.id).collect();
            Error::usage("E_STOCK", crate::t!("sticker.err.stock", id = id))
                .with_help(crate::t!("sticker.err.use_one_of", list = ids.join(", ")))
        })
}

/// The pinpointing page URL of the sticker's QR code: the network's template with `{mac}` and
/// `{password}` replaced by the URL-encoded values.
pub fn pinpoint_url(template: &str, mac: &str, password: &str) -> String {
    template
        .replace("{mac}", &url_encode(mac))
        .replace("{password}", &url_encode(password))
}

/// Check a pinpointing URL template before use.
pub fn check_template(template: &str) -> Result<()> {
    let t = template.trim();
    if !(t.starts_with("https://") || t.starts_with("http://")) {
        return Err(Error::usage(
            "E_TEMPLATE",
            crate::t!("sticker.err.template_not_http", template = t),
        )
        .with_help(crate::t!("sticker.err.template_not_http_help")));
    }
    for p in ["{mac}", "{password}"] {
        if !t.contains(p) {
            return Err(Error::usage(
                "E_TEMPLATE",
                crate::t!("sticker.err.template_lacks", template = t, part = p),
            )
            .with_help(crate::t!("sticker.err.template_lacks_help")));
        }
    }
    Ok(())
}

/// Percent-encode everything but RFC 3986 unreserved characters.
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The words printed beside the code, in the installer's language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub mac: String,
    pub password: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            mac: crate::t!("sticker.label.mac"),
            password: crate::t!("sticker.label.password"),
        }
    }
}

/// One activation sticker.
#[derive(Debug, Clone)]
pub struct Sticker {
    pub url: String,
    pub mac: String,
    pub password: String,
    pub labels: Labels,
    pub qr: Qr,
}

impl Sticker {
    /// A sticker for `mac` and `password` from the network's pinpointing URL template.
    pub fn new(template: &str, mac: &str, password: &str, ecc: Ecc) -> Result<Sticker> {
        check_template(template)?;
        let mac = mac.trim();
        if mac.is_empty() {
            return Err(
                Error::usage("E_STICKER", crate::t!("sticker.err.mac_empty"))
                    .with_help(crate::t!("sticker.err.mac_empty_help")),
            );
        }
        // 6 bytes, printed in one form (the rule of every MAC given: crate::rules)
        let mac = crate::rules::mac(mac)?;
        let mac = mac.as_str();
        if password.trim().is_empty() {
            return Err(
                Error::usage("E_STICKER", crate::t!("sticker.err.password_empty"))
                    .with_help(crate::t!("sticker.err.password_empty_help")),
            );
        }
        let url = pinpoint_url(template.trim(), mac, password.trim());
        let qr = Qr::encode(&url, ecc)?;
        Ok(Sticker {
            url,
            mac: mac.to_string(),
            password: password.trim().to_string(),
            labels: Labels::default(),
            qr,
        })
    }

    /// The four text lines: label, value, label, value.
    pub fn lines(&self) -> [(String, bool); 4] {
        [
            (self.labels.mac.clone(), false),
            (self.mac.clone(), true),
            (self.labels.password.clone(), false),
            (self.password.clone(), true),
        ]
    }

    /// Lay the sticker out on a stock.
    pub fn layout(&self, stock: &Stock) -> Layout {
        Layout::new(self, stock)
    }
}

/// One line of text on the label, in millimetres from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub x: f64,
    /// Top of the line's em box.
    pub y: f64,
    /// Font size (em height), mm.
    pub size: f64,
    pub bold: bool,
    pub text: String,
}

/// Where the code and the text go on a label, in millimetres from the top-left corner.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// The square that holds the code with its quiet zone.
    pub qr_x: f64,
    pub qr_y: f64,
    pub qr_side: f64,
    pub lines: Vec<TextLine>,
}

/// Average advance of a character, as a share of the font size (generous for Helvetica).
pub const ADVANCE: f64 = 0.62;

impl Layout {
    fn new(s: &Sticker, stock: &Stock) -> Layout {
        let (w, h) = (stock.width_mm, stock.height_mm);
        let lines = s.lines();
        let longest = |bold: bool| {
            lines
                .iter()
                .filter(|l| l.1 == bold)
                .map(|l| l.0.chars().count())
                .max()
                .unwrap_or(1)
                .max(1) as f64
        };
        let margin = (h.min(w) * 0.04).clamp(1.0, 10.0);
        // label lines are 65 % of the value lines; leading 1.25
        let block = |v: f64| 2.0 * 0.65 * v * 1.25 + 2.0 * v * 1.25;
        let fit = |col: f64| {
            (col / (longest(true) * ADVANCE)).min(col / (longest(false) * ADVANCE * 0.65))
        };
        let landscape = w >= 1.4 * h;
        let (qr_x, qr_y, qr_side, tx, ty, size) = if landscape {
            let side = h - 2.0 * margin;
            let tx = margin + side + margin * 0.5;
            let col = w - tx - margin;
            let size = fit(col).min((h - 2.0 * margin) / block(1.0)).min(8.0);
            let ty = (h - block(size)) / 2.0;
            (margin, margin, side, tx, ty, size)
        } else {
            let col = w - 2.0 * margin;
            let size = fit(col).min(h * 0.04).min(12.0);
            let side = (w - 2.0 * margin).min(h - 3.0 * margin - block(size));
            let qr_x = (w - side) / 2.0;
            (
                qr_x,
                margin,
                side,
                qr_x + side * 0.06,
                margin * 2.0 + side,
                size,
            )
        };
        let mut y = ty;
        let mut out = Vec::new();
        for (text, bold) in lines {
            let sz = if bold { size } else { size * 0.65 };
            out.push(TextLine {
                x: tx,
                y,
                size: sz,
                bold,
                text,
            });
            y += sz * 1.25;
        }
        Layout {
            width: w,
            height: h,
            qr_x,
            qr_y,
            qr_side,
            lines: out,
        }
    }

    /// Size of one module in millimetres when the code fills its square.
    pub fn module_mm(&self, qr: &Qr) -> f64 {
        self.qr_side / qr.total() as f64
    }
}

/// Smallest module that phone cameras read reliably at arm's length, mm.
pub const MIN_MODULE_MM: f64 = 0.25;

/// Refuse a stock on which the modules would be too small to scan.
pub fn check_fits(s: &Sticker, layout: &Layout, stock: &Stock) -> Result<()> {
    let m = layout.module_mm(&s.qr);
    if m < MIN_MODULE_MM {
        return Err(Error::validation(
            "E_STICKER_TOO_SMALL",
            crate::t!(
                "sticker.err.too_small",
                stock = stock.id,
                size = format!("{m:.2}"),
                min = MIN_MODULE_MM
            ),
        )
        .with_help(crate::t!("sticker.err.too_small_help")));
    }
    Ok(())
}

/// The fewest printer dots a module may have, at every dpi, for PDF, PNG and ZPL alike. A module
/// of one dot is lost to dot gain and a worn printhead; at 203 dpi (8 dots/mm, the common thermal
/// printhead) two dots are 0.25 mm, the smallest module phones read reliably ([`MIN_MODULE_MM`]).
pub const MIN_MODULE_DOTS: usize = 2;

/// Whole printer dots a module when the code with its quiet zone fills a square of `side_mm` at
/// `dpi`: rounded down, so every module is the same whole number of dots (the rest of the square
/// stays white).
pub fn module_dots(qr: &Qr, side_mm: f64, dpi: u32) -> usize {
    (side_mm * dpi as f64 / 25.4 / qr.total() as f64).floor() as usize
}

/// Refuse a payload, stock and error correction whose modules would not be at least
/// [`MIN_MODULE_DOTS`] whole dots at `dpi` (README, "The activation sticker"); the error names the payload's
/// length, the stock and the dpi, and the help what would fit: a larger label, a lower error
/// correction or a finer printhead. Returns the dots a module.
pub fn check_dots(s: &Sticker, stock: &Stock, dpi: u32) -> Result<usize> {
    let side = |st: &Stock| s.layout(st).qr_side;
    // what a suggestion must pass: whole dots here, and the size check of every format
    let fits = |qr: &Qr, st: &Stock, dpi: u32| {
        module_dots(qr, side(st), dpi) >= MIN_MODULE_DOTS
            && side(st) / qr.total() as f64 >= MIN_MODULE_MM
    };
    let dots = module_dots(&s.qr, side(stock), dpi);
    if dots >= MIN_MODULE_DOTS {
        return Ok(dots);
    }
    let area = |st: &Stock| st.width_mm * st.height_mm;
    let mut ways = Vec::new();
    if let Some(st) = STOCKS
        .iter()
        .filter(|st| area(st) > area(stock) && fits(&s.qr, st, dpi))
        .min_by(|a, b| area(a).total_cmp(&area(b)))
    {
        ways.push(crate::t!("sticker.dots.bigger", stock = st.id));
    }
    if let Some(e) = [Ecc::Q, Ecc::M, Ecc::L]
        .into_iter()
        .filter(|e| (*e as u8) < (s.qr.ecc as u8))
        .find(|e| Qr::encode(&s.url, *e).is_ok_and(|q| fits(&q, stock, dpi)))
    {
        let ecc = format!("{e:?}").to_lowercase();
        ways.push(crate::t!("sticker.dots.lower_ecc", ecc = ecc));
    }
    if let Some(d) = [203, 300, 600]
        .into_iter()
        .find(|d| *d > dpi && fits(&s.qr, stock, *d))
    {
        ways.push(crate::t!("sticker.dots.finer", dpi = d));
    }
    ways.push(crate::t!("sticker.dots.shorter"));
    let exact = side(stock) * dpi as f64 / 25.4 / s.qr.total() as f64;
    Err(Error::validation(
        "E_STICKER_TOO_SMALL",
        crate::t!(
            "sticker.err.dots",
            bytes = s.url.len(),
            ecc = format!("{:?}", s.qr.ecc),
            modules = s.qr.total(),
            stock = stock.id,
            side = format!("{:.1}", side(stock)),
            dpi = dpi,
            dots = format!("{exact:.2}"),
            min = MIN_MODULE_DOTS
        ),
    )
    .with_help(crate::t!(
        "sticker.dots.help",
        ways = ways.join(&crate::t!("sticker.dots.or"))
    )))
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Unicode half blocks with explicit black-on-white colours (terminal).
    Terminal,
    /// Plain ASCII, one character a module (terminal without Unicode, logs).
    Ascii,
    Svg,
    Png,
    Pdf,
    Zpl,
}

impl Format {
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "svg" => Format::Svg,
            "png" => Format::Png,
            "pdf" => Format::Pdf,
            "zpl" => Format::Zpl,
            "txt" => Format::Ascii,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Terminal | Format::Ascii => "txt",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Zpl => "zpl",
        }
    }

    /// Whether the output is binary (not for a terminal).
    pub fn binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }
}

/// Options of a rendering.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub stock: &'static Stock,
    /// Dots per inch of the printer: PNG and ZPL are drawn in its dots, and the PDF's modules are
    /// whole dots of it.
    pub dpi: u32,
}

/// One written file.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub path: std::path::PathBuf,
    pub format: Format,
    pub bytes: usize,
    pub sha256: String,
}

/// Write the sticker to each path, in the format of its extension (atomically).
pub fn write_files(
    s: &Sticker,
    opt: &Options,
    paths: &[std::path::PathBuf],
) -> Result<Vec<Written>> {
    let mut out = Vec::new();
    for p in paths {
        let format = Format::from_extension(p).ok_or_else(|| {
            Error::usage(
                "E_STICKER_FORMAT",
                crate::t!("sticker.err.extension", path = p.display()),
            )
            .with_help(crate::t!("sticker.err.extension_help"))
        })?;
        let bytes = render(s, format, opt)?;
        crate::paths::write_atomic(p, &bytes)?;
        out.push(Written {
            path: p.clone(),
            format,
            bytes: bytes.len(),
            sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)),
        });
    }
    Ok(out)
}

/// Render a sticker in one format.
pub fn render(s: &Sticker, format: Format, opt: &Options) -> Result<Vec<u8>> {
    let layout = s.layout(opt.stock);
    if matches!(format, Format::Png | Format::Pdf | Format::Zpl) {
        check_dots(s, opt.stock, opt.dpi)?;
    }
    if !matches!(format, Format::Terminal | Format::Ascii) {
        check_fits(s, &layout, opt.stock)?;
    }
    Ok(match format {
        Format::Terminal => terminal::unicode(s).into_bytes(),
        Format::Ascii => terminal::ascii(s).into_bytes(),
        Format::Svg => svg::render(s, &layout).into_bytes(),
        Format::Png => png::render(s, &layout, opt.dpi)?,
        Format::Pdf => pdf::render(s, &layout, opt.dpi),
        Format::Zpl => zpl::render(s, &layout, opt.dpi)?.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding_of_awkward_passwords() {
        assert_eq!(
            pinpoint_url(
                "https://n/p?mac={mac}&password={password}",
                "02:EF",
                "K7+9/QF=2"
            ),
            "https://n/p?mac=02%3AEF&password=K7%2B9%2FQF%3D2"
        );
        assert_eq!(url_encode("a b&c#d%"), "a%20b%26c%23d%25");
        assert_eq!(url_encode("æ"), "%C3%A6");
    }

    #[test]
    fn templates_are_checked() {
        assert!(check_template("https://x/p?m={mac}&p={password}").is_ok());
        assert!(check_template("https://x/p?m={mac}").is_err());
        assert!(check_template("ftp://x/{mac}{password}").is_err());
    }

    #[test]
    fn qr_has_a_quiet_zone_and_finder_patterns() {
        let q = Qr::encode("https://example.net/p?mac=1&password=2", Ecc::Q).unwrap();
        assert_eq!(q.total(), q.modules + 8);
        for i in 0..q.total() {
            assert!(!q.dark_at(i, 0) && !q.dark_at(0, i) && !q.dark_at(i, q.total() - 1));
        }
        // the top-left finder pattern starts right after the quiet zone
        assert!(q.dark_at(QUIET, QUIET) && q.dark_at(QUIET + 6, QUIET));
        assert!(!q.dark_at(QUIET + 1, QUIET + 1));
    }

    #[test]
    fn every_stock_lays_out_inside_the_label() {
        let s = Sticker::new(
            "https://installer.example.net/pinpoint?mac={mac}&password={password}",
            "02:EF:10:00:4D:01",
            "K7+9/QF=2",
            Ecc::Q,
        )
        .unwrap();
        for st in STOCKS {
            let l = s.layout(st);
            assert!(
                l.qr_x >= 0.0 && l.qr_x + l.qr_side <= l.width + 1e-9,
                "{}",
                st.id
            );
            assert!(l.qr_y + l.qr_side <= l.height + 1e-9, "{}", st.id);
            for t in &l.lines {
                let right = t.x + t.text.chars().count() as f64 * t.size * ADVANCE;
                assert!(right <= l.width + 1e-6, "{}: {} too wide", st.id, t.text);
                assert!(
                    t.y + t.size <= l.height + 1e-6,
                    "{}: {} too low",
                    st.id,
                    t.text
                );
                // text never overlaps the code
                let beside = t.x >= l.qr_x + l.qr_side;
                let below = t.y >= l.qr_y + l.qr_side;
                assert!(beside || below, "{}: text over the code", st.id);
            }
            check_fits(&s, &l, st).unwrap();
        }
    }
}
