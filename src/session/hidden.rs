//! A line read at the terminal without echo: the installer's password and the station's key.
//!
//! Echo is turned off with `TCSANOW`, so what was typed before the prompt showed is kept, not
//! thrown away (the usual `TCSAFLUSH` would drop a password typed a moment too early, and the
//! installer would wait for a login that never comes). The terminal's settings are kept here
//! while the line is read, so that Ctrl-C ([`restore`], from the interrupt handler) gives the
//! terminal its echo back before the process ends.

use std::io::{BufRead, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Mutex;

/// The terminal's settings before echo was turned off, while a hidden line is read.
static SAVED: Mutex<Option<(RawFd, libc::termios)>> = Mutex::new(None);

/// Give the terminal back the settings it had before a hidden read (if one is under way).
pub fn restore() {
    let saved = match SAVED.lock() {
        Ok(mut s) => s.take(),
        Err(p) => p.into_inner().take(),
    };
    if let Some((fd, t)) = saved {
        // SAFETY: `t` is a termios read from this fd by tcgetattr.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) };
    }
}

/// Ask `prompt` and read a non-empty line without echo from the terminal (standard input when it
/// is one, else `/dev/tty`), without its line end.
pub fn read_line(prompt: &str) -> std::io::Result<String> {
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let fd = stdin.as_raw_fd();
        read_from(fd, &mut stdin.lock(), prompt)
    } else {
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")?;
        let fd = tty.as_raw_fd();
        read_from(fd, &mut std::io::BufReader::new(tty), prompt)
    }
}

fn read_from(fd: RawFd, input: &mut impl BufRead, prompt: &str) -> std::io::Result<String> {
    let mut err = std::io::stderr();
    loop {
        write!(err, "{prompt}: ")?;
        err.flush()?;
        let mut line = String::new();
        let read = without_echo(fd, || input.read_line(&mut line));
        // the Enter that ended the line was not echoed
        writeln!(err)?;
        if read? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the terminal closed",
            ));
        }
        let len = line.trim_end_matches(['\r', '\n']).len();
        line.truncate(len);
        if !line.is_empty() {
            return Ok(line);
        }
    }
}

/// Run `f` with the terminal's echo off, and its settings restored after.
fn without_echo<T>(fd: RawFd, f: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<T> {
    let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: tcgetattr fills the termios it is given, or fails and leaves it unread.
    if unsafe { libc::tcgetattr(fd, t.as_mut_ptr()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: tcgetattr succeeded, so `t` is initialised.
    let original = unsafe { t.assume_init() };
    let mut quiet = original;
    quiet.c_lflag &= !libc::ECHO;
    if let Ok(mut s) = SAVED.lock() {
        *s = Some((fd, original));
    }
    // SAFETY: a termios derived from the one tcgetattr gave for this fd.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } != 0 {
        let e = std::io::Error::last_os_error();
        restore();
        return Err(e);
    }
    let r = f();
    restore();
    r
}
