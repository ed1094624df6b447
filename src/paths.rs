//! Where evfield keeps its files.
//!
//! The data directory holds the session journals (`sessions/<id>/journal.jsonl`) and the
//! machine-local state. Its place is chosen in a fixed order: `--data-dir`, then the
//! `EVFIELD_DATA_DIR` environment variable, then the platform's data directory
//! (`$XDG_DATA_HOME/evfield` on Linux).

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Resolve the data directory (see the module docs for the order).
/// The largest text the user hands in whole (answers file, configuration, token file or stdin,
/// submission file, batch CSV/JSON, a password or key on stdin): 16 MiB.
pub const MAX_USER_FILE: u64 = 16 << 20;

/// Read all of `r`, at most [`MAX_USER_FILE`] bytes: more is an error naming the limit (only
/// one byte over it is ever read, so `/dev/zero` or an endless pipe ends at once).
pub fn read_bounded(r: &mut dyn std::io::Read) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    r.take(MAX_USER_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_USER_FILE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            crate::t!(
                "bounds.file_too_big",
                name = "MAX_USER_FILE",
                limit = crate::paths::size_text(MAX_USER_FILE)
            ),
        ));
    }
    Ok(bytes)
}

/// [`read_bounded`] as text (UTF-8).
pub fn read_text_bounded(r: &mut dyn std::io::Read) -> std::io::Result<String> {
    String::from_utf8(read_bounded(r)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// A file the user names, read whole with [`read_bounded`].
pub fn read_file_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    read_bounded(&mut fs::File::open(path)?)
}

/// A text file the user names, read whole with [`read_bounded`].
pub fn read_to_string_bounded(path: &Path) -> std::io::Result<String> {
    read_text_bounded(&mut fs::File::open(path)?)
}

pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("EVFIELD_DATA_DIR").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "evfield")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::usage("E_NO_DATA_DIR", crate::t!("rec.paths.no_home"))
                .with_help(crate::t!("rec.paths.no_home.help"))
        })
}

/// The user's configuration directory (`$XDG_CONFIG_HOME/evfield` on Linux), when there is one.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "evfield").map(|d| d.config_dir().to_path_buf())
}

/// Create a directory (and its parents) readable only by the user: every directory it creates
/// (the data directory itself included) is 0700 from the start, not only the last one.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_dir"), dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(&crate::t!("rec.io.set_permissions"), dir, e))?;
    }
    Ok(())
}

/// Write a file atomically: a temporary file in the same directory, fsynced, then renamed over
/// the target, so a crash leaves either the old or the new content, never half of one.
/// The directory is created when missing; the file is created readable only by the user.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(&crate::t!("rec.io.create_dir"), dir, e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| Error::io(&crate::t!("rec.io.create_temp"), dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(&crate::t!("rec.io.write"), tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(&crate::t!("rec.io.flush"), tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(&crate::t!("rec.io.replace"), path, e.error))?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A size as people read it: `64 MiB (67108864 bytes)`.
pub fn size_text(bytes: u64) -> String {
    let unit = if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        return format!("{bytes} bytes");
    };
    format!("{unit} ({bytes} bytes)")
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The directory that holds every session.
pub fn sessions_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("sessions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_over_env_and_default() {
        let p = data_dir(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(p, PathBuf::from("/tmp/x"));
    }

    #[test]
    fn atomic_write_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.json");
        write_atomic(&f, b"one").unwrap();
        write_atomic(&f, b"two").unwrap();
        assert_eq!(fs::read(&f).unwrap(), b"two");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }
}
