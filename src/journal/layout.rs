//! The fast path of checking a journal line: a scanner of the writer's own line layout.
//!
//! evfield writes every journal line itself (see [`super::encode`]), compact and with its
//! fields in one order:
//!
//! ```text
//! {"v":V,"seq":N,"time":"T","step":"S","kind":"K","data":D,"prev":"P","hash":"H"}
//! ```
//!
//! [`scan`] reads a line only in that exact form: every fixed part byte for byte, `seq` as the
//! decimal digits of the expected sequence number, `prev` as the expected hash, the line's own
//! hash computed over its bytes, and `data` as one JSON value checked by a small validator
//! (no whitespace, strings with the short escapes only, integers of at most 18 digits and
//! decimals without an exponent, nesting at most [`MAX_DEPTH`]). It answers `Some` only for a
//! line that the general check ([`super::check_line_view`]: serde_json into an
//! [`EventView`]) would take as sound and then with the same view; for anything else, odd,
//! hostile or damaged, it answers `None` and the line takes the general check, which also
//! words the fault. So it can only be faster, never more lenient: a `\u` escape, a
//! placeholder `[sealed:`, a sealed member, another field order, a `seq`, `prev` or hash that
//! is not the expected one, all go the general way.

use std::borrow::Cow;

use sha2::{Digest, Sha256};

use super::{DataView, EventView, HASH_SUFFIX_LEN, HASH_TAG};

/// Deepest nesting of arrays and objects in `data` read here (serde_json's limit is 128).
pub const MAX_DEPTH: usize = 64;

const PREV_TAG: &[u8] = b",\"prev\":\"";

/// What a byte is inside a JSON string.
const PLAIN: u8 = 0;
const QUOTE: u8 = 1;
const BACKSLASH: u8 = 2;
const CONTROL: u8 = 3;
/// `[`: may start a placeholder `[sealed:`, which takes the general check.
const BRACKET: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = CONTROL;
        i += 1;
    }
    t[b'"' as usize] = QUOTE;
    t[b'\\' as usize] = BACKSLASH;
    t[b'[' as usize] = BRACKET;
    t
};

/// Longest integer part of a number read here: 18 digits always fit an `i64`.
const MAX_INT_DIGITS: usize = 18;
/// Longest fraction read here.
const MAX_FRACTION_DIGITS: usize = 17;

/// The sound line in the writer's layout as a view of its bytes, or `None`: then the line
/// must take the general check.
pub(super) fn scan<'a>(
    line: &'a [u8],
    expect_seq: u64,
    expect_prev: &str,
    min_v: u32,
) -> Option<EventView<'a>> {
    let text = std::str::from_utf8(line).ok()?;
    let n = line.len();
    // the tail: `,"prev":"P","hash":"H"}` with P the expected hash and H the line's own
    let cut = n.checked_sub(HASH_SUFFIX_LEN)?;
    let tail = cut.checked_sub(PREV_TAG.len() + expect_prev.len() + 1)?;
    let prev_at = tail + PREV_TAG.len();
    if !(line[tail..].starts_with(PREV_TAG)
        && same_64(&line[prev_at..cut - 1], expect_prev.as_bytes())
        && line[cut - 1] == b'"'
        && line[cut..].starts_with(HASH_TAG.as_bytes())
        && line.ends_with(b"\"}")
        && expect_prev.bytes().all(|c| CLASS[c as usize] == PLAIN))
    {
        return None;
    }
    let stored = &line[cut + HASH_TAG.len()..n - 2];
    let mut h = Sha256::new();
    h.update(&line[..cut]);
    h.update(b"}");
    let mut actual = [0u8; 64];
    hex::encode_to_slice(h.finalize(), &mut actual).ok()?;
    if !same_64(&actual, stored) {
        return None;
    }
    // the head and `data`, which must end where the tail starts
    let mut s = Scan {
        b: &line[..tail],
        text: &text[..tail],
        i: 0,
    };
    s.lit(b"{\"v\":")?;
    let v = match s.peek()? {
        b'1' => 1,
        b'2' => 2,
        _ => return None,
    };
    if v < min_v {
        return None;
    }
    s.i += 1;
    s.lit(b",\"seq\":")?;
    let mut digits = [0u8; 20];
    s.lit(decimal(expect_seq, &mut digits))?;
    s.lit(b",\"time\":\"")?;
    let time = s.string(true)?;
    s.lit(b",\"step\":\"")?;
    let step = s.string(true)?;
    s.lit(b",\"kind\":\"")?;
    let kind = s.string(true)?;
    s.lit(b",\"data\":")?;
    let data = s.data()?;
    if s.i != tail
        || !(writers_time(time.as_bytes()) || chrono::DateTime::parse_from_rfc3339(&time).is_ok())
    {
        return None;
    }
    Some(EventView {
        v,
        seq: expect_seq,
        time,
        step,
        kind,
        data,
        prev: Cow::Borrowed(&text[prev_at..cut - 1]),
        hash: Cow::Borrowed(&text[cut + HASH_TAG.len()..n - 2]),
        line: text,
        full: None,
    })
}

