//! The sticker as SVG, in millimetres: a white background, the code as one path of dark runs
//! (crisp edges), the text in a common sans-serif font.

use std::fmt::Write;

use super::{Layout, Sticker};

/// XML-escape text content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(s: &Sticker, l: &Layout) -> String {
    let m = l.module_mm(&s.qr);
    let mut d = String::new();
    for y in 0..s.qr.total() {
        for (x, len) in s.qr.runs(y) {
            let _ = write!(
                d,
                "M{:.4} {:.4}h{:.4}v{:.4}h-{:.4}z",
                l.qr_x + x as f64 * m,
                l.qr_y + y as f64 * m,
                len as f64 * m,
                m,
                len as f64 * m
            );
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}">"#,
        w = l.width,
        h = l.height
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&s.url));
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        l.width, l.height
    );
    let _ = writeln!(
        out,
        r##"<path fill="#000000" shape-rendering="crispEdges" d="{d}"/>"##
    );
    for t in &l.lines {
        let _ = writeln!(
            out,
            r##"<text x="{:.3}" y="{:.3}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="{:.3}" font-weight="{}" fill="#000000">{}</text>"##,
            t.x,
            t.y + t.size * 0.8,
            t.size,
            if t.bold { "bold" } else { "normal" },
            escape(&t.text)
        );
    }
    out.push_str("</svg>\n");
    out
}
