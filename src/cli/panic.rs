//! The panic hook of the binary: a panic is a bug, never the answer to an argument (issue 13,
//! item 8), but if one is reached, a script that asked for `--json` still gets the JSON error
//! form on stderr, and a person gets a translated line saying what to do.

use crate::Error;

/// The error a panic is reported as: what panicked and where.
pub fn as_error(what: &str, location: Option<String>) -> Error {
    let what = match location {
        Some(at) => format!("{what} ({at})"),
        None => what.to_string(),
    };
    Error::internal("E_PANIC", crate::t!("panics.bug", what = what))
        .with_help(crate::t!("panics.bug.help"))
}

/// Install the hook. Under `--json` (or `EVFIELD_JSON`) it prints only the JSON error; otherwise
/// the translated error and help, then what Rust's own hook prints (for a bug report).
pub fn install() {
    let json = super::machine::json_requested();
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        let err = as_error(&what, at);
        let mut out = crate::output::Output::stdio(json, false, 0);
        out.error(&err);
        if !json {
            default(info);
        }
    }));
}

/// A way for the tests to reach the hook through the real binary; debug builds only.
pub fn test_trigger() {
    if cfg!(debug_assertions) && std::env::var_os("EVFIELD_TEST_PANIC").is_some() {
        panic!("EVFIELD_TEST_PANIC is set");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error_naming_where() {
        let e = as_error("boom", Some("src/x.rs:3".into()));
        let j = e.to_json();
        assert_eq!(e.exit_code(), 1);
        assert_eq!(j["error"]["code"], "E_PANIC", "{j}");
        assert!(j.to_string().contains("boom (src/x.rs:3)"), "{j}");
    }
}