/// Whether `a` and `b` are the same bytes: compared as 64-byte arrays when both are a hash's
/// 64 hex digits (in registers, no call), else as slices.
#[inline(always)]
fn same_64(a: &[u8], b: &[u8]) -> bool {
    match (<&[u8; 64]>::try_from(a), <&[u8; 64]>::try_from(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether `t` is a time in the writer's own form, `YYYY-MM-DDTHH:MM:SS.mmmZ`, that is a real
/// date and time of day: each such text is one chrono's RFC 3339 parser takes (a leap second,
/// another form or an offset is left to chrono).
fn writers_time(t: &[u8]) -> bool {
    let Ok(t) = <&[u8; 24]>::try_from(t) else {
        return false;
    };
    let mut n = [0u32; 7];
    let fields = [(0, 4), (5, 2), (8, 2), (11, 2), (14, 2), (17, 2), (20, 3)];
    for (k, (at, len)) in fields.into_iter().enumerate() {
        for &c in &t[at..at + len] {
            if !c.is_ascii_digit() {
                return false;
            }
            n[k] = n[k] * 10 + u32::from(c - b'0');
        }
    }
    let [year, month, day, hour, minute, second, _] = n;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    [t[4], t[7], t[10], t[13], t[16], t[19], t[23]] == *b"--T::.Z"
        && (1..=days).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60
}

/// How many bytes from the start of `b` are plain text in a string: up to the first quote,
/// backslash, `[` or control byte (or all of them). Sixteen bytes at a time with SSE2 (part of
/// every x86-64), the rest as [`plain_run_words`] reads it.
#[cfg(target_arch = "x86_64")]
fn plain_run(b: &[u8]) -> usize {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let mut i = 0;
    while i + 16 <= b.len() {
        // SAFETY: the 16 bytes loaded, from `i` on, are inside `b` (`i + 16 <= b.len()`); the
        // load has no alignment requirement; SSE2 is part of every x86-64 target.
        let mask = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(i).cast());
            let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
            let bracket = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'[' as i8));
            // a control byte is one whose maximum with 0x1f is 0x1f
            let low = _mm_set1_epi8(0x1f);
            let control = _mm_cmpeq_epi8(_mm_max_epu8(v, low), low);
            _mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(quote, backslash),
                _mm_or_si128(bracket, control),
            ))
        };
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += 16;
    }
    i + plain_run_words(&b[i..])
}

#[cfg(not(target_arch = "x86_64"))]
fn plain_run(b: &[u8]) -> usize {
    plain_run_words(b)
}

