//! Answers at a real terminal (a pseudo-terminal), in English, Norwegian, Swedish and Danish:
//! the mark left beside an answer is ✔ only for a yes, never for a no, a skip or a typed value
//! the checklist then refuses; a question longer than the terminal is wide leaves no stale line;
//! the replay of a session answered at the terminal fills a question's reading with what was
//! read, not with the answer.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use evfield::i18n::{Lang, tr_in};
use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect, Regex};

const LANGS: [Lang; 4] = [Lang::En, Lang::Nb, Lang::Sv, Lang::Da];

/// `evfield --lang LANG ARGS` at a terminal `cols` columns wide (evfield starts once the size
/// is set; keys sent before a prompt reads them are not echoed by the terminal, as the prompt
/// itself would not).
fn spawn(lang: Lang, data: &Path, cols: u16, args: &[&str]) -> Session {
    let mut line = format!(
        "until [ \"$(stty size)\" = \"40 {cols}\" ]; do :; done; stty -echo; exec '{}' --lang {} --data-dir '{}'",
        cargo_bin("evfield").display(),
        lang.code(),
        data.display()
    );
    for a in args {
        line.push_str(&format!(" '{a}'"));
    }
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(line)
        .env("NO_COLOR", "1")
        .env_remove("EVFIELD_LANG")
        .env_remove("EVFIELD_FAILPOINT");
    let mut p = Session::spawn(cmd).unwrap();
    // the pty gets its size once spawned; the shell waits for it before evfield starts
    p.get_process_mut().set_window_size(cols, 40).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p
}

/// Wait for the question `›`, send `keys`, read to the end; everything the terminal got.
fn answer(p: &mut Session, keys: &str) -> String {
    let m = p.expect("›").unwrap();
    let mut all = m.before().to_vec();
    all.extend_from_slice(m.get(0).unwrap());
    p.send(keys).unwrap();
    let rest = p.expect(Eof).unwrap();
    all.extend_from_slice(rest.before());
    for m in rest.matches() {
        all.extend_from_slice(m);
    }
    String::from_utf8_lossy(&all).to_string()
}

/// Wait for the question `›`, send `keys`, and read up to the next question; everything the
/// terminal got.
fn answer_until_next(p: &mut Session, keys: &str) -> String {
    let m = p.expect("›").unwrap();
    let mut all = m.before().to_vec();
    all.extend_from_slice(m.get(0).unwrap());
    p.send(keys).unwrap();
    let m = p.expect("›").unwrap();
    all.extend_from_slice(m.before());
    String::from_utf8_lossy(&all).to_string()
}

/// The precheck list with every item given but the advisory "verification checklist" one.
fn precheck(lang: Lang, data: &Path, cols: u16) -> Session {
    spawn(
        lang,
        data,
        cols,
        &[
            "checklist",
            "run",
            "precheck",
            "--set",
            "precheck.instructions=yes",
            "--set",
            "precheck.firmware_document=yes",
            "--set",
            "precheck.site_access=reception",
        ],
    )
}

/// The line where the answer `label` was left on screen (`<mark> <question> · <label>`).
fn answer_line(screen: &str, label: &str) -> String {
    let ansi = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").unwrap();
    let plain = ansi.replace_all(screen, "");
    let wanted = format!("· {label}");
    plain
        .split(['\n', '\r'])
        .find(|l| l.trim_end().ends_with(&wanted))
        .unwrap_or_else(|| panic!("no answer `{wanted}` in:\n{plain}"))
        .trim()
        .to_string()
}

#[test]
fn only_a_yes_is_ticked_at_the_terminal_in_every_language() {
    for lang in LANGS {
        let d = tempfile::tempdir().unwrap();
        let yes = tr_in(lang, "checklist.choice.yes", &[]);
        let no = tr_in(lang, "checklist.choice.no", &[]);
        let skip = tr_in(lang, "checklist.choice.skip", &[]);

        let mut p = precheck(lang, d.path(), 200);
        let line = answer_line(&answer(&mut p, "\r"), &yes);
        assert!(line.starts_with('✔'), "{}: {line}", lang.code());

        let mut p = precheck(lang, d.path(), 200);
        let line = answer_line(&answer(&mut p, "\x1b[B\r"), &no); // arrow down: No
        assert!(line.starts_with('✘'), "{}: {line}", lang.code());

        let mut p = precheck(lang, d.path(), 200);
        let line = answer_line(&answer(&mut p, "\x1b[A\r"), &skip); // arrow up: the last, skip
        assert!(!line.starts_with('✔'), "{}: {line}", lang.code());
        assert!(line.starts_with('–'), "{}: {line}", lang.code());

        // a multimeter reading of 230 V: typed, then refused by the safety gate
        let gate = "checklist run safety --set safety.power_isolated=yes";
        let mut args: Vec<&str> = gate.split(' ').collect();
        args.extend(["--set", "safety.lockout_tagout=yes"]);
        let mut p = spawn(lang, d.path(), 200, &args);
        let screen = answer_until_next(&mut p, "230\r");
        let line = answer_line(&screen, "230");
        assert!(!line.starts_with('✔'), "{}: {line}", lang.code());
        // the reading withdraws the confirmations, which are asked again at once
        let withdrawn = tr_in(lang, "safety.withdrawn", &[]);
        let tail = withdrawn.rsplit("{items}. ").next().unwrap();
        assert!(screen.contains(tail), "{}: {screen}", lang.code());
        p.send("\x03").unwrap();
        p.expect(Eof).unwrap();
    }
}

