//! Long waits and live detail on stderr.
//!
//! A wait (the network to see the station's OCPP connection, the station to restart, a GPS fix,
//! `station status --wait`, `sync --wait`) is described by a [`Wait`]: what is awaited, the state
//! seen, the time limit, and what to check when it takes long (the manufacturer's troubleshooting,
//! seed 002). The session reports it through [`crate::session::prompt::Prompter::progress`]; the
//! terminal front end and the CLI commands draw it with [`show`]: a spinner line with the elapsed
//! and the remaining time (indicatif, only when stderr is a terminal), and, once
//! [`Wait::hints_after`] has passed, the hints printed above it once.
//!
//! `-v` lines (API calls, service-port traffic) go through [`trace`], printed with [`line`] so
//! that they never tear a spinner. They hold no secret: API calls are method, path, status and
//! time (never a header value or a body), traffic is what the journal keeps (secrets masked).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What a long wait is waiting for, and what to check when it takes long.
#[derive(Debug, Clone, PartialEq)]
pub struct Wait {
    /// What is awaited, in the installer's words.
    pub what: String,
    /// The state seen last, when there is one (`connecting`).
    pub state: Option<String>,
    /// When the wait gives up.
    pub limit: Option<Duration>,
    /// What to check, shown once the wait has lasted [`Wait::hints_after`].
    pub hints: Vec<String>,
    pub hints_after: Duration,
    /// When the wait began (the clocks count from here).
    pub started: Instant,
}

impl Wait {
    /// A wait for `what` with a time limit, hints after [`hints_delay`].
    pub fn new(what: String, limit: Option<Duration>) -> Wait {
        Wait {
            what,
            state: None,
            limit,
            hints: Vec::new(),
            hints_after: hints_delay(limit),
            started: Instant::now(),
        }
    }

    /// The wait began earlier (a command that shows it only between its attempts).
    pub fn since(mut self, started: Instant) -> Wait {
        self.started = started;
        self
    }

    pub fn with_state(mut self, state: String) -> Wait {
        self.state = Some(state);
        self
    }

    pub fn with_hints(mut self, hints: Vec<String>) -> Wait {
        self.hints = hints;
        self
    }
}

/// `start + limit`, or the furthest instant the clock can hold when that sum overflows: a wait
/// with a huge limit waits "for ever" instead of panicking.
pub fn deadline(start: Instant, limit: Duration) -> Instant {
    start.checked_add(limit).unwrap_or_else(|| {
        // halve the limit until the sum fits (at most 64 rounds)
        let mut d = limit;
        loop {
            d /= 2;
            if let Some(t) = start.checked_add(d) {
                return t;
            }
        }
    })
}

/// When the hints of a wait are shown: after a third of its limit, and at most after 30 s.
pub fn hints_delay(limit: Option<Duration>) -> Duration {
    let cap = Duration::from_secs(30);
    limit.map_or(cap, |l| (l / 3).min(cap))
}

/// A report of a long wait to the front end.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// The wait goes on (sent when it starts and whenever what it shows changes).
    Wait(Wait),
    /// The wait is over: the spinner goes away (hints already printed stay).
    Done,
}

/// The pause between two polls of something that changes by itself (a modem registering, a
/// station connecting): short at first, so a quick change is seen at once, then doubling up to
/// [`Backoff::MAX`], and never past the deadline.
#[derive(Debug, Clone)]
pub struct Backoff {
    next: Duration,
}

impl Backoff {
    pub const FIRST: Duration = Duration::from_millis(25);
    pub const MAX: Duration = Duration::from_secs(1);

    pub fn new() -> Backoff {
        Backoff { next: Self::FIRST }
    }

    /// The pause before the next poll (at most what is left until `deadline`), and the one
    /// after it doubled.
    pub fn pause(&mut self, now: Instant, deadline: Instant) -> Duration {
        let p = self.next.min(deadline.saturating_duration_since(now));
        self.next = (self.next * 2).min(Self::MAX);
        p
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new()
    }
}

/// The spinner being drawn, if any.
struct Active {
    id: u64,
    what: String,
    bar: indicatif::ProgressBar,
    started: Instant,
    /// Hints printed for this wait (each once), or whose timer runs.
    printed: Vec<String>,
    scheduled: Vec<String>,
    /// The hints of the state seen last: a timer prints only these.
    current: Vec<String>,
}

static ACTIVE: Mutex<Option<Active>> = Mutex::new(None);
static NEXT_ID: AtomicU64 = AtomicU64::new(1);
static VERBOSE: AtomicU8 = AtomicU8::new(0);

