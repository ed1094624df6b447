//! One output layer for human text and JSON.
//!
//! Results go to stdout: human text, or exactly one JSON document with `--json` (JSON lines for
//! streams). Progress and notes go to stderr and are silenced by `-q`. A closed pipe (`| head`)
//! ends output quietly; it is not an error.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::Error;

/// The value as JSON, with `"schema": 1` added to an object that has no `schema`.
fn versioned<T: Serialize>(value: &T) -> serde_json::Value {
    let mut v = serde_json::to_value(value)
        .unwrap_or_else(|e| serde_json::json!({ "error": crate::t!("rec.out.encode", why = e) }));
    if let Some(o) = v.as_object_mut() {
        o.entry("schema").or_insert(serde_json::json!(1));
    }
    v
}

/// Whether a character would act on a terminal instead of being shown: C0 controls other than
/// line feed and tab, DEL, C1 controls (U+0080 to U+009F) and the bidirectional overrides and
/// isolates (U+202A to U+202E, U+2066 to U+2069).
fn acts_on_terminal(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether no character of `text` acts on a terminal. Printable ASCII, line feeds and tabs (the
/// common case) are recognised 64 bytes at a time (a branch a block, which the compiler turns
/// into vector compares); anything else is looked at character by character.
fn acts_on_nothing(text: &str) -> bool {
    let plain = |b: u8| b.wrapping_sub(0x20) < 0x5f || b == b'\n' || b == b'\t';
    text.as_bytes()
        .chunks(64)
        .all(|c| c.iter().fold(true, |ok, &b| ok & plain(b)))
        || !text.chars().any(acts_on_terminal)
}

/// Text from outside (a station, the network, a journal, a bundle, a file) made safe to print on
/// a terminal: every character that would act on the terminal (an escape sequence clearing the
/// screen, setting the window title or writing the clipboard, a bidi override reordering the
/// line) is shown visibly instead, as `\x1b` (below U+0080) or `\u{202e}`. Line feeds and tabs
/// stay. Text with nothing to change is borrowed as it is.
pub fn safe_text(text: &str) -> Cow<'_, str> {
    if acts_on_nothing(text) {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !acts_on_terminal(c) => s.push(c),
            c if (c as u32) < 0x80 => s.push_str(&format!("\\x{:02x}", c as u32)),
            c => s.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(s)
}

/// A JSON text with the characters that would act on a terminal but that JSON leaves as they are
/// (DEL, C1 controls, bidi overrides) written as `\uXXXX` escapes: the same document, safe to
/// print. serde_json already escapes the C0 controls; outside strings JSON is plain ASCII, so
/// every such character is inside a string, where the escape means the very same character.
fn json_safe(json: String) -> String {
    if acts_on_nothing(&json) {
        return json;
    }
    let mut s = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if acts_on_terminal(c) {
            s.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            s.push(c);
        }
    }
    s
}

/// The width of a column of labels (`  session     value`): one more than the longest label's
/// characters, and at least `min`, so translated labels keep their values lined up.
pub fn label_width(labels: &[&str], min: usize) -> usize {
    labels
        .iter()
        .map(|l| l.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(min)
}

/// The bytes [`Output::stream_item`] writes, made without an [`Output`] (a replay formats its
/// lines on several threads, then writes them in order).
pub fn stream_item_text<T: Serialize>(
    json: bool,
    value: &T,
    human: impl FnOnce(&T) -> String,
) -> String {
    if json {
        let s = serde_json::to_string(&versioned(value)).unwrap_or_default();
        json_safe(s) + "\n"
    } else {
        safe_text(&(human(value) + "\n")).into_owned()
    }
}

pub struct Output {
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    out: Box<dyn Write + Send>,
    err: Box<dyn Write + Send>,
    pipe_closed: bool,
    /// stdout's bytes held back by [`Output::buffer_stdout`].
    held: Option<Vec<u8>>,
}

/// How much [`Output::buffer_stdout`] holds before it writes.
const HELD_BYTES: usize = 64 * 1024;

impl Output {
    /// Output to the process's stdout and stderr.
    pub fn stdio(json: bool, quiet: bool, verbose: u8) -> Self {
        Output {
            json,
            quiet,
            verbose,
            out: Box::new(io::stdout()),
            err: Box::new(io::stderr()),
            pipe_closed: false,
            held: None,
        }
    }

    /// Output into any writers (tests).
    pub fn from_write(json: bool, out: Box<dyn Write + Send>, err: Box<dyn Write + Send>) -> Self {
        Output {
            json,
            quiet: false,
            verbose: 0,
            out,
            err,
            pipe_closed: false,
            held: None,
        }
    }

    fn write_out(&mut self, text: &str) {
        self.write_bytes(text.as_bytes());
    }

    /// Human text on stdout, made safe for a terminal ([`safe_text`]).
    fn write_human(&mut self, text: &str) {
        let safe = safe_text(text);
        self.write_bytes(safe.as_bytes());
    }

    /// Human text on stderr, made safe for a terminal, with a line break.
    fn err_line(&mut self, text: &str) {
        let _ = writeln!(self.err, "{}", safe_text(text));
    }

    /// Hold what goes to stdout and write it 64 KiB at a time, until [`Output::flush_held`]: for
    /// a long stream that is not watched line by line (a replay, not a followed one).
    pub fn buffer_stdout(&mut self) {
        self.held
            .get_or_insert_with(|| Vec::with_capacity(HELD_BYTES));
    }

    /// Write what [`Output::buffer_stdout`] held, and write straight through again.
    pub fn flush_held(&mut self) {
        if let Some(held) = self.held.take() {
            self.write_through(&held);
        }
    }

    /// Write what [`Output::buffer_stdout`] holds so far, and go on holding (the end of a
    /// group of lines written together; the buffer is kept).
    pub fn write_held(&mut self) {
        if let Some(mut held) = self.held.take() {
            self.write_through(&held);
            held.clear();
            self.held = Some(held);
        }
    }

    fn write_bytes(&mut self, bytes: &[u8]) {
        if self.pipe_closed {
            return;
        }
        if let Some(held) = self.held.as_mut() {
            held.extend_from_slice(bytes);
            if held.len() >= HELD_BYTES {
                let full = std::mem::replace(held, Vec::with_capacity(HELD_BYTES));
                self.write_through(&full);
            }
            return;
        }
        self.write_through(bytes);
    }

    fn write_through(&mut self, bytes: &[u8]) {
        if self.pipe_closed {
            return;
        }
        let r = self.out.write_all(bytes).and_then(|_| self.out.flush());
        if r.is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
            self.pipe_closed = true;
        }
    }

    /// A line of the human result on stdout (ignored in JSON mode).
    pub fn line(&mut self, text: impl AsRef<str>) {
        if !self.json {
            let mut s = text.as_ref().to_string();
            s.push('\n');
            self.write_human(&s);
        }
    }

    /// The result: one JSON document in JSON mode, else the human rendering. A document that
    /// does not say its `schema` version gets `"schema": 1` (docs/json.md).
    pub fn result<T: Serialize>(&mut self, value: &T, human: impl FnOnce(&T) -> String) {
        if self.json {
            let s = serde_json::to_string_pretty(&versioned(value)).unwrap_or_else(|e| {
                serde_json::json!({ "error": crate::t!("rec.out.encode", why = e) }).to_string()
            });
            self.write_out(&(json_safe(s) + "\n"));
        } else {
            let mut s = human(value);
            if !s.ends_with('\n') {
                s.push('\n');
            }
            self.write_human(&s);
        }
    }

    /// One JSON line of a stream (JSON mode) or a human line.
    pub fn stream_item<T: Serialize>(&mut self, value: &T, human: impl FnOnce(&T) -> String) {
        let s = stream_item_text(self.json, value, human);
        self.write_out(&s);
    }

    /// [`Output::stream_item`] of a value whose JSON is already the document: an object with
    /// its `schema` and its members in the order of their names (what going through a
    /// `serde_json::Value` gives), encoded straight to text: a batch's line a row.
    pub fn stream_document<T: Serialize>(&mut self, value: &T, human: impl FnOnce(&T) -> String) {
        if !self.json {
            return self.stream_item(value, human);
        }
        let mut s = serde_json::to_string(value).unwrap_or_default();
        debug_assert_eq!(
            s,
            serde_json::to_string(&versioned(value)).unwrap_or_default(),
            "not a document in stream_item's form"
        );
        s = json_safe(s);
        s.push('\n');
        self.write_out(&s);
    }

    /// Bytes as they are (generated files such as completions), in any mode.
    pub fn raw(&mut self, bytes: &[u8]) {
        self.write_out(&String::from_utf8_lossy(bytes));
    }

    /// Binary bytes as they are (a PNG or PDF piped to a file), in any mode.
    pub fn raw_bytes(&mut self, bytes: &[u8]) {
        self.write_bytes(bytes);
    }

    /// A note for the person at the terminal (stderr; hidden by `-q` and in JSON mode).
    pub fn note(&mut self, text: impl AsRef<str>) {
        if self.quiet || self.json {
            return;
        }
        self.err_line(text.as_ref());
    }

    /// A progress event a script may need before the result (where a server listens): one JSON
    /// line on stderr with `--json`, else the human text as a note.
    pub fn progress(&mut self, text: impl AsRef<str>, event: &serde_json::Value) {
        if self.json {
            let _ = writeln!(self.err, "{}", json_safe(event.to_string()));
        } else {
            self.note(text);
        }
    }

    /// Detail shown only with `-v`.
    pub fn debug(&mut self, text: impl AsRef<str>) {
        if self.verbose > 0 {
            self.err_line(text.as_ref());
        }
    }

    /// Report an error on stderr: JSON with a code in JSON mode, else message and help.
    pub fn error(&mut self, err: &Error) {
        if self.json {
            let _ = writeln!(self.err, "{}", json_safe(err.to_json().to_string()));
        } else {
            let message = crate::t!("rec.out.error", code = err.code, message = err.message);
            self.err_line(&message);
            if let Some(h) = &err.help {
                self.err_line(&format!("  {}: {h}", crate::t!("common.help")));
            }
        }
    }

    pub fn pipe_closed(&self) -> bool {
        self.pipe_closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn json_mode_prints_one_document_and_errors_as_json() {
        let out = Buf::default();
        let err = Buf::default();
        let mut o = Output::from_write(true, Box::new(out.clone()), Box::new(err.clone()));
        o.line("human only");
        o.result(&serde_json::json!({"a": 1}), |_| "A".into());
        o.error(&Error::validation("E_X", "bad value"));
        let s = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["a"], 1);
        let e = String::from_utf8(err.0.lock().unwrap().clone()).unwrap();
        let ev: serde_json::Value = serde_json::from_str(e.trim()).unwrap();
        assert_eq!(ev["error"]["code"], "E_X");
        assert_eq!(ev["error"]["exit_code"], 3);
    }

    #[test]
    fn every_document_says_its_schema() {
        let out = Buf::default();
        let mut o = Output::from_write(true, Box::new(out.clone()), Box::new(io::sink()));
        o.stream_item(&serde_json::json!({"a": 1}), |_| String::new());
        o.stream_item(&serde_json::json!({"schema": 2}), |_| String::new());
        o.stream_item(&serde_json::json!([1]), |_| String::new());
        let s = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<serde_json::Value> = s
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["schema"], 1);
        assert_eq!(lines[1]["schema"], 2, "a document's own version is kept");
        assert_eq!(lines[2], serde_json::json!([1]));
    }

    #[test]
    fn closed_pipe_is_remembered_not_fatal() {
        let mut o = Output::from_write(false, Box::new(Closed), Box::new(io::sink()));
        o.line("x");
        assert!(o.pipe_closed());
        o.line("y");
    }

    #[test]
    fn outside_text_is_shown_not_obeyed() {
        assert_eq!(safe_text("plain\tline\n"), "plain\tline\n");
        assert!(matches!(safe_text("æøå ✔"), Cow::Borrowed(_)));
        assert_eq!(
            safe_text("a\x1b[2Jb\x1b]52;c;aGk=\x07\r\0\x7f"),
            "a\\x1b[2Jb\\x1b]52;c;aGk=\\x07\\x0d\\x00\\x7f"
        );
        assert_eq!(
            safe_text("\u{9b}2J\u{202e}txt\u{2066}\u{2069}\u{202a}"),
            "\\u{9b}2J\\u{202e}txt\\u{2066}\\u{2069}\\u{202a}"
        );
        // neighbours of the ranges are ordinary text
        assert_eq!(
            safe_text("\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}").len(),
            14
        );
    }

    #[test]
    fn human_output_is_made_safe_json_stays_exact() {
        let out = Buf::default();
        let err = Buf::default();
        let mut o = Output::from_write(false, Box::new(out.clone()), Box::new(err.clone()));
        o.line("model \x1b[2J");
        o.result(&"x", |_| "title \x1b]0;t\x07".into());
        o.stream_item(&"x", |_| "\u{202e}row".into());
        o.note("note \x1b[31m");
        o.error(&Error::validation("E_X", "bad \x1b[2J").with_help("help \u{9b}"));
        let s = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert_eq!(s, "model \\x1b[2J\ntitle \\x1b]0;t\\x07\n\\u{202e}row\n");
        let e = String::from_utf8(err.0.lock().unwrap().clone()).unwrap();
        assert!(!e.contains('\x1b') && !e.contains('\u{9b}'), "{e:?}");
        assert!(
            e.contains("note \\x1b[31m") && e.contains("bad \\x1b[2J"),
            "{e:?}"
        );
        assert!(e.contains("help \\u{9b}"), "{e:?}");

        let out = Buf::default();
        let mut o = Output::from_write(true, Box::new(out.clone()), Box::new(io::sink()));
        o.result(&serde_json::json!({"model": "\x1b[2J"}), |_| String::new());
        let s = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["model"], "\x1b[2J", "JSON keeps the exact value");
        assert!(!s.contains('\x1b'));

        // characters JSON leaves raw are escaped too, for the same value
        let out = Buf::default();
        let err = Buf::default();
        let mut o = Output::from_write(true, Box::new(out.clone()), Box::new(err.clone()));
        let model = "a\u{9b}2J\u{202e}b\u{7f}";
        o.result(&serde_json::json!({ model: model }), |_| String::new());
        o.stream_item(&serde_json::json!({ "m": model }), |_| String::new());
        o.error(&Error::validation("E_X", model));
        let s = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert!(s.contains("a\\u009b2J\\u202eb\\u007f"), "{s}");
        assert!(!s.contains(['\u{9b}', '\u{202e}', '\u{7f}']), "{s:?}");
        let mut docs = serde_json::Deserializer::from_str(&s).into_iter::<serde_json::Value>();
        assert_eq!(docs.next().unwrap().unwrap()[model], model);
        assert_eq!(docs.next().unwrap().unwrap()["m"], model);
        let e = String::from_utf8(err.0.lock().unwrap().clone()).unwrap();
        assert!(!e.contains('\u{9b}'), "{e:?}");
        let ev: serde_json::Value = serde_json::from_str(e.trim()).unwrap();
        assert_eq!(ev["error"]["message"], model);
    }
}
