//! The sticker in a terminal: Unicode half blocks (two modules a character cell) drawn black on
//! bright white with explicit colours, so a dark terminal theme cannot invert the code; or plain
//! ASCII (`#` a dark module, one character a module) for terminals without Unicode and for logs.
//! Both keep the quiet zone and fit 80 columns; the MAC and the password stand beside the code
//! when there is room, else below it.

use super::Sticker;

/// Width of the terminal the output must fit.
pub const COLUMNS: usize = 80;

const ON_WHITE: &str = "\x1b[30;107m";
const RESET: &str = "\x1b[0m";

/// The text block printed beside (or below) the code. The MAC and the password came from the
/// station or a journal: made safe for the terminal ([`crate::output::safe_text`]).
fn text_lines(s: &Sticker) -> Vec<String> {
    use crate::output::safe_text;
    vec![
        format!("{}:", s.labels.mac),
        format!("  {}", safe_text(&s.mac)),
        String::new(),
        format!("{}:", s.labels.password),
        format!("  {}", safe_text(&s.password)),
    ]
}

/// Put `text` beside `rows` (each `width` columns wide) when it fits 80 columns, else below.
fn beside(rows: Vec<String>, width: usize, text: Vec<String>) -> String {
    let text_w = text.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    if width + 2 + text_w <= COLUMNS && rows.len() >= text.len() {
        let start = (rows.len() - text.len()) / 2;
        for (i, r) in rows.into_iter().enumerate() {
            out.push_str(&r);
            if let Some(t) = i.checked_sub(start).and_then(|j| text.get(j)) {
                out.push_str("  ");
                out.push_str(t);
            }
            out.push('\n');
        }
    } else {
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
        for t in text {
            out.push_str(&t);
            out.push('\n');
        }
    }
    out
}

/// Half blocks: each character cell holds a module on top and one below.
pub fn unicode(s: &Sticker) -> String {
    beside(unicode_rows(&s.qr), s.qr.total(), text_lines(s))
}

/// A QR code of `data` alone (the phone camera's page address), in half blocks or, where the
/// terminal cannot draw them (`dumb`), in plain ASCII.
pub fn code_of(data: &str, dumb: bool) -> crate::Result<String> {
    let q = super::Qr::encode(data, super::Ecc::M)?;
    let rows = if dumb {
        ascii_rows(&q)
    } else {
        unicode_rows(&q)
    };
    Ok(rows.into_iter().map(|r| r + "\n").collect())
}

fn unicode_rows(q: &super::Qr) -> Vec<String> {
    let n = q.total();
    let mut rows = Vec::new();
    for y in (0..n).step_by(2) {
        let mut r = String::from(ON_WHITE);
        for x in 0..n {
            let top = q.dark_at(x, y);
            let bottom = y + 1 < n && q.dark_at(x, y + 1);
            r.push(match (top, bottom) {
                (false, false) => ' ',
                (true, false) => '▀',
                (false, true) => '▄',
                (true, true) => '█',
            });
        }
        r.push_str(RESET);
        rows.push(r);
    }
    rows
}

/// Plain ASCII: `#` for a dark module, a space for a light one, one character and one line a
/// module (the code looks twice as tall as wide; readers accept the stretch).
pub fn ascii(s: &Sticker) -> String {
    beside(ascii_rows(&s.qr), s.qr.total(), text_lines(s))
}

fn ascii_rows(q: &super::Qr) -> Vec<String> {
    let n = q.total();
    (0..n)
        .map(|y| {
            (0..n)
                .map(|x| if q.dark_at(x, y) { '#' } else { ' ' })
                .collect()
        })
        .collect()
}