fn active() -> MutexGuard<'static, Option<Active>> {
    ACTIVE.lock().unwrap_or_else(|p| p.into_inner())
}

/// `m:ss`.
fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

/// The spinner's style: what, elapsed, and the time left when there is a limit (the clock runs
/// on indicatif's steady tick, so it moves while the caller is blocked).
fn style(limit: Option<Duration>) -> indicatif::ProgressStyle {
    // the clocks first: on a narrow terminal the message is cut, never the time
    let template = match limit {
        Some(_) => "{spinner} {elapsed_clock} · {left} · {wide_msg}",
        None => "{spinner} {elapsed_clock} · {wide_msg}",
    };
    indicatif::ProgressStyle::with_template(template)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
        .with_key(
            "elapsed_clock",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&clock(s.elapsed()));
            },
        )
        .with_key(
            "left",
            move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                // rounded up: the last second reads 0:01, not 0:00
                let left = limit.unwrap_or_default().saturating_sub(s.elapsed());
                let left = Duration::from_secs(left.as_secs() + u64::from(left.subsec_nanos() > 0));
                let _ = w.write_str(&crate::t!("waits.left", time = clock(left)));
            },
        )
}

fn message(w: &Wait) -> String {
    let text = match &w.state {
        Some(state) => crate::t!("waits.what_state", what = w.what, state = state),
        None => w.what.clone(),
    };
    crate::output::safe_text(&text).into_owned()
}

/// Draw a wait on stderr when it is a terminal (nothing otherwise): the spinner with its clocks,
/// then the hints, printed once above it when the wait has lasted long enough.
pub fn show(p: &Progress) {
    let w = match p {
        Progress::Done => {
            if let Some(a) = active().take() {
                a.bar.finish_and_clear();
            }
            return;
        }
        Progress::Wait(w) => w,
    };
    if !std::io::stderr().is_terminal() {
        return;
    }
    let mut g = active();
    if g.as_ref().is_some_and(|a| a.what != w.what)
        && let Some(a) = g.take()
    {
        a.bar.finish_and_clear();
    }
    let a = g.get_or_insert_with(|| {
        let bar = indicatif::ProgressBar::new_spinner().with_elapsed(w.started.elapsed());
        bar.set_style(style(w.limit));
        bar.set_message(message(w));
        bar.enable_steady_tick(Duration::from_millis(120));
        Active {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            what: w.what.clone(),
            bar,
            started: w.started,
            printed: Vec::new(),
            scheduled: Vec::new(),
            current: Vec::new(),
        }
    });
    a.bar.set_message(message(w));
    a.current = w.hints.clone();
    let new: Vec<String> = w
        .hints
        .iter()
        .filter(|h| !a.printed.contains(h) && !a.scheduled.contains(h))
        .cloned()
        .collect();
    if new.is_empty() {
        return;
    }
    let due = w.hints_after.saturating_sub(a.started.elapsed());
    let id = a.id;
    if due.is_zero() {
        print_hints(a, &new);
        return;
    }
    // printed later by a timer, if this very wait is still on then
    a.scheduled.extend(new.iter().cloned());
    std::thread::spawn(move || {
        std::thread::sleep(due);
        if let Some(a) = active().as_mut().filter(|a| a.id == id) {
            print_hints(a, &new);
        }
    });
}

fn print_hints(a: &mut Active, hints: &[String]) {
    for h in hints {
        // a state no longer seen: its hint may be scheduled again if the state comes back
        a.scheduled.retain(|s| s != h);
        if a.printed.contains(h) || !a.current.contains(h) {
            continue;
        }
        let text = crate::output::safe_text(&crate::t!("waits.hint", text = h)).into_owned();
        let text = match std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            true => text,
            false => console::style(text).for_stderr().yellow().to_string(),
        };
        a.bar.suspend(|| eprintln!("{text}"));
        a.printed.push(h.clone());
    }
}

/// Print a line on stderr without tearing the spinner being drawn. The text is made safe for the
/// terminal first ([`crate::output::safe_text`]): it may hold what a station or the network sent.
pub fn line(text: &str) {
    print_line(&crate::output::safe_text(text));
}

/// [`line`] in a colour: the text is made safe first, then styled, so the colour still works.
pub fn styled_line(style: &console::Style, text: &str) {
    print_line(&styled(style, text));
}

fn styled(style: &console::Style, text: &str) -> String {
    style.apply_to(crate::output::safe_text(text)).to_string()
}

fn print_line(text: &str) {
    match active().as_ref() {
        Some(a) => a.bar.suspend(|| eprintln!("{text}")),
        None => eprintln!("{text}"),
    }
}

