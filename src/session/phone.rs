//! A photo prompt at a terminal with the phone as the camera (`renetwork --phone-camera ADDR`,
//! docs/photos.md "The phone as the camera"): the prompt shows the QR code and the address of a
//! one-time upload page ([`crate::pinpoint::phone`]) and takes whichever comes first, the
//! phone's upload or a path typed at the prompt. The terminal stays in its line mode while the
//! page waits: the typed line is edited by the terminal itself and read when Enter is pressed;
//! between keystrokes the page is looked at every tenth of a second. An upload that wins is kept
//! in the session's `photos/` folder as the phone sent it, and its path is the answer (checked,
//! journaled and correctable like a typed one); the page ends with the prompt.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::pinpoint::phone::{Outcome, Page, Received};
use crate::pinpoint::photo::Rules;
use crate::{Error, Result, t};

/// The photo question, as the prompt shows it.
pub struct PhotoAsk<'a> {
    pub key: &'a str,
    pub text: &'a str,
    /// Taken when Enter alone is pressed.
    pub default: Option<&'a str>,
    pub optional: bool,
    /// What the photo must be.
    pub rules: Rules,
}

/// Ask `q` with the phone's page at `addr` beside the typed answer; `check` says why a typed
/// answer is refused, `say` shows a notice (`true`: a success, else a warning). `None` when
/// the page cannot be served (said as a warning): the caller asks as usual.
pub fn ask(
    q: &PhotoAsk,
    check: &dyn Fn(&str) -> std::result::Result<(), String>,
    dir: &Path,
    addr: SocketAddr,
    say: &mut dyn FnMut(bool, String),
) -> Result<Option<String>> {
    if !cfg!(unix) {
        say(false, t!("phone.prompt.unsupported"));
        return Ok(None);
    }
    let mut page = match Page::open(addr, q.rules) {
        Ok(p) => p,
        Err(e) => {
            let help = e.help.clone().unwrap_or_default();
            say(false, format!("{} ({help})", e.message));
            return Ok(None);
        }
    };
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if let Ok(code) = crate::sticker::terminal::code_of(page.url(), dumb) {
        eprint!("{code}");
    }
    eprintln!("{}", t!("phone.prompt.scan", url = page.url()));
    let default = q.default.map(str::to_string);
    let prompt = match &default {
        Some(d) => format!("{} [{}]: ", q.text, crate::output::safe_text(d)),
        None => format!("{}: ", q.text),
    };
    loop {
        eprint!("{prompt}");
        let _ = std::io::stderr().flush();
        let line = loop {
            match page.try_next() {
                Some(Outcome::Accepted(r)) => {
                    page.close();
                    terminal::drop_typed();
                    eprintln!();
                    return taken(&r, dir, q.key, say).map(Some);
                }
                Some(Outcome::Refused(why)) => {
                    eprintln!();
                    say(false, t!("phone.refused_here", why = why));
                    eprint!("{prompt}");
                    let _ = std::io::stderr().flush();
                }
                Some(Outcome::Ended(e)) => {
                    eprintln!();
                    say(
                        false,
                        format!("{} ({})", e.message, e.help.unwrap_or_default()),
                    );
                    eprint!("{prompt}");
                    let _ = std::io::stderr().flush();
                }
                None => {}
            }
            if let Some(line) = terminal::line_within(std::time::Duration::from_millis(100))? {
                break line;
            }
        };
        let typed = line.trim();
        let v = match (typed.is_empty(), &default) {
            (true, Some(d)) => d.clone(),
            (true, None) if !q.optional => continue,
            _ => typed.to_string(),
        };
        match check(&v) {
            Ok(()) => {
                // the page ends before the typed answer is taken; an upload the page accepted
                // just before (the phone was told it was received) is the answer instead
                page.close();
                while let Some(o) = page.try_next() {
                    if let Outcome::Accepted(r) = o {
                        return taken(&r, dir, q.key, say).map(Some);
                    }
                }
                return Ok(Some(v));
            }
            Err(why) => say(false, t!("session.try_again", why = why)),
        }
    }
}

/// The phone's photo won: kept, said, and its path is the answer.
fn taken(r: &Received, dir: &Path, key: &str, say: &mut dyn FnMut(bool, String)) -> Result<String> {
    let path = keep(r, dir, key)?;
    say(true, t!("phone.prompt.received", file = path.display()));
    Ok(path.display().to_string())
}

/// Keep the phone's photo in the session's photos folder, as sent: `phone-KEY-N.jpg|png`, N the
/// first number not taken (a corrected photo does not replace the one it corrects).
fn keep(r: &Received, dir: &Path, key: &str) -> Result<PathBuf> {
    crate::paths::ensure_private_dir(dir)?;
    let path = (1..)
        .map(|n| dir.join(format!("phone-{key}-{n}.{}", r.ext)))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("phone-{key}.{}", r.ext)));
    r.save(&path)?;
    Ok(path)
}

/// The terminal in its line mode: a typed line is there once Enter was pressed.
#[cfg(unix)]
mod terminal {
    use super::*;

    /// The line typed, when one is complete within `wait`.
    pub fn line_within(wait: std::time::Duration) -> Result<Option<String>> {
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd for the length given
        let n = unsafe { libc::poll(&mut fd, 1, wait.as_millis() as libc::c_int) };
        if n <= 0 {
            return Ok(None);
        }
        let mut line = String::new();
        let read = std::io::stdin().read_line(&mut line).map_err(|e| {
            Error::internal(
                "E_TERMINAL",
                t!("rec.prompt.terminal", why = crate::error::io_reason(&e)),
            )
        })?;
        if read == 0 {
            // end of input (Ctrl-D): nobody is there to answer
            return Err(Error::interrupted());
        }
        Ok(Some(line))
    }

    /// Forget what was typed and not yet entered (the upload won).
    pub fn drop_typed() {
        // SAFETY: a plain call on the standard input's descriptor
        unsafe {
            libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
        }
    }
}

#[cfg(not(unix))]
mod terminal {
    use super::*;

    pub fn line_within(_wait: std::time::Duration) -> Result<Option<String>> {
        Ok(None)
    }

    pub fn drop_typed() {}
}
