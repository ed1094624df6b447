//! OCPP-J, the JSON-over-WebSocket RPC of OCPP: one module for the three parts of evfield that
//! speak it (the probe, a central system on the laptop; the simulated station, a charging
//! station; the sandbox network, a central system), so they frame, number, check and refuse
//! messages the same way.
//!
//! Sources: OCPP-J 1.6 (edition 2), §3 (the subprotocol `ocpp1.6`) and §4 (the RPC framework);
//! OCPP 2.0.1 Part 4 "JSON over WebSockets implementation guide", §3 and §4 (the subprotocol
//! `ocpp2.0.1`). Both frame a message as a JSON array:
//!
//! - CALL `[2, "<messageId>", "<Action>", {payload}]`
//! - CALLRESULT `[3, "<messageId>", {payload}]`
//! - CALLERROR `[4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]`
//!
//! A message id is a string of at most 36 characters, unique among the sender's calls on the
//! connection. The error codes are the same in both versions but for three: 1.6 spells
//! `FormationViolation` and `OccurenceConstraintViolation` (sic), 2.0.1 `FormatViolation` and
//! `OccurrenceConstraintViolation`, and only 2.0.1 has `MessageTypeNotSupported` and
//! `RpcFrameworkError`. The typed payloads of the messages evfield uses are in [`v16`] and
//! [`v201`]; what a central system answers to a station's own calls is [`central`].
//!
//! Where the facts come from (read for facts only; the code is ours):
//!
//! | fact | specification | independent implementations | status |
//! | --- | --- | --- | --- |
//! | frame layouts, type numbers 2/3/4, id at most 36 characters | OCPP-J 1.6 §4.1–4.2; 2.0.1 Part 4 §4 | mobilityhouse/ocpp (Python), CitrineOS (TypeScript) | confirmed twice |
//! | 1.6 error codes, `FormationViolation`, `OccurenceConstraintViolation` | OCPP-J 1.6 §4.2.3 | mobilityhouse/ocpp, daryarha/ocpp (TypeScript) | confirmed twice |
//! | 2.0.1 error codes incl. `FormatViolation`, `MessageTypeNotSupported`, `RpcFrameworkError` | 2.0.1 Part 4 §4.3 | CitrineOS, ocpp-rpc (TypeScript) | confirmed twice |
//! | id `-1` when a message's own id cannot be read | 2.0.1 Part 4, not re-read | none found | assumption |
//! | 2.0.1 payload names (BootNotification, NotifyReport, Get/SetVariables, Reset, StatusNotification) | OCPP 2.0.1 JSON schemas | mobilityhouse/ocpp `v201/schemas` | confirmed twice |
//! | 1.6 payload names | OCPP 1.6 JSON schemas | mobilityhouse/ocpp `v16/schemas` | confirmed twice |
//! | a CALLERROR without details is sent by some stations | none | none found (our leniency) | assumption |
//!
//! How lenient a reader is, is decided here once: a frame must be a JSON array of the right
//! length and types, with one exception seen on real stations: a CALLERROR without its
//! `errorDetails` is read with empty details.

pub mod central;
pub mod v16;
pub mod v201;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Message type numbers (OCPP-J §4.1.3).
pub const CALL: u64 = 2;
pub const CALLRESULT: u64 = 3;
pub const CALLERROR: u64 = 4;

/// The longest message id either version allows.
pub const MAX_ID_LEN: usize = 36;

/// The id to answer with when a frame's own id cannot be read (OCPP 2.0.1 Part 4 §4.2.3).
pub const UNKNOWN_ID: &str = "-1";

/// An OCPP version evfield speaks over JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Version {
    #[serde(rename = "1.6")]
    V16,
    #[serde(rename = "2.0.1")]
    V201,
}

impl Version {
    pub const ALL: [Version; 2] = [Version::V16, Version::V201];