/// Set how much `-v` detail [`trace`] prints (0: none). Called once by the command line.
pub fn set_verbosity(v: u8) {
    VERBOSE.store(v, Ordering::Relaxed);
}

/// A `-v` line (`level` 1) or `-vv` line (2) on stderr, built only when it is printed.
pub fn trace(level: u8, text: impl FnOnce() -> String) {
    if level > 0 && VERBOSE.load(Ordering::Relaxed) >= level {
        line(&text());
    }
}

/// Like [`trace`], but a line with the same `key` as the one before (a status polled every
/// 200 ms) is counted instead of printed, at `-v`; the count is printed before the next other
/// line. `-vv` prints every one.
pub fn trace_repeated(level: u8, key: &str, text: impl FnOnce() -> String) {
    if !tracing(level) {
        return;
    }
    if !tracing(level + 1) {
        let mut last = LAST_TRACE.lock().unwrap_or_else(|p| p.into_inner());
        if last.0 == key {
            last.1 += 1;
            return;
        }
        if last.1 > 0 {
            line(&format!("     ... {} more", last.1));
        }
        *last = (key.to_string(), 0);
    }
    line(&text());
}

static LAST_TRACE: Mutex<(String, u32)> = Mutex::new((String::new(), 0));

/// Whether `-v` detail of this level is printed.
pub fn tracing(level: u8) -> bool {
    level > 0 && VERBOSE.load(Ordering::Relaxed) >= level
}

/// A wait drawn by a command (not a session): shown on a terminal unless `quiet`, gone when
/// dropped.
pub struct Shown {
    on: bool,
}

impl Shown {
    pub fn start(w: Wait, quiet: bool) -> Shown {
        let s = Shown { on: !quiet };
        s.update(w);
        s
    }

    /// What the wait shows now (state, hints).
    pub fn update(&self, w: Wait) {
        if self.on {
            show(&Progress::Wait(w));
        }
    }
}

impl Drop for Shown {
    fn drop(&mut self) {
        if self.on {
            show(&Progress::Done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_is_made_safe_then_coloured() {
        let red = console::Style::new().red().force_styling(true);
        let s = styled(&red, "⚠ model \x1b[2J\x1b]0;t\x07\u{202e}");
        assert_eq!(
            s, "\x1b[31m⚠ model \\x1b[2J\\x1b]0;t\\x07\\u{202e}\x1b[0m",
            "our colour stays, the station's sequences are shown"
        );
        let w = Wait::new("model \x1b[2J".into(), None).with_state("\u{9b}1m".into());
        assert!(!message(&w).contains(['\x1b', '\u{9b}']), "{}", message(&w));
    }

    #[test]
    fn hints_come_after_a_third_of_the_limit_and_at_most_30_s() {
        assert_eq!(
            hints_delay(Some(Duration::from_secs(300))),
            Duration::from_secs(30)
        );
        assert_eq!(
            hints_delay(Some(Duration::from_secs(9))),
            Duration::from_secs(3)
        );
        assert_eq!(hints_delay(None), Duration::from_secs(30));
    }

    #[test]
    fn a_huge_limit_saturates_instead_of_panicking() {
        let now = Instant::now();
        assert!(deadline(now, Duration::MAX) > now + Duration::from_secs(86_400 * 365));
        assert_eq!(
            deadline(now, Duration::from_secs(5)),
            now + Duration::from_secs(5)
        );
    }

    #[test]
    fn clocks_read_minutes_and_seconds() {
        assert_eq!(clock(Duration::from_secs(0)), "0:00");
        assert_eq!(clock(Duration::from_millis(61_900)), "1:01");
        assert_eq!(clock(Duration::from_secs(300)), "5:00");
    }

    #[test]
    fn a_backoff_starts_short_doubles_and_stops_at_the_deadline() {
        let now = Instant::now();
        let mut b = Backoff::new();
        let far = now + Duration::from_secs(60);
        let got: Vec<u64> = (0..8)
            .map(|_| b.pause(now, far).as_millis() as u64)
            .collect();
        assert_eq!(got, [25, 50, 100, 200, 400, 800, 1000, 1000]);
        let mut b = Backoff::new();
        assert_eq!(
            b.pause(now, now + Duration::from_millis(10)),
            Duration::from_millis(10)
        );
        assert_eq!(b.pause(now, now), Duration::ZERO);
    }

    #[test]
    fn trace_builds_nothing_below_its_level() {
        set_verbosity(0);
        trace(1, || panic!("built although -v is off"));
        assert!(!tracing(1));
    }
}
