//! One error type for the whole tool: a kind (which decides the exit code), a stable code that
//! scripts and support can grep for, a message that names the thing and the value, and a help line
//! that says what to do next.

use std::fmt;

/// What went wrong, broadly. Each kind has its own documented exit code (README "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The command line or an answers/config file could not be used as given.
    Usage,
    /// A value was given but is not acceptable (range, format, rule of the network).
    Validation,
    /// The station did not answer, answered garbage, or refused over its service port.
    Station,
    /// The network's installer API or OCPP endpoint could not be reached or refused.
    Network,
    /// A session journal is missing, unreadable or fails its hash chain.
    Journal,
    /// A blocking checklist item or safety gate stopped the flow.
    Blocked,
    /// A journal or support bundle could not be read at all (missing, no permission, not a
    /// journal): nothing can be said about its integrity.
    Unreadable,
    /// Ctrl-C or a termination signal; the session is resumable.
    Interrupted,
    /// Local files, permissions, or a fault of the tool itself.
    Internal,
}

impl ErrorKind {
    /// The process exit code for this kind. Stable across releases (README "Exit codes").
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Internal => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Validation => 3,
            ErrorKind::Station => 4,
            ErrorKind::Network => 5,
            ErrorKind::Journal => 6,
            ErrorKind::Blocked => 7,
            ErrorKind::Unreadable => 8,
            ErrorKind::Interrupted => 130,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::Validation => "validation",
            ErrorKind::Station => "station",
            ErrorKind::Network => "network",
            ErrorKind::Journal => "journal",
            ErrorKind::Blocked => "blocked",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::Internal => "internal",
        }
    }
}

/// The tool's error: kind, stable code, message, and an optional help line.
#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    /// Stable identifier such as `E_ANSWERS_KEY`; documented, never reused for something else.
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, code: &'static str, message: impl Into<String>) -> Self {
        Error {
            kind,
            code,
            message: message.into(),
            help: None,
        }
    }
    pub fn usage(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, code, message)
    }
    pub fn validation(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Validation, code, message)
    }
    pub fn station(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Station, code, message)
    }
    pub fn network(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Network, code, message)
    }
    pub fn journal(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Journal, code, message)
    }
    pub fn blocked(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Blocked, code, message)
    }
    pub fn unreadable(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unreadable, code, message)
    }
    pub fn internal(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, code, message)
    }
    pub fn interrupted() -> Self {
        Self::new(
            ErrorKind::Interrupted,
            "E_INTERRUPTED",
            crate::t!("rec.err.interrupted"),
        )
        .with_help(crate::t!("rec.err.interrupted.help"))
    }

    /// An I/O error on a named file, with what the tool was doing. `doing` is a verb phrase in
    /// the process's language (`t!("rec.io.read")`), read as "could not {doing} {path}".
    pub fn io(doing: &str, path: &std::path::Path, err: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let help = match err.kind() {
            K::PermissionDenied => Some(crate::t!("rec.io.help.permission")),
            K::NotFound => Some(crate::t!("rec.io.help.not_found")),
            K::StorageFull | K::QuotaExceeded => Some(crate::t!("rec.io.help.full")),
            K::ReadOnlyFilesystem => Some(crate::t!("rec.io.help.read_only")),
            _ => None,
        };
        Error {
            kind: ErrorKind::Internal,
            code: "E_IO",
            message: crate::t!(
                "rec.io.failed",
                doing = doing,
                path = path.display(),
                why = io_reason(&err)
            ),
            help,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// The machine form printed on stderr in `--json` mode.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "kind": self.kind.name(),
                "code": self.code,
                "message": self.message,
                "help": self.help,
                "exit_code": self.exit_code(),
            }
        })
    }
}

/// Why an I/O operation failed, in the process's language. English keeps the operating system's
/// own text (as before); the other languages get a translated phrase for the common kinds and the
/// system's (English) text only for the rarer ones.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return err.to_string();
    }
    match err.kind() {
        K::NotFound => crate::t!("rec.io.why.not_found"),
        K::PermissionDenied => crate::t!("rec.io.why.permission"),
        K::AlreadyExists => crate::t!("rec.io.why.exists"),
        K::StorageFull => crate::t!("rec.io.why.full"),
        K::QuotaExceeded => crate::t!("rec.io.why.quota"),
        K::ReadOnlyFilesystem => crate::t!("rec.io.why.read_only"),
        K::IsADirectory => crate::t!("rec.io.why.is_dir"),
        K::NotADirectory => crate::t!("rec.io.why.not_dir"),
        K::DirectoryNotEmpty => crate::t!("rec.io.why.not_empty"),
        K::FileTooLarge => crate::t!("rec.io.why.too_large"),
        K::ResourceBusy => crate::t!("rec.io.why.busy"),
        K::TimedOut => crate::t!("rec.io.why.timed_out"),
        K::UnexpectedEof => crate::t!("rec.io.why.eof"),
        K::InvalidFilename => crate::t!("rec.io.why.bad_name"),
        K::CrossesDevices => crate::t!("rec.io.why.cross_device"),
        _ => err.to_string(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_distinct() {
        let kinds = [
            ErrorKind::Usage,
            ErrorKind::Validation,
            ErrorKind::Station,
            ErrorKind::Network,
            ErrorKind::Journal,
            ErrorKind::Blocked,
            ErrorKind::Unreadable,
            ErrorKind::Interrupted,
            ErrorKind::Internal,
        ];
        let mut codes: Vec<i32> = kinds.iter().map(|k| k.exit_code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), kinds.len());
        assert_eq!(ErrorKind::Usage.exit_code(), 2);
    }
}
