//! The sticker as a one-page PDF for office printers, written by hand: the page is the label's
//! size, white, with the code as filled rectangles (vector; each module a whole number of dots of
//! the label printer's `--dpi`, on its grid) and
//! the text in the standard Helvetica fonts (WinAnsi: æ, ø, å, ä, ö print as they are).

use std::fmt::Write as _;

use super::{Layout, Sticker};

const PT_PER_MM: f64 = 72.0 / 25.4;

/// A string as a PDF literal in WinAnsi encoding (Latin-1 range kept, others `?`).
fn literal(s: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for c in s.chars() {
        let b = match c as u32 {
            0x20..=0x7E | 0xA0..=0xFF => c as u32 as u8,
            _ => b'?',
        };
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

fn num(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// The page's drawing operators. The code is laid on the grid of a `dpi` printer counted from the
/// page's top-left corner: each module is the same whole number of dots (at least one), so a
/// printer or a rasteriser at that resolution prints every module alike.
fn content(s: &Sticker, l: &Layout, dpi: u32) -> Vec<u8> {
    let h = l.height * PT_PER_MM;
    let k = dpi as f64 / 25.4;
    let pt = 72.0 / dpi as f64;
    let dots = super::module_dots(&s.qr, l.qr_side, dpi).max(1) as f64;
    let off = ((l.qr_side * k - dots * s.qr.total() as f64) / 2.0)
        .floor()
        .max(0.0);
    let m = dots * pt;
    let (ox, oy) = (
        ((l.qr_x * k).round() + off) * pt,
        ((l.qr_y * k).round() + off) * pt,
    );
    let mut c = String::new();
    let _ = writeln!(c, "1 g 0 0 {} {} re f", num(l.width * PT_PER_MM), num(h));
    c.push_str("0 g\n");
    for y in 0..s.qr.total() {
        for (x, len) in s.qr.runs(y) {
            let _ = writeln!(
                c,
                "{} {} {} {} re",
                num(ox + x as f64 * m),
                num(h - oy - (y + 1) as f64 * m),
                num(len as f64 * m),
                num(m)
            );
        }
    }
    c.push_str("f\n");
    let mut out = c.into_bytes();
    for t in &l.lines {
        let size = t.size * PT_PER_MM;
        let head = format!(
            "BT /{} {} Tf {} {} Td ",
            if t.bold { "F2" } else { "F1" },
            num(size),
            num(t.x * PT_PER_MM),
            num(h - (t.y * PT_PER_MM + size * 0.8))
        );
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&literal(&t.text));
        out.extend_from_slice(b" Tj ET\n");
    }
    out
}

/// The sticker as a PDF whose code modules are whole dots of a `dpi` printer.
pub fn render(s: &Sticker, l: &Layout, dpi: u32) -> Vec<u8> {
    let body = content(s, l, dpi);
    let (w, h) = (num(l.width * PT_PER_MM), num(l.height * PT_PER_MM));
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"
        )
        .into_bytes(),
    ];
    let mut stream = format!("<< /Length {} >>\nstream\n", body.len()).into_bytes();
    stream.extend_from_slice(&body);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    for font in ["Helvetica", "Helvetica-Bold"] {
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding >>"
            )
            .into_bytes(),
        );
    }
    let mut info = b"<< /Producer (evfield) /Title ".to_vec();
    info.extend_from_slice(&literal(&crate::t!("sticker.pdf_title")));
    info.extend_from_slice(b" >>");
    objects.push(info);

    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut x = format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1);
    for off in offsets {
        let _ = write!(x, "{off:010} 00000 n\r\n");
    }
    let _ = write!(
        x,
        "trailer\n<< /Size {} /Root 1 0 R /Info {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1,
        objects.len()
    );
    out.extend_from_slice(x.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_and_encode_latin1() {
        assert_eq!(literal("a(b)\\"), b"(a\\(b\\)\\\\)".to_vec());
        assert_eq!(literal("lösen"), b"(l\xF6sen)".to_vec());
        assert_eq!(literal("€"), b"(?)".to_vec());
    }

    #[test]
    fn modules_are_whole_dots_on_the_printers_grid() {
        let s = super::super::Sticker::new(
            "https://n.example/p?m={mac}&p={password}",
            "02:EF:10:00:4D:01",
            "K7+9/QF=2",
            super::super::Ecc::Q,
        )
        .unwrap();
        let stocks = &super::super::STOCKS;
        for (stock, dpi) in [(&stocks[0], 203), (&stocks[1], 203), (&stocks[2], 300)] {
            let l = s.layout(stock);
            let c = String::from_utf8_lossy(&content(&s, &l, dpi)).to_string();
            let h = l.height * PT_PER_MM;
            let dot = 72.0 / dpi as f64;
            let dots = |pt: f64| pt / dot;
            let whole = |pt: f64| (dots(pt) - dots(pt).round()).abs() < 0.02;
            let mut n = 0;
            // the code's rectangles: `x y w h re` (the white page ends in `re f`)
            for line in c.lines().filter(|l| l.ends_with(" re")) {
                let v: Vec<f64> = line
                    .split(' ')
                    .take(4)
                    .map(|x| x.parse().unwrap())
                    .collect();
                let top = h - v[1] - v[3];
                assert!(
                    whole(v[0]) && whole(top) && whole(v[2]) && whole(v[3]),
                    "{} at {dpi}: {line}",
                    stock.id
                );
                assert!(dots(v[3]).round() as usize >= super::super::MIN_MODULE_DOTS);
                n += 1;
            }
            assert!(n > 20, "{}: {n} rectangles", stock.id);
        }
    }

    #[test]
    fn xref_offsets_point_at_objects() {
        let s = super::super::Sticker::new(
            "https://n.example/p?m={mac}&p={password}",
            "02:EF:10:00:4D:01",
            "K7+9/QF=2",
            super::super::Ecc::Q,
        )
        .unwrap();
        let pdf = render(&s, &s.layout(&super::super::STOCKS[0]), 203);
        let find = |pat: &[u8], from: usize| {
            pdf[from..]
                .windows(pat.len())
                .position(|w| w == pat)
                .map(|i| i + from)
                .unwrap()
        };
        let xref = find(b"\nxref\n", 0) + 1;
        let sx = find(b"startxref\n", 0) + 10;
        let start: usize = String::from_utf8_lossy(&pdf[sx..])
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(start, xref);
        let table = String::from_utf8_lossy(&pdf[xref..]).to_string();
        for (i, line) in table.lines().skip(3).take(7).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            let head = format!("{} 0 obj", i + 1);
            assert!(pdf[off..].starts_with(head.as_bytes()), "object {}", i + 1);
        }
    }
}