    /// The WebSocket subprotocol that names it in the handshake.
    pub fn subprotocol(self) -> &'static str {
        match self {
            Version::V16 => "ocpp1.6",
            Version::V201 => "ocpp2.0.1",
        }
    }

    /// `1.6` or `2.0.1`.
    pub fn label(self) -> &'static str {
        match self {
            Version::V16 => "1.6",
            Version::V201 => "2.0.1",
        }
    }

    pub fn from_subprotocol(s: &str) -> Option<Version> {
        Version::ALL
            .into_iter()
            .find(|v| v.subprotocol().eq_ignore_ascii_case(s.trim()))
    }

    /// A version as a person or a script names it: `1.6`, `2.0.1`, or the subprotocol.
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim();
        let named = match s {
            "1.6" | "16" | "1.6j" | "1.6J" => Some(Version::V16),
            "2.0.1" | "201" => Some(Version::V201),
            _ => None,
        };
        named.or(Version::from_subprotocol(s))
    }

    /// The first version of `ours` (in our order of preference) that the peer offered in its
    /// `Sec-WebSocket-Protocol` header (comma-separated, any case).
    pub fn choose(offered: &str, ours: &[Version]) -> Option<Version> {
        ours.iter().copied().find(|v| {
            offered
                .split(',')
                .any(|p| p.trim().eq_ignore_ascii_case(v.subprotocol()))
        })
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A CALLERROR's code, named once for both versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError,
    SecurityError,
    /// 1.6 `FormationViolation`, 2.0.1 `FormatViolation`.
    FormatViolation,
    PropertyConstraintViolation,
    /// 1.6 `OccurenceConstraintViolation`, 2.0.1 `OccurrenceConstraintViolation`.
    OccurrenceConstraintViolation,
    TypeConstraintViolation,
    GenericError,
    /// 2.0.1 only; 1.6 says `FormationViolation`.
    MessageTypeNotSupported,
    /// 2.0.1 only; 1.6 says `FormationViolation`.
    RpcFrameworkError,
}

impl ErrorCode {
    /// The code as `version` spells it on the wire.
    pub fn name(self, version: Version) -> &'static str {
        use ErrorCode::*;
        let v16 = version == Version::V16;
        match self {
            NotImplemented => "NotImplemented",
            NotSupported => "NotSupported",
            InternalError => "InternalError",
            ProtocolError => "ProtocolError",
            SecurityError => "SecurityError",
            FormatViolation | MessageTypeNotSupported | RpcFrameworkError if v16 => {
                "FormationViolation"
            }
            FormatViolation => "FormatViolation",
            MessageTypeNotSupported => "MessageTypeNotSupported",
            RpcFrameworkError => "RpcFrameworkError",
            PropertyConstraintViolation => "PropertyConstraintViolation",
            OccurrenceConstraintViolation if v16 => "OccurenceConstraintViolation",
            OccurrenceConstraintViolation => "OccurrenceConstraintViolation",
            TypeConstraintViolation => "TypeConstraintViolation",
            GenericError => "GenericError",
        }
    }
}

/// One OCPP-J message.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    Call {
        id: String,
        action: String,
        payload: Value,
    },
    Result {
        id: String,
        payload: Value,
    },
    Error {
        id: String,
        code: String,
        description: String,
        details: Value,
    },
}

impl Frame {
    pub fn call(id: impl Into<String>, action: impl Into<String>, payload: Value) -> Frame {
        Frame::Call {
            id: id.into(),
            action: action.into(),
            payload,
        }
    }

    pub fn result(id: impl Into<String>, payload: Value) -> Frame {
        Frame::Result {
            id: id.into(),
            payload,
        }
    }

    /// A CALLERROR with empty details.
    pub fn error(
        version: Version,
        id: impl Into<String>,
        code: ErrorCode,
        description: impl Into<String>,
    ) -> Frame {
        Frame::Error {
            id: id.into(),
            code: code.name(version).to_string(),
            description: description.into(),
            details: json!({}),
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Frame::Call { id, .. } | Frame::Result { id, .. } | Frame::Error { id, .. } => id,
        }
    }

    /// The frame as the text of one WebSocket message.
    pub fn to_text(&self) -> String {
        match self {
            Frame::Call {
                id,
                action,
                payload,
            } => json!([CALL, id, action, payload]),
            Frame::Result { id, payload } => json!([CALLRESULT, id, payload]),
            Frame::Error {
                id,
                code,
                description,
                details,
            } => json!([CALLERROR, id, code, description, details]),
        }
        .to_string()
    }
}

/// A message that is not a well-formed frame, and the CALLERROR that answers it.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    /// The frame's id when it could be read, else [`UNKNOWN_ID`].
    pub id: String,
    /// It was a CALL (or could not be told apart): a CALLERROR is owed. A malformed answer
    /// is never answered (that could loop between two peers).
    pub answer: bool,
    pub code: ErrorCode,
    pub why: String,
}

impl Malformed {
    /// The CALLERROR to send back, when one is owed.
    pub fn reply(&self, version: Version) -> Option<Frame> {
        self.answer
            .then(|| Frame::error(version, &self.id, self.code, &self.why))
    }
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why)
    }
}

