//! One writer at a time: an advisory lock on a small file beside what it guards (a session's
//! journal, an outbox entry), taken with the operating system's file lock (`flock` on Unix,
//! `LockFileEx` on Windows) so it is released when the process ends, however it ends. The
//! holder writes who it is (process id, since when, what for) into the lock file, so a second
//! process that is refused can name it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Who holds a lock, as the holder wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    /// UTC, RFC 3339.
    pub since: String,
    /// What the holder does (`renetwork`, `sync`).
    pub what: String,
}

impl Holder {
    fn me(what: &str) -> Holder {
        Holder {
            pid: std::process::id(),
            since: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            what: what.to_string(),
        }
    }

    /// "process 123 (renetwork) since 2026-…", or that the holder did not say.
    pub fn describe(holder: Option<&Holder>) -> String {
        match holder {
            Some(h) => crate::t!("lock.holder", pid = h.pid, what = h.what, since = h.since),
            None => crate::t!("lock.holder_unknown"),
        }
    }
}

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

fn open(path: &Path) -> Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
        .map_err(|e| Error::io(&crate::t!("lock.doing"), path, e))
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut s = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(4096).read_to_string(&mut s).ok()?;
    serde_json::from_str(s.trim()).ok()
}

fn claim(mut file: File, path: &Path, what: &str) -> Result<Lock> {
    let me = serde_json::to_vec(&Holder::me(what)).unwrap_or_default();
    let io = |e| Error::io(&crate::t!("lock.doing"), path, e);
    file.set_len(0).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    file.write_all(&me).map_err(io)?;
    file.flush().map_err(io)?;
    Ok(Lock {
        file,
        path: path.to_path_buf(),
    })
}

/// Take the lock at `path` if nobody holds it: `Ok(Err(holder))` when another process does.
pub fn try_lock(path: &Path, what: &str) -> Result<std::result::Result<Lock, Option<Holder>>> {
    let mut file = open(path)?;
    match file.try_lock() {
        Ok(()) => claim(file, path, what).map(Ok),
        Err(TryLockError::WouldBlock) => Ok(Err(read_holder(&mut file))),
        Err(TryLockError::Error(e)) => Err(Error::io(&crate::t!("lock.doing"), path, e)),
    }
}

/// Take the lock at `path`, waiting for its holder to finish; `waiting` is called once, with the
/// holder, when there is one to wait for.
pub fn lock_wait(path: &Path, what: &str, waiting: &mut dyn FnMut(Option<Holder>)) -> Result<Lock> {
    match try_lock(path, what)? {
        Ok(l) => Ok(l),
        Err(holder) => {
            waiting(holder);
            let file = open(path)?;
            file.lock()
                .map_err(|e| Error::io(&crate::t!("lock.doing"), path, e))?;
            claim(file, path, what)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_names_the_holder_until_released() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("lock");
        let first = try_lock(&p, "renetwork").unwrap().unwrap();
        let held = try_lock(&p, "renetwork").unwrap().unwrap_err().unwrap();
        assert_eq!(held.pid, std::process::id());
        assert_eq!(held.what, "renetwork");
        assert!(Holder::describe(Some(&held)).contains(&held.pid.to_string()));
        drop(first);
        let again = try_lock(&p, "sync").unwrap();
        assert!(again.is_ok());
    }
}
