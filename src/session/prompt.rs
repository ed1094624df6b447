//! How the session talks to a person: through [`Prompter`], never directly. The terminal front
//! end uses dialoguer; scripted and test front ends answer from a table or refuse to ask.

use std::collections::BTreeMap;

use serde::Serialize;

use super::keys::{KeyDef, ValueKind};
use crate::{Error, Result};

/// The theme for `q`: its choices' labels with their marks.
fn theme_for(q: &Question, color: bool) -> super::theme::AnswerTheme {
    let mut marks: Vec<(String, super::theme::Mark)> = q
        .choices
        .iter()
        .map(|c| (c.label.clone(), super::theme::Mark::of_choice(&c.id)))
        .collect();
    if q.def.kind == super::keys::ValueKind::Confirm {
        marks.push((crate::t!("prompt.yes"), super::theme::Mark::Accepted));
        marks.push((crate::t!("prompt.no"), super::theme::Mark::Refused));
    }
    let width = console::Term::stderr().size().1 as usize;
    super::theme::AnswerTheme::new(color, marks, width)
}

pub use crate::vocab::Choice;

/// One question put to the person.
#[derive(Debug, Clone)]
pub struct Question {
    pub def: &'static KeyDef,
    /// The question text (already with the values it mentions filled in).
    pub text: String,
    /// Proposed answer, taken when the person just presses Enter.
    pub default: Option<String>,
    pub choices: Vec<Choice>,
}

/// How loud a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Info,
    Success,
    Warning,
    Danger,
}

/// Something the session wants the person to see.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    pub phase: String,
    pub level: Level,
    pub text: String,
}

/// The front end of a session.
pub trait Prompter {
    /// Whether a person can be asked at all.
    fn can_ask(&self) -> bool;
    /// Ask one question; the answer is text (`yes`/`no` for confirmations, the id for choices).
    fn ask(&mut self, q: &Question) -> Result<String>;
    /// Ask one question whose answer must pass `check` (`Err` holds the reason). A front end
    /// that can show the reason in place (the terminal's typed answers) asks again there; the
    /// session checks the answer it gets either way.
    fn ask_checked(&mut self, q: &Question, check: &TypedCheck) -> Result<String> {
        let _ = check;
        self.ask(q)
    }
    /// Ask for a photo that must pass `rules` (the photo before work, the pinpoint photo, a
    /// checklist item's photo); a photo that comes some other way than typed (the phone as the
    /// camera) is kept in `dir`. By default the path is asked like any typed answer.
    fn ask_photo(
        &mut self,
        q: &Question,
        check: &TypedCheck,
        rules: crate::pinpoint::photo::Rules,
        dir: &std::path::Path,
    ) -> Result<String> {
        let _ = (rules, dir);
        self.ask_checked(q, check)
    }
    /// Show a notice.
    fn notify(&mut self, n: &Notice);
    /// Show the activation sticker (its files are in `dir`). The terminal draws the QR code;
    /// other front ends show its text.
    fn show_sticker(&mut self, s: &crate::sticker::Sticker, dir: &std::path::Path) {
        for text in sticker_lines(s, dir) {
            self.notify(&Notice {
                phase: "labels".into(),
                level: Level::Info,
                text,
            });
        }
    }
    /// A long wait goes on, or is over ([`crate::waits`]). The terminal draws a spinner with
    /// the time left and the hints; other front ends show nothing.
    fn progress(&mut self, _p: &crate::waits::Progress) {}
    /// Ask for a secret (the installer password) without echo. Never journaled.
    fn ask_secret(&mut self, prompt: &str) -> Result<String> {
        Err(Error::usage(
            "E_NO_PASSWORD",
            crate::t!("rec.prompt.no_terminal", prompt = prompt),
        )
        .with_help(crate::t!("rec.prompt.no_terminal.help")))
    }
}

/// A check of a typed answer: `Err` holds why it is refused.
pub type TypedCheck<'a> = dyn Fn(&str) -> std::result::Result<(), String> + 'a;

/// The sticker's text: MAC, password, URL and where its files are.
pub fn sticker_lines(s: &crate::sticker::Sticker, dir: &std::path::Path) -> Vec<String> {
    vec![
        format!(
            "{}: {}   {}: {}",
            s.labels.mac, s.mac, s.labels.password, s.password
        ),
        crate::t!("sticker.url", url = s.url),
        crate::t!("sticker.files", dir = dir.display()),
    ]
}

/// A front end with nobody to ask: every value must come from flags, the answers file or the
/// station; notices go to a callback (the CLI prints them on stderr).
pub struct NoTerminal<F: FnMut(&Notice)> {
    pub on_notice: F,
}

impl<F: FnMut(&Notice)> Prompter for NoTerminal<F> {
    fn can_ask(&self) -> bool {
        false
    }
    fn ask(&mut self, q: &Question) -> Result<String> {
        Err(missing(q.def))
    }
    fn notify(&mut self, n: &Notice) {
        (self.on_notice)(n)
    }
}