/// Read one WebSocket text message as a frame.
pub fn parse(text: &str) -> Result<Frame, Malformed> {
    let bad = |id: &str, answer: bool, code: ErrorCode, why: String| Malformed {
        id: id.to_string(),
        answer,
        code,
        why,
    };
    let Ok(Value::Array(mut m)) = serde_json::from_str::<Value>(text) else {
        return Err(bad(
            UNKNOWN_ID,
            true,
            ErrorCode::RpcFrameworkError,
            "an OCPP-J message is a JSON array".into(),
        ));
    };
    let kind = m.first().and_then(Value::as_u64);
    let id = match m.get(1) {
        Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= MAX_ID_LEN => s.clone(),
        _ => {
            let answer = !matches!(kind, Some(CALLRESULT | CALLERROR));
            return Err(bad(
                UNKNOWN_ID,
                answer,
                ErrorCode::RpcFrameworkError,
                format!("the message id must be a string of 1 to {MAX_ID_LEN} characters"),
            ));
        }
    };
    match kind {
        Some(CALL) => {
            if m.len() != 4 {
                return Err(bad(
                    &id,
                    true,
                    ErrorCode::FormatViolation,
                    "a CALL is [2, \"<id>\", \"<Action>\", {payload}]".into(),
                ));
            }
            let payload = m.pop().unwrap_or(Value::Null);
            let action = match m.pop() {
                Some(Value::String(a)) if !a.is_empty() => a,
                _ => {
                    return Err(bad(
                        &id,
                        true,
                        ErrorCode::FormatViolation,
                        "a CALL names its action as a string".into(),
                    ));
                }
            };
            if !payload.is_object() {
                return Err(bad(
                    &id,
                    true,
                    ErrorCode::FormatViolation,
                    format!("the payload of {action} must be a JSON object"),
                ));
            }
            Ok(Frame::Call {
                id,
                action,
                payload,
            })
        }
        Some(CALLRESULT) => match (m.len(), m.pop()) {
            (3, Some(payload)) if payload.is_object() => Ok(Frame::Result { id, payload }),
            _ => Err(bad(
                &id,
                false,
                ErrorCode::FormatViolation,
                "a CALLRESULT is [3, \"<id>\", {payload}]".into(),
            )),
        },
        Some(CALLERROR) if matches!(m.len(), 4 | 5) => {
            let details = if m.len() == 5 {
                m.pop().unwrap_or(Value::Null)
            } else {
                json!({})
            };
            let description = m.pop();
            let code = m.pop();
            match (code, description) {
                (Some(Value::String(code)), Some(Value::String(description)))
                    if details.is_object() =>
                {
                    Ok(Frame::Error {
                        id,
                        code,
                        description,
                        details,
                    })
                }
                _ => Err(bad(
                    &id,
                    false,
                    ErrorCode::FormatViolation,
                    "a CALLERROR is [4, \"<id>\", \"<code>\", \"<description>\", {details}]".into(),
                )),
            }
        }
        Some(CALLERROR) => Err(bad(
            &id,
            false,
            ErrorCode::FormatViolation,
            "a CALLERROR is [4, \"<id>\", \"<code>\", \"<description>\", {details}]".into(),
        )),
        _ => Err(bad(
            &id,
            true,
            ErrorCode::MessageTypeNotSupported,
            format!(
                "the message type must be {CALL}, {CALLRESULT} or {CALLERROR}, not {}",
                m.first().map(Value::to_string).unwrap_or_default()
            ),
        )),
    }
}

/// A CALL's payload read as its typed request, or the CALLERROR code and why when it is not
/// one: a required field missing is an occurrence violation, a field of the wrong JSON type a
/// type violation, anything else a format violation.
pub fn decode<T: DeserializeOwned>(
    action: &str,
    payload: &Value,
) -> Result<T, (ErrorCode, String)> {
    T::deserialize(payload).map_err(|e| {
        let text = e.to_string();
        let code = if text.starts_with("missing field") {
            ErrorCode::OccurrenceConstraintViolation
        } else if text.starts_with("invalid type") || text.starts_with("invalid value") {
            ErrorCode::TypeConstraintViolation
        } else if text.starts_with("unknown variant") {
            ErrorCode::PropertyConstraintViolation
        } else {
            ErrorCode::FormatViolation
        };
        (code, format!("{action}: {text}"))
    })
}

/// A typed payload as the JSON object to send (a struct of evfield's own always serialises).
pub fn encode<T: Serialize>(payload: &T) -> Value {
    serde_json::to_value(payload).unwrap_or_else(|_| json!({}))
}

/// Message ids for the calls one side sends on one connection: `<prefix>-1`, `<prefix>-2`, ...
/// (the prefix keeps them apart in a log; ids stay within [`MAX_ID_LEN`]).
#[derive(Debug, Clone)]
pub struct Ids {
    prefix: String,
    next: u64,
}

impl Ids {
    pub fn new(prefix: &str) -> Ids {
        Ids {
            prefix: prefix.chars().take(MAX_ID_LEN - 21).collect(),
            next: 0,
        }
    }

    pub fn next_id(&mut self) -> String {
        self.next += 1;
        format!("{}-{}", self.prefix, self.next)
    }
}

/// The time as OCPP writes it: RFC 3339, UTC, milliseconds.
pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Now, as [`timestamp`] writes it.
pub fn now() -> String {
    timestamp(chrono::Utc::now())
}

#[cfg(test)]
mod tests;