/// [`plain_run`] eight bytes at a time: in each word, the lowest byte flagged by any of the
/// tests is exact (a false flag only ever sits above a true one of the same test).
fn plain_run_words(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut i = 0;
    while let Some(word) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let flagged = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | zero(w ^ (ONES * u64::from(b'[')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..]
        .iter()
        .position(|&c| CLASS[c as usize] != PLAIN)
        .unwrap_or(b.len() - i)
}

/// `n` in decimal, as serde_json writes it.
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// A cursor over the bytes of a line (and the same as text: every index it stops at is at an
/// ASCII byte, so a char boundary).
struct Scan<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Exactly these bytes next.
    #[inline(always)]
    fn lit(&mut self, s: &[u8]) -> Option<()> {
        if self.b[self.i..].starts_with(s) {
            self.i += s.len();
            Some(())
        } else {
            None
        }
    }

    /// A string's content, from after its opening quote to past its closing quote: borrowed
    /// when it has no escape, else unescaped (only when `keep`; else an empty text).
    fn string(&mut self, keep: bool) -> Option<Cow<'a, str>> {
        let start = self.i;
        let mut run = start;
        let mut owned: Option<String> = None;
        loop {
            self.i += plain_run(&self.b[self.i..]);
            match CLASS[*self.b.get(self.i)? as usize] {
                QUOTE => {
                    let end = self.i;
                    self.i += 1;
                    return Some(match owned {
                        None if keep => Cow::Borrowed(&self.text[start..end]),
                        Some(mut s) if keep => {
                            s.push_str(&self.text[run..end]);
                            Cow::Owned(s)
                        }
                        _ => Cow::Borrowed(""),
                    });
                }
                BRACKET => {
                    if self.b[self.i..].starts_with(b"[sealed:") {
                        return None;
                    }
                    self.i += 1;
                }
                BACKSLASH => {
                    let c = match *self.b.get(self.i + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        // `\u` (which could spell a placeholder) and anything else: the
                        // general check
                        _ => return None,
                    };
                    if keep {
                        let s = owned.get_or_insert_with(String::new);
                        s.push_str(&self.text[run..self.i]);
                        s.push(c);
                    }
                    self.i += 2;
                    run = self.i;
                }
                _ => return None,
            }
        }
    }

    /// One JSON value, not kept.
    fn value(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' => {
                self.i += 1;
                self.string(false).map(drop)
            }
            b'{' => {
                self.i += 1;
                if depth >= MAX_DEPTH {
                    return None;
                }
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.lit(b"\"")?;
                    self.string(false)?;
                    self.lit(b":")?;
                    self.value(depth + 1)?;
                    if self.close(b'}')? {
                        return Some(());
                    }
                }
            }
            b'[' => {
                self.i += 1;
                if depth >= MAX_DEPTH {
                    return None;
                }
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.value(depth + 1)?;
                    if self.close(b']')? {
                        return Some(());
                    }
                }
            }
            b't' => self.lit(b"true"),
            b'f' => self.lit(b"false"),
            b'n' => self.lit(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// After a member or element: `,` (more follow: `false`) or the closing byte (`true`).
    fn close(&mut self, end: u8) -> Option<bool> {
        let c = self.peek()?;
        self.i += 1;
        match c {
            b',' => Some(false),
            c if c == end => Some(true),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let n = self.b[self.i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        self.i += n;
        n
    }

    /// A number: an integer of at most 18 digits, or one with a short fraction; no exponent
    /// (every such number is one serde_json reads, finite).
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let start = self.i;
        let int = self.digits();
        if int == 0 || int > MAX_INT_DIGITS || (int > 1 && self.b[start] == b'0') {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let f = self.digits();
            if f == 0 || f > MAX_FRACTION_DIGITS {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            return None;
        }
        Some(())
    }

    /// `data`: of an object, its members (names, and the values of its string members).
    fn data(&mut self) -> Option<DataView<'a>> {
        if self.peek()? != b'{' {
            self.value(1)?;
            return Some(DataView::default());
        }
        self.i += 1;
        let mut members = Vec::with_capacity(8);
        if self.peek()? == b'}' {
            self.i += 1;
        } else {
            loop {
                self.lit(b"\"")?;
                let key = self.string(true)?;
                self.lit(b":")?;
                let value = if self.peek()? == b'"' {
                    self.i += 1;
                    Some(self.string(true)?)
                } else {
                    self.value(2)?;
                    None
                };
                members.push((key, value));
                if self.close(b'}')? {
                    break;
                }
            }
        }
        Some(DataView {
            object: true,
            members,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{GENESIS, check_line_general, encode, sha256_hex, verify_view, verify_with};
    use super::*;
    use serde_json::{Value, json};

    /// Whether two views hold the same event, field by field.
    fn same(a: &EventView, b: &EventView) -> bool {
        let members = |d: &DataView| -> Vec<(String, Option<String>)> {
            d.members
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_deref().map(str::to_string)))
                .collect()
        };
        (a.v, a.seq, &a.time, &a.step, &a.kind, &a.prev, &a.hash)
            == (b.v, b.seq, &b.time, &b.step, &b.kind, &b.prev, &b.hash)
            && a.data.object == b.data.object
            && members(&a.data) == members(&b.data)
            && a.to_event() == b.to_event()
    }

    /// `data` values the writer may write, and whether the scanner is to read them itself.
    fn datas() -> Vec<(Value, bool)> {
        let mut deep = json!("end");
        for _ in 0..70 {
            deep = json!([deep]);
        }
        vec![
            (
                json!({"key": "k", "value": "plain", "source": "prompt"}),
                true,
            ),
            (
                json!({"text": "ID\\r\\n \"q\" / \t\n\r\u{8}\u{c}", "dir": "sent"}),
                true,
            ),
            (json!({"text": "Blåbær ø 充電 🔌", "ø": "æ"}), true),
            (
                json!({"a": [1, -2, 3.5, -0.25, true, false, null, {"b": "c"}], "x": {}, "y": []}),
                true,
            ),
            (
                json!({"n": -999_999_999_999_999_999i64, "m": 999_999_999_999_999_999u64, "z": 0}),
                true,
            ),
            (
                json!({"tricky": "\",\"prev\":\"0\",\"hash\":\"", "[": "[sealed"}),
                true,
            ),
            (json!({}), true),
            (json!([1, 2, {"a": "b"}]), true),
            (json!("text"), true),
            (json!(5), true),
            (json!(null), true),
            (json!({"deep": deep}), false),
            (json!({"c": "\u{1}"}), false),
            (json!({"f": 1e-7}), false),
            (json!({"big": u64::MAX}), false),
            (json!({"f": 1.5e300}), false),
            (json!({"value": "[sealed:00]"}), false),
            (json!({"[sealed:00]": 1}), false),
        ]
    }

    /// A chain of lines of every data in [`datas`], with whether each is for the scanner.
    fn chain() -> Vec<(String, bool)> {
        let mut prev = GENESIS.to_string();
        datas()
            .into_iter()
            .enumerate()
            .map(|(seq, (data, fast))| {
                let kind = if seq == 0 { "session_started" } else { "fact" };
                let (line, hash) = encode(
                    seq as u64,
                    "2026-03-01T10:15:00.000Z",
                    "precheck",
                    kind,
                    &data,
                    &prev,
                );
                prev = hash;
                (line, fast)
            })
            .collect()
    }

    /// The line's hash made right again after a change to its hashed part.
    fn rehash(body: &[u8]) -> Vec<u8> {
        let mut hashed = body.to_vec();
        hashed.push(b'}');
        let h = sha256_hex(&hashed);
        let mut line = body.to_vec();
        line.extend_from_slice(HASH_TAG.as_bytes());
        line.extend_from_slice(h.as_bytes());
        line.extend_from_slice(b"\"}");
        line
    }

    /// The scanner and the general check on one line: when the scanner takes it, the general
    /// check takes it too, with the same view. Returns whether the scanner took it.
    fn agree(line: &[u8], seq: u64, prev: &str, min_v: u32) -> bool {
        let Some(fast) = scan(line, seq, prev, min_v) else {
            return false;
        };
        let general = check_line_general(line, seq, prev, min_v, &|_, _| false);
        match general {
            Ok((g, masked)) => {
                assert!(!masked);
                assert!(
                    same(&fast, &g),
                    "{}\n{fast:?}\n{g:?}",
                    String::from_utf8_lossy(line)
                );
            }
            Err(e) => panic!(
                "the scanner took a line the general check refuses ({e:?}): {}",
                String::from_utf8_lossy(line)
            ),
        }
        true
    }

    #[test]
    fn plain_runs_stop_at_the_first_special_byte() {
        for len in 0..40 {
            for at in 0..=len {
                for special in [b'"', b'\\', b'[', 0, 0x1f] {
                    for fill in [b'a', b' ', 0x7f, 0x80, 0xff, b'!', b'#', b'Z', b']'] {
                        let mut b = vec![fill; len];
                        if at < len {
                            b[at] = special;
                            // more special bytes after the first do not move it
                            for j in (at + 1..len).step_by(3) {
                                b[j] = 0;
                            }
                        }
                        assert_eq!(plain_run(&b), at, "{b:?}");
                    }
                }
            }
        }
    }

    /// Every byte value, at every place of runs shorter and longer than a 16-byte block.
    #[test]
    fn plain_runs_agree_with_the_byte_classes() {
        for c in 0..=255u8 {
            for len in [1, 15, 16, 17, 31, 32, 33, 47] {
                for at in 0..len {
                    let mut b = vec![b'a'; len];
                    b[at] = c;
                    let want = if CLASS[c as usize] == PLAIN { len } else { at };
                    assert_eq!(plain_run(&b), want, "byte {c:#x} at {at} of {len}");
                    assert_eq!(plain_run_words(&b), want, "byte {c:#x} at {at} of {len}");
                }
            }
        }
    }

    /// The writer's form of a time is taken only when chrono's RFC 3339 parser takes it too,
    /// and every real date and time of day in that form is taken.
    #[test]
    fn the_writers_time_form_is_one_chrono_takes() {
        let mut taken = 0;
        for year in [0, 1900, 1999, 2000, 2024, 2026, 2100, 9999] {
            for month in 0..=13 {
                for day in [0, 1, 28, 29, 30, 31, 32] {
                    for (h, m, sec) in [
                        (0, 0, 0),
                        (23, 59, 59),
                        (24, 0, 0),
                        (12, 60, 0),
                        (12, 0, 60),
                    ] {
                        let t =
                            format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{sec:02}.123Z");
                        let chrono_ok = chrono::DateTime::parse_from_rfc3339(&t).is_ok();
                        let fast = writers_time(t.as_bytes());
                        assert!(!fast || chrono_ok, "{t}");
                        if sec < 60 {
                            assert_eq!(fast, chrono_ok, "{t}");
                        }
                        taken += usize::from(fast);
                    }
                }
            }
        }
        assert!(taken > 500, "{taken}");
        for odd in [
            "2026-03-01T10:15:00.000+01:00",
            "2026-03-01t10:15:00.000Z",
            "2026-03-01T10:15:00Z",
            "2026-03-01T10:15:00.0000Z",
            "2026-03-01T10:15:0a.000Z",
            "2026-03-01 10:15:00.000Z",
        ] {
            assert!(!writers_time(odd.as_bytes()), "{odd}");
        }
    }

    #[test]
    fn the_writers_lines_take_the_fast_path_with_the_general_view() {
        let mut prev = GENESIS.to_string();
        for (seq, (line, fast)) in chain().iter().enumerate() {
            let seq = seq as u64;
            let general = check_line_general(line.as_bytes(), seq, &prev, 1, &|_, _| false);
            let (g, _) = general.unwrap_or_else(|e| panic!("{e:?}: {line}"));
            assert_eq!(agree(line.as_bytes(), seq, &prev, 1), *fast, "{line}");
            // not the expected place, an older format after a newer one: the general way
            assert!(scan(line.as_bytes(), seq + 1, &prev, 1).is_none());
            assert!(scan(line.as_bytes(), seq, GENESIS.trim_end_matches('0'), 1).is_none());
            let v1 = line.replacen("{\"v\":2,", "{\"v\":1,", 1);
            let v1 = rehash(&v1.as_bytes()[..v1.len() - HASH_SUFFIX_LEN]);
            assert_eq!(agree(&v1, seq, &prev, 1), *fast);
            assert!(scan(&v1, seq, &prev, 2).is_none());
            prev = g.hash.to_string();
        }
    }

    /// Every byte of every line changed, deleted or doubled, or a byte put before it: the
    /// scanner never takes the line (its hash no longer holds); and with the hash made right
    /// again, whatever the scanner takes the general check takes the same way.
    #[test]
    fn changed_lines_are_never_taken_and_rehashed_ones_agree() {
        const BYTES: &[u8] = b"x0129-.eE\"\\/nu{}[],: \x01\xc3\xa5\x7ftfl";
        let lines = chain();
        let mut prev = GENESIS.to_string();
        let (mut taken, mut tried) = (0, 0);
        for (seq, (line, _)) in lines.iter().enumerate() {
            let seq = seq as u64;
            let b = line.as_bytes();
            let cut = b.len() - HASH_SUFFIX_LEN;
            for i in 0..b.len() {
                let mut variants: Vec<Vec<u8>> = Vec::new();
                for &c in BYTES.iter().filter(|&&c| c != b[i]) {
                    let mut m = b.to_vec();
                    m[i] = c;
                    variants.push(m.clone());
                    m.insert(i, c);
                    m[i + 1] = b[i];
                    variants.push(m);
                }
                let mut m = b.to_vec();
                m.remove(i);
                variants.push(m);
                let mut m = b.to_vec();
                m.insert(i, b[i]);
                variants.push(m);
                for m in variants {
                    assert!(
                        scan(&m, seq, &prev, 1).is_none(),
                        "changed at byte {i}: {}",
                        String::from_utf8_lossy(&m)
                    );
                    if i < cut && m.len() >= HASH_SUFFIX_LEN {
                        let grown = m.len() + cut - b.len();
                        let body = m.get(..grown.min(m.len())).unwrap_or(&m);
                        tried += 1;
                        taken += usize::from(agree(&rehash(body), seq, &prev, 1));
                    }
                }
            }
            prev = line[cut + HASH_TAG.len()..line.len() - 2].to_string();
        }
        // the scanner does take sound changes (a digit for a digit, a letter in a text)
        assert!(taken > tried / 20, "taken {taken} of {tried}");
    }

    #[test]
    fn a_changed_byte_anywhere_fails_through_the_fast_path() {
        let mut text = String::new();
        let mut prev = GENESIS.to_string();
        for (seq, (line, fast)) in chain().into_iter().enumerate() {
            if fast {
                // only lines the scanner reads, chained anew
                let e: super::super::Event = serde_json::from_str(&line).unwrap();
                let (l, h) = encode(seq as u64, &e.time, &e.step, &e.kind, &e.data, &prev);
                assert!(scan(l.as_bytes(), seq as u64, &prev, 1).is_some());
                text.push_str(&l);
                text.push('\n');
                prev = h;
            } else {
                break;
            }
        }
        let bytes = text.as_bytes();
        let sound = verify_view(bytes, &|_, _| false, |_, _| {}).unwrap();
        assert!(sound.fault.is_none(), "{:?}", sound.fault);
        for i in 0..bytes.len() {
            if bytes[i] == b'\n' {
                continue;
            }
            let mut bad = bytes.to_vec();
            bad[i] = if bad[i] == b'x' { b'y' } else { b'x' };
            let v = verify_view(&bad[..], &|_, _| false, |_, _| {}).unwrap();
            let f = v
                .fault
                .unwrap_or_else(|| panic!("change at byte {i} not detected"));
            let start = bytes[..i]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |x| x + 1);
            assert_eq!(f.offset as usize, start, "byte {i}");
            let full = verify_with(&bad[..], |_, _| {}).unwrap();
            assert_eq!(
                (v.events, v.bytes, &v.last_hash),
                (full.events, full.bytes, &full.last_hash)
            );
            assert_eq!(full.fault.map(|f| (f.class, f.seq)), Some((f.class, f.seq)));
        }
    }
}