/// The error for a value nobody gave and nobody can be asked for.
pub fn missing(def: &KeyDef) -> Error {
    Error::usage(
        "E_MISSING_VALUE",
        crate::t!(
            "session.missing_value",
            key = def.key,
            question = def.question_text()
        ),
    )
    .with_help(def.how_to_give())
}

/// A front end for tests: answers from a table, records what was asked.
#[derive(Default)]
pub struct Scripted {
    pub answers: BTreeMap<String, String>,
    pub asked: Vec<String>,
    pub notices: Vec<Notice>,
}

impl Prompter for Scripted {
    fn can_ask(&self) -> bool {
        true
    }
    fn ask(&mut self, q: &Question) -> Result<String> {
        self.asked.push(q.def.key.to_string());
        match self.answers.get(q.def.key) {
            Some(v) => Ok(v.clone()),
            None => q.default.clone().ok_or_else(|| missing(q.def)),
        }
    }
    fn notify(&mut self, n: &Notice) {
        self.notices.push(n.clone());
    }
    fn ask_secret(&mut self, prompt: &str) -> Result<String> {
        self.asked.push("account.password".into());
        self.answers
            .get("account.password")
            .cloned()
            .ok_or_else(|| Error::usage("E_NO_PASSWORD", prompt.to_string()))
    }
}

/// The interactive front end: big clear prompts on stderr through dialoguer.
pub struct Terminal {
    pub color: bool,
    /// Where to serve the phone camera's upload page at a photo prompt (`--phone-camera`).
    pub phone: Option<std::net::SocketAddr>,
}

pub(crate) fn dialog_err(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(io) => terminal_err(io),
    }
}

/// A prompt's read from the terminal failed: Ctrl-C, or the terminal itself.
fn terminal_err(io: std::io::Error) -> Error {
    if io.kind() == std::io::ErrorKind::Interrupted {
        return Error::interrupted();
    }
    Error::internal(
        "E_TERMINAL",
        crate::t!("rec.prompt.terminal", why = crate::error::io_reason(&io)),
    )
}

impl Prompter for Terminal {
    fn can_ask(&self) -> bool {
        true
    }

    fn ask(&mut self, q: &Question) -> Result<String> {
        use dialoguer::{Confirm, Input, Select};
        let theme = theme_for(q, self.color);
        // A safety item takes no proposed answer: nothing is preselected, Enter alone does
        // nothing until the installer chooses (or types) the answer.
        let default = proposed(q);
        match q.def.kind {
            // dialoguer's y/n prompt only speaks English (its keys are y and n): in another
            // language a confirmation is a choice between the translated words.
            ValueKind::Confirm if crate::i18n::lang() != crate::i18n::Lang::En => {
                let items = [crate::t!("prompt.yes"), crate::t!("prompt.no")];
                let mut select = Select::with_theme(&theme)
                    .with_prompt(&q.text)
                    .items(&items);
                // as dialoguer's Confirm: with no default, nothing is preselected
                if let Some(d) = default {
                    select = select.default(usize::from(d == "no"));
                }
                let i = select.interact().map_err(dialog_err)?;
                Ok(if i == 0 { "yes" } else { "no" }.to_string())
            }
            ValueKind::Confirm => {
                let mut c = Confirm::with_theme(&theme).with_prompt(&q.text);
                if let Some(d) = default {
                    c = c.default(d == "yes");
                }
                let v = c.interact().map_err(dialog_err)?;
                Ok(if v { "yes" } else { "no" }.to_string())
            }
            ValueKind::Check | ValueKind::Choice | ValueKind::Path if !q.choices.is_empty() => {
                let labels: Vec<&str> = q.choices.iter().map(|c| c.label.as_str()).collect();
                let mut select = Select::with_theme(&theme)
                    .with_prompt(&q.text)
                    .items(&labels);
                let preselect = default
                    .and_then(|d| q.choices.iter().position(|c| c.id == d))
                    .or((!crate::checklist::answer::is_safety(q.def.key)).then_some(0));
                if let Some(i) = preselect {
                    select = select.default(i);
                }
                let i = select.interact().map_err(dialog_err)?;
                let id = q.choices[i].id.clone();
                if q.def.kind == ValueKind::Path && id.is_empty() {
                    // "another path": typed
                    return Input::<String>::with_theme(&theme)
                        .with_prompt(&q.text)
                        .interact_text()
                        .map_err(dialog_err);
                }
                if q.def.kind != ValueKind::Check || id != "n/a" {
                    return Ok(id);
                }
                // a checklist item that does not apply: its reason
                let reason = Input::<String>::with_theme(&theme)
                    .with_prompt(crate::t!("checklist.na_reason_prompt"))
                    .interact_text()
                    .map_err(dialog_err)?;
                Ok(format!("n/a: {reason}"))
            }
            _ => text_input(&theme, q, default)
                .interact_text()
                .map_err(dialog_err),
        }
    }