/// A screen as a terminal keeps it: rows of cells, the cursor, line wrapping at the right edge;
/// enough of the VT100 sequences for what dialoguer and console send.
struct Screen {
    cols: usize,
    rows: Vec<Vec<char>>,
    row: usize,
    col: usize,
}

impl Screen {
    fn new(cols: usize) -> Screen {
        Screen {
            cols,
            rows: vec![Vec::new()],
            row: 0,
            col: 0,
        }
    }

    fn line(&mut self) -> &mut Vec<char> {
        while self.rows.len() <= self.row {
            self.rows.push(Vec::new());
        }
        &mut self.rows[self.row]
    }

    fn put(&mut self, c: char) {
        if self.col >= self.cols {
            self.row += 1;
            self.col = 0;
        }
        let col = self.col;
        let line = self.line();
        while line.len() <= col {
            line.push(' ');
        }
        line[col] = c;
        self.col += 1;
    }

    fn feed(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => self.col = 0,
                '\n' => self.row += 1,
                '\x08' => self.col = self.col.saturating_sub(1),
                '\x1b' if chars.peek() == Some(&'[') => {
                    chars.next();
                    let mut params = String::new();
                    let mut end = ' ';
                    for c in chars.by_ref() {
                        if c.is_ascii_alphabetic() {
                            end = c;
                            break;
                        }
                        params.push(c);
                    }
                    let n: usize = params.trim_start_matches('?').parse().unwrap_or(0);
                    let n1 = n.max(1);
                    match end {
                        'A' => self.row = self.row.saturating_sub(n1),
                        'B' => self.row += n1,
                        'C' => self.col = (self.col + n1).min(self.cols),
                        'D' => self.col = self.col.saturating_sub(n1),
                        'G' => self.col = n1 - 1,
                        'K' => {
                            let col = self.col;
                            let line = self.line();
                            match n {
                                0 => line.truncate(col),
                                _ => line.clear(),
                            }
                        }
                        'J' => {
                            let col = self.col;
                            self.line().truncate(col);
                            let row = self.row;
                            self.rows.truncate(row + 1);
                        }
                        _ => {} // colours, cursor shown or hidden
                    }
                }
                '\x1b' => {
                    chars.next();
                }
                c if c.is_control() => {}
                c => self.put(c),
            }
        }
    }

    fn text(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|r| r.iter().collect::<String>().trim_end().to_string())
            .collect()
    }
}

#[test]
fn a_question_wider_than_the_terminal_leaves_no_stale_line() {
    for lang in LANGS {
        let d = tempfile::tempdir().unwrap();
        let cols = 40;
        for keys in ["\x1b[B\r", "\r"] {
            let mut p = precheck(lang, d.path(), cols as u16);
            let screen = answer(&mut p, keys);
            let mut s = Screen::new(cols);
            s.feed(&screen);
            let rows = s.text();
            assert!(
                rows.iter().all(|r| !r.starts_with("? ")),
                "{}: a question is left on screen after its answer:\n{}",
                lang.code(),
                rows.join("\n")
            );
            assert!(
                rows.iter()
                    .any(|r| r.starts_with('✔') || r.starts_with('✘')),
                "{}: the answer is not on screen:\n{}",
                lang.code(),
                rows.join("\n")
            );
        }
    }
}

/// Whether the journal in `data` has an answer to `key`.
fn answered(data: &Path, key: &str) -> bool {
    common::journal_of(data).is_some_and(|j| {
        common::events(&j)
            .iter()
            .any(|e| e["kind"] == "answer" && e["data"]["key"] == key)
    })
}

#[test]
fn replay_of_answers_given_at_the_terminal_shows_the_reading_not_the_answer() {
    let key = "evfield_simcharger.firmware_on_display";
    for lang in LANGS {
        let d = tempfile::tempdir().unwrap();
        let mut p = spawn(lang, d.path(), 200, &["renetwork", "--demo"]);
        // Enter takes each proposed answer until the firmware on the display is answered (the
        // next question comes only once the answer before it is journaled)
        let mut done = false;
        for _ in 0..30 {
            p.expect(Regex("›")).unwrap();
            if answered(d.path(), key) {
                done = true;
                break;
            }
            p.send("\r").unwrap();
        }
        assert!(done, "{}: the firmware question never came", lang.code());
        p.send("\x03").unwrap();
        p.expect(Eof).unwrap();

        let j = common::journal_of(d.path()).unwrap();
        let out = common::evfield(d.path())
            .args(["--lang", lang.code(), "replay", "--kind", "answer"])
            .arg(&j)
            .output()
            .unwrap();
        let t = common::text(&out);
        assert!(out.status.success(), "{t}");
        let line = t
            .lines()
            .find(|l| l.contains(key))
            .unwrap_or_else(|| panic!("{}: no answer to {key} in {t}", lang.code()));
        assert!(!line.contains("{value}"), "{}: {line}", lang.code());
        // the question names what was read (5.2.1), the answer follows it
        assert!(line.contains("5.2.1"), "{}: {line}", lang.code());
    }
}