/// Read a terminal rendering back into modules (`total` across, quiet zone included), as a
/// camera would see it: the tests rasterise this for a real QR reader.
pub fn modules_of(text: &str, total: usize, unicode: bool) -> Vec<Vec<bool>> {
    let mut grid: Vec<Vec<bool>> = Vec::new();
    for line in text.lines() {
        if grid.len() >= total {
            break;
        }
        let cells: Vec<char> = line
            .replace(ON_WHITE, "")
            .replace(RESET, "")
            .chars()
            .chain(std::iter::repeat(' '))
            .take(total)
            .collect();
        if unicode {
            grid.push(cells.iter().map(|c| matches!(c, '▀' | '█')).collect());
            grid.push(cells.iter().map(|c| matches!(c, '▄' | '█')).collect());
        } else {
            grid.push(cells.iter().map(|c| *c == '#').collect());
        }
    }
    grid.truncate(total);
    grid
}

#[cfg(test)]
mod tests {
    use super::super::{Ecc, Sticker};
    use super::*;

    fn sticker() -> Sticker {
        Sticker::new(
            "https://installer.example.net/pinpoint?mac={mac}&password={password}",
            "02:EF:10:00:4D:01",
            "K7+9/QF=2",
            Ecc::Q,
        )
        .unwrap()
    }

    fn visible_width(line: &str) -> usize {
        line.replace(ON_WHITE, "")
            .replace(RESET, "")
            .chars()
            .count()
    }

    #[test]
    fn unicode_fits_80_columns_with_explicit_colours() {
        let s = sticker();
        let t = unicode(&s);
        for l in t.lines() {
            assert!(
                visible_width(l) <= COLUMNS,
                "{} columns: {l}",
                visible_width(l)
            );
        }
        let qr_lines: Vec<&str> = t.lines().filter(|l| l.contains(ON_WHITE)).collect();
        assert_eq!(qr_lines.len(), s.qr.total().div_ceil(2));
        assert!(qr_lines.iter().all(|l| l.contains(RESET)));
        assert!(t.contains(&s.mac) && t.contains(&s.password));
    }

    #[test]
    fn ascii_is_plain_and_fits() {
        let s = sticker();
        let t = ascii(&s);
        assert!(t.is_ascii());
        for l in t.lines() {
            assert!(l.chars().count() <= COLUMNS, "{l}");
        }
        // the modules read back are the code's
        let n = s.qr.total();
        for (unicode, text) in [(false, t), (true, super::unicode(&s))] {
            let g = modules_of(&text, n, unicode);
            assert_eq!(g.len(), n);
            for (y, row) in g.iter().enumerate() {
                for (x, dark) in row.iter().enumerate() {
                    assert_eq!(*dark, s.qr.dark_at(x, y), "({x},{y}) unicode={unicode}");
                }
            }
        }
    }

    #[test]
    fn a_code_alone_reads_back_as_its_text() {
        let url = "http://192.168.43.23:40123/p/Zm9vYmFyYmF6cXV4LWZvb2Jhcl9iYXpxdXgtZm9vYmE";
        for dumb in [false, true] {
            let text = code_of(url, dumb).unwrap();
            let total = text
                .lines()
                .next()
                .unwrap()
                .replace(ON_WHITE, "")
                .replace(RESET, "");
            let n = total.chars().count();
            let g = modules_of(&text, n, !dumb);
            // as a camera sees the screen: 4 pixels a module
            let px = 4;
            let mut img = rqrr::PreparedImage::prepare_from_greyscale(n * px, n * px, |x, y| {
                if g[y / px][x / px] { 0 } else { 255 }
            });
            let grids = img.detect_grids();
            assert_eq!(grids.len(), 1, "dumb={dumb}");
            assert_eq!(grids[0].decode().unwrap().1, url, "dumb={dumb}");
        }
    }

    #[test]
    fn the_text_beside_the_code_is_safe_for_the_terminal() {
        let s = Sticker::new(
            "https://installer.example.net/pinpoint?mac={mac}&password={password}",
            "02:EF:10:00:4D:01",
            "K7\x1b]52;c;eA==\x07",
            Ecc::Q,
        )
        .unwrap();
        for t in [unicode(&s), ascii(&s)] {
            assert!(t.contains("K7\\x1b]52;c;eA==\\x07"), "{t}");
            let without_ours = t.replace(ON_WHITE, "").replace(RESET, "");
            assert!(!without_ours.contains(['\x1b', '\x07']), "{t:?}");
        }
    }
}