    fn ask_checked(&mut self, q: &Question, check: &TypedCheck) -> Result<String> {
        if q.def.kind == ValueKind::Confirm || !q.choices.is_empty() {
            return self.ask(q);
        }
        // a refused answer is shown with its reason on the prompt and typed again there
        let theme = theme_for(q, self.color);
        text_input(&theme, q, proposed(q))
            .validate_with(|v: &String| check(v))
            .interact_text()
            .map_err(dialog_err)
    }

    fn ask_photo(
        &mut self,
        q: &Question,
        check: &TypedCheck,
        rules: crate::pinpoint::photo::Rules,
        dir: &std::path::Path,
    ) -> Result<String> {
        if let Some(addr) = self.phone {
            let ask = super::phone::PhotoAsk {
                key: q.def.key,
                text: &q.text,
                default: proposed(q),
                optional: q.def.optional,
                rules,
            };
            let mut say = |ok: bool, text: String| {
                let level = if ok { Level::Success } else { Level::Warning };
                self.notify(&Notice {
                    phase: String::new(),
                    level,
                    text,
                })
            };
            if let Some(v) = super::phone::ask(&ask, check, dir, addr, &mut say)? {
                return Ok(v);
            }
        }
        self.ask_checked(q, check)
    }

    fn notify(&mut self, n: &Notice) {
        let style = console::Style::new();
        let style = if !self.color {
            style
        } else {
            match n.level {
                Level::Info => style,
                Level::Success => style.green(),
                Level::Warning => style.yellow().bold(),
                Level::Danger => style.red().bold(),
            }
        };
        let mark = match n.level {
            Level::Info => "  ",
            Level::Success => "✔ ",
            Level::Warning => "! ",
            Level::Danger => "⚠ ",
        };
        // through the wait spinner, which it must not tear
        // made safe before it is styled: a notice may quote what a station or the network sent
        crate::waits::styled_line(&style, &format!("{mark}{}", n.text));
    }

    fn progress(&mut self, p: &crate::waits::Progress) {
        crate::waits::show(p)
    }

    fn ask_secret(&mut self, prompt: &str) -> Result<String> {
        ask_password(prompt)
    }

    fn show_sticker(&mut self, s: &crate::sticker::Sticker, dir: &std::path::Path) {
        // plain ASCII where the terminal cannot draw blocks
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let art = if dumb {
            crate::sticker::terminal::ascii(s)
        } else {
            crate::sticker::terminal::unicode(s)
        };
        eprint!("{art}");
        let url = crate::t!("sticker.url", url = s.url);
        eprintln!("{}", crate::output::safe_text(&url));
        eprintln!("{}", crate::t!("sticker.files", dir = dir.display()));
    }
}

/// The prompt for a typed answer, with its proposed answer.
fn text_input<'a>(
    theme: &'a dyn dialoguer::theme::Theme,
    q: &Question,
    default: Option<&str>,
) -> dialoguer::Input<'a, String> {
    let input = dialoguer::Input::<String>::with_theme(theme)
        .with_prompt(&q.text)
        .allow_empty(q.def.optional);
    match default {
        Some(d) => input.default(d.to_string()),
        None => input,
    }
}

/// The answer proposed at the prompt. A safety item takes none: nothing is preselected, Enter
/// alone does nothing until the installer chooses (or types) the answer.
fn proposed(q: &Question) -> Option<&str> {
    q.default
        .as_deref()
        .filter(|_| !crate::checklist::answer::is_safety(q.def.key))
}

/// Read a password from the terminal without echo (what was typed before the prompt showed is
/// kept: [`super::hidden`]).
#[cfg(unix)]
pub fn ask_password(prompt: &str) -> Result<String> {
    super::hidden::read_line(&crate::output::safe_text(prompt)).map_err(terminal_err)
}

/// Read a password from the terminal without echo.
#[cfg(not(unix))]
pub fn ask_password(prompt: &str) -> Result<String> {
    dialoguer::Password::new()
        .with_prompt(crate::output::safe_text(prompt))
        .interact()
        .map_err(dialog_err)
}

/// A session front end that draws the waits of the one it wraps (one that asks nobody, at a
/// terminal): everything else is passed on.
pub struct WithProgress<P> {
    pub inner: P,
    /// Whether to draw at all (not with `-q` or `--json`).
    pub draw: bool,
}

impl<P: Prompter> Prompter for WithProgress<P> {
    fn can_ask(&self) -> bool {
        self.inner.can_ask()
    }
    fn ask(&mut self, q: &Question) -> crate::Result<String> {
        self.inner.ask(q)
    }
    fn notify(&mut self, n: &Notice) {
        self.inner.notify(n)
    }
    fn show_sticker(&mut self, s: &crate::sticker::Sticker, dir: &std::path::Path) {
        self.inner.show_sticker(s, dir)
    }
    fn ask_secret(&mut self, prompt: &str) -> crate::Result<String> {
        self.inner.ask_secret(prompt)
    }
    fn progress(&mut self, p: &crate::waits::Progress) {
        if self.draw || *p == crate::waits::Progress::Done {
            crate::waits::show(p)
        }
    }
}
